//! Statements: direct quotations and reported speech, tied to their speakers.
//!
//! Two passes over the body. First every cue of saying ("said", "told ... that",
//! "according to", "adding that", ...) outside quotation marks is read with its subject
//! (the speaker phrase) and its content: a quotation next to it (`"...," he said`,
//! `X said, "..."`), the clause after it (`X said that ...`), or the clause before it
//! (`..., according to X`, `..., he said`). Then every quotation no cue claimed becomes a
//! statement of its own when it is attributed by a trailer (`" - Name`), continues the
//! previous speaker's paragraph, or reads as speech (a full sentence); short quoted words
//! without a cue are scare quotes or titles and are skipped.
//!
//! Speakers are only ever taken from the article's entities: the mention at the head of the
//! subject phrase, a pronoun resolved to the one person it can refer to, a title resolved by
//! `entities::resolve_reference`, or "Acme officials" / "Cornyn's statement" style phrases.
//! Anything doubtful stays `None`. This module does not touch files or the database.

mod quotes;
mod speaker;

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use super::entities::Entities;
use super::Doc;
use crate::model::{DateMention, DateRange, Span, Statement, StatementKind};

use quotes::{find_quotes, overlapping, Claims, Quote};
use speaker::{Resolver, Speaker, Who};

/// How a cue takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    /// A verb of saying that takes a bare clause, a "that" clause or a quotation.
    Say,
    /// A verb whose bare object is usually a thing ("reported profits", "wrote a book"):
    /// only a "that" clause or a quotation counts.
    SayThat,
    /// "told Y (that) ...": an object, then the content.
    Tell,
    /// "asked / urged Y to ...": the content includes the object.
    Ask,
    /// "described X (as ...)": the content is the object and what follows.
    Describe,
    /// "..., adding that ..." / "saying, "..."": the speaker of the governing clause.
    Participle,
    /// "according to X" / "in the words of X".
    According,
    /// "issued a statement": only a following quotation is content.
    QuoteOnly,
}

/// Cue words and phrases (lower case; "according to" also matches capitalized).
const CUES: &[(&str, CueKind)] = &[
    ("according to", CueKind::According),
    ("in the words of", CueKind::According),
    ("issued a statement", CueKind::QuoteOnly),
    ("released a statement", CueKind::QuoteOnly),
    ("said", CueKind::Say),
    ("says", CueKind::Say),
    ("say", CueKind::Say),
    ("stated", CueKind::Say),
    ("states", CueKind::Say),
    ("noted", CueKind::Say),
    ("notes", CueKind::Say),
    ("added", CueKind::Say),
    ("adds", CueKind::Say),
    ("explained", CueKind::Say),
    ("explains", CueKind::Say),
    ("observed", CueKind::Say),
    ("observes", CueKind::Say),
    ("commented", CueKind::Say),
    ("believes", CueKind::Say),
    ("believed", CueKind::Say),
    ("argued", CueKind::Say),
    ("argues", CueKind::Say),
    ("insisted", CueKind::Say),
    ("insists", CueKind::Say),
    ("stressed", CueKind::Say),
    ("stresses", CueKind::Say),
    ("emphasised", CueKind::Say),
    ("emphasized", CueKind::Say),
    ("remarked", CueKind::Say),
    ("replied", CueKind::Say),
    ("responded", CueKind::Say),
    ("asserted", CueKind::Say),
    ("asserts", CueKind::Say),
    ("maintained", CueKind::SayThat),
    ("reasoned", CueKind::Say),
    ("theorized", CueKind::Say),
    ("theorised", CueKind::Say),
    ("acknowledged", CueKind::SayThat),
    ("admitted", CueKind::Say),
    ("admits", CueKind::Say),
    ("conceded", CueKind::Say),
    ("contended", CueKind::Say),
    ("countered", CueKind::Say),
    ("claimed", CueKind::SayThat),
    ("claims", CueKind::SayThat),
    ("reported", CueKind::SayThat),
    ("reports", CueKind::SayThat),
    ("wrote", CueKind::SayThat),
    ("writes", CueKind::SayThat),
    ("tweeted", CueKind::SayThat),
    ("posted", CueKind::SayThat),
    ("reads", CueKind::SayThat),
    ("confirmed", CueKind::SayThat),
    ("confirms", CueKind::SayThat),
    ("denied", CueKind::SayThat),
    ("denies", CueKind::SayThat),
    ("warned", CueKind::SayThat),
    ("warns", CueKind::SayThat),
    ("announced", CueKind::SayThat),
    ("announces", CueKind::SayThat),
    ("revealed", CueKind::SayThat),
    ("suggested", CueKind::SayThat),
    ("predicted", CueKind::SayThat),
    ("predicts", CueKind::SayThat),
    ("declared", CueKind::SayThat),
    ("declares", CueKind::SayThat),
    ("vowed", CueKind::SayThat),
    ("vows", CueKind::SayThat),
    ("pledged", CueKind::SayThat),
    ("pledges", CueKind::SayThat),
    ("promised", CueKind::SayThat),
    ("promises", CueKind::SayThat),
    ("concedes", CueKind::Say),
    ("acknowledges", CueKind::SayThat),
    ("tweets", CueKind::SayThat),
    ("recalled", CueKind::SayThat),
    ("told", CueKind::Tell),
    ("tells", CueKind::Tell),
    ("informed", CueKind::Tell),
    ("assured", CueKind::Tell),
    ("reminded", CueKind::Tell),
    ("asked", CueKind::Ask),
    ("asks", CueKind::Ask),
    ("urged", CueKind::Ask),
    ("urges", CueKind::Ask),
    ("described", CueKind::Describe),
    ("describe", CueKind::Describe),
    ("describes", CueKind::Describe),
    ("characterized", CueKind::Describe),
    ("characterised", CueKind::Describe),
    ("dubbed", CueKind::Describe),
    ("called", CueKind::Describe),
    ("saying", CueKind::Participle),
    ("adding", CueKind::Participle),
    ("noting", CueKind::Participle),
    ("explaining", CueKind::Participle),
    ("stating", CueKind::Participle),
    ("arguing", CueKind::Participle),
    ("insisting", CueKind::Participle),
    ("writing", CueKind::Participle),
    ("stressing", CueKind::Participle),
    ("warning", CueKind::Participle),
    ("claiming", CueKind::Participle),
];

