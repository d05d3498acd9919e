//! Hatrack: an incident desk, release log, role-load visualiser and post-incident reviews
//! for small volunteer operations teams, running entirely in the browser.

pub mod domain;
pub mod sample;
#[cfg(target_arch = "wasm32")]
pub mod ui;
