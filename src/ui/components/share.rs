//! "Copy link": an incident or a review as a share link on the clipboard. A link longer than chat
//! apps keep is not copied (it would arrive cut and be refused); the bundle file is offered instead.

use leptos::prelude::*;

use crate::domain::share_link::{self, MAX_CHAT_CHARS};
use crate::ui::views::data::{export_incident_bundle, group};
use crate::ui::{clipboard, state};

/// What a link is made for; the id is an incident's or a review's.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shares {
    Incident,
    Review,
}

impl Shares {
    fn noun(self) -> &'static str {
        match self {
            Shares::Incident => "incident",
            Shares::Review => "review",
        }
    }
}

#[component]
pub fn CopyLink(#[prop(into)] id: Signal<String>, what: Shares) -> impl IntoView {
    let app = state::app();
    // The length of a link just refused as too long for chat, while its offer is shown.
    let too_long = RwSignal::new(None::<usize>);
    let copy = move |_| {
        let id = id.get_untracked();
        let now = state::now();
        let link = app.ws.with_untracked(|ws| match what {
            Shares::Incident => share_link::incident_link(ws, &id, now),
            Shares::Review => share_link::review_link(ws, &id, now),
        });
        let Some(link) = link else {
            app.say(format!(
                "There is no {} {id} to share; it may have been deleted.",
                what.noun()
            ));
            return;
        };
        if !link.fits_chat {
            let n = link.fragment.chars().count();
            too_long.set(Some(n));
            app.say(too_long_message(n));
            return;
        }
        too_long.set(None);
        let loc = window().location();
        let url = format!(
            "{}{}{}",
            loc.origin().unwrap_or_default(),
            loc.pathname().unwrap_or_default(),
            link.fragment
        );
        let noun = what.noun();
        clipboard::copy(&url, move |copied| {
            if copied {
                app.say(format!(
                    "Copied a link to this {noun}. Whoever opens it in Hatrack sees what it would change and \
                     chooses Merge; the data travels inside the link, not through a server."
                ))
            } else {
                app.say("The browser did not allow copying. Download the incident bundle and send the file instead.")
            }
        });
    };
    let download = move |_| {
        let id = id.get_untracked();
        let incident = match what {
            Shares::Incident => Some(id),
            Shares::Review => app
                .ws
                .with_untracked(|ws| ws.reviews.iter().find(|r| r.id == id).map(|r| r.incident.clone())),
        };
        if let Some(incident) = incident {
            export_incident_bundle(app, &incident);
        }
        too_long.set(None);
    };
    view! {
        <button class="secondary" on:click=copy>"Copy link"</button>
        {move || too_long.get().map(|n| view! {
            <p class="share-too-long" role="status">
                {too_long_message(n)}" "
                <button class="secondary" on:click=download>"Download the bundle file instead"</button>
            </p>
        })}
    }
}

fn too_long_message(n: usize) -> String {
    format!(
        "This link would be {} characters long, more than chat apps keep (about {}), so it was not \
         copied: it would arrive cut and could not be opened. Send the incident bundle as a file instead.",
        group(n),
        group(MAX_CHAT_CHARS)
    )
}
