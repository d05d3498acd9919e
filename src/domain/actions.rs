//! Action items from post-incident reviews: editing them and the one list of them across all reviews.
//!
//! Action items are work that goes on after a review is published: on a published review they
//! can still be done, reopened, reassigned or re-dated, but the list itself (adding, removing,
//! rewording) is part of the record and waits for the review to move back to draft.

use crate::domain::order;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{new_id, ActionItem, Extra, Review, ReviewStatus, Workspace};
use super::times::is_future;

#[derive(Clone, Debug, PartialEq)]
pub enum ActionError {
    ReviewNotFound(String),
    ActionNotFound(String),
    EmptyText,
    UnknownOwner(String),
    /// Adding, removing or rewording an item of a published review.
    ReviewPublished,
    /// Marked done at a time later than now.
    DoneInFuture(DateTime<Utc>),
    /// Marked done before the item existed.
    DoneBeforeCreated {
        at: DateTime<Utc>,
        created: DateTime<Utc>,
    },
}

fn fmt_utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionError::ReviewNotFound(id) => write!(f, "There is no review {id}; it may have been deleted."),
            ActionError::ActionNotFound(id) => {
                write!(f, "There is no action item {id}; it may have been deleted.")
            }
            ActionError::EmptyText => write!(f, "Say what should be done: an action item needs a description."),
            ActionError::UnknownOwner(id) => write!(
                f,
                "The owner {id} is not one of the team's people; pick someone from the list or leave it unowned."
            ),
            ActionError::ReviewPublished => write!(
                f,
                "The review is published: its action items can still be done, reassigned or re-dated, \
                 but to add, remove or reword one, move the review back to draft first."
            ),
            ActionError::DoneInFuture(at) => write!(
                f,
                "{} is in the future; say when the item was done, at or before now.",
                fmt_utc(*at)
            ),
            ActionError::DoneBeforeCreated { at, created } => write!(
                f,
                "{} is before the item was added ({}); pick a time after it was added.",
                fmt_utc(*at),
                fmt_utc(*created)
            ),
        }
    }
}

impl std::error::Error for ActionError {}

fn check_owner(ws: &Workspace, owner: &Option<String>) -> Result<(), ActionError> {
    match owner {
        Some(o) if !ws.people.iter().any(|p| &p.id == o && p.deleted_at.is_none()) => {
            Err(ActionError::UnknownOwner(o.clone()))
        }
        _ => Ok(()),
    }
}

fn clean_text(text: &str) -> Result<String, ActionError> {
    let t = text.trim();
    if t.is_empty() {
        Err(ActionError::EmptyText)
    } else {
        Ok(t.to_string())
    }
}

/// (review index, item index) of the live action item.
fn locate(ws: &Workspace, action_id: &str) -> Result<(usize, usize), ActionError> {
    ws.reviews
        .iter()
        .enumerate()
        .filter(|(_, r)| r.deleted_at.is_none())
        .find_map(|(ri, r)| {
            r.actions
                .iter()
                .position(|a| a.id == action_id && a.deleted_at.is_none())
                .map(|ai| (ri, ai))
        })
        .ok_or_else(|| ActionError::ActionNotFound(action_id.to_string()))
}

/// The live action item and the review holding it. Editing an item also touches the review,
/// because the review is the record that a merge compares.
fn action_mut<'a>(ws: &'a mut Workspace, action_id: &str) -> Result<(&'a mut Review, usize), ActionError> {
    let (ri, ai) = locate(ws, action_id)?;
    Ok((&mut ws.reviews[ri], ai))
}

fn is_published(r: &Review) -> bool {
    r.status == ReviewStatus::Published
}

/// From when an action item counts as open work: when it was added, or, for an item from
/// before Hatrack recorded that, when its incident started (an item cannot predate its
/// incident). `None` when neither is known; it then counts from the beginning.
pub fn counts_from(item: &ActionItem, incident_start: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    item.created_at.or(incident_start)
}

/// The start of the incident a review is about, even if that incident was deleted since.
pub fn incident_start(ws: &Workspace, review: &Review) -> Option<DateTime<Utc>> {
    ws.incidents
        .iter()
        .find(|i| i.id == review.incident)
        .map(|i| i.started_at)
}

