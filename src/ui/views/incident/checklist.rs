//! The team's process on the incident page: what is outstanding at the top, and each held
//! role's checklist on the role board, where a step is ticked (a timeline action at a time
//! that defaults to now) or unticked (the entry deleted, with the usual undo). The page's
//! clock redraws the states, so a step turns late as time passes.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::assign::find_incident;
use crate::domain::checklist::{self, RoleChecklist, StepNow};
use crate::domain::incident;
use crate::domain::process::{when_words, StepState};
use crate::domain::Incident;
use crate::ui::components::when::{Moment, WhenInput};
use crate::ui::{state, time};

/// What is outstanding, by role, in words; nothing when all is on track. Without a process,
/// says there are no checklists and where to take one up.
#[component]
pub fn Outstanding(inc: Memo<Option<Incident>>, clock: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let app = state::app();
    let has_process = move || app.ws.with(|ws| checklist::process_in_use(ws).is_some());
    let lines = Memo::new(move |_| {
        let now = clock.get();
        app.ws.with(|ws| {
            inc.with(|i| {
                i.as_ref()
                    .map(|i| checklist::outstanding(ws, i, now))
                    .unwrap_or_default()
            })
        })
    });
    view! {
        <Show when=has_process fallback=|| view! {
            <p class="hint no-process">
                "The team has not taken up a written process yet, so roles have no checklists. "
                <a href="#/handbook">"Take one up in the handbook"</a>
            </p>
        }>
            <Show when=move || lines.with(|l| !l.is_empty())>
                <section class="card outstanding" aria-labelledby="outstanding-h">
                    <h2 id="outstanding-h">"Outstanding"</h2>
                    <ul>
                        {move || lines.get().into_iter().map(|o| view! {
                            <li>
                                <strong>{o.role_name}</strong>": "
                                <ul class="outstanding-steps">
                                    {o.steps.into_iter().map(|d| {
                                        let late = d.late.is_some();
                                        let words = d.late.unwrap_or_else(|| match d.by {
                                            Some(by) => format!("{}: due by {}.", d.text, time::local_hm(by)),
                                            None => format!("{}.", d.text),
                                        });
                                        view! { <li class:late=late>{words}</li> }
                                    }).collect_view()}
                                </ul>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            </Show>
        </Show>
    }
}

/// A role's checklist on its row of the role board, once the role has been held.
#[component]
pub fn RoleChecklistView(
    incident_id: String,
    role_id: String,
    role_name: String,
    clock: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let app = state::app();
    let iid = StoredValue::new(incident_id);
    let rid = StoredValue::new(role_id);
    let list = Memo::new(move |_| {
        let now = clock.get();
        app.ws.with(|ws| {
            find_incident(ws, &iid.get_value())
                .and_then(|i| checklist::checklist(ws, i, &rid.get_value(), now))
                .filter(|c| !c.steps.is_empty())
        })
    });
    let moment = Moment::new();
    let error = RwSignal::new(None::<String>);
    let ids = move || {
        list.with(|c| {
            c.as_ref()
                .map(|c| c.steps.iter().map(|s| s.step.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let summary = move || list.with(|c| c.as_ref().map(done_count)).unwrap_or_default();
    let when_id = format!("checklist-{}-when", rid.get_value());
    view! {
        <Show when=move || list.with(|c| c.is_some())>
            <details class="checklist" open=true>
                <summary>{format!("{role_name}'s checklist")}" "<span class="hint">{summary}</span></summary>
                <ol class="checklist-steps">
                    <For each=ids key=|id| id.clone() let:step_id>
                        <StepRow incident_id=iid role_id=rid step_id=step_id list=list moment=moment error=error clock=clock/>
                    </For>
                </ol>
                <p class="checklist-when">
                    <WhenInput moment=moment id=when_id.clone() label="time the step was done"/>
                </p>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </details>
        </Show>
    }
}

/// "2 of 4 done".
fn done_count(c: &RoleChecklist) -> String {
    let done = c.steps.iter().filter(|s| !s.ticks.is_empty()).count();
    format!("({done} of {} done)", c.steps.len())
}

/// The person the tick is recorded by: the role's holder, when one person holds it now.
fn holder(incident_id: &str, role_id: &str, now: DateTime<Utc>) -> Option<String> {
    state::app().ws.with_untracked(|ws| {
        let board = incident::role_board(ws, incident_id, now);
        let held = board.into_iter().find(|(r, _)| r.id == role_id)?.1;
        match held.as_slice() {
            [one] => Some(one.person.clone()),
            _ => None,
        }
    })
}

#[component]
fn StepRow(
    incident_id: StoredValue<String>,
    role_id: StoredValue<String>,
    step_id: String,
    list: Memo<Option<RoleChecklist>>,
    moment: Moment,
    error: RwSignal<Option<String>>,
    clock: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let app = state::app();
    let sid = StoredValue::new(step_id);
    let step = Memo::new(move |_| {
        list.with(|c| {
            c.as_ref()
                .and_then(|c| c.steps.iter().find(|s| s.step.id == sid.get_value()).cloned())
        })
    });
    let text = move || step.with(|s| s.as_ref().map(|s| s.step.text.clone()).unwrap_or_default());
    let when = move || step.with(|s| s.as_ref().map(|s| when_words(&s.step)).unwrap_or_default());
    let words = move || {
        let now = clock.get();
        step.with(|s| {
            s.as_ref()
                .map(|s| checklist::state_words(s, now, time::local_hm))
                .unwrap_or_default()
        })
    };
    let class = move || step.with(|s| s.as_ref().map_or("", state_class));
    let ticked = move || step.with(|s| s.as_ref().is_some_and(|s| !s.ticks.is_empty()));
    let repeats = move || step.with(|s| s.as_ref().is_some_and(|s| s.step.every_minutes.is_some()));
    let tick = move |_| {
        let Ok(at) = moment.get() else { return };
        let (iid, t) = (incident_id.get_value(), text());
        let by = holder(&iid, &role_id.get_value(), at);
        match app
            .try_update(|ws| checklist::tick(ws, &iid, &sid.get_value(), at, by.as_deref(), state::now()))
        {
            Ok(_) => {
                moment.recorded();
                error.set(None);
                clock.set(state::now());
                app.say(format!("Done at {}: {t}", time::local_hm(at)));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let untick = move |_| {
        let Some((entry, _)) = step.with_untracked(|s| s.as_ref().and_then(|s| s.last_tick().cloned()))
        else {
            return;
        };
        let msg = format!("Unticked: {}", text());
        let iid = incident_id.get_value();
        match app.update_with_undo(msg, |ws| incident::delete_entry(ws, &iid, &entry, state::now())) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <li class=move || format!("checklist-step {}", class())>
            <span class="step-text">{text}</span>
            <span class="hint step-when">{when}</span>
            <span class="step-state">{words}</span>
            <span class="step-actions">
                <Show when=move || repeats() || !ticked()>
                    <button type="button" class="link" on:click=tick>
                        {move || if ticked() { "Done again" } else { "Done" }}
                        <span class="visually-hidden">{move || format!(": {}", text())}</span>
                    </button>
                </Show>
                <Show when=ticked>
                    <button type="button" class="link" on:click=untick>
                        "Untick"<span class="visually-hidden">{move || format!(": {}", text())}</span>
                    </button>
                </Show>
            </span>
        </li>
    }
}

/// The class a step's state is shown with (its words say the same).
fn state_class(s: &StepNow) -> &'static str {
    match s.state {
        StepState::Done { late: false, .. } => "done",
        StepState::Done { late: true, .. } => "done late",
        StepState::Due { .. } if !s.ticks.is_empty() => "done",
        StepState::Due { .. } => "due",
        StepState::Late { .. } => "late",
    }
}
