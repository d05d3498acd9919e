//! The sample-workspace generator: deterministic, valid FORMAT.md v1, and realistic enough to exercise the rules.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};
use hatrack::domain::{ReleaseStatus, Scope, Severity, Status, Workspace};
use hatrack::sample::{generate, Size};

fn end() -> DateTime<Utc> {
    "2026-11-28T00:00:00Z".parse().unwrap()
}

/// Every FORMAT.md rule the generator must respect, plus its own promises; returns the broken ones.
fn problems(ws: &Workspace, end: DateTime<Utc>) -> Vec<String> {
    let mut p = vec![];
    let mut check = |ok: bool, what: String| {
        if !ok {
            p.push(what)
        }
    };
    check(
        ws.format == "hatrack-workspace" && ws.version == 1,
        "format header".into(),
    );
    let unique = |ids: Vec<&str>| ids.len() == ids.iter().collect::<HashSet<_>>().len();
    check(
        unique(ws.people.iter().map(|x| x.id.as_str()).collect()),
        "people ids repeat".into(),
    );
    check(
        unique(ws.assignments.iter().map(|x| x.id.as_str()).collect()),
        "assignment ids repeat".into(),
    );
    check(
        unique(ws.incidents.iter().map(|x| x.id.as_str()).collect()),
        "incident ids repeat".into(),
    );
    check(
        unique(ws.releases.iter().map(|x| x.id.as_str()).collect()),
        "release ids repeat".into(),
    );
    check(
        unique(ws.reviews.iter().map(|x| x.id.as_str()).collect()),
        "review ids repeat".into(),
    );
    let entry_ids: Vec<&str> = ws
        .incidents
        .iter()
        .flat_map(|i| i.timeline.iter().map(|e| e.id.as_str()))
        .collect();
    check(unique(entry_ids), "timeline ids repeat".into());
    let action_ids: Vec<&str> = ws
        .reviews
        .iter()
        .flat_map(|r| r.actions.iter().map(|a| a.id.as_str()))
        .collect();
    check(unique(action_ids), "action ids repeat".into());

    let people: HashSet<&str> = ws.people.iter().map(|x| x.id.as_str()).collect();
    let roles: HashMap<&str, Scope> = ws.roles.iter().map(|r| (r.id.as_str(), r.scope)).collect();
    let incidents: HashMap<&str, _> = ws.incidents.iter().map(|i| (i.id.as_str(), i)).collect();
    let releases: HashSet<&str> = ws.releases.iter().map(|x| x.id.as_str()).collect();

    for (n, x) in ws.people.iter().enumerate() {
        check(!x.name.trim().is_empty(), format!("people[{n}].name empty"));
        check(
            x.skills.iter().all(|s| roles.contains_key(s.as_str())),
            format!("people[{n}].skills"),
        );
        check(
            x.capacity.is_none_or(|c| (2.0..=4.0).contains(&c)),
            format!("people[{n}].capacity"),
        );
        check(
            x.timezone.as_deref().is_none_or(|t| t.contains('/')),
            format!("people[{n}].timezone"),
        );
    }
    for c in &ws.conflicts {
        check(
            c.roles.iter().all(|r| roles.contains_key(r.as_str())),
            "conflicts name a missing role".into(),
        );
    }
    for (n, a) in ws.assignments.iter().enumerate() {
        check(
            people.contains(a.person.as_str()),
            format!("assignments[{n}].person"),
        );
        check(
            a.end.is_none_or(|e| e > a.start),
            format!("assignments[{n}].end before start"),
        );
        match roles.get(a.role.as_str()) {
            None => check(false, format!("assignments[{n}].role")),
            Some(Scope::Standing) => check(
                a.incident.is_none() && a.release.is_none(),
                format!("assignments[{n}] standing"),
            ),
            Some(Scope::Incident) => {
                let inc = a.incident.as_deref().and_then(|i| incidents.get(i));
                check(
                    inc.is_some() && a.release.is_none(),
                    format!("assignments[{n}].incident"),
                );
                if let Some(i) = inc {
                    check(
                        Some(a.start) >= i.detected_at,
                        format!("assignments[{n}] starts before detection"),
                    );
                }
            }
            Some(Scope::Release) => check(
                a.release.as_deref().is_some_and(|r| releases.contains(r)) && a.incident.is_none(),
                format!("assignments[{n}].release"),
            ),
        }
    }
    for (n, i) in ws.incidents.iter().enumerate() {
        check(
            !i.title.is_empty() && !i.services.is_empty(),
            format!("incidents[{n}] title/services"),
        );
        check(
            i.detected_at.is_some_and(|d| d >= i.started_at),
            format!("incidents[{n}].detected_at"),
        );
        check(
            i.resolved_at.is_none() == i.status.is_open(),
            format!("incidents[{n}].resolved_at vs status"),
        );
        check(
            i.resolved_at.is_none_or(|r| Some(r) >= i.detected_at && r <= end),
            format!("incidents[{n}].resolved_at"),
        );
        check(
            i.release.as_deref().is_none_or(|r| releases.contains(r)),
            format!("incidents[{n}].release"),
        );
        check(
            i.timeline.windows(2).all(|w| w[0].at <= w[1].at),
            format!("incidents[{n}].timeline order"),
        );
        check(
            i.updated_at.is_some_and(|u| u <= end),
            format!("incidents[{n}].updated_at"),
        );
        for (m, e) in i.timeline.iter().enumerate() {
            let path = format!("incidents[{n}].timeline[{m}]");
            check(
                e.author.as_deref().is_none_or(|a| people.contains(a)),
                format!("{path}.author"),
            );
            check(
                (e.kind == hatrack::domain::EntryKind::Status) == e.status.is_some(),
                format!("{path}.status"),
            );
            check(e.at <= end && !e.text.is_empty(), format!("{path}.at/text"));
        }
        // The last status entry is the incident's status.
        let last = i.timeline.iter().rev().find_map(|e| e.status);
        check(
            last == Some(i.status),
            format!("incidents[{n}] last status entry {last:?} vs {:?}", i.status),
        );
    }
    for (n, r) in ws.releases.iter().enumerate() {
        let shipped = matches!(r.status, ReleaseStatus::Deployed | ReleaseStatus::RolledBack);
        check(
            r.deployed_at.is_some() == shipped,
            format!("releases[{n}].deployed_at"),
        );
        check(
            r.planned_end > r.planned_start,
            format!("releases[{n}].planned_end"),
        );
        check(
            r.status != ReleaseStatus::Planned || r.planned_start > Some(end),
            format!("releases[{n}] planned in the past"),
        );
        check(
            r.deployed_at.is_none_or(|d| d <= end),
            format!("releases[{n}].deployed_at after end"),
        );
    }
    for (n, r) in ws.reviews.iter().enumerate() {
        let inc = incidents.get(r.incident.as_str());
        check(
            inc.is_some_and(|i| !i.status.is_open()),
            format!("reviews[{n}].incident"),
        );
        check(
            r.updated_at.is_some_and(|u| u <= end),
            format!("reviews[{n}].updated_at"),
        );
        let entry_ids: HashSet<&str> = inc
            .map(|i| i.timeline.iter().map(|e| e.id.as_str()).collect())
            .unwrap_or_default();
        check(
            r.key_moments.iter().all(|k| entry_ids.contains(k.as_str())),
            format!("reviews[{n}].key_moments"),
        );
        for (m, a) in r.actions.iter().enumerate() {
            check(
                a.owner.as_deref().is_none_or(|o| people.contains(o)),
                format!("reviews[{n}].actions[{m}].owner"),
            );
            check(
                a.done == a.done_at.is_some(),
                format!("reviews[{n}].actions[{m}].done_at"),
            );
            check(
                a.done_at.is_none_or(|d| d <= end),
                format!("reviews[{n}].actions[{m}].done_at after end"),
            );
            check(
                ["high", "medium", "low"].contains(&a.priority.as_str()),
                format!("reviews[{n}].actions[{m}].priority"),
            );
        }
    }
    p
}

