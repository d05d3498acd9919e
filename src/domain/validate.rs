//! Import validation: every rule of FORMAT.md, each problem reported with its JSON path.

// Two passes over the same rules. The fast one reads the file straight into the model, whose
// deserializers accept only what FORMAT.md allows (`record`), and checks the rules that span
// records on the typed workspace (`typed`); nearly every file is a valid one, and this is all
// it costs. Serde stops at the first problem and says it in its own words, so a file the fast
// pass refuses is parsed again to a `serde_json::Value` and walked once, collecting every
// problem with its path; only then is a file with none turned into the model. The walk is the
// reference: the fast pass may refuse more (then the walk decides), never less.

mod process;
mod typed;

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::model::{
    ClockTime, EntryKind, ReleaseStatus, ReviewKind, ReviewStatus, Scope, Severity, Status, TurnLength,
    Workspace, FORMAT_NAME, FORMAT_VERSION,
};
use super::record::{parse_date, parse_time};
use super::rota;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// JSON path of the offending value, e.g. `assignments[3].person`; empty for the whole file.
    pub path: String,
    /// A plain sentence a person can act on.
    pub message: String,
    pub kind: ImportKind,
}

/// What kind of problem an import error is, where that changes what the person should do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// The file breaks a rule of FORMAT.md (or is not a workspace file): fix or replace it.
    Invalid,
    /// A newer Hatrack wrote the file: update Hatrack; the file itself may be fine.
    NewerVersion,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportErrors(pub Vec<ImportError>);

impl ImportError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> ImportError {
        ImportError {
            path: path.into(),
            message: message.into(),
            kind: ImportKind::Invalid,
        }
    }

    pub fn is_newer_version(&self) -> bool {
        self.kind == ImportKind::NewerVersion
    }
}

impl ImportErrors {
    /// True when the file was refused only because a newer Hatrack wrote it; the UI offers
    /// "update Hatrack" rather than "fix the file".
    pub fn is_newer_version(&self) -> bool {
        self.0.iter().any(ImportError::is_newer_version)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, ImportError> {
        self.0.iter()
    }

    fn one(path: &str, message: String) -> ImportErrors {
        ImportErrors(vec![ImportError::new(path, message)])
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// One problem per line, `path: sentence`.
impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}
impl std::error::Error for ImportErrors {}

impl Workspace {
    /// Reads a workspace file, checking every rule of FORMAT.md and reporting every problem.
    pub fn from_json(text: &str) -> Result<Workspace, ImportErrors> {
        read(text, |text| match serde_json::from_str::<Workspace>(text) {
            Ok(ws) if typed::follows_the_rules(&ws) => Ok(ws),
            _ => walk(text),
        })
    }

    /// A workspace already read into typed records (stored chunks, read part by part so the
    /// whole text never exists at once): the same checks as [`Workspace::from_json`]'s fast
    /// pass, and retired zone names made today's. `None` when a rule fails: the caller reads
    /// the whole text with `from_json` to name each problem with its path.
    pub fn from_typed(mut ws: Workspace) -> Option<Workspace> {
        if !typed::follows_the_rules(&ws) {
            return None;
        }
        current_zones(&mut ws);
        Some(ws)
    }

    /// [`Workspace::from_json`] without its fast pass: the walk alone, the reference the fast
    /// pass is tested against. Same result, several times slower.
    pub fn from_json_by_walk(text: &str) -> Result<Workspace, ImportErrors> {
        read(text, walk)
    }

    /// Pretty (2-space) JSON for export: fields in model order, unknown fields after them in
    /// the order they were read.
    pub fn to_json(&self) -> String {
        // Serializing these types cannot fail: every map key is a string and no Serialize
        // impl returns an error.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The same JSON without whitespace, for browser storage.
    pub fn to_json_compact(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What both passes share: the text's edges before, retired zone names after.
fn read(
    text: &str,
    pass: impl FnOnce(&str) -> Result<Workspace, ImportErrors>,
) -> Result<Workspace, ImportErrors> {
    // Editors on Windows like to prepend a byte-order mark; it is not a reason to refuse.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportErrors::one(
            "",
            "The file is empty; choose a Hatrack workspace file (.json).".into(),
        ));
    }
    let mut ws = pass(text)?;
    current_zones(&mut ws);
    Ok(ws)
}

/// Retired zone names (Asia/Calcutta) read as today's (Asia/Kolkata).
fn current_zones(ws: &mut Workspace) {
    for p in ws.people.iter_mut() {
        let retired = p
            .timezone
            .as_deref()
            .is_some_and(|z| super::zones::canonical(z) != z);
        if retired {
            if let Some(z) = p.timezone.as_mut() {
                *z = super::zones::canonical(z).to_string();
            }
        }
    }
}

/// The walk: every problem, each with its path; a file with none is then read into the model.
fn walk(text: &str) -> Result<Workspace, ImportErrors> {
    let value: Value = serde_json::from_str(text).map_err(syntax_error)?;
    check(&value)?;
    super::record::from_value(&value).map_err(|e| {
        ImportErrors::one(
            "",
            format!(
                "The file passed every check but Hatrack still could not read it ({e}). \
                 This is a bug in Hatrack; please report it with the file attached."
            ),
        )
    })
}

fn syntax_error(e: serde_json::Error) -> ImportErrors {
    let (line, column) = (e.line(), e.column());
    let message = if e.is_eof() {
        format!(
            "The file ends in the middle of its JSON (line {line}, column {column}); it was probably \
             cut off. Export or copy it again."
        )
    } else {
        let full = e.to_string();
        // serde_json appends " at line L column C"; we say where in our own words.
        let reason = full.rsplit_once(" at line ").map_or(full.as_str(), |(r, _)| r);
        format!(
            "The file is not valid JSON: {reason} at line {line}, column {column}. \
             Check that it is a Hatrack export and was not changed there by hand."
        )
    };
    ImportErrors::one("", message)
}

// ---------------------------------------------------------------------------------------
// Paths: built on the stack as the walk descends, rendered to text only for an error.

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

#[derive(Clone, Copy)]
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

const ROOT: Path<'static> = Path {
    parent: None,
    seg: Seg::Root,
};

impl<'a> Path<'a> {
    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }

    fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut cur = Some(self);
        while let Some(p) = cur {
            segs.push(p.seg);
            cur = p.parent;
        }
        let mut out = String::new();
        for seg in segs.iter().rev() {
            match *seg {
                Seg::Root => {}
                Seg::Key(k) if is_plain_key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Key(k) => {
                    let _ = write!(out, "[{}]", Value::from(k));
                }
                Seg::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
            }
        }
        out
    }
}

fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

// ---------------------------------------------------------------------------------------
// Describing values in sentences.

/// Long texts are cut so that one bad field does not flood the error list.
fn quote(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        Value::from(s).to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        Value::from(format!("{cut}…")).to_string()
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text {}", quote(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn one_of(allowed: &[&str]) -> String {
    format!("one of {}", allowed.join(", "))
}

const TIME_HINT: &str = "a time such as 2026-11-27T22:10:00Z";
const DATE_HINT: &str = "a date such as 2026-12-15";
const NUMBER_HINT: &str = "a number of 0 or more";

// ---------------------------------------------------------------------------------------
// The walk.

type Obj = Map<String, Value>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Must be present and not null.
    Required,
    /// May be left out (the model has a default) but not null.
    Optional,
    /// May be left out or null.
    Nullable,
}

/// The record being checked: its object, path, and what to call it in a sentence.
#[derive(Clone, Copy)]
struct Rec<'v, 'p> {
    obj: &'v Obj,
    path: &'p Path<'p>,
    noun: &'static str,
}

#[derive(Clone, Copy)]
enum Target {
    Person,
    Role,
    Assignment,
    Incident,
    Release,
}

impl Target {
    fn noun(self) -> &'static str {
        match self {
            Target::Person => "person",
            Target::Role => "role",
            Target::Assignment => "assignment",
            Target::Incident => "incident",
            Target::Release => "release",
        }
    }
    /// The noun with its article, for "the id of an incident".
    fn a_noun(self) -> &'static str {
        match self {
            Target::Person => "a person",
            Target::Role => "a role",
            Target::Assignment => "an assignment",
            Target::Incident => "an incident",
            Target::Release => "a release",
        }
    }
    fn collection(self) -> &'static str {
        match self {
            Target::Person => "people",
            Target::Role => "roles",
            Target::Assignment => "assignments",
            Target::Incident => "incidents",
            Target::Release => "releases",
        }
    }
}

struct Checker<'v> {
    errors: Vec<ImportError>,
    roles: &'v [Value],
    incidents: &'v [Value],
    /// id → index of its first record, for the collections other records point into;
    /// `None` when the collection is not a list, so that its one error is not followed by
    /// one for every record that points into it.
    people_ids: Option<HashMap<&'v str, usize>>,
    role_ids: Option<HashMap<&'v str, usize>>,
    /// Timeline entries name the assignments they start or end (extension).
    assignment_ids: Option<HashMap<&'v str, usize>>,
    incident_ids: Option<HashMap<&'v str, usize>>,
    release_ids: Option<HashMap<&'v str, usize>>,
}

/// Ids of the records in `list` that have a usable id; the first of duplicates wins, so a
/// reference still resolves and the duplicate is reported once, on the later record.
fn index_ids(list: Option<&[Value]>) -> Option<HashMap<&str, usize>> {
    let list = list?;
    let mut map = HashMap::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        if let Some(id) = v.get("id").and_then(Value::as_str).filter(|s| !s.is_empty()) {
            map.entry(id).or_insert(i);
        }
    }
    Some(map)
}

fn is_set(obj: &Obj, key: &str) -> bool {
    obj.get(key).is_some_and(|v| !v.is_null())
}

fn check(root: &Value) -> Result<(), ImportErrors> {
    let Some(obj) = root.as_object() else {
        return Err(ImportErrors::one(
            "",
            format!(
                "The file holds {} rather than a Hatrack workspace, which is a JSON object \
                 starting with \"format\": \"hatrack-workspace\".",
                describe(root)
            ),
        ));
    };
    let mut c = Checker {
        errors: Vec::new(),
        roles: &[],
        incidents: &[],
        people_ids: None,
        role_ids: None,
        assignment_ids: None,
        incident_ids: None,
        release_ids: None,
    };
    let top = Rec {
        obj,
        path: &ROOT,
        noun: "workspace file",
    };

    c.format(obj);
    if c.version(obj) {
        // A newer file may follow rules this Hatrack does not know; checking it against the
        // old ones would only bury the one sentence that matters.
        return Err(ImportErrors(c.errors));
    }
    c.time(top, "exported_at", Need::Nullable);
    c.settings(obj);

    let people = c.records(top, "people");
    let roles = c.records(top, "roles");
    let conflicts = c.list(top, "conflicts");
    let assignments = c.records(top, "assignments");
    let incidents = c.records(top, "incidents");
    let releases = c.records(top, "releases");
    let reviews = c.list(top, "reviews");

    c.people_ids = index_ids(people);
    c.role_ids = index_ids(roles);
    c.assignment_ids = index_ids(assignments);
    c.incident_ids = index_ids(incidents);
    c.release_ids = index_ids(releases);
    let (people, roles, assignments, incidents, releases) = (
        people.unwrap_or_default(),
        roles.unwrap_or_default(),
        assignments.unwrap_or_default(),
        incidents.unwrap_or_default(),
        releases.unwrap_or_default(),
    );
    c.roles = roles;
    c.incidents = incidents;

    c.people(people);
    c.roles_list(roles);
    c.conflicts(conflicts);
    c.assignments(assignments);
    c.incidents_list(incidents);
    c.releases(releases);
    c.reviews(reviews);
    c.settings_rest_rota(obj);
    c.process(obj);

    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(ImportErrors(c.errors))
    }
}

