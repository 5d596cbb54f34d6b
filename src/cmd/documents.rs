//! `dossier documents`: the stored documents, newest first, optionally within a period or
//! only those without a publication date.

use std::path::Path;

use super::{run_listing, Paging, Status};
use crate::cli::DocumentsArgs;
use crate::output::Value;
use crate::store::read::DOCUMENTS_SQL;
use crate::store::Store;

pub fn run(db: &Path, args: &DocumentsArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let params = [
        ("from", Value::from(args.from.map(|p| p.first.to_string()))),
        ("to", Value::from(args.to.map(|p| p.last.to_string()))),
        ("undated", Value::Integer(args.undated.into())),
    ];
    let paging = Paging {
        limit: args.limit,
        offset: args.offset,
        count_by: &[],
    };
    run_listing(&store, DOCUMENTS_SQL, &params, paging, &args.output)
}
