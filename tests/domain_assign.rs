//! Assignments, the people roster and the role catalogue: every rule, each with a failing case.

use chrono::{DateTime, TimeZone, Utc};
use hatrack::domain::assign::{self, current_holders, end_assignment, handover, Link};
use hatrack::domain::defaults::{
    self, COMMITTEE_CHAIR, INCIDENT_MANAGER, RELEASE_MANAGER, SCRIBE, THIRD_LINE_LEAD,
};
use hatrack::domain::incident::declare;
use hatrack::domain::people::{
    add_conflict_rule, add_person, add_role, delete_person, remove_conflict_rule, set_active, update_person,
    update_role,
};
use hatrack::domain::refusal::DomainError;
use hatrack::domain::{Scope, Severity, Workspace};

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

struct Fixture {
    ws: Workspace,
    sam: String,
    ana: String,
    incident: String,
}

fn fixture() -> Fixture {
    let mut ws = defaults::new_workspace();
    let sam = add_person(&mut ws, "Sam Rivera", None, vec![], None, t(8, 0)).unwrap();
    let ana = add_person(&mut ws, "Ana Lima", None, vec![], None, t(8, 0)).unwrap();
    let incident = declare(
        &mut ws,
        "Search 502",
        Severity::Sev1,
        t(9, 0),
        None,
        vec![],
        "",
        None,
        t(9, 0),
    )
    .unwrap();
    Fixture {
        ws,
        sam,
        ana,
        incident,
    }
}

fn err<T: std::fmt::Debug>(r: Result<T, DomainError>) -> DomainError {
    r.expect_err("expected a refusal")
}

#[test]
fn assign_standing_role_records_it_with_updated_at() {
    let mut f = fixture();
    let id = assign::assign(
        &mut f.ws,
        &f.sam,
        COMMITTEE_CHAIR,
        Link::Standing,
        t(10, 0),
        t(10, 5),
    )
    .unwrap();
    let a = assign::find_assignment(&f.ws, &id).unwrap();
    assert_eq!(
        (a.person.as_str(), a.role.as_str()),
        (f.sam.as_str(), COMMITTEE_CHAIR)
    );
    assert_eq!((a.start, a.end, a.updated_at), (t(10, 0), None, Some(t(10, 5))));
    assert_eq!((a.incident.clone(), a.release.clone()), (None, None));
}

#[test]
fn assign_refuses_unknown_inactive_or_deleted_person() {
    let mut f = fixture();
    assert_eq!(
        err(assign::assign(
            &mut f.ws,
            "p-nobody",
            SCRIBE,
            Link::Standing,
            t(10, 0),
            t(10, 0)
        )),
        DomainError::PersonNotFound
    );
    set_active(&mut f.ws, &f.ana, false, t(10, 0)).unwrap();
    let link = Link::Incident(f.incident.clone());
    assert_eq!(
        err(assign::assign(
            &mut f.ws,
            &f.ana,
            SCRIBE,
            link.clone(),
            t(10, 0),
            t(10, 0)
        )),
        DomainError::Inactive {
            name: "Ana Lima".into()
        }
    );
    delete_person(&mut f.ws, &f.sam, t(10, 0), false).unwrap();
    assert_eq!(
        err(assign::assign(
            &mut f.ws,
            &f.sam,
            SCRIBE,
            link,
            t(10, 0),
            t(10, 0)
        )),
        DomainError::PersonNotFound
    );
    assert!(f.ws.assignments.is_empty());
}

