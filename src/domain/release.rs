//! The release log: recording releases, their managers, and which incidents followed them.

use crate::domain::order;
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::assign::{self, find_incident, find_release, Link};
use super::defaults::{DEPLOYMENT_MANAGER, RELEASE_MANAGER};
use super::load::{self, Assessment};
use super::model::{
    new_id, Decision, EntryKind, Extra, GoNoGo, Incident, Release, ReleaseStatus, Severity, Status,
    TimelineEntry, Workspace,
};
use super::process::Stage;
use super::refusal::{DomainError, DomainResult, TimeOf};
use super::times;

/// How long after a deploy an incident that started is shown as possibly caused by it.
pub const SUSPECT_WINDOW_HOURS: i64 = 24;

fn suspect_window() -> Duration {
    Duration::hours(SUSPECT_WINDOW_HOURS)
}

/// Checks a release form and returns the cleaned name.
fn check_fields(
    ws: &Workspace,
    except: Option<&str>,
    name: &str,
    status: ReleaseStatus,
    planned_start: Option<DateTime<Utc>>,
    planned_end: Option<DateTime<Utc>>,
    deployed_at: Option<DateTime<Utc>>,
) -> DomainResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(DomainError::ReleaseUnnamed);
    }
    let taken = ws
        .releases
        .iter()
        .any(|r| r.deleted_at.is_none() && Some(r.id.as_str()) != except && r.name == name);
    if taken {
        return Err(DomainError::ReleaseNameTaken {
            name: name.to_string(),
        });
    }
    if let (Some(s), Some(e)) = (planned_start, planned_end) {
        if e < s {
            return Err(DomainError::PlannedEndBeforeStart);
        }
    }
    if status == ReleaseStatus::Deployed && deployed_at.is_none() {
        return Err(DomainError::DeployTimeMissing);
    }
    if matches!(status, ReleaseStatus::Planned | ReleaseStatus::Cancelled) && deployed_at.is_some() {
        return Err(DomainError::NotDeployed(status));
    }
    Ok(name.to_string())
}

/// Records a release. One recorded as already deployed (or rolled back) has no go/no-go yet,
/// so it takes `without_go`, the reason it went out without one, as [`set_status`] does.
#[allow(clippy::too_many_arguments)] // mirrors the release form field for field
pub fn record_release(
    ws: &mut Workspace,
    name: &str,
    status: ReleaseStatus,
    planned_start: Option<DateTime<Utc>>,
    planned_end: Option<DateTime<Utc>>,
    deployed_at: Option<DateTime<Utc>>,
    notes: &str,
    without_go: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    let name = check_fields(ws, None, name, status, planned_start, planned_end, deployed_at)?;
    times::not_future(at, now, TimeOf::ReleaseStatus)?;
    if let Some(d) = deployed_at {
        times::not_future(d, now, TimeOf::Deploy)?;
    }
    let why = match deployed_at {
        Some(d) => check_go(None, d, without_go)?,
        None => None,
    };
    let id = new_id("r");
    // A release recorded past its plan starts its history with the status it was recorded in.
    let first = (status != ReleaseStatus::Planned).then(|| {
        let at = match status {
            ReleaseStatus::Deployed | ReleaseStatus::RolledBack => deployed_at.unwrap_or(at),
            _ => at,
        };
        let mut text = format!("Recorded as {}", status.label().to_lowercase());
        if let Some(why) = &why {
            text.push_str(&format!(". {why}"));
        }
        let mut e = TimelineEntry::new(EntryKind::Status, at, text, None);
        e.release_status = Some(status);
        e
    });
    ws.releases.push(Release {
        id: id.clone(),
        name,
        status,
        planned_start,
        planned_end,
        deployed_at,
        notes: notes.trim().to_string(),
        timeline: first.into_iter().collect(),
        go_no_go: None,
        updated_at: Some(now),
        deleted_at: None,
        extra: Extra::new(),
    });
    Ok(id)
}

