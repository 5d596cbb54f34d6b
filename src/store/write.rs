//! Writing extractions: many documents per transaction, each stored whole or not at all, so
//! that a failure never leaves half a document behind. Entities are merged across documents on (kind, folded canonical name).

use chrono::{NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, TransactionBehavior};

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
    /// The same content was stored with another publication date; it now has the new one,
    /// and what was extracted from it was replaced.
    Redated(i64),
}

/// A document to store: where it came from, its content hash, the parsed article and what
/// was extracted from it.
pub struct NewDocument<'a> {
    /// The path as text, for people to read (a name that is not UTF-8 loses bytes here).
    pub source: &'a str,
    /// The path's own bytes: what `--replace` matches, so that two names that read alike
    /// are never taken for one.
    pub source_path: &'a [u8],
    pub sha256: &'a str,
    pub article: &'a Article,
    pub extraction: &'a Extraction,
    /// When the same content is stored with another publication date, give it this one.
    pub redate: bool,
}

impl Store {
    /// The id of the document with this content hash, if one is stored.
    pub fn document_with_sha(&self, sha256: &str) -> Result<Option<i64>, StoreError> {
        stored(&self.conn, sha256)
    }

    /// Stores several documents in one transaction and returns what happened to each, in
    /// order. A document is stored whole or not at all: when one fails, the transaction is
    /// rolled back and the documents are written again one savepoint each, so the failure
    /// is reported against that document alone and the others still land.
    ///
    /// The fast path has no savepoints on purpose: a savepoint makes the full-text indexes
    /// flush their pending terms, which costs about a fifth of import time when done per
    /// document. Extractions should be checked with [`validate`] first so that the slow path
    /// is only taken on a database error.
    pub fn import_documents(
        &mut self,
        docs: &[NewDocument],
        replace: bool,
    ) -> Result<Vec<Result<Outcome, StoreError>>, StoreError> {
        {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut unindexed = Unindexed::default();
            let all: Result<Vec<Outcome>, StoreError> = docs
                .iter()
                .map(|doc| insert_document(&tx, doc, replace, &mut unindexed))
                .collect();
            if let (Ok(outcomes), Ok(())) = (all, unindexed.index(&tx)) {
                if tx.commit().is_ok() {
                    return Ok(outcomes.into_iter().map(Ok).collect());
                }
            }
            // Dropping the transaction rolls it back.
        }
        let mut tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for doc in docs {
            let sp = tx.savepoint()?;
            let mut unindexed = Unindexed::default();
            let outcome = insert_document(&sp, doc, replace, &mut unindexed)
                .and_then(|outcome| unindexed.index(&sp).map(|()| outcome));
            if outcome.is_ok() {
                sp.commit()?;
            }
            outcomes.push(outcome);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// Stores one document in its own transaction (see [`Store::import_documents`]).
    pub fn import_document(
        &mut self,
        doc: &NewDocument,
        replace: bool,
    ) -> Result<Outcome, StoreError> {
        self.import_documents(std::slice::from_ref(doc), replace)?
            .pop()
            .expect("one outcome per document")
    }
}

fn stored(conn: &rusqlite::Connection, sha256: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
        .query_row([sha256], |r| r.get(0))
        .optional()?)
}

/// Writes one document and its extraction inside the caller's transaction. Identical
/// content is skipped; with `replace`, earlier documents from the same source go first.
fn insert_document(
    conn: &rusqlite::Connection,
    doc: &NewDocument,
    replace: bool,
    unindexed: &mut Unindexed,
) -> Result<Outcome, StoreError> {
    if let Some(id) = stored(conn, doc.sha256)? {
        if doc.redate && redate(conn, id, doc, unindexed)? {
            return Ok(Outcome::Redated(id));
        }
        return Ok(Outcome::Skipped(id));
    }
    let mut replaced = false;
    if replace {
        // The delete triggers remove full-text rows, so every document they may touch must
        // have its rows first.
        unindexed.index(conn)?;
        replaced = conn
            .prepare_cached("DELETE FROM documents WHERE source_path = ?1")?
            .execute([doc.source_path])?
            > 0;
    }
    conn.prepare_cached(
        "INSERT INTO documents (source, source_path, sha256, published, title, body, imported_at, extractor_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        doc.source,
        doc.source_path,
        doc.sha256,
        doc.article.published.map(|d| d.to_string()),
        doc.article.title,
        doc.article.body,
        Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        EXTRACTOR_VERSION,
    ])?;
    let id = conn.last_insert_rowid();
    insert_extraction(conn, id, doc.article, doc.extraction)?;
    unindexed.add(id);
    Ok(if replaced {
        Outcome::Replaced(id)
    } else {
        Outcome::Imported(id)
    })
}

