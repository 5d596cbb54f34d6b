//! The golden snapshot of extraction over `data/`: every extraction table's rows in a
//! stable text form (no row ids; references by natural key; sorted), headed by the
//! extractor version that made it. When extraction output changes, this test fails until
//! `EXTRACTOR_VERSION` is bumped and the snapshot regenerated, so that `dossier reextract`
//! upgrades the databases the old output is in.

use std::path::PathBuf;

use rusqlite::Connection;

use crate::util::{repo, Dir};

const REGENERATE: &str = "DOSSIER_UPDATE_SNAPSHOT=1 cargo test --test it extraction_snapshot";

fn snapshot_path() -> PathBuf {
    repo().join("tests/snapshots/extraction.txt")
}

/// An entity as the snapshot names it: `kind:name`.
const ENTITY: &str = "e.kind || ':' || e.name";

/// One line per row of each extraction table, per document, sorted. Each query yields the
/// document's source file name, then the line.
fn table_queries() -> Vec<(&'static str, String)> {
    vec![
        (
            "sentence",
            "SELECT d.id, t.position || ' ' || t.start || '..' || t.end
             FROM sentences t JOIN documents d ON d.id = t.document_id"
                .to_owned(),
        ),
        (
            "mention",
            format!(
                "SELECT d.id, m.start || '..' || m.end || ' s' || t.position || ' ' || {ENTITY}
                        || ' ' || quote(m.surface)
                 FROM mentions m JOIN documents d ON d.id = m.document_id
                 JOIN sentences t ON t.id = m.sentence_id JOIN entities e ON e.id = m.entity_id"
            ),
        ),
        (
            "role",
            format!(
                "SELECT d.id, {ENTITY} || ' ' || quote(r.title) || ' of ' || quote(r.affiliation)
                        || CASE WHEN r.former THEN ' (former)' ELSE '' END
                 FROM roles r JOIN documents d ON d.id = r.document_id JOIN entities e ON e.id = r.entity_id"
            ),
        ),
        (
            "statement",
            format!(
                "SELECT d.id, s.start || '..' || s.end || ' s' || t.position || '-s' || u.position
                        || ' ' || s.kind || ' ' || coalesce({ENTITY}, '(no speaker)')
                        || coalesce(' by ' || s.speaker_basis, '') || ' cue ' || quote(s.cue) || ' said ' || quote(s.said_start) || '..'
                        || quote(s.said_end) || ' ' || s.said_source || ' ' || quote(s.content)
                 FROM statements s JOIN documents d ON d.id = s.document_id
                 JOIN sentences t ON t.id = s.sentence_id JOIN sentences u ON u.id = s.last_sentence_id
                 LEFT JOIN entities e ON e.id = s.speaker_id"
            ),
        ),
        (
            "figure",
            "SELECT d.id, f.start || '..' || f.end || ' s' || t.position || ' ' || quote(f.surface)
                    || ' = ' || f.value || ' ' || f.unit || ' ' || f.kind || ' approx ' || quote(f.approximate)
                    || ' subject ' || quote(f.subject) || ' period ' || quote(f.period_start) || '..'
                    || quote(f.period_end) || ' ' || f.period_source
             FROM figures f JOIN documents d ON d.id = f.document_id JOIN sentences t ON t.id = f.sentence_id"
                .to_owned(),
        ),
        (
            "date",
            "SELECT d.id, x.start || '..' || x.end || ' s' || t.position || ' ' || quote(x.surface)
                    || ' = ' || x.date_start || '..' || x.date_end || ' ' || x.granularity
             FROM dates x JOIN documents d ON d.id = x.document_id JOIN sentences t ON t.id = x.sentence_id"
                .to_owned(),
        ),
    ]
}

