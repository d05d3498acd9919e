//! The incidents page's list (src/domain/incident_list.rs): rows, filter choices, services and
//! the count sentence.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::defaults::new_workspace;
use hatrack::domain::incident::{declare, SortBy};
use hatrack::domain::incident_list::*;
use hatrack::domain::{Severity, Status, Workspace};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap()
}

fn ago(m: i64) -> DateTime<Utc> {
    now() - Duration::minutes(m)
}

fn desk() -> (Workspace, String, String) {
    let mut ws = new_workspace();
    let open = |ws: &mut Workspace, title: &str, sev, start, services: &[&str]| {
        let services = services.iter().map(|s| s.to_string()).collect();
        declare(ws, title, sev, start, None, services, "", None, now()).unwrap()
    };
    let search = open(&mut ws, "Search 502", Severity::Sev2, ago(90), &["web", "Search"]);
    let mail = open(&mut ws, "Mail delayed", Severity::Sev4, ago(30), &["mail", "web"]);
    (ws, search, mail)
}

#[test]
fn rows_say_what_the_list_shows_open_first_newest_start() {
    let (ws, search, mail) = desk();
    let rows = rows(&ws, &filter("", "", "", ""), SortBy::Start, now());
    let seen: Vec<(&str, Severity, Status, &str)> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.severity, r.status, r.lasted.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (mail.as_str(), Severity::Sev4, Status::Investigating, "30 min"),
            (
                search.as_str(),
                Severity::Sev2,
                Status::Investigating,
                "1 h 30 min"
            ),
        ]
    );
    assert_eq!((rows[1].title.as_str(), rows[1].started), ("Search 502", ago(90)));
}

#[test]
fn empty_filter_choices_mean_any_and_others_narrow_the_list() {
    let (ws, search, _) = desk();
    let any = filter("", "", "", "");
    assert_eq!(
        (any.status, any.severity, any.service, any.text.as_str()),
        (None, None, None, "")
    );
    let f = filter("investigating", "sev2", "web", "502");
    assert_eq!(
        (f.status, f.severity, f.service.as_deref(), f.text.as_str()),
        (
            Some(Status::Investigating),
            Some(Severity::Sev2),
            Some("web"),
            "502"
        )
    );
    let ids: Vec<String> = rows(&ws, &f, SortBy::Start, now())
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, vec![search]);
    assert!(rows(&ws, &filter("closed", "", "", ""), SortBy::Start, now()).is_empty());
}

#[test]
fn services_are_each_listed_once_sorted_without_regard_to_case() {
    let (mut ws, search, _) = desk();
    assert_eq!(services(&ws), vec!["mail", "Search", "web"]);
    // A deleted incident (a tombstone, as a merge brings it) no longer offers its services.
    let gone = ws.incidents.iter_mut().find(|i| i.id == search).unwrap();
    gone.deleted_at = Some(now());
    assert_eq!(services(&ws), vec!["mail", "web"]);
}

#[test]
fn the_count_says_how_many_matched_and_how_many_are_shown() {
    assert_eq!(count_sentence(0, 50), "No incidents match these filters.");
    assert_eq!(count_sentence(1, 50), "1 incident.");
    assert_eq!(count_sentence(50, 50), "50 incidents.");
    assert_eq!(count_sentence(120, 50), "Showing 50 of 120 incidents.");
}

#[test]
fn each_sort_reads_back_from_its_value_and_has_its_own_label() {
    for s in SortBy::ALL {
        assert_eq!(SortBy::parse(s.as_str()), Some(s));
    }
    assert_eq!(SortBy::parse("newest"), None);
    assert_eq!(SortBy::Start.label(), "Open first, newest start");
    assert_eq!(SortBy::Duration.label(), "Open first, longest");
}
