//! Users' SQL cannot change anything: `dossier sql`, saving a query and running a saved
//! one each refuse writes, ATTACH, extensions, pragmas that set a value and VACUUM, with a
//! clear message, and leave the database (and the file system) as they were.

use assert_cmd::Command;
use predicates::prelude::*;
use rusqlite::{Connection, OpenFlags};

use crate::util::{seed_path, Dir};

const REFUSED: &str = "only read-only statements are allowed here";

/// Everything a refused statement could have changed: the schema, the row count of every
/// table, the persistent pragmas and the file header's journal mode.
fn fingerprint(dir: &Dir) -> String {
    let conn = Connection::open_with_flags(dir.db(), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut out = String::new();
    for pragma in [
        "user_version",
        "journal_mode",
        "application_id",
        "page_size",
    ] {
        let v: rusqlite::types::Value =
            conn.pragma_query_value(None, pragma, |r| r.get(0)).unwrap();
        out.push_str(&format!("{pragma}={v:?}\n"));
    }
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY name")
        .unwrap();
    let objects: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (kind, name, sql) in objects {
        out.push_str(&format!("{kind} {name}: {sql}\n"));
        if kind == "table" {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM \"{name}\""), [], |r| {
                    r.get(0)
                })
                .unwrap();
            out.push_str(&format!("  rows {n}\n"));
        }
    }
    out
}

fn with_seed() -> Dir {
    let dir = Dir::new();
    dir.import(&[&seed_path()]);
    // One saved query, so a statement that wipes or rewrites it would show.
    dir.run_ok(&["query", "save", "docs", "SELECT id FROM documents"]);
    dir
}

/// Runs `args`, asserting exit code 1 and an error naming the refusal, and that the
/// database is unchanged.
fn assert_refused(dir: &Dir, args: &[&str], reason: &str) {
    let before = fingerprint(dir);
    Command::from_std(dir.cmd())
        .args(args)
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with("dossier: error: ")
                .and(predicate::str::contains(REFUSED))
                .and(predicate::str::contains(reason)),
        );
    assert_eq!(fingerprint(dir), before, "{args:?} changed the database");
}

/// `dossier sql SQL` and `dossier query save NAME SQL` are both refused.
fn assert_sql_refused(sql: &str, reason: &str) -> Dir {
    let dir = with_seed();
    assert_refused(&dir, &["sql", sql], reason);
    assert_refused(&dir, &["query", "save", "bad", sql], reason);
    Command::from_std(dir.cmd())
        .args(["query", "bad"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no query called \"bad\""));
    dir
}

#[test]
fn insert_is_refused() {
    assert_sql_refused(
        "INSERT INTO saved_queries (name, sql, created_at) VALUES ('x', 'SELECT 1', 'now')",
        "INSERT into saved_queries is not authorized",
    );
}

#[test]
fn update_is_refused() {
    assert_sql_refused(
        "UPDATE documents SET title = 'x'",
        "UPDATE of documents is not authorized",
    );
}

#[test]
fn delete_is_refused() {
    assert_sql_refused(
        "DELETE FROM documents",
        "DELETE from documents is not authorized",
    );
}

#[test]
fn replace_is_refused() {
    assert_sql_refused(
        "REPLACE INTO saved_queries (name, sql, created_at) VALUES ('docs', 'SELECT 2', 'now')",
        "INSERT into saved_queries is not authorized",
    );
}

#[test]
fn create_and_drop_are_refused() {
    assert_sql_refused(
        "CREATE TABLE t (x)",
        "a change to the schema is not authorized",
    );
    assert_sql_refused(
        "CREATE TEMP VIEW v AS SELECT 1",
        "a change to the schema is not authorized",
    );
    assert_sql_refused(
        "DROP TABLE saved_queries",
        "a change to the schema is not authorized",
    );
}

#[test]
fn attach_is_refused_and_creates_no_file() {
    let dir = assert_sql_refused(
        "ATTACH 'other.db' AS other",
        "ATTACH of \"other.db\" is not authorized",
    );
    assert!(!dir.path("other.db").exists());
}

#[test]
fn load_extension_is_refused() {
    assert_sql_refused(
        "SELECT load_extension('libnothing')",
        "function load_extension() is not authorized",
    );
    assert_sql_refused(
        "SELECT fts3_tokenizer('simple')",
        "function fts3_tokenizer() is not authorized",
    );
}

