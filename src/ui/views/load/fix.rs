//! "Fix it": for each overloaded or conflicted person, the roles they could hand over and to whom.

use leptos::prelude::*;

use crate::domain::rest;
use crate::ui::time::BrowserZones;

use super::now::Model;
use super::{fingerprint, focus_id};
use crate::domain::load::{self, Candidate};
use crate::domain::text::number;
use crate::domain::text::plural;
use crate::domain::{assign, incident, Workspace};
use crate::ui::{route, state};

/// Flagged people shown before "Show all".
const PAGE: usize = 10;
/// Candidates offered per role.
const OFFER: usize = 3;

#[derive(Clone, Debug, PartialEq)]
struct Offer {
    assignment_id: String,
    role_name: String,
    weight: f64,
    /// Incident id when the role is held within an incident: the handover goes in its timeline.
    incident: Option<(String, String)>,
    release: Option<String>,
    in_conflict: bool,
    candidates: Vec<Candidate>,
    /// Each candidate's clock and rest in words ("Priya Raman — 14:05 their time, rested"), in
    /// the same order: rested people for whom it is day come first, and nobody away is offered.
    rest: Vec<String>,
    /// Why nobody is offered, when nobody is.
    nobody: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
struct Person {
    person_id: String,
    name: String,
    state: String,
    offers: Vec<Offer>,
}

fn name_of(ws: &Workspace, id: &str) -> String {
    assign::person_name(ws, id)
}

fn fixes(ws: &Workspace, model: &Model, now: chrono::DateTime<chrono::Utc>) -> Vec<Person> {
    let cover = load::coverage(ws, now);
    let mut out: Vec<Person> = vec![];
    let mut rested = rest::Rested::new(ws, &BrowserZones, now);
    for s in load::suggestions(ws, now) {
        let Some(row) = model.rows.iter().find(|r| r.p.person_id == s.from_person) else {
            continue;
        };
        let Some(held) = row.p.held.iter().find(|h| h.assignment_id == s.assignment_id) else {
            continue;
        };
        let nobody = s.candidates.is_empty().then(|| {
            let others: Vec<String> = cover
                .iter()
                .find(|c| c.role_id == s.role_id)
                .map(|c| c.capable.iter().filter(|p| **p != s.from_person).cloned().collect())
                .unwrap_or_default();
            if others.is_empty() {
                format!(
                    "Nobody else has the {} skill — a single point of failure. Add the skill to someone on the People page.",
                    held.role_name
                )
            } else {
                let names: Vec<String> = others.iter().map(|p| name_of(ws, p)).collect();
                format!(
                    "Nobody can take {} without a new conflict: {} already {} a role that must not be combined with it.",
                    held.role_name,
                    names.join(", "),
                    if names.len() == 1 { "holds" } else { "hold" }
                )
            }
        });
        let incident = held.incident.as_ref().map(|id| {
            let title = assign::find_incident(ws, id).map_or_else(|| id.clone(), |i| i.title.clone());
            (id.clone(), title)
        });
        let release = held
            .release
            .as_ref()
            .map(|id| assign::find_release(ws, id).map_or_else(|| id.clone(), |r| r.name.clone()));
        let mut ranked = rested.rank(s.candidates);
        ranked.truncate(OFFER);
        let offer = Offer {
            assignment_id: s.assignment_id.clone(),
            role_name: held.role_name.clone(),
            weight: held.weight,
            incident,
            release,
            in_conflict: row
                .p
                .conflicts
                .iter()
                .any(|c| c.assignments.contains(&s.assignment_id)),
            candidates: ranked.iter().map(|r| r.candidate.clone()).collect(),
            rest: ranked.iter().map(rest::RestedCandidate::sentence).collect(),
            nobody,
        };
        match out.last_mut() {
            Some(p) if p.person_id == s.from_person => p.offers.push(offer),
            _ => {
                let mut state = vec![row.state()];
                if !row.p.conflicts.is_empty() {
                    state.push(plural(row.p.conflicts.len(), "conflict", "conflicts"));
                }
                out.push(Person {
                    person_id: s.from_person.clone(),
                    name: row.p.name.clone(),
                    state: state.join(", "),
                    offers: vec![offer],
                })
            }
        }
    }
    out
}

#[component]
pub fn FixSection(model: Memo<Model>) -> impl IntoView {
    let app = state::app();
    let people = Memo::new(move |_| {
        let m = model.get();
        app.ws.with(|ws| fixes(ws, &m, state::now()))
    });
    let error = RwSignal::new(None::<String>);
    let show_all = RwSignal::new(false);
    let total = move || people.with(|p| p.len());
    let visible = move || {
        people.with(|p| {
            let n = if show_all.get() { p.len() } else { PAGE };
            p.iter()
                .take(n)
                .map(|x| (fingerprint(&x.person_id, x), x.clone()))
                .collect::<Vec<_>>()
        })
    };
    let apply = Callback::new(move |(offer, to): (Offer, Candidate)| {
        let now = state::now();
        let from = people
            .with_untracked(|ps| {
                ps.iter()
                    .find(|p| p.offers.iter().any(|o| o.assignment_id == offer.assignment_id))
                    .map(|p| p.name.clone())
            })
            .unwrap_or_default();
        let message = format!("Handed {} from {from} to {}.", offer.role_name, to.name);
        let done = app.update_with_undo(message, |ws| {
            if offer.incident.is_some() {
                incident::handover_incident_role(ws, &offer.assignment_id, &to.person_id, None, now, now)
            } else {
                assign::handover(ws, &offer.assignment_id, &to.person_id, now, now)
            }
        });
        match done {
            Ok(_) => {
                error.set(None);
                // The button just pressed is gone; keep the keyboard where the work is.
                focus_id("fix-h");
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    });
    view! {
        <section aria-labelledby="fix-h" class="load-fix">
            <h2 id="fix-h" tabindex="-1">"Fix it"</h2>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <Show
                when=move || { total() > 0 }
                fallback=|| view! { <p class="empty">"Nobody is overloaded or holding conflicting roles, so there is nothing to fix."</p> }
            >
                <p class="hint">
                    "Hand a role to someone with the skill who would not break a conflict rule; people who stay within "
                    "capacity come first. The hand-over starts now, is written to the incident's timeline for incident "
                    "roles, and can be undone."
                </p>
                <For each=visible key=|(k, _)| k.clone() let:item>
                    <FixPerson person=item.1 apply=apply />
                </For>
                <Show when=move || { total() > PAGE && !show_all.get() }>
                    <div class="actions">
                        <button class="secondary" on:click=move |_| show_all.set(true)>
                            {move || format!("Show all {} people to help", total())}
                        </button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn FixPerson(person: Person, apply: Callback<(Offer, Candidate)>) -> impl IntoView {
    let offers = person
        .offers
        .into_iter()
        .map(|o| {
            let context = match (&o.incident, &o.release) {
                (Some((id, title)), _) => view! {
                    " on "<a href=route::incident_href(id)>{title.clone()}</a>
                }
                .into_any(),
                (_, Some(name)) => format!(" for release {name}").into_any(),
                _ => " (standing role)".into_any(),
            };
            let why = if o.in_conflict { " · in a conflict" } else { "" };
            let buttons = o
                .candidates
                .iter()
                .cloned()
                .zip(o.rest.clone())
                .map(|(c, said)| {
                    let before = (c.load_after - o.weight).max(0.0);
                    let text = format!(
                        "Hand {} to {} (load {} → {} of {})",
                        o.role_name,
                        c.name,
                        number(before),
                        number(c.load_after),
                        number(c.capacity)
                    );
                    let over = c.over_capacity();
                    let offer = o.clone();
                    view! {
                        <li>
                            <button class=if over { "secondary" } else { "" } on:click=move |_| apply.run((offer.clone(), c.clone()))>
                                {text}
                            </button>
                            " "<span class="hint">{said}</span>
                            {over.then(|| view! { <span class="hint">" This would put them over capacity too."</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="offer">
                    <p>
                        <strong>{o.role_name.clone()}</strong>
                        {format!(" (weight {})", number(o.weight))}
                        {context}
                        {why}
                    </p>
                    {o.nobody.clone().map(|n| view! { <p class="flag warn nobody">{n}</p> })}
                    <ul class="candidates">{buttons}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="card fix-person">
            <h3>{person.name.clone()}" — "{person.state.clone()}</h3>
            <ul class="offers">{offers}</ul>
        </div>
    }
}
