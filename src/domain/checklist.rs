//! The team's process at work in one incident: each held role's checklist with where every step
//! stands, what is outstanding by role, ticking a step onto the timeline, and afterwards, for
//! the review, whether the process was followed.
//!
//! A tick is an ordinary timeline entry that names its step, so it carries its own time, is
//! backfilled, edited and deleted (unticked) like any other entry, and travels with the file.
//! The checklist a role shows counts from the *earliest* time that role was taken in the
//! incident: a hand-over passes the checklist on, it does not restart it. Once the incident is
//! resolved, its resolution time stands in for "now" everywhere, so a finished incident's
//! steps do not go on becoming late.

use chrono::{DateTime, Duration, Utc};

use super::assign::{find_incident, role_name};
use super::duration::human;
use super::incident;
use super::model::{EntryKind, Incident, Scope, Workspace};
use super::process::{late_words, minutes, state, Anchor, Process, RoleProcess, Step, StepState};
use super::refusal::{DomainError, DomainResult};

/// The process the team has taken up; `None` until it takes one up (then there are no
/// checklists, and the incident page says so).
pub fn process_in_use(ws: &Workspace) -> Option<&Process> {
    ws.process.as_ref()
}

/// The live process of a role, if the team wrote one down.
fn role_process<'a>(p: &'a Process, role_id: &str) -> Option<&'a RoleProcess> {
    p.roles
        .iter()
        .find(|r| r.role == role_id && r.deleted_at.is_none())
}

/// The time the checklists are read at: `now`, or the resolution once the incident is over.
pub fn as_of(incident: &Incident, now: DateTime<Utc>) -> DateTime<Utc> {
    match incident.resolved_at {
        Some(r) if !incident.status.is_open() => r.min(now),
        _ => now,
    }
}

/// The incident-scope roles held in the incident (by live assignments), in catalogue order,
/// each with its start: the earliest time anyone took it there.
pub fn held_roles(ws: &Workspace, incident: &Incident) -> Vec<(String, DateTime<Utc>)> {
    ws.roles
        .iter()
        .filter(|r| r.deleted_at.is_none() && r.scope == Scope::Incident)
        .filter_map(|r| {
            ws.assignments
                .iter()
                .filter(|a| {
                    a.deleted_at.is_none() && a.role == r.id && a.incident.as_deref() == Some(&incident.id)
                })
                .map(|a| a.start)
                .min()
                .map(|start| (r.id.clone(), start))
        })
        .collect()
}

/// The times a step was ticked in the incident: its live timeline entries, oldest first.
fn ticks_of(incident: &Incident, step_id: &str) -> Vec<(String, DateTime<Utc>)> {
    incident::timeline(incident)
        .into_iter()
        .filter(|e| e.step.as_deref() == Some(step_id))
        .map(|e| (e.id.clone(), e.at))
        .collect()
}

/// When a step's time expectation counts from in this incident.
fn anchor_of(step: &Step, role_start: DateTime<Utc>, incident: &Incident) -> DateTime<Utc> {
    match step.from {
        Anchor::RoleStart => role_start,
        Anchor::IncidentStart => incident.started_at,
    }
}

/// A step of a held role's checklist, where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct StepNow {
    pub step: Step,
    /// The entries that tick it, as (entry id, time), oldest first.
    pub ticks: Vec<(String, DateTime<Utc>)>,
    /// When its time expectation counts from: the role's start or the incident's.
    pub anchor: DateTime<Utc>,
    pub state: StepState,
}

impl StepNow {
    fn tick_times(&self) -> Vec<DateTime<Utc>> {
        self.ticks.iter().map(|(_, t)| *t).collect()
    }
    /// The entry to delete to untick it: the latest tick.
    pub fn last_tick(&self) -> Option<&(String, DateTime<Utc>)> {
        self.ticks.last()
    }
}

/// A held role's checklist in an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleChecklist {
    pub role_id: String,
    pub role_name: String,
    /// The earliest time the role was taken in the incident.
    pub start: DateTime<Utc>,
    /// The steps that apply to the incident's severity, in the checklist's order.
    pub steps: Vec<StepNow>,
}