/// Adds an action item to a review and returns its id.
pub fn add_action(
    ws: &mut Workspace,
    review_id: &str,
    text: &str,
    owner: Option<String>,
    due: Option<NaiveDate>,
    priority: &str,
    now: DateTime<Utc>,
) -> Result<String, ActionError> {
    let text = clean_text(text)?;
    check_owner(ws, &owner)?;
    let r = ws
        .reviews
        .iter_mut()
        .find(|r| r.id == review_id && r.deleted_at.is_none())
        .ok_or_else(|| ActionError::ReviewNotFound(review_id.to_string()))?;
    if is_published(r) {
        return Err(ActionError::ReviewPublished);
    }
    let id = new_id("ac");
    r.actions.push(ActionItem {
        id: id.clone(),
        text,
        owner,
        due,
        priority: priority.trim().to_string(),
        done: false,
        done_at: None,
        created_at: Some(now),
        updated_at: Some(now),
        deleted_at: None,
        extra: Extra::new(),
    });
    r.updated_at = Some(now);
    Ok(id)
}

/// On a published review only the owner, due date and priority may change; the text is part of
/// the record.
pub fn edit_action(
    ws: &mut Workspace,
    action_id: &str,
    text: &str,
    owner: Option<String>,
    due: Option<NaiveDate>,
    priority: &str,
    now: DateTime<Utc>,
) -> Result<(), ActionError> {
    let text = clean_text(text)?;
    check_owner(ws, &owner)?;
    let (r, i) = action_mut(ws, action_id)?;
    if is_published(r) && r.actions[i].text != text {
        return Err(ActionError::ReviewPublished);
    }
    let a = &mut r.actions[i];
    a.text = text;
    a.owner = owner;
    a.due = due;
    a.priority = priority.trim().to_string();
    a.updated_at = Some(now);
    r.updated_at = Some(now);
    Ok(())
}

