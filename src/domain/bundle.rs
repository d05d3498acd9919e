//! An incident bundle: one incident and everything it refers to, as a small workspace file to send.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::model::Workspace;

pub use super::merge::{is_too_large, too_large_message, MAX_IMPORT_BYTES};

/// A valid v1 workspace holding the incident `incident_id`, its reviews, the assignments made
/// for it, the releases it and those assignments name, the people and roles all of these refer
/// to (assignees, timeline authors, action owners, who moved or published a review, the roles
/// in people's skills) and the conflict rules between those roles, plus the settings. `None`
/// if the incident is missing or deleted.
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
    let assignments: Vec<_> = ws
        .assignments
        .iter()
        .filter(|a| a.incident.as_deref() == Some(incident_id))
        .cloned()
        .collect();

    let release_ids: HashSet<&str> = incident
        .release
        .iter()
        .chain(assignments.iter().filter_map(|a| a.release.as_ref()))
        .map(String::as_str)
        .collect();
    let person_ids: HashSet<&str> = assignments
        .iter()
        .map(|a| a.person.as_str())
        .chain(incident.timeline.iter().filter_map(|e| e.author.as_deref()))
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
    let releases = ws
        .releases
        .iter()
        .filter(|r| release_ids.contains(r.id.as_str()))
        .cloned()
        .collect();

    Some(Workspace {
        exported_at: Some(now),
        settings: ws.settings.clone(),
        people,
        roles,
        conflicts,
        assignments,
        incidents: vec![incident.clone()],
        releases,
        reviews,
        ..Workspace::default()
    })
}
