//! `hatrack review ID FILE`: a review as Markdown, exactly as the app exports it, for a wiki;
//! with `--chat`, the app's "Copy for chat" text.

use chrono::{DateTime, Utc};
use hatrack::domain::review::{find_review, review_for_incident};
use hatrack::domain::review_export::{to_chat, to_markdown};

use crate::files::read_workspace;
use crate::Failure;

/// `id` names the review, or the incident it reviews.
pub fn run(id: &str, file: &str, now: DateTime<Utc>, chat: bool) -> Result<(), Failure> {
    let ws = read_workspace(file)?;
    let Some(review) = find_review(&ws, id).or_else(|| review_for_incident(&ws, id)) else {
        return Err(Failure::input(format!(
            "{file}: there is no review {id}, and no incident {id} with a review."
        )));
    };
    let text = if chat {
        to_chat(&ws, &review.id, now).map(|t| format!("{}\n", t.trim_end()))
    } else {
        to_markdown(&ws, &review.id, now)
    };
    match text {
        Some(text) => {
            // The Markdown ends its own last line: print it as the app downloads it.
            print!("{text}");
            Ok(())
        }
        None => Err(Failure::input(format!(
            "{file}: review {}: its incident {} has been deleted, so there is nothing to show.",
            review.id, review.incident
        ))),
    }
}
