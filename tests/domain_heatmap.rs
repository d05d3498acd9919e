//! The "Over time" view model (src/domain/heatmap.rs): columns, row order, levels, labels,
//! chosen dates and keyboard moves.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::assign::{assign, end_assignment, Link};
use hatrack::domain::defaults::{new_workspace, COMMITTEE_CHAIR};
use hatrack::domain::heatmap::*;
use hatrack::domain::load::profiles;
use hatrack::domain::people::{add_conflict_rule, add_person, add_role};
use hatrack::domain::{Scope, Workspace};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap()
}

fn at(m: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(m)
}

/// Sam chairs (weight 2, capacity 3) all along and takes the pager (weight 2, in conflict with
/// chairing) from 09:00 to 09:30; Ada (capacity 4) has the pager from 08:00 to 08:30; Bo and
/// Cy hold nothing.
fn team() -> Workspace {
    let mut ws = new_workspace();
    // Recorded afterwards: the domain refuses roles that end in the future.
    let setup = at(300);
    let person = |ws: &mut Workspace, name: &str, capacity: Option<f64>| {
        add_person(ws, name, None, vec![], capacity, setup).unwrap()
    };
    person(&mut ws, "Cy", None);
    person(&mut ws, "Bo", None);
    let ada = person(&mut ws, "Ada", Some(4.0));
    let sam = person(&mut ws, "Sam", None);
    let pager = add_role(&mut ws, "Pager", Scope::Standing, 2.0, "", setup).unwrap();
    add_conflict_rule(&mut ws, COMMITTEE_CHAIR, &pager, "One pair of hands", setup).unwrap();
    assign(&mut ws, &sam, COMMITTEE_CHAIR, Link::Standing, at(-100), setup).unwrap();
    let held = |ws: &mut Workspace, who: &str, from: i64, to: i64| {
        let id = assign(ws, who, &pager, Link::Standing, at(from), setup).unwrap();
        end_assignment(ws, &id, at(to), setup).unwrap();
    };
    held(&mut ws, &sam, 60, 90);
    held(&mut ws, &ada, 0, 30);
    ws
}

/// Four hours: four columns of an hour.
fn four_hours(ws: &Workspace) -> (Vec<PeakRow>, HeatMap) {
    let steps = profiles(ws, at(0), at(240));
    let rows = peak_rows(ws, &steps);
    let map = layout(ws, &steps, &rows, at(0), at(240), |a, b| {
        format!("{}–{}", a.format("%H:%M"), b.format("%H:%M"))
    });
    (rows, map)
}

#[test]
fn windows_are_cut_into_slices_people_read_easily_at_most_48() {
    let days = |d: i64| (t0(), t0() + Duration::days(d));
    assert_eq!(columns(at(0), at(240)), 4);
    let (a, b) = days(7);
    assert_eq!((columns(a, b), slice(a, b)), (28, Duration::hours(6)));
    let (a, b) = days(30);
    assert_eq!((columns(a, b), slice(a, b)), (30, Duration::days(1)));
    let (a, b) = days(90);
    assert_eq!((columns(a, b), slice(a, b)), (45, Duration::days(2)));
    let (a, b) = days(3652);
    assert_eq!(columns(a, b), 48);
    // Under an hour is still one square.
    assert_eq!(columns(at(0), at(10)), 1);
}

#[test]
fn people_come_most_loaded_at_their_peak_first_then_by_name() {
    let (rows, _) = four_hours(&team());
    let order: Vec<(&str, f64, f64)> = rows
        .iter()
        .map(|r| (r.name.as_str(), r.peak, r.capacity))
        .collect();
    assert_eq!(
        order,
        vec![
            ("Sam", 4.0, 3.0),
            ("Ada", 2.0, 4.0),
            ("Bo", 0.0, 3.0),
            ("Cy", 0.0, 3.0)
        ]
    );
    assert_eq!(rows[0].overloaded, Duration::minutes(30));
    assert_eq!(rows[0].in_conflict, Duration::minutes(30));
    assert!(rows[1].overloaded.is_zero() && rows[1].in_conflict.is_zero());
}

