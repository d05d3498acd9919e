//! The Load view's "Over time" section as a view model: how a window is cut into columns, who
//! comes first, what each square of the heat-map says and how dark it is, and which dates a
//! person may pick. The view only draws it; the squares' geometry comes from [`chart::heatmap`].

use crate::domain::order;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};

use super::chart;
use super::load::{self, Step};
use super::model::{Person, Workspace};
use super::text::escape_html;

/// A square's size in SVG units.
pub const CELL: f64 = 20.0;

/// The longest window a person may pick, in days: ten years, give or take the leap days.
const MAX_DAYS: i64 = 3660;

/// How many columns `[from, to)` gets: slices of a length people read easily (an hour, six
/// hours, a day, a week …), at most 48 of them.
pub fn columns(from: DateTime<Utc>, to: DateTime<Utc>) -> usize {
    let hours = ((to - from).num_minutes() as f64 / 60.0).max(1.0);
    let slice = [1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0, 72.0, 168.0, 336.0, 720.0]
        .into_iter()
        .find(|s| hours / s <= 48.0)
        .unwrap_or(hours / 48.0);
    (hours / slice).ceil().clamp(1.0, 48.0) as usize
}

/// How long one square of `[from, to)` lasts.
pub fn slice(from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
    (to - from) / columns(from, to) as i32
}

/// One person over the whole window: a row of the table, and the order of the heat-map's rows.
#[derive(Clone, Debug, PartialEq)]
pub struct PeakRow {
    pub person_id: String,
    pub name: String,
    /// Highest total load in the window.
    pub peak: f64,
    pub capacity: f64,
    pub overloaded: Duration,
    pub in_conflict: Duration,
}

/// Everyone with a load profile, most loaded at their peak first, then longest overloaded, then
/// by name.
pub fn peak_rows(ws: &Workspace, steps: &BTreeMap<String, Vec<Step>>) -> Vec<PeakRow> {
    let people: HashMap<&str, &Person> = ws.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut rows: Vec<PeakRow> = load::stats_from(steps)
        .into_iter()
        .map(|s| {
            let p = people.get(s.person_id.as_str());
            PeakRow {
                name: p.map_or_else(|| s.person_id.clone(), |p| p.name.clone()),
                capacity: p.map_or(ws.settings.default_capacity, |p| load::capacity_of(ws, p)),
                person_id: s.person_id,
                peak: s.peak,
                overloaded: s.overloaded,
                in_conflict: s.in_conflict,
            }
        })
        .collect();
    order::sort_by(&mut rows, |a, b| {
        b.peak
            .total_cmp(&a.peak)
            .then_with(|| b.overloaded.cmp(&a.overloaded))
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// How dark a square is. Colour is never the only sign: over capacity is also hatched and
/// marked `!` (see [`HeatCell::mark`]), and every square's label says the load in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// No load at all.
    Idle,
    /// Up to half of capacity.
    Light,
    /// Up to capacity.
    Near,
    /// Over capacity at some moment of the slice.
    Over,
}

impl Level {
    pub fn of(peak: f64, capacity: f64, overloaded: bool) -> Level {
        if overloaded {
            Level::Over
        } else if peak <= 0.0 {
            Level::Idle
        } else if peak * 2.0 <= capacity {
            Level::Light
        } else {
            Level::Near
        }
    }

    /// The CSS class the legend explains (style/load.css).
    pub fn class(self) -> &'static str {
        match self {
            Level::Idle => "l0",
            Level::Light => "l1",
            Level::Near => "l2",
            Level::Over => "l3",
        }
    }
}

/// One person over one slice of time.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatCell {
    pub x: f64,
    pub row: usize,
    pub col: usize,
    pub overloaded: bool,
    pub conflict: bool,
    pub level: Level,
    /// Who, load, state, roles held, and when: for hover, focus and screen readers.
    pub label: String,
}

