//! The workspace model of FORMAT.md v1: plain types, unknown fields kept in `extra`; how they
//! read and write JSON is in `record`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::process::Process;
use super::record::{record, text_enum};
pub use super::shared::{Records, Shared};

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

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Workspace {
        pub format: String;
        pub version: u64;
        pub exported_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub settings: Settings = Settings::default();
        pub people: Records<Person> = Records::new();
        pub roles: Records<Role> = Records::new();
        pub conflicts: Vec<ConflictRule> = vec![];
        pub assignments: Records<Assignment> = Records::new();
        pub incidents: Records<Incident> = Records::new();
        pub releases: Records<Release> = Records::new();
        pub reviews: Records<Review> = Records::new();
        /// The team's written process (extension); absent until the team takes one up.
        pub process: Option<Process> = None, skip_if Option::is_none, via Present;
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            format: format_name(),
            version: format_version(),
            exported_at: None,
            settings: Settings::default(),
            people: Records::new(),
            roles: Records::new(),
            conflicts: vec![],
            assignments: Records::new(),
            incidents: Records::new(),
            releases: Records::new(),
            reviews: Records::new(),
            process: None,
            extra: Extra::new(),
        }
    }
}

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Settings {
        pub default_capacity: f64 = default_capacity();
        /// Load each open action item adds to its owner (Hatrack extension, default 0.5).
        pub action_item_weight: f64 = default_action_weight();
        /// Team-editable meaning of each severity (Hatrack extension); missing ones use defaults.
        pub severity_descriptions: Map<String, Value> = Map::new(), skip_if Map::is_empty;
        /// Night window and rest limits (Hatrack extension); missing means Hatrack's defaults.
        pub rest: Option<RestSettings> = None, skip_if Option::is_none, via Present;
        /// What the rota planner plans (Hatrack extension); missing means every standing role, weekly.
        pub rota: Option<RotaSettings> = None, skip_if Option::is_none, via Present;
    }
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

record! {
    /// When a person's night is and how much duty is too much (Hatrack extension).
    #[derive(Clone, Debug, PartialEq)]
    pub struct RestSettings {
        /// Night starts at this time on each person's own clock (default 22:00).
        pub night_from: ClockTime = default_night_from();
        /// Night ends at this time (default 07:00); before `night_from` means it spans midnight.
        pub night_to: ClockTime = default_night_to();
        /// An unbroken stretch on incident roles longer than this needs rest (default 12).
        pub max_stretch_hours: f64 = default_max_stretch_hours();
        /// More night hours on incident roles than this in 7 days needs rest (default 9).
        pub max_night_hours_per_week: f64 = default_max_night_hours_per_week();
    }
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

record! {
    /// What the rota planner plans (Hatrack extension).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct RotaSettings {
        /// Standing role ids the rota fills, in the order shown; empty means every standing role.
        pub roles: Vec<String> = vec![], skip_if Vec::is_empty;
        /// Of those, the on-call roles: someone holding one of them should be awake at every hour.
        pub on_call: Vec<String> = vec![], skip_if Vec::is_empty;
        pub turn: TurnLength = TurnLength::default();
        /// How many weeks ahead to plan (the view's default; 12 when missing).
        pub weeks: Option<u32> = None, skip_if Option::is_none;
    }
}

