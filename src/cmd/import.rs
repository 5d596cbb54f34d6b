//! `dossier import`: reads articles from files, folders and stdin, extracts them and stores
//! them. A bad file is reported and skipped; the others go on.
//!
//! The work is a pipeline. The input walk is streamed in chunks; a pool of worker threads
//! reads, hashes, parses, extracts and checks each chunk's articles in parallel; the calling
//! thread writes each finished chunk to the database in one transaction. Chunks keep their
//! input order, so document ids and messages follow the order of the files, and at most a
//! few chunks are in memory at once, however large the corpus.

use std::collections::HashMap;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, IsTerminal, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use globset::{Glob, GlobSet, GlobSetBuilder};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::Status;
use crate::cli::ImportArgs;
use crate::ingest::{self, parse::parse_article_noting};
use crate::model::{Article, Extraction};
use crate::outpath::escape_controls;
use crate::store::write::{self, NewDocument, Outcome};
use crate::store::Store;

/// One thing to read: a file or stdin.
enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    fn source(&self) -> Source {
        match self {
            Input::File(p) => Source::of(p),
            Input::Stdin => Source::of(Path::new("-")),
        }
    }
}

/// Where an input came from: its path's own bytes, which identify it, and the path as text
/// for people (a name that is not UTF-8 loses bytes in the text).
struct Source {
    shown: String,
    raw: Vec<u8>,
}

