//! `dossier timeline`: documents, statements and figures of a period in date order. Each
//! row says whether its date comes from the text or from the publication date.

use std::path::Path;

use super::entity::entity_id;
use super::{run_listing, Paging, Status};
use crate::cli::TimelineArgs;
use crate::output::Value;
use crate::store::listing::timeline_sql;
use crate::store::Store;

pub fn run(db: &Path, args: &TimelineArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let (from, to) = args.period.bounds().map_err(anyhow::Error::msg)?;
    let entity = entity_id(&store, args.person.as_deref())?;
    let mut params = vec![
        (
            "from",
            Value::from(from.unwrap_or_else(|| "0000-01-01".to_owned())),
        ),
        (
            "to",
            Value::from(to.unwrap_or_else(|| "9999-12-31".to_owned())),
        ),
    ];
    let sql = timeline_sql(entity.is_some());
    if let Some(id) = entity {
        params.push(("entity", id));
    }
    let paging = Paging {
        limit: args.limit,
        offset: args.offset,
        count_by: &args.count_by,
    };
    run_listing(&store, &sql, &params, paging, &args.output)
}
