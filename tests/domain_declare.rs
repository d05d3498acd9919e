//! Declaring from the form (src/domain/declare.rs): the form's checks in order, a "now" typed in
//! minutes, and the declaration with its after-the-fact mark.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::assign::find_incident;
use hatrack::domain::declare::*;
use hatrack::domain::defaults::new_workspace;
use hatrack::domain::{Severity, Status};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 22, 10, 30).unwrap()
}

fn ago(m: i64) -> DateTime<Utc> {
    now() - Duration::minutes(m)
}

fn draft() -> Draft {
    Draft {
        title: "Search 502".into(),
        severity: Some(Severity::Sev2),
        started: Typed::At(ago(12)),
        detected: Typed::Empty,
        services: "search, web".into(),
        summary: "Errors on search".into(),
        after_the_fact: false,
    }
}

#[test]
fn a_title_severity_and_start_are_enough() {
    let d = check(draft(), now()).unwrap();
    assert_eq!(
        (d.severity, d.started, d.detected),
        (Severity::Sev2, ago(12), None)
    );
    assert_eq!(d.services, vec!["search".to_string(), " web".to_string()]);
    assert_eq!(
        (d.title.as_str(), d.summary.as_str()),
        ("Search 502", "Errors on search")
    );
}

#[test]
fn the_first_problem_from_the_top_of_the_form_is_the_one_reported() {
    let nothing = Draft {
        severity: None,
        started: Typed::NotATime,
        detected: Typed::NotATime,
        ..draft()
    };
    assert_eq!(check(nothing.clone(), now()), Err(DraftError::NoSeverity));
    let no_start = Draft {
        severity: Some(Severity::Sev1),
        ..nothing
    };
    assert_eq!(check(no_start.clone(), now()), Err(DraftError::NoStart));
    let empty_start = Draft {
        started: Typed::Empty,
        detected: Typed::Empty,
        ..no_start.clone()
    };
    assert_eq!(check(empty_start, now()), Err(DraftError::NoStart));
    let bad_detected = Draft {
        started: Typed::At(ago(5)),
        ..no_start
    };
    assert_eq!(check(bad_detected, now()), Err(DraftError::BadDetected));
}

#[test]
fn each_problem_names_its_field_and_says_what_to_do() {
    let said: Vec<(&str, String)> = [
        DraftError::NoSeverity,
        DraftError::NoStart,
        DraftError::BadDetected,
    ]
    .into_iter()
    .map(|e| (e.field(), e.to_string()))
    .collect();
    assert_eq!(
        said,
        vec![
            (
                "severity",
                "Choose a severity: it tells people how fast to respond.".to_string()
            ),
            ("started", "Enter when it started as a date and time.".to_string()),
            (
                "detected",
                "Enter when it was detected as a date and time, or leave it empty.".to_string()
            ),
        ]
    );
}

#[test]
fn a_time_typed_as_this_minute_means_now_not_the_future() {
    let this_minute = now() + Duration::seconds(29);
    let d = check(
        Draft {
            started: Typed::At(this_minute),
            detected: Typed::At(this_minute),
            ..draft()
        },
        now(),
    )
    .unwrap();
    assert_eq!((d.started, d.detected), (now(), Some(now())));
    // A whole minute ahead is the future, and left for the domain to refuse.
    let later = now() + Duration::minutes(1);
    assert_eq!(typed_now(later, now()), later);
    assert_eq!(typed_now(ago(3), now()), ago(3));
}

#[test]
fn declaring_records_the_incident_and_whether_it_was_after_the_fact() {
    let mut ws = new_workspace();
    let d = Declaration {
        after_the_fact: true,
        detected: Some(ago(10)),
        ..check(draft(), now()).unwrap()
    };
    let id = declare(&mut ws, d, now()).unwrap();
    let i = find_incident(&ws, &id).unwrap();
    assert_eq!(
        (i.title.as_str(), i.status, i.backfill),
        ("Search 502", Status::Investigating, true)
    );
    assert_eq!((i.started_at, i.detected_at), (ago(12), Some(ago(10))));
    assert_eq!(i.services, vec!["search".to_string(), "web".to_string()]);
    let live = declare(&mut ws, check(draft(), now()).unwrap(), now()).unwrap();
    assert!(!find_incident(&ws, &live).unwrap().backfill);
}

#[test]
fn the_incident_rules_still_refuse_what_the_form_let_through() {
    let mut ws = new_workspace();
    let d = check(
        Draft {
            title: "  ".into(),
            ..draft()
        },
        now(),
    )
    .unwrap();
    let e = declare(&mut ws, d, now()).expect_err("a blank title is refused");
    assert!(e.to_string().to_lowercase().contains("title"), "{e}");
}
