//! The incident desk: declaring, the status lifecycle, the timeline, the role board, key times.

use crate::domain::order;
use chrono::{DateTime, Duration, Utc};

use super::assign::{
    self, find_assignment, find_incident, find_person, find_release, person_name, role_name, Link,
};
use super::model::{
    new_id, Assignment, EntryKind, Extra, Incident, Role, Scope, Severity, Status, TimelineEntry, Workspace,
};
use super::refusal::{DomainError, DomainResult, TimeOf};
use super::times;

fn incident_mut<'a>(ws: &'a mut Workspace, id: &str) -> DomainResult<&'a mut Incident> {
    match ws
        .incidents
        .iter_mut()
        .find(|i| i.id == id && i.deleted_at.is_none())
    {
        Some(i) => Ok(i),
        None => Err(DomainError::IncidentGone),
    }
}

fn check_author(ws: &Workspace, by: Option<&str>) -> DomainResult<()> {
    match by {
        Some(id) if find_person(ws, id).is_none() => Err(DomainError::UnknownAuthor),
        _ => Ok(()),
    }
}

fn clean_title(title: &str) -> DomainResult<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(DomainError::Untitled);
    }
    Ok(title.to_string())
}

/// Trimmed, without blanks or repeats, in the order given.
fn clean_services(services: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in services {
        let s = s.trim().to_string();
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The times an incident carries must be in order, and not in the future: a start after
/// `now` would make every duration measured from it negative.
fn check_times(
    started: DateTime<Utc>,
    detected: Option<DateTime<Utc>>,
    resolved: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    if started > now {
        return Err(DomainError::StartInFuture);
    }
    if let Some(d) = detected {
        if d < started {
            return Err(DomainError::DetectedBeforeStart);
        }
        if d > now {
            return Err(DomainError::DetectedInFuture);
        }
    }
    if let Some(r) = resolved {
        if r < started {
            return Err(DomainError::ResolvedBeforeStart);
        }
    }
    Ok(())
}

/// Adds an entry and keeps the timeline in time order; a stable sort keeps entries written
/// at the same instant in the order they were written.
fn push_entry(incident: &mut Incident, entry: TimelineEntry) -> String {
    let id = entry.id.clone();
    incident.timeline.push(entry);
    order::sort_by_key(&mut incident.timeline, |e| e.at);
    id
}

fn status_entry(at: DateTime<Utc>, text: String, by: Option<&str>, status: Option<Status>) -> TimelineEntry {
    let mut e = TimelineEntry::new(EntryKind::Status, at, text, by);
    e.status = status;
    e
}

fn role_entry(
    at: DateTime<Utc>,
    text: String,
    by: Option<&str>,
    starts: Vec<String>,
    ends: Vec<String>,
) -> TimelineEntry {
    let mut e = TimelineEntry::new(EntryKind::Role, at, text, by);
    e.starts = starts;
    e.ends = ends;
    e
}

/// Live status entries that record a status, in time order (ties in written order).
fn status_moves(incident: &Incident) -> Vec<&TimelineEntry> {
    timeline(incident)
        .into_iter()
        .filter(|e| e.status.is_some())
        .collect()
}

/// Opens a new incident in `investigating`, with its declaration as the first status entry.
#[allow(clippy::too_many_arguments)] // mirrors the declare form field for field
pub fn declare(
    ws: &mut Workspace,
    title: &str,
    severity: Severity,
    started_at: DateTime<Utc>,
    detected_at: Option<DateTime<Utc>>,
    services: Vec<String>,
    summary: &str,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    let title = clean_title(title)?;
    check_times(started_at, detected_at, None, now)?;
    check_author(ws, by)?;
    let mut incident = Incident {
        id: new_id("i"),
        title,
        severity,
        status: Status::Investigating,
        started_at,
        detected_at,
        resolved_at: None,
        services: clean_services(services),
        summary: summary.trim().to_string(),
        release: None,
        timeline: vec![],
        backfill: false,
        updated_at: Some(now),
        deleted_at: None,
        extra: Extra::new(),
    };
    // The declaration is the first status: it happened when the incident started, whenever
    // it is written down.
    let text = format!("Incident declared ({})", severity.as_str());
    push_entry(
        &mut incident,
        status_entry(started_at, text, by, Some(Status::Investigating)),
    );
    let id = incident.id.clone();
    ws.incidents.push(incident);
    Ok(id)
}

/// Moves the incident through investigating → identified → monitoring → resolved → closed at
/// `at` (when it happened; the clock only bounds it), logging each move. Forward moves may
/// skip states, but closing needs a resolution first, statuses stay in time order, and
/// `resolved_at` is the time of the move to resolved while the incident is resolved or closed.
pub fn set_status(
    ws: &mut Workspace,
    incident_id: &str,
    new: Status,
    by: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    check_author(ws, by)?;
    times::not_future(at, now, TimeOf::StatusChange)?;
    let Some(incident) = find_incident(ws, incident_id) else {
        return Err(DomainError::IncidentGone);
    };
    let old = incident.status;
    if old == new {
        return Err(DomainError::AlreadyStatus(new));
    }
    if new == Status::Closed && old != Status::Resolved {
        return Err(DomainError::CloseBeforeResolve);
    }
    if at < incident.started_at {
        return Err(DomainError::StatusBeforeStart {
            started: incident.started_at,
        });
    }
    if let Some(last) = status_moves(incident).last().filter(|e| at < e.at) {
        return Err(DomainError::StatusOutOfOrder { last: last.at });
    }
    let resolving = old.is_open() && !new.is_open();
    if resolving {
        check_resolution_time(ws, incident_id, at, &[])?;
    }
    let reopened = !old.is_open() && new.is_open();
    let incident = incident_mut(ws, incident_id)?;
    if new.is_open() {
        incident.resolved_at = None;
    } else if old.is_open() || incident.resolved_at.is_none() {
        // Also repairs a resolved incident imported without its time, rather than close it so.
        incident.resolved_at = Some(at);
    }
    let lead = if reopened { "Reopened" } else { "Status" };
    let text = format!("{lead}: {} → {}", old.as_str(), new.as_str());
    incident.status = new;
    incident.updated_at = Some(now);
    push_entry(incident, status_entry(at, text, by, Some(new)));
    if resolving {
        release_roles_at_resolution(ws, incident_id, by, at, now)?;
    }
    Ok(())
}

/// Roles on the incident must fit inside it: none may start at or after the resolution, and
/// one that already ended must not end after it (open ones are ended at the resolution). Ends
/// named by `moving` entries move with the resolution and are not held against it.
fn check_resolution_time(
    ws: &Workspace,
    incident_id: &str,
    at: DateTime<Utc>,
    moving: &[TimelineEntry],
) -> DomainResult<()> {
    let moves = |id: &str| moving.iter().any(|c| c.ends.iter().any(|e| e == id));
    let late = ws.assignments.iter().find(|a| {
        a.deleted_at.is_none()
            && a.incident.as_deref() == Some(incident_id)
            && (a.start >= at || (!moves(&a.id) && a.end.is_some_and(|e| e > at)))
    });
    match late {
        Some(a) => Err(DomainError::HeldPastResolution {
            person: person_name(ws, &a.person),
            role: role_name(ws, &a.role),
            at,
            start: a.start,
            end: a.end,
        }),
        None => Ok(()),
    }
}

/// A resolved incident needs nobody on it any more: its open roles end at the resolution
/// instant, so people's load drops, and one role entry names who was released from what.
fn release_roles_at_resolution(
    ws: &mut Workspace,
    incident_id: &str,
    by: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let mut open: Vec<(String, String, String, DateTime<Utc>)> = ws
        .assignments
        .iter()
        .filter(|a| a.incident.as_deref() == Some(incident_id) && a.holds_at(at))
        .map(|a| (a.id.clone(), a.person.clone(), a.role.clone(), a.start))
        .collect();
    if open.is_empty() {
        return Ok(());
    }
    order::sort_by_key(&mut open, |(_, _, _, start)| *start);
    let mut released = Vec::new();
    let mut ends = Vec::new();
    for (id, person, role, _) in &open {
        assign::end_assignment(ws, id, at, now)?;
        released.push(format!("{} ({})", person_name(ws, person), role_name(ws, role)));
        ends.push(id.clone());
    }
    let text = format!("Roles released: {}", released.join(", "));
    let incident = incident_mut(ws, incident_id)?;
    push_entry(incident, role_entry(at, text, by, vec![], ends));
    Ok(())
}

pub fn set_severity(
    ws: &mut Workspace,
    incident_id: &str,
    new: Severity,
    by: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    check_author(ws, by)?;
    times::not_future(at, now, TimeOf::SeverityChange)?;
    let incident = incident_mut(ws, incident_id)?;
    let old = incident.severity;
    if old == new {
        return Err(DomainError::AlreadySeverity(new));
    }
    incident.severity = new;
    incident.updated_at = Some(now);
    let text = format!("Severity: {} → {}", old.as_str(), new.as_str());
    // A status entry without a status: it belongs with the lifecycle but is not time in a status.
    push_entry(incident, status_entry(at, text, by, None));
    Ok(())
}

/// Status and role entries are written by the lifecycle and role board themselves, so that
/// time-in-status and who-held-what stay true to what actually changed.
fn check_manual_kind(kind: EntryKind) -> DomainResult<()> {
    if matches!(kind, EntryKind::Status | EntryKind::Role) {
        return Err(DomainError::NotManualKind);
    }
    Ok(())
}

fn clean_text(text: &str) -> DomainResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DomainError::EmptyEntry);
    }
    Ok(text.to_string())
}

