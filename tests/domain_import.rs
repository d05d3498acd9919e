//! Import's two passes agree: the fast one (straight into the model, then the rules across
//! records) accepts a file exactly when the walk does, with the same workspace, and refuses it
//! with the walk's problems. And every kind of record keeps the fields Hatrack does not know.

use chrono::{DateTime, Utc};
use hatrack::domain::order;
use hatrack::domain::Workspace;
use hatrack::sample::{generate, Size};
use proptest::prelude::*;
use serde_json::{json, Value};

#[path = "support/json.rs"]
mod json_paths;
use json_paths::pointers;

/// Every kind of record and settings object, each with one unknown field named `x_...`, and every
/// optional part of FORMAT.md in use: rest and rota settings, away periods, a tombstone, linked
/// timeline entries in an incident and a release, a published review with its log and record.
const RICH: &str = r#"{
  "format": "hatrack-workspace", "version": 1, "exported_at": "2026-11-28T10:00:00Z",
  "settings": { "default_capacity": 3, "action_item_weight": 0.5,
    "severity_descriptions": { "sev1": "Everything is down." },
    "rest": { "night_from": "23:00", "night_to": "07:00", "max_stretch_hours": 10,
              "max_night_hours_per_week": 9, "x_rest": 1 },
    "rota": { "roles": ["committee-chair"], "on_call": ["committee-chair"], "turn": "fortnightly",
              "weeks": 8, "x_rota": [1, {"b": 2, "a": null}] },
    "x_settings": "dark" },
  "people": [
    { "id": "p-sam", "name": "Sam Rivera", "timezone": "Europe/London",
      "skills": ["incident-manager", "release-manager"], "capacity": 3, "active": true,
      "updated_at": "2026-11-01T09:00:00Z",
      "away": [{ "from": "2026-12-24", "to": "2026-12-31", "note": "Holiday", "x_away": true }],
      "x_person": "they/them" },
    { "id": "p-ana", "name": "Ana Lima", "timezone": "Asia/Calcutta", "capacity": 2.5 },
    { "id": "p-gone", "skills": [], "updated_at": "2026-11-20T00:00:00Z",
      "deleted_at": "2026-11-20T00:00:00Z" }
  ],
  "roles": [
    { "id": "incident-manager", "name": "Incident manager", "scope": "incident", "weight": 3,
      "description": "Runs the response.", "x_role": 1 },
    { "id": "third-line-lead", "name": "3rd line lead", "scope": "incident", "weight": 2 },
    { "id": "release-manager", "name": "Release manager", "scope": "release", "weight": 2 },
    { "id": "committee-chair", "name": "Committee chair", "scope": "standing" }
  ],
  "conflicts": [
    { "roles": ["incident-manager", "third-line-lead"], "reason": "One coordinates, one fixes.",
      "updated_at": "2026-11-01T09:00:00Z", "x_conflict": "policy 4.2" }
  ],
  "assignments": [
    { "id": "a-17", "person": "p-sam", "role": "incident-manager",
      "start": "2026-11-27T22:10:00Z", "end": "2026-11-28T01:08:00+00:00",
      "incident": "i-2026-031", "release": null, "updated_at": "2026-11-28T01:08:00Z",
      "x_assignment": null },
    { "id": "a-18", "person": "p-ana", "role": "release-manager",
      "start": "2026-11-27T20:00:00Z", "end": "2026-11-27T20:40:00Z", "release": "r-0.9.250" },
    { "id": "a-19", "person": "p-ana", "role": "committee-chair",
      "start": "2026-01-01T00:00:00+05:30", "end": null }
  ],
  "incidents": [
    { "id": "i-2026-031", "title": "Search returns 502 for all users", "severity": "sev1",
      "status": "resolved", "started_at": "2026-11-27T21:58:00Z",
      "detected_at": "2026-11-27T22:05:00Z", "resolved_at": "2026-11-28T01:08:00Z",
      "services": ["search", "web"], "summary": "", "release": "r-0.9.250",
      "timeline": [
        { "id": "t-0", "at": "2026-11-27T21:58:00Z", "kind": "status", "text": "Declared",
          "author": "p-sam", "status": "investigating" },
        { "id": "t-1", "at": "2026-11-27T22:10:00Z", "kind": "role", "text": "Sam took IM",
          "author": "p-sam", "starts": ["a-17"], "x_entry": "calm" },
        { "id": "t-2", "at": "2026-11-28T01:08:00.250Z", "kind": "status", "text": "Resolved",
          "status": "resolved", "ends": ["a-17"], "updated_at": "not a field of entries" }
      ],
      "backfill": true, "updated_at": "2026-11-28T01:08:00Z", "x_incident": 42 }
  ],
  "releases": [
    { "id": "r-0.9.250", "name": "0.9.250", "status": "deployed",
      "planned_start": "2026-11-27T20:00:00Z", "planned_end": "2026-11-27T21:00:00Z",
      "deployed_at": "2026-11-27T20:40:00Z", "notes": "",
      "timeline": [
        { "id": "t-1", "at": "2026-11-27T20:40:00Z", "kind": "status", "text": "Deployed",
          "release_status": "deployed", "ends": ["a-18"], "x_release_entry": 7 }
      ],
      "updated_at": "2026-11-27T20:41:00Z", "x_release": "abc123" }
  ],
  "reviews": [
    { "id": "rv-1", "incident": "i-2026-031", "status": "published", "kind": "full",
      "summary": "", "impact": "", "detection": "", "response": "", "recovery": "",
      "contributing_factors": ["..."], "went_well": ["..."], "went_badly": [], "lucky": ["..."],
      "lessons": "",
      "actions": [
        { "id": "ac-1", "text": "Split the release-manager role from the on-call rota",
          "owner": "p-sam", "due": "2026-12-15", "priority": "high", "done": true,
          "done_at": "2026-11-29T10:00:00Z", "created_at": "2026-11-28T08:00:00Z",
          "updated_at": "2026-11-29T10:00:00Z", "x_action": "OPS-12" }
      ],
      "key_moments": ["t-1"],
      "status_log": [
        { "at": "2026-11-28T09:00:00Z", "by": "p-ana", "from": "draft", "to": "in-review",
          "x_change": 1 },
        { "at": "2026-11-28T10:00:00Z", "by": "p-sam", "from": "in-review", "to": "published" }
      ],
      "published": {
        "at": "2026-11-28T10:00:00Z", "by": "p-sam",
        "roles": [{ "person": "p-gone", "person_name": "Someone since removed",
                    "role": "incident-manager", "role_name": "Incident manager",
                    "from": "2026-11-27T22:10:00Z", "to": "2026-11-28T01:08:00Z",
                    "x_role_held": 1 }],
        "statements": ["Sam Rivera held Incident manager for 2 h 58 min."],
        "facts": { "title": "Search returns 502 for all users", "severity": "sev1",
                   "started_at": "2026-11-27T21:58:00Z", "detected_at": "2026-11-27T22:05:00Z",
                   "resolved_at": "2026-11-28T01:08:00Z", "services": ["search"], "x_facts": 1 },
        "x_published": 1 },
      "updated_at": "2026-11-28T10:00:00Z", "x_review": 1 }
  ],
  "x_workspace": { "zeta": 1, "alpha": [true] }
}"#;

