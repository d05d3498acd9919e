//! What a list of choices shows as chosen while the list changes under it (a search narrows it,
//! an item is deleted): the choice stays while it is still offered, so it never points at
//! something the list no longer has.

/// The chosen value while `choices` still offers it, else the first choice; `None` when there
/// is nothing to choose.
pub fn kept_or_first<T>(choices: &[(String, T)], chosen: &str) -> Option<String> {
    choices
        .iter()
        .find(|(v, _)| v == chosen)
        .or_else(|| choices.first())
        .map(|(v, _)| v.clone())
}
