//! The query commands on the sample data: person, listings, statements, figures, timeline
//! and named queries.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::util::{repo, Dir};

fn with_data() -> Dir {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    dir
}

fn csv_rows(out: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap()
}

#[test]
fn statements_by_darvishi_are_the_seeds() {
    let dir = with_data();
    let out = dir.run_ok(&[
        "statements",
        "--by",
        "Darvishi",
        "--format",
        "csv",
        "--limit",
        "100",
    ]);
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 11, "{out}");
    for r in &rows {
        assert_eq!(&r[2], "Hosseinali Darvishi Motevalli");
        assert!(r[6].ends_with("000_14e4a38ff4af8c64.txt"));
    }
    assert!(rows
        .iter()
        .any(|r| &r[5] == "Iran is ready and welcomes the cooperation with Guangdong"));
    // Case and accents do not matter.
    let again = dir.run_ok(&[
        "statements",
        "--by",
        "DARVÍSHI",
        "--format",
        "csv",
        "--limit",
        "100",
    ]);
    assert_eq!(again, out);
}

#[test]
fn statements_filter_by_words_kind_and_period() {
    let dir = with_data();
    let out = dir.run_ok(&["statements", "--about", "unilateralism", "--format", "json"]);
    let v = json(&out);
    let speakers: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["speaker"].as_str().unwrap_or(""))
        .collect();
    assert!(speakers.contains(&"Wang Yi"), "{out}");
    let direct = json(&dir.run_ok(&[
        "statements",
        "--by",
        "Darvishi",
        "--kind",
        "direct",
        "--format",
        "json",
    ]));
    assert!(direct
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["kind"] == "direct"));
    assert_eq!(direct.as_array().unwrap().len(), 4);
    // Wang Yi spoke in July (the text says so), the article is from August.
    let july = json(&dir.run_ok(&["statements", "--on", "2021-07", "--format", "json"]));
    assert!(
        july.as_array()
            .unwrap()
            .iter()
            .any(|s| s["speaker"] == "Wang Yi" && s["dated_by"] == "text"),
        "{july}"
    );
    let none = json(&dir.run_ok(&[
        "statements",
        "--by",
        "Darvishi",
        "--to",
        "2020",
        "--format",
        "json",
    ]));
    assert_eq!(none, serde_json::json!([]));
}

#[test]
fn person_shows_profile_and_roles() {
    let dir = with_data();
    let out = dir.run_ok(&["person", "Zarif", "--format", "json"]);
    let v = json(&out);
    assert_eq!(v["person"][0]["name"], "Mohammad Javad Zarif");
    let roles: Vec<&str> = v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert!(
        roles
            .iter()
            .any(|r| r.contains("former") && r.contains("Foreign Minister")),
        "{roles:?}"
    );
    let d = json(&dir.run_ok(&["person", "darvishi", "--format", "json"]));
    assert_eq!(d["person"][0]["first_seen"], "2021-08-28");
    assert!(d["statements"].as_array().unwrap().len() >= 5);
    assert!(d["related"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["name"] == "Wang Yi"));
    let table = dir.run_ok(&["person", "Wang Yi", "--format", "table"]);
    assert!(table.contains("# roles") && table.contains("# statements"));
}

#[test]
fn unknown_person_fails_clearly() {
    let dir = with_data();
    Command::from_std(dir.cmd())
        .args(["person", "Nobody Atall"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no person matches \"Nobody Atall\"",
        ));
}

