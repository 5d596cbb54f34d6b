//! The command line, declared with clap: global options, subcommands and their arguments.
//! No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::Format;
use crate::period::Period;

/// dossier: a knowledge base of news. Import articles, then ask who said what, when, and
/// with which numbers.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, max_term_width = 100)]
pub struct Cli {
    /// The database file (created on first import).
    #[arg(
        long,
        global = true,
        env = "DOSSIER_DB",
        default_value = "dossier.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,
    /// Print only errors (no per-file lines, warnings or summary).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles from files, folders (recursively) or `-` for stdin.
    Import(ImportArgs),
    /// Re-run the current extractors over stored documents.
    Reextract(ReextractArgs),
    /// List documents, newest first.
    Documents(DocumentsArgs),
    /// Full-text search over titles and bodies, best match first.
    Search(SearchArgs),
    /// Run one read-only SQL statement.
    Sql(SqlArgs),
    /// Write every table as a CSV (or Parquet) file into a folder.
    Export(ExportArgs),
    /// Row counts per table and the database size.
    Stats(OutputArgs),
    /// Write a Datasette metadata file: labels, full-text search, facets, and the built-in
    /// and saved queries as canned queries (`datasette DB --metadata FILE`).
    Datasette(DatasetteArgs),
    /// Check the database: SQLite integrity, foreign keys, and that offsets, sentences,
    /// speakers and full-text indexes agree with the rows (exit 1 on any problem).
    Check,
    /// Copy the database into FILE while it may be in use (a consistent snapshot, moved
    /// into place only when complete).
    Backup(BackupArgs),
    /// Everything known about one person (or organization or place): aliases, roles,
    /// statements, figures cited and who appears alongside.
    ///
    /// A table shows one block per section. JSON is one object with an array of rows per
    /// section (`{"person": [...], "roles": [...], ...}`); CSV, TSV and NDJSON are one
    /// table whose `section` column says where each row belongs (or pick one with
    /// --section).
    Person(PersonArgs),
    /// People with their mention, document and statement counts.
    People(EntityListArgs),
    /// Organizations with their mention, document and statement counts.
    Organizations(EntityListArgs),
    /// Places with their mention, document and statement counts.
    Places(EntityListArgs),
    /// Statements in date order, filtered by speaker, topic, period and kind.
    Statements(StatementsArgs),
    /// Figures in date order, filtered by topic, unit, kind, period and speaker.
    Figures(FiguresArgs),
    /// Documents, statements and figures of a period, in date order.
    Timeline(TimelineArgs),
    /// Run, list, save or delete named queries.
    Query(QueryArgs),
}

/// A period given by --from/--to or --on.
#[derive(Debug, Clone, Args)]
pub struct PeriodArgs {
    /// On or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<Period>,
    /// On or before (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<Period>,
    /// Within one day, month or year (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to"])]
    pub on: Option<Period>,
}

impl PeriodArgs {
    /// First and last day as ISO text (`None` where open), or why the range is empty.
    pub fn bounds(&self) -> Result<(Option<String>, Option<String>), String> {
        match self.on {
            Some(p) => Ok((Some(p.first.to_string()), Some(p.last.to_string()))),
            None => crate::period::range_bounds(self.from, self.to),
        }
    }
}

