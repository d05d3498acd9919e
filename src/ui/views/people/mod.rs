//! People and roles: the roster, who holds the standing roles, the role catalogue and the
//! separation-of-duty rules. Every change goes through `domain::people` and `domain::assign`.

use gloo_timers::callback::Interval;
use leptos::prelude::*;

use crate::ui::components::later::Later;
use crate::ui::state;

/// People shown per page of the roster.
const PAGE: usize = 50;
/// Ended standing assignments shown per step of the history.
const HISTORY_PAGE: usize = 5;
/// How often the "14:05 for them" clocks move on.
const TICK_MS: u32 = 20_000;

mod conflicts;
mod person_form;
mod roles;
mod roster;
mod standing;

use conflicts::conflicts_section;
use roles::roles_section;
use roster::{add_person_section, roster_section};
use standing::standing_section;

#[component]
pub fn PeopleView() -> impl IntoView {
    let now = RwSignal::new(state::now());
    // Dropped with the view, which stops it.
    StoredValue::new_local(Interval::new(TICK_MS, move || {
        now.try_set(state::now());
    }));
    view! {
        <h1>"People and roles"</h1>
        <p class="lead">"Who is on the team, what they can take on, and the rules that keep roles apart."</p>
        {roster_section(now)}
        // Below the roster: each built in a frame of its own once the top is painted.
        <Later>{add_person_section()}</Later>
        <Later>{standing_section(now)}</Later>
        <Later>{roles_section()}</Later>
        <Later>{conflicts_section()}</Later>
    }
}
