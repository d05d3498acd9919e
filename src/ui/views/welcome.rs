//! The first run: what Hatrack is, and the steps to a first incident with its roles (and to the team's written process),
//! shown above the declare form until the first incident exists.

use leptos::prelude::*;

use crate::domain::example;
use crate::ui::components::paste_people::PastePeople;
use crate::ui::state;

/// Replaces the workspace with the example team (a live incident, an overloaded volunteer);
/// undoable from the toast.
pub fn load_example_team(app: state::App) {
    let now = state::now();
    let _ = app.update_with_undo("Loaded the example team.", |ws| {
        *ws = example::example_team(now);
        Ok::<(), ()>(())
    });
}

#[component]
pub fn Welcome() -> impl IntoView {
    let app = state::app();
    let first_run = move || {
        app.ws
            .with(|ws| !ws.incidents.iter().any(|i| i.deleted_at.is_none()))
    };
    let count = Memo::new(move |_| {
        app.ws.with(|ws| {
            ws.people
                .iter()
                .filter(|p| p.deleted_at.is_none() && p.active)
                .count()
        })
    });
    let people = move || count.get();
    view! {
        <Show when=first_run>
            <section class="card welcome" aria-labelledby="welcome-h">
                <h2 id="welcome-h">"Welcome to Hatrack"</h2>
                <p>
                    "An incident desk for volunteer teams: declare an incident, give its roles to named people "
                    "with explicit hand-overs, log what happened, and review it afterwards. It also shows who is "
                    "wearing too many hats. Everything stays in this browser; share it as a file."
                </p>
                <ol class="steps">
                    <li class:done=move || { people() > 0 }>
                        <h3>"1. Add your people"</h3>
                        {move || if people() > 0 {
                            view! { <p>{format!("{} on the roster. Add more here or on the ", people())}<a href="#/people">"People"</a>" page."</p> }.into_any()
                        } else {
                            view! { <p>"Roles go to people, so they come first. Paste their names, or look around with an example team."</p> }.into_any()
                        }}
                        <PastePeople id="welcome"/>
                        <Show when=move || people() == 0>
                            <p class="actions">
                                <button type="button" class="secondary" on:click=move |_| load_example_team(app)>"Load the example team"</button>
                            </p>
                        </Show>
                    </li>
                    <li>
                        <h3>"2. Declare an incident"</h3>
                        <p>"With the form below; then give it an incident manager on its page. Recording one after the fact? Say so there and type the real times."</p>
                    </li>
                    <li>
                        <h3>"3. Review it"</h3>
                        <p>"Once it is resolved, start a quick retro or a full blameless review from its page, with action items that get done."</p>
                    </li>
                    <li>
                        <h3>"4. Write down how you work"</h3>
                        <p>"Hatrack suggests what each role does and a checklist for it: "<a href="#/handbook">"read the suggested process"</a>", take it up and change it to fit. The role board then shows each holder their checklist."</p>
                    </li>
                </ol>
            </section>
        </Show>
    }
}