/// Gives stored document `id` the publication date of `doc` (the same content) when it has
/// another one, and replaces its extraction, since relative dates and the dates of
/// statements and figures follow the publication date. Returns whether it did.
fn redate(
    conn: &rusqlite::Connection,
    id: i64,
    doc: &NewDocument,
    unindexed: &mut Unindexed,
) -> Result<bool, StoreError> {
    let published: Option<String> = conn
        .prepare_cached("SELECT published FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let wanted = doc.article.published.map(date_text);
    if published == wanted {
        return Ok(false);
    }
    // The delete triggers remove full-text rows (see `insert_document`).
    unindexed.index(conn)?;
    conn.prepare_cached(
        "UPDATE documents SET published = ?2, extractor_version = ?3 WHERE id = ?1",
    )?
    .execute(params![id, wanted, EXTRACTOR_VERSION])?;
    // Mentions, statements, figures and dates hang off sentences and go with them.
    conn.prepare_cached("DELETE FROM roles WHERE document_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM sentences WHERE document_id = ?1")?
        .execute([id])?;
    insert_extraction(conn, id, doc.article, doc.extraction)?;
    index_statements(conn, id, id)?;
    Ok(true)
}

/// Documents written in the current transaction whose text is not yet in the full-text
/// indexes: one `INSERT ... SELECT` per batch indexes them all (see migration 0002).
#[derive(Default)]
struct Unindexed {
    /// The lowest and highest such document ids. New ids only grow within a transaction,
    /// so every document between them is new.
    range: Option<(i64, i64)>,
}

impl Unindexed {
    fn add(&mut self, id: i64) {
        let (first, last) = self.range.get_or_insert((id, id));
        *first = (*first).min(id);
        *last = (*last).max(id);
    }

    /// Writes the full-text rows of the documents and their statements.
    fn index(&mut self, conn: &rusqlite::Connection) -> Result<(), StoreError> {
        if let Some((first, last)) = self.range.take() {
            conn.prepare_cached(
                "INSERT INTO documents_fts (rowid, title, body)
                 SELECT id, title, body FROM documents WHERE id BETWEEN ?1 AND ?2",
            )?
            .execute([first, last])?;
            index_statements(conn, first, last)?;
        }
        Ok(())
    }
}

/// Writes the full-text rows of the statements of documents `first..=last`.
fn index_statements(conn: &rusqlite::Connection, first: i64, last: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO statements_fts (rowid, content)
         SELECT id, content FROM statements WHERE document_id BETWEEN ?1 AND ?2",
    )?
    .execute([first, last])?;
    Ok(())
}

/// Checks that an extraction fits its article: every span lies on character boundaries
/// inside the body and every reference points at an existing sentence or entity. Pure, so
/// that import can run it on its worker threads and keep bad documents off the writer.
pub fn validate(body: &str, ex: &Extraction) -> Result<(), StoreError> {
    let span = |s: Span| span_text(body, s).map(drop);
    let sentence = |i: usize| check_index(i, ex.sentences.len(), "sentence");
    let entity = |i: usize| check_index(i, ex.entities.len(), "entity");
    ex.sentences.iter().try_for_each(|s| span(*s))?;
    for m in &ex.mentions {
        span(m.span)?;
        sentence(m.sentence)?;
        entity(m.entity)?;
    }
    ex.roles.iter().try_for_each(|r| entity(r.entity))?;
    for s in &ex.statements {
        span(s.span)?;
        sentence(s.sentences.0)?;
        sentence(s.sentences.1)?;
        s.speaker.map(entity).transpose()?;
    }
    for f in &ex.figures {
        span(f.span)?;
        sentence(f.sentence)?;
    }
    for d in &ex.dates {
        span(d.span)?;
        sentence(d.sentence)?;
    }
    Ok(())
}

