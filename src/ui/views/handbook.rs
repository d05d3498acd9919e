//! The handbook (`#/handbook`): the team's whole process on one page a new volunteer can read,
//! printable and downloadable as Markdown for a wiki.

use leptos::prelude::*;

use crate::domain::assign::role_name;
use crate::domain::duration::human;
use crate::domain::model::Severity;
use crate::domain::process::{default_process, Process, Stage};
use crate::domain::process_edit::PolicyDraft;
use crate::domain::{handbook, process_edit, Workspace};
use crate::ui::views::handbook_edit::{
    Editing, EscalationItem, PolicyEditButton, PolicyForm, ReleaseStepForm, ReleaseStepItem, RoleProcessView,
};
use crate::ui::{files, state, time};

/// The team's process, or Hatrack's suggested one (shown, offered, not taken up) when it has none.
fn process_of(ws: &Workspace) -> Process {
    ws.process.as_ref().map_or_else(default_process, Process::live)
}

#[component]
pub fn HandbookView() -> impl IntoView {
    let app = state::app();
    let download = move |_| {
        let md = app
            .ws
            .with_untracked(|ws| handbook::to_markdown(ws, &process_of(ws)));
        let name = format!("hatrack-handbook-{}.md", files::today_stamp());
        match files::download(&name, "text/markdown", &md) {
            Ok(()) => app.say(format!("Downloaded {name}.")),
            Err(e) => app.say(e),
        }
    };
    view! {
        <h1>"Handbook"</h1>
        <p class="lead">"How this team runs an incident and a release: who does what, what they do not do, and what happens when. Read it before your first shift."</p>
        <div class="actions no-print">
            <button type="button" on:click=download>"Download as Markdown"</button>
            <button type="button" class="secondary" on:click=move |_| { let _ = window().print(); }>"Print"</button>
        </div>
        <TakeUp/>
        <Roles/>
        <Rules/>
        <Severities/>
        <Escalation/>
        <ReleaseProcess/>
        <Changelog/>
    }
}

/// Offered, never forced: a team without a written process sees the suggested one and takes
/// it up with one press (or by changing any part of it).
#[component]
fn TakeUp() -> impl IntoView {
    let app = state::app();
    let none = move || app.ws.with(|ws| ws.process.is_none());
    let take = move |_| {
        app.update(|ws| {
            process_edit::take_up(ws, state::now(), None);
        });
        app.say("Took up the suggested process: the role board now shows each role's checklist.");
    };
    view! {
        <Show when=none>
            <div class="card notice no-print" role="region" aria-label="Suggested process">
                <p>"Your team has not written down its process yet. This is the process Hatrack suggests for a volunteer team: take it up to see each role's checklist on the role board during an incident, and change any of it to fit your team."</p>
                <button type="button" on:click=take>"Take up this process"</button>
            </div>
        </Show>
    }
}

