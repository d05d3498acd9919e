//! Import validation: FORMAT.md's example imports, every rule has a failing case with its path.

use chrono::{DateTime, TimeZone, Utc};
use hatrack::domain::order;
use hatrack::domain::{ImportError, ImportErrors, ImportKind, ReleaseStatus, Workspace};
use proptest::prelude::*;
use serde_json::{json, Value};

#[path = "support/json.rs"]
mod json_paths;
use json_paths::pointers;

/// FORMAT.md's examples put together into one file, plus the records they name (the roles
/// `release-manager` and `third-line-lead`) and one assignment per scope.
const EXAMPLE: &str = r#"{
  "format": "hatrack-workspace",
  "version": 1,
  "exported_at": "2026-11-28T10:00:00Z",
  "settings": { "default_capacity": 3 },
  "people": [
    { "id": "p-sam", "name": "Sam Rivera", "timezone": "Europe/London",
      "skills": ["incident-manager", "release-manager"], "capacity": 3,
      "active": true, "updated_at": "2026-11-01T09:00:00Z" },
    { "id": "p-ana", "name": "Ana Lima" }
  ],
  "roles": [
    { "id": "incident-manager", "name": "Incident manager", "scope": "incident",
      "weight": 3, "description": "Runs the response; does not fix things themselves." },
    { "id": "third-line-lead", "name": "3rd line lead", "scope": "incident", "weight": 2 },
    { "id": "release-manager", "name": "Release manager", "scope": "release", "weight": 2 },
    { "id": "committee-chair", "name": "Committee chair", "scope": "standing", "weight": 2 }
  ],
  "conflicts": [
    { "roles": ["incident-manager", "third-line-lead"],
      "reason": "The incident manager coordinates; the 3rd line lead is heads-down fixing." }
  ],
  "assignments": [
    { "id": "a-17", "person": "p-sam", "role": "incident-manager",
      "start": "2026-11-27T22:10:00Z", "end": null,
      "incident": "i-2026-031", "release": null, "updated_at": "2026-11-27T22:10:00Z" },
    { "id": "a-18", "person": "p-ana", "role": "release-manager",
      "start": "2026-11-27T20:00:00Z", "end": "2026-11-27T21:00:00Z", "release": "r-0.9.250" },
    { "id": "a-19", "person": "p-ana", "role": "committee-chair",
      "start": "2026-01-01T00:00:00Z", "end": null, "incident": null, "release": null }
  ],
  "incidents": [
    { "id": "i-2026-031", "title": "Search returns 502 for all users", "severity": "sev1",
      "status": "investigating", "started_at": "2026-11-27T21:58:00Z",
      "detected_at": "2026-11-27T22:05:00Z", "resolved_at": null,
      "services": ["search", "web"], "summary": "", "release": "r-0.9.250",
      "timeline": [
        { "id": "t-1", "at": "2026-11-27T22:05:00Z", "kind": "note",
          "text": "Alerts for 5xx on search", "author": "p-sam" }
      ],
      "updated_at": "2026-11-27T22:40:00Z" }
  ],
  "releases": [
    { "id": "r-0.9.250", "name": "0.9.250", "status": "deployed",
      "planned_start": "2026-11-27T20:00:00Z", "planned_end": "2026-11-27T21:00:00Z",
      "deployed_at": "2026-11-27T20:40:00Z", "notes": "", "updated_at": "2026-11-27T20:41:00Z" }
  ],
  "reviews": [
    { "id": "rv-1", "incident": "i-2026-031", "status": "draft", "kind": "full",
      "summary": "", "impact": "", "detection": "", "response": "", "recovery": "",
      "contributing_factors": ["..."], "went_well": ["..."], "went_badly": ["..."],
      "lucky": ["..."], "lessons": "",
      "actions": [
        { "id": "ac-1", "text": "Split the release-manager role from the on-call rota",
          "owner": "p-sam", "due": "2026-12-15", "priority": "high", "done": false }
      ],
      "updated_at": "2026-11-28T09:00:00Z" }
  ]
}"#;

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn import(v: &Value) -> Result<Workspace, ImportErrors> {
    Workspace::from_json(&v.to_string())
}

/// The errors of a file that must be refused.
fn errors_of(v: &Value) -> Vec<ImportError> {
    match import(v) {
        Ok(_) => panic!("expected the file to be refused:\n{v:#}"),
        Err(e) => e.0,
    }
}

/// The example with one change, which must be refused with exactly one error at `path`.
/// Returns that error's sentence.
fn refused_at(path: &str, change: impl FnOnce(&mut Value)) -> String {
    let mut v = example();
    change(&mut v);
    let errors = errors_of(&v);
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, vec![path], "errors: {errors:#?}");
    assert!(
        errors[0].message.ends_with('.'),
        "not a sentence: {}",
        errors[0].message
    );
    errors[0].message.clone()
}

/// The example with one change, refused with errors at exactly `paths`; returns the first sentence.
fn refused_with(paths: &[&str], change: impl FnOnce(&mut Value)) -> String {
    let mut v = example();
    change(&mut v);
    let errors = errors_of(&v);
    let got: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(got, paths, "errors: {errors:#?}");
    errors[0].message.clone()
}

/// The example with one change, which must still import.
fn accepted(change: impl FnOnce(&mut Value)) -> Workspace {
    let mut v = example();
    change(&mut v);
    import(&v).unwrap_or_else(|e| panic!("expected to import, got:\n{e}"))
}