impl Source {
    fn of(path: &Path) -> Source {
        Source {
            shown: path.display().to_string(),
            raw: path.as_os_str().as_encoded_bytes().to_vec(),
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

/// Articles per chunk: one chunk is one transaction, long enough to make commits cheap and
/// short enough (a fraction of a second) that other processes get their turn at the lock.
const CHUNK_ARTICLES: usize = 256;
/// Bytes of input per chunk, so that a folder of large files still keeps memory bounded.
const CHUNK_BYTES: u64 = 8 << 20;
/// Finished chunks waiting for the writer; more would only hold memory.
const CHUNKS_QUEUED: usize = 2;

/// Show a progress bar only for imports of at least this many files.
const PROGRESS_MIN_FILES: usize = 20;

#[derive(Default)]
struct Tally {
    imported: usize,
    replaced: usize,
    skipped: usize,
    failed: usize,
    bytes: u64,
}

/// A walked input, or the path that could not be walked and why.
type Walked = Result<Input, (Source, anyhow::Error)>;

/// What the workers made of one input.
enum Prepared {
    Failed(anyhow::Error),
    /// The same content is already stored, as this document.
    Known {
        sha256: String,
        id: i64,
    },
    Ready(Box<Ready>),
}

struct Ready {
    sha256: String,
    article: Article,
    extraction: Extraction,
    warning: Option<String>,
    bytes: u64,
}

struct Item {
    source: Source,
    prepared: Prepared,
}

impl Item {
    /// Whether the input failed (an input passed over on purpose did not).
    fn failed(&self) -> bool {
        matches!(&self.prepared, Prepared::Failed(e) if e.downcast_ref::<Passed>().is_none())
    }
}

pub fn run(db: &Path, args: &ImportArgs, quiet: bool) -> anyhow::Result<Status> {
    let started = Instant::now();
    let globs = build_globs(&args.globs)?;
    let mut store =
        Store::open(db).with_context(|| format!("could not open database {}", db.display()))?;
    store.prepare_for_bulk_writes()?;
    // A second connection lets the workers' side skip known content before parsing it.
    let lookup = Store::open_read_only(db)
        .with_context(|| format!("could not open database {}", db.display()))?;
    let threads = args
        .jobs
        .map(|n| n.get())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("dossier-extract-{i}"))
        .build()
        .context("could not start worker threads")?;

    pool.spawn(ingest::warm_up);
    let progress = progress_bar(args, &globs, quiet);
    let mut tally = Tally::default();
    let (sender, chunks) = sync_channel(CHUNKS_QUEUED);
    let write_result = std::thread::scope(|scope| {
        let walk = Walk::new(&args.paths, &globs);
        let pool = &pool;
        scope.spawn(move || prepare_chunks(walk, lookup, pool, args, sender));
        let result = write_chunks(
            &mut store,
            chunks.iter(),
            args,
            quiet,
            &progress,
            &mut tally,
        );
        // Dropping the receiver stops the producer if the writer gave up early.
        drop(chunks);
        result
    });
    progress.finish_and_clear();
    write_result?;

    if !quiet {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        let done = tally.imported + tally.replaced;
        eprintln!(
            "imported {}, replaced {}, skipped {}, failed {} in {:.2}s ({:.0} articles/s, {:.1} MB/s)",
            tally.imported,
            tally.replaced,
            tally.skipped,
            tally.failed,
            secs,
            done as f64 / secs,
            tally.bytes as f64 / 1e6 / secs,
        );
    }
    Ok(if tally.failed > 0 {
        Status::Partial
    } else {
        Status::Success
    })
}

/// A progress bar on a terminal for imports of many files; hidden otherwise. Counting the
/// files walks the input twice, which is cheap next to reading them.
fn progress_bar(args: &ImportArgs, globs: &GlobSet, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total = Walk::new(&args.paths, globs).count();
    if total < PROGRESS_MIN_FILES {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} articles ({wide_msg})")
            .expect("template is valid"),
    );
    pb.set_message("starting");
    pb
}

/// The rate and time left of an import: articles done over the whole time since it began.
/// Articles are written a chunk at a time, so a rate over the last few steps swings
/// between bursts and pauses ("0.49/s, 67m left" on a 7-second import).
fn rate_message(done: u64, total: Option<u64>, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    if done == 0 || secs <= 0.0 {
        return "starting".to_owned();
    }
    let rate = done as f64 / secs;
    let left = total.unwrap_or(done).saturating_sub(done) as f64 / rate;
    format!(
        "{rate:.0} articles/s, {} left",
        indicatif::HumanDuration(Duration::from_secs_f64(left))
    )
}

/// The producer: cuts the walk into chunks and has the pool prepare each one.
fn prepare_chunks(
    walk: Walk,
    lookup: Store,
    pool: &rayon::ThreadPool,
    args: &ImportArgs,
    sender: SyncSender<Vec<Item>>,
) {
    let mut walk = walk.peekable();
    while walk.peek().is_some() {
        let mut chunk = Vec::with_capacity(CHUNK_ARTICLES);
        let mut bytes = 0;
        while chunk.len() < CHUNK_ARTICLES && bytes < CHUNK_BYTES {
            let Some(walked) = walk.next() else { break };
            if let Ok(Input::File(path)) = &walked {
                bytes += std::fs::metadata(path).map_or(0, |m| m.len());
            }
            chunk.push(walked);
        }
        let read = pool.install(|| read_chunk(chunk, args));
        // Re-dating needs known content parsed again with the new date.
        let read = if redating(args) {
            read.into_iter()
                .map(|(source, r)| (source, r.map(|(bytes, sha)| (Content::New(bytes), sha))))
                .collect()
        } else {
            drop_known(read, &lookup)
        };
        let items = pool.install(|| extract_chunk(read, args));
        if sender.send(items).is_err() {
            return;
        }
    }
}

/// Whether this import gives stored content a new publication date: `--replace` with
/// `--date` applies the date to files without a header even when their content is stored.
fn redating(args: &ImportArgs) -> bool {
    args.replace && args.date.is_some()
}

/// An input's source and, when it could be read, its bytes and content hash.
type Loaded = (Source, anyhow::Result<(Vec<u8>, String)>);
/// The same, with the bytes of content already stored dropped.
type Unknown = (Source, anyhow::Result<(Content, String)>);

/// An input's bytes when its content is new to the database, else the stored document.
enum Content {
    New(Vec<u8>),
    Stored(i64),
}

/// Reads and hashes a chunk's inputs in parallel.
fn read_chunk(chunk: Vec<Walked>, args: &ImportArgs) -> Vec<Loaded> {
    chunk
        .into_par_iter()
        .map(|walked| match walked {
            Ok(input) => {
                let read = read_limited(&input, args.max_size).map(|bytes| {
                    let sha = hex(&Sha256::digest(&bytes));
                    (bytes, sha)
                });
                (input.source(), read)
            }
            Err((source, e)) => (source, Err(e)),
        })
        .collect()
}

/// Marks content that is already stored, so that it is never parsed again.
fn drop_known(read: Vec<Loaded>, lookup: &Store) -> Vec<Unknown> {
    read.into_iter()
        .map(|(source, r)| {
            let r = r.and_then(|(bytes, sha)| {
                let known = lookup
                    .document_with_sha(&sha)
                    .context("could not look up the content hash")?;
                let content = known.map_or(Content::New(bytes), Content::Stored);
                Ok((content, sha))
            });
            (source, r)
        })
        .collect()
}

/// Parses, extracts and checks a chunk's new articles in parallel.
fn extract_chunk(read: Vec<Unknown>, args: &ImportArgs) -> Vec<Item> {
    read.into_par_iter()
        .map(|(source, r)| {
            let prepared = match r {
                Err(e) => Prepared::Failed(e),
                Ok((Content::Stored(id), sha256)) => Prepared::Known { sha256, id },
                Ok((Content::New(bytes), sha)) => match prepare(&bytes, sha, args) {
                    Ok(ready) => Prepared::Ready(Box::new(ready)),
                    Err(e) => Prepared::Failed(e),
                },
            };
            Item { source, prepared }
        })
        .collect()
}

/// Parses, extracts and checks one article.
fn prepare(bytes: &[u8], sha256: String, args: &ImportArgs) -> anyhow::Result<Ready> {
    let parsed = parse_article_noting(bytes, args.date)?;
    let article = parsed.article;
    let warning = match (&parsed.near_miss_header, article.published) {
        (Some(header), _) => Some(format!(
            "read the header {header:?} as the publication date; write it as `date YYYY-MM-DD`"
        )),
        (None, None) => Some(
            "no `date YYYY-MM-DD` header; published date unknown (set one with --date)".to_owned(),
        ),
        (None, Some(_)) => None,
    };
    let extraction = ingest::extract_checked(&article).map_err(anyhow::Error::msg)?;
    write::validate(&article.body, &extraction).context("could not store the document")?;
    Ok(Ready {
        sha256,
        article,
        extraction,
        warning,
        bytes: bytes.len() as u64,
    })
}

/// The writer: stores each chunk in one transaction and reports every input in order.
fn write_chunks(
    store: &mut Store,
    chunks: impl Iterator<Item = Vec<Item>>,
    args: &ImportArgs,
    quiet: bool,
    progress: &ProgressBar,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    // Messages go through the bar so they do not tear it, with control characters escaped
    // so that a file name cannot break the line or drive the terminal.
    let say = |line: String| progress.suspend(|| eprintln!("{}", escape_controls(&line)));
    // Where this run stored each content first, so that a second copy inside the same
    // import is named a duplicate of that file rather than "already imported".
    let mut stored_here: HashMap<String, String> = HashMap::new();
    for mut items in chunks {
        if args.fail_fast {
            if let Some(first) = items.iter().position(|i| i.failed()) {
                items.truncate(first + 1);
            }
        }
        let docs: Vec<NewDocument> = items
            .iter()
            .filter_map(|item| match &item.prepared {
                Prepared::Ready(r) => Some(NewDocument {
                    source: &item.source.shown,
                    source_path: &item.source.raw,
                    sha256: &r.sha256,
                    article: &r.article,
                    extraction: &r.extraction,
                    redate: redating(args),
                }),
                _ => None,
            })
            .collect();
        let mut outcomes = store
            .import_documents(&docs, args.replace)
            .context("could not store imported documents")?
            .into_iter();
        let mut stop = false;
        for item in &items {
            let source = &item.source;
            let outcome = match &item.prepared {
                Prepared::Failed(e) => match e.downcast_ref::<Passed>() {
                    Some(passed) => {
                        tally.skipped += 1;
                        if !quiet {
                            say(format!("{source}: skipped ({passed})"));
                        }
                        progress.inc(1);
                        continue;
                    }
                    None => Err(format!("{e:#}")),
                },
                Prepared::Known { id, .. } => Ok(Outcome::Skipped(*id)),
                Prepared::Ready(ready) => {
                    let outcome = outcomes.next().expect("one outcome per document");
                    if let (Ok(Outcome::Imported(_) | Outcome::Replaced(_)), Some(w), false) =
                        (&outcome, &ready.warning, quiet)
                    {
                        say(format!("dossier: warning: {source}: {w}"));
                    }
                    if let (Ok(Outcome::Redated(_)), false) = (&outcome, quiet) {
                        let date = ready
                            .article
                            .published
                            .map_or("none".into(), |d| d.to_string());
                        say(format!("{source}: re-dated to {date}"));
                    }
                    if outcome.is_ok() {
                        tally.bytes += ready.bytes;
                    }
                    outcome.map_err(|e| format!("could not store the document: {e}"))
                }
            };
            let sha256 = match &item.prepared {
                Prepared::Known { sha256, .. } => Some(sha256),
                Prepared::Ready(ready) => Some(&ready.sha256),
                Prepared::Failed(_) => None,
            };
            if let (Ok(Outcome::Imported(_) | Outcome::Replaced(_)), Some(sha)) = (&outcome, sha256)
            {
                stored_here
                    .entry(sha.clone())
                    .or_insert_with(|| source.to_string());
            }
            match outcome {
                Ok(Outcome::Imported(_)) => tally.imported += 1,
                // A re-dated document had its extraction replaced.
                Ok(Outcome::Replaced(_) | Outcome::Redated(_)) => tally.replaced += 1,
                Ok(Outcome::Skipped(_)) => {
                    tally.skipped += 1;
                    if !quiet {
                        match sha256.and_then(|sha| stored_here.get(sha)) {
                            Some(first) => say(format!("{source}: skipped (duplicate of {first})")),
                            None => say(format!("{source}: skipped (already imported)")),
                        }
                    }
                }
                Err(e) => {
                    tally.failed += 1;
                    say(format!("dossier: error: {source}: {e}"));
                    stop |= args.fail_fast;
                }
            }
            progress.inc(1);
        }
        progress.set_message(rate_message(
            progress.position(),
            progress.length(),
            progress.elapsed(),
        ));
        if stop {
            break;
        }
    }
    Ok(())
}

/// Reads the whole input, refusing anything over `limit` bytes.
fn read_limited(input: &Input, limit: u64) -> anyhow::Result<Vec<u8>> {
    let bytes = match input {
        Input::File(path) => read_whole_file(path, limit)?,
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut bytes)
                .context("could not read stdin")?;
            bytes
        }
    };
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_big(size: u64, limit: u64) -> anyhow::Error {
    anyhow::anyhow!("file is {size} bytes, over the {limit} byte limit (raise it with --max-size)")
}

