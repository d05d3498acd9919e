//! Checklists in an incident: which roles' steps apply, when each is due or late (time as a
//! parameter), ticking and unticking, what is outstanding, and whether the process was followed.

use chrono::{DateTime, Duration, Utc};
use hatrack::domain::assign::find_incident;
use hatrack::domain::checklist::*;
use hatrack::domain::defaults::{COMMS_LEAD, INCIDENT_MANAGER, SCRIBE};
use hatrack::domain::incident::{
    assign_incident_role, delete_entry, handover_incident_role, set_status, timeline,
};
use hatrack::domain::process::StepState;
use hatrack::domain::refusal::DomainError;
use hatrack::domain::{EntryKind, Incident, Severity, Status, Workspace};

#[path = "support/process.rs"]
mod support;
use support::{t, team_with_incident};

fn hm(t: DateTime<Utc>) -> String {
    t.format("%H:%M").to_string()
}

/// A team with the default process, Sam and Ana, and an incident of `sev` started at 10:00.
fn setup(sev: Severity) -> (Workspace, String, String, String) {
    let (ws, id, people) = team_with_incident(sev, &["Sam Rivera", "Ana Lima"]);
    let [sam, ana] = <[String; 2]>::try_from(people).unwrap();
    (ws, id, sam, ana)
}

fn inc<'a>(ws: &'a Workspace, id: &str) -> &'a Incident {
    find_incident(ws, id).unwrap()
}

fn take(ws: &mut Workspace, id: &str, person: &str, role: &str, at: DateTime<Utc>) -> String {
    assign_incident_role(ws, id, person, role, None, at, at).unwrap()
}

fn state_of(ws: &Workspace, id: &str, role: &str, step: &str, now: DateTime<Utc>) -> StepState {
    checklist(ws, inc(ws, id), role, now)
        .unwrap()
        .steps
        .into_iter()
        .find(|s| s.step.id == step)
        .unwrap()
        .state
}

fn step_ids(c: &RoleChecklist) -> Vec<&str> {
    c.steps.iter().map(|s| s.step.id.as_str()).collect()
}

#[test]
fn without_a_process_there_are_no_checklists_and_nothing_to_tick() {
    let (mut ws, id, sam, _) = setup(Severity::Sev2);
    ws.process = None;
    take(&mut ws, &id, &sam, INCIDENT_MANAGER, t(10, 5));
    assert!(checklists(&ws, inc(&ws, &id), t(11, 0)).is_empty());
    assert!(outstanding(&ws, inc(&ws, &id), t(11, 0)).is_empty());
    assert!(followed(&ws, inc(&ws, &id)).is_empty());
    assert_eq!(
        tick(&mut ws, &id, "im-roles", t(10, 6), None, t(10, 6)),
        Err(DomainError::StepGone)
    );
}

#[test]
fn only_held_roles_show_a_checklist_and_only_steps_for_the_severity() {
    let (mut ws, id, sam, _) = setup(Severity::Sev3);
    assert!(
        checklists(&ws, inc(&ws, &id), t(10, 1)).is_empty(),
        "nobody holds a role yet"
    );
    take(&mut ws, &id, &sam, INCIDENT_MANAGER, t(10, 5));
    let all = checklists(&ws, inc(&ws, &id), t(10, 6));
    assert_eq!(all.len(), 1);
    // The escalation and check-in steps are for sev1–2 only.
    assert_eq!(step_ids(&all[0]), ["im-roles", "im-severity"]);
    assert_eq!(
        (all[0].role_name.as_str(), all[0].start),
        ("Incident manager", t(10, 5))
    );

    let (mut ws, id, sam, _) = setup(Severity::Sev2);
    take(&mut ws, &id, &sam, INCIDENT_MANAGER, t(10, 5));
    let c = checklist(&ws, inc(&ws, &id), INCIDENT_MANAGER, t(10, 6)).unwrap();
    assert_eq!(
        step_ids(&c),
        ["im-roles", "im-severity", "im-escalate", "im-checkpoint"]
    );
    assert!(checklist(&ws, inc(&ws, &id), SCRIBE, t(10, 6)).is_none());
}

