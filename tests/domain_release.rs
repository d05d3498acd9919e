//! The release log: recording, managers, incident links, the calendar and "after deploy".

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::assign::{self, current_holders, Link};
use hatrack::domain::defaults::{self, DEPLOYMENT_MANAGER, RELEASE_MANAGER};
use hatrack::domain::duration::human;
use hatrack::domain::incident::declare;
use hatrack::domain::people::{add_person, set_active};
use hatrack::domain::refusal::DomainError;
use hatrack::domain::release::*;
use hatrack::domain::{ReleaseStatus, Severity, Workspace};

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

fn err<T: std::fmt::Debug>(r: Result<T, DomainError>) -> DomainError {
    r.expect_err("expected a refusal")
}

fn deployed(ws: &mut Workspace, name: &str, at: DateTime<Utc>) -> String {
    record_release(
        ws,
        name,
        ReleaseStatus::Deployed,
        None,
        None,
        Some(at),
        "",
        Some("recorded after the fact"),
        at,
        at,
    )
    .unwrap()
}

/// Being deployed: its managers are still on it.
fn in_progress(ws: &mut Workspace, name: &str, at: DateTime<Utc>) -> String {
    recorded(ws, name, ReleaseStatus::InProgress, at)
}

/// Recorded in `status`, with nothing else said.
fn recorded(ws: &mut Workspace, name: &str, status: ReleaseStatus, at: DateTime<Utc>) -> String {
    record_release(ws, name, status, None, None, None, "", None, at, at).unwrap()
}

fn started(ws: &mut Workspace, title: &str, at: DateTime<Utc>) -> String {
    declare(ws, title, Severity::Sev2, at, None, vec![], "", None, at).unwrap()
}

#[test]
fn record_release_trims_and_stores() {
    let mut ws = defaults::new_workspace();
    let id = record_release(
        &mut ws,
        " 0.9.250 ",
        ReleaseStatus::Planned,
        Some(t(20, 0)),
        Some(t(21, 0)),
        None,
        " n ",
        None,
        t(8, 0),
        t(8, 0),
    )
    .unwrap();
    let r = assign::find_release(&ws, &id).unwrap();
    assert_eq!(
        (r.name.as_str(), r.notes.as_str(), r.status),
        ("0.9.250", "n", ReleaseStatus::Planned)
    );
    assert_eq!(
        (r.planned_start, r.planned_end, r.updated_at),
        (Some(t(20, 0)), Some(t(21, 0)), Some(t(8, 0)))
    );
}

#[test]
fn record_release_refuses_bad_forms() {
    let mut ws = defaults::new_workspace();
    deployed(&mut ws, "0.9.250", t(9, 0));
    let rec = |ws: &mut Workspace, name: &str, status, ps, pe, dep| {
        record_release(ws, name, status, ps, pe, dep, "", None, t(10, 0), t(10, 0))
    };
    use ReleaseStatus::*;
    assert_eq!(
        err(rec(&mut ws, " ", Planned, None, None, None)),
        DomainError::ReleaseUnnamed
    );
    assert_eq!(
        err(rec(&mut ws, "0.9.250", Planned, None, None, None)),
        DomainError::ReleaseNameTaken {
            name: "0.9.250".into()
        }
    );
    assert_eq!(
        err(rec(&mut ws, "1", Planned, Some(t(21, 0)), Some(t(20, 0)), None)),
        DomainError::PlannedEndBeforeStart
    );
    assert_eq!(
        err(rec(&mut ws, "1", Deployed, None, None, None)),
        DomainError::DeployTimeMissing
    );
    assert_eq!(
        err(rec(&mut ws, "1", Planned, None, None, Some(t(9, 0)))),
        DomainError::NotDeployed(Planned)
    );
    assert_eq!(
        err(rec(&mut ws, "1", Cancelled, None, None, Some(t(9, 0)))),
        DomainError::NotDeployed(Cancelled)
    );
    assert_eq!(ws.releases.len(), 1);
    // Rolled back without a deploy time is allowed (it may have failed mid-way).
    rec(&mut ws, "1", RolledBack, None, None, None).unwrap();
}

#[test]
fn update_release_applies_the_same_rules_but_may_keep_its_own_name() {
    let mut ws = defaults::new_workspace();
    let a = deployed(&mut ws, "0.9.250", t(9, 0));
    deployed(&mut ws, "0.9.251", t(10, 0));
    update_release(
        &mut ws,
        &a,
        "0.9.250",
        ReleaseStatus::RolledBack,
        None,
        None,
        Some(t(9, 0)),
        "bad",
        None,
        t(11, 0),
        t(11, 0),
    )
    .unwrap();
    let r = assign::find_release(&ws, &a).unwrap();
    assert_eq!(
        (r.status, r.notes.as_str(), r.updated_at),
        (ReleaseStatus::RolledBack, "bad", Some(t(11, 0)))
    );
    let e = err(update_release(
        &mut ws,
        &a,
        "0.9.251",
        ReleaseStatus::Deployed,
        None,
        None,
        Some(t(9, 0)),
        "",
        None,
        t(11, 0),
        t(11, 0),
    ));
    assert_eq!(
        e,
        DomainError::ReleaseNameTaken {
            name: "0.9.251".into()
        }
    );
    assert_eq!(
        err(update_release(
            &mut ws,
            "r-gone",
            "x",
            ReleaseStatus::Planned,
            None,
            None,
            None,
            "",
            None,
            t(11, 0),
            t(11, 0)
        )),
        DomainError::ReleaseGone
    );
}

