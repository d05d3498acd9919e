//! The workspace model of FORMAT.md v1: plain serde types, unknown fields kept in `extra`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Fields a record carries that this version of Hatrack does not know: kept and written back.
pub type Extra = Map<String, Value>;

pub const FORMAT_NAME: &str = "hatrack-workspace";
pub const FORMAT_VERSION: u64 = 1;

fn is_true(b: &bool) -> bool {
    *b
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn yes() -> bool {
    true
}
fn format_name() -> String {
    FORMAT_NAME.to_string()
}
fn format_version() -> u64 {
    FORMAT_VERSION
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    #[serde(default = "format_name")]
    pub format: String,
    #[serde(default = "format_version")]
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub conflicts: Vec<ConflictRule>,
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default)]
    pub releases: Vec<Release>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            format: format_name(),
            version: format_version(),
            exported_at: None,
            settings: Settings::default(),
            people: vec![],
            roles: vec![],
            conflicts: vec![],
            assignments: vec![],
            incidents: vec![],
            releases: vec![],
            reviews: vec![],
            extra: Extra::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default = "default_capacity")]
    pub default_capacity: f64,
    /// Load each open action item adds to its owner (Hatrack extension, default 0.5).
    #[serde(default = "default_action_weight")]
    pub action_item_weight: f64,
    /// Team-editable meaning of each severity (Hatrack extension); missing ones use defaults.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub severity_descriptions: Map<String, Value>,
    /// Night window and rest limits (Hatrack extension); missing means Hatrack's defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest: Option<RestSettings>,
    /// What the rota planner plans (Hatrack extension); missing means every standing role, weekly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rota: Option<RotaSettings>,
    #[serde(flatten)]
    pub extra: Extra,
}

pub fn default_capacity() -> f64 {
    3.0
}
pub fn default_action_weight() -> f64 {
    0.5
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_capacity: default_capacity(),
            action_item_weight: default_action_weight(),
            severity_descriptions: Map::new(),
            rest: None,
            rota: None,
            extra: Extra::new(),
        }
    }
}

/// A time of day on a person's own clock, `"HH:MM"` in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    /// Minutes after midnight, 0..1440.
    pub minutes: u16,
}

impl ClockTime {
    pub const fn hm(hour: u16, minute: u16) -> ClockTime {
        ClockTime {
            minutes: hour * 60 + minute,
        }
    }
    /// Strictly `HH:MM`, 00:00 to 23:59.
    pub fn parse(s: &str) -> Option<ClockTime> {
        let (h, m) = s.split_once(':')?;
        if h.len() != 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60).then(|| ClockTime::hm(h, m))
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ClockTime, D::Error> {
        let s = String::deserialize(d)?;
        ClockTime::parse(&s).ok_or_else(|| D::Error::custom(format!("{s:?} is not a time of day HH:MM")))
    }
}

/// When a person's night is and how much duty is too much (Hatrack extension).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RestSettings {
    /// Night starts at this time on each person's own clock (default 22:00).
    #[serde(default = "default_night_from")]
    pub night_from: ClockTime,
    /// Night ends at this time (default 07:00); before `night_from` means it spans midnight.
    #[serde(default = "default_night_to")]
    pub night_to: ClockTime,
    /// An unbroken stretch on incident roles longer than this needs rest (default 12).
    #[serde(default = "default_max_stretch_hours")]
    pub max_stretch_hours: f64,
    /// More night hours on incident roles than this in 7 days needs rest (default 9).
    #[serde(default = "default_max_night_hours_per_week")]
    pub max_night_hours_per_week: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

fn default_night_from() -> ClockTime {
    ClockTime::hm(22, 0)
}
fn default_night_to() -> ClockTime {
    ClockTime::hm(7, 0)
}
fn default_max_stretch_hours() -> f64 {
    12.0
}
/// One whole night (22:00 to 07:00 is 9 h) a week. Volunteers have day jobs and exams; one lost
/// night is recovered over a weekend, a second one within seven days is where sleep debt builds
/// up and judgement in the next incident suffers.
fn default_max_night_hours_per_week() -> f64 {
    9.0
}

