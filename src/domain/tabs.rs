//! What a tab does when another tab of the same browser stores the workspace: take the new text
//! as it is, or merge it with its own.
//!
//! Each tab keeps the stored text as it last read or wrote it (`last_seen`); stored text that
//! differs from it was written by another tab. When the writer had seen every edit of this tab,
//! this tab adopts the text as it is, so a deletion or an undo made over there travels too. When
//! this tab has edits the writer had not seen (waiting for the save timer, kept after a failed
//! save, or its own write made at the same moment as the other), taking the text as it is would
//! lose them: the two are merged and the union written back, so both tabs' edits survive.

/// What a tab knows when it is told that the stored workspace changed.
#[derive(Clone, Copy, Debug)]
pub struct Sighting<'a> {
    /// The stored text now; `None` when another tab cleared it.
    pub stored: Option<&'a str>,
    /// The stored text as this tab last read or wrote it.
    pub last_seen: &'a str,
    /// Where `last_seen` came from.
    pub last: Last,
    /// Edits are waiting for the save timer.
    pub save_pending: bool,
    /// The last save failed, so this tab holds edits storage never got.
    pub save_failed: bool,
}

/// Where a tab's `last_seen` text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Last {
    /// Read from storage (at start, or adopted from another tab): nothing of this tab beyond it.
    Read,
    /// This tab's own write. `writer_saw_it`: the tab that stored the new text noted that it had
    /// seen exactly that write before writing.
    Wrote { writer_saw_it: bool },
}

/// What to do with the stored text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TakeIn {
    /// Cleared elsewhere: forget the text seen, so the next save writes this tab's workspace back.
    Forget,
    /// The stored text is the one this tab already has.
    Nothing,
    /// This tab has edits the writer did not see: merge the stored text in and write the union now.
    Merge,
    /// The writer had seen everything of this tab: take the stored text as it is.
    Adopt,
}

/// The rule in the module comment, one branch each.
pub fn take_in(s: &Sighting) -> TakeIn {
    let Some(stored) = s.stored else {
        return TakeIn::Forget;
    };
    if stored == s.last_seen {
        return TakeIn::Nothing;
    }
    let writer_saw_ours = match s.last {
        Last::Read => true,
        Last::Wrote { writer_saw_it } => writer_saw_it,
    };
    if !writer_saw_ours || s.save_pending || s.save_failed {
        TakeIn::Merge
    } else {
        TakeIn::Adopt
    }
}
