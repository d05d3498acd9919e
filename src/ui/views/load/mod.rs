//! The role-load view: who wears too many hats now, how to hand some over, how it looked over
//! time, and which roles hang on one person.

mod coverage;
mod fix;
mod now;
mod over_time;
mod rest;

use std::collections::hash_map::DefaultHasher;
use std::fmt::Debug;
use std::hash::{Hash, Hasher};

use leptos::prelude::*;

use crate::domain::Workspace;
use crate::ui::components::later::Later;
use crate::ui::state;

/// A list key that changes whenever what a row shows changes: `<For>` keeps a row whose key
/// is unchanged, so keying by id alone would leave stale numbers on screen.
pub(crate) fn fingerprint<T: Debug>(id: &str, x: &T) -> (String, u64) {
    let mut h = DefaultHasher::new();
    format!("{x:?}").hash(&mut h);
    (id.to_string(), h.finish())
}

pub(crate) use crate::ui::components::shell::focus_id;

fn live_people(ws: &Workspace) -> usize {
    ws.people.iter().filter(|p| p.deleted_at.is_none()).count()
}

#[component]
pub fn LoadView() -> impl IntoView {
    let app = state::app();
    let has_people = Memo::new(move |_| app.ws.with(|ws| live_people(ws) > 0));
    view! {
        <h1>"Role load"</h1>
        <Show when=move || has_people.get() fallback=EmptyState>
            <LoadBody />
        </Show>
    }
}

/// Shared by the sections: computed once per workspace change, never on unrelated input.
#[component]
fn LoadBody() -> impl IntoView {
    let app = state::app();
    let model = Memo::new(move |_| app.ws.with(|ws| now::model(ws, state::now())));
    view! {
        <p class="lead">
            "Load is the sum of the weights of the roles someone holds right now, plus a little for each open action item. "
            "Above their capacity a person is overloaded; some pairs of roles should never be held by one person at once."
        </p>
        <now::Summary model />
        <now::NowSection model />
        // Below the first screen: each built in a frame of its own once the top is painted.
        <Later>
            <fix::FixSection model />
        </Later>
        <Later>
            <rest::RestSection />
        </Later>
        <Later>
            <over_time::OverTimeSection />
        </Later>
        <Later>
            <coverage::CoverageSection />
        </Later>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    let app = state::app();
    let has_other = move || {
        app.ws.with(|ws| {
            ws.incidents.iter().any(|i| i.deleted_at.is_none())
                || ws.releases.iter().any(|r| r.deleted_at.is_none())
                || ws.reviews.iter().any(|r| r.deleted_at.is_none())
        })
    };
    let load_example = move |_| super::welcome::load_example_team(app);
    view! {
        <section class="empty load-empty" aria-labelledby="load-empty-h">
            <h2 id="load-empty-h">"Nobody on the roster yet"</h2>
            <p>
                "This view shows who is wearing too many hats: when one volunteer ends up as committee chair, "
                "incident manager, 3rd line lead, release manager and deployment manager at once, it says so in "
                "plain words, shows which roles should not be held together, and suggests who could take one over."
            </p>
            <p>
                "Add people and give them roles on the "<a href="#/people">"People"</a>" page, import a workspace file on the "
                <a href="#/data">"Data"</a>" page, or look at an example team with a live incident first."
            </p>
            <Show when=has_other>
                <p>"The example replaces what is in this workspace now; you can undo right after."</p>
            </Show>
            <div class="actions">
                <button id="load-example" on:click=load_example>"Load the example team"</button>
            </div>
        </section>
    }
}
