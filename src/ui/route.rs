//! Hash routes: `#/incidents`, `#/incidents/<id>`, ... so any static host serves every view.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Incidents,
    Incident(String),
    Releases,
    People,
    Load,
    Rota,
    Reviews,
    Handbook,
    Review(String),
    Data,
    /// A share link (`#/share/v1/...`), kept whole for the Data view's import preview.
    Share(String),
    NotFound(String),
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        if crate::domain::share_link::is_share_fragment(hash) {
            return Route::Share(hash.to_string());
        }
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        let head = parts.next().unwrap_or("");
        let rest = parts.next().map(decode).filter(|s| !s.is_empty());
        match (head, rest) {
            ("" | "incidents", None) => Route::Incidents,
            ("incidents", Some(id)) => Route::Incident(id),
            ("releases", None) => Route::Releases,
            ("people", None) => Route::People,
            ("load", None) => Route::Load,
            ("rota", None) => Route::Rota,
            ("reviews", None) => Route::Reviews,
            ("handbook", None) => Route::Handbook,
            ("reviews", Some(id)) => Route::Review(id),
            ("data", None) => Route::Data,
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The section of the navigation this route belongs to.
    pub fn section(&self) -> &'static str {
        match self {
            Route::Incidents | Route::Incident(_) | Route::NotFound(_) => "incidents",
            Route::Releases => "releases",
            Route::People => "people",
            Route::Load => "load",
            Route::Rota => "rota",
            Route::Reviews | Route::Review(_) => "reviews",
            Route::Handbook => "handbook",
            Route::Data | Route::Share(_) => "data",
        }
    }
}

pub fn incident_href(id: &str) -> String {
    format!("#/incidents/{}", encode(id))
}

pub fn review_href(id: &str) -> String {
    format!("#/reviews/{}", encode(id))
}

fn encode(id: &str) -> String {
    js_sys::encode_uri_component(id).into()
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .map(String::from)
        .unwrap_or_else(|_| s.to_string())
}
