//! Users' saved queries: stored in `saved_queries`, checked when saved exactly as when
//! run (one read-only statement, under the guard).

use chrono::Utc;
use rusqlite::{params, OptionalExtension};

use super::guard::Guard;
use super::read::prepare_guarded;
use super::{Store, StoreError};

/// A query a user saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQuery {
    pub name: String,
    pub sql: String,
    pub description: Option<String>,
}

impl Store {
    /// Saves a named query after checking that it is one read-only statement the guard lets
    /// through. An existing query of that name is replaced only when `replace` is set;
    /// otherwise the save fails with [`StoreError::QueryExists`], so a query is never lost
    /// by a typo.
    pub fn save_query(
        &self,
        name: &str,
        sql: &str,
        description: Option<&str>,
        replace: bool,
    ) -> Result<(), StoreError> {
        {
            // The same check a run makes, so a query that could not run is never saved.
            let guard = Guard::install(self.conn());
            prepare_guarded(self.conn(), &guard, sql)?;
        }
        if !replace && self.saved_query(name)?.is_some() {
            return Err(StoreError::QueryExists(name.to_owned()));
        }
        self.conn().execute(
            "INSERT INTO saved_queries (name, sql, description, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET sql = excluded.sql, description = excluded.description",
            params![name, sql, description, Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)],
        )?;
        Ok(())
    }

    /// Deletes a saved query; returns whether it existed.
    pub fn delete_query(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .execute("DELETE FROM saved_queries WHERE name = ?1", [name])?
            > 0)
    }

    /// Whether `sql` compiles in an SQLite that lacks dossier's own functions (`fold`), as
    /// in Datasette or the `sqlite3` shell: checked by preparing it on a plain read-only
    /// connection to the same file.
    pub fn runs_in_plain_sqlite(&self, sql: &str) -> Result<bool, StoreError> {
        let Some(path) = self.conn().path().filter(|p| !p.is_empty()) else {
            return Ok(false);
        };
        let plain = rusqlite::Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let compiles = plain.prepare(sql).is_ok();
        Ok(compiles)
    }

    /// The saved query called `name`.
    pub fn saved_query(&self, name: &str) -> Result<Option<SavedQuery>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT name, sql, description FROM saved_queries WHERE name = ?1",
                [name],
                |r| {
                    Ok(SavedQuery {
                        name: r.get(0)?,
                        sql: r.get(1)?,
                        description: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Every saved query, by name.
    pub fn saved_queries(&self) -> Result<Vec<SavedQuery>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name, sql, description FROM saved_queries ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SavedQuery {
                    name: r.get(0)?,
                    sql: r.get(1)?,
                    description: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The names of the named parameters of `sql`, without their prefix, in order.
    pub fn parameter_names(&self, sql: &str) -> Result<Vec<String>, StoreError> {
        let stmt = self.conn().prepare(sql)?;
        Ok((1..=stmt.parameter_count())
            .filter_map(|i| stmt.parameter_name(i))
            .map(|n| n.trim_start_matches([':', '@', '$']).to_owned())
            .collect())
    }
}
