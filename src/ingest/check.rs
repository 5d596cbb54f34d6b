//! The promises every `Extraction` keeps, whatever the input: spans lie on character
//! boundaries inside the body, sentences are in order and do not overlap, and every index
//! points at an existing sentence or entity. The store relies on them; the property tests
//! and the fuzz targets check them on hostile text.

use crate::model::{Extraction, Span};

/// Checks the promises of an extraction from `body`; the error says which record breaks
/// which promise.
pub fn check(body: &str, x: &Extraction) -> Result<(), String> {
    let span_ok = |what: &str, s: Span| -> Result<(), String> {
        if s.start > s.end || body.get(s.start..s.end).is_none() {
            return Err(format!(
                "{what} span {}..{} is not on character boundaries inside the body ({} bytes)",
                s.start,
                s.end,
                body.len()
            ));
        }
        Ok(())
    };
    let sentence_ok = |what: &str, i: usize| -> Result<(), String> {
        if i >= x.sentences.len() {
            return Err(format!(
                "{what} refers to sentence {i} of {}",
                x.sentences.len()
            ));
        }
        Ok(())
    };
    let entity_ok = |what: &str, i: usize| -> Result<(), String> {
        if i >= x.entities.len() {
            return Err(format!(
                "{what} refers to entity {i} of {}",
                x.entities.len()
            ));
        }
        Ok(())
    };
    for (i, s) in x.sentences.iter().enumerate() {
        span_ok("sentence", *s)?;
        let text = s.text(body);
        if text.is_empty() || text.trim() != text {
            return Err(format!("sentence {i} {text:?} is empty or not trimmed"));
        }
        if i > 0 && x.sentences[i - 1].end > s.start {
            return Err(format!(
                "sentence {i} overlaps or precedes sentence {}",
                i - 1
            ));
        }
    }
    for (i, e) in x.entities.iter().enumerate() {
        if e.name.trim().is_empty() {
            return Err(format!("entity {i} has an empty name"));
        }
    }
    for m in &x.mentions {
        span_ok("mention", m.span)?;
        sentence_ok("mention", m.sentence)?;
        entity_ok("mention", m.entity)?;
    }
    for r in &x.roles {
        entity_ok("role", r.entity)?;
    }
    for s in &x.statements {
        span_ok("statement", s.span)?;
        sentence_ok("statement", s.sentences.0)?;
        sentence_ok("statement", s.sentences.1)?;
        if s.sentences.0 > s.sentences.1 {
            return Err(format!(
                "statement sentences {:?} are reversed",
                s.sentences
            ));
        }
        if let Some(p) = s.speaker {
            entity_ok("statement speaker", p)?;
        }
    }
    for f in &x.figures {
        span_ok("figure", f.span)?;
        sentence_ok("figure", f.sentence)?;
        if !f.value.is_finite() {
            return Err(format!(
                "figure {:?} has value {}",
                f.span.text(body),
                f.value
            ));
        }
    }
    for d in &x.dates {
        span_ok("date", d.span)?;
        sentence_ok("date", d.sentence)?;
        if d.range.start > d.range.end {
            return Err(format!(
                "date {:?} ends before it starts",
                d.span.text(body)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::ingest::{extract, parse::parse_article, sentences};
    use crate::model::Article;

    /// Pieces that stress the extractors: quotation marks and brackets of every kind,
    /// digits, currencies and scales, speech verbs, capitalized words and titles, line
    /// ends, a byte-order mark, NUL, direction marks, combining marks and emoji.
    const PIECES: &[&str] = &[
        "\"",
        "“",
        "”",
        "'",
        "‘",
        "’",
        "«",
        "»",
        "(",
        ")",
        "[",
        "]",
        ". ",
        "! ",
        "? ",
        "...",
        ", ",
        ": ",
        " - ",
        "—",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "\u{feff}",
        "\0",
        "\u{200f}",
        "\u{202e}",
        "\u{200e}",
        "\u{301}",
        "e\u{301}",
        "\u{a0}",
        "😀",
        "🇮🇷",
        "0",
        "7",
        "2021",
        "1,500",
        "4.3",
        "1.55",
        "$",
        "£",
        "€",
        "%",
        "USD ",
        "million ",
        "billion ",
        "percent ",
        "dozens of ",
        "said ",
        "says ",
        "told ",
        "according to ",
        "added that ",
        "he ",
        "she ",
        "it ",
        "they ",
        "The ",
        "Mr. ",
        "Dr. ",
        "U.S. ",
        "President ",
        "former ",
        "Minister ",
        "John ",
        "Smith ",
        "Wang Yi ",
        "Iran ",
        "China ",
        "Ministry of Finance ",
        "Bank ",
        "in July ",
        "on Monday ",
        "last year ",
        "2021-08-28 ",
        "date 2021-08-28\n",
        "Jan. 5 ",
        "between ",
        "and ",
        "of ",
        "mid-",
        "1990s ",
        "Q3 ",
        "'s ",
        "A.",
        "J. ",
    ];

    /// Text made of stress pieces and arbitrary characters.
    fn hostile_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => proptest::sample::select(PIECES).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..160).prop_map(|v| v.concat())
    }

    fn article(body: &str) -> Article {
        Article {
            published: chrono::NaiveDate::from_ymd_opt(2021, 8, 28),
            title: String::new(),
            body: body.to_owned(),
        }
    }

    #[test]
    fn regression_no_break_space_inside_a_speaker_name() {
        // Found by the property tests: the speaker resolver cut a name inside the two-byte
        // no-break space and panicked.
        let body = "John\u{a0}Smith said the plan works well.";
        let x = extract(&article(body));
        assert_eq!(check(body, &x), Ok(()));
        assert_eq!(x.statements.len(), 1);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn parse_article_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            // Ok or a typed error, and an accepted article has a non-empty body.
            if let Ok(a) = parse_article(&bytes, None) {
                prop_assert!(!a.body.is_empty());
            }
        }

        #[test]
        fn parse_article_never_panics_on_text(text in hostile_text()) {
            if let Ok(a) = parse_article(text.as_bytes(), None) {
                prop_assert!(!a.body.is_empty());
                prop_assert!(!a.body.contains('\r'));
            }
        }

        #[test]
        fn sentences_are_ordered_trimmed_spans(text in hostile_text()) {
            let spans = sentences::split(&text);
            let x = Extraction { sentences: spans, ..Extraction::default() };
            if let Err(e) = check(&text, &x) {
                return Err(TestCaseError::fail(e));
            }
            // Every character but spaces lies in some sentence: nothing is dropped.
            for (i, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                let k = x.sentences.partition_point(|s| s.start <= i);
                prop_assert!(k > 0 && i < x.sentences[k - 1].end, "{c:?} at {i} is in no sentence");
            }
        }

        #[test]
        fn extraction_keeps_its_promises(text in hostile_text()) {
            let x = extract(&article(&text));
            if let Err(e) = check(&text, &x) {
                return Err(TestCaseError::fail(e));
            }
        }

        #[test]
        fn whole_pipeline_from_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(a) = parse_article(&bytes, None) {
                let x = extract(&a);
                if let Err(e) = check(&a.body, &x) {
                    return Err(TestCaseError::fail(e));
                }
            }
        }
    }
}