fn checklist_of(
    p: &Process,
    ws: &Workspace,
    incident: &Incident,
    role_id: &str,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<RoleChecklist> {
    let rp = role_process(p, role_id)?;
    let now = as_of(incident, now);
    let steps = rp
        .checklist
        .iter()
        .filter(|s| s.applies(incident.severity))
        .map(|s| {
            let ticks = ticks_of(incident, &s.id);
            let times: Vec<_> = ticks.iter().map(|(_, t)| *t).collect();
            let anchor = anchor_of(s, start, incident);
            StepNow {
                state: state(s, anchor, &times, now),
                anchor,
                step: s.clone(),
                ticks,
            }
        })
        .collect();
    Some(RoleChecklist {
        role_id: role_id.to_string(),
        role_name: role_name(ws, role_id),
        start,
        steps,
    })
}

/// Every held role's checklist at `now` (roles whose process has no entry are left out).
pub fn checklists(ws: &Workspace, incident: &Incident, now: DateTime<Utc>) -> Vec<RoleChecklist> {
    let Some(p) = process_in_use(ws) else {
        return vec![];
    };
    held_roles(ws, incident)
        .into_iter()
        .filter_map(|(role, start)| checklist_of(p, ws, incident, &role, start, now))
        .collect()
}

/// One role's checklist at `now`; `None` when there is no process, the role has not been held
/// in the incident, or the process says nothing about it.
pub fn checklist(
    ws: &Workspace,
    incident: &Incident,
    role_id: &str,
    now: DateTime<Utc>,
) -> Option<RoleChecklist> {
    let p = process_in_use(ws)?;
    let (_, start) = held_roles(ws, incident).into_iter().find(|(r, _)| r == role_id)?;
    checklist_of(p, ws, incident, role_id, start, now)
}

/// A step's state in words; `hm` writes a time for the reader ("22:14"). "done 22:14",
/// "done 22:20, 5 min late", "due by 22:25", "late by 12 min", "40 min since the last; the
/// cadence is 30 min", "done 22:14; next by 22:44", "open" (no deadline).
pub fn state_words(s: &StepNow, now: DateTime<Utc>, hm: impl Fn(DateTime<Utc>) -> String) -> String {
    match &s.state {
        StepState::Done { at, late: false } => format!("done {}", hm(*at)),
        StepState::Done { at, late: true } => {
            let by = s.anchor + s.step.within_minutes.map_or(Duration::zero(), minutes);
            format!("done {}, {} late", hm(*at), human(*at - by))
        }
        StepState::Due { by: None } => "open".to_string(),
        StepState::Due { by: Some(by) } => match s.last_tick() {
            Some((_, t)) => format!("done {}; next by {}", hm(*t), hm(*by)),
            None => format!("due by {}", hm(*by)),
        },
        StepState::Late { over, .. } => match (s.step.every_minutes, s.last_tick()) {
            (Some(every), Some((_, t))) => format!(
                "{} since the last; the cadence is {}",
                human(now - *t),
                human(minutes(every))
            ),
            _ => format!("late by {}", human(*over)),
        },
    }
}

/// A step that needs doing, for the top of the incident page.
#[derive(Clone, Debug, PartialEq)]
pub struct Due {
    pub step_id: String,
    /// Late, in words (see [`late_words`]).
    pub late: Option<String>,
    /// Not late yet: the step's text and when it is due.
    pub text: String,
    pub by: Option<DateTime<Utc>>,
}

/// What is outstanding for one role.
#[derive(Clone, Debug, PartialEq)]
pub struct Outstanding {
    pub role_id: String,
    pub role_name: String,
    /// Late steps first, then those due, each in checklist order.
    pub steps: Vec<Due>,
}

/// What is outstanding at `now`, by role: steps that are late, and steps not done yet that
/// have a deadline. A repeating step that has been kept is on track until its next time
/// passes, so "all on track" can be said of an incident with a cadence. Nothing once the
/// incident is resolved.
pub fn outstanding(ws: &Workspace, incident: &Incident, now: DateTime<Utc>) -> Vec<Outstanding> {
    if !incident.status.is_open() {
        return vec![];
    }
    let now = as_of(incident, now);
    checklists(ws, incident, now)
        .into_iter()
        .filter_map(|c| {
            let mut late = vec![];
            let mut due = vec![];
            for s in &c.steps {
                match &s.state {
                    StepState::Late { .. } => late.push(Due {
                        step_id: s.step.id.clone(),
                        late: late_words(&s.step, &s.tick_times(), &s.state, now),
                        text: s.step.text.clone(),
                        by: None,
                    }),
                    StepState::Due { by: Some(by) } if s.ticks.is_empty() => due.push(Due {
                        step_id: s.step.id.clone(),
                        late: None,
                        text: s.step.text.clone(),
                        by: Some(*by),
                    }),
                    _ => {}
                }
            }
            late.extend(due);
            (!late.is_empty()).then_some(Outstanding {
                role_id: c.role_id,
                role_name: c.role_name,
                steps: late,
            })
        })
        .collect()
}

/// The step with this id in the process, and the role whose checklist holds it.
fn find_step<'a>(p: &'a Process, step_id: &str) -> Option<(&'a RoleProcess, &'a Step)> {
    p.roles
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .find_map(|r| r.checklist.iter().find(|s| s.id == step_id).map(|s| (r, s)))
}

