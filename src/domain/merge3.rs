//! Three-way merge of workspace files: with the common ancestor at hand, each side's changes are
//! known, so both people's edits survive down to the field, and only real clashes are listed.
//!
//! [`super::merge`] has two files and no ancestor, so it can only compare whole records and
//! list every record that differs. Git gives its merge driver the ancestor too (`%O %A %B`),
//! and with it the rules are the usual three-way ones, applied field by field:
//!
//! - A record, field or nested entry changed (or deleted, or added) on one side only takes that
//!   side's version, silently. Changed the same way on both sides: no clash either.
//! - Two people changing *different* fields of one record both keep their change (one retitles
//!   an incident, the other adds to its summary and timeline). Timeline entries and action
//!   items are records of their own, merged by id within their incident or review.
//! - Only a field changed differently on both sides is a clash. It is decided as the app's
//!   merge decides a record: the side whose record carries the newer stamp (`updated_at`, or
//!   `deleted_at` if later) wins; on a tie a deletion wins, then (for a timeline entry or action
//!   item) the side whose incident or review won, then the larger JSON text, so that both
//!   clones of a repository reach the same result whichever merges. Every clash is listed.
//! - Fields that only make sense together move together: an incident's `status` and
//!   `resolved_at`; a release's `status`, `deployed_at` and `timeline` (the release's history is
//!   kept or replaced whole, as FORMAT.md says); a review's `status`, `status_log` and
//!   `published`; an action item's `done` and `done_at`.
//! - `updated_at` is never a clash: the merged record carries the later one.
//! - A record deleted on one side (tombstoned) and edited on the other is a clash between the
//!   deletion and the edit: the newer of the two wins, as in the app (an edit after the
//!   deletion brings the record back with every field's merge; otherwise it stays deleted, and
//!   the edit is kept inside the tombstone). A record removed from the file outright (which
//!   Hatrack never does, but a hand edit might) on one side and changed on the other is kept.
//!
//! The merge works on the records' JSON, so fields this version does not know merge like the
//! others. New records keep ours' order, then theirs'; a timeline that changed on both sides is
//! re-sorted by `at`, stably.

use crate::domain::order;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::merge::{
    Side, PROCESS_CHANGELOG, PROCESS_ESCALATION, PROCESS_RELEASE, PROCESS_ROLES, PROCESS_SEVERITIES,
};
use super::model::Workspace;
use super::text::short;

type Obj = Map<String, Value>;

/// What a three-way merge produced: the workspace and every clash it decided.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge3 {
    pub workspace: Workspace,
    pub clashes: Vec<Clash>,
}

/// One record both sides changed in a way the merge had to decide.
#[derive(Clone, Debug, PartialEq)]
pub struct Clash {
    /// `people`, `roles`, `conflicts`, `assignments`, `incidents`, `releases`, `reviews`,
    /// `timeline`, `actions`, `settings` or `workspace` (an unknown top-level field).
    pub collection: &'static str,
    /// The record's id (conflict rules: `role-a + role-b`, sorted).
    pub id: String,
    /// For timeline entries the incident's id, for action items the review's id.
    pub parent: Option<String>,
    /// The record as a person knows it, e.g. `Incident "Search returns 502"`.
    pub label: String,
    pub kind: ClashKind,
    /// The side whose version is in the result.
    pub kept: Side,
    /// True when the kept side's record is strictly newer; false when the tie-break decided.
    pub newer: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ClashKind {
    /// These fields were changed differently on both sides.
    Fields(Vec<String>),
    /// `deleted` deleted the record, the other side edited it.
    DeletedAndEdited { deleted: Side },
    /// `removed` took the record out of the file, the other side changed it; it is kept.
    RemovedAndEdited { removed: Side },
}

fn side_word(s: Side) -> &'static str {
    match s {
        Side::Mine => "ours",
        Side::Theirs => "theirs",
    }
}

