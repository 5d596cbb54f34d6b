//! Integration tests: each runs the real `dossier` binary in its own temporary folder with
//! its own database.

mod cli;
mod extract;
mod hostile;
mod import;
mod queries;
mod util;
