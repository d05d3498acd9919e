//! The incident list: declare in one step, the desk's numbers, filters and a paged list.

use leptos::prelude::*;

use super::incident::{severity_meaning, SeverityTag, StatusTag, When};
use crate::domain::declare::{self, Draft, Typed};
use crate::domain::duration::human;
use crate::domain::incident::{self, IncidentFilter, SortBy};
use crate::domain::incident_list::{self, ListRow};
use crate::domain::refusal::{DomainError, Field};
use crate::domain::{Severity, Status};
use crate::ui::components::field::{self, Field, Select};
use crate::ui::components::keyed;
use crate::ui::components::when::{remember_zone, zone_choices};
use crate::ui::{route, state, time};

/// Rows rendered at a time, so 1,500 incidents keep the page small.
const PAGE: usize = 50;

#[component]
pub fn IncidentsView() -> impl IntoView {
    view! {
        <h1>"Incidents"</h1>
        <super::welcome::Welcome/>
        <DeclareForm/>
        <DeskNumbers/>
        <IncidentList/>
    }
}

/// Which field of the form a refusal belongs next to.
fn field_for(e: &DomainError) -> &'static str {
    match e.field() {
        Field::Title => "title",
        Field::Detected => "detected",
        Field::Started => "started",
        _ => "form",
    }
}

/// The zone the form's times are typed in: the one chosen, or the viewer's own.
fn zone_name(zone: RwSignal<String>) -> String {
    let z = zone.get_untracked();
    if z.is_empty() {
        time::zone()
    } else {
        z
    }
}

/// A time field's text read in `zone`.
fn typed(text: &str, zone: &str) -> Typed {
    if text.trim().is_empty() {
        Typed::Empty
    } else {
        time::from_input_in(text, zone).map_or(Typed::NotATime, Typed::At)
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
    let error = RwSignal::new(None::<(&'static str, String)>);
    let err_for =
        move |f: &'static str| Signal::derive(move || error.get().filter(|(k, _)| *k == f).map(|(_, e)| e));

    let declare = Callback::new(move |()| {
        let typed_in = zone_name(zone);
        let draft = Draft {
            title: title.get_untracked(),
            severity: severity.get_untracked(),
            started: typed(&started.get_untracked(), &typed_in),
            detected: typed(&detected.get_untracked(), &typed_in),
            services: services.get_untracked(),
            summary: summary.get_untracked(),
            after_the_fact: after_the_fact.get_untracked(),
        };
        let now = state::now();
        let d = match declare::check(draft, now) {
            Ok(d) => d,
            Err(e) => {
                error.set(Some((e.field(), e.to_string())));
                return;
            }
        };
        match app.try_update(|ws| declare::declare(ws, d, now)) {
            Ok(id) => {
                remember_zone(&zone.get_untracked());
                let _ = window().location().set_hash(&route::incident_href(&id));
            }
            Err(e) => {
                error.set(Some((field_for(&e), e.to_string())));
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        declare.run(());
    };
    let form_error = err_for("form");
    view! {
        <section class="card declare" aria-labelledby="declare-h">
            <h2 id="declare-h">"Declare an incident"</h2>
            <p class="hint">"A title and a severity are enough to start; fill in the rest later. Shortcut: n"</p>
            <form on:submit=submit novalidate>
                <Field label="Title" value=title id="declare-title" required=true hint="What is broken, for whom." error=err_for("title")/>
                <SeverityChoice severity error=err_for("severity") clear=move || error.set(None) declare/>
                <div class="field checkbox">
                    <input type="checkbox" id="declare-backfill" prop:checked=move || after_the_fact.get() on:change=move |ev| after_the_fact.set(event_target_checked(&ev))/>
                    <label for="declare-backfill">"It already happened: I am recording it after the fact"</label>
                    <p class="hint">"Times you type then stay from one event to the next, instead of jumping back to now."</p>
                </div>
                <ZoneChoice zone times=[started, detected]/>
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

/// The severity radios, each with what it means in this workspace; Enter on one declares.
#[component]
fn SeverityChoice(
    severity: RwSignal<Option<Severity>>,
    error: Signal<Option<String>>,
    clear: impl Fn() + Copy + Send + Sync + 'static,
    declare: Callback<()>,
) -> impl IntoView {
    let app = state::app();
    view! {
        <fieldset class="severity-choice" class:invalid=move || error.get().is_some()>
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
                                    if error.get_untracked().is_some() {
                                        clear();
                                    }
                                }
                                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                    if ev.key() == "Enter" {
                                        ev.prevent_default();
                                        declare.run(());
                                    }
                                }
                            />
                            <label for=id>
                                <strong>{s.label()}</strong>
                                <span class="meaning">{format!(" — {meaning}")}</span>
                            </label>
                        </div>
                    }
                })
                .collect_view()}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </fieldset>
    }
}

/// Which clock the times are typed on. Switching shows the same instants on the new clock.
#[component]
fn ZoneChoice(zone: RwSignal<String>, times: [RwSignal<String>; 2]) -> impl IntoView {
    let on_change = Callback::new(move |to: String| {
        let from = zone_name(zone);
        zone.set(to);
        let to = zone_name(zone);
        for f in times {
            if let Some(t) = time::from_input_in(&f.get_untracked(), &from) {
                f.set(time::to_input_in(t, &to));
            }
        }
    });
    view! { <Select label="Times typed in" id="declare-zone" value=zone on_change=on_change choices=zone_choices([])/> }
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
                                    .map(|(sev, n, m)| view! { <tr><th scope="row">{sev.label()}</th><td>{n}</td><td>{ttr(m)}</td></tr> })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            }}
        </section>
    }
}

