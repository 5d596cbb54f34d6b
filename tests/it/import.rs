//! `dossier import`: documents and sentences, re-import, replace, and every kind of bad
//! input.

use predicates::prelude::*;

use crate::util::{seed_path, Dir};

/// The seed article's sentences, split by hand.
const SEED_SENTENCES: &[&str] = &[
    "Hosseinali Darvishi Motevalli, Consul General of Iran in Guangzhou made the remarks in an interview with GDToday.",
    "Darvishi described Guangdong, a province he expected to be the pioneer of closer China-Iran ties in trade, science and technology, and more fields.",
    "From April to July 2021, Iran’s export to China totaled around 4.3 billion USD, making China the top export destination of Iranian goods and services.",
    "In the China-Iran strategic partnership, Guangdong boasts huge potential in economic, scientific, agricultural, and cultural collaborations with Iran, according to Darvishi.",
    "\"Iran is ready and welcomes the cooperation with Guangdong,\" he noted, saying, \"We are also ready to provide facilities for Guangdong's public and private sectors to invest in Iran.\"",
    "He added, Iran as one of the most developed countries in West Asia, has good ground for cooperation with cities in the GBA, especially about youth exchange, and science and technology.",
    "Talented people, as well as universities on the two sides, can make a joint project in R&D and commercialization of technologies about patent and template, bring them to the market so that we can enjoy the benefits, he said.",
    "In recent years, there has been a rise of Iranian students studying in China with the total number reaching 3000.",
    "China now has 20 research centers for Iran and the Persian language has been on 14 Chinese universities' curriculum.",
    "Global pandemic needs global efforts",
    "The COVID-19 outbreak starting from 2020 has witnessed mutual assistance and support between China and Iran in the face of such a shared challenge for the global community.",
    "China received 3 million medical masks from Iran at the onset of the crisis and Iran was one of the first countries that China sent a medical aid team to.",
    "As of August 17, 2021, China has donated 1.55 million doses of vaccines to Iran Darvishi said, adding that constructive cooperation in the field of vaccine and health is \"the best example of cooperation between countries in this regard\".",
    "When talking about the major task currently for the world to beat the virus, Darvishi stated that countries such as Iran and China, which have produced their own local vaccine, should help poor countries and empower them to save their people.",
    "Anti-globalization sentiment and unilateralism, as a by-product of the pandemic, is also rising up in international society.",
    "In a phone call with former Iranian Foreign Minister Mohammad Javad Zarif in July, China’s Foreign Minister Wang Yi said that China is ready to work with Iran to continue to oppose unilateralism and bullying behaviors and that the two countries will work together to better safeguard the common interests of China, Iran, and other developing countries.",
    "Darvishi stated that both China and Iran take a firm position for multilateralism in global issues.",
    "\"China and Iran always oppose some countries' behaviors that lead to unilateralism.",
    "The two countries have always helped each other in international forums, and should strengthen the plans in the framework of South-South Cooperation, thus helping two countries to resist against unilateralism.\", he said.",
];

#[test]
fn seed_becomes_one_document_with_every_sentence() {
    let dir = Dir::new();
    dir.import(&[&seed_path()]);
    let docs = dir.sql("SELECT published, title, source FROM documents");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0][0], "2021-08-28");
    assert_eq!(
        docs[0][1],
        "Hosseinali Darvishi Motevalli, Consul General of Iran in Guangzhou made the remarks in an interview with GDToday."
    );
    assert!(docs[0][2].ends_with("000_14e4a38ff4af8c64.txt"));
    let sentences: Vec<String> = dir
        .sql("SELECT text FROM sentences ORDER BY position")
        .into_iter()
        .map(|mut r| r.remove(0))
        .collect();
    assert_eq!(sentences, SEED_SENTENCES);
    // Offsets point into the stored body.
    assert_eq!(dir.misplaced_spans("sentences", "text"), "0");
}

#[test]
fn reimport_is_skipped_and_changes_nothing() {
    let dir = Dir::new();
    let data = crate::util::repo().join("data");
    dir.import(&[&data]);
    let before = dir.run_ok(&["stats", "--format", "csv"]);
    let out = dir.cmd().args(["import"]).arg(&data).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("GUM_news_nasa.txt: skipped (already imported)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("imported 0, replaced 0, skipped 11, failed 0"),
        "{stderr}"
    );
    let after = dir.run_ok(&["stats", "--format", "csv"]);
    let counts = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("(database bytes)"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(counts(&before), counts(&after));
}

#[test]
fn folder_import_skips_readme_and_honours_glob() {
    let dir = Dir::new();
    dir.write("in/README.md", "About this folder.");
    dir.write("in/a.txt", "date 2020-01-01\nA headline\n\nA sentence.");
    dir.write("in/sub/b.md", "date 2020-01-02\nB headline\n\nB sentence.");
    dir.write("in/c.news", "date 2020-01-03\nC headline\n\nC sentence.");
    dir.run_ok(&["import", "in"]);
    assert_eq!(
        dir.scalar(
            "SELECT group_concat(title, '|') FROM (SELECT title FROM documents ORDER BY title)"
        ),
        "A headline|B headline"
    );
    dir.run_ok(&["import", "in", "--glob", "*.news"]);
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "3");
}

