//! Coverage ahead (weeks with nobody, or one person and no backup, with what would fix each)
//! and the team's calendar file.

use leptos::prelude::*;

use super::Period;
use crate::domain::{ics, rota};
use crate::ui::time::BrowserZones;
use crate::ui::{files, state};

#[component]
pub fn AheadSection(period: Memo<Option<Period>>) -> impl IntoView {
    let app = state::app();
    let risks = Memo::new(move |_| {
        let p = period.get()?;
        Some(app.ws.with(|ws| {
            rota::coverage_ahead(ws, p.start, p.weeks, &BrowserZones)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        }))
    });
    let download = move |_| {
        let Some(p) = period.get_untracked() else {
            app.say("Choose a first day and a number of weeks first.");
            return;
        };
        let opts = ics::Options {
            from: p.from(),
            until: p.until(),
            incident_time: false,
        };
        let text = app.ws.with_untracked(|ws| ics::team(ws, &opts, state::now()));
        if let Err(e) = files::download(&ics::file_name(None), "text/calendar", &text) {
            app.say(e);
        }
    };
    view! {
        <section aria-labelledby="rota-ahead-h" class="rota-ahead">
            <h2 id="rota-ahead-h">"Coverage ahead"</h2>
            {move || match risks.get() {
                None => view! { <p>"Choose a first day and a number of weeks to see the coverage ahead."</p> }.into_any(),
                Some(list) if list.is_empty() => view! {
                    <p>"Every standing role has someone, with a backup, in every week of the period."</p>
                }.into_any(),
                Some(list) => view! {
                    <ul class="rota-risks">{list.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                }.into_any(),
            }}
            <h2 id="rota-cal-h">"Calendar"</h2>
            <p>"The team's turns in the period as an iCalendar file, for any calendar app; importing a newer file updates the turns already there."</p>
            <div class="actions">
                <button id="rota-ics" class="secondary" on:click=download>"Download team calendar (.ics)"</button>
            </div>
        </section>
    }
}
