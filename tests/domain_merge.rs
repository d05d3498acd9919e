//! Merge, resolve and incident bundles: both people's work survives a merge of two files.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::bundle::incident_bundle;
use hatrack::domain::defaults::new_workspace;
use hatrack::domain::merge::{
    is_too_large, merge, preview, resolve, too_large_message, Side, MAX_IMPORT_BYTES,
};
use hatrack::domain::model::*;
use hatrack::domain::order;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashSet;

fn t(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap() + Duration::minutes(min)
}

fn person(id: &str, name: &str, updated: Option<i64>) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        timezone: None,
        skills: vec![],
        capacity: None,
        active: true,
        updated_at: updated.map(t),
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    }
}

fn entry(id: &str, at: i64, text: &str, author: Option<&str>) -> TimelineEntry {
    TimelineEntry {
        ends: vec![],
        release_status: None,
        starts: vec![],
        id: id.into(),
        at: t(at),
        kind: EntryKind::Note,
        text: text.into(),
        author: author.map(String::from),
        status: None,
        step: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn incident(id: &str, title: &str, updated: i64) -> Incident {
    Incident {
        backfill: false,
        id: id.into(),
        title: title.into(),
        severity: Severity::Sev2,
        status: Status::Investigating,
        started_at: t(0),
        detected_at: None,
        resolved_at: None,
        services: vec!["search".into()],
        summary: String::new(),
        release: None,
        timeline: vec![entry(&format!("{id}-t1"), 1, "Alerts for 5xx on search", None)],
        updated_at: Some(t(updated)),
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn release(id: &str, updated: i64) -> Release {
    Release {
        timeline: vec![],
        go_no_go: None,
        id: id.into(),
        name: id.trim_start_matches("r-").into(),
        status: ReleaseStatus::Deployed,
        planned_start: None,
        planned_end: None,
        deployed_at: Some(t(0)),
        notes: String::new(),
        updated_at: Some(t(updated)),
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn assignment(id: &str, person: &str, role: &str, incident: Option<&str>) -> Assignment {
    Assignment {
        id: id.into(),
        person: person.into(),
        role: role.into(),
        start: t(5),
        end: None,
        incident: incident.map(String::from),
        release: None,
        updated_at: Some(t(5)),
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn action(id: &str, text: &str, owner: Option<&str>, updated: i64) -> ActionItem {
    ActionItem {
        id: id.into(),
        text: text.into(),
        owner: owner.map(String::from),
        due: None,
        priority: "high".into(),
        done: false,
        done_at: None,
        created_at: None,
        updated_at: Some(t(updated)),
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn review(id: &str, incident: &str, actions: Vec<ActionItem>) -> Review {
    Review {
        id: id.into(),
        incident: incident.into(),
        status: ReviewStatus::Draft,
        kind: ReviewKind::Full,
        summary: String::new(),
        impact: String::new(),
        detection: String::new(),
        response: String::new(),
        recovery: String::new(),
        contributing_factors: vec![],
        went_well: vec![],
        went_badly: vec![],
        lucky: vec![],
        lessons: String::new(),
        actions,
        key_moments: vec![],
        status_log: vec![],
        published: None,
        updated_at: Some(t(100)),
        deleted_at: None,
        extra: Extra::new(),
    }
}

/// Two incidents, one release, people, assignments and a review: the state both sides start from.
fn base() -> Workspace {
    let mut ws = new_workspace();
    ws.people = vec![
        person("p-sam", "Sam Rivera", Some(0)),
        person("p-kim", "Kim Lee", Some(0)),
        person("p-ola", "Ola Nordmann", Some(0)),
    ]
    .into();
    ws.people[0].skills = vec!["incident-manager".into()];
    ws.releases = vec![release("r-0.9.250", 0), release("r-0.9.251", 0)].into();
    let mut search = incident("i-search", "Search returns 502", 10);
    search.release = Some("r-0.9.250".into());
    search
        .timeline
        .push(entry("i-search-t2", 3, "Rolled back", Some("p-kim")));
    ws.incidents = vec![search, incident("i-login", "Login slow", 10)].into();
    ws.assignments = vec![
        assignment("a-1", "p-sam", "incident-manager", Some("i-search")),
        assignment("a-2", "p-kim", "scribe", Some("i-search")),
        assignment("a-3", "p-ola", "committee-chair", None),
        assignment("a-4", "p-ola", "first-line", Some("i-login")),
    ]
    .into();
    ws.reviews = vec![review(
        "rv-1",
        "i-search",
        vec![action(
            "ac-1",
            "Split the release-manager role",
            Some("p-sam"),
            100,
        )],
    )]
    .into();
    ws
}

/// Same records in an order that does not depend on which side was "mine".
fn normalized(ws: &Workspace) -> Workspace {
    let mut ws = ws.clone();
    ws.people.sort_by(|a, b| a.id.cmp(&b.id));
    ws.roles.sort_by(|a, b| a.id.cmp(&b.id));
    order::sort_by_key(&mut ws.conflicts, |c| c.key());
    ws.assignments.sort_by(|a, b| a.id.cmp(&b.id));
    ws.incidents.sort_by(|a, b| a.id.cmp(&b.id));
    for i in &mut ws.incidents {
        order::sort_by(&mut i.timeline, |a, b| a.id.cmp(&b.id));
    }
    ws.releases.sort_by(|a, b| a.id.cmp(&b.id));
    ws.reviews.sort_by(|a, b| a.id.cmp(&b.id));
    for r in &mut ws.reviews {
        order::sort_by(&mut r.actions, |a, b| a.id.cmp(&b.id));
    }
    ws
}

fn find_incident<'a>(ws: &'a Workspace, id: &str) -> &'a Incident {
    ws.incidents.iter().find(|i| i.id == id).expect("incident kept")
}

#[test]
fn keeps_both_sides_new_records() {
    let mut mine = base();
    mine.people.push(person("p-new-mine", "Ann", Some(50)));
    let mut theirs = base();
    theirs
        .incidents
        .push(incident("i-theirs", "Mail queue stuck", 60));
    theirs.releases.push(release("r-1.0.0", 60));

    let p = preview(&mine, &theirs);
    assert_eq!(p.get("incidents").unwrap().new, 1);
    assert_eq!(p.get("releases").unwrap().new, 1);
    assert_eq!(
        p.get("people").unwrap().new,
        0,
        "my own new person is not new to me"
    );
    assert_eq!(p.total_conflicts(), 0);

    let out = merge(&mine, &theirs);
    assert!(out.conflicts.is_empty());
    let ws = out.workspace;
    assert!(ws.people.iter().any(|p| p.id == "p-new-mine"));
    assert!(ws.incidents.iter().any(|i| i.id == "i-theirs"));
    assert!(ws.releases.iter().any(|r| r.id == "r-1.0.0"));
    // Mine keeps its order; theirs' new records come after.
    assert_eq!(ws.incidents.last().unwrap().id, "i-theirs");
    assert_eq!(ws.incidents[0].id, "i-search");
}

/// Alice and Bob each work on different records and both add notes to the same incident.
fn disjoint_edits() -> (Workspace, Workspace) {
    let mut alice = base();
    alice.people[1].name = "Kim Lee-Park".into();
    alice.people[1].updated_at = Some(t(40));
    alice.incidents[0]
        .timeline
        .push(entry("t-alice", 30, "Cache flushed", Some("p-sam")));
    alice.incidents[0].updated_at = Some(t(30));
    alice.reviews[0]
        .actions
        .push(action("ac-alice", "Add a search canary", Some("p-kim"), 45));
    alice.reviews[0].updated_at = Some(t(45));

    let mut bob = base();
    bob.releases[1].status = ReleaseStatus::RolledBack;
    bob.releases[1].updated_at = Some(t(35));
    bob.incidents[0]
        .timeline
        .push(entry("t-bob", 31, "Status page updated", Some("p-kim")));
    bob.incidents[0].updated_at = Some(t(31));
    bob.incidents.push(incident("i-bob", "Uploads fail", 33));
    bob.roles[2].weight = 1.5;
    bob.roles[2].updated_at = Some(t(36));
    bob.reviews[0]
        .actions
        .push(action("ac-bob", "Document the rollback", None, 46));
    bob.reviews[0].updated_at = Some(t(46));
    (alice, bob)
}

#[test]
fn commutative_on_disjoint_edits() {
    let (alice, bob) = disjoint_edits();
    let ab = merge(&alice, &bob);
    let ba = merge(&bob, &alice);
    assert_eq!(normalized(&ab.workspace), normalized(&ba.workspace));
    // With no common ancestor, a stamped record that differs is listed even when only one
    // side edited it (the newer version is kept); the lists mirror each other.
    let listed = |r: &hatrack::domain::merge::MergeResult| {
        let mut v: Vec<_> = r.conflicts.iter().map(|c| (c.id.clone(), c.kept)).collect();
        order::sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(
        listed(&ab),
        [
            ("p-kim".to_string(), Side::Mine),
            ("r-0.9.251".to_string(), Side::Theirs)
        ]
    );
    assert_eq!(
        listed(&ba),
        [
            ("p-kim".to_string(), Side::Theirs),
            ("r-0.9.251".to_string(), Side::Mine)
        ]
    );

    let ws = ab.workspace;
    assert_eq!(ws.people[1].name, "Kim Lee-Park");
    assert_eq!(ws.releases[1].status, ReleaseStatus::RolledBack);
    assert_eq!(ws.roles[2].weight, 1.5);
    let actions: Vec<_> = ws.reviews[0].actions.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(actions, ["ac-1", "ac-alice", "ac-bob"]);
    assert_eq!(ws.reviews[0].updated_at, Some(t(46)), "newer stamp kept");
}

#[test]
fn timelines_are_unioned_in_time_order() {
    let (alice, bob) = disjoint_edits();
    let ws = merge(&alice, &bob).workspace;
    let search = find_incident(&ws, "i-search");
    let ids: Vec<_> = search.timeline.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["i-search-t1", "i-search-t2", "t-alice", "t-bob"]);
    assert_eq!(search.updated_at, Some(t(31)));
    let p = preview(&alice, &bob);
    assert_eq!(p.get("timeline").unwrap().new, 1);
    assert_eq!(p.get("incidents").unwrap().updated, 1);
    assert_eq!(p.get("incidents").unwrap().new, 1);
}

#[test]
fn merging_the_same_file_twice_changes_nothing_the_second_time() {
    let (alice, mut bob) = disjoint_edits();
    // Include a conflict too, so the second merge meets a record where mine won.
    bob.people[1].name = "Kim L.".into();
    bob.people[1].updated_at = Some(t(20));
    let once = merge(&alice, &bob);
    assert!(once
        .conflicts
        .iter()
        .any(|c| c.id == "p-kim" && c.kept == Side::Mine));
    let twice = merge(&once.workspace, &bob);
    assert_eq!(twice.workspace, once.workspace);
    let p = preview(&once.workspace, &bob);
    assert_eq!(p.total_new(), 0);
    assert_eq!(p.total_updated(), 0);
    // Merging with itself is a no-op too.
    assert_eq!(merge(&once.workspace, &once.workspace).workspace, once.workspace);
    assert!(preview(&alice, &alice).changes_nothing());
}

#[test]
fn same_record_edited_on_both_sides_newer_wins_and_is_listed() {
    let mut mine = base();
    mine.incidents[0].title = "Search down".into();
    mine.incidents[0].updated_at = Some(t(50));
    let mut theirs = base();
    theirs.incidents[0].title = "Search returns 502 for all users".into();
    theirs.incidents[0].updated_at = Some(t(60));

    let p = preview(&mine, &theirs);
    assert_eq!(p.get("incidents").unwrap().conflicts, 1);
    assert_eq!(p.get("incidents").unwrap().updated, 0);

    let out = merge(&mine, &theirs);
    assert_eq!(
        find_incident(&out.workspace, "i-search").title,
        "Search returns 502 for all users"
    );
    assert_eq!(out.conflicts.len(), 1);
    let c = &out.conflicts[0];
    assert_eq!(c.collection, "incidents");
    assert_eq!(c.id, "i-search");
    assert_eq!(c.kept, Side::Theirs);
    assert_eq!(c.label, "Incident \"Search returns 502 for all users\"");
    assert_eq!(c.mine["title"], json!("Search down"));
    assert_eq!(c.theirs["title"], json!("Search returns 502 for all users"));

    // The other way round the same version wins, now as "mine".
    let back = merge(&theirs, &mine);
    assert_eq!(
        find_incident(&back.workspace, "i-search").title,
        "Search returns 502 for all users"
    );
    assert_eq!(back.conflicts[0].kept, Side::Mine);
}

#[test]
fn equal_stamps_pick_the_same_version_whichever_side_is_mine() {
    let mut a = base();
    a.people[0].name = "Sam A".into();
    a.people[0].updated_at = Some(t(50));
    let mut b = base();
    b.people[0].name = "Sam B".into();
    b.people[0].updated_at = Some(t(50));
    let ab = merge(&a, &b);
    let ba = merge(&b, &a);
    assert_eq!(ab.workspace.people[0].name, ba.workspace.people[0].name);
    assert_eq!(ab.conflicts.len(), 1);
    assert_ne!(ab.conflicts[0].kept, ba.conflicts[0].kept);
}

#[test]
fn an_edit_to_a_record_never_edited_on_the_other_side_is_not_a_conflict() {
    let mine = base();
    let mut theirs = base();
    // Default roles carry no stamp until somebody edits them.
    theirs.roles[0].weight = 2.5;
    theirs.roles[0].updated_at = Some(t(70));
    let p = preview(&mine, &theirs);
    assert_eq!(p.get("roles").unwrap().updated, 1);
    assert_eq!(p.get("roles").unwrap().conflicts, 0);
    let out = merge(&mine, &theirs);
    assert!(out.conflicts.is_empty());
    assert_eq!(out.workspace.roles[0].weight, 2.5);
    // And my edit survives their untouched original.
    let out = merge(&theirs, &mine);
    assert_eq!(out.workspace.roles[0].weight, 2.5);
    assert_eq!(preview(&theirs, &mine).get("roles").unwrap().unchanged, 9);
}

#[test]
fn differing_unstamped_records_are_listed() {
    let mine = base();
    let mut theirs = base();
    theirs.conflicts[0].reason = "Different reason, no stamp".into();
    let out = merge(&mine, &theirs);
    assert_eq!(out.conflicts.len(), 1);
    assert_eq!(out.conflicts[0].collection, "conflicts");
    assert_eq!(out.conflicts[0].id, "incident-manager + third-line-lead");
    assert_eq!(
        out.conflicts[0].label,
        "Conflict rule \"Incident manager / 3rd line lead\""
    );
}

#[test]
fn tombstones_are_not_resurrected_by_older_edits() {
    let mut mine = base();
    mine.incidents[1].deleted_at = Some(t(80));
    mine.incidents[1].updated_at = Some(t(80));
    let mut theirs = base();
    theirs.incidents[1].title = "Login slow for EU users".into();
    theirs.incidents[1].updated_at = Some(t(70));

    for (a, b) in [(&mine, &theirs), (&theirs, &mine)] {
        let out = merge(a, b);
        let login = find_incident(&out.workspace, "i-login");
        assert_eq!(login.deleted_at, Some(t(80)), "older edit must not undelete");
        assert_eq!(out.conflicts.len(), 1, "the lost edit is listed");
    }

    // Their copy was never edited at all: the delete wins quietly.
    let mut untouched = base();
    untouched.incidents[1].updated_at = None;
    let out = merge(&untouched, &mine);
    assert!(find_incident(&out.workspace, "i-login").deleted_at.is_some());
    assert!(out.conflicts.is_empty());

    // A tombstone with no updated_at still beats an older edit.
    let mut bare = base();
    bare.incidents[1].deleted_at = Some(t(80));
    bare.incidents[1].updated_at = None;
    assert!(find_incident(&merge(&theirs, &bare).workspace, "i-login")
        .deleted_at
        .is_some());
}

#[test]
fn an_edit_after_the_delete_wins() {
    let mut mine = base();
    mine.releases[0].deleted_at = Some(t(80));
    mine.releases[0].updated_at = Some(t(80));
    let mut theirs = base();
    theirs.releases[0].notes = "Still needed: the incident names it".into();
    theirs.releases[0].updated_at = Some(t(90));
    let out = merge(&mine, &theirs);
    assert_eq!(out.workspace.releases[0].deleted_at, None);
    assert_eq!(out.conflicts[0].kept, Side::Theirs);
}

#[test]
fn deleted_timeline_entries_stay_deleted() {
    let mut mine = base();
    mine.incidents[0].timeline[1].deleted_at = Some(t(40));
    mine.incidents[0].updated_at = Some(t(40));
    let mut theirs = base();
    theirs.incidents[0]
        .timeline
        .push(entry("t-new", 41, "New note", None));
    theirs.incidents[0].updated_at = Some(t(41));
    for (a, b) in [(&mine, &theirs), (&theirs, &mine)] {
        let ws = merge(a, b).workspace;
        let search = find_incident(&ws, "i-search");
        let gone = search.timeline.iter().find(|e| e.id == "i-search-t2").unwrap();
        assert_eq!(gone.deleted_at, Some(t(40)));
        assert!(search.timeline.iter().any(|e| e.id == "t-new"));
    }
}

#[test]
fn resolve_applies_the_choice_and_keeps_it_on_the_next_import() {
    let mut mine = base();
    mine.people[0].name = "Sam R.".into();
    mine.people[0].updated_at = Some(t(50));
    mine.incidents[0].title = "Search down".into();
    mine.incidents[0].updated_at = Some(t(50));
    let mut theirs = base();
    theirs.people[0].name = "Samuel Rivera".into();
    theirs.people[0].updated_at = Some(t(60));
    theirs.incidents[0].title = "Search 502".into();
    theirs.incidents[0]
        .timeline
        .push(entry("t-theirs", 55, "Their note", None));
    theirs.incidents[0].updated_at = Some(t(60));

    let out = merge(&mine, &theirs);
    assert_eq!(out.conflicts.len(), 2);
    let mut ws = out.workspace.clone();
    for c in &out.conflicts {
        assert_eq!(c.kept, Side::Theirs);
        resolve(&mut ws, c, Side::Mine);
    }
    assert_eq!(ws.people[0].name, "Sam R.");
    let search = find_incident(&ws, "i-search");
    assert_eq!(search.title, "Search down");
    assert!(
        search.timeline.iter().any(|e| e.id == "t-theirs"),
        "their note survives choosing my incident"
    );
    // Importing the same file again keeps my choice.
    let again = merge(&ws, &theirs).workspace;
    assert_eq!(again.people[0].name, "Sam R.");
    assert_eq!(find_incident(&again, "i-search").title, "Search down");

    // Choosing the version already kept changes nothing.
    let mut same = out.workspace.clone();
    resolve(&mut same, &out.conflicts[0], Side::Theirs);
    assert_eq!(same, out.workspace);
}

#[test]
fn resolve_settings_and_nested_actions() {
    let mut mine = base();
    mine.settings.default_capacity = 4.0;
    mine.reviews[0].actions[0].text = "Mine".into();
    mine.reviews[0].actions[0].updated_at = Some(t(120));
    let mut theirs = base();
    theirs.settings.default_capacity = 5.0;
    theirs.reviews[0].actions[0].text = "Theirs".into();
    theirs.reviews[0].actions[0].updated_at = Some(t(130));
    let out = merge(&mine, &theirs);
    assert_eq!(
        out.workspace.settings.default_capacity, 4.0,
        "unstamped settings: mine win"
    );
    assert_eq!(out.workspace.reviews[0].actions[0].text, "Theirs");
    let mut ws = out.workspace.clone();
    let settings = out.conflicts.iter().find(|c| c.collection == "settings").unwrap();
    let act = out.conflicts.iter().find(|c| c.collection == "actions").unwrap();
    assert_eq!(act.parent.as_deref(), Some("rv-1"));
    assert_eq!(
        act.label,
        "Action item \"Theirs\" in the review of \"Search returns 502\""
    );
    resolve(&mut ws, settings, Side::Theirs);
    resolve(&mut ws, act, Side::Mine);
    assert_eq!(ws.settings.default_capacity, 5.0);
    assert_eq!(ws.reviews[0].actions[0].text, "Mine");
}

#[test]
fn unknown_fields_are_unioned_mine_winning() {
    let mut mine = base();
    mine.extra.insert("x_shared".into(), json!("mine"));
    mine.extra.insert("x_mine".into(), json!(1));
    let mut theirs = base();
    theirs.extra.insert("x_shared".into(), json!("theirs"));
    theirs.extra.insert("x_theirs".into(), json!(2));
    let ws = merge(&mine, &theirs).workspace;
    assert_eq!(ws.extra["x_shared"], json!("mine"));
    assert_eq!(ws.extra["x_mine"], json!(1));
    assert_eq!(ws.extra["x_theirs"], json!(2));
}

#[test]
fn size_limit() {
    assert!(!is_too_large(MAX_IMPORT_BYTES));
    assert!(is_too_large(MAX_IMPORT_BYTES + 1));
    assert_eq!(
        too_large_message((31.2 * 1024.0 * 1024.0) as usize),
        "This file is 31.2 MB; Hatrack imports files up to 25 MB."
    );
    assert_eq!(
        too_large_message(MAX_IMPORT_BYTES + 1),
        "This file is 25.1 MB; Hatrack imports files up to 25 MB."
    );
}

#[test]
fn entries_at_the_same_instant_keep_their_written_order_through_a_merge() {
    // Declared and identified in the same minute, with ids that sort the other way round: the
    // declaration must stay the first status entry, whichever side the new note comes from.
    let mut mine = base();
    let status = |id: &str, s: Status| TimelineEntry {
        kind: EntryKind::Status,
        status: Some(s),
        ..entry(id, 2, "", None)
    };
    mine.incidents[1].timeline = vec![
        status("t-z-declared", Status::Investigating),
        status("t-a-identified", Status::Identified),
    ];
    let mut theirs = mine.clone();
    theirs.incidents[1]
        .timeline
        .push(entry("t-note", 2, "Same minute", None));
    theirs.incidents[1].updated_at = Some(t(20));
    for (a, b) in [(&mine, &theirs), (&theirs, &mine)] {
        let ws = merge(a, b).workspace;
        let ids: Vec<_> = find_incident(&ws, "i-login")
            .timeline
            .iter()
            .filter(|e| e.status.is_some())
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["t-z-declared", "t-a-identified"]);
    }
}

// ---- time links (starts/ends, release_status, backfill, release timelines) ----

/// An entry of `kind` that starts and ends the given assignments.
fn linked(id: &str, at: i64, kind: EntryKind, starts: &[&str], ends: &[&str]) -> TimelineEntry {
    TimelineEntry {
        kind,
        starts: starts.iter().map(|s| s.to_string()).collect(),
        ends: ends.iter().map(|s| s.to_string()).collect(),
        ..entry(id, at, "", None)
    }
}

fn release_entry(id: &str, at: i64, status: ReleaseStatus, ends: &[&str]) -> TimelineEntry {
    TimelineEntry {
        release_status: Some(status),
        ..linked(id, at, EntryKind::Status, &[], ends)
    }
}

/// A release manager's role on r-0.9.250, ended by the deploy.
fn release_manager(id: &str, person: &str) -> Assignment {
    Assignment {
        release: Some("r-0.9.250".into()),
        end: Some(t(0)),
        ..assignment(id, person, "release-manager", None)
    }
}

#[test]
fn a_release_merges_as_a_whole_with_its_timeline_newer_winning() {
    let mut mine = base();
    mine.assignments.push(release_manager("a-rm", "p-kim"));
    mine.releases[0].timeline = vec![release_entry("t-r1", 0, ReleaseStatus::Deployed, &["a-rm"])];
    mine.releases[0].updated_at = Some(t(50));
    let mut theirs = mine.clone();
    theirs.releases[0].status = ReleaseStatus::RolledBack;
    theirs.releases[0]
        .timeline
        .push(release_entry("t-r2", 20, ReleaseStatus::RolledBack, &[]));
    theirs.releases[0].updated_at = Some(t(60));
    // An older edit of mine to the same release: it loses as a whole, timeline and all.
    mine.releases[0].notes = "Watch the cache".into();
    mine.releases[0]
        .timeline
        .push(release_entry("t-r3", 30, ReleaseStatus::Cancelled, &[]));

    for (a, b, kept) in [(&mine, &theirs, Side::Theirs), (&theirs, &mine, Side::Mine)] {
        let out = merge(a, b);
        let r = &out.workspace.releases[0];
        assert_eq!(r, &theirs.releases[0], "the newer release, timeline included");
        let ids: Vec<_> = r.timeline.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["t-r1", "t-r2"], "not unioned entry by entry");
        assert_eq!(r.timeline[0].ends, ["a-rm"]);
        assert_eq!(r.timeline[1].release_status, Some(ReleaseStatus::RolledBack));
        assert_eq!(out.conflicts.len(), 1);
        let c = &out.conflicts[0];
        assert_eq!(
            (c.collection, c.id.as_str(), c.kept),
            ("releases", "r-0.9.250", kept)
        );
        // The timeline is part of what the person chooses between, unlike an incident's.
        let fields: Vec<_> = c.differences().into_iter().map(|d| d.field).collect();
        assert_eq!(fields, ["status", "notes", "timeline", "updated_at"]);
        assert_eq!(dangling_references(&out.workspace), Vec::<String>::new());
    }

    // Choosing the older version brings its timeline back whole, and the choice sticks.
    let out = merge(&mine, &theirs);
    let mut ws = out.workspace.clone();
    resolve(&mut ws, &out.conflicts[0], Side::Mine);
    let ids: Vec<_> = ws.releases[0].timeline.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["t-r1", "t-r3"]);
    assert_eq!(ws.releases[0].notes, "Watch the cache");
    assert_eq!(
        merge(&ws, &theirs).workspace.releases[0].timeline,
        ws.releases[0].timeline
    );

    // A release only one side has keeps its timeline; an unedited copy loses to an edited one.
    let out = merge(&base(), &theirs);
    assert_eq!(out.workspace.releases[0], theirs.releases[0]);
    let mut unstamped = base();
    unstamped.releases[0].updated_at = None;
    let out = merge(&unstamped, &theirs);
    assert!(out.conflicts.is_empty());
    assert_eq!(out.workspace.releases[0].timeline, theirs.releases[0].timeline);
}

#[test]
fn incident_timeline_links_survive_a_merge() {
    let mut mine = base();
    mine.incidents[0]
        .timeline
        .push(entry("t-mine", 6, "Paged Kim", Some("p-sam")));
    mine.incidents[0].updated_at = Some(t(40));

    // Theirs recorded the response after the fact: Ola took the scribe role at 8, the incident
    // was resolved at 90 and Ola's role released with it.
    let mut theirs = base();
    let mut ola = assignment("a-ola", "p-ola", "scribe", Some("i-search"));
    ola.start = t(8);
    ola.end = Some(t(90));
    theirs.assignments.push(ola);
    let search = &mut theirs.incidents[0];
    search.backfill = true;
    search.status = Status::Resolved;
    search.resolved_at = Some(t(90));
    search
        .timeline
        .push(linked("t-took", 8, EntryKind::Role, &["a-ola"], &[]));
    search.timeline.push(TimelineEntry {
        status: Some(Status::Resolved),
        ..linked("t-resolved", 90, EntryKind::Status, &[], &[])
    });
    search
        .timeline
        .push(linked("t-released", 90, EntryKind::Role, &[], &["a-ola", "a-1"]));
    search.updated_at = Some(t(50));

    for (a, b) in [(&mine, &theirs), (&theirs, &mine)] {
        let out = merge(a, b);
        let merged = find_incident(&out.workspace, "i-search");
        assert!(merged.backfill, "the newer incident's backfill is kept");
        let by_id = |id: &str| merged.timeline.iter().find(|e| e.id == id).unwrap().clone();
        assert_eq!(by_id("t-took"), theirs.incidents[0].timeline[2]);
        assert_eq!(by_id("t-took").starts, ["a-ola"]);
        assert_eq!(by_id("t-resolved").status, Some(Status::Resolved));
        assert_eq!(by_id("t-released").ends, ["a-ola", "a-1"]);
        assert_eq!(by_id("t-mine"), mine.incidents[0].timeline[2]);
        let ids: Vec<_> = merged.timeline.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "i-search-t1",
                "i-search-t2",
                "t-mine",
                "t-took",
                "t-resolved",
                "t-released"
            ]
        );
        assert_eq!(dangling_references(&out.workspace), Vec::<String>::new());
    }

    // An entry whose time was corrected on one side (its links moved with it there) is one
    // entry in conflict; the side whose incident is newer wins, links and all.
    let mut moved = theirs.clone();
    let took = moved.incidents[0]
        .timeline
        .iter_mut()
        .find(|e| e.id == "t-took")
        .unwrap();
    took.at = t(9);
    moved.assignments.last_mut().unwrap().start = t(9);
    moved.assignments.last_mut().unwrap().updated_at = Some(t(70));
    moved.incidents[0].updated_at = Some(t(70));
    let out = merge(&theirs, &moved);
    let merged = find_incident(&out.workspace, "i-search");
    let took = merged.timeline.iter().find(|e| e.id == "t-took").unwrap();
    assert_eq!((took.at, took.starts.clone()), (t(9), vec!["a-ola".to_string()]));
    let ola = out
        .workspace
        .assignments
        .iter()
        .find(|a| a.id == "a-ola")
        .unwrap();
    assert_eq!(ola.start, t(9), "the record moved with its entry");
    assert!(out
        .conflicts
        .iter()
        .any(|c| c.collection == "timeline" && c.id == "t-took" && c.kept == Side::Theirs));
}

// ---- incident bundles ----

/// Every id the bundle refers to, checked against what it holds.
fn dangling_references(ws: &Workspace) -> Vec<String> {
    let people: HashSet<_> = ws.people.iter().map(|p| p.id.as_str()).collect();
    let roles: HashSet<_> = ws.roles.iter().map(|r| r.id.as_str()).collect();
    let incidents: HashSet<_> = ws.incidents.iter().map(|i| i.id.as_str()).collect();
    let releases: HashSet<_> = ws.releases.iter().map(|r| r.id.as_str()).collect();
    let assignments: HashSet<_> = ws.assignments.iter().map(|a| a.id.as_str()).collect();
    let mut bad = vec![];
    let mut check = |set: &HashSet<&str>, id: &str, what: String| {
        if !set.contains(id) {
            bad.push(what);
        }
    };
    for (i, a) in ws.assignments.iter().enumerate() {
        check(&people, &a.person, format!("assignments[{i}].person"));
        check(&roles, &a.role, format!("assignments[{i}].role"));
        if let Some(x) = &a.incident {
            check(&incidents, x, format!("assignments[{i}].incident"));
        }
        if let Some(x) = &a.release {
            check(&releases, x, format!("assignments[{i}].release"));
        }
    }
    for (i, c) in ws.conflicts.iter().enumerate() {
        for r in &c.roles {
            check(&roles, r, format!("conflicts[{i}].roles"));
        }
    }
    for (i, p) in ws.people.iter().enumerate() {
        for s in &p.skills {
            check(&roles, s, format!("people[{i}].skills"));
        }
    }
    for (i, inc) in ws.incidents.iter().enumerate() {
        if let Some(x) = &inc.release {
            check(&releases, x, format!("incidents[{i}].release"));
        }
        for (j, e) in inc.timeline.iter().enumerate() {
            let at = format!("incidents[{i}].timeline[{j}]");
            if let Some(x) = &e.author {
                check(&people, x, format!("{at}.author"));
            }
            for x in e.starts.iter().chain(&e.ends) {
                check(&assignments, x, format!("{at}.starts/ends"));
            }
        }
    }
    for (i, r) in ws.releases.iter().enumerate() {
        for (j, e) in r.timeline.iter().enumerate() {
            let at = format!("releases[{i}].timeline[{j}]");
            if let Some(x) = &e.author {
                check(&people, x, format!("{at}.author"));
            }
            for x in e.starts.iter().chain(&e.ends) {
                check(&assignments, x, format!("{at}.starts/ends"));
            }
        }
    }
    for (i, r) in ws.reviews.iter().enumerate() {
        check(&incidents, &r.incident, format!("reviews[{i}].incident"));
        for (j, a) in r.actions.iter().enumerate() {
            if let Some(x) = &a.owner {
                check(&people, x, format!("reviews[{i}].actions[{j}].owner"));
            }
        }
        for (j, c) in r.status_log.iter().enumerate() {
            if let Some(x) = &c.by {
                check(&people, x, format!("reviews[{i}].status_log[{j}].by"));
            }
        }
        if let Some(x) = r.published.as_ref().and_then(|p| p.by.as_ref()) {
            check(&people, x, format!("reviews[{i}].published.by"));
        }
    }
    bad
}

fn ids<'a, T: 'a>(list: impl IntoIterator<Item = &'a T>, id: impl Fn(&T) -> &str) -> Vec<String> {
    let list: Vec<&T> = list.into_iter().collect();
    let mut v: Vec<String> = list.iter().map(|r| id(r).to_string()).collect();
    order::sort(&mut v);
    v
}

#[test]
fn bundle_holds_exactly_what_the_incident_refers_to() {
    let mut ws = base();
    ws.reviews.push(review("rv-login", "i-login", vec![]));
    ws.reviews[0]
        .actions
        .push(action("ac-2", "Ask Ola", Some("p-ola"), 101));
    let now = t(500);
    let b = incident_bundle(&ws, "i-search", now).expect("incident exists");

    assert_eq!(b.exported_at, Some(now));
    assert_eq!(b.format, FORMAT_NAME);
    assert_eq!(b.version, FORMAT_VERSION);
    assert_eq!(ids(&b.incidents, |i| &i.id), ["i-search"]);
    assert_eq!(ids(&b.reviews, |r| &r.id), ["rv-1"]);
    assert_eq!(ids(&b.releases, |r| &r.id), ["r-0.9.250"]);
    assert_eq!(ids(&b.assignments, |a| &a.id), ["a-1", "a-2"]);
    // Sam and Kim through assignments (and Kim as a timeline author), Ola as an action owner.
    assert_eq!(ids(&b.people, |p| &p.id), ["p-kim", "p-ola", "p-sam"]);
    assert_eq!(ids(&b.roles, |r| &r.id), ["incident-manager", "scribe"]);
    assert!(b.conflicts.is_empty(), "no rule names both of these roles");
    assert_eq!(b.settings, ws.settings);
    assert_eq!(dangling_references(&b), Vec::<String>::new());

    // Add a third-line lead: the rule between the two roles comes along.
    ws.assignments
        .push(assignment("a-5", "p-ola", "third-line-lead", Some("i-search")));
    let b = incident_bundle(&ws, "i-search", now).unwrap();
    assert_eq!(b.conflicts.len(), 1);
    assert_eq!(
        b.conflicts[0].key(),
        ("incident-manager".to_string(), "third-line-lead".to_string())
    );
    assert_eq!(dangling_references(&b), Vec::<String>::new());

    // It is a file like any other: it survives a JSON round trip.
    let back: Workspace = serde_json::from_str(&b.to_json()).unwrap();
    assert_eq!(back, b);
}

#[test]
fn bundle_brings_the_people_who_moved_or_published_the_review() {
    let mut ws = base();
    ws.people.push(person("p-rev", "Rev Iewer", Some(0)));
    ws.people.push(person("p-pub", "Pub Lisher", Some(0)));
    let rv = &mut ws.reviews[0];
    rv.status = ReviewStatus::Published;
    rv.status_log = vec![StatusChange {
        at: t(90),
        by: Some("p-rev".into()),
        from: ReviewStatus::InReview,
        to: ReviewStatus::Published,
        extra: Extra::new(),
    }];
    rv.published = Some(published_record(t(90), Some("p-pub".into())));
    let b = incident_bundle(&ws, "i-search", t(500)).unwrap();
    let people = ids(&b.people, |p| &p.id);
    assert!(people.contains(&"p-rev".to_string()) && people.contains(&"p-pub".to_string()));
    assert_eq!(dangling_references(&b), Vec::<String>::new());
    Workspace::from_json(&b.to_json()).expect("the bundle imports");
}

#[test]
fn a_review_merges_as_a_whole_with_its_status_log_and_published_record() {
    let mut mine = base();
    let mut theirs = base();
    // They published at 120; I edited the draft at 110: theirs is newer and wins whole.
    theirs.reviews[0].status = ReviewStatus::Published;
    theirs.reviews[0].status_log = vec![StatusChange {
        at: t(120),
        by: Some("p-kim".into()),
        from: ReviewStatus::InReview,
        to: ReviewStatus::Published,
        extra: Extra::new(),
    }];
    theirs.reviews[0].published = Some(published_record(t(120), Some("p-kim".into())));
    theirs.reviews[0].updated_at = Some(t(120));
    mine.reviews[0].summary = "My draft words".into();
    mine.reviews[0].updated_at = Some(t(110));
    for (a, b) in [(&mine, &theirs), (&theirs, &mine)] {
        let out = merge(a, b);
        let r = &out.workspace.reviews[0];
        assert_eq!(r.status, ReviewStatus::Published);
        assert_eq!(r.status_log, theirs.reviews[0].status_log);
        assert_eq!(r.published, theirs.reviews[0].published);
        assert_eq!(r.summary, "", "the newer whole record wins, not a mix of fields");
        assert_eq!(out.conflicts.len(), 1, "my draft edit is listed to choose from");
        let fields: Vec<String> = out.conflicts[0]
            .differences()
            .into_iter()
            .map(|d| d.field)
            .collect();
        for f in ["status", "status_log", "published", "summary"] {
            assert!(fields.contains(&f.to_string()), "{f} in {fields:?}");
        }
    }
    // Choosing my version brings my draft back whole, without their log or record.
    let out = merge(&mine, &theirs);
    let mut ws = out.workspace.clone();
    resolve(&mut ws, &out.conflicts[0], Side::Mine);
    let r = &ws.reviews[0];
    assert_eq!(
        (r.status, r.summary.as_str()),
        (ReviewStatus::Draft, "My draft words")
    );
    assert!(r.status_log.is_empty() && r.published.is_none());
}

#[test]
fn bundle_of_a_missing_or_deleted_incident_is_none() {
    let mut ws = base();
    assert!(incident_bundle(&ws, "i-nope", t(0)).is_none());
    ws.incidents[1].deleted_at = Some(t(90));
    assert!(incident_bundle(&ws, "i-login", t(0)).is_none());
}

#[test]
fn importing_a_bundle_merges_cleanly() {
    let ws = base();
    let b = incident_bundle(&ws, "i-search", t(500)).unwrap();

    // Into a fresh workspace: everything is new, nothing conflicts.
    let fresh = new_workspace();
    let out = merge(&fresh, &b);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    assert_eq!(dangling_references(&out.workspace), Vec::<String>::new());
    assert!(out.workspace.incidents.iter().any(|i| i.id == "i-search"));

    // Back into the workspace it came from: nothing changes.
    let back = merge(&ws, &b);
    assert!(back.conflicts.is_empty());
    assert_eq!(back.workspace.exported_at, Some(t(500)));
    let mut expected = ws.clone();
    expected.exported_at = Some(t(500));
    assert_eq!(back.workspace, expected);

    // Into a colleague's copy who added a note meanwhile: both notes survive.
    let mut colleague = base();
    colleague.incidents[0]
        .timeline
        .push(entry("t-colleague", 50, "Colleague's note", None));
    colleague.incidents[0].updated_at = Some(t(50));
    let mut sender = base();
    sender.incidents[0]
        .timeline
        .push(entry("t-sender", 51, "Sender's note", None));
    sender.incidents[0].updated_at = Some(t(51));
    let b = incident_bundle(&sender, "i-search", t(500)).unwrap();
    let out = merge(&colleague, &b);
    assert!(out.conflicts.is_empty());
    let tl = &find_incident(&out.workspace, "i-search").timeline;
    assert!(tl.iter().any(|e| e.id == "t-colleague"));
    assert!(tl.iter().any(|e| e.id == "t-sender"));
}

// ---- properties over random workspaces ----

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..200).prop_map(t)
}

fn opt_time() -> impl Strategy<Value = Option<DateTime<Utc>>> {
    prop::option::of(time())
}

fn extra() -> impl Strategy<Value = Extra> {
    let value = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-100i64..100).prop_map(Value::from),
        "[a-z ]{0,6}".prop_map(Value::from),
    ];
    prop::collection::btree_map("x_[a-z]{1,3}", value, 0..2).prop_map(|m| m.into_iter().collect())
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ]{0,8}"
}