/// Adds a note, action, decision or comms entry at `at` (which may be in the past).
pub fn add_entry(
    ws: &mut Workspace,
    incident_id: &str,
    kind: EntryKind,
    text: &str,
    at: DateTime<Utc>,
    author: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    check_manual_kind(kind)?;
    let text = clean_text(text)?;
    check_author(ws, author)?;
    times::not_future(at, now, TimeOf::Entry)?;
    let incident = incident_mut(ws, incident_id)?;
    incident.updated_at = Some(now);
    Ok(push_entry(incident, TimelineEntry::new(kind, at, text, author)))
}

/// Rewrites an entry's kind, text and time. Automatic entries keep their kind (their time
/// and wording may be corrected); manual ones cannot become automatic. Moving an entry that
/// records something moves the record with it (see [`move_entry`]).
#[allow(clippy::too_many_arguments)] // the entry form, field for field
pub fn edit_entry(
    ws: &mut Workspace,
    incident_id: &str,
    entry_id: &str,
    kind: EntryKind,
    text: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let text = clean_text(text)?;
    let entry = live_entry(ws, incident_id, entry_id)?;
    if entry.kind != kind {
        check_manual_kind(entry.kind)?;
        check_manual_kind(kind)?;
    }
    if entry.at != at {
        // Work on a copy so that a refused move changes nothing.
        let mut copy = ws.clone();
        move_entry(&mut copy, incident_id, entry_id, at, now)?;
        *ws = copy;
    }
    let incident = incident_mut(ws, incident_id)?;
    if let Some(entry) = incident.timeline.iter_mut().find(|e| e.id == entry_id) {
        entry.kind = kind;
        entry.text = text;
    }
    // Entries have no updated_at of their own in FORMAT.md; the incident carries the edit.
    incident.updated_at = Some(now);
    Ok(())
}

