//! Rendering rows of query results as a table, CSV, JSON or NDJSON. Renderers take rows one
//! at a time and write to any `io::Write`, so CSV, JSON and NDJSON stream without holding a
//! result in memory; only the table buffers, to size its columns.

use std::io::{self, Write};

use comfy_table::{presets, ContentArrangement, Table};
use serde::ser::{Serialize, SerializeMap, Serializer};

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
    /// One JSON array of objects keyed by column name.
    Json,
    /// One JSON object per line.
    Ndjson,
}

/// Receives a result: the column names once, then each row.
pub trait Sink {
    fn columns(&mut self, columns: &[String]) -> io::Result<()>;
    fn row(&mut self, row: &[Value]) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

/// A sink that renders `format` into `out`.
pub fn sink<'a>(format: Format, out: Box<dyn Write + 'a>) -> Box<dyn Sink + 'a> {
    match format {
        Format::Table => Box::new(TableSink {
            out,
            columns: Vec::new(),
            rows: Vec::new(),
        }),
        Format::Csv => Box::new(CsvSink {
            out: csv::Writer::from_writer(out),
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
}

/// Terminal width, or a comfortable default when there is no terminal.
fn terminal_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w > 20)
        .unwrap_or(120)
}

/// Cuts `text` to at most `max` characters, ending with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

impl Sink for TableSink<'_> {
    fn columns(&mut self, columns: &[String]) -> io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }
    fn row(&mut self, row: &[Value]) -> io::Result<()> {
        self.rows.push(row.iter().map(Value::to_text).collect());
        Ok(())
    }
    fn finish(&mut self) -> io::Result<()> {
        let widths = fit_widths(&self.columns, &self.rows, terminal_width() as usize);
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
        writeln!(
            self.out,
            "({} row{})",
            self.rows.len(),
            if self.rows.len() == 1 { "" } else { "s" }
        )?;
        self.out.flush()
    }
}

/// Column widths that fit `total` characters: narrow columns keep their natural width and
/// the widest ones give way first, never below a readable minimum.
fn fit_widths(columns: &[String], rows: &[Vec<String>], total: usize) -> Vec<usize> {
    const MIN: usize = 8;
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    // Borders and padding take three characters per column plus one.
    let available = total.saturating_sub(3 * columns.len() + 1);
    let mut sum: usize = widths.iter().sum();
    while sum > available {
        let (widest, &w) = widths
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| **w)
            .expect("at least one column");
        if w <= MIN {
            break;
        }
        let second = widths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != widest)
            .map(|(_, w)| *w)
            .max()
            .unwrap_or(MIN);
        let cut = (w - second.max(MIN)).clamp(1, sum - available);
        widths[widest] -= cut;
        sum -= cut;
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
    fn truncate_only_cuts_long_text() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a much longer text", 8), "a much …");
    }
}
