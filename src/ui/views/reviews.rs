//! The review list, starting a review, and the one list of action items across all reviews.

use crate::domain::order;
use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::actions::{self, ActionRow};
use crate::domain::review::{self, ReviewError};
use crate::domain::review_pick;
use crate::domain::text::plural;
use crate::domain::{ReviewKind, Workspace};
use crate::ui::components::field::{kept, pairs, setter, Select};
use crate::ui::components::keyed;
use crate::ui::components::when::{Moment, WhenInput};
use crate::ui::{route, state, time};

/// How many rows a long list shows at a time.
pub const PAGE: usize = 50;

/// Starts a review of a resolved or closed incident and opens it at `#/reviews/<id>`.
///
/// For other views (the incident page): on `Err` nothing changed and nothing navigated; show
/// the error's sentence next to the control. `AlreadyReviewed` carries the existing review's
/// id, so the caller can link to it with `route::review_href`.
pub fn start_review_and_open(
    app: state::App,
    incident_id: &str,
    kind: ReviewKind,
) -> Result<String, ReviewError> {
    let id = app.try_update(|ws| review::start_review(ws, incident_id, kind, state::now()))?;
    let _ = window().location().set_hash(&route::review_href(&id));
    Ok(id)
}

/// "15 Dec 2026".
pub fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "28 Nov" in the viewer's zone, for when an action item was done.
pub fn done_day(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%-d %b").to_string()
}

pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[derive(Clone, PartialEq)]
struct ReviewRow {
    id: String,
    incident_title: String,
    kind: ReviewKind,
    status: &'static str,
    filled: usize,
    total: usize,
    updated: Option<DateTime<Utc>>,
}