impl HeatCell {
    /// The sign drawn on the square: `!` over capacity, `×` holding conflicting roles.
    pub fn mark(&self) -> &'static str {
        match (self.overloaded, self.conflict) {
            (true, true) => "!×",
            (true, false) => "!",
            (false, true) => "×",
            _ => "",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct HeatRow {
    pub person_id: String,
    pub name: String,
    pub cells: Vec<HeatCell>,
}

impl HeatRow {
    /// The row's squares as SVG markup, for the strip's `innerHTML`: one string per row rather
    /// than a dozen DOM calls per square (a decade's chart has over a thousand). Each square is
    /// a `<g class="cell">` with its label as accessible name and tooltip, its position in
    /// `data-r`/`data-c`, and `tabindex` 0 on the one square at `active` (a column), -1 on the
    /// rest. Text from the workspace (names, role names) is escaped.
    pub fn squares_svg(&self, active: Option<usize>) -> String {
        use std::fmt::Write as _;
        let mut out = String::with_capacity(self.cells.len() * 200);
        for c in &self.cells {
            let label = escape_html(&c.label);
            let _ = write!(
                out,
                r#"<g id="hm-{r}-{col}" class="cell {level}{conflict}" tabindex="{tab}" role="img" aria-label="{label}" data-r="{r}" data-c="{col}"><title>{label}</title><rect x="{x}" y="1" width="{w}" height="{w}" rx="2"/>"#,
                r = c.row,
                col = c.col,
                level = c.level.class(),
                conflict = if c.conflict { " conflict" } else { "" },
                tab = if active == Some(c.col) { 0 } else { -1 },
                x = c.x + 1.0,
                w = CELL - 2.0,
            );
            if c.overloaded {
                let _ = write!(
                    out,
                    r#"<rect class="hatch" x="{x}" y="1" width="{w}" height="{w}" rx="2" fill="url(#load-hatch)"/>"#,
                    x = c.x + 1.0,
                    w = CELL - 2.0,
                );
            }
            let mark = c.mark();
            if !mark.is_empty() {
                let _ = write!(
                    out,
                    r#"<text x="{x}" y="14.5" text-anchor="middle">{mark}</text>"#,
                    x = c.x + CELL / 2.0,
                );
            }
            out.push_str("</g>");
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct HeatMap {
    pub columns: usize,
    pub rows: Vec<HeatRow>,
    /// When each column starts, for the dates along the time axis.
    pub starts: Vec<DateTime<Utc>>,
}

/// The columns that carry a date on the time axis: the first, then one every sixth of the
/// chart (never closer than six columns, so the dates do not crowd).
pub fn ticks(columns: usize) -> Vec<usize> {
    let every = columns.div_ceil(6).max(6);
    (0..columns).step_by(every).collect()
}

/// The heat-map of `people` (in that order, e.g. the first page of [`peak_rows`]) over
/// `[from, to)`. `span_words` says a column's time span in words ("from … to …"); it is asked
/// once per column, since the browser's date formatting is slow enough for that to matter.
pub fn layout(
    ws: &Workspace,
    steps: &BTreeMap<String, Vec<Step>>,
    people: &[PeakRow],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    span_words: impl Fn(DateTime<Utc>, DateTime<Utc>) -> String,
) -> HeatMap {
    let cols = columns(from, to);
    let order: Vec<String> = people.iter().map(|p| p.person_id.clone()).collect();
    let cells = chart::heatmap(
        ws,
        steps,
        &order,
        from,
        to,
        cols,
        cols as f64 * CELL,
        order.len() as f64 * CELL,
    );
    // Every row shares the column boundaries: the first row's say them all.
    let spans: Vec<String> = cells
        .iter()
        .take(cols)
        .map(|c| span_words(c.from, c.to))
        .collect();
    let starts = cells.iter().take(cols).map(|c| c.from).collect();
    let rows = people
        .iter()
        .zip(cells.chunks(cols))
        .enumerate()
        .map(|(row, (p, cells))| HeatRow {
            person_id: p.person_id.clone(),
            name: p.name.clone(),
            cells: cells
                .iter()
                .enumerate()
                .map(|(col, c)| HeatCell {
                    x: c.x,
                    row,
                    col,
                    overloaded: c.overloaded,
                    conflict: c.conflict,
                    level: Level::of(c.peak_load, p.capacity, c.overloaded),
                    label: format!("{}; {}", c.label, spans[col]),
                })
                .collect(),
        })
        .collect();
    HeatMap {
        columns: cols,
        rows,
        starts,
    }
}

/// What is wrong with the days a person typed for a window of their own, one sentence per field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DaysProblems {
    pub first: Option<&'static str>,
    pub last: Option<&'static str>,
}

/// A window from the start of the `first` day through the end of the `last` (each `None` when
/// what was typed is not a date).
pub fn chosen_days(
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
) -> Result<(DateTime<Utc>, DateTime<Utc>), DaysProblems> {
    let problems = DaysProblems {
        first: first
            .is_none()
            .then_some("Enter the first day as a date, for example 2026-11-01."),
        last: match (first, last) {
            (_, None) => Some("Enter the last day as a date, for example 2026-11-30."),
            (Some(a), Some(b)) if b < a => Some("The last day must not be before the first day."),
            (Some(a), Some(b)) if b - a > Duration::days(MAX_DAYS) => {
                Some("Pick at most ten years at a time.")
            }
            _ => None,
        },
    };
    match (first, last) {
        (Some(a), Some(b)) if problems == DaysProblems::default() => Ok((a, b + Duration::days(1))),
        _ => Err(problems),
    }
}

/// Where a key moves the focus from square `at` in a grid of `rows` × `cols`, or `None` for a key
/// that does not move it. The arrows stop at the edges; Home and End go to the row's ends.
pub fn arrow_move(key: &str, at: (usize, usize), rows: usize, cols: usize) -> Option<(usize, usize)> {
    let (r, c) = at;
    let (last_row, last_col) = (rows.saturating_sub(1), cols.saturating_sub(1));
    Some(match key {
        "ArrowLeft" => (r, c.saturating_sub(1)),
        "ArrowRight" => (r, (c + 1).min(last_col)),
        "ArrowUp" => (r.saturating_sub(1), c),
        "ArrowDown" => ((r + 1).min(last_row), c),
        "Home" => (r, 0),
        "End" => (r, last_col),
        _ => return None,
    })
}
