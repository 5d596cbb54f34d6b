//! The reads behind the listing commands: finding entities by name, and the SQL of the
//! people, statements, figures and timeline listings. Every filter is a bound parameter;
//! NULL means "no filter".

use rusqlite::params;

use super::{Store, StoreError};
use crate::output::Value;

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
    /// Every entity's name and folded name (of one kind, if given), for suggesting a
    /// name when what the user typed matches none.
    pub fn entity_names(&self, kind: Option<&str>) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name, normalized FROM entities WHERE ?1 IS NULL OR kind = ?1")?;
        let names = stmt
            .query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(names)
    }

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
              AND a.normalized <> e.normalized ORDER BY alias)) AS aliases,
           min(d.published) AS first_seen
    FROM entities e
    JOIN mentions m ON m.entity_id = e.id
    JOIN documents d ON d.id = m.document_id
    WHERE e.kind = :kind
      AND (:name IS NULL OR e.normalized LIKE '%' || fold(:name) || '%')
      AND (:from IS NULL OR d.published >= :from) AND (:to IS NULL OR d.published <= :to)
    GROUP BY e.id
    ORDER BY mentions DESC, e.name
    LIMIT :limit OFFSET :offset";

/// A query assembled from constant SQL fragments: only the filters in use appear, so
/// SQLite can pick an index for each (a `:x IS NULL OR ...` clause would force a scan).
/// Values are always bound, never spliced.
#[derive(Debug, Default)]
pub struct Filtered {
    clauses: Vec<&'static str>,
    params: Vec<(&'static str, Value)>,
}

impl Filtered {
    /// Adds `clause` (which uses `:name`) when `value` is present.
    pub fn with(mut self, clause: &'static str, name: &'static str, value: Option<Value>) -> Self {
        if let Some(v) = value {
            self.clauses.push(clause);
            self.params.push((name, v));
        }
        self
    }

    /// Binds a parameter every variant of the query uses.
    pub fn bind(mut self, name: &'static str, value: Value) -> Self {
        self.params.push((name, value));
        self
    }

    /// The SQL: `select`, the clauses in use joined by AND, then `tail` (ORDER BY, LIMIT).
    pub fn sql(&self, select: &str, tail: &str) -> String {
        let mut sql = select.to_owned();
        for (i, c) in self.clauses.iter().enumerate() {
            sql.push_str(if i == 0 { " WHERE " } else { " AND " });
            sql.push_str(c);
        }
        sql.push(' ');
        sql.push_str(tail);
        sql
    }

