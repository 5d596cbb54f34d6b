//! Outputs that must never destroy the database or be redirected: `--output`, `backup` and
//! `export` refuse the database and its sidecar files, and export's temporary files
//! cannot be hijacked by a planted link.

use crate::util::{repo, Dir};

fn document_count(dir: &Dir) -> String {
    dir.scalar("SELECT count(*) FROM documents")
}

#[test]
fn regression_output_onto_the_database_or_its_wal_is_refused() {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    let before = std::fs::read(dir.db()).unwrap();
    let n = document_count(&dir);
    for target in ["test.db", "test.db-wal", "test.db-shm", "test.db-journal"] {
        let out = dir
            .cmd()
            .args(["sql", "SELECT 1", "--output", target])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "--output {target} was accepted");
        assert!(String::from_utf8_lossy(&out.stderr).contains("choose another file"));
    }
    assert_eq!(std::fs::read(dir.db()).unwrap(), before);
    assert_eq!(document_count(&dir), n);
}

#[cfg(unix)]
#[test]
fn regression_backup_onto_the_wal_or_a_link_to_the_database_is_refused() {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    let n = document_count(&dir);
    std::os::unix::fs::symlink("test.db", dir.path("link.db")).unwrap();
    std::fs::hard_link(dir.db(), dir.path("hard.db")).unwrap();
    for target in ["test.db-wal", "link.db", "hard.db", "test.db"] {
        let out = dir
            .cmd()
            .args(["backup", target, "--force"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "backup {target} was accepted");
    }
    assert_eq!(document_count(&dir), n);
}

#[cfg(unix)]
#[test]
fn regression_export_does_not_follow_a_planted_temporary_link() {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    let victim = dir.write("victim.txt", "keep me");
    std::fs::create_dir_all(dir.path("out")).unwrap();
    std::os::unix::fs::symlink(&victim, dir.path("out/.documents.csv.tmp")).unwrap();
    dir.run_ok(&["export", "out"]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let meta = std::fs::symlink_metadata(dir.path("out/documents.csv")).unwrap();
    assert!(
        meta.file_type().is_file(),
        "documents.csv is not a regular file"
    );
}

#[test]
fn stale_temporary_files_of_killed_exports_are_removed() {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    // A process id that cannot be running (above Linux's maximum).
    let stale = dir.write("out/.documents.csv.99999999.0123456789abcdef.tmp", "half");
    dir.run_ok(&["export", "out"]);
    assert!(!stale.exists());
}

/// Makes a named pipe at `path` (no writer ever opens it).
#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo failed");
}

#[cfg(unix)]
#[test]
fn regression_a_fifo_in_a_folder_or_on_the_command_line_does_not_hang_import() {
    use crate::util::output_within;
    use std::time::Duration;
    let dir = Dir::new();
    let good1 = dir.write(
        "good1.txt",
        "date 2024-01-01\n\nAlice Smith said the plan works.\n",
    );
    let good2 = dir.write(
        "good2.txt",
        "date 2024-01-02\n\nBob Jones said the plan fails.\n",
    );
    std::fs::create_dir_all(dir.path("f")).unwrap();
    mkfifo(&dir.path("f/p.txt"));
    mkfifo(&dir.path("q.txt"));
    let out = output_within(
        dir.cmd()
            .arg("import")
            .arg(&good1)
            .arg("f")
            .arg("q.txt")
            .arg(&good2),
        Duration::from_secs(20),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(document_count(&dir), "2", "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("FIFO")).collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(
        errors[0].contains("f/p.txt") && errors[1].contains("q.txt"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn regression_links_are_followed_only_inside_the_folder_and_each_file_once() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new();
    dir.write(
        "outside.txt",
        "date 2024-01-01\n\nCarol White said the dam leaks.\n",
    );
    dir.write(
        "d/a.txt",
        "date 2024-01-02\n\nAlice Smith said the plan works.\n",
    );
    dir.write(
        "d/sub/b.txt",
        "date 2024-01-03\n\nBob Jones said the plan fails.\n",
    );
    symlink("..", dir.path("d/up")).unwrap();
    symlink("a.txt", dir.path("d/again.txt")).unwrap();
    symlink("sub", dir.path("d/sublink")).unwrap();
    symlink(".", dir.path("d/sub/loop")).unwrap();
    let out = dir.cmd().args(["import", "d"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let sources: Vec<String> = dir
        .sql("SELECT source FROM documents ORDER BY source")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(sources, ["d/a.txt", "d/sub/b.txt"], "{stderr}");
    // One line for each link not followed, none for what was reached twice.
    let skipped: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(": skipped ("))
        .collect();
    assert_eq!(skipped.len(), 2, "{stderr}");
    assert!(skipped.iter().any(|l| l.starts_with("d/up:")), "{stderr}");
    assert!(
        skipped.iter().any(|l| l.starts_with("d/sub/loop:")),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_sibling_folder_outside_the_root_is_not_followed() {
    let dir = Dir::new();
    dir.write(
        "other/x.txt",
        "date 2024-01-01\n\nCarol White said the dam leaks.\n",
    );
    dir.write(
        "d/a.txt",
        "date 2024-01-02\n\nAlice Smith said the plan works.\n",
    );
    std::os::unix::fs::symlink("../other", dir.path("d/other")).unwrap();
    let out = dir.cmd().args(["import", "d"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(document_count(&dir), "1");
    assert!(
        stderr.contains("d/other: skipped (a link leading outside"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn regression_file_names_that_are_not_utf8_never_collide_on_replace() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = Dir::new();
    let ff = dir.tmp.path().join(OsStr::from_bytes(b"bad\xff.txt"));
    let fe = dir.tmp.path().join(OsStr::from_bytes(b"bad\xfe.txt"));
    std::fs::write(&ff, "date 2024-01-01\n\nAlice Smith said the plan works.\n").unwrap();
    std::fs::write(&fe, "date 2024-01-02\n\nBob Jones said the plan fails.\n").unwrap();
    let out = dir.cmd().arg("import").arg(&ff).arg(&fe).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(document_count(&dir), "2");

    std::fs::write(
        &ff,
        "date 2024-01-03\n\nAlice Smith said the plan changed.\n",
    )
    .unwrap();
    let out = dir
        .cmd()
        .args(["import", "--replace"])
        .arg(&ff)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        document_count(&dir),
        "2",
        "replacing one name replaced the other"
    );
    assert_eq!(
        dir.scalar("SELECT group_concat(published, ' ') FROM (SELECT published FROM documents ORDER BY published)"),
        "2024-01-02 2024-01-03"
    );
}

#[test]
fn regression_a_file_rewritten_while_it_is_read_is_reported_not_stored_torn() {
    use std::io::Write;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let dir = Dir::new();
    let mut article = String::from("date 2024-01-01\n\n");
    while article.len() < 256 << 10 {
        article.push_str("Alice Smith said the plan works. ");
    }
    article.push_str("\nThe end.\n");
    let path = dir.write("busy.txt", &article);
    // A writer that keeps rewriting the file in 64 KB pieces, as a slow copy would.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, path, article) = (Arc::clone(&stop), path.clone(), article.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let mut f = std::fs::File::create(&path).unwrap();
                for piece in article.as_bytes().chunks(64 << 10) {
                    f.write_all(piece).unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
            }
        })
    };
    let mut reported = 0;
    for _ in 0..10 {
        let out = dir.cmd().arg("import").arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("busy.txt: the file changed while it was read") {
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            reported += 1;
        }
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    let torn = dir.scalar("SELECT count(*) FROM documents WHERE body NOT LIKE '%The end.'");
    assert_eq!(torn, "0", "a torn copy was stored");
    assert!(reported > 0, "the file was never seen changing");
}

#[test]
fn regression_no_date_past_year_9999_is_stored() {
    let dir = Dir::new();
    let article = dir.write(
        "last.txt",
        "date 9999-12-31\n\nNext year, Alice Smith said the plan works. Prices will rise next month, she said.\n",
    );
    dir.import(&[&article]);
    let outside = dir.scalar(
        "SELECT (SELECT count(*) FROM dates WHERE date_start > '9999-12-31' OR date_end > '9999-12-31'
                 OR length(date_start) <> 10 OR length(date_end) <> 10)
              + (SELECT count(*) FROM statements WHERE said_start > '9999-12-31' OR said_end > '9999-12-31'
                 OR length(said_start) <> 10 OR length(said_end) <> 10)",
    );
    assert_eq!(outside, "0");
    // The document itself is stored and dated.
    assert_eq!(dir.scalar("SELECT published FROM documents"), "9999-12-31");
    let out = dir
        .cmd()
        .args(["import", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all(b"date 0000-01-01\n\nBob Jones said it.\n")?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "year 0 accepted");
}

#[cfg(unix)]
#[test]
fn regression_control_characters_in_file_names_are_escaped_in_messages() {
    let dir = Dir::new();
    let name = "in/bad\nname\u{1b}[31m.txt";
    dir.write(name, "");
    dir.write(
        "in/good.txt",
        "date 2024-01-01\n\nAlice Smith said the plan works.\n",
    );
    let out = dir.cmd().args(["import", "in"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "raw ESC reached the terminal: {stderr:?}"
    );
    let line = stderr
        .lines()
        .find(|l| l.starts_with("dossier: error: "))
        .unwrap();
    assert!(line.contains("in/bad\\nname\\u{1b}[31m.txt: "), "{line}");

    // Errors that end the command are escaped too.
    let out = dir
        .cmd_on(&dir.path("gone\n\u{1b}[2J.db"))
        .args(["sql", "SELECT 1"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}
