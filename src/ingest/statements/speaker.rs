//! Speaker phrases to entities: the head mention of a subject phrase, pronouns, titles,
//! "Acme officials" and "Cornyn's statement". Returns `None` whenever in doubt.

use super::quotes::Quote;
use crate::ingest::coref::Coref;
use crate::ingest::entities::{resolve_reference, Entities};
use crate::ingest::Doc;
use crate::model::{EntityKind, Span, SpeakerBasis};

/// A speaker found in the text: the entity and how the phrase named it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Who {
    pub entity: usize,
    pub basis: SpeakerBasis,
}

/// The speaker, or `None` when the speaker is unnamed or unknown.
pub(super) type Speaker = Option<Who>;

/// Words that open an introductory phrase before the subject ("In a statement, ...").
const INTRO_WORDS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "when",
    "while",
    "as",
    "according",
    "of",
    "for",
    "with",
    "from",
    "by",
    "following",
    "since",
    "despite",
    "although",
    "though",
    "however",
    "meanwhile",
    "also",
    "but",
    "and",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "last",
    "this",
    "separately",
    "instead",
    "then",
    "now",
    "still",
    "moreover",
    "furthermore",
    "finally",
    "overall",
    "previously",
    "recently",
    "once",
    "if",
    "under",
    "asked",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Sentence-opening connectives that may also start the subject phrase ("But X, who ...").
const CONJUNCTIONS: &[&str] = &[
    "but",
    "and",
    "also",
    "then",
    "however",
    "meanwhile",
    "still",
    "moreover",
    "furthermore",
    "finally",
    "instead",
    "now",
    "yet",
    "so",
];

/// Heads of phrases for unnamed members of an organization ("Acme officials", "a Google
/// spokesman").
const GROUP_NOUNS: &[&str] = &[
    "officials",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representatives",
    "representative",
    "executives",
    "sources",
    "spokespeople",
    "officers",
    "lawyers",
    "lawyer",
    "leaders",
    "management",
    "board",
];

/// Heads of phrases for what an author puts out, which speaks for its author
/// ("Cornyn's statement", "a CBS poll", "the Trump campaign").
const DOC_NOUNS: &[&str] = &[
    "statement",
    "letter",
    "report",
    "website",
    "post",
    "tweet",
    "email",
    "blog",
    "poll",
    "survey",
    "study",
    "analysis",
    "campaign",
    "memo",
    "filing",
    "complaint",
    "lawsuit",
    "release",
    "editorial",
];

/// Definite descriptions that refer back to the latest organization ("the company said").
const ORG_NOUNS: &[&str] = &[
    "city",
    "town",
    "municipality",
    "village",
    "company",
    "firm",
    "group",
    "ministry",
    "department",
    "agency",
    "bank",
    "fund",
    "party",
    "club",
    "council",
    "organisation",
    "organization",
    "union",
    "association",
    "commission",
    "institute",
    "university",
    "court",
    "committee",
    "board",
    "authority",
    "charity",
    "foundation",
    "network",
    "newspaper",
    "paper",
    "channel",
    "band",
    "team",
    "airline",
    "carrier",
    "manufacturer",
    "retailer",
    "broadcaster",
    "regulator",
    "watchdog",
    "government",
];

/// Words stripped from the end of a subject phrase ("X has also said").
const TRAILING_AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "who",
    "reportedly",
    "himself",
    "herself",
    "then",
    "later",
    "previously",
    "further",
    "again",
    "recently",
    "once",
    "had",
    "earlier",
    "would",
    "will",
    "did",
    "does",
    "do",
    "today",
    "yesterday",
    "publicly",
    "repeatedly",
    "has",
];

