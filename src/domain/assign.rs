//! Who holds which role, linked to what: assigning, ending and handing over, never blocking.

use crate::domain::order;
use chrono::{DateTime, Utc};

use super::model::{new_id, Assignment, Extra, Incident, Person, Release, Role, Scope, Workspace};
use super::refusal::TimeOf;
use super::times;

/// Refusals live in [`super::refusal`]; writers and views have always found them here.
pub use super::refusal::{DomainError, DomainResult};

/// What an assignment is held within; must match the role's scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Link {
    Standing,
    Incident(String),
    Release(String),
}

impl Link {
    /// The link an existing assignment carries (an incident wins if a file set both).
    pub fn of(a: &Assignment) -> Link {
        match (&a.incident, &a.release) {
            (Some(i), _) => Link::Incident(i.clone()),
            (None, Some(r)) => Link::Release(r.clone()),
            (None, None) => Link::Standing,
        }
    }
    pub fn scope(&self) -> Scope {
        match self {
            Link::Standing => Scope::Standing,
            Link::Incident(_) => Scope::Incident,
            Link::Release(_) => Scope::Release,
        }
    }
}

pub fn find_person<'a>(ws: &'a Workspace, id: &str) -> Option<&'a Person> {
    ws.people.iter().find(|p| p.id == id && p.deleted_at.is_none())
}
pub fn find_role<'a>(ws: &'a Workspace, id: &str) -> Option<&'a Role> {
    ws.roles.iter().find(|r| r.id == id && r.deleted_at.is_none())
}
pub fn find_incident<'a>(ws: &'a Workspace, id: &str) -> Option<&'a Incident> {
    ws.incidents.iter().find(|i| i.id == id && i.deleted_at.is_none())
}
pub fn find_release<'a>(ws: &'a Workspace, id: &str) -> Option<&'a Release> {
    ws.releases.iter().find(|r| r.id == id && r.deleted_at.is_none())
}
pub fn find_assignment<'a>(ws: &'a Workspace, id: &str) -> Option<&'a Assignment> {
    ws.assignments
        .iter()
        .find(|a| a.id == id && a.deleted_at.is_none())
}

