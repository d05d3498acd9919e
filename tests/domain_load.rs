//! Load, conflicts, profiles, coverage, suggestions and assessment (src/domain/load.rs), plus
//! the example team (src/domain/example.rs).

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::defaults::{self, *};
use hatrack::domain::example::{self, example_team};
use hatrack::domain::load::*;
use hatrack::domain::order;
use hatrack::domain::*;
use proptest::prelude::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap()
}

fn mins(m: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(m)
}

fn rfc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn person(id: &str, skills: &[&str]) -> Person {
    Person {
        id: id.into(),
        name: format!("Name of {id}"),
        timezone: None,
        skills: skills.iter().map(|s| s.to_string()).collect(),
        capacity: None,
        active: true,
        updated_at: None,
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    }
}

fn named(id: &str, name: &str, skills: &[&str]) -> Person {
    Person {
        name: name.into(),
        ..person(id, skills)
    }
}

fn assign(
    id: &str,
    person: &str,
    role: &str,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
) -> Assignment {
    Assignment {
        id: id.into(),
        person: person.into(),
        role: role.into(),
        start,
        end,
        incident: None,
        release: None,
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn action(id: &str, owner: &str, done: bool, done_at: Option<DateTime<Utc>>) -> ActionItem {
    ActionItem {
        id: id.into(),
        text: "Do the thing".into(),
        owner: Some(owner.into()),
        due: None,
        priority: String::new(),
        done,
        done_at,
        created_at: None,
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn review(id: &str, actions: Vec<ActionItem>) -> Review {
    Review {
        id: id.into(),
        incident: "i-1".into(),
        status: ReviewStatus::Draft,
        kind: ReviewKind::Quick,
        summary: String::new(),
        impact: String::new(),
        detection: String::new(),
        response: String::new(),
        recovery: String::new(),
        contributing_factors: vec![],
        went_well: vec![],
        went_badly: vec![],
        lucky: vec![],
        lessons: String::new(),
        actions,
        key_moments: vec![],
        status_log: vec![],
        published: None,
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn tombstone_rule(ws: &mut Workspace, a: &str, b: &str) {
    let rule = ws.conflicts.iter_mut().find(|c| c.names(a, b)).unwrap();
    rule.deleted_at = Some(t0());
}

/// Sam holds five roles (weights 2,2,2,3,2 = 11, capacity 3); Ada and Bo hold one each.
fn five_hats() -> Workspace {
    let mut ws = defaults::new_workspace();
    ws.people = vec![
        named("p-sam", "Sam", &[]),
        named(
            "p-ada",
            "Ada",
            &[INCIDENT_MANAGER, THIRD_LINE_LEAD, RELEASE_MANAGER],
        ),
        named(
            "p-bo",
            "Bo",
            &[DEPLOYMENT_MANAGER, COMMITTEE_CHAIR, INCIDENT_MANAGER],
        ),
    ]
    .into();
    ws.assignments = vec![
        assign("a-chair", "p-sam", COMMITTEE_CHAIR, mins(-1000), None),
        assign("a-rm", "p-sam", RELEASE_MANAGER, mins(-120), None),
        assign("a-dm", "p-sam", DEPLOYMENT_MANAGER, mins(-60), None),
        assign("a-im", "p-sam", INCIDENT_MANAGER, mins(-30), None),
        assign("a-3l", "p-sam", THIRD_LINE_LEAD, mins(-20), None),
        assign("a-ada", "p-ada", SCRIBE, mins(-20), None),
        assign("a-bo", "p-bo", FIRST_LINE, mins(-20), None),
    ]
    .into();
    ws
}

// ---- the key scenario ----

#[test]
fn five_hats_give_load_eleven_and_three_conflicts_under_three_rules() {
    let mut ws = five_hats();
    // Three rules in force, as in the issue: IM×3rd line, IM×chair, RM×DM.
    tombstone_rule(&mut ws, INCIDENT_MANAGER, RELEASE_MANAGER);
    tombstone_rule(&mut ws, INCIDENT_MANAGER, DEPLOYMENT_MANAGER);
    let now = t0();
    assert_eq!(load_at(&ws, "p-sam", now), 11.0);
    let hits = conflicts_at(&ws, "p-sam", now);
    assert_eq!(hits.len(), 3, "{hits:?}");
    let mut pairs: Vec<[String; 2]> = hits
        .iter()
        .map(|h| {
            let mut p = h.roles.clone();
            order::sort(&mut p);
            p
        })
        .collect();
    order::sort(&mut pairs);
    assert_eq!(
        pairs,
        vec![
            [COMMITTEE_CHAIR.to_string(), INCIDENT_MANAGER.to_string()],
            [DEPLOYMENT_MANAGER.to_string(), RELEASE_MANAGER.to_string()],
            [INCIDENT_MANAGER.to_string(), THIRD_LINE_LEAD.to_string()],
        ]
    );
    let snap = snapshot(&ws, now);
    assert_eq!(snap[0].person_id, "p-sam");
    assert_eq!(snap[0].load, 11.0);
    assert_eq!(snap[0].capacity, 3.0);
    assert!(snap[0].overloaded);
    assert_eq!(snap[0].conflicts.len(), 3);
    assert_eq!(snap[0].held.len(), 5);
    for other in &snap[1..] {
        assert!(!other.overloaded, "{} flagged as overloaded", other.name);
        assert!(other.conflicts.is_empty(), "{} flagged in conflict", other.name);
    }
}

#[test]
fn five_hats_under_the_default_rules_break_five() {
    let ws = five_hats();
    assert_eq!(conflicts_at(&ws, "p-sam", t0()).len(), 5);
}

#[test]
fn conflict_hit_names_roles_assignments_and_reason_in_rule_order() {
    let ws = five_hats();
    let hits = conflicts_at(&ws, "p-sam", t0());
    let h = hits
        .iter()
        .find(|h| h.roles.contains(&THIRD_LINE_LEAD.to_string()))
        .unwrap();
    // The default rule names incident manager first.
    assert_eq!(
        h.roles,
        [INCIDENT_MANAGER.to_string(), THIRD_LINE_LEAD.to_string()]
    );
    assert_eq!(
        h.role_names,
        ["Incident manager".to_string(), "3rd line lead".to_string()]
    );
    assert_eq!(h.assignments, ["a-im".to_string(), "a-3l".to_string()]);
    assert!(h.reason.contains("heads-down"));
    assert!(h.sentence().starts_with("Incident manager and 3rd line lead:"));
    assert_eq!(h.title(), "Conflict: Incident manager + 3rd line lead");
}

#[test]
fn a_rule_repeated_by_a_merge_counts_once() {
    let mut ws = five_hats();
    let dup = ws.conflicts[0].clone();
    ws.conflicts.push(dup);
    assert_eq!(conflicts_at(&ws, "p-sam", t0()).len(), 5);
}

// ---- times, offsets, boundaries ----

#[test]
fn offsets_in_inputs_are_the_same_instants_in_utc() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    // 22:15 in India is 16:45 UTC; 12:00 in New York (EST) is 17:00 UTC.
    ws.assignments = Records::from(vec![assign(
        "a",
        "p",
        SCRIBE,
        rfc("2026-03-01T22:15:00+05:30"),
        Some(rfc("2026-03-01T12:00:00-05:00")),
    )]);
    assert_eq!(load_at(&ws, "p", rfc("2026-03-01T16:44:59Z")), 0.0);
    assert_eq!(load_at(&ws, "p", rfc("2026-03-01T16:45:00Z")), 1.0);
    assert_eq!(load_at(&ws, "p", rfc("2026-03-01T16:59:59Z")), 1.0);
    assert_eq!(load_at(&ws, "p", rfc("2026-03-01T17:00:00Z")), 0.0);
    // The same instant written with another offset.
    assert_eq!(load_at(&ws, "p", rfc("2026-03-01T11:50:00-05:00")), 1.0);
}

#[test]
fn offsets_read_from_a_file() {
    let text = r#"{
      "format": "hatrack-workspace", "version": 1,
      "people": [{ "id": "p", "name": "Pat" }],
      "roles": [{ "id": "im", "name": "IM", "scope": "incident", "weight": 3 }],
      "assignments": [{ "id": "a", "person": "p", "role": "im",
                        "start": "2026-03-01T22:15:00+05:30", "end": "2026-03-01T12:00:00-05:00" }]
    }"#;
    let ws: Workspace = serde_json::from_str(text).unwrap();
    assert_eq!(load_at(&ws, "p", rfc("2026-03-01T16:44:00Z")), 0.0);
    assert_eq!(load_at(&ws, "p", rfc("2026-03-01T16:45:00Z")), 3.0);
    assert_eq!(load_at(&ws, "p", rfc("2026-03-01T17:00:00Z")), 0.0);
}

#[test]
fn open_ended_assignments_count_forever_and_ended_ones_stop() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.assignments = vec![
        assign("open", "p", INCIDENT_MANAGER, mins(0), None),
        assign("ended", "p", SCRIBE, mins(0), Some(mins(30))),
    ]
    .into();
    assert_eq!(load_at(&ws, "p", mins(-1)), 0.0);
    assert_eq!(load_at(&ws, "p", mins(10)), 4.0);
    assert_eq!(load_at(&ws, "p", mins(31)), 3.0);
    assert_eq!(load_at(&ws, "p", mins(60 * 24 * 365 * 10)), 3.0);
}

#[test]
fn the_end_instant_is_excluded_and_the_start_instant_included() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.assignments = vec![assign("a", "p", SCRIBE, mins(0), Some(mins(30)))].into();
    assert_eq!(load_at(&ws, "p", mins(0)), 1.0);
    assert_eq!(load_at(&ws, "p", mins(30) - Duration::nanoseconds(1)), 1.0);
    assert_eq!(load_at(&ws, "p", mins(30)), 0.0);
    // A hand-over at the same instant: the new holder counts, the old one does not.
    ws.people.push(person("q", &[]));
    ws.assignments.push(assign("b", "q", SCRIBE, mins(30), None));
    assert_eq!(load_at(&ws, "q", mins(30)), 1.0);
    assert_eq!(
        coverage(&ws, mins(30))
            .iter()
            .find(|c| c.role_id == SCRIBE)
            .unwrap()
            .holders_now,
        vec!["q"]
    );
}

#[test]
fn conflicts_need_both_roles_at_the_same_instant() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.assignments = vec![
        assign("im", "p", INCIDENT_MANAGER, mins(0), Some(mins(30))),
        assign("3l", "p", THIRD_LINE_LEAD, mins(30), None),
    ]
    .into();
    assert!(conflicts_at(&ws, "p", mins(29)).is_empty());
    assert!(conflicts_at(&ws, "p", mins(30)).is_empty());
    ws.assignments[0].end = Some(mins(31));
    assert_eq!(conflicts_at(&ws, "p", mins(30)).len(), 1);
}

// ---- tombstones and inactive people ----

#[test]
fn tombstoned_records_count_for_nothing() {
    let mut ws = five_hats();
    ws.assignments[3].deleted_at = Some(t0()); // incident manager
    assert_eq!(load_at(&ws, "p-sam", t0()), 8.0);
    assert_eq!(conflicts_at(&ws, "p-sam", t0()).len(), 1); // RM×DM only

    let mut ws = five_hats();
    ws.roles
        .iter_mut()
        .find(|r| r.id == COMMITTEE_CHAIR)
        .unwrap()
        .deleted_at = Some(t0());
    assert_eq!(load_at(&ws, "p-sam", t0()), 9.0);
    assert_eq!(conflicts_at(&ws, "p-sam", t0()).len(), 4);
    assert!(coverage(&ws, t0()).iter().all(|c| c.role_id != COMMITTEE_CHAIR));
    let snap = snapshot(&ws, t0());
    assert!(snap[0].held.iter().all(|h| h.role_id != COMMITTEE_CHAIR));

    let mut ws = five_hats();
    tombstone_rule(&mut ws, RELEASE_MANAGER, DEPLOYMENT_MANAGER);
    assert_eq!(conflicts_at(&ws, "p-sam", t0()).len(), 4);
}

#[test]
fn inactive_and_deleted_people_are_left_out_of_the_snapshot() {
    let mut ws = five_hats();
    ws.people[1].active = false;
    ws.people[2].deleted_at = Some(t0());
    let ids: Vec<String> = snapshot(&ws, t0()).into_iter().map(|p| p.person_id).collect();
    assert_eq!(ids, vec!["p-sam"]);
}

// ---- action items ----

#[test]
fn open_action_items_add_their_weight_until_done() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.reviews = Records::from(vec![review(
        "rv",
        vec![
            action("open", "p", false, None),
            action("done-later", "p", true, Some(mins(30))),
            action("done-no-time", "p", true, None),
            action("someone-else", "q", false, None),
            ActionItem {
                deleted_at: Some(t0()),
                ..action("deleted", "p", false, None)
            },
            ActionItem {
                owner: None,
                ..action("unowned", "p", false, None)
            },
        ],
    )]);
    assert_eq!(action_load_at(&ws, "p", mins(0)), 1.0);
    assert_eq!(action_load_at(&ws, "p", mins(30)), 0.5);
    ws.settings.action_item_weight = 1.0;
    assert_eq!(action_load_at(&ws, "p", mins(0)), 2.0);
    ws.reviews[0].deleted_at = Some(t0());
    assert_eq!(action_load_at(&ws, "p", mins(0)), 0.0);
}