#[allow(clippy::too_many_arguments)] // mirrors the release form field for field
pub fn update_release(
    ws: &mut Workspace,
    id: &str,
    name: &str,
    status: ReleaseStatus,
    planned_start: Option<DateTime<Utc>>,
    planned_end: Option<DateTime<Utc>>,
    deployed_at: Option<DateTime<Utc>>,
    notes: &str,
    without_go: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let name = check_fields(
        ws,
        Some(id),
        name,
        status,
        planned_start,
        planned_end,
        deployed_at,
    )?;
    if let Some(d) = deployed_at {
        times::not_future(d, now, TimeOf::Deploy)?;
    }
    let Some(current) = find_release(ws, id) else {
        return Err(DomainError::ReleaseGone);
    };
    let mut copy = ws.clone();
    // A deploy time corrected on a deployed release moves the deploy's line in the history with
    // it (and the ends of the roles it ended); one that went out on a go and now comes before
    // it needs a reason, as a deploy without a go does.
    let moved = match (current.status, status, current.deployed_at, deployed_at) {
        (ReleaseStatus::Deployed, ReleaseStatus::Deployed, Some(old), Some(new)) if old != new => {
            Some((old, new))
        }
        _ => None,
    };
    if let Some((old, new)) = moved {
        let go = current.go_no_go.as_ref();
        let why = match check_go(go, old, None) {
            Ok(_) => check_go(go, new, without_go)?,
            Err(_) => None,
        };
        if let Some(entry) = deploy_entry(current) {
            // Said of the deploy time the person corrected, not of the role it moves.
            shift_entry(&mut copy, id, &entry, new, now).map_err(|e| match e {
                DomainError::MoveEndsBeforeStart {
                    person, role, start, ..
                } => DomainError::DeployBeforeRole { person, role, start },
                e => e,
            })?;
            if let Some(why) = why {
                let r = copy.releases.iter_mut().find(|r| r.id == id);
                if let Some(e) = r.and_then(|r| r.timeline.iter_mut().find(|e| e.id == entry)) {
                    e.text.push_str(&format!(". {why}"));
                }
            }
        }
    }
    if current.status != status {
        // Deploying happened at the deploy time the form gives; other moves when the form says.
        let at = match status {
            ReleaseStatus::Deployed => deployed_at.unwrap_or(at),
            _ => at,
        };
        set_status(&mut copy, id, status, None, without_go, at, now)?;
    }
    let Some(r) = copy
        .releases
        .iter_mut()
        .find(|r| r.id == id && r.deleted_at.is_none())
    else {
        return Err(DomainError::ReleaseGone);
    };
    r.name = name;
    r.planned_start = planned_start;
    r.planned_end = planned_end;
    r.deployed_at = deployed_at;
    r.notes = notes.trim().to_string();
    r.updated_at = Some(now);
    *ws = copy;
    Ok(())
}

/// Whether a release in this status is over: its release-scoped roles end when it gets there.
pub fn is_finished(status: ReleaseStatus) -> bool {
    matches!(
        status,
        ReleaseStatus::Deployed | ReleaseStatus::RolledBack | ReleaseStatus::Cancelled
    )
}

/// Moves a release to `status` at `at` (when it happened), recorded in its timeline with who.
/// Deploying sets `deployed_at`; finishing (deployed, rolled back, cancelled) ends the release's
/// open roles at that instant, named in the same line; going back does not restart them.
/// Deploying needs a go decided by then, or `without_go`, the reason it went out without one,
/// which the same line says.
pub fn set_status(
    ws: &mut Workspace,
    release_id: &str,
    status: ReleaseStatus,
    by: Option<&str>,
    without_go: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    times::not_future(at, now, TimeOf::ReleaseStatusChange)?;
    if let Some(p) = by {
        if assign::find_person(ws, p).is_none() {
            return Err(DomainError::UnknownAuthor);
        }
    }
    let Some(r) = find_release(ws, release_id) else {
        return Err(DomainError::ReleaseGone);
    };
    let old = r.status;
    if old == status {
        return Err(DomainError::ReleaseAlreadyStatus(status));
    }
    let last = r
        .timeline
        .iter()
        .filter(|e| e.deleted_at.is_none() && e.release_status.is_some())
        .map(|e| e.at)
        .max();
    if let Some(last) = last.filter(|l| at < *l) {
        return Err(DomainError::ReleaseStatusOutOfOrder { last });
    }
    if status == ReleaseStatus::RolledBack && r.deployed_at.is_none_or(|d| at < d) {
        return Err(DomainError::RollbackBeforeDeploy);
    }
    let why = match status {
        ReleaseStatus::Deployed => check_go(r.go_no_go.as_ref(), at, without_go)?,
        _ => None,
    };
    let mut copy = ws.clone();
    let mut ends = Vec::new();
    let mut ended = Vec::new();
    if is_finished(status) && !is_finished(old) {
        let mut open: Vec<_> = copy
            .assignments
            .iter()
            .filter(|a| a.release.as_deref() == Some(release_id) && a.incident.is_none() && a.holds_at(at))
            .filter(|a| a.end.is_none())
            .map(|a| (a.start, a.id.clone(), a.person.clone(), a.role.clone()))
            .collect();
        // Stable: same-instant roles keep the order they were given in.
        order::sort_by_key(&mut open, |(start, ..)| *start);
        for (_, id, person, role) in open {
            assign::end_assignment(&mut copy, &id, at, now)?;
            ended.push(format!(
                "{} ({})",
                assign::person_name(&copy, &person),
                assign::role_name(&copy, &role)
            ));
            ends.push(id);
        }
    }
    let mut text = format!("Status: {} → {}", old.label(), status.label());
    if !ended.is_empty() {
        text.push_str(&format!("; roles ended: {}", ended.join(", ")));
    }
    if let Some(why) = why {
        text.push_str(&format!(". {why}"));
    }
    let Some(r) = copy
        .releases
        .iter_mut()
        .find(|r| r.id == release_id && r.deleted_at.is_none())
    else {
        return Err(DomainError::ReleaseGone);
    };
    let mut entry = TimelineEntry::new(EntryKind::Status, at, text, by);
    entry.release_status = Some(status);
    entry.ends = ends;
    r.timeline.push(entry);
    order::sort_by_key(&mut r.timeline, |e| e.at);
    r.status = status;
    match status {
        ReleaseStatus::Deployed => r.deployed_at = Some(at),
        ReleaseStatus::Planned | ReleaseStatus::Cancelled => r.deployed_at = None,
        _ => {}
    }
    r.updated_at = Some(now);
    *ws = copy;
    Ok(())
}

