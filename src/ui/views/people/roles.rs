//! The role catalogue: add, edit and remove roles with their weight and scope.

use leptos::prelude::*;

use crate::domain::refusal::{self, DomainError};
use crate::domain::roster::{self, RoleRow};
use crate::domain::text::plural;
use crate::domain::{people, Scope};
use crate::ui::components::field::{choices, setter, Field, Select};
use crate::ui::components::shell::{focus_id, focus_soon};
use crate::ui::state;

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
            let w = match roster::read_number(&weight.get_untracked(), DomainError::WeightInvalid) {
                Ok(Some(w)) => w,
                Ok(None) => {
                    weight_err.set(Some("Weight must be a number of 0 or more.".into()));
                    return;
                }
                Err(e) => {
                    weight_err.set(Some(e.to_string()));
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
                    <td>{r.scope.describe()}</td>
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

pub(super) fn roles_section() -> impl IntoView {
    let app = state::app();
    let rows = Memo::new(move |_| app.ws.with(roster::role_rows));
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
        let w = match roster::read_number(&weight.get_untracked(), DomainError::WeightInvalid) {
            Ok(Some(w)) => w,
            Ok(None) => {
                weight_err.set(Some("Weight must be a number of 0 or more.".into()));
                return;
            }
            Err(e) => {
                weight_err.set(Some(e.to_string()));
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
                        <Select label="Scope" id="role-scope" value=scope on_change=setter(scope)
                            choices=choices(Scope::ALL, Scope::as_str, Scope::describe)/>
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
