//! Where the rules and the learned tagger meet.
//!
//! The rules are right where their lists and context settle a name: a gazetteer entry, an
//! organization or place head word, a given name and a surname, a title before a person.
//! Everything else is the tagger's call: the kind of a capitalized span the rules could
//! not type, the bounds of a span the rules drew too wide ("Matchwinner Keane"), and names
//! the rules did not see at all. The tagger reads the whole article (see `tagger`), so its
//! calls already carry document-level cues.

use super::tagger::{self, Word};
use super::{Cand, Tok};
use crate::model::EntityKind;

/// How sure the tagger must be (its margin over the runner-up tag, in the model's score
/// units) to retype a name the rules typed on weak evidence. Chosen on CoNLL testa and
/// corpus dev: lower margins gain on newswire and lose more on the articles.
const RETYPE: f32 = 50.0;
/// How sure it must be to read a gazetteer place as an organization: the place's name
/// standing for its team or government ("Surrey beat Kent by six wickets").
const PLACE_AS_ORG: f32 = 60.0;

/// The tagger's call on one token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Call {
    pub kind: Option<EntityKind>,
    /// Opens a name (a `B-` tag).
    pub begin: bool,
    pub margin: f32,
}

/// A name as the tagger sees it: tokens `a..b`, its kind and its weakest margin.
#[derive(Debug, Clone, Copy)]
struct Span {
    a: usize,
    b: usize,
    kind: EntityKind,
    margin: f32,
}

/// Whether `blend` may change a candidate's kind, so that the tagger must read its
/// sentence.
pub(super) fn open_to_tagger(c: &Cand) -> bool {
    if c.canon.is_some() {
        c.kind == Some(EntityKind::Place)
    } else {
        !c.strong && (c.kind.is_some() || c.open)
    }
}

/// Words before a candidate that the tagger reads with it: its context features look
/// two words back, and a name may open earlier than the rules' bounds.
const LEAD_IN: usize = 3;

/// Tags the article's tokens with the embedded model, one call per token. Only the words
/// of `cands` that `blend` may change are read, each with a few words before it (tagging
/// is most of the cost of recognition); other tokens get no kind.
pub(super) fn tag_tokens(toks: &[Tok], cands: &[Cand]) -> Vec<Call> {
    let (sentences, at) = sentences(toks);
    // Token windows, in order and merged where they touch.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut wanted: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| open_to_tagger(c))
        .map(|c| (c.a - at[c.a].1.min(LEAD_IN), c.b))
        .collect();
    wanted.sort_unstable();
    for (a, b) in wanted {
        match windows.last_mut() {
            Some(w) if a <= w.1 && at[a].0 == at[w.0].0 => w.1 = w.1.max(b),
            _ => windows.push((a, b)),
        }
    }
    let local: Vec<(usize, usize, usize)> = windows
        .iter()
        .map(|&(a, b)| (at[a].0, at[a].1, at[a].1 + (b - a)))
        .collect();
    let mut calls = vec![
        Call {
            kind: None,
            begin: false,
            margin: 0.0,
        };
        toks.len()
    ];
    for (&(a, _), tags) in windows.iter().zip(tagger::tag_windows(&sentences, &local)) {
        for (k, (tag, margin)) in tags.into_iter().enumerate() {
            calls[a + k] = Call {
                kind: tagger::kind_of(tag),
                begin: tag % 2 == 1,
                margin,
            };
        }
    }
    calls
}

/// The tokens as the tagger's sentences of words, and for each token its sentence and
/// its place there.
fn sentences<'a>(toks: &[Tok<'a>]) -> (Vec<Vec<Word<'a>>>, Vec<(usize, usize)>) {
    let mut sentences: Vec<Vec<Word>> = Vec::new();
    let mut at: Vec<(usize, usize)> = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        if i == 0 || toks[i - 1].sent != t.sent {
            sentences.push(Vec::new());
        }
        let n = sentences.len() - 1;
        at.push((n, sentences[n].len()));
        sentences[n].push(Word {
            text: t.text,
            clean_before: t.clean_before,
            poss: t.poss,
            initial: t.initial,
        });
    }
    (sentences, at)
}

/// The tagger's kind for every token, all sentences read (for the benches: an upper
/// bound on what `tag_tokens` costs).
pub(super) fn tag_all(toks: &[Tok]) -> Vec<Option<EntityKind>> {
    let (sentences, _) = sentences(toks);
    tagger::tag_article(&sentences)
        .concat()
        .into_iter()
        .map(tagger::kind_of)
        .collect()
}

