//! "Over time": a heat-map of each person's load over a chosen window, with a table equivalent.
//! What the map shows is decided in [`crate::domain::heatmap`]; this file draws it and wires
//! the window choice, the keyboard and the caption.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{fingerprint, focus_id};
use crate::domain::duration::human;
use crate::domain::heatmap::{self, HeatMap, HeatRow, PeakRow, CELL};
use crate::domain::load::{self, Step};
use crate::domain::text::number;
use crate::ui::components::field::Field;
use crate::ui::{state, time};

/// Rows (people) shown before "Show all".
const PAGE: usize = 30;

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

#[derive(Clone, Debug, PartialEq)]
struct Profiles {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    steps: BTreeMap<String, Vec<Step>>,
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
    let show_all = RwSignal::new(false);
    let caption = RwSignal::new(None::<String>);

    let profiles = Memo::new(move |_| {
        let (from, to) = window.get().range(state::now());
        let steps = app.ws.with(|ws| load::profiles(ws, from, to));
        Profiles { from, to, steps }
    });
    // Names and capacities are read from the workspace too, so a rename shows even when the
    // profiles come out unchanged.
    let stats = Memo::new(move |_| profiles.with(|p| app.ws.with(|ws| heatmap::peak_rows(ws, &p.steps))));
    let heat = Memo::new(move |_| {
        let n = if show_all.get() { usize::MAX } else { PAGE };
        stats.with(|s| {
            let people = &s[..n.min(s.len())];
            profiles.with(|p| {
                app.ws.with(|ws| {
                    heatmap::layout(ws, &p.steps, people, p.from, p.to, |a, b| {
                        format!("from {} to {}", time::local(a), time::local_named(b))
                    })
                })
            })
        })
    });

    let total_people = move || stats.with(|s| s.len());
    let span_text = move || {
        profiles.with(|p| {
            format!(
                "From {} to {}. Each square is {} of time. Most loaded at their peak first.",
                time::local(p.from),
                time::local_named(p.to),
                human(heatmap::slice(p.from, p.to))
            )
        })
    };

    view! {
        <section aria-labelledby="over-h" class="load-over">
            <h2 id="over-h">"Over time"</h2>
            <WindowChoice window caption/>
            {move || view! { <p class="hint">{span_text()}</p> }}
            <p class="legend" aria-hidden="true">
                <span class="key"><span class="box l0"></span>"No role"</span>
                <span class="key"><span class="box l1"></span>"Up to half of capacity"</span>
                <span class="key"><span class="box l2"></span>"Up to capacity"</span>
                <span class="key"><span class="box l3">"!"</span>"Over capacity (hatched, !)"</span>
                <span class="key"><span class="box l1 cx">"×"</span>"Holding conflicting roles (×)"</span>
            </p>
            <HeatGrid heat window caption/>
            <Show when=move || { total_people() > PAGE && !show_all.get() }>
                <div class="actions">
                    <button class="secondary" on:click=move |_| show_all.set(true)>
                        {move || format!("Show all {} people", total_people())}
                    </button>
                </div>
            </Show>
            <PeakTable stats show_all/>
        </section>
    }
}

/// The window: the last 7, 30 or 90 days, or dates the person picks.
#[component]
fn WindowChoice(window: RwSignal<Window>, caption: RwSignal<Option<String>>) -> impl IntoView {
    let custom_open = RwSignal::new(false);
    let from_text = RwSignal::new(String::new());
    let to_text = RwSignal::new(String::new());
    let from_err = RwSignal::new(None::<String>);
    let to_err = RwSignal::new(None::<String>);

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
        match heatmap::chosen_days(from, to) {
            Ok((a, b)) => {
                from_err.set(None);
                to_err.set(None);
                caption.set(None);
                window.set(Window::Custom(a, b));
            }
            Err(problems) => {
                from_err.set(problems.first.map(Into::into));
                to_err.set(problems.last.map(Into::into));
            }
        }
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
    }
}