#[test]
fn longer_overloaded_comes_first_among_equal_peaks() {
    let mut ws = team();
    let (rows, _) = four_hours(&ws);
    let ada = rows[1].person_id.clone();
    let pager = ws.roles.iter().find(|r| r.name == "Pager").unwrap().id.clone();
    // Ada at 4 of 4 from 10:00 to 11:00: the same peak as Sam, but never over capacity; by
    // name alone she would come first.
    for role in [pager.as_str(), COMMITTEE_CHAIR] {
        let id = assign(&mut ws, &ada, role, Link::Standing, at(120), at(300)).unwrap();
        end_assignment(&mut ws, &id, at(180), at(300)).unwrap();
    }
    let (rows, _) = four_hours(&ws);
    assert_eq!(rows[0].name, "Sam");
    assert_eq!((rows[1].name.as_str(), rows[1].peak), ("Ada", 4.0));
}

#[test]
fn the_grid_has_a_row_per_person_given_and_a_square_per_column() {
    let (rows, map) = four_hours(&team());
    assert_eq!(map.columns, 4);
    let names: Vec<&str> = map.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["Sam", "Ada", "Bo", "Cy"]);
    assert_eq!(map.rows[1].person_id, rows[1].person_id);
    for (r, row) in map.rows.iter().enumerate() {
        let places: Vec<(usize, usize, f64)> = row.cells.iter().map(|c| (c.row, c.col, c.x)).collect();
        assert_eq!(
            places,
            (0..4).map(|c| (r, c, c as f64 * CELL)).collect::<Vec<_>>()
        );
    }
    // Only the first page: the rest are left out, not squeezed in.
    let steps = profiles(&team(), at(0), at(240));
    let two = layout(&team(), &steps, &rows[..2], at(0), at(240), |_, _| String::new());
    assert_eq!(two.rows.len(), 2);
}

#[test]
fn squares_are_as_dark_as_the_load_against_that_persons_capacity() {
    let (_, map) = four_hours(&team());
    let levels = |r: usize| map.rows[r].cells.iter().map(|c| c.level).collect::<Vec<_>>();
    use Level::*;
    assert_eq!(
        levels(0),
        vec![Near, Over, Near, Near],
        "Sam: 2 of 3, then 4 of 3"
    );
    assert_eq!(levels(1), vec![Light, Idle, Idle, Idle], "Ada: 2 of 4 is half");
    assert_eq!(levels(2), vec![Idle; 4]);
    assert_eq!(
        [Idle, Light, Near, Over].map(Level::class),
        ["l0", "l1", "l2", "l3"]
    );
}

#[test]
fn overload_and_conflict_are_marked_and_said_not_only_coloured() {
    let (_, map) = four_hours(&team());
    let sam = &map.rows[0].cells;
    assert_eq!(
        (sam[1].overloaded, sam[1].conflict, sam[1].mark()),
        (true, true, "!×")
    );
    assert_eq!(sam[0].mark(), "");
    assert_eq!(
        sam[1].label,
        "Sam: load 4 of 3 — overloaded, in conflict; held Committee chair, Pager; 09:00–10:00"
    );
    assert_eq!(
        map.rows[3].cells[3].label,
        "Cy: load 0 of 3; held nothing; 11:00–12:00"
    );
    let cell = |overloaded, conflict| HeatCell {
        overloaded,
        conflict,
        ..sam[0].clone()
    };
    assert_eq!(cell(true, false).mark(), "!");
    assert_eq!(cell(false, true).mark(), "×");
}

#[test]
fn levels_split_at_half_of_capacity_and_overload_wins() {
    assert_eq!(Level::of(0.0, 3.0, false), Level::Idle);
    assert_eq!(Level::of(1.5, 3.0, false), Level::Light);
    assert_eq!(Level::of(1.6, 3.0, false), Level::Near);
    assert_eq!(Level::of(3.0, 3.0, false), Level::Near);
    assert_eq!(Level::of(0.0, 3.0, true), Level::Over);
}

#[test]
fn an_empty_window_or_nobody_gives_no_rows() {
    let ws = team();
    let steps = profiles(&ws, at(0), at(240));
    let rows = peak_rows(&ws, &steps);
    let none = layout(&ws, &steps, &[], at(0), at(240), |_, _| unreachable!());
    assert_eq!((none.columns, none.rows.len()), (4, 0));
    let backwards = layout(&ws, &steps, &rows, at(240), at(0), |_, _| String::new());
    assert!(backwards.rows.is_empty());
}