fn person_s() -> impl Strategy<Value = Person> {
    (
        (0..6u8).prop_map(|i| format!("p-{i}")),
        text(),
        prop::option::of(Just("Europe/London".to_string())),
        prop::collection::vec((0..4u8).prop_map(|i| format!("role-{i}")), 0..2),
        prop::option::of((0..12u8).prop_map(|k| f64::from(k) * 0.5)),
        any::<bool>(),
        opt_time(),
        opt_time(),
        extra(),
    )
        .prop_map(
            |(id, name, timezone, skills, capacity, active, updated_at, deleted_at, extra)| Person {
                id,
                name,
                timezone,
                skills,
                capacity,
                active,
                updated_at,
                deleted_at,
                away: vec![],
                extra,
            },
        )
}

fn role_s() -> impl Strategy<Value = Role> {
    (
        (0..4u8).prop_map(|i| format!("role-{i}")),
        text(),
        prop::sample::select(Scope::ALL.to_vec()),
        (0..8u8).prop_map(|k| f64::from(k) * 0.5),
        text(),
        opt_time(),
        opt_time(),
        prop::option::of(any::<bool>()),
        extra(),
    )
        .prop_map(
            |(id, name, scope, weight, description, updated_at, deleted_at, single_holder, extra)| Role {
                id,
                name,
                scope,
                weight,
                description,
                updated_at,
                deleted_at,
                single_holder,
                extra,
            },
        )
}

