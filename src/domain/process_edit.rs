//! Changing the written process: taking up the suggested one, editing a role's checklist and
//! duties. Every change is stamped for merging and dated in the process's changelog in words,
//! so the team can see how its process grew.

use crate::domain::order;
use chrono::{DateTime, Utc};

use super::assign::role_name;
use super::duration::human;
use super::model::{new_id, Extra, Severity, Workspace};
use super::process::{
    default_process, minutes, when_words, Anchor, Change, Escalation, Process, ReleaseStep, RoleProcess,
    SeverityPolicy, Stage, Step,
};
use super::refusal::{DomainError, DomainResult, Field};

/// A checklist step as a form fills it in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepDraft {
    pub text: String,
    pub within_minutes: Option<u32>,
    pub from: Anchor,
    pub every_minutes: Option<u32>,
    pub severities: Vec<Severity>,
}

impl StepDraft {
    pub fn of(step: &Step) -> StepDraft {
        StepDraft {
            text: step.text.clone(),
            within_minutes: step.within_minutes,
            from: step.from,
            every_minutes: step.every_minutes,
            severities: step.severities.clone(),
        }
    }

    fn check(&self) -> DomainResult<()> {
        if self.text.trim().is_empty() {
            return Err(DomainError::StepTextMissing);
        }
        if self.every_minutes == Some(0) {
            return Err(DomainError::CadenceZero);
        }
        Ok(())
    }

    fn apply(&self, step: &mut Step) {
        step.text = self.text.trim().to_string();
        step.within_minutes = self.within_minutes;
        step.from = self.from;
        step.every_minutes = self.every_minutes;
        let mut sev = self.severities.clone();
        order::sort(&mut sev);
        sev.dedup();
        step.severities = sev;
    }
}

/// Minutes typed in a form: empty is none; anything but a whole number of 0 or more is refused
/// as belonging to `field`.
pub fn read_minutes(text: &str, field: Field) -> DomainResult<Option<u32>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u32>()
        .map(Some)
        .map_err(|_| DomainError::MinutesInvalid(field))
}

/// Takes up Hatrack's suggested process when the team has none yet; false when it has one.
pub fn take_up(ws: &mut Workspace, now: DateTime<Utc>, by: Option<&str>) -> bool {
    if ws.process.is_some() {
        return false;
    }
    let mut p = default_process();
    log(&mut p, now, by, "Took up Hatrack's suggested process.".into());
    ws.process = Some(p);
    true
}

/// Adds a step to a role's checklist (`step_id` None) or changes one; returns the step's id.
pub fn save_step(
    ws: &mut Workspace,
    role: &str,
    step_id: Option<&str>,
    draft: &StepDraft,
    now: DateTime<Utc>,
    by: Option<&str>,
) -> DomainResult<String> {
    draft.check()?;
    let name = live_role_name(ws, role)?;
    take_up(ws, now, by);
    let p = ws.process.as_mut().expect("taken up above");
    let rp = role_process(p, role, now);
    let line = match step_id {
        None => {
            let mut step = Step {
                id: new_id("step"),
                text: String::new(),
                within_minutes: None,
                from: Anchor::RoleStart,
                every_minutes: None,
                severities: vec![],
                extra: Extra::new(),
            };
            draft.apply(&mut step);
            let line = format!(
                "{name}: added \u{201c}{}\u{201d}{}.",
                step.text,
                when_suffix(&step)
            );
            rp.checklist.push(step);
            (line, rp.checklist.last().map(|s| s.id.clone()))
        }
        Some(id) => {
            let step = rp
                .checklist
                .iter_mut()
                .find(|s| s.id == id)
                .ok_or(DomainError::StepGone)?;
            let before = step.clone();
            draft.apply(step);
            if *step == before {
                return Ok(id.to_string());
            }
            (changed_words(&name, &before, step), Some(id.to_string()))
        }
    };
    rp.updated_at = Some(now);
    let (text, id) = line;
    log(p, now, by, text);
    Ok(id.unwrap_or_default())
}

