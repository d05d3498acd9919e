//! What the People page and the role pickers list: each row builder with its order and counts.

use chrono::{DateTime, TimeZone, Utc};
use hatrack::domain::assign::{self, end_assignment, Link};
use hatrack::domain::defaults::{self, COMMITTEE_CHAIR, INCIDENT_MANAGER, SCRIBE};
use hatrack::domain::people::{add_conflict_rule, add_person, delete_person};
use hatrack::domain::refusal::DomainError;
use hatrack::domain::roster::{self, matches};
use hatrack::domain::Workspace;

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

/// zoe (chair 8:30–9:00, and again since 9:00), Ana (incident manager skill, capacity 2.5),
/// and bo, deleted.
fn team() -> (Workspace, String, String) {
    let mut ws = defaults::new_workspace();
    let zoe = add_person(&mut ws, "zoe", None, vec![], None, t(8, 0)).unwrap();
    let ana = add_person(
        &mut ws,
        "Ana",
        Some("Europe/Lisbon".into()),
        vec![INCIDENT_MANAGER.into()],
        Some(2.5),
        t(8, 0),
    )
    .unwrap();
    let bo = add_person(&mut ws, "bo", None, vec![], None, t(8, 0)).unwrap();
    delete_person(&mut ws, &bo, t(8, 1), false).unwrap();
    let first = assign::assign(&mut ws, &zoe, COMMITTEE_CHAIR, Link::Standing, t(8, 30), t(8, 30)).unwrap();
    end_assignment(&mut ws, &first, t(9, 0), t(9, 0)).unwrap();
    assign::assign(&mut ws, &zoe, COMMITTEE_CHAIR, Link::Standing, t(9, 0), t(9, 0)).unwrap();
    (ws, zoe, ana)
}

#[test]
fn roster_rows_are_by_name_without_case_and_count_what_each_holds() {
    let (ws, zoe, ana) = team();
    let rows = roster::person_rows(&ws, t(11, 0));
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["Ana", "zoe"],
        "bo is deleted; case does not decide the order"
    );
    assert_eq!(
        (rows[0].id.as_str(), rows[1].id.as_str()),
        (ana.as_str(), zoe.as_str())
    );
    assert_eq!(rows[0].capacity.as_deref(), Some("2.5"));
    assert_eq!(rows[0].skills, ["Incident manager"]);
    assert_eq!(rows[1].held_total, 2, "ended roles count in the history");
    assert_eq!(rows[1].holds_now, ["Committee chair"], "only what is held now");
}

#[test]
fn a_roster_entry_says_its_capacity_and_what_it_holds_now() {
    let (ws, ..) = team();
    let rows = roster::person_rows(&ws, t(11, 0));
    assert_eq!(rows[0].capacity_line(), "Capacity 2.5");
    assert_eq!(rows[1].capacity_line(), "Capacity: team default");
    assert_eq!(rows[0].holds_line(), None, "nothing held, nothing said");
    assert_eq!(
        rows[1].holds_line().as_deref(),
        Some("Holds now: Committee chair")
    );
}

#[test]
fn roster_search_finds_by_name_or_skill() {
    let (ws, ..) = team();
    let rows = roster::person_rows(&ws, t(11, 0));
    assert!(matches(&rows[0], "incident"));
    assert!(matches(&rows[0], "an"));
    assert!(!matches(&rows[1], "incident"));
    assert!(matches(&rows[1], ""), "an empty search shows everyone");
}

#[test]
fn standing_holders_split_into_held_now_and_history() {
    let (ws, ..) = team();
    let (open, ended) = roster::standing(&ws, t(11, 0));
    assert_eq!(
        open.iter().map(|h| h.role.as_str()).collect::<Vec<_>>(),
        ["Committee chair"]
    );
    assert_eq!(ended.len(), 1);
    assert_eq!(
        (ended[0].role.as_str(), ended[0].end),
        ("Committee chair", Some(t(9, 0)))
    );
    let (open, ended) = roster::standing(&ws, t(8, 45));
    assert_eq!(
        (open.len(), ended.len()),
        (2, 0),
        "before its end the first turn is still held"
    );
}

#[test]
fn catalogue_rows_count_who_can_take_each_role() {
    let (ws, ..) = team();
    let rows = roster::role_rows(&ws);
    let im = rows.iter().find(|r| r.id == INCIDENT_MANAGER).unwrap();
    assert_eq!(im.skilled, 1);
    assert_eq!(im.weight, "3");
    assert_eq!(rows.len(), ws.roles.len());
}

