//! Changing the process from the handbook: a role's duties, its checklist steps (add, edit,
//! remove with undo), each change dated in the changelog by `domain::process_edit`.

use leptos::prelude::*;

use crate::domain::model::Severity;
use crate::domain::process::{when_words, Anchor, Escalation, ReleaseStep, RoleProcess, Stage, Step};
use crate::domain::process_edit::{self, read_minutes, PolicyDraft, StepDraft};
use crate::domain::refusal::{DomainError, Field};
use crate::ui::components::field::{choices, setter, Field as TextField, Select};
use crate::ui::components::shell::{focus_id, focus_soon};
use crate::ui::state;

/// What the handbook has open for editing: one form at a time.
#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    Duties(String),
    /// A role's step; `None` for a new one.
    Step(String, Option<String>),
}

fn step_dom_id(step: &str) -> String {
    format!("hb-step-{step}")
}

fn add_dom_id(role: &str) -> String {
    format!("hb-add-{role}")
}

fn duties_dom_id(role: &str) -> String {
    format!("hb-duties-{role}")
}

/// A role's duties and checklist, each with its edit controls.
#[component]
pub fn RoleProcessView(
    role: String,
    role_name: String,
    rp: Option<RoleProcess>,
    editing: RwSignal<Option<Editing>>,
) -> impl IntoView {
    let rp = rp.unwrap_or_else(|| RoleProcess {
        role: role.clone(),
        duties: vec![],
        not_duties: vec![],
        checklist: vec![],
        updated_at: None,
        deleted_at: None,
        extra: Default::default(),
    });
    let duties_open = {
        let role = role.clone();
        move || editing.get() == Some(Editing::Duties(role.clone()))
    };
    let adding = {
        let role = role.clone();
        move || editing.get() == Some(Editing::Step(role.clone(), None))
    };
    let (r1, r2) = (role.clone(), role.clone());
    let (duties, not_duties) = (rp.duties.clone(), rp.not_duties.clone());
    let steps = rp.checklist.clone();
    let name = StoredValue::new(role_name);
    let stored = StoredValue::new((role.clone(), rp.duties.clone(), rp.not_duties.clone()));
    view! {
        <Show
            when=duties_open
            fallback=move || view! {
                <Duties duties=duties.clone() not_duties=not_duties.clone()/>
                <button type="button" class="secondary small no-print" id=duties_dom_id(&r1) on:click={let r = r1.clone(); move |_| editing.set(Some(Editing::Duties(r.clone())))}>
                    {format!("Edit duties of {}", name.get_value())}
                </button>
            }
        >
            <DutiesForm role=stored.with_value(|s| s.0.clone()) duties=stored.with_value(|s| s.1.clone()) not_duties=stored.with_value(|s| s.2.clone()) editing=editing/>
        </Show>
        <h4>"Checklist"</h4>
        {steps.is_empty().then(|| view! { <p class="hint">"No steps yet."</p> })}
        <ol class="checklist">
            {steps.into_iter().map(|s| view! { <StepItem role=role.clone() step=s editing=editing/> }).collect_view()}
        </ol>
        <Show
            when=adding
            fallback=move || view! {
                <button type="button" class="secondary small no-print" id=add_dom_id(&r2) on:click={let r = r2.clone(); move |_| editing.set(Some(Editing::Step(r.clone(), None)))}>
                    {format!("Add a step for {}", name.get_value())}
                </button>
            }
        >
            <StepForm role=stored.with_value(|s| s.0.clone()) step=None editing=editing/>
        </Show>
    }
}

