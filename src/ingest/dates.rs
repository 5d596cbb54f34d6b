//! Date and time expressions, normalized against the publication date.
//!
//! One regex finds the candidate expressions (full dates, month and year, bare months in a
//! date context, years in a year context, decades, quarters and relative expressions such
//! as "last week" or "on Monday"); the code then checks the context of the ambiguous ones
//! ("May" the verb, "March" in "Long March", "2000 students"), joins two expressions that
//! form an interval ("From April to July 2021") and resolves what is relative against the
//! publication date. Times of day are not dates and give no mention. Nothing here reads
//! files or the database.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::Doc;
use crate::model::{DateMention, DateRange, Granularity, Span};

/// Month names and abbreviations (capitalized: "may" in lower case is never the month).
const MONTH: &str = "January|February|March|April|May|June|July|August|September|October|\
November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
/// Full month names only: a bare abbreviation ("Jan") is too often a name.
const MONTH_FULL: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
const WEEKDAY: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const ORD: &str = "(?:st|nd|rd|th)?";

/// Every candidate date expression; the named group says which kind matched.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let small = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d{1,3}";
    let pat = format!(
        r"(?x)(?-u:\b)(?:
        (?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})
      | (?:(?:{wd}),?\s+)?(?:the\s+)?(?P<d1>\d{{1,2}}){ord}(?:(?:\s*[-–]\s*|\s+(?:to|and|through)\s+)(?P<d1b>\d{{1,2}}){ord})?\s+(?:of\s+)?(?P<m1>{mon})(?-u:\b)\.?(?:,?\s+(?P<y1>\d{{4}})(?-u:\b))?
      | (?:(?:{wd}),?\s+)?(?P<m2>{mon})\.?\s+(?P<d2>\d{{1,2}}){ord}(?-u:\b)(?:(?:\s*[-–]\s*|\s+(?:to|and|through)\s+)(?P<d2b>\d{{1,2}}){ord}(?-u:\b))?(?:,?\s+(?P<y2>\d{{4}})(?-u:\b))?
      | (?P<m3>{mon})\.?,?\s+(?P<y3>\d{{4}})
      | (?:(?i:early|late|mid)[\s-]+)?(?P<m4>{full})(?:\s+(?P<m4rel>last|this|next)\s+year)?
      | (?P<q>Q[1-4]|(?i:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)\s+(?:of\s+)?(?P<qy>\d{{4}})
      | (?P<dec>(?:1[89]|20)\d0s|'\d0s)
      | (?P<ys>\d{{4}})[-–/](?P<ye>\d{{2}})
      | (?P<era_n>\d{{1,4}})\s?(?P<era>BCE|BC|AD|CE|B\.C\.(?:E\.)?|A\.D\.)
      | (?P<ad>AD|A\.D\.)\s?(?P<ad_n>\d{{1,4}})
      | (?P<year>\d{{4}})
      | (?P<rel>(?i:yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))
      | (?P<season>(?i:spring|summer|autumn|fall|winter))\s+(?:of\s+)?(?P<sy>\d{{4}})
      | (?P<lnt>(?i:last|next|this|past|previous|coming))\s+(?P<lntu>(?i:week(?:end)?|month|year)|{full}|{wd})
      | (?P<et>(?i:earlier|later))\s+(?i:this)\s+(?P<etu>(?i:week|month|year))
      | (?P<agon>{small})\s+(?P<agou>(?i:hours?|days?|weeks?|months?|years?))\s+(?i:ago)
      | (?P<wd>{wd})s?
    )(?-u:\b)",
        wd = WEEKDAY,
        ord = ORD,
        mon = MONTH,
        full = MONTH_FULL,
        small = small,
    );
    // A date never runs across a line break: "Saturday, 26 February\n\n1400 ..." is a
    // dateline followed by a new paragraph.
    let pat = pat.replace(r"\s", r"[^\S\n]");
    Regex::new(&pat).expect("date regex is valid")
});

/// The rest of a clock-time range after its first number: "1130 to 1215 GMT".
static INTERVAL_CLOCK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^\S\n]*(?:to|-|–|and)[^\S\n]*\d{4}[^\S\n]+(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|PST|PT|hrs|hours|local)\b")
        .expect("clock regex is valid")
});

/// Words that show a sentence speaks of the future, so that "in July" or "on Monday" point
/// forward from the publication date.
static FUTURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:will|shall|'ll|(?:is|are|was|were)\s+(?:set\s+|due\s+|scheduled\s+|expected\s+|going\s+)?to\s+(?:be\s+)?(?:held|run|take|begin|start|open|launch|close|end|meet|vote|visit|go|come)|scheduled|upcoming|plans?\s+to|intends?\s+to)\b",
    )
    .expect("future regex is valid")
});

/// Words joining two date expressions into an interval.
static INTERVAL_JOIN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:to|through|thru|till|until|and|-|–|—)\s*$").expect("join regex is valid")
});