fn live_entry<'a>(ws: &'a Workspace, incident_id: &str, entry_id: &str) -> DomainResult<&'a TimelineEntry> {
    let Some(incident) = find_incident(ws, incident_id) else {
        return Err(DomainError::IncidentGone);
    };
    match incident
        .timeline
        .iter()
        .find(|e| e.id == entry_id && e.deleted_at.is_none())
    {
        Some(e) => Ok(e),
        None => Err(DomainError::EntryGone),
    }
}

/// Moves an entry to `at` and, with it, what it records:
/// - a role entry moves the starts and ends of the assignments it names;
/// - the first status entry (the declaration) moves the incident's start;
/// - the move to resolved that the incident's resolution counts from moves `resolved_at`,
///   together with the role entry that released the roles at that same instant;
/// - status entries stay in time order between their neighbours.
///
/// Changes `ws` even when it fails part-way: callers run it on a copy.
pub fn move_entry(
    ws: &mut Workspace,
    incident_id: &str,
    entry_id: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    times::not_future(at, now, TimeOf::EntryMove)?;
    let entry = live_entry(ws, incident_id, entry_id)?.clone();
    let Some(incident) = find_incident(ws, incident_id).cloned() else {
        return Err(DomainError::IncidentGone);
    };
    let old_at = entry.at;
    let mut companions: Vec<TimelineEntry> = Vec::new();
    if entry.status.is_some() {
        let moves = status_moves(&incident);
        let i = moves.iter().position(|e| e.id == entry.id).unwrap_or(0);
        if let Some(prev) = i.checked_sub(1).and_then(|p| moves.get(p)) {
            if at < prev.at {
                return Err(DomainError::EntryBeforePrevious { previous: prev.at });
            }
        }
        if let Some(next) = moves.get(i + 1) {
            if at > next.at {
                return Err(DomainError::EntryAfterNext { next: next.at });
            }
        }
        if i == 0 {
            // The declaration: the incident starts when it was declared to have started.
            let edit = IncidentEdit {
                started_at: Some(at),
                ..IncidentEdit::default()
            };
            edit_times(ws, incident_id, edit, false, now)?;
        }
        if resolution_entry(&incident).is_some_and(|r| r.id == entry.id) {
            companions = release_companions(&incident, old_at);
            check_resolution_time(ws, incident_id, at, &companions)?;
            incident_mut(ws, incident_id)?.resolved_at = Some(at);
        }
    }
    for e in std::iter::once(&entry).chain(&companions) {
        assign::move_edges(ws, &e.starts, &e.ends, at, now)?;
    }
    let incident = incident_mut(ws, incident_id)?;
    for e in incident.timeline.iter_mut() {
        if e.id == entry.id || companions.iter().any(|c| c.id == e.id) {
            e.at = at;
        }
    }
    order::sort_by_key(&mut incident.timeline, |e| e.at);
    incident.updated_at = Some(now);
    Ok(())
}

