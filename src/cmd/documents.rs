//! `dossier documents`: the stored documents, newest first, optionally within a period or
//! only those without a publication date.

use std::path::Path;

use super::{run_listing, Paging, Status};
use crate::cli::DocumentsArgs;
use crate::output::Value;
use crate::period::range_bounds;
use crate::store::read::DOCUMENTS_SQL;
use crate::store::Store;

pub fn run(db: &Path, args: &DocumentsArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let (from, to) = range_bounds(args.from, args.to).map_err(anyhow::Error::msg)?;
    let params = [
        ("from", Value::from(from)),
        ("to", Value::from(to)),
        ("undated", Value::Integer(args.undated.into())),
    ];
    let paging = Paging {
        limit: args.limit,
        offset: args.offset,
        count_by: &[],
    };
    run_listing(&store, DOCUMENTS_SQL, &params, paging, &args.output)
}
