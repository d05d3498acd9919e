//! The written process: when a checklist step is done, due or late, with time as a parameter.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::defaults::{COMMS_LEAD, INCIDENT_MANAGER};
use hatrack::domain::order;
use hatrack::domain::process::*;
use hatrack::domain::Severity;

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

fn step_of(role: &str, id: &str) -> Step {
    default_roles()
        .into_iter()
        .find(|r| r.role == role)
        .unwrap()
        .checklist
        .into_iter()
        .find(|s| s.id == id)
        .unwrap()
}

#[test]
fn a_step_with_a_deadline_is_due_then_late_then_done_on_time_or_late() {
    let first = step_of(COMMS_LEAD, "comms-first"); // within 15 min of the incident's start
    let start = t(10, 0);
    assert_eq!(
        state(&first, start, &[], t(10, 10)),
        StepState::Due { by: Some(t(10, 15)) }
    );
    assert_eq!(
        state(&first, start, &[], t(10, 40)),
        StepState::Late {
            by: t(10, 15),
            over: Duration::minutes(25)
        }
    );
    assert_eq!(
        state(&first, start, &[t(10, 12)], t(10, 40)),
        StepState::Done {
            at: t(10, 12),
            late: false
        }
    );
    assert_eq!(
        state(&first, start, &[t(10, 20)], t(10, 40)),
        StepState::Done {
            at: t(10, 20),
            late: true
        }
    );
    // A tick recorded for later than now (a clock moved back) does not count yet.
    assert_eq!(
        state(&first, start, &[t(11, 0)], t(10, 10)),
        StepState::Due { by: Some(t(10, 15)) }
    );
}

#[test]
fn a_repeating_step_is_due_again_after_each_tick_and_says_its_cadence_when_late() {
    let update = step_of(COMMS_LEAD, "comms-update"); // every 30 min from taking the role
    let took = t(10, 0);
    assert_eq!(
        state(&update, took, &[], t(10, 20)),
        StepState::Due { by: Some(t(10, 30)) }
    );
    let ticks = [t(10, 25), t(10, 5)];
    assert_eq!(
        state(&update, took, &ticks, t(10, 50)),
        StepState::Due { by: Some(t(10, 55)) }
    );
    let late = state(&update, took, &ticks, t(11, 5));
    assert_eq!(
        late,
        StepState::Late {
            by: t(10, 55),
            over: Duration::minutes(10)
        }
    );
    assert_eq!(
        late_words(&update, &ticks, &late, t(11, 5)).as_deref(),
        Some("Post a status update: 40 min since the last; the cadence is 30 min.")
    );
    assert_eq!(
        late_words(&update, &ticks, &StepState::Due { by: None }, t(11, 5)),
        None
    );
}

#[test]
fn severity_filters_and_anchors_decide_which_steps_count_and_from_when() {
    let escalate = step_of(INCIDENT_MANAGER, "im-escalate");
    assert!(escalate.applies(Severity::Sev1) && escalate.applies(Severity::Sev2));
    assert!(!escalate.applies(Severity::Sev3), "a minor incident wakes nobody");
    assert_eq!(escalate.from, Anchor::IncidentStart);
    let roles = step_of(INCIDENT_MANAGER, "im-roles");
    assert!(roles.applies(Severity::Sev4));
    assert_eq!(roles.from, Anchor::RoleStart);
    // Counted from the anchor given: the same step is late for an early holder, due for a late one.
    assert!(matches!(
        state(&roles, t(10, 0), &[], t(10, 30)),
        StepState::Late { .. }
    ));
    assert!(matches!(
        state(&roles, t(10, 25), &[], t(10, 30)),
        StepState::Due { .. }
    ));
}

#[test]
fn every_built_in_role_has_duties_and_says_what_it_does_not_do() {
    let roles = default_roles();
    assert_eq!(roles.len(), 9);
    for r in &roles {
        assert!(!r.duties.is_empty() && !r.not_duties.is_empty(), "{}", r.role);
        let mut ids: Vec<&str> = r.checklist.iter().map(|s| s.id.as_str()).collect();
        order::sort(&mut ids);
        ids.dedup();
        assert_eq!(
            ids.len(),
            r.checklist.len(),
            "step ids are unique within {}",
            r.role
        );
    }
    let im = roles.iter().find(|r| r.role == INCIDENT_MANAGER).unwrap();
    assert!(im.not_duties[0].starts_with("Does not fix things"));
}

#[test]
fn a_process_travels_as_json_and_reads_back_the_same() {
    let roles = default_roles();
    let text = serde_json::to_string(&roles).unwrap();
    let back: Vec<RoleProcess> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, roles);
    // Fields left out read as their defaults: no deadline, from taking the role, every severity.
    let s: Step = serde_json::from_str(r#"{"id":"x","text":"Say hello"}"#).unwrap();
    assert_eq!(
        (s.within_minutes, s.from, s.every_minutes, s.severities.len()),
        (None, Anchor::RoleStart, None, 0)
    );
}

#[test]
fn the_handbook_has_every_roles_duties_and_checklist_and_the_rules_around_them() {
    let ws = hatrack::domain::defaults::new_workspace();
    let p = default_process();
    let md = hatrack::domain::handbook::to_markdown(&ws, &p);
    for r in &p.roles {
        let name = &ws.roles.iter().find(|x| x.id == r.role).unwrap().name;
        assert!(md.contains(&format!("### {name}")), "{name}");
        for d in r.duties.iter().chain(&r.not_duties) {
            assert!(md.contains(d.as_str()), "{d}");
        }
        for s in &r.checklist {
            assert!(md.contains(&s.text), "{}", s.text);
        }
    }
    assert!(
        md.contains("1. Post a status update (every 30 min, for sev1–sev2)"),
        "{md}"
    );
    assert!(md.contains("1. Post the first status update (within 15 min of the incident's start)"));
    assert!(md.contains("- **Not:** Does not fix things"));
    assert!(md.contains("## Roles one person does not hold together"));
    assert!(md.contains("**Incident manager and 3rd line lead**"));
    assert!(md.contains("### sev1 · critical") && md.contains("- **At night:** wake people"));
    assert!(md.contains("- From 1st line support to 2nd line support after 15 min without progress; at once for sev1, sev2"), "{md}");
    assert!(
        md.contains("### Go / no-go\n\n1. Record go or no-go, with who decided and when (Release manager)")
    );
    assert!(md
        .trim_end()
        .ends_with("- The built-in process, not changed by the team yet."));
}

#[test]
fn the_handbook_keeps_the_teams_words_as_text() {
    let mut ws = hatrack::domain::defaults::new_workspace();
    ws.roles[0].name = "Chair <b>now</b>".into();
    let mut p = default_process();
    p.changelog.push(Change {
        id: "c-1".into(),
        at: t(9, 0),
        text: "- Added *the* pager step".into(),
        by: None,
        extra: Default::default(),
    });
    let md = hatrack::domain::handbook::to_markdown(&ws, &p);
    assert!(md.contains("### Chair \\<b>now\\</b>"), "no live HTML: {md}");
    assert!(
        md.contains("- 2026-11-27 09:00 UTC: \\- Added \\*the\\* pager step"),
        "{md}"
    );
}
