//! Switching a review between a quick retro and a full review, asking first in the page when the
//! switch would hide sections that have text (the text is kept, never deleted).

use leptos::prelude::*;

use crate::domain::review;
use crate::domain::ReviewKind;
use crate::ui::components::shell::focus_soon;
use crate::ui::state;

const BUTTON_ID: &str = "switch-kind";

fn other(kind: ReviewKind) -> ReviewKind {
    match kind {
        ReviewKind::Quick => ReviewKind::Full,
        ReviewKind::Full => ReviewKind::Quick,
    }
}

/// The switch link (absent while the review is read-only) and, when asked, the confirmation.
#[component]
pub fn KindSwitch(rid: StoredValue<String>, kind: Memo<ReviewKind>, locked: Signal<bool>) -> impl IntoView {
    let app = state::app();
    // The kind to switch to and the sentence naming what it would hide.
    let asking = RwSignal::new(None::<(ReviewKind, String)>);
    let switch = move |to: ReviewKind| match app
        .try_update(|ws| review::set_kind(ws, &rid.read_value(), to, state::now()))
    {
        Ok(()) => app.say(format!(
            "Switched to a {}; nothing you wrote was lost.",
            to.label().to_lowercase()
        )),
        Err(e) => app.say(e.to_string()),
    };
    let ask = move |_| {
        let to = other(kind.get_untracked());
        let warning = app.ws.with_untracked(|ws| {
            review::find_review(ws, &rid.read_value())
                .and_then(|r| review::switch_warning(&review::hidden_by_switch(r, to), to))
        });
        match warning {
            None => switch(to),
            Some(w) => {
                asking.set(Some((to, w)));
                focus_soon("switch-confirm");
            }
        }
    };
    let answer = move |go: bool| {
        if let Some((to, _)) = asking.get_untracked() {
            asking.set(None);
            if go {
                switch(to);
            }
            focus_soon(BUTTON_ID);
        }
    };
    view! {
        <Show when=move || !locked.get()>
            <button id=BUTTON_ID class="link no-print switch-kind" on:click=ask>
                {move || match kind.get() {
                    ReviewKind::Quick => "Switch to a full review",
                    ReviewKind::Full => "Switch to a quick retro",
                }}
            </button>
        </Show>
        {move || asking.get().map(|(_, warning)| view! {
            <div class="confirm switch-confirm no-print" id="switch-confirm" role="group" aria-labelledby="switch-confirm-text" tabindex="-1">
                <p id="switch-confirm-text">{warning}</p>
                <div class="actions">
                    <button on:click=move |_| answer(true)>"Switch"</button>
                    <button class="secondary" on:click=move |_| answer(false)>"Keep as is"</button>
                </div>
            </div>
        })}
    }
}
