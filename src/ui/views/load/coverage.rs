//! "Coverage": who could take each role and who has it, with single points of failure in words.

use leptos::prelude::*;

use super::fingerprint;
use crate::domain::{assign, load, Workspace};
use crate::ui::state;

/// Names listed per cell before "and N more".
const NAMES: usize = 8;

#[derive(Clone, Debug, PartialEq)]
struct Row {
    role_id: String,
    role_name: String,
    capable: String,
    holders: String,
    /// The single-point-of-failure sentence, when there is one.
    warning: Option<String>,
}

fn names(ws: &Workspace, ids: &[String], none: &str) -> String {
    if ids.is_empty() {
        return none.into();
    }
    let mut shown: Vec<String> = ids
        .iter()
        .take(NAMES)
        .map(|p| assign::person_name(ws, p))
        .collect();
    if ids.len() > NAMES {
        shown.push(format!("and {} more", ids.len() - NAMES));
    }
    shown.join(", ")
}

fn rows(ws: &Workspace, now: chrono::DateTime<chrono::Utc>) -> Vec<Row> {
    load::coverage(ws, now)
        .into_iter()
        .map(|c| Row {
            warning: c.single_point_of_failure.then(|| match c.capable.first() {
                None => format!("Nobody can be {}: no active person has the skill.", c.role_name),
                Some(p) => format!(
                    "Single point of failure: only {} can be {}.",
                    assign::person_name(ws, p),
                    c.role_name
                ),
            }),
            capable: names(ws, &c.capable, "Nobody"),
            holders: names(ws, &c.holders_now, "Nobody"),
            role_id: c.role_id,
            role_name: c.role_name,
        })
        .collect()
}

#[component]
pub fn CoverageSection() -> impl IntoView {
    let app = state::app();
    let cover = Memo::new(move |_| app.ws.with(|ws| rows(ws, state::now())));
    let warnings = move || cover.with(|c| c.iter().filter_map(|r| r.warning.clone()).collect::<Vec<_>>());
    let keyed = move || {
        cover.with(|c| {
            c.iter()
                .map(|r| (fingerprint(&r.role_id, r), r.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section aria-labelledby="cover-h" class="load-cover">
            <h2 id="cover-h">"Coverage"</h2>
            <p class="hint">"Who has the skill for each role, and who holds it now. A role only one person can take stops when they do."</p>
            {move || {
                let w = warnings();
                if w.is_empty() {
                    view! { <p>"Every role has at least two people who can take it."</p> }.into_any()
                } else {
                    view! {
                        <ul class="spof">
                            {w.into_iter().map(|s| view! { <li><span class="flag warn">"Risk"</span>" "{s}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">"Role coverage"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Can take it"</th>
                            <th scope="col">"Holds it now"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=keyed key=|(k, _)| k.clone() let:item>
                            {
                                let r = item.1;
                                let spof = r.warning.is_some();
                                view! {
                                    <tr class:spof-row=spof>
                                        <th scope="row">
                                            {r.role_name.clone()}
                                            {spof.then(|| view! { " " <span class="tag warn">"single point of failure"</span> })}
                                        </th>
                                        <td>{r.capable.clone()}</td>
                                        <td>{r.holders.clone()}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}
