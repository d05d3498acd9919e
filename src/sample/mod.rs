//! Sample workspaces for demos, tests and benches: deterministic, realistic histories from a small
//! team's year up to a busy decade. Not a business rule: it sits beside the domain and only builds
//! what the domain's types can hold.
//!
//! Same size, seed and end time give byte-identical JSON on every platform: the random numbers
//! come from a PCG-32 written out here (no platform RNG, no float maths beyond + - * /), and
//! nothing iterates a hash map into the output.
//!
//! One file per part of the history: `team` (people and their standing roles), `releases`,
//! `incidents` (with their timelines), `reviews`; `text` fills the sentence templates of `words`.

mod incidents;
mod releases;
mod reviews;
mod rng;
mod team;
mod text;
mod words;

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, TimeDelta, Timelike, Utc};

use crate::domain::defaults;
use crate::domain::model::{Role, Scope, Workspace};
use rng::Pcg;

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
    let role = |id: &str, name: &str, weight: f64, description: &str| {
        defaults::role(id, name, Scope::Standing, weight, description)
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

    fn at_minute(&mut self, lo: DateTime<Utc>, hi: DateTime<Utc>) -> DateTime<Utc> {
        let span = (hi - lo).num_minutes();
        lo + mins(self.rng.range(0, span.max(0)))
    }
}
