//! `dossier reextract`: re-runs the current extractors over stored documents, leaving the
//! documents themselves and saved queries intact, and reports what changed (`--dry-run`
//! reports it without changing anything).
//!
//! The work is a pipeline, as in import: while the writer stores one chunk, the worker
//! threads extract the next. The writer commits in transactions sized to take a fraction
//! of a second each and pauses briefly between them, so that another process that wants
//! to write (an import) gets the lock within its busy timeout.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use super::Status;
use crate::cli::{ReextractArgs, SummaryFormat};
use crate::ingest;
use crate::model::{Article, Extraction};
use crate::store::upgrade::{Changes, EntityName, Replacement, Upgrade};
use crate::store::{write, Store, BUSY_POLL};

/// Documents read and extracted together.
const REEXTRACT_CHUNK: usize = 256;
/// How long one write transaction should take; the batch size adapts to it.
const TRANSACTION_BUDGET: Duration = Duration::from_millis(250);
/// Documents in the first transaction, before the time per document is known.
const FIRST_BATCH: usize = 32;
/// The pause after each commit, long enough for a waiting writer's next try.
const WRITER_PAUSE: Duration = BUSY_POLL.saturating_mul(3);
/// Examples of each kind of change the text summary shows.
const EXAMPLES: usize = 20;

/// One document of a chunk: its article and extraction, or why it could not be extracted.
type Extracted = (i64, anyhow::Result<(Article, Extraction)>);

pub fn run(db: &Path, args: &ReextractArgs, quiet: bool) -> anyhow::Result<Status> {
    let started = Instant::now();
    let opened = if args.dry_run {
        Store::copy_in_memory(db)
    } else {
        Store::open(db)
    };
    let mut store = opened.with_context(|| format!("could not open database {}", db.display()))?;
    store.prepare_for_bulk_writes()?;
    let ids = store.documents_to_reextract(args.all)?;
    let progress = progress_bar(ids.len(), quiet);
    let mut upgrade = store.begin_upgrade()?;
    let mut writer = Writer {
        batch: FIRST_BATCH,
        pause: !args.dry_run,
        failed: 0,
    };
    let mut chunks = ids.chunks(REEXTRACT_CHUNK);
    let mut pending: Option<Receiver<Vec<Extracted>>> = None;
    loop {
        // Start extracting the next chunk before writing the one extracted already.
        let next = match chunks.next() {
            Some(chunk) => Some(extract_in_background(store.stored_articles(chunk)?)),
            None => None,
        };
        if let Some(extracted) = pending.take() {
            let extracted = extracted.recv().context("extraction stopped")?;
            writer.write(&mut store, &mut upgrade, extracted, &progress)?;
        }
        pending = next;
        if pending.is_none() {
            break;
        }
    }
    let changes = store.finish_upgrade(upgrade)?;
    progress.finish_and_clear();
    let summary = Summary {
        dry_run: args.dry_run,
        extractor_version: ingest::EXTRACTOR_VERSION,
        failed: writer.failed,
        changes,
    };
    let mut out = io::stdout().lock();
    match args.format {
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &summary)?;
            writeln!(out)?;
        }
        SummaryFormat::Text if args.dry_run || !quiet => write_text(&mut out, &summary)?,
        SummaryFormat::Text => {}
    }
    out.flush()?;
    if !quiet {
        eprintln!(
            "{} {} documents, failed {} in {:.2}s (extractor version {})",
            if args.dry_run {
                "dry run: would re-extract"
            } else {
                "re-extracted"
            },
            summary.changes.documents,
            writer.failed,
            started.elapsed().as_secs_f64(),
            ingest::EXTRACTOR_VERSION
        );
    }
    Ok(if writer.failed > 0 {
        Status::Partial
    } else {
        Status::Success
    })
}

fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} documents ({eta} left)")
            .expect("template is valid"),
    );
    pb
}

/// Extracts and checks a chunk's articles on the worker threads; the result arrives on the
/// returned channel.
fn extract_in_background(articles: Vec<(i64, Article)>) -> Receiver<Vec<Extracted>> {
    let (sender, receiver) = channel();
    rayon::spawn(move || {
        let extracted = articles
            .into_par_iter()
            .map(|(id, article)| {
                let extracted = ingest::extract_checked(&article)
                    .map_err(anyhow::Error::msg)
                    .and_then(|extraction| {
                        write::validate(&article.body, &extraction)
                            .context("could not store the document")?;
                        Ok((article, extraction))
                    });
                (id, extracted)
            })
            .collect();
        // The receiver is gone only when the writer gave up.
        let _ = sender.send(extracted);
    });
    receiver
}

