//! Why the workspace refused a write: one variant per reason, carrying what its sentence names,
//! and the field of the form it is about.
//!
//! Every sentence is written once, in `Display`, and is what the person reads; code that needs
//! to tell refusals apart (which form field to show one next to, what a test expects) matches
//! on the variant or asks [`DomainError::field`], never on the words.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{Decision, ReleaseStatus, Scope, Severity, Status};
use super::times::hm;

/// What a refusal is about: the field of the form that holds the value to change, or the
/// record the write was aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// A person's, role's or release's name.
    Name,
    /// An incident's title.
    Title,
    Capacity,
    Weight,
    Skills,
    /// A timeline entry's text.
    Text,
    /// A timeline entry's kind (note, action, decision, comms).
    Kind,
    /// Who wrote an entry or made a change.
    Author,
    Person,
    Role,
    Incident,
    Release,
    Assignment,
    /// A timeline entry.
    Entry,
    /// A person's away period.
    Away,
    /// A separation-of-duty rule between two roles.
    ConflictRule,
    Status,
    Severity,
    /// When the event being recorded happened.
    Time,
    /// An incident's start.
    Started,
    /// An incident's detection time.
    Detected,
    /// An incident's resolution time.
    Resolved,
    /// A release's planned start and end.
    Planned,
    /// A release's deploy time.
    Deployed,
    /// How often a checklist step repeats.
    Cadence,
    /// How soon a checklist step is expected.
    Within,
    /// A checklist step of the written process.
    Step,
}

/// The event whose time was later than now allows; see [`crate::domain::times::not_future`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeOf {
    RoleStart,
    RoleEnd,
    Handover,
    /// The new time of the starts and ends that move with a timeline entry.
    Move,
    Entry,
    /// The new time of a timeline entry.
    EntryMove,
    StatusChange,
    SeverityChange,
    /// The status a release is recorded in.
    ReleaseStatus,
    ReleaseStatusChange,
    Deploy,
    /// A release's go/no-go decision.
    GoNoGo,
}

impl TimeOf {
    /// How a sentence names the event, at its start.
    fn subject(self) -> &'static str {
        match self {
            TimeOf::RoleStart => "The start of the role",
            TimeOf::RoleEnd => "The end of the role",
            TimeOf::Handover => "The hand-over",
            TimeOf::Move => "The new time",
            TimeOf::Entry => "The entry's time",
            TimeOf::EntryMove => "The entry's new time",
            TimeOf::StatusChange => "The status change",
            TimeOf::SeverityChange => "The severity change",
            TimeOf::ReleaseStatus => "The release's status",
            TimeOf::ReleaseStatusChange => "The release's status change",
            TimeOf::Deploy => "The deploy time",
            TimeOf::GoNoGo => "The go/no-go decision",
        }
    }
}

/// A write the workspace refused. Names (`person`, `role`, `name`) are as the sentence shows
/// them: the person's or role's name at the time of the refusal, or its id if it is gone.
#[derive(Clone, Debug, PartialEq)]
pub enum DomainError {
    // --- records that are not there ---------------------------------------------------------
    /// Giving a role to someone who is not on the roster.
    PersonNotFound,
    /// Editing someone deleted in the meantime.
    PersonGone,
    RoleNotInCatalogue,
    RoleGone,
    IncidentGone,
    ReleaseGone,
    /// Linking to a release that is not in the log.
    ReleaseNotInLog,
    AssignmentGone,
    EntryGone,
    /// A release timeline entry deleted in the meantime.
    ReleaseEntryGone,
    AwayGone,
    UnknownAuthor,

    // --- the roster and the role catalogue --------------------------------------------------
    PersonUnnamed,
    RoleUnnamed,
    /// Negative, or not a number at all.
    CapacityInvalid,
    WeightInvalid,
    /// A skill that names no role in the catalogue.
    UnknownSkill {
        skill: String,
    },
    RoleNameTaken {
        name: String,
    },
    /// Giving a role to someone marked inactive.
    Inactive {
        name: String,
    },
    /// Deleting someone who holds or held roles, without deleting those too.
    HasAssignments {
        name: String,
        count: usize,
    },
    ConflictRoleUnknown,
    ConflictWithItself,
    AlreadyConflicting {
        a: String,
        b: String,
    },
    NoConflictRule,
    /// The last day of an away period before its first.
    AwayEndsBeforeStart {
        from: NaiveDate,
        to: NaiveDate,
    },

