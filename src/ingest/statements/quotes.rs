//! Quotation spans: double quotation marks (straight or curly) paired within a paragraph.
//!
//! Marks are paired in order inside each line, whatever their direction, because writers
//! mix them up (`decision.“` closing a quote). A paragraph with an odd number of marks has
//! a last quotation that runs on to the end of the paragraph (continuation style). Two
//! apostrophes in a row (`''Yes,'' she said`, the style of some newspaper archives) are one
//! double mark. Single quotation marks are left alone: they are mostly apostrophes, nested
//! quotes or titles.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use crate::model::Span;

/// One quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the closing mark (or the paragraph end when unclosed).
    pub end: usize,
    /// The quoted words, without marks and surrounding whitespace.
    pub inner: Span,
    /// Whether a closing mark was found in the paragraph.
    pub closed: bool,
    /// Whether the opening mark starts its paragraph.
    pub paragraph_start: bool,
}

/// The length in bytes of the double quotation mark at the start of `text`, if any.
fn mark_len(text: &str) -> Option<usize> {
    if text.starts_with("''") {
        return Some(2);
    }
    let c = text.chars().next()?;
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»').then(|| c.len_utf8())
}

/// Records the quotation opened at `open` whose content ends at `content_end`: closed by a
/// mark ending at `closed_at`, or left open (it then ends with its content).
fn push_quote(
    body: &str,
    out: &mut Vec<Quote>,
    open: usize,
    content_end: usize,
    closed_at: Option<usize>,
    para_first: usize,
) {
    let inner = trim(
        body,
        open + mark_len(&body[open..]).unwrap_or(1),
        content_end,
    );
    if inner.start < inner.end {
        out.push(Quote {
            open,
            end: closed_at.unwrap_or(inner.end),
            inner,
            closed: closed_at.is_some(),
            paragraph_start: open == para_first,
        });
    }
}

/// Finds the quotations of `body` in order.
pub(super) fn find_quotes(body: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let line_end = line_start + line.trim_end().len();
        let para_first = line_start + (line.len() - line.trim_start().len());
        let mut open: Option<usize> = None;
        // The end of the last mark, so that the second apostrophe of `''` is not a mark.
        let mut after_mark = 0;
        for (off, _) in line.char_indices() {
            if off < after_mark {
                continue;
            }
            let Some(len) = mark_len(&line[off..]) else {
                continue;
            };
            after_mark = off + len;
            let pos = line_start + off;
            let prev = line[..off].chars().next_back();
            let next = line[off + len..].chars().next();
            let opening_shaped =
                prev.map_or(true, char::is_whitespace) && next.is_some_and(|n| !n.is_whitespace());
            match open {
                None => open = Some(pos),
                // Continuation inside one line: `... war. "And I am sure ..."`: the open
                // quotation ended at a sentence end without a closing mark.
                Some(o) if opening_shaped && body[o..pos].trim_end().ends_with(['.', '!', '?']) => {
                    push_quote(body, &mut out, o, pos, None, para_first);
                    open = Some(pos);
                }
                Some(o) => {
                    push_quote(body, &mut out, o, pos, Some(pos + len), para_first);
                    open = None;
                }
            }
        }
        if let Some(o) = open {
            push_quote(body, &mut out, o, line_end, None, para_first);
        }
        line_start += line.len();
    }
    out
}

/// Indices of the quotations that overlap the byte range `[from, to)`. `find_quotes` returns
/// quotations in order and disjoint (each ends before the next opens), so both their opening
/// and end offsets increase and two binary searches find them; the extractor asks this for
/// every cue and statement, and a scan of all quotations each time made articles with many
/// quotation marks take quadratic time.
pub(super) fn overlapping(quotes: &[Quote], from: usize, to: usize) -> Range<usize> {
    let lo = quotes.partition_point(|q| q.end <= from);
    let hi = quotes.partition_point(|q| q.open < to).max(lo);
    lo..hi
}

/// Content spans already claimed by statements, answering "does a claimed span contain
/// this one?" in logarithmic time when the questions come in text order (as they do in
/// each pass of the extractor); out-of-order questions fall back to a scan.
#[derive(Debug, Default)]
pub(super) struct Claims {
    all: Vec<Span>,
    /// Claims starting after the last question, by start: not yet in `frontier`.
    pending: BinaryHeap<Reverse<(usize, usize)>>,
    /// The furthest end of the claims starting at or before the last question.
    frontier: Option<usize>,
    last_query: usize,
}

impl Claims {
    pub(super) fn push(&mut self, span: Span) {
        self.all.push(span);
        if span.start <= self.last_query {
            self.frontier = self.frontier.max(Some(span.end));
        } else {
            self.pending.push(Reverse((span.start, span.end)));
        }
    }

