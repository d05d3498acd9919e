//! Releases: a steady cadence of versions, most deployed, a few rolled back or cancelled, each
//! with its release manager's go/no-go and usually a deployment manager.

use crate::domain::order;
use chrono::{DateTime, Timelike, Utc};

use super::text::Ctx;
use super::words::{CANCEL_NOTES, RELEASE_NOTES, ROLLBACK_NOTES, SERVICES};
use super::{mins, Gen};
use crate::domain::defaults::{DEPLOYMENT_MANAGER, RELEASE_MANAGER};
use crate::domain::model::{Decision, Extra, GoNoGo, Release, ReleaseStatus};

impl Gen {
    /// Releases with their release manager and deployment manager. Returns the (deployed_at,
    /// id) of every release that reached production, in time order, for linking incidents.
    pub(super) fn releases(&mut self) -> Vec<(DateTime<Utc>, String)> {
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
        order::sort(&mut starts);
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
                go_no_go: None,
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
            // The release manager's go/no-go: a go shortly before it went out, a no-go for the
            // ones called off, so the team is seen following its release process.
            let decided = match status {
                ReleaseStatus::Planned => None,
                ReleaseStatus::Cancelled => finished.map(|f| (Decision::NoGo, f)),
                _ => Some((Decision::Go, planned_start - mins(10))),
            };
            if let (Some((decision, at)), Some(r)) = (decided, self.ws.releases.last_mut()) {
                r.go_no_go = Some(GoNoGo {
                    decision,
                    at,
                    by: Some(self.members[rm].id.clone()),
                    note: String::new(),
                    extra: Extra::new(),
                });
            }
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
        order::sort(&mut deployed);
        deployed
    }
}
