//! The incident desk: lifecycle, timeline, role board, key times, list filters and stats.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::assign;
use hatrack::domain::defaults::{self, COMMITTEE_CHAIR, INCIDENT_MANAGER, SCRIBE, THIRD_LINE_LEAD};
use hatrack::domain::duration::human;
use hatrack::domain::incident::*;
use hatrack::domain::load::load_at;
use hatrack::domain::people::add_person;
use hatrack::domain::refusal::DomainError;
use hatrack::domain::release::record_release;
use hatrack::domain::{EntryKind, Incident, ReleaseStatus, Scope, Severity, Status, Workspace};
use proptest::prelude::*;

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

fn err<T: std::fmt::Debug>(r: Result<T, DomainError>) -> DomainError {
    r.expect_err("expected a refusal")
}

fn setup() -> (Workspace, String, String) {
    let mut ws = defaults::new_workspace();
    let sam = add_person(&mut ws, "Sam Rivera", None, vec![], None, t(0, 0)).unwrap();
    let ana = add_person(&mut ws, "Ana Lima", None, vec![], None, t(0, 0)).unwrap();
    (ws, sam, ana)
}

fn new_incident(ws: &mut Workspace, title: &str, sev: Severity, start: DateTime<Utc>) -> String {
    declare(ws, title, sev, start, None, vec![], "", None, start).unwrap()
}

fn get<'a>(ws: &'a Workspace, id: &str) -> &'a Incident {
    assign::find_incident(ws, id).unwrap()
}

fn texts(i: &Incident) -> Vec<String> {
    timeline(i).iter().map(|e| e.text.clone()).collect()
}

#[test]
fn declare_records_the_incident_and_its_first_status_entry() {
    let (mut ws, sam, _) = setup();
    let services = vec![" search ".to_string(), "web".into(), "search".into(), " ".into()];
    let id = declare(
        &mut ws,
        "  Search 502 ",
        Severity::Sev1,
        t(21, 58),
        Some(t(22, 5)),
        services,
        " s ",
        Some(&sam),
        t(22, 10),
    )
    .unwrap();
    let i = get(&ws, &id);
    assert_eq!(
        (i.title.as_str(), i.summary.as_str(), i.status),
        ("Search 502", "s", Status::Investigating)
    );
    assert_eq!(i.services, vec!["search".to_string(), "web".into()]);
    assert_eq!(
        (i.started_at, i.detected_at, i.resolved_at, i.updated_at),
        (t(21, 58), Some(t(22, 5)), None, Some(t(22, 10)))
    );
    let e = &i.timeline[0];
    assert_eq!(
        (e.text.as_str(), e.kind, e.status, e.at),
        (
            "Incident declared (sev1)",
            EntryKind::Status,
            Some(Status::Investigating),
            // Declared when it started, not when it was written down.
            t(21, 58)
        )
    );
    assert_eq!(e.author.as_deref(), Some(sam.as_str()));
}

#[test]
fn declare_refuses_bad_input() {
    let (mut ws, _, _) = setup();
    let now = t(22, 0);
    let mut refused = |title: &str, started, detected, by: Option<&str>| {
        err(declare(
            &mut ws,
            title,
            Severity::Sev2,
            started,
            detected,
            vec![],
            "",
            by,
            now,
        ))
    };
    assert_eq!(refused("  ", t(21, 0), None, None), DomainError::Untitled);
    assert_eq!(
        refused("x", t(21, 0), Some(t(20, 59)), None),
        DomainError::DetectedBeforeStart
    );
    assert_eq!(refused("x", t(22, 1), None, None), DomainError::StartInFuture);
    assert_eq!(
        refused("x", t(21, 0), Some(t(23, 0)), None),
        DomainError::DetectedInFuture
    );
    assert_eq!(
        refused("x", t(21, 0), None, Some("p-gone")),
        DomainError::UnknownAuthor
    );
    assert!(ws.incidents.is_empty());
    // Detected at the very start is fine.
    declare(
        &mut ws,
        "x",
        Severity::Sev2,
        t(21, 0),
        Some(t(21, 0)),
        vec![],
        "",
        None,
        now,
    )
    .unwrap();
}

