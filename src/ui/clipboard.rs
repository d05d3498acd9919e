//! Text onto the clipboard. The browser may refuse (permission denied, a page not served
//! securely, an old browser without the API), so the caller hears whether it worked and can
//! say so and offer the text another way.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

/// Writes `text` to the clipboard, then calls `done` with whether it worked.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let navigator = window().navigator();
    // `navigator.clipboard` is missing where the page is not served securely; calling it would throw.
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !present {
        done(false);
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}