fn rule_s() -> impl Strategy<Value = ConflictRule> {
    (0..4u8, 0..4u8, text(), opt_time(), opt_time(), extra()).prop_map(|(a, b, reason, u, d, extra)| {
        ConflictRule {
            roles: [format!("role-{a}"), format!("role-{b}")],
            reason,
            updated_at: u,
            deleted_at: d,
            extra,
        }
    })
}

fn assignment_s() -> impl Strategy<Value = Assignment> {
    (
        (0..8u8).prop_map(|i| format!("a-{i}")),
        (0..6u8, 0..4u8),
        time(),
        opt_time(),
        prop::option::of((0..4u8).prop_map(|i| format!("i-{i}"))),
        prop::option::of((0..4u8).prop_map(|i| format!("r-{i}"))),
        (opt_time(), opt_time()),
        extra(),
    )
        .prop_map(
            |(id, (p, r), start, end, incident, release, (u, d), extra)| Assignment {
                id,
                person: format!("p-{p}"),
                role: format!("role-{r}"),
                start,
                end,
                incident,
                release,
                updated_at: u,
                deleted_at: d,
                extra,
            },
        )
}

fn entry_s() -> impl Strategy<Value = TimelineEntry> {
    (
        (0..6u8).prop_map(|i| format!("t-{i}")),
        time(),
        prop::sample::select(EntryKind::ALL.to_vec()),
        text(),
        prop::option::of((0..6u8).prop_map(|i| format!("p-{i}"))),
        prop::option::of(prop::sample::select(Status::ALL.to_vec())),
        prop::option::of(prop::sample::select(ReleaseStatus::ALL.to_vec())),
        (assignment_ids(), assignment_ids()),
        opt_time(),
        extra(),
    )
        .prop_map(
            |(id, at, kind, text, author, status, release_status, (starts, ends), deleted_at, extra)| {
                TimelineEntry {
                    ends,
                    release_status,
                    starts,
                    id,
                    at,
                    kind,
                    text,
                    author,
                    status,
                    step: None,
                    deleted_at,
                    extra,
                }
            },
        )
}

