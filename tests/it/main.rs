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
mod limits;
mod migrations;
mod queries;
mod redate;
mod reliability;
mod snapshot;
mod speakers;
mod tools;
mod upgrade;
mod util;
