//! Post-incident reviews and their action items.

use leptos::prelude::*;

#[component]
pub fn ReviewsView() -> impl IntoView {
    view! {
        <h1>"Reviews"</h1>
        <p class="empty">"No post-incident reviews yet."</p>
    }
}

#[component]
pub fn ReviewView(id: String) -> impl IntoView {
    super::missing("Review", id, "#/reviews", "All reviews")
}