#[test]
fn a_step_counts_from_the_role_start_or_the_incident_start_as_it_says() {
    let (mut ws, id, sam, _) = setup(Severity::Sev2);
    take(&mut ws, &id, &sam, INCIDENT_MANAGER, t(10, 20));
    // Within 10 min of taking the role: due by 10:30.
    assert_eq!(
        state_of(&ws, &id, INCIDENT_MANAGER, "im-roles", t(10, 21)),
        StepState::Due { by: Some(t(10, 30)) }
    );
    // Within 15 min of the incident's start: already late when the role was taken at 10:20.
    assert_eq!(
        state_of(&ws, &id, INCIDENT_MANAGER, "im-escalate", t(10, 21)),
        StepState::Late {
            by: t(10, 15),
            over: Duration::minutes(6)
        }
    );
}

#[test]
fn a_handover_keeps_the_earliest_role_start() {
    let (mut ws, id, sam, ana) = setup(Severity::Sev2);
    let a = take(&mut ws, &id, &sam, INCIDENT_MANAGER, t(10, 5));
    handover_incident_role(&mut ws, &a, &ana, None, t(10, 40), t(10, 40)).unwrap();
    let c = checklist(&ws, inc(&ws, &id), INCIDENT_MANAGER, t(10, 41)).unwrap();
    assert_eq!(c.start, t(10, 5));
    // Not restarted by the hand-over: due at 10:15, so late at 10:41.
    assert!(matches!(
        state_of(&ws, &id, INCIDENT_MANAGER, "im-roles", t(10, 41)),
        StepState::Late { by, .. } if by == t(10, 15)
    ));
}

#[test]
fn a_cadence_step_falls_late_as_time_passes_and_is_due_again_after_each_tick() {
    let (mut ws, id, sam, _) = setup(Severity::Sev2);
    take(&mut ws, &id, &sam, COMMS_LEAD, t(10, 0));
    // Every 30 min from taking the role.
    assert_eq!(
        state_of(&ws, &id, COMMS_LEAD, "comms-update", t(10, 29)),
        StepState::Due { by: Some(t(10, 30)) }
    );
    tick(&mut ws, &id, "comms-update", t(10, 25), Some(&sam), t(10, 29)).unwrap();
    assert_eq!(
        state_of(&ws, &id, COMMS_LEAD, "comms-update", t(10, 50)),
        StepState::Due { by: Some(t(10, 55)) }
    );
    let late = state_of(&ws, &id, COMMS_LEAD, "comms-update", t(11, 5));
    assert_eq!(
        late,
        StepState::Late {
            by: t(10, 55),
            over: Duration::minutes(10)
        }
    );
    let c = checklist(&ws, inc(&ws, &id), COMMS_LEAD, t(11, 5)).unwrap();
    let s = c.steps.iter().find(|s| s.step.id == "comms-update").unwrap();
    assert_eq!(
        state_words(s, t(11, 5), hm),
        "40 min since the last; the cadence is 30 min"
    );
    // Outstanding says it in the process's words, late first, then what is due.
    let out = outstanding(&ws, inc(&ws, &id), t(11, 5));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].role_name, "Communications lead");
    let late: Vec<Option<&str>> = out[0].steps.iter().map(|d| d.late.as_deref()).collect();
    assert_eq!(
        late,
        [
            Some("Post the first status update: 50 min late."),
            Some("Post a status update: 40 min since the last; the cadence is 30 min.")
        ]
    );
    // Done on time, nothing is outstanding; not yet due with a deadline, it is listed as due.
    tick(&mut ws, &id, "comms-first", t(10, 10), None, t(10, 10)).unwrap();
    tick(&mut ws, &id, "comms-update", t(11, 5), None, t(11, 5)).unwrap();
    assert!(outstanding(&ws, inc(&ws, &id), t(11, 6)).is_empty());
    take(&mut ws, &id, &sam, SCRIBE, t(11, 6));
    let out = outstanding(&ws, inc(&ws, &id), t(11, 7));
    assert_eq!(
        (
            out[0].role_name.as_str(),
            out[0].steps[0].late.as_ref(),
            out[0].steps[0].by
        ),
        ("Scribe", None, Some(t(11, 16)))
    );
}

