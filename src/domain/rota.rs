//! The rota planner: who holds each standing role in each turn of a period ahead, as a value to
//! preview, apply (creating future standing assignments) and undo.
//!
//! Each turn is planned on its own, in time order, because load is per instant: a person's load
//! in one turn never adds to another's. Within a turn the hard rules are skills, active people,
//! away periods, separation-of-duty rules and capacity (counting the standing roles a person
//! already holds then); an empty cell is never silent but a [`Gap`] with the reason. Among
//! choices that keep the rules, a turn's assignment is the best found, compared in this order:
//!
//! 1. fewest gaps;
//! 2. lowest peak load in the turn;
//! 3. awake coverage of the on-call roles: fewest half-hours of the UTC day in which nobody
//!    holding an on-call role is awake (outside their night window, on their clock);
//! 4. fairness: the smallest sum of squares of everyone's share so far (weight × days), which
//!    gives the next turn to whoever has carried least.
//!
//! The search is a depth-first search with a fixed node budget, seeded with the plain round
//! robin ([`round_robin`]) for the same turn, so a turn is never worse than the round robin on
//! gaps, then peak load; and being a fixed procedure over people sorted by id, the same input
//! always gives the same plan. Turns start and end at 00:00 UTC: a turn on the calendar is a set
//! of whole days for everyone, whatever their zone.

use crate::domain::order;
use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveTime, TimeZone, Utc};

use super::assign::{find_person, find_role, Link};
use super::away::{self, AwayNotice};
use super::model::{new_id, Assignment, Away, ClockTime, Extra, Person, Scope, TurnLength, Workspace};
use super::refusal::DomainError;
use super::rest;
use super::times;
use super::zones::{self, Zones};

/// The longest period the planner plans at once: two years of turns is already a guess.
pub const MAX_WEEKS: u32 = 104;
/// Weeks planned when the workspace does not say.
pub const DEFAULT_WEEKS: u32 = 12;
/// Nodes the search visits per turn; enough for a small team to search every choice, and a
/// bound on the time a large one takes.
const BUDGET: usize = 4000;
/// Half-hours in a day: awake coverage is judged per half-hour of the UTC day so that
/// `+05:30` zones are counted exactly.
const SLOTS: u32 = 48;

/// What to plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The first turn starts at 00:00 UTC on this date.
    pub start: NaiveDate,
    pub weeks: u32,
    pub turn: TurnLength,
    /// Standing role ids, in the order shown; empty means every live standing role.
    pub roles: Vec<String>,
    /// The on-call roles among them, whose holders together should be awake around the clock.
    pub on_call: Vec<String>,
    /// Keep turns already agreed (standing assignments of these roles in the period); when false,
    /// applying the plan removes them and plans those turns afresh.
    pub keep_agreed: bool,
}

impl Request {
    /// The workspace's rota settings, for a period starting on `start`, keeping agreed turns. Ids
    /// that name no live standing role (deleted since, or left out of an incident bundle) are
    /// dropped.
    pub fn from_settings(ws: &Workspace, start: NaiveDate) -> Request {
        let s = ws.settings.rota.clone().unwrap_or_default();
        let standing = |ids: Vec<String>| -> Vec<String> {
            ids.into_iter()
                .filter(|id| standing_role(ws, id).is_some())
                .collect()
        };
        Request {
            start,
            weeks: s.weeks.unwrap_or(DEFAULT_WEEKS).clamp(1, MAX_WEEKS),
            turn: s.turn,
            roles: standing(s.roles),
            on_call: standing(s.on_call),
            keep_agreed: true,
        }
    }
}

/// A plan the planner cannot make or apply; the sentence is written once, in `Display`.
#[derive(Clone, Debug, PartialEq)]
pub enum RotaError {
    NoWeeks,
    TooLong {
        weeks: u32,
    },
    NoStandingRoles,
    UnknownRole {
        role: String,
    },
    NotStanding {
        name: String,
        scope: Scope,
    },
    /// The first turn ends at or before now: a rota plans ahead.
    InThePast {
        first_end: DateTime<Utc>,
    },
    /// Applying: the person is no longer in the workspace.
    PersonGone {
        person: String,
    },
    /// Applying: the person was marked inactive since the plan was made.
    PersonInactive {
        name: String,
    },
    /// Applying: the role was deleted since the plan was made.
    RoleGone {
        role: String,
    },
    /// Applying: a new turn overlaps one the person already holds (the workspace changed).
    Clash {
        overlap: DomainError,
    },
}

