//! Every event carries the time it happened: the time rules, and records that move with their
//! timeline entries. Each refusal is checked to leave the workspace exactly as it was.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::assign::{self, Link};
use hatrack::domain::defaults::{
    self, COMMITTEE_CHAIR, INCIDENT_MANAGER, RELEASE_MANAGER, SCRIBE, THIRD_LINE_LEAD,
};
use hatrack::domain::incident::*;
use hatrack::domain::load;
use hatrack::domain::people::add_person;
use hatrack::domain::refusal::{DomainError, TimeOf};
use hatrack::domain::release;
use hatrack::domain::times;
use hatrack::domain::{
    EntryKind, Incident, ReleaseStatus, Scope, Severity, Status, TimelineEntry, Workspace,
};

/// The replayed incident happened on the night of 31 January 2017; it is written down in
/// November 2026. Days 28 to 31 are in January, the others in February.
fn t(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    let month = if d >= 28 { 1 } else { 2 };
    Utc.with_ymd_and_hms(2017, month, d, h, m, 0).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap()
}

fn err<T: std::fmt::Debug>(r: Result<T, DomainError>) -> DomainError {
    r.expect_err("expected a refusal")
}

/// A refusal that leaves the workspace as it was.
fn refused<T: std::fmt::Debug>(
    ws: &mut Workspace,
    f: impl FnOnce(&mut Workspace) -> Result<T, DomainError>,
) -> DomainError {
    let before = ws.clone();
    let e = err(f(ws));
    assert_eq!(*ws, before, "a refusal changes nothing: {e}");
    e
}

struct Team {
    ws: Workspace,
    yv: String,
    ana: String,
}

fn team() -> Team {
    let mut ws = defaults::new_workspace();
    let yv = add_person(
        &mut ws,
        "Yves Tired",
        Some("Europe/Amsterdam".into()),
        vec![],
        Some(9.0),
        now(),
    )
    .unwrap();
    let ana = add_person(
        &mut ws,
        "Ana Lima",
        Some("America/Sao_Paulo".into()),
        vec![],
        Some(9.0),
        now(),
    )
    .unwrap();
    Team { ws, yv, ana }
}

fn past_incident(ws: &mut Workspace) -> String {
    declare(
        ws,
        "Database outage",
        Severity::Sev1,
        t(31, 17, 20),
        Some(t(31, 17, 30)),
        vec![],
        "",
        None,
        now(),
    )
    .unwrap()
}

fn get<'a>(ws: &'a Workspace, id: &str) -> &'a Incident {
    assign::find_incident(ws, id).unwrap()
}

fn entry<'a>(ws: &'a Workspace, id: &str, text: &str) -> &'a TimelineEntry {
    timeline(get(ws, id))
        .into_iter()
        .find(|e| e.text.starts_with(text))
        .unwrap_or_else(|| panic!("no entry starting {text:?}"))
}

#[test]
fn the_declaration_is_at_the_start_not_at_the_click() {
    let Team { mut ws, .. } = team();
    let id = past_incident(&mut ws);
    let i = get(&ws, &id);
    let declared = &timeline(i)[0];
    assert_eq!(
        (declared.at, declared.status),
        (t(31, 17, 20), Some(Status::Investigating))
    );
    assert_eq!(
        i.updated_at,
        Some(now()),
        "the edit itself is stamped with the clock"
    );
}

#[test]
fn no_event_in_the_future_beyond_the_skew_allowance() {
    let Team { mut ws, yv, .. } = team();
    let id = past_incident(&mut ws);
    let soon = now() + Duration::minutes(times::CLOCK_SKEW_MINUTES);
    let later = soon + Duration::minutes(1);
    set_severity(&mut ws, &id, Severity::Sev2, None, soon, now()).unwrap();
    // Every event names itself in its refusal.
    for (e, of) in [
        (
            refused(&mut ws, |ws| {
                set_status(ws, &id, Status::Identified, None, later, now())
            }),
            TimeOf::StatusChange,
        ),
        (
            refused(&mut ws, |ws| {
                set_severity(ws, &id, Severity::Sev1, None, later, now())
            }),
            TimeOf::SeverityChange,
        ),
        (
            refused(&mut ws, |ws| {
                add_entry(ws, &id, EntryKind::Note, "x", later, None, now())
            }),
            TimeOf::Entry,
        ),
        (
            refused(&mut ws, |ws| {
                assign_incident_role(ws, &id, &yv, INCIDENT_MANAGER, None, later, now())
            }),
            TimeOf::RoleStart,
        ),
    ] {
        assert_eq!(e, DomainError::InFuture { of, at: later });
    }
}

