//! The incident list: declare in one step, the desk's numbers, filters and a paged list.

use leptos::prelude::*;

use super::incident::{severity_label, severity_meaning, SeverityTag, StatusTag, When};
use crate::domain::duration::human;
use crate::domain::incident::{self, IncidentFilter, SortBy};
use crate::domain::{Severity, Status};
use crate::ui::components::field::Field;
use crate::ui::components::when::remember_zone;
use crate::ui::{route, state, time};

/// Rows rendered at a time, so 1,500 incidents keep the page small.
const PAGE: usize = 50;

#[component]
pub fn IncidentsView() -> impl IntoView {
    view! {
        <h1>"Incidents"</h1>
        <DeclareForm/>
        <DeskNumbers/>
        <IncidentList/>
    }
}

/// Which field a declare error belongs next to, from the sentence the domain gave.
fn field_for(sentence: &str) -> &'static str {
    let s = sentence.to_lowercase();
    if s.contains("title") {
        "title"
    } else if s.contains("detect") {
        "detected"
    } else if s.contains("start") {
        "started"
    } else {
        "form"
    }
}

#[component]
fn DeclareForm() -> impl IntoView {
    let app = state::app();
    let now = time::to_input(state::now());
    let title = RwSignal::new(String::new());
    let severity = RwSignal::new(None::<Severity>);
    let started = RwSignal::new(now.clone());
    let detected = RwSignal::new(now);
    let services = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let after_the_fact = RwSignal::new(false);
    let zone = RwSignal::new(String::new());
    let zone_name = move || {
        let z = zone.get_untracked();
        if z.is_empty() {
            time::zone()
        } else {
            z
        }
    };
    let error = RwSignal::new(None::<(&'static str, String)>);
    let err_for =
        move |f: &'static str| Signal::derive(move || error.get().filter(|(k, _)| *k == f).map(|(_, e)| e));

    let declare = move || {
        let Some(sev) = severity.get_untracked() else {
            error.set(Some((
                "severity",
                "Choose a severity: it tells people how fast to respond.".into(),
            )));
            return;
        };
        let Some(start) = time::from_input_in(&started.get_untracked(), &zone_name()) else {
            error.set(Some((
                "started",
                "Enter when it started as a date and time.".into(),
            )));
            return;
        };
        let d = detected.get_untracked();
        let detected_at = if d.trim().is_empty() {
            None
        } else {
            match time::from_input_in(&d, &zone_name()) {
                Some(t) => Some(t),
                None => {
                    error.set(Some((
                        "detected",
                        "Enter when it was detected as a date and time, or leave it empty.".into(),
                    )));
                    return;
                }
            }
        };
        let services: Vec<String> = services.get_untracked().split(',').map(str::to_string).collect();
        let (t, s) = (title.get_untracked(), summary.get_untracked());
        // The form shows minutes; a start "now" must not land a few seconds in the future.
        let now = state::now();
        let clamp = |x: chrono::DateTime<chrono::Utc>| {
            if x > now && x - now < chrono::Duration::minutes(1) {
                now
            } else {
                x
            }
        };
        let backfill = after_the_fact.get_untracked();
        match app.try_update(|ws| {
            let id = incident::declare(
                ws,
                &t,
                sev,
                clamp(start),
                detected_at.map(clamp),
                services,
                &s,
                None,
                now,
            )?;
            incident::set_backfill(ws, &id, backfill, now)?;
            Ok::<_, crate::domain::assign::DomainError>(id)
        }) {
            Ok(id) => {
                remember_zone(&zone.get_untracked());
                let _ = window().location().set_hash(&route::incident_href(&id));
            }
            Err(e) => {
                let f = field_for(&e.to_string());
                error.set(Some((f, e.to_string())));
            }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        declare();
    };
    let sev_error = err_for("severity");
    let form_error = err_for("form");
    view! {
        <section class="card declare" aria-labelledby="declare-h">
            <h2 id="declare-h">"Declare an incident"</h2>
            <p class="hint">"A title and a severity are enough to start; fill in the rest later. Shortcut: n"</p>
            <form on:submit=submit novalidate>
                <Field label="Title" value=title id="declare-title" required=true hint="What is broken, for whom." error=err_for("title")/>
                <fieldset class="severity-choice" class:invalid=move || sev_error.get().is_some()>
                    <legend>"Severity" <span class="req" aria-hidden="true">" *"</span></legend>
                    {Severity::ALL
                        .into_iter()
                        .map(|s| {
                            let id = format!("declare-{}", s.as_str());
                            let meaning = app.ws.with_untracked(|ws| severity_meaning(ws, s));
                            view! {
                                <div class="choice">
                                    <input
                                        type="radio"
                                        name="declare-severity"
                                        id=id.clone()
                                        value=s.as_str()
                                        prop:checked=move || severity.get() == Some(s)
                                        on:change=move |_| {
                                            severity.set(Some(s));
                                            if sev_error.get_untracked().is_some() {
                                                error.set(None);
                                            }
                                        }
                                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                            if ev.key() == "Enter" {
                                                ev.prevent_default();
                                                declare();
                                            }
                                        }
                                    />
                                    <label for=id>
                                        <strong>{severity_label(s)}</strong>
                                        <span class="meaning">{format!(" — {meaning}")}</span>
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                    {move || sev_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                </fieldset>
                <div class="field checkbox">
                    <input type="checkbox" id="declare-backfill" prop:checked=move || after_the_fact.get() on:change=move |ev| after_the_fact.set(event_target_checked(&ev))/>
                    <label for="declare-backfill">"It already happened: I am recording it after the fact"</label>
                    <p class="hint">"Times you type then stay from one event to the next, instead of jumping back to now."</p>
                </div>
                <div class="field">
                    <label for="declare-zone">"Times typed in"</label>
                    <select id="declare-zone" on:change=move |ev| {
                        // The same instants, shown on the new zone's clock.
                        let (from, to) = (zone_name(), event_target_value(&ev));
                        zone.set(to);
                        let to = zone_name();
                        for f in [started, detected] {
                            if let Some(t) = time::from_input_in(&f.get_untracked(), &from) {
                                f.set(time::to_input_in(t, &to));
                            }
                        }
                    }>
                        <option value="" selected=move || zone.get().is_empty()>{format!("Your zone ({})", time::zone())}</option>
                        <option value="UTC" selected=move || zone.get() == "UTC">"UTC"</option>
                    </select>
                </div>
                <div class="form-grid">
                    <Field label="Started" value=started kind="datetime-local" id="declare-started" hint="In the zone above." error=err_for("started")/>
                    <Field label="Detected" value=detected kind="datetime-local" id="declare-detected" hint="When someone noticed. Leave empty if unknown." error=err_for("detected")/>
                    <Field label="Services" value=services id="declare-services" hint="Comma-separated, e.g. search, web"/>
                </div>
                <div class="field">
                    <label for="declare-summary">"Summary"</label>
                    <textarea id="declare-summary" prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
                </div>
                {move || form_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit">"Declare incident"</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn DeskNumbers() -> impl IntoView {
    let app = state::app();
    let stats = Memo::new(move |_| app.ws.with(|ws| incident::stats(ws, state::now())));
    let ttr = |d: Option<chrono::Duration>| d.map_or_else(|| "—".to_string(), human);
    view! {
        <section aria-labelledby="numbers-h" class="desk-numbers">
            <h2 id="numbers-h">"At a glance"</h2>
            {move || {
                let s = stats.get();
                view! {
                    <dl class="numbers">
                        <div><dt>"Open now"</dt><dd>{s.open_now}</dd></div>
                        <div><dt>"Incidents, last 90 days"</dt><dd>{s.total_90d}</dd></div>
                        <div><dt>"Median time to resolve, last 90 days"</dt><dd>{ttr(s.median_ttr_90d)}</dd></div>
                    </dl>
                    <div class="table-wrap">
                        <table class="by-severity">
                            <caption>"Last 90 days by severity"</caption>
                            <thead>
                                <tr><th scope="col">"Severity"</th><th scope="col">"Incidents"</th><th scope="col">"Median time to resolve"</th></tr>
                            </thead>
                            <tbody>
                                {s.by_severity
                                    .into_iter()
                                    .map(|(sev, n, m)| view! { <tr><th scope="row">{severity_label(sev)}</th><td>{n}</td><td>{ttr(m)}</td></tr> })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            }}
        </section>
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    title: String,
    severity: Severity,
    status: Status,
    started: chrono::DateTime<chrono::Utc>,
    lasted: String,
}

#[component]
fn IncidentList() -> impl IntoView {
    let app = state::app();
    let status = RwSignal::new(String::new());
    let severity = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let sort = RwSignal::new(SortBy::Start);
    let shown = RwSignal::new(PAGE);

    let filter = move || IncidentFilter {
        status: Status::parse(&status.get()),
        severity: Severity::parse(&severity.get()),
        service: Some(service.get()).filter(|s| !s.is_empty()),
        text: text.get(),
    };
    let found = Memo::new(move |_| {
        let (f, by, now) = (filter(), sort.get(), state::now());
        app.ws.with(|ws| {
            incident::list(ws, &f, by, now)
                .into_iter()
                .map(|i| Row {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    severity: i.severity,
                    status: i.status,
                    started: i.started_at,
                    lasted: human(incident::duration(i, now)),
                })
                .collect::<Vec<_>>()
        })
    });
    let any_at_all = move || {
        app.ws
            .with(|ws| ws.incidents.iter().any(|i| i.deleted_at.is_none()))
    };
    let services = Memo::new(move |_| {
        app.ws.with(|ws| {
            let mut all: Vec<String> = ws
                .incidents
                .iter()
                .filter(|i| i.deleted_at.is_none())
                .flat_map(|i| i.services.iter().cloned())
                .collect();
            all.sort_by_key(|s| s.to_lowercase());
            all.dedup();
            all
        })
    });
    let page = move || found.with(|rows| rows.iter().take(shown.get()).cloned().collect::<Vec<_>>());
    let total = move || found.with(Vec::len);
    let reset = move || shown.set(PAGE);
    let clear = move |_| {
        status.set(String::new());
        severity.set(String::new());
        service.set(String::new());
        text.set(String::new());
        reset();
    };
    let select = move |sig: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            sig.set(event_target_value(&ev));
            reset();
        }
    };

    view! {
        <section aria-labelledby="list-h">
            <h2 id="list-h">"All incidents"</h2>
            <Show
                when=any_at_all
                fallback=|| view! {
                    <p class="empty">"No incidents yet. When something breaks, declare it with the form above: a title and a severity are enough to start the timeline."</p>
                }
            >
                <div class="filters" role="search" aria-label="Filter incidents">
                    <div class="field">
                        <label for="search">"Search"</label>
                        <input id="search" type="search" placeholder="Title, summary, service or id" prop:value=move || text.get() on:input=move |ev| { text.set(event_target_value(&ev)); reset(); }/>
                    </div>
                    <div class="field">
                        <label for="filter-status">"Status"</label>
                        <select id="filter-status" on:change=select(status)>
                            <option value="" selected=move || status.get().is_empty()>"Any status"</option>
                            {Status::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=move || status.get() == s.as_str()>{s.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-severity">"Severity"</label>
                        <select id="filter-severity" on:change=select(severity)>
                            <option value="" selected=move || severity.get().is_empty()>"Any severity"</option>
                            {Severity::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=move || severity.get() == s.as_str()>{severity_label(s)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-service">"Service"</label>
                        <select id="filter-service" on:change=select(service)>
                            <option value="" selected=move || service.get().is_empty()>"Any service"</option>
                            {move || services.get().into_iter().map(|s| { let (v, label) = (s.clone(), s.clone()); view! { <option value=s selected=move || service.get() == v>{label}</option> } }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="sort">"Sort"</label>
                        <select id="sort" on:change=move |ev| {
                            sort.set(if event_target_value(&ev) == "duration" { SortBy::Duration } else { SortBy::Start });
                            reset();
                        }>
                            <option value="start" selected=move || sort.get() == SortBy::Start>"Open first, newest start"</option>
                            <option value="duration" selected=move || sort.get() == SortBy::Duration>"Open first, longest"</option>
                        </select>
                    </div>
                </div>
                <p class="count" aria-live="polite">
                    {move || {
                        let n = total();
                        match n {
                            0 => "No incidents match these filters.".to_string(),
                            1 => "1 incident.".to_string(),
                            n if n > shown.get() => format!("Showing {} of {n} incidents.", shown.get()),
                            n => format!("{n} incidents."),
                        }
                    }}
                </p>
                <Show when=move || { total() > 0 } fallback=move || view! { <button class="secondary" on:click=clear>"Clear the filters"</button> }>
                    <div class="table-wrap">
                        <table class="incidents">
                            <thead>
                                <tr>
                                    <th scope="col">"Incident"</th>
                                    <th scope="col">"Severity"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Started"</th>
                                    <th scope="col">"Duration"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=page key=|r| format!("{}|{}|{}|{}|{}|{}", r.id, r.title, r.severity.as_str(), r.status.as_str(), r.started, r.lasted) let:r>
                                    <tr>
                                        <td><a href=route::incident_href(&r.id)>{r.title.clone()}</a></td>
                                        <td><SeverityTag severity=r.severity/></td>
                                        <td><StatusTag status=r.status/></td>
                                        <td><When at=r.started/></td>
                                        <td>{r.lasted.clone()}{r.status.is_open().then_some(" so far")}</td>
                                    </tr>
                                </For>
                            </tbody>
                        </table>
                    </div>
                    {move || (total() > shown.get()).then(|| view! {
                        <button class="secondary more" on:click=move |_| shown.update(|s| *s += PAGE)>
                            {format!("Show {} more", PAGE.min(total() - shown.get()))}
                        </button>
                    })}
                </Show>
            </Show>
        </section>
    }
}