/// Resolves speaker phrases against one article's entities.
pub(super) struct Resolver<'a> {
    doc: &'a Doc<'a>,
    ents: &'a Entities,
    /// Mentions outside quotations and what pronouns and descriptions refer to.
    coref: Coref<'a>,
    /// The length of the longest mention, so that lookups by position only scan mentions
    /// that start close enough before it to reach it.
    longest_mention: usize,
    /// The last resolved speaker and where its statement began.
    last_speaker: Option<(usize, usize)>,
    /// Lower-case names and aliases of people, with their entity.
    person_forms: Vec<(String, usize)>,
    /// Surnames (last word of multi-word names) of people, as written.
    surnames: Vec<(&'a str, usize)>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(doc: &'a Doc<'a>, ents: &'a Entities, quotes: &[Quote]) -> Self {
        let quoted: Vec<Span> = quotes.iter().map(|q| q.inner).collect();
        let coref = Coref::new(doc, ents, &quoted);
        let longest_mention = coref
            .mentions
            .iter()
            .map(|(s, _)| s.end.saturating_sub(s.start))
            .max()
            .unwrap_or(0);
        let mut person_forms = Vec::new();
        let mut surnames = Vec::new();
        for (i, e) in ents.entities.iter().enumerate() {
            if e.kind != EntityKind::Person {
                continue;
            }
            person_forms.push((e.name.to_lowercase(), i));
            person_forms.extend(e.aliases.iter().map(|a| (a.to_lowercase(), i)));
            if let Some((_, last)) = e.name.rsplit_once(' ') {
                surnames.push((last, i));
            }
        }
        Resolver {
            doc,
            ents,
            coref,
            longest_mention,
            last_speaker: None,
            person_forms,
            surnames,
        }
    }

    pub(super) fn note_speaker(&mut self, entity: usize, pos: usize) {
        // The speaker of a run of statements is the most salient antecedent of a pronoun.
        self.last_speaker = Some((entity, pos));
    }

    fn kind(&self, entity: usize) -> EntityKind {
        self.ents.entities[entity].kind
    }

    /// The mentions starting in `[from, to]` (a superset of those lying inside it), found
    /// by binary search so that pronoun lookups do not scan the whole article.
    fn mentions_within(&self, from: usize, to: usize) -> &[(Span, usize)] {
        let lo = self.coref.mentions.partition_point(|(s, _)| s.start < from);
        let hi = self
            .coref
            .mentions
            .partition_point(|(s, _)| s.start <= to)
            .max(lo);
        &self.coref.mentions[lo..hi]
    }

    /// The mention that covers byte `pos`.
    fn mention_at(&self, pos: usize) -> Option<(Span, usize)> {
        // A mention reaching `pos` starts less than `longest_mention` bytes before it.
        let lo = self
            .coref
            .mentions
            .partition_point(|(s, _)| s.start + self.longest_mention <= pos);
        self.coref.mentions[lo..]
            .iter()
            .take_while(|(s, _)| s.start <= pos)
            .find(|(s, _)| pos < s.end)
            .copied()
    }

    /// The entity of a mention that is exactly `span` (ignoring a trailing possessive).
    fn whole_mention(&self, span: Span) -> Option<usize> {
        let text = span.text(self.doc.body);
        let core = strip_possessive(text);
        let end = span.start + core.len();
        let lo = self
            .coref
            .mentions
            .partition_point(|(s, _)| s.start < span.start);
        self.coref.mentions[lo..]
            .iter()
            .take_while(|(s, _)| s.start == span.start)
            .find(|(s, _)| s.end == end)
            .map(|(_, e)| *e)
    }

    /// Resolves the subject phrase before a verb at `verb_pos`.
    pub(super) fn resolve_subject(&self, span: Span, verb_pos: usize) -> Speaker {
        let entity = self.subject_entity(span, verb_pos)?;
        Some(self.who(span, entity))
    }

    /// The subject of the clause `span` opens, as a speaker: the noun phrase starting its
    /// first piece after any introductory phrase ("On Sunday, Mr. Trump even echoed ..."
    /// -> Mr. Trump), a pronoun or a description.
    pub(super) fn sentence_subject(&self, span: Span, pos: usize) -> Speaker {
        let body = self.doc.body;
        let mut segs = segments(body, span);
        while segs.len() > 1 && is_intro(segs[0].text(body)) {
            segs.remove(0);
        }
        let first = strip_edges(body, *segs.first()?);
        // A name opening the clause, perhaps after title words ("Former Secretary of State
        // Madeleine Albright urged ..."): the verb after it may be any ("took", "sought").
        let lo = self
            .coref
            .mentions
            .partition_point(|(s, _)| s.start < first.start);
        if let Some(&(m, e)) = self.coref.mentions[lo..]
            .iter()
            .take_while(|(s, _)| s.end <= first.end)
            .next()
        {
            let lead = &body[first.start..m.start];
            let titled = lead
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase) || matches!(w, "of" | "the"));
            if titled && word_count_of(lead) <= 6 && !body[m.end..].starts_with(['\'', '’']) {
                return Some(self.who(m, e));
            }
        }
        let np = start_np(body, first);
        // Adverbs before the verb are no part of the subject ("Mr. Trump even echoed").
        let mut end = np.end;
        while end > np.start {
            let w = last_word(&body[np.start..end]);
            let lower = w.to_lowercase();
            if !(lower.ends_with("ly") || matches!(lower.as_str(), "even" | "also" | "then")) {
                break;
            }
            end = body[np.start..end - w.len()].trim_end().len() + np.start;
        }
        let np = Span::new(np.start, end);
        if np.start >= np.end {
            return None;
        }
        let entity = self.head(np).or_else(|| self.descriptive(np, pos))?;
        Some(self.who(np, entity))
    }

    /// Resolves a noun phrase that names a source ("according to X", "said X").
    pub(super) fn resolve_np(&self, span: Span) -> Speaker {
        let entity = self.np_entity(span)?;
        Some(self.who(span, entity))
    }

    /// The speaker `entity` named by `phrase`, with how the phrase names it: its full name,
    /// a shorter form, a pronoun, a title of its role or a description.
    pub(super) fn who(&self, phrase: Span, entity: usize) -> Who {
        let e = &self.ents.entities[entity];
        let text = phrase.text(self.doc.body).to_lowercase();
        let has = |form: &str| contains_words(&text, &form.to_lowercase());
        let surname = e.name.rsplit_once(' ').map(|(_, last)| last);
        // The piece right before the verb decides first: "X's sister pleaded, but he".
        let adjacent: Vec<&str> = text
            .rsplit(',')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .filter(|w| !CONJUNCTIONS.contains(w))
            .collect();
        let basis = if matches!(adjacent.as_slice(), ["he" | "she" | "it" | "they"]) {
            SpeakerBasis::Pronoun
        } else if has(&e.name) {
            SpeakerBasis::Name
        } else if e.aliases.iter().any(|a| has(a)) || surname.is_some_and(has) {
            SpeakerBasis::Alias
        } else if text
            .split(|c: char| !c.is_alphabetic())
            .any(|w| matches!(w, "he" | "she" | "it" | "they"))
        {
            SpeakerBasis::Pronoun
        } else if resolve_reference(self.doc, self.ents, phrase) == Some(entity) {
            SpeakerBasis::Title
        } else {
            SpeakerBasis::Description
        };
        Who { entity, basis }
    }

    /// The entity of the subject phrase before a verb at `verb_pos`.
    fn subject_entity(&self, span: Span, verb_pos: usize) -> Option<usize> {
        let body = self.doc.body;
        if span.start >= span.end {
            return None;
        }
        let text = span.text(body);
        let verb_after_comma = text.trim_end().ends_with(',');
        let mut segs = segments(body, span);
        while segs.len() > 1 && is_intro(segs[0].text(body)) {
            segs.remove(0);
        }
        if segs.is_empty() {
            return None;
        }
        // Strip leading conjunctions and trailing auxiliaries of the adjacent segment.
        let last = segs.len() - 1;
        segs[last] = strip_edges(body, segs[last]);
        if segs[last].start >= segs[last].end {
            return None;
        }
        let adjacent = segs[last];
        // "X tweeted to Y and said": the subject starts the segment.
        if last_word(adjacent.text(body)).eq_ignore_ascii_case("and") {
            let np = start_np(body, adjacent);
            return self.head(np).filter(|_| true);
        }
        if !verb_after_comma {
            if let Some(e) = self.head(adjacent) {
                if self.kind(e) == EntityKind::Person {
                    return Some(e);
                }
            }
        }
        // Appositives: "Fuad Basya, spokesman for the military, said".
        for (i, seg) in segs.iter().enumerate() {
            let e = if i == 0 {
                self.head(strip_edges(body, *seg))
            } else {
                // "Professor Michel Mayor": a titled name, not a clause naming someone.
                let text = seg.text(body);
                let clause = text
                    .split_whitespace()
                    .any(|w| matches!(w, "that" | "who" | "which" | "whose" | "whom"));
                self.whole_mention(*seg)
                    .or_else(|| (!clause).then(|| self.head(*seg)).flatten())
            };
            if let Some(e) = e {
                if self.kind(e) == EntityKind::Person {
                    return Some(e);
                }
            }
        }
        let main = if verb_after_comma { segs[0] } else { adjacent };
        if let Some(e) = self.head(strip_edges(body, main)) {
            return Some(e);
        }
        self.descriptive(main, verb_pos)
    }

    /// The entity of a noun phrase that names a source.
    fn np_entity(&self, span: Span) -> Option<usize> {
        let body = self.doc.body;
        if span.start >= span.end {
            return None;
        }
        let span = strip_edges(body, span);
        if span.start >= span.end {
            return None;
        }
        // The head is the mention that ends the phrase, or the first name before any
        // preposition ("curator Elaine Gustafon", "Kristen Wilkins").
        if let Some(e) = self.head(span) {
            return Some(e);
        }
        let np = start_np(body, span);
        if let Some(e) = self.head(np) {
            return Some(e);
        }
        self.descriptive(span, span.start)
    }

    /// Pronouns, "the company", titles ("the consul general") and "Acme officials".
    fn descriptive(&self, span: Span, pos: usize) -> Option<usize> {
        let body = self.doc.body;
        let text = span.text(body).trim();
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        match words.as_slice() {
            [pronoun @ ("he" | "she" | "it" | "they")] => {
                return self.coref.pronoun(pronoun, pos, self.last_speaker)
            }
            [] => return None,
            _ => {}
        }
        if words.len() > 6 {
            return None;
        }
        // "officials of Acme" / "a spokesman for Acme".
        let second = words[words.len().min(2) - 1];
        if words.len() >= 3 && (GROUP_NOUNS.contains(&second) || DOC_NOUNS.contains(&second)) {
            if let Some(e) = self.head(span) {
                if self.kind(e) != EntityKind::Person {
                    return Some(e);
                }
            }
        }
        if words[0] == "the" {
            let head_noun = words[words.len() - 1];
            if words.len() == 2 && ORG_NOUNS.contains(&head_noun) {
                return self.recent_org(pos, head_noun);
            }
            if words.len() >= 2 && text.chars().skip(4).all(|c| !c.is_uppercase()) {
                if let Some(e) = resolve_reference(self.doc, self.ents, span) {
                    return Some(e);
                }
            }
            return self.coref.description(text, pos, self.last_speaker);
        }
        None
    }

    /// The entity at the head (end) of a phrase, including "Acme officials" and
    /// "Cornyn's statement".
    fn head(&self, span: Span) -> Option<usize> {
        let body = self.doc.body;
        let text = span.text(body).trim_end_matches([',', ')', '.', ' ']);
        if text.is_empty() {
            return None;
        }
        let end = span.start + text.len();
        let last = last_word(text);
        let last_start = end - last.len();
        if let Some((m, e)) = self.mention_at(end - 1) {
            // A name inside a prepositional phrase ("a friend of John Smith", "Ingram of
            // the Globe") is not the head; the phrase's first noun is.
            let before = body[span.start..m.start.max(span.start)].trim_end();
            let before = before.strip_suffix("the").unwrap_or(before).trim_end();
            let prep = last_word(before).to_lowercase();
            if !matches!(
                prep.as_str(),
                "of" | "for" | "at" | "from" | "with" | "to" | "in" | "on" | "by" | "about"
            ) {
                return Some(e);
            }
            let np = start_np(body, span);
            if np.end < m.start {
                let np_last = last_word(np.text(body)).to_lowercase();
                let is_doc = DOC_NOUNS.contains(&np_last.as_str());
                if is_doc && matches!(prep.as_str(), "by" | "from" | "of") {
                    return Some(e);
                }
                if GROUP_NOUNS.contains(&np_last.as_str()) && self.kind(e) != EntityKind::Person {
                    return Some(e);
                }
                if let Some((m2, e2)) = self.mention_at(np.end.saturating_sub(1)) {
                    if m2.end == np.end {
                        return Some(e2);
                    }
                }
            }
            return None;
        }
        // "Matthew Ingram of the Globe": the name before a prepositional phrase.
        let np = start_np(body, span);
        if np.start < np.end && np.end < end {
            let next = first_token(body[np.end..end].trim_start()).to_lowercase();
            if matches!(
                next.as_str(),
                "of" | "for" | "at" | "from" | "with" | "in" | "on"
            ) {
                if let Some((m2, e2)) = self.mention_at(np.end - 1) {
                    if m2.end == np.end {
                        return Some(e2);
                    }
                }
            }
        }
        if last.chars().next().is_some_and(char::is_uppercase) && last.len() > 2 {
            if let Some(e) = self.person_by_word(strip_possessive(last), last_start) {
                return Some(e);
            }
        }
        let lower = last.to_lowercase();
        let is_doc = DOC_NOUNS.contains(&lower.as_str());
        if (is_doc || GROUP_NOUNS.contains(&lower.as_str())) && last_start > span.start {
            // The word before: "Acme officials", "Cornyn's statement".
            let before = body[span.start..last_start].trim_end();
            if before.is_empty() {
                return None;
            }
            let pos = span.start + before.len() - 1;
            let pos = if before.ends_with("'s") || before.ends_with("’s") {
                span.start + strip_possessive(before).len() - 1
            } else {
                pos
            };
            if let Some((_, e)) = self.mention_at(pos) {
                if is_doc || self.kind(e) != EntityKind::Person {
                    return Some(e);
                }
            }
        }
        None
    }

    /// The one person named `word` (a name or alias), or whose full name ends with it
    /// ("Miller" -> "John Miller"), or failing both whose surname is one letter away
    /// ("Mauer" for "Maurer").
    fn person_by_word(&self, word: &str, pos: usize) -> Option<usize> {
        let unique = |found: &mut dyn Iterator<Item = usize>| -> Option<Option<usize>> {
            let mut all: Vec<usize> = found.collect();
            all.sort_unstable();
            all.dedup();
            match all.as_slice() {
                [] => None,
                [one] => Some(Some(*one)),
                // Several people share the form ("Clinton"): salience decides, or no one.
                several => Some(self.coref.shared_surname(several, pos, self.last_speaker)),
            }
        };
        let lower = word.to_lowercase();
        if let Some(found) = unique(
            &mut self
                .person_forms
                .iter()
                .filter(|(f, _)| *f == lower)
                .map(|(_, e)| *e),
        ) {
            return found;
        }
        if let Some(found) = unique(
            &mut self
                .surnames
                .iter()
                .filter(|(s, _)| *s == word)
                .map(|(_, e)| *e),
        ) {
            return found;
        }
        if word.chars().count() < 5 {
            return None;
        }
        unique(
            &mut self
                .surnames
                .iter()
                .filter(|(s, _)| within_one_edit(s, word))
                .map(|(_, e)| *e),
        )
        .flatten()
    }

    /// "the company": the latest organization within the last three sentences; a noun
    /// that is part of an organization's name ("the ministry") must match it.
    fn recent_org(&self, pos: usize, noun: &str) -> Option<usize> {
        let sent = self.doc.sentence_at(pos);
        let window = self.doc.sentences[sent.saturating_sub(3)].start;
        let generic = matches!(noun, "company" | "firm" | "group");
        let municipal = matches!(noun, "city" | "town" | "municipality" | "village");
        let mut orgs = self
            .mentions_within(window, pos)
            .iter()
            .rev()
            .filter(|(s, e)| {
                s.start >= window && s.end <= pos && self.kind(*e) == EntityKind::Organization
            })
            .map(|(_, e)| *e)
            .filter(|e| {
                let name = self.ents.entities[*e].name.to_lowercase();
                generic
                    || name.contains(noun)
                    || (municipal
                        && ["municipality", "city", "council", "town"]
                            .iter()
                            .any(|w| name.contains(w)))
            });
        let first = orgs.next()?;
        // "the company" is only clear when one organization is in view.
        if generic && orgs.any(|e| e != first) {
            return None;
        }
        Some(first)
    }

    /// The name or pronoun that ends a subject phrase with no comma ("... to Iran
    /// Darvishi" -> "Darvishi").
    pub(super) fn trailing_name(&self, span: Span) -> Option<Span> {
        let body = self.doc.body;
        let span = strip_edges(body, span);
        if span.start >= span.end {
            return None;
        }
        let text = span.text(body);
        let last = last_word(text);
        if matches!(last.to_lowercase().as_str(), "he" | "she") {
            return Some(Span::new(span.end - last.len(), span.end));
        }
        if let Some((m, _)) = self.mention_at(span.end - 1) {
            return (m.end == span.end && m.start > span.start).then_some(m);
        }
        // A name the entity finder did not mark here: the last capitalized word, when it
        // is the name or alias of exactly one person.
        let word = Span::new(span.end - last.len(), span.end);
        (word.start > span.start && last.chars().next().is_some_and(char::is_uppercase))
            .then(|| self.person_by_word(strip_possessive(last), word.start))
            .flatten()
            .map(|_| word)
    }

    /// A person named as a whole comma-separated piece after `pos` ("the Crown
    /// prosecutor, Mark Tedeschi, QC"): the entity and the end of that piece.
    pub(super) fn appositive_name(&self, pos: usize, limit: usize) -> Option<(Who, usize)> {
        let body = self.doc.body;
        let mut start = pos;
        for _ in 0..3 {
            let rest = &body[start..limit];
            let rest_trim = rest.trim_start_matches([',', ' ']);
            let seg_start = start + rest.len() - rest_trim.len();
            let seg_len = rest_trim
                .find([',', '"', '“', '”'])
                .unwrap_or(rest_trim.len());
            let seg = Span::new(seg_start, seg_start + rest_trim[..seg_len].trim_end().len());
            if let Some(e) = self.whole_mention(seg) {
                if self.kind(e) == EntityKind::Person {
                    // Also skip a short suffix piece like "QC" or "SC".
                    let mut end = seg.end;
                    let after = &body[end..limit];
                    let after_trim = after.trim_start_matches([',', ' ']);
                    let w = first_token(after_trim);
                    if !w.is_empty() && w.len() <= 3 && w.chars().all(|c| c.is_uppercase()) {
                        end += after.len() - after_trim.len() + w.len();
                    }
                    return Some((self.who(seg, e), end));
                }
            }
            if seg_len == rest_trim.len() || !rest_trim[seg_len..].starts_with(',') {
                return None;
            }
            start = seg_start + seg_len + 1;
        }
        None
    }

    /// Whether an entity other than `except` is named (outside quotations) between `from`
    /// and `to`, not counting the sentence `skip_sentence`.
    pub(super) fn other_mention_between(
        &self,
        from: usize,
        to: usize,
        except: Option<usize>,
        skip_sentence: usize,
    ) -> bool {
        let lo = self.coref.mentions.partition_point(|(s, _)| s.start < from);
        self.coref.mentions[lo..]
            .iter()
            .take_while(|(s, _)| s.start <= to)
            .any(|(s, e)| {
                s.start >= from
                    && s.end <= to
                    && Some(*e) != except
                    && self.doc.sentence_at(s.start) != skip_sentence
                    && self.kind(*e) != EntityKind::Place
            })
    }

    /// The subject of a clause that introduces a quotation with a colon right before it
    /// ("Jones disagreed: "...""), when it is a named person or organization.
    pub(super) fn colon_intro(&self, quote_open: usize) -> Speaker {
        let (m, e) = self.colon_intro_mention(quote_open)?;
        Some(self.who(m, e))
    }

    fn colon_intro_mention(&self, quote_open: usize) -> Option<(Span, usize)> {
        let body = self.doc.body;
        let before = body[..quote_open].trim_end();
        if !before.ends_with(':') {
            return None;
        }
        let colon = before.len() - 1;
        let sent = self.doc.sentences[self.doc.sentence_at(colon)];
        if sent.start >= colon {
            return None;
        }
        let mut segs = segments(body, Span::new(sent.start, colon));
        while segs.len() > 1 && is_intro(segs[0].text(body)) {
            segs.remove(0);
        }
        let first = strip_edges(body, *segs.first()?);
        let np = start_np(body, first);
        if np.start >= np.end {
            return None;
        }
        let (m, e) = self.mention_at(np.end - 1)?;
        (m.end == np.end && m.start == np.start).then_some((m, e))
    }

    /// The speaker of a headline of the form "Name: claim" on the line `line`, with the
    /// offset just after the colon, when the name before the colon is exactly a mention of
    /// a person or an organization.
    pub(super) fn headline_speaker(&self, line: Span) -> Option<(Who, usize)> {
        let body = self.doc.body;
        let colon = line.start + line.text(body).find(':')?;
        let name = trimmed_span_of(body, Span::new(line.start, colon));
        let e = self.whole_mention(name)?;
        (self.kind(e) != EntityKind::Place).then(|| (self.who(name, e), colon + 1))
    }

    /// A pull-quote trailer after a quotation: `" - Matthew Ingram`.
    pub(super) fn trailer(&self, quote_end: usize) -> Speaker {
        let body = self.doc.body;
        // Spaces within the line only; looking for the line's end first cost a scan of the
        // rest of the line for every quotation.
        let space = |c: char| c.is_whitespace() && c != '\n';
        let t = body[quote_end..].trim_start_matches(space);
        let t2 = t.strip_prefix(['-', '–', '—'])?;
        let name = t2.trim_start_matches(space);
        let pos = body.len() - name.len();
        let (m, e) = self.mention_at(pos)?;
        (m.start == pos && self.kind(e) != EntityKind::Place).then(|| self.who(m, e))
    }
}