static CUE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = CUES.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alternation = words
        .iter()
        .map(|w| {
            let according = CUES.iter().any(|(c, k)| c == w && *k == CueKind::According);
            let mut chars = w.chars();
            let first = chars.next().expect("cue words are not empty");
            if according {
                format!(
                    "[{}{}]{}",
                    first,
                    first.to_ascii_uppercase(),
                    regex::escape(chars.as_str())
                )
            } else {
                regex::escape(w)
            }
        })
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(r"\b(?:{alternation})\b")).expect("cue regex is valid")
});

/// Words that, right before a past participle, make it passive or adjectival ("has been
/// described", "the said company") rather than a speech act.
const PASSIVE_BEFORE: &[&str] = &[
    "been", "be", "being", "is", "was", "were", "are", "the", "to", "so", "not", "never", "when",
    "if", "unless", "once", "whether", "as", "a", "an",
];

/// Words that cannot open a reported clause right after a bare verb: prepositions and
/// verbs ("tweeted to Mohamed", "observed took out").
const NOT_CLAUSE_START: &[&str] = &[
    "to", "about", "on", "at", "with", "into", "from", "during", "of", "using", "for", "in", "by",
    "via", "as", "took", "went", "made", "got", "had", "was", "were", "is", "are", "came", "saw",
    "gave", "left", "became", "began", "ran", "held", "kept", "out", "up", "down", "off", "back",
    "so", "and", "or", "but", "nothing", "anything", "little", "goodbye", "hello", "sorry", "yes",
    "no",
];

/// A speech cue found in the text, with how it was read.
#[derive(Debug, Clone)]
struct Cue {
    span: Span,
    kind: CueKind,
    sentence: usize,
}

/// Working state shared by the passes.
struct Extractor<'a> {
    doc: &'a Doc<'a>,
    quotes: Vec<Quote>,
    /// Which quote each statement used, so a quote is attributed once.
    quote_used: Vec<bool>,
    resolver: Resolver<'a>,
    out: Vec<Statement>,
    /// The spans of `out`, by start, and the longest of them (for `stated_overlaps`).
    stated: BTreeSet<(usize, usize)>,
    longest_statement: usize,
    /// Content spans claimed by reported statements (cues inside them are skipped).
    claimed: Claims,
    /// The speaker each verb cue resolved to (by cue start; the first one wins), for
    /// participles.
    cue_speakers: HashMap<usize, Speaker>,
    /// The article's date expressions, in body order.
    dates: &'a [DateMention],
    /// The sentence of the cue being read, whose date expressions place its statement.
    cue_sentence: Option<usize>,
    /// When set, the date a statement without its own cue inherits (continued quotes).
    inherited_said: Option<DateRange>,
}

/// The quoted words of every quotation of `body`, in order: what coreference leaves out
/// when it looks for antecedents.
pub fn quotations(body: &str) -> Vec<Span> {
    find_quotes(body).iter().map(|q| q.inner).collect()
}

/// Finds the statements of an article: quotations and reported speech with their speakers.
pub fn extract(doc: &Doc, entities: &Entities, dates: &[DateMention]) -> Vec<Statement> {
    if doc.sentences.is_empty() {
        return Vec::new();
    }
    let quotes = find_quotes(doc.body);
    let mut ex = Extractor {
        doc,
        quote_used: vec![false; quotes.len()],
        resolver: Resolver::new(doc, entities, &quotes),
        quotes,
        out: Vec::new(),
        stated: BTreeSet::new(),
        longest_statement: 0,
        claimed: Claims::default(),
        cue_speakers: HashMap::new(),
        dates,
        cue_sentence: None,
        inherited_said: None,
    };
    ex.cue_pass();
    ex.quote_pass();
    ex.headline();
    let mut out = ex.out;
    out.sort_by_key(|s| (s.span.start, s.span.end));
    out.dedup_by(|b, a| a.span == b.span);
    out
}