#[test]
fn a_standing_turn_may_be_planned_ahead_but_an_incident_role_may_not() {
    let Team { mut ws, yv, .. } = team();
    let next_week = now() + Duration::days(7);
    assign::assign(&mut ws, &yv, COMMITTEE_CHAIR, Link::Standing, next_week, now()).unwrap();
    let r = release::record_release(
        &mut ws,
        "2.0",
        ReleaseStatus::Planned,
        None,
        None,
        None,
        "",
        None,
        now(),
        now(),
    )
    .unwrap();
    let e = refused(&mut ws, |ws| {
        release::set_release_manager(ws, &r, &yv, next_week, now())
    });
    assert_eq!(
        e,
        DomainError::InFuture {
            of: TimeOf::RoleStart,
            at: next_week
        }
    );
}

#[test]
fn statuses_stay_in_time_order() {
    let Team { mut ws, .. } = team();
    let id = past_incident(&mut ws);
    let e = refused(&mut ws, |ws| {
        set_status(ws, &id, Status::Identified, None, t(31, 17, 0), now())
    });
    assert_eq!(
        e,
        DomainError::StatusBeforeStart {
            started: t(31, 17, 20)
        }
    );
    set_status(&mut ws, &id, Status::Identified, None, t(31, 23, 0), now()).unwrap();
    let e = refused(&mut ws, |ws| {
        set_status(ws, &id, Status::Monitoring, None, t(31, 22, 0), now())
    });
    assert_eq!(e, DomainError::StatusOutOfOrder { last: t(31, 23, 0) });
    // Moving a status entry keeps it between its neighbours.
    set_status(&mut ws, &id, Status::Monitoring, None, t(31, 23, 30), now()).unwrap();
    let identified = entry(&ws, &id, "Status: investigating → identified").id.clone();
    let e = refused(&mut ws, |ws| {
        edit_entry(
            ws,
            &id,
            &identified,
            EntryKind::Status,
            "Identified",
            t(31, 23, 45),
            now(),
        )
    });
    assert_eq!(e, DomainError::EntryAfterNext { next: t(31, 23, 30) });
    let e = refused(&mut ws, |ws| {
        edit_entry(
            ws,
            &id,
            &identified,
            EntryKind::Status,
            "Identified",
            t(31, 17, 10),
            now(),
        )
    });
    assert_eq!(
        e,
        DomainError::EntryBeforePrevious {
            previous: t(31, 17, 20)
        }
    );
}

#[test]
fn moving_the_declaration_moves_the_start_and_the_start_moves_the_declaration() {
    let Team { mut ws, yv, .. } = team();
    let id = past_incident(&mut ws);
    let declared = timeline(get(&ws, &id))[0].id.clone();
    edit_entry(
        &mut ws,
        &id,
        &declared,
        EntryKind::Status,
        "Declared",
        t(31, 17, 0),
        now(),
    )
    .unwrap();
    assert_eq!(get(&ws, &id).started_at, t(31, 17, 0));
    let edit = IncidentEdit {
        started_at: Some(t(31, 16, 50)),
        ..IncidentEdit::default()
    };
    edit_incident(&mut ws, &id, edit, now()).unwrap();
    assert_eq!(timeline(get(&ws, &id))[0].at, t(31, 16, 50));
    // Not after the first role taken on it.
    let no_detection = IncidentEdit {
        detected_at: Some(None),
        ..IncidentEdit::default()
    };
    edit_incident(&mut ws, &id, no_detection, now()).unwrap();
    assign_incident_role(&mut ws, &id, &yv, INCIDENT_MANAGER, None, t(31, 17, 30), now()).unwrap();
    let e = refused(&mut ws, |ws| {
        edit_entry(
            ws,
            &id,
            &declared,
            EntryKind::Status,
            "Declared",
            t(31, 18, 0),
            now(),
        )
    });
    assert_eq!(
        e,
        DomainError::StartAfterRole {
            person: "Yves Tired".into(),
            role: "Incident manager".into(),
            at: t(31, 17, 30)
        }
    );
}