/// The tagger's names, in token order.
fn spans(calls: &[Call]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, c) in calls.iter().enumerate() {
        let Some(kind) = c.kind else { continue };
        match out.last_mut() {
            Some(s) if !c.begin && s.b == i && s.kind == kind => {
                s.b = i + 1;
                s.margin = s.margin.min(c.margin);
            }
            _ => out.push(Span {
                a: i,
                b: i + 1,
                kind,
                margin: c.margin,
            }),
        }
    }
    out
}

/// Joins the rules' candidates with the tagger's calls. Where one tagger name covers a
/// candidate, a weak kind yields to a sure tagger, and so does a name the rules found
/// no evidence for, or a gazetteer place the tagger reads as an organization; names
/// settled by a head word or a full person name, and words the rules left out on purpose
/// (currencies, events, groups), stand.
pub(super) fn blend(cands: Vec<Cand>, calls: &[Call]) -> Vec<Cand> {
    let spans = spans(calls);
    cands
        .into_iter()
        .map(|c| {
            let mut over = spans.iter().filter(|s| s.a < c.b && s.b > c.a);
            let (Some(s), None) = (over.next(), over.next()) else {
                return c;
            };
            // The tagger may draw the name wider than the rules ("P. Simmons" where the
            // rules kept "Simmons"); the rules' bounds stand.
            if s.a > c.a || s.b < c.b || c.kind.is_none() && !c.open || c.kind == Some(s.kind) {
                return c;
            }
            let place_as_org = c.canon.is_some()
                && c.kind == Some(EntityKind::Place)
                && s.kind == EntityKind::Organization
                && s.margin >= PLACE_AS_ORG;
            let weak = c.canon.is_none() && !c.strong && s.margin >= RETYPE;
            if place_as_org || weak {
                Cand {
                    kind: Some(s.kind),
                    canon: None,
                    ..c
                }
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(kind: Option<EntityKind>, begin: bool, margin: f32) -> Call {
        Call {
            kind,
            begin,
            margin,
        }
    }

    fn cand(a: usize, b: usize, kind: Option<EntityKind>, strong: bool, open: bool) -> Cand {
        Cand {
            a,
            b,
            kind,
            canon: None,
            strong,
            open,
        }
    }

    const ORG: Option<EntityKind> = Some(EntityKind::Organization);
    const PER: Option<EntityKind> = Some(EntityKind::Person);
    const LOC: Option<EntityKind> = Some(EntityKind::Place);

    #[test]
    fn spans_join_inside_tags_and_keep_the_weakest_margin() {
        let calls = [
            call(None, false, 5.0),
            call(PER, true, 50.0),
            call(PER, false, 45.0),
            call(PER, true, 60.0),
            call(ORG, false, 70.0),
        ];
        let got: Vec<(usize, usize, f32)> =
            spans(&calls).iter().map(|s| (s.a, s.b, s.margin)).collect();
        assert_eq!(got, vec![(1, 3, 45.0), (3, 4, 60.0), (4, 5, 70.0)]);
    }

    #[test]
    fn a_sure_tagger_retypes_weak_and_unknown_names_only() {
        let calls = [call(ORG, true, 80.0), call(ORG, false, 80.0)];
        let kind = |c: Cand| blend(vec![c], &calls)[0].kind;
        assert_eq!(kind(cand(0, 2, PER, false, false)), ORG);
        assert_eq!(kind(cand(0, 2, None, false, true)), ORG);
        // Strong evidence and names left out on purpose stand.
        assert_eq!(kind(cand(0, 2, PER, true, false)), PER);
        assert_eq!(kind(cand(0, 2, None, false, false)), None);
        // An unsure tagger changes nothing.
        let unsure = [call(ORG, true, 3.0), call(ORG, false, 3.0)];
        assert_eq!(
            blend(vec![cand(0, 2, LOC, false, false)], &unsure)[0].kind,
            LOC
        );
    }

    #[test]
    fn a_gazetteer_place_becomes_an_organization_only_when_the_tagger_is_sure() {
        let place = Cand {
            canon: Some("Surrey"),
            ..cand(0, 1, LOC, true, false)
        };
        let sure = blend(vec![place.clone()], &[call(ORG, true, 90.0)]);
        assert_eq!((sure[0].kind, sure[0].canon), (ORG, None));
        let unsure = blend(vec![place.clone()], &[call(ORG, true, 10.0)]);
        assert_eq!(unsure[0].kind, LOC);
        let person = blend(vec![place], &[call(PER, true, 90.0)]);
        assert_eq!(person[0].kind, LOC);
    }
}