/// (person, time) points where the person's load exceeds their capacity.
fn overloaded_points(ws: &Workspace) -> (usize, usize) {
    let weight: HashMap<&str, f64> = ws.roles.iter().map(|r| (r.id.as_str(), r.weight)).collect();
    let mut by_person: HashMap<&str, Vec<_>> = HashMap::new();
    for a in &ws.assignments {
        by_person.entry(a.person.as_str()).or_default().push(a);
    }
    let (mut over, mut all) = (0, 0);
    for p in &ws.people {
        let cap = p.capacity.unwrap_or(ws.settings.default_capacity);
        let mine = by_person.get(p.id.as_str()).cloned().unwrap_or_default();
        for a in &mine {
            let load: f64 = mine
                .iter()
                .filter(|b| b.holds_at(a.start))
                .map(|b| weight[b.role.as_str()])
                .sum();
            all += 1;
            if load > cap {
                over += 1;
            }
        }
    }
    (over, all)
}

#[test]
fn sizes_parse_from_their_names_and_refuse_others() {
    assert_eq!(Size::parse("small"), Some(Size::Small));
    assert_eq!(Size::parse("Decade"), Some(Size::Decade));
    assert_eq!("stress".parse::<Size>(), Ok(Size::Stress));
    assert_eq!(Size::parse("huge"), None);
    let err = "huge".parse::<Size>().unwrap_err();
    assert!(err.contains("huge") && err.ends_with('.'), "{err}");
}