/// Takes a step out of a role's checklist. Its ticks on past incidents stay on their timelines.
pub fn remove_step(
    ws: &mut Workspace,
    role: &str,
    step_id: &str,
    now: DateTime<Utc>,
    by: Option<&str>,
) -> DomainResult<()> {
    let name = live_role_name(ws, role)?;
    let p = ws.process.as_mut().ok_or(DomainError::StepGone)?;
    let rp = p
        .roles
        .iter_mut()
        .find(|r| r.role == role && r.deleted_at.is_none())
        .ok_or(DomainError::StepGone)?;
    let i = rp
        .checklist
        .iter()
        .position(|s| s.id == step_id)
        .ok_or(DomainError::StepGone)?;
    let step = rp.checklist.remove(i);
    rp.updated_at = Some(now);
    log(
        p,
        now,
        by,
        format!("{name}: removed \u{201c}{}\u{201d}.", step.text),
    );
    Ok(())
}

/// Rewrites what a role does and does not do, one duty a line (empty lines left out).
pub fn set_duties(
    ws: &mut Workspace,
    role: &str,
    duties: &str,
    not_duties: &str,
    now: DateTime<Utc>,
    by: Option<&str>,
) -> DomainResult<()> {
    let name = live_role_name(ws, role)?;
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (duties, not_duties) = (lines(duties), lines(not_duties));
    if ws.process.as_ref().is_some_and(|p| {
        p.roles.iter().any(|r| {
            r.role == role && r.deleted_at.is_none() && r.duties == duties && r.not_duties == not_duties
        })
    }) {
        return Ok(());
    }
    take_up(ws, now, by);
    let p = ws.process.as_mut().expect("taken up above");
    let rp = role_process(p, role, now);
    rp.duties = duties;
    rp.not_duties = not_duties;
    rp.updated_at = Some(now);
    log(p, now, by, format!("{name}: duties rewritten."));
    Ok(())
}

/// What a severity asks of the team, as its form fills it in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyDraft {
    pub call: String,
    pub wake_at_night: bool,
    pub update_every_minutes: Option<u32>,
    pub declare_when: String,
}

impl PolicyDraft {
    pub fn of(p: &SeverityPolicy) -> PolicyDraft {
        PolicyDraft {
            call: p.call.clone(),
            wake_at_night: p.wake_at_night,
            update_every_minutes: p.update_every_minutes,
            declare_when: p.declare_when.clone(),
        }
    }
}

/// Rewrites what a severity asks of the team; the changelog says what changed.
pub fn set_policy(
    ws: &mut Workspace,
    severity: Severity,
    draft: &PolicyDraft,
    now: DateTime<Utc>,
    by: Option<&str>,
) -> DomainResult<()> {
    if draft.update_every_minutes == Some(0) {
        return Err(DomainError::CadenceZero);
    }
    let current = ws
        .process
        .clone()
        .unwrap_or_else(default_process)
        .severities
        .into_iter()
        .find(|p| p.severity == severity && p.deleted_at.is_none());
    let before = current.as_ref().map(PolicyDraft::of);
    let after = PolicyDraft {
        call: draft.call.trim().to_string(),
        declare_when: draft.declare_when.trim().to_string(),
        ..draft.clone()
    };
    if before.as_ref() == Some(&after) {
        return Ok(());
    }
    take_up(ws, now, by);
    let p = ws.process.as_mut().expect("taken up above");
    let i = match p.severities.iter().position(|x| x.severity == severity) {
        Some(i) => i,
        None => {
            p.severities.push(SeverityPolicy {
                severity,
                call: String::new(),
                wake_at_night: false,
                update_every_minutes: None,
                declare_when: String::new(),
                updated_at: None,
                deleted_at: None,
                extra: Extra::new(),
            });
            p.severities.len() - 1
        }
    };
    let policy = &mut p.severities[i];
    policy.call = after.call.clone();
    policy.wake_at_night = after.wake_at_night;
    policy.update_every_minutes = after.update_every_minutes;
    policy.declare_when = after.declare_when.clone();
    policy.deleted_at = None;
    policy.updated_at = Some(now);
    let text = policy_words(severity, before.as_ref(), &after);
    log(p, now, by, text);
    Ok(())
}

