//! A learned name tagger: an averaged perceptron over BIO tags (people, organizations,
//! places), decoding greedily left to right.
//!
//! Features are hashed into a fixed table, so the model holds weights only, never a word
//! of its training text. They read the word (case, shape, affixes), its neighbours, the
//! two tags before it, the word lists of `lexicon` (given names, surnames, titles,
//! organization and place head words, gazetteers) and cues from the whole article: whether
//! the same word is written in lower case elsewhere, or capitalized in mid-sentence.
//!
//! The model is trained by `cargo run --release --bin train-tagger -- ../shared/training`
//! (see `src/bin/train-tagger.rs`); training is deterministic, so the same data gives the
//! same bytes. The rules decide what their lists and context settle; the tagger decides
//! the rest (see `super::extract`).

use std::sync::LazyLock;

use super::lexicon::{CALENDAR, LEX};
use crate::ingest::fnv::FnvHashSet;
use crate::model::EntityKind;

/// One word as the tagger sees it, from the article's tokenizer or from training data.
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    pub text: &'a str,
    /// Only spaces separate it from the previous word (no punctuation, no line break).
    pub clean_before: bool,
    /// Followed by a possessive `'s`.
    pub poss: bool,
    /// First word of its sentence, or first after an opening quote, colon or bracket.
    pub initial: bool,
}

/// Training data: an article of sentences of (word, gold tag index).
pub type Tagged<'a> = Vec<Vec<(Word<'a>, u8)>>;

/// The tags, in the order of the weight table's columns.
pub const TAGS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
const N_TAGS: usize = TAGS.len();
/// Bits of the feature hash that index the table: 2^18 rows of 7 weights.
const BITS: u32 = 18;
const ROWS: usize = 1 << BITS;
const MAGIC: &[u8; 8] = b"DTAGGER1";
/// The tag before the first word.
const START: u8 = u8::MAX;

/// The embedded model (see the module comment for how it is rebuilt).
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("tagger.bin")).expect("embedded tagger model is valid")
});

/// The entity kind of a tag, `None` for `O`.
pub fn kind_of(tag: u8) -> Option<EntityKind> {
    match tag {
        1 | 2 => Some(EntityKind::Person),
        3 | 4 => Some(EntityKind::Organization),
        5 | 6 => Some(EntityKind::Place),
        _ => None,
    }
}

/// Whether `tag` may follow `prev`: an `I-X` only continues a `B-X` or `I-X`.
fn allowed(prev: u8, tag: u8) -> bool {
    tag == 0 || tag % 2 == 1 || (prev != START && prev != 0 && prev.div_ceil(2) == tag.div_ceil(2))
}

/// Quantized weights: `ROWS × N_TAGS` signed 16-bit values times `scale`.
pub struct Model {
    weights: Vec<i16>,
    scale: f32,
}

impl Model {
    /// Reads a model written by `to_bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("not a tagger model (bad magic)")?;
        if body.len() != 4 + ROWS * N_TAGS * 2 {
            return Err(format!(
                "tagger model has {} bytes, expected {}",
                bytes.len(),
                12 + ROWS * N_TAGS * 2
            ));
        }
        let scale = f32::from_le_bytes(body[..4].try_into().expect("4 bytes"));
        let weights = body[4..]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Model { weights, scale })
    }

    /// The model as bytes: magic, scale (f32), weights (i16), all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(self.scale.to_le_bytes());
        for w in &self.weights {
            out.extend(w.to_le_bytes());
        }
        out
    }

    fn scores(&self, feats: &[u32]) -> [f32; N_TAGS] {
        let mut s = [0i32; N_TAGS];
        for &f in feats {
            let row = &self.weights[f as usize * N_TAGS..][..N_TAGS];
            for (acc, w) in s.iter_mut().zip(row) {
                *acc += i32::from(*w);
            }
        }
        s.map(|v| v as f32 * self.scale)
    }
}

/// Tags one article with the embedded model, given as sentences of words; returns one tag
/// index per word.
pub fn tag_article(sentences: &[Vec<Word>]) -> Vec<Vec<u8>> {
    MODEL.tag(sentences)
}

/// Like `tag_article`, with each tag's margin over the next best allowed tag: how sure
/// the model is (in score units; about 1 is a clear call).
pub fn tag_article_scored(sentences: &[Vec<Word>]) -> Vec<Vec<(u8, f32)>> {
    MODEL.tag_scored(sentences)
}

