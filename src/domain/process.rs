//! The team's written process, as a checklist per role: what each role does and does not do,
//! and the steps it takes, some with a time expectation ("within 15 min of taking the role"),
//! some repeating ("every 30 min for sev1–2"), some only for certain severities. During an
//! incident each step is done (on time or late), due, or late, worked out here with the time
//! as a parameter so the rules are the same on the desk, in the review and in tests.
//!
//! This module holds the rules and the built-in defaults written for a volunteer team; the
//! workspace file, the role board and the handbook build on it.

use crate::domain::order;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::defaults::{
    COMMITTEE_CHAIR, COMMS_LEAD, DEPLOYMENT_MANAGER, FIRST_LINE, INCIDENT_MANAGER, RELEASE_MANAGER, SCRIBE,
    SECOND_LINE, THIRD_LINE_LEAD,
};
use super::duration::human;
use super::model::{Extra, Severity};
use super::record::{record, text_enum};

/// What a step's time expectation counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// When the holder took the role.
    RoleStart,
    /// When the incident started.
    IncidentStart,
}

impl Anchor {
    pub const ALL: [Anchor; 2] = [Anchor::RoleStart, Anchor::IncidentStart];
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::RoleStart => "role-start",
            Anchor::IncidentStart => "incident-start",
        }
    }
    pub fn parse(s: &str) -> Option<Anchor> {
        Anchor::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

record! {
    /// One step of a role's checklist.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Step {
        /// Unique within the whole process: a tick on the timeline names it.
        pub id: String;
        pub text: String;
        /// Expected within this many minutes of `from`.
        pub within_minutes: Option<u32> = None, skip_if Option::is_none;
        pub from: Anchor = Anchor::RoleStart;
        /// Repeats this often once first due (or from `from` when it has no first deadline).
        pub every_minutes: Option<u32> = None, skip_if Option::is_none;
        /// Only for these severities; empty means every severity.
        pub severities: Vec<Severity> = vec![], skip_if Vec::is_empty;
    }
}

text_enum!(Anchor, Stage);

impl Step {
    /// Whether the step applies to an incident of this severity.
    pub fn applies(&self, severity: Severity) -> bool {
        self.severities.is_empty() || self.severities.contains(&severity)
    }
}

record! {
    /// A role's duties, what it leaves to others, and its checklist; one per role, keyed by it.
    #[derive(Clone, Debug, PartialEq)]
    pub struct RoleProcess {
        /// The id of the role.
        pub role: String;
        pub duties: Vec<String> = vec![];
        /// What the role does *not* do ("coordinates; does not fix").
        pub not_duties: Vec<String> = vec![];
        pub checklist: Vec<Step> = vec![];
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
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
    let first_by = step.within_minutes.map(|m| anchor + minutes(m));
    let last = ticks.iter().copied().filter(|t| *t <= now).max();
    match (step.every_minutes, last) {
        (Some(every), Some(t)) => {
            let by = t + minutes(every);
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
            let by = first_by.or(every.map(|e| anchor + minutes(e)));
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
            human(minutes(every))
        ),
        _ => format!("{}: {} late.", step.text, human(*over)),
    })
}

/// Minutes as a duration.
pub fn minutes(m: u32) -> Duration {
    Duration::minutes(i64::from(m))
}

fn step(
    id: &str,
    text: &str,
    within: Option<u32>,
    from: Anchor,
    every: Option<u32>,
    sev: &[Severity],
) -> Step {
    Step {
        id: id.into(),
        text: text.into(),
        within_minutes: within,
        from,
        every_minutes: every,
        severities: sev.to_vec(),
        extra: Extra::new(),
    }
}

