//! One set of time rules for every recorded event: declare, status, severity, roles, releases,
//! timeline entries. Each rule refuses with a [`DomainError`] whose sentence says what is wrong
//! and where, and a refused write changes nothing (callers check before they write).
//!
//! Events are recorded when they happened, which is often earlier than the click: the clock
//! (`now`) only bounds them. A small allowance for clock skew lets two people's devices
//! disagree by a minute or two without one of them being told their "now" is in the future.

use chrono::{DateTime, Duration, Utc};

use super::assign::{person_name, role_name, Link};
use super::model::{Assignment, Workspace};
use super::refusal::{DomainError, DomainResult, TimeOf};

/// How far ahead of this device's clock a time may be and still count as "now".
pub const CLOCK_SKEW_MINUTES: i64 = 2;

/// `at` is later than `now` allows, even with the clock skew allowance.
pub fn is_future(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    at > now + Duration::minutes(CLOCK_SKEW_MINUTES)
}

/// `at` may not be later than `now` plus the skew allowance. `of` names the event the refusal
/// speaks of (the hand-over, the status change).
pub fn not_future(at: DateTime<Utc>, now: DateTime<Utc>, of: TimeOf) -> DomainResult<()> {
    if is_future(at, now) {
        return Err(DomainError::InFuture { of, at });
    }
    Ok(())
}

/// "14:05 UTC" for refusals: the time the person typed, in the zone every device agrees on.
pub fn hm(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The same person must not hold the same role within the same incident, release or standing
/// period twice over overlapping times. `a` is checked against every other live assignment.
pub fn check_no_overlap(ws: &Workspace, a: &Assignment) -> DomainResult<()> {
    let link = Link::of(a);
    let clash = ws.assignments.iter().find(|o| {
        o.id != a.id
            && o.deleted_at.is_none()
            && o.person == a.person
            && o.role == a.role
            && Link::of(o) == link
            && overlaps(o.start, o.end, a.start, a.end)
    });
    match clash {
        Some(o) => Err(DomainError::Overlap {
            person: person_name(ws, &a.person),
            role: role_name(ws, &a.role),
            from: o.start,
            to: o.end,
        }),
        None => Ok(()),
    }
}

/// Whether `[s1, e1)` and `[s2, e2)` share an instant; `None` is open-ended.
pub fn overlaps(
    s1: DateTime<Utc>,
    e1: Option<DateTime<Utc>>,
    s2: DateTime<Utc>,
    e2: Option<DateTime<Utc>>,
) -> bool {
    e2.is_none_or(|e2| s1 < e2) && e1.is_none_or(|e1| s2 < e1)
}

/// Night, on a person's own clock: 22:00 to 07:00.
pub fn is_night_hour(hour: u32) -> bool {
    !(7..22).contains(&hour)
}
