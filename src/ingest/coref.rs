//! Coreference: which entity a pronoun ("he", "she", "it", "they"), a bare surname shared
//! by several people ("Clinton") or a description ("the senator", "the Republican
//! nominee") refers to at one point of the article.
//!
//! Candidates are the entities named outside quotations before that point, ranked by
//! salience: how recently they were named, whether they were the subject of their
//! sentence, and whether they are the speaker of the statements just before. Gender comes
//! from honorifics ("Mr.", "Mrs."), from a gendered list of given names and, failing both,
//! from the pronouns that follow the entity as the subject of a sentence. Whenever two
//! candidates remain and nothing decides between them, nothing is resolved. Pure, like the
//! rest of `ingest`.

use std::cell::OnceCell;
use std::sync::LazyLock;

use super::entities::Entities;
use super::fnv::FnvHashMap;
use super::Doc;
use crate::model::{EntityKind, Span};

/// The gender a person entity is referred to with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Given names with the gender they mostly carry (census lists plus hand-written news
/// names; see the lexicon README).
static GENDERED_NAMES: LazyLock<FnvHashMap<&'static str, Gender>> = LazyLock::new(|| {
    [
        include_str!("lexicon/gendered_first_names.tsv"),
        include_str!("lexicon/gendered_extra_first_names.tsv"),
    ]
    .iter()
    .flat_map(|list| list.lines())
    .filter(|l| !l.starts_with('#'))
    .filter_map(|l| {
        let (name, tag) = l.split_once('\t')?;
        let gender = match tag.trim() {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => return None,
        };
        Some((name, gender))
    })
    .collect()
});

/// Honorifics that carry a gender, lower case, without the period.
const GENDERED_HONORIFICS: &[(&str, Gender)] = &[
    ("mr", Gender::Male),
    ("sir", Gender::Male),
    ("lord", Gender::Male),
    ("mrs", Gender::Female),
    ("ms", Gender::Female),
    ("miss", Gender::Female),
    ("dame", Gender::Female),
    ("lady", Gender::Female),
];

/// Nouns of descriptions that refer back to a person ("the senator", "the 70-year-old",
/// "the New York businessman"), with the gender the noun itself carries.
const PERSON_NOUNS: &[(&str, Option<Gender>)] = &[
    ("president", None),
    ("senator", None),
    ("nominee", None),
    ("candidate", None),
    ("governor", None),
    ("mayor", None),
    ("congressman", Some(Gender::Male)),
    ("congresswoman", Some(Gender::Female)),
    ("businessman", Some(Gender::Male)),
    ("businesswoman", Some(Gender::Female)),
    ("billionaire", None),
    ("mogul", None),
    ("lawmaker", None),
    ("democrat", None),
    ("republican", None),
    ("secretary", None),
    ("minister", None),
    ("leader", None),
    ("chairman", None),
    ("chairwoman", Some(Gender::Female)),
    ("official", None),
    ("spokesman", Some(Gender::Male)),
    ("spokeswoman", Some(Gender::Female)),
    ("executive", None),
    ("ceo", None),
    ("founder", None),
    ("director", None),
    ("professor", None),
    ("judge", None),
    ("lawyer", None),
    ("attorney", None),
    ("author", None),
    ("activist", None),
    ("veteran", None),
    ("star", None),
    ("actor", Some(Gender::Male)),
    ("actress", Some(Gender::Female)),
    ("man", Some(Gender::Male)),
    ("woman", Some(Gender::Female)),
    ("father", Some(Gender::Male)),
    ("mother", Some(Gender::Female)),
    ("husband", Some(Gender::Male)),
    ("wife", Some(Gender::Female)),
];

/// How many sentences back a pronoun or description looks for its antecedent, and how
/// far when nothing at all was found that close.
const NEAR_SENTENCES: usize = 3;
/// How many sentences back the speaker of the latest statement still counts as the one
/// just quoted.
const SPEAKER_SENTENCES: usize = 2;
const FAR_SENTENCES: usize = 6;

/// Salience points: a mention in the pronoun's own sentence is worth `RECENT`, each
/// sentence further back `PER_SENTENCE` less; being a sentence's subject and being the
/// speaker just quoted add their bonus. A candidate wins only `MARGIN` points clear.
const RECENT: i32 = 10;
const PER_SENTENCE: i32 = 3;
const SUBJECT: i32 = 3;
const LAST_SPEAKER: i32 = 4;
const MARGIN: i32 = 3;