/// A file modified this recently may still be being written: it is looked at again once
/// this long has passed since its last change, before its copy is trusted.
const SETTLE: Duration = Duration::from_millis(100);

/// What shows that a file changed: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(file: &File) -> anyhow::Result<Stamp> {
        let meta = file.metadata().context("could not read file")?;
        Ok(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }

    /// The stamp once the file has been still for `SETTLE` (or has changed meanwhile).
    fn settled(self, file: &File) -> anyhow::Result<Stamp> {
        let now = Stamp::of(file)?;
        let age = now
            .modified
            .and_then(|m| SystemTime::now().duration_since(m).ok());
        match age {
            Some(age) if now == self && age < SETTLE => {
                std::thread::sleep(SETTLE - age);
                Stamp::of(file)
            }
            _ => Ok(now),
        }
    }
}

/// Reads a whole file, and only a copy nobody was writing meanwhile: when its size or
/// modification time moved during the read (or just after it), it is read once more, and
/// a file still changing is refused rather than stored torn.
fn read_whole_file(path: &Path, limit: u64) -> anyhow::Result<Vec<u8>> {
    let mut file = open_regular(path)?;
    let mut bytes = Vec::new();
    for _ in 0..2 {
        let before = Stamp::of(&file)?;
        if before.len > limit {
            return Err(too_big(before.len, limit));
        }
        bytes.clear();
        file.seek(io::SeekFrom::Start(0))
            .context("could not read file")?;
        (&file)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .context("could not read file")?;
        let after = before.settled(&file)?;
        if after == before && bytes.len() as u64 == after.len {
            return Ok(bytes);
        }
    }
    anyhow::bail!(
        "the file changed while it was read; skipped (import it again once it is complete)"
    )
}

