//! `dossier figures`: numeric facts in date order, filtered by topic, unit, kind, period
//! and speaker.

use std::path::Path;

use super::entity::entity_id;
use super::{run_listing, Paging, Status};
use crate::cli::{FigureKindArg, FiguresArgs};
use crate::output::Value;
use crate::store::listing::{figure_filter as ff, figures_sql, Filtered};
use crate::store::Store;

pub fn run(db: &Path, args: &FiguresArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let (from, to) = args.period.bounds().map_err(anyhow::Error::msg)?;
    let kind = args.kind.map(|k| match k {
        FigureKindArg::Money => "money",
        FigureKindArg::Count => "count",
        FigureKindArg::Percent => "percent",
        FigureKindArg::Quantity => "quantity",
    });
    let filter = Filtered::default()
        .with(
            ff::UNIT,
            "unit",
            args.unit.as_deref().map(|u| Value::from(unit_key(u))),
        )
        .with(ff::KIND, "kind", kind.map(Value::from))
        .with(ff::FROM, "from", from.map(Value::from))
        .with(ff::TO, "to", to.map(Value::from))
        .with(ff::ABOUT, "about", args.about.clone().map(Value::from))
        .with(
            ff::SPEAKER,
            "speaker",
            entity_id(&store, args.by.as_deref())?,
        );
    let paging = Paging {
        limit: args.limit,
        offset: args.offset,
        count_by: &args.count_by,
    };
    run_listing(
        &store,
        &figures_sql(&filter),
        filter.params(),
        paging,
        &args.output,
    )
}

/// Units as stored: currency codes upper case ("usd" -> "USD"), anything else lower case.
fn unit_key(unit: &str) -> String {
    let is_code = unit.len() == 3 && unit.chars().all(|c| c.is_ascii_alphabetic());
    let upper = unit.to_ascii_uppercase();
    if is_code && crate::model::is_currency_code(&upper) {
        upper
    } else {
        unit.to_lowercase()
    }
}
