//! The rota planner: turns, gaps with reasons, agreed turns kept, awake coverage across zones,
//! apply and undo, coverage ahead; and properties over generated teams: a plan never breaks a
//! skill, a conflict rule, capacity or an away period, is never worse than the plain round robin
//! on gaps then peak load, and is the same for the same input.

#[path = "support/tz.rs"]
mod tz;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use hatrack::domain::away;
use hatrack::domain::defaults::{new_workspace, COMMITTEE_CHAIR, INCIDENT_MANAGER};
use hatrack::domain::model::*;
use hatrack::domain::refusal::DomainError;
use hatrack::domain::rota::{self, Concern, Fix, GapReason, Request, RiskKind, RotaError};
use hatrack::domain::times;
use hatrack::domain::zones::Zones;
use proptest::prelude::*;
use tz::Tzdb;

const ON_CALL_1: &str = "on-call-1";
const ON_CALL_2: &str = "on-call-2";
const RM: &str = "release-lead";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap())
}

/// A Monday in winter, so Europe and America are on standard time.
fn start() -> NaiveDate {
    day(2026, 12, 7)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap()
}

fn role(id: &str, name: &str, scope: Scope, weight: f64) -> Role {
    Role {
        id: id.into(),
        name: name.into(),
        scope,
        weight,
        description: String::new(),
        updated_at: None,
        deleted_at: None,
        single_holder: None,
        extra: Extra::new(),
    }
}

fn person(id: &str, name: &str, tz: &str, skills: &[&str]) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        timezone: Some(tz.into()),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        capacity: None,
        active: true,
        updated_at: None,
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    }
}

fn away(from: NaiveDate, to: NaiveDate, note: &str) -> Away {
    Away {
        from,
        to,
        note: note.into(),
        extra: Extra::new(),
    }
}

