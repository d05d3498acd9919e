//! Declaring an incident from what a person typed: the form's checks, in the order the form shows
//! its fields, then the declaration and its after-the-fact mark as one step.

use std::fmt;

use chrono::{DateTime, Duration, Utc};

use super::assign::DomainResult;
use super::incident;
use super::model::Severity;

/// A time field as typed: left empty, not a date and time, or an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    Empty,
    NotATime,
    At(DateTime<Utc>),
}

/// The declare form's fields, times already read in the zone the person chose.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub title: String,
    pub severity: Option<Severity>,
    pub started: Typed,
    pub detected: Typed,
    /// Comma-separated, as typed.
    pub services: String,
    pub summary: String,
    /// Recorded after the fact: times typed later stay where they were put.
    pub after_the_fact: bool,
}

/// A draft that passed the form's checks, ready for [`declare`].
#[derive(Clone, Debug, PartialEq)]
pub struct Declaration {
    pub title: String,
    pub severity: Severity,
    pub started: DateTime<Utc>,
    pub detected: Option<DateTime<Utc>>,
    pub services: Vec<String>,
    pub summary: String,
    pub after_the_fact: bool,
}

/// What the form itself refuses, before the domain's rules for incidents are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftError {
    NoSeverity,
    NoStart,
    BadDetected,
}

impl DraftError {
    /// The field the sentence is shown next to.
    pub fn field(self) -> &'static str {
        match self {
            DraftError::NoSeverity => "severity",
            DraftError::NoStart => "started",
            DraftError::BadDetected => "detected",
        }
    }
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DraftError::NoSeverity => "Choose a severity: it tells people how fast to respond.",
            DraftError::NoStart => "Enter when it started as a date and time.",
            DraftError::BadDetected => "Enter when it was detected as a date and time, or leave it empty.",
        })
    }
}

/// The form shows minutes, so a time typed as "now" can be up to a minute ahead of `now`: it
/// means now, not the future the domain refuses.
pub fn typed_now(t: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    if t > now && t - now < Duration::minutes(1) {
        now
    } else {
        t
    }
}

/// Checks a draft field by field, top to bottom, and stops at the first problem, like the form.
pub fn check(draft: Draft, now: DateTime<Utc>) -> Result<Declaration, DraftError> {
    let severity = draft.severity.ok_or(DraftError::NoSeverity)?;
    let Typed::At(started) = draft.started else {
        return Err(DraftError::NoStart);
    };
    let detected = match draft.detected {
        Typed::Empty => None,
        Typed::NotATime => return Err(DraftError::BadDetected),
        Typed::At(t) => Some(typed_now(t, now)),
    };
    Ok(Declaration {
        title: draft.title,
        severity,
        started: typed_now(started, now),
        detected,
        services: draft.services.split(',').map(str::to_string).collect(),
        summary: draft.summary,
        after_the_fact: draft.after_the_fact,
    })
}

/// Declares the incident and marks it as recorded after the fact if it was; returns its id. On
/// `Err` the caller drops the half-changed workspace (the UI's `try_update` does).
pub fn declare(ws: &mut super::Workspace, d: Declaration, now: DateTime<Utc>) -> DomainResult<String> {
    let id = incident::declare(
        ws, &d.title, d.severity, d.started, d.detected, d.services, &d.summary, None, now,
    )?;
    incident::set_backfill(ws, &id, d.after_the_fact, now)?;
    Ok(id)
}