/// The heat-map itself, one tab stop for the whole grid, and the caption under it that says what
/// the square pointed at or focused shows.
#[component]
fn HeatGrid(
    heat: Memo<HeatMap>,
    window: RwSignal<Window>,
    caption: RwSignal<Option<String>>,
) -> impl IntoView {
    // (row, column) of the one cell in the tab order (a roving tab stop: Tab enters the chart
    // once, the arrow keys move inside it). Clamped to the grid when drawn; not reactive, so
    // moving it redraws nothing.
    let active = StoredValue::new((0usize, usize::MAX));
    let cols = move || heat.with(|h| h.columns);
    let rows_len = move || heat.with(|h| h.rows.len());
    // On a phone the chart scrolls inside itself: start at the newest squares, the ones people
    // come to see, rather than leaving them off the right edge.
    let heat_ref = NodeRef::<leptos::html::Div>::new();
    // Only where it scrolls (style/load.css, narrow screens): reading its width lays out the
    // page, which a wide screen, where the chart fits, need not pay for.
    let scrolls = || {
        web_sys::window()
            .and_then(|w| w.match_media("(max-width: 600px)").ok().flatten())
            .is_some_and(|m| m.matches())
    };
    Effect::new(move |_| {
        window.track();
        if let Some(el) = heat_ref.get().filter(|_| scrolls()) {
            request_animation_frame(move || el.set_scroll_left(el.scroll_width()));
        }
    });
    let heat_rows = move || {
        heat.with(|h| {
            h.rows
                .iter()
                .map(|r| (fingerprint(&r.person_id, r), r.clone()))
                .collect::<Vec<_>>()
        })
    };

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some((el, r, c)) = cell_of(ev.target()) else {
            return;
        };
        let Some(next) = heatmap::arrow_move(&ev.key(), (r, c), rows_len(), cols()) else {
            return;
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

    view! {
        <div class="heatmap" node_ref=heat_ref role="group" aria-label="Load per person over time; use the arrow keys to move between squares" on:keydown=on_key on:focusin=on_focus on:mouseover=on_hover>
            <For each=heat_rows key=|(k, _)| k.clone() let:item>
                <HeatRowView row=item.1 cols=cols() is_active />
            </For>
            {move || heat.with(|h| (!h.rows.is_empty()).then(|| time_axis(h)))}
        </div>
        <p class="heat-caption" class:empty-caption=move || caption.get().is_none()>
            {move || caption.get().unwrap_or_else(|| {
                "Point at a square, or Tab to the chart and use the arrow keys, to see who held what then.".into()
            })}
        </p>
    }
}

/// The table equivalent of the heat-map: each person's peak and time over capacity or in conflict.
#[component]
fn PeakTable(stats: Memo<Vec<PeakRow>>, show_all: RwSignal<bool>) -> impl IntoView {
    let table_rows = move || {
        let n = if show_all.get() { usize::MAX } else { PAGE };
        stats.with(|s| {
            s.iter()
                .take(n)
                .map(|r| (fingerprint(&r.person_id, r), r.clone()))
                .collect::<Vec<_>>()
        })
    };
    let dur = |d: Duration| if d.is_zero() { "None".to_string() } else { human(d) };
    view! {
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
                            view! {
                                <tr>
                                    <th scope="row">{r.name.clone()}</th>
                                    <td>{format!("{} of {}", number(r.peak), number(r.capacity))}</td>
                                    <td>{dur(r.overloaded)}</td>
                                    <td>{dur(r.in_conflict)}</td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </div>
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

/// Dates along the bottom of the chart, under the squares they start. The squares' own labels
/// say their times to screen readers, so this row is for the eye only.
fn time_axis(h: &HeatMap) -> impl IntoView {
    let cols = h.columns.max(1);
    let day = |t| {
        let full = time::local(t);
        full.split(", ").next().unwrap_or(&full).to_string()
    };
    let labels = heatmap::ticks(h.columns)
        .into_iter()
        .filter_map(|c| h.starts.get(c).map(|t| (c, day(*t))))
        .map(|(c, text)| {
            view! { <span class="tick" style:left=format!("{}%", c as f64 * 100.0 / cols as f64)>{text}</span> }
        })
        .collect_view();
    view! {
        <div class="heat-row heat-axis-row" aria-hidden="true">
            <span class="heat-name"></span>
            // Set through the CSSOM: the page's policy refuses inline style attributes.
            <div class="heat-axis" style:--cols=cols.to_string()>{labels}</div>
        </div>
    }
}

#[component]
fn HeatRowView(
    row: HeatRow,
    cols: usize,
    is_active: impl Fn(usize, usize) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let width = cols as f64 * CELL;
    // Read once: the focus handler moves the tab stop in the DOM afterwards.
    let active = row
        .cells
        .iter()
        .find(|c| untrack(|| is_active(c.row, c.col)))
        .map(|c| c.col);
    let squares = row.squares_svg(active);
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
                inner_html=squares
            ></svg>
        </div>
    }
}