/// The entities named outside quotations, with what coreference knows about them.
pub struct Coref<'a> {
    doc: &'a Doc<'a>,
    ents: &'a Entities,
    /// Mentions outside quotations: (span, entity), by start.
    pub mentions: Vec<(Span, usize)>,
    /// Per entity: its gender, when anything tells; found when first asked, as most
    /// entities are never a pronoun's candidate.
    genders: Vec<OnceCell<Option<Gender>>>,
}

impl<'a> Coref<'a> {
    /// Indexes the mentions of `ents` that lie outside every span of `quoted`.
    pub fn new(doc: &'a Doc<'a>, ents: &'a Entities, quoted: &[Span]) -> Self {
        let mut mentions: Vec<(Span, usize)> = ents
            .mentions
            .iter()
            .filter(|m| m.entity < ents.entities.len())
            .filter(|m| {
                // `quoted` is in body order: only the last span opening before the mention
                // can contain it.
                let i = quoted.partition_point(|q| q.start <= m.span.start);
                i == 0 || !quoted[i - 1].contains(m.span)
            })
            .map(|m| (m.span, m.entity))
            .collect();
        mentions.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        let unmarked = unmarked_surnames(doc.body, ents, &mentions, quoted);
        if !unmarked.is_empty() {
            mentions.extend(unmarked);
            mentions.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        }
        Coref {
            doc,
            ents,
            mentions,
            genders: vec![OnceCell::new(); ents.entities.len()],
        }
    }

    fn kind(&self, entity: usize) -> EntityKind {
        self.ents.entities[entity].kind
    }

    /// The gender of a person entity, when anything tells.
    pub fn gender(&self, entity: usize) -> Option<Gender> {
        *self
            .genders
            .get(entity)?
            .get_or_init(|| self.find_gender(entity))
    }

    fn find_gender(&self, entity: usize) -> Option<Gender> {
        let e = &self.ents.entities[entity];
        if e.kind != EntityKind::Person {
            return None;
        }
        let body = self.doc.body;
        // An honorific in the name or right before a mention decides.
        let forms = std::iter::once(&e.name).chain(&e.aliases);
        let before_mentions = self
            .mentions
            .iter()
            .filter(|(_, m)| *m == entity)
            .map(|(s, _)| word_before(body, s.start));
        let honorific = forms
            .map(|f| first_word(f))
            .chain(before_mentions)
            .find_map(honorific_gender);
        if honorific.is_some() {
            return honorific;
        }
        let given = e
            .name
            .split_whitespace()
            .map(|w| w.trim_end_matches('.'))
            .find(|w| honorific_gender(w).is_none() && !is_title(w))?;
        if let Some(g) = GENDERED_NAMES.get(given.to_lowercase().as_str()) {
            return Some(*g);
        }
        self.pronoun_evidence(entity)
    }

    /// The gender of the pronouns that follow the entity when it opens a sentence
    /// ("Smith ... his ..."), when they agree.
    fn pronoun_evidence(&self, entity: usize) -> Option<Gender> {
        let body = self.doc.body;
        let (mut male, mut female) = (0, 0);
        for (span, _) in self.mentions.iter().filter(|(_, m)| *m == entity) {
            let sent = self.doc.sentences[self.doc.sentence_at(span.start)];
            if !body[sent.start..span.start].trim().is_empty() {
                continue;
            }
            for w in body[span.end..sent.end].split(|c: char| !c.is_alphabetic()) {
                match w {
                    "he" | "his" | "him" | "himself" => male += 1,
                    "she" | "her" | "hers" | "herself" => female += 1,
                    _ => {}
                }
            }
        }
        match (male, female) {
            (m, 0) if m > 0 => Some(Gender::Male),
            (0, f) if f > 0 => Some(Gender::Female),
            _ => None,
        }
    }

    /// The entity a pronoun at `pos` refers to: "he"/"she" a person of that gender, "it"
    /// an organization, "they" an organization when no person is in view. `last_speaker`
    /// is the speaker of the latest statement and where it began.
    pub fn pronoun(
        &self,
        word: &str,
        pos: usize,
        last_speaker: Option<(usize, usize)>,
    ) -> Option<usize> {
        match word.to_lowercase().as_str() {
            "he" => self.salient_person(Some(Gender::Male), pos, last_speaker),
            "she" => self.salient_person(Some(Gender::Female), pos, last_speaker),
            "it" => self.unique_org(pos, false),
            "they" => self.unique_org(pos, true),
            _ => None,
        }
    }

    /// The person a description at `pos` ("the senator", "the 70-year-old") refers to,
    /// when its head noun names a person and one candidate stands out.
    pub fn description(
        &self,
        phrase: &str,
        pos: usize,
        last_speaker: Option<(usize, usize)>,
    ) -> Option<usize> {
        let lower = phrase.trim().to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let (first, rest) = words.split_first()?;
        if *first != "the" || rest.is_empty() || rest.len() > 4 {
            return None;
        }
        let head = *rest.last()?;
        let gender = if is_age(head) {
            None
        } else {
            PERSON_NOUNS.iter().find(|(n, _)| *n == head)?.1
        };
        self.salient_person(gender, pos, last_speaker)
    }