#[test]
fn managers_are_assigned_then_handed_over() {
    let mut ws = defaults::new_workspace();
    let sam = add_person(&mut ws, "Sam Rivera", None, vec![], None, t(0, 0)).unwrap();
    let ana = add_person(&mut ws, "Ana Lima", None, vec![], None, t(0, 0)).unwrap();
    let r = in_progress(&mut ws, "0.9.250", t(9, 0));
    let link = Link::Release(r.clone());
    let first = set_release_manager(&mut ws, &r, &sam, t(10, 0), t(10, 0)).unwrap();
    let a = assign::find_assignment(&ws, &first).unwrap();
    assert_eq!(
        (a.role.as_str(), a.release.as_deref(), a.start),
        (RELEASE_MANAGER, Some(r.as_str()), t(10, 0))
    );
    assert_eq!(
        err(set_release_manager(&mut ws, &r, &sam, t(10, 5), t(10, 5))),
        DomainError::AlreadyManager {
            person: "Sam Rivera".into(),
            role: "Release manager".into()
        }
    );
    let second = set_release_manager(&mut ws, &r, &ana, t(11, 0), t(11, 0)).unwrap();
    assert_eq!(assign::find_assignment(&ws, &first).unwrap().end, Some(t(11, 0)));
    assert_eq!(assign::find_assignment(&ws, &second).unwrap().start, t(11, 0));
    let holders = current_holders(&ws, RELEASE_MANAGER, &link, t(11, 0));
    assert_eq!(holders.len(), 1);
    assert_eq!(holders[0].person, ana);

    let d = set_deployment_manager(&mut ws, &r, &sam, t(11, 0), t(11, 0)).unwrap();
    assert_eq!(assign::find_assignment(&ws, &d).unwrap().role, DEPLOYMENT_MANAGER);
    set_active(&mut ws, &ana, false, t(12, 0)).unwrap();
    assert_eq!(
        err(set_deployment_manager(&mut ws, &r, &ana, t(12, 0), t(12, 0))),
        DomainError::Inactive {
            name: "Ana Lima".into()
        }
    );
    assert_eq!(
        assign::find_assignment(&ws, &d).unwrap().end,
        None,
        "a refused handover leaves the holder"
    );
    assert_eq!(
        err(set_release_manager(&mut ws, "r-gone", &sam, t(12, 0), t(12, 0))),
        DomainError::ReleaseGone
    );
}

#[test]
fn setting_a_manager_ends_extra_holders_from_a_merge() {
    let mut ws = defaults::new_workspace();
    let sam = add_person(&mut ws, "Sam", None, vec![], None, t(0, 0)).unwrap();
    let ana = add_person(&mut ws, "Ana", None, vec![], None, t(0, 0)).unwrap();
    let lee = add_person(&mut ws, "Lee", None, vec![], None, t(0, 0)).unwrap();
    let r = in_progress(&mut ws, "1", t(9, 0));
    let link = Link::Release(r.clone());
    assign::assign(&mut ws, &sam, RELEASE_MANAGER, link.clone(), t(9, 0), t(9, 0)).unwrap();
    assign::assign(&mut ws, &ana, RELEASE_MANAGER, link.clone(), t(9, 30), t(9, 30)).unwrap();
    set_release_manager(&mut ws, &r, &lee, t(10, 0), t(10, 0)).unwrap();
    let holders: Vec<_> = current_holders(&ws, RELEASE_MANAGER, &link, t(10, 0))
        .iter()
        .map(|a| a.person.clone())
        .collect();
    assert_eq!(holders, vec![lee]);
}

#[test]
fn link_incident_sets_and_clears_the_release() {
    let mut ws = defaults::new_workspace();
    let r = deployed(&mut ws, "1", t(9, 0));
    let i = started(&mut ws, "x", t(10, 0));
    assert_eq!(
        err(link_incident(&mut ws, &i, Some("r-gone"), t(11, 0))),
        DomainError::ReleaseNotInLog
    );
    assert_eq!(
        err(link_incident(&mut ws, "i-gone", Some(&r), t(11, 0))),
        DomainError::IncidentGone
    );
    link_incident(&mut ws, &i, Some(&r), t(11, 0)).unwrap();
    let inc = assign::find_incident(&ws, &i).unwrap();
    assert_eq!(
        (inc.release.as_deref(), inc.updated_at),
        (Some(r.as_str()), Some(t(11, 0)))
    );
    link_incident(&mut ws, &i, None, t(12, 0)).unwrap();
    assert_eq!(assign::find_incident(&ws, &i).unwrap().release, None);
}

#[test]
fn release_incidents_lists_linked_and_unlinked_suspects_within_24h() {
    let mut ws = defaults::new_workspace();
    let r = deployed(&mut ws, "1", t(2, 0));
    let before = started(&mut ws, "before", t(1, 59));
    let linked = started(&mut ws, "linked", t(3, 0));
    let soon = started(&mut ws, "soon", t(2, 0));
    started(
        &mut ws,
        "late",
        t(1, 0) + Duration::hours(25) + Duration::minutes(1),
    );
    let gone = started(&mut ws, "gone", t(4, 0));
    link_incident(&mut ws, &linked, Some(&r), t(5, 0)).unwrap();
    link_incident(&mut ws, &before, Some(&r), t(5, 0)).unwrap();
    ws.incidents.iter_mut().find(|i| i.id == gone).unwrap().deleted_at = Some(t(5, 0));
    let (l, s) = release_incidents(&ws, &r);
    let ids = |v: Vec<&hatrack::domain::Incident>| v.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(l), vec![before, linked]);
    assert_eq!(ids(s), vec![soon]);
    let planned = record_release(
        &mut ws,
        "2",
        ReleaseStatus::Planned,
        None,
        None,
        None,
        "",
        None,
        t(5, 0),
        t(5, 0),
    )
    .unwrap();
    assert_eq!(release_incidents(&ws, &planned), (vec![], vec![]));
}

