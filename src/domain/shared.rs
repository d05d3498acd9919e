//! Records shared between copies of a workspace.
//!
//! The app keeps several copies of the workspace at once: the one on screen, the one an edit
//! works on until it is accepted or refused, the one undo would bring back, and what the last
//! save stored. With each record behind an [`Arc`], a copy of a decade of history is a copy of
//! pointers, an edit copies only the record it changes (copy on write, [`Arc::make_mut`]), and
//! telling two copies apart is a pointer comparison for every record neither changed.
//!
//! [`Records`] reads like the `Vec` it replaces: iterating gives `&T`, indexing gives `&T` (or
//! `&mut T`, copying that one record first if another copy holds it), and it reads and writes
//! JSON exactly as a list of `T` does.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Deref, DerefMut, Index, IndexMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One record, shared by every copy of the workspace that has not changed it.
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }

    /// Whether both are the very same record, unchanged since one was copied from the other.
    pub fn same(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T: Clone> Shared<T> {
    /// The record itself: moved out when nothing else holds it, copied otherwise.
    pub fn into_inner(self) -> T {
        Arc::unwrap_or_clone(self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Writing copies the record first when another copy of the workspace still holds it.
impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Shared::same(self, other) || *self.0 == *other.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Shared::new)
    }
}

/// A list of records in the team's order, each [`Shared`].
pub struct Records<T>(Vec<Shared<T>>);

/// Iterating a list gives the records themselves.
pub type Iter<'a, T> = std::iter::Map<std::slice::Iter<'a, Shared<T>>, fn(&'a Shared<T>) -> &'a T>;

impl<T> Records<T> {
    pub const fn new() -> Self {
        Records(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> Iter<'_, T> {
        self.0.iter().map(Deref::deref as fn(&Shared<T>) -> &T)
    }

    /// Each record for writing; only the ones written to are copied.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, Shared<T>> {
        self.0.iter_mut()
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.0.get(i).map(Deref::deref)
    }

    pub fn first(&self) -> Option<&T> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&T> {
        self.0.last().map(Deref::deref)
    }

    pub fn push(&mut self, record: T) {
        self.0.push(Shared::new(record));
    }

    pub fn insert(&mut self, i: usize, record: T) {
        self.0.insert(i, Shared::new(record));
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.0.retain(|r| keep(r));
    }

    pub fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn reverse(&mut self) {
        self.0.reverse();
    }

    pub fn swap(&mut self, a: usize, b: usize) {
        self.0.swap(a, b);
    }

    pub fn sort_by(&mut self, mut order: impl FnMut(&T, &T) -> Ordering) {
        super::order::sort_by(&mut self.0, |a, b| order(a, b));
    }

    pub fn sort_by_key<K: Ord>(&mut self, mut key: impl FnMut(&T) -> K) {
        super::order::sort_by_key(&mut self.0, |r| key(r));
    }

    /// The shared records, for telling copies apart by pointer ([`crate::domain::chunks`]).
    pub fn shared(&self) -> &[Shared<T>] {
        &self.0
    }

    /// The shared records as a vector, for code that works on lists of shared records
    /// ([`crate::domain::merge`]).
    pub fn shared_mut(&mut self) -> &mut Vec<Shared<T>> {
        &mut self.0
    }

    pub fn from_shared(records: Vec<Shared<T>>) -> Self {
        Records(records)
    }
}

impl<T: Clone> Records<T> {
    pub fn remove(&mut self, i: usize) -> T {
        self.0.remove(i).into_inner()
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.0.get_mut(i).map(DerefMut::deref_mut)
    }

    pub fn pop(&mut self) -> Option<T> {
        self.0.pop().map(Shared::into_inner)
    }

    pub fn last_mut(&mut self) -> Option<&mut T> {
        self.0.last_mut().map(DerefMut::deref_mut)
    }

    /// A plain vector of the records (copied where another copy holds them).
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().cloned().collect()
    }
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records::new()
    }
}

impl<T> Clone for Records<T> {
    fn clone(&self) -> Self {
        Records(self.0.clone())
    }
}

impl<T: PartialEq> PartialEq for Records<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Records<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T> Index<usize> for Records<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.0[i]
    }
}

impl<T: Clone> IndexMut<usize> for Records<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.0[i]
    }
}

impl<T> From<Vec<T>> for Records<T> {
    fn from(v: Vec<T>) -> Self {
        Records(v.into_iter().map(Shared::new).collect())
    }
}

impl<T> FromIterator<T> for Records<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Records(iter.into_iter().map(Shared::new).collect())
    }
}

impl<T> Extend<T> for Records<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.0.extend(iter.into_iter().map(Shared::new));
    }
}

impl<'a, T> IntoIterator for &'a Records<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Records<T> {
    type Item = &'a mut Shared<T>;
    type IntoIter = std::slice::IterMut<'a, Shared<T>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

impl<T: Clone> IntoIterator for Records<T> {
    type Item = T;
    type IntoIter = std::iter::Map<std::vec::IntoIter<Shared<T>>, fn(Shared<T>) -> T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter().map(Shared::into_inner as fn(Shared<T>) -> T)
    }
}

impl<T: Serialize> Serialize for Records<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Records<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(Records::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_every_record_until_one_is_written() {
        let a: Records<String> = vec!["one".to_string(), "two".to_string()].into();
        let mut b = a.clone();
        assert!(Shared::same(&a.shared()[0], &b.shared()[0]));
        b[1].push('!');
        assert!(Shared::same(&a.shared()[0], &b.shared()[0]));
        assert!(!Shared::same(&a.shared()[1], &b.shared()[1]));
        assert_eq!(a[1], "two");
        assert_eq!(b[1], "two!");
        assert_ne!(a, b);
    }

    #[test]
    fn equal_records_compare_equal_whether_shared_or_not() {
        let a: Records<u32> = vec![1, 2].into();
        let b: Records<u32> = vec![1, 2].into();
        assert_eq!(a, b);
        assert_eq!(a, a.clone());
    }

    #[test]
    fn reads_and_writes_json_as_a_plain_list() {
        let a: Records<u32> = serde_json::from_str("[3,1,2]").unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), "[3,1,2]");
        assert_eq!(a.iter().copied().collect::<Vec<_>>(), vec![3, 1, 2]);
        assert_eq!(a.into_iter().collect::<Vec<_>>(), vec![3, 1, 2]);
    }
}
