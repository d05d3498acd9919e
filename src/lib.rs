//! Hatrack: an incident desk, release log, role-load visualiser and post-incident reviews
//! for small volunteer operations teams, running entirely in the browser.

pub mod domain;
/// Sample workspaces for benchmarks, tests and the `generate` tool; the app never ships it.
#[cfg(not(target_arch = "wasm32"))]
pub mod sample;
#[cfg(target_arch = "wasm32")]
pub mod ui;