    /// Among several people sharing a surname, the one `word` at `pos` refers to: the one
    /// an honorific before it agrees with, then the speaker just quoted, then the one named
    /// most often so far; `None` when that still leaves a tie.
    pub fn shared_surname(
        &self,
        candidates: &[usize],
        pos: usize,
        last_speaker: Option<(usize, usize)>,
    ) -> Option<usize> {
        let body = self.doc.body;
        let honorific = honorific_gender(word_before(body, pos));
        let fits: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&e| honorific.is_none() || self.gender(e) == honorific)
            .collect();
        if let [one] = fits.as_slice() {
            return Some(*one);
        }
        if let Some((e, _)) = last_speaker.filter(|(e, _)| fits.contains(e)) {
            return Some(e);
        }
        let count = |e: usize| {
            self.mentions
                .iter()
                .take_while(|(s, _)| s.start < pos)
                .filter(|(_, m)| *m == e)
                .count()
        };
        let mut ranked: Vec<(usize, usize)> = fits.iter().map(|&e| (count(e), e)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        match ranked.as_slice() {
            [(n, e)] if *n > 0 => Some(*e),
            [(n, e), (m, _), ..] if *n > 0 && m < n => Some(*e),
            _ => None,
        }
    }

    /// The most salient person compatible with `gender` before `pos`, when one stands
    /// `MARGIN` points clear of the others.
    fn salient_person(
        &self,
        gender: Option<Gender>,
        pos: usize,
        last_speaker: Option<(usize, usize)>,
    ) -> Option<usize> {
        let fits = |e: usize| {
            self.kind(e) == EntityKind::Person
                && (gender.is_none() || self.gender(e).is_none() || self.gender(e) == gender)
        };
        let sent = self.doc.sentence_at(pos);
        let last = last_speaker
            .filter(|(e, p)| fits(*e) && self.doc.sentence_at(*p) + SPEAKER_SENTENCES >= sent);
        let mut scores = self.scores(pos, NEAR_SENTENCES, &fits);
        if scores.is_empty() && last.is_none() {
            scores = self.scores(pos, FAR_SENTENCES, &fits);
        }
        if let Some((e, _)) = last {
            let base = scores.get(&e).copied().unwrap_or(0);
            scores.insert(
                e,
                base.max(RECENT - PER_SENTENCE * NEAR_SENTENCES as i32) + LAST_SPEAKER,
            );
        }
        let mut ranked: Vec<(i32, usize)> = scores.into_iter().map(|(e, s)| (s, e)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        match ranked.as_slice() {
            [(_, e)] => Some(*e),
            [(a, e), (b, _), ..] if a - b >= MARGIN => Some(*e),
            _ => None,
        }
    }

    /// Salience of every entity `fits` accepts, named within `back` sentences before `pos`.
    fn scores(
        &self,
        pos: usize,
        back: usize,
        fits: &dyn Fn(usize) -> bool,
    ) -> FnvHashMap<usize, i32> {
        let sent = self.doc.sentence_at(pos);
        let window = self.doc.sentences[sent.saturating_sub(back)].start;
        let lo = self.mentions.partition_point(|(s, _)| s.start < window);
        let mut scores: FnvHashMap<usize, i32> = FnvHashMap::default();
        for &(span, e) in self.mentions[lo..].iter().take_while(|(s, _)| s.end <= pos) {
            if !fits(e) {
                continue;
            }
            let distance = (sent - self.doc.sentence_at(span.start)) as i32;
            let mut score = RECENT - PER_SENTENCE * distance;
            if self.is_subject(span) {
                score += SUBJECT;
            }
            let best = scores.entry(e).or_insert(score);
            *best = (*best).max(score);
        }
        scores
    }

    /// Whether a mention is its sentence's subject: only an introductory phrase closed by a
    /// comma, capitalized title words or nothing come before it, and it is no possessive.
    fn is_subject(&self, span: Span) -> bool {
        let body = self.doc.body;
        if body[span.end..].starts_with(['\'', '’']) {
            return false;
        }
        let sent = self.doc.sentences[self.doc.sentence_at(span.start)];
        let before = body[sent.start..span.start].trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '“' | '”' | '(' | '-' | '—')
        });
        // "Smith and Jones said": names joined by "and" are subjects alike; a dateline
        // ("FLINT, Mich., Oct. 4 (UPI) —") is capitalized words, numbers and marks.
        before.is_empty()
            || before.split_whitespace().all(|w| {
                w == "and"
                    || w.chars()
                        .find(|c| c.is_alphabetic())
                        .map_or(true, char::is_uppercase)
            })
            || (before.ends_with(',') && before.split_whitespace().count() <= 8)
    }

    /// The one organization named in the pronoun's sentence or the one before; with
    /// `no_person`, only when no person is named there either ("they" may be people).
    fn unique_org(&self, pos: usize, no_person: bool) -> Option<usize> {
        let sent = self.doc.sentence_at(pos);
        let window = self.doc.sentences[sent.saturating_sub(1)].start;
        let lo = self.mentions.partition_point(|(s, _)| s.start < window);
        let mut found = None;
        for &(_, e) in self.mentions[lo..].iter().take_while(|(s, _)| s.end <= pos) {
            match self.kind(e) {
                EntityKind::Organization if found.map_or(true, |f| f == e) => found = Some(e),
                EntityKind::Organization => return None,
                EntityKind::Person if no_person => return None,
                _ => {}
            }
        }
        found
    }
}