#[derive(Debug, Args)]
pub struct PersonArgs {
    /// Name or alias (case and accents ignored).
    pub name: String,
    /// At most this many statements, figures and related entities.
    #[arg(long, default_value_t = 10)]
    pub limit: i64,
    /// Only this section, as a table of its own.
    #[arg(long, value_parser = ["person", "roles", "statements", "figures", "related"])]
    pub section: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct EntityListArgs {
    /// Only names containing this text.
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// At most this many rows.
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
    /// Skip this many rows first (the next page starts at the previous --offset plus
    /// --limit).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: i64,
    /// Count the entities by these fields instead of listing them: month or year (of the
    /// first document that mentions each, within the period).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FIELD")]
    pub count_by: Vec<CountBy>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Direct quotation or reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatementKindArg {
    Direct,
    Indirect,
}

/// A field `--count-by` groups rows on. Which apply depends on the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CountBy {
    /// Who said it (statements, timeline).
    Speaker,
    /// The figure's unit (figures).
    Unit,
    /// direct/indirect (statements) or money/count/percent/quantity (figures).
    Kind,
    /// Document, statement or figure (timeline).
    What,
    /// The month of the row's date (YYYY-MM).
    Month,
    /// The year of the row's date.
    Year,
    /// The document's source path.
    Document,
}

impl CountBy {
    /// The field's name, as the command line and the output's column spell it.
    pub fn name(self) -> &'static str {
        match self {
            CountBy::Speaker => "speaker",
            CountBy::Unit => "unit",
            CountBy::Kind => "kind",
            CountBy::What => "what",
            CountBy::Month => "month",
            CountBy::Year => "year",
            CountBy::Document => "document",
        }
    }
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FigureKindArg {
    Money,
    Count,
    Percent,
    Quantity,
}

#[derive(Debug, Args)]
pub struct StatementsArgs {
    /// Speaker name or alias.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Words the statement contains (all of them, as typed; prefix* allowed).
    #[arg(long, value_name = "TEXT")]
    pub about: Option<String>,
    /// Take --about as FTS5 query syntax (AND, OR, NOT, "phrases", NEAR).
    #[arg(long)]
    pub raw: bool,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[arg(long, value_enum)]
    pub kind: Option<StatementKindArg>,
    /// At most this many rows.
    #[arg(long, default_value_t = 100)]
    pub limit: i64,
    /// Skip this many rows first (the next page starts at the previous --offset plus
    /// --limit).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: i64,
    /// Count the rows by these fields instead of listing them (comma-separated, e.g.
    /// unit,month); --limit and --offset then page through the counts.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FIELD")]
    pub count_by: Vec<CountBy>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FiguresArgs {
    /// Text the figure's subject or sentence contains.
    #[arg(long, value_name = "TEXT")]
    pub about: Option<String>,
    /// Unit: an ISO currency code (USD), % or a counted noun (student).
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long, value_enum)]
    pub kind: Option<FigureKindArg>,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Only figures in statements of this speaker.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// At most this many rows.
    #[arg(long, default_value_t = 100)]
    pub limit: i64,
    /// Skip this many rows first (the next page starts at the previous --offset plus
    /// --limit).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: i64,
    /// Count the rows by these fields instead of listing them (comma-separated, e.g.
    /// unit,month); --limit and --offset then page through the counts.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FIELD")]
    pub count_by: Vec<CountBy>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Only what involves this person (or organization or place).
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// At most this many rows.
    #[arg(long, default_value_t = 200)]
    pub limit: i64,
    /// Skip this many rows first (the next page starts at the previous --offset plus
    /// --limit).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: i64,
    /// Count the rows by these fields instead of listing them (comma-separated, e.g.
    /// unit,month); --limit and --offset then page through the counts.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FIELD")]
    pub count_by: Vec<CountBy>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct QueryArgs {
    #[command(subcommand)]
    pub action: Option<QueryAction>,
    /// List the built-in and saved queries with their parameters.
    #[arg(long)]
    pub list: bool,
    /// The query to run.
    #[arg(required_unless_present = "list")]
    pub name: Option<String>,
    /// A parameter, as key=value (repeatable).
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum QueryAction {
    /// Save a read-only SQL query with :named parameters under a name.
    Save {
        name: String,
        sql: String,
        #[arg(long)]
        description: Option<String>,
        /// Overwrite a saved query of the same name (without it, saving refuses to).
        #[arg(long)]
        replace: bool,
    },
    /// Delete a saved query.
    Delete { name: String },
}

/// Where and how a listing is written.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format [default: from the --output extension (.csv, .tsv, .json, .ndjson,
    /// .jsonl, .txt), else table on a terminal, else csv].
    #[arg(long, short = 'f', value_enum, group = "output_format")]
    pub format: Option<Format>,
    /// Same as --format csv.
    #[arg(long, group = "output_format")]
    pub csv: bool,
    /// Same as --format tsv.
    #[arg(long, group = "output_format")]
    pub tsv: bool,
    /// Same as --format json.
    #[arg(long, group = "output_format")]
    pub json: bool,
    /// Same as --format ndjson (newline-delimited JSON).
    #[arg(long, group = "output_format")]
    pub nl: bool,
    /// Write to this file instead of stdout (`-` is stdout).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    /// The format asked for by --format, a shorthand or the --output extension, if any.
    pub fn chosen_format(&self) -> Option<Format> {
        let shorthand = [
            (self.csv, Format::Csv),
            (self.tsv, Format::Tsv),
            (self.json, Format::Json),
            (self.nl, Format::Ndjson),
        ]
        .into_iter()
        .find_map(|(given, f)| given.then_some(f));
        self.format.or(shorthand).or_else(|| {
            self.output
                .as_deref()
                .filter(|p| p.as_os_str() != "-")
                .and_then(Format::from_extension)
        })
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files, folders or `-` (stdin) to import.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// File-name patterns to import from folders (repeatable) [default: *.txt, *.md].
    #[arg(long = "glob", value_name = "PATTERN")]
    pub globs: Vec<String>,
    /// Publication date for articles without a `date` header.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub date: Option<chrono::NaiveDate>,
    /// Replace earlier documents from the same source path when their content changed.
    /// With --date, also give stored content without a date header the new date.
    #[arg(long)]
    pub replace: bool,
    /// Largest file to import, e.g. 10MB, 512K, 2000000.
    #[arg(long, default_value = "10MB", value_parser = parse_size, value_name = "SIZE")]
    pub max_size: u64,
    /// Stop at the first file that fails.
    #[arg(long)]
    pub fail_fast: bool,
    /// Threads that read and extract articles [default: one per core]. One more thread
    /// writes to the database.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
}

#[derive(Debug, Args)]
pub struct ReextractArgs {
    /// Re-extract every document, not only those from an older extractor version.
    #[arg(long)]
    pub all: bool,
    /// Report what re-extraction would change without changing anything (it runs on a
    /// copy of the database in memory).
    #[arg(long)]
    pub dry_run: bool,
    /// How to print the summary of changes.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// How `reextract` prints what it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    /// Counts and the first few examples, for reading.
    Text,
    /// Everything, as one JSON object.
    Json,
}

#[derive(Debug, Args)]
pub struct DatasetteArgs {
    /// Write to this file instead of stdout (`-` is stdout).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DocumentsArgs {
    /// Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<Period>,
    /// Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<Period>,
    /// Only documents without a publication date (give them one with
    /// `import --date YYYY-MM-DD --replace FILE`).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub undated: bool,
    /// At most this many rows.
    #[arg(long, default_value_t = 100)]
    pub limit: i64,
    /// Skip this many rows first (the next page starts at the previous --offset plus
    /// --limit).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: i64,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, matched as typed (all of them; prefix* allowed).
    pub query: String,
    /// Take QUERY as FTS5 syntax ("vaccine AND Iran", "\"global efforts\"", "multilat*").
    #[arg(long)]
    pub raw: bool,
    /// At most this many rows.
    #[arg(long, default_value_t = 20)]
    pub limit: i64,
    /// Skip this many rows first (the next page starts at the previous --offset plus
    /// --limit).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: i64,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The statement to run (SELECT, WITH, EXPLAIN, or a read-only PRAGMA); without it and
    /// without --file, it is read from stdin.
    #[arg(conflicts_with = "file")]
    pub query: Option<String>,
    /// Read the statement from a file (`-` is stdin; at most 1 MiB).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// A named parameter for the statement, as key=value (repeatable).
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Bounds on a user's query, so that a runaway one ends by itself.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Stop the query after this many seconds (0 for no limit).
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
    /// Show at most this many rows in a table, saying how many were left out (0 for all;
    /// the other formats stream every row).
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub max_rows: usize,
}

impl LimitArgs {
    /// The time limit, `None` for none.
    pub fn timeout(&self) -> Option<std::time::Duration> {
        (self.timeout > 0).then(|| std::time::Duration::from_secs(self.timeout))
    }
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Folder to write the files into (created if missing).
    pub dir: PathBuf,
    /// Only these tables (comma-separated), e.g. mentions,statements,figures.
    #[arg(long, value_delimiter = ',', value_name = "TABLES")]
    pub tables: Vec<String>,
    /// File format: one TABLE.csv or one typed TABLE.parquet per table.
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
}

/// The file format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Apache Parquet with typed, nullable-where-allowed columns (Snappy-compressed).
    Parquet,
}

fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::ingest::parse::parse_iso_date(s)
        .ok_or_else(|| format!("invalid date {s:?}: expected YYYY-MM-DD"))
}

