//! `dossier datasette`: a Datasette metadata file for the database, so that browsing it in
//! Datasette shows labels instead of ids, searches where dossier searches, and offers the
//! built-in and saved queries as canned queries.

use std::io::Write;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::{json, Map, Value as Json};

use super::Status;
use crate::cli::DatasetteArgs;
use crate::query::CATALOG;
use crate::store::Store;

pub fn run(db: &Path, args: &DatasetteArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    // Datasette names a database after its file, without the extension.
    let name = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dossier".to_owned());
    let mut queries = Map::new();
    let mut left_out = Vec::new();
    let saved = store.saved_queries()?;
    let all = CATALOG
        .iter()
        .map(|q| {
            let defaults: Vec<(&str, &str)> = q
                .params
                .iter()
                .filter_map(|p| p.default.map(|d| (p.name, d)))
                .collect();
            (q.name, q.sql.to_owned(), Some(q.about.to_owned()), defaults)
        })
        .chain(saved.iter().map(|q| {
            (
                q.name.as_str(),
                q.sql.clone(),
                q.description.clone(),
                vec![],
            )
        }));
    for (query, sql, about, defaults) in all {
        if !store.runs_in_plain_sqlite(&sql)? {
            left_out.push(query);
            continue;
        }
        let mut canned = Map::new();
        canned.insert("sql".into(), with_defaults(&sql, &defaults).into());
        canned.insert("title".into(), query.into());
        if let Some(about) = about {
            canned.insert("description".into(), about.into());
        }
        queries.insert(query.into(), Json::Object(canned));
    }
    let metadata = metadata(&name, queries);
    let mut out: Box<dyn Write> = match args.output.as_deref().filter(|p| p.as_os_str() != "-") {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("could not create {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    serde_json::to_writer_pretty(&mut out, &metadata)?;
    writeln!(out)?;
    out.flush()?;
    if !left_out.is_empty() {
        // Those queries match names through dossier's `fold`, which only dossier provides.
        eprintln!(
            "left out (they need dossier's own SQL functions; run them with `dossier query`): {}",
            left_out.join(", ")
        );
    }
    Ok(Status::Success)
}

/// The metadata document: labels, search and facets per table, and the canned queries.
fn metadata(database: &str, queries: Map<String, Json>) -> Json {
    json!({
        "title": "dossier",
        "description": "Who said what, when, and with which numbers: documents, people, organizations, places, statements and figures.",
        "databases": {
            database: {
                "tables": {
                    "documents": {
                        "label_column": "title",
                        "fts_table": "documents_fts",
                        "fts_pk": "id",
                        "sort_desc": "published",
                    },
                    "statements": {
                        "label_column": "content",
                        "fts_table": "statements_fts",
                        "fts_pk": "id",
                        "facets": ["kind", "speaker_id"],
                    },
                    "entities": { "label_column": "name", "facets": ["kind"] },
                    "sentences": { "label_column": "text" },
                    "figures": { "label_column": "surface", "facets": ["kind", "unit"] },
                    "roles": { "label_column": "title" },
                    "statements_named": { "facets": ["speaker", "kind"] },
                    "figures_named": { "facets": ["unit", "kind"] },
                    "mentions_named": { "facets": ["entity", "kind"] },
                },
                "queries": queries,
            }
        }
    })
}

/// `sql` with each parameter that has a default replaced by "the given value, or the
/// default when left empty": Datasette's forms have no defaults and send empty text.
fn with_defaults(sql: &str, defaults: &[(&str, &str)]) -> String {
    static PARAM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r":([A-Za-z_][A-Za-z0-9_]*)").expect("valid regex"));
    PARAM
        .replace_all(sql, |c: &regex::Captures| {
            let name = &c[1];
            match defaults.iter().find(|(n, _)| *n == name) {
                Some((_, default)) => format!(
                    "coalesce(nullif(:{name}, ''), '{}')",
                    default.replace('\'', "''")
                ),
                None => c[0].to_owned(),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_with_defaults_fall_back_to_them_when_left_empty() {
        let sql = with_defaults("SELECT 1 LIMIT :limit OFFSET :offset", &[("limit", "20")]);
        assert_eq!(
            sql,
            "SELECT 1 LIMIT coalesce(nullif(:limit, ''), '20') OFFSET :offset"
        );
    }
}
