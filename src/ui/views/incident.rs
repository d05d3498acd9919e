//! One incident: status and severity, the role board with load warnings, the timeline, key times.

use crate::domain::order;
use chrono::{DateTime, Duration, Utc};
use leptos::context::Provider;
use leptos::prelude::*;

use crate::domain::assign::{self, find_incident};
use crate::domain::duration::human;
use crate::domain::incident::{self, IncidentEdit, TimelineLine};
use crate::domain::model::ReviewKind;
use crate::domain::roster::{picks, Pick};
use crate::domain::text::{number, short};
use crate::domain::{release, review, EntryKind, Incident, Severity, Status, TimelineEntry, Workspace};
use crate::ui::components::field::{choices, Field, Select};
use crate::ui::components::paste_people::PastePeople;
use crate::ui::components::person_picker::PersonPicker;
use crate::ui::components::share::{CopyLink, Shares};
use crate::ui::components::shell::focus_id;
use crate::ui::components::when::{remember_zone, zone_choices, Moment, WhenContext, WhenInput};
use crate::ui::{route, state, time};

mod checklist;

/// Timeline entries rendered at a time; earlier ones load on request.
const TIMELINE_PAGE: usize = 100;

/// Kinds a person writes; status and role entries are written by the desk itself.
const MANUAL_KINDS: [EntryKind; 4] = [
    EntryKind::Note,
    EntryKind::Action,
    EntryKind::Decision,
    EntryKind::Comms,
];

// ---------------------------------------------------------------------------------------------
// Pieces shared with the incident list and the release log.

/// What the team says a severity means, or the built-in meaning.
pub fn severity_meaning(ws: &Workspace, s: Severity) -> String {
    ws.settings
        .severity_descriptions
        .get(s.as_str())
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map_or_else(|| s.default_description().to_string(), str::to_string)
}

#[component]
pub fn SeverityTag(severity: Severity) -> impl IntoView {
    view! { <span class=format!("tag {}", severity.as_str())>{severity.label()}</span> }
}

#[component]
pub fn StatusTag(status: Status) -> impl IntoView {
    let class = if status.is_open() {
        "tag status open"
    } else {
        "tag status ok"
    };
    view! { <span class=class>{status.label()}</span> }
}

/// A time in the viewer's zone, with UTC on hover and (when focusable) on focus.
#[component]
pub fn When(
    at: DateTime<Utc>,
    /// Hours and minutes only.
    #[prop(optional)]
    short: bool,
    #[prop(optional)] focusable: bool,
) -> impl IntoView {
    let shown = if short {
        time::local_hm(at)
    } else {
        time::local(at)
    };
    let utc = time::utc(at);
    let label = format!("{shown} your time ({utc})");
    view! {
        <time
            datetime=at.to_rfc3339()
            title=utc
            tabindex=focusable.then_some("0")
            aria-label=focusable.then_some(label)
        >
            {shown}
        </time>
    }
}