fn standing(
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

/// Default catalogue plus two on-call lines and a standing release lead.
fn team() -> Workspace {
    let mut ws = new_workspace();
    ws.roles
        .push(role(ON_CALL_1, "1st line on call", Scope::Standing, 1.0));
    ws.roles
        .push(role(ON_CALL_2, "2nd line on call", Scope::Standing, 1.0));
    ws.roles.push(role(RM, "Release lead", Scope::Standing, 2.0));
    ws.conflicts.push(ConflictRule {
        roles: [COMMITTEE_CHAIR.into(), RM.into()],
        reason: "The chair reviews the release lead's calls.".into(),
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    });
    ws
}

fn request(weeks: u32, roles: &[&str]) -> Request {
    Request {
        start: start(),
        weeks,
        turn: TurnLength::Weekly,
        roles: roles.iter().map(|s| s.to_string()).collect(),
        on_call: vec![],
        keep_agreed: true,
    }
}

// --- turns --------------------------------------------------------------------------------------

#[test]
fn turns_are_whole_days_from_midnight_utc_and_the_last_is_cut_at_the_period_end() {
    let weekly = rota::turns(start(), 12, TurnLength::Weekly);
    assert_eq!(weekly.len(), 12);
    assert_eq!(weekly[0], (midnight(start()), midnight(day(2026, 12, 14))));
    assert_eq!(rota::turns(start(), 12, TurnLength::Fortnightly).len(), 6);
    let monthly = rota::turns(day(2027, 1, 31), 12, TurnLength::Monthly);
    assert_eq!(
        monthly,
        [
            (midnight(day(2027, 1, 31)), midnight(day(2027, 2, 28))),
            (midnight(day(2027, 2, 28)), midnight(day(2027, 3, 31))),
            (midnight(day(2027, 3, 31)), midnight(day(2027, 4, 25))),
        ]
    );
    assert_eq!(rota::next_monday(now()), start());
    assert_eq!(rota::next_monday(midnight(start()) + Duration::hours(9)), start());
}

// --- plans ---------------------------------------------------------------------------------------

#[test]
fn a_plan_spreads_turns_evenly_and_says_everyones_share() {
    let mut ws = team();
    ws.people = Records::from(vec![
        person("p-a", "Ana", "Europe/London", &[COMMITTEE_CHAIR]),
        person("p-b", "Ben", "Europe/London", &[COMMITTEE_CHAIR]),
        person("p-c", "Cleo", "Europe/London", &[COMMITTEE_CHAIR]),
    ]);
    let plan = rota::plan(&ws, &request(12, &[COMMITTEE_CHAIR]), &Tzdb, now()).unwrap();
    assert_eq!(plan.turns.len(), 12);
    assert!(plan.gaps.is_empty());
    assert_eq!(plan.peak, 2.0);
    let turns: Vec<usize> = plan.shares.iter().map(|s| s.turns).collect();
    assert_eq!(turns, [4, 4, 4]);
    assert!(plan.shares.iter().all(|s| (s.share - 1.0 / 3.0).abs() < 1e-9));
    // Nobody holds it two turns running when three can share it.
    for w in plan.turns.windows(2) {
        assert_ne!(w[0].cells[0].person, w[1].cells[0].person);
    }
}

#[test]
fn skills_conflict_rules_capacity_and_away_periods_are_never_broken() {
    let mut ws = team();
    ws.people = Records::from(vec![
        // Only Ana and Ben can chair or lead releases; the rule splits the two roles.
        person("p-a", "Ana", "Europe/London", &[COMMITTEE_CHAIR, RM]),
        person("p-b", "Ben", "Europe/London", &[COMMITTEE_CHAIR, RM]),
        // Cleo could, but her capacity is 1 and both roles weigh 2.
        Person {
            capacity: Some(1.0),
            ..person("p-c", "Cleo", "Europe/London", &[COMMITTEE_CHAIR, RM])
        },
    ]);
    ws.people[1].away = vec![away(day(2026, 12, 16), day(2026, 12, 18), "exams")];
    let plan = rota::plan(&ws, &request(3, &[COMMITTEE_CHAIR, RM]), &Tzdb, now()).unwrap();
    let who =
        |t: usize| -> Vec<Option<String>> { plan.turns[t].cells.iter().map(|c| c.person.clone()).collect() };
    assert_ne!(who(0)[0], who(0)[1]);
    assert!(who(0).iter().all(|p| p.as_deref() != Some("p-c")));
    // Ben is away in week 2: Ana takes one role, and the other cannot be filled.
    assert_eq!(plan.gaps.len(), 1);
    let gap = &plan.gaps[0];
    assert_eq!(gap.turn, 1);
    assert_eq!(
        gap.reason,
        GapReason::NobodyFree {
            away: vec!["Ben".into()],
            conflict: vec!["Ana".into()],
            over_capacity: vec!["Cleo".into()],
        }
    );
    assert_eq!(
        gap.to_string(),
        format!(
            "Nobody holds {} in the turn from 14 Dec 2026: everyone with the skill is ruled out (Ben away; \
             Ana would break a separation-of-duty rule; Cleo would be over capacity). Train someone else, or \
             fill it by hand.",
            gap.role_name
        )
    );
}

#[test]
fn a_role_nobody_has_the_skill_for_is_a_gap_that_says_so() {
    let mut ws = team();
    ws.people = Records::from(vec![person("p-a", "Ana", "Europe/London", &[COMMITTEE_CHAIR])]);
    let plan = rota::plan(&ws, &request(2, &[COMMITTEE_CHAIR, RM]), &Tzdb, now()).unwrap();
    assert_eq!(plan.gaps.len(), 2);
    assert!(plan
        .gaps
        .iter()
        .all(|g| g.reason == GapReason::NobodySkilled && g.role == RM));
    assert_eq!(
        plan.gaps[0].to_string(),
        "Nobody holds Release lead in the turn from 7 Dec 2026: nobody active has the skill. Give the skill \
         to someone who could learn the role."
    );
    assert!(plan.turns.iter().all(|t| t.cells[1].person.is_none()));
}

#[test]
fn agreed_turns_are_kept_and_the_rest_planned_around_them() {
    let mut ws = team();
    ws.people = Records::from(vec![
        person("p-a", "Ana", "Europe/London", &[COMMITTEE_CHAIR]),
        person("p-b", "Ben", "Europe/London", &[COMMITTEE_CHAIR]),
    ]);
    let week2 = midnight(day(2026, 12, 14));
    ws.assignments.push(standing(
        "a-agreed",
        "p-a",
        COMMITTEE_CHAIR,
        week2,
        Some(week2 + Duration::days(7)),
    ));
    let plan = rota::plan(&ws, &request(4, &[COMMITTEE_CHAIR]), &Tzdb, now()).unwrap();
    assert_eq!(plan.turns[1].cells[0].agreed.as_deref(), Some("a-agreed"));
    assert_eq!(plan.turns[1].cells[0].person.as_deref(), Some("p-a"));
    let shares: Vec<(String, usize)> = plan.shares.iter().map(|s| (s.person.clone(), s.turns)).collect();
    assert_eq!(shares.len(), 2);
    assert!(shares.iter().all(|(_, n)| *n == 2), "{shares:?}");

    // Applying creates the three planned turns only, each from its start to its end.
    let mut applied_ws = ws.clone();
    let applied = rota::apply(&mut applied_ws, &plan, now()).unwrap();
    assert_eq!(applied.created.len(), 3);
    assert!(applied.removed.is_empty());
    for id in &applied.created {
        let a = applied_ws.assignments.iter().find(|a| &a.id == id).unwrap();
        let t = plan.turns.iter().find(|t| t.start == a.start).unwrap();
        assert_eq!(a.end, Some(t.end));
        assert!(a.incident.is_none() && a.release.is_none());
        assert_eq!(a.updated_at, Some(now()));
    }
    // Planning again over the applied rota keeps everything.
    let again = rota::plan(&applied_ws, &request(4, &[COMMITTEE_CHAIR]), &Tzdb, now()).unwrap();
    assert!(again.turns.iter().all(|t| t.cells[0].agreed.is_some()));
    assert_eq!(
        rota::apply(&mut applied_ws.clone(), &again, now())
            .unwrap()
            .created
            .len(),
        0
    );

    // Undo gives back the workspace as it was, apart from the tombstones.
    rota::undo(&mut applied_ws, &applied, now());
    let live = |ws: &Workspace| ws.assignments.iter().filter(|a| a.deleted_at.is_none()).count();
    assert_eq!(live(&applied_ws), live(&ws));
}

#[test]
fn planning_afresh_replaces_agreed_turns_and_undo_brings_them_back() {
    let mut ws = team();
    ws.people = Records::from(vec![
        person("p-a", "Ana", "Europe/London", &[COMMITTEE_CHAIR]),
        person("p-b", "Ben", "Europe/London", &[COMMITTEE_CHAIR]),
    ]);
    // Ana has chaired since last year with no end set, and has a turn agreed in week 3.
    ws.assignments.push(standing(
        "a-open",
        "p-a",
        COMMITTEE_CHAIR,
        midnight(day(2026, 1, 1)),
        Some(midnight(day(2026, 12, 21))),
    ));
    let week3 = midnight(day(2026, 12, 21));
    ws.assignments
        .push(standing("a-w3", "p-a", COMMITTEE_CHAIR, week3, None));
    let kept = rota::plan(&ws, &request(4, &[COMMITTEE_CHAIR]), &Tzdb, now()).unwrap();
    assert!(kept
        .turns
        .iter()
        .all(|t| t.cells[0].person.as_deref() == Some("p-a")));

    let fresh_req = Request {
        keep_agreed: false,
        ..request(4, &[COMMITTEE_CHAIR])
    };
    let fresh = rota::plan(&ws, &fresh_req, &Tzdb, now()).unwrap();
    assert!(fresh.turns.iter().all(|t| t.cells[0].agreed.is_none()));
    let mut after = ws.clone();
    let applied = rota::apply(&mut after, &fresh, now()).unwrap();
    assert_eq!(applied.removed, ["a-w3"]);
    assert_eq!(applied.ended, [("a-open".to_string(), Some(week3))]);
    assert_eq!(applied.created.len(), 4);
    let open = after.assignments.iter().find(|a| a.id == "a-open").unwrap();
    assert_eq!(open.end, Some(midnight(start())));
    rota::undo(&mut after, &applied, now());
    let open = after.assignments.iter().find(|a| a.id == "a-open").unwrap();
    assert_eq!(open.end, Some(week3));
    assert!(after
        .assignments
        .iter()
        .any(|a| a.id == "a-w3" && a.deleted_at.is_none()));
}

#[test]
fn on_call_roles_go_to_people_awake_at_different_hours() {
    let mut ws = team();
    let both = [ON_CALL_1, ON_CALL_2];
    ws.people = Records::from(vec![
        person("p-a", "Ana", "Europe/London", &both),
        person("p-b", "Ben", "Europe/London", &both),
        person("p-c", "Cleo", "Europe/London", &both),
        person("p-l", "Luis", "America/Los_Angeles", &both),
    ]);
    let req = Request {
        on_call: vec![ON_CALL_1.into(), ON_CALL_2.into()],
        ..request(4, &both)
    };
    let plan = rota::plan(&ws, &req, &Tzdb, now()).unwrap();
    // London is awake 07:00–22:00 UTC, Los Angeles 15:00–06:00 UTC: a Londoner and Luis together
    // leave only 06:00–07:00 UTC uncovered, so Luis is on call every week.
    for t in &plan.turns {
        assert!(
            t.cells.iter().any(|c| c.person.as_deref() == Some("p-l")),
            "{t:?}"
        );
    }
    let asleep: Vec<&Concern> = plan.concerns.iter().collect();
    assert_eq!(asleep.len(), 4);
    assert_eq!(
        asleep[0].to_string(),
        "In the turn from 7 Dec 2026 nobody on call is awake 06:00–07:00 UTC; someone in another time zone \
         on one of the on-call roles would cover it."
    );
    // Without on-call roles named, the Londoners share the turns like anyone.
    let plain = rota::plan(&ws, &request(4, &both), &Tzdb, now()).unwrap();
    assert!(plain.concerns.is_empty());
    let luis = plain.shares.iter().find(|s| s.person == "p-l").unwrap();
    assert_eq!(luis.turns, 2);
}

#[test]
fn an_agreed_turn_with_its_holder_away_is_kept_and_pointed_out() {
    let mut ws = team();
    ws.people = Records::from(vec![person("p-a", "Ana", "Europe/London", &[COMMITTEE_CHAIR])]);
    ws.people[0].away = vec![away(day(2026, 12, 8), day(2026, 12, 9), "holiday")];
    ws.assignments.push(standing(
        "a-1",
        "p-a",
        COMMITTEE_CHAIR,
        midnight(start()),
        Some(midnight(day(2026, 12, 14))),
    ));
    let plan = rota::plan(&ws, &request(1, &[COMMITTEE_CHAIR]), &Tzdb, now()).unwrap();
    assert_eq!(plan.turns[0].cells[0].agreed.as_deref(), Some("a-1"));
    assert_eq!(
        plan.concerns[0].to_string(),
        "Ana is away 8–9 Dec 2026 (holiday). The turn as Committee chair agreed for then is kept; swap it by \
         hand or plan again without keeping agreed turns."
    );
}

#[test]
fn requests_the_planner_cannot_plan_are_refused_in_words() {
    let mut ws = team();
    ws.people = Records::from(vec![person("p-a", "Ana", "Europe/London", &[COMMITTEE_CHAIR])]);
    let refuse = |req: Request| rota::plan(&ws, &req, &Tzdb, now()).unwrap_err();
    assert_eq!(refuse(request(0, &[])), RotaError::NoWeeks);
    assert_eq!(refuse(request(105, &[])), RotaError::TooLong { weeks: 105 });
    assert_eq!(
        refuse(request(4, &["nope"])),
        RotaError::UnknownRole { role: "nope".into() }
    );
    let e = refuse(request(4, &[INCIDENT_MANAGER]));
    assert_eq!(
        e.to_string(),
        "Incident manager is held within an incident, not for a period; a rota plans standing roles only."
    );
    let e = refuse(Request {
        start: day(2026, 11, 1),
        ..request(1, &[])
    });
    assert_eq!(
        e.to_string(),
        "The first turn would end at 2026-11-08 00:00 UTC, which has passed; start the rota today or later."
    );
    let mut bare = new_workspace();
    bare.roles.retain(|r| r.scope != Scope::Standing);
    assert_eq!(
        rota::plan(&bare, &request(4, &[]), &Tzdb, now())
            .unwrap_err()
            .to_string(),
        "There are no standing roles to plan; add one under Roles (scope: standing) first."
    );
}

#[test]
fn apply_refuses_a_plan_the_workspace_has_moved_past_and_changes_nothing() {
    let mut ws = team();
    ws.people = Records::from(vec![
        person("p-a", "Ana", "Europe/London", &[COMMITTEE_CHAIR]),
        person("p-b", "Ben", "Europe/London", &[COMMITTEE_CHAIR]),
    ]);
    let plan = rota::plan(&ws, &request(4, &[COMMITTEE_CHAIR]), &Tzdb, now()).unwrap();
    ws.people[1].active = false;
    let before = ws.clone();
    let e = rota::apply(&mut ws, &plan, now()).unwrap_err();
    assert_eq!(e, RotaError::PersonInactive { name: "Ben".into() });
    assert_eq!(
        e.to_string(),
        "Ben has been marked inactive since the plan was made; plan again."
    );
    assert_eq!(ws, before);
    // Someone gave Ana week 1 by hand meanwhile: her planned turn then clashes.
    ws.people[1].active = true;
    let a_turn = plan
        .turns
        .iter()
        .find(|t| t.cells[0].person.as_deref() == Some("p-a"))
        .unwrap();
    ws.assignments.push(standing(
        "a-hand",
        "p-a",
        COMMITTEE_CHAIR,
        a_turn.start,
        Some(a_turn.end),
    ));
    let e = rota::apply(&mut ws, &plan, now()).unwrap_err();
    let RotaError::Clash { overlap } = &e else {
        panic!("expected a clash, got {e:?}");
    };
    assert!(matches!(overlap, DomainError::Overlap { .. }), "{overlap:?}");
    assert_eq!(
        e.to_string(),
        format!("{overlap} Plan again to take it into account.")
    );
}

// --- coverage ahead -------------------------------------------------------------------------------

#[test]
fn coverage_ahead_lists_empty_weeks_and_single_points_of_failure_with_fixes() {
    let mut ws = team();
    ws.settings.rota = Some(RotaSettings {
        roles: vec![COMMITTEE_CHAIR.into(), RM.into()],
        ..RotaSettings::default()
    });
    ws.people = Records::from(vec![
        person("p-a", "Ana", "Europe/London", &[COMMITTEE_CHAIR]),
        person("p-b", "Ben", "Europe/London", &[COMMITTEE_CHAIR, RM]),
    ]);
    ws.people[1].away = vec![away(day(2026, 12, 15), day(2026, 12, 15), "")];
    // Ana chairs weeks 1 and 2; Ben leads releases week 1 only.
    ws.assignments.push(standing(
        "a-1",
        "p-a",
        COMMITTEE_CHAIR,
        midnight(start()),
        Some(midnight(day(2026, 12, 21))),
    ));
    ws.assignments.push(standing(
        "a-2",
        "p-b",
        RM,
        midnight(start()),
        Some(midnight(day(2026, 12, 14))),
    ));
    let risks = rota::coverage_ahead(&ws, start(), 3, &Tzdb);
    let lines: Vec<String> = risks.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            // Week 2: Ben, the chair's only backup, is away.
            "Only Ana holds Committee chair in the week of 14 Dec 2026, and nobody else with the skill is free \
             to step in: a single point of failure (Ben away). Train a backup: give the skill to someone who \
             could learn the role.",
            "Nobody holds Committee chair in the week of 21 Dec 2026. Ana or Ben could: plan a turn.",
            // Ben is the only release lead there is.
            "Only Ben holds Release lead in the week of 7 Dec 2026, and nobody else with the skill is free to \
             step in: a single point of failure. Train a backup: give the skill to someone who could learn \
             the role.",
            "Nobody holds Release lead in the week of 14 Dec 2026 (Ben away). Train a backup: give the skill to \
             someone who could learn the role.",
            "Nobody holds Release lead in the week of 21 Dec 2026. Ben could: plan a turn.",
        ]
    );
    assert!(matches!(risks[0].kind, RiskKind::OnlyOne { .. }));
    assert_eq!(
        risks[3].fix,
        Fix::Train {
            away: vec!["Ben".into()]
        }
    );
}

