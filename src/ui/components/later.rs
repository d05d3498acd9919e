//! A long page built a part at a time: what is on the first screen renders at once, and each
//! part wrapped in [`Later`] is built in a task of its own after the browser has painted, one per
//! frame, in the order they were asked for. The page shows sooner, and a click or a key pressed
//! meanwhile is handled between parts instead of after all of them.
//!
//! Everything is still built within a few frames (nothing waits for scrolling), so find in page,
//! printing and links to a heading deeper down keep working.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use leptos::prelude::*;

thread_local! {
    static QUEUE: RefCell<VecDeque<RwSignal<bool>>> = const { RefCell::new(VecDeque::new()) };
    static PUMPING: Cell<bool> = const { Cell::new(false) };
}

/// Builds its children once the parts asked for before it are built and a frame has been painted.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    QUEUE.with(|q| q.borrow_mut().push_back(ready));
    if !PUMPING.with(|p| p.replace(true)) {
        after_paint();
    }
    move || ready.get().then(|| children())
}

/// Waits for the next frame, then for the task after it: the frame shows what is built so far.
fn after_paint() {
    request_animation_frame(|| {
        gloo_timers::callback::Timeout::new(0, build_next).forget();
    });
}

/// Builds the next part still wanted (one whose view is gone, say after leaving the page, is
/// skipped), then waits for a paint before the one after it.
fn build_next() {
    loop {
        let Some(next) = QUEUE.with(|q| q.borrow_mut().pop_front()) else {
            PUMPING.with(|p| p.set(false));
            return;
        };
        // `try_set` hands the value back when the signal has been disposed with its view.
        if next.try_set(true).is_none() {
            break;
        }
    }
    after_paint();
}

/// Rows built with the first screen by [`first_then_rest`]; the rest follow a frame later.
pub const FIRST_ROWS: usize = 10;

/// A keyed list of `rows` whose first [`FIRST_ROWS`] are built at once and the rest [`Later`].
pub fn first_then_rest<T, K, V>(
    rows: Signal<Vec<T>>,
    key: fn(&T) -> K,
    row: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    K: Eq + std::hash::Hash + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let part = move |skip: usize, take: usize| {
        rows.with(|r| r.iter().skip(skip).take(take).cloned().collect::<Vec<_>>())
    };
    let head_row = row.clone();
    view! {
        <For each=move || part(0, FIRST_ROWS) key=key children=head_row />
        <Later>
            {
                let row = row.clone();
                view! { <For each=move || part(FIRST_ROWS, usize::MAX) key=key children=row /> }
            }
        </Later>
    }
}
