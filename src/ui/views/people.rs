//! The roster of people and the role catalogue.

use leptos::prelude::*;

use crate::ui::state;

#[component]
pub fn PeopleView() -> impl IntoView {
    let app = state::app();
    let rows = move || {
        app.ws.with(|ws| {
            ws.people
                .iter()
                .filter(|p| p.deleted_at.is_none())
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>"People and roles"</h1>
        <Show
            when=move || !rows().is_empty()
            fallback=|| view! { <p class="empty">"Nobody is on the roster yet."</p> }
        >
            <ul class="list">
                <For each=rows key=|r| r.0.clone() let:r>
                    <li>{r.1}</li>
                </For>
            </ul>
        </Show>
    }
}