#[test]
fn a_timeline_entry_may_predate_the_start() {
    let Team { mut ws, .. } = team();
    let id = past_incident(&mut ws);
    add_entry(
        &mut ws,
        &id,
        EntryKind::Note,
        "First slow query alert",
        t(31, 9, 0),
        None,
        now(),
    )
    .unwrap();
    let first = &timeline(get(&ws, &id))[0];
    assert_eq!(
        (first.text.as_str(), first.at),
        ("First slow query alert", t(31, 9, 0))
    );
    assert_eq!(
        get(&ws, &id).started_at,
        t(31, 17, 20),
        "a note does not move the start"
    );
}

#[test]
fn role_entries_move_the_assignments_they_record() {
    let Team { mut ws, yv, ana } = team();
    let id = past_incident(&mut ws);
    let a = assign_incident_role(&mut ws, &id, &yv, INCIDENT_MANAGER, None, t(31, 17, 30), now()).unwrap();
    let b = handover_incident_role(&mut ws, &a, &ana, None, t(31, 23, 0), now()).unwrap();
    assert_eq!(assign::find_assignment(&ws, &a).unwrap().end, Some(t(31, 23, 0)));
    let took = entry(&ws, &id, "Yves Tired is now").id.clone();
    let hand = entry(&ws, &id, "Incident manager handed over").id.clone();
    assert_eq!(entry(&ws, &id, "Yves Tired is now").starts, vec![a.clone()]);
    assert_eq!(
        entry(&ws, &id, "Incident manager handed over").ends,
        vec![a.clone()]
    );

    edit_entry(
        &mut ws,
        &id,
        &took,
        EntryKind::Role,
        "Yves is IM",
        t(31, 17, 40),
        now(),
    )
    .unwrap();
    assert_eq!(assign::find_assignment(&ws, &a).unwrap().start, t(31, 17, 40));
    edit_entry(
        &mut ws,
        &id,
        &hand,
        EntryKind::Role,
        "Handed to Ana",
        t(1, 0, 27),
        now(),
    )
    .unwrap();
    assert_eq!(assign::find_assignment(&ws, &a).unwrap().end, Some(t(1, 0, 27)));
    assert_eq!(assign::find_assignment(&ws, &b).unwrap().start, t(1, 0, 27));

    // An end never before its start: the hand-over cannot move before Yves took the role.
    let e = refused(&mut ws, |ws| {
        edit_entry(ws, &id, &hand, EntryKind::Role, "x", t(31, 17, 35), now())
    });
    assert_eq!(
        e,
        DomainError::MoveEndsBeforeStart {
            person: "Yves Tired".into(),
            role: "Incident manager".into(),
            end: t(31, 17, 35),
            start: t(31, 17, 40)
        }
    );
    // And role entries stay: correcting one is moving it, not deleting it.
    let e = refused(&mut ws, |ws| delete_entry(ws, &id, &took, now()));
    assert_eq!(e, DomainError::RoleEntryKept);
}

