//! The built-in catalog of named queries, as data: each has a name, what it answers, its
//! SQL with named parameters, and the parameters with their defaults. Users' own queries
//! live in the `saved_queries` table and run the same way.

/// A parameter of a named query.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    /// The value used when none is given; `None` makes the parameter required.
    pub default: Option<&'static str>,
    pub about: &'static str,
}

/// A named, parameterized read-only query.
#[derive(Debug, Clone, Copy)]
pub struct NamedQuery {
    pub name: &'static str,
    pub about: &'static str,
    pub sql: &'static str,
    pub params: &'static [Param],
}

const LIMIT: Param = Param {
    name: "limit",
    default: Some("20"),
    about: "at most this many rows",
};

/// The built-in queries, in the order `query --list` shows them.
pub const CATALOG: &[NamedQuery] = &[
    NamedQuery {
        name: "top-speakers",
        about: "who has the most statements",
        sql: "SELECT e.name AS speaker, e.kind, count(*) AS statements, count(DISTINCT s.document_id) AS documents,
                     min(s.said_start) AS first_said, max(s.said_start) AS last_said
              FROM statements s JOIN entities e ON e.id = s.speaker_id
              GROUP BY e.id ORDER BY statements DESC, e.name LIMIT :limit",
        params: &[LIMIT],
    },
    NamedQuery {
        name: "statements-by",
        about: "every statement of a speaker, by name or alias (case and accents ignored)",
        sql: "SELECT s.said_start AS date, s.said_source AS dated_by, e.name AS speaker, s.kind, s.content, d.source AS document
              FROM statements s JOIN entities e ON e.id = s.speaker_id JOIN documents d ON d.id = s.document_id
              WHERE s.speaker_id IN (SELECT entity_id FROM aliases WHERE normalized = fold(:name))
              ORDER BY s.said_start, s.id",
        params: &[Param { name: "name", default: None, about: "speaker name or alias" }],
    },
    NamedQuery {
        name: "figures-by-unit",
        about: "how many figures of each unit, and their total",
        sql: "SELECT unit, kind, count(*) AS figures, sum(value) AS total, min(value) AS smallest, max(value) AS largest
              FROM figures WHERE (:kind = '' OR kind = :kind)
              GROUP BY unit, kind ORDER BY figures DESC, unit LIMIT :limit",
        params: &[Param { name: "kind", default: Some(""), about: "money, count, percent or quantity (empty: all)" }, LIMIT],
    },
    NamedQuery {
        name: "mentions-per-month",
        about: "how often an entity is mentioned, month by month",
        sql: "SELECT substr(d.published, 1, 7) AS month, e.name, count(*) AS mentions, count(DISTINCT d.id) AS documents
              FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.document_id
              WHERE m.entity_id IN (SELECT entity_id FROM aliases WHERE normalized = fold(:name))
              GROUP BY month, e.id ORDER BY month, e.name",
        params: &[Param { name: "name", default: None, about: "entity name or alias" }],
    },
    NamedQuery {
        name: "co-occurrence",
        about: "documents that mention both of two entities",
        sql: "SELECT d.id, d.published, d.title, d.source
              FROM documents d
              WHERE d.id IN (SELECT m.document_id FROM mentions m JOIN aliases a ON a.entity_id = m.entity_id
                             WHERE a.normalized = fold(:a))
                AND d.id IN (SELECT m.document_id FROM mentions m JOIN aliases a ON a.entity_id = m.entity_id
                             WHERE a.normalized = fold(:b))
              ORDER BY d.published DESC, d.id",
        params: &[
            Param { name: "a", default: None, about: "first entity name or alias" },
            Param { name: "b", default: None, about: "second entity name or alias" },
        ],
    },
    NamedQuery {
        name: "undated-documents",
        about: "documents imported without a publication date",
        sql: "SELECT id, title, source, imported_at FROM documents WHERE published IS NULL ORDER BY id",
        params: &[],
    },
];

/// The built-in query called `name`.
pub fn builtin(name: &str) -> Option<&'static NamedQuery> {
    CATALOG.iter().find(|q| q.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_params_appear_in_sql() {
        for (i, q) in CATALOG.iter().enumerate() {
            assert!(
                CATALOG[i + 1..].iter().all(|o| o.name != q.name),
                "{}",
                q.name
            );
            for p in q.params {
                assert!(
                    q.sql.contains(&format!(":{}", p.name)),
                    "{} lacks :{}",
                    q.name,
                    p.name
                );
            }
        }
    }
}
