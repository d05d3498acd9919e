//! Calendar export. The files in tests/fixtures/ics/ are what this test exports; the node test
//! `tests/schema/ics.test.mjs` parses them with ical.js, a real iCalendar parser, and checks them
//! against `events.json`, written here from the same events. `exports_match_the_committed_fixtures`
//! fails if the export and the committed files drift apart; to write them afresh after a
//! deliberate change, run `HATRACK_WRITE_ICS=1 cargo test --test domain_ics`.

use std::path::PathBuf;

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::defaults::{new_workspace, COMMITTEE_CHAIR, INCIDENT_MANAGER, SCRIBE};
use hatrack::domain::ics::{self, Event, Options, When};
use hatrack::domain::model::*;
use serde_json::{json, Value};

fn at(m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, mi, 0).unwrap()
}

fn person(id: &str, name: &str, tz: &str) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        timezone: Some(tz.into()),
        skills: vec![],
        capacity: None,
        active: true,
        updated_at: None,
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    }
}

fn a(id: &str, person: &str, role: &str, start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> Assignment {
    Assignment {
        id: id.into(),
        person: person.into(),
        role: role.into(),
        start,
        end,
        incident: None,
        release: None,
        updated_at: Some(at(11, 20, 9, 0)),
        deleted_at: None,
        extra: Extra::new(),
    }
}

/// A rota with every kind of event: weekly turns (all day), a turn handed over at 09:30 (timed),
/// a standing role with no end, incident time ended and still going, and names and descriptions
/// that need escaping and folding.
fn workspace() -> Workspace {
    let mut ws = new_workspace();
    ws.roles.push(Role {
        id: "on-call-1".into(),
        name: "1st line on call".into(),
        scope: Scope::Standing,
        weight: 1.0,
        description: "Answers the pager, first; triages, and escalates to the 2nd line.\nHand over in #ops \
                      with a short note: what is open, what is flaky, what to watch."
            .into(),
        updated_at: None,
        deleted_at: None,
        single_holder: None,
        extra: Extra::new(),
    });
    ws.people = Records::from(vec![
        person("p-priya", "Priya Shah", "Asia/Kolkata"),
        person("p-zoe", "Zoë O'Brien-Müller; weekends, mostly", "Europe/Berlin"),
        person("p-amara", "Amara Okafor", "Africa/Lagos"),
    ]);
    ws.incidents.push(Incident {
        id: "i-31".into(),
        title: "Search returns 502, for all users".into(),
        severity: Severity::Sev1,
        status: Status::Investigating,
        started_at: at(11, 27, 21, 58),
        detected_at: None,
        resolved_at: None,
        services: vec![],
        summary: String::new(),
        release: None,
        timeline: vec![],
        backfill: false,
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    });
    ws.assignments = Records::from(vec![
        a(
            "a-oc-1",
            "p-priya",
            "on-call-1",
            at(12, 7, 0, 0),
            Some(at(12, 14, 0, 0)),
        ),
        a(
            "a-oc-2",
            "p-zoe",
            "on-call-1",
            at(12, 14, 0, 0),
            Some(at(12, 21, 0, 0)),
        ),
        a(
            "a-oc-3",
            "p-priya",
            "on-call-1",
            at(12, 21, 0, 0),
            Some(at(12, 23, 9, 30)),
        ),
        a(
            "a-oc-4",
            "p-amara",
            "on-call-1",
            at(12, 23, 9, 30),
            Some(at(12, 28, 0, 0)),
        ),
        a("a-chair", "p-amara", COMMITTEE_CHAIR, at(7, 1, 0, 0), None),
        Assignment {
            incident: Some("i-31".into()),
            ..a(
                "a-im",
                "p-priya",
                INCIDENT_MANAGER,
                at(11, 27, 22, 10),
                Some(at(11, 28, 1, 8)),
            )
        },
        Assignment {
            incident: Some("i-31".into()),
            ..a("a-scribe", "p-zoe", SCRIBE, at(11, 27, 22, 30), None)
        },
        Assignment {
            deleted_at: Some(at(11, 21, 0, 0)),
            ..a(
                "a-gone",
                "p-zoe",
                "on-call-1",
                at(12, 28, 0, 0),
                Some(at(1, 4, 0, 0) + Duration::days(365)),
            )
        },
    ]);
    ws
}

fn now() -> DateTime<Utc> {
    at(11, 28, 6, 0)
}

fn options(incident_time: bool) -> Options {
    Options {
        from: at(11, 1, 0, 0),
        until: Utc.with_ymd_and_hms(2027, 1, 4, 0, 0, 0).unwrap(),
        incident_time,
    }
}

/// The same rota a day later: Zoë's week went to Priya (same assignment, same UID), a new turn
/// was added, and the incident time went on.
fn workspace_later() -> Workspace {
    let mut ws = workspace();
    let zoe = ws.assignments.iter_mut().find(|a| a.id == "a-oc-2").unwrap();
    zoe.person = "p-priya".into();
    zoe.updated_at = Some(at(11, 29, 8, 0));
    ws.assignments.push(a(
        "a-oc-5",
        "p-zoe",
        "on-call-1",
        at(12, 28, 0, 0),
        Some(Utc.with_ymd_and_hms(2027, 1, 4, 0, 0, 0).unwrap()),
    ));
    ws
}

fn later() -> DateTime<Utc> {
    at(11, 29, 8, 0)
}

fn expected(events: &[Event]) -> Value {
    let when = |w: &When| match w {
        When::Days { start, end } => json!({
            "all_day": true,
            "start": start.format("%Y-%m-%d").to_string(),
            "end": end.format("%Y-%m-%d").to_string(),
        }),
        When::Times { start, end } => json!({
            "all_day": false,
            "start": start.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "end": end.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        }),
    };
    Value::Array(
        events
            .iter()
            .map(|e| {
                let mut v = when(&e.when);
                v["uid"] = json!(e.uid);
                v["assignment"] = json!(e.assignment);
                v["summary"] = json!(e.summary);
                v["description"] = json!(e.description);
                v
            })
            .collect(),
    )
}

/// Every fixture file and its content, fresh.
fn fixtures() -> Vec<(&'static str, String)> {
    let (ws, ws2) = (workspace(), workspace_later());
    let files = [
        (
            "team.ics",
            ics::team(&ws, &options(true), now()),
            ics::events(&ws, None, &options(true), now()),
        ),
        (
            "team-later.ics",
            ics::team(&ws2, &options(true), later()),
            ics::events(&ws2, None, &options(true), later()),
        ),
        (
            "priya.ics",
            ics::person(&ws, "p-priya", &options(false), now()),
            ics::events(&ws, Some("p-priya"), &options(false), now()),
        ),
    ];
    let mut manifest = serde_json::Map::new();
    let mut out = vec![];
    for (name, text, events) in files {
        manifest.insert(name.into(), expected(&events));
        out.push((name, text));
    }
    let manifest = serde_json::to_string_pretty(&Value::Object(manifest)).unwrap() + "\n";
    out.push(("events.json", manifest));
    out
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ics")
}

#[test]
fn exports_match_the_committed_fixtures() {
    let fresh = fixtures();
    if std::env::var_os("HATRACK_WRITE_ICS").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        for (name, text) in &fresh {
            std::fs::write(dir().join(name), text).unwrap();
        }
    }
    for (name, text) in &fresh {
        let committed = std::fs::read_to_string(dir().join(name)).unwrap_or_default();
        assert!(
            &committed == text,
            "tests/fixtures/ics/{name} differs from a fresh export; if the change is meant, write them \
             again with HATRACK_WRITE_ICS=1 cargo test --test domain_ics"
        );
    }
}

