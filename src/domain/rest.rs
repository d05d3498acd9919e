//! Hours and nights on incident roles, not only hats: who has been on duty too long and needs rest.
//!
//! Load counts hats at a moment; this counts time. Per person it sums the wall-clock time they
//! held any incident role (two roles at once count once) in the last 7 and 30 days, how much of
//! it fell in their own night, and their unbroken stretches. Nights are on each person's clock,
//! which needs zone rules: they come in as a [`Zones`], so the domain carries no tz database.

use crate::domain::order;
use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::away;
use super::duration::human;
use super::load::Candidate;
use super::model::{Person, RestSettings, Scope, Workspace};
use super::zones::{self, Window, Zones};

/// A break shorter than this does not end a stretch: releasing a role at 01:00 and taking another
/// at 01:20 is not rest. The stretch runs from its first start to its last end, breaks included.
pub const SHORT_BREAK: Duration = Duration::hours(1);

/// How long after a stretch over the limit a person still needs rest: the 11 consecutive hours
/// of daily rest the EU working-time rules give employees, which volunteers deserve as much.
pub const REST_AFTER_STRETCH: Duration = Duration::hours(11);

/// The rules in force: the workspace's `settings.rest`, or Hatrack's defaults.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub night: Window,
    pub max_stretch: Duration,
    pub max_night_week: Duration,
}

fn of_hours(h: f64) -> Duration {
    if h.is_finite() && h >= 0.0 {
        Duration::seconds((h * 3600.0).round().min(1e12) as i64)
    } else {
        Duration::zero()
    }
}

impl Limits {
    pub fn of(s: &RestSettings) -> Limits {
        Limits {
            night: Window {
                from: s.night_from,
                to: s.night_to,
            },
            max_stretch: of_hours(s.max_stretch_hours),
            max_night_week: of_hours(s.max_night_hours_per_week),
        }
    }
}

/// The limits a workspace uses.
pub fn limits(ws: &Workspace) -> Limits {
    Limits::of(&ws.settings.rest.clone().unwrap_or_default())
}

/// Unbroken time on incident roles, `[from, to)`; `ongoing` when it runs up to now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub ongoing: bool,
}

impl Stretch {
    pub fn length(&self) -> Duration {
        self.to - self.from
    }
}

/// Why someone needs rest; the sentence is written once, in `Display`.
#[derive(Clone, Debug, PartialEq)]
pub enum RestReason {
    /// A stretch over the limit, still going or ended less than [`REST_AFTER_STRETCH`] ago.
    LongStretch {
        stretch: Stretch,
        limit: Duration,
        now: DateTime<Utc>,
    },
    /// More night hours in the last 7 days than the weekly limit.
    NightHours { night_week: Duration, limit: Duration },
}

impl fmt::Display for RestReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestReason::LongStretch { stretch, limit, .. } if stretch.ongoing => write!(
                f,
                "on incident roles for {} straight, over the {} limit",
                human(stretch.length()),
                human(*limit)
            ),
            RestReason::LongStretch { stretch, limit, now } => write!(
                f,
                "was on incident roles for {} straight until {} ago, over the {} limit, and has had \
                 less than {} off since",
                human(stretch.length()),
                human(*now - stretch.to),
                human(*limit),
                human(REST_AFTER_STRETCH)
            ),
            RestReason::NightHours { night_week, limit } => write!(
                f,
                "{} of night duty in the last 7 days, over the {} limit",
                human(*night_week),
                human(*limit)
            ),
        }
    }
}

/// One person's time on incident roles up to now.
#[derive(Clone, Debug, PartialEq)]
pub struct Hours {
    pub person_id: String,
    pub name: String,
    /// Time holding any incident role in the last 7 and 30 days.
    pub week: Duration,
    pub month: Duration,
    /// The part of it in the person's night.
    pub night_week: Duration,
    pub night_month: Duration,
    /// The longest stretch that ended within the last 30 days (or is still going).
    pub longest: Option<Stretch>,
    /// False when the person's time zone is missing or unknown and nights were counted in UTC.
    pub zone_known: bool,
    /// Empty when rested.
    pub needs_rest: Vec<RestReason>,
}

impl Hours {
    pub fn rested(&self) -> bool {
        self.needs_rest.is_empty()
    }

    /// "Sam Rivera needs rest: on incident roles for 13 h straight, over the 12 h limit."
    pub fn sentence(&self) -> Option<String> {
        if self.rested() {
            return None;
        }
        let reasons: Vec<String> = self.needs_rest.iter().map(ToString::to_string).collect();
        Some(format!("{} needs rest: {}.", self.name, reasons.join("; ")))
    }
}

type Span = (DateTime<Utc>, DateTime<Utc>);

/// Every person's instants on incident roles up to `now`, as disjoint spans in time order, in
/// one pass over the assignments (asking person by person would rescan them for each).
fn on_duty_all(ws: &Workspace, now: DateTime<Utc>) -> HashMap<&str, Vec<Span>> {
    on_duty_of(ws, now, |_| true)
}