/// Tags only the given windows of an article's sentences, `(sentence, from, to)` word
/// ranges, each read as if the words before `from` were plain (`O`); the whole article
/// still gives its document-level cues. Returns the tags and margins of each window.
pub fn tag_windows(
    sentences: &[Vec<Word>],
    windows: &[(usize, usize, usize)],
) -> Vec<Vec<(u8, f32)>> {
    MODEL.tag_windows(sentences, windows)
}

impl Model {
    /// Tags one article, given as sentences of words; returns one tag index per word.
    pub fn tag(&self, sentences: &[Vec<Word>]) -> Vec<Vec<u8>> {
        self.tag_scored(sentences)
            .into_iter()
            .map(|s| s.into_iter().map(|(t, _)| t).collect())
            .collect()
    }

    /// Tags one article; each tag comes with its margin over the runner-up.
    pub fn tag_scored(&self, sentences: &[Vec<Word>]) -> Vec<Vec<(u8, f32)>> {
        let windows: Vec<(usize, usize, usize)> = sentences
            .iter()
            .enumerate()
            .map(|(n, words)| (n, 0, words.len()))
            .collect();
        self.tag_windows(sentences, &windows)
    }

    /// See the free function `tag_windows`.
    pub fn tag_windows(
        &self,
        sentences: &[Vec<Word>],
        windows: &[(usize, usize, usize)],
    ) -> Vec<Vec<(u8, f32)>> {
        if windows.is_empty() {
            // Nothing to tag: skip reading the whole article for its cues.
            return Vec::new();
        }
        let cues = DocCues::new(sentences);
        let mut feats = Vec::with_capacity(64);
        let mut ctx: Option<(usize, SentenceCtx)> = None;
        windows
            .iter()
            .map(|&(n, from, to)| {
                let words = &sentences[n];
                // Windows come in order, so each sentence's facts are computed once.
                if ctx.as_ref().map(|(m, _)| *m) != Some(n) {
                    ctx = Some((n, SentenceCtx::new(words)));
                }
                let ctx = &ctx.as_ref().expect("set above").1;
                let mut tags: Vec<(u8, f32)> = Vec::with_capacity(to - from);
                for i in from..to.min(words.len()) {
                    let (p1, p2) = history_from(&tags, i, from);
                    features(words, ctx, &cues, i, p1, p2, &mut feats);
                    let scores = self.scores(&feats);
                    let tag = best(&scores, p1);
                    let runner_up = (0..N_TAGS as u8)
                        .filter(|&t| t != tag && allowed(p1, t))
                        .map(|t| scores[t as usize])
                        .fold(f32::NEG_INFINITY, f32::max);
                    tags.push((tag, scores[tag as usize] - runner_up));
                }
                tags
            })
            .collect()
    }
}

/// The two tags before word `i` of a window opening at word `from`: those tagged in the
/// window, `O` for words before it, `START` before the sentence.
fn history_from(tags: &[(u8, f32)], i: usize, from: usize) -> (u8, u8) {
    let at = |back: usize| match i.checked_sub(back) {
        None => START,
        Some(j) if j < from => 0,
        Some(j) => tags[j - from].0,
    };
    (at(1), at(2))
}

/// The two tags before word `i` while training.
fn history(tags: &[u8], i: usize) -> (u8, u8) {
    let p1 = if i >= 1 { tags[i - 1] } else { START };
    let p2 = if i >= 2 { tags[i - 2] } else { START };
    (p1, p2)
}

/// The best-scoring tag allowed after `prev` (ties go to the lower index, `O` first).
fn best<T: PartialOrd + Copy>(scores: &[T; N_TAGS], prev: u8) -> u8 {
    let mut best = 0u8;
    for t in 1..N_TAGS as u8 {
        if allowed(prev, t) && scores[t as usize] > scores[best as usize] {
            best = t;
        }
    }
    best
}

/// What the whole article says about each word, keyed by its lower-case form.
struct DocCues<'a> {
    /// Words written in lower case somewhere ("the labour market"), borrowed from the
    /// article: they are looked up by a lower-case form, so they must start lower case.
    lower: FnvHashSet<&'a str>,
    /// Lower-case forms capitalized somewhere in mid-sentence.
    cap_mid: FnvHashSet<String>,
}