impl<'a> Extractor<'a> {
    fn body(&self) -> &'a str {
        self.doc.body
    }

    fn quote_at(&self, pos: usize) -> Option<usize> {
        // Quotations are disjoint: at most one overlaps `[pos, pos + 1)`.
        overlapping(&self.quotes, pos, pos + 1).next()
    }

    /// The quotations overlapping `span`, with their indices.
    fn quotes_in(&self, span: Span) -> impl Iterator<Item = (usize, &Quote)> {
        let range = overlapping(&self.quotes, span.start, span.end);
        self.quotes[range.clone()]
            .iter()
            .enumerate()
            .map(move |(i, q)| (range.start + i, q))
    }

    fn push(&mut self, speaker: Speaker, kind: StatementKind, cue: Option<&str>, span: Span) {
        let span = trim_content(self.body(), span);
        if span.start >= span.end || word_count(span.text(self.body())) < 2 {
            return;
        }
        let kind = if kind == StatementKind::Indirect
            && self.quotes_in(span).any(|(_, q)| span.overlaps(q.inner))
        {
            StatementKind::Direct
        } else {
            kind
        };
        let first = self.doc.sentence_at(span.start);
        let last = self.doc.sentence_at(span.end.saturating_sub(1)).max(first);
        if let Some(p) = speaker {
            self.resolver.note_speaker(p.entity, span.start);
        }
        self.stated.insert((span.start, span.end));
        self.longest_statement = self.longest_statement.max(span.end - span.start);
        self.out.push(Statement {
            speaker: speaker.map(|w| w.entity),
            speaker_basis: speaker.map(|w| w.basis),
            kind,
            cue: cue.map(|c| c.to_lowercase()),
            span,
            sentences: (first, last),
            said: self.said(span),
        });
    }

    /// Where the text places a statement: the first date expression of its cue's sentence
    /// that lies outside the content and outside quotations ("In a phone call in July, X
    /// said ..."). Dates inside the content are what was said, not when.
    fn said(&self, content: Span) -> Option<DateRange> {
        let Some(sentence) = self.cue_sentence else {
            return self.inherited_said;
        };
        // Dates are in body order, so those of one sentence are next to each other.
        let first = self.dates.partition_point(|d| d.sentence < sentence);
        self.dates[first..]
            .iter()
            .take_while(|d| d.sentence == sentence)
            .find(|d| {
                !d.span.overlaps(content)
                    && !self
                        .quotes_in(d.span)
                        .any(|(_, q)| q.inner.overlaps(d.span))
                    && !self.stated_overlaps(d.span)
            })
            .map(|d| d.range)
    }

    /// Whether a statement found so far overlaps `span`. Statements are kept by start as
    /// well, with the longest length, so only those starting close enough are looked at.
    fn stated_overlaps(&self, span: Span) -> bool {
        let from = span
            .start
            .saturating_sub(self.longest_statement)
            .min(span.end);
        self.stated
            .range((from, 0)..(span.end, 0))
            .any(|&(start, end)| Span::new(start, end).overlaps(span))
    }

    /// Attributes the quote `qi` to `speaker` and marks it used.
    fn push_quote(&mut self, qi: usize, speaker: Speaker, cue: Option<&str>) {
        self.quote_used[qi] = true;
        let inner = self.quotes[qi].inner;
        self.claimed.push(inner);
        self.push(speaker, StatementKind::Direct, cue, inner);
    }

    fn cue_pass(&mut self) {
        let body = self.body();
        let cues: Vec<Cue> = CUE_RE
            .find_iter(body)
            .filter_map(|m| {
                let lower = m.as_str().to_lowercase();
                let kind = CUES.iter().find(|(w, _)| *w == lower)?.1;
                Some(Cue {
                    span: Span::new(m.start(), m.end()),
                    kind,
                    sentence: self.doc.sentence_at(m.start()),
                })
            })
            .collect();
        // Whether a verb cue outside quotations follows in the same sentence, found in one
        // backward sweep: the nearest such cue after a cue has the lowest sentence index.
        let mut later_verb = vec![false; cues.len()];
        let mut next_verb_sentence = None;
        for (i, c) in cues.iter().enumerate().rev() {
            later_verb[i] = next_verb_sentence == Some(c.sentence);
            if !matches!(c.kind, CueKind::According | CueKind::Participle)
                && self.quote_at(c.span.start).is_none()
            {
                next_verb_sentence = Some(c.sentence);
            }
        }
        let mut last_governing: Option<usize> = None;
        for (i, cue) in cues.iter().enumerate() {
            // The nearest earlier cue that can govern a participle.
            let prev = last_governing.map(|j| &cues[j]);
            if cue.kind != CueKind::Participle {
                last_governing = Some(i);
            }
            if self.quote_at(cue.span.start).is_some() || self.claimed.cover(cue.span) {
                continue;
            }
            self.cue_sentence = Some(cue.sentence);
            let later_verb = later_verb[i];
            match cue.kind {
                CueKind::According => {
                    if !later_verb {
                        self.according(cue);
                    }
                }
                CueKind::Participle => {
                    let prev = prev.filter(|c| c.sentence == cue.sentence);
                    self.participle(cue, prev.map(|c| c.span));
                }
                _ => self.verb(cue),
            }
        }
    }

    /// The sentence span of a cue.
    fn sentence(&self, idx: usize) -> Span {
        self.doc.sentences[idx]
    }

    /// Start of the clause a cue's subject lies in: the sentence start, or the end of the
    /// last quotation closing before the cue in that sentence.
    fn clause_start(&self, cue: &Cue) -> (usize, Option<usize>) {
        let sent = self.sentence(cue.sentence);
        // Quotations are disjoint and in order, so the last one ending before the cue is the
        // one; a quote that began in an earlier sentence also counts.
        let qi = self.quotes.partition_point(|q| q.end <= cue.span.start);
        match qi.checked_sub(1) {
            Some(qi) if self.quotes[qi].end > sent.start => (self.quotes[qi].end, Some(qi)),
            _ => (sent.start, None),
        }
    }

    fn verb(&mut self, cue: &Cue) {
        let body = self.body();
        let sent = self.sentence(cue.sentence);
        if !verb_is_active(body, cue) {
            return;
        }
        let (clause_start, quote_before) = self.clause_start(cue);
        let subject_span = Span::new(clause_start, cue.span.start);
        let subject_text = subject_span.text(body);
        let subject_trim = subject_text
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '–' | '—' | ':'));
        // "That said, ..." / "Having said that" are not attributions.
        if matches!(
            subject_trim,
            "That" | "that" | "This" | "Having" | "having" | "Needless to"
        ) {
            return;
        }
        // Quote right before the subject: `"...," he said` / `"...," said Bolden`.
        if let Some(qi) = quote_before {
            let gap = Span::new(self.quotes[qi].end, cue.span.start).text(body);
            let inverted = subject_trim.is_empty();
            if !self.quote_used[qi] && (inverted || attribution_gap(gap)) {
                let after = self.after_verb(cue.span.end, sent.end);
                let speaker = if inverted {
                    let np = np_after(body, after, sent.end);
                    self.resolver.resolve_np(np)
                } else {
                    self.resolver
                        .resolve_subject(trimmed_span(body, subject_span), cue.span.start)
                };
                self.cue_speakers.entry(cue.span.start).or_insert(speaker);
                self.push_quote(qi, speaker, Some(cue_word(body, cue)));
                return;
            }
        }
        let parenthetical = subject_text.trim_end().ends_with(',') && {
            let after = self.after_verb(cue.span.end, sent.end);
            let np = np_after(body, after, sent.end);
            let np_text = np.text(body);
            np.start < np.end
                && word_count(np_text) <= 4
                && (np_text.starts_with(char::is_uppercase) || matches!(np_text, "he" | "she"))
                && !matches!(np_text, "That" | "This" | "It" | "There")
                && body[np.end..sent.end].trim_start().starts_with(',')
        };
        if subject_trim.is_empty() || parenthetical {
            // Parenthetical "..., said Mauer, are required ...": content after.
            let after = self.after_verb(cue.span.end, sent.end);
            let np = np_after(body, after, sent.end);
            if np.start >= np.end {
                return;
            }
            let speaker = self.resolver.resolve_np(np);
            self.cue_speakers.entry(cue.span.start).or_insert(speaker);
            let rest = Span::new(np.end, sent.end);
            let rest_text = rest.text(body);
            let lead = rest_text.len() - rest_text.trim_start_matches([',', ' ']).len();
            let content = Span::new(rest.start + lead, rest.end);
            if let Some(qi) = self.quote_starting_at(content.start) {
                self.push_quote(qi, speaker, Some(cue_word(body, cue)));
            } else if is_description(content.text(body)) && !subject_trim.is_empty() {
                // "The plan will fail, said Robert Shapiro, a professor at Columbia.": what
                // follows the name describes the speaker; the claim is before the verb.
                let before = trimmed_span(body, Span::new(clause_start, cue.span.start));
                self.claim_and_push(speaker, cue, before);
            } else if word_count(content.text(body)) >= 3 {
                self.claim_and_push(speaker, cue, content);
            }
            return;
        }
        let after = self.after_verb(cue.span.end, sent.end);
        let rest = Span::new(after, sent.end);
        let rest_text = rest.text(body);
        let ends_here = rest_text
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?'))
            .is_empty()
            || participle_follows(rest_text);
        if ends_here {
            // "..., he said." / "... Iran Darvishi said, adding that ...": content before.
            self.content_before(cue, clause_start, subject_span);
            return;
        }
        let speaker = self
            .resolver
            .resolve_subject(trimmed_span(body, subject_span), cue.span.start);
        self.cue_speakers.entry(cue.span.start).or_insert(speaker);
        if cue.kind == CueKind::Describe && speaker.is_none() {
            return;
        }
        self.content_after(cue, speaker, after, sent.end);
    }

    /// Skips adverbs right after a verb ("said later", "said on Friday" is kept as content).
    fn after_verb(&self, pos: usize, limit: usize) -> usize {
        let body = self.body();
        let mut p = pos;
        while let Some(m) = AFTER_VERB_ADVERBIAL.find(&body[p..limit]) {
            if m.end() == 0 {
                break;
            }
            p += m.end();
        }
        // "said in an interview with the BBC that ...": skip a short phrase before "that".
        if let Some(m) = PHRASE_THEN_THAT.find(&body[p..limit]) {
            p += m.end() - "that".len();
        }
        p
    }

    fn quote_starting_at(&self, pos: usize) -> Option<usize> {
        let body = self.body();
        // Only the first quotation opening at or after `pos` can have nothing but spaces
        // and punctuation before it.
        let qi = self.quotes.partition_point(|q| q.open < pos);
        let q = self.quotes.get(qi)?;
        body[pos..q.open]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':'))
            .is_empty()
            .then_some(qi)
    }

    /// "X said (that) ...", "X told Y that ...", "X described ...".
    fn content_after(&mut self, cue: &Cue, speaker: Speaker, after: usize, sent_end: usize) {
        let body = self.body();
        let mut start = after;
        if cue.kind == CueKind::Tell {
            // Skip the addressee: up to "that", a comma, a colon or a quotation.
            let rest = &body[after..sent_end];
            let stop = THAT_OR_COMMA
                .find(rest)
                .map(|m| m.start())
                .unwrap_or(rest.len());
            let quote_stop = self
                .quotes
                .get(self.quotes.partition_point(|q| q.open < after))
                .filter(|q| q.open < sent_end)
                .map(|q| q.open - after)
                .unwrap_or(rest.len());
            start = after + stop.min(quote_stop);
        }
        // Optional "that" / comma / colon.
        let rest = &body[start..sent_end];
        let mut had_that = false;
        let lead = rest.len() - rest.trim_start().len();
        let mut p = start + lead;
        if body[p..sent_end].starts_with("that") && !is_word_char_at(body, p + 4) {
            had_that = true;
            p += 4;
        }
        let rest = &body[p..sent_end];
        let trimmed =
            rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':'));
        let had_colon = rest[..rest.len() - trimmed.len()].contains(':');
        let content_start = p + rest.len() - trimmed.len();
        if content_start >= sent_end && !had_colon {
            return;
        }
        // A quotation right after the verb is the content.
        if let Some(qi) = self.quote_starting_at(content_start) {
            if !self.quote_used[qi] {
                self.push_quote(qi, speaker, Some(cue_word(body, cue)));
                return;
            }
        }
        // "X tweeted using his account:" followed by the quotation.
        let sent_text = body[content_start.min(sent_end)..sent_end].trim_end();
        if sent_text.ends_with(':') || cue.kind == CueKind::QuoteOnly {
            let from = if sent_text.ends_with(':') {
                content_start + sent_text.len()
            } else {
                sent_end
            };
            if let Some(qi) = self.quote_starting_at(from) {
                if !self.quote_used[qi] {
                    self.push_quote(qi, speaker, Some(cue_word(body, cue)));
                }
            }
            return;
        }
        let first_word = first_word(&body[content_start..sent_end]).to_lowercase();
        let needs_that = cue.kind == CueKind::SayThat;
        if !had_that {
            if needs_that && !had_colon {
                // "claimed the discovery proved ..." has a clause; "claimed responsibility"
                // does not.
                let verb = cue_word(body, cue).to_lowercase();
                let clause_taking = matches!(
                    verb.as_str(),
                    "claimed" | "claims" | "warned" | "warns" | "suggested" | "predicted"
                );
                let head: Vec<&str> = body[content_start..sent_end]
                    .split_whitespace()
                    .take(6)
                    .take_while(|w| !matches!(*w, "that" | "which" | "who" | "where" | "when"))
                    .collect();
                if !clause_taking || !has_finite_verb(&head.join(" ")) {
                    return;
                }
            }
            if NOT_CLAUSE_START.contains(&first_word.as_str()) {
                return;
            }
            // "who asked not to be named" is about the source, not a claim.
            let rest_lower = body[content_start..sent_end].to_lowercase();
            if rest_lower.starts_with("not to be ") || rest_lower.contains("anonymity") {
                return;
            }
            // "added 500 jobs" is not speech; "added, Iran ... has good ground" is.
            let verb = cue_word(body, cue).to_lowercase();
            let bare = &body[content_start..sent_end];
            let core = matches!(verb.as_str(), "said" | "says" | "say" | "told" | "tells");
            if (matches!(verb.as_str(), "added" | "adds") || (!core && word_count(bare) <= 4))
                && !has_finite_verb(bare)
            {
                // "stressed the importance of education": a bare object, not a claim.
                return;
            }
        }
        let mut end = sent_end;
        // Stop at a participle cue (", adding that ...") which gives its own statement.
        if let Some(m) = PARTICIPLE_RE.find(&body[content_start..sent_end]) {
            end = content_start + m.start();
        }
        // Stop before a second verb of saying: "theorized that ..., and wrote that ...".
        if let Some(m) = AND_CUE_RE.find(&body[content_start..end]) {
            end = content_start + m.start();
        }
        // Extend over a quotation that begins inside and runs on past the sentence.
        // (Quotations are disjoint: once `end` moves past one, no later one opens before it.)
        for qi in overlapping(&self.quotes, content_start, end) {
            let q = self.quotes[qi];
            if q.open >= content_start && q.open < end && q.end > end && q.closed {
                end = q.end;
            }
        }
        let content = Span::new(content_start, end);
        // "... ends with a colon": the quotation after it is the content.
        let ctext = content.text(body).trim_end();
        if ctext.ends_with(':') {
            let colon = content.start + ctext.len();
            if let Some(qi) = self.quote_starting_at(colon) {
                if !self.quote_used[qi] {
                    self.push_quote(qi, speaker, Some(cue_word(body, cue)));
                }
            }
            return;
        }
        // A full quoted sentence tacked onto a reported clause is its own statement:
        // `said resources would be accessible," For example, ..."`.
        if let Some(qi) = self.split_tail_quote(content) {
            let head = Span::new(content.start, self.quotes[qi].open);
            if has_finite_verb(head.text(body)) {
                self.claim_and_push(speaker, cue, head);
            }
            self.push_quote(qi, speaker, Some(cue_word(body, cue)));
            return;
        }
        self.claim_and_push(speaker, cue, content);
    }

    /// A quotation inside `content` that opens a new sentence (capital after a comma or
    /// colon) and runs to the end of the content.
    fn split_tail_quote(&self, content: Span) -> Option<usize> {
        let body = self.body();
        let (qi, _) = self.quotes_in(content).find(|(_, q)| {
            q.open > content.start && q.open < content.end && q.end + 2 >= content.end
        })?;
        let q = &self.quotes[qi];
        let before = body[content.start..q.open].trim_end();
        let first = q.inner.text(body).chars().next()?;
        if !(before.ends_with(',') || before.ends_with(':')) || !first.is_uppercase() {
            return None;
        }
        if CUE_RE.is_match(&body[content.start..q.open]) {
            return None;
        }
        Some(qi)
    }

    fn claim_and_push(&mut self, speaker: Speaker, cue: &Cue, content: Span) {
        let body = self.body();
        for qi in overlapping(&self.quotes, content.start, content.end) {
            if content.contains(self.quotes[qi].inner) {
                self.quote_used[qi] = true;
            }
        }
        self.claimed.push(content);
        self.push(
            speaker,
            StatementKind::Indirect,
            Some(cue_word(body, cue)),
            content,
        );
    }

    /// "..., he said." and "... Iran Darvishi said, adding ...": the content is the part
    /// of the sentence before the subject.
    fn content_before(&mut self, cue: &Cue, clause_start: usize, subject_span: Span) {
        let body = self.body();
        let sent = self.sentence(cue.sentence);
        let subject = trimmed_span(body, subject_span);
        // The subject is the last comma-separated piece, or the mention/pronoun right
        // before the verb when there is no comma ("... to Iran Darvishi said").
        let text = subject.text(body);
        let by_comma = text.rfind(',').map(|c| {
            (
                trimmed_span(body, Span::new(subject.start + c + 1, subject.end)),
                subject.start + c,
            )
        });
        let (subj, content_end) = match by_comma {
            Some((s, end)) if s.start < s.end && word_count(s.text(body)) <= 6 => (s, end),
            _ => match self.resolver.trailing_name(subject) {
                Some(s) => (s, s.start),
                None => return,
            },
        };
        let speaker = self.resolver.resolve_subject(subj, cue.span.start);
        self.cue_speakers.entry(cue.span.start).or_insert(speaker);
        let start = clause_start.max(sent.start);
        let content = Span::new(start, content_end);
        let only_quote = self.quotes_in(content).find_map(|(qi, q)| {
            (q.open >= start
                && q.end <= content_end
                && body[q.end..content_end]
                    .trim_matches(|c: char| c.is_whitespace() || c == ',')
                    .is_empty())
            .then_some(qi)
        });
        if let Some(qi) = only_quote {
            if !self.quote_used[qi] && body[start..self.quotes[qi].open].trim().is_empty() {
                self.push_quote(qi, speaker, Some(cue_word(body, cue)));
                return;
            }
        }
        if word_count(content.text(body)) >= 3 {
            self.claim_and_push(speaker, cue, content);
        }
    }

    /// "according to X, ..." / "..., according to X." / "in the words of X, "..."".
    fn according(&mut self, cue: &Cue) {
        let body = self.body();
        let sent = self.sentence(cue.sentence);
        let np_start = cue.span.end;
        // The source runs to the next comma or quotation (or the sentence end).
        let rest = &body[np_start..sent.end];
        let mut np_end = np_start
            + rest
                .find([',', '"', '“', '”', ';'])
                .unwrap_or(rest.trim_end_matches(['.', '!', '?']).len());
        // "in the words of the Crown prosecutor, Mark Tedeschi, QC, "...": appositives.
        let mut speaker = self
            .resolver
            .resolve_np(trimmed_span(body, Span::new(np_start, np_end)));
        if speaker.is_none() {
            if let Some(name) = self.resolver.appositive_name(np_end, sent.end) {
                speaker = Some(name.0);
                np_end = name.1;
            }
        }
        let after = Span::new(np_end, sent.end);
        // "in the words of X, "..."": the quotation right after the source.
        if let Some(qi) = self.quote_starting_at(np_end) {
            if !self.quote_used[qi] {
                self.push_quote(qi, speaker, Some(cue_word(body, cue)));
                return;
            }
        }
        let after_text = after.text(body);
        let after_core = after_text
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '!' | '?' | ';'));
        let before = Span::new(sent.start, cue.span.start);
        let before_text = before.text(body).trim_end();
        let cue_word = cue_word(body, cue);
        if !after_core.is_empty()
            && (before_text.is_empty()
                || (before_text.ends_with(',') && has_finite_verb(after_text))
                || before_text.ends_with("that"))
        {
            // Source first: the content follows.
            let lead = after_text.len()
                - after_text
                    .trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ':')
                    .len();
            let start = after.start + lead;
            if let Some(qi) = self.quote_starting_at(start) {
                if !self.quote_used[qi] {
                    self.push_quote(qi, speaker, Some(cue_word));
                    return;
                }
            }
            let mut end = sent.end;
            for qi in overlapping(&self.quotes, start, end) {
                let q = self.quotes[qi];
                if q.open >= start && q.open < end && q.end > end && q.closed {
                    end = q.end;
                }
            }
            let content = Span::new(start, end);
            let fake = Cue {
                span: cue.span,
                kind: cue.kind,
                sentence: cue.sentence,
            };
            self.claim_and_push(speaker, &fake, content);
            return;
        }
        if before_text.ends_with(',') || after_core.is_empty() {
            // Content first: "..., according to X." The content may be (or contain) a
            // quotation that began in an earlier sentence.
            let mut start = sent.start;
            for (_, q) in self.quotes_in(Span::new(start, start + 1)) {
                if q.open < start && q.end > start {
                    start = q.open;
                }
            }
            let end = sent.start.max(before.start + before_text.len());
            let content = Span::new(start, end);
            let only_quote = self.quotes_in(Span::new(start, end)).find(|(_, q)| {
                q.open >= start
                    && q.end <= end
                    && body[start..q.open].trim().is_empty()
                    && body[q.end..end]
                        .trim_matches(|c: char| c.is_whitespace() || c == ',')
                        .is_empty()
            });
            if let Some((qi, _)) = only_quote {
                if !self.quote_used[qi] {
                    self.push_quote(qi, speaker, Some(cue_word));
                    return;
                }
            }
            let fake = Cue {
                span: cue.span,
                kind: cue.kind,
                sentence: cue.sentence,
            };
            self.claim_and_push(speaker, &fake, content);
        }
    }

    /// ", adding that ..." / ", saying, "..."" / "with one poster writing "..."".
    fn participle(&mut self, cue: &Cue, governing: Option<Span>) {
        let body = self.body();
        let sent = self.sentence(cue.sentence);
        let before = body[sent.start..cue.span.start].trim_end();
        let speaker = if let Some(gov) = governing {
            match self.cue_speakers.get(&gov.start) {
                Some(sp) => *sp,
                None => return,
            }
        } else if let Some(m) = QUOTED_AS.find(before) {
            // "X was quoted as saying ...": the subject of the sentence.
            let subject = trimmed_span(body, Span::new(sent.start, sent.start + m.start()));
            self.resolver.resolve_subject(subject, cue.span.start)
        } else if let Some(w) = before.rfind(" with ") {
            let np = trimmed_span(body, Span::new(sent.start + w + 6, cue.span.start));
            if word_count(np.text(body)) > 4 {
                return;
            }
            self.resolver.resolve_subject(np, cue.span.start)
        } else if before.ends_with(',') {
            // "Christie bristled at the suggestion, saying ...": the sentence's subject
            // (without a comma, "a sign saying ..." is no speech).
            self.resolver
                .sentence_subject(Span::new(sent.start, cue.span.start), cue.span.start)
        } else {
            return;
        };
        let after = self.after_verb(cue.span.end, sent.end);
        let first = first_word(&body[after..sent.end]).to_lowercase();
        if matches!(
            first.as_str(),
            "in" | "on" | "about" | "to" | "for" | "with" | "at"
        ) {
            // "writing in a blog post "..."": skip the phrase up to the quotation.
            if let Some(q) = self
                .quotes
                .iter()
                .position(|q| q.open >= after && q.open < sent.end && !self.quote_used_at(q.open))
            {
                let gap = &body[after..self.quotes[q].open];
                if word_count(gap) <= 6 {
                    self.push_quote(q, speaker, Some(cue_word(body, cue)));
                }
            }
            return;
        }
        let fake = Cue {
            span: cue.span,
            kind: CueKind::Say,
            sentence: cue.sentence,
        };
        self.content_after(&fake, speaker, after, sent.end);
    }

    fn quote_used_at(&self, open: usize) -> bool {
        self.quotes
            .iter()
            .zip(&self.quote_used)
            .any(|(q, u)| q.open == open && *u)
    }

    /// Quotations no cue claimed: attributed by a trailer, by the previous speaker of the
    /// paragraph, or left unattributed when they read as speech.
    fn quote_pass(&mut self) {
        let body = self.body();
        self.cue_sentence = None;
        self.claimed.rewind();
        for qi in 0..self.quotes.len() {
            if self.quote_used[qi] {
                continue;
            }
            let q = self.quotes[qi];
            if self.claimed.cover(q.inner) {
                continue;
            }
            let text = q.inner.text(body);
            let words = word_count(text);
            let trailer = self.resolver.trailer(q.end);
            let speechlike = words >= 4
                && (text
                    .trim_end_matches(|c: char| c == ',' || c.is_whitespace())
                    .ends_with(['.', '!', '?'])
                    || !q.closed);
            // Continuation of the previous statement's speaker in this paragraph, or in the
            // previous one when that quotation ran on without a closing mark.
            let inherited = self.inherit(qi);
            self.inherited_said = inherited.and(
                self.out
                    .iter()
                    .filter(|s| s.span.end <= q.open)
                    .max_by_key(|s| s.span.end)
                    .and_then(|s| s.said),
            );
            if let Some(sp) = trailer {
                self.inherited_said = None;
                self.push_quote(qi, Some(sp), None);
            } else if let Some((sp, adjacent)) = inherited {
                let sentence_like = text
                    .trim_end_matches(|c: char| c == ',' || c.is_whitespace())
                    .ends_with(['.', '!', '?']);
                if words >= 2 && (speechlike || sentence_like || adjacent) {
                    self.push_quote(qi, sp, None);
                }
            } else if let Some(sp) = self.resolver.colon_intro(q.open) {
                if words >= 2 {
                    self.push_quote(qi, Some(sp), None);
                }
            } else if speechlike && q.paragraph_start {
                self.push_quote(qi, None, None);
            }
        }
    }

    /// A headline "Name: claim" ("Obama: I'm Optimistic Americans Will Say No"): the named
    /// person or organization says the rest of the line.
    fn headline(&mut self) {
        let body = self.body();
        let first = self.doc.sentences[0];
        let line_end = body[first.start..]
            .find('\n')
            .map_or(body.len(), |n| first.start + n);
        let line = Span::new(first.start, line_end);
        let Some((speaker, after)) = self.resolver.headline_speaker(line) else {
            return;
        };
        let content = Span::new(after, line_end);
        if word_count(content.text(body)) >= 3 && !self.stated_overlaps(content) {
            self.cue_sentence = Some(0);
            self.push(Some(speaker), StatementKind::Indirect, Some(":"), content);
        }
    }

    /// The speaker of the statement just before quote `qi` when it continues it.
    fn inherit(&self, qi: usize) -> Option<(Speaker, bool)> {
        let body = self.body();
        let q = self.quotes[qi];
        let prev = self
            .out
            .iter()
            .filter(|s| s.span.end <= q.open)
            .max_by_key(|s| s.span.end)?;
        let between = &body[prev.span.end..q.open];
        let paragraphs = between.matches('\n').filter(|_| true).count();
        let same_paragraph = !between.contains('\n');
        // The previous quotation ran on to its paragraph end without a closing mark.
        let ran_on = qi > 0
            && !self.quotes[qi - 1].closed
            && self.quotes[qi - 1].inner == prev.span
            && q.paragraph_start
            && paragraphs <= 4;
        let near = self.doc.sentence_at(q.open) <= prev.sentences.1 + 3;
        let adjacent = same_paragraph && self.doc.sentence_at(q.open) == prev.sentences.1;
        // Someone else named in between ("Jones disagreed: "..."") breaks the chain; names in
        // the previous quotation's own attribution sentence do not.
        if !ran_on
            && self.resolver.other_mention_between(
                prev.span.end,
                q.open,
                prev.speaker,
                prev.sentences.1,
            )
        {
            return None;
        }
        let speaker = prev
            .speaker
            .zip(prev.speaker_basis)
            .map(|(entity, basis)| Who { entity, basis });
        ((same_paragraph && near) || ran_on).then_some((speaker, adjacent))
    }
}

