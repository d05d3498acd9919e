//! Choosing who takes a role, in one place for the role board, hand-overs and the release
//! form: a select of active people (skilled first, each with their load), the check of what
//! the pick would mean ("Check first"), and the ways forward — someone better placed, or go
//! ahead anyway. Nothing is ever blocked, and Enter never skips reading a warning.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::field::{Group, Select};
use super::paste_people::PastePeople;
use super::shell::focus_selector_soon;
use crate::domain::load::Assessment;
use crate::domain::roster::{self, Check, Pick};
use crate::domain::text::number;
use crate::ui::{state, time};

/// The empty choice of a person select.
pub const CHOOSE: &str = "Choose a person…";

/// The choices of a person select, grouped: those with the skill for `role` first, then the
/// others, each with their load. A memo, so a select of hundreds is written again only when
/// the lists differ, not whenever something they were derived from changes.
pub fn person_groups(
    people: Signal<Vec<Pick>>,
    role: String,
    except: Option<Signal<Vec<String>>>,
) -> Signal<Vec<Group>> {
    let choice = |p: Pick| {
        let text = format!("{} (load {} of {})", p.name, number(p.load), number(p.capacity));
        (p.id, text)
    };
    Signal::from(Memo::new(move |_| {
        let skip = except.map(|e| e.get()).unwrap_or_default();
        let (skilled, others): (Vec<Pick>, Vec<Pick>) = people
            .get()
            .into_iter()
            .filter(|p| !skip.contains(&p.id))
            .partition(|p| p.skills.contains(&role));
        vec![
            ("Has the skill", skilled.into_iter().map(choice).collect()),
            ("Others", others.into_iter().map(choice).collect()),
        ]
    }))
}