#[test]
fn ambiguous_name_lists_candidates_and_fails() {
    let dir = Dir::new();
    dir.write("a.txt", "date 2020-01-01\nTalks\n\nJohn Smith met Anna Smith in Paris. John Smith said the talks went well.");
    dir.run_ok(&["import", "a.txt"]);
    let people = dir.run_ok(&["people", "--format", "csv"]);
    if csv_rows(&people)
        .iter()
        .filter(|r| r[1].ends_with("Smith"))
        .count()
        < 2
    {
        panic!("expected two Smiths in:\n{people}");
    }
    Command::from_std(dir.cmd())
        .args(["person", "Smith"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("John Smith").and(predicate::str::contains("Anna Smith")))
        .stderr(predicate::str::contains("ambiguous"));
}

#[test]
fn a_full_name_means_that_entity_even_when_others_carry_it_as_an_alias() {
    let dir = with_data();
    // Another entity that has a person's full name among its aliases.
    let name = dir.sql(
        "SELECT e.name FROM entities e JOIN statements s ON s.speaker_id = e.id
         WHERE e.kind = 'person' GROUP BY e.id ORDER BY count(*) DESC LIMIT 1",
    )[0][0]
        .clone();
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    conn.execute(
        "INSERT INTO entities (kind, name, normalized) VALUES ('organization', ?1, ?2)",
        [
            format!("{name} Foundation"),
            format!("{name} foundation").to_lowercase(),
        ],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO aliases (entity_id, alias, normalized)
         SELECT id, ?1, lower(?1) FROM entities WHERE name = ?1 || ' Foundation'",
        [&name],
    )
    .unwrap();
    drop(conn);
    let out = dir.run_ok(&["person", &name, "--format", "csv"]);
    assert!(out.contains(&name), "{out}");
    let by = dir.run_ok(&["statements", "--by", &name, "--format", "csv"]);
    assert!(by.lines().count() > 1, "{by}");
}

#[test]
fn entity_listings() {
    let dir = with_data();
    let people = csv_rows(&dir.run_ok(&["people", "--format", "csv", "--limit", "500"]));
    assert!(people
        .iter()
        .any(|r| &r[1] == "Hosseinali Darvishi Motevalli" && &r[4] == "11"));
    let places = csv_rows(&dir.run_ok(&["places", "--name", "iran", "--format", "csv"]));
    assert_eq!(places.len(), 1);
    assert_eq!(&places[0][1], "Iran");
    let orgs = csv_rows(&dir.run_ok(&["organizations", "--from", "2021", "--format", "csv"]));
    assert!(orgs.iter().any(|r| &r[1] == "GDToday"));
    let old = csv_rows(&dir.run_ok(&[
        "people", "--to", "2009", "--format", "csv", "--limit", "500",
    ]));
    assert!(!old.iter().any(|r| &r[1] == "Wang Yi"));
}

#[test]
fn figures_by_unit_kind_and_speaker() {
    let dir = with_data();
    let usd = json(&dir.run_ok(&["figures", "--unit", "usd", "--format", "json"]));
    let seed: Vec<_> = usd
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["document"].as_str().unwrap().contains("000_14e4"))
        .collect();
    assert_eq!(seed.len(), 1, "{usd}");
    assert_eq!(seed[0]["value"], 4300000000.0);
    assert_eq!(seed[0]["date"], "2021-04-01");
    let doses = json(&dir.run_ok(&["figures", "--by", "Darvishi", "--format", "json"]));
    assert!(
        doses
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["unit"] == "dose"),
        "{doses}"
    );
    let money = json(&dir.run_ok(&[
        "figures", "--kind", "money", "--format", "json", "--limit", "1000",
    ]));
    assert!(money
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["kind"] == "money"));
}

#[test]
fn timeline_by_month_and_person() {
    let dir = with_data();
    let out = dir.run_ok(&["timeline", "--on", "2021-08", "--format", "json"]);
    let v = json(&out);
    let rows = v.as_array().unwrap();
    assert!(rows
        .iter()
        .any(|r| r["what"] == "document" && r["document"].as_str().unwrap().contains("000_14e4")));
    assert!(
        rows.iter()
            .all(|r| r["date"].as_str().unwrap().starts_with("2021-08")),
        "{out}"
    );
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    let wang = json(&dir.run_ok(&["timeline", "--person", "Wang Yi", "--format", "json"]));
    assert!(wang
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["what"] == "statement" && r["who"] == "Wang Yi"));
}