static THAT_OR_COMMA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bthat\b|,|:").expect("valid regex"));

/// Adverbials between a verb of saying and its content ("said on Monday", "said in a
/// statement", "said later").
static AFTER_VERB_ADVERBIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?:on|last|this|late|early|earlier|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|night|morning|afternoon|evening|weekend)|yesterday|today|tonight|earlier|later|previously|further|recently|also|again|publicly|privately|repeatedly|separately|in\s+(?:a|an|its|his|her|their)\s+(?:joint\s+|written\s+|brief\s+|short\s+)?(?:statement|interview|press\s+release|news\s+release|press\s+conference|news\s+conference|speech|letter|blog\s+post|post|tweet|address|briefing|report|email|message))\b,?",
    )
    .expect("valid regex")
});

/// A short prepositional phrase, then "that" ("with reporters that", "to the BBC that").
static PHRASE_THEN_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:on|in|at|to|with|during|after|before|from)\s[^.,;:"“”]{1,50}?\bthat\b"#)
        .expect("valid regex")
});

/// "was quoted as" / "is reported as" right before a participle ("saying").
static QUOTED_AS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(?:is|was|were|are|been|being)\s+(?:\w+ly\s+)?(?:quoted|reported|heard|recorded|cited)(?:\s+as)?$")
        .expect("valid regex")
});

