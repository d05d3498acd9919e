//! Importing a teammate's file with Merge, three ways when it is safe: the last workspace file
//! this browser exchanged (exported, or imported whole) is kept as the common ancestor, and
//! when it provably is one — every record it holds is in both this workspace and the file,
//! none of them older there than in it — the merge goes field by field ([`super::merge3`]):
//! two people changing different fields of one record both keep their change, and only the
//! same field changed differently on both sides is listed to choose. Otherwise (no file
//! exchanged yet, or the file comes from elsewhere) it is the two-way merge of
//! [`super::merge`], which compares whole records. Hatrack files keep deleted records as
//! tombstones, so a record missing from a descendant means it never had it — never a deletion.

use serde_json::{Map, Value};

use super::merge::{self, CollectionCount, Conflict, Preview};
use super::merge3::{self, as_list, index, key_of, object, stamp, ClashKind, COLLECTIONS};
use super::model::Workspace;

type Obj = Map<String, Value>;

/// What importing a file with Merge does.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    pub workspace: Workspace,
    /// Versions to choose, as the conflict list shows them.
    pub conflicts: Vec<Conflict>,
    /// Per collection, what changes in this workspace.
    pub preview: Preview,
    /// Merged field by field against the last file exchanged.
    pub three_way: bool,
}

/// Whether every record of `base` (and every timeline entry and action item in it) is in
/// `of`, none with an older stamp: `of` grew from `base`.
fn grew_from(base: &Obj, of: &Obj) -> bool {
    COLLECTIONS.iter().all(|(name, spec)| {
        let theirs = index(as_list(of.get(*name)), name);
        index(as_list(base.get(*name)), name).into_iter().all(|(key, b)| {
            let Some(o) = theirs.get(&key) else { return false };
            let nested_kept = spec.nested.is_none_or(|(field, nested)| {
                let within = index(as_list(o.get(field)), nested.collection);
                index(as_list(b.get(field)), nested.collection)
                    .keys()
                    .all(|k| within.contains_key(k))
            });
            nested_kept && stamp(o) >= stamp(b)
        })
    })
}

/// Whether `base` is a common ancestor of `ours` and `theirs`.
pub fn is_common_ancestor(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> bool {
    let b = object(base);
    grew_from(&b, &object(ours)) && grew_from(&b, &object(theirs))
}

/// Merges `theirs` into `ours`, three ways when `base` is their common ancestor. Each
/// workspace is made a JSON object once, for the ancestry check, the merge and the preview.
pub fn merge_import(base: Option<&Workspace>, ours: &Workspace, theirs: &Workspace) -> Exchange {
    let objects = base.map(|b| (object(b), object(ours), object(theirs)));
    let Some((b, o, t)) = objects.filter(|(b, o, t)| grew_from(b, o) && grew_from(b, t)) else {
        let out = merge::merge(ours, theirs);
        return Exchange {
            workspace: out.workspace,
            conflicts: out.conflicts,
            preview: merge::preview(ours, theirs),
            three_way: false,
        };
    };
    let (out, m) = merge3::merge3_objects(&b, &o, &t, ours, theirs);
    let conflicts: Vec<Conflict> = out
        .clashes
        .iter()
        .filter_map(|c| {
            let find = |ws: &Obj| record(ws, c.collection, &c.id, c.parent.as_deref());
            let merged = find(&m)?;
            // Each version is the merged record with the clashing fields as that side had
            // them, so choosing one never undoes the other side's other changes.
            let (mine, theirs) = match &c.kind {
                ClashKind::Fields(fields) => (
                    with_fields(&merged, find(&o), fields),
                    with_fields(&merged, find(&t), fields),
                ),
                _ => (
                    find(&o).unwrap_or(merged.clone()),
                    find(&t).unwrap_or(merged.clone()),
                ),
            };
            Some(Conflict {
                collection: c.collection,
                id: c.id.clone(),
                parent: c.parent.clone(),
                label: c.label.clone(),
                kept: c.kept,
                mine: Value::Object(mine),
                theirs: Value::Object(theirs),
            })
        })
        .collect();
    let preview = changes(&o, &m, &conflicts);
    Exchange {
        workspace: out.workspace,
        conflicts,
        preview,
        three_way: true,
    }
}

/// A record by collection and key; timeline entries and action items within their parent.
fn record(ws: &Obj, collection: &str, id: &str, parent: Option<&str>) -> Option<Obj> {
    find(ws, collection, id, parent).cloned()
}

/// [`record`] where it is, without copying its collection on the way.
fn find<'a>(ws: &'a Obj, collection: &str, id: &str, parent: Option<&str>) -> Option<&'a Obj> {
    if collection == "settings" {
        return ws.get("settings").and_then(Value::as_object);
    }
    let list = match (collection, parent) {
        ("timeline", Some(p)) => find(ws, "incidents", p, None)?.get("timeline"),
        ("actions", Some(p)) => find(ws, "reviews", p, None)?.get("actions"),
        (c, _) => ws.get(c),
    };
    as_list(list)
        .iter()
        .filter_map(Value::as_object)
        .find(|r| key_of(r, collection).as_deref() == Some(id))
}