/// The assignments an entry starts or ends, from the ids `assignment_s` uses.
fn assignment_ids() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec((0..8u8).prop_map(|i| format!("a-{i}")), 0..2)
}

fn dedup<T>(v: Vec<T>, key: impl Fn(&T) -> String) -> Vec<T> {
    let mut seen = HashSet::new();
    v.into_iter().filter(|r| seen.insert(key(r))).collect()
}

fn incident_s() -> impl Strategy<Value = Incident> {
    (
        (0..4u8).prop_map(|i| format!("i-{i}")),
        text(),
        prop::sample::select(Severity::ALL.to_vec()),
        prop::sample::select(Status::ALL.to_vec()),
        (time(), opt_time(), opt_time()),
        prop::collection::vec(text(), 0..2),
        prop::option::of((0..4u8).prop_map(|i| format!("r-{i}"))),
        (prop::collection::vec(entry_s(), 0..4), any::<bool>()),
        (opt_time(), opt_time()),
        extra(),
    )
        .prop_map(
            |(
                id,
                title,
                severity,
                status,
                (started_at, detected_at, resolved_at),
                services,
                release,
                (tl, backfill),
                (u, d),
                extra,
            )| {
                Incident {
                    backfill,
                    id,
                    title,
                    severity,
                    status,
                    started_at,
                    detected_at,
                    resolved_at,
                    services,
                    summary: String::new(),
                    release,
                    timeline: dedup(tl, |e| e.id.clone()),
                    updated_at: u,
                    deleted_at: d,
                    extra,
                }
            },
        )
}