static AND_CUE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",?\s+and\s+(?:also\s+)?(?:said|says|wrote|writes|added|adds|noted|told|stated|claimed|argued|warned|asked|urged)\b")
        .expect("valid regex")
});

static PARTICIPLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",\s*(?:and\s+)?(?:adding|saying|noting|explaining|stating|arguing|insisting|writing|stressing|warning|claiming)\b")
        .expect("valid regex")
});

/// Whether the words between a quotation and its verb can be the speaker's phrase: a short
/// name, or a name with an appositive ("Senator Charles E. Grassley, Republican of Iowa,").
fn attribution_gap(gap: &str) -> bool {
    let words = word_count(gap);
    words <= 6
        || (words <= 14
            && gap
                .split(',')
                .find(|piece| !piece.trim().is_empty())
                .is_some_and(|name| word_count(name) <= 5))
}

/// Whether text after a speaker's name describes the speaker ("a professor at Columbia",
/// "who ran the agency") rather than carrying the claim.
fn is_description(text: &str) -> bool {
    matches!(
        first_word(text),
        "a" | "an" | "the" | "who" | "whose" | "one" | "another" | "former" | "now"
    )
}

/// Words before "states" that make it the plural noun ("many states require ...").
const BEFORE_STATES_NOUN: &[&str] = &[
    "many",
    "some",
    "all",
    "other",
    "several",
    "these",
    "those",
    "both",
    "few",
    "most",
    "two",
    "three",
    "four",
    "five",
    "member",
    "swing",
    "battleground",
    "southern",
    "northern",
    "western",
    "eastern",
    "individual",
    "certain",
    "various",
    "such",
    "more",
    "fewer",
    "of",
    "in",
    "and",
    "those",
    "their",
    "our",
    "red",
    "blue",
    "key",
    "early",
];

