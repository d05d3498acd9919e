//! Away periods: the days a person is not available (holiday, exams), on their own calendar.
//!
//! A period `from`..=`to` covers whole days on the person's own clock, so someone in Kolkata
//! away from 1 December is away from 18:30 UTC on 30 November. The role board warns before
//! giving someone away a role; hand-over suggestions and the rota planner never pick them.

use crate::domain::order;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{Away, Person, Workspace};
use super::refusal::{DomainError, DomainResult};
use super::zones::{start_of_day, Zones};

/// The instants a period covers, `[start, end)`, on the person's clock.
pub fn span(zones: &dyn Zones, person: &Person, a: &Away) -> (DateTime<Utc>, DateTime<Utc>) {
    let zone = person.timezone.as_deref();
    let end_day = a.to.succ_opt().unwrap_or(a.to);
    (
        start_of_day(zones, zone, a.from),
        start_of_day(zones, zone, end_day),
    )
}

/// The away period `person` is in at `t`, if any (the first listed, when periods overlap).
pub fn away_at<'p>(zones: &dyn Zones, person: &'p Person, t: DateTime<Utc>) -> Option<&'p Away> {
    person.away.iter().find(|a| {
        let (s, e) = span(zones, person, a);
        s <= t && t < e
    })
}

/// Whether `person` is away at `t`.
pub fn is_away(zones: &dyn Zones, person: &Person, t: DateTime<Utc>) -> bool {
    away_at(zones, person, t).is_some()
}

/// The first away period that shares an instant with `[from, to)`, if any: the planner's test.
pub fn away_during<'p>(
    zones: &dyn Zones,
    person: &'p Person,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Option<&'p Away> {
    person.away.iter().find(|a| {
        let (s, e) = span(zones, person, a);
        s < to && from < e
    })
}

/// Away periods that have not ended by `now`, soonest first: what People and Load show.
pub fn upcoming<'p>(zones: &dyn Zones, person: &'p Person, now: DateTime<Utc>) -> Vec<&'p Away> {
    let mut out: Vec<&Away> = person
        .away
        .iter()
        .filter(|a| span(zones, person, a).1 > now)
        .collect();
    order::sort_by_key(&mut out, |a| (a.from, a.to));
    out
}

/// "Priya Shah is away 1–3 Dec 2026 (exams)": the role board's warning.
#[derive(Clone, Debug, PartialEq)]
pub struct AwayNotice {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub note: String,
}

impl AwayNotice {
    pub fn new(person: &Person, a: &Away) -> AwayNotice {
        AwayNotice {
            name: person.name.clone(),
            from: a.from,
            to: a.to,
            note: a.note.clone(),
        }
    }
}

impl fmt::Display for AwayNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is away {}", self.name, days(self.from, self.to))?;
        if !self.note.trim().is_empty() {
            write!(f, " ({})", self.note.trim())?;
        }
        f.write_str(".")
    }
}

/// "1 Dec 2026", "1–3 Dec 2026", "30 Nov – 2 Dec 2026", "30 Dec 2026 – 2 Jan 2027".
pub fn days(from: NaiveDate, to: NaiveDate) -> String {
    use chrono::Datelike;
    if from >= to {
        return from.format("%-d %b %Y").to_string();
    }
    if from.year() != to.year() {
        format!("{} – {}", from.format("%-d %b %Y"), to.format("%-d %b %Y"))
    } else if from.month() != to.month() {
        format!("{} – {}", from.format("%-d %b"), to.format("%-d %b %Y"))
    } else {
        format!("{}–{}", from.format("%-d"), to.format("%-d %b %Y"))
    }
}

/// Adds an away period to a person (both days included, on their own calendar). The end may
/// not be before the start; the note is optional ("exams", "holiday").
pub fn add_away(
    ws: &mut Workspace,
    person_id: &str,
    from: NaiveDate,
    to: NaiveDate,
    note: &str,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    if to < from {
        return Err(DomainError::AwayEndsBeforeStart { from, to });
    }
    let p = super::people::person_mut(ws, person_id)?;
    p.away.push(Away {
        from,
        to,
        note: note.trim().to_string(),
        extra: Default::default(),
    });
    order::sort_by_key(&mut p.away, |a| a.from);
    p.updated_at = Some(now);
    Ok(())
}

/// Removes a person's away period by its place in their list.
pub fn remove_away(
    ws: &mut Workspace,
    person_id: &str,
    index: usize,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let p = super::people::person_mut(ws, person_id)?;
    if index >= p.away.len() {
        return Err(DomainError::AwayGone);
    }
    p.away.remove(index);
    p.updated_at = Some(now);
    Ok(())
}

/// What to say before giving `person_id` a role at `t`: that they are away, and why they need
/// rest, in words. Empty when there is nothing to say. Never a reason to refuse.
pub fn before_assigning(ws: &Workspace, person_id: &str, zones: &dyn Zones, t: DateTime<Utc>) -> Vec<String> {
    let Some(p) = ws
        .people
        .iter()
        .find(|p| p.id == person_id && p.deleted_at.is_none())
    else {
        return vec![];
    };
    let mut out = Vec::new();
    if let Some(a) = away_at(zones, p, t) {
        out.push(AwayNotice::new(p, a).to_string());
    }
    if let Some(s) = super::rest::hours_of(ws, person_id, zones, t).and_then(|h| h.sentence()) {
        out.push(s);
    }
    out
}
