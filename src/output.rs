//! Rendering rows of query results as a table, CSV, JSON or NDJSON. Renderers take rows one
//! at a time and write to any `io::Write`, so CSV, JSON and NDJSON stream without holding a
//! result in memory; only the table buffers, to size its columns.

use std::io::{self, Write};

use comfy_table::{presets, ContentArrangement, Table};
use serde::ser::{Serialize, SerializeMap, Serializer};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One cell of a result row, with SQLite's types.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Value {
    /// The cell as text, as CSV and the table show it (NULL is empty).
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Integer(i) => i.to_string(),
            Value::Real(f) => format_real(*f),
            Value::Text(s) => s.clone(),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Integer(i)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// Reals without a fractional part print as integers ("4300000000", not "4300000000.0").
fn format_real(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_none(),
            Value::Integer(i) => s.serialize_i64(*i),
            Value::Real(f) => s.serialize_f64(*f),
            Value::Text(t) => s.serialize_str(t),
        }
    }
}

/// Output formats every listing command offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns sized to the terminal; long text is cut with an ellipsis.
    Table,
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON array of objects keyed by column name.
    Json,
    /// One JSON object per line.
    Ndjson,
}

impl Format {
    /// The format a file name's extension asks for (`out.json`, `rows.tsv`), if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "json" => Format::Json,
            "ndjson" | "jsonl" => Format::Ndjson,
            "txt" => Format::Table,
            _ => return None,
        })
    }
}

/// Where a page of rows sits in the whole result, so a table can say what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Rows skipped before this page (`--offset`).
    pub offset: usize,
    /// Rows in the whole result.
    pub total: usize,
}

/// Receives a result: the column names once, then each row.
pub trait Sink {
    fn columns(&mut self, columns: &[String]) -> io::Result<()>;
    fn row(&mut self, row: &[Value]) -> io::Result<()>;
    /// Tells the sink that its rows are one page of a longer result. Only the table, which
    /// is read by a person, uses it (in its footer); the other formats stay pure data.
    fn page(&mut self, _page: Page) {}
    fn finish(&mut self) -> io::Result<()>;
}

/// A sink that renders `format` into `out`.
pub fn sink<'a>(format: Format, out: Box<dyn Write + 'a>) -> Box<dyn Sink + 'a> {
    capped_sink(format, out, 0)
}

/// A sink that renders `format` into `out`; a table (which must hold its rows to fit their
/// widths) keeps at most `max_rows` of them (0 for all) and counts the rest in its footer.
/// The other formats stream, so they hold nothing and show everything.
pub fn capped_sink<'a>(
    format: Format,
    out: Box<dyn Write + 'a>,
    max_rows: usize,
) -> Box<dyn Sink + 'a> {
    match format {
        Format::Table => Box::new(TableSink {
            out,
            columns: Vec::new(),
            rows: Vec::new(),
            page: None,
            max_rows: (max_rows > 0).then_some(max_rows),
            left_out: 0,
        }),
        Format::Csv => Box::new(CsvSink {
            out: csv::Writer::from_writer(out),
        }),
        Format::Tsv => Box::new(CsvSink {
            out: csv::WriterBuilder::new().delimiter(b'\t').from_writer(out),
        }),
        Format::Json => Box::new(JsonSink {
            out,
            columns: Vec::new(),
            first: true,
            ndjson: false,
        }),
        Format::Ndjson => Box::new(JsonSink {
            out,
            columns: Vec::new(),
            first: true,
            ndjson: true,
        }),
    }
}

struct CsvSink<'a> {
    out: csv::Writer<Box<dyn Write + 'a>>,
}

fn csv_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl Sink for CsvSink<'_> {
    fn columns(&mut self, columns: &[String]) -> io::Result<()> {
        self.out.write_record(columns).map_err(csv_err)
    }
    fn row(&mut self, row: &[Value]) -> io::Result<()> {
        self.out
            .write_record(row.iter().map(Value::to_text))
            .map_err(csv_err)
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

struct JsonSink<'a> {
    out: Box<dyn Write + 'a>,
    columns: Vec<String>,
    first: bool,
    ndjson: bool,
}

/// One row as a JSON object in column order.
struct RowObject<'r> {
    columns: &'r [String],
    row: &'r [Value],
}

impl Serialize for RowObject<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for (c, v) in self.columns.iter().zip(self.row) {
            map.serialize_entry(c, v)?;
        }
        map.end()
    }
}

