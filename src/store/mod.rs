//! The SQLite store: the only module that talks to the database. Opening applies the
//! connection settings (WAL, foreign keys, busy timeout) and the migrations; `write` saves
//! extractions, `read` streams query results into an output sink (users' SQL under
//! `guard`), `check` verifies a database and `backup` copies one while it is in use.

pub mod backup;
pub mod check;
mod guard;
pub mod listing;
mod migrate;
pub mod read;
pub mod saved;
pub mod upgrade;
pub mod write;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

pub use migrate::{migrate_with, schema_version, MIGRATIONS};

/// Errors from the store, with enough context to act on.
#[derive(Debug, Error)]
pub enum StoreError {
    /// SQLite's own message ("no such table: nope"), without the generic text of its code.
    #[error("{}", read::sqlite_message(.0))]
    Sqlite(rusqlite::Error),
    #[error("the database was created by a newer version of dossier (schema version {found}, this build knows up to {known}); upgrade dossier to open it")]
    TooNew { found: usize, known: usize },
    #[error("migration {name} failed")]
    Migration {
        name: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "only read-only statements are allowed here (SELECT, WITH, EXPLAIN, read-only PRAGMA); {0}"
    )]
    NotReadOnly(String),
    #[error("extraction produced a span {start}..{end} outside the text (length {len})")]
    BadSpan {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("extraction refers to {what} {index} but has only {count}")]
    BadReference {
        what: &'static str,
        index: usize,
        count: usize,
    },
    #[error("query parameter :{0} has no value; pass it with --param {0}=VALUE")]
    MissingParam(String),
    #[error("invalid search {query:?}: {problem} (without --raw, words are matched as typed)")]
    BadSearch { query: String, problem: String },
    #[error("no database at {0}; import some articles first (dossier import PATH)")]
    Missing(String),
    #[error("{0}: {1}")]
    Backup(String, String),
    #[error("a saved query called {0:?} exists already")]
    QueryExists(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// An open database.
pub struct Store {
    conn: Connection,
    /// For a read-only open that created the `-wal` and `-shm` files: removes them once
    /// `conn` is closed (fields drop in declaration order, so this comes after `conn`).
    _tidy: Option<RemoveCompanions>,
}

/// Removes the `-wal` and `-shm` files that a read-only connection leaves behind. A
/// read-only connection may not delete them when it closes, so a writable connection is
/// opened for a moment: when it closes as the last connection, SQLite removes both itself.
/// When another process has the database open, that connection is not the last, and
/// SQLite leaves them, as it must. Used only when the files did not exist before, so the
/// WAL holds nothing and closing writes nothing to the database.
struct RemoveCompanions {
    path: std::path::PathBuf,
}

impl Drop for RemoveCompanions {
    fn drop(&mut self) {
        if let Ok(conn) = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) {
            // Opening is lazy: a read makes the connection join the WAL it must close.
            let _ = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()));
            let _ = conn.close();
        }
    }
}