/// The status entry the incident's `resolved_at` comes from: the last move to resolved, while
/// the incident is resolved or closed and that move is the resolution recorded.
fn resolution_entry(incident: &Incident) -> Option<&TimelineEntry> {
    if incident.status.is_open() {
        return None;
    }
    status_moves(incident)
        .into_iter()
        .rev()
        .find(|e| e.status == Some(Status::Resolved))
        .filter(|e| Some(e.at) == incident.resolved_at)
}

/// Role entries written at the resolution instant that end roles: they move with it.
fn release_companions(incident: &Incident, at: DateTime<Utc>) -> Vec<TimelineEntry> {
    timeline(incident)
        .into_iter()
        .filter(|e| e.kind == EntryKind::Role && e.at == at && !e.ends.is_empty())
        .cloned()
        .collect()
}

/// Tombstones an entry. Entries that record a status are kept: time in status is measured
/// from them, and a wrong move is corrected by the next move, not by erasing history.
pub fn delete_entry(
    ws: &mut Workspace,
    incident_id: &str,
    entry_id: &str,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let incident = incident_mut(ws, incident_id)?;
    let Some(entry) = incident
        .timeline
        .iter_mut()
        .find(|e| e.id == entry_id && e.deleted_at.is_none())
    else {
        return Err(DomainError::EntryGone);
    };
    if entry.status.is_some() {
        return Err(DomainError::StatusEntryKept);
    }
    if !entry.starts.is_empty() || !entry.ends.is_empty() {
        return Err(DomainError::RoleEntryKept);
    }
    entry.deleted_at = Some(now);
    incident.updated_at = Some(now);
    Ok(())
}

/// The incident's live timeline entries, in time order.
pub fn timeline(incident: &Incident) -> Vec<&TimelineEntry> {
    let mut entries: Vec<&TimelineEntry> = incident
        .timeline
        .iter()
        .filter(|e| e.deleted_at.is_none())
        .collect();
    order::sort_by_key(&mut entries, |e| e.at);
    entries
}

/// One line of the timeline as shown: whether a new day starts with it, and whether it is
/// dated before the incident's start (something noticed earlier, logged after the fact).
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineLine {
    pub entry: TimelineEntry,
    pub new_day: bool,
    pub before_start: bool,
}

/// The newest `shown` entries of the timeline, oldest first. `day` names the day a time falls
/// on for the reader (their zone); a line starts a new day when the entry before it, shown or
/// not, fell on another one.
pub fn timeline_page<D: PartialEq>(
    incident: &Incident,
    shown: usize,
    day: impl Fn(DateTime<Utc>) -> D,
) -> Vec<TimelineLine> {
    let all = timeline(incident);
    let from = all.len().saturating_sub(shown);
    (from..all.len())
        .map(|n| TimelineLine {
            entry: all[n].clone(),
            new_day: n == 0 || day(all[n - 1].at) != day(all[n].at),
            before_start: all[n].at < incident.started_at,
        })
        .collect()
}