#[test]
fn pragma_user_version_is_refused() {
    assert_sql_refused(
        "PRAGMA user_version = 5",
        "PRAGMA user_version = 5 is not authorized",
    );
}

#[test]
fn pragma_journal_mode_is_refused() {
    assert_sql_refused(
        "PRAGMA journal_mode = DELETE",
        "PRAGMA journal_mode = DELETE is not authorized",
    );
    // Through the table-valued form too, where the refusal comes while the query runs.
    let dir = with_seed();
    assert_refused(
        &dir,
        &["sql", "SELECT * FROM pragma_journal_mode"],
        "PRAGMA journal_mode is not authorized",
    );
}

#[test]
fn pragma_query_only_is_refused() {
    // SQLite counts this one as read-only (it changes the connection, not the file): only
    // the authorizer stops it.
    assert_sql_refused(
        "PRAGMA query_only = 0",
        "PRAGMA query_only = 0 is not authorized",
    );
}

#[test]
fn pragma_writable_schema_is_refused() {
    assert_sql_refused(
        "PRAGMA writable_schema = 1",
        "PRAGMA writable_schema = 1 is not authorized",
    );
}

#[test]
fn vacuum_into_is_refused_and_writes_no_file() {
    let dir = assert_sql_refused(
        "VACUUM INTO 'copy.db'",
        "this statement would change the database",
    );
    assert!(!dir.path("copy.db").exists());
    // A leading comment does not hide it.
    assert_refused(
        &dir,
        &["sql", "/* backup */ VACUUM INTO 'copy.db'"],
        "would change the database",
    );
    assert!(!dir.path("copy.db").exists());
}

#[test]
fn vacuum_is_refused() {
    assert_sql_refused("VACUUM", "this statement would change the database");
}

#[test]
fn transactions_and_batches_are_refused() {
    assert_sql_refused("BEGIN", "transaction control (Begin) is not authorized");
    assert_sql_refused(
        "SELECT 1; DELETE FROM documents",
        "DELETE from documents is not authorized",
    );
    assert_sql_refused("SELECT 1; SELECT 2", "give exactly one statement");
}

#[test]
fn saved_query_written_behind_dossiers_back_is_refused_when_run() {
    let dir = with_seed();
    // Saving refuses these, so put them in the table directly, as an older or tampered
    // database could have them.
    let conn = Connection::open(dir.db()).unwrap();
    for (name, sql) in [
        ("wipe", "DELETE FROM documents"),
        ("unlock", "PRAGMA query_only = 0"),
        ("copy", "VACUUM INTO 'copy.db'"),
    ] {
        conn.execute(
            "INSERT INTO saved_queries (name, sql, created_at) VALUES (?1, ?2, 'now')",
            [name, sql],
        )
        .unwrap();
    }
    drop(conn);
    assert_refused(
        &dir,
        &["query", "wipe"],
        "DELETE from documents is not authorized",
    );
    assert_refused(
        &dir,
        &["query", "unlock"],
        "PRAGMA query_only = 0 is not authorized",
    );
    assert_refused(&dir, &["query", "copy"], "would change the database");
    assert!(!dir.path("copy.db").exists());
}

#[test]
fn reading_sql_still_works_under_the_guard() {
    let dir = with_seed();
    assert_eq!(
        dir.sql("PRAGMA table_info(saved_queries)").len(),
        4,
        "table_info lists the columns"
    );
    assert_eq!(
        dir.scalar("PRAGMA user_version"),
        dossier::store::MIGRATIONS.len().to_string()
    );
    assert_eq!(
        dir.scalar("SELECT count(*) FROM pragma_table_list WHERE name = 'documents'"),
        "1"
    );
    // Full-text search, recursive CTEs and dossier's own fold() all pass.
    assert_eq!(
        dir.scalar("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'vaccine'"),
        "1"
    );
    assert_eq!(
        dir.scalar(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) SELECT sum(x) FROM n"
        ),
        "15"
    );
    assert_eq!(dir.scalar("SELECT fold('Zárif')"), "zarif");
    dir.run_ok(&[
        "query",
        "save",
        "search",
        "SELECT rowid FROM statements_fts WHERE statements_fts MATCH :words",
    ]);
    assert!(!dir
        .run_ok(&["query", "search", "--param", "words=iran"])
        .trim()
        .is_empty());
}
