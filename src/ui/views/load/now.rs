//! "Now": one row per active person with their hats as a stacked bar and their state in words.

use leptos::prelude::*;

use super::{fingerprint, focus_id};
use crate::domain::chart;
use crate::domain::load::{self, PersonNow};
use crate::domain::text::number;
use crate::domain::text::plural;
use crate::domain::Workspace;
use crate::ui::components::later::{first_then_rest, Later};

/// Rows shown before "Show all".
const PAGE: usize = 50;
/// Role colours: `--seg-1` … `--seg-10`, one per role by its place in the catalogue.
const COLOURS: usize = 10;

/// The colour class of a role, the same in every bar and legend: a role keeps its colour
/// wherever it appears, instead of taking the colour of its position in one person's bar.
pub fn role_colour(ws: &Workspace, role_id: &str) -> String {
    let i = ws
        .roles
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .position(|r| r.id == role_id)
        .unwrap_or(0);
    format!("seg-{}", i % COLOURS + 1)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Percent of the bar's width.
    pub x: f64,
    pub w: f64,
    pub text: String,
    /// "Committee chair (2)", for the legend under the bar.
    pub legend: String,
    pub label: String,
    /// `seg-1` … `seg-6`, or `seg-act` for action items.
    pub colour: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub p: PersonNow,
    pub segments: Vec<Segment>,
    /// Percent of the bar's width where capacity is.
    pub capacity_x: f64,
    /// Percent where the load ends (the hatched overflow runs from capacity to here).
    pub end_x: f64,
}

impl Row {
    pub fn flagged(&self) -> bool {
        self.p.overloaded || !self.p.conflicts.is_empty()
    }

