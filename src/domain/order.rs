//! Stable sorting with one copy of the sorting code in the app.
//!
//! The standard library's sort is generic over the element type and the comparison, so each of
//! the app's eighty sorts compiled to a copy of its own: 266 KB of the module before `wasm-opt`
//! (`twiggy top`, 2026-11-30), a tenth of the code. Here every sort orders the positions
//! `0..n` with the comparison behind a pointer, then moves the elements into that order: the
//! sorting routine is compiled once, and each sort adds only its comparison and a loop of swaps.
//! Stable, like the standard library's `sort_by`: equal elements keep their order. `clippy.toml`
//! points the standard sorts here.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order = positions(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably by the key `key` gives each element (worked out at every comparison, as the
/// standard library's `sort_by_key` does; see [`sort_by_cached_key`] for a costly key).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably by a key worked out once per element.
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let mut order = positions(v.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably in its own order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n`, ordered stably by `cmp`: the one place the sorting code is compiled.
#[inline(never)]
fn positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    #[allow(clippy::disallowed_methods)]
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves the elements of `v` so that position `i` holds what was at `order[i]`, cycle by cycle
/// with swaps; `order` is used up (each position set to itself once placed).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}
