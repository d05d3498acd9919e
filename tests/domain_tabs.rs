//! Another tab's save (src/domain/tabs.rs): every branch of adopt-or-merge.

use hatrack::domain::tabs::{take_in, Last, Sighting, TakeIn};

/// A tab that last read "old" from storage, has nothing unsaved, and now finds "new" stored.
fn settled() -> Sighting<'static> {
    Sighting {
        stored: Some("new"),
        last_seen: "old",
        last: Last::Read,
        save_pending: false,
        save_failed: false,
    }
}

#[test]
fn text_another_tab_stored_is_adopted_when_this_tab_has_nothing_unseen() {
    assert_eq!(take_in(&settled()), TakeIn::Adopt);
}

#[test]
fn own_write_the_writer_had_seen_is_adopted_over_so_their_deletions_travel() {
    let s = Sighting {
        last: Last::Wrote { writer_saw_it: true },
        ..settled()
    };
    assert_eq!(take_in(&s), TakeIn::Adopt);
}

#[test]
fn own_write_made_at_the_same_moment_as_theirs_is_merged_not_lost() {
    let s = Sighting {
        last: Last::Wrote { writer_saw_it: false },
        ..settled()
    };
    assert_eq!(take_in(&s), TakeIn::Merge);
}

#[test]
fn edits_waiting_for_the_save_timer_are_merged_even_after_a_read() {
    let s = Sighting {
        save_pending: true,
        ..settled()
    };
    assert_eq!(take_in(&s), TakeIn::Merge);
    let s = Sighting {
        last: Last::Wrote { writer_saw_it: true },
        ..s
    };
    assert_eq!(take_in(&s), TakeIn::Merge);
}

#[test]
fn edits_a_failed_save_left_in_this_tab_are_merged() {
    let s = Sighting {
        save_failed: true,
        ..settled()
    };
    assert_eq!(take_in(&s), TakeIn::Merge);
}

#[test]
fn the_text_this_tab_already_has_changes_nothing_whatever_is_pending() {
    let s = Sighting {
        stored: Some("old"),
        save_pending: true,
        save_failed: true,
        last: Last::Wrote { writer_saw_it: false },
        ..settled()
    };
    assert_eq!(take_in(&s), TakeIn::Nothing);
}

#[test]
fn cleared_storage_is_forgotten_so_the_next_save_writes_this_tab_back() {
    let s = Sighting {
        stored: None,
        save_pending: true,
        ..settled()
    };
    assert_eq!(take_in(&s), TakeIn::Forget);
    // Even a tab that had seen nothing yet: empty stored text is still text, not a clear.
    let s = Sighting {
        stored: Some(""),
        last_seen: "",
        ..settled()
    };
    assert_eq!(take_in(&s), TakeIn::Nothing);
}