fn rich() -> Value {
    serde_json::from_str(RICH).unwrap()
}

/// Both passes on `text`: Ok when they give the same verdict, the same workspace written the
/// same way, or the same problems.
fn agree(text: &str) -> Result<(), String> {
    match (Workspace::from_json(text), Workspace::from_json_by_walk(text)) {
        (Ok(fast), Ok(walk)) if fast == walk && fast.to_json() == walk.to_json() => Ok(()),
        (Err(fast), Err(walk)) if fast == walk => Ok(()),
        (fast, walk) => Err(format!(
            "the passes disagree on\n{text}\nfast: {fast:#?}\nwalk: {walk:#?}"
        )),
    }
}

fn fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    order::sort(&mut files);
    assert!(files.len() >= 10, "fixtures: {files:?}");
    files
}

fn now() -> DateTime<Utc> {
    "2026-11-28T00:00:00Z".parse().unwrap()
}

// --- unknown fields ------------------------------------------------------------------------

#[test]
fn every_kind_of_record_keeps_its_unknown_fields_in_their_place() {
    let input = rich();
    let mut ptrs = vec![];
    pointers(&input, String::new(), &mut ptrs);
    let unknown: Vec<&String> = ptrs
        .iter()
        .filter(|p| p.rsplit('/').next().is_some_and(|k| k.starts_with("x_")))
        .collect();
    // Workspace, settings, rest, rota, away, person, role, conflict, assignment, incident, entry
    // (of an incident and of a release), release, review, action, status change, published
    // record, role held, facts.
    assert_eq!(unknown.len(), 19, "{unknown:#?}");

    let ws = Workspace::from_json(RICH).unwrap();
    let out: Value = serde_json::from_str(&ws.to_json()).unwrap();
    for p in &unknown {
        assert_eq!(out.pointer(p), input.pointer(p), "{p}");
        // After the known fields, in the order they came.
        let (parent, key) = p.rsplit_once('/').unwrap();
        let keys: Vec<&String> = out.pointer(parent).unwrap().as_object().unwrap().keys().collect();
        assert_eq!(keys.last().map(|k| k.as_str()), Some(key), "{p}: {keys:?}");
    }
    // A key the model knows elsewhere is unknown where it is not a field.
    assert_eq!(
        out["incidents"][0]["timeline"][2]["updated_at"],
        json!("not a field of entries")
    );
    let again = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(again, ws);
    assert_eq!(again.to_json(), ws.to_json());
    let canonical = Workspace::from_json(&ws.to_canonical_json()).unwrap();
    assert_eq!(canonical, ws.canonical());
}

