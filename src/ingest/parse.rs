//! Turns the raw bytes of one article file into an `Article`: checks the encoding, reads the
//! `date YYYY-MM-DD` header, and finds the title. Knows nothing about extraction or storage.

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use crate::model::Article;

/// Why a file is not an article we can import.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("file is empty")]
    Empty,
    #[error("file looks binary (it contains NUL bytes)")]
    Binary,
    #[error("file is not valid UTF-8 (invalid byte at offset {0})")]
    NotUtf8(usize),
    #[error("malformed date header {0:?}: expected `date YYYY-MM-DD` with a real calendar date")]
    BadDate(String),
    #[error("article has a date header but no text")]
    NoText,
}

/// An article and, when its date header was almost right (`date: 2021-02-03`,
/// `Date 2021-02-03`), that header as written, so that the caller can warn about it.
#[derive(Debug, PartialEq, Eq)]
pub struct Parsed {
    pub article: Article,
    pub near_miss_header: Option<String>,
}

/// Parses an article file. `fallback_date` is used when the file has no date header.
pub fn parse_article(
    bytes: &[u8],
    fallback_date: Option<NaiveDate>,
) -> Result<Article, ParseError> {
    parse_article_noting(bytes, fallback_date).map(|p| p.article)
}

/// Parses an article file as [`parse_article`] does, and says whether its date header was
/// only almost right.
pub fn parse_article_noting(
    bytes: &[u8],
    fallback_date: Option<NaiveDate>,
) -> Result<Parsed, ParseError> {
    if bytes.contains(&0) {
        return Err(ParseError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8(e.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let mut near_miss_header = None;
    let (published, rest) = match split_date_header(text)? {
        Some((date, rest)) => (Some(date), rest),
        None => match split_near_miss_header(text)? {
            Some((date, header, rest)) => {
                near_miss_header = Some(header.to_owned());
                (Some(date), rest)
            }
            None => (fallback_date, text),
        },
    };
    let body = normalize_body(rest);
    if body.is_empty() {
        return Err(ParseError::NoText);
    }
    let title = first_paragraph(&body);
    Ok(Parsed {
        article: Article {
            published,
            title,
            body,
        },
        near_miss_header,
    })
}

/// Reads a leading `date YYYY-MM-DD` (after optional whitespace). Returns `None` when the
/// text does not start with a date header, and an error when it starts with one that is
/// not a real date (`date 2021-13-45`).
pub fn split_date_header(text: &str) -> Result<Option<(NaiveDate, &str)>, ParseError> {
    let trimmed = text.trim_start();
    let Some(after) = trimmed.strip_prefix("date") else {
        return Ok(None);
    };
    if !after.starts_with([' ', '\t']) {
        return Ok(None);
    }
    let after = after.trim_start_matches([' ', '\t']);
    let token_end = after.find(char::is_whitespace).unwrap_or(after.len());
    let token = &after[..token_end];
    // A first word "date" followed by ordinary prose is text, not a broken header.
    if !token.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    let date = parse_iso_date(token).ok_or_else(|| ParseError::BadDate(format!("date {token}")))?;
    Ok(Some((date, &after[token_end..])))
}

/// Reads a leading header that is almost `date YYYY-MM-DD`: "date" in any case, then a
/// colon or whitespace, then an ISO date (`date: 2021-02-03`, `Date 2021-02-03`,
/// `DATE:2021-02-03`). Returns the date, the header as written and the rest. A token of
/// the shape `NNNN-NN-NN` that is no real date is an error, as in an exact header; any
/// other text after the word is prose, not a header.
fn split_near_miss_header(text: &str) -> Result<Option<(NaiveDate, &str, &str)>, ParseError> {
    let trimmed = text.trim_start();
    let Some(word) = trimmed.get(..4).filter(|w| w.eq_ignore_ascii_case("date")) else {
        return Ok(None);
    };
    let after_word = &trimmed[word.len()..];
    let spaced = after_word.trim_start_matches([' ', '\t']);
    let after = match spaced.strip_prefix(':') {
        Some(colon) => colon.trim_start_matches([' ', '\t']),
        None if spaced.len() < after_word.len() => spaced,
        None => return Ok(None),
    };
    let token_end = after.find(char::is_whitespace).unwrap_or(after.len());
    let token = &after[..token_end];
    let iso_shaped = token.len() == 10
        && token.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !iso_shaped {
        return Ok(None);
    }
    let header = &trimmed[..trimmed.len() - after.len() + token_end];
    let date = parse_iso_date(token).ok_or_else(|| ParseError::BadDate(header.to_owned()))?;
    Ok(Some((date, header, &after[token_end..])))
}

/// Parses exactly `YYYY-MM-DD` into a calendar date (years 0001 to 9999: there is no year 0).
pub fn parse_iso_date(token: &str) -> Option<NaiveDate> {
    let b = token.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(token, "%Y-%m-%d")
        .ok()
        .filter(|d| d.year() >= 1)
}

/// Normalizes line endings and trims the text around the article.
fn normalize_body(rest: &str) -> String {
    let body = if rest.contains('\r') {
        rest.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        rest.to_owned()
    };
    body.trim().to_owned()
}

/// The first paragraph (up to the first line break), whitespace collapsed.
fn first_paragraph(body: &str) -> String {
    let line = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn date_header_cases() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            (
                "date 2021-08-28\nHeadline\n\nBody.",
                Some("2021-08-28"),
                "Headline",
            ),
            (
                " date 2021-08-28 Hosseinali Darvishi Motevalli, Consul General.",
                Some("2021-08-28"),
                "Hosseinali Darvishi Motevalli, Consul General.",
            ),
            (
                "\n\ndate\t2015-05-18\r\nOver 900 asylum seekers\r\n",
                Some("2015-05-18"),
                "Over 900 asylum seekers",
            ),
            ("No header here.\nSecond line.", None, "No header here."),
            (
                "date night is popular, a survey says.",
                None,
                "date night is popular, a survey says.",
            ),
            ("dated 2020-01-01 text", None, "dated 2020-01-01 text"),
        ];
        for (input, date, title) in cases {
            let a = parse_article(input.as_bytes(), None).unwrap();
            assert_eq!(a.published, date.map(d), "{input:?}");
            assert_eq!(&a.title, title, "{input:?}");
        }
    }

    #[test]
    fn near_miss_headers_are_read_and_noted() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "date: 2021-02-03\nHeadline\n\nBody.",
                "date: 2021-02-03",
                "Headline",
            ),
            ("Date 2021-02-03\nHeadline", "Date 2021-02-03", "Headline"),
            ("  DATE:2021-02-03 Headline", "DATE:2021-02-03", "Headline"),
            (
                "Date : 2021-02-03\r\nHeadline",
                "Date : 2021-02-03",
                "Headline",
            ),
        ];
        for (input, header, title) in cases {
            let p = parse_article_noting(input.as_bytes(), None).unwrap();
            assert_eq!(p.article.published, Some(d("2021-02-03")), "{input:?}");
            assert_eq!(p.near_miss_header.as_deref(), Some(*header), "{input:?}");
            assert_eq!(&p.article.title, title, "{input:?}");
        }
        // An exact header is not noted.
        let exact = parse_article_noting(b"date 2021-02-03 Headline", None).unwrap();
        assert_eq!(exact.near_miss_header, None);
        // Prose that starts with the word stays text.
        for input in [
            "Date night is back, a survey says.",
            "Dates: 12 May and 3 June.",
            "Date: to be announced.",
            "Date 3 of the tour was cancelled.",
        ] {
            let p = parse_article_noting(input.as_bytes(), None).unwrap();
            assert_eq!(p.article.published, None, "{input:?}");
            assert_eq!(p.near_miss_header, None, "{input:?}");
            assert_eq!(p.article.title, input, "{input:?}");
        }
        // A near miss with no real date is an error, as an exact header is.
        assert_eq!(
            parse_article(b"Date: 2021-02-30\nText", None),
            Err(ParseError::BadDate("Date: 2021-02-30".into()))
        );
    }

    #[test]
    fn malformed_dates_are_errors() {
        for input in [
            "date 2021-13-45\nText",
            "date 2021-02-30 Text",
            "date 2021-8-28\nText",
            "date 20210828 x",
        ] {
            assert!(
                matches!(
                    parse_article(input.as_bytes(), None),
                    Err(ParseError::BadDate(_))
                ),
                "{input}"
            );
        }
    }

    #[test]
    fn fallback_date_applies_only_without_header() {
        let fb = Some(d("2020-01-01"));
        assert_eq!(parse_article(b"Text only.", fb).unwrap().published, fb);
        assert_eq!(
            parse_article(b"date 2021-08-28 Text.", fb)
                .unwrap()
                .published,
            Some(d("2021-08-28"))
        );
    }

    #[test]
    fn bad_bytes() {
        assert_eq!(parse_article(b"", None), Err(ParseError::Empty));
        assert_eq!(parse_article(b"  \n\t\n", None), Err(ParseError::Empty));
        assert_eq!(parse_article(b"abc\0def", None), Err(ParseError::Binary));
        assert_eq!(
            parse_article(b"caf\xe9 au lait", None),
            Err(ParseError::NotUtf8(3))
        );
        assert_eq!(
            parse_article(b"date 2021-08-28\n\n", None),
            Err(ParseError::NoText)
        );
    }
}