#[test]
fn action_items_can_tip_someone_over_capacity_but_are_not_role_load() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.assignments = vec![assign("a", "p", INCIDENT_MANAGER, mins(0), None)].into();
    let snap = snapshot(&ws, mins(1));
    assert!(!snap[0].overloaded, "load 3 of 3 is not over capacity");
    ws.reviews = vec![review("rv", vec![action("x", "p", false, None)])].into();
    let snap = snapshot(&ws, mins(1));
    assert_eq!(snap[0].load, 3.0);
    assert_eq!(snap[0].action_load, 0.5);
    assert_eq!(snap[0].open_actions, 1);
    assert_eq!(snap[0].total, 3.5);
    assert!(snap[0].overloaded);
    assert_eq!(load_at(&ws, "p", mins(1)), 3.0);
}

/// An action item added at `created` (minutes from t0), done at `done` if given.
fn added(id: &str, owner: &str, created: Option<i64>, done: Option<i64>) -> ActionItem {
    ActionItem {
        created_at: created.map(mins),
        ..action(id, owner, done.is_some(), done.map(mins))
    }
}

/// A resolved incident `i-1` that started at `started` minutes from t0 (built from JSON, so the
/// test does not depend on every field of the model).
fn incident_started(started: i64) -> Incident {
    serde_json::from_value(serde_json::json!({
        "id": "i-1", "title": "Search 502", "severity": "sev2", "status": "resolved",
        "started_at": mins(started), "resolved_at": mins(started + 60),
    }))
    .unwrap()
}

