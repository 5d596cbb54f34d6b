//! Figures: money, counts, percentages and quantities with their units and meaning.
//!
//! The body is cut into word, number and punctuation tokens once; a small grammar then
//! reads each number with what surrounds it: a currency before it ("$", "NZ$", "USD"), a
//! scale ("4.3 billion", "£5.4m"), a range ("between 10 and 12 billion"), a suffix ("%",
//! "percent", "euros", "18-fold", "14-year-old") or the counted noun ("3 million medical
//! masks" -> "mask"). Numbers that are not figures are dropped by their context: years and
//! dates (the date mentions), times of day, ordinals, labels ("number 3"), numbers inside
//! names ("COVID-19", "Studio 54"), "one" as a pronoun or determiner, back-references ("the
//! two countries") and fractions. Pure: no files, no database.

mod lexicon;

use lexicon::{
    currency_code, currency_symbol, currency_word, dollar_country, dollar_prefix, irregular_plural,
    is_adjective, is_common_capital, is_label, is_stop, looks_plural, measure_unit, scale_abbrev,
    scale_word, singular, small_number, APPROXIMATORS,
};

use super::dates::sentence_period;
use super::Doc;
use crate::model::{DateMention, Figure, FigureKind, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Num,
    Punct,
}

/// A token: a run of letters (with inner apostrophes), a number with its inner separators
/// ("84,121", "4.3"), or one other non-space character.
#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: TokKind,
    start: usize,
    end: usize,
}

fn tokenize(body: &str) -> Vec<Tok> {
    let bytes = body.as_bytes();
    let mut toks = Vec::with_capacity(body.len() / 5);
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let (kind, mut end) = if c.is_ascii_digit() {
            (TokKind::Num, i + 1)
        } else if c.is_alphabetic() {
            (TokKind::Word, i + c.len_utf8())
        } else {
            toks.push(Tok {
                kind: TokKind::Punct,
                start: i,
                end: i + c.len_utf8(),
            });
            continue;
        };
        while let Some(&(j, d)) = chars.peek() {
            let ok = match kind {
                TokKind::Num => {
                    d.is_ascii_digit()
                        || ((d == ',' || d == '.')
                            && bytes.get(j + 1).is_some_and(|b| b.is_ascii_digit()))
                }
                _ => {
                    d.is_alphabetic()
                        || ((d == '\'' || d == '’')
                            && body[j + d.len_utf8()..]
                                .chars()
                                .next()
                                .is_some_and(|n| n.is_alphabetic()))
                }
            };
            if !ok {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        toks.push(Tok {
            kind,
            start: i,
            end,
        });
    }
    toks
}

/// A figure found by the grammar, before filtering.
#[derive(Debug, Clone)]
struct Raw {
    start: usize,
    end: usize,
    /// Token index of the number, for context look-ups.
    num_tok: usize,
    value: f64,
    unit: String,
    kind: FigureKind,
    /// End token (exclusive) of the counted noun phrase, when there is one.
    np: Option<(usize, usize)>,
    /// Token of a plural noun earlier in the sentence that gave the unit of a bare number.
    back_noun: Option<usize>,
}

/// What one parse step yields: figures, whether they only refer back ("the two
/// countries"), and the next token to look at.
struct Found {
    figs: Vec<Raw>,
    backref: bool,
    next: usize,
}

struct Ctx<'a> {
    body: &'a str,
    toks: Vec<Tok>,
    dates: &'a [DateMention],
    doc: &'a Doc<'a>,
    /// The currency of a bare "$": USD unless the article writes "NZ$", "A$" and so on.
    dollar: &'static str,
    /// Whether "pounds" is money here (the article uses "£" or "sterling").
    pound_money: bool,
    /// Whether "¥" is the yuan here (the article speaks of yuan or renminbi).
    yuan: bool,
}

/// The number part of a figure: value, the token after it, and how it was written.
#[derive(Debug, Clone, Copy)]
struct Core {
    value: f64,
    next: usize,
    /// Written in words ("forty"), not digits.
    words: bool,
    /// A lone "one" (pronoun or determiner unless a unit of measure follows).
    lone_one: bool,
    scaled: bool,
    /// A scale abbreviation glued to the digits ("2.5m"), `m` still undecided.
    metre_or_million: bool,
    /// A unit abbreviation glued to the digits ("10km").
    glued_unit: Option<&'static str>,
}

/// Finds the figures of an article, in body order, one per fact: a later figure with the
/// same value and unit is taken for a repeat and left out.
pub fn extract(doc: &Doc, dates: &[DateMention]) -> Vec<Figure> {
    let body = doc.body;
    let dollar = ["NZ$", "A$", "AU$", "C$", "CA$", "HK$", "S$", "NT$"]
        .iter()
        .filter_map(|p| body.find(p).map(|i| (i, *p)))
        .min()
        .and_then(|(_, p)| dollar_prefix(p.trim_end_matches('$')))
        .unwrap_or("USD");
    let ctx = Ctx {
        body,
        toks: tokenize(body),
        dates,
        doc,
        dollar,
        pound_money: body.contains('£') || body.contains("sterling"),
        yuan: ["yuan", "RMB", "renminbi", "Renminbi"]
            .iter()
            .any(|w| body.contains(w)),
    };
    let mut out: Vec<Figure> = Vec::new();
    let mut backrefs: Vec<(f64, String)> = Vec::new();
    let mut i = 0;
    while i < ctx.toks.len() {
        let last = out
            .last()
            .filter(|f| f.kind == FigureKind::Count && !f.unit.is_empty())
            .map(|f| (f.sentence, f.unit.as_str()));
        let Some(found) = ctx.parse_at(i, last) else {
            i += 1;
            continue;
        };
        i = found.next.max(i + 1);
        for raw in found.figs {
            let key = (raw.value, raw.unit.clone());
            if found.backref {
                backrefs.push(key);
                continue;
            }
            if backrefs.contains(&key) || out.iter().any(|f| repeats(f, &raw)) {
                continue;
            }
            out.push(ctx.finish(raw));
        }
    }
    out
}

