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

pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