/// Marks done or reopens an action item. `at` is when it was done (ignored when reopening): not
/// in the future beyond the clock skew allowance, and not before the item counts from (see
/// [`counts_from`]). Allowed on published reviews: the work goes on after the review.
pub fn set_done(
    ws: &mut Workspace,
    action_id: &str,
    done: bool,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ActionError> {
    let (ri, ai) = locate(ws, action_id)?;
    let (r, a) = (&ws.reviews[ri], &ws.reviews[ri].actions[ai]);
    if a.done == done {
        return Ok(());
    }
    if done {
        if is_future(at, now) {
            return Err(ActionError::DoneInFuture(at));
        }
        if let Some(created) = counts_from(a, incident_start(ws, r)).filter(|&c| at < c) {
            return Err(ActionError::DoneBeforeCreated { at, created });
        }
    }
    let r = &mut ws.reviews[ri];
    let a = &mut r.actions[ai];
    a.done = done;
    a.done_at = done.then_some(at);
    a.updated_at = Some(now);
    r.updated_at = Some(now);
    Ok(())
}

/// Tombstones an action item; refused on a published review, whose list is part of the record.
pub fn delete_action(ws: &mut Workspace, action_id: &str, now: DateTime<Utc>) -> Result<(), ActionError> {
    let (r, i) = action_mut(ws, action_id)?;
    if is_published(r) {
        return Err(ActionError::ReviewPublished);
    }
    let a = &mut r.actions[i];
    a.deleted_at = Some(now);
    a.updated_at = Some(now);
    r.updated_at = Some(now);
    Ok(())
}

/// Days past due, for an open item whose due date is before `today`. Due today is not overdue.
pub fn overdue_days(a: &ActionItem, today: NaiveDate) -> Option<i64> {
    match a.due {
        Some(d) if !a.done && d < today => Some((today - d).num_days()),
        _ => None,
    }
}

/// "Overdue by 1 day", "Overdue by 3 days".
pub fn overdue_words(days: i64) -> String {
    if days == 1 {
        "Overdue by 1 day".to_string()
    } else {
        format!("Overdue by {days} days")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionRow {
    pub action_id: String,
    pub review_id: String,
    pub incident_id: String,
    pub incident_title: String,
    pub text: String,
    /// (person id, name); `None` when unowned or the owner was deleted, so it shows as needing one.
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    pub priority: String,
    pub done: bool,
    /// When it was marked done, so the list can say "Done 28 Nov".
    pub done_at: Option<DateTime<Utc>>,
    /// Its review is published: the item can be done or reassigned but not removed.
    pub review_published: bool,
    pub overdue: bool,
    /// 0 unless overdue.
    pub overdue_by_days: i64,
}

pub fn overdue_label(row: &ActionRow) -> Option<String> {
    row.overdue.then(|| overdue_words(row.overdue_by_days))
}

fn owner_name(row: &ActionRow) -> Option<&str> {
    row.owner.as_ref().map(|(_, n)| n.as_str())
}

/// Every live action item of every live review, in the order to work on them: open before done;
/// among open ones, overdue first (most overdue first), then by due date (undated last), then
/// by owner name (unowned last).
pub fn action_list(ws: &Workspace, today: NaiveDate) -> Vec<ActionRow> {
    let mut rows = vec![];
    for r in ws.reviews.iter().filter(|r| r.deleted_at.is_none()) {
        let Some(inc) = ws
            .incidents
            .iter()
            .find(|i| i.id == r.incident && i.deleted_at.is_none())
        else {
            continue;
        };
        for a in r.actions.iter().filter(|a| a.deleted_at.is_none()) {
            let owner = a
                .owner
                .as_deref()
                .and_then(|o| ws.people.iter().find(|p| p.id == o && p.deleted_at.is_none()))
                .map(|p| (p.id.clone(), p.name.clone()));
            let overdue = overdue_days(a, today);
            rows.push(ActionRow {
                action_id: a.id.clone(),
                review_id: r.id.clone(),
                incident_id: inc.id.clone(),
                incident_title: inc.title.clone(),
                text: a.text.clone(),
                owner,
                due: a.due,
                priority: a.priority.clone(),
                done: a.done,
                done_at: a.done_at,
                review_published: is_published(r),
                overdue: overdue.is_some(),
                overdue_by_days: overdue.unwrap_or(0),
            });
        }
    }
    order::sort_by(&mut rows, |a, b| {
        a.done
            .cmp(&b.done)
            .then(b.overdue_by_days.cmp(&a.overdue_by_days))
            .then(a.due.is_none().cmp(&b.due.is_none()))
            .then(a.due.cmp(&b.due))
            .then(owner_name(a).is_none().cmp(&owner_name(b).is_none()))
            .then(owner_name(a).cmp(&owner_name(b)))
            .then(a.text.cmp(&b.text))
            .then(a.action_id.cmp(&b.action_id))
    });
    rows
}

/// (person id, name) of an action's owner, `None` when unowned.
pub type Owner = Option<(String, String)>;

/// The same rows grouped by owner (by name, unowned last), each group keeping the work order.
pub fn by_owner(rows: &[ActionRow]) -> Vec<(Owner, Vec<ActionRow>)> {
    let mut groups: Vec<(Owner, Vec<ActionRow>)> = vec![];
    for row in rows {
        match groups.iter_mut().find(|(o, _)| o == &row.owner) {
            Some((_, g)) => g.push(row.clone()),
            None => groups.push((row.owner.clone(), vec![row.clone()])),
        }
    }
    // Unowned last: those are the ones that need someone to pick them up.
    order::sort_by_key(&mut groups, |(o, _)| {
        (o.is_none(), o.as_ref().map(|(id, n)| (n.clone(), id.clone())))
    });
    groups
}

/// A due date already behind us is probably a slip of the keyboard: the question to ask before
/// saving it, or `None` when the date is today, later, or not set.
pub fn past_due_question(due: Option<NaiveDate>, today: NaiveDate) -> Option<String> {
    let d = due.filter(|d| *d < today)?;
    let days = (today - d).num_days();
    let ago = if days == 1 {
        "yesterday".to_string()
    } else {
        format!("{days} days ago")
    };
    Some(format!(
        "The due date {} was {ago}. Save it anyway, or pick a later date?",
        d.format("%Y-%m-%d")
    ))
}
