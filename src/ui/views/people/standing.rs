//! Standing roles: who holds them now, hand-overs and the history.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::HISTORY_PAGE;
use crate::domain::assign::{self, Link};
use crate::domain::roster::{self, Check, Held};
use crate::domain::{people, Scope};
use crate::ui::components::field::{setter, Field, Select};
use crate::ui::components::keyed;
use crate::ui::components::person_picker::PickWarning;
use crate::ui::components::shell::{focus_selector_soon, focus_soon};
use crate::ui::components::when::{Moment, WhenInput};
use crate::ui::views::incident::When;
use crate::ui::{state, time};

/// One current holder, keyed by the assignment's id: what it says follows the assignment and the
/// page's clock (an upcoming start turns into "since" when it comes), and the time typed for an
/// end and an open hand-over stay while it does.
fn holder_item(
    rows: Signal<Vec<Held>>,
    id: String,
    now: RwSignal<DateTime<Utc>>,
    handing: RwSignal<Option<String>>,
) -> impl IntoView {
    let app = state::app();
    let row = keyed::entry(rows, id.clone(), |h| &h.id);
    let held = Memo::new(move |_| row.get().map(|h| (h.start > now.get(), h)));
    let moment = Moment::new();
    let end = move |_| {
        // An assignment that has not started yet is ended where it starts: it never held.
        let Some((_, h)) = held.get_untracked() else {
            return;
        };
        let Ok(at) = moment.get() else { return };
        let at = at.max(h.start);
        let msg = format!("Ended {}'s time as {}.", h.person, h.role);
        if let Err(e) = app.update_with_undo(msg, |ws| assign::end_assignment(ws, &h.id, at, state::now())) {
            app.say(e.to_string());
        } else {
            moment.recorded();
        }
    };
    let open_handover = {
        let id = id.clone();
        move |_| {
            handing.set(Some(id.clone()));
            focus_soon(format!("handover-{id}"));
        }
    };
    let words = keyed::pick(held, |(upcoming, h)| {
        (*upcoming, h.role.clone(), h.person.clone(), h.start, h.end)
    });
    let actions = keyed::pick(held, |(upcoming, h)| {
        (*upcoming, h.role.clone(), h.person.clone())
    });
    let form = {
        let id = id.clone();
        move || {
            (handing.get().as_deref() == Some(id.as_str()))
                .then(|| held.get_untracked().map(|(_, h)| handover_form(h, handing)))
        }
    };
    let when_id = format!("end-{id}-when");
    view! {
        <li class="holder">
            {keyed::follow(words, |(upcoming, role, person, start, end)| view! {
                <span class="holder-role">{role}</span>": "
                <strong>{person}</strong>", "
                {if upcoming { "starts " } else { "since " }}
                <When at=start/>
                {end.map(|e| view! { ", until " <When at=e/> })}
            }.into_any())}
            <div class="actions">
                {keyed::follow(actions, move |(upcoming, role, person)| view! {
                    <button class="secondary" on:click=end>
                        {if upcoming { "Cancel" } else { "End" }}
                        <span class="visually-hidden">{format!(" {person}'s time as {role}")}</span>
                    </button>
                    {(!upcoming).then(|| view! {
                        <button class="secondary" on:click=open_handover.clone()>
                            "Hand over to…"<span class="visually-hidden">{format!(" ({role} held by {person})")}</span>
                        </button>
                    })}
                }.into_any())}
                <Show when=move || actions.with(|a| a.as_ref().is_some_and(|a| !a.0))>
                    <WhenInput moment=moment id=when_id.clone() label=actions.with_untracked(|a| {
                        a.as_ref().map(|(_, role, person)| format!("time {person}'s turn as {role} ends")).unwrap_or_default()
                    })/>
                </Show>
            </div>
            {form}
        </li>
    }
}

