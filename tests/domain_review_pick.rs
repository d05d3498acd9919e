//! Which incident a new review can be about (src/domain/review_pick.rs): resolved or closed
//! without a review, newest first, and the search over them.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::defaults::new_workspace;
use hatrack::domain::incident::{declare, set_status};
use hatrack::domain::review::start_review;
use hatrack::domain::review_pick::*;
use hatrack::domain::{ReviewKind, Severity, Status, Workspace};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap()
}

fn days_ago(d: i64) -> DateTime<Utc> {
    now() - Duration::days(d)
}

/// An incident started `d` days ago, resolved an hour later and closed an hour after that, as
/// far as `status` goes.
fn incident(ws: &mut Workspace, title: &str, d: i64, status: Status) -> String {
    let id = declare(
        ws,
        title,
        Severity::Sev3,
        days_ago(d),
        None,
        vec![],
        "",
        None,
        now(),
    )
    .unwrap();
    let steps = [(Status::Resolved, 1), (Status::Closed, 2)];
    for (s, h) in steps.into_iter().filter(|(s, _)| *s <= status) {
        set_status(ws, &id, s, None, days_ago(d) + Duration::hours(h), now()).unwrap();
    }
    id
}

#[test]
fn only_resolved_or_closed_incidents_without_a_review_newest_first() {
    let mut ws = new_workspace();
    let old = incident(&mut ws, "Old outage", 30, Status::Closed);
    incident(&mut ws, "Still open", 1, Status::Investigating);
    let reviewed = incident(&mut ws, "Reviewed already", 5, Status::Resolved);
    let new = incident(&mut ws, "Search 502", 2, Status::Resolved);
    start_review(&mut ws, &reviewed, ReviewKind::Quick, now()).unwrap();
    let gone = incident(&mut ws, "Deleted", 3, Status::Resolved);
    ws.incidents.iter_mut().find(|i| i.id == gone).unwrap().deleted_at = Some(now());
    assert_eq!(
        unreviewed(&ws),
        vec![
            (new, "Search 502 (Resolved, 2026-11-25)".to_string()),
            (old, "Old outage (Closed, 2026-10-28)".to_string()),
        ]
    );
}

#[test]
fn search_matches_name_or_id_ignoring_case_and_keeps_one_page() {
    let all: Vec<Candidate> = (1..=80)
        .map(|n| {
            (
                format!("i-{n}"),
                format!("Outage number {n} (Closed, 2026-01-01)"),
            )
        })
        .collect();
    let ids = |found: Vec<Candidate>| found.into_iter().map(|c| c.0).collect::<Vec<_>>();
    assert_eq!(search(&all, "", 50).len(), 50, "the newest page");
    assert_eq!(search(&all, "  ", 50)[0].0, "i-1");
    assert_eq!(ids(search(&all, "NUMBER 77", 50)), vec!["i-77"]);
    assert_eq!(ids(search(&all, " i-8", 50)), vec!["i-8", "i-80"]);
    assert_eq!(search(&all, "number 1", 3).len(), 3);
    assert!(search(&all, "nothing like it", 50).is_empty());
}