impl fmt::Display for RotaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RotaError::NoWeeks => f.write_str("Plan at least one week."),
            RotaError::TooLong { weeks } => write!(
                f,
                "{weeks} weeks is more than the planner plans at once ({MAX_WEEKS}); plan a shorter period."
            ),
            RotaError::NoStandingRoles => f.write_str(
                "There are no standing roles to plan; add one under Roles (scope: standing) first.",
            ),
            RotaError::UnknownRole { role } => write!(
                f,
                "The rota names role \"{role}\", which is not in the role catalogue; pick the roles again."
            ),
            RotaError::NotStanding { name, scope } => write!(
                f,
                "{name} is held within {}, not for a period; a rota plans standing roles only.",
                if *scope == Scope::Incident {
                    "an incident"
                } else {
                    "a release"
                }
            ),
            RotaError::InThePast { first_end } => write!(
                f,
                "The first turn would end at {}, which has passed; start the rota today or later.",
                times::hm(*first_end)
            ),
            RotaError::PersonGone { person } => write!(
                f,
                "The plan names {person}, who is no longer in the workspace; plan again."
            ),
            RotaError::PersonInactive { name } => write!(
                f,
                "{name} has been marked inactive since the plan was made; plan again."
            ),
            RotaError::RoleGone { role } => write!(
                f,
                "The role \"{role}\" has been deleted since the plan was made; plan again."
            ),
            RotaError::Clash { overlap } => write!(f, "{overlap} Plan again to take it into account."),
        }
    }
}

impl std::error::Error for RotaError {}

/// Who holds one role in one turn.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub role: String,
    /// `None` is a gap, listed in [`Plan::gaps`] with its reason.
    pub person: Option<String>,
    /// The assignment already agreed for this turn, kept as it is; `None` for a planned turn.
    pub agreed: Option<String>,
}

/// One person's load in one turn: the standing roles they would hold then.
#[derive(Clone, Debug, PartialEq)]
pub struct TurnLoad {
    pub person: String,
    pub load: f64,
}

/// One turn: from `start` to `end` (00:00 UTC each), a cell per role in the request's order.
#[derive(Clone, Debug, PartialEq)]
pub struct TurnPlan {
    pub index: usize,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub cells: Vec<Cell>,
    /// Everyone with standing load in the turn, by person id.
    pub load: Vec<TurnLoad>,
    pub peak: f64,
}

impl TurnPlan {
    pub fn first_day(&self) -> NaiveDate {
        self.start.date_naive()
    }
    /// The last whole day of the turn.
    pub fn last_day(&self) -> NaiveDate {
        (self.end - Duration::days(1)).date_naive()
    }
}

/// Why nobody could be given a role in a turn.
#[derive(Clone, Debug, PartialEq)]
pub enum GapReason {
    /// No active person has the role among their skills.
    NobodySkilled,
    /// Everyone with the skill is ruled out: names, by reason.
    NobodyFree {
        away: Vec<String>,
        conflict: Vec<String>,
        over_capacity: Vec<String>,
    },
}

/// A role left empty in a turn, with why.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub role: String,
    pub role_name: String,
    pub turn: usize,
    pub from: NaiveDate,
    pub reason: GapReason,
}

fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Nobody holds {} in the turn from {}: ",
            self.role_name,
            self.from.format("%-d %b %Y")
        )?;
        match &self.reason {
            GapReason::NobodySkilled => f.write_str(
                "nobody active has the skill. Give the skill to someone who could learn the role.",
            ),
            GapReason::NobodyFree {
                away,
                conflict,
                over_capacity,
            } => {
                let mut why = vec![];
                if !away.is_empty() {
                    why.push(format!("{} away", names(away)));
                }
                if !conflict.is_empty() {
                    why.push(format!(
                        "{} would break a separation-of-duty rule",
                        names(conflict)
                    ));
                }
                if !over_capacity.is_empty() {
                    why.push(format!("{} would be over capacity", names(over_capacity)));
                }
                write!(
                    f,
                    "everyone with the skill is ruled out ({}). Train someone else, or fill it by hand.",
                    why.join("; ")
                )
            }
        }
    }
}

/// Something about a plan worth a look that is not a gap.
#[derive(Clone, Debug, PartialEq)]
pub enum Concern {
    /// In this turn nobody holding an on-call role is awake in these spans of the UTC day.
    Asleep {
        turn: usize,
        from: NaiveDate,
        spans: Vec<(ClockTime, ClockTime)>,
    },
    /// An agreed turn, kept, whose holder is away during it.
    AgreedButAway {
        turn: usize,
        role_name: String,
        away: AwayNotice,
    },
}

impl fmt::Display for Concern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Concern::Asleep { from, spans, .. } => {
                let spans: Vec<String> = spans.iter().map(|(a, b)| format!("{a}–{b}")).collect();
                write!(
                    f,
                    "In the turn from {} nobody on call is awake {} UTC; someone in another time zone \
                     on one of the on-call roles would cover it.",
                    from.format("%-d %b %Y"),
                    spans.join(", ")
                )
            }
            Concern::AgreedButAway { role_name, away, .. } => write!(
                f,
                "{} The turn as {role_name} agreed for then is kept; swap it by hand or plan again without keeping agreed turns.",
                away
            ),
        }
    }
}

/// One person's share of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    pub person: String,
    pub name: String,
    /// Cells held (agreed and planned).
    pub turns: usize,
    /// Σ role weight × days held.
    pub load_days: f64,
    /// `load_days` over everyone's, 0 to 1.
    pub share: f64,
    /// Their highest load in any turn.
    pub peak: f64,
}

/// A proposed rota: turns, gaps, everyone's share and the peak load it implies.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub request: Request,
    /// The roles planned (ids), in order; each turn has a cell per role in this order.
    pub roles: Vec<String>,
    pub turns: Vec<TurnPlan>,
    pub gaps: Vec<Gap>,
    /// Everyone with the skill for a planned role, most load first, then name.
    pub shares: Vec<Share>,
    pub peak: f64,
    pub concerns: Vec<Concern>,
}

