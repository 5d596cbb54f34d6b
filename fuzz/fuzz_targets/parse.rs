//! Any bytes: `parse_article` returns an article with a body or an error, never panics.
#![no_main]

use dossier::ingest::parse::parse_article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = parse_article(data, None) {
        assert!(!article.body.is_empty());
        assert!(!article.body.contains('\r'));
    }
});
