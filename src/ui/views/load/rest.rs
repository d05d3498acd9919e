//! "Rest": who has been on incident roles too long or too many nights, and who is away now.

use leptos::prelude::*;

use crate::domain::{away, rest};
use crate::ui::state;
use crate::ui::time::BrowserZones;

#[component]
pub fn RestSection() -> impl IntoView {
    let app = state::app();
    let lists = Memo::new(move |_| {
        let now = state::now();
        app.ws.with(|ws| {
            let tired: Vec<String> = rest::hours(ws, &BrowserZones, now)
                .iter()
                .filter_map(rest::Hours::sentence)
                .collect();
            let away_now: Vec<String> = ws
                .people
                .iter()
                .filter(|p| p.deleted_at.is_none())
                .filter_map(|p| {
                    away::away_at(&BrowserZones, p, now).map(|a| away::AwayNotice::new(p, a).to_string())
                })
                .collect();
            (tired, away_now)
        })
    });
    let list = |items: Vec<String>, none: &'static str| {
        if items.is_empty() {
            view! { <p>{none}</p> }.into_any()
        } else {
            view! { <ul>{items.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> }.into_any()
        }
    };
    view! {
        <section aria-labelledby="rest-h" class="load-rest">
            <h2 id="rest-h">"Rest"</h2>
            <h3>"Needs rest"</h3>
            {move || list(lists.get().0, "Everyone is rested: nobody is over the limits for time or nights on incident roles.")}
            <h3>"Away now"</h3>
            {move || list(lists.get().1, "Nobody is away now.")}
        </section>
    }
}