impl<'v> Checker<'v> {
    fn err(&mut self, path: &Path, message: String) {
        self.errors.push(ImportError::new(path.render(), message));
    }

    fn wrong_type(&mut self, path: &Path, v: &Value, expect: &str) {
        self.err(path, format!("must be {expect}, but it is {}.", describe(v)));
    }

    // --- top level ---------------------------------------------------------------------

    fn format(&mut self, obj: &Obj) {
        let path = ROOT.key("format");
        match obj.get("format") {
            None => self.err(
                &path,
                format!(
                    "is missing; a Hatrack workspace file says \"format\": \"{FORMAT_NAME}\". \
                     This may not be a Hatrack file."
                ),
            ),
            Some(Value::String(s)) if s == FORMAT_NAME => {}
            Some(v) => self.err(
                &path,
                format!(
                    "is {}, not \"{FORMAT_NAME}\"; this is not a Hatrack workspace file.",
                    describe(v)
                ),
            ),
        }
    }

    /// Checks `version`; true when the file is newer than this Hatrack and must be refused.
    fn version(&mut self, obj: &Obj) -> bool {
        let path = ROOT.key("version");
        let supported = format!("this Hatrack reads version {FORMAT_VERSION} files");
        match obj.get("version") {
            None => self.err(
                &path,
                format!("is missing; a Hatrack workspace file names its format version ({supported})."),
            ),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(FORMAT_VERSION) => {}
                Some(v) if v > FORMAT_VERSION => {
                    self.errors.push(ImportError {
                        kind: ImportKind::NewerVersion,
                        ..ImportError::new(
                            path.render(),
                            format!("This file is version {v}; {supported}. Update Hatrack to import it."),
                        )
                    });
                    return true;
                }
                // 0 or negative: a whole number, but no Hatrack ever wrote it.
                _ if n.is_u64() || n.is_i64() => {
                    let message = format!("is {n}, which is not a Hatrack format version; {supported}.");
                    self.err(&path, message)
                }
                _ => self.err(
                    &path,
                    format!("must be a whole number such as {FORMAT_VERSION}, but it is {n}; {supported}."),
                ),
            },
            Some(v) => self.err(
                &path,
                format!(
                    "must be a number such as {FORMAT_VERSION} (no quotes), but it is {}; {supported}.",
                    describe(v)
                ),
            ),
        }
        false
    }

    fn settings(&mut self, obj: &'v Obj) {
        let path = ROOT.key("settings");
        let Some(v) = obj.get("settings") else { return };
        let Some(settings) = v.as_object() else {
            self.wrong_type(&path, v, "an object (or left out)");
            return;
        };
        let r = Rec {
            obj: settings,
            path: &path,
            noun: "settings",
        };
        self.number(r, "default_capacity", Need::Optional);
        self.number(r, "action_item_weight", Need::Optional);
        if let Some(v) = self.present(r, "severity_descriptions", Need::Optional, "an object") {
            let sd_path = path.key("severity_descriptions");
            match v.as_object() {
                Some(map) => {
                    for (k, d) in map {
                        if !d.is_string() {
                            self.wrong_type(&sd_path.key(k), d, "text describing the severity");
                        }
                    }
                }
                None => self.wrong_type(&sd_path, v, "an object of severity → description texts"),
            }
        }
    }

    // --- field helpers -------------------------------------------------------------------

    /// The value of `key` if present and not null, reporting a missing or null one that the
    /// model would not accept.
    fn present(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need, expect: &str) -> Option<&'v Value> {
        match r.obj.get(key) {
            None => {
                if need == Need::Required {
                    self.err(
                        &r.path.key(key),
                        format!("is missing; every {} needs `{key}` ({expect}).", r.noun),
                    );
                }
                None
            }
            Some(Value::Null) => {
                match need {
                    Need::Nullable => {}
                    Need::Required => self.err(
                        &r.path.key(key),
                        format!("is null; every {} needs `{key}` ({expect}).", r.noun),
                    ),
                    Need::Optional => self.err(
                        &r.path.key(key),
                        format!("is null; give it {expect} or leave it out."),
                    ),
                }
                None
            }
            Some(v) => Some(v),
        }
    }

    fn text_as(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need, expect: &str) -> Option<&'v str> {
        let v = self.present(r, key, need, expect)?;
        let s = v.as_str();
        if s.is_none() {
            self.wrong_type(&r.path.key(key), v, expect);
        }
        s
    }

    fn text(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need) -> Option<&'v str> {
        self.text_as(r, key, need, "text")
    }

    fn boolean(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need) {
        if let Some(v) = self.present(r, key, need, "true or false") {
            if !v.is_boolean() {
                self.wrong_type(&r.path.key(key), v, "true or false");
            }
        }
    }

    fn number(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need) {
        let Some(v) = self.present(r, key, need, NUMBER_HINT) else {
            return;
        };
        match v.as_f64() {
            Some(n) if n >= 0.0 => {}
            Some(_) => self.err(&r.path.key(key), format!("must be 0 or more, but it is {v}.")),
            None => self.wrong_type(&r.path.key(key), v, NUMBER_HINT),
        }
    }

    fn choice(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need, allowed: &[&str]) -> Option<&'v str> {
        let expect = one_of(allowed);
        let s = self.text_as(r, key, need, &expect)?;
        if allowed.contains(&s) {
            Some(s)
        } else {
            self.err(&r.path.key(key), format!("is {}; it must be {expect}.", quote(s)));
            None
        }
    }

    fn time(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need) -> Option<DateTime<Utc>> {
        let s = self.text_as(r, key, need, TIME_HINT)?;
        let t = parse_time(s);
        if t.is_none() {
            self.err(
                &r.path.key(key),
                format!(
                    "{} is not a time Hatrack can read; write it in RFC 3339 with a time zone offset, \
                     such as 2026-11-27T22:10:00Z or 2026-11-27T22:10:00+05:30.",
                    quote(s)
                ),
            );
        }
        t
    }

    fn date(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need) {
        let Some(s) = self.text_as(r, key, need, DATE_HINT) else {
            return;
        };
        if parse_date(s).is_none() {
            self.err(
                &r.path.key(key),
                format!(
                    "{} is not a date Hatrack can read; write it as YYYY-MM-DD, such as 2026-12-15.",
                    quote(s)
                ),
            );
        }
    }

    /// A list of texts (model `Vec<String>`, defaulting to empty); returns it for reference checks.
    fn texts(&mut self, r: Rec<'v, '_>, key: &'static str) -> &'v [Value] {
        self.texts_as(r, key, "a list of texts", "text")
    }

    /// `texts`, with what the list and each item should be said in the sentence.
    fn texts_as(
        &mut self,
        r: Rec<'v, '_>,
        key: &'static str,
        expect: &str,
        item_expect: &str,
    ) -> &'v [Value] {
        let Some(v) = self.present(r, key, Need::Optional, expect) else {
            return &[];
        };
        let Some(list) = v.as_array() else {
            self.wrong_type(&r.path.key(key), v, expect);
            return &[];
        };
        let path = r.path.key(key);
        for (i, item) in list.iter().enumerate() {
            if !item.is_string() {
                self.wrong_type(&path.index(i), item, item_expect);
            }
        }
        list
    }

    /// A list of records (model `Vec<T>`, defaulting to empty); elements are checked by the caller.
    fn list(&mut self, r: Rec<'v, '_>, key: &'static str) -> &'v [Value] {
        self.records(r, key).unwrap_or_default()
    }

    /// Like `list`, but `None` when the value is there and not a list at all.
    fn records(&mut self, r: Rec<'v, '_>, key: &'static str) -> Option<&'v [Value]> {
        let Some(v) = r.obj.get(key) else { return Some(&[]) };
        match v.as_array() {
            Some(list) => Some(list),
            None => {
                self.wrong_type(&r.path.key(key), v, "a list (JSON array)");
                None
            }
        }
    }

    fn object(&mut self, v: &'v Value, path: &Path, noun: &str) -> Option<&'v Obj> {
        let o = v.as_object();
        if o.is_none() {
            self.wrong_type(path, v, &format!("an object (one {noun})"));
        }
        o
    }

    fn ids(&self, target: Target) -> Option<&HashMap<&'v str, usize>> {
        match target {
            Target::Person => self.people_ids.as_ref(),
            Target::Role => self.role_ids.as_ref(),
            Target::Assignment => self.assignment_ids.as_ref(),
            Target::Incident => self.incident_ids.as_ref(),
            Target::Release => self.release_ids.as_ref(),
        }
    }

    fn lookup(&self, target: Target, id: &str) -> Option<usize> {
        self.ids(target)?.get(id).copied()
    }

    /// Reports `id` if no record of `target` has it; returns the index of the one that does.
    fn resolve(&mut self, path: &Path, id: &str, target: Target) -> Option<usize> {
        let found = self.lookup(target, id);
        if found.is_none() && self.ids(target).is_some() {
            self.err(
                path,
                format!(
                    "names {} {}, which is not in the file's {}.",
                    target.noun(),
                    quote(id),
                    target.collection()
                ),
            );
        }
        found
    }

    fn reference(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need, target: Target) -> Option<usize> {
        let expect = format!("the id of {}", target.a_noun());
        let id = self.text_as(r, key, need, &expect)?;
        self.resolve(&r.path.key(key), id, target)
    }

    fn references(&mut self, r: Rec<'v, '_>, key: &'static str, target: Target) {
        // Most records leave these lists out; skip building the sentences for them.
        if !r.obj.contains_key(key) {
            return;
        }
        let noun = target.noun();
        let list = self.texts_as(
            r,
            key,
            &format!("a list of {noun} ids"),
            &format!("the id of {}", target.a_noun()),
        );
        let path = r.path.key(key);
        for (i, item) in list.iter().enumerate() {
            if let Some(id) = item.as_str() {
                self.resolve(&path.index(i), id, target);
            }
        }
    }

    /// `updated_at` (where the record has it) and the `deleted_at` tombstone.
    fn stamps(&mut self, r: Rec<'v, '_>, updated: bool) {
        if updated {
            self.time(r, "updated_at", Need::Nullable);
        }
        self.time(r, "deleted_at", Need::Nullable);
    }

    fn id(&mut self, r: Rec<'v, '_>) -> Option<&'v str> {
        let example = match r.noun {
            "person" => "p-sam",
            "role" => "incident-manager",
            "assignment" => "a-17",
            "incident" => "i-2026-031",
            "timeline entry" => "t-1",
            "release" => "r-0.9.250",
            "review" => "rv-1",
            _ => "ac-1",
        };
        let expect = format!("a short unique text such as \"{example}\"");
        let id = self.text_as(r, "id", Need::Required, &expect)?;
        if id.is_empty() {
            self.err(
                &r.path.key("id"),
                format!("is empty; every {} needs a non-empty id.", r.noun),
            );
            return None;
        }
        Some(id)
    }

    /// Id of a record whose collection was indexed up front: a later record with the same
    /// id is the duplicate.
    fn indexed_id(&mut self, r: Rec<'v, '_>, i: usize, target: Target) {
        let Some(id) = self.id(r) else { return };
        if let Some(first) = self.lookup(target, id).filter(|&first| first != i) {
            let coll = target.collection();
            self.err(
                &r.path.key("id"),
                format!(
                    "{} is already the id of {coll}[{first}]; ids must be unique within {coll}.",
                    quote(id)
                ),
            );
        }
    }

    /// Id of a record whose uniqueness is tracked in `seen`; `first_path` names the earlier one.
    fn seen_id<K>(
        &mut self,
        r: Rec<'v, '_>,
        seen: &mut HashMap<&'v str, K>,
        here: K,
        first_path: impl Fn(&K) -> String,
        within: &str,
    ) {
        let Some(id) = self.id(r) else { return };
        match seen.entry(id) {
            Entry::Occupied(e) => {
                let first = first_path(e.get());
                self.err(
                    &r.path.key("id"),
                    format!(
                        "{} is already the id of {first}; ids must be unique {within}.",
                        quote(id)
                    ),
                );
            }
            Entry::Vacant(e) => {
                e.insert(here);
            }
        }
    }

    // --- collections ---------------------------------------------------------------------

    fn people(&mut self, list: &'v [Value]) {
        let base = ROOT.key("people");
        for (i, v) in list.iter().enumerate() {
            let path = base.index(i);
            let Some(obj) = self.object(v, &path, "person") else {
                continue;
            };
            let r = Rec {
                obj,
                path: &path,
                noun: "person",
            };
            self.indexed_id(r, i, Target::Person);
            // A deleted person's tombstone keeps nothing personal, their name included.
            let need = if is_set(obj, "deleted_at") {
                Need::Optional
            } else {
                Need::Required
            };
            self.text(r, "name", need);
            self.text(r, "timezone", Need::Nullable);
            self.references(r, "skills", Target::Role);
            self.number(r, "capacity", Need::Nullable);
            self.boolean(r, "active", Need::Optional);
            self.away(r);
            self.stamps(r, true);
        }
    }

    fn roles_list(&mut self, list: &'v [Value]) {
        let base = ROOT.key("roles");
        let scopes = Scope::ALL.map(Scope::as_str);
        for (i, v) in list.iter().enumerate() {
            let path = base.index(i);
            let Some(obj) = self.object(v, &path, "role") else {
                continue;
            };
            let r = Rec {
                obj,
                path: &path,
                noun: "role",
            };
            self.indexed_id(r, i, Target::Role);
            self.text(r, "name", Need::Required);
            self.choice(r, "scope", Need::Required, &scopes);
            self.number(r, "weight", Need::Optional);
            self.text(r, "description", Need::Optional);
            self.boolean(r, "single_holder", Need::Optional);
            self.stamps(r, true);
        }
    }

    fn conflicts(&mut self, list: &'v [Value]) {
        let base = ROOT.key("conflicts");
        for (i, v) in list.iter().enumerate() {
            let path = base.index(i);
            let Some(obj) = self.object(v, &path, "conflict rule") else {
                continue;
            };
            let r = Rec {
                obj,
                path: &path,
                noun: "conflict rule",
            };
            let expect = "a list of exactly two role ids";
            if let Some(v) = self.present(r, "roles", Need::Required, expect) {
                let roles_path = path.key("roles");
                match v.as_array() {
                    Some(pair) if pair.len() == 2 => {
                        for (j, item) in pair.iter().enumerate() {
                            match item.as_str() {
                                Some(id) => {
                                    self.resolve(&roles_path.index(j), id, Target::Role);
                                }
                                None => self.wrong_type(&roles_path.index(j), item, "the id of a role"),
                            }
                        }
                        if pair[0].is_string() && pair[0] == pair[1] {
                            self.err(
                                &roles_path.index(1),
                                "names the same role as roles[0]; a conflict rule is between two \
                                 different roles."
                                    .into(),
                            );
                        }
                    }
                    Some(other) => self.err(
                        &roles_path,
                        format!("must list exactly two role ids, but it lists {}.", other.len()),
                    ),
                    None => self.wrong_type(&roles_path, v, expect),
                }
            }
            self.text(r, "reason", Need::Optional);
            self.stamps(r, true);
        }
    }

    fn assignments(&mut self, list: &'v [Value]) {
        let base = ROOT.key("assignments");
        let mut seen: HashMap<&'v str, usize> = HashMap::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            let path = base.index(i);
            let Some(obj) = self.object(v, &path, "assignment") else {
                continue;
            };
            let r = Rec {
                obj,
                path: &path,
                noun: "assignment",
            };
            self.seen_id(
                r,
                &mut seen,
                i,
                |f| format!("assignments[{f}]"),
                "within assignments",
            );
            self.reference(r, "person", Need::Required, Target::Person);
            let role = self.reference(r, "role", Need::Required, Target::Role);
            let start = self.time(r, "start", Need::Required);
            let end = self.time(r, "end", Need::Nullable);
            if let (Some(start), Some(end)) = (start, end) {
                if end < start {
                    self.err(
                        &path.key("end"),
                        format!(
                            "is before start ({}); an assignment must end at or after it starts.",
                            start.to_rfc3339()
                        ),
                    );
                }
            }
            self.reference(r, "incident", Need::Nullable, Target::Incident);
            self.reference(r, "release", Need::Nullable, Target::Release);
            self.stamps(r, true);
            if let Some(role) = role {
                self.scope_link(r, role);
            }
        }
    }

    /// The assignment's link must match its role's scope: an incident role belongs to one
    /// incident, a release role to one release, a standing role to neither.
    fn scope_link(&mut self, r: Rec<'v, '_>, role: usize) {
        let roles = self.roles;
        let Some(role_obj) = roles.get(role).and_then(Value::as_object) else {
            return;
        };
        let Some(scope) = role_obj
            .get("scope")
            .and_then(Value::as_str)
            .and_then(|s| Scope::ALL.into_iter().find(|x| x.as_str() == s))
        else {
            return;
        };
        let role_id = quote(role_obj.get("id").and_then(Value::as_str).unwrap_or_default());
        let has_incident = is_set(r.obj, "incident");
        let has_release = is_set(r.obj, "release");
        match scope {
            Scope::Incident => {
                if !has_incident {
                    self.err(
                        &r.path.key("incident"),
                        format!(
                            "is missing; role {role_id} has scope incident, so the assignment must \
                             name the incident it is held in."
                        ),
                    );
                }
                if has_release {
                    self.err(
                        &r.path.key("release"),
                        format!(
                            "must be null or left out: role {role_id} has scope incident, so the \
                             assignment belongs to an incident, not a release."
                        ),
                    );
                }
            }
            Scope::Release => {
                if !has_release {
                    self.err(
                        &r.path.key("release"),
                        format!(
                            "is missing; role {role_id} has scope release, so the assignment must \
                             name the release it is held in."
                        ),
                    );
                }
                if has_incident {
                    self.err(
                        &r.path.key("incident"),
                        format!(
                            "must be null or left out: role {role_id} has scope release, so the \
                             assignment belongs to a release, not an incident."
                        ),
                    );
                }
            }
            Scope::Standing => {
                for key in ["incident", "release"] {
                    if is_set(r.obj, key) {
                        self.err(
                            &r.path.key(key),
                            format!(
                                "must be null or left out: role {role_id} is a standing role, held \
                                 for a period rather than within one {key}."
                            ),
                        );
                    }
                }
            }
        }
    }

    fn incidents_list(&mut self, list: &'v [Value]) {
        let base = ROOT.key("incidents");
        let severities = Severity::ALL.map(Severity::as_str);
        let statuses = Status::ALL.map(Status::as_str);
        for (i, v) in list.iter().enumerate() {
            let path = base.index(i);
            let Some(obj) = self.object(v, &path, "incident") else {
                continue;
            };
            let r = Rec {
                obj,
                path: &path,
                noun: "incident",
            };
            self.indexed_id(r, i, Target::Incident);
            self.text(r, "title", Need::Required);
            self.choice(r, "severity", Need::Required, &severities);
            self.choice(r, "status", Need::Required, &statuses);
            self.time(r, "started_at", Need::Required);
            self.time(r, "detected_at", Need::Nullable);
            self.time(r, "resolved_at", Need::Nullable);
            self.texts(r, "services");
            self.text(r, "summary", Need::Optional);
            self.reference(r, "release", Need::Nullable, Target::Release);

            self.timeline(r, "within an incident's timeline");
            self.boolean(r, "backfill", Need::Optional);
            self.stamps(r, true);
        }
    }

    fn releases(&mut self, list: &'v [Value]) {
        let base = ROOT.key("releases");
        let statuses = ReleaseStatus::ALL.map(ReleaseStatus::as_str);
        for (i, v) in list.iter().enumerate() {
            let path = base.index(i);
            let Some(obj) = self.object(v, &path, "release") else {
                continue;
            };
            let r = Rec {
                obj,
                path: &path,
                noun: "release",
            };
            self.indexed_id(r, i, Target::Release);
            self.text(r, "name", Need::Required);
            self.choice(r, "status", Need::Required, &statuses);
            self.time(r, "planned_start", Need::Nullable);
            self.time(r, "planned_end", Need::Nullable);
            self.time(r, "deployed_at", Need::Nullable);
            self.text(r, "notes", Need::Optional);
            // Extension: the release's status changes and the role ends they brought.
            self.timeline(r, "within a release's timeline");
            self.go_no_go(r);
            self.stamps(r, true);
        }
    }

    /// An incident's timeline, or (extension) a release's: entries with ids unique within it.
    /// Only the shape and references are checked, not whether the times agree with the
    /// records they name: files written before entries were linked to records import as
    /// they are (see FORMAT.md, "Times: what happened when").
    fn timeline(&mut self, owner: Rec<'v, '_>, within: &str) {
        let kinds = EntryKind::ALL.map(EntryKind::as_str);
        let statuses = Status::ALL.map(Status::as_str);
        let release_statuses = ReleaseStatus::ALL.map(ReleaseStatus::as_str);
        let entries = self.list(owner, "timeline");
        let tl_path = owner.path.key("timeline");
        let mut seen: HashMap<&'v str, usize> = HashMap::with_capacity(entries.len());
        for (j, e) in entries.iter().enumerate() {
            let e_path = tl_path.index(j);
            let Some(e_obj) = self.object(e, &e_path, "timeline entry") else {
                continue;
            };
            let er = Rec {
                obj: e_obj,
                path: &e_path,
                noun: "timeline entry",
            };
            self.seen_id(er, &mut seen, j, |&f| tl_path.index(f).render(), within);
            self.time(er, "at", Need::Required);
            self.choice(er, "kind", Need::Required, &kinds);
            self.text(er, "text", Need::Optional);
            self.reference(er, "author", Need::Nullable, Target::Person);
            self.choice(er, "status", Need::Nullable, &statuses);
            self.choice(er, "release_status", Need::Nullable, &release_statuses);
            self.references(er, "starts", Target::Assignment);
            self.references(er, "ends", Target::Assignment);
            // Extension: the checklist step ticked; not a reference, as a step removed from
            // the process later keeps its ticks.
            self.text(er, "step", Need::Nullable);
            self.stamps(er, false);
        }
    }

    fn reviews(&mut self, list: &'v [Value]) {
        let base = ROOT.key("reviews");
        let statuses = ReviewStatus::ALL.map(ReviewStatus::as_str);
        let kinds = [ReviewKind::Quick, ReviewKind::Full].map(ReviewKind::as_str);
        let mut seen: HashMap<&'v str, usize> = HashMap::with_capacity(list.len());
        // Action items are merged across reviews by id, so their ids are unique file-wide.
        let mut seen_actions: HashMap<&'v str, (usize, usize)> = HashMap::new();
        for (i, v) in list.iter().enumerate() {
            let path = base.index(i);
            let Some(obj) = self.object(v, &path, "review") else {
                continue;
            };
            let r = Rec {
                obj,
                path: &path,
                noun: "review",
            };
            self.seen_id(r, &mut seen, i, |f| format!("reviews[{f}]"), "within reviews");
            let incident = self.reference(r, "incident", Need::Required, Target::Incident);
            let status = self.choice(r, "status", Need::Required, &statuses);
            self.choice(r, "kind", Need::Required, &kinds);
            for key in ["summary", "impact", "detection", "response", "recovery"] {
                self.text(r, key, Need::Optional);
            }
            for key in ["contributing_factors", "went_well", "went_badly", "lucky"] {
                self.texts(r, key);
            }
            self.text(r, "lessons", Need::Optional);

            let actions = self.list(r, "actions");
            let ac_path = path.key("actions");
            for (j, a) in actions.iter().enumerate() {
                let a_path = ac_path.index(j);
                let Some(a_obj) = self.object(a, &a_path, "action item") else {
                    continue;
                };
                let ar = Rec {
                    obj: a_obj,
                    path: &a_path,
                    noun: "action item",
                };
                self.seen_id(
                    ar,
                    &mut seen_actions,
                    (i, j),
                    |&(ri, aj)| format!("reviews[{ri}].actions[{aj}]"),
                    "across all reviews' action items",
                );
                self.text(ar, "text", Need::Required);
                self.reference(ar, "owner", Need::Nullable, Target::Person);
                self.date(ar, "due", Need::Nullable);
                self.text(ar, "priority", Need::Optional);
                self.boolean(ar, "done", Need::Optional);
                self.time(ar, "done_at", Need::Nullable);
                self.time(ar, "created_at", Need::Nullable);
                self.stamps(ar, true);
            }

            let moments = self.texts(r, "key_moments");
            if let Some(inc) = incident {
                self.key_moments(&path, moments, inc);
            }
            self.status_log(r, &statuses);
            self.published(r, status);
            self.stamps(r, true);
        }
    }

    /// An object-valued field (model `Option<T>` or `T`), reported when it is not an object.
    fn sub_object(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need, noun: &str) -> Option<&'v Obj> {
        let expect = format!("an object (one {noun})");
        let v = self.present(r, key, need, &expect)?;
        self.object(v, &r.path.key(key), noun)
    }

    /// The review's status changes: when, by whom (a person in the file), from and to which status.
    fn status_log(&mut self, r: Rec<'v, '_>, statuses: &[&str]) {
        let changes = self.list(r, "status_log");
        let base = r.path.key("status_log");
        for (k, c) in changes.iter().enumerate() {
            let c_path = base.index(k);
            let Some(obj) = self.object(c, &c_path, "status change") else {
                continue;
            };
            let cr = Rec {
                obj,
                path: &c_path,
                noun: "status change",
            };
            self.time(cr, "at", Need::Required);
            self.reference(cr, "by", Need::Nullable, Target::Person);
            self.choice(cr, "from", Need::Required, statuses);
            self.choice(cr, "to", Need::Required, statuses);
        }
    }

    /// What a published review keeps: only on a published review, `by` a person in the file. The
    /// role records keep the ids and names of when it was published; those people and roles may
    /// have been removed since, so their ids are not looked up.
    fn published(&mut self, r: Rec<'v, '_>, status: Option<&str>) {
        let Some(obj) = self.sub_object(r, "published", Need::Nullable, "published record") else {
            return;
        };
        let path = r.path.key("published");
        if let Some(s) = status.filter(|&s| s != ReviewStatus::Published.as_str()) {
            self.err(
                &path,
                format!(
                    "is set but the review is {}; a review keeps its published record only while it \
                     is published, so remove `published` or set the status to \"published\".",
                    quote(s)
                ),
            );
        }
        let pr = Rec {
            obj,
            path: &path,
            noun: "published record",
        };
        self.time(pr, "at", Need::Required);
        self.reference(pr, "by", Need::Nullable, Target::Person);
        self.texts(pr, "statements");
        let followed = self.list(pr, "process");
        let followed_path = path.key("process");
        for (k, v) in followed.iter().enumerate() {
            let item = followed_path.index(k);
            let Some(obj) = self.object(v, &item, "role's process followed") else {
                continue;
            };
            let fr = Rec {
                obj,
                path: &item,
                noun: "role's process followed",
            };
            self.text(fr, "role", Need::Required);
            self.texts(fr, "steps");
        }
        let roles = self.list(pr, "roles");
        let roles_path = path.key("roles");
        for (k, v) in roles.iter().enumerate() {
            let role_path = roles_path.index(k);
            let Some(obj) = self.object(v, &role_path, "role held") else {
                continue;
            };
            let rr = Rec {
                obj,
                path: &role_path,
                noun: "role held",
            };
            for key in ["person", "person_name", "role", "role_name"] {
                self.text(rr, key, Need::Required);
            }
            self.time(rr, "from", Need::Required);
            self.time(rr, "to", Need::Required);
        }
        let Some(obj) = self.sub_object(pr, "facts", Need::Required, "set of incident facts") else {
            return;
        };
        let facts_path = path.key("facts");
        let fr = Rec {
            obj,
            path: &facts_path,
            noun: "set of incident facts",
        };
        self.text(fr, "title", Need::Required);
        self.choice(
            fr,
            "severity",
            Need::Required,
            &Severity::ALL.map(Severity::as_str),
        );
        self.time(fr, "started_at", Need::Required);
        self.time(fr, "detected_at", Need::Nullable);
        self.time(fr, "resolved_at", Need::Nullable);
        self.texts(fr, "services");
    }

    /// Key moments point into the reviewed incident's own timeline, not any incident's.
    fn key_moments(&mut self, review_path: &Path, moments: &'v [Value], incident: usize) {
        if moments.is_empty() {
            return;
        }
        let incidents = self.incidents;
        let inc = &incidents[incident];
        let inc_id = inc.get("id").and_then(Value::as_str).unwrap_or_default();
        let timeline = match inc.get("timeline") {
            None => &[][..],
            Some(Value::Array(entries)) => entries.as_slice(),
            // Already reported on the incident; every key moment would be a second error for it.
            Some(_) => return,
        };
        let path = review_path.key("key_moments");
        for (k, m) in moments.iter().enumerate() {
            let Some(m) = m.as_str() else { continue };
            let found = timeline
                .iter()
                .any(|e| e.get("id").and_then(Value::as_str) == Some(m));
            if !found {
                self.err(
                    &path.index(k),
                    format!(
                        "names timeline entry {}, which is not in the timeline of incident {}.",
                        quote(m),
                        quote(inc_id)
                    ),
                );
            }
        }
    }
}

