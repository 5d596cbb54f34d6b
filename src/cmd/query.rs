//! `dossier query`: the built-in catalog and users' saved queries — list, run with bound
//! parameters, save, delete.

use std::path::Path;

use anyhow::{bail, Context};

use super::{open_sink, Status};
use crate::cli::{QueryAction, QueryArgs};
use crate::output::Value;
use crate::query::{builtin, CATALOG};
use crate::store::{Store, StoreError};

pub fn run(db: &Path, args: &QueryArgs) -> anyhow::Result<Status> {
    match &args.action {
        Some(QueryAction::Save {
            name,
            sql,
            description,
            replace,
        }) => {
            if builtin(name).is_some() {
                bail!("{name:?} is a built-in query; choose another name");
            }
            let store = Store::open(db)
                .with_context(|| format!("could not open database {}", db.display()))?;
            match store.save_query(name, sql, description.as_deref(), *replace) {
                Err(StoreError::QueryExists(_)) => bail!(
                    "a saved query called {name:?} exists already; pass --replace to overwrite it"
                ),
                saved => saved.with_context(|| format!("could not save query {name:?}"))?,
            }
            eprintln!("saved query {name:?}");
            return Ok(Status::Success);
        }
        Some(QueryAction::Delete { name }) => {
            let store = Store::open(db)
                .with_context(|| format!("could not open database {}", db.display()))?;
            if !store.delete_query(name)? {
                bail!("no saved query {name:?}; see `dossier query --list`");
            }
            eprintln!("deleted query {name:?}");
            return Ok(Status::Success);
        }
        None => {}
    }
    let store = Store::open_read_only(db)?;
    if args.list {
        return list(&store, args);
    }
    let name = args
        .name
        .as_deref()
        .expect("clap requires a name unless --list");
    let given: Vec<(&str, Value)> = args
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), Value::from(v.as_str())))
        .collect();
    let mut sink = open_sink(&args.output)?;
    if let Some(q) = builtin(name) {
        let mut params = Vec::new();
        for p in q.params {
            match (given.iter().find(|(k, _)| *k == p.name), p.default) {
                (Some((_, v)), _) => params.push((p.name, v.clone())),
                (None, Some(d)) => params.push((p.name, Value::from(d))),
                (None, None) => bail!(
                    "query {name:?} needs --param {}=VALUE ({})",
                    p.name,
                    p.about
                ),
            }
        }
        if let Some((k, _)) = given
            .iter()
            .find(|(k, _)| !q.params.iter().any(|p| p.name == *k))
        {
            bail!("query {name:?} has no parameter {k:?}; see `dossier query --list`");
        }
        store.query_read_only(q.sql, &params, sink.as_mut())?;
    } else if let Some(saved) = store.saved_query(name)? {
        store.query_read_only(&saved.sql, &given, sink.as_mut())?;
    } else {
        bail!("no query called {name:?}; see `dossier query --list`");
    }
    Ok(Status::Success)
}

fn list(store: &Store, args: &QueryArgs) -> anyhow::Result<Status> {
    let mut sink = open_sink(&args.output)?;
    sink.columns(&[
        "name".into(),
        "kind".into(),
        "parameters".into(),
        "about".into(),
    ])?;
    for q in CATALOG {
        let params: Vec<String> = q
            .params
            .iter()
            .map(|p| match p.default {
                Some(d) => format!("{}={d}", p.name),
                None => p.name.to_owned(),
            })
            .collect();
        sink.row(&[
            q.name.into(),
            "built-in".into(),
            params.join(" ").into(),
            q.about.into(),
        ])?;
    }
    for q in store.saved_queries()? {
        let params = store
            .parameter_names(&q.sql)
            .map(|p| p.join(" "))
            .unwrap_or_default();
        sink.row(&[
            q.name.into(),
            "saved".into(),
            params.into(),
            Value::from(q.description),
        ])?;
    }
    sink.finish()?;
    Ok(Status::Success)
}