fn role(id: &str, duties: &[&str], not_duties: &[&str], checklist: Vec<Step>) -> RoleProcess {
    let own = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
    RoleProcess {
        role: id.into(),
        duties: own(duties),
        not_duties: own(not_duties),
        checklist,
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
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

record! {
    /// What a severity asks of the team; one per severity, keyed by it.
    #[derive(Clone, Debug, PartialEq)]
    pub struct SeverityPolicy {
        pub severity: Severity;
        /// Who is called, in words.
        pub call: String = String::new();
        /// Whether people are woken for it at night.
        pub wake_at_night: bool = false;
        /// How often the communications lead updates users, in minutes.
        pub update_every_minutes: Option<u32> = None, skip_if Option::is_none;
        /// When to declare one.
        pub declare_when: String = String::new();
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
}

record! {
    /// One step up the escalation path: from a role to the next, and when; keyed by `from`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Escalation {
        pub from: String;
        pub to: String;
        /// After this many minutes without progress.
        pub after_minutes: u32;
        /// At once for these severities.
        pub at_once_for: Vec<Severity> = vec![], skip_if Vec::is_empty;
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
}

/// The stages a release goes through, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Plan => "plan",
            Stage::GoNoGo => "go-no-go",
            Stage::Deploy => "deploy",
            Stage::Verify => "verify",
            Stage::Finish => "finish",
        }
    }
    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|v| v.as_str() == s)
    }
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

record! {
    /// One step of the release checklist, owned by the release or the deployment manager.
    #[derive(Clone, Debug, PartialEq)]
    pub struct ReleaseStep {
        pub id: String;
        pub stage: Stage;
        /// The role that owns it.
        pub owner: String;
        pub text: String;
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
}

/// The built-in severity policy; the team's severity descriptions stay the "what it means".
pub fn default_severities() -> Vec<SeverityPolicy> {
    use Severity::*;
    let p = |severity, call: &str, wake_at_night, every: Option<u32>, when: &str| SeverityPolicy {
        severity,
        call: call.into(),
        wake_at_night,
        update_every_minutes: every,
        declare_when: when.into(),
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
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
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
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
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
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

record! {
    /// A dated line of the process's changelog: written once, kept.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Change {
        pub id: String;
        pub at: DateTime<Utc>;
        pub text: String;
        /// The person who made the change, when known.
        pub by: Option<String> = None, skip_if Option::is_none;
    }
}

record! {
    /// The team's whole process (Hatrack extension `process`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct Process {
        pub roles: Vec<RoleProcess> = vec![];
        pub severities: Vec<SeverityPolicy> = vec![];
        pub escalation: Vec<Escalation> = vec![];
        pub release: Vec<ReleaseStep> = vec![];
        pub changelog: Vec<Change> = vec![];
    }
}

impl Process {
    /// The process without its tombstones: what the handbook shows and exports.
    pub fn live(&self) -> Process {
        Process {
            roles: self
                .roles
                .iter()
                .filter(|r| r.deleted_at.is_none())
                .cloned()
                .collect(),
            severities: self
                .severities
                .iter()
                .filter(|s| s.deleted_at.is_none())
                .cloned()
                .collect(),
            escalation: self
                .escalation
                .iter()
                .filter(|e| e.deleted_at.is_none())
                .cloned()
                .collect(),
            release: self
                .release
                .iter()
                .filter(|s| s.deleted_at.is_none())
                .cloned()
                .collect(),
            changelog: self.changelog.clone(),
            extra: self.extra.clone(),
        }
    }
}

/// The built-in process, offered to a team that has none written down yet.
pub fn default_process() -> Process {
    Process {
        roles: default_roles(),
        severities: default_severities(),
        escalation: default_escalation(),
        release: default_release(),
        changelog: vec![],
        extra: Extra::new(),
    }
}

/// "sev1–sev2", "sev3": the severities a step is for, in words.
fn severities_words(s: &[Severity]) -> String {
    let mut v: Vec<&str> = s.iter().map(|x| x.as_str()).collect();
    order::sort(&mut v);
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
        parts.push(format!("within {} {from}", human(minutes(m))));
    }
    if let Some(m) = step.every_minutes {
        parts.push(format!("every {}", human(minutes(m))));
    }
    if !step.severities.is_empty() {
        parts.push(format!("for {}", severities_words(&step.severities)));
    }
    parts.join(", ")
}