impl<'a> DocCues<'a> {
    fn new(sentences: &[Vec<Word<'a>>]) -> DocCues<'a> {
        let mut lower = FnvHashSet::default();
        let mut cap_mid = FnvHashSet::default();
        // Names recur through an article: lower-case into one buffer and allocate only
        // for forms not seen yet.
        let mut buf = String::new();
        for w in sentences.iter().flatten() {
            let first = w.text.chars().next();
            if first.is_some_and(char::is_lowercase) {
                lower.insert(w.text);
            } else if first.is_some_and(char::is_uppercase) && !w.initial {
                buf.clear();
                push_lowercase(w.text, &mut buf);
                if !cap_mid.contains(buf.as_str()) {
                    cap_mid.insert(buf.clone());
                }
            }
        }
        DocCues { lower, cap_mid }
    }
}

/// Per-sentence facts computed once: lower-case forms, shapes and gazetteer marks.
struct SentenceCtx {
    /// The lower-case forms and shapes of all words, end to end: one allocation per
    /// sentence rather than two per word (allocation showed in the import's profile).
    text: String,
    /// Per word, the end of its lower-case form and of its shape in `text`; each starts
    /// where the one before ends.
    ends: Vec<(usize, usize)>,
    /// Gazetteer entry covering the word: 0 none, 1/2 place begin/inside, 3/4 org.
    gaz: Vec<u8>,
    /// Most letters of the sentence are capitals (a headline or a results table).
    all_caps: bool,
}

impl SentenceCtx {
    fn new(words: &[Word]) -> SentenceCtx {
        let letters = words
            .iter()
            .flat_map(|w| w.text.chars())
            .filter(|c| c.is_alphabetic());
        let (mut upper, mut total) = (0usize, 0usize);
        for c in letters {
            total += 1;
            upper += usize::from(c.is_uppercase());
        }
        let mut text = String::with_capacity(words.iter().map(|w| 2 * w.text.len()).sum());
        let ends = words
            .iter()
            .map(|w| {
                push_lowercase(w.text, &mut text);
                let lower_end = text.len();
                push_shape(w.text, &mut text);
                (lower_end, text.len())
            })
            .collect();
        SentenceCtx {
            text,
            ends,
            gaz: gazetteer_marks(words),
            all_caps: total >= 8 && upper * 10 >= total * 8,
        }
    }

    /// The lower-case form of word `i`, `None` past the sentence.
    fn lower(&self, i: usize) -> Option<&str> {
        let end = self.ends.get(i)?.0;
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j].1);
        Some(&self.text[start..end])
    }

    /// The shape of word `i`, `None` past the sentence.
    fn shape(&self, i: usize) -> Option<&str> {
        let (start, end) = *self.ends.get(i)?;
        Some(&self.text[start..end])
    }
}

/// Appends `word.to_lowercase()` to `out`, without allocating for ASCII words.
fn push_lowercase(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// Appends the shape of `word` to `out`: "McDonald" -> "XxXx", "U.S." -> "X.X.", "1996" ->
/// "d": character classes, runs collapsed.
fn push_shape(word: &str, out: &mut String) {
    let mut last = None;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if last != Some(class) {
            out.push(class);
            last = Some(class);
        }
    }
}

/// Marks the words inside the longest place or organization entry starting at each word.
fn gazetteer_marks(words: &[Word]) -> Vec<u8> {
    let mut marks = vec![0u8; words.len()];
    let mut i = 0;
    // One buffer for every entry looked up, rather than one per word.
    let mut key = String::new();
    while i < words.len() {
        key.clear();
        let mut found = None;
        for b in i + 1..=words.len().min(i + LEX.max_words) {
            if b > i + 1 {
                if !words[b - 1].clean_before || words[b - 2].poss {
                    break;
                }
                key.push(' ');
            }
            key.push_str(words[b - 1].text);
            if LEX.places.contains_key(key.as_str()) {
                found = Some((b, 1));
            } else if LEX.orgs.contains_key(key.as_str()) {
                found = Some((b, 3));
            }
            if !LEX.prefixes.contains(key.as_str()) {
                break;
            }
        }
        match found {
            Some((end, mark)) => {
                marks[i] = mark;
                for m in &mut marks[i + 1..end] {
                    *m = mark + 1;
                }
                i = end;
            }
            None => i += 1,
        }
    }
    marks
}

