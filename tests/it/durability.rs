//! Durability with real processes: imports running at the same time as each other and as
//! readers, and imports killed with SIGKILL at arbitrary moments. The database must always
//! open, pass `PRAGMA integrity_check`, hold only whole documents, and hold every article
//! exactly once after the imports are rerun.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::util::{repo, shared, Dir};

/// Copies `n` articles into `dir/folder`: the first `n` of the bulk corpus when it is beside
/// the repository, else the shipped samples, each copy made distinct by a last line.
/// Returns the number of distinct contents written.
fn corpus(dir: &Dir, folder: &str, n: usize) -> usize {
    let bulk = shared().map(|s| s.join("corpus/bulk"));
    let mut sources: Vec<PathBuf> = match &bulk {
        Some(b) if b.is_dir() => files(b),
        _ => files(&repo().join("data")),
    };
    sources.sort();
    let mut distinct = HashSet::new();
    for i in 0..n {
        let src = &sources[i % sources.len()];
        let mut text = std::fs::read(src).unwrap();
        if n > sources.len() {
            text.extend_from_slice(format!("\nCopy {i}.\n").as_bytes());
        }
        distinct.insert(Sha256::digest(&text));
        dir.write(&format!("{folder}/{i:04}.txt"), text);
    }
    distinct.len()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && !p
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("README")
        })
        .collect()
}

/// Checks what must hold of the database whatever happened to the processes writing it,
/// and returns its document count.
fn assert_consistent(db: &Path) -> i64 {
    let conn = Connection::open(db).expect("the database opens");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let scalar = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let documents = scalar("SELECT count(*) FROM documents");
    // Whole documents only: each has its sentences and its full-text row.
    assert_eq!(
        scalar(
            "SELECT count(*) FROM documents d
             WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.document_id = d.id)"
        ),
        0,
        "documents without sentences"
    );
    assert_eq!(
        scalar("SELECT count(*) FROM documents_fts_docsize"),
        documents
    );
    assert_eq!(
        scalar("SELECT count(*) FROM statements_fts_docsize"),
        scalar("SELECT count(*) FROM statements")
    );
    // Each article once.
    assert_eq!(
        scalar("SELECT count(DISTINCT source) FROM documents"),
        documents
    );
    documents
}

