//! The written process in the workspace file: files with and without one import, a broken one
//! is refused with every problem named, both merges treat its records like the others, and
//! every edit is dated in its changelog.

use chrono::{DateTime, TimeZone, Utc};
use hatrack::domain::defaults::{new_workspace, COMMS_LEAD, INCIDENT_MANAGER, SCRIBE};
use hatrack::domain::merge::{merge, resolve, Side, PROCESS_RELEASE, PROCESS_ROLES};
use hatrack::domain::merge3::merge3;
use hatrack::domain::order;
use hatrack::domain::process::*;
use hatrack::domain::process_edit::{remove_step, save_step, set_duties, take_up, StepDraft};
use hatrack::domain::refusal::DomainError;
use hatrack::domain::{Severity, Workspace};
use serde_json::{json, Value};

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

fn with_process() -> Workspace {
    let mut ws = new_workspace();
    take_up(&mut ws, t(9, 0), None);
    ws
}

fn checklist<'a>(ws: &'a Workspace, role: &str) -> &'a [Step] {
    &ws.process
        .as_ref()
        .unwrap()
        .roles
        .iter()
        .find(|r| r.role == role)
        .unwrap()
        .checklist
}

fn draft(text: &str, within: Option<u32>) -> StepDraft {
    StepDraft {
        text: text.into(),
        within_minutes: within,
        from: Anchor::RoleStart,
        every_minutes: None,
        severities: vec![],
    }
}

/// Imports `v` both ways (the fast path and the walk) and checks they agree.
fn import(v: &Value) -> Result<Workspace, Vec<(String, String)>> {
    let text = v.to_string();
    let fast = Workspace::from_json(&text);
    let walk = Workspace::from_json_by_walk(&text);
    assert_eq!(fast.is_ok(), walk.is_ok(), "fast and walk disagree on {text}");
    fast.map_err(|e| e.0.into_iter().map(|e| (e.path, e.message)).collect())
}

#[test]
fn a_file_without_a_process_imports_with_none_and_the_suggested_one_is_only_offered() {
    let ws = import(&json!({ "format": "hatrack-workspace", "version": 1 })).unwrap();
    assert_eq!(ws.process, None);
    assert!(
        !ws.to_json().contains("\"process\""),
        "nothing is written for it either"
    );
}

#[test]
fn a_file_with_a_process_reads_back_the_same_unknown_fields_included() {
    let mut ws = with_process();
    ws.process.as_mut().unwrap().roles[0].checklist[0]
        .extra
        .insert("x_link".into(), json!("https://wiki/im"));
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back, ws);
    let walked = Workspace::from_json_by_walk(&ws.to_json()).unwrap();
    assert_eq!(walked, ws);
}

#[test]
fn a_broken_process_is_refused_with_each_problem_at_its_path() {
    let mut v: Value = serde_json::from_str(&with_process().to_json()).unwrap();
    let p = &mut v["process"];
    p["roles"][0]["checklist"][1]["id"] = p["roles"][0]["checklist"][0]["id"].clone();
    p["roles"][0]["checklist"][3]["every_minutes"] = json!(0);
    p["roles"][1]["role"] = json!("astronaut");
    p["escalation"][0]["after_minutes"] = json!(-5);
    p["release"][0]["owner"] = json!("nobody");
    p["severities"][1]["severity"] = json!("sev1");
    let errors = import(&v).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
    for want in [
        "process.roles[0].checklist[1].id",
        "process.roles[0].checklist[3].every_minutes",
        "process.roles[1].role",
        "process.escalation[0].after_minutes",
        "process.release[0].owner",
        "process.severities[1].severity",
    ] {
        assert!(paths.contains(&want), "no error at {want}: {errors:?}");
    }
    let dup = errors
        .iter()
        .find(|(p, _)| p == "process.roles[0].checklist[1].id")
        .unwrap();
    assert!(dup.1.contains("unique across the whole process"), "{}", dup.1);
}