#[test]
fn timeline_events_are_in_range_and_sorted() {
    let mut ws = defaults::new_workspace();
    started(&mut ws, "i1", t(3, 0));
    deployed(&mut ws, "r1", t(2, 0));
    record_release(
        &mut ws,
        "planned",
        ReleaseStatus::Planned,
        Some(t(4, 0)),
        None,
        None,
        "",
        None,
        t(1, 0),
        t(1, 0),
    )
    .unwrap();
    record_release(
        &mut ws,
        "undated",
        ReleaseStatus::Planned,
        None,
        None,
        None,
        "",
        None,
        t(1, 0),
        t(1, 0),
    )
    .unwrap();
    let gone = deployed(&mut ws, "gone", t(2, 30));
    ws.releases.iter_mut().find(|r| r.id == gone).unwrap().deleted_at = Some(t(5, 0));
    started(&mut ws, "at the end", t(6, 0));
    started(&mut ws, "before", t(0, 59));
    let events = timeline_events(&ws, t(1, 0), t(6, 0));
    let labels: Vec<String> = events
        .iter()
        .map(|e| match e {
            Event::Release { name, .. } => format!("r:{name}"),
            Event::Incident { title, .. } => format!("i:{title}"),
            Event::Rollback { name, .. } => format!("x:{name}"),
        })
        .collect();
    assert_eq!(labels, ["r:r1", "i:i1", "r:planned"]);
    assert!(events.windows(2).all(|w| w[0].at() <= w[1].at()));
}

#[test]
fn after_deploy_prefers_the_linked_release_then_the_latest_within_24h() {
    let mut ws = defaults::new_workspace();
    let old = deployed(&mut ws, "0.9.249", t(1, 0));
    let recent = deployed(&mut ws, "0.9.250", t(20, 40));
    let i = started(&mut ws, "x", t(22, 0));
    let inc = assign::find_incident(&ws, &i).unwrap().clone();
    let (r, d) = after_deploy(&ws, &inc).unwrap();
    assert_eq!(
        (r.id.as_str(), human(d)),
        (recent.as_str(), "1 h 20 min".to_string())
    );
    link_incident(&mut ws, &i, Some(&old), t(22, 5)).unwrap();
    let (r, d) = after_deploy_of(&ws, &i).unwrap();
    assert_eq!((r.id.as_str(), d), (old.as_str(), Duration::hours(21)));
    // A deploy after the start, or more than 24 h before it, explains nothing.
    let mut ws = defaults::new_workspace();
    deployed(&mut ws, "later", t(22, 1));
    let i = declare(
        &mut ws,
        "x",
        Severity::Sev2,
        t(22, 0),
        None,
        vec![],
        "",
        None,
        t(23, 0),
    )
    .unwrap();
    assert!(after_deploy_of(&ws, &i).is_none());
    ws.releases[0].deployed_at = Some(t(22, 0) - Duration::hours(24) - Duration::minutes(1));
    assert!(after_deploy_of(&ws, &i).is_none());
    ws.releases[0].deployed_at = Some(t(22, 0) - Duration::hours(24));
    assert!(after_deploy_of(&ws, &i).is_some());
}

#[test]
fn assess_managers_warns_when_one_person_would_be_both() {
    let mut ws = defaults::new_workspace();
    let sam = add_person(
        &mut ws,
        "Sam Rivera",
        None,
        vec![DEPLOYMENT_MANAGER.into()],
        None,
        t(0, 0),
    )
    .unwrap();
    let ana = add_person(
        &mut ws,
        "Ana Lima",
        None,
        vec![DEPLOYMENT_MANAGER.into()],
        None,
        t(0, 0),
    )
    .unwrap();
    let before = ws.clone();

    // A new release: the same person for both is a conflict on each side, naming the other role.
    let (rm, dm) = assess_managers(&ws, None, Some(&sam), Some(&sam), t(9, 0));
    let (rm, dm) = (rm.unwrap(), dm.unwrap());
    assert_eq!(rm.conflicts.len(), 1);
    assert_eq!(rm.conflicts[0].role_id, DEPLOYMENT_MANAGER);
    assert_eq!(dm.conflicts[0].role_id, RELEASE_MANAGER);
    assert!(dm.conflicts[0].reason.contains("second pair of eyes"));
    assert_eq!(dm.load_after, 4.0);
    let better: Vec<&str> = dm.better.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(better, ["Ana Lima"]);
    assert_eq!(ws, before, "assessing changes nothing");

    // Two people: nothing to warn about.
    let (rm, dm) = assess_managers(&ws, None, Some(&sam), Some(&ana), t(9, 0));
    assert!(rm.unwrap().is_fine() && dm.unwrap().is_fine());

    // An existing release: the current holder is not judged again; a new pick is.
    let r = in_progress(&mut ws, "1.0", t(8, 0));
    set_release_manager(&mut ws, &r, &sam, t(8, 0), t(8, 0)).unwrap();
    let (rm, dm) = assess_managers(&ws, Some(&r), Some(&sam), Some(&sam), t(9, 0));
    assert!(rm.is_none());
    assert_eq!(dm.unwrap().conflicts[0].role_name, "Release manager");
    let (rm, dm) = assess_managers(&ws, Some(&r), None, None, t(9, 0));
    assert!(rm.is_none() && dm.is_none());
}

#[test]
fn a_rollback_needs_a_reason_and_changes_nothing_without_one() {
    let mut ws = defaults::new_workspace();
    let r = deployed(&mut ws, "2.4.0", t(10, 0));
    let before = ws.clone();
    assert_eq!(
        err(roll_back(&mut ws, &r, "  ", None, t(11, 0), t(11, 0))),
        DomainError::RollbackReasonMissing
    );
    assert_eq!(ws, before);
    assert_eq!(
        err(roll_back(&mut ws, &r, "Search broke", None, t(9, 0), t(11, 0))),
        DomainError::ReleaseStatusOutOfOrder { last: t(10, 0) }
    );
    assert_eq!(
        ws, before,
        "a refused rollback writes nothing, not even the incidents' lines"
    );
}

