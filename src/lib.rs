//! dossier: a command-line knowledge base of news backed by SQLite.
//!
//! The library holds everything; `main.rs` only parses the command line and maps the result
//! to an exit code.

/// Pure extraction: article text in, `model::Extraction` out.
pub mod ingest;
/// The records extraction produces.
pub mod model;
/// Name folding shared by the store and the queries.
pub mod normalize;
