//! Pure extraction: article text in, `Extraction` out. Nothing here touches the database or
//! the file system, so every extractor can be unit-tested and benchmarked on its own.

pub mod check;
pub mod coref;
pub mod dates;
pub mod entities;
pub mod figures;
pub mod fnv;
pub mod parse;
pub mod sentences;
pub mod statements;

use chrono::NaiveDate;

use crate::model::{Article, Extraction, Span};

/// Version of the extractors. Bump it whenever extraction output changes, so that
/// `dossier reextract` knows which stored documents are stale.
///
/// 2: the sentence cut at 3,000 bytes, hostile-input fixes and every rule change made
/// while the version still read 1, so that databases built by those builds upgrade.
/// 3: date headers that are almost right (`date: 2021-02-03`, `Date 2021-02-03`) are read
/// as the publication date instead of being taken as the title, and dates are kept to the
/// years 0001–9999 (none past 9999-12-31 from "next year").
/// 4: coreference for speakers (pronouns by gender and salience, shared surnames,
/// descriptions) and the basis each speaker was found by.
/// 5: the learned tagger joins the entity rules; one fold for names; Labour is a party;
/// a bracketed acronym after a person is an affiliation, not an alias.
/// 6: entities that nothing refers to are no longer stored.
pub const EXTRACTOR_VERSION: i64 = 6;

/// What every extractor reads: the body, its publication date and its sentences.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub body: &'a str,
    pub published: Option<NaiveDate>,
    pub sentences: &'a [Span],
}

impl Doc<'_> {
    /// Index of the sentence that contains byte offset `pos` (the last one starting at or
    /// before it).
    pub fn sentence_at(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= pos)
            .saturating_sub(1)
    }
}

/// Builds the extractors' lexicons and compiled patterns, which happens once per process
/// on first use: the entity lexicons on one thread while the other extractors' patterns
/// are built on another, so a parallel import does not start with one core idle.
pub fn warm_up() {
    let article = Article {
        published: NaiveDate::from_ymd_opt(2020, 1, 1),
        title: "Warm-up".into(),
        body: "Jane Smith, the mayor of Paris, said on Monday that \"costs rose 5% to $3bn\"."
            .into(),
    };
    let sentences = sentences::split(&article.body);
    let doc = Doc {
        body: &article.body,
        published: article.published,
        sentences: &sentences,
    };
    rayon::join(
        || entities::extract(&doc),
        || {
            let dates = dates::extract(&doc);
            figures::extract(&doc, &dates);
            statements::extract(&doc, &entities::Entities::default(), &dates);
        },
    );
}

/// Runs every extractor over one article, turning a panic in an extractor into an error so
/// that one unusual article fails alone instead of stopping a whole import.
pub fn extract_checked(article: &Article) -> Result<Extraction, String> {
    std::panic::catch_unwind(|| extract(article)).map_err(|payload| {
        let reason = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("unknown cause");
        format!("internal error while extracting (please report this article): {reason}")
    })
}

/// Runs every extractor over one article.
pub fn extract(article: &Article) -> Extraction {
    let sentences = sentences::split(&article.body);
    let doc = Doc {
        body: &article.body,
        published: article.published,
        sentences: &sentences,
    };
    let dates = dates::extract(&doc);
    let found = entities::extract(&doc);
    let statements = statements::extract(&doc, &found, &dates);
    let figures = figures::extract(&doc, &dates);
    let mut extraction = Extraction {
        sentences,
        entities: found.entities,
        mentions: found.mentions,
        roles: found.roles,
        statements,
        figures,
        dates,
    };
    drop_unreferenced_entities(&mut extraction);
    extraction
}

/// Removes the entities that no mention, role or statement refers to, renumbering the
/// references. A candidate whose every mention the tagger gave to another entity would
/// otherwise be stored as an entity that appears nowhere (`dossier check` warns of such
/// orphans, and re-extraction sweeps them, so a fresh import would differ from an upgrade).
fn drop_unreferenced_entities(ex: &mut Extraction) {
    let mut used = vec![false; ex.entities.len()];
    let refs = ex
        .mentions
        .iter()
        .map(|m| m.entity)
        .chain(ex.roles.iter().map(|r| r.entity))
        .chain(ex.statements.iter().filter_map(|s| s.speaker));
    for i in refs {
        if let Some(u) = used.get_mut(i) {
            *u = true;
        }
    }
    if used.iter().all(|&u| u) {
        return;
    }
    // New index of each kept entity, in the old order.
    let mut new_index = vec![usize::MAX; used.len()];
    let mut next = 0;
    for (i, &u) in used.iter().enumerate() {
        if u {
            new_index[i] = next;
            next += 1;
        }
    }
    let mut keep = used.iter();
    ex.entities
        .retain(|_| *keep.next().expect("one flag per entity"));
    let renumber = |i: usize| new_index.get(i).copied().unwrap_or(i);
    for m in &mut ex.mentions {
        m.entity = renumber(m.entity);
    }
    for r in &mut ex.roles {
        r.entity = renumber(r.entity);
    }
    for s in &mut ex.statements {
        s.speaker = s.speaker.map(renumber);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Mention, Role};

    fn entity(name: &str) -> Entity {
        Entity {
            kind: EntityKind::Person,
            name: name.into(),
            aliases: vec![],
        }
    }

    #[test]
    fn entities_nothing_refers_to_are_dropped_and_references_renumbered() {
        let mention = |entity: usize| Mention {
            entity,
            sentence: 0,
            span: Span { start: 0, end: 1 },
        };
        let mut ex = Extraction {
            entities: vec![entity("Orphan"), entity("Ann Lee"), entity("Bo Li")],
            mentions: vec![mention(1), mention(2)],
            roles: vec![Role {
                entity: 2,
                title: "mayor".into(),
                affiliation: None,
                former: false,
            }],
            ..Extraction::default()
        };
        drop_unreferenced_entities(&mut ex);
        let names: Vec<&str> = ex.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ann Lee", "Bo Li"]);
        assert_eq!(ex.mentions[0].entity, 0);
        assert_eq!(ex.mentions[1].entity, 1);
        assert_eq!(ex.roles[0].entity, 1);
    }
}