#[test]
fn assign_refuses_unknown_role_and_scope_mismatch() {
    let mut f = fixture();
    assert_eq!(
        err(assign::assign(
            &mut f.ws,
            &f.sam,
            "juggler",
            Link::Standing,
            t(10, 0),
            t(10, 0)
        )),
        DomainError::RoleNotInCatalogue
    );
    let on_incident = Link::Incident(f.incident.clone());
    let e = err(assign::assign(
        &mut f.ws,
        &f.sam,
        COMMITTEE_CHAIR,
        on_incident,
        t(10, 0),
        t(10, 0),
    ));
    assert_eq!(
        e,
        DomainError::WrongScope {
            role: "Committee chair".into(),
            scope: Scope::Standing
        }
    );
    let e = err(assign::assign(
        &mut f.ws,
        &f.sam,
        SCRIBE,
        Link::Standing,
        t(10, 0),
        t(10, 0),
    ));
    assert_eq!(
        e,
        DomainError::WrongScope {
            role: "Scribe".into(),
            scope: Scope::Incident
        }
    );
    let e = err(assign::assign(
        &mut f.ws,
        &f.sam,
        RELEASE_MANAGER,
        Link::Standing,
        t(10, 0),
        t(10, 0),
    ));
    assert_eq!(
        e,
        DomainError::WrongScope {
            role: "Release manager".into(),
            scope: Scope::Release
        }
    );
    let missing = Link::Incident("i-gone".into());
    assert_eq!(
        err(assign::assign(
            &mut f.ws,
            &f.sam,
            SCRIBE,
            missing,
            t(10, 0),
            t(10, 0)
        )),
        DomainError::IncidentGone
    );
    assert!(f.ws.assignments.is_empty());
}

#[test]
fn assign_never_blocks_on_conflicts_or_load() {
    let mut f = fixture();
    let link = Link::Incident(f.incident.clone());
    for role in [INCIDENT_MANAGER, THIRD_LINE_LEAD, SCRIBE] {
        assign::assign(&mut f.ws, &f.sam, role, link.clone(), t(10, 0), t(10, 0)).unwrap();
    }
    assign::assign(
        &mut f.ws,
        &f.sam,
        COMMITTEE_CHAIR,
        Link::Standing,
        t(10, 0),
        t(10, 0),
    )
    .unwrap();
    assert_eq!(f.ws.assignments.len(), 4);
}

#[test]
fn end_assignment_sets_end_and_refuses_bad_ends() {
    let mut f = fixture();
    let id = assign::assign(
        &mut f.ws,
        &f.sam,
        COMMITTEE_CHAIR,
        Link::Standing,
        t(10, 0),
        t(10, 0),
    )
    .unwrap();
    assert_eq!(
        err(end_assignment(&mut f.ws, &id, t(9, 59), t(11, 0))),
        DomainError::EndBeforeStart { start: t(10, 0) }
    );
    end_assignment(&mut f.ws, &id, t(11, 0), t(11, 1)).unwrap();
    let a = assign::find_assignment(&f.ws, &id).unwrap();
    assert_eq!((a.end, a.updated_at), (Some(t(11, 0)), Some(t(11, 1))));
    assert_eq!(
        err(end_assignment(&mut f.ws, &id, t(12, 0), t(12, 0))),
        DomainError::AlreadyEnded
    );
    // Ending earlier than a recorded end is a correction, and allowed.
    end_assignment(&mut f.ws, &id, t(10, 30), t(12, 0)).unwrap();
    assert_eq!(
        err(end_assignment(&mut f.ws, "a-gone", t(12, 0), t(12, 0))),
        DomainError::AssignmentGone
    );
}

#[test]
fn handover_ends_and_starts_at_one_instant_with_same_role_and_link() {
    let mut f = fixture();
    let link = Link::Incident(f.incident.clone());
    let old = assign::assign(
        &mut f.ws,
        &f.sam,
        INCIDENT_MANAGER,
        link.clone(),
        t(10, 0),
        t(10, 0),
    )
    .unwrap();
    let new = handover(&mut f.ws, &old, &f.ana, t(10, 40), t(10, 41)).unwrap();
    let (o, n) = (
        assign::find_assignment(&f.ws, &old).unwrap(),
        assign::find_assignment(&f.ws, &new).unwrap(),
    );
    assert_eq!(o.end, Some(t(10, 40)));
    assert_eq!(n.start, t(10, 40));
    assert_eq!(
        (n.role.as_str(), Link::of(n), n.person.as_str()),
        (INCIDENT_MANAGER, link.clone(), f.ana.as_str())
    );
    assert_eq!((o.updated_at, n.updated_at), (Some(t(10, 41)), Some(t(10, 41))));
    // Exactly one holder either side of the instant.
    let before: Vec<_> = current_holders(&f.ws, INCIDENT_MANAGER, &link, t(10, 39))
        .iter()
        .map(|a| a.person.clone())
        .collect();
    let at: Vec<_> = current_holders(&f.ws, INCIDENT_MANAGER, &link, t(10, 40))
        .iter()
        .map(|a| a.person.clone())
        .collect();
    assert_eq!((before, at), (vec![f.sam.clone()], vec![f.ana.clone()]));
}