/// "sev2: updates every 20 min (was every 30 min); wakes people at night."
fn policy_words(severity: Severity, before: Option<&PolicyDraft>, after: &PolicyDraft) -> String {
    let every = |m: Option<u32>| {
        m.map_or("no set rhythm".to_string(), |m| {
            format!("every {}", human(minutes(m)))
        })
    };
    let mut parts = vec![];
    if before.is_none_or(|b| b.call != after.call) {
        parts.push(format!("calls {}", after.call));
    }
    if before.is_none_or(|b| b.wake_at_night != after.wake_at_night) {
        parts.push(
            if after.wake_at_night {
                "wakes people at night"
            } else {
                "waits for the morning"
            }
            .to_string(),
        );
    }
    if let Some(b) = before.filter(|b| b.update_every_minutes != after.update_every_minutes) {
        parts.push(format!(
            "updates {} (was {})",
            every(after.update_every_minutes),
            every(b.update_every_minutes)
        ));
    } else if before.is_none() {
        parts.push(format!("updates {}", every(after.update_every_minutes)));
    }
    if before.is_none_or(|b| b.declare_when != after.declare_when) {
        parts.push(format!("declare: {}", after.declare_when));
    }
    format!(
        "{}: {}.",
        severity.as_str(),
        parts.join("; ").trim_end_matches('.')
    )
}

fn live_role_name(ws: &Workspace, role: &str) -> DomainResult<String> {
    if ws.roles.iter().any(|r| r.id == role && r.deleted_at.is_none()) {
        Ok(role_name(ws, role))
    } else {
        Err(DomainError::RoleGone)
    }
}

/// The role's entry in the process, made when it has none (or its entry was deleted).
fn role_process<'a>(p: &'a mut Process, role: &str, now: DateTime<Utc>) -> &'a mut RoleProcess {
    let i = match p.roles.iter().position(|r| r.role == role) {
        Some(i) => {
            let r = &mut p.roles[i];
            if r.deleted_at.take().is_some() {
                r.duties.clear();
                r.not_duties.clear();
                r.checklist.clear();
            }
            i
        }
        None => {
            p.roles.push(RoleProcess {
                role: role.to_string(),
                duties: vec![],
                not_duties: vec![],
                checklist: vec![],
                updated_at: Some(now),
                deleted_at: None,
                extra: Extra::new(),
            });
            p.roles.len() - 1
        }
    };
    &mut p.roles[i]
}

fn log(p: &mut Process, now: DateTime<Utc>, by: Option<&str>, text: String) {
    p.changelog.push(Change {
        id: new_id("chg"),
        at: now,
        text,
        by: by.map(str::to_string),
        extra: Extra::new(),
    });
}

/// " (within 15 min of taking the role)", or nothing for a step with no expectation.
fn when_suffix(step: &Step) -> String {
    let w = when_words(step);
    if w.is_empty() {
        w
    } else {
        format!(" ({w})")
    }
}

/// "Incident manager: “Confirm the severity” now within 10 min of taking the role (was within
/// 15 min of taking the role)."
fn changed_words(role: &str, before: &Step, after: &Step) -> String {
    let mut s = format!("{role}: \u{201c}{}\u{201d}", before.text);
    if before.text != after.text {
        s.push_str(&format!(" is now \u{201c}{}\u{201d}", after.text));
    }
    let (was, now) = (when_words(before), when_words(after));
    if was != now {
        let word = |w: &str| {
            if w.is_empty() {
                "with no time set".to_string()
            } else {
                w.to_string()
            }
        };
        let join = if before.text != after.text { ", " } else { " now " };
        s.push_str(&format!("{join}{} (was {})", word(&now), word(&was)));
    }
    s.push('.');
    s
}

