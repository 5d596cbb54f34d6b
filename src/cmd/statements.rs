//! `dossier statements`: who said what, in date order, filtered by speaker, words, period
//! and kind.

use std::path::Path;

use super::entity::entity_id;
use super::{fts_words, open_sink, Status};
use crate::cli::{StatementKindArg, StatementsArgs};
use crate::output::Value;
use crate::store::listing::{statement_filter as sf, statements_sql, Filtered};
use crate::store::Store;

pub fn run(db: &Path, args: &StatementsArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let (from, to) = args.period.bounds();
    let kind = args.kind.map(|k| match k {
        StatementKindArg::Direct => "direct",
        StatementKindArg::Indirect => "indirect",
    });
    let filter = Filtered::default()
        .with(
            sf::SPEAKER,
            "speaker",
            entity_id(&store, args.by.as_deref())?,
        )
        .with(
            sf::ABOUT,
            "about",
            args.about.as_deref().map(|a| Value::from(fts_words(a))),
        )
        .with(sf::FROM, "from", from.map(Value::from))
        .with(sf::TO, "to", to.map(Value::from))
        .with(sf::KIND, "kind", kind.map(Value::from))
        .bind("limit", Value::Integer(args.limit));
    let mut sink = open_sink(&args.output)?;
    store.query(&statements_sql(&filter), filter.params(), sink.as_mut())?;
    Ok(Status::Success)
}