impl Clash {
    /// One line for a person reading a merge's report, e.g.
    /// `Incident "Search returns 502" (incidents i-7): title changed on both sides; kept theirs, the newer edit.`
    pub fn sentence(&self) -> String {
        let at = match &self.parent {
            Some(p) => format!("{} {} in {p}", self.collection, self.id),
            None => format!("{} {}", self.collection, self.id),
        };
        let why = if self.newer {
            "the newer edit"
        } else {
            "both edited at the same time, so the larger value is kept"
        };
        let what = match &self.kind {
            ClashKind::Fields(f) => format!(
                "{} changed on both sides; kept {}, {why}",
                f.join(", "),
                side_word(self.kept)
            ),
            ClashKind::DeletedAndEdited { deleted } => {
                let outcome = match (*deleted == self.kept, self.newer) {
                    (true, true) => {
                        "kept it deleted, the deletion is newer (the edit is kept in the deleted record)"
                    }
                    (true, false) => {
                        "kept it deleted, both at the same time (the edit is kept in the deleted record)"
                    }
                    (false, _) => "kept it, with the edit, the edit is newer than the deletion",
                };
                format!(
                    "deleted by {}, edited by {}; {outcome}",
                    side_word(*deleted),
                    side_word(deleted.other())
                )
            }
            ClashKind::RemovedAndEdited { removed } => format!(
                "removed from the file by {}, changed by {}; kept the changed record",
                side_word(*removed),
                side_word(removed.other())
            ),
        };
        format!("{} ({at}): {what}.", self.label)
    }
}

