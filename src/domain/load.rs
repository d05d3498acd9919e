//! Who is wearing too many hats: load, conflicts, profiles over time, coverage and hand-over suggestions.
//!
//! Every definition follows FORMAT.md ("Load, as the app computes it"). Tombstoned records
//! (`deleted_at` set) count for nothing; an assignment whose role is missing or tombstoned
//! counts for nothing either, because there is no weight or rule to judge it by.

use crate::domain::order;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};

use super::actions;
use super::model::{Assignment, ConflictRule, Person, Role, Workspace};
use super::text::{number, plural};

/// The load at which `p` counts as overloaded.
pub fn capacity_of(ws: &Workspace, p: &Person) -> f64 {
    p.capacity.unwrap_or(ws.settings.default_capacity)
}

fn capacity_of_id(ws: &Workspace, person_id: &str) -> f64 {
    live_person(ws, person_id)
        .map(|p| capacity_of(ws, p))
        .unwrap_or(ws.settings.default_capacity)
}

/// A weight below zero (or NaN) is invalid data; it must never make a load negative.
fn weight_of(r: &Role) -> f64 {
    r.weight.max(0.0)
}

fn live_person<'a>(ws: &'a Workspace, id: &str) -> Option<&'a Person> {
    ws.people.iter().find(|p| p.id == id && p.deleted_at.is_none())
}

fn live_roles(ws: &Workspace) -> HashMap<&str, &Role> {
    ws.roles
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .map(|r| (r.id.as_str(), r))
        .collect()
}

fn live_rules(ws: &Workspace) -> impl Iterator<Item = &ConflictRule> {
    ws.conflicts.iter().filter(|c| c.deleted_at.is_none())
}

/// Which roles may not be held together with which: role id → partner role ids.
fn partners(ws: &Workspace) -> HashMap<&str, BTreeSet<&str>> {
    let mut m: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for c in live_rules(ws) {
        m.entry(c.roles[0].as_str())
            .or_default()
            .insert(c.roles[1].as_str());
        m.entry(c.roles[1].as_str())
            .or_default()
            .insert(c.roles[0].as_str());
    }
    m
}

/// Assignment indices (in workspace order) per person, for assignments that can count at all.
fn index_by_person<'a>(ws: &'a Workspace, roles: &HashMap<&str, &Role>) -> HashMap<&'a str, Vec<usize>> {
    let mut m: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in ws.assignments.iter().enumerate() {
        if a.deleted_at.is_none() && roles.contains_key(a.role.as_str()) {
            m.entry(a.person.as_str()).or_default().push(i);
        }
    }
    m
}

/// Sum in workspace order, so every path through this module gives bit-identical loads.
fn sum_weights<'a>(
    ws: &Workspace,
    roles: &HashMap<&str, &Role>,
    held: impl IntoIterator<Item = &'a usize>,
) -> f64 {
    held.into_iter()
        .filter_map(|&i| roles.get(ws.assignments[i].role.as_str()))
        .map(|r| weight_of(r))
        .sum()
}

/// Load at `t`: the weights of the roles `person_id` holds at `t`.
pub fn load_at(ws: &Workspace, person_id: &str, t: DateTime<Utc>) -> f64 {
    let roles = live_roles(ws);
    ws.assignments
        .iter()
        .filter(|a| a.person == person_id && a.holds_at(t))
        .filter_map(|a| roles.get(a.role.as_str()))
        .map(|r| weight_of(r))
        .sum()
}

/// When an action item is a light standing weight on its owner: `[from, until)`, where `None`
/// is unbounded. It counts from when it was added (`created_at`, a Hatrack extension; for older
/// items, from its incident's start, see [`actions::counts_from`]) until it is done. `done_at`
/// is a Hatrack extension too; an item marked done without it is taken as done for all time.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ActionSpan {
    from: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
}

impl ActionSpan {
    fn counts_at(&self, t: DateTime<Utc>) -> bool {
        self.from.is_none_or(|f| f <= t) && self.until.is_none_or(|u| t < u)
    }
}

