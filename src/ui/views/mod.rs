//! One module per view; `render` picks the view for a route.

pub mod data;
pub mod handbook;
pub mod handbook_edit;
pub mod incident;
pub mod incidents;
pub mod load;
pub mod people;
pub mod releases;
pub mod review;
pub mod reviews;
pub mod rota;
pub mod welcome;

use leptos::prelude::*;

use super::route::Route;

pub fn render(route: Route) -> AnyView {
    match route {
        Route::Incidents => incidents::IncidentsView().into_any(),
        Route::Incident(id) => incident::IncidentView(incident::IncidentViewProps { id }).into_any(),
        Route::Releases => releases::ReleasesView().into_any(),
        Route::People => people::PeopleView().into_any(),
        Route::Load => load::LoadView().into_any(),
        Route::Rota => rota::RotaView().into_any(),
        Route::Reviews => reviews::ReviewsView().into_any(),
        Route::Handbook => handbook::HandbookView().into_any(),
        Route::Review(id) => review::ReviewView(review::ReviewViewProps { id }).into_any(),
        Route::Data => data::DataView(data::DataViewProps { shared: None }).into_any(),
        Route::Share(link) => data::DataView(data::DataViewProps { shared: Some(link) }).into_any(),
        Route::NotFound(path) => view! {
            <h1>"Page not found"</h1>
            <p>"There is no page at “" {path} "”. "<a href="#/incidents">"Go to the incidents"</a>"."</p>
        }
        .into_any(),
    }
}

/// Shown for a detail route whose id is not in this workspace.
pub fn missing(kind: &'static str, id: String, back: &'static str, back_label: &'static str) -> AnyView {
    view! {
        <h1>{format!("{kind} not found")}</h1>
        <p>
            {format!("This workspace has no {} with the id “{id}”. ", kind.to_lowercase())}
            "If someone sent you this link, import their workspace file on the "
            <a href="#/data">"Data"</a>" page first. "
            <a href=back>{back_label}</a>
        </p>
    }
    .into_any()
}
