//! Word lists for the figure grammar: number words, scales, currencies, units of measure,
//! approximators and the function words that end a noun phrase. General English, nothing
//! taken from particular articles. Currency codes live in `model::CURRENCY_CODES`.

use crate::model::CURRENCY_CODES;

/// Number words below one hundred and their values ("zero" is left out: "zero tolerance").
pub fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// Scale words written out ("4.3 billion", "five thousand").
pub fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

/// Scale abbreviations glued to or following a number ("$2.5m", "1.2bn", "5k"). `m` is
/// only a scale with money or a counted noun (else it is metres): the caller decides.
pub fn scale_abbrev(w: &str) -> Option<f64> {
    Some(match w {
        "k" => 1e3,
        "m" | "mn" | "mln" => 1e6,
        "bn" | "b" | "bln" => 1e9,
        "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// Currency symbols before a number.
pub fn currency_symbol(c: &str) -> Option<&'static str> {
    Some(match c {
        "$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        "₹" => "INR",
        "₩" => "KRW",
        "₽" => "RUB",
        "₪" => "ILS",
        "₦" => "NGN",
        _ => return None,
    })
}

/// Country prefixes of the dollar sign ("NZ$", "A$", "HK$") and of other symbols ("R$").
pub fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" | "U.S." => "USD",
        "NZ" => "NZD",
        "A" | "AU" | "AUS" => "AUD",
        "C" | "CA" | "CAN" => "CAD",
        "HK" => "HKD",
        "S" | "SG" => "SGD",
        "NT" => "TWD",
        "R" => "BRL",
        "Z" => "ZWL",
        "J" => "JMD",
        "Mex" | "MX" => "MXN",
        _ => return None,
    })
}

/// ISO 4217 codes written as words ("4.3 billion USD", "EUR 5m"); "RMB" is the yuan.
pub fn currency_code(w: &str) -> Option<&'static str> {
    match w {
        "RMB" => Some("CNY"),
        "Rs" => Some("INR"),
        _ => CURRENCY_CODES.iter().find(|c| **c == w).copied(),
    }
}

/// Currency names after a number ("1.2bn euros", "500 yuan"), lower case. Dollars and
/// pounds are decided by the caller (their country, or weight).
pub fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "euro" | "euros" => "EUR",
        "yuan" | "renminbi" => "CNY",
        "yen" => "JPY",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
        "rand" => "ZAR",
        "riyal" | "riyals" => "SAR",
        "rial" | "rials" => "IRR",
        "dirham" | "dirhams" => "AED",
        "shekel" | "shekels" => "ILS",
        "lira" | "lire" => "TRY",
        "naira" => "NGN",
        "krona" | "kronor" => "SEK",
        "baht" => "THB",
        "ringgit" => "MYR",
        "rupiah" => "IDR",
        "sterling" => "GBP",
        "dollar" | "dollars" => "USD",
        _ => return None,
    })
}

/// The country adjective before "dollars" ("New Zealand dollars", "Australian dollars").
pub fn dollar_country(w: &str) -> Option<&'static str> {
    Some(match w {
        "zealand" => "NZD",
        "australian" => "AUD",
        "canadian" => "CAD",
        "kong" => "HKD",
        "singapore" | "singaporean" => "SGD",
        "taiwan" | "taiwanese" => "TWD",
        "us" | "american" | "u.s." => "USD",
        "jamaican" => "JMD",
        "zimbabwean" => "ZWL",
        _ => return None,
    })
}

/// Units of time and measure (singular or plural, lower case) and their singular form;
/// a figure counted in one of these is a quantity, not a count.
pub fn measure_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => "second",
        "minute" | "minutes" | "min" | "mins" => "minute",
        "hour" | "hours" | "hr" | "hrs" => "hour",
        "day" | "days" => "day",
        "week" | "weeks" => "week",
        "month" | "months" => "month",
        "year" | "years" | "yr" | "yrs" => "year",
        "decade" | "decades" => "decade",
        "century" | "centuries" => "century",
        "mile" | "miles" => "mile",
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "metre" | "metres" | "meter" | "meters" => "metre",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "foot" | "feet" | "ft" => "foot",
        "inch" | "inches" => "inch",
        "yard" | "yards" => "yard",
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => "kg",
        "gram" | "grams" | "g" => "gram",
        "tonne" | "tonnes" | "ton" | "tons" => "tonne",
        "lb" | "lbs" => "pound",
        "ounce" | "ounces" | "oz" => "ounce",
        "litre" | "litres" | "liter" | "liters" => "litre",
        "gallon" | "gallons" => "gallon",
        "barrel" | "barrels" => "barrel",
        "acre" | "acres" => "acre",
        "hectare" | "hectares" | "ha" => "hectare",
        "mph" => "mph",
        "kph" => "km/h",
        "knot" | "knots" => "knot",
        "degree" | "degrees" => "degree",
        "fold" => "fold",
        "magnitude" => "magnitude",
        "mw" | "megawatt" | "megawatts" => "MW",
        "gw" | "gigawatt" | "gigawatts" => "GW",
        "kw" | "kilowatt" | "kilowatts" => "kW",
        "kwh" => "kWh",
        "gb" | "gigabyte" | "gigabytes" => "GB",
        "mb" | "megabyte" | "megabytes" => "MB",
        "tb" | "terabyte" | "terabytes" => "TB",
        "ghz" => "GHz",
        "mhz" => "MHz",
        _ => return None,
    })
}