#[test]
fn one_person_never_holds_a_role_twice_at_once() {
    let Team { mut ws, yv, ana } = team();
    let id = past_incident(&mut ws);
    let a = assign_incident_role(&mut ws, &id, &yv, THIRD_LINE_LEAD, None, t(31, 18, 0), now()).unwrap();
    release_incident_role(&mut ws, &a, None, t(31, 20, 0), now()).unwrap();
    let e = refused(&mut ws, |ws| {
        assign_incident_role(ws, &id, &yv, THIRD_LINE_LEAD, None, t(31, 19, 0), now())
    });
    assert_eq!(
        e,
        DomainError::AlreadyOnIncident {
            person: "Yves Tired".into(),
            role: "3rd line lead".into(),
            at: t(31, 19, 0)
        }
    );
    // Taking it again after the first spell is fine.
    let again = assign_incident_role(&mut ws, &id, &yv, THIRD_LINE_LEAD, None, t(31, 21, 0), now()).unwrap();
    // But moving the second start back into the first spell is not.
    let took = timeline(get(&ws, &id))
        .into_iter()
        .find(|e| e.starts == vec![again.clone()])
        .unwrap()
        .id
        .clone();
    let e = refused(&mut ws, |ws| {
        edit_entry(ws, &id, &took, EntryKind::Role, "x", t(31, 19, 30), now())
    });
    assert_eq!(
        e,
        DomainError::Overlap {
            person: "Yves Tired".into(),
            role: "3rd line lead".into(),
            from: t(31, 18, 0),
            to: Some(t(31, 20, 0))
        }
    );
    // Standing roles too.
    assign::assign(&mut ws, &ana, COMMITTEE_CHAIR, Link::Standing, t(1, 0, 0), now()).unwrap();
    let e = refused(&mut ws, |ws| {
        assign::assign(ws, &ana, COMMITTEE_CHAIR, Link::Standing, t(20, 0, 0), now())
    });
    assert_eq!(
        e,
        DomainError::Overlap {
            person: "Ana Lima".into(),
            role: "Committee chair".into(),
            from: t(1, 0, 0),
            to: None
        }
    );
}

#[test]
fn resolving_at_a_past_time_sets_resolved_at_and_ends_roles_then() {
    let Team { mut ws, yv, .. } = team();
    let id = past_incident(&mut ws);
    let a = assign_incident_role(&mut ws, &id, &yv, INCIDENT_MANAGER, None, t(31, 17, 30), now()).unwrap();
    set_status(&mut ws, &id, Status::Resolved, None, t(1, 13, 0), now()).unwrap();
    let i = get(&ws, &id);
    assert_eq!(i.resolved_at, Some(t(1, 13, 0)));
    assert_eq!(duration(i, now()), Duration::minutes(19 * 60 + 40));
    assert_eq!(assign::find_assignment(&ws, &a).unwrap().end, Some(t(1, 13, 0)));
    assert_eq!(load::load_at(&ws, &yv, now()), 0.0, "nothing held today");
    assert!(
        load::load_at(&ws, &yv, t(1, 0, 27)) > 0.0,
        "held on the night itself"
    );

    // Correcting the resolve entry's time moves resolved_at and the roles released with it.
    let resolve = entry(&ws, &id, "Status: investigating → resolved").id.clone();
    edit_entry(
        &mut ws,
        &id,
        &resolve,
        EntryKind::Status,
        "Resolved",
        t(1, 14, 0),
        now(),
    )
    .unwrap();
    assert_eq!(get(&ws, &id).resolved_at, Some(t(1, 14, 0)));
    assert_eq!(assign::find_assignment(&ws, &a).unwrap().end, Some(t(1, 14, 0)));
    assert_eq!(entry(&ws, &id, "Roles released").at, t(1, 14, 0));

    // And the other way: correcting resolved_at moves the entries.
    let edit = IncidentEdit {
        resolved_at: Some(t(1, 13, 30)),
        ..IncidentEdit::default()
    };
    edit_incident(&mut ws, &id, edit, now()).unwrap();
    assert_eq!(entry(&ws, &id, "Resolved").at, t(1, 13, 30));
    assert_eq!(assign::find_assignment(&ws, &a).unwrap().end, Some(t(1, 13, 30)));
}

