//! An incident bundle: one incident and everything it refers to, as a small workspace file to send.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::model::{Assignment, Incident, Workspace};
use super::process::Process;

pub use super::merge::{is_too_large, too_large_message, MAX_IMPORT_BYTES};

/// A valid v1 workspace holding the incident `incident_id`, its reviews, the assignments made
/// for it, the releases it and those assignments name, the assignments the incident's and
/// those releases' timeline entries start or end (a release's deploy ends its managers'
/// roles), the people and roles all of these refer to (assignees, timeline authors, action
/// owners, who moved or published a review, who decided a release's go/no-go, the roles in
/// people's skills) and the conflict rules between those roles, plus the settings, and, when
/// the team has a written process, the checklists the incident used (see [`checklists_used`]).
/// `None` if the incident is missing or deleted.
///
/// Tombstoned reviews, assignments, timeline entries and action items of the incident are
/// included, so that importing the bundle carries those deletions too; it still merges
/// cleanly because every record is a copy of the sender's.
pub fn incident_bundle(ws: &Workspace, incident_id: &str, now: DateTime<Utc>) -> Option<Workspace> {
    let incident = ws
        .incidents
        .iter()
        .find(|i| i.id == incident_id && i.deleted_at.is_none())?;
    let reviews: Vec<_> = ws
        .reviews
        .iter()
        .filter(|r| r.incident == incident_id)
        .cloned()
        .collect();
    let (assignments, release_ids) = linked_records(ws, incident);
    let releases: Vec<_> = ws
        .releases
        .iter()
        .filter(|r| release_ids.contains(r.id.as_str()))
        .cloned()
        .collect();

    let person_ids: HashSet<&str> = assignments
        .iter()
        .map(|a| a.person.as_str())
        .chain(incident.timeline.iter().filter_map(|e| e.author.as_deref()))
        .chain(
            releases
                .iter()
                .flat_map(|r| &r.timeline)
                .filter_map(|e| e.author.as_deref()),
        )
        .chain(
            reviews
                .iter()
                .flat_map(|r| &r.actions)
                .filter_map(|a| a.owner.as_deref()),
        )
        .chain(
            reviews
                .iter()
                .flat_map(|r| &r.status_log)
                .filter_map(|c| c.by.as_deref()),
        )
        .chain(reviews.iter().filter_map(|r| r.published.as_ref()?.by.as_deref()))
        .chain(releases.iter().filter_map(|r| r.go_no_go.as_ref()?.by.as_deref()))
        .collect();
    let people: Vec<_> = ws
        .people
        .iter()
        .filter(|p| person_ids.contains(p.id.as_str()))
        .cloned()
        .collect();
    let role_ids: HashSet<&str> = assignments
        .iter()
        .map(|a| a.role.as_str())
        .chain(people.iter().flat_map(|p| p.skills.iter().map(String::as_str)))
        .collect();
    let roles: Vec<_> = ws
        .roles
        .iter()
        .filter(|r| role_ids.contains(r.id.as_str()))
        .cloned()
        .collect();
    let conflicts = ws
        .conflicts
        .iter()
        .filter(|c| c.roles.iter().all(|r| role_ids.contains(r.as_str())))
        .cloned()
        .collect();

    // The roles held in the incident and in the releases that travel with it (a release's
    // managers need not be in the bundle's assignments), among those it carries.
    let held: HashSet<&str> = assignments
        .iter()
        .chain(ws.assignments.iter().filter(|a| {
            a.deleted_at.is_none() && a.release.as_deref().is_some_and(|r| release_ids.contains(r))
        }))
        .map(|a| a.role.as_str())
        .filter(|r| role_ids.contains(r))
        .collect();
    let process = ws
        .process
        .as_ref()
        .map(|p| checklists_used(p, incident, &held, !releases.is_empty()));
    Some(Workspace {
        exported_at: Some(now),
        settings: ws.settings.clone(),
        people: people.into(),
        roles: roles.into(),
        conflicts,
        assignments: assignments.into(),
        incidents: vec![incident.clone()].into(),
        releases: releases.into(),
        reviews: reviews.into(),
        process,
        ..Workspace::default()
    })
}

/// The part of the team's process the incident used: the duties and checklists of the roles
/// held in the incident and its releases (`roles`, all of them carried by the bundle), the
/// escalation steps between those roles, the policy of the
/// incident's severity, and the release checklist's steps those roles own when a release
/// travels too. Every role it names is one the bundle carries, so the bundle imports on its
/// own; the changelog stays home, as the history of the whole process, not a checklist used.
fn checklists_used(p: &Process, incident: &Incident, roles: &HashSet<&str>, with_release: bool) -> Process {
    let has = |r: &String| roles.contains(r.as_str());
    Process {
        roles: p
            .roles
            .iter()
            .filter(|r| r.deleted_at.is_none() && has(&r.role))
            .cloned()
            .collect(),
        severities: p
            .severities
            .iter()
            .filter(|s| s.deleted_at.is_none() && s.severity == incident.severity)
            .cloned()
            .collect(),
        escalation: p
            .escalation
            .iter()
            .filter(|e| e.deleted_at.is_none() && has(&e.from) && has(&e.to))
            .cloned()
            .collect(),
        release: p
            .release
            .iter()
            .filter(|s| with_release && s.deleted_at.is_none() && has(&s.owner))
            .cloned()
            .collect(),
        changelog: vec![],
        extra: p.extra.clone(),
    }
}

/// The incident's assignments and the releases to send with them, closed over what they name:
/// the releases the incident and those assignments name, and the assignments the timelines of
/// the incident and those releases start or end (which may name further releases). For a
/// file Hatrack wrote, this settles after one round.
fn linked_records<'w>(ws: &'w Workspace, incident: &'w Incident) -> (Vec<Assignment>, HashSet<&'w str>) {
    let by_id: HashMap<&str, &Assignment> = ws.assignments.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut assignment_ids: HashSet<&str> = ws
        .assignments
        .iter()
        .filter(|a| a.incident.as_deref() == Some(incident.id.as_str()))
        .map(|a| a.id.as_str())
        .collect();
    let mut release_ids: HashSet<&str> = incident.release.iter().map(String::as_str).collect();
    loop {
        let before = (assignment_ids.len(), release_ids.len());
        release_ids.extend(
            assignment_ids
                .iter()
                .filter_map(|id| by_id.get(id)?.release.as_deref()),
        );
        let timelines = std::iter::once(&incident.timeline).chain(
            ws.releases
                .iter()
                .filter(|r| release_ids.contains(r.id.as_str()))
                .map(|r| &r.timeline),
        );
        let named: Vec<&str> = timelines
            .flatten()
            .flat_map(|e| e.starts.iter().chain(&e.ends))
            .filter_map(|id| by_id.get(id.as_str()).map(|a| a.id.as_str()))
            .collect();
        assignment_ids.extend(named);
        if (assignment_ids.len(), release_ids.len()) == before {
            break;
        }
    }
    let assignments = ws
        .assignments
        .iter()
        .filter(|a| assignment_ids.contains(a.id.as_str()))
        .cloned()
        .collect();
    (assignments, release_ids)
}
