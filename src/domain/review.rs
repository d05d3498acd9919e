//! Post-incident reviews: starting one, editing its sections, and who held which roles. Their
//! exports (Markdown, chat text) are in [`super::review_export`].
//!
//! A published review is a record. Every write to its text, sections, kind or list of action
//! items is refused until it is moved back to draft (action items themselves stay doable: they
//! are work that goes on after the review). Publishing also keeps what the review showed about
//! the incident, its roles and their names, so renaming a person or correcting an assignment
//! later does not rewrite what the team agreed on. Every status change is logged with who and
//! when; moving back to draft drops the kept record, and publishing again takes a new one.

use crate::domain::order;
use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Duration, Utc};

use super::model::{
    Extra, Incident, ProcessFollowed, PublishedRecord, PublishedRole, Review, ReviewFacts, ReviewKind,
    ReviewStatus, Status, StatusChange, Workspace,
};

use super::checklist;
use super::duration::human;
use super::text::number;
use super::times::{hm as fmt_utc, is_future};

#[derive(Clone, Debug, PartialEq)]
pub enum ReviewError {
    IncidentNotFound(String),
    IncidentStillOpen(Status),
    AlreadyReviewed {
        review_id: String,
    },
    ReviewNotFound(String),
    NotInThisKind {
        kind: ReviewKind,
        section: &'static str,
    },
    EmptyItem,
    ItemNotFound {
        list: ListField,
        index: usize,
    },
    StatusStep {
        from: ReviewStatus,
        to: ReviewStatus,
    },
    UnknownMoment(String),
    /// A published review is a record: edits wait until it is moved back to draft.
    Published,
    /// Who made a status change names nobody on the team.
    UnknownPerson(String),
    /// A status change recorded later than now.
    InFuture(DateTime<Utc>),
    BeforeIncident {
        at: DateTime<Utc>,
        started: DateTime<Utc>,
    },
    BeforeLastChange {
        at: DateTime<Utc>,
        last: DateTime<Utc>,
    },
}

impl fmt::Display for ReviewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewError::IncidentNotFound(id) => {
                write!(f, "There is no incident {id}; it may have been deleted.")
            }
            ReviewError::IncidentStillOpen(s) => write!(
                f,
                "Resolve the incident before reviewing it: it is still {}.",
                s.label().to_lowercase()
            ),
            ReviewError::AlreadyReviewed { review_id } => write!(
                f,
                "This incident already has a review ({review_id}); open that one instead of starting another."
            ),
            ReviewError::ReviewNotFound(id) => {
                write!(f, "There is no review {id}; it may have been deleted.")
            }
            ReviewError::NotInThisKind { kind, section } => write!(
                f,
                "A {} review has no {section} section; switch it to a full review to write one.",
                kind.as_str()
            ),
            ReviewError::EmptyItem => write!(f, "Write something before adding it, or remove the item instead."),
            ReviewError::ItemNotFound { list, index } => write!(
                f,
                "There is no item {} in {}; the list may have changed, reload and try again.",
                index + 1,
                list.title()
            ),
            ReviewError::StatusStep { from, to } => match (from, to) {
                (ReviewStatus::Draft, ReviewStatus::Published) => write!(
                    f,
                    "Put the draft up for review before publishing it, so someone else reads it first."
                ),
                _ => write!(
                    f,
                    "A review cannot go from {} to {}; move it back to draft first.",
                    from.label().to_lowercase(),
                    to.label().to_lowercase()
                ),
            },
            ReviewError::UnknownMoment(id) => write!(
                f,
                "Timeline entry {id} is not part of this incident's timeline; pick key moments from that timeline."
            ),
            ReviewError::Published => write!(
                f,
                "This review is published, so it stays as the team agreed it; move it back to draft first to change it."
            ),
            ReviewError::UnknownPerson(id) => write!(
                f,
                "{id} is not one of the team's people; pick someone from the list, or leave who made the change unrecorded."
            ),
            ReviewError::InFuture(at) => write!(
                f,
                "{} is in the future; record the change at the time it happened, at or before now.",
                fmt_utc(*at)
            ),
            ReviewError::BeforeIncident { at, started } => write!(
                f,
                "{} is before the incident started ({}); pick a time after the incident began.",
                fmt_utc(*at),
                fmt_utc(*started)
            ),
            ReviewError::BeforeLastChange { at, last } => write!(
                f,
                "{} is before the review's last status change ({}); pick a time after that change.",
                fmt_utc(*at),
                fmt_utc(*last)
            ),
        }
    }
}

