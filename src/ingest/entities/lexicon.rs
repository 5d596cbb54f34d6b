//! The word lists behind entity recognition, embedded at compile time and indexed once.
//!
//! Sources and licences of the files are in `src/ingest/lexicon/README.md`.

use std::sync::LazyLock;

use crate::ingest::fnv::{FnvHashMap as HashMap, FnvHashSet as HashSet};

/// What kind of place a gazetteer entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A country or a country-like territory.
    Country,
    /// A state, province, region, city or geographic feature.
    Other,
}

/// Every list, indexed for lookups.
pub struct Lexicon {
    /// Lower-case common English words.
    pub common: HashSet<&'static str>,
    /// Lower-case given names.
    pub first_names: HashSet<&'static str>,
    /// Lower-case given names that are frequent (the top of the census lists).
    pub frequent_first_names: HashSet<&'static str>,
    /// Lower-case given names at the very top of the census lists ("John", "Tom").
    pub top_first_names: HashSet<&'static str>,
    /// Lower-case surnames.
    pub surnames: HashSet<&'static str>,
    /// Place surface form -> (canonical name, kind).
    pub places: HashMap<&'static str, (&'static str, PlaceKind)>,
    /// Well-known organization surface form -> canonical name.
    pub orgs: HashMap<&'static str, &'static str>,
    /// Demonym (adjective or plural) -> country or place.
    pub demonyms: HashMap<String, &'static str>,
    /// Capitalized words that never name an entity (groups, religions, languages).
    pub groups: HashSet<&'static str>,
    /// Lower-case words of titles and functions.
    pub titles: HashSet<&'static str>,
    /// Head words of organization names.
    pub org_keywords: HashSet<&'static str>,
    /// Head words of place names.
    pub place_keywords: HashSet<&'static str>,
    /// Surnames and mononyms that name a person on their own ("Trump", "Plato").
    pub known_people: HashSet<&'static str>,
    /// Longest gazetteer entry in words.
    /// Every proper word prefix of a multi-word place or organization ("New", "New York"
    /// for "New York City"), so that a look-up walks forward a word at a time like a trie
    /// and stops at the first word that cannot continue any entry.
    pub prefixes: HashSet<String>,
    /// Words in the longest place or organization entry.
    pub max_words: usize,
}

const COMMON: &str = include_str!("../lexicon/common_words.txt");
const FIRST: &str = include_str!("../lexicon/first_names.txt");
const EXTRA_FIRST: &str = include_str!("../lexicon/extra_first_names.txt");
const SURNAMES: &str = include_str!("../lexicon/surnames.txt");
const CITIES: &str = include_str!("../lexicon/cities.txt");
const COUNTRIES: &str = include_str!("../lexicon/countries.txt");
const US_STATES: &str = include_str!("../lexicon/us_states.txt");
const PLACE_ALIASES: &str = include_str!("../lexicon/place_aliases.tsv");
const KNOWN_ORGS: &str = include_str!("../lexicon/known_orgs.tsv");
const DEMONYMS: &str = include_str!("../lexicon/demonyms.tsv");
const KNOWN_PEOPLE: &str = include_str!("../lexicon/known_people.txt");
const GROUPS: &str = include_str!("../lexicon/groups.txt");
const TITLES: &str = include_str!("../lexicon/titles.txt");
const ORG_KEYWORDS: &str = include_str!("../lexicon/org_keywords.txt");
const PLACE_KEYWORDS: &str = include_str!("../lexicon/place_keywords.txt");

/// How many of the census given names (sorted by frequency) count as frequent.
const FREQUENT_FIRST_NAMES: usize = 1200;
/// How many count as very frequent: enough to name a person even after "in".
const TOP_FIRST_NAMES: usize = 400;

/// Months and weekdays: capitalized, never entities.
pub const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// The lines of a list file, without blank lines and `#` comments.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The two columns of a tab-separated list file.
fn pairs(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    lines(text).filter_map(|l| l.split_once('\t'))
}

/// The lexicon, built on first use.
pub static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut first_names: HashSet<&str> = lines(FIRST).chain(lines(EXTRA_FIRST)).collect();
    let frequent_first_names: HashSet<&str> = lines(FIRST)
        .take(FREQUENT_FIRST_NAMES)
        .chain(lines(EXTRA_FIRST))
        .filter(|n| !CALENDAR.contains(n))
        .collect();
    for w in CALENDAR {
        first_names.remove(w);
    }
    let mut places = HashMap::default();
    for c in lines(CITIES).chain(lines(US_STATES)) {
        places.insert(c, (c, PlaceKind::Other));
    }
    for c in lines(COUNTRIES) {
        places.insert(c, (c, PlaceKind::Country));
    }
    for (surface, canonical) in pairs(PLACE_ALIASES) {
        let kind = match places.get(canonical) {
            Some((_, k)) => *k,
            None => PlaceKind::Other,
        };
        places.insert(surface, (canonical, kind));
    }
    let orgs: HashMap<&str, &str> = pairs(KNOWN_ORGS).collect();
    let mut demonyms = HashMap::default();
    for (d, place) in pairs(DEMONYMS) {
        demonyms.insert(d.to_string(), place);
        // Plurals: "Iranians", "Bangladeshis", "Chinese".
        let plural = if d.ends_with("ese") || d.ends_with("ish") || d.ends_with("ch") {
            d.to_string()
        } else {
            format!("{d}s")
        };
        demonyms.insert(plural, place);
    }
    let max_words = places
        .keys()
        .chain(orgs.keys())
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(1);
    let mut prefixes = HashSet::default();
    for key in places.keys().chain(orgs.keys()) {
        let mut ends = key.match_indices(' ').map(|(i, _)| i);
        prefixes.extend(ends.by_ref().map(|i| key[..i].to_owned()));
    }
    Lexicon {
        common: lines(COMMON).collect(),
        first_names,
        frequent_first_names,
        top_first_names: lines(FIRST)
            .take(TOP_FIRST_NAMES)
            .filter(|n| !CALENDAR.contains(n))
            .collect(),
        surnames: lines(SURNAMES).collect(),
        places,
        orgs,
        demonyms,
        groups: lines(GROUPS).collect(),
        titles: lines(TITLES).collect(),
        org_keywords: lines(ORG_KEYWORDS).collect(),
        place_keywords: lines(PLACE_KEYWORDS).collect(),
        known_people: lines(KNOWN_PEOPLE).collect(),
        prefixes,
        max_words,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer() {
        let lex = &*LEX;
        let cases: &[(&str, bool)] = &[
            ("Iran", true),
            ("Guangzhou", true),
            ("West Asia", true),
            ("Texas", true),
            ("Global", false),
        ];
        for (name, is_place) in cases {
            assert_eq!(lex.places.contains_key(name), *is_place, "{name}");
        }
        assert_eq!(lex.places["U.S."].0, "United States");
        assert_eq!(lex.demonyms["Iranian"], "Iran");
        assert_eq!(lex.demonyms["Bangladeshis"], "Bangladesh");
        assert!(lex.first_names.contains("mohammad"));
        assert!(!lex.first_names.contains("may"));
        assert!(lex.common.contains("global"));
    }
}
