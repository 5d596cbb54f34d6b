//! Date and time expressions, normalized against the publication date.

use super::Doc;
use crate::model::{DateMention, DateRange};

/// Finds the date expressions of an article. Not implemented yet: returns none.
pub fn extract(_doc: &Doc) -> Vec<DateMention> {
    Vec::new()
}

/// The date range a sentence's own date expressions give, if any: the first date
/// expression of sentence `sentence` (an interval such as "From April to July 2021" is one
/// expression). `dates` must be in body order, as `extract` returns them.
pub fn sentence_period(dates: &[DateMention], sentence: usize) -> Option<DateRange> {
    dates
        .iter()
        .find(|d| d.sentence == sentence)
        .map(|d| d.range)
}
