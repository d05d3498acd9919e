//! Replacing this browser's workspace with an imported file: whether that loses anything, and so
//! whether the person must download a backup before Replace is allowed.

use super::defaults;
use super::merge;
use super::model::Workspace;

/// Replacing `current` with `incoming` loses nothing when `current` holds only the starting roles
/// and rules, or only records `incoming` already has in the same or a newer version.
pub fn nothing_to_lose(current: &Workspace, incoming: &Workspace) -> bool {
    let fresh = defaults::new_workspace();
    let is_fresh = current.people.is_empty()
        && current.incidents.is_empty()
        && current.releases.is_empty()
        && current.reviews.is_empty()
        && current.assignments.is_empty()
        && current.roles == fresh.roles
        && current.conflicts == fresh.conflicts;
    // What merging `current` into the file would add to it is what Replace would throw away.
    is_fresh || {
        let p = merge::preview(incoming, current);
        p.total_new() == 0 && p.total_updated() == 0 && p.total_conflicts() == 0
    }
}
