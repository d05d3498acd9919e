//! The incident list as the incidents page shows it: a row per incident for the chosen filters,
//! the services to filter by, and the sentence that counts what matched.

use crate::domain::order;
use chrono::{DateTime, Utc};

use super::duration::human;
use super::incident::{self, IncidentFilter, SortBy};
use super::model::{Severity, Status, Workspace};

/// What one row of the list shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ListRow {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub status: Status,
    pub started: DateTime<Utc>,
    /// How long it lasted, or has lasted so far while open, in words.
    pub lasted: String,
}

/// The filter for what the filter controls hold: each empty choice means "any".
pub fn filter(status: &str, severity: &str, service: &str, text: &str) -> IncidentFilter {
    IncidentFilter {
        status: Status::parse(status),
        severity: Severity::parse(severity),
        service: Some(service.to_string()).filter(|s| !s.is_empty()),
        text: text.to_string(),
    }
}

/// The rows for `filter` in `sort` order.
pub fn rows(ws: &Workspace, filter: &IncidentFilter, sort: SortBy, now: DateTime<Utc>) -> Vec<ListRow> {
    incident::list(ws, filter, sort, now)
        .into_iter()
        .map(|i| ListRow {
            id: i.id.clone(),
            title: i.title.clone(),
            severity: i.severity,
            status: i.status,
            started: i.started_at,
            lasted: human(incident::duration(i, now)),
        })
        .collect()
}

/// Every service a live incident names, sorted without regard to case, each once.
pub fn services(ws: &Workspace) -> Vec<String> {
    let mut all: Vec<String> = ws
        .incidents
        .iter()
        .filter(|i| i.deleted_at.is_none())
        .flat_map(|i| i.services.iter().cloned())
        .collect();
    order::sort_by_key(&mut all, |s| s.to_lowercase());
    all.dedup();
    all
}

/// "12 incidents.", or "Showing 50 of 120 incidents." when only the first `shown` are listed.
pub fn count_sentence(total: usize, shown: usize) -> String {
    match total {
        0 => "No incidents match these filters.".to_string(),
        1 => "1 incident.".to_string(),
        n if n > shown => format!("Showing {shown} of {n} incidents."),
        n => format!("{n} incidents."),
    }
}
