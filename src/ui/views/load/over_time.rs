//! "Over time": a heat-map of each person's load over a chosen window, with a table equivalent.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{fingerprint, focus_id};
use crate::domain::chart::{self, fmt_load};
use crate::domain::duration::human;
use crate::domain::load::{self, Step};
use crate::domain::Workspace;
use crate::ui::components::field::Field;
use crate::ui::{state, time};

/// Rows (people) shown before "Show all".
const PAGE: usize = 30;
/// Cell size in SVG units.
const CELL: f64 = 20.0;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Window {
    Days(i64),
    Custom(DateTime<Utc>, DateTime<Utc>),
}

impl Window {
    fn range(self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        match self {
            Window::Days(d) => (now - Duration::days(d), now),
            Window::Custom(a, b) => (a, b),
        }
    }
}

/// A slice length people read easily, giving at most 48 columns.
fn columns(from: DateTime<Utc>, to: DateTime<Utc>) -> usize {
    let hours = ((to - from).num_minutes() as f64 / 60.0).max(1.0);
    let slice = [1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0, 72.0, 168.0, 336.0, 720.0]
        .into_iter()
        .find(|s| hours / s <= 48.0)
        .unwrap_or(hours / 48.0);
    (hours / slice).ceil().clamp(1.0, 48.0) as usize
}

#[derive(Clone, Debug, PartialEq)]
struct Profiles {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    steps: BTreeMap<String, Vec<Step>>,
}

#[derive(Clone, Debug, PartialEq)]
struct StatRow {
    person_id: String,
    name: String,
    peak: f64,
    capacity: f64,
    overloaded: Duration,
    in_conflict: Duration,
}

#[derive(Clone, Debug, PartialEq)]
struct CellVm {
    x: f64,
    row: usize,
    col: usize,
    overloaded: bool,
    conflict: bool,
    /// `l0` nothing held … `l2` near capacity, `l3` over it.
    level: &'static str,
    label: String,
}

#[derive(Clone, Debug, PartialEq)]
struct HeatRow {
    person_id: String,
    name: String,
    cells: Vec<CellVm>,
}