/// Whether `raw` repeats the fact `f` already found: same value and unit, or, for counts
/// and quantities, the same large value (3000 and "3,000 students") or a value restated
/// without its noun.
fn repeats(f: &Figure, raw: &Raw) -> bool {
    if !same_value(f.value, raw.value) {
        return false;
    }
    if f.unit == raw.unit {
        return true;
    }
    let countable = |k: FigureKind| matches!(k, FigureKind::Count | FigureKind::Quantity);
    countable(f.kind)
        && countable(raw.kind)
        && (raw.value >= 100.0 || f.unit.is_empty() || raw.unit.is_empty())
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

impl Ctx<'_> {
    /// The text of token `t` ("" past the end).
    fn text(&self, t: usize) -> &str {
        self.toks
            .get(t)
            .map_or("", |tok| &self.body[tok.start..tok.end])
    }

    fn lower(&self, t: usize) -> String {
        self.text(t).to_lowercase()
    }

    fn is_word(&self, t: usize) -> bool {
        self.toks.get(t).is_some_and(|k| k.kind == TokKind::Word)
    }

    fn is_num(&self, t: usize) -> bool {
        self.toks.get(t).is_some_and(|k| k.kind == TokKind::Num)
    }

    fn is_punct(&self, t: usize, p: &str) -> bool {
        self.toks
            .get(t)
            .is_some_and(|k| k.kind == TokKind::Punct && &self.body[k.start..k.end] == p)
    }

    /// Whether token `t` directly follows token `t - 1` with no space.
    fn glued(&self, t: usize) -> bool {
        t > 0 && t < self.toks.len() && self.toks[t - 1].end == self.toks[t].start
    }

    fn capitalized(&self, t: usize) -> bool {
        self.is_word(t)
            && self
                .text(t)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
    }

    fn in_date(&self, pos: usize) -> bool {
        let k = self.dates.partition_point(|d| d.span.start <= pos);
        k > 0 && self.dates[k - 1].span.end > pos
    }

    fn sentence_start(&self, t: usize) -> usize {
        let s = self.doc.sentence_at(self.toks[t].start);
        self.doc.sentences.get(s).map_or(0, |sp| sp.start)
    }

    /// A currency written before a number: "$", "NZ$", "USD", "Rs". Returns the code and
    /// the token of the number.
    fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
        let tok = *self.toks.get(i)?;
        match tok.kind {
            TokKind::Punct => {
                let code = currency_symbol(self.text(i))?;
                let code = match code {
                    "USD" => self.dollar,
                    "JPY" if self.yuan => "CNY",
                    other => other,
                };
                self.is_num(i + 1).then_some((code, i + 1))
            }
            TokKind::Word => {
                // Currency codes and dollar prefixes are short and capitalized.
                let text = self.text(i);
                if text.len() > 3 || !text.as_bytes()[0].is_ascii_uppercase() {
                    return None;
                }
                if self.is_punct(i + 1, "$") && self.glued(i + 1) && self.is_num(i + 2) {
                    return dollar_prefix(self.text(i)).map(|c| (c, i + 2));
                }
                let code = currency_code(self.text(i))?;
                let mut j = i + 1;
                if self.is_punct(j, ".") {
                    j += 1;
                }
                self.is_num(j).then_some((code, j))
            }
            TokKind::Num => None,
        }
    }

    /// Digits at `t`: "84,121", "4.3"; `None` for phone-like and malformed numbers.
    fn digits(&self, t: usize) -> Option<f64> {
        let s = self.text(t);
        if s.len() > 1 && s.starts_with('0') && !s.starts_with("0.") {
            return None;
        }
        if s.contains(',') {
            let mut parts = s.split(',');
            let first = parts.next()?;
            if first.is_empty() || first.len() > 3 {
                return None;
            }
            for p in parts {
                let int = p.split('.').next()?;
                if int.len() != 3 {
                    return None;
                }
            }
        }
        if s.matches('.').count() > 1 {
            return None;
        }
        s.replace(',', "").parse().ok()
    }

    /// Number words from `t`: "forty", "twenty-five", "five thousand", "a dozen",
    /// "one hundred and fifty", "half a million".
    fn words(&self, t: usize) -> Option<(f64, usize, bool)> {
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        let mut k = t;
        let first = self.lower(t);
        // "half a million": half of the scale.
        if first == "half"
            && self.is_word(t + 2)
            && matches!(self.lower(t + 1).as_str(), "a" | "an")
        {
            let s = scale_word(&self.lower(t + 2)).filter(|s| *s >= 1e3)?;
            return Some((s / 2.0, t + 3, false));
        }
        if first == "a" || first == "an" {
            let next = self.toks.get(t + 1).map(|_| self.lower(t + 1))?;
            if next == "dozen" {
                return Some((12.0, t + 2, false));
            }
            scale_word(&next)?;
            current = 1.0;
            any = true;
            k = t + 1;
        }
        let mut count = 0;
        while self.is_word(k) {
            let w = self.lower(k);
            if let Some(v) = small_number(&w) {
                // "twenty-five": tens glued to units by a hyphen.
                current += v;
                any = true;
                count += 1;
                k += 1;
                if v >= 20.0
                    && self.is_punct(k, "-")
                    && self.glued(k)
                    && self.glued(k + 1)
                    && self.is_word(k + 1)
                {
                    if let Some(u) = small_number(&self.lower(k + 1)).filter(|u| *u < 10.0) {
                        current += u;
                        k += 2;
                    }
                }
                continue;
            }
            if let Some(s) = scale_word(&w) {
                if !any {
                    return None;
                }
                if s == 100.0 {
                    current = current.max(1.0) * 100.0;
                } else {
                    total += current.max(1.0) * s;
                    current = 0.0;
                }
                count += 1;
                k += 1;
                continue;
            }
            if w == "dozen" && any {
                current = current.max(1.0) * 12.0;
                k += 1;
                continue;
            }
            if w == "and"
                && any
                && self.is_word(k + 1)
                && small_number(&self.lower(k + 1)).is_some()
                && (total > 0.0 || current >= 100.0)
                // "three million and five million copies": two numbers, not one.
                && !(self.is_word(k + 2) && scale_word(&self.lower(k + 2)).is_some())
            {
                k += 1;
                continue;
            }
            break;
        }
        if !any {
            return None;
        }
        let lone_one = count == 1 && first == "one";
        Some((total + current, k, lone_one))
    }

    /// The number at `t` with its scale ("4.3 billion", "2.5m", "five thousand").
    fn core(&self, t: usize, money: bool) -> Option<Core> {
        let tok = self.toks.get(t)?;
        let mut core = match tok.kind {
            TokKind::Num => Core {
                value: self.digits(t)?,
                next: t + 1,
                words: false,
                lone_one: false,
                scaled: false,
                metre_or_million: false,
                glued_unit: None,
            },
            TokKind::Word => {
                let (value, next, lone_one) = self.words(t)?;
                Core {
                    value,
                    next,
                    words: true,
                    lone_one,
                    scaled: false,
                    metre_or_million: false,
                    glued_unit: None,
                }
            }
            TokKind::Punct => return None,
        };
        let mut k = core.next;
        if !core.words && self.is_word(k) && self.glued(k) {
            // Letters glued to digits: a scale ("2.5m", "1.2bn"), a unit ("10km"), else an
            // ordinal, a code or a name ("30th", "4G", "39A").
            let w = self.lower(k);
            if let Some(s) = scale_abbrev(&w) {
                if w == "m" && !money {
                    core.metre_or_million = true;
                } else {
                    core.value *= s;
                    core.scaled = true;
                }
                k += 1;
            } else if let Some(u) = measure_unit(&w).filter(|_| w.len() > 1 || w == "g") {
                core.glued_unit = Some(u);
                k += 1;
            } else {
                return None;
            }
        } else if self.is_word(k) {
            let w = self.lower(k);
            if let Some(s) = scale_word(&w).filter(|_| !core.words) {
                core.value *= s;
                core.scaled = true;
                k += 1;
                // "1.2 million" then "billion" never happens; "hundred thousand" may.
                if s == 100.0 && self.is_word(k) {
                    if let Some(s2) = scale_word(&self.lower(k)) {
                        core.value *= s2;
                        k += 1;
                    }
                }
            } else if money && matches!(w.as_str(), "bn" | "m" | "mn" | "tn") {
                core.value *= scale_abbrev(&w).unwrap_or(1.0);
                core.scaled = true;
                k += 1;
            } else if w == "dozen" {
                core.value *= 12.0;
                k += 1;
            }
        }
        if core.words && core.value >= 1000.0 {
            core.scaled = true;
        }
        core.value = tidy(core.value);
        core.next = k;
        Some(core)
    }

    /// Whether the number token `t` is a time of day, an ordinal, a label or part of a
    /// name or code, and so no figure.
    fn excluded(&self, t: usize, in_range: bool) -> bool {
        let tok = self.toks[t];
        if self.in_date(tok.start) {
            return true;
        }
        if in_range {
            return false;
        }
        // Glued on the left: "G20", "STS-135", "COVID-19", "#3", "1.2.3", "12:30", "3/4".
        if self.glued(t) {
            let prev = self.toks[t - 1];
            let p = &self.body[prev.start..prev.end];
            if prev.kind == TokKind::Word || matches!(p, "-" | "–" | ":" | "/" | "#" | "." | "+")
            {
                if p != "-" && p != "–" {
                    return true;
                }
                // A hyphen: "STS-135" (glued to a word or number) or a minus sign.
                if t >= 2 && self.glued(t - 1) {
                    return true;
                }
            }
        }
        // Glued on the right: "12:30", "3/4", "10-year", handled by the suffix rules.
        let next = t + 1;
        if self.glued(next) && (self.is_punct(next, ":") || self.is_punct(next, "/")) {
            return self.is_num(next + 1) && self.glued(next + 1);
        }
        if self.is_word(next) {
            let w = self.lower(next);
            let w = w.trim_end_matches('.');
            if matches!(
                w,
                "a" | "p"
                    | "am"
                    | "pm"
                    | "gmt"
                    | "utc"
                    | "bst"
                    | "est"
                    | "edt"
                    | "pst"
                    | "pdt"
                    | "cet"
                    | "cest"
                    | "o'clock"
                    | "hrs"
            ) && (w != "a" || self.is_punct(next + 1, "."))
            {
                return true;
            }
        }
        // Labels: "number 3", "No. 10", "Section 2", "Studio 54", "Vostok 1".
        if t > 0 {
            let mut p = t - 1;
            if self.is_punct(p, ".") && p > 0 {
                p -= 1;
            }
            if self.is_punct(p, "#") {
                return true;
            }
            if self.is_word(p) {
                let w = self.lower(p);
                if is_label(&w) {
                    return true;
                }
                // A name before the number, capitalized or camel-cased ("iPhone 7").
                let named = self.text(p).chars().any(|c| c.is_uppercase());
                if named
                    && !is_common_capital(&w)
                    && currency_code(self.text(p)).is_none()
                    && self.toks[p].end + 1 >= tok.start
                {
                    return true;
                }
            }
        }
        false
    }

    /// Tries to read a figure starting at token `i`. `last_count` is the sentence and unit
    /// of the count found before, for elliptical lists ("24 fouls by Arsenal, seven on
    /// Heinze, five on Ronaldo").
    fn parse_at(&self, i: usize, last_count: Option<(usize, &str)>) -> Option<Found> {
        let tok = self.toks[i];
        // Cheap gate: only digits, currency signs, number words and "a/an" start a figure.
        let (cur, j) = match self.currency_prefix(i) {
            Some((c, j)) => (Some(c), j),
            None => {
                match tok.kind {
                    TokKind::Num => {}
                    TokKind::Word => {
                        // Number words are short and start with one of these letters.
                        let text = self.text(i);
                        let lead = text.as_bytes()[0].to_ascii_lowercase();
                        if text.len() > 9 || !b"otfsenah".contains(&lead) {
                            return None;
                        }
                        let w = self.lower(i);
                        if small_number(&w).is_none() && !matches!(w.as_str(), "a" | "an" | "half")
                        {
                            return None;
                        }
                        // "the RBS Six Nations": a capitalized number word inside a
                        // sentence is part of a name.
                        if self.capitalized(i)
                            && i > 0
                            && self.toks[i].start > self.sentence_start(i)
                            && !self.is_punct(i - 1, "\"")
                            && !self.is_punct(i - 1, "“")
                        {
                            return None;
                        }
                        // A number word glued into a compound ("one-off", "two-thirds") is
                        // read by the suffix rules only when it has a unit.
                        if self.glued(i) && self.is_punct(i - 1, "-") {
                            return None;
                        }
                    }
                    TokKind::Punct => return None,
                }
                (None, i)
            }
        };
        // "per 100,000 inhabitants": the base of a rate, not a figure.
        if i > 0 && self.is_word(i - 1) && self.lower(i - 1) == "per" {
            return None;
        }
        if self.toks[j].kind == TokKind::Num && self.excluded(j, false) {
            return None;
        }
        if self.toks[j].kind == TokKind::Word && self.in_date(self.toks[j].start) {
            return None;
        }
        let first = self.core(j, cur.is_some())?;
        let mut cores = vec![(j, first)];
        let mut k = first.next;
        let mut cur2 = cur;
        // "N in M", "N out of M": a ratio, not a figure.
        if self.is_word(k) {
            let w = self.lower(k);
            let m = if w == "in" {
                Some(k + 1)
            } else if w == "out" && self.is_word(k + 1) && self.lower(k + 1) == "of" {
                Some(k + 2)
            } else {
                None
            };
            // "3.2 million in 2014" is an amount and a year.
            let in_date = |m: usize| self.is_num(m) && self.in_date(self.toks[m].start);
            let m = m.filter(|&m| !first.scaled && !in_date(m));
            if let Some(m) = m {
                if let Some(c) = self.core(m, false).filter(|c| !c.scaled) {
                    if self.is_num(m) || c.words {
                        return Some(Found {
                            figs: Vec::new(),
                            backref: false,
                            next: c.next,
                        });
                    }
                }
            }
        }
        // A range: "10 to 12", "between 10 and 12 billion", "$5-6m", "three or four".
        let mut hyphen_range = false;
        if let Some(tok_k) = self.toks.get(k) {
            let joiner = &self.body[tok_k.start..tok_k.end];
            let lower = joiner.to_lowercase();
            let between = i > 0 && self.is_word(i - 1) && self.lower(i - 1) == "between";
            let ok = match lower.as_str() {
                "to" | "or" => true,
                "and" => between,
                "-" | "–" => true,
                _ => false,
            };
            if ok {
                let mut m = k + 1;
                if let Some((c, jm)) = self.currency_prefix(m) {
                    cur2 = cur2.or(Some(c));
                    m = jm;
                }
                // "4 or 5 April", "2 and 9 July": the numbers belong to a date.
                if self.is_num(m) && self.in_date(self.toks[m].start) {
                    return None;
                }
                let second = if self.is_num(m) && self.excluded(m, true) {
                    None
                } else {
                    self.core(m, cur2.is_some())
                };
                // "£106m or 47.3%": an amount and a percentage, not a range.
                let second = second.filter(|s| {
                    !(cur.is_some()
                        && (self.is_punct(s.next, "%")
                            || self.is_word(s.next)
                                && matches!(self.lower(s.next).as_str(), "percent" | "per")))
                });
                if let Some(second) = second.filter(|s| s.words == first.words || !s.lone_one) {
                    hyphen_range = matches!(lower.as_str(), "-" | "–");
                    cores.push((m, second));
                    k = second.next;
                }
            }
        }
        let cur = cur2;
        let last = cores.last().expect("at least one number").1;
        // What the number counts or measures.
        let mut unit = String::new();
        let mut kind = FigureKind::Count;
        let mut end_tok = k;
        let mut np = None;
        let mut backref = false;
        let mut code = cur;
        let mut million = false;
        let mut plural_np = false;
        if let Some(u) = last.glued_unit {
            unit = u.to_string();
            kind = FigureKind::Quantity;
        } else if self.is_punct(k, "%") {
            unit = "%".into();
            kind = FigureKind::Percent;
            end_tok = k + 1;
        } else if self.is_word(k) {
            let w = self.lower(k);
            if matches!(w.as_str(), "percent" | "pct" | "percentage") {
                unit = "%".into();
                kind = FigureKind::Percent;
                end_tok = k + 1;
                if w == "percentage" && self.is_word(k + 1) {
                    end_tok = k + 2;
                }
            } else if w == "per" && self.is_word(k + 1) && self.lower(k + 1) == "cent" {
                unit = "%".into();
                kind = FigureKind::Percent;
                end_tok = k + 2;
            } else if let Some(c) = currency_code(self.text(k)).filter(|_| code.is_none()) {
                code = Some(c);
                end_tok = k + 1;
            } else if w == "fold" {
                unit = "fold".into();
                kind = FigureKind::Quantity;
                end_tok = k + 1;
            }
        } else if (self.is_punct(k, "-") || self.is_punct(k, "–"))
            && self.glued(k)
            && self.glued(k + 1)
            && self.is_word(k + 1)
        {
            // "18-fold", "14-year-old", "nine-month-old", "a 20-year sentence".
            let w = self.lower(k + 1);
            if let Some(c) = currency_word(&w).filter(|_| !w.starts_with("dollar")) {
                code = Some(c);
                end_tok = k + 2;
            } else if let Some(u) = measure_unit(&w) {
                unit = u.to_string();
                kind = FigureKind::Quantity;
                end_tok = k + 2;
                if self.is_punct(k + 2, "-") && self.is_word(k + 3) && self.lower(k + 3) == "old" {
                    end_tok = k + 4;
                }
            } else if self.text(k + 1).chars().all(|c| c.is_lowercase())
                && w.len() >= 3
                && !matches!(
                    w.as_str(),
                    "thirds"
                        | "third"
                        | "quarters"
                        | "quarter"
                        | "fifths"
                        | "halves"
                        | "off"
                        | "time"
                        | "way"
                        | "sided"
                        | "party"
                        | "star"
                        | "nil"
                        | "all"
                        | "love"
                )
                && small_number(&w).is_none()
            {
                unit = singular(&w);
                end_tok = k + 2;
            } else {
                return None;
            }
        }
        if unit.is_empty() && code.is_none() {
            let phrase = self.noun_phrase(k).filter(|n| {
                // "2.5m people" is millions; "the 1500m qualifying mark" is metres.
                (!last.metre_or_million || n.plural)
                    // More than one of something is plural: "15.5 million go" is no noun.
                    && (n.plural || n.name_like || last.value == 1.0)
            });
            if let Some(n) = phrase {
                end_tok = n.end;
                np = Some((k, n.end));
                let head = n.head.as_str();
                million = last.metre_or_million;
                plural_np = n.plural;
                if let Some(c) = self.money_noun(k, n.end) {
                    code = Some(c);
                } else if let Some(u) = measure_unit(head).filter(|_| !million) {
                    unit = u.to_string();
                    kind = FigureKind::Quantity;
                } else {
                    unit = n.unit;
                    // "the two countries": a number naming things already named.
                    let prev = if i > 0 {
                        self.lower(i - 1)
                    } else {
                        String::new()
                    };
                    backref = matches!(prev.as_str(), "the" | "these" | "those" | "both")
                        && n.words == 1
                        && cores.len() == 1
                        && last.value < 10.0
                        && cur.is_none();
                    if n.name_like {
                        return None;
                    }
                }
            } else if last.metre_or_million {
                unit = "metre".into();
                kind = FigureKind::Quantity;
            }
        }
        if let Some(c) = code {
            unit = c.to_string();
            kind = FigureKind::Money;
        }
        // A lone "one" is a pronoun or determiner unless it measures time or distance.
        if first.lone_one && cores.len() == 1 && kind != FigureKind::Quantity {
            return None;
        }
        // "10-12 pages" is a range; "19-13 defeat", "a 2-1 decision" are scores.
        if hyphen_range && kind == FigureKind::Count && !plural_np {
            return None;
        }
        let mut back_noun = None;
        if unit.is_empty() && kind == FigureKind::Count {
            // A bare number: an age ("Thomas Sam, 42,"), a count whose noun came earlier
            // ("reaching 3000", "saved 200 more"), else nothing.
            if self.age(j, &first, cores.len()) {
                unit = "year".into();
                kind = FigureKind::Quantity;
            } else if let Some(u) = self.elliptical(i, &cores, last_count) {
                unit = u.to_string();
            } else if !self.bare_ok(i, j, &cores) {
                return None;
            } else if let Some(n) = self.partitive_noun(k) {
                // "two of the suspects": the group named after "of".
                unit = n;
            } else if let Some(b) = self.noun_before(j) {
                let noun = self.lower(b).replace(['\'', '’'], "");
                // "42 million euros, of which 15.5 million": the currency named before.
                if let Some(c) = self.money_noun(b, b + 1).filter(|_| last.scaled) {
                    unit = c.to_string();
                    kind = FigureKind::Money;
                } else {
                    unit = singular(&noun);
                }
                back_noun = Some(b);
            }
        }
        let start = self.toks[i].start;
        let end = self.toks[end_tok.max(first.next) - 1].end;
        let mut figs = Vec::with_capacity(cores.len());
        for (n, (t, c)) in cores.iter().enumerate() {
            // In a range the first end borrows the scale of the second ("10 to 12 billion").
            let mut value = c.value;
            if million && c.metre_or_million {
                value = tidy(value * 1e6);
            }
            if n == 0 && cores.len() == 2 && !c.scaled && cores[1].1.scaled && !c.words {
                let second = cores[1].1.value;
                let digits_second = self.digits(cores[1].0).unwrap_or(second);
                if digits_second > 0.0 {
                    value = tidy(value * (second / digits_second));
                }
            }
            figs.push(Raw {
                start: if n == 0 { start } else { self.toks[*t].start },
                end: if n + 1 == cores.len() {
                    end.max(self.toks[c.next - 1].end)
                } else {
                    self.toks[c.next - 1].end
                },
                num_tok: *t,
                value,
                unit: unit.clone(),
                kind,
                np,
                back_noun,
            });
        }
        Some(Found {
            figs,
            backref,
            next: end_tok.max(k),
        })
    }

    /// Money named after the number: "euros", "yuan", "New Zealand dollars", "pounds"
    /// (when the article deals in sterling).
    fn money_noun(&self, from: usize, end: usize) -> Option<&'static str> {
        let word = self.lower(end - 1);
        if matches!(word.as_str(), "pound" | "pounds") && self.pound_money {
            return Some("GBP");
        }
        let code = currency_word(&word)?;
        if word.starts_with("dollar") {
            for t in from..end - 1 {
                if let Some(c) = dollar_country(&self.lower(t)) {
                    return Some(c);
                }
            }
            return Some(self.dollar);
        }
        Some(code)
    }

    /// Whether a bare number is an age: "Thomas Sam, 42," or "Sam (42)" or "aged 42"
    /// (also "aged 10 to 13").
    fn age(&self, j: usize, core: &Core, numbers: usize) -> bool {
        self.age_inner(j, core, numbers).is_some()
    }

    fn age_inner(&self, j: usize, core: &Core, numbers: usize) -> Option<()> {
        if core.words || core.scaled || j < 2 || core.value.fract() != 0.0 {
            return None;
        }
        if !(1.0..=120.0).contains(&core.value) {
            return None;
        }
        if matches!(self.lower(j - 1).as_str(), "aged" | "age") {
            return Some(());
        }
        if numbers > 1 {
            return None;
        }
        let after = core.next;
        let closes = |p: &str| self.is_punct(after, p);
        let name_before = self.capitalized(j - 2) && !is_common_capital(&self.lower(j - 2));
        // "The veteran film-maker, 68, won": a number between commas after a word.
        if self.is_punct(j - 1, ",")
            && self.is_word(j - 2)
            && closes(",")
            && (10.0..=110.0).contains(&core.value)
        {
            return Some(());
        }
        if self.is_punct(j - 1, ",") && name_before && (closes(",") || closes(")") || closes(";")) {
            return Some(());
        }
        // "from the age of 17"
        if j >= 3 && self.lower(j - 1) == "of" && self.lower(j - 2) == "age" {
            return Some(());
        }
        if self.is_punct(j - 1, "(") && name_before && closes(")") && core.value >= 15.0 {
            return Some(());
        }
        None
    }

    /// Whether a number with no unit still reads as a figure: digits in running text
    /// ("reaching 3000", "from 9 to 10"), or number words after "of" and "all" ("a panel
    /// of twelve", "all six aboard").
    fn bare_ok(&self, i: usize, j: usize, cores: &[(usize, Core)]) -> bool {
        let first = cores[0].1;
        let prev = if i > 0 && self.is_word(i - 1) {
            self.lower(i - 1)
        } else {
            String::new()
        };
        let next = cores.last().map_or(0, |c| c.1.next);
        let next_word = if self.is_word(next) {
            self.lower(next)
        } else {
            String::new()
        };
        if first.words && !first.scaled {
            // "Two of the suspects", "seven of them": a count taken from a group.
            let partitive = next_word == "of"
                && self.is_word(next + 1)
                && matches!(
                    self.lower(next + 1).as_str(),
                    "the" | "them" | "those" | "these" | "whom" | "which" | "its" | "their"
                );
            return matches!(prev.as_str(), "of" | "all" | "from")
                || matches!(next_word.as_str(), "more" | "others" | "each")
                || partitive;
        }
        // "in 393", "by 352": a year or a point on a scale; "per 100,000": a rate base.
        if cores.len() == 1
            && matches!(
                prev.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "in"
                    | "since"
                    | "by"
                    | "until"
                    | "before"
                    | "after"
                    | "during"
                    | "per"
            )
        {
            return false;
        }
        // "at 23.45": a time of day.
        let text = self.text(j);
        if matches!(prev.as_str(), "at" | "from" | "until" | "till")
            && text.len() >= 4
            && text.as_bytes()[text.len() - 3] == b'.'
            && first.value < 24.0
        {
            return false;
        }
        // A number after another number is a phone number or code ("0800 028 9276").
        if j > 0 && self.is_num(j - 1) {
            return false;
        }
        // A number opening a sentence before a name is a list or ranking entry ("31
        // Jelena Kostanic (Croatia)").
        if self.toks[j].start == self.sentence_start(j) && self.capitalized(next) {
            return false;
        }
        // Scores, lists and references: "Internet: 1", "(3)", "[12]".
        let before = if j > 0 {
            &self.body[self.toks[j - 1].start..self.toks[j - 1].end]
        } else {
            ""
        };
        if matches!(before, ":" | "(" | "[" | "#") || self.is_punct(next, ":") {
            return false;
        }
        // Scores and unit-less hyphen pairs: "won 4-1", "6-4 7-6", "40-0".
        if (self.is_punct(next, "-") || self.is_punct(next, "–"))
            && self.glued(next)
            && self.glued(next + 1)
            && self.is_num(next + 1)
        {
            return false;
        }
        if (self.is_punct(j.saturating_sub(1), "-") || self.is_punct(j.saturating_sub(1), "–"))
            && self.glued(j)
            && j >= 2
            && self.is_num(j - 2)
        {
            return false;
        }
        true
    }

    /// The unit a bare number in words borrows from the count before it in a list: ",
    /// seven on Heinze" after "24 fouls in the game".
    fn elliptical<'u>(
        &self,
        i: usize,
        cores: &[(usize, Core)],
        last_count: Option<(usize, &'u str)>,
    ) -> Option<&'u str> {
        let (sentence, unit) = last_count?;
        let first = cores[0].1;
        if !first.words || first.scaled || i == 0 {
            return None;
        }
        let listed =
            self.is_punct(i - 1, ",") || (self.is_word(i - 1) && self.lower(i - 1) == "and");
        (listed && self.doc.sentence_at(self.toks[i].start) == sentence).then_some(unit)
    }

    /// The unit of a partitive count ("two of the suspects" -> "suspect"), when token
    /// `k` opens "of the ..." with a plural noun.
    fn partitive_noun(&self, k: usize) -> Option<String> {
        if !(self.is_word(k) && self.lower(k) == "of") {
            return None;
        }
        let mut t = k + 1;
        while self.is_word(t)
            && matches!(
                self.lower(t).as_str(),
                "the" | "those" | "these" | "its" | "their" | "his" | "her" | "our"
            )
        {
            t += 1;
        }
        if t == k + 1 {
            return None;
        }
        self.noun_phrase(t).filter(|n| n.plural).map(|n| n.unit)
    }

    /// The nearest plural noun before token `j` in its sentence (lower case, not capitalized),
    /// which a bare count refers to: "Iranian students ... reaching 3000".
    fn noun_before(&self, j: usize) -> Option<usize> {
        let start = self.sentence_start(j);
        let mut t = j;
        let mut steps = 0;
        while t > 0 && steps < 20 {
            t -= 1;
            steps += 1;
            if self.toks[t].start < start {
                break;
            }
            let first = self.toks[t].start == start;
            if !self.is_word(t) || (self.capitalized(t) && !first) {
                continue;
            }
            let w = self.lower(t);
            if w.ends_with("'s") || w.ends_with("’s") {
                continue;
            }
            let w = w.replace(['\'', '’'], "");
            let time = measure_unit(&w).is_some_and(|u| {
                matches!(
                    u,
                    "second"
                        | "minute"
                        | "hour"
                        | "day"
                        | "week"
                        | "month"
                        | "year"
                        | "decade"
                        | "century"
                )
            });
            if looks_plural(&w) && !time && !is_stop(&w) {
                return Some(t);
            }
        }
        None
    }

    /// The noun phrase after a number: modifiers and the head noun ("medical masks",
    /// "Chinese universities'", "research centers", "asylum seekers").
    fn noun_phrase(&self, k: usize) -> Option<NounPhrase> {
        let mut words: Vec<(usize, String)> = Vec::new();
        let mut t = k;
        let mut head = None;
        while words.len() < 5 && self.is_word(t) {
            let mut w = self.lower(t);
            let mut end = t + 1;
            // Hyphenated compounds: "pan-democratic", "anti-establishment".
            while self.is_punct(end, "-")
                && self.glued(end)
                && self.is_word(end + 1)
                && self.glued(end + 1)
            {
                w.push('-');
                w.push_str(&self.lower(end + 1));
                end += 2;
            }
            if is_stop(&w) || small_number(&w).is_some() || scale_word(&w).is_some() {
                break;
            }
            let bare = w.trim_end_matches(['\'', '’']).to_string();
            let word_tok = t;
            words.push((t, bare.clone()));
            t = end;
            // A capitalized word ending in "s" before more words is part of a name ("Las
            // Vegas style resorts"), not the head.
            let name_part = self.capitalized(word_tok)
                && self.is_word(t)
                && !is_stop(&self.lower(t))
                && !self.is_punct(t, "'");
            if looks_plural(&bare) && name_part {
                continue;
            }
            if looks_plural(&bare)
                || measure_unit(&bare).is_some()
                || currency_word(&bare).is_some()
            {
                head = Some(words.len() - 1);
                break;
            }
            // A possessive ends the phrase ("14 Chinese universities' curriculum").
            if self.is_punct(t, "'") || self.is_punct(t, "’") {
                break;
            }
        }
        if words.is_empty() {
            return None;
        }
        let end = t;
        let (head_idx, found) = match head {
            Some(h) => (h, true),
            None => {
                // A singular head: "one year", or an uncounted noun ("500 staff").
                let h = words.len() - 1;
                if is_adjective(&words[h].1) {
                    return None;
                }
                (h, false)
            }
        };
        let end = if found { end } else { words[head_idx].0 + 1 };
        let name_like = !found && words[..=head_idx].iter().all(|(t, _)| self.capitalized(*t));
        let head_word = &words[head_idx].1;
        let mut unit = singular(head_word);
        if irregular_plural(head_word).is_none() {
            // Lower-case nouns before the head belong to it ("research center"); adjectives
            // and capitalized modifiers do not ("medical masks", "Chinese universities").
            let mut parts = Vec::new();
            for (t, w) in words[..head_idx].iter().rev() {
                if self.capitalized(*t) || is_adjective(w) || w.contains('-') {
                    break;
                }
                parts.push(w.as_str());
            }
            if !parts.is_empty() {
                parts.reverse();
                unit = format!("{} {}", parts.join(" "), unit);
            }
        }
        Some(NounPhrase {
            head: head_word.clone(),
            unit,
            end,
            words: head_idx + 1,
            name_like,
            plural: found,
        })
    }

    /// The phrase around a plural noun that a bare count refers to: its modifiers and what
    /// follows up to a clause break ("Iranian students studying in China").
    fn phrase_around(&self, n: usize, limit: usize) -> String {
        let mut a = n;
        while a > 0 && a + 3 > n && self.is_word(a - 1) && !is_stop(&self.lower(a - 1)) {
            a -= 1;
        }
        let mut b = n + 1;
        while b < limit
            && b < n + 6
            && self.is_word(b)
            && !matches!(
                self.lower(b).as_str(),
                "with" | "and" | "which" | "who" | "that" | "but" | "while" | "as" | "whose"
            )
        {
            b += 1;
        }
        self.body[self.toks[a].start..self.toks[b - 1].end].to_string()
    }

    /// Completes a figure with its sentence, qualifier, subject and period.
    fn finish(&self, raw: Raw) -> Figure {
        let sentence = self.doc.sentence_at(raw.start);
        let approximate = self.approximator(raw.start);
        let subject = self.subject(&raw);
        Figure {
            sentence,
            span: Span::new(raw.start, raw.end),
            value: raw.value,
            unit: raw.unit,
            kind: raw.kind,
            approximate,
            subject,
            period: sentence_period(self.dates, sentence),
        }
    }

    /// The qualifier right before a figure ("around", "more than"), lower case.
    fn approximator(&self, start: usize) -> Option<String> {
        let before = self.body[..start].trim_end();
        let from = before.len().saturating_sub(24);
        let from = (from..=before.len())
            .find(|&b| before.is_char_boundary(b))
            .unwrap_or(before.len());
        let tail = before[from..].to_lowercase();
        APPROXIMATORS
            .iter()
            .find(|a| {
                tail.ends_with(*a)
                    && tail[..tail.len() - a.len()]
                        .chars()
                        .next_back()
                        .map_or(true, |c| !c.is_alphanumeric())
            })
            .map(|a| a.to_string())
    }

    /// What a figure measures, best effort: the subject of a measuring verb ("Iran's
    /// export to China totaled ..."), else the counted noun phrase with its complement
    /// ("doses of vaccines", "Iranian students studying in China").
    fn subject(&self, raw: &Raw) -> Option<String> {
        // The first token of the figure: the currency sign or the number.
        let t = self
            .toks
            .partition_point(|tok| tok.start < raw.start)
            .min(raw.num_tok);
        let start = self.sentence_start(t);
        // Clause start: the nearest comma, semicolon, colon or quote before the number.
        let mut c = t;
        let mut verb = None;
        while c > 0 && self.toks[c - 1].start >= start {
            let p = c - 1;
            let tok = self.toks[p];
            if tok.kind == TokKind::Punct
                && matches!(
                    &self.body[tok.start..tok.end],
                    "," | ";" | ":" | "\"" | "“" | "”"
                )
            {
                break;
            }
            if verb.is_none()
                && self.is_word(p)
                && is_measure_verb(&self.lower(p))
                && (p + 1..t).all(|q| self.is_word(q) && is_linking(&self.lower(q)))
            {
                verb = Some(p);
            }
            c = p;
        }
        if let Some(n) = raw.back_noun {
            return Some(self.phrase_around(n, raw.num_tok));
        }
        if let Some(v) = verb {
            if c < v {
                let mut from = c;
                while from < v
                    && self.is_word(from)
                    && matches!(
                        self.lower(from).as_str(),
                        "and" | "but" | "while" | "whereas" | "so"
                    )
                {
                    from += 1;
                }
                // "There were ...", "which is ...": no subject worth naming.
                let pronoun = v == from + 1
                    && matches!(
                        self.lower(from).as_str(),
                        "there"
                            | "it"
                            | "which"
                            | "who"
                            | "that"
                            | "this"
                            | "he"
                            | "she"
                            | "they"
                            | "we"
                            | "i"
                            | "you"
                    );
                if from < v && !pronoun {
                    let s = &self.body[self.toks[from].start..self.toks[v - 1].end];
                    if !s.is_empty() && s.len() <= 100 {
                        return Some(s.to_string());
                    }
                }
            }
        }
        // "62% of voters", "11 percent of the total vote".
        let after = self
            .toks
            .partition_point(|tok| tok.start < raw.end)
            .min(self.toks.len());
        if raw.kind == FigureKind::Percent && self.is_word(after) && self.lower(after) == "of" {
            let mut from = after + 1;
            while self.is_word(from)
                && matches!(
                    self.lower(from).as_str(),
                    "the" | "a" | "an" | "all" | "its" | "their" | "his" | "her" | "our"
                )
            {
                from += 1;
            }
            if let Some(n) = self.noun_phrase(from) {
                return Some(
                    self.body[self.toks[after + 1].start..self.toks[n.end - 1].end].to_string(),
                );
            }
        }
        if let Some((a, b)) = raw.np {
            let mut end = b;
            if self.is_word(end) && self.lower(end) == "of" {
                let mut e = end + 1;
                while e < end + 4
                    && self.is_word(e)
                    && !matches!(
                        self.lower(e).as_str(),
                        "and" | "which" | "who" | "that" | "with" | "to" | "in"
                    )
                {
                    e += 1;
                }
                if e > end + 1 {
                    end = e;
                }
            }
            return Some(self.body[self.toks[a].start..self.toks[end - 1].end].to_string());
        }
        None
    }
}

