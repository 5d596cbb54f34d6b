//! Splits an article body into sentences for news text: every line is at least its own
//! unit (headlines and subheadings never glue onto the next sentence), and within a line a
//! sentence ends at `.`, `!` or `?` (plus any closing quotes or brackets) followed by space
//! and a capital, digit or opening quote — except after abbreviations, initials and
//! dotted acronyms that continue the sentence. A run of text longer than
//! `MAX_SENTENCE_BYTES` without a sentence end (a table, a list without stops, garbage) is
//! cut at spaces into pieces no longer than that, so that the extractors, which look around
//! a word within its sentence, do bounded work per word.

use crate::model::Span;

/// Abbreviations that (almost) never end a sentence: titles and the like, lower case,
/// without the period.
const CONTINUING_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "gen", "col", "lt", "maj", "capt", "cpt",
    "sgt", "cmdr", "adm", "gov", "sen", "rep", "rev", "fr", "hon", "pres", "supt", "insp",
    "messrs", "mme", "no", "nos", "vs", "v", "e.g", "i.e", "cf", "approx", "est", "fig", "vol",
    "pp", "op", "ca", "al",
];

/// Abbreviations that continue the sentence only when a number follows ("Jan. 5", "No. 10").
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that, after a dotted acronym ("U.S."), show that a new sentence has begun.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "There",
    "However",
    "Meanwhile",
    "Also",
    "Some",
    "Many",
    "Most",
    "According",
];

/// The longest sentence kept whole. News sentences stay far below it (the longest in
/// the 2,225-article bulk corpus beside the repository is about 1,100 bytes).
pub const MAX_SENTENCE_BYTES: usize = 3000;