/// Surnames the entity finder left unmarked, often because several people share them
/// ("Clinton" with Bill and Hillary Clinton named): every capitalized word outside
/// quotations and mentions that is the surname of a person, as a mention of the one
/// person with that surname or, when several share it, of the one named most often
/// before it (none on a tie). They make pronouns see who was just talked about.
fn unmarked_surnames(
    body: &str,
    ents: &Entities,
    mentions: &[(Span, usize)],
    quoted: &[Span],
) -> Vec<(Span, usize)> {
    let mut by_surname: FnvHashMap<&str, Vec<usize>> = FnvHashMap::default();
    for (i, e) in ents.entities.iter().enumerate() {
        if e.kind != EntityKind::Person {
            continue;
        }
        if let Some((_, last)) = e.name.rsplit_once(' ') {
            if last.len() >= 3 && last.starts_with(char::is_uppercase) {
                by_surname.entry(last).or_default().push(i);
            }
        }
    }
    if by_surname.is_empty() {
        return Vec::new();
    }
    let mut counts: FnvHashMap<usize, usize> = FnvHashMap::default();
    let mut next_mention = 0;
    let mut out = Vec::new();
    let mut pos = 0;
    for word in body.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let span = Span::new(pos, pos + word.len());
        pos += word.len()
            + body[pos + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        // Count the marked mentions before this word, for "named most often".
        while next_mention < mentions.len() && mentions[next_mention].0.end <= span.start {
            *counts.entry(mentions[next_mention].1).or_default() += 1;
            next_mention += 1;
        }
        let Some(candidates) = by_surname.get(word) else {
            continue;
        };
        // Mentions and quotations are in body order: only the last one opening at or
        // before the word can contain it.
        let inside =
            |spans: &mut dyn Iterator<Item = Span>| spans.last().is_some_and(|s| s.contains(span));
        let marked = mentions
            .iter()
            .map(|(s, _)| *s)
            .take_while(|s| s.start <= span.start);
        let in_quote = quoted.iter().copied().take_while(|s| s.start <= span.start);
        if inside(&mut marked.skip(next_mention.saturating_sub(1)))
            || inside(&mut in_quote.skip(quoted.partition_point(|q| q.end <= span.start)))
        {
            continue;
        }
        let count = |e: &usize| counts.get(e).copied().unwrap_or(0);
        let best = candidates.iter().copied().max_by_key(count);
        let ties = candidates
            .iter()
            .filter(|e| count(e) == best.map_or(0, |b| count(&b)));
        if let (Some(e), 1) = (best, ties.count()) {
            out.push((span, e));
        }
    }
    out
}

/// The gender an honorific carries ("Mr." -> male), ignoring case and the period.
fn honorific_gender(word: &str) -> Option<Gender> {
    let w = word.trim_end_matches('.').to_lowercase();
    GENDERED_HONORIFICS
        .iter()
        .find(|(h, _)| *h == w)
        .map(|(_, g)| *g)
}

/// Titles that may precede a given name in an entity's name ("Sen. Ted Cruz").
fn is_title(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "sen" | "rep" | "gov" | "dr" | "prof" | "gen" | "lt" | "col" | "president" | "senator"
    )
}

/// "70-year-old", "34-year-old".
fn is_age(word: &str) -> bool {
    word.strip_suffix("-year-old")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

/// The whitespace-separated word that ends right before `pos` ("Mr." in "Mr. Smith").
fn word_before(body: &str, pos: usize) -> &str {
    body[..pos]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
}

#[cfg(test)]
mod tests;
