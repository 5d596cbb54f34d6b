//! Named people, organizations and places: mentions, in-article aliases and roles.
//!
//! The recognizer works on capitalization and context, backed by gazetteers (countries,
//! regions, provinces, US states, world cities, well-known organizations), keyword lists
//! (organization and place head words, titles) and name lists (given names, surnames,
//! people known by one name, demonyms, common lower-case English words); see `lexicon`.
//! A lone word is a person on context too: a title or honorific before it, a verb of
//! saying, "was", ", who" or a possessive after it. Steps:
//!
//! 1. tokenize the body into words with byte offsets, splitting off possessive `'s`;
//! 2. group capitalized words into chunks, joining connectors ("of", "for", "and", "&")
//!    only where the name around them calls for it, and split chunks at titles
//!    ("NASA Administrator Charles Bolden") and demonyms;
//! 3. classify each piece (gazetteer, keyword head, person-name evidence, context), then
//!    let the learned tagger (`tagger`, joined in `blend`) retype what the rules typed on
//!    weak evidence or not at all;
//! 4. resolve short forms within the article (surnames, acronyms, shorter names) to the
//!    fullest name, leaving ambiguous short forms out;
//! 5. read roles from titles before a name and appositives after it.
//!
//! Title-case headlines only yield names that the gazetteers or the rest of the article
//! confirm. Nothing here touches files at run time.

mod blend;
mod lexicon;
pub mod tagger;

use std::collections::{HashMap, HashSet};

use super::Doc;
use crate::model::{Entity, EntityKind, Mention, Role, Span};
use crate::normalize::fold_name;
use lexicon::{PlaceKind, CALENDAR, LEX};

/// The entities of one article with their mentions and roles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entities {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub roles: Vec<Role>,
}

/// One word of the body.
#[derive(Debug, Clone)]
struct Tok<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Starts with an upper-case letter.
    cap: bool,
    /// Index of the sentence it is in.
    sent: usize,
    /// First word of its sentence, or first after an opening quote or colon.
    initial: bool,
    /// Only spaces (no newline or punctuation) separate it from the previous word.
    clean_before: bool,
    /// Followed by a possessive `'s` (or a bare `'` after s).
    poss: bool,
    /// Followed by a colon ("Image:").
    label: bool,
}

impl Tok<'_> {
    fn lower(&self) -> String {
        self.text.trim_end_matches('.').to_lowercase()
    }
}

/// Splits the body into words. Internal `-`, `.`, `&` and apostrophes stay inside a word
/// ("Udvar-Hazy", "U.S.", "A&M", "O'Brien"); a possessive `'s` is split off and flagged.
fn tokenize<'a>(doc: &Doc<'a>) -> Vec<Tok<'a>> {
    let body = doc.body;
    let mut toks: Vec<Tok<'a>> = Vec::new();
    let mut chars = body.char_indices().peekable();
    let mut prev_end = 0usize;
    while let Some((i, c)) = chars.next() {
        let lone_amp = c == '&' && body[i + 1..].starts_with(' ');
        if !c.is_alphanumeric() && !lone_amp {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut poss = false;
        while let Some(&(j, d)) = chars.peek().filter(|_| !lone_amp) {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            if matches!(d, '-' | '.' | '&' | '\'' | '’') {
                let after = j + d.len_utf8();
                let next = body[after..].chars().next();
                let next_alnum = next.is_some_and(|n| n.is_alphanumeric());
                if matches!(d, '\'' | '’') {
                    // Possessive "'s" followed by a non-letter.
                    let rest = &body[after..];
                    if (rest.starts_with('s') || rest.starts_with('S'))
                        && !rest[1..]
                            .chars()
                            .next()
                            .is_some_and(|n| n.is_alphanumeric())
                    {
                        poss = true;
                        // Skip the apostrophe and the s.
                        chars.next();
                        chars.next();
                        break;
                    }
                    if !next_alnum {
                        if body[start..end].ends_with('s') {
                            poss = true;
                            chars.next();
                        }
                        break;
                    }
                }
                if next_alnum {
                    end = after;
                    chars.next();
                    continue;
                }
                if d == '.' && keeps_final_dot(&body[start..end]) {
                    end = after;
                    chars.next();
                }
            }
            break;
        }
        let text = &body[start..end];
        let gap = &body[prev_end..start];
        if gap.ends_with(['#', '@']) {
            prev_end = end;
            continue;
        }
        let clean_before = !toks.is_empty() && gap.bytes().all(|b| b == b' ');
        let sent = doc.sentence_at(start);
        let sent_start = doc.sentences.get(sent).map_or(0, |s| s.start);
        let lead = body.get(sent_start.min(start)..start).unwrap_or("");
        let initial = lead.chars().all(|ch| !ch.is_alphanumeric())
            || gap.contains(['"', '“', ':', '(', '‘'])
            || (gap.trim_start().starts_with('\'') && gap.starts_with(' '));
        toks.push(Tok {
            start,
            end,
            text,
            cap: text.chars().next().is_some_and(char::is_uppercase),
            sent,
            initial,
            clean_before,
            poss,
            label: body[end..].starts_with(':'),
        });
        prev_end = end;
    }
    // A possessive breaks a name: the next word must not count as cleanly joined.
    for k in 1..toks.len() {
        if toks[k - 1].poss {
            toks[k].clean_before = false;
        }
    }
    split_place_pairs(toks)
}

/// Splits "China-Iran" into its places, so that each is a mention of its own.
fn split_place_pairs(toks: Vec<Tok<'_>>) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        let parts: Vec<&str> = t.text.split('-').collect();
        if parts.len() < 2 || !parts.iter().all(|p| LEX.places.contains_key(p)) {
            out.push(t);
            continue;
        }
        let mut offset = t.start;
        let last = parts.len() - 1;
        for (k, part) in parts.iter().enumerate() {
            out.push(Tok {
                start: offset,
                end: offset + part.len(),
                text: part,
                cap: true,
                clean_before: k == 0 && t.clean_before,
                poss: k == last && t.poss,
                label: k == last && t.label,
                ..t.clone()
            });
            offset += part.len() + 1;
        }
    }
    out
}

/// Whether a word keeps its final period: initials ("F."), dotted acronyms ("U.S.") and
/// title abbreviations ("Mr.", "Dr.").
fn keeps_final_dot(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if word.contains('.') || (letters == 1 && word.chars().all(char::is_uppercase)) {
        return true;
    }
    matches!(
        word.to_lowercase().as_str(),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "jr"
            | "sr"
            | "gen"
            | "sen"
            | "rep"
            | "gov"
            | "prof"
            | "rev"
            | "lt"
            | "col"
            | "capt"
            | "sgt"
            | "maj"
            | "co"
            | "inc"
            | "corp"
            | "ltd"
            | "mt"
            | "ft"
    )
}

/// Lower-case connectors that may stand inside a name.
const CONNECTORS: &[&str] = &["of", "for", "on", "at", "and", "&", "the"];
/// Name particles ("Claudio de Vincenti", "Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "de", "del", "della", "di", "da", "van", "von", "der", "den", "du", "des", "bin", "al", "el",
    "la", "le", "dos", "das", "ter",
];
/// Last words of events, prizes and wars.
const EVENT_WORDS: &[&str] = &[
    "Cup",
    "Games",
    "Olympics",
    "Championship",
    "Championships",
    "Open",
    "Festival",
    "Awards",
    "Award",
    "Prize",
    "War",
    "Wars",
    "Revolution",
    "Summit",
    "Expo",
    "Marathon",
    "Tour",
    "Grand",
    "Prix",
    "Series",
    "Bowl",
    "Trophy",
    "Universiade",
    "Day",
    "Week",
    "Crisis",
    "Agreement",
    "Accord",
    "Accords",
    "Treaty",
    "Act",
];
/// Frequent Chinese, Korean and Vietnamese family names (romanized), which often follow
/// an English given name ("Starry Lee", "Holden Chow").
const EAST_ASIAN_SURNAMES: &[&str] = &[
    "Chan", "Wong", "Lee", "Li", "Cheung", "Leung", "Lau", "Ho", "Chow", "Chau", "Ng", "Tse",
    "Yip", "Ip", "Lam", "Tam", "Fung", "Kwok", "Mak", "Yung", "Yeung", "Tsang", "Wu", "Wang",
    "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Xu", "Zhu", "Guo", "Lin", "Luo",
    "Gao", "Liang", "Xie", "Tang", "Deng", "Feng", "Cao", "Peng", "Zeng", "Xiao", "Cai", "Pan",
    "Tian", "Dong", "Yuan", "Jiang", "Kim", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang",
    "Lim", "Han", "Shin", "Seo", "Kwon", "Hwang", "Ahn", "Nguyen", "Tran", "Pham", "Hoang", "Phan",
    "Vu", "Dang", "Bui", "Do", "Ngo", "Duong", "Ly", "Tan", "Teo", "Goh", "Koh", "Chua", "Ong",
    "Yeo", "Sim", "Low", "Chong", "Cheng", "Hui", "Kwan", "Siu", "Tsui", "Yau", "Chiu", "Choy",
    "Tong", "Poon", "Lai", "Sze", "Wan", "Kong", "Yu",
];

/// Place head words that are also frequent surnames ("Marc Lamont Hill", "Faith Hill").
const KEYWORD_SURNAMES: &[&str] = &[
    "Hill", "Hall", "Park", "Field", "Wood", "Ford", "Lane", "Church", "Rivers", "Banks", "Brooks",
    "Street", "Bridge", "Town",
];

/// Articles that open names in other languages.
const FOREIGN_ARTICLES: &[&str] = &["El", "La", "Le", "Les", "Il", "Die", "Der", "Das", "Los"];

/// Function words that never end a name.
const STOPWORDS: &[&str] = &[
    "in", "the", "on", "at", "for", "of", "and", "to", "by", "with", "as", "a", "an", "from",
];
/// Acronyms that are not organizations.
const NOT_ORGS: &[&str] = &[
    "VIP", "POTUS", "FLOTUS", "SCOTUS", "QC", "SC", "KC", "CEO", "CFO", "CTO", "COO", "MP", "MPs",
    "TV", "PM", "AM", "GMT", "UTC", "OK", "PhD", "MBA", "BA", "MA", "BSc", "MSc", "DIY", "FAQ",
    "ASAP", "AKA", "LOL", "USD", "EUR", "GBP", "DNA", "RNA", "ID", "IQ", "IT", "PC", "PR", "HR",
    "GDP", "GPS", "SMS", "URL", "PDF", "HIV", "AIDS", "COVID", "SARS", "RIP", "NB", "DVD", "CD",
    "ADSL", "PDA", "AWOL", "SUV", "ATM", "LCD", "USB", "MP3", "HTML", "HTTP", "WWW", "VAT", "GMO",
    "IPO", "AGM", "ICU", "UFO", "AI", "VR", "PS", "RSVP", "BCE", "BC", "AD", "CE", "PIN", "SIM",
    "LED", "RAM", "CPU", "GPU", "OS", "API", "TBA", "TBC", "ETA", "MVP", "NGO", "PPE", "PCR",
    "BMI", "IVF", "ADHD",
];

/// Whether the word before token `b` is a label ("Image:", "Photo:").
fn label_after(toks: &[Tok], b: usize) -> bool {
    toks[b - 1].label
}