    pub fn params(&self) -> &[(&'static str, Value)] {
        &self.params
    }
}

/// Statements in chronological order; filters: `:speaker`, `:about` (FTS5), `:from`, `:to`,
/// `:kind`; always `:limit`.
pub fn statements_sql(f: &Filtered) -> String {
    f.sql(
        "SELECT s.said_start AS date, s.said_source AS dated_by, e.name AS speaker, s.kind, s.cue,
                s.content, d.source AS document, s.speaker_basis
         FROM statements s
         JOIN documents d ON d.id = s.document_id
         LEFT JOIN entities e ON e.id = s.speaker_id",
        "ORDER BY s.said_start IS NULL, s.said_start, s.document_id, s.start LIMIT :limit OFFSET :offset",
    )
}

/// Statement filters, as fragments for `Filtered::with`.
pub mod statement_filter {
    pub const SPEAKER: &str = "s.speaker_id = :speaker";
    pub const ABOUT: &str =
        "s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :about)";
    pub const FROM: &str = "s.said_start >= :from";
    pub const TO: &str = "s.said_start <= :to";
    pub const KIND: &str = "s.kind = :kind";
}

/// Figures in the order of the period they hold for; filters in `figure_filter`; always
/// `:limit`.
///
/// The figures are chosen and ordered first by id, on the figures table alone (a common
/// unit such as % has tens of thousands of rows at 100,000 articles: the index
/// `figures_unit_period` covers that sort); only the `:limit` rows kept are joined to
/// their documents. Sentences are a LEFT JOIN so SQLite drops the join unless `ABOUT`
/// reads them (every figure has its sentence, so the rows are the same).
pub fn figures_sql(f: &Filtered) -> String {
    const ORDER: &str = "ORDER BY f.period_start IS NULL, f.period_start, f.document_id, f.start";
    let chosen = f.sql(
        "SELECT f.id FROM figures f LEFT JOIN sentences t ON t.id = f.sentence_id",
        &format!("{ORDER} LIMIT :limit OFFSET :offset"),
    );
    format!(
        "SELECT f.period_start AS date, f.period_source AS dated_by, f.value, f.unit, f.kind,
                f.approximate, f.surface AS text, f.subject, d.source AS document
         FROM figures f
         JOIN documents d ON d.id = f.document_id
         WHERE f.id IN ({chosen})
         {ORDER}"
    )
}

/// Figure filters, as fragments for `Filtered::with`.
pub mod figure_filter {
    pub const UNIT: &str = "f.unit = :unit";
    pub const KIND: &str = "f.kind = :kind";
    pub const FROM: &str = "f.period_start >= :from";
    pub const TO: &str = "f.period_start <= :to";
    /// The words appear in the figure's subject or its sentence (case and accents ignored).
    pub const ABOUT: &str =
        "instr(fold(coalesce(f.subject, '') || ' ' || t.text), fold(:about)) > 0";
    /// The figure stands in a statement of this speaker.
    pub const SPEAKER: &str = "EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = :speaker
            AND s.document_id = f.document_id AND f.sentence_id BETWEEN s.sentence_id AND s.last_sentence_id)";
}

/// Documents, statements and figures between `:from` and `:to` in date order, optionally
/// only those involving entity `:entity`; always `:limit`.
pub fn timeline_sql(with_entity: bool) -> String {
    let (docs, statements, figures) = if with_entity {
        (
            "AND d.id IN (SELECT document_id FROM mentions WHERE entity_id = :entity)",
            "AND s.speaker_id = :entity",
            "AND f.document_id IN (SELECT document_id FROM mentions WHERE entity_id = :entity)",
        )
    } else {
        ("", "", "")
    };
    // Each part keeps only its own first :limit rows, read in order straight from its date
    // index (ties in import order, by row id), before the parts are merged: a month of a
    // large collection holds tens of thousands of statements and figures, and sorting them
    // all to keep 200 was most of the time. Within one part the merged order is the part's
    // own order, so nothing is lost.
    format!(
        "SELECT date, what, dated_by, who, text, document FROM (
            SELECT * FROM (
                SELECT d.published AS date, 0 AS rank, d.id AS key, 'document' AS what,
                       'published' AS dated_by, NULL AS who, d.title AS text, d.source AS document
                FROM documents d WHERE d.published BETWEEN :from AND :to {docs}
                ORDER BY d.published, d.id LIMIT :limit + :offset)
            UNION ALL
            SELECT * FROM (
                SELECT s.said_start, 1, s.id, 'statement', s.said_source, e.name, s.content, d.source
                FROM statements s JOIN documents d ON d.id = s.document_id LEFT JOIN entities e ON e.id = s.speaker_id
                WHERE s.said_start BETWEEN :from AND :to {statements}
                ORDER BY s.said_start, s.id LIMIT :limit + :offset)
            UNION ALL
            SELECT * FROM (
                SELECT f.period_start, 2, f.id, 'figure', f.period_source, NULL,
                       f.surface || coalesce(' — ' || f.subject, ''), d.source
                FROM figures f JOIN documents d ON d.id = f.document_id
                WHERE f.period_start BETWEEN :from AND :to {figures}
                ORDER BY f.period_start, f.id LIMIT :limit + :offset)
        )
        ORDER BY date, rank, key
        LIMIT :limit OFFSET :offset"
    )
}

/// The expression `--count-by FIELD` groups a listing on, given the listing's columns; `None`
/// when the listing has no such field. Months and years are cut from the `date` column, or
/// in entity listings from the day each entity was first seen.
pub fn count_by_expression(field: &str, columns: &[String]) -> Option<&'static str> {
    let has = |c: &str| columns.iter().any(|x| x == c);
    Some(match field {
        "month" if has("date") => "substr(date, 1, 7) AS month",
        "year" if has("date") => "substr(date, 1, 4) AS year",
        "month" if has("first_seen") => "substr(first_seen, 1, 7) AS month",
        "year" if has("first_seen") => "substr(first_seen, 1, 4) AS year",
        "speaker" if has("speaker") => "speaker",
        "speaker" if has("who") => "who AS speaker",
        "unit" if has("unit") => "unit",
        "kind" if has("kind") => "kind",
        "what" if has("what") => "what",
        "document" if has("document") => "document",
        _ => return None,
    })
}

