//! Online backup (`dossier backup FILE`): a consistent copy of the database taken with
//! SQLite's backup API while imports may keep writing, written to a temporary file beside
//! FILE and renamed into place, so FILE is either the old file or the whole new copy.

use std::fs::{self, File};
use std::path::Path;
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::Connection;

use super::{Store, StoreError};
use crate::outpath;

/// Pages copied per backup step (1MB with SQLite's default page size).
const STEP_PAGES: i32 = 256;

/// What a backup wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupReport {
    /// Size of the copy in bytes.
    pub bytes: u64,
}

impl Store {
    /// Copies the database into `dest`. Refuses to replace an existing `dest` unless
    /// `force`, and never replaces the database itself or a database whose write-ahead
    /// log still holds commits (they would be replayed into the copy).
    pub fn backup_to(&self, dest: &Path, force: bool) -> Result<BackupReport, StoreError> {
        let shown = dest.display().to_string();
        if let Some(folder) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !folder.is_dir() {
                return Err(StoreError::Backup(
                    shown,
                    format!("folder {} does not exist", folder.display()),
                ));
            }
        }
        if let Some(own) = self.conn().path().map(Path::new) {
            if let Some(refused) = outpath::refuse_database_file(own, dest) {
                return Err(StoreError::Backup(shown, refused));
            }
        }
        if dest.exists() {
            if !force {
                return Err(StoreError::Backup(
                    shown,
                    "already exists; pass --force to replace it".into(),
                ));
            }
            // An empty log is what a reader leaves behind; one with frames holds
            // commits not yet in the file, which would be replayed into the copy.
            let wal = fs::metadata(outpath::with_suffix(dest, "-wal")).map_or(0, |m| m.len());
            if wal > 0 {
                return Err(StoreError::Backup(
                    shown,
                    "is a database in use or not closed cleanly (its -wal file holds commits); \
                     close it or remove it first"
                        .into(),
                ));
            }
        }
        outpath::remove_stale_temps(dest);
        // Created exclusively, so a link planted at the name cannot redirect the copy.
        let (_, tmp) = outpath::create_temp_beside(dest).map_err(io(dest))?;
        let result = self.copy_to(&tmp).and_then(|()| {
            let bytes = fs::metadata(&tmp).map_err(io(&tmp))?.len();
            fs::rename(&tmp, dest).map_err(io(dest))?;
            sync_parent(dest);
            Ok(BackupReport { bytes })
        });
        if result.is_err() {
            // Best effort: the copy is incomplete or was not moved into place.
            let _ = fs::remove_file(&tmp);
            let _ = fs::remove_file(outpath::with_suffix(&tmp, "-journal"));
        }
        result
    }

    /// Writes the whole database into a new file at `tmp`, checked and synced.
    fn copy_to(&self, tmp: &Path) -> Result<(), StoreError> {
        let mut dst = Connection::open(tmp)?;
        {
            // One read transaction for the whole copy pins a single snapshot: every step
            // reads the same state, so the copy is consistent however many documents the
            // import commits meanwhile (without it, SQLite restarts the backup whenever
            // another connection writes, and it might never finish under a busy import).
            // In WAL mode a reader does not block writers, so this holds no one up.
            let snapshot = self.conn().unchecked_transaction()?;
            snapshot.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
            let backup = Backup::new(&snapshot, &mut dst)?;
            backup.run_to_completion(STEP_PAGES, Duration::ZERO, None)?;
        }
        let verdict: String = dst.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Backup(
                tmp.display().to_string(),
                format!("the copy fails SQLite's quick check: {verdict}"),
            ));
        }
        dst.close().map_err(|(_, e)| e)?;
        File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(io(tmp))?;
        Ok(())
    }
}

/// Makes the rename durable: on Unix a directory is synced like a file. Elsewhere, or if
/// it fails, the rename is still atomic, only perhaps not yet on disk.
fn sync_parent(path: &Path) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(parent) {
        let _ = dir.sync_all();
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::Backup(path.display().to_string(), e.to_string())
}