/// `path` with `suffix` appended to its file name (`db` → `db-wal`).
fn companion(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// How long a writer waits for another process's lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

impl Store {
    /// Opens (creating if needed) the database at `path` for reading and writing, and
    /// brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_handler(Some(wait_for_lock))?;
        // WAL lets readers run while an import writes; NORMAL sync is durable at checkpoints
        // and keeps commits cheap. Switching a new database to WAL needs an exclusive lock,
        // and SQLite reports a busy database here without waiting when another process is
        // opening it at the same moment; so wait and retry, as the busy timeout would.
        retry_while_busy(|| {
            let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                conn.pragma_update(None, "journal_mode", "WAL")?;
            }
            Ok(())
        })?;
        Self::configure(conn)
    }

    /// Opens an existing database read-only, refusing writes at the SQLite level.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing(path.display().to_string()));
        }
        let leaves_companions =
            !companion(path, "-wal").exists() && !companion(path, "-shm").exists();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", true)?;
        register_functions(&conn)?;
        let version = schema_version(&conn)?;
        if version > MIGRATIONS.len() {
            return Err(StoreError::TooNew {
                found: version,
                known: MIGRATIONS.len(),
            });
        }
        if version < MIGRATIONS.len() {
            // An older database: upgrade it through a writable connection first.
            drop(conn);
            drop(Self::open(path)?);
            return Self::open_read_only(path);
        }
        Ok(Store {
            conn,
            _tidy: leaves_companions.then(|| RemoveCompanions {
                path: path.to_owned(),
            }),
        })
    }

    /// A fresh in-memory database with the full schema (for tests and benchmarks).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::configure(Connection::open_in_memory()?)
    }

    fn configure(mut conn: Connection) -> Result<Store, StoreError> {
        register_functions(&conn)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrate::migrate(&mut conn)?;
        Ok(Store { conn, _tidy: None })
    }

    /// Settings for a long run of writes: a larger page cache, so that the indexes being
    /// extended stay in memory as the database grows (64 MiB, well inside import's memory
    /// budget), and checkpoints every 256 MiB of WAL instead of 4 MiB. In a large database
    /// each article's index entries land on some thirty scattered pages, each written to
    /// the WAL and again at the checkpoint; checkpointing less often writes a page touched
    /// by several batches once (a quarter less I/O at a million articles).
    pub fn prepare_for_bulk_writes(&self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "cache_size", -65536)?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 65536)?;
        Ok(())
    }

    /// Runs `reads` inside one read transaction, so every query it makes sees the same
    /// snapshot of the database however much another process commits meanwhile (in WAL
    /// mode this holds no writer up).
    pub fn in_one_snapshot<T, E: From<StoreError>>(
        &self,
        reads: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let snapshot = self
            .conn
            .unchecked_transaction()
            .map_err(StoreError::from)?;
        // A deferred transaction takes its snapshot at its first read.
        snapshot
            .query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
            .map_err(StoreError::from)?;
        let result = reads(self);
        // Ending a read-only transaction cannot lose anything; its error does not matter.
        let _ = snapshot.finish();
        result
    }

    /// The underlying connection, for the store's own submodules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The underlying connection, read-only use (schema version and the like).
    pub fn conn_ref(&self) -> &Connection {
        &self.conn
    }
}

/// How often a writer waiting for another writer's lock tries again. SQLite's own busy
/// timeout backs off to 100 ms between tries, so a writer that commits and begins again
/// within a few milliseconds (a long `reextract`) could keep it waiting until it gives up;
/// trying every millisecond catches the short pause such a writer leaves between its
/// transactions.
pub(crate) const BUSY_POLL: Duration = Duration::from_millis(1);

/// The busy handler of writable connections: waits [`BUSY_POLL`] and tries again, for at
/// most the busy timeout.
fn wait_for_lock(tries: i32) -> bool {
    std::thread::sleep(BUSY_POLL);
    u128::from(tries.unsigned_abs()) * BUSY_POLL.as_millis() < BUSY_TIMEOUT.as_millis()
}

/// Runs `op` again while it fails because another connection holds a lock, backing off
/// from 1 ms up to 100 ms between tries, for at most the busy timeout.
fn retry_while_busy<T>(
    mut op: impl FnMut() -> Result<T, rusqlite::Error>,
) -> Result<T, rusqlite::Error> {
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match op() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            result => return result,
        }
    }
}

/// SQL functions dossier's queries use: `fold(text)` gives the same identity key as
/// `normalize::fold_name`, so names match whatever their case and accents.
fn register_functions(conn: &Connection) -> Result<(), StoreError> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "fold",
        1,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| {
            Ok(ctx
                .get::<Option<String>>(0)?
                .map(|s| crate::normalize::fold_name(&s)))
        },
    )?;
    Ok(())
}
