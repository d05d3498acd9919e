//! The real tz database for host tests, behind the domain's `Zones` question. The app answers the
//! same question with the browser's Intl; the domain itself carries no zone rules.

use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use hatrack::domain::zones::Zones;

pub struct Tzdb;

impl Zones for Tzdb {
    fn offset_at(&self, zone: &str, t: DateTime<Utc>) -> Option<FixedOffset> {
        let tz: Tz = zone.parse().ok()?;
        Some(tz.offset_from_utc_datetime(&t.naive_utc()).fix())
    }
}
