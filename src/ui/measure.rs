//! Hooks for `make bench`: the import path and wasm memory, callable from the page as
//! `wasmBindings.measure_import(text)` so a benchmark times exactly what a user waits for.

use wasm_bindgen::prelude::*;

use super::storage;
use crate::domain::Workspace;

/// Parses, validates and stores a workspace file the way an import does; returns the number of
/// characters stored, or the first problem as an error.
#[wasm_bindgen]
pub fn measure_import(text: &str) -> Result<f64, JsValue> {
    let ws = Workspace::from_json(text).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let seen = storage::read_raw(storage::KEY).unwrap_or_default();
    storage::save(&ws, &seen).map_err(|e| JsValue::from_str(&e))?;
    Ok(storage::workspace_chars() as f64)
}

/// The first half of `measure_import` alone: parses and validates, stores nothing. Returns the
/// number of people read. What an import costs beyond it is writing to storage.
#[wasm_bindgen]
pub fn measure_parse(text: &str) -> Result<f64, JsValue> {
    let ws = Workspace::from_json(text).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(ws.people.len() as f64)
}

/// Bytes of linear memory the wasm module holds now.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64)
        .unwrap_or(0.0)
}

#[wasm_bindgen(inline_js = r#"
export function perf_now() { return performance.now(); }
export function perf_record(name, start) {
  try { performance.measure(name, { start, end: performance.now() }); } catch (e) { /* old browsers */ }
}
"#)]
extern "C" {
    fn perf_now() -> f64;
    fn perf_record(name: &str, start: f64);
}

/// Times `f` as a performance measure named `name` (visible in DevTools and to `make bench`).
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = perf_now();
    let out = f();
    perf_record(name, start);
    out
}

/// The workspace JSON in text stored under the workspace key (an envelope, or a manifest whose
/// chunks are joined), for tests and for anyone inspecting their storage from the console.
#[wasm_bindgen]
pub fn decode_stored(stored: &str) -> Result<String, JsValue> {
    storage::stored_json(stored).map_err(|e| JsValue::from_str(&e))
}