/// Rolls a deployed release back at `at`, saying why: the status change names the reason in
/// the release's history, and every incident linked to the release gets the same line in its
/// timeline, so whoever reads the incident learns the fix it took. All or nothing.
pub fn roll_back(
    ws: &mut Workspace,
    release_id: &str,
    reason: &str,
    by: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(DomainError::RollbackReasonMissing);
    }
    let mut copy = ws.clone();
    set_status(
        &mut copy,
        release_id,
        ReleaseStatus::RolledBack,
        by,
        None,
        at,
        now,
    )?;
    let Some(r) = copy.releases.iter_mut().find(|r| r.id == release_id) else {
        return Err(DomainError::ReleaseGone);
    };
    let name = r.name.clone();
    if let Some(e) = r
        .timeline
        .iter_mut()
        .rev()
        .find(|e| e.release_status == Some(ReleaseStatus::RolledBack) && e.at == at)
    {
        e.text = format!("{}. Why: {reason}", e.text);
    }
    for i in copy
        .incidents
        .iter_mut()
        .filter(|i| i.deleted_at.is_none() && i.release.as_deref() == Some(release_id))
    {
        let text = format!("Release {name} was rolled back: {reason}");
        i.timeline
            .push(TimelineEntry::new(EntryKind::Action, at, text, by));
        order::sort_by_key(&mut i.timeline, |e| e.at);
        i.updated_at = Some(now);
    }
    *ws = copy;
    Ok(())
}

/// When a release was rolled back and why, from its history.
pub fn rolled_back(r: &Release) -> Option<(DateTime<Utc>, String)> {
    if r.status != ReleaseStatus::RolledBack {
        return None;
    }
    let e = r
        .timeline
        .iter()
        .filter(|e| e.deleted_at.is_none() && e.release_status == Some(ReleaseStatus::RolledBack))
        .max_by_key(|e| e.at)?;
    let why = e
        .text
        .split_once(". Why: ")
        .map(|(_, w)| w.to_string())
        .unwrap_or_default();
    Some((e.at, why))
}

/// Whether a deploy at `at` went out on a go: the release's decision (`go`) is a go decided
/// by then. If not, the deploy needs a reason, and this gives the words its history line
/// carries; without a reason it is refused, saying what to do.
fn check_go(
    go: Option<&GoNoGo>,
    at: DateTime<Utc>,
    without_go: Option<&str>,
) -> DomainResult<Option<String>> {
    let decided = go.map(|g| (g.decision, g.at));
    if decided.is_some_and(|(d, when)| d == Decision::Go && when <= at) {
        return Ok(None);
    }
    let Some(reason) = without_go.map(str::trim).filter(|r| !r.is_empty()) else {
        return Err(DomainError::DeployWithoutGo { decided });
    };
    Ok(Some(match decided {
        Some((Decision::NoGo, _)) => format!("Deployed despite a no-go: {reason}"),
        _ => format!("Deployed without a recorded go/no-go: {reason}"),
    }))
}