fn text_refused(text: &str) -> ImportErrors {
    match Workspace::from_json(text) {
        Ok(_) => panic!("expected {text:?} to be refused"),
        Err(e) => e,
    }
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

// --- what must import --------------------------------------------------------------------

#[test]
fn the_format_md_example_imports() {
    let ws = Workspace::from_json(EXAMPLE).unwrap();
    assert_eq!(ws.people.len(), 2);
    assert_eq!(ws.roles.len(), 4);
    assert_eq!(ws.conflicts[0].roles, ["incident-manager", "third-line-lead"]);
    assert_eq!(ws.assignments[0].incident.as_deref(), Some("i-2026-031"));
    assert_eq!(ws.incidents[0].timeline[0].author.as_deref(), Some("p-sam"));
    assert_eq!(ws.releases[0].name, "0.9.250");
    assert_eq!(ws.reviews[0].actions[0].due.unwrap().to_string(), "2026-12-15");
    assert_eq!(ws.settings.default_capacity, 3.0);
    assert_eq!(
        ws.exported_at,
        Some(Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap())
    );
}

#[test]
fn a_minimal_file_imports_as_an_empty_workspace() {
    let ws = Workspace::from_json(r#"{"format":"hatrack-workspace","version":1}"#).unwrap();
    assert_eq!(ws, Workspace::default());
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{EXAMPLE}");
    assert!(Workspace::from_json(&text).is_ok());
}

#[test]
fn null_is_accepted_where_format_md_shows_it() {
    let ws = accepted(|v| {
        v["exported_at"] = Value::Null;
        v["people"][0]["timezone"] = Value::Null;
        v["people"][0]["capacity"] = Value::Null;
        v["assignments"][1]["end"] = Value::Null;
        v["assignments"][1]["incident"] = Value::Null;
        v["incidents"][0]["detected_at"] = Value::Null;
        v["incidents"][0]["release"] = Value::Null;
        v["incidents"][0]["timeline"][0]["author"] = Value::Null;
        v["reviews"][0]["actions"][0]["owner"] = Value::Null;
        v["reviews"][0]["actions"][0]["due"] = Value::Null;
        v["releases"][0]["deployed_at"] = Value::Null;
    });
    assert_eq!(ws.assignments[1].end, None);
    assert_eq!(ws.people[0].capacity, None);
}

#[test]
fn every_collection_and_optional_field_may_be_missing() {
    let ws = accepted(|v| {
        let o = v.as_object_mut().unwrap();
        o.remove("exported_at");
        o.remove("settings");
        o.remove("conflicts");
        o.remove("reviews");
        v["people"][0].as_object_mut().unwrap().remove("skills");
        v["roles"][0].as_object_mut().unwrap().remove("weight");
        v["incidents"][0].as_object_mut().unwrap().remove("timeline");
    });
    assert!(ws.reviews.is_empty());
    assert_eq!(ws.roles[0].weight, 1.0);
    assert_eq!(ws.settings.default_capacity, 3.0);
}

#[test]
fn an_assignment_may_end_when_it_starts() {
    accepted(|v| v["assignments"][1]["end"] = json!("2026-11-27T20:00:00Z"));
}

#[test]
fn time_offsets_are_kept_as_the_same_instant() {
    let ws = accepted(|v| {
        v["assignments"][0]["start"] = json!("2026-11-28T03:40:00+05:30");
        v["incidents"][0]["started_at"] = json!("2026-11-27T16:58:00-05:00");
        v["incidents"][0]["timeline"][0]["at"] = json!("2026-11-27T22:05:00.250z");
    });
    assert_eq!(ws.assignments[0].start, utc("2026-11-27T22:10:00Z"));
    assert_eq!(ws.incidents[0].started_at, utc("2026-11-27T21:58:00Z"));
    assert_eq!(
        ws.incidents[0].timeline[0].at,
        Utc.with_ymd_and_hms(2026, 11, 27, 22, 5, 0).unwrap() + chrono::Duration::milliseconds(250)
    );
    // And they are exported as that instant in UTC.
    let out: Value = serde_json::from_str(&ws.to_json()).unwrap();
    assert_eq!(out["assignments"][0]["start"], json!("2026-11-27T22:10:00Z"));
}

#[test]
fn tombstones_are_allowed_on_every_record_and_may_be_referenced() {
    let stamp = json!("2026-11-28T08:00:00Z");
    let ws = accepted(|v| {
        for path in [
            "/people/0",
            "/roles/0",
            "/conflicts/0",
            "/assignments/0",
            "/incidents/0",
            "/incidents/0/timeline/0",
            "/releases/0",
            "/reviews/0",
            "/reviews/0/actions/0",
        ] {
            v.pointer_mut(path).unwrap()["deleted_at"] = stamp.clone();
        }
    });
    // Everything pointing at the deleted person, role, incident and release still imports.
    assert!(ws.people[0].deleted_at.is_some());
    assert!(ws.incidents[0].timeline[0].deleted_at.is_some());
    assert!(ws.reviews[0].actions[0].deleted_at.is_some());
}

#[test]
fn a_tombstoned_record_still_needs_a_valid_id() {
    refused_at("people[2].id", |v| {
        let gone = json!({"id": "", "name": "Gone", "deleted_at": "2026-11-28T08:00:00Z"});
        v["people"].as_array_mut().unwrap().push(gone);
    });
}

#[test]
fn a_bad_tombstone_time_is_refused() {
    refused_at("releases[0].deleted_at", |v| {
        v["releases"][0]["deleted_at"] = json!("yesterday")
    });
    refused_at("incidents[0].timeline[0].deleted_at", |v| {
        v["incidents"][0]["timeline"][0]["deleted_at"] = json!(5)
    });
}

// --- whole-file problems -----------------------------------------------------------------

#[test]
fn invalid_json_is_refused_with_line_and_column() {
    let e = text_refused("{\n  \"format\": \"hatrack-workspace\",\n  \"version\" 1\n}");
    assert_eq!(e.len(), 1);
    assert_eq!(e.0[0].path, "");
    assert!(e.0[0].message.contains("not valid JSON"), "{}", e.0[0].message);
    assert!(e.0[0].message.contains("line 3, column 13"), "{}", e.0[0].message);

    let e = text_refused("{\"format\": \"hatrack-workspace\", \"people\": [");
    assert!(e.0[0].message.contains("cut off"), "{}", e.0[0].message);
    assert!(e.0[0].message.contains("line 1"), "{}", e.0[0].message);
}

#[test]
fn an_empty_file_is_refused() {
    let e = text_refused("  \n");
    assert_eq!(e.0[0].path, "");
    assert!(e.0[0].message.contains("empty"));
}

#[test]
fn a_file_that_is_not_an_object_is_refused() {
    for text in ["[]", "\"hatrack-workspace\"", "1", "null"] {
        let e = text_refused(text);
        assert_eq!(e.len(), 1, "{text}");
        assert_eq!(e.0[0].path, "");
        assert!(
            e.0[0].message.contains("rather than a Hatrack workspace"),
            "{}",
            e.0[0].message
        );
    }
}

#[test]
fn the_format_name_must_be_exact() {
    let m = refused_at("format", |v| v["format"] = json!("hatrack"));
    assert!(m.contains("not a Hatrack workspace file"), "{m}");
    refused_at("format", |v| v["format"] = json!(1));
    refused_at("format", |v| {
        v.as_object_mut().unwrap().remove("format");
    });
}

#[test]
fn a_newer_version_is_refused_saying_which_version_this_hatrack_reads() {
    let e = text_refused(r#"{"format":"hatrack-workspace","version":2}"#);
    assert_eq!(e.len(), 1);
    assert_eq!(e.0[0].path, "version");
    assert_eq!(
        e.0[0].message,
        "This file is version 2; this Hatrack reads version 1 files. Update Hatrack to import it."
    );
    assert_eq!(e.0[0].kind, ImportKind::NewerVersion);
    assert!(e.is_newer_version());
}

#[test]
fn a_newer_version_is_not_checked_against_the_old_rules() {
    // Version 2 may well have moved `person`; complaining about it would hide the real reason.
    let mut v = example();
    v["version"] = json!(7);
    v["assignments"][0]["person"] = json!("p-nobody");
    let e = import(&v).unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(e.is_newer_version());
}

#[test]
fn the_version_must_be_the_integer_1() {
    for (bad, hint) in [
        (json!("1"), "no quotes"),
        (json!(1.5), "whole number"),
        (json!(0), "not a Hatrack format version"),
        (json!(-1), "not a Hatrack format version"),
        (json!(null), "must be a number"),
    ] {
        let m = refused_at("version", |v| v["version"] = bad.clone());
        assert!(m.contains(hint), "{bad}: {m}");
        assert!(m.contains("this Hatrack reads version 1 files"), "{m}");
    }
    refused_at("version", |v| {
        v.as_object_mut().unwrap().remove("version");
    });
    let mut v = example();
    v["version"] = json!("1");
    assert!(!import(&v).unwrap_err().is_newer_version());
}

#[test]
fn exported_at_must_be_a_time() {
    refused_at("exported_at", |v| v["exported_at"] = json!("2026-11-28"));
}

#[test]
fn settings_must_be_an_object_of_valid_settings() {
    refused_at("settings", |v| v["settings"] = json!([3]));
    refused_at("settings", |v| v["settings"] = Value::Null);
    let m = refused_at("settings.default_capacity", |v| {
        v["settings"]["default_capacity"] = json!(-1)
    });
    assert_eq!(m, "must be 0 or more, but it is -1.");
    refused_at("settings.default_capacity", |v| {
        v["settings"]["default_capacity"] = json!("3")
    });
    refused_at("settings.action_item_weight", |v| {
        v["settings"]["action_item_weight"] = json!(-0.5)
    });
    refused_at("settings.severity_descriptions", |v| {
        v["settings"]["severity_descriptions"] = json!(["x"])
    });
    refused_at("settings.severity_descriptions.sev1", |v| {
        v["settings"]["severity_descriptions"] = json!({"sev1": "All hands", "sev2": "Now"});
        v["settings"]["severity_descriptions"]["sev1"] = json!(3);
    });
    let ws = accepted(|v| v["settings"]["severity_descriptions"] = json!({"sev1": "All hands"}));
    assert_eq!(ws.settings.severity_descriptions["sev1"], json!("All hands"));
}

#[test]
fn collections_must_be_lists_of_objects() {
    let m = refused_at("people", |v| v["people"] = json!({"p-sam": {}}));
    assert!(m.contains("list"), "{m}");
    refused_at("reviews", |v| v["reviews"] = Value::Null);
    let m = refused_at("reviews[0]", |v| v["reviews"][0] = json!("rv-1"));
    assert_eq!(m, "must be an object (one review), but it is the text \"rv-1\".");
    // What named the unreadable release cannot be resolved either.
    refused_with(
        &["assignments[1].release", "incidents[0].release", "releases[0]"],
        |v| v["releases"][0] = json!("r-0.9.250"),
    );
    // But a collection that is not a list at all is one problem, not one per reference.
    refused_at("releases", |v| v["releases"] = json!({"r-0.9.250": {}}));
    refused_at("incidents[0].timeline", |v| {
        v["incidents"][0]["timeline"] = json!("t-1")
    });
    refused_at("incidents[0].timeline[0]", |v| {
        v["incidents"][0]["timeline"][0] = json!(1)
    });
    refused_at("reviews[0].actions[0]", |v| {
        v["reviews"][0]["actions"][0] = json!([])
    });
}

// --- ids -----------------------------------------------------------------------------------

#[test]
fn ids_must_be_non_empty_strings() {
    let m = refused_at("people[0].id", |v| {
        v["people"][0].as_object_mut().unwrap().remove("id");
        // Nothing may point at the id-less person, so the only problem is the id.
        v["assignments"][0]["person"] = json!("p-ana");
        v["incidents"][0]["timeline"][0]["author"] = Value::Null;
        v["reviews"][0]["actions"][0]["owner"] = Value::Null;
    });
    assert!(m.contains("is missing"), "{m}");
    // Whatever named the role by its old id now names a role that is not there.
    refused_with(&["roles[3].id", "assignments[2].role"], |v| {
        v["roles"][3]["id"] = json!(4)
    });
    refused_at("releases[0].id", |v| {
        v["releases"][0]["id"] = json!("");
        v["incidents"][0]["release"] = Value::Null;
        v["assignments"][1]["release"] = json!(null);
        v["assignments"][1]["role"] = json!("committee-chair");
    });
    refused_at("assignments[2].id", |v| v["assignments"][2]["id"] = Value::Null);
    refused_at("incidents[0].timeline[0].id", |v| {
        v["incidents"][0]["timeline"][0]["id"] = json!("")
    });
    refused_at("reviews[0].actions[0].id", |v| {
        v["reviews"][0]["actions"][0]
            .as_object_mut()
            .unwrap()
            .remove("id");
    });
}

#[test]
fn ids_must_be_unique_within_their_collection() {
    let m = refused_with(
        &["people[1].id", "assignments[1].person", "assignments[2].person"],
        |v| v["people"][1]["id"] = json!("p-sam"),
    );
    assert_eq!(
        m,
        "\"p-sam\" is already the id of people[0]; ids must be unique within people."
    );
    refused_at("roles[2].id", |v| {
        v["roles"][2]["id"] = json!("third-line-lead");
        v["people"][0]["skills"] = json!(["incident-manager"]);
        v["assignments"][1]["role"] = json!("committee-chair");
        v["assignments"][1]["release"] = Value::Null;
    });
    refused_at("assignments[2].id", |v| v["assignments"][2]["id"] = json!("a-17"));
    refused_at("incidents[1].id", |v| {
        let copy = v["incidents"][0].clone();
        v["incidents"].as_array_mut().unwrap().push(copy);
    });
    refused_at("releases[1].id", |v| {
        let copy = v["releases"][0].clone();
        v["releases"].as_array_mut().unwrap().push(copy);
    });
    refused_at("reviews[1].id", |v| {
        let mut copy = v["reviews"][0].clone();
        copy["actions"] = json!([]);
        v["reviews"].as_array_mut().unwrap().push(copy);
    });
}

#[test]
fn the_same_id_in_different_collections_is_fine() {
    accepted(|v| v["assignments"][0]["id"] = json!("p-sam"));
}

#[test]
fn timeline_ids_are_unique_within_their_incident_only() {
    let entry = json!({"id": "t-1", "at": "2026-11-27T22:06:00Z", "kind": "action"});
    let m = refused_at("incidents[0].timeline[1].id", |v| {
        v["incidents"][0]["timeline"]
            .as_array_mut()
            .unwrap()
            .push(entry.clone());
    });
    assert!(m.contains("incidents[0].timeline[0]"), "{m}");
    accepted(|v| {
        let mut other = v["incidents"][0].clone();
        other["id"] = json!("i-2026-032");
        other["timeline"] = json!([entry]);
        v["incidents"].as_array_mut().unwrap().push(other);
    });
}

#[test]
fn action_ids_are_unique_across_all_reviews() {
    let m = refused_at("reviews[1].actions[0].id", |v| {
        let mut second = v["reviews"][0].clone();
        second["id"] = json!("rv-2");
        v["reviews"].as_array_mut().unwrap().push(second);
    });
    assert!(m.contains("reviews[0].actions[0]"), "{m}");
    refused_at("reviews[0].actions[1].id", |v| {
        let copy = v["reviews"][0]["actions"][0].clone();
        v["reviews"][0]["actions"].as_array_mut().unwrap().push(copy);
    });
}

// --- required fields and types -------------------------------------------------------------

fn remove(v: &mut Value, pointer: &str, key: &str) {
    v.pointer_mut(pointer)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key);
}

#[test]
fn required_fields_must_be_present() {
    for (pointer, key, path) in [
        ("/people/0", "name", "people[0].name"),
        ("/roles/0", "name", "roles[0].name"),
        ("/conflicts/0", "roles", "conflicts[0].roles"),
        ("/assignments/0", "person", "assignments[0].person"),
        ("/assignments/2", "role", "assignments[2].role"),
        ("/assignments/0", "start", "assignments[0].start"),
        ("/incidents/0", "title", "incidents[0].title"),
        ("/incidents/0", "severity", "incidents[0].severity"),
        ("/incidents/0", "status", "incidents[0].status"),
        ("/incidents/0", "started_at", "incidents[0].started_at"),
        ("/incidents/0/timeline/0", "at", "incidents[0].timeline[0].at"),
        ("/incidents/0/timeline/0", "kind", "incidents[0].timeline[0].kind"),
        ("/releases/0", "name", "releases[0].name"),
        ("/releases/0", "status", "releases[0].status"),
        ("/reviews/0", "status", "reviews[0].status"),
        ("/reviews/0", "kind", "reviews[0].kind"),
        ("/reviews/0", "incident", "reviews[0].incident"),
        ("/reviews/0/actions/0", "text", "reviews[0].actions[0].text"),
    ] {
        let m = refused_at(path, |v| remove(v, pointer, key));
        assert!(m.starts_with("is missing; every "), "{path}: {m}");
        assert!(m.contains(&format!("`{key}`")), "{path}: {m}");
    }
    // A role's scope is required too; with it gone the scope of a-17 is unknown, not wrong.
    refused_at("roles[0].scope", |v| remove(v, "/roles/0", "scope"));
    // Null is no better than missing for a required field.
    let m = refused_at("incidents[0].title", |v| v["incidents"][0]["title"] = Value::Null);
    assert!(m.starts_with("is null"), "{m}");
}

#[test]
fn fields_must_have_the_right_json_type() {
    for (pointer, key, bad, path) in [
        ("/people/0", "name", json!(7), "people[0].name"),
        ("/people/0", "timezone", json!(1), "people[0].timezone"),
        (
            "/people/0",
            "skills",
            json!("incident-manager"),
            "people[0].skills",
        ),
        ("/people/0", "capacity", json!("3"), "people[0].capacity"),
        ("/people/0", "active", json!("yes"), "people[0].active"),
        ("/people/0", "active", Value::Null, "people[0].active"),
        ("/roles/0", "weight", json!("3"), "roles[0].weight"),
        ("/roles/0", "description", Value::Null, "roles[0].description"),
        ("/conflicts/0", "reason", json!(false), "conflicts[0].reason"),
        (
            "/conflicts/0",
            "roles",
            json!("incident-manager"),
            "conflicts[0].roles",
        ),
        (
            "/assignments/0",
            "person",
            json!(["p-sam"]),
            "assignments[0].person",
        ),
        (
            "/incidents/0",
            "services",
            json!("search"),
            "incidents[0].services",
        ),
        ("/incidents/0", "summary", Value::Null, "incidents[0].summary"),
        (
            "/incidents/0/timeline/0",
            "text",
            json!(5),
            "incidents[0].timeline[0].text",
        ),
        ("/releases/0", "notes", json!({}), "releases[0].notes"),
        ("/reviews/0", "lessons", json!([]), "reviews[0].lessons"),
        (
            "/reviews/0",
            "went_well",
            json!("all of it"),
            "reviews[0].went_well",
        ),
        (
            "/reviews/0/actions/0",
            "done",
            json!("no"),
            "reviews[0].actions[0].done",
        ),
        (
            "/reviews/0/actions/0",
            "priority",
            Value::Null,
            "reviews[0].actions[0].priority",
        ),
    ] {
        refused_at(path, |v| v.pointer_mut(pointer).unwrap()[key] = bad.clone());
    }
    let m = refused_at("people[1].name", |v| v["people"][1]["name"] = json!(7));
    assert_eq!(m, "must be text, but it is the number 7.");
}

#[test]
fn list_items_must_be_texts() {
    refused_at("people[0].skills[1]", |v| v["people"][0]["skills"][1] = json!(2));
    refused_at("incidents[0].services[0]", |v| {
        v["incidents"][0]["services"][0] = Value::Null
    });
    refused_at("reviews[0].lucky[0]", |v| {
        v["reviews"][0]["lucky"] = json!([{"text": "x"}])
    });
    refused_at("reviews[0].key_moments[0]", |v| {
        v["reviews"][0]["key_moments"] = json!([1])
    });
}

#[test]
fn enumerations_only_take_their_listed_values() {
    for (pointer, key, path, listed) in [
        (
            "/roles/0",
            "scope",
            "roles[0].scope",
            "standing, incident, release",
        ),
        (
            "/incidents/0",
            "severity",
            "incidents[0].severity",
            "sev1, sev2, sev3, sev4",
        ),
        (
            "/incidents/0",
            "status",
            "incidents[0].status",
            "investigating, identified, monitoring, resolved, closed",
        ),
        (
            "/incidents/0/timeline/0",
            "kind",
            "incidents[0].timeline[0].kind",
            "note, action, decision, status, role, comms",
        ),
        (
            "/incidents/0/timeline/0",
            "status",
            "incidents[0].timeline[0].status",
            "investigating, identified",
        ),
        (
            "/releases/0",
            "status",
            "releases[0].status",
            "planned, in-progress, deployed, rolled-back, cancelled",
        ),
        (
            "/reviews/0",
            "status",
            "reviews[0].status",
            "draft, in-review, published",
        ),
        ("/reviews/0", "kind", "reviews[0].kind", "quick, full"),
    ] {
        let m = refused_at(path, |v| v.pointer_mut(pointer).unwrap()[key] = json!("Bogus"));
        assert!(m.starts_with("is \"Bogus\"; it must be one of "), "{m}");
        assert!(m.contains(listed), "{path}: {m}");
    }
    // Case matters: the format writes them in lower case.
    refused_at("incidents[0].severity", |v| {
        v["incidents"][0]["severity"] = json!("SEV1")
    });
    accepted(|v| v["incidents"][0]["timeline"][0]["status"] = json!("monitoring"));
}

// --- times, dates, numbers -------------------------------------------------------------------

#[test]
fn times_need_rfc3339_with_an_offset() {
    for bad in [
        "2026-11-27 22:10",
        "2026-11-27T22:10:00",
        "2026-11-27T22:10Z",
        "2026-11-27",
        "27/11/2026 22:10",
        "2026-13-01T00:00:00Z",
        "",
    ] {
        let m = refused_at("assignments[0].start", |v| {
            v["assignments"][0]["start"] = json!(bad)
        });
        assert!(m.contains("RFC 3339"), "{m}");
    }
    refused_at("assignments[0].start", |v| {
        v["assignments"][0]["start"] = json!(1764281400)
    });
    for (pointer, key, path) in [
        ("/people/0", "updated_at", "people[0].updated_at"),
        ("/assignments/1", "end", "assignments[1].end"),
        ("/incidents/0", "started_at", "incidents[0].started_at"),
        ("/incidents/0", "detected_at", "incidents[0].detected_at"),
        ("/incidents/0", "resolved_at", "incidents[0].resolved_at"),
        ("/incidents/0/timeline/0", "at", "incidents[0].timeline[0].at"),
        ("/releases/0", "planned_start", "releases[0].planned_start"),
        ("/releases/0", "planned_end", "releases[0].planned_end"),
        ("/reviews/0", "updated_at", "reviews[0].updated_at"),
        ("/reviews/0/actions/0", "done_at", "reviews[0].actions[0].done_at"),
    ] {
        refused_at(path, |v| {
            v.pointer_mut(pointer).unwrap()[key] = json!("2026-11-27 22:10")
        });
    }
}

#[test]
fn times_that_would_not_survive_export_are_refused() {
    // In UTC this is year 10000, which cannot be written back as RFC 3339.
    refused_at("incidents[0].resolved_at", |v| {
        v["incidents"][0]["resolved_at"] = json!("9999-12-31T23:00:00-05:00")
    });
}

#[test]
fn due_dates_are_yyyy_mm_dd() {
    for bad in [
        "2026-12-15T00:00:00Z",
        "15/12/2026",
        "2026-2-5",
        "2026-02-30",
        "+2026-12-15",
    ] {
        let m = refused_at("reviews[0].actions[0].due", |v| {
            v["reviews"][0]["actions"][0]["due"] = json!(bad)
        });
        assert!(m.contains("YYYY-MM-DD"), "{m}");
    }
}

#[test]
fn weights_and_capacities_are_not_negative() {
    refused_at("roles[1].weight", |v| v["roles"][1]["weight"] = json!(-1));
    refused_at("people[0].capacity", |v| v["people"][0]["capacity"] = json!(-0.5));
    let ws = accepted(|v| {
        v["roles"][1]["weight"] = json!(0);
        v["people"][0]["capacity"] = json!(0.5);
    });
    assert_eq!(ws.roles[1].weight, 0.0);
}

// --- references ----------------------------------------------------------------------------

#[test]
fn an_assignment_naming_a_missing_person_says_so() {
    let m = refused_at("assignments[0].person", |v| {
        v["assignments"][0]["person"] = json!("p-x")
    });
    assert_eq!(m, "names person \"p-x\", which is not in the file's people.");
}

#[test]
fn every_reference_must_resolve() {
    for (pointer, key, bad, path, noun) in [
        ("/assignments/2", "role", "chair", "assignments[2].role", "role"),
        (
            "/assignments/0",
            "incident",
            "i-x",
            "assignments[0].incident",
            "incident",
        ),
        (
            "/assignments/1",
            "release",
            "r-x",
            "assignments[1].release",
            "release",
        ),
        (
            "/incidents/0",
            "release",
            "r-x",
            "incidents[0].release",
            "release",
        ),
        (
            "/incidents/0/timeline/0",
            "author",
            "p-x",
            "incidents[0].timeline[0].author",
            "person",
        ),
        ("/reviews/0", "incident", "i-x", "reviews[0].incident", "incident"),
        (
            "/reviews/0/actions/0",
            "owner",
            "p-x",
            "reviews[0].actions[0].owner",
            "person",
        ),
    ] {
        let m = refused_at(path, |v| v.pointer_mut(pointer).unwrap()[key] = json!(bad));
        assert!(m.starts_with(&format!("names {noun} \"{bad}\"")), "{m}");
    }
    let m = refused_at("people[0].skills[1]", |v| {
        v["people"][0]["skills"][1] = json!("wizard")
    });
    assert_eq!(m, "names role \"wizard\", which is not in the file's roles.");
    refused_at("conflicts[0].roles[1]", |v| {
        v["conflicts"][0]["roles"][1] = json!("wizard")
    });
}

#[test]
fn a_conflict_names_exactly_two_different_roles() {
    let m = refused_at("conflicts[0].roles", |v| {
        v["conflicts"][0]["roles"] = json!(["incident-manager", "third-line-lead", "release-manager"])
    });
    assert_eq!(m, "must list exactly two role ids, but it lists 3.");
    refused_at("conflicts[0].roles", |v| {
        v["conflicts"][0]["roles"] = json!(["incident-manager"])
    });
    let m = refused_at("conflicts[0].roles[1]", |v| {
        v["conflicts"][0]["roles"] = json!(["incident-manager", "incident-manager"])
    });
    assert!(m.contains("two different roles"), "{m}");
    refused_at("conflicts[0].roles[0]", |v| {
        v["conflicts"][0]["roles"][0] = json!(null)
    });
}

#[test]
fn key_moments_name_entries_of_the_reviewed_incidents_timeline() {
    let ws = accepted(|v| v["reviews"][0]["key_moments"] = json!(["t-1"]));
    assert_eq!(ws.reviews[0].key_moments, ["t-1"]);
    let m = refused_at("reviews[0].key_moments[1]", |v| {
        v["reviews"][0]["key_moments"] = json!(["t-1", "t-9"])
    });
    assert_eq!(
        m,
        "names timeline entry \"t-9\", which is not in the timeline of incident \"i-2026-031\"."
    );
    // A broken timeline is reported once, on the incident, not again for each key moment.
    refused_at("incidents[0].timeline", |v| {
        v["incidents"][0]["timeline"] = json!({"t-1": {}});
        v["reviews"][0]["key_moments"] = json!(["t-1"]);
    });
    // An entry of another incident's timeline is not a key moment of this one.
    refused_at("reviews[0].key_moments[0]", |v| {
        let mut other = v["incidents"][0].clone();
        other["id"] = json!("i-2026-032");
        other["timeline"][0]["id"] = json!("t-other");
        v["incidents"].as_array_mut().unwrap().push(other);
        v["reviews"][0]["key_moments"] = json!(["t-other"]);
    });
}

// --- published reviews ---------------------------------------------------------------------

/// The example's review, published by Sam after Ana asked for review, with its record.
fn publish(v: &mut Value) {
    let r = &mut v["reviews"][0];
    r["status"] = json!("published");
    r["status_log"] = json!([
        { "at": "2026-11-28T09:00:00Z", "by": "p-ana", "from": "draft", "to": "in-review" },
        { "at": "2026-11-28T10:00:00Z", "by": "p-sam", "from": "in-review", "to": "published" }
    ]);
    r["published"] = json!({
        "at": "2026-11-28T10:00:00Z", "by": "p-sam",
        "roles": [{ "person": "p-gone", "person_name": "Someone since removed",
                    "role": "incident-manager", "role_name": "Incident manager",
                    "from": "2026-11-27T22:10:00Z", "to": "2026-11-28T01:00:00Z" }],
        "statements": ["Sam Rivera held Incident manager and 3rd line lead for 1 h."],
        "facts": { "title": "Search returns 502 for all users", "severity": "sev1",
                   "started_at": "2026-11-27T21:58:00Z", "detected_at": "2026-11-27T22:05:00Z",
                   "resolved_at": "2026-11-28T01:08:00Z", "services": ["search"] }
    });
    r["actions"][0]["created_at"] = json!("2026-11-28T08:00:00Z");
}

fn published_example() -> Value {
    let mut v = example();
    publish(&mut v);
    v
}

#[test]
fn old_files_import_without_a_status_log_record_or_creation_time() {
    let ws = accepted(|_| {});
    let r = &ws.reviews[0];
    assert!(r.status_log.is_empty() && r.published.is_none());
    assert_eq!(r.actions[0].created_at, None);
    assert!(!ws.to_json().contains("status_log") && !ws.to_json().contains("created_at"));
}

#[test]
fn a_published_review_with_its_log_and_record_imports() {
    let ws = accepted(publish);
    let r = &ws.reviews[0];
    assert_eq!(r.status_log.len(), 2);
    assert_eq!(r.status_log[1].by.as_deref(), Some("p-sam"));
    let p = r.published.as_ref().unwrap();
    assert_eq!(
        p.roles[0].person, "p-gone",
        "role records keep ids that need not resolve"
    );
    assert_eq!(p.facts.resolved_at, Some(utc("2026-11-28T01:08:00Z")));
    assert_eq!(r.actions[0].created_at, Some(utc("2026-11-28T08:00:00Z")));
    // Optional parts may be left out or null.
    accepted(|v| {
        publish(v);
        v["reviews"][0]["status_log"][0]["by"] = Value::Null;
        v["reviews"][0]["published"]["by"] = Value::Null;
        v["reviews"][0]["published"]["facts"]["resolved_at"] = Value::Null;
        v["reviews"][0]["actions"][0]["created_at"] = Value::Null;
        for k in ["roles", "statements"] {
            v["reviews"][0]["published"].as_object_mut().unwrap().remove(k);
        }
    });
    accepted(|v| v["reviews"][0]["published"] = Value::Null);
}

#[test]
fn a_status_log_names_people_in_the_file_statuses_and_times() {
    let at = |path: &str, change: fn(&mut Value)| {
        refused_at(path, |v| {
            publish(v);
            change(v)
        })
    };
    let m = at("reviews[0].status_log[1].by", |v| {
        v["reviews"][0]["status_log"][1]["by"] = json!("p-nobody")
    });
    assert_eq!(m, "names person \"p-nobody\", which is not in the file's people.");
    at("reviews[0].status_log[0].from", |v| {
        v["reviews"][0]["status_log"][0]["from"] = json!("done")
    });
    at("reviews[0].status_log[0].to", |v| {
        v["reviews"][0]["status_log"][0]
            .as_object_mut()
            .unwrap()
            .remove("to");
    });
    let m = at("reviews[0].status_log[0].at", |v| {
        v["reviews"][0]["status_log"][0]["at"] = json!("yesterday")
    });
    assert!(m.contains("RFC 3339"), "{m}");
    at("reviews[0].status_log", |v| {
        v["reviews"][0]["status_log"] = json!({})
    });
    at("reviews[0].status_log[0]", |v| {
        v["reviews"][0]["status_log"][0] = json!("draft")
    });
    at("reviews[0].actions[0].created_at", |v| {
        v["reviews"][0]["actions"][0]["created_at"] = json!(12)
    });
}

#[test]
fn a_published_record_is_checked_and_only_kept_while_published() {
    let at = |path: &str, change: fn(&mut Value)| {
        refused_at(path, |v| {
            publish(v);
            change(v)
        })
    };
    let m = at("reviews[0].published", |v| {
        v["reviews"][0]["status"] = json!("draft")
    });
    assert!(
        m.contains("remove `published` or set the status to \"published\""),
        "{m}"
    );
    at("reviews[0].published.by", |v| {
        v["reviews"][0]["published"]["by"] = json!("p-nobody")
    });
    at("reviews[0].published.at", |v| {
        v["reviews"][0]["published"].as_object_mut().unwrap().remove("at");
    });
    let m = at("reviews[0].published.facts", |v| {
        v["reviews"][0]["published"]
            .as_object_mut()
            .unwrap()
            .remove("facts");
    });
    assert!(
        m.starts_with("is missing; every published record needs `facts`"),
        "{m}"
    );
    at("reviews[0].published.facts.severity", |v| {
        v["reviews"][0]["published"]["facts"]["severity"] = json!("sev0")
    });
    at("reviews[0].published.facts.title", |v| {
        v["reviews"][0]["published"]["facts"]["title"] = Value::Null
    });
    at("reviews[0].published.roles[0].from", |v| {
        v["reviews"][0]["published"]["roles"][0]
            .as_object_mut()
            .unwrap()
            .remove("from");
    });
    at("reviews[0].published.roles[0].person_name", |v| {
        v["reviews"][0]["published"]["roles"][0]["person_name"] = json!(7)
    });
    at("reviews[0].published.statements[0]", |v| {
        v["reviews"][0]["published"]["statements"] = json!([1])
    });
    at("reviews[0].published", |v| {
        v["reviews"][0]["published"] = json!("yes")
    });
}

// --- assignment rules ----------------------------------------------------------------------

#[test]
fn an_assignment_cannot_end_before_it_starts() {
    let m = refused_at("assignments[1].end", |v| {
        v["assignments"][1]["end"] = json!("2026-11-27T19:59:59Z")
    });
    assert!(m.contains("is before start"), "{m}");
}

#[test]
fn an_incident_role_needs_an_incident_and_no_release() {
    let m = refused_at("assignments[0].incident", |v| {
        v["assignments"][0]["incident"] = Value::Null
    });
    assert!(m.contains("role \"incident-manager\" has scope incident"), "{m}");
    refused_at("assignments[0].incident", |v| {
        remove(v, "/assignments/0", "incident")
    });
    let m = refused_at("assignments[0].release", |v| {
        v["assignments"][0]["release"] = json!("r-0.9.250")
    });
    assert!(m.starts_with("must be null or left out"), "{m}");
}

#[test]
fn a_release_role_needs_a_release_and_no_incident() {
    let m = refused_at("assignments[1].release", |v| {
        remove(v, "/assignments/1", "release")
    });
    assert!(m.contains("scope release"), "{m}");
    refused_at("assignments[1].incident", |v| {
        v["assignments"][1]["incident"] = json!("i-2026-031")
    });
}

#[test]
fn a_standing_role_names_neither_incident_nor_release() {
    let m = refused_at("assignments[2].incident", |v| {
        v["assignments"][2]["incident"] = json!("i-2026-031")
    });
    assert!(m.contains("standing role"), "{m}");
    refused_at("assignments[2].release", |v| {
        v["assignments"][2]["release"] = json!("r-0.9.250")
    });
    let mut v = example();
    v["assignments"][2]["incident"] = json!("i-2026-031");
    v["assignments"][2]["release"] = json!("r-0.9.250");
    let paths: Vec<String> = errors_of(&v).into_iter().map(|e| e.path).collect();
    assert_eq!(paths, ["assignments[2].incident", "assignments[2].release"]);
}

// --- times: entries linked to records (extension) ---------------------------------------------

/// The example with every time extension filled in: a role entry that starts a-17, the
/// incident recorded after the fact, and the release's own timeline with the deploy that
/// ended a-18.
fn with_time_links(v: &mut Value) {
    v["incidents"][0]["backfill"] = json!(true);
    v["incidents"][0]["timeline"].as_array_mut().unwrap().push(json!({
        "id": "t-2", "at": "2026-11-27T22:10:00Z", "kind": "role",
        "text": "Sam Rivera is now Incident manager", "author": "p-sam", "starts": ["a-17"]
    }));
    v["assignments"][1]["end"] = json!("2026-11-27T20:40:00Z");
    v["releases"][0]["timeline"] = json!([
        { "id": "t-1", "at": "2026-11-27T20:15:00Z", "kind": "status",
          "text": "Status: Planned → In progress", "release_status": "in-progress" },
        { "id": "t-2", "at": "2026-11-27T20:40:00Z", "kind": "status",
          "text": "Status: In progress → Deployed; roles ended: Ana Lima (Release manager)",
          "author": "p-ana", "release_status": "deployed", "ends": ["a-18"] }
    ]);
}

/// `with_time_links` plus one more change, refused with exactly one error at `path`.
fn linked_refused_at(path: &str, change: impl FnOnce(&mut Value)) -> String {
    refused_at(path, |v| {
        with_time_links(v);
        change(v);
    })
}

#[test]
fn linked_times_import_and_round_trip() {
    let ws = accepted(with_time_links);
    let incident = &ws.incidents[0];
    assert!(incident.backfill);
    assert_eq!(incident.timeline[1].starts, ["a-17"]);
    assert!(incident.timeline[1].ends.is_empty());
    let release = &ws.releases[0];
    assert_eq!(release.timeline.len(), 2);
    assert_eq!(release.timeline[1].release_status, Some(ReleaseStatus::Deployed));
    assert_eq!(release.timeline[1].ends, ["a-18"]);
    assert_eq!(release.timeline[1].author.as_deref(), Some("p-ana"));

    let out = ws.to_json();
    assert_eq!(Workspace::from_json(&out).unwrap().to_json(), out);
    let back: Value = serde_json::from_str(&out).unwrap();
    let mut v = example();
    with_time_links(&mut v);
    assert_eq!(back["incidents"][0]["backfill"], json!(true));
    assert_eq!(
        back["incidents"][0]["timeline"][1],
        v["incidents"][0]["timeline"][1]
    );
    assert_eq!(back["releases"][0]["timeline"], v["releases"][0]["timeline"]);
}

#[test]
fn empty_links_and_a_false_backfill_import_and_are_not_written_back() {
    let ws = accepted(|v| {
        with_time_links(v);
        v["incidents"][0]["backfill"] = json!(false);
        v["incidents"][0]["timeline"][1]["starts"] = json!([]);
        v["incidents"][0]["timeline"][1]["ends"] = json!([]);
        v["releases"][0]["timeline"] = json!([]);
    });
    let out = ws.to_json();
    for key in ["\"backfill\"", "\"starts\"", "\"ends\"", "\"release_status\""] {
        assert!(!out.contains(key), "{key} written back:\n{out}");
    }
    let back: Value = serde_json::from_str(&out).unwrap();
    assert!(back["releases"][0].get("timeline").is_none());
    // A null release status is "none", like a null status.
    let ws = accepted(|v| {
        with_time_links(v);
        v["releases"][0]["timeline"][0]["release_status"] = Value::Null;
    });
    assert_eq!(ws.releases[0].timeline[0].release_status, None);
}

#[test]
fn starts_and_ends_name_assignments_in_the_file() {
    let m = linked_refused_at("incidents[0].timeline[1].starts[0]", |v| {
        v["incidents"][0]["timeline"][1]["starts"] = json!(["a-x"])
    });
    assert_eq!(
        m,
        "names assignment \"a-x\", which is not in the file's assignments."
    );
    linked_refused_at("incidents[0].timeline[1].ends[1]", |v| {
        v["incidents"][0]["timeline"][1]["ends"] = json!(["a-17", "a-gone"])
    });
    linked_refused_at("releases[0].timeline[1].ends[0]", |v| {
        v["releases"][0]["timeline"][1]["ends"] = json!(["a-x"])
    });
    linked_refused_at("releases[0].timeline[0].starts[0]", |v| {
        v["releases"][0]["timeline"][0]["starts"] = json!(["a-x"])
    });
    // An id of another collection is not an assignment's.
    linked_refused_at("incidents[0].timeline[1].starts[0]", |v| {
        v["incidents"][0]["timeline"][1]["starts"] = json!(["p-sam"])
    });
    // Every dangling link is reported, each at its own path.
    refused_with(
        &[
            "incidents[0].timeline[1].starts[0]",
            "incidents[0].timeline[1].ends[0]",
            "releases[0].timeline[1].ends[1]",
        ],
        |v| {
            with_time_links(v);
            v["incidents"][0]["timeline"][1]["starts"] = json!(["a-1"]);
            v["incidents"][0]["timeline"][1]["ends"] = json!(["a-2"]);
            v["releases"][0]["timeline"][1]["ends"] = json!(["a-18", "a-3"]);
        },
    );
    // A tombstoned assignment may still be named, like any tombstoned record.
    accepted(|v| {
        with_time_links(v);
        v["assignments"][0]["deleted_at"] = json!("2026-11-28T00:00:00Z");
    });
    // Assignments that are not a list at all are one problem, not one per link.
    refused_at("assignments", |v| {
        with_time_links(v);
        v["assignments"] = json!({"a-17": {}});
    });
}

#[test]
fn starts_and_ends_are_lists_of_assignment_ids() {
    let m = linked_refused_at("incidents[0].timeline[1].starts", |v| {
        v["incidents"][0]["timeline"][1]["starts"] = json!("a-17")
    });
    assert_eq!(
        m,
        "must be a list of assignment ids, but it is the text \"a-17\"."
    );
    let m = linked_refused_at("incidents[0].timeline[1].starts[0]", |v| {
        v["incidents"][0]["timeline"][1]["starts"] = json!([17])
    });
    assert_eq!(m, "must be the id of an assignment, but it is the number 17.");
    let m = linked_refused_at("releases[0].timeline[1].ends", |v| {
        v["releases"][0]["timeline"][1]["ends"] = Value::Null
    });
    assert_eq!(m, "is null; give it a list of assignment ids or leave it out.");
    linked_refused_at("releases[0].timeline[1].ends[0]", |v| {
        v["releases"][0]["timeline"][1]["ends"] = json!([{"id": "a-18"}])
    });
    linked_refused_at("incidents[0].timeline[1].ends", |v| {
        v["incidents"][0]["timeline"][1]["ends"] = json!({"a-17": true})
    });
}

#[test]
fn release_status_is_one_of_the_release_statuses() {
    let m = linked_refused_at("releases[0].timeline[1].release_status", |v| {
        v["releases"][0]["timeline"][1]["release_status"] = json!("shipped")
    });
    assert_eq!(
        m,
        "is \"shipped\"; it must be one of planned, in-progress, deployed, rolled-back, cancelled."
    );
    linked_refused_at("releases[0].timeline[1].release_status", |v| {
        v["releases"][0]["timeline"][1]["release_status"] = json!(3)
    });
    // An incident's statuses and a release's are not interchangeable.
    linked_refused_at("releases[0].timeline[1].release_status", |v| {
        v["releases"][0]["timeline"][1]["release_status"] = json!("resolved")
    });
    linked_refused_at("releases[0].timeline[1].status", |v| {
        v["releases"][0]["timeline"][1]["status"] = json!("deployed")
    });
    linked_refused_at("incidents[0].timeline[1].release_status", |v| {
        v["incidents"][0]["timeline"][1]["release_status"] = json!("Deployed")
    });
}

#[test]
fn backfill_is_true_or_false() {
    let m = refused_at("incidents[0].backfill", |v| {
        v["incidents"][0]["backfill"] = json!("yes")
    });
    assert_eq!(m, "must be true or false, but it is the text \"yes\".");
    refused_at("incidents[0].backfill", |v| {
        v["incidents"][0]["backfill"] = json!(1)
    });
    let m = refused_at("incidents[0].backfill", |v| {
        v["incidents"][0]["backfill"] = Value::Null
    });
    assert_eq!(m, "is null; give it true or false or leave it out.");
    assert!(accepted(|v| v["incidents"][0]["backfill"] = json!(true)).incidents[0].backfill);
}

#[test]
fn a_release_timeline_is_checked_like_an_incident_timeline() {
    let m = linked_refused_at("releases[0].timeline", |v| {
        v["releases"][0]["timeline"] = json!({"t-1": {}})
    });
    assert_eq!(m, "must be a list (JSON array), but it is an object.");
    linked_refused_at("releases[0].timeline", |v| {
        v["releases"][0]["timeline"] = Value::Null
    });
    let m = linked_refused_at("releases[0].timeline[0]", |v| {
        v["releases"][0]["timeline"][0] = json!("t-1")
    });
    assert_eq!(
        m,
        "must be an object (one timeline entry), but it is the text \"t-1\"."
    );
    for key in ["id", "at", "kind"] {
        let path = format!("releases[0].timeline[1].{key}");
        let m = linked_refused_at(&path, |v| remove(v, "/releases/0/timeline/1", key));
        assert!(m.starts_with("is missing; every timeline entry needs "), "{m}");
    }
    for (key, bad, path) in [
        ("id", json!(""), "releases[0].timeline[0].id"),
        ("at", json!("2026-11-27 20:40"), "releases[0].timeline[0].at"),
        ("at", Value::Null, "releases[0].timeline[0].at"),
        ("kind", json!("deploy"), "releases[0].timeline[0].kind"),
        ("text", json!(5), "releases[0].timeline[0].text"),
        ("author", json!("p-x"), "releases[0].timeline[0].author"),
        ("author", json!(["p-sam"]), "releases[0].timeline[0].author"),
        (
            "deleted_at",
            json!("yesterday"),
            "releases[0].timeline[0].deleted_at",
        ),
    ] {
        linked_refused_at(path, |v| v["releases"][0]["timeline"][0][key] = bad.clone());
    }
    // Ids are unique within the release's timeline, ...
    let m = linked_refused_at("releases[0].timeline[1].id", |v| {
        v["releases"][0]["timeline"][1]["id"] = json!("t-1")
    });
    assert_eq!(
        m,
        "\"t-1\" is already the id of releases[0].timeline[0]; ids must be unique within a \
         release's timeline."
    );
    // ... not across timelines: the incident's t-1 and t-2 are other entries (with_time_links).
    accepted(with_time_links);
    // A tombstoned entry and an unknown field are kept.
    let ws = accepted(|v| {
        with_time_links(v);
        v["releases"][0]["timeline"][0]["deleted_at"] = json!("2026-11-27T21:00:00Z");
        v["releases"][0]["timeline"][0]["x_pipeline"] = json!(42);
    });
    assert!(ws.releases[0].timeline[0].deleted_at.is_some());
    assert_eq!(ws.releases[0].timeline[0].extra["x_pipeline"], json!(42));
}

/// A file written before entries named their records, by an older Hatrack: the declaration at
/// the click (after the start), a resolve entry at a different time than `resolved_at`, a role
/// still open after the resolution, a role before the start, one person holding one role twice
/// at once, statuses out of time order, a note far in the future, and a release manager still
/// on a deployed release. None of the time rules is an import rule. Written in the form
/// Hatrack exports, so that "unchanged" can be checked as "exported again, the same JSON".
const BEFORE_LINKS: &str = r#"{
  "format": "hatrack-workspace",
  "version": 1,
  "settings": { "default_capacity": 3.0, "action_item_weight": 0.5 },
  "people": [
    { "id": "p-sam", "name": "Sam Rivera", "skills": [] },
    { "id": "p-ana", "name": "Ana Lima", "skills": [] }
  ],
  "roles": [
    { "id": "incident-manager", "name": "Incident manager", "scope": "incident",
      "weight": 3.0, "description": "" },
    { "id": "release-manager", "name": "Release manager", "scope": "release",
      "weight": 2.0, "description": "" }
  ],
  "conflicts": [],
  "assignments": [
    { "id": "a-1", "person": "p-sam", "role": "incident-manager",
      "start": "2026-11-27T22:10:00Z", "end": null, "incident": "i-1", "release": null },
    { "id": "a-2", "person": "p-ana", "role": "incident-manager",
      "start": "2026-11-27T21:30:00Z", "end": "2026-11-27T22:00:00Z", "incident": "i-1", "release": null },
    { "id": "a-3", "person": "p-sam", "role": "incident-manager",
      "start": "2026-11-27T22:00:00Z", "end": "2026-11-27T23:00:00Z", "incident": "i-1", "release": null },
    { "id": "a-4", "person": "p-ana", "role": "release-manager",
      "start": "2026-11-27T20:00:00Z", "end": null, "incident": null, "release": "r-1" }
  ],
  "incidents": [
    { "id": "i-1", "title": "Search returns 502", "severity": "sev1", "status": "resolved",
      "started_at": "2026-11-27T21:58:00Z", "resolved_at": "2026-11-27T23:40:00Z",
      "services": [], "summary": "", "release": "r-1",
      "timeline": [
        { "id": "t-1", "at": "2026-11-27T21:50:00Z", "kind": "status",
          "text": "Status: investigating → identified", "status": "identified" },
        { "id": "t-2", "at": "2026-11-27T22:20:00Z", "kind": "status",
          "text": "Incident declared (sev1)", "status": "investigating" },
        { "id": "t-3", "at": "2026-11-27T22:20:00Z", "kind": "role",
          "text": "Sam Rivera is now Incident manager" },
        { "id": "t-4", "at": "2026-11-27T23:45:00Z", "kind": "status",
          "text": "Status: identified → resolved", "status": "resolved" },
        { "id": "t-5", "at": "2099-01-01T00:00:00Z", "kind": "note", "text": "Written later" }
      ] }
  ],
  "releases": [
    { "id": "r-1", "name": "0.9.250", "status": "deployed",
      "deployed_at": "2026-11-27T20:40:00Z", "notes": "" }
  ],
  "reviews": []
}"#;

#[test]
fn files_from_before_linked_times_import_unchanged() {
    let input: Value = serde_json::from_str(BEFORE_LINKS).unwrap();
    let ws = Workspace::from_json(BEFORE_LINKS).unwrap_or_else(|e| panic!("refused:\n{e}"));
    // Nothing gained: no links, no release timeline, no backfill, every time as it was.
    for e in &ws.incidents[0].timeline {
        assert!(e.starts.is_empty() && e.ends.is_empty() && e.release_status.is_none());
    }
    assert!(ws.releases[0].timeline.is_empty());
    assert!(!ws.incidents[0].backfill);
    assert_eq!(ws.incidents[0].resolved_at, Some(utc("2026-11-27T23:40:00Z")));
    assert_eq!(ws.incidents[0].timeline[1].at, utc("2026-11-27T22:20:00Z"));
    assert_eq!(ws.assignments[0].end, None);
    assert_eq!(ws.assignments[3].end, None);
    // Exported again, it is the same file.
    let out: Value = serde_json::from_str(&ws.to_json()).unwrap();
    assert_eq!(out, input);
}

/// Whether every value of `old` is in `new` at the same place: times as the same instant,
/// numbers as the same number (`3` is exported as `3.0`), and a default Hatrack leaves out
/// (`"active": true`, an empty list) as left out.
fn kept(old: &Value, new: &Value, path: &str, lost: &mut Vec<String>) {
    let is_default = |v: &Value| {
        matches!(v, Value::Null | Value::Bool(true))
            || v.as_str().is_some_and(str::is_empty)
            || v.as_array().is_some_and(Vec::is_empty)
    };
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (k, v) in o {
                match n.get(k) {
                    Some(nv) => kept(v, nv, &format!("{path}.{k}"), lost),
                    None if is_default(v) => {}
                    None => lost.push(format!("{path}.{k}: {v} was left out")),
                }
            }
        }
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                kept(a, b, &format!("{path}[{i}]"), lost);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (Value::String(a), Value::String(b))
            if a == b
                || DateTime::parse_from_rfc3339(a)
                    .is_ok_and(|t| DateTime::parse_from_rfc3339(b).is_ok_and(|u| t == u)) => {}
        _ if old == new => {}
        _ => lost.push(format!("{path}: {old} became {new}")),
    }
}