fn with_fields(merged: &Obj, side: Option<Obj>, fields: &[String]) -> Obj {
    let mut out = merged.clone();
    for f in fields {
        match side.as_ref().and_then(|s| s.get(f)) {
            Some(v) => out.insert(f.clone(), v.clone()),
            None => out.remove(f),
        };
    }
    out
}

/// What the merge changes in this workspace, counted as the preview table shows it.
fn changes(ours: &Obj, merged: &Obj, conflicts: &[Conflict]) -> Preview {
    let clashes = |collection: &str| conflicts.iter().filter(|c| c.collection == collection).count();
    let mut collections = vec![];
    let mut nested: Vec<(&'static str, CollectionCount)> = vec![];
    for (name, spec) in COLLECTIONS {
        let before = index(as_list(ours.get(name)), name);
        let mut row = count(name);
        for (key, after) in index(as_list(merged.get(name)), name) {
            tally(&mut row, before.get(&key).copied(), after);
            if let (Some((field, n)), Some(b)) = (spec.nested, before.get(&key)) {
                let mut inner = count(n.collection);
                let was = index(as_list(b.get(field)), n.collection);
                for (k, a) in index(as_list(after.get(field)), n.collection) {
                    tally(&mut inner, was.get(&k).copied(), a);
                }
                merge_counts(&mut nested, inner);
            }
        }
        row.conflicts = clashes(name);
        row.updated = row.updated.saturating_sub(row.conflicts);
        collections.push(row);
    }
    for (_, mut row) in nested {
        row.conflicts = clashes(row.collection);
        row.updated = row.updated.saturating_sub(row.conflicts);
        collections.push(row);
    }
    let mut settings = count("settings");
    if ours.get("settings") == merged.get("settings") {
        settings.unchanged = 1;
    } else if clashes("settings") > 0 {
        settings.conflicts = 1;
    } else {
        settings.updated = 1;
    }
    collections.push(settings);
    Preview { collections }
}

fn count(collection: &'static str) -> CollectionCount {
    CollectionCount {
        collection,
        new: 0,
        updated: 0,
        unchanged: 0,
        conflicts: 0,
        deleted: 0,
    }
}

fn tally(row: &mut CollectionCount, before: Option<&Obj>, after: &Obj) {
    let deleted = |r: &Obj| r.contains_key("deleted_at");
    match before {
        None if deleted(after) => row.deleted += 1,
        None => row.new += 1,
        Some(b) if b == after => row.unchanged += 1,
        Some(b) if deleted(after) && !deleted(b) => row.deleted += 1,
        Some(_) => row.updated += 1,
    }
}

fn merge_counts(rows: &mut Vec<(&'static str, CollectionCount)>, add: CollectionCount) {
    match rows.iter_mut().find(|(c, _)| *c == add.collection) {
        Some((_, r)) => {
            r.new += add.new;
            r.updated += add.updated;
            r.unchanged += add.unchanged;
            r.deleted += add.deleted;
        }
        None => rows.push((add.collection, add)),
    }
}
