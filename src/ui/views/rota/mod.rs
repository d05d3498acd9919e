//! The rota view: plan who holds each standing role in the weeks ahead, apply it (undoable),
//! see the coverage ahead and take the rota away as a calendar file.
//!
//! The plan is a value made when "Plan" is pressed, not a memo of the workspace: a person
//! reviewing a proposal should not see it reshuffle under them while someone edits People.

pub(crate) mod ahead;
mod plan;

use chrono::{NaiveDate, TimeZone, Utc};
use leptos::prelude::*;

use crate::domain::model::{Scope, TurnLength};
use crate::domain::rota::{self, Plan, Request};
use crate::domain::Workspace;
use crate::ui::components::field::{choices, Field, Select};
use crate::ui::state;
use crate::ui::time::BrowserZones;

/// What the form asks for, read from its fields.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Period {
    pub start: NaiveDate,
    pub weeks: u32,
}

impl Period {
    pub fn from(self) -> chrono::DateTime<Utc> {
        Utc.from_utc_datetime(&self.start.and_time(chrono::NaiveTime::MIN))
    }
    pub fn until(self) -> chrono::DateTime<Utc> {
        self.from() + chrono::Duration::days(7 * i64::from(self.weeks))
    }
}

fn has_standing(ws: &Workspace) -> bool {
    ws.roles
        .iter()
        .any(|r| r.deleted_at.is_none() && r.scope == Scope::Standing)
}

fn has_skilled(ws: &Workspace) -> bool {
    let standing: Vec<&str> = ws
        .roles
        .iter()
        .filter(|r| r.deleted_at.is_none() && r.scope == Scope::Standing)
        .map(|r| r.id.as_str())
        .collect();
    ws.people.iter().any(|p| {
        p.deleted_at.is_none() && p.active && p.skills.iter().any(|s| standing.contains(&s.as_str()))
    })
}

#[component]
pub fn RotaView() -> impl IntoView {
    let app = state::app();
    let ready = Memo::new(move |_| app.ws.with(|ws| (has_standing(ws), has_skilled(ws))));
    view! {
        <h1>"Rota"</h1>
        <p class="lead">
            "Plan who holds each standing role, turn by turn, for the weeks ahead: skills, separation-of-duty rules, "
            "capacity and away periods are kept, and the load is spread fairly."
        </p>
        {move || match ready.get() {
            (false, _) => view! {
                <section class="empty"><h2>"No standing roles yet"</h2>
                <p>"A rota plans standing roles, such as committee chair or release manager. Add one with scope "
                "“standing” on the "<a href="#/people">"People"</a>" page, or load the example team on the "
                <a href="#/load">"Load"</a>" page."</p></section>
            }.into_any(),
            (true, false) => view! {
                <section class="empty"><h2>"Nobody has the skills yet"</h2>
                <p>"Nobody active has a standing role among their skills, so there is nobody to plan. "
                "Give people skills on the "<a href="#/people">"People"</a>" page."</p></section>
            }.into_any(),
            (true, true) => view! { <Planner /> }.into_any(),
        }}
    }
}

#[component]
fn Planner() -> impl IntoView {
    let app = state::app();
    let now = state::now();
    let start_text = RwSignal::new(rota::next_monday(now).format("%Y-%m-%d").to_string());
    let weeks_text = RwSignal::new(rota::DEFAULT_WEEKS.to_string());
    let turn = RwSignal::new(
        app.ws
            .with_untracked(|ws| ws.settings.rota.clone().unwrap_or_default().turn),
    );
    let keep = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let plan = RwSignal::new(None::<Plan>);
    let period = Memo::new(move |_| {
        let start = NaiveDate::parse_from_str(&start_text.get(), "%Y-%m-%d").ok()?;
        let weeks = weeks_text.get().trim().parse::<u32>().ok()?;
        Some(Period { start, weeks })
    });
    let make = move || -> Result<Plan, String> {
        let p = period
            .get_untracked()
            .ok_or("Choose a first day and a number of weeks.")?;
        app.ws.with_untracked(|ws| {
            let mut req = Request::from_settings(ws, p.start);
            req.weeks = p.weeks;
            req.turn = turn.get_untracked();
            req.keep_agreed = keep.get_untracked();
            rota::plan(ws, &req, &BrowserZones, state::now()).map_err(|e| e.to_string())
        })
    };
    let on_plan = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        match make() {
            Ok(p) => {
                error.set(None);
                plan.set(Some(p));
            }
            Err(e) => {
                error.set(Some(e));
                plan.set(None);
            }
        }
    };
    view! {
        <form class="rota-form" on:submit=on_plan>
            <div class="form-grid">
                <Field label="First day" value=start_text kind="date" id="rota-start" />
                <Field label="Weeks" value=weeks_text kind="number" id="rota-weeks" />
                <Select
                    label="Turn length"
                    id="rota-turn"
                    value=Signal::derive(move || turn.get().as_str().to_string())
                    on_change=Callback::new(move |v: String| if let Some(t) = TurnLength::parse(&v) { turn.set(t) })
                    choices=choices(TurnLength::ALL, TurnLength::as_str, TurnLength::label)
                />
            </div>
            <label class="choice">
                <input type="checkbox" id="rota-keep" prop:checked=move || keep.get()
                    on:change=move |e| keep.set(event_target_checked(&e)) />
                "Keep turns already agreed"
            </label>
            <div class="actions"><button type="submit" id="rota-plan">"Plan"</button></div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
        {move || plan.get().map(|p| view! { <plan::PlanSection plan=p cleared=plan /> })}
        <ahead::AheadSection period />
    }
}
