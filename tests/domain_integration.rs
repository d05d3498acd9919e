//! What one part of the domain produces, the importer accepts: the example team, generated
//! workspaces, merges and incident bundles all pass `Workspace::from_json`, with and without
//! time links; and an older file, once imported, behaves as FORMAT.md says.

use chrono::{DateTime, Utc};
use hatrack::domain::{bundle, example, merge, Workspace};
use hatrack::sample::{generate, Size};

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
    let ws = generate(Size::Small, 7, now());
    let back = reimport(&ws);
    assert_eq!(back.to_json(), ws.to_json());
}

#[test]
fn merges_and_bundles_of_the_example_import() {
    let mine = example::example_team(now());
    let theirs = generate(Size::Small, 3, now());
    let merged = merge::merge(&mine, &theirs).workspace;
    reimport(&merged);
    let b = bundle::incident_bundle(&mine, example::LIVE_INCIDENT, now()).expect("bundle");
    reimport(&b);
    let into = merge::merge(&theirs, &b).workspace;
    reimport(&into);
}

/// A day recorded with the time-taking operations, so that every kind of link is written:
/// a release whose deploy ended its manager's role (release timeline with `release_status` and
/// `ends`), an incident caused by it recorded after the fact (`backfill`), a role taken at a
/// given time (`starts`), handed over (`starts` and `ends`) and released at the resolution.
fn linked_day() -> (Workspace, String, String) {
    use hatrack::domain::{defaults, incident, people, release, Decision, ReleaseStatus, Severity, Status};
    let at = |hm: &str| -> DateTime<Utc> { format!("2026-11-27T{hm}:00Z").parse().unwrap() };
    let now = now();
    let mut ws = defaults::new_workspace();
    let sam = people::add_person(&mut ws, "Sam Rivera", None, vec![], None, at("08:00")).unwrap();
    let ana = people::add_person(&mut ws, "Ana Lima", None, vec![], None, at("08:00")).unwrap();
    let r = release::record_release(
        &mut ws,
        "0.9.250",
        ReleaseStatus::Planned,
        None,
        None,
        None,
        "",
        None,
        at("09:00"),
        at("09:00"),
    )
    .unwrap();
    release::set_release_manager(&mut ws, &r, &ana, at("19:30"), now).unwrap();
    release::set_status(
        &mut ws,
        &r,
        ReleaseStatus::InProgress,
        Some(&ana),
        None,
        at("20:00"),
        now,
    )
    .unwrap();
    release::record_go_no_go(
        &mut ws,
        &r,
        Decision::Go,
        Some(&ana),
        at("20:30"),
        "tests green",
        now,
    )
    .unwrap();
    release::set_status(
        &mut ws,
        &r,
        ReleaseStatus::Deployed,
        Some(&ana),
        None,
        at("20:40"),
        now,
    )
    .unwrap();
    let i = incident::declare(
        &mut ws,
        "Search 502",
        Severity::Sev1,
        at("21:58"),
        None,
        vec![],
        "",
        Some(&sam),
        now,
    )
    .unwrap();
    incident::set_backfill(&mut ws, &i, true, now).unwrap();
    release::link_incident(&mut ws, &i, Some(&r), now).unwrap();
    let im = defaults::INCIDENT_MANAGER;
    let a = incident::assign_incident_role(&mut ws, &i, &sam, im, Some(&sam), at("22:05"), now).unwrap();
    incident::handover_incident_role(&mut ws, &a, &ana, Some(&sam), at("23:00"), now).unwrap();
    incident::set_status(&mut ws, &i, Status::Resolved, Some(&ana), at("23:40"), now).unwrap();
    (ws, i, r)
}

#[test]
fn a_workspace_with_time_links_imports_and_round_trips() {
    let (ws, i, r) = linked_day();
    let release = ws.releases.iter().find(|x| x.id == r).unwrap();
    assert!(
        release.timeline.iter().any(|e| !e.ends.is_empty()),
        "{:#?}",
        release.timeline
    );
    let incident = ws.incidents.iter().find(|x| x.id == i).unwrap();
    assert!(incident.backfill);
    assert!(incident.timeline.iter().any(|e| !e.starts.is_empty()));
    assert!(incident.timeline.iter().any(|e| !e.ends.is_empty()));
    assert_eq!(reimport(&ws), ws);
}