#[test]
fn a_process_written_as_null_is_refused_not_read_as_none() {
    let errors =
        import(&json!({ "format": "hatrack-workspace", "version": 1, "process": null })).unwrap_err();
    assert_eq!(errors[0].0, "process");
}

#[test]
fn two_people_editing_different_roles_checklists_both_keep_their_work() {
    let base = with_process();
    let mut mine = base.clone();
    let mut theirs = base.clone();
    save_step(
        &mut mine,
        INCIDENT_MANAGER,
        None,
        &draft("Open the incident channel", Some(5)),
        t(10, 0),
        None,
    )
    .unwrap();
    save_step(
        &mut theirs,
        SCRIBE,
        None,
        &draft("Start the timeline document", Some(5)),
        t(10, 5),
        None,
    )
    .unwrap();

    let two = merge(&mine, &theirs);
    assert!(two.conflicts.is_empty(), "{:?}", two.conflicts);
    let ws = two.workspace;
    assert!(checklist(&ws, INCIDENT_MANAGER)
        .iter()
        .any(|s| s.text == "Open the incident channel"));
    assert!(checklist(&ws, SCRIBE)
        .iter()
        .any(|s| s.text == "Start the timeline document"));
    let log = &ws.process.as_ref().unwrap().changelog;
    assert_eq!(log.len(), 3, "taken up, plus one change from each side: {log:?}");
    assert!(log.windows(2).all(|w| w[0].at <= w[1].at), "by time");

    let three = merge3(&base, &mine, &theirs);
    assert!(three.clashes.is_empty(), "{:?}", three.clashes);
    assert_eq!(
        three.workspace.process,
        ws.process.clone().map(|mut p| {
            // The three-way merge keeps our order of the changelog lines, then theirs.
            order::sort_by_key(&mut p.changelog, |c| c.at);
            p
        })
    );
}

#[test]
fn one_role_edited_on_both_sides_keeps_the_newer_and_lists_the_other() {
    let base = with_process();
    let step = checklist(&base, COMMS_LEAD)[0].id.clone();
    let mut mine = base.clone();
    let mut theirs = base.clone();
    save_step(
        &mut mine,
        COMMS_LEAD,
        Some(&step),
        &draft("First update within 10", Some(10)),
        t(10, 0),
        None,
    )
    .unwrap();
    save_step(
        &mut theirs,
        COMMS_LEAD,
        Some(&step),
        &draft("First update within 20", Some(20)),
        t(11, 0),
        None,
    )
    .unwrap();

    let r = merge(&mine, &theirs);
    assert_eq!(r.conflicts.len(), 1);
    let c = &r.conflicts[0];
    assert_eq!(
        (c.collection, c.id.as_str(), c.kept),
        (PROCESS_ROLES, COMMS_LEAD, Side::Theirs)
    );
    assert_eq!(checklist(&r.workspace, COMMS_LEAD)[0].within_minutes, Some(20));

    let mut ws = r.workspace.clone();
    resolve(&mut ws, c, Side::Mine);
    assert_eq!(checklist(&ws, COMMS_LEAD)[0].within_minutes, Some(10));
    // Chosen once, the choice holds when the same file comes again.
    assert!(merge(&ws, &theirs).conflicts.iter().all(|c| c.kept == Side::Mine));

    let three = merge3(&base, &mine, &theirs);
    assert_eq!(three.clashes.len(), 1, "{:?}", three.clashes);
    assert_eq!(three.clashes[0].collection, PROCESS_ROLES);
}

#[test]
fn a_deleted_release_step_stays_deleted_when_an_older_copy_is_merged() {
    let base = with_process();
    let mut mine = base.clone();
    let p = mine.process.as_mut().unwrap();
    p.release[0].deleted_at = Some(t(10, 0));
    let r = merge(&mine, &base);
    assert!(r.conflicts.is_empty());
    assert_eq!(
        r.workspace.process.as_ref().unwrap().release[0].deleted_at,
        Some(t(10, 0))
    );
    let back = merge(&base, &mine);
    assert_eq!(
        back.workspace.process.as_ref().unwrap().release[0].deleted_at,
        Some(t(10, 0))
    );
    assert_eq!(back.conflicts.len(), 0);
    let preview = hatrack::domain::merge::preview(&base, &mine);
    assert_eq!(preview.get(PROCESS_RELEASE).unwrap().deleted, 1);
}