#[test]
fn rule_rows_name_both_roles() {
    let (mut ws, ..) = team();
    ws.conflicts.clear();
    add_conflict_rule(
        &mut ws,
        COMMITTEE_CHAIR,
        SCRIBE,
        "One writes, one decides.",
        t(9, 0),
    )
    .unwrap();
    let rows = roster::rule_rows(&ws);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].a_name.as_str(), rows[0].b_name.as_str()),
        ("Committee chair", "Scribe")
    );
    assert_eq!(rows[0].reason, "One writes, one decides.");
}

#[test]
fn numbers_are_read_as_people_type_them() {
    assert_eq!(
        roster::read_number(" 2,5 ", DomainError::CapacityInvalid),
        Ok(Some(2.5))
    );
    assert_eq!(roster::read_number("", DomainError::CapacityInvalid), Ok(None));
    assert_eq!(
        roster::read_number("lots", DomainError::WeightInvalid),
        Err(DomainError::WeightInvalid)
    );
}

#[test]
fn pickers_list_active_people_by_name_with_load() {
    let (ws, ..) = team();
    let picks = roster::picks(&ws, t(11, 0));
    assert_eq!(
        picks.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Ana", "zoe"]
    );
    assert_eq!(picks[0].skills, [INCIDENT_MANAGER]);
    assert!(picks[1].load > 0.0, "zoe chairs the committee");
    assert_eq!(picks[0].capacity, 2.5);
}

#[test]
fn giving_a_standing_role_is_checked_like_an_incident_role() {
    let (mut ws, zoe, ana) = team();
    // Ana can carry 2.5: the chair and the release manager together are more.
    assign::assign(&mut ws, &ana, COMMITTEE_CHAIR, Link::Standing, t(9, 0), t(9, 0)).unwrap();
    let zones = hatrack::domain::zones::UtcOnly;
    let check = roster::check_pick(&ws, &ana, defaults::RELEASE_MANAGER, &zones, t(11, 0));
    assert!(check.needs_reading());
    assert!(check.assessment.over_capacity);
    assert_eq!(check.name, "Ana");
    // With no rule against it and room to spare, there is nothing to read first.
    ws.conflicts.clear();
    let fine = roster::check_pick(&ws, &zoe, defaults::SCRIBE, &zones, t(11, 0));
    assert!(!fine.needs_reading(), "{fine:?}");
}

#[test]
fn a_check_reads_as_one_sentence_for_the_status_region() {
    let (mut ws, _, ana) = team();
    assign::assign(&mut ws, &ana, COMMITTEE_CHAIR, Link::Standing, t(9, 0), t(9, 0)).unwrap();
    let check = roster::check_pick(
        &ws,
        &ana,
        defaults::RELEASE_MANAGER,
        &hatrack::domain::zones::UtcOnly,
        t(11, 0),
    );
    let said = check.summary("Release manager");
    assert!(
        said.starts_with("Check first: before Ana takes Release manager: "),
        "{said}"
    );
    assert!(said.contains("load would be"), "{said}");
    assert!(said.ends_with('.') && !said.ends_with(".."), "{said}");
}

#[test]
fn pasted_names_become_people_one_a_line_with_an_optional_zone() {
    use hatrack::domain::people::{add_pasted, parse_pasted};
    let text = "Priya Raman, Europe/London\n\n  Kei Tanaka  \nSmith, Jr.\nAna, UTC\n";
    let pasted = parse_pasted(text);
    let rows: Vec<(usize, &str, Option<&str>)> = pasted
        .iter()
        .map(|p| (p.line, p.name.as_str(), p.timezone.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            (1, "Priya Raman", Some("Europe/London")),
            (3, "Kei Tanaka", None),
            (4, "Smith, Jr.", None),
            (5, "Ana", Some("UTC")),
        ]
    );
    let (mut ws, ..) = team();
    let out = add_pasted(&mut ws, &pasted, Some("Asia/Tokyo".into()), t(11, 0)).unwrap();
    assert_eq!(out.added.len(), 3);
    assert_eq!(out.already, ["Ana"], "Ana is on the roster already: left alone");
    let kei = ws.people.iter().find(|p| p.name == "Kei Tanaka").unwrap();
    assert_eq!(
        kei.timezone.as_deref(),
        Some("Asia/Tokyo"),
        "the default zone for lines without one"
    );
}

#[test]
fn a_refused_line_adds_nobody_and_says_which_line() {
    use hatrack::domain::people::{add_pasted, parse_pasted};
    let (mut ws, ..) = team();
    let before = ws.clone();
    let pasted = parse_pasted("Priya Raman\n, Europe/London\n");
    assert_eq!(
        add_pasted(&mut ws, &pasted, None, t(11, 0)),
        Err((2, DomainError::PersonUnnamed))
    );
    assert_eq!(ws, before);
}
