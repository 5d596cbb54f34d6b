//! `dossier reextract`: re-runs the current extractors over stored documents (on all
//! cores), writing one transaction per document, leaving the documents themselves and
//! saved queries intact.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::Status;
use crate::cli::ReextractArgs;
use crate::ingest;
use crate::store::Store;

/// Documents extracted in parallel between writes.
const REEXTRACT_CHUNK: usize = 256;

pub fn run(db: &Path, args: &ReextractArgs, quiet: bool) -> anyhow::Result<Status> {
    let started = Instant::now();
    let mut store =
        Store::open(db).with_context(|| format!("could not open database {}", db.display()))?;
    let ids = store.documents_to_reextract(args.all)?;
    let progress = if io::stderr().is_terminal() && !quiet {
        let pb =
            ProgressBar::with_draw_target(Some(ids.len() as u64), ProgressDrawTarget::stderr());
        pb.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} documents ({eta} left)")
                .expect("template is valid"),
        );
        pb
    } else {
        ProgressBar::hidden()
    };
    let mut failed = 0;
    // Chunks of documents are extracted in parallel, then written one transaction each.
    for chunk in ids.chunks(REEXTRACT_CHUNK) {
        let mut articles = Vec::with_capacity(chunk.len());
        for &id in chunk {
            articles.push((id, store.stored_article(id)));
        }
        let extracted: Vec<_> = articles
            .into_par_iter()
            .map(|(id, article)| {
                let extracted = article.map_err(anyhow::Error::from).and_then(|article| {
                    let extraction =
                        ingest::extract_checked(&article).map_err(anyhow::Error::msg)?;
                    Ok((article, extraction))
                });
                (id, extracted)
            })
            .collect();
        for (id, extracted) in extracted {
            let result = extracted.and_then(|(article, extraction)| {
                Ok(store.replace_extraction(id, &article, &extraction)?)
            });
            if let Err(e) = result {
                failed += 1;
                progress.suspend(|| eprintln!("dossier: error: document {id}: {e:#}"));
            }
            progress.inc(1);
        }
    }
    progress.finish_and_clear();
    if !quiet {
        eprintln!(
            "re-extracted {} documents, failed {} in {:.2}s (extractor version {})",
            ids.len() - failed,
            failed,
            started.elapsed().as_secs_f64(),
            ingest::EXTRACTOR_VERSION
        );
    }
    Ok(if failed > 0 {
        Status::Partial
    } else {
        Status::Success
    })
}
