//! Three-way merge: with the common ancestor, one-sided changes win silently, different fields
//! of one record both survive, and only the same field changed differently is a clash.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::example::example_team;
use hatrack::domain::merge::Side;
use hatrack::domain::merge3::{merge3, Clash, ClashKind};
use hatrack::domain::model::*;
use hatrack::domain::order;
use proptest::prelude::*;
use serde_json::{json, Value};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap()
}

fn base() -> Workspace {
    example_team(now())
}

fn at(min: i64) -> DateTime<Utc> {
    now() + Duration::minutes(min)
}

fn incident<'a>(ws: &'a mut Workspace, id: &str) -> &'a mut Incident {
    ws.incidents.iter_mut().find(|i| i.id == id).unwrap()
}

fn note(id: &str, when: DateTime<Utc>, text: &str) -> TimelineEntry {
    let mut e = TimelineEntry::new(EntryKind::Note, when, text.into(), None);
    e.id = id.into();
    e
}

fn fields(c: &Clash) -> Vec<String> {
    match &c.kind {
        ClashKind::Fields(f) => f.clone(),
        other => panic!("not a field clash: {other:?}"),
    }
}

// --- the story, and each rule once ------------------------------------------------

#[test]
fn one_retitles_the_other_adds_to_summary_and_timeline_both_keep_their_change() {
    let b = base();
    let id = b.incidents[0].id.clone();
    let mut ours = b.clone();
    incident(&mut ours, &id).title = "Search is down in the EU".into();
    incident(&mut ours, &id).updated_at = Some(at(1));
    let mut theirs = b.clone();
    let inc = incident(&mut theirs, &id);
    inc.summary.push_str(" Root cause: a full disk on search-3.");
    let when = inc.timeline.last().unwrap().at + Duration::seconds(30);
    inc.timeline.push(note("t-theirs", when, "Disk cleaned"));
    inc.updated_at = Some(at(2));

    let m = merge3(&b, &ours, &theirs);
    assert_eq!(m.clashes, vec![]);
    let got = m.workspace.incidents.iter().find(|i| i.id == id).unwrap();
    assert_eq!(got.title, "Search is down in the EU");
    assert!(got.summary.ends_with("Root cause: a full disk on search-3."));
    assert!(got.timeline.iter().any(|e| e.id == "t-theirs"));
    assert_eq!(got.updated_at, Some(at(2)), "the later stamp");
}

#[test]
fn the_same_field_changed_differently_is_decided_by_the_newer_edit_and_listed() {
    let b = base();
    let id = b.incidents[0].id.clone();
    let mut ours = b.clone();
    incident(&mut ours, &id).title = "Ours".into();
    incident(&mut ours, &id).summary = "Our summary".into();
    incident(&mut ours, &id).updated_at = Some(at(5));
    let mut theirs = b.clone();
    incident(&mut theirs, &id).title = "Theirs".into();
    incident(&mut theirs, &id).updated_at = Some(at(3));

    let m = merge3(&b, &ours, &theirs);
    let got = m.workspace.incidents.iter().find(|i| i.id == id).unwrap();
    assert_eq!(got.title, "Ours");
    assert_eq!(got.summary, "Our summary");
    assert_eq!(m.clashes.len(), 1);
    let c = &m.clashes[0];
    assert_eq!(
        (c.collection, c.id.as_str(), c.kept, c.newer),
        ("incidents", id.as_str(), Side::Mine, true)
    );
    assert_eq!(fields(c), vec!["title"]);
    assert_eq!(
        c.sentence(),
        format!(
            "Incident \"Ours\" (incidents {id}): title changed on both sides; kept ours, the newer edit."
        )
    );

    // The same the other way round: symmetric.
    let m2 = merge3(&b, &theirs, &ours);
    assert_eq!(m2.workspace.canonical(), m.workspace.canonical());
    assert_eq!(m2.clashes[0].kept, Side::Theirs);
}