#[test]
fn builtin_queries_run_with_bound_parameters() {
    let dir = with_data();
    let list = dir.run_ok(&["query", "--list", "--format", "csv"]);
    for name in [
        "top-speakers",
        "statements-by",
        "figures-by-unit",
        "mentions-per-month",
        "co-occurrence",
        "undated-documents",
    ] {
        assert!(list.contains(name), "{name} missing from:\n{list}");
    }
    let top = csv_rows(&dir.run_ok(&["query", "top-speakers", "--format", "csv"]));
    assert_eq!(&top[0][0], "Hosseinali Darvishi Motevalli");
    let by = csv_rows(&dir.run_ok(&[
        "query",
        "statements-by",
        "--param",
        "name=Wang Yi",
        "--format",
        "csv",
    ]));
    assert_eq!(by.len(), 1);
    let both = csv_rows(&dir.run_ok(&[
        "query",
        "co-occurrence",
        "-p",
        "a=Iran",
        "-p",
        "b=Wang Yi",
        "--format",
        "csv",
    ]));
    assert_eq!(both.len(), 1);
    // A parameter value is data, never SQL.
    let evil = dir.run_ok(&[
        "query",
        "statements-by",
        "--param",
        "name=x'); DROP TABLE documents; --",
        "--format",
        "csv",
    ]);
    assert_eq!(csv_rows(&evil).len(), 0);
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "11");
    Command::from_std(dir.cmd())
        .args(["query", "statements-by"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs --param name=VALUE"));
}

#[test]
fn saved_queries_round_trip() {
    let dir = with_data();
    dir.run_ok(&[
        "query",
        "save",
        "since",
        "SELECT title FROM documents WHERE published >= :day ORDER BY published",
        "--description",
        "documents since a day",
    ]);
    let list = dir.run_ok(&["query", "--list", "--format", "csv"]);
    assert!(
        list.contains("since,saved,day,documents since a day"),
        "{list}"
    );
    let rows = csv_rows(&dir.run_ok(&["query", "since", "--param", "day=2016", "--format", "csv"]));
    assert_eq!(rows.len(), 2);
    Command::from_std(dir.cmd())
        .args(["query", "save", "wipe", "DELETE FROM documents"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "DELETE from documents is not authorized",
        ));
    Command::from_std(dir.cmd())
        .args(["query", "save", "top-speakers", "SELECT 1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("built-in"));
    dir.run_ok(&["query", "delete", "since"]);
    Command::from_std(dir.cmd())
        .args(["query", "since"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no query called"));
    // Re-extraction keeps saved queries.
    dir.run_ok(&["query", "save", "keep", "SELECT 1 AS one"]);
    dir.run_ok(&["reextract", "--all"]);
    assert_eq!(
        dir.run_ok(&["query", "keep", "--format", "csv"]),
        "one\n1\n"
    );
}

#[test]
fn ndjson_and_output_file_are_complete() {
    let dir = with_data();
    dir.run_ok(&[
        "statements",
        "--format",
        "ndjson",
        "--limit",
        "1000",
        "--output",
        "all.ndjson",
    ]);
    let text = std::fs::read_to_string(dir.path("all.ndjson")).unwrap();
    let total = dir.scalar("SELECT count(*) FROM statements");
    assert_eq!(text.lines().count().to_string(), total);
    let longest = dir.scalar("SELECT max(length(content)) FROM statements");
    let max_seen = text
        .lines()
        .map(|l| json(l)["content"].as_str().unwrap().chars().count())
        .max()
        .unwrap();
    assert_eq!(max_seen.to_string(), longest);
}

#[test]
fn reextract_reproduces_the_same_rows_and_keeps_statement_search_in_step() {
    let dir = with_data();
    let snapshot = || {
        (
            dir.sql("SELECT count(*) FROM statements")[0][0].clone(),
            dir.sql("SELECT count(*) FROM mentions")[0][0].clone(),
            dir.run_ok(&["statements", "--about", "vaccine", "--format", "csv"]),
        )
    };
    let before = snapshot();
    assert!(before.2.lines().count() > 1, "{}", before.2);
    // A row that differs from what extraction makes must be written again, not left.
    rusqlite::Connection::open(dir.db())
        .unwrap()
        .execute(
            "UPDATE statements SET cue = 'tampered' WHERE id = (SELECT min(id) FROM statements)",
            [],
        )
        .unwrap();
    dir.run_ok(&["reextract", "--all"]);
    let after = snapshot();
    assert_eq!(
        dir.scalar("SELECT count(*) FROM statements WHERE cue = 'tampered'"),
        "0"
    );
    assert_eq!(before.0, after.0);
    assert_eq!(before.1, after.1);
    // Statement ids change, so compare what a user sees without them.
    let without_ids = |csv: &str| -> Vec<String> {
        csv.lines()
            .map(|l| l.split_once(',').map_or(l, |(_, rest)| rest).to_owned())
            .collect()
    };
    assert_eq!(without_ids(&before.2), without_ids(&after.2));
    // The full-text index holds exactly the current statements.
    assert_eq!(
        dir.sql("SELECT count(*) FROM statements_fts_docsize")[0][0],
        after.0
    );
}

#[test]
fn plain_reextract_upgrades_only_documents_from_an_older_extractor() {
    let dir = with_data();
    let current = dir.scalar("SELECT max(extractor_version) FROM documents");
    let with_statements =
        "SELECT t.document_id FROM statements s JOIN sentences t ON t.id = s.sentence_id";
    let stale_id = dir.scalar(&format!(
        "SELECT min(id) FROM documents WHERE id IN ({with_statements})"
    ));
    let statements_of = |id: &str| {
        dir.scalar(&format!(
            "SELECT group_concat(s.id) FROM statements s JOIN sentences t ON t.id = s.sentence_id WHERE t.document_id = {id}"
        ))
    };
    let fresh_id = dir.scalar(&format!(
        "SELECT max(id) FROM documents WHERE id IN ({with_statements})"
    ));
    // A database written by an older build: one document carries an older version.
    {
        let conn = rusqlite::Connection::open(dir.db()).unwrap();
        conn.execute(
            "UPDATE documents SET extractor_version = extractor_version - 1 WHERE id = ?1",
            [&stale_id],
        )
        .unwrap();
    }
    let stale_before = statements_of(&stale_id);
    let fresh_before = statements_of(&fresh_id);
    dir.run_ok(&["reextract"]);
    assert_ne!(
        statements_of(&stale_id),
        stale_before,
        "the stale document was not re-extracted"
    );
    assert_eq!(
        statements_of(&fresh_id),
        fresh_before,
        "a current document was re-extracted"
    );
    assert_eq!(
        dir.scalar("SELECT count(DISTINCT extractor_version) || ':' || max(extractor_version) FROM documents"),
        format!("1:{current}")
    );
    // Run again: nothing is stale any more, so nothing is written.
    let all_before = dir.scalar("SELECT group_concat(id) FROM statements");
    dir.run_ok(&["reextract"]);
    assert_eq!(
        dir.scalar("SELECT group_concat(id) FROM statements"),
        all_before
    );
}

/// Regression: figures were stored in BDT but `--unit BDT` found nothing, because the
/// query's list of currency codes lacked codes the figure grammar writes.
#[test]
fn figures_by_a_currency_code_the_grammar_writes() {
    let dir = Dir::new();
    let article = dir.write(
        "taka.txt",
        "date 2021-05-04\nBudget\n\nThe bridge will cost 3,000 crore BDT, the minister said. \
A second road will cost 500 million BDT more.\n",
    );
    dir.import(&[&article]);
    let stored = dir.scalar("SELECT count(*) FROM figures WHERE unit = 'BDT'");
    assert_ne!(stored, "0");
    for unit in ["BDT", "bdt"] {
        let found = json(&dir.run_ok(&["figures", "--unit", unit, "--format", "json"]));
        let n = found.as_array().unwrap().len();
        assert_eq!(n.to_string(), stored, "--unit {unit}: {found}");
    }
}

/// Regression: `person Blair` showed a "Blair" from articles that never gave his first
/// name instead of Tony Blair, who has far more evidence, and said nothing of the choice.
#[test]
fn a_surname_means_the_person_with_the_most_evidence_and_names_the_others() {
    let dir = Dir::new();
    let full = "Prime Minister Tony Blair spoke in London on Monday. Blair said the \
economy was strong.";
    for i in 0..4 {
        dir.write(
            &format!("full{i}.txt"),
            format!(
                "date 2005-01-0{}\nSpeech {i}\n\n{full} Talks {i} went on.\n",
                i + 1
            ),
        );
    }
    dir.write(
        "lone.txt",
        "date 2005-02-01\nVisit\n\nBlair said the visit to Leeds went well.\n",
    );
    dir.run_ok(&["import", "."]);
    let lone = dir.scalar("SELECT count(*) FROM entities WHERE kind = 'person' AND name = 'Blair'");
    assert_eq!(lone, "1", "the lone surname is an entity of its own");
    let out = dir
        .cmd()
        .args(["person", "Blair", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("person,Tony Blair,"),
        "{stdout}"
    );
    assert!(
        stderr.contains("showing Tony Blair") && stderr.contains("  Blair (person)"),
        "{stderr}"
    );
}