impl Sink for JsonSink<'_> {
    fn columns(&mut self, columns: &[String]) -> io::Result<()> {
        self.columns = columns.to_vec();
        if !self.ndjson {
            self.out.write_all(b"[")?;
        }
        Ok(())
    }
    fn row(&mut self, row: &[Value]) -> io::Result<()> {
        if !self.ndjson {
            self.out
                .write_all(if self.first { b"\n" } else { b",\n" })?;
        }
        self.first = false;
        serde_json::to_writer(
            &mut self.out,
            &RowObject {
                columns: &self.columns,
                row,
            },
        )?;
        if self.ndjson {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }
    fn finish(&mut self) -> io::Result<()> {
        if !self.ndjson {
            self.out
                .write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

struct TableSink<'a> {
    out: Box<dyn Write + 'a>,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    page: Option<Page>,
    /// The most rows to hold, if bounded.
    max_rows: Option<usize>,
    /// Rows received past `max_rows`, counted but not kept.
    left_out: usize,
}

/// The width tables are fitted to: `$COLUMNS` when set (as in scripts that want a fixed
/// width), else the terminal's real width (shells rarely export `$COLUMNS`), else 80.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w > 20)
        .or_else(|| {
            let (terminal_size::Width(w), _) = terminal_size::terminal_size()?;
            Some(usize::from(w))
        })
        .unwrap_or(80)
}

/// Cuts `text` to at most `max` columns of display width (a CJK character takes two),
/// ending with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.width() <= max {
        return one_line;
    }
    let mut cut = String::new();
    let mut width = 0;
    for c in one_line.chars() {
        let w = c.width().unwrap_or(0);
        if width + w + 1 > max {
            break;
        }
        cut.push(c);
        width += w;
    }
    cut.push('…');
    cut
}

/// Whether a cell is a number or a date (digits and `-.,:%+`): such cells are never cut,
/// as a cut one reads as a different value.
fn is_number_or_date(cell: &str) -> bool {
    cell.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | ',' | ':' | '%' | '+' | 'e'))
}

impl Sink for TableSink<'_> {
    fn columns(&mut self, columns: &[String]) -> io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }
    fn row(&mut self, row: &[Value]) -> io::Result<()> {
        if self.max_rows.is_some_and(|max| self.rows.len() >= max) {
            self.left_out += 1;
        } else {
            self.rows.push(row.iter().map(Value::to_text).collect());
        }
        Ok(())
    }
    fn page(&mut self, page: Page) {
        self.page = Some(page);
    }
    fn finish(&mut self) -> io::Result<()> {
        let widths = fit_widths(&self.columns, &self.rows, terminal_width());
        let mut table = Table::new();
        table
            .load_preset(presets::UTF8_BORDERS_ONLY)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(
                self.columns
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| truncate(c, *w)),
            );
        for row in &self.rows {
            table.add_row(row.iter().zip(&widths).map(|(c, w)| truncate(c, *w)));
        }
        writeln!(self.out, "{table}")?;
        if self.left_out > 0 {
            writeln!(
                self.out,
                "{}",
                left_out_footer(self.rows.len(), self.left_out)
            )?;
        } else {
            writeln!(self.out, "{}", footer(self.rows.len(), self.page))?;
        }
        self.out.flush()
    }
}

/// The line under a table: how many rows, and how to see the next page when there is one.
fn footer(shown: usize, page: Option<Page>) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match page {
        Some(Page { offset, total }) if offset + shown < total => format!(
            "{shown} of {total} row{}; --offset {} for more",
            plural(total),
            offset + shown
        ),
        Some(Page { offset, total }) if offset > 0 => format!(
            "rows {}..{} of {total}",
            (offset + 1).min(total),
            offset + shown
        ),
        _ => format!("({shown} row{})", plural(shown)),
    }
}

/// The line under a table cut at `--max-rows`: how much was left out and how to see it.
fn left_out_footer(shown: usize, left_out: usize) -> String {
    format!(
        "{shown} of {} rows shown, {left_out} left out; --max-rows 0 shows them all, --format csv streams them",
        shown + left_out
    )
}