// --- fast pass and walk --------------------------------------------------------------------

#[test]
fn the_passes_agree_on_every_fixture_and_generated_workspace() {
    for (name, text) in fixtures() {
        agree(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    agree(RICH).unwrap();
    for seed in 1..=3 {
        let ws = generate(Size::Small, seed, now());
        for (text, read_as) in [
            (ws.to_json(), ws.clone()),
            (ws.to_json_compact(), ws.clone()),
            (ws.to_canonical_json(), ws.canonical()),
        ] {
            agree(&text).unwrap();
            assert_eq!(Workspace::from_json(&text).unwrap().to_json(), read_as.to_json());
        }
    }
}

/// Values serde or chrono would read and FORMAT.md does not allow, keys given twice, and fields
/// whose absence the model cannot see: refused, or accepted, as the walk decides.
#[test]
fn the_passes_agree_where_serde_alone_would_not() {
    let refused: &[(&str, Value)] = &[
        ("/format", Value::Null),
        ("/version", json!(1.0)),
        ("/version", json!(0)),
        ("/exported_at", json!("2026-11-28T10:00:00")),
        ("/exported_at", json!("2026-11-28T10:00:00+0100")),
        ("/exported_at", json!("2026-11-28T10:00:00UTC")),
        ("/exported_at", json!("10000-01-01T00:00:00Z")),
        ("/exported_at", json!("0000-01-01T00:30:00+01:00")),
        ("/settings/default_capacity", json!(-1)),
        ("/settings/action_item_weight", json!(-1)),
        ("/settings/rest/max_night_hours_per_week", json!(-1)),
        ("/roles/1/id", json!("incident-manager")),
        ("/assignments/1/id", json!("a-17")),
        ("/assignments/1/role", json!("nobody's role")),
        ("/incidents/0/id", json!("")),
        ("/incidents/0/release", json!("r-missing")),
        ("/releases/0/id", json!("")),
        ("/reviews/0/id", json!("")),
        ("/reviews/0/incident", json!("i-missing")),
        ("/settings/severity_descriptions", Value::Null),
        ("/settings/severity_descriptions", json!({ "sev1": 1 })),
        ("/settings/rest", Value::Null),
        ("/settings/rest/night_from", json!("7:00")),
        ("/settings/rest/max_stretch_hours", json!(-0.5)),
        ("/settings/rota", Value::Null),
        ("/settings/rota/turn", json!({ "weekly": null })),
        ("/settings/rota/weeks", json!(0)),
        ("/settings/rota/weeks", json!(105)),
        ("/settings/rota/weeks", json!(2.0)),
        ("/people/0/capacity", json!(-1)),
        ("/people/0/away/0/from", json!("2026-1-5")),
        ("/people/0/away/0/from", json!("+2026-01-05")),
        ("/people/0/away/0/to", json!("2026-12-23")),
        ("/people/0/away/0/to", json!("2026-02-30")),
        ("/people/1/id", json!("p-sam")),
        ("/people/1/id", json!("")),
        ("/people/0/skills/0", json!("nobody's role")),
        ("/roles/0/scope", json!({ "incident": null })),
        ("/roles/0/scope", json!("Incident")),
        ("/roles/1/weight", json!(-2)),
        ("/conflicts/0/roles/1", json!("incident-manager")),
        (
            "/conflicts/0/roles",
            json!(["incident-manager", "third-line-lead", "release-manager"]),
        ),
        ("/assignments/0/end", json!("2026-11-27T22:00:00Z")),
        ("/assignments/0/incident", Value::Null),
        ("/assignments/0/release", json!("r-0.9.250")),
        ("/assignments/1/release", json!("r-missing")),
        ("/assignments/2/incident", json!("i-2026-031")),
        ("/assignments/2/person", json!("incident-manager")),
        ("/incidents/0/severity", json!({ "sev1": null })),
        ("/incidents/0/timeline/1/id", json!("t-0")),
        ("/incidents/0/timeline/1/author", json!("p-nobody")),
        ("/incidents/0/timeline/1/starts/0", json!("t-1")),
        ("/incidents/0/timeline/2/status", json!("fixed")),
        ("/releases/0/timeline/0/ends/0", json!("a-17x")),
        ("/releases/0/timeline/0/release_status", json!("in_progress")),
        ("/reviews/0/actions/0/due", json!("2026-12-15T00:00:00Z")),
        ("/reviews/0/actions/0/id", json!("")),
        ("/reviews/0/actions/0/owner", json!("p-nobody")),
        ("/reviews/0/key_moments/0", json!("t-9")),
        ("/reviews/0/status", json!("draft")),
        ("/reviews/0/status_log/0/by", json!("p-nobody")),
        ("/reviews/0/published/by", json!("p-nobody")),
        ("/reviews/0/published/facts/severity", json!("SEV1")),
    ];
    for (ptr, value) in refused {
        let mut v = rich();
        let (parent, key) = ptr.rsplit_once('/').unwrap();
        match v.pointer_mut(parent) {
            Some(Value::Object(o)) => {
                o.insert(key.to_string(), value.clone());
            }
            Some(Value::Array(a)) => a[key.parse::<usize>().unwrap()] = value.clone(),
            _ => panic!("{ptr}"),
        }
        let text = v.to_string();
        assert!(
            Workspace::from_json(&text).is_err(),
            "{ptr} = {value} was accepted"
        );
        agree(&text).unwrap_or_else(|e| panic!("{ptr} = {value}: {e}"));
    }

    let removed_refused = [("", "format"), ("", "version"), ("/people/0", "name")];
    let removed_accepted = [("/people/2", "name"), ("/settings", "rest"), ("", "settings")];
    for (parent, key) in removed_refused.iter().chain(&removed_accepted) {
        let mut v = rich();
        v.pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .shift_remove(*key);
        let text = v.to_string();
        let refused = removed_refused.contains(&(parent, key));
        assert_eq!(Workspace::from_json(&text).is_err(), refused, "{parent}/{key}");
        agree(&text).unwrap_or_else(|e| panic!("{parent}/{key} removed: {e}"));
    }

    // A live person's empty name is a name; the fast pass leaves telling it from a missing one
    // to the walk.
    let mut v = rich();
    v["people"][0]["name"] = json!("");
    assert!(Workspace::from_json(&v.to_string()).is_ok());
    agree(&v.to_string()).unwrap();

    // RFC 3339 allows a space or a lower-case t and z, and so does import.
    for time in [
        "2026-11-27 22:10:00Z",
        "2026-11-27t22:10:00z",
        "2026-11-27T23:10:00.5+01:00",
    ] {
        let mut v = rich();
        v["assignments"][0]["start"] = json!(time);
        assert!(Workspace::from_json(&v.to_string()).is_ok(), "{time}");
        agree(&v.to_string()).unwrap();
    }

    // A key given twice: the walk reads its last value, and so does import.
    for (from, to) in [
        (r#""version": 1,"#, r#""version": 2, "version": 1,"#),
        (
            r#""x_person": "they/them""#,
            r#""x_person": 1, "x_person": "they/them""#,
        ),
        (r#""name": "Ana Lima","#, r#""name": "Ana", "name": "Ana Lima","#),
        (r#""kind": "full","#, r#""kind": "full", "kind": "quick","#),
    ] {
        assert!(RICH.contains(from), "{from}");
        let text = RICH.replacen(from, to, 1);
        assert!(Workspace::from_json(&text).is_ok(), "{to}");
        agree(&text).unwrap_or_else(|e| panic!("{to}: {e}"));
    }
}

/// A value from a short list of troublemakers, or a text found elsewhere in the same file:
/// another record's id makes a duplicate or a reference into the wrong collection.
fn replacement(n: usize, texts: &[String]) -> Value {
    let fixed = [
        Value::Null,
        json!(""),
        json!(-1),
        json!(0),
        json!(1.5),
        json!(2),
        json!(true),
        json!([]),
        json!({}),
        json!(["a-17"]),
        json!({ "sev1": null }),
        json!("2026-11-27 22:10:00Z"),
        json!("2026-11-27T22:10:00"),
        json!("10000-01-01T00:00:00Z"),
        json!("2026-11-27T22:10:00+05:30"),
        json!("2026-1-5"),
        json!("2026-12-15"),
        json!("23:00"),
        json!(1e300),
        json!(u64::MAX),
    ];
    if n.is_multiple_of(2) && !texts.is_empty() {
        Value::from(texts[n / 2 % texts.len()].clone())
    } else {
        fixed[n / 2 % fixed.len()].clone()
    }
}

fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|c| texts(c, out)),
        Value::Object(o) => o.values().for_each(|c| texts(c, out)),
        _ => {}
    }
}

/// One change at the value `pick` selects: remove it, replace it, repeat it in its list (a
/// second record with the same id), or give its object an unknown field.
fn mutate(v: &mut Value, pick: usize, op: usize) {
    let mut ptrs = Vec::new();
    pointers(v, String::new(), &mut ptrs);
    let mut found = Vec::new();
    texts(v, &mut found);
    let ptr = ptrs[pick % ptrs.len()].clone();
    let parent = ptr.rsplit_once('/').map(|(p, _)| p);
    match op % 4 {
        0 => {
            let last = ptr.rsplit('/').next().unwrap_or_default();
            match parent.and_then(|p| v.pointer_mut(p)) {
                Some(Value::Object(o)) => {
                    o.shift_remove(last);
                }
                Some(Value::Array(a)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        a.remove(i);
                    }
                }
                _ => {}
            }
        }
        1 => {
            if let Some(target) = v.pointer_mut(&ptr) {
                *target = replacement(op / 4, &found);
            }
        }
        2 => {
            let item = v.pointer(&ptr).cloned();
            if let (Some(Value::Array(a)), Some(item)) = (parent.and_then(|p| v.pointer_mut(p)), item) {
                a.push(item);
            }
        }
        _ => {
            if let Some(Value::Object(o)) = v.pointer_mut(&ptr) {
                o.insert(format!("x_{op}"), replacement(op / 4, &found));
            }
        }
    }
}

/// The passes agree on `v` after `changes`.
fn agree_after(mut v: Value, changes: Vec<(usize, usize)>) -> Result<(), TestCaseError> {
    for (pick, op) in changes {
        mutate(&mut v, pick, op);
    }
    let text = v.to_string();
    prop_assert!(agree(&text).is_ok(), "{}", agree(&text).unwrap_err());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_passes_agree_on_mutated_files(
        base in 0usize..64,
        changes in proptest::collection::vec((any::<usize>(), any::<usize>()), 1..4),
    ) {
        let files = fixtures();
        let v: Value = if base.is_multiple_of(3) {
            rich()
        } else {
            serde_json::from_str(&files[base % files.len()].1).unwrap()
        };
        agree_after(v, changes)?;
    }
}

proptest! {
    // A generated year of a small team is large for a debug build: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn the_passes_agree_on_mutated_generated_workspaces(
        seed in 1u64..4,
        changes in proptest::collection::vec((any::<usize>(), any::<usize>()), 1..3),
    ) {
        let v = serde_json::to_value(generate(Size::Small, seed, now())).unwrap();
        agree_after(v, changes)?;
    }
}