#[test]
fn a_resolution_before_a_role_started_is_refused() {
    let Team { mut ws, yv, .. } = team();
    let id = past_incident(&mut ws);
    assign_incident_role(&mut ws, &id, &yv, SCRIBE, None, t(1, 2, 0), now()).unwrap();
    let e = refused(&mut ws, |ws| {
        set_status(ws, &id, Status::Resolved, None, t(1, 1, 0), now())
    });
    assert_eq!(
        e,
        DomainError::HeldPastResolution {
            person: "Yves Tired".into(),
            role: "Scribe".into(),
            at: t(1, 1, 0),
            start: t(1, 2, 0),
            end: None
        }
    );
}

#[test]
fn a_resolved_incident_takes_a_past_role_that_ends_at_the_resolution_but_no_new_live_one() {
    let Team { mut ws, yv, ana } = team();
    let id = past_incident(&mut ws);
    assign_incident_role(&mut ws, &id, &yv, INCIDENT_MANAGER, None, t(31, 17, 30), now()).unwrap();
    set_status(&mut ws, &id, Status::Resolved, None, t(1, 13, 0), now()).unwrap();
    let late = assign_incident_role(&mut ws, &id, &ana, SCRIBE, None, t(31, 20, 0), now()).unwrap();
    assert_eq!(
        assign::find_assignment(&ws, &late).unwrap().end,
        Some(t(1, 13, 0))
    );
    assert!(entry(&ws, &id, "Roles released").ends.contains(&late));
    assert!(entry(&ws, &id, "Roles released")
        .text
        .ends_with("Ana Lima (Scribe)"));
    let e = refused(&mut ws, |ws| {
        assign_incident_role(ws, &id, &ana, COMMITTEE_CHAIR, None, now(), now())
    });
    assert_eq!(
        e,
        DomainError::WrongScope {
            role: "Committee chair".into(),
            scope: Scope::Standing
        }
    );
    let e = refused(&mut ws, |ws| {
        assign_incident_role(ws, &id, &ana, THIRD_LINE_LEAD, None, now(), now())
    });
    assert_eq!(
        e,
        DomainError::RoleAfterResolution {
            resolved: t(1, 13, 0)
        }
    );
}

#[test]
fn release_roles_end_with_the_release_and_do_not_restart() {
    let Team { mut ws, yv, ana } = team();
    let r = release::record_release(
        &mut ws,
        "9.6",
        ReleaseStatus::Planned,
        None,
        None,
        None,
        "",
        None,
        now(),
        now(),
    )
    .unwrap();
    let rm = release::set_release_manager(&mut ws, &r, &yv, t(30, 10, 0), now()).unwrap();
    let dm = release::set_deployment_manager(&mut ws, &r, &ana, t(30, 10, 0), now()).unwrap();
    release::set_status(
        &mut ws,
        &r,
        ReleaseStatus::InProgress,
        Some(&yv),
        None,
        t(31, 9, 0),
        now(),
    )
    .unwrap();
    let go = hatrack::domain::Decision::Go;
    release::record_go_no_go(&mut ws, &r, go, None, t(31, 9, 30), "", now()).unwrap();
    release::set_status(
        &mut ws,
        &r,
        ReleaseStatus::Deployed,
        None,
        None,
        t(31, 10, 0),
        now(),
    )
    .unwrap();
    let rel = assign::find_release(&ws, &r).unwrap();
    assert_eq!(rel.deployed_at, Some(t(31, 10, 0)));
    let last = rel.timeline.last().unwrap();
    assert_eq!(
        last.text,
        "Status: In progress → Deployed; roles ended: Yves Tired (Release manager), Ana Lima (Deployment manager)"
    );
    assert_eq!(last.ends.len(), 2);
    for a in [&rm, &dm] {
        assert_eq!(assign::find_assignment(&ws, a).unwrap().end, Some(t(31, 10, 0)));
    }
    assert_eq!(load::load_at(&ws, &yv, now()), 0.0);
    // Statuses in order, and a move back does not restart anyone's role.
    let e = refused(&mut ws, |ws| {
        release::set_status(ws, &r, ReleaseStatus::RolledBack, None, None, t(31, 9, 30), now())
    });
    assert_eq!(e, DomainError::ReleaseStatusOutOfOrder { last: t(31, 10, 0) });
    release::set_status(
        &mut ws,
        &r,
        ReleaseStatus::InProgress,
        None,
        None,
        t(31, 12, 0),
        now(),
    )
    .unwrap();
    assert_eq!(load::load_at(&ws, &yv, t(31, 13, 0)), 0.0);

    // Correcting the deploy entry moves deployed_at and the roles' ends.
    let deploy = assign::find_release(&ws, &r)
        .unwrap()
        .timeline
        .iter()
        .find(|e| e.release_status == Some(ReleaseStatus::Deployed))
        .unwrap()
        .id
        .clone();
    release::move_entry(&mut ws, &r, &deploy, t(31, 10, 30), now()).unwrap();
    assert_eq!(
        assign::find_release(&ws, &r).unwrap().deployed_at,
        Some(t(31, 10, 30))
    );
    assert_eq!(
        assign::find_assignment(&ws, &rm).unwrap().end,
        Some(t(31, 10, 30))
    );
    let e = refused(&mut ws, |ws| {
        release::move_entry(ws, &r, &deploy, t(31, 12, 30), now())
    });
    assert_eq!(e, DomainError::ReleaseEntryAfterNext { next: t(31, 12, 0) });
}