/// Changes to an incident's descriptive fields; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IncidentEdit {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub services: Option<Vec<String>>,
    pub started_at: Option<DateTime<Utc>>,
    /// `Some(None)` clears the detection time.
    pub detected_at: Option<Option<DateTime<Utc>>>,
    /// Corrects when it was resolved; only for resolved or closed incidents.
    pub resolved_at: Option<DateTime<Utc>>,
    /// `Some(None)` removes the link to a release.
    pub release: Option<Option<String>>,
}

pub fn edit_incident(
    ws: &mut Workspace,
    incident_id: &str,
    edit: IncidentEdit,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    // Work on a copy so that a refused edit changes nothing, even part-way through.
    let mut copy = ws.clone();
    edit_times(&mut copy, incident_id, edit, true, now)?;
    *ws = copy;
    Ok(())
}

/// Applies an edit. With `sync`, a new start moves the declaration entry that was at the old
/// start, and a new resolution time moves the resolve entry (and the roles released with it).
fn edit_times(
    ws: &mut Workspace,
    incident_id: &str,
    edit: IncidentEdit,
    sync: bool,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let Some(current) = find_incident(ws, incident_id).cloned() else {
        return Err(DomainError::IncidentGone);
    };
    let title = edit.title.as_deref().map(clean_title).transpose()?;
    let started = edit.started_at.unwrap_or(current.started_at);
    let detected = edit.detected_at.unwrap_or(current.detected_at);
    if edit.resolved_at.is_some() && current.status.is_open() {
        return Err(DomainError::NotResolvedYet);
    }
    let resolved = edit.resolved_at.or(current.resolved_at);
    check_times(started, detected, resolved, now)?;
    if let Some(Some(release)) = &edit.release {
        if find_release(ws, release).is_none() {
            return Err(DomainError::ReleaseNotInLog);
        }
    }
    if started != current.started_at {
        check_new_start(ws, &current, started, sync)?;
    }
    if sync && resolved != current.resolved_at {
        if let (Some(entry), Some(r)) = (resolution_entry(&current), resolved) {
            let id = entry.id.clone();
            move_entry(ws, incident_id, &id, r, now)?;
        }
    }
    let declaration = status_moves(&current)
        .first()
        .filter(|e| sync && e.at == current.started_at)
        .map(|e| e.id.clone());
    let incident = incident_mut(ws, incident_id)?;
    if let Some(title) = title {
        incident.title = title;
    }
    if let Some(summary) = edit.summary {
        incident.summary = summary.trim().to_string();
    }
    if let Some(services) = edit.services {
        incident.services = clean_services(services);
    }
    if let Some(id) = declaration {
        if let Some(e) = incident.timeline.iter_mut().find(|e| e.id == id) {
            e.at = started;
        }
        order::sort_by_key(&mut incident.timeline, |e| e.at);
    }
    incident.started_at = started;
    incident.detected_at = detected;
    incident.resolved_at = resolved;
    if let Some(release) = edit.release {
        incident.release = release;
    }
    incident.updated_at = Some(now);
    Ok(())
}

/// A start may move only where everything recorded after it still follows it: the statuses
/// (the declaration moves along when it was at the start) and the roles held on the incident.
fn check_new_start(
    ws: &Workspace,
    current: &Incident,
    started: DateTime<Utc>,
    sync: bool,
) -> DomainResult<()> {
    let moves = status_moves(current);
    // Without sync the caller is moving the declaration itself.
    let first_moves = !sync || moves.first().is_some_and(|e| e.at == current.started_at);
    let later = moves
        .iter()
        .skip(usize::from(first_moves))
        .find(|e| e.at < started);
    if let Some(e) = later {
        return Err(DomainError::StartAfterStatus { at: e.at });
    }
    let early_role = ws.assignments.iter().find(|a| {
        a.deleted_at.is_none() && a.incident.as_deref() == Some(current.id.as_str()) && a.start < started
    });
    if let Some(a) = early_role {
        return Err(DomainError::StartAfterRole {
            person: person_name(ws, &a.person),
            role: role_name(ws, &a.role),
            at: a.start,
        });
    }
    Ok(())
}

fn incident_role_assignment<'a>(ws: &'a Workspace, assignment_id: &str) -> DomainResult<&'a Assignment> {
    match find_assignment(ws, assignment_id) {
        Some(a) if a.incident.is_some() => Ok(a),
        Some(_) => Err(DomainError::NotIncidentRole),
        None => Err(DomainError::AssignmentGone),
    }
}