#[test]
fn a_file_without_a_process_leaves_mine_alone_and_one_with_a_process_brings_it() {
    let with = with_process();
    let without = new_workspace();
    assert_eq!(merge(&with, &without).workspace.process, with.process);
    let taken = merge(&without, &with);
    assert_eq!(taken.workspace.process, with.process);
    let preview = hatrack::domain::merge::preview(&without, &with);
    assert_eq!(
        preview.get(PROCESS_ROLES).unwrap().new,
        with.process.unwrap().roles.len()
    );
}

#[test]
fn every_edit_is_stamped_and_dated_in_words() {
    let mut ws = new_workspace();
    let step = default_roles()[0].checklist[1].id.clone(); // "Confirm the severity", within 15
    save_step(
        &mut ws,
        INCIDENT_MANAGER,
        Some(&step),
        &draft("Confirm the severity against the policy", Some(10)),
        t(10, 0),
        Some("p-sam"),
    )
    .unwrap();
    let p = ws.process.as_ref().unwrap();
    let log: Vec<&str> = p.changelog.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        log,
        [
            "Took up Hatrack's suggested process.",
            "Incident manager: \u{201c}Confirm the severity against the policy\u{201d} now within 10 min of taking the role (was within 15 min of taking the role).",
        ]
    );
    assert!(p
        .changelog
        .iter()
        .all(|c| c.at == t(10, 0) && c.by.as_deref() == Some("p-sam")));
    assert_eq!(p.roles[0].updated_at, Some(t(10, 0)));
    assert_eq!(p.roles[1].updated_at, None, "other roles untouched");

    // Saving the same again changes nothing and logs nothing.
    let again = ws.clone();
    save_step(
        &mut ws,
        INCIDENT_MANAGER,
        Some(&step),
        &draft("Confirm the severity against the policy", Some(10)),
        t(11, 0),
        None,
    )
    .unwrap();
    assert_eq!(ws, again);

    let id = save_step(
        &mut ws,
        SCRIBE,
        None,
        &StepDraft {
            every_minutes: Some(30),
            severities: vec![Severity::Sev2, Severity::Sev1],
            ..draft("Post the timeline link", None)
        },
        t(11, 0),
        None,
    )
    .unwrap();
    let added = checklist(&ws, SCRIBE).iter().find(|s| s.id == id).unwrap();
    assert_eq!(added.severities, [Severity::Sev1, Severity::Sev2]);
    remove_step(&mut ws, SCRIBE, &id, t(12, 0), None).unwrap();
    set_duties(
        &mut ws,
        SCRIBE,
        "Keeps the timeline\n\n  Notes decisions ",
        "Does not decide",
        t(12, 5),
        None,
    )
    .unwrap();
    let p = ws.process.as_ref().unwrap();
    let tail: Vec<&str> = p.changelog.iter().skip(2).map(|c| c.text.as_str()).collect();
    assert_eq!(
        tail,
        [
            "Scribe: added \u{201c}Post the timeline link\u{201d} (every 30 min, for sev1–sev2).",
            "Scribe: removed \u{201c}Post the timeline link\u{201d}.",
            "Scribe: duties rewritten.",
        ]
    );
    assert_eq!(
        p.roles.iter().find(|r| r.role == SCRIBE).unwrap().duties,
        ["Keeps the timeline", "Notes decisions"]
    );
}

#[test]
fn minutes_are_whole_numbers_or_nothing() {
    use hatrack::domain::process_edit::read_minutes;
    use hatrack::domain::refusal::Field;
    assert_eq!(read_minutes(" 15 ", Field::Within), Ok(Some(15)));
    assert_eq!(read_minutes("0", Field::Within), Ok(Some(0)));
    assert_eq!(read_minutes("  ", Field::Cadence), Ok(None));
    for bad in ["-5", "7.5", "soon", "99999999999"] {
        assert_eq!(
            read_minutes(bad, Field::Cadence),
            Err(DomainError::MinutesInvalid(Field::Cadence)),
            "{bad}"
        );
    }
}