#[test]
fn an_action_item_counts_only_from_when_it_was_added() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.reviews = vec![review(
        "rv",
        vec![
            added("later", "p", Some(30), None),
            added("added-and-done", "p", Some(10), Some(40)),
        ],
    )]
    .into();
    assert_eq!(action_load_at(&ws, "p", mins(0)), 0.0, "nothing existed yet");
    assert_eq!(action_load_at(&ws, "p", mins(10)), 0.5);
    assert_eq!(action_load_at(&ws, "p", mins(30)), 1.0);
    assert_eq!(action_load_at(&ws, "p", mins(40)), 0.5);
    assert_eq!(snapshot(&ws, mins(5))[0].open_actions, 0);
    assert_eq!(snapshot(&ws, mins(35))[0].open_actions, 2);
    assert_eq!(snapshot(&ws, mins(5))[0].actions_note(), None);
    assert_eq!(
        snapshot(&ws, mins(35))[0].actions_note().as_deref(),
        Some("+1 from 2 open action items")
    );
    let steps = &profiles(&ws, mins(0), mins(60))["p"];
    let shape: Vec<(DateTime<Utc>, f64)> = steps.iter().map(|s| (s.from, s.action_load)).collect();
    assert_eq!(
        shape,
        vec![(mins(0), 0.0), (mins(10), 0.5), (mins(30), 1.0), (mins(40), 0.5)]
    );
    // A window before any item was added carries no action load.
    assert_eq!(stats(&ws, mins(-60), mins(0))[0].peak, 0.0);
}

