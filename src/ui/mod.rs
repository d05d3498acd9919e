//! The browser shell: a thin Leptos layer over `crate::domain`.

pub mod app;
pub mod clipboard;
pub mod components;
pub mod files;
pub mod measure;
pub mod route;
pub mod state;
pub mod storage;
pub mod time;
pub mod views;

/// Mounts the app and retires the static first view `index.html` painted while the module
/// downloaded, in the same task, so no frame shows both or neither: hidden at once, removed by
/// `public/first-view.js` once the browser has recorded its paint.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
    if let Some(first) = leptos::prelude::document().get_element_by_id("first-view") {
        let _ = first.class_list().add_1("retired");
    }
}
