//! The release log: recording releases, their managers, and which incidents followed them.

use chrono::{DateTime, Duration, Utc};

use super::assign::{self, find_incident, find_release, refuse, DomainResult, Link};
use super::defaults::{DEPLOYMENT_MANAGER, RELEASE_MANAGER};
use super::load::{self, Assessment};
use super::model::{new_id, Extra, Incident, Release, ReleaseStatus, Severity, Status, Workspace};

/// How long after a deploy an incident that started is shown as possibly caused by it.
pub const SUSPECT_WINDOW_HOURS: i64 = 24;

fn suspect_window() -> Duration {
    Duration::hours(SUSPECT_WINDOW_HOURS)
}

/// Checks a release form and returns the cleaned name.
fn check_fields(
    ws: &Workspace,
    except: Option<&str>,
    name: &str,
    status: ReleaseStatus,
    planned_start: Option<DateTime<Utc>>,
    planned_end: Option<DateTime<Utc>>,
    deployed_at: Option<DateTime<Utc>>,
) -> DomainResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return refuse("Give the release a name, such as its version number.");
    }
    let taken = ws
        .releases
        .iter()
        .any(|r| r.deleted_at.is_none() && Some(r.id.as_str()) != except && r.name == name);
    if taken {
        return refuse(format!("A release named {name} is already in the log."));
    }
    if let (Some(s), Some(e)) = (planned_start, planned_end) {
        if e < s {
            return refuse("The planned end is before the planned start.");
        }
    }
    if status == ReleaseStatus::Deployed && deployed_at.is_none() {
        return refuse("Say when it was deployed; the deploy time links incidents to the release.");
    }
    if matches!(status, ReleaseStatus::Planned | ReleaseStatus::Cancelled) && deployed_at.is_some() {
        return refuse(format!(
            "A {} release has not been deployed; clear the deploy time or change the status.",
            status.label().to_lowercase()
        ));
    }
    Ok(name.to_string())
}

#[allow(clippy::too_many_arguments)] // mirrors the release form field for field
pub fn record_release(
    ws: &mut Workspace,
    name: &str,
    status: ReleaseStatus,
    planned_start: Option<DateTime<Utc>>,
    planned_end: Option<DateTime<Utc>>,
    deployed_at: Option<DateTime<Utc>>,
    notes: &str,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    let name = check_fields(ws, None, name, status, planned_start, planned_end, deployed_at)?;
    let id = new_id("r");
    ws.releases.push(Release {
        id: id.clone(),
        name,
        status,
        planned_start,
        planned_end,
        deployed_at,
        notes: notes.trim().to_string(),
        updated_at: Some(now),
        deleted_at: None,
        extra: Extra::new(),
    });
    Ok(id)
}

#[allow(clippy::too_many_arguments)] // mirrors the release form field for field
pub fn update_release(
    ws: &mut Workspace,
    id: &str,
    name: &str,
    status: ReleaseStatus,
    planned_start: Option<DateTime<Utc>>,
    planned_end: Option<DateTime<Utc>>,
    deployed_at: Option<DateTime<Utc>>,
    notes: &str,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let name = check_fields(
        ws,
        Some(id),
        name,
        status,
        planned_start,
        planned_end,
        deployed_at,
    )?;
    let Some(r) = ws
        .releases
        .iter_mut()
        .find(|r| r.id == id && r.deleted_at.is_none())
    else {
        return refuse("That release no longer exists; it may have been deleted elsewhere.");
    };
    r.name = name;
    r.status = status;
    r.planned_start = planned_start;
    r.planned_end = planned_end;
    r.deployed_at = deployed_at;
    r.notes = notes.trim().to_string();
    r.updated_at = Some(now);
    Ok(())
}

/// Gives the release-scoped role to `person` from now; whoever held it hands it over.
fn set_manager(
    ws: &mut Workspace,
    release_id: &str,
    role: &str,
    person: &str,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    if find_release(ws, release_id).is_none() {
        return refuse("That release no longer exists; it may have been deleted elsewhere.");
    }
    let link = Link::Release(release_id.to_string());
    let holders: Vec<(String, String)> = assign::current_holders(ws, role, &link, now)
        .iter()
        .map(|a| (a.id.clone(), a.person.clone()))
        .collect();
    match holders.first() {
        Some((_, holder)) if holder == person => refuse(format!(
            "{} is already {} for this release.",
            assign::person_name(ws, person),
            assign::role_name(ws, role)
        )),
        Some((held, _)) => {
            let new = assign::handover(ws, held, person, now, now)?;
            // One manager per release: any extra holders (from a merge, say) step down too.
            for (extra, _) in &holders[1..] {
                assign::end_assignment(ws, extra, now, now)?;
            }
            Ok(new)
        }
        None => assign::assign(ws, person, role, link, now, now),
    }
}

pub fn set_release_manager(
    ws: &mut Workspace,
    release_id: &str,
    person: &str,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    set_manager(ws, release_id, RELEASE_MANAGER, person, now)
}

pub fn set_deployment_manager(
    ws: &mut Workspace,
    release_id: &str,
    person: &str,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    set_manager(ws, release_id, DEPLOYMENT_MANAGER, person, now)
}

/// Links an incident to the release suspected of causing it, or unlinks it with `None`.
pub fn link_incident(
    ws: &mut Workspace,
    incident_id: &str,
    release_id: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    if let Some(r) = release_id {
        if find_release(ws, r).is_none() {
            return refuse("That release is not in the release log.");
        }
    }
    let Some(incident) = ws
        .incidents
        .iter_mut()
        .find(|i| i.id == incident_id && i.deleted_at.is_none())
    else {
        return refuse("That incident no longer exists; it may have been deleted elsewhere.");
    };
    incident.release = release_id.map(str::to_string);
    incident.updated_at = Some(now);
    Ok(())
}

