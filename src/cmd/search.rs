//! `dossier search`: ranked full-text search over document titles and bodies.

use std::path::Path;

use anyhow::Context;

use super::{open_sink, Status};
use crate::cli::SearchArgs;
use crate::output::Value;
use crate::store::read::SEARCH_SQL;
use crate::store::Store;

pub fn run(db: &Path, args: &SearchArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let mut sink = open_sink(&args.output)?;
    let params = [
        ("query", Value::from(args.query.as_str())),
        ("limit", Value::Integer(args.limit)),
    ];
    store
        .query(SEARCH_SQL, &params, sink.as_mut())
        .with_context(|| {
            format!(
                "search for {:?} failed (FTS5 syntax: words, \"a phrase\", AND, OR, NOT, prefix*)",
                args.query
            )
        })?;
    Ok(Status::Success)
}