#[component]
fn Duties(duties: Vec<String>, not_duties: Vec<String>) -> impl IntoView {
    if duties.is_empty() && not_duties.is_empty() {
        return view! { <p class="hint">"No duties written down yet."</p> }.into_any();
    }
    view! {
        <ul class="duties">
            {duties.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
            {not_duties.into_iter().map(|d| view! { <li class="not"><strong>"Not: "</strong>{d}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// One step with its expectation in words, and Edit / Remove.
#[component]
fn StepItem(role: String, step: Step, editing: RwSignal<Option<Editing>>) -> impl IntoView {
    let app = state::app();
    let key = Editing::Step(role.clone(), Some(step.id.clone()));
    let open = move || editing.get() == Some(key.clone());
    let role = StoredValue::new(role);
    let step = StoredValue::new(step);
    let remove = move |_| {
        let (role, s) = (role.get_value(), step.get_value());
        let message = format!("Removed \u{201c}{}\u{201d} from the checklist.", s.text);
        match app.update_with_undo(message, |ws| {
            process_edit::remove_step(ws, &role, &s.id, state::now(), None)
        }) {
            Ok(()) => focus_soon(add_dom_id(&role)),
            Err(e) => app.say(e.to_string()),
        }
    };
    let edit = move |_| {
        editing.set(Some(Editing::Step(
            role.get_value(),
            Some(step.with_value(|s| s.id.clone())),
        )))
    };
    let shown = move || {
        let s = step.get_value();
        let when = when_words(&s);
        view! {
            <span class="step-text">{s.text.clone()}</span>
            {(!when.is_empty()).then(|| view! { " " <span class="hint">{format!("({when})")}</span> })}
            " "
            <span class="step-actions no-print">
                <button type="button" class="link" id=step_dom_id(&s.id) aria-label=format!("Edit \u{201c}{}\u{201d}", s.text) on:click=edit>"Edit"</button>
                <button type="button" class="link" aria-label=format!("Remove \u{201c}{}\u{201d}", s.text) on:click=remove>"Remove"</button>
            </span>
        }
    };
    view! {
        <li>
            <Show when=open fallback=shown>
                <StepForm role=role.get_value() step=Some(step.get_value()) editing=editing/>
            </Show>
        </li>
    }
}

/// Writing or changing one step: its words, when it is expected, how often it repeats, and
/// for which severities.
#[component]
fn StepForm(role: String, step: Option<Step>, editing: RwSignal<Option<Editing>>) -> impl IntoView {
    let app = state::app();
    let d = step.as_ref().map(StepDraft::of);
    let text = RwSignal::new(d.as_ref().map(|d| d.text.clone()).unwrap_or_default());
    let minutes = |m: Option<u32>| m.map(|m| m.to_string()).unwrap_or_default();
    let within = RwSignal::new(minutes(d.as_ref().and_then(|d| d.within_minutes)));
    let every = RwSignal::new(minutes(d.as_ref().and_then(|d| d.every_minutes)));
    let from = RwSignal::new(
        d.as_ref()
            .map_or(Anchor::RoleStart, |d| d.from)
            .as_str()
            .to_string(),
    );
    let severities = RwSignal::new(d.map(|d| d.severities).unwrap_or_default());
    let error = RwSignal::new(None::<DomainError>);
    let at =
        move |f: Field| Signal::derive(move || error.get().filter(|e| e.field() == f).map(|e| e.to_string()));
    let step_id = step.map(|s| s.id);
    let back_to = step_id.as_deref().map_or_else(|| add_dom_id(&role), step_dom_id);
    let cancel = move || {
        editing.set(None);
        focus_soon(back_to.clone());
    };
    let cancel = StoredValue::new(cancel);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = || -> Result<StepDraft, DomainError> {
            Ok(StepDraft {
                text: text.get_untracked(),
                within_minutes: read_minutes(&within.get_untracked(), Field::Within)?,
                from: Anchor::parse(&from.get_untracked()).unwrap_or(Anchor::RoleStart),
                every_minutes: read_minutes(&every.get_untracked(), Field::Cadence)?,
                severities: severities.get_untracked(),
            })
        };
        let saved = read().and_then(|draft| {
            app.try_update(|ws| {
                process_edit::save_step(ws, &role, step_id.as_deref(), &draft, state::now(), None)
            })
        });
        match saved {
            Ok(id) => {
                error.set(None);
                editing.set(None);
                app.say("Saved the step; the change is dated in the changelog.");
                focus_soon(step_dom_id(&id));
            }
            Err(e) => {
                let field = e.field();
                error.set(Some(e));
                focus_id(match field {
                    Field::Within => "step-within",
                    Field::Cadence => "step-every",
                    _ => "step-text",
                });
            }
        }
    };
    let anchors = choices(Anchor::ALL, Anchor::as_str, |a| match a {
        Anchor::RoleStart => "Taking the role",
        Anchor::IncidentStart => "The incident's start",
    });
    Effect::new(move |_| {
        focus_id("step-text");
    });
    view! {
        <form class="step-form no-print" on:submit=submit on:keydown=move |ev| if ev.key() == "Escape" { cancel.with_value(|c| c()) }>
            <TextField label="Step" id="step-text".to_string() value=text required=true error=at(Field::Text) hint="One thing someone can do, e.g. \u{201c}Post the first status update\u{201d}.".to_string()/>
            <div class="row">
                <TextField label="Within (minutes)" id="step-within".to_string() kind="number" value=within error=at(Field::Within) hint="Leave empty for no deadline.".to_string()/>
                <Select label="Counted from" id="step-from" value=from on_change=setter(from) choices=Signal::derive(move || anchors.clone())/>
                <TextField label="Repeat every (minutes)" id="step-every".to_string() kind="number" value=every error=at(Field::Cadence) hint="Leave empty for a step done once.".to_string()/>
            </div>
            <SeverityChecks picked=severities/>
            <div class="actions">
                <button type="submit">"Save step"</button>
                <button type="button" class="secondary" on:click=move |_| cancel.with_value(|c| c())>"Cancel"</button>
            </div>
        </form>
    }
}

/// "Only for": one checkbox per severity; none ticked means every severity.
#[component]
fn SeverityChecks(
    picked: RwSignal<Vec<Severity>>,
    #[prop(default = "Only for (none ticked: every severity)")] legend: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="severity-filter">
            <legend>{legend}</legend>
            <div class="checks">
                {Severity::ALL.into_iter().map(|s| view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || picked.with(|p| p.contains(&s))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                picked.update(|p| {
                                    p.retain(|x| *x != s);
                                    if on {
                                        p.push(s);
                                    }
                                });
                            }
                        />
                        {s.label()}
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A role's duties, one a line, and what it does not do.
#[component]
fn DutiesForm(
    role: String,
    duties: Vec<String>,
    not_duties: Vec<String>,
    editing: RwSignal<Option<Editing>>,
) -> impl IntoView {
    let app = state::app();
    let back_to = StoredValue::new(duties_dom_id(&role));
    let close = move || {
        editing.set(None);
        focus_soon(back_to.get_value());
    };
    let does = RwSignal::new(duties.join("\n"));
    let does_not = RwSignal::new(not_duties.join("\n"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match app.try_update(|ws| {
            process_edit::set_duties(
                ws,
                &role,
                &does.get_untracked(),
                &does_not.get_untracked(),
                state::now(),
                None,
            )
        }) {
            Ok(()) => {
                close();
                app.say("Saved the duties; the change is dated in the changelog.");
            }
            Err(e) => app.say(e.to_string()),
        }
    };
    Effect::new(move |_| {
        focus_id("duties-does");
    });
    view! {
        <form class="duties-form no-print" on:submit=submit on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <div class="field">
                <label for="duties-does">"What the role does (one a line)"</label>
                <textarea id="duties-does" rows="4" prop:value=move || does.get() on:input=move |ev| does.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="duties-not">"What it does not do (one a line)"</label>
                <textarea id="duties-not" rows="2" prop:value=move || does_not.get() on:input=move |ev| does_not.set(event_target_value(&ev))></textarea>
            </div>
            <div class="actions">
                <button type="submit">"Save duties"</button>
                <button type="button" class="secondary" on:click=move |_| close()>"Cancel"</button>
            </div>
        </form>
    }
}

fn policy_dom_id(severity: Severity) -> String {
    format!("hb-policy-{}", severity.as_str())
}

/// "Edit what sev2 asks" beside a severity of the handbook.
#[component]
pub fn PolicyEditButton(severity: Severity, editing: RwSignal<Option<Severity>>) -> impl IntoView {
    view! {
        <button type="button" class="secondary small no-print" id=policy_dom_id(severity) on:click=move |_| editing.set(Some(severity))>
            {format!("Edit what {} asks", severity.as_str())}
        </button>
    }
}

/// What a severity asks of the team: who is called, nights, the update rhythm, when to declare.
#[component]
pub fn PolicyForm(
    severity: Severity,
    draft: PolicyDraft,
    editing: RwSignal<Option<Severity>>,
) -> impl IntoView {
    let app = state::app();
    let call = RwSignal::new(draft.call);
    let wake = RwSignal::new(draft.wake_at_night);
    let every = RwSignal::new(
        draft
            .update_every_minutes
            .map(|m| m.to_string())
            .unwrap_or_default(),
    );
    let declare = RwSignal::new(draft.declare_when);
    let error = RwSignal::new(None::<String>);
    let close = move || {
        editing.set(None);
        focus_soon(policy_dom_id(severity));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let saved = read_minutes(&every.get_untracked(), Field::Cadence).and_then(|m| {
            let d = PolicyDraft {
                call: call.get_untracked(),
                wake_at_night: wake.get_untracked(),
                update_every_minutes: m,
                declare_when: declare.get_untracked(),
            };
            app.try_update(|ws| process_edit::set_policy(ws, severity, &d, state::now(), None))
        });
        match saved {
            Ok(()) => {
                close();
                app.say("Saved; the change is dated in the changelog.");
            }
            Err(e) => {
                error.set(Some(e.to_string()));
                focus_id("policy-every");
            }
        }
    };
    Effect::new(move |_| {
        focus_id("policy-call");
    });
    let id = move |s: &str| format!("policy-{s}");
    view! {
        <form class="step-form no-print" on:submit=submit on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <TextField label="Who is called" id=id("call") value=call/>
            <div class="field checkbox">
                <input type="checkbox" id="policy-wake" prop:checked=move || wake.get() on:change=move |ev| wake.set(event_target_checked(&ev))/>
                <label for="policy-wake">"Wake people at night for it"</label>
            </div>
            <TextField label="Update users every (minutes)" id=id("every") kind="number" value=every error=Signal::derive(move || error.get()) hint="Leave empty for no set rhythm.".to_string()/>
            <TextField label="When to declare one" id=id("declare") value=declare/>
            <div class="actions">
                <button type="submit">"Save"</button>
                <button type="button" class="secondary" on:click=move |_| close()>"Cancel"</button>
            </div>
        </form>
    }
}

/// The roles of the catalogue as choices of a select.
fn role_choices() -> Signal<Vec<(String, String)>> {
    let app = state::app();
    Signal::derive(move || app.ws.with(crate::domain::roster::live_roles))
}

fn escalation_dom_id(from: &str) -> String {
    format!("hb-esc-{from}")
}

/// One step of the escalation path, with its Edit button or its form.
#[component]
pub fn EscalationItem(
    step: Escalation,
    sentence: String,
    editing: RwSignal<Option<String>>,
) -> impl IntoView {
    let from = step.from.clone();
    let open = move || editing.get().as_deref() == Some(from.as_str());
    let step = StoredValue::new(step);
    let sentence = StoredValue::new(sentence);
    view! {
        <li>
            <Show
                when=open
                fallback=move || {
                    let from = step.with_value(|s| s.from.clone());
                    view! {
                        {sentence.get_value()}" "
                        <button type="button" class="link no-print" id=escalation_dom_id(&from) aria-label=format!("Edit: {}", sentence.get_value()) on:click=move |_| editing.set(Some(from.clone()))>"Edit"</button>
                    }
                }
            >
                <EscalationForm step=step.get_value() editing=editing/>
            </Show>
        </li>
    }
}

#[component]
fn EscalationForm(step: Escalation, editing: RwSignal<Option<String>>) -> impl IntoView {
    let app = state::app();
    let to = RwSignal::new(step.to.clone());
    let after = RwSignal::new(step.after_minutes.to_string());
    let at_once = RwSignal::new(step.at_once_for.clone());
    let error = RwSignal::new(None::<String>);
    let from = StoredValue::new(step.from);
    let close = move || {
        editing.set(None);
        focus_soon(escalation_dom_id(&from.get_value()));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let saved = read_minutes(&after.get_untracked(), Field::Within).and_then(|m| {
            app.try_update(|ws| {
                process_edit::set_escalation(
                    ws,
                    &from.get_value(),
                    &to.get_untracked(),
                    m.unwrap_or(0),
                    &at_once.get_untracked(),
                    state::now(),
                    None,
                )
            })
        });
        match saved {
            Ok(()) => {
                close();
                app.say("Saved the escalation step; the change is dated in the changelog.");
            }
            Err(e) => {
                error.set(Some(e.to_string()));
                focus_id("esc-after");
            }
        }
    };
    Effect::new(move |_| {
        focus_id("esc-to");
    });
    view! {
        <form class="step-form no-print" on:submit=submit on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <div class="row">
                <Select label="Escalate to" id="esc-to" value=to on_change=setter(to) choices=role_choices()/>
                <TextField label="After (minutes) without progress" id="esc-after".to_string() kind="number" value=after error=Signal::derive(move || error.get())/>
            </div>
            <SeverityChecks picked=at_once legend="At once, without waiting, for"/>
            <div class="actions">
                <button type="submit">"Save"</button>
                <button type="button" class="secondary" on:click=move |_| close()>"Cancel"</button>
            </div>
        </form>
    }
}

fn release_dom_id(id: &str) -> String {
    format!("hb-rel-{id}")
}

/// One step of the release checklist: its words and owner, Edit and Remove.
#[component]
pub fn ReleaseStepItem(
    step: ReleaseStep,
    owner: String,
    editing: RwSignal<Option<Option<String>>>,
) -> impl IntoView {
    let app = state::app();
    let id = step.id.clone();
    let open = move || editing.get() == Some(Some(id.clone()));
    let step = StoredValue::new(step);
    let owner = StoredValue::new(owner);
    let remove = move |_| {
        let s = step.get_value();
        let message = format!("Removed \u{201c}{}\u{201d} from the release checklist.", s.text);
        match app.update_with_undo(message, |ws| {
            process_edit::remove_release_step(ws, &s.id, state::now(), None)
        }) {
            Ok(()) => focus_soon("hb-rel-add"),
            Err(e) => app.say(e.to_string()),
        }
    };
    view! {
        <li>
            <Show
                when=open
                fallback=move || {
                    let s = step.get_value();
                    let id = s.id.clone();
                    view! {
                        {s.text.clone()}" "<span class="hint">{format!("({})", owner.get_value())}</span>" "
                        <span class="step-actions no-print">
                            <button type="button" class="link" id=release_dom_id(&s.id) aria-label=format!("Edit \u{201c}{}\u{201d}", s.text) on:click=move |_| editing.set(Some(Some(id.clone())))>"Edit"</button>
                            <button type="button" class="link" aria-label=format!("Remove \u{201c}{}\u{201d}", s.text) on:click=remove>"Remove"</button>
                        </span>
                    }
                }
            >
                <ReleaseStepForm step=Some(step.get_value()) editing=editing/>
            </Show>
        </li>
    }
}

/// Writing or changing a step of the release checklist: its words, its stage, its owner.
#[component]
pub fn ReleaseStepForm(
    step: Option<ReleaseStep>,
    editing: RwSignal<Option<Option<String>>>,
) -> impl IntoView {
    let app = state::app();
    let text = RwSignal::new(step.as_ref().map(|s| s.text.clone()).unwrap_or_default());
    let stage = RwSignal::new(
        step.as_ref()
            .map_or(Stage::Plan, |s| s.stage)
            .as_str()
            .to_string(),
    );
    let owner = RwSignal::new(step.as_ref().map_or_else(
        || crate::domain::defaults::RELEASE_MANAGER.to_string(),
        |s| s.owner.clone(),
    ));
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(step.map(|s| s.id));
    let close = move |focus: Option<String>| {
        editing.set(None);
        focus_soon(focus.map_or_else(|| "hb-rel-add".to_string(), |id| release_dom_id(&id)));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let stage = Stage::parse(&stage.get_untracked()).unwrap_or(Stage::Plan);
        match app.try_update(|ws| {
            process_edit::save_release_step(
                ws,
                id.get_value().as_deref(),
                stage,
                &owner.get_untracked(),
                &text.get_untracked(),
                state::now(),
                None,
            )
        }) {
            Ok(saved) => {
                close(Some(saved));
                app.say("Saved the release step; the change is dated in the changelog.");
            }
            Err(e) => {
                error.set(Some(e.to_string()));
                focus_id("rel-step-text");
            }
        }
    };
    let stages = choices(Stage::ALL, Stage::as_str, Stage::label);
    Effect::new(move |_| {
        focus_id("rel-step-text");
    });
    view! {
        <form class="step-form no-print" on:submit=submit on:keydown=move |ev| if ev.key() == "Escape" { close(id.get_value()) }>
            <TextField label="Release step" id="rel-step-text".to_string() value=text required=true error=Signal::derive(move || error.get())/>
            <div class="row">
                <Select label="Stage" id="rel-step-stage" value=stage on_change=setter(stage) choices=Signal::derive(move || stages.clone())/>
                <Select label="Owned by" id="rel-step-owner" value=owner on_change=setter(owner) choices=role_choices()/>
            </div>
            <div class="actions">
                <button type="submit">"Save step"</button>
                <button type="button" class="secondary" on:click=move |_| close(id.get_value())>"Cancel"</button>
            </div>
        </form>
    }
}
