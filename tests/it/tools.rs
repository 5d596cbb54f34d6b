//! The database as other tools see it: sqlite-utils and Datasette find the full-text
//! indexes, and Datasette serves dossier's metadata. The tools come from PyPI; where they
//! are not installed the tests say so and pass, unless `DOSSIER_REQUIRE_TOOLS` is set (as
//! CI sets it after installing them).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{repo, Dir};

/// Whether `tool --version` runs; when it does not and the tools are not required, the
/// reason is printed and the test is skipped.
fn have(tool: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("DOSSIER_REQUIRE_TOOLS").is_none(),
            "{tool} is required (DOSSIER_REQUIRE_TOOLS is set) but does not run"
        );
        eprintln!("skipped: {tool} is not installed (pip install datasette sqlite-utils)");
    }
    found
}

fn with_data() -> Dir {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    dir
}

/// The ids of the statements `dossier statements --about WORD` finds, sorted.
fn dossier_statement_ids(dir: &Dir, word: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = dir
        .sql(&format!(
            "SELECT rowid FROM statements_fts WHERE statements_fts MATCH '{word}'"
        ))
        .into_iter()
        .map(|r| r[0].parse().unwrap())
        .collect();
    ids.sort();
    ids
}

fn ids_of(rows: &serde_json::Value) -> Vec<i64> {
    let mut ids: Vec<i64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    ids.sort();
    ids
}

/// The rows `sqlite-utils search DB TABLE WORD ARGS...` prints.
fn sqlite_utils_search(dir: &Dir, table: &str, word: &str, args: &[&str]) -> serde_json::Value {
    let out = Command::new("sqlite-utils")
        .arg("search")
        .arg(dir.db())
        .args([table, word])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn sqlite_utils_searches_the_statements_and_documents() {
    if !have("sqlite-utils") {
        return;
    }
    let dir = with_data();
    let expected = dossier_statement_ids(&dir, "Iran");
    assert!(!expected.is_empty());
    let rows = sqlite_utils_search(&dir, "statements", "Iran", &["--limit", "1000"]);
    assert_eq!(ids_of(&rows), expected);
    let rows = sqlite_utils_search(&dir, "documents", "Guangdong", &["-c", "id"]);
    assert!(!ids_of(&rows).is_empty());
}

/// A Datasette server on 127.0.0.1, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(dir: &Dir, metadata: &std::path::Path) -> Server {
        // A port the system says is free; Datasette binds it right after.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("datasette")
            .arg("serve")
            .arg(dir.db())
            .arg("--metadata")
            .arg(metadata)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server { child, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "datasette did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    /// GET `path`, returning the JSON body.
    fn get(&self, path: &str) -> serde_json::Value {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        assert!(
            head.starts_with("HTTP/1.1 200") || head.starts_with("HTTP/1.0 200"),
            "{head}\n{body}"
        );
        serde_json::from_str(body).unwrap()
    }
}

#[test]
fn datasette_searches_labels_and_runs_the_canned_queries() {
    if !have("datasette") {
        return;
    }
    let dir = with_data();
    dir.run_ok(&[
        "query",
        "save",
        "titles",
        "SELECT title FROM documents ORDER BY id",
    ]);
    let metadata = dir.path("metadata.json");
    let out = dir
        .cmd()
        .args(["datasette", "-o"])
        .arg(&metadata)
        .output()
        .unwrap();
    assert!(out.status.success());
    // Queries that need dossier's own `fold` are named as left out, not shipped broken.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("left out") && err.contains("statements-by"),
        "{err}"
    );
    let server = Server::start(&dir, &metadata);
    let db = dir.db();
    let name = db.file_stem().unwrap().to_str().unwrap();

    let found = server.get(&format!(
        "/{name}/statements.json?_search=Iran&_shape=array&_size=max"
    ));
    assert_eq!(ids_of(&found), dossier_statement_ids(&dir, "Iran"));
    let all = server.get(&format!("/{name}/statements.json?_shape=array&_size=max"));
    assert!(ids_of(&all).len() > ids_of(&found).len());

    // A built-in query with a default for its parameter, left empty as a form sends it.
    let top = server.get(&format!("/{name}/top-speakers.json?_shape=array&limit="));
    let expected =
        dir.sql("SELECT count(DISTINCT speaker_id) FROM statements WHERE speaker_id IS NOT NULL");
    let speakers: usize = expected[0][0].parse().unwrap();
    assert_eq!(top.as_array().unwrap().len(), speakers.min(20));
    let titles = server.get(&format!("/{name}/titles.json?_shape=array"));
    assert_eq!(
        titles.as_array().unwrap().len().to_string(),
        dir.scalar("SELECT count(*) FROM documents")
    );
    // Ids show with their labels: a statement's speaker by name.
    let labelled = server.get(&format!(
        "/{name}/statements.json?_shape=array&_labels=on&_size=1&speaker_id__notblank=1"
    ));
    assert!(labelled[0]["speaker_id"]["label"].is_string(), "{labelled}");
}