/// Column widths (in display columns) that fit `total`: narrow columns keep their natural
/// width and the widest text columns give way first, never below a readable minimum.
/// Columns of numbers and dates keep their full width.
fn fit_widths(columns: &[String], rows: &[Vec<String>], total: usize) -> Vec<usize> {
    // A readable floor first; only when many columns still do not fit, a floor of a few
    // characters (enough to recognize a value) rather than lines that wrap.
    const FLOORS: [usize; 2] = [8, 3];
    let mut widths: Vec<usize> = columns.iter().map(|c| c.width()).collect();
    let mut fixed = vec![true; columns.len()];
    for row in rows {
        for ((w, cell), fixed) in widths.iter_mut().zip(row).zip(&mut fixed) {
            *w = (*w).max(cell.width());
            *fixed &= is_number_or_date(cell);
        }
    }
    // Borders and padding take three characters per column plus one.
    let available = total.saturating_sub(3 * columns.len() + 1);
    let mut sum: usize = widths.iter().sum();
    for min in FLOORS {
        while sum > available {
            let Some((widest, &w)) = widths
                .iter()
                .enumerate()
                .filter(|(i, _)| !fixed[*i])
                .max_by_key(|(_, w)| **w)
            else {
                break;
            };
            if w <= min {
                break;
            }
            let second = widths
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != widest && !fixed[*i])
                .map(|(_, w)| *w)
                .max()
                .unwrap_or(min);
            let cut = (w - second.max(min)).clamp(1, sum - available);
            widths[widest] -= cut;
            sum -= cut;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(format: Format) -> String {
        let mut buf = Vec::new();
        {
            let mut s = sink(format, Box::new(&mut buf));
            s.columns(&["id".into(), "text".into(), "value".into()])
                .unwrap();
            s.row(&[
                Value::Integer(1),
                Value::Text("a, \"b\"".into()),
                Value::Real(4.3e9),
            ])
            .unwrap();
            s.row(&[Value::Integer(2), Value::Null, Value::Real(0.5)])
                .unwrap();
            s.finish().unwrap();
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn csv_quotes_and_header() {
        assert_eq!(
            render(Format::Csv),
            "id,text,value\n1,\"a, \"\"b\"\"\",4300000000\n2,,0.5\n"
        );
    }

    #[test]
    fn json_is_an_array_of_objects() {
        let v: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
        assert_eq!(v[0]["text"], "a, \"b\"");
        assert_eq!(v[1]["text"], serde_json::Value::Null);
        assert_eq!(v.as_array().unwrap().len(), 2);
    }

    #[test]
    fn ndjson_is_one_object_per_line() {
        let out = render(Format::Ndjson);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(lines[1]).unwrap()["id"],
            2
        );
    }

    #[test]
    fn empty_json_is_an_empty_array() {
        let mut buf = Vec::new();
        {
            let mut s = sink(Format::Json, Box::new(&mut buf));
            s.columns(&["id".into()]).unwrap();
            s.finish().unwrap();
        }
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&buf).unwrap(),
            serde_json::json!([])
        );
    }

    #[test]
    fn widths_fit_the_terminal() {
        let columns = vec!["id".to_owned(), "title".to_owned(), "source".to_owned()];
        let rows = vec![vec!["1".to_owned(), "x".repeat(200), "y".repeat(50)]];
        let w = fit_widths(&columns, &rows, 80);
        assert_eq!(w[0], 2);
        assert!(w.iter().sum::<usize>() + 10 <= 80, "{w:?}");
        assert_eq!(
            fit_widths(&columns, &[vec!["1".into(), "ab".into(), "c".into()]], 80),
            vec![2, 5, 6]
        );
    }

    #[test]
    fn numbers_and_dates_are_never_cut() {
        let columns = vec!["date".to_owned(), "value".to_owned(), "text".to_owned()];
        let rows = vec![vec![
            "2003-06-14".to_owned(),
            "2200000000".to_owned(),
            "z".repeat(300),
        ]];
        let w = fit_widths(&columns, &rows, 40);
        assert_eq!(&w[..2], &[10, 10]);
        assert!(w.iter().sum::<usize>() + 10 <= 40, "{w:?}");
    }

    #[test]
    fn wide_characters_count_twice() {
        let cut = truncate("北京欢迎你北京欢迎你", 9);
        assert_eq!(cut, "北京欢迎…");
        assert!(cut.width() <= 9);
        let columns = vec!["title".to_owned()];
        assert_eq!(fit_widths(&columns, &[vec!["北京".to_owned()]], 80), [5]);
    }

    #[test]
    fn footer_points_at_the_next_page() {
        assert_eq!(footer(2, None), "(2 rows)");
        let page = |offset, total| Some(Page { offset, total });
        assert_eq!(
            footer(100, page(0, 212)),
            "100 of 212 rows; --offset 100 for more"
        );
        assert_eq!(
            footer(100, page(100, 212)),
            "100 of 212 rows; --offset 200 for more"
        );
        assert_eq!(footer(12, page(200, 212)), "rows 201..212 of 212");
        assert_eq!(footer(1, page(0, 1)), "(1 row)");
    }

    #[test]
    fn extensions_choose_formats() {
        let f = |p: &str| Format::from_extension(std::path::Path::new(p));
        assert_eq!(f("out.json"), Some(Format::Json));
        assert_eq!(f("OUT.TSV"), Some(Format::Tsv));
        assert_eq!(f("a.jsonl"), Some(Format::Ndjson));
        assert_eq!(f("noext"), None);
    }

    #[test]
    fn truncate_only_cuts_long_text() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a much longer text", 8), "a much …");
    }
}
