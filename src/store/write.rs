//! Writing extractions: one transaction per document, so that a failure never leaves half a
//! document behind. Entities are merged across documents on (kind, folded canonical name).

use chrono::{NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::{Store, StoreError};
use crate::ingest::EXTRACTOR_VERSION;
use crate::model::{Article, DateRange, Extraction, Span};
use crate::normalize::fold_name;

/// What importing one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as a new document with this id.
    Imported(i64),
    /// Replaced the earlier document(s) of the same source; the new id.
    Replaced(i64),
    /// The same content is already stored (under this document id).
    Skipped(i64),
}

/// A document to store: where it came from, its content hash, the parsed article and what
/// was extracted from it.
pub struct NewDocument<'a> {
    pub source: &'a str,
    pub sha256: &'a str,
    pub article: &'a Article,
    pub extraction: &'a Extraction,
}

/// Several documents written in one transaction, each inside its own savepoint: a document
/// that fails is rolled back alone, and committing a batch of documents at once saves the
/// per-commit cost of rewriting indexes (the way atuin batches its imports).
pub struct Batch<'s> {
    tx: Transaction<'s>,
    pending: usize,
}

impl Batch<'_> {
    /// The id of the document with this content hash, if one is stored.
    pub fn stored(&self, sha256: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?)
    }

    /// Stores one document, all or nothing. Identical content is skipped; with `replace`,
    /// earlier documents from the same source are deleted first.
    pub fn import_document(
        &mut self,
        doc: &NewDocument,
        replace: bool,
    ) -> Result<Outcome, StoreError> {
        if let Some(id) = self.stored(doc.sha256)? {
            return Ok(Outcome::Skipped(id));
        }
        let sp = self.tx.savepoint()?;
        let mut replaced = false;
        if replace {
            replaced = sp.execute("DELETE FROM documents WHERE source = ?1", [doc.source])? > 0;
        }
        sp.execute(
            "INSERT INTO documents (source, sha256, published, title, body, imported_at, extractor_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                doc.source,
                doc.sha256,
                doc.article.published.map(|d| d.to_string()),
                doc.article.title,
                doc.article.body,
                Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                EXTRACTOR_VERSION,
            ],
        )?;
        let id = sp.last_insert_rowid();
        insert_extraction(&sp, id, doc.article, doc.extraction)?;
        sp.commit()?;
        self.pending += 1;
        Ok(if replaced {
            Outcome::Replaced(id)
        } else {
            Outcome::Imported(id)
        })
    }

    /// Documents stored since the batch began.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Makes every document of the batch durable and visible to other connections.
    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit()?)
    }
}