#[test]
fn state_words_say_done_due_and_late() {
    let (mut ws, id, sam, _) = setup(Severity::Sev2);
    take(&mut ws, &id, &sam, INCIDENT_MANAGER, t(10, 0));
    tick(&mut ws, &id, "im-roles", t(10, 8), None, t(10, 8)).unwrap();
    tick(&mut ws, &id, "im-severity", t(10, 20), None, t(10, 20)).unwrap();
    let c = checklist(&ws, inc(&ws, &id), INCIDENT_MANAGER, t(10, 22)).unwrap();
    let words: Vec<String> = c.steps.iter().map(|s| state_words(s, t(10, 22), hm)).collect();
    assert_eq!(
        words,
        [
            "done 10:08",
            "done 10:20, 5 min late",
            "late by 7 min",
            "due by 11:00",
        ]
    );
    tick(&mut ws, &id, "im-checkpoint", t(10, 21), None, t(10, 21)).unwrap();
    let c = checklist(&ws, inc(&ws, &id), INCIDENT_MANAGER, t(10, 22)).unwrap();
    assert_eq!(
        state_words(&c.steps[3], t(10, 22), hm),
        "done 10:21; next by 11:21"
    );
}

#[test]
fn a_tick_is_an_action_on_the_timeline_at_its_own_time_and_unticking_deletes_it() {
    let (mut ws, id, sam, _) = setup(Severity::Sev2);
    take(&mut ws, &id, &sam, INCIDENT_MANAGER, t(10, 5));
    // Ticked at 10:40 for something done at 10:12: the earlier time is what counts.
    let e = tick(&mut ws, &id, "im-roles", t(10, 12), Some(&sam), t(10, 40)).unwrap();
    let entry = timeline(inc(&ws, &id))
        .into_iter()
        .find(|x| x.id == e)
        .unwrap()
        .clone();
    assert_eq!(
        (
            entry.kind,
            entry.text.as_str(),
            entry.at,
            entry.step.as_deref(),
            entry.author.as_deref()
        ),
        (
            EntryKind::Action,
            "Name a communications lead and a scribe",
            t(10, 12),
            Some("im-roles"),
            Some(sam.as_str())
        )
    );
    assert_eq!(
        state_of(&ws, &id, INCIDENT_MANAGER, "im-roles", t(10, 40)),
        StepState::Done {
            at: t(10, 12),
            late: false
        }
    );
    delete_entry(&mut ws, &id, &e, t(10, 41)).unwrap();
    assert!(matches!(
        state_of(&ws, &id, INCIDENT_MANAGER, "im-roles", t(10, 41)),
        StepState::Late { .. }
    ));
}

#[test]
fn a_tick_is_refused_for_an_unknown_step_an_unheld_role_a_wrong_severity_or_a_future_time() {
    let (mut ws, id, sam, _) = setup(Severity::Sev3);
    let before = ws.clone();
    assert_eq!(
        tick(&mut ws, &id, "no-such-step", t(10, 6), None, t(10, 6)),
        Err(DomainError::StepGone)
    );
    assert_eq!(
        tick(&mut ws, &id, "im-roles", t(10, 6), None, t(10, 6)),
        Err(DomainError::StepNotOnChecklist {
            step: "Name a communications lead and a scribe".into()
        })
    );
    take(&mut ws, &id, &sam, INCIDENT_MANAGER, t(10, 5));
    let held = ws.clone();
    assert!(matches!(
        tick(&mut ws, &id, "im-escalate", t(10, 6), None, t(10, 6)),
        Err(DomainError::StepNotOnChecklist { .. })
    ));
    assert!(matches!(
        tick(&mut ws, &id, "im-roles", t(11, 0), None, t(10, 6)),
        Err(DomainError::InFuture { .. })
    ));
    assert!(matches!(
        tick(&mut ws, &id, "im-roles", t(10, 6), Some("p-nobody"), t(10, 6)),
        Err(DomainError::UnknownAuthor)
    ));
    assert_eq!(ws, held, "a refused tick changes nothing");
    assert_ne!(before, held);
}

#[test]
fn a_resolved_incident_is_read_at_its_resolution_and_has_nothing_outstanding() {
    let (mut ws, id, sam, _) = setup(Severity::Sev2);
    take(&mut ws, &id, &sam, COMMS_LEAD, t(10, 0));
    set_status(&mut ws, &id, Status::Resolved, None, t(10, 20), t(10, 20)).unwrap();
    // The update was due at 10:30; the incident ended at 10:20, so days later it is still due.
    assert_eq!(
        state_of(&ws, &id, COMMS_LEAD, "comms-update", t(23, 0)),
        StepState::Due { by: Some(t(10, 30)) }
    );
    assert!(outstanding(&ws, inc(&ws, &id), t(23, 0)).is_empty());
}