fn release_s() -> impl Strategy<Value = Release> {
    (
        (0..4u8).prop_map(|i| format!("r-{i}")),
        text(),
        prop::sample::select(ReleaseStatus::ALL.to_vec()),
        (opt_time(), opt_time(), opt_time()),
        text(),
        prop::collection::vec(entry_s(), 0..3),
        (opt_time(), opt_time()),
        extra(),
    )
        .prop_map(
            |(id, name, status, (ps, pe, da), notes, tl, (u, d), extra)| Release {
                timeline: dedup(tl, |e| e.id.clone()),
                go_no_go: None,
                id,
                name,
                status,
                planned_start: ps,
                planned_end: pe,
                deployed_at: da,
                notes,
                updated_at: u,
                deleted_at: d,
                extra,
            },
        )
}

fn action_s() -> impl Strategy<Value = ActionItem> {
    (
        (0..5u8).prop_map(|i| format!("ac-{i}")),
        text(),
        prop::option::of((0..6u8).prop_map(|i| format!("p-{i}"))),
        prop::option::of((1..28u32).prop_map(|d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap())),
        prop::sample::select(vec!["", "high", "low"]),
        any::<bool>(),
        (opt_time(), opt_time(), opt_time(), opt_time()),
        extra(),
    )
        .prop_map(
            |(id, text, owner, due, priority, done, (done_at, created_at, u, d), extra)| ActionItem {
                id,
                text,
                owner,
                due,
                priority: priority.into(),
                done,
                done_at,
                created_at,
                updated_at: u,
                deleted_at: d,
                extra,
            },
        )
}