    /// "Overloaded (11 / 3)" / "Within capacity (1 / 3)" / "No roles now (0 / 3)".
    pub fn state(&self) -> String {
        let n = format!("({} / {})", number(self.p.total), number(self.p.capacity));
        if self.p.overloaded {
            format!("Overloaded {n}")
        } else if self.p.total == 0.0 {
            format!("No roles now {n}")
        } else {
            format!("Within capacity {n}")
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub rows: Vec<Row>,
    /// Some active person holds a role or an open action item.
    pub anyone_loaded: bool,
}

pub fn model(ws: &Workspace, now: chrono::DateTime<chrono::Utc>) -> Model {
    let people = load::snapshot(ws, now);
    let scale = people.iter().map(|p| p.total.max(p.capacity)).fold(0.0, f64::max);
    let rows = people
        .into_iter()
        .map(|p| {
            // stacked_bar skips weightless roles; skip them here too so segments line up.
            let mut parts: Vec<(String, f64, String)> = p
                .held
                .iter()
                .filter(|h| h.weight > 0.0)
                .map(|h| (h.role_name.clone(), h.weight, role_colour(ws, &h.role_id)))
                .collect();
            if p.action_load > 0.0 {
                parts.push((
                    plural(p.open_actions, "action item", "action items"),
                    p.action_load,
                    "seg-act".into(),
                ));
            }
            let held: Vec<(&str, f64)> = parts.iter().map(|(n, w, _)| (n.as_str(), *w)).collect();
            let bar = chart::stacked_bar(&held, p.capacity, 100.0, 1.0, scale);
            let segments = bar
                .segments
                .iter()
                .zip(&parts)
                .map(|(r, (name, w, c))| Segment {
                    x: r.x,
                    w: r.w,
                    text: name.clone(),
                    legend: format!("{name} ({})", number(*w)),
                    label: r.label.clone(),
                    colour: c.clone(),
                })
                .collect::<Vec<_>>();
            let end_x = segments.last().map_or(0.0, |s| s.x + s.w);
            Row {
                capacity_x: bar.capacity.x,
                end_x,
                segments,
                p,
            }
        })
        .collect::<Vec<_>>();
    Model {
        anyone_loaded: rows.iter().any(|r| r.p.total > 0.0),
        rows,
    }
}

/// The headline at the top: impossible to miss when someone is overloaded or in conflict.
#[component]
pub fn Summary(model: Memo<Model>) -> impl IntoView {
    let counts = move || {
        model.with(|m| {
            let over: Vec<&str> = m
                .rows
                .iter()
                .filter(|r| r.p.overloaded)
                .map(|r| r.p.name.as_str())
                .collect();
            let conflicted = m.rows.iter().filter(|r| !r.p.conflicts.is_empty()).count();
            let flagged = m.rows.iter().filter(|r| r.flagged()).count();
            let first = m.rows.iter().find(|r| r.flagged()).map(|r| r.p.name.clone());
            (over.len(), conflicted, flagged, first)
        })
    };
    move || {
        let (over, conflicted, flagged, first) = counts();
        if flagged == 0 {
            return view! {
                <p class="load-summary ok" role="status">
                    <span class="flag ok-flag">"All clear"</span>
                    " Nobody is over capacity or holding roles that should be split right now."
                </p>
            }
            .into_any();
        }
        let who = if flagged == 1 {
            format!("{} needs help now", first.unwrap_or_default())
        } else {
            format!("{flagged} people need help now")
        };
        let detail = format!(
            "{} over capacity, {} holding roles that should be split.",
            plural(over, "person", "people"),
            plural(conflicted, "person", "people")
        );
        view! {
            <div class="load-summary bad" role="status">
                <p>
                    <strong>{who}</strong>": "{detail}
                </p>
                <button class="secondary" on:click=move |_| { focus_id("fix-h"); }>"See how to fix it"</button>
            </div>
        }
        .into_any()
    }
}

#[component]
pub fn NowSection(model: Memo<Model>) -> impl IntoView {
    let show_all = RwSignal::new(false);
    let total = move || model.with(|m| m.rows.len());
    // Rows `from..to` of those shown, keyed by what they show.
    let visible = Signal::from(Memo::new(move |_| {
        model.with(|m| {
            let n = if show_all.get() { m.rows.len() } else { PAGE };
            m.rows
                .iter()
                .take(n)
                .map(|r| (fingerprint(&r.p.person_id, r), r.clone()))
                .collect::<Vec<_>>()
        })
    }));
    let anyone = move || model.with(|m| m.anyone_loaded);
    view! {
        <section aria-labelledby="now-h" class="load-now">
            <h2 id="now-h">"Now"</h2>
            <svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">
                <defs>
                    <pattern id="load-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
                        <rect class="hatch-line" x="0" y="0" width="3" height="8" />
                    </pattern>
                </defs>
            </svg>
            {move || {
                if total() == 0 {
                    view! {
                        <p class="empty">
                            "Nobody on the roster is marked active, so nobody carries load. Make people active again on the "
                            <a href="#/people">"People"</a>" page."
                        </p>
                    }
                    .into_any()
                } else if !anyone() {
                    view! {
                        <p class="empty">
                            "Nobody holds a role right now. Give people roles on an incident, a release or a standing role on the "
                            <a href="#/people">"People"</a>" page, and their load shows here."
                        </p>
                    }
                    .into_any()
                } else {
                    ().into_any()
                }
            }}
            <Show when=anyone>
                <p class="hint">
                    "Most loaded first. Each bar shows a person's roles, one block per role sized by its weight; "
                    "the dark line marks their capacity and hatching shows load beyond it."
                </p>
                <ul class="load-rows">
                    {first_then_rest(visible, |(k, _)| k.clone(), |(_, row)| view! { <PersonRow row /> })}
                </ul>
                <Show when=move || { total() > PAGE && !show_all.get() }>
                    <div class="actions">
                        <button class="secondary" on:click=move |_| show_all.set(true)>
                            {move || format!("Show all {} people", total())}
                        </button>
                    </div>
                </Show>
                <details class="load-table">
                    <summary>"Current load as a table"</summary>
                    <div class="table-wrap">
                        <table>
                            <caption class="visually-hidden">"Current load per person"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Person"</th>
                                    <th scope="col">"Roles held"</th>
                                    <th scope="col">"Load"</th>
                                    <th scope="col">"Capacity"</th>
                                    <th scope="col">"State"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <Later>
                                    <For each=move || visible.get() key=|(k, _)| k.clone() let:item>
                                        <TableRow row=item.1 />
                                    </For>
                                </Later>
                            </tbody>
                        </table>
                    </div>
                </details>
            </Show>
        </section>
    }
}

fn roles_held(row: &Row) -> String {
    let mut parts: Vec<String> = row
        .p
        .held
        .iter()
        .map(|h| format!("{} ({})", h.role_name, number(h.weight)))
        .collect();
    if row.p.open_actions > 0 {
        parts.push(format!(
            "{} ({})",
            plural(row.p.open_actions, "open action item", "open action items"),
            number(row.p.action_load)
        ));
    }
    if parts.is_empty() {
        "None".into()
    } else {
        parts.join(", ")
    }
}

fn state_words(row: &Row) -> String {
    let mut s = vec![if row.p.overloaded {
        "Overloaded".to_string()
    } else {
        "Within capacity".to_string()
    }];
    if !row.p.conflicts.is_empty() {
        s.push(plural(row.p.conflicts.len(), "conflict", "conflicts"));
    }
    s.join("; ")
}

#[component]
fn TableRow(row: Row) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{row.p.name.clone()}</th>
            <td>{roles_held(&row)}</td>
            <td>{number(row.p.total)}</td>
            <td>{number(row.p.capacity)}</td>
            <td>{state_words(&row)}</td>
        </tr>
    }
}