/// Comma-separated pieces of a phrase (commas inside brackets do not split).
fn segments(body: &str, span: Span) -> Vec<Span> {
    let text = span.text(body);
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' if depth <= 0 => {
                push_seg(body, span.start + start, span.start + i, &mut out);
                start = i + 1;
            }
            _ => {}
        }
    }
    push_seg(body, span.start + start, span.end, &mut out);
    out
}

fn push_seg(body: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let text = &body[start..end];
    let lead = text.len() - text.trim_start().len();
    let t = text.trim();
    if !t.is_empty() {
        out.push(Span::new(start + lead, start + lead + t.len()));
    }
}

/// Whether a leading piece is an introductory phrase ("In a statement", "On Friday").
fn is_intro(text: &str) -> bool {
    let text = text.trim();
    let w = first_token(text).to_lowercase();
    // "But Dallaglio, who ..., said": a conjunction opens the subject itself; only a
    // conjunction standing alone ("However, X said") is an introduction.
    if CONJUNCTIONS.contains(&w.as_str()) {
        return text.len() == w.len();
    }
    INTRO_WORDS.contains(&w.as_str())
        || (w.len() > 4 && w.ends_with("ing"))
        || w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Removes leading conjunctions/quotes and trailing auxiliaries and punctuation.
fn strip_edges(body: &str, span: Span) -> Span {
    let mut start = span.start;
    let mut end = span.end;
    loop {
        let text = &body[start..end];
        let t = text.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '"' | '“' | '”' | '-' | '–' | '—' | ':' | '(')
        });
        start += text.len() - t.len();
        let w = first_token(t).to_lowercase();
        if matches!(
            w.as_str(),
            "but"
                | "and"
                | "so"
                | "yet"
                | "as"
                | "then"
                | "while"
                | "when"
                | "although"
                | "though"
                | "because"
                | "that"
        ) && t.len() > w.len()
        {
            start += w.len();
        } else {
            break;
        }
    }
    loop {
        let text = &body[start..end];
        let t = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':'));
        end = start + t.len();
        // A party and state after a name ("Jason Chaffetz (R-Utah)"), or any short
        // bracketed aside, is not part of the name.
        if let Some(open) = t.strip_suffix(')').and_then(|t| t.rfind('(')) {
            if open > 0 && t[open..].split_whitespace().count() <= 3 {
                end = start + t[..open].trim_end().len();
                continue;
            }
        }
        let w = last_word(t).to_lowercase();
        if TRAILING_AUX.contains(&w.as_str()) && t.len() > w.len() {
            end -= w.len();
        } else {
            break;
        }
    }
    if start > end {
        return Span::new(start, start);
    }
    Span::new(start, end)
}