#[test]
fn handover_refusals_change_nothing() {
    let mut f = fixture();
    let link = Link::Incident(f.incident.clone());
    let old = assign::assign(&mut f.ws, &f.sam, SCRIBE, link, t(10, 0), t(10, 0)).unwrap();
    let snapshot = f.ws.clone();
    assert_eq!(
        err(handover(&mut f.ws, &old, &f.sam, t(10, 30), t(10, 30))),
        DomainError::HandoverToHolder {
            person: "Sam Rivera".into(),
            role: "Scribe".into()
        }
    );
    assert_eq!(
        err(handover(&mut f.ws, &old, &f.ana, t(9, 30), t(10, 30))),
        DomainError::NotHeldThen {
            person: "Sam Rivera".into(),
            role: "Scribe".into()
        }
    );
    set_active(&mut f.ws, &f.ana, false, t(10, 0)).unwrap();
    let after_deactivate = f.ws.clone();
    assert_eq!(
        err(handover(&mut f.ws, &old, &f.ana, t(10, 30), t(10, 30))),
        DomainError::Inactive {
            name: "Ana Lima".into()
        }
    );
    assert_eq!(f.ws, after_deactivate);
    assert_eq!(f.ws.assignments, snapshot.assignments);
}

#[test]
fn current_holders_respects_link_time_and_tombstones() {
    let mut f = fixture();
    let other = declare(
        &mut f.ws,
        "Login slow",
        Severity::Sev3,
        t(9, 0),
        None,
        vec![],
        "",
        None,
        t(9, 0),
    )
    .unwrap();
    let here = Link::Incident(f.incident.clone());
    let a = assign::assign(&mut f.ws, &f.sam, SCRIBE, here.clone(), t(10, 0), t(10, 0)).unwrap();
    assign::assign(
        &mut f.ws,
        &f.ana,
        SCRIBE,
        Link::Incident(other),
        t(10, 0),
        t(10, 0),
    )
    .unwrap();
    assert_eq!(current_holders(&f.ws, SCRIBE, &here, t(10, 0)).len(), 1);
    assert!(current_holders(&f.ws, SCRIBE, &here, t(9, 59)).is_empty());
    assert!(current_holders(&f.ws, INCIDENT_MANAGER, &here, t(10, 0)).is_empty());
    f.ws.assignments
        .iter_mut()
        .find(|x| x.id == a)
        .unwrap()
        .deleted_at = Some(t(10, 1));
    assert!(current_holders(&f.ws, SCRIBE, &here, t(10, 30)).is_empty());
}