#[test]
fn forward_moves_may_skip_and_resolving_sets_resolved_at() {
    let (mut ws, sam, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    set_status(&mut ws, &id, Status::Resolved, Some(&sam), t(11, 30), t(11, 30)).unwrap();
    let i = get(&ws, &id);
    assert_eq!(
        (i.status, i.resolved_at, i.updated_at),
        (Status::Resolved, Some(t(11, 30)), Some(t(11, 30)))
    );
    let e = timeline(i).last().copied().unwrap().clone();
    assert_eq!(
        (e.text.as_str(), e.kind, e.status),
        (
            "Status: investigating → resolved",
            EntryKind::Status,
            Some(Status::Resolved)
        )
    );
    assert_eq!((e.at, e.author.as_deref()), (t(11, 30), Some(sam.as_str())));
}

#[test]
fn closing_before_resolved_is_refused_and_changes_nothing() {
    let (mut ws, _, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    let before = ws.clone();
    assert_eq!(
        err(set_status(&mut ws, &id, Status::Closed, None, t(11, 0), t(11, 0))),
        DomainError::CloseBeforeResolve
    );
    set_status(&mut ws, &id, Status::Monitoring, None, t(11, 0), t(11, 0)).unwrap();
    let monitoring = ws.clone();
    assert_eq!(
        err(set_status(&mut ws, &id, Status::Closed, None, t(11, 5), t(11, 5))),
        DomainError::CloseBeforeResolve
    );
    assert_eq!(ws, monitoring);
    assert_ne!(ws, before);
    set_status(&mut ws, &id, Status::Resolved, None, t(12, 0), t(12, 0)).unwrap();
    set_status(&mut ws, &id, Status::Closed, None, t(13, 0), t(13, 0)).unwrap();
    let i = get(&ws, &id);
    assert_eq!(
        (i.status, i.resolved_at),
        (Status::Closed, Some(t(12, 0))),
        "closing keeps the resolution time"
    );
}

#[test]
fn reopening_clears_resolved_at_and_says_so() {
    let (mut ws, _, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    set_status(&mut ws, &id, Status::Resolved, None, t(11, 0), t(11, 0)).unwrap();
    set_status(&mut ws, &id, Status::Investigating, None, t(11, 20), t(11, 20)).unwrap();
    let i = get(&ws, &id);
    assert_eq!((i.status, i.resolved_at), (Status::Investigating, None));
    assert_eq!(texts(i).last().unwrap(), "Reopened: resolved → investigating");
    set_status(&mut ws, &id, Status::Resolved, None, t(12, 0), t(12, 0)).unwrap();
    set_status(&mut ws, &id, Status::Closed, None, t(12, 5), t(12, 5)).unwrap();
    set_status(&mut ws, &id, Status::Monitoring, None, t(12, 10), t(12, 10)).unwrap();
    let i = get(&ws, &id);
    assert_eq!(
        (i.resolved_at, texts(i).last().unwrap().as_str()),
        (None, "Reopened: closed → monitoring")
    );
    // Moving back among open states is not a reopening.
    set_status(&mut ws, &id, Status::Investigating, None, t(12, 15), t(12, 15)).unwrap();
    assert_eq!(
        texts(get(&ws, &id)).last().unwrap(),
        "Status: monitoring → investigating"
    );
}

#[test]
fn same_status_is_refused() {
    let (mut ws, _, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    assert_eq!(
        err(set_status(
            &mut ws,
            &id,
            Status::Investigating,
            None,
            t(11, 0),
            t(11, 0)
        )),
        DomainError::AlreadyStatus(Status::Investigating)
    );
    assert_eq!(get(&ws, &id).timeline.len(), 1);
    assert_eq!(
        err(set_status(
            &mut ws,
            "i-gone",
            Status::Resolved,
            None,
            t(11, 0),
            t(11, 0)
        )),
        DomainError::IncidentGone
    );
}

#[test]
fn closing_an_imported_resolved_incident_without_its_time_fills_it_in() {
    let (mut ws, _, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    let i = ws.incidents.iter_mut().find(|i| i.id == id).unwrap();
    i.status = Status::Resolved;
    i.resolved_at = None;
    set_status(&mut ws, &id, Status::Closed, None, t(12, 0), t(12, 0)).unwrap();
    assert_eq!(get(&ws, &id).resolved_at, Some(t(12, 0)));
}

proptest! {
    /// Whatever moves are tried, resolved and closed incidents carry resolved_at and open
    /// ones don't, and every accepted move is logged with the status it entered.
    #[test]
    fn no_transition_leaves_resolved_at_wrong(moves in proptest::collection::vec(0usize..5, 1..20)) {
        let (mut ws, _, _) = setup();
        let id = new_incident(&mut ws, "x", Severity::Sev2, t(0, 0));
        let mut accepted = 0;
        for (n, m) in moves.into_iter().enumerate() {
            let now = t(1, 0) + Duration::minutes(n as i64);
            let before = get(&ws, &id).status;
            let target = Status::ALL[m];
            let result = set_status(&mut ws, &id, target, None, now, now);
            let refused = target == before || (target == Status::Closed && before != Status::Resolved);
            prop_assert_eq!(result.is_err(), refused);
            if result.is_ok() {
                accepted += 1;
            }
            let i = get(&ws, &id);
            prop_assert_eq!(i.resolved_at.is_some(), !i.status.is_open());
            prop_assert_eq!(timeline(i).last().unwrap().status, Some(i.status));
        }
        prop_assert_eq!(get(&ws, &id).timeline.len(), accepted + 1);
    }
}

#[test]
fn set_severity_logs_and_refuses_same() {
    let (mut ws, _, ana) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev3, t(10, 0));
    set_severity(&mut ws, &id, Severity::Sev1, Some(&ana), t(10, 5), t(10, 5)).unwrap();
    let i = get(&ws, &id);
    assert_eq!((i.severity, i.updated_at), (Severity::Sev1, Some(t(10, 5))));
    let e = timeline(i)[1];
    assert_eq!(
        (e.text.as_str(), e.kind, e.status),
        ("Severity: sev3 → sev1", EntryKind::Status, None)
    );
    assert_eq!(
        err(set_severity(
            &mut ws,
            &id,
            Severity::Sev1,
            None,
            t(10, 6),
            t(10, 6)
        )),
        DomainError::AlreadySeverity(Severity::Sev1)
    );
}

#[test]
fn add_entry_keeps_the_timeline_sorted_and_stable() {
    let (mut ws, sam, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    add_entry(
        &mut ws,
        &id,
        EntryKind::Note,
        "third",
        t(10, 30),
        Some(&sam),
        t(10, 31),
    )
    .unwrap();
    add_entry(
        &mut ws,
        &id,
        EntryKind::Action,
        "first",
        t(9, 50),
        None,
        t(10, 32),
    )
    .unwrap();
    add_entry(
        &mut ws,
        &id,
        EntryKind::Decision,
        "second a",
        t(10, 0),
        None,
        t(10, 33),
    )
    .unwrap();
    add_entry(
        &mut ws,
        &id,
        EntryKind::Comms,
        " second b ",
        t(10, 0),
        None,
        t(10, 34),
    )
    .unwrap();
    let i = get(&ws, &id);
    assert_eq!(
        texts(i),
        [
            "first",
            "Incident declared (sev2)",
            "second a",
            "second b",
            "third"
        ]
    );
    assert!(
        i.timeline.windows(2).all(|w| w[0].at <= w[1].at),
        "stored order is sorted too"
    );
    assert_eq!(i.updated_at, Some(t(10, 34)));
}

#[test]
fn add_entry_refuses_empty_text_automatic_kinds_and_unknown_author() {
    let (mut ws, _, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    assert_eq!(
        err(add_entry(
            &mut ws,
            &id,
            EntryKind::Note,
            "  ",
            t(10, 1),
            None,
            t(10, 1)
        )),
        DomainError::EmptyEntry
    );
    for kind in [EntryKind::Status, EntryKind::Role] {
        assert_eq!(
            err(add_entry(&mut ws, &id, kind, "x", t(10, 1), None, t(10, 1))),
            DomainError::NotManualKind
        );
    }
    assert_eq!(
        err(add_entry(
            &mut ws,
            &id,
            EntryKind::Note,
            "x",
            t(10, 1),
            Some("p-gone"),
            t(10, 1)
        )),
        DomainError::UnknownAuthor
    );
    assert_eq!(get(&ws, &id).timeline.len(), 1);
}

#[test]
fn edit_entry_resorts_and_guards_automatic_kinds() {
    let (mut ws, _, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    let a = add_entry(&mut ws, &id, EntryKind::Note, "a", t(10, 10), None, t(10, 10)).unwrap();
    add_entry(&mut ws, &id, EntryKind::Note, "b", t(10, 20), None, t(10, 20)).unwrap();
    edit_entry(
        &mut ws,
        &id,
        &a,
        EntryKind::Decision,
        "a, later",
        t(10, 30),
        t(11, 0),
    )
    .unwrap();
    let i = get(&ws, &id);
    assert_eq!(texts(i), ["Incident declared (sev2)", "b", "a, later"]);
    assert_eq!(
        (timeline(i)[2].kind, i.updated_at),
        (EntryKind::Decision, Some(t(11, 0)))
    );
    assert_eq!(
        err(edit_entry(
            &mut ws,
            &id,
            &a,
            EntryKind::Status,
            "a",
            t(10, 30),
            t(11, 0)
        )),
        DomainError::NotManualKind
    );
    let declared = get(&ws, &id).timeline[0].id.clone();
    assert_eq!(
        err(edit_entry(
            &mut ws,
            &id,
            &declared,
            EntryKind::Note,
            "x",
            t(10, 0),
            t(11, 0)
        )),
        DomainError::NotManualKind
    );
    assert_eq!(
        err(edit_entry(
            &mut ws,
            &id,
            &a,
            EntryKind::Note,
            " ",
            t(10, 0),
            t(11, 0)
        )),
        DomainError::EmptyEntry
    );
    // An automatic entry's wording and time may be corrected.
    edit_entry(
        &mut ws,
        &id,
        &declared,
        EntryKind::Status,
        "Declared (sev2)",
        t(9, 59),
        t(11, 0),
    )
    .unwrap();
    assert_eq!(texts(get(&ws, &id))[0], "Declared (sev2)");
}

#[test]
fn delete_entry_tombstones_but_keeps_status_history() {
    let (mut ws, _, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    let a = add_entry(&mut ws, &id, EntryKind::Note, "oops", t(10, 10), None, t(10, 10)).unwrap();
    delete_entry(&mut ws, &id, &a, t(10, 20)).unwrap();
    let i = get(&ws, &id);
    assert_eq!((i.timeline.len(), texts(i).len()), (2, 1));
    assert_eq!(
        i.timeline.iter().find(|e| e.id == a).unwrap().deleted_at,
        Some(t(10, 20))
    );
    assert_eq!(
        err(delete_entry(&mut ws, &id, &a, t(10, 30))),
        DomainError::EntryGone
    );
    assert_eq!(
        err(edit_entry(
            &mut ws,
            &id,
            &a,
            EntryKind::Note,
            "x",
            t(10, 0),
            t(10, 30)
        )),
        DomainError::EntryGone
    );
    let declared = get(&ws, &id).timeline[0].id.clone();
    assert_eq!(
        err(delete_entry(&mut ws, &id, &declared, t(10, 30))),
        DomainError::StatusEntryKept
    );
}

#[test]
fn edit_incident_checks_times_and_release() {
    let (mut ws, _, _) = setup();
    let id = declare(
        &mut ws,
        "x",
        Severity::Sev2,
        t(10, 0),
        Some(t(10, 5)),
        vec![],
        "",
        None,
        t(10, 10),
    )
    .unwrap();
    let r = record_release(
        &mut ws,
        "0.9.250",
        ReleaseStatus::Deployed,
        None,
        None,
        Some(t(9, 0)),
        "",
        Some("recorded after the fact"),
        t(9, 0),
        t(9, 0),
    )
    .unwrap();
    let edit = IncidentEdit {
        title: Some(" Search down ".into()),
        summary: Some("all users".into()),
        services: Some(vec!["search".into()]),
        started_at: Some(t(9, 58)),
        detected_at: Some(None),
        release: Some(Some(r.clone())),
        ..IncidentEdit::default()
    };
    edit_incident(&mut ws, &id, edit, t(11, 0)).unwrap();
    let i = get(&ws, &id);
    assert_eq!(
        (i.title.as_str(), i.started_at, i.detected_at),
        ("Search down", t(9, 58), None)
    );
    assert_eq!(
        (i.release.as_deref(), i.updated_at),
        (Some(r.as_str()), Some(t(11, 0)))
    );
    let snapshot = ws.clone();
    let cases = [
        (
            IncidentEdit {
                title: Some(" ".into()),
                ..Default::default()
            },
            DomainError::Untitled,
        ),
        (
            IncidentEdit {
                detected_at: Some(Some(t(9, 0))),
                ..Default::default()
            },
            DomainError::DetectedBeforeStart,
        ),
        (
            IncidentEdit {
                started_at: Some(t(12, 0)),
                ..Default::default()
            },
            DomainError::StartInFuture,
        ),
        (
            IncidentEdit {
                resolved_at: Some(t(10, 30)),
                ..Default::default()
            },
            DomainError::NotResolvedYet,
        ),
        (
            IncidentEdit {
                release: Some(Some("r-gone".into())),
                ..Default::default()
            },
            DomainError::ReleaseNotInLog,
        ),
    ];
    for (edit, expect) in cases {
        assert_eq!(err(edit_incident(&mut ws, &id, edit, t(11, 0))), expect);
    }
    assert_eq!(ws, snapshot);
    set_status(&mut ws, &id, Status::Resolved, None, t(11, 0), t(11, 0)).unwrap();
    let e = err(edit_incident(
        &mut ws,
        &id,
        IncidentEdit {
            resolved_at: Some(t(9, 0)),
            ..Default::default()
        },
        t(11, 5),
    ));
    assert_eq!(e, DomainError::ResolvedBeforeStart);
    edit_incident(
        &mut ws,
        &id,
        IncidentEdit {
            resolved_at: Some(t(10, 45)),
            ..Default::default()
        },
        t(11, 5),
    )
    .unwrap();
    assert_eq!(get(&ws, &id).resolved_at, Some(t(10, 45)));
}

#[test]
fn role_board_assign_handover_release_write_role_entries() {
    let (mut ws, sam, ana) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev1, t(10, 0));
    let a = assign_incident_role(
        &mut ws,
        &id,
        &sam,
        INCIDENT_MANAGER,
        Some(&ana),
        t(10, 5),
        t(10, 5),
    )
    .unwrap();
    let e = err(assign_incident_role(
        &mut ws,
        &id,
        &sam,
        INCIDENT_MANAGER,
        None,
        t(10, 6),
        t(10, 6),
    ));
    assert_eq!(
        e,
        DomainError::AlreadyOnIncident {
            person: "Sam Rivera".into(),
            role: "Incident manager".into(),
            at: t(10, 6)
        }
    );
    assert_eq!(
        err(assign_incident_role(
            &mut ws,
            &id,
            &sam,
            COMMITTEE_CHAIR,
            None,
            t(10, 6),
            t(10, 6)
        )),
        DomainError::WrongScope {
            role: "Committee chair".into(),
            scope: Scope::Standing
        }
    );
    let b = handover_incident_role(&mut ws, &a, &ana, None, t(10, 40), t(10, 40)).unwrap();
    let s = assign_incident_role(&mut ws, &id, &ana, SCRIBE, None, t(10, 41), t(10, 41)).unwrap();
    release_incident_role(&mut ws, &s, None, t(11, 0), t(11, 0)).unwrap();
    assert_eq!(
        err(release_incident_role(&mut ws, &s, None, t(11, 1), t(11, 1))),
        DomainError::NothingToRelease {
            person: "Ana Lima".into(),
            role: "Scribe".into()
        }
    );
    let i = get(&ws, &id);
    let roles: Vec<_> = timeline(i)
        .into_iter()
        .filter(|e| e.kind == EntryKind::Role)
        .map(|e| e.text.clone())
        .collect();
    assert_eq!(
        roles,
        [
            "Sam Rivera is now Incident manager",
            "Incident manager handed over from Sam Rivera to Ana Lima",
            "Ana Lima is now Scribe",
            "Ana Lima released from Scribe",
        ]
    );
    assert_eq!(timeline(i)[1].author.as_deref(), Some(ana.as_str()));
    let find = |x: &str| assign::find_assignment(&ws, x).unwrap();
    assert_eq!(
        (find(&a).end, find(&b).start, find(&s).end),
        (Some(t(10, 40)), t(10, 40), Some(t(11, 0)))
    );

    let board = role_board(&ws, &id, t(10, 50));
    let incident_roles = ws.roles.iter().filter(|r| r.scope == Scope::Incident).count();
    assert_eq!(board.len(), incident_roles);
    assert!(board.iter().all(|(r, _)| r.scope == Scope::Incident));
    let holders = |role: &str, at| -> Vec<String> {
        role_board(&ws, &id, at)
            .into_iter()
            .find(|(r, _)| r.id == role)
            .unwrap()
            .1
            .iter()
            .map(|a| a.person.clone())
            .collect()
    };
    assert_eq!(holders(INCIDENT_MANAGER, t(10, 50)), vec![ana.clone()]);
    assert_eq!(holders(INCIDENT_MANAGER, t(10, 20)), vec![sam.clone()]);
    assert_eq!(holders(SCRIBE, t(10, 50)), vec![ana.clone()]);
    assert!(holders(SCRIBE, t(11, 0)).is_empty());
}

#[test]
fn resolving_ends_the_incidents_open_roles_in_one_entry() {
    let (mut ws, sam, ana) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev2, t(10, 0));
    let other = new_incident(&mut ws, "y", Severity::Sev3, t(10, 0));
    let im = assign_incident_role(&mut ws, &id, &sam, INCIDENT_MANAGER, None, t(10, 5), t(10, 5)).unwrap();
    let scribe = assign_incident_role(&mut ws, &id, &ana, SCRIBE, None, t(10, 6), t(10, 6)).unwrap();
    let gone = assign_incident_role(&mut ws, &id, &ana, THIRD_LINE_LEAD, None, t(10, 7), t(10, 7)).unwrap();
    release_incident_role(&mut ws, &gone, None, t(10, 8), t(10, 8)).unwrap();
    let elsewhere = assign_incident_role(&mut ws, &other, &ana, SCRIBE, None, t(10, 9), t(10, 9)).unwrap();
    let before = load_at(&ws, &sam, t(10, 30));
    assert_eq!(before, 3.0);

    set_status(&mut ws, &id, Status::Resolved, Some(&sam), t(11, 0), t(11, 0)).unwrap();
    let find = |x: &str| assign::find_assignment(&ws, x).unwrap().clone();
    assert_eq!(
        (find(&im).end, find(&scribe).end),
        (Some(t(11, 0)), Some(t(11, 0)))
    );
    // Already ended and other incidents' roles are left alone.
    assert_eq!((find(&gone).end, find(&elsewhere).end), (Some(t(10, 8)), None));
    assert_eq!(load_at(&ws, &sam, t(11, 0)), 0.0);
    let tail: Vec<String> = texts(get(&ws, &id)).into_iter().rev().take(2).collect();
    assert_eq!(
        tail,
        [
            "Roles released: Sam Rivera (Incident manager), Ana Lima (Scribe)",
            "Status: investigating → resolved",
        ]
    );
    let last = (*timeline(get(&ws, &id)).last().unwrap()).clone();
    assert_eq!(
        (last.kind, last.at, last.status),
        (EntryKind::Role, t(11, 0), None)
    );
    assert!(role_board(&ws, &id, t(11, 0))
        .iter()
        .all(|(_, held)| held.is_empty()));

    // Closing and reopening release nothing more; a second resolution with no roles writes no entry.
    set_status(&mut ws, &id, Status::Closed, None, t(12, 0), t(12, 0)).unwrap();
    set_status(&mut ws, &id, Status::Investigating, None, t(12, 5), t(12, 5)).unwrap();
    set_status(&mut ws, &id, Status::Resolved, None, t(12, 10), t(12, 10)).unwrap();
    let released = texts(get(&ws, &id))
        .iter()
        .filter(|x| x.starts_with("Roles released"))
        .count();
    assert_eq!(released, 1);
}

#[test]
fn resolving_with_nobody_on_the_incident_writes_no_role_entry() {
    let (mut ws, _, _) = setup();
    let id = new_incident(&mut ws, "x", Severity::Sev4, t(10, 0));
    set_status(&mut ws, &id, Status::Resolved, None, t(10, 30), t(10, 30)).unwrap();
    assert_eq!(
        texts(get(&ws, &id)),
        ["Incident declared (sev4)", "Status: investigating → resolved"]
    );
}

#[test]
fn role_moves_refuse_non_incident_assignments() {
    let (mut ws, sam, ana) = setup();
    let chair = assign::assign(
        &mut ws,
        &sam,
        COMMITTEE_CHAIR,
        assign::Link::Standing,
        t(9, 0),
        t(9, 0),
    )
    .unwrap();
    assert_eq!(
        err(handover_incident_role(
            &mut ws,
            &chair,
            &ana,
            None,
            t(10, 0),
            t(10, 0)
        )),
        DomainError::NotIncidentRole
    );
    assert_eq!(
        err(release_incident_role(&mut ws, &chair, None, t(10, 0), t(10, 0))),
        DomainError::NotIncidentRole
    );
    assert_eq!(assign::find_assignment(&ws, &chair).unwrap().end, None);
}

#[test]
fn key_times_measure_detection_resolution_and_time_in_status() {
    let (mut ws, _, _) = setup();
    let id = declare(
        &mut ws,
        "x",
        Severity::Sev1,
        t(9, 50),
        Some(t(10, 0)),
        vec![],
        "",
        None,
        t(10, 0),
    )
    .unwrap();
    set_status(&mut ws, &id, Status::Identified, None, t(10, 30), t(10, 30)).unwrap();
    set_status(&mut ws, &id, Status::Investigating, None, t(10, 40), t(10, 40)).unwrap();
    set_status(&mut ws, &id, Status::Monitoring, None, t(11, 0), t(11, 0)).unwrap();
    set_severity(&mut ws, &id, Severity::Sev2, None, t(11, 10), t(11, 10)).unwrap();
    set_status(&mut ws, &id, Status::Resolved, None, t(12, 0), t(12, 0)).unwrap();
    let k = key_times(get(&ws, &id), t(12, 15));
    assert_eq!(k.time_to_detect, Some(Duration::minutes(10)));
    assert_eq!(k.time_to_resolve, Some(Duration::minutes(130)));
    assert_eq!(
        k.in_status,
        vec![
            // From the start (9:50), not from when it was written down (10:00).
            (Status::Investigating, Duration::minutes(60)),
            (Status::Identified, Duration::minutes(10)),
            (Status::Monitoring, Duration::minutes(60)),
            // Resolved is the last status: there is nothing to measure it to.
        ]
    );
    set_status(&mut ws, &id, Status::Closed, None, t(12, 30), t(12, 30)).unwrap();
    let k = key_times(get(&ws, &id), t(13, 0));
    assert_eq!(
        k.in_status.last(),
        Some(&(Status::Resolved, Duration::minutes(30)))
    );
    let open = new_incident(&mut ws, "y", Severity::Sev3, t(11, 0));
    let k = key_times(get(&ws, &open), t(11, 45));
    assert_eq!((k.time_to_detect, k.time_to_resolve), (None, None));
    assert_eq!(k.in_status, vec![(Status::Investigating, Duration::minutes(45))]);
}

fn incident(
    ws: &mut Workspace,
    title: &str,
    sev: Severity,
    start: DateTime<Utc>,
    services: &[&str],
    ttr_min: Option<i64>,
) -> String {
    let services = services.iter().map(|s| s.to_string()).collect();
    let id = declare(ws, title, sev, start, None, services, "", None, start).unwrap();
    if let Some(m) = ttr_min {
        set_status(
            ws,
            &id,
            Status::Resolved,
            None,
            start + Duration::minutes(m),
            start + Duration::minutes(m),
        )
        .unwrap();
    }
    id
}

#[test]
fn filter_fits_by_status_severity_service_and_text() {
    let (mut ws, _, _) = setup();
    let a = incident(
        &mut ws,
        "Search 502",
        Severity::Sev1,
        t(9, 0),
        &["Search", "web"],
        None,
    );
    let i = get(&ws, &a).clone();
    assert!(IncidentFilter::default().fits(&i));
    let f = |status, severity, service: Option<&str>, text: &str| IncidentFilter {
        status,
        severity,
        service: service.map(str::to_string),
        text: text.into(),
    };
    assert!(f(Some(Status::Investigating), None, None, "").fits(&i));
    assert!(!f(Some(Status::Resolved), None, None, "").fits(&i));
    assert!(f(None, Some(Severity::Sev1), None, "").fits(&i));
    assert!(!f(None, Some(Severity::Sev2), None, "").fits(&i));
    assert!(f(None, None, Some("search"), "").fits(&i));
    assert!(
        !f(None, None, Some("sear"), "").fits(&i),
        "service is a whole name, not a fragment"
    );
    assert!(f(None, None, None, " 502 ").fits(&i));
    assert!(f(None, None, None, "WEB").fits(&i));
    assert!(f(None, None, None, &a[..6].to_uppercase()).fits(&i));
    assert!(!f(None, None, None, "login").fits(&i));
    let mut with_summary = i.clone();
    with_summary.summary = "Login broke too".into();
    assert!(f(None, None, None, "login").fits(&with_summary));
}

#[test]
fn list_puts_open_first_then_newest_or_longest() {
    let (mut ws, _, _) = setup();
    let old_open = incident(&mut ws, "a", Severity::Sev3, t(1, 0), &[], None);
    let new_open = incident(&mut ws, "b", Severity::Sev3, t(5, 0), &[], None);
    let long_done = incident(&mut ws, "c", Severity::Sev3, t(2, 0), &[], Some(300));
    let short_done = incident(&mut ws, "d", Severity::Sev3, t(6, 0), &[], Some(10));
    let gone = incident(&mut ws, "e", Severity::Sev3, t(7, 0), &[], None);
    ws.incidents.iter_mut().find(|i| i.id == gone).unwrap().deleted_at = Some(t(8, 0));
    let ids = |sort| -> Vec<String> {
        list(&ws, &IncidentFilter::default(), sort, t(12, 0))
            .iter()
            .map(|i| i.id.clone())
            .collect()
    };
    assert_eq!(
        ids(SortBy::Start),
        [
            new_open.clone(),
            old_open.clone(),
            short_done.clone(),
            long_done.clone()
        ]
    );
    assert_eq!(
        ids(SortBy::Duration),
        [
            old_open.clone(),
            new_open.clone(),
            long_done.clone(),
            short_done.clone()
        ]
    );
    let only_sev1 = IncidentFilter {
        severity: Some(Severity::Sev1),
        ..Default::default()
    };
    assert!(list(&ws, &only_sev1, SortBy::Start, t(12, 0)).is_empty());
}

#[test]
fn stats_count_the_last_90_days_and_take_medians() {
    let (mut ws, _, _) = setup();
    let now = t(12, 0);
    incident(&mut ws, "a", Severity::Sev1, t(1, 0), &[], Some(30));
    incident(&mut ws, "b", Severity::Sev1, t(2, 0), &[], Some(90));
    incident(&mut ws, "c", Severity::Sev1, t(3, 0), &[], None);
    incident(&mut ws, "d", Severity::Sev2, t(4, 0), &[], Some(20));
    incident(&mut ws, "e", Severity::Sev2, t(4, 0), &[], Some(40));
    incident(&mut ws, "f", Severity::Sev2, t(4, 0), &[], Some(600));
    // Older than 90 days: counts as open now, not in the window.
    incident(
        &mut ws,
        "old",
        Severity::Sev1,
        now - Duration::days(91),
        &[],
        None,
    );
    let gone = incident(&mut ws, "gone", Severity::Sev2, t(5, 0), &[], None);
    ws.incidents.iter_mut().find(|i| i.id == gone).unwrap().deleted_at = Some(t(6, 0));
    let s = stats(&ws, now);
    assert_eq!(s.open_now, 2);
    assert_eq!(s.total_90d, 6);
    assert_eq!(
        s.by_severity,
        vec![
            (Severity::Sev1, 3, Some(Duration::minutes(60))),
            (Severity::Sev2, 3, Some(Duration::minutes(40))),
            (Severity::Sev3, 0, None),
            (Severity::Sev4, 0, None),
        ]
    );
    // 20, 30, 40, 90, 600 minutes.
    assert_eq!(s.median_ttr_90d, Some(Duration::minutes(40)));
    assert_eq!(stats(&Workspace::default(), now).median_ttr_90d, None);
}

#[test]
fn human_durations() {
    let cases = [
        (Duration::seconds(59), "< 1 min"),
        (Duration::zero(), "< 1 min"),
        (Duration::minutes(45), "45 min"),
        (Duration::minutes(60), "1 h"),
        (Duration::minutes(190), "3 h 10 min"),
        (Duration::minutes(59) + Duration::seconds(59), "59 min"),
        (Duration::hours(52), "2 d 4 h"),
        (Duration::days(2) + Duration::minutes(5), "2 d"),
        (-Duration::minutes(45), "-45 min"),
    ];
    for (d, expect) in cases {
        assert_eq!(human(d), expect, "{d:?}");
    }
}

#[test]
fn a_single_holder_role_takes_a_second_person_only_as_a_hand_over() {
    let (mut ws, sam, ana) = setup();
    let id = new_incident(&mut ws, "Search 502", Severity::Sev2, t(9, 0));
    let first = assign_incident_role(&mut ws, &id, &sam, INCIDENT_MANAGER, None, t(9, 5), t(9, 5)).unwrap();
    let before = ws.clone();
    assert_eq!(
        err(assign_incident_role(
            &mut ws,
            &id,
            &ana,
            INCIDENT_MANAGER,
            None,
            t(9, 10),
            t(9, 10)
        )),
        DomainError::SingleHolder {
            role: "Incident manager".into(),
            holder: "Sam Rivera".into()
        }
    );
    assert_eq!(ws, before, "nothing written, not even a timeline line");
    // Recorded after the fact before Sam took it: it would still overlap Sam's open turn.
    assert!(matches!(
        assign_incident_role(&mut ws, &id, &ana, INCIDENT_MANAGER, None, t(9, 1), t(9, 10)),
        Err(DomainError::SingleHolder { .. })
    ));
    handover_incident_role(&mut ws, &first, &ana, None, t(9, 10), t(9, 10)).unwrap();
    let holders = assign::current_holders(
        &ws,
        INCIDENT_MANAGER,
        &assign::Link::Incident(id.clone()),
        t(9, 11),
    );
    assert_eq!(
        holders.iter().map(|a| a.person.as_str()).collect::<Vec<_>>(),
        [ana.as_str()]
    );
}

#[test]
fn other_roles_take_several_holders_until_the_team_says_one() {
    let (mut ws, sam, ana) = setup();
    let id = new_incident(&mut ws, "Search 502", Severity::Sev2, t(9, 0));
    assign_incident_role(&mut ws, &id, &sam, SCRIBE, None, t(9, 5), t(9, 5)).unwrap();
    assign_incident_role(&mut ws, &id, &ana, SCRIBE, None, t(9, 6), t(9, 6)).unwrap();
    let other = new_incident(&mut ws, "Mail stuck", Severity::Sev3, t(9, 0));
    hatrack::domain::people::set_single_holder(&mut ws, SCRIBE, Some(true), t(9, 7)).unwrap();
    assign_incident_role(&mut ws, &other, &sam, SCRIBE, None, t(9, 8), t(9, 8)).unwrap();
    assert!(matches!(
        assign_incident_role(&mut ws, &other, &ana, SCRIBE, None, t(9, 9), t(9, 9)),
        Err(DomainError::SingleHolder { .. })
    ));
    // Back to the built-in default: the incident manager takes one, the scribe several.
    hatrack::domain::people::set_single_holder(&mut ws, SCRIBE, None, t(9, 10)).unwrap();
    assign_incident_role(&mut ws, &other, &ana, SCRIBE, None, t(9, 11), t(9, 11)).unwrap();
    let roles = |id: &str| ws.roles.iter().find(|r| r.id == id).unwrap().takes_one();
    assert!(roles(INCIDENT_MANAGER) && roles(defaults::COMMS_LEAD) && !roles(SCRIBE));
}

#[test]
fn a_single_holder_role_is_free_again_once_its_holder_is_released() {
    let (mut ws, sam, ana) = setup();
    let id = new_incident(&mut ws, "Search 502", Severity::Sev2, t(9, 0));
    let first = assign_incident_role(&mut ws, &id, &sam, INCIDENT_MANAGER, None, t(9, 5), t(9, 5)).unwrap();
    release_incident_role(&mut ws, &first, None, t(9, 30), t(9, 30)).unwrap();
    assign_incident_role(&mut ws, &id, &ana, INCIDENT_MANAGER, None, t(9, 45), t(9, 45)).unwrap();
}

#[test]
fn a_timeline_page_is_the_newest_entries_with_day_starts_and_entries_before_the_start() {
    let (mut ws, _, _) = setup();
    let id = new_incident(&mut ws, "Checkout down", Severity::Sev2, t(10, 0));
    for (h, text) in [
        (9, "Deploy went out"),
        (11, "Rolled back"),
        (12, "Error rate normal"),
    ] {
        add_entry(&mut ws, &id, EntryKind::Note, text, t(h, 0), None, t(13, 0)).unwrap();
    }
    // Two "days" for the reader: before 11:00 and from then on.
    let day = |at: DateTime<Utc>| at < t(11, 0);
    let page = |shown| {
        timeline_page(get(&ws, &id), shown, day)
            .into_iter()
            .map(|l| (l.entry.at, l.new_day, l.before_start))
            .collect::<Vec<_>>()
    };
    // The first line shown continues the day of the hidden entry before it.
    assert_eq!(
        page(3),
        [
            (t(10, 0), false, false),
            (t(11, 0), true, false),
            (t(12, 0), false, false)
        ]
    );
    assert_eq!(page(9)[0], (t(9, 0), true, true));
    assert_eq!(page(9).len(), 4);
    assert!(timeline_page(get(&ws, &id), 0, day).is_empty());
}
