//! Statements: direct quotations and reported speech, tied to their speakers.

use super::entities::Entities;
use super::Doc;
use crate::model::{DateMention, Statement};

/// Finds the statements of an article. Not implemented yet: returns none.
pub fn extract(_doc: &Doc, _entities: &Entities, _dates: &[DateMention]) -> Vec<Statement> {
    Vec::new()
}
