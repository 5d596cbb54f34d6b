//! One module per subcommand: each opens the store, calls library code and renders. No SQL
//! or parsing lives here.

mod backup;
mod check;
mod datasette;
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

use crate::cli::{Cli, Command, CountBy, OutputArgs};
use crate::output::{self, Format, Page, Sink, Value};
use crate::store::listing::{count_by_expression, counted_sql};
use crate::store::read::Param;
use crate::store::Store;

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
        Command::Datasette(args) => datasette::run(db, args),
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
        Command::Datasette(a) => return a.output.as_deref().filter(|p| p.as_os_str() != "-"),
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
        args.chosen_format()
            .unwrap_or(if terminal { Format::Table } else { Format::Csv }),
        writer,
    ))
}

/// How much of a listing to show: `--limit` rows after skipping `--offset`, or with
/// `--count-by` the counts of its rows by those fields.
pub(crate) struct Paging<'a> {
    pub limit: i64,
    pub offset: i64,
    pub count_by: &'a [CountBy],
}

/// Runs the listing `sql` (which takes `:limit` and `:offset`) into the chosen output. A
/// table that shows only part of the result says how many rows there are in all and which
/// `--offset` shows the next page.
pub(crate) fn run_listing(
    store: &Store,
    sql: &str,
    params: &[Param],
    paging: Paging,
    output: &OutputArgs,
) -> anyhow::Result<Status> {
    let with = |limit: i64, offset: i64| {
        let mut p = params.to_vec();
        p.push(("limit", Value::Integer(limit)));
        p.push(("offset", Value::Integer(offset)));
        p
    };
    // The whole result (no limit), and one page of it.
    let (whole_sql, whole_params, page_sql) = if paging.count_by.is_empty() {
        (sql.to_owned(), with(-1, 0), sql.to_owned())
    } else {
        let columns = store.column_names(sql)?;
        let mut groups = Vec::new();
        for field in paging.count_by {
            match count_by_expression(field.name(), &columns) {
                Some(g) => groups.push(g),
                None => anyhow::bail!(
                    "--count-by {} does not apply here; this listing has the columns {}",
                    field.name(),
                    columns.join(", ")
                ),
            }
        }
        let counted = counted_sql(sql, &groups);
        let page = format!("{counted} LIMIT :page_limit OFFSET :page_offset");
        (counted, with(-1, 0), page)
    };
    let page_params = if paging.count_by.is_empty() {
        with(paging.limit, paging.offset)
    } else {
        let mut p = whole_params.clone();
        p.push(("page_limit", Value::Integer(paging.limit)));
        p.push(("page_offset", Value::Integer(paging.offset)));
        p
    };
    let (format, writer) = open_writer(output)?;
    let mut sink = output::sink(format, writer);
    let mut rows = CountingRows {
        inner: sink.as_mut(),
        rows: 0,
    };
    store.query(&page_sql, &page_params, &mut rows)?;
    let shown = rows.rows;
    let partial = paging.offset > 0 || (paging.limit >= 0 && shown as i64 >= paging.limit);
    if format == Format::Table && partial {
        let total = store.count_rows(&whole_sql, &whole_params)?;
        sink.page(Page {
            offset: paging.offset.max(0) as usize,
            total,
        });
    }
    sink.finish()?;
    Ok(Status::Success)
}

/// Passes rows on and counts them, leaving `finish` to the caller (which may first tell
/// the sink where the page sits).
struct CountingRows<'s, 'a> {
    inner: &'s mut (dyn Sink + 'a),
    rows: usize,
}

impl Sink for CountingRows<'_, '_> {
    fn columns(&mut self, columns: &[String]) -> io::Result<()> {
        self.inner.columns(columns)
    }
    fn row(&mut self, row: &[Value]) -> io::Result<()> {
        self.rows += 1;
        self.inner.row(row)
    }
    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
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