record! {
    /// Days a person is not available: holiday, exams (Hatrack extension). Both dates are
    /// included, on the person's own calendar.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Away {
        pub from: NaiveDate;
        pub to: NaiveDate;
        pub note: String = String::new(), skip_if String::is_empty;
    }
}

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Person {
        pub id: String;
        /// Required of a live person; a deleted person's tombstone keeps an empty one. Always
        /// written, so a file that imports with an empty name exports as it came.
        pub name: String = String::new();
        pub timezone: Option<String> = None, skip_if Option::is_none;
        pub skills: Vec<String> = vec![];
        pub capacity: Option<f64> = None, skip_if Option::is_none;
        pub active: bool = yes(), skip_if is_true;
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        /// Date ranges when this person is not available (Hatrack extension), oldest first.
        pub away: Vec<Away> = vec![], skip_if Vec::is_empty;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|v| v.as_str() == s)
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

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Role {
        pub id: String;
        pub name: String;
        pub scope: Scope;
        pub weight: f64 = default_weight();
        pub description: String = String::new();
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        /// Held by one person at a time within its incident (a second is a hand-over). Absent:
        /// the built-in default, true for the incident manager and the communications lead.
        pub single_holder: Option<bool> = None, skip_if Option::is_none;
    }
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

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct ConflictRule {
        pub roles: [String; 2];
        pub reason: String = String::new();
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
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

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Assignment {
        pub id: String;
        pub person: String;
        pub role: String;
        pub start: DateTime<Utc>;
        pub end: Option<DateTime<Utc>> = None;
        pub incident: Option<String> = None;
        pub release: Option<String> = None;
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
}

impl Assignment {
    /// Held at `t`: `start <= t` and (`end` is open or `t < end`). Tombstones hold nothing.
    pub fn holds_at(&self, t: DateTime<Utc>) -> bool {
        self.deleted_at.is_none() && self.start <= t && self.end.is_none_or(|e| t < e)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct TimelineEntry {
        pub id: String;
        pub at: DateTime<Utc>;
        pub kind: EntryKind;
        pub text: String = String::new();
        pub author: Option<String> = None, skip_if Option::is_none;
        /// For `status` entries: the status entered (Hatrack extension, used for time in status).
        pub status: Option<Status> = None, skip_if Option::is_none;
        /// For `status` entries in a release's timeline: the release status entered (extension).
        pub release_status: Option<ReleaseStatus> = None, skip_if Option::is_none;
        /// Assignments that start at this entry's time (extension): moving the entry moves them.
        pub starts: Vec<String> = vec![], skip_if Vec::is_empty;
        /// Assignments that end at this entry's time (extension): moving the entry moves them.
        pub ends: Vec<String> = vec![], skip_if Vec::is_empty;
        /// The checklist step this entry ticks (extension): the id of a step of the process.
        pub step: Option<String> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
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
            step: None,
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

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Incident {
        pub id: String;
        pub title: String;
        pub severity: Severity;
        pub status: Status;
        pub started_at: DateTime<Utc>;
        pub detected_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub resolved_at: Option<DateTime<Utc>> = None;
        pub services: Vec<String> = vec![];
        pub summary: String = String::new();
        pub release: Option<String> = None, skip_if Option::is_none;
        pub timeline: Vec<TimelineEntry> = vec![];
        /// Being recorded after the fact (extension): the page keeps the last time typed.
        pub backfill: bool = false, skip_if is_false;
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Release {
        pub id: String;
        pub name: String;
        pub status: ReleaseStatus;
        pub planned_start: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub planned_end: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deployed_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub notes: String = String::new();
        /// Status changes and role changes with their times (extension), oldest first.
        pub timeline: Vec<TimelineEntry> = vec![], skip_if Vec::is_empty;
        /// The go/no-go decision (extension): who decided, and when.
        pub go_no_go: Option<GoNoGo> = None, skip_if Option::is_none, via Present;
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
}

/// A release's go/no-go decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Go,
    NoGo,
}

impl Decision {
    pub const ALL: [Decision; 2] = [Decision::Go, Decision::NoGo];
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Go => "go",
            Decision::NoGo => "no-go",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Decision::Go => "Go",
            Decision::NoGo => "No-go",
        }
    }
    pub fn parse(s: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

record! {
    /// Who decided whether a release goes out, and when (extension `releases[].go_no_go`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct GoNoGo {
        pub decision: Decision;
        pub at: DateTime<Utc>;
        /// The id of the person who decided.
        pub by: Option<String> = None, skip_if Option::is_none;
        pub note: String = String::new(), skip_if String::is_empty;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct ActionItem {
        pub id: String;
        pub text: String;
        pub owner: Option<String> = None, skip_if Option::is_none;
        pub due: Option<NaiveDate> = None, skip_if Option::is_none;
        /// Free text in FORMAT.md; the app offers `high`, `medium` and `low`.
        pub priority: String = String::new(), skip_if String::is_empty;
        pub done: bool = false;
        /// When it was marked done (Hatrack extension).
        pub done_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        /// When it was added (Hatrack extension): it adds load to its owner only from then on.
        pub created_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
}

record! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Review {
        pub id: String;
        pub incident: String;
        pub status: ReviewStatus;
        pub kind: ReviewKind;
        pub summary: String = String::new();
        pub impact: String = String::new();
        pub detection: String = String::new();
        pub response: String = String::new();
        pub recovery: String = String::new();
        pub contributing_factors: Vec<String> = vec![];
        pub went_well: Vec<String> = vec![];
        pub went_badly: Vec<String> = vec![];
        pub lucky: Vec<String> = vec![];
        pub lessons: String = String::new();
        pub actions: Vec<ActionItem> = vec![];
        /// Ids of the incident's timeline entries picked as key moments (Hatrack extension).
        pub key_moments: Vec<String> = vec![], skip_if Vec::is_empty;
        /// Every move between statuses, oldest first (Hatrack extension).
        pub status_log: Vec<StatusChange> = vec![], skip_if Vec::is_empty;
        /// What the review showed when it was published; only while it is (Hatrack extension).
        pub published: Option<PublishedRecord> = None, skip_if Option::is_none;
        pub updated_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub deleted_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
    }
}

record! {
    /// One move of a review from one status to another: who moved it, and when.
    #[derive(Clone, Debug, PartialEq)]
    pub struct StatusChange {
        pub at: DateTime<Utc>;
        /// The person who made the change, when recorded.
        pub by: Option<String> = None, skip_if Option::is_none;
        pub from: ReviewStatus;
        pub to: ReviewStatus;
    }
}

record! {
    /// A published review's record of what it showed: the roles and key facts as they were at
    /// publishing, so later edits to people, assignments or the incident do not rewrite it.
    #[derive(Clone, Debug, PartialEq)]
    pub struct PublishedRecord {
        pub at: DateTime<Utc>;
        pub by: Option<String> = None, skip_if Option::is_none;
        pub roles: Vec<PublishedRole> = vec![];
        pub statements: Vec<String> = vec![];
        pub facts: ReviewFacts;
        /// The "Process followed" section as it was (extension): per role, a line per step.
        pub process: Vec<ProcessFollowed> = vec![], skip_if Vec::is_empty;
    }
}

record! {
    /// One role's lines of a review's "Process followed" section: "Post a status update: done
    /// 12 min late".
    #[derive(Clone, Debug, PartialEq)]
    pub struct ProcessFollowed {
        /// The role's name (when published, the name it had then).
        pub role: String;
        pub steps: Vec<String> = vec![];
    }
}

record! {
    /// Who held which role during the incident, with the names they had then.
    #[derive(Clone, Debug, PartialEq)]
    pub struct PublishedRole {
        pub person: String;
        pub person_name: String;
        pub role: String;
        pub role_name: String;
        pub from: DateTime<Utc>;
        pub to: DateTime<Utc>;
    }
}

record! {
    /// The incident facts a review's header shows. The duration is `resolved_at - started_at`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct ReviewFacts {
        pub title: String;
        pub severity: Severity;
        pub started_at: DateTime<Utc>;
        pub detected_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub resolved_at: Option<DateTime<Utc>> = None, skip_if Option::is_none;
        pub services: Vec<String> = vec![];
    }
}

text_enum!(
    TurnLength,
    Scope,
    Severity,
    Status,
    EntryKind,
    ReleaseStatus,
    ReviewStatus,
    ReviewKind,
    Decision
);

/// A fresh random id with a readable prefix (`p-`, `i-`, ...). Random so that two
/// people's files never mint the same id.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4().simple())
}