#[test]
fn a_rollback_is_history_in_the_release_and_in_its_incidents() {
    let mut ws = defaults::new_workspace();
    let sam = add_person(&mut ws, "Sam", None, vec![], None, t(8, 0)).unwrap();
    let r = deployed(&mut ws, "2.4.0", t(10, 0));
    let i = started(&mut ws, "Search 502", t(10, 30));
    link_incident(&mut ws, &i, Some(&r), t(10, 31)).unwrap();
    roll_back(
        &mut ws,
        &r,
        " Search queries time out ",
        Some(&sam),
        t(11, 0),
        t(11, 5),
    )
    .unwrap();

    let rel = assign::find_release(&ws, &r).unwrap();
    assert_eq!(rel.status, ReleaseStatus::RolledBack);
    assert_eq!(
        rel.deployed_at,
        Some(t(10, 0)),
        "it was deployed; that stays on record"
    );
    let last = rel.timeline.last().unwrap();
    assert_eq!((last.at, last.author.as_deref()), (t(11, 0), Some(sam.as_str())));
    assert_eq!(
        last.text,
        "Status: Deployed → Rolled back. Why: Search queries time out"
    );
    assert_eq!(
        rolled_back(rel),
        Some((t(11, 0), "Search queries time out".to_string()))
    );

    let inc = assign::find_incident(&ws, &i).unwrap();
    let line = inc
        .timeline
        .iter()
        .find(|e| e.text.contains("rolled back"))
        .unwrap();
    assert_eq!(
        line.text,
        "Release 2.4.0 was rolled back: Search queries time out"
    );
    assert_eq!(line.at, t(11, 0));

    let events = timeline_events(&ws, t(9, 0), t(12, 0));
    assert!(events.iter().any(|e| matches!(e, Event::Rollback { at, reason, .. } if *at == t(11, 0) && reason == "Search queries time out")));
}

#[test]
fn an_incident_after_the_rollback_is_not_after_that_deploy() {
    let mut ws = defaults::new_workspace();
    let r = deployed(&mut ws, "2.4.0", t(10, 0));
    let during = started(&mut ws, "Search 502", t(10, 30));
    roll_back(&mut ws, &r, "Search broke", None, t(11, 0), t(11, 0)).unwrap();
    let later = started(&mut ws, "Mail queue stuck", t(12, 0));
    assert_eq!(
        after_deploy_of(&ws, &during).map(|(r, d)| (r.name.clone(), d)),
        Some(("2.4.0".into(), Duration::minutes(30)))
    );
    assert!(
        after_deploy_of(&ws, &later).is_none(),
        "the deploy was undone before it started"
    );
}

// --- the go/no-go decision -------------------------------------------------------------------

use hatrack::domain::refusal::TimeOf;
use hatrack::domain::{Decision, EntryKind, GoNoGo, TimelineEntry};

/// A planned release, and Kim, who decides.
fn planned_with_kim() -> (Workspace, String, String) {
    let mut ws = defaults::new_workspace();
    let kim = add_person(&mut ws, "Kim Lee", None, vec![], None, t(8, 0)).unwrap();
    let r = recorded(&mut ws, "3.0.0", ReleaseStatus::Planned, t(8, 0));
    (ws, r, kim)
}

/// Marks it deployed at `at`, after the go it has.
fn deploy_on_go(ws: &mut Workspace, r: &str, at: DateTime<Utc>) {
    set_status(ws, r, ReleaseStatus::Deployed, None, None, at, t(10, 0)).unwrap();
}

/// A decision without a note, recorded as it is made.
fn decide(ws: &mut Workspace, r: &str, d: Decision, by: Option<&str>, at: DateTime<Utc>) {
    record_go_no_go(ws, r, d, by, at, "", at).unwrap();
}

fn release(ws: &Workspace, id: &str) -> hatrack::domain::Release {
    assign::find_release(ws, id).unwrap().clone()
}

/// The release's form saved as deployed at `deployed`, at `at`, with nothing else changed.
fn save_deployed(
    ws: &mut Workspace,
    r: &str,
    deployed: DateTime<Utc>,
    why: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    update_release(
        ws,
        r,
        "3.0.0",
        ReleaseStatus::Deployed,
        None,
        None,
        Some(deployed),
        "",
        why,
        at,
        t(11, 0),
    )
}

/// The line in the release's history that records its move to deployed.
fn deploy_line(ws: &Workspace, r: &str) -> TimelineEntry {
    release(ws, r)
        .timeline
        .iter()
        .find(|e| e.release_status == Some(ReleaseStatus::Deployed))
        .unwrap()
        .clone()
}

#[test]
fn a_go_is_the_release_s_decision_and_a_line_in_its_history() {
    let (mut ws, r, kim) = planned_with_kim();
    record_go_no_go(
        &mut ws,
        &r,
        Decision::Go,
        Some(&kim),
        t(9, 0),
        " tests green ",
        t(9, 30),
    )
    .unwrap();
    let rel = release(&ws, &r);
    let g = rel.go_no_go.as_ref().unwrap();
    assert_eq!(
        (g.decision, g.at, g.by.as_deref(), g.note.as_str()),
        (Decision::Go, t(9, 0), Some(kim.as_str()), "tests green")
    );
    let e = rel.timeline.last().unwrap();
    assert_eq!(
        (e.kind, e.at, e.author.as_deref(), e.text.as_str()),
        (
            EntryKind::Decision,
            t(9, 0),
            Some(kim.as_str()),
            "Go: tests green (decided by Kim Lee)"
        )
    );
    assert_eq!(rel.updated_at, Some(t(9, 30)));
    // Nobody named, no note: the decision alone.
    record_go_no_go(&mut ws, &r, Decision::NoGo, None, t(9, 10), "", t(9, 30)).unwrap();
    assert_eq!(release(&ws, &r).timeline.last().unwrap().text, "No-go");
}

