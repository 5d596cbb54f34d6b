//! Resolving a name given on the command line to one entity, and the `people`,
//! `organizations` and `places` listings.

use std::path::Path;

use anyhow::bail;

use super::{open_sink, Status};
use crate::cli::EntityListArgs;
use crate::output::Value;
use crate::store::listing::{EntityMatch, ENTITIES_SQL};
use crate::store::Store;

/// The one entity `name` refers to. When several match, they are listed on stderr and the
/// command fails rather than guessing.
pub(crate) fn resolve_one(
    store: &Store,
    name: &str,
    kind: Option<&str>,
) -> anyhow::Result<EntityMatch> {
    let mut found = store.find_entities(name, kind)?;
    match found.len() {
        0 => bail!(
            "no {} matches {name:?}; list them with `dossier {}`",
            kind.unwrap_or("entity"),
            listing_for(kind)
        ),
        1 => Ok(found.remove(0)),
        n => {
            eprintln!("{n} entities match {name:?}:");
            for m in &found {
                let roles = if m.roles.is_empty() {
                    String::new()
                } else {
                    format!(", {}", m.roles)
                };
                eprintln!(
                    "  {} ({}{roles}): {} documents, {} statements",
                    m.name, m.kind, m.documents, m.statements
                );
            }
            bail!("{name:?} is ambiguous; give the full name")
        }
    }
}

fn listing_for(kind: Option<&str>) -> &'static str {
    match kind {
        Some("organization") => "organizations",
        Some("place") => "places",
        _ => "people",
    }
}

/// The id of the entity a `--by`/`--person` name refers to, for binding.
pub(crate) fn entity_id(store: &Store, name: Option<&str>) -> anyhow::Result<Option<Value>> {
    name.map(|n| Ok(Value::Integer(resolve_one(store, n, None)?.id)))
        .transpose()
}

/// `dossier people|organizations|places`.
pub fn list(db: &Path, kind: &str, args: &EntityListArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let (from, to) = args.period.bounds();
    let params = [
        ("kind", Value::from(kind)),
        ("name", Value::from(args.name.clone())),
        ("from", Value::from(from)),
        ("to", Value::from(to)),
        ("limit", Value::Integer(args.limit)),
    ];
    let mut sink = open_sink(&args.output)?;
    store.query(ENTITIES_SQL, &params, sink.as_mut())?;
    Ok(Status::Success)
}
