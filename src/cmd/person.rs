//! `dossier person NAME`: one entity's profile — aliases, roles, first and last seen, its
//! latest statements, the figures it cited and who appears alongside it.

use std::io::{self, Write};
use std::path::Path;

use super::entity::resolve_one;
use super::{open_writer, Status};
use crate::cli::PersonArgs;
use crate::output::{self, Format, Sink, Value};
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
    if let Some(name) = &args.section {
        let (_, sql) = PERSON_SECTIONS
            .iter()
            .find(|(title, _)| title == name)
            .expect("clap accepts only section names");
        store.query(sql, &params, output::sink(format, out).as_mut())?;
        return Ok(Status::Success);
    }
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
        Format::Csv | Format::Tsv | Format::Ndjson => {
            // One table: a `section` column, then every section's columns (empty where a
            // section has no such column), so the file reads as ordinary rows.
            let mut columns = vec!["section".to_owned()];
            for (_, sql) in PERSON_SECTIONS {
                for c in store.column_names(sql)? {
                    if !columns.contains(&c) {
                        columns.push(c);
                    }
                }
            }
            let mut sink = output::sink(format, Box::new(&mut out));
            sink.columns(&columns)?;
            for (title, sql) in PERSON_SECTIONS {
                let mut section = Sectioned {
                    inner: sink.as_mut(),
                    title,
                    all_columns: &columns,
                    positions: Vec::new(),
                };
                store.query(sql, &params, &mut section)?;
            }
            sink.finish()?;
        }
        Format::Table => {
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

/// Writes one section's rows into the shared table of all sections: its name first, each
/// value under its own column.
struct Sectioned<'s, 'a> {
    inner: &'s mut (dyn Sink + 'a),
    title: &'s str,
    all_columns: &'s [String],
    /// For each of this section's columns, its position in `all_columns`.
    positions: Vec<usize>,
}

impl Sink for Sectioned<'_, '_> {
    fn columns(&mut self, columns: &[String]) -> io::Result<()> {
        self.positions = columns
            .iter()
            .map(|c| {
                self.all_columns
                    .iter()
                    .position(|a| a == c)
                    .expect("every section column is in the union")
            })
            .collect();
        Ok(())
    }
    fn row(&mut self, row: &[Value]) -> io::Result<()> {
        let mut full = vec![Value::Null; self.all_columns.len()];
        full[0] = Value::from(self.title);
        for (&at, v) in self.positions.iter().zip(row) {
            full[at] = v.clone();
        }
        self.inner.row(&full)
    }
    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}
