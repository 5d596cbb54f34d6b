//! Reading: runs queries with bound parameters and streams their rows into an output
//! sink, prepares users' SQL under the read-only guard, and holds the SQL of the export
//! and the listings.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::limits::Limit;
use rusqlite::types::ValueRef;
use rusqlite::{params_from_iter, Connection, Statement};

use super::guard::Guard;
use super::{Store, StoreError};
use crate::output::{Sink, Value};

/// A named parameter and its value, bound (never spliced) into a query.
pub type Param<'a> = (&'a str, Value);

fn to_sql(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::Null => rusqlite::types::Value::Null,
        Value::Integer(i) => rusqlite::types::Value::Integer(*i),
        Value::Real(f) => rusqlite::types::Value::Real(*f),
        Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
    }
}

fn from_sql(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Text(format!("<{} bytes>", b.len())),
    }
}

/// Why a query failed: the database, or the sink it was written to.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("could not write the output")]
    Output(#[from] std::io::Error),
}

impl From<rusqlite::Error> for ReadError {
    fn from(e: rusqlite::Error) -> Self {
        ReadError::Store(StoreError::Sqlite(e))
    }
}

impl Store {
    /// Runs `sql` with named parameters and streams every row into `sink`. Parameters the
    /// statement does not use are ignored. Returns the number of rows.
    pub fn query(
        &self,
        sql: &str,
        params: &[Param],
        sink: &mut dyn Sink,
    ) -> Result<usize, ReadError> {
        let mut stmt = self.conn().prepare(sql)?;
        stream(&mut stmt, params, sink)
    }

    /// Runs one user-supplied read-only statement under the guard (see `guard`): anything
    /// that could write, attach another file, load code or change a setting is refused
    /// while it is prepared, before it runs. It also runs under `limits`, so that a runaway
    /// statement ends by itself.
    pub fn query_read_only(
        &self,
        sql: &str,
        params: &[Param],
        sink: &mut dyn Sink,
        timeout: Option<Duration>,
    ) -> Result<usize, ReadError> {
        let limits = Limits::install(self.conn(), timeout)?;
        // Declared after the limits and before the statement so it outlives the statement:
        // SQLite may re-prepare a statement while stepping it, and that must happen under
        // the guard too.
        let guard = Guard::install(self.conn());
        let mut stmt = prepare_guarded(self.conn(), &guard, sql)?;
        // Table-valued pragmas and virtual tables prepare their own statements while this
        // one runs; a refusal there surfaces as an error here.
        stream(&mut stmt, params, sink).map_err(|e| match (e, guard.denied()) {
            (ReadError::Store(StoreError::Sqlite(_)), Some(what)) => {
                StoreError::NotReadOnly(format!("{what} is not authorized")).into()
            }
            (ReadError::Store(StoreError::Sqlite(e)), None) => limits.explain(e).into(),
            (e, _) => e,
        })
    }

    /// How many rows `sql` returns.
    pub fn count_rows(&self, sql: &str, params: &[Param]) -> Result<usize, ReadError> {
        struct First(i64);
        impl Sink for First {
            fn columns(&mut self, _: &[String]) -> std::io::Result<()> {
                Ok(())
            }
            fn row(&mut self, row: &[Value]) -> std::io::Result<()> {
                if let Some(Value::Integer(n)) = row.first() {
                    self.0 = *n;
                }
                Ok(())
            }
            fn finish(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut count = First(0);
        self.query(&format!("SELECT count(*) FROM ({sql})"), params, &mut count)?;
        Ok(count.0 as usize)
    }

    /// Checks that `query` is a valid FTS5 query for the full-text table `fts_table`, so
    /// that a mistake is reported before any output is written.
    pub fn check_fts_query(&self, fts_table: &str, query: &str) -> Result<(), StoreError> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT count(*) FROM (SELECT 1 FROM {fts_table} WHERE {fts_table} MATCH ?1 LIMIT 1)"
                ),
                [query],
                |_| Ok(()),
            )
            .map_err(|e| StoreError::BadSearch {
                query: query.to_owned(),
                problem: sqlite_message(&e),
            })
    }

    /// The names of the columns `sql` returns, without running it.
    pub fn column_names(&self, sql: &str) -> Result<Vec<String>, StoreError> {
        let stmt = self.conn().prepare(sql)?;
        Ok(stmt.column_names().into_iter().map(str::to_owned).collect())
    }

    /// Row counts of the main tables, in schema order.
    pub fn table_counts(&self) -> Result<Vec<(&'static str, i64)>, StoreError> {
        TABLES
            .iter()
            .map(|t| {
                let n: i64 =
                    self.conn()
                        .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
                Ok((*t, n))
            })
            .collect()
    }

    /// Size of the database in bytes (pages in use times page size).
    pub fn size_bytes(&self) -> Result<i64, StoreError> {
        Ok(self.conn().query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )?)
    }
}

