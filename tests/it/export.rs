//! `export --format parquet`: every table read back with the parquet crate's reader must
//! hold the same rows as the database, with typed and nullable columns.

use parquet::basic::{Repetition, Type as PhysicalType};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, RowAccessor};

use crate::util::{repo, Dir};

use dossier::store::read::TABLES;

fn reader(dir: &Dir, file: &str) -> SerializedFileReader<std::fs::File> {
    let f = std::fs::File::open(dir.path("pq").join(file)).unwrap();
    SerializedFileReader::new(f).unwrap()
}

/// A Parquet cell as the CSV export writes it.
fn as_csv(field: &Field) -> String {
    match field {
        Field::Null => String::new(),
        Field::Long(i) => i.to_string(),
        Field::Double(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
        Field::Double(f) => f.to_string(),
        Field::Str(s) => s.clone(),
        other => panic!("unexpected Parquet field {other:?}"),
    }
}

#[test]
fn parquet_export_reads_back_as_the_database() {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    dir.run_ok(&[
        "query",
        "save",
        "recent",
        "SELECT title FROM documents WHERE published >= :day",
    ]);
    dir.run_ok(&["export", "csv"]);
    dir.run_ok(&["export", "pq", "--format", "parquet"]);

    let mut files: Vec<String> = std::fs::read_dir(dir.path("pq"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = TABLES.iter().map(|t| format!("{t}.parquet")).collect();
    expected.sort();
    assert_eq!(files, expected, "one file per table and no temporary files");

    for table in TABLES {
        let count: usize = dir
            .scalar(&format!("SELECT count(*) FROM {table}"))
            .parse()
            .unwrap();
        assert!(count > 0, "{table} is empty: the test data should fill it");
        let r = reader(&dir, &format!("{table}.parquet"));
        assert_eq!(
            r.metadata().file_metadata().num_rows() as usize,
            count,
            "{table}"
        );
        // Same columns and, cell for cell, the same rows as the CSV export.
        let csv_text =
            std::fs::read_to_string(dir.path("csv").join(format!("{table}.csv"))).unwrap();
        let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
        let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_owned).collect();
        let fields = r
            .metadata()
            .file_metadata()
            .schema_descr()
            .columns()
            .to_vec();
        let names: Vec<String> = fields.iter().map(|c| c.name().to_owned()).collect();
        assert_eq!(names, header, "{table}");
        let csv_rows: Vec<Vec<String>> = csv
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        let pq_rows: Vec<Vec<String>> = r
            .get_row_iter(None)
            .unwrap()
            .map(|row| {
                row.unwrap()
                    .get_column_iter()
                    .map(|(_, f)| as_csv(f))
                    .collect()
            })
            .collect();
        assert_eq!(pq_rows.len(), count, "{table}");
        assert_eq!(pq_rows, csv_rows, "{table}");
    }

    // Typed columns: integers, doubles, UTF-8 text; NULL only where the schema allows it.
    let figures = reader(&dir, "figures.parquet");
    let schema = figures.metadata().file_metadata().schema_descr();
    let column = |name: &str| {
        schema
            .columns()
            .iter()
            .find(|c| c.name() == name)
            .unwrap()
            .clone()
    };
    assert_eq!(column("value").physical_type(), PhysicalType::DOUBLE);
    assert_eq!(column("document_id").physical_type(), PhysicalType::INT64);
    assert_eq!(column("unit").physical_type(), PhysicalType::BYTE_ARRAY);
    assert_eq!(
        column("unit").self_type().get_basic_info().repetition(),
        Repetition::REQUIRED
    );
    assert_eq!(
        column("subject").self_type().get_basic_info().repetition(),
        Repetition::OPTIONAL
    );
    // The seed article's export figure, as the database has it.
    let wanted = dir.sql(
        "SELECT f.value, f.unit, f.document_id FROM figures f WHERE f.surface = '4.3 billion USD'",
    );
    assert_eq!(wanted.len(), 1);
    let row = figures
        .get_row_iter(None)
        .unwrap()
        .map(Result::unwrap)
        .find(|row| row.get_string(4).is_ok_and(|t| t == "4.3 billion USD"))
        .expect("the 4.3 billion USD figure");
    assert_eq!(row.get_double(1).unwrap(), 4.3e9);
    assert_eq!(row.get_string(2).unwrap(), &wanted[0][1]);
    assert_eq!(row.get_long(12).unwrap().to_string(), wanted[0][2]);

    // A statement without a speaker has NULL speaker and speaker_id.
    let unattributed: usize = dir
        .scalar("SELECT count(*) FROM statements WHERE speaker_id IS NULL")
        .parse()
        .unwrap();
    let nulls = reader(&dir, "statements.parquet")
        .get_row_iter(None)
        .unwrap()
        .map(Result::unwrap)
        .filter(|row| {
            let cells: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
            cells[1] == &Field::Null && cells[10] == &Field::Null
        })
        .count();
    assert_eq!(nulls, unattributed);
    let saved = reader(&dir, "saved_queries.parquet");
    let row = saved.get_row_iter(None).unwrap().next().unwrap().unwrap();
    assert_eq!(row.get_string(0).unwrap(), "recent");
    assert_eq!(row.get_column_iter().nth(1).unwrap().1, &Field::Null);
}

#[test]
fn parquet_export_honours_tables() {
    let dir = Dir::new();
    dir.import(&[&repo().join("data")]);
    dir.run_ok(&[
        "export",
        "pq",
        "--format",
        "parquet",
        "--tables",
        "statements,figures",
    ]);
    let mut files: Vec<String> = std::fs::read_dir(dir.path("pq"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["figures.parquet", "statements.parquet"]);
}