#[test]
fn an_old_action_item_without_created_at_counts_from_its_incidents_start() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.incidents = vec![incident_started(20)].into();
    ws.reviews = vec![review("rv", vec![added("old", "p", None, None)])].into();
    assert_eq!(
        action_load_at(&ws, "p", mins(19)),
        0.0,
        "it cannot predate its incident"
    );
    assert_eq!(action_load_at(&ws, "p", mins(20)), 0.5);
    let steps = &profiles(&ws, mins(0), mins(60))["p"];
    assert_eq!(steps.len(), 2);
    assert_eq!((steps[1].from, steps[1].action_load), (mins(20), 0.5));
    // A deleted incident still dates its items.
    ws.incidents[0].deleted_at = Some(mins(50));
    assert_eq!(action_load_at(&ws, "p", mins(19)), 0.0);
    // Without the incident in the file there is nothing to date it by: it counts all along.
    ws.incidents.clear();
    assert_eq!(action_load_at(&ws, "p", mins(-1000)), 0.5);
    // created_at, when there, wins over the incident's start.
    ws.incidents = vec![incident_started(20)].into();
    ws.reviews[0].actions[0].created_at = Some(mins(45));
    assert_eq!(action_load_at(&ws, "p", mins(30)), 0.0);
    assert_eq!(action_load_at(&ws, "p", mins(45)), 0.5);
}

#[test]
fn an_action_item_done_before_it_was_added_never_counts() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.reviews = vec![review("rv", vec![added("odd", "p", Some(30), Some(10))])].into();
    for m in [0, 10, 20, 30, 40] {
        assert_eq!(action_load_at(&ws, "p", mins(m)), 0.0);
    }
    assert_eq!(profiles(&ws, mins(0), mins(60))["p"].len(), 1);
}

// ---- capacity and ordering ----

#[test]
fn capacity_is_the_persons_own_or_the_workspace_default() {
    let mut ws = defaults::new_workspace();
    let mut p = person("p", &[]);
    assert_eq!(capacity_of(&ws, &p), 3.0);
    ws.settings.default_capacity = 4.5;
    assert_eq!(capacity_of(&ws, &p), 4.5);
    p.capacity = Some(2.0);
    assert_eq!(capacity_of(&ws, &p), 2.0);
}

#[test]
fn snapshot_is_most_loaded_first_then_by_name() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![
        named("p1", "Zoe", &[]),
        named("p2", "Al", &[]),
        named("p3", "Bea", &[]),
    ]
    .into();
    ws.assignments = vec![
        assign("a1", "p1", SCRIBE, mins(0), None),
        assign("a2", "p2", SCRIBE, mins(0), None),
        assign("a3", "p3", INCIDENT_MANAGER, mins(0), None),
    ]
    .into();
    let names: Vec<String> = snapshot(&ws, mins(1)).into_iter().map(|p| p.name).collect();
    assert_eq!(names, vec!["Bea", "Al", "Zoe"]);
}

#[test]
fn held_roles_are_listed_oldest_first_with_their_context() {
    let mut ws = five_hats();
    ws.assignments[3].incident = Some("i-1".into());
    let snap = snapshot(&ws, t0());
    let ids: Vec<&str> = snap[0].held.iter().map(|h| h.assignment_id.as_str()).collect();
    assert_eq!(ids, vec!["a-chair", "a-rm", "a-dm", "a-im", "a-3l"]);
    let im = &snap[0].held[3];
    assert_eq!((im.role_name.as_str(), im.weight), ("Incident manager", 3.0));
    assert_eq!(im.incident.as_deref(), Some("i-1"));
}

// ---- profiles and stats ----

#[test]
fn profile_steps_cover_the_window_and_change_only_at_start_and_end_points() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[]), person("idle", &[])].into();
    ws.assignments = Records::from(vec![
        assign("im", "p", INCIDENT_MANAGER, mins(10), Some(mins(40))),
        assign("3l", "p", THIRD_LINE_LEAD, mins(20), None),
        assign("before", "p", SCRIBE, mins(-50), Some(mins(-10))),
        // Never held: empty span.
        assign("empty", "p", SCRIBE, mins(25), Some(mins(25))),
    ]);
    let prof = profiles(&ws, mins(0), mins(60));
    let steps = &prof["p"];
    let spans: Vec<_> = steps
        .iter()
        .map(|s| (s.from, s.to, s.load, s.conflict, s.overloaded))
        .collect();
    assert_eq!(
        spans,
        vec![
            (mins(0), mins(10), 0.0, false, false),
            (mins(10), mins(20), 3.0, false, false),
            (mins(20), mins(40), 5.0, true, true),
            (mins(40), mins(60), 2.0, false, false),
        ]
    );
    assert_eq!(steps[2].assignments, vec!["im", "3l"]);
    assert_eq!(prof["idle"].len(), 1);
    assert_eq!(prof["idle"][0].load, 0.0);
    assert!(profiles(&ws, mins(60), mins(60))["p"].is_empty());
}

#[test]
fn a_hand_over_at_one_instant_leaves_no_gap() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.assignments = vec![
        assign("first", "p", SCRIBE, mins(0), Some(mins(30))),
        assign("second", "p", SCRIBE, mins(30), None),
    ]
    .into();
    let steps = &profiles(&ws, mins(0), mins(60))["p"];
    assert_eq!(steps.len(), 2);
    assert!(steps.iter().all(|s| s.load == 1.0));
    assert_eq!(steps[1].assignments, vec!["second"]);
}

#[test]
fn action_items_done_inside_the_window_end_their_weight_there() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.assignments = vec![assign("im", "p", INCIDENT_MANAGER, mins(0), None)].into();
    ws.reviews = vec![review("rv", vec![action("x", "p", true, Some(mins(30)))])].into();
    let steps = &profiles(&ws, mins(0), mins(60))["p"];
    assert_eq!(steps.len(), 2);
    assert_eq!((steps[0].action_load, steps[0].overloaded), (0.5, true));
    assert_eq!((steps[1].action_load, steps[1].overloaded), (0.0, false));
    assert_eq!(steps[1].from, mins(30));
}