/// Prepares `sql` as exactly one read-only statement on `conn`, which `guard` protects.
/// Refused twice over: by the authorizer while preparing, and by SQLite's own verdict on
/// the prepared statement (which catches `VACUUM`, as it involves no authorizer action).
pub(crate) fn prepare_guarded<'c>(
    conn: &'c Connection,
    guard: &Guard,
    sql: &str,
) -> Result<Statement<'c>, StoreError> {
    let refused = |e: rusqlite::Error| match guard.denied() {
        Some(what) => StoreError::NotReadOnly(format!("{what} is not authorized")),
        None => StoreError::Sqlite(e),
    };
    // A batch yields statements one at a time: exactly one must be there.
    let mut batch = rusqlite::Batch::new(conn, sql);
    let Some(stmt) = batch.next().map_err(refused)? else {
        return Err(StoreError::NotReadOnly("the query is empty".into()));
    };
    if batch.next().map_err(refused)?.is_some() {
        return Err(StoreError::NotReadOnly("give exactly one statement".into()));
    }
    if !stmt.readonly() {
        return Err(StoreError::NotReadOnly(
            "this statement would change the database".into(),
        ));
    }
    Ok(stmt)
}

/// SQLite's own words for an error ("no such table: nope"), without the error code.
pub fn sqlite_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    }
}

fn stream(stmt: &mut Statement, params: &[Param], sink: &mut dyn Sink) -> Result<usize, ReadError> {
    let columns: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
    // Bind by name, in the statement's own parameter order; unused ones are left out.
    let mut values = Vec::with_capacity(stmt.parameter_count());
    for i in 1..=stmt.parameter_count() {
        let name = stmt
            .parameter_name(i)
            .unwrap_or("")
            .trim_start_matches([':', '@', '$'])
            .to_owned();
        let value = params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| to_sql(v));
        match value {
            Some(v) => values.push(v),
            None => return Err(StoreError::MissingParam(name).into()),
        }
    }
    sink.columns(&columns)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    let mut n = 0;
    let mut row_values = Vec::with_capacity(columns.len());
    while let Some(row) = rows.next()? {
        row_values.clear();
        for i in 0..columns.len() {
            row_values.push(from_sql(row.get_ref(i)?));
        }
        sink.row(&row_values)?;
        n += 1;
    }
    sink.finish()?;
    Ok(n)
}

/// The longest string or blob a user's statement may make or read (SQLite's own default is
/// a billion bytes): far above any stored article, far below what would exhaust memory.
const MAX_VALUE_BYTES: i32 = 256 << 20;

/// The most memory SQLite may take while a user's statement runs. Temporary tables, sorts
/// and the queues of recursive CTEs are kept in memory (`temp_store = MEMORY`) rather than
/// in temporary files, so this one bound covers them all: SQLite has no limit on the size
/// of its temporary files, and an unbounded query would otherwise fill the disk.
const MAX_QUERY_MEMORY: i64 = 512 << 20;

/// SQLite virtual-machine steps between checks of the clock: often enough to stop within a
/// few milliseconds, rare enough to cost nothing measurable.
const STEPS_PER_CHECK: i32 = 10_000;

/// The bounds on a user's statement, in force while this value lives.
struct Limits<'c> {
    conn: &'c Connection,
    timeout: Option<Duration>,
    timed_out: Arc<AtomicBool>,
}

impl<'c> Limits<'c> {
    fn install(conn: &'c Connection, timeout: Option<Duration>) -> Result<Limits<'c>, StoreError> {
        conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // SAFETY: sets a process-wide number; callable at any time from any thread.
        unsafe { rusqlite::ffi::sqlite3_hard_heap_limit64(MAX_QUERY_MEMORY) };
        let timed_out = Arc::new(AtomicBool::new(false));
        if let Some(timeout) = timeout {
            let started = Instant::now();
            let flag = Arc::clone(&timed_out);
            conn.progress_handler(
                STEPS_PER_CHECK,
                Some(move || {
                    let over = started.elapsed() > timeout;
                    if over {
                        flag.store(true, Ordering::Relaxed);
                    }
                    over
                }),
            );
        }
        Ok(Limits {
            conn,
            timeout,
            timed_out,
        })
    }

    /// The error to report for `e`: which limit stopped the statement, if one did.
    fn explain(&self, e: rusqlite::Error) -> StoreError {
        let code = e.sqlite_error_code();
        match (self.timeout, code) {
            (Some(timeout), Some(rusqlite::ErrorCode::OperationInterrupted))
                if self.timed_out.load(Ordering::Relaxed) =>
            {
                StoreError::TimedOut(timeout.as_secs())
            }
            (_, Some(rusqlite::ErrorCode::OutOfMemory)) => {
                StoreError::OutOfMemory(MAX_QUERY_MEMORY >> 20)
            }
            (_, Some(rusqlite::ErrorCode::TooBig)) => StoreError::TooBig(MAX_VALUE_BYTES >> 20),
            _ => StoreError::Sqlite(e),
        }
    }
}

impl Drop for Limits<'_> {
    fn drop(&mut self) {
        self.conn.progress_handler(0, None::<fn() -> bool>);
    }
}

