//! The release log.

use leptos::prelude::*;

#[component]
pub fn ReleasesView() -> impl IntoView {
    view! {
        <h1>"Releases"</h1>
        <p class="empty">"No releases recorded in this workspace."</p>
    }
}