#[test]
fn a_tie_is_decided_by_content_so_both_clones_agree() {
    let b = base();
    let id = b.people[0].id.clone();
    let mut ours = b.clone();
    ours.people[0].name = "Alpha".into();
    ours.people[0].updated_at = Some(at(1));
    let mut theirs = b.clone();
    theirs.people[0].name = "Beta".into();
    theirs.people[0].updated_at = Some(at(1));
    let m = merge3(&b, &ours, &theirs);
    let m2 = merge3(&b, &theirs, &ours);
    assert_eq!(m.workspace.canonical(), m2.workspace.canonical());
    assert!(!m.clashes[0].newer);
    assert_eq!(m.clashes[0].id, id);
    assert!(m.clashes[0]
        .sentence()
        .ends_with("both edited at the same time, so the larger value is kept."));
}

#[test]
fn status_and_resolution_time_move_together() {
    let b = base();
    let id = b
        .incidents
        .iter()
        .find(|i| i.status.is_open())
        .unwrap()
        .id
        .clone();
    let mut ours = b.clone();
    let inc = incident(&mut ours, &id);
    inc.status = Status::Resolved;
    inc.resolved_at = Some(at(1));
    inc.updated_at = Some(at(1));
    let mut theirs = b.clone();
    let inc = incident(&mut theirs, &id);
    inc.status = Status::Monitoring;
    inc.updated_at = Some(at(2));
    let m = merge3(&b, &ours, &theirs);
    let got = m.workspace.incidents.iter().find(|i| i.id == id).unwrap();
    assert_eq!(
        (got.status, got.resolved_at),
        (Status::Monitoring, None),
        "not monitoring with a resolution time"
    );
    assert_eq!(fields(&m.clashes[0]), vec!["status", "resolved_at"]);
}

