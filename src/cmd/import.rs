//! `dossier import`: reads articles from files, folders and stdin, extracts them and stores
//! each in its own transaction. A bad file is reported and skipped; the others go on.

use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use globset::{Glob, GlobSet, GlobSetBuilder};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest, Sha256};

use super::Status;
use crate::cli::ImportArgs;
use crate::ingest::{self, parse::parse_article};
use crate::store::write::{Batch, NewDocument, Outcome};
use crate::store::Store;

/// One thing to read: a file or stdin.
enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    fn source(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_owned(),
        }
    }
}

/// Documents per transaction, and the longest a transaction stays open.
const BATCH_SIZE: usize = 200;
const BATCH_TIME: std::time::Duration = std::time::Duration::from_secs(1);

/// Show a progress bar only for imports of at least this many files.
const PROGRESS_MIN_FILES: usize = 20;

#[derive(Default)]
struct Tally {
    imported: usize,
    replaced: usize,
    skipped: usize,
    failed: usize,
}

pub fn run(db: &Path, args: &ImportArgs, quiet: bool) -> anyhow::Result<Status> {
    let started = Instant::now();
    let globs = build_globs(&args.globs)?;
    let mut tally = Tally::default();
    let mut inputs = Vec::new();
    for path in &args.paths {
        if let Err(e) = collect(path, &globs, &mut inputs) {
            eprintln!("dossier: error: {}: {e:#}", path.display());
            tally.failed += 1;
            if args.fail_fast {
                return Ok(Status::Partial);
            }
        }
    }
    let mut store =
        Store::open(db).with_context(|| format!("could not open database {}", db.display()))?;

    let progress = if inputs.len() >= PROGRESS_MIN_FILES && io::stderr().is_terminal() && !quiet {
        let pb =
            ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr());
        pb.set_style(
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} articles ({per_sec}, {eta} left) {wide_msg}",
            )
            .expect("template is valid"),
        );
        pb
    } else {
        ProgressBar::hidden()
    };
    // Messages go through the bar so they do not tear it.
    let say = |line: String| progress.suspend(|| eprintln!("{line}"));

    // Commit in batches: cheap per document, and other processes get their turn.
    let mut next = 0;
    let mut stop = false;
    while next < inputs.len() && !stop {
        let mut batch = store.batch()?;
        let opened = Instant::now();
        while next < inputs.len() && batch.pending() < BATCH_SIZE && opened.elapsed() < BATCH_TIME {
            let input = &inputs[next];
            next += 1;
            let source = input.source();
            progress.set_message(source.clone());
            match import_one(&mut batch, input, &source, args) {
                Ok((outcome, warning)) => {
                    let stored = !matches!(outcome, Outcome::Skipped(_));
                    if let (Some(w), true) = (warning, stored && !quiet) {
                        say(format!("dossier: warning: {source}: {w}"));
                    }
                    match outcome {
                        Outcome::Imported(_) => tally.imported += 1,
                        Outcome::Replaced(_) => tally.replaced += 1,
                        Outcome::Skipped(_) => {
                            tally.skipped += 1;
                            if !quiet {
                                say(format!("{source}: skipped (already imported)"));
                            }
                        }
                    }
                }
                Err(e) => {
                    tally.failed += 1;
                    say(format!("dossier: error: {source}: {e:#}"));
                    if args.fail_fast {
                        stop = true;
                        break;
                    }
                }
            }
            progress.inc(1);
        }
        batch
            .commit()
            .context("could not commit imported documents")?;
    }
    progress.finish_and_clear();

    if !quiet {
        let secs = started.elapsed().as_secs_f64();
        let done = tally.imported + tally.replaced;
        eprintln!(
            "imported {}, replaced {}, skipped {}, failed {} in {:.2}s ({:.0} articles/s)",
            tally.imported,
            tally.replaced,
            tally.skipped,
            tally.failed,
            secs,
            done as f64 / secs.max(1e-9)
        );
    }
    Ok(if tally.failed > 0 {
        Status::Partial
    } else {
        Status::Success
    })
}

/// Reads, parses, extracts and stores one input. Content already stored is recognized by
/// its hash before any parsing. Returns the outcome and a warning, if any.
fn import_one(
    batch: &mut Batch,
    input: &Input,
    source: &str,
    args: &ImportArgs,
) -> anyhow::Result<(Outcome, Option<String>)> {
    let bytes = read_limited(input, args.max_size)?;
    let sha256 = hex(&Sha256::digest(&bytes));
    if let Some(id) = batch.stored(&sha256)? {
        return Ok((Outcome::Skipped(id), None));
    }
    let article = parse_article(&bytes, args.date)?;
    let warning = article.published.is_none().then(|| {
        "no `date YYYY-MM-DD` header; published date unknown (set one with --date)".to_owned()
    });
    let extraction = ingest::extract_checked(&article).map_err(anyhow::Error::msg)?;
    let doc = NewDocument {
        source,
        sha256: &sha256,
        article: &article,
        extraction: &extraction,
    };
    let outcome = batch
        .import_document(&doc, args.replace)
        .context("could not store the document")?;
    Ok((outcome, warning))
}

/// Reads the whole input, refusing anything over `limit` bytes.
fn read_limited(input: &Input, limit: u64) -> anyhow::Result<Vec<u8>> {
    let too_big = |size: u64| {
        anyhow::anyhow!(
            "file is {} bytes, over the {} byte limit (raise it with --max-size)",
            size,
            limit
        )
    };
    let mut bytes = Vec::new();
    match input {
        Input::File(path) => {
            let file = File::open(path).context("could not read file")?;
            let len = file.metadata().context("could not read file")?.len();
            if len > limit {
                return Err(too_big(len));
            }
            file.take(limit + 1)
                .read_to_end(&mut bytes)
                .context("could not read file")?;
        }
        Input::Stdin => {
            io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut bytes)
                .context("could not read stdin")?;
        }
    }
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn build_globs(patterns: &[String]) -> anyhow::Result<GlobSet> {
    let defaults = ["*.txt".to_owned(), "*.md".to_owned()];
    let patterns = if patterns.is_empty() {
        &defaults[..]
    } else {
        patterns
    };
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(Glob::new(p).with_context(|| format!("invalid --glob pattern {p:?}"))?);
    }
    Ok(builder.build()?)
}

/// Files in a folder that describe the folder rather than being articles.
fn is_folder_notes(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE"]
        .iter()
        .any(|n| upper.starts_with(n))
}

/// Adds `path` to `inputs`: stdin for `-`, the file itself, or a folder's matching files
/// (recursively, in name order; hidden entries and README/LICENSE files skipped).
fn collect(path: &Path, globs: &GlobSet, inputs: &mut Vec<Input>) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        inputs.push(Input::Stdin);
        return Ok(());
    }
    let meta = std::fs::metadata(path).context("could not read path")?;
    if !meta.is_dir() {
        inputs.push(Input::File(path.to_owned()));
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(path)
        .context("could not read folder")?
        .collect::<Result<_, _>>()
        .context("could not read folder")?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name_text = name.to_string_lossy();
        if name_text.starts_with('.') || is_folder_notes(&name_text) {
            continue;
        }
        let child = entry.path();
        if child.is_dir() {
            collect(&child, globs, inputs)?;
        } else if globs.is_match(Path::new(&name)) {
            inputs.push(Input::File(child));
        }
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
