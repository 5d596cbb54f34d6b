//! Resolving a name given on the command line to one entity, and the `people`,
//! `organizations` and `places` listings.

use std::path::Path;

use anyhow::bail;

use super::{run_listing, Paging, Status};
use crate::cli::EntityListArgs;
use crate::output::Value;
use crate::store::listing::{EntityMatch, ENTITIES_SQL};
use crate::store::Store;

/// The one entity `name` refers to. When several match, they are listed on stderr and the
/// command fails rather than guessing.
pub(crate) fn resolve_one(
    store: &Store,
    name: &str,
    kind: Option<&str>,
) -> anyhow::Result<EntityMatch> {
    let mut found = store.find_entities(name, kind)?;
    // The entity with clearly the most evidence is the one meant: "Blair" is Tony Blair
    // (147 documents), not a 13-document "Blair" from articles that never gave his first
    // name. The others are named on stderr, so the choice is never silent.
    if let Some(best) = clear_favourite(&found) {
        let chosen = found.swap_remove(best);
        note_others(name, &chosen, &found);
        return Ok(chosen);
    }
    // A name that is some entity's own canonical name means that entity, even when others
    // carry it as an alias ("Sydney-listed Shimon Morris"); among those, a person first.
    if found.len() > 1 {
        let key = crate::normalize::fold_name(name);
        let mut exact: Vec<usize> = (0..found.len())
            .filter(|&i| crate::normalize::fold_name(&found[i].name) == key)
            .collect();
        if exact.len() > 1 {
            let people: Vec<usize> = exact
                .iter()
                .copied()
                .filter(|&i| found[i].kind == "person")
                .collect();
            if !people.is_empty() {
                exact = people;
            }
        }
        if let [only] = exact[..] {
            let chosen = found.swap_remove(only);
            note_others(name, &chosen, &found);
            return Ok(chosen);
        }
    }
    match found.len() {
        0 => {
            let names = store.entity_names(kind)?;
            let close = suggestions(name, &names);
            let hint = match close.as_slice() {
                [] => String::new(),
                [one] => format!("; did you mean {one:?}?"),
                several => format!(
                    "; did you mean one of {}?",
                    several
                        .iter()
                        .map(|n| format!("{n:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            bail!(
                "no {} matches {name:?}{hint} (list them with `dossier {}`)",
                kind.unwrap_or("entity"),
                listing_for(kind)
            )
        }
        1 => Ok(found.remove(0)),
        n => {
            eprintln!("{n} entities match {name:?}:");
            for m in &found {
                let roles = match m.roles.char_indices().nth(ROLES_SHOWN) {
                    _ if m.roles.is_empty() => String::new(),
                    Some((cut, _)) => format!(", {}...", &m.roles[..cut]),
                    None => format!(", {}", m.roles),
                };
                eprintln!(
                    "  {} ({}{roles}): {} documents, {} statements",
                    m.name, m.kind, m.documents, m.statements
                );
            }
            bail!("{name:?} is ambiguous; give the full name")
        }
    }
}

/// How alike two folded names must be (Jaro-Winkler) to be offered as "did you mean".
const SUGGEST_SIMILARITY: f64 = 0.88;
/// How many names "did you mean" offers at most.
const SUGGESTIONS: usize = 3;

/// The names most like `typed` among `names` (name, folded name): the whole name, or one
/// of its words, close to what was typed, so that "Zarff" finds "Javad Zarif". Most alike
/// first; ties by name.
fn suggestions(typed: &str, names: &[(String, String)]) -> Vec<String> {
    let typed = crate::normalize::fold_name(typed);
    if typed.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = names
        .iter()
        .filter_map(|(name, folded)| {
            let whole = strsim::jaro_winkler(&typed, folded);
            let word = folded
                .split(' ')
                .map(|w| strsim::jaro_winkler(&typed, w))
                .fold(0.0, f64::max);
            let score = whole.max(word);
            (score >= SUGGEST_SIMILARITY).then_some((score, name.as_str()))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, n)| n.to_owned())
        .collect()
}

/// How many times the evidence (documents, then statements) of the runner-up the
/// favourite must have to be chosen without asking.
const CLEAR_LEAD: i64 = 3;

/// The candidate with at least `CLEAR_LEAD` times the documents of every other, people
/// before organizations and places.
fn clear_favourite(found: &[EntityMatch]) -> Option<usize> {
    let people: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].kind == "person")
        .collect();
    let pool: Vec<usize> = if people.is_empty() {
        (0..found.len()).collect()
    } else {
        people
    };
    let evidence = |i: usize| (found[i].documents, found[i].statements);
    let best = *pool.iter().max_by_key(|&&i| evidence(i))?;
    let lead = pool
        .iter()
        .filter(|&&i| i != best)
        .all(|&i| found[best].documents >= CLEAR_LEAD * found[i].documents.max(1));
    (found.len() > 1 && lead).then_some(best)
}

/// Tells the user which other entities the name also matches.
fn note_others(name: &str, chosen: &EntityMatch, others: &[EntityMatch]) {
    if others.is_empty() {
        return;
    }
    eprintln!(
        "showing {} ({}, {} documents); {name:?} also matches:",
        chosen.name, chosen.kind, chosen.documents
    );
    for m in others {
        eprintln!(
            "  {} ({}): {} documents, {} statements",
            m.name, m.kind, m.documents, m.statements
        );
    }
}

/// Characters of an ambiguous candidate's roles shown: enough to tell people apart.
const ROLES_SHOWN: usize = 80;

fn listing_for(kind: Option<&str>) -> &'static str {
    match kind {
        Some("organization") => "organizations",
        Some("place") => "places",
        _ => "people",
    }
}

/// The id of the entity a `--by`/`--person` name refers to, for binding.
pub(crate) fn entity_id(store: &Store, name: Option<&str>) -> anyhow::Result<Option<Value>> {
    name.map(|n| Ok(Value::Integer(resolve_one(store, n, None)?.id)))
        .transpose()
}

/// `dossier people|organizations|places`.
pub fn list(db: &Path, kind: &str, args: &EntityListArgs) -> anyhow::Result<Status> {
    let store = Store::open_read_only(db)?;
    let (from, to) = args.period.bounds().map_err(anyhow::Error::msg)?;
    let params = [
        ("kind", Value::from(kind)),
        ("name", Value::from(args.name.clone())),
        ("from", Value::from(from)),
        ("to", Value::from(to)),
    ];
    let paging = Paging {
        limit: args.limit,
        offset: args.offset,
        count_by: &args.count_by,
    };
    run_listing(&store, ENTITIES_SQL, &params, paging, &args.output)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<(String, String)> {
        list.iter()
            .map(|n| (n.to_string(), crate::normalize::fold_name(n)))
            .collect()
    }

    #[test]
    fn a_misspelled_name_suggests_the_closest_names() {
        let known = names(&["Javad Zarif", "Tony Blair", "Gordon Brown", "Zara Phillips"]);
        assert_eq!(suggestions("Zarff", &known), ["Javad Zarif"]);
        assert_eq!(suggestions("tony blaire", &known), ["Tony Blair"]);
        assert_eq!(suggestions("Gordon Bruwn", &known), ["Gordon Brown"]);
        assert!(suggestions("Merkel", &known).is_empty());
        assert!(suggestions("", &known).is_empty());
    }
}
