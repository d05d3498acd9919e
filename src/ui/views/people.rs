//! People and roles: the roster, who holds the standing roles, the role catalogue and the
//! separation-of-duty rules. Every change goes through `domain::people` and `domain::assign`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use gloo_timers::callback::Interval;
use leptos::prelude::*;

use super::data::plural;
use crate::domain::assign::{self, Link};
use crate::domain::refusal::{self, DomainError};
use crate::domain::{away, people, Scope, Workspace};
use crate::ui::components::field::Field;
use crate::ui::components::shell::{focus_id, focus_soon};
use crate::ui::components::when::{Moment, WhenInput};
use crate::ui::{state, time};

/// People shown per page of the roster.
const PAGE: usize = 50;
/// Ended standing assignments shown per step of the history.
const HISTORY_PAGE: usize = 5;
/// How often the "14:05 for them" clocks move on.
const TICK_MS: u32 = 20_000;

/// "3" for whole numbers, "2.5" otherwise.
fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

fn scope_words(s: Scope) -> &'static str {
    match s {
        Scope::Standing => "Standing: held for a period",
        Scope::Incident => "Within one incident",
        Scope::Release => "Within one release",
    }
}

/// Reads a number field the way people type it; `Ok(None)` when left empty.
fn read_number(s: &str, what: &str) -> Result<Option<f64>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.replace(',', ".")
        .parse::<f64>()
        .map(Some)
        .map_err(|_| format!("{what} must be a number of 0 or more."))
}

/// `<time>` in the viewer's zone, with UTC on hover and the exact instant in `datetime`.
fn when(t: DateTime<Utc>) -> impl IntoView {
    view! { <time datetime=t.to_rfc3339() title=time::utc(t)>{time::local(t)}</time> }
}

fn live_roles(ws: &Workspace) -> Vec<(String, String)> {
    ws.roles
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The roster

/// Everything one roster entry shows; a change to any of it re-renders that entry.
#[derive(Clone, PartialEq, Eq, Hash)]
struct PersonRow {
    id: String,
    name: String,
    timezone: Option<String>,
    skill_ids: Vec<String>,
    skills: Vec<String>,
    capacity: Option<String>,
    active: bool,
    held_total: usize,
    holds_now: Vec<String>,
}

fn person_rows(ws: &Workspace, now: DateTime<Utc>) -> Vec<PersonRow> {
    let mut total: HashMap<&str, usize> = HashMap::new();
    let mut holding: HashMap<&str, Vec<String>> = HashMap::new();
    for a in ws.assignments.iter().filter(|a| a.deleted_at.is_none()) {
        *total.entry(a.person.as_str()).or_default() += 1;
        if a.holds_at(now) {
            holding
                .entry(a.person.as_str())
                .or_default()
                .push(assign::role_name(ws, &a.role));
        }
    }
    let mut rows: Vec<PersonRow> = ws
        .people
        .iter()
        .filter(|p| p.deleted_at.is_none())
        .map(|p| PersonRow {
            id: p.id.clone(),
            name: p.name.clone(),
            timezone: p.timezone.clone(),
            skill_ids: p.skills.clone(),
            skills: p.skills.iter().map(|s| assign::role_name(ws, s)).collect(),
            capacity: p.capacity.map(num),
            active: p.active,
            held_total: total.get(p.id.as_str()).copied().unwrap_or(0),
            holds_now: holding.remove(p.id.as_str()).unwrap_or_default(),
        })
        .collect();
    rows.sort_by_key(|r| r.name.to_lowercase());
    rows
}

fn matches(r: &PersonRow, q: &str) -> bool {
    q.is_empty() || r.name.to_lowercase().contains(q) || r.skills.iter().any(|s| s.to_lowercase().contains(q))
}

/// What the person form hands back: the fields as the domain takes them.
#[derive(Clone)]
struct PersonInput {
    name: String,
    timezone: Option<String>,
    skills: Vec<String>,
    capacity: Option<f64>,
}

#[derive(Clone, Default)]
struct PersonDraft {
    name: String,
    timezone: String,
    skills: Vec<String>,
    capacity: String,
}

/// The viewer's zone first, then every zone the browser knows; keeps an unknown current value.
fn zone_options(current: &str) -> Vec<String> {
    let mut zones = crate::domain::zones::picker_list(time::zones());
    let viewer = crate::domain::zones::canonical(&time::zone()).to_string();
    if !zones.contains(&viewer) {
        zones.insert(0, viewer);
    }
    if !current.is_empty() && !zones.iter().any(|z| z == current) {
        zones.insert(0, current.to_string());
    }
    zones
}

/// Add and edit share this form: name, timezone, skills, capacity.
#[component]
fn PersonForm(
    /// Prefix for element ids, unique on the page.
    prefix: String,
    /// The form's accessible name.
    label: String,
    initial: PersonDraft,
    submit: &'static str,
    /// Applies the input; returns the domain's refusal, shown by the field it is about.
    on_save: Callback<PersonInput, Result<(), DomainError>>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
    /// Empty the form after a successful save, ready for the next person.
    #[prop(optional)]
    reset: bool,
) -> impl IntoView {
    let app = state::app();
    let name = RwSignal::new(initial.name.clone());
    let tz = RwSignal::new(initial.timezone.clone());
    let skills = RwSignal::new(initial.skills.clone());
    let capacity = RwSignal::new(initial.capacity.clone());
    let name_err = RwSignal::new(None::<String>);
    let cap_err = RwSignal::new(None::<String>);
    let skills_err = RwSignal::new(None::<String>);
    let roles = Memo::new(move |_| app.ws.with(live_roles));
    let default_cap = Memo::new(move |_| app.ws.with(|ws| num(ws.settings.default_capacity)));

    let name_id = format!("{prefix}-name");
    let tz_id = format!("{prefix}-tz");
    let cap_id = format!("{prefix}-capacity");
    let skills_err_id = format!("{prefix}-skills-err");
    let cap_hint_id = format!("{cap_id}-hint");
    let cap_err_id = format!("{cap_id}-err");

    let on_submit = {
        let (name_id, cap_id) = (name_id.clone(), cap_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            name_err.set(None);
            cap_err.set(None);
            skills_err.set(None);
            let cap = match read_number(&capacity.get_untracked(), "Capacity") {
                Ok(c) => c,
                Err(e) => {
                    cap_err.set(Some(e));
                    focus_id(&cap_id);
                    return;
                }
            };
            let input = PersonInput {
                name: name.get_untracked(),
                timezone: Some(tz.get_untracked()),
                skills: skills.get_untracked(),
                capacity: cap,
            };
            match on_save.run(input) {
                Ok(()) if reset => {
                    name.set(String::new());
                    skills.set(Vec::new());
                    capacity.set(String::new());
                    focus_id(&name_id);
                }
                Ok(()) => {}
                Err(e) if e.field() == refusal::Field::Name => {
                    name_err.set(Some(e.to_string()));
                    focus_id(&name_id);
                }
                Err(e) if e.field() == refusal::Field::Capacity => {
                    cap_err.set(Some(e.to_string()));
                    focus_id(&cap_id);
                }
                Err(e) => skills_err.set(Some(e.to_string())),
            }
        }
    };

    let initial_tz = initial.timezone.clone();
    let zone_list = zone_options(&initial_tz)
        .into_iter()
        .map(|z| {
            let selected = z == initial_tz;
            let v = z.clone();
            view! { <option value=v selected=selected>{z}</option> }
        })
        .collect_view();

    view! {
        <form class="person-form" novalidate aria-label=label on:submit=on_submit>
            <div class="form-grid">
                <Field label="Name" value=name id=name_id.clone() required=true error=name_err />
                <div class="field">
                    <label for=tz_id.clone()>"Timezone"</label>
                    <select id=tz_id.clone() on:change=move |ev| tz.set(event_target_value(&ev))>
                        <option value="" selected=initial_tz.is_empty()>"Not given"</option>
                        {zone_list}
                    </select>
                </div>
                <div class="field" class:invalid=move || cap_err.get().is_some()>
                    <label for=cap_id.clone()>"Capacity"</label>
                    <input
                        id=cap_id.clone()
                        type="number"
                        min="0"
                        step="any"
                        inputmode="decimal"
                        placeholder=move || default_cap.get()
                        aria-invalid=move || cap_err.get().is_some().then_some("true")
                        aria-describedby={
                            let (h, e) = (cap_hint_id.clone(), cap_err_id.clone());
                            move || if cap_err.get().is_some() { format!("{h} {e}") } else { h.clone() }
                        }
                        prop:value=move || capacity.get()
                        on:input=move |ev| capacity.set(event_target_value(&ev))
                    />
                    <p class="hint" id=cap_hint_id.clone()>
                        {move || format!("The load at which they count as overloaded. Leave empty for the team default, {}.", default_cap.get())}
                    </p>
                    {
                        let id = cap_err_id.clone();
                        move || cap_err.get().map(|e| view! { <p class="error" id=id.clone()>{e}</p> })
                    }
                </div>
            </div>
            <fieldset class="skills" aria-describedby=move || skills_err.get().map(|_| skills_err_id.clone())>
                <legend>"Roles they can take on"</legend>
                <Show
                    when=move || !roles.with(Vec::is_empty)
                    fallback=|| view! { <p class="hint">"The role catalogue is empty; add roles under Role catalogue first."</p> }
                >
                    <div class="checks">
                        <For each=move || roles.get() key=|r| r.clone() let:r>
                            {
                                let (id, id2) = (r.0.clone(), r.0.clone());
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || skills.with(|s| s.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                skills.update(|s| {
                                                    s.retain(|x| *x != id2);
                                                    if on {
                                                        s.push(id2.clone());
                                                    }
                                                });
                                            }
                                        />
                                        {r.1}
                                    </label>
                                }
                            }
                        </For>
                    </div>
                </Show>
                {
                    let id = format!("{prefix}-skills-err");
                    move || skills_err.get().map(|e| view! { <p class="error" id=id.clone()>{e}</p> })
                }
            </fieldset>
            <div class="actions">
                <button type="submit">{submit}</button>
                {on_cancel.map(|c| view! {
                    <button type="button" class="secondary" on:click=move |_| c.run(())>"Cancel"</button>
                })}
            </div>
        </form>
    }
}

