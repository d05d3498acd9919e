//! The review's "Process followed" section: filled in live from the incident's checklists,
//! kept as it was when the review is published, absent where there is nothing to say, and in
//! the Markdown export.

use hatrack::domain::checklist::tick;
use hatrack::domain::defaults::INCIDENT_MANAGER;
use hatrack::domain::incident::{assign_incident_role, set_status};
use hatrack::domain::review::{self, process_followed, PROCESS_FRAMING};
use hatrack::domain::review_export::to_markdown;
use hatrack::domain::ProcessFollowed;
use hatrack::domain::{ReviewKind, ReviewStatus, Severity, Status, Workspace};

#[path = "support/process.rs"]
mod support;
use support::{t, team_with_incident};

/// A sev2 from 10:00 to 11:30 with an incident manager from 10:05 who named the other roles on
/// time, confirmed the severity late and never decided on the 3rd line; and its review.
fn reviewed() -> (Workspace, String) {
    let (mut ws, id, people) = team_with_incident(Severity::Sev2, &["Sam Rivera"]);
    let sam = people[0].clone();
    assign_incident_role(&mut ws, &id, &sam, INCIDENT_MANAGER, None, t(10, 5), t(10, 5)).unwrap();
    tick(&mut ws, &id, "im-roles", t(10, 9), Some(&sam), t(10, 9)).unwrap();
    tick(&mut ws, &id, "im-severity", t(10, 32), Some(&sam), t(10, 32)).unwrap();
    tick(&mut ws, &id, "im-checkpoint", t(11, 0), Some(&sam), t(11, 0)).unwrap();
    set_status(&mut ws, &id, Status::Resolved, None, t(11, 30), t(11, 30)).unwrap();
    let rv = review::start_review(&mut ws, &id, ReviewKind::Quick, t(12, 0)).unwrap();
    (ws, rv)
}

fn shown(ws: &Workspace, rv: &str) -> Vec<ProcessFollowed> {
    process_followed(ws, review::find_review(ws, rv).unwrap())
}

fn expected() -> Vec<ProcessFollowed> {
    vec![ProcessFollowed {
        role: "Incident manager".into(),
        steps: vec![
            "Name a communications lead and a scribe: done on time".into(),
            "Confirm the severity against the policy: done 12 min late".into(),
            "Decide whether to wake the 3rd line: not done".into(),
            "Check in with every role holder: kept every time (once)".into(),
        ],
        extra: Default::default(),
    }]
}

#[test]
fn the_section_says_per_role_what_was_done_on_time_late_or_not_at_all() {
    let (ws, rv) = reviewed();
    assert_eq!(shown(&ws, &rv), expected());
}

#[test]
fn a_published_review_keeps_the_section_as_it_was() {
    let (mut ws, rv) = reviewed();
    review::set_status(&mut ws, &rv, ReviewStatus::Published, None, t(12, 30), t(12, 30)).unwrap();
    // Someone edits the process afterwards: the published section does not change.
    ws.process.as_mut().unwrap().roles[0].checklist[0].text = "Something else".into();
    assert_eq!(shown(&ws, &rv), expected());
    // It is in the file, and reads back.
    let json = ws.to_json_compact();
    assert!(
        json.contains("\"process\":[{\"role\":\"Incident manager\""),
        "{json}"
    );
    let back = Workspace::from_json(&json).unwrap();
    assert_eq!(shown(&back, &rv), expected());
}

#[test]
fn a_review_published_before_the_section_existed_or_without_a_process_has_none() {
    let (mut ws, rv) = reviewed();
    review::set_status(&mut ws, &rv, ReviewStatus::Published, None, t(12, 30), t(12, 30)).unwrap();
    let r = ws.reviews.iter_mut().find(|r| r.id == rv).unwrap();
    r.published.as_mut().unwrap().process.clear();
    assert!(shown(&ws, &rv).is_empty());

    let (mut ws, rv) = reviewed();
    ws.process = None;
    assert!(shown(&ws, &rv).is_empty());
    assert!(!to_markdown(&ws, &rv, t(13, 0))
        .unwrap()
        .contains("Process followed"));
}

#[test]
fn the_markdown_export_carries_the_section_with_its_framing() {
    let (ws, rv) = reviewed();
    let md = to_markdown(&ws, &rv, t(13, 0)).unwrap();
    let section = md
        .split("## Process followed\n\n")
        .nth(1)
        .expect("a Process followed section");
    assert!(section.starts_with(PROCESS_FRAMING), "{section}");
    assert!(
        section.contains(
            "- **Incident manager:**\n  - Name a communications lead and a scribe: done on time\n  - Confirm the \
             severity against the policy: done 12 min late\n"
        ),
        "{section}"
    );
}
