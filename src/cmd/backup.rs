//! `dossier backup FILE`: a consistent copy of the database, safe to take during an import.

use std::path::Path;

use super::Status;
use crate::cli::BackupArgs;
use crate::store::Store;

pub fn run(db: &Path, args: &BackupArgs, quiet: bool) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let report = store.backup_to(&args.file, args.force)?;
    if !quiet {
        eprintln!(
            "backed up {} to {} ({} bytes)",
            crate::outpath::display(db),
            crate::outpath::display(&args.file),
            report.bytes
        );
    }
    Ok(Status::Success)
}
