//! One post-incident review: roles held during the incident, each section with its prompt,
//! key moments from the incident's timeline, action items, and export. A published review is
//! shown read-only under a banner that offers the way back to draft.

mod export;
mod kind;
mod process;
mod status;

use crate::domain::order;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use super::incident::When;
use super::reviews::{today, ActionRowView, PAGE};
use crate::domain::actions;
use crate::domain::review::{self, Field, ListField, Section, SectionId};
use crate::domain::{Review, ReviewKind, ReviewStatus, Workspace};
use crate::ui::components::field::{pairs, setter, Field as InputField, Select};
use crate::ui::components::keyed;
use crate::ui::components::shell::focus_soon;
use crate::ui::{route, state, time};
use export::Export;
use kind::KindSwitch;
use process::ProcessFollowed;
use status::{PublishedBanner, StatusActions, StatusControl, StatusLog};

#[component]
pub fn ReviewView(id: String) -> impl IntoView {
    let app = state::app();
    // Only whether the review (and its incident) exists decides between page and "not found";
    // typing in a section must not rebuild the page.
    let incident = {
        let id = id.clone();
        Memo::new(move |_| {
            app.ws.with(|ws| {
                review::find_review(ws, &id)
                    .filter(|r| {
                        ws.incidents
                            .iter()
                            .any(|i| i.id == r.incident && i.deleted_at.is_none())
                    })
                    .map(|r| r.incident.clone())
            })
        })
    };
    move || match incident.get() {
        None => super::missing("Review", id.clone(), "#/reviews", "All reviews"),
        Some(incident_id) => view! { <ReviewPage id=id.clone() incident_id/> }.into_any(),
    }
}

fn with_review<T>(ws: &Workspace, id: &str, f: impl FnOnce(&Review) -> T) -> Option<T> {
    review::find_review(ws, id).map(f)
}

#[component]
fn ReviewPage(id: String, incident_id: String) -> impl IntoView {
    let app = state::app();
    let rid = StoredValue::new(id);
    // As published, or the incident's own title while the review is not.
    let title = Memo::new(move |_| {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), |r| review::facts_of(ws, r)))
            .flatten()
            .map(|f| f.title)
            .unwrap_or_default()
    });
    let kind = Memo::new(move |_| {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), |r| r.kind))
            .unwrap_or(ReviewKind::Quick)
    });
    let status = Memo::new(move |_| {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), |r| r.status))
            .unwrap_or(ReviewStatus::Draft)
    });
    let locked = Signal::derive(move || status.get() == ReviewStatus::Published);
    let act = StatusActions::new(rid);
    let sections = Memo::new(move |_| {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), review::sections))
            .unwrap_or_default()
    });
    let (filled, total) = (
        move || sections.with(|s| s.iter().filter(|s| s.filled).count()),
        move || sections.with(|s| s.len()),
    );
    // Timeline first: the story of what happened comes before any analysis of it.
    let ordered = move || {
        let mut s = sections.get();
        order::sort_by_key(&mut s, |s| s.id != SectionId::KeyMoments);
        s.into_iter().map(|s| s.id).collect::<Vec<_>>()
    };
    let incident_href = route::incident_href(&incident_id);

    view! {
        <article class="review">
            <p class="crumbs no-print"><a href="#/reviews">"All reviews"</a></p>
            <h1 id="review-h" tabindex="-1">"Review: "{move || title.get()}</h1>
            <PublishedBanner rid act/>
            <div class="review-meta">
                "Incident: "<a href=incident_href>{move || title.get()}</a>
                " · "{move || kind.get().label()}
                <KindSwitch rid kind locked/>
            </div>
            <StatusControl status kind act/>
            <div class="progress">
                <meter min="0" max=total value=filled aria-labelledby="progress-text"></meter>
                <span id="progress-text">{move || format!("{} of {} sections written", filled(), total())}</span>
            </div>
            <Show when=move || !locked.get()>
                <p class="hint no-print">"Everything you type is saved in this browser as you type."</p>
            </Show>
            <Export rid=rid incident_id=incident_id.clone()/>
            <RolesDuring rid/>
            <ProcessFollowed rid/>
            <For each=ordered key=|s| *s let:s>
                <SectionView rid=rid id=s sections=sections incident_id=incident_id.clone() locked/>
            </For>
            <StatusLog rid/>
        </article>
    }
}

