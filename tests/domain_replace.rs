//! Whether Replace needs a backup first (src/domain/replace.rs): only when this browser holds
//! something the file lacks.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::defaults::new_workspace;
use hatrack::domain::example::example_team;
use hatrack::domain::model::*;
use hatrack::domain::replace::nothing_to_lose;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap()
}

/// Someone the example team does not have.
fn newcomer(ws: &Workspace, id: &str) -> Person {
    Person {
        id: id.into(),
        name: format!("Newcomer {id}"),
        ..ws.people[0].clone()
    }
}

#[test]
fn a_browser_with_only_the_starting_roles_loses_nothing_to_any_file() {
    assert!(nothing_to_lose(&new_workspace(), &example_team(now())));
    assert!(nothing_to_lose(&new_workspace(), &Workspace::default()));
}

#[test]
fn a_file_with_everything_this_browser_has_loses_nothing() {
    let team = example_team(now());
    assert!(nothing_to_lose(&team, &team));
    let mut more = team.clone();
    more.people.push(newcomer(&team, "p-new"));
    assert!(nothing_to_lose(&team, &more));
}

#[test]
fn a_record_only_this_browser_has_would_be_lost() {
    let file = example_team(now());
    let mut mine = file.clone();
    mine.people.push(newcomer(&file, "p-mine"));
    assert!(!nothing_to_lose(&mine, &file));
}

#[test]
fn a_newer_edit_here_would_be_lost() {
    let file = example_team(now());
    let mut mine = file.clone();
    mine.people[0].name.push_str(" (renamed)");
    mine.people[0].updated_at = Some(now() + Duration::minutes(5));
    assert!(!nothing_to_lose(&mine, &file));
}

#[test]
fn an_edited_starting_role_is_not_a_fresh_browser() {
    let mut mine = new_workspace();
    mine.roles[0].weight += 1.0;
    mine.roles[0].updated_at = Some(now());
    assert!(!nothing_to_lose(&mine, &Workspace::default()));
    // The same edit already in the file loses nothing.
    assert!(nothing_to_lose(&mine, &mine.clone()));
}
