//! The `dossier` binary: parse the command line, run it, map the result to an exit code.
//! 0 success, 1 failure (including a partial import), 2 usage error; a closed pipe is 0.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match dossier::run(cli) {
        Ok(dossier::Status::Success) => ExitCode::SUCCESS,
        Ok(dossier::Status::Partial) => ExitCode::FAILURE,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Escaped: a path in the message may hold a newline or an escape sequence.
            let message = dossier::outpath::escape_controls(&format!("{e:#}"));
            eprintln!("dossier: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Whether the error is stdout going away (`dossier export | head`): not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
