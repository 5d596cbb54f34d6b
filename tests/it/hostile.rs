//! Hostile and broken files through `dossier import`: each must end cleanly, imported or
//! reported with its path and exit code 1, without a panic or a hang. The timeout is only a
//! hang guard, far above the time any of these takes.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::util::Dir;

const HANG_GUARD: Duration = Duration::from_secs(60);

/// `dossier import FILE` with the hang guard.
fn import(dir: &Dir, file: &Path) -> assert_cmd::assert::Assert {
    let mut cmd = Command::from_std(dir.cmd());
    cmd.arg("import").arg(file).timeout(HANG_GUARD).assert()
}

/// Imports `content` as `name`, asserting success; returns the number of sentences stored.
fn imports_cleanly(name: &str, content: &[u8]) -> (Dir, usize) {
    let dir = Dir::new();
    let file = dir.write(name, content);
    import(&dir, &file)
        .code(0)
        .stderr(predicate::str::contains("panic").not());
    assert_eq!(dir.scalar("SELECT count(*) FROM documents"), "1");
    for (table, column) in [("sentences", "text"), ("mentions", "surface")] {
        assert_eq!(dir.misplaced_spans(table, column), "0", "{table}");
    }
    let sentences = dir
        .scalar("SELECT count(*) FROM sentences")
        .parse()
        .unwrap();
    (dir, sentences)
}

/// Repeats `piece` up to `bytes` bytes after a date line.
fn article_of(piece: &str, bytes: usize) -> Vec<u8> {
    let mut out = b"date 2021-08-28\n".to_vec();
    while out.len() + piece.len() <= bytes {
        out.extend_from_slice(piece.as_bytes());
    }
    out
}

#[test]
fn ten_megabyte_single_line_is_cut_into_bounded_sentences() {
    // Just under the default --max-size of 10MB, no line break and no sentence end.
    let (_, sentences) = imports_cleanly(
        "line.txt",
        &article_of("the quick brown fox jumps over the lazy dog ", 9_900_000),
    );
    assert!(sentences >= 9_900_000 / 3000, "{sentences}");
}

#[test]
fn a_hundred_thousand_quotation_marks() {
    imports_cleanly("quotes.txt", &article_of("\"", 100_016));
    imports_cleanly("curly.txt", &article_of("“Yes, ", 600_016));
}

#[test]
fn brackets_nested_a_hundred_thousand_deep() {
    let mut text = b"date 2021-08-28\nDeep ".to_vec();
    text.extend(std::iter::repeat_n(b'(', 100_000));
    text.extend_from_slice(b"John Smith said so");
    text.extend(std::iter::repeat_n(b')', 100_000));
    imports_cleanly("brackets.txt", &text);
}

#[test]
fn invalid_utf8_and_nul_bytes_fail_alone_naming_the_file() {
    let dir = Dir::new();
    let bad = dir.write("in/latin1.txt", b"date 2021-08-28\ncaf\xe9 au lait\n");
    dir.write("in/nul.txt", b"date 2021-08-28\nHello\0World.\n");
    dir.write("in/good.txt", b"date 2021-08-28\nJohn Smith said hello.\n");
    import(&dir, bad.parent().unwrap())
        .code(1)
        .stderr(predicate::str::contains(
            "latin1.txt: file is not valid UTF-8",
        ))
        .stderr(predicate::str::contains("nul.txt: file looks binary"))
        .stderr(predicate::str::contains("panic").not());
    let sources = dir.sql("SELECT source FROM documents");
    assert_eq!(sources.len(), 1);
    assert!(sources[0][0].ends_with("good.txt"), "{sources:?}");
}

#[test]
fn direction_and_combining_marks() {
    let piece = "The \u{202e}Minister\u{200f} said \u{301}\u{301} that Ber\u{301}lin \u{200f}was \
                 ready, \u{200e}Angela Merkel told re\u{308}porters. 🇮🇷 \"We agree,\" she said. ";
    let (dir, _) = imports_cleanly("rtl.txt", &article_of(piece, 120_000));
    assert_eq!(dir.misplaced_spans("statements", "content"), "0");
}

#[test]
fn crlf_article_extracts_what_its_lf_version_does() {
    let lf = "date 2021-08-28\nMerkel promises help\n\nAngela Merkel, the German Chancellor, said on \
              Monday that Germany would help Greece. \"We are ready,\" she told reporters in Berlin.\n\
              The European Commission said the plan was sound.\n";
    let crlf = lf.replace('\n', "\r\n");
    let rows = |content: &str| {
        let (dir, _) = imports_cleanly("a.txt", content.as_bytes());
        [
            "SELECT kind || ' ' || name FROM entities ORDER BY 1",
            "SELECT text FROM sentences ORDER BY position",
            "SELECT content FROM statements ORDER BY start",
            "SELECT published FROM documents",
        ]
        .map(|q| dir.sql(q))
    };
    let want = rows(lf);
    assert!(want[0].contains(&vec!["person Angela Merkel".to_string()]));
    assert_eq!(rows(&crlf), want);
}

#[test]
fn byte_order_mark_before_the_date_line() {
    let (dir, _) = imports_cleanly(
        "bom.txt",
        "\u{feff}date 2021-08-28\nHeadline\n\nJohn Smith said hello.\n".as_bytes(),
    );
    assert_eq!(
        dir.sql("SELECT published, title FROM documents"),
        [["2021-08-28", "Headline"]]
    );
}

#[test]
fn a_megabyte_of_capitalized_words() {
    let words = [
        "Alpha", "Beta", "Smith", "Ministry", "Paris", "John", "Bank", "Said",
    ];
    let piece: String = (0..997)
        .map(|i| words[i * 7 % words.len()])
        .collect::<Vec<_>>()
        .join(" ");
    imports_cleanly("caps.txt", &article_of(&(piece + " "), 1_000_000));
}

#[test]
fn a_megabyte_of_digits_and_commas() {
    let piece: String = (0..1000)
        .map(|i| format!("{},", i * 7919 % 10_000))
        .collect();
    imports_cleanly("digits.txt", &article_of(&piece, 1_000_000));
}