    // --- who holds which role, and when ---------------------------------------------------
    /// A time later than now, allowing for clock skew.
    InFuture {
        of: TimeOf,
        at: DateTime<Utc>,
    },
    /// The role's scope does not match what it was to be held within.
    WrongScope {
        role: String,
        scope: Scope,
    },
    RoleBeforeIncident {
        started: DateTime<Utc>,
    },
    RoleAfterResolution {
        resolved: DateTime<Utc>,
    },
    AlreadyEnded,
    EndBeforeStart {
        start: DateTime<Utc>,
    },
    /// Handing over a role the person did not hold at that time.
    NotHeldThen {
        person: String,
        role: String,
    },
    /// Handing a role over to the person who holds it.
    HandoverToHolder {
        person: String,
        role: String,
    },
    /// Moving a timeline entry would put a role's end before its start.
    MoveEndsBeforeStart {
        person: String,
        role: String,
        end: DateTime<Utc>,
        start: DateTime<Utc>,
    },
    /// Moving a timeline entry would start a role before its incident.
    MoveBeforeIncident {
        started: DateTime<Utc>,
        person: String,
        role: String,
    },
    /// The same person holding the same role twice at once; `to` is `None` while still held.
    Overlap {
        person: String,
        role: String,
        from: DateTime<Utc>,
        to: Option<DateTime<Utc>>,
    },

    // --- incidents --------------------------------------------------------------------------
    Untitled,
    StartInFuture,
    DetectedBeforeStart,
    DetectedInFuture,
    ResolvedBeforeStart,
    /// Correcting the resolution time of an incident that is still open.
    NotResolvedYet,
    AlreadyStatus(Status),
    AlreadySeverity(Severity),
    CloseBeforeResolve,
    StatusBeforeStart {
        started: DateTime<Utc>,
    },
    StatusOutOfOrder {
        last: DateTime<Utc>,
    },
    /// Resolving while a role on the incident runs past the resolution; `end` is `None` while
    /// still held.
    HeldPastResolution {
        person: String,
        role: String,
        at: DateTime<Utc>,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
    },
    /// Writing a status or role entry by hand, or turning an entry into one or out of one.
    NotManualKind,
    EmptyEntry,
    /// Moving a status entry before the status before it.
    EntryBeforePrevious {
        previous: DateTime<Utc>,
    },
    /// Moving a status entry after the next status change.
    EntryAfterNext {
        next: DateTime<Utc>,
    },
    /// Deleting a status entry.
    StatusEntryKept,
    /// Deleting a role entry.
    RoleEntryKept,
    /// Moving the start after a later status change.
    StartAfterStatus {
        at: DateTime<Utc>,
    },
    /// Moving the start after the first role on the incident.
    StartAfterRole {
        person: String,
        role: String,
        at: DateTime<Utc>,
    },
    /// An incident-role action on a standing or release assignment.
    NotIncidentRole,
    AlreadyOnIncident {
        person: String,
        role: String,
        at: DateTime<Utc>,
    },
    /// A second person for a role that takes one holder at a time.
    SingleHolder {
        role: String,
        holder: String,
    },
    NothingToRelease {
        person: String,
        role: String,
    },

    // --- releases ---------------------------------------------------------------------------
    ReleaseUnnamed,
    ReleaseNameTaken {
        name: String,
    },
    PlannedEndBeforeStart,
    /// Deployed, without a deploy time.
    DeployTimeMissing,
    /// A deploy time on a release in this status, which has not been deployed.
    NotDeployed(ReleaseStatus),
    ReleaseAlreadyStatus(ReleaseStatus),
    ReleaseStatusOutOfOrder {
        last: DateTime<Utc>,
    },
    RollbackBeforeDeploy,
    /// A rollback recorded without saying why.
    RollbackReasonMissing,
    ReleaseEntryBeforePrevious {
        previous: DateTime<Utc>,
    },
    ReleaseEntryAfterNext {
        next: DateTime<Utc>,
    },
    /// Naming a manager after the release finished.
    ManagerAfterFinish {
        finished: DateTime<Utc>,
    },
    AlreadyManager {
        person: String,
        role: String,
    },
    /// A checklist step without words.
    StepTextMissing,
    /// A repeating step that repeats every 0 minutes.
    CadenceZero,
    /// The checklist step is not in the process (removed elsewhere, or no process at all).
    StepGone,
    /// A number of minutes that is not a whole number of 0 or more; carries its form field.
    MinutesInvalid(Field),