/// Records whether the release goes out, who decided (`by`, a person's id) and when (`at`),
/// with a note: it becomes the release's decision, replacing any earlier one, and a decision
/// line in its history ("Go: tests green (decided by Kim Lee)"), where earlier ones stay.
/// A decision comes before the release finished and not before the one it replaces. With a
/// written process, the line ticks its go/no-go step.
pub fn record_go_no_go(
    ws: &mut Workspace,
    release_id: &str,
    decision: Decision,
    by: Option<&str>,
    at: DateTime<Utc>,
    note: &str,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    times::not_future(at, now, TimeOf::GoNoGo)?;
    if by.is_some_and(|p| assign::find_person(ws, p).is_none()) {
        return Err(DomainError::UnknownDecider);
    }
    let Some(r) = find_release(ws, release_id) else {
        return Err(DomainError::ReleaseGone);
    };
    if let Some((finished, _)) = finished_at(r).filter(|(f, _)| at > *f) {
        return Err(DomainError::GoNoGoAfterFinish { finished });
    }
    if let Some(last) = r.go_no_go.as_ref().map(|g| g.at).filter(|l| at < *l) {
        return Err(DomainError::GoNoGoOutOfOrder { last });
    }
    let note = note.trim().to_string();
    let mut text = decision.label().to_string();
    if !note.is_empty() {
        text.push_str(&format!(": {note}"));
    }
    if let Some(p) = by {
        text.push_str(&format!(" (decided by {})", assign::person_name(ws, p)));
    }
    // The line ticks the written process's go/no-go step, when the team has one.
    let step = ws.process.as_ref().and_then(|p| {
        p.release
            .iter()
            .find(|s| s.deleted_at.is_none() && s.stage == Stage::GoNoGo)
            .map(|s| s.id.clone())
    });
    let Some(r) = ws
        .releases
        .iter_mut()
        .find(|r| r.id == release_id && r.deleted_at.is_none())
    else {
        return Err(DomainError::ReleaseGone);
    };
    let mut entry = TimelineEntry::new(EntryKind::Decision, at, text, by);
    entry.step = step;
    r.timeline.push(entry);
    order::sort_by_key(&mut r.timeline, |e| e.at);
    r.go_no_go = Some(GoNoGo {
        decision,
        at,
        by: by.map(str::to_string),
        note,
        extra: Extra::new(),
    });
    r.updated_at = Some(now);
    Ok(())
}

/// One step of the release checklist as a release's page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChecklistStep {
    pub id: String,
    pub text: String,
    /// The name of the role that owns it.
    pub owner: String,
    /// Who holds (or last held) that role on this release, by name.
    pub holder: Option<String>,
    /// When the release's history last ticked it.
    pub done: Option<DateTime<Utc>>,
}

/// The written process's release checklist for one release, stage by stage in order, live
/// steps only, each with its owner's role, who holds that role on this release, and whether
/// its history ticked it. Empty when the team has no written process.
pub fn checklist(ws: &Workspace, release_id: &str, now: DateTime<Utc>) -> Vec<(Stage, Vec<ChecklistStep>)> {
    let (Some(p), Some(r)) = (ws.process.as_ref(), find_release(ws, release_id)) else {
        return vec![];
    };
    let step = |s: &super::process::ReleaseStep| ChecklistStep {
        id: s.id.clone(),
        text: s.text.clone(),
        owner: assign::role_name(ws, &s.owner),
        holder: manager_of(ws, release_id, &s.owner, now).map(|a| assign::person_name(ws, &a.person)),
        done: r
            .timeline
            .iter()
            .filter(|e| e.deleted_at.is_none() && e.step.as_deref() == Some(s.id.as_str()))
            .map(|e| e.at)
            .max(),
    };
    Stage::ALL
        .into_iter()
        .map(|stage| {
            let steps = p
                .release
                .iter()
                .filter(|s| s.deleted_at.is_none() && s.stage == stage);
            (stage, steps.map(step).collect::<Vec<_>>())
        })
        .filter(|(_, steps)| !steps.is_empty())
        .collect()
}

/// A line of a release's history as read: its text, and who did it when that was said and the
/// text does not already name them (a decision's text says "decided by").
pub fn history_text(ws: &Workspace, entry: &TimelineEntry) -> String {
    match entry.author.as_deref() {
        Some(p) if entry.kind != EntryKind::Decision => {
            format!("{} (by {})", entry.text, assign::person_name(ws, p))
        }
        _ => entry.text.clone(),
    }
}

/// Corrects the time of a release timeline entry, moving what it records with it: the deploy
/// time for the move to deployed, the ends of the roles it ended, and the decision's time for
/// the line of the go/no-go in force (which stays before the release finished).
pub fn move_entry(
    ws: &mut Workspace,
    release_id: &str,
    entry_id: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    times::not_future(at, now, TimeOf::EntryMove)?;
    let Some(r) = find_release(ws, release_id) else {
        return Err(DomainError::ReleaseGone);
    };
    // A deploy that went out on a go stays after it: said otherwise, it needs a reason, which the
    // release's form asks for (see `update_release`).
    if let (Some(deployed), true) = (r.deployed_at, deploy_entry(r).as_deref() == Some(entry_id)) {
        let go = r.go_no_go.as_ref();
        if check_go(go, deployed, None).is_ok() && check_go(go, at, None).is_err() {
            let go = go.map_or(deployed, |g| g.at);
            return Err(DomainError::DeployBeforeGo { go });
        }
    }
    let mut copy = ws.clone();
    shift_entry(&mut copy, release_id, entry_id, at, now)?;
    *ws = copy;
    Ok(())
}

/// The id of the line in a release's history that records its deploy: the move to deployed at
/// the release's deploy time.
fn deploy_entry(r: &Release) -> Option<String> {
    r.timeline
        .iter()
        .filter(|e| e.deleted_at.is_none() && e.release_status == Some(ReleaseStatus::Deployed))
        .find(|e| r.deployed_at == Some(e.at))
        .map(|e| e.id.clone())
}

