//! The published JSON Schema and what Hatrack writes agree. Writes sample files that the ajv
//! test (`node --test tests/schema/`) validates; here, checks that every field Hatrack writes is
//! described by the schema, every field the schema requires is written, and enums match.

use std::path::PathBuf;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use hatrack::domain::bundle::incident_bundle;
use hatrack::domain::defaults::new_workspace;
use hatrack::domain::merge::merge;
use hatrack::domain::model::*;
use serde_json::{json, Value};

fn t(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap() + Duration::minutes(min)
}

fn extra(k: &str, v: Value) -> Extra {
    let mut e = Extra::new();
    e.insert(k.into(), v);
    e
}

/// A timeline entry with nothing optional set.
fn entry(id: &str, at: i64, kind: EntryKind, text: &str) -> TimelineEntry {
    TimelineEntry {
        id: id.into(),
        ..TimelineEntry::new(kind, t(at), text.into(), None)
    }
}

/// Every optional field filled in at least once, plus unknown fields everywhere.
fn rich() -> Workspace {
    let mut ws = new_workspace();
    ws.exported_at = Some(t(600));
    ws.extra = extra("x_team", json!({"name": "Ops volunteers"}));
    ws.settings.default_capacity = 4.0;
    ws.settings.action_item_weight = 0.25;
    ws.settings
        .severity_descriptions
        .insert("sev1".into(), json!("Everything is on fire."));
    ws.settings.extra = extra("x_theme", json!("dark"));
    ws.settings.rest = Some(RestSettings {
        night_from: ClockTime::hm(23, 30),
        max_stretch_hours: 10.0,
        extra: extra("x_source", json!("policy")),
        ..RestSettings::default()
    });
    ws.settings.rota = Some(RotaSettings {
        roles: vec!["committee-chair".into()],
        on_call: vec!["committee-chair".into()],
        turn: TurnLength::Fortnightly,
        weeks: Some(8),
        extra: Extra::new(),
    });
    let mut process = hatrack::domain::process::default_process();
    process.roles[0].updated_at = Some(t(5));
    process.roles[0].checklist[0].extra = extra("x_link", json!("https://wiki/im"));
    process.roles[1].deleted_at = Some(t(6));
    process.severities[0].updated_at = Some(t(5));
    process.escalation[0].updated_at = Some(t(5));
    process.release[0].deleted_at = Some(t(7));
    process.changelog = vec![hatrack::domain::process::Change {
        id: "c-1".into(),
        at: t(5),
        text: "Incident manager: first step now within 10 min".into(),
        by: Some("p-sam".into()),
        extra: Extra::new(),
    }];
    process.extra = extra("x_wiki", json!("https://wiki/process"));
    ws.process = Some(process);
    ws.roles[0].updated_at = Some(t(1));
    ws.roles[1].deleted_at = Some(t(2));
    ws.conflicts[0].updated_at = Some(t(3));
    ws.conflicts[0].extra = extra("x_source", json!("policy"));
    ws.people = Records::from(vec![
        Person {
            id: "p-sam".into(),
            name: "Sam Rivera".into(),
            timezone: Some("Europe/London".into()),
            skills: vec!["incident-manager".into()],
            capacity: Some(3.5),
            active: false,
            updated_at: Some(t(4)),
            deleted_at: Some(t(5)),
            away: vec![],
            extra: extra("x_pronouns", json!("they")),
        },
        Person {
            id: "p-kim".into(),
            name: "Kim Lee".into(),
            timezone: None,
            skills: vec![],
            capacity: None,
            active: true,
            updated_at: None,
            deleted_at: None,
            away: vec![],
            extra: Extra::new(),
        },
    ]);
    ws.people[1].away = vec![Away {
        from: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        note: "Exams".into(),
        extra: extra("x_kind", json!("study")),
    }];
    ws.releases = Records::from(vec![Release {
        timeline: vec![
            TimelineEntry {
                release_status: Some(ReleaseStatus::Deployed),
                ends: vec!["a-18".into()],
                ..entry("t-r1", 40, EntryKind::Status, "Status: In progress → Deployed")
            },
            TimelineEntry {
                release_status: Some(ReleaseStatus::RolledBack),
                author: Some("p-kim".into()),
                extra: extra("x_pipeline", json!(7)),
                ..entry("t-r2", 50, EntryKind::Status, "Status: Deployed → Rolled back")
            },
        ],
        id: "r-0.9.250".into(),
        name: "0.9.250".into(),
        status: ReleaseStatus::RolledBack,
        planned_start: Some(t(0)),
        planned_end: Some(t(60)),
        deployed_at: Some(t(40)),
        notes: "Bad config".into(),
        go_no_go: Some(GoNoGo {
            decision: Decision::Go,
            at: t(30),
            by: Some("p-kim".into()),
            note: "Tests green".into(),
            extra: Extra::new(),
        }),
        updated_at: Some(t(41)),
        deleted_at: None,
        extra: extra("x_commit", json!("abc123")),
    }]);
    ws.incidents = Records::from(vec![Incident {
        backfill: true,
        id: "i-2026-031".into(),
        title: "Search returns 502 for all users".into(),
        severity: Severity::Sev1,
        status: Status::Resolved,
        started_at: t(58),
        detected_at: Some(t(65)),
        resolved_at: Some(t(120)),
        services: vec!["search".into(), "web".into()],
        summary: "Config typo".into(),
        release: Some("r-0.9.250".into()),
        timeline: vec![
            TimelineEntry {
                ends: vec![],
                release_status: None,
                starts: vec![],
                id: "t-1".into(),
                at: t(65),
                kind: EntryKind::Note,
                text: "Alerts for 5xx on search".into(),
                author: Some("p-sam".into()),
                status: None,
                step: None,
                deleted_at: None,
                extra: extra("x_source", json!("pager")),
            },
            TimelineEntry {
                starts: vec!["a-17".into()],
                author: Some("p-kim".into()),
                ..entry("t-3", 70, EntryKind::Role, "Sam Rivera is now Incident manager")
            },
            TimelineEntry {
                ends: vec![],
                release_status: None,
                starts: vec![],
                id: "t-2".into(),
                at: t(120),
                kind: EntryKind::Status,
                text: String::new(),
                author: None,
                status: Some(Status::Resolved),
                step: None,
                deleted_at: Some(t(121)),
                extra: Extra::new(),
            },
            TimelineEntry {
                ends: vec!["a-17".into()],
                ..entry(
                    "t-4",
                    120,
                    EntryKind::Role,
                    "Roles released: Sam Rivera (Incident manager)",
                )
            },
            TimelineEntry {
                step: Some("im-roles".into()),
                author: Some("p-sam".into()),
                ..entry(
                    "t-tick",
                    75,
                    EntryKind::Action,
                    "Named a communications lead and a scribe",
                )
            },
        ],
        updated_at: Some(t(121)),
        deleted_at: None,
        extra: Extra::new(),
    }]);
    ws.assignments = Records::from(vec![
        Assignment {
            id: "a-17".into(),
            person: "p-sam".into(),
            role: "incident-manager".into(),
            start: t(70),
            end: Some(t(120)),
            incident: Some("i-2026-031".into()),
            release: None,
            updated_at: Some(t(70)),
            deleted_at: None,
            extra: Extra::new(),
        },
        Assignment {
            id: "a-18".into(),
            person: "p-kim".into(),
            role: "release-manager".into(),
            start: t(0),
            end: None,
            incident: None,
            release: Some("r-0.9.250".into()),
            updated_at: None,
            deleted_at: Some(t(200)),
            extra: Extra::new(),
        },
    ]);
    ws.reviews = Records::from(vec![Review {
        id: "rv-1".into(),
        incident: "i-2026-031".into(),
        status: ReviewStatus::Published,
        kind: ReviewKind::Full,
        summary: "s".into(),
        impact: "i".into(),
        detection: "d".into(),
        response: "r".into(),
        recovery: "r".into(),
        contributing_factors: vec!["One person held two roles".into()],
        went_well: vec!["Rollback was quick".into()],
        went_badly: vec!["Alerts were late".into()],
        lucky: vec!["Low traffic".into()],
        lessons: "Split roles".into(),
        actions: vec![ActionItem {
            id: "ac-1".into(),
            text: "Split the release-manager role from the on-call rota".into(),
            owner: Some("p-sam".into()),
            due: NaiveDate::from_ymd_opt(2026, 12, 15),
            priority: "high".into(),
            done: true,
            done_at: Some(t(900)),
            created_at: Some(t(800)),
            updated_at: Some(t(900)),
            deleted_at: None,
            extra: extra("x_ticket", json!(42)),
        }],
        key_moments: vec!["t-1".into()],
        status_log: vec![
            StatusChange {
                at: t(700),
                by: None,
                from: ReviewStatus::Draft,
                to: ReviewStatus::InReview,
                extra: Extra::new(),
            },
            StatusChange {
                at: t(800),
                by: Some("p-kim".into()),
                from: ReviewStatus::InReview,
                to: ReviewStatus::Published,
                extra: extra("x_note", json!("agreed in the retro")),
            },
        ],
        published: Some(PublishedRecord {
            at: t(800),
            by: Some("p-kim".into()),
            roles: vec![PublishedRole {
                person: "p-sam".into(),
                person_name: "Sam Rivera".into(),
                role: "incident-manager".into(),
                role_name: "Incident manager".into(),
                from: t(60),
                to: t(120),
                extra: extra("x_shift", json!("night")),
            }],
            statements: vec!["Sam Rivera held Incident manager and 3rd line lead for 1 h.".into()],
            process: vec![ProcessFollowed {
                role: "Incident manager".into(),
                steps: vec!["Name a communications lead and a scribe: done on time".into()],
                extra: extra("x_note", json!("discussed")),
            }],
            facts: ReviewFacts {
                title: "Search returns 502 for all users".into(),
                severity: Severity::Sev1,
                started_at: t(58),
                detected_at: Some(t(65)),
                resolved_at: Some(t(130)),
                services: vec!["search".into()],
                extra: extra("x_region", json!("eu")),
            },
            extra: extra("x_source", json!("app")),
        }),
        updated_at: Some(t(900)),
        deleted_at: None,
        extra: Extra::new(),
    }]);
    ws
}

