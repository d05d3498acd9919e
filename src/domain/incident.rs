//! The incident desk: declaring, the status lifecycle, the timeline, the role board, key times.

use chrono::{DateTime, Duration, Utc};

use super::assign::{
    self, find_assignment, find_incident, find_person, find_release, person_name, refuse, role_name,
    DomainResult, Link,
};
use super::model::{
    new_id, Assignment, EntryKind, Extra, Incident, Role, Scope, Severity, Status, TimelineEntry, Workspace,
};

fn incident_mut<'a>(ws: &'a mut Workspace, id: &str) -> DomainResult<&'a mut Incident> {
    match ws
        .incidents
        .iter_mut()
        .find(|i| i.id == id && i.deleted_at.is_none())
    {
        Some(i) => Ok(i),
        None => refuse("That incident no longer exists; it may have been deleted elsewhere."),
    }
}

fn check_author(ws: &Workspace, by: Option<&str>) -> DomainResult<()> {
    match by {
        Some(id) if find_person(ws, id).is_none() => {
            refuse("The author is not in the workspace; pick someone from People.")
        }
        _ => Ok(()),
    }
}

fn clean_title(title: &str) -> DomainResult<String> {
    let title = title.trim();
    if title.is_empty() {
        return refuse("Give the incident a title: what is broken, for whom.");
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
        return refuse("The start time is in the future; an incident is declared once it has started.");
    }
    if let Some(d) = detected {
        if d < started {
            return refuse("It cannot be detected before it started; check the start and detection times.");
        }
        if d > now {
            return refuse("The detection time is in the future.");
        }
    }
    if let Some(r) = resolved {
        if r < started {
            return refuse("It cannot be resolved before it started; check the start and resolution times.");
        }
    }
    Ok(())
}

/// Adds an entry and keeps the timeline in time order; a stable sort keeps entries written
/// at the same instant in the order they were written.
fn push_entry(
    incident: &mut Incident,
    kind: EntryKind,
    text: String,
    at: DateTime<Utc>,
    author: Option<&str>,
    status: Option<Status>,
) -> String {
    let id = new_id("t");
    incident.timeline.push(TimelineEntry {
        id: id.clone(),
        at,
        kind,
        text,
        author: author.map(str::to_string),
        status,
        deleted_at: None,
        extra: Extra::new(),
    });
    incident.timeline.sort_by_key(|e| e.at);
    id
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
        updated_at: Some(now),
        deleted_at: None,
        extra: Extra::new(),
    };
    let text = format!("Incident declared ({})", severity.as_str());
    push_entry(
        &mut incident,
        EntryKind::Status,
        text,
        now,
        by,
        Some(Status::Investigating),
    );
    let id = incident.id.clone();
    ws.incidents.push(incident);
    Ok(id)
}

/// Moves the incident through investigating → identified → monitoring → resolved → closed,
/// logging each move. Forward moves may skip states, but closing needs a resolution first,
/// and `resolved_at` is set exactly while the incident is resolved or closed.
pub fn set_status(
    ws: &mut Workspace,
    incident_id: &str,
    new: Status,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    check_author(ws, by)?;
    let incident = incident_mut(ws, incident_id)?;
    let old = incident.status;
    if old == new {
        return refuse(format!("The incident is already {}.", new.label()));
    }
    if new == Status::Closed && old != Status::Resolved {
        return refuse("Resolve the incident before closing it, so its resolution time is recorded.");
    }
    let reopened = !old.is_open() && new.is_open();
    if new.is_open() {
        incident.resolved_at = None;
    } else if old.is_open() || incident.resolved_at.is_none() {
        // Also repairs a resolved incident imported without its time, rather than close it so.
        incident.resolved_at = Some(now);
    }
    let lead = if reopened { "Reopened" } else { "Status" };
    let text = format!("{lead}: {} → {}", old.as_str(), new.as_str());
    incident.status = new;
    incident.updated_at = Some(now);
    push_entry(incident, EntryKind::Status, text, now, by, Some(new));
    if old.is_open() && !new.is_open() {
        release_roles_at_resolution(ws, incident_id, by, now)?;
    }
    Ok(())
}

