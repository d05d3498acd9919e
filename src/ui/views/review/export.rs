//! Getting a review out of Hatrack: Markdown for a wiki (copied or downloaded), a short plain
//! text for a chat, a share link, or paper. The texts come from `domain::review_export`.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::{review_export, Workspace};
use crate::ui::components::share::{CopyLink, Shares};
use crate::ui::components::shell::focus_soon;
use crate::ui::{clipboard, files, state};

const CHAT_TEXT_ID: &str = "chat-text";

#[component]
pub fn Export(rid: StoredValue<String>, incident_id: String) -> impl IntoView {
    let app = state::app();
    let text = move |export: fn(&Workspace, &str, DateTime<Utc>) -> Option<String>| {
        app.ws
            .with_untracked(|ws| export(ws, &rid.read_value(), state::now()))
    };
    let markdown = move || text(review_export::to_markdown);
    // The chat text the browser would not copy, shown to copy by hand.
    let refused = RwSignal::new(None::<String>);
    let copy = move |_| {
        let Some(md) = markdown() else { return };
        clipboard::copy(&md, move |copied| {
            app.say(if copied {
                "Copied the review as Markdown; paste it into your wiki or a mail."
            } else {
                "The browser did not allow copying. Use Download Markdown instead."
            })
        });
    };
    let copy_chat = move |_| {
        let Some(chat) = text(review_export::to_chat) else {
            return;
        };
        refused.set(None);
        let shown = chat.clone();
        clipboard::copy(&chat, move |copied| {
            if copied {
                app.say("Copied for chat.");
            } else {
                refused.set(Some(shown));
                focus_soon(CHAT_TEXT_ID);
                app.say(
                    "The browser did not allow copying. The chat text is shown below: select it and copy it.",
                );
            }
        });
    };
    let name = format!("review-{incident_id}.md");
    let download = move |_| {
        let Some(md) = markdown() else { return };
        if let Err(e) = files::download(&name, "text/markdown", &md) {
            app.say(e);
        }
    };
    view! {
        <div class="actions export no-print" role="group" aria-label="Export">
            <button class="secondary" on:click=copy>"Copy Markdown"</button>
            <button class="secondary" on:click=download>"Download Markdown"</button>
            <button class="secondary" on:click=copy_chat>"Copy for chat"</button>
            <CopyLink id=Signal::derive(move || rid.get_value()) what=Shares::Review/>
            <button class="secondary" on:click=move |_| { let _ = window().print(); }>"Print"</button>
            {move || refused.get().map(|text| view! { <ChatText text refused/> })}
        </div>
    }
}

/// The chat text to select and copy by hand, when the browser would not copy it.
#[component]
fn ChatText(text: String, refused: RwSignal<Option<String>>) -> impl IntoView {
    let rows = text.lines().count().clamp(4, 16);
    let select = |ev: leptos::ev::FocusEvent| event_target::<web_sys::HtmlTextAreaElement>(&ev).select();
    view! {
        <div class="chat-text">
            <label for=CHAT_TEXT_ID>"Chat text: select it all and copy"</label>
            <textarea id=CHAT_TEXT_ID readonly rows=rows on:focus=select prop:value=text></textarea>
            <button class="secondary small" on:click=move |_| refused.set(None)>"Close"</button>
        </div>
    }
}