impl Default for RestSettings {
    fn default() -> Self {
        RestSettings {
            night_from: default_night_from(),
            night_to: default_night_to(),
            max_stretch_hours: default_max_stretch_hours(),
            max_night_hours_per_week: default_max_night_hours_per_week(),
            extra: Extra::new(),
        }
    }
}

/// How long one person holds a standing role in a rota before the next one takes over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TurnLength {
    #[default]
    Weekly,
    Fortnightly,
    Monthly,
}

impl TurnLength {
    pub const ALL: [TurnLength; 3] = [TurnLength::Weekly, TurnLength::Fortnightly, TurnLength::Monthly];
    pub fn as_str(self) -> &'static str {
        match self {
            TurnLength::Weekly => "weekly",
            TurnLength::Fortnightly => "fortnightly",
            TurnLength::Monthly => "monthly",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            TurnLength::Weekly => "Weekly",
            TurnLength::Fortnightly => "Fortnightly",
            TurnLength::Monthly => "Monthly",
        }
    }
    pub fn parse(s: &str) -> Option<TurnLength> {
        TurnLength::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What the rota planner plans (Hatrack extension).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RotaSettings {
    /// Standing role ids the rota fills, in the order shown; empty means every standing role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Of those, the on-call roles: someone holding one of them should be awake at every hour.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_call: Vec<String>,
    #[serde(default)]
    pub turn: TurnLength,
    /// How many weeks ahead to plan (the view's default; 12 when missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks: Option<u32>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Days a person is not available: holiday, exams (Hatrack extension). Both dates are
/// included, on the person's own calendar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Away {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    /// Required of a live person; a deleted person's tombstone keeps an empty one. Always
    /// written, so a file that imports with an empty name exports as it came.
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<f64>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub active: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Date ranges when this person is not available (Hatrack extension), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub away: Vec<Away>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Standing,
    Incident,
    Release,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Standing, Scope::Incident, Scope::Release];
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Standing => "standing",
            Scope::Incident => "incident",
            Scope::Release => "release",
        }
    }
    /// What the scope means, as the role catalogue offers it.
    pub fn describe(self) -> &'static str {
        match self {
            Scope::Standing => "Standing: held for a period",
            Scope::Incident => "Within one incident",
            Scope::Release => "Within one release",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub scope: Scope,
    #[serde(default = "default_weight")]
    pub weight: f64,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Held by one person at a time within its incident (a second is a hand-over). Absent:
    /// the built-in default, true for the incident manager and the communications lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_holder: Option<bool>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Role {
    /// Whether one person at a time holds it: as the team set it, or the built-in default.
    pub fn takes_one(&self) -> bool {
        self.single_holder.unwrap_or(self.takes_one_by_default())
    }

    /// The built-in default: the incident manager and the communications lead take one.
    pub fn takes_one_by_default(&self) -> bool {
        matches!(
            self.id.as_str(),
            super::defaults::INCIDENT_MANAGER | super::defaults::COMMS_LEAD
        )
    }
}

