//! Import with Merge against the last file exchanged: three ways when it is the common
//! ancestor, two ways otherwise, and never a record lost to a wrong ancestor.

use chrono::{DateTime, TimeZone, Utc};
use hatrack::domain::defaults;
use hatrack::domain::exchange::{is_common_ancestor, merge_import};
use hatrack::domain::incident::{add_entry, declare, edit_entry, edit_incident, IncidentEdit};
use hatrack::domain::merge::{self, Side};
use hatrack::domain::people::add_person;
use hatrack::domain::{EntryKind, Severity, Workspace};

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

/// The file both people last had: one incident, "Search 502".
fn base() -> (Workspace, String) {
    let mut ws = defaults::new_workspace();
    let id = declare(
        &mut ws,
        "Search 502",
        Severity::Sev2,
        t(9, 0),
        None,
        vec![],
        "",
        None,
        t(9, 0),
    )
    .unwrap();
    (ws, id)
}

fn retitle(ws: &mut Workspace, id: &str, title: &str, now: DateTime<Utc>) {
    let edit = IncidentEdit {
        title: Some(title.into()),
        ..IncidentEdit::default()
    };
    edit_incident(ws, id, edit, now).unwrap();
}

fn summarise(ws: &mut Workspace, id: &str, summary: &str, now: DateTime<Utc>) {
    let edit = IncidentEdit {
        summary: Some(summary.into()),
        ..IncidentEdit::default()
    };
    edit_incident(ws, id, edit, now).unwrap();
}

#[test]
fn different_fields_of_one_incident_both_survive_and_nothing_is_listed() {
    let (b, id) = base();
    let (mut ours, mut theirs) = (b.clone(), b.clone());
    retitle(&mut ours, &id, "Search returns 502", t(10, 0));
    summarise(&mut theirs, &id, "Index node out of memory.", t(10, 5));
    add_entry(
        &mut theirs,
        &id,
        EntryKind::Note,
        "Restarted the index",
        t(10, 4),
        None,
        t(10, 5),
    )
    .unwrap();

    let out = merge_import(Some(&b), &ours, &theirs);
    assert!(out.three_way);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    let inc = &out.workspace.incidents[0];
    assert_eq!(inc.title, "Search returns 502");
    assert_eq!(inc.summary, "Index node out of memory.");
    assert!(inc.timeline.iter().any(|e| e.text == "Restarted the index"));
    let row = out.preview.get("incidents").unwrap();
    assert_eq!((row.updated, row.conflicts, row.new), (1, 0, 0));
    assert_eq!(out.preview.get("timeline").unwrap().new, 1);

    // Without the ancestor the same two files are a conflict of whole records, as before.
    let two = merge_import(None, &ours, &theirs);
    assert!(!two.three_way);
    assert_eq!(two.conflicts.len(), 1);
}

#[test]
fn the_same_field_changed_twice_is_listed_and_either_choice_keeps_the_other_change() {
    let (b, id) = base();
    let (mut ours, mut theirs) = (b.clone(), b.clone());
    retitle(&mut ours, &id, "Search down", t(10, 0));
    retitle(&mut theirs, &id, "Search 502 on every query", t(10, 5));
    summarise(&mut theirs, &id, "Index node out of memory.", t(10, 6));

    let out = merge_import(Some(&b), &ours, &theirs);
    assert!(out.three_way);
    assert_eq!(out.conflicts.len(), 1);
    let c = &out.conflicts[0];
    assert_eq!(
        (c.collection, c.kept),
        ("incidents", Side::Theirs),
        "theirs is the newer edit"
    );
    assert_eq!(c.mine["title"], "Search down");
    assert_eq!(c.theirs["title"], "Search 502 on every query");
    assert_eq!(
        c.mine["summary"], "Index node out of memory.",
        "my version keeps their summary"
    );
    assert_eq!(out.preview.get("incidents").unwrap().conflicts, 1);

    let mut ws = out.workspace.clone();
    merge::resolve(&mut ws, c, Side::Mine);
    assert_eq!(ws.incidents[0].title, "Search down");
    assert_eq!(ws.incidents[0].summary, "Index node out of memory.");
}