fn review_rows(ws: &Workspace) -> Vec<ReviewRow> {
    let mut rows: Vec<ReviewRow> = ws
        .reviews
        .iter()
        .filter(|r| r.deleted_at.is_none())
        .filter_map(|r| {
            let inc = ws
                .incidents
                .iter()
                .find(|i| i.id == r.incident && i.deleted_at.is_none())?;
            let (filled, total) = review::completeness(r);
            Some(ReviewRow {
                id: r.id.clone(),
                incident_title: inc.title.clone(),
                kind: r.kind,
                status: r.status.label(),
                filled,
                total,
                updated: r.updated_at,
            })
        })
        .collect();
    // Most recently touched first: that is the one someone is working on.
    order::sort_by(&mut rows, |a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
    rows
}

#[component]
pub fn ReviewsView() -> impl IntoView {
    view! {
        <h1>"Reviews"</h1>
        <p class="lead">
            "Post-incident reviews are blameless: they describe what the system and the situation "
            "did, list the contributing factors rather than one root cause, and end in action items "
            "with an owner and a due date."
        </p>
        <StartReview/>
        <ReviewList/>
        <ActionList/>
    }
}

/// What the incident picker lists: a search's matches, or the newest page of `total`.
fn picker_hint(total: usize, shown: usize, query: &str) -> String {
    let q = query.trim();
    if !q.is_empty() {
        if shown == 0 {
            format!("No resolved incident without a review matches “{q}”.")
        } else {
            format!(
                "{} matching, newest first.",
                plural(shown, "incident", "incidents")
            )
        }
    } else if total > shown {
        format!("Showing the {shown} newest of {total} resolved or closed incidents without a review; search to find older ones.")
    } else {
        format!(
            "{} without a review yet, newest first.",
            plural(
                total,
                "resolved or closed incident",
                "resolved or closed incidents"
            )
        )
    }
}

#[component]
fn StartReview() -> impl IntoView {
    let app = state::app();
    let all = Memo::new(move |_| app.ws.with(review_pick::unreviewed));
    let any_resolved = Memo::new(move |_| {
        app.ws.with(|ws| {
            ws.incidents
                .iter()
                .any(|i| i.deleted_at.is_none() && !i.status.is_open())
        })
    });
    let query = RwSignal::new(String::new());
    // The newest page, or the matches for a search: a select of 1,500 options helps nobody.
    let candidates = Memo::new(move |_| all.with(|all| review_pick::search(all, &query.get(), PAGE)));
    let hint =
        Signal::derive(move || picker_hint(all.with(Vec::len), candidates.with(Vec::len), &query.get()));
    let picked = RwSignal::new(String::new());
    let kind = RwSignal::new(ReviewKind::Full);
    let error = RwSignal::new(None::<String>);
    let chosen = kept(picked, candidates);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = chosen.get_untracked();
        if id.is_empty() {
            return;
        }
        match start_review_and_open(app, &id, kind.get_untracked()) {
            Ok(_) => error.set(None),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <section class="card start-review" aria-labelledby="start-h">
            <h2 id="start-h">"Start a review"</h2>
            <Show
                when=move || !all.with(|a| a.is_empty())
                fallback=move || view! {
                    <p class="empty">
                        {move || if any_resolved.get() {
                            "Every resolved or closed incident already has a review. "
                        } else {
                            "No incident has been resolved yet. "
                        }}
                        "A review can start once an incident is resolved; open incidents are on the "
                        <a href="#/incidents">"Incidents"</a>" page."
                    </p>
                }
            >
                <form on:submit=start>
                    <Show when=move || { all.with(|a| a.len()) > PAGE }>
                        <div class="field">
                            <label for="start-search">"Find an incident"</label>
                            <input
                                id="start-search"
                                type="search"
                                prop:value=move || query.get()
                                on:input=move |ev| query.set(event_target_value(&ev))
                            />
                        </div>
                    </Show>
                    <Select
                        label="Incident"
                        id="start-incident"
                        value=chosen
                        on_change=setter(picked)
                        choices=candidates
                        hint=hint
                        live_hint=true
                    />
                    <KindChoice kind/>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <div class="actions">
                        <button type="submit" disabled=move || candidates.with(|c| c.is_empty())>"Start review"</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

/// Quick retro or full review, each with what it asks for.
#[component]
fn KindChoice(kind: RwSignal<ReviewKind>) -> impl IntoView {
    let kind_radio = move |k: ReviewKind, hint: &'static str| {
        let id = format!("start-kind-{}", k.as_str());
        let hint_id = format!("{id}-hint");
        view! {
            <div class="radio">
                <input
                    type="radio"
                    name="start-kind"
                    id=id.clone()
                    aria-describedby=hint_id.clone()
                    prop:checked=move || kind.get() == k
                    on:change=move |_| kind.set(k)
                />
                <label for=id>{k.label()}</label>
                <span class="hint" id=hint_id>{hint}</span>
            </div>
        }
    };
    view! {
        <fieldset class="kinds">
            <legend>"Kind of review"</legend>
            {kind_radio(ReviewKind::Quick, "Summary, what went well and badly, luck, action items. Half an hour.")}
            {kind_radio(ReviewKind::Full, "Adds impact, detection, response, recovery, contributing factors, lessons and key timeline moments.")}
        </fieldset>
    }
}

#[component]
fn ReviewList() -> impl IntoView {
    let app = state::app();
    let rows = Memo::new(move |_| app.ws.with(review_rows));
    let limit = RwSignal::new(PAGE);
    let shown = Signal::from(Memo::new(move |_| {
        rows.with(|r| r.iter().take(limit.get()).cloned().collect::<Vec<_>>())
    }));
    let ids = Memo::new(move |_| keyed::ids(shown, |r| &r.id));
    let left = move || rows.with(|r| r.len()).saturating_sub(limit.get());
    view! {
        <section aria-labelledby="reviews-h">
            <h2 id="reviews-h">"All reviews"</h2>
            <Show
                when=move || !rows.with(|r| r.is_empty())
                fallback=|| view! {
                    <p class="empty">"No post-incident reviews yet. Start one above once an incident is resolved."</p>
                }
            >
                <div class="table-wrap">
                    <table class="review-table">
                        <thead>
                            <tr>
                                <th scope="col">"Incident"</th>
                                <th scope="col">"Kind"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Written"</th>
                                <th scope="col">"Updated"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || ids.get() key=String::clone let:id>
                                <ReviewTableRow rows=shown id/>
                            </For>
                        </tbody>
                    </table>
                </div>
                <Show when=move || { left() > 0 }>
                    <button class="secondary" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {move || format!("Show {} more reviews", left().min(PAGE))}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

/// One review's row, following its own entry in `rows`: a renamed incident or a section
/// written changes the row in place.
#[component]
fn ReviewTableRow(rows: Signal<Vec<ReviewRow>>, id: String) -> impl IntoView {
    let href = route::review_href(&id);
    let row = keyed::entry(rows, id, |r| &r.id);
    let show = move |f: fn(&ReviewRow) -> AnyView| keyed::part(row, f);
    view! {
        <tr>
            <td><a href=href>{show(|r| r.incident_title.clone().into_any())}</a></td>
            <td>{show(|r| r.kind.label().into_any())}</td>
            <td>{show(|r| view! { <span class="tag" class:ok=r.status == "Published">{r.status}</span> }.into_any())}</td>
            <td>
                {show(|r| view! {
                    <meter min="0" max=r.total value=r.filled aria-hidden="true" class="mini"></meter>
                    " "{format!("{} of {} sections", r.filled, r.total)}
                }.into_any())}
            </td>
            <td>
                {show(|r| match r.updated {
                    Some(t) => view! { <time title=time::utc(t)>{time::local(t)}</time> }.into_any(),
                    None => "not recorded".into_any(),
                })}
            </td>
        </tr>
    }
}

/// The owner filter: everyone (the select's placeholder, so empty), one person, or items nobody
/// owns yet.
const ALL: &str = "";
const UNOWNED: &str = "-";

fn owner_key(row: &ActionRow) -> &str {
    row.owner.as_ref().map_or(UNOWNED, |(id, _)| id.as_str())
}

#[component]
fn ActionList() -> impl IntoView {
    let app = state::app();
    let all = Memo::new(move |_| app.ws.with(|ws| actions::action_list(ws, today())));
    let owner = RwSignal::new(ALL.to_string());
    let limit = RwSignal::new(PAGE);
    let rows = Memo::new(move |_| {
        let o = owner.get();
        all.with(|rows| {
            rows.iter()
                .filter(|r| o == ALL || owner_key(r) == o)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let by_owner = Callback::new(move |o| {
        owner.set(o);
        limit.set(PAGE);
    });
    let shown = Signal::from(Memo::new(move |_| {
        rows.with(|r| r.iter().take(limit.get()).cloned().collect::<Vec<_>>())
    }));
    let left = move || rows.with(|r| r.len()).saturating_sub(limit.get());
    let owners = Memo::new(move |_| {
        all.with(|rows| {
            actions::by_owner(rows)
                .into_iter()
                .map(|(o, items)| {
                    let open = items.iter().filter(|r| !r.done).count();
                    let overdue = items.iter().filter(|r| r.overdue).count();
                    let (key, name) = match o {
                        Some((id, name)) => (id, name),
                        None => (UNOWNED.to_string(), "Nobody yet".to_string()),
                    };
                    let mut label = format!("{name}: {open} open");
                    if overdue > 0 {
                        label.push_str(&format!(", {overdue} overdue"));
                    }
                    (key, label)
                })
                .collect::<Vec<_>>()
        })
    });
    let summary = move || {
        rows.with(|r| {
            let open = r.iter().filter(|x| !x.done).count();
            let overdue = r.iter().filter(|x| x.overdue).count();
            let done = r.len() - open;
            format!("{open} open, {overdue} overdue, {done} done.")
        })
    };
    view! {
        <section aria-labelledby="actions-h" class="action-list">
            <h2 id="actions-h">"Action items"</h2>
            <Show
                when=move || !all.with(|a| a.is_empty())
                fallback=|| view! {
                    <p class="empty">
                        "No action items yet. Add them in a review: concrete changes, each with one owner and a due date."
                    </p>
                }
            >
                <div class="actions filter">
                    <Select label="Owner" id="action-owner" bare=true placeholder="Everyone" value=owner on_change=by_owner choices=owners/>
                    <span role="status">{summary}</span>
                </div>
                <p class="hint">"Overdue items come first, then by due date; done items go to the end."</p>
                <ul class="action-rows">
                    <For each=move || keyed::ids(shown, |r| &r.action_id) key=String::clone let:id>
                        <ActionRowView rows=shown id show_source=true/>
                    </For>
                </ul>
                <Show when=move || { left() > 0 }>
                    <button class="secondary" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {move || format!("Show {} more action items", left().min(PAGE))}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

/// One action item: in the cross-review list (`show_source`) or on its review's page. Items of a
/// published review can be done but not deleted: the list is part of the record. The row is
/// keyed by the item's id and follows its entry in `rows`, so ticking it done or editing it
/// changes the row in place and keyboard focus stays where it was.
#[component]
pub fn ActionRowView(
    rows: Signal<Vec<ActionRow>>,
    id: String,
    #[prop(optional)] show_source: bool,
) -> impl IntoView {
    let app = state::app();
    let row = keyed::entry(rows, id.clone(), |r| &r.action_id);
    // What the row says, read as it is now.
    let said = move |f: fn(&ActionRow) -> String| move || row.with(|r| r.as_ref().map(f).unwrap_or_default());
    let done = move || row.with(|r| r.as_ref().is_some_and(|r| r.done));
    let text = said(|r| r.text.clone());
    // When it was done: now, or the time typed (work finished before anyone ticked it).
    let moment = Moment::new();
    let toggle = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let done = event_target_checked(&ev);
            let Ok(at) = moment.get() else { return };
            match app.try_update(|ws| actions::set_done(ws, &id, done, at, state::now())) {
                Ok(()) => moment.recorded(),
                Err(e) => app.say(e.to_string()),
            }
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            let msg = format!("Deleted the action item “{}”.", text());
            if let Err(e) = app.update_with_undo(msg, |ws| actions::delete_action(ws, &id, state::now())) {
                app.say(e.to_string());
            }
        }
    };
    let editing = RwSignal::new(false);
    let check_id = format!("done-{id}");
    let status = move || {
        row.with(|r| {
            let r = r.as_ref()?;
            Some(if r.done {
                view! { <span class="tag ok">{r.done_at.map_or("Done".to_string(), |t| format!("Done {}", done_day(t)))}</span> }
                    .into_any()
            } else if let Some(words) = actions::overdue_label(r) {
                view! { <span class="flag bad">{words}</span> }.into_any()
            } else {
                ().into_any()
            })
        })
    };
    let published = move || row.with(|r| r.as_ref().is_some_and(|r| r.review_published));
    let priority = said(|r| r.priority.clone());
    let when_id = format!("done-{id}-when");
    view! {
        <li class="action-row" class:done=done>
            <div class="action-main">
                <input type="checkbox" id=check_id.clone() prop:checked=done on:change=toggle/>
                <div class="action-body">
                    <label for=check_id class="action-text">
                        {text}
                        <span class="visually-hidden">{move || if done() { " (done)" } else { " (mark done)" }}</span>
                    </label>
                    {status}
                </div>
            </div>
            <p class="action-meta">
                <span>{said(|r| match &r.owner {
                    Some((_, n)) => format!("Owner: {n}"),
                    None => "Owner: nobody yet".to_string(),
                })}</span>
                <span>{said(|r| r.due.map_or("No due date".to_string(), |d| format!("Due {}", day(d))))}</span>
                {move || (!priority().is_empty()).then(|| view! { <span>{format!("Priority: {}", priority())}</span> })}
                {show_source.then(|| view! {
                    <span>"From "<a href=move || row.with(|r| r.as_ref().map(|r| route::review_href(&r.review_id)))>{said(|r| r.incident_title.clone())}</a></span>
                })}
                <Show when=move || !done()>
                    <WhenInput moment=moment id=when_id.clone() label=format!("time “{}” was done", text())/>
                </Show>
            </p>
            <div class="actions">
                <button class="secondary small" aria-label=move || format!("Edit action item: {}", text()) on:click=move |_| editing.set(true)>
                    "Edit"
                </button>
                <Show when=move || !published()>
                    <button class="secondary small" aria-label=move || format!("Delete action item: {}", text()) on:click=delete.clone()>
                        "Delete"
                    </button>
                </Show>
            </div>
            <Show when=move || editing.get()>
                {move || row.get_untracked().map(|r| view! { <ActionEdit row=r editing=editing/> })}
            </Show>
        </li>
    }
}

/// Edits an action item's text, owner, due date and priority in place. A due date already past
/// is questioned once before it is saved.
#[component]
fn ActionEdit(row: ActionRow, editing: RwSignal<bool>) -> impl IntoView {
    let app = state::app();
    let id = StoredValue::new(row.action_id.clone());
    let text = RwSignal::new(row.text.clone());
    let owner = RwSignal::new(row.owner.as_ref().map(|(p, _)| p.clone()).unwrap_or_default());
    let due = RwSignal::new(
        row.due
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    );
    let priority = RwSignal::new(row.priority.clone());
    let error = RwSignal::new(None::<String>);
    let question = RwSignal::new(None::<String>);
    let people = Memo::new(move |_| app.ws.with(crate::domain::people::active_by_name));
    let prefix = format!("edit-{}", row.action_id);
    let save = move |confirmed: bool| {
        let d = due.get_untracked();
        let parsed = if d.trim().is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    error.set(Some("Enter the due date as a date, or leave it empty.".into()));
                    return;
                }
            }
        };
        if !confirmed {
            if let Some(q) = actions::past_due_question(parsed, today()) {
                question.set(Some(q));
                return;
            }
        }
        let o = Some(owner.get_untracked()).filter(|o| !o.is_empty());
        let (t, p) = (text.get_untracked(), priority.get_untracked());
        match app.try_update(|ws| actions::edit_action(ws, &id.get_value(), &t, o, parsed, &p, state::now()))
        {
            Ok(()) => {
                app.say("Saved the action item.");
                editing.set(false);
            }
            Err(e) => {
                question.set(None);
                error.set(Some(e.to_string()));
            }
        }
    };
    let (text_id, owner_id, due_id, prio_id) = (
        format!("{prefix}-text"),
        format!("{prefix}-owner"),
        format!("{prefix}-due"),
        format!("{prefix}-priority"),
    );
    let due_focus = StoredValue::new(due_id.clone());
    let due_id_focus = move || due_focus.get_value();
    view! {
        <form class="action-edit" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save(false) }>
            <div class="field grow">
                <label for=text_id.clone()>"What should be done"</label>
                <input id=text_id type="text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            </div>
            <Select label="Owner" id=owner_id placeholder="Nobody yet" value=owner on_change=setter(owner) choices=people/>
            <div class="field">
                <label for=due_id.clone()>"Due"</label>
                <input id=due_id type="date" prop:value=move || due.get() on:input=move |ev| { due.set(event_target_value(&ev)); question.set(None); }/>
            </div>
            <Select label="Priority" id=prio_id value=priority on_change=setter(priority)
                choices=pairs(&[("", "None"), ("high", "high"), ("medium", "medium"), ("low", "low")])/>
            {move || question.get().map(|q| view! {
                <div class="warn-box" role="alert">
                    <p>{q}</p>
                    <button type="button" on:click=move |_| save(true)>"Save anyway"</button>
                    <button type="button" class="secondary" on:click=move |_| {
                        question.set(None);
                        if let Some(el) = document().get_element_by_id(&due_id_focus()) {
                            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                        }
                    }>"Pick a later date"</button>
                </div>
            })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="submit">"Save"</button>
                <button type="button" class="secondary" on:click=move |_| editing.set(false)>"Cancel"</button>
            </div>
        </form>
    }
}
