//! `dossier stats`: how many rows each table holds, and how big the database is.

use std::io::Write;
use std::path::Path;

use super::{open_sink, open_writer, Status};
use crate::cli::OutputArgs;
use crate::output::{Format, Value};
use crate::store::{schema_version, Store};

pub fn run(db: &Path, args: &OutputArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let tables = store.table_counts()?;
    let bytes = store.size_bytes()?;
    let version = schema_version(store.conn_ref())? as i64;
    if matches!(args.chosen_format(), Some(Format::Json | Format::Ndjson)) {
        // JSON readers get the size and the schema version as keys of their own, not as
        // make-believe table rows.
        let (_, mut writer) = open_writer(args)?;
        let counts: serde_json::Map<String, serde_json::Value> = tables
            .into_iter()
            .map(|(table, rows)| (table.to_string(), rows.into()))
            .collect();
        let stats = serde_json::json!({
            "tables": counts,
            "database_bytes": bytes,
            "schema_version": version,
        });
        serde_json::to_writer(&mut writer, &stats)?;
        writeln!(writer)?;
        writer.flush()?;
        return Ok(Status::Success);
    }
    let mut sink = open_sink(args)?;
    sink.columns(&["table".into(), "rows".into()])?;
    for (table, rows) in tables {
        sink.row(&[Value::from(table), Value::Integer(rows)])?;
    }
    sink.row(&[Value::from("(database bytes)"), Value::Integer(bytes)])?;
    sink.row(&[Value::from("(schema version)"), Value::Integer(version)])?;
    sink.finish()?;
    Ok(Status::Success)
}
