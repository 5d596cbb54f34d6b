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
    /// Per table, in schema order of `TABLES` then entities and aliases.
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

/// Where an upgrade started: the highest entity and alias ids, so that new rows can be
/// told from old ones at the end, and the entities the re-extracted documents refer to.
#[derive(Debug, Default)]
pub struct Upgrade {
    last_entity: i64,
    last_alias: i64,
    touched: HashSet<i64>,
    changes: Changes,
}

/// The rows of a batch of documents at one moment.
struct Captured {
    /// Per table of `ROW_KEYS`, how many rows each key has.
    rows: Vec<HashMap<String, u64>>,
    /// Statements by (document, start, end): speaker id and content.
    statements: HashMap<(i64, i64, i64), (Option<i64>, String)>,
    /// Entities the rows refer to.
    entities: HashSet<i64>,
}

/// Entity ids per delete when sweeping entities that nothing refers to any more.
const SWEEP_CHUNK: usize = 500;

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

    /// Starts an upgrade: remembers where the entity and alias ids end.
    pub fn begin_upgrade(&self) -> Result<Upgrade, StoreError> {
        let last = |table: &str| -> Result<i64, StoreError> {
            Ok(self.conn.query_row(
                &format!("SELECT coalesce(max(id), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )?)
        };
        Ok(Upgrade {
            last_entity: last("entities")?,
            last_alias: last("aliases")?,
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
            if let Ok(done) = replace_batch(&tx, docs) {
                tx.commit()?;
                upgrade.add(&self.conn, done)?;
                return Ok(docs.iter().map(|_| Ok(())).collect());
            }
            // Dropping the transaction rolls it back.
        }
        let mut tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        let mut done = Vec::new();
        for doc in docs {
            let sp = tx.savepoint()?;
            match replace_batch(&sp, std::slice::from_ref(doc)) {
                Ok(one) => {
                    sp.commit()?;
                    done.push(one);
                    outcomes.push(Ok(()));
                }
                Err(e) => outcomes.push(Err(e)),
            }
        }
        tx.commit()?;
        for one in done {
            upgrade.add(&self.conn, one)?;
        }
        Ok(outcomes)
    }

    /// Ends an upgrade: removes the entities that nothing refers to any more (their aliases
    /// go with them), so that the database holds what a fresh import would, and returns
    /// what the whole upgrade changed.
    pub fn finish_upgrade(&mut self, upgrade: Upgrade) -> Result<Changes, StoreError> {
        let Upgrade {
            last_entity,
            last_alias,
            touched,
            mut changes,
        } = upgrade;
        let mut touched: Vec<i64> = touched.into_iter().collect();
        touched.sort_unstable();
        let mut appeared = Vec::new();
        let mut disappeared = Vec::new();
        let mut aliases_removed = 0;
        for ids in touched.chunks(SWEEP_CHUNK) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let list = placeholders(ids.len());
            let orphan = "NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id)
                 AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.entity_id = e.id)
                 AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = e.id)";
            let named = |sql: &str| -> Result<Vec<(EntityName, String)>, StoreError> {
                let mut stmt = tx.prepare(sql)?;
                let rows = stmt
                    .query_map(params_from_iter(ids), |r| {
                        Ok((
                            EntityName {
                                kind: r.get(0)?,
                                name: r.get(1)?,
                            },
                            r.get(2)?,
                        ))
                    })?
                    .collect::<Result<_, _>>()?;
                Ok(rows)
            };
            disappeared.extend(named(&format!(
                "SELECT kind, name, normalized FROM entities e WHERE id IN ({list}) AND {orphan}"
            ))?);
            appeared.extend(named(&format!(
                "SELECT kind, name, normalized FROM entities e
                 WHERE id IN ({list}) AND id > {last_entity} AND NOT ({orphan})"
            ))?);
            aliases_removed += tx.query_row(
                &format!(
                    "SELECT count(*) FROM aliases WHERE entity_id IN
                     (SELECT id FROM entities e WHERE id IN ({list}) AND {orphan})"
                ),
                params_from_iter(ids),
                |r| r.get::<_, u64>(0),
            )?;
            tx.execute(
                &format!("DELETE FROM entities WHERE id IN (SELECT id FROM entities e WHERE id IN ({list}) AND {orphan})"),
                params_from_iter(ids),
            )?;
            tx.commit()?;
        }
        let aliases_added: u64 = self.conn.query_row(
            "SELECT count(*) FROM aliases WHERE id > ?1",
            [last_alias],
            |r| r.get(0),
        )?;
        changes.tables.insert(
            "aliases",
            TableChange {
                added: aliases_added,
                removed: aliases_removed,
            },
        );
        // A name gone as one kind and new as another changed kind.
        let before: HashMap<&str, &EntityName> =
            disappeared.iter().map(|(e, n)| (n.as_str(), e)).collect();
        let after: HashMap<&str, &EntityName> =
            appeared.iter().map(|(e, n)| (n.as_str(), e)).collect();
        changes.tables.insert(
            "entities",
            TableChange {
                added: appeared.len() as u64,
                removed: disappeared.len() as u64,
            },
        );
        for (normalized, old) in &before {
            if let Some(new) = after.get(normalized) {
                changes.entities_changed_kind.push(KindChange {
                    name: new.name.clone(),
                    before: old.kind.clone(),
                    after: new.kind.clone(),
                });
            }
        }
        changes
            .entities_changed_kind
            .sort_by(|a, b| a.name.cmp(&b.name));
        changes.entities_appeared = appeared
            .iter()
            .filter(|(_, n)| !before.contains_key(n.as_str()))
            .map(|(e, _)| e.clone())
            .collect();
        changes.entities_disappeared = disappeared
            .iter()
            .filter(|(_, n)| !after.contains_key(n.as_str()))
            .map(|(e, _)| e.clone())
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
}

impl Upgrade {
    /// Folds a committed batch into the totals.
    fn add(&mut self, conn: &Connection, done: Done) -> Result<(), StoreError> {
        let Done {
            documents,
            before,
            after,
        } = done;
        self.changes.documents += documents;
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
        let mut name = conn.prepare_cached("SELECT kind, name FROM entities WHERE id = ?1")?;
        let mut speaker = |id: Option<i64>| -> Result<Option<EntityName>, StoreError> {
            id.map(|id| {
                name.query_row([id], |r| {
                    Ok(EntityName {
                        kind: r.get(0)?,
                        name: r.get(1)?,
                    })
                })
            })
            .transpose()
            .map_err(StoreError::from)
        };
        let mut changed: Vec<_> = after
            .statements
            .iter()
            .filter_map(|(place, (new, content))| {
                let (old, _) = before.statements.get(place)?;
                (old != new).then_some((place, *old, *new, content))
            })
            .collect();
        changed.sort_by_key(|(place, ..)| **place);
        for ((document_id, ..), old, new, content) in changed {
            self.changes.speakers_changed.push(SpeakerChange {
                document_id: *document_id,
                content: content.clone(),
                before: speaker(old)?,
                after: speaker(new)?,
            });
        }
        self.touched.extend(before.entities);
        self.touched.extend(after.entities);
        Ok(())
    }
}

/// `?, ?, ...` for `n` values.
fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// Replaces the extraction of `docs` inside the caller's transaction, capturing their rows
/// before and after.
fn replace_batch(conn: &Connection, docs: &[Replacement]) -> Result<Done, StoreError> {
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
    Ok(Done {
        documents: ids.len() as u64,
        before,
        after,
    })
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
            "SELECT document_id, start, end, speaker_id, content FROM statements
             WHERE document_id IN ({list})"
        ))?;
        let mut found = stmt.query(params_from_iter(ids))?;
        while let Some(r) = found.next()? {
            statements.insert((r.get(0)?, r.get(1)?, r.get(2)?), (r.get(3)?, r.get(4)?));
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
