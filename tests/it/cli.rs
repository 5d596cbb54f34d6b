//! The query side of the first version: documents, search, sql (read-only), export, stats,
//! output formats and database handling.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::util::{repo, schema_version, seed_path, shared, Dir};

fn with_data() -> Dir {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    dir
}

#[test]
fn documents_filters_by_period_newest_first() {
    let dir = with_data();
    let out = dir.run_ok(&[
        "documents",
        "--from",
        "2015",
        "--to",
        "2015-09",
        "--format",
        "csv",
    ]);
    let dates: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2015-09-22", "2015-08-02", "2015-05-18", "2015-05-07"]
    );
    let out = dir.run_ok(&["documents", "--from", "2021-08-28", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["published"], "2021-08-28");
    assert_eq!(v[0]["sentences"], 19);
}

#[test]
fn bad_date_argument_is_a_usage_error() {
    let dir = with_data();
    Command::from_std(dir.cmd())
        .args(["documents", "--from", "21-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected YYYY, YYYY-MM or YYYY-MM-DD",
        ));
    Command::from_std(dir.cmd())
        .args(["documents", "--from", "2021-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no month 13"));
}

#[test]
fn search_ranks_and_snippets() {
    let dir = with_data();
    let out = dir.run_ok(&["search", "vaccine", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert!(v[0]["snippet"].as_str().unwrap().contains("[vaccine"));
    let out = dir.run_ok(&["search", "shuttle", "--format", "csv"]);
    assert!(
        out.lines().nth(1).unwrap().contains("NASA celebrates"),
        "{out}"
    );
}

#[test]
fn sql_reads_and_refuses_every_write() {
    let dir = with_data();
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "11");
    for write in [
        "INSERT INTO documents (source, sha256, title, body, imported_at, extractor_version) VALUES ('x','y','t','b','n',1)",
        "UPDATE documents SET title = 'x'",
        "DELETE FROM documents",
        "DROP TABLE documents",
        "ATTACH DATABASE 'other.db' AS other",
        "PRAGMA user_version = 99",
        "CREATE TABLE t (x)",
        "SELECT 1; DELETE FROM documents",
    ] {
        Command::from_std(dir.cmd())
            .args(["sql", write])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("dossier: error:"));
    }
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "11");
    assert_eq!(dir.scalar("PRAGMA user_version"), schema_version());
    assert!(!dir.path("other.db").exists());
}

#[test]
fn sql_from_file_with_bound_parameters() {
    let dir = with_data();
    dir.write(
        "q.sql",
        "SELECT title FROM documents WHERE published = :day",
    );
    let out = dir.run_ok(&[
        "sql",
        "--file",
        "q.sql",
        "--param",
        "day=2011-04-13",
        "--format",
        "csv",
    ]);
    assert_eq!(out.lines().count(), 2);
    assert!(out.contains("NASA celebrates"));
    Command::from_std(dir.cmd())
        .args(["sql", "--file", "q.sql"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("parameter :day has no value"));
}

#[test]
fn output_formats_agree() {
    let dir = with_data();
    let q = "SELECT id, title FROM documents ORDER BY id LIMIT 3";
    let csv_out = dir.run_ok(&["sql", q, "--format", "csv"]);
    let json: serde_json::Value =
        serde_json::from_str(&dir.run_ok(&["sql", q, "--format", "json"])).unwrap();
    let ndjson = dir.run_ok(&["sql", q, "--format", "ndjson"]);
    let table = dir.run_ok(&["sql", q, "--format", "table"]);
    assert_eq!(csv_out.lines().count(), 4);
    assert_eq!(json.as_array().unwrap().len(), 3);
    assert_eq!(ndjson.lines().count(), 3);
    assert!(table.contains("(3 rows)"));
    let first: serde_json::Value = serde_json::from_str(ndjson.lines().next().unwrap()).unwrap();
    assert_eq!(first, json[0]);
    dir.run_ok(&["sql", q, "--format", "csv", "--output", "out.csv"]);
    assert_eq!(
        std::fs::read_to_string(dir.path("out.csv")).unwrap(),
        csv_out
    );
}

#[test]
fn export_writes_every_table_with_headers() {
    let dir = with_data();
    dir.run_ok(&["export", "out"]);
    for (file, header) in [
        ("documents.csv", "id,document,published,title"),
        ("mentions.csv", "document,kind,name"),
        ("statements.csv", "document,speaker,kind,cue,text"),
        ("figures.csv", "document,value,unit,kind,text"),
        ("sentences.csv", "id,document,document_id,position"),
    ] {
        let text = std::fs::read_to_string(dir.path("out").join(file)).unwrap();
        assert!(
            text.starts_with(header),
            "{file}: {}",
            text.lines().next().unwrap_or("")
        );
    }
    let docs = std::fs::read_to_string(dir.path("out/documents.csv")).unwrap();
    assert_eq!(
        csv::Reader::from_reader(docs.as_bytes()).records().count(),
        11
    );
    Command::from_std(dir.cmd())
        .args(["export", "out2", "--tables", "mentions,nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown table \"nope\""));
}

#[test]
fn scorer_runs_on_the_export() {
    let Some(shared) = shared() else {
        eprintln!("skipped: the shared evaluation folder is not beside the repository");
        return;
    };
    let dir = Dir::new();
    dir.import(&[&seed_path()]);
    dir.run_ok(&["export", "out"]);
    let out = std::process::Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg("--gold")
        .arg(shared.join("corpus/seed/gold.jsonl"))
        .arg("--export")
        .arg(dir.path("out"))
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.get("overall_f1").is_some() || v.to_string().contains("overall"),
        "{v}"
    );
}

#[test]
fn stats_counts_rows() {
    let dir = with_data();
    let out = dir.run_ok(&["stats", "--format", "csv"]);
    assert!(out.contains("documents,11\n"), "{out}");
    assert!(out.contains(&format!("(schema version),{}\n", schema_version())));
}

#[test]
fn database_from_env_and_newer_schema_refused() {
    let dir = Dir::new();
    env_cmd(&dir)
        .args(["import"])
        .arg(seed_path())
        .assert()
        .success();
    assert!(dir.path("env.db").exists());
    // A database from a newer dossier is refused with a clear message.
    let conn_db = dir.path("env.db");
    std::process::Command::new("python3")
        .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=99'); c.commit()"])
        .arg(&conn_db)
        .status()
        .unwrap();
    env_cmd(&dir)
        .args(["stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "created by a newer version of dossier",
        ));
}

/// dossier with the database given by DOSSIER_DB instead of --db.
fn env_cmd(dir: &Dir) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("dossier"));
    c.current_dir(dir.tmp.path())
        .env("DOSSIER_DB", dir.path("env.db"));
    c
}

#[test]
fn missing_database_is_a_clear_error() {
    let dir = Dir::new();
    Command::from_std(dir.cmd())
        .args(["documents"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no database at")
                .and(predicate::str::contains("dossier import")),
        );
}