/// The spans of every live, owned action item that counts at some time, per owner. One pass
/// over the reviews, so that a question about everyone does not rescan them per person.
fn action_spans(ws: &Workspace) -> HashMap<&str, Vec<ActionSpan>> {
    let starts: HashMap<&str, DateTime<Utc>> = ws
        .incidents
        .iter()
        .rev()
        .map(|i| (i.id.as_str(), i.started_at))
        .collect();
    let mut out: HashMap<&str, Vec<ActionSpan>> = HashMap::new();
    for r in ws.reviews.iter().filter(|r| r.deleted_at.is_none()) {
        let incident_start = starts.get(r.incident.as_str()).copied();
        for a in r.actions.iter().filter(|a| a.deleted_at.is_none()) {
            let Some(owner) = a.owner.as_deref() else { continue };
            let until = match (a.done, a.done_at) {
                (false, _) => None,
                (true, Some(d)) => Some(d),
                (true, None) => continue,
            };
            let span = ActionSpan {
                from: actions::counts_from(a, incident_start),
                until,
            };
            // Done before it was added (a hand-edited file): it never counted.
            if let (Some(f), Some(u)) = (span.from, span.until) {
                if u <= f {
                    continue;
                }
            }
            out.entry(owner).or_default().push(span);
        }
    }
    out
}

fn action_weight(ws: &Workspace) -> f64 {
    ws.settings.action_item_weight.max(0.0)
}

fn open_actions_at(ws: &Workspace, person_id: &str, t: DateTime<Utc>) -> usize {
    action_spans(ws)
        .get(person_id)
        .map_or(0, |spans| spans.iter().filter(|s| s.counts_at(t)).count())
}

/// Load from open action items at `t`: `settings.action_item_weight` per item.
pub fn action_load_at(ws: &Workspace, person_id: &str, t: DateTime<Utc>) -> f64 {
    open_actions_at(ws, person_id, t) as f64 * action_weight(ws)
}

/// Two roles one person holds at once that a conflict rule says should be split.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictHit {
    /// Role ids, in the order the rule names them.
    pub roles: [String; 2],
    pub role_names: [String; 2],
    /// The assignments holding `roles[0]` and `roles[1]`.
    pub assignments: [String; 2],
    pub reason: String,
}

impl ConflictHit {
    /// "Incident manager and 3rd line lead: <reason>".
    pub fn sentence(&self) -> String {
        let pair = format!("{} and {}", self.role_names[0], self.role_names[1]);
        if self.reason.is_empty() {
            format!("{pair} should not be held by one person at the same time.")
        } else {
            format!("{pair}: {}", self.reason)
        }
    }

    /// "Conflict: Incident manager + 3rd line lead".
    pub fn title(&self) -> String {
        format!("Conflict: {} + {}", self.role_names[0], self.role_names[1])
    }
}

/// Everything about "now" that several people's answers share, computed in one pass over
/// the workspace so that questions about every person (suggestions) do not rescan it per person.
struct Now<'a> {
    ws: &'a Workspace,
    roles: HashMap<&'a str, &'a Role>,
    /// Live rules, one per unordered pair of roles (merged files may repeat a rule).
    rules: Vec<&'a ConflictRule>,
    held: HashMap<&'a str, Vec<&'a Assignment>>,
    open_actions: HashMap<&'a str, usize>,
}