/// What the roster entries share: the clock and which entry is being edited or deleted.
#[derive(Clone, Copy)]
struct Roster {
    app: state::App,
    now: RwSignal<DateTime<Utc>>,
    editing: RwSignal<Option<String>>,
    confirming: RwSignal<Option<String>>,
}

fn person_item(r: PersonRow, c: Roster) -> impl IntoView {
    let id = r.id.clone();
    let active = r.active;
    view! {
        <li class="person" class:inactive=!active>
            {move || {
                if c.editing.get().as_deref() == Some(id.as_str()) {
                    person_edit(r.clone(), c).into_any()
                } else {
                    person_summary(r.clone(), c).into_any()
                }
            }}
        </li>
    }
}

fn person_edit(r: PersonRow, c: Roster) -> impl IntoView {
    let app = c.app;
    let id = r.id.clone();
    let back = format!("edit-btn-{}", r.id);
    let save = Callback::new({
        let (id, back) = (id.clone(), back.clone());
        move |p: PersonInput| {
            app.try_update(|ws| {
                people::update_person(ws, &id, &p.name, p.timezone, p.skills, p.capacity, state::now())
            })?;
            app.say(format!("Saved {}.", p.name.trim()));
            c.editing.set(None);
            focus_soon(back.clone());
            Ok(())
        }
    });
    let cancel = Callback::new(move |()| {
        c.editing.set(None);
        focus_soon(back.clone());
    });
    let draft = PersonDraft {
        name: r.name.clone(),
        timezone: r.timezone.clone().unwrap_or_default(),
        skills: r.skill_ids.clone(),
        capacity: r.capacity.clone().unwrap_or_default(),
    };
    view! {
        <p class="person-name">{format!("Editing {}", r.name)}</p>
        <PersonForm
            prefix=format!("edit-{id}")
            label=format!("Edit {}", r.name)
            initial=draft
            submit="Save"
            on_save=save
            on_cancel=cancel
        />
    }
}

