//! Any text: sentences are trimmed, ordered, on character boundaries and cover every
//! character but spaces.
#![no_main]

use dossier::ingest::{check::check, sentences};
use dossier::model::Extraction;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let x = Extraction {
        sentences: sentences::split(text),
        ..Extraction::default()
    };
    if let Err(e) = check(text, &x) {
        panic!("{e}");
    }
    for (i, _) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
        let k = x.sentences.partition_point(|s| s.start <= i);
        assert!(
            k > 0 && i < x.sentences[k - 1].end,
            "byte {i} is in no sentence"
        );
    }
});