impl std::error::Error for ReviewError {}

/// The free-text sections of a review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Summary,
    Impact,
    Detection,
    Response,
    Recovery,
    Lessons,
}

impl Field {
    pub fn title(self) -> &'static str {
        match self {
            Field::Summary => "Summary",
            Field::Impact => "Impact",
            Field::Detection => "Detection",
            Field::Response => "Response",
            Field::Recovery => "Recovery",
            Field::Lessons => "Lessons",
        }
    }
    /// This section's text in a review.
    pub fn get(self, r: &Review) -> &String {
        match self {
            Field::Summary => &r.summary,
            Field::Impact => &r.impact,
            Field::Detection => &r.detection,
            Field::Response => &r.response,
            Field::Recovery => &r.recovery,
            Field::Lessons => &r.lessons,
        }
    }
    fn get_mut(self, r: &mut Review) -> &mut String {
        match self {
            Field::Summary => &mut r.summary,
            Field::Impact => &mut r.impact,
            Field::Detection => &mut r.detection,
            Field::Response => &mut r.response,
            Field::Recovery => &mut r.recovery,
            Field::Lessons => &mut r.lessons,
        }
    }
    fn section(self) -> SectionId {
        match self {
            Field::Summary => SectionId::Summary,
            Field::Impact => SectionId::Impact,
            Field::Detection => SectionId::Detection,
            Field::Response => SectionId::Response,
            Field::Recovery => SectionId::Recovery,
            Field::Lessons => SectionId::Lessons,
        }
    }
}

/// The list sections of a review: one short statement per item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListField {
    ContributingFactors,
    WentWell,
    WentBadly,
    Lucky,
}

impl ListField {
    pub fn title(self) -> &'static str {
        match self {
            ListField::ContributingFactors => "Contributing factors",
            ListField::WentWell => "What went well",
            ListField::WentBadly => "What went badly",
            ListField::Lucky => "Where we got lucky",
        }
    }
    /// This section's items in a review.
    pub fn get(self, r: &Review) -> &Vec<String> {
        match self {
            ListField::ContributingFactors => &r.contributing_factors,
            ListField::WentWell => &r.went_well,
            ListField::WentBadly => &r.went_badly,
            ListField::Lucky => &r.lucky,
        }
    }
    fn get_mut(self, r: &mut Review) -> &mut Vec<String> {
        match self {
            ListField::ContributingFactors => &mut r.contributing_factors,
            ListField::WentWell => &mut r.went_well,
            ListField::WentBadly => &mut r.went_badly,
            ListField::Lucky => &mut r.lucky,
        }
    }
    fn section(self) -> SectionId {
        match self {
            ListField::ContributingFactors => SectionId::ContributingFactors,
            ListField::WentWell => SectionId::WentWell,
            ListField::WentBadly => SectionId::WentBadly,
            ListField::Lucky => SectionId::Lucky,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionId {
    Summary,
    Impact,
    Detection,
    Response,
    Recovery,
    ContributingFactors,
    WentWell,
    WentBadly,
    Lucky,
    Lessons,
    ActionItems,
    KeyMoments,
}

impl SectionId {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionId::Summary => "summary",
            SectionId::Impact => "impact",
            SectionId::Detection => "detection",
            SectionId::Response => "response",
            SectionId::Recovery => "recovery",
            SectionId::ContributingFactors => "contributing-factors",
            SectionId::WentWell => "went-well",
            SectionId::WentBadly => "went-badly",
            SectionId::Lucky => "lucky",
            SectionId::Lessons => "lessons",
            SectionId::ActionItems => "action-items",
            SectionId::KeyMoments => "key-moments",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            SectionId::ActionItems => "Action items",
            SectionId::KeyMoments => "Key timeline moments",
            s => match (s.field(), s.list_field()) {
                (Some(f), _) => f.title(),
                (_, Some(l)) => l.title(),
                _ => unreachable!("every other section is a text or list field"),
            },
        }
    }
    /// The text field this section edits, if it is one.
    pub fn field(self) -> Option<Field> {
        Some(match self {
            SectionId::Summary => Field::Summary,
            SectionId::Impact => Field::Impact,
            SectionId::Detection => Field::Detection,
            SectionId::Response => Field::Response,
            SectionId::Recovery => Field::Recovery,
            SectionId::Lessons => Field::Lessons,
            _ => return None,
        })
    }
    /// The list field this section edits, if it is one.
    pub fn list_field(self) -> Option<ListField> {
        Some(match self {
            SectionId::ContributingFactors => ListField::ContributingFactors,
            SectionId::WentWell => ListField::WentWell,
            SectionId::WentBadly => ListField::WentBadly,
            SectionId::Lucky => ListField::Lucky,
            _ => return None,
        })
    }
    /// Guidance in the blameless style: describe systems and conditions, not culprits.
    pub fn prompt(self) -> &'static str {
        match self {
            SectionId::Summary => "Describe what happened in two or three sentences a newcomer would understand. Say what the system did, not who got it wrong.",
            SectionId::Impact => "Who noticed what, for how long? Users affected, features broken, data at risk. Numbers help; guesses are fine if you say so.",
            SectionId::Detection => "How did we find out: an alert, a user, someone poking around? What would have told us sooner?",
            SectionId::Response => "How the team came together: who was reached, how roles were taken, what made coordinating easy or hard.",
            SectionId::Recovery => "What brought the service back, and what slowed that down. Describe the steps, not the people.",
            SectionId::ContributingFactors => "List the conditions that together made this possible: code, config, process, timing, tooling. There is rarely one root cause; each item is one factor.",
            SectionId::WentWell => "What helped? Name the practices and tools worth keeping.",
            SectionId::WentBadly => "What made things harder? Describe the situation people were in, assuming everyone did their best with what they knew.",
            SectionId::Lucky => "Where did chance save us? Those are risks we have not fixed yet.",
            SectionId::Lessons => "What do we understand now that we did not before? Write it for the team a year from now.",
            SectionId::ActionItems => "Concrete changes, each with one owner and a due date. Prefer fixing systems over asking people to be more careful.",
            SectionId::KeyMoments => "Pick the timeline entries that tell the story: first signal, detection, key decisions, mitigation, resolution.",
        }
    }
}