fn check_index(index: usize, count: usize, what: &'static str) -> Result<(), StoreError> {
    if index < count {
        Ok(())
    } else {
        Err(StoreError::BadReference { what, index, count })
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

/// Writes the rows extracted from document `doc_id` inside the caller's transaction.
pub(super) fn insert_extraction(
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
                span_text(body, *s)?
            ])?;
            sentence_ids.push(tx.last_insert_rowid());
        }
    }
    let sentence = |i: usize| lookup(&sentence_ids, i, "sentence");

    let mut entity_ids = Vec::with_capacity(ex.entities.len());
    {
        // Look up before inserting: most entities of a large import already exist, and an
        // upsert would rewrite their row every time.
        let mut find =
            tx.prepare_cached("SELECT id FROM entities WHERE kind = ?1 AND normalized = ?2")?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO entities (kind, name, normalized) VALUES (?1, ?2, ?3) RETURNING id",
        )?;
        // OR IGNORE rather than an upsert: an upsert needs a statement journal, and opening
        // one makes the full-text indexes flush (see `Unindexed`).
        let mut alias = tx.prepare_cached(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, normalized) VALUES (?1, ?2, ?3)",
        )?;
        for e in &ex.entities {
            let normalized = fold_name(&e.name);
            let kind = e.kind.as_str();
            let id: i64 = match find
                .query_row(params![kind, normalized], |r| r.get(0))
                .optional()?
            {
                Some(id) => id,
                None => insert.query_row(params![kind, e.name, normalized], |r| r.get(0))?,
            };
            alias.execute(params![id, e.name, normalized])?;
            for form in &e.aliases {
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
            "INSERT OR IGNORE INTO roles (entity_id, document_id, title, affiliation, former)
             VALUES (?1, ?2, ?3, ?4, ?5)",
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
                                     start, end, said_start, said_end, said_source, speaker_basis)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
                source,
                s.speaker_basis.map(|b| b.as_str())
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

    fn fts_matches(store: &Store, word: &str) -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1",
                [word],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn one_bad_document_in_a_batch_fails_alone_and_the_rest_is_searchable() {
        let mut store = Store::open_in_memory().unwrap();
        let a = article();
        let good = extraction(Span::new(0, 7));
        let bad = extraction(Span::new(8, 40));
        let docs = [
            ("a.txt", "1", &good),
            ("b.txt", "2", &bad),
            ("c.txt", "3", &good),
        ];
        let docs: Vec<NewDocument> = docs
            .iter()
            .map(|(source, sha256, extraction)| NewDocument {
                source,
                source_path: source.as_bytes(),
                sha256,
                article: &a,
                extraction,
                redate: false,
            })
            .collect();
        let outcomes = store.import_documents(&docs, false).unwrap();
        assert!(matches!(outcomes[0], Ok(Outcome::Imported(_))));
        assert!(matches!(outcomes[1], Err(StoreError::BadSpan { .. })));
        assert!(matches!(outcomes[2], Ok(Outcome::Imported(_))));
        assert_eq!(count(&store, "documents"), 2);
        assert_eq!(count(&store, "mentions"), 2);
        // Both stored documents have their full-text rows, and only they.
        assert_eq!(fts_matches(&store, "wang"), 2);
        assert!(validate(&a.body, &bad).is_err());
        assert!(validate(&a.body, &good).is_ok());
    }

    #[test]
    fn a_bad_extraction_leaves_nothing_behind() {
        let mut store = Store::open_in_memory().unwrap();
        let a = article();
        let bad = extraction(Span::new(8, 40));
        let doc = NewDocument {
            source: "a.txt",
            source_path: b"a.txt",
            sha256: "x",
            article: &a,
            extraction: &bad,
            redate: false,
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
                source_path: source.as_bytes(),
                sha256: sha,
                article: &a,
                extraction: &ex,
                redate: false,
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
            source_path: b"c.txt",
            sha256: "1",
            article: &a,
            extraction: &ex,
            redate: false,
        };
        assert!(matches!(
            store.import_document(&doc, false).unwrap(),
            Outcome::Skipped(_)
        ));
    }
}