#[test]
fn stats_add_up_time_overloaded_and_in_conflict() {
    let mut ws = defaults::new_workspace();
    ws.people = vec![person("p", &[])].into();
    ws.assignments = vec![
        assign("im", "p", INCIDENT_MANAGER, mins(10), Some(mins(40))),
        assign("3l", "p", THIRD_LINE_LEAD, mins(20), None),
        assign("rm", "p", RELEASE_MANAGER, mins(45), Some(mins(50))),
    ]
    .into();
    let s = &stats(&ws, mins(0), mins(60))[0];
    assert_eq!(s.person_id, "p");
    assert_eq!(s.peak, 5.0);
    // 20–40 (5 > 3) and 45–50 (4 > 3).
    assert_eq!(s.overloaded, Duration::minutes(25));
    assert_eq!(s.in_conflict, Duration::minutes(20));
}

#[test]
fn profiles_for_two_hundred_people_and_twenty_thousand_assignments_agree_with_load_at() {
    let mut ws = defaults::new_workspace();
    let role_ids: Vec<String> = ws.roles.iter().map(|r| r.id.clone()).collect();
    ws.people = (0..200).map(|i| person(&format!("p{i}"), &[])).collect();
    // A cheap deterministic scatter instead of a random generator.
    let mut x: u64 = 12345;
    let mut next = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        x >> 33
    };
    for i in 0..20_000 {
        let p = next() % 200;
        let start = mins((next() % 100_000) as i64);
        let end = if next() % 10 == 0 {
            None
        } else {
            Some(start + Duration::minutes((next() % 600) as i64))
        };
        let role = &role_ids[(next() % role_ids.len() as u64) as usize];
        ws.assignments
            .push(assign(&format!("a{i}"), &format!("p{p}"), role, start, end));
    }
    let (from, to) = (mins(0), mins(100_000));
    let prof = profiles(&ws, from, to);
    assert_eq!(prof.len(), 200);
    for k in 0..50 {
        let t = mins((k * 1999) % 100_000);
        for pid in ["p0", "p57", "p199"] {
            let step = prof[pid].iter().find(|s| s.from <= t && t < s.to).unwrap();
            assert_eq!(step.load, load_at(&ws, pid, t), "{pid} at {t}");
        }
    }
    let stats = stats(&ws, from, to);
    assert!(stats.iter().any(|s| s.overloaded > Duration::zero()));
    assert_eq!(
        stats_from(&prof),
        stats,
        "stats from computed profiles are the same stats"
    );
}

// ---- coverage ----

#[test]
fn coverage_lists_capable_active_people_and_flags_single_points_of_failure() {
    let mut ws = five_hats();
    ws.people.push(Person {
        active: false,
        ..person("p-gone", &[DEPLOYMENT_MANAGER])
    });
    let cov = coverage(&ws, t0());
    let get = |id: &str| cov.iter().find(|c| c.role_id == id).unwrap();
    let im = get(INCIDENT_MANAGER);
    assert_eq!(im.role_name, "Incident manager");
    assert_eq!(im.capable, vec!["p-ada", "p-bo"]);
    assert_eq!(im.holders_now, vec!["p-sam"]);
    assert!(!im.single_point_of_failure);
    let dm = get(DEPLOYMENT_MANAGER);
    assert_eq!(dm.capable, vec!["p-bo"], "inactive people do not cover a role");
    assert!(dm.single_point_of_failure);
    assert!(get(SCRIBE).single_point_of_failure, "nobody has the skill");
    assert_eq!(cov.len(), ws.roles.len());
}

// ---- suggestions ----

#[test]
fn suggestions_offer_skilled_free_people_for_the_overloaded_persons_roles() {
    let mut ws = five_hats();
    ws.people.push(named("p-cy", "Cy", &[INCIDENT_MANAGER]));
    ws.people.push(Person {
        active: false,
        ..named("p-off", "Off", &[INCIDENT_MANAGER])
    });
    // Cy is already 3rd line lead elsewhere, so taking incident manager would break a rule.
    ws.assignments
        .push(assign("a-cy", "p-cy", THIRD_LINE_LEAD, mins(-5), None));
    let sugg = suggestions(&ws, t0());
    assert!(
        sugg.iter().all(|s| s.from_person == "p-sam"),
        "only Sam needs help"
    );
    assert_eq!(sugg.len(), 5, "overloaded: every role Sam holds could go");
    // Roles in a conflict come first, heaviest first: incident manager leads.
    assert_eq!(sugg[0].role_id, INCIDENT_MANAGER);
    let im = &sugg[0];
    assert_eq!(im.assignment_id, "a-im");
    let who: Vec<&str> = im.candidates.iter().map(|c| c.person_id.as_str()).collect();
    // Ada (scribe, 1) and Bo (1st line, 1) tie on load: by name. No Sam, Cy or Off.
    assert_eq!(who, vec!["p-ada", "p-bo"]);
    assert_eq!(im.candidates[0].load_after, 4.0);
    assert_eq!(im.candidates[0].capacity, 3.0);
    let chair = sugg.iter().find(|s| s.role_id == COMMITTEE_CHAIR).unwrap();
    assert_eq!(chair.candidates.len(), 1);
    assert_eq!(chair.candidates[0].person_id, "p-bo");
}

