//! Header tools: the theme switch, the keyboard shortcuts and their `?` help dialog.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::field::{pairs, Select};

const THEME_KEY: &str = "hatrack.theme";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Sets `data-theme` to `light` or `dark`; "system" follows the system preference.
fn apply_theme(theme: &str) {
    let resolved = match theme {
        "light" | "dark" => theme,
        _ if system_prefers_dark() => "dark",
        _ => "light",
    };
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", resolved);
    }
}

/// Light, dark, or whatever the system prefers (the default).
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let initial = storage()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .unwrap_or_else(|| "system".into());
    apply_theme(&initial);
    let theme = RwSignal::new(initial);
    // Follow the system when it switches (evening mode) while "System theme" is chosen.
    if let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") {
        let follow =
            wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || apply_theme(&theme.get_untracked()));
        query.set_onchange(Some(follow.as_ref().unchecked_ref()));
        follow.forget();
    }
    let change = Callback::new(move |v: String| {
        apply_theme(&v);
        if let Some(s) = storage() {
            let _ = s.set_item(THEME_KEY, &v);
        }
        theme.set(v);
    });
    view! {
        <div class="theme">
            <Select
                label="Colour theme"
                id="theme"
                hidden_label=true
                bare=true
                value=theme
                on_change=change
                choices=pairs(&[("system", "System theme"), ("light", "Light"), ("dark", "Dark")])
            />
        </div>
    }
}

/// Focuses an element once the view has caught up with the change that created it (or removed
/// the control that had focus), so focus never falls back to the page body.
pub fn focus_soon(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        focus_id(&id);
    });
}

/// Focuses the first element matching a CSS selector, on the next frame (after a render).
pub fn focus_selector_soon(selector: impl Into<String>) {
    let selector = selector.into();
    request_animation_frame(move || {
        if let Some(el) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Focuses the element with this id, if the current view has it.
pub fn focus_id(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        // SVG elements have focus() too; web-sys calls the method structurally.
        .map(|el| el.unchecked_into::<web_sys::HtmlElement>().focus().is_ok())
        .unwrap_or(false)
}

fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            matches!(tag.as_str(), "input" | "textarea" | "select") || el.has_attribute("contenteditable")
        })
        .unwrap_or(false)
}

pub const SHORTCUTS: [(&str, &str); 6] = [
    ("n", "Declare a new incident"),
    ("t", "Add a timeline entry (on an incident)"),
    ("/", "Search the list you are on"),
    (
        "g then i, r, p, l, v, d",
        "Go to Incidents, Releases, People, Load, Reviews, Data",
    ),
    ("?", "Show this help"),
    ("Esc", "Close a dialog"),
];

/// The `?` help dialog and the global shortcuts. A native modal `<dialog>` keeps focus inside
/// while open and returns it to where it was on close.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move || {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let pending_g = StoredValue::new(false);
    let _ = window_event_listener(ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing_in_field(&ev) {
            return;
        }
        let key = ev.key();
        if pending_g.get_value() {
            pending_g.set_value(false);
            let target = match key.as_str() {
                "i" => "incidents",
                "r" => "releases",
                "p" => "people",
                "l" => "load",
                "v" => "reviews",
                "d" => "data",
                _ => return,
            };
            ev.prevent_default();
            let _ = window().location().set_hash(&format!("#/{target}"));
            return;
        }
        match key.as_str() {
            "?" => {
                ev.prevent_default();
                open();
            }
            "g" => pending_g.set_value(true),
            "n" => {
                ev.prevent_default();
                let _ = window().location().set_hash("#/incidents");
                // The view renders on hashchange; focus once it is there.
                gloo_timers::callback::Timeout::new(50, || {
                    focus_id("declare-title");
                })
                .forget();
            }
            "t" if focus_id("timeline-text") => ev.prevent_default(),
            "/" if focus_id("search") => ev.prevent_default(),
            _ => {}
        }
    });
    view! {
        <button class="secondary help-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" on:click=move |_| open()>
            "?"
        </button>
        <dialog node_ref=dialog class="help" aria-labelledby="help-h">
            <h2 id="help-h">"Keyboard shortcuts"</h2>
            <p>"Shortcuts work anywhere except while you are typing in a field."</p>
            <table>
                <thead>
                    <tr><th scope="col">"Key"</th><th scope="col">"Does"</th></tr>
                </thead>
                <tbody>
                    {SHORTCUTS
                        .into_iter()
                        .map(|(k, what)| view! { <tr><td><kbd>{k}</kbd></td><td>{what}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
            <form method="dialog">
                <button>"Close"</button>
            </form>
        </dialog>
    }
}