/// The list's filter choices and how far it is paged, shared by the filter bar and the list.
#[derive(Clone, Copy)]
struct Choices {
    status: RwSignal<String>,
    severity: RwSignal<String>,
    service: RwSignal<String>,
    text: RwSignal<String>,
    sort: RwSignal<SortBy>,
    shown: RwSignal<usize>,
}

impl Choices {
    fn new() -> Choices {
        Choices {
            status: RwSignal::new(String::new()),
            severity: RwSignal::new(String::new()),
            service: RwSignal::new(String::new()),
            text: RwSignal::new(String::new()),
            sort: RwSignal::new(SortBy::Start),
            shown: RwSignal::new(PAGE),
        }
    }

    fn filter(self) -> IncidentFilter {
        incident_list::filter(
            &self.status.get(),
            &self.severity.get(),
            &self.service.get(),
            &self.text.get(),
        )
    }

    /// A new choice starts again at the first page.
    fn first_page(self) {
        self.shown.set(PAGE);
    }

    fn clear(self) {
        for s in [self.status, self.severity, self.service, self.text] {
            s.set(String::new());
        }
        self.first_page();
    }
}

#[component]
fn IncidentList() -> impl IntoView {
    let app = state::app();
    let choices = Choices::new();
    let shown = choices.shown;
    let found = Memo::new(move |_| {
        let (f, by, now) = (choices.filter(), choices.sort.get(), state::now());
        app.ws.with(|ws| incident_list::rows(ws, &f, by, now))
    });
    let any_at_all = move || {
        app.ws
            .with(|ws| ws.incidents.iter().any(|i| i.deleted_at.is_none()))
    };
    let page =
        Memo::new(move |_| found.with(|rows| rows.iter().take(shown.get()).cloned().collect::<Vec<_>>()));
    let total = move || found.with(Vec::len);

    view! {
        <section aria-labelledby="list-h">
            <h2 id="list-h">"All incidents"</h2>
            <Show
                when=any_at_all
                fallback=|| view! {
                    <p class="empty">"No incidents yet. When something breaks, declare it with the form above: a title and a severity are enough to start the timeline."</p>
                }
            >
                <FilterBar choices/>
                <p class="count" aria-live="polite">
                    {move || incident_list::count_sentence(total(), shown.get())}
                </p>
                <Show when=move || { total() > 0 } fallback=move || view! { <button class="secondary" on:click=move |_| choices.clear()>"Clear the filters"</button> }>
                    <IncidentTable rows=Signal::from(page)/>
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

#[component]
fn FilterBar(choices: Choices) -> impl IntoView {
    let app = state::app();
    let Choices {
        status,
        severity,
        service,
        text,
        sort,
        ..
    } = choices;
    let services = Memo::new(move |_| app.ws.with(incident_list::services));
    let select = move |sig: RwSignal<String>| {
        Callback::new(move |v| {
            sig.set(v);
            choices.first_page();
        })
    };
    let service_choices =
        Signal::derive(move || services.get().into_iter().map(|s| (s.clone(), s)).collect());
    let sort_by = Callback::new(move |v: String| {
        sort.set(SortBy::parse(&v).unwrap_or_default());
        choices.first_page();
    });
    view! {
        <div class="filters" role="search" aria-label="Filter incidents">
            <div class="field">
                <label for="search">"Search"</label>
                <input id="search" type="search" placeholder="Title, summary, service or id" prop:value=move || text.get() on:input=move |ev| { text.set(event_target_value(&ev)); choices.first_page(); }/>
            </div>
            <Select label="Status" id="filter-status" placeholder="Any status" value=status on_change=select(status)
                choices=field::choices(Status::ALL, Status::as_str, Status::label)/>
            <Select label="Severity" id="filter-severity" placeholder="Any severity" value=severity on_change=select(severity)
                choices=field::choices(Severity::ALL, Severity::as_str, Severity::label)/>
            <Select label="Service" id="filter-service" placeholder="Any service" value=service on_change=select(service) choices=service_choices/>
            <Select label="Sort" id="sort" value=Signal::derive(move || sort.get().as_str().to_string()) on_change=sort_by
                choices=field::choices(SortBy::ALL, SortBy::as_str, SortBy::label)/>
        </div>
    }
}

/// The list, its rows keyed by incident id: an edit to one incident changes that row's cells in
/// place, and the rest of the table is not touched.
#[component]
fn IncidentTable(rows: Signal<Vec<ListRow>>) -> impl IntoView {
    let ids = Memo::new(move |_| keyed::ids(rows, |r| &r.id));
    view! {
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
                    <For each=move || ids.get() key=String::clone let:id>
                        <IncidentRow rows id/>
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// One incident's row, following its own entry in `rows`.
#[component]
fn IncidentRow(rows: Signal<Vec<ListRow>>, id: String) -> impl IntoView {
    let href = route::incident_href(&id);
    let row = keyed::entry(rows, id, |r| &r.id);
    let show = move |f: fn(&ListRow) -> AnyView| keyed::part(row, f);
    view! {
        <tr>
            <td><a href=href>{show(|r| r.title.clone().into_any())}</a></td>
            <td>{show(|r| view! { <SeverityTag severity=r.severity/> }.into_any())}</td>
            <td>{show(|r| view! { <StatusTag status=r.status/> }.into_any())}</td>
            <td>{show(|r| view! { <When at=r.started/> }.into_any())}</td>
            <td>{show(|r| format!("{}{}", r.lasted, if r.status.is_open() { " so far" } else { "" }).into_any())}</td>
        </tr>
    }
}