fn review_s() -> impl Strategy<Value = Review> {
    (
        (0..4u8).prop_map(|i| format!("rv-{i}")),
        (0..4u8).prop_map(|i| format!("i-{i}")),
        prop::sample::select(ReviewStatus::ALL.to_vec()),
        prop::sample::select(vec![ReviewKind::Quick, ReviewKind::Full]),
        text(),
        prop::collection::vec(text(), 0..2),
        prop::collection::vec(action_s(), 0..3),
        prop::collection::vec((0..6u8).prop_map(|i| format!("t-{i}")), 0..2),
        (
            opt_time(),
            opt_time(),
            prop::collection::vec(status_change_s(), 0..2),
        ),
        extra(),
    )
        .prop_map(
            |(
                id,
                incident,
                status,
                kind,
                summary,
                lists,
                actions,
                key_moments,
                (u, d, status_log),
                extra,
            )| Review {
                id,
                incident,
                status,
                kind,
                summary,
                impact: String::new(),
                detection: String::new(),
                response: String::new(),
                recovery: String::new(),
                contributing_factors: lists.clone(),
                went_well: lists,
                went_badly: vec![],
                lucky: vec![],
                lessons: String::new(),
                actions: dedup(actions, |a| a.id.clone()),
                key_moments,
                // Published records ride along with the review as a whole; one is enough to
                // see that they do.
                published: status_log
                    .last()
                    .filter(|c| c.to == ReviewStatus::Published)
                    .map(|c| published_record(c.at, c.by.clone())),
                status_log,
                updated_at: u,
                deleted_at: d,
                extra,
            },
        )
}

