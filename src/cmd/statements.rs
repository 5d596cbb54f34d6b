//! `dossier statements`: who said what, in date order, filtered by speaker, words, period
//! and kind.

use std::path::Path;

use super::entity::entity_id;
use super::{fts_words, run_listing, Paging, Status};
use crate::cli::{StatementKindArg, StatementsArgs};
use crate::output::Value;
use crate::store::listing::{statement_filter as sf, statements_sql, Filtered};
use crate::store::Store;

pub fn run(db: &Path, args: &StatementsArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let (from, to) = args.period.bounds().map_err(anyhow::Error::msg)?;
    let kind = args.kind.map(|k| match k {
        StatementKindArg::Direct => "direct",
        StatementKindArg::Indirect => "indirect",
    });
    // As typed, unless --raw asks for FTS5 syntax; checked before any output is written.
    let about = args
        .about
        .as_deref()
        .map(|a| if args.raw { a.to_owned() } else { fts_words(a) });
    if let Some(q) = &about {
        store.check_fts_query("statements_fts", q)?;
    }
    let filter = Filtered::default()
        .with(
            sf::SPEAKER,
            "speaker",
            entity_id(&store, args.by.as_deref())?,
        )
        .with(sf::ABOUT, "about", about.clone().map(Value::from))
        .with(sf::FROM, "from", from.map(Value::from))
        .with(sf::TO, "to", to.map(Value::from))
        .with(sf::KIND, "kind", kind.map(Value::from));
    let paging = Paging {
        limit: args.limit,
        offset: args.offset,
        count_by: &args.count_by,
    };
    run_listing(
        &store,
        &statements_sql(&filter),
        filter.params(),
        paging,
        &args.output,
    )
}