/// Who held which role while the incident ran: the lesson Hatrack exists to teach. A published
/// review shows them as they were when it was published.
#[component]
fn RolesDuring(rid: StoredValue<String>) -> impl IntoView {
    let app = state::app();
    let data = Memo::new(move |_| {
        app.ws.with(|ws| {
            with_review(ws, &rid.read_value(), |r| review::roles_of(ws, r, state::now())).unwrap_or_default()
        })
    });
    let kept = Memo::new(move |_| {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), |r| review::published_by(ws, r).is_some()))
            .unwrap_or(false)
    });
    let zone = time::zone();
    view! {
        <section class="roles-during" aria-labelledby="roles-h">
            <h2 id="roles-h">"Roles during the incident"</h2>
            {move || {
                let (spans, statements) = data.get();
                if spans.is_empty() {
                    return view! {
                        <p class="empty">
                            "Nobody was recorded holding a role during this incident. Next time, record who "
                            "takes which role on the incident page as it happens, so the review can show who "
                            "carried what."
                        </p>
                    }
                    .into_any();
                }
                let callout = if statements.is_empty() {
                    view! {
                        <div class="callout ok">
                            <p>"Nobody held conflicting roles or went over capacity during the incident."</p>
                        </div>
                    }
                    .into_any()
                } else {
                    view! {
                        <div class="callout warn">
                            <p><strong>"Too many hats: "</strong>"one person carrying roles that pull in different directions slows the response. Talk about how to hand roles over next time."</p>
                            <ul class="statements">
                                {statements.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                            </ul>
                        </div>
                    }
                    .into_any()
                };
                let zone = zone.clone();
                let caption = if kept.get() {
                    format!("Who held which role, as recorded when the review was published; times in {zone} (hover for UTC)")
                } else {
                    format!("Who held which role, times in {zone} (hover for UTC)")
                };
                view! {
                    {callout}
                    <div class="table-wrap">
                        <table>
                            <caption>{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Person"</th>
                                    <th scope="col">"Role"</th>
                                    <th scope="col">"From"</th>
                                    <th scope="col">"To"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {spans.into_iter().map(|s| view! {
                                    <tr>
                                        <td>{s.person_name}</td>
                                        <td>{s.role_name}</td>
                                        <td><When at=s.from/></td>
                                        <td><When at=s.to/></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn SectionView(
    rid: StoredValue<String>,
    id: SectionId,
    sections: Memo<Vec<Section>>,
    incident_id: String,
    /// Published: every editor is read-only.
    locked: Signal<bool>,
) -> impl IntoView {
    let slug = id.as_str();
    let h_id = format!("sec-{slug}-h");
    let hint_id = format!("sec-{slug}-hint");
    let filled = move || sections.with(|s| s.iter().any(|s| s.id == id && s.filled));
    let editor = if let Some(f) = id.field() {
        view! { <TextEditor rid f h_id=h_id.clone() hint_id=hint_id.clone() locked/> }.into_any()
    } else if let Some(l) = id.list_field() {
        view! { <ListEditor rid l hint_id=hint_id.clone() locked/> }.into_any()
    } else if id == SectionId::ActionItems {
        view! { <ReviewActions rid locked/> }.into_any()
    } else {
        view! { <KeyMoments rid incident_id locked/> }.into_any()
    };
    view! {
        <section class="review-section" class:filled=filled aria-labelledby=h_id.clone()>
            <div class="section-head">
                <h2 id=h_id.clone()>{id.title()}</h2>
                <span class="tag" class:ok=filled>{move || if filled() { "Written" } else { "Not written yet" }}</span>
            </div>
            <div class="section-body">
                <div class="editor">{editor}</div>
                <p class="hint prompt" id=hint_id>{id.prompt()}</p>
            </div>
        </section>
    }
}

/// A free-text section: every keystroke goes to the workspace, so a reload loses nothing.
/// Read-only (still readable and selectable) while the review is published.
#[component]
fn TextEditor(
    rid: StoredValue<String>,
    f: Field,
    h_id: String,
    hint_id: String,
    locked: Signal<bool>,
) -> impl IntoView {
    let app = state::app();
    let text = move || {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), |r| f.get(r).clone()))
            .unwrap_or_default()
    };
    let input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        // Only fails for a deleted review or a section this kind lacks, and then changes nothing.
        app.update(|ws| {
            let _ = review::set_text(ws, &rid.read_value(), f, &v, state::now());
        });
    };
    view! {
        <textarea
            id=format!("text-{}", f.title().to_lowercase())
            class="no-print"
            rows="6"
            aria-labelledby=h_id
            aria-describedby=hint_id
            readonly=move || locked.get()
            prop:value=text
            on:input=input
        ></textarea>
        <div class="print-only print-text">{text}</div>
    }
}

/// A list section: one short statement per item, each editable and removable; read-only, with
/// no add or remove, while the review is published.
#[component]
fn ListEditor(
    rid: StoredValue<String>,
    l: ListField,
    hint_id: String,
    locked: Signal<bool>,
) -> impl IntoView {
    let app = state::app();
    let count = Memo::new(move |_| {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), |r| l.get(r).len()))
            .unwrap_or(0)
    });
    view! {
        <Show when=move || { count.get() > 0 } fallback=|| view! { <p class="muted none">"No items yet."</p> }>
            <ol class="items">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <ItemRow rid l i locked/>
                </For>
            </ol>
        </Show>
        <Show when=move || !locked.get()>
            <AddItem rid l hint_id=hint_id.clone()/>
        </Show>
    }
}

/// The form that adds one item to a list section.
#[component]
fn AddItem(rid: StoredValue<String>, l: ListField, hint_id: String) -> impl IntoView {
    let app = state::app();
    let new_text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let new_id = format!("new-{}", l.title().to_lowercase().replace(' ', "-"));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = new_text.get_untracked();
        match app.try_update(|ws| review::add_item(ws, &rid.read_value(), l, &text, state::now())) {
            Ok(_) => {
                new_text.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let err_id = format!("{new_id}-err");
    view! {
        <form class="add-item no-print" on:submit=add>
            <label for=new_id.clone()>{format!("Add to {}", l.title().to_lowercase())}</label>
            <div class="add-row">
                <input
                    id=new_id.clone()
                    type="text"
                    aria-describedby=move || if error.get().is_some() { format!("{hint_id} {err_id}") } else { hint_id.clone() }
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=move || new_text.get()
                    on:input=move |ev| new_text.set(event_target_value(&ev))
                />
                <button type="submit">"Add"<span class="visually-hidden">{format!(" to {}", l.title().to_lowercase())}</span></button>
            </div>
            {move || error.get().map(|e| view! { <p class="error" id=format!("{}-err", new_id)>{e}</p> })}
        </form>
    }
}

/// One item of a list section. Edits are saved when the field is left (or Enter), because the
/// domain trims items and saving each keystroke would swallow the space being typed.
#[component]
fn ItemRow(rid: StoredValue<String>, l: ListField, i: usize, locked: Signal<bool>) -> impl IntoView {
    let app = state::app();
    let text = move || {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), |r| l.get(r).get(i).cloned()))
            .flatten()
            .unwrap_or_default()
    };
    let error = RwSignal::new(None::<String>);
    let label = format!("{}, item {}", l.title(), i + 1);
    let change = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        match app.try_update(|ws| review::edit_item(ws, &rid.read_value(), l, i, &v, state::now())) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let remove = move |_| {
        let msg = format!("Removed an item from {}.", l.title().to_lowercase());
        if let Err(e) = app.update_with_undo(msg, |ws| {
            review::remove_item(ws, &rid.read_value(), l, i, state::now())
        }) {
            app.say(e.to_string());
        }
    };
    view! {
        <li>
            <div class="item-row no-print">
                <input type="text" aria-label=label.clone() aria-invalid=move || error.get().is_some().then_some("true") readonly=move || locked.get() prop:value=text on:change=change/>
                <Show when=move || !locked.get()>
                    <button class="secondary small" aria-label=format!("Remove {label}") on:click=remove>"Remove"</button>
                </Show>
            </div>
            <span class="print-only">{text}</span>
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
        </li>
    }
}

#[derive(Clone, PartialEq)]
struct Moment {
    id: String,
    at: DateTime<Utc>,
    kind: &'static str,
    text: String,
    author: Option<String>,
}

/// Pick the timeline entries that tell the story; the incident's timeline stays the record.
#[component]
fn KeyMoments(rid: StoredValue<String>, incident_id: String, locked: Signal<bool>) -> impl IntoView {
    let app = state::app();
    let iid = incident_id.clone();
    let entries = Memo::new(move |_| {
        app.ws.with(|ws| {
            let Some(inc) = ws.incidents.iter().find(|i| i.id == iid) else {
                return vec![];
            };
            let mut out: Vec<Moment> = inc
                .timeline
                .iter()
                .filter(|e| e.deleted_at.is_none())
                .map(|e| Moment {
                    id: e.id.clone(),
                    at: e.at,
                    kind: e.kind.as_str(),
                    text: e.text.clone(),
                    author: e
                        .author
                        .as_deref()
                        .and_then(|a| ws.people.iter().find(|p| p.id == a))
                        .map(|p| p.name.clone()),
                })
                .collect();
            order::sort_by_key(&mut out, |m| m.at);
            out
        })
    });
    let picked = Memo::new(move |_| {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), |r| r.key_moments.clone()))
            .unwrap_or_default()
    });
    let limit = RwSignal::new(PAGE);
    let shown = move || entries.with(|e| e.iter().take(limit.get()).cloned().collect::<Vec<_>>());
    let left = move || entries.with(|e| e.len()).saturating_sub(limit.get());
    let toggle = move |entry: String, on: bool| {
        let mut ids = picked.get_untracked();
        ids.retain(|x| *x != entry);
        if on {
            ids.push(entry);
        }
        if let Err(e) =
            app.try_update(|ws| review::set_key_moments(ws, &rid.read_value(), &ids, state::now()))
        {
            app.say(e.to_string());
        }
    };
    let incident_href = route::incident_href(&incident_id);
    view! {
        <Show
            when=move || !entries.with(|e| e.is_empty())
            fallback=move || view! {
                <p class="empty">
                    "The incident's timeline has no entries to pick from. Add them on the "
                    <a href=incident_href.clone()>"incident page"</a>
                    "; the review shows them here."
                </p>
            }
        >
            <p class="muted no-print">{move || format!("{} of {} entries picked. Times in {}.", picked.with(|p| p.len()), entries.with(|e| e.len()), time::zone())}</p>
            <ul class="moments">
                <For each=shown key=|m| m.id.clone() let:m>
                    {
                        let check_id = format!("moment-{}", m.id);
                        let eid = m.id.clone();
                        let eid2 = m.id.clone();
                        view! {
                            <li class:picked=move || picked.with(|p| p.contains(&eid2))>
                                <input
                                    type="checkbox"
                                    id=check_id.clone()
                                    disabled=move || locked.get()
                                    prop:checked=move || picked.with(|p| p.contains(&m.id))
                                    on:change=move |ev| toggle(eid.clone(), event_target_checked(&ev))
                                />
                                <label for=check_id>
                                    <time datetime=m.at.to_rfc3339() title=time::utc(m.at)>{time::local(m.at)}</time>
                                    " "<span class="tag">{m.kind}</span>" "
                                    {m.text.clone()}
                                    {m.author.clone().map(|a| format!(" ({a})"))}
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || { left() > 0 }>
                <button class="secondary no-print" on:click=move |_| limit.update(|l| *l += PAGE)>
                    {move || format!("Show {} more entries", left().min(PAGE))}
                </button>
            </Show>
        </Show>
    }
}

/// This review's action items and the form to add one (not while it is published: the list is
/// part of the record, though each item can still be done or reassigned).
#[component]
fn ReviewActions(rid: StoredValue<String>, locked: Signal<bool>) -> impl IntoView {
    let app = state::app();
    let rows = Memo::new(move |_| {
        let id = rid.read_value().clone();
        app.ws.with(|ws| {
            actions::action_list(ws, today())
                .into_iter()
                .filter(|r| r.review_id == id)
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !rows.with(|r| r.is_empty()) fallback=|| view! { <p class="muted none">"No action items yet."</p> }>
            <ul class="action-rows">
                <For each=move || keyed::ids(rows.into(), |r| &r.action_id) key=String::clone let:id>
                    <ActionRowView rows=Signal::from(rows) id/>
                </For>
            </ul>
        </Show>
        <Show when=move || !locked.get()>
            <AddAction rid/>
        </Show>
    }
}

const ACTION_TEXT_ID: &str = "action-text";
const DEFAULT_PRIORITY: &str = "medium";

#[component]
fn AddAction(rid: StoredValue<String>) -> impl IntoView {
    let app = state::app();
    let people = Memo::new(move |_| app.ws.with(crate::domain::people::active_by_name));
    let text = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let priority = RwSignal::new(DEFAULT_PRIORITY.to_string());
    let text_err = RwSignal::new(None::<String>);
    let due_err = RwSignal::new(None::<String>);
    let owner_err = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        text_err.set(None);
        due_err.set(None);
        owner_err.set(None);
        let d = due.get_untracked();
        let due_date = if d.trim().is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d") {
                Ok(x) => Some(x),
                Err(_) => {
                    due_err.set(Some("Pick a date from the calendar, or leave it empty.".into()));
                    return;
                }
            }
        };
        let o = owner.get_untracked();
        let owner_id = (!o.is_empty()).then_some(o);
        let res = app.try_update(|ws| {
            actions::add_action(
                ws,
                &rid.read_value(),
                &text.get_untracked(),
                owner_id,
                due_date,
                &priority.get_untracked(),
                state::now(),
            )
        });
        match res {
            Ok(_) => {
                // The form starts over for the next item, typing included: the owner just
                // picked is not the next item's owner by default.
                text.set(String::new());
                due.set(String::new());
                owner.set(String::new());
                priority.set(DEFAULT_PRIORITY.to_string());
                focus_soon(ACTION_TEXT_ID);
                app.say("Added the action item.");
            }
            Err(actions::ActionError::EmptyText) => {
                text_err.set(Some(actions::ActionError::EmptyText.to_string()));
                focus_soon(ACTION_TEXT_ID);
            }
            Err(e @ actions::ActionError::UnknownOwner(_)) => owner_err.set(Some(e.to_string())),
            Err(e) => app.say(e.to_string()),
        }
    };
    view! {
        <form class="add-action no-print" novalidate on:submit=submit aria-labelledby="add-action-h">
            <h3 id="add-action-h">"Add an action item"</h3>
            <InputField label="Action" value=text id=ACTION_TEXT_ID required=true error=text_err
                hint="One concrete change, e.g. “Alert when checkout latency passes 2 s”."/>
            <div class="form-grid">
                <Select label="Owner" id="action-owner-new" placeholder="Nobody yet" value=owner on_change=setter(owner) choices=people error=owner_err/>
                <InputField label="Due date" kind="date" value=due id="action-due" error=due_err/>
                <Select label="Priority" id="action-priority" value=priority on_change=setter(priority)
                    choices=pairs(&[("high", "High"), ("medium", "Medium"), ("low", "Low")])/>
            </div>
            <div class="actions">
                <button type="submit">"Add action item"</button>
            </div>
        </form>
    }
}