const QUICK_SECTIONS: [SectionId; 5] = [
    SectionId::Summary,
    SectionId::WentWell,
    SectionId::WentBadly,
    SectionId::Lucky,
    SectionId::ActionItems,
];

const FULL_SECTIONS: [SectionId; 12] = [
    SectionId::Summary,
    SectionId::Impact,
    SectionId::Detection,
    SectionId::Response,
    SectionId::Recovery,
    SectionId::ContributingFactors,
    SectionId::WentWell,
    SectionId::WentBadly,
    SectionId::Lucky,
    SectionId::Lessons,
    SectionId::ActionItems,
    SectionId::KeyMoments,
];

/// The sections a review of this kind asks for, in order.
pub fn section_ids(kind: ReviewKind) -> &'static [SectionId] {
    match kind {
        ReviewKind::Quick => &QUICK_SECTIONS,
        ReviewKind::Full => &FULL_SECTIONS,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: SectionId,
    pub title: &'static str,
    pub prompt: &'static str,
    pub filled: bool,
}

fn section_filled(r: &Review, id: SectionId) -> bool {
    if let Some(f) = id.field() {
        return !f.get(r).trim().is_empty();
    }
    if let Some(l) = id.list_field() {
        return l.get(r).iter().any(|s| !s.trim().is_empty());
    }
    match id {
        SectionId::ActionItems => r.actions.iter().any(|a| a.deleted_at.is_none()),
        SectionId::KeyMoments => !r.key_moments.is_empty(),
        _ => false,
    }
}

pub fn sections(review: &Review) -> Vec<Section> {
    section_ids(review.kind)
        .iter()
        .map(|&id| Section {
            id,
            title: id.title(),
            prompt: id.prompt(),
            filled: section_filled(review, id),
        })
        .collect()
}

/// (sections filled, sections asked for by the review's kind).
pub fn completeness(review: &Review) -> (usize, usize) {
    let all = sections(review);
    (all.iter().filter(|s| s.filled).count(), all.len())
}

fn live_incident<'a>(ws: &'a Workspace, id: &str) -> Option<&'a Incident> {
    ws.incidents.iter().find(|i| i.id == id && i.deleted_at.is_none())
}

/// The live review with this id.
pub fn find_review<'a>(ws: &'a Workspace, review_id: &str) -> Option<&'a Review> {
    ws.reviews
        .iter()
        .find(|r| r.id == review_id && r.deleted_at.is_none())
}