/// Title words that qualify another title rather than standing alone.
const MODIFIERS: &[&str] = &[
    "vice",
    "prime",
    "foreign",
    "state",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "education",
    "trade",
    "home",
    "affairs",
    "chief",
    "executive",
    "deputy",
    "assistant",
    "associate",
    "acting",
    "senior",
    "junior",
    "head",
    "former",
    "general",
];
/// Honorifics: evidence of a person, not a role.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "miss",
];
/// Verbs of saying after a name: evidence of a person.
const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "noted",
    "wrote",
    "explained",
    "argued",
    "asked",
    "claimed",
    "believes",
    "believed",
    "thinks",
    "announced",
    "tweeted",
    "replied",
];
/// Verbs that only people do, after a name: evidence of a person.
const PERSON_VERBS: &[&str] = &[
    "insisted",
    "admitted",
    "recalled",
    "mocked",
    "joked",
    "smiled",
    "laughed",
    "apologized",
    "apologised",
    "testified",
    "resigned",
    "married",
    "died",
    "himself",
    "herself",
    "was",
];
/// Relatives and the like after a possessive name ("Trump's wife"): evidence of a person.
const KIN: &[&str] = &[
    "wife",
    "husband",
    "son",
    "sons",
    "daughter",
    "daughters",
    "father",
    "mother",
    "brother",
    "sister",
    "widow",
    "parents",
    "children",
    "grandmother",
    "grandfather",
    "girlfriend",
    "boyfriend",
];
/// Compass words that extend a place ("New Territories West").
const COMPASS: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
    "Upper", "Lower", "Greater",
];

fn is_title_word(w: &str) -> bool {
    LEX.titles.contains(w)
}

fn is_core_title(w: &str) -> bool {
    is_title_word(w) && !MODIFIERS.contains(&w) && !HONORIFICS.contains(&w)
}

/// Whether a token is a core title word; ranks that are also adjectives ("major",
/// "private") count only when capitalized.
fn is_core_title_tok(t: &Tok) -> bool {
    let low = t.lower();
    is_core_title(&low)
        && (t.cap || !matches!(low.as_str(), "major" | "private" | "general" | "father"))
}

fn is_common(word: &str) -> bool {
    let low = word.trim_end_matches('.').to_lowercase();
    if LEX.common.contains(low.as_str()) {
        return true;
    }
    low.contains('-')
        && low
            .split('-')
            .all(|p| p.is_empty() || LEX.common.contains(p))
}

fn is_calendar(word: &str) -> bool {
    CALENDAR.contains(&word.trim_end_matches('.').to_lowercase().as_str())
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=6).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase())
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '.' || c == '&')
}

/// Internal capital after a lower-case letter ("YouTube", "PayPal"), not a name prefix.
fn is_camel(word: &str) -> bool {
    let name_prefix = [
        "Mc", "Mac", "De", "Le", "La", "Di", "Du", "Van", "Von", "O'",
    ]
    .iter()
    .any(|p| word.starts_with(p));
    let camel = word.split(['-', '\'', '’', '.']).any(|part| {
        part.chars().skip(1).any(char::is_uppercase) && part.chars().any(char::is_lowercase)
    });
    camel && !name_prefix
}

/// Whether a word is an organization head word, also as the last part of a hyphenated
/// word ("Star-Telegram", "American-Statesman").
fn is_org_kw(word: &str) -> bool {
    let word = strip_number(word);
    LEX.org_keywords.contains(word)
        || word.rsplit_once('-').is_some_and(|(_, last)| {
            last.chars().next().is_some_and(char::is_uppercase) && LEX.org_keywords.contains(last)
        })
}

fn is_place_kw(word: &str) -> bool {
    LEX.place_keywords.contains(strip_number(word))
}

fn is_kw(word: &str) -> bool {
    is_org_kw(word) || is_place_kw(word)
}

/// "Facility-1" -> "Facility".
fn strip_number(word: &str) -> &str {
    match word.rsplit_once('-') {
        Some((head, tail)) if tail.chars().all(|c| c.is_ascii_digit()) && !tail.is_empty() => head,
        _ => word,
    }
}

/// Joins the texts of tokens `a..b` with single spaces.
fn joined(toks: &[Tok], a: usize, b: usize) -> String {
    let mut s = String::new();
    for t in &toks[a..b] {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(t.text);
    }
    s
}

/// The longest gazetteer entry (place or organization) starting at token `i`, as
/// `(end token, kind, canonical)`; multi-word entries must be cleanly joined.
fn gazetteer_at(toks: &[Tok], i: usize, limit: usize) -> Option<(usize, EntityKind, &'static str)> {
    let mut key = String::new();
    let mut longest = None;
    for b in i + 1..=limit {
        let t = &toks[b - 1];
        if b > i + 1 {
            if !t.clean_before || toks[b - 2].poss {
                break;
            }
            key.push(' ');
        }
        key.push_str(t.text);
        if let Some((canon, _)) = LEX.places.get(key.as_str()) {
            longest = Some((b, EntityKind::Place, *canon));
        } else if let Some(canon) = LEX.orgs.get(key.as_str()) {
            longest = Some((b, EntityKind::Organization, *canon));
        }
        if !LEX.prefixes.contains(key.as_str()) {
            break;
        }
    }
    longest
}

fn gazetteer_exact(toks: &[Tok], a: usize, b: usize) -> Option<(EntityKind, &'static str)> {
    // What `gazetteer_at(toks, a, b)` finds when it ends at `b`, without trying every
    // shorter entry first (this runs for every window of every capitalized word).
    if a >= b || b - a > LEX.max_words {
        return None;
    }
    if toks[a + 1..b].iter().any(|t| !t.clean_before) || toks[a..b - 1].iter().any(|t| t.poss) {
        return None;
    }
    let s = joined(toks, a, b);
    if let Some((canon, _)) = LEX.places.get(s.as_str()) {
        return Some((EntityKind::Place, canon));
    }
    LEX.orgs
        .get(s.as_str())
        .map(|canon| (EntityKind::Organization, *canon))
}

/// Whether a word can start or continue a name.
fn is_name_word(t: &Tok) -> bool {
    t.cap || is_camel(t.text) && t.text.chars().next().is_some_and(char::is_lowercase)
}

/// Groups capitalized words into chunks (token ranges).
fn chunks(toks: &[Tok], body: &str, skip_sentence: &dyn Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let n = toks.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_name_word(&toks[i]) || skip_sentence(toks[i].sent) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        if let Some((end, _, _)) = gazetteer_at(toks, i, n) {
            j = j.max(end);
        }
        while j < n && (toks[j].clean_before || poss_inside_name(toks, start, j)) {
            let t = &toks[j];
            if is_name_word(t) {
                j += 1;
                continue;
            }
            let lower = t.text.to_lowercase();
            let next_cap = |k: usize| k < n && toks[k].clean_before && is_name_word(&toks[k]);
            if t.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                let prev_kw = is_kw(toks[j - 1].text) || toks[j - 1].text == "Studio";
                if prev_kw || next_cap(j + 1) {
                    j += 1;
                    continue;
                }
                break;
            }
            // One or two particles ("de", "de la", "van der") inside a person's name.
            let mut p = j;
            while p < n
                && p < j + 2
                && (p == j || toks[p].clean_before)
                && PARTICLES.contains(&toks[p].text.to_lowercase().as_str())
            {
                p += 1;
            }
            if p > j && next_cap(p) && j - start <= 2 {
                j = p;
                continue;
            }
            if !CONNECTORS.contains(&lower.as_str()) || lower == "the" {
                break;
            }
            // The capitalized run after the connector (allowing "the").
            let mut k = j + 1;
            if k < n && toks[k].text == "the" && toks[k].clean_before {
                k += 1;
            }
            if !next_cap(k) {
                break;
            }
            let mut r = k;
            while r < n && toks[r].clean_before && is_name_word(&toks[r]) && !toks[r - 1].poss {
                r += 1;
            }
            let left_kw = toks[start..j].iter().any(|t| is_kw(t.text));
            let left_title_only = toks[start..j].iter().all(|t| is_title_word(&t.lower()));
            let right_kw = toks[k..r].iter().any(|t| is_kw(t.text));
            let left_known = gazetteer_exact(toks, start, j).is_some()
                || LEX.first_names.contains(toks[start].lower().as_str());
            let join = match lower.as_str() {
                "&" => true,
                "and" => {
                    let left_of = toks[start..j]
                        .iter()
                        .any(|t| matches!(t.text, "of" | "for"));
                    let left_plain = toks[start..j].iter().any(|t| {
                        !LEX.groups.contains(t.text)
                            && !LEX.demonyms.contains_key(t.text)
                            && !is_calendar(t.text)
                    });
                    (left_kw && left_of && !right_kw && gazetteer_exact(toks, k, r).is_none())
                        || (!left_kw
                            && !left_known
                            && right_kw
                            && !left_title_only
                            && left_plain
                            && gazetteer_exact(toks, k, r).is_none()
                            && k == j + 1)
                }
                "at" => {
                    // "University of Texas at Arlington": a campus after a place.
                    let left_place = (start..j).any(|s| gazetteer_exact(toks, s, j).is_some());
                    r <= k + 2 && k == j + 1 && left_kw && left_place
                }
                "on" => {
                    let last = toks[j - 1].text;
                    // "Club on H Street" is an address, not one name.
                    is_org_kw(last)
                        && !is_place_kw(last)
                        && !is_calendar(toks[k].text)
                        && !toks[k..r].iter().any(|t| is_place_kw(t.text))
                        && toks[k..r]
                            .iter()
                            .all(|t| !t.text.contains(|c: char| c.is_ascii_digit()))
                }
                _ => {
                    let right_place = gazetteer_exact(toks, k, r).is_some();
                    // "League for the St. Louis Eagles": a name that opens with a place
                    // after "the" is a name of its own.
                    let the_place = k > j + 1
                        && (right_place
                            || (!right_kw
                                && gazetteer_at(toks, k, r)
                                    .is_some_and(|(_, kind, _)| kind == EntityKind::Place)));
                    let left_of = toks[start..j].iter().any(|t| t.text == "of");
                    let second_of_place = left_of && right_place;
                    let placed = place_context(toks, body, k, r) && !right_place;
                    let blocked = left_title_only
                        || the_place
                        || placed
                        || second_of_place
                        || is_calendar(toks[k].text);
                    left_kw && !blocked
                }
            };
            if !join {
                break;
            }
            j = r;
        }
        out.push((start, j));
        i = j;
    }
    out
}

/// Whether a possessive before token `j` sits inside an organization name ("New People's
/// Party", "Children's Hospital"): the owner is no known entity and a keyword follows.
fn poss_inside_name(toks: &[Tok], start: usize, j: usize) -> bool {
    if !toks[j - 1].poss || !toks[j].cap {
        return false;
    }
    let gap_ok = toks[j].start - toks[j - 1].end <= 4;
    let owner_known = (start..j).any(|s| gazetteer_exact(toks, s, j).is_some())
        || LEX.first_names.contains(toks[start].lower().as_str())
        || j - start > 3;
    let kw_next = toks[j].text != "The"
        && (is_org_kw(toks[j].text)
            || (j + 1 < toks.len() && toks[j + 1].clean_before && is_org_kw(toks[j + 1].text)));
    gap_ok && !owner_known && kw_next
}

/// A classified piece of a chunk.
#[derive(Debug, Clone)]
struct Cand {
    a: usize,
    b: usize,
    kind: Option<EntityKind>,
    /// Canonical name from a gazetteer, if any.
    canon: Option<&'static str>,
    /// Strong evidence for `kind` (gazetteer, keyword, full person name).
    strong: bool,
    /// The rules found no evidence either way (an unknown capitalized name), so the
    /// tagger may type it (see `blend`).
    open: bool,
}