fn person_summary(r: PersonRow, c: Roster) -> impl IntoView {
    let app = c.app;
    let name = r.name.clone();
    let id = r.id.clone();
    let zone = r.timezone.clone();
    let clock = {
        let zone = zone.clone();
        move || match &zone {
            Some(z) => time::hm_in(z, c.now.get())
                .map(|hm| format!("{hm} for them"))
                .unwrap_or_else(|| "their timezone is not one the browser knows".into()),
            None => "no timezone given".into(),
        }
    };
    let skills = if r.skills.is_empty() {
        view! { <span class="muted">"No roles listed yet"</span> }.into_any()
    } else {
        r.skills
            .iter()
            .map(|s| view! { <span class="tag">{s.clone()}</span> " " })
            .collect_view()
            .into_any()
    };
    let capacity = match &r.capacity {
        Some(c) => format!("Capacity {c}"),
        None => "Capacity: team default".to_string(),
    };
    let holds = (!r.holds_now.is_empty()).then(|| format!("Holds now: {}", r.holds_now.join(", ")));

    let edit = {
        let id = id.clone();
        move |_| {
            c.confirming.set(None);
            c.editing.set(Some(id.clone()));
            focus_soon(format!("edit-{id}-name"));
        }
    };
    let set_active = {
        let (id, name) = (id.clone(), name.clone());
        move |on: bool| match app.try_update(|ws| people::set_active(ws, &id, on, state::now())) {
            Ok(()) if on => {
                app.say(format!("{name} is active again."));
                focus_soon(format!("deactivate-{id}"));
            }
            Ok(()) => {
                app.say(format!("{name} is now inactive; their history is kept."));
                focus_soon(format!("reactivate-{id}"));
            }
            Err(e) => app.say(e.to_string()),
        }
    };
    let delete = {
        let (id, name) = (id.clone(), name.clone());
        let held = r.held_total;
        move |_| {
            if held > 0 {
                c.confirming.set(Some(id.clone()));
                focus_soon(format!("deactivate-instead-{id}"));
                return;
            }
            if let Err(e) = app.update_with_undo(format!("Deleted {name}."), |ws| {
                people::delete_person(ws, &id, state::now(), false)
            }) {
                app.say(e.to_string());
            }
        }
    };
    let toggle = if r.active {
        let f = set_active.clone();
        view! {
            <button id=format!("deactivate-{id}") class="secondary" on:click=move |_| f(false)>
                "Deactivate"<span class="visually-hidden">" "{name.clone()}</span>
            </button>
        }
        .into_any()
    } else {
        let f = set_active.clone();
        view! {
            <button id=format!("reactivate-{id}") class="secondary" on:click=move |_| f(true)>
                "Reactivate"<span class="visually-hidden">" "{name.clone()}</span>
            </button>
        }
        .into_any()
    };
    let calendar = {
        let id = id.clone();
        move |_| crate::ui::views::rota::ahead::download_person(&id)
    };
    let confirm = {
        let r = r.clone();
        move || (c.confirming.get().as_deref() == Some(r.id.as_str())).then(|| delete_confirm(r.clone(), c))
    };

    view! {
        <div class="person-head">
            <span class="person-name">{name.clone()}</span>
            {(!r.active).then(|| view! { <span class="tag">"Inactive"</span> })}
            <span class="person-time">
                {zone.clone().unwrap_or_default()}
                {zone.is_some().then_some(" · ")}
                {clock}
            </span>
        </div>
        <p class="person-line"><span class="muted">"Can take on: "</span>{skills}</p>
        <p class="person-line">
            {capacity}
            {holds.map(|h| view! { " · " <span>{h}</span> })}
        </p>
        <div class="actions">
            <button id=format!("edit-btn-{id}") class="secondary" on:click=edit>
                "Edit"<span class="visually-hidden">" "{name.clone()}</span>
            </button>
            {toggle}
            <button id=format!("ics-{id}") class="secondary" on:click=calendar>
                <span class="visually-hidden">"Download "</span>"Calendar (.ics)"<span class="visually-hidden">" for "{name.clone()}</span>
            </button>
            <button class="secondary" on:click=delete>
                "Delete"<span class="visually-hidden">" "{name.clone()}</span>
            </button>
        </div>
        <AwayList person_id=id.clone() name=name.clone()/>
        {confirm}
    }
}

