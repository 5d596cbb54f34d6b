//! Users' SQL ends by itself: a time limit, a cap on the statement's text, bounded memory
//! for sorts and temporary tables, and tables that hold at most `--max-rows` rows.

use std::time::Duration;

use crate::util::{output_within, repo, Dir};

/// A statement that never returns a row and never ends.
const RUNAWAY: &str =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

/// The database's bytes. The import that made it ended cleanly, so its WAL is checkpointed
/// and empty; readers leave an empty WAL behind, which holds nothing.
fn database_bytes(dir: &Dir) -> Vec<u8> {
    std::fs::read(dir.db()).unwrap()
}

/// Whether the database still has exactly these bytes (compared without printing them).
fn unchanged(dir: &Dir, before: &[u8]) -> bool {
    database_bytes(dir) == before
}

fn imported() -> Dir {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    dir
}

#[test]
fn regression_a_runaway_query_stops_at_its_timeout_and_changes_nothing() {
    let dir = imported();
    let before = database_bytes(&dir);
    let started = std::time::Instant::now();
    let out = output_within(
        dir.cmd().args(["sql", RUNAWAY, "--timeout", "2"]),
        Duration::from_secs(30),
    );
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--timeout of 2 s"), "{stderr}");
    assert!(took >= Duration::from_secs(2), "stopped early: {took:?}");
    assert!(unchanged(&dir, &before), "the database changed");
}

#[test]
fn saved_and_built_in_queries_have_the_timeout_too() {
    let dir = imported();
    dir.run_ok(&["query", "save", "forever", RUNAWAY]);
    let out = output_within(
        dir.cmd().args(["query", "forever", "--timeout", "1"]),
        Duration::from_secs(30),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--timeout of 1 s"));
    // A built-in query takes the flag (and finishes well inside it).
    dir.run_ok(&["query", "top-speakers", "--timeout", "5"]);
}

#[cfg(unix)]
#[test]
fn sigint_stops_a_running_query_and_changes_nothing() {
    use std::os::unix::process::ExitStatusExt;
    let dir = imported();
    let before = database_bytes(&dir);
    let mut child = dir
        .cmd()
        .args(["sql", RUNAWAY, "--timeout", "0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let mut status = None;
    for _ in 0..1000 {
        status = child.try_wait().unwrap();
        if status.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let Some(status) = status else {
        let _ = child.kill();
        panic!("still running 20 s after SIGINT");
    };
    // SQLite holds no lock that outlives the process: ending by the signal is clean.
    assert!(
        status.signal() == Some(2) || status.code() == Some(130),
        "{status:?}"
    );
    assert!(unchanged(&dir, &before), "the database changed");
    dir.run_ok(&["check"]);
}

#[cfg(unix)]
#[test]
fn regression_sql_from_dev_zero_or_a_huge_stdin_is_refused_at_once() {
    let dir = imported();
    let out = output_within(
        dir.cmd().args(["sql", "--file", "/dev/zero"]),
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("longer than 1 MiB"));

    let big = dir.write("big.sql", format!("SELECT 1 {}", " ".repeat(2 << 20)));
    let out = dir
        .cmd()
        .args(["sql", "--file", "-"])
        .stdin(std::fs::File::open(big).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-: the statement is longer"));

    let small = dir.write("small.sql", "SELECT 40 + 2 AS n");
    let out = dir
        .cmd()
        .args(["sql", "--file", "-", "--format", "csv"])
        .stdin(std::fs::File::open(&small).unwrap())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "n\n42\n");
    // `echo 'SELECT ...' | dossier sql`: with no statement given, it comes from stdin.
    let out = dir
        .cmd()
        .args(["sql", "--format", "csv"])
        .stdin(std::fs::File::open(&small).unwrap())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "n\n42\n");
}

#[test]
fn a_table_shows_at_most_max_rows_and_says_how_many_were_left_out() {
    let dir = imported();
    let rows = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5000) SELECT x FROM c";
    let table = dir.run_ok(&["sql", rows, "--format", "table", "--max-rows", "10"]);
    assert!(
        table.contains("10 of 5000 rows shown, 4990 left out"),
        "{table}"
    );
    assert!(table.lines().count() < 20, "{table}");
    // The data formats are never cut.
    let csv = dir.run_ok(&["sql", rows, "--format", "csv", "--max-rows", "10"]);
    assert_eq!(csv.lines().count(), 5001);
}

#[test]
fn a_query_needing_unbounded_temporary_storage_is_stopped() {
    let dir = imported();
    // Sorting 100,000 rows of 100 kB each needs 10 GB of temporary storage.
    let sort = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100000) \
                SELECT x FROM c ORDER BY randomblob(100000)";
    let out = output_within(
        dir.cmd()
            .args(["sql", sort, "--timeout", "0", "--format", "csv"]),
        Duration::from_secs(60),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("MiB of memory"), "{stderr}");
}

#[test]
fn a_value_longer_than_the_length_limit_is_refused() {
    let dir = imported();
    let out = dir
        .cmd()
        .args(["sql", "SELECT length(zeroblob(300000000))"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("longer than 256 MiB"), "{stderr}");
}