#[test]
fn changed_file_replaces_with_flag_or_adds_without() {
    let dir = Dir::new();
    let path = dir.write("a.txt", "date 2020-01-01\nFirst version\n\nOld text.");
    dir.run_ok(&["import", "a.txt"]);
    std::fs::write(
        &path,
        "date 2020-01-01\nSecond version\n\nNew text. Two sentences.",
    )
    .unwrap();
    let out = dir
        .cmd()
        .args(["import", "--replace", "a.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("imported 0, replaced 1"));
    assert_eq!(dir.sql("SELECT title FROM documents"), [["Second version"]]);
    assert_eq!(dir.scalar("SELECT count(*) FROM sentences"), "3");
    std::fs::write(&path, "date 2020-01-01\nThird version\n\nOther text.").unwrap();
    dir.run_ok(&["import", "a.txt"]);
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "2");
    // Full-text search follows replacements.
    assert_eq!(
        dir.sql("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'Old'")
            .len(),
        0
    );
}

#[test]
fn missing_date_warns_and_date_flag_sets_it() {
    let dir = Dir::new();
    dir.write("nodate.txt", "Headline\n\nSome text here.");
    let out = dir.cmd().args(["import", "nodate.txt"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nodate.txt: no `date YYYY-MM-DD` header")
    );
    assert_eq!(dir.scalar("SELECT published IS NULL FROM documents"), "1");
    dir.write("nodate2.txt", "Other headline\n\nOther text.");
    dir.run_ok(&["import", "--date", "2021-03-04", "nodate2.txt"]);
    assert_eq!(
        dir.scalar("SELECT published FROM documents WHERE title = 'Other headline'"),
        "2021-03-04"
    );
}

#[test]
fn stdin_is_an_input() {
    let dir = Dir::new();
    assert_cmd::Command::from_std(dir.cmd())
        .args(["import", "-"])
        .write_stdin("date 2022-02-02 Piped headline.\n\nBody.")
        .assert()
        .success();
    assert_eq!(
        dir.sql("SELECT source, published FROM documents"),
        [["-", "2022-02-02"]]
    );
}

/// Each bad file gets one clear line naming it and the problem; the good file is still
/// imported; the exit code is 1; the summary counts the failures.
#[test]
fn bad_inputs_are_reported_and_the_rest_imported() {
    let dir = Dir::new();
    dir.write(
        "in/good.txt",
        "date 2020-01-01\nGood headline\n\nGood text.",
    );
    dir.write(
        "in/latin1.txt",
        b"date 2020-01-01\nCaf\xe9 society\n".as_slice(),
    );
    dir.write(
        "in/binary.txt",
        b"date 2020-01-01\n\x00\x01\x02binary".as_slice(),
    );
    dir.write("in/empty.txt", "");
    dir.write("in/baddate.txt", "date 2021-13-45\nHeadline\n\nText.");
    dir.write(
        "in/big.txt",
        format!("date 2020-01-01\nBig\n\n{}", "word ".repeat(400)),
    );
    let out = dir
        .cmd()
        .args(["import", "in", "missing.txt", "--max-size", "1K"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expect = [
        "missing.txt: could not read path",
        "latin1.txt: file is not valid UTF-8",
        "binary.txt: file looks binary",
        "empty.txt: file is empty",
        "baddate.txt: malformed date header \"date 2021-13-45\"",
        "big.txt: file is 2021 bytes, over the 1024 byte limit (raise it with --max-size)",
    ];
    for e in expect {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("dossier: error: ") && l.contains(e)),
            "missing {e:?} in:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("imported 1, replaced 0, skipped 0, failed 6"),
        "{stderr}"
    );
    assert_eq!(dir.sql("SELECT title FROM documents"), [["Good headline"]]);
}

#[test]
fn failed_file_leaves_stored_data_intact() {
    let dir = Dir::new();
    dir.import(&[&seed_path()]);
    let before = dir.scalar("SELECT count(*) FROM sentences");
    dir.write("bad.txt", "date 2021-02-30 nope");
    assert_cmd::Command::from_std(dir.cmd())
        .args(["import", "bad.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.txt: malformed date header"));
    assert_eq!(dir.scalar("SELECT count(*) FROM sentences"), before);
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "1");
}

#[test]
fn two_processes_can_import_at_once() {
    let dir = Dir::new();
    for i in 0..30 {
        dir.write(
            &format!("a/{i}.txt"),
            format!("date 2020-01-01\nA{i}\n\nText {i} of a."),
        );
        dir.write(
            &format!("b/{i}.txt"),
            format!("date 2020-01-01\nB{i}\n\nText {i} of b."),
        );
    }
    let spawn = |folder: &str| {
        dir.cmd()
            .args(["import", folder])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn("a"), spawn("b"));
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "60");
}

#[test]
fn a_copy_inside_one_import_is_named_a_duplicate_of_the_first() {
    let dir = Dir::new();
    let text = "date 2020-01-01\nA title\n\nThe minister said the plan would work.\n";
    dir.write("first.txt", text);
    dir.write("second.txt", text);
    let out = dir
        .cmd()
        .args(["import", "first.txt", "second.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("second.txt: skipped (duplicate of first.txt)"),
        "{stderr}"
    );
    // In a later import the copy is simply stored already.
    let out = dir.cmd().args(["import", "second.txt"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("second.txt: skipped (already imported)"),
        "{stderr}"
    );
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "1");
}