#[test]
fn chosen_days_run_from_the_first_mornings_midnight_through_the_last_day() {
    let day = |d: i64| t0() + Duration::days(d);
    assert_eq!(chosen_days(Some(day(0)), Some(day(0))), Ok((day(0), day(1))));
    assert_eq!(
        chosen_days(Some(day(0)), Some(day(3660))),
        Ok((day(0), day(3661)))
    );
}

#[test]
fn chosen_days_that_cannot_be_shown_say_which_field_to_fix() {
    let day = |d: i64| Some(t0() + Duration::days(d));
    let first = "Enter the first day as a date, for example 2026-11-01.";
    let last = "Enter the last day as a date, for example 2026-11-30.";
    let problems = |first, last| Err(DaysProblems { first, last });
    assert_eq!(chosen_days(None, day(1)), problems(Some(first), None));
    assert_eq!(chosen_days(day(1), None), problems(None, Some(last)));
    assert_eq!(chosen_days(None, None), problems(Some(first), Some(last)));
    assert_eq!(
        chosen_days(day(2), day(1)),
        problems(None, Some("The last day must not be before the first day."))
    );
    assert_eq!(
        chosen_days(day(0), day(3661)),
        problems(None, Some("Pick at most ten years at a time."))
    );
}

#[test]
fn arrow_keys_move_one_square_and_stop_at_the_edges() {
    let go = |key, r, c| arrow_move(key, (r, c), 3, 4);
    assert_eq!(go("ArrowRight", 1, 1), Some((1, 2)));
    assert_eq!(go("ArrowRight", 1, 3), Some((1, 3)));
    assert_eq!(go("ArrowLeft", 1, 1), Some((1, 0)));
    assert_eq!(go("ArrowLeft", 1, 0), Some((1, 0)));
    assert_eq!(go("ArrowDown", 1, 1), Some((2, 1)));
    assert_eq!(go("ArrowDown", 2, 1), Some((2, 1)));
    assert_eq!(go("ArrowUp", 1, 1), Some((0, 1)));
    assert_eq!(go("ArrowUp", 0, 1), Some((0, 1)));
    assert_eq!(go("Home", 1, 2), Some((1, 0)));
    assert_eq!(go("End", 1, 0), Some((1, 3)));
    assert_eq!(go("Enter", 1, 1), None);
    assert_eq!(go("a", 1, 1), None);
}

#[test]
fn the_time_axis_dates_a_column_every_sixth_of_the_chart_never_closer_than_six() {
    assert_eq!(ticks(48), [0, 8, 16, 24, 32, 40]);
    assert_eq!(ticks(10), [0, 6]);
    assert_eq!(ticks(0), Vec::<usize>::new());
    let (_, map) = four_hours(&team());
    assert_eq!(map.starts.len(), map.columns);
    assert_eq!(map.starts[0], at(0));
    assert!(map.starts.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn a_row_draws_as_markup_with_labels_escaped_and_one_square_in_the_tab_order() {
    let (_, map) = four_hours(&team());
    let mut sam = map.rows[0].clone();
    sam.cells[1].label = r#"Sam <"the" chair> & 'co'"#.into();
    let svg = sam.squares_svg(Some(1));
    // One <g> per square, each named and placed; only column 1 takes Tab.
    assert_eq!(svg.matches("<g ").count(), sam.cells.len());
    assert_eq!(svg.matches(r#"tabindex="0""#).count(), 1);
    assert!(
        svg.contains(r#"<g id="hm-0-1" class="cell l3 conflict" tabindex="0" role="img""#),
        "{svg}"
    );
    // The label is text, never markup, in the attribute and in the tooltip.
    let said = "Sam &lt;&quot;the&quot; chair&gt; &amp; &#39;co&#39;";
    assert!(svg.contains(&format!(r#"aria-label="{said}""#)));
    assert!(svg.contains(&format!("<title>{said}</title>")));
    assert!(!svg.contains("<\"the\""));
    // Overload is hatched and marked, not only coloured; an idle square has neither.
    assert!(svg.contains(r#"class="hatch""#));
    assert!(svg.contains(">!×</text>"));
    assert_eq!(map.rows[3].squares_svg(None).matches("hatch").count(), 0);
    assert!(!map.rows[3].squares_svg(None).contains(r#"tabindex="0""#));
}