/// Moves a history line to `at` with what it records (see [`move_entry`]), in `ws` as it is.
fn shift_entry(
    ws: &mut Workspace,
    release_id: &str,
    entry_id: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let Some(r) = find_release(ws, release_id) else {
        return Err(DomainError::ReleaseGone);
    };
    let Some(entry) = r
        .timeline
        .iter()
        .find(|e| e.id == entry_id && e.deleted_at.is_none())
        .cloned()
    else {
        return Err(DomainError::ReleaseEntryGone);
    };
    let mut statuses: Vec<&TimelineEntry> = r
        .timeline
        .iter()
        .filter(|e| e.deleted_at.is_none() && e.release_status.is_some())
        .collect();
    order::sort_by_key(&mut statuses, |e| e.at);
    if let Some(i) = statuses.iter().position(|e| e.id == entry_id) {
        if let Some(prev) = i.checked_sub(1).map(|p| statuses[p]).filter(|p| at < p.at) {
            return Err(DomainError::ReleaseEntryBeforePrevious { previous: prev.at });
        }
        if let Some(next) = statuses.get(i + 1).filter(|n| at > n.at) {
            return Err(DomainError::ReleaseEntryAfterNext { next: next.at });
        }
    }
    let is_deploy = deploy_entry(r).as_deref() == Some(entry_id);
    // The line of the decision in force moves the decision's time with it.
    let is_decision = entry.kind == EntryKind::Decision
        && r.go_no_go
            .as_ref()
            .is_some_and(|g| g.at == entry.at && g.by == entry.author);
    if let Some((finished, _)) = finished_at(r).filter(|(f, _)| is_decision && at > *f) {
        return Err(DomainError::GoNoGoAfterFinish { finished });
    }
    assign::move_edges(ws, &entry.starts, &entry.ends, at, now)?;
    let Some(r) = ws.releases.iter_mut().find(|r| r.id == release_id) else {
        return Err(DomainError::ReleaseGone);
    };
    if let Some(e) = r.timeline.iter_mut().find(|e| e.id == entry_id) {
        e.at = at;
    }
    order::sort_by_key(&mut r.timeline, |e| e.at);
    if is_deploy {
        r.deployed_at = Some(at);
    }
    if let Some(g) = r.go_no_go.as_mut().filter(|_| is_decision) {
        g.at = at;
    }
    r.updated_at = Some(now);
    Ok(())
}

/// Gives the release-scoped role to `person` from `at`; whoever held it hands it over.
fn set_manager(
    ws: &mut Workspace,
    release_id: &str,
    role: &str,
    person: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    if find_release(ws, release_id).is_none() {
        return Err(DomainError::ReleaseGone);
    }
    let link = Link::Release(release_id.to_string());
    let holders: Vec<(String, String)> = assign::current_holders(ws, role, &link, at)
        .iter()
        .map(|a| (a.id.clone(), a.person.clone()))
        .collect();
    let finish = find_release(ws, release_id).and_then(finished_at);
    // At the finish itself is allowed: a manager named for a release recorded once it was over,
    // whose start nobody knows, is on record without counting as load.
    if let Some((f, _)) = finish.as_ref().filter(|(f, _)| at > *f) {
        return Err(DomainError::ManagerAfterFinish { finished: *f });
    }
    let mut copy = ws.clone();
    let new = match holders.first() {
        Some((_, holder)) if holder == person => {
            return Err(DomainError::AlreadyManager {
                person: assign::person_name(ws, person),
                role: assign::role_name(ws, role),
            })
        }
        Some((held, _)) => {
            let new = assign::handover(&mut copy, held, person, at, now)?;
            // One manager per release: any extra holders (from a merge, say) step down too.
            for (extra, _) in &holders[1..] {
                assign::end_assignment(&mut copy, extra, at, now)?;
            }
            new
        }
        None => assign::assign(&mut copy, person, role, link, at, now)?,
    };
    // Recorded after the release finished: the role ended with it, named in that line.
    if let Some((f, entry)) = finish {
        assign::end_assignment(&mut copy, &new, f, now)?;
        let r = copy.releases.iter_mut().find(|r| r.id == release_id);
        if let Some(e) = r.and_then(|r| r.timeline.iter_mut().find(|e| Some(&e.id) == entry.as_ref())) {
            e.ends.push(new.clone());
        }
    }
    *ws = copy;
    Ok(new)
}

/// When a finished release (deployed, rolled back, cancelled) finished, and the timeline entry
/// that says so if there is one; `None` while it is planned or in progress.
pub fn finished_at(r: &Release) -> Option<(DateTime<Utc>, Option<String>)> {
    if !is_finished(r.status) {
        return None;
    }
    let entry = r
        .timeline
        .iter()
        .filter(|e| e.deleted_at.is_none() && e.release_status.is_some_and(is_finished))
        .min_by_key(|e| e.at);
    match entry {
        Some(e) => Some((e.at, Some(e.id.clone()))),
        None => r.deployed_at.map(|d| (d, None)),
    }
}

