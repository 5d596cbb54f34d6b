//! Where a command may write: one rule for `--output`, `backup` and `export`, so no output
//! ever lands on the database or one of the files SQLite keeps beside it, and temporary
//! files that cannot be redirected through a planted link.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The files SQLite keeps beside a database: writing over any of them loses commits.
const SIDECARS: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// Why `out` may not be written (a message to follow its name) when it is the database at `db`, its `-wal`, `-shm` or `-journal`, or a hard
/// or symbolic link to one of them; `None` when writing there is safe.
pub fn refuse_database_file(db: &Path, out: &Path) -> Option<String> {
    for suffix in SIDECARS {
        let own = with_suffix(db, suffix);
        if same_file(&own, out) {
            let what = if suffix.is_empty() {
                "the database".to_owned()
            } else {
                format!("the database's {suffix} file")
            };
            return Some(format!("is {what} {}; choose another file", display(db)));
        }
    }
    None
}

/// Whether `a` and `b` name one file: the same inode (hard links, symbolic links), or the
/// same resolved path when one of them does not exist yet (a link to a missing `-wal`).
fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) {
        return same_inode(&ma, &mb);
    }
    match (resolve(a), resolve(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(unix)]
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// The absolute path `p` stands for, following links even to a file that does not exist
/// yet: its folder is resolved and a dangling link is followed one step at a time.
fn resolve(p: &Path) -> Option<PathBuf> {
    let mut p = p.to_path_buf();
    for _ in 0..40 {
        match fs::read_link(&p) {
            Ok(target) => {
                p = match p.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                }
            }
            Err(_) => break,
        }
    }
    let name = p.file_name()?.to_owned();
    let parent = match p.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(parent).ok()?.join(name))
}

/// `path` with `suffix` appended to its name (`-wal`, `-journal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A new temporary file beside `dest`, named `.NAME.PID.RANDOM.tmp` and created
/// exclusively: an existing file or a planted link at that name makes creation fail
/// (`O_EXCL` never follows a link), and a fresh name is tried.
pub fn create_temp_beside(dest: &Path) -> io::Result<(File, PathBuf)> {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    for attempt in 0..16u64 {
        let tmp = dest.with_file_name(format!(
            ".{name}.{}.{:016x}.tmp",
            std::process::id(),
            random(attempt)
        ));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((file, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "could not find a free temporary name beside {}",
            display(dest)
        ),
    ))
}

/// Removes temporary files a killed run of this command left beside `dest`: names
/// `.NAME.PID.*tmp*` whose process is gone. Only regular files are removed, never what a
/// link points to.
pub fn remove_stale_temps(dest: &Path) {
    let Some(name) = dest.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let folder = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        // Older releases named it `.NAME.tmp` or `.NAME.PID.tmp`.
        let pid = rest.split('.').next().and_then(|p| p.parse::<u32>().ok());
        let stale = match pid {
            Some(pid) => pid != std::process::id() && !process_alive(pid),
            None => rest == "tmp",
        };
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if stale && regular && rest.contains("tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id still runs (on Linux, by its `/proc` entry; elsewhere
/// assumed alive, so nothing another run may own is removed).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

/// Enough randomness to make a temporary name unguessable in advance: the clock, the
/// process id, a stack address and the attempt, mixed by a hash of std's random keys.
fn random(attempt: u64) -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    h.write_u64(attempt);
    h.write_usize(&attempt as *const u64 as usize);
    h.finish()
}

/// A path for messages: control characters (newlines, ESC) escaped, so a hostile name
/// cannot break an error line or drive the terminal.
pub fn display(p: &Path) -> String {
    escape_controls(&p.display().to_string())
}

/// `text` with control characters written as `\n`, `\t`, `\u{1b}`.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("a\nb\u{1b}[31m"), "a\\nb\\u{1b}[31m");
        assert_eq!(escape_controls("plain é"), "plain é");
    }

    #[test]
    fn database_and_sidecars_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        fs::write(&db, b"db").unwrap();
        assert!(refuse_database_file(&db, &db).is_some());
        assert!(refuse_database_file(&db, &dir.path().join("x.db-wal")).is_some());
        assert!(refuse_database_file(&db, &dir.path().join("x.db-shm")).is_some());
        assert!(refuse_database_file(&db, &dir.path().join("other.csv")).is_none());
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink("x.db-wal", &link).unwrap();
            assert!(refuse_database_file(&db, &link).is_some(), "dangling link");
            let hard = dir.path().join("hard");
            fs::hard_link(&db, &hard).unwrap();
            assert!(refuse_database_file(&db, &hard).is_some());
        }
    }

    #[test]
    fn temporary_files_are_new_and_distinct() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("t.csv");
        let (_, a) = create_temp_beside(&dest).unwrap();
        let (_, b) = create_temp_beside(&dest).unwrap();
        assert_ne!(a, b);
    }
}