fn samples() -> Vec<(&'static str, Workspace)> {
    let rich = rich();
    let mut other = rich.clone();
    other.incidents[0].title = "Search 502".into();
    other.incidents[0].updated_at = Some(t(950));
    other.people.push(Person {
        id: "p-ola".into(),
        name: "Ola".into(),
        timezone: None,
        skills: vec![],
        capacity: None,
        active: true,
        updated_at: Some(t(951)),
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    });
    let merged = merge(&rich, &other).workspace;
    let with_new = merge(&new_workspace(), &rich).workspace;
    let bundle = incident_bundle(&rich, "i-2026-031", t(1000)).expect("incident exists");
    vec![
        ("new-workspace", new_workspace()),
        ("empty", Workspace::default()),
        ("rich", rich),
        ("merged", merged),
        ("merged-into-new", with_new),
        ("bundle", bundle),
    ]
}

fn samples_dir() -> PathBuf {
    std::env::var_os("HATRACK_SCHEMA_SAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("schema-samples"))
}

/// The ajv test runs this (with `HATRACK_SCHEMA_SAMPLES` set) to get files to validate.
#[test]
fn write_samples() {
    let dir = samples_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for (name, ws) in samples() {
        std::fs::write(dir.join(format!("{name}.json")), ws.to_json()).unwrap();
    }
}

/// The samples are files Hatrack writes, so the importer takes them too: the bundle's release
/// timeline names only assignments the bundle holds.
#[test]
fn every_sample_imports_and_round_trips() {
    for (name, ws) in samples() {
        let text = ws.to_json();
        let back = Workspace::from_json(&text).unwrap_or_else(|e| panic!("{name} refused:\n{e}"));
        assert_eq!(back.to_json(), text, "{name}");
    }
}

fn schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/hatrack-workspace.schema.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("the schema is JSON")
}