/// Gives `person` an incident role from `at`, and says so in the timeline. On an incident
/// already resolved (recorded after the fact), the role ends at the resolution, with the roles
/// released then.
#[allow(clippy::too_many_arguments)] // the role board's pick, with who and when
pub fn assign_incident_role(
    ws: &mut Workspace,
    incident_id: &str,
    person: &str,
    role: &str,
    by: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    check_author(ws, by)?;
    let link = Link::Incident(incident_id.to_string());
    if assign::current_holders(ws, role, &link, at)
        .iter()
        .any(|a| a.person == person)
    {
        return Err(DomainError::AlreadyOnIncident {
            person: person_name(ws, person),
            role: role_name(ws, role),
            at,
        });
    }
    // One at a time: a second holder is a hand-over, never two side by side.
    if assign::find_role(ws, role).is_some_and(|r| r.takes_one()) {
        let other = ws.assignments.iter().find(|a| {
            a.deleted_at.is_none()
                && Link::of(a) == link
                && a.role == role
                && a.person != person
                && a.end.is_none_or(|e| e > at)
        });
        if let Some(a) = other {
            return Err(DomainError::SingleHolder {
                role: role_name(ws, role),
                holder: person_name(ws, &a.person),
            });
        }
    }
    let mut copy = ws.clone();
    let id = assign::assign(&mut copy, person, role, link, at, now)?;
    let text = format!("{} is now {}", person_name(&copy, person), role_name(&copy, role));
    let resolved = find_incident(&copy, incident_id).and_then(|i| i.resolved_at);
    let incident = incident_mut(&mut copy, incident_id)?;
    incident.updated_at = Some(now);
    push_entry(incident, role_entry(at, text, by, vec![id.clone()], vec![]));
    if let Some(r) = resolved {
        end_with_resolution(&mut copy, incident_id, &id, r, by, now)?;
    }
    *ws = copy;
    Ok(id)
}

/// Ends a role on a resolved incident at its resolution, named in the resolution's role entry
/// (written if there was none) so that the two keep moving together.
fn end_with_resolution(
    ws: &mut Workspace,
    incident_id: &str,
    assignment_id: &str,
    resolved: DateTime<Utc>,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    assign::end_assignment(ws, assignment_id, resolved, now)?;
    let Some(a) = find_assignment(ws, assignment_id).cloned() else {
        return Ok(());
    };
    let words = format!("{} ({})", person_name(ws, &a.person), role_name(ws, &a.role));
    let incident = incident_mut(ws, incident_id)?;
    let existing = incident.timeline.iter_mut().find(|e| {
        e.deleted_at.is_none() && e.kind == EntryKind::Role && e.at == resolved && !e.ends.is_empty()
    });
    match existing {
        Some(e) => {
            e.ends.push(a.id.clone());
            e.text = format!("{}, {words}", e.text);
        }
        None => {
            let text = format!("Roles released: {words}");
            push_entry(
                incident,
                role_entry(resolved, text, by, vec![], vec![a.id.clone()]),
            );
        }
    }
    Ok(())
}

/// Hands an incident role to someone else at `at`, and says so in the timeline.
pub fn handover_incident_role(
    ws: &mut Workspace,
    assignment_id: &str,
    to_person: &str,
    by: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    check_author(ws, by)?;
    let old = incident_role_assignment(ws, assignment_id)?;
    let (incident_id, from, role, old_end) = (
        old.incident.clone().unwrap_or_default(),
        old.person.clone(),
        old.role.clone(),
        old.end,
    );
    let mut copy = ws.clone();
    let id = assign::handover(&mut copy, assignment_id, to_person, at, now)?;
    let text = format!(
        "{} handed over from {} to {}",
        role_name(&copy, &role),
        person_name(&copy, &from),
        person_name(&copy, to_person)
    );
    // The old holder's end moved from wherever it was (the resolution, say) to the hand-over;
    // the new holder carries that end on instead.
    if let Some(e) = old_end {
        let incident = incident_mut(&mut copy, &incident_id)?;
        for entry in incident.timeline.iter_mut().filter(|x| x.at == e) {
            for end in entry.ends.iter_mut().filter(|x| *x == assignment_id) {
                *end = id.clone();
            }
        }
        assign::end_assignment(&mut copy, &id, e, now)?;
    }
    let incident = incident_mut(&mut copy, &incident_id)?;
    incident.updated_at = Some(now);
    push_entry(
        incident,
        role_entry(at, text, by, vec![id.clone()], vec![assignment_id.to_string()]),
    );
    *ws = copy;
    Ok(id)
}