    /// Whether some claimed span contains `span`.
    pub(super) fn cover(&mut self, span: Span) -> bool {
        if span.start < self.last_query {
            return self.all.iter().any(|c| c.contains(span));
        }
        self.last_query = span.start;
        while let Some(&Reverse((start, end))) = self.pending.peek() {
            if start > span.start {
                break;
            }
            self.pending.pop();
            self.frontier = self.frontier.max(Some(end));
        }
        self.frontier.is_some_and(|end| end >= span.end)
    }

    /// Starts a new pass over the text from its beginning.
    pub(super) fn rewind(&mut self) {
        self.pending = self.all.iter().map(|c| Reverse((c.start, c.end))).collect();
        self.frontier = None;
        self.last_query = 0;
    }
}

fn trim(body: &str, start: usize, end: usize) -> Span {
    if start >= end {
        return Span::new(start, start);
    }
    let text = &body[start..end];
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    Span::new(start + lead, start + lead + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inners(body: &str) -> Vec<(&str, bool)> {
        find_quotes(body)
            .iter()
            .map(|q| (q.inner.text(body), q.closed))
            .collect()
    }

    #[test]
    fn pairs_marks_per_paragraph() {
        let cases: &[(&str, &[(&str, bool)])] = &[
            (
                "\"We are ready,\" he said, \"to help.\"",
                &[("We are ready,", true), ("to help.", true)],
            ),
            ("He said “it is over” today.", &[("it is over", true)]),
            // Two apostrophes are one double mark; one apostrophe is no mark.
            (
                "''We're ready,'' he said, ''to help.''",
                &[("We're ready,", true), ("to help.", true)],
            ),
            // A wrongly turned closing mark still closes.
            ("“It ends here.“ Then more.", &[("It ends here.", true)]),
            // Continuation style: the quote runs to the paragraph end.
            (
                "\"First paragraph runs on.\n\n\"Second one closes.\"",
                &[
                    ("First paragraph runs on.", false),
                    ("Second one closes.", true),
                ],
            ),
            // A new paragraph's opening mark inside one line ends the open quotation.
            (
                "He said: \"It was hard. \"And I am sure it will pass.\" Then he left.",
                &[
                    ("It was hard.", false),
                    ("And I am sure it will pass.", true),
                ],
            ),
            // Apostrophes and single quotes are not quotations.
            ("It's the 'best' deal, isn't it?", &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(inners(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        let body = "\"It produces these 'events' now and again.\" Next.";
        assert_eq!(
            inners(body),
            [("It produces these 'events' now and again.", true)]
        );
    }

    #[test]
    fn paragraph_start_flag() {
        let body = "Intro line.\n\"Opening quote here.\" said X.";
        let q = find_quotes(body);
        assert_eq!(q.len(), 1);
        assert!(q[0].paragraph_start);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// `overlapping` and `Claims` rely on quotations being in order and disjoint.
        #[test]
        fn quotations_are_ordered_and_disjoint(
            pieces in proptest::collection::vec(
                proptest::sample::select(&["\"", "“", "”", "„", "«", "»", " ", "\n", "a", "Yes.", "! ", ","][..]),
                0..80,
            )
        ) {
            let body = pieces.concat();
            let quotes = find_quotes(&body);
            for q in &quotes {
                proptest::prop_assert!(q.open < q.end && q.inner.start < q.inner.end);
                proptest::prop_assert!(q.open < q.inner.start && q.inner.end <= q.end);
            }
            for w in quotes.windows(2) {
                proptest::prop_assert!(w[0].end <= w[1].open, "{body:?}");
            }
            // The binary search finds exactly the quotations a scan finds.
            for pos in 0..=body.len() {
                let scan: Vec<usize> = (0..quotes.len())
                    .filter(|&i| quotes[i].open <= pos && pos < quotes[i].end)
                    .collect();
                let found: Vec<usize> = overlapping(&quotes, pos, pos + 1).collect();
                proptest::prop_assert_eq!(found, scan);
            }
        }

        /// `Claims::cover` answers what a scan of every claimed span answers.
        #[test]
        fn claims_cover_like_a_scan(
            claims in proptest::collection::vec((0usize..60, 0usize..20), 0..20),
            queries in proptest::collection::vec((0usize..60, 0usize..10), 0..20),
        ) {
            let claims: Vec<Span> = claims.iter().map(|&(s, l)| Span::new(s, s + l)).collect();
            let mut queries: Vec<Span> = queries.iter().map(|&(s, l)| Span::new(s, s + l)).collect();
            queries.sort();
            let mut c = Claims::default();
            // Claims arrive between questions, as they do in the extractor.
            for (i, q) in queries.iter().enumerate() {
                if let Some(&claim) = claims.get(i) {
                    c.push(claim);
                }
                let scan = claims[..claims.len().min(i + 1)].iter().any(|x| x.contains(*q));
                proptest::prop_assert_eq!(c.cover(*q), scan);
            }
            c.rewind();
            let all = &claims[..claims.len().min(queries.len())];
            for q in &queries {
                proptest::prop_assert_eq!(c.cover(*q), all.iter().any(|x| x.contains(*q)));
            }
        }
    }
}