pub fn set_release_manager(
    ws: &mut Workspace,
    release_id: &str,
    person: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    set_manager(ws, release_id, RELEASE_MANAGER, person, at, now)
}

pub fn set_deployment_manager(
    ws: &mut Workspace,
    release_id: &str,
    person: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    set_manager(ws, release_id, DEPLOYMENT_MANAGER, person, at, now)
}

/// Links an incident to the release suspected of causing it, or unlinks it with `None`.
pub fn link_incident(
    ws: &mut Workspace,
    incident_id: &str,
    release_id: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    if let Some(r) = release_id {
        if find_release(ws, r).is_none() {
            return Err(DomainError::ReleaseNotInLog);
        }
    }
    let Some(incident) = ws
        .incidents
        .iter_mut()
        .find(|i| i.id == incident_id && i.deleted_at.is_none())
    else {
        return Err(DomainError::IncidentGone);
    };
    incident.release = release_id.map(str::to_string);
    incident.updated_at = Some(now);
    Ok(())
}

/// Incidents linked to the release, and the other incidents that started within 24 hours
/// after it was deployed (suspects not yet linked), each list earliest first.
pub fn release_incidents<'a>(ws: &'a Workspace, release_id: &str) -> (Vec<&'a Incident>, Vec<&'a Incident>) {
    let live = || ws.incidents.iter().filter(|i| i.deleted_at.is_none());
    let mut linked: Vec<&Incident> = live()
        .filter(|i| i.release.as_deref() == Some(release_id))
        .collect();
    let deployed = find_release(ws, release_id).and_then(|r| r.deployed_at);
    let mut suspects: Vec<&Incident> = match deployed {
        Some(d) => live()
            .filter(|i| i.release.as_deref() != Some(release_id))
            .filter(|i| i.started_at >= d && i.started_at - d <= suspect_window())
            .collect(),
        None => vec![],
    };
    order::sort_by_key(&mut linked, |i| i.started_at);
    order::sort_by_key(&mut suspects, |i| i.started_at);
    (linked, suspects)
}

/// What the release log shows beside every release, found in one pass over the assignments and
/// one over the incidents: asking [`manager_of`] and [`release_incidents`] release by release
/// walks them once per release, which took 4.3 s for a decade's 5,000 releases. Each answer is the
/// same as theirs (host tests compare them release by release).
pub struct LogFacts<'a> {
    /// `(release, role)` → who holds it now (the earliest start among holders), else who held
    /// it last.
    managers: HashMap<(&'a str, &'a str), &'a super::model::Assignment>,
    /// Live incidents linked to each release, in order of start.
    linked: HashMap<&'a str, Vec<&'a Incident>>,
    /// Every live incident in order of start (workspace order among equal starts).
    by_start: Vec<&'a Incident>,
}

impl<'a> LogFacts<'a> {
    pub fn new(ws: &'a Workspace, roles: &[&str], now: DateTime<Utc>) -> Self {
        // Per (release, role): the current holder with the earliest start (first in workspace
        // order among equals), and the latest start not after now (last among equals).
        let mut holding: HashMap<(&str, &str), &super::model::Assignment> = HashMap::new();
        let mut held: HashMap<(&str, &str), &super::model::Assignment> = HashMap::new();
        for a in ws.assignments.iter() {
            let (Some(release), true) = (a.release.as_deref(), roles.contains(&a.role.as_str())) else {
                continue;
            };
            if a.incident.is_some() || a.deleted_at.is_some() || a.start > now {
                continue;
            }
            let key = (release, a.role.as_str());
            if a.holds_at(now) {
                let first = holding.entry(key).or_insert(a);
                if a.start < first.start {
                    *first = a;
                }
            }
            let last = held.entry(key).or_insert(a);
            if a.start >= last.start {
                *last = a;
            }
        }
        for (key, a) in holding {
            held.insert(key, a);
        }
        let mut by_start: Vec<&Incident> = ws.incidents.iter().filter(|i| i.deleted_at.is_none()).collect();
        order::sort_by_key(&mut by_start, |i| i.started_at);
        let mut linked: HashMap<&str, Vec<&Incident>> = HashMap::new();
        for i in &by_start {
            if let Some(r) = i.release.as_deref() {
                linked.entry(r).or_default().push(i);
            }
        }
        LogFacts {
            managers: held,
            linked,
            by_start,
        }
    }

