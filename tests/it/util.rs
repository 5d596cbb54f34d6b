//! A fresh working folder per test, with helpers to write articles and run dossier on a
//! database inside it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

/// The repository root (for `data/`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed article shipped in `data/`.
pub fn seed_path() -> PathBuf {
    repo().join("data/000_14e4a38ff4af8c64.txt")
}

/// The schema version a current database has: the number of migrations.
pub fn schema_version() -> String {
    std::fs::read_dir(repo().join("migrations"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "sql")
        })
        .count()
        .to_string()
}

/// The shared evaluation material beside the repository, when present.
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.join("eval/score.py").exists().then_some(p)
}

pub struct Dir {
    pub tmp: TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: TempDir::new().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("test.db")
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    /// `dossier --db <this test's db>`, run inside the test folder.
    pub fn cmd(&self) -> Command {
        self.cmd_on(&self.db())
    }

    /// `dossier --db DB`, run inside the test folder.
    pub fn cmd_on(&self, db: &Path) -> Command {
        let mut c = Command::new(cargo_bin!("dossier"));
        c.current_dir(self.tmp.path())
            .arg("--db")
            .arg(db)
            .env_remove("DOSSIER_DB")
            .env("COLUMNS", "200");
        c
    }

    /// Runs dossier with `args`, asserting success, and returns stdout.
    pub fn run_ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "dossier {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs an SQL query and returns its CSV rows (without the header) as fields.
    pub fn sql(&self, query: &str) -> Vec<Vec<String>> {
        let out = self.run_ok(&["sql", query, "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    /// A single value from an SQL query.
    pub fn scalar(&self, query: &str) -> String {
        self.sql(query).remove(0).remove(0)
    }

    /// How many rows of `table` have offsets (`start`, `end`) that do not point at their
    /// `text_column` in the document body ("0" when all do).
    pub fn misplaced_spans(&self, table: &str, text_column: &str) -> String {
        self.scalar(&format!(
            "SELECT count(*) FROM {table} t JOIN documents d ON d.id = t.document_id
             WHERE substr(CAST(d.body AS BLOB), t.start + 1, t.end - t.start) <> CAST(t.{text_column} AS BLOB)"
        ))
    }

    /// Imports `paths`, asserting success.
    pub fn import(&self, paths: &[&Path]) {
        let mut c = self.cmd();
        c.arg("import").args(paths);
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Runs `cmd` to completion, killing it and failing the test if it is still running after
/// `limit`: a guard against hangs, not a measure of speed.
pub fn output_within(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drained meanwhile, so a chatty child never blocks on a full pipe.
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {limit:?}; killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}
