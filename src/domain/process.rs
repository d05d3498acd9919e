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
            &["Watches the support queue and the channels; says in the incident what users report."],
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
            &["Tries the known fixes first and writes down each one tried, so nobody tries it twice."],
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

/// What a severity asks of the team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeverityPolicy {
    pub severity: Severity,
    /// Who is called, in words.
    pub call: String,
    /// Whether people are woken for it at night.
    pub wake_at_night: bool,
    /// How often the communications lead updates users, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_every_minutes: Option<i64>,
    /// When to declare one.
    pub declare_when: String,
}

/// One step up the escalation path: from a role to the next, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Escalation {
    pub from: String,
    pub to: String,
    /// After this many minutes without progress.
    pub after_minutes: i64,
    /// At once for these severities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub at_once_for: Vec<Severity>,
}

/// The stages a release goes through, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Plan,
    GoNoGo,
    Deploy,
    Verify,
    Finish,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Plan,
        Stage::GoNoGo,
        Stage::Deploy,
        Stage::Verify,
        Stage::Finish,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Stage::Plan => "Plan",
            Stage::GoNoGo => "Go / no-go",
            Stage::Deploy => "Deploy",
            Stage::Verify => "Verify",
            Stage::Finish => "Done or roll back",
        }
    }
}

/// One step of the release checklist, owned by the release or the deployment manager.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReleaseStep {
    pub id: String,
    pub stage: Stage,
    /// The role that owns it.
    pub owner: String,
    pub text: String,
}

/// The built-in severity policy; the team's severity descriptions stay the "what it means".
pub fn default_severities() -> Vec<SeverityPolicy> {
    use Severity::*;
    let p = |severity, call: &str, wake_at_night, every: Option<i64>, when: &str| SeverityPolicy {
        severity,
        call: call.into(),
        wake_at_night,
        update_every_minutes: every,
        declare_when: when.into(),
    };
    vec![
        p(
            Sev1,
            "An incident manager and the 3rd line at once, and the committee chair",
            true,
            Some(30),
            "The site is down or data is at risk: declare at once, even on a hunch.",
        ),
        p(
            Sev2,
            "An incident manager and the 2nd line; the 3rd line if no progress in 30 min",
            true,
            Some(30),
            "A core feature is broken for many users: declare within 15 minutes of knowing.",
        ),
        p(
            Sev3,
            "The 1st and 2nd line in working hours",
            false,
            Some(120),
            "A feature is degraded or has a workaround: declare when someone starts working on it.",
        ),
        p(
            Sev4,
            "Nobody is called; it goes in the queue",
            false,
            None,
            "Cosmetic or internal: track it as an issue rather than an incident, unless it grows.",
        ),
    ]
}

/// The built-in escalation path: 1st line → 2nd → 3rd → incident manager.
pub fn default_escalation() -> Vec<Escalation> {
    use Severity::*;
    let e = |from: &str, to: &str, after, at_once: &[Severity]| Escalation {
        from: from.into(),
        to: to.into(),
        after_minutes: after,
        at_once_for: at_once.to_vec(),
    };
    vec![
        e(FIRST_LINE, SECOND_LINE, 15, &[Sev1, Sev2]),
        e(SECOND_LINE, THIRD_LINE_LEAD, 30, &[Sev1]),
        e(THIRD_LINE_LEAD, INCIDENT_MANAGER, 30, &[Sev1, Sev2]),
    ]
}

/// The built-in release checklist, stage by stage.
pub fn default_release() -> Vec<ReleaseStep> {
    use Stage::*;
    let s = |id: &str, stage, owner: &str, text: &str| ReleaseStep {
        id: id.into(),
        stage,
        owner: owner.into(),
        text: text.into(),
    };
    vec![
        s(
            "rel-notes",
            Plan,
            RELEASE_MANAGER,
            "Write what changes and how to roll it back",
        ),
        s(
            "rel-window",
            Plan,
            RELEASE_MANAGER,
            "Pick a window when the deployment manager and a 3rd line person are awake",
        ),
        s(
            "rel-go",
            GoNoGo,
            RELEASE_MANAGER,
            "Record go or no-go, with who decided and when",
        ),
        s(
            "rel-deploy",
            Deploy,
            DEPLOYMENT_MANAGER,
            "Deploy, and say so in the team channel",
        ),
        s(
            "rel-verify",
            Verify,
            DEPLOYMENT_MANAGER,
            "Check the error rate and the key pages for 15 minutes",
        ),
        s(
            "rel-finish",
            Finish,
            RELEASE_MANAGER,
            "Mark it deployed, or roll it back and say why",
        ),
    ]
}

/// A dated line of the process's changelog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub at: DateTime<Utc>,
    pub text: String,
}

/// The team's whole process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Process {
    #[serde(default)]
    pub roles: Vec<RoleProcess>,
    #[serde(default)]
    pub severities: Vec<SeverityPolicy>,
    #[serde(default)]
    pub escalation: Vec<Escalation>,
    #[serde(default)]
    pub release: Vec<ReleaseStep>,
    #[serde(default)]
    pub changelog: Vec<Change>,
}

/// The built-in process, offered to a team that has none written down yet.
pub fn default_process() -> Process {
    Process {
        roles: default_roles(),
        severities: default_severities(),
        escalation: default_escalation(),
        release: default_release(),
        changelog: vec![],
    }
}

/// "sev1–sev2", "sev3": the severities a step is for, in words.
fn severities_words(s: &[Severity]) -> String {
    let mut v: Vec<&str> = s.iter().map(|x| x.as_str()).collect();
    v.sort_unstable();
    match v.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [first, .., last] => format!("{first}–{last}"),
    }
}

/// When a step is expected, in words: "within 15 min of the incident's start, for sev1–sev2".
pub fn when_words(step: &Step) -> String {
    let from = match step.from {
        Anchor::RoleStart => "of taking the role",
        Anchor::IncidentStart => "of the incident's start",
    };
    let mut parts = vec![];
    if let Some(m) = step.within_minutes {
        parts.push(format!("within {} {from}", human(Duration::minutes(m))));
    }
    if let Some(m) = step.every_minutes {
        parts.push(format!("every {}", human(Duration::minutes(m))));
    }
    if !step.severities.is_empty() {
        parts.push(format!("for {}", severities_words(&step.severities)));
    }
    parts.join(", ")
}
