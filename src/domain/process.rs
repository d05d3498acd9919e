//! The team's written process, as a checklist per role: what each role does and does not do,
//! and the steps it takes, some with a time expectation ("within 15 min of taking the role"),
//! some repeating ("every 30 min for sev1–2"), some only for certain severities. During an
//! incident each step is done (on time or late), due, or late, worked out here with the time
//! as a parameter so the rules are the same on the desk, in the review and in tests.
//!
//! This module holds the rules and the built-in defaults written for a volunteer team; the
//! workspace file, the role board and the handbook build on it.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::defaults::{
    COMMITTEE_CHAIR, COMMS_LEAD, DEPLOYMENT_MANAGER, FIRST_LINE, INCIDENT_MANAGER, RELEASE_MANAGER, SCRIBE,
    SECOND_LINE, THIRD_LINE_LEAD,
};
use super::duration::human;
use super::model::Severity;

/// What a step's time expectation counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// When the holder took the role.
    RoleStart,
    /// When the incident started.
    IncidentStart,
}

/// One step of a role's checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: String,
    pub text: String,
    /// Expected within this many minutes of `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_minutes: Option<i64>,
    #[serde(default = "role_start")]
    pub from: Anchor,
    /// Repeats this often once first due (or from `from` when it has no first deadline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_minutes: Option<i64>,
    /// Only for these severities; empty means every severity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub severities: Vec<Severity>,
}

fn role_start() -> Anchor {
    Anchor::RoleStart
}

impl Step {
    /// Whether the step applies to an incident of this severity.
    pub fn applies(&self, severity: Severity) -> bool {
        self.severities.is_empty() || self.severities.contains(&severity)
    }
}

/// A role's duties, what it leaves to others, and its checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleProcess {
    pub role: String,
    #[serde(default)]
    pub duties: Vec<String>,
    /// What the role does *not* do ("coordinates; does not fix").
    #[serde(default)]
    pub not_duties: Vec<String>,
    #[serde(default)]
    pub checklist: Vec<Step>,
}

/// Where a step stands at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepState {
    /// Done at `at`; `late` when after its deadline.
    Done { at: DateTime<Utc>, late: bool },
    /// Not done yet, expected by `by` (or, with no deadline, whenever).
    Due { by: Option<DateTime<Utc>> },
    /// Past its deadline by `over`.
    Late { by: DateTime<Utc>, over: Duration },
}

/// Where `step` stands at `now`, given when its anchor was (`anchor`) and when it was ticked
/// (`ticks`, any order). A repeating step looks at its latest tick: due again `every` after it.
pub fn state(step: &Step, anchor: DateTime<Utc>, ticks: &[DateTime<Utc>], now: DateTime<Utc>) -> StepState {
    let first_by = step.within_minutes.map(|m| anchor + Duration::minutes(m));
    let last = ticks.iter().copied().filter(|t| *t <= now).max();
    match (step.every_minutes, last) {
        (Some(every), Some(t)) => {
            let by = t + Duration::minutes(every);
            if now > by {
                StepState::Late { by, over: now - by }
            } else {
                StepState::Due { by: Some(by) }
            }
        }
        (_, Some(t)) => StepState::Done {
            at: t,
            late: first_by.is_some_and(|by| t > by),
        },
        (every, None) => {
            let by = first_by.or(every.map(|e| anchor + Duration::minutes(e)));
            match by {
                Some(by) if now > by => StepState::Late { by, over: now - by },
                by => StepState::Due { by },
            }
        }
    }
}

/// A late step in words, for the top of the incident page: "Post a status update: 40 min
/// since the last; the cadence is 30 min."
pub fn late_words(
    step: &Step,
    ticks: &[DateTime<Utc>],
    st: &StepState,
    now: DateTime<Utc>,
) -> Option<String> {
    let StepState::Late { over, .. } = st else {
        return None;
    };
    let last = ticks.iter().copied().filter(|t| *t <= now).max();
    Some(match (step.every_minutes, last) {
        (Some(every), Some(t)) => format!(
            "{}: {} since the last; the cadence is {}.",
            step.text,
            human(now - t),
            human(Duration::minutes(every))
        ),
        _ => format!("{}: {} late.", step.text, human(*over)),
    })
}

