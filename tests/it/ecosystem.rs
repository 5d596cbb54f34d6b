//! What users of other data tools type by habit: search text as typed, pages and counts,
//! formats from file names, one well-formed CSV per command, tables that fit.

use crate::util::{repo, Dir};

fn with_data() -> Dir {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    dir
}

fn csv_rows(out: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn search_takes_ordinary_text() {
    let dir = with_data();
    for text in ["U.S.", "Blair's", "oil-price", "global warming"] {
        dir.run_ok(&["search", text]);
        dir.run_ok(&["statements", "--about", text]);
    }
    let found = csv_rows(&dir.run_ok(&["search", "U.S."]));
    assert!(found.iter().any(|r| r[4].ends_with("GUM_news_warming.txt")));
    // FTS5 syntax only with --raw; a mistake is one line on stderr, and nothing on stdout.
    let out = dir
        .cmd()
        .args(["search", "--raw", "vaccine AND ("])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("invalid search \"vaccine AND (\""), "{err}");
    let either = csv_rows(&dir.run_ok(&["statements", "--raw", "--about", "vaccine OR Guangdong"]));
    assert!(!either.is_empty());
}

#[test]
fn tables_say_how_to_see_the_next_page() {
    let dir = with_data();
    let all = csv_rows(&dir.run_ok(&["statements", "--limit", "1000"]));
    let table = dir.run_ok(&["statements", "--limit", "5", "--format", "table"]);
    let footer = table.lines().last().unwrap();
    assert_eq!(
        footer,
        format!("5 of {} rows; --offset 5 for more", all.len())
    );
    let second = csv_rows(&dir.run_ok(&["statements", "--limit", "5", "--offset", "5"]));
    assert_eq!(second, all[5..10]);
}