/// Picks who takes a standing role over; the handover happens at the moment it is confirmed.
fn handover_form(h: Held, handing: RwSignal<Option<String>>) -> impl IntoView {
    let app = state::app();
    let to = RwSignal::new(String::new());
    let err = RwSignal::new(None::<String>);
    let candidates = Memo::new(move |_| app.ws.with(people::active_by_name));
    let moment = Moment::new();
    let submit = {
        let h = h.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let target = to.get_untracked();
            if target.is_empty() {
                err.set(Some("Pick who takes the role over.".into()));
                return;
            }
            let Ok(at) = moment.get() else { return };
            match app.try_update(|ws| assign::handover(ws, &h.id, &target, at, state::now())) {
                Ok(_) => {
                    moment.recorded();
                    let who = app.ws.with_untracked(|ws| assign::person_name(ws, &target));
                    app.say(format!("{} handed {} over to {who}.", h.person, h.role));
                    handing.set(None);
                }
                Err(e) => err.set(Some(e.to_string())),
            }
        }
    };
    view! {
        <form class="handover" novalidate aria-label=format!("Hand {} over", h.role) on:submit=submit>
            <Select
                label=format!("Hand {} over to", h.role)
                id=format!("handover-{}", h.id)
                placeholder="Choose a person…"
                value=to
                on_change=setter(to)
                choices=candidates
                error=err
                hint="One ends and the other starts at the same instant: now, or the time you give."
            />
            <WhenInput moment=moment id=format!("handover-{}-when", h.id) label="time of the hand-over"/>
            <div class="actions">
                <button type="submit">"Hand over"</button>
                <button type="button" class="secondary" on:click=move |_| handing.set(None)>"Cancel"</button>
            </div>
        </form>
    }
}

pub(super) fn standing_section(now: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let app = state::app();
    let lists = Memo::new(move |_| {
        now.track();
        app.ws.with(|ws| roster::standing(ws, state::now()))
    });
    let current: Signal<Vec<Held>> = Memo::new(move |_| lists.with(|l| l.0.clone())).into();
    let handing = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="standing-h">
            <h2 id="standing-h">"Standing roles"</h2>
            <p class="lead">"Roles held for a period rather than within one incident or release, such as the committee chair."</p>
            <Show
                when=move || lists.with(|l| !l.0.is_empty())
                fallback=|| view! { <p class="empty">"Nobody holds a standing role right now. Give one with the form below."</p> }
            >
                <ul class="holders" aria-label="Current standing roles">
                    <For each=move || keyed::ids(current, |h| &h.id) key=String::clone let:id>
                        {holder_item(current, id, now, handing)}
                    </For>
                </ul>
            </Show>
            <GiveStanding/>
            <History ended=Signal::derive(move || lists.with(|l| l.1.clone()))/>
        </section>
    }
}

