//! An incident bundle carries the checklists the incident used, and only what it can stand on:
//! every role its process names is a role the bundle carries, so it imports on its own.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use hatrack::domain::bundle::incident_bundle;
use hatrack::domain::defaults::{COMMS_LEAD, INCIDENT_MANAGER, RELEASE_MANAGER, THIRD_LINE_LEAD};
use hatrack::domain::example::{self, LIVE_INCIDENT, RECENT_RELEASE};
use hatrack::domain::people::add_role;
use hatrack::domain::process::{default_process, Change};
use hatrack::domain::{Extra, Scope, Severity, Workspace};

fn now() -> DateTime<Utc> {
    "2026-11-28T12:00:00Z".parse().unwrap()
}

/// The example team with the built-in process, a changelog line, and a role nobody in the live
/// incident holds or has as a skill (a vendor liaison) with duties, an escalation step and a
/// release step of its own; Mei (comms lead) taken off the live incident.
fn team() -> Workspace {
    let mut ws = example::example_team(now());
    let liaison = add_role(&mut ws, "Vendor liaison", Scope::Incident, 1.0, "", now()).unwrap();
    let mut p = default_process();
    let mut own = p.roles[0].clone();
    own.role = liaison.clone();
    own.checklist.clear();
    p.roles.push(own);
    let mut up = p.escalation[0].clone();
    (up.from, up.to) = (liaison.clone(), INCIDENT_MANAGER.into());
    p.escalation.push(up);
    let mut step = p.release[0].clone();
    (step.id, step.owner) = ("rel-vendor".into(), liaison);
    p.release.push(step);
    p.changelog.push(Change {
        id: "c-1".into(),
        at: now(),
        text: "Took up the built-in process".into(),
        by: Some("p-priya".into()),
        extra: Extra::new(),
    });
    ws.process = Some(p);
    ws.assignments
        .retain(|a| !(a.incident.as_deref() == Some(LIVE_INCIDENT) && a.role == COMMS_LEAD));
    ws
}

fn reimport(b: &Workspace) -> Workspace {
    match Workspace::from_json(&b.to_json()) {
        Ok(back) => back,
        Err(e) => panic!("the bundle does not import on its own:\n{e}"),
    }
}

#[test]
fn a_bundle_carries_the_checklists_of_the_roles_it_carries_and_nothing_it_cannot_resolve() {
    let ws = team();
    let b = incident_bundle(&ws, LIVE_INCIDENT, now()).unwrap();
    let p = b
        .process
        .as_ref()
        .expect("the team has a process, so the bundle carries its part");
    let carried: BTreeSet<&str> = b.roles.iter().map(|r| r.id.as_str()).collect();

    // The duties and checklists of the roles it carries (held in the incident and its release,
    // or people's skills), each whole; none of a role it does not carry.
    let with_process: BTreeSet<&str> = p.roles.iter().map(|r| r.role.as_str()).collect();
    assert!(with_process.is_subset(&carried), "{with_process:?} ⊄ {carried:?}");
    assert!(with_process.contains(INCIDENT_MANAGER) && with_process.contains(RELEASE_MANAGER));
    let known: BTreeSet<&str> = ws.roles.iter().map(|r| r.id.as_str()).collect();
    assert!(
        known.len() > carried.len(),
        "the team has roles the bundle leaves home"
    );
    let im = |w: &Workspace| {
        w.process
            .as_ref()
            .unwrap()
            .roles
            .iter()
            .find(|r| r.role == INCIDENT_MANAGER)
            .cloned()
    };
    assert_eq!(im(&b), im(&ws));

    // The policy of its severity alone.
    let sevs: Vec<Severity> = p.severities.iter().map(|s| s.severity).collect();
    assert_eq!(sevs, vec![Severity::Sev2]);

    // Escalation between roles it carries: 3rd line → incident manager, not 1st → 2nd line.
    let steps: Vec<(&str, &str)> = p
        .escalation
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    assert!(steps.contains(&(THIRD_LINE_LEAD, INCIDENT_MANAGER)), "{steps:?}");
    // The release checklist steps its release's managers own; the changelog stays home.
    assert!(!p.release.is_empty());
    assert!(p.changelog.is_empty());

    // Every role the process names is in the bundle; the importer agrees.
    let named = p
        .roles
        .iter()
        .map(|r| &r.role)
        .chain(p.escalation.iter().flat_map(|e| [&e.from, &e.to]))
        .chain(p.release.iter().map(|s| &s.owner));
    for r in named {
        assert!(carried.contains(r.as_str()), "{r} is named but not carried");
    }
    assert_eq!(reimport(&b), b);
}

#[test]
fn a_bundle_without_a_release_carries_no_release_steps() {
    let mut ws = team();
    ws.incidents.iter_mut().for_each(|i| i.release = None);
    ws.assignments.retain(|a| a.release.is_none());
    let b = incident_bundle(&ws, LIVE_INCIDENT, now()).unwrap();
    assert!(b.releases.is_empty());
    assert!(b.process.as_ref().unwrap().release.is_empty());
    reimport(&b);
}

#[test]
fn a_team_without_a_process_sends_none() {
    let mut ws = team();
    ws.process = None;
    let b = incident_bundle(&ws, LIVE_INCIDENT, now()).unwrap();
    assert_eq!(b.process, None);
    reimport(&b);
}

#[test]
fn the_steps_its_timeline_ticks_travel_as_they_are() {
    let mut ws = team();
    let i = ws.incidents.iter_mut().find(|i| i.id == LIVE_INCIDENT).unwrap();
    i.timeline[0].step = Some("comms-first".into());
    // A step since removed from the process: the tick is kept all the same.
    i.timeline[1].step = Some("an-old-step".into());
    let b = incident_bundle(&ws, LIVE_INCIDENT, now()).unwrap();
    let ticks: Vec<Option<&str>> = b.incidents[0].timeline[..2]
        .iter()
        .map(|e| e.step.as_deref())
        .collect();
    assert_eq!(ticks, vec![Some("comms-first"), Some("an-old-step")]);
    let back = reimport(&b);
    assert_eq!(back.incidents[0].timeline[0].step.as_deref(), Some("comms-first"));
}

#[test]
fn whoever_decided_its_release_s_go_travels_with_it() {
    let mut ws = team();
    let r = ws.releases.iter_mut().find(|r| r.id == RECENT_RELEASE).unwrap();
    let go = r
        .go_no_go
        .as_mut()
        .expect("the example's release had its go recorded");
    go.by = Some("p-priya".into());
    let b = incident_bundle(&ws, LIVE_INCIDENT, now()).unwrap();
    assert!(b.people.iter().any(|p| p.id == "p-priya"));
    reimport(&b);
}
