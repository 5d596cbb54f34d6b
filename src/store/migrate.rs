//! The schema migration runner: numbered SQL files from `migrations/`, embedded in the
//! binary and applied in order inside one exclusive transaction, with the count of applied
//! migrations kept in `PRAGMA user_version`. Migrations are append-only: never edit or
//! reorder one that has shipped.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Every migration, in order. Position + 1 is the schema version it brings the database to.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../migrations/0001_init.sql")),
    (
        "0002_index_text_per_batch",
        include_str!("../../migrations/0002_index_text_per_batch.sql"),
    ),
    (
        "0003_cover_figure_units",
        include_str!("../../migrations/0003_cover_figure_units.sql"),
    ),
    (
        "0004_index_cascades",
        include_str!("../../migrations/0004_index_cascades.sql"),
    ),
    (
        "0005_tools_see_search",
        include_str!("../../migrations/0005_tools_see_search.sql"),
    ),
    (
        "0006_source_path_bytes",
        include_str!("../../migrations/0006_source_path_bytes.sql"),
    ),
    (
        "0007_speaker_basis",
        include_str!("../../migrations/0007_speaker_basis.sql"),
    ),
];

/// Brings the database up to the latest schema version.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_with(conn, MIGRATIONS)
}

/// Brings the database up to version `migrations.len()` by applying the migrations it
/// lacks, all in one exclusive transaction: when one fails, none of them stays applied and
/// `user_version` keeps its old value. Taking the list as an argument lets tests run the
/// same code over migrations of their own.
pub fn migrate_with(conn: &mut Connection, migrations: &[(&str, &str)]) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let version: usize =
        tx.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as usize;
    if version > migrations.len() {
        return Err(StoreError::TooNew {
            found: version,
            known: migrations.len(),
        });
    }
    for (name, sql) in &migrations[version..] {
        tx.execute_batch(sql).map_err(|e| StoreError::Migration {
            name: (*name).to_owned(),
            source: e,
        })?;
    }
    if version < migrations.len() {
        tx.pragma_update(None, "user_version", migrations.len() as i64)?;
    }
    tx.commit()?;
    Ok(())
}

/// The schema version of an open database.
pub fn schema_version(conn: &Connection) -> Result<usize, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrate_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATIONS.len());
    }

    #[test]
    fn newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(
            err.to_string().contains("newer version of dossier"),
            "{err}"
        );
    }

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        let names = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        names
    }

    const FIRST: (&str, &str) = ("0001_a", "CREATE TABLE a (x); INSERT INTO a VALUES (1);");
    /// A later migration whose second statement fails after its first one succeeded.
    const BROKEN: (&str, &str) = (
        "0002_b",
        "CREATE TABLE b (y); INSERT INTO no_such_table VALUES (1); CREATE TABLE c (z);",
    );

    #[test]
    fn failing_migration_rolls_back_entirely() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut conn = Connection::open(&path).unwrap();
        migrate_with(&mut conn, &[FIRST]).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), 1);

        let err = migrate_with(&mut conn, &[FIRST, BROKEN]).unwrap_err();
        assert!(
            matches!(&err, StoreError::Migration { name, .. } if name == "0002_b"),
            "{err:?}"
        );
        // Seen from a fresh connection, as the next dossier run would see it.
        drop(conn);
        let conn = Connection::open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), 1);
        assert_eq!(tables(&conn), ["a"]);
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM a", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1);
    }

    #[test]
    fn failure_rolls_back_every_migration_of_the_run() {
        // From an empty database both migrations run in the same transaction: the first
        // one's table must not survive the second one's failure.
        let mut conn = Connection::open_in_memory().unwrap();
        assert!(migrate_with(&mut conn, &[FIRST, BROKEN]).is_err());
        assert_eq!(schema_version(&conn).unwrap(), 0);
        assert!(tables(&conn).is_empty());
        // And a fixed list then applies cleanly.
        migrate_with(&mut conn, &[FIRST, ("0002_b", "CREATE TABLE b (y);")]).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), 2);
        assert_eq!(tables(&conn), ["a", "b"]);
    }

    #[test]
    fn every_migration_file_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".sql")
                    .to_owned()
            })
            .collect();
        files.sort();
        let listed: Vec<&str> = MIGRATIONS.iter().map(|(n, _)| *n).collect();
        assert_eq!(files, listed);
    }
}
