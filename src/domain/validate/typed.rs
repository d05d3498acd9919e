//! Import's fast path: FORMAT.md's rules checked on a workspace already read into the model.
//!
//! The model's deserializers hold every value to FORMAT.md's types (`record`); what is left are
//! the rules a single value cannot show: ids present and unique, references that resolve, an
//! assignment's link to its role's scope and its end after its start, numbers of 0 or more, a
//! published record only on a published review. This pass only answers yes or no: on a no, import
//! reads the file again with the walk in `validate`, which names every problem with its path, so
//! a rule here may be stricter than the walk (never looser) without changing what a person sees.

use std::collections::{HashMap, HashSet};

use crate::domain::model::{
    Incident, Release, ReviewStatus, Scope, Settings, TimelineEntry, Workspace, FORMAT_NAME, FORMAT_VERSION,
};
use crate::domain::process::Process;
use crate::domain::rota;

/// True when `ws` breaks none of the rules the walk checks.
pub(super) fn follows_the_rules(ws: &Workspace) -> bool {
    ws.format == FORMAT_NAME && ws.version == FORMAT_VERSION && settings(&ws.settings) && records(ws)
}

fn at_least_zero(n: f64) -> bool {
    n >= 0.0
}

fn settings(s: &Settings) -> bool {
    at_least_zero(s.default_capacity)
        && at_least_zero(s.action_item_weight)
        && s.severity_descriptions.values().all(serde_json::Value::is_string)
        && s.rest
            .as_ref()
            .is_none_or(|r| at_least_zero(r.max_stretch_hours) && at_least_zero(r.max_night_hours_per_week))
        && s.rota
            .as_ref()
            .is_none_or(|r| r.weeks.is_none_or(|w| (1..=rota::MAX_WEEKS).contains(&w)))
}

/// Ids of one collection, each non-empty and unique, mapped to their record's index; `None`
/// when one is empty or repeated.
fn index<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Option<HashMap<&'a str, usize>> {
    let mut map = HashMap::with_capacity(ids.len());
    for (i, id) in ids.enumerate() {
        if id.is_empty() || map.insert(id, i).is_some() {
            return None;
        }
    }
    Some(map)
}

fn unique<'a>(seen: &mut HashSet<&'a str>, id: &'a str) -> bool {
    !id.is_empty() && seen.insert(id)
}

struct Ids<'a> {
    people: HashMap<&'a str, usize>,
    roles: HashMap<&'a str, usize>,
    assignments: HashMap<&'a str, usize>,
    incidents: HashMap<&'a str, usize>,
    releases: HashMap<&'a str, usize>,
}

impl Ids<'_> {
    fn person(&self, id: &str) -> bool {
        self.people.contains_key(id)
    }
    fn person_or_none(&self, id: Option<&String>) -> bool {
        id.is_none_or(|id| self.person(id))
    }
}

fn records(ws: &Workspace) -> bool {
    let Some(ids) = (|| {
        Some(Ids {
            people: index(ws.people.iter().map(|p| p.id.as_str()))?,
            roles: index(ws.roles.iter().map(|r| r.id.as_str()))?,
            assignments: index(ws.assignments.iter().map(|a| a.id.as_str()))?,
            incidents: index(ws.incidents.iter().map(|i| i.id.as_str()))?,
            releases: index(ws.releases.iter().map(|r| r.id.as_str()))?,
        })
    })() else {
        return false;
    };
    people(ws, &ids)
        && ws.roles.iter().all(|r| at_least_zero(r.weight))
        && ws.conflicts.iter().all(|c| {
            let [a, b] = &c.roles;
            a != b && ids.roles.contains_key(a.as_str()) && ids.roles.contains_key(b.as_str())
        })
        && assignments(ws, &ids)
        && ws.incidents.iter().all(|i| incident(i, &ids))
        && ws.releases.iter().all(|r| release(r, &ids))
        && reviews(ws, &ids)
        && ws.process.as_ref().is_none_or(|p| process(p, &ids))
}

