//! Storage envelope codec (plain for now; compression arrives with the scale work).

#[derive(Debug)]
pub struct CompactError(pub String);
impl std::fmt::Display for CompactError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn encode(json: &str) -> String {
    json.to_string()
}

pub fn decode(stored: &str) -> Result<String, CompactError> {
    if stored.trim_start().starts_with('{') {
        Ok(stored.to_string())
    } else {
        Err(CompactError("The stored text is not a Hatrack workspace.".into()))
    }
}