#[test]
fn one_timeline_line_reworded_on_both_sides_is_listed_with_both_wordings() {
    let (mut b, id) = base();
    let line = add_entry(
        &mut b,
        &id,
        EntryKind::Note,
        "Restarted the index",
        t(9, 30),
        None,
        t(9, 30),
    )
    .unwrap();
    let (mut ours, mut theirs) = (b.clone(), b.clone());
    edit_entry(
        &mut ours,
        &id,
        &line,
        EntryKind::Note,
        "Restarted index node 2",
        t(9, 30),
        t(10, 0),
    )
    .unwrap();
    edit_entry(
        &mut theirs,
        &id,
        &line,
        EntryKind::Note,
        "Restarted both index nodes",
        t(9, 30),
        t(10, 5),
    )
    .unwrap();
    retitle(&mut theirs, &id, "Search 502 on every query", t(10, 6));

    let out = merge_import(Some(&b), &ours, &theirs);
    assert!(out.three_way);
    assert_eq!(out.conflicts.len(), 1, "{:?}", out.conflicts);
    let c = &out.conflicts[0];
    assert_eq!(
        (c.collection, c.id.as_str(), c.parent.as_deref()),
        ("timeline", line.as_str(), Some(id.as_str()))
    );
    assert_eq!(c.mine["text"], "Restarted index node 2");
    assert_eq!(c.theirs["text"], "Restarted both index nodes");
    // The title changed on one side only: taken, not listed.
    assert_eq!(out.workspace.incidents[0].title, "Search 502 on every query");
}

#[test]
fn an_older_file_than_the_ancestor_merges_two_ways_and_loses_nothing() {
    let (old, id) = base();
    // Since that file, this browser added a person and exported: the stored ancestor has her.
    let mut exported = old.clone();
    add_person(&mut exported, "Ana", None, vec![], None, t(9, 30)).unwrap();
    let mut ours = exported.clone();
    retitle(&mut ours, &id, "Search returns 502", t(10, 0));
    // A teammate still working from the older file, who never saw Ana.
    let mut theirs = old.clone();
    summarise(&mut theirs, &id, "Index node out of memory.", t(10, 5));

    assert!(!is_common_ancestor(&exported, &ours, &theirs));
    let out = merge_import(Some(&exported), &ours, &theirs);
    assert!(!out.three_way);
    assert!(
        out.workspace.people.iter().any(|p| p.name == "Ana"),
        "Ana is not read as deleted"
    );
}

#[test]
fn a_record_older_in_the_file_than_in_the_ancestor_means_it_is_no_descendant() {
    let (b, id) = base();
    let mut exported = b.clone();
    retitle(&mut exported, &id, "Search returns 502", t(10, 0));
    let ours = exported.clone();
    let theirs = b.clone();
    assert!(!is_common_ancestor(&exported, &ours, &theirs));
    assert!(is_common_ancestor(&b, &ours, &theirs));
}

#[test]
fn a_deletion_on_one_side_is_taken_and_counted_as_one() {
    let (b, _) = base();
    let mut with_ana = b.clone();
    let ana = add_person(&mut with_ana, "Ana", None, vec![], None, t(9, 30)).unwrap();
    let ours = with_ana.clone();
    let mut theirs = with_ana.clone();
    hatrack::domain::people::delete_person(&mut theirs, &ana, t(10, 0), false).unwrap();

    let out = merge_import(Some(&with_ana), &ours, &theirs);
    assert!(out.three_way);
    assert!(out.conflicts.is_empty());
    assert!(out
        .workspace
        .people
        .iter()
        .find(|p| p.id == ana)
        .unwrap()
        .deleted_at
        .is_some());
    assert_eq!(out.preview.get("people").unwrap().deleted, 1);
}
