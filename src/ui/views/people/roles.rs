//! The role catalogue: add, edit and remove roles with their weight and scope.

use leptos::prelude::*;

use crate::domain::refusal::{self, DomainError};
use crate::domain::roster::{self, RoleRow};
use crate::domain::text::plural;
use crate::domain::{people, Scope};
use crate::ui::components::field::{choices, setter, Field, Select};
use crate::ui::components::keyed;
use crate::ui::components::shell::{focus_id, focus_soon};
use crate::ui::state;

/// Stores the team's choice only where it differs from the built-in default.
fn set_one(ws: &mut crate::domain::Workspace, id: &str, one: bool) -> Result<(), DomainError> {
    let default = crate::domain::assign::find_role(ws, id).is_some_and(|r| r.takes_one_by_default());
    people::set_single_holder(ws, id, (one != default).then_some(one), state::now())
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

/// The weight as typed, or its error shown next to it: a weight is required.
fn read_weight(weight: RwSignal<String>, error: RwSignal<Option<String>>) -> Option<f64> {
    match roster::read_number(&weight.get_untracked(), DomainError::WeightInvalid) {
        Ok(Some(w)) => Some(w),
        Ok(None) | Err(_) => {
            error.set(Some(DomainError::WeightInvalid.to_string()));
            None
        }
    }
}

/// "One holder at a time" for a role held within an incident; `None` for other scopes.
fn one_holder_check(scope: Signal<bool>, one: RwSignal<bool>, id: &'static str) -> impl IntoView {
    move || {
        scope.get().then(|| {
            view! {
                <label class="check one-holder" for=id>
                    <input id=id type="checkbox" prop:checked=move || one.get() on:change=move |ev| one.set(event_target_checked(&ev))/>
                    "One holder at a time (a second person takes it over by a hand-over)"
                </label>
            }
        })
    }
}

fn role_edit_row(r: RoleRow, editing: RwSignal<Option<String>>) -> impl IntoView {
    let app = state::app();
    let name = RwSignal::new(r.name.clone());
    let weight = RwSignal::new(r.weight.clone());
    let description = RwSignal::new(r.description.clone());
    let one = RwSignal::new(r.one);
    let name_err = RwSignal::new(None::<String>);
    let weight_err = RwSignal::new(None::<String>);
    let back = format!("role-edit-btn-{}", r.id);
    let in_incident = Signal::stored(r.scope == Scope::Incident);
    let save = {
        let (id, back) = (r.id.clone(), back.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            name_err.set(None);
            weight_err.set(None);
            let Some(w) = read_weight(weight, weight_err) else {
                return;
            };
            let n = name.get_untracked();
            match app.try_update(|ws| {
                people::update_role(ws, &id, &n, w, &description.get_untracked(), state::now())?;
                if in_incident.get_untracked() {
                    set_one(ws, &id, one.get_untracked())?;
                }
                Ok::<(), DomainError>(())
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
                    {one_holder_check(in_incident, one, "role-edit-one")}
                    <p class="hint">{format!("Scope: {}. It cannot change, because existing assignments are linked by it.", r.scope.describe())}</p>
                    <div class="actions">
                        <button type="submit">"Save role"</button>
                        <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
                    </div>
                </form>
            </td>
        </tr>
    }
}

/// One role of the catalogue, keyed by its id: its cells follow it, and its edit form starts from
/// the role as it was when Edit was pressed, so a change elsewhere (someone added who can take it
/// on) does not throw away what is being typed.
fn role_row(rows: Signal<Vec<RoleRow>>, id: String, editing: RwSignal<Option<String>>) -> impl IntoView {
    let row = keyed::entry(rows, id.clone(), |r| &r.id);
    let show = move |f: fn(&RoleRow) -> AnyView| keyed::part(row, f);
    let label = keyed::pick(row, |r| r.name.clone());
    move || {
        if editing.get().as_deref() == Some(id.as_str()) {
            row.get_untracked().map(|r| role_edit_row(r, editing).into_any())
        } else {
            let edit = {
                let id = id.clone();
                move |_| {
                    editing.set(Some(id.clone()));
                    focus_soon("role-edit-name");
                }
            };
            Some(
                view! {
                    <tr>
                        <th scope="row">{show(|r| r.name.clone().into_any())}</th>
                        <td>{show(|r| format!("{}{}", r.scope.describe(), if r.one { "; one holder at a time" } else { "" }).into_any())}</td>
                        <td>{show(|r| r.weight.clone().into_any())}</td>
                        <td>{show(|r| r.description.clone().into_any())}</td>
                        <td>{show(|r| plural(r.skilled, "person", "people").into_any())}</td>
                        <td>
                            <button id=format!("role-edit-btn-{id}") class="secondary" on:click=edit>
                                "Edit"<span class="visually-hidden">{move || format!(" the role {}", label.get().unwrap_or_default())}</span>
                            </button>
                        </td>
                    </tr>
                }
                .into_any(),
            )
        }
    }
}

pub(super) fn roles_section() -> impl IntoView {
    let app = state::app();
    let rows = Memo::new(move |_| app.ws.with(roster::role_rows));
    let editing = RwSignal::new(None::<String>);

    let name = RwSignal::new(String::new());
    let scope = RwSignal::new("incident".to_string());
    let weight = RwSignal::new("1".to_string());
    let description = RwSignal::new(String::new());
    let one = RwSignal::new(false);
    let in_incident = Signal::derive(move || scope.get() == "incident");
    let name_err = RwSignal::new(None::<String>);
    let weight_err = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        name_err.set(None);
        weight_err.set(None);
        let Some(w) = read_weight(weight, weight_err) else {
            return;
        };
        let s = match scope.get_untracked().as_str() {
            "standing" => Scope::Standing,
            "release" => Scope::Release,
            _ => Scope::Incident,
        };
        let n = name.get_untracked();
        match app.try_update(|ws| {
            let id = people::add_role(ws, &n, s, w, &description.get_untracked(), state::now())?;
            if s == Scope::Incident {
                set_one(ws, &id, one.get_untracked())?;
            }
            Ok::<(), DomainError>(())
        }) {
            Ok(()) => {
                app.say(format!("Added the role {}.", n.trim()));
                name.set(String::new());
                weight.set("1".into());
                description.set(String::new());
                one.set(false);
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
                        <For each=move || keyed::ids(rows.into(), |r| &r.id) key=String::clone let:id>
                            {role_row(rows.into(), id, editing)}
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
                        <Select label="Scope" id="role-scope" value=scope on_change=setter(scope)
                            choices=choices(Scope::ALL, Scope::as_str, Scope::describe)/>
                        <Field label="Weight" kind="number" value=weight id="role-weight" error=weight_err
                            hint="How much of a person holding it the role takes." />
                        <Field label="Description" value=description id="role-description" hint="One line on what the role does." />
                    </div>
                    {one_holder_check(in_incident, one, "role-one")}
                    <div class="actions"><button type="submit">"Add role"</button></div>
                </form>
            </div>
        </section>
    }
}
