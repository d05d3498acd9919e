//! A release's part of the written process: its checklist stage by stage, and the go/no-go
//! decision, recorded with who and when. The decision belongs to the release, so its form is
//! shown whether or not the team has written a process down.

use leptos::prelude::*;

use super::{by_choices, When};
use crate::domain::process::Stage;
use crate::domain::release::{self, ChecklistStep};
use crate::domain::{assign, Decision, GoNoGo};
use crate::ui::components::field::{Field, Select};
use crate::ui::components::when::{Moment, WhenInput};
use crate::ui::state;

/// The checklist of the release, when the team has one, with the go/no-go in its stage;
/// otherwise the go/no-go alone. Open while the release is under way.
#[component]
pub fn ReleaseProcess(
    release_id: String,
    name: String,
    finished: bool,
    /// The release manager's person id: who is offered as deciding the go/no-go.
    decider: Option<String>,
) -> impl IntoView {
    let app = state::app();
    let rid = StoredValue::new(release_id);
    let name = StoredValue::new(name);
    let decider = StoredValue::new(decider);
    let stages = Memo::new(move |_| {
        app.ws
            .with(|ws| release::checklist(ws, &rid.get_value(), state::now()))
    });
    let go = move || view! { <GoNoGoDecision release_id=rid.get_value() name=name.get_value() finished=finished decider=decider.get_value()/> };
    move || {
        let list = stages.get();
        if list.is_empty() {
            return view! { <div class="release-process">{go()}</div> }.into_any();
        }
        let total: usize = list.iter().map(|(_, s)| s.len()).sum();
        let done = list
            .iter()
            .flat_map(|(_, s)| s)
            .filter(|s| s.done.is_some())
            .count();
        let has_go_stage = list.iter().any(|(s, _)| *s == Stage::GoNoGo);
        view! {
            <details class="release-process release-checklist" open=!finished>
                <summary>{format!("Release checklist ({done} of {total} done)")}</summary>
                <ol class="stages">
                    {list.into_iter().map(|(stage, steps)| view! {
                        <li class="stage">
                            <h4>{stage.label()}</h4>
                            <ul class="steps">{steps.into_iter().map(|s| view! { <StepLine step=s/> }).collect_view()}</ul>
                            {(stage == Stage::GoNoGo).then(go)}
                        </li>
                    }).collect_view()}
                </ol>
                {(!has_go_stage).then(go)}
            </details>
        }
        .into_any()
    }
}

/// One step: what to do, whose it is and who that is on this release, and whether it is done.
#[component]
fn StepLine(step: ChecklistStep) -> impl IntoView {
    let who = step.holder.clone().unwrap_or_else(|| "nobody yet".into());
    view! {
        <li class="step" class:done=step.done.is_some()>
            <span class="step-text">{step.text.clone()}</span>" "
            <span class="step-owner">{format!("{} ({who})", step.owner)}</span>
            {step.done.map(|at| view! { " " <span class="tag done">"Done"</span>" "<When at=at short=true/> })}
        </li>
    }
}

/// "Go — Kim Lee, 27 Nov 2026, 22:10" and the note, or that nothing is recorded yet.
#[component]
fn Decided(go: Option<GoNoGo>, by: Option<String>) -> impl IntoView {
    match go {
        None => view! { <p class="go-no-go-decided empty">"No go/no-go recorded yet."</p> }.into_any(),
        Some(g) => view! {
            <p class="go-no-go-decided">
                <span class=format!("tag decision-{}", g.decision.as_str())>{g.decision.label()}</span>
                {format!(" — {}, ", by.unwrap_or_else(|| "who decided was not said".into()))}
                <When at=g.at/>
                {(!g.note.is_empty()).then(|| format!(": {}", g.note))}
            </p>
        }
        .into_any(),
    }
}

/// The recorded decision and the form to record one: go or no-go, who, when (now unless
/// typed) and a note. A finished release keeps the form behind a button, for backfilling.
#[component]
fn GoNoGoDecision(
    release_id: String,
    name: String,
    finished: bool,
    decider: Option<String>,
) -> impl IntoView {
    let app = state::app();
    let rid = StoredValue::new(release_id);
    let decided = Memo::new(move |_| {
        app.ws.with(|ws| {
            let go = assign::find_release(ws, &rid.get_value()).and_then(|r| r.go_no_go.clone());
            let by = go
                .as_ref()
                .and_then(|g| g.by.as_deref())
                .map(|p| assign::person_name(ws, p));
            (go, by)
        })
    });
    let open = RwSignal::new(!finished);
    let prefix = format!("go-{}", rid.get_value());
    let label = format!("Go / no-go of release {name}");
    let name = StoredValue::new(name);
    view! {
        <div class="go-no-go" role="group" aria-label=label>
            {move || {
                let (go, by) = decided.get();
                view! { <Decided go=go by=by/> }
            }}
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="link" on:click=move |_| open.set(true)>
                        "Record a go/no-go"<span class="visually-hidden">{format!(" for release {}", name.get_value())}</span>
                    </button>
                }
            >
                <GoNoGoForm release_id=rid.get_value() prefix=prefix.clone() decider=decider.clone()/>
            </Show>
        </div>
    }
}

#[component]
fn GoNoGoForm(release_id: String, prefix: String, decider: Option<String>) -> impl IntoView {
    let app = state::app();
    let rid = StoredValue::new(release_id);
    let decision = RwSignal::new(Decision::Go);
    // The release manager decides, usually; anyone can be chosen instead.
    let by = RwSignal::new(decider.unwrap_or_default());
    let people = by_choices();
    let note = RwSignal::new(String::new());
    let moment = Moment::new();
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(at) = moment.get() else { return };
        let who = Some(by.get_untracked()).filter(|p| !p.is_empty());
        let d = decision.get_untracked();
        let done = app.try_update(|ws| {
            release::record_go_no_go(
                ws,
                &rid.get_value(),
                d,
                who.as_deref(),
                at,
                &note.get_untracked(),
                state::now(),
            )
        });
        match done {
            Ok(()) => {
                moment.recorded();
                note.set(String::new());
                error.set(None);
                app.say(format!("Recorded the decision: {}.", d.label().to_lowercase()));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let radio_name = format!("{prefix}-decision");
    view! {
        <form class="go-no-go-form inline-form" on:submit=submit novalidate>
            <fieldset class="decision">
                <legend>"Decision"</legend>
                {Decision::ALL.map(|d| view! {
                    <label>
                        <input type="radio" name=radio_name.clone() value=d.as_str() prop:checked=move || decision.get() == d on:change=move |_| decision.set(d)/>
                        {d.label()}
                    </label>
                }).into_iter().collect_view()}
            </fieldset>
            <Select label="Decided by" id=format!("{prefix}-by") value=by on_change=Callback::new(move |v| by.set(v)) placeholder="Not said" choices=people/>
            <Field label="Note" value=note id=format!("{prefix}-note") hint="What the decision rests on, e.g. tests green on staging."/>
            <WhenInput moment=moment id=format!("{prefix}-when") label="time of the decision"/>
            <button type="submit">"Record decision"</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
    }
}