/// The turns of a period: `[start, end)` at 00:00 UTC, the last one cut at the period's end.
pub fn turns(start: NaiveDate, weeks: u32, turn: TurnLength) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN));
    let end = start + Duration::days(7 * i64::from(weeks));
    let nth = |k: u32| match turn {
        TurnLength::Weekly => Some(start + Duration::days(7 * i64::from(k))),
        TurnLength::Fortnightly => Some(start + Duration::days(14 * i64::from(k))),
        TurnLength::Monthly => start.checked_add_months(Months::new(k)),
    };
    let mut out = vec![];
    let mut k = 0;
    while let Some(s) = nth(k).filter(|s| *s < end) {
        let e = nth(k + 1).map_or(end, |e| e.min(end));
        out.push((at(s), at(e)));
        k += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// What every turn shares, and what each turn knows.

struct RoleInfo {
    id: String,
    name: String,
    weight: f64,
    on_call: bool,
}

struct Ctx<'a> {
    ws: &'a Workspace,
    zones: &'a dyn Zones,
    req: &'a Request,
    /// Live people, by id.
    people: Vec<&'a Person>,
    capacity: Vec<f64>,
    roles: Vec<RoleInfo>,
    /// skilled[r][p]: person p is active and has role r among their skills.
    skilled: Vec<Vec<bool>>,
    /// Role id pairs a live rule forbids together, both orders.
    rules: BTreeSet<(String, String)>,
    /// People skilled for an on-call role live in more than one awake pattern.
    spans_zones: bool,
    period: (DateTime<Utc>, DateTime<Utc>),
}

struct TurnCtx {
    index: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    days: f64,
    /// Agreed cells kept: (person, assignment id).
    fixed: Vec<Option<(usize, String)>>,
    /// Standing load and roles each person holds in the turn outside the cells.
    base_load: Vec<f64>,
    base_roles: Vec<Vec<String>>,
    away: Vec<Option<Away>>,
    /// Bit s set: awake in half-hour s of the UTC day.
    awake: Vec<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    NoSkill,
    Away,
    Conflict,
    Full,
}

fn standing_role(ws: &Workspace, id: &str) -> Option<f64> {
    find_role(ws, id)
        .filter(|r| r.scope == Scope::Standing)
        .map(|r| r.weight.max(0.0))
}

