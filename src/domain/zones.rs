//! Time zones as a question the caller answers: "what is this zone's offset at this instant?"
//!
//! Nights, away days and awake hours are on each person's own clock, so the domain needs real
//! zone rules (daylight saving, `+05:30`). It must not carry a tz database: the wasm bundle would
//! grow by hundreds of kilobytes for rules the browser already has. So the rules come in as a
//! parameter, a [`Zones`]: the UI answers with the browser's `Intl`, host tests with `chrono-tz`.
//! Everything here is built on that one question.
//!
//! Zone *names* too: browsers (through ICU) and old files still use some retired IANA names —
//! Asia/Calcutta for Asia/Kolkata, Europe/Kiev for Europe/Kyiv — so a team would see one city
//! twice or not find its own. Names are mapped to the current one wherever they enter: the
//! zone picker, and every imported file ([`canonical`]).

use crate::domain::order;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::model::ClockTime;

/// Answers a zone's UTC offset at an instant; `None` when the zone is not known.
pub trait Zones {
    fn offset_at(&self, zone: &str, t: DateTime<Utc>) -> Option<FixedOffset>;
}

/// Knows only UTC and fixed offsets written as `+05:30`: for callers without zone rules.
#[derive(Clone, Copy, Debug, Default)]
pub struct UtcOnly;

impl Zones for UtcOnly {
    fn offset_at(&self, _zone: &str, _t: DateTime<Utc>) -> Option<FixedOffset> {
        None
    }
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero is a valid offset")
}

/// `UTC`, `Etc/UTC`, `Z`, `+05:30`, `-03:00`: zones every caller can answer without rules.
fn obvious_offset(zone: &str) -> Option<FixedOffset> {
    match zone {
        "UTC" | "Etc/UTC" | "Z" | "GMT" | "Etc/GMT" => return Some(utc()),
        _ => {}
    }
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let t = ClockTime::parse(&zone[1..])?;
    FixedOffset::east_opt(sign * i32::from(t.minutes) * 60)
}

/// Where a person's clock is: their offset at an instant, and whether it is really theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub offset: FixedOffset,
    /// False when the person has no time zone or the zone is unknown: their clock is taken to be
    /// UTC, which the UI should say.
    pub known: bool,
}

/// The offset of `zone` at `t`; UTC (and `known: false`) when there is no zone or no answer.
pub fn clock(zones: &dyn Zones, zone: Option<&str>, t: DateTime<Utc>) -> Clock {
    let found = zone.and_then(|z| obvious_offset(z).or_else(|| zones.offset_at(z, t)));
    Clock {
        offset: found.unwrap_or_else(utc),
        known: found.is_some(),
    }
}

/// The wall-clock time at `t` in `zone` (UTC when unknown).
pub fn local(zones: &dyn Zones, zone: Option<&str>, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&clock(zones, zone, t).offset).naive_local()
}

