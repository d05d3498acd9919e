//! Coverage ahead (weeks with nobody, or one person and no backup, with what would fix each)
//! and the team's calendar file.

use crate::domain::order;
use leptos::prelude::*;

use super::Period;
use crate::domain::{ics, rota};
use crate::ui::components::field::{kept, setter, Select};
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
                <button id="rota-ics" class="secondary" on:click=download>"Team calendar (.ics)"</button>
            </div>
            <PersonCalendar />
        </section>
    }
}

/// One person's own turns, for a volunteer who wants only theirs.
#[component]
fn PersonCalendar() -> impl IntoView {
    let app = state::app();
    let people = Memo::new(move |_| {
        app.ws.with(|ws| {
            let mut v: Vec<(String, String)> = ws
                .people
                .iter()
                .filter(|p| p.deleted_at.is_none())
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect();
            order::sort_by(&mut v, |a, b| a.1.cmp(&b.1));
            v
        })
    });
    let chosen = RwSignal::new(String::new());
    let pick = kept(chosen, people);
    view! {
        <form class="inline-form" on:submit=move |e: leptos::ev::SubmitEvent| {
            e.prevent_default();
            let id = pick.get_untracked();
            if !id.is_empty() { download_person(&id) }
        }>
            <Select
                label="Person"
                id="rota-person"
                bare=true
                value=pick
                on_change=setter(chosen)
                choices=people
            />
            <button type="submit" id="rota-person-ics" class="secondary">"Their calendar (.ics)"</button>
        </form>
    }
}

/// Offers one person's turns from today for as far ahead as the planner plans, as a download.
pub(crate) fn download_person(person_id: &str) {
    let app = state::app();
    let now = state::now();
    let from = now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc();
    let opts = ics::Options {
        from,
        until: from + chrono::Duration::weeks(i64::from(rota::MAX_WEEKS)),
        incident_time: false,
    };
    let (text, name) = app.ws.with_untracked(|ws| {
        let name = crate::domain::assign::find_person(ws, person_id).map(|p| p.name.clone());
        (ics::person(ws, person_id, &opts, now), name)
    });
    if let Err(e) = files::download(&ics::file_name(name.as_deref()), "text/calendar", &text) {
        app.say(e);
    }
}
