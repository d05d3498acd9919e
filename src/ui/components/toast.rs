//! A polite status message at the bottom of the page, with Undo when the last change allows it.
//!
//! Plain messages leave by themselves after a few seconds, an Undo offer stays long enough to
//! reach for it, and neither leaves while the pointer or keyboard focus is on it. A message
//! never sits on top of the control in use: when that control is near the bottom of the
//! window, the message shows at the top instead.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::state;

/// How long a plain message stays.
pub const PLAIN_MS: u32 = 6_000;
/// How long an Undo offer stays: enough to read it, notice the mistake and press Undo.
pub const UNDO_MS: u32 = 15_000;
/// The band at the bottom of the window a message occupies.
const TOAST_BAND_PX: f64 = 120.0;

/// Whether the focused control sits where a message at the bottom would cover it.
fn focus_near_bottom() -> bool {
    let doc = document();
    let Some(el) = doc.active_element() else {
        return false;
    };
    let is_body = doc
        .body()
        .is_some_and(|b| b.unchecked_ref::<web_sys::Element>() == &el);
    if is_body || el.closest(".toast-host").ok().flatten().is_some() {
        return false;
    }
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let r = el.get_bounding_client_rect();
    r.bottom() > height - TOAST_BAND_PX
}

#[component]
pub fn ToastHost() -> impl IntoView {
    let app = state::app();
    let held = RwSignal::new(false);
    let at_top = RwSignal::new(false);
    let timer: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let toast = app.toast.get();
        let held = held.get();
        timer.set_value(None);
        if toast.is_some() {
            at_top.set(focus_near_bottom());
        }
        if let Some(t) = toast.filter(|_| !held) {
            let ms = if t.undo { UNDO_MS } else { PLAIN_MS };
            timer.set_value(Some(Timeout::new(ms, move || app.toast.set(None))));
        }
    });
    // Keep out of the way of a control that gets focus while a message shows.
    let _ = window_event_listener(leptos::ev::focusin, move |_| {
        if app.toast.with_untracked(Option::is_some) {
            at_top.set(focus_near_bottom());
        }
    });
    view! {
        <div class="toast-host" class:at-top=move || at_top.get() role="status" aria-live="polite">
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
                            <div
                                class="toast"
                                on:mouseenter=move |_| held.set(true)
                                on:mouseleave=move |_| held.set(false)
                                on:focusin=move |_| held.set(true)
                                on:focusout=move |_| held.set(false)
                            >
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