/// Splits a chunk into pieces at titles, demonyms and known-entity prefixes, dropping
/// words that do not belong to a name.
fn pieces(toks: &[Tok], a: usize, b: usize, out: &mut Vec<(usize, usize, bool)>) {
    let mut a = a;
    // A leading "The".
    while a < b && matches!(toks[a].text, "The" | "A" | "An") {
        a += 1;
    }
    if a >= b {
        return;
    }
    // A sentence-initial common word ("Discussing", "Global").
    if toks[a].initial && is_common(toks[a].text) {
        let low = toks[a].lower();
        let keep = LEX.frequent_first_names.contains(low.as_str())
            || gazetteer_at(toks, a, b).is_some()
            || LEX.demonyms.contains_key(toks[a].text)
            || is_title_word(&low)
            || is_kw(toks[a].text)
            || (b - a >= 2 && is_kw(toks[b - 1].text))
            || (a + 1 < b && CONNECTORS.contains(&toks[a + 1].text))
            || (b - a == 1 && common_surname(&low) && said_after(toks, b));
        if !keep {
            a += 1;
        }
    }
    // Calendar words and groups at the start.
    while a < b
        && (is_calendar(toks[a].text)
            || (LEX.groups.contains(toks[a].text) && !toks[a..b].iter().any(|t| is_kw(t.text))))
    {
        a += 1;
    }
    // Adjectives such as "Pro-Beijing", "Anti-Government".
    while a < b
        && ["Pro-", "Anti-", "Ex-", "Non-", "Post-", "Pre-", "Mid-"]
            .iter()
            .any(|p| toks[a].text.starts_with(p))
    {
        a += 1;
    }
    // Lower-case connectors and function words left at the start, function words and
    // labels at the end.
    while a < b && (!toks[a].cap || STOPWORDS.contains(&toks[a].lower().as_str())) {
        a += 1;
    }
    let mut b = b;
    while b > a
        && ((STOPWORDS.contains(&toks[b - 1].text.to_lowercase().as_str())
            && (b - a > 2 || !LEX.first_names.contains(toks[a].lower().as_str())))
            || !toks[b - 1].cap
                && !toks[b - 1]
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit()))
    {
        b -= 1;
    }
    if b > a + 1 && is_common(toks[b - 1].text) && label_after(toks, b) {
        b -= 1;
    }
    if a >= b {
        return;
    }
    // An honorific makes a person of what follows ("Mr Gate"), unless a title follows
    // ("Lord Mayor", "Lord President of the Council").
    if b - a >= 2
        && HONORIFICS.contains(&toks[a].lower().as_str())
        && toks[a + 1].cap
        && !is_core_title(&toks[a + 1].lower())
    {
        out.push((a + 1, b, true));
        return;
    }
    // Titles inside the chunk: split around them ("NASA Administrator Charles Bolden").
    let mut titled = false;
    let mut k = a;
    while k < b {
        let low = toks[k].lower();
        if is_title_word(&low) {
            // Person-like remainder after the title run?
            let mut e = k;
            while e < b && is_title_word(&toks[e].lower()) {
                e += 1;
            }
            let has_core = toks[k..e].iter().any(|t| {
                let l = t.lower();
                is_core_title(&l) || HONORIFICS.contains(&l.as_str())
            });
            let rest_personlike = e < b
                && !toks[e..b].iter().any(|t| is_kw(t.text))
                && gazetteer_exact(toks, e, b).is_none()
                && (!is_common(toks[e].text)
                    || LEX.first_names.contains(toks[e].lower().as_str())
                    || common_surname(&toks[e].lower()));
            let rest_empty = e == b;
            if has_core && (rest_personlike || rest_empty) {
                // The part before the title run, minus trailing modifiers and demonyms.
                let mut left_end = k;
                while left_end > a && LEX.demonyms.contains_key(toks[left_end - 1].text) {
                    left_end -= 1;
                }
                if left_end > a {
                    pieces(toks, a, left_end, out);
                }
                if e < b && toks[e].cap && !STOPWORDS.contains(&toks[e].lower().as_str()) {
                    out.push((e, b, true));
                }
                titled = true;
                break;
            }
            k = e;
            continue;
        }
        k += 1;
    }
    if titled {
        return;
    }
    // A demonym at the start: kept only when an organization head follows.
    if LEX.demonyms.contains_key(toks[a].text)
        && gazetteer_exact(toks, a, b).is_none()
        && (b - a == 1 || !toks[a + 1..b].iter().any(|t| is_kw(t.text)))
    {
        if b - a > 1 {
            pieces(toks, a + 1, b, out);
        }
        return;
    }
    // An organization followed by a person's name ("... Relations Alia Salem").
    if b - a >= 4 {
        let (f, l) = (&toks[b - 2], &toks[b - 1]);
        let person_tail = LEX.first_names.contains(f.lower().as_str())
            && !is_common(l.text)
            && !is_kw(f.text)
            && !is_kw(l.text);
        let org_head = toks[a..b - 2].iter().any(|t| is_org_kw(t.text))
            && !matches!(toks[b - 3].text, "of" | "for" | "and" | "&" | "the");
        if person_tail && org_head {
            out.push((a, b - 2, false));
            out.push((b - 2, b, false));
            return;
        }
    }
    // A known entity followed by a person name ("NASA Bill Ingalls").
    if let Some((end, _, _)) = gazetteer_at(toks, a, b) {
        if end < b
            && b - end >= 2
            && LEX.first_names.contains(toks[end].lower().as_str())
            && !toks[end..b].iter().any(|t| is_kw(t.text))
        {
            out.push((a, end, false));
            out.push((end, b, false));
            return;
        }
    }
    out.push((a, b, false));
}

/// Whether a word that is both a common English word and a listed surname may be read
/// as the surname ("Trump", "Woods"): pronouns and other function words never are.
fn common_surname(low: &str) -> bool {
    const FUNCTION: &[&str] = &[
        "he",
        "she",
        "it",
        "we",
        "they",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "who",
        "one",
        "all",
        "both",
        "each",
        "some",
        "many",
        "most",
        "none",
        "his",
        "her",
        "its",
        "our",
        "their",
        "everyone",
        "someone",
        "nobody",
        "officials",
        "police",
    ];
    low.len() >= 3 && LEX.surnames.contains(low) && !FUNCTION.contains(&low)
}

/// Whether a verb of saying follows token `b - 1` ("Trump said").
fn said_after(toks: &[Tok], b: usize) -> bool {
    toks.get(b)
        .is_some_and(|t| t.clean_before && SAY_VERBS.contains(&t.text))
}