    /// [`manager_of`] for one of the roles asked for.
    pub fn manager(&self, release_id: &str, role: &str) -> Option<&'a super::model::Assignment> {
        self.managers.get(&(release_id, role)).copied()
    }

    /// [`release_incidents`] of a release: those linked to it, and those that started within
    /// the window after its deploy without being linked to it.
    pub fn incidents(&self, release: &Release) -> (Vec<&'a Incident>, Vec<&'a Incident>) {
        let linked = self.linked.get(release.id.as_str()).cloned().unwrap_or_default();
        let suspects = match release.deployed_at {
            Some(d) => {
                let from = self.by_start.partition_point(|i| i.started_at < d);
                self.by_start[from..]
                    .iter()
                    .take_while(|i| i.started_at - d <= suspect_window())
                    .filter(|i| i.release.as_deref() != Some(release.id.as_str()))
                    .copied()
                    .collect()
            }
            None => vec![],
        };
        (linked, suspects)
    }
}

/// One thing on the release-and-incident calendar.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Placed at its deploy time, or its planned start if not deployed.
    Release {
        id: String,
        name: String,
        status: ReleaseStatus,
        at: DateTime<Utc>,
    },
    /// A deployed release rolled back, placed when it was, with why.
    Rollback {
        id: String,
        name: String,
        at: DateTime<Utc>,
        reason: String,
    },
    /// Placed at its start.
    Incident {
        id: String,
        title: String,
        severity: Severity,
        status: Status,
        at: DateTime<Utc>,
        resolved_at: Option<DateTime<Utc>>,
    },
}

impl Event {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Event::Release { at, .. } | Event::Rollback { at, .. } | Event::Incident { at, .. } => *at,
        }
    }
}

/// Releases and incidents placed in `[from, to)`, in time order.
pub fn timeline_events(ws: &Workspace, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Event> {
    let releases = ws
        .releases
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .filter_map(|r| {
            r.deployed_at.or(r.planned_start).map(|at| Event::Release {
                id: r.id.clone(),
                name: r.name.clone(),
                status: r.status,
                at,
            })
        });
    let rollbacks = ws
        .releases
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .filter_map(|r| {
            rolled_back(r).map(|(at, reason)| Event::Rollback {
                id: r.id.clone(),
                name: r.name.clone(),
                at,
                reason,
            })
        });
    let incidents = ws
        .incidents
        .iter()
        .filter(|i| i.deleted_at.is_none())
        .map(|i| Event::Incident {
            id: i.id.clone(),
            title: i.title.clone(),
            severity: i.severity,
            status: i.status,
            at: i.started_at,
            resolved_at: i.resolved_at,
        });
    let mut events: Vec<Event> = releases
        .chain(rollbacks)
        .chain(incidents)
        .filter(|e| e.at() >= from && e.at() < to)
        .collect();
    order::sort_by_key(&mut events, Event::at);
    events
}

/// The deploy an incident followed: its linked release if that was deployed before it
/// started, otherwise the latest deploy in the 24 hours before it started; a deploy rolled
/// back before the incident started is neither.
pub fn after_deploy<'a>(ws: &'a Workspace, incident: &Incident) -> Option<(&'a Release, Duration)> {
    let linked = incident
        .release
        .as_deref()
        .and_then(|id| find_release(ws, id))
        .filter(|r| preceded(r, incident));
    let release = linked.or_else(|| {
        ws.releases
            .iter()
            .filter(|r| r.deleted_at.is_none())
            .filter(|r| preceded(r, incident))
            .filter(|r| {
                r.deployed_at
                    .is_some_and(|d| incident.started_at - d <= suspect_window())
            })
            .max_by_key(|r| r.deployed_at)
    })?;
    let deployed = release.deployed_at?;
    Some((release, incident.started_at - deployed))
}

/// Whether `r` was deployed by the time `incident` started and still out then: a deploy
/// already rolled back when the incident started is not what it followed.
fn preceded(r: &Release, incident: &Incident) -> bool {
    r.deployed_at.is_some_and(|d| d <= incident.started_at)
        && rolled_back(r).is_none_or(|(at, _)| at > incident.started_at)
}

/// Deployed releases in order of deploy, to answer [`after_deploy`] for many incidents (the
/// release page's calendar) without walking the whole log for each. Same answers (host test).
pub struct Deploys<'a> {
    /// Live deployed releases by deploy time (workspace order among equal times).
    by_deploy: Vec<&'a Release>,
    by_id: HashMap<&'a str, &'a Release>,
}

impl<'a> Deploys<'a> {
    pub fn new(ws: &'a Workspace) -> Self {
        let live = || ws.releases.iter().filter(|r| r.deleted_at.is_none());
        let mut by_deploy: Vec<&Release> = live().filter(|r| r.deployed_at.is_some()).collect();
        order::sort_by_key(&mut by_deploy, |r| r.deployed_at);
        Deploys {
            by_deploy,
            by_id: live().map(|r| (r.id.as_str(), r)).collect(),
        }
    }