impl<'a> Now<'a> {
    fn new(ws: &'a Workspace, now: DateTime<Utc>) -> Now<'a> {
        let roles = live_roles(ws);
        let mut seen = HashSet::new();
        let rules = live_rules(ws).filter(|c| seen.insert(c.key())).collect();
        let mut held: HashMap<&str, Vec<&Assignment>> = HashMap::new();
        for a in ws
            .assignments
            .iter()
            .filter(|a| a.holds_at(now) && roles.contains_key(a.role.as_str()))
        {
            held.entry(a.person.as_str()).or_default().push(a);
        }
        let open_actions: HashMap<&str, usize> = action_spans(ws)
            .into_iter()
            .map(|(owner, spans)| (owner, spans.iter().filter(|s| s.counts_at(now)).count()))
            .collect();
        Now {
            ws,
            roles,
            rules,
            held,
            open_actions,
        }
    }

    fn held(&self, person_id: &str) -> &[&'a Assignment] {
        self.held.get(person_id).map_or(&[], |v| &v[..])
    }

    fn role_name(&self, id: &str) -> String {
        self.roles
            .get(id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    }

    fn weight(&self, role_id: &str) -> f64 {
        self.roles.get(role_id).map_or(0.0, |r| weight_of(r))
    }

    /// Summed in workspace order, like `load_at`, so both give bit-identical answers.
    fn load(&self, person_id: &str) -> f64 {
        self.held(person_id).iter().map(|a| self.weight(&a.role)).sum()
    }

    fn actions(&self, person_id: &str) -> usize {
        self.open_actions.get(person_id).copied().unwrap_or(0)
    }

    fn total(&self, person_id: &str) -> f64 {
        self.load(person_id) + self.actions(person_id) as f64 * action_weight(self.ws)
    }

    fn rule_for(&self, a: &str, b: &str) -> Option<&'a ConflictRule> {
        self.rules.iter().copied().find(|c| c.names(a, b))
    }

    /// Every pair of held assignments that a live rule names.
    fn conflicts(&self, person_id: &str) -> Vec<ConflictHit> {
        let held = self.held(person_id);
        let mut hits = vec![];
        for (i, a) in held.iter().enumerate() {
            for b in &held[i + 1..] {
                if let Some(rule) = self.rule_for(&a.role, &b.role) {
                    let (first, second) = if rule.roles[0] == a.role { (a, b) } else { (b, a) };
                    hits.push(ConflictHit {
                        roles: [first.role.clone(), second.role.clone()],
                        role_names: [self.role_name(&first.role), self.role_name(&second.role)],
                        assignments: [first.id.clone(), second.id.clone()],
                        reason: rule.reason.clone(),
                    });
                }
            }
        }
        hits
    }

    fn would_conflict(&self, person_id: &str, role_id: &str) -> Vec<WouldConflict> {
        self.held(person_id)
            .iter()
            .filter_map(|a| {
                self.rule_for(&a.role, role_id).map(|rule| WouldConflict {
                    assignment_id: a.id.clone(),
                    role_id: a.role.clone(),
                    role_name: self.role_name(&a.role),
                    reason: rule.reason.clone(),
                })
            })
            .collect()
    }

    /// People who have the skill for `role_id`, are active, are not `except`, and would not
    /// break a conflict rule by taking it: those who stay within capacity first, then lowest
    /// load, then name.
    fn candidates(&self, role_id: &str, except: &str) -> Vec<Candidate> {
        let weight = self.weight(role_id);
        let mut out: Vec<Candidate> = active_people(self.ws)
            .filter(|p| p.id != except && p.skills.iter().any(|s| s == role_id))
            .filter(|p| self.would_conflict(&p.id, role_id).is_empty())
            .map(|p| Candidate {
                person_id: p.id.clone(),
                name: p.name.clone(),
                load_after: self.total(&p.id) + weight,
                capacity: capacity_of(self.ws, p),
            })
            .collect();
        order::sort_by(&mut out, |a, b| {
            a.over_capacity()
                .cmp(&b.over_capacity())
                .then_with(|| a.load_after.total_cmp(&b.load_after))
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }

    fn person(&self, p: &Person) -> PersonNow {
        let held = self.held(&p.id);
        let load = self.load(&p.id);
        let open_actions = self.actions(&p.id);
        let action_load = open_actions as f64 * action_weight(self.ws);
        let total = load + action_load;
        let capacity = capacity_of(self.ws, p);
        let mut by_start: Vec<&Assignment> = held.to_vec();
        order::sort_by_key(&mut by_start, |a| a.start);
        PersonNow {
            person_id: p.id.clone(),
            name: p.name.clone(),
            load,
            action_load,
            open_actions,
            total,
            capacity,
            overloaded: total > capacity,
            held: by_start
                .into_iter()
                .map(|a| Held {
                    assignment_id: a.id.clone(),
                    role_id: a.role.clone(),
                    role_name: self.role_name(&a.role),
                    weight: self.weight(&a.role),
                    incident: a.incident.clone(),
                    release: a.release.clone(),
                })
                .collect(),
            conflicts: self.conflicts(&p.id),
        }
    }
}

/// The separation-of-duty rules `person_id` breaks at `t`.
pub fn conflicts_at(ws: &Workspace, person_id: &str, t: DateTime<Utc>) -> Vec<ConflictHit> {
    Now::new(ws, t).conflicts(person_id)
}

/// One role a person holds now, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    pub assignment_id: String,
    pub role_id: String,
    pub role_name: String,
    pub weight: f64,
    pub incident: Option<String>,
    pub release: Option<String>,
}

/// One person's load right now.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonNow {
    pub person_id: String,
    pub name: String,
    /// Role load (FORMAT.md's load).
    pub load: f64,
    /// Load from open action items.
    pub action_load: f64,
    pub open_actions: usize,
    pub total: f64,
    pub capacity: f64,
    /// `total > capacity`.
    pub overloaded: bool,
    /// Oldest first.
    pub held: Vec<Held>,
    pub conflicts: Vec<ConflictHit>,
}

impl PersonNow {
    /// "+1 from 2 open action items": the load their open action items add, when they have any.
    pub fn actions_note(&self) -> Option<String> {
        (self.open_actions > 0).then(|| {
            format!(
                "+{} from {}",
                number(self.action_load),
                plural(self.open_actions, "open action item", "open action items")
            )
        })
    }
}

fn active_people(ws: &Workspace) -> impl Iterator<Item = &Person> {
    ws.people.iter().filter(|p| p.active && p.deleted_at.is_none())
}

/// Every active person's load now, most loaded first (ties by name).
pub fn snapshot(ws: &Workspace, now: DateTime<Utc>) -> Vec<PersonNow> {
    let view = Now::new(ws, now);
    let mut out: Vec<PersonNow> = active_people(ws).map(|p| view.person(p)).collect();
    order::sort_by(&mut out, most_loaded_first);
    out
}

fn most_loaded_first(a: &PersonNow, b: &PersonNow) -> std::cmp::Ordering {
    b.total.total_cmp(&a.total).then_with(|| a.name.cmp(&b.name))
}

/// A stretch of time in which nothing about one person's load changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Role load, equal to `load_at` at every instant of the step.
    pub load: f64,
    /// Load from open action items (Hatrack extension).
    pub action_load: f64,
    /// Ids of the assignments held, in workspace order.
    pub assignments: Vec<String>,
    pub conflict: bool,
    /// `load + action_load > capacity`.
    pub overloaded: bool,
}