/// Rewrites one step of the escalation path: from `from` to `to` after `after_minutes`
/// without progress, at once for `at_once_for`.
pub fn set_escalation(
    ws: &mut Workspace,
    from: &str,
    to: &str,
    after_minutes: u32,
    at_once_for: &[Severity],
    now: DateTime<Utc>,
    by: Option<&str>,
) -> DomainResult<()> {
    live_role_name(ws, from)?;
    live_role_name(ws, to)?;
    let mut sev = at_once_for.to_vec();
    order::sort(&mut sev);
    sev.dedup();
    let mut next = Escalation {
        from: from.to_string(),
        to: to.to_string(),
        after_minutes,
        at_once_for: sev,
        updated_at: Some(now),
        deleted_at: None,
        extra: Extra::new(),
    };
    let current = ws
        .process
        .clone()
        .unwrap_or_else(default_process)
        .escalation
        .into_iter()
        .find(|e| e.from == from && e.deleted_at.is_none());
    let unchanged = |e: &Escalation| {
        e.to == next.to && e.after_minutes == next.after_minutes && e.at_once_for == next.at_once_for
    };
    if current.as_ref().is_some_and(unchanged) {
        return Ok(());
    }
    take_up(ws, now, by);
    let text = format!("Escalation: {}.", super::handbook::escalation_sentence(ws, &next));
    let text = match &current {
        Some(was) => format!(
            "{} (was: {}).",
            text.trim_end_matches('.'),
            super::handbook::escalation_sentence(ws, was)
        ),
        None => text,
    };
    let p = ws.process.as_mut().expect("taken up above");
    match p.escalation.iter_mut().find(|e| e.from == from) {
        Some(e) => {
            next.extra = std::mem::take(&mut e.extra);
            *e = next;
        }
        None => p.escalation.push(next),
    }
    log(p, now, by, text);
    Ok(())
}

/// Adds a step to the release checklist (`id` None) or changes one; returns its id.
pub fn save_release_step(
    ws: &mut Workspace,
    id: Option<&str>,
    stage: Stage,
    owner: &str,
    text: &str,
    now: DateTime<Utc>,
    by: Option<&str>,
) -> DomainResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DomainError::StepTextMissing);
    }
    let owner_name = live_role_name(ws, owner)?;
    take_up(ws, now, by);
    let p = ws.process.as_mut().expect("taken up above");
    let line = match id {
        None => {
            let id = new_id("rel");
            p.release.push(ReleaseStep {
                id: id.clone(),
                stage,
                owner: owner.to_string(),
                text: text.to_string(),
                updated_at: Some(now),
                deleted_at: None,
                extra: Extra::new(),
            });
            (
                format!(
                    "Release, {}: added \u{201c}{text}\u{201d} ({owner_name}).",
                    stage.label()
                ),
                id,
            )
        }
        Some(id) => {
            let s = p
                .release
                .iter_mut()
                .find(|s| s.id == id && s.deleted_at.is_none())
                .ok_or(DomainError::StepGone)?;
            if s.stage == stage && s.owner == owner && s.text == text {
                return Ok(id.to_string());
            }
            let was = s.text.clone();
            (s.stage, s.owner, s.text) = (stage, owner.to_string(), text.to_string());
            s.updated_at = Some(now);
            (
                format!(
                    "Release, {}: \u{201c}{was}\u{201d} is now \u{201c}{text}\u{201d} ({owner_name}).",
                    stage.label()
                ),
                id.to_string(),
            )
        }
    };
    log(p, now, by, line.0);
    Ok(line.1)
}

/// Takes a step out of the release checklist; the step is kept as a tombstone, so merging an
/// older copy of the file does not bring it back.
pub fn remove_release_step(
    ws: &mut Workspace,
    id: &str,
    now: DateTime<Utc>,
    by: Option<&str>,
) -> DomainResult<()> {
    let p = ws.process.as_mut().ok_or(DomainError::StepGone)?;
    let s = p
        .release
        .iter_mut()
        .find(|s| s.id == id && s.deleted_at.is_none())
        .ok_or(DomainError::StepGone)?;
    s.deleted_at = Some(now);
    s.updated_at = Some(now);
    let text = format!(
        "Release, {}: removed \u{201c}{}\u{201d}.",
        s.stage.label(),
        s.text
    );
    log(p, now, by, text);
    Ok(())
}
