//! `dossier export`: one file per table, CSV or Parquet, each written to a temporary file
//! and renamed into place so a reader never sees half a file.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::Path;

use anyhow::{bail, Context};

use super::Status;
use crate::cli::{ExportArgs, ExportFormat};
use crate::outpath;
use crate::output::{self, Format, Sink};
use crate::parquet::ParquetSink;
use crate::store::read::{export_columns, export_sql, TABLES};
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
    let extension = match args.format {
        ExportFormat::Csv => "csv",
        ExportFormat::Parquet => "parquet",
    };
    let paths: Vec<_> = tables
        .iter()
        .map(|t| args.dir.join(format!("{t}.{extension}")))
        .collect();
    for path in &paths {
        if let Some(refused) = outpath::refuse_database_file(db, path) {
            bail!("{}: {refused}", outpath::display(path));
        }
    }
    // Every table from one snapshot: documents an import commits meanwhile appear in all
    // files or in none.
    store.in_one_snapshot(|store| write_tables(store, &tables, &paths, args, quiet))?;
    Ok(Status::Success)
}

/// Writes each table to its path, through an exclusive temporary file renamed into place.
fn write_tables(
    store: &Store,
    tables: &[&str],
    paths: &[std::path::PathBuf],
    args: &ExportArgs,
    quiet: bool,
) -> anyhow::Result<()> {
    for (&table, path) in tables.iter().zip(paths) {
        outpath::remove_stale_temps(path);
        // Created exclusively under a fresh name: a link planted there cannot redirect it.
        let (file, tmp) = outpath::create_temp_beside(path).with_context(|| {
            format!(
                "could not create a temporary file for {}",
                outpath::display(path)
            )
        })?;
        let written = write_table(store, table, args.format, file, &tmp);
        let rows = match written {
            Ok(rows) => rows,
            Err(e) => {
                // Best effort: the error that matters is the one being reported.
                let _ = fs::remove_file(&tmp);
                return Err(e);
            }
        };
        fs::rename(&tmp, path)
            .with_context(|| format!("could not write {}", outpath::display(path)))?;
        if !quiet {
            eprintln!("{}: {rows} rows", outpath::display(path));
        }
    }
    Ok(())
}

/// Streams `table` into `file`, the new temporary file at `tmp`; returns the number of rows.
fn write_table(
    store: &Store,
    table: &str,
    format: ExportFormat,
    file: File,
    tmp: &Path,
) -> anyhow::Result<usize> {
    let sql = export_sql(table).expect("checked by the caller");
    let mut sink: Box<dyn Sink> = match format {
        ExportFormat::Csv => output::sink(Format::Csv, Box::new(BufWriter::new(file))),
        ExportFormat::Parquet => {
            let columns = export_columns(table).expect("every exported table has columns");
            // The Parquet writer buffers its output itself.
            Box::new(
                ParquetSink::new(file, table, columns)
                    .with_context(|| format!("could not write {}", tmp.display()))?,
            )
        }
    };
    let rows = store
        .query(sql, &[], sink.as_mut())
        .with_context(|| format!("could not export {table}"))?;
    Ok(rows)
}
