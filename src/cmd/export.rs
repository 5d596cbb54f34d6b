//! `dossier export`: one CSV file per table, each written to a temporary file and renamed
//! into place so a reader never sees half a file.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::Path;

use anyhow::{bail, Context};

use super::Status;
use crate::cli::ExportArgs;
use crate::output::{self, Format};
use crate::store::read::{export_sql, TABLES};
use crate::store::Store;

pub fn run(db: &Path, args: &ExportArgs, quiet: bool) -> anyhow::Result<Status> {
    let tables: Vec<&str> = if args.tables.is_empty() {
        TABLES.to_vec()
    } else {
        args.tables
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect()
    };
    for t in &tables {
        if export_sql(t).is_none() {
            bail!(
                "unknown table {t:?} in --tables; choose from {}",
                TABLES.join(", ")
            );
        }
    }
    let store = Store::open_read_only(db)?;
    fs::create_dir_all(&args.dir)
        .with_context(|| format!("could not create folder {}", args.dir.display()))?;
    for table in tables {
        let path = args.dir.join(format!("{table}.csv"));
        let tmp = args.dir.join(format!(".{table}.csv.tmp"));
        let file =
            File::create(&tmp).with_context(|| format!("could not create {}", tmp.display()))?;
        let mut sink = output::sink(Format::Csv, Box::new(BufWriter::new(file)));
        let sql = export_sql(table).expect("checked above");
        let rows = store
            .query(sql, &[], sink.as_mut())
            .with_context(|| format!("could not export {table}"))?;
        drop(sink);
        fs::rename(&tmp, &path).with_context(|| format!("could not write {}", path.display()))?;
        if !quiet {
            eprintln!("{}: {rows} rows", path.display());
        }
    }
    Ok(Status::Success)
}