#[test]
fn a_later_decision_replaces_the_earlier_and_the_history_keeps_both() {
    let (mut ws, r, kim) = planned_with_kim();
    record_go_no_go(
        &mut ws,
        &r,
        Decision::NoGo,
        Some(&kim),
        t(9, 0),
        "migration untested",
        t(9, 0),
    )
    .unwrap();
    record_go_no_go(
        &mut ws,
        &r,
        Decision::Go,
        Some(&kim),
        t(10, 0),
        "migration tested",
        t(10, 0),
    )
    .unwrap();
    let rel = release(&ws, &r);
    assert_eq!(
        rel.go_no_go.as_ref().map(|g| (g.decision, g.at)),
        Some((Decision::Go, t(10, 0)))
    );
    let lines: Vec<&str> = rel
        .timeline
        .iter()
        .filter(|e| e.kind == EntryKind::Decision)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        lines,
        vec![
            "No-go: migration untested (decided by Kim Lee)",
            "Go: migration tested (decided by Kim Lee)"
        ]
    );
    // Same instant as the one it replaces: allowed.
    decide(&mut ws, &r, Decision::NoGo, None, t(10, 0));
}

#[test]
fn a_decision_is_refused_in_the_future_before_the_last_one_after_the_finish_or_by_a_stranger() {
    let (mut ws, r, kim) = planned_with_kim();
    let before = ws.clone();
    let go = |ws: &mut Workspace, by: Option<&str>, at| {
        record_go_no_go(ws, &r, Decision::Go, by, at, "", t(10, 0))
    };
    assert_eq!(
        err(go(&mut ws, None, t(10, 3))),
        DomainError::InFuture {
            of: TimeOf::GoNoGo,
            at: t(10, 3)
        }
    );
    // Within the clock-skew allowance is still now.
    go(&mut ws.clone(), None, t(10, 2)).unwrap();
    assert_eq!(
        err(go(&mut ws, Some("p-nobody"), t(9, 0))),
        DomainError::UnknownDecider
    );
    assert_eq!(
        err(record_go_no_go(
            &mut ws,
            "r-gone",
            Decision::Go,
            None,
            t(9, 0),
            "",
            t(10, 0)
        )),
        DomainError::ReleaseGone
    );
    assert_eq!(ws, before, "a refused decision writes nothing");
    go(&mut ws, Some(&kim), t(9, 0)).unwrap();
    assert_eq!(
        err(go(&mut ws, None, t(8, 59))),
        DomainError::GoNoGoOutOfOrder { last: t(9, 0) }
    );
    deploy_on_go(&mut ws, &r, t(9, 30));
    assert_eq!(
        err(go(&mut ws, None, t(9, 31))),
        DomainError::GoNoGoAfterFinish { finished: t(9, 30) }
    );
    // At the deploy itself is still before it finished.
    go(&mut ws, None, t(9, 30)).unwrap();
}

#[test]
fn deploying_without_a_go_is_refused_unless_someone_says_why() {
    let (mut ws, r, kim) = planned_with_kim();
    let before = ws.clone();
    let deploy = |ws: &mut Workspace, why: Option<&str>, at| {
        set_status(ws, &r, ReleaseStatus::Deployed, Some(&kim), why, at, t(12, 0))
    };
    let e = err(deploy(&mut ws, None, t(10, 0)));
    assert_eq!(e, DomainError::DeployWithoutGo { decided: None });
    // A blank reason is no reason.
    assert_eq!(err(deploy(&mut ws, Some("  "), t(10, 0))), e);
    assert_eq!(ws, before, "a refused deploy writes nothing");

    // A no-go stops it too; so does a go decided only after the deploy time.
    decide(&mut ws, &r, Decision::NoGo, None, t(9, 0));
    assert_eq!(
        err(deploy(&mut ws, None, t(10, 0))),
        DomainError::DeployWithoutGo {
            decided: Some((Decision::NoGo, t(9, 0)))
        }
    );
    decide(&mut ws, &r, Decision::Go, None, t(10, 30));
    assert_eq!(
        err(deploy(&mut ws, None, t(10, 0))),
        DomainError::DeployWithoutGo {
            decided: Some((Decision::Go, t(10, 30)))
        }
    );
    // After the go: no reason needed, and none is written if given.
    let mut went = ws.clone();
    deploy(&mut went, Some("unused"), t(11, 0)).unwrap();
    assert_eq!(
        release(&went, &r).timeline.last().unwrap().text,
        "Status: Planned → Deployed"
    );

    // Said why: deployed, and the reason is in the deploy's line.
    let mut anyway = before.clone();
    deploy(&mut anyway, Some(" the go was given by phone "), t(10, 0)).unwrap();
    let rel = release(&anyway, &r);
    assert_eq!(
        (rel.status, rel.deployed_at),
        (ReleaseStatus::Deployed, Some(t(10, 0)))
    );
    let e = rel.timeline.last().unwrap();
    assert_eq!(
        (e.at, e.release_status, e.text.as_str()),
        (
            t(10, 0),
            Some(ReleaseStatus::Deployed),
            "Status: Planned → Deployed. Deployed without a recorded go/no-go: the go was given by phone"
        )
    );
    // Over a no-go, the line says so.
    let mut nogo = before.clone();
    decide(&mut nogo, &r, Decision::NoGo, None, t(9, 0));
    deploy(&mut nogo, Some("security fix"), t(10, 0)).unwrap();
    assert!(release(&nogo, &r)
        .timeline
        .last()
        .unwrap()
        .text
        .ends_with("Deployed despite a no-go: security fix"));
}

