//! Times as people read them: in the viewer's zone with the zone named, UTC on request, and the
//! local time of a teammate elsewhere. The browser's Intl API knows every IANA zone.

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function viewer_zone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; }
}
export function all_zones() {
  try { return Intl.supportedValuesOf("timeZone"); } catch (e) { return ["UTC"]; }
}
export function format_in(ms, zone, withDate) {
  const opts = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  if (withDate) { opts.day = "numeric"; opts.month = "short"; opts.year = "numeric"; }
  try { return new Intl.DateTimeFormat("en-GB", { ...opts, timeZone: zone }).format(new Date(ms)); }
  catch (e) { return ""; }
}
"#)]
extern "C" {
    fn viewer_zone() -> String;
    fn all_zones() -> Vec<String>;
    fn format_in(ms: f64, zone: &str, with_date: bool) -> String;
}

/// The viewer's IANA zone, e.g. `Europe/Berlin`.
pub fn zone() -> String {
    viewer_zone()
}

/// Every IANA zone the browser knows, for pickers.
pub fn zones() -> Vec<String> {
    all_zones()
}

/// "28 Nov 2026, 14:05" in the viewer's zone.
pub fn local(t: DateTime<Utc>) -> String {
    format_in(t.timestamp_millis() as f64, &viewer_zone(), true)
}

/// "28 Nov 2026, 14:05 Europe/Berlin": the zone named, for places where it matters.
pub fn local_named(t: DateTime<Utc>) -> String {
    format!("{} {}", local(t), viewer_zone())
}

/// "14:05" in the viewer's zone.
pub fn local_hm(t: DateTime<Utc>) -> String {
    format_in(t.timestamp_millis() as f64, &viewer_zone(), false)
}

/// "2026-11-28 13:05 UTC", for titles shown on hover and focus.
pub fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The clock time in someone else's zone ("02:14"), or None if the zone is unknown.
pub fn hm_in(zone: &str, t: DateTime<Utc>) -> Option<String> {
    Some(format_in(t.timestamp_millis() as f64, zone, false)).filter(|s| !s.is_empty())
}

/// Value for `<input type="datetime-local">` in the viewer's zone.
pub fn to_input(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%dT%H:%M").to_string()
}

/// Reads an `<input type="datetime-local">` value as the viewer's local time.
pub fn from_input(s: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}