fn spawn_import(dir: &Dir, folder: &str) -> Child {
    dir.cmd()
        .args(["import", folder])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn concurrent_imports_and_readers_store_every_article_once() {
    let dir = Dir::new();
    // Two folders that share a third of their articles, imported into a database that
    // does not exist yet, so the two processes also race to create the schema.
    let n = 90;
    let all = corpus(&dir, "all", n);
    for (i, name) in (0..n).map(|i| (i, format!("{i:04}.txt"))) {
        let text = std::fs::read(dir.path("all").join(&name)).unwrap();
        if i < 60 {
            dir.write(&format!("a/{name}"), &text);
        }
        if i >= 30 {
            dir.write(&format!("b/{name}"), &text);
        }
    }
    let imports = [spawn_import(&dir, "a"), spawn_import(&dir, "b")];
    // Readers query while the imports run.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(2) {
        if dir.db().exists() {
            for args in [
                &["stats"][..],
                &["search", "government"],
                &["sql", "SELECT count(*) FROM statements"],
            ] {
                let out = dir.cmd().args(args).output().unwrap();
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(!stderr.contains("locked"), "{args:?}: {stderr}");
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    for import in imports {
        let out = import.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
    }
    // The overlap is stored once: under one source path or the other.
    let conn = Connection::open(dir.db()).unwrap();
    let documents: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(documents as usize, all);
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

/// A small deterministic generator for kill times, seeded from the clock and printed, so a
/// failure can be replayed by setting DOSSIER_TEST_SEED.
fn seed() -> u64 {
    let seed = std::env::var("DOSSIER_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("kill-test seed: {seed} (set DOSSIER_TEST_SEED to replay)");
    seed
}

#[test]
fn imports_killed_at_random_points_leave_whole_documents_and_a_rerun_completes() {
    let dir = Dir::new();
    let distinct = corpus(&dir, "corpus", 700);
    let mut state = seed() | 1;
    let mut next = || {
        // xorshift64
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // How long a whole import takes here, so that the kills land anywhere in it.
    let started = Instant::now();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin!("dossier"))
        .args(["--db", "timing.db", "-q", "import", "corpus"])
        .current_dir(dir.tmp.path())
        .status()
        .unwrap();
    assert!(status.success());
    let whole = started.elapsed().as_millis() as u64;
    let mut stored = Vec::new();
    for _ in 0..5 {
        let mut import = spawn_import(&dir, "corpus");
        std::thread::sleep(Duration::from_millis(next() % whole));
        // SIGKILL: no destructor, no rollback, no chance to clean up.
        let _ = import.kill();
        import.wait().unwrap();
        if dir.db().exists() {
            stored.push(assert_consistent(&dir.db()));
        }
    }
    eprintln!("documents after each kill: {stored:?}");
    // Each killed run kept what it had committed.
    assert!(stored.windows(2).all(|w| w[0] <= w[1]), "{stored:?}");
    let out = dir.cmd().args(["import", "corpus"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(assert_consistent(&dir.db()) as usize, distinct);
}

#[test]
fn a_reader_during_an_import_sees_whole_documents() {
    let dir = Dir::new();
    corpus(&dir, "corpus", 400);
    let mut import = spawn_import(&dir, "corpus");
    let mut seen = 0;
    while import.try_wait().unwrap().is_none() {
        if dir.db().exists() {
            // Through dossier's own read-only path, as a user would.
            let out = dir
                .cmd()
                .args([
                    "sql",
                    "SELECT count(*) FROM documents d WHERE NOT EXISTS \
                     (SELECT 1 FROM sentences s WHERE s.document_id = d.id)",
                    "--format",
                    "csv",
                ])
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("locked"), "{stderr}");
            if out.status.success() {
                assert_eq!(stdout.lines().nth(1), Some("0"), "{stdout}");
                seen += 1;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(import.wait().unwrap().success());
    assert!(seen > 0, "the reader never ran during the import");
}

/// Kills per operation in the kill tests: a few by default, more with
/// `DOSSIER_KILL_ROUNDS=20` for a longer run.
fn kill_rounds() -> usize {
    std::env::var("DOSSIER_KILL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
}

/// A xorshift generator seeded by `seed()`, for kill times.
fn kill_times() -> impl FnMut() -> u64 {
    let mut state = seed() | 1;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Runs `args` to completion and returns how long it took, asserting success.
fn timed(dir: &Dir, args: &[&str]) -> u64 {
    let started = Instant::now();
    let out = dir.cmd().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (started.elapsed().as_millis() as u64).max(1)
}

/// Starts `args`, kills it with SIGKILL after a random part of `whole` milliseconds and
/// waits for it.
fn kill_during(dir: &Dir, args: &[&str], whole: u64, next: &mut impl FnMut() -> u64) {
    let mut child = dir
        .cmd()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(next() % whole));
    let _ = child.kill();
    child.wait().unwrap();
}

/// Rewrites every article of `folder` with a different last line, so `--replace` has
/// every document to replace.
fn touch_corpus(dir: &Dir, folder: &str, round: usize) {
    for path in files(&dir.path(folder)) {
        let mut text = std::fs::read_to_string(&path).unwrap();
        if let Some(cut) = text.find("\nRound ") {
            text.truncate(cut);
        }
        text.push_str(&format!("\nRound {round}.\n"));
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn kills_during_replace_reextract_and_export_leave_no_bad_state() {
    let dir = Dir::new();
    let n = corpus(&dir, "corpus", 150) as i64;
    let mut next = kill_times();
    let rounds = kill_rounds();
    timed(&dir, &["-q", "import", "corpus"]);
    let mut bad = Vec::new();

    // import --replace: every document is replaced, each in its own transaction with its
    // old version, so a kill leaves each article exactly once, old or new.
    touch_corpus(&dir, "corpus", 0);
    let whole = timed(&dir, &["-q", "import", "--replace", "corpus"]);
    for round in 1..=rounds {
        touch_corpus(&dir, "corpus", round);
        kill_during(
            &dir,
            &["-q", "import", "--replace", "corpus"],
            whole,
            &mut next,
        );
        let documents = assert_consistent(&dir.db());
        if documents != n {
            bad.push(format!(
                "import --replace round {round}: {documents} documents"
            ));
        }
    }

    // reextract --all: documents stay, and every one keeps whole extraction results.
    let whole = timed(&dir, &["-q", "reextract", "--all"]);
    for round in 1..=rounds {
        kill_during(&dir, &["-q", "reextract", "--all"], whole, &mut next);
        let documents = assert_consistent(&dir.db());
        let check = dir.cmd().arg("check").output().unwrap();
        if documents != n || !check.status.success() {
            bad.push(format!(
                "reextract round {round}: {documents} documents, check: {}",
                String::from_utf8_lossy(&check.stdout)
            ));
        }
    }

    // export: a file in the folder is always a whole one (old or new), never a torn one.
    let whole = timed(&dir, &["-q", "export", "out"]);
    for round in 1..=rounds {
        kill_during(&dir, &["-q", "export", "out"], whole, &mut next);
        let mut reader = csv::Reader::from_path(dir.path("out/documents.csv")).unwrap();
        // Parsing every record fails on a torn file.
        let rows = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
            .len() as i64;
        if rows != n || assert_consistent(&dir.db()) != n {
            bad.push(format!(
                "export round {round}: documents.csv has {rows} rows"
            ));
        }
    }
    // The next export removes what the killed ones left.
    timed(&dir, &["-q", "export", "out"]);
    let debris: Vec<String> = std::fs::read_dir(dir.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("tmp"))
        .collect();
    assert!(debris.is_empty(), "left behind: {debris:?}");
    assert!(bad.is_empty(), "bad states: {bad:?}");
}