// --- properties -----------------------------------------------------------------------------------

const ZONES: [&str; 5] = [
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "America/New_York",
    "Australia/Sydney",
];
const ROLES: [(&str, f64); 4] = [
    (COMMITTEE_CHAIR, 2.0),
    (ON_CALL_1, 1.0),
    (ON_CALL_2, 1.0),
    (RM, 2.0),
];

#[derive(Clone, Debug)]
struct Case {
    ws: Workspace,
    req: Request,
}

fn case() -> impl Strategy<Value = Case> {
    let people = prop::collection::vec(
        (
            0..ZONES.len(),
            prop::collection::vec(any::<bool>(), ROLES.len()),
            prop::option::of(1u8..6),
            any::<bool>(),
            prop::option::of((0i64..50, 0i64..6)),
        ),
        1..7,
    );
    let rules = prop::collection::vec((0..ROLES.len(), 0..ROLES.len()), 0..3);
    let agreed = prop::collection::vec((0usize..7, 0..ROLES.len(), 0i64..8, 1i64..3), 0..4);
    (
        people,
        rules,
        agreed,
        1u32..9,
        0..3usize,
        prop::collection::vec(any::<bool>(), ROLES.len()),
        prop::collection::vec(any::<bool>(), ROLES.len()),
        any::<bool>(),
    )
        .prop_map(|(people, rules, agreed, weeks, turn, planned, on_call, keep)| {
            let mut ws = new_workspace();
            ws.roles.retain(|r| r.id != COMMITTEE_CHAIR);
            ws.conflicts.clear();
            for (id, w) in ROLES {
                ws.roles.push(role(id, id, Scope::Standing, w));
            }
            for (a, b) in rules {
                if a != b {
                    ws.conflicts.push(ConflictRule {
                        roles: [ROLES[a].0.into(), ROLES[b].0.into()],
                        reason: String::new(),
                        updated_at: None,
                        deleted_at: None,
                        extra: Extra::new(),
                    });
                }
            }
            for (i, (zone, skills, capacity, active, off)) in people.into_iter().enumerate() {
                let skills: Vec<&str> = ROLES
                    .iter()
                    .zip(&skills)
                    .filter(|(_, s)| **s)
                    .map(|((id, _), _)| *id)
                    .collect();
                let mut p = person(&format!("p-{i}"), &format!("Person {i}"), ZONES[zone], &skills);
                p.capacity = capacity.map(f64::from);
                p.active = active || i == 0;
                if let Some((from, len)) = off {
                    let from = start() + Duration::days(from);
                    p.away = vec![away(from, from + Duration::days(len), "")];
                }
                ws.people.push(p);
            }
            let n = ws.people.len();
            for (k, (p, r, week, len)) in agreed.into_iter().enumerate() {
                let s = midnight(start()) + Duration::days(7 * week);
                let a = standing(
                    &format!("a-{k}"),
                    &format!("p-{}", p % n),
                    ROLES[r].0,
                    s,
                    Some(s + Duration::days(7 * len)),
                );
                // One person never holds the same role twice at once (a rule every write keeps).
                if times::check_no_overlap(&ws, &a).is_ok() {
                    ws.assignments.push(a);
                }
            }
            let pick = |flags: &[bool]| -> Vec<String> {
                ROLES
                    .iter()
                    .zip(flags)
                    .filter(|(_, f)| **f)
                    .map(|((id, _), _)| id.to_string())
                    .collect()
            };
            let mut roles = pick(&planned);
            if roles.is_empty() {
                roles.push(COMMITTEE_CHAIR.into());
            }
            Case {
                req: Request {
                    start: start(),
                    weeks,
                    turn: TurnLength::ALL[turn],
                    on_call: pick(&on_call),
                    roles,
                    keep_agreed: keep,
                },
                ws,
            }
        })
}