/// FNV-1a, stable across platforms and releases (the model depends on it).
fn hash(template: u8, parts: &[&str]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(template);
    for p in parts {
        for &b in p.as_bytes() {
            eat(b);
        }
        eat(0xff);
    }
    ((h >> 32) ^ h) as u32 & (ROWS as u32 - 1)
}

fn tag_name(tag: u8) -> &'static str {
    TAGS.get(tag as usize).copied().unwrap_or("^")
}

/// The hashed features of word `i`, given the two tags before it.
#[allow(clippy::too_many_arguments)]
fn features(
    words: &[Word],
    ctx: &SentenceCtx,
    cues: &DocCues,
    i: usize,
    p1: u8,
    p2: u8,
    out: &mut Vec<u32>,
) {
    out.clear();
    let w = &words[i];
    let low = ctx.lower(i).expect("word of the sentence");
    let shp = ctx.shape(i).expect("word of the sentence");
    let at = |j: isize| -> &str {
        usize::try_from(j)
            .ok()
            .and_then(|j| ctx.lower(j))
            .unwrap_or("<s>")
    };
    let shape_at = |j: isize| -> &str {
        usize::try_from(j)
            .ok()
            .and_then(|j| ctx.shape(j))
            .unwrap_or("<s>")
    };
    let ii = i as isize;
    // Affixes by character, as slices of the lower-case word.
    let prefix = |n: usize| low.char_indices().nth(n).map_or(low, |(k, _)| &low[..k]);
    let suffix = |n: usize| {
        let count = low.chars().count();
        low.char_indices()
            .nth(count.saturating_sub(n))
            .map_or("", |(k, _)| &low[k..])
    };
    let flag = |b: bool| if b { "1" } else { "0" };
    let (t1, t2) = (tag_name(p1), tag_name(p2));
    let caps = flag(ctx.all_caps);

    let mut push = |template: u8, parts: &[&str]| out.push(hash(template, parts));
    push(0, &[]);
    push(1, &[low]);
    push(2, &[w.text]);
    push(3, &[shp]);
    push(4, &[prefix(2)]);
    push(5, &[prefix(3)]);
    push(6, &[suffix(2)]);
    push(7, &[suffix(3)]);
    push(8, &[suffix(4)]);
    push(9, &[at(ii - 1)]);
    push(10, &[at(ii + 1)]);
    push(11, &[at(ii - 2)]);
    push(12, &[at(ii + 2)]);
    push(13, &[shape_at(ii - 1), shp]);
    push(14, &[shp, shape_at(ii + 1)]);
    push(15, &[at(ii - 1), low]);
    push(16, &[low, at(ii + 1)]);
    push(17, &[t1]);
    push(18, &[t2, t1]);
    push(19, &[t1, shp]);
    push(20, &[t1, low]);
    let next_clean = words.get(i + 1).is_some_and(|n| n.clean_before);
    push(
        21,
        &[
            flag(w.clean_before),
            flag(w.initial),
            flag(w.poss),
            flag(next_clean),
        ],
    );
    push(22, &[caps, shp, flag(w.initial)]);
    // Word lists: each a feature of its own, and with the word's shape.
    let lists: [(u8, bool); 11] = [
        (30, LEX.first_names.contains(low)),
        (31, LEX.frequent_first_names.contains(low)),
        (32, LEX.surnames.contains(low)),
        (33, LEX.titles.contains(low)),
        (34, LEX.org_keywords.contains(w.text)),
        (35, LEX.place_keywords.contains(w.text)),
        (36, LEX.common.contains(low)),
        (37, LEX.known_people.contains(w.text)),
        (38, LEX.demonyms.contains_key(w.text)),
        (39, LEX.groups.contains(w.text)),
        (40, CALENDAR.contains(&low)),
    ];
    for (template, hit) in lists {
        if hit {
            push(template, &[]);
            push(template, &[shp]);
        }
    }
    let word_at = |j: usize| words.get(j).map(|w| w.text);
    let prev_title = i > 0 && LEX.titles.contains(at(ii - 1));
    let next_org_kw = word_at(i + 1).is_some_and(|n| LEX.org_keywords.contains(n));
    let next_place_kw = word_at(i + 1).is_some_and(|n| LEX.place_keywords.contains(n));
    let prev_first = i > 0 && LEX.first_names.contains(at(ii - 1));
    let next_surname = LEX.surnames.contains(at(ii + 1));
    push(
        41,
        &[flag(prev_title), flag(next_org_kw), flag(next_place_kw)],
    );
    push(42, &[flag(prev_first), flag(next_surname), shp]);
    let gaz = ["-", "place", "in-place", "org", "in-org"][ctx.gaz[i] as usize];
    push(43, &[gaz]);
    push(44, &[gaz, shp]);
    let gaz_next = ["-", "place", "in-place", "org", "in-org"]
        [ctx.gaz.get(i + 1).copied().unwrap_or(0) as usize];
    push(45, &[gaz_next]);
    // The article: lower case elsewhere means a common word; mid-sentence capitals mean
    // a name even where this occurrence opens a sentence or a headline.
    let seen_lower = cues.lower.contains(low);
    let seen_cap = cues.cap_mid.contains(low);
    push(46, &[flag(seen_lower), flag(seen_cap), shp]);
    push(
        47,
        &[flag(seen_lower), flag(seen_cap), flag(w.initial), caps],
    );
}