impl<'a> Ctx<'a> {
    fn new(
        ws: &'a Workspace,
        req: &'a Request,
        zones: &'a dyn Zones,
        now: DateTime<Utc>,
    ) -> Result<(Ctx<'a>, Vec<TurnCtx>), RotaError> {
        if req.weeks == 0 {
            return Err(RotaError::NoWeeks);
        }
        if req.weeks > MAX_WEEKS {
            return Err(RotaError::TooLong { weeks: req.weeks });
        }
        let ids: Vec<String> = if req.roles.is_empty() {
            ws.roles
                .iter()
                .filter(|r| r.deleted_at.is_none() && r.scope == Scope::Standing)
                .map(|r| r.id.clone())
                .collect()
        } else {
            let mut seen = BTreeSet::new();
            req.roles.iter().filter(|r| seen.insert(*r)).cloned().collect()
        };
        if ids.is_empty() {
            return Err(RotaError::NoStandingRoles);
        }
        let mut roles = vec![];
        for id in ids {
            let Some(r) = find_role(ws, &id) else {
                return Err(RotaError::UnknownRole { role: id });
            };
            if r.scope != Scope::Standing {
                return Err(RotaError::NotStanding {
                    name: r.name.clone(),
                    scope: r.scope,
                });
            }
            roles.push(RoleInfo {
                on_call: req.on_call.contains(&id),
                name: r.name.clone(),
                weight: r.weight.max(0.0),
                id,
            });
        }
        let spans = turns(req.start, req.weeks, req.turn);
        let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
            return Err(RotaError::NoWeeks);
        };
        if first.1 <= now {
            return Err(RotaError::InThePast { first_end: first.1 });
        }
        let period = (first.0, last.1);
        let mut people: Vec<&Person> = ws.people.iter().filter(|p| p.deleted_at.is_none()).collect();
        order::sort_by(&mut people, |a, b| a.id.cmp(&b.id));
        let capacity = people
            .iter()
            .map(|p| p.capacity.unwrap_or(ws.settings.default_capacity))
            .collect();
        let skilled = roles
            .iter()
            .map(|r| {
                people
                    .iter()
                    .map(|p| p.active && p.skills.contains(&r.id))
                    .collect()
            })
            .collect();
        let mut rules = BTreeSet::new();
        for c in ws.conflicts.iter().filter(|c| c.deleted_at.is_none()) {
            rules.insert((c.roles[0].clone(), c.roles[1].clone()));
            rules.insert((c.roles[1].clone(), c.roles[0].clone()));
        }
        let mut ctx = Ctx {
            ws,
            zones,
            req,
            people,
            capacity,
            roles,
            skilled,
            rules,
            spans_zones: false,
            period,
        };
        let turn_ctxs: Vec<TurnCtx> = spans
            .iter()
            .enumerate()
            .map(|(k, &(s, e))| ctx.turn(k, s, e))
            .collect();
        let on_call_people: Vec<usize> = (0..ctx.people.len())
            .filter(|&p| {
                ctx.roles
                    .iter()
                    .enumerate()
                    .any(|(r, ri)| ri.on_call && ctx.skilled[r][p])
            })
            .collect();
        ctx.spans_zones = turn_ctxs.iter().any(|tc| {
            let masks: BTreeSet<u64> = on_call_people.iter().map(|&p| tc.awake[p]).collect();
            masks.len() > 1
        });
        Ok((ctx, turn_ctxs))
    }

    fn role_index(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }

    /// Assignments of a planned role in the period that applying a plan that does not keep
    /// agreed turns replaces.
    fn replaced(&self, a: &Assignment) -> bool {
        !self.req.keep_agreed
            && self.role_index(&a.role).is_some()
            && times::overlaps(a.start, a.end, self.period.0, Some(self.period.1))
    }

    fn turn(&self, index: usize, start: DateTime<Utc>, end: DateTime<Utc>) -> TurnCtx {
        let n = self.people.len();
        let held: Vec<(usize, &Assignment)> = self
            .ws
            .assignments
            .iter()
            .filter(|a| {
                a.deleted_at.is_none()
                    && Link::of(a) == Link::Standing
                    && times::overlaps(a.start, a.end, start, Some(end))
                    && standing_role(self.ws, &a.role).is_some()
                    && !self.replaced(a)
            })
            .filter_map(|a| Some((self.people.iter().position(|p| p.id == a.person)?, a)))
            .collect();
        // The agreed holder of a cell is whoever holds the role for most of the turn (then the
        // earliest start, then the id); anyone else holding it then still carries its weight.
        let fixed: Vec<Option<(usize, String)>> = self
            .roles
            .iter()
            .map(|r| {
                held.iter()
                    .filter(|(_, a)| a.role == r.id)
                    .max_by_key(|(_, a)| {
                        let time = a.end.unwrap_or(end).min(end) - a.start.max(start);
                        (time, std::cmp::Reverse(a.start), std::cmp::Reverse(&a.id))
                    })
                    .map(|(p, a)| (*p, a.id.clone()))
            })
            .collect();
        // A turn's load counts each standing role held at any time in it once: an upper bound on
        // the load at any instant, exact for the turns the planner makes.
        let mut base_load = vec![0.0; n];
        let mut base_roles: Vec<Vec<String>> = vec![vec![]; n];
        for (p, a) in held {
            let cell = self.role_index(&a.role).and_then(|r| fixed[r].as_ref());
            if cell.is_some_and(|(q, _)| *q == p) || base_roles[p].contains(&a.role) {
                continue;
            }
            base_load[p] += standing_role(self.ws, &a.role).unwrap_or(0.0);
            base_roles[p].push(a.role.clone());
        }
        let night = rest::limits(self.ws).night;
        let mid = start + (end - start) / 2;
        let awake = self
            .people
            .iter()
            .map(|p| {
                let offset = zones::clock(self.zones, p.timezone.as_deref(), mid).offset;
                let shift = offset.local_minus_utc() / 60;
                (0..SLOTS).fold(0u64, |mask, s| {
                    let minutes = (s as i32 * 30 + 15 + shift).rem_euclid(24 * 60) as u32;
                    let t = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(NaiveTime::MIN);
                    if night.contains(t) {
                        mask
                    } else {
                        mask | (1 << s)
                    }
                })
            })
            .collect();
        TurnCtx {
            index,
            start,
            end,
            days: (end - start).num_minutes() as f64 / (24.0 * 60.0),
            fixed,
            base_load,
            base_roles,
            away: self
                .people
                .iter()
                .map(|p| away::away_during(self.zones, p, start, end).cloned())
                .collect(),
            awake,
        }
    }

    fn conflicts(&self, a: &str, b: &str) -> bool {
        self.rules.contains(&(a.to_string(), b.to_string()))
    }
}

// ---------------------------------------------------------------------------------------------
// One turn's assignment: a state, its rules and its score.

#[derive(Clone)]
struct State {
    cells: Vec<Option<usize>>,
    load: Vec<f64>,
}

impl State {
    fn new(ctx: &Ctx, tc: &TurnCtx) -> State {
        let mut s = State {
            cells: vec![None; ctx.roles.len()],
            load: tc.base_load.clone(),
        };
        for (r, f) in tc.fixed.iter().enumerate() {
            if let Some((p, _)) = f {
                s.put(ctx, r, *p);
            }
        }
        s
    }

    fn put(&mut self, ctx: &Ctx, r: usize, p: usize) {
        self.cells[r] = Some(p);
        self.load[p] += ctx.roles[r].weight;
    }

    fn take(&mut self, ctx: &Ctx, r: usize) {
        if let Some(p) = self.cells[r].take() {
            self.load[p] -= ctx.roles[r].weight;
        }
    }