/// Keys of the time extensions anywhere in `v`.
fn link_keys(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, c) in o {
                if ["starts", "ends", "release_status", "backfill"].contains(&k.as_str()) {
                    out.push(format!("{path}.{k}"));
                }
                link_keys(c, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                link_keys(c, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_fixture_files_import_unchanged_and_round_trip() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    order::sort(&mut names);
    assert!(names.len() >= 10, "fixtures: {names:?}");
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        if name == "broken.json" {
            // Refused as before, at the paths the end-to-end test shows.
            let paths: Vec<String> = text_refused(&text).0.into_iter().map(|e| e.path).collect();
            assert_eq!(
                paths,
                [
                    "people[1].id",
                    "assignments[0].person",
                    "assignments[0].start",
                    "assignments[0].incident",
                    "incidents[0].severity"
                ]
            );
            continue;
        }
        if name == "sharing-newer.json" {
            // Refused as before: a newer Hatrack wrote it.
            assert!(text_refused(&text).is_newer_version());
            continue;
        }
        let ws = Workspace::from_json(&text).unwrap_or_else(|e| panic!("{name} refused:\n{e}"));
        let out = ws.to_json();
        assert_eq!(Workspace::from_json(&out).unwrap().to_json(), out, "{name}");
        let (old, new): (Value, Value) = (
            serde_json::from_str(&text).unwrap(),
            serde_json::from_str(&out).unwrap(),
        );
        let mut lost = vec![];
        kept(&old, &new, "", &mut lost);
        assert!(lost.is_empty(), "{name}: {lost:#?}");
        let mut gained = vec![];
        link_keys(&new, "", &mut gained);
        if let Some(releases) = new["releases"].as_array() {
            gained.extend(
                (0..releases.len())
                    .filter(|&i| releases[i].get("timeline").is_some())
                    .map(|i| format!("releases[{i}].timeline")),
            );
        }
        assert!(gained.is_empty(), "{name} gained {gained:?}");
    }
}

// --- reporting -----------------------------------------------------------------------------

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut v = example();
    v["format"] = json!("hatrack");
    v["people"][1]["name"] = json!(7);
    v["roles"][0]["weight"] = json!(-3);
    v["assignments"][0]["person"] = json!("p-x");
    v["assignments"][1]["start"] = json!("2026-11-27 22:10");
    v["incidents"][0]["severity"] = json!("sev9");
    v["incidents"][0]["timeline"][0]["at"] = json!("soon");
    v["reviews"][0]["actions"][0]["owner"] = json!("p-y");
    let errors = errors_of(&v);
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "format",
            "people[1].name",
            "roles[0].weight",
            "assignments[0].person",
            "assignments[1].start",
            "incidents[0].severity",
            "incidents[0].timeline[0].at",
            "reviews[0].actions[0].owner",
        ]
    );
}