/// The form that gives someone a standing role from a time on.
#[component]
fn GiveStanding() -> impl IntoView {
    let app = state::app();
    let roles = Memo::new(move |_| {
        app.ws.with(|ws| {
            ws.roles
                .iter()
                .filter(|r| r.deleted_at.is_none() && r.scope == Scope::Standing)
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let people_list = Memo::new(move |_| app.ws.with(people::active_by_name));
    let (person, role) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let from = RwSignal::new(time::to_input(state::now()));
    let (person_err, role_err, from_err) = (RwSignal::new(None), RwSignal::new(None), RwSignal::new(None));
    // Load and conflicts, said before the role is given, as on the incident role board.
    let check = Memo::new(move |_| {
        let (p, r) = (person.get(), role.get());
        let at = time::from_input(&from.get()).unwrap_or_else(state::now);
        (!p.is_empty() && !r.is_empty()).then(|| {
            app.ws
                .with(|ws| roster::check_pick(ws, &p, &r, &time::BrowserZones, at))
        })
    });
    let give = Callback::new(move |anyway: bool| {
        let (p, r) = (person.get_untracked(), role.get_untracked());
        let start = time::from_input(&from.get_untracked());
        person_err.set(p.is_empty().then(|| "Pick who takes the role on.".to_string()));
        role_err.set(r.is_empty().then(|| "Pick a standing role.".to_string()));
        from_err.set(
            start
                .is_none()
                .then(|| "Give the start as a date and a time.".to_string()),
        );
        let Some(start) = start.filter(|_| !p.is_empty() && !r.is_empty()) else {
            return;
        };
        // A warning is showing: going ahead is its own button, so Enter never skips reading it.
        if !anyway && check.with_untracked(|c| c.as_ref().is_some_and(Check::needs_reading)) {
            focus_selector_soon("#give-standing .assess button");
            return;
        }
        match app.try_update(|ws| assign::assign(ws, &p, &r, Link::Standing, start, state::now())) {
            Ok(_) => {
                let (pn, rn) = app
                    .ws
                    .with_untracked(|ws| (assign::person_name(ws, &p), assign::role_name(ws, &r)));
                app.say(format!("{pn} is now {rn}."));
                person.set(String::new());
                role.set(String::new());
                from.set(time::to_input(state::now()));
            }
            Err(e) => person_err.set(Some(e.to_string())),
        }
    });
    let role_name = Signal::derive(move || app.ws.with(|ws| assign::role_name(ws, &role.get())));
    view! {
        <div class="card">
            <h3 id="give-h">"Give a standing role"</h3>
            <Show
                when=move || !roles.with(Vec::is_empty)
                fallback=|| view! { <p class="hint">"The role catalogue has no standing roles yet; add one below with the scope “Standing”."</p> }
            >
                <form novalidate aria-labelledby="give-h" id="give-standing" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    give.run(false);
                }>
                    <div class="form-grid">
                        <Select label="Person" id="give-person" placeholder="Choose a person…" value=person on_change=setter(person) choices=people_list error=person_err/>
                        <Select label="Standing role" id="give-role" placeholder="Choose a role…" value=role on_change=setter(role) choices=roles error=role_err/>
                        <Field label="From" kind="datetime-local" value=from id="give-from" error=from_err />
                    </div>
                    <Show when=move || people_list.with(Vec::is_empty)>
                        <p class="hint">"Only active people can be given a role; add someone to the roster first."</p>
                    </Show>
                    {move || view! {
                        <PickWarning
                            check=check
                            role_name=role_name.get()
                            on_instead=Callback::new(move |p| person.set(p))
                            anyway=|name| format!("Give {name} the role anyway")
                            on_anyway=Callback::new(move |_| give.run(true))
                        />
                    }}
                    <div class="actions"><button type="submit">"Give role"</button></div>
                </form>
            </Show>
        </div>
    }
}

/// Ended standing roles, most recent first, a page at a time.
#[component]
fn History(ended: Signal<Vec<Held>>) -> impl IntoView {
    let shown = RwSignal::new(HISTORY_PAGE);
    let len = move || ended.with(Vec::len);
    let page: Signal<Vec<Held>> =
        Memo::new(move |_| ended.with(|l| l.iter().take(shown.get()).cloned().collect::<Vec<_>>())).into();
    view! {
        <h3>"History"</h3>
        <Show when=move || { len() > 0 } fallback=|| view! { <p class="hint">"No standing role has ended yet."</p> }>
            <ul class="history" aria-label="Ended standing roles, most recent first">
                <For each=move || keyed::ids(page, |h| &h.id) key=String::clone let:id>
                    {
                        let row = keyed::entry(page, id, |h| &h.id);
                        view! {
                            <li>
                                {keyed::part(row, |h| view! {
                                    <span class="holder-role">{h.role.clone()}</span>": "
                                    <strong>{h.person.clone()}</strong>", from "
                                    <When at=h.start/>" until "{h.end.map(|e| view! { <When at=e/> })}
                                }.into_any())}
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || { len() > shown.get() }>
                <p class="actions">
                    <button class="secondary" on:click=move |_| shown.update(|n| *n += HISTORY_PAGE)>
                        {move || format!("Show older ({} more)", len() - shown.get())}
                    </button>
                </p>
            </Show>
        </Show>
    }
}