/// The snapshot text of a database made by importing `data/`.
fn render(conn: &Connection) -> String {
    let version: i64 = conn
        .query_row("SELECT max(extractor_version) FROM documents", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut out = format!(
        "# Extraction over data/, made by extractor version {version}.\n\
         # Regenerate (after bumping EXTRACTOR_VERSION) with: {REGENERATE}\n"
    );
    let strings = |sql: &str| -> Vec<(i64, String)> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows
    };
    let mut entities: Vec<String> = strings(&format!(
        "SELECT 0, {ENTITY} || coalesce(' aka ' || (SELECT group_concat(quote(alias), ' ') FROM
             (SELECT alias FROM aliases a WHERE a.entity_id = e.id AND a.normalized <> e.normalized
              ORDER BY alias)), '')
         FROM entities e"
    ))
    .into_iter()
    .map(|(_, line)| line)
    .collect();
    entities.sort();
    out.push_str("\n== entities\n");
    for line in entities {
        out.push_str(&format!("entity {line}\n"));
    }
    let mut documents = strings(
        "SELECT id, replace(source, rtrim(source, replace(source, '/', '')), '') || ' published '
                || quote(published) || ' title ' || quote(title)
         FROM documents",
    );
    documents.sort_by(|a, b| a.1.cmp(&b.1));
    let tables: Vec<(&str, Vec<(i64, String)>)> = table_queries()
        .into_iter()
        .map(|(name, sql)| (name, strings(&sql)))
        .collect();
    for (id, heading) in documents {
        out.push_str(&format!("\n== document {heading}\n"));
        for (name, rows) in &tables {
            let mut lines: Vec<&str> = rows
                .iter()
                .filter(|(doc, _)| *doc == id)
                .map(|(_, line)| line.as_str())
                .collect();
            lines.sort_by_key(|line| sort_key(line));
            for line in lines {
                out.push_str(&format!("{name} {line}\n"));
            }
        }
    }
    out
}

/// Orders lines by their leading numbers (`12..40`, `3 ...`), then as text.
fn sort_key(line: &str) -> (Vec<u64>, &str) {
    let head = line.split(' ').next().unwrap_or("");
    let numbers = head.split("..").filter_map(|n| n.parse().ok()).collect();
    (numbers, line)
}

/// The version a snapshot was made with, from its first line.
fn version_of(snapshot: &str) -> Option<&str> {
    snapshot
        .lines()
        .next()?
        .strip_prefix("# Extraction over data/, made by extractor version ")?
        .strip_suffix('.')
}

/// The first line where two texts differ, for the failure message.
fn first_difference(old: &str, new: &str) -> String {
    let (mut old_lines, mut new_lines) = (old.lines(), new.lines());
    for n in 1.. {
        match (old_lines.next(), new_lines.next()) {
            (None, None) => break,
            (a, b) if a == b => continue,
            (a, b) => {
                return format!(
                    "line {n}:\n  snapshot: {}\n  now:      {}",
                    a.unwrap_or("(end)"),
                    b.unwrap_or("(end)")
                )
            }
        }
    }
    "none".to_owned()
}

#[test]
fn extraction_snapshot() {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    let now = render(&Connection::open(dir.db()).unwrap());
    let path = snapshot_path();
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    if old == now {
        return;
    }
    let body = |text: &str| text.lines().skip(1).collect::<Vec<_>>().join("\n");
    if std::env::var_os("DOSSIER_UPDATE_SNAPSHOT").is_some() {
        assert!(
            body(&old) == body(&now) || version_of(&old) != version_of(&now),
            "extraction output over data/ changed, but EXTRACTOR_VERSION is still {}: bump it in \
             src/ingest/mod.rs (so that `dossier reextract` upgrades existing databases), then \
             regenerate. First difference at {}",
            version_of(&now).unwrap_or("?"),
            first_difference(&old, &now)
        );
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &now).unwrap();
        return;
    }
    panic!(
        "extraction output over data/ differs from {}: if the change is intended, bump \
         EXTRACTOR_VERSION in src/ingest/mod.rs and regenerate with `{REGENERATE}`. First \
         difference at {}",
        path.display(),
        first_difference(&old, &now)
    );
}
