//! `dossier stats`: how many rows each table holds, and how big the database is.

use std::path::Path;

use super::{open_sink, Status};
use crate::cli::OutputArgs;
use crate::output::Value;
use crate::store::{schema_version, Store};

pub fn run(db: &Path, args: &OutputArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let mut sink = open_sink(args)?;
    sink.columns(&["table".into(), "rows".into()])?;
    for (table, rows) in store.table_counts()? {
        sink.row(&[Value::from(table), Value::Integer(rows)])?;
    }
    sink.row(&[
        Value::from("(database bytes)"),
        Value::Integer(store.size_bytes()?),
    ])?;
    sink.row(&[
        Value::from("(schema version)"),
        Value::Integer(schema_version(store.conn_ref())? as i64),
    ])?;
    sink.finish()?;
    Ok(Status::Success)
}
