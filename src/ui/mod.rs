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

/// Mounts the app and takes over from the static first view `index.html` painted while the
/// module downloaded, in the same task, so no frame shows both or neither: removed if the
/// browser has recorded its paint (`public/first-view.js` says so on the root element), else
/// hidden at once and removed by that script once it has.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
    let document = leptos::prelude::document();
    if let Some(first) = document.get_element_by_id("first-view") {
        let painted = document
            .document_element()
            .is_some_and(|root| root.has_attribute("data-first-painted"));
        if painted {
            first.remove();
        } else {
            let _ = first.class_list().add_1("retired");
        }
    }
}