impl Step {
    pub fn total(&self) -> f64 {
        self.load + self.action_load
    }
}

#[derive(Clone, Copy)]
enum Change {
    Assignment(usize, bool),
    ActionAdded,
    ActionDone,
}

/// What one person's load is made of: their assignments (indices) and action items.
#[derive(Clone, Copy)]
struct Mine<'a> {
    indices: &'a [usize],
    actions: &'a [ActionSpan],
}

/// Sweeps one person's start/end points in time order, keeping the held set, the count of
/// each role held and the number of conflicting pairs, so each event costs only its role's
/// partners rather than a rescan of everything held.
fn sweep(
    ws: &Workspace,
    roles: &HashMap<&str, &Role>,
    rules: &HashMap<&str, BTreeSet<&str>>,
    person_id: &str,
    mine: Mine,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Step> {
    let Mine {
        indices,
        actions: action_spans,
    } = mine;
    let capacity = capacity_of_id(ws, person_id);
    let w_action = action_weight(ws);
    let mut events: Vec<(DateTime<Utc>, Change)> = vec![];
    for &i in indices {
        let a = &ws.assignments[i];
        let end = a.end.unwrap_or(DateTime::<Utc>::MAX_UTC);
        // Never held (empty or reversed span), or not held inside the window.
        if end <= a.start || a.start >= to || end <= from {
            continue;
        }
        events.push((a.start.max(from), Change::Assignment(i, true)));
        if end < to {
            events.push((end, Change::Assignment(i, false)));
        }
    }
    let mut actions = 0usize;
    for s in action_spans {
        let start = s.from.map_or(from, |f| f.max(from));
        let end = s.until.map_or(to, |u| u.min(to));
        if start >= end {
            continue;
        }
        if start == from {
            actions += 1;
        } else {
            events.push((start, Change::ActionAdded));
        }
        if end < to {
            events.push((end, Change::ActionDone));
        }
    }
    order::sort_by_key(&mut events, |e| e.0);

    let mut held: BTreeSet<usize> = BTreeSet::new();
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut pairs = 0usize;
    let mut steps: Vec<Step> = vec![];
    let mut at = from;
    let mut k = 0;
    loop {
        while k < events.len() && events[k].0 == at {
            match events[k].1 {
                Change::Assignment(i, start) => {
                    let role = ws.assignments[i].role.as_str();
                    let others = rules.get(role);
                    if start {
                        held.insert(i);
                        pairs +=
                            others.map_or(0, |o| o.iter().map(|q| count.get(q).copied().unwrap_or(0)).sum());
                        *count.entry(role).or_default() += 1;
                    } else {
                        held.remove(&i);
                        *count.entry(role).or_default() -= 1;
                        pairs -=
                            others.map_or(0, |o| o.iter().map(|q| count.get(q).copied().unwrap_or(0)).sum());
                    }
                }
                Change::ActionAdded => actions += 1,
                Change::ActionDone => actions -= 1,
            }
            k += 1;
        }
        let next = events.get(k).map_or(to, |e| e.0);
        let load = sum_weights(ws, roles, &held);
        let action_load = actions as f64 * w_action;
        let step = Step {
            from: at,
            to: next,
            load,
            action_load,
            assignments: held.iter().map(|&i| ws.assignments[i].id.clone()).collect(),
            conflict: pairs > 0,
            overloaded: load + action_load > capacity,
        };
        match steps.last_mut() {
            Some(last)
                if last.assignments == step.assignments
                    && last.action_load == step.action_load
                    && last.conflict == step.conflict =>
            {
                last.to = step.to
            }
            _ => steps.push(step),
        }
        if next >= to {
            break;
        }
        at = next;
    }
    steps
}

/// Every live person's load over `[from, to)` as consecutive steps covering the window
/// (empty when the window is). O(n log n) in assignments.
pub fn profiles(ws: &Workspace, from: DateTime<Utc>, to: DateTime<Utc>) -> BTreeMap<String, Vec<Step>> {
    let roles = live_roles(ws);
    let rules = partners(ws);
    let index = index_by_person(ws, &roles);
    let action_spans = action_spans(ws);
    ws.people
        .iter()
        .filter(|p| p.deleted_at.is_none())
        .map(|p| {
            let steps = if from < to {
                let mine = Mine {
                    indices: index.get(p.id.as_str()).map_or(&[][..], |v| &v[..]),
                    actions: action_spans.get(p.id.as_str()).map_or(&[][..], |v| &v[..]),
                };
                sweep(ws, &roles, &rules, &p.id, mine, from, to)
            } else {
                vec![]
            };
            (p.id.clone(), steps)
        })
        .collect()
}

/// How heavy a window was for one person.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonStats {
    pub person_id: String,
    /// Highest total load (roles + action items) in the window.
    pub peak: f64,
    /// Time spent over capacity.
    pub overloaded: Duration,
    /// Time spent holding two conflicting roles.
    pub in_conflict: Duration,
}