/// Nouns that a year may modify without being a count ("2000 levels", "the 2014 protests"
/// is singular anyway).
const YEAR_MODIFIED: &[&str] = &[
    "levels",
    "prices",
    "figures",
    "rates",
    "values",
    "standards",
    "data",
    "elections",
    "games",
    "olympics",
    "protests",
    "riots",
    "floods",
    "attacks",
    "talks",
    "finals",
    "championships",
    "polls",
    "results",
    "accounts",
    "sales",
    "earnings",
    "numbers",
];

/// Words after which a capitalized month name is the month ("in May", "from April").
const MONTH_CONTEXT: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "through",
    "during",
    "of",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "before",
    "after",
    "between",
    "and",
    "or",
    "end",
    "start",
    "beginning",
    "middle",
    "throughout",
    "around",
    "for",
    "each",
    "every",
];

/// A date expression before resolution: what the text says, possibly without a year.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Atom {
    Day {
        y: Option<i32>,
        m: u32,
        d: u32,
        d2: Option<u32>,
    },
    Month {
        y: Option<i32>,
        m: u32,
    },
    Year(i32),
    Decade(i32),
    Quarter(i32, u32),
    /// A bare weekday ("on Friday"): the nearest one before or after publication.
    Weekday(Weekday),
    Fixed(DateRange),
}

/// Finds the date expressions of an article, in body order. Relative expressions ("last
/// week", "in July") are resolved against `doc.published` and skipped when it is unknown.
pub fn extract(doc: &Doc) -> Vec<DateMention> {
    let body = doc.body;
    let mut atoms: Vec<(Span, Atom)> = Vec::new();
    for caps in DATE_RE.captures_iter(body) {
        let whole = caps.get(0).expect("group 0 always matches");
        if let Some(atom) = atom_of(&caps, body, whole.start(), whole.end(), doc.published) {
            atoms.push((Span::new(whole.start(), whole.end()), atom));
        }
    }
    let mut out = Vec::with_capacity(atoms.len());
    let mut i = 0;
    while i < atoms.len() {
        let (span, atom) = atoms[i];
        let sentence = doc.sentence_at(span.start);
        let future = is_future(doc, sentence, span);
        // An interval: "April to July 2021", "from 2004 to 2009", "between 1980 and 2012".
        if let Some(&(span2, atom2)) = atoms.get(i + 1) {
            let gap = &body[span.end..span2.start];
            let between = ends_with_word(&body[..span.start], "between");
            if INTERVAL_JOIN_RE.is_match(gap)
                && (gap.trim() != "and" || between)
                && doc.sentence_at(span2.start) == sentence
            {
                if let Some(range) =
                    resolve_interval(atom, atom2, doc.published, future).and_then(within_calendar)
                {
                    let mut start = span.start;
                    for lead in ["from", "between", "From", "Between"] {
                        if ends_with_word(&body[..start], lead) {
                            start = body[..start].trim_end().len() - lead.len();
                            break;
                        }
                    }
                    out.push(DateMention {
                        sentence,
                        span: Span::new(start, span2.end),
                        range,
                    });
                    i += 2;
                    continue;
                }
            }
        }
        if let Some(range) = resolve(atom, doc.published, future).and_then(within_calendar) {
            out.push(DateMention {
                sentence,
                span,
                range,
            });
        }
        i += 1;
    }
    out
}

/// The first and last days dates may have: four-digit years, as `YYYY-MM-DD` is stored and
/// queried ("next year" in an article dated 9999-12-31 would otherwise be `+10000-01-01`,
/// which sorts before every other date and no period can name).
const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => panic!("0001-01-01 is a date"),
};
const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("9999-12-31 is a date"),
};

/// `range` cut to the years 0001–9999; `None` when it starts outside them.
fn within_calendar(range: DateRange) -> Option<DateRange> {
    (FIRST_DAY..=LAST_DAY)
        .contains(&range.start)
        .then(|| DateRange {
            end: range.end.min(LAST_DAY),
            ..range
        })
}

/// The date range a sentence's own date expressions give, if any: the first date
/// expression of sentence `sentence` (an interval such as "From April to July 2021" is one
/// expression). `dates` must be in body order, as `extract` returns them.
///
/// A dateline glued to the sentence it heads ("Thursday, May 7, 2015 On Tuesday, the
/// government announced ...") is skipped in favour of the sentence's own date.
pub fn sentence_period(dates: &[DateMention], sentence: usize) -> Option<DateRange> {
    let from = dates.partition_point(|d| d.sentence < sentence);
    let mut own = dates[from..].iter().take_while(|d| d.sentence == sentence);
    let first = own.next()?;
    match own.next() {
        Some(second)
            if first.range.granularity == Granularity::Day
                && second.span.start >= first.span.end
                && second.span.start - first.span.end <= 4 =>
        {
            Some(second.range)
        }
        _ => Some(first.range),
    }
}

