//! Publication dates after the fact: `import --date D --replace` gives stored content a new
//! date and re-resolves what depends on it, `documents --undated` lists what has none, and
//! a date header that is almost right is read, with a warning naming the file.

use crate::util::Dir;

const UNDATED: &str = "Jane Smith, the mayor, said on Monday that costs rose 5% last year.\n";

fn documents(dir: &Dir, args: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec!["documents", "--format", "csv"];
    all.extend(args);
    let out = dir.run_ok(&all);
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// What depends on the publication date: the resolved dates and when statements were said.
fn dated_rows(dir: &Dir) -> Vec<Vec<String>> {
    dir.sql(
        "SELECT 'date', surface, date_start FROM dates
         UNION ALL SELECT 'statement', said_source, said_start FROM statements
         ORDER BY 1, 2",
    )
}

#[test]
fn date_with_replace_redates_stored_content_and_resolves_relative_dates_again() {
    let dir = Dir::new();
    dir.write("mayor.txt", UNDATED);
    dir.run_ok(&["import", "mayor.txt"]);
    let undated = documents(&dir, &["--undated"]);
    assert_eq!(undated.len(), 1);
    assert_eq!(undated[0][3], "mayor.txt");
    let monday_unresolved = dated_rows(&dir);

    let out = dir
        .cmd()
        .args(["import", "--date", "2020-05-01", "--replace", "mayor.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("mayor.txt: re-dated to 2020-05-01"),
        "{stderr}"
    );
    assert!(documents(&dir, &["--undated"]).is_empty());
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "1");
    assert_eq!(dir.scalar("SELECT published FROM documents"), "2020-05-01");
    let dated = dated_rows(&dir);
    assert_ne!(dated, monday_unresolved);
    assert!(
        dated.contains(&vec![
            "date".into(),
            "last year".into(),
            "2019-01-01".into()
        ]),
        "{dated:?}"
    );
    assert!(
        dated.contains(&vec!["date".into(), "Monday".into(), "2020-04-27".into()]),
        "{dated:?}"
    );

    // Another date moves everything again; the same date again changes nothing.
    dir.run_ok(&["import", "--date", "2021-03-10", "--replace", "mayor.txt"]);
    assert!(dir
        .sql("SELECT date_start FROM dates WHERE surface = 'last year'")
        .contains(&vec!["2020-01-01".to_owned()]));
    let ids = dir.scalar("SELECT group_concat(id) FROM sentences");
    let out = dir
        .cmd()
        .args(["import", "--date", "2021-03-10", "--replace", "mayor.txt"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped (already imported)"));
    assert_eq!(dir.scalar("SELECT group_concat(id) FROM sentences"), ids);
    dir.run_ok(&["check"]);
}

#[test]
fn date_without_replace_or_on_a_file_with_a_header_does_not_redate() {
    let dir = Dir::new();
    dir.write("mayor.txt", UNDATED);
    dir.write("dated.txt", format!("date 2019-06-01\n{UNDATED}"));
    dir.run_ok(&["import", "mayor.txt", "dated.txt"]);
    dir.run_ok(&["import", "--date", "2020-05-01", "mayor.txt"]);
    assert_eq!(documents(&dir, &["--undated"]).len(), 1);
    // The file's own header wins over --date.
    dir.run_ok(&["import", "--date", "2020-05-01", "--replace", "dated.txt"]);
    assert_eq!(
        dir.sql("SELECT source, coalesce(published, '') FROM documents ORDER BY source"),
        [["dated.txt", "2019-06-01"], ["mayor.txt", ""]]
    );
}

#[test]
fn undated_lists_only_documents_without_a_date() {
    let dir = Dir::new();
    dir.write("a.txt", UNDATED);
    dir.write("b.txt", format!("date 2019-06-01\n{UNDATED}"));
    dir.write("c.txt", "Another undated story about the council budget.\n");
    dir.run_ok(&["import", "a.txt", "b.txt", "c.txt"]);
    let sources: Vec<String> = documents(&dir, &["--undated"])
        .into_iter()
        .map(|r| r[3].clone())
        .collect();
    assert_eq!(sources, ["c.txt", "a.txt"]);
    assert_eq!(documents(&dir, &[]).len(), 3);
}

#[test]
fn a_header_that_is_almost_right_is_read_with_a_warning_naming_the_file() {
    let dir = Dir::new();
    dir.write(
        "colon.txt",
        format!("date: 2021-02-03\nHeadline one\n\n{UNDATED}"),
    );
    dir.write(
        "capital.txt",
        format!("Date 2021-02-03\nHeadline two\n\n{UNDATED}"),
    );
    let out = dir
        .cmd()
        .args(["import", "colon.txt", "capital.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (file, header) in [
        ("colon.txt", "date: 2021-02-03"),
        ("capital.txt", "Date 2021-02-03"),
    ] {
        assert!(
            stderr.contains(&format!(
                "dossier: warning: {file}: read the header \"{header}\" as the publication date"
            )),
            "{stderr}"
        );
    }
    assert_eq!(
        dir.sql("SELECT source, published, title FROM documents ORDER BY source"),
        [
            ["capital.txt", "2021-02-03", "Headline two"],
            ["colon.txt", "2021-02-03", "Headline one"]
        ]
    );
    // The header is no part of the text.
    assert_eq!(
        dir.scalar("SELECT count(*) FROM documents WHERE body LIKE '%2021-02-03%'"),
        "0"
    );
}