/// Whether a verb cue is active speech (not "has been described", "the said", "to say").
fn verb_is_active(body: &str, cue: &Cue) -> bool {
    let before = body[..cue.span.start].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if prev.is_empty() {
        return true;
    }
    let word = cue.span.text(body).to_lowercase();
    if word == "states"
        && (BEFORE_STATES_NOUN.contains(&prev.as_str()) || prev.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    if PASSIVE_BEFORE.contains(&prev.as_str()) {
        // "is said to", "was asked", "to say", "the said company"; "so-called".
        return false;
    }
    // "it was widely believed": an adverb between the auxiliary and the participle.
    if prev.ends_with("ly") {
        let before_adverb = before[..before.len() - prev.len()].trim_end();
        let aux = before_adverb
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if matches!(
            aux.as_str(),
            "is" | "was" | "were" | "are" | "been" | "be" | "being"
        ) {
            return false;
        }
    }
    if word == "say"
        && matches!(
            prev.as_str(),
            "would"
                | "will"
                | "could"
                | "can"
                | "might"
                | "may"
                | "should"
                | "must"
                | "did"
                | "does"
                | "do"
        )
    {
        return false;
    }
    if word == "called" {
        let after = body[cue.span.end..].trim_start();
        if after.starts_with("for")
            || after.starts_with("on")
            || after.starts_with("off")
            || after.starts_with("up")
        {
            return false;
        }
    }
    true
}

/// Whether the text after a verb is a participle cue (", adding that ...").
fn participle_follows(rest: &str) -> bool {
    PARTICIPLE_RE
        .find(rest)
        .map(|m| rest[..m.start()].trim().is_empty())
        .unwrap_or(false)
}

/// Auxiliaries and common irregular past forms that show a clause has a finite verb.
const FINITE_WORDS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "would", "will", "can", "could", "should", "may",
    "might", "must", "has", "have", "had", "do", "does", "did", "isn't", "aren't", "wasn't",
    "weren't", "won't", "can't", "don't", "doesn't", "didn't", "it's", "began", "took", "went",
    "made", "came", "gave", "saw", "knew", "thought", "found", "got", "left", "held", "kept",
    "became", "brought", "felt", "meant", "won", "lost", "paid", "sold", "built", "needs", "wants",
    "remains", "means", "shows", "show",
];

