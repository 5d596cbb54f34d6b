//! `dossier sql`: one ad-hoc read-only statement on a read-only connection.

use std::path::Path;

use anyhow::Context;

use super::{open_sink, Status};
use crate::cli::SqlArgs;
use crate::output::Value;
use crate::store::Store;

pub fn run(db: &Path, args: &SqlArgs) -> anyhow::Result<Status> {
    let sql = match (&args.query, &args.file) {
        (Some(q), _) => q.clone(),
        (None, Some(f)) => {
            std::fs::read_to_string(f).with_context(|| format!("could not read {}", f.display()))?
        }
        (None, None) => unreachable!("clap requires a query or --file"),
    };
    let store = Store::open_read_only(db)?;
    let params: Vec<(&str, Value)> = args
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), Value::from(v.as_str())))
        .collect();
    let mut sink = open_sink(&args.output)?;
    store.query_read_only(&sql, &params, sink.as_mut())?;
    Ok(Status::Success)
}