/// Parses `key=value`.
pub fn parse_param(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => {
            Ok((k.trim().trim_start_matches(':').to_owned(), v.to_owned()))
        }
        _ => Err(format!("invalid parameter {s:?}: expected KEY=VALUE")),
    }
}

/// Parses a size such as `10MB`, `512K` or `2000000` (bytes; K, M, G are powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_uppercase();
    let t = t.strip_suffix('B').unwrap_or(&t).trim_end();
    let (digits, mult) = match t.chars().last() {
        Some('K') => (&t[..t.len() - 1], 1u64 << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    let n: f64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("invalid size {s:?}: expected e.g. 10MB, 512K or 2000000"))?;
    if n < 0.0 {
        return Err(format!("invalid size {s:?}: must not be negative"));
    }
    Ok((n * mult as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MB"), Ok(10 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("2000"), Ok(2000));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert!(parse_size("ten").is_err());
    }

    #[test]
    fn params() {
        assert_eq!(
            parse_param("name=Wang Yi"),
            Ok(("name".into(), "Wang Yi".into()))
        );
        assert_eq!(parse_param(":a=b=c"), Ok(("a".into(), "b=c".into())));
        assert!(parse_param("novalue").is_err());
    }

    #[test]
    fn person_sections_are_the_ones_shown() {
        use clap::CommandFactory;
        let cli = Cli::command();
        let person = cli.find_subcommand("person").unwrap();
        let section = person
            .get_arguments()
            .find(|a| a.get_id() == "section")
            .unwrap();
        let offered: Vec<String> = section
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_owned())
            .collect();
        let shown: Vec<&str> = crate::store::listing::PERSON_SECTIONS
            .iter()
            .map(|(t, _)| *t)
            .collect();
        assert_eq!(offered, shown);
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
