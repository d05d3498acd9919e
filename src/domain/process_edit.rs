//! Changing the written process: taking up the suggested one, editing a role's checklist and
//! duties. Every change is stamped for merging and dated in the process's changelog in words,
//! so the team can see how its process grew.

use chrono::{DateTime, Utc};

use super::assign::role_name;
use super::model::{new_id, Extra, Severity, Workspace};
use super::process::{default_process, when_words, Anchor, Change, Process, RoleProcess, Step};
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
        sev.sort_unstable();
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
