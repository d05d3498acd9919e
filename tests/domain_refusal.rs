//! Every refusal's sentence, word for word, and the field it is about. This is the one place
//! the wording is checked: other tests expect a refusal by its variant.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use hatrack::domain::refusal::{DomainError as E, Field, TimeOf};
use hatrack::domain::{Decision, ReleaseStatus, Scope, Severity, Status};

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn sam() -> String {
    "Sam Rivera".into()
}

fn scribe() -> String {
    "Scribe".into()
}

/// Each refusal (each form of its sentence), the field it is about and what the person reads.
fn table() -> Vec<(E, Field, &'static str)> {
    vec![
        // Records that are not there.
        (
            E::PersonNotFound,
            Field::Person,
            "That person is not in the workspace; add them to People first.",
        ),
        (
            E::PersonGone,
            Field::Person,
            "That person is no longer in the workspace; they may have been deleted elsewhere.",
        ),
        (
            E::RoleNotInCatalogue,
            Field::Role,
            "That role is not in the role catalogue; add it under Roles first.",
        ),
        (
            E::RoleGone,
            Field::Role,
            "That role is no longer in the catalogue; it may have been deleted elsewhere.",
        ),
        (
            E::IncidentGone,
            Field::Incident,
            "That incident no longer exists; it may have been deleted elsewhere.",
        ),
        (
            E::ReleaseGone,
            Field::Release,
            "That release no longer exists; it may have been deleted elsewhere.",
        ),
        (
            E::ReleaseNotInLog,
            Field::Release,
            "That release is not in the release log.",
        ),
        (
            E::AssignmentGone,
            Field::Assignment,
            "That assignment no longer exists; it may have been deleted elsewhere.",
        ),
        (
            E::EntryGone,
            Field::Entry,
            "That timeline entry no longer exists; it may have been deleted elsewhere.",
        ),
        (
            E::ReleaseEntryGone,
            Field::Entry,
            "That entry no longer exists; it may have been deleted elsewhere.",
        ),
        (
            E::AwayGone,
            Field::Away,
            "That away period is no longer there; the list may have changed.",
        ),
        (
            E::UnknownAuthor,
            Field::Author,
            "The author is not in the workspace; pick someone from People.",
        ),
        // The roster and the role catalogue.
        (E::PersonUnnamed, Field::Name, "Give the person a name."),
        (E::RoleUnnamed, Field::Name, "Give the role a name."),
        (
            E::CapacityInvalid,
            Field::Capacity,
            "Capacity must be a number of 0 or more.",
        ),
        (
            E::WeightInvalid,
            Field::Weight,
            "Weight must be a number of 0 or more.",
        ),
        (
            E::UnknownSkill {
                skill: "juggler".into(),
            },
            Field::Skills,
            "\"juggler\" is not a role in the catalogue; skills name roles a person can take on.",
        ),
        (
            E::RoleNameTaken { name: scribe() },
            Field::Name,
            "There is already a role called \"Scribe\"; pick another name.",
        ),
        (
            E::Inactive { name: sam() },
            Field::Person,
            "Sam Rivera is marked inactive; make them active again before giving them a role.",
        ),
        (
            E::HasAssignments {
                name: sam(),
                count: 1,
            },
            Field::Person,
            "Sam Rivera has 1 assignment in the roster. Delete them together with the person, \
             or mark the person inactive to keep their history.",
        ),
        (
            E::HasAssignments {
                name: sam(),
                count: 3,
            },
            Field::Person,
            "Sam Rivera has 3 assignments in the roster. Delete them together with the person, \
             or mark the person inactive to keep their history.",
        ),
        (
            E::ConflictRoleUnknown,
            Field::ConflictRule,
            "Both roles must be in the role catalogue.",
        ),
        (
            E::ConflictWithItself,
            Field::ConflictRule,
            "Pick two different roles; a role cannot conflict with itself.",
        ),
        (
            E::AlreadyConflicting {
                a: scribe(),
                b: "Incident manager".into(),
            },
            Field::ConflictRule,
            "Scribe and Incident manager are already a conflicting pair.",
        ),
        (
            E::NoConflictRule,
            Field::ConflictRule,
            "There is no conflict rule for those two roles.",
        ),
        (
            E::AwayEndsBeforeStart {
                from: day(3),
                to: day(1),
            },
            Field::Time,
            "The last day (1 Dec 2026) is before the first (3 Dec 2026); an away period ends on or after \
             the day it starts.",
        ),
        // Who holds which role, and when.
        (
            E::WrongScope {
                role: scribe(),
                scope: Scope::Standing,
            },
            Field::Role,
            "Scribe is a standing role, held outside any incident or release.",
        ),
        (
            E::WrongScope {
                role: scribe(),
                scope: Scope::Incident,
            },
            Field::Role,
            "Scribe is held within an incident; pick the incident.",
        ),
        (
            E::WrongScope {
                role: scribe(),
                scope: Scope::Release,
            },
            Field::Role,
            "Scribe is held within a release; pick the release.",
        ),
        (
            E::RoleBeforeIncident { started: t(10, 5) },
            Field::Time,
            "The incident started at 2026-11-27 10:05 UTC; a role on it starts then or later.",
        ),
        (
            E::RoleAfterResolution { resolved: t(10, 5) },
            Field::Time,
            "The incident was resolved at 2026-11-27 10:05 UTC; a role on it must start before then.",
        ),
        (
            E::AlreadyEnded,
            Field::Assignment,
            "That assignment has already ended.",
        ),
        (
            E::EndBeforeStart { start: t(10, 5) },
            Field::Time,
            "The role started at 2026-11-27 10:05 UTC; it cannot end before it started, so pick a later \
             end time.",
        ),
        (
            E::NotHeldThen {
                person: sam(),
                role: scribe(),
            },
            Field::Time,
            "Sam Rivera does not hold Scribe at that time, so there is nothing to hand over.",
        ),
        (
            E::HandoverToHolder {
                person: sam(),
                role: scribe(),
            },
            Field::Person,
            "Sam Rivera already holds Scribe; pick someone else to hand over to.",
        ),
        (
            E::MoveEndsBeforeStart {
                person: sam(),
                role: scribe(),
                end: t(10, 5),
                start: t(10, 20),
            },
            Field::Time,
            "Sam Rivera would end Scribe at 2026-11-27 10:05 UTC, before taking it on at 2026-11-27 10:20 \
             UTC; an end is never before its start.",
        ),
        (
            E::MoveBeforeIncident {
                started: t(10, 5),
                person: sam(),
                role: scribe(),
            },
            Field::Time,
            "The incident started at 2026-11-27 10:05 UTC; Sam Rivera cannot take Scribe before it.",
        ),
        (
            E::Overlap {
                person: sam(),
                role: scribe(),
                from: t(10, 5),
                to: None,
            },
            Field::Time,
            "Sam Rivera already holds Scribe from 2026-11-27 10:05 UTC on; one person holds a role once at \
             a time, so pick a time outside that span.",
        ),
        (
            E::Overlap {
                person: sam(),
                role: scribe(),
                from: t(10, 5),
                to: Some(t(11, 30)),
            },
            Field::Time,
            "Sam Rivera already holds Scribe from 2026-11-27 10:05 UTC to 2026-11-27 11:30 UTC; one person \
             holds a role once at a time, so pick a time outside that span.",
        ),
        // Incidents.
        (
            E::Untitled,
            Field::Title,
            "Give the incident a title: what is broken, for whom.",
        ),
        (
            E::StartInFuture,
            Field::Started,
            "The start time is in the future; an incident is declared once it has started.",
        ),
        (
            E::DetectedBeforeStart,
            Field::Detected,
            "It cannot be detected before it started; check the start and detection times.",
        ),
        (
            E::DetectedInFuture,
            Field::Detected,
            "The detection time is in the future.",
        ),
        (
            E::ResolvedBeforeStart,
            Field::Resolved,
            "It cannot be resolved before it started; check the start and resolution times.",
        ),
        (
            E::NotResolvedYet,
            Field::Resolved,
            "The incident is not resolved yet; set its status to resolved first.",
        ),
        (
            E::AlreadyStatus(Status::Monitoring),
            Field::Status,
            "The incident is already Monitoring.",
        ),
        (
            E::AlreadySeverity(Severity::Sev1),
            Field::Severity,
            "The incident is already sev1.",
        ),
        (
            E::CloseBeforeResolve,
            Field::Status,
            "Resolve the incident before closing it, so its resolution time is recorded.",
        ),
        (
            E::StatusBeforeStart { started: t(10, 5) },
            Field::Time,
            "The incident started at 2026-11-27 10:05 UTC; its status can change only after that.",
        ),
        (
            E::StatusOutOfOrder { last: t(10, 5) },
            Field::Time,
            "The last status change was at 2026-11-27 10:05 UTC; statuses are recorded in time order, so \
             pick 2026-11-27 10:05 UTC or later.",
        ),
        (
            E::HeldPastResolution {
                person: sam(),
                role: scribe(),
                at: t(11, 30),
                start: t(10, 5),
                end: None,
            },
            Field::Time,
            "Sam Rivera held Scribe until after 2026-11-27 11:30 UTC (2026-11-27 10:05 UTC – still held); \
             resolve at a later time, or correct that role first.",
        ),
        (
            E::HeldPastResolution {
                person: sam(),
                role: scribe(),
                at: t(11, 30),
                start: t(10, 5),
                end: Some(t(12, 0)),
            },
            Field::Time,
            "Sam Rivera held Scribe until after 2026-11-27 11:30 UTC (2026-11-27 10:05 UTC – 2026-11-27 \
             12:00 UTC); resolve at a later time, or correct that role first.",
        ),
        (
            E::NotManualKind,
            Field::Kind,
            "Status and role entries are written when the status or a role changes; add a note instead.",
        ),
        (
            E::EmptyEntry,
            Field::Text,
            "Write what happened; an empty timeline entry tells nobody anything.",
        ),
        (
            E::EntryBeforePrevious { previous: t(10, 5) },
            Field::Time,
            "The status before it was recorded at 2026-11-27 10:05 UTC; statuses stay in time order, so \
             pick 2026-11-27 10:05 UTC or later.",
        ),
        (
            E::EntryAfterNext { next: t(10, 5) },
            Field::Time,
            "The next status change was at 2026-11-27 10:05 UTC; statuses stay in time order, so pick \
             2026-11-27 10:05 UTC or earlier.",
        ),
        (
            E::StatusEntryKept,
            Field::Entry,
            "Status changes stay in the timeline; change the status again to correct it.",
        ),
        (
            E::RoleEntryKept,
            Field::Entry,
            "Role changes stay in the timeline; correct its time, or hand the role over or release it.",
        ),
        (
            E::StartAfterStatus { at: t(10, 5) },
            Field::Started,
            "A status change was recorded at 2026-11-27 10:05 UTC; the start must be at or before it.",
        ),
        (
            E::StartAfterRole {
                person: sam(),
                role: scribe(),
                at: t(10, 5),
            },
            Field::Started,
            "Sam Rivera took Scribe at 2026-11-27 10:05 UTC; the start must be at or before the first role \
             on the incident.",
        ),
        (
            E::NotIncidentRole,
            Field::Assignment,
            "That assignment is not part of an incident.",
        ),
        (
            E::AlreadyOnIncident {
                person: sam(),
                role: scribe(),
                at: t(10, 5),
            },
            Field::Person,
            "Sam Rivera is already Scribe on this incident at 2026-11-27 10:05 UTC.",
        ),
        (
            E::SingleHolder {
                role: "Incident manager".into(),
                holder: sam(),
            },
            Field::Person,
            "Incident manager takes one holder at a time and Sam Rivera holds it: hand it over from Sam Rivera, or release Sam Rivera first.",
        ),
        (
            E::NothingToRelease {
                person: sam(),
                role: scribe(),
            },
            Field::Assignment,
            "Sam Rivera no longer holds Scribe; there is nothing to release.",
        ),
        // Releases.
        (
            E::ReleaseUnnamed,
            Field::Name,
            "Give the release a name, such as its version number.",
        ),
        (
            E::ReleaseNameTaken {
                name: "0.9.250".into(),
            },
            Field::Name,
            "A release named 0.9.250 is already in the log.",
        ),
        (
            E::PlannedEndBeforeStart,
            Field::Planned,
            "The planned end is before the planned start.",
        ),
        (
            E::DeployTimeMissing,
            Field::Deployed,
            "Say when it was deployed; the deploy time links incidents to the release.",
        ),
        (
            E::NotDeployed(ReleaseStatus::Planned),
            Field::Deployed,
            "A planned release has not been deployed; clear the deploy time or change the status.",
        ),
        (
            E::ReleaseAlreadyStatus(ReleaseStatus::RolledBack),
            Field::Status,
            "The release is already rolled back.",
        ),
        (
            E::ReleaseStatusOutOfOrder { last: t(10, 5) },
            Field::Time,
            "The release's last status change was at 2026-11-27 10:05 UTC; statuses are recorded in time \
             order, so pick 2026-11-27 10:05 UTC or later.",
        ),
        (
            E::RollbackBeforeDeploy,
            Field::Time,
            "A release is rolled back after it was deployed; mark it deployed first, or pick a later time.",
        ),
        (
            E::StepTextMissing,
            Field::Text,
            "Say what the step is: a short sentence someone can do.",
        ),
        (
            E::CadenceZero,
            Field::Cadence,
            "A repeat needs at least a minute between its times; leave it empty if it does not repeat.",
        ),
        (
            E::MinutesInvalid(Field::Within),
            Field::Within,
            "Write a whole number of minutes, such as 15, or leave it empty.",
        ),
        (
            E::MinutesInvalid(Field::Cadence),
            Field::Cadence,
            "Write a whole number of minutes, such as 15, or leave it empty.",
        ),
        (
            E::StepGone,
            Field::Step,
            "That checklist step is no longer in the process; it may have been removed elsewhere.",
        ),
        (
            E::RollbackReasonMissing,
            Field::Text,
            "Say why it was rolled back: the reason goes into the release's history and the linked incidents' timelines.",
        ),
        (
            E::ReleaseEntryBeforePrevious { previous: t(10, 5) },
            Field::Time,
            "The status before it was recorded at 2026-11-27 10:05 UTC; statuses stay in time order.",
        ),
        (
            E::ReleaseEntryAfterNext { next: t(10, 5) },
            Field::Time,
            "The next status change was at 2026-11-27 10:05 UTC; statuses stay in time order.",
        ),
        (
            E::ManagerAfterFinish { finished: t(10, 5) },
            Field::Time,
            "The release finished at 2026-11-27 10:05 UTC; a manager of it took over before then, so pick \
             an earlier time.",
        ),
        (
            E::AlreadyManager {
                person: sam(),
                role: "Release manager".into(),
            },
            Field::Person,
            "Sam Rivera is already Release manager for this release.",
        ),
        // Checklists.
        (
            E::StepNotOnChecklist {
                step: "Post a status update".into(),
            },
            Field::Entry,
            "\"Post a status update\" is not on the checklist of a role held in this incident at its severity; \
             assign the role first.",
        ),
        // A release's go/no-go.
        (
            E::UnknownDecider,
            Field::Person,
            "The person who decided is not in the workspace; pick someone from People.",
        ),
        (
            E::GoNoGoAfterFinish { finished: t(10, 5) },
            Field::Time,
            "The release finished at 2026-11-27 10:05 UTC; its go/no-go was decided before then, so pick \
             an earlier time.",
        ),
        (
            E::GoNoGoOutOfOrder { last: t(10, 5) },
            Field::Time,
            "The release's go/no-go was last decided at 2026-11-27 10:05 UTC; a new decision replaces it, \
             so pick 2026-11-27 10:05 UTC or later.",
        ),
        (
            E::DeployWithoutGo { decided: None },
            Field::Status,
            "No go/no-go is recorded for this release. Record the go/no-go first, or say why it went out \
             without one.",
        ),
        (
            E::DeployWithoutGo {
                decided: Some((Decision::NoGo, t(10, 5))),
            },
            Field::Status,
            "The release got a no-go at 2026-11-27 10:05 UTC. Record the go/no-go first, or say why it \
             went out without one.",
        ),
        (
            E::DeployWithoutGo {
                decided: Some((Decision::Go, t(10, 5))),
            },
            Field::Status,
            "The release's go was recorded at 2026-11-27 10:05 UTC, after this deploy. Record the go/no-go \
             first, or say why it went out without one.",
        ),
    ]
}