fn step(
    id: &str,
    text: &str,
    within: Option<i64>,
    from: Anchor,
    every: Option<i64>,
    sev: &[Severity],
) -> Step {
    Step {
        id: id.into(),
        text: text.into(),
        within_minutes: within,
        from,
        every_minutes: every,
        severities: sev.to_vec(),
    }
}

fn role(id: &str, duties: &[&str], not_duties: &[&str], checklist: Vec<Step>) -> RoleProcess {
    let own = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
    RoleProcess {
        role: id.into(),
        duties: own(duties),
        not_duties: own(not_duties),
        checklist,
    }
}

/// The built-in process, written for a volunteer team; every word of it is the team's to edit.
pub fn default_roles() -> Vec<RoleProcess> {
    use Anchor::*;
    use Severity::*;
    vec![
        role(
            INCIDENT_MANAGER,
            &[
                "Coordinates the response: who does what, and what happens next.",
                "Decides on severity, escalation and when the incident is resolved.",
                "Hands the role over explicitly before leaving or sleeping.",
            ],
            &["Does not fix things: the 3rd line does, so someone keeps the overview."],
            vec![
                step(
                    "im-roles",
                    "Name a communications lead and a scribe",
                    Some(10),
                    RoleStart,
                    None,
                    &[],
                ),
                step(
                    "im-severity",
                    "Confirm the severity against the policy",
                    Some(15),
                    RoleStart,
                    None,
                    &[],
                ),
                step(
                    "im-escalate",
                    "Decide whether to wake the 3rd line",
                    Some(15),
                    IncidentStart,
                    None,
                    &[Sev1, Sev2],
                ),
                step(
                    "im-checkpoint",
                    "Check in with every role holder",
                    None,
                    RoleStart,
                    Some(60),
                    &[Sev1, Sev2],
                ),
            ],
        ),
        role(
            COMMS_LEAD,
            &["Tells users and the team what is happening, in plain words, on a steady rhythm."],
            &["Does not investigate; asks the incident manager for what can be said."],
            vec![
                step(
                    "comms-first",
                    "Post the first status update",
                    Some(15),
                    IncidentStart,
                    None,
                    &[],
                ),
                step(
                    "comms-update",
                    "Post a status update",
                    None,
                    RoleStart,
                    Some(30),
                    &[Sev1, Sev2],
                ),
            ],
        ),
        role(
            SCRIBE,
            &["Keeps the timeline: what was seen, decided and done, with its time."],
            &["Does not decide; writes down who did."],
            vec![step(
                "scribe-start",
                "Note how the incident was detected",
                Some(10),
                RoleStart,
                None,
                &[],
            )],
        ),
        role(
            FIRST_LINE,
            &["Answers users, triages reports and passes on what is new."],
            &["Does not change production."],
            vec![step(
                "l1-escalate",
                "Escalate to the 2nd line with what users report",
                Some(15),
                RoleStart,
                None,
                &[],
            )],
        ),
        role(
            SECOND_LINE,
            &["Reproduces and diagnoses; applies known fixes and workarounds."],
            &["Does not make risky changes without the incident manager."],
            vec![step(
                "l2-escalate",
                "Escalate to the 3rd line if no progress",
                Some(30),
                RoleStart,
                None,
                &[],
            )],
        ),
        role(
            THIRD_LINE_LEAD,
            &["Leads the fix on the systems themselves."],
            &["Does not run the incident or talk to users: that frees them to fix."],
            vec![step(
                "l3-plan",
                "Tell the incident manager the plan and its risk",
                Some(20),
                RoleStart,
                None,
                &[],
            )],
        ),
        role(
            RELEASE_MANAGER,
            &["Decides whether a release goes out, and whether it is rolled back."],
            &["Does not deploy it: the deployment manager does."],
            vec![],
        ),
        role(
            DEPLOYMENT_MANAGER,
            &["Deploys the release and watches it land."],
            &["Does not decide to ship it."],
            vec![],
        ),
        role(
            COMMITTEE_CHAIR,
            &["Speaks for the team outside the incident; keeps the process itself in shape."],
            &["Does not run incidents while chairing: the two pull attention apart."],
            vec![],
        ),
    ]
}