fn stat_rows(ws: &Workspace, steps: &BTreeMap<String, Vec<Step>>) -> Vec<StatRow> {
    let people: HashMap<&str, &crate::domain::Person> =
        ws.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut rows: Vec<StatRow> = load::stats_from(steps)
        .into_iter()
        .map(|s| {
            let p = people.get(s.person_id.as_str());
            StatRow {
                name: p.map_or_else(|| s.person_id.clone(), |p| p.name.clone()),
                capacity: p.map_or(ws.settings.default_capacity, |p| load::capacity_of(ws, p)),
                person_id: s.person_id,
                peak: s.peak,
                overloaded: s.overloaded,
                in_conflict: s.in_conflict,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.peak
            .total_cmp(&a.peak)
            .then_with(|| b.overloaded.cmp(&a.overloaded))
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

fn level(peak: f64, capacity: f64, overloaded: bool) -> &'static str {
    if overloaded {
        "l3"
    } else if peak <= 0.0 {
        "l0"
    } else if peak * 2.0 <= capacity {
        "l1"
    } else {
        "l2"
    }
}

fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    time::from_input(&format!("{d}T00:00"))
}

fn date_input(t: DateTime<Utc>) -> String {
    time::to_input(t).chars().take(10).collect()
}

#[component]
pub fn OverTimeSection() -> impl IntoView {
    let app = state::app();
    let window = RwSignal::new(Window::Days(7));
    let custom_open = RwSignal::new(false);
    let from_text = RwSignal::new(String::new());
    let to_text = RwSignal::new(String::new());
    let from_err = RwSignal::new(None::<String>);
    let to_err = RwSignal::new(None::<String>);
    let show_all = RwSignal::new(false);
    let caption = RwSignal::new(None::<String>);
    // (row, column) of the one cell in the tab order (a roving tab stop: Tab enters the chart
    // once, the arrow keys move inside it). Clamped to the grid when drawn; not reactive, so
    // moving it redraws nothing.
    let active = StoredValue::new((0usize, usize::MAX));

    let profiles = Memo::new(move |_| {
        let (from, to) = window.get().range(state::now());
        let steps = app.ws.with(|ws| load::profiles(ws, from, to));
        Profiles { from, to, steps }
    });
    // Names and capacities are read from the workspace too, so a rename shows even when the
    // profiles come out unchanged.
    let stats = Memo::new(move |_| profiles.with(|p| app.ws.with(|ws| stat_rows(ws, &p.steps))));
    let heat = Memo::new(move |_| {
        let n = if show_all.get() { usize::MAX } else { PAGE };
        let order: Vec<String> = stats.with(|s| s.iter().take(n).map(|r| r.person_id.clone()).collect());
        profiles.with(|p| {
            let cols = columns(p.from, p.to);
            app.ws.with(|ws| {
                let cells = chart::heatmap(
                    ws,
                    &p.steps,
                    &order,
                    p.from,
                    p.to,
                    cols,
                    cols as f64 * CELL,
                    order.len() as f64 * CELL,
                );
                let caps: HashMap<String, f64> =
                    stats.with_untracked(|s| s.iter().map(|r| (r.person_id.clone(), r.capacity)).collect());
                // Every row shares the column boundaries; formatting a time goes through Intl,
                // which is slow enough that once per column rather than once per cell matters.
                let mut spans: Vec<Option<String>> = vec![None; cols];
                let mut rows: Vec<HeatRow> = vec![];
                for (i, c) in cells.into_iter().enumerate() {
                    let (row, col) = (i / cols, i % cols);
                    if col == 0 {
                        let name = ws
                            .people
                            .iter()
                            .find(|p| p.id == c.person_id)
                            .map_or_else(|| c.person_id.clone(), |p| p.name.clone());
                        rows.push(HeatRow {
                            person_id: c.person_id.clone(),
                            name,
                            cells: vec![],
                        });
                    }
                    let cap = caps
                        .get(c.person_id.as_str())
                        .copied()
                        .unwrap_or(ws.settings.default_capacity);
                    let span = spans[col].get_or_insert_with(|| {
                        format!("from {} to {}", time::local(c.from), time::local_named(c.to))
                    });
                    let label = format!("{}; {span}", c.label);
                    rows[row].cells.push(CellVm {
                        x: c.x,
                        row,
                        col,
                        overloaded: c.overloaded,
                        conflict: c.conflict,
                        level: level(c.peak_load, cap, c.overloaded),
                        label,
                    });
                }
                (cols, rows)
            })
        })
    });

    let total_people = move || stats.with(|s| s.len());
    let cols = move || heat.with(|h| h.0);
    let rows_len = move || heat.with(|h| h.1.len());
    // On a phone the chart scrolls inside itself: start at the newest squares, the ones people
    // come to see, rather than leaving them off the right edge.
    let heat_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        window.track();
        if let Some(el) = heat_ref.get() {
            request_animation_frame(move || el.set_scroll_left(el.scroll_width()));
        }
    });
    let heat_rows = move || {
        heat.with(|h| {
            h.1.iter()
                .map(|r| (fingerprint(&r.person_id, r), r.clone()))
                .collect::<Vec<_>>()
        })
    };
    let table_rows = move || {
        let n = if show_all.get() { usize::MAX } else { PAGE };
        stats.with(|s| {
            s.iter()
                .take(n)
                .map(|r| (fingerprint(&r.person_id, r), r.clone()))
                .collect::<Vec<_>>()
        })
    };

    let pick = move |w: Window| {
        custom_open.set(false);
        from_err.set(None);
        to_err.set(None);
        caption.set(None);
        window.set(w);
    };
    let open_custom = move |_| {
        let (from, to) = window.get_untracked().range(state::now());
        from_text.set(date_input(from));
        to_text.set(date_input(to - Duration::minutes(1)));
        custom_open.set(true);
    };
    let apply_custom = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let from = parse_date(&from_text.get_untracked());
        let to = parse_date(&to_text.get_untracked());
        from_err.set(
            from.is_none()
                .then(|| "Enter the first day as a date, for example 2026-11-01.".into()),
        );
        to_err.set(match (from, to) {
            (_, None) => Some("Enter the last day as a date, for example 2026-11-30.".into()),
            (Some(a), Some(b)) if b < a => Some("The last day must not be before the first day.".into()),
            (Some(a), Some(b)) if b - a > Duration::days(3660) => {
                Some("Pick at most ten years at a time.".into())
            }
            _ => None,
        });
        if let (Some(a), Some(b), None, None) = (from, to, from_err.get_untracked(), to_err.get_untracked()) {
            // Through the end of the last day.
            caption.set(None);
            window.set(Window::Custom(a, b + Duration::days(1)));
        }
    };

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some((el, r, c)) = cell_of(ev.target()) else {
            return;
        };
        let (rows, cols) = (rows_len(), cols());
        let next = match ev.key().as_str() {
            "ArrowLeft" => (r, c.saturating_sub(1)),
            "ArrowRight" => (r, (c + 1).min(cols - 1)),
            "ArrowUp" => (r.saturating_sub(1), c),
            "ArrowDown" => ((r + 1).min(rows - 1), c),
            "Home" => (r, 0),
            "End" => (r, cols - 1),
            _ => return,
        };
        ev.prevent_default();
        if next != (r, c) {
            let _ = el.set_attribute("tabindex", "-1");
            focus_id(&format!("hm-{}-{}", next.0, next.1));
        }
    };
    // One listener for the whole grid rather than two per cell: 9,000 cells stay cheap.
    let on_focus = move |ev: leptos::ev::FocusEvent| {
        if let Some((el, r, c)) = cell_of(ev.target()) {
            let (pr, pc) = active.get_value();
            if (pr, pc) != (r, c) {
                if let Some(prev) = element(&format!("hm-{pr}-{pc}")) {
                    let _ = prev.set_attribute("tabindex", "-1");
                }
            }
            let _ = el.set_attribute("tabindex", "0");
            active.set_value((r, c));
            caption.set(el.get_attribute("aria-label"));
        }
    };
    let on_hover = move |ev: leptos::ev::MouseEvent| {
        if let Some((el, _, _)) = cell_of(ev.target()) {
            caption.set(el.get_attribute("aria-label"));
        }
    };

    let is_active = move |r: usize, c: usize| {
        let (ar, ac) = active.get_value();
        let (rows, cols) = (rows_len().max(1), cols().max(1));
        (ar.min(rows - 1), ac.min(cols - 1)) == (r, c)
    };

    let span_text = move || {
        profiles.with(|p| {
            let per = (p.to - p.from) / cols().max(1) as i32;
            (
                time::local(p.from),
                time::local_named(p.to),
                format!("Each square is {} of time.", human(per)),
            )
        })
    };

    let choice = move |w: Window, label: &'static str| {
        let checked = move || !custom_open.get() && window.get() == w;
        view! {
            <label class="choice">
                <input type="radio" name="load-window" prop:checked=checked on:change=move |_| pick(w) />
                {label}
            </label>
        }
    };

    view! {
        <section aria-labelledby="over-h" class="load-over">
            <h2 id="over-h">"Over time"</h2>
            <fieldset class="window">
                <legend>"Window"</legend>
                {choice(Window::Days(7), "Last 7 days")}
                {choice(Window::Days(30), "Last 30 days")}
                {choice(Window::Days(90), "Last 90 days")}
                <label class="choice">
                    <input
                        type="radio"
                        name="load-window"
                        prop:checked=move || custom_open.get() || matches!(window.get(), Window::Custom(..))
                        on:change=open_custom
                    />
                    "Chosen dates"
                </label>
            </fieldset>
            <Show when=move || custom_open.get()>
                <form class="custom-range" on:submit=apply_custom>
                    <div class="form-grid">
                        <Field label="First day" value=from_text kind="date" id="load-from" error=Signal::derive(move || from_err.get()) />
                        <Field label="Last day" value=to_text kind="date" id="load-to" error=Signal::derive(move || to_err.get()) />
                    </div>
                    <div class="actions">
                        <button type="submit">"Show these days"</button>
                    </div>
                </form>
            </Show>
            {move || {
                let (a, b, each) = span_text();
                view! { <p class="hint">{format!("From {a} to {b}. {each} Most loaded at their peak first.")}</p> }
            }}
            <p class="legend" aria-hidden="true">
                <span class="key"><span class="box l0"></span>"No role"</span>
                <span class="key"><span class="box l1"></span>"Up to half of capacity"</span>
                <span class="key"><span class="box l2"></span>"Up to capacity"</span>
                <span class="key"><span class="box l3">"!"</span>"Over capacity (hatched, !)"</span>
                <span class="key"><span class="box l1 cx">"×"</span>"Holding conflicting roles (×)"</span>
            </p>
            <div class="heatmap" node_ref=heat_ref role="group" aria-label="Load per person over time; use the arrow keys to move between squares" on:keydown=on_key on:focusin=on_focus on:mouseover=on_hover>
                <For each=heat_rows key=|(k, _)| k.clone() let:item>
                    <HeatRowView row=item.1 cols=cols() is_active />
                </For>
            </div>
            <p class="heat-caption" class:empty-caption=move || caption.get().is_none()>
                {move || caption.get().unwrap_or_else(|| {
                    "Point at a square, or Tab to the chart and use the arrow keys, to see who held what then.".into()
                })}
            </p>
            <Show when=move || { total_people() > PAGE && !show_all.get() }>
                <div class="actions">
                    <button class="secondary" on:click=move |_| show_all.set(true)>
                        {move || format!("Show all {} people", total_people())}
                    </button>
                </div>
            </Show>
            <h3 id="over-table-h">"Peak load and time overloaded"</h3>
            <div class="table-wrap">
                <table aria-labelledby="over-table-h">
                    <thead>
                        <tr>
                            <th scope="col">"Person"</th>
                            <th scope="col">"Peak load"</th>
                            <th scope="col">"Time overloaded"</th>
                            <th scope="col">"Time in conflict"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=table_rows key=|(k, _)| k.clone() let:item>
                            {
                                let r = item.1;
                                let dur = |d: Duration| if d.is_zero() { "None".to_string() } else { human(d) };
                                view! {
                                    <tr>
                                        <th scope="row">{r.name.clone()}</th>
                                        <td>{format!("{} of {}", fmt_load(r.peak), fmt_load(r.capacity))}</td>
                                        <td>{dur(r.overloaded)}</td>
                                        <td>{dur(r.in_conflict)}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The heat-map cell an event happened in, with its row and column.
fn cell_of(target: Option<web_sys::EventTarget>) -> Option<(web_sys::Element, usize, usize)> {
    let el = target?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("g.cell")
        .ok()??;
    let num = |k: &str| el.get_attribute(k).and_then(|v| v.parse::<usize>().ok());
    let (r, c) = (num("data-r")?, num("data-c")?);
    Some((el, r, c))
}

#[component]
fn HeatRowView(
    row: HeatRow,
    cols: usize,
    is_active: impl Fn(usize, usize) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let width = cols as f64 * CELL;
    let cells = row
        .cells
        .into_iter()
        .map(|c| {
            let (r, col) = (c.row, c.col);
            let mark = match (c.overloaded, c.conflict) {
                (true, true) => "!×",
                (true, false) => "!",
                (false, true) => "×",
                _ => "",
            };
            let label = c.label.clone();
            // Read once: the focus handler moves the tab stop in the DOM afterwards.
            let tabindex = if untrack(|| is_active(r, col)) { "0" } else { "-1" };
            view! {
                <g
                    id=format!("hm-{r}-{col}")
                    class=format!("cell {}", c.level)
                    class:conflict=c.conflict
                    tabindex=tabindex
                    role="img"
                    aria-label=label.clone()
                    data-r=r.to_string()
                    data-c=col.to_string()
                >
                    <title>{label.clone()}</title>
                    <rect x=c.x + 1.0 y="1" width=CELL - 2.0 height=CELL - 2.0 rx="2" />
                    {c.overloaded.then(|| view! {
                        <rect class="hatch" x=c.x + 1.0 y="1" width=CELL - 2.0 height=CELL - 2.0 rx="2" fill="url(#load-hatch)" />
                    })}
                    {(!mark.is_empty()).then(|| view! {
                        <text x=c.x + CELL / 2.0 y="14.5" text-anchor="middle">{mark}</text>
                    })}
                </g>
            }
        })
        .collect_view();
    view! {
        <div class="heat-row">
            <span class="heat-name">{row.name.clone()}</span>
            // The size attributes apply on narrow screens, where the chart scrolls rather than shrinking
            // its squares below a fingertip; wider screens scale it to fit (style/load.css).
            <svg
                class="heat-strip"
                viewBox=format!("0 0 {width} {CELL}")
                width=format!("{}", cols as f64 * 18.0)
                height="18"
                preserveAspectRatio="xMinYMid meet"
            >
                {cells}
            </svg>
        </div>
    }
}