/// Ends an incident role at `at`, and says so in the timeline.
pub fn release_incident_role(
    ws: &mut Workspace,
    assignment_id: &str,
    by: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    check_author(ws, by)?;
    let a = incident_role_assignment(ws, assignment_id)?;
    let (incident_id, person, role) = (
        a.incident.clone().unwrap_or_default(),
        a.person.clone(),
        a.role.clone(),
    );
    if a.end.is_some() {
        return Err(DomainError::NothingToRelease {
            person: person_name(ws, &person),
            role: role_name(ws, &role),
        });
    }
    let mut copy = ws.clone();
    assign::end_assignment(&mut copy, assignment_id, at, now)?;
    let text = format!(
        "{} released from {}",
        person_name(&copy, &person),
        role_name(&copy, &role)
    );
    let incident = incident_mut(&mut copy, incident_id.as_str())?;
    incident.updated_at = Some(now);
    push_entry(
        incident,
        role_entry(at, text, by, vec![], vec![assignment_id.to_string()]),
    );
    *ws = copy;
    Ok(())
}

/// Every incident-scoped role in catalogue order, with who holds it on this incident at `t`.
pub fn role_board<'a>(
    ws: &'a Workspace,
    incident_id: &str,
    t: DateTime<Utc>,
) -> Vec<(&'a Role, Vec<&'a Assignment>)> {
    let link = Link::Incident(incident_id.to_string());
    ws.roles
        .iter()
        .filter(|r| r.deleted_at.is_none() && r.scope == Scope::Incident)
        .map(|r| (r, assign::current_holders(ws, &r.id, &link, t)))
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeyTimes {
    /// Start to detection.
    pub time_to_detect: Option<Duration>,
    /// Start to resolution.
    pub time_to_resolve: Option<Duration>,
    /// Total time spent in each status visited, in lifecycle order.
    pub in_status: Vec<(Status, Duration)>,
}

/// Key durations of an incident. Each status entry runs until the next one; the last runs
/// until `now` while the incident is open. A resolved or closed incident's last status has no
/// end to measure to (counting it to today would make a years-old incident look "resolved for
/// 3,588 days"), so it is left out.
pub fn key_times(incident: &Incident, now: DateTime<Utc>) -> KeyTimes {
    let moves: Vec<(DateTime<Utc>, Status)> = timeline(incident)
        .into_iter()
        .filter_map(|e| e.status.map(|s| (e.at, s)))
        .collect();
    let mut in_status: Vec<(Status, Duration)> = Vec::new();
    for (i, (at, status)) in moves.iter().enumerate() {
        let until = match moves.get(i + 1) {
            Some((next, _)) => *next,
            None if !status.is_open() => continue,
            None => now,
        };
        let spent = (until - *at).max(Duration::zero());
        match in_status.iter_mut().find(|(s, _)| s == status) {
            Some((_, total)) => *total += spent,
            None => in_status.push((*status, spent)),
        }
    }
    order::sort_by_key(&mut in_status, |(s, _)| *s);
    KeyTimes {
        time_to_detect: incident.detected_at.map(|d| d - incident.started_at),
        time_to_resolve: incident.resolved_at.map(|r| r - incident.started_at),
        in_status,
    }
}

/// How long the incident has lasted: until resolution, or until now while open.
pub fn duration(incident: &Incident, now: DateTime<Utc>) -> Duration {
    incident.resolved_at.unwrap_or(now) - incident.started_at
}

/// The incident list's filter; the default shows everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IncidentFilter {
    pub status: Option<Status>,
    pub severity: Option<Severity>,
    /// One of the incident's services, ignoring case.
    pub service: Option<String>,
    /// Free text matched against title, summary, services and id, ignoring case.
    pub text: String,
}