#[test]
fn suggestions_put_people_who_would_stay_within_capacity_first() {
    let mut ws = five_hats();
    // Ada becomes lighter in load but would go over her (small) capacity.
    ws.people[1].capacity = Some(1.0);
    ws.people[2].capacity = Some(10.0);
    ws.assignments.retain(|a| a.id != "a-ada");
    ws.assignments
        .push(assign("a-bo2", "p-bo", SCRIBE, mins(-5), None));
    let sugg = suggestions(&ws, t0());
    let im = sugg.iter().find(|s| s.role_id == INCIDENT_MANAGER).unwrap();
    let who: Vec<&str> = im.candidates.iter().map(|c| c.person_id.as_str()).collect();
    assert_eq!(who, vec!["p-bo", "p-ada"]);
    assert!(im.candidates[1].over_capacity());
}

#[test]
fn a_person_in_conflict_within_capacity_gets_suggestions_for_the_conflicting_roles_only() {
    let mut ws = defaults::new_workspace();
    ws.people = Records::from(vec![
        Person {
            capacity: Some(10.0),
            ..person("p", &[])
        },
        person("q", &[INCIDENT_MANAGER, SCRIBE]),
    ]);
    ws.assignments = vec![
        assign("im", "p", INCIDENT_MANAGER, mins(0), None),
        assign("3l", "p", THIRD_LINE_LEAD, mins(0), None),
        assign("sc", "p", SCRIBE, mins(0), None),
    ]
    .into();
    let sugg = suggestions(&ws, mins(1));
    let ids: Vec<&str> = sugg.iter().map(|s| s.assignment_id.as_str()).collect();
    assert_eq!(ids, vec!["im", "3l"]);
    assert_eq!(sugg[0].candidates[0].person_id, "q");
    assert!(sugg[1].candidates.is_empty(), "nobody else can lead 3rd line");
    ws.assignments.pop();
    ws.assignments.pop();
    assert!(
        suggestions(&ws, mins(1)).is_empty(),
        "no conflict, no overload, nothing to suggest"
    );
}

// ---- assessment ----

#[test]
fn assessment_warns_of_conflicts_and_capacity_and_names_better_people() {
    let mut ws = five_hats();
    for (i, name) in ["Dee", "Eve", "Fay"].iter().enumerate() {
        ws.people.push(named(&format!("p-{i}"), name, &[THIRD_LINE_LEAD]));
    }
    ws.assignments.retain(|a| a.id != "a-3l");
    let a = assess(&ws, "p-sam", THIRD_LINE_LEAD, t0());
    assert_eq!(a.conflicts.len(), 1);
    assert_eq!(a.conflicts[0].role_id, INCIDENT_MANAGER);
    assert_eq!(a.conflicts[0].assignment_id, "a-im");
    assert!(a.conflicts[0].reason.contains("heads-down"));
    assert_eq!(a.load_after, 11.0);
    assert_eq!(a.capacity, 3.0);
    assert!(a.over_capacity);
    assert!(!a.is_fine());
    // Four people have the skill; the three unloaded ones come first, Ada (scribe) is fourth.
    let who: Vec<&str> = a.better.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(who, vec!["Dee", "Eve", "Fay"]);
}

#[test]
fn assessment_is_fine_when_nothing_clashes_and_there_is_room() {
    let ws = five_hats();
    let a = assess(&ws, "p-ada", FIRST_LINE, t0());
    assert!(a.conflicts.is_empty());
    assert_eq!(a.load_after, 2.0);
    assert!(a.is_fine());
    // Nobody may be offered who would themselves be put in conflict.
    let b = assess(&ws, "p-ada", INCIDENT_MANAGER, t0());
    assert!(b
        .better
        .iter()
        .all(|c| c.person_id != "p-sam" && c.person_id != "p-ada"));
    // Bo is the only one free of conflicts, but taking it would put him over capacity: he is
    // not "better placed", he is the least loaded of those who would all go over.
    assert!(b.better.is_empty());
    let least = b.least_loaded.expect("the least loaded is named");
    assert_eq!(least.person_id, "p-bo");
    assert!(least.over_capacity());
}

// ---- the example team ----

#[test]
fn the_example_team_shows_the_chair_wearing_five_hats() {
    let now = t0();
    let ws = example_team(now);
    let snap = snapshot(&ws, now);
    assert!((5..=6).contains(&snap.len()));
    let chair = &snap[0];
    assert_eq!(chair.person_id, example::CHAIR);
    assert_eq!(chair.held.len(), 5);
    assert_eq!(chair.load, 11.0);
    assert!(chair.overloaded);
    assert_eq!(chair.conflicts.len(), 5, "under the default rules");
    for p in &snap[1..] {
        assert!(
            !p.overloaded && p.conflicts.is_empty(),
            "{} should be lightly loaded",
            p.name
        );
    }
    let sugg = suggestions(&ws, now);
    assert!(!sugg.is_empty());
    assert!(
        sugg.iter().all(|s| !s.candidates.is_empty()),
        "someone can take each of the chair's roles"
    );
}