/// A person's away periods (holiday, exams): listed, added and removed in place. The role
/// board warns before giving them a role then, and the rota never plans them.
#[component]
fn AwayList(person_id: String, name: String) -> impl IntoView {
    let app = state::app();
    let pid = StoredValue::new(person_id.clone());
    let periods = Memo::new(move |_| {
        app.ws.with(|ws| {
            ws.people
                .iter()
                .find(|p| p.id == pid.get_value())
                .map(|p| p.away.clone())
                .unwrap_or_default()
        })
    });
    let (from, to, note) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parse = |s: String| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
        let (Some(f), Some(t)) = (parse(from.get_untracked()), parse(to.get_untracked())) else {
            error.set(Some("Give the first and the last day away.".into()));
            return;
        };
        let n = note.get_untracked();
        match app.try_update(|ws| away::add_away(ws, &pid.get_value(), f, t, &n, state::now())) {
            Ok(()) => {
                error.set(None);
                from.set(String::new());
                to.set(String::new());
                note.set(String::new());
                app.say("Added the away period.");
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let remove = move |i: usize| {
        if let Err(e) = app.update_with_undo("Removed the away period.", |ws| {
            away::remove_away(ws, &pid.get_value(), i, state::now())
        }) {
            error.set(Some(e.to_string()));
        }
    };
    let ids = (
        format!("away-{person_id}-from"),
        format!("away-{person_id}-to"),
        format!("away-{person_id}-note"),
    );
    view! {
        <details class="away">
            <summary>{move || format!("Away ({})", periods.with(Vec::len))}<span class="visually-hidden">{format!(": {name}")}</span></summary>
            <ul>
                {move || periods.get().into_iter().enumerate().map(|(i, a)| {
                    let words = away::days(a.from, a.to);
                    let note = (!a.note.is_empty()).then(|| format!(" ({})", a.note));
                    view! {
                        <li>
                            {words.clone()}{note}" "
                            <button type="button" class="link" on:click=move |_| remove(i)>
                                "Remove"<span class="visually-hidden">{format!(" away {words}")}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="away-add" on:submit=add>
                <div class="field"><label for=ids.0.clone()>"First day"</label><input id=ids.0 type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/></div>
                <div class="field"><label for=ids.1.clone()>"Last day"</label><input id=ids.1 type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/></div>
                <div class="field"><label for=ids.2.clone()>"Why (optional)"</label><input id=ids.2 type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/></div>
                <button type="submit" class="secondary">"Add away period"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </details>
    }
}

/// Asked in the page before deleting someone with a history of roles.
fn delete_confirm(r: PersonRow, c: Roster) -> impl IntoView {
    let app = c.app;
    let n = r.held_total;
    let heading = format!("Delete {}?", r.name);
    let explain = format!(
        "{} has held {}{}. Removing them also removes those assignments, so incident \
         timelines, role load and reviews would no longer show who did what. Deactivating \
         keeps that history and stops new roles being given to them.",
        r.name,
        plural(n, "role", "roles"),
        if r.holds_now.is_empty() {
            String::new()
        } else {
            format!(" ({} of them right now)", r.holds_now.len())
        }
    );
    let losses = app
        .ws
        .with_untracked(|ws| people::holder_losses(ws, &r.id, state::now()));
    let losses_view = (!losses.is_empty()).then(|| {
        view! {
            <p>"Removing them leaves these without a holder:"</p>
            <ul class="losses">
                {losses
                    .into_iter()
                    .map(|(kind, id, title, role)| {
                        let href = if kind == "incident" { crate::ui::route::incident_href(&id) } else { "#/releases".to_string() };
                        let what = if kind == "incident" { "incident" } else { "release" };
                        view! { <li><a href=href>{title}</a>{format!(" ({what}): {role}")}</li> }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let deactivate = {
        let (id, name) = (r.id.clone(), r.name.clone());
        move |_| match app.update_with_undo(format!("{name} is now inactive; their history is kept."), |ws| {
            people::set_active(ws, &id, false, state::now())
        }) {
            Ok(()) => {
                c.confirming.set(None);
                focus_soon(format!("reactivate-{id}"));
            }
            Err(e) => app.say(e.to_string()),
        }
    };
    let remove = {
        let (id, name) = (r.id.clone(), r.name.clone());
        move |_| {
            let msg = format!("Removed {name} and {}.", plural(n, "assignment", "assignments"));
            match app.update_with_undo(msg, |ws| people::delete_person(ws, &id, state::now(), true)) {
                Ok(()) => {
                    c.confirming.set(None);
                    focus_soon("search");
                }
                Err(e) => app.say(e.to_string()),
            }
        }
    };
    let cancel = {
        let id = r.id.clone();
        move |_| {
            c.confirming.set(None);
            focus_soon(format!("edit-btn-{id}"));
        }
    };
    let hid = format!("confirm-{}", r.id);
    let hid2 = hid.clone();
    view! {
        <div class="confirm" role="group" aria-labelledby=hid2>
            <p id=hid><strong>{heading}</strong></p>
            <p>{explain}</p>
            {losses_view}
            <p class="hint">"Removing someone erases their name and details: timelines and reviews then say “a removed person”, and the file keeps only an anonymous marker so a merge does not bring them back."</p>
            <div class="actions">
                <button id=format!("deactivate-instead-{}", r.id) on:click=deactivate>
                    "Deactivate instead"
                </button>
                <span class="muted">"(recommended)"</span>
                <button class="danger" on:click=remove>"Remove with their assignments"</button>
                <button class="secondary" on:click=cancel>"Cancel"</button>
            </div>
        </div>
    }
}

/// One page-at-a-time list of roster entries.
fn roster_list(
    rows: Signal<Vec<PersonRow>>,
    shown: RwSignal<usize>,
    c: Roster,
    label: &'static str,
) -> impl IntoView {
    let visible = move || rows.with(|r| r.iter().take(shown.get()).cloned().collect::<Vec<_>>());
    let hidden = move || rows.with(Vec::len).saturating_sub(shown.get());
    view! {
        <ul class="roster" aria-label=label>
            <For each=visible key=|r| r.clone() let:r>
                {person_item(r, c)}
            </For>
        </ul>
        <Show when=move || { hidden() > 0 }>
            <p class="actions">
                <button class="secondary" on:click=move |_| shown.update(|n| *n += PAGE)>
                    {move || format!("Show more ({} not shown)", hidden())}
                </button>
            </p>
        </Show>
    }
}

fn roster_section(now: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let app = state::app();
    let c = Roster {
        app,
        now,
        editing: RwSignal::new(None),
        confirming: RwSignal::new(None),
    };
    let query = RwSignal::new(String::new());
    let shown_active = RwSignal::new(PAGE);
    let shown_inactive = RwSignal::new(PAGE);
    // The clock is read fresh: the ticker only says when to look again.
    let all = Memo::new(move |_| {
        now.track();
        app.ws.with(|ws| person_rows(ws, state::now()))
    });
    let filtered = move |active: bool| {
        let q = query.get().trim().to_lowercase();
        all.with(|rows| {
            rows.iter()
                .filter(|r| r.active == active && matches(r, &q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let active = Signal::derive(move || filtered(true));
    let inactive = Signal::derive(move || filtered(false));
    let count = move || all.with(Vec::len);

    let empty = move || {
        view! {
            <div class="empty">
                <p>"Nobody is on the roster yet. Add the first person with the form below: a name is enough to start."</p>
                <p class="actions">
                    <button type="button" on:click=move |_| { focus_id("add-person-name"); }>"Add the first person"</button>
                </p>
                <p>
                    "Just looking around? The "<a href="#/load">"Load"</a>
                    " view can load an example team to try things with."
                </p>
            </div>
        }
    };

    view! {
        <section aria-labelledby="roster-h">
            <h2 id="roster-h">"Roster"</h2>
            <Show when=move || { count() > 0 } fallback=empty>
                <div class="field search">
                    <label for="search">"Search by name or role"</label>
                    <input
                        id="search"
                        type="search"
                        autocomplete="off"
                        prop:value=move || query.get()
                        on:input=move |ev| {
                            query.set(event_target_value(&ev));
                            shown_active.set(PAGE);
                            shown_inactive.set(PAGE);
                        }
                    />
                </div>
                <p class="muted" role="status">
                    {move || {
                        let (a, i) = (active.with(Vec::len), inactive.with(Vec::len));
                        if query.with(|q| q.trim().is_empty()) {
                            format!("{} active, {} inactive.", plural(a, "person", "people"), i)
                        } else {
                            format!("{} match “{}”.", plural(a + i, "person", "people"), query.get().trim())
                        }
                    }}
                </p>
                <Show
                    when=move || !active.with(Vec::is_empty)
                    fallback=move || {
                        view! {
                            <p class="empty">
                                {move || if query.with(|q| q.trim().is_empty()) {
                                    "Nobody is active at the moment; reactivate someone below or add a person.".to_string()
                                } else {
                                    format!("No active person matches “{}”.", query.get().trim())
                                }}
                            </p>
                        }
                    }
                >
                    {roster_list(active, shown_active, c, "Active people")}
                </Show>
                <Show when=move || !inactive.with(Vec::is_empty)>
                    <h3>"Inactive"</h3>
                    <p class="hint">"Inactive people keep their history but cannot be given new roles."</p>
                    {roster_list(inactive, shown_inactive, c, "Inactive people")}
                </Show>
            </Show>
        </section>
    }
}

fn add_person_section() -> impl IntoView {
    let app = state::app();
    let save = Callback::new(move |p: PersonInput| {
        app.try_update(|ws| people::add_person(ws, &p.name, p.timezone, p.skills, p.capacity, state::now()))?;
        app.say(format!("Added {} to the roster.", p.name.trim()));
        Ok(())
    });
    let draft = PersonDraft {
        timezone: time::zone(),
        ..PersonDraft::default()
    };
    view! {
        <section aria-labelledby="add-person-h" class="card">
            <h2 id="add-person-h">"Add a person"</h2>
            <PersonForm
                prefix="add-person".to_string()
                label="Add a person".to_string()
                initial=draft
                submit="Add person"
                on_save=save
                reset=true
            />
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Standing roles

#[derive(Clone, PartialEq, Eq, Hash)]
struct Held {
    id: String,
    person: String,
    role: String,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
}

/// Live standing assignments: (not yet ended, ended most recent first).
fn standing(ws: &Workspace, now: DateTime<Utc>) -> (Vec<Held>, Vec<Held>) {
    let (mut open, mut ended): (Vec<Held>, Vec<Held>) = ws
        .assignments
        .iter()
        .filter(|a| a.deleted_at.is_none() && Link::of(a) == Link::Standing)
        .map(|a| Held {
            id: a.id.clone(),
            person: assign::person_name(ws, &a.person),
            role: assign::role_name(ws, &a.role),
            start: a.start,
            end: a.end,
        })
        .partition(|h| h.end.is_none_or(|e| e > now));
    open.sort_by(|a, b| a.role.cmp(&b.role).then(a.start.cmp(&b.start)));
    ended.sort_by(|a, b| b.end.cmp(&a.end).then(b.start.cmp(&a.start)));
    (open, ended)
}

fn holder_item(h: Held, handing: RwSignal<Option<String>>) -> impl IntoView {
    let app = state::app();
    let upcoming = h.start > state::now();
    let moment = Moment::new();
    let end = {
        let h = h.clone();
        move |_| {
            // An assignment that has not started yet is ended where it starts: it never held.
            let Ok(at) = moment.get() else { return };
            let at = at.max(h.start);
            let msg = format!("Ended {}'s time as {}.", h.person, h.role);
            if let Err(e) =
                app.update_with_undo(msg, |ws| assign::end_assignment(ws, &h.id, at, state::now()))
            {
                app.say(e.to_string());
            } else {
                moment.recorded();
            }
        }
    };
    let open_handover = {
        let id = h.id.clone();
        move |_| {
            handing.set(Some(id.clone()));
            focus_soon(format!("handover-{id}"));
        }
    };
    let form = {
        let h = h.clone();
        move || (handing.get().as_deref() == Some(h.id.as_str())).then(|| handover_form(h.clone(), handing))
    };
    view! {
        <li class="holder">
            <span class="holder-role">{h.role.clone()}</span>": "
            <strong>{h.person.clone()}</strong>", "
            {if upcoming { "starts " } else { "since " }}
            {when(h.start)}
            {h.end.map(|e| view! { ", until " {when(e)} })}
            <div class="actions">
                <button class="secondary" on:click=end>
                    {if upcoming { "Cancel" } else { "End" }}
                    <span class="visually-hidden">{format!(" {}'s time as {}", h.person, h.role)}</span>
                </button>
                {(!upcoming).then(|| view! {
                    <button class="secondary" on:click=open_handover>
                        "Hand over to…"<span class="visually-hidden">{format!(" ({} held by {})", h.role, h.person)}</span>
                    </button>
                    <WhenInput moment=moment id=format!("end-{}-when", h.id) label=format!("time {}'s turn as {} ends", h.person, h.role)/>
                })}
            </div>
            {form}
        </li>
    }
}

/// Picks who takes a standing role over; the handover happens at the moment it is confirmed.
fn handover_form(h: Held, handing: RwSignal<Option<String>>) -> impl IntoView {
    let app = state::app();
    let to = RwSignal::new(String::new());
    let err = RwSignal::new(None::<String>);
    let candidates = Memo::new(move |_| app.ws.with(people::active_by_name));
    let moment = Moment::new();
    let submit = {
        let h = h.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let target = to.get_untracked();
            if target.is_empty() {
                err.set(Some("Pick who takes the role over.".into()));
                return;
            }
            let Ok(at) = moment.get() else { return };
            match app.try_update(|ws| assign::handover(ws, &h.id, &target, at, state::now())) {
                Ok(_) => {
                    moment.recorded();
                    let who = app.ws.with_untracked(|ws| assign::person_name(ws, &target));
                    app.say(format!("{} handed {} over to {who}.", h.person, h.role));
                    handing.set(None);
                }
                Err(e) => err.set(Some(e.to_string())),
            }
        }
    };
    let sel_id = format!("handover-{}", h.id);
    let err_id = format!("handover-{}-err", h.id);
    let err_id2 = err_id.clone();
    view! {
        <form class="handover" novalidate aria-label=format!("Hand {} over", h.role) on:submit=submit>
            <div class="field" class:invalid=move || err.get().is_some()>
                <label for=sel_id.clone()>{format!("Hand {} over to", h.role)}</label>
                <select
                    id=sel_id
                    aria-describedby=move || err.get().map(|_| err_id.clone())
                    on:change=move |ev| to.set(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || to.get().is_empty()>"Choose a person…"</option>
                    <For each=move || candidates.get() key=|p| p.clone() let:p>
                        {
                            let v = p.0.clone();
                            view! { <option value=p.0.clone() prop:selected=move || to.get() == v>{p.1}</option> }
                        }
                    </For>
                </select>
                {move || err.get().map(|e| view! { <p class="error" id=err_id2.clone()>{e}</p> })}
                <p class="hint">"One ends and the other starts at the same instant: now, or the time you give."</p>
            </div>
            <WhenInput moment=moment id=format!("handover-{}-when", h.id) label="time of the hand-over"/>
            <div class="actions">
                <button type="submit">"Hand over"</button>
                <button type="button" class="secondary" on:click=move |_| handing.set(None)>"Cancel"</button>
            </div>
        </form>
    }
}

fn standing_section(now: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let app = state::app();
    let lists = Memo::new(move |_| {
        now.track();
        app.ws.with(|ws| standing(ws, state::now()))
    });
    let current = move || lists.with(|l| l.0.clone());
    let history_len = move || lists.with(|l| l.1.len());
    let shown = RwSignal::new(HISTORY_PAGE);
    let history = move || lists.with(|l| l.1.iter().take(shown.get()).cloned().collect::<Vec<_>>());
    let handing = RwSignal::new(None::<String>);

    let roles = Memo::new(move |_| {
        app.ws.with(|ws| {
            ws.roles
                .iter()
                .filter(|r| r.deleted_at.is_none() && r.scope == Scope::Standing)
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let people_list = Memo::new(move |_| app.ws.with(people::active_by_name));
    let person = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let from = RwSignal::new(time::to_input(state::now()));
    let person_err = RwSignal::new(None::<String>);
    let role_err = RwSignal::new(None::<String>);
    let from_err = RwSignal::new(None::<String>);

    let give = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        person_err.set(None);
        role_err.set(None);
        from_err.set(None);
        let (p, r) = (person.get_untracked(), role.get_untracked());
        let mut bad = false;
        if p.is_empty() {
            person_err.set(Some("Pick who takes the role on.".into()));
            bad = true;
        }
        if r.is_empty() {
            role_err.set(Some("Pick a standing role.".into()));
            bad = true;
        }
        let start = time::from_input(&from.get_untracked());
        if start.is_none() {
            from_err.set(Some("Give the start as a date and a time.".into()));
            bad = true;
        }
        let Some(start) = start.filter(|_| !bad) else {
            return;
        };
        match app.try_update(|ws| assign::assign(ws, &p, &r, Link::Standing, start, state::now())) {
            Ok(_) => {
                let (pn, rn) = app
                    .ws
                    .with_untracked(|ws| (assign::person_name(ws, &p), assign::role_name(ws, &r)));
                app.say(format!("{pn} is now {rn}."));
                person.set(String::new());
                role.set(String::new());
                from.set(time::to_input(state::now()));
            }
            Err(e) => person_err.set(Some(e.to_string())),
        }
    };

    let select = move |id: &'static str,
                       label: &'static str,
                       placeholder: &'static str,
                       value: RwSignal<String>,
                       options: Memo<Vec<(String, String)>>,
                       error: RwSignal<Option<String>>| {
        let err_id = format!("{id}-err");
        view! {
            <div class="field" class:invalid=move || error.get().is_some()>
                <label for=id>{label}</label>
                <select
                    id=id
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby={
                        let e = err_id.clone();
                        move || error.get().map(|_| e.clone())
                    }
                    on:change=move |ev| value.set(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || value.get().is_empty()>{placeholder}</option>
                    <For each=move || options.get() key=|o| o.clone() let:o>
                        {
                            let v = o.0.clone();
                            view! { <option value=o.0.clone() prop:selected=move || value.get() == v>{o.1}</option> }
                        }
                    </For>
                </select>
                {move || error.get().map(|e| view! { <p class="error" id=err_id.clone()>{e}</p> })}
            </div>
        }
    };

    view! {
        <section aria-labelledby="standing-h">
            <h2 id="standing-h">"Standing roles"</h2>
            <p class="lead">"Roles held for a period rather than within one incident or release, such as the committee chair."</p>
            <Show
                when=move || lists.with(|l| !l.0.is_empty())
                fallback=|| view! { <p class="empty">"Nobody holds a standing role right now. Give one with the form below."</p> }
            >
                <ul class="holders" aria-label="Current standing roles">
                    <For each=current key=|h| h.clone() let:h>
                        {holder_item(h, handing)}
                    </For>
                </ul>
            </Show>
            <div class="card">
                <h3 id="give-h">"Give a standing role"</h3>
                <Show
                    when=move || !roles.with(Vec::is_empty)
                    fallback=|| view! { <p class="hint">"The role catalogue has no standing roles yet; add one below with the scope “Standing”."</p> }
                >
                    <form novalidate aria-labelledby="give-h" on:submit=give>
                        <div class="form-grid">
                            {select("give-person", "Person", "Choose a person…", person, people_list, person_err)}
                            {select("give-role", "Standing role", "Choose a role…", role, roles, role_err)}
                            <Field label="From" kind="datetime-local" value=from id="give-from" error=from_err />
                        </div>
                        <Show when=move || people_list.with(Vec::is_empty)>
                            <p class="hint">"Only active people can be given a role; add someone to the roster first."</p>
                        </Show>
                        <div class="actions"><button type="submit">"Give role"</button></div>
                    </form>
                </Show>
            </div>
            <h3>"History"</h3>
            <Show
                when=move || { history_len() > 0 }
                fallback=|| view! { <p class="hint">"No standing role has ended yet."</p> }
            >
                <ul class="history" aria-label="Ended standing roles, most recent first">
                    <For each=history key=|h| h.clone() let:h>
                        <li>
                            <span class="holder-role">{h.role.clone()}</span>": "
                            <strong>{h.person.clone()}</strong>", from "
                            {when(h.start)}" until "{h.end.map(when)}
                        </li>
                    </For>
                </ul>
                <Show when=move || { history_len() > shown.get() }>
                    <p class="actions">
                        <button class="secondary" on:click=move |_| shown.update(|n| *n += HISTORY_PAGE)>
                            {move || format!("Show older ({} more)", history_len() - shown.get())}
                        </button>
                    </p>
                </Show>
            </Show>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The role catalogue

#[derive(Clone, PartialEq, Eq, Hash)]
struct RoleRow {
    id: String,
    name: String,
    scope: Scope,
    weight: String,
    description: String,
    skilled: usize,
}

fn role_rows(ws: &Workspace) -> Vec<RoleRow> {
    ws.roles
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .map(|r| RoleRow {
            id: r.id.clone(),
            name: r.name.clone(),
            scope: r.scope,
            weight: num(r.weight),
            description: r.description.clone(),
            skilled: ws
                .people
                .iter()
                .filter(|p| p.deleted_at.is_none() && p.skills.contains(&r.id))
                .count(),
        })
        .collect()
}

/// Where a role form's refusal belongs: the weight, or else the name (empty or taken).
fn route_role_error(
    e: DomainError,
    (name, name_id): (RwSignal<Option<String>>, &str),
    (weight, weight_id): (RwSignal<Option<String>>, &str),
) {
    if e.field() == refusal::Field::Weight {
        weight.set(Some(e.to_string()));
        focus_id(weight_id);
    } else {
        name.set(Some(e.to_string()));
        focus_id(name_id);
    }
}

fn role_edit_row(r: RoleRow, editing: RwSignal<Option<String>>) -> impl IntoView {
    let app = state::app();
    let name = RwSignal::new(r.name.clone());
    let weight = RwSignal::new(r.weight.clone());
    let description = RwSignal::new(r.description.clone());
    let name_err = RwSignal::new(None::<String>);
    let weight_err = RwSignal::new(None::<String>);
    let back = format!("role-edit-btn-{}", r.id);
    let save = {
        let (id, back) = (r.id.clone(), back.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            name_err.set(None);
            weight_err.set(None);
            let w = match read_number(&weight.get_untracked(), "Weight") {
                Ok(Some(w)) => w,
                Ok(None) => {
                    weight_err.set(Some("Weight must be a number of 0 or more.".into()));
                    return;
                }
                Err(e) => {
                    weight_err.set(Some(e));
                    return;
                }
            };
            let n = name.get_untracked();
            match app.try_update(|ws| {
                people::update_role(ws, &id, &n, w, &description.get_untracked(), state::now())
            }) {
                Ok(()) => {
                    app.say(format!("Saved the role {}.", n.trim()));
                    editing.set(None);
                    focus_soon(back.clone());
                }
                Err(e) => route_role_error(e, (name_err, "role-edit-name"), (weight_err, "role-edit-weight")),
            }
        }
    };
    let cancel = move |_| {
        editing.set(None);
        focus_soon(back.clone());
    };
    view! {
        <tr class="editing">
            <td colspan="6">
                <form novalidate aria-label=format!("Edit the role {}", r.name) on:submit=save>
                    <div class="form-grid">
                        <Field label="Name" value=name id="role-edit-name" required=true error=name_err />
                        <Field label="Weight" kind="number" value=weight id="role-edit-weight" error=weight_err
                            hint="How much of a person holding it the role takes." />
                        <Field label="Description" value=description id="role-edit-description" />
                    </div>
                    <p class="hint">{format!("Scope: {}. It cannot change, because existing assignments are linked by it.", scope_words(r.scope))}</p>
                    <div class="actions">
                        <button type="submit">"Save role"</button>
                        <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
                    </div>
                </form>
            </td>
        </tr>
    }
}

fn role_row(r: RoleRow, editing: RwSignal<Option<String>>) -> impl IntoView {
    let id = r.id.clone();
    move || {
        if editing.get().as_deref() == Some(id.as_str()) {
            role_edit_row(r.clone(), editing).into_any()
        } else {
            let edit = {
                let id = r.id.clone();
                move |_| {
                    editing.set(Some(id.clone()));
                    focus_soon("role-edit-name");
                }
            };
            view! {
                <tr>
                    <th scope="row">{r.name.clone()}</th>
                    <td>{scope_words(r.scope)}</td>
                    <td>{r.weight.clone()}</td>
                    <td>{r.description.clone()}</td>
                    <td>{plural(r.skilled, "person", "people")}</td>
                    <td>
                        <button id=format!("role-edit-btn-{}", r.id) class="secondary" on:click=edit>
                            "Edit"<span class="visually-hidden">{format!(" the role {}", r.name)}</span>
                        </button>
                    </td>
                </tr>
            }
            .into_any()
        }
    }
}

fn roles_section() -> impl IntoView {
    let app = state::app();
    let rows = Memo::new(move |_| app.ws.with(role_rows));
    let editing = RwSignal::new(None::<String>);

    let name = RwSignal::new(String::new());
    let scope = RwSignal::new("incident".to_string());
    let weight = RwSignal::new("1".to_string());
    let description = RwSignal::new(String::new());
    let name_err = RwSignal::new(None::<String>);
    let weight_err = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        name_err.set(None);
        weight_err.set(None);
        let w = match read_number(&weight.get_untracked(), "Weight") {
            Ok(Some(w)) => w,
            Ok(None) => {
                weight_err.set(Some("Weight must be a number of 0 or more.".into()));
                return;
            }
            Err(e) => {
                weight_err.set(Some(e));
                return;
            }
        };
        let s = match scope.get_untracked().as_str() {
            "standing" => Scope::Standing,
            "release" => Scope::Release,
            _ => Scope::Incident,
        };
        let n = name.get_untracked();
        match app.try_update(|ws| people::add_role(ws, &n, s, w, &description.get_untracked(), state::now()))
        {
            Ok(_) => {
                app.say(format!("Added the role {}.", n.trim()));
                name.set(String::new());
                weight.set("1".into());
                description.set(String::new());
                focus_id("role-name");
            }
            Err(e) => route_role_error(e, (name_err, "role-name"), (weight_err, "role-weight")),
        }
    };

    view! {
        <section aria-labelledby="roles-h">
            <h2 id="roles-h">"Role catalogue"</h2>
            <p class="lead">"The roles people can hold. Weight is how much of a person a role takes; a person whose roles add up to more than their capacity counts as overloaded."</p>
            <div class="table-wrap roles-wrap">
                <table class="roles">
                    <caption class="visually-hidden">"Roles, their scope, weight and how many people can take them on"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Scope"</th>
                            <th scope="col">"Weight"</th>
                            <th scope="col">"What it is"</th>
                            <th scope="col">"Can take it on"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| r.clone() let:r>
                            {role_row(r, editing)}
                        </For>
                    </tbody>
                </table>
            </div>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="empty">"The catalogue is empty. Add the roles your team uses below."</p>
            </Show>
            <div class="card">
                <h3 id="add-role-h">"Add a role"</h3>
                <form novalidate aria-labelledby="add-role-h" on:submit=add>
                    <div class="form-grid">
                        <Field label="Name" value=name id="role-name" required=true error=name_err />
                        <div class="field">
                            <label for="role-scope">"Scope"</label>
                            <select id="role-scope" on:change=move |ev| scope.set(event_target_value(&ev))>
                                {Scope::ALL
                                    .into_iter()
                                    .map(|s| view! {
                                        <option value=s.as_str() prop:selected=move || scope.get() == s.as_str()>{scope_words(s)}</option>
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        <Field label="Weight" kind="number" value=weight id="role-weight" error=weight_err
                            hint="How much of a person holding it the role takes." />
                        <Field label="Description" value=description id="role-description" hint="One line on what the role does." />
                    </div>
                    <div class="actions"><button type="submit">"Add role"</button></div>
                </form>
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Conflict rules

#[derive(Clone, PartialEq, Eq, Hash)]
struct RuleRow {
    a: String,
    b: String,
    a_name: String,
    b_name: String,
    reason: String,
}

fn rule_rows(ws: &Workspace) -> Vec<RuleRow> {
    ws.conflicts
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| RuleRow {
            a: c.roles[0].clone(),
            b: c.roles[1].clone(),
            a_name: assign::role_name(ws, &c.roles[0]),
            b_name: assign::role_name(ws, &c.roles[1]),
            reason: c.reason.clone(),
        })
        .collect()
}

fn conflicts_section() -> impl IntoView {
    let app = state::app();
    let rows = Memo::new(move |_| app.ws.with(rule_rows));
    let roles = Memo::new(move |_| app.ws.with(live_roles));
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let err = RwSignal::new(None::<String>);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        err.set(None);
        let (a, b) = (first.get_untracked(), second.get_untracked());
        if a.is_empty() || b.is_empty() {
            err.set(Some("Pick both roles of the pair.".into()));
            return;
        }
        match app
            .try_update(|ws| people::add_conflict_rule(ws, &a, &b, &reason.get_untracked(), state::now()))
        {
            Ok(()) => {
                let (an, bn) = app
                    .ws
                    .with_untracked(|ws| (assign::role_name(ws, &a), assign::role_name(ws, &b)));
                app.say(format!("Added the rule {an} × {bn}."));
                first.set(String::new());
                second.set(String::new());
                reason.set(String::new());
            }
            Err(e) => err.set(Some(e.to_string())),
        }
    };
    let role_select = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field" class:invalid=move || err.get().is_some()>
                <label for=id>{label}</label>
                <select
                    id=id
                    aria-describedby=move || err.get().map(|_| "rule-err")
                    on:change=move |ev| value.set(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || value.get().is_empty()>"Choose a role…"</option>
                    <For each=move || roles.get() key=|r| r.clone() let:r>
                        {
                            let v = r.0.clone();
                            view! { <option value=r.0.clone() prop:selected=move || value.get() == v>{r.1}</option> }
                        }
                    </For>
                </select>
            </div>
        }
    };

    view! {
        <section aria-labelledby="rules-h">
            <h2 id="rules-h">"Conflict rules"</h2>
            <p class="lead">"Pairs of roles one person should not hold at the same time. Hatrack warns when it happens; the team still decides."</p>
            <Show
                when=move || !rows.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No conflict rules. Add a pair below if two roles should be kept apart."</p> }
            >
                <ul class="rules" aria-label="Conflict rules">
                    <For each=move || rows.get() key=|r| r.clone() let:r>
                        {
                            let pair = format!("{} × {}", r.a_name, r.b_name);
                            let remove = {
                                let (a, b, pair) = (r.a.clone(), r.b.clone(), pair.clone());
                                move |_| {
                                    if let Err(e) = app.update_with_undo(format!("Removed the rule {pair}."), |ws| {
                                        people::remove_conflict_rule(ws, &a, &b, state::now())
                                    }) {
                                        app.say(e.to_string());
                                    }
                                }
                            };
                            view! {
                                <li>
                                    <span><strong>{pair.clone()}</strong>
                                    {(!r.reason.is_empty()).then(|| format!(" — {}", r.reason))}</span>
                                    <button class="secondary" on:click=remove>
                                        "Remove"<span class="visually-hidden">{format!(" the rule {pair}")}</span>
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            <div class="card">
                <h3 id="add-rule-h">"Add a conflict rule"</h3>
                <form novalidate aria-labelledby="add-rule-h" on:submit=add>
                    <div class="form-grid">
                        {role_select("rule-a", "First role", first)}
                        {role_select("rule-b", "Second role", second)}
                        <Field label="Reason" value=reason id="rule-reason" hint="Why one person should not hold both." />
                    </div>
                    {move || err.get().map(|e| view! { <p class="error" id="rule-err">{e}</p> })}
                    <div class="actions"><button type="submit">"Add rule"</button></div>
                </form>
            </div>
        </section>
    }
}

#[component]
pub fn PeopleView() -> impl IntoView {
    let now = RwSignal::new(state::now());
    // Dropped with the view, which stops it.
    StoredValue::new_local(Interval::new(TICK_MS, move || {
        now.try_set(state::now());
    }));
    view! {
        <h1>"People and roles"</h1>
        <p class="lead">"Who is on the team, what they can take on, and the rules that keep roles apart."</p>
        {roster_section(now)}
        {add_person_section()}
        {standing_section(now)}
        {roles_section()}
        {conflicts_section()}
    }
}
