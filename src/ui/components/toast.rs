//! A polite status message at the bottom of the page, with Undo when the last change allows it.

use leptos::prelude::*;

use crate::ui::state;

#[component]
pub fn ToastHost() -> impl IntoView {
    let app = state::app();
    view! {
        <div class="toast-host" role="status" aria-live="polite">
            {move || {
                app.toast
                    .get()
                    .map(|t| {
                        let undo = t.undo.then(|| {
                            view! {
                                <button class="undo" on:click=move |_| app.undo()>"Undo"</button>
                            }
                        });
                        view! {
                            <div class="toast">
                                <span>{t.text}</span>
                                {undo}
                                <button
                                    class="close"
                                    aria-label="Dismiss message"
                                    on:click=move |_| app.toast.set(None)
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
