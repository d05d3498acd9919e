//! Post-incident reviews and action items: each rule with a case that breaks it.

use chrono::{DateTime, NaiveDate, Utc};
use hatrack::domain::actions::{self, ActionError};
use hatrack::domain::defaults::{self, *};
use hatrack::domain::review::{self, Field, ListField, ReviewError, SectionId};
use hatrack::domain::review_export;
use hatrack::domain::*;
use markdown_safety::assert_safe;

#[path = "support/markdown_safety.rs"]
mod markdown_safety;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn now() -> DateTime<Utc> {
    t("2026-12-01T10:00:00Z")
}

fn person(id: &str, name: &str, capacity: Option<f64>) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        timezone: None,
        skills: vec![],
        capacity,
        active: true,
        updated_at: None,
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    }
}

fn incident(id: &str, status: Status) -> Incident {
    Incident {
        backfill: false,
        id: id.into(),
        title: "Search returns 502 for all users".into(),
        severity: Severity::Sev1,
        status,
        started_at: t("2026-11-27T21:58:00Z"),
        detected_at: Some(t("2026-11-27T22:05:00Z")),
        resolved_at: if status.is_open() {
            None
        } else {
            Some(t("2026-11-28T01:08:00Z"))
        },
        services: vec!["search".into(), "web".into()],
        summary: String::new(),
        release: None,
        timeline: vec![
            entry("t-2", "2026-11-27T22:30:00Z", "Rolled back 0.9.250"),
            entry("t-1", "2026-11-27T22:05:00Z", "Alerts for 5xx on search"),
            entry("t-3", "2026-11-28T01:08:00Z", "Error rate back to normal"),
        ],
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn entry(id: &str, at: &str, text: &str) -> TimelineEntry {
    TimelineEntry {
        ends: vec![],
        release_status: None,
        starts: vec![],
        id: id.into(),
        at: t(at),
        kind: EntryKind::Note,
        text: text.into(),
        author: Some("p-sam".into()),
        status: None,
        step: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn assign(
    id: &str,
    person: &str,
    role: &str,
    start: &str,
    end: Option<&str>,
    inc: Option<&str>,
) -> Assignment {
    Assignment {
        id: id.into(),
        person: person.into(),
        role: role.into(),
        start: t(start),
        end: end.map(t),
        incident: inc.map(Into::into),
        release: None,
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

/// A resolved 3 h 10 min incident i-1 and an open one i-open.
fn ws() -> Workspace {
    let mut ws = defaults::new_workspace();
    ws.people = vec![
        person("p-sam", "Sam Rivera", Some(3.0)),
        person("p-alex", "Alex Kim", None),
        person("p-gone", "Gone Person", None),
    ]
    .into();
    ws.people[2].deleted_at = Some(t("2026-11-01T00:00:00Z"));
    ws.incidents = vec![
        incident("i-1", Status::Resolved),
        incident("i-open", Status::Investigating),
    ]
    .into();
    ws
}

fn started(kind: ReviewKind) -> (Workspace, String) {
    let mut w = ws();
    let id = review::start_review(&mut w, "i-1", kind, now()).unwrap();
    (w, id)
}

fn rv<'a>(w: &'a Workspace, id: &str) -> &'a Review {
    w.reviews.iter().find(|r| r.id == id).unwrap()
}

// ---- starting a review

#[test]
fn start_review_refuses_missing_and_deleted_incidents() {
    let mut w = ws();
    let e = review::start_review(&mut w, "i-nope", ReviewKind::Quick, now()).unwrap_err();
    assert_eq!(e, ReviewError::IncidentNotFound("i-nope".into()));
    w.incidents[0].deleted_at = Some(now());
    assert!(matches!(
        review::start_review(&mut w, "i-1", ReviewKind::Quick, now()),
        Err(ReviewError::IncidentNotFound(_))
    ));
    assert!(w.reviews.is_empty());
}

#[test]
fn start_review_refuses_open_incidents_and_accepts_closed() {
    for s in [Status::Investigating, Status::Identified, Status::Monitoring] {
        let mut w = ws();
        w.incidents[1].status = s;
        let e = review::start_review(&mut w, "i-open", ReviewKind::Full, now()).unwrap_err();
        assert_eq!(e, ReviewError::IncidentStillOpen(s));
        assert!(
            e.to_string()
                .starts_with("Resolve the incident before reviewing it"),
            "{e}"
        );
    }
    let mut w = ws();
    w.incidents[0].status = Status::Closed;
    assert!(review::start_review(&mut w, "i-1", ReviewKind::Full, now()).is_ok());
}

#[test]
fn start_review_refuses_a_second_review_until_the_first_is_deleted() {
    let (mut w, first) = started(ReviewKind::Quick);
    let e = review::start_review(&mut w, "i-1", ReviewKind::Full, now()).unwrap_err();
    assert_eq!(
        e,
        ReviewError::AlreadyReviewed {
            review_id: first.clone()
        }
    );
    assert!(e.to_string().contains(&first));
    review::delete_review(&mut w, &first, now()).unwrap();
    assert!(rv(&w, &first).deleted_at.is_some(), "deletion keeps a tombstone");
    let second = review::start_review(&mut w, "i-1", ReviewKind::Full, now()).unwrap();
    assert_ne!(first, second);
}

#[test]
fn full_review_prefills_impact_and_quick_does_not() {
    let (w, id) = started(ReviewKind::Full);
    let r = rv(&w, &id);
    assert_eq!(
        r.impact,
        "From 2026-11-27 21:58 UTC to 2026-11-28 01:08 UTC (3 h 10 min); detected after 7 min. \
         Services affected: search, web."
    );
    assert_eq!(r.status, ReviewStatus::Draft);
    assert_eq!(r.updated_at, Some(now()));
    let (w, id) = started(ReviewKind::Quick);
    assert_eq!(rv(&w, &id).impact, "");
}

#[test]
fn switching_to_full_prefills_an_empty_impact_only() {
    let (mut w, id) = started(ReviewKind::Quick);
    review::set_kind(&mut w, &id, ReviewKind::Full, now()).unwrap();
    assert!(rv(&w, &id).impact.starts_with("From 2026-11-27 21:58 UTC"));
    review::set_text(&mut w, &id, Field::Impact, "Our words", now()).unwrap();
    review::set_kind(&mut w, &id, ReviewKind::Quick, now()).unwrap();
    review::set_kind(&mut w, &id, ReviewKind::Full, now()).unwrap();
    assert_eq!(rv(&w, &id).impact, "Our words");
}

// ---- editing

#[test]
fn set_text_sets_field_and_updated_at() {
    let (mut w, id) = started(ReviewKind::Full);
    let later = t("2026-12-02T09:00:00Z");
    review::set_text(&mut w, &id, Field::Lessons, "Alerts need owners.", later).unwrap();
    assert_eq!(rv(&w, &id).lessons, "Alerts need owners.");
    assert_eq!(rv(&w, &id).updated_at, Some(later));
}

#[test]
fn set_text_refuses_sections_the_kind_lacks_and_deleted_reviews() {
    let (mut w, id) = started(ReviewKind::Quick);
    let e = review::set_text(&mut w, &id, Field::Impact, "x", now()).unwrap_err();
    assert!(matches!(e, ReviewError::NotInThisKind { .. }));
    assert_eq!(rv(&w, &id).impact, "");
    review::delete_review(&mut w, &id, now()).unwrap();
    assert_eq!(
        review::set_text(&mut w, &id, Field::Summary, "x", now()),
        Err(ReviewError::ReviewNotFound(id.clone()))
    );
}

#[test]
fn list_items_add_edit_remove() {
    let (mut w, id) = started(ReviewKind::Full);
    let lf = ListField::ContributingFactors;
    assert_eq!(
        review::add_item(&mut w, &id, lf, "  No alert on 5xx  ", now()),
        Ok(0)
    );
    assert_eq!(
        review::add_item(&mut w, &id, lf, "Deploy on Friday night", now()),
        Ok(1)
    );
    assert_eq!(
        review::add_item(&mut w, &id, lf, "   ", now()),
        Err(ReviewError::EmptyItem)
    );
    review::edit_item(&mut w, &id, lf, 1, "Deploy late in the evening", now()).unwrap();
    assert_eq!(
        review::edit_item(&mut w, &id, lf, 1, "", now()),
        Err(ReviewError::EmptyItem)
    );
    assert!(matches!(
        review::edit_item(&mut w, &id, lf, 5, "x", now()),
        Err(ReviewError::ItemNotFound { index: 5, .. })
    ));
    assert_eq!(
        rv(&w, &id).contributing_factors,
        vec![
            "No alert on 5xx".to_string(),
            "Deploy late in the evening".to_string()
        ]
    );
    review::remove_item(&mut w, &id, lf, 0, now()).unwrap();
    assert!(review::remove_item(&mut w, &id, lf, 1, now()).is_err());
    assert_eq!(
        rv(&w, &id).contributing_factors,
        vec!["Deploy late in the evening".to_string()]
    );
}

#[test]
fn quick_review_has_no_contributing_factors_list() {
    let (mut w, id) = started(ReviewKind::Quick);
    assert!(review::add_item(&mut w, &id, ListField::ContributingFactors, "x", now()).is_err());
    assert!(review::add_item(&mut w, &id, ListField::Lucky, "x", now()).is_ok());
}

#[test]
fn a_full_review_moves_forward_one_step_and_back_to_draft() {
    use ReviewStatus::*;
    let (mut w, id) = started(ReviewKind::Full);
    let before = w.clone();
    let e = review::set_status(&mut w, &id, Published, Some("p-sam"), now(), now()).unwrap_err();
    assert_eq!(
        e,
        ReviewError::StatusStep {
            from: Draft,
            to: Published
        }
    );
    assert_eq!(
        e.to_string(),
        "Put the draft up for review before publishing it, so someone else reads it first."
    );
    assert_eq!(w, before, "the refusal leaves the review as it was");
    review::set_status(&mut w, &id, InReview, None, now(), now()).unwrap();
    review::set_status(&mut w, &id, Published, None, now(), now()).unwrap();
    assert!(review::set_status(&mut w, &id, InReview, None, now(), now()).is_err());
    review::set_status(&mut w, &id, Draft, None, now(), now()).unwrap();
    assert_eq!(rv(&w, &id).status, Draft);
}

#[test]
fn a_quick_retro_is_published_straight_from_its_draft_with_its_log_and_record() {
    use ReviewStatus::*;
    let mut w = roles_ws();
    let id = review::start_review(&mut w, "i-1", ReviewKind::Quick, now()).unwrap();
    review::set_text(&mut w, &id, Field::Summary, "Disk filled.", now()).unwrap();
    let at = t("2026-12-01T09:30:00Z");
    review::set_status(&mut w, &id, Published, Some("p-sam"), at, now()).unwrap();
    let r = rv(&w, &id);
    assert_eq!(r.status, Published);
    let log: Vec<_> = r
        .status_log
        .iter()
        .map(|c| (c.at, c.by.as_deref(), c.from, c.to))
        .collect();
    assert_eq!(log, vec![(at, Some("p-sam"), Draft, Published)]);
    let record = r.published.as_ref().expect("publishing keeps its record");
    assert_eq!((record.at, record.by.as_deref()), (at, Some("p-sam")));
    assert_eq!(record.facts.title, "Search returns 502 for all users");
    assert!(
        record.roles.iter().any(|p| p.person_name == "Sam Rivera"),
        "{:?}",
        record.roles
    );
    assert_eq!(r.updated_at, Some(now()));
    assert_eq!(
        review::set_text(&mut w, &id, Field::Summary, "x", now()),
        Err(ReviewError::Published),
        "read-only until moved back to draft"
    );
    review::set_status(&mut w, &id, Draft, None, now(), now()).unwrap();
    assert_eq!(rv(&w, &id).published, None);
    review::set_text(&mut w, &id, Field::Summary, "Editable again.", now()).unwrap();
}

#[test]
fn the_step_forward_depends_on_the_kind() {
    use ReviewKind::*;
    use ReviewStatus::*;
    assert_eq!(review::next_step(Quick, Draft), Some(Published));
    assert_eq!(review::next_step(Full, Draft), Some(InReview));
    for kind in [Quick, Full] {
        assert_eq!(review::next_step(kind, InReview), Some(Published));
        assert_eq!(review::next_step(kind, Published), None);
    }
    // A quick retro may still be put up for review (older files have some) and go on from there.
    let (mut w, id) = started(Quick);
    review::set_status(&mut w, &id, InReview, None, now(), now()).unwrap();
    review::set_status(&mut w, &id, Published, None, now(), now()).unwrap();
    assert_eq!(
        review::set_status(&mut w, &id, InReview, None, now(), now()),
        Err(ReviewError::StatusStep {
            from: Published,
            to: InReview
        })
    );
}

#[test]
fn key_moments_must_come_from_the_incident_timeline() {
    let (mut w, id) = started(ReviewKind::Full);
    let e = review::set_key_moments(&mut w, &id, &["t-1".into(), "t-x".into()], now()).unwrap_err();
    assert_eq!(e, ReviewError::UnknownMoment("t-x".into()));
    assert!(rv(&w, &id).key_moments.is_empty());
    w.incidents[0].timeline[2].deleted_at = Some(now());
    assert!(review::set_key_moments(&mut w, &id, &["t-3".into()], now()).is_err());
    review::set_key_moments(&mut w, &id, &["t-2".into(), "t-1".into()], now()).unwrap();
    assert_eq!(
        rv(&w, &id).key_moments,
        vec!["t-1".to_string(), "t-2".to_string()]
    );
}

// ---- sections

#[test]
fn sections_per_kind_and_completeness() {
    let (mut w, id) = started(ReviewKind::Quick);
    let ids: Vec<SectionId> = review::sections(rv(&w, &id)).iter().map(|s| s.id).collect();
    use SectionId::*;
    assert_eq!(ids, vec![Summary, WentWell, WentBadly, Lucky, ActionItems]);
    assert_eq!(review::completeness(rv(&w, &id)), (0, 5));
    review::set_text(&mut w, &id, Field::Summary, "   ", now()).unwrap();
    assert_eq!(
        review::completeness(rv(&w, &id)),
        (0, 5),
        "blank text is not filled"
    );
    review::set_text(&mut w, &id, Field::Summary, "Search failed.", now()).unwrap();
    actions::add_action(&mut w, &id, "Add an alert", None, None, "high", now()).unwrap();
    assert_eq!(review::completeness(rv(&w, &id)), (2, 5));

    let (w, id) = started(ReviewKind::Full);
    let s = review::sections(rv(&w, &id));
    assert_eq!(s.len(), 12);
    assert_eq!(s.last().unwrap().id, KeyMoments);
    assert!(s.iter().all(|s| !s.prompt.is_empty() && !s.title.is_empty()));
    // The prefilled impact counts as written.
    assert_eq!(review::completeness(rv(&w, &id)), (1, 12));
}

// ---- roles during the incident

fn roles_ws() -> Workspace {
    let mut w = ws();
    w.assignments = Records::from(vec![
        // Held from before the incident to after it: clipped to 21:58–01:08.
        assign(
            "a1",
            "p-sam",
            INCIDENT_MANAGER,
            "2026-11-27T21:50:00Z",
            None,
            Some("i-1"),
        ),
        assign(
            "a2",
            "p-sam",
            THIRD_LINE_LEAD,
            "2026-11-27T21:58:00Z",
            Some("2026-11-28T01:30:00Z"),
            Some("i-1"),
        ),
        // Alex: three 1-weight roles all along, a fourth for 40 minutes: load 4 of 3.
        assign(
            "a3",
            "p-alex",
            SECOND_LINE,
            "2026-11-27T22:00:00Z",
            None,
            Some("i-1"),
        ),
        assign(
            "a4",
            "p-alex",
            COMMS_LEAD,
            "2026-11-27T22:00:00Z",
            None,
            Some("i-1"),
        ),
        assign("a5", "p-alex", SCRIBE, "2026-11-27T22:00:00Z", None, Some("i-1")),
        assign(
            "a6",
            "p-alex",
            FIRST_LINE,
            "2026-11-27T23:00:00Z",
            Some("2026-11-27T23:40:00Z"),
            Some("i-1"),
        ),
        // Another incident's role and a deleted assignment do not count here.
        assign(
            "a7",
            "p-alex",
            INCIDENT_MANAGER,
            "2026-11-27T22:00:00Z",
            None,
            Some("i-other"),
        ),
        assign(
            "a8",
            "p-alex",
            THIRD_LINE_LEAD,
            "2026-11-27T22:00:00Z",
            None,
            Some("i-1"),
        ),
        // Ended before the incident started.
        assign(
            "a9",
            "p-sam",
            COMMITTEE_CHAIR,
            "2026-01-01T00:00:00Z",
            Some("2026-11-27T21:58:00Z"),
            None,
        ),
        // A standing role held during it counts.
        assign(
            "a10",
            "p-alex",
            COMMITTEE_CHAIR,
            "2026-01-01T00:00:00Z",
            None,
            None,
        ),
    ]);
    w.assignments[7].deleted_at = Some(now());
    w
}

#[test]
fn roles_during_clips_spans_to_the_incident_window() {
    let w = roles_ws();
    let (spans, _) = review::roles_during(&w, "i-1", now());
    let ids: Vec<(&str, &str)> = spans
        .iter()
        .map(|s| (s.person_id.as_str(), s.role_id.as_str()))
        .collect();
    assert_eq!(spans.len(), 7, "{ids:?}");
    assert!(
        !ids.contains(&("p-alex", INCIDENT_MANAGER)),
        "other incident's role"
    );
    assert!(!ids.contains(&("p-alex", THIRD_LINE_LEAD)), "deleted assignment");
    assert!(
        !ids.contains(&("p-sam", COMMITTEE_CHAIR)),
        "ended when the incident began"
    );
    assert!(
        ids.contains(&("p-alex", COMMITTEE_CHAIR)),
        "standing role held then"
    );
    let im = spans.iter().find(|s| s.role_id == INCIDENT_MANAGER).unwrap();
    assert_eq!(
        (im.from, im.to),
        (t("2026-11-27T21:58:00Z"), t("2026-11-28T01:08:00Z"))
    );
    let lead = spans.iter().find(|s| s.role_id == THIRD_LINE_LEAD).unwrap();
    assert_eq!(
        lead.to,
        t("2026-11-28T01:08:00Z"),
        "an end after resolution is clipped too"
    );
    assert_eq!(im.person_name, "Sam Rivera");
    assert_eq!(im.role_name, "Incident manager");
}

#[test]
fn roles_during_states_conflicts_with_exact_overlap() {
    let w = roles_ws();
    let (_, statements) = review::roles_during(&w, "i-1", now());
    assert!(
        statements
            .contains(&"Sam Rivera held Incident manager and 3rd line lead for 3 h 10 min.".to_string()),
        "{statements:?}"
    );
    // Alex's roles conflict with nothing (the 3rd line lead one was deleted).
    assert!(
        !statements.iter().any(|s| s.starts_with("Alex Kim held")),
        "{statements:?}"
    );
}

#[test]
fn roles_during_states_over_capacity_with_peak_and_duration() {
    let mut w = roles_ws();
    // Drop Alex's standing chair role so the only overload is the 40 minutes with four roles.
    w.assignments.retain(|a| a.id != "a10");
    let (_, statements) = review::roles_during(&w, "i-1", now());
    assert!(
        statements.contains(&"Alex Kim was over capacity (load 4 of 3) for 40 min.".to_string()),
        "{statements:?}"
    );
    assert!(statements.contains(&"Sam Rivera was over capacity (load 5 of 3) for 3 h 10 min.".to_string()));

    // Capacity comes from the person when set, else from settings.
    w.settings.default_capacity = 4.0;
    let (_, statements) = review::roles_during(&w, "i-1", now());
    assert!(
        !statements.iter().any(|s| s.starts_with("Alex Kim was over")),
        "{statements:?}"
    );
    assert!(statements.iter().any(|s| s.starts_with("Sam Rivera was over")));
}

#[test]
fn roles_during_an_open_incident_runs_to_now() {
    let mut w = roles_ws();
    for a in &mut w.assignments {
        a.incident = a.incident.as_ref().map(|_| "i-open".to_string());
    }
    let (_, statements) = review::roles_during(&w, "i-open", t("2026-11-27T22:43:00Z"));
    assert!(
        statements.contains(&"Sam Rivera held Incident manager and 3rd line lead for 45 min.".to_string())
    );
    assert_eq!(review::roles_during(&w, "i-missing", now()), (vec![], vec![]));
}

// ---- markdown

fn headings(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with("## ")).collect()
}

/// Something in every section a review of this kind has, so each shows in the export.
fn written(kind: ReviewKind) -> (Workspace, String) {
    let (mut w, id) = started(kind);
    for &s in review::section_ids(kind) {
        if let Some(f) = s.field() {
            review::set_text(&mut w, &id, f, &format!("{} text.", s.title()), now()).unwrap();
        } else if let Some(l) = s.list_field() {
            review::add_item(&mut w, &id, l, &format!("{} item", s.title()), now()).unwrap();
        }
    }
    actions::add_action(&mut w, &id, "Fix", None, None, "", now()).unwrap();
    (w, id)
}

#[test]
fn markdown_opens_with_the_incident_then_every_written_section_per_kind() {
    let (w, id) = written(ReviewKind::Quick);
    let md = review_export::to_markdown(&w, &id, now()).unwrap();
    assert!(
        md.starts_with(
            "# Post-incident review: Search returns 502 for all users\n\n\
             - **Severity:** sev1 · critical\n\
             - **Started:** 2026-11-27 21:58 UTC\n\
             - **Detected:** 2026-11-27 22:05 UTC, 7 min after the start\n\
             - **Resolved:** 2026-11-28 01:08 UTC\n\
             - **Duration:** 3 h 10 min\n\
             - **Services:** search, web\n\
             - **Review:** Quick retro, draft\n"
        ),
        "{md}"
    );
    assert!(
        !md.contains("i-1"),
        "the title names the incident, not its id: {md}"
    );
    assert_eq!(
        headings(&md),
        vec![
            "## Summary",
            "## What went well",
            "## What went badly",
            "## Where we got lucky",
            "## Action items"
        ]
    );
    assert!(md.contains("## Summary\n\nSummary text.\n"));

    let (w, id) = written(ReviewKind::Full);
    let md = review_export::to_markdown(&w, &id, now()).unwrap();
    assert_eq!(
        headings(&md),
        vec![
            "## Timeline",
            "## Summary",
            "## Impact",
            "## Detection",
            "## Response",
            "## Recovery",
            "## Contributing factors",
            "## What went well",
            "## What went badly",
            "## Where we got lucky",
            "## Lessons",
            "## Action items"
        ]
    );
    assert!(md.contains("## Contributing factors\n\n- Contributing factors item\n"));
}

#[test]
fn markdown_leaves_out_sections_nobody_wrote() {
    let (w, id) = started(ReviewKind::Full);
    let md = review_export::to_markdown(&w, &id, now()).unwrap();
    // Only the impact, which a full review starts with, and the incident's own timeline.
    assert_eq!(headings(&md), vec!["## Timeline", "## Impact"], "{md}");
    assert!(md.contains("## Impact\n\nFrom 2026-11-27 21:58 UTC"));
    assert!(!md.contains("Not written yet"), "{md}");
}

#[test]
fn markdown_none_for_deleted_review() {
    let (mut w, id) = started(ReviewKind::Quick);
    review::delete_review(&mut w, &id, now()).unwrap();
    assert_eq!(review_export::to_markdown(&w, &id, now()), None);
    assert_eq!(review_export::to_chat(&w, &id, now()), None);
}

#[test]
fn markdown_timeline_uses_key_moments_in_time_order_else_everything() {
    let (mut w, id) = started(ReviewKind::Full);
    let md = review_export::to_markdown(&w, &id, now()).unwrap();
    assert!(
        md.contains(
            "## Timeline\n\n\
             - **2026-11-27 22:05 UTC** Sam Rivera: Alerts for 5xx on search\n\
             - **2026-11-27 22:30 UTC** Sam Rivera: Rolled back 0.9.250\n\
             - **2026-11-28 01:08 UTC** Sam Rivera: Error rate back to normal\n"
        ),
        "sorted by time: {md}"
    );
    review::set_key_moments(&mut w, &id, &["t-2".into()], now()).unwrap();
    w.incidents[0].timeline[0].kind = EntryKind::Decision;
    w.incidents[0].timeline[0].author = None;
    let md = review_export::to_markdown(&w, &id, now()).unwrap();
    assert!(
        md.contains("## Key timeline moments\n\n- **2026-11-27 22:30 UTC** Decision: Rolled back 0.9.250\n")
    );
    assert!(!md.contains("Alerts for 5xx"));
}

#[test]
fn markdown_roles_manager_first_and_actions_as_a_checklist() {
    let mut w = roles_ws();
    let id = review::start_review(&mut w, "i-1", ReviewKind::Full, now()).unwrap();
    for (text, owner, due, priority) in [
        ("Split the roles", Some("p-sam"), Some(d("2026-11-28")), "high"),
        ("Write the runbook", None, None, ""),
    ] {
        actions::add_action(&mut w, &id, text, owner.map(Into::into), due, priority, now()).unwrap();
    }
    let done = rv(&w, &id).actions[1].id.clone();
    actions::set_done(&mut w, &done, true, now(), now()).unwrap();
    let md = review_export::to_markdown(&w, &id, now()).unwrap();
    let roles = &md[md.find("## Roles during the incident").unwrap()..md.find("## Timeline").unwrap()];
    // The incident manager first, then the catalogue's order; a name alone held it throughout.
    assert!(
        roles.starts_with(
            "## Roles during the incident\n\n\
             - **Incident manager:** Sam Rivera\n\
             - **Committee chair:** Alex Kim\n\
             - **1st line support:** Alex Kim from 2026-11-27 23:00 UTC to 2026-11-27 23:40 UTC\n\
             - **2nd line support:** Alex Kim from 2026-11-27 22:00 UTC\n\
             - **3rd line lead:** Sam Rivera\n"
        ),
        "{roles}"
    );
    assert!(
        roles.contains("\nToo many hats:\n\n- Alex Kim was over capacity"),
        "{roles}"
    );
    assert!(roles.contains("\n- Sam Rivera held Incident manager and 3rd line lead for 3 h 10 min.\n"));
    assert!(
        md.ends_with(
            "## Action items\n\n\
             - [ ] Split the roles — owner Sam Rivera, due 2026-11-28, overdue by 3 days, high\n\
             - [x] Write the runbook — no owner yet\n"
        ),
        "{md}"
    );
}

const NASTY: &str =
    "# Not a heading\n<script>alert(1)</script> & `rm -rf` *bold* _em_ [link](http://x) a|b\n\
                     > quote\n- dash\n+ plus\n* star\n1. one\n    indented code\n===";

#[test]
fn markdown_escapes_user_text_everywhere() {
    let (mut w, id) = started(ReviewKind::Full);
    w.incidents[0].title = "<b>Title</b> `x`".into();
    w.incidents[0].timeline[0].text = NASTY.into();
    w.people[0].name = "Sam <i>|</i> `R`".into();
    review::set_text(&mut w, &id, Field::Summary, NASTY, now()).unwrap();
    review::set_text(&mut w, &id, Field::Lessons, NASTY, now()).unwrap();
    review::add_item(&mut w, &id, ListField::WentWell, NASTY, now()).unwrap();
    review::add_item(&mut w, &id, ListField::Lucky, "# lucky", now()).unwrap();
    actions::add_action(&mut w, &id, NASTY, Some("p-sam".into()), None, "<b>", now()).unwrap();
    w.assignments = vec![assign(
        "a1",
        "p-sam",
        SCRIBE,
        "2026-11-27T22:00:00Z",
        None,
        Some("i-1"),
    )]
    .into();
    let md = review_export::to_markdown(&w, &id, now()).unwrap();
    assert_safe(&md);
    assert!(
        md.contains(
            "\\<script>alert(1)\\</script> & \\`rm -rf\\` \\*bold\\* \\_em\\_ [link\\](http://x) a|b"
        ),
        "{md}"
    );
    assert!(md.contains("\\# Not a heading"));
    assert!(md.contains("- \\# lucky"));
    assert!(md.contains("1\\. one"));
    assert!(md.contains("# Post-incident review: \\<b>Title\\</b> \\`x\\`\n"));
    assert!(
        md.contains("- **Scribe:** Sam \\<i>|\\</i> \\`R\\` from 2026-11-27 22:00 UTC\n"),
        "{md}"
    );
    // Lines the user broke stay broken (hard breaks), in the summary.
    assert!(md.contains("\\# Not a heading  \n\\<script>"), "{md}");
    assert!(!md.contains("&amp;") && !md.contains("&lt;"), "{md}");
}

// ---- action items

#[test]
fn add_action_needs_text_and_an_existing_owner() {
    let (mut w, id) = started(ReviewKind::Quick);
    assert_eq!(
        actions::add_action(&mut w, &id, "  ", None, None, "", now()),
        Err(ActionError::EmptyText)
    );
    assert_eq!(
        actions::add_action(&mut w, &id, "Fix", Some("p-nobody".into()), None, "", now()),
        Err(ActionError::UnknownOwner("p-nobody".into()))
    );
    assert!(actions::add_action(&mut w, &id, "Fix", Some("p-gone".into()), None, "", now()).is_err());
    assert!(matches!(
        actions::add_action(&mut w, "rv-nope", "Fix", None, None, "", now()),
        Err(ActionError::ReviewNotFound(_))
    ));
    assert!(rv(&w, &id).actions.is_empty());
    let later = t("2026-12-03T00:00:00Z");
    let ac = actions::add_action(
        &mut w,
        &id,
        " Fix ",
        Some("p-sam".into()),
        Some(d("2026-12-15")),
        "high",
        later,
    )
    .unwrap();
    let a = &rv(&w, &id).actions[0];
    assert_eq!(
        (a.id.as_str(), a.text.as_str(), a.owner.as_deref()),
        (ac.as_str(), "Fix", Some("p-sam"))
    );
    assert_eq!(a.updated_at, Some(later));
    assert_eq!(rv(&w, &id).updated_at, Some(later));
}

#[test]
fn edit_action_checks_like_add() {
    let (mut w, id) = started(ReviewKind::Quick);
    let ac = actions::add_action(&mut w, &id, "Fix", None, None, "", now()).unwrap();
    assert_eq!(
        actions::edit_action(&mut w, &ac, "", None, None, "", now()),
        Err(ActionError::EmptyText)
    );
    assert!(actions::edit_action(&mut w, &ac, "Fix it", Some("p-x".into()), None, "", now()).is_err());
    let later = t("2026-12-04T00:00:00Z");
    actions::edit_action(
        &mut w,
        &ac,
        "Fix it",
        Some("p-alex".into()),
        Some(d("2026-12-20")),
        "low",
        later,
    )
    .unwrap();
    let a = &rv(&w, &id).actions[0];
    assert_eq!(
        (a.text.as_str(), a.priority.as_str(), a.due),
        ("Fix it", "low", Some(d("2026-12-20")))
    );
    assert_eq!(a.updated_at, Some(later));
}

#[test]
fn set_done_records_and_clears_done_at() {
    let (mut w, id) = started(ReviewKind::Quick);
    let ac = actions::add_action(&mut w, &id, "Fix", None, None, "", now()).unwrap();
    let when = t("2026-12-05T12:00:00Z");
    actions::set_done(&mut w, &ac, true, when, when).unwrap();
    assert_eq!(
        (rv(&w, &id).actions[0].done, rv(&w, &id).actions[0].done_at),
        (true, Some(when))
    );
    actions::set_done(&mut w, &ac, false, now(), t("2026-12-06T12:00:00Z")).unwrap();
    assert_eq!(
        (rv(&w, &id).actions[0].done, rv(&w, &id).actions[0].done_at),
        (false, None)
    );
    assert_eq!(rv(&w, &id).actions[0].updated_at, Some(t("2026-12-06T12:00:00Z")));
    assert!(actions::set_done(&mut w, "ac-nope", true, now(), now()).is_err());
}

#[test]
fn delete_action_tombstones_and_hides() {
    let (mut w, id) = started(ReviewKind::Quick);
    let ac = actions::add_action(&mut w, &id, "Fix", None, None, "", now()).unwrap();
    actions::delete_action(&mut w, &ac, now()).unwrap();
    assert_eq!(rv(&w, &id).actions.len(), 1, "tombstone kept for merges");
    assert_eq!(rv(&w, &id).actions[0].deleted_at, Some(now()));
    assert!(actions::action_list(&w, d("2026-12-01")).is_empty());
    assert_eq!(
        actions::set_done(&mut w, &ac, true, now(), now()),
        Err(ActionError::ActionNotFound(ac.clone()))
    );
    assert_eq!(
        review::completeness(rv(&w, &id)),
        (0, 5),
        "deleted actions do not fill the section"
    );
}

#[test]
fn action_list_orders_open_overdue_first_then_due_then_done() {
    let (mut w, id) = started(ReviewKind::Quick);
    let mut add = |text: &str, owner: Option<&str>, due: Option<&str>| {
        actions::add_action(&mut w, &id, text, owner.map(Into::into), due.map(d), "", now()).unwrap()
    };
    let later = add("later", Some("p-sam"), Some("2026-12-20"));
    let undated = add("undated", None, None);
    let over2 = add("over2", Some("p-sam"), Some("2026-11-29"));
    let done = add("done", None, Some("2026-11-01"));
    let today = add("today", Some("p-sam"), Some("2026-12-01"));
    let over5 = add("over5", None, Some("2026-11-26"));
    let soon_b = add("soon-sam", Some("p-sam"), Some("2026-12-10"));
    let soon_a = add("soon-alex", Some("p-alex"), Some("2026-12-10"));
    actions::set_done(&mut w, &done, true, now(), now()).unwrap();

    let rows = actions::action_list(&w, d("2026-12-01"));
    let order: Vec<&str> = rows.iter().map(|r| r.action_id.as_str()).collect();
    assert_eq!(
        order,
        vec![&over5, &over2, &today, &soon_a, &soon_b, &later, &undated, &done]
            .into_iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        actions::overdue_label(&rows[0]).as_deref(),
        Some("Overdue by 5 days")
    );
    assert_eq!(rows[0].overdue_by_days, 5);
    assert_eq!(actions::overdue_label(&rows[2]), None, "due today is not overdue");
    let done_row = rows.last().unwrap();
    assert!(
        !done_row.overdue && actions::overdue_label(done_row).is_none(),
        "done is never overdue"
    );
    assert_eq!(done_row.done_at, Some(now()), "the list says when it was done");
    assert_eq!(rows[0].done_at, None);
    assert_eq!(rows[0].incident_title, "Search returns 502 for all users");
    assert_eq!(
        rows[1].owner,
        Some(("p-sam".to_string(), "Sam Rivera".to_string()))
    );

    let groups = actions::by_owner(&rows);
    let names: Vec<Option<&str>> = groups
        .iter()
        .map(|(o, _)| o.as_ref().map(|(_, n)| n.as_str()))
        .collect();
    assert_eq!(names, vec![Some("Alex Kim"), Some("Sam Rivera"), None]);
    assert_eq!(groups[1].1.len(), 4);
    assert_eq!(groups[1].1[0].action_id, over2);
}

#[test]
fn action_list_skips_deleted_reviews_and_incidents() {
    let (mut w, id) = started(ReviewKind::Quick);
    actions::add_action(&mut w, &id, "Fix", None, None, "", now()).unwrap();
    assert_eq!(actions::action_list(&w, d("2026-12-01")).len(), 1);
    w.incidents[0].deleted_at = Some(now());
    assert!(actions::action_list(&w, d("2026-12-01")).is_empty());
    w.incidents[0].deleted_at = None;
    review::delete_review(&mut w, &id, now()).unwrap();
    assert!(actions::action_list(&w, d("2026-12-01")).is_empty());
}

#[test]
fn overdue_label_singular() {
    assert_eq!(actions::overdue_words(1), "Overdue by 1 day");
    assert_eq!(actions::overdue_words(3), "Overdue by 3 days");
}

// ---- published reviews are a record

/// A full review of i-1 with something in every kind of section, through review to published.
fn published() -> (Workspace, String) {
    let mut w = roles_ws();
    let id = review::start_review(&mut w, "i-1", ReviewKind::Full, now()).unwrap();
    review::set_text(&mut w, &id, Field::Detection, "An alert.", now()).unwrap();
    review::add_item(&mut w, &id, ListField::WentWell, "Fast rollback", now()).unwrap();
    review::set_key_moments(&mut w, &id, &["t-1".into()], now()).unwrap();
    actions::add_action(
        &mut w,
        &id,
        "Split the roles",
        Some("p-sam".into()),
        None,
        "high",
        now(),
    )
    .unwrap();
    let (reviewed, published) = (t("2026-12-01T09:00:00Z"), t("2026-12-01T09:30:00Z"));
    review::set_status(
        &mut w,
        &id,
        ReviewStatus::InReview,
        Some("p-alex"),
        reviewed,
        now(),
    )
    .unwrap();
    review::set_status(
        &mut w,
        &id,
        ReviewStatus::Published,
        Some("p-sam"),
        published,
        now(),
    )
    .unwrap();
    (w, id)
}

#[test]
fn a_published_review_refuses_every_edit_and_changes_nothing() {
    let (mut w, id) = published();
    let ac = rv(&w, &id).actions[0].id.clone();
    let before = w.clone();
    let lf = ListField::WentWell;
    let refusals: Vec<(&str, Result<(), ReviewError>)> = vec![
        (
            "set_text",
            review::set_text(&mut w, &id, Field::Summary, "x", now()),
        ),
        (
            "add_item",
            review::add_item(&mut w, &id, lf, "x", now()).map(|_| ()),
        ),
        ("edit_item", review::edit_item(&mut w, &id, lf, 0, "x", now())),
        ("remove_item", review::remove_item(&mut w, &id, lf, 0, now())),
        (
            "set_kind",
            review::set_kind(&mut w, &id, ReviewKind::Quick, now()),
        ),
        (
            "set_key_moments",
            review::set_key_moments(&mut w, &id, &[], now()),
        ),
        ("delete_review", review::delete_review(&mut w, &id, now())),
    ];
    for (what, r) in refusals {
        assert_eq!(r, Err(ReviewError::Published), "{what}");
    }
    assert_eq!(
        actions::add_action(&mut w, &id, "More", None, None, "", now()),
        Err(ActionError::ReviewPublished)
    );
    assert_eq!(
        actions::delete_action(&mut w, &ac, now()),
        Err(ActionError::ReviewPublished)
    );
    assert_eq!(
        actions::edit_action(&mut w, &ac, "Reworded", Some("p-sam".into()), None, "high", now()),
        Err(ActionError::ReviewPublished)
    );
    assert_eq!(w, before, "every refusal leaves the workspace as it was");
}

#[test]
fn action_items_of_a_published_review_stay_doable() {
    let (mut w, id) = published();
    let ac = rv(&w, &id).actions[0].id.clone();
    let later = t("2026-12-01T10:01:00Z");
    actions::edit_action(
        &mut w,
        &ac,
        " Split the roles ",
        Some("p-alex".into()),
        Some(d("2026-12-20")),
        "low",
        later,
    )
    .unwrap();
    actions::set_done(&mut w, &ac, true, now(), later).unwrap();
    let a = &rv(&w, &id).actions[0];
    assert_eq!(
        (a.owner.as_deref(), a.due, a.priority.as_str(), a.done, a.done_at),
        (Some("p-alex"), Some(d("2026-12-20")), "low", true, Some(now()))
    );
    actions::set_done(&mut w, &ac, false, later, later).unwrap();
    assert!(!rv(&w, &id).actions[0].done);
    assert_eq!(rv(&w, &id).status, ReviewStatus::Published);
    let rows = actions::action_list(&w, d("2026-12-01"));
    assert!(
        rows[0].review_published,
        "the list knows the item cannot be removed"
    );
}

#[test]
fn moving_back_to_draft_is_logged_and_makes_the_review_editable_again() {
    use ReviewStatus::*;
    let (mut w, id) = published();
    let back = t("2026-12-01T09:59:00Z");
    review::set_status(&mut w, &id, Draft, Some("p-alex"), back, now()).unwrap();
    let r = rv(&w, &id);
    assert_eq!(r.status, Draft);
    assert_eq!(
        r.published, None,
        "the kept record goes; the log keeps the history"
    );
    let log: Vec<_> = r
        .status_log
        .iter()
        .map(|c| (c.at, c.by.as_deref(), c.from, c.to))
        .collect();
    assert_eq!(
        log,
        vec![
            (t("2026-12-01T09:00:00Z"), Some("p-alex"), Draft, InReview),
            (t("2026-12-01T09:30:00Z"), Some("p-sam"), InReview, Published),
            (back, Some("p-alex"), Published, Draft),
        ]
    );
    assert_eq!(r.updated_at, Some(now()));
    review::set_text(&mut w, &id, Field::Summary, "Now editable.", now()).unwrap();
    actions::add_action(&mut w, &id, "More", None, None, "", now()).unwrap();

    let lines = review::status_log(&w, rv(&w, &id));
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2].by.as_deref(), Some("Alex Kim"));
    assert_eq!((lines[2].from, lines[2].to), (Published, Draft));
}

#[test]
fn a_status_change_to_the_status_it_has_changes_nothing() {
    let (mut w, id) = published();
    let before = w.clone();
    review::set_status(
        &mut w,
        &id,
        ReviewStatus::Published,
        Some("p-nobody"),
        now(),
        now(),
    )
    .unwrap();
    assert_eq!(w, before);
}

#[test]
fn status_changes_refuse_bad_people_and_times_and_change_nothing() {
    use ReviewStatus::*;
    let (mut w, id) = started(ReviewKind::Quick);
    review::set_status(&mut w, &id, InReview, None, t("2026-12-01T09:00:00Z"), now()).unwrap();
    let before = w.clone();
    let go = |w: &mut Workspace, by: Option<&str>, at: &str| {
        review::set_status(w, &id, Published, by, t(at), now())
    };
    assert_eq!(
        go(&mut w, Some("p-nobody"), "2026-12-01T09:30:00Z"),
        Err(ReviewError::UnknownPerson("p-nobody".into()))
    );
    assert_eq!(
        go(&mut w, Some("p-gone"), "2026-12-01T09:30:00Z"),
        Err(ReviewError::UnknownPerson("p-gone".into())),
        "a deleted person cannot publish"
    );
    assert_eq!(
        go(&mut w, None, "2026-12-01T10:02:01Z"),
        Err(ReviewError::InFuture(t("2026-12-01T10:02:01Z")))
    );
    assert_eq!(
        go(&mut w, None, "2026-11-27T21:57:00Z"),
        Err(ReviewError::BeforeIncident {
            at: t("2026-11-27T21:57:00Z"),
            started: t("2026-11-27T21:58:00Z")
        })
    );
    assert_eq!(
        go(&mut w, None, "2026-12-01T08:59:00Z"),
        Err(ReviewError::BeforeLastChange {
            at: t("2026-12-01T08:59:00Z"),
            last: t("2026-12-01T09:00:00Z")
        })
    );
    assert_eq!(w, before, "every refusal leaves the workspace as it was");

    // Two minutes ahead of this clock is another device's "now".
    go(&mut w, Some("p-sam"), "2026-12-01T10:02:00Z").unwrap();
    assert_eq!(rv(&w, &id).status, Published);
}

#[test]
fn status_change_sentences_say_what_to_do() {
    let at = t("2026-12-01T10:05:00Z");
    let cases = [
        (ReviewError::Published, "move it back to draft first"),
        (
            ReviewError::UnknownPerson("p-x".into()),
            "p-x is not one of the team's people",
        ),
        (ReviewError::InFuture(at), "2026-12-01 10:05 UTC is in the future"),
        (
            ReviewError::BeforeIncident { at, started: now() },
            "before the incident started (2026-12-01 10:00 UTC)",
        ),
        (
            ReviewError::BeforeLastChange { at, last: now() },
            "before the review's last status change",
        ),
    ];
    for (e, words) in cases {
        let s = e.to_string();
        assert!(s.contains(words) && s.ends_with('.'), "{s}");
    }
    assert!(ActionError::ReviewPublished
        .to_string()
        .contains("move the review back to draft first"));
}

#[test]
fn publishing_keeps_roles_and_facts_that_later_edits_do_not_rewrite() {
    let (mut w, id) = published();
    let statement = "Sam Rivera held Incident manager and 3rd line lead for 3 h 10 min.".to_string();
    let (spans, statements) = review::roles_of(&w, rv(&w, &id), now());
    assert!(statements.contains(&statement), "{statements:?}");
    let md_before = review_export::to_markdown(&w, &id, now()).unwrap();
    assert!(md_before.contains("- **Review:** Full review, published 2026-12-01 09:30 UTC by Sam Rivera\n"));

    // Rename Sam, cut the 3rd line lead assignment short, retitle and re-time the incident.
    w.people[0].name = "Samuel Rivera".into();
    w.assignments[1].end = Some(t("2026-11-27T22:00:00Z"));
    w.incidents[0].title = "Renamed".into();
    w.incidents[0].resolved_at = Some(t("2026-11-28T03:00:00Z"));
    let (live_spans, live_statements) = review::roles_during(&w, "i-1", now());
    assert!(!live_statements.contains(&statement), "the live view did change");
    assert_ne!(live_spans, spans);

    assert_eq!(
        review::roles_of(&w, rv(&w, &id), now()),
        (spans.clone(), statements)
    );
    let md = review_export::to_markdown(&w, &id, now()).unwrap();
    assert!(md.contains(&format!("- {statement}")), "{md}");
    assert!(md.starts_with("# Post-incident review: Search returns 502 for all users\n"));
    assert!(md.contains("- **Resolved:** 2026-11-28 01:08 UTC\n- **Duration:** 3 h 10 min\n"));
    let roles = &md[md.find("## Roles").unwrap()..md.find("## Key timeline moments").unwrap()];
    assert!(
        roles.contains("- **Incident manager:** Sam Rivera\n") && !roles.contains("Samuel"),
        "the roles keep the names of then: {md}"
    );
    let chat = review_export::to_chat(&w, &id, now()).unwrap();
    assert!(chat.contains("\nIncident manager: Sam Rivera\n"), "{chat}");
    assert!(chat.contains("(3 h 10 min)") && chat.starts_with("Post-incident review: Search returns"));
    assert!(
        md.contains("- [ ] Split the roles — owner Samuel Rivera, high\n"),
        "action items are work that goes on: their owners are live: {md}"
    );
    let facts = review::facts_of(&w, rv(&w, &id)).unwrap();
    assert_eq!(facts.resolved_at, Some(t("2026-11-28T01:08:00Z")));

    // Back to draft: live again. Publishing again takes a new record.
    review::set_status(&mut w, &id, ReviewStatus::Draft, None, now(), now()).unwrap();
    let (_, statements) = review::roles_of(&w, rv(&w, &id), now());
    assert!(!statements.contains(&statement));
    assert!(review_export::to_markdown(&w, &id, now())
        .unwrap()
        .contains("Renamed"));
    review::set_status(&mut w, &id, ReviewStatus::InReview, None, now(), now()).unwrap();
    review::set_status(&mut w, &id, ReviewStatus::Published, None, now(), now()).unwrap();
    let (spans, _) = review::roles_of(&w, rv(&w, &id), now());
    assert!(spans.iter().any(|s| s.person_name == "Samuel Rivera"));
    assert_eq!(rv(&w, &id).published.as_ref().unwrap().facts.title, "Renamed");
    assert_eq!(rv(&w, &id).status_log.len(), 5);
}

#[test]
fn published_by_names_who_published_and_falls_back_for_older_files() {
    let (mut w, id) = published();
    assert_eq!(
        review::published_by(&w, rv(&w, &id)),
        Some(review::PublishedBy {
            at: Some(t("2026-12-01T09:30:00Z")),
            by: Some("Sam Rivera".into())
        })
    );
    // A deleted person keeps their name in the record.
    w.people[0].deleted_at = Some(now());
    assert_eq!(
        review::published_by(&w, rv(&w, &id)).unwrap().by.as_deref(),
        Some("Sam Rivera")
    );
    // A review published before Hatrack kept records: read-only all the same, nothing to name,
    // and its roles are the live ones.
    let r = w.reviews.iter_mut().find(|r| r.id == id).unwrap();
    r.published = None;
    r.status_log.clear();
    assert_eq!(
        review::published_by(&w, rv(&w, &id)),
        Some(review::PublishedBy { at: None, by: None })
    );
    assert_eq!(
        review::roles_of(&w, rv(&w, &id), now()),
        review::roles_during(&w, "i-1", now())
    );
    assert_eq!(
        review::set_text(&mut w, &id, Field::Summary, "x", now()),
        Err(ReviewError::Published)
    );
    let (w, id) = started(ReviewKind::Quick);
    assert_eq!(review::published_by(&w, rv(&w, &id)), None);
}

// ---- switching kind

#[test]
fn hidden_by_switch_lists_written_sections_the_other_kind_lacks() {
    use SectionId::*;
    let (mut w, id) = started(ReviewKind::Full);
    // Impact starts prefilled; an empty section is not worth a warning.
    assert_eq!(
        review::hidden_by_switch(rv(&w, &id), ReviewKind::Quick),
        vec![Impact]
    );
    review::set_text(&mut w, &id, Field::Impact, " ", now()).unwrap();
    assert_eq!(review::hidden_by_switch(rv(&w, &id), ReviewKind::Quick), vec![]);
    review::set_text(&mut w, &id, Field::Detection, "An alert.", now()).unwrap();
    review::set_text(&mut w, &id, Field::Response, "We met.", now()).unwrap();
    review::add_item(&mut w, &id, ListField::ContributingFactors, "No canary", now()).unwrap();
    review::add_item(&mut w, &id, ListField::WentWell, "Kept in both kinds", now()).unwrap();
    let hidden = review::hidden_by_switch(rv(&w, &id), ReviewKind::Quick);
    assert_eq!(hidden, vec![Detection, Response, ContributingFactors]);
    assert_eq!(
        review::switch_warning(&hidden, ReviewKind::Quick).as_deref(),
        Some(
            "Switching to a quick retro hides Detection, Response and Contributing factors; \
             their text is kept and comes back if you switch again."
        )
    );
    assert_eq!(
        review::switch_warning(&[KeyMoments], ReviewKind::Quick).as_deref(),
        Some(
            "Switching to a quick retro hides Key timeline moments; its text is kept and comes \
             back if you switch again."
        )
    );
    assert_eq!(review::hidden_by_switch(rv(&w, &id), ReviewKind::Full), vec![]);
    assert_eq!(review::switch_warning(&[], ReviewKind::Quick), None);

    // The text is kept, hidden, and back after switching again.
    review::set_kind(&mut w, &id, ReviewKind::Quick, now()).unwrap();
    assert_eq!(review::hidden_by_switch(rv(&w, &id), ReviewKind::Full), vec![]);
    review::set_kind(&mut w, &id, ReviewKind::Full, now()).unwrap();
    assert_eq!(rv(&w, &id).detection, "An alert.");

    review::set_key_moments(&mut w, &id, &["t-1".into()], now()).unwrap();
    assert!(review::hidden_by_switch(rv(&w, &id), ReviewKind::Quick).contains(&KeyMoments));
}

// ---- when action items were done

#[test]
fn action_items_record_when_they_were_added() {
    let (mut w, id) = started(ReviewKind::Quick);
    let added = t("2026-12-01T09:00:00Z");
    let ac = actions::add_action(&mut w, &id, "Fix", None, None, "", added).unwrap();
    let a = rv(&w, &id).actions.iter().find(|a| a.id == ac).unwrap();
    assert_eq!(a.created_at, Some(added));
}

#[test]
fn set_done_refuses_times_in_the_future_or_before_the_item_and_changes_nothing() {
    let (mut w, id) = started(ReviewKind::Quick);
    let added = t("2026-12-01T09:00:00Z");
    let ac = actions::add_action(&mut w, &id, "Fix", None, None, "", added).unwrap();
    let before = w.clone();
    let future = t("2026-12-01T10:02:01Z");
    assert_eq!(
        actions::set_done(&mut w, &ac, true, future, now()),
        Err(ActionError::DoneInFuture(future))
    );
    let early = t("2026-12-01T08:59:00Z");
    assert_eq!(
        actions::set_done(&mut w, &ac, true, early, now()),
        Err(ActionError::DoneBeforeCreated {
            at: early,
            created: added
        })
    );
    assert_eq!(w, before);
    assert!(ActionError::DoneInFuture(future)
        .to_string()
        .contains("2026-12-01 10:02 UTC is in the future"));
    assert!(ActionError::DoneBeforeCreated {
        at: early,
        created: added
    }
    .to_string()
    .contains("before the item was added (2026-12-01 09:00 UTC)"));

    // Within the skew allowance, and at the moment it was added, are both fine.
    actions::set_done(&mut w, &ac, true, t("2026-12-01T10:02:00Z"), now()).unwrap();
    actions::set_done(&mut w, &ac, false, now(), now()).unwrap();
    actions::set_done(&mut w, &ac, true, added, now()).unwrap();
    assert_eq!(rv(&w, &id).actions[0].done_at, Some(added));
}

#[test]
fn an_old_item_without_created_at_cannot_be_done_before_its_incident() {
    let (mut w, id) = started(ReviewKind::Quick);
    let ac = actions::add_action(&mut w, &id, "Fix", None, None, "", now()).unwrap();
    w.reviews[0].actions[0].created_at = None;
    let before = w.clone();
    let early = t("2026-11-27T21:00:00Z");
    assert_eq!(
        actions::set_done(&mut w, &ac, true, early, now()),
        Err(ActionError::DoneBeforeCreated {
            at: early,
            created: t("2026-11-27T21:58:00Z")
        })
    );
    assert_eq!(w, before);
    actions::set_done(&mut w, &ac, true, t("2026-11-28T00:00:00Z"), now()).unwrap();
}

#[test]
fn a_due_date_in_the_past_is_questioned_not_refused() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
    assert_eq!(actions::past_due_question(day(30), today), None, "today is fine");
    assert_eq!(actions::past_due_question(None, today), None);
    assert_eq!(
        actions::past_due_question(day(29), today).as_deref(),
        Some("The due date 2026-11-29 was yesterday. Save it anyway, or pick a later date?")
    );
    assert!(actions::past_due_question(day(1), today)
        .unwrap()
        .contains("was 29 days ago"));
}