/// Words between a measuring verb and its figure ("totaled around", "rose to").
fn is_linking(w: &str) -> bool {
    matches!(
        w,
        "around"
            | "about"
            | "nearly"
            | "almost"
            | "over"
            | "more"
            | "than"
            | "some"
            | "roughly"
            | "approximately"
            | "to"
            | "at"
            | "by"
            | "just"
            | "up"
            | "an"
            | "estimated"
            | "less"
            | "fewer"
            | "under"
            | "only"
            | "a"
            | "record"
            | "of"
    )
}

/// Verbs that link a measured thing to its figure ("exports totaled ...").
fn is_measure_verb(w: &str) -> bool {
    matches!(
        w,
        "totaled"
            | "totalled"
            | "totals"
            | "total"
            | "totaling"
            | "totalling"
            | "reached"
            | "reaching"
            | "reaches"
            | "rose"
            | "rises"
            | "risen"
            | "fell"
            | "falls"
            | "fallen"
            | "stood"
            | "stands"
            | "amounted"
            | "amounts"
            | "was"
            | "were"
            | "is"
            | "are"
            | "hit"
            | "hits"
            | "exceeded"
            | "exceeds"
            | "topped"
            | "tops"
            | "increased"
            | "decreased"
            | "grew"
            | "grows"
            | "dropped"
            | "declined"
            | "climbed"
            | "jumped"
            | "cost"
            | "costs"
            | "numbered"
            | "surged"
            | "soared"
            | "plunged"
            | "slipped"
            | "doubled"
            | "worth"
            | "valued"
            | "estimated"
    )
}