/// Whether a person-name word looks like a Chinese/Korean given name ("Chung-tai").
fn hyphen_given(word: &str) -> bool {
    let mut parts = word.split('-');
    let (Some(x), Some(y), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    x.chars().next().is_some_and(char::is_uppercase)
        && x.chars().count() >= 2
        && x.chars().skip(1).all(char::is_lowercase)
        && !y.is_empty()
        && y.chars().all(char::is_lowercase)
        && x.len() <= 6
        && y.len() <= 6
}

fn is_initial(word: &str) -> bool {
    word.ends_with('.')
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Classifies one piece.
fn classify(toks: &[Tok], body: &str, a: usize, b: usize, titled: bool) -> Cand {
    let mut c = classify_words(toks, body, a, b, titled);
    // Vessels and spacecraft ("Space Shuttle Columbia", "USS Enterprise") are no entities.
    if toks[a..b].iter().any(is_vessel)
        || (a > 0 && toks[a].clean_before && is_vessel(&toks[a - 1]))
    {
        c.kind = None;
        c.open = false;
        return c;
    }
    // "The Velvet Underground", "the Sams": people are not named with an article.
    let after_the = a > 0 && toks[a].clean_before && matches!(toks[a - 1].text, "the" | "The");
    // "the Tom Cruise video": a name used as a modifier is still a name.
    let modifier = b < toks.len() && toks[b].clean_before && !toks[b].cap;
    let given = LEX.first_names.contains(toks[a].lower().as_str());
    let after_the = after_the && !(modifier && given);
    if after_the && !titled && c.kind == Some(EntityKind::Person) {
        c.kind = (b - a >= 2).then_some(EntityKind::Organization);
        c.strong = false;
    }
    c
}

/// Words that introduce the name of a vessel or spacecraft.
fn is_vessel(t: &Tok) -> bool {
    matches!(t.text, "Shuttle" | "USS" | "HMS" | "RMS" | "MV" | "SS")
}

/// Classifies one piece from its words and their immediate context.
fn classify_words(toks: &[Tok], body: &str, a: usize, b: usize, titled: bool) -> Cand {
    let mut c = Cand {
        a,
        b,
        kind: None,
        canon: None,
        strong: false,
        open: false,
    };
    let words: Vec<&str> = toks[a..b].iter().map(|t| t.text).collect();
    // "Lord Halifax", "President Lincoln": after a title or honorific, a city's name is
    // a person's.
    let gaz = gazetteer_exact(toks, a, b).filter(|(kind, canon)| {
        let country = LEX
            .places
            .get(canon)
            .is_some_and(|(_, k)| *k == PlaceKind::Country);
        !(titled && *kind == EntityKind::Place && !country)
    });
    if let Some((kind, canon)) = gaz {
        c.kind = Some(kind);
        c.canon = Some(canon);
        c.strong = true;
        return c;
    }
    if words.len() == 1 && (LEX.groups.contains(words[0]) || is_calendar(words[0])) {
        return c;
    }
    if words.len() == 1 && LEX.demonyms.contains_key(words[0]) {
        return c;
    }
    if titled {
        c.kind = Some(EntityKind::Person);
        c.strong = words.len() >= 2;
        return c;
    }
    let last = *words.last().unwrap_or(&"");
    // Events, prizes and wars are no entities of ours ("Davis Cup", "World War II").
    if words.len() >= 2 && EVENT_WORDS.contains(&last) {
        return c;
    }
    // Titles of newspapers in other languages ("Le Figaro", "El Mundo").
    if words.len() == 2 && FOREIGN_ARTICLES.contains(&words[0]) {
        c.kind = Some(EntityKind::Organization);
        return c;
    }
    let org_anywhere = words.iter().any(|w| is_org_kw(w));
    // A ruler's regnal number ("Thutmose III", "Amyntas I").
    if words.len() == 2
        && is_roman(words[1])
        && !is_common(words[0])
        && !is_kw(words[0])
        && gazetteer_at(toks, a, b).is_none()
    {
        c.kind = Some(EntityKind::Person);
        c.strong = true;
        return c;
    }
    // "in Monte Carlo": after a place preposition, only a frequent given name opens a
    // person's name.
    let frequent_given = LEX.top_first_names.contains(toks[a].lower().as_str());
    if (2..=3).contains(&words.len())
        && LEX.first_names.contains(toks[a].lower().as_str())
        && (frequent_given || !place_context(toks, body, a, b))
        && !org_anywhere
        && words[1..words.len() - 1].iter().all(|w| !is_common(w))
        && LEX.surnames.contains(last.to_lowercase().as_str())
        && (!is_place_kw(last) || KEYWORD_SURNAMES.contains(&last))
        && gazetteer_at(toks, a, b).is_none()
    {
        c.kind = Some(EntityKind::Person);
        c.strong = true;
        return c;
    }
    if words.len() == 2
        && EAST_ASIAN_SURNAMES.contains(&words[1])
        && !is_kw(words[0])
        && !is_kw(words[1])
        && gazetteer_at(toks, a, b).is_none()
        && !LEX.demonyms.contains_key(words[0])
    {
        c.kind = Some(EntityKind::Person);
        c.strong = true;
        return c;
    }
    if is_team(toks, a, b) {
        c.kind = Some(EntityKind::Organization);
        c.strong = true;
        return c;
    }
    if words.len() >= 2
        && matches!(
            words[0],
            "San" | "Santa" | "Santo" | "Saint" | "St." | "Sant"
        )
    {
        c.kind = Some(EntityKind::Place);
        c.strong = true;
        return c;
    }
    if words.len() >= 2 {
        if is_org_kw(last) && (!is_place_kw(last) || org_anywhere_before(&words)) {
            c.kind = Some(EntityKind::Organization);
            c.strong = true;
            return c;
        }
        if is_place_kw(last) {
            let org_before = words[..words.len() - 1]
                .iter()
                .any(|w| matches!(*w, "School" | "Police" | "Department" | "University"));
            c.kind = Some(if org_before {
                EntityKind::Organization
            } else {
                EntityKind::Place
            });
            c.strong = true;
            return c;
        }
        // The head is the last keyword before a connector ("Museum of Flight").
        let head = words
            .iter()
            .take_while(|w| !matches!(**w, "of" | "for" | "on" | "at"))
            .filter(|w| is_kw(w))
            .last();
        let connected = words
            .iter()
            .any(|w| matches!(*w, "of" | "for" | "on" | "and" | "&"));
        if let Some(head) = head.filter(|_| connected || is_org_kw(words[0])) {
            c.kind = Some(if is_org_kw(head) {
                EntityKind::Organization
            } else {
                EntityKind::Place
            });
            c.strong = true;
            return c;
        }
        // Gazetteer place followed by a compass word ("New Territories West").
        if COMPASS.contains(&last) && gazetteer_exact(toks, a, b - 1).is_some() {
            c.kind = Some(EntityKind::Place);
            c.strong = true;
            return c;
        }
        if COMPASS.contains(&words[0]) && gazetteer_exact(toks, a + 1, b).is_some() {
            c.kind = Some(EntityKind::Place);
            c.strong = true;
            return c;
        }
        let connectors = words.iter().any(|w| CONNECTORS.contains(w) || *w == "&");
        let first_low = toks[a].lower();
        let first_is_name = (LEX.first_names.contains(first_low.as_str())
            && !is_title_word(&first_low))
            || is_initial(words[0]);
        let no_place = !words.iter().enumerate().any(|(k, _)| {
            gazetteer_exact(toks, a + k, a + k + 1)
                .is_some_and(|(kind, _)| kind == EntityKind::Place)
        });
        // Model names ("F-104 Starfighter", "B-25 Mitchell") are no people.
        let any_digit = words
            .iter()
            .any(|w| w.contains(|ch: char| ch.is_ascii_digit()));
        if !connectors && words.len() <= 4 && !any_digit {
            let last_low = toks[b - 1].lower();
            let surname = LEX.surnames.contains(last_low.as_str());
            let hyphen = words.iter().skip(1).any(|w| hyphen_given(w));
            let any_common = words
                .iter()
                .any(|w| is_common(w) && !LEX.first_names.contains(w.to_lowercase().as_str()));
            let all_rare = !words.iter().any(|w| is_common(w) && !PARTICLES.contains(w));
            // A last word that is an ordinary English word and no name ("Velvet Revolver").
            let last_plain = is_common(last)
                && !surname
                && !LEX.first_names.contains(last_low.as_str())
                && !hyphen_given(last);
            let placed = place_context(toks, body, a, b) && !frequent_given;
            let first_rare_given = first_is_name && !is_common(words[0]);
            let blocked = placed || (last_plain && !first_rare_given);
            let person = (first_is_name && (no_place || surname))
                || hyphen
                || (all_rare && no_place && !words.iter().any(|w| is_acronym(w)))
                || (surname && !any_common && no_place);
            if person && !blocked {
                c.kind = Some(EntityKind::Person);
                c.strong = true;
                return c;
            }
            // "The Velvet Underground": a name of ordinary words after "the" is a band,
            // a company or the like.
            if person && !placed && after_the(toks, a) {
                c.kind = Some(EntityKind::Organization);
                return c;
            }
        }
        // Unknown multi-word name: a place when the context says so.
        if place_context(toks, body, a, b) {
            c.kind = Some(EntityKind::Place);
        }
        c.open = true;
        return c;
    }
    // One word.
    let w = words[0];
    if is_acronym(w) {
        let letters = w.chars().filter(|ch| ch.is_alphabetic()).count();
        let roman = w.chars().all(|ch| "IVXLCDM".contains(ch));
        if letters >= 3 && !roman && !NOT_ORGS.contains(&w) && !LEX.groups.contains(w) {
            c.kind = Some(EntityKind::Organization);
        }
        return c;
    }
    let plural_acronym = w.len() >= 3
        && w.ends_with('s')
        && w[..w.len() - 1].chars().all(|ch| ch.is_ascii_uppercase());
    if plural_acronym {
        return c;
    }
    if is_camel(w) || w.contains(".com") || w.contains(".org") {
        c.kind = Some(EntityKind::Organization);
        c.strong = true;
        return c;
    }
    if place_context(toks, body, a, b) && !is_common(w) {
        c.kind = Some(EntityKind::Place);
        return c;
    }
    let low = toks[a].lower();
    let surname = common_surname(&low);
    // A person well known by one name ("Obama", "Plato"); sentence-initial words that are
    // also common ones ("Bush fires") need other evidence.
    if LEX.known_people.contains(w) && !(toks[a].initial && is_common(w)) && !toks[a].label {
        c.kind = Some(EntityKind::Person);
        return c;
    }
    if person_context(toks, body, a, b) && !(is_common(w) && toks[a].initial && !surname) {
        c.kind = Some(EntityKind::Person);
        return c;
    }
    if !is_common(w)
        && (LEX.surnames.contains(low.as_str()) || LEX.first_names.contains(low.as_str()))
    {
        c.kind = Some(EntityKind::Person);
        return c;
    }
    c.open = true;
    c
}

/// A sports team: a known place followed by a capitalized plural ("Boston Bruins",
/// "Toronto Blue Jays").
fn is_team(toks: &[Tok], a: usize, b: usize) -> bool {
    let Some((end, EntityKind::Place, _)) = gazetteer_at(toks, a, b) else {
        return false;
    };
    let last = toks[b - 1].text;
    end < b
        && b - end <= 2
        && toks[end..b]
            .iter()
            .all(|t| t.cap && t.text.chars().all(char::is_alphabetic))
        && last.len() >= 4
        && last.ends_with('s')
        && !last.ends_with("ss")
        && !is_kw(last)
        && !COMPASS.contains(&toks[end].text)
}

/// A Roman number from I to XXXIX, as written after a ruler's name.
fn is_roman(word: &str) -> bool {
    let rest = word.trim_start_matches('X');
    word.len() - rest.len() <= 3
        && matches!(
            rest,
            "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX"
        )
        && !word.is_empty()
}

/// Whether "the" comes right before token `a`.
fn after_the(toks: &[Tok], a: usize) -> bool {
    a > 0 && toks[a].clean_before && matches!(toks[a - 1].text, "the" | "The")
}

fn org_anywhere_before(words: &[&str]) -> bool {
    words[..words.len().saturating_sub(1)]
        .iter()
        .any(|w| is_org_kw(w) && !is_place_kw(w))
}

/// "in X", "X, Texas": evidence of a place.
fn place_context(toks: &[Tok], body: &str, a: usize, b: usize) -> bool {
    if a > 0 && toks[a].clean_before && !toks[b - 1].poss {
        let prev = toks[a - 1].text;
        if matches!(prev, "in" | "near" | "across" | "outside" | "throughout") {
            return true;
        }
    }
    if b < toks.len() {
        let gap = &body[toks[b - 1].end..toks[b].start];
        if gap.trim() == "," {
            let mut e = b + 1;
            while e < toks.len() && e < b + 3 && toks[e].clean_before && toks[e].cap {
                e += 1;
            }
            for end in (b + 1..=e).rev() {
                if let Some((EntityKind::Place, _)) = gazetteer_exact(toks, b, end) {
                    return true;
                }
            }
        }
    }
    false
}

/// "Mr. X", "X said", "X, who", "X's wife": evidence of a person. Words that are also
/// common English words count only when they are listed surnames ("Trump said").
fn person_context(toks: &[Tok], body: &str, a: usize, b: usize) -> bool {
    if a > 0 && toks[a].clean_before {
        let prev = toks[a - 1].lower();
        if HONORIFICS.contains(&prev.as_str()) || is_core_title(&prev) {
            return true;
        }
    }
    let name_like = !is_common(toks[a].text) || common_surname(&toks[a].lower());
    if !name_like || b >= toks.len() {
        return false;
    }
    let next = &toks[b];
    let gap = &body[toks[b - 1].end..next.start];
    if next.clean_before && !toks[b - 1].poss {
        return SAY_VERBS.contains(&next.text) || PERSON_VERBS.contains(&next.text);
    }
    // "Knightley's", "X's wife": a rare word owning something is mostly a person.
    if toks[b - 1].poss && (KIN.contains(&next.text) || (!next.cap && !is_common(toks[a].text))) {
        return true;
    }
    gap.trim() == "," && matches!(next.text, "who" | "whose")
}

/// Whether a sentence is a Title Case headline: most longer words capitalized.
fn title_case(toks: &[Tok]) -> bool {
    let long: Vec<&Tok> = toks
        .iter()
        .filter(|t| t.text.chars().count() >= 4)
        .collect();
    let caps = long.iter().filter(|t| t.cap).count();
    long.len() >= 3 && caps * 10 >= long.len() * 7
}

/// Finds the entities of an article: every named person, organization and place, each
/// listed once under its fullest name with the other forms as aliases, their mentions
/// (by sentence, with byte spans) and the roles the article gives people.
pub fn extract(doc: &Doc) -> Entities {
    let toks = tokenize(doc);
    if toks.is_empty() {
        return Entities::default();
    }
    let body = doc.body;
    // Sentences in Title Case (headlines) are read only for confirmed names.
    let mut headline = vec![false; doc.sentences.len().max(1)];
    {
        let mut s = 0;
        while s < toks.len() {
            let sent = toks[s].sent;
            let mut e = s;
            while e < toks.len() && toks[e].sent == sent {
                e += 1;
            }
            let text = doc
                .sentences
                .get(sent)
                .map_or("", |sp| sp.text(body).trim_end());
            let unpunctuated = !text.ends_with(['.', '?', '!', '"', '”']);
            if unpunctuated && title_case(&toks[s..e]) {
                if let Some(h) = headline.get_mut(sent) {
                    *h = true;
                }
            }
            s = e;
        }
    }
    let skip = |sent: usize| headline.get(sent).copied().unwrap_or(false);
    let mut raw = Vec::new();
    for (a, b) in chunks(&toks, body, &skip) {
        pieces(&toks, a, b, &mut raw);
    }
    // Names of vessels and spacecraft, dropped wherever they recur ("Atlantis").
    let vessels: Vec<&str> = toks
        .windows(2)
        .filter(|w| is_vessel(&w[0]) && w[1].cap && w[1].clean_before)
        .map(|w| w[1].text)
        .collect();
    let cands: Vec<Cand> = raw
        .into_iter()
        .map(|(a, b, titled)| classify(&toks, body, a, b, titled))
        .map(|mut c| {
            if c.b - c.a == 1 && vessels.contains(&toks[c.a].text) {
                c.kind = None;
                c.open = false;
            }
            c
        })
        .collect();
    let mut cands = cands;
    surnames_over_places(&toks, &mut cands);
    let calls = blend::tag_tokens(&toks, &cands);
    let cands = blend::blend(cands, &calls);
    let mut r = Resolver::new(&toks, body, doc);
    r.resolve(cands);
    r.headlines(&skip);
    r.roles();
    r.finish()
}

/// "Ken Livingstone ... Livingstone said", "President Bush ... Bush": one word that is the
/// surname of a person the article names is that person, though a gazetteer lists a town
/// of that name (countries stay places: "Georgia" is rarely a surname in the news).
fn surnames_over_places(toks: &[Tok], cands: &mut [Cand]) {
    let surnames: HashSet<String> = cands
        .iter()
        .filter(|c| c.kind == Some(EntityKind::Person) && c.b - c.a >= 2)
        .map(|c| toks[c.b - 1].lower())
        .collect();
    for c in cands.iter_mut() {
        let town = c.kind == Some(EntityKind::Place)
            && c.canon.is_some_and(|n| {
                LEX.places
                    .get(n)
                    .is_some_and(|(_, k)| *k != PlaceKind::Country)
            });
        if c.b - c.a == 1 && town && surnames.contains(&toks[c.a].lower()) {
            c.kind = Some(EntityKind::Person);
            c.canon = None;
            c.strong = false;
        }
    }
}

/// The learned tagger's kind for each word of the article, every sentence read (`extract`
/// reads only the words it may retype); public so that the benches can time the tagger
/// (with the tokenizer it needs) on its own.
pub fn tagger_kinds(doc: &Doc) -> Vec<Option<EntityKind>> {
    blend::tag_all(&tokenize(doc))
}

/// Builds entities from classified candidates.
struct Resolver<'t, 'a> {
    toks: &'t [Tok<'a>],
    body: &'a str,
    doc: &'t Doc<'t>,
    entities: Vec<Entity>,
    /// Folded name or alias -> entity index.
    index: HashMap<String, usize>,
    /// (entity, first token, end token).
    mentions: Vec<(usize, usize, usize)>,
    roles: Vec<Role>,
}

/// Folds a name for comparison within the article: the identity key of
/// `normalize::fold_name`, with a possessive inside the name dropped first ("New People's
/// Party" and "New People Party" are one name).
fn fold(s: &str) -> String {
    if s.contains("s ") {
        fold_name(&s.replace("'s ", " ").replace("\u{2019}s ", " "))
    } else {
        fold_name(s)
    }
}

impl<'t, 'a> Resolver<'t, 'a> {
    fn new(toks: &'t [Tok<'a>], body: &'a str, doc: &'t Doc<'t>) -> Self {
        Resolver {
            toks,
            body,
            doc,
            entities: Vec::new(),
            index: HashMap::new(),
            mentions: Vec::new(),
            roles: Vec::new(),
        }
    }

    fn text(&self, a: usize, b: usize) -> &'a str {
        &self.body[self.toks[a].start..self.toks[b - 1].end]
    }

    fn add_entity(&mut self, kind: EntityKind, name: &str) -> usize {
        let key = fold(name);
        if let Some(&i) = self.index.get(&key) {
            if self.entities[i].kind == kind {
                return i;
            }
        }
        self.entities.push(Entity {
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
        });
        let i = self.entities.len() - 1;
        self.index.insert(key, i);
        i
    }

    fn add_alias(&mut self, i: usize, alias: &str) {
        let key = fold(alias);
        if key.is_empty() || key == fold(&self.entities[i].name) {
            return;
        }
        self.index.entry(key.clone()).or_insert(i);
        if !self.entities[i].aliases.iter().any(|x| fold(x) == key) {
            self.entities[i].aliases.push(alias.to_string());
        }
    }

    fn resolve(&mut self, cands: Vec<Cand>) {
        let toks = self.toks;
        // 1. Full person names (two words or more), longest first.
        let mut persons: Vec<&Cand> = cands
            .iter()
            .filter(|c| c.kind == Some(EntityKind::Person) && c.b - c.a >= 2)
            .collect();
        persons.sort_by_key(|c| std::cmp::Reverse(c.b - c.a));
        let surnames: HashSet<String> = persons.iter().map(|c| toks[c.b - 1].lower()).collect();
        // "Warhol Polaroids": another person's surname used as a modifier. Family-name-first
        // names ("Leung Kwok-hung") keep a name-like rest.
        persons.retain(|c| {
            let first = toks[c.a].lower();
            let rest_namelike = toks[c.a + 1..c.b].iter().any(|t| {
                let l = t.lower();
                hyphen_given(t.text)
                    || LEX.first_names.contains(l.as_str())
                    || LEX.surnames.contains(l.as_str())
            });
            !surnames.contains(&first) || LEX.first_names.contains(first.as_str()) || rest_namelike
        });
        let mut person_words: Vec<(usize, Vec<String>)> = Vec::new();
        for c in &persons {
            let words: Vec<String> = toks[c.a..c.b].iter().map(|t| t.lower()).collect();
            // A shorter full form of a longer name ("Raymond Chan" in "Raymond Chan Chi-chuen").
            let containing: Vec<usize> = person_words
                .iter()
                .filter(|(_, w)| contains_seq(w, &words))
                .map(|(i, _)| *i)
                .collect();
            let text = self.text(c.a, c.b).to_string();
            // A spelling variant of a name already seen ("Kristin"/"Kristen Wilkins").
            let variant = person_words.iter().find(|(_, w)| {
                w.len() == words.len()
                    && w.len() >= 2
                    && w[1..] == words[1..]
                    && w[0].len() >= 4
                    && edit_distance(&w[0], &words[0]) == 1
            });
            if let Some(&(v, _)) = variant {
                self.add_alias(v, &text);
                continue;
            }
            if containing.len() == 1 && fold(&self.entities[containing[0]].name) != fold(&text) {
                self.add_alias(containing[0], &text);
            } else if containing.is_empty() {
                let e = self.add_entity(EntityKind::Person, &text);
                if !person_words.iter().any(|(i, _)| *i == e) {
                    person_words.push((e, words));
                }
            }
        }
        // 2. Strong organizations and places.
        let mut strong: Vec<&Cand> = cands
            .iter()
            .filter(|c| c.strong && c.kind.is_some() && c.kind != Some(EntityKind::Person))
            .collect();
        strong.sort_by_key(|c| std::cmp::Reverse(c.b - c.a));
        for c in strong {
            let Some(kind) = c.kind else { continue };
            let text = self.text(c.a, c.b);
            let name = c.canon.unwrap_or(text);
            if c.canon.is_none() && c.b - c.a >= 2 && !self.index.contains_key(&fold(text)) {
                let words: Vec<String> = toks[c.a..c.b].iter().map(|t| t.lower()).collect();
                if let Some(e) = self.longer_owner(&words) {
                    self.add_alias(e, text);
                    continue;
                }
            }
            let e = self.add_entity(kind, name);
            self.add_alias(e, text);
        }
        // 3. Everything else, resolved against what is known.
        let mut by_cand: Vec<Option<usize>> = vec![None; cands.len()];
        for (ci, c) in cands.iter().enumerate() {
            let text = self.text(c.a, c.b).to_string();
            let key = fold(&text);
            if c.kind == Some(EntityKind::Person) && c.b - c.a >= 2 {
                by_cand[ci] = self.index.get(&key).copied();
                continue;
            }
            if c.strong && c.kind.is_some() {
                by_cand[ci] = self.index.get(&fold(c.canon.unwrap_or(&text))).copied();
                continue;
            }
            // "the Sams": a family named by its surname.
            if c.b - c.a == 1 {
                let w = toks[c.a].lower();
                let stem = w.strip_suffix('s').unwrap_or("");
                if person_words
                    .iter()
                    .any(|(_, p)| p.len() >= 2 && p.last().is_some_and(|l| l == stem))
                {
                    continue;
                }
            }
            // "the Warhol Polaroids": a person's surname as a modifier.
            if c.b - c.a >= 2 {
                let first = toks[c.a].lower();
                let modifier = person_words
                    .iter()
                    .any(|(_, w)| w.len() >= 2 && w.last() == Some(&first));
                if modifier && !LEX.first_names.contains(first.as_str()) {
                    continue;
                }
            }
            // A word of exactly one person's name.
            let words: Vec<String> = toks[c.a..c.b].iter().map(|t| t.lower()).collect();
            let owners: Vec<usize> = person_words
                .iter()
                .filter(|(_, w)| contains_seq(w, &words))
                .map(|(i, _)| *i)
                .collect();
            let is_country = c.canon.is_some_and(|n| {
                LEX.places
                    .get(n)
                    .is_some_and(|(_, k)| *k == PlaceKind::Country)
            });
            if !owners.is_empty() && !is_country {
                if owners.len() == 1 {
                    self.add_alias(owners[0], &text);
                    by_cand[ci] = Some(owners[0]);
                }
                continue;
            }
            if let Some(&e) = self.index.get(&key) {
                by_cand[ci] = Some(e);
                continue;
            }
            if c.kind == Some(EntityKind::Person) && c.b - c.a == 1 && words[0].len() >= 5 {
                let near: Vec<usize> = person_words
                    .iter()
                    .filter(|(_, w)| w.last().is_some_and(|l| edit_distance(l, &words[0]) == 1))
                    .map(|(i, _)| *i)
                    .collect();
                if near.len() == 1 {
                    self.add_alias(near[0], &text);
                    by_cand[ci] = Some(near[0]);
                    continue;
                }
            }
            // An acronym of a known organization or place.
            if c.b - c.a == 1 && is_acronym(&text) {
                if let Some(e) = self.acronym_owner(&text) {
                    self.add_alias(e, &text);
                    by_cand[ci] = Some(e);
                    continue;
                }
            }
            // A shorter form of a known organization or place ("State Department").
            if c.b - c.a >= 2 {
                if let Some(e) = self.longer_owner(&words) {
                    self.add_alias(e, &text);
                    by_cand[ci] = Some(e);
                    continue;
                }
            }
            let kind = c.kind.or_else(|| self.affiliation_context(&cands, ci));
            if let Some(kind) = kind {
                let e = self.add_entity(kind, &text);
                by_cand[ci] = Some(e);
            }
        }
        // Acronyms defined in brackets: "Kennedy Space Center (KSC)".
        for (ci, c) in cands.iter().enumerate() {
            let Some(e) = by_cand[ci] else { continue };
            if c.b >= toks.len() {
                continue;
            }
            let gap = &self.body[toks[c.b - 1].end..toks[c.b].start];
            let next = toks[c.b].text;
            let closes = self.body[toks[c.b].end..].starts_with(')');
            // "CEI (Italian Episcopal Conference)": the acronym comes first.
            if c.b - c.a == 1 && gap.trim() == "(" && is_acronym(self.text(c.a, c.b)) {
                let full = by_cand
                    .iter()
                    .zip(&cands)
                    .find(|(_, k)| k.a == c.b && k.b - k.a >= 2)
                    .and_then(|(x, k)| x.map(|x| (x, k.b)));
                if let Some((other, end)) = full {
                    let closed = self.body[toks[end - 1].end..].starts_with(')');
                    if closed && other != e && self.entities[other].kind != EntityKind::Person {
                        self.merge(e, other);
                        by_cand[ci] = Some(other);
                        continue;
                    }
                }
            }
            // "Andy Roddick (US)", "Phil Fear (WRU)": after a person, or when it is the
            // short form of another known place or organization, the bracket names an
            // affiliation, not an alias.
            let canon = LEX
                .places
                .get(next)
                .map(|(c, _)| *c)
                .or_else(|| LEX.orgs.get(next).copied());
            let known_other =
                canon.is_some_and(|c| c != next && fold(c) != fold(&self.entities[e].name));
            let affiliation = self.entities[e].kind == EntityKind::Person || known_other;
            if gap.trim() == "(" && closes && is_acronym(next) && !affiliation {
                let acr_e = by_cand
                    .iter()
                    .zip(&cands)
                    .find(|(_, k)| k.a == c.b)
                    .and_then(|(x, _)| *x);
                if let Some(other) = acr_e {
                    if other != e && self.entities[other].kind != EntityKind::Person {
                        // Fold the acronym entity into the full name.
                        self.merge(other, e);
                    }
                }
                self.add_alias(e, next);
            }
        }
        for (ci, c) in cands.iter().enumerate() {
            if let Some(e) = by_cand[ci] {
                self.mentions.push((e, c.a, c.b));
            }
        }
    }

    /// An unknown name that a person belongs to: "Cheng Chung-tai of Civic Passion",
    /// "Civic Passion's Wong Yeung-tat". Names that are common words are left out.
    fn affiliation_context(&self, cands: &[Cand], ci: usize) -> Option<EntityKind> {
        let toks = self.toks;
        let c = &cands[ci];
        if c.b - c.a == 1 && is_common(toks[c.a].text) {
            return None;
        }
        let is_person = |k: &Cand| k.kind == Some(EntityKind::Person) && k.b - k.a >= 2;
        let after_of = c.a >= 2
            && toks[c.a - 1].text == "of"
            && toks[c.a].clean_before
            && cands.iter().any(|k| k.b == c.a - 1 && is_person(k));
        let owner = toks[c.b - 1].poss && cands.iter().any(|k| k.a == c.b && is_person(k));
        (after_of || owner).then_some(EntityKind::Organization)
    }

    /// Moves every mention and alias of `from` onto `to`, leaving `from` empty.
    fn merge(&mut self, from: usize, to: usize) {
        let name = self.entities[from].name.clone();
        let aliases = std::mem::take(&mut self.entities[from].aliases);
        self.add_alias(to, &name);
        for a in aliases {
            self.add_alias(to, &a);
        }
        for m in &mut self.mentions {
            if m.0 == from {
                m.0 = to;
            }
        }
        for v in self.index.values_mut() {
            if *v == from {
                *v = to;
            }
        }
        self.entities[from].name.clear();
    }

    fn acronym_owner(&self, acr: &str) -> Option<usize> {
        let letters: String = acr.chars().filter(|c| c.is_alphabetic()).collect();
        let owners: Vec<usize> = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind != EntityKind::Person)
            .filter(|(_, e)| {
                let initials: String = e
                    .name
                    .split(|c: char| c.is_whitespace() || c == '-')
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .filter_map(|w| w.chars().next())
                    .collect();
                initials.len() >= 2 && initials == letters
            })
            .map(|(i, _)| i)
            .collect();
        (owners.len() == 1).then(|| owners[0])
    }

    fn longer_owner(&self, words: &[String]) -> Option<usize> {
        let owners: Vec<usize> = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind != EntityKind::Person)
            .filter(|(_, e)| {
                let ew: Vec<String> = e
                    .name
                    .split_whitespace()
                    .map(|w| w.to_lowercase())
                    .collect();
                let n = words.len();
                ew.len() > n
                    && (ew.ends_with(words)
                        || ew.windows(n).enumerate().any(|(i, w)| {
                            w == words
                                && matches!(ew.get(i + n).map(String::as_str), Some("of" | "for"))
                        }))
            })
            .map(|(i, _)| i)
            .collect();
        (owners.len() == 1).then(|| owners[0])
    }

    /// Names in Title Case headlines that the gazetteers or the article confirm.
    fn headlines(&mut self, skip: &dyn Fn(usize) -> bool) {
        let toks = self.toks;
        let n = toks.len();
        let mut i = 0;
        while i < n {
            if !skip(toks[i].sent) || !toks[i].cap {
                i += 1;
                continue;
            }
            let mut found = None;
            for len in (1..=6.min(n - i)).rev() {
                let b = i + len;
                if toks[i..b].iter().any(|t| t.sent != toks[i].sent) {
                    continue;
                }
                if toks[i + 1..b].iter().any(|t| !t.clean_before) {
                    continue;
                }
                let key = fold(&joined(toks, i, b));
                if let Some(&e) = self.index.get(&key) {
                    found = Some((b, e));
                    break;
                }
                if let Some((kind, canon)) = gazetteer_exact(toks, i, b) {
                    let e = self.add_entity(kind, canon);
                    found = Some((b, e));
                    break;
                }
            }
            match found {
                Some((b, e)) => {
                    self.mentions.push((e, i, b));
                    i = b;
                }
                None => i += 1,
            }
        }
    }

    /// Titles before a person's name and appositives after it.
    fn roles(&mut self) {
        let toks = self.toks;
        let mentions = self.mentions.clone();
        let mut ent_at: HashMap<usize, (usize, usize)> = HashMap::new();
        // The first mention ending at each token (a scan per lookup was quadratic).
        let mut ent_end: HashMap<usize, (usize, usize)> = HashMap::new();
        for &(e, a, b) in &mentions {
            ent_at.insert(a, (e, b));
            ent_end.entry(b).or_insert((e, a));
        }
        let ent_ending = |k: usize| ent_end.get(&(k + 1)).copied();
        for &(e, a, b) in &mentions {
            if self.entities[e].kind != EntityKind::Person {
                continue;
            }
            // Before the name.
            let mut j = a;
            let mut first_title = None;
            let mut former = false;
            let mut affiliation: Option<String> = None;
            let mut core = false;
            while j > 0 {
                let t = &toks[j - 1];
                if t.sent != toks[a].sent {
                    break;
                }
                let gap = &self.body[t.end..toks[j].start];
                let comma_ok = j == a && gap.trim() == "," && is_core_title(&t.lower());
                if !(toks[j].clean_before || comma_ok || t.poss) {
                    break;
                }
                let low = t.lower();
                if low == "former" {
                    former = true;
                    break;
                }
                if t.poss {
                    if let Some((pe, _)) = ent_ending(j - 1) {
                        if first_title.is_some() && self.entities[pe].kind != EntityKind::Person {
                            affiliation = Some(self.entities[pe].name.clone());
                        }
                    }
                    break;
                }
                if let Some(place) = LEX.demonyms.get(t.text) {
                    affiliation.get_or_insert_with(|| place.to_string());
                    first_title = Some(j - 1);
                    j -= 1;
                    continue;
                }
                if is_title_word(&low) && !HONORIFICS.contains(&low.as_str()) {
                    core |= is_core_title_tok(t);
                    first_title = Some(j - 1);
                    j -= 1;
                    continue;
                }
                if let Some((pe, _)) = ent_ending(j - 1) {
                    if first_title.is_some() && self.entities[pe].kind != EntityKind::Person {
                        affiliation.get_or_insert_with(|| self.entities[pe].name.clone());
                    }
                }
                break;
            }
            if let (Some(f), true) = (first_title, core) {
                let title = self.text(f, a).to_string();
                self.push_role(e, title, affiliation.clone(), former);
            }
            // After the name: ", [the] TITLE ...,".
            if b < toks.len() {
                let gap = &self.body[toks[b - 1].end..toks[b].start];
                if gap.trim() == "," && toks[b].sent == toks[a].sent {
                    let mut s = b;
                    let mut former = false;
                    while s < toks.len() && matches!(toks[s].text, "the" | "a" | "an" | "The") {
                        s += 1;
                    }
                    if s < toks.len() && toks[s].text == "former" {
                        former = true;
                        s += 1;
                    }
                    let mut e2 = s;
                    while e2 < toks.len()
                        && e2 < s + 10
                        && toks[e2].sent == toks[a].sent
                        && (e2 == s || toks[e2].clean_before || toks[e2 - 1].poss)
                        && title_word_ok(&toks[e2])
                        && !ent_at
                            .get(&e2)
                            .is_some_and(|(pe, _)| self.entities[*pe].kind == EntityKind::Person)
                    {
                        e2 += 1;
                    }
                    while e2 > s && STOPWORDS.contains(&toks[e2 - 1].lower().as_str()) {
                        e2 -= 1;
                    }
                    // "X, Aid minister Hilary Benn and ...": a list, the title is the next name's.
                    let next_person = ent_at
                        .get(&e2)
                        .is_some_and(|(pe, _)| self.entities[*pe].kind == EntityKind::Person);
                    let head = !next_person && toks[s..e2.min(s + 4)].iter().any(is_core_title_tok);
                    if head && e2 > s {
                        let title = self.text(s, e2).to_string();
                        let mut aff = None;
                        for k in s..e2 {
                            if let Some(&(pe, _)) = ent_at.get(&k) {
                                if self.entities[pe].kind != EntityKind::Person {
                                    aff = Some(self.entities[pe].name.clone());
                                    break;
                                }
                            }
                        }
                        if aff.is_none() {
                            aff = toks[s..e2]
                                .iter()
                                .find_map(|t| LEX.demonyms.get(t.text).map(|p| p.to_string()));
                        }
                        self.push_role(e, title, aff, former);
                    }
                }
            }
        }
    }

    fn push_role(
        &mut self,
        entity: usize,
        title: String,
        affiliation: Option<String>,
        former: bool,
    ) {
        if self
            .roles
            .iter()
            .any(|r| r.entity == entity && r.title.eq_ignore_ascii_case(&title))
        {
            return;
        }
        self.roles.push(Role {
            entity,
            title,
            affiliation,
            former,
        });
    }

    /// Drops emptied entities, renumbers, and builds the mention records.
    fn finish(self) -> Entities {
        let mut remap = vec![None; self.entities.len()];
        let mut entities = Vec::new();
        for (i, e) in self.entities.into_iter().enumerate() {
            if e.name.is_empty() {
                continue;
            }
            remap[i] = Some(entities.len());
            entities.push(e);
        }
        let mut mentions: Vec<Mention> = self
            .mentions
            .iter()
            .filter_map(|&(e, a, b)| {
                let entity = remap[e]?;
                let span = Span::new(self.toks[a].start, self.toks[b - 1].end);
                Some(Mention {
                    entity,
                    sentence: self.doc.sentence_at(span.start),
                    span,
                })
            })
            .collect();
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        mentions.dedup();
        let all = self.roles.clone();
        let roles = self
            .roles
            .into_iter()
            .filter(|r| {
                let t = r.title.to_lowercase();
                !all.iter().any(|o| {
                    let ot = o.title.to_lowercase();
                    o.entity == r.entity && ot.len() > t.len() && ot.ends_with(&t)
                })
            })
            .filter_map(|mut r| {
                r.entity = remap[r.entity]?;
                Some(r)
            })
            .collect();
        Entities {
            entities,
            mentions,
            roles,
        }
    }
}

