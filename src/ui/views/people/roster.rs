//! The roster: search, page through, edit, mark away and remove people.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::person_form::{PersonDraft, PersonForm, PersonInput};
use super::PAGE;
use crate::domain::roster::{self, PersonRow};
use crate::domain::text::plural;
use crate::domain::{away, people};
use crate::ui::components::keyed;
use crate::ui::components::later::first_then_rest;
use crate::ui::components::paste_people::PastePeople;
use crate::ui::components::shell::{focus_id, focus_soon};
use crate::ui::{state, storage, time};

/// What the roster entries share: the clock and which entry is being edited or deleted.
#[derive(Clone, Copy)]
struct Roster {
    app: state::App,
    now: RwSignal<DateTime<Utc>>,
    editing: RwSignal<Option<String>>,
    confirming: RwSignal<Option<String>>,
}

/// One person's entry, keyed by their id: each part follows only what it shows of them, so
/// giving them a role leaves an away period half typed, and its section open, as it was.
fn person_item(rows: Signal<Vec<PersonRow>>, id: String, c: Roster) -> impl IntoView {
    let row = keyed::entry(rows, id.clone(), |r| &r.id);
    let inactive = move || row.with(|r| r.as_ref().is_some_and(|r| !r.active));
    view! {
        <li class="person" class:inactive=inactive>
            {move || {
                if c.editing.get().as_deref() == Some(id.as_str()) {
                    // The form starts from them as they were when Edit was pressed.
                    row.get_untracked().map(|r| person_edit(r, c).into_any())
                } else {
                    Some(person_summary(row, c).into_any())
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

fn person_summary(row: Memo<Option<PersonRow>>, c: Roster) -> impl IntoView {
    let head = keyed::pick(row, |r| (r.name.clone(), r.active, r.timezone.clone()));
    let skills = keyed::pick(row, |r| r.skills.clone());
    let lines = keyed::pick(row, |r| (r.capacity_line(), r.holds_line()));
    let actions = keyed::pick(row, |r| (r.id.clone(), r.name.clone(), r.active, r.held_total));
    let away = keyed::pick(row, |r| (r.id.clone(), r.name.clone()));
    let confirm = move || {
        row.get()
            .filter(|r| c.confirming.get().as_deref() == Some(r.id.as_str()))
            .map(|r| delete_confirm(r, c))
    };
    view! {
        {keyed::follow(head, move |(name, active, zone)| person_head(name, active, zone, c.now).into_any())}
        <p class="person-line"><span class="muted">"Can take on: "</span>{keyed::follow(skills, move |skills| {
            if skills.is_empty() {
                view! { <span class="muted">"No roles listed yet"</span> }.into_any()
            } else {
                skills.into_iter().map(|s| view! { <span class="tag">{s}</span> " " }).collect_view().into_any()
            }
        })}</p>
        <p class="person-line">
            {keyed::follow(lines, move |(capacity, holds)| view! {
                {capacity}
                {holds.map(|h| view! { " · " <span>{h}</span> })}
            }.into_any())}
        </p>
        {keyed::follow(actions, move |(id, name, active, held)| person_actions(id, name, active, held, c).into_any())}
        {keyed::follow(away, |(person_id, name)| view! { <AwayList person_id name/> }.into_any())}
        {confirm}
    }
}

/// The name, whether they are inactive, and their zone with the time it is for them now.
fn person_head(
    name: String,
    active: bool,
    zone: Option<String>,
    now: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let clock = {
        let zone = zone.clone();
        move || match &zone {
            Some(z) => time::hm_in(z, now.get())
                .map(|hm| format!("{hm} for them"))
                .unwrap_or_else(|| "their timezone is not one the browser knows".into()),
            None => "no timezone given".into(),
        }
    };
    view! {
        <div class="person-head">
            <span class="person-name">{name}</span>
            {(!active).then(|| view! { <span class="tag">"Inactive"</span> })}
            <span class="person-time">
                {zone.clone().unwrap_or_default()}
                {zone.is_some().then_some(" · ")}
                {clock}
            </span>
        </div>
    }
}

/// Edit, deactivate or reactivate, their calendar, and delete (which asks first when they
/// have held roles).
fn person_actions(id: String, name: String, active: bool, held: usize, c: Roster) -> impl IntoView {
    let app = c.app;
    let edit = {
        let id = id.clone();
        move |_| {
            c.confirming.set(None);
            c.editing.set(Some(id.clone()));
            focus_soon(format!("edit-{id}-name"));
        }
    };
    let (on, verb, toggle_id, then) = if active {
        (
            false,
            "Deactivate",
            format!("deactivate-{id}"),
            format!("reactivate-{id}"),
        )
    } else {
        (
            true,
            "Reactivate",
            format!("reactivate-{id}"),
            format!("deactivate-{id}"),
        )
    };
    let set_active = {
        let (id, name) = (id.clone(), name.clone());
        move |_| match app.try_update(|ws| people::set_active(ws, &id, on, state::now())) {
            Ok(()) => {
                app.say(if on {
                    format!("{name} is active again.")
                } else {
                    format!("{name} is now inactive; their history is kept.")
                });
                focus_soon(then.clone());
            }
            Err(e) => app.say(e.to_string()),
        }
    };
    let delete = {
        let (id, name) = (id.clone(), name.clone());
        move |_| {
            if held > 0 {
                c.confirming.set(Some(id.clone()));
                focus_soon(format!("deactivate-instead-{id}"));
                return;
            }
            match app.update_with_undo(format!("Deleted {name}."), |ws| {
                people::delete_person(ws, &id, state::now(), false)
            }) {
                // The remembered last file still names them: it goes too.
                Ok(()) => storage::forget_exchanged(),
                Err(e) => app.say(e.to_string()),
            }
        }
    };
    let calendar = {
        let id = id.clone();
        move |_| crate::ui::views::rota::ahead::download_person(&id)
    };
    view! {
        <div class="actions">
            <button id=format!("edit-btn-{id}") class="secondary" on:click=edit>
                "Edit"<span class="visually-hidden">" "{name.clone()}</span>
            </button>
            <button id=toggle_id class="secondary" on:click=set_active>
                {verb}<span class="visually-hidden">" "{name.clone()}</span>
            </button>
            <button id=format!("ics-{id}") class="secondary" on:click=calendar>
                <span class="visually-hidden">"Download "</span>"Calendar (.ics)"<span class="visually-hidden">" for "{name.clone()}</span>
            </button>
            <button class="secondary" on:click=delete>
                "Delete"<span class="visually-hidden">" "{name.clone()}</span>
            </button>
        </div>
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
                    storage::forget_exchanged();
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
    let visible = Signal::from(Memo::new(move |_| {
        rows.with(|r| {
            r.iter()
                .take(shown.get())
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        })
    }));
    let hidden = move || rows.with(Vec::len).saturating_sub(shown.get());
    view! {
        <ul class="roster" aria-label=label>
            {first_then_rest(visible, String::clone, move |id| person_item(rows, id, c))}
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

pub(super) fn roster_section(now: RwSignal<DateTime<Utc>>) -> impl IntoView {
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
        app.ws.with(|ws| roster::person_rows(ws, state::now()))
    });
    let filtered = move |active: bool| {
        let q = query.get().trim().to_lowercase();
        all.with(|rows| {
            rows.iter()
                .filter(|r| r.active == active && roster::matches(r, &q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    // Memos: each entry looks itself up in its list.
    let active = Signal::from(Memo::new(move |_| filtered(true)));
    let inactive = Signal::from(Memo::new(move |_| filtered(false)));
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

pub(super) fn add_person_section() -> impl IntoView {
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
            <details class="paste-more">
                <summary>"Add several at once"</summary>
                <PastePeople id="people-paste"/>
            </details>
        </section>
    }
}
