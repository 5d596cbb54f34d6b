//! Date and time expressions, normalized against the publication date.

use super::Doc;
use crate::model::DateMention;

/// Finds the date expressions of an article. Not implemented yet: returns none.
pub fn extract(_doc: &Doc) -> Vec<DateMention> {
    Vec::new()
}