/// Whether a word can continue an appositive title ("Consul General of Iran in
/// Guangzhou", "spokesman for the Indonesian military").
fn title_word_ok(t: &Tok) -> bool {
    if t.cap {
        return true;
    }
    let low = t.lower();
    matches!(
        low.as_str(),
        "of" | "for" | "in" | "at" | "the" | "to" | "on" | "and" | "&" | "military" | "government"
    ) || is_title_word(&low)
        || LEX.org_keywords.contains(capitalized(&low).as_str())
}

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Levenshtein distance of two short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether `needle` occurs as a contiguous run, or as a first/last word, in `hay`.
fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    if needle.is_empty() || needle.len() > hay.len() {
        return false;
    }
    if needle.len() == hay.len() {
        return false;
    }
    hay.windows(needle.len()).any(|w| w == needle)
}
/// Resolves a noun phrase of the article (a name such as "Darvishi" or "Mr. Darvishi", or a
/// title such as "the consul general" / "the Iranian minister") to the index of the person
/// entity it refers to.
///
/// A name resolves when it equals the name or an alias of exactly one person; a leading
/// article, honorific or title and a trailing possessive are ignored. A title-only phrase
/// resolves to the person holding a role whose title contains every title word of the
/// phrase ("consul", "general", "minister", ...), when exactly one person does; a demonym in
/// the phrase must then agree with the role's affiliation. Returns `None` when nothing or
/// more than one person fits.
pub fn resolve_reference(doc: &Doc, found: &Entities, phrase: Span) -> Option<usize> {
    let text = doc.body.get(phrase.start..phrase.end)?;
    let text = clean_phrase(text);
    if text.is_empty() {
        return None;
    }
    let people_named = |key: &str| -> Vec<usize> {
        (0..found.entities.len())
            .filter(|&i| {
                let e = &found.entities[i];
                e.kind == EntityKind::Person
                    && (fold(&e.name) == key || e.aliases.iter().any(|a| fold(a) == key))
            })
            .collect()
    };
    let by_name = people_named(&fold(text));
    if !by_name.is_empty() {
        return (by_name.len() == 1).then(|| by_name[0]);
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches(['.', ',']).to_lowercase())
        .collect();
    // A name with a title or honorific in front ("Mr. Darvishi", "Consul Darvishi").
    let name_words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .skip_while(|w| is_title_word(w) || HONORIFICS.contains(w))
        .collect();
    if !name_words.is_empty() && name_words.len() < words.len() {
        let hits = people_named(&fold(&name_words.join(" ")));
        if !hits.is_empty() {
            return (hits.len() == 1).then(|| hits[0]);
        }
    }
    // A title alone ("the consul general", "the Iranian foreign minister").
    let title_words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| is_title_word(w))
        .collect();
    if !title_words.iter().any(|w| is_core_title(w)) {
        return None;
    }
    let stray = words.iter().any(|w| {
        !is_title_word(w) && demonym_of(w).is_none() && !matches!(w.as_str(), "a" | "an" | "this")
    });
    if stray {
        return None;
    }
    let demonym = words.iter().find_map(|w| demonym_of(w));
    let mut holders: Vec<usize> = found
        .roles
        .iter()
        .filter(|r| {
            let title = r.title.to_lowercase();
            let have: Vec<&str> = title.split_whitespace().collect();
            title_words.iter().all(|w| have.contains(w))
                && demonym.map_or(true, |d| r.affiliation.as_deref() == Some(d))
        })
        .map(|r| r.entity)
        .collect();
    holders.sort_unstable();
    holders.dedup();
    (holders.len() == 1).then(|| holders[0])
}

