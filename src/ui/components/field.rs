//! One labelled form field with its hint and error, so forms don't repeat the same markup.

use leptos::prelude::*;

use crate::domain::choice::kept_or_first;
use crate::domain::text;

/// A text-like input bound to a signal. `kind` is the input type (`text`, `datetime-local`,
/// `number` for a number of 0 or more, ...); `hint` and `placeholder` may change as data does.
#[component]
pub fn Field(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(optional, into)] placeholder: MaybeProp<String>,
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
            if hint.with(Option::is_some) {
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
                min=(kind == Some("number")).then_some("0")
                step=(kind == Some("number")).then_some("any")
                inputmode=(kind == Some("number")).then_some("decimal")
                placeholder=move || placeholder.get()
                required=required
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {move || hint.get().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || {
                error
                    .and_then(|e| e.get())
                    .map(|e| view! { <p class="error" id=err_id.clone()>{e}</p> })
            }}
        </div>
    }
}

/// One choice of a [`Select`]: the value it sends and the text people read.
pub type Choice = (String, String);

/// A labelled group of choices (`<optgroup>`).
pub type Group = (&'static str, Vec<Choice>);

/// The choices of a typed list, e.g. every severity with its label.
pub fn choices<T: Copy, S: Into<String>>(
    all: impl IntoIterator<Item = T>,
    value: fn(T) -> &'static str,
    text: impl Fn(T) -> S,
) -> Vec<Choice> {
    all.into_iter()
        .map(|x| (value(x).to_string(), text(x).into()))
        .collect()
}

/// Choices written out where they are offered: `(value, text)` pairs.
pub fn pairs(list: &[(&str, &str)]) -> Vec<Choice> {
    list.iter().map(|(v, t)| (v.to_string(), t.to_string())).collect()
}

/// The change handler of a select whose choice is simply kept in `s`.
pub fn setter(s: RwSignal<String>) -> Callback<String> {
    Callback::new(move |v| s.set(v))
}

/// What a select over a list that changes shows as chosen: `picked` while `choices` still
/// offers it, else the first choice; empty when there is nothing to choose.
pub fn kept(picked: RwSignal<String>, choices: Memo<Vec<Choice>>) -> Signal<String> {
    Signal::derive(move || {
        choices
            .with(|c| kept_or_first(c, &picked.get()))
            .unwrap_or_default()
    })
}

/// A labelled `<select>` showing `value` as chosen and reporting each change. Options come
/// from `choices` (with an optional empty `placeholder` first) and, for grouped lists,
/// `groups`. `hidden_label` keeps the label for screen readers only; `bare` leaves out the
/// field wrapper, for selects that sit inline in a row of controls, and `class` adds to it.
/// `live_hint` announces the hint as it changes, for a hint that answers what was just typed.
/// `error_at` names where the error is shown instead, when one message serves several fields:
/// the select is marked invalid and points there, but does not repeat it.
#[component]
pub fn Select(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional, into)] choices: Option<Signal<Vec<Choice>>>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] hidden_label: bool,
    #[prop(optional)] bare: bool,
    #[prop(optional)] class: Option<&'static str>,
    #[prop(optional)] live_hint: bool,
    #[prop(optional)] error_at: Option<&'static str>,
    /// Labelled groups of choices after the ungrouped ones (empty groups are left out).
    #[prop(optional, into)]
    groups: Option<Signal<Vec<Group>>>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| {
        format!(
            "s-{}",
            label.to_lowercase().replace(|c: char| !c.is_alphanumeric(), "-")
        )
    });
    let hint_id = format!("{id}-hint");
    let err_id = error_at.map_or_else(|| format!("{id}-err"), str::to_string);
    let has_error = move || error.is_some_and(|e| e.get().is_some());
    let described = {
        let (hint_id, err_id) = (hint_id.clone(), err_id.clone());
        move || {
            let ids: Vec<&str> = [(hint.is_some(), hint_id.as_str()), (has_error(), err_id.as_str())]
                .into_iter()
                .filter_map(|(on, id)| on.then_some(id))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    // The options are one piece of markup (`text::options_html`), written again when the choices
    // or the chosen value differ: memos, so an edit elsewhere in the workspace that leaves them
    // as they were writes nothing. Built as an element and an effect each, a large team's person
    // pickers were most of a release card's cost.
    let value = Memo::new(move |_| value.get());
    let choices = choices.map(|c| Memo::new(move |_| c.get()));
    let groups = groups.map(|g| Memo::new(move |_| g.get()));
    let options = move || {
        let c = choices.map(|c| c.get()).unwrap_or_default();
        let g = groups.map(|g| g.get()).unwrap_or_default();
        value.with(|chosen| text::options_html(placeholder, &c, &g, chosen))
    };
    let select = view! {
        <label for=id.clone() class:visually-hidden=hidden_label>{label.clone()}</label>
        <select
            id=id.clone()
            aria-label=hidden_label.then(|| label.clone())
            aria-invalid=move || has_error().then_some("true")
            aria-describedby=described
            on:change=move |ev| on_change.run(event_target_value(&ev))
            inner_html=options
        ></select>
        {hint.map(|h| view! { <p class="hint" id=hint_id.clone() aria-live=live_hint.then_some("polite")>{h}</p> })}
        {move || {
            let shown_here = error.and_then(|e| e.get()).filter(|_| error_at.is_none());
            shown_here.map(|e| view! { <p class="error" id=err_id.clone()>{e}</p> })
        }}
    };
    if bare {
        select.into_any()
    } else {
        let class = class.map_or_else(|| "field".to_string(), |c| format!("field {c}"));
        view! { <div class=class class:invalid=has_error>{select}</div> }.into_any()
    }
}