#[test]
fn the_example_team_has_a_live_incident_and_an_older_reviewed_one() {
    let now = t0();
    let ws = example_team(now);
    let live = ws
        .incidents
        .iter()
        .find(|i| i.id == example::LIVE_INCIDENT)
        .unwrap();
    assert_eq!(live.status, Status::Investigating);
    assert_eq!(now - live.started_at, Duration::minutes(40));
    assert!(live.timeline.len() >= 3);
    let rel = ws
        .releases
        .iter()
        .find(|r| Some(&r.id) == live.release.as_ref())
        .unwrap();
    assert_eq!(rel.status, ReleaseStatus::Deployed);
    let im = ws
        .assignments
        .iter()
        .find(|a| a.role == INCIDENT_MANAGER && a.holds_at(now))
        .unwrap();
    assert_eq!(im.incident.as_deref(), Some(example::LIVE_INCIDENT));

    let old = ws
        .incidents
        .iter()
        .find(|i| i.id == example::OLD_INCIDENT)
        .unwrap();
    assert!(!old.status.is_open());
    let rv = ws.reviews.iter().find(|r| r.incident == old.id).unwrap();
    assert_eq!((rv.kind, rv.status), (ReviewKind::Quick, ReviewStatus::Published));
    assert_eq!(rv.actions.len(), 2);
    let today = now.date_naive();
    let overdue = rv
        .actions
        .iter()
        .filter(|a| !a.done && a.due.is_some_and(|d| d < today))
        .count();
    assert_eq!(overdue, 1);
    let zones: Vec<&str> = ws.people.iter().filter_map(|p| p.timezone.as_deref()).collect();
    for region in ["Europe/", "America/", "Asia/"] {
        assert!(zones.iter().any(|z| z.starts_with(region)), "nobody in {region}");
    }
}

#[test]
fn the_example_team_round_trips_and_every_reference_resolves() {
    let ws = example_team(t0());
    let text = serde_json::to_string_pretty(&ws).unwrap();
    let back: Workspace = serde_json::from_str(&text).unwrap();
    assert_eq!(back, ws);

    let people = ids(ws.people.iter().map(|p| &p.id).collect());
    let roles = ids(ws.roles.iter().map(|r| &r.id).collect());
    let incidents = ids(ws.incidents.iter().map(|i| &i.id).collect());
    let releases = ids(ws.releases.iter().map(|r| &r.id).collect());
    ids(ws.assignments.iter().map(|a| &a.id).collect());
    ids(ws.reviews.iter().map(|r| &r.id).collect());
    for p in &ws.people {
        assert!(
            p.skills.iter().all(|s| roles.contains(s)),
            "{}: unknown skill",
            p.id
        );
    }
    for c in &ws.conflicts {
        assert!(c.roles.iter().all(|r| roles.contains(r)));
    }
    for a in &ws.assignments {
        assert!(people.contains(&a.person) && roles.contains(&a.role), "{}", a.id);
        assert!(
            a.end.is_none_or(|e| e > a.start),
            "{}: ends before it starts",
            a.id
        );
        let scope = ws.roles.iter().find(|r| r.id == a.role).unwrap().scope;
        match scope {
            Scope::Incident => assert!(a.incident.as_ref().is_some_and(|i| incidents.contains(i))),
            Scope::Release => assert!(a.release.as_ref().is_some_and(|r| releases.contains(r))),
            Scope::Standing => assert!(a.incident.is_none() && a.release.is_none()),
        }
    }
    for i in &ws.incidents {
        assert!(i.release.as_ref().is_none_or(|r| releases.contains(r)));
        ids(i.timeline.iter().map(|t| &t.id).collect());
        for t in &i.timeline {
            assert!(t.author.as_ref().is_none_or(|a| people.contains(a)));
        }
    }
    for r in &ws.reviews {
        assert!(incidents.contains(&r.incident));
        ids(r.actions.iter().map(|a| &a.id).collect());
        for a in &r.actions {
            assert!(a.owner.as_ref().is_none_or(|o| people.contains(o)));
        }
        let inc = ws.incidents.iter().find(|i| i.id == r.incident).unwrap();
        for k in &r.key_moments {
            assert!(inc.timeline.iter().any(|t| &t.id == k));
        }
    }
    assert_eq!(ws.format, FORMAT_NAME);
    assert_eq!(ws.version, FORMAT_VERSION);
}

/// The set of `v`, checking each id appears once.
fn ids(v: Vec<&String>) -> std::collections::HashSet<&String> {
    let n = v.len();
    let set: std::collections::HashSet<&String> = v.into_iter().collect();
    assert_eq!(set.len(), n, "ids must be unique");
    set
}

// ---- properties over random small workspaces ----

const ROLES: [&str; 4] = [INCIDENT_MANAGER, THIRD_LINE_LEAD, SCRIBE, RELEASE_MANAGER];

#[derive(Clone, Debug)]
struct Gen {
    person: usize,
    role: usize,
    start: i64,
    len: Option<i64>,
    deleted: bool,
}

fn gen_assignment() -> impl Strategy<Value = Gen> {
    (
        0..3usize,
        0..4usize,
        0..60i64,
        prop::option::of(-5..40i64),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(person, role, start, len, deleted)| Gen {
            person,
            role,
            start,
            len,
            deleted,
        })
}

fn build(gens: &[Gen], weights: &[f64]) -> Workspace {
    let mut ws = defaults::new_workspace();
    ws.people = (0..3).map(|i| person(&format!("p{i}"), &[])).collect();
    for (r, w) in ROLES.iter().zip(weights) {
        ws.roles.iter_mut().find(|x| x.id == *r).unwrap().weight = *w;
    }
    ws.assignments = gens
        .iter()
        .enumerate()
        .map(|(i, g)| to_assignment(i, g))
        .collect();
    ws
}

fn to_assignment(i: usize, g: &Gen) -> Assignment {
    let start = mins(g.start);
    Assignment {
        deleted_at: g.deleted.then(t0),
        ..assign(
            &format!("a{i}"),
            &format!("p{}", g.person),
            ROLES[g.role],
            start,
            g.len.map(|l| start + Duration::minutes(l)),
        )
    }
}

fn weights() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(
        prop_oneof![Just(0.0), Just(0.5), Just(1.0), Just(2.0), Just(3.0)],
        4,
    )
}