#[test]
fn every_path_to_deployed_asks_for_the_go() {
    let (mut ws, r, _) = planned_with_kim();
    let form = |ws: &mut Workspace, why| save_deployed(ws, &r, t(10, 0), why, t(10, 0));
    assert_eq!(
        err(form(&mut ws, None)),
        DomainError::DeployWithoutGo { decided: None }
    );
    let mut with_go = ws.clone();
    decide(&mut with_go, &r, Decision::Go, None, t(9, 0));
    form(&mut with_go, None).unwrap();
    form(&mut ws, Some("decided in the meeting")).unwrap();
    assert!(release(&ws, &r)
        .timeline
        .last()
        .unwrap()
        .text
        .ends_with(": decided in the meeting"));

    // Recorded as already deployed (or rolled back): there can be no go yet, so it says why.
    let rec = |ws: &mut Workspace, name: &str, status, why| {
        record_release(
            ws,
            name,
            status,
            None,
            None,
            Some(t(9, 0)),
            "",
            why,
            t(10, 0),
            t(10, 0),
        )
    };
    for status in [ReleaseStatus::Deployed, ReleaseStatus::RolledBack] {
        assert_eq!(
            err(rec(&mut ws, "3.0.1", status, None)),
            DomainError::DeployWithoutGo { decided: None }
        );
    }
    let id = rec(
        &mut ws,
        "3.0.1",
        ReleaseStatus::Deployed,
        Some("recorded after the fact"),
    )
    .unwrap();
    assert_eq!(
        release(&ws, &id).timeline[0].text,
        "Recorded as deployed. Deployed without a recorded go/no-go: recorded after the fact"
    );
}

#[test]
fn a_decision_travels_in_the_file() {
    let (mut ws, r, kim) = planned_with_kim();
    decide(&mut ws, &r, Decision::Go, Some(&kim), t(9, 0));
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(
        back.releases[0].go_no_go,
        Some(GoNoGo {
            decision: Decision::Go,
            at: t(9, 0),
            by: Some(kim),
            note: String::new(),
            extra: Default::default(),
        })
    );
}

#[test]
fn with_a_written_process_the_decision_ticks_its_go_no_go_step() {
    let (mut ws, r, _) = planned_with_kim();
    decide(&mut ws, &r, Decision::Go, None, t(9, 0));
    assert_eq!(
        release(&ws, &r).timeline.last().unwrap().step,
        None,
        "no process, no step"
    );
    ws.process = Some(hatrack::domain::process::default_process());
    decide(&mut ws, &r, Decision::Go, None, t(9, 5));
    assert_eq!(
        release(&ws, &r).timeline.last().unwrap().step.as_deref(),
        Some("rel-go")
    );
}

#[test]
fn the_release_checklist_is_staged_owned_and_ticked_by_the_decision() {
    let (mut ws, r, kim) = planned_with_kim();
    assert!(
        checklist(&ws, &r, t(9, 0)).is_empty(),
        "no written process, no checklist"
    );
    let mut p = hatrack::domain::process::default_process();
    p.release[1].deleted_at = Some(t(8, 0));
    ws.process = Some(p);
    set_release_manager(&mut ws, &r, &kim, t(8, 30), t(8, 30)).unwrap();
    decide(&mut ws, &r, Decision::Go, Some(&kim), t(9, 0));
    let list = checklist(&ws, &r, t(9, 30));
    let stages: Vec<_> = list.iter().map(|(s, steps)| (s.label(), steps.len())).collect();
    assert_eq!(
        stages,
        vec![
            ("Plan", 1),
            ("Go / no-go", 1),
            ("Deploy", 1),
            ("Verify", 1),
            ("Done or roll back", 1)
        ],
        "in stage order, live steps only"
    );
    let go = &list[1].1[0];
    assert_eq!(
        (go.id.as_str(), go.owner.as_str(), go.holder.as_deref(), go.done),
        ("rel-go", "Release manager", Some("Kim Lee"), Some(t(9, 0)))
    );
    let deploy = &list[2].1[0];
    assert_eq!(
        (deploy.owner.as_str(), deploy.holder.as_deref(), deploy.done),
        ("Deployment manager", None, None)
    );
}

#[test]
fn correcting_the_time_of_the_decision_line_moves_the_decision() {
    let (mut ws, r, kim) = planned_with_kim();
    decide(&mut ws, &r, Decision::NoGo, None, t(8, 30));
    decide(&mut ws, &r, Decision::Go, Some(&kim), t(9, 0));
    let line = |ws: &Workspace, text: &str| {
        let rel = release(ws, &r);
        rel.timeline
            .iter()
            .find(|e| e.text.starts_with(text))
            .unwrap()
            .id
            .clone()
    };
    let go_line = line(&ws, "Go");
    move_entry(&mut ws, &r, &go_line, t(9, 10), t(10, 0)).unwrap();
    assert_eq!(release(&ws, &r).go_no_go.map(|g| g.at), Some(t(9, 10)));
    // An earlier decision's line is only history: moving it leaves the decision in force.
    let old = line(&ws, "No-go");
    move_entry(&mut ws, &r, &old, t(8, 40), t(10, 0)).unwrap();
    assert_eq!(release(&ws, &r).go_no_go.map(|g| g.at), Some(t(9, 10)));
    // Not past the release's finish.
    deploy_on_go(&mut ws, &r, t(9, 30));
    assert_eq!(
        err(move_entry(&mut ws, &r, &go_line, t(9, 45), t(10, 0))),
        DomainError::GoNoGoAfterFinish { finished: t(9, 30) }
    );
}