/// Keys unique in each keyed list, step ids unique across the process, roles and people that
/// resolve, cadences of a minute or more.
fn process(p: &Process, ids: &Ids) -> bool {
    let role = |r: &String| ids.roles.contains_key(r.as_str());
    let mut keys = HashSet::new();
    let mut steps = HashSet::new();
    let roles = p.roles.iter().all(|rp| {
        role(&rp.role)
            && keys.insert(rp.role.as_str())
            && rp
                .checklist
                .iter()
                .all(|s| unique(&mut steps, &s.id) && s.every_minutes.is_none_or(|m| m >= 1))
    });
    let mut severities = HashSet::new();
    let mut from = HashSet::new();
    let mut release = HashSet::new();
    let mut changes = HashSet::new();
    roles
        && p.severities
            .iter()
            .all(|s| severities.insert(s.severity) && s.update_every_minutes.is_none_or(|m| m >= 1))
        && p.escalation
            .iter()
            .all(|e| role(&e.from) && role(&e.to) && from.insert(e.from.as_str()))
        && p.release
            .iter()
            .all(|s| unique(&mut release, &s.id) && role(&s.owner))
        && p.changelog
            .iter()
            .all(|c| unique(&mut changes, &c.id) && ids.person_or_none(c.by.as_ref()))
}

fn people(ws: &Workspace, ids: &Ids) -> bool {
    ws.people.iter().all(|p| {
        // The model reads a missing name as empty; only a tombstone may leave it out, and an
        // empty name on a live person is rare enough to let the walk tell the two apart.
        (p.deleted_at.is_some() || !p.name.is_empty())
            && p.skills.iter().all(|s| ids.roles.contains_key(s.as_str()))
            && p.capacity.is_none_or(at_least_zero)
            && p.away.iter().all(|a| a.from <= a.to)
    })
}

fn assignments(ws: &Workspace, ids: &Ids) -> bool {
    ws.assignments.iter().all(|a| {
        let Some(&role) = ids.roles.get(a.role.as_str()) else {
            return false;
        };
        let (incident, release) = (a.incident.as_deref(), a.release.as_deref());
        let linked = match ws.roles[role].scope {
            Scope::Incident => incident.is_some() && release.is_none(),
            Scope::Release => release.is_some() && incident.is_none(),
            Scope::Standing => incident.is_none() && release.is_none(),
        };
        linked
            && ids.person(&a.person)
            && a.end.is_none_or(|end| end >= a.start)
            && incident.is_none_or(|i| ids.incidents.contains_key(i))
            && release.is_none_or(|r| ids.releases.contains_key(r))
    })
}

fn incident(i: &Incident, ids: &Ids) -> bool {
    i.release.as_deref().is_none_or(|r| ids.releases.contains_key(r)) && timeline(&i.timeline, ids)
}

fn release(r: &Release, ids: &Ids) -> bool {
    timeline(&r.timeline, ids)
        && r.go_no_go
            .as_ref()
            .is_none_or(|g| ids.person_or_none(g.by.as_ref()))
}

/// Entry ids are unique within their timeline; entries name people and assignments in the file.
fn timeline(entries: &[TimelineEntry], ids: &Ids) -> bool {
    let mut seen = HashSet::with_capacity(entries.len());
    entries.iter().all(|e| {
        unique(&mut seen, &e.id)
            && ids.person_or_none(e.author.as_ref())
            && e.starts
                .iter()
                .chain(&e.ends)
                .all(|a| ids.assignments.contains_key(a.as_str()))
    })
}

fn reviews(ws: &Workspace, ids: &Ids) -> bool {
    let mut seen = HashSet::with_capacity(ws.reviews.len());
    // Action items are merged across reviews by id, so their ids are unique file-wide.
    let mut actions = HashSet::new();
    ws.reviews.iter().all(|r| {
        let Some(&incident) = ids.incidents.get(r.incident.as_str()) else {
            return false;
        };
        let timeline = &ws.incidents[incident].timeline;
        unique(&mut seen, &r.id)
            && r.actions
                .iter()
                .all(|a| unique(&mut actions, &a.id) && ids.person_or_none(a.owner.as_ref()))
            && r.key_moments.iter().all(|m| timeline.iter().any(|e| &e.id == m))
            && r.status_log.iter().all(|c| ids.person_or_none(c.by.as_ref()))
            && r.published
                .as_ref()
                .is_none_or(|p| r.status == ReviewStatus::Published && ids.person_or_none(p.by.as_ref()))
    })
}