#[test]
fn add_person_trims_and_validates() {
    let mut ws = defaults::new_workspace();
    let id = add_person(
        &mut ws,
        "  Sam Rivera ",
        Some(" Europe/London ".into()),
        vec![SCRIBE.into(), SCRIBE.into()],
        Some(2.5),
        t(8, 0),
    )
    .unwrap();
    let p = assign::find_person(&ws, &id).unwrap();
    assert_eq!(
        (p.name.as_str(), p.timezone.as_deref()),
        ("Sam Rivera", Some("Europe/London"))
    );
    assert_eq!(
        (p.skills.clone(), p.capacity, p.active),
        (vec![SCRIBE.to_string()], Some(2.5), true)
    );
    assert_eq!(p.updated_at, Some(t(8, 0)));
    assert_eq!(
        err(add_person(&mut ws, "   ", None, vec![], None, t(8, 0))),
        DomainError::PersonUnnamed
    );
    assert_eq!(
        err(add_person(&mut ws, "Ana", None, vec![], Some(-1.0), t(8, 0))),
        DomainError::CapacityInvalid
    );
    assert_eq!(
        err(add_person(&mut ws, "Ana", None, vec![], Some(f64::NAN), t(8, 0))),
        DomainError::CapacityInvalid
    );
    assert_eq!(
        err(add_person(
            &mut ws,
            "Ana",
            None,
            vec!["juggler".into()],
            None,
            t(8, 0)
        )),
        DomainError::UnknownSkill {
            skill: "juggler".into()
        }
    );
    assert_eq!(ws.people.len(), 1);
    add_person(&mut ws, "Ana", Some("  ".into()), vec![], Some(0.0), t(8, 0)).unwrap();
    assert_eq!(ws.people[1].timezone, None);
}

#[test]
fn update_person_and_set_active_set_updated_at() {
    let mut f = fixture();
    update_person(
        &mut f.ws,
        &f.sam,
        "Sam R.",
        None,
        vec![INCIDENT_MANAGER.into()],
        Some(4.0),
        t(12, 0),
    )
    .unwrap();
    let p = assign::find_person(&f.ws, &f.sam).unwrap();
    assert_eq!(
        (p.name.as_str(), p.capacity, p.updated_at),
        ("Sam R.", Some(4.0), Some(t(12, 0)))
    );
    assert_eq!(
        err(update_person(&mut f.ws, &f.sam, "", None, vec![], None, t(12, 0))),
        DomainError::PersonUnnamed
    );
    assert_eq!(
        err(update_person(
            &mut f.ws,
            &f.sam,
            "Sam",
            None,
            vec![],
            Some(-0.5),
            t(12, 0)
        )),
        DomainError::CapacityInvalid
    );
    assert_eq!(assign::find_person(&f.ws, &f.sam).unwrap().name, "Sam R.");
    set_active(&mut f.ws, &f.sam, false, t(13, 0)).unwrap();
    let p = assign::find_person(&f.ws, &f.sam).unwrap();
    assert_eq!((p.active, p.updated_at), (false, Some(t(13, 0))));
    assert_eq!(
        err(set_active(&mut f.ws, "p-gone", true, t(13, 0))),
        DomainError::PersonGone
    );
}

#[test]
fn delete_person_refuses_with_assignments_unless_asked_and_tombstones() {
    let mut f = fixture();
    let a = assign::assign(
        &mut f.ws,
        &f.sam,
        COMMITTEE_CHAIR,
        Link::Standing,
        t(10, 0),
        t(10, 0),
    )
    .unwrap();
    end_assignment(&mut f.ws, &a, t(11, 0), t(11, 0)).unwrap();
    let e = err(delete_person(&mut f.ws, &f.sam, t(12, 0), false));
    assert_eq!(
        e,
        DomainError::HasAssignments {
            name: "Sam Rivera".into(),
            count: 1
        }
    );
    assert!(assign::find_person(&f.ws, &f.sam).is_some());
    delete_person(&mut f.ws, &f.sam, t(12, 0), true).unwrap();
    let (p, asg) = (&f.ws.people[0], &f.ws.assignments[0]);
    assert_eq!((p.deleted_at, asg.deleted_at), (Some(t(12, 0)), Some(t(12, 0))));
    assert_eq!(f.ws.people.len(), 2, "tombstoned, not removed");
    assert_eq!(
        err(delete_person(&mut f.ws, &f.sam, t(12, 0), true)),
        DomainError::PersonGone
    );
    // Someone who never held a role goes without asking.
    delete_person(&mut f.ws, &f.ana, t(12, 0), false).unwrap();
}

