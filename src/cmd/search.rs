//! `dossier search`: ranked full-text search over document titles and bodies.

use std::path::Path;

use super::{fts_words, run_listing, Paging, Status};
use crate::cli::SearchArgs;
use crate::output::Value;
use crate::store::read::SEARCH_SQL;
use crate::store::Store;

pub fn run(db: &Path, args: &SearchArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    // As typed, unless --raw asks for FTS5 syntax; checked before any output is written.
    let query = if args.raw {
        args.query.clone()
    } else {
        fts_words(&args.query)
    };
    store.check_fts_query("documents_fts", &query)?;
    let params = [("query", Value::from(query))];
    let paging = Paging {
        limit: args.limit,
        offset: args.offset,
        count_by: &[],
    };
    run_listing(&store, SEARCH_SQL, &params, paging, &args.output)
}