/// The live review of an incident, if one was started.
pub fn review_for_incident<'a>(ws: &'a Workspace, incident_id: &str) -> Option<&'a Review> {
    ws.reviews
        .iter()
        .find(|r| r.incident == incident_id && r.deleted_at.is_none())
}

fn review_mut<'a>(ws: &'a mut Workspace, review_id: &str) -> Result<&'a mut Review, ReviewError> {
    ws.reviews
        .iter_mut()
        .find(|r| r.id == review_id && r.deleted_at.is_none())
        .map(|r| &mut **r)
        .ok_or_else(|| ReviewError::ReviewNotFound(review_id.to_string()))
}

/// The impact paragraph a full review starts with, so nobody retypes times the app already knows.
fn impact_prefill(inc: &Incident) -> String {
    let mut s = format!("From {}", fmt_utc(inc.started_at));
    match inc.resolved_at {
        Some(end) => s.push_str(&format!(" to {} ({})", fmt_utc(end), human(end - inc.started_at))),
        None => s.push_str(" (resolution time not recorded)"),
    }
    if let Some(d) = inc.detected_at {
        s.push_str(&format!("; detected after {}", human(d - inc.started_at)));
    }
    s.push('.');
    if !inc.services.is_empty() {
        s.push_str(&format!(" Services affected: {}.", inc.services.join(", ")));
    }
    s
}

/// Starts a review of a resolved or closed incident and returns the new review's id.
pub fn start_review(
    ws: &mut Workspace,
    incident_id: &str,
    kind: ReviewKind,
    now: DateTime<Utc>,
) -> Result<String, ReviewError> {
    let inc = live_incident(ws, incident_id)
        .ok_or_else(|| ReviewError::IncidentNotFound(incident_id.to_string()))?;
    if inc.status.is_open() {
        return Err(ReviewError::IncidentStillOpen(inc.status));
    }
    if let Some(r) = review_for_incident(ws, incident_id) {
        return Err(ReviewError::AlreadyReviewed {
            review_id: r.id.clone(),
        });
    }
    let impact = match kind {
        ReviewKind::Full => impact_prefill(inc),
        ReviewKind::Quick => String::new(),
    };
    let id = super::model::new_id("rv");
    ws.reviews.push(Review {
        id: id.clone(),
        incident: incident_id.to_string(),
        status: ReviewStatus::Draft,
        kind,
        summary: String::new(),
        impact,
        detection: String::new(),
        response: String::new(),
        recovery: String::new(),
        contributing_factors: vec![],
        went_well: vec![],
        went_badly: vec![],
        lucky: vec![],
        lessons: String::new(),
        actions: vec![],
        key_moments: vec![],
        status_log: vec![],
        published: None,
        updated_at: Some(now),
        deleted_at: None,
        extra: Extra::new(),
    });
    Ok(id)
}

/// Switches between a quick and a full review; text already written is kept either way.
pub fn set_kind(
    ws: &mut Workspace,
    review_id: &str,
    kind: ReviewKind,
    now: DateTime<Utc>,
) -> Result<(), ReviewError> {
    let r = find_review(ws, review_id).ok_or_else(|| ReviewError::ReviewNotFound(review_id.into()))?;
    check_editable(r)?;
    let prefill = match (kind, r.impact.trim().is_empty()) {
        (ReviewKind::Full, true) => live_incident(ws, &r.incident).map(impact_prefill),
        _ => None,
    };
    let r = review_mut(ws, review_id)?;
    r.kind = kind;
    if let Some(p) = prefill {
        r.impact = p;
    }
    r.updated_at = Some(now);
    Ok(())
}

/// The sections with something written that switching to `to` would hide, in page order. The
/// text stays in the review and comes back on switching again; this is what to warn about.
pub fn hidden_by_switch(review: &Review, to: ReviewKind) -> Vec<SectionId> {
    let kept = section_ids(to);
    section_ids(review.kind)
        .iter()
        .copied()
        .filter(|id| !kept.contains(id) && section_filled(review, *id))
        .collect()
}

