//! `dossier check`: runs the store's consistency checks on a read-only connection and
//! prints one line per check; exits 1 when any check that matters found a problem.

use std::io::{self, Write};
use std::path::Path;

use super::Status;
use crate::store::check::{Finding, Severity};
use crate::store::Store;

pub fn run(db: &Path) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let findings = store.check()?;
    let mut out = io::stdout().lock();
    for f in &findings {
        writeln!(out, "{}", line(f))?;
    }
    let failed = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.problems > 0)
        .count();
    if failed == 0 {
        writeln!(out, "ok: no problems found")?;
        Ok(Status::Success)
    } else {
        let s = if failed == 1 { "" } else { "s" };
        writeln!(out, "{failed} check{s} found problems")?;
        Ok(Status::Partial)
    }
}

/// `check   ok`, or the count of problems with the first few of them.
fn line(f: &Finding) -> String {
    if f.problems == 0 {
        return format!("{:<16} ok", f.check);
    }
    let noun = match (f.severity, f.problems) {
        (Severity::Error, 1) => "problem",
        (Severity::Error, _) => "problems",
        (Severity::Warning, 1) => "warning",
        (Severity::Warning, _) => "warnings",
    };
    let more = if f.problems > f.examples.len() as u64 {
        ", …"
    } else {
        ""
    };
    format!(
        "{:<16} {} {noun}: {}{more}",
        f.check,
        f.problems,
        f.examples.join(", ")
    )
}
