//! Picking the incident a new review is about: the resolved or closed incidents that have no
//! review yet, newest first, and a search over them for when there are too many to list.

use crate::domain::order;
use std::cmp::Reverse;

use super::model::Workspace;
use super::review;

/// An incident a review can start on: its id, and how the picker names it.
pub type Candidate = (String, String);

/// Resolved or closed incidents without a review, most recently started first, each named
/// "Title (Status, 2026-11-27)".
pub fn unreviewed(ws: &Workspace) -> Vec<Candidate> {
    let mut incs: Vec<_> = ws
        .incidents
        .iter()
        .filter(|i| i.deleted_at.is_none() && !i.status.is_open())
        .filter(|i| review::review_for_incident(ws, &i.id).is_none())
        .collect();
    order::sort_by_key(&mut incs, |i| Reverse(i.started_at));
    incs.into_iter()
        .map(|i| {
            let when = i.started_at.format("%Y-%m-%d");
            (
                i.id.clone(),
                format!("{} ({}, {when})", i.title, i.status.label()),
            )
        })
        .collect()
}

/// At most `limit` of `all` whose name or id contains `query`, ignoring case; an empty query
/// matches everything, so the newest page shows.
pub fn search(all: &[Candidate], query: &str, limit: usize) -> Vec<Candidate> {
    let q = query.trim().to_lowercase();
    all.iter()
        .filter(|(id, label)| {
            q.is_empty() || label.to_lowercase().contains(&q) || id.to_lowercase().contains(&q)
        })
        .take(limit)
        .cloned()
        .collect()
}