/// Trains a model on articles of sentences of (word, gold tag index), visiting the
/// sentences in an order fixed by `seed` for `epochs` passes; the same input gives the
/// same model, byte for byte.
pub fn train(articles: &[Tagged], epochs: usize, seed: u64) -> Model {
    let n = ROWS * N_TAGS;
    let mut weights = vec![0f64; n];
    let mut totals = vec![0f64; n];
    let mut stamps = vec![0u64; n];
    let mut clock: u64 = 0;
    // Precompute what does not depend on the weights.
    struct Prepared<'a> {
        words: Vec<Word<'a>>,
        gold: Vec<u8>,
        ctx: SentenceCtx,
        doc: usize,
    }
    let cues: Vec<DocCues> = articles
        .iter()
        .map(|a| {
            let sentences: Vec<Vec<Word>> = a
                .iter()
                .map(|s| s.iter().map(|(w, _)| *w).collect())
                .collect();
            DocCues::new(&sentences)
        })
        .collect();
    let mut sentences: Vec<Prepared> = Vec::new();
    for (doc, article) in articles.iter().enumerate() {
        for s in article {
            let words: Vec<Word> = s.iter().map(|(w, _)| *w).collect();
            let ctx = SentenceCtx::new(&words);
            sentences.push(Prepared {
                gold: s.iter().map(|(_, t)| *t).collect(),
                words,
                ctx,
                doc,
            });
        }
    }
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = seed.max(1);
    let mut feats = Vec::with_capacity(64);
    for _ in 0..epochs {
        // Fisher-Yates with xorshift: a fixed, platform-independent order.
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(k, (rng % (k as u64 + 1)) as usize);
        }
        for &s in &order {
            let p = &sentences[s];
            let mut tags: Vec<u8> = Vec::with_capacity(p.words.len());
            for i in 0..p.words.len() {
                clock += 1;
                let (p1, p2) = history(&tags, i);
                features(&p.words, &p.ctx, &cues[p.doc], i, p1, p2, &mut feats);
                let mut scores = [0f64; N_TAGS];
                for &f in &feats {
                    for (t, s) in scores.iter_mut().enumerate() {
                        *s += weights[f as usize * N_TAGS + t];
                    }
                }
                let guess = best(&scores, p1);
                let gold = p.gold[i];
                if guess != gold {
                    for &f in &feats {
                        for (t, delta) in [(gold, 1.0), (guess, -1.0)] {
                            let k = f as usize * N_TAGS + t as usize;
                            totals[k] += (clock - stamps[k]) as f64 * weights[k];
                            stamps[k] = clock;
                            weights[k] += delta;
                        }
                    }
                }
                // Later words see the predicted tags, as they will when tagging.
                tags.push(guess);
            }
        }
    }
    let averaged: Vec<f64> = (0..n)
        .map(|k| (totals[k] + (clock - stamps[k]) as f64 * weights[k]) / clock.max(1) as f64)
        .collect();
    let max = averaged.iter().fold(0f64, |m, w| m.max(w.abs())).max(1e-9);
    let scale = (max / f64::from(i16::MAX)) as f32;
    let weights = averaged
        .iter()
        .map(|w| (w / f64::from(scale)).round() as i16)
        .collect();
    Model { weights, scale }
}

