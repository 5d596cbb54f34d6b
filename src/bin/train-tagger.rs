//! Trains the name tagger of `src/ingest/entities/tagger.rs` from the public CoNLL-2003
//! training split and writes the model the binary embeds:
//!
//! ```sh
//! cargo run --release --bin train-tagger -- ../shared/training
//! ```
//!
//! The same data gives the same model, byte for byte; the SHA-256 printed at the end
//! identifies it. Only hashed features and weights are written, never the training text.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use dossier::ingest::entities::tagger::{self, Word};

/// Passes over the training data; more stops helping on the tuning split (CoNLL testa).
const EPOCHS: usize = 8;
const SEED: u64 = 0x5eed_0f7a_99e4;
const OUTPUT: &str = "src/ingest/entities/tagger.bin";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-tagger: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        bail!("usage: train-tagger TRAINING_DIR [OUTPUT] (TRAINING_DIR holds conll2003/eng.train)");
    };
    let output = args.next().unwrap_or_else(|| OUTPUT.to_owned());
    let path = dir.join("conll2003/eng.train");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let articles = read_conll(&text, &path)?;
    let words: usize = articles.iter().flatten().map(Vec::len).sum();
    eprintln!(
        "training on {} articles, {words} words, {EPOCHS} passes",
        articles.len()
    );
    let model = tagger::train(&articles, EPOCHS, SEED);
    let tuning = dir.join("conll2003/eng.testa");
    if let Ok(text) = std::fs::read_to_string(&tuning) {
        report(&model, &read_conll(&text, &tuning)?);
    }
    let bytes = model.to_bytes();
    std::fs::write(&output, &bytes).with_context(|| format!("{output}: cannot write"))?;
    let digest: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    println!("{output}: {} bytes, sha256 {digest}", bytes.len());
    Ok(())
}

/// Prints span precision, recall and F1 per kind on the tuning split (CoNLL testa).
fn report(model: &tagger::Model, articles: &[tagger::Tagged]) {
    let spans = |tags: &[u8]| -> Vec<(usize, usize, u8)> {
        let mut out = Vec::new();
        for (i, &t) in tags.iter().enumerate() {
            if t % 2 == 1 {
                let end = (i + 1..tags.len())
                    .find(|&j| tags[j] != t + 1)
                    .unwrap_or(tags.len());
                out.push((i, end, t));
            }
        }
        out
    };
    let mut counts = [[0usize; 3]; 3]; // per kind: true positives, guessed, gold
    for article in articles {
        let sentences: Vec<Vec<Word>> = article
            .iter()
            .map(|s| s.iter().map(|(w, _)| *w).collect())
            .collect();
        for (guess, sentence) in model.tag(&sentences).iter().zip(article) {
            let gold: Vec<u8> = sentence.iter().map(|(_, t)| *t).collect();
            let (g, p) = (spans(&gold), spans(guess));
            for s in &p {
                counts[(s.2 / 2) as usize][1] += 1;
                counts[(s.2 / 2) as usize][0] += usize::from(g.contains(s));
            }
            for s in &g {
                counts[(s.2 / 2) as usize][2] += 1;
            }
        }
    }
    for (kind, [tp, guessed, gold]) in ["people", "organizations", "places"].iter().zip(counts) {
        let (p, r) = (
            tp as f64 / guessed.max(1) as f64,
            tp as f64 / gold.max(1) as f64,
        );
        eprintln!(
            "tuning split {kind:14} P {p:.3} R {r:.3} F1 {:.3}",
            2.0 * p * r / (p + r).max(1e-9)
        );
    }
}

/// Reads CoNLL-2003 (`word POS chunk TAG`, IOB1, `-DOCSTART-` between documents) into
/// articles of sentences of words as dossier's tokenizer yields them: punctuation tokens
/// become breaks between words, a possessive `'s` a flag on the word before it; MISC is
/// not one of our kinds and becomes `O`.
fn read_conll<'a>(text: &'a str, path: &Path) -> Result<Vec<tagger::Tagged<'a>>> {
    let mut articles: Vec<tagger::Tagged> = vec![Vec::new()];
    let mut sentence: Vec<(Word, u8)> = Vec::new();
    let (mut clean, mut initial, mut prev_kind) = (false, true, "");
    for (n, line) in text.lines().chain([""]).enumerate() {
        let cols: Vec<&str> = line.split(' ').collect();
        if line.trim().is_empty() || cols[0] == "-DOCSTART-" {
            if !sentence.is_empty() {
                articles
                    .last_mut()
                    .expect("one article")
                    .push(std::mem::take(&mut sentence));
            }
            if cols[0] == "-DOCSTART-" && !articles.last().expect("one article").is_empty() {
                articles.push(Vec::new());
            }
            (clean, initial, prev_kind) = (false, true, "");
            continue;
        }
        let (Some(word), Some(tag)) = (cols.first(), cols.last()) else {
            bail!(
                "{}:{}: expected `word POS chunk TAG`",
                path.display(),
                n + 1
            );
        };
        if matches!(*word, "'s" | "'S" | "'") {
            if let Some((w, _)) = sentence.last_mut() {
                w.poss = true;
            }
            (clean, prev_kind) = (false, "");
            continue;
        }
        if !word.chars().any(char::is_alphanumeric) {
            initial |= matches!(*word, "\"" | "``" | "(" | ":" | "`" | "[");
            (clean, prev_kind) = (false, "");
            continue;
        }
        let (bio, kind) = tag.split_once('-').unwrap_or(("O", ""));
        let kind = match kind {
            "PER" | "ORG" | "LOC" => kind,
            _ => "",
        };
        // IOB1 to BIO: an entity begins where the kind changes or B- says so.
        let name = if kind.is_empty() {
            "O".to_owned()
        } else if bio == "B" || kind != prev_kind {
            format!("B-{kind}")
        } else {
            format!("I-{kind}")
        };
        let tag = tagger::tag_index(&name)
            .with_context(|| format!("{}:{}: unknown tag {tag}", path.display(), n + 1))?;
        sentence.push((
            Word {
                text: word,
                clean_before: clean,
                poss: false,
                initial,
            },
            tag,
        ));
        (clean, initial, prev_kind) = (true, false, kind);
    }
    articles.retain(|a| !a.is_empty());
    Ok(articles)
}