    /// Whether `p` may be given role `r` now, and if not the first rule that stops it.
    fn why_not(&self, ctx: &Ctx, tc: &TurnCtx, r: usize, p: usize) -> Option<Why> {
        let role = &ctx.roles[r];
        if !ctx.skilled[r][p] {
            return Some(Why::NoSkill);
        }
        if tc.away[p].is_some() {
            return Some(Why::Away);
        }
        let held = tc.base_roles[p].iter().map(String::as_str).chain(
            self.cells
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == Some(p))
                .map(|(q, _)| ctx.roles[q].id.as_str()),
        );
        for h in held {
            if h == role.id || ctx.conflicts(h, &role.id) {
                return Some(Why::Conflict);
            }
        }
        if self.load[p] + role.weight > ctx.capacity[p] {
            return Some(Why::Full);
        }
        None
    }

    fn score(&self, ctx: &Ctx, tc: &TurnCtx, cum: &[f64]) -> Score {
        let mut awake = 0u64;
        let mut added = vec![0.0; cum.len()];
        for (r, c) in self.cells.iter().enumerate() {
            if let Some(p) = *c {
                if ctx.roles[r].on_call {
                    awake |= tc.awake[p];
                }
                added[p] += ctx.roles[r].weight * tc.days;
            }
        }
        let any_on_call = ctx.roles.iter().any(|r| r.on_call);
        Score {
            gaps: self.cells.iter().filter(|c| c.is_none()).count(),
            peak: self.load.iter().copied().fold(0.0, f64::max),
            asleep: if any_on_call && ctx.spans_zones {
                SLOTS - (awake & ((1u64 << SLOTS) - 1)).count_ones()
            } else {
                0
            },
            spread: cum
                .iter()
                .zip(&added)
                .filter(|(_, a)| **a > 0.0)
                .map(|(c, a)| (c + a) * (c + a) - c * c)
                .sum(),
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Score {
    gaps: usize,
    peak: f64,
    asleep: u32,
    spread: f64,
}

impl Score {
    fn better_than(&self, o: &Score) -> bool {
        self.gaps
            .cmp(&o.gaps)
            .then(self.peak.total_cmp(&o.peak))
            .then(self.asleep.cmp(&o.asleep))
            .then(self.spread.total_cmp(&o.spread))
            .is_lt()
    }
}

/// The plain round robin for one turn: role r (in the request's order) goes to the first
/// person who may take it, counting from position `turn + r` in the list of people with the
/// skill (sorted by id) and wrapping round.
fn round_robin_turn(ctx: &Ctx, tc: &TurnCtx) -> State {
    let mut s = State::new(ctx, tc);
    for r in 0..ctx.roles.len() {
        if s.cells[r].is_some() {
            continue;
        }
        let skilled: Vec<usize> = (0..ctx.people.len()).filter(|&p| ctx.skilled[r][p]).collect();
        if skilled.is_empty() {
            continue;
        }
        let from = (tc.index + r) % skilled.len();
        if let Some(p) = (0..skilled.len())
            .map(|i| skilled[(from + i) % skilled.len()])
            .find(|&p| s.why_not(ctx, tc, r, p).is_none())
        {
            s.put(ctx, r, p);
        }
    }
    s
}

struct Search<'c, 'a> {
    ctx: &'c Ctx<'a>,
    tc: &'c TurnCtx,
    cum: &'c [f64],
    order: Vec<usize>,
    best: (Score, State),
    nodes: usize,
}

impl Search<'_, '_> {
    fn run(&mut self, s: &mut State, depth: usize, gaps: usize, peak: f64) {
        if self.nodes >= BUDGET {
            return;
        }
        self.nodes += 1;
        let best = self.best.0;
        if gaps > best.gaps || (gaps == best.gaps && peak > best.peak) {
            return;
        }
        let Some(&r) = self.order.get(depth) else {
            let score = s.score(self.ctx, self.tc, self.cum);
            if score.better_than(&best) {
                self.best = (score, s.clone());
            }
            return;
        };
        let (ctx, tc) = (self.ctx, self.tc);
        let role = &ctx.roles[r];
        let covered: u64 = s
            .cells
            .iter()
            .enumerate()
            .filter_map(|(q, c)| c.filter(|_| ctx.roles[q].on_call).map(|p| tc.awake[p]))
            .fold(0, |m, a| m | a);
        let mut options: Vec<usize> = (0..ctx.people.len())
            .filter(|&p| s.why_not(ctx, tc, r, p).is_none())
            .collect();
        order::sort_by(&mut options, |&a, &b| {
            let gain = |p: usize| {
                if role.on_call {
                    (tc.awake[p] & !covered).count_ones()
                } else {
                    0
                }
            };
            s.load[a]
                .total_cmp(&s.load[b])
                .then(gain(b).cmp(&gain(a)))
                .then(self.cum[a].total_cmp(&self.cum[b]))
                .then(a.cmp(&b))
        });
        for p in options {
            s.put(ctx, r, p);
            let peak = peak.max(s.load[p]);
            self.run(s, depth + 1, gaps, peak);
            s.take(ctx, r);
        }
        self.run(s, depth + 1, gaps + 1, peak);
    }
}

/// The planner's choice for one turn: the best found, never worse than the round robin.
fn best_turn(ctx: &Ctx, tc: &TurnCtx, cum: &[f64]) -> State {
    let seed = round_robin_turn(ctx, tc);
    let mut s = State::new(ctx, tc);
    // Roles with fewest people who could take them first: a choice there matters most.
    let mut order: Vec<usize> = (0..ctx.roles.len()).filter(|&r| s.cells[r].is_none()).collect();
    let free = |r: usize| {
        (0..ctx.people.len())
            .filter(|&p| s.why_not(ctx, tc, r, p).is_none())
            .count()
    };
    order::sort_by(&mut order, |&a, &b| {
        free(a)
            .cmp(&free(b))
            .then(ctx.roles[b].weight.total_cmp(&ctx.roles[a].weight))
            .then(a.cmp(&b))
    });
    let mut search = Search {
        ctx,
        tc,
        cum,
        order,
        best: (seed.score(ctx, tc, cum), seed),
        nodes: 0,
    };
    let peak0 = s.load.iter().copied().fold(0.0, f64::max);
    search.run(&mut s, 0, 0, peak0);
    let mut best = search.best.1;
    // A gap the budget left that someone could still fill, filled: it only removes gaps.
    for r in 0..ctx.roles.len() {
        if best.cells[r].is_none() {
            if let Some(p) = (0..ctx.people.len()).find(|&p| best.why_not(ctx, tc, r, p).is_none()) {
                best.put(ctx, r, p);
            }
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Plans.

fn build(
    ws: &Workspace,
    req: &Request,
    zones: &dyn Zones,
    now: DateTime<Utc>,
    choose: &dyn Fn(&Ctx, &TurnCtx, &[f64]) -> State,
) -> Result<Plan, RotaError> {
    let (ctx, tcs) = Ctx::new(ws, req, zones, now)?;
    let n = ctx.people.len();
    let mut cum = vec![0.0; n];
    let mut held = vec![0usize; n];
    let mut peaks = vec![0.0f64; n];
    let (mut out_turns, mut gaps, mut concerns) = (vec![], vec![], vec![]);
    for tc in &tcs {
        let s = choose(&ctx, tc, &cum);
        let mut cells = vec![];
        let mut awake = 0u64;
        for (r, c) in s.cells.iter().enumerate() {
            let role = &ctx.roles[r];
            let agreed = tc.fixed[r]
                .as_ref()
                .filter(|(p, _)| Some(*p) == *c)
                .map(|(_, id)| id.clone());
            if let Some(p) = *c {
                cum[p] += role.weight * tc.days;
                held[p] += 1;
                if role.on_call {
                    awake |= tc.awake[p];
                }
                if let (Some(_), Some(a)) = (&agreed, &tc.away[p]) {
                    concerns.push(Concern::AgreedButAway {
                        turn: tc.index,
                        role_name: role.name.clone(),
                        away: AwayNotice::new(ctx.people[p], a),
                    });
                }
            } else {
                gaps.push(Gap {
                    role: role.id.clone(),
                    role_name: role.name.clone(),
                    turn: tc.index,
                    from: tc.start.date_naive(),
                    reason: gap_reason(&ctx, tc, &s, r),
                });
            }
            cells.push(Cell {
                role: role.id.clone(),
                person: c.map(|p| ctx.people[p].id.clone()),
                agreed,
            });
        }
        // With nobody on call at all the gaps already say so.
        if ctx.spans_zones && awake != 0 {
            let spans = asleep_spans(awake);
            if !spans.is_empty() {
                concerns.push(Concern::Asleep {
                    turn: tc.index,
                    from: tc.start.date_naive(),
                    spans,
                });
            }
        }
        let load: Vec<TurnLoad> = (0..n)
            .filter(|&p| s.load[p] > 0.0)
            .map(|p| TurnLoad {
                person: ctx.people[p].id.clone(),
                load: s.load[p],
            })
            .collect();
        for l in &load {
            if let Some(p) = ctx.people.iter().position(|q| q.id == l.person) {
                peaks[p] = peaks[p].max(l.load);
            }
        }
        out_turns.push(TurnPlan {
            index: tc.index,
            start: tc.start,
            end: tc.end,
            cells,
            peak: load.iter().map(|l| l.load).fold(0.0, f64::max),
            load,
        });
    }
    let total: f64 = cum.iter().sum();
    let mut shares: Vec<Share> = (0..n)
        .filter(|&p| held[p] > 0 || (0..ctx.roles.len()).any(|r| ctx.skilled[r][p]))
        .map(|p| Share {
            person: ctx.people[p].id.clone(),
            name: ctx.people[p].name.clone(),
            turns: held[p],
            load_days: cum[p],
            share: if total > 0.0 { cum[p] / total } else { 0.0 },
            peak: peaks[p],
        })
        .collect();
    order::sort_by(&mut shares, |a, b| {
        b.load_days
            .total_cmp(&a.load_days)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(Plan {
        request: req.clone(),
        roles: ctx.roles.iter().map(|r| r.id.clone()).collect(),
        peak: out_turns.iter().map(|t| t.peak).fold(0.0, f64::max),
        turns: out_turns,
        gaps,
        shares,
        concerns,
    })
}

fn gap_reason(ctx: &Ctx, tc: &TurnCtx, s: &State, r: usize) -> GapReason {
    let (mut away, mut conflict, mut over_capacity) = (vec![], vec![], vec![]);
    for p in (0..ctx.people.len()).filter(|&p| ctx.skilled[r][p]) {
        let name = ctx.people[p].name.clone();
        match s.why_not(ctx, tc, r, p) {
            Some(Why::Away) => away.push(name),
            Some(Why::Conflict) => conflict.push(name),
            Some(Why::Full) => over_capacity.push(name),
            Some(Why::NoSkill) | None => {}
        }
    }
    if away.is_empty() && conflict.is_empty() && over_capacity.is_empty() {
        GapReason::NobodySkilled
    } else {
        GapReason::NobodyFree {
            away,
            conflict,
            over_capacity,
        }
    }
}

/// Spans of the UTC day (half-hours) with no bit set in `awake` (which has one), wrapping round
/// midnight.
fn asleep_spans(awake: u64) -> Vec<(ClockTime, ClockTime)> {
    let asleep = |s: u32| awake & (1 << (s % SLOTS)) == 0;
    // Start the walk just after an awake slot so a span across midnight is one span.
    let first = (0..SLOTS).find(|&s| !asleep(s)).unwrap_or(0);
    let slot_time = |s: u32| ClockTime {
        minutes: ((s % SLOTS) * 30) as u16,
    };
    let mut out = vec![];
    let mut open: Option<u32> = None;
    for i in 1..=SLOTS {
        let s = first + i;
        match (asleep(s), open) {
            (true, None) => open = Some(s),
            (false, Some(o)) => {
                out.push((slot_time(o), slot_time(s)));
                open = None;
            }
            _ => {}
        }
    }
    order::sort(&mut out);
    out
}

/// Proposes who holds each role in each turn of the period. See the module's doc for the rules.
pub fn plan(ws: &Workspace, req: &Request, zones: &dyn Zones, now: DateTime<Utc>) -> Result<Plan, RotaError> {
    build(ws, req, zones, now, &best_turn)
}

/// The plain round robin over the same people under the same rules, as a plan: the baseline
/// the planner is never worse than, turn by turn, on gaps and then peak load.
pub fn round_robin(
    ws: &Workspace,
    req: &Request,
    zones: &dyn Zones,
    now: DateTime<Utc>,
) -> Result<Plan, RotaError> {
    build(ws, req, zones, now, &|ctx, tc, _| round_robin_turn(ctx, tc))
}

// ---------------------------------------------------------------------------------------------
// Applying and undoing.

/// What applying a plan changed, so that it can be undone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// The future standing assignments created, one per planned turn.
    pub created: Vec<String>,
    /// Agreed turns removed (tombstoned) because the plan did not keep them.
    pub removed: Vec<String>,
    /// Turns that had started before the period and now end at its start: id and former end.
    pub ended: Vec<(String, Option<DateTime<Utc>>)>,
}

/// Creates the plan's turns as standing assignments from each turn's start to its end (both
/// usually in the future: a rota is planned ahead). Agreed turns kept are left as they are; a
/// plan that did not keep them first removes the turns of its roles within the period. All or
/// nothing: a refusal changes nothing.
pub fn apply(ws: &mut Workspace, plan: &Plan, now: DateTime<Utc>) -> Result<Applied, RotaError> {
    let mut next = ws.clone();
    let mut done = Applied::default();
    let (Some(first), Some(last)) = (plan.turns.first(), plan.turns.last()) else {
        return Ok(done);
    };
    let period = (first.start, last.end);
    if !plan.request.keep_agreed {
        for a in next.assignments.iter_mut().filter(|a| {
            a.deleted_at.is_none()
                && Link::of(a) == Link::Standing
                && plan.roles.contains(&a.role)
                && times::overlaps(a.start, a.end, period.0, Some(period.1))
        }) {
            if a.start >= period.0 {
                a.deleted_at = Some(now);
                done.removed.push(a.id.clone());
            } else {
                done.ended.push((a.id.clone(), a.end));
                a.end = Some(period.0);
            }
            a.updated_at = Some(now);
        }
    }
    for t in &plan.turns {
        for c in t.cells.iter().filter(|c| c.agreed.is_none()) {
            let Some(person) = &c.person else { continue };
            match find_person(&next, person) {
                None => {
                    return Err(RotaError::PersonGone {
                        person: person.clone(),
                    })
                }
                Some(p) if !p.active => return Err(RotaError::PersonInactive { name: p.name.clone() }),
                Some(_) => {}
            }
            if standing_role(&next, &c.role).is_none() {
                return Err(RotaError::RoleGone { role: c.role.clone() });
            }
            let a = Assignment {
                id: new_id("a"),
                person: person.clone(),
                role: c.role.clone(),
                start: t.start,
                end: Some(t.end),
                incident: None,
                release: None,
                updated_at: Some(now),
                deleted_at: None,
                extra: Extra::new(),
            };
            times::check_no_overlap(&next, &a).map_err(|overlap| RotaError::Clash { overlap })?;
            done.created.push(a.id.clone());
            next.assignments.push(a);
        }
    }
    *ws = next;
    Ok(done)
}

/// Undoes [`apply`]: the created turns are tombstoned, removed ones restored, ended ones given
/// back their end.
pub fn undo(ws: &mut Workspace, applied: &Applied, now: DateTime<Utc>) {
    for a in ws.assignments.iter_mut() {
        if applied.created.contains(&a.id) {
            a.deleted_at = Some(now);
            a.updated_at = Some(now);
        } else if applied.removed.contains(&a.id) {
            a.deleted_at = None;
            a.updated_at = Some(now);
        } else if let Some((_, end)) = applied.ended.iter().find(|(id, _)| *id == a.id) {
            a.end = *end;
            a.updated_at = Some(now);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Coverage ahead.

/// What is wrong with one week of one standing role.
#[derive(Clone, Debug, PartialEq)]
pub enum RiskKind {
    /// Nobody holds the role that week.
    Nobody,
    /// One person holds it and nobody else with the skill is free to step in.
    OnlyOne { holder: String },
}

/// What would fix a risk.
#[derive(Clone, Debug, PartialEq)]
pub enum Fix {
    /// These people have the skill and are free: plan a turn (for a gap).
    PlanTurn { could: Vec<String> },
    /// Nobody else with the skill is free; `away` names those who have it but are away.
    Train { away: Vec<String> },
}

/// One week of one standing role that is uncovered or a single point of failure.
#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    pub role: String,
    pub role_name: String,
    /// The Monday (or start day) of the week.
    pub week: NaiveDate,
    pub kind: RiskKind,
    pub fix: Fix,
}

impl fmt::Display for Risk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let week = self.week.format("%-d %b %Y");
        let role = &self.role_name;
        match &self.kind {
            RiskKind::Nobody => write!(f, "Nobody holds {role} in the week of {week}")?,
            RiskKind::OnlyOne { holder } => write!(
                f,
                "Only {holder} holds {role} in the week of {week}, and nobody else with the skill is free \
                 to step in: a single point of failure"
            )?,
        }
        match &self.fix {
            Fix::PlanTurn { could } => write!(f, ". {} could: plan a turn.", or_names(could)),
            Fix::Train { away } if away.is_empty() => {
                f.write_str(". Train a backup: give the skill to someone who could learn the role.")
            }
            Fix::Train { away } => write!(
                f,
                " ({} away). Train a backup: give the skill to someone who could learn the role.",
                names(away)
            ),
        }
    }
}

fn or_names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// For each role the rota plans (the workspace's rota roles, or every standing role), the weeks
/// from `start` with nobody holding it, or one person with no trained backup free that week,
/// each with what would fix it. Built from the assignments in the workspace, so preview a plan
/// by applying it to a copy.
pub fn coverage_ahead(ws: &Workspace, start: NaiveDate, weeks: u32, zones: &dyn Zones) -> Vec<Risk> {
    let chosen = ws
        .settings
        .rota
        .as_ref()
        .map(|r| r.roles.clone())
        .unwrap_or_default();
    let roles: Vec<_> = ws
        .roles
        .iter()
        .filter(|r| r.deleted_at.is_none() && r.scope == Scope::Standing)
        .filter(|r| chosen.is_empty() || chosen.contains(&r.id))
        .collect();
    let mut out = vec![];
    for role in roles {
        let skilled: Vec<&Person> = ws
            .people
            .iter()
            .filter(|p| p.deleted_at.is_none() && p.active && p.skills.contains(&role.id))
            .collect();
        for (from, to) in turns(start, weeks.min(MAX_WEEKS), TurnLength::Weekly) {
            let mut holders: Vec<&str> = ws
                .assignments
                .iter()
                .filter(|a| {
                    a.deleted_at.is_none()
                        && a.role == role.id
                        && Link::of(a) == Link::Standing
                        && times::overlaps(a.start, a.end, from, Some(to))
                        && find_person(ws, &a.person).is_some()
                })
                .map(|a| a.person.as_str())
                .collect();
            order::sort(&mut holders);
            holders.dedup();
            let free: Vec<String> = skilled
                .iter()
                .filter(|p| {
                    !holders.contains(&p.id.as_str()) && away::away_during(zones, p, from, to).is_none()
                })
                .map(|p| p.name.clone())
                .collect();
            let away: Vec<String> = skilled
                .iter()
                .filter(|p| {
                    !holders.contains(&p.id.as_str()) && away::away_during(zones, p, from, to).is_some()
                })
                .map(|p| p.name.clone())
                .collect();
            let kind = match holders.as_slice() {
                [] => RiskKind::Nobody,
                [one] if free.is_empty() => RiskKind::OnlyOne {
                    holder: super::assign::person_name(ws, one),
                },
                _ => continue,
            };
            let fix = if free.is_empty() {
                Fix::Train { away }
            } else {
                Fix::PlanTurn { could: free }
            };
            out.push(Risk {
                role: role.id.clone(),
                role_name: role.name.clone(),
                week: from.date_naive(),
                kind,
                fix,
            });
        }
    }
    out
}

/// The Monday on or after `now`'s UTC date: where the planner starts by default.
pub fn next_monday(now: DateTime<Utc>) -> NaiveDate {
    let today = now.date_naive();
    today + Duration::days(i64::from((7 - today.weekday().num_days_from_monday()) % 7))
}