#[test]
fn turns_from_midnight_to_midnight_utc_are_all_day_and_others_timed() {
    let events = ics::events(&workspace(), None, &options(true), now());
    let when = |id: &str| events.iter().find(|e| e.assignment == id).unwrap().when.clone();
    assert!(matches!(when("a-oc-1"), When::Days { .. }));
    assert!(matches!(when("a-oc-3"), When::Times { .. }));
    // Incident time is timed, and one still going ends now.
    assert_eq!(
        when("a-scribe"),
        When::Times {
            start: at(11, 27, 22, 30),
            end: now()
        }
    );
    // The chair has no end set: shown until the end of the export, and said so.
    let chair = events.iter().find(|e| e.assignment == "a-chair").unwrap();
    assert!(chair.description.ends_with("No end set; shown until 4 Jan 2027."));
    // Tombstoned turns are not exported.
    assert!(events.iter().all(|e| e.assignment != "a-gone"));
    // Without incident time, only turns.
    let turns = ics::events(&workspace(), None, &options(false), now());
    assert_eq!(turns.len(), 5);
    assert!(turns.iter().all(|e| e.turn));
}

#[test]
fn one_persons_calendar_has_only_their_events_with_the_teams_uids() {
    let ws = workspace();
    let mine = ics::events(&ws, Some("p-priya"), &options(true), now());
    let team = ics::events(&ws, None, &options(true), now());
    assert_eq!(mine.len(), 3);
    for e in &mine {
        assert_eq!(e.person, "p-priya");
        assert!(team.contains(e));
    }
}

#[test]
fn lines_end_in_crlf_and_fold_at_75_octets_without_splitting_a_character() {
    for (name, text) in fixtures().iter().filter(|(n, _)| n.ends_with(".ics")) {
        assert!(text.ends_with("\r\n"), "{name}");
        for line in text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{name}: {line:?} is {} octets", line.len());
            assert!(
                !line.contains('\n') && !line.contains('\r'),
                "{name}: bare line break in {line:?}"
            );
        }
    }
    // 74 ASCII characters and then a two-octet one: the fold comes before it.
    let folded = ics::fold(&format!("{}é", "x".repeat(74)));
    assert_eq!(folded, format!("{}\r\n é\r\n", "x".repeat(74)));
    // Unfolding gives the line back.
    let long = format!("DESCRIPTION:{}", "Zoë; ".repeat(40));
    assert_eq!(
        ics::fold(&long).replace("\r\n ", "").strip_suffix("\r\n"),
        Some(long.as_str())
    );
}

#[test]
fn text_escapes_backslashes_semicolons_commas_and_newlines() {
    assert_eq!(ics::escape("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
}

#[test]
fn file_names_are_plain() {
    assert_eq!(ics::file_name(None), "hatrack-rota.ics");
    assert_eq!(
        ics::file_name(Some("Zoë O'Brien-Müller; weekends")),
        "hatrack-rota-zoë-o-brien-müller-weekends.ics"
    );
}