/// One person's instants on incident roles up to `now`, as disjoint spans in time order.
fn on_duty(ws: &Workspace, person_id: &str, now: DateTime<Utc>) -> Vec<Span> {
    on_duty_of(ws, now, |p| p == person_id)
        .remove(person_id)
        .unwrap_or_default()
}

/// The spans on incident roles of the people `who` picks, by person.
fn on_duty_of(ws: &Workspace, now: DateTime<Utc>, who: impl Fn(&str) -> bool) -> HashMap<&str, Vec<Span>> {
    let incident_roles: HashSet<&str> = ws
        .roles
        .iter()
        .filter(|r| r.deleted_at.is_none() && r.scope == Scope::Incident)
        .map(|r| r.id.as_str())
        .collect();
    let mut spans: HashMap<&str, Vec<Span>> = HashMap::new();
    for a in ws
        .assignments
        .iter()
        .filter(|a| a.deleted_at.is_none() && who(&a.person) && incident_roles.contains(a.role.as_str()))
    {
        let span = (a.start, a.end.unwrap_or(now).min(now));
        if span.0 < span.1 {
            spans.entry(a.person.as_str()).or_default().push(span);
        }
    }
    spans.into_iter().map(|(p, s)| (p, joined(s))).collect()
}

/// Overlapping or touching spans made one, in time order.
fn joined(mut spans: Vec<Span>) -> Vec<Span> {
    order::sort(&mut spans);
    let mut out: Vec<Span> = vec![];
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Spans joined across breaks shorter than [`SHORT_BREAK`].
fn stretches(duty: &[(DateTime<Utc>, DateTime<Utc>)], now: DateTime<Utc>) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = vec![];
    for &(s, e) in duty {
        match out.last_mut() {
            Some(last) if s - last.to < SHORT_BREAK => last.to = last.to.max(e),
            _ => out.push(Stretch {
                from: s,
                to: e,
                ongoing: false,
            }),
        }
    }
    if let Some(last) = out.last_mut() {
        last.ongoing = last.to >= now;
    }
    out
}

fn within(duty: &[(DateTime<Utc>, DateTime<Utc>)], from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
    duty.iter()
        .map(|&(s, e)| (s.max(from), e.min(to)))
        .filter(|(s, e)| s < e)
        .map(|(s, e)| e - s)
        .sum()
}

