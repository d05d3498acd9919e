//! The form that adds and edits a person: name, timezone, skills, capacity.

use leptos::prelude::*;

use crate::domain::refusal::{DomainError, Field};
use crate::domain::roster::{self};
use crate::domain::text::number;
use crate::ui::components::field::{setter, Field as TextField, Select};
use crate::ui::components::shell::focus_id;
use crate::ui::{state, time};

/// What the person form hands back: the fields as the domain takes them.
#[derive(Clone)]
pub(super) struct PersonInput {
    pub(super) name: String,
    pub(super) timezone: Option<String>,
    pub(super) skills: Vec<String>,
    pub(super) capacity: Option<f64>,
}

#[derive(Clone, Default)]
pub(super) struct PersonDraft {
    pub(super) name: String,
    pub(super) timezone: String,
    pub(super) skills: Vec<String>,
    pub(super) capacity: String,
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
pub(super) fn PersonForm(
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
    let default_cap = Memo::new(move |_| app.ws.with(|ws| number(ws.settings.default_capacity)));
    let (name_id, cap_id) = (format!("{prefix}-name"), format!("{prefix}-capacity"));

    let on_submit = {
        let (name_id, cap_id) = (name_id.clone(), cap_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            for e in [name_err, cap_err, skills_err] {
                e.set(None);
            }
            let cap = match roster::read_number(&capacity.get_untracked(), DomainError::CapacityInvalid) {
                Ok(c) => c,
                Err(e) => {
                    cap_err.set(Some(e.to_string()));
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
                Err(e) if e.field() == Field::Name => {
                    name_err.set(Some(e.to_string()));
                    focus_id(&name_id);
                }
                Err(e) if e.field() == Field::Capacity => {
                    cap_err.set(Some(e.to_string()));
                    focus_id(&cap_id);
                }
                Err(e) => skills_err.set(Some(e.to_string())),
            }
        }
    };
    let zones = zone_options(&initial.timezone)
        .into_iter()
        .map(|z| (z.clone(), z))
        .collect::<Vec<_>>();

    view! {
        <form class="person-form" novalidate aria-label=label on:submit=on_submit>
            <div class="form-grid">
                <TextField label="Name" value=name id=name_id.clone() required=true error=name_err />
                <Select
                    label="Timezone"
                    id=format!("{prefix}-tz")
                    value=tz
                    on_change=setter(tz)
                    placeholder="Not given"
                    choices=zones
                />
                <TextField
                    label="Capacity"
                    kind="number"
                    value=capacity
                    id=cap_id.clone()
                    placeholder=Signal::derive(move || default_cap.get())
                    hint=Signal::derive(move || format!("The load at which they count as overloaded. Leave empty for the team default, {}.", default_cap.get()))
                    error=cap_err
                />
            </div>
            <SkillChecks skills=skills error=skills_err id=format!("{prefix}-skills-err")/>
            <div class="actions">
                <button type="submit">{submit}</button>
                {on_cancel.map(|c| view! {
                    <button type="button" class="secondary" on:click=move |_| c.run(())>"Cancel"</button>
                })}
            </div>
        </form>
    }
}

/// The roles a person can take on, one checkbox each, with the error that belongs to them.
#[component]
fn SkillChecks(skills: RwSignal<Vec<String>>, error: RwSignal<Option<String>>, id: String) -> impl IntoView {
    let app = state::app();
    let roles = Memo::new(move |_| app.ws.with(roster::live_roles));
    let err_id = id.clone();
    let check = move |(id, name): (String, String)| {
        let role = id.clone();
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || skills.with(|s| s.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        skills.update(|s| {
                            s.retain(|x| *x != role);
                            if on {
                                s.push(role.clone());
                            }
                        });
                    }
                />
                {name}
            </label>
        }
    };
    view! {
        <fieldset class="skills" aria-describedby=move || error.get().map(|_| err_id.clone())>
            <legend>"Roles they can take on"</legend>
            <Show
                when=move || !roles.with(Vec::is_empty)
                fallback=|| view! { <p class="hint">"The role catalogue is empty; add roles under Role catalogue first."</p> }
            >
                <div class="checks">
                    <For each=move || roles.get() key=|r| r.clone() children=check/>
                </div>
            </Show>
            {
                let id = id.clone();
                move || error.get().map(|e| view! { <p class="error" id=id.clone()>{e}</p> })
            }
        </fieldset>
    }
}