impl Store {
    /// Starts a batch of document writes (holding the write lock until it is committed).
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        Ok(Batch {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            pending: 0,
        })
    }

    /// Stores one document in its own transaction (see `Batch::import_document`).
    pub fn import_document(
        &mut self,
        doc: &NewDocument,
        replace: bool,
    ) -> Result<Outcome, StoreError> {
        let mut batch = self.batch()?;
        let outcome = batch.import_document(doc, replace)?;
        batch.commit()?;
        Ok(outcome)
    }

    /// Ids of documents whose rows came from an older extractor (or all, with `all`).
    pub fn documents_to_reextract(&self, all: bool) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM documents WHERE ?1 OR extractor_version <> ?2 ORDER BY id")?;
        let ids = stmt
            .query_map(params![all, EXTRACTOR_VERSION], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// The stored article of a document, as extraction reads it.
    pub fn stored_article(&self, id: i64) -> Result<Article, StoreError> {
        Ok(self.conn.query_row(
            "SELECT published, title, body FROM documents WHERE id = ?1",
            [id],
            |r| {
                let published: Option<String> = r.get(0)?;
                Ok(Article {
                    published: published
                        .and_then(|p| NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()),
                    title: r.get(1)?,
                    body: r.get(2)?,
                })
            },
        )?)
    }

    /// Replaces everything extracted from document `id` with `extraction`, in one
    /// transaction; the document itself and anything else in the database stay.
    pub fn replace_extraction(
        &mut self,
        id: i64,
        article: &Article,
        extraction: &Extraction,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Mentions, statements, figures and dates hang off sentences and go with them.
        tx.execute("DELETE FROM roles WHERE document_id = ?1", [id])?;
        tx.execute("DELETE FROM sentences WHERE document_id = ?1", [id])?;
        insert_extraction(&tx, id, article, extraction)?;
        tx.execute(
            "UPDATE documents SET extractor_version = ?2 WHERE id = ?1",
            params![id, EXTRACTOR_VERSION],
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn date_text(d: NaiveDate) -> String {
    d.to_string()
}

/// When a statement or figure holds: the text's own date if any, else the publication date.
fn dated(
    range: Option<DateRange>,
    published: Option<NaiveDate>,
) -> (Option<String>, Option<String>, &'static str) {
    match (range, published) {
        (Some(r), _) => (Some(date_text(r.start)), Some(date_text(r.end)), "text"),
        (None, Some(p)) => (Some(date_text(p)), Some(date_text(p)), "published"),
        (None, None) => (None, None, "unknown"),
    }
}

/// The text of `span` in `body`, or an error when the span does not fit the body (an
/// extractor bug must fail this document, not the whole import).
fn span_text(body: &str, span: Span) -> Result<&str, StoreError> {
    body.get(span.start..span.end).ok_or(StoreError::BadSpan {
        start: span.start,
        end: span.end,
        len: body.len(),
    })
}

/// The database id of an extraction's `i`-th sentence or entity.
fn lookup(ids: &[i64], i: usize, what: &'static str) -> Result<i64, StoreError> {
    ids.get(i).copied().ok_or(StoreError::BadReference {
        what,
        index: i,
        count: ids.len(),
    })
}

fn insert_extraction(
    tx: &rusqlite::Connection,
    doc_id: i64,
    article: &Article,
    ex: &Extraction,
) -> Result<(), StoreError> {
    let body = article.body.as_str();
    let mut sentence_ids = Vec::with_capacity(ex.sentences.len());
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO sentences (document_id, position, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (pos, s) in ex.sentences.iter().enumerate() {
            stmt.execute(params![
                doc_id,
                pos as i64,
                s.start as i64,
                s.end as i64,
                s.text(body)
            ])?;
            sentence_ids.push(tx.last_insert_rowid());
        }
    }
    let sentence = |i: usize| lookup(&sentence_ids, i, "sentence");

    let mut entity_ids = Vec::with_capacity(ex.entities.len());
    {
        let mut upsert = tx.prepare_cached(
            "INSERT INTO entities (kind, name, normalized) VALUES (?1, ?2, ?3)
             ON CONFLICT (kind, normalized) DO UPDATE SET kind = excluded.kind RETURNING id",
        )?;
        let mut alias = tx.prepare_cached(
            "INSERT INTO aliases (entity_id, alias, normalized) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        )?;
        for e in &ex.entities {
            let id: i64 = upsert
                .query_row(params![e.kind.as_str(), e.name, fold_name(&e.name)], |r| {
                    r.get(0)
                })?;
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                alias.execute(params![id, form, fold_name(form)])?;
            }
            entity_ids.push(id);
        }
    }
    let entity = |i: usize| lookup(&entity_ids, i, "entity");

    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO mentions (document_id, sentence_id, entity_id, start, end, surface) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for m in &ex.mentions {
            stmt.execute(params![
                doc_id,
                sentence(m.sentence)?,
                entity(m.entity)?,
                m.span.start as i64,
                m.span.end as i64,
                span_text(body, m.span)?
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO roles (entity_id, document_id, title, affiliation, former) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO NOTHING",
        )?;
        for r in &ex.roles {
            stmt.execute(params![
                entity(r.entity)?,
                doc_id,
                r.title,
                r.affiliation,
                r.former
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO statements (document_id, sentence_id, last_sentence_id, speaker_id, kind, cue, content,
                                     start, end, said_start, said_end, said_source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for s in &ex.statements {
            let (start, end, source) = dated(s.said, article.published);
            stmt.execute(params![
                doc_id,
                sentence(s.sentences.0)?,
                sentence(s.sentences.1)?,
                s.speaker.map(entity).transpose()?,
                s.kind.as_str(),
                s.cue,
                span_text(body, s.span)?,
                s.span.start as i64,
                s.span.end as i64,
                start,
                end,
                source
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO figures (document_id, sentence_id, surface, value, unit, kind, approximate, subject,
                                  start, end, period_start, period_end, period_source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for f in &ex.figures {
            let (start, end, source) = dated(f.period, article.published);
            stmt.execute(params![
                doc_id,
                sentence(f.sentence)?,
                span_text(body, f.span)?,
                f.value,
                f.unit,
                f.kind.as_str(),
                f.approximate,
                f.subject,
                f.span.start as i64,
                f.span.end as i64,
                start,
                end,
                source
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO dates (document_id, sentence_id, surface, start, end, date_start, date_end, granularity)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for d in &ex.dates {
            stmt.execute(params![
                doc_id,
                sentence(d.sentence)?,
                span_text(body, d.span)?,
                d.span.start as i64,
                d.span.end as i64,
                date_text(d.range.start),
                date_text(d.range.end),
                d.range.granularity.as_str()
            ])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Mention};

    fn article() -> Article {
        Article {
            published: NaiveDate::from_ymd_opt(2021, 8, 28),
            title: "T".into(),
            body: "Wang Yi spoke.".into(),
        }
    }

    fn count(store: &Store, table: &str) -> i64 {
        store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    fn extraction(mention: Span) -> Extraction {
        Extraction {
            sentences: vec![Span::new(0, 14)],
            entities: vec![Entity {
                kind: EntityKind::Person,
                name: "Wang Yi".into(),
                aliases: vec![],
            }],
            mentions: vec![Mention {
                entity: 0,
                sentence: 0,
                span: mention,
            }],
            ..Extraction::default()
        }
    }

    #[test]
    fn a_bad_extraction_leaves_nothing_behind() {
        let mut store = Store::open_in_memory().unwrap();
        let a = article();
        let bad = extraction(Span::new(8, 40));
        let doc = NewDocument {
            source: "a.txt",
            sha256: "x",
            article: &a,
            extraction: &bad,
        };
        let err = store.import_document(&doc, false).unwrap_err();
        assert!(err.to_string().contains("outside the text"), "{err}");
        for table in ["documents", "sentences", "entities", "mentions"] {
            assert_eq!(count(&store, table), 0, "{table}");
        }
    }

    #[test]
    fn same_entity_in_two_documents_is_one_row() {
        let mut store = Store::open_in_memory().unwrap();
        let a = article();
        let ex = extraction(Span::new(0, 7));
        for (source, sha) in [("a.txt", "1"), ("b.txt", "2")] {
            let doc = NewDocument {
                source,
                sha256: sha,
                article: &a,
                extraction: &ex,
            };
            assert!(matches!(
                store.import_document(&doc, false).unwrap(),
                Outcome::Imported(_)
            ));
        }
        assert_eq!(count(&store, "entities"), 1);
        assert_eq!(count(&store, "mentions"), 2);
        let doc = NewDocument {
            source: "c.txt",
            sha256: "1",
            article: &a,
            extraction: &ex,
        };
        assert!(matches!(
            store.import_document(&doc, false).unwrap(),
            Outcome::Skipped(_)
        ));
    }
}