/// How one kind of record merges.
pub(super) struct Spec {
    pub(super) collection: &'static str,
    /// A list of records merged one by one inside this record (`timeline`, `actions`).
    pub(super) nested: Option<(&'static str, &'static Spec)>,
    /// Fields that change together and are decided together.
    groups: &'static [&'static [&'static str]],
    /// Re-sort by `at` when both sides changed the list.
    by_time: bool,
    label: fn(&Obj) -> String,
}

fn text(o: &Obj, k: &str) -> String {
    o.get(k).and_then(Value::as_str).unwrap_or_default().to_string()
}

const TIMELINE: Spec = Spec {
    collection: "timeline",
    nested: None,
    groups: &[],
    by_time: true,
    label: |o| format!("Timeline entry \"{}\"", short(&text(o, "text"))),
};
const ACTIONS: Spec = Spec {
    collection: "actions",
    nested: None,
    groups: &[&["done", "done_at"]],
    by_time: false,
    label: |o| format!("Action item \"{}\"", short(&text(o, "text"))),
};
const PEOPLE: Spec = Spec {
    collection: "people",
    nested: None,
    groups: &[],
    by_time: false,
    label: |o| format!("Person \"{}\"", text(o, "name")),
};
const ROLES: Spec = Spec {
    collection: "roles",
    nested: None,
    groups: &[],
    by_time: false,
    label: |o| format!("Role \"{}\"", text(o, "name")),
};
const CONFLICTS: Spec = Spec {
    collection: "conflicts",
    nested: None,
    groups: &[],
    by_time: false,
    label: |o| format!("Conflict rule \"{}\"", key_of(o, "conflicts").unwrap_or_default()),
};
const ASSIGNMENTS: Spec = Spec {
    collection: "assignments",
    nested: None,
    groups: &[],
    by_time: false,
    label: |o| format!("Assignment of {} as {}", text(o, "person"), text(o, "role")),
};
const INCIDENTS: Spec = Spec {
    collection: "incidents",
    nested: Some(("timeline", &TIMELINE)),
    groups: &[&["status", "resolved_at"]],
    by_time: false,
    label: |o| format!("Incident \"{}\"", text(o, "title")),
};
const RELEASES: Spec = Spec {
    collection: "releases",
    nested: None,
    groups: &[&["status", "deployed_at", "timeline"]],
    by_time: false,
    label: |o| format!("Release \"{}\"", text(o, "name")),
};
const REVIEWS: Spec = Spec {
    collection: "reviews",
    nested: Some(("actions", &ACTIONS)),
    groups: &[&["status", "status_log", "published"]],
    by_time: false,
    label: |o| format!("Review of incident {}", text(o, "incident")),
};
const SETTINGS: Spec = Spec {
    collection: "settings",
    nested: None,
    groups: &[],
    by_time: false,
    label: |_| "Settings".to_string(),
};

const PROCESS_ROLE: Spec = Spec {
    collection: PROCESS_ROLES,
    nested: None,
    groups: &[],
    by_time: false,
    label: |o| format!("Duties and checklist of role {}", text(o, "role")),
};
const PROCESS_SEVERITY: Spec = Spec {
    collection: PROCESS_SEVERITIES,
    nested: None,
    groups: &[],
    by_time: false,
    label: |o| format!("Severity policy for {}", text(o, "severity")),
};
const PROCESS_ESCALATION_STEP: Spec = Spec {
    collection: PROCESS_ESCALATION,
    nested: None,
    groups: &[],
    by_time: false,
    label: |o| format!("Escalation from role {}", text(o, "from")),
};
const PROCESS_RELEASE_STEP: Spec = Spec {
    collection: PROCESS_RELEASE,
    nested: None,
    groups: &[],
    by_time: false,
    label: |o| format!("Release step \"{}\"", short(&text(o, "text"))),
};
const PROCESS_CHANGE: Spec = Spec {
    collection: PROCESS_CHANGELOG,
    nested: None,
    groups: &[],
    by_time: true,
    label: |o| format!("Process change \"{}\"", short(&text(o, "text"))),
};

/// The lists of the written process, with how each merges.
const PROCESS_LISTS: [(&str, &Spec); 5] = [
    ("roles", &PROCESS_ROLE),
    ("severities", &PROCESS_SEVERITY),
    ("escalation", &PROCESS_ESCALATION_STEP),
    ("release", &PROCESS_RELEASE_STEP),
    ("changelog", &PROCESS_CHANGE),
];

/// The top-level collections in file order, with how each merges.
pub(super) const COLLECTIONS: [(&str, &Spec); 7] = [
    ("people", &PEOPLE),
    ("roles", &ROLES),
    ("conflicts", &CONFLICTS),
    ("assignments", &ASSIGNMENTS),
    ("incidents", &INCIDENTS),
    ("releases", &RELEASES),
    ("reviews", &REVIEWS),
];

/// A record's identity within its list: `id`, or for conflict rules the sorted role pair.
pub(super) fn key_of(o: &Obj, collection: &str) -> Option<String> {
    if collection == "conflicts" {
        let roles = o.get("roles")?.as_array()?;
        let mut pair: Vec<&str> = roles.iter().filter_map(Value::as_str).collect();
        order::sort(&mut pair);
        return Some(pair.join(" + "));
    }
    let field = match collection {
        PROCESS_ROLES => "role",
        PROCESS_SEVERITIES => "severity",
        PROCESS_ESCALATION => "from",
        _ => "id",
    };
    o.get(field)?.as_str().map(str::to_string)
}

fn time(v: Option<&Value>) -> Option<DateTime<Utc>> {
    v.and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// The later of a record's `updated_at` and `deleted_at`: when it was last touched.
pub(super) fn stamp(o: &Obj) -> Option<DateTime<Utc>> {
    time(o.get("updated_at")).max(time(o.get("deleted_at")))
}

fn canonical_text(o: &Obj) -> String {
    let mut m = o.clone();
    m.sort_keys();
    Value::Object(m).to_string()
}

/// Which side wins a clash in this record, and whether because it is strictly newer.
fn pick(o: &Obj, t: &Obj, prefer: Option<Side>) -> (Side, bool) {
    use std::cmp::Ordering::*;
    match stamp(o).cmp(&stamp(t)) {
        Greater => return (Side::Mine, true),
        Less => return (Side::Theirs, true),
        Equal => {}
    }
    match (o.contains_key("deleted_at"), t.contains_key("deleted_at")) {
        (true, false) => return (Side::Mine, false),
        (false, true) => return (Side::Theirs, false),
        _ => {}
    }
    if let Some(side) = prefer {
        return (side, false);
    }
    if canonical_text(o) >= canonical_text(t) {
        (Side::Mine, false)
    } else {
        (Side::Theirs, false)
    }
}

struct Ctx {
    clashes: Vec<Clash>,
}

impl Ctx {
    fn clash(
        &mut self,
        spec: &Spec,
        id: String,
        parent: Option<&str>,
        record: &Obj,
        kind: ClashKind,
        kept: (Side, bool),
    ) {
        self.clashes.push(Clash {
            collection: spec.collection,
            id,
            parent: parent.map(str::to_string),
            label: (spec.label)(record),
            kind,
            kept: kept.0,
            newer: kept.1,
        });
    }
}

/// Merges three versions of one workspace; `base` is their common ancestor (an empty
/// workspace when there is none). See the module documentation for the rules.
pub fn merge3(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> Merge3 {
    merge3_objects(&object(base), &object(ours), &object(theirs), ours, theirs).0
}

/// A workspace as the JSON object the three-way merge works on. Writing a decade's workspace
/// out takes about a quarter of a second, so a caller that needs the objects too makes them
/// once and hands them to [`merge3_objects`].
pub fn object(ws: &Workspace) -> Obj {
    match super::record::to_value(ws) {
        Value::Object(m) => m,
        _ => Obj::new(),
    }
}

/// [`merge3`] of workspaces already made objects (`ours` and `theirs` as themselves too, for
/// the fallback), with the merged workspace's object beside it.
pub fn merge3_objects(b: &Obj, o: &Obj, t: &Obj, ours: &Workspace, theirs: &Workspace) -> (Merge3, Obj) {
    let mut ctx = Ctx { clashes: vec![] };
    let merged = Value::Object(merge_top(b, o, t, &mut ctx));
    match super::record::from_value::<Workspace>(&merged) {
        Ok(workspace) => {
            let Value::Object(merged) = merged else {
                unreachable!("made as an object")
            };
            (
                Merge3 {
                    workspace,
                    clashes: ctx.clashes,
                },
                merged,
            )
        }
        // Every field of the result is a field of a valid record, so this does not happen; if
        // it ever did, the two-way merge still keeps both sides' records and lists what differs.
        Err(_) => {
            let two = super::merge::merge(ours, theirs);
            let merged = object(&two.workspace);
            (
                Merge3 {
                    workspace: two.workspace,
                    clashes: vec![],
                },
                merged,
            )
        }
    }
}

fn keys_of(maps: [Option<&Obj>; 3]) -> Vec<&String> {
    let mut keys: Vec<&String> = vec![];
    for m in maps.into_iter().flatten() {
        for k in m.keys() {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

fn merge_top(b: &Obj, o: &Obj, t: &Obj, ctx: &mut Ctx) -> Obj {
    let mut out = Obj::new();
    for key in keys_of([Some(o), Some(t), Some(b)]) {
        let (bv, ov, tv) = (b.get(key), o.get(key), t.get(key));
        // A value changed on one side only (or the same way on both) takes that change.
        let one_sided = if ov == tv || bv == tv {
            Some(ov)
        } else if bv == ov {
            Some(tv)
        } else {
            None
        };
        let value = match key.as_str() {
            "format" => one_sided.unwrap_or(ov).cloned(),
            "version" => one_sided
                .unwrap_or_else(|| [ov, tv].into_iter().flatten().max_by_key(|v| v.as_u64()))
                .cloned(),
            "exported_at" => one_sided
                .unwrap_or_else(|| [ov, tv].into_iter().flatten().max_by_key(|v| time(Some(v))))
                .cloned(),
            "settings" => {
                let empty = Obj::new();
                let obj = |v: Option<&Value>| v.and_then(Value::as_object).cloned();
                let (bs, os, ts) = (obj(bv), obj(ov), obj(tv));
                let merged = merge_record(
                    bs.as_ref(),
                    os.as_ref().unwrap_or(&empty),
                    ts.as_ref().unwrap_or(&empty),
                    &SETTINGS,
                    "settings".into(),
                    None,
                    None,
                    ctx,
                );
                Some(Value::Object(merged))
            }
            "process" => match (ov.and_then(Value::as_object), tv.and_then(Value::as_object)) {
                (Some(o), Some(t)) if one_sided.is_none() => {
                    let b = bv.and_then(Value::as_object);
                    Some(Value::Object(merge_process(b, o, t, ctx)))
                }
                _ => one_sided.unwrap_or(ov).cloned(),
            },
            k => match COLLECTIONS.iter().find(|(name, _)| *name == k) {
                Some((_, spec)) => Some(Value::Array(merge_list(bv, ov, tv, spec, None, None, ctx))),
                // An unknown top-level field: a value of its own, with no stamp to decide by.
                None => match one_sided {
                    Some(v) => v.cloned(),
                    None => {
                        let text = |v: Option<&Value>| v.map(Value::to_string);
                        let kept = if text(ov) >= text(tv) {
                            Side::Mine
                        } else {
                            Side::Theirs
                        };
                        ctx.clashes.push(Clash {
                            collection: "workspace",
                            id: k.to_string(),
                            parent: None,
                            label: format!("Top-level field \"{k}\""),
                            kind: ClashKind::Fields(vec![k.to_string()]),
                            kept,
                            newer: false,
                        });
                        if kept == Side::Mine { ov } else { tv }.cloned()
                    }
                },
            },
        };
        if let Some(v) = value {
            out.insert(key.clone(), v);
        }
    }
    out
}

/// The written process changed on both sides: each of its lists merged record by record; any
/// other field of it taken from the side that changed it (ours when both did).
fn merge_process(b: Option<&Obj>, o: &Obj, t: &Obj, ctx: &mut Ctx) -> Obj {
    let mut out = Obj::new();
    for key in keys_of([Some(o), Some(t), b]) {
        let (bv, ov, tv) = (b.and_then(|b| b.get(key)), o.get(key), t.get(key));
        let value = match PROCESS_LISTS.iter().find(|(name, _)| name == key) {
            Some((_, spec)) => Some(Value::Array(merge_list(bv, ov, tv, spec, None, None, ctx))),
            None if bv == ov => tv.cloned(),
            None => ov.cloned(),
        };
        if let Some(v) = value {
            out.insert(key.clone(), v);
        }
    }
    out
}

pub(super) fn as_list(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn keyed<'a>(v: &'a Value, collection: &str) -> Option<(String, &'a Obj)> {
    v.as_object().and_then(|m| key_of(m, collection).map(|k| (k, m)))
}

/// Records by key, first occurrence (duplicate ids are refused by import validation).
pub(super) fn index<'a>(list: &'a [Value], collection: &str) -> HashMap<String, &'a Obj> {
    let mut map = HashMap::with_capacity(list.len());
    for (k, m) in list.iter().filter_map(|v| keyed(v, collection)) {
        map.entry(k).or_insert(m);
    }
    map
}

/// Merges one list of records by key. `prefer` is the side whose parent record won (for
/// timeline entries and action items), `parent` its id.
fn merge_list(
    b: Option<&Value>,
    o: Option<&Value>,
    t: Option<&Value>,
    spec: &Spec,
    prefer: Option<Side>,
    parent: Option<&str>,
    ctx: &mut Ctx,
) -> Vec<Value> {
    let (b, o, t) = (as_list(b), as_list(o), as_list(t));
    if o == t || b == t {
        return o.to_vec();
    }
    if b == o {
        return t.to_vec();
    }
    let keyed = |v| keyed(v, spec.collection);
    let index = |list| index(list, spec.collection);
    let (bi, oi, ti) = (index(b), index(o), index(t));
    let mut out: Vec<Value> = Vec::with_capacity(o.len().max(t.len()));
    let mut seen: HashSet<String> = HashSet::with_capacity(o.len());
    let mut reordered = false;
    for v in o {
        let Some((key, rec)) = keyed(v) else {
            out.push(v.clone());
            continue;
        };
        if !seen.insert(key.clone()) {
            out.push(v.clone());
            continue;
        }
        match (ti.get(&key), bi.get(&key)) {
            (Some(theirs), base) => {
                let merged = merge_record(base.copied(), rec, theirs, spec, key, prefer, parent, ctx);
                reordered |= merged.get("at") != rec.get("at");
                out.push(Value::Object(merged));
            }
            // Theirs removed it from the file; ours left it alone: the removal wins.
            (None, Some(base)) if *base == rec => {}
            (None, Some(_)) => {
                let kind = ClashKind::RemovedAndEdited {
                    removed: Side::Theirs,
                };
                ctx.clash(spec, key, parent, rec, kind, (Side::Mine, true));
                out.push(v.clone());
            }
            // New on our side.
            (None, None) => out.push(v.clone()),
        }
    }
    for v in t {
        let Some((key, rec)) = keyed(v) else {
            continue;
        };
        if oi.contains_key(&key) || !seen.insert(key.clone()) {
            continue;
        }
        match bi.get(&key) {
            // Ours removed it from the file; theirs left it alone: the removal wins.
            Some(base) if *base == rec => continue,
            Some(_) => {
                let kind = ClashKind::RemovedAndEdited { removed: Side::Mine };
                ctx.clash(spec, key, parent, rec, kind, (Side::Theirs, true));
            }
            // New on their side.
            None => {}
        }
        out.push(v.clone());
        reordered = true;
    }
    if spec.by_time && reordered {
        order::sort_by_key(&mut out, |v| time(v.get("at")));
    }
    out
}

/// Merges one record's three versions (`base` is `None` when both sides added it).
#[allow(clippy::too_many_arguments)] // the record's place (id, parent, preference) travels with it
fn merge_record(
    base: Option<&Obj>,
    o: &Obj,
    t: &Obj,
    spec: &Spec,
    id: String,
    prefer: Option<Side>,
    parent: Option<&str>,
    ctx: &mut Ctx,
) -> Obj {
    if o == t {
        return o.clone();
    }
    if let Some(b) = base {
        if b == o {
            return t.clone();
        }
        if b == t {
            return o.clone();
        }
    }
    let winner = pick(o, t, prefer);
    let nested = spec.nested.map(|(f, _)| f);
    let special = |k: &str| k == "updated_at" || k == "deleted_at" || Some(k) == nested;
    let keys = keys_of([Some(o), Some(t), base]);

    // Units: each group whose fields appear, then every other field on its own.
    let mut units: Vec<Vec<&str>> = spec
        .groups
        .iter()
        .filter(|g| g.iter().any(|f| keys.iter().any(|k| k.as_str() == *f)))
        .map(|g| g.to_vec())
        .collect();
    for k in &keys {
        if !special(k) && !spec.groups.iter().any(|g| g.contains(&k.as_str())) {
            units.push(vec![k.as_str()]);
        }
    }

    let mut out = Obj::new();
    let mut clashed: Vec<String> = vec![];
    for unit in units {
        let get = |m: Option<&Obj>| -> Vec<Option<Value>> {
            unit.iter().map(|f| m.and_then(|m| m.get(*f)).cloned()).collect()
        };
        let (bv, ov, tv) = (get(base), get(Some(o)), get(Some(t)));
        let side = if ov == tv || bv == tv {
            Side::Mine
        } else if bv == ov {
            Side::Theirs
        } else {
            clashed.extend(unit.iter().map(|f| f.to_string()));
            winner.0
        };
        let chosen = if side == Side::Mine { ov } else { tv };
        for (f, v) in unit.iter().zip(chosen) {
            if let Some(v) = v {
                out.insert(f.to_string(), v);
            }
        }
    }

    if let Some((field, child)) = spec.nested {
        let list = merge_list(
            base.and_then(|b| b.get(field)),
            o.get(field),
            t.get(field),
            child,
            Some(winner.0),
            Some(&id),
            ctx,
        );
        if !list.is_empty() || o.contains_key(field) || t.contains_key(field) {
            out.insert(field.to_string(), Value::Array(list));
        }
    }

    if let Some(u) = [o.get("updated_at"), t.get("updated_at")]
        .into_iter()
        .flatten()
        .max_by_key(|v| time(Some(v)))
    {
        out.insert("updated_at".into(), u.clone());
    }

    // Deletion: one side tombstoned the record, the other changed it (they are not equal to
    // the base, or we would have returned above): the newer of the two wins.
    let bd = base.and_then(|b| b.get("deleted_at"));
    let (od, td) = (o.get("deleted_at"), t.get("deleted_at"));
    let deleted_by = match (od.is_some() && od != bd, td.is_some() && td != bd) {
        (true, false) if td.is_none() => Some(Side::Mine),
        (false, true) if od.is_none() => Some(Side::Theirs),
        _ => None,
    };
    let deleted_at = match deleted_by {
        Some(deleter) => {
            let (del, edit) = match deleter {
                Side::Mine => (o, t),
                Side::Theirs => (t, o),
            };
            // On a tie the deletion wins, as in the app.
            let keep_deleted = stamp(del) >= stamp(edit);
            let kept = if keep_deleted { deleter } else { deleter.other() };
            ctx.clash(
                spec,
                id.clone(),
                parent,
                &out,
                ClashKind::DeletedAndEdited { deleted: deleter },
                (kept, stamp(del) != stamp(edit)),
            );
            if keep_deleted {
                del.get("deleted_at")
            } else {
                None
            }
        }
        None if od == td || bd == td => od,
        None if bd == od => td,
        // Both deleted it, at different times: the later deletion, not a clash.
        None => [od, td].into_iter().flatten().max_by_key(|v| time(Some(v))),
    };
    if let Some(d) = deleted_at {
        out.insert("deleted_at".into(), d.clone());
    }

    if !clashed.is_empty() {
        ctx.clash(spec, id, parent, &out, ClashKind::Fields(clashed), winner);
    }
    out
}
