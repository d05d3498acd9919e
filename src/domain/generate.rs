//! Deterministic, realistic sample workspaces (a small team's year up to a busy decade) for demos, tests and benches.
//!
//! Same size, seed and end time give byte-identical JSON on every platform: the random numbers
//! come from a PCG-32 written out here (no platform RNG, no float maths beyond + - * /), and
//! nothing iterates a hash map into the output.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, TimeDelta, Timelike, Utc};

use super::defaults::{
    self, COMMITTEE_CHAIR, COMMS_LEAD, DEPLOYMENT_MANAGER, FIRST_LINE, INCIDENT_MANAGER, RELEASE_MANAGER,
    SCRIBE, SECOND_LINE, THIRD_LINE_LEAD,
};
use super::model::{
    ActionItem, Assignment, EntryKind, Extra, Incident, Person, Release, ReleaseStatus, Review, ReviewKind,
    ReviewStatus, Role, Scope, Severity, Status, TimelineEntry, Workspace,
};

/// Standing role the generator adds: the weekly pager rota, so people carry load between incidents.
pub const ON_CALL: &str = "on-call";
/// Standing role the generator adds: who handles vulnerability reports, held for years at a time.
pub const SECURITY_CONTACT: &str = "security-contact";

/// How much history to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Size {
    /// A year of a small team: about 8 people, 40 incidents, 100 releases.
    Small,
    /// Ten years of a busy team: 200 people, 1,500 incidents, 5,000 releases, ~15,000 assignments.
    Decade,
    /// Twice the decade's volume in the same ten years: the team and its activity doubled.
    Stress,
}

impl Size {
    pub const ALL: [Size; 3] = [Size::Small, Size::Decade, Size::Stress];

