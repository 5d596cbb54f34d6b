//! Extraction speed: `ingest::extract` over real articles, without the database. Uses the
//! bulk corpus beside the repository when it is there, else the shipped sample articles.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::ingest::{self, parse::parse_article};
use dossier::model::Article;

fn articles() -> Vec<Article> {
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
        .collect();
    paths.sort();
    paths.truncate(300);
    paths
        .iter()
        .filter_map(|p| parse_article(&std::fs::read(p).ok()?, None).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.sample_size(10);
    group.bench_function("articles", |b| {
        b.iter(|| {
            for a in &articles {
                std::hint::black_box(ingest::extract(a));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
