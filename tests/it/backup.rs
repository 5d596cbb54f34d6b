//! `dossier backup FILE`: a complete, consistent copy, also while an import is writing,
//! that never replaces an existing file by accident.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use rusqlite::{Connection, OpenFlags};

use crate::util::{repo, shared, Dir};

/// Per document: its sentence, mention, statement, figure and date counts.
fn per_document(db: &Path) -> BTreeMap<i64, [i64; 5]> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT d.id,
                    (SELECT count(*) FROM sentences t WHERE t.document_id = d.id),
                    (SELECT count(*) FROM mentions t WHERE t.document_id = d.id),
                    (SELECT count(*) FROM statements t WHERE t.document_id = d.id),
                    (SELECT count(*) FROM figures t WHERE t.document_id = d.id),
                    (SELECT count(*) FROM dates t WHERE t.document_id = d.id)
             FROM documents d",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            ))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn check_passes(dir: &Dir, db: &Path) {
    let out = dir.cmd_on(db).arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "check of {} failed:\n{}{}",
        db.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn backup_is_a_complete_copy_and_never_overwrites_by_accident() {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    let copy = dir.path("copies/copy.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    Command::from_std(dir.cmd())
        .args(["backup", "copies/copy.db"])
        .assert()
        .success()
        .stderr(predicate::str::contains("backed up"));

    let stats = |db: &Path| {
        let out = dir
            .cmd_on(db)
            .args(["stats", "--format", "csv"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(stats(&copy), stats(&dir.db()));
    assert_eq!(per_document(&copy), per_document(&dir.db()));
    check_passes(&dir, &copy);
    // Only the copy is left in its folder: no temporary file.
    let names: Vec<String> = std::fs::read_dir(copy.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(names, ["copy.db"]);

    // An existing file is kept unless --force.
    let other = dir.write("other.db", "not a database, but someone's file");
    Command::from_std(dir.cmd())
        .args(["backup", "other.db"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "dossier: error: other.db: already exists; pass --force to replace it",
        ));
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "not a database, but someone's file"
    );
    Command::from_std(dir.cmd())
        .args(["backup", "other.db", "--force"])
        .assert()
        .success();
    assert_eq!(per_document(&other), per_document(&dir.db()));
    Command::from_std(dir.cmd())
        .args(["backup", "nowhere/copy.db"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "dossier: error: nowhere/copy.db: folder nowhere does not exist",
        ));
    // Nor a database whose write-ahead log still holds commits: they would be replayed
    // into the copy.
    dir.write("busy.db", "a database");
    dir.write("busy.db-wal", "its uncheckpointed commits");
    Command::from_std(dir.cmd())
        .args(["backup", "busy.db", "--force"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("its -wal file holds commits"));
    assert_eq!(
        std::fs::read_to_string(dir.path("busy.db")).unwrap(),
        "a database"
    );
    // Not even --force replaces the database being backed up.
    Command::from_std(dir.cmd())
        .args(["backup", "--force"])
        .arg(dir.db())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is the database"));
    check_passes(&dir, &dir.db());
}

#[test]
fn backup_during_an_import_holds_only_whole_documents() {
    let Some(shared) = shared() else {
        eprintln!("skipped: the shared corpus is not beside the repository");
        return;
    };
    let dir = Dir::new();
    let mut import = dir
        .cmd()
        .args(["-q", "import"])
        .arg(shared.join("corpus/bulk"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import has committed some documents (a generous hang guard only).
    let started = Instant::now();
    let committed = || -> i64 {
        Connection::open_with_flags(dir.db(), OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
            .unwrap_or(0)
    };
    while committed() < 200 {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the import did not start"
        );
        assert!(
            import.try_wait().unwrap().is_none(),
            "the import ended early"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let backup = dir.cmd().args(["backup", "mid.db"]).output().unwrap();
    let still_running = import.try_wait().unwrap().is_none();
    import.kill().ok();
    import.wait().unwrap();
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    eprintln!("import still running after the backup: {still_running}");

    let copy = dir.path("mid.db");
    let copied = per_document(&copy);
    assert!(copied.len() >= 200, "{} documents", copied.len());
    // Every document in the copy has all the rows the import gave it: the same counts as
    // in the database the import left (which holds every committed document).
    let live = per_document(&dir.db());
    for (id, counts) in &copied {
        assert!(counts[0] > 0, "document {id} has no sentences in the copy");
        assert_eq!(Some(counts), live.get(id), "document {id} differs");
    }
    check_passes(&dir, &copy);
}
