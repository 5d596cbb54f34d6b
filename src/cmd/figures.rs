//! `dossier figures`: numeric facts in date order, filtered by topic, unit, kind, period
//! and speaker.

use std::path::Path;

use super::entity::entity_ids_param;
use super::{open_sink, Status};
use crate::cli::{FigureKindArg, FiguresArgs};
use crate::output::Value;
use crate::store::listing::FIGURES_SQL;
use crate::store::Store;

pub fn run(db: &Path, args: &FiguresArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let (from, to) = args.period.bounds();
    let kind = args.kind.map(|k| match k {
        FigureKindArg::Money => "money",
        FigureKindArg::Count => "count",
        FigureKindArg::Percent => "percent",
        FigureKindArg::Quantity => "quantity",
    });
    // Currency codes are upper case; counted nouns lower case.
    let unit = args.unit.as_deref().map(|u| {
        if u.len() == 3 && u.chars().all(|c| c.is_ascii_alphabetic()) && u.to_ascii_uppercase() == u
        {
            u.to_owned()
        } else {
            u.to_lowercase()
        }
    });
    let params = [
        ("about", Value::from(args.about.clone())),
        ("unit", Value::from(unit)),
        ("kind", Value::from(kind)),
        ("from", Value::from(from)),
        ("to", Value::from(to)),
        ("speakers", entity_ids_param(&store, args.by.as_deref())?),
        ("limit", Value::Integer(args.limit)),
    ];
    let mut sink = open_sink(&args.output)?;
    store.query(FIGURES_SQL, &params, sink.as_mut())?;
    Ok(Status::Success)
}