/// The tables `stats` counts and `export` writes, in order.
pub const TABLES: &[&str] = &[
    "documents",
    "sentences",
    "entities",
    "aliases",
    "mentions",
    "roles",
    "statements",
    "figures",
    "dates",
    "saved_queries",
];

/// The query that exports `table`, with entity and document names joined in so every file
/// reads on its own. `document` is the source path, as the scorer expects.
pub fn export_sql(table: &str) -> Option<&'static str> {
    Some(match table {
        "documents" => {
            "SELECT d.id, d.source AS document, d.published, d.title, d.sha256, d.imported_at, d.extractor_version,
                    (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentences
             FROM documents d ORDER BY d.id"
        }
        "sentences" => {
            "SELECT s.id, d.source AS document, s.document_id, s.position, s.start, s.end, s.text
             FROM sentences s JOIN documents d ON d.id = s.document_id ORDER BY s.document_id, s.position"
        }
        "entities" => {
            "SELECT e.id, e.kind, e.name,
                    (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,
                    (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = e.id) AS documents
             FROM entities e ORDER BY e.kind, e.name, e.id"
        }
        "aliases" => {
            "SELECT a.entity_id, e.kind, e.name, a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id
             ORDER BY e.kind, e.name, a.alias"
        }
        "mentions" => {
            "SELECT d.source AS document, e.kind, e.name, m.surface, m.start, m.end, m.entity_id, m.document_id
             FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.document_id
             ORDER BY m.document_id, m.start"
        }
        "roles" => {
            "SELECT d.source AS document, e.name AS person, r.title, r.affiliation, r.former, r.entity_id, r.document_id
             FROM roles r JOIN entities e ON e.id = r.entity_id JOIN documents d ON d.id = r.document_id
             ORDER BY r.document_id, e.name, r.title"
        }
        "statements" => {
            "SELECT d.source AS document, e.name AS speaker, s.kind, s.cue, s.content AS text,
                    s.said_start, s.said_end, s.said_source, s.start, s.end, s.speaker_id, s.document_id,
                    s.speaker_basis
             FROM statements s JOIN documents d ON d.id = s.document_id LEFT JOIN entities e ON e.id = s.speaker_id
             ORDER BY s.document_id, s.start"
        }
        "figures" => {
            "SELECT d.source AS document, f.value, f.unit, f.kind, f.surface AS text, f.approximate, f.subject,
                    f.period_start, f.period_end, f.period_source, f.start, f.end, f.document_id
             FROM figures f JOIN documents d ON d.id = f.document_id ORDER BY f.document_id, f.start"
        }
        "dates" => {
            "SELECT d.source AS document, t.surface AS text, t.date_start, t.date_end, t.granularity, t.start, t.end,
                    t.document_id
             FROM dates t JOIN documents d ON d.id = t.document_id ORDER BY t.document_id, t.start"
        }
        "saved_queries" => "SELECT name, description, sql, created_at FROM saved_queries ORDER BY name",
        _ => return None,
    })
}

/// The storage type of an exported column, as SQLite declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Integer,
    Real,
    Text,
}

/// One column of an export query: its name, type and whether it can be NULL (a nullable
/// schema column, or a name joined in from an optional row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportColumn {
    pub name: &'static str,
    pub kind: ColumnType,
    pub nullable: bool,
}

const fn int(name: &'static str) -> ExportColumn {
    ExportColumn {
        name,
        kind: ColumnType::Integer,
        nullable: false,
    }
}
const fn text(name: &'static str) -> ExportColumn {
    ExportColumn {
        name,
        kind: ColumnType::Text,
        nullable: false,
    }
}
const fn real(name: &'static str) -> ExportColumn {
    ExportColumn {
        name,
        kind: ColumnType::Real,
        nullable: false,
    }
}
const fn nullable(c: ExportColumn) -> ExportColumn {
    ExportColumn {
        nullable: true,
        ..c
    }
}

