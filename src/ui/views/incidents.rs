//! The incident list and one incident.

use leptos::prelude::*;

use crate::ui::{route, state};

#[component]
pub fn IncidentsView() -> impl IntoView {
    let app = state::app();
    let rows = move || {
        app.ws.with(|ws| {
            ws.incidents
                .iter()
                .filter(|i| i.deleted_at.is_none())
                .map(|i| {
                    (
                        i.id.clone(),
                        i.title.clone(),
                        i.severity.as_str(),
                        i.status.label(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>"Incidents"</h1>
        <Show
            when=move || !rows().is_empty()
            fallback=|| view! { <p class="empty">"No incidents recorded in this workspace."</p> }
        >
            <ul class="list">
                <For each=rows key=|r| r.0.clone() let:r>
                    <li>
                        <a href=route::incident_href(&r.0)>{r.1}</a>
                        " " <span class="tag">{r.2}</span> " " <span class="tag">{r.3}</span>
                    </li>
                </For>
            </ul>
        </Show>
    }
}

#[component]
pub fn IncidentView(id: String) -> impl IntoView {
    let app = state::app();
    let found = app
        .ws
        .with_untracked(|ws| ws.incidents.iter().find(|i| i.id == id).cloned());
    match found {
        None => super::missing("Incident", id, "#/incidents", "All incidents").into_any(),
        Some(i) => view! {
            <h1>{i.title.clone()}</h1>
            <p>{i.severity.as_str()}" · "{i.status.label()}</p>
        }
        .into_any(),
    }
}