/// The sentence asking before a switch hides written sections; `None` when nothing would be hidden.
pub fn switch_warning(hidden: &[SectionId], to: ReviewKind) -> Option<String> {
    let titles: Vec<&str> = hidden.iter().map(|s| s.title()).collect();
    let (last, rest) = titles.split_last()?;
    let names = if rest.is_empty() {
        last.to_string()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    let its = if rest.is_empty() { "its" } else { "their" };
    let kind = match to {
        ReviewKind::Quick => "a quick retro",
        ReviewKind::Full => "a full review",
    };
    Some(format!(
        "Switching to {kind} hides {names}; {its} text is kept and comes back if you switch again."
    ))
}

/// Tombstones a review (its action items go with it).
pub fn delete_review(ws: &mut Workspace, review_id: &str, now: DateTime<Utc>) -> Result<(), ReviewError> {
    let r = review_mut(ws, review_id)?;
    check_editable(r)?;
    r.deleted_at = Some(now);
    r.updated_at = Some(now);
    Ok(())
}

/// Refuses any write to a published review: it is a record until moved back to draft.
fn check_editable(r: &Review) -> Result<(), ReviewError> {
    if r.status == ReviewStatus::Published {
        Err(ReviewError::Published)
    } else {
        Ok(())
    }
}

fn check_kind(r: &Review, id: SectionId) -> Result<(), ReviewError> {
    if section_ids(r.kind).contains(&id) {
        Ok(())
    } else {
        Err(ReviewError::NotInThisKind {
            kind: r.kind,
            section: id.title(),
        })
    }
}

pub fn set_text(
    ws: &mut Workspace,
    review_id: &str,
    field: Field,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), ReviewError> {
    let r = review_mut(ws, review_id)?;
    check_editable(r)?;
    check_kind(r, field.section())?;
    *field.get_mut(r) = text.to_string();
    r.updated_at = Some(now);
    Ok(())
}

/// Appends an item and returns its index.
pub fn add_item(
    ws: &mut Workspace,
    review_id: &str,
    list: ListField,
    text: &str,
    now: DateTime<Utc>,
) -> Result<usize, ReviewError> {
    let r = review_mut(ws, review_id)?;
    check_editable(r)?;
    check_kind(r, list.section())?;
    let text = text.trim();
    if text.is_empty() {
        return Err(ReviewError::EmptyItem);
    }
    let items = list.get_mut(r);
    items.push(text.to_string());
    let index = items.len() - 1;
    r.updated_at = Some(now);
    Ok(index)
}

pub fn edit_item(
    ws: &mut Workspace,
    review_id: &str,
    list: ListField,
    index: usize,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), ReviewError> {
    let r = review_mut(ws, review_id)?;
    check_editable(r)?;
    check_kind(r, list.section())?;
    let text = text.trim();
    if text.is_empty() {
        return Err(ReviewError::EmptyItem);
    }
    let item = list
        .get_mut(r)
        .get_mut(index)
        .ok_or(ReviewError::ItemNotFound { list, index })?;
    *item = text.to_string();
    r.updated_at = Some(now);
    Ok(())
}

pub fn remove_item(
    ws: &mut Workspace,
    review_id: &str,
    list: ListField,
    index: usize,
    now: DateTime<Utc>,
) -> Result<(), ReviewError> {
    let r = review_mut(ws, review_id)?;
    check_editable(r)?;
    let items = list.get_mut(r);
    if index >= items.len() {
        return Err(ReviewError::ItemNotFound { list, index });
    }
    items.remove(index);
    r.updated_at = Some(now);
    Ok(())
}

/// The step forward a review's page offers from `status`, if any. A quick retro is written in
/// one sitting by the people who were there, so it is published straight from its draft; a full
/// review is put up for review first, so someone else reads it before the team shares it.
pub fn next_step(kind: ReviewKind, status: ReviewStatus) -> Option<ReviewStatus> {
    use ReviewStatus::*;
    match (kind, status) {
        (ReviewKind::Quick, Draft) => Some(Published),
        (ReviewKind::Full, Draft) => Some(InReview),
        (_, InReview) => Some(Published),
        (_, Published) => None,
    }
}

/// Whether a review of `kind` may move from `from` to `to`: the step forward its page offers, a
/// draft put up for review (a quick retro may still ask for a reader), or back to draft.
fn may_move(kind: ReviewKind, from: ReviewStatus, to: ReviewStatus) -> bool {
    use ReviewStatus::*;
    next_step(kind, from) == Some(to) || matches!((from, to), (Draft, InReview) | (_, Draft))
}

/// Moves a review along [`next_step`]; any state may go back to draft for more work. Each
/// change is logged with `by` (a person id, if recorded) and `at`, when it happened: not in the
/// future (beyond the clock skew allowance), not before the incident started, not before the
/// review's previous change. Publishing keeps a record of what the review shows, whether from
/// review or (a quick retro) straight from draft; moving back to draft drops it. Moving to the
/// status it already has changes nothing.
pub fn set_status(
    ws: &mut Workspace,
    review_id: &str,
    status: ReviewStatus,
    by: Option<&str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ReviewError> {
    use ReviewStatus::*;
    let r = find_review(ws, review_id).ok_or_else(|| ReviewError::ReviewNotFound(review_id.into()))?;
    if r.status == status {
        return Ok(());
    }
    if !may_move(r.kind, r.status, status) {
        return Err(ReviewError::StatusStep {
            from: r.status,
            to: status,
        });
    }
    if let Some(p) = by {
        if !ws.people.iter().any(|x| x.id == p && x.deleted_at.is_none()) {
            return Err(ReviewError::UnknownPerson(p.to_string()));
        }
    }
    if is_future(at, now) {
        return Err(ReviewError::InFuture(at));
    }
    let inc =
        live_incident(ws, &r.incident).ok_or_else(|| ReviewError::IncidentNotFound(r.incident.clone()))?;
    if at < inc.started_at {
        return Err(ReviewError::BeforeIncident {
            at,
            started: inc.started_at,
        });
    }
    if let Some(last) = r.status_log.last().filter(|c| at < c.at) {
        return Err(ReviewError::BeforeLastChange { at, last: last.at });
    }
    let record = (status == Published).then(|| take_record(ws, inc, by, at));
    let r = review_mut(ws, review_id)?;
    r.status_log.push(StatusChange {
        at,
        by: by.map(str::to_string),
        from: r.status,
        to: status,
        extra: Extra::new(),
    });
    r.status = status;
    r.published = record;
    r.updated_at = Some(now);
    Ok(())
}

/// What a review publishes about its incident: the header facts, and the roles and statements
/// with the names people and roles have at `at`.
fn take_record(ws: &Workspace, inc: &Incident, by: Option<&str>, at: DateTime<Utc>) -> PublishedRecord {
    let (spans, statements) = roles_during(ws, &inc.id, at);
    PublishedRecord {
        at,
        by: by.map(str::to_string),
        roles: spans
            .into_iter()
            .map(|s| PublishedRole {
                person: s.person_id,
                person_name: s.person_name,
                role: s.role_id,
                role_name: s.role_name,
                from: s.from,
                to: s.to,
                extra: Extra::new(),
            })
            .collect(),
        statements,
        facts: live_facts(inc),
        process: followed_now(ws, inc),
        extra: Extra::new(),
    }
}

fn live_facts(inc: &Incident) -> ReviewFacts {
    ReviewFacts {
        title: inc.title.clone(),
        severity: inc.severity,
        started_at: inc.started_at,
        detected_at: inc.detected_at,
        resolved_at: inc.resolved_at,
        services: inc.services.clone(),
        extra: Extra::new(),
    }
}

/// The incident facts the review shows: as published, or the incident's own while it is not.
/// `None` if the review is not published and its incident is gone.
pub fn facts_of(ws: &Workspace, review: &Review) -> Option<ReviewFacts> {
    match record(review) {
        Some(p) => Some(p.facts.clone()),
        None => live_incident(ws, &review.incident).map(live_facts),
    }
}

/// The record a published review keeps. Only a published review has one (a file that says
/// otherwise is refused on import; this keeps the rule for data built in code, too).
fn record(review: &Review) -> Option<&PublishedRecord> {
    review
        .published
        .as_ref()
        .filter(|_| review.status == ReviewStatus::Published)
}

/// A person's name for a record: the person's name even if they were deleted since, else the id.
fn name_of(ws: &Workspace, person_id: &str) -> String {
    ws.people
        .iter()
        .find(|p| p.id == person_id)
        .map_or_else(|| person_id.to_string(), |p| p.name.clone())
}

/// When and by whom a published review was published, with the person's name. `None` unless it
/// is published. A review published before Hatrack kept these has neither.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishedBy {
    pub at: Option<DateTime<Utc>>,
    pub by: Option<String>,
}

pub fn published_by(ws: &Workspace, review: &Review) -> Option<PublishedBy> {
    if review.status != ReviewStatus::Published {
        return None;
    }
    let (at, by) = match record(review) {
        Some(p) => (Some(p.at), p.by.as_deref()),
        None => match review
            .status_log
            .iter()
            .rev()
            .find(|c| c.to == ReviewStatus::Published)
        {
            Some(c) => (Some(c.at), c.by.as_deref()),
            None => (None, None),
        },
    };
    Some(PublishedBy {
        at,
        by: by.map(|p| name_of(ws, p)),
    })
}

/// One line of a review's status log, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    pub at: DateTime<Utc>,
    /// The person's name; `None` when who made the change was not recorded.
    pub by: Option<String>,
    pub from: ReviewStatus,
    pub to: ReviewStatus,
}

