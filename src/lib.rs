//! dossier: a command-line knowledge base of news backed by SQLite.
//!
//! The library holds everything; `main.rs` only parses the command line and maps the result
//! to an exit code.

/// The command line declaration.
pub mod cli;
/// One module per subcommand.
pub mod cmd;
/// Pure extraction: article text in, `model::Extraction` out.
pub mod ingest;
/// The records extraction produces.
pub mod model;
/// Name folding shared by the store and the queries.
pub mod normalize;
/// Where commands may write: never over the database, and temporary files made safely.
pub mod outpath;
/// Rows rendered as table, CSV, JSON or NDJSON.
pub mod output;
/// Parquet files for `export --format parquet`.
pub mod parquet;
/// Periods given on the command line (YYYY, YYYY-MM, YYYY-MM-DD).
pub mod period;
/// The built-in catalog of named queries.
pub mod query;
/// The SQLite store: the only module that uses rusqlite.
pub mod store;

pub use cmd::{run, Status};
