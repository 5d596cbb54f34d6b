//! Integration tests: each runs the real `dossier` binary in its own temporary folder with
//! its own database.

mod backup;
mod check;
mod cli;
mod durability;
mod ecosystem;
mod export;
mod extract;
mod guard;
mod hostile;
mod import;
mod migrations;
mod queries;
mod reliability;
mod speakers;
mod util;
