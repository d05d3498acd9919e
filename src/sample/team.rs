//! The team: people joining and leaving over the years, who is picked for a role, and the
//! standing roles (chair terms, the security contact, the weekly on-call rota).

use crate::domain::order;
use std::collections::HashSet;

use chrono::{DateTime, TimeDelta, Utc};

use super::words::{FIRST_NAMES, LAST_NAMES, TIMEZONES};
use super::{mins, Gen, Member, ON_CALL, SECURITY_CONTACT};
use crate::domain::defaults::{COMMITTEE_CHAIR, SECOND_LINE};
use crate::domain::model::{Assignment, Extra, Person};

impl Gen {
    pub(super) fn people(&mut self) {
        let n = self.t.people;
        let days = self.t.days;
        let founders = (n * 3 / 10).max(n.min(5));
        let role_ids: Vec<String> = self.ws.roles.iter().map(|r| r.id.clone()).collect();
        let mut names = HashSet::new();
        let mut anyone_left = false;
        for i in 0..n {
            let name = loop {
                let name = format!("{} {}", self.rng.pick(FIRST_NAMES), self.rng.pick(LAST_NAMES));
                if names.insert(name.clone()) {
                    break name;
                }
            };
            let joined = if i < founders {
                self.start - TimeDelta::days(self.rng.range(30, 400))
            } else {
                self.start + TimeDelta::days(self.rng.range(0, days - 60)) + mins(self.rng.range(0, 1439))
            };
            let mut left = None;
            let leaves = i >= founders && (self.rng.permille(120) || (i == n - 1 && !anyone_left));
            let stay_days = (self.end - joined).num_days();
            if leaves && stay_days > 90 {
                left = Some(joined + TimeDelta::days(self.rng.range(60, stay_days - 2)));
                anyone_left = true;
            }
            // Founders hold many hats; later volunteers start with a few.
            let k = if i < founders {
                self.rng.range(4, 7)
            } else {
                self.rng.range(2, 5)
            } as usize;
            let mut order: Vec<usize> = (0..role_ids.len()).collect();
            for j in 0..k.min(order.len()) {
                let r = j + self.rng.below((order.len() - j) as u64) as usize;
                order.swap(j, r);
            }
            let mut chosen: Vec<usize> = order.into_iter().take(k).collect();
            order::sort(&mut chosen);
            let skills: Vec<String> = chosen.into_iter().map(|j| role_ids[j].clone()).collect();
            let capacity = match self.rng.below(100) {
                0..15 => None,
                15..40 => Some(2.0),
                40..80 => Some(3.0),
                _ => Some(4.0),
            };
            let timezone = (!self.rng.permille(50)).then(|| self.rng.pick(TIMEZONES).to_string());
            let id = self.id("p");
            self.ws.people.push(Person {
                id: id.clone(),
                name: name.clone(),
                timezone,
                skills: skills.clone(),
                capacity,
                active: left.is_none(),
                updated_at: Some(left.unwrap_or(joined).min(self.end)),
                deleted_at: None,
                away: vec![],
                extra: Extra::new(),
            });
            self.members.push(Member {
                id,
                name,
                joined,
                left,
                skills,
            });
            // Zipf-like: the first people pick up far more roles than the last.
            let w = 8000 / (8 + i as u64);
            let prev = self.cumulative.last().copied().unwrap_or(0);
            self.cumulative.push(prev + w);
        }
    }

    /// Someone active at `t`, preferring people with `skill` and not in `exclude`.
    pub(super) fn who(&mut self, t: DateTime<Utc>, skill: Option<&str>, exclude: &[usize]) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1);
        for attempt in 0..60 {
            let x = self.rng.below(total);
            let i = self.cumulative.partition_point(|&c| c <= x);
            let m = &self.members[i];
            let skilled = attempt >= 40 || skill.is_none_or(|s| m.skills.iter().any(|k| k == s));
            if m.active_at(t) && skilled && !exclude.contains(&i) {
                return i;
            }
        }
        let n = self.members.len();
        let from = self.rng.below(n as u64) as usize;
        (0..n)
            .map(|j| (from + j) % n)
            .find(|&i| self.members[i].active_at(t) && !exclude.contains(&i))
            .or_else(|| (0..n).find(|&i| self.members[i].active_at(t)))
            .unwrap_or(0)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn assign(
        &mut self,
        who: usize,
        role: &str,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
        incident: Option<&str>,
        release: Option<&str>,
    ) -> String {
        // People who leave hand their standing roles back on their last day.
        let end = match (end, self.members[who].left) {
            (Some(e), Some(l)) if incident.is_none() && release.is_none() => Some(e.min(l)),
            (None, Some(l)) => Some(l.max(start + mins(1))),
            (e, _) => e,
        };
        let id = self.id("a");
        let updated = end.filter(|e| *e <= self.end).unwrap_or(start).min(self.end);
        self.ws.assignments.push(Assignment {
            id: id.clone(),
            person: self.members[who].id.clone(),
            role: role.into(),
            start,
            end,
            incident: incident.map(str::to_string),
            release: release.map(str::to_string),
            updated_at: Some(updated),
            deleted_at: None,
            extra: Extra::new(),
        });
        id
    }

    pub(super) fn standing(&mut self) {
        // Committee chair: one-year terms; the current one is open-ended.
        self.terms(COMMITTEE_CHAIR, 365);
        // Security contact: two-year terms.
        self.terms(SECURITY_CONTACT, 730);
        // On call: a weekly rota, including the week under way (which ends after `end`).
        let mut s = self.start;
        while s <= self.end {
            let who = self.who(s, Some(SECOND_LINE), &[]);
            self.assign(who, ON_CALL, s, Some(s + TimeDelta::days(7)), None, None);
            s += TimeDelta::days(7);
        }
    }

    fn terms(&mut self, role: &str, days: i64) {
        let mut s = self.start;
        while s <= self.end {
            let next = s + TimeDelta::days(days);
            let who = self.who(s, Some(role), &[]);
            let end = (next <= self.end).then_some(next);
            self.assign(who, role, s, end, None, None);
            s = next;
        }
    }
}