fn status_change_s() -> impl Strategy<Value = StatusChange> {
    (
        time(),
        prop::option::of((0..6u8).prop_map(|i| format!("p-{i}"))),
        prop::sample::select(ReviewStatus::ALL.to_vec()),
        prop::sample::select(ReviewStatus::ALL.to_vec()),
    )
        .prop_map(|(at, by, from, to)| StatusChange {
            at,
            by,
            from,
            to,
            extra: Extra::new(),
        })
}

fn published_record(at: DateTime<Utc>, by: Option<String>) -> PublishedRecord {
    PublishedRecord {
        at,
        by,
        roles: vec![PublishedRole {
            person: "p-1".into(),
            person_name: "Sam".into(),
            role: "scribe".into(),
            role_name: "Scribe".into(),
            from: at,
            to: at,
            extra: Extra::new(),
        }],
        statements: vec!["Sam was over capacity (load 4 of 3) for 5 min.".into()],
        process: vec![ProcessFollowed {
            role: "Scribe".into(),
            steps: vec!["Note how the incident was detected: done on time".into()],
            extra: Extra::new(),
        }],
        facts: ReviewFacts {
            title: "Search 502".into(),
            severity: Severity::Sev2,
            started_at: at,
            detected_at: None,
            resolved_at: Some(at),
            services: vec![],
            extra: Extra::new(),
        },
        extra: Extra::new(),
    }
}

fn workspace_s() -> impl Strategy<Value = Workspace> {
    use prop::collection::vec;
    (
        vec(person_s(), 0..5),
        vec(role_s(), 0..4),
        vec(rule_s(), 0..3),
        vec(assignment_s(), 0..5),
        vec(incident_s(), 0..3),
        vec(release_s(), 0..3),
        vec(review_s(), 0..3),
        prop::option::of(time()),
        extra(),
    )
        .prop_map(
            |(people, roles, conflicts, assignments, incidents, releases, reviews, exported_at, extra)| {
                Workspace {
                    exported_at,
                    people: Records::from(dedup(people, |r| r.id.clone())),
                    roles: Records::from(dedup(roles, |r| r.id.clone())),
                    conflicts: dedup(conflicts, |r| format!("{:?}", r.key())),
                    assignments: Records::from(dedup(assignments, |r| r.id.clone())),
                    incidents: Records::from(dedup(incidents, |r| r.id.clone())),
                    releases: Records::from(dedup(releases, |r| r.id.clone())),
                    reviews: Records::from(dedup(reviews, |r| r.id.clone())),
                    extra,
                    ..Workspace::default()
                }
            },
        )
}