#[test]
fn count_by_counts_in_every_format() {
    let dir = with_data();
    let all = csv_rows(&dir.run_ok(&["statements", "--limit", "1000"]));
    let counts = csv_rows(&dir.run_ok(&["statements", "--count-by", "speaker"]));
    let darvishi = all
        .iter()
        .filter(|r| r[2] == "Hosseinali Darvishi Motevalli")
        .count();
    assert!(counts
        .iter()
        .any(|r| r[0] == "Hosseinali Darvishi Motevalli" && r[1] == darvishi.to_string()));
    let total: usize = counts.iter().map(|r| r[1].parse::<usize>().unwrap()).sum();
    assert_eq!(total, all.len());
    let json: serde_json::Value =
        serde_json::from_str(&dir.run_ok(&["figures", "--count-by", "unit,year", "--json"]))
            .unwrap();
    assert!(
        json[0]["unit"].is_string() && json[0]["year"].is_string() && json[0]["count"].is_i64()
    );
    let out = dir
        .cmd()
        .args(["figures", "--count-by", "speaker"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--count-by speaker does not apply"));
}

#[test]
fn output_extension_and_shorthands_choose_the_format() {
    let dir = with_data();
    dir.run_ok(&["documents", "-o", "out.json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("out.json")).unwrap()).unwrap();
    assert!(v.as_array().is_some_and(|a| !a.is_empty()));
    let tsv = dir.run_ok(&["documents", "--tsv"]);
    assert!(
        tsv.starts_with("id\tpublished\ttitle\tsource\tsentences\n"),
        "{tsv}"
    );
    let nl = dir.run_ok(&["documents", "--nl", "--limit", "2"]);
    assert_eq!(nl.lines().count(), 2);
}

#[test]
fn person_csv_is_one_table_with_a_section_column() {
    let dir = with_data();
    let out = dir.run_ok(&["person", "Darvishi", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "section");
    let sections: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(sections[0], "person");
    assert!(sections.iter().any(|s| s == "statements"));
    for line in dir.run_ok(&["person", "Darvishi", "--nl"]).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["section"].is_string(), "{line}");
    }
    let roles = csv_rows(&dir.run_ok(&["person", "Darvishi", "--section", "roles"]));
    assert!(!roles.is_empty());
}

#[test]
fn tables_fit_80_columns_without_columns_set() {
    let dir = with_data();
    for args in [
        &["statements", "--format", "table"][..],
        &["figures", "--format", "table"],
        &["documents", "--format", "table"],
    ] {
        let out = dir.cmd().env_remove("COLUMNS").args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{args:?}: {line}");
        }
    }
}

#[test]
fn sql_errors_name_the_problem() {
    let dir = with_data();
    let out = dir
        .cmd()
        .args(["sql", "select * from nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "dossier: error: no such table: nope\n"
    );
}

#[test]
fn stats_as_json_keeps_size_and_version_apart_from_the_tables() {
    let dir = with_data();
    let stats: serde_json::Value =
        serde_json::from_str(&dir.run_ok(&["stats", "--format", "json"])).unwrap();
    let documents = dir.scalar("SELECT count(*) FROM documents");
    assert_eq!(stats["tables"]["documents"].to_string(), documents);
    assert!(stats["database_bytes"].as_i64().unwrap() > 0);
    assert_eq!(
        stats["schema_version"].to_string(),
        crate::util::schema_version()
    );
    let tables = stats["tables"].as_object().unwrap();
    assert!(tables.keys().all(|k| !k.starts_with('(')), "{tables:?}");
}

#[test]
fn saving_a_query_never_overwrites_one_without_replace() {
    let dir = with_data();
    dir.run_ok(&["query", "save", "titles", "SELECT title FROM documents"]);
    let out = dir
        .cmd()
        .args(["query", "save", "titles", "SELECT 1 AS one"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("exists already; pass --replace"), "{err}");
    assert_eq!(
        dir.scalar("SELECT sql FROM saved_queries WHERE name = 'titles'"),
        "SELECT title FROM documents"
    );
    dir.run_ok(&["query", "save", "titles", "SELECT 1 AS one", "--replace"]);
    assert_eq!(csv_rows(&dir.run_ok(&["query", "titles"])), [["1"]]);
}

#[test]
fn impossible_dates_and_empty_ranges_are_errors() {
    let dir = with_data();
    let fails = |args: &[&str]| {
        let out = dir.cmd().args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let err = fails(&["statements", "--from", "2021-02-30"]);
    assert!(err.contains("February 2021 has no day 30"), "{err}");
    for listing in ["statements", "figures", "timeline", "people", "documents"] {
        let err = fails(&[listing, "--from", "2022", "--to", "2020"]);
        assert!(
            err.contains("--from 2022-01-01 is after --to 2020-12-31"),
            "{listing}: {err}"
        );
    }
}

#[test]
fn read_only_commands_leave_no_files_beside_the_database() {
    let dir = with_data();
    let before = files_in(&dir);
    for args in [
        &["stats"][..],
        &["sql", "SELECT count(*) FROM documents"],
        &["statements", "--limit", "3"],
        &["search", "Iran"],
        &["person", "Hosseinali Darvishi Motevalli"],
        &["check"],
    ] {
        dir.run_ok(args);
        assert_eq!(files_in(&dir), before, "after dossier {args:?}");
    }
}

fn files_in(dir: &Dir) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn entity_listings_count_by_the_year_each_was_first_seen() {
    let dir = with_data();
    let counts = csv_rows(&dir.run_ok(&["people", "--count-by", "year", "--limit", "100"]));
    let expected = dir.sql(
        "SELECT substr(first, 1, 4), count(*) FROM (
             SELECT min(d.published) AS first FROM entities e
             JOIN mentions m ON m.entity_id = e.id JOIN documents d ON d.id = m.document_id
             WHERE e.kind = 'person' GROUP BY e.id)
         GROUP BY 1 ORDER BY 1",
    );
    assert!(!expected.is_empty());
    assert_eq!(counts, expected);
    let err = dir
        .cmd()
        .args(["places", "--count-by", "unit"])
        .output()
        .unwrap();
    assert!(!err.status.success());
    assert!(String::from_utf8_lossy(&err.stderr).contains("--count-by unit does not apply here"));
}

#[test]
fn a_misspelled_name_gets_a_suggestion() {
    let dir = with_data();
    let out = dir.cmd().args(["person", "Motevali"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did you mean \"Hosseinali Darvishi Motevalli\"?"),
        "{err}"
    );
    let out = dir.cmd().args(["person", "Qwxyz"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no person matches \"Qwxyz\""), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
}