    pub fn as_str(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Decade => "decade",
            Size::Stress => "stress",
        }
    }

    pub fn parse(s: &str) -> Option<Size> {
        Size::ALL
            .into_iter()
            .find(|v| v.as_str() == s.trim().to_ascii_lowercase())
    }

    /// What the generator aims at. People, incidents and releases are exact; assignments and
    /// reviews come out of per-record chances and land near their targets.
    pub fn targets(self) -> Targets {
        match self {
            Size::Small => Targets {
                days: 365,
                people: 8,
                incidents: 40,
                entries_per_incident: 20,
                releases: 100,
                assignments: 400,
                reviews: 36,
            },
            Size::Decade => Targets {
                days: 3652,
                people: 200,
                incidents: 1500,
                entries_per_incident: 20,
                releases: 5000,
                assignments: 15_000,
                reviews: 1500,
            },
            Size::Stress => Targets {
                days: 3652,
                people: 400,
                incidents: 3000,
                entries_per_incident: 20,
                releases: 10_000,
                assignments: 30_000,
                reviews: 3000,
            },
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Size {
    type Err = String;
    fn from_str(s: &str) -> Result<Size, String> {
        Size::parse(s)
            .ok_or_else(|| format!("\u{201c}{s}\u{201d} is not a size; use small, decade or stress."))
    }
}

/// The volume a [`Size`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Targets {
    /// Length of the history, ending at `end`.
    pub days: i64,
    pub people: usize,
    pub incidents: usize,
    /// Average timeline length; each incident gets this ± 6.
    pub entries_per_incident: usize,
    pub releases: usize,
    /// Approximate.
    pub assignments: usize,
    /// Approximate.
    pub reviews: usize,
}

/// A workspace of `size`, its history ending at `end` (treated as "now": a few incidents are
/// still open then, some releases are planned after it). Same arguments, same JSON.
pub fn generate(size: Size, seed: u64, end: DateTime<Utc>) -> Workspace {
    let targets = size.targets();
    let end = end.with_nanosecond(0).unwrap_or(end);
    let mut g = Gen {
        rng: Pcg::new(seed),
        ids: HashSet::new(),
        start: end - TimeDelta::days(targets.days),
        end,
        t: targets,
        members: vec![],
        cumulative: vec![],
        ws: defaults::new_workspace(),
    };
    g.ws.roles.extend(extra_roles());
    g.ws.exported_at = Some(end);
    g.people();
    g.standing();
    let deployed = g.releases();
    g.incidents(&deployed);
    g.ws.assignments
        .sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    g.ws
}

fn extra_roles() -> Vec<Role> {
    let role = |id: &str, name: &str, weight: f64, description: &str| Role {
        id: id.into(),
        name: name.into(),
        scope: Scope::Standing,
        weight,
        description: description.into(),
        updated_at: None,
        deleted_at: None,
        extra: Extra::new(),
    };
    vec![
        role(
            ON_CALL,
            "On call",
            1.0,
            "Carries the pager for the week: first to be woken, hands over to an incident manager.",
        ),
        role(
            SECURITY_CONTACT,
            "Security contact",
            1.0,
            "Receives vulnerability reports and decides who looks at them.",
        ),
    ]
}

/// PCG-32 (XSH RR, O'Neill 2014): tiny, fast, and the same sequence on every target.
struct Pcg {
    state: u64,
    inc: u64,
}

impl Pcg {
    fn new(seed: u64) -> Pcg {
        let mut r = Pcg {
            state: 0,
            inc: (0xda3e_39cb_94b9_5bdb << 1) | 1,
        };
        r.next_u32();
        r.state = r.state.wrapping_add(seed);
        r.next_u32();
        r
    }
    fn next_u32(&mut self) -> u32 {
        let old = self.state;
        self.state = old.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(self.inc);
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        xorshifted.rotate_right((old >> 59) as u32)
    }
    fn next_u64(&mut self) -> u64 {
        (u64::from(self.next_u32()) << 32) | u64::from(self.next_u32())
    }
    /// Uniform in `0..n` (n > 0); the multiply-shift bias is below 2^-32, irrelevant here.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn permille(&mut self, p: u64) -> bool {
        self.below(1000) < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    /// Roughly log-uniform in `lo..=hi`: short durations are common, long ones rare but present.
    /// Doubling buckets keep it integer-only, so every platform agrees.
    fn spread(&mut self, lo: i64, hi: i64) -> i64 {
        let lo = lo.max(1);
        let mut edges = vec![];
        let mut b = lo;
        while b < hi {
            edges.push(b);
            b *= 2;
        }
        if edges.is_empty() {
            return lo;
        }
        let from = *self.pick(&edges);
        self.range(from, (from * 2).min(hi))
    }
}

struct Member {
    id: String,
    name: String,
    joined: DateTime<Utc>,
    left: Option<DateTime<Utc>>,
    skills: Vec<String>,
}

impl Member {
    fn active_at(&self, t: DateTime<Utc>) -> bool {
        self.joined <= t && self.left.is_none_or(|l| t < l)
    }
}

struct Gen {
    rng: Pcg,
    ids: HashSet<u64>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    t: Targets,
    members: Vec<Member>,
    /// Running sum of how often each member volunteers: a few people do most of the work.
    cumulative: Vec<u64>,
    ws: Workspace,
}

fn mins(m: i64) -> TimeDelta {
    TimeDelta::minutes(m)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn human_minutes(m: i64) -> String {
    match m {
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => match m % 60 {
            0 => format!("{} h", m / 60),
            r => format!("{} h {r} min", m / 60),
        },
        m => format!("{} days", m / (24 * 60)),
    }
}

/// The values a text template can mention.
struct Ctx<'a> {
    svc: &'a str,
    svc2: &'a str,
    name: &'a str,
    minutes: i64,
}

impl Gen {
    /// A fresh 48-bit hex id, unique across the whole workspace.
    fn id(&mut self, prefix: &str) -> String {
        loop {
            let v = self.rng.next_u64() >> 16;
            if self.ids.insert(v) {
                return format!("{prefix}-{v:012x}");
            }
        }
    }

    fn fill(&mut self, template: &str, c: &Ctx) -> String {
        let mut s = template.to_string();
        if s.contains('{') {
            let n = self.rng.range(2, 98).to_string();
            let k = self.rng.range(2, 12).to_string();
            s = s
                .replace("{Svc}", &capitalise(c.svc))
                .replace("{svc}", c.svc)
                .replace("{svc2}", c.svc2)
                .replace("{name}", c.name)
                .replace("{dur}", &human_minutes(c.minutes))
                .replace("{n}", &n)
                .replace("{k}", &k);
        }
        s
    }

    fn text(&mut self, templates: &[&str], c: &Ctx) -> String {
        let t = *self.rng.pick(templates);
        self.fill(t, c)
    }

    fn texts(&mut self, templates: &[&str], lo: i64, hi: i64, c: &Ctx) -> Vec<String> {
        let n = self.rng.range(lo, hi);
        let mut out: Vec<String> = vec![];
        for _ in 0..n {
            let s = self.text(templates, c);
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    fn at_minute(&mut self, lo: DateTime<Utc>, hi: DateTime<Utc>) -> DateTime<Utc> {
        let span = (hi - lo).num_minutes();
        lo + mins(self.rng.range(0, span.max(0)))
    }

    fn people(&mut self) {
        let n = self.t.people;
        let days = self.t.days;
        let founders = (n * 3 / 10).max(n.min(5));
        let role_ids: Vec<String> = self.ws.roles.iter().map(|r| r.id.clone()).collect();
        let mut names = HashSet::new();
        let mut anyone_left = false;
        for i in 0..n {
            let name = loop {
                let name = format!("{} {}", self.rng.pick(FIRST_NAMES), self.rng.pick(LAST_NAMES));
                if names.insert(name.clone()) {
                    break name;
                }
            };
            let joined = if i < founders {
                self.start - TimeDelta::days(self.rng.range(30, 400))
            } else {
                self.start + TimeDelta::days(self.rng.range(0, days - 60)) + mins(self.rng.range(0, 1439))
            };
            let mut left = None;
            let leaves = i >= founders && (self.rng.permille(120) || (i == n - 1 && !anyone_left));
            let stay_days = (self.end - joined).num_days();
            if leaves && stay_days > 90 {
                left = Some(joined + TimeDelta::days(self.rng.range(60, stay_days - 2)));
                anyone_left = true;
            }
            // Founders hold many hats; later volunteers start with a few.
            let k = if i < founders {
                self.rng.range(4, 7)
            } else {
                self.rng.range(2, 5)
            } as usize;
            let mut order: Vec<usize> = (0..role_ids.len()).collect();
            for j in 0..k.min(order.len()) {
                let r = j + self.rng.below((order.len() - j) as u64) as usize;
                order.swap(j, r);
            }
            let mut chosen: Vec<usize> = order.into_iter().take(k).collect();
            chosen.sort_unstable();
            let skills: Vec<String> = chosen.into_iter().map(|j| role_ids[j].clone()).collect();
            let capacity = match self.rng.below(100) {
                0..15 => None,
                15..40 => Some(2.0),
                40..80 => Some(3.0),
                _ => Some(4.0),
            };
            let timezone = (!self.rng.permille(50)).then(|| self.rng.pick(TIMEZONES).to_string());
            let id = self.id("p");
            self.ws.people.push(Person {
                id: id.clone(),
                name: name.clone(),
                timezone,
                skills: skills.clone(),
                capacity,
                active: left.is_none(),
                updated_at: Some(left.unwrap_or(joined).min(self.end)),
                deleted_at: None,
                away: vec![],
                extra: Extra::new(),
            });
            self.members.push(Member {
                id,
                name,
                joined,
                left,
                skills,
            });
            // Zipf-like: the first people pick up far more roles than the last.
            let w = 8000 / (8 + i as u64);
            let prev = self.cumulative.last().copied().unwrap_or(0);
            self.cumulative.push(prev + w);
        }
    }

    /// Someone active at `t`, preferring people with `skill` and not in `exclude`.
    fn who(&mut self, t: DateTime<Utc>, skill: Option<&str>, exclude: &[usize]) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1);
        for attempt in 0..60 {
            let x = self.rng.below(total);
            let i = self.cumulative.partition_point(|&c| c <= x);
            let m = &self.members[i];
            let skilled = attempt >= 40 || skill.is_none_or(|s| m.skills.iter().any(|k| k == s));
            if m.active_at(t) && skilled && !exclude.contains(&i) {
                return i;
            }
        }
        let n = self.members.len();
        let from = self.rng.below(n as u64) as usize;
        (0..n)
            .map(|j| (from + j) % n)
            .find(|&i| self.members[i].active_at(t) && !exclude.contains(&i))
            .or_else(|| (0..n).find(|&i| self.members[i].active_at(t)))
            .unwrap_or(0)
    }

    #[allow(clippy::too_many_arguments)]
    fn assign(
        &mut self,
        who: usize,
        role: &str,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
        incident: Option<&str>,
        release: Option<&str>,
    ) -> String {
        // People who leave hand their standing roles back on their last day.
        let end = match (end, self.members[who].left) {
            (Some(e), Some(l)) if incident.is_none() && release.is_none() => Some(e.min(l)),
            (None, Some(l)) => Some(l.max(start + mins(1))),
            (e, _) => e,
        };
        let id = self.id("a");
        let updated = end.filter(|e| *e <= self.end).unwrap_or(start).min(self.end);
        self.ws.assignments.push(Assignment {
            id: id.clone(),
            person: self.members[who].id.clone(),
            role: role.into(),
            start,
            end,
            incident: incident.map(str::to_string),
            release: release.map(str::to_string),
            updated_at: Some(updated),
            deleted_at: None,
            extra: Extra::new(),
        });
        id
    }

    fn standing(&mut self) {
        // Committee chair: one-year terms; the current one is open-ended.
        self.terms(COMMITTEE_CHAIR, 365);
        // Security contact: two-year terms.
        self.terms(SECURITY_CONTACT, 730);
        // On call: a weekly rota, including the week under way (which ends after `end`).
        let mut s = self.start;
        while s <= self.end {
            let who = self.who(s, Some(SECOND_LINE), &[]);
            self.assign(who, ON_CALL, s, Some(s + TimeDelta::days(7)), None, None);
            s += TimeDelta::days(7);
        }
    }

    fn terms(&mut self, role: &str, days: i64) {
        let mut s = self.start;
        while s <= self.end {
            let next = s + TimeDelta::days(days);
            let who = self.who(s, Some(role), &[]);
            let end = (next <= self.end).then_some(next);
            self.assign(who, role, s, end, None, None);
            s = next;
        }
    }

    /// Releases with their release manager and deployment manager. Returns the (deployed_at,
    /// id) of every release that reached production, in time order, for linking incidents.
    fn releases(&mut self) -> Vec<(DateTime<Utc>, String)> {
        let n = self.t.releases;
        let future = (n / 400).max(2);
        let step = (self.end - self.start).num_minutes() / (n - future) as i64;
        let mut starts = vec![];
        for i in 0..n {
            let base = self.start + mins(i as i64 * step);
            let day = base.with_hour(0).and_then(|d| d.with_minute(0)).unwrap_or(base);
            // Volunteers deploy in their evenings and weekends, spread over UTC hours 06–21.
            starts.push(day + mins(self.rng.range(6 * 12, 21 * 12) * 5));
        }
        starts.sort();
        let in_progress = starts.iter().rposition(|s| *s <= self.end);
        let (mut major, mut minor, mut patch) = (1, 0, 0);
        let mut deployed = vec![];
        for (i, mut planned_start) in starts.into_iter().enumerate() {
            if self.rng.below(2000) == 0 {
                (major, minor, patch) = (major + 1, 0, 0);
            } else if self.rng.permille(30) {
                (minor, patch) = (minor + 1, 0);
            } else if i > 0 {
                patch += 1;
            }
            let status = if Some(i) == in_progress {
                planned_start = self.end - mins(20);
                ReleaseStatus::InProgress
            } else if planned_start > self.end {
                ReleaseStatus::Planned
            } else {
                match self.rng.below(100) {
                    0..5 => ReleaseStatus::RolledBack,
                    5..10 => ReleaseStatus::Cancelled,
                    _ => ReleaseStatus::Deployed,
                }
            };
            let planned_end = planned_start + mins(*self.rng.pick(&[30, 60, 60, 90, 120]));
            let deployed_at = matches!(status, ReleaseStatus::Deployed | ReleaseStatus::RolledBack)
                .then(|| planned_start + mins(self.rng.range(5, 60)));
            let rm_start = planned_start - mins(self.rng.range(24 * 60, 72 * 60));
            let (updated, finished) = match status {
                ReleaseStatus::Deployed => {
                    let u = deployed_at.unwrap_or(planned_start) + mins(self.rng.range(1, 30));
                    (u, Some(u))
                }
                ReleaseStatus::RolledBack => {
                    let u = deployed_at.unwrap_or(planned_start) + mins(self.rng.range(20, 180));
                    (u, Some(u))
                }
                ReleaseStatus::Cancelled => {
                    let u = self.at_minute(rm_start + mins(60), planned_start);
                    (u, Some(u))
                }
                ReleaseStatus::InProgress => (planned_start, None),
                ReleaseStatus::Planned => {
                    let u = self.at_minute(rm_start, planned_start).min(self.end);
                    (u, None)
                }
            };
            let name = format!("{major}.{minor}.{patch}");
            let c = Ctx {
                svc: self.rng.pick::<&str>(SERVICES),
                svc2: self.rng.pick::<&str>(SERVICES),
                name: "",
                minutes: 0,
            };
            let notes = match status {
                ReleaseStatus::RolledBack => self.text(ROLLBACK_NOTES, &c),
                ReleaseStatus::Cancelled => self.text(CANCEL_NOTES, &c),
                _ if self.rng.permille(300) => String::new(),
                _ => self.text(RELEASE_NOTES, &c),
            };
            let id = self.id("r");
            self.ws.releases.push(Release {
                timeline: vec![],
                id: id.clone(),
                name,
                status,
                planned_start: Some(planned_start),
                planned_end: Some(planned_end),
                deployed_at,
                notes,
                updated_at: Some(updated.min(self.end)),
                deleted_at: None,
                extra: Extra::new(),
            });
            // A release can be planned before its manager's own start; they take it on anyway.
            let rm = self.who(rm_start.min(self.end), Some(RELEASE_MANAGER), &[]);
            let rm_end = finished.map(|f| f + mins(30));
            self.assign(rm, RELEASE_MANAGER, rm_start, rm_end, None, Some(&id));
            let has_dm = match status {
                ReleaseStatus::Cancelled => false,
                ReleaseStatus::Planned => self.rng.permille(500),
                _ => self.rng.permille(880),
            };
            if has_dm {
                let dm_start = planned_start - mins(15);
                // Small teams sometimes let one person decide and ship: the rule should flag it.
                let dm = if self.rng.permille(40) {
                    rm
                } else {
                    self.who(dm_start.min(self.end), Some(DEPLOYMENT_MANAGER), &[rm])
                };
                self.assign(dm, DEPLOYMENT_MANAGER, dm_start, finished, None, Some(&id));
            }
            if let Some(at) = deployed_at {
                deployed.push((at, id));
            }
        }
        deployed.sort();
        deployed
    }

    fn incidents(&mut self, deployed: &[(DateTime<Utc>, String)]) {
        let n = self.t.incidents;
        let open_recent = 3.min(n);
        let mut starts: Vec<DateTime<Utc>> = (0..n - open_recent)
            .map(|_| self.at_minute(self.start, self.end - TimeDelta::days(3)))
            .collect();
        for _ in 0..open_recent {
            starts.push(self.end - mins(self.rng.range(60, 30 * 60)));
        }
        starts.sort();
        let mut index = 0usize;
        for (k, started_at) in starts.into_iter().enumerate() {
            // The last `open_recent` incidents are the ones still being worked on.
            let force_open = k >= n - open_recent;
            while index < deployed.len() && deployed[index].0 <= started_at {
                index += 1;
            }
            let recent_release = index
                .checked_sub(1)
                .map(|j| &deployed[j])
                .filter(|(at, _)| started_at - *at <= TimeDelta::hours(48))
                .map(|(_, id)| id.clone());
            self.incident(started_at, force_open, recent_release);
        }
    }

    fn incident(&mut self, started_at: DateTime<Utc>, force_open: bool, recent_release: Option<String>) {
        let severity = match self.rng.below(1000) {
            0..30 => Severity::Sev1,
            30..150 => Severity::Sev2,
            150..580 => Severity::Sev3,
            _ => Severity::Sev4,
        };
        let detected_at = started_at
            + mins(if self.rng.permille(100) {
                self.rng.spread(60, 720)
            } else {
                self.rng.spread(1, 90)
            });
        let duration = match severity {
            Severity::Sev1 => self.rng.spread(30, 480),
            Severity::Sev2 => self.rng.spread(45, 900),
            Severity::Sev3 => self.rng.spread(60, 3 * 24 * 60),
            Severity::Sev4 => self.rng.spread(120, 10 * 24 * 60),
        };
        // Still-open ones were noticed before now, however late detection ran.
        let detected_at = if force_open {
            detected_at.min(self.end - mins(10)).max(started_at)
        } else {
            detected_at
        };
        let planned_resolve = detected_at + mins(duration);
        let open = force_open || planned_resolve > self.end - mins(60);
        let resolved_at = (!open).then_some(planned_resolve);
        let closed_at = resolved_at
            .map(|r| r + mins(self.rng.spread(24 * 60, 21 * 24 * 60)))
            .filter(|c| *c <= self.end && !self.rng.permille(50));
        let work_end = resolved_at.unwrap_or(self.end);
        let span = (work_end - detected_at).num_minutes().max(1);
        let status = match (resolved_at, closed_at) {
            (_, Some(_)) => Status::Closed,
            (Some(_), None) => Status::Resolved,
            // Open: how far along it is depends on how long it has been going.
            _ => match span {
                s if s < 90 => Status::Investigating,
                s if s < 6 * 60 => Status::Identified,
                _ => Status::Monitoring,
            },
        };

        let n_services = *self.rng.pick(&[1usize, 1, 1, 2, 2, 3]);
        let mut services: Vec<String> = vec![];
        while services.len() < n_services {
            let s = self.rng.pick(SERVICES).to_string();
            if !services.contains(&s) {
                services.push(s);
            }
        }
        let svc2 = services
            .get(1)
            .cloned()
            .unwrap_or_else(|| self.rng.pick(SERVICES).to_string());
        let svc = services[0].clone();
        let c = Ctx {
            svc: &svc,
            svc2: &svc2,
            name: "",
            minutes: duration,
        };
        let title = self.text(TITLES, &c);
        let linked = if matches!(severity, Severity::Sev1 | Severity::Sev2) {
            300
        } else {
            150
        };
        let release = recent_release.filter(|_| self.rng.permille(linked));
        let id = self.id("i");

        // Who wears which hat on this incident.
        let roles: &[&str] = match severity {
            Severity::Sev1 => &[
                INCIDENT_MANAGER,
                THIRD_LINE_LEAD,
                SECOND_LINE,
                FIRST_LINE,
                COMMS_LEAD,
                SCRIBE,
            ],
            Severity::Sev2 => &[INCIDENT_MANAGER, THIRD_LINE_LEAD, SECOND_LINE, COMMS_LEAD, SCRIBE],
            Severity::Sev3 => &[INCIDENT_MANAGER, SECOND_LINE, THIRD_LINE_LEAD, SCRIBE],
            Severity::Sev4 => &[INCIDENT_MANAGER, SECOND_LINE],
        };
        let mut crew: Vec<usize> = vec![];
        let mut entries: Vec<TimelineEntry> = vec![];
        for (j, &role) in roles.iter().enumerate() {
            let optional = match (severity, role) {
                (Severity::Sev3, THIRD_LINE_LEAD) => 400,
                (Severity::Sev3, SCRIBE) => 600,
                (Severity::Sev2, COMMS_LEAD) => 200,
                _ => 0,
            };
            if optional > 0 && self.rng.permille(optional) {
                continue;
            }
            let start = detected_at
                + mins(if j == 0 {
                    self.rng.range(0, 15)
                } else {
                    self.rng.range(5, 60).min(span - 1).max(0)
                });
            // Short-handed nights: the incident manager also leads the fix. The rule should flag it.
            let doubled = role == THIRD_LINE_LEAD && !crew.is_empty() && self.rng.permille(40);
            let person = if doubled {
                crew[0]
            } else {
                self.who(start, Some(role), &crew)
            };
            let wrap_up = if matches!(role, SCRIBE | COMMS_LEAD) {
                self.rng.range(0, 30)
            } else {
                0
            };
            let end = resolved_at.map(|r| r + mins(wrap_up));
            let role_name = self.role_name(role);
            let handover = span > 6 * 60 && self.rng.permille(if j == 0 { 350 } else { 150 });
            if handover {
                let at = detected_at + mins(span * self.rng.range(30, 70) / 100);
                let next = self.who(at, Some(role), &crew);
                self.assign(person, role, start, Some(at), Some(&id), None);
                self.assign(next, role, at, end, Some(&id), None);
                let (old, new) = (self.members[person].name.clone(), self.members[next].name.clone());
                entries.push(self.entry(start, EntryKind::Role, format!("{old} is {role_name}"), person));
                entries.push(self.entry(
                    at,
                    EntryKind::Role,
                    format!("{new} took over as {role_name} from {old}"),
                    next,
                ));
                crew.push(next);
            } else {
                self.assign(person, role, start, end, Some(&id), None);
                let name = self.members[person].name.clone();
                let author = crew.first().copied().unwrap_or(person);
                entries.push(self.entry(start, EntryKind::Role, format!("{name} is {role_name}"), author));
            }
            if !crew.contains(&person) {
                crew.push(person);
            }
        }

        // Status changes as the response moves along.
        let sev_label = severity.as_str();
        let lead = crew[0];
        entries.push(self.status_entry(
            detected_at,
            Status::Investigating,
            format!("Opened as {sev_label}: {title}"),
            lead,
        ));
        let identified = detected_at + mins(span * self.rng.range(15, 40) / 100);
        let monitoring = detected_at + mins(span * self.rng.range(50, 90) / 100);
        if status != Status::Investigating {
            let t = self.text(IDENTIFIED, &c);
            entries.push(self.status_entry(identified, Status::Identified, t, lead));
        }
        let skip_monitoring =
            severity == Severity::Sev4 && status != Status::Monitoring && self.rng.permille(400);
        if !matches!(status, Status::Investigating | Status::Identified) && !skip_monitoring {
            let t = self.text(MONITORING, &c);
            entries.push(self.status_entry(monitoring, Status::Monitoring, t, lead));
        }
        if let Some(r) = resolved_at {
            let t = self.text(RESOLVED, &c);
            entries.push(self.status_entry(r, Status::Resolved, t, lead));
        }
        if let Some(cl) = closed_at {
            entries.push(self.status_entry(cl, Status::Closed, "Closed after the review".into(), lead));
        }

        // Everything else people wrote down while working.
        let target = self.t.entries_per_incident as i64 + self.rng.range(-6, 6);
        let filler = (target - entries.len() as i64).max(2);
        for _ in 0..filler {
            let at = detected_at + mins(self.rng.range(1, span));
            let (kind, templates) = match self.rng.below(100) {
                0..45 => (EntryKind::Note, NOTES),
                45..70 => (EntryKind::Action, ACTIONS),
                70..80 => (EntryKind::Decision, DECISIONS),
                _ => (EntryKind::Comms, COMMS),
            };
            let text = self.text(templates, &c);
            let author = *self.rng.pick(&crew);
            entries.push(self.entry(at, kind, text, author));
        }
        entries.sort_by_key(|e| e.at);

        let summary = match resolved_at {
            Some(_) => {
                let cause = *self.rng.pick(CAUSES);
                format!(
                    "{} for {} after {cause}.",
                    capitalise(&svc),
                    human_minutes(duration)
                )
            }
            None if self.rng.permille(500) => String::new(),
            None => format!("Investigating problems with {svc}."),
        };
        let updated_at = entries.last().map(|e| e.at).unwrap_or(detected_at).min(self.end);
        let key_moments: Vec<String> = entries
            .iter()
            .filter(|e| matches!(e.kind, EntryKind::Decision | EntryKind::Action))
            .take(4)
            .map(|e| e.id.clone())
            .collect();
        self.ws.incidents.push(Incident {
            backfill: false,
            id: id.clone(),
            title,
            severity,
            status,
            started_at,
            detected_at: Some(detected_at),
            resolved_at,
            services,
            summary,
            release,
            timeline: entries,
            updated_at: Some(updated_at),
            deleted_at: None,
            extra: Extra::new(),
        });

        if let Some(r) = resolved_at {
            self.review(&id, severity, r, closed_at, duration, &crew, key_moments, &c);
        }
    }

    fn role_name(&self, role: &str) -> String {
        self.ws
            .roles
            .iter()
            .find(|r| r.id == role)
            .map(|r| r.name.to_lowercase())
            .unwrap_or_else(|| role.to_string())
    }

    fn entry(&mut self, at: DateTime<Utc>, kind: EntryKind, text: String, author: usize) -> TimelineEntry {
        TimelineEntry {
            ends: vec![],
            release_status: None,
            starts: vec![],
            id: self.id("t"),
            at,
            kind,
            text,
            author: Some(self.members[author].id.clone()),
            status: None,
            deleted_at: None,
            extra: Extra::new(),
        }
    }

    fn status_entry(
        &mut self,
        at: DateTime<Utc>,
        status: Status,
        text: String,
        author: usize,
    ) -> TimelineEntry {
        let mut e = self.entry(at, EntryKind::Status, text, author);
        e.status = Some(status);
        e
    }

    #[allow(clippy::too_many_arguments)]
    fn review(
        &mut self,
        incident: &str,
        severity: Severity,
        resolved_at: DateTime<Utc>,
        closed_at: Option<DateTime<Utc>>,
        duration: i64,
        crew: &[usize],
        key_moments: Vec<String>,
        c: &Ctx,
    ) {
        let wanted = if closed_at.is_some() { 995 } else { 800 };
        if !self.rng.permille(wanted) {
            return;
        }
        let written = (resolved_at + mins(self.rng.spread(60, 5 * 24 * 60)))
            .min(closed_at.unwrap_or(self.end))
            .min(self.end);
        let status = match closed_at {
            Some(_) if self.rng.permille(920) => ReviewStatus::Published,
            Some(_) => ReviewStatus::InReview,
            None if self.rng.permille(600) => ReviewStatus::Draft,
            None => ReviewStatus::InReview,
        };
        let kind = match severity {
            Severity::Sev1 | Severity::Sev2 => ReviewKind::Full,
            Severity::Sev3 if self.rng.permille(250) => ReviewKind::Full,
            _ => ReviewKind::Quick,
        };
        let full = kind == ReviewKind::Full;
        let im = self.members[crew[0]].name.clone();
        let c = Ctx {
            svc: c.svc,
            svc2: c.svc2,
            name: &im,
            minutes: duration,
        };
        let cause = *self.rng.pick(CAUSES);
        let summary = format!(
            "{} was degraded for {} after {cause}.",
            capitalise(c.svc),
            human_minutes(duration)
        );
        let impact = self.text(IMPACTS, &c);
        let detection = self.text(DETECTIONS, &c);
        let (response, recovery) = if full {
            (self.text(RESPONSES, &c), self.text(RECOVERIES, &c))
        } else {
            (String::new(), String::new())
        };
        let (lo, hi) = if full { (1, 4) } else { (0, 1) };
        let contributing_factors = self.texts(FACTORS, lo, hi, &c);
        let went_well = self.texts(WENT_WELL, lo, hi, &c);
        let went_badly = self.texts(WENT_BADLY, lo, hi, &c);
        let lucky = if full { self.texts(LUCKY, 0, 2, &c) } else { vec![] };
        let lessons = self.text(LESSONS, &c);
        let n_actions = if full {
            self.rng.range(2, 6)
        } else {
            self.rng.range(0, 2)
        };
        let mut actions = vec![];
        let today = self.end.date_naive();
        for _ in 0..n_actions {
            let owner = (!self.rng.permille(100)).then(|| self.who(written, None, &[]));
            let due: NaiveDate = (written + TimeDelta::days(self.rng.range(7, 60))).date_naive();
            let priority = self.rng.pick(&["high", "medium", "medium", "low"]).to_string();
            // Most past-due actions got done, usually a little late; the rest are overdue.
            let done_chance = if due < today { 750 } else { 150 };
            let done_at = self.rng.permille(done_chance).then(|| {
                let latest =
                    (written + TimeDelta::days((due - written.date_naive()).num_days() + 10)).min(self.end);
                self.at_minute(written, latest)
            });
            let text = self.text(ACTION_ITEMS, &c);
            actions.push(ActionItem {
                id: self.id("ac"),
                text,
                owner: owner.map(|o| self.members[o].id.clone()),
                due: Some(due),
                priority,
                done: done_at.is_some(),
                done_at,
                created_at: Some(written),
                updated_at: Some(done_at.unwrap_or(written)),
                deleted_at: None,
                extra: Extra::new(),
            });
        }
        let last_action = actions.iter().filter_map(|a| a.done_at).max().unwrap_or(written);
        let updated_at = match closed_at {
            Some(cl) => cl.max(written),
            None => written,
        }
        .max(last_action)
        .min(self.end);
        let id = self.id("rv");
        self.ws.reviews.push(Review {
            id,
            incident: incident.into(),
            status,
            kind,
            summary,
            impact,
            detection,
            response,
            recovery,
            contributing_factors,
            went_well,
            went_badly,
            lucky,
            lessons,
            actions,
            key_moments: if full { key_moments } else { vec![] },
            status_log: vec![],
            published: None,
            updated_at: Some(updated_at),
            deleted_at: None,
            extra: Extra::new(),
        });
    }
}

const FIRST_NAMES: &[&str] = &[
    "Sam", "Alex", "Priya", "Chen", "Fatima", "Lukas", "Amara", "Diego", "Yuki", "Olga", "Kwame", "Sofia",
    "Mateo", "Aisha", "Jonas", "Mei", "Ravi", "Ingrid", "Tomás", "Leila", "Noah", "Hana", "Emeka", "Clara",
    "Arjun", "Zeynep", "Pedro", "Anika", "Kofi", "Elena", "Ibrahim", "Maya", "Jin", "Astrid", "Rafael",
    "Nadia", "Omar", "Freya", "Hiroshi", "Lucía", "Tariq", "Sven", "Adaeze", "Marco", "Ayesha", "Pavel",
    "Rosa", "Dmitri", "Thandiwe", "Ana", "Kenji", "Bea", "Youssef", "Ewa", "Caleb", "Nia", "Mohammed",
    "Greta", "Luis", "Sakura",
];

const LAST_NAMES: &[&str] = &[
    "Rivera",
    "Okafor",
    "Sharma",
    "Wang",
    "Haddad",
    "Müller",
    "Mensah",
    "García",
    "Tanaka",
    "Ivanova",
    "Boateng",
    "Rossi",
    "Fernández",
    "Khan",
    "Larsen",
    "Lin",
    "Patel",
    "Johansson",
    "Silva",
    "Hosseini",
    "Smith",
    "Kim",
    "Eze",
    "Dubois",
    "Nair",
    "Yılmaz",
    "Costa",
    "Schmidt",
    "Asante",
    "Popescu",
    "Abdullah",
    "Cohen",
    "Park",
    "Nilsson",
    "Oliveira",
    "Rahman",
    "Ali",
    "Novak",
    "Sato",
    "López",
    "Mahmoud",
    "Berg",
    "Nwosu",
    "Bianchi",
    "Chowdhury",
    "Kowalski",
    "Moreno",
    "Volkov",
    "Dlamini",
    "Santos",
    "Nakamura",
    "O'Brien",
    "Benali",
    "Nowak",
    "Brown",
    "Achieng",
    "Hussein",
    "Andersen",
    "Torres",
    "Suzuki",
];

const TIMEZONES: &[&str] = &[
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Africa/Cairo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dubai",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Jakarta",
    "Asia/Manila",
    "Australia/Sydney",
    "Australia/Perth",
    "Pacific/Auckland",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/Bogota",
];

const SERVICES: &[&str] = &[
    "web",
    "api",
    "search",
    "auth",
    "payments",
    "mail",
    "database",
    "cdn",
    "queue",
    "storage",
    "wiki",
    "forum",
    "ci",
    "dns",
    "backups",
    "monitoring",
    "chat",
    "maps",
    "uploads",
    "notifications",
    "billing",
    "docs",
    "mirror",
    "tracker",
];

const TITLES: &[&str] = &[
    "{Svc} returns 502 for all users",
    "Slow page loads on {svc}",
    "{Svc} certificate expired",
    "Disk full on the {svc} database host",
    "Login loop on {svc} after deploy",
    "{Svc} down in one region",
    "Elevated error rate on {svc}",
    "{Svc} jobs stuck in the queue",
    "Emails from {svc} not delivered",
    "Intermittent timeouts between {svc} and {svc2}",
    "{Svc} serving stale content",
    "Memory leak in {svc} workers",
    "DNS change broke {svc}",
    "Backups of {svc} failing silently",
    "Spam wave on {svc}",
    "Rate limiting blocks real {svc} users",
    "Broken images on {svc}",
    "{Svc} returns wrong totals",
    "Cron job on {svc} ran twice",
    "High CPU on {svc} after config change",
    "{Svc} unreachable over IPv6",
    "Expired API key for {svc}",
    "Data export from {svc} incomplete",
    "{Svc} and {svc2} out of sync",
];

const NOTES: &[&str] = &[
    "Alerts for 5xx on {svc}",
    "Error rate on {svc} at {n}%",
    "Users report {svc} is slow in the forum thread",
    "Latency on {svc} climbing for the last {n} minutes",
    "Logs show connection resets from {svc2}",
    "Checked the last deploy: nothing touched {svc}",
    "{Svc} disk at {n}%",
    "Queue depth on {svc} back to normal",
    "Could not reproduce from here; asking someone in another region",
    "Second report from users, this time about {svc2}",
    "Error rate on {svc} below 0.1% for {n} minutes",
    "Graphs for {svc2} look normal, so it is not the network",
    "Found {k} stuck workers on {svc}",
    "The {svc} runbook step {k} is out of date",
    "Provider status page shows no problems",
    "{Svc} health check flapping every {k} minutes",
];

const ACTIONS: &[&str] = &[
    "Restarted the {svc} workers",
    "Rolled {svc} back to the previous release",
    "Scaled {svc} to {k} instances",
    "Cleared the {svc} cache",
    "Rotated the {svc} certificate",
    "Failed {svc} over to the standby",
    "Freed {n} GB on the {svc} host",
    "Blocked an abusive IP range on {svc}",
    "Applied a hotfix to {svc}",
    "Paused the {svc} cron jobs",
    "Re-ran the failed {svc} jobs",
    "Raised the {svc} connection limit to {n}0",
    "Drained traffic away from the broken {svc} node",
];

const DECISIONS: &[&str] = &[
    "Roll back rather than fix forward",
    "Don't wake the database volunteer; it can wait till morning",
    "Freeze deploys to {svc} until this is understood",
    "Keep {svc} read-only overnight",
    "Accept degraded {svc2} while we fix {svc}",
    "Hand over to the next time zone at the end of the shift",
    "Move the proper fix to the next scheduled release",
    "Tell users now instead of waiting for a cause",
];

const COMMS: &[&str] = &[
    "Status page: investigating problems with {svc}",
    "Status page updated: fix in progress",
    "Replied to users on the forum thread",
    "Posted on social media that {svc} is degraded",
    "Emailed the {n} affected users",
    "Status page: resolved, monitoring",
    "Told the committee in chat",
    "Pinned a notice on {svc}",
];

const IDENTIFIED: &[&str] = &[
    "Cause found: {svc} ran out of connections",
    "Cause found: a config change to {svc}",
    "Cause found: the {svc} certificate expired",
    "Cause found: {svc2} upstream is failing",
    "Cause found: the disk on {svc} is full",
    "Cause found: a slow query in the last release",
];

const MONITORING: &[&str] = &[
    "Fix deployed, watching {svc}",
    "Error rate back to normal, monitoring",
    "Workaround in place, monitoring {svc}",
];

const RESOLVED: &[&str] = &[
    "Resolved: {svc} normal for an hour",
    "Resolved after {dur}",
    "Resolved; follow-up in the review",
];

const CAUSES: &[&str] = &[
    "a configuration change",
    "a certificate expired",
    "a disk filled up",
    "a release with a slow query",
    "a traffic spike",
    "an upstream provider outage",
    "a cron job ran twice",
    "a DNS change",
    "a database failover",
];

const IMPACTS: &[&str] = &[
    "About {n}% of requests to {svc} failed for {dur}.",
    "Users could not log in to {svc} for {dur}.",
    "{Svc} was slow but usable; {n} users complained.",
    "No data lost; {svc2} was affected as well.",
];

const DETECTIONS: &[&str] = &[
    "Alerting caught it after {k} minutes.",
    "A user reported it in the forum before any alert fired.",
    "The on-call volunteer noticed it on the dashboard.",
    "The nightly check on {svc} failed.",
];

const RESPONSES: &[&str] = &[
    "{name} ran the response; {k} volunteers joined.",
    "{name} took the incident manager role within minutes and split the work.",
    "Slow start: nobody took the incident manager role for the first half hour, then {name} did.",
];

const RECOVERIES: &[&str] = &[
    "Rolled back the release and restarted {svc}.",
    "Freed disk space, then moved {svc} to a larger volume.",
    "Renewed the certificate by hand and restarted the proxy.",
    "Failed over to the standby and rebuilt the primary.",
];

const FACTORS: &[&str] = &[
    "No alert on {svc} disk usage",
    "The runbook for {svc} was out of date",
    "Only one person knew how {svc} is deployed",
    "The release went out late in the evening",
    "The release manager was also deploying",
    "Monitoring did not cover {svc2}",
    "The config change was not reviewed",
    "The incident manager was also fixing things",
];

const WENT_WELL: &[&str] = &[
    "Roles were assigned within minutes",
    "The status page was updated early",
    "The rollback took under five minutes",
    "Good handover between time zones",
    "The scribe kept a clear timeline",
];

const WENT_BADLY: &[&str] = &[
    "Nobody was scribing for the first half hour",
    "Two people restarted {svc} at the same time",
    "Alerts went to an old chat channel",
    "The incident manager was heads-down fixing",
    "Users heard about it from social media first",
];

const LUCKY: &[&str] = &[
    "It happened during working hours in Europe",
    "A volunteer who knows {svc} happened to be online",
    "Last night's backup of {svc} was good",
];

const LESSONS: &[&str] = &[
    "Separate deciding from doing.",
    "Write the runbook while the pain is fresh.",
    "A second pair of eyes on releases is worth the wait.",
    "Page early; standing down is cheap.",
    "Post to the status page before the cause is known.",
];

const ACTION_ITEMS: &[&str] = &[
    "Add an alert on {svc} disk usage",
    "Update the {svc} runbook",
    "Pair a second person on {svc} deployments",
    "Automate certificate renewal for {svc}",
    "Add a staging check for {svc} migrations",
    "Write down the rollback steps for {svc}",
    "Split the release-manager role from the on-call rota",
    "Add {svc} to the status page",
    "Review rate limits on {svc}",
    "Teach a second volunteer how {svc2} is deployed",
];

const RELEASE_NOTES: &[&str] = &[
    "Upgrades {svc} dependencies",
    "Fixes {svc} timeouts under load",
    "New settings page for {svc}",
    "Security update for {svc}",
    "Faster {svc} queries; migrates {k} tables",
    "Small fixes to {svc} and {svc2}",
];

const ROLLBACK_NOTES: &[&str] = &[
    "Rolled back: {svc} errors after deploy",
    "Rolled back: migration on {svc} took too long",
    "Rolled back: {svc2} could not talk to {svc}",
];

const CANCEL_NOTES: &[&str] = &[
    "Cancelled: nobody free to deploy",
    "Cancelled: folded into the next release",
    "Cancelled: {svc} freeze during an incident",
];
