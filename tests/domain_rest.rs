//! Hours, nights and rest, with time and time zones as parameters: nights across midnight, across
//! daylight-saving changes and in a +05:30 zone, and the "needs rest" rule at its edges.

#[path = "support/tz.rs"]
mod tz;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use hatrack::domain::away::{self, AwayNotice};
use hatrack::domain::defaults::{new_workspace, COMMITTEE_CHAIR, INCIDENT_MANAGER, SCRIBE};
use hatrack::domain::load::Candidate;
use hatrack::domain::model::*;
use hatrack::domain::rest::{self, RestReason, Stretch, REST_AFTER_STRETCH};
use hatrack::domain::zones::{self, UtcOnly, Window};
use tz::Tzdb;

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn person(id: &str, name: &str, tz: Option<&str>) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        timezone: tz.map(Into::into),
        skills: vec![INCIDENT_MANAGER.into(), SCRIBE.into()],
        capacity: None,
        active: true,
        updated_at: None,
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    }
}

fn held(id: &str, person: &str, role: &str, start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> Assignment {
    Assignment {
        id: id.into(),
        person: person.into(),
        role: role.into(),
        start,
        end,
        incident: Some("i-1".into()),
        release: None,
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn ws_with(p: Person, spans: &[(DateTime<Utc>, Option<DateTime<Utc>>)]) -> Workspace {
    let mut ws = new_workspace();
    for (k, &(s, e)) in spans.iter().enumerate() {
        ws.assignments
            .push(held(&format!("a-{k}"), &p.id, INCIDENT_MANAGER, s, e));
    }
    ws.people.push(p);
    ws
}

fn hm(h: i64, m: i64) -> Duration {
    Duration::hours(h) + Duration::minutes(m)
}

const NIGHT: Window = Window {
    from: ClockTime::hm(22, 0),
    to: ClockTime::hm(7, 0),
};

// --- nights ----------------------------------------------------------------------------------

#[test]
fn night_across_midnight_in_winter_london() {
    let n = zones::time_within(
        &Tzdb,
        Some("Europe/London"),
        NIGHT,
        at(2026, 1, 10, 20, 0),
        at(2026, 1, 11, 2, 0),
    );
    assert_eq!(n, hm(4, 0));
}

#[test]
fn night_in_summer_london_is_on_british_summer_time() {
    // 20:00–23:30 UTC is 21:00–00:30 BST: 2 h 30 min of night.
    let n = zones::time_within(
        &Tzdb,
        Some("Europe/London"),
        NIGHT,
        at(2026, 7, 10, 20, 0),
        at(2026, 7, 10, 23, 30),
    );
    assert_eq!(n, hm(2, 30));
}

#[test]
fn the_night_the_clocks_go_forward_in_berlin_is_an_hour_shorter() {
    // Last Sunday of March 2026 is the 29th: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    // 22:00 CET (21:00 UTC) to 07:00 CEST (05:00 UTC) is 8 h of night, not 9.
    let n = zones::time_within(
        &Tzdb,
        Some("Europe/Berlin"),
        NIGHT,
        at(2026, 3, 28, 18, 0),
        at(2026, 3, 29, 9, 0),
    );
    assert_eq!(n, hm(8, 0));
    // The whole night without the change, a week before, is 9 h.
    let n = zones::time_within(
        &Tzdb,
        Some("Europe/Berlin"),
        NIGHT,
        at(2026, 3, 21, 18, 0),
        at(2026, 3, 22, 9, 0),
    );
    assert_eq!(n, hm(9, 0));
}

#[test]
fn the_night_the_clocks_go_back_in_berlin_is_an_hour_longer() {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC. 22:00 CEST (20:00 UTC) to
    // 07:00 CET (06:00 UTC) is 10 h.
    let n = zones::time_within(
        &Tzdb,
        Some("Europe/Berlin"),
        NIGHT,
        at(2026, 10, 24, 12, 0),
        at(2026, 10, 25, 12, 0),
    );
    assert_eq!(n, hm(10, 0));
}

#[test]
fn night_in_a_half_hour_zone() {
    // Kolkata is +05:30: 16:00–02:00 UTC is 21:30–07:30 local, so 22:00–07:00 is night: 9 h.
    let n = zones::time_within(
        &Tzdb,
        Some("Asia/Kolkata"),
        NIGHT,
        at(2026, 11, 30, 16, 0),
        at(2026, 12, 1, 2, 0),
    );
    assert_eq!(n, hm(9, 0));
    // 16:00–16:45 UTC is 21:30–22:15: a quarter of an hour.
    let n = zones::time_within(
        &Tzdb,
        Some("Asia/Kolkata"),
        NIGHT,
        at(2026, 11, 30, 16, 0),
        at(2026, 11, 30, 16, 45),
    );
    assert_eq!(n, hm(0, 15));
    // A fixed offset written as one works without any zone rules.
    let n = zones::time_within(
        &UtcOnly,
        Some("+05:30"),
        NIGHT,
        at(2026, 11, 30, 16, 0),
        at(2026, 11, 30, 16, 45),
    );
    assert_eq!(n, hm(0, 15));
}

#[test]
fn a_window_within_one_day_and_an_empty_one() {
    let early = Window {
        from: ClockTime::hm(0, 0),
        to: ClockTime::hm(6, 0),
    };
    let n = zones::time_within(&UtcOnly, None, early, at(2026, 1, 1, 0, 0), at(2026, 1, 3, 0, 0));
    assert_eq!(n, hm(12, 0));
    let none = Window {
        from: ClockTime::hm(6, 0),
        to: ClockTime::hm(6, 0),
    };
    assert_eq!(
        zones::time_within(&UtcOnly, None, none, at(2026, 1, 1, 0, 0), at(2026, 1, 3, 0, 0)),
        Duration::zero()
    );
}

#[test]
fn hours_count_two_roles_at_once_once_and_split_7_and_30_days() {
    let now = at(2026, 3, 31, 12, 0);
    let mut ws = ws_with(
        person("p-priya", "Priya Shah", Some("Asia/Kolkata")),
        &[
            // 20 days ago, 3 h, 02:00–05:00 UTC = 07:30–10:30 local: daytime.
            (at(2026, 3, 11, 2, 0), Some(at(2026, 3, 11, 5, 0))),
            // 2 days ago, 4 h, 17:00–21:00 UTC = 22:30–02:30 local: all night.
            (at(2026, 3, 29, 17, 0), Some(at(2026, 3, 29, 21, 0))),
        ],
    );
    // A second role during the same 4 h: time on duty is counted once.
    ws.assignments.push(held(
        "a-x",
        "p-priya",
        SCRIBE,
        at(2026, 3, 29, 18, 0),
        Some(at(2026, 3, 29, 20, 0)),
    ));
    let h = rest::hours_of(&ws, "p-priya", &Tzdb, now).unwrap();
    assert_eq!(h.week, hm(4, 0));
    assert_eq!(h.month, hm(7, 0));
    assert_eq!(h.night_week, hm(4, 0));
    assert_eq!(h.night_month, hm(4, 0));
    assert_eq!(h.longest.unwrap().length(), hm(4, 0));
    assert!(h.zone_known);
    assert!(h.rested());
}

#[test]
fn standing_roles_are_not_incident_hours() {
    let now = at(2026, 3, 31, 12, 0);
    let mut ws = ws_with(person("p-sam", "Sam Rivera", None), &[]);
    ws.assignments.push(Assignment {
        incident: None,
        ..held("a-chair", "p-sam", COMMITTEE_CHAIR, at(2026, 3, 1, 0, 0), None)
    });
    let h = rest::hours_of(&ws, "p-sam", &UtcOnly, now).unwrap();
    assert_eq!(h.month, Duration::zero());
    assert!(!h.zone_known);
}

// --- needs rest at its edges -----------------------------------------------------------------

fn stretch_ws(len: Duration, ended_ago: Option<Duration>, now: DateTime<Utc>) -> Workspace {
    let end = ended_ago.map(|a| now - a);
    let start = end.unwrap_or(now) - len;
    ws_with(person("p-sam", "Sam Rivera", Some("UTC")), &[(start, end)])
}

#[test]
fn an_ongoing_stretch_of_exactly_the_limit_is_fine_and_a_minute_more_needs_rest() {
    // Noon, so that the stretch holds little night and only the stretch rule speaks.
    let now = at(2026, 6, 1, 12, 0);
    let h = rest::hours_of(&stretch_ws(hm(12, 0), None, now), "p-sam", &UtcOnly, now).unwrap();
    assert!(h.rested(), "{:?}", h.needs_rest);
    let h = rest::hours_of(&stretch_ws(hm(12, 1), None, now), "p-sam", &UtcOnly, now).unwrap();
    assert!(matches!(
        h.needs_rest.as_slice(),
        [RestReason::LongStretch {
            stretch: Stretch { ongoing: true, .. },
            ..
        }]
    ));
}

#[test]
fn a_long_stretch_needs_rest_until_eleven_hours_after_it_ended() {
    let now = at(2026, 6, 2, 12, 0);
    let over = hm(13, 0);
    let h = rest::hours_of(
        &stretch_ws(over, Some(REST_AFTER_STRETCH - Duration::minutes(1)), now),
        "p-sam",
        &UtcOnly,
        now,
    )
    .unwrap();
    assert!(matches!(
        h.needs_rest.as_slice(),
        [RestReason::LongStretch {
            stretch: Stretch { ongoing: false, .. },
            ..
        }]
    ));
    let h = rest::hours_of(
        &stretch_ws(over, Some(REST_AFTER_STRETCH), now),
        "p-sam",
        &UtcOnly,
        now,
    )
    .unwrap();
    assert!(h.rested(), "{:?}", h.needs_rest);
    assert_eq!(h.longest.unwrap().length(), over);
}

#[test]
fn a_break_under_an_hour_does_not_end_a_stretch() {
    let now = at(2026, 6, 1, 20, 0);
    let p = || person("p-sam", "Sam Rivera", Some("UTC"));
    // 07:00–13:00, a 59-minute break, 13:59–20:00: one stretch of 13 h.
    let ws = ws_with(
        p(),
        &[
            (at(2026, 6, 1, 7, 0), Some(at(2026, 6, 1, 13, 0))),
            (at(2026, 6, 1, 13, 59), None),
        ],
    );
    let h = rest::hours_of(&ws, "p-sam", &UtcOnly, now).unwrap();
    assert_eq!(h.longest.unwrap().length(), hm(13, 0));
    assert!(!h.rested());
    // A full hour's break: two stretches of 6 h and 6 h, rested.
    let ws = ws_with(
        p(),
        &[
            (at(2026, 6, 1, 7, 0), Some(at(2026, 6, 1, 13, 0))),
            (at(2026, 6, 1, 14, 0), None),
        ],
    );
    let h = rest::hours_of(&ws, "p-sam", &UtcOnly, now).unwrap();
    assert_eq!(h.longest.unwrap().length(), hm(6, 0));
    assert!(h.rested());
}

#[test]
fn night_hours_over_the_weekly_limit_need_rest_and_exactly_the_limit_does_not() {
    let now = at(2026, 6, 5, 12, 0);
    let p = || person("p-sam", "Sam Rivera", Some("UTC"));
    // One whole night, 22:00–07:00: 9 h, exactly the default limit.
    let one_night = (at(2026, 6, 1, 22, 0), Some(at(2026, 6, 2, 7, 0)));
    let h = rest::hours_of(&ws_with(p(), &[one_night]), "p-sam", &UtcOnly, now).unwrap();
    assert_eq!(h.night_week, hm(9, 0));
    assert!(h.rested());
    // And one more minute of night, two nights later.
    let minute = (at(2026, 6, 3, 22, 0), Some(at(2026, 6, 3, 22, 1)));
    let h = rest::hours_of(&ws_with(p(), &[one_night, minute]), "p-sam", &UtcOnly, now).unwrap();
    assert_eq!(h.night_week, hm(9, 1));
    assert!(matches!(h.needs_rest.as_slice(), [RestReason::NightHours { .. }]));
}

#[test]
fn the_workspace_sets_the_night_and_the_limits() {
    let now = at(2026, 6, 1, 12, 0);
    let mut ws = stretch_ws(hm(9, 0), None, now);
    ws.settings.rest = Some(RestSettings {
        night_from: ClockTime::hm(23, 0),
        night_to: ClockTime::hm(6, 0),
        max_stretch_hours: 8.0,
        ..RestSettings::default()
    });
    let h = rest::hours_of(&ws, "p-sam", &UtcOnly, now).unwrap();
    // 03:00–12:00: night is 03:00–06:00.
    assert_eq!(h.night_week, hm(3, 0));
    assert!(matches!(
        h.needs_rest.as_slice(),
        [RestReason::LongStretch { .. }]
    ));
}

#[test]
fn needs_rest_is_said_in_words() {
    let now = at(2026, 6, 1, 12, 0);
    let h = rest::hours_of(&stretch_ws(hm(13, 5), None, now), "p-sam", &UtcOnly, now).unwrap();
    assert_eq!(
        h.sentence().unwrap(),
        "Sam Rivera needs rest: on incident roles for 13 h 5 min straight, over the 12 h limit."
    );
    let h = rest::hours_of(
        &stretch_ws(hm(13, 0), Some(hm(2, 0)), now),
        "p-sam",
        &UtcOnly,
        now,
    )
    .unwrap();
    assert_eq!(
        h.needs_rest[0].to_string(),
        "was on incident roles for 13 h straight until 2 h ago, over the 12 h limit, and has had less than 11 h off since"
    );
    let reason = RestReason::NightHours {
        night_week: hm(10, 30),
        limit: hm(9, 0),
    };
    assert_eq!(
        reason.to_string(),
        "10 h 30 min of night duty in the last 7 days, over the 9 h limit"
    );
}

#[test]
fn everyone_who_needs_rest_comes_first() {
    let now = at(2026, 6, 1, 12, 0);
    let mut ws = stretch_ws(hm(13, 0), None, now);
    ws.people.push(person("p-amara", "Amara Okafor", None));
    let all = rest::hours(&ws, &UtcOnly, now);
    assert_eq!(
        all.iter().map(|h| h.person_id.as_str()).collect::<Vec<_>>(),
        ["p-sam", "p-amara"]
    );
}

// --- hand-over suggestions --------------------------------------------------------------------

fn candidate(id: &str, name: &str) -> Candidate {
    Candidate {
        person_id: id.into(),
        name: name.into(),
        load_after: 1.0,
        capacity: 3.0,
    }
}

#[test]
fn rested_people_in_their_daytime_are_suggested_first_and_the_away_never() {
    // 08:35 UTC: 14:05 in Kolkata, 03:35 in Chicago (CDT), 09:35 in London (BST).
    let now = at(2026, 6, 1, 8, 35);
    let mut ws = new_workspace();
    ws.people = Records::from(vec![
        person("p-ana", "Ana Lima", Some("America/Chicago")),
        person("p-sam", "Sam Rivera", Some("Europe/London")),
        person("p-priya", "Priya Shah", Some("Asia/Kolkata")),
        Person {
            away: vec![Away {
                from: NaiveDate::from_ymd_opt(2026, 5, 30).unwrap(),
                to: NaiveDate::from_ymd_opt(2026, 6, 2).unwrap(),
                note: "exams".into(),
                extra: Extra::new(),
            }],
            ..person("p-kim", "Kim Lee", Some("Europe/London"))
        },
    ]);
    // Sam has been on for 13 h.
    ws.assignments
        .push(held("a-1", "p-sam", INCIDENT_MANAGER, now - hm(13, 0), None));
    let incoming = vec![
        candidate("p-kim", "Kim Lee"),
        candidate("p-sam", "Sam Rivera"),
        candidate("p-ana", "Ana Lima"),
        candidate("p-priya", "Priya Shah"),
    ];
    let ranked = rest::rested_first(&ws, incoming.clone(), &Tzdb, now);
    let sentences: Vec<String> = ranked.iter().map(|r| r.sentence()).collect();
    assert_eq!(
        sentences,
        [
            "Priya Shah — 14:05 their time, rested",
            "Ana Lima — 03:35 their time (night), rested",
            "Sam Rivera — 09:35 their time, needs rest: on incident roles for 13 h straight, over the 12 h limit",
        ]
    );
    // Ranking several lists at one moment (the load view's suggestions) reads the assignments
    // once and answers each list as rested_first would.
    let mut many = rest::Rested::new(&ws, &Tzdb, now);
    assert_eq!(many.rank(incoming.clone()), ranked);
    let two: Vec<_> = incoming.into_iter().rev().take(2).collect();
    assert_eq!(many.rank(two.clone()), rest::rested_first(&ws, two, &Tzdb, now));
}

// --- away periods -----------------------------------------------------------------------------

#[test]
fn away_days_are_on_the_persons_own_calendar() {
    let p = Person {
        away: vec![Away {
            from: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            note: "exams".into(),
            extra: Extra::new(),
        }],
        ..person("p-priya", "Priya Shah", Some("Asia/Kolkata"))
    };
    // 1 December begins at 18:30 UTC on 30 November in Kolkata; 3 December ends at 18:30 UTC.
    assert!(!away::is_away(&Tzdb, &p, at(2026, 11, 30, 18, 29)));
    assert!(away::is_away(&Tzdb, &p, at(2026, 11, 30, 18, 30)));
    assert!(away::is_away(&Tzdb, &p, at(2026, 12, 3, 18, 29)));
    assert!(!away::is_away(&Tzdb, &p, at(2026, 12, 3, 18, 30)));
    assert!(away::away_during(&Tzdb, &p, at(2026, 11, 23, 0, 0), at(2026, 11, 30, 18, 31)).is_some());
    assert!(away::away_during(&Tzdb, &p, at(2026, 11, 23, 0, 0), at(2026, 11, 30, 18, 30)).is_none());
    let a = away::away_at(&Tzdb, &p, at(2026, 12, 2, 0, 0)).unwrap();
    assert_eq!(
        AwayNotice::new(&p, a).to_string(),
        "Priya Shah is away 1–3 Dec 2026 (exams)."
    );
    assert_eq!(away::upcoming(&Tzdb, &p, at(2026, 12, 4, 0, 0)).len(), 0);
}

#[test]
fn away_days_cross_daylight_saving_in_berlin() {
    let p = Person {
        away: vec![Away {
            from: NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
            note: String::new(),
            extra: Extra::new(),
        }],
        ..person("p-jonas", "Jonas Weber", Some("Europe/Berlin"))
    };
    // 29 March begins at 23:00 UTC (CET) the day before and ends at 22:00 UTC (CEST).
    assert!(away::is_away(&Tzdb, &p, at(2026, 3, 28, 23, 0)));
    assert!(!away::is_away(&Tzdb, &p, at(2026, 3, 28, 22, 59)));
    assert!(away::is_away(&Tzdb, &p, at(2026, 3, 29, 21, 59)));
    assert!(!away::is_away(&Tzdb, &p, at(2026, 3, 29, 22, 0)));
}

#[test]
fn day_ranges_read_naturally() {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    assert_eq!(away::days(d(12, 1), d(12, 1)), "1 Dec 2026");
    assert_eq!(away::days(d(11, 30), d(12, 2)), "30 Nov – 2 Dec 2026");
    assert_eq!(
        away::days(d(12, 30), NaiveDate::from_ymd_opt(2027, 1, 2).unwrap()),
        "30 Dec 2026 – 2 Jan 2027"
    );
}
