//! Upgrades keep data: every fixture in `tests/fixtures/schema-vN.sql` (the rows of a
//! database made by schema version N) is loaded into a version-N database, opened with the
//! current dossier, and must come out with the current schema and every row intact.

use std::path::{Path, PathBuf};

use dossier::store::{migrate_with, schema_version, Store, MIGRATIONS};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::util::{repo, Dir};

/// Every fixture with the schema version its name gives, oldest first.
fn fixtures() -> Vec<(usize, PathBuf)> {
    let dir = repo().join("tests/fixtures");
    let mut found: Vec<(usize, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let version = name.strip_prefix("schema-v")?.strip_suffix(".sql")?;
            Some((version.parse().ok()?, p))
        })
        .collect();
    found.sort();
    found
}

/// A database at schema version `version` holding the rows of `fixture`, as the dossier of
/// that version would have left it (full-text indexes included).
fn build(path: &Path, version: usize, fixture: &Path) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    migrate_with(&mut conn, &MIGRATIONS[..version]).unwrap();
    let rows = std::fs::read_to_string(fixture).unwrap();
    conn.execute_batch(&format!("BEGIN; {rows} COMMIT;"))
        .unwrap();
    let fts: Vec<String> = names(
        &conn,
        "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'",
    );
    for table in fts {
        conn.execute(
            &format!("INSERT INTO \"{table}\"(\"{table}\") VALUES ('rebuild')"),
            [],
        )
        .unwrap();
    }
    assert_eq!(schema_version(&conn).unwrap(), version);
}

fn names(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

/// The base tables (not full-text indexes nor their shadow tables) with their columns.
fn base_tables(conn: &Connection) -> Vec<(String, Vec<String>)> {
    names(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%' ORDER BY name",
    )
    .into_iter()
    .map(|t| {
        let columns = names(conn, &format!("SELECT name FROM pragma_table_info('{t}')"));
        (t, columns)
    })
    .collect()
}

/// Every row of `table`, by rowid, restricted to `columns`.
fn rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<Vec<Value>> {
    let list = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn
        .prepare(&format!("SELECT {list} FROM \"{table}\" ORDER BY rowid"))
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect()
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

/// The schema as SQLite stores it, object by object.
fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn every_fixture_upgrades_to_the_current_schema_with_every_row() {
    let fixtures = fixtures();
    // Every schema a released dossier left behind is upgraded, not only the oldest.
    for version in 1..MIGRATIONS.len() {
        assert!(
            fixtures.iter().any(|(v, _)| *v == version),
            "no schema-v{version}.sql fixture in tests/fixtures (see its README)"
        );
    }
    let dir = Dir::new();
    let fresh = Store::open(&dir.path("fresh.db")).unwrap();
    let current_schema = schema(fresh.conn_ref());
    for (version, fixture) in fixtures {
        assert!(
            (1..=MIGRATIONS.len()).contains(&version),
            "{}: no migration brings a database to version {version}",
            fixture.display()
        );
        let path = dir.path(&format!("v{version}.db"));
        build(&path, version, &fixture);
        let before: Vec<(String, Vec<String>, Vec<Vec<Value>>)> = {
            let conn = Connection::open(&path).unwrap();
            base_tables(&conn)
                .into_iter()
                .map(|(t, cols)| {
                    let r = rows(&conn, &t, &cols);
                    (t, cols, r)
                })
                .collect()
        };
        for (table, _, r) in &before {
            assert!(
                !r.is_empty(),
                "{}: table {table} has no rows; a fixture must fill every table",
                fixture.display()
            );
        }

        let store = Store::open(&path).unwrap();
        let conn = store.conn_ref();
        assert_eq!(schema_version(conn).unwrap(), MIGRATIONS.len());
        assert_eq!(
            schema(conn),
            current_schema,
            "{}: upgraded schema differs from a new database's",
            fixture.display()
        );
        for (table, columns, old) in &before {
            assert_eq!(
                &rows(conn, table, columns),
                old,
                "{}: rows of {table} changed in the upgrade",
                fixture.display()
            );
        }
        // A few concrete facts every fixture is made from (see tests/fixtures/README.md).
        let speaker: String = conn
            .query_row(
                "SELECT e.name FROM statements s JOIN entities e ON e.id = s.speaker_id
                 WHERE s.content LIKE 'Iran is ready and welcomes%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(speaker, "Hosseinali Darvishi Motevalli");
        let saved: String = conn
            .query_row(
                "SELECT sql FROM saved_queries WHERE name = 'since'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(saved.contains(":day"), "{saved}");
        // Every document has its path's bytes, taken from its text path.
        let without_path: i64 = conn
            .query_row(
                "SELECT count(*) FROM documents WHERE source_path IS NOT CAST(source AS BLOB)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(without_path, 0, "{}", fixture.display());
        drop(store);

        // The upgraded database answers queries and passes every consistency check.
        let found = dir
            .cmd_on(&path)
            .args(["search", "vaccine", "--format", "csv"])
            .output()
            .unwrap();
        let found = String::from_utf8(found.stdout).unwrap();
        assert_eq!(found.lines().count(), 2, "header and one match: {found}");
        let check = dir.cmd_on(&path).arg("check").output().unwrap();
        assert!(
            check.status.success(),
            "{}: check failed after the upgrade:\n{}{}",
            fixture.display(),
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

#[test]
fn deleting_a_sentence_seeks_every_table_that_points_at_it() {
    // The cascade from a sentence to its rows must not scan those tables (issue: quadratic
    // re-extraction). SQLite runs the cascade as `DELETE ... WHERE column = ?`.
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn_ref();
    for (table, column) in [
        ("mentions", "sentence_id"),
        ("statements", "sentence_id"),
        ("statements", "last_sentence_id"),
        ("figures", "sentence_id"),
        ("dates", "sentence_id"),
        ("sentences", "document_id"),
        ("roles", "document_id"),
        ("documents", "source"),
    ] {
        let sql = format!("EXPLAIN QUERY PLAN SELECT rowid FROM {table} WHERE {column} = 1");
        let mut stmt = conn.prepare(&sql).unwrap();
        let plan: Vec<String> = stmt
            .query_map([], |r| r.get("detail"))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let plan = plan.join("; ");
        assert!(
            plan.contains("USING"),
            "{table}.{column} is scanned: {plan}"
        );
    }
}
