//! One labelled form field with its hint and error, so forms don't repeat the same markup.

use leptos::prelude::*;

/// A text-like input bound to a signal. `kind` is the input type (`text`, `datetime-local`, ...).
#[component]
pub fn Field(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| {
        format!(
            "f-{}",
            label.to_lowercase().replace(|c: char| !c.is_alphanumeric(), "-")
        )
    });
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    let has_error = move || error.is_some_and(|e| e.get().is_some());
    let described = {
        let (hint_id, err_id) = (hint_id.clone(), err_id.clone());
        move || {
            let mut ids = vec![];
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if has_error() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=has_error>
            <label for=id.clone()>{label}{required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            <input
                id=id.clone()
                type=kind.unwrap_or("text")
                required=required
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || {
                error
                    .and_then(|e| e.get())
                    .map(|e| view! { <p class="error" id=err_id.clone()>{e}</p> })
            }}
        </div>
    }
}