#[test]
fn the_same_seed_gives_the_same_json_and_another_seed_does_not() {
    let a = generate(Size::Small, 7, end()).to_json();
    let b = generate(Size::Small, 7, end()).to_json();
    assert!(a == b, "same seed, different output");
    let c = generate(Size::Small, 8, end()).to_json();
    assert_ne!(a, c);
}

#[test]
fn the_random_sequence_is_pinned_so_files_match_across_platforms_and_versions() {
    // If this changes, every generated fixture and benchmark baseline changes with it.
    let ws = generate(Size::Small, 1, end());
    assert_eq!(ws.people[0].id, "p-c3f3b2ec6a88");
    assert_eq!(ws.people[0].name, "Mohammed Torres");
}

#[test]
fn a_small_workspace_is_valid_and_round_trips_through_json() {
    let ws = generate(Size::Small, 1, end());
    let broken = problems(&ws, end());
    assert!(broken.is_empty(), "{broken:#?}");
    let back = Workspace::from_json(&ws.to_json()).expect("generated JSON must import");
    assert_eq!(back, ws);
}

#[test]
fn a_small_workspace_has_the_small_shape() {
    let ws = generate(Size::Small, 1, end());
    assert_eq!(ws.people.len(), 8);
    assert_eq!(ws.incidents.len(), 40);
    assert_eq!(ws.releases.len(), 100);
    assert!(ws.people.iter().any(|p| !p.active), "someone has left the team");
    let first = ws.incidents.iter().map(|i| i.started_at).min().unwrap();
    assert!(
        end() - first > TimeDelta::days(300) && end() - first <= TimeDelta::days(365),
        "a year of history"
    );
}

#[test]
fn validity_holds_for_other_seeds_and_an_odd_end_time() {
    let odd: DateTime<Utc> = "2031-02-03T04:05:06.789Z".parse().unwrap();
    for seed in [0, 2, 99, u64::MAX] {
        let ws = generate(Size::Small, seed, odd);
        let broken = problems(&ws, odd);
        assert!(broken.is_empty(), "seed {seed}: {broken:#?}");
    }
}