    // --- checklists -------------------------------------------------------------------------
    /// Ticking a step of a role nobody has held in the incident, or not for its severity.
    StepNotOnChecklist {
        step: String,
    },

    // --- a release's go/no-go ---------------------------------------------------------------
    /// Who decided is not in the workspace.
    UnknownDecider,
    /// Decided after the release finished.
    GoNoGoAfterFinish {
        finished: DateTime<Utc>,
    },
    /// Decided before the decision already recorded, which it would replace.
    GoNoGoOutOfOrder {
        last: DateTime<Utc>,
    },
    /// Deployed without a go decided by then, and without saying why: `decided` is the
    /// release's decision if it has one (a no-go, or a go decided after the deploy).
    DeployWithoutGo {
        decided: Option<(Decision, DateTime<Utc>)>,
    },
    /// A deploy that went out on a go moved, in its history, to before that go: where no
    /// reason can be given.
    DeployBeforeGo {
        go: DateTime<Utc>,
    },
    /// A deploy time corrected to before one of the roles it ended began.
    DeployBeforeRole {
        person: String,
        role: String,
        start: DateTime<Utc>,
    },
}

pub type DomainResult<T> = Result<T, DomainError>;

impl DomainError {
    /// The field the refusal is about, so a form can show the sentence next to it.
    pub fn field(&self) -> Field {
        use DomainError as E;
        match self {
            E::PersonNotFound
            | E::PersonGone
            | E::Inactive { .. }
            | E::HasAssignments { .. }
            | E::HandoverToHolder { .. }
            | E::AlreadyOnIncident { .. }
            | E::SingleHolder { .. }
            | E::AlreadyManager { .. } => Field::Person,
            E::RoleNotInCatalogue | E::RoleGone | E::WrongScope { .. } => Field::Role,
            E::IncidentGone => Field::Incident,
            E::ReleaseGone | E::ReleaseNotInLog => Field::Release,
            E::AssignmentGone | E::AlreadyEnded | E::NotIncidentRole | E::NothingToRelease { .. } => {
                Field::Assignment
            }
            E::EntryGone | E::ReleaseEntryGone | E::StatusEntryKept | E::RoleEntryKept => Field::Entry,
            E::AwayGone => Field::Away,
            E::UnknownAuthor => Field::Author,
            E::PersonUnnamed
            | E::RoleUnnamed
            | E::RoleNameTaken { .. }
            | E::ReleaseUnnamed
            | E::ReleaseNameTaken { .. } => Field::Name,
            E::CapacityInvalid => Field::Capacity,
            E::WeightInvalid => Field::Weight,
            E::UnknownSkill { .. } => Field::Skills,
            E::ConflictRoleUnknown
            | E::ConflictWithItself
            | E::AlreadyConflicting { .. }
            | E::NoConflictRule => Field::ConflictRule,
            E::InFuture {
                of: TimeOf::Deploy, ..
            } => Field::Deployed,
            E::AwayEndsBeforeStart { .. }
            | E::InFuture { .. }
            | E::RoleBeforeIncident { .. }
            | E::RoleAfterResolution { .. }
            | E::EndBeforeStart { .. }
            | E::NotHeldThen { .. }
            | E::MoveEndsBeforeStart { .. }
            | E::MoveBeforeIncident { .. }
            | E::Overlap { .. }
            | E::StatusBeforeStart { .. }
            | E::StatusOutOfOrder { .. }
            | E::HeldPastResolution { .. }
            | E::EntryBeforePrevious { .. }
            | E::EntryAfterNext { .. }
            | E::ReleaseStatusOutOfOrder { .. }
            | E::RollbackBeforeDeploy
            | E::ReleaseEntryBeforePrevious { .. }
            | E::ReleaseEntryAfterNext { .. }
            | E::ManagerAfterFinish { .. } => Field::Time,
            E::RollbackReasonMissing => Field::Text,
            E::Untitled => Field::Title,
            E::StartInFuture | E::StartAfterStatus { .. } | E::StartAfterRole { .. } => Field::Started,
            E::DetectedBeforeStart | E::DetectedInFuture => Field::Detected,
            E::ResolvedBeforeStart | E::NotResolvedYet => Field::Resolved,
            E::AlreadyStatus(_) | E::CloseBeforeResolve | E::ReleaseAlreadyStatus(_) => Field::Status,
            E::AlreadySeverity(_) => Field::Severity,
            E::NotManualKind => Field::Kind,
            E::EmptyEntry => Field::Text,
            E::PlannedEndBeforeStart => Field::Planned,
            E::DeployTimeMissing | E::NotDeployed(_) => Field::Deployed,
            E::StepTextMissing => Field::Text,
            E::CadenceZero => Field::Cadence,
            E::StepGone => Field::Step,
            E::MinutesInvalid(field) => *field,
            E::StepNotOnChecklist { .. } => Field::Entry,
            E::UnknownDecider => Field::Person,
            E::GoNoGoAfterFinish { .. } | E::GoNoGoOutOfOrder { .. } => Field::Time,
            E::DeployWithoutGo { .. } => Field::Status,
            E::DeployBeforeGo { .. } => Field::Time,
            E::DeployBeforeRole { .. } => Field::Deployed,
        }
    }
}