#[test]
fn the_release_form_changes_status_at_the_time_it_gives() {
    let Team { mut ws, yv, .. } = team();
    let r = release::record_release(
        &mut ws,
        "9.7",
        ReleaseStatus::InProgress,
        None,
        None,
        None,
        "",
        None,
        t(30, 9, 0),
        t(30, 9, 0),
    )
    .unwrap();
    let rm = release::set_release_manager(&mut ws, &r, &yv, t(30, 9, 0), now()).unwrap();
    release::update_release(
        &mut ws,
        &r,
        "9.7",
        ReleaseStatus::Deployed,
        None,
        None,
        Some(t(30, 11, 0)),
        "",
        Some("the decision was made by phone"),
        now(),
        now(),
    )
    .unwrap();
    assert_eq!(assign::find_assignment(&ws, &rm).unwrap().end, Some(t(30, 11, 0)));
    let rel = assign::find_release(&ws, &r).unwrap();
    assert_eq!(
        rel.timeline.last().unwrap().release_status,
        Some(ReleaseStatus::Deployed)
    );
    assert_eq!(rel.timeline.last().unwrap().at, t(30, 11, 0));
    let _ = RELEASE_MANAGER;
}

#[test]
fn backfill_is_a_mark_on_the_incident() {
    let Team { mut ws, .. } = team();
    let id = past_incident(&mut ws);
    assert!(!get(&ws, &id).backfill);
    set_backfill(&mut ws, &id, true, now()).unwrap();
    assert!(get(&ws, &id).backfill);
    let json = ws.to_json();
    assert!(json.contains("\"backfill\": true"));
}

#[test]
fn night_is_from_ten_to_seven() {
    let night: Vec<u32> = (0..24).filter(|h| times::is_night_hour(*h)).collect();
    assert_eq!(night, vec![0, 1, 2, 3, 4, 5, 6, 22, 23]);
}

#[test]
fn overlap_is_half_open() {
    let (a, b, c) = (t(1, 10, 0), t(1, 11, 0), t(1, 12, 0));
    assert!(
        !times::overlaps(a, Some(b), b, Some(c)),
        "back to back is not overlapping"
    );
    assert!(times::overlaps(a, None, b, Some(c)));
    assert!(times::overlaps(a, Some(c), b, None));
    assert!(!times::overlaps(b, Some(c), a, Some(b)));
}