/// Opens a file for reading without waiting on it: a FIFO put in the file's place after the
/// walk looked at it would block the open until a writer came, so it is opened
/// non-blocking and refused unless it is a regular file.
fn open_regular(path: &Path) -> anyhow::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).context("could not read file")?;
    let meta = file.metadata().context("could not read file")?;
    match Kind::of(&meta) {
        Kind::File => Ok(file),
        Kind::Folder => anyhow::bail!("is a folder, not a regular file"),
        Kind::Special(what) => anyhow::bail!("is {what}, not a regular file; skipped"),
    }
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

/// The inputs named on the command line, streamed: stdin for `-`, a file itself, or a
/// folder's matching files (recursively, in name order; hidden entries and README/LICENSE
/// files skipped). Symbolic links are followed only when they lead inside one of the
/// folders named, each folder and file is visited once however many links reach it (which
/// also ends link loops), and only the entries of the folders being walked and the
/// identities of the files visited are held in memory.
struct Walk<'a> {
    roots: std::slice::Iter<'a, PathBuf>,
    globs: &'a GlobSet,
    /// The folders named on the command line, resolved: where links may lead.
    inside: Vec<PathBuf>,
    /// The folder being walked.
    current: Option<walkdir::IntoIter>,
    /// Folders and files already visited, by device and inode.
    seen: HashSet<(u64, u64)>,
}

