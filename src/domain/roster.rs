//! What the People page lists, decided here so host tests reach it: roster entries, standing
//! holders, the role catalogue and the conflict rules, each with names resolved and in the
//! order the page shows them. The view keeps the wiring and markup.

use crate::domain::order;
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::assign::{self, Link};
use super::refusal::DomainError;
use super::text::number;
use super::{Scope, Workspace};

/// Reads a number field the way people type it; `Ok(None)` when left empty.
pub fn read_number(s: &str, invalid: DomainError) -> Result<Option<f64>, DomainError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.replace(',', ".").parse::<f64>().map(Some).map_err(|_| invalid)
}

/// The live roles as (id, name), for pickers and skill checkboxes.
pub fn live_roles(ws: &Workspace) -> Vec<(String, String)> {
    ws.roles
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect()
}

/// Everything one roster entry shows; a change to any of it re-renders that entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub timezone: Option<String>,
    pub skill_ids: Vec<String>,
    pub skills: Vec<String>,
    pub capacity: Option<String>,
    pub active: bool,
    pub held_total: usize,
    pub holds_now: Vec<String>,
}

impl PersonRow {
    /// "Capacity 2.5", or that the team's default applies.
    pub fn capacity_line(&self) -> String {
        match &self.capacity {
            Some(c) => format!("Capacity {c}"),
            None => "Capacity: team default".to_string(),
        }
    }

    /// "Holds now: Committee chair", when they hold something now.
    pub fn holds_line(&self) -> Option<String> {
        (!self.holds_now.is_empty()).then(|| format!("Holds now: {}", self.holds_now.join(", ")))
    }
}

pub fn person_rows(ws: &Workspace, now: DateTime<Utc>) -> Vec<PersonRow> {
    let mut total: HashMap<&str, usize> = HashMap::new();
    let mut holding: HashMap<&str, Vec<String>> = HashMap::new();
    for a in ws.assignments.iter().filter(|a| a.deleted_at.is_none()) {
        *total.entry(a.person.as_str()).or_default() += 1;
        if a.holds_at(now) {
            holding
                .entry(a.person.as_str())
                .or_default()
                .push(assign::role_name(ws, &a.role));
        }
    }
    let mut rows: Vec<PersonRow> = ws
        .people
        .iter()
        .filter(|p| p.deleted_at.is_none())
        .map(|p| PersonRow {
            id: p.id.clone(),
            name: p.name.clone(),
            timezone: p.timezone.clone(),
            skill_ids: p.skills.clone(),
            skills: p.skills.iter().map(|s| assign::role_name(ws, s)).collect(),
            capacity: p.capacity.map(number),
            active: p.active,
            held_total: total.get(p.id.as_str()).copied().unwrap_or(0),
            holds_now: holding.remove(p.id.as_str()).unwrap_or_default(),
        })
        .collect();
    order::sort_by_key(&mut rows, |r| r.name.to_lowercase());
    rows
}

