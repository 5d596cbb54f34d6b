//! Named people, organizations and places: mentions, in-article aliases and roles.

use super::Doc;
use crate::model::{Entity, Mention, Role};

/// The entities of one article with their mentions and roles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entities {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub roles: Vec<Role>,
}

/// Finds the entities of an article. Not implemented yet: returns none.
pub fn extract(_doc: &Doc) -> Entities {
    Entities::default()
}
