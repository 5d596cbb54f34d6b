//! The guard on users' SQL (`dossier sql`, saved and built-in queries): an SQLite
//! authorizer that lets a statement read and nothing else. It is the second line of
//! defence: the connection is already opened read-only and every statement must pass
//! `sqlite3_stmt_readonly`, but that check lets through statements that change the
//! connection rather than the file (`ATTACH`, `PRAGMA query_only = 0`, `PRAGMA
//! writable_schema = 1`), and the authorizer refuses those by name while the statement is
//! prepared, before anything runs.
//!
//! The policy is a whitelist of actions: SELECT, reading a column, recursive CTEs, calling
//! a function (except the few below that reach outside the database) and a small set of
//! pragmas that only report. Everything else (writes, DDL, ATTACH/DETACH, transactions,
//! savepoints, ANALYZE, REINDEX, virtual-table DDL, any pragma that sets a value) is denied.

use std::sync::{Arc, Mutex};

use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::Connection;

/// Functions that load code, register native pointers or touch files. Most are absent from
/// this build (SQLite leaves `load_extension` disabled, `readfile`/`writefile`/`edit` come
/// from the sqlite3 shell), but refusing them by name keeps that true whatever the build.
const DENIED_FUNCTIONS: &[&str] = &[
    "load_extension",
    "fts3_tokenizer",
    "readfile",
    "writefile",
    "edit",
];

/// Pragmas that only describe the schema; their argument names a table or an index (or a
/// row limit), never a new value.
const DESCRIBING_PRAGMAS: &[&str] = &[
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
];

/// Pragmas that report a setting when given no value (and would change it when given one).
const READABLE_PRAGMAS: &[&str] = &[
    // FTS5 reads this one itself whenever a full-text table is queried.
    "data_version",
    "user_version",
    "schema_version",
    "application_id",
    "page_count",
    "page_size",
    "freelist_count",
    "encoding",
    "database_list",
    "function_list",
    "module_list",
    "pragma_list",
    "collation_list",
    "compile_options",
];

/// What the authorizer decides for one action: `Ok` to allow, `Err` with a description
/// of what was refused.
fn decide(ctx: &AuthContext<'_>) -> Result<(), String> {
    match ctx.action {
        AuthAction::Select | AuthAction::Read { .. } | AuthAction::Recursive => Ok(()),
        AuthAction::Function { function_name } => {
            if DENIED_FUNCTIONS
                .iter()
                .any(|f| f.eq_ignore_ascii_case(function_name))
            {
                Err(format!("function {function_name}()"))
            } else {
                Ok(())
            }
        }
        AuthAction::Pragma {
            pragma_name,
            pragma_value,
        } => {
            let known = |list: &[&str]| list.iter().any(|p| p.eq_ignore_ascii_case(pragma_name));
            if known(DESCRIBING_PRAGMAS) || (pragma_value.is_none() && known(READABLE_PRAGMAS)) {
                Ok(())
            } else {
                Err(match pragma_value {
                    Some(v) => format!("PRAGMA {pragma_name} = {v}"),
                    None => format!("PRAGMA {pragma_name}"),
                })
            }
        }
        other => Err(describe(&other)),
    }
}

/// A short description of a refused action, for the error message.
fn describe(action: &AuthAction<'_>) -> String {
    use AuthAction::*;
    match action {
        // CREATE, DROP and ANALYZE first ask to write the schema table itself.
        Insert { table_name } | Update { table_name, .. } | Delete { table_name }
            if is_schema_table(table_name) =>
        {
            "a change to the schema".to_owned()
        }
        Insert { table_name } => format!("INSERT into {table_name}"),
        Update { table_name, .. } => format!("UPDATE of {table_name}"),
        Delete { table_name } => format!("DELETE from {table_name}"),
        CreateTable { table_name } | CreateTempTable { table_name } => {
            format!("CREATE TABLE {table_name}")
        }
        CreateVtable { table_name, .. } => format!("CREATE VIRTUAL TABLE {table_name}"),
        DropTable { table_name } | DropTempTable { table_name } => {
            format!("DROP TABLE {table_name}")
        }
        DropVtable { table_name, .. } => format!("DROP TABLE {table_name}"),
        CreateIndex { index_name, .. } | CreateTempIndex { index_name, .. } => {
            format!("CREATE INDEX {index_name}")
        }
        DropIndex { index_name, .. } | DropTempIndex { index_name, .. } => {
            format!("DROP INDEX {index_name}")
        }
        CreateView { view_name } | CreateTempView { view_name } => {
            format!("CREATE VIEW {view_name}")
        }
        DropView { view_name } | DropTempView { view_name } => format!("DROP VIEW {view_name}"),
        CreateTrigger { trigger_name, .. } | CreateTempTrigger { trigger_name, .. } => {
            format!("CREATE TRIGGER {trigger_name}")
        }
        DropTrigger { trigger_name, .. } | DropTempTrigger { trigger_name, .. } => {
            format!("DROP TRIGGER {trigger_name}")
        }
        AlterTable { table_name, .. } => format!("ALTER TABLE {table_name}"),
        Attach { filename } => format!("ATTACH of {filename:?}"),
        Detach { database_name } => format!("DETACH of {database_name}"),
        Transaction { operation } => format!("transaction control ({operation:?})"),
        Savepoint { savepoint_name, .. } => format!("SAVEPOINT {savepoint_name}"),
        Reindex { .. } => "REINDEX".to_owned(),
        Analyze { .. } => "ANALYZE".to_owned(),
        _ => "this statement".to_owned(),
    }
}

fn is_schema_table(name: &str) -> bool {
    [
        "sqlite_master",
        "sqlite_schema",
        "sqlite_temp_master",
        "sqlite_temp_schema",
    ]
    .iter()
    .any(|t| t.eq_ignore_ascii_case(name))
}

/// The authorizer installed on a connection for as long as the guard lives; dropping it
/// removes the authorizer again (the store's own statements need writes and pragmas).
pub(crate) struct Guard<'c> {
    conn: &'c Connection,
    denied: Arc<Mutex<Option<String>>>,
}

impl<'c> Guard<'c> {
    /// Installs the read-only authorizer on `conn`.
    pub(crate) fn install(conn: &'c Connection) -> Guard<'c> {
        let denied = Arc::new(Mutex::new(None));
        let record = Arc::clone(&denied);
        conn.authorizer(Some(move |ctx: AuthContext<'_>| match decide(&ctx) {
            Ok(()) => Authorization::Allow,
            Err(what) => {
                // Keep the first refusal: it names what the user wrote, not some later
                // consequence of it.
                if let Ok(mut slot) = record.lock() {
                    slot.get_or_insert(what);
                }
                Authorization::Deny
            }
        }));
        Guard { conn, denied }
    }

    /// What the authorizer refused since it was installed, if anything.
    pub(crate) fn denied(&self) -> Option<String> {
        self.denied.lock().ok().and_then(|d| d.clone())
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        self.conn
            .authorizer(None::<fn(AuthContext<'_>) -> Authorization>);
    }
}
