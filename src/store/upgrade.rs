//! Re-extraction (`dossier reextract`): replaces what was extracted from stored documents,
//! a batch of documents per transaction, and records what the upgrade changed: rows added
//! and removed per table, statements whose speaker changed, and entities that appeared,
//! disappeared or changed kind. A dry run does the same on a copy of the database in
//! memory ([`Store::copy_in_memory`]), so that the summary is exactly what a real run does.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::backup::Backup;
use rusqlite::{params_from_iter, Connection, OpenFlags, TransactionBehavior};
use serde::Serialize;

use super::write::insert_extraction;
use super::{Store, StoreError};
use crate::ingest::EXTRACTOR_VERSION;
use crate::model::{Article, Extraction};

/// One document to re-extract: its id, stored article and new extraction.
pub struct Replacement<'a> {
    pub id: i64,
    pub article: &'a Article,
    pub extraction: &'a Extraction,
}

/// Rows of one table that an upgrade added and removed (rows that stay the same count in
/// neither).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TableChange {
    pub added: u64,
    pub removed: u64,
}

/// An entity as users see it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EntityName {
    pub kind: String,
    pub name: String,
}

/// A statement (found at the same place before and after) whose speaker changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerChange {
    pub document_id: i64,
    pub content: String,
    pub before: Option<EntityName>,
    pub after: Option<EntityName>,
}

/// A name that disappeared as one kind of entity and appeared as another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindChange {
    pub name: String,
    pub before: String,
    pub after: String,
}

/// What an upgrade changed.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Changes {
    /// Documents re-extracted.
    pub documents: u64,
    /// Per table, by name.
    pub tables: BTreeMap<&'static str, TableChange>,
    pub speakers_changed: Vec<SpeakerChange>,
    pub entities_appeared: Vec<EntityName>,
    pub entities_disappeared: Vec<EntityName>,
    pub entities_changed_kind: Vec<KindChange>,
}

/// The per-document tables and the columns that make a row what it is (everything but its
/// id and its sentence's id, which are new on every write; the sentence's position is in
/// `sentences`). Two runs that extract the same thing give the same keys.
const ROW_KEYS: &[(&str, &str)] = &[
    ("sentences", "position || ',' || start || ',' || end"),
    ("mentions", "start || ',' || end || ',' || entity_id"),
    (
        "roles",
        "entity_id || ',' || quote(title) || ',' || quote(affiliation) || ',' || former",
    ),
    (
        "statements",
        "start || ',' || end || ',' || kind || ',' || quote(cue) || ',' || quote(speaker_id)
         || ',' || quote(said_start) || ',' || quote(said_end) || ',' || said_source",
    ),
    (
        "figures",
        "start || ',' || end || ',' || quote(value) || ',' || unit || ',' || kind || ','
         || quote(approximate) || ',' || quote(subject) || ',' || quote(period_start) || ','
         || quote(period_end) || ',' || period_source",
    ),
    (
        "dates",
        "start || ',' || end || ',' || date_start || ',' || date_end || ',' || granularity",
    ),
];

/// An entity's identity (kind, folded name), with its name as shown.
type Identity = ((String, String), EntityName);

/// An upgrade under way: where the entity ids ended and how many aliases there were when
/// it started (so that new rows can be told from old ones), the entities it created and
/// removed so far, and the rest of what changed.
#[derive(Debug, Default)]
pub struct Upgrade {
    last_entity: i64,
    /// Ids of the entities removed so far: SQLite may give a new entity one of them again.
    removed_ids: HashSet<i64>,
    aliases_at_start: u64,
    appeared: BTreeMap<(String, String), EntityName>,
    disappeared: BTreeMap<(String, String), EntityName>,
    aliases_removed: u64,
    changes: Changes,
}