#[test]
fn bad_edits_are_refused_and_change_nothing() {
    let mut ws = with_process();
    let before = ws.clone();
    let cases = [
        (
            INCIDENT_MANAGER,
            None,
            draft("  ", None),
            DomainError::StepTextMissing,
        ),
        (
            INCIDENT_MANAGER,
            None,
            StepDraft {
                every_minutes: Some(0),
                ..draft("Update", None)
            },
            DomainError::CadenceZero,
        ),
        (
            INCIDENT_MANAGER,
            Some("step-gone"),
            draft("Update", None),
            DomainError::StepGone,
        ),
        ("astronaut", None, draft("Update", None), DomainError::RoleGone),
    ];
    for (role, id, d, want) in cases {
        assert_eq!(save_step(&mut ws, role, id, &d, t(10, 0), None), Err(want));
        assert_eq!(ws, before);
    }
    assert_eq!(
        remove_step(&mut ws, SCRIBE, "step-gone", t(10, 0), None),
        Err(DomainError::StepGone)
    );
    assert_eq!(ws, before);
    // Without a process, a refused edit does not take one up either.
    let mut empty = new_workspace();
    assert!(save_step(
        &mut empty,
        INCIDENT_MANAGER,
        None,
        &draft("", None),
        t(10, 0),
        None
    )
    .is_err());
    assert_eq!(empty.process, None);
}

#[test]
fn a_severity_policy_is_rewritten_with_what_changed_in_the_changelog() {
    use hatrack::domain::process_edit::{set_policy, PolicyDraft};
    let mut ws = new_workspace();
    let sev2 = default_severities()
        .into_iter()
        .find(|p| p.severity == Severity::Sev2)
        .unwrap();
    let draft = PolicyDraft {
        update_every_minutes: Some(20),
        ..PolicyDraft::of(&sev2)
    };
    set_policy(&mut ws, Severity::Sev2, &draft, t(10, 0), None).unwrap();
    let p = ws.process.as_ref().unwrap();
    let now = p
        .severities
        .iter()
        .find(|x| x.severity == Severity::Sev2)
        .unwrap();
    assert_eq!(
        (now.update_every_minutes, now.updated_at),
        (Some(20), Some(t(10, 0)))
    );
    assert_eq!(
        p.changelog.last().unwrap().text,
        "sev2: updates every 20 min (was every 30 min)."
    );
    // The same again changes nothing; a cadence of 0 is refused and changes nothing.
    let before = ws.clone();
    set_policy(&mut ws, Severity::Sev2, &draft, t(11, 0), None).unwrap();
    assert_eq!(ws, before);
    let zero = PolicyDraft {
        update_every_minutes: Some(0),
        ..draft.clone()
    };
    assert_eq!(
        set_policy(&mut ws, Severity::Sev2, &zero, t(11, 0), None),
        Err(DomainError::CadenceZero)
    );
    assert_eq!(ws, before);
    let night = PolicyDraft {
        wake_at_night: false,
        declare_when: "When checkout or search fails for many users.".into(),
        ..draft
    };
    set_policy(&mut ws, Severity::Sev2, &night, t(11, 0), None).unwrap();
    assert_eq!(
        ws.process.as_ref().unwrap().changelog.last().unwrap().text,
        "sev2: waits for the morning; declare: When checkout or search fails for many users."
    );
}