fn default_weight() -> f64 {
    1.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictRule {
    pub roles: [String; 2],
    #[serde(default)]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ConflictRule {
    /// Conflict rules have no id in FORMAT.md; the unordered pair of roles is their identity.
    pub fn key(&self) -> (String, String) {
        let (a, b) = (&self.roles[0], &self.roles[1]);
        if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        }
    }
    pub fn names(&self, a: &str, b: &str) -> bool {
        (self.roles[0] == a && self.roles[1] == b) || (self.roles[0] == b && self.roles[1] == a)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: String,
    pub person: String,
    pub role: String,
    pub start: DateTime<Utc>,
    #[serde(default)]
    pub end: Option<DateTime<Utc>>,
    #[serde(default)]
    pub incident: Option<String>,
    #[serde(default)]
    pub release: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Assignment {
    /// Held at `t`: `start <= t` and (`end` is open or `t < end`). Tombstones hold nothing.
    pub fn holds_at(&self, t: DateTime<Utc>) -> bool {
        self.deleted_at.is_none() && self.start <= t && self.end.is_none_or(|e| t < e)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Sev1,
    Sev2,
    Sev3,
    Sev4,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Sev1, Severity::Sev2, Severity::Sev3, Severity::Sev4];
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Sev1 => "sev1",
            Severity::Sev2 => "sev2",
            Severity::Sev3 => "sev3",
            Severity::Sev4 => "sev4",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
    /// One word for each severity, so a tag never relies on colour.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Sev1 => "critical",
            Severity::Sev2 => "major",
            Severity::Sev3 => "minor",
            Severity::Sev4 => "low",
        }
    }
    /// "sev1 · critical".
    pub fn label(self) -> String {
        format!("{} · {}", self.as_str(), self.word())
    }
    pub fn default_description(self) -> &'static str {
        match self {
            Severity::Sev1 => "Critical: the site is down or data is at risk for most users. All hands, now.",
            Severity::Sev2 => "Major: a core feature is broken for many users. Respond now, even at night.",
            Severity::Sev3 => {
                "Minor: a feature is degraded or a workaround exists. Respond in working hours."
            }
            Severity::Sev4 => "Low: cosmetic or internal only. Track it; no urgent response.",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    Closed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Investigating,
        Status::Identified,
        Status::Monitoring,
        Status::Resolved,
        Status::Closed,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Investigating => "investigating",
            Status::Identified => "identified",
            Status::Monitoring => "monitoring",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Status::Investigating => "Investigating",
            Status::Identified => "Identified",
            Status::Monitoring => "Monitoring",
            Status::Resolved => "Resolved",
            Status::Closed => "Closed",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|v| v.as_str() == s)
    }
    /// Open incidents still need people on them.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Note,
    Action,
    Decision,
    Status,
    Role,
    Comms,
}

impl EntryKind {
    pub const ALL: [EntryKind; 6] = [
        EntryKind::Note,
        EntryKind::Action,
        EntryKind::Decision,
        EntryKind::Status,
        EntryKind::Role,
        EntryKind::Comms,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Note => "note",
            EntryKind::Action => "action",
            EntryKind::Decision => "decision",
            EntryKind::Status => "status",
            EntryKind::Role => "role",
            EntryKind::Comms => "comms",
        }
    }
    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|v| v.as_str() == s)
    }
    /// "Note", "Decision": the kind as the timeline names it.
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Note => "Note",
            EntryKind::Action => "Action",
            EntryKind::Decision => "Decision",
            EntryKind::Status => "Status",
            EntryKind::Role => "Role",
            EntryKind::Comms => "Comms",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: String,
    pub at: DateTime<Utc>,
    pub kind: EntryKind,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// For `status` entries: the status entered (Hatrack extension, used for time in status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// For `status` entries in a release's timeline: the release status entered (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_status: Option<ReleaseStatus>,
    /// Assignments that start at this entry's time (extension): moving the entry moves them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub starts: Vec<String>,
    /// Assignments that end at this entry's time (extension): moving the entry moves them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ends: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl TimelineEntry {
    /// A new entry with nothing linked.
    pub fn new(kind: EntryKind, at: DateTime<Utc>, text: String, author: Option<&str>) -> TimelineEntry {
        TimelineEntry {
            id: new_id("t"),
            at,
            kind,
            text,
            author: author.map(str::to_string),
            status: None,
            release_status: None,
            starts: vec![],
            ends: vec![],
            deleted_at: None,
            extra: Extra::new(),
        }
    }
    /// Written by the lifecycle or the role board: its time is the time of a record.
    pub fn records_something(&self) -> bool {
        self.status.is_some()
            || self.release_status.is_some()
            || !self.starts.is_empty()
            || !self.ends.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub status: Status,
    pub started_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub resolved_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    /// Being recorded after the fact (extension): the page keeps the last time typed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub backfill: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReleaseStatus {
    Planned,
    InProgress,
    Deployed,
    RolledBack,
    Cancelled,
}

