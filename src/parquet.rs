//! A Parquet sink for `dossier export --format parquet`: rows streamed from an export query
//! are buffered column by column and written out as a row group whenever a bounded number
//! of rows or bytes is reached, so a table of any size is written in constant memory.
//!
//! Column types follow the schema (`store::read::export_columns`): INTEGER as INT64, REAL
//! as DOUBLE, TEXT as UTF-8 BYTE_ARRAY; nullable columns are OPTIONAL, the others
//! REQUIRED. Pages are Snappy-compressed, which every Parquet reader supports.

use std::io::{self, Write};
use std::sync::Arc;

use parquet::basic::{Compression, ConvertedType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use crate::output::{Sink, Value};
use crate::store::read::{ColumnType, ExportColumn};

/// Rows per row group at most: large enough for good compression and fast scans.
const ROW_GROUP_ROWS: usize = 128 * 1024;
/// Buffered text per row group at most, which bounds memory on tables of long text.
const ROW_GROUP_BYTES: usize = 64 << 20;

/// The values of one column in the current row group; `defined` holds Parquet's definition
/// levels (1 present, 0 NULL) for optional columns and stays empty for required ones.
enum Buffer {
    Integer(Vec<i64>, Vec<i16>),
    Real(Vec<f64>, Vec<i16>),
    Text(Vec<ByteArray>, Vec<i16>),
}

/// Writes rows into one Parquet file. `finish` writes the last row group and the footer
/// and flushes the writer; a sink dropped before `finish` leaves an incomplete file.
pub struct ParquetSink<W: Write + Send> {
    table: String,
    columns: &'static [ExportColumn],
    writer: Option<SerializedFileWriter<W>>,
    buffers: Vec<Buffer>,
    rows: usize,
    bytes: usize,
    max_rows: usize,
}

fn other(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(e)
}

/// The Parquet schema of a table's export columns.
pub fn schema(table: &str, columns: &[ExportColumn]) -> parquet::errors::Result<Type> {
    let fields = columns
        .iter()
        .map(|c| {
            let (physical, converted) = match c.kind {
                ColumnType::Integer => (PhysicalType::INT64, ConvertedType::NONE),
                ColumnType::Real => (PhysicalType::DOUBLE, ConvertedType::NONE),
                ColumnType::Text => (PhysicalType::BYTE_ARRAY, ConvertedType::UTF8),
            };
            let repetition = if c.nullable {
                Repetition::OPTIONAL
            } else {
                Repetition::REQUIRED
            };
            Type::primitive_type_builder(c.name, physical)
                .with_repetition(repetition)
                .with_converted_type(converted)
                .build()
                .map(Arc::new)
        })
        .collect::<parquet::errors::Result<Vec<_>>>()?;
    Type::group_type_builder(table).with_fields(fields).build()
}

impl<W: Write + Send> ParquetSink<W> {
    /// A sink writing `table`, whose rows have `columns`, to `out`.
    pub fn new(out: W, table: &str, columns: &'static [ExportColumn]) -> io::Result<Self> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("dossier {}", env!("CARGO_PKG_VERSION")))
            .build();
        let schema = schema(table, columns).map_err(other)?;
        let writer =
            SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props)).map_err(other)?;
        let buffers = columns
            .iter()
            .map(|c| match c.kind {
                ColumnType::Integer => Buffer::Integer(Vec::new(), Vec::new()),
                ColumnType::Real => Buffer::Real(Vec::new(), Vec::new()),
                ColumnType::Text => Buffer::Text(Vec::new(), Vec::new()),
            })
            .collect();
        Ok(ParquetSink {
            table: table.to_owned(),
            columns,
            writer: Some(writer),
            buffers,
            rows: 0,
            bytes: 0,
            max_rows: ROW_GROUP_ROWS,
        })
    }

    /// Starts a new row group every `rows` rows instead of the default.
    pub fn with_row_group_rows(mut self, rows: usize) -> Self {
        self.max_rows = rows.max(1);
        self
    }

    /// Writes the buffered rows as one row group.
    fn flush_row_group(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let writer = self
            .writer
            .as_mut()
            .ok_or_else(|| io::Error::other("the Parquet file is already finished"))?;
        let mut group = writer.next_row_group().map_err(other)?;
        let mut buffers = self.buffers.iter_mut().zip(self.columns);
        while let Some(mut column) = group.next_column().map_err(other)? {
            let Some((buffer, spec)) = buffers.next() else {
                return Err(io::Error::other("the Parquet schema has extra columns"));
            };
            let nullable = spec.nullable;
            match buffer {
                Buffer::Integer(values, defined) => {
                    column
                        .typed::<Int64Type>()
                        .write_batch(values, nullable.then_some(defined.as_slice()), None)
                        .map_err(other)?;
                    values.clear();
                    defined.clear();
                }
                Buffer::Real(values, defined) => {
                    column
                        .typed::<DoubleType>()
                        .write_batch(values, nullable.then_some(defined.as_slice()), None)
                        .map_err(other)?;
                    values.clear();
                    defined.clear();
                }
                Buffer::Text(values, defined) => {
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(values, nullable.then_some(defined.as_slice()), None)
                        .map_err(other)?;
                    values.clear();
                    defined.clear();
                }
            }
            column.close().map_err(other)?;
        }
        group.close().map_err(other)?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    fn mismatch(&self, column: &ExportColumn, value: &Value) -> io::Error {
        let what = match value {
            Value::Null => "NULL",
            Value::Integer(_) => "an integer",
            Value::Real(_) => "a real",
            Value::Text(_) => "text",
        };
        let expected = match (column.kind, column.nullable) {
            (ColumnType::Integer, false) => "an integer",
            (ColumnType::Integer, true) => "an integer or NULL",
            (ColumnType::Real, false) => "a number",
            (ColumnType::Real, true) => "a number or NULL",
            (ColumnType::Text, false) => "text",
            (ColumnType::Text, true) => "text or NULL",
        };
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{}.{}: found {what} where the schema says {expected}",
                self.table, column.name
            ),
        )
    }
}