/// Peak load and time overloaded / in conflict for every live person over `[from, to)`.
pub fn stats(ws: &Workspace, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<PersonStats> {
    stats_from(&profiles(ws, from, to))
}

/// [`stats`] from profiles already computed, so a view that draws the profiles does not sweep twice.
pub fn stats_from(profiles: &BTreeMap<String, Vec<Step>>) -> Vec<PersonStats> {
    profiles
        .iter()
        .map(|(person_id, steps)| {
            let person_id = person_id.clone();
            let mut s = PersonStats {
                person_id,
                peak: 0.0,
                overloaded: Duration::zero(),
                in_conflict: Duration::zero(),
            };
            for st in steps {
                s.peak = s.peak.max(st.total());
                if st.overloaded {
                    s.overloaded += st.to - st.from;
                }
                if st.conflict {
                    s.in_conflict += st.to - st.from;
                }
            }
            s
        })
        .collect()
}

/// Who could take a role, and who has it now.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    pub role_id: String,
    pub role_name: String,
    /// Active people with the role among their skills.
    pub capable: Vec<String>,
    pub holders_now: Vec<String>,
    /// Nobody, or only one person, could take the role.
    pub single_point_of_failure: bool,
}

/// Coverage of every live role, in catalogue order.
pub fn coverage(ws: &Workspace, now: DateTime<Utc>) -> Vec<Coverage> {
    ws.roles
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .map(|r| {
            let capable: Vec<String> = active_people(ws)
                .filter(|p| p.skills.contains(&r.id))
                .map(|p| p.id.clone())
                .collect();
            let mut holders_now: Vec<String> = vec![];
            for a in ws
                .assignments
                .iter()
                .filter(|a| a.role == r.id && a.holds_at(now))
            {
                if live_person(ws, &a.person).is_some() && !holders_now.contains(&a.person) {
                    holders_now.push(a.person.clone());
                }
            }
            Coverage {
                role_id: r.id.clone(),
                role_name: r.name.clone(),
                single_point_of_failure: capable.len() <= 1,
                capable,
                holders_now,
            }
        })
        .collect()
}

