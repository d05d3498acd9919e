//! A small example team whose chair wears too many hats, so a newcomer sees the point at once.
//!
//! Ids are fixed and readable (not `new_id`) so that two people who both load the example
//! and later merge their files get the same records rather than doubles.

use crate::domain::order;
use chrono::{DateTime, Duration, Utc};

use super::defaults::{self, *};
use super::model::*;

fn person(id: &str, name: &str, tz: &str, skills: &[&str], at: DateTime<Utc>) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        timezone: Some(tz.into()),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        capacity: Some(3.0),
        active: true,
        updated_at: Some(at),
        deleted_at: None,
        away: vec![],
        extra: Extra::new(),
    }
}

fn assignment(
    id: &str,
    person: &str,
    role: &str,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    incident: Option<&str>,
    release: Option<&str>,
) -> Assignment {
    Assignment {
        id: id.into(),
        person: person.into(),
        role: role.into(),
        start,
        end,
        incident: incident.map(Into::into),
        release: release.map(Into::into),
        updated_at: Some(end.unwrap_or(start)),
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn entry(id: &str, at: DateTime<Utc>, kind: EntryKind, text: &str, author: &str) -> TimelineEntry {
    TimelineEntry {
        ends: vec![],
        step: None,
        release_status: None,
        starts: vec![],
        id: id.into(),
        at,
        kind,
        text: text.into(),
        author: Some(author.into()),
        status: None,
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn status_entry(id: &str, at: DateTime<Utc>, status: Status, text: &str, author: &str) -> TimelineEntry {
    TimelineEntry {
        status: Some(status),
        ..entry(id, at, EntryKind::Status, text, author)
    }
}

fn action(
    id: &str,
    text: &str,
    owner: &str,
    due: DateTime<Utc>,
    priority: &str,
    at: DateTime<Utc>,
) -> ActionItem {
    ActionItem {
        id: id.into(),
        text: text.into(),
        owner: Some(owner.into()),
        due: Some(due.date_naive()),
        priority: priority.into(),
        done: false,
        done_at: None,
        created_at: Some(at),
        updated_at: Some(at),
        deleted_at: None,
        extra: Extra::new(),
    }
}

pub const LIVE_INCIDENT: &str = "i-checkout-cards";
pub const OLD_INCIDENT: &str = "i-search-stale";
pub const RECENT_RELEASE: &str = "r-2.14.0";
/// The person wearing five hats.
pub const CHAIR: &str = "p-amara";

/// The example team, with its live incident timed relative to `now`.
pub fn example_team(now: DateTime<Utc>) -> Workspace {
    let mins = Duration::minutes;
    let days = Duration::days;
    let setup = now - days(400);
    let mut ws = defaults::new_workspace();

    ws.people = vec![
        person(
            CHAIR,
            "Amara Okafor",
            "Europe/London",
            &[
                COMMITTEE_CHAIR,
                INCIDENT_MANAGER,
                THIRD_LINE_LEAD,
                RELEASE_MANAGER,
                DEPLOYMENT_MANAGER,
                SECOND_LINE,
            ],
            setup,
        ),
        person(
            "p-diego",
            "Diego Hernández",
            "America/Mexico_City",
            &[INCIDENT_MANAGER, THIRD_LINE_LEAD, SECOND_LINE, DEPLOYMENT_MANAGER],
            setup,
        ),
        person(
            "p-mei",
            "Mei Lin",
            "Asia/Singapore",
            &[
                RELEASE_MANAGER,
                DEPLOYMENT_MANAGER,
                COMMS_LEAD,
                SCRIBE,
                COMMITTEE_CHAIR,
            ],
            setup,
        ),
        person(
            "p-jonas",
            "Jonas Becker",
            "Europe/Berlin",
            &[THIRD_LINE_LEAD, SECOND_LINE, FIRST_LINE, DEPLOYMENT_MANAGER],
            setup,
        ),
        person(
            "p-priya",
            "Priya Raman",
            "Asia/Kolkata",
            &[
                INCIDENT_MANAGER,
                COMMS_LEAD,
                SCRIBE,
                FIRST_LINE,
                RELEASE_MANAGER,
                COMMITTEE_CHAIR,
            ],
            setup,
        ),
        person(
            "p-sam",
            "Sam Rivera",
            "America/New_York",
            &[FIRST_LINE, SECOND_LINE, SCRIBE],
            setup,
        ),
    ]
    .into();

    // The recent release, deployed a couple of hours ago and suspected in the live incident,
    // after Amara's recorded go: the team follows its release process.
    let deployed = now - mins(140);
    let go_at = now - mins(150);
    let go_note = "Checkout tests green on staging";
    ws.releases = vec![Release {
        timeline: vec![TimelineEntry {
            step: Some("rel-go".into()),
            ..entry(
                "t-rel-go",
                go_at,
                EntryKind::Decision,
                &format!("Go: {go_note} (decided by Amara Okafor)"),
                CHAIR,
            )
        }],
        go_no_go: Some(GoNoGo {
            decision: Decision::Go,
            at: go_at,
            by: Some(CHAIR.into()),
            note: go_note.into(),
            extra: Extra::new(),
        }),
        id: RECENT_RELEASE.into(),
        name: "2.14.0".into(),
        status: ReleaseStatus::Deployed,
        planned_start: Some(now - mins(180)),
        planned_end: Some(now - mins(120)),
        deployed_at: Some(deployed),
        notes: "Checkout moves to the new payment-provider client; also carries the VAT rounding fix.".into(),
        updated_at: Some(deployed),
        deleted_at: None,
        extra: Extra::new(),
    }]
    .into();

    // The live incident, about 40 minutes old.
    let started = now - mins(40);
    let live = LIVE_INCIDENT;
    ws.incidents.push(Incident {
        backfill: false,
        id: live.into(),
        title: "Card payments fail at checkout".into(),
        severity: Severity::Sev2,
        status: Status::Investigating,
        started_at: started,
        detected_at: Some(now - mins(34)),
        resolved_at: None,
        services: vec!["checkout".into(), "payments".into()],
        summary: "About a third of card payments are declined with a provider timeout since shortly \
                  after 2.14.0 went out."
            .into(),
        release: Some(RECENT_RELEASE.into()),
        timeline: vec![
            entry(
                "t-cc-1",
                now - mins(34),
                EntryKind::Note,
                "Alert: card payment failures at 38% (normal is under 1%).",
                "p-sam",
            ),
            entry(
                "t-cc-2",
                now - mins(32),
                EntryKind::Role,
                "Amara Okafor takes incident manager.",
                CHAIR,
            ),
            status_entry(
                "t-cc-3",
                now - mins(31),
                Status::Investigating,
                "Investigating.",
                CHAIR,
            ),
            entry(
                "t-cc-4",
                now - mins(25),
                EntryKind::Role,
                "Amara Okafor also takes 3rd line lead: nobody else with the skill is online yet.",
                CHAIR,
            ),
            entry(
                "t-cc-5",
                now - mins(18),
                EntryKind::Decision,
                "Hold the rollback of 2.14.0 for 15 minutes while we read the payment-provider logs; \
                 it also carries the VAT fix.",
                CHAIR,
            ),
            entry(
                "t-cc-6",
                now - mins(10),
                EntryKind::Comms,
                "Status page: some card payments are failing; we are investigating.",
                "p-mei",
            ),
        ],
        updated_at: Some(now - mins(10)),
        deleted_at: None,
        extra: Extra::new(),
    });

    // An older incident, resolved, with a published quick review.
    let old_start = now - days(12);
    let old_resolved = old_start + mins(150);
    let old = OLD_INCIDENT;
    ws.incidents.push(Incident {
        backfill: false,
        id: old.into(),
        title: "Search results stale for two hours".into(),
        severity: Severity::Sev3,
        status: Status::Resolved,
        started_at: old_start,
        detected_at: Some(old_start + mins(20)),
        resolved_at: Some(old_resolved),
        services: vec!["search".into()],
        summary: "The search indexer stopped after a disk filled up; results lagged by up to two hours."
            .into(),
        release: None,
        timeline: vec![
            entry(
                "t-ss-1",
                old_start + mins(20),
                EntryKind::Note,
                "A user reports that new listings do not show up in search.",
                "p-sam",
            ),
            status_entry(
                "t-ss-2",
                old_start + mins(25),
                Status::Investigating,
                "Investigating.",
                "p-priya",
            ),
            status_entry(
                "t-ss-3",
                old_start + mins(70),
                Status::Identified,
                "Indexer host disk is full; indexer stopped.",
                "p-jonas",
            ),
            entry(
                "t-ss-4",
                old_start + mins(95),
                EntryKind::Action,
                "Cleared old snapshots and restarted the indexer.",
                "p-jonas",
            ),
            status_entry(
                "t-ss-5",
                old_resolved,
                Status::Resolved,
                "Index caught up; results are current.",
                "p-priya",
            ),
        ],
        updated_at: Some(old_resolved),
        deleted_at: None,
        extra: Extra::new(),
    });

    let reviewed = old_start + days(2);
    ws.reviews.push(Review {
        id: "rv-search-stale".into(),
        incident: old.into(),
        // Published below, once the roles it keeps a record of are in place.
        status: ReviewStatus::Draft,
        kind: ReviewKind::Quick,
        summary: "The search indexer stopped when its disk filled; nobody was alerted.".into(),
        impact: "Search results up to two hours out of date for all users.".into(),
        detection: "A user report, 20 minutes in; no alert fired.".into(),
        response: "Priya ran the incident, Jonas found the full disk.".into(),
        recovery: "Old snapshots cleared and the indexer restarted; it caught up in 55 minutes.".into(),
        contributing_factors: vec!["Snapshots were never pruned.".into()],
        went_well: vec!["Roles were split from the start.".into()],
        went_badly: vec!["No alert on indexer lag.".into()],
        lucky: vec!["It happened on a quiet Sunday.".into()],
        lessons: "Watch the lag, not just the process.".into(),
        actions: vec![
            action(
                "ac-search-1",
                "Alert when the search index is more than 30 minutes behind",
                "p-jonas",
                now - days(3),
                "high",
                reviewed,
            ),
            action(
                "ac-search-2",
                "Write the reindex runbook",
                "p-mei",
                now + days(10),
                "medium",
                reviewed,
            ),
        ],
        key_moments: vec!["t-ss-3".into(), "t-ss-5".into()],
        status_log: vec![],
        published: None,
        updated_at: Some(reviewed),
        deleted_at: None,
        extra: Extra::new(),
    });

    ws.assignments = vec![
        // Standing: Priya chaired last year, Amara since.
        assignment(
            "a-chair-priya",
            "p-priya",
            COMMITTEE_CHAIR,
            now - days(400),
            Some(now - days(150)),
            None,
            None,
        ),
        assignment(
            "a-chair-amara",
            CHAIR,
            COMMITTEE_CHAIR,
            now - days(150),
            None,
            None,
            None,
        ),
        // The release: Amara decided it and deployed it.
        assignment(
            "a-rel-rm",
            CHAIR,
            RELEASE_MANAGER,
            now - days(2),
            None,
            None,
            Some(RECENT_RELEASE),
        ),
        assignment(
            "a-rel-dm",
            CHAIR,
            DEPLOYMENT_MANAGER,
            now - mins(180),
            None,
            None,
            Some(RECENT_RELEASE),
        ),
        // The live incident.
        assignment(
            "a-cc-im",
            CHAIR,
            INCIDENT_MANAGER,
            now - mins(32),
            None,
            Some(live),
            None,
        ),
        assignment(
            "a-cc-3l",
            CHAIR,
            THIRD_LINE_LEAD,
            now - mins(25),
            None,
            Some(live),
            None,
        ),
        assignment(
            "a-cc-scribe",
            "p-sam",
            SCRIBE,
            now - mins(33),
            None,
            Some(live),
            None,
        ),
        assignment(
            "a-cc-comms",
            "p-mei",
            COMMS_LEAD,
            now - mins(20),
            None,
            Some(live),
            None,
        ),
        assignment(
            "a-cc-2l",
            "p-jonas",
            SECOND_LINE,
            now - mins(15),
            None,
            Some(live),
            None,
        ),
        // The old incident, all ended when it was resolved.
        assignment(
            "a-ss-im",
            "p-priya",
            INCIDENT_MANAGER,
            old_start + mins(25),
            Some(old_resolved),
            Some(old),
            None,
        ),
        assignment(
            "a-ss-3l",
            "p-jonas",
            THIRD_LINE_LEAD,
            old_start + mins(40),
            Some(old_resolved),
            Some(old),
            None,
        ),
        assignment(
            "a-ss-1l",
            "p-sam",
            FIRST_LINE,
            old_start + mins(20),
            Some(old_resolved),
            Some(old),
            None,
        ),
    ]
    .into();

    // Through review to published the way the app does it, so the review keeps its log and
    // its record of who held which role.
    let steps = [
        (ReviewStatus::InReview, "p-priya", reviewed - Duration::hours(20)),
        (ReviewStatus::Published, CHAIR, reviewed),
    ];
    for (status, by, at) in steps {
        super::review::set_status(&mut ws, "rv-search-stale", status, Some(by), at, at)
            .expect("the example review can be published");
    }
    // The team follows a written process: the suggested one, taken up by the chair when the
    // team set up.
    super::process_edit::take_up(&mut ws, setup, Some(CHAIR));
    // Fixed ids, like every other record of the example: two example teams are the same data.
    if let Some(p) = ws.process.as_mut() {
        for (i, c) in p.changelog.iter_mut().enumerate() {
            c.id = format!("chg-example-{i}");
        }
    }
    tick_the_live_incident(&mut ws);
    ws
}

/// The live incident's timeline as the team kept it with its checklists: the scribe's first
/// note and the first status post count as their steps, and the incident manager ticked naming
/// the comms lead and scribe. The rest is late, which is the point of the example.
fn tick_the_live_incident(ws: &mut Workspace) {
    let Some(inc) = ws.incidents.iter_mut().find(|i| i.id == "i-checkout-cards") else {
        return;
    };
    for e in &mut inc.timeline {
        e.step = match e.id.as_str() {
            "t-cc-1" => Some("scribe-start".into()),
            "t-cc-6" => Some("comms-first".into()),
            _ => None,
        };
    }
    if let Some(at) = inc.timeline.iter().find(|e| e.id == "t-cc-5").map(|e| e.at) {
        inc.timeline.push(TimelineEntry {
            step: Some("im-roles".into()),
            ..entry(
                "t-cc-7",
                at,
                EntryKind::Action,
                "Name a communications lead and a scribe",
                CHAIR,
            )
        });
        order::sort_by_key(&mut inc.timeline, |e| e.at);
    }
}