#[test]
fn a_deploy_on_a_go_corrected_to_before_it_needs_a_reason_and_moves_its_history_line() {
    let (mut ws, r, kim) = planned_with_kim();
    decide(&mut ws, &r, Decision::Go, Some(&kim), t(9, 0));
    deploy_on_go(&mut ws, &r, t(9, 30));
    let deploy_line = |ws: &Workspace| {
        let e = deploy_line(ws, &r);
        (release(ws, &r).deployed_at, e.at, e.text)
    };
    let edit = |ws: &mut Workspace, deployed, why| save_deployed(ws, &r, deployed, why, t(11, 0));
    // Still after the go: corrected, and the deploy's line in the history moves with it.
    edit(&mut ws, t(9, 20), None).unwrap();
    assert_eq!(
        deploy_line(&ws),
        (Some(t(9, 20)), t(9, 20), "Status: Planned → Deployed".to_string())
    );
    // Before the go: refused without a reason, nothing changed.
    let before = ws.clone();
    assert_eq!(
        err(edit(&mut ws, t(8, 50), None)),
        DomainError::DeployWithoutGo {
            decided: Some((Decision::Go, t(9, 0)))
        }
    );
    assert_eq!(ws, before);
    // With one: the line moves and says why.
    edit(&mut ws, t(8, 50), Some("the go was given by phone first")).unwrap();
    assert_eq!(
        deploy_line(&ws),
        (
            Some(t(8, 50)),
            t(8, 50),
            "Status: Planned → Deployed. Deployed without a recorded go/no-go: the go was given by phone first".to_string()
        )
    );
    // Once it went out without a go, a further correction asks nothing again.
    edit(&mut ws, t(8, 45), None).unwrap();
    assert_eq!(deploy_line(&ws).0, Some(t(8, 45)));
}

#[test]
fn moving_the_deploy_line_before_its_go_is_refused_where_no_reason_can_be_given() {
    let (mut ws, r, kim) = planned_with_kim();
    decide(&mut ws, &r, Decision::Go, Some(&kim), t(9, 0));
    deploy_on_go(&mut ws, &r, t(9, 30));
    let line = deploy_line(&ws, &r).id;
    let before = ws.clone();
    let e = err(move_entry(&mut ws, &r, &line, t(8, 55), t(10, 0)));
    assert_eq!(e, DomainError::DeployBeforeGo { go: t(9, 0) });
    assert!(e.to_string().contains("Edit, which asks why"), "{e}");
    assert_eq!(ws, before);
    // At the go itself or after it, the deploy moves.
    move_entry(&mut ws, &r, &line, t(9, 0), t(10, 0)).unwrap();
    assert_eq!(release(&ws, &r).deployed_at, Some(t(9, 0)));
}

#[test]
fn an_incident_is_offered_the_releases_nearest_its_start_and_always_its_own() {
    let mut ws = defaults::new_workspace();
    // Hourly deploys from 00:00 to 20:00; the incident starts at 10:10.
    let ids: Vec<String> = (0..=20)
        .map(|h| deployed(&mut ws, &format!("r{h}"), t(h, 0)))
        .collect();
    let planned = recorded(&mut ws, "undated", ReleaseStatus::Planned, t(21, 0));
    let i = started(&mut ws, "x", t(10, 10));
    link_incident(&mut ws, &i, Some(&ids[0]), t(21, 0)).unwrap();
    let inc = assign::find_incident(&ws, &i).unwrap().clone();

    let names = |ws: &Workspace, limit| -> Vec<String> {
        link_choices(&ws.releases, inc.started_at, inc.release.as_deref(), limit)
            .iter()
            .map(|r| r.name.clone())
            .collect()
    };
    // The four nearest 10:10 (10, 11, 9, 12), newest first, and the linked r0 though far off.
    assert_eq!(names(&ws, 4), ["r12", "r11", "r10", "r9", "r0"]);
    // Enough room for all: every live release, undated last.
    let all = names(&ws, 100);
    assert_eq!(all.len(), 22);
    assert_eq!(all.first().map(String::as_str), Some("r20"));
    assert_eq!(all.last().map(String::as_str), Some("undated"));
    // A deleted release is never offered.
    ws.releases
        .iter_mut()
        .find(|r| r.id == planned)
        .unwrap()
        .deleted_at = Some(t(22, 0));
    assert!(!names(&ws, 100).contains(&"undated".to_string()));
}

/// The release log's one-pass facts answer as `manager_of` and `release_incidents` do, release by
/// release: on a generated history seen at several moments, with ties, deleted, future and
/// ended holders added, and incidents deleted.
#[test]
fn log_facts_agree_with_asking_release_by_release() {
    use hatrack::sample::{generate, Size};
    let end = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
    let mut ws = generate(Size::Small, 7, end);
    // Ties and odd holders: a second release manager with the same start as the first, one
    // deleted, one starting after `end`, one already ended; and a couple of incidents deleted.
    let is_rm = |a: &&hatrack::domain::Assignment| a.role == RELEASE_MANAGER && a.release.is_some();
    // The first copied is one holding the role at `end`, so two hold it from the same moment.
    let holding = ws
        .assignments
        .iter()
        .filter(is_rm)
        .find(|a| a.holds_at(end))
        .cloned();
    let rm: Vec<_> = holding
        .into_iter()
        .chain(ws.assignments.iter().filter(is_rm).take(3).cloned())
        .collect();
    assert_eq!(rm.len(), 4, "the sample has release managers to copy");
    for (n, a) in rm.into_iter().enumerate() {
        let mut b = a.clone();
        b.id = format!("copy-{n}");
        match n {
            0 => {}
            1 => b.deleted_at = Some(end),
            2 => b.start = end + Duration::hours(1),
            _ => b.end = Some(a.start + Duration::minutes(1)),
        }
        ws.assignments.push(b);
    }
    for i in ws.incidents.iter_mut().take(3) {
        i.deleted_at = Some(end);
    }
    let roles = [RELEASE_MANAGER, DEPLOYMENT_MANAGER];
    let ids = |v: Vec<&hatrack::domain::Incident>| v.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    let mut compared = 0;
    for now in [
        end,
        end - Duration::days(30),
        end - Duration::days(200),
        end + Duration::days(1),
    ] {
        let facts = LogFacts::new(&ws, &roles, now);
        for r in ws.releases.iter().filter(|r| r.deleted_at.is_none()) {
            for role in roles {
                let one = manager_of(&ws, &r.id, role, now).map(|a| a.id.clone());
                assert_eq!(
                    facts.manager(&r.id, role).map(|a| a.id.clone()),
                    one,
                    "{} {role} at {now}",
                    r.name
                );
                compared += usize::from(one.is_some());
            }
            let (linked, suspects) = release_incidents(&ws, &r.id);
            let (l, s) = facts.incidents(r);
            assert_eq!(
                (ids(l), ids(s)),
                (ids(linked), ids(suspects)),
                "{} at {now}",
                r.name
            );
        }
    }
    assert!(compared > 100, "managers were found to compare ({compared})");
}