/// Function words that cannot be inside a noun phrase.
const NP_BREAKERS: &[&str] = &[
    "if", "he", "she", "they", "it", "we", "would", "will", "could", "should", "can", "may",
    "might", "is", "are", "was", "were", "has", "have", "had", "did", "does", "do", "not", "when",
    "where", "while", "as", "because", "but", "or", "then",
];

/// The noun phrase at the start of a phrase: up to a preposition or a verb-like word.
fn start_np(body: &str, span: Span) -> Span {
    let text = span.text(body);
    let mut end = span.start;
    for w in text.split_whitespace() {
        let off = w.as_ptr() as usize - text.as_ptr() as usize;
        let clean = w.trim_end_matches([',', '.', ';', ':']);
        let lower = clean.to_lowercase();
        let starts_lower = clean.chars().next().is_some_and(|c| c.is_lowercase());
        if end > span.start
            && (matches!(
                lower.as_str(),
                "of" | "for"
                    | "at"
                    | "in"
                    | "on"
                    | "to"
                    | "with"
                    | "from"
                    | "by"
                    | "and"
                    | "who"
                    | "which"
                    | "that"
                    | "about"
            ) || NP_BREAKERS.contains(&lower.as_str())
                || (starts_lower
                    && (lower.ends_with("ed")
                        || lower.ends_with('s') && lower.len() > 3 && !lower.ends_with("ss"))))
        {
            // "Posts" at the very start is kept; a later lower-case "-ed/-s" word is a verb.
            break;
        }
        end = span.start + off + clean.len();
        if clean.len() != w.len() {
            break;
        }
    }
    Span::new(span.start, end)
}