/// A resolved incident needs nobody on it any more: its open roles end at the resolution
/// instant, so people's load drops, and one role entry names who was released from what.
fn release_roles_at_resolution(
    ws: &mut Workspace,
    incident_id: &str,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let mut open: Vec<(String, String, String, DateTime<Utc>)> = ws
        .assignments
        .iter()
        .filter(|a| a.incident.as_deref() == Some(incident_id) && a.holds_at(now))
        .map(|a| (a.id.clone(), a.person.clone(), a.role.clone(), a.start))
        .collect();
    if open.is_empty() {
        return Ok(());
    }
    open.sort_by_key(|(_, _, _, start)| *start);
    let mut released = Vec::new();
    for (id, person, role, _) in &open {
        assign::end_assignment(ws, id, now, now)?;
        released.push(format!("{} ({})", person_name(ws, person), role_name(ws, role)));
    }
    let text = format!("Roles released: {}", released.join(", "));
    let incident = incident_mut(ws, incident_id)?;
    push_entry(incident, EntryKind::Role, text, now, by, None);
    Ok(())
}

pub fn set_severity(
    ws: &mut Workspace,
    incident_id: &str,
    new: Severity,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    check_author(ws, by)?;
    let incident = incident_mut(ws, incident_id)?;
    let old = incident.severity;
    if old == new {
        return refuse(format!("The incident is already {}.", new.as_str()));
    }
    incident.severity = new;
    incident.updated_at = Some(now);
    let text = format!("Severity: {} → {}", old.as_str(), new.as_str());
    // A status entry without a status: it belongs with the lifecycle but is not time in a status.
    push_entry(incident, EntryKind::Status, text, now, by, None);
    Ok(())
}

/// Status and role entries are written by the lifecycle and role board themselves, so that
/// time-in-status and who-held-what stay true to what actually changed.
fn check_manual_kind(kind: EntryKind) -> DomainResult<()> {
    if matches!(kind, EntryKind::Status | EntryKind::Role) {
        return refuse(
            "Status and role entries are written when the status or a role changes; add a note instead.",
        );
    }
    Ok(())
}

fn clean_text(text: &str) -> DomainResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return refuse("Write what happened; an empty timeline entry tells nobody anything.");
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
    let incident = incident_mut(ws, incident_id)?;
    incident.updated_at = Some(now);
    Ok(push_entry(incident, kind, text, at, author, None))
}

/// Rewrites an entry's kind, text and time. Automatic entries keep their kind (their time
/// and wording may be corrected); manual ones cannot become automatic.
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
    let incident = incident_mut(ws, incident_id)?;
    let Some(entry) = incident
        .timeline
        .iter_mut()
        .find(|e| e.id == entry_id && e.deleted_at.is_none())
    else {
        return refuse("That timeline entry no longer exists; it may have been deleted elsewhere.");
    };
    if entry.kind != kind {
        check_manual_kind(entry.kind)?;
        check_manual_kind(kind)?;
    }
    entry.kind = kind;
    entry.text = text;
    entry.at = at;
    // Entries have no updated_at of their own in FORMAT.md; the incident carries the edit.
    incident.updated_at = Some(now);
    incident.timeline.sort_by_key(|e| e.at);
    Ok(())
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
        return refuse("That timeline entry no longer exists; it may have been deleted elsewhere.");
    };
    if entry.status.is_some() {
        return refuse("Status changes stay in the timeline; change the status again to correct it.");
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
    entries.sort_by_key(|e| e.at);
    entries
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
    let Some(current) = find_incident(ws, incident_id) else {
        return refuse("That incident no longer exists; it may have been deleted elsewhere.");
    };
    let title = edit.title.as_deref().map(clean_title).transpose()?;
    let started = edit.started_at.unwrap_or(current.started_at);
    let detected = edit.detected_at.unwrap_or(current.detected_at);
    if edit.resolved_at.is_some() && current.status.is_open() {
        return refuse("The incident is not resolved yet; set its status to resolved first.");
    }
    let resolved = edit.resolved_at.or(current.resolved_at);
    check_times(started, detected, resolved, now)?;
    if let Some(Some(release)) = &edit.release {
        if find_release(ws, release).is_none() {
            return refuse("That release is not in the release log.");
        }
    }
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
    incident.started_at = started;
    incident.detected_at = detected;
    incident.resolved_at = resolved;
    if let Some(release) = edit.release {
        incident.release = release;
    }
    incident.updated_at = Some(now);
    Ok(())
}

