//! Chart geometry (src/domain/chart.rs): bounds, proportionality, labels, empty input.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::chart::*;
use hatrack::domain::defaults::{self, *};
use hatrack::domain::load::{profiles, Step};
use hatrack::domain::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap()
}

fn mins(m: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(m)
}

fn held(items: &[(&str, f64)]) -> Vec<(String, f64)> {
    items.iter().map(|(n, w)| (n.to_string(), *w)).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn bar_segments_are_proportional_to_weight_and_stacked_left_to_right() {
    let bar = stacked_bar(
        &held(&[("Chair", 2.0), ("Incident manager", 3.0)]),
        3.0,
        100.0,
        20.0,
        10.0,
    );
    assert_eq!(bar.segments.len(), 2);
    let (a, b) = (&bar.segments[0], &bar.segments[1]);
    assert!(close(a.x, 0.0) && close(a.w, 20.0));
    assert!(close(b.x, 20.0) && close(b.w, 30.0));
    assert!(close(a.h, 20.0) && close(a.y, 0.0));
    assert!(close(bar.capacity.x, 30.0));
    assert_eq!((bar.capacity.y1, bar.capacity.y2), (0.0, 20.0));
    assert_eq!(bar.capacity.label, "Capacity 3");
}

#[test]
fn bar_says_in_words_which_roles_go_beyond_capacity() {
    let bar = stacked_bar(
        &held(&[("Chair", 2.0), ("Scribe", 1.0), ("Incident manager", 3.0)]),
        3.0,
        60.0,
        10.0,
        6.0,
    );
    let classes: Vec<&str> = bar.segments.iter().map(|r| r.class.as_str()).collect();
    assert_eq!(classes, vec!["hat", "hat", "hat over"]);
    assert_eq!(bar.segments[1].label, "Scribe: weight 1");
    assert_eq!(
        bar.segments[2].label,
        "Incident manager: weight 3, beyond capacity"
    );
}

#[test]
fn bar_stays_inside_its_box_even_when_the_load_exceeds_the_shared_scale() {
    let bar = stacked_bar(
        &held(&[("A", 5.0), ("B", 4.0), ("C", 2.5)]),
        3.0,
        200.0,
        16.0,
        6.0,
    );
    let right = bar.segments.iter().map(|r| r.x + r.w).fold(0.0, f64::max);
    assert!(close(right, 200.0), "the bar grows the scale to fit: {right}");
    for r in &bar.segments {
        assert!(r.x >= 0.0 && r.w >= 0.0 && r.x + r.w <= 200.0 + 1e-9);
        assert!(r.y >= 0.0 && r.y + r.h <= 16.0 + 1e-9);
    }
    assert!(bar.capacity.x <= 200.0);
}

#[test]
fn bar_with_nothing_held_is_empty_but_still_marks_capacity() {
    let bar = stacked_bar::<String>(&[], 3.0, 100.0, 10.0, 0.0);
    assert!(bar.segments.is_empty());
    assert!(close(bar.capacity.x, 100.0));
    let zero = stacked_bar(&held(&[("Weightless", 0.0)]), 3.0, 100.0, 10.0, 6.0);
    assert!(zero.segments.is_empty());
    let nothing = stacked_bar::<String>(&[], 0.0, 0.0, 0.0, 0.0);
    assert!(nothing.capacity.x.is_finite());
}

fn team() -> Workspace {
    let mut ws = defaults::new_workspace();
    let person = |id: &str, name: &str| Person {
        id: id.into(),
        name: name.into(),
        timezone: None,
        skills: vec![],
        capacity: None,
        active: true,
        updated_at: None,
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    };
    ws.people = vec![person("p-sam", "Sam"), person("p-ada", "Ada")].into();
    let assign = |id: &str, p: &str, role: &str, start: i64, end: Option<i64>| Assignment {
        id: id.into(),
        person: p.into(),
        role: role.into(),
        start: mins(start),
        end: end.map(mins),
        incident: None,
        release: None,
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    };
    ws.assignments = vec![
        assign("chair", "p-sam", COMMITTEE_CHAIR, -100, None),
        assign("im", "p-sam", INCIDENT_MANAGER, 30, Some(90)),
        assign("3l", "p-sam", THIRD_LINE_LEAD, 60, None),
        assign("scribe", "p-ada", SCRIBE, 0, Some(30)),
    ]
    .into();
    ws
}

#[test]
fn heatmap_is_a_grid_of_people_by_time_filling_the_box() {
    let ws = team();
    let order = vec!["p-sam".to_string(), "p-ada".to_string()];
    let prof = profiles(&ws, mins(0), mins(120));
    let cells = heatmap(&ws, &prof, &order, mins(0), mins(120), 4, 400.0, 60.0);
    assert_eq!(cells.len(), 8);
    for c in &cells {
        assert!(close(c.w, 100.0) && close(c.h, 30.0));
        assert!(c.x >= 0.0 && c.x + c.w <= 400.0 + 1e-9);
        assert!(c.y >= 0.0 && c.y + c.h <= 60.0 + 1e-9);
        assert_eq!(c.to - c.from, Duration::minutes(30));
    }
    assert_eq!(cells[0].person_id, "p-sam");
    assert_eq!(cells[4].person_id, "p-ada");
    assert!(close(cells[4].y, 30.0) && close(cells[7].x, 300.0));
    assert_eq!(cells[3].to, mins(120));
}

#[test]
fn heatmap_cells_carry_peak_load_state_and_a_sentence() {
    let ws = team();
    let order = vec!["p-sam".to_string(), "p-ada".to_string()];
    let prof = profiles(&ws, mins(0), mins(120));
    let cells = heatmap(&ws, &prof, &order, mins(0), mins(120), 4, 400.0, 60.0);
    // 0–30: chair only.
    assert_eq!(cells[0].peak_load, 2.0);
    assert!(!cells[0].overloaded && !cells[0].conflict);
    assert_eq!(cells[0].label, "Sam: load 2 of 3; held Committee chair");
    // 60–90: chair + IM + 3rd line = 7.
    assert_eq!(cells[2].peak_load, 7.0);
    assert!(cells[2].overloaded && cells[2].conflict);
    assert_eq!(
        cells[2].label,
        "Sam: load 7 of 3 — overloaded, in conflict; held Committee chair, Incident manager, 3rd line lead"
    );
    // Ada: scribe in the first column only.
    assert_eq!(cells[4].label, "Ada: load 1 of 3; held Scribe");
    assert_eq!(cells[5].label, "Ada: load 0 of 3; held nothing");
}

#[test]
fn heatmap_takes_the_peak_within_a_column_not_its_start() {
    let ws = team();
    let order = vec!["p-sam".to_string()];
    let prof = profiles(&ws, mins(0), mins(120));
    // One column over everything: the peak is the 60–90 stretch.
    let cells = heatmap(&ws, &prof, &order, mins(0), mins(120), 1, 10.0, 10.0);
    assert_eq!(cells[0].peak_load, 7.0);
    assert!(cells[0].overloaded);
    // Each role named once, though the chair is held through four steps of the column.
    assert_eq!(
        cells[0].label,
        "Sam: load 7 of 3 — overloaded, in conflict; held Committee chair, Incident manager, 3rd line lead"
    );
}

#[test]
fn heatmap_of_nothing_is_empty() {
    let ws = team();
    let order = vec!["p-sam".to_string()];
    let prof = profiles(&ws, mins(0), mins(120));
    assert!(heatmap(&ws, &prof, &[], mins(0), mins(120), 4, 10.0, 10.0).is_empty());
    assert!(heatmap(&ws, &prof, &order, mins(0), mins(120), 0, 10.0, 10.0).is_empty());
    assert!(heatmap(&ws, &prof, &order, mins(120), mins(0), 4, 10.0, 10.0).is_empty());
    // Someone with no profile gets quiet cells rather than a panic.
    let none: BTreeMap<String, Vec<Step>> = BTreeMap::new();
    let cells = heatmap(&ws, &none, &order, mins(0), mins(120), 2, 10.0, 10.0);
    assert_eq!(cells.len(), 2);
    assert!(cells.iter().all(|c| c.peak_load == 0.0 && !c.overloaded));
}

#[test]
fn heatmap_columns_that_do_not_divide_evenly_still_end_at_the_window_end() {
    let ws = team();
    let order = vec!["p-sam".to_string()];
    let prof = profiles(&ws, mins(0), mins(100));
    let cells = heatmap(&ws, &prof, &order, mins(0), mins(100), 3, 90.0, 10.0);
    assert_eq!(cells[0].from, mins(0));
    assert_eq!(cells[2].to, mins(100));
    for pair in cells.windows(2) {
        assert_eq!(pair[0].to, pair[1].from);
    }
}