/// A person's name for sentences and timeline text; the id if they are gone.
pub fn person_name(ws: &Workspace, id: &str) -> String {
    ws.people
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// A role's name for sentences and timeline text; the id if it is gone.
pub fn role_name(ws: &Workspace, id: &str) -> String {
    ws.roles
        .iter()
        .find(|r| r.id == id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

fn assignment_mut<'a>(ws: &'a mut Workspace, id: &str) -> DomainResult<&'a mut Assignment> {
    match ws
        .assignments
        .iter_mut()
        .find(|a| a.id == id && a.deleted_at.is_none())
    {
        Some(a) => Ok(a),
        None => Err(DomainError::AssignmentGone),
    }
}

/// The person must exist and be active to take on a role.
fn check_assignable(ws: &Workspace, person_id: &str) -> DomainResult<()> {
    match find_person(ws, person_id) {
        None => Err(DomainError::PersonNotFound),
        Some(p) if !p.active => Err(DomainError::Inactive { name: p.name.clone() }),
        Some(_) => Ok(()),
    }
}

/// Gives `person_id` the role from `start`. Conflicts and overload are warnings shown
/// elsewhere, never a reason to refuse: in an incident the team decides, not the tool.
pub fn assign(
    ws: &mut Workspace,
    person_id: &str,
    role_id: &str,
    link: Link,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    check_assignable(ws, person_id)?;
    let Some(role) = find_role(ws, role_id) else {
        return Err(DomainError::RoleNotInCatalogue);
    };
    if role.scope != link.scope() {
        return Err(DomainError::WrongScope {
            role: role.name.clone(),
            scope: role.scope,
        });
    }
    let (incident, release) = match &link {
        Link::Standing => (None, None),
        Link::Incident(id) => {
            if find_incident(ws, id).is_none() {
                return Err(DomainError::IncidentGone);
            }
            (Some(id.clone()), None)
        }
        Link::Release(id) => {
            if find_release(ws, id).is_none() {
                return Err(DomainError::ReleaseGone);
            }
            (None, Some(id.clone()))
        }
    };
    // A standing turn may be planned ahead (a rota); a role in an incident or a release is an
    // event, recorded when it happened.
    if link != Link::Standing {
        times::not_future(start, now, TimeOf::RoleStart)?;
    }
    if let Some(inc) = incident.as_deref().and_then(|id| find_incident(ws, id)) {
        if start < inc.started_at {
            return Err(DomainError::RoleBeforeIncident {
                started: inc.started_at,
            });
        }
        if let Some(r) = inc.resolved_at.filter(|r| start >= *r) {
            return Err(DomainError::RoleAfterResolution { resolved: r });
        }
    }
    let a = Assignment {
        id: new_id("a"),
        person: person_id.to_string(),
        role: role_id.to_string(),
        start,
        end: None,
        incident,
        release,
        updated_at: Some(now),
        deleted_at: None,
        extra: Extra::new(),
    };
    times::check_no_overlap(ws, &a)?;
    let id = a.id.clone();
    ws.assignments.push(a);
    Ok(id)
}

/// Ends an assignment at `at` (exclusive): the person no longer holds the role from `at` on.
pub fn end_assignment(
    ws: &mut Workspace,
    assignment_id: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    times::not_future(at, now, TimeOf::RoleEnd)?;
    let a = assignment_mut(ws, assignment_id)?;
    if let Some(end) = a.end {
        if end <= at {
            return Err(DomainError::AlreadyEnded);
        }
    }
    if at < a.start {
        return Err(DomainError::EndBeforeStart { start: a.start });
    }
    a.end = Some(at);
    a.updated_at = Some(now);
    Ok(())
}

/// Ends the assignment at `at` and starts the same role and link for `to_person` at the
/// same instant, so the role is never unheld and never held twice.
pub fn handover(
    ws: &mut Workspace,
    assignment_id: &str,
    to_person: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    times::not_future(at, now, TimeOf::Handover)?;
    let Some(old) = find_assignment(ws, assignment_id) else {
        return Err(DomainError::AssignmentGone);
    };
    if !old.holds_at(at) {
        return Err(DomainError::NotHeldThen {
            person: person_name(ws, &old.person),
            role: role_name(ws, &old.role),
        });
    }
    if old.person == to_person {
        return Err(DomainError::HandoverToHolder {
            person: person_name(ws, to_person),
            role: role_name(ws, &old.role),
        });
    }
    // Checked before ending the old assignment so a refused handover changes nothing.
    check_assignable(ws, to_person)?;
    let (role, link) = (old.role.clone(), Link::of(old));
    let new = assign(ws, to_person, &role, link, at, now)?;
    end_assignment(ws, assignment_id, at, now)?;
    Ok(new)
}

/// Who holds `role_id` within `link` at `t`, earliest start first.
pub fn current_holders<'a>(
    ws: &'a Workspace,
    role_id: &str,
    link: &Link,
    t: DateTime<Utc>,
) -> Vec<&'a Assignment> {
    let mut holders: Vec<&Assignment> = ws
        .assignments
        .iter()
        .filter(|a| a.role == role_id && a.holds_at(t) && Link::of(a) == *link)
        .collect();
    order::sort_by_key(&mut holders, |a| a.start);
    holders
}

/// Moves the start of each assignment in `starts` and the end of each in `ends` to `at`: the
/// record behind a role entry follows the entry when its time is corrected. All or nothing:
/// an end before its start or a role held twice at once refuses the whole move.
pub fn move_edges(
    ws: &mut Workspace,
    starts: &[String],
    ends: &[String],
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    times::not_future(at, now, TimeOf::Move)?;
    let mut moved: Vec<Assignment> = Vec::new();
    for id in starts.iter().chain(ends) {
        if moved.iter().any(|a| &a.id == id) {
            continue;
        }
        // A tombstoned assignment no longer counts anywhere; there is nothing to move.
        if let Some(a) = find_assignment(ws, id) {
            moved.push(a.clone());
        }
    }
    for a in &mut moved {
        if starts.contains(&a.id) {
            a.start = at;
        }
        if ends.contains(&a.id) {
            a.end = Some(at);
        }
        if let Some(end) = a.end.filter(|e| *e < a.start) {
            return Err(DomainError::MoveEndsBeforeStart {
                person: person_name(ws, &a.person),
                role: role_name(ws, &a.role),
                end,
                start: a.start,
            });
        }
        if let Some(inc) = a.incident.as_deref().and_then(|id| find_incident(ws, id)) {
            if a.start < inc.started_at {
                return Err(DomainError::MoveBeforeIncident {
                    started: inc.started_at,
                    person: person_name(ws, &a.person),
                    role: role_name(ws, &a.role),
                });
            }
        }
    }
    let mut sim = ws.clone();
    for a in &moved {
        if let Some(slot) = sim.assignments.iter_mut().find(|x| x.id == a.id) {
            *slot = a.clone().into();
        }
    }
    for a in &moved {
        times::check_no_overlap(&sim, a)?;
    }
    for mut a in moved {
        a.updated_at = Some(now);
        if let Some(slot) = ws.assignments.iter_mut().find(|x| x.id == a.id) {
            *slot = a.into();
        }
    }
    Ok(())
}
