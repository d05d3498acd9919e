//! A proposed rota as a table (a row per turn, a column per standing role), everyone's share,
//! the gaps and concerns in words, and "Apply".

use leptos::prelude::*;

use crate::domain::assign::{find_role, person_name};
use crate::domain::away;
use crate::domain::rota::{self, Plan, TurnPlan};
use crate::domain::text::number;
use crate::domain::Workspace;
use crate::ui::state;

fn turn_label(t: &TurnPlan) -> String {
    away::days(t.first_day(), t.last_day())
}

fn cell_text(ws: &Workspace, plan: &Plan, t: &TurnPlan, i: usize) -> String {
    let c = &t.cells[i];
    match &c.person {
        Some(p) if c.agreed.is_some() => format!("{} (agreed)", person_name(ws, p)),
        Some(p) => person_name(ws, p),
        None => {
            let why = plan
                .gaps
                .iter()
                .find(|g| g.turn == t.index && g.role == c.role)
                .map(|g| match g.reason {
                    rota::GapReason::NobodySkilled => "nobody has the skill",
                    rota::GapReason::NobodyFree { .. } => "everyone with the skill is ruled out",
                })
                .unwrap_or("nobody free");
            format!("Nobody: {why}")
        }
    }
}

#[component]
pub fn PlanSection(plan: Plan, cleared: RwSignal<Option<Plan>>) -> impl IntoView {
    let app = state::app();
    let (heads, rows) = app.ws.with_untracked(|ws| {
        let heads: Vec<String> = plan
            .roles
            .iter()
            .map(|r| find_role(ws, r).map_or_else(|| r.clone(), |r| r.name.clone()))
            .collect();
        let rows: Vec<(String, Vec<String>, String)> = plan
            .turns
            .iter()
            .map(|t| {
                let cells = (0..t.cells.len()).map(|i| cell_text(ws, &plan, t, i)).collect();
                (turn_label(t), cells, number(t.peak))
            })
            .collect();
        (heads, rows)
    });
    let new_turns = plan
        .turns
        .iter()
        .flat_map(|t| &t.cells)
        .filter(|c| c.agreed.is_none() && c.person.is_some())
        .count();
    let to_apply = plan.clone();
    let on_apply = move |_| {
        let msg = format!("Applied the rota: {new_turns} turns planned.");
        match app.update_with_undo(msg, |ws| rota::apply(ws, &to_apply, state::now())) {
            Ok(_) => cleared.set(None),
            Err(e) => app.say(e.to_string()),
        }
    };
    let words: Vec<String> = plan
        .gaps
        .iter()
        .map(ToString::to_string)
        .chain(plan.concerns.iter().map(ToString::to_string))
        .collect();
    view! {
        <section aria-labelledby="rota-plan-h" class="rota-plan">
            <h2 id="rota-plan-h">"Proposed rota"</h2>
            <div class="table-wrap">
                <table aria-labelledby="rota-plan-h">
                    <thead><tr>
                        <th scope="col">"Turn"</th>
                        {heads.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                        <th scope="col">"Peak load"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(when, cells, peak)| view! {
                            <tr>
                                <th scope="row">{when}</th>
                                {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                <td>{peak}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Shares plan=plan.clone() />
            <h3>"Gaps and concerns"</h3>
            {if words.is_empty() {
                view! { <p>"None: every role has someone in every turn."</p> }.into_any()
            } else {
                view! { <ul class="rota-gaps">{words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul> }.into_any()
            }}
            <div class="actions">
                <button id="rota-apply" on:click=on_apply disabled=new_turns == 0>"Apply"</button>
            </div>
            <p class="hint">{if new_turns == 0 {
                "Nothing new to apply: every turn is already agreed or left empty.".to_string()
            } else {
                format!("Apply creates {new_turns} future standing assignments; you can undo right after.")
            }}</p>
        </section>
    }
}

#[component]
fn Shares(plan: Plan) -> impl IntoView {
    let peak = number(plan.peak);
    view! {
        <h3 id="rota-share-h">"Each person's share"</h3>
        <p>{format!("The highest load anyone would carry in a turn is {peak}.")}</p>
        <div class="table-wrap">
            <table aria-labelledby="rota-share-h">
                <thead><tr>
                    <th scope="col">"Person"</th>
                    <th scope="col">"Turns"</th>
                    <th scope="col">"Share"</th>
                    <th scope="col">"Peak load"</th>
                </tr></thead>
                <tbody>
                    {plan.shares.into_iter().map(|s| view! {
                        <tr>
                            <th scope="row">{s.name}</th>
                            <td>{s.turns}</td>
                            <td>{format!("{:.0}%", s.share * 100.0)}</td>
                            <td>{number(s.peak)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