impl<W: Write + Send> Sink for ParquetSink<W> {
    fn columns(&mut self, columns: &[String]) -> io::Result<()> {
        let expected: Vec<&str> = self.columns.iter().map(|c| c.name).collect();
        if columns != expected.as_slice() {
            return Err(io::Error::other(format!(
                "{}: the query returns columns {columns:?}, the Parquet schema has {expected:?}",
                self.table
            )));
        }
        Ok(())
    }

    fn row(&mut self, row: &[Value]) -> io::Result<()> {
        if row.len() != self.columns.len() {
            return Err(io::Error::other(format!(
                "{}: a row has {} values for {} columns",
                self.table,
                row.len(),
                self.columns.len()
            )));
        }
        // Check the whole row first, so the columns never get out of step.
        for (value, spec) in row.iter().zip(self.columns) {
            let fits = match (value, spec.kind) {
                (Value::Null, _) => spec.nullable,
                (Value::Integer(_), ColumnType::Integer | ColumnType::Real) => true,
                (Value::Real(_), ColumnType::Real) => true,
                (Value::Text(_), ColumnType::Text) => true,
                _ => false,
            };
            if !fits {
                return Err(self.mismatch(spec, value));
            }
        }
        for (value, buffer) in row.iter().zip(&mut self.buffers) {
            let present = !matches!(value, Value::Null);
            match (buffer, value) {
                (Buffer::Integer(values, defined), _) => {
                    if let Value::Integer(i) = value {
                        values.push(*i);
                    }
                    defined.push(i16::from(present));
                }
                (Buffer::Real(values, defined), _) => {
                    match value {
                        Value::Real(f) => values.push(*f),
                        Value::Integer(i) => values.push(*i as f64),
                        _ => {}
                    }
                    defined.push(i16::from(present));
                }
                (Buffer::Text(values, defined), _) => {
                    if let Value::Text(t) = value {
                        self.bytes += t.len();
                        values.push(ByteArray::from(t.as_str()));
                    }
                    defined.push(i16::from(present));
                }
            }
        }
        self.rows += 1;
        if self.rows >= self.max_rows || self.bytes >= ROW_GROUP_BYTES {
            self.flush_row_group()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.flush_row_group()?;
        if let Some(writer) = self.writer.take() {
            let mut out = writer.into_inner().map_err(other)?;
            out.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::read::export_columns;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    fn statement(n: i64, speaker: Option<&str>) -> Vec<Value> {
        vec![
            Value::from(format!("doc{n}.txt")),
            Value::from(speaker),
            Value::from("direct"),
            Value::Null,
            Value::from(format!("statement {n}")),
            Value::from("2021-08-28"),
            Value::from("2021-08-28"),
            Value::from("published"),
            Value::Integer(n * 10),
            Value::Integer(n * 10 + 5),
            speaker.map_or(Value::Null, |_| Value::Integer(7)),
            Value::Integer(n),
            speaker.map_or(Value::Null, |_| Value::from("name")),
        ]
    }

    #[test]
    fn rows_come_back_in_row_groups_with_their_nulls() {
        let columns = export_columns("statements").unwrap();
        let file = tempfile::tempfile().unwrap();
        let mut sink = ParquetSink::new(file.try_clone().unwrap(), "statements", columns)
            .unwrap()
            .with_row_group_rows(4);
        let names: Vec<String> = columns.iter().map(|c| c.name.to_owned()).collect();
        sink.columns(&names).unwrap();
        for n in 0..10 {
            let speaker = (n % 3 != 0).then_some("Wang Yi");
            sink.row(&statement(n, speaker)).unwrap();
        }
        sink.finish().unwrap();

        let reader = SerializedFileReader::new(file).unwrap();
        assert_eq!(reader.metadata().num_row_groups(), 3);
        assert_eq!(reader.metadata().file_metadata().num_rows(), 10);
        let rows: Vec<_> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        for (n, row) in rows.iter().enumerate() {
            let fields: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
            assert_eq!(fields[0], &Field::Str(format!("doc{n}.txt")));
            if n % 3 == 0 {
                assert_eq!(fields[1], &Field::Null);
                assert_eq!(fields[10], &Field::Null);
            } else {
                assert_eq!(fields[1], &Field::Str("Wang Yi".into()));
                assert_eq!(fields[10], &Field::Long(7));
            }
            assert_eq!(fields[3], &Field::Null);
            assert_eq!(fields[8], &Field::Long(n as i64 * 10));
        }
    }

    #[test]
    fn a_value_against_the_schema_is_an_error_naming_the_column() {
        let columns = export_columns("figures").unwrap();
        let mut sink = ParquetSink::new(Vec::new(), "figures", columns).unwrap();
        let mut row: Vec<Value> = columns
            .iter()
            .map(|c| match c.kind {
                ColumnType::Integer => Value::Integer(1),
                ColumnType::Real => Value::Integer(4),
                ColumnType::Text => Value::from("x"),
            })
            .collect();
        // An integer in a REAL column is fine (SQLite stores whole reals that way).
        sink.row(&row).unwrap();
        row[1] = Value::from("four");
        let err = sink.row(&row).unwrap_err().to_string();
        assert_eq!(
            err,
            "figures.value: found text where the schema says a number"
        );
        row[1] = Value::Real(4.5);
        row[0] = Value::Null;
        let err = sink.row(&row).unwrap_err().to_string();
        assert_eq!(
            err,
            "figures.document: found NULL where the schema says text"
        );
        let renamed = vec!["doc".to_owned(); columns.len()];
        assert!(sink.columns(&renamed).is_err());
    }
}