/// The columns `export_sql(table)` returns, in order, with their types (for typed formats
/// such as Parquet). Kept in step with the SQL by a test.
pub fn export_columns(table: &str) -> Option<&'static [ExportColumn]> {
    Some(match table {
        "documents" => {
            const {
                &[
                    int("id"),
                    text("document"),
                    nullable(text("published")),
                    text("title"),
                    text("sha256"),
                    text("imported_at"),
                    int("extractor_version"),
                    int("sentences"),
                ]
            }
        }
        "sentences" => {
            const {
                &[
                    int("id"),
                    text("document"),
                    int("document_id"),
                    int("position"),
                    int("start"),
                    int("end"),
                    text("text"),
                ]
            }
        }
        "entities" => {
            const {
                &[
                    int("id"),
                    text("kind"),
                    text("name"),
                    int("mentions"),
                    int("documents"),
                ]
            }
        }
        "aliases" => const { &[int("entity_id"), text("kind"), text("name"), text("alias")] },
        "mentions" => {
            const {
                &[
                    text("document"),
                    text("kind"),
                    text("name"),
                    text("surface"),
                    int("start"),
                    int("end"),
                    int("entity_id"),
                    int("document_id"),
                ]
            }
        }
        "roles" => {
            const {
                &[
                    text("document"),
                    text("person"),
                    text("title"),
                    nullable(text("affiliation")),
                    int("former"),
                    int("entity_id"),
                    int("document_id"),
                ]
            }
        }
        "statements" => {
            const {
                &[
                    text("document"),
                    nullable(text("speaker")),
                    text("kind"),
                    nullable(text("cue")),
                    text("text"),
                    nullable(text("said_start")),
                    nullable(text("said_end")),
                    text("said_source"),
                    int("start"),
                    int("end"),
                    nullable(int("speaker_id")),
                    int("document_id"),
                    nullable(text("speaker_basis")),
                ]
            }
        }
        "figures" => {
            const {
                &[
                    text("document"),
                    real("value"),
                    text("unit"),
                    text("kind"),
                    text("text"),
                    nullable(text("approximate")),
                    nullable(text("subject")),
                    nullable(text("period_start")),
                    nullable(text("period_end")),
                    text("period_source"),
                    int("start"),
                    int("end"),
                    int("document_id"),
                ]
            }
        }
        "dates" => {
            const {
                &[
                    text("document"),
                    text("text"),
                    text("date_start"),
                    text("date_end"),
                    text("granularity"),
                    int("start"),
                    int("end"),
                    int("document_id"),
                ]
            }
        }
        "saved_queries" => {
            const {
                &[
                    text("name"),
                    nullable(text("description")),
                    text("sql"),
                    text("created_at"),
                ]
            }
        }
        _ => return None,
    })
}

/// Documents, newest first, optionally limited to a publication period (inclusive ISO
/// dates; NULL bounds are open) or, with :undated, to those without a publication date.
pub const DOCUMENTS_SQL: &str = "
    SELECT d.id, d.published, d.title, d.source,
           (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentences
    FROM documents d
    WHERE (:from IS NULL OR d.published >= :from) AND (:to IS NULL OR d.published <= :to)
      AND (NOT :undated OR d.published IS NULL)
    ORDER BY d.published IS NULL, d.published DESC, d.id DESC
    LIMIT :limit OFFSET :offset";

/// Full-text search over titles and bodies, best match first, with a snippet.
///
/// The best matches are ranked first on the index alone; only they are then looked up and
/// given a snippet (CROSS JOIN keeps that order). Computing snippets before the LIMIT
/// would make a common word cost a snippet per matching document.
pub const SEARCH_SQL: &str = "
    WITH top AS (
        SELECT rowid AS id, bm25(documents_fts, 5.0, 1.0) AS score
        FROM documents_fts WHERE documents_fts MATCH :query
        ORDER BY score, rowid LIMIT :limit OFFSET :offset)
    SELECT d.id, d.published, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet, d.source
    FROM top
    CROSS JOIN documents_fts ON documents_fts.rowid = top.id
    JOIN documents d ON d.id = top.id
    WHERE documents_fts MATCH :query
    ORDER BY top.score, top.id";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_columns_match_the_export_queries() {
        let store = Store::open_in_memory().unwrap();
        for table in TABLES {
            let stmt = store.conn().prepare(export_sql(table).unwrap()).unwrap();
            let names: Vec<&str> = export_columns(table)
                .unwrap()
                .iter()
                .map(|c| c.name)
                .collect();
            assert_eq!(stmt.column_names(), names, "{table}");
        }
        assert!(export_columns("documents_fts").is_none());
    }
}