/// The counted noun phrase after a number.
struct NounPhrase {
    /// The head noun as written, lower case ("universities").
    head: String,
    /// The unit: the singular head with lower-case noun modifiers ("research center").
    unit: String,
    /// Token after the phrase.
    end: usize,
    /// Words up to and including the head.
    words: usize,
    /// Only capitalized words and no plural: a name ("10 Downing Street").
    name_like: bool,
    /// The head looks plural (or is a unit or currency).
    plural: bool,
}

/// Rounds away floating-point noise from scaling ("4.3 billion" -> 4300000000).
fn tidy(v: f64) -> f64 {
    if v.abs() >= 1e9 {
        v.round()
    } else {
        (v * 1e6).round() / 1e6
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{dates, sentences};
    use crate::model::Granularity;
    use chrono::NaiveDate;

    fn run(text: &str) -> Vec<Figure> {
        let sentences = sentences::split(text);
        let doc = Doc {
            body: text,
            published: NaiveDate::from_ymd_opt(2021, 8, 28),
            sentences: &sentences,
        };
        let dates = dates::extract(&doc);
        extract(&doc, &dates)
    }

    fn pairs(text: &str) -> Vec<(f64, String)> {
        run(text).into_iter().map(|f| (f.value, f.unit)).collect()
    }

    #[test]
    fn number_grammar() {
        let cases: &[(&str, &[(f64, &str)])] = &[
            ("Exports totaled 4.3 billion USD.", &[(4.3e9, "USD")]),
            ("The firm raised $2.5m last year.", &[(2.5e6, "USD")]),
            ("It will cost NZ$26 million.", &[(26e6, "NZD")]),
            ("Sales will dip by at least A$30m.", &[(30e6, "AUD")]),
            ("The club paid £5.4m for him.", &[(5.4e6, "GBP")]),
            ("Profits rose to 1.2bn euros.", &[(1.2e9, "EUR")]),
            (
                "Revenues were $1.13bn (£600m).",
                &[(1.13e9, "USD"), (600e6, "GBP")],
            ),
            ("The state paid €40m.", &[(40e6, "EUR")]),
            ("Each ticket costs 500 yuan.", &[(500.0, "CNY")]),
            ("Tickets cost ¥80, or 80 yuan.", &[(80.0, "CNY")]),
            ("The scheme costs Rs 500 crore.", &[(5e9, "INR")]),
            ("The loan was RMB 300 million.", &[(300e6, "CNY")]),
            ("Prices fell 12 percent.", &[(12.0, "%")]),
            ("It was forty percent a year ago.", &[(40.0, "%")]),
            ("Turnout was 58%.", &[(58.0, "%")]),
            (
                "The index closed at 1,234.56 points.",
                &[(1234.56, "point")],
            ),
            ("Output grew 2.1 per cent.", &[(2.1, "%")]),
            (
                "Output is 3.5 million barrels, up from 3.2 million in 2014.",
                &[(3.5e6, "barrel"), (3.2e6, "barrel")],
            ),
            ("The bill passed by 52 to 48.", &[(52.0, ""), (48.0, "")]),
            ("The firm employs over 5,000 staff.", &[(5000.0, "staff")]),
            ("She bought a dozen eggs.", &[(12.0, "egg")]),
            ("About 4,000 people came.", &[(4000.0, "person")]),
            (
                "It will cost between 10 and 12 billion dollars.",
                &[(10e9, "USD"), (12e9, "USD")],
            ),
            (
                "The book has ten to 12 pages.",
                &[(10.0, "page"), (12.0, "page")],
            ),
            (
                "Thomas Sam, 42, and his wife were charged.",
                &[(42.0, "year")],
            ),
            ("Police arrested a 14-year-old boy.", &[(14.0, "year")]),
            ("It has flown for the last 30 years.", &[(30.0, "year")]),
            ("Traffic increased 18-fold.", &[(18.0, "fold")]),
            ("There were twenty-five students.", &[(25.0, "student")]),
            (
                "They hired one hundred and fifty people.",
                &[(150.0, "person")],
            ),
            ("He won by around five thousand votes.", &[(5000.0, "vote")]),
            ("China received 3 million medical masks.", &[(3e6, "mask")]),
            (
                "It is taught at 14 Chinese universities.",
                &[(14.0, "university")],
            ),
            (
                "China now has 20 research centers.",
                &[(20.0, "research center")],
            ),
            ("The project's panel of twelve met.", &[(12.0, "")]),
            (
                "Seats increased from 9 to 10.",
                &[(9.0, "seat"), (10.0, "seat")],
            ),
            ("The navy saved 200 more after the storm.", &[(200.0, "")]),
            (
                "There were five doctors per 100,000 inhabitants.",
                &[(5.0, "doctor")],
            ),
            (
                "It frees 42 million euros, of which 15.5 million go to schools.",
                &[(42e6, "EUR"), (15.5e6, "EUR")],
            ),
            (
                "Sales were three million and five million copies.",
                &[(3e6, ""), (5e6, "copy")],
            ),
            ("About 2.5m people watched.", &[(2.5e6, "person")]),
            ("Half a million people fled.", &[(5e5, "person")]),
            ("A million people fled.", &[(1e6, "person")]),
            ("The quake killed at least 20 people.", &[(20.0, "person")]),
            ("A 7.1-magnitude quake struck.", &[(7.1, "magnitude")]),
            (
                "A 6.3 magnitude earthquake hit the city.",
                &[(6.3, "magnitude")],
            ),
            ("She jumped 6.66m in the final.", &[(6.66, "metre")]),
            ("It exploded 73 seconds after liftoff.", &[(73.0, "second")]),
            (
                "The pension age rises from the age of 65.",
                &[(65.0, "year")],
            ),
        ];
        for (text, want) in cases {
            let got = pairs(text);
            let want: Vec<(f64, String)> = want.iter().map(|(v, u)| (*v, u.to_string())).collect();
            assert_eq!(got.len(), want.len(), "{text}: got {got:?}");
            for ((gv, gu), (wv, wu)) in got.iter().zip(&want) {
                assert!(same_value(*gv, *wv), "{text}: value {gv} != {wv}");
                if !wu.is_empty() {
                    assert_eq!(gu, wu, "{text}");
                }
            }
        }
    }

    #[test]
    fn truncated_and_odd_text_never_panics() {
        let text = "Prices rose 4.3% to £5.4m (€6bn; NZ$7.2bn) — “about 3–4 million” on \
                    17 Aug 2021, between 10 and 12 billion yuan ¥9, 2003-04, mid-1962, 49 BC, \
                    Sam, 42, a 14-year-old, half a million, twenty-five, 1,200-1,300 km/h.";
        for (i, _) in text.char_indices() {
            let _ = run(&text[..i]);
            let _ = run(&text[i..]);
        }
        assert!(!run(text).is_empty());
    }

    #[test]
    fn non_figures() {
        let cases = [
            "In 2020 the plan began.",
            "It was popular in the 1990s.",
            "The polls closed at 22:30.",
            "They met at 10 a.m. on the square.",
            "She finished in second place.",
            "The site rose to number 3 in the ranking.",
            "The COVID-19 outbreak spread.",
            "Leaders met at the G20 summit.",
            "The STS-135 mission was the last.",
            "Deputies of Movimento 5 Stelle objected.",
            "Iran is one of the most developed countries.",
            "One poster wrote that it was over.",
            "Section 3 of the act applies.",
            "They marked the 30th anniversary.",
            "Thousands of people marched.",
            "Dozens of homes burned and several people fled.",
            "The two countries agreed to cooperate.",
            "Chelsea won 4-1 at Fulham.",
            "One in three visits came from the BBC.",
            "He played at Studio 54 and flew on Vostok 1.",
            "It happened on August 17, 2021.",
            "The new one would be unique.",
            "A third of members may veto bills.",
            "Julian was killed in battle in 363.",
            "She will speak at 23.45 tonight.",
            "Call them on 0800 028 9276 today.",
            "She bought an iPhone 7 and a Boeing 737.",
            "31 Jelena Kostanic (Croatia)",
            "Because series 1 is no longer sold.",
        ];
        for text in cases {
            assert!(run(text).is_empty(), "{text}: {:?}", pairs(text));
        }
    }

    #[test]
    fn subjects() {
        let cases = [
            ("In the area, 62% of voters backed leaving.", "voters"),
            (
                "Only 11 percent of the total vote was cast early.",
                "the total vote",
            ),
            ("Revenue rose to $5bn last year.", "Revenue"),
            ("There were 200 people at the rally.", "people"),
            (
                "China has donated 1.55 million doses of vaccines to Iran.",
                "doses of vaccines",
            ),
        ];
        for (text, want) in cases {
            let figs = run(text);
            assert_eq!(figs.len(), 1, "{text}");
            assert_eq!(figs[0].subject.as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn approximations_are_kept() {
        let cases = [
            ("About 4,000 people came.", Some("about")),
            ("Over 900 asylum seekers were rescued.", Some("over")),
            ("It has more than 11,000 signatures.", Some("more than")),
            ("The website was used over one million times.", Some("over")),
            ("It counted 8000 migrants.", None),
        ];
        for (text, want) in cases {
            let figs = run(text);
            assert_eq!(figs.len(), 1, "{text}");
            assert_eq!(figs[0].approximate.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn repeats_and_back_references_are_left_out() {
        let text = "The two countries signed a deal. It helps two countries to grow. \
                    Sales reached 5 million units. Later, 5 million units were sold again.";
        assert_eq!(pairs(text), vec![(5e6, "unit".to_string())]);
        let text = "Some 3,000 students enrolled. The number of pupils reached 3,000.";
        assert_eq!(pairs(text), vec![(3000.0, "student".to_string())]);
    }

    #[test]
    fn seed_figures_have_unit_subject_and_period() {
        let text = "From April to July 2021, Iran’s export to China totaled around 4.3 billion \
USD, making China the top export destination of Iranian goods and services.\n\n\
In recent years, there has been a rise of Iranian students studying in China with the total \
number reaching 3000. China now has 20 research centers for Iran and the Persian language has \
been on 14 Chinese universities' curriculum.\n\n\
China received 3 million medical masks from Iran at the onset of the crisis.\n\n\
As of August 17, 2021, China has donated 1.55 million doses of vaccines to Iran Darvishi said.";
        let figs = run(text);
        let got: Vec<(f64, &str, FigureKind)> = figs
            .iter()
            .map(|f| (f.value, f.unit.as_str(), f.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                (4.3e9, "USD", FigureKind::Money),
                (3000.0, "student", FigureKind::Count),
                (20.0, "research center", FigureKind::Count),
                (14.0, "university", FigureKind::Count),
                (3e6, "mask", FigureKind::Count),
                (1.55e6, "dose", FigureKind::Count),
            ]
        );
        let money = &figs[0];
        assert_eq!(money.span.text(text), "4.3 billion USD");
        assert_eq!(money.approximate.as_deref(), Some("around"));
        assert_eq!(money.subject.as_deref(), Some("Iran’s export to China"));
        let period = money.period.expect("the sentence gives a period");
        assert_eq!(period.start, NaiveDate::from_ymd_opt(2021, 4, 1).unwrap());
        assert_eq!(period.end, NaiveDate::from_ymd_opt(2021, 7, 31).unwrap());
        assert_eq!(period.granularity, Granularity::Interval);
        assert_eq!(
            figs[1].subject.as_deref(),
            Some("Iranian students studying in China")
        );
        assert_eq!(figs[4].period, None);
        assert_eq!(figs[4].subject.as_deref(), Some("medical masks"));
        let doses = figs[5].period.expect("as of August 17, 2021");
        assert_eq!(doses.start, NaiveDate::from_ymd_opt(2021, 8, 17).unwrap());
        assert_eq!(doses.granularity, Granularity::Day);
    }
}
