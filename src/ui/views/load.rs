//! The role-load visualiser.

use leptos::prelude::*;

#[component]
pub fn LoadView() -> impl IntoView {
    view! {
        <h1>"Role load"</h1>
        <p class="empty">"Nobody holds a role right now."</p>
    }
}