#[test]
fn a_bundle_carries_the_records_its_links_name() {
    let (ws, i, r) = linked_day();
    let b = bundle::incident_bundle(&ws, &i, now()).expect("bundle");
    // The release rides along with its timeline, and the release manager's role its deploy
    // ended comes with it, or the bundle would name an assignment it does not hold.
    let release = b.releases.iter().find(|x| x.id == r).expect("the release");
    for id in release
        .timeline
        .iter()
        .flat_map(|e| e.starts.iter().chain(&e.ends))
    {
        assert!(b.assignments.iter().any(|a| &a.id == id), "{id} missing");
    }
    reimport(&b);
    // Sent to someone with nothing, or merged back into the sender, it still imports.
    reimport(&merge::merge(&Workspace::default(), &b).workspace);
    let back = merge::merge(&ws, &b);
    assert!(back.conflicts.is_empty(), "{:#?}", back.conflicts);
    let expected = Workspace {
        exported_at: b.exported_at,
        ..ws
    };
    assert_eq!(back.workspace, expected);
}

/// Written by a Hatrack from before entries were linked: the declaration at the click, roles
/// started and released by entries that do not name them.
const OLD_RESOLVED: &str = r#"{
  "format": "hatrack-workspace", "version": 1,
  "people": [{ "id": "p-sam", "name": "Sam Rivera" }],
  "roles": [{ "id": "incident-manager", "name": "Incident manager", "scope": "incident", "weight": 3 }],
  "assignments": [
    { "id": "a-1", "person": "p-sam", "role": "incident-manager", "start": "2026-11-27T10:08:00Z",
      "end": "2026-11-27T12:30:00Z", "incident": "i-1" }
  ],
  "incidents": [
    { "id": "i-1", "title": "Checkout times out", "severity": "sev2", "status": "resolved",
      "started_at": "2026-11-27T10:00:00Z", "resolved_at": "2026-11-27T12:30:00Z",
      "timeline": [
        { "id": "t-1", "at": "2026-11-27T10:07:00Z", "kind": "status",
          "text": "Incident declared (sev2)", "status": "investigating" },
        { "id": "t-2", "at": "2026-11-27T10:08:00Z", "kind": "role",
          "text": "Sam Rivera is now Incident manager" },
        { "id": "t-3", "at": "2026-11-27T12:30:00Z", "kind": "status",
          "text": "Status: investigating → resolved", "status": "resolved" },
        { "id": "t-4", "at": "2026-11-27T12:30:00Z", "kind": "role",
          "text": "Roles released: Sam Rivera (Incident manager)" }
      ] }
  ]
}"#;

/// What FORMAT.md says of older files: unlinked entries move alone; the declaration and the
/// move to resolved still carry the incident's start and resolution, found by their place.
#[test]
fn correcting_an_old_files_entries_moves_only_what_format_md_says() {
    use hatrack::domain::incident::move_entry;
    let at = |hm: &str| -> DateTime<Utc> { format!("2026-11-27T{hm}:00Z").parse().unwrap() };
    let mut ws = Workspace::from_json(OLD_RESOLVED).unwrap_or_else(|e| panic!("{e}"));
    let entry_at =
        |ws: &Workspace, id: &str| ws.incidents[0].timeline.iter().find(|e| e.id == id).unwrap().at;

    move_entry(&mut ws, "i-1", "t-2", at("10:05"), now()).unwrap();
    assert_eq!(entry_at(&ws, "t-2"), at("10:05"));
    assert_eq!(
        ws.assignments[0].start,
        at("10:08"),
        "the unlinked role entry moved alone"
    );

    move_entry(&mut ws, "i-1", "t-3", at("12:45"), now()).unwrap();
    assert_eq!(ws.incidents[0].resolved_at, Some(at("12:45")));
    assert_eq!(ws.assignments[0].end, Some(at("12:30")));
    assert_eq!(
        entry_at(&ws, "t-4"),
        at("12:30"),
        "Roles released without ends stays"
    );

    move_entry(&mut ws, "i-1", "t-1", at("10:02"), now()).unwrap();
    assert_eq!(ws.incidents[0].started_at, at("10:02"));
    reimport(&ws);
}
