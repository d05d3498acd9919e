//! `domain::order`, the app's one sorting routine, against the standard library's stable sort.
#![allow(clippy::disallowed_methods)] // the standard sorts are the reference here

use hatrack::domain::order;
use proptest::prelude::*;

proptest! {
    /// Equal keys keep their order: the second field tells a stable sort from another.
    #[test]
    fn sort_by_key_is_the_standard_stable_sort(v in prop::collection::vec((0u8..6, any::<u16>()), 0..200)) {
        let (mut ours, mut std) = (v.clone(), v);
        order::sort_by_key(&mut ours, |p| p.0);
        std.sort_by_key(|p| p.0);
        prop_assert_eq!(ours, std);
    }

    #[test]
    fn sort_by_sorts_owned_values_descending(v in prop::collection::vec("[a-c]{0,3}", 0..100)) {
        let (mut ours, mut std) = (v.clone(), v);
        order::sort_by(&mut ours, |a, b| b.len().cmp(&a.len()));
        std.sort_by_key(|s| std::cmp::Reverse(s.len()));
        prop_assert_eq!(ours, std);
    }

    #[test]
    fn cached_keys_and_plain_sort(v in prop::collection::vec(any::<i32>(), 0..200)) {
        let mut cached = v.clone();
        order::sort_by_cached_key(&mut cached, |x| (x.rem_euclid(7), *x));
        let mut std = v.clone();
        std.sort_by_key(|x| (x.rem_euclid(7), *x));
        prop_assert_eq!(cached, std);
        let (mut ours, mut std) = (v.clone(), v);
        order::sort(&mut ours);
        std.sort();
        prop_assert_eq!(ours, std);
    }
}

#[test]
fn a_slice_in_place_and_the_empty_list() {
    let mut v = vec!["d", "a", "c", "b", "e"];
    order::sort(&mut v[1..4]);
    assert_eq!(v, ["d", "a", "b", "c", "e"]);
    let mut none: Vec<u8> = vec![];
    order::sort(&mut none);
    assert!(none.is_empty());
}
