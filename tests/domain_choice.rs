//! A choice kept while the list offers it (src/domain/choice.rs).

use hatrack::domain::choice::kept_or_first;

fn list(values: &[&str]) -> Vec<(String, String)> {
    values.iter().map(|v| (v.to_string(), v.to_uppercase())).collect()
}

#[test]
fn a_choice_still_offered_is_kept() {
    assert_eq!(kept_or_first(&list(&["a", "b", "c"]), "b").as_deref(), Some("b"));
}

#[test]
fn a_choice_no_longer_offered_or_not_made_falls_back_to_the_first() {
    assert_eq!(kept_or_first(&list(&["a", "c"]), "b").as_deref(), Some("a"));
    assert_eq!(kept_or_first(&list(&["a", "c"]), "").as_deref(), Some("a"));
}

#[test]
fn an_empty_list_offers_nothing() {
    assert_eq!(kept_or_first(&list(&[]), "b"), None);
}
