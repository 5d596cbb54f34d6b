//! The reads behind the listing commands: finding entities by name, and the SQL of the
//! people, statements, figures and timeline listings. Every filter is a bound parameter;
//! NULL means "no filter".

use rusqlite::params;

use super::{Store, StoreError};

/// An entity that matched a name given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMatch {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub documents: i64,
    pub statements: i64,
    /// Distinct role titles, "; "-joined.
    pub roles: String,
}

impl Store {
    /// Entities of `kind` (any kind when `None`) whose canonical name or an alias equals
    /// `name`, ignoring case, accents and punctuation. When nothing matches exactly, names
    /// that contain `name` as whole words ("Zarif" in "Mohammad Javad Zarif") are returned.
    pub fn find_entities(
        &self,
        name: &str,
        kind: Option<&str>,
    ) -> Result<Vec<EntityMatch>, StoreError> {
        let exact = "SELECT DISTINCT entity_id FROM aliases WHERE normalized = fold(?1)";
        let words = "SELECT id FROM entities
                     WHERE fold(?1) <> '' AND (' ' || normalized || ' ') LIKE ('% ' || fold(?1) || ' %')";
        for candidates in [exact, words] {
            let sql = format!(
                "SELECT e.id, e.kind, e.name,
                        (SELECT count(DISTINCT document_id) FROM mentions WHERE entity_id = e.id),
                        (SELECT count(*) FROM statements WHERE speaker_id = e.id),
                        coalesce((SELECT group_concat(title, '; ') FROM (SELECT DISTINCT
                                    CASE WHEN former THEN 'former ' ELSE '' END || title AS title
                                  FROM roles WHERE entity_id = e.id ORDER BY title)), '')
                 FROM entities e
                 WHERE e.id IN ({candidates}) AND (?2 IS NULL OR e.kind = ?2)
                 ORDER BY 4 DESC, e.name"
            );
            let mut stmt = self.conn().prepare(&sql)?;
            let found: Vec<EntityMatch> = stmt
                .query_map(params![name, kind], |r| {
                    Ok(EntityMatch {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        name: r.get(2)?,
                        documents: r.get(3)?,
                        statements: r.get(4)?,
                        roles: r.get(5)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Ok(Vec::new())
    }
}

/// People, organizations or places with their counts, most mentioned first.
/// Parameters: :kind, :name (substring of the folded name, or NULL), :from, :to (publication
/// dates of the documents counted, or NULL), :limit.
pub const ENTITIES_SQL: &str = "
    SELECT e.id, e.name,
           count(*) AS mentions,
           count(DISTINCT m.document_id) AS documents,
           (SELECT count(*) FROM statements s WHERE s.speaker_id = e.id
              AND (:from IS NULL OR s.said_start >= :from) AND (:to IS NULL OR s.said_start <= :to)) AS statements,
           (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM aliases a WHERE a.entity_id = e.id
              AND a.normalized <> e.normalized ORDER BY alias)) AS aliases
    FROM entities e
    JOIN mentions m ON m.entity_id = e.id
    JOIN documents d ON d.id = m.document_id
    WHERE e.kind = :kind
      AND (:name IS NULL OR e.normalized LIKE '%' || fold(:name) || '%')
      AND (:from IS NULL OR d.published >= :from) AND (:to IS NULL OR d.published <= :to)
    GROUP BY e.id
    ORDER BY mentions DESC, e.name
    LIMIT :limit";

/// Statements in chronological order. Parameters: :speakers (JSON array of entity ids, or
/// NULL), :about (FTS5 query, or NULL), :from, :to, :kind, :limit.
pub const STATEMENTS_SQL: &str = "
    SELECT s.said_start AS date, s.said_source AS dated_by, e.name AS speaker, s.kind, s.cue,
           s.content, d.source AS document
    FROM statements s
    JOIN documents d ON d.id = s.document_id
    LEFT JOIN entities e ON e.id = s.speaker_id
    WHERE (:speakers IS NULL OR s.speaker_id IN (SELECT value FROM json_each(:speakers)))
      AND (:about IS NULL OR s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :about))
      AND (:from IS NULL OR s.said_start >= :from) AND (:to IS NULL OR s.said_start <= :to)
      AND (:kind IS NULL OR s.kind = :kind)
    ORDER BY s.said_start IS NULL, s.said_start, s.document_id, s.start
    LIMIT :limit";

/// Figures in the order of the period they hold for. Parameters: :about (words of the
/// subject or sentence, as an FTS5 query over the document, or NULL), :unit, :kind,
/// :from, :to, :speakers (JSON array: figures in sentences where they speak), :limit.
pub const FIGURES_SQL: &str = "
    SELECT f.period_start AS date, f.period_source AS dated_by, f.value, f.unit, f.kind,
           f.approximate, f.surface AS text, f.subject, d.source AS document
    FROM figures f
    JOIN documents d ON d.id = f.document_id
    JOIN sentences t ON t.id = f.sentence_id
    WHERE (:unit IS NULL OR f.unit = :unit)
      AND (:kind IS NULL OR f.kind = :kind)
      AND (:from IS NULL OR f.period_start >= :from) AND (:to IS NULL OR f.period_start <= :to)
      AND (:about IS NULL OR instr(fold(coalesce(f.subject, '') || ' ' || t.text), fold(:about)) > 0)
      AND (:speakers IS NULL OR f.sentence_id IN (
            SELECT st.id FROM statements s JOIN sentences st
              ON st.document_id = s.document_id AND st.id BETWEEN s.sentence_id AND s.last_sentence_id
            WHERE s.speaker_id IN (SELECT value FROM json_each(:speakers))))
    ORDER BY f.period_start IS NULL, f.period_start, f.document_id, f.start
    LIMIT :limit";

/// Documents, statements and figures of a period in date order. Parameters: :from, :to
/// (required), :entities (JSON array: only what involves them, or NULL), :limit.
pub const TIMELINE_SQL: &str = "
    SELECT * FROM (
        SELECT d.published AS date, 'document' AS what, 'published' AS dated_by, NULL AS who,
               d.title AS text, d.source AS document
        FROM documents d
        WHERE d.published BETWEEN :from AND :to
          AND (:entities IS NULL OR d.id IN (SELECT document_id FROM mentions
                                             WHERE entity_id IN (SELECT value FROM json_each(:entities))))
        UNION ALL
        SELECT s.said_start, 'statement', s.said_source, e.name, s.content, d.source
        FROM statements s JOIN documents d ON d.id = s.document_id LEFT JOIN entities e ON e.id = s.speaker_id
        WHERE s.said_start BETWEEN :from AND :to
          AND (:entities IS NULL OR s.speaker_id IN (SELECT value FROM json_each(:entities)))
        UNION ALL
        SELECT f.period_start, 'figure', f.period_source, NULL,
               f.surface || coalesce(' — ' || f.subject, ''), d.source
        FROM figures f JOIN documents d ON d.id = f.document_id
        WHERE f.period_start BETWEEN :from AND :to
          AND (:entities IS NULL OR f.document_id IN (SELECT document_id FROM mentions
                                             WHERE entity_id IN (SELECT value FROM json_each(:entities))))
    )
    ORDER BY date, CASE what WHEN 'document' THEN 0 WHEN 'statement' THEN 1 ELSE 2 END, document
    LIMIT :limit";

/// One entity's profile: the sections `dossier person` shows, each a query over :id.
pub const PERSON_SECTIONS: &[(&str, &str)] = &[
    (
        "person",
        "SELECT e.name, e.kind,
                (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM aliases a WHERE a.entity_id = e.id
                   AND a.normalized <> e.normalized ORDER BY alias)) AS aliases,
                (SELECT min(d.published) FROM mentions m JOIN documents d ON d.id = m.document_id WHERE m.entity_id = e.id) AS first_seen,
                (SELECT max(d.published) FROM mentions m JOIN documents d ON d.id = m.document_id WHERE m.entity_id = e.id) AS last_seen,
                (SELECT count(DISTINCT document_id) FROM mentions WHERE entity_id = e.id) AS documents,
                (SELECT count(*) FROM statements WHERE speaker_id = e.id) AS statements
         FROM entities e WHERE e.id = :id",
    ),
    (
        "roles",
        "SELECT CASE WHEN r.former THEN 'former ' ELSE '' END || r.title AS role, r.affiliation,
                d.published, d.source AS document
         FROM roles r JOIN documents d ON d.id = r.document_id
         WHERE r.entity_id = :id ORDER BY d.published DESC, r.title",
    ),
    (
        "statements",
        "SELECT s.said_start AS date, s.said_source AS dated_by, s.kind, s.content, d.source AS document
         FROM statements s JOIN documents d ON d.id = s.document_id
         WHERE s.speaker_id = :id ORDER BY s.said_start DESC, s.id DESC LIMIT :limit",
    ),
    (
        "figures",
        "SELECT f.period_start AS date, f.value, f.unit, f.surface AS text, f.subject, d.source AS document
         FROM figures f JOIN documents d ON d.id = f.document_id
         WHERE f.sentence_id IN (
             SELECT st.id FROM statements s JOIN sentences st
               ON st.document_id = s.document_id AND st.id BETWEEN s.sentence_id AND s.last_sentence_id
             WHERE s.speaker_id = :id)
         ORDER BY f.period_start DESC, f.id LIMIT :limit",
    ),
    (
        "related",
        "SELECT e.name, e.kind, count(DISTINCT m.document_id) AS shared_documents
         FROM mentions m JOIN entities e ON e.id = m.entity_id
         WHERE m.document_id IN (SELECT document_id FROM mentions WHERE entity_id = :id)
           AND m.entity_id <> :id AND e.kind IN ('person', 'organization')
         GROUP BY e.id ORDER BY shared_documents DESC, count(*) DESC, e.name LIMIT :limit",
    ),
];
