//! Consistency checks (`dossier check`): SQLite's own integrity and foreign-key checks, then
//! what dossier relies on but the schema cannot enforce: rows point at a sentence of their
//! own document, offsets point at the text stored with them, speakers exist (and are
//! people or organizations, else a warning), and the full-text indexes hold exactly the
//! rows they index.

use super::{Store, StoreError};

/// How much a failed check matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Something is wrong: queries may give wrong answers.
    Error,
    /// Worth knowing, harmless to queries.
    Warning,
}

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was checked, as the report names it.
    pub check: &'static str,
    pub severity: Severity,
    /// How many problems were found (0 when the check passed).
    pub problems: u64,
    /// The first few problems, each naming the rows involved.
    pub examples: Vec<String>,
}

/// How many problems of one check the report names.
const EXAMPLES: usize = 3;

/// Checks whose problems are the rows of one query (one text column describing each).
const CHECKS: &[(&str, Severity, &str)] = &[
    ("sentence links", Severity::Error, SENTENCE_LINKS),
    ("offsets", Severity::Error, OFFSETS),
    ("speakers", Severity::Error, SPEAKERS),
    ("place speakers", Severity::Warning, PLACE_SPEAKERS),
    ("documents_fts", Severity::Error, DOCUMENTS_FTS),
    ("statements_fts", Severity::Error, STATEMENTS_FTS),
    ("orphan entities", Severity::Warning, ORPHANS),
];

/// Mentions, statements (first and last sentence), figures and dates whose sentence is
/// missing or belongs to another document.
const SENTENCE_LINKS: &str = "
    SELECT t.what || ' #' || t.id || ': sentence ' || t.sentence_id ||
           CASE WHEN s.id IS NULL THEN ' does not exist'
                ELSE ' is in document ' || s.document_id || ', not ' || t.document_id END
    FROM (SELECT 'mention' AS what, id, document_id, sentence_id FROM mentions
          UNION ALL SELECT 'statement', id, document_id, sentence_id FROM statements
          UNION ALL SELECT 'statement', id, document_id, last_sentence_id FROM statements
          UNION ALL SELECT 'figure', id, document_id, sentence_id FROM figures
          UNION ALL SELECT 'date', id, document_id, sentence_id FROM dates) t
    LEFT JOIN sentences s ON s.id = t.sentence_id
    WHERE s.id IS NULL OR s.document_id <> t.document_id";

/// Spans outside their document's body, or whose stored text is not the body at those
/// offsets. Offsets count bytes of the UTF-8 body, hence the comparison as BLOBs (on TEXT,
/// SQLite's substr counts characters).
const OFFSETS: &str = "
    SELECT t.what || ' #' || t.id || ' (document ' || t.document_id || ', bytes ' || t.start || '..' || t.end || ')' ||
           CASE WHEN t.start < 0 OR t.end < t.start OR t.end > length(CAST(d.body AS BLOB))
                THEN ' lies outside the body' ELSE ': text differs from the body' END
    FROM (SELECT 'sentence' AS what, id, document_id, start, end, text FROM sentences
          UNION ALL SELECT 'mention', id, document_id, start, end, surface FROM mentions
          UNION ALL SELECT 'statement', id, document_id, start, end, content FROM statements
          UNION ALL SELECT 'figure', id, document_id, start, end, surface FROM figures
          UNION ALL SELECT 'date', id, document_id, start, end, surface FROM dates) t
    JOIN documents d ON d.id = t.document_id
    WHERE t.start < 0 OR t.end < t.start OR t.end > length(CAST(d.body AS BLOB))
       OR substr(CAST(d.body AS BLOB), t.start + 1, t.end - t.start) <> CAST(t.text AS BLOB)";

/// Statements whose speaker does not exist.
const SPEAKERS: &str = "
    SELECT 'statement #' || s.id || ': speaker ' || s.speaker_id || ' does not exist'
    FROM statements s
    WHERE s.speaker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = s.speaker_id)";

/// Statements attributed to a place. Only a warning: news does say "Australia said", and
/// the extractor keeps such speakers, but a person classified as a place shows up here too.
const PLACE_SPEAKERS: &str = "
    SELECT 'statement #' || s.id || ': speaker ' || e.id || ' \"' || e.name || '\" is a ' || e.kind
    FROM statements s JOIN entities e ON e.id = s.speaker_id
    WHERE e.kind NOT IN ('person', 'organization')
    ORDER BY s.id";

// The FTS5 'integrity-check' command is an INSERT, which a read-only connection refuses;
// the docsize shadow table holds one row per indexed rowid, so comparing it with the base
// table finds rows missing from the index and index entries left behind.
const DOCUMENTS_FTS: &str = "
    SELECT 'document #' || id || ' is not in the index' FROM documents
    WHERE id NOT IN (SELECT id FROM documents_fts_docsize)
    UNION ALL
    SELECT 'index entry ' || id || ' has no document' FROM documents_fts_docsize
    WHERE id NOT IN (SELECT id FROM documents)";

const STATEMENTS_FTS: &str = "
    SELECT 'statement #' || id || ' is not in the index' FROM statements
    WHERE id NOT IN (SELECT id FROM statements_fts_docsize)
    UNION ALL
    SELECT 'index entry ' || id || ' has no statement' FROM statements_fts_docsize
    WHERE id NOT IN (SELECT id FROM statements)";

/// Entities nothing mentions any more (left behind when documents are replaced).
const ORPHANS: &str = "
    SELECT 'entity #' || e.id || ' ' || e.kind || ' \"' || e.name || '\"' FROM entities e
    WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id)
    ORDER BY e.id";

impl Store {
    /// Runs every check and returns one finding per check, in report order.
    pub fn check(&self) -> Result<Vec<Finding>, StoreError> {
        let mut findings = vec![
            self.finding(
                "integrity",
                Severity::Error,
                // One row "ok" when the file is sound, else one row per problem.
                "SELECT integrity_check FROM pragma_integrity_check WHERE integrity_check <> 'ok'",
            )?,
            self.finding(
                "foreign keys",
                Severity::Error,
                "SELECT \"table\" || ' #' || rowid || ' points at a missing row of ' || parent
                 FROM pragma_foreign_key_check",
            )?,
        ];
        for (check, severity, sql) in CHECKS {
            findings.push(self.finding(check, *severity, sql)?);
        }
        Ok(findings)
    }

    fn finding(
        &self,
        check: &'static str,
        severity: Severity,
        sql: &str,
    ) -> Result<Finding, StoreError> {
        let mut stmt = self.conn().prepare(sql)?;
        let mut rows = stmt.query([])?;
        let mut finding = Finding {
            check,
            severity,
            problems: 0,
            examples: Vec::new(),
        };
        while let Some(row) = rows.next()? {
            finding.problems += 1;
            if finding.examples.len() < EXAMPLES {
                let example: Option<String> = row.get(0)?;
                finding.examples.push(example.unwrap_or_default());
            }
        }
        Ok(finding)
    }
}