/// The rows of a batch of documents at one moment.
struct Captured {
    /// Per table of `ROW_KEYS`, how many rows each key has.
    rows: Vec<HashMap<String, u64>>,
    /// Statements by (document, start, end): speaker and content. The speaker is kept by
    /// name, read when captured: the entity may be gone by the time the change is told.
    statements: HashMap<(i64, i64, i64), (Option<EntityName>, String)>,
    /// Entities the rows refer to.
    entities: HashSet<i64>,
}

/// Entity ids per statement when looking entities up by id.
const ENTITY_CHUNK: usize = 500;

impl Store {
    /// A copy of the database at `path` in memory, brought to the current schema there; the
    /// file itself is only read.
    pub fn copy_in_memory(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing(path.display().to_string()));
        }
        // Opened for writing but refusing writes: a read-only connection cannot remove the
        // -wal and -shm files it makes, and would leave them behind; the last writable
        // connection to close removes them, as every dossier command does.
        let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let source = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_READ_WRITE)
            .or_else(|_| {
            Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_READ_ONLY)
        })?;
        source.pragma_update(None, "query_only", true)?;
        source.busy_timeout(super::BUSY_TIMEOUT)?;
        let mut copy = Connection::open_in_memory()?;
        Backup::new(&source, &mut copy)?.run_to_completion(1024, Duration::ZERO, None)?;
        drop(source);
        Store::configure(copy)
    }

    /// Ids of documents whose rows came from an older extractor (or all, with `all`).
    pub fn documents_to_reextract(&self, all: bool) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM documents WHERE ?1 OR extractor_version <> ?2 ORDER BY id")?;
        let ids = stmt
            .query_map(rusqlite::params![all, EXTRACTOR_VERSION], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// The stored articles of documents `ids`, as extraction reads them, in one read.
    pub fn stored_articles(&self, ids: &[i64]) -> Result<Vec<(i64, Article)>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, published, title, body FROM documents WHERE id IN ({}) ORDER BY id",
            placeholders(ids.len())
        ))?;
        let articles = stmt
            .query_map(params_from_iter(ids), |r| {
                let published: Option<String> = r.get(1)?;
                Ok((
                    r.get(0)?,
                    Article {
                        published: published
                            .and_then(|p| NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()),
                        title: r.get(2)?,
                        body: r.get(3)?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        Ok(articles)
    }

    /// Starts an upgrade: remembers where the entity ids end and how many aliases there are.
    pub fn begin_upgrade(&self) -> Result<Upgrade, StoreError> {
        Ok(Upgrade {
            last_entity: self.conn.query_row(
                "SELECT coalesce(max(id), 0) FROM entities",
                [],
                |r| r.get(0),
            )?,
            aliases_at_start: aliases(&self.conn)?,
            ..Upgrade::default()
        })
    }

    /// Replaces what was extracted from `docs` in one transaction and adds what changed to
    /// `upgrade`. When one document fails, the batch is written again one savepoint each, so
    /// that the failure is that document's alone. Documents deleted meanwhile (by an
    /// `import --replace`) are passed over.
    pub fn replace_extractions(
        &mut self,
        docs: &[Replacement],
        upgrade: &mut Upgrade,
    ) -> Result<Vec<Result<(), StoreError>>, StoreError> {
        {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Ok(done) = replace_batch(&tx, docs, upgrade.last_entity, &upgrade.removed_ids) {
                tx.commit()?;
                upgrade.add(done)?;
                return Ok(docs.iter().map(|_| Ok(())).collect());
            }
            // Dropping the transaction rolls it back.
        }
        let mut tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        let mut done = Vec::new();
        // The ids removed by the documents written so far count too.
        let mut removed = upgrade.removed_ids.clone();
        for doc in docs {
            let sp = tx.savepoint()?;
            match replace_batch(
                &sp,
                std::slice::from_ref(doc),
                upgrade.last_entity,
                &removed,
            ) {
                Ok(one) => {
                    sp.commit()?;
                    removed.extend(&one.removed_ids);
                    done.push(one);
                    outcomes.push(Ok(()));
                }
                Err(e) => outcomes.push(Err(e)),
            }
        }
        tx.commit()?;
        for one in done {
            upgrade.add(one)?;
        }
        Ok(outcomes)
    }

    /// Ends an upgrade and returns what it changed as a whole. An entity removed and made
    /// again (by a later batch) did not change; one name removed as one kind and made as
    /// another changed kind.
    pub fn finish_upgrade(&self, upgrade: Upgrade) -> Result<Changes, StoreError> {
        let Upgrade {
            aliases_at_start,
            mut appeared,
            mut disappeared,
            aliases_removed,
            mut changes,
            ..
        } = upgrade;
        let same: Vec<(String, String)> = appeared
            .keys()
            .filter(|key| disappeared.contains_key(*key))
            .cloned()
            .collect();
        for key in same {
            appeared.remove(&key);
            disappeared.remove(&key);
        }
        // Alias ids may be given again after a removal, so count rather than compare ids.
        let aliases_added =
            (aliases(&self.conn)? + aliases_removed).saturating_sub(aliases_at_start);
        changes.tables.insert(
            "aliases",
            TableChange {
                added: aliases_added,
                removed: aliases_removed,
            },
        );
        changes.tables.insert(
            "entities",
            TableChange {
                added: appeared.len() as u64,
                removed: disappeared.len() as u64,
            },
        );
        let kinds_of = |map: &BTreeMap<(String, String), EntityName>| {
            let mut by_name: HashMap<String, String> = HashMap::new();
            for ((kind, normalized), _) in map.iter() {
                by_name.insert(normalized.clone(), kind.clone());
            }
            by_name
        };
        let (new_kinds, old_kinds) = (kinds_of(&appeared), kinds_of(&disappeared));
        for ((kind, normalized), entity) in &appeared {
            if let Some(old) = old_kinds.get(normalized) {
                changes.entities_changed_kind.push(KindChange {
                    name: entity.name.clone(),
                    before: old.clone(),
                    after: kind.clone(),
                });
            }
        }
        changes
            .entities_changed_kind
            .sort_by(|a, b| a.name.cmp(&b.name));
        changes.entities_appeared = appeared
            .iter()
            .filter(|((_, n), _)| !old_kinds.contains_key(n))
            .map(|(_, e)| e.clone())
            .collect();
        changes.entities_disappeared = disappeared
            .iter()
            .filter(|((_, n), _)| !new_kinds.contains_key(n))
            .map(|(_, e)| e.clone())
            .collect();
        changes.entities_appeared.sort();
        changes.entities_disappeared.sort();
        Ok(changes)
    }
}

/// What one committed batch changed, before it is folded into the upgrade.
struct Done {
    documents: u64,
    before: Captured,
    after: Captured,
    /// Entities made by this upgrade that the batch refers to.
    new_entities: Vec<Identity>,
    /// Entities nothing referred to any more, removed with their aliases.
    removed_entities: Vec<Identity>,
    removed_ids: Vec<i64>,
    aliases_removed: u64,
}

impl Upgrade {
    /// Folds a committed batch into the totals.
    fn add(&mut self, done: Done) -> Result<(), StoreError> {
        let Done {
            documents,
            before,
            after,
            new_entities,
            removed_entities,
            removed_ids,
            aliases_removed,
        } = done;
        self.removed_ids.extend(removed_ids);
        self.changes.documents += documents;
        self.appeared.extend(new_entities);
        self.disappeared.extend(removed_entities);
        self.aliases_removed += aliases_removed;
        for (i, (table, _)) in ROW_KEYS.iter().enumerate() {
            let change = self.changes.tables.entry(table).or_default();
            let (old, new) = (&before.rows[i], &after.rows[i]);
            for (key, &n) in new {
                change.added += n.saturating_sub(old.get(key).copied().unwrap_or(0));
            }
            for (key, &n) in old {
                change.removed += n.saturating_sub(new.get(key).copied().unwrap_or(0));
            }
        }
        let mut changed: Vec<_> = after
            .statements
            .iter()
            .filter_map(|(place, (new, content))| {
                let (old, _) = before.statements.get(place)?;
                (old != new).then_some((place, old.clone(), new.clone(), content))
            })
            .collect();
        changed.sort_by_key(|(place, ..)| **place);
        for ((document_id, ..), old, new, content) in changed {
            self.changes.speakers_changed.push(SpeakerChange {
                document_id: *document_id,
                content: content.clone(),
                before: old,
                after: new,
            });
        }
        Ok(())
    }
}

/// `?, ?, ...` for `n` values.
fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// Replaces the extraction of `docs` inside the caller's transaction, capturing their rows
/// before and after, and removes the entities that nothing refers to any more (so that
/// every commit leaves what a fresh import would, even if the upgrade stops there).
/// Entities with ids above `last_entity` (where they ended when the upgrade began), or with
/// the id of one it removed, are new in this upgrade.
fn replace_batch(
    conn: &Connection,
    docs: &[Replacement],
    last_entity: i64,
    removed: &HashSet<i64>,
) -> Result<Done, StoreError> {
    let mut ids: Vec<i64> = docs.iter().map(|d| d.id).collect();
    let list = placeholders(ids.len());
    let present: HashSet<i64> = {
        let mut stmt = conn.prepare(&format!("SELECT id FROM documents WHERE id IN ({list})"))?;
        let present = stmt
            .query_map(params_from_iter(&ids), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        present
    };
    ids.retain(|id| present.contains(id));
    let list = placeholders(ids.len());
    let before = capture(conn, &ids)?;
    // Mentions, statements, figures and dates would go with their sentences too, but the
    // cascade looks them up sentence by sentence; deleting them by document first is one
    // index range each. The statements' delete trigger takes their full-text rows.
    for table in [
        "roles",
        "mentions",
        "statements",
        "figures",
        "dates",
        "sentences",
    ] {
        conn.execute(
            &format!("DELETE FROM {table} WHERE document_id IN ({list})"),
            params_from_iter(&ids),
        )?;
    }
    for doc in docs.iter().filter(|d| present.contains(&d.id)) {
        insert_extraction(conn, doc.id, doc.article, doc.extraction)?;
    }
    conn.execute(
        &format!(
            "INSERT INTO statements_fts (rowid, content)
             SELECT id, content FROM statements WHERE document_id IN ({list})"
        ),
        params_from_iter(&ids),
    )?;
    conn.execute(
        &format!(
            "UPDATE documents SET extractor_version = {EXTRACTOR_VERSION} WHERE id IN ({list})"
        ),
        params_from_iter(&ids),
    )?;
    let after = capture(conn, &ids)?;
    let mut removed_entities = Vec::new();
    let mut aliases_removed = 0;
    let mut new_entities = Vec::new();
    let mut removed_ids = Vec::new();
    let orphan = "NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.entity_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = e.id)";
    let gone: Vec<i64> = before
        .entities
        .difference(&after.entities)
        .copied()
        .collect();
    for chunk in gone.chunks(ENTITY_CHUNK) {
        let list = placeholders(chunk.len());
        let orphans = identities(
            conn,
            &format!("SELECT id, kind, name, normalized FROM entities e WHERE id IN ({list}) AND {orphan}"),
            chunk,
        )?;
        let ids: Vec<i64> = orphans.iter().map(|(id, _)| *id).collect();
        if ids.is_empty() {
            continue;
        }
        let list = placeholders(ids.len());
        aliases_removed += conn.execute(
            &format!("DELETE FROM aliases WHERE entity_id IN ({list})"),
            params_from_iter(&ids),
        )? as u64;
        conn.execute(
            &format!("DELETE FROM entities WHERE id IN ({list})"),
            params_from_iter(&ids),
        )?;
        removed_entities.extend(orphans.into_iter().map(|(_, identity)| identity));
        removed_ids.extend(ids);
    }
    let made: Vec<i64> = after
        .entities
        .iter()
        .copied()
        .filter(|id| *id > last_entity || removed.contains(id))
        .collect();
    for chunk in made.chunks(ENTITY_CHUNK) {
        let list = placeholders(chunk.len());
        new_entities.extend(
            identities(
                conn,
                &format!("SELECT id, kind, name, normalized FROM entities WHERE id IN ({list})"),
                chunk,
            )?
            .into_iter()
            .map(|(_, identity)| identity),
        );
    }
    Ok(Done {
        documents: ids.len() as u64,
        before,
        after,
        new_entities,
        removed_entities,
        removed_ids,
        aliases_removed,
    })
}

fn aliases(conn: &Connection) -> Result<u64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM aliases", [], |r| r.get(0))?)
}

/// Runs `sql` (selecting id, kind, name, normalized) over `ids`.
fn identities(
    conn: &Connection,
    sql: &str,
    ids: &[i64],
) -> Result<Vec<(i64, Identity)>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let found = stmt
        .query_map(params_from_iter(ids), |r| {
            let (kind, name): (String, String) = (r.get(1)?, r.get(2)?);
            Ok((
                r.get(0)?,
                ((kind.clone(), r.get(3)?), EntityName { kind, name }),
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(found)
}

/// The rows of documents `ids`, keyed as in `ROW_KEYS`.
fn capture(conn: &Connection, ids: &[i64]) -> Result<Captured, StoreError> {
    let list = placeholders(ids.len());
    let mut rows = Vec::with_capacity(ROW_KEYS.len());
    for (table, key) in ROW_KEYS {
        let mut counts = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT document_id || ':' || {key} FROM {table} WHERE document_id IN ({list})"
        ))?;
        let mut found = stmt.query(params_from_iter(ids))?;
        while let Some(row) = found.next()? {
            *counts.entry(row.get::<_, String>(0)?).or_insert(0) += 1;
        }
        rows.push(counts);
    }
    let mut statements = HashMap::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT s.document_id, s.start, s.end, e.kind, e.name, s.content FROM statements s
             LEFT JOIN entities e ON e.id = s.speaker_id
             WHERE s.document_id IN ({list})"
        ))?;
        let mut found = stmt.query(params_from_iter(ids))?;
        while let Some(r) = found.next()? {
            let speaker = match (
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ) {
                (Some(kind), Some(name)) => Some(EntityName { kind, name }),
                _ => None,
            };
            statements.insert((r.get(0)?, r.get(1)?, r.get(2)?), (speaker, r.get(5)?));
        }
    }
    let mut entities = HashSet::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT entity_id FROM mentions WHERE document_id IN ({list})
             UNION SELECT entity_id FROM roles WHERE document_id IN ({list})
             UNION SELECT speaker_id FROM statements WHERE document_id IN ({list}) AND speaker_id IS NOT NULL"
        ))?;
        let all: Vec<i64> = ids.iter().chain(ids).chain(ids).copied().collect();
        let mut found = stmt.query(params_from_iter(&all))?;
        while let Some(r) = found.next()? {
            entities.insert(r.get(0)?);
        }
    }
    Ok(Captured {
        rows,
        statements,
        entities,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Mention, Span};
    use crate::store::write::NewDocument;

    fn article(body: &str) -> Article {
        Article {
            published: NaiveDate::from_ymd_opt(2021, 8, 28),
            title: "T".into(),
            body: body.into(),
        }
    }

    /// An extraction of `body` (one sentence) that mentions `name` at its start, if given.
    fn extraction(body: &str, name: Option<&str>) -> Extraction {
        let (entities, mentions) = match name {
            Some(name) => (
                vec![Entity {
                    kind: EntityKind::Person,
                    name: name.into(),
                    aliases: vec![],
                }],
                vec![Mention {
                    entity: 0,
                    sentence: 0,
                    span: Span::new(0, name.len()),
                }],
            ),
            None => (vec![], vec![]),
        };
        Extraction {
            sentences: vec![Span::new(0, body.len())],
            entities,
            mentions,
            ..Extraction::default()
        }
    }

    /// Stores `art` as document `source`, mentioning `speaker` when given.
    fn import(store: &mut Store, source: &str, sha: &str, art: &Article, speaker: Option<&str>) {
        let ex = extraction(&art.body, speaker);
        let doc = NewDocument {
            source,
            source_path: source.as_bytes(),
            sha256: sha,
            article: art,
            extraction: &ex,
            redate: false,
        };
        store.import_document(&doc, false).unwrap();
    }

    fn entities(store: &Store) -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM entities", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn each_batch_removes_the_entities_it_left_unreferenced_and_a_return_cancels_out() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, b) = (article("Wang Yi spoke."), article("Wang Yi left."));
        import(&mut store, "a.txt", "1", &a, Some("Wang Yi"));
        import(&mut store, "b.txt", "2", &b, None);
        assert_eq!(entities(&store), 1);
        let mut upgrade = store.begin_upgrade().unwrap();
        // Document 1 no longer mentions Wang Yi: he is gone as soon as the batch commits.
        let without = extraction(&a.body, None);
        let first = [Replacement {
            id: 1,
            article: &a,
            extraction: &without,
        }];
        assert!(store.replace_extractions(&first, &mut upgrade).unwrap()[0].is_ok());
        assert_eq!(entities(&store), 0);
        // Document 2 now mentions him: he is back, under a new id.
        let with = extraction(&b.body, Some("Wang Yi"));
        let second = [Replacement {
            id: 2,
            article: &b,
            extraction: &with,
        }];
        assert!(store.replace_extractions(&second, &mut upgrade).unwrap()[0].is_ok());
        assert_eq!(entities(&store), 1);
        let changes = store.finish_upgrade(upgrade).unwrap();
        assert_eq!(changes.documents, 2);
        assert!(changes.entities_appeared.is_empty(), "{changes:?}");
        assert!(changes.entities_disappeared.is_empty(), "{changes:?}");
        assert_eq!(
            changes.tables["mentions"],
            TableChange {
                added: 1,
                removed: 1
            }
        );
    }

    #[test]
    fn a_document_that_fails_is_left_as_it_was_and_the_others_are_written_and_counted() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, b) = (article("Wang Yi spoke."), article("Wang Yi left."));
        import(&mut store, "a.txt", "1", &a, Some("Wang Yi"));
        import(&mut store, "b.txt", "2", &b, Some("Wang Yi"));
        let mut upgrade = store.begin_upgrade().unwrap();
        let without = extraction(&a.body, None);
        let mut bad = extraction(&b.body, None);
        bad.sentences = vec![Span::new(0, 400)];
        let batch = [
            Replacement {
                id: 1,
                article: &a,
                extraction: &without,
            },
            Replacement {
                id: 2,
                article: &b,
                extraction: &bad,
            },
        ];
        let outcomes = store.replace_extractions(&batch, &mut upgrade).unwrap();
        assert!(outcomes[0].is_ok());
        assert!(matches!(outcomes[1], Err(StoreError::BadSpan { .. })));
        // Document 2 still mentions Wang Yi, so he stays.
        assert_eq!(entities(&store), 1);
        let changes = store.finish_upgrade(upgrade).unwrap();
        assert_eq!(changes.documents, 1);
        assert_eq!(
            changes.tables["mentions"],
            TableChange {
                added: 0,
                removed: 1
            }
        );
        assert!(changes.entities_disappeared.is_empty());
    }
}