/// Qualifiers that make a figure approximate or a bound, longest first so that "just
/// over" wins over "over".
pub const APPROXIMATORS: &[&str] = &[
    "in excess of",
    "upwards of",
    "as many as",
    "as much as",
    "as few as",
    "as little as",
    "an estimated",
    "more than",
    "less than",
    "fewer than",
    "greater than",
    "higher than",
    "lower than",
    "just over",
    "just under",
    "just below",
    "just above",
    "well over",
    "close to",
    "nearly",
    "almost",
    "approximately",
    "approx.",
    "roughly",
    "around",
    "about",
    "some",
    "over",
    "under",
    "up to",
    "at least",
    "at most",
    "estimated",
    "circa",
    "nearly",
    "below",
    "above",
    "~",
];

/// Function words that end the noun phrase after a number.
pub fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "for"
            | "to"
            | "from"
            | "with"
            | "by"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "should"
            | "than"
            | "as"
            | "per"
            | "each"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "after"
            | "before"
            | "since"
            | "during"
            | "while"
            | "when"
            | "where"
            | "if"
            | "then"
            | "so"
            | "it"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "they"
            | "them"
            | "he"
            | "she"
            | "we"
            | "you"
            | "i"
            | "not"
            | "no"
            | "more"
            | "less"
            | "most"
            | "least"
            | "ago"
            | "later"
            | "earlier"
            | "apiece"
            | "alone"
            | "only"
            | "also"
            | "too"
            | "very"
            | "just"
            | "about"
            | "around"
            | "between"
            | "among"
            | "across"
            | "through"
            | "against"
            | "toward"
            | "towards"
            | "via"
            | "without"
            | "within"
            | "until"
            | "till"
            | "up"
            | "down"
            | "out"
            | "off"
            | "away"
            | "back"
            | "again"
            | "there"
            | "here"
            | "now"
            | "yet"
            | "still"
            | "both"
            | "all"
            | "either"
            | "neither"
            | "such"
            | "what"
            | "how"
            | "why"
            | "aboard"
            | "ahead"
            | "behind"
            | "along"
            | "beyond"
            | "above"
            | "below"
            | "because"
            | "although"
            | "though"
            | "whether"
            | "once"
            | "twice"
            | "every"
            | "any"
            | "some"
            | "others"
            | "many"
            | "few"
            | "several"
            | "despite"
            | "including"
            | "like"
            | "unlike"
            | "versus"
            | "vs"
            | "outside"
            | "inside"
            | "near"
    )
}

/// Adjectives that modify a counted noun without being part of its name ("14 other
/// universities", "3 million medical masks").
pub fn is_adjective(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "other",
        "new",
        "old",
        "additional",
        "extra",
        "remaining",
        "total",
        "different",
        "separate",
        "major",
        "minor",
        "small",
        "large",
        "big",
        "young",
        "former",
        "current",
        "local",
        "top",
        "high",
        "low",
        "full",
        "free",
        "key",
        "main",
        "same",
        "whole",
        "own",
        "last",
        "first",
        "next",
        "past",
        "previous",
        "further",
        "single",
        "double",
        "rural",
        "urban",
        "foreign",
        "domestic",
        "public",
        "private",
        "senior",
        "junior",
        "unique",
        "rare",
        "poor",
        "rich",
        "real",
        "fake",
        "daily",
        "weekly",
        "annual",
        "monthly",
        "yearly",
        "straight",
        "consecutive",
        "successive",
        "straight",
        "long",
        "short",
        "full-time",
        "part-time",
        "armed",
        "unarmed",
        "innocent",
        "suspected",
        "alleged",
        "confirmed",
        "known",
        "estimated",
        "injured",
        "dead",
        "missing",
        "elderly",
        "female",
        "male",
        "black",
        "white",
        "red",
        "green",
        "blue",
        "key",
        "few",
        "more",
        "further",
    ];
    if WORDS.contains(&w) {
        return true;
    }
    const SUFFIXES: &[&str] = &[
        "al", "ic", "ous", "ive", "ful", "less", "able", "ible", "ary", "ed", "ish", "ese", "ian",
        "ern", "est",
    ];
    w.len() > 4 && SUFFIXES.iter().any(|s| w.ends_with(s))
}