/// Follows `$ref`s (local only) and `anyOf` to the object/array schemas that describe `v`.
fn resolve<'a>(root: &'a Value, s: &'a Value) -> Vec<&'a Value> {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let mut node = root;
        for part in r.trim_start_matches("#/").split('/') {
            node = &node[part];
        }
        assert!(!node.is_null(), "dangling $ref {r}");
        return resolve(root, node);
    }
    if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
        return any.iter().flat_map(|s| resolve(root, s)).collect();
    }
    vec![s]
}

/// Every key Hatrack writes is described, and every required key is written.
fn check_described(root: &Value, s: &Value, v: &Value, path: &str, problems: &mut Vec<String>) {
    let schemas = resolve(root, s);
    match v {
        Value::Object(m) => {
            let Some(obj) = schemas
                .iter()
                .find(|s| s.get("properties").is_some() || s["type"] == "object")
            else {
                problems.push(format!("{path}: an object where the schema has none"));
                return;
            };
            for req in obj["required"].as_array().into_iter().flatten() {
                if !m.contains_key(req.as_str().unwrap()) {
                    problems.push(format!("{path}: required {req} not written"));
                }
            }
            for (k, child) in m {
                match obj["properties"].get(k) {
                    Some(cs) => check_described(root, cs, child, &format!("{path}.{k}"), problems),
                    // Unknown fields kept from other versions are allowed; ours start with x_.
                    None if k.starts_with("x_") => {}
                    None => problems.push(format!("{path}.{k}: written by Hatrack but not in the schema")),
                }
            }
        }
        Value::Array(a) => {
            if let Some(items) = schemas.iter().find_map(|s| s.get("items")) {
                for (i, child) in a.iter().enumerate() {
                    check_described(root, items, child, &format!("{path}[{i}]"), problems);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_hatrack_writes_is_in_the_schema() {
    let root = schema();
    for (name, ws) in samples() {
        let v: Value = serde_json::from_str(&ws.to_json()).unwrap();
        let mut problems = vec![];
        check_described(&root, &root, &v, name, &mut problems);
        assert_eq!(problems, Vec::<String>::new());
    }
}

#[test]
fn the_description_check_catches_an_undescribed_field() {
    let root = schema();
    let mut v: Value = serde_json::from_str(&rich().to_json()).unwrap();
    v["incidents"][0]["timeline"][0]["mood"] = json!("calm");
    v["reviews"][0].as_object_mut().unwrap().remove("kind");
    let mut problems = vec![];
    check_described(&root, &root, &v, "rich", &mut problems);
    assert_eq!(
        problems,
        [
            "rich.incidents[0].timeline[0].mood: written by Hatrack but not in the schema",
            "rich.reviews[0]: required \"kind\" not written",
        ]
    );
}

fn enum_of(root: &Value, def: &str, field: Option<&str>) -> Vec<String> {
    let mut s = &root["$defs"][def];
    if let Some(f) = field {
        s = &s["properties"][f];
    }
    let s = resolve(root, s)[0];
    s["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{def}.{field:?} has an enum"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn schema_enums_match_the_model() {
    let root = schema();
    let names = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        enum_of(&root, "role", Some("scope")),
        names(Scope::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&root, "incident", Some("severity")),
        names(Severity::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&root, "status", None),
        names(Status::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&root, "timelineEntry", Some("kind")),
        names(EntryKind::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&root, "timelineEntry", Some("release_status")),
        names(ReleaseStatus::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&root, "release", Some("status")),
        names(ReleaseStatus::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&root, "review", Some("status")),
        names(ReviewStatus::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&root, "statusChange", Some("from")),
        names(ReviewStatus::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&root, "reviewFacts", Some("severity")),
        names(Severity::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(enum_of(&root, "review", Some("kind")), ["quick", "full"]);
    assert_eq!(root["properties"]["format"]["const"], json!(FORMAT_NAME));
    assert_eq!(root["properties"]["version"]["const"], json!(FORMAT_VERSION));
}
