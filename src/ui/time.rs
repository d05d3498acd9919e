//! Times as people read them: in the viewer's zone with the zone named, UTC on request, and the
//! local time of a teammate elsewhere. The browser's Intl API knows every IANA zone.

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
// Building an Intl.DateTimeFormat costs far more than formatting with one, and a view with a
// long history formats thousands of times: each formatter is made once per zone and kind.
const formatters = new Map();
function formatter(kind, zone, make) {
  const key = kind + "|" + zone;
  let f = formatters.get(key);
  if (f === undefined) { f = make(); formatters.set(key, f); }
  return f;
}
let zoneSeen;
export function viewer_zone() {
  if (zoneSeen === undefined) {
    try { zoneSeen = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { zoneSeen = "UTC"; }
  }
  return zoneSeen;
}
export function all_zones() {
  try { return Intl.supportedValuesOf("timeZone"); } catch (e) { return ["UTC"]; }
}
export function input_in(ms, zone) {
  try {
    const s = formatter("input", zone, () => new Intl.DateTimeFormat("sv-SE", { timeZone: zone, year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })).format(new Date(ms));
    return s.replace(" ", "T").slice(0, 16);
  } catch (e) { return ""; }
}
export function offset_minutes(ms, zone) {
  try {
    const p = {};
    const f = formatter("parts", zone, () => new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric",
      month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }));
    for (const x of f.formatToParts(new Date(ms))) p[x.type] = x.value;
    const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
    return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
  } catch (e) { return NaN; }
}
export function hour_in(ms, zone) {
  try {
    return +formatter("hour", zone, () => new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "numeric", hourCycle: "h23" }))
      .format(new Date(ms));
  } catch (e) { return -1; }
}
export function format_in(ms, zone, withDate) {
  try {
    return formatter(withDate ? "date" : "time", zone, () => {
      const opts = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone };
      if (withDate) { opts.day = "numeric"; opts.month = "short"; opts.year = "numeric"; }
      return new Intl.DateTimeFormat("en-GB", opts);
    }).format(new Date(ms));
  } catch (e) { return ""; }
}
"#)]
extern "C" {
    fn viewer_zone() -> String;
    fn all_zones() -> Vec<String>;
    fn format_in(ms: f64, zone: &str, with_date: bool) -> String;
    fn input_in(ms: f64, zone: &str) -> String;
    fn offset_minutes(ms: f64, zone: &str) -> f64;
    fn hour_in(ms: f64, zone: &str) -> f64;
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

/// Value for `<input type="datetime-local">` showing `t` as the wall clock in `zone`.
pub fn to_input_in(t: DateTime<Utc>, zone: &str) -> String {
    Some(input_in(t.timestamp_millis() as f64, zone))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| to_input(t))
}

/// Reads an `<input type="datetime-local">` value as the wall clock in `zone` (an IANA name or
/// `UTC`). Across a daylight-saving change the offset is taken at the instant itself.
pub fn from_input_in(s: &str, zone: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let as_utc = Utc.from_utc_datetime(&naive);
    let offset = |t: DateTime<Utc>| {
        let m = offset_minutes(t.timestamp_millis() as f64, zone);
        (!m.is_nan()).then(|| chrono::Duration::minutes(m as i64))
    };
    let first = as_utc - offset(as_utc)?;
    Some(as_utc - offset(first)?)
}

/// The hour (0–23) on the wall clock in `zone` at `t`, if the zone is known.
pub fn hour_at(zone: &str, t: DateTime<Utc>) -> Option<u32> {
    let h = hour_in(t.timestamp_millis() as f64, zone);
    (h >= 0.0).then_some(h as u32)
}

/// "00:27 for Sam, night": someone's own clock at the moment something happened.
pub fn for_person_at(name: &str, zone: Option<&str>, t: DateTime<Utc>) -> Option<String> {
    let zone = zone?;
    let hm = hm_in(zone, t)?;
    let first = name.split_whitespace().next().unwrap_or(name);
    let night = hour_at(zone, t).is_some_and(crate::domain::times::is_night_hour);
    Some(if night {
        format!("{hm} for {first}, night")
    } else {
        format!("{hm} for {first}")
    })
}

/// "28 Nov 2026, 14:05:09" in the viewer's zone: to the second, where two edits in one minute
/// must be told apart.
pub fn local_seconds(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%-d %b %Y, %H:%M:%S").to_string()
}

/// Offsets change only at a zone's transitions, which fall on whole quarter hours: one answer
/// per zone and quarter hour serves every instant in it (night hours ask for thousands), kept
/// here so that asking again costs a lookup, not a call into JavaScript with the zone's name.
const QUARTER_HOUR: i64 = 900;

thread_local! {
    static OFFSETS: std::cell::RefCell<std::collections::HashMap<String, std::collections::HashMap<i64, Option<i32>>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The domain's zone rules answered by the browser's `Intl`, so the wasm bundle carries no tz
/// database.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserZones;

impl crate::domain::zones::Zones for BrowserZones {
    fn offset_at(&self, zone: &str, t: DateTime<Utc>) -> Option<chrono::FixedOffset> {
        let minutes = OFFSETS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let quarter = t.timestamp().div_euclid(QUARTER_HOUR);
            if let Some(m) = cache.get(zone).and_then(|z| z.get(&quarter)) {
                return *m;
            }
            let m = offset_minutes(t.timestamp_millis() as f64, zone);
            let m = (!m.is_nan()).then_some(m as i32);
            let known = cache.entry(zone.to_string()).or_default();
            if known.len() > 50_000 {
                known.clear();
            }
            known.insert(quarter, m);
            m
        })?;
        chrono::FixedOffset::east_opt(minutes * 60)
    }
}