/// The country of a lower-case demonym ("iranian" -> "Iran").
fn demonym_of(word: &str) -> Option<&'static str> {
    LEX.demonyms.get(capitalized(word).as_str()).copied()
}

/// Drops a leading article and a trailing possessive from a phrase.
fn clean_phrase(text: &str) -> &str {
    let mut t = text.trim();
    for article in ["the ", "The "] {
        if let Some(rest) = t.strip_prefix(article) {
            t = rest.trim_start();
        }
    }
    for poss in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(rest) = t.strip_suffix(poss) {
            t = rest;
            break;
        }
    }
    t.trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sentences;

    fn run(body: &str) -> Entities {
        let sents = sentences::split(body);
        let doc = Doc {
            body,
            published: None,
            sentences: &sents,
        };
        extract(&doc)
    }

    fn names(found: &Entities, kind: EntityKind) -> Vec<String> {
        let mut v: Vec<String> = found
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.name.clone())
            .collect();
        v.sort();
        v
    }

    fn entity<'a>(found: &'a Entities, name: &str) -> Option<&'a Entity> {
        found.entities.iter().find(|e| e.name == name)
    }

    const SEED: &str = "Hosseinali Darvishi Motevalli, Consul General of Iran in Guangzhou made \
the remarks in an interview with GDToday.\n\nDarvishi described Guangdong, a province he \
expected to be the pioneer of closer China-Iran ties.\n\nFrom April to July 2021, Iran\u{2019}s \
export to China totaled around 4.3 billion USD, making China the top export destination of \
Iranian goods and services.\n\nHe added, Iran as one of the most developed countries in West \
Asia, has good ground for cooperation with cities in the GBA.\n\nIn recent years, there has \
been a rise of Iranian students studying in China. The Persian language has been on 14 \
Chinese universities' curriculum.\n\nGlobal pandemic needs global efforts\n\nThe COVID-19 \
outbreak starting from 2020 has witnessed mutual assistance.\n\nIn a phone call with former \
Iranian Foreign Minister Mohammad Javad Zarif in July, China\u{2019}s Foreign Minister Wang Yi \
said that China is ready to work with Iran. Zarif agreed.";

    #[test]
    fn seed_entities_aliases_and_roles() {
        let found = run(SEED);
        assert_eq!(
            names(&found, EntityKind::Person),
            [
                "Hosseinali Darvishi Motevalli",
                "Mohammad Javad Zarif",
                "Wang Yi"
            ]
        );
        assert_eq!(names(&found, EntityKind::Organization), ["GDToday"]);
        assert_eq!(
            names(&found, EntityKind::Place),
            [
                "China",
                "GBA",
                "Guangdong",
                "Guangzhou",
                "Iran",
                "West Asia"
            ]
        );
        let aliases: &[(&str, &[&str])] = &[
            ("Hosseinali Darvishi Motevalli", &["Darvishi"]),
            ("Mohammad Javad Zarif", &["Zarif"]),
            ("Wang Yi", &[]),
        ];
        for (name, want) in aliases {
            let e = entity(&found, name).expect(name);
            assert_eq!(e.aliases, *want, "{name}");
        }
        let roles: &[(&str, &str, Option<&str>, bool)] = &[
            (
                "Hosseinali Darvishi Motevalli",
                "Consul General of Iran in Guangzhou",
                Some("Iran"),
                false,
            ),
            (
                "Mohammad Javad Zarif",
                "Iranian Foreign Minister",
                Some("Iran"),
                true,
            ),
            ("Wang Yi", "Foreign Minister", Some("China"), false),
        ];
        assert_eq!(found.roles.len(), roles.len(), "{:?}", found.roles);
        for (name, title, affiliation, former) in roles {
            let e = found
                .entities
                .iter()
                .position(|e| e.name == *name)
                .expect(name);
            let role = found.roles.iter().find(|r| r.entity == e).expect(name);
            assert_eq!(role.title, *title);
            assert_eq!(role.affiliation.as_deref(), *affiliation);
            assert_eq!(role.former, *former);
        }
    }

    #[test]
    fn mentions_cover_names_not_possessives() {
        let found = run(SEED);
        let texts: Vec<&str> = found.mentions.iter().map(|m| m.span.text(SEED)).collect();
        assert!(texts.contains(&"China"));
        assert!(texts
            .iter()
            .all(|t| !t.ends_with("\u{2019}s") && !t.ends_with("'s")));
        // "Iranian goods", "Iranian students", "Chinese universities" are not mentions.
        assert!(texts
            .iter()
            .all(|t| !t.starts_with("Iranian") && !t.starts_with("Chinese")));
        let iran = found.entities.iter().position(|e| e.name == "Iran");
        let iran_mentions = found
            .mentions
            .iter()
            .filter(|m| Some(m.entity) == iran)
            .count();
        assert_eq!(iran_mentions, 5, "{texts:?}");
        let sents = sentences::split(SEED);
        for m in &found.mentions {
            assert!(sents[m.sentence].contains(m.span), "{m:?}");
        }
    }

    #[test]
    fn aliases_resolve_to_the_full_name() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "Guangzhou is a hub of the Greater Bay Area (GBA). Trade in the GBA grew.",
                "Greater Bay Area",
                &["GBA"],
            ),
            (
                "The Kennedy Space Center (KSC) opened. Crowds came to KSC on Friday.",
                "Kennedy Space Center",
                &["KSC"],
            ),
            (
                "The US State Department said so. The State Department added more.",
                "US State Department",
                &["State Department"],
            ),
            (
                "Prime Minister Najib Razak spoke on Monday. Later Najib left.",
                "Najib Razak",
                &["Najib"],
            ),
            (
                "Officials at the United Nations met. The U.N. then voted.",
                "United Nations",
                &["U.N."],
            ),
        ];
        for (text, name, aliases) in cases {
            let found = run(text);
            let e = entity(&found, name).unwrap_or_else(|| panic!("{name} in {found:?}"));
            assert_eq!(e.aliases, *aliases, "{text}");
            let same = found.entities.iter().filter(|x| x.name == *name).count();
            assert_eq!(same, 1, "{text}");
            for a in *aliases {
                assert!(
                    entity(&found, a).is_none(),
                    "{a} listed on its own in {text}"
                );
            }
        }
    }

    #[test]
    fn a_bare_surname_never_merges_two_people() {
        let text = "Li Wei met Li Qiang in Beijing on Monday. Mr. Li said the talks went well.";
        let found = run(text);
        assert_eq!(names(&found, EntityKind::Person), ["Li Qiang", "Li Wei"]);
        for e in &found.entities {
            assert!(e.aliases.is_empty(), "{e:?}");
        }
        // The ambiguous "Li" has no mention.
        let li = text.rfind("Li said").expect("text");
        assert!(found.mentions.iter().all(|m| m.span.start != li));
    }

    #[test]
    fn capitalized_words_that_are_not_entities() {
        let cases: &[&str] = &[
            "Global pandemic needs global efforts",
            "Over 900 Asylum Seekers Rescued Off Indonesian Coast",
            "Monday, May 18, 2015",
            "Discussing his concern, the officials waited until Friday in August.",
            "The COVID-19 outbreak has witnessed mutual assistance.",
            "The rescued members included Bangladeshis and Muslims.",
            "The President said the plan would work.",
            "Talented people, as well as universities, can make a joint project.",
            "Estimates suggest more people may be at sea.",
            "Image: A view of the hangar.",
        ];
        for text in cases {
            let found = run(text);
            assert!(found.entities.is_empty(), "{text}: {:?}", found.entities);
            assert!(found.mentions.is_empty(), "{text}");
        }
    }

    #[test]
    fn kinds_of_names() {
        let cases: &[(&str, &str, EntityKind)] = &[
            (
                "He studied at the Massachusetts Institute of Technology for years.",
                "Massachusetts Institute of Technology",
                EntityKind::Organization,
            ),
            (
                "The Indonesian Navy saved 200 more.",
                "Indonesian Navy",
                EntityKind::Organization,
            ),
            (
                "Major general Fuad Basya spoke to reporters.",
                "Fuad Basya",
                EntityKind::Person,
            ),
            (
                "Donors met at the Adler Planetarium in Chicago, Illinois.",
                "Adler Planetarium",
                EntityKind::Place,
            ),
            (
                "The company was founded in Mountain View, California.",
                "Mountain View",
                EntityKind::Place,
            ),
            (
                "He added that Rathke said nothing.",
                "Rathke",
                EntityKind::Person,
            ),
        ];
        for (text, name, kind) in cases {
            let found = run(text);
            let e = entity(&found, name).unwrap_or_else(|| panic!("{name} in {text}: {found:?}"));
            assert_eq!(e.kind, *kind, "{text}");
        }
        // A name nested in a longer name is not a mention of its own.
        let found = run("He studied at the Massachusetts Institute of Technology for years.");
        assert!(entity(&found, "Massachusetts").is_none());
        assert_eq!(found.mentions.len(), 1);
    }

    #[test]
    fn title_case_headlines_yield_only_confirmed_names() {
        let text = "Hackers Attack Church Of Scientology Website In Protest Over Video\n\n\
The Church of Scientology said on Friday that its website was attacked.";
        let found = run(text);
        assert_eq!(
            names(&found, EntityKind::Organization),
            ["Church of Scientology"]
        );
        assert!(found
            .entities
            .iter()
            .all(|e| e.kind == EntityKind::Organization));
        // Both the headline and the body mention it.
        assert_eq!(found.mentions.len(), 2);
        let found = run("Iran And China Sign Trade Deal In Beijing\n\nOfficials met on Monday.");
        assert_eq!(
            names(&found, EntityKind::Place),
            ["Beijing", "China", "Iran"]
        );
        assert!(names(&found, EntityKind::Organization).is_empty());
    }

    #[test]
    fn organizations_known_from_their_members() {
        let cases: &[(&str, &str)] = &[
            (
                "Cheng Chung-tai of Civic Passion won a seat in the vote.",
                "Civic Passion",
            ),
            (
                "Pro-Beijing Youngspiration's Baggio Leung was elected.",
                "Youngspiration",
            ),
        ];
        for (text, name) in cases {
            let found = run(text);
            let e = entity(&found, name).unwrap_or_else(|| panic!("{name} in {found:?}"));
            assert_eq!(e.kind, EntityKind::Organization, "{text}");
        }
        // A place stays a place.
        let found = run("Cheng Chung-tai of London won a seat in the vote.");
        assert_eq!(
            entity(&found, "London").map(|e| e.kind),
            Some(EntityKind::Place)
        );
    }

    #[test]
    fn accent_variants_of_a_name_are_one_person() {
        let found = run("Lech Wałęsa spoke in Gdansk. Later Lech Walesa said he was tired.");
        let people = names(&found, EntityKind::Person);
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(fold(&people[0]), "lech walesa");
    }

    #[test]
    fn a_bracketed_country_or_body_after_a_person_is_no_alias() {
        let found = run(
            "Andy Roddick (US) beat Tim Henman (GB) in London. Phil Fear (WRU) \
said the Welsh Rugby Union (WRU) would meet. Roddick said he was pleased.",
        );
        let roddick = entity(&found, "Andy Roddick").expect("Roddick");
        assert!(
            !roddick
                .aliases
                .iter()
                .any(|a| a == "US" || a == "United States"),
            "{roddick:?}"
        );
        let fear = entity(&found, "Phil Fear").expect("Fear");
        assert!(!fear.aliases.iter().any(|a| a == "WRU"), "{fear:?}");
        let union = entity(&found, "Welsh Rugby Union").expect("the union");
        assert!(union.aliases.iter().any(|a| a == "WRU"), "{union:?}");
    }

    #[test]
    fn a_surname_is_the_person_the_article_names_not_a_town() {
        let found = run(
            "London mayor Ken Livingstone opened the line. Livingstone said it \
would help. Later Livingstone left for Paris.",
        );
        assert_eq!(names(&found, EntityKind::Person), vec!["Ken Livingstone"]);
        assert_eq!(names(&found, EntityKind::Place), vec!["London", "Paris"]);
        let ken = entity(&found, "Ken Livingstone").expect("the mayor");
        assert!(ken.aliases.iter().any(|a| a == "Livingstone"), "{ken:?}");
    }

    #[test]
    fn labour_alone_is_the_party() {
        let body = "Labour won the seat. Mr Brown said Labour's plans would cost less than \
the Labour Party claimed.";
        let found = run(body);
        let party = found
            .entities
            .iter()
            .position(|e| e.name == "Labour Party")
            .expect("the party");
        assert_eq!(found.entities[party].kind, EntityKind::Organization);
        let mentions = found.mentions.iter().filter(|m| m.entity == party).count();
        assert_eq!(mentions, 3);
    }

    #[test]
    fn names_that_are_not_people() {
        let cases: &[(&str, &str, Option<EntityKind>)] = &[
            // A band named with an article.
            (
                "Thousands of fans came to hear The Velvet Underground.",
                "Velvet Underground",
                Some(EntityKind::Organization),
            ),
            // A name used as a modifier stays a person.
            (
                "Hackers posted the Tom Cruise video online.",
                "Tom Cruise",
                Some(EntityKind::Person),
            ),
            // Spacecraft are no entities, also where they recur.
            (
                "Space Shuttle Atlantis will fly. Crews prepared Atlantis on Monday.",
                "Atlantis",
                None,
            ),
            // Events are no entities.
            (
                "He won the Davis Cup in Paris last year.",
                "Davis Cup",
                None,
            ),
        ];
        for (text, name, kind) in cases {
            let found = run(text);
            assert_eq!(
                entity(&found, name).map(|e| e.kind),
                *kind,
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn held_out_false_positives() {
        // (text, name, expected kind of the entity of that name)
        let cases: &[(&str, &str, Option<EntityKind>)] = &[
            // After "in", a name without a frequent given name is a place.
            (
                "She stayed in Monte Carlo for a week.",
                "Monte Carlo",
                Some(EntityKind::Place),
            ),
            // Ordinary words after a given name do not make a person.
            (
                "He joined Velvet Revolver in 2004.",
                "Velvet Revolver",
                None,
            ),
            (
                "He met Tom Hanks in 2004.",
                "Tom Hanks",
                Some(EntityKind::Person),
            ),
            // "on" before a street is an address, not part of the name.
            (
                "They met at the Metropolitan Club on H Street in Washington.",
                "Metropolitan Club",
                Some(EntityKind::Organization),
            ),
            (
                "They met at the Metropolitan Club on H Street in Washington.",
                "Metropolitan Club on H Street",
                None,
            ),
            // Country names written with "the".
            (
                "In the Netherlands, authorities kept a low profile.",
                "The Netherlands",
                Some(EntityKind::Place),
            ),
            (
                "He was born in the Soviet Union.",
                "Soviet Union",
                Some(EntityKind::Place),
            ),
            // "D.C." alone names the capital and ends a name before "and".
            (
                "He flew from Washington, D.C. and Washington Dulles International Airport.",
                "Washington Dulles International Airport",
                Some(EntityKind::Place),
            ),
            (
                "He flew from Washington, D.C. and Washington Dulles International Airport.",
                "Washington, D.C.",
                Some(EntityKind::Place),
            ),
            // Counties and regions.
            (
                "The village lies near Grantham, Lincolnshire.",
                "Lincolnshire",
                Some(EntityKind::Place),
            ),
            // "for the <place> ..." opens another name.
            (
                "He played in the National Hockey League for the St. Louis Eagles.",
                "National Hockey League",
                Some(EntityKind::Organization),
            ),
            // ... but "of the U.S. Air Force" stays inside.
            (
                "He visited the National Museum of the U.S. Air Force in Dayton.",
                "National Museum of the U.S. Air Force",
                Some(EntityKind::Organization),
            ),
        ];
        for (text, name, kind) in cases {
            let found = run(text);
            assert_eq!(
                entity(&found, name).map(|e| e.kind),
                *kind,
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn teams_papers_and_models() {
        let cases: &[(&str, &str, Option<EntityKind>)] = &[
            // A place and a capitalized plural: a sports team.
            (
                "He later played for the Boston Bruins.",
                "Boston Bruins",
                Some(EntityKind::Organization),
            ),
            (
                "Toronto Blue Jays won the game.",
                "Toronto Blue Jays",
                Some(EntityKind::Organization),
            ),
            // ... but not a compass region.
            (
                "Rain fell across Northern Ireland on Monday.",
                "Northern Ireland",
                Some(EntityKind::Place),
            ),
            // Newspaper head words, also after a hyphen.
            (
                "The Orlando Sentinel reported the story.",
                "Orlando Sentinel",
                Some(EntityKind::Organization),
            ),
            (
                "He wrote for the Fort Worth Star-Telegram.",
                "Fort Worth Star-Telegram",
                Some(EntityKind::Organization),
            ),
            // Venue and ensemble head words.
            (
                "They played at the Cameo Theatre in 1999.",
                "Cameo Theatre",
                Some(EntityKind::Place),
            ),
            (
                "She sang with the Twilite Orchestra.",
                "Twilite Orchestra",
                Some(EntityKind::Organization),
            ),
            // Well-known companies without a head word.
            (
                "Shares of Spotify rose on Monday.",
                "Spotify",
                Some(EntityKind::Organization),
            ),
            // Aircraft and other model names are no people.
            (
                "Units flew the B-25 Mitchell in the war.",
                "B-25 Mitchell",
                None,
            ),
            ("The F-104 Starfighter was fast.", "F-104 Starfighter", None),
        ];
        for (text, name, kind) in cases {
            let found = run(text);
            assert_eq!(
                entity(&found, name).map(|e| e.kind),
                *kind,
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn korean_family_names_are_not_place_head_words() {
        // "Park" after a word is a park or a band here, not "Starry Lee"-style naming.
        let found = run("He joined Linkin Park in 1999.");
        let kind = entity(&found, "Linkin Park").map(|e| e.kind);
        assert_ne!(kind, Some(EntityKind::Person), "{found:?}");
        let found = run("The vote went to Starry Lee on Monday.");
        let kind = entity(&found, "Starry Lee").map(|e| e.kind);
        assert_eq!(kind, Some(EntityKind::Person), "{found:?}");
    }

    #[test]
    fn bare_surnames_in_person_context() {
        let cases: &[(&str, &str, Option<EntityKind>)] = &[
            // A surname that is also a common word, after a title or before "said".
            (
                "President Trump said the deal was good.",
                "Trump",
                Some(EntityKind::Person),
            ),
            (
                "Trump said the deal was good.",
                "Trump",
                Some(EntityKind::Person),
            ),
            (
                "The plan, Woods said, was sound.",
                "Woods",
                Some(EntityKind::Person),
            ),
            // An unknown name before a verb only people do, or before ", who".
            (
                "Obama mocked the plan on Monday.",
                "Obama",
                Some(EntityKind::Person),
            ),
            (
                "Later Hariri, who leads the party, spoke.",
                "Hariri",
                Some(EntityKind::Person),
            ),
            (
                "Seagal's wife was there.",
                "Seagal",
                Some(EntityKind::Person),
            ),
            (
                "It was Knightley's best year.",
                "Knightley",
                Some(EntityKind::Person),
            ),
            (
                "In 1950 Abakumov was arrested.",
                "Abakumov",
                Some(EntityKind::Person),
            ),
            // Places are no people, even before "was".
            (
                "In 1990 Pyongyang was quiet.",
                "Pyongyang",
                Some(EntityKind::Place),
            ),
            // Regnal numbers belong to the name.
            (
                "The temple was built by Thutmose III.",
                "Thutmose III",
                Some(EntityKind::Person),
            ),
            (
                "Amyntas I was the king of Macedon.",
                "Amyntas I",
                Some(EntityKind::Person),
            ),
            // After an honorific, a city's name is a person's; a title is no person.
            (
                "Lord Halifax met the envoy.",
                "Halifax",
                Some(EntityKind::Person),
            ),
            (
                "He was received by the Lord Mayor of Brisbane.",
                "Mayor",
                None,
            ),
            (
                "He was received by the Lord Mayor of Brisbane.",
                "Brisbane",
                Some(EntityKind::Place),
            ),
            // Two particles inside a name.
            (
                "The army of Joaquin de la Pazuela advanced north.",
                "Joaquin de la Pazuela",
                Some(EntityKind::Person),
            ),
            (
                "He studied under Ludwig van der Rohe in Berlin.",
                "Ludwig van der Rohe",
                Some(EntityKind::Person),
            ),
            // People well known by one name.
            (
                "The deal was a win for Putin and his allies.",
                "Putin",
                Some(EntityKind::Person),
            ),
            (
                "The idea goes back to Plato, who wrote about it.",
                "Plato",
                Some(EntityKind::Person),
            ),
            // ... but a sentence-initial common word needs other evidence.
            ("Trump cards were dealt first.", "Trump", None),
            // Pronouns and plain words are no surnames.
            ("He added that the talks would go on.", "He", None),
            ("Officials said the road was closed.", "Officials", None),
            ("The bridge, which opened in May, was closed.", "May", None),
        ];
        for (text, name, kind) in cases {
            let found = run(text);
            assert_eq!(
                entity(&found, name).map(|e| e.kind),
                *kind,
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn references_resolve_to_one_person() {
        let found = run(SEED);
        let darvishi = found
            .entities
            .iter()
            .position(|e| e.name == "Hosseinali Darvishi Motevalli");
        assert!(darvishi.is_some());
        let zarif = found
            .entities
            .iter()
            .position(|e| e.name == "Mohammad Javad Zarif");
        let wang = found.entities.iter().position(|e| e.name == "Wang Yi");
        let cases: &[(&str, Option<usize>)] = &[
            ("Darvishi", darvishi),
            ("the consul general", darvishi),
            ("Mr. Darvishi", darvishi),
            ("Darvishi\u{2019}s", darvishi),
            ("the Iranian foreign minister", zarif),
            ("the Chinese foreign minister", wang),
            // Two ministers: no single answer.
            ("the minister", None),
            ("the president", None),
        ];
        for (phrase, want) in cases {
            let body = format!("{SEED} {phrase}");
            let sents = sentences::split(&body);
            let doc = Doc {
                body: &body,
                published: None,
                sentences: &sents,
            };
            let span = Span::new(SEED.len() + 1, body.len());
            assert_eq!(resolve_reference(&doc, &found, span), *want, "{phrase}");
        }
    }
}