fn night_within(
    zones: &dyn Zones,
    p: &Person,
    night: Window,
    duty: &[(DateTime<Utc>, DateTime<Utc>)],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Duration {
    duty.iter()
        .map(|&(s, e)| (s.max(from), e.min(to)))
        .filter(|(s, e)| s < e)
        .map(|(s, e)| zones::time_within(zones, p.timezone.as_deref(), night, s, e))
        .sum()
}

/// How much of `[from, to)` is night on the clock of `zone` under the workspace's night window.
pub fn night_time(
    ws: &Workspace,
    zones: &dyn Zones,
    zone: Option<&str>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Duration {
    zones::time_within(zones, zone, limits(ws).night, from, to)
}

/// One person's hours, nights, stretches and whether they need rest, up to `now`.
pub fn hours_of_person(ws: &Workspace, p: &Person, zones: &dyn Zones, now: DateTime<Utc>) -> Hours {
    hours_from(ws, p, &on_duty(ws, &p.id, now), zones, now)
}

/// [`hours_of_person`] from their spans on duty.
fn hours_from(ws: &Workspace, p: &Person, duty: &[Span], zones: &dyn Zones, now: DateTime<Utc>) -> Hours {
    let lim = limits(ws);
    let (week_ago, month_ago) = (now - Duration::days(7), now - Duration::days(30));
    let all = stretches(duty, now);
    let longest = all
        .iter()
        .filter(|s| s.to > month_ago)
        .max_by(|a, b| a.length().cmp(&b.length()).then(b.from.cmp(&a.from)))
        .copied();
    let night_week = night_within(zones, p, lim.night, duty, week_ago, now);
    let mut needs_rest = vec![];
    if let Some(last) = all.last() {
        if last.length() > lim.max_stretch && now - last.to < REST_AFTER_STRETCH {
            needs_rest.push(RestReason::LongStretch {
                stretch: *last,
                limit: lim.max_stretch,
                now,
            });
        }
    }
    if night_week > lim.max_night_week {
        needs_rest.push(RestReason::NightHours {
            night_week,
            limit: lim.max_night_week,
        });
    }
    Hours {
        person_id: p.id.clone(),
        name: p.name.clone(),
        week: within(duty, week_ago, now),
        month: within(duty, month_ago, now),
        night_week,
        night_month: night_within(zones, p, lim.night, duty, month_ago, now),
        longest,
        zone_known: zones::clock(zones, p.timezone.as_deref(), now).known,
        needs_rest,
    }
}

/// [`hours_of_person`] by id; `None` when the person is not in the workspace.
pub fn hours_of(ws: &Workspace, person_id: &str, zones: &dyn Zones, now: DateTime<Utc>) -> Option<Hours> {
    ws.people
        .iter()
        .find(|p| p.id == person_id && p.deleted_at.is_none())
        .map(|p| hours_of_person(ws, p, zones, now))
}

/// Every active person's hours: those who need rest first, then most hours this week, then name.
pub fn hours(ws: &Workspace, zones: &dyn Zones, now: DateTime<Utc>) -> Vec<Hours> {
    let duty = on_duty_all(ws, now);
    let mut out: Vec<Hours> = ws
        .people
        .iter()
        .filter(|p| p.active && p.deleted_at.is_none())
        .map(|p| {
            hours_from(
                ws,
                p,
                duty.get(p.id.as_str()).map_or(&[], Vec::as_slice),
                zones,
                now,
            )
        })
        .collect();
    order::sort_by(&mut out, |a, b| {
        a.rested()
            .cmp(&b.rested())
            .then(b.week.cmp(&a.week))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// A hand-over candidate with what their clock and their hours say.
#[derive(Clone, Debug, PartialEq)]
pub struct RestedCandidate {
    pub candidate: Candidate,
    /// Their wall-clock time now (UTC when `zone_known` is false).
    pub local: NaiveTime,
    pub zone_known: bool,
    /// Outside their night window.
    pub daytime: bool,
    /// Empty when rested.
    pub needs_rest: Vec<RestReason>,
}

impl RestedCandidate {
    pub fn rested(&self) -> bool {
        self.needs_rest.is_empty()
    }

    /// "Priya Shah — 14:05 their time, rested"; "Sam Rivera — 03:10 their time (night), needs
    /// rest: …"; "Kim Lee — no time zone set, rested".
    pub fn sentence(&self) -> String {
        let clock = if !self.zone_known {
            "no time zone set".to_string()
        } else if self.daytime {
            format!("{} their time", self.local.format("%H:%M"))
        } else {
            format!("{} their time (night)", self.local.format("%H:%M"))
        };
        let rest = if self.rested() {
            "rested".to_string()
        } else {
            let reasons: Vec<String> = self.needs_rest.iter().map(ToString::to_string).collect();
            format!("needs rest: {}", reasons.join("; "))
        };
        format!("{} — {clock}, {rest}", self.candidate.name)
    }
}

/// Orders hand-over candidates so the rested go first, and among them those for whom it is day:
/// rested by day, rested at night, tired by day, tired at night. Within a group the incoming
/// order (within capacity first, then lowest load) is kept. People away now are left out: they
/// are never suggested. An unknown zone counts as daytime, since nothing says it is night.
pub fn rested_first(
    ws: &Workspace,
    candidates: Vec<Candidate>,
    zones: &dyn Zones,
    now: DateTime<Utc>,
) -> Vec<RestedCandidate> {
    Rested::new(ws, zones, now).rank(candidates)
}

/// [`rested_first`] for many lists of candidates at one moment (the load view's suggestions):
/// the assignments are read once, and each person's clock and hours worked out once.
pub struct Rested<'a> {
    ws: &'a Workspace,
    zones: &'a dyn Zones,
    now: DateTime<Utc>,
    night: Window,
    duty: HashMap<&'a str, Vec<Span>>,
    /// Per person: `None` when away now.
    seen: HashMap<String, Option<Now>>,
}

/// A person's clock and rest at the moment asked about.
#[derive(Clone)]
struct Now {
    local: NaiveTime,
    zone_known: bool,
    daytime: bool,
    needs_rest: Vec<RestReason>,
}

impl<'a> Rested<'a> {
    pub fn new(ws: &'a Workspace, zones: &'a dyn Zones, now: DateTime<Utc>) -> Rested<'a> {
        Rested {
            ws,
            zones,
            now,
            night: limits(ws).night,
            duty: on_duty_all(ws, now),
            seen: HashMap::new(),
        }
    }

    /// The candidates, rested first (see [`rested_first`]).
    pub fn rank(&mut self, candidates: Vec<Candidate>) -> Vec<RestedCandidate> {
        let mut out: Vec<RestedCandidate> = candidates
            .into_iter()
            .filter_map(|c| {
                let now = self.person(&c.person_id)?;
                Some(RestedCandidate {
                    daytime: now.daytime,
                    local: now.local,
                    zone_known: now.zone_known,
                    needs_rest: now.needs_rest,
                    candidate: c,
                })
            })
            .collect();
        order::sort_by_key(&mut out, |r| (!r.rested(), !r.daytime));
        out
    }

    fn person(&mut self, id: &str) -> Option<Now> {
        if let Some(known) = self.seen.get(id) {
            return known.clone();
        }
        let (ws, zones, now) = (self.ws, self.zones, self.now);
        let found = ws
            .people
            .iter()
            .find(|p| p.id == id && p.deleted_at.is_none())
            .filter(|p| !away::is_away(zones, p, now))
            .map(|p| {
                let clock = zones::clock(zones, p.timezone.as_deref(), now);
                let local = now.with_timezone(&clock.offset).time();
                let duty = self.duty.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
                Now {
                    local,
                    zone_known: clock.known,
                    daytime: !clock.known || !self.night.contains(local),
                    needs_rest: hours_from(ws, p, duty, zones, now).needs_rest,
                }
            });
        self.seen.insert(id.to_string(), found.clone());
        found
    }
}
