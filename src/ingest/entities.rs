//! Named people, organizations and places: mentions, in-article aliases and roles.

use super::Doc;
use crate::model::{Entity, EntityKind, Mention, Role, Span};

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

/// Resolves a noun phrase of the article (a name such as "Darvishi", or a title such as
/// "the consul general" / "the minister") to the index of the person entity it refers to.
///
/// A name resolves when it equals the name or an alias of exactly one person (a leading
/// "the" and a trailing possessive are ignored). A title-only phrase resolves to the person
/// holding a role whose title contains the phrase's words, when exactly one person does.
/// Returns `None` when nothing or more than one person fits.
pub fn resolve_reference(doc: &Doc, found: &Entities, phrase: Span) -> Option<usize> {
    let text = doc.body.get(phrase.start..phrase.end)?;
    let text = clean_phrase(text);
    if text.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    let by_name: Vec<usize> = found
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .filter(|(_, e)| {
            e.name.to_lowercase() == lower || e.aliases.iter().any(|a| a.to_lowercase() == lower)
        })
        .map(|(i, _)| i)
        .collect();
    if by_name.len() == 1 {
        return Some(by_name[0]);
    }
    if !by_name.is_empty() {
        return None;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut holders: Vec<usize> = found
        .roles
        .iter()
        .filter(|r| {
            let title = r.title.to_lowercase();
            let title_words: Vec<&str> = title.split_whitespace().collect();
            words.iter().all(|w| title_words.contains(w))
        })
        .map(|r| r.entity)
        .collect();
    holders.sort_unstable();
    holders.dedup();
    (holders.len() == 1).then(|| holders[0])
}

/// Drops a leading article and a trailing possessive from a phrase.
fn clean_phrase(text: &str) -> &str {
    let mut t = text.trim();
    for article in ["the ", "The "] {
        if let Some(rest) = t.strip_prefix(article) {
            t = rest.trim_start();
        }
    }
    for poss in ["'s", "’s", "'", "’"] {
        if let Some(rest) = t.strip_suffix(poss) {
            t = rest;
            break;
        }
    }
    t.trim()
}
