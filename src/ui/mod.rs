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

/// Mounts the app and removes the static first view `index.html` painted while the module
/// downloaded, in the same task, so no frame shows both or neither.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
    if let Some(first) = leptos::prelude::document().get_element_by_id("first-view") {
        first.remove();
    }
}