/// Whether a clause has a finite verb (auxiliaries or a past tense), so that it is a claim
/// and not just an adverbial ("over the last five months").
fn has_finite_verb(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .any(|w| {
            FINITE_WORDS.iter().any(|f| {
                f.len() == w.len()
                    && f.bytes()
                        .zip(w.bytes())
                        .all(|(a, b)| a == b.to_ascii_lowercase())
                    || (w.contains('’') && f.eq_ignore_ascii_case(&w.replace('’', "'")))
            }) || (w.len() > 4 && w.ends_with("ed") && w.starts_with(char::is_lowercase))
        })
}

/// The span without surrounding whitespace.
fn trimmed_span(body: &str, span: Span) -> Span {
    let text = span.text(body);
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    if lead + trail >= text.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Trims whitespace, and punctuation that belongs to the attribution, from content.
fn trim_content(body: &str, span: Span) -> Span {
    let text = span.text(body);
    let start_trim = text.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ':' | ';' | '-' | '–' | '—')
    });
    let lead = text.len() - start_trim.len();
    let mut end_trim = start_trim.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ':' | ';' | '-' | '–' | '—')
    });
    // A period after a closing quotation mark belongs to the reporting sentence.
    if let Some(t) = end_trim.strip_suffix('.') {
        if t.ends_with(['"', '”', '“']) {
            end_trim = t;
        }
    }
    Span::new(span.start + lead, span.start + lead + end_trim.len())
}

