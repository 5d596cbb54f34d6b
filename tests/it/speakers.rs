//! Who said what: an article written for the test, imported, and each statement's speaker
//! and the basis it was found by, as `dossier statements` and `dossier export` show them.

use crate::util::Dir;

const ARTICLE: &str = "date 2024-03-04
Springfield bridge to reopen

Jane Holloway, the mayor of Springfield, said on Monday that the bridge would reopen in May.

\"We have waited long enough for this,\" she said.

Holloway added that the repairs had cost twice the estimate.

Acme Construction Corporation won the contract last year. The company said the work was on schedule.

Robert Klein, a councillor, disagreed. \"The delays were avoidable,\" Klein said. He said the council should have been told sooner.

\"The traffic has been terrible for months,\" one resident said. Critics call the bridge a \"vanity project\".
";

#[test]
fn each_statement_has_its_speaker_and_the_basis_it_was_found_by() {
    let dir = Dir::new();
    let article = dir.write("bridge.txt", ARTICLE);
    dir.import(&[&article]);
    let rows = dir.sql(
        "SELECT coalesce(e.name, ''), coalesce(s.speaker_basis, ''), s.content
         FROM statements s LEFT JOIN entities e ON e.id = s.speaker_id ORDER BY s.start",
    );
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Jane Holloway", "name", "the bridge would reopen in May."),
            (
                "Jane Holloway",
                "pronoun",
                "We have waited long enough for this"
            ),
            (
                "Jane Holloway",
                "alias",
                "the repairs had cost twice the estimate."
            ),
            (
                "Acme Construction Corporation",
                "description",
                "the work was on schedule."
            ),
            ("Robert Klein", "alias", "The delays were avoidable"),
            (
                "Robert Klein",
                "pronoun",
                "the council should have been told sooner."
            ),
            // Unnamed: no speaker and no basis; the scare quotes are no statement.
            ("", "", "The traffic has been terrible for months"),
        ]
    );
    assert_eq!(
        dir.run_ok(&["check"]).lines().last(),
        Some("ok: no problems found")
    );
}

#[test]
fn statements_and_export_show_the_speaker_basis() {
    let dir = Dir::new();
    let article = dir.write("bridge.txt", ARTICLE);
    dir.import(&[&article]);
    // The basis comes last, so that scripts reading the columns before it keep working.
    let listed = dir.run_ok(&["statements", "--by", "Robert Klein", "--format", "csv"]);
    let mut lines = listed.lines();
    assert_eq!(
        lines.next(),
        Some("date,dated_by,speaker,kind,cue,content,document,speaker_basis")
    );
    let bases: Vec<&str> = lines.map(|l| l.rsplit(',').next().unwrap()).collect();
    assert_eq!(bases, ["alias", "pronoun"], "{listed}");
    dir.run_ok(&["export", "out"]);
    let csv = std::fs::read_to_string(dir.path("out/statements.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",speaker_basis"), "{header}");
    let bases: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(
        bases,
        [
            "name",
            "pronoun",
            "alias",
            "description",
            "alias",
            "pronoun",
            ""
        ]
    );
}