/// Refreshes every half minute, so "for them" clocks and running durations stay current.
fn ticking_clock() -> RwSignal<DateTime<Utc>> {
    let clock = RwSignal::new(state::now());
    if let Ok(handle) = set_interval_with_handle(
        move || clock.set(state::now()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
    clock
}

fn local_date(t: DateTime<Utc>) -> String {
    let full = time::local(t);
    full.split(", ").next().unwrap_or(&full).to_string()
}

// ---------------------------------------------------------------------------------------------
// The incident page.

#[component]
pub fn IncidentView(id: String) -> impl IntoView {
    let app = state::app();
    let exists = app.ws.with_untracked(|ws| find_incident(ws, &id).is_some());
    if !exists {
        return super::missing("Incident", id, "#/incidents", "All incidents");
    }
    let clock = ticking_clock();
    let inc_id = StoredValue::new(id.clone());
    let inc = Memo::new(move |_| app.ws.with(|ws| find_incident(ws, &inc_id.get_value()).cloned()));
    let backfill = Signal::derive(move || field_of(inc, |i| i.backfill).unwrap_or(false));
    // Scoped to this page's tree: a context provided on the route's owner would outlive it.
    let when_ctx = WhenContext::new(backfill, clock);
    let people = Memo::new(move |_| {
        let now = clock.get();
        app.with_team(|ws| picks(ws, now))
    });

    view! {
        {move || {
            inc.with(|i| i.is_none())
                .then(|| {
                    view! {
                        <p class="empty">
                            "This incident was deleted. "<a href="#/incidents">"Back to all incidents"</a>
                        </p>
                    }
                })
        }}
        <Provider value=when_ctx>
        <Show when=move || inc.with(|i| i.is_some())>
            <article class="incident-page">
                <Header inc=inc/>
                <checklist::Outstanding inc=inc clock=clock/>
                <BackfillBar inc=inc/>
                <StatusControls inc=inc clock=clock/>
                <RoleBoard inc=inc clock=clock people=people/>
                <Timeline inc=inc/>
                <KeyTimes inc=inc clock=clock/>
                <Details inc=inc/>
            </article>
        </Show>
        </Provider>
    }
    .into_any()
}

fn field_of<T>(inc: Memo<Option<Incident>>, f: impl Fn(&Incident) -> T) -> Option<T> {
    inc.with(|i| i.as_ref().map(f))
}

#[component]
fn Header(inc: Memo<Option<Incident>>) -> impl IntoView {
    let app = state::app();
    let id = move || field_of(inc, |i| i.id.clone()).unwrap_or_default();
    let review = move || {
        app.ws
            .with(|ws| review::review_for_incident(ws, &id()).map(|r| (r.id.clone(), r.status)))
    };
    let open = move || field_of(inc, |i| i.status.is_open()).unwrap_or(true);
    let error = RwSignal::new(None::<String>);
    let start = move |kind: ReviewKind| {
        let id = id();
        match app.try_update(|ws| review::start_review(ws, &id, kind, state::now())) {
            Ok(new) => {
                // The pressed button gives way to "Open its review" before the review's page
                // shows; focus goes ahead to the content so it never falls to the page body.
                focus_id("main");
                let _ = window().location().set_hash(&route::review_href(&new));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <header class="incident-head">
            <p class="crumb"><a href="#/incidents">"← All incidents"</a></p>
            <h1>{move || field_of(inc, |i| i.title.clone())}</h1>
            <p class="meta">
                {move || field_of(inc, |i| view! { <SeverityTag severity=i.severity/> " " <StatusTag status=i.status/> })}
                " Started "
                {move || field_of(inc, |i| view! { <When at=i.started_at focusable=true/> })}
            </p>
            <div class="actions head-actions" id="incident-actions">
                {move || match (review(), open()) {
                    (Some((rid, status)), _) => view! {
                        <a class="button secondary" href=route::review_href(&rid)>
                            {format!("Open its review ({})", status.label().to_lowercase())}
                        </a>
                    }
                    .into_any(),
                    (None, false) => view! {
                        <button on:click=move |_| start(ReviewKind::Full)>"Start review"</button>
                        <button class="secondary" on:click=move |_| start(ReviewKind::Quick)>"Start a quick review"</button>
                    }
                    .into_any(),
                    (None, true) => view! { <span class="hint">"A review can start once it is resolved."</span> }.into_any(),
                }}
                <button
                    class="secondary"
                    title="One incident with its review, release, roles and the people they name, as a workspace file another team can import"
                    on:click=move |_| super::data::export_incident_bundle(app, &id())
                >
                    "Download incident bundle"
                </button>
                <CopyLink id=Signal::derive(id) what=Shares::Incident/>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </header>
    }
}

/// The marker and controls of an incident recorded after the fact: the zone times are typed in,
/// and the way back to recording live.
#[component]
fn BackfillBar(inc: Memo<Option<Incident>>) -> impl IntoView {
    let app = state::app();
    let ctx = expect_context::<WhenContext>();
    let on = move || field_of(inc, |i| i.backfill).unwrap_or(false);
    let error = RwSignal::new(None::<String>);
    let set = move |v: bool| {
        let id = field_of(inc, |i| i.id.clone()).unwrap_or_default();
        match app.try_update(|ws| incident::set_backfill(ws, &id, v, state::now())) {
            Ok(()) => {
                error.set(None);
                app.say(if v {
                    "Recording after the fact: the times you type stay until you change them."
                } else {
                    "Recording live: times default to now again."
                });
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let zones = Signal::derive(move || {
        let mut z: Vec<String> = app.ws.with(|ws| {
            ws.people
                .iter()
                .filter(|p| p.deleted_at.is_none())
                .filter_map(|p| p.timezone.clone())
                .collect()
        });
        order::sort(&mut z);
        z.dedup();
        z.retain(|x| x != "UTC" && *x != time::zone());
        zone_choices(z)
    });
    let typed_in = Callback::new(move |z: String| {
        remember_zone(&z);
        ctx.zone.set(z);
    });
    view! {
        <Show
            when=on
            fallback=move || view! {
                <p class="backfill-offer">
                    <button type="button" class="link" on:click=move |_| set(true)>
                        "Recording this after the fact? Keep the times you type"
                    </button>
                </p>
            }
        >
            <section class="backfill-bar" aria-labelledby="backfill-h">
                <h2 id="backfill-h" class="backfill-title">"Recorded after the fact"</h2>
                <p>"Each time you type stays for the next event until you change it or press Now."</p>
                <Select label="Times typed in" id="backfill-zone" class="inline" value=ctx.zone on_change=typed_in choices=zones/>
                <button type="button" class="secondary" on:click=move |_| set(false)>"Done: record live again"</button>
            </section>
        </Show>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}

#[component]
fn StatusControls(inc: Memo<Option<Incident>>, clock: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let app = state::app();
    let error = RwSignal::new(None::<String>);
    let id = move || field_of(inc, |i| i.id.clone()).unwrap_or_default();
    let current = move || field_of(inc, |i| i.status).unwrap_or(Status::Investigating);
    let moment = Moment::new();
    let move_to = move |s: Status| {
        let id = id();
        let Ok(at) = moment.get() else { return };
        match app.try_update(|ws| incident::set_status(ws, &id, s, None, at, state::now())) {
            Ok(()) => {
                error.set(None);
                moment.recorded();
                clock.set(state::now());
                app.say(format!("Status is now {}.", s.label().to_lowercase()));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let severity = move || field_of(inc, |i| i.severity).unwrap_or(Severity::Sev3);
    let set_sev = Callback::new(move |v: String| {
        let Some(s) = Severity::parse(&v) else {
            return;
        };
        let id = id();
        let Ok(at) = moment.get() else { return };
        match app.try_update(|ws| incident::set_severity(ws, &id, s, None, at, state::now())) {
            Ok(()) => {
                error.set(None);
                moment.recorded();
                app.say(format!("Severity is now {}.", s.label()));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    });
    let meaning = Signal::derive(move || app.ws.with(|ws| severity_meaning(ws, severity())));
    view! {
        <section class="card" aria-labelledby="status-h">
            <h2 id="status-h">"Status and severity"</h2>
            <WhenInput moment=moment id="status-when" label="time of the status or severity change"/>
            <div class="lifecycle" role="group" aria-label="Status">
                {Status::ALL
                    .into_iter()
                    .map(|s| {
                        let is_current = move || current() == s;
                        let label = move || {
                            if is_current() {
                                format!("{} (now)", s.label())
                            } else if !current().is_open() && s.is_open() {
                                format!("Reopen: {}", s.label())
                            } else {
                                s.label().to_string()
                            }
                        };
                        let blocked = move || s == Status::Closed && current() != Status::Resolved;
                        view! {
                            <button
                                type="button"
                                class="step"
                                class:current=is_current
                                aria-pressed=move || if is_current() { "true" } else { "false" }
                                aria-disabled=move || (is_current() || blocked()).then_some("true")
                                title=move || blocked().then_some("Resolve it first; close it once its review is done.")
                                aria-describedby=move || blocked().then_some("closed-why")
                                on:click=move |_| if !is_current() { move_to(s) }
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="hint">
                "Investigating → Identified → Monitoring → Resolved → Closed. Resolving ends everyone's roles on it; close it after its review."
            </p>
            {move || (current() != Status::Resolved && current() != Status::Closed).then(|| view! {
                <p class="hint" id="closed-why">"Closed is not available yet: resolve the incident first, so its resolution time is recorded."</p>
            })}
            <Select
                label="Severity"
                id="incident-severity"
                class="sev-field"
                value=Signal::derive(move || severity().as_str().to_string())
                on_change=set_sev
                choices=choices(Severity::ALL, Severity::as_str, Severity::label)
                hint=meaning
            />
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Role board.

#[derive(Clone, Debug, PartialEq)]
struct Holder {
    assignment_id: String,
    person_id: String,
    name: String,
    timezone: Option<String>,
    since: DateTime<Utc>,
}

#[component]
fn RoleBoard(
    inc: Memo<Option<Incident>>,
    clock: RwSignal<DateTime<Utc>>,
    people: Memo<Vec<Pick>>,
) -> impl IntoView {
    let app = state::app();
    let id = field_of(inc, |i| i.id.clone()).unwrap_or_default();
    let roles = {
        let id = id.clone();
        move || {
            let now = clock.get();
            app.with_team(|ws| {
                incident::role_board(ws, &id, now)
                    .into_iter()
                    .map(|(r, _)| (r.id.clone(), r.name.clone(), r.description.clone(), r.takes_one()))
                    .collect::<Vec<_>>()
            })
        }
    };
    let nobody = move || people.with(|p| p.is_empty());
    view! {
        <section class="card" aria-labelledby="roles-h">
            <h2 id="roles-h">"Roles"</h2>
            <p class="hint">
                "The incident manager coordinates and does not fix. Hand a role over explicitly so everyone knows who holds it."
            </p>
            {move || nobody().then(|| view! {
                <div class="empty">
                    <p>"Nobody is on the roster yet. Add the people who are helping, then give them roles here."</p>
                    <PastePeople id="board"/>
                </div>
            })}
            <ul class="role-board">
                <For each=roles key=|r| r.clone() let:r>
                    <RoleRow incident_id=id.clone() role_id=r.0 role_name=r.1 description=r.2 one=r.3 clock=clock people=people/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn RoleRow(
    incident_id: String,
    role_id: String,
    role_name: String,
    description: String,
    /// Held by one person at a time: once held, it changes hands only by a hand-over.
    one: bool,
    clock: RwSignal<DateTime<Utc>>,
    people: Memo<Vec<Pick>>,
) -> impl IntoView {
    let app = state::app();
    let holders = {
        let (incident_id, role_id) = (incident_id.clone(), role_id.clone());
        Memo::new(move |_| {
            let now = clock.get();
            app.with_team(|ws| holders_of(ws, &incident_id, &role_id, now))
        })
    };
    let error = RwSignal::new(None::<String>);
    let row_id = format!("role-{role_id}");
    let moment = Moment::new();
    let assign = {
        let (incident_id, role_id) = (incident_id.clone(), role_id.clone());
        Callback::new(move |person: String| {
            let Ok(at) = moment.get() else { return false };
            let done = app.try_update(|ws| {
                incident::assign_incident_role(ws, &incident_id, &person, &role_id, None, at, state::now())
            });
            recorded(done.map(|_| ()), error, moment, clock, |ws| {
                format!(
                    "{} is now {}.",
                    assign::person_name(ws, &person),
                    assign::role_name(ws, &role_id)
                )
            })
        })
    };
    let except =
        Signal::derive(move || holders.with(|h| h.iter().map(|h| h.person_id.clone()).collect::<Vec<_>>()));
    let (rid, rname) = (
        StoredValue::new(role_id.clone()),
        StoredValue::new(role_name.clone()),
    );
    view! {
        <li class="role-row" id=row_id.clone()>
            <div class="role-name">
                <h3>{role_name.clone()}</h3>
                <p class="hint">{description}</p>
            </div>
            <div class="role-holders">
                <Show when=move || holders.with(|h| !h.is_empty()) fallback=|| view! { <p class="unheld">"Nobody holds this role."</p> }>
                    <ul class="holders">
                        <For each=move || holders.get() key=|h| h.assignment_id.clone() let:h>
                            <HolderItem holder=h role_id=rid.get_value() role_name=rname.get_value() clock=clock people=people/>
                        </For>
                    </ul>
                </Show>
                <checklist::RoleChecklistView incident_id=incident_id.clone() role_id=role_id.clone() role_name=role_name.clone() clock=clock/>
                <Show
                    when=move || !(one && holders.with(|h| !h.is_empty()))
                    fallback=|| view! { <p class="hint one-holder">"One holder at a time: hand it over below, or release them first."</p> }
                >
                <PersonPicker
                    people=people
                    role_id=rid.get_value()
                    role_name=rname.get_value()
                    clock=clock
                    id=format!("assign-{}", rid.get_value())
                    form_class="assign-form"
                    label=format!("Person for {}", rname.get_value())
                    placeholder="Assign to…"
                    except=except
                    button="Assign"
                    nobody="Choose who takes this role first."
                    anyway=|name| format!("Assign {name} anyway")
                    on_pick=assign
                    error=error
                    scope=format!("#role-{}", rid.get_value())
                >
                    <WhenInput moment=moment id=format!("assign-{}-when", rid.get_value()) label=format!("time {} was assigned", rname.get_value())/>
                </PersonPicker>
                </Show>
            </div>
        </li>
    }
}

/// Who holds `role_id` on the incident at `now`, with their zone and since when.
fn holders_of(ws: &Workspace, incident_id: &str, role_id: &str, now: DateTime<Utc>) -> Vec<Holder> {
    incident::role_board(ws, incident_id, now)
        .into_iter()
        .find(|(r, _)| r.id == role_id)
        .map(|(_, held)| {
            held.iter()
                .map(|a| Holder {
                    assignment_id: a.id.clone(),
                    person_id: a.person.clone(),
                    name: assign::person_name(ws, &a.person),
                    timezone: assign::find_person(ws, &a.person).and_then(|p| p.timezone.clone()),
                    since: a.start,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// After a role change: the error it gave, or the time used, the clock moved on and the change
/// announced (`said`, read from the workspace it made).
fn recorded<E: std::fmt::Display>(
    done: Result<(), E>,
    error: RwSignal<Option<String>>,
    moment: Moment,
    clock: RwSignal<DateTime<Utc>>,
    said: impl FnOnce(&Workspace) -> String,
) -> bool {
    match done {
        Ok(()) => {
            error.set(None);
            moment.recorded();
            clock.set(state::now());
            let app = state::app();
            app.say(app.ws.with_untracked(said));
            true
        }
        Err(e) => {
            error.set(Some(e.to_string()));
            false
        }
    }
}

#[component]
fn HolderItem(
    holder: Holder,
    role_id: String,
    role_name: String,
    clock: RwSignal<DateTime<Utc>>,
    people: Memo<Vec<Pick>>,
) -> impl IntoView {
    let app = state::app();
    let error = RwSignal::new(None::<String>);
    // Their own clock when they took the role: what the review will ask about.
    let their_time = time::for_person_at(&holder.name, holder.timezone.as_deref(), holder.since);
    // Too long or too many nights on incident roles: said on the board, in words.
    let tired = {
        let pid = holder.person_id.clone();
        move || {
            let now = clock.get();
            app.with_team(|ws| {
                crate::domain::rest::hours_of(ws, &pid, &time::BrowserZones, now).and_then(|h| h.sentence())
            })
        }
    };
    // Holding more than they can carry now, all roles counted: said on the board, in words.
    let over = {
        let pid = holder.person_id.clone();
        move || {
            people.with(|list| {
                list.iter()
                    .find(|p| p.id == pid && p.load > p.capacity)
                    .map(|p| format!("Over capacity: load {} of {}", number(p.load), number(p.capacity)))
            })
        }
    };
    let (rname, who) = (
        StoredValue::new(role_name.clone()),
        StoredValue::new(holder.name.clone()),
    );
    let aid = StoredValue::new(holder.assignment_id.clone());
    let moment = Moment::new();
    let handover = Callback::new(move |person: String| {
        let Ok(at) = moment.get() else { return false };
        let done = app.try_update(|ws| {
            incident::handover_incident_role(ws, &aid.get_value(), &person, None, at, state::now())
        });
        recorded(done.map(|_| ()), error, moment, clock, |ws| {
            format!(
                "{} handed over to {}.",
                rname.get_value(),
                assign::person_name(ws, &person)
            )
        })
    });
    let release = move |_| {
        let Ok(at) = moment.get() else { return };
        let done = app
            .try_update(|ws| incident::release_incident_role(ws, &aid.get_value(), None, at, state::now()));
        recorded(done, error, moment, clock, |_| {
            format!("{} released from {}.", who.get_value(), rname.get_value())
        });
    };
    let select_id = format!("handover-{}", aid.get_value());
    let name = holder.name.clone();
    let me = holder.person_id.clone();
    view! {
        <li class="holder" id=format!("holder-{}", aid.get_value())>
            <p class="who">
                <strong>{holder.name.clone()}</strong>
                <span class="since">" since " <When at=holder.since short=true/></span>
                {their_time.map(|t| view! { " " <span class="their-time">"("{t}")"</span> })}
            </p>
            {move || tired().map(|t| view! { <p class="flag warn needs-rest">{t}</p> })}
            {move || over().map(|t| view! { <p class="flag warn over-capacity">{t}</p> })}
            <PersonPicker
                people=people
                role_id=role_id
                role_name=role_name.clone()
                clock=clock
                id=select_id.clone()
                form_class="handover-form"
                label=format!("Hand {role_name} over from {name} to")
                placeholder="Hand over to…"
                except=Signal::derive(move || vec![me.clone()])
                button="Hand over"
                quiet=true
                nobody="Choose who takes the role over."
                anyway=|name| format!("Hand over to {name} anyway")
                on_pick=handover
                error=error
                scope=format!("#holder-{}", aid.get_value())
            >
                <button type="button" class="secondary" on:click=release>
                    "Release"<span class="visually-hidden">{format!(" {name} from {role_name}")}</span>
                </button>
                <WhenInput moment=moment id=format!("{select_id}-when") label=format!("time {name} hands over or leaves {role_name}")/>
            </PersonPicker>
        </li>
    }
}

// ---------------------------------------------------------------------------------------------
// Timeline.

#[component]
fn Timeline(inc: Memo<Option<Incident>>) -> impl IntoView {
    let app = state::app();
    let id = StoredValue::new(field_of(inc, |i| i.id.clone()).unwrap_or_default());
    let shown = RwSignal::new(TIMELINE_PAGE);
    let editing = RwSignal::new(None::<String>);
    let total = move || field_of(inc, |i| incident::timeline(i).len()).unwrap_or(0);
    // Each line's people, on their own clocks at that moment.
    let lines = move || {
        let page = inc.with(|i| {
            i.as_ref()
                .map(|i| incident::timeline_page(i, shown.get(), local_date))
                .unwrap_or_default()
        });
        app.ws.with(|ws| {
            page.into_iter()
                .map(|line| {
                    let clocks = incident::entry_people(ws, &line.entry)
                        .iter()
                        .filter_map(|p| ws.people.iter().find(|x| &x.id == p))
                        .filter_map(|p| time::for_person_at(&p.name, p.timezone.as_deref(), line.entry.at))
                        .collect();
                    EntryLine { line, clocks }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="timeline-h">
            <h2 id="timeline-h">"Timeline"</h2>
            <AddEntry incident_id=id/>
            {move || (total() > shown.get()).then(|| view! {
                <button class="secondary more" on:click=move |_| shown.update(|s| *s += TIMELINE_PAGE)>
                    {format!("Show {} earlier entries", TIMELINE_PAGE.min(total() - shown.get()))}
                </button>
            })}
            <Show when=move || { total() > 0 } fallback=|| view! { <p class="empty">"Nothing logged yet. Write what you see, what you do and what you decide, as it happens."</p> }>
                <ol class="timeline" aria-label="Timeline entries, oldest first">
                    <For each=lines key=EntryLine::key let:line>
                        <EntryRow incident_id=id.get_value() line=line editing=editing/>
                    </For>
                </ol>
            </Show>
        </section>
    }
}

/// The form that adds an entry: what happened, its kind and when.
#[component]
fn AddEntry(incident_id: StoredValue<String>) -> impl IntoView {
    let app = state::app();
    let text = RwSignal::new(String::new());
    let kind = RwSignal::new(EntryKind::Note);
    let moment = Moment::new();
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(when) = moment.get() else { return };
        let (t, k) = (text.get_untracked(), kind.get_untracked());
        let id = incident_id.get_value();
        match app.try_update(|ws| incident::add_entry(ws, &id, k, &t, when, None, state::now())) {
            Ok(_) => {
                text.set(String::new());
                moment.recorded();
                error.set(None);
                app.say(format!(
                    "Added to the timeline at {}: {}",
                    time::local_hm(when),
                    t.trim()
                ));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="timeline-add" on:submit=add aria-label="Add a timeline entry">
            <div class="grow">
                <Field label="What happened" value=text id="timeline-text" hint="Press Enter to add it. Shortcut: t" error=error/>
            </div>
            <KindSelect id="timeline-kind" kind/>
            <div class="field">
                <WhenInput moment=moment id="timeline-at" label="time of the entry"/>
            </div>
            <div class="field submit">
                <button type="submit">"Add entry"</button>
            </div>
        </form>
    }
}

/// The kind of an entry a person writes.
#[component]
fn KindSelect(#[prop(into)] id: String, kind: RwSignal<EntryKind>) -> impl IntoView {
    view! {
        <Select
            label="Kind"
            id=id
            value=Signal::derive(move || kind.get().as_str().to_string())
            on_change=Callback::new(move |v: String| if let Some(k) = EntryKind::parse(&v) { kind.set(k) })
            choices=choices(MANUAL_KINDS, EntryKind::as_str, EntryKind::label)
        />
    }
}

/// One timeline row as shown, with the clocks of the people it is about at that moment.
#[derive(Clone, Debug, PartialEq)]
struct EntryLine {
    line: TimelineLine,
    clocks: Vec<String>,
}

impl EntryLine {
    /// Everything the row shows, so a change to any of it redraws the row.
    fn key(&self) -> String {
        let TimelineLine {
            entry: e,
            new_day,
            before_start,
        } = &self.line;
        let clocks = self.clocks.join(",");
        format!(
            "{}|{}|{}|{}|{new_day}|{clocks}|{before_start}",
            e.id,
            e.at,
            e.kind.as_str(),
            e.text
        )
    }
}

/// What an entry's edit form holds. It lives as long as the row, so Cancel and Edit again
/// show what was typed.
#[derive(Clone, Copy)]
struct EntryDraft {
    text: RwSignal<String>,
    kind: RwSignal<EntryKind>,
    at: RwSignal<String>,
    /// The zone the time is typed in.
    zone: StoredValue<String>,
    logged: DateTime<Utc>,
}

impl EntryDraft {
    fn new(entry: &TimelineEntry) -> EntryDraft {
        let zone = use_context::<WhenContext>().map_or_else(time::zone, |c| c.zone_name());
        EntryDraft {
            text: RwSignal::new(entry.text.clone()),
            kind: RwSignal::new(entry.kind),
            at: RwSignal::new(time::to_input_in(entry.at, &zone)),
            zone: StoredValue::new(zone),
            logged: entry.at,
        }
    }

    /// The time typed; an unchanged minute keeps the seconds it was logged with.
    fn when(self) -> Option<DateTime<Utc>> {
        let (typed, zone) = (self.at.get_untracked(), self.zone.get_value());
        if typed == time::to_input_in(self.logged, &zone) {
            Some(self.logged)
        } else {
            time::from_input_in(&typed, &zone)
        }
    }
}

#[component]
fn EntryRow(incident_id: String, line: EntryLine, editing: RwSignal<Option<String>>) -> impl IntoView {
    let entry = line.line.entry.clone();
    let eid = StoredValue::new(entry.id.clone());
    let iid = StoredValue::new(incident_id);
    let is_editing = move || editing.with(|e| e.as_deref() == Some(eid.get_value().as_str()));
    let draft = EntryDraft::new(&entry);
    let error = RwSignal::new(None::<String>);
    let automatic = matches!(entry.kind, EntryKind::Status | EntryKind::Role);
    view! {
        <li class=format!("entry kind-{}", entry.kind.as_str())>
            {move || if is_editing() {
                view! { <EntryEdit incident_id=iid entry_id=eid draft automatic editing error/> }.into_any()
            } else {
                view! { <EntryShown incident_id=iid line=line.clone() editing error/> }.into_any()
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </li>
    }
}

/// An entry as read: its time, kind and text, the people's clocks, and Edit and Delete.
#[component]
fn EntryShown(
    incident_id: StoredValue<String>,
    line: EntryLine,
    editing: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let app = state::app();
    let EntryLine {
        line: TimelineLine {
            entry,
            new_day,
            before_start,
        },
        clocks,
    } = line;
    let eid = StoredValue::new(entry.id.clone());
    let delete = move |_| {
        if let Err(e) = app.update_with_undo("Deleted the timeline entry.", |ws| {
            incident::delete_entry(ws, &incident_id.get_value(), &eid.get_value(), state::now())
        }) {
            error.set(Some(e.to_string()));
        }
    };
    let hm = time::local_hm(entry.at);
    let when = if new_day {
        view! { <When at=entry.at focusable=true/> }.into_any()
    } else {
        view! { <When at=entry.at short=true focusable=true/> }.into_any()
    };
    view! {
        <div class="entry-line">
            <span class="entry-time">{when}</span>
            <span class="tag kind">{entry.kind.label()}</span>
            <span class="entry-text">{entry.text.clone()}</span>
            {before_start.then(|| view! { <span class="tag before-start">"Before the start"</span> })}
            {(!clocks.is_empty()).then(|| view! { <span class="their-time">{format!("({})", clocks.join("; "))}</span> })}
            <span class="entry-actions">
                <button type="button" class="link" on:click=move |_| {
                    error.set(None);
                    editing.set(Some(eid.get_value()));
                }>
                    "Edit"<span class="visually-hidden">{format!(" entry at {hm}: {}", short(&entry.text))}</span>
                </button>
                {(!entry.records_something()).then(|| view! {
                    <button type="button" class="link" on:click=delete>
                        "Delete"<span class="visually-hidden">{format!(" entry at {hm}: {}", short(&entry.text))}</span>
                    </button>
                })}
            </span>
        </div>
    }
}

/// An entry's edit form: its text, its kind (unless the desk wrote it) and its time.
#[component]
fn EntryEdit(
    incident_id: StoredValue<String>,
    entry_id: StoredValue<String>,
    draft: EntryDraft,
    automatic: bool,
    editing: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let app = state::app();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(when) = draft.when() else {
            error.set(Some("Enter the time as a date and time.".into()));
            return;
        };
        let (k, t) = (draft.kind.get_untracked(), draft.text.get_untracked());
        let (iid, eid) = (incident_id.get_value(), entry_id.get_value());
        match app.try_update(|ws| incident::edit_entry(ws, &iid, &eid, k, &t, when, state::now())) {
            Ok(()) => editing.set(None),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let edit_id = format!("edit-{}", entry_id.get_value());
    view! {
        <form class="entry-edit" on:submit=save aria-label="Edit the timeline entry">
            <Field label="Entry text" value=draft.text id=edit_id.clone()/>
            {(!automatic).then(|| view! { <KindSelect id=format!("{edit_id}-kind") kind=draft.kind/> })}
            <Field label="Entry time" value=draft.at kind="datetime-local" id=format!("{edit_id}-at")/>
            <div class="actions">
                <button type="submit">"Save"</button>
                <button type="button" class="secondary" on:click=move |_| editing.set(None)>"Cancel"</button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------------------------
// Key times and details.

#[component]
fn KeyTimes(inc: Memo<Option<Incident>>, clock: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let times = move || {
        inc.with(|i| {
            i.as_ref().map(|i| {
                (
                    incident::key_times(i, clock.get()),
                    i.status.is_open(),
                    incident::duration(i, clock.get()),
                )
            })
        })
    };
    let or_not = |d: Option<Duration>, none: &'static str| d.map_or_else(|| none.to_string(), human);
    view! {
        <section class="card" aria-labelledby="times-h">
            <h2 id="times-h">"Key times"</h2>
            {move || times().map(|(k, open, lasted)| view! {
                <dl class="key-times">
                    <div><dt>"Time to detect"</dt><dd>{or_not(k.time_to_detect, "Detection time not recorded")}</dd></div>
                    <div>
                        <dt>"Time to resolve"</dt>
                        <dd>{if open { format!("Still open after {}", human(lasted)) } else { or_not(k.time_to_resolve, "Resolution time not recorded") }}</dd>
                    </div>
                </dl>
                <div class="table-wrap">
                    <table class="in-status">
                        <caption class="visually-hidden">"Time in each status"</caption>
                        <thead><tr><th scope="col">"Status"</th><th scope="col">"Time in it"</th></tr></thead>
                        <tbody>
                            {k.in_status.into_iter().map(|(s, d)| view! { <tr><td>{s.label()}</td><td>{human(d)}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

#[component]
fn Details(inc: Memo<Option<Incident>>) -> impl IntoView {
    let editing = RwSignal::new(false);
    let text = move |f: fn(&Incident) -> String| move || field_of(inc, f);
    let time_or = move |f: fn(&Incident) -> Option<DateTime<Utc>>, none: &'static str| {
        move || {
            field_of(inc, f)
                .flatten()
                .map_or_else(|| none.into_any(), |d| view! { <When at=d/> }.into_any())
        }
    };
    view! {
        <section class="card" aria-labelledby="details-h">
            <h2 id="details-h">"Details"</h2>
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    <dl class="details">
                        <div><dt>"Services"</dt><dd>{text(|i| if i.services.is_empty() { "None recorded".to_string() } else { i.services.join(", ") })}</dd></div>
                        <div><dt>"Summary"</dt><dd class="summary">{text(|i| if i.summary.is_empty() { "No summary yet.".to_string() } else { i.summary.clone() })}</dd></div>
                        <div><dt>"Detected"</dt><dd>{time_or(|i| i.detected_at, "Not recorded")}</dd></div>
                        <div><dt>"Resolved"</dt><dd>{time_or(|i| i.resolved_at, "Not yet")}</dd></div>
                    </dl>
                    <button class="secondary" on:click=move |_| editing.set(true)>"Edit details"</button>
                }
            >
                <DetailsEdit inc=inc editing=editing/>
            </Show>
            <ReleaseLink inc=inc/>
        </section>
    }
}

/// The details form: title, services, start, detection and summary, filled from the incident.
#[component]
fn DetailsEdit(inc: Memo<Option<Incident>>, editing: RwSignal<bool>) -> impl IntoView {
    let app = state::app();
    let i = inc.get_untracked();
    let init = |f: fn(&Incident) -> String| RwSignal::new(i.as_ref().map(f).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let title = init(|i| i.title.clone());
    let services = init(|i| i.services.join(", "));
    let summary = init(|i| i.summary.clone());
    let started = init(|i| time::to_input(i.started_at));
    let detected = init(|i| i.detected_at.map(time::to_input).unwrap_or_default());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(i) = inc.get_untracked() else { return };
        // A time left as shown keeps its seconds; one typed anew is read in the viewer's zone.
        let keep_or_parse = |s: &str, old: Option<DateTime<Utc>>| match old {
            Some(old) if s == time::to_input(old) => Some(old),
            _ => time::from_input(s),
        };
        let Some(start) = keep_or_parse(&started.get_untracked(), Some(i.started_at)) else {
            error.set(Some("Enter when it started as a date and time.".into()));
            return;
        };
        let d = detected.get_untracked();
        let detected_at = match keep_or_parse(&d, i.detected_at) {
            _ if d.trim().is_empty() => None,
            Some(t) => Some(t),
            None => {
                error.set(Some(
                    "Enter when it was detected as a date and time, or leave it empty.".into(),
                ));
                return;
            }
        };
        let edit = IncidentEdit {
            title: Some(title.get_untracked()),
            summary: Some(summary.get_untracked()),
            services: Some(services.get_untracked().split(',').map(str::to_string).collect()),
            started_at: Some(start),
            detected_at: Some(detected_at),
            ..IncidentEdit::default()
        };
        match app.try_update(|ws| incident::edit_incident(ws, &i.id, edit, state::now())) {
            Ok(()) => editing.set(false),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="form-grid details-edit" on:submit=save>
            <Field label="Title" value=title id="edit-title" required=true/>
            <Field label="Services" value=services id="edit-services" hint="Comma-separated, e.g. search, web"/>
            <Field label="Started" value=started kind="datetime-local" id="edit-started"/>
            <Field label="Detected" value=detected kind="datetime-local" id="edit-detected" hint="Leave empty if unknown."/>
            <div class="field wide">
                <label for="edit-summary">"Summary"</label>
                <textarea id="edit-summary" prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
            </div>
            <div class="actions wide">
                <button type="submit">"Save details"</button>
                <button type="button" class="secondary" on:click=move |_| editing.set(false)>"Cancel"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="error wide" role="alert">{e}</p> })}
        </form>
    }
}

/// The release an incident is linked to, and whether it started soon after a deploy.
#[component]
fn ReleaseLink(inc: Memo<Option<Incident>>) -> impl IntoView {
    let app = state::app();
    let id = StoredValue::new(field_of(inc, |i| i.id.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    // What the choices depend on: the release log, when the incident started and its link; a
    // timeline note changes none of them.
    let anchor = Memo::new(move |_| field_of(inc, |i| (i.started_at, i.release.clone())));
    let releases = Memo::new(move |_| {
        let Some((started, linked)) = anchor.get() else {
            return vec![];
        };
        app.releases.with(|rs| {
            release::link_choices(rs, started, linked.as_deref(), release::LINK_CHOICES)
                .into_iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let more = move || {
        app.releases
            .with(|rs| rs.iter().filter(|r| r.deleted_at.is_none()).count() > release::LINK_CHOICES)
    };
    let linked = Signal::derive(move || field_of(inc, |i| i.release.clone()).flatten().unwrap_or_default());
    let link = Callback::new(move |v: String| {
        let r = (!v.is_empty()).then_some(v);
        match app.try_update(|ws| release::link_incident(ws, &id.get_value(), r.as_deref(), state::now())) {
            Ok(()) => {
                error.set(None);
                let name = app.ws.with_untracked(|ws| {
                    r.as_deref()
                        .and_then(|r| assign::find_release(ws, r))
                        .map(|r| r.name.clone())
                });
                app.say(name.map_or("No release linked now.".to_string(), |n| {
                    format!("Linked to release {n}.")
                }));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    });
    let after = move || {
        app.ws.with(|ws| {
            release::after_deploy_of(ws, &id.get_value()).map(|(r, d)| (r.name.clone(), r.deployed_at, d))
        })
    };
    view! {
        <div class="field release-link">
            <Select label="Linked release" id="incident-release" bare=true value=linked on_change=link placeholder="No release linked" choices=releases/>
            {move || releases.with(Vec::is_empty).then(|| view! { <p class="hint">"No releases recorded. Record them on the "<a href="#/releases">"Releases"</a>" page."</p> })}
            {move || more().then(|| view! { <p class="hint">{format!("The {} releases nearest the incident's start; the whole log is on the ", release::LINK_CHOICES)}<a href="#/releases">"Releases"</a>" page."</p> })}
        </div>
        {move || after().map(|(name, deployed, d)| view! {
            <p class="after-deploy">
                <span class="flag warn">"After a deploy"</span>
                {format!(" Started {} after release {name} was deployed", human(d))}
                {deployed.map(|t| view! { " (" <When at=t/> ")" })}
                ". "<a href="#/releases">"See releases"</a>
            </p>
        })}
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}