impl ReleaseStatus {
    pub const ALL: [ReleaseStatus; 5] = [
        ReleaseStatus::Planned,
        ReleaseStatus::InProgress,
        ReleaseStatus::Deployed,
        ReleaseStatus::RolledBack,
        ReleaseStatus::Cancelled,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseStatus::Planned => "planned",
            ReleaseStatus::InProgress => "in-progress",
            ReleaseStatus::Deployed => "deployed",
            ReleaseStatus::RolledBack => "rolled-back",
            ReleaseStatus::Cancelled => "cancelled",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ReleaseStatus::Planned => "Planned",
            ReleaseStatus::InProgress => "In progress",
            ReleaseStatus::Deployed => "Deployed",
            ReleaseStatus::RolledBack => "Rolled back",
            ReleaseStatus::Cancelled => "Cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<ReleaseStatus> {
        ReleaseStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub id: String,
    pub name: String,
    pub status: ReleaseStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_start: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_end: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub notes: String,
    /// Status changes and role changes with their times (extension), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    Draft,
    InReview,
    Published,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 3] = [
        ReviewStatus::Draft,
        ReviewStatus::InReview,
        ReviewStatus::Published,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::InReview => "in-review",
            ReviewStatus::Published => "published",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "Draft",
            ReviewStatus::InReview => "In review",
            ReviewStatus::Published => "Published",
        }
    }
    pub fn parse(s: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewKind {
    Quick,
    Full,
}

impl ReviewKind {
    /// "Quick retro" / "Full review", as the list, the page and the exports name the kinds.
    pub fn label(self) -> &'static str {
        match self {
            ReviewKind::Quick => "Quick retro",
            ReviewKind::Full => "Full review",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Quick => "quick",
            ReviewKind::Full => "full",
        }
    }
    pub fn parse(s: &str) -> Option<ReviewKind> {
        [ReviewKind::Quick, ReviewKind::Full]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Free text in FORMAT.md; the app offers `high`, `medium` and `low`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub priority: String,
    #[serde(default)]
    pub done: bool,
    /// When it was marked done (Hatrack extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<DateTime<Utc>>,
    /// When it was added (Hatrack extension): it adds load to its owner only from then on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: String,
    pub incident: String,
    pub status: ReviewStatus,
    pub kind: ReviewKind,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub impact: String,
    #[serde(default)]
    pub detection: String,
    #[serde(default)]
    pub response: String,
    #[serde(default)]
    pub recovery: String,
    #[serde(default)]
    pub contributing_factors: Vec<String>,
    #[serde(default)]
    pub went_well: Vec<String>,
    #[serde(default)]
    pub went_badly: Vec<String>,
    #[serde(default)]
    pub lucky: Vec<String>,
    #[serde(default)]
    pub lessons: String,
    #[serde(default)]
    pub actions: Vec<ActionItem>,
    /// Ids of the incident's timeline entries picked as key moments (Hatrack extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_moments: Vec<String>,
    /// Every move between statuses, oldest first (Hatrack extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_log: Vec<StatusChange>,
    /// What the review showed when it was published; only while it is (Hatrack extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublishedRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One move of a review from one status to another: who moved it, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub at: DateTime<Utc>,
    /// The person who made the change, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub from: ReviewStatus,
    pub to: ReviewStatus,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A published review's record of what it showed: the roles and key facts as they were at
/// publishing, so later edits to people, assignments or the incident do not rewrite it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedRecord {
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default)]
    pub roles: Vec<PublishedRole>,
    #[serde(default)]
    pub statements: Vec<String>,
    pub facts: ReviewFacts,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who held which role during the incident, with the names they had then.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedRole {
    pub person: String,
    pub person_name: String,
    pub role: String,
    pub role_name: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The incident facts a review's header shows. The duration is `resolved_at - started_at`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewFacts {
    pub title: String,
    pub severity: Severity,
    pub started_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A fresh random id with a readable prefix (`p-`, `i-`, ...). Random so that two
/// people's files never mint the same id.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4().simple())
}