/// Incidents linked to the release, and the other incidents that started within 24 hours
/// after it was deployed (suspects not yet linked), each list earliest first.
pub fn release_incidents<'a>(ws: &'a Workspace, release_id: &str) -> (Vec<&'a Incident>, Vec<&'a Incident>) {
    let live = || ws.incidents.iter().filter(|i| i.deleted_at.is_none());
    let mut linked: Vec<&Incident> = live()
        .filter(|i| i.release.as_deref() == Some(release_id))
        .collect();
    let deployed = find_release(ws, release_id).and_then(|r| r.deployed_at);
    let mut suspects: Vec<&Incident> = match deployed {
        Some(d) => live()
            .filter(|i| i.release.as_deref() != Some(release_id))
            .filter(|i| i.started_at >= d && i.started_at - d <= suspect_window())
            .collect(),
        None => vec![],
    };
    linked.sort_by_key(|i| i.started_at);
    suspects.sort_by_key(|i| i.started_at);
    (linked, suspects)
}

/// One thing on the release-and-incident calendar.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Placed at its deploy time, or its planned start if not deployed.
    Release {
        id: String,
        name: String,
        status: ReleaseStatus,
        at: DateTime<Utc>,
    },
    /// Placed at its start.
    Incident {
        id: String,
        title: String,
        severity: Severity,
        status: Status,
        at: DateTime<Utc>,
        resolved_at: Option<DateTime<Utc>>,
    },
}

impl Event {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Event::Release { at, .. } | Event::Incident { at, .. } => *at,
        }
    }
}

/// Releases and incidents placed in `[from, to)`, in time order.
pub fn timeline_events(ws: &Workspace, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Event> {
    let releases = ws
        .releases
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .filter_map(|r| {
            r.deployed_at.or(r.planned_start).map(|at| Event::Release {
                id: r.id.clone(),
                name: r.name.clone(),
                status: r.status,
                at,
            })
        });
    let incidents = ws
        .incidents
        .iter()
        .filter(|i| i.deleted_at.is_none())
        .map(|i| Event::Incident {
            id: i.id.clone(),
            title: i.title.clone(),
            severity: i.severity,
            status: i.status,
            at: i.started_at,
            resolved_at: i.resolved_at,
        });
    let mut events: Vec<Event> = releases
        .chain(incidents)
        .filter(|e| e.at() >= from && e.at() < to)
        .collect();
    events.sort_by_key(Event::at);
    events
}

/// The deploy an incident followed: its linked release if that was deployed before it
/// started, otherwise the latest deploy in the 24 hours before it started.
pub fn after_deploy<'a>(ws: &'a Workspace, incident: &Incident) -> Option<(&'a Release, Duration)> {
    let before = |r: &&Release| r.deployed_at.is_some_and(|d| d <= incident.started_at);
    let linked = incident
        .release
        .as_deref()
        .and_then(|id| find_release(ws, id))
        .filter(before);
    let release = linked.or_else(|| {
        ws.releases
            .iter()
            .filter(|r| r.deleted_at.is_none())
            .filter(before)
            .filter(|r| {
                r.deployed_at
                    .is_some_and(|d| incident.started_at - d <= suspect_window())
            })
            .max_by_key(|r| r.deployed_at)
    })?;
    let deployed = release.deployed_at?;
    Some((release, incident.started_at - deployed))
}

/// `after_deploy` for an incident by id.
pub fn after_deploy_of<'a>(ws: &'a Workspace, incident_id: &str) -> Option<(&'a Release, Duration)> {
    after_deploy(ws, find_incident(ws, incident_id)?)
}

/// What `load::assess` says about each manager picked on the release form, judged as if the
/// other pick were already made, so one person as both trips the release × deployment rule
/// before anything is saved. `release_id` is `None` for a release not recorded yet. A pick
/// that is already the current holder needs no assessment and gives `None`.
pub fn assess_managers(
    ws: &Workspace,
    release_id: Option<&str>,
    release_manager: Option<&str>,
    deployment_manager: Option<&str>,
    now: DateTime<Utc>,
) -> (Option<Assessment>, Option<Assessment>) {
    let mut sim = ws.clone();
    let id = match release_id.filter(|id| find_release(ws, id).is_some()) {
        Some(id) => id.to_string(),
        None => {
            let id = new_id("r");
            sim.releases.push(Release {
                id: id.clone(),
                name: String::new(),
                status: ReleaseStatus::Planned,
                planned_start: None,
                planned_end: None,
                deployed_at: None,
                notes: String::new(),
                updated_at: None,
                deleted_at: None,
                extra: Extra::new(),
            });
            id
        }
    };
    let link = Link::Release(id.clone());
    let holds = |ws: &Workspace, role: &str, person: &str| {
        assign::current_holders(ws, role, &link, now)
            .iter()
            .any(|a| a.person == person)
    };
    let judge = |role: &str, person: Option<&str>, other_role: &str, other: Option<&str>| {
        let person = person.filter(|p| !holds(&sim, role, p))?;
        let mut with_other = sim.clone();
        if let Some(o) = other {
            // A refused pick (inactive, say) is reported when saving; judge without it.
            let _ = set_manager(&mut with_other, &id, other_role, o, now);
        }
        Some(load::assess(&with_other, person, role, now))
    };
    (
        judge(
            RELEASE_MANAGER,
            release_manager,
            DEPLOYMENT_MANAGER,
            deployment_manager,
        ),
        judge(
            DEPLOYMENT_MANAGER,
            deployment_manager,
            RELEASE_MANAGER,
            release_manager,
        ),
    )
}