/// Every record id of the workspace, nested ones with their parent.
fn all_ids(ws: &Workspace) -> HashSet<String> {
    let mut out = HashSet::new();
    out.extend(ws.people.iter().map(|r| format!("people/{}", r.id)));
    out.extend(ws.roles.iter().map(|r| format!("roles/{}", r.id)));
    out.extend(ws.conflicts.iter().map(|r| format!("conflicts/{:?}", r.key())));
    out.extend(ws.assignments.iter().map(|r| format!("assignments/{}", r.id)));
    out.extend(ws.releases.iter().map(|r| format!("releases/{}", r.id)));
    for i in &ws.incidents {
        out.insert(format!("incidents/{}", i.id));
        out.extend(
            i.timeline
                .iter()
                .map(|e| format!("incidents/{}/timeline/{}", i.id, e.id)),
        );
    }
    for r in &ws.reviews {
        out.insert(format!("reviews/{}", r.id));
        out.extend(
            r.actions
                .iter()
                .map(|a| format!("reviews/{}/actions/{}", r.id, a.id)),
        );
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn export_import_export_is_identical(ws in workspace_s()) {
        let text = ws.to_json();
        let back: Workspace = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &ws);
        prop_assert_eq!(back.to_json(), text);
    }

    #[test]
    fn merge_never_loses_a_record(a in workspace_s(), b in workspace_s()) {
        let out = merge(&a, &b);
        let have = all_ids(&out.workspace);
        for id in all_ids(&a).union(&all_ids(&b)) {
            prop_assert!(have.contains(id), "lost {}", id);
        }
        prop_assert_eq!(have.len(), all_ids(&a).union(&all_ids(&b)).count());
    }

    #[test]
    fn merge_is_idempotent(a in workspace_s(), b in workspace_s()) {
        let once = merge(&a, &b).workspace;
        let twice = merge(&once, &b).workspace;
        prop_assert_eq!(&twice, &once);
        let p = preview(&once, &b);
        prop_assert_eq!(p.total_new() + p.total_updated(), 0);
    }

    #[test]
    fn merge_is_symmetric(a in workspace_s(), b in workspace_s()) {
        let ab = merge(&a, &b);
        let ba = merge(&b, &a);
        // Unknown top-level fields are the one place where mine wins a clash by design.
        let mut left = normalized(&ab.workspace);
        let mut right = normalized(&ba.workspace);
        left.extra.clear();
        right.extra.clear();
        prop_assert_eq!(left, right);
        prop_assert_eq!(ab.conflicts.len(), ba.conflicts.len());
        for c in &ab.conflicts {
            let other = ba.conflicts.iter().find(|d| d.collection == c.collection && d.id == c.id && d.parent == c.parent);
            prop_assert!(other.is_some_and(|d| d.kept == c.kept.other() && d.mine == c.theirs));
        }
    }

    #[test]
    fn a_bundle_is_self_consistent_when_its_source_is(a in workspace_s()) {
        // Bundles only copy references that resolve in the source, so a source whose
        // references all resolve yields a bundle whose references all resolve.
        if dangling_references(&a).is_empty() {
            for inc in a.incidents.iter().filter(|i| i.deleted_at.is_none()) {
                let b = incident_bundle(&a, &inc.id, t(999)).unwrap();
                prop_assert_eq!(dangling_references(&b), Vec::<String>::new());
                prop_assert!(merge(&a, &b).conflicts.is_empty());
            }
        }
    }
}

#[test]
fn a_delete_and_an_edit_at_the_same_moment_stay_deleted_either_way_round() {
    let mut deleted = base();
    deleted.people[2].deleted_at = Some(t(60));
    let mut edited = base();
    edited.people[2].name = "Ola N.".into();
    edited.people[2].updated_at = Some(t(60));
    for (a, b) in [(&deleted, &edited), (&edited, &deleted)] {
        let out = merge(a, b);
        assert_eq!(out.workspace.people[2].deleted_at, Some(t(60)));
        assert_eq!(out.conflicts.len(), 1);
    }
}

#[test]
fn notes_from_the_other_side_are_placed_by_time() {
    let mut mine = base();
    mine.incidents[0]
        .timeline
        .push(entry("t-late", 30, "Late note", None));
    mine.incidents[0].updated_at = Some(t(30));
    let mut theirs = base();
    theirs.incidents[0]
        .timeline
        .push(entry("t-early", 2, "Early note", None));
    theirs.incidents[0].updated_at = Some(t(20));
    for (a, b) in [(&mine, &theirs), (&theirs, &mine)] {
        let ws = merge(a, b).workspace;
        let ids: Vec<_> = ws.incidents[0].timeline.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["i-search-t1", "t-early", "i-search-t2", "t-late"]);
    }
}

#[test]
fn a_conflict_lists_the_fields_that_differ_but_not_the_merged_timeline() {
    let mut mine = base();
    mine.incidents[0].title = "Search down".into();
    mine.incidents[0].updated_at = Some(t(50));
    mine.incidents[0]
        .timeline
        .push(entry("t-mine", 5, "Paged Sam", None));
    let mut theirs = base();
    theirs.incidents[0].severity = Severity::Sev1;
    theirs.incidents[0].updated_at = Some(t(60));

    let out = merge(&mine, &theirs);
    let fields: Vec<_> = out.conflicts[0]
        .differences()
        .into_iter()
        .map(|d| (d.field, d.mine, d.theirs))
        .collect();
    assert_eq!(
        fields,
        vec![
            (
                "title".to_string(),
                json!("Search down"),
                json!(base().incidents[0].title)
            ),
            ("severity".to_string(), json!("sev2"), json!("sev1")),
            ("updated_at".to_string(), json!(t(50)), json!(t(60))),
        ]
    );
}

#[test]
fn a_deletion_in_their_file_is_counted_as_a_deletion_not_as_new() {
    let file = |people: &str| {
        Workspace::from_json(&format!(
            r#"{{"format":"hatrack-workspace","version":1,"people":[{people}]}}"#
        ))
        .unwrap()
    };
    let mine = file(r#"{"id":"p-1","name":"Ana","updated_at":"2026-11-01T09:00:00Z"}"#);
    let theirs = file(
        r#"{"id":"p-1","updated_at":"2026-11-02T09:00:00Z","deleted_at":"2026-11-02T09:00:00Z"},
           {"id":"p-2","updated_at":"2026-11-02T09:00:00Z","deleted_at":"2026-11-02T09:00:00Z"},
           {"id":"p-3","name":"Kai"}"#,
    );
    let p = hatrack::domain::merge::preview(&mine, &theirs);
    let people = p.get("people").unwrap();
    assert_eq!((people.new, people.deleted, people.updated), (1, 2, 0));
    assert_eq!(p.total_deleted(), 2);
    assert!(!p.changes_nothing());
}

#[test]
fn conflicting_values_read_as_labels_and_times_to_the_second_with_the_newer_side_named() {
    use hatrack::domain::merge::{field_words, Conflict, Side};
    let times = |t: DateTime<Utc>| t.format("%H:%M:%S").to_string();
    assert_eq!(field_words("status", &json!("monitoring"), times), "Monitoring");
    assert_eq!(field_words("status", &json!("in-progress"), times), "In progress");
    assert_eq!(field_words("kind", &json!("quick"), times), "Quick retro");
    assert_eq!(
        field_words("updated_at", &json!("2026-11-27T22:10:05Z"), times),
        "22:10:05"
    );
    assert_eq!(
        field_words("title", &json!("monitoring"), times),
        "monitoring",
        "free text stays as written"
    );
    let c = Conflict {
        collection: "incidents",
        id: "i-1".into(),
        parent: None,
        label: "Incident".into(),
        kept: Side::Theirs,
        mine: json!({"updated_at": "2026-11-27T22:10:05Z"}),
        theirs: json!({"updated_at": "2026-11-27T22:10:41Z"}),
    };
    assert_eq!(c.newer_side(), Some(Side::Theirs));
}
