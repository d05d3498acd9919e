//! "Rest": who has been on incident roles too long or too many nights, and who is away now.

use leptos::prelude::*;

use crate::domain::duration::human;
use crate::domain::{away, rest};
use crate::ui::state;
use crate::ui::time::BrowserZones;

#[component]
pub fn RestSection() -> impl IntoView {
    let app = state::app();
    let lists = Memo::new(move |_| {
        let now = state::now();
        app.ws.with(|ws| {
            let all = rest::hours(ws, &BrowserZones, now);
            let tired: Vec<String> = all.iter().filter_map(rest::Hours::sentence).collect();
            // Hours and nights of everyone who held an incident role in the last 30 days.
            let rows: Vec<(String, String, String, String)> = all
                .iter()
                .filter(|h| !h.month.is_zero())
                .map(|h| {
                    let d = |x: chrono::Duration| if x.is_zero() { "None".to_string() } else { human(x) };
                    let night = format!("{} ({} at night)", d(h.week), d(h.night_week));
                    let month = format!("{} ({} at night)", d(h.month), d(h.night_month));
                    let longest = h
                        .longest
                        .as_ref()
                        .map_or_else(|| "None".to_string(), |s| human(s.length()));
                    (h.name.clone(), night, month, longest)
                })
                .collect();
            let away_now: Vec<String> = ws
                .people
                .iter()
                .filter(|p| p.deleted_at.is_none())
                .filter_map(|p| {
                    away::away_at(&BrowserZones, p, now).map(|a| away::AwayNotice::new(p, a).to_string())
                })
                .collect();
            (tired, away_now, rows)
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
            <h3>"Hours on incident roles"</h3>
            {move || {
                let rows = lists.get().2;
                if rows.is_empty() {
                    view! { <p>"Nobody held an incident role in the last 30 days."</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table>
                                <thead><tr>
                                    <th scope="col">"Person"</th>
                                    <th scope="col">"Last 7 days"</th>
                                    <th scope="col">"Last 30 days"</th>
                                    <th scope="col">"Longest stretch"</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|(n, w, m, l)| view! {
                                        <tr><th scope="row">{n}</th><td>{w}</td><td>{m}</td><td>{l}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