#[component]
fn Roles() -> impl IntoView {
    let app = state::app();
    let editing = RwSignal::new(None::<Editing>);
    let roles = move || {
        app.ws.with(|ws| {
            let p = process_of(ws);
            ws.roles
                .iter()
                .filter(|r| r.deleted_at.is_none())
                .map(|r| {
                    let rp = p.roles.iter().find(|x| x.role == r.id).cloned();
                    (r.clone(), rp)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card handbook-roles" aria-labelledby="hb-roles-h">
            <h2 id="hb-roles-h">"Roles"</h2>
            {move || roles().into_iter().map(|(r, rp)| view! {
                <article class="hb-role" aria-labelledby=format!("hb-{}", r.id)>
                    <h3 id=format!("hb-{}", r.id)>{r.name.clone()}</h3>
                    {(!r.description.trim().is_empty()).then(|| view! { <p>{r.description.clone()}</p> })}
                    <RoleProcessView role=r.id.clone() role_name=r.name.clone() rp=rp editing=editing/>
                </article>
            }).collect_view()}
        </section>
    }
}

#[component]
fn Rules() -> impl IntoView {
    let app = state::app();
    let rules = move || {
        app.ws.with(|ws| {
            ws.conflicts
                .iter()
                .filter(|c| c.deleted_at.is_none())
                .map(|c| {
                    (
                        role_name(ws, &c.roles[0]),
                        role_name(ws, &c.roles[1]),
                        c.reason.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="hb-rules-h">
            <h2 id="hb-rules-h">"Roles one person does not hold together"</h2>
            <ul>
                {move || rules().into_iter().map(|(a, b, why)| view! { <li><strong>{format!("{a} and {b}: ")}</strong>{why}</li> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Severities() -> impl IntoView {
    let app = state::app();
    let editing = RwSignal::new(None::<Severity>);
    let list = move || app.ws.with(|ws| process_of(ws).severities);
    view! {
        <section class="card" aria-labelledby="hb-sev-h">
            <h2 id="hb-sev-h">"Severities"</h2>
            <dl class="hb-severities">
                {move || list().into_iter().map(|s| {
                    let sev = s.severity;
                    let draft = PolicyDraft::of(&s);
                    view! {
                        <div>
                            <dt>{sev.label()}</dt>
                            <dd>
                                <Show
                                    when=move || editing.get() == Some(sev)
                                    fallback={
                                        let s = s.clone();
                                        move || view! {
                                            <p>{s.declare_when.clone()}</p>
                                            <p>{format!("Who is called: {}. At night: {}.", s.call, handbook::night_words(s.wake_at_night))}</p>
                                            {s.update_every_minutes.map(|m| view! { <p>{format!("Updates every {}.", human(crate::domain::process::minutes(m)))}</p> })}
                                            <PolicyEditButton severity=sev editing=editing/>
                                        }
                                    }
                                >
                                    <PolicyForm severity=sev draft=draft.clone() editing=editing/>
                                </Show>
                            </dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn Escalation() -> impl IntoView {
    let app = state::app();
    let editing = RwSignal::new(None::<String>);
    let steps = move || {
        app.ws.with(|ws| {
            process_of(ws)
                .escalation
                .into_iter()
                .map(|e| {
                    let sentence = handbook::escalation_sentence(ws, &e);
                    (e, sentence)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="hb-esc-h">
            <h2 id="hb-esc-h">"Escalation"</h2>
            <ol>{move || steps().into_iter().map(|(e, sentence)| view! { <EscalationItem step=e sentence=sentence editing=editing/> }).collect_view()}</ol>
        </section>
    }
}

#[component]
fn ReleaseProcess() -> impl IntoView {
    let app = state::app();
    // `Some(None)`: a new step is being written; `Some(Some(id))`: that step is.
    let editing = RwSignal::new(None::<Option<String>>);
    let stages = move || {
        app.ws.with(|ws| {
            let p = process_of(ws);
            Stage::ALL
                .into_iter()
                .map(|st| {
                    let steps: Vec<_> = p
                        .release
                        .iter()
                        .filter(|s| s.stage == st)
                        .map(|s| (s.clone(), role_name(ws, &s.owner)))
                        .collect();
                    (st.label(), steps)
                })
                .filter(|(_, s)| !s.is_empty())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="hb-rel-h">
            <h2 id="hb-rel-h">"Release process"</h2>
            {move || stages().into_iter().map(|(label, steps)| view! {
                <h3>{label}</h3>
                <ol>{steps.into_iter().map(|(s, owner)| view! { <ReleaseStepItem step=s owner=owner editing=editing/> }).collect_view()}</ol>
            }).collect_view()}
            <Show
                when=move || editing.get() == Some(None)
                fallback=move || view! {
                    <button type="button" class="secondary small no-print" id="hb-rel-add" on:click=move |_| editing.set(Some(None))>"Add a release step"</button>
                }
            >
                <ReleaseStepForm step=None editing=editing/>
            </Show>
        </section>
    }
}

#[component]
fn Changelog() -> impl IntoView {
    let app = state::app();
    let changes = move || app.ws.with(|ws| process_of(ws).changelog);
    view! {
        <section class="card" aria-labelledby="hb-log-h">
            <h2 id="hb-log-h">"Changelog"</h2>
            {move || {
                let c = changes();
                if c.is_empty() {
                    view! { <p>"Hatrack's suggested process, not taken up or changed by the team yet."</p> }.into_any()
                } else {
                    view! { <ul class="changelog">{c.into_iter().rev().map(|c| view! { <li><time datetime=c.at.to_rfc3339()>{time::local(c.at)}</time>": "{c.text}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}