/// The first instant in `(from, to]` at which the offset differs from `offset`, found by halving to
/// the second (offsets change on whole seconds); `None` when it is `offset` at `to`. Assumes at
/// most one change in between, which holds for any span under a few weeks.
fn change_within(
    zones: &dyn Zones,
    zone: Option<&str>,
    offset: FixedOffset,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if clock(zones, zone, to).offset == offset {
        return None;
    }
    let (mut lo, mut hi) = (from, to);
    while hi - lo > Duration::seconds(1) {
        let mid = lo + (hi - lo) / 2;
        if clock(zones, zone, mid).offset == offset {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(hi)
}

/// A daily window on a person's own clock, `[from, to)`; it spans midnight when `to < from`,
/// and is empty when they are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: ClockTime,
    pub to: ClockTime,
}

impl Window {
    pub fn contains(&self, t: NaiveTime) -> bool {
        let m = minutes_of(t);
        let (f, e) = (u32::from(self.from.minutes), u32::from(self.to.minutes));
        if f <= e {
            f <= m && m < e
        } else {
            m >= f || m < e
        }
    }

    /// The first local time strictly after `at` at which the window opens or closes.
    fn next_edge(&self, at: NaiveDateTime) -> NaiveDateTime {
        let day = at.date();
        [day, day + Duration::days(1)]
            .into_iter()
            .flat_map(|d| [self.from, self.to].map(|c| at_clock(d, c)))
            .filter(|&e| e > at)
            .min()
            .unwrap_or(at + Duration::days(1))
    }
}

fn minutes_of(t: NaiveTime) -> u32 {
    use chrono::Timelike;
    t.hour() * 60 + t.minute()
}

fn at_clock(day: NaiveDate, c: ClockTime) -> NaiveDateTime {
    let t = NaiveTime::from_hms_opt(u32::from(c.minutes / 60), u32::from(c.minutes % 60), 0)
        .unwrap_or(NaiveTime::MIN);
    day.and_time(t)
}

/// How much of `[from, to)` falls inside `window` on the clock of `zone`, following its offset
/// through daylight-saving changes: a night on which the clocks go forward is an hour shorter.
pub fn time_within(
    zones: &dyn Zones,
    zone: Option<&str>,
    window: Window,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Duration {
    let mut total = Duration::zero();
    if window.from == window.to {
        return total;
    }
    let mut t = from;
    while t < to {
        let offset = clock(zones, zone, t).offset;
        let here = t.with_timezone(&offset).naive_local();
        let edge = window.next_edge(here);
        let mut next = offset
            .from_local_datetime(&edge)
            .single()
            .map_or(to, |e| e.with_timezone(&Utc));
        if let Some(change) = change_within(zones, zone, offset, t, next) {
            next = change;
        }
        let next = next.min(to).max(t + Duration::seconds(1));
        if window.contains(here.time()) {
            total += next.min(to) - t;
        }
        t = next;
    }
    total
}

/// The UTC instant at which the calendar day `day` begins on the clock of `zone`.
pub fn start_of_day(zones: &dyn Zones, zone: Option<&str>, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(NaiveTime::MIN);
    // The offset at that day's UTC midnight is the offset of its local midnight except within
    // hours of a change; asking again at the first guess settles it.
    let guess = Utc.from_utc_datetime(&midnight);
    let offset = clock(zones, zone, guess).offset;
    let first = Utc.from_utc_datetime(&(midnight - offset));
    let offset = clock(zones, zone, first).offset;
    Utc.from_utc_datetime(&(midnight - offset))
}

// ---------------------------------------------------------------------------------------------
// Zone names

/// Retired IANA names and the name that replaced them (IANA `backward` file), for zones a
/// team is likely to meet.
pub const ALIASES: &[(&str, &str)] = &[
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Asia/Katmandu", "Asia/Kathmandu"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("Asia/Dacca", "Asia/Dhaka"),
    ("Asia/Thimbu", "Asia/Thimphu"),
    ("Asia/Ulan_Bator", "Asia/Ulaanbaatar"),
    ("Asia/Macao", "Asia/Macau"),
    ("Asia/Chongqing", "Asia/Shanghai"),
    ("Asia/Chungking", "Asia/Shanghai"),
    ("Asia/Harbin", "Asia/Shanghai"),
    ("Asia/Tel_Aviv", "Asia/Jerusalem"),
    ("Asia/Istanbul", "Europe/Istanbul"),
    ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("America/Catamarca", "America/Argentina/Catamarca"),
    ("America/Cordoba", "America/Argentina/Cordoba"),
    ("America/Jujuy", "America/Argentina/Jujuy"),
    ("America/Mendoza", "America/Argentina/Mendoza"),
    ("America/Indianapolis", "America/Indiana/Indianapolis"),
    ("America/Louisville", "America/Kentucky/Louisville"),
    ("America/Godthab", "America/Nuuk"),
    ("America/Montreal", "America/Toronto"),
    ("America/Shiprock", "America/Denver"),
    ("Atlantic/Faeroe", "Atlantic/Faroe"),
    ("Atlantic/Jan_Mayen", "Europe/Oslo"),
    ("Europe/Belfast", "Europe/London"),
    ("Europe/Nicosia", "Asia/Nicosia"),
    ("Europe/Uzhgorod", "Europe/Kyiv"),
    ("Europe/Zaporozhye", "Europe/Kyiv"),
    ("Pacific/Truk", "Pacific/Chuuk"),
    ("Pacific/Ponape", "Pacific/Pohnpei"),
    ("Pacific/Enderbury", "Pacific/Kanton"),
    ("Pacific/Samoa", "Pacific/Pago_Pago"),
    ("Australia/ACT", "Australia/Sydney"),
    ("Australia/NSW", "Australia/Sydney"),
    ("Etc/UTC", "UTC"),
    ("Etc/UCT", "UTC"),
    ("Etc/Universal", "UTC"),
    ("Etc/Zulu", "UTC"),
    ("Etc/GMT", "UTC"),
    ("GMT", "UTC"),
    ("UCT", "UTC"),
    ("Universal", "UTC"),
    ("Zulu", "UTC"),
];

/// The current name of a zone: a retired alias mapped to its replacement, anything else as is.
pub fn canonical(zone: &str) -> &str {
    ALIASES
        .iter()
        .find(|(old, _)| *old == zone)
        .map_or(zone, |(_, new)| new)
}

/// A picker's list from the zones a browser knows: current names, each once, sorted, with
/// UTC first (postmortems are written in it).
pub fn picker_list(known: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = known
        .into_iter()
        .map(|z| canonical(&z).to_string())
        .filter(|z| z != "UTC")
        .collect();
    order::sort(&mut out);
    out.dedup();
    out.insert(0, "UTC".to_string());
    out
}