/// Plural nouns that do not end in "s", and their singular.
pub fn irregular_plural(w: &str) -> Option<&'static str> {
    Some(match w {
        "people" => "person",
        "men" => "man",
        "women" => "woman",
        "children" => "child",
        "police" => "police",
        "feet" => "foot",
        "teeth" => "tooth",
        "mice" => "mouse",
        "geese" => "goose",
        "cattle" => "cattle",
        "staff" => "staff",
        "personnel" => "personnel",
        "troops" => "troop",
        "sheep" => "sheep",
        "fish" => "fish",
        "deer" => "deer",
        "aircraft" => "aircraft",
        "crew" => "crew",
        "livestock" => "livestock",
        "data" => "data",
        "media" => "media",
        "criteria" => "criterion",
        "phenomena" => "phenomenon",
        "lives" => "life",
        "wives" => "wife",
        "knives" => "knife",
        "halves" => "half",
        "wolves" => "wolf",
        "leaves" => "leaf",
        "shelves" => "shelf",
        "thieves" => "thief",
        "series" => "series",
        "species" => "species",
        _ => return None,
    })
}

/// Words ending in "s" that are not plural nouns.
pub fn is_not_plural(w: &str) -> bool {
    matches!(
        w,
        "this"
            | "was"
            | "has"
            | "is"
            | "its"
            | "his"
            | "hers"
            | "yes"
            | "thus"
            | "always"
            | "sometimes"
            | "news"
            | "means"
            | "perhaps"
            | "whereas"
            | "across"
            | "plus"
            | "bus"
            | "gas"
            | "less"
            | "unless"
            | "besides"
            | "towards"
            | "afterwards"
            | "overseas"
            | "does"
            | "goes"
            | "says"
            | "as"
            | "us"
            | "politics"
            | "economics"
            | "physics"
            | "mathematics"
            | "ours"
            | "theirs"
            | "yours"
            | "whereabouts"
            | "nevertheless"
            | "regardless"
            | "various"
            | "numerous"
            | "previous"
            | "famous"
            | "serious"
            | "obvious"
            | "anonymous"
            | "analysis"
            | "basis"
            | "crisis"
            | "thesis"
            | "status"
            | "census"
            | "campus"
            | "virus"
            | "focus"
            | "bonus"
            | "consensus"
    )
}

/// Words before a number that make it a label, not a quantity ("number 3", "Section 2").
pub fn is_label(w: &str) -> bool {
    matches!(
        w,
        "number"
            | "no"
            | "nos"
            | "section"
            | "article"
            | "chapter"
            | "page"
            | "pages"
            | "clause"
            | "paragraph"
            | "rule"
            | "route"
            | "flight"
            | "room"
            | "gate"
            | "platform"
            | "version"
            | "episode"
            | "season"
            | "round"
            | "stage"
            | "phase"
            | "step"
            | "part"
            | "level"
            | "grade"
            | "class"
            | "category"
            | "type"
            | "exhibit"
            | "figure"
            | "table"
            | "act"
            | "book"
            | "volume"
            | "vol"
            | "issue"
            | "lane"
            | "pier"
            | "bay"
            | "unit"
            | "block"
            | "zone"
            | "ward"
            | "highway"
            | "interstate"
            | "amendment"
            | "resolution"
            | "bill"
            | "code"
            | "line"
            | "track"
            | "channel"
            | "model"
            | "mark"
            | "size"
            | "tier"
            | "division"
            | "league"
            | "row"
            | "seat"
            | "box"
            | "apartment"
            | "suite"
            | "floor"
            | "building"
            | "terminal"
            | "term"
            | "pad"
            | "studio"
            | "window"
            | "item"
            | "question"
            | "verse"
            | "psalm"
            | "psalms"
            | "lot"
            | "plot"
            | "district"
            | "precinct"
            | "tv"
            | "radio"
            | "generation"
            | "gen"
            | "formula"
            | "windows"
            | "ios"
            | "android"
            | "series"
            | "top"
            | "ranked"
            | "ranking"
            | "rank"
            | "seed"
            | "seeded"
            | "ranks"
    )
}