#[test]
fn roles_validate_name_weight_and_uniqueness() {
    let mut ws = defaults::new_workspace();
    let id = add_role(
        &mut ws,
        " On-call ",
        Scope::Standing,
        1.5,
        " Carries the pager ",
        t(8, 0),
    )
    .unwrap();
    let r = assign::find_role(&ws, &id).unwrap();
    assert_eq!(
        (r.name.as_str(), r.weight, r.description.as_str()),
        ("On-call", 1.5, "Carries the pager")
    );
    assert_eq!(
        err(add_role(&mut ws, " ", Scope::Standing, 1.0, "", t(8, 0))),
        DomainError::RoleUnnamed
    );
    assert_eq!(
        err(add_role(&mut ws, "X", Scope::Standing, -1.0, "", t(8, 0))),
        DomainError::WeightInvalid
    );
    assert_eq!(
        err(add_role(&mut ws, "scribe", Scope::Incident, 1.0, "", t(8, 0))),
        DomainError::RoleNameTaken {
            name: "scribe".into()
        }
    );
    update_role(&mut ws, &id, "On call", 0.0, "", t(9, 0)).unwrap();
    let r = assign::find_role(&ws, &id).unwrap();
    assert_eq!(
        (r.name.as_str(), r.weight, r.updated_at),
        ("On call", 0.0, Some(t(9, 0)))
    );
    assert_eq!(
        err(update_role(&mut ws, &id, "Scribe", 1.0, "", t(9, 0))),
        DomainError::RoleNameTaken {
            name: "Scribe".into()
        }
    );
    assert_eq!(
        err(update_role(&mut ws, &id, "On call", f64::INFINITY, "", t(9, 0))),
        DomainError::WeightInvalid
    );
    // Keeping its own name is not a clash.
    update_role(&mut ws, SCRIBE, "Scribe", 2.0, "", t(9, 0)).unwrap();
}

#[test]
fn conflict_rules_need_two_existing_roles_and_no_duplicate_pair() {
    let mut ws = defaults::new_workspace();
    let n = ws.conflicts.len();
    assert_eq!(
        err(add_conflict_rule(&mut ws, SCRIBE, SCRIBE, "", t(8, 0))),
        DomainError::ConflictWithItself
    );
    assert_eq!(
        err(add_conflict_rule(&mut ws, SCRIBE, "juggler", "", t(8, 0))),
        DomainError::ConflictRoleUnknown
    );
    // Defaults hold incident-manager + third-line-lead; the reverse order is the same pair.
    let e = err(add_conflict_rule(
        &mut ws,
        THIRD_LINE_LEAD,
        INCIDENT_MANAGER,
        "",
        t(8, 0),
    ));
    assert_eq!(
        e,
        DomainError::AlreadyConflicting {
            a: "3rd line lead".into(),
            b: "Incident manager".into()
        }
    );
    add_conflict_rule(
        &mut ws,
        SCRIBE,
        INCIDENT_MANAGER,
        " Both need full attention ",
        t(8, 0),
    )
    .unwrap();
    assert_eq!(ws.conflicts.len(), n + 1);
    assert_eq!(ws.conflicts[n].reason, "Both need full attention");
    remove_conflict_rule(&mut ws, INCIDENT_MANAGER, SCRIBE, t(9, 0)).unwrap();
    assert_eq!(ws.conflicts[n].deleted_at, Some(t(9, 0)));
    assert_eq!(
        err(remove_conflict_rule(&mut ws, SCRIBE, INCIDENT_MANAGER, t(9, 0))),
        DomainError::NoConflictRule
    );
    // Adding the pair again revives its record instead of minting a second one with the same key.
    add_conflict_rule(&mut ws, SCRIBE, INCIDENT_MANAGER, "again", t(10, 0)).unwrap();
    assert_eq!(ws.conflicts.len(), n + 1);
    assert_eq!(
        (ws.conflicts[n].deleted_at, ws.conflicts[n].updated_at),
        (None, Some(t(10, 0)))
    );
}