    /// [`after_deploy`] of `incident`.
    pub fn after(&self, incident: &Incident) -> Option<(&'a Release, Duration)> {
        let start = incident.started_at;
        let linked = incident
            .release
            .as_deref()
            .and_then(|id| self.by_id.get(id).copied())
            .filter(|r| preceded(r, incident));
        // Latest deploy first (among equal times, the later in the workspace, as `max_by_key`).
        let release = linked.or_else(|| {
            let to = self.by_deploy.partition_point(|r| r.deployed_at <= Some(start));
            let from =
                self.by_deploy[..to].partition_point(|r| r.deployed_at < Some(start - suspect_window()));
            self.by_deploy[from..to]
                .iter()
                .rev()
                .find(|r| preceded(r, incident))
                .copied()
        })?;
        let deployed = release.deployed_at?;
        Some((release, start - deployed))
    }
}

/// How many releases the incident page offers to link: a decade holds thousands, and a list
/// that long is neither readable nor quick to draw.
pub const LINK_CHOICES: usize = 40;

/// The releases an incident that started at `started` may be linked to, newest first: the live
/// ones nearest its start (before or after it, dated by deploy, else by planned start; undated
/// ones last), at most `limit` of them, and always `linked`, the one it is linked to now.
pub fn link_choices<'a>(
    releases: impl IntoIterator<Item = &'a Release>,
    started: DateTime<Utc>,
    linked: Option<&str>,
    limit: usize,
) -> Vec<&'a Release> {
    let when = |r: &Release| r.deployed_at.or(r.planned_start);
    let mut live: Vec<&Release> = releases.into_iter().filter(|r| r.deleted_at.is_none()).collect();
    // Nearest first; an undated release sorts after every dated one.
    order::sort_by_key(&mut live, |r| {
        when(r).map_or(i64::MAX, |t| (t - started).num_seconds().abs())
    });
    let mut chosen: Vec<&Release> = live
        .iter()
        .enumerate()
        .filter(|(i, r)| *i < limit || Some(r.id.as_str()) == linked)
        .map(|(_, r)| *r)
        .collect();
    order::sort_by_key(&mut chosen, |r| std::cmp::Reverse(when(r)));
    chosen
}

/// `after_deploy` for an incident by id.
pub fn after_deploy_of<'a>(ws: &'a Workspace, incident_id: &str) -> Option<(&'a Release, Duration)> {
    after_deploy(ws, find_incident(ws, incident_id)?)
}

/// What `load::assess` says about each manager picked on the release form, judged as if the
/// other pick were already made, so one person as both trips the release × deployment rule
/// before anything is saved. `release_id` is `None` for a release not recorded yet. A pick
/// that is already the current holder needs no assessment and gives `None`.
pub fn assess_managers(
    ws: &Workspace,
    release_id: Option<&str>,
    release_manager: Option<&str>,
    deployment_manager: Option<&str>,
    now: DateTime<Utc>,
) -> (Option<Assessment>, Option<Assessment>) {
    let mut sim = ws.clone();
    let id = match release_id.filter(|id| find_release(ws, id).is_some()) {
        Some(id) => id.to_string(),
        None => {
            let id = new_id("r");
            sim.releases.push(Release {
                id: id.clone(),
                name: String::new(),
                status: ReleaseStatus::Planned,
                planned_start: None,
                planned_end: None,
                deployed_at: None,
                notes: String::new(),
                timeline: vec![],
                go_no_go: None,
                updated_at: None,
                deleted_at: None,
                extra: Extra::new(),
            });
            id
        }
    };
    let link = Link::Release(id.clone());
    let holds = |ws: &Workspace, role: &str, person: &str| {
        assign::current_holders(ws, role, &link, now)
            .iter()
            .any(|a| a.person == person)
    };
    let judge = |role: &str, person: Option<&str>, other_role: &str, other: Option<&str>| {
        let person = person.filter(|p| !holds(&sim, role, p))?;
        let mut with_other = sim.clone();
        if let Some(o) = other {
            // A refused pick (inactive, say) is reported when saving; judge without it.
            let _ = set_manager(&mut with_other, &id, other_role, o, now, now);
        }
        Some(load::assess(&with_other, person, role, now))
    };
    (
        judge(
            RELEASE_MANAGER,
            release_manager,
            DEPLOYMENT_MANAGER,
            deployment_manager,
        ),
        judge(
            DEPLOYMENT_MANAGER,
            deployment_manager,
            RELEASE_MANAGER,
            release_manager,
        ),
    )
}

/// Who holds (or, once the release is over, last held) a release-scoped role of this release.
pub fn manager_of<'a>(
    ws: &'a Workspace,
    release_id: &str,
    role: &str,
    now: DateTime<Utc>,
) -> Option<&'a super::model::Assignment> {
    let link = Link::Release(release_id.to_string());
    assign::current_holders(ws, role, &link, now)
        .first()
        .copied()
        .or_else(|| {
            ws.assignments
                .iter()
                .filter(|a| a.deleted_at.is_none() && a.role == role && Link::of(a) == link && a.start <= now)
                .max_by_key(|a| a.start)
        })
}