fn weight(ws: &Workspace, role: &str) -> f64 {
    ws.roles.iter().find(|r| r.id == role).map_or(0.0, |r| r.weight)
}

/// The roles a person holds at some time in a turn once the plan is applied, each once: from the
/// workspace after apply, not from the planner's own books.
fn held_in(ws: &Workspace, person: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    ws.assignments
        .iter()
        .filter(|a| {
            a.deleted_at.is_none() && a.person == person && a.incident.is_none() && a.release.is_none()
        })
        .filter(|a| a.start < to && a.end.is_none_or(|e| e > from))
        .map(|a| a.role.clone())
        .collect::<std::collections::BTreeSet<String>>()
        .into_iter()
        .collect()
}

fn check_rules(c: &Case, zones: &dyn Zones) -> Result<(), TestCaseError> {
    let plan = rota::plan(&c.ws, &c.req, zones, now()).unwrap();
    let mut after = c.ws.clone();
    rota::apply(&mut after, &plan, now()).unwrap();
    for t in &plan.turns {
        prop_assert_eq!(t.cells.len(), plan.roles.len());
        for cell in t.cells.iter().filter(|c| c.agreed.is_none()) {
            let Some(pid) = &cell.person else {
                prop_assert!(plan.gaps.iter().any(|g| g.turn == t.index && g.role == cell.role));
                continue;
            };
            let p = c.ws.people.iter().find(|p| &p.id == pid).unwrap();
            prop_assert!(p.active, "{} is inactive", pid);
            prop_assert!(p.skills.contains(&cell.role), "{} lacks {}", pid, cell.role);
            prop_assert!(
                away::away_during(zones, p, t.start, t.end).is_none(),
                "{} is away",
                pid
            );
            let held = held_in(&after, pid, t.start, t.end);
            for (i, a) in held.iter().enumerate() {
                for b in &held[i + 1..] {
                    prop_assert!(
                        !c.ws.conflicts.iter().any(|r| r.names(a, b)),
                        "{} holds {} and {} together",
                        pid,
                        a,
                        b
                    );
                }
            }
            let load: f64 = held.iter().map(|r| weight(&c.ws, r)).sum();
            let cap = p.capacity.unwrap_or(c.ws.settings.default_capacity);
            prop_assert!(load <= cap, "{} at {} over {}", pid, load, cap);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_plan_never_breaks_a_skill_a_conflict_rule_capacity_or_an_away_period(c in case()) {
        check_rules(&c, &Tzdb)?;
    }

    #[test]
    fn a_plan_is_never_worse_than_the_plain_round_robin(c in case()) {
        let plan = rota::plan(&c.ws, &c.req, &Tzdb, now()).unwrap();
        let rr = rota::round_robin(&c.ws, &c.req, &Tzdb, now()).unwrap();
        prop_assert_eq!(plan.turns.len(), rr.turns.len());
        let gaps = |p: &rota::Plan, t: usize| p.gaps.iter().filter(|g| g.turn == t).count();
        let mut same_gaps = true;
        for (a, b) in plan.turns.iter().zip(&rr.turns) {
            let (ga, gb) = (gaps(&plan, a.index), gaps(&rr, b.index));
            prop_assert!(ga <= gb, "turn {}: {} gaps against {}", a.index, ga, gb);
            if ga == gb {
                prop_assert!(a.peak <= b.peak, "turn {}: peak {} against {}", a.index, a.peak, b.peak);
            } else {
                same_gaps = false;
            }
        }
        if same_gaps {
            prop_assert!(plan.peak <= rr.peak);
        }
        // The round robin keeps the same rules.
        let mut after = c.ws.clone();
        rota::apply(&mut after, &rr, now()).unwrap();
    }

    #[test]
    fn the_same_input_gives_the_same_plan_whatever_the_order_of_people(c in case()) {
        let one = rota::plan(&c.ws, &c.req, &Tzdb, now()).unwrap();
        prop_assert_eq!(&one, &rota::plan(&c.ws, &c.req, &Tzdb, now()).unwrap());
        let mut shuffled = c.ws.clone();
        shuffled.people.reverse();
        shuffled.assignments.reverse();
        let other = rota::plan(&shuffled, &c.req, &Tzdb, now()).unwrap();
        prop_assert_eq!(&one.turns, &other.turns);
        prop_assert_eq!(&one.gaps, &other.gaps);
    }
}

// --- the workspace file: away periods, rest and rota settings ------------------------------------

fn file(people: serde_json::Value, settings: serde_json::Value) -> String {
    serde_json::json!({
        "format": "hatrack-workspace",
        "version": 1,
        "settings": settings,
        "people": people,
        "roles": [{ "id": "committee-chair", "name": "Committee chair", "scope": "standing" }],
    })
    .to_string()
}

fn problems(text: &str) -> Vec<String> {
    match Workspace::from_json(text) {
        Ok(_) => vec![],
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn away_periods_and_rest_and_rota_settings_import_and_export_unchanged() {
    let text = file(
        serde_json::json!([{ "id": "p-a", "name": "Ana",
            "away": [{ "from": "2026-12-01", "to": "2026-12-03", "note": "Exams", "x_kind": "study" }] }]),
        serde_json::json!({
            "rest": { "night_from": "23:30", "night_to": "06:00", "max_stretch_hours": 10,
                      "max_night_hours_per_week": 6, "x_source": "policy" },
            "rota": { "roles": ["committee-chair", "gone"], "on_call": [], "turn": "monthly", "weeks": 8 }
        }),
    );
    let ws = Workspace::from_json(&text).unwrap();
    assert_eq!(ws.people[0].away[0].to, day(2026, 12, 3));
    let rest = ws.settings.rest.clone().unwrap();
    assert_eq!(rest.night_from, ClockTime::hm(23, 30));
    assert_eq!(ws.settings.rota.as_ref().unwrap().turn, TurnLength::Monthly);
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back, ws);
    let written: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
    assert_eq!(written["settings"]["rest"]["night_from"], "23:30");
    assert_eq!(written["people"][0]["away"][0]["x_kind"], "study");
    // The planner drops role ids that name no standing role.
    let req = Request::from_settings(&ws, start());
    assert_eq!(req.roles, ["committee-chair"]);
    assert_eq!((req.weeks, req.turn), (8, TurnLength::Monthly));
    // A file without them writes none of them.
    let plain = Workspace::from_json(&file(
        serde_json::json!([{ "id": "p-a", "name": "Ana" }]),
        serde_json::json!({}),
    ))
    .unwrap();
    let written: serde_json::Value = serde_json::from_str(&plain.to_json()).unwrap();
    assert!(written["people"][0].get("away").is_none());
    assert!(written["settings"].get("rest").is_none() && written["settings"].get("rota").is_none());
}

#[test]
fn bad_away_periods_and_settings_are_reported_with_their_paths() {
    let text = file(
        serde_json::json!([{ "id": "p-a", "name": "Ana", "away": [
            { "from": "2026-12-03", "to": "2026-12-01" },
            { "to": "2026-12-01" },
            "soon"
        ] }]),
        serde_json::json!({
            "rest": { "night_from": "25:00", "max_stretch_hours": -1 },
            "rota": { "roles": [3], "turn": "daily", "weeks": 0 }
        }),
    );
    assert_eq!(
        problems(&text),
        [
            "people[0].away[0].to: is 2026-12-01, before `from` (2026-12-03); an away period runs from its \
             first day to its last, so swap them.",
            "people[0].away[1].from: is missing; every away period needs `from` (a date such as 2026-12-15).",
            "people[0].away[2]: must be an object (one away period), but it is the text \"soon\".",
            "settings.rest.night_from: \"25:00\" is not a time of day; write it as HH:MM, such as 22:00.",
            "settings.rest.max_stretch_hours: must be 0 or more, but it is -1.",
            "settings.rota.roles[0]: must be text, but it is the number 3.",
            "settings.rota.turn: is \"daily\"; it must be one of weekly, fortnightly, monthly.",
            "settings.rota.weeks: must be a whole number of weeks from 1 to 104, but it is the number 0.",
        ]
    );
}

#[test]
fn merging_keeps_away_periods_with_the_person_and_rest_settings_only_one_side_has() {
    use hatrack::domain::merge::merge;
    let mut mine = team();
    mine.people = Records::from(vec![person("p-a", "Ana", "Europe/London", &[])]);
    mine.people[0].updated_at = Some(now());
    let mut theirs = mine.clone();
    theirs.people[0].away = vec![away(day(2026, 12, 1), day(2026, 12, 2), "")];
    theirs.people[0].updated_at = Some(now() + Duration::hours(1));
    theirs.settings.rest = Some(RestSettings {
        max_stretch_hours: 10.0,
        ..RestSettings::default()
    });
    let merged = merge(&mine, &theirs).workspace;
    assert_eq!(merged.people[0].away, theirs.people[0].away);
    assert_eq!(merged.settings.rest, theirs.settings.rest);
    let merged = merge(&theirs, &mine).workspace;
    assert_eq!(merged.settings.rest, theirs.settings.rest);
}
