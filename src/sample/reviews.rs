//! Post-incident reviews of resolved incidents, with their action items, done or overdue.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::text::{capitalise, human_minutes, Ctx};
use super::words::*;
use super::{mins, Gen};
use crate::domain::model::{ActionItem, Extra, Review, ReviewKind, ReviewStatus, Severity};

impl Gen {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn review(
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
