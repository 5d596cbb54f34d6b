//! Per-article cost of each import stage over real articles: parsing, sentence splitting,
//! each extractor on its own (and the entity tagger within it), coreference, the whole
//! extraction, and writing to the database (an in-memory one, so disk speed does not enter).
//! Uses the bulk corpus beside the repository
//! when it is there, else the shipped sample articles. Throughput is in articles.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dossier::ingest::coref::Coref;
use dossier::ingest::{self, dates, entities, figures, parse::parse_article, sentences, Doc};
use dossier::model::Article;
use dossier::store::write::NewDocument;
use dossier::store::Store;

/// The raw files of up to 300 articles, in name order.
fn files() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bulk = root.join("../shared/corpus/bulk");
    let dir: PathBuf = if bulk.is_dir() {
        bulk
    } else {
        root.join("data")
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("article folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("README"))
        })
        .collect();
    paths.sort();
    paths.truncate(300);
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn bench(c: &mut Criterion) {
    let files = files();
    let articles: Vec<Article> = files
        .iter()
        .filter_map(|f| parse_article(f, None).ok())
        .collect();
    let splits: Vec<_> = articles.iter().map(|a| sentences::split(&a.body)).collect();
    let docs: Vec<Doc> = articles
        .iter()
        .zip(&splits)
        .map(|(a, s)| Doc {
            body: &a.body,
            published: a.published,
            sentences: s,
        })
        .collect();
    let found: Vec<_> = docs.iter().map(entities::extract).collect();
    let dated: Vec<_> = docs.iter().map(dates::extract).collect();

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.sample_size(10);
    group.bench_function("parse", |b| {
        b.iter(|| {
            for f in &files {
                black_box(parse_article(f, None).is_ok());
            }
        })
    });
    group.bench_function("sentences", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(sentences::split(&a.body));
            }
        })
    });
    group.bench_function("dates", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(dates::extract(d));
            }
        })
    });
    group.bench_function("entities", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(entities::extract(d));
            }
        })
    });
    // The learned tagger's share of "entities": tokenizing and tagging only.
    group.bench_function("entities-tagger", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(entities::tagger_kinds(d));
            }
        })
    });
    group.bench_function("statements", |b| {
        b.iter(|| {
            for ((d, e), t) in docs.iter().zip(&found).zip(&dated) {
                black_box(ingest::statements::extract(d, e, t));
            }
        })
    });
    // Coreference on its own: indexing an article's mentions and genders, then resolving
    // "he" at every sentence start (more lookups than any article's statements make).
    let quoted: Vec<_> = articles
        .iter()
        .map(|a| ingest::statements::quotations(&a.body))
        .collect();
    group.bench_function("coref", |b| {
        b.iter(|| {
            for ((d, e), q) in docs.iter().zip(&found).zip(&quoted) {
                let coref = Coref::new(d, e, q);
                for s in d.sentences {
                    black_box(coref.pronoun("he", s.start, None));
                }
            }
        })
    });
    group.bench_function("figures", |b| {
        b.iter(|| {
            for (d, t) in docs.iter().zip(&dated) {
                black_box(figures::extract(d, t));
            }
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(ingest::extract(a));
            }
        })
    });

    // Writing: every article in one transaction, as import writes a chunk.
    let extractions: Vec<_> = articles.iter().map(ingest::extract).collect();
    let hashes: Vec<String> = (0..articles.len()).map(|i| format!("{i:064x}")).collect();
    let sources: Vec<String> = (0..articles.len()).map(|i| format!("{i}.txt")).collect();
    group.bench_function("store", |b| {
        b.iter_batched(
            || Store::open_in_memory().expect("in-memory store"),
            |mut store| {
                let docs: Vec<NewDocument> = articles
                    .iter()
                    .zip(&extractions)
                    .zip(hashes.iter().zip(&sources))
                    .map(|((article, extraction), (sha256, source))| NewDocument {
                        source,
                        source_path: source.as_bytes(),
                        sha256,
                        article,
                        extraction,
                        redate: false,
                    })
                    .collect();
                store.import_documents(&docs, false).expect("stored")
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