/// The cue as written, lower case.
fn cue_word<'b>(body: &'b str, cue: &Cue) -> &'b str {
    cue.span.text(body)
}

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count()
}

fn first_word(text: &str) -> &str {
    let t = text.trim_start();
    let end = t
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .unwrap_or(t.len());
    &t[..end]
}

fn is_word_char_at(body: &str, pos: usize) -> bool {
    body[pos.min(body.len())..]
        .chars()
        .next()
        .map(|c| c.is_alphanumeric())
        .unwrap_or(false)
}

/// Words that end a noun phrase after an inverted verb.
const NP_STOP: &[&str] = &[
    "to", "in", "at", "on", "by", "during", "after", "before", "with", "from", "when", "as", "who",
    "which", "that", "of", "about", "and", "while", "for",
];

/// The noun phrase after an inverted verb ("said Bolden to the crowd" -> "Bolden"): up to
/// a comma, a preposition, a quotation or the sentence end.
fn np_after(body: &str, pos: usize, limit: usize) -> Span {
    let text = &body[pos..limit];
    let lead = text.len() - text.trim_start().len();
    let start = pos + lead;
    let mut end = start;
    for (count, (off, word)) in word_offsets(&body[start..limit]).enumerate() {
        let clean = word.trim_end_matches([',', '.', ';', ':', '!', '?']);
        let lower = clean.to_lowercase();
        if count > 0 && NP_STOP.contains(&lower.as_str()) {
            break;
        }
        if word.starts_with(['"', '“', '”']) || count >= 6 {
            break;
        }
        end = start + off + clean.len();
        if clean.len() != word.len() && !clean.ends_with('.') && !word.ends_with('.') {
            break;
        }
        if word.ends_with([',', ';', ':', '!', '?']) {
            break;
        }
        if word.ends_with('.') && !is_abbreviation(clean) {
            end = start + off + clean.trim_end_matches('.').len();
            break;
        }
    }
    Span::new(start, end)
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    matches!(
        w,
        "Mr" | "Mrs" | "Ms" | "Dr" | "Prof" | "St" | "Gen" | "Sen" | "Rep" | "Gov"
    ) || (w.len() <= 3 && w.contains('.'))
}

/// Whitespace-separated words with their byte offsets.
fn word_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

#[cfg(test)]
mod tests;
