//! Canonical JSON: one layout, records in a stable order, unknown fields kept, so that a file
//! kept in git changes only where its records changed.

use chrono::{TimeZone, Utc};
use hatrack::domain::example::example_team;
use hatrack::domain::order;
use hatrack::domain::Workspace;
use proptest::prelude::*;
use serde_json::Value;

const EXAMPLE: &str = include_str!("fixtures/format-example.json");

fn example() -> Workspace {
    Workspace::from_json(EXAMPLE).expect("the FORMAT.md example is valid")
}

fn team() -> Workspace {
    example_team(Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap())
}

/// A file with an unknown field in every kind of record and object, keys deliberately unsorted.
fn with_unknown_fields() -> Workspace {
    let mut v: Value = serde_json::from_str(EXAMPLE).unwrap();
    let add = |o: &mut Value| {
        let m = o.as_object_mut().unwrap();
        m.insert(
            "zz_later".into(),
            serde_json::json!({ "b": 1, "a": [ { "y": 2, "x": 1 } ] }),
        );
        m.insert("aa_first".into(), Value::from("kept"));
    };
    add(&mut v);
    add(&mut v["settings"]);
    for coll in [
        "people",
        "roles",
        "conflicts",
        "assignments",
        "incidents",
        "releases",
        "reviews",
    ] {
        for r in v[coll].as_array_mut().unwrap() {
            add(r);
        }
    }
    for i in v["incidents"].as_array_mut().unwrap() {
        for e in i["timeline"].as_array_mut().unwrap() {
            add(e);
        }
    }
    for r in v["reviews"].as_array_mut().unwrap() {
        for a in r["actions"].as_array_mut().unwrap() {
            add(a);
        }
    }
    Workspace::from_json(&v.to_string()).expect("unknown fields are allowed")
}

#[test]
fn reads_back_to_the_same_workspace_and_is_a_fixed_point() {
    for ws in [example(), team(), with_unknown_fields()] {
        let text = ws.to_canonical_json();
        let back = Workspace::from_json(&text).expect("canonical JSON is a valid workspace");
        assert_eq!(back, ws.canonical());
        assert_eq!(back.to_canonical_json(), text, "writing it again changes nothing");
    }
}

#[test]
fn unknown_fields_round_trip_everywhere() {
    let ws = with_unknown_fields();
    let text = ws.to_canonical_json();
    let v: Value = serde_json::from_str(&text).unwrap();
    let check = |o: &Value, at: &str| {
        assert_eq!(o["aa_first"], "kept", "{at}");
        assert_eq!(o["zz_later"]["a"][0]["x"], 1, "{at}");
    };
    check(&v, "top level");
    check(&v["settings"], "settings");
    for coll in [
        "people",
        "roles",
        "conflicts",
        "assignments",
        "incidents",
        "releases",
        "reviews",
    ] {
        for r in v[coll].as_array().unwrap() {
            check(r, coll);
        }
    }
    check(&v["incidents"][0]["timeline"][0], "timeline");
    check(&v["reviews"][0]["actions"][0], "actions");
    assert_eq!(v["team_wiki"], "https://wiki.example.org/ops");
}

#[test]
fn unknown_fields_are_sorted_after_the_known_ones() {
    let text = with_unknown_fields().to_canonical_json();
    let person = text.find("\"id\": \"p-sam\"").unwrap();
    let tail = &text[person..];
    let name = tail.find("\"name\"").unwrap();
    let pager = tail.find("\"pager\"").unwrap();
    let first = tail.find("\"aa_first\"").unwrap();
    let later = tail.find("\"zz_later\"").unwrap();
    assert!(
        name < first && first < pager && pager < later,
        "known fields, then unknown by name"
    );
    // Inside an unknown value, keys are sorted too.
    let inner = &tail[later..];
    assert!(inner.find("\"a\"").unwrap() < inner.find("\"b\"").unwrap());
    assert!(inner.find("\"x\"").unwrap() < inner.find("\"y\"").unwrap());
}

#[test]
fn layout_is_two_space_indented_with_a_final_newline() {
    let text = team().to_canonical_json();
    assert!(text.starts_with("{\n  \"format\": \"hatrack-workspace\",\n  \"version\": 1,\n"));
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    assert!(!text.contains('\r') && !text.contains('\t'));
}

#[test]
fn records_are_sorted_by_id_and_catalogues_and_nested_lists_keep_their_order() {
    let mut ws = team();
    ws.people.reverse();
    ws.incidents.reverse();
    let roles: Vec<String> = ws.roles.iter().map(|r| r.id.clone()).collect();
    let c = ws.canonical();
    let ids = |v: Vec<&String>| v.into_iter().cloned().collect::<Vec<_>>();
    let sorted = |mut v: Vec<String>| {
        order::sort(&mut v);
        v
    };
    for list in [
        ids(c.people.iter().map(|p| &p.id).collect()),
        ids(c.assignments.iter().map(|a| &a.id).collect()),
        ids(c.incidents.iter().map(|i| &i.id).collect()),
        ids(c.releases.iter().map(|r| &r.id).collect()),
        ids(c.reviews.iter().map(|r| &r.id).collect()),
    ] {
        assert_eq!(list, sorted(list.clone()));
    }
    assert_eq!(c.roles.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), roles);
    for (i, orig) in c.incidents.iter().zip({
        let mut v = ws.incidents.clone();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }) {
        assert_eq!(i.timeline, orig.timeline, "timeline order is the incident's");
    }
}

#[test]
fn a_changed_record_changes_only_its_own_lines() {
    let ws = team();
    let before = ws.to_canonical_json();
    let mut edited = ws.clone();
    // Edited and moved to the end of the list, as a merge might leave it.
    let mut p = edited.people.remove(0);
    p.name = "Renamed Person".into();
    edited.people.push(p);
    let after = edited.to_canonical_json();
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(b.len(), a.len());
    let changed: Vec<_> = b.iter().zip(&a).filter(|(x, y)| x != y).collect();
    assert_eq!(changed.len(), 1, "only the name line differs: {changed:?}");
    assert!(changed[0].1.contains("Renamed Person"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever order the records come in, the file is the same.
    #[test]
    fn order_of_records_does_not_change_the_file(seed in any::<u64>()) {
        let ws = team();
        let mut shuffled = ws.clone();
        let mut s = seed;
        let mut next = |n: usize| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((s >> 33) as usize) % n.max(1)
        };
        macro_rules! shuffle {
            ($v:expr) => {
                for i in (1..$v.len()).rev() {
                    let j = next(i + 1);
                    $v.swap(i, j);
                }
            };
        }
        shuffle!(shuffled.people);
        shuffle!(shuffled.assignments);
        shuffle!(shuffled.incidents);
        shuffle!(shuffled.releases);
        shuffle!(shuffled.reviews);
        prop_assert_eq!(shuffled.to_canonical_json(), ws.to_canonical_json());
    }
}