#[test]
fn every_refusal_reads_as_the_person_sees_it_and_names_its_field() {
    for (e, field, sentence) in table() {
        assert_eq!(e.to_string(), sentence, "{e:?}");
        assert_eq!(e.field(), field, "{e:?}");
    }
}

#[test]
fn a_time_in_the_future_names_the_event_it_belongs_to() {
    let of = [
        (TimeOf::RoleStart, "The start of the role"),
        (TimeOf::RoleEnd, "The end of the role"),
        (TimeOf::Handover, "The hand-over"),
        (TimeOf::Move, "The new time"),
        (TimeOf::Entry, "The entry's time"),
        (TimeOf::EntryMove, "The entry's new time"),
        (TimeOf::StatusChange, "The status change"),
        (TimeOf::SeverityChange, "The severity change"),
        (TimeOf::ReleaseStatus, "The release's status"),
        (TimeOf::ReleaseStatusChange, "The release's status change"),
        (TimeOf::Deploy, "The deploy time"),
        (TimeOf::GoNoGo, "The go/no-go decision"),
    ];
    for (of, subject) in of {
        let e = E::InFuture { of, at: t(10, 5) };
        assert_eq!(
            e.to_string(),
            format!(
                "{subject} is in the future (2026-11-27 10:05 UTC); record events when they happened, at or \
                 before now."
            )
        );
        let field = if of == TimeOf::Deploy {
            Field::Deployed
        } else {
            Field::Time
        };
        assert_eq!(e.field(), field, "{of:?}");
    }
}

#[test]
fn a_refusal_is_a_standard_error() {
    let e: Box<dyn std::error::Error> = Box::new(E::IncidentGone);
    assert_eq!(
        e.to_string(),
        "That incident no longer exists; it may have been deleted elsewhere."
    );
}