/// The review's status changes, oldest first, with names for the people who made them.
pub fn status_log(ws: &Workspace, review: &Review) -> Vec<LogLine> {
    review
        .status_log
        .iter()
        .map(|c| LogLine {
            at: c.at,
            by: c.by.as_deref().map(|p| name_of(ws, p)),
            from: c.from,
            to: c.to,
        })
        .collect()
}

/// Replaces the key moments with these timeline entries, kept in timeline order.
pub fn set_key_moments(
    ws: &mut Workspace,
    review_id: &str,
    entry_ids: &[String],
    now: DateTime<Utc>,
) -> Result<(), ReviewError> {
    let r = find_review(ws, review_id).ok_or_else(|| ReviewError::ReviewNotFound(review_id.into()))?;
    check_editable(r)?;
    check_kind(r, SectionId::KeyMoments)?;
    let inc =
        live_incident(ws, &r.incident).ok_or_else(|| ReviewError::IncidentNotFound(r.incident.clone()))?;
    let mut entries: Vec<_> = inc.timeline.iter().filter(|e| e.deleted_at.is_none()).collect();
    if let Some(bad) = entry_ids.iter().find(|id| !entries.iter().any(|e| &e.id == *id)) {
        return Err(ReviewError::UnknownMoment(bad.clone()));
    }
    order::sort_by_key(&mut entries, |e| e.at);
    let ids: Vec<String> = entries
        .iter()
        .filter(|e| entry_ids.contains(&e.id))
        .map(|e| e.id.clone())
        .collect();
    let r = review_mut(ws, review_id)?;
    r.key_moments = ids;
    r.updated_at = Some(now);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Process followed

/// The sentence that frames the "Process followed" section wherever it is shown.
pub const PROCESS_FRAMING: &str =
    "Material for discussion: the process may need changing as much as the people following it.";

/// The section's lines, from the incident as it stands.
fn followed_now(ws: &Workspace, inc: &Incident) -> Vec<ProcessFollowed> {
    checklist::followed_text(ws, inc)
        .into_iter()
        .map(|(role, steps)| ProcessFollowed {
            role,
            steps,
            extra: Extra::new(),
        })
        .collect()
}

/// What the "Process followed" section shows: as published, or live from the incident while
/// the review is not. Empty when there is nothing to say: no process, no held role with a
/// checklist, or a review published before the section existed.
pub fn process_followed(ws: &Workspace, review: &Review) -> Vec<ProcessFollowed> {
    if let Some(p) = record(review) {
        return p.process.clone();
    }
    live_incident(ws, &review.incident)
        .map(|inc| followed_now(ws, inc))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Roles during the incident

#[derive(Clone, Debug, PartialEq)]
pub struct RoleSpan {
    pub person_id: String,
    pub person_name: String,
    pub role_id: String,
    pub role_name: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// The incident's window: [started_at, resolved_at or now).
fn window(inc: &Incident, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (inc.started_at, inc.resolved_at.unwrap_or(now))
}

/// Who held which role during the incident, clipped to its window, and plain statements about
/// conflicting roles and overloads. Counts this incident's roles plus standing and release roles;
/// roles held for other incidents belong to those incidents' reviews.
pub fn roles_during(ws: &Workspace, incident_id: &str, now: DateTime<Utc>) -> (Vec<RoleSpan>, Vec<String>) {
    let Some(inc) = live_incident(ws, incident_id) else {
        return (vec![], vec![]);
    };
    let (w0, w1) = window(inc, now);
    if w1 <= w0 {
        return (vec![], vec![]);
    }
    let mut spans = vec![];
    for a in &ws.assignments {
        if a.deleted_at.is_some() || a.incident.as_deref().is_some_and(|i| i != incident_id) {
            continue;
        }
        let Some(p) = ws
            .people
            .iter()
            .find(|p| p.id == a.person && p.deleted_at.is_none())
        else {
            continue;
        };
        let Some(role) = ws.roles.iter().find(|r| r.id == a.role && r.deleted_at.is_none()) else {
            continue;
        };
        let from = a.start.max(w0);
        let to = a.end.map_or(w1, |e| e.min(w1));
        if from < to {
            spans.push(RoleSpan {
                person_id: p.id.clone(),
                person_name: p.name.clone(),
                role_id: role.id.clone(),
                role_name: role.name.clone(),
                from,
                to,
            });
        }
    }
    order::sort_by(&mut spans, |a, b| {
        (&a.person_name, &a.person_id, a.from, &a.role_name).cmp(&(
            &b.person_name,
            &b.person_id,
            b.from,
            &b.role_name,
        ))
    });

    let mut by_person: BTreeMap<(&str, &str), Vec<&RoleSpan>> = BTreeMap::new();
    for s in &spans {
        by_person
            .entry((s.person_name.as_str(), s.person_id.as_str()))
            .or_default()
            .push(s);
    }
    let mut statements = vec![];
    for ((name, pid), mine) in by_person {
        statements.extend(person_statements(ws, name, pid, &mine));
    }
    (spans, statements)
}

/// The roles a review shows: as published (names as they were then), or live while it is not.
pub fn roles_of(ws: &Workspace, review: &Review, now: DateTime<Utc>) -> (Vec<RoleSpan>, Vec<String>) {
    let Some(p) = record(review) else {
        return roles_during(ws, &review.incident, now);
    };
    let spans = p
        .roles
        .iter()
        .map(|r| RoleSpan {
            person_id: r.person.clone(),
            person_name: r.person_name.clone(),
            role_id: r.role.clone(),
            role_name: r.role_name.clone(),
            from: r.from,
            to: r.to,
        })
        .collect();
    (spans, p.statements.clone())
}

/// One sweep over the elementary intervals between this person's span boundaries: within each,
/// the set of held roles is constant, so conflict time and overload time just add up.
fn person_statements(ws: &Workspace, name: &str, pid: &str, mine: &[&RoleSpan]) -> Vec<String> {
    let person = ws.people.iter().find(|p| p.id == pid);
    let capacity = person
        .and_then(|p| p.capacity)
        .unwrap_or(ws.settings.default_capacity);
    let weight = |role_id: &str| {
        ws.roles
            .iter()
            .find(|r| r.id == role_id)
            .map_or(0.0, |r| r.weight)
    };
    let rules: Vec<_> = ws.conflicts.iter().filter(|c| c.deleted_at.is_none()).collect();

    let mut points: Vec<DateTime<Utc>> = mine.iter().flat_map(|s| [s.from, s.to]).collect();
    order::sort(&mut points);
    points.dedup();

    let mut conflict_time = vec![Duration::zero(); rules.len()];
    let mut over_time = Duration::zero();
    let mut peak = 0.0f64;
    for w in points.windows(2) {
        let (t0, t1) = (w[0], w[1]);
        let held: Vec<&RoleSpan> = mine
            .iter()
            .copied()
            .filter(|s| s.from <= t0 && t0 < s.to)
            .collect();
        let load: f64 = held.iter().map(|s| weight(&s.role_id)).sum();
        if load > capacity {
            over_time += t1 - t0;
            peak = peak.max(load);
        }
        for (i, rule) in rules.iter().enumerate() {
            let has = |r: &str| held.iter().any(|s| s.role_id == r);
            if rule.roles[0] != rule.roles[1] && has(&rule.roles[0]) && has(&rule.roles[1]) {
                conflict_time[i] += t1 - t0;
            }
        }
    }

    let role_name = |id: &str| {
        mine.iter()
            .find(|s| s.role_id == id)
            .map_or(id.to_string(), |s| s.role_name.clone())
    };
    let mut out = vec![];
    for (rule, d) in rules.iter().zip(conflict_time) {
        if d > Duration::zero() {
            out.push(format!(
                "{name} held {} and {} for {}.",
                role_name(&rule.roles[0]),
                role_name(&rule.roles[1]),
                human(d)
            ));
        }
    }
    if over_time > Duration::zero() {
        out.push(format!(
            "{name} was over capacity (load {} of {}) for {}.",
            number(peak),
            number(capacity),
            human(over_time)
        ));
    }
    out
}
