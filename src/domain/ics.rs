//! The rota, and optionally past incident-role time, as an iCalendar file (RFC 5545), so every
//! volunteer sees their turns in the calendar app they already use.
//!
//! Each event's UID is made from its assignment's id, so importing a newer export updates the
//! events already there instead of adding copies. Times are UTC (`...Z`), so no VTIMEZONE is
//! needed. A turn from 00:00 UTC to 00:00 UTC (every turn the planner makes) is an all-day event
//! (`VALUE=DATE`, end exclusive); anything else is timed. Lines end in CRLF and are folded at 75
//! octets without splitting a character; text escapes backslash, `;`, `,` and newlines.

use crate::domain::order;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::assign::{find_incident, find_role};
use super::model::{Assignment, Scope, Workspace};

/// What to export.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Turns and incident-role time that overlap `[from, until)` are exported. A standing role
    /// held with no end set is shown until `until`.
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// Also export the time people held incident roles, up to now.
    pub incident_time: bool,
}

/// When an event is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    /// Whole days, `end` exclusive (iCalendar's `DTEND;VALUE=DATE`).
    Days { start: NaiveDate, end: NaiveDate },
    Times {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
}

/// One calendar event, before it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub uid: String,
    pub assignment: String,
    pub person: String,
    pub summary: String,
    pub description: String,
    pub when: When,
    pub last_modified: Option<DateTime<Utc>>,
    /// A rota turn (shown as free time) rather than time spent on an incident.
    pub turn: bool,
}

/// The UID of an assignment's event: stable across exports, unique as assignment ids are.
pub fn uid(assignment_id: &str) -> String {
    format!("{assignment_id}@hatrack")
}

fn midnight(t: DateTime<Utc>) -> bool {
    t.time() == NaiveTime::MIN
}

fn event(ws: &Workspace, a: &Assignment, opts: &Options, now: DateTime<Utc>) -> Option<Event> {
    if a.deleted_at.is_some() {
        return None;
    }
    let role = find_role(ws, &a.role)?;
    let person = ws
        .people
        .iter()
        .find(|p| p.id == a.person && p.deleted_at.is_none())?;
    let (end, turn) = match role.scope {
        Scope::Standing => (a.end.unwrap_or(opts.until), true),
        Scope::Incident if opts.incident_time && a.start < now => (a.end.unwrap_or(now).min(now), false),
        _ => return None,
    };
    if !(a.start < end && a.start < opts.until && end > opts.from) {
        return None;
    }
    let when = if turn && midnight(a.start) && midnight(end) {
        When::Days {
            start: a.start.date_naive(),
            end: end.date_naive(),
        }
    } else {
        When::Times { start: a.start, end }
    };
    let mut description = role.description.trim().to_string();
    let mut summary = format!("{}: {}", role.name, person.name);
    if let Some(inc) = a.incident.as_deref().and_then(|id| find_incident(ws, id)) {
        summary = format!("{summary} ({})", inc.title);
        description = format!("Incident: {}\n{description}", inc.title);
    }
    if turn && a.end.is_none() {
        description = format!(
            "{description}\nNo end set; shown until {}.",
            opts.until.format("%-d %b %Y")
        );
    }
    Some(Event {
        uid: uid(&a.id),
        assignment: a.id.clone(),
        person: person.id.clone(),
        summary,
        description: description.trim().to_string(),
        when,
        last_modified: a.updated_at,
        turn,
    })
}

/// The events to export, in time order: everyone's, or one person's.
pub fn events(ws: &Workspace, person: Option<&str>, opts: &Options, now: DateTime<Utc>) -> Vec<Event> {
    let mut out: Vec<Event> = ws
        .assignments
        .iter()
        .filter(|a| person.is_none_or(|p| a.person == p))
        .filter_map(|a| event(ws, a, opts, now))
        .collect();
    let key = |e: &Event| match e.when {
        When::Days { start, .. } => Utc.from_utc_datetime(&start.and_time(NaiveTime::MIN)),
        When::Times { start, .. } => start,
    };
    use chrono::TimeZone as _;
    order::sort_by(&mut out, |a, b| {
        key(a).cmp(&key(b)).then_with(|| a.uid.cmp(&b.uid))
    });
    out
}

/// The whole team's calendar.
pub fn team(ws: &Workspace, opts: &Options, now: DateTime<Utc>) -> String {
    write("Hatrack rota", &events(ws, None, opts, now), now)
}

/// One person's calendar: their own turns (and incident time); the same UIDs as the team's.
pub fn person(ws: &Workspace, person_id: &str, opts: &Options, now: DateTime<Utc>) -> String {
    let name = ws
        .people
        .iter()
        .find(|p| p.id == person_id)
        .map_or(person_id, |p| p.name.as_str());
    write(
        &format!("Hatrack rota: {name}"),
        &events(ws, Some(person_id), opts, now),
        now,
    )
}

/// A file name for a download: `hatrack-rota.ics`, `hatrack-rota-priya-shah.ics`.
pub fn file_name(person_name: Option<&str>) -> String {
    match person_name {
        None => "hatrack-rota.ics".into(),
        Some(n) => {
            let slug: String = n
                .to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect();
            let slug: Vec<&str> = slug.split('-').filter(|s| !s.is_empty()).collect();
            format!("hatrack-rota-{}.ics", slug.join("-"))
        }
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping (RFC 5545 3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no physical line exceeds 75 octets (RFC 5545 3.1), each followed
/// by CRLF. A fold never splits a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// The calendar file for `events`.
pub fn write(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Hatrack//Rota//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{}", stamp(now)));
        match e.when {
            When::Days { start, end } => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")));
                lines.push(format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
            }
            When::Times { start, end } => {
                lines.push(format!("DTSTART:{}", stamp(start)));
                lines.push(format!("DTEND:{}", stamp(end)));
            }
        }
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if let Some(t) = e.last_modified {
            lines.push(format!("LAST-MODIFIED:{}", stamp(t)));
        }
        lines.push(format!("CATEGORIES:{}", if e.turn { "Rota" } else { "Incident" }));
        // A turn is being available, not busy: it should not block anyone's free time.
        lines.push(format!(
            "TRANSP:{}",
            if e.turn { "TRANSPARENT" } else { "OPAQUE" }
        ));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        let _ = write!(out, "{}", fold(&l));
    }
    out
}