impl IncidentFilter {
    pub fn fits(&self, incident: &Incident) -> bool {
        if self.status.is_some_and(|s| s != incident.status) {
            return false;
        }
        if self.severity.is_some_and(|s| s != incident.severity) {
            return false;
        }
        if let Some(service) = &self.service {
            let service = service.trim().to_lowercase();
            if !service.is_empty() && !incident.services.iter().any(|s| s.to_lowercase() == service) {
                return false;
            }
        }
        let text = self.text.trim().to_lowercase();
        text.is_empty()
            || incident.title.to_lowercase().contains(&text)
            || incident.summary.to_lowercase().contains(&text)
            || incident.id.to_lowercase().contains(&text)
            || incident.services.iter().any(|s| s.to_lowercase().contains(&text))
    }
}

/// The incident list's order. Open incidents come first either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Start,
    Duration,
}

impl SortBy {
    pub const ALL: [SortBy; 2] = [SortBy::Start, SortBy::Duration];

    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Start => "start",
            SortBy::Duration => "duration",
        }
    }

    pub fn parse(s: &str) -> Option<SortBy> {
        SortBy::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            SortBy::Start => "Open first, newest start",
            SortBy::Duration => "Open first, longest",
        }
    }
}

/// Live incidents that fit the filter: open ones first, then the rest; within each group
/// newest start (or longest duration) first.
pub fn list<'a>(
    ws: &'a Workspace,
    filter: &IncidentFilter,
    sort: SortBy,
    now: DateTime<Utc>,
) -> Vec<&'a Incident> {
    let mut found: Vec<&Incident> = ws
        .incidents
        .iter()
        .filter(|i| i.deleted_at.is_none() && filter.fits(i))
        .collect();
    order::sort_by(&mut found, |a, b| {
        let by_sort = match sort {
            SortBy::Start => b.started_at.cmp(&a.started_at),
            SortBy::Duration => duration(b, now).cmp(&duration(a, now)),
        };
        b.status
            .is_open()
            .cmp(&a.status.is_open())
            .then(by_sort)
            .then_with(|| a.id.cmp(&b.id))
    });
    found
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    /// Open incidents now, whenever they started.
    pub open_now: usize,
    /// Per severity: incidents started in the last 90 days and their median time to resolve.
    pub by_severity: Vec<(Severity, usize, Option<Duration>)>,
    pub total_90d: usize,
    pub median_ttr_90d: Option<Duration>,
}

/// The middle value; for an even count, halfway between the two middle ones.
fn median(mut values: Vec<Duration>) -> Option<Duration> {
    if values.is_empty() {
        return None;
    }
    order::sort(&mut values);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        Some(values[mid])
    } else {
        Some(values[mid - 1] + (values[mid] - values[mid - 1]) / 2)
    }
}

/// Desk statistics over incidents that started in the 90 days up to `now`.
pub fn stats(ws: &Workspace, now: DateTime<Utc>) -> Stats {
    let live = || ws.incidents.iter().filter(|i| i.deleted_at.is_none());
    let since = now - Duration::days(90);
    let recent: Vec<&Incident> = live()
        .filter(|i| i.started_at >= since && i.started_at <= now)
        .collect();
    let ttr = |of: &[&Incident]| {
        median(
            of.iter()
                .filter_map(|i| i.resolved_at.map(|r| r - i.started_at))
                .collect(),
        )
    };
    let by_severity = Severity::ALL
        .into_iter()
        .map(|sev| {
            let these: Vec<&Incident> = recent.iter().copied().filter(|i| i.severity == sev).collect();
            (sev, these.len(), ttr(&these))
        })
        .collect();
    Stats {
        open_now: live().filter(|i| i.status.is_open()).count(),
        by_severity,
        total_90d: recent.len(),
        median_ttr_90d: ttr(&recent),
    }
}

/// Marks the incident as being recorded after the fact (or no longer): its page then keeps the
/// last time typed for every event, and says so.
pub fn set_backfill(ws: &mut Workspace, incident_id: &str, on: bool, now: DateTime<Utc>) -> DomainResult<()> {
    let incident = incident_mut(ws, incident_id)?;
    if incident.backfill != on {
        incident.backfill = on;
        incident.updated_at = Some(now);
    }
    Ok(())
}

/// The people a timeline entry is about: its author and whoever took or left a role at it.
pub fn entry_people(ws: &Workspace, entry: &TimelineEntry) -> Vec<String> {
    let mut ids: Vec<String> = entry.author.iter().cloned().collect();
    for a in entry.starts.iter().chain(&entry.ends) {
        if let Some(a) = ws.assignments.iter().find(|x| &x.id == a) {
            if !ids.contains(&a.person) {
                ids.push(a.person.clone());
            }
        }
    }
    ids
}