/// What `assess` found, in words, with the ways forward: assign someone better placed, or
/// assign anyway. Nothing is ever blocked.
#[component]
pub fn AssessWarning(
    assessment: Assessment,
    /// Away, needs rest: said before the role is given, never a block.
    #[prop(optional)]
    notes: Vec<String>,
    person_name: String,
    role_name: String,
    /// Pressed with the person id to use instead.
    on_instead: Callback<String>,
    /// Label of the button that goes ahead as chosen.
    anyway_label: String,
    on_anyway: Callback<()>,
) -> impl IntoView {
    let conflicts = assessment
        .conflicts
        .iter()
        .map(|c| {
            view! {
                <li>
                    <strong>{format!("Conflict: {} + {}", c.role_name, role_name)}</strong>
                    {format!(" — {}", c.reason)}
                </li>
            }
        })
        .collect_view();
    let over = assessment.over_capacity.then(|| {
        view! {
            <li>
                <strong>"Over capacity: "</strong>
                {format!(
                    "{person_name}'s load would be {} of {}.",
                    number(assessment.load_after),
                    number(assessment.capacity),
                )}
            </li>
        }
    });
    let better = if let (true, Some(c)) = (assessment.better.is_empty(), assessment.least_loaded.clone()) {
        let text = format!(
            "Everyone else with this skill would be over capacity; least loaded: {} (load {} of {} with this role) ",
            c.name,
            number(c.load_after),
            number(c.capacity),
        );
        instead(text, c.person_id, c.name, on_instead).into_any()
    } else if assessment.better.is_empty() {
        view! { <p class="hint">"Nobody else with this skill is free of conflicts right now."</p> }.into_any()
    } else {
        // Rested people for whom it is day first, each with their clock and rest in words.
        let app = state::app();
        let ranked = app.ws.with_untracked(|ws| {
            crate::domain::rest::rested_first(
                ws,
                assessment.better.clone(),
                &time::BrowserZones,
                state::now(),
            )
        });
        ranked
            .iter()
            .map(|r| {
                let c = &r.candidate;
                let text = format!(
                    "Better placed: {} (load {} of {} with this role) ",
                    r.sentence(),
                    number(c.load_after),
                    number(c.capacity),
                );
                instead(text, c.person_id.clone(), c.name.clone(), on_instead)
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="assess warn-box" role="status">
            <p>
                <span class="flag warn">"Check first"</span>
                {format!(" Before {person_name} takes {role_name}:")}
            </p>
            <ul>
                {conflicts}
                {over}
                {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
            {better}
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| on_anyway.run(())>{anyway_label}</button>
            </div>
        </div>
    }
}

/// Someone better placed, in words, with the button that picks them instead.
fn instead(text: String, id: String, name: String, on_instead: Callback<String>) -> impl IntoView {
    view! {
        <p class="better">
            {text}
            <button class="secondary" type="button" on:click=move |_| on_instead.run(id.clone())>
                {format!("Assign {name} instead")}
            </button>
        </p>
    }
}

/// The warning of a [`Check`] that needs reading, with its ways forward; nothing otherwise.
#[component]
pub fn PickWarning(
    #[prop(into)] check: Signal<Option<Check>>,
    role_name: String,
    /// Pressed with the person id to use instead.
    on_instead: Callback<String>,
    /// The go-ahead button's label for the picked person's name.
    anyway: fn(&str) -> String,
    /// Goes ahead with the pick as it is.
    on_anyway: Callback<()>,
) -> impl IntoView {
    // Said in the page's status region too: a box inserted into the page is often not read out.
    let app = state::app();
    let role = role_name.clone();
    Effect::new(move |_| {
        if let Some(c) = check.get().filter(Check::needs_reading) {
            app.say(c.summary(&role));
        }
    });
    move || {
        check.get().filter(Check::needs_reading).map(|c| {
            view! {
                <AssessWarning
                    assessment=c.assessment
                    notes=c.notes
                    person_name=c.name.clone()
                    role_name=role_name.clone()
                    on_instead=on_instead
                    anyway_label=anyway(&c.name)
                    on_anyway=on_anyway
                />
            }
        })
    }
}

/// Pick a person for a role and act: the form, its check and its error. `on_pick` acts with the
/// chosen id and says whether it went through (the choice then resets). `children` are more
/// controls after the button (a release button, the time).
#[component]
pub fn PersonPicker(
    #[prop(into)] people: Signal<Vec<Pick>>,
    role_id: String,
    role_name: String,
    clock: RwSignal<DateTime<Utc>>,
    /// The select's id; the form's class names what it does.
    id: String,
    form_class: &'static str,
    /// The select's accessible name and its empty choice.
    label: String,
    placeholder: &'static str,
    #[prop(into)] except: Signal<Vec<String>>,
    button: &'static str,
    /// Said when the button is pressed with nobody chosen.
    nobody: &'static str,
    anyway: fn(&str) -> String,
    on_pick: Callback<String, bool>,
    error: RwSignal<Option<String>>,
    /// Where the warning's buttons are, to move focus there on Enter.
    scope: String,
    /// A secondary button even without a warning (when it sits beside the main action).
    #[prop(optional)]
    quiet: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let app = state::app();
    let new_id = id.clone();
    let pick = RwSignal::new(String::new());
    let check = {
        let role_id = role_id.clone();
        Memo::new(move |_| {
            let p = pick.get();
            (!p.is_empty()).then(|| {
                app.ws
                    .with(|ws| roster::check_pick(ws, &p, &role_id, &time::BrowserZones, clock.get()))
            })
        })
    };
    let warned = move || check.with(|c| c.as_ref().is_some_and(Check::needs_reading));
    let act = Callback::new(move |person: String| {
        if on_pick.run(person) {
            pick.set(String::new());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = pick.get_untracked();
        if p.is_empty() {
            error.set(Some(nobody.into()));
            return;
        }
        // A warning is showing: going ahead is its own button, so Enter never skips reading it;
        // it moves to the warning's first choice instead, so something visibly happens.
        if check.with_untracked(|c| c.as_ref().is_some_and(Check::needs_reading)) {
            focus_selector_soon(format!("{scope} .assess button"));
            return;
        }
        act.run(p);
    };
    view! {
        <form class=form_class on:submit=submit>
            <Select
                label=label
                id=id
                hidden_label=true
                bare=true
                value=pick
                on_change=Callback::new(move |v| {
                    pick.set(v);
                    error.set(None);
                })
                placeholder=placeholder
                groups=person_groups(people, role_id.clone(), Some(except))
            />
            <button type="submit" class:secondary=move || quiet || warned()>{button}</button>
            {children.map(|c| c())}
        </form>
        // Someone not on the roster yet is added here, without leaving the page, and picked.
        <details class="new-person">
            <summary>"Someone not on the list?"</summary>
            <PastePeople id=format!("{new_id}-new") on_added=Callback::new(move |ids: Vec<String>| {
                if let Some(first) = ids.into_iter().next() {
                    pick.set(first);
                    error.set(None);
                }
            })/>
        </details>
        <PickWarning
            check=check
            role_name=role_name
            on_instead=act
            anyway=anyway
            on_anyway=Callback::new(move |_| act.run(pick.get_untracked()))
        />
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}