fn incident_role_assignment<'a>(ws: &'a Workspace, assignment_id: &str) -> DomainResult<&'a Assignment> {
    match find_assignment(ws, assignment_id) {
        Some(a) if a.incident.is_some() => Ok(a),
        Some(_) => refuse("That assignment is not part of an incident."),
        None => refuse("That assignment no longer exists; it may have been deleted elsewhere."),
    }
}

/// Gives `person` an incident role from now, and says so in the timeline.
pub fn assign_incident_role(
    ws: &mut Workspace,
    incident_id: &str,
    person: &str,
    role: &str,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    check_author(ws, by)?;
    let link = Link::Incident(incident_id.to_string());
    if assign::current_holders(ws, role, &link, now)
        .iter()
        .any(|a| a.person == person)
    {
        return refuse(format!(
            "{} is already {} on this incident.",
            person_name(ws, person),
            role_name(ws, role)
        ));
    }
    let id = assign::assign(ws, person, role, link, now, now)?;
    let text = format!("{} is now {}", person_name(ws, person), role_name(ws, role));
    let incident = incident_mut(ws, incident_id)?;
    incident.updated_at = Some(now);
    push_entry(incident, EntryKind::Role, text, now, by, None);
    Ok(id)
}

/// Hands an incident role to someone else from now, and says so in the timeline.
pub fn handover_incident_role(
    ws: &mut Workspace,
    assignment_id: &str,
    to_person: &str,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    check_author(ws, by)?;
    let old = incident_role_assignment(ws, assignment_id)?;
    let (incident_id, from, role) = (
        old.incident.clone().unwrap_or_default(),
        old.person.clone(),
        old.role.clone(),
    );
    let id = assign::handover(ws, assignment_id, to_person, now, now)?;
    let text = format!(
        "{} handed over from {} to {}",
        role_name(ws, &role),
        person_name(ws, &from),
        person_name(ws, to_person)
    );
    let incident = incident_mut(ws, incident_id.as_str())?;
    incident.updated_at = Some(now);
    push_entry(incident, EntryKind::Role, text, now, by, None);
    Ok(id)
}

/// Ends an incident role now, and says so in the timeline.
pub fn release_incident_role(
    ws: &mut Workspace,
    assignment_id: &str,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    check_author(ws, by)?;
    let a = incident_role_assignment(ws, assignment_id)?;
    let (incident_id, person, role) = (
        a.incident.clone().unwrap_or_default(),
        a.person.clone(),
        a.role.clone(),
    );
    assign::end_assignment(ws, assignment_id, now, now)?;
    let text = format!(
        "{} released from {}",
        person_name(ws, &person),
        role_name(ws, &role)
    );
    let incident = incident_mut(ws, incident_id.as_str())?;
    incident.updated_at = Some(now);
    push_entry(incident, EntryKind::Role, text, now, by, None);
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
/// until `now`.
pub fn key_times(incident: &Incident, now: DateTime<Utc>) -> KeyTimes {
    let moves: Vec<(DateTime<Utc>, Status)> = timeline(incident)
        .into_iter()
        .filter_map(|e| e.status.map(|s| (e.at, s)))
        .collect();
    let mut in_status: Vec<(Status, Duration)> = Vec::new();
    for (i, (at, status)) in moves.iter().enumerate() {
        let until = moves.get(i + 1).map_or(now, |(next, _)| *next);
        let spent = (until - *at).max(Duration::zero());
        match in_status.iter_mut().find(|(s, _)| s == status) {
            Some((_, total)) => *total += spent,
            None => in_status.push((*status, spent)),
        }
    }
    in_status.sort_by_key(|(s, _)| *s);
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

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Start,
    Duration,
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
    found.sort_by(|a, b| {
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
    values.sort();
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