/// "1 Dec 2026": an away period's day, as the person picked it.
fn day(d: NaiveDate) -> impl fmt::Display {
    d.format("%-d %b %Y")
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DomainError as E;
        match self {
            E::PersonNotFound => f.write_str("That person is not in the workspace; add them to People first."),
            E::PersonGone => f.write_str(
                "That person is no longer in the workspace; they may have been deleted elsewhere.",
            ),
            E::RoleNotInCatalogue => {
                f.write_str("That role is not in the role catalogue; add it under Roles first.")
            }
            E::RoleGone => {
                f.write_str("That role is no longer in the catalogue; it may have been deleted elsewhere.")
            }
            E::IncidentGone => {
                f.write_str("That incident no longer exists; it may have been deleted elsewhere.")
            }
            E::ReleaseGone => f.write_str("That release no longer exists; it may have been deleted elsewhere."),
            E::ReleaseNotInLog => f.write_str("That release is not in the release log."),
            E::AssignmentGone => {
                f.write_str("That assignment no longer exists; it may have been deleted elsewhere.")
            }
            E::EntryGone => {
                f.write_str("That timeline entry no longer exists; it may have been deleted elsewhere.")
            }
            E::ReleaseEntryGone => f.write_str("That entry no longer exists; it may have been deleted elsewhere."),
            E::AwayGone => f.write_str("That away period is no longer there; the list may have changed."),
            E::UnknownAuthor => f.write_str("The author is not in the workspace; pick someone from People."),

            E::PersonUnnamed => f.write_str("Give the person a name."),
            E::RoleUnnamed => f.write_str("Give the role a name."),
            E::CapacityInvalid => f.write_str("Capacity must be a number of 0 or more."),
            E::WeightInvalid => f.write_str("Weight must be a number of 0 or more."),
            E::UnknownSkill { skill } => write!(
                f,
                "\"{skill}\" is not a role in the catalogue; skills name roles a person can take on."
            ),
            E::RoleNameTaken { name } => {
                write!(f, "There is already a role called \"{name}\"; pick another name.")
            }
            E::Inactive { name } => write!(
                f,
                "{name} is marked inactive; make them active again before giving them a role."
            ),
            E::HasAssignments { name, count } => {
                let plural = if *count == 1 { "assignment" } else { "assignments" };
                write!(
                    f,
                    "{name} has {count} {plural} in the roster. Delete them together with the person, \
                     or mark the person inactive to keep their history."
                )
            }
            E::ConflictRoleUnknown => f.write_str("Both roles must be in the role catalogue."),
            E::ConflictWithItself => {
                f.write_str("Pick two different roles; a role cannot conflict with itself.")
            }
            E::AlreadyConflicting { a, b } => write!(f, "{a} and {b} are already a conflicting pair."),
            E::NoConflictRule => f.write_str("There is no conflict rule for those two roles."),
            E::AwayEndsBeforeStart { from, to } => write!(
                f,
                "The last day ({}) is before the first ({}); an away period ends on or after the day it starts.",
                day(*to),
                day(*from)
            ),

            E::InFuture { of, at } => write!(
                f,
                "{} is in the future ({}); record events when they happened, at or before now.",
                of.subject(),
                hm(*at)
            ),
            E::WrongScope { role, scope } => {
                let held_within = match scope {
                    Scope::Standing => "is a standing role, held outside any incident or release",
                    Scope::Incident => "is held within an incident; pick the incident",
                    Scope::Release => "is held within a release; pick the release",
                };
                write!(f, "{role} {held_within}.")
            }
            E::RoleBeforeIncident { started } => write!(
                f,
                "The incident started at {}; a role on it starts then or later.",
                hm(*started)
            ),
            E::RoleAfterResolution { resolved } => write!(
                f,
                "The incident was resolved at {}; a role on it must start before then.",
                hm(*resolved)
            ),
            E::AlreadyEnded => f.write_str("That assignment has already ended."),
            E::EndBeforeStart { start } => write!(
                f,
                "The role started at {}; it cannot end before it started, so pick a later end time.",
                hm(*start)
            ),
            E::NotHeldThen { person, role } => write!(
                f,
                "{person} does not hold {role} at that time, so there is nothing to hand over."
            ),
            E::HandoverToHolder { person, role } => {
                write!(f, "{person} already holds {role}; pick someone else to hand over to.")
            }
            E::MoveEndsBeforeStart { person, role, end, start } => write!(
                f,
                "{person} would end {role} at {}, before taking it on at {}; an end is never before its start.",
                hm(*end),
                hm(*start)
            ),
            E::MoveBeforeIncident { started, person, role } => write!(
                f,
                "The incident started at {}; {person} cannot take {role} before it.",
                hm(*started)
            ),
            E::Overlap { person, role, from, to } => {
                write!(f, "{person} already holds {role} from {}", hm(*from))?;
                match to {
                    Some(to) => write!(f, " to {}", hm(*to))?,
                    None => f.write_str(" on")?,
                }
                f.write_str(
                    "; one person holds a role once at a time, so pick a time outside that span.",
                )
            }

            E::Untitled => f.write_str("Give the incident a title: what is broken, for whom."),
            E::StartInFuture => f.write_str(
                "The start time is in the future; an incident is declared once it has started.",
            ),
            E::DetectedBeforeStart => f.write_str(
                "It cannot be detected before it started; check the start and detection times.",
            ),
            E::DetectedInFuture => f.write_str("The detection time is in the future."),
            E::ResolvedBeforeStart => f.write_str(
                "It cannot be resolved before it started; check the start and resolution times.",
            ),
            E::NotResolvedYet => {
                f.write_str("The incident is not resolved yet; set its status to resolved first.")
            }
            E::AlreadyStatus(status) => write!(f, "The incident is already {}.", status.label()),
            E::AlreadySeverity(severity) => write!(f, "The incident is already {}.", severity.as_str()),
            E::CloseBeforeResolve => f.write_str(
                "Resolve the incident before closing it, so its resolution time is recorded.",
            ),
            E::StatusBeforeStart { started } => write!(
                f,
                "The incident started at {}; its status can change only after that.",
                hm(*started)
            ),
            E::StatusOutOfOrder { last } => write!(
                f,
                "The last status change was at {}; statuses are recorded in time order, so pick {} or later.",
                hm(*last),
                hm(*last)
            ),
            E::HeldPastResolution { person, role, at, start, end } => write!(
                f,
                "{person} held {role} until after {} ({} – {}); resolve at a later time, or correct that role first.",
                hm(*at),
                hm(*start),
                end.map_or_else(|| "still held".to_string(), hm)
            ),
            E::NotManualKind => f.write_str(
                "Status and role entries are written when the status or a role changes; add a note instead.",
            ),
            E::EmptyEntry => {
                f.write_str("Write what happened; an empty timeline entry tells nobody anything.")
            }
            E::EntryBeforePrevious { previous } => write!(
                f,
                "The status before it was recorded at {}; statuses stay in time order, so pick {} or later.",
                hm(*previous),
                hm(*previous)
            ),
            E::EntryAfterNext { next } => write!(
                f,
                "The next status change was at {}; statuses stay in time order, so pick {} or earlier.",
                hm(*next),
                hm(*next)
            ),
            E::StatusEntryKept => f.write_str(
                "Status changes stay in the timeline; change the status again to correct it.",
            ),
            E::RoleEntryKept => f.write_str(
                "Role changes stay in the timeline; correct its time, or hand the role over or release it.",
            ),
            E::StartAfterStatus { at } => write!(
                f,
                "A status change was recorded at {}; the start must be at or before it.",
                hm(*at)
            ),
            E::StartAfterRole { person, role, at } => write!(
                f,
                "{person} took {role} at {}; the start must be at or before the first role on the incident.",
                hm(*at)
            ),
            E::NotIncidentRole => f.write_str("That assignment is not part of an incident."),
            E::AlreadyOnIncident { person, role, at } => {
                write!(f, "{person} is already {role} on this incident at {}.", hm(*at))
            }
            E::SingleHolder { role, holder } => write!(
                f,
                "{role} takes one holder at a time and {holder} holds it: hand it over from {holder}, or release {holder} first."
            ),
            E::NothingToRelease { person, role } => {
                write!(f, "{person} no longer holds {role}; there is nothing to release.")
            }

            E::ReleaseUnnamed => f.write_str("Give the release a name, such as its version number."),
            E::ReleaseNameTaken { name } => write!(f, "A release named {name} is already in the log."),
            E::PlannedEndBeforeStart => f.write_str("The planned end is before the planned start."),
            E::DeployTimeMissing => f.write_str(
                "Say when it was deployed; the deploy time links incidents to the release.",
            ),
            E::NotDeployed(status) => write!(
                f,
                "A {} release has not been deployed; clear the deploy time or change the status.",
                status.label().to_lowercase()
            ),
            E::ReleaseAlreadyStatus(status) => {
                write!(f, "The release is already {}.", status.label().to_lowercase())
            }
            E::ReleaseStatusOutOfOrder { last } => write!(
                f,
                "The release's last status change was at {}; statuses are recorded in time order, so pick {} or later.",
                hm(*last),
                hm(*last)
            ),
            E::RollbackBeforeDeploy => f.write_str(
                "A release is rolled back after it was deployed; mark it deployed first, or pick a later time.",
            ),
            E::RollbackReasonMissing => f.write_str(
                "Say why it was rolled back: the reason goes into the release's history and the linked incidents' timelines.",
            ),
            E::ReleaseEntryBeforePrevious { previous } => write!(
                f,
                "The status before it was recorded at {}; statuses stay in time order.",
                hm(*previous)
            ),
            E::ReleaseEntryAfterNext { next } => write!(
                f,
                "The next status change was at {}; statuses stay in time order.",
                hm(*next)
            ),
            E::ManagerAfterFinish { finished } => write!(
                f,
                "The release finished at {}; a manager of it took over before then, so pick an earlier time.",
                hm(*finished)
            ),
            E::AlreadyManager { person, role } => write!(f, "{person} is already {role} for this release."),
            E::StepTextMissing => f.write_str("Say what the step is: a short sentence someone can do."),
            E::CadenceZero => f.write_str(
                "A repeat needs at least a minute between its times; leave it empty if it does not repeat.",
            ),
            E::StepGone => f.write_str(
                "That checklist step is no longer in the process; it may have been removed elsewhere.",
            ),
            E::MinutesInvalid(_) => {
                f.write_str("Write a whole number of minutes, such as 15, or leave it empty.")
            }

            E::StepNotOnChecklist { step } => write!(
                f,
                "\"{step}\" is not on the checklist of a role held in this incident at its severity; assign the role first."
            ),
            E::UnknownDecider => {
                f.write_str("The person who decided is not in the workspace; pick someone from People.")
            }
            E::GoNoGoAfterFinish { finished } => write!(
                f,
                "The release finished at {}; its go/no-go was decided before then, so pick an earlier time.",
                hm(*finished)
            ),
            E::GoNoGoOutOfOrder { last } => write!(
                f,
                "The release's go/no-go was last decided at {}; a new decision replaces it, so pick {} or later.",
                hm(*last),
                hm(*last)
            ),
            E::DeployWithoutGo { decided } => {
                match decided {
                    None => f.write_str("No go/no-go is recorded for this release. ")?,
                    Some((Decision::NoGo, at)) => write!(f, "The release got a no-go at {}. ", hm(*at))?,
                    Some((Decision::Go, at)) => {
                        write!(f, "The release's go was recorded at {}, after this deploy. ", hm(*at))?
                    }
                }
                f.write_str("Record the go/no-go first, or say why it went out without one.")
            }
            E::DeployBeforeGo { go } => write!(
                f,
                "It went out on the go decided at {}, so the deploy cannot move before then here. If it really went out before the go, correct the deploy time with the release's Edit, which asks why.",
                hm(*go)
            ),
            E::DeployBeforeRole { person, role, start } => write!(
                f,
                "The deploy ended {person}'s time as {role}, which began at {}, after this deploy time. Give a later deploy time, or first correct when they took the role on.",
                hm(*start)
            ),
        }
    }
}

impl std::error::Error for DomainError {}
