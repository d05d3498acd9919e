//! What one part of the domain produces, the importer accepts: the example team, generated
//! workspaces, merges and incident bundles all pass `Workspace::from_json`.

use chrono::{DateTime, Utc};
use hatrack::domain::{bundle, example, generate, merge, Workspace};

fn now() -> DateTime<Utc> {
    "2026-11-28T12:00:00Z".parse().unwrap()
}

fn reimport(ws: &Workspace) -> Workspace {
    match Workspace::from_json(&ws.to_json()) {
        Ok(back) => back,
        Err(e) => panic!("refused:\n{e}"),
    }
}

#[test]
fn the_example_team_imports() {
    let ws = example::example_team(now());
    assert_eq!(reimport(&ws), ws);
}

#[test]
fn a_generated_small_workspace_imports_and_round_trips() {
    let ws = generate::generate(generate::Size::Small, 7, now());
    let back = reimport(&ws);
    assert_eq!(back.to_json(), ws.to_json());
}

#[test]
fn merges_and_bundles_of_the_example_import() {
    let mine = example::example_team(now());
    let theirs = generate::generate(generate::Size::Small, 3, now());
    let merged = merge::merge(&mine, &theirs).workspace;
    reimport(&merged);
    let b = bundle::incident_bundle(&mine, example::LIVE_INCIDENT, now()).expect("bundle");
    reimport(&b);
    let into = merge::merge(&theirs, &b).workspace;
    reimport(&into);
}
