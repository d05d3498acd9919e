//! The review's "Process followed" section: per role, how each checklist step went, framed as
//! material for discussion. A published review shows it as it was when published.

use leptos::prelude::*;

use super::with_review;
use crate::domain::review::{self, PROCESS_FRAMING};
use crate::ui::state;

#[component]
pub fn ProcessFollowed(rid: StoredValue<String>) -> impl IntoView {
    let app = state::app();
    let roles = Memo::new(move |_| {
        app.ws
            .with(|ws| with_review(ws, &rid.read_value(), |r| review::process_followed(ws, r)))
            .unwrap_or_default()
    });
    view! {
        <Show when=move || roles.with(|r| !r.is_empty())>
            <section class="process-followed" aria-labelledby="process-h">
                <h2 id="process-h">"Process followed"</h2>
                <p class="hint">{PROCESS_FRAMING}</p>
                {move || roles.get().into_iter().map(|r| view! {
                    <h3>{r.role}</h3>
                    <ul>
                        {r.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                    </ul>
                }).collect_view()}
            </section>
        </Show>
    }
}
