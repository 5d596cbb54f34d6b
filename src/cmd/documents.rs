//! `dossier documents`: the stored documents, newest first, optionally within a period.

use std::path::Path;

use super::{open_sink, Status};
use crate::cli::DocumentsArgs;
use crate::output::Value;
use crate::store::read::DOCUMENTS_SQL;
use crate::store::Store;

pub fn run(db: &Path, args: &DocumentsArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let mut sink = open_sink(&args.output)?;
    let params = [
        ("from", Value::from(args.from.map(|p| p.first.to_string()))),
        ("to", Value::from(args.to.map(|p| p.last.to_string()))),
        ("limit", Value::Integer(args.limit)),
    ];
    store.query(DOCUMENTS_SQL, &params, sink.as_mut())?;
    Ok(Status::Success)
}