proptest! {
    #[test]
    fn load_is_never_negative(gens in prop::collection::vec(gen_assignment(), 0..12), w in weights(), t in -10..110i64) {
        let ws = build(&gens, &w);
        for p in 0..3 {
            let id = format!("p{}", p);
            prop_assert!(load_at(&ws, &id, mins(t)) >= 0.0);
        }
        for p in snapshot(&ws, mins(t)) {
            prop_assert!(p.load >= 0.0 && p.total >= 0.0);
        }
    }

    #[test]
    fn adding_an_assignment_never_lowers_anyones_load(
        gens in prop::collection::vec(gen_assignment(), 0..12),
        extra in gen_assignment(),
        w in weights(),
        ts in prop::collection::vec(-10..110i64, 1..8),
    ) {
        let before = build(&gens, &w);
        let mut after = before.clone();
        after.assignments.push(to_assignment(99, &extra));
        for t in ts {
            for p in 0..3 {
                let id = format!("p{p}");
                prop_assert!(load_at(&after, &id, mins(t)) >= load_at(&before, &id, mins(t)));
            }
        }
        let (pb, pa) = (profiles(&before, mins(-10), mins(110)), profiles(&after, mins(-10), mins(110)));
        for p in 0..3 {
            let id = format!("p{p}");
            for t in -10..110 {
                let at = |steps: &Vec<Step>| steps.iter().find(|s| s.from <= mins(t) && mins(t) < s.to).unwrap().load;
                prop_assert!(at(&pa[&id]) >= at(&pb[&id]));
            }
        }
    }

    #[test]
    fn profiles_agree_with_load_at_everywhere_in_the_window(
        gens in prop::collection::vec(gen_assignment(), 0..12),
        w in weights(),
        from in -10..50i64,
        len in 1..80i64,
        secs in prop::collection::vec(0..4800i64, 1..10),
    ) {
        let ws = build(&gens, &w);
        let (from, to) = (mins(from), mins(from + len));
        let prof = profiles(&ws, from, to);
        for (pid, steps) in &prof {
            // Consecutive, covering the window, and merged where nothing changes.
            prop_assert_eq!(steps.first().unwrap().from, from);
            prop_assert_eq!(steps.last().unwrap().to, to);
            for pair in steps.windows(2) {
                prop_assert_eq!(pair[0].to, pair[1].from);
                prop_assert!(pair[0].assignments != pair[1].assignments || pair[0].action_load != pair[1].action_load);
            }
            // Every whole minute (where all the boundaries are) and some seconds in between.
            let minutes = (0..len).map(|m| from + Duration::minutes(m));
            let seconds = secs.iter().map(|s| from + Duration::seconds(s % (len * 60)));
            for t in minutes.chain(seconds) {
                let step = steps.iter().find(|s| s.from <= t && t < s.to).unwrap();
                prop_assert_eq!(step.load, load_at(&ws, pid, t));
                prop_assert_eq!(step.conflict, !conflicts_at(&ws, pid, t).is_empty());
                let mut held: Vec<String> =
                    ws.assignments.iter().filter(|a| &a.person == pid && a.holds_at(t)).map(|a| a.id.clone()).collect();
                order::sort(&mut held);
                let mut got = step.assignments.clone();
                order::sort(&mut got);
                prop_assert_eq!(got, held);
                prop_assert_eq!(step.overloaded, load_at(&ws, pid, t) > 3.0);
            }
        }
    }

    #[test]
    fn profiles_agree_with_action_load_at_for_items_added_and_done_at_any_time(
        items in prop::collection::vec(
            (0..2usize, prop::option::of(-10..70i64), prop::option::of(-10..70i64)),
            0..8,
        ),
        from in -20..40i64,
        len in 1..60i64,
    ) {
        let mut ws = defaults::new_workspace();
        ws.people = (0..2).map(|i| person(&format!("p{i}"), &[])).collect();
        ws.reviews = Records::from(vec![review(
            "rv",
            items
                .iter()
                .enumerate()
                .map(|(i, &(p, created, done))| added(&format!("ac{i}"), &format!("p{p}"), created, done))
                .collect(),
        )]);
        let prof = profiles(&ws, mins(from), mins(from + len));
        for (pid, steps) in &prof {
            for m in from..from + len {
                let step = steps.iter().find(|s| s.from <= mins(m) && mins(m) < s.to).unwrap();
                prop_assert_eq!(step.action_load, action_load_at(&ws, pid, mins(m)));
            }
        }
        for p in snapshot(&ws, mins(from)) {
            prop_assert_eq!(p.action_load, action_load_at(&ws, &p.person_id, mins(from)));
        }
    }

    #[test]
    fn an_assignment_ending_at_t_does_not_count_at_t(
        gens in prop::collection::vec(gen_assignment(), 0..8),
        w in weights(),
        role in 0..4usize,
        start in 0..50i64,
        len in 1..40i64,
    ) {
        let before = build(&gens, &w);
        let mut after = before.clone();
        let end = mins(start + len);
        after.assignments.push(assign("ending", "p0", ROLES[role], mins(start), Some(end)));
        prop_assert_eq!(load_at(&after, "p0", end), load_at(&before, "p0", end));
        let step = profiles(&after, mins(-10), mins(110))["p0"].iter().find(|s| s.from <= end && end < s.to).cloned().unwrap();
        prop_assert!(!step.assignments.contains(&"ending".to_string()));
        let just_before = end - Duration::seconds(1);
        prop_assert_eq!(load_at(&after, "p0", just_before), load_at(&before, "p0", just_before) + w[role]);
    }
}