/// Splits `body` into trimmed, non-empty sentence spans in order.
pub fn split(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        split_line(body, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn split_line(body: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let bytes = body.as_bytes();
    let mut sent_start = start;
    let mut i = start;
    while i < end {
        let c = bytes[i];
        if c == b'.' || c == b'!' || c == b'?' {
            // Extend over runs of terminators ("?!", "...") and closing quotes/brackets.
            let mut j = i + 1;
            while j < end && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            j = skip_closers(body, j, end);
            if is_boundary(body, sent_start, i, j, end) {
                push_trimmed(body, sent_start, j, out);
                sent_start = j;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(body, sent_start, end, out);
}

/// Skips closing quotation marks and brackets that belong to the sentence just ended.
fn skip_closers(body: &str, mut j: usize, end: usize) -> usize {
    while j < end {
        let ch = body[j..].chars().next().expect("j is on a char boundary");
        if matches!(ch, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
            j += ch.len_utf8();
        } else {
            break;
        }
    }
    j
}

/// Decides whether the terminator at `term` (with closers up to `after`) ends a sentence.
fn is_boundary(body: &str, sent_start: usize, term: usize, after: usize, end: usize) -> bool {
    let rest = &body[after..end];
    // Must be followed by whitespace (or the end of the line).
    let trimmed = rest.trim_start();
    if trimmed.is_empty() {
        return true;
    }
    if rest.len() == trimmed.len() {
        return false; // "4.3", "U.S", "gov.uk"
    }
    let next = trimmed.chars().next().expect("non-empty");
    let next_word: &str = trimmed
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let starts_sentence = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '—' | '-');
    if !starts_sentence {
        return false;
    }
    if body.as_bytes()[term] != b'.' || after - term > 1 && body[term..after].starts_with("...") {
        // "!" and "?" always end a sentence before a capital; so does an ellipsis.
        return true;
    }
    if after - term > 1 && !body[term + 1..after].starts_with('.') {
        return true; // period followed by a closing quote: `... regard."  He`
    }
    let word = word_before(body, sent_start, term);
    let lower = word.to_lowercase();
    if CONTINUING_ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    if MONTH_ABBREVIATIONS.contains(&lower.as_str()) && next.is_ascii_digit() {
        return false;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    // A single capital initial ("J. Smith", "George W. Bush").
    if letters.len() == 1 && word.len() == letters[0].len_utf8() && letters[0].is_uppercase() {
        return false;
    }
    // A dotted acronym ("U.S.", "U.K."): a new sentence only if a typical starter follows.
    if word.contains('.') && letters.iter().all(|c| c.is_uppercase()) {
        return SENTENCE_STARTERS.contains(&next_word);
    }
    true
}

/// The whitespace-delimited word that ends at the terminator, without leading punctuation.
fn word_before(body: &str, sent_start: usize, term: usize) -> &str {
    let before = &body[sent_start..term];
    let start = before
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    before[start..].trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// Pushes the trimmed sentence `[start, end)`, cut into pieces of at most
/// `MAX_SENTENCE_BYTES` when longer: at the last space within the limit, or inside a word
/// (on a character boundary) when the limit holds no space.
fn push_trimmed(body: &str, mut start: usize, end: usize, out: &mut Vec<Span>) {
    while end - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !body.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = body[start..limit]
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(limit, |(p, _)| start + p)
            .max(start + 1);
        let cut = if body.is_char_boundary(cut) {
            cut
        } else {
            limit
        };
        push_piece(body, start, cut, out);
        start = cut;
    }
    push_piece(body, start, end, out);
}

fn push_piece(body: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &body[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if start + lead < end - trail {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        split(body).iter().map(|s| s.text(body)).collect()
    }

    #[test]
    fn news_sentence_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Mr. Smith went to Washington. He said so.",
                &["Mr. Smith went to Washington.", "He said so."],
            ),
            (
                "Dr. Jane Roe and Prof. Li met.",
                &["Dr. Jane Roe and Prof. Li met."],
            ),
            (
                "The U.S. Navy said it. The U.S. economy grew.",
                &["The U.S. Navy said it.", "The U.S. economy grew."],
            ),
            (
                "He lives in the U.S. The move was sudden.",
                &["He lives in the U.S.", "The move was sudden."],
            ),
            (
                "It rose 4.3 percent. Then it fell.",
                &["It rose 4.3 percent.", "Then it fell."],
            ),
            (
                "On Jan. 5 they met. On Feb. 10, 2021, they left.",
                &["On Jan. 5 they met.", "On Feb. 10, 2021, they left."],
            ),
            (
                "He was No. 1 in the world.",
                &["He was No. 1 in the world."],
            ),
            (
                "George W. Bush spoke. J. K. Rowling wrote.",
                &["George W. Bush spoke.", "J. K. Rowling wrote."],
            ),
            ("\"It is over.\" He left.", &["\"It is over.\"", "He left."]),
            (
                "\"Is it over?\" she asked. Nobody knew.",
                &["\"Is it over?\" she asked.", "Nobody knew."],
            ),
            (
                "He paused... Then he spoke.",
                &["He paused...", "Then he spoke."],
            ),
            (
                "He paused... and then spoke.",
                &["He paused... and then spoke."],
            ),
            (
                "Visit gov.uk today. Or not.",
                &["Visit gov.uk today.", "Or not."],
            ),
            (
                "Headline without stop\nBody sentence one. Body two.",
                &["Headline without stop", "Body sentence one.", "Body two."],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(texts(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn seed_quote_and_subheading() {
        let body = "Talented people can make a joint project, he said.\n\nGlobal pandemic needs global efforts\n\nThe COVID-19 outbreak starting from 2020 has witnessed mutual assistance.\n\n\"China and Iran always oppose some countries' behaviors that lead to unilateralism. The two countries have always helped each other.\" He added.";
        assert_eq!(
            texts(body),
            [
                "Talented people can make a joint project, he said.",
                "Global pandemic needs global efforts",
                "The COVID-19 outbreak starting from 2020 has witnessed mutual assistance.",
                "\"China and Iran always oppose some countries' behaviors that lead to unilateralism.",
                "The two countries have always helped each other.\"",
                "He added.",
            ]
        );
    }

    #[test]
    fn multibyte_whitespace_before_a_stop() {
        // A non-breaking space is two bytes: the word before the stop starts after it.
        assert_eq!(
            texts("Mr.\u{a0}Smith left.\u{a0}. 'Then'"),
            ["Mr.\u{a0}Smith left.\u{a0}.", "'Then'"]
        );
        assert_eq!(split("\u{a0}. '").len(), 2);
    }

    #[test]
    fn never_panics_on_awkward_text() {
        let text = "“Él dijo…” — U.S.\u{a0}No. 5?! 'Ok.'\u{2003}J. “Fin.”\n\u{a0}.\u{a0}Ñ";
        for (i, _) in text.char_indices() {
            for piece in [&text[..i], &text[i..]] {
                let spans = split(piece);
                assert!(
                    spans.iter().all(|s| piece.get(s.start..s.end).is_some()),
                    "{piece:?}"
                );
            }
        }
    }

    #[test]
    fn spans_are_trimmed_and_in_order() {
        let body = "  One.   Two!  \n\n Three?";
        let spans = split(body);
        assert_eq!(texts(body), ["One.", "Two!", "Three?"]);
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
