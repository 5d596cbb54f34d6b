//! `dossier check`: a clean import passes; each kind of damage is reported by the check
//! that covers it, naming the rows, with exit code 1.

use rusqlite::Connection;

use crate::util::{repo, Dir};

fn with_data() -> Dir {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    dir
}

/// Runs `dossier check`: exit code and stdout.
fn check(dir: &Dir) -> (i32, String) {
    let out = dir.cmd().arg("check").output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The report line of `name`.
fn line<'a>(report: &'a str, name: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.starts_with(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no line for {name} in:\n{report}"))
}

/// Changes the database behind dossier's back (foreign keys off, as a careless tool would).
fn tamper(dir: &Dir, sql: &str) {
    let conn = Connection::open(dir.db()).unwrap();
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn clean_import_passes_every_check() {
    let dir = with_data();
    let (code, report) = check(&dir);
    assert_eq!(code, 0, "{report}");
    for name in [
        "integrity",
        "foreign keys",
        "sentence links",
        "offsets",
        "speakers",
        "place speakers",
        "documents_fts",
        "statements_fts",
        "orphan entities",
    ] {
        assert!(line(&report, name).ends_with(" ok"), "{report}");
    }
    assert!(report.ends_with("ok: no problems found\n"), "{report}");
}

#[test]
fn mention_in_another_documents_sentence_is_reported() {
    let dir = with_data();
    tamper(
        &dir,
        "UPDATE mentions SET sentence_id = (SELECT max(id) FROM sentences WHERE document_id <> 1)
         WHERE id = (SELECT min(id) FROM mentions WHERE document_id = 1)",
    );
    let mention = dir.scalar("SELECT min(id) FROM mentions WHERE document_id = 1");
    let (code, report) = check(&dir);
    assert_eq!(code, 1, "{report}");
    let l = line(&report, "sentence links");
    assert!(
        l.contains(&format!("1 problem: mention #{mention}: sentence ")),
        "{l}"
    );
    assert!(l.ends_with("not 1"), "{l}");
    assert!(line(&report, "offsets").ends_with(" ok"), "{report}");
    assert!(report.ends_with("1 check found problems\n"), "{report}");
}

#[test]
fn missing_sentence_is_reported_by_foreign_keys_and_links() {
    let dir = with_data();
    tamper(&dir, "UPDATE figures SET sentence_id = 999999 WHERE id = 1");
    let (code, report) = check(&dir);
    assert_eq!(code, 1, "{report}");
    assert!(
        line(&report, "foreign keys").contains("figures #1 points at a missing row of sentences"),
        "{report}"
    );
    assert!(
        line(&report, "sentence links").contains("figure #1: sentence 999999 does not exist"),
        "{report}"
    );
}

#[test]
fn shifted_offsets_are_reported() {
    let dir = with_data();
    tamper(
        &dir,
        "UPDATE statements SET start = start + 1 WHERE id = 2;
         UPDATE mentions SET end = 1000000 WHERE id = 5;",
    );
    let (code, report) = check(&dir);
    assert_eq!(code, 1, "{report}");
    let l = line(&report, "offsets");
    assert!(l.starts_with("offsets          2 problems:"), "{l}");
    assert!(l.contains("mention #5 (document "), "{l}");
    assert!(l.contains("lies outside the body"), "{l}");
    assert!(l.contains("statement #2 (document "), "{l}");
    assert!(l.contains("text differs from the body"), "{l}");
}

#[test]
fn offsets_are_compared_as_bytes() {
    // The seed article has curly apostrophes (three bytes each): comparing characters
    // instead of bytes would misplace every span after the first one.
    let dir = Dir::new();
    dir.import(&[&crate::util::seed_path()]);
    assert_ne!(
        dir.scalar(
            "SELECT count(*) FROM documents WHERE length(body) <> length(CAST(body AS BLOB))"
        ),
        "0"
    );
    let (code, report) = check(&dir);
    assert_eq!(code, 0, "{report}");
}

#[test]
fn missing_speaker_is_an_error_and_a_place_speaker_a_warning() {
    let dir = with_data();
    tamper(
        &dir,
        "UPDATE statements SET speaker_id = (SELECT min(id) FROM entities WHERE kind = 'place')
         WHERE id = 3",
    );
    let place = dir.scalar("SELECT min(id) FROM entities WHERE kind = 'place'");
    let (code, report) = check(&dir);
    assert_eq!(code, 0, "{report}");
    assert!(
        line(&report, "place speakers")
            .contains(&format!("1 warning: statement #3: speaker {place} \"")),
        "{report}"
    );
    tamper(
        &dir,
        "UPDATE statements SET speaker_id = 999999 WHERE id = 4",
    );
    let (code, report) = check(&dir);
    assert_eq!(code, 1, "{report}");
    assert!(
        line(&report, "speakers")
            .contains("1 problem: statement #4: speaker 999999 does not exist"),
        "{report}"
    );
}

#[test]
fn rows_missing_from_the_full_text_indexes_are_reported() {
    let dir = with_data();
    tamper(
        &dir,
        "INSERT INTO documents_fts(documents_fts, rowid, title, body)
           SELECT 'delete', id, title, body FROM documents WHERE id = 4;
         INSERT INTO statements_fts(statements_fts, rowid, content)
           SELECT 'delete', id, content FROM statements WHERE id = 6;",
    );
    let (code, report) = check(&dir);
    assert_eq!(code, 1, "{report}");
    assert!(
        line(&report, "documents_fts").contains("1 problem: document #4 is not in the index"),
        "{report}"
    );
    assert!(
        line(&report, "statements_fts").contains("1 problem: statement #6 is not in the index"),
        "{report}"
    );
    assert!(report.ends_with("2 checks found problems\n"), "{report}");
}

#[test]
fn orphan_entity_is_only_a_warning() {
    let dir = with_data();
    tamper(
        &dir,
        "INSERT INTO entities (kind, name, normalized) VALUES ('person', 'Nobody Atall', 'nobody atall')",
    );
    let (code, report) = check(&dir);
    assert_eq!(code, 0, "{report}");
    assert!(
        line(&report, "orphan entities").contains("1 warning: entity #")
            && report.contains("person \"Nobody Atall\""),
        "{report}"
    );
}