#[test]
fn errors_display_one_per_line_as_path_and_sentence() {
    let mut v = example();
    v["assignments"][0]["person"] = json!("p-x");
    v["roles"][0]["weight"] = json!(-3);
    let e = import(&v).unwrap_err();
    assert_eq!(
        e.to_string(),
        "roles[0].weight: must be 0 or more, but it is -3.\n\
         assignments[0].person: names person \"p-x\", which is not in the file's people."
    );
    assert!(!e.is_newer_version());
    // A whole-file problem has no path to show.
    assert_eq!(text_refused("[]").to_string(), text_refused("[]").0[0].message);
}

#[test]
fn odd_keys_are_quoted_in_paths() {
    refused_at(r#"settings.severity_descriptions["sev 1.x"]"#, |v| {
        v["settings"]["severity_descriptions"] = json!({"sev 1.x": 1})
    });
}

// --- round trips ---------------------------------------------------------------------------

#[test]
fn unknown_fields_survive_import_and_export_in_their_order() {
    let mut v = example();
    let top = v.as_object_mut().unwrap();
    top.insert("zeta_top".into(), json!({"nested": [1, 2.5, null, "x"]}));
    top.insert("alpha_top".into(), json!(true));
    v["settings"]["theme"] = json!("dark");
    v["people"][0]["pronouns"] = json!("they/them");
    v["people"][0]["badge"] = json!({"colour": "teal", "n": 3});
    v["conflicts"][0]["source"] = json!("policy 4.2");
    v["incidents"][0]["timeline"][0]["mood"] = json!("calm");
    v["reviews"][0]["actions"][0]["ticket"] = json!("OPS-12");
    v["assignments"][0]["note"] = json!(null);

    let out: Value = serde_json::from_str(&import(&v).unwrap().to_json()).unwrap();
    assert_eq!(out["zeta_top"], v["zeta_top"]);
    assert_eq!(out["alpha_top"], json!(true));
    assert_eq!(out["settings"]["theme"], json!("dark"));
    assert_eq!(out["people"][0]["pronouns"], json!("they/them"));
    assert_eq!(out["people"][0]["badge"], json!({"colour": "teal", "n": 3}));
    assert_eq!(out["conflicts"][0]["source"], json!("policy 4.2"));
    assert_eq!(out["incidents"][0]["timeline"][0]["mood"], json!("calm"));
    assert_eq!(out["reviews"][0]["actions"][0]["ticket"], json!("OPS-12"));
    assert!(out["assignments"][0].as_object().unwrap().contains_key("note"));

    // Known fields first, in model order; unknown ones after, in the order they came.
    let keys: Vec<&str> = out.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(&keys[..2], ["format", "version"]);
    assert_eq!(&keys[keys.len() - 2..], ["zeta_top", "alpha_top"]);
    let person: Vec<&str> = out["people"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(&person[person.len() - 2..], ["pronouns", "badge"]);
}

#[test]
fn export_then_import_then_export_is_identical() {
    let mut v = example();
    v["extra_top"] = json!({"b": 1, "a": [true]});
    v["people"][1]["x"] = json!("y");
    let first = import(&v).unwrap().to_json();
    let again = Workspace::from_json(&first).unwrap();
    assert_eq!(again.to_json(), first);
    // The compact form reads back to the same workspace.
    let compact = again.to_json_compact();
    assert!(!compact.contains('\n') && !compact.contains(": "));
    assert_eq!(Workspace::from_json(&compact).unwrap(), again);
}

#[test]
fn export_is_pretty_with_two_spaces() {
    let out = Workspace::default().to_json();
    assert!(
        out.starts_with("{\n  \"format\": \"hatrack-workspace\",\n  \"version\": 1,"),
        "{out}"
    );
}

// --- never panics --------------------------------------------------------------------------

fn replacement(n: usize) -> Value {
    [
        Value::Null,
        json!(""),
        json!(-1),
        json!(1.5),
        json!(2),
        json!("p-sam"),
        json!("t-1"),
        json!("incident-manager"),
        json!("2026-11-27 22:10"),
        json!("9999-12-31T23:59:59-12:00"),
        json!(true),
        json!([]),
        json!({}),
        json!(["a", "b", "c"]),
        json!({"id": "x"}),
        json!(1e300),
        json!(u64::MAX),
    ][n % 17]
        .clone()
}

fn mutate(v: &mut Value, ptrs: &[String], pick: usize, op: usize) {
    let ptr = &ptrs[pick % ptrs.len()];
    if op.is_multiple_of(3) {
        // Remove the field or list item.
        if let Some((parent, last)) = ptr.rsplit_once('/') {
            match v.pointer_mut(parent) {
                Some(Value::Object(o)) => {
                    o.shift_remove(last);
                }
                Some(Value::Array(a)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < a.len() {
                            a.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
    } else if let Some(target) = v.pointer_mut(ptr) {
        *target = replacement(op / 3);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Workspace::from_json(&text);
    }

    #[test]
    fn truncated_or_spliced_text_never_panics(cut in 0usize..4000, byte in any::<u8>()) {
        let mut bytes = EXAMPLE.as_bytes().to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        let _ = Workspace::from_json(&String::from_utf8_lossy(&bytes));
        let _ = Workspace::from_json(&EXAMPLE[..EXAMPLE.floor_char_boundary(at)]);
    }

    #[test]
    fn mutated_files_never_panic_and_what_imports_round_trips(
        changes in proptest::collection::vec((any::<usize>(), any::<usize>()), 1..5),
        linked in any::<bool>(),
        published in any::<bool>(),
    ) {
        let mut v = if published { published_example() } else { example() };
        if linked {
            with_time_links(&mut v);
        }
        for (pick, op) in changes {
            let mut ptrs = Vec::new();
            pointers(&v, String::new(), &mut ptrs);
            mutate(&mut v, &ptrs, pick, op);
        }
        match import(&v) {
            Ok(ws) => {
                let out = ws.to_json();
                let again = Workspace::from_json(&out);
                prop_assert!(again.is_ok(), "export of an imported file was refused: {:?}", again.err());
                prop_assert_eq!(again.unwrap().to_json(), out);
            }
            Err(e) => {
                prop_assert!(!e.is_empty());
                for err in e.iter() {
                    prop_assert!(!err.message.is_empty());
                }
            }
        }
    }
}

#[test]
fn retired_zone_names_import_as_todays() {
    let text = r#"{"format":"hatrack-workspace","version":1,"people":[
        {"id":"p-1","name":"Priya","timezone":"Asia/Calcutta"},
        {"id":"p-2","name":"Olena","timezone":"Europe/Kiev"},
        {"id":"p-3","name":"Sam","timezone":"Europe/London"}]}"#;
    let ws = Workspace::from_json(text).unwrap();
    let zones: Vec<_> = ws.people.iter().map(|p| p.timezone.as_deref().unwrap()).collect();
    assert_eq!(zones, ["Asia/Kolkata", "Europe/Kyiv", "Europe/London"]);
}

#[test]
fn the_zone_picker_lists_current_names_once_with_utc_first() {
    use hatrack::domain::zones::picker_list;
    let known = [
        "Europe/Kiev",
        "Asia/Calcutta",
        "Asia/Kolkata",
        "Etc/UTC",
        "America/New_York",
    ]
    .map(String::from);
    assert_eq!(
        picker_list(known),
        ["UTC", "America/New_York", "Asia/Kolkata", "Europe/Kyiv"].map(String::from)
    );
}

#[test]
fn a_role_may_say_it_takes_one_holder_and_nothing_else_there() {
    let ws = accepted(|v| v["roles"][0]["single_holder"] = serde_json::json!(true));
    assert!(ws.roles[0].takes_one());
    assert_eq!(ws.roles[0].single_holder, Some(true));
    let again = Workspace::from_json(&ws.to_canonical_json()).unwrap();
    assert_eq!(again.roles[0].single_holder, Some(true), "it round-trips");
    let msg = refused_at("roles[0].single_holder", |v| {
        v["roles"][0]["single_holder"] = serde_json::json!("yes")
    });
    assert!(msg.contains("true or false") || msg.contains("boolean"), "{msg}");
}
