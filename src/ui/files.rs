//! Files in and out of the browser: downloads made from text, and text read from a picked file.

use wasm_bindgen::JsCast;

use crate::domain::text::decode_file;

/// Offers `text` as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |_| format!("The browser refused to create the file {name}.");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("No document.")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "No anchor.".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

pub fn today_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// Reads a picked file as text. Read as bytes and decoded here ([`decode_file`]): a UTF-8
/// file's bytes are what the parser reads, where the browser's text reading would decode them
/// to UTF-16 only for them to be encoded back on the way in (~60 ms for a decade's file).
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let file = gloo_file::File::from(file);
    gloo_file::futures::read_as_bytes(&file)
        .await
        .map(decode_file)
        .map_err(|e| format!("Could not read the file: {e}."))
}
