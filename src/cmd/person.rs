//! `dossier person NAME`: one entity's profile — aliases, roles, first and last seen, its
//! latest statements, the figures it cited and who appears alongside it.

use std::io::Write;
use std::path::Path;

use super::entity::resolve_one;
use super::{open_writer, Status};
use crate::cli::PersonArgs;
use crate::output::{self, Format, Value};
use crate::store::listing::PERSON_SECTIONS;
use crate::store::Store;

pub fn run(db: &Path, args: &PersonArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    // A person first; an organization or place of that name when no person has it.
    let entity = match resolve_one(&store, &args.name, Some("person")) {
        Ok(e) => e,
        Err(e) if store.find_entities(&args.name, Some("person"))?.is_empty() => {
            resolve_one(&store, &args.name, None).map_err(|_| e)?
        }
        Err(e) => return Err(e),
    };
    let params = [
        ("id", Value::Integer(entity.id)),
        ("limit", Value::Integer(args.limit)),
    ];
    let (format, mut out) = open_writer(&args.output)?;
    match format {
        Format::Json => {
            // One object: each section an array of rows.
            write!(out, "{{")?;
            for (i, (title, sql)) in PERSON_SECTIONS.iter().enumerate() {
                write!(out, "{}\"{title}\":", if i > 0 { "," } else { "" })?;
                store.query(
                    sql,
                    &params,
                    output::sink(Format::Json, Box::new(&mut out)).as_mut(),
                )?;
            }
            writeln!(out, "}}")?;
        }
        Format::Ndjson => {
            for (_, sql) in PERSON_SECTIONS {
                store.query(
                    sql,
                    &params,
                    output::sink(Format::Ndjson, Box::new(&mut out)).as_mut(),
                )?;
            }
        }
        Format::Table | Format::Csv => {
            for (i, (title, sql)) in PERSON_SECTIONS.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "# {title}")?;
                store.query(
                    sql,
                    &params,
                    output::sink(format, Box::new(&mut out)).as_mut(),
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Success)
}