// --- Hatrack extensions for rest and the rota (issue 13) -------------------------------------

impl<'v> Checker<'v> {
    /// A person's away periods: whole days `from` to `to`, both included, `to` not before `from`.
    fn away(&mut self, r: Rec<'v, '_>) {
        let periods = self.list(r, "away");
        let base = r.path.key("away");
        for (k, v) in periods.iter().enumerate() {
            let path = base.index(k);
            let Some(obj) = self.object(v, &path, "away period") else {
                continue;
            };
            let ar = Rec {
                obj,
                path: &path,
                noun: "away period",
            };
            self.date(ar, "from", Need::Required);
            self.date(ar, "to", Need::Required);
            self.text(ar, "note", Need::Optional);
            let day = |key: &str| obj.get(key).and_then(Value::as_str).and_then(parse_date);
            if let (Some(from), Some(to)) = (day("from"), day("to")) {
                if to < from {
                    self.err(
                        &path.key("to"),
                        format!(
                            "is {to}, before `from` ({from}); an away period runs from its first day to its \
                             last, so swap them."
                        ),
                    );
                }
            }
        }
    }

    /// `settings.rest` (night window and limits) and `settings.rota` (what the planner plans).
    fn settings_rest_rota(&mut self, obj: &'v Obj) {
        let Some(settings) = obj.get("settings").and_then(Value::as_object) else {
            return;
        };
        let path = ROOT.key("settings");
        let sr = Rec {
            obj: settings,
            path: &path,
            noun: "settings",
        };
        if let Some(rest) = self.sub_object(sr, "rest", Need::Optional, "set of rest settings") {
            let rest_path = path.key("rest");
            let r = Rec {
                obj: rest,
                path: &rest_path,
                noun: "set of rest settings",
            };
            for key in ["night_from", "night_to"] {
                if let Some(s) = self.text_as(r, key, Need::Optional, CLOCK_HINT) {
                    if ClockTime::parse(s).is_none() {
                        self.err(
                            &rest_path.key(key),
                            format!(
                                "{} is not a time of day; write it as HH:MM, such as 22:00.",
                                quote(s)
                            ),
                        );
                    }
                }
            }
            self.number(r, "max_stretch_hours", Need::Optional);
            self.number(r, "max_night_hours_per_week", Need::Optional);
        }
        if let Some(rota) = self.sub_object(sr, "rota", Need::Optional, "set of rota settings") {
            let rota_path = path.key("rota");
            let r = Rec {
                obj: rota,
                path: &rota_path,
                noun: "set of rota settings",
            };
            // Role ids, but not references: an incident bundle carries the settings and only the
            // roles of its incident, and the planner ignores ids that name no standing role.
            self.texts(r, "roles");
            self.texts(r, "on_call");
            self.choice(
                r,
                "turn",
                Need::Optional,
                &TurnLength::ALL.map(TurnLength::as_str),
            );
            let expect = format!("a whole number of weeks from 1 to {}", rota::MAX_WEEKS);
            if let Some(v) = self.present(r, "weeks", Need::Nullable, &expect) {
                if !v
                    .as_u64()
                    .is_some_and(|w| (1..=u64::from(rota::MAX_WEEKS)).contains(&w))
                {
                    self.wrong_type(&rota_path.key("weeks"), v, &expect);
                }
            }
        }
    }
}

const CLOCK_HINT: &str = "a time of day such as 22:00";
