//! Walking a JSON value in tests that change files one value at a time.

use serde_json::Value;

/// JSON pointers to every value in `v`, each after the values inside it; the root (`""`) last.
pub fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, c) in o {
                pointers(c, format!("{here}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                pointers(c, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}