#[test]
fn the_escalation_path_and_the_release_checklist_are_the_teams_to_change() {
    use hatrack::domain::defaults::{FIRST_LINE, RELEASE_MANAGER, SECOND_LINE};
    use hatrack::domain::process_edit::{remove_release_step, save_release_step, set_escalation};
    let mut ws = new_workspace();
    set_escalation(
        &mut ws,
        FIRST_LINE,
        SECOND_LINE,
        20,
        &[Severity::Sev2, Severity::Sev1],
        t(10, 0),
        None,
    )
    .unwrap();
    let p = ws.process.as_ref().unwrap();
    let e = p.escalation.iter().find(|e| e.from == FIRST_LINE).unwrap();
    assert_eq!((e.after_minutes, e.updated_at), (20, Some(t(10, 0))));
    assert_eq!(e.at_once_for, [Severity::Sev1, Severity::Sev2]);
    assert_eq!(
        p.changelog.last().unwrap().text,
        "Escalation: From 1st line support to 2nd line support after 20 min without progress; at once for sev1, sev2 \
         (was: From 1st line support to 2nd line support after 15 min without progress; at once for sev1, sev2)."
    );
    let before = ws.clone();
    set_escalation(
        &mut ws,
        FIRST_LINE,
        SECOND_LINE,
        20,
        &[Severity::Sev1, Severity::Sev2],
        t(11, 0),
        None,
    )
    .unwrap();
    assert_eq!(ws, before, "the same again changes nothing");
    assert_eq!(
        set_escalation(&mut ws, FIRST_LINE, "astronaut", 5, &[], t(11, 0), None),
        Err(DomainError::RoleGone)
    );
    assert_eq!(ws, before);

    let id = save_release_step(
        &mut ws,
        None,
        Stage::Verify,
        RELEASE_MANAGER,
        "Read the error budget",
        t(11, 0),
        None,
    )
    .unwrap();
    assert_eq!(
        save_release_step(
            &mut ws,
            Some(&id),
            Stage::Verify,
            RELEASE_MANAGER,
            "  ",
            t(11, 5),
            None
        ),
        Err(DomainError::StepTextMissing)
    );
    save_release_step(
        &mut ws,
        Some(&id),
        Stage::Verify,
        RELEASE_MANAGER,
        "Read the error budget page",
        t(11, 5),
        None,
    )
    .unwrap();
    remove_release_step(&mut ws, &id, t(11, 10), None).unwrap();
    let p = ws.process.as_ref().unwrap();
    let s = p.release.iter().find(|s| s.id == id).unwrap();
    assert_eq!(
        s.deleted_at,
        Some(t(11, 10)),
        "kept as a tombstone, so a merge does not bring it back"
    );
    let tail: Vec<&str> = p
        .changelog
        .iter()
        .rev()
        .take(3)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        tail,
        [
            "Release, Verify: removed \u{201c}Read the error budget page\u{201d}.",
            "Release, Verify: \u{201c}Read the error budget\u{201d} is now \u{201c}Read the error budget page\u{201d} (Release manager).",
            "Release, Verify: added \u{201c}Read the error budget\u{201d} (Release manager).",
        ]
    );
    assert_eq!(
        remove_release_step(&mut ws, &id, t(11, 15), None),
        Err(DomainError::StepGone)
    );
    let merged = merge(&ws, &with_process()).workspace;
    assert!(merged
        .process
        .unwrap()
        .release
        .iter()
        .any(|s| s.id == id && s.deleted_at.is_some()));
}

#[test]
fn a_removed_person_leaves_no_name_in_the_process_or_a_go_no_go() {
    use hatrack::domain::example::example_team;
    use hatrack::domain::people::delete_person;
    let mut ws = example_team(t(12, 0));
    ws.releases[0].go_no_go.as_mut().unwrap().note = "Mei Lin checked staging".into();
    let p = ws.process.as_mut().unwrap();
    p.changelog[0].text = "Mei Lin asked for a runbook step".into();
    assert!(ws.to_json().contains("Mei Lin"));
    delete_person(&mut ws, "p-mei", t(12, 0), true).unwrap();
    let json = ws.to_json();
    assert!(
        !json.contains("Mei Lin"),
        "the name survives somewhere in the file"
    );
    assert_eq!(
        ws.releases[0].go_no_go.as_ref().unwrap().note,
        "a removed person checked staging"
    );
}
