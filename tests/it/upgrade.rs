//! Upgrading a database with `reextract`: what `--dry-run` and a real run report, that a
//! dry run changes nothing down to the bytes, that the result is what a fresh import
//! gives, and that an import running meanwhile still gets its turn.

use std::path::Path;
use std::process::{Command, Stdio};

use rusqlite::Connection;
use serde_json::Value;

use crate::util::{repo, shared, Dir};

/// A database of `data/` made to look as if an older extractor wrote it: every document
/// carries an older version, and the rows differ the way an older extractor's could.
fn older_database() -> Dir {
    older_database_with_copies(0)
}

/// Imports `data/` and then `copies` distinct copies of its articles into `dir`.
fn import_data_and_copies(dir: &Dir, copies: usize) {
    dir.import(&[&repo().join("data")]);
    if copies == 0 {
        return;
    }
    let mut articles: Vec<_> = std::fs::read_dir(repo().join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("README.md"))
        .collect();
    articles.sort();
    for i in 0..copies {
        let mut text = std::fs::read_to_string(&articles[i % articles.len()]).unwrap();
        text.push_str(&format!("\nCopy {i}.\n"));
        dir.write(&format!("copies/{i:03}.txt"), text);
    }
    dir.import(&[&dir.path("copies")]);
}

/// [`older_database`] with `copies` more documents after those of `data/`.
fn older_database_with_copies(copies: usize) -> Dir {
    let dir = Dir::new();
    import_data_and_copies(&dir, copies);
    let conn = Connection::open(dir.db()).unwrap();
    conn.execute_batch(
        "UPDATE documents SET extractor_version = extractor_version - 1;
         -- Two statements were given to the wrong speaker.
         UPDATE statements SET speaker_id = (SELECT id FROM entities WHERE name = 'Wang Yi')
          WHERE id IN (SELECT s.id FROM statements s JOIN entities e ON e.id = s.speaker_id
                       WHERE e.name <> 'Wang Yi' ORDER BY s.id LIMIT 2);
         -- A place was taken for a person.
         UPDATE entities SET kind = 'person' WHERE kind = 'place' AND name = 'Guangzhou';
         -- A name that is not one was found.
         INSERT INTO entities (kind, name, normalized) VALUES ('organization', 'Old Mistake', 'old mistake');
         INSERT INTO aliases (entity_id, alias, normalized) SELECT max(id), 'Old Mistake', 'old mistake' FROM entities;
         INSERT INTO mentions (document_id, sentence_id, entity_id, start, end, surface)
           SELECT document_id, id, (SELECT max(id) FROM entities), start, start + 1, substr(text, 1, 1)
           FROM sentences ORDER BY id LIMIT 1;
         -- A figure was missed.
         DELETE FROM figures WHERE id = (SELECT min(id) FROM figures);",
    )
    .unwrap();
    dir
}

/// The database file and its companions, by name, with their bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().starts_with("test.db"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn summary(dir: &Dir, args: &[&str]) -> Value {
    let mut all = vec!["reextract", "--format", "json"];
    all.extend(args);
    serde_json::from_str(&dir.run_ok(&all)).unwrap()
}

/// Row counts of the tables an import fills.
fn counts(dir: &Dir) -> Vec<Vec<String>> {
    dir.sql(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences),
                (SELECT count(*) FROM entities), (SELECT count(*) FROM aliases),
                (SELECT count(*) FROM mentions), (SELECT count(*) FROM roles),
                (SELECT count(*) FROM statements), (SELECT count(*) FROM figures),
                (SELECT count(*) FROM dates)",
    )
}

#[test]
fn dry_run_changes_nothing_down_to_the_bytes() {
    let dir = older_database();
    let before = files(dir.tmp.path());
    let out = dir.run_ok(&["reextract", "--dry-run"]);
    assert!(out.contains("nothing was written"), "{out}");
    summary(&dir, &["--dry-run", "--all"]);
    assert_eq!(
        files(dir.tmp.path()),
        before,
        "a dry run changed the database or left files beside it"
    );
    assert_eq!(
        dir.scalar("SELECT min(extractor_version) FROM documents"),
        {
            let current: i64 = dir
                .scalar("SELECT max(extractor_version) FROM documents")
                .parse()
                .unwrap();
            current.to_string()
        }
    );
}

