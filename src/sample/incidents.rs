//! Incidents: when they start, how long they last, who responds, and the timeline they leave.

use crate::domain::order;
use chrono::{DateTime, TimeDelta, Utc};

use super::text::{capitalise, human_minutes, Ctx};
use super::words::*;
use super::{mins, Gen};
use crate::domain::defaults::{
    COMMS_LEAD, FIRST_LINE, INCIDENT_MANAGER, SCRIBE, SECOND_LINE, THIRD_LINE_LEAD,
};
use crate::domain::model::{EntryKind, Extra, Incident, Severity, Status, TimelineEntry};

impl Gen {
    pub(super) fn incidents(&mut self, deployed: &[(DateTime<Utc>, String)]) {
        let n = self.t.incidents;
        let open_recent = 3.min(n);
        let mut starts: Vec<DateTime<Utc>> = (0..n - open_recent)
            .map(|_| self.at_minute(self.start, self.end - TimeDelta::days(3)))
            .collect();
        for _ in 0..open_recent {
            starts.push(self.end - mins(self.rng.range(60, 30 * 60)));
        }
        order::sort(&mut starts);
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
        order::sort_by_key(&mut entries, |e| e.at);

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
            step: None,
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
}
