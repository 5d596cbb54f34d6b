//! The whole pipeline from file bytes: parse, then every extractor; the extraction must keep
//! the promises `ingest::check` states.
#![no_main]

use dossier::ingest::{check::check, extract, parse::parse_article};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = parse_article(data, None) {
        let x = extract(&article);
        if let Err(e) = check(&article.body, &x) {
            panic!("{e}");
        }
    }
});