/// Ticks a step: a timeline entry (an action, in the step's words, by `by`) at `at`, checked
/// like every entry added to the timeline. The step must be on the checklist of a role held in
/// the incident and apply to its severity. Returns the entry's id; to untick, delete the entry.
pub fn tick(
    ws: &mut Workspace,
    incident_id: &str,
    step_id: &str,
    at: DateTime<Utc>,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    let inc = find_incident(ws, incident_id).ok_or(DomainError::IncidentGone)?;
    let (rp, step) = process_in_use(ws)
        .and_then(|p| find_step(p, step_id))
        .ok_or(DomainError::StepGone)?;
    let held = held_roles(ws, inc).iter().any(|(r, _)| *r == rp.role);
    if !held || !step.applies(inc.severity) {
        return Err(DomainError::StepNotOnChecklist {
            step: step.text.clone(),
        });
    }
    let text = step.text.clone();
    let id = incident::add_entry(ws, incident_id, EntryKind::Action, &text, at, by, now)?;
    if let Some(e) = ws
        .incidents
        .iter_mut()
        .find(|i| i.id == incident_id)
        .and_then(|i| i.timeline.iter_mut().find(|e| e.id == id))
    {
        e.step = Some(step_id.to_string());
    }
    Ok(id)
}

// ---------------------------------------------------------------------------------------------
// Afterwards: was the process followed?

/// How one step went over the whole incident.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Done by its deadline (or done, when it had none).
    OnTime { at: DateTime<Utc> },
    /// Done after its deadline, by `over`.
    Late { at: DateTime<Utc>, over: Duration },
    /// Never done though it fell due (or had no deadline).
    NotDone,
    /// The incident ended before the step fell due.
    NotYetDue,
    /// A repeating step done within its cadence every time.
    Kept { times: usize },
    /// A repeating step with at least one gap longer than its cadence; `longest` is the
    /// longest stretch without it.
    Gaps {
        times: usize,
        longest: Duration,
        every: Duration,
    },
    /// A repeating step never done though it fell due.
    Never,
}

impl Outcome {
    /// In words, for the review: "done on time", "done 12 min late", "not done"…
    pub fn words(&self) -> String {
        match self {
            Outcome::OnTime { .. } => "done on time".to_string(),
            Outcome::Late { over, .. } => format!("done {} late", human(*over)),
            Outcome::NotDone => "not done".to_string(),
            Outcome::NotYetDue => "not due before the incident ended".to_string(),
            Outcome::Kept { times } => format!("kept every time ({})", times_words(*times)),
            Outcome::Gaps { longest, every, .. } => format!(
                "gaps: the longest was {}; the cadence is {}",
                human(*longest),
                human(*every)
            ),
            Outcome::Never => "never done".to_string(),
        }
    }
    /// Done as expected: on time, kept, or not due.
    pub fn as_expected(&self) -> bool {
        matches!(
            self,
            Outcome::OnTime { .. } | Outcome::Kept { .. } | Outcome::NotYetDue
        )
    }
}

