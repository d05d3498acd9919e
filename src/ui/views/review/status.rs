//! A review's status: moving it from draft (through review, for a full review) to published and
//! back, the banner saying a published review is read-only, and the log of who moved it when.

use leptos::prelude::*;

use crate::domain::review::{self, LogLine, PublishedBy};
use crate::domain::{ReviewKind, ReviewStatus};
use crate::ui::components::field::{setter, Select};
use crate::ui::components::shell::{focus_id, focus_soon};
use crate::ui::{state, time};

/// The status line, or the banner once published, takes focus after a status change: the
/// button that was pressed is replaced by the change, and focus left on a removed button falls
/// to the page body, where a keyboard user starts over from the top of the page.
const STATUS_ID: &str = "review-status";
const BANNER_ID: &str = "published-banner";

/// The one way the page changes a review's status, shared by the status control and the banner.
#[derive(Clone, Copy)]
pub struct StatusActions {
    app: state::App,
    rid: StoredValue<String>,
    /// Who is making changes: a person id, empty when not recorded.
    pub by: RwSignal<String>,
    /// The last refusal, shown under the status control until the next change succeeds.
    pub error: RwSignal<Option<String>>,
}

impl StatusActions {
    pub fn new(rid: StoredValue<String>) -> StatusActions {
        StatusActions {
            app: state::app(),
            rid,
            by: RwSignal::new(String::new()),
            error: RwSignal::new(None),
        }
    }

    /// Moves the review to `to` now, as the person picked (if any), and moves focus to where
    /// the change shows.
    pub fn go(self, to: ReviewStatus) {
        let by = self.by.get_untracked();
        let by = (!by.is_empty()).then_some(by);
        let now = state::now();
        let res = self
            .app
            .try_update(|ws| review::set_status(ws, &self.rid.read_value(), to, by.as_deref(), now, now));
        match res {
            Ok(()) => {
                self.error.set(None);
                self.app
                    .say(format!("The review is now {}.", to.label().to_lowercase()));
                // Now, while the pressed button is still on the page: the status line is there
                // before and after the change, so focus never passes through the page body.
                focus_id(STATUS_ID);
                if to == ReviewStatus::Published {
                    // It says who published and when, and holds the way back.
                    focus_soon(BANNER_ID);
                }
            }
            Err(e) => self.error.set(Some(e.to_string())),
        }
    }
}

/// What the button moving a review to `to` says.
fn step_label(to: ReviewStatus) -> &'static str {
    match to {
        ReviewStatus::Draft => "Back to draft",
        ReviewStatus::InReview => "Ask for review",
        ReviewStatus::Published => "Publish",
    }
}

/// What the status means for the people writing, and what comes next.
fn status_hint(kind: ReviewKind, status: ReviewStatus) -> &'static str {
    match (kind, status) {
        (ReviewKind::Quick, ReviewStatus::Draft) => " (being written; publish it when it tells the story)",
        (ReviewKind::Full, ReviewStatus::Draft) => {
            " (being written; ask someone to read it when it tells the story)"
        }
        (_, ReviewStatus::InReview) => " (someone is reading it; publish when the team agrees)",
        (_, ReviewStatus::Published) => " (shared with the team; move it back to draft to change it)",
    }
}

/// The status, the next steps, and who is making the change.
#[component]
pub fn StatusControl(
    status: Memo<ReviewStatus>,
    kind: Memo<ReviewKind>,
    act: StatusActions,
) -> impl IntoView {
    let app = state::app();
    let people = Memo::new(move |_| app.ws.with(crate::domain::people::active_by_name));
    let step = move |to: ReviewStatus, secondary: bool| {
        view! { <button class:secondary=secondary on:click=move |_| act.go(to)>{step_label(to)}</button> }
    };
    view! {
        <div class="status-control">
            <p id=STATUS_ID tabindex="-1">
                "Status: "<strong>{move || status.get().label()}</strong>
                <span class="hint">{move || status_hint(kind.get(), status.get())}</span>
            </p>
            <div class="status-by no-print">
                <Select label="Change made by" id="status-by" bare=true placeholder="Not recorded" value=act.by
                    on_change=setter(act.by) choices=people/>
            </div>
            <div class="actions no-print" role="group" aria-label="Change status">
                {move || {
                    let status = status.get();
                    let forward = review::next_step(kind.get(), status).map(|to| step(to, false));
                    // Published: the banner above offers the way back.
                    let back = (status == ReviewStatus::InReview).then(|| step(ReviewStatus::Draft, true));
                    view! { {forward}{back} }
                }}
            </div>
            {move || act.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}

/// "Published on … by … — read-only", with the way back to draft.
#[component]
pub fn PublishedBanner(rid: StoredValue<String>, act: StatusActions) -> impl IntoView {
    let app = state::app();
    let published = Memo::new(move |_| {
        app.ws
            .with(|ws| review::find_review(ws, &rid.read_value()).and_then(|r| review::published_by(ws, r)))
    });
    move || {
        published.get().map(|PublishedBy { at, by }| {
            let mut text = "Published".to_string();
            if let Some(at) = at {
                text.push_str(&format!(" on {}", time::local(at)));
            }
            if let Some(name) = by {
                text.push_str(&format!(" by {name}"));
            }
            text.push_str(" — read-only. Move back to draft to edit.");
            view! {
                <div class="callout published-banner" id=BANNER_ID tabindex="-1">
                    <p><strong>{text}</strong></p>
                    <div class="actions no-print">
                        <button class="secondary" on:click=move |_| act.go(ReviewStatus::Draft)>
                            "Move back to draft"
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// Who moved the review between statuses, and when: small print at the end of the page.
#[component]
pub fn StatusLog(rid: StoredValue<String>) -> impl IntoView {
    let app = state::app();
    let lines = Memo::new(move |_| {
        app.ws.with(|ws| {
            review::find_review(ws, &rid.read_value())
                .map(|r| review::status_log(ws, r))
                .unwrap_or_default()
        })
    });
    move || {
        let lines = lines.get();
        (!lines.is_empty()).then(|| {
            view! {
                <section class="status-log" aria-labelledby="status-log-h">
                    <h2 id="status-log-h">"Status history"</h2>
                    <ol>{lines.into_iter().map(log_line).collect_view()}</ol>
                </section>
            }
        })
    }
}

fn log_line(l: LogLine) -> impl IntoView {
    let who = l.by.unwrap_or_else(|| "who not recorded".to_string());
    view! {
        <li>
            <time datetime=l.at.to_rfc3339() title=time::utc(l.at)>{time::local(l.at)}</time>
            {format!(" · {who} · {} → {}", l.from.label(), l.to.label())}
        </li>
    }
}