#[test]
fn a_decade_has_the_promised_volume_mix_and_trouble() {
    let ws = generate(Size::Decade, 1, end());
    let broken = problems(&ws, end());
    assert!(
        broken.is_empty(),
        "{} problems: {:#?}",
        broken.len(),
        &broken[..broken.len().min(20)]
    );

    assert_eq!(ws.people.len(), 200);
    assert_eq!(ws.incidents.len(), 1500);
    assert_eq!(ws.releases.len(), 5000);
    let near = |n: usize, target: usize| n * 10 >= target * 9 && n * 10 <= target * 11;
    assert!(
        near(ws.assignments.len(), 15_000),
        "assignments: {}",
        ws.assignments.len()
    );
    assert!(near(ws.reviews.len(), 1500), "reviews: {}", ws.reviews.len());
    let entries: usize = ws.incidents.iter().map(|i| i.timeline.len()).sum();
    assert!(near(entries, 30_000), "timeline entries: {entries}");

    let minor = ws
        .incidents
        .iter()
        .filter(|i| matches!(i.severity, Severity::Sev3 | Severity::Sev4))
        .count();
    assert!(minor * 100 > ws.incidents.len() * 70, "mostly sev3/sev4: {minor}");
    assert!(ws.incidents.iter().any(|i| i.severity == Severity::Sev1));
    let open: Vec<_> = ws.incidents.iter().filter(|i| i.status.is_open()).collect();
    assert!(
        open.len() >= 2 && open.len() <= 10,
        "a couple open: {}",
        open.len()
    );
    assert!(
        open.iter().all(|i| end() - i.started_at < TimeDelta::days(14)),
        "open ones are recent"
    );
    assert!(ws.incidents.iter().filter(|i| i.status == Status::Closed).count() > 1200);
    assert!(
        ws.incidents.iter().any(|i| i.release.is_some()),
        "some incidents blame a release"
    );

    let zones: HashSet<_> = ws.people.iter().filter_map(|p| p.timezone.as_deref()).collect();
    assert!(zones.len() >= 15, "people spread over the world: {}", zones.len());
    let inactive = ws.people.iter().filter(|p| !p.active).count();
    assert!(inactive > 0 && inactive < 40, "a few inactive: {inactive}");

    // Separation of duties gets broken now and then: the same person deciding and shipping.
    let mut holders: HashMap<(&str, &str), HashSet<&str>> = HashMap::new();
    for a in &ws.assignments {
        if let Some(r) = a.release.as_deref() {
            holders
                .entry((r, a.role.as_str()))
                .or_default()
                .insert(a.person.as_str());
        }
    }
    let same = ws
        .releases
        .iter()
        .filter(|r| {
            let rm = holders.get(&(r.id.as_str(), "release-manager"));
            let dm = holders.get(&(r.id.as_str(), "deployment-manager"));
            matches!((rm, dm), (Some(a), Some(b)) if !a.is_disjoint(b))
        })
        .count();
    assert!(same > 20 && same < 500, "RM = DM now and then: {same}");

    let handovers = ws
        .incidents
        .iter()
        .filter(|i| i.timeline.iter().any(|e| e.text.contains("took over")))
        .count();
    assert!(handovers > 50, "handovers: {handovers}");
    assert!(
        ws.assignments
            .iter()
            .any(|a| a.role == "committee-chair" && a.end.is_none()),
        "a sitting chair"
    );
    assert!(
        ws.assignments
            .iter()
            .any(|a| a.role == "committee-chair" && a.end.is_some()),
        "past chairs"
    );

    let (over, all) = overloaded_points(&ws);
    assert!(
        over > 100 && over * 2 < all,
        "overloaded at times, not always: {over} of {all}"
    );

    let actions: Vec<_> = ws.reviews.iter().flat_map(|r| &r.actions).collect();
    let today = end().date_naive();
    let overdue = actions
        .iter()
        .filter(|a| !a.done && a.due.is_some_and(|d| d < today))
        .count();
    let done = actions.iter().filter(|a| a.done).count();
    assert!(
        overdue > 50 && done > actions.len() / 2,
        "overdue {overdue}, done {done} of {}",
        actions.len()
    );
    assert!(ws
        .reviews
        .iter()
        .any(|r| r.kind == hatrack::domain::ReviewKind::Full && !r.key_moments.is_empty()));
}