#[test]
fn followed_says_on_time_late_not_done_and_how_a_cadence_was_kept() {
    let (mut ws, id, sam, ana) = setup(Severity::Sev2);
    take(&mut ws, &id, &sam, INCIDENT_MANAGER, t(10, 0));
    take(&mut ws, &id, &ana, COMMS_LEAD, t(10, 0));
    tick(&mut ws, &id, "im-roles", t(10, 5), None, t(10, 5)).unwrap();
    tick(&mut ws, &id, "im-severity", t(10, 27), None, t(10, 27)).unwrap();
    tick(&mut ws, &id, "comms-first", t(10, 10), None, t(10, 10)).unwrap();
    // Updates at 10:25 and 11:05 (40 min apart), resolved at 11:20.
    tick(&mut ws, &id, "comms-update", t(10, 25), None, t(10, 25)).unwrap();
    tick(&mut ws, &id, "comms-update", t(11, 5), None, t(11, 5)).unwrap();
    set_status(&mut ws, &id, Status::Resolved, None, t(11, 20), t(11, 20)).unwrap();

    let f = followed(&ws, inc(&ws, &id));
    let names: Vec<&str> = f.iter().map(|r| r.role_name.as_str()).collect();
    assert_eq!(names, ["Incident manager", "Communications lead"]);
    let outcome = |role: usize, step: &str| {
        f[role]
            .steps
            .iter()
            .find(|s| s.step_id == step)
            .unwrap()
            .outcome
            .clone()
    };
    assert_eq!(outcome(0, "im-roles"), Outcome::OnTime { at: t(10, 5) });
    assert_eq!(
        outcome(0, "im-severity"),
        Outcome::Late {
            at: t(10, 27),
            over: Duration::minutes(12)
        }
    );
    assert_eq!(outcome(0, "im-escalate"), Outcome::NotDone);
    // The hourly check-in: due at 11:00, never done by 11:20.
    assert_eq!(outcome(0, "im-checkpoint"), Outcome::Never);
    assert_eq!(
        outcome(1, "comms-update"),
        Outcome::Gaps {
            times: 2,
            longest: Duration::minutes(40),
            every: Duration::minutes(30)
        }
    );
    assert_eq!(
        followed_text(&ws, inc(&ws, &id))[1],
        (
            "Communications lead".to_string(),
            vec![
                "Post the first status update: done on time".to_string(),
                "Post a status update: gaps: the longest was 40 min; the cadence is 30 min".to_string(),
            ]
        )
    );
    assert_eq!(outcome(0, "im-roles").words(), "done on time");
    assert_eq!(outcome(0, "im-severity").words(), "done 12 min late");
    assert_eq!(outcome(0, "im-escalate").words(), "not done");
    assert_eq!(outcome(0, "im-checkpoint").words(), "never done");
}

#[test]
fn followed_is_fair_to_a_short_incident_and_to_a_kept_cadence() {
    let (mut ws, id, sam, _) = setup(Severity::Sev2);
    take(&mut ws, &id, &sam, COMMS_LEAD, t(10, 0));
    tick(&mut ws, &id, "comms-first", t(10, 3), None, t(10, 3)).unwrap();
    tick(&mut ws, &id, "comms-update", t(10, 28), None, t(10, 28)).unwrap();
    tick(&mut ws, &id, "comms-update", t(10, 55), None, t(10, 55)).unwrap();
    set_status(&mut ws, &id, Status::Resolved, None, t(11, 10), t(11, 10)).unwrap();
    let f = followed(&ws, inc(&ws, &id));
    assert_eq!(f[0].steps[1].outcome, Outcome::Kept { times: 2 });
    assert_eq!(f[0].steps[1].outcome.words(), "kept every time (2 times)");

    // Resolved within 20 min: the half-hourly update never fell due.
    let (mut ws, id, sam, _) = setup(Severity::Sev2);
    take(&mut ws, &id, &sam, COMMS_LEAD, t(10, 0));
    set_status(&mut ws, &id, Status::Resolved, None, t(10, 20), t(10, 20)).unwrap();
    let f = followed(&ws, inc(&ws, &id));
    assert_eq!(f[0].steps[0].outcome, Outcome::NotDone);
    assert_eq!(f[0].steps[1].outcome, Outcome::NotYetDue);
    assert!(f[0].steps[1].outcome.as_expected());
}
