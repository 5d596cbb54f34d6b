//! `dossier sql`: one ad-hoc read-only statement on a read-only connection, under a time
//! limit and with its text bounded.

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::Context;

use super::{open_capped_sink, Status};
use crate::cli::SqlArgs;
use crate::output::Value;
use crate::store::Store;

/// The longest statement read from `--file` or stdin: far beyond any real query, and small
/// enough that `--file /dev/zero` fails at once instead of filling memory.
const MAX_SQL_BYTES: u64 = 1 << 20;

pub fn run(db: &Path, args: &SqlArgs) -> anyhow::Result<Status> {
    let sql = match (&args.query, &args.file) {
        (Some(q), _) => q.clone(),
        (None, Some(f)) => read_statement(f)?,
        (None, None) if !std::io::stdin().is_terminal() => read_statement(Path::new("-"))?,
        (None, None) => {
            anyhow::bail!("no statement: give one as an argument, with --file FILE, or on stdin")
        }
    };
    let store = Store::open_read_only(db)?;
    let params: Vec<(&str, Value)> = args
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), Value::from(v.as_str())))
        .collect();
    let mut sink = open_capped_sink(&args.output, args.limits.max_rows)?;
    store.query_read_only(&sql, &params, sink.as_mut(), args.limits.timeout())?;
    Ok(Status::Success)
}

/// The statement in `file` (`-` for stdin), refusing one longer than `MAX_SQL_BYTES`.
fn read_statement(file: &Path) -> anyhow::Result<String> {
    let name = crate::outpath::display(file);
    let reader: Box<dyn Read> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(file).with_context(|| format!("could not read {name}"))?)
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_SQL_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("could not read {name}"))?;
    if bytes.len() as u64 > MAX_SQL_BYTES {
        anyhow::bail!(
            "{name}: the statement is longer than {} MiB; dossier sql runs one statement",
            MAX_SQL_BYTES >> 20
        );
    }
    String::from_utf8(bytes).with_context(|| format!("{name}: the statement is not UTF-8 text"))
}
