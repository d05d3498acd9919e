//! Chart geometry for the load views: plain rectangles in SVG user units, tested natively.
//!
//! The UI draws these as `<rect>`s and uses each shape's `label` for hover, focus and screen
//! readers, so what colour shows (`class`) is always also said in words.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::load::{capacity_of, Step};
use super::model::Workspace;
use super::text::number;

/// A rectangle with its top-left corner at (`x`, `y`).
#[derive(Clone, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub label: String,
    /// CSS class: `hat`, or `hat over` for a role that ends beyond capacity.
    pub class: String,
}

/// A vertical line from (`x`, `y1`) down to (`x`, `y2`).
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub y1: f64,
    pub y2: f64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StackedBar {
    pub segments: Vec<Rect>,
    pub capacity: Marker,
}

/// One person's held roles as segments of a horizontal bar, left to right, with a marker at
/// `capacity`. `scale_max` is the load at the right edge so several bars share one scale; it
/// grows to fit this bar's total and capacity so nothing is ever drawn outside `width`.
pub fn stacked_bar<S: AsRef<str>>(
    held: &[(S, f64)],
    capacity: f64,
    width: f64,
    height: f64,
    scale_max: f64,
) -> StackedBar {
    let width = width.max(0.0);
    let height = height.max(0.0);
    let capacity = capacity.max(0.0);
    let total: f64 = held.iter().map(|(_, w)| w.max(0.0)).sum();
    let max = [scale_max, total, capacity, f64::MIN_POSITIVE]
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let per_unit = width / max;
    let mut segments = vec![];
    let mut at = 0.0;
    for (name, weight) in held {
        let weight = weight.max(0.0);
        // A weightless role takes nothing; a zero-width rectangle would only trap focus.
        if weight == 0.0 {
            continue;
        }
        let name = name.as_ref();
        let end = at + weight;
        let over = end > capacity;
        segments.push(Rect {
            x: at * per_unit,
            y: 0.0,
            w: weight * per_unit,
            h: height,
            label: format!(
                "{name}: weight {}{}",
                number(weight),
                if over { ", beyond capacity" } else { "" }
            ),
            class: if over { "hat over" } else { "hat" }.into(),
        });
        at = end;
    }
    StackedBar {
        segments,
        capacity: Marker {
            x: capacity * per_unit,
            y1: 0.0,
            y2: height,
            label: format!("Capacity {}", number(capacity)),
        },
    }
}

/// One person over one slice of time in the heatmap.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub person_id: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Highest total load (roles + action items) during the slice.
    pub peak_load: f64,
    pub overloaded: bool,
    pub conflict: bool,
    /// A sentence for hover, focus and screen readers; the UI adds the time in local zone.
    pub label: String,
}

/// The start of column `i` of `columns` over `[from, to)`, computed from the whole span each
/// time so that rounding never drifts and the last column ends exactly at `to`.
fn column_start(from: DateTime<Utc>, span: Duration, columns: usize, i: usize) -> DateTime<Utc> {
    let ms = span.num_milliseconds() as i128 * i as i128 / columns as i128;
    from + Duration::milliseconds(ms as i64)
}

/// A grid of people (rows, in `order`) × time slices (`columns` over `[from, to)`), sized to
/// `width` × `height`. Empty when there is nobody, no column or no time.
#[allow(clippy::too_many_arguments)]
pub fn heatmap(
    ws: &Workspace,
    profiles: &BTreeMap<String, Vec<Step>>,
    order: &[String],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    columns: usize,
    width: f64,
    height: f64,
) -> Vec<Cell> {
    if order.is_empty() || columns == 0 || from >= to {
        return vec![];
    }
    let span = to - from;
    let cw = width.max(0.0) / columns as f64;
    let rh = height.max(0.0) / order.len() as f64;
    let role_of: BTreeMap<&str, &str> = ws
        .assignments
        .iter()
        .map(|a| (a.id.as_str(), a.role.as_str()))
        .collect();
    let role_name = |id: &str| {
        ws.roles
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    let mut cells = Vec::with_capacity(order.len() * columns);
    for (row, pid) in order.iter().enumerate() {
        let person = ws.people.iter().find(|p| &p.id == pid && p.deleted_at.is_none());
        let name = person.map_or_else(|| pid.clone(), |p| p.name.clone());
        let capacity = person.map_or(ws.settings.default_capacity, |p| capacity_of(ws, p));
        let steps = profiles.get(pid).map_or(&[][..], |v| &v[..]);
        let mut k = 0;
        for col in 0..columns {
            let c0 = column_start(from, span, columns, col);
            let c1 = column_start(from, span, columns, col + 1);
            // Steps are consecutive: skip those that end before this column starts.
            while k < steps.len() && steps[k].to <= c0 {
                k += 1;
            }
            let mut peak: f64 = 0.0;
            let mut overloaded = false;
            let mut conflict = false;
            let mut held: Vec<String> = vec![];
            for s in steps[k..].iter().take_while(|s| s.from < c1) {
                peak = peak.max(s.total());
                overloaded |= s.overloaded;
                conflict |= s.conflict;
                for a in &s.assignments {
                    let r = role_name(role_of.get(a.as_str()).copied().unwrap_or(a));
                    if !held.contains(&r) {
                        held.push(r);
                    }
                }
            }
            let mut states = vec![];
            if overloaded {
                states.push("overloaded");
            }
            if conflict {
                states.push("in conflict");
            }
            let state = if states.is_empty() {
                String::new()
            } else {
                format!(" — {}", states.join(", "))
            };
            let held_text = if held.is_empty() {
                "nothing".to_string()
            } else {
                held.join(", ")
            };
            cells.push(Cell {
                x: col as f64 * cw,
                y: row as f64 * rh,
                w: cw,
                h: rh,
                person_id: pid.clone(),
                from: c0,
                to: c1,
                peak_load: peak,
                overloaded,
                conflict,
                label: format!(
                    "{name}: load {} of {}{state}; held {held_text}",
                    number(peak),
                    number(capacity)
                ),
            });
        }
    }
    cells
}