/// Tag index of a tag name ("B-PER"); `None` for names outside `TAGS`.
pub fn tag_index(name: &str) -> Option<u8> {
    TAGS.iter().position(|t| *t == name).map(|i| i as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(text: &'a str) -> Vec<Word<'a>> {
        text.split(' ')
            .enumerate()
            .map(|(i, t)| Word {
                text: t,
                clean_before: i > 0,
                poss: false,
                initial: i == 0,
            })
            .collect()
    }

    #[test]
    fn embedded_model_reads_and_round_trips() {
        let bytes = include_bytes!("tagger.bin");
        let model = Model::from_bytes(bytes).unwrap();
        assert_eq!(model.to_bytes(), bytes.to_vec());
        assert!(Model::from_bytes(b"DTAGGER1").is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn sentence_facts_read_each_word_alone() {
        let s = words("McDonald U.S. 1996 ÉLAN --");
        let ctx = SentenceCtx::new(&s);
        let lower: Vec<&str> = (0..s.len()).map(|i| ctx.lower(i).unwrap()).collect();
        let shapes: Vec<&str> = (0..s.len()).map(|i| ctx.shape(i).unwrap()).collect();
        assert_eq!(lower, ["mcdonald", "u.s.", "1996", "élan", "--"]);
        assert_eq!(shapes, ["XxXx", "X.X.", "d", "X", "-"]);
        assert_eq!((ctx.lower(5), ctx.shape(5)), (None, None));
        assert_eq!((ctx.lower(7), ctx.shape(7)), (None, None));
    }

    #[test]
    fn an_inside_tag_only_continues_its_kind() {
        assert!(allowed(1, 2));
        assert!(allowed(2, 2));
        assert!(!allowed(0, 2));
        assert!(!allowed(START, 4));
        assert!(!allowed(1, 4));
        assert!(allowed(3, 1));
    }

    #[test]
    fn tags_people_organizations_and_places_in_plain_news() {
        let s = words("Officials said Maria Kowalczyk flew to Lisbon on Tuesday to meet Vantoria Holdings executives");
        let tags = tag_article(std::slice::from_ref(&s)).remove(0);
        let kinds: Vec<Option<EntityKind>> = tags.iter().map(|t| kind_of(*t)).collect();
        let at = |w: &str| kinds[s.iter().position(|x| x.text == w).unwrap()];
        assert_eq!(at("Kowalczyk"), Some(EntityKind::Person));
        assert_eq!(at("Lisbon"), Some(EntityKind::Place));
        assert_eq!(at("Holdings"), Some(EntityKind::Organization));
        assert_eq!(at("Tuesday"), None);
        assert_eq!(at("said"), None);
    }

    #[test]
    fn a_window_reads_like_its_sentence() {
        let s = words("Officials said Maria Kowalczyk flew to Lisbon on Tuesday");
        let whole = tag_article(std::slice::from_ref(&s)).remove(0);
        let full = tag_windows(std::slice::from_ref(&s), &[(0, 0, s.len())]).remove(0);
        assert_eq!(full.iter().map(|t| t.0).collect::<Vec<_>>(), whole);
        // A window from "Maria" to "Lisbon" gives those words their tags.
        let part = tag_windows(std::slice::from_ref(&s), &[(0, 2, 7)]).remove(0);
        assert_eq!(part.len(), 5);
        assert_eq!(kind_of(part[1].0), Some(EntityKind::Person));
        assert_eq!(kind_of(part[4].0), Some(EntityKind::Place));
        assert!(part.iter().all(|t| t.1 >= 0.0));
    }

    #[test]
    fn training_is_deterministic_and_learns_its_data() {
        let s = words("Alder Quint met Brevik Corp in Tallow");
        let gold = [1, 2, 0, 3, 4, 0, 5];
        let article = vec![s.iter().copied().zip(gold).collect::<Vec<_>>()];
        let model = train(std::slice::from_ref(&article), 5, 7);
        assert_eq!(model.to_bytes(), train(&[article], 5, 7).to_bytes());
        assert_eq!(model.tag(&[s]), vec![gold.to_vec()]);
    }
}