/// Capitalized words that may open a sentence before a number without naming it.
pub fn is_common_capital(w: &str) -> bool {
    matches!(
        w,
        "about"
            | "around"
            | "some"
            | "over"
            | "nearly"
            | "almost"
            | "more"
            | "only"
            | "just"
            | "all"
            | "in"
            | "by"
            | "with"
            | "of"
            | "from"
            | "for"
            | "at"
            | "on"
            | "to"
            | "and"
            | "but"
            | "another"
            | "roughly"
            | "approximately"
            | "up"
            | "under"
            | "than"
            | "less"
            | "fewer"
            | "least"
            | "most"
            | "those"
            | "these"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "after"
            | "before"
            | "since"
            | "during"
            | "every"
            | "each"
            | "estimated"
            | "a"
            | "the"
            | "an"
            | "another's"
            | "last"
            | "first"
            | "next"
            | "past"
            | "among"
            | "between"
            | "including"
            | "plus"
            | "minus"
            | "total"
            | "totalling"
            | "totaling"
            | "were"
            | "are"
            | "was"
            | "is"
            | "had"
            | "has"
            | "have"
            | "reached"
            | "killed"
            | "said"
            | "there"
            | "when"
            | "while"
            | "where"
            | "if"
            | "as"
            | "like"
            | "within"
    )
}

/// Turns a plural noun (lower case) into its singular.
pub fn singular(w: &str) -> String {
    if let Some(s) = irregular_plural(w) {
        return s.to_string();
    }
    if is_not_plural(w) || w.len() < 3 {
        return w.to_string();
    }
    for (suffix, keep) in [("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh")] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if stem.len() >= 2 {
                return format!("{stem}{keep}");
            }
        }
    }
    if let Some(stem) = w.strip_suffix("xes") {
        return format!("{stem}x");
    }
    // "campuses", "viruses", "buses" (but "houses", "causes" keep their "e").
    if let Some(stem) = w.strip_suffix("uses") {
        if stem
            .chars()
            .next_back()
            .is_some_and(|c| !"aeiou".contains(c))
        {
            return format!("{stem}us");
        }
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w.to_string();
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

/// Whether a lower-case word looks like a plural noun.
pub fn looks_plural(w: &str) -> bool {
    if irregular_plural(w).is_some() {
        return !matches!(w, "data" | "media");
    }
    w.len() >= 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !is_not_plural(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::is_currency_code;

    #[test]
    fn every_currency_the_grammar_writes_is_a_code_queries_accept() {
        let symbols = ["$", "£", "€", "¥", "₹", "₩", "₽", "₪", "₦"];
        let prefixes = ["US", "NZ", "A", "C", "HK", "S", "NT", "R", "Z", "J", "MX"];
        let words = [
            "euros", "yuan", "yen", "rupees", "francs", "roubles", "rand", "riyals", "rials",
            "dirhams", "shekels", "lira", "naira", "krona", "baht", "ringgit", "rupiah",
            "sterling", "dollars",
        ];
        let countries = [
            "zealand",
            "australian",
            "canadian",
            "kong",
            "singapore",
            "taiwan",
        ];
        let more = ["jamaican", "zimbabwean", "us"];
        let written = symbols
            .iter()
            .filter_map(|w| currency_symbol(w))
            .chain(prefixes.iter().filter_map(|w| dollar_prefix(w)))
            .chain(words.iter().filter_map(|w| currency_word(w)))
            .chain(
                countries
                    .iter()
                    .chain(&more)
                    .filter_map(|w| dollar_country(w)),
            )
            .chain(
                ["RMB", "Rs", "BDT", "KWD"]
                    .iter()
                    .filter_map(|w| currency_code(w)),
            );
        let mut n = 0;
        for code in written {
            assert!(is_currency_code(code), "{code}");
            n += 1;
        }
        assert!(n >= 40);
        assert_eq!(currency_code("BDT"), Some("BDT"));
        assert!(CURRENCY_CODES.iter().all(|c| currency_code(c) == Some(*c)));
    }

    #[test]
    fn singulars() {
        let cases = [
            ("universities", "university"),
            ("doses", "dose"),
            ("masks", "mask"),
            ("campuses", "campus"),
            ("buses", "bus"),
            ("houses", "house"),
            ("churches", "church"),
            ("boxes", "box"),
            ("classes", "class"),
            ("people", "person"),
            ("children", "child"),
            ("series", "series"),
            ("status", "status"),
        ];
        for (plural, want) in cases {
            assert_eq!(singular(plural), want, "{plural}");
        }
    }

    #[test]
    fn plurals() {
        for w in ["students", "people", "votes", "staff", "crew"] {
            assert!(looks_plural(w), "{w}");
        }
        for w in ["this", "news", "status", "was", "bus", "data", "Iran's"] {
            assert!(!looks_plural(&w.to_lowercase()), "{w}");
        }
    }
}
