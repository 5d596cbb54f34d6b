//! Figures: money, counts, percentages and quantities with their units and meaning.

use super::Doc;
use crate::model::{DateMention, Figure};

/// Finds the figures of an article. Not implemented yet: returns none.
pub fn extract(_doc: &Doc, _dates: &[DateMention]) -> Vec<Figure> {
    Vec::new()
}