/// The rows of the listing `base` counted by `groups` (from `count_by_expression`): most
/// frequent first, or in date order when a month or year is among the groups, as a
/// count over time reads best in time order.
pub fn counted_sql(base: &str, groups: &[&str]) -> String {
    let positions: Vec<String> = (1..=groups.len()).map(|i| i.to_string()).collect();
    let by_time = groups
        .iter()
        .any(|g| g.ends_with("AS month") || g.ends_with("AS year"));
    let order = if by_time {
        positions.join(", ")
    } else {
        format!("count DESC, {}", positions.join(", "))
    };
    format!(
        "SELECT {}, count(*) AS count FROM ({base}) GROUP BY {} ORDER BY {order}",
        groups.join(", "),
        positions.join(", ")
    )
}

/// One entity's profile: the sections `dossier person` shows, each a query over :id.
pub const PERSON_SECTIONS: &[(&str, &str)] = &[
    (
        "person",
        // One pass over the entity's documents gives first and last seen and the count.
        "WITH docs AS (SELECT DISTINCT document_id FROM mentions WHERE entity_id = :id),
              seen AS (SELECT min(d.published) AS first_seen, max(d.published) AS last_seen, count(*) AS documents
                       FROM docs JOIN documents d ON d.id = docs.document_id)
         SELECT e.name, e.kind,
                (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM aliases a WHERE a.entity_id = e.id
                   AND a.normalized <> e.normalized ORDER BY alias)) AS aliases,
                seen.first_seen, seen.last_seen, seen.documents,
                (SELECT count(*) FROM statements WHERE speaker_id = e.id) AS statements
         FROM entities e, seen WHERE e.id = :id",
    ),
    (
        "roles",
        // Each title once, with how many documents give it and the latest of them.
        "SELECT CASE WHEN r.former THEN 'former ' ELSE '' END || r.title AS role, r.affiliation,
                count(*) AS documents, min(d.published) AS first_seen, max(d.published) AS last_seen,
                max(d.published || ' ' || d.source) AS latest
         FROM roles r JOIN documents d ON d.id = r.document_id
         WHERE r.entity_id = :id
         GROUP BY role, r.affiliation ORDER BY documents DESC, last_seen DESC, role LIMIT :limit",
    ),
    (
        "statements",
        "SELECT s.said_start AS date, s.said_source AS dated_by, s.kind, s.content, d.source AS document
         FROM statements s JOIN documents d ON d.id = s.document_id
         WHERE s.speaker_id = :id ORDER BY s.said_start DESC, s.id DESC LIMIT :limit",
    ),
    (
        "figures",
        // Sentence ids of a document are consecutive, so a statement's sentences are a range.
        "SELECT DISTINCT f.period_start AS date, f.value, f.unit, f.surface AS text, f.subject, d.source AS document
         FROM statements s
         JOIN figures f ON f.document_id = s.document_id AND f.sentence_id BETWEEN s.sentence_id AND s.last_sentence_id
         JOIN documents d ON d.id = f.document_id
         WHERE s.speaker_id = :id
         ORDER BY date DESC, document, text LIMIT :limit",
    ),
    (
        "related",
        // Driven from this entity's documents (CROSS JOIN fixes the order), not from every
        // other entity.
        "WITH docs AS (SELECT DISTINCT document_id FROM mentions WHERE entity_id = :id)
         SELECT e.name, e.kind, count(DISTINCT m.document_id) AS shared_documents
         FROM docs CROSS JOIN mentions m ON m.document_id = docs.document_id
         JOIN entities e ON e.id = m.entity_id
         WHERE m.entity_id <> :id AND e.kind IN ('person', 'organization')
         GROUP BY e.id ORDER BY shared_documents DESC, count(*) DESC, e.name LIMIT :limit",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The query plan's lines (the `detail` column of EXPLAIN QUERY PLAN).
    fn plan_lines(store: &Store, sql: &str, params: &[(&str, Value)]) -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        for (name, value) in params {
            let idx = stmt.parameter_index(&format!(":{name}")).unwrap();
            if let Some(i) = idx {
                let v = match value {
                    Value::Integer(n) => rusqlite::types::Value::Integer(*n),
                    Value::Text(t) => rusqlite::types::Value::Text(t.clone()),
                    _ => rusqlite::types::Value::Null,
                };
                stmt.raw_bind_parameter(i, v).unwrap();
            }
        }
        let mut rows = stmt.raw_query();
        let mut lines = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            lines.push(row.get(3).unwrap());
        }
        lines
    }

    /// The whole query plan as one line per step.
    fn plan(store: &Store, sql: &str, params: &[(&str, Value)]) -> String {
        plan_lines(store, sql, params).join("\n")
    }

    /// The query plan's lines that read a whole table (a SCAN of a real table; scans of
    /// the small json_each/FTS virtual tables and of subquery results are fine).
    fn full_scans(store: &Store, sql: &str, params: &[(&str, Value)]) -> Vec<String> {
        let mut scans = Vec::new();
        for detail in plan_lines(store, sql, params) {
            // A CTE's result is small and built once; scanning it is fine.
            let scanned = detail
                .trim_start_matches("SCAN ")
                .split(' ')
                .next()
                .unwrap_or("");
            let cte = sql.contains(&format!("{scanned} AS ("));
            let table_scan = detail.starts_with("SCAN ")
                && !cte
                && !detail.contains("VIRTUAL TABLE")
                && !detail.contains("USING INDEX")
                && !detail.contains("USING COVERING INDEX")
                && !detail.starts_with("SCAN (subquery");
            if table_scan {
                scans.push(detail);
            }
        }
        scans
    }

    #[test]
    fn person_statements_and_timeline_use_indexes() {
        let store = Store::open_in_memory().unwrap();
        // The check itself sees a scan when there is one.
        assert_eq!(
            full_scans(&store, "SELECT * FROM statements WHERE content = 'x'", &[]).len(),
            1
        );
        let by = Filtered::default()
            .with(
                statement_filter::SPEAKER,
                "speaker",
                Some(Value::Integer(1)),
            )
            .bind("limit", Value::Integer(10))
            .bind("offset", Value::Integer(0));
        assert_eq!(
            full_scans(&store, &statements_sql(&by), by.params()),
            Vec::<String>::new()
        );
        let period = [
            ("from", Value::from("2021-08-01")),
            ("to", Value::from("2021-08-31")),
            ("limit", Value::Integer(9)),
            ("offset", Value::Integer(0)),
        ];
        assert_eq!(
            full_scans(&store, &timeline_sql(false), &period),
            Vec::<String>::new()
        );
        let mut with_person = period.to_vec();
        with_person.push(("entity", Value::Integer(1)));
        assert_eq!(
            full_scans(&store, &timeline_sql(true), &with_person),
            Vec::<String>::new()
        );
        let unit = Filtered::default()
            .with(figure_filter::UNIT, "unit", Some(Value::from("%")))
            .bind("limit", Value::Integer(10))
            .bind("offset", Value::Integer(0));
        let sql = figures_sql(&unit);
        assert_eq!(
            full_scans(&store, &sql, unit.params()),
            Vec::<String>::new()
        );
        // Only the figures kept are joined to anything: sentences are not read at all.
        assert!(!plan(&store, &sql, unit.params()).contains(" t "), "{sql}");
        let id = [("id", Value::Integer(1)), ("limit", Value::Integer(10))];
        for (section, sql) in PERSON_SECTIONS {
            assert_eq!(
                full_scans(&store, sql, &id),
                Vec::<String>::new(),
                "{section}"
            );
        }
    }

    #[test]
    fn unused_filters_leave_no_clause() {
        let f = Filtered::default()
            .with(statement_filter::KIND, "kind", None)
            .bind("limit", Value::Integer(1))
            .bind("offset", Value::Integer(0));
        assert!(!statements_sql(&f).contains("WHERE"));
        let f = f.with(statement_filter::KIND, "kind", Some(Value::from("direct")));
        assert!(statements_sql(&f).contains("WHERE s.kind = :kind"));
    }
}