#[test]
fn timeline_entries_are_merged_by_id_and_kept_in_time_order() {
    let b = base();
    let id = b.incidents[0].id.clone();
    let t0 = b.incidents[0].timeline[0].at;
    let mut ours = b.clone();
    incident(&mut ours, &id)
        .timeline
        .push(note("t-o", t0 + Duration::seconds(2), "ours"));
    let mut theirs = b.clone();
    incident(&mut theirs, &id)
        .timeline
        .push(note("t-t", t0 + Duration::seconds(1), "theirs"));
    // Theirs also corrects an existing entry's text.
    incident(&mut theirs, &id).timeline[0].text = "corrected".into();
    let m = merge3(&b, &ours, &theirs);
    let got = &m
        .workspace
        .incidents
        .iter()
        .find(|i| i.id == id)
        .unwrap()
        .timeline;
    assert_eq!(got[0].text, "corrected");
    let ids: Vec<&str> = got.iter().map(|e| e.id.as_str()).collect();
    let (o, t) = (
        ids.iter().position(|x| *x == "t-o").unwrap(),
        ids.iter().position(|x| *x == "t-t").unwrap(),
    );
    assert!(t < o, "sorted by time: {ids:?}");
    assert!(got.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(m.clashes, vec![]);
}

#[test]
fn action_items_are_merged_by_id() {
    let b = base();
    let rv = b
        .reviews
        .iter()
        .position(|r| r.actions.len() >= 2)
        .expect("the example has a review with actions");
    let mut ours = b.clone();
    ours.reviews[rv].actions[0].done = true;
    ours.reviews[rv].actions[0].done_at = Some(at(1));
    ours.reviews[rv].actions[0].updated_at = Some(at(1));
    let mut theirs = b.clone();
    theirs.reviews[rv].actions[1].text = "Reworded".into();
    theirs.reviews[rv].actions[1].updated_at = Some(at(2));
    let mut extra = theirs.reviews[rv].actions[1].clone();
    extra.id = "ac-new".into();
    theirs.reviews[rv].actions.push(extra);
    let m = merge3(&b, &ours, &theirs);
    let got = &m.workspace.reviews[rv].actions;
    assert!(got[0].done && got[0].done_at == Some(at(1)));
    assert_eq!(got[1].text, "Reworded");
    assert_eq!(got.last().unwrap().id, "ac-new");
    assert_eq!(m.clashes, vec![]);
}

#[test]
fn a_deletion_and_an_edit_the_newer_wins() {
    let b = base();
    let id = b.people[1].id.clone();
    let mut ours = b.clone();
    ours.people[1].deleted_at = Some(at(5));
    ours.people[1].updated_at = Some(at(5));
    let mut theirs = b.clone();
    theirs.people[1].timezone = Some("Europe/Paris".into());
    theirs.people[1].updated_at = Some(at(3));

    let m = merge3(&b, &ours, &theirs);
    let p = m.workspace.people.iter().find(|p| p.id == id).unwrap();
    assert_eq!(p.deleted_at, Some(at(5)), "the deletion is newer");
    assert_eq!(
        p.timezone.as_deref(),
        Some("Europe/Paris"),
        "the edit is kept in the tombstone"
    );
    let c = &m.clashes[0];
    assert_eq!(
        (&c.kind, c.kept),
        (&ClashKind::DeletedAndEdited { deleted: Side::Mine }, Side::Mine)
    );
    assert!(c
        .sentence()
        .contains("deleted by ours, edited by theirs; kept it deleted"));

    // An edit made after the deletion brings the record back.
    theirs.people[1].updated_at = Some(at(9));
    let m = merge3(&b, &ours, &theirs);
    let p = m.workspace.people.iter().find(|p| p.id == id).unwrap();
    assert_eq!((p.deleted_at, p.updated_at), (None, Some(at(9))));
    assert_eq!(m.clashes[0].kept, Side::Theirs);
    assert!(m.clashes[0].sentence().contains("kept it, with the edit"));
}

#[test]
fn a_record_removed_from_the_file_stays_removed_unless_the_other_side_changed_it() {
    let b = base();
    let gone = b.people[2].id.clone();
    let mut ours = b.clone();
    ours.people.retain(|p| p.id != gone);
    let mut theirs = b.clone();
    theirs.people[0].name = "Someone else edited".into();
    let m = merge3(&b, &ours, &theirs);
    assert!(m.workspace.people.iter().all(|p| p.id != gone));
    assert_eq!(m.clashes, vec![]);

    theirs.people[2].name = "Changed".into();
    let m = merge3(&b, &ours, &theirs);
    assert!(m
        .workspace
        .people
        .iter()
        .any(|p| p.id == gone && p.name == "Changed"));
    assert_eq!(
        m.clashes[0].kind,
        ClashKind::RemovedAndEdited { removed: Side::Mine }
    );
    assert!(m.clashes[0]
        .sentence()
        .contains("removed from the file by ours, changed by theirs; kept the changed record"));
}

#[test]
fn unknown_fields_merge_field_by_field_too() {
    let b = base();
    let mut ours = b.clone();
    ours.people[0].extra.insert("pager".into(), json!("ours-pager"));
    ours.extra.insert("team_wiki".into(), json!("https://wiki"));
    let mut theirs = b.clone();
    theirs.people[0].extra.insert("chat".into(), json!("@amara"));
    theirs.settings.extra.insert("theme".into(), json!("dark"));
    let m = merge3(&b, &ours, &theirs);
    assert_eq!(
        m.workspace.people[0].extra.get("pager"),
        Some(&json!("ours-pager"))
    );
    assert_eq!(m.workspace.people[0].extra.get("chat"), Some(&json!("@amara")));
    assert_eq!(m.workspace.extra.get("team_wiki"), Some(&json!("https://wiki")));
    assert_eq!(m.workspace.settings.extra.get("theme"), Some(&json!("dark")));
    assert_eq!(m.clashes, vec![]);
}

#[test]
fn without_an_ancestor_records_on_both_sides_are_combined_and_real_differences_listed() {
    let empty = Workspace::default();
    let ours = base();
    let mut theirs = base();
    theirs.people[0].name = "Amara O.".into();
    theirs.people[0].updated_at = Some(at(1));
    let mut p = theirs.people[0].clone();
    p.id = "p-new".into();
    theirs.people.push(p);
    let m = merge3(&empty, &ours, &theirs);
    assert_eq!(m.workspace.people[0].name, "Amara O.");
    assert!(m.workspace.people.iter().any(|p| p.id == "p-new"));
    assert_eq!(m.clashes.len(), 1);
    assert_eq!(fields(&m.clashes[0]), vec!["name"]);
}

#[test]
fn exported_at_and_version_take_the_one_sided_change() {
    let mut b = base();
    b.exported_at = Some(at(0));
    let mut ours = b.clone();
    ours.exported_at = Some(at(2));
    let mut theirs = b.clone();
    theirs.exported_at = Some(at(1));
    assert_eq!(merge3(&b, &ours, &theirs).workspace.exported_at, Some(at(2)));
    assert_eq!(merge3(&b, &b, &theirs).workspace.exported_at, Some(at(1)));
}

// --- properties -----------------------------------------------------------------------------

/// One edit a person makes; `side` keeps new ids and times apart.
#[derive(Clone, Debug)]
enum Op {
    PersonName(usize, String),
    PersonCapacity(usize, u8),
    IncidentTitle(usize, String),
    IncidentSummary(usize, String),
    IncidentSeverity(usize, u8),
    AddEntry(usize, u16, String),
    AddPerson(String),
    DeletePerson(usize),
    DeleteIncident(usize),
    ReleaseNotes(usize, String),
    RoleDescription(usize, String),
}

fn op() -> impl Strategy<Value = Op> {
    let text = "[a-z]{1,8}";
    prop_oneof![
        (any::<usize>(), text).prop_map(|(i, s)| Op::PersonName(i, s)),
        (any::<usize>(), 1u8..9).prop_map(|(i, c)| Op::PersonCapacity(i, c)),
        (any::<usize>(), text).prop_map(|(i, s)| Op::IncidentTitle(i, s)),
        (any::<usize>(), text).prop_map(|(i, s)| Op::IncidentSummary(i, s)),
        (any::<usize>(), 0u8..4).prop_map(|(i, s)| Op::IncidentSeverity(i, s)),
        (any::<usize>(), 0u16..600, text).prop_map(|(i, m, s)| Op::AddEntry(i, m, s)),
        text.prop_map(Op::AddPerson),
        any::<usize>().prop_map(Op::DeletePerson),
        any::<usize>().prop_map(Op::DeleteIncident),
        (any::<usize>(), text).prop_map(|(i, s)| Op::ReleaseNotes(i, s)),
        (any::<usize>(), text).prop_map(|(i, s)| Op::RoleDescription(i, s)),
    ]
}

/// What an op touches: (collection, record id, field); `*` is the whole record (a deletion),
/// `None` a new record.
fn target(ws: &Workspace, op: &Op) -> Option<(&'static str, String, &'static str)> {
    let p = |i: usize| ws.people[i % ws.people.len()].id.clone();
    let inc = |i: usize| ws.incidents[i % ws.incidents.len()].id.clone();
    Some(match op {
        Op::PersonName(i, _) => ("people", p(*i), "name"),
        Op::PersonCapacity(i, _) => ("people", p(*i), "capacity"),
        Op::DeletePerson(i) => ("people", p(*i), "*"),
        Op::IncidentTitle(i, _) => ("incidents", inc(*i), "title"),
        Op::IncidentSummary(i, _) => ("incidents", inc(*i), "summary"),
        Op::IncidentSeverity(i, _) => ("incidents", inc(*i), "severity"),
        // Adding entries never clashes with anything but a deletion of the incident.
        Op::AddEntry(i, ..) => ("incidents", inc(*i), "+timeline"),
        Op::DeleteIncident(i) => ("incidents", inc(*i), "*"),
        Op::ReleaseNotes(i, _) => ("releases", ws.releases[i % ws.releases.len()].id.clone(), "notes"),
        Op::RoleDescription(i, _) => ("roles", ws.roles[i % ws.roles.len()].id.clone(), "description"),
        Op::AddPerson(_) => return None,
    })
}

fn overlaps(a: &(&str, String, &str), b: &(&str, String, &str)) -> bool {
    a.0 == b.0
        && a.1 == b.1
        && (a.2 == b.2 || a.2 == "*" || b.2 == "*")
        && !(a.2 == "+timeline" && b.2 == "+timeline")
}

/// Applies one side's edits as the app would, stamped at `stamp` (ours earlier than theirs,
/// so that applying ours then theirs gives every record the later stamp, as the merge does).
/// Records are picked by index among the base's, so that the same op means the same record
/// whatever the other side added.
fn apply(ws: &mut Workspace, ops: &[Op], side: u8, stamp: DateTime<Utc>) {
    let b = base();
    let (np, ni) = (b.people.len(), b.incidents.len());
    for (n, op) in ops.iter().enumerate() {
        match op {
            Op::PersonName(i, s) => {
                let p = &mut ws.people[i % np];
                p.name = s.clone();
                p.updated_at = Some(stamp);
            }
            Op::PersonCapacity(i, c) => {
                let p = &mut ws.people[i % np];
                p.capacity = Some(*c as f64);
                p.updated_at = Some(stamp);
            }
            Op::DeletePerson(i) => {
                let p = &mut ws.people[i % np];
                if p.deleted_at.is_none() {
                    p.deleted_at = Some(stamp);
                    p.updated_at = Some(stamp);
                }
            }
            Op::IncidentTitle(i, s) => {
                let x = &mut ws.incidents[i % ni];
                x.title = s.clone();
                x.updated_at = Some(stamp);
            }
            Op::IncidentSummary(i, s) => {
                let x = &mut ws.incidents[i % ni];
                x.summary.push_str(s);
                x.updated_at = Some(stamp);
            }
            Op::IncidentSeverity(i, s) => {
                let x = &mut ws.incidents[i % ni];
                x.severity = Severity::ALL[*s as usize];
                x.updated_at = Some(stamp);
            }
            Op::AddEntry(i, m, s) => {
                let x = &mut ws.incidents[i % ni];
                // Odd seconds for one side, even for the other: never the same instant, so the
                // order of entries is fully decided by time.
                let when = x.started_at
                    + Duration::minutes(*m as i64)
                    + Duration::seconds(2 * n as i64 + 1 + side as i64 * 61);
                x.timeline.push(note(&format!("t-{side}-{n}"), when, s));
                order::sort_by_key(&mut x.timeline, |e| e.at);
                x.updated_at = Some(stamp);
            }
            Op::DeleteIncident(i) => {
                let x = &mut ws.incidents[i % ni];
                if x.deleted_at.is_none() {
                    x.deleted_at = Some(stamp);
                    x.updated_at = Some(stamp);
                }
            }
            Op::ReleaseNotes(i, s) => {
                let n = ws.releases.len();
                let r = &mut ws.releases[i % n];
                r.notes = s.clone();
                r.updated_at = Some(stamp);
            }
            Op::RoleDescription(i, s) => {
                let n = ws.roles.len();
                let r = &mut ws.roles[i % n];
                r.description = s.clone();
                r.updated_at = Some(stamp);
            }
            Op::AddPerson(s) => {
                let mut p = b.people[0].clone();
                p.id = format!("p-new-{side}-{n}");
                p.name = s.clone();
                p.deleted_at = None;
                p.updated_at = Some(stamp);
                ws.people.push(p);
            }
        }
    }
}

fn edited(ops: &[Op], side: u8) -> Workspace {
    let mut ws = base();
    apply(&mut ws, ops, side, at(10 + side as i64));
    ws
}

/// Theirs' ops with every op touching what ours touched left out.
fn disjoint(ours: &[Op], theirs: Vec<Op>) -> Vec<Op> {
    let b = base();
    let mine: Vec<_> = ours.iter().filter_map(|o| target(&b, o)).collect();
    theirs
        .into_iter()
        .filter(|op| match target(&b, op) {
            Some(t) => !mine.iter().any(|m| overlaps(m, &t)),
            None => true,
        })
        .collect()
}

fn ids<'a, T: 'a>(list: impl IntoIterator<Item = &'a T>, id: impl Fn(&T) -> &String) -> Vec<String> {
    let mut v: Vec<String> = list.into_iter().map(id).cloned().collect();
    order::sort(&mut v);
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_change_on_one_side_only_always_wins(ops in prop::collection::vec(op(), 0..8)) {
        let b = base();
        let x = edited(&ops, 0);
        let m = merge3(&b, &x, &b);
        prop_assert_eq!(&m.workspace, &x);
        prop_assert!(m.clashes.is_empty());
        let m = merge3(&b, &b, &x);
        prop_assert_eq!(&m.workspace, &x);
        prop_assert!(m.clashes.is_empty());
    }

    #[test]
    fn the_same_change_on_both_sides_is_that_change(ops in prop::collection::vec(op(), 0..8)) {
        let b = base();
        let x = edited(&ops, 0);
        let m = merge3(&b, &x, &x);
        prop_assert_eq!(&m.workspace, &x);
        prop_assert!(m.clashes.is_empty());
    }

    /// Edits to different fields and records (including deletions of records the other side
    /// left alone) all survive, silently, whichever side merges: the result is both edits
    /// applied one after the other.
    #[test]
    fn disjoint_edits_both_survive_and_deletions_hold(
        xs in prop::collection::vec(op(), 0..8),
        ys in prop::collection::vec(op(), 0..8),
    ) {
        let ys = disjoint(&xs, ys);
        let b = base();
        let (x, y) = (edited(&xs, 0), edited(&ys, 1));
        let mut both = x.clone();
        apply(&mut both, &ys, 1, at(11));

        let m = merge3(&b, &x, &y);
        prop_assert!(m.clashes.is_empty(), "{:?}", m.clashes);
        prop_assert_eq!(m.workspace.canonical(), both.canonical());
        let swapped = merge3(&b, &y, &x);
        prop_assert!(swapped.clashes.is_empty());
        prop_assert_eq!(swapped.workspace.canonical(), both.canonical());

        // Spelled out: nothing lost, every deletion held.
        let w = &m.workspace;
        for side in [&x, &y] {
            for p in &side.people {
                let got = w.people.iter().find(|q| q.id == p.id);
                prop_assert!(got.is_some());
                if p.deleted_at.is_some() {
                    prop_assert!(got.unwrap().deleted_at.is_some());
                }
            }
            for i in &side.incidents {
                let got = w.incidents.iter().find(|j| j.id == i.id).unwrap();
                if i.deleted_at.is_some() {
                    prop_assert!(got.deleted_at.is_some());
                }
                for e in &i.timeline {
                    prop_assert!(got.timeline.iter().any(|f| f.id == e.id));
                }
            }
        }
        prop_assert_eq!(ids(&w.assignments, |a| &a.id), ids(&b.assignments, |a| &a.id));
    }

    /// A field both sides changed differently takes the newer side's value and is listed.
    #[test]
    fn a_real_clash_takes_the_newer_value_and_is_listed(
        i in any::<usize>(), ours in "[a-z]{1,8}", theirs in "[A-Z]{1,8}", ours_newer in any::<bool>(),
    ) {
        let b = base();
        let (to, tt) = if ours_newer { (at(5), at(4)) } else { (at(4), at(5)) };
        let mut x = b.clone();
        apply(&mut x, &[Op::IncidentTitle(i, ours.clone())], 0, to);
        let mut y = b.clone();
        apply(&mut y, &[Op::IncidentTitle(i, theirs.clone())], 1, tt);
        let m = merge3(&b, &x, &y);
        let id = &b.incidents[i % b.incidents.len()].id;
        let got = m.workspace.incidents.iter().find(|j| &j.id == id).unwrap();
        prop_assert_eq!(&got.title, if ours_newer { &ours } else { &theirs });
        prop_assert_eq!(m.clashes.len(), 1);
        prop_assert_eq!(m.clashes[0].kept, if ours_newer { Side::Mine } else { Side::Theirs });
        prop_assert_eq!(fields(&m.clashes[0]), vec!["title".to_string()]);
    }
}

#[test]
fn the_merged_workspace_is_valid() {
    let b = base();
    let x = edited(
        &[
            Op::DeletePerson(1),
            Op::AddPerson("ann".into()),
            Op::AddEntry(0, 5, "x".into()),
        ],
        0,
    );
    let y = edited(
        &[Op::IncidentTitle(0, "t".into()), Op::AddPerson("bob".into())],
        1,
    );
    let m = merge3(&b, &x, &y);
    let text = m.workspace.to_canonical_json();
    let back = Workspace::from_json(&text).expect("valid");
    assert_eq!(back.to_canonical_json(), text);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(v["people"].as_array().unwrap().len() == b.people.len() + 2);
}
