//! `dossier statements`: who said what, in date order, filtered by speaker, words, period
//! and kind.

use std::path::Path;

use super::entity::entity_ids_param;
use super::{fts_words, open_sink, Status};
use crate::cli::{StatementKindArg, StatementsArgs};
use crate::output::Value;
use crate::store::listing::STATEMENTS_SQL;
use crate::store::Store;

pub fn run(db: &Path, args: &StatementsArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let (from, to) = args.period.bounds();
    let kind = args.kind.map(|k| match k {
        StatementKindArg::Direct => "direct",
        StatementKindArg::Indirect => "indirect",
    });
    let params = [
        ("speakers", entity_ids_param(&store, args.by.as_deref())?),
        ("about", Value::from(args.about.as_deref().map(fts_words))),
        ("from", Value::from(from)),
        ("to", Value::from(to)),
        ("kind", Value::from(kind)),
        ("limit", Value::Integer(args.limit)),
    ];
    let mut sink = open_sink(&args.output)?;
    store.query(STATEMENTS_SQL, &params, sink.as_mut())?;
    Ok(Status::Success)
}
