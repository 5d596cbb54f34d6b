//! One module per subcommand: each opens the store, calls library code and renders. No SQL
//! or parsing lives here.

mod backup;
mod check;
mod documents;
mod entity;
mod export;
mod figures;
mod import;
mod person;
mod query;
mod reextract;
mod search;
mod sql;
mod statements;
mod stats;
mod timeline;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::Context;

use crate::cli::{Cli, Command, OutputArgs};
use crate::output::{self, Format, Sink};

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything worked.
    Success,
    /// The command ran, but some inputs failed (already reported on stderr).
    Partial,
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<Status> {
    let db = cli.db.as_path();
    if let Some(refused) =
        listing_output(&cli.command).and_then(|out| crate::outpath::refuse_database_file(db, out))
    {
        anyhow::bail!("--output {refused}");
    }
    match &cli.command {
        Command::Import(args) => import::run(db, args, cli.quiet),
        Command::Reextract(args) => reextract::run(db, args, cli.quiet),
        Command::Documents(args) => documents::run(db, args),
        Command::Search(args) => search::run(db, args),
        Command::Sql(args) => sql::run(db, args),
        Command::Export(args) => export::run(db, args, cli.quiet),
        Command::Stats(args) => stats::run(db, args),
        Command::Check => check::run(db),
        Command::Backup(args) => backup::run(db, args, cli.quiet),
        Command::Person(args) => person::run(db, args),
        Command::People(args) => entity::list(db, "person", args),
        Command::Organizations(args) => entity::list(db, "organization", args),
        Command::Places(args) => entity::list(db, "place", args),
        Command::Statements(args) => statements::run(db, args),
        Command::Figures(args) => figures::run(db, args),
        Command::Timeline(args) => timeline::run(db, args),
        Command::Query(args) => query::run(db, args),
    }
}

/// The file a listing command writes with `--output`, if any (`-` is stdout).
fn listing_output(command: &Command) -> Option<&std::path::Path> {
    let args = match command {
        Command::Documents(a) => &a.output,
        Command::Search(a) => &a.output,
        Command::Sql(a) => &a.output,
        Command::Stats(a) => a,
        Command::Person(a) => &a.output,
        Command::People(a) | Command::Organizations(a) | Command::Places(a) => &a.output,
        Command::Statements(a) => &a.output,
        Command::Figures(a) => &a.output,
        Command::Timeline(a) => &a.output,
        Command::Query(a) => &a.output,
        Command::Import(_)
        | Command::Reextract(_)
        | Command::Export(_)
        | Command::Check
        | Command::Backup(_) => return None,
    };
    args.output.as_deref().filter(|p| p.as_os_str() != "-")
}

/// The sink a listing writes to: the chosen format (table on a terminal, else CSV) into
/// stdout or `--output`.
pub(crate) fn open_sink(args: &OutputArgs) -> anyhow::Result<Box<dyn Sink>> {
    let (format, writer) = open_writer(args)?;
    Ok(output::sink(format, writer))
}

/// The format and writer a listing uses: stdout or `--output`, table on a terminal, else CSV.
pub(crate) fn open_writer(args: &OutputArgs) -> anyhow::Result<(Format, Box<dyn Write>)> {
    let to_file = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let (writer, terminal): (Box<dyn Write>, bool) = match to_file {
        Some(path) => {
            let file = File::create(path)
                .with_context(|| format!("could not create {}", path.display()))?;
            (Box::new(BufWriter::new(file)), false)
        }
        None => (
            Box::new(BufWriter::new(io::stdout().lock())),
            io::stdout().is_terminal(),
        ),
    };
    Ok((
        args.format
            .unwrap_or(if terminal { Format::Table } else { Format::Csv }),
        writer,
    ))
}

/// Plain words as an FTS5 query that needs all of them: each word quoted, so punctuation is
/// not taken for query syntax; a trailing `*` keeps prefix search.
pub(crate) fn fts_words(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let (word, star) = match w.strip_suffix('*') {
                Some(stem) => (stem, "*"),
                None => (w, ""),
            };
            format!("\"{}\"{star}", word.replace('"', "\"\""))
        })
        .collect::<Vec<_>>()
        .join(" ")
}