/// Whether the clause around `span` (between the nearest commas, semicolons or sentence
/// bounds) speaks of the future ("will", "is to be held", "scheduled").
fn is_future(doc: &Doc, sentence: usize, span: Span) -> bool {
    let Some(s) = doc.sentences.get(sentence) else {
        return false;
    };
    let stops: &[char] = &[',', ';', ':'];
    let start = doc.body[s.start..span.start.max(s.start)]
        .rfind(stops)
        .map_or(s.start, |i| s.start + i + 1);
    let end = doc.body[span.end.min(s.end)..s.end]
        .find(stops)
        .map_or(s.end, |i| span.end.min(s.end) + i);
    FUTURE_RE.is_match(&doc.body[start..end.max(start)])
}

/// Whether `before` ends with the word `word` (case-insensitive), ignoring trailing space.
fn ends_with_word(before: &str, word: &str) -> bool {
    let t = before.trim_end();
    if t.len() < word.len() || !t.is_char_boundary(t.len() - word.len()) {
        return false;
    }
    let (head, tail) = t.split_at(t.len() - word.len());
    tail.eq_ignore_ascii_case(word)
        && head
            .chars()
            .next_back()
            .map_or(true, |c| !c.is_alphanumeric())
}

/// The word before `pos` (letters only), lower case.
fn prev_word(body: &str, pos: usize) -> String {
    let t = body[..pos].trim_end_matches([' ', '-']);
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    t[start..].to_ascii_lowercase()
}

/// The word after `pos` (letters and apostrophes), as written, and whether only spaces
/// separate it from `pos`.
fn next_word(body: &str, pos: usize) -> (&str, bool) {
    let rest = &body[pos..];
    let t = rest.trim_start_matches(' ');
    let adjacent = t.len() + 1 >= rest.len();
    let end = t
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '\''))
        .map_or(t.len(), |(i, _)| i);
    (&t[..end], adjacent)
}

/// Whether a lower-case word is a full month name ("April" in "April-July").
fn is_month_name(w: &str) -> bool {
    MONTH_FULL.split('|').any(|m| m.eq_ignore_ascii_case(w))
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let key = lower.get(..3)?;
    let m = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday_of(name: &str) -> Option<Weekday> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn small_number(word: &str) -> Option<i64> {
    let w = word.to_ascii_lowercase();
    Some(match w.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return w.parse().ok(),
    })
}

fn num(caps: &Captures, name: &str) -> Option<u32> {
    caps.name(name).and_then(|m| m.as_str().parse().ok())
}