/// The writing side: transactions sized to the budget, and the failures so far.
struct Writer {
    batch: usize,
    pause: bool,
    failed: usize,
}

impl Writer {
    fn write(
        &mut self,
        store: &mut Store,
        upgrade: &mut Upgrade,
        extracted: Vec<Extracted>,
        progress: &ProgressBar,
    ) -> anyhow::Result<()> {
        let say = |line: String| progress.suspend(|| eprintln!("{line}"));
        let mut ready = Vec::with_capacity(extracted.len());
        for (id, result) in &extracted {
            match result {
                Ok((article, extraction)) => ready.push(Replacement {
                    id: *id,
                    article,
                    extraction,
                }),
                Err(e) => {
                    self.failed += 1;
                    say(format!("dossier: error: document {id}: {e:#}"));
                    progress.inc(1);
                }
            }
        }
        let mut rest = &ready[..];
        while !rest.is_empty() {
            let (now, later) = rest.split_at(self.batch.min(rest.len()));
            let began = Instant::now();
            let outcomes = store
                .replace_extractions(now, upgrade)
                .context("could not store re-extracted documents")?;
            let per_document = began.elapsed().as_secs_f64() / now.len() as f64;
            self.batch = ((TRANSACTION_BUDGET.as_secs_f64() / per_document.max(1e-6)) as usize)
                .clamp(1, REEXTRACT_CHUNK);
            for (doc, outcome) in now.iter().zip(outcomes) {
                if let Err(e) = outcome {
                    self.failed += 1;
                    say(format!(
                        "dossier: error: document {}: could not store the document: {e}",
                        doc.id
                    ));
                }
            }
            progress.inc(now.len() as u64);
            if self.pause {
                std::thread::sleep(WRITER_PAUSE);
            }
            rest = later;
        }
        Ok(())
    }
}

/// What `reextract` prints.
#[derive(Serialize)]
struct Summary {
    dry_run: bool,
    extractor_version: i64,
    failed: usize,
    #[serde(flatten)]
    changes: Changes,
}

fn write_text(out: &mut impl Write, summary: &Summary) -> io::Result<()> {
    let c = &summary.changes;
    if summary.dry_run {
        writeln!(
            out,
            "Dry run: re-extracting {} documents with extractor version {} would change \
             (nothing was written):",
            c.documents, summary.extractor_version
        )?;
    } else {
        writeln!(
            out,
            "Re-extracted {} documents with extractor version {}:",
            c.documents, summary.extractor_version
        )?;
    }
    writeln!(out, "{:<12} {:>9} {:>9}", "table", "added", "removed")?;
    for (table, change) in &c.tables {
        writeln!(out, "{table:<12} {:>9} {:>9}", change.added, change.removed)?;
    }
    let name = |e: &Option<EntityName>| {
        e.as_ref()
            .map_or("(no speaker)".to_owned(), |e| e.name.clone())
    };
    let speakers: Vec<String> = c
        .speakers_changed
        .iter()
        .map(|s| {
            format!(
                "document {}: {:?}: {} -> {}",
                s.document_id,
                excerpt(&s.content),
                name(&s.before),
                name(&s.after)
            )
        })
        .collect();
    write_list(out, "statements whose speaker changed", &speakers)?;
    let entity = |e: &EntityName| format!("{} ({})", e.name, e.kind);
    let listed = |list: &[EntityName]| list.iter().map(entity).collect::<Vec<_>>();
    write_list(out, "entities that appeared", &listed(&c.entities_appeared))?;
    write_list(
        out,
        "entities that disappeared",
        &listed(&c.entities_disappeared),
    )?;
    let kinds: Vec<String> = c
        .entities_changed_kind
        .iter()
        .map(|k| format!("{}: {} -> {}", k.name, k.before, k.after))
        .collect();
    write_list(out, "entities that changed kind", &kinds)
}

/// A heading with the count, then the first few lines.
fn write_list(out: &mut impl Write, heading: &str, lines: &[String]) -> io::Result<()> {
    writeln!(out, "{heading}: {}", lines.len())?;
    for line in lines.iter().take(EXAMPLES) {
        writeln!(out, "  {line}")?;
    }
    if lines.len() > EXAMPLES {
        writeln!(
            out,
            "  ... and {} more (--format json lists all)",
            lines.len() - EXAMPLES
        )?;
    }
    Ok(())
}

/// The start of a statement, for one line of text.
fn excerpt(text: &str) -> String {
    const CHARS: usize = 60;
    let mut cut: String = text.chars().take(CHARS).collect();
    if text.chars().count() > CHARS {
        cut.push('…');
    }
    cut
}