/// Whether a roster search (already lower-cased) finds this entry, by name or skill.
pub fn matches(r: &PersonRow, q: &str) -> bool {
    q.is_empty() || r.name.to_lowercase().contains(q) || r.skills.iter().any(|s| s.to_lowercase().contains(q))
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
/// One standing assignment as the People page lists it, with names resolved.
pub struct Held {
    pub id: String,
    pub person: String,
    pub role: String,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
}

/// Live standing assignments: (not yet ended, ended most recent first).
pub fn standing(ws: &Workspace, now: DateTime<Utc>) -> (Vec<Held>, Vec<Held>) {
    let (mut open, mut ended): (Vec<Held>, Vec<Held>) = ws
        .assignments
        .iter()
        .filter(|a| a.deleted_at.is_none() && Link::of(a) == Link::Standing)
        .map(|a| Held {
            id: a.id.clone(),
            person: assign::person_name(ws, &a.person),
            role: assign::role_name(ws, &a.role),
            start: a.start,
            end: a.end,
        })
        .partition(|h| h.end.is_none_or(|e| e > now));
    order::sort_by(&mut open, |a, b| a.role.cmp(&b.role).then(a.start.cmp(&b.start)));
    order::sort_by(&mut ended, |a, b| b.end.cmp(&a.end).then(b.start.cmp(&a.start)));
    (open, ended)
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
/// One role of the catalogue with its weight in words and how many people can take it.
pub struct RoleRow {
    pub id: String,
    pub name: String,
    pub scope: Scope,
    pub weight: String,
    pub description: String,
    pub skilled: usize,
    /// Held by one person at a time within its incident.
    pub one: bool,
}

/// The live roles, in catalogue order.
pub fn role_rows(ws: &Workspace) -> Vec<RoleRow> {
    ws.roles
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .map(|r| RoleRow {
            id: r.id.clone(),
            name: r.name.clone(),
            scope: r.scope,
            weight: number(r.weight),
            description: r.description.clone(),
            one: r.scope == Scope::Incident && r.takes_one(),
            skilled: ws
                .people
                .iter()
                .filter(|p| p.deleted_at.is_none() && p.skills.contains(&r.id))
                .count(),
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
/// One separation-of-duty rule with both role names.
pub struct RuleRow {
    pub a: String,
    pub b: String,
    pub a_name: String,
    pub b_name: String,
    pub reason: String,
}

impl RuleRow {
    /// The rule's identity: its pair of roles (rules have no id).
    pub fn pair(&self) -> (String, String) {
        (self.a.clone(), self.b.clone())
    }

    /// "Incident manager × Release manager": the rule as the page names it.
    pub fn label(&self) -> String {
        format!("{} × {}", self.a_name, self.b_name)
    }
}

/// The live conflict rules, in the order they were written.
pub fn rule_rows(ws: &Workspace) -> Vec<RuleRow> {
    ws.conflicts
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| RuleRow {
            a: c.roles[0].clone(),
            b: c.roles[1].clone(),
            a_name: assign::role_name(ws, &c.roles[0]),
            b_name: assign::role_name(ws, &c.roles[1]),
            reason: c.reason.clone(),
        })
        .collect()
}

/// An active person as the role pickers show them.
#[derive(Clone, Debug, PartialEq)]
pub struct Pick {
    pub id: String,
    pub name: String,
    pub skills: Vec<String>,
    pub load: f64,
    pub capacity: f64,
}

/// Every active person with their load now, by name.
pub fn picks(ws: &Workspace, now: DateTime<Utc>) -> Vec<Pick> {
    let mut out: Vec<Pick> = super::load::snapshot(ws, now)
        .into_iter()
        .map(|p| Pick {
            skills: assign::find_person(ws, &p.person_id)
                .map(|x| x.skills.clone())
                .unwrap_or_default(),
            id: p.person_id,
            name: p.name,
            load: p.total,
            capacity: p.capacity,
        })
        .collect();
    order::sort_by(&mut out, |a, b| a.name.cmp(&b.name));
    out
}

/// What giving `person` a role would mean, said before it is given: load and conflicts, their
/// name, and notes from their away periods. Nothing is ever blocked.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub assessment: super::load::Assessment,
    pub name: String,
    pub notes: Vec<String>,
}

impl Check {
    /// Something to read first: a conflict, going over capacity, or a note.
    pub fn needs_reading(&self) -> bool {
        !self.assessment.is_fine() || !self.notes.is_empty()
    }

    /// The warning in one sentence, for the page's status region.
    pub fn summary(&self, role_name: &str) -> String {
        let a = &self.assessment;
        let mut what: Vec<String> = a
            .conflicts
            .iter()
            .map(|c| format!("conflicts with {}", c.role_name))
            .collect();
        if a.over_capacity {
            what.push(format!(
                "load would be {} of {}",
                number(a.load_after),
                number(a.capacity)
            ));
        }
        what.extend(self.notes.iter().cloned());
        format!(
            "Check first: before {} takes {role_name}: {}.",
            self.name,
            what.join("; ").trim_end_matches('.')
        )
    }
}

/// The check of giving `role_id` to `person_id` at `at`.
pub fn check_pick(
    ws: &Workspace,
    person_id: &str,
    role_id: &str,
    zones: &dyn super::zones::Zones,
    at: DateTime<Utc>,
) -> Check {
    checked(
        ws,
        person_id,
        super::load::assess(ws, person_id, role_id, at),
        zones,
        at,
    )
}

/// A [`Check`] around an assessment made elsewhere (a release's two managers are assessed
/// together).
pub fn checked(
    ws: &Workspace,
    person_id: &str,
    assessment: super::load::Assessment,
    zones: &dyn super::zones::Zones,
    at: DateTime<Utc>,
) -> Check {
    Check {
        assessment,
        name: assign::person_name(ws, person_id),
        notes: super::away::before_assigning(ws, person_id, zones, at),
    }
}
