//! Lists keyed by record id: `<For>` over the ids, and each row following its own entry, so an
//! edit changes that row in place (its elements and focus stay) rather than building it anew.

use leptos::prelude::*;

/// The ids of `rows`, in their order: what a keyed `<For>` iterates.
pub fn ids<T: Send + Sync + 'static>(rows: Signal<Vec<T>>, id: fn(&T) -> &str) -> Vec<String> {
    rows.with(|rs| rs.iter().map(|r| id(r).to_string()).collect())
}

/// The entry of `rows` with id `key`, as it is now (`None` once it has left the list).
pub fn entry<T: Clone + PartialEq + Send + Sync + 'static>(
    rows: Signal<Vec<T>>,
    key: String,
    id: fn(&T) -> &str,
) -> Memo<Option<T>> {
    Memo::new(move |_| rows.with(|rs| rs.iter().find(|r| id(r) == key).cloned()))
}

/// A reactive part of a view behind one type. The renderer compiles its handling of a reactive
/// closure once per closure type (1–5 KB of the module each); parts built as a `Part` share one.
pub type Part = Box<dyn Fn() -> Option<AnyView> + Send + Sync>;

/// One part of a keyed row: `f` of the row's entry as it is now (nothing once it has left).
pub fn part<T: Send + Sync + 'static>(row: Memo<Option<T>>, f: fn(&T) -> AnyView) -> Part {
    Box::new(move || row.with(|r| r.as_ref().map(f)))
}

/// A part built from what [`pick`] took of a row, again only when that differs.
pub fn follow<U>(picked: Memo<Option<U>>, f: impl Fn(U) -> AnyView + Send + Sync + 'static) -> Part
where
    U: Clone + Send + Sync + 'static,
{
    Box::new(move || picked.get().map(&f))
}

/// What `take` takes of a keyed row's entry, as a memo: a part built from it is built again only
/// when that differs, so a form in one part keeps its draft while another part of the row changes.
pub fn pick<T, U>(row: Memo<Option<T>>, take: fn(&T) -> U) -> Memo<Option<U>>
where
    T: Send + Sync + 'static,
    U: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| row.with(|r| r.as_ref().map(take)))
}