/// The span without surrounding whitespace.
fn trimmed_span_of(body: &str, span: Span) -> Span {
    let text = span.text(body);
    let start = span.start + (text.len() - text.trim_start().len());
    Span::new(start, start + text.trim().len())
}

fn word_count_of(text: &str) -> usize {
    text.split_whitespace().count()
}

fn first_token(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .unwrap_or(text.len());
    &text[..end]
}

fn last_word(text: &str) -> &str {
    let t = text.trim_end();
    // After the whole space character: a no-break space is two bytes.
    let start = t
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    &t[start..]
}

/// Whether two words differ by at most one inserted, deleted or replaced character.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1.min(short.len() - prefix)..] == long[prefix + 1.min(long.len() - prefix)..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Whether `form` occurs in `text` as whole words (both lower case).
fn contains_words(text: &str, form: &str) -> bool {
    !form.is_empty()
        && text.match_indices(form).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + form.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

fn strip_possessive(text: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            return rest;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_last_word_after_a_no_break_space() {
        // Found by the property tests: the byte after a two-byte space is not a boundary.
        assert_eq!(last_word("said\u{a0}Smith"), "Smith");
        assert_eq!(last_word("\u{a0}\u{301}7Dr"), "\u{301}7Dr");
    }

    #[test]
    fn one_edit_apart() {
        let cases = [
            ("Maurer", "Mauer", true),
            ("Waters", "Water", true),
            ("Smith", "Smyth", true),
            ("Smith", "Smith", true),
            ("Smith", "Jones", false),
            ("Waters", "Walters", true),
            ("Waters", "Wat", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(within_one_edit(a, b), expected, "{a} {b}");
        }
    }
}