/// Someone who could take a role on.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub person_id: String,
    pub name: String,
    /// Their total load (roles + action items) if they took the role.
    pub load_after: f64,
    pub capacity: f64,
}

impl Candidate {
    pub fn over_capacity(&self) -> bool {
        self.load_after > self.capacity
    }
}

/// A role someone already holds that a new role would conflict with.
#[derive(Clone, Debug, PartialEq)]
pub struct WouldConflict {
    pub assignment_id: String,
    pub role_id: String,
    pub role_name: String,
    pub reason: String,
}

/// A role an overloaded or conflicted person could hand over, and to whom.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub from_person: String,
    pub assignment_id: String,
    pub role_id: String,
    /// Best first; empty when nobody suitable has the skill (itself worth showing).
    pub candidates: Vec<Candidate>,
}

/// For each person in conflict or overloaded now, the roles they could hand over: roles in a
/// conflict first, then (if overloaded) the rest, heaviest first.
pub fn suggestions(ws: &Workspace, now: DateTime<Utc>) -> Vec<Suggestion> {
    let view = Now::new(ws, now);
    let mut people: Vec<PersonNow> = active_people(ws).map(|p| view.person(p)).collect();
    order::sort_by(&mut people, most_loaded_first);
    let mut out = vec![];
    for p in people {
        if p.conflicts.is_empty() && !p.overloaded {
            continue;
        }
        let in_conflict = |id: &str| p.conflicts.iter().any(|c| c.assignments.iter().any(|a| a == id));
        let mut held: Vec<&Held> = p
            .held
            .iter()
            .filter(|h| p.overloaded || in_conflict(&h.assignment_id))
            .collect();
        order::sort_by(&mut held, |a, b| {
            in_conflict(&b.assignment_id)
                .cmp(&in_conflict(&a.assignment_id))
                .then_with(|| b.weight.total_cmp(&a.weight))
        });
        for h in held {
            out.push(Suggestion {
                from_person: p.person_id.clone(),
                assignment_id: h.assignment_id.clone(),
                role_id: h.role_id.clone(),
                candidates: view.candidates(&h.role_id, &p.person_id),
            });
        }
    }
    out
}

/// What would happen if `person_id` took `role_id` now: shown as a warning, never a block.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub conflicts: Vec<WouldConflict>,
    /// Total load (roles + action items) after taking the role.
    pub load_after: f64,
    pub capacity: f64,
    pub over_capacity: bool,
    /// Up to three people who could take it without a conflict and stay within capacity,
    /// best first. Someone who would be over capacity is never "better placed".
    pub better: Vec<Candidate>,
    /// When nobody fits: the least loaded of those who would go over capacity, so the warning
    /// can say "everyone would be over capacity; least loaded: …".
    pub least_loaded: Option<Candidate>,
}

impl Assessment {
    /// Nothing to warn about.
    pub fn is_fine(&self) -> bool {
        self.conflicts.is_empty() && !self.over_capacity
    }
}

/// Assess `person_id` taking `role_id` now (the incident role board and release form warn with it).
pub fn assess(ws: &Workspace, person_id: &str, role_id: &str, now: DateTime<Utc>) -> Assessment {
    let view = Now::new(ws, now);
    let load_after = view.total(person_id) + view.weight(role_id);
    let capacity = capacity_of_id(ws, person_id);
    let all = view.candidates(role_id, person_id);
    let least_loaded = all.first().filter(|c| c.over_capacity()).cloned();
    let better: Vec<Candidate> = all.into_iter().filter(|c| !c.over_capacity()).take(3).collect();
    Assessment {
        conflicts: view.would_conflict(person_id, role_id),
        load_after,
        capacity,
        over_capacity: load_after > capacity,
        better,
        least_loaded,
    }
}
