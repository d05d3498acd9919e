//! The handbook (`#/handbook`): the team's whole process on one page a new volunteer can read,
//! printable and downloadable as Markdown for a wiki.

use leptos::prelude::*;

use crate::domain::assign::role_name;
use crate::domain::duration::human;
use crate::domain::process::{default_process, when_words, Process, Stage};
use crate::domain::{handbook, Workspace};
use crate::ui::{files, state};

/// The team's process: the built-in one until the team writes its own.
fn process_of(_ws: &Workspace) -> Process {
    default_process()
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
        <Roles/>
        <Rules/>
        <Severities/>
        <Escalation/>
        <ReleaseProcess/>
        <Changelog/>
    }
}

#[component]
fn Roles() -> impl IntoView {
    let app = state::app();
    let roles = move || {
        app.ws.with(|ws| {
            let p = process_of(ws);
            ws.roles
                .iter()
                .filter(|r| r.deleted_at.is_none())
                .map(|r| (r.clone(), p.roles.iter().find(|x| x.role == r.id).cloned()))
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
                    {match rp {
                        None => view! { <p class="hint">"No duties written down yet."</p> }.into_any(),
                        Some(rp) => view! {
                            <ul class="duties">
                                {rp.duties.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                                {rp.not_duties.into_iter().map(|d| view! { <li class="not"><strong>"Not: "</strong>{d}</li> }).collect_view()}
                            </ul>
                            {(!rp.checklist.is_empty()).then(|| view! {
                                <h4>"Checklist"</h4>
                                <ol class="checklist">
                                    {rp.checklist.into_iter().map(|s| {
                                        let when = when_words(&s);
                                        view! { <li>{s.text}{(!when.is_empty()).then(|| view! { " " <span class="hint">{format!("({when})")}</span> })}</li> }
                                    }).collect_view()}
                                </ol>
                            })}
                        }.into_any(),
                    }}
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
    let list = move || app.ws.with(|ws| process_of(ws).severities);
    view! {
        <section class="card" aria-labelledby="hb-sev-h">
            <h2 id="hb-sev-h">"Severities"</h2>
            <dl class="hb-severities">
                {move || list().into_iter().map(|s| view! {
                    <div>
                        <dt>{s.severity.label()}</dt>
                        <dd>
                            <p>{s.declare_when}</p>
                            <p>{format!("Who is called: {}. At night: {}.", s.call, handbook::night_words(s.wake_at_night))}</p>
                            {s.update_every_minutes.map(|m| view! { <p>{format!("Updates every {}.", human(crate::domain::process::minutes(m)))}</p> })}
                        </dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn Escalation() -> impl IntoView {
    let app = state::app();
    let steps = move || {
        app.ws.with(|ws| {
            process_of(ws)
                .escalation
                .into_iter()
                .map(|e| handbook::escalation_sentence(ws, &e))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="hb-esc-h">
            <h2 id="hb-esc-h">"Escalation"</h2>
            <ol>{move || steps().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
        </section>
    }
}

#[component]
fn ReleaseProcess() -> impl IntoView {
    let app = state::app();
    let stages = move || {
        app.ws.with(|ws| {
            let p = process_of(ws);
            Stage::ALL
                .into_iter()
                .map(|st| {
                    let steps: Vec<(String, String)> = p
                        .release
                        .iter()
                        .filter(|s| s.stage == st)
                        .map(|s| (s.text.clone(), role_name(ws, &s.owner)))
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
                <ol>{steps.into_iter().map(|(text, owner)| view! { <li>{text}" "<span class="hint">{format!("({owner})")}</span></li> }).collect_view()}</ol>
            }).collect_view()}
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
                    view! { <p>"The built-in process, not changed by the team yet."</p> }.into_any()
                } else {
                    view! { <ul>{c.into_iter().map(|c| view! { <li>{format!("{}: {}", crate::domain::times::hm(c.at), c.text)}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}