#[test]
fn managers_named_for_a_release_recorded_once_deployed_are_on_record_at_its_finish() {
    let Team { mut ws, yv, ana } = team();
    let d = t(31, 10, 0);
    let r = release::record_release(
        &mut ws,
        "9.8",
        ReleaseStatus::Deployed,
        None,
        None,
        Some(d),
        "",
        Some("recorded after the fact"),
        now(),
        now(),
    )
    .unwrap();
    let rm = release::set_release_manager(&mut ws, &r, &yv, d, now()).unwrap();
    let dm = release::set_deployment_manager(&mut ws, &r, &ana, d, now()).unwrap();
    for a in [&rm, &dm] {
        let a = assign::find_assignment(&ws, a).unwrap();
        assert_eq!((a.start, a.end), (d, Some(d)), "on record, never load");
    }
    assert_eq!(
        release::manager_of(&ws, &r, RELEASE_MANAGER, now())
            .unwrap()
            .person,
        yv
    );
    let e = refused(&mut ws, |ws| {
        release::set_release_manager(ws, &r, &ana, d + Duration::minutes(1), now())
    });
    assert_eq!(
        e,
        DomainError::ManagerAfterFinish {
            finished: t(31, 10, 0)
        }
    );
}

#[test]
fn a_deleted_person_leaves_no_personal_data_in_the_export() {
    use hatrack::domain::people;
    let Team { mut ws, yv, ana } = team();
    let id = past_incident(&mut ws);
    let a = assign_incident_role(&mut ws, &id, &yv, INCIDENT_MANAGER, None, t(31, 17, 30), now()).unwrap();
    handover_incident_role(&mut ws, &a, &ana, None, t(31, 18, 0), now()).unwrap();
    add_entry(
        &mut ws,
        &id,
        EntryKind::Note,
        "Yves Tired restarted the replica",
        t(31, 18, 5),
        None,
        now(),
    )
    .unwrap();
    // Ana holds incident manager now: deleting her leaves that incident without one.
    let losses = people::holder_losses(&ws, &ana, now());
    assert_eq!(losses.len(), 1);
    assert_eq!(
        (losses[0].0, losses[0].2.as_str(), losses[0].3.as_str()),
        ("incident", "Database outage", "Incident manager")
    );

    people::delete_person(&mut ws, &yv, now(), true).unwrap();
    let json = ws.to_json();
    for personal in ["Yves", "Tired", "Europe/Amsterdam"] {
        assert!(!json.contains(personal), "{personal} survives in the export");
    }
    assert!(json.contains("a removed person is now Incident manager"));
    let tomb = ws.people.iter().find(|p| p.id == yv).unwrap();
    let tomb_json = serde_json::to_value(tomb).unwrap();
    let obj = tomb_json.as_object().unwrap();
    assert_eq!(obj["skills"], serde_json::json!([]), "no skills left");
    assert_eq!(obj["name"], serde_json::json!(""), "no name left");
    let keys: Vec<&String> = obj.keys().filter(|k| *k != "skills" && *k != "name").collect();
    assert_eq!(keys, ["id", "updated_at", "deleted_at"], "only what merge needs");
    // The file still imports: a tombstone needs no name.
    Workspace::from_json(&json).unwrap();
}

#[test]
fn away_periods_are_added_checked_and_named_before_a_role_is_given() {
    use chrono::NaiveDate;
    use hatrack::domain::away;
    use hatrack::domain::zones::UtcOnly;
    let Team { mut ws, ana, .. } = team();
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    let e = refused(&mut ws, |ws| {
        away::add_away(ws, &ana, d(12, 3), d(12, 1), "exams", now())
    });
    assert_eq!(
        e,
        DomainError::AwayEndsBeforeStart {
            from: d(12, 3),
            to: d(12, 1)
        }
    );
    away::add_away(&mut ws, &ana, d(11, 29), d(12, 2), " exams ", now()).unwrap();
    let said = away::before_assigning(&ws, &ana, &UtcOnly, now());
    assert_eq!(
        said,
        vec!["Ana Lima is away 29 Nov – 2 Dec 2026 (exams).".to_string()]
    );
    assert!(away::before_assigning(&ws, &ana, &UtcOnly, now() + Duration::days(5)).is_empty());
    let e = refused(&mut ws, |ws| away::remove_away(ws, &ana, 3, now()));
    assert_eq!(e, DomainError::AwayGone);
    away::remove_away(&mut ws, &ana, 0, now()).unwrap();
    assert!(away::before_assigning(&ws, &ana, &UtcOnly, now()).is_empty());
}