fn times_words(n: usize) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{n} times")
    }
}

/// One step in the review.
#[derive(Clone, Debug, PartialEq)]
pub struct StepFollowed {
    pub step_id: String,
    pub text: String,
    pub outcome: Outcome,
}

/// One role's steps in the review.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleFollowed {
    pub role_id: String,
    pub role_name: String,
    pub steps: Vec<StepFollowed>,
}

/// The end of the stretch a review looks at: the resolution, or (still open) the latest thing
/// on the timeline.
fn end_of(incident: &Incident) -> DateTime<Utc> {
    incident.resolved_at.unwrap_or_else(|| {
        incident::timeline(incident)
            .last()
            .map_or(incident.started_at, |e| e.at)
            .max(incident.started_at)
    })
}

fn once(step: &Step, anchor: DateTime<Utc>, ticks: &[DateTime<Utc>], end: DateTime<Utc>) -> Outcome {
    let by = step.within_minutes.map(|m| anchor + minutes(m));
    match (ticks.first(), by) {
        (Some(&at), Some(by)) if at > by => Outcome::Late { at, over: at - by },
        (Some(&at), _) => Outcome::OnTime { at },
        (None, Some(by)) if by >= end => Outcome::NotYetDue,
        (None, _) => Outcome::NotDone,
    }
}

fn repeating(
    step: &Step,
    every: u32,
    anchor: DateTime<Utc>,
    ticks: &[DateTime<Utc>],
    end: DateTime<Utc>,
) -> Outcome {
    let every = minutes(every);
    let first = step.within_minutes.map_or(every, minutes);
    let kept: Vec<_> = ticks.iter().copied().filter(|t| *t >= anchor).collect();
    if kept.is_empty() {
        return if anchor + first >= end {
            Outcome::NotYetDue
        } else {
            Outcome::Never
        };
    }
    // Each stretch without the step, from the anchor through every tick to the end, against
    // what was allowed for it: the first deadline, then the cadence.
    let mut points = vec![anchor];
    points.extend(&kept);
    points.push(end.max(anchor));
    let mut longest = Duration::zero();
    let mut over = false;
    for (i, w) in points.windows(2).enumerate() {
        let gap = w[1] - w[0];
        over |= gap > if i == 0 { first } else { every };
        longest = longest.max(gap);
    }
    if over {
        Outcome::Gaps {
            times: kept.len(),
            longest,
            every,
        }
    } else {
        Outcome::Kept { times: kept.len() }
    }
}

/// Whether the process was followed, per held role and step, over the incident from its start
/// to its resolution: material for the review's discussion (the process may be what needs to
/// change), not a score.
pub fn followed(ws: &Workspace, incident: &Incident) -> Vec<RoleFollowed> {
    let end = end_of(incident);
    checklists(ws, incident, end)
        .into_iter()
        .filter(|c| !c.steps.is_empty())
        .map(|c| RoleFollowed {
            steps: c
                .steps
                .iter()
                .map(|s| {
                    let anchor = anchor_of(&s.step, c.start, incident);
                    let ticks: Vec<_> = s.tick_times().into_iter().filter(|t| *t <= end).collect();
                    let outcome = match s.step.every_minutes {
                        Some(every) => repeating(&s.step, every, anchor, &ticks, end),
                        None => once(&s.step, anchor, &ticks, end),
                    };
                    StepFollowed {
                        step_id: s.step.id.clone(),
                        text: s.step.text.clone(),
                        outcome,
                    }
                })
                .collect(),
            role_id: c.role_id,
            role_name: c.role_name,
        })
        .collect()
}

/// The review's "Process followed" section as text: per role, one line per step ("Post the
/// first status update: done 12 min late"). Empty when there is nothing to say (no process,
/// or no held role with a checklist).
pub fn followed_text(ws: &Workspace, incident: &Incident) -> Vec<(String, Vec<String>)> {
    followed(ws, incident)
        .into_iter()
        .map(|r| {
            let steps = r
                .steps
                .iter()
                .map(|s| format!("{}: {}", s.text, s.outcome.words()))
                .collect();
            (r.role_name, steps)
        })
        .collect()
}