#[component]
fn PersonRow(row: Row) -> impl IntoView {
    let state_class = if row.p.overloaded {
        "flag bad state"
    } else {
        "state"
    };
    let holds = row
        .segments
        .iter()
        .map(|s| {
            view! {
                <li>
                    <span class=format!("swatch {}", s.colour) aria-hidden="true"></span>
                    {s.legend.clone()}
                </li>
            }
        })
        .collect_view();
    let conflicts = (!row.p.conflicts.is_empty()).then(|| {
        let hits = row.p.conflicts.iter().map(|c| {
            let why = c.sentence();
            view! {
                <li>
                    <details>
                        <summary title=why.clone()>{c.title()}</summary>
                        <p>{why}</p>
                    </details>
                </li>
            }
        });
        view! { <ul class="conflicts">{hits.collect_view()}</ul> }
    });
    view! {
        <li class="load-row" class:flagged=row.flagged()>
            <div class="who">
                <strong class="name">{row.p.name.clone()}</strong>
                <span class=state_class>{row.state()}</span>
                {row.p.actions_note().map(|a| view! { <span class="action-load">{a}</span> })}
            </div>
            <div class="bar-wrap">
                <LoadBar row=row.clone()/>
                <ul class="holds">{holds}</ul>
            </div>
            {conflicts}
        </li>
    }
}

/// The stacked bar: a block per hat with its name, the capacity line, and the overflow
/// past it hatched. Its label says the same in words.
#[component]
fn LoadBar(row: Row) -> impl IntoView {
    let label = format!("{}: {}. {}", row.p.name, roles_held(&row), row.state());
    let overflow = (row.end_x > row.capacity_x + 0.01).then(|| {
        view! {
            <rect
                class="overflow"
                x=format!("{}%", row.capacity_x)
                y="4"
                width=format!("{}%", row.end_x - row.capacity_x)
                height="28"
                fill="url(#load-hatch)"
            />
        }
    });
    let segs = row
        .segments
        .iter()
        .map(|s| {
            view! {
                <rect class=format!("seg {}", s.colour) x=format!("{}%", s.x) y="4" width=format!("{}%", s.w) height="28">
                    <title>{s.label.clone()}</title>
                </rect>
            }
        })
        .collect_view();
    // Nested <svg>s clip each name to its own block.
    let texts = row
        .segments
        .iter()
        .map(|s| {
            view! {
                <svg x=format!("{}%", s.x) y="4" width=format!("{}%", s.w) height="28" aria-hidden="true">
                    <text class="seg-text" x="5" y="19">{s.text.clone()}</text>
                </svg>
            }
        })
        .collect_view();
    view! {
        <svg class="bar" width="100%" height="36" role="img" aria-label=label>
            <rect class="track" x="0" y="4" width="100%" height="28" />
            {segs}
            {overflow}
            <line
                class="capacity"
                x1=format!("{}%", row.capacity_x)
                x2=format!("{}%", row.capacity_x)
                y1="0"
                y2="36"
            >
                <title>{format!("Capacity {}", number(row.p.capacity))}</title>
            </line>
            {texts}
        </svg>
    }
}