fn year(caps: &Captures, name: &str) -> Option<i32> {
    caps.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Whether a bare four-digit number at `start..end` reads as a year.
fn is_year_context(body: &str, start: usize, end: usize, y: i32) -> bool {
    if !(1000..=2100).contains(&y) {
        return false;
    }
    // A 24-hour clock time: "by 1200 GMT", "from 1130 to 1215 GMT".
    let (next, _) = next_word(body, end);
    if matches!(
        next,
        "GMT"
            | "BST"
            | "UTC"
            | "CET"
            | "CEST"
            | "EST"
            | "EDT"
            | "ET"
            | "PST"
            | "PT"
            | "hrs"
            | "hours"
            | "local"
            | "h"
    ) || INTERVAL_CLOCK_RE.is_match(&body[end..])
    {
        return false;
    }
    // Before 1800 a year needs a preposition: "from 1731", "in 1492".
    if y < 1800
        && !matches!(
            prev_word(body, start).as_str(),
            "in" | "since" | "from" | "until" | "by" | "of" | "circa" | "year" | "to" | "and"
        )
    {
        return false;
    }
    let before = body[..start].chars().next_back();
    let after = body[end..].chars().next();
    // Inside a name, a code or an amount: "STS-2000", "$2000", "2000.5", "1,2000".
    // A year range ("2013-2014") or "mid-1962" may glue a year to a hyphen.
    let head = &body[..start];
    let hyphen_ok = head.ends_with(" -")
        // Only the last four bytes: lower-casing all of `head` copied the body up to here
        // for every number, quadratic on long texts full of numbers.
        || head
            .len()
            .checked_sub(4)
            .is_some_and(|i| head.as_bytes()[i..].eq_ignore_ascii_case(b"mid-"))
        || ((head.ends_with('-') || head.ends_with('–'))
            && head
                .trim_end_matches(['-', '–'])
                .bytes()
                .rev()
                .take(4)
                .filter(u8::is_ascii_digit)
                .count()
                == 4);
    if matches!(
        before,
        Some('$' | '£' | '€' | '-' | '–' | '.' | ',' | '#' | '/')
    ) && !hyphen_ok
    {
        return false;
    }
    if matches!(after, Some('%' | '.' | ',' | '/'))
        && body[end + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    {
        return false;
    }
    if before.is_some_and(|c| c.is_alphanumeric()) || after.is_some_and(|c| c.is_alphanumeric()) {
        return false;
    }
    let prev = prev_word(body, start);
    // "number 2000", and counts: "the total reached 2000", "more than 1950".
    if matches!(
        prev.as_str(),
        "number"
            | "no"
            | "page"
            | "pages"
            | "route"
            | "flight"
            | "room"
            | "model"
            | "reached"
            | "reaching"
            | "reaches"
            | "totaled"
            | "totalled"
            | "totaling"
            | "totalling"
            | "numbered"
            | "than"
            | "nearly"
            | "almost"
            | "approximately"
            | "roughly"
    ) {
        return false;
    }
    let (next, adjacent) = next_word(body, end);
    if adjacent && !next.is_empty() {
        let lower = next.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "percent"
                | "per"
                | "million"
                | "billion"
                | "thousand"
                | "hundred"
                | "dollars"
                | "euros"
                | "pounds"
                | "yen"
                | "yuan"
                | "km"
                | "kg"
                | "m"
                | "ft"
        ) {
            return false;
        }
        let plural = lower.len() > 3
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && !lower.ends_with("is");
        if plural
            && next.chars().next().is_some_and(|c| c.is_lowercase())
            && !YEAR_MODIFIED.contains(&lower.as_str())
        {
            return false;
        }
    }
    true
}

/// Whether a bare month name at `start..end` is the month (not "may be", "Long March").
fn is_month_context(body: &str, start: usize, end: usize, name_start: usize) -> bool {
    // "early July", "mid-July": the qualifier already makes it a date.
    if name_start > start {
        return true;
    }
    let prev = prev_word(body, start);
    let (next, _) = next_word(body, end);
    let next_lower = next.to_ascii_lowercase();
    // "May" the verb after a capitalized word at sentence start ("Prices May Rise") is rare;
    // names ("Theresa May", "Long March") follow a capitalized word that is not a
    // preposition, which MONTH_CONTEXT excludes.
    if !MONTH_CONTEXT.contains(&prev.as_str()) && !is_month_name(&prev) {
        return false;
    }
    // "in May Day", "to March forward": the month is not followed by a verb-like word.
    !matches!(
        next_lower.as_str(),
        "be" | "have" | "not" | "also" | "day" | "well" | "on" | "forward" | "into"
    )
}

/// Turns one regex match into a date atom, checking the context of ambiguous forms.
fn atom_of(
    caps: &Captures,
    body: &str,
    start: usize,
    end: usize,
    published: Option<NaiveDate>,
) -> Option<Atom> {
    if let (Some(y), Some(m), Some(d)) = (year(caps, "iy"), num(caps, "im"), num(caps, "id")) {
        return Some(Atom::Day {
            y: Some(y),
            m,
            d,
            d2: None,
        });
    }
    for (mg, dg, d2g, yg) in [("m1", "d1", "d1b", "y1"), ("m2", "d2", "d2b", "y2")] {
        if let (Some(mname), Some(d)) = (caps.name(mg), num(caps, dg)) {
            let m = month_number(mname.as_str())?;
            let y = year(caps, yg).filter(|y| (1000..=2200).contains(y));
            // "May 5" alone with a non-month reading is rare; a day must be a day.
            if !(1..=31).contains(&d) {
                return None;
            }
            return Some(Atom::Day {
                y,
                m,
                d,
                d2: num(caps, d2g).filter(|&d2| d2 > d && d2 <= 31),
            });
        }
    }
    if let (Some(mname), Some(y)) = (caps.name("m3"), year(caps, "y3")) {
        if !(1000..=2200).contains(&y) {
            return None;
        }
        return Some(Atom::Month {
            y: Some(y),
            m: month_number(mname.as_str())?,
        });
    }
    if let Some(mname) = caps.name("m4") {
        if !is_month_context(body, start, end, mname.start()) {
            // "April to July 2021": a bare month opening an interval.
            let rest = body[end..].trim_start();
            let joins = ["to ", "through ", "- ", "– ", "and "]
                .iter()
                .any(|j| rest.starts_with(j));
            if !joins {
                return None;
            }
        }
        let y = match caps.name("m4rel").map(|r| r.as_str()) {
            Some(rel) => {
                let pubd = published?;
                Some(
                    pubd.year()
                        + if rel == "last" {
                            -1
                        } else if rel == "next" {
                            1
                        } else {
                            0
                        },
                )
            }
            None => None,
        };
        return Some(Atom::Month {
            y,
            m: month_number(mname.as_str())?,
        });
    }
    if let (Some(season), Some(y)) = (caps.name("season"), year(caps, "sy")) {
        // Northern-hemisphere seasons; winter runs from December into the next year.
        let (from, to) = match season.as_str().to_ascii_lowercase().as_str() {
            "spring" => ((y, 3), (y, 5)),
            "summer" => ((y, 6), (y, 8)),
            "winter" => ((y, 12), (y + 1, 2)),
            _ => ((y, 9), (y, 11)),
        };
        return Some(Atom::Fixed(DateRange {
            start: NaiveDate::from_ymd_opt(from.0, from.1, 1)?,
            end: last_day(to.0, to.1)?,
            granularity: Granularity::Interval,
        }));
    }
    if let (Some(q), Some(y)) = (caps.name("q"), year(caps, "qy")) {
        let q = q.as_str().to_ascii_lowercase();
        let n = match q.chars().find(|c| c.is_ascii_digit()) {
            Some(c) => c.to_digit(10)?,
            None if q.starts_with("first") => 1,
            None if q.starts_with("second") => 2,
            None if q.starts_with("third") => 3,
            None => 4,
        };
        return Some(Atom::Quarter(y, n));
    }
    if let Some(dec) = caps.name("dec") {
        let digits: String = dec
            .as_str()
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        let n: i32 = digits.parse().ok()?;
        let y = if n < 100 {
            if n >= 30 {
                1900 + n
            } else {
                2000 + n
            }
        } else {
            n
        };
        return Some(Atom::Decade(y));
    }
    if let (Some(a), Some(b)) = (year(caps, "ys"), year(caps, "ye")) {
        // "2003-04", "2015/16": a season or fiscal year spanning two years.
        let b = a - a % 100 + b;
        if b != a + 1 || !is_year_context(body, start, start + 4, a) {
            return None;
        }
        return Some(Atom::Fixed(DateRange {
            start: NaiveDate::from_ymd_opt(a, 1, 1)?,
            end: NaiveDate::from_ymd_opt(b, 12, 31)?,
            granularity: Granularity::Interval,
        }));
    }
    if let (Some(n), Some(era)) = (
        year(caps, "era_n").or(year(caps, "ad_n")),
        caps.name("era").or(caps.name("ad")),
    ) {
        // "49 BC", "AD 79": astronomical numbering puts 1 BC at year 0.
        let y = if era.as_str().starts_with('B') {
            1 - n
        } else {
            n
        };
        return year_range(y).map(Atom::Fixed);
    }
    if let Some(y) = caps.name("year") {
        let n: i32 = y.as_str().parse().ok()?;
        return is_year_context(body, start, end, n).then_some(Atom::Year(n));
    }
    let pubd = published?;
    if let Some(rel) = caps.name("rel") {
        let lower = rel.as_str().to_ascii_lowercase();
        let days = match lower.as_str() {
            "yesterday" => -1,
            _ if lower.starts_with("last") => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        return Some(Atom::Fixed(day(pubd + Duration::days(days))));
    }
    if let (Some(which), Some(unit)) = (caps.name("lnt"), caps.name("lntu")) {
        return relative_unit(&which.as_str().to_ascii_lowercase(), unit.as_str(), pubd)
            .map(Atom::Fixed);
    }
    if let Some(unit) = caps.name("etu") {
        return relative_unit("this", unit.as_str(), pubd).map(Atom::Fixed);
    }
    if let (Some(n), Some(unit)) = (caps.name("agon"), caps.name("agou")) {
        let n = small_number(n.as_str())?;
        let unit = unit.as_str().to_ascii_lowercase();
        let range = if unit.starts_with("hour") {
            day(pubd - Duration::days(n / 24))
        } else if unit.starts_with("day") {
            day(pubd - Duration::days(n))
        } else if unit.starts_with("week") {
            week_of(pubd - Duration::weeks(n))
        } else if unit.starts_with("month") {
            let (y, m) = add_months(pubd.year(), pubd.month(), -(n as i32));
            month_range(y, m)?
        } else {
            year_range(pubd.year() - n as i32)?
        };
        return Some(Atom::Fixed(range));
    }
    if caps.name("wd").is_some() {
        // A plural weekday ("on Mondays") is a habit, not a date.
        if body[..end].ends_with('s') {
            return None;
        }
        return Some(Atom::Weekday(weekday_of(caps.name("wd")?.as_str())?));
    }
    None
}

/// "last week", "next month", "this year", "last Monday", "next July".
fn relative_unit(which: &str, unit: &str, pubd: NaiveDate) -> Option<DateRange> {
    let step: i32 = match which {
        "last" | "past" | "previous" => -1,
        "next" | "coming" => 1,
        _ => 0,
    };
    let lower = unit.to_ascii_lowercase();
    if lower.starts_with("week") {
        return Some(week_of(pubd + Duration::weeks(step as i64)));
    }
    if lower == "month" {
        let (y, m) = add_months(pubd.year(), pubd.month(), step);
        return month_range(y, m);
    }
    if lower == "year" {
        return year_range(pubd.year() + step);
    }
    if let Some(w) = weekday_of(unit).filter(|_| unit.ends_with("day")) {
        let d = match step {
            -1 => previous_weekday(pubd - Duration::days(1), w),
            1 => next_weekday(pubd + Duration::days(1), w),
            _ => next_weekday(week_of(pubd).start, w),
        };
        return Some(day(d));
    }
    let m = month_number(unit)?;
    let (y, m) = match step {
        -1 => {
            if m < pubd.month() {
                (pubd.year(), m)
            } else {
                (pubd.year() - 1, m)
            }
        }
        1 => {
            if m > pubd.month() {
                (pubd.year(), m)
            } else {
                (pubd.year() + 1, m)
            }
        }
        _ => (pubd.year(), m),
    };
    month_range(y, m)
}

fn day(d: NaiveDate) -> DateRange {
    DateRange {
        start: d,
        end: d,
        granularity: Granularity::Day,
    }
}

/// The Monday-to-Sunday week containing `d`.
fn week_of(d: NaiveDate) -> DateRange {
    let start = d - Duration::days(d.weekday().num_days_from_monday() as i64);
    DateRange {
        start,
        end: start + Duration::days(6),
        granularity: Granularity::Week,
    }
}

fn previous_weekday(mut d: NaiveDate, w: Weekday) -> NaiveDate {
    while d.weekday() != w {
        d -= Duration::days(1);
    }
    d
}

fn next_weekday(mut d: NaiveDate, w: Weekday) -> NaiveDate {
    while d.weekday() != w {
        d += Duration::days(1);
    }
    d
}

fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + m as i32 - 1 + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = add_months(y, m, 1);
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

fn month_range(y: i32, m: u32) -> Option<DateRange> {
    Some(DateRange {
        start: NaiveDate::from_ymd_opt(y, m, 1)?,
        end: last_day(y, m)?,
        granularity: Granularity::Month,
    })
}

fn year_range(y: i32) -> Option<DateRange> {
    Some(DateRange {
        start: NaiveDate::from_ymd_opt(y, 1, 1)?,
        end: NaiveDate::from_ymd_opt(y, 12, 31)?,
        granularity: Granularity::Year,
    })
}

/// Picks the year of a month (and day) the text gives without one: the most recent
/// occurrence not after the publication date, or the next one in a sentence about the
/// future. A day without a year may lie up to 90 days ahead even in past context (news
/// often announces dates without saying "will").
fn pick_year(m: u32, d: Option<u32>, pubd: NaiveDate, future: bool) -> i32 {
    let y = pubd.year();
    match d {
        Some(d) => {
            let at = |y: i32| NaiveDate::from_ymd_opt(y, m, d.clamp(1, 28));
            let this = at(y).unwrap_or(pubd);
            if future {
                if this + Duration::days(14) >= pubd {
                    y
                } else {
                    y + 1
                }
            } else if this <= pubd + Duration::days(90) {
                y
            } else {
                y - 1
            }
        }
        None => {
            if future {
                if m >= pubd.month() {
                    y
                } else {
                    y + 1
                }
            } else if m <= pubd.month() {
                y
            } else {
                y - 1
            }
        }
    }
}

/// Resolves one atom to a date range; `None` when it needs a publication date that is
/// unknown or names an impossible date.
fn resolve(atom: Atom, published: Option<NaiveDate>, future: bool) -> Option<DateRange> {
    match atom {
        Atom::Weekday(w) => {
            let pubd = published?;
            let d = if future {
                next_weekday(pubd, w)
            } else {
                previous_weekday(pubd, w)
            };
            Some(day(d))
        }
        Atom::Day { y, m, d, d2 } => {
            let y = match y {
                Some(y) => y,
                None => pick_year(m, Some(d), published?, future),
            };
            let start = NaiveDate::from_ymd_opt(y, m, d)?;
            match d2 {
                Some(d2) => Some(DateRange {
                    start,
                    end: NaiveDate::from_ymd_opt(y, m, d2)?,
                    granularity: Granularity::Interval,
                }),
                None => Some(day(start)),
            }
        }
        Atom::Month { y, m } => {
            let y = match y {
                Some(y) => y,
                None => pick_year(m, None, published?, future),
            };
            month_range(y, m)
        }
        Atom::Year(y) => year_range(y),
        Atom::Decade(y) => Some(DateRange {
            start: NaiveDate::from_ymd_opt(y, 1, 1)?,
            end: NaiveDate::from_ymd_opt(y + 9, 12, 31)?,
            granularity: Granularity::Decade,
        }),
        Atom::Quarter(y, q) => Some(DateRange {
            start: NaiveDate::from_ymd_opt(y, 3 * q - 2, 1)?,
            end: last_day(y, 3 * q)?,
            granularity: Granularity::Quarter,
        }),
        Atom::Fixed(r) => Some(r),
    }
}

/// Resolves "A to B": a missing year on one end comes from the other, and the end never
/// lies before the start.
fn resolve_interval(
    a: Atom,
    b: Atom,
    published: Option<NaiveDate>,
    future: bool,
) -> Option<DateRange> {
    let year_of = |x: Atom| match x {
        Atom::Day { y, .. } => y,
        Atom::Month { y, .. } => y,
        _ => None,
    };
    let with_year = |x: Atom, y: i32| match x {
        Atom::Day { m, d, d2, .. } => Atom::Day {
            y: Some(y),
            m,
            d,
            d2,
        },
        Atom::Month { m, .. } => Atom::Month { y: Some(y), m },
        other => other,
    };
    let month_of = |x: Atom| match x {
        Atom::Day { m, .. } | Atom::Month { m, .. } => m,
        _ => 0,
    };
    let dated = |x: Atom| matches!(x, Atom::Day { .. } | Atom::Month { .. });
    let (a, b) = match (a, b) {
        (Atom::Year(_), Atom::Year(_)) | (Atom::Decade(_), Atom::Decade(_)) => (a, b),
        (Atom::Fixed(_), _) | (_, Atom::Fixed(_)) => return None,
        _ if dated(a) && dated(b) => match (year_of(a), year_of(b)) {
            (None, Some(yb)) => {
                let ya = if month_of(a) > month_of(b) {
                    yb - 1
                } else {
                    yb
                };
                (with_year(a, ya), b)
            }
            (Some(ya), None) => {
                let yb = if month_of(b) < month_of(a) {
                    ya + 1
                } else {
                    ya
                };
                (a, with_year(b, yb))
            }
            (None, None) => {
                let ra = resolve(a, published, future)?;
                let ya = ra.start.year();
                let yb = if month_of(b) < month_of(a) {
                    ya + 1
                } else {
                    ya
                };
                (with_year(a, ya), with_year(b, yb))
            }
            _ => (a, b),
        },
        _ => return None,
    };
    let ra = resolve(a, published, future)?;
    let rb = resolve(b, published, future)?;
    (rb.end >= ra.start).then_some(DateRange {
        start: ra.start,
        end: rb.end,
        granularity: Granularity::Interval,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sentences;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn dates_past_year_9999_are_dropped_or_cut() {
        let last = Some(ymd(9999, 12, 31));
        assert!(run_with("The plan starts next year.", last).is_empty());
        assert!(run_with("It opens next month.", last).is_empty());
        // A period that starts inside the calendar keeps its start and ends at its edge.
        let found = run_with("Prices rose from 2020 to next year.", last);
        assert!(found.iter().all(|(_, _, end, _)| *end <= ymd(9999, 12, 31)));
        assert!(!run_with("It was built last year.", last).is_empty());
    }

    fn run_with(
        text: &str,
        published: Option<NaiveDate>,
    ) -> Vec<(String, NaiveDate, NaiveDate, Granularity)> {
        let sentences = sentences::split(text);
        let doc = Doc {
            body: text,
            published,
            sentences: &sentences,
        };
        extract(&doc)
            .into_iter()
            .map(|d| {
                (
                    d.span.text(text).to_string(),
                    d.range.start,
                    d.range.end,
                    d.range.granularity,
                )
            })
            .collect()
    }

    /// Published on Saturday 2021-08-28.
    fn run(text: &str) -> Vec<(String, NaiveDate, NaiveDate, Granularity)> {
        run_with(text, Some(ymd(2021, 8, 28)))
    }

    #[test]
    fn clock_times_and_line_breaks_are_not_years() {
        assert!(run("Shares rose 4% by 1200 GMT on Monday.")
            .iter()
            .all(|d| d.0 != "1200"));
        assert!(run("It airs from 1130 to 1215 GMT.").is_empty());
        let dateline = run("Saturday, 26 February\n\n1400 people came.");
        assert_eq!(dateline.len(), 1, "{dateline:?}");
        assert_eq!(dateline[0].0, "Saturday, 26 February");
        // A real year after "in" still counts.
        assert_eq!(
            run("It was set up in 1337 by the king.")[0].1,
            ymd(1337, 1, 1)
        );
    }

    #[test]
    fn normalizes_against_the_publication_date() {
        use Granularity::*;
        let cases: &[(&str, &str, NaiveDate, NaiveDate, Granularity)] = &[
            (
                "It happened on August 17, 2021.",
                "August 17, 2021",
                ymd(2021, 8, 17),
                ymd(2021, 8, 17),
                Day,
            ),
            (
                "It happened on 17 Aug 2021.",
                "17 Aug 2021",
                ymd(2021, 8, 17),
                ymd(2021, 8, 17),
                Day,
            ),
            (
                "It happened on 2021-08-17.",
                "2021-08-17",
                ymd(2021, 8, 17),
                ymd(2021, 8, 17),
                Day,
            ),
            (
                "Monday, May 18, 2015 Boats sank.",
                "Monday, May 18, 2015",
                ymd(2015, 5, 18),
                ymd(2015, 5, 18),
                Day,
            ),
            (
                "From April to July 2021, exports grew.",
                "From April to July 2021",
                ymd(2021, 4, 1),
                ymd(2021, 7, 31),
                Interval,
            ),
            (
                "Taxes from 2004 to 2009 are due.",
                "from 2004 to 2009",
                ymd(2004, 1, 1),
                ymd(2009, 12, 31),
                Interval,
            ),
            (
                "It runs from January 23 through March 9.",
                "from January 23 through March 9",
                ymd(2021, 1, 23),
                ymd(2021, 3, 9),
                Interval,
            ),
            (
                "They met in July.",
                "July",
                ymd(2021, 7, 1),
                ymd(2021, 7, 31),
                Month,
            ),
            (
                "They met in October.",
                "October",
                ymd(2020, 10, 1),
                ymd(2020, 10, 31),
                Month,
            ),
            (
                "The vote will be held in October.",
                "October",
                ymd(2021, 10, 1),
                ymd(2021, 10, 31),
                Month,
            ),
            (
                "They met last week.",
                "last week",
                ymd(2021, 8, 16),
                ymd(2021, 8, 22),
                Week,
            ),
            (
                "They met on Monday.",
                "Monday",
                ymd(2021, 8, 23),
                ymd(2021, 8, 23),
                Day,
            ),
            (
                "They will meet on Monday.",
                "Monday",
                ymd(2021, 8, 30),
                ymd(2021, 8, 30),
                Day,
            ),
            (
                "He left yesterday.",
                "yesterday",
                ymd(2021, 8, 27),
                ymd(2021, 8, 27),
                Day,
            ),
            (
                "It began in 2020.",
                "2020",
                ymd(2020, 1, 1),
                ymd(2020, 12, 31),
                Year,
            ),
            (
                "It was popular in the 1990s.",
                "1990s",
                ymd(1990, 1, 1),
                ymd(1999, 12, 31),
                Decade,
            ),
            (
                "Sales peaked in July 2021.",
                "July 2021",
                ymd(2021, 7, 1),
                ymd(2021, 7, 31),
                Month,
            ),
            (
                "Sales fell last year.",
                "last year",
                ymd(2020, 1, 1),
                ymd(2020, 12, 31),
                Year,
            ),
            (
                "Sales fell last month.",
                "last month",
                ymd(2021, 7, 1),
                ymd(2021, 7, 31),
                Month,
            ),
            (
                "It fell three days ago.",
                "three days ago",
                ymd(2021, 8, 25),
                ymd(2021, 8, 25),
                Day,
            ),
            (
                "Profits rose in the first quarter of 2021.",
                "first quarter of 2021",
                ymd(2021, 1, 1),
                ymd(2021, 3, 31),
                Quarter,
            ),
            (
                "It opened in May.",
                "May",
                ymd(2021, 5, 1),
                ymd(2021, 5, 31),
                Month,
            ),
            (
                "Talks were held on 5-7 May 2021.",
                "5-7 May 2021",
                ymd(2021, 5, 5),
                ymd(2021, 5, 7),
                Interval,
            ),
            (
                "Output fell 10% of 2000 levels.",
                "2000",
                ymd(2000, 1, 1),
                ymd(2000, 12, 31),
                Year,
            ),
        ];
        for (text, span, start, end, gran) in cases {
            let got = run(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            let (s, a, b, g) = &got[0];
            assert_eq!(
                (s.as_str(), *a, *b, *g),
                (*span, *start, *end, *gran),
                "{text}"
            );
        }
    }

    #[test]
    fn ambiguous_words_are_not_dates() {
        let cases = [
            "Prices may be higher and it May Be Late.",
            "The Long March shaped the party.",
            "Jan said she would come.",
            "There are 3000 students and 2000 students more.",
            "The polls closed at 22:30.",
            "Theresa May spoke to reporters.",
            "Protesters march on Mondays.",
            "The 747 carried 400 people.",
            "The number of students reached 2000.",
        ];
        for text in cases {
            assert!(run(text).is_empty(), "{text}: {:?}", run(text));
        }
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        let got = run_with("He left yesterday, on August 17, 2021, in July.", None);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "August 17, 2021");
    }

    #[test]
    fn sentence_period_takes_the_sentence_date() {
        let text = "Nothing here. From April to July 2021, exports grew. In 2020 too.";
        let sentences = sentences::split(text);
        let doc = Doc {
            body: text,
            published: Some(ymd(2021, 8, 28)),
            sentences: &sentences,
        };
        let dates = extract(&doc);
        assert_eq!(sentence_period(&dates, 0), None);
        let p = sentence_period(&dates, 1).expect("a period");
        assert_eq!((p.start, p.end), (ymd(2021, 4, 1), ymd(2021, 7, 31)));
        assert_eq!(
            sentence_period(&dates, 2).map(|p| p.granularity),
            Some(Granularity::Year)
        );

        let text =
            "Headline here\n\nThursday, May 7, 2015 On Tuesday, the government announced it.";
        let sentences = sentences::split(text);
        let doc = Doc {
            body: text,
            published: Some(ymd(2015, 5, 7)),
            sentences: &sentences,
        };
        let dates = extract(&doc);
        let s = dates.last().expect("two dates").sentence;
        let p = sentence_period(&dates, s).expect("a period");
        assert_eq!(p.start, ymd(2015, 5, 5));
    }
}