/// The calendar's deploy index answers as `after_deploy` does, incident by incident: on a
/// generated history with rollbacks and links, plus two releases deployed at the same moment,
/// one deleted and one linked to an incident that started before its deploy.
#[test]
fn deploys_index_agrees_with_after_deploy() {
    use hatrack::sample::{generate, Size};
    let end = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
    let mut ws = generate(Size::Small, 11, end);
    let deployed: Vec<_> = ws
        .releases
        .iter()
        .filter(|r| r.deployed_at.is_some())
        .take(3)
        .cloned()
        .collect();
    assert_eq!(deployed.len(), 3, "the sample has deployed releases");
    for (n, r) in deployed.into_iter().enumerate() {
        let mut twin = r.clone();
        twin.id = format!("twin-{n}");
        twin.name = format!("{} twin", r.name);
        if n == 1 {
            twin.deleted_at = Some(end);
        }
        ws.releases.push(twin);
    }
    let late = ws
        .releases
        .iter()
        .filter_map(|r| r.deployed_at.map(|d| (r.id.clone(), d)))
        .next_back()
        .unwrap();
    if let Some(i) = ws.incidents.iter_mut().find(|i| i.started_at < late.1) {
        i.release = Some(late.0.clone());
    }
    // Three deploys in the day before an unlinked incident: an hour before wins, and of two at
    // the same moment the later in the workspace.
    let (target, start) = ws
        .incidents
        .iter()
        .find(|i| i.release.is_none())
        .map(|i| (i.id.clone(), i.started_at))
        .unwrap();
    let template = ws
        .releases
        .iter()
        .find(|r| r.deployed_at.is_some())
        .cloned()
        .unwrap();
    for (id, before) in [("near-2h", 2), ("near-1h", 1), ("near-1h-twin", 1)] {
        let mut r = template.clone();
        r.id = id.into();
        r.name = id.into();
        r.timeline = Default::default();
        r.deployed_at = Some(start - Duration::hours(before));
        ws.releases.push(r);
    }
    let i = assign::find_incident(&ws, &target).unwrap();
    assert_eq!(
        after_deploy(&ws, i).map(|(r, _)| r.id.clone()).as_deref(),
        Some("near-1h-twin")
    );
    let rolled = ws.releases.iter().filter(|r| rolled_back(r).is_some()).count();
    let deploys = Deploys::new(&ws);
    let mut followed = 0;
    for i in ws.incidents.iter() {
        let one = after_deploy(&ws, i).map(|(r, d)| (r.id.clone(), d));
        assert_eq!(
            deploys.after(i).map(|(r, d)| (r.id.clone(), d)),
            one,
            "{}",
            i.title
        );
        followed += usize::from(one.is_some());
    }
    assert!(
        followed > 5,
        "incidents that followed a deploy were compared ({followed}; {rolled} rolled back)"
    );
}

#[test]
fn a_history_line_says_who_did_it_once() {
    let (mut ws, r, kim) = planned_with_kim();
    record_go_no_go(&mut ws, &r, Decision::Go, Some(&kim), t(9, 0), "", t(9, 30)).unwrap();
    set_status(
        &mut ws,
        &r,
        ReleaseStatus::InProgress,
        Some(&kim),
        None,
        t(9, 10),
        t(9, 30),
    )
    .unwrap();
    set_status(
        &mut ws,
        &r,
        ReleaseStatus::Deployed,
        None,
        None,
        t(9, 20),
        t(9, 30),
    )
    .unwrap();
    let lines: Vec<String> = release(&ws, &r)
        .timeline
        .iter()
        .filter(|e| e.at >= t(9, 0))
        .map(|e| history_text(&ws, e))
        .collect();
    assert_eq!(
        lines,
        [
            // The decision's own words name who decided; not said twice.
            "Go (decided by Kim Lee)",
            "Status: Planned → In progress (by Kim Lee)",
            // Nobody said: nobody named.
            "Status: In progress → Deployed",
        ]
    );
}

#[test]
fn a_deploy_corrected_to_before_a_manager_took_the_role_is_refused_about_the_deploy() {
    let (mut ws, r, kim) = planned_with_kim();
    set_release_manager(&mut ws, &r, &kim, t(9, 10), t(9, 10)).unwrap();
    decide(&mut ws, &r, Decision::Go, Some(&kim), t(9, 15));
    deploy_on_go(&mut ws, &r, t(9, 30));
    let before = ws.clone();
    let e = err(save_deployed(
        &mut ws,
        &r,
        t(9, 5),
        Some("earlier than we wrote"),
        t(11, 0),
    ));
    assert_eq!(
        e,
        DomainError::DeployBeforeRole {
            person: "Kim Lee".into(),
            role: "Release manager".into(),
            start: t(9, 10)
        }
    );
    assert_eq!(e.field(), hatrack::domain::refusal::Field::Deployed);
    assert_eq!(
        e.to_string(),
        "The deploy ended Kim Lee's time as Release manager, which began at 2026-11-27 09:10 UTC, after \
         this deploy time. Give a later deploy time, or first correct when they took the role on."
    );
    assert_eq!(ws, before);
}
