//! Adding several people at once: names pasted one a line, with a time zone after a comma.
//! Used where a newcomer starts (the first-run welcome) and on the People page.

use leptos::prelude::*;

use crate::domain::people::{self, Pasted};
use crate::domain::text::plural;
use crate::domain::zones;
use crate::ui::{state, time};

/// The first pasted line whose zone this browser does not know, as a sentence.
fn unknown_zone(pasted: &[Pasted]) -> Option<String> {
    let known = time::zones();
    pasted.iter().find_map(|p| {
        let z = p.timezone.as_deref()?;
        let ok = z == "UTC" || known.iter().any(|k| k == zones::canonical(z));
        (!ok).then(|| {
            format!(
                "Line {}: “{z}” is not a time zone this browser knows; write it like Europe/London, or leave it out. Nobody was added.",
                p.line
            )
        })
    })
}

/// A box to paste names into and a button that adds them all, or nobody with the line that
/// stopped it. `on_added` hears the new people's ids.
#[component]
pub fn PastePeople(
    /// Prefix for element ids, unique on the page.
    #[prop(into)]
    id: String,
    #[prop(optional)] on_added: Option<Callback<Vec<String>>>,
) -> impl IntoView {
    let app = state::app();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let (field_id, hint_id, err_id) = (format!("{id}-names"), format!("{id}-hint"), format!("{id}-err"));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pasted = people::parse_pasted(&text.get_untracked());
        if pasted.is_empty() {
            error.set(Some("Paste or type at least one name, one a line.".into()));
            return;
        }
        if let Some(e) = unknown_zone(&pasted) {
            error.set(Some(e));
            return;
        }
        let zone = Some(zones::canonical(&time::zone()).to_string());
        match app.try_update(|ws| people::add_pasted(ws, &pasted, zone, state::now())) {
            Ok(out) => {
                error.set(None);
                text.set(String::new());
                let names = app.ws.with_untracked(|ws| {
                    out.added
                        .iter()
                        .map(|id| crate::domain::assign::person_name(ws, id))
                        .collect::<Vec<_>>()
                });
                let mut said = if names.is_empty() {
                    "Nobody new to add.".to_string()
                } else {
                    format!(
                        "Added {}: {}.",
                        plural(names.len(), "person", "people"),
                        names.join(", ")
                    )
                };
                if !out.already.is_empty() {
                    said.push_str(&format!(" Already on the roster: {}.", out.already.join(", ")));
                }
                app.say(said);
                if let Some(cb) = on_added {
                    cb.run(out.added);
                }
            }
            Err((line, e)) => error.set(Some(format!("Line {line}: {e} Nobody was added."))),
        }
    };
    let described = {
        let (h, e) = (hint_id.clone(), err_id.clone());
        move || {
            if error.get().is_some() {
                format!("{h} {e}")
            } else {
                h.clone()
            }
        }
    };
    view! {
        <form class="paste-people" on:submit=add novalidate>
            <div class="field" class:invalid=move || error.get().is_some()>
                <label for=field_id.clone()>"Names, one a line"</label>
                <textarea
                    id=field_id.clone()
                    rows="4"
                    aria-describedby=described
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <p class="hint" id=hint_id>
                    {format!("A time zone may follow a comma: “Priya Raman, Europe/London”. Without one, yours ({}) is used.", time::zone())}
                </p>
                {move || error.get().map(|e| view! { <p class="error" id=err_id.clone() role="alert">{e}</p> })}
            </div>
            <div class="actions"><button type="submit">"Add people"</button></div>
        </form>
    }
}
