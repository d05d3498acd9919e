//! Durations written the way people read them on an incident desk: "3 h 10 min", "2 d 4 h".

use chrono::Duration;

/// A duration in at most two units, truncated (never rounded up, so "59 min" is not shown
/// as "1 h"). Under a minute reads "< 1 min"; a negative duration keeps its sign.
pub fn human(d: Duration) -> String {
    if d < Duration::zero() {
        return format!("-{}", human(-d));
    }
    let minutes = d.num_minutes();
    let (days, hours, mins) = (minutes / (24 * 60), (minutes / 60) % 24, minutes % 60);
    match (days, hours, mins) {
        (0, 0, 0) => "< 1 min".to_string(),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}