/// What a walked entry is, after following a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Folder,
    File,
    /// A FIFO, socket or device: reading one may block forever or never end.
    Special(&'static str),
}

impl Kind {
    fn of(meta: &std::fs::Metadata) -> Kind {
        let t = meta.file_type();
        if t.is_dir() {
            Kind::Folder
        } else if t.is_file() {
            Kind::File
        } else {
            Kind::Special(special_kind(&t))
        }
    }
}

/// Names a file type that is neither a folder nor a regular file, for messages.
#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// The error for an input that is not a regular file: it is skipped rather than read.
fn not_regular(path: &Path, what: &str) -> Walked {
    Err((
        Source::of(path),
        anyhow::anyhow!("is {what}, not a regular file; skipped (pipe it in as `-` to read it)"),
    ))
}

/// An input passed over on purpose (a link not followed), reported as skipped rather than
/// as a failure.
#[derive(Debug)]
struct Passed(&'static str);

impl std::fmt::Display for Passed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Passed {}

fn passed(path: &Path, why: &'static str) -> Walked {
    Err((Source::of(path), anyhow::Error::new(Passed(why))))
}

/// A file's identity: the same for every path and link that reaches it.
#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

impl<'a> Walk<'a> {
    fn new(roots: &'a [PathBuf], globs: &'a GlobSet) -> Self {
        let inside = roots
            .iter()
            .filter(|r| r.is_dir())
            .filter_map(|r| std::fs::canonicalize(r).ok())
            .collect();
        Walk {
            roots: roots.iter(),
            globs,
            inside,
            current: None,
            seen: HashSet::new(),
        }
    }

    /// Whether this is the first visit of the file or folder described by `meta`.
    fn first_visit(&mut self, meta: &std::fs::Metadata) -> bool {
        file_id(meta).map_or(true, |id| self.seen.insert(id))
    }

    /// Does not descend into the folder just visited.
    fn skip_folder(&mut self) {
        if let Some(it) = self.current.as_mut() {
            it.skip_current_dir();
        }
    }

    fn matches(&self, path: &Path) -> bool {
        path.file_name()
            .is_some_and(|name| self.globs.is_match(Path::new(name)))
    }

    /// What to make of one entry of the folder being walked: an input to yield, or `None`
    /// to go on to the next entry.
    fn visit(&mut self, entry: walkdir::DirEntry) -> Option<Walked> {
        // The folder itself, already counted as visited.
        if entry.depth() == 0 {
            return None;
        }
        let is_dir = entry.file_type().is_dir();
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || is_folder_notes(&name) {
            if is_dir {
                self.skip_folder();
            }
            return None;
        }
        let path = entry.path();
        if entry.path_is_symlink() {
            let inside = std::fs::canonicalize(path)
                .is_ok_and(|target| self.inside.iter().any(|root| target.starts_with(root)));
            if !inside {
                if is_dir {
                    self.skip_folder();
                }
                return (is_dir || self.matches(path)).then(|| {
                    passed(
                        path,
                        "a link leading outside the folders being imported; not followed",
                    )
                });
            }
        }
        let meta = match entry.metadata() {
            Ok(meta) => meta,
            Err(e) => {
                let e = anyhow::Error::new(e).context("could not read path");
                return Some(Err((Source::of(path), e)));
            }
        };
        if is_dir {
            // A folder reached again through a link has been walked already.
            if !self.first_visit(&meta) {
                self.skip_folder();
            }
            return None;
        }
        if !self.matches(path) || !self.first_visit(&meta) {
            return None;
        }
        Some(match Kind::of(&meta) {
            Kind::Special(what) => not_regular(path, what),
            _ => Ok(Input::File(path.to_path_buf())),
        })
    }

    /// Reports a folder entry that could not be read; `None` for a dangling link that the
    /// patterns would not have imported anyway.
    fn unreadable(&self, e: walkdir::Error) -> Option<Walked> {
        let path = e.path().map(Path::to_path_buf).unwrap_or_default();
        if e.loop_ancestor().is_some() {
            return Some(passed(
                &path,
                "a link to a folder that contains it; not followed",
            ));
        }
        let dangling = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if dangling && !self.matches(&path) {
            return None;
        }
        let e = anyhow::Error::new(e).context("could not read path");
        Some(Err((Source::of(&path), e)))
    }
}

impl Iterator for Walk<'_> {
    type Item = Walked;

    fn next(&mut self) -> Option<Walked> {
        loop {
            if let Some(it) = self.current.as_mut() {
                let walked = match it.next() {
                    None => {
                        self.current = None;
                        continue;
                    }
                    Some(Ok(entry)) => self.visit(entry),
                    Some(Err(e)) => self.unreadable(e),
                };
                match walked {
                    Some(walked) => return Some(walked),
                    None => continue,
                }
            }
            let root = self.roots.next()?;
            if root.as_os_str() == "-" {
                return Some(Ok(Input::Stdin));
            }
            match std::fs::metadata(root) {
                Err(e) => {
                    let e = anyhow::Error::new(e).context("could not read path");
                    return Some(Err((Source::of(root), e)));
                }
                Ok(meta) => match Kind::of(&meta) {
                    Kind::Folder => {
                        if self.first_visit(&meta) {
                            self.current = Some(
                                walkdir::WalkDir::new(root)
                                    .follow_links(true)
                                    .sort_by_file_name()
                                    .into_iter(),
                            );
                        }
                    }
                    Kind::File => return Some(Ok(Input::File(root.clone()))),
                    Kind::Special(what) => return Some(not_regular(root, what)),
                },
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_over_the_whole_import_so_far() {
        // 1,000 of 2,000 articles in 5 s: 200/s, so 5 s are left, however bursty the chunks.
        assert_eq!(
            rate_message(1000, Some(2000), Duration::from_secs(5)),
            "200 articles/s, 5 seconds left"
        );
        assert_eq!(
            rate_message(0, Some(2000), Duration::from_secs(3)),
            "starting"
        );
        assert_eq!(
            rate_message(2000, Some(2000), Duration::from_secs(7)),
            "286 articles/s, 0 seconds left"
        );
    }
}