#[test]
fn the_summary_reports_what_the_upgrade_of_an_older_database_changed() {
    let dir = older_database();
    let guangzhou: u64 = dir
        .scalar("SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.name = 'Guangzhou'")
        .parse()
        .unwrap();
    assert!(guangzhou > 0);
    let dry = summary(&dir, &["--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["documents"], 11);
    let speakers = dry["speakers_changed"].as_array().unwrap();
    assert_eq!(speakers.len(), 2, "{speakers:?}");
    for change in speakers {
        assert_eq!(change["before"]["name"], "Wang Yi");
        assert_ne!(change["after"]["name"], "Wang Yi");
    }
    assert_eq!(
        dry["entities_changed_kind"],
        serde_json::json!([{"name": "Guangzhou", "before": "person", "after": "place"}])
    );
    assert_eq!(
        dry["entities_disappeared"],
        serde_json::json!([{"kind": "organization", "name": "Old Mistake"}])
    );
    assert_eq!(dry["entities_appeared"], serde_json::json!([]));
    let table = |name: &str| {
        let t = &dry["tables"][name];
        (t["added"].as_u64().unwrap(), t["removed"].as_u64().unwrap())
    };
    assert_eq!(table("figures"), (1, 0));
    // Guangzhou's mentions now point at the place; Old Mistake's is gone.
    assert_eq!(table("mentions"), (guangzhou, guangzhou + 1));
    assert_eq!(table("statements"), (2, 2));
    assert_eq!(table("sentences"), (0, 0));
    // One entity row for Guangzhou as a place, gone as a person and Old Mistake gone.
    assert_eq!(table("entities"), (1, 2));

    // The real run does and reports exactly what the dry run said.
    let mut real = summary(&dir, &[]);
    assert_eq!(real["dry_run"], false);
    real["dry_run"] = Value::Bool(true);
    assert_eq!(real, dry);
    // Now current: a plain reextract has nothing to do.
    assert_eq!(summary(&dir, &[])["documents"], 0);

    // The upgraded database is what a fresh import of the same files makes.
    dir.run_ok(&["check"]);
    let fresh = Dir::new();
    fresh.import(&[&repo().join("data")]);
    assert_eq!(counts(&dir), counts(&fresh));
    let text = dir.run_ok(&["reextract", "--all"]);
    assert!(
        text.contains("statements whose speaker changed: 0"),
        "{text}"
    );
}

#[test]
fn an_import_during_reextract_all_gets_its_turn_and_both_succeed() {
    let Some(shared) = shared() else {
        eprintln!("skipped: the shared corpus is not beside the repository");
        return;
    };
    let dir = Dir::new();
    let make = |n: &str, folder: &str, seed: &str| {
        let status = Command::new(repo().join("scripts/make-corpus.sh"))
            .args([n, &dir.path(folder).display().to_string()])
            .args([
                "--source",
                &shared.join("corpus/bulk").display().to_string(),
            ])
            .args(["--seed", seed])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "make-corpus failed");
    };
    make("300", "first", "1");
    make("150", "second", "2");
    dir.import(&[&dir.path("first")]);
    let reextract = dir
        .cmd()
        .args(["-q", "reextract", "--all"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let import = dir
        .cmd()
        .args(["-q", "import"])
        .arg(dir.path("second"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for (what, child) in [("reextract", reextract), ("import", import)] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "450");
    dir.run_ok(&["check"]);
}

#[test]
fn an_upgrade_stopped_part_way_leaves_a_sound_database_and_the_next_run_finishes_it() {
    // More documents than one chunk, so that some are committed while others are extracted.
    const COPIES: usize = 300;
    let dir = older_database_with_copies(COPIES);
    let total = (COPIES + 11).to_string();
    let older = dir.scalar("SELECT max(extractor_version) FROM documents");
    let upgraded = || {
        dir.scalar(&format!(
            "SELECT count(*) FROM documents WHERE extractor_version > {older}"
        ))
    };
    let mut run = dir
        .cmd()
        .args(["-q", "reextract"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Stop it as soon as part of the upgrade is committed (a generous hang guard only).
    let started = std::time::Instant::now();
    while upgraded() == "0" && started.elapsed().as_secs() < 120 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    run.kill().unwrap();
    run.wait().unwrap();
    let part = upgraded();
    assert!(
        part != "0" && part != total,
        "not stopped part way: {part} of {total}"
    );
    // Every commit left the database whole: no entity without references, indexes in step.
    dir.run_ok(&["check"]);
    dir.run_ok(&["-q", "reextract"]);
    assert_eq!(upgraded(), total);
    dir.run_ok(&["check"]);
    let fresh = Dir::new();
    import_data_and_copies(&fresh, COPIES);
    assert_eq!(counts(&dir), counts(&fresh));
}

#[test]
fn a_speaker_the_upgrade_removes_is_still_named_in_the_summary() {
    // An older extractor gave a statement to an entity that nothing else refers to; the
    // upgrade takes the statement from it, so the entity is swept with the batch.
    let dir = Dir::new();
    import_data_and_copies(&dir, 0);
    let conn = Connection::open(dir.db()).unwrap();
    conn.execute_batch(
        "UPDATE documents SET extractor_version = extractor_version - 1;
         INSERT INTO entities (kind, name, normalized) VALUES ('person', 'Ghost Speaker', 'ghost speaker');
         UPDATE statements SET speaker_id = (SELECT max(id) FROM entities)
          WHERE id = (SELECT min(id) FROM statements WHERE speaker_id IS NOT NULL);",
    )
    .unwrap();
    drop(conn);
    for args in [&["--dry-run"][..], &[]] {
        let report = summary(&dir, args);
        let changed = report["speakers_changed"].as_array().unwrap();
        assert_eq!(changed.len(), 1, "{report}");
        assert_eq!(changed[0]["before"]["name"], "Ghost Speaker");
        assert_eq!(
            report["entities_disappeared"],
            serde_json::json!([{"kind": "person", "name": "Ghost Speaker"}])
        );
    }
    dir.run_ok(&["check"]);
}
