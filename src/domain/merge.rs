//! Merging two people's workspace files so that both people's work survives, record by record.
//!
//! Records are matched by id within their collection (conflict rules by their unordered role
//! pair, timeline entries by id within their incident, action items by id within their review).
//! A file carries no common ancestor, so "who changed what" is read from the records' own
//! stamps. A record's *stamp* is the later of its `updated_at` and `deleted_at` (a deletion is
//! an edit made at `deleted_at`).
//!
//! For a record present on both sides:
//! - **equal**: nothing to do.
//! - **differs only in `updated_at`** (or in nested timeline entries / action items, which are
//!   merged one by one): no conflict; the newer stamp is kept and the nested lists are unioned.
//! - **content differs and exactly one side has a stamp**: that side is the one somebody edited
//!   (the other is an untouched original, e.g. a default role); it wins quietly.
//! - **content differs otherwise** (both stamped, or neither): a *conflict*. The winner is chosen
//!   by [`pick`]: newer stamp; on a tie a tombstone beats a live record; then the parent's
//!   winner (for nested records); then the larger canonical JSON text. The losing version is
//!   listed in [`MergeResult::conflicts`] so the person can [`resolve`] it the other way.
//!
//! Without a common ancestor Hatrack cannot tell "they edited after seeing my version" from
//! "we both edited", so a stamped record that differs on two stamped sides is always listed,
//! even if only one person touched it: the list is every version the merge replaced, and the
//! newer-wins default is what the person usually wants.
//!
//! Every rule looks at the two versions only, never at which one is "mine", so a merge is
//! symmetric: which version wins and whether it is a conflict are the same either way round.
//!
//! Tombstones: a record deleted on one side stays deleted unless the other side's `updated_at`
//! is later than the `deleted_at` (an edit made after the delete). That falls out of the stamp
//! rule; when the delete wins over an edit it is listed as a conflict, so nothing from either
//! side disappears without being listed.
//!
//! Order: the result keeps my order and appends their new records in their order; a timeline
//! that gained entries is re-sorted by `at`, stably. Entries written at the same instant keep
//! the order they were written in (mine, then their new ones): the domain reads meaning into it
//! (the first status entry is the declaration; a resolution's "Roles released" entry follows
//! the move to resolved), and ids, being random, must not reorder them. Compare merges with ids
//! sorted when the sides are swapped.

use crate::domain::order;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use super::model::{
    ActionItem, Assignment, ConflictRule, Incident, Person, Release, Review, Role, Settings, TimelineEntry,
    Workspace,
};
use super::process::{Change, Escalation, Process, ReleaseStep, RoleProcess, SeverityPolicy};
use super::shared::{Records, Shared};

/// Files larger than this are refused before parsing: a browser tab can hold them, but a
/// workspace this big is almost certainly the wrong file.
pub const MAX_IMPORT_BYTES: usize = 25 * 1024 * 1024;

pub fn is_too_large(bytes: usize) -> bool {
    bytes > MAX_IMPORT_BYTES
}

/// "This file is 31.2 MB; Hatrack imports files up to 25 MB." Rounded up so a file just over
/// the limit never reads as "25.0 MB".
pub fn too_large_message(bytes: usize) -> String {
    let mb = 1024.0 * 1024.0;
    let size = (bytes as f64 / mb * 10.0).ceil() / 10.0;
    format!(
        "This file is {size:.1} MB; Hatrack imports files up to {} MB.",
        MAX_IMPORT_BYTES / (1024 * 1024)
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Mine,
    Theirs,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Mine => Side::Theirs,
            Side::Theirs => Side::Mine,
        }
    }
}

/// What importing their file would do to one collection of mine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CollectionCount {
    pub collection: &'static str,
    /// Only in theirs: will be added.
    pub new: usize,
    /// Theirs replaces mine without a conflict (mine was never edited, or only the stamp or
    /// nested records differ).
    pub updated: usize,
    /// My record stays exactly as it is (equal, or mine is the edited one).
    pub unchanged: usize,
    /// Edited on both sides (or on neither, and different): one version wins, the other is listed.
    pub conflicts: usize,
    /// Deletions their file carries: records of mine it deletes, and deletion markers for
    /// records I never had. Counted apart so a deletion never reads as "new".
    pub deleted: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// One row per collection, in file order, then `timeline` and `actions` (nested records of
    /// incidents and reviews that are on both sides and differ), then `settings`.
    pub collections: Vec<CollectionCount>,
}

impl Preview {
    pub fn get(&self, collection: &str) -> Option<&CollectionCount> {
        self.collections.iter().find(|c| c.collection == collection)
    }
    pub fn total_new(&self) -> usize {
        self.collections.iter().map(|c| c.new).sum()
    }
    pub fn total_updated(&self) -> usize {
        self.collections.iter().map(|c| c.updated).sum()
    }
    pub fn total_conflicts(&self) -> usize {
        self.collections.iter().map(|c| c.conflicts).sum()
    }
    pub fn total_deleted(&self) -> usize {
        self.collections.iter().map(|c| c.deleted).sum()
    }
    /// True when importing would change nothing.
    pub fn changes_nothing(&self) -> bool {
        self.total_new() == 0
            && self.total_updated() == 0
            && self.total_conflicts() == 0
            && self.total_deleted() == 0
    }
}

/// One record both sides changed; `kept` is the version now in the merged workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// `people`, `roles`, `conflicts`, `assignments`, `incidents`, `releases`, `reviews`,
    /// `timeline`, `actions` or `settings`.
    pub collection: &'static str,
    /// The record's id (for conflict rules: `role-a + role-b`, sorted; for settings: `settings`).
    pub id: String,
    /// For `timeline` entries the incident id, for `actions` the review id.
    pub parent: Option<String>,
    /// For people, e.g. `Incident "Search returns 502"`.
    pub label: String,
    pub kept: Side,
    pub mine: Value,
    pub theirs: Value,
}

/// One field that differs between the two versions of a conflicting record.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    pub field: String,
    /// `Value::Null` when this side does not have the field.
    pub mine: Value,
    pub theirs: Value,
}

impl Conflict {
    /// The top-level fields whose values differ, mine's field order first, so a person can see
    /// what the choice is about. Nested lists merged one by one (`timeline`, `actions`) are
    /// left out: the merge keeps their entries from both sides whichever version is chosen.
    pub fn differences(&self) -> Vec<FieldDiff> {
        let empty = serde_json::Map::new();
        let mine = self.mine.as_object().unwrap_or(&empty);
        let theirs = self.theirs.as_object().unwrap_or(&empty);
        let nested = matches!(self.collection, "incidents" | "reviews");
        mine.keys()
            .chain(theirs.keys().filter(|k| !mine.contains_key(*k)))
            .filter(|k| !(nested && matches!(k.as_str(), "timeline" | "actions")))
            .filter_map(|k| {
                let m = mine.get(k).cloned().unwrap_or(Value::Null);
                let t = theirs.get(k).cloned().unwrap_or(Value::Null);
                (m != t).then(|| FieldDiff {
                    field: k.clone(),
                    mine: m,
                    theirs: t,
                })
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MergeResult {
    pub workspace: Workspace,
    pub conflicts: Vec<Conflict>,
}

/// What importing `theirs` into `mine` would do, per collection. Computed by the merge itself,
/// so the preview never disagrees with what [`merge`] does.
pub fn preview(mine: &Workspace, theirs: &Workspace) -> Preview {
    let mut ctx = Ctx::new(mine, theirs);
    merge_with(mine, theirs, &mut ctx);
    Preview {
        collections: ctx.counts,
    }
}

/// The union of both workspaces; see the module documentation for the rules.
pub fn merge(mine: &Workspace, theirs: &Workspace) -> MergeResult {
    let mut ctx = Ctx::new(mine, theirs);
    let workspace = merge_with(mine, theirs, &mut ctx);
    MergeResult {
        workspace,
        conflicts: ctx.conflicts,
    }
}

/// Puts the chosen version of a conflicting record into `ws`. Nested timelines and action
/// lists keep their merged contents. When the version not kept by the merge is chosen, its
/// `updated_at` is set just after both versions' stamps, so importing the same file again
/// keeps the choice instead of flipping it back. (Timeline entries carry no `updated_at`, so
/// there a later import of the same file may raise the same conflict again.)
pub fn resolve(ws: &mut Workspace, conflict: &Conflict, take: Side) {
    let chosen = match take {
        Side::Mine => &conflict.mine,
        Side::Theirs => &conflict.theirs,
    };
    let bump = if take != conflict.kept {
        [&conflict.mine, &conflict.theirs]
            .into_iter()
            .filter_map(value_stamp)
            .max()
            .map(|t| t + Duration::milliseconds(1))
    } else {
        None
    };
    match conflict.collection {
        "people" => replace(ws.people.shared_mut(), chosen, bump, |_, _| {}),
        "roles" => replace(ws.roles.shared_mut(), chosen, bump, |_, _| {}),
        "conflicts" => replace(&mut ws.conflicts, chosen, bump, |_, _| {}),
        "assignments" => replace(ws.assignments.shared_mut(), chosen, bump, |_, _| {}),
        "releases" => replace(ws.releases.shared_mut(), chosen, bump, |_, _| {}),
        "incidents" => replace(
            ws.incidents.shared_mut(),
            chosen,
            bump,
            |new: &mut Shared<Incident>, old: &Shared<Incident>| new.timeline = old.timeline.clone(),
        ),
        "reviews" => replace(
            ws.reviews.shared_mut(),
            chosen,
            bump,
            |new: &mut Shared<Review>, old: &Shared<Review>| new.actions = old.actions.clone(),
        ),
        "timeline" => {
            if let Some(inc) = ws
                .incidents
                .iter_mut()
                .find(|i| Some(&i.id) == conflict.parent.as_ref())
            {
                replace(&mut inc.timeline, chosen, None, |_, _| {});
            }
        }
        "actions" => {
            if let Some(rv) = ws
                .reviews
                .iter_mut()
                .find(|r| Some(&r.id) == conflict.parent.as_ref())
            {
                replace(&mut rv.actions, chosen, bump, |_, _| {});
            }
        }
        PROCESS_ROLES | PROCESS_SEVERITIES | PROCESS_ESCALATION | PROCESS_RELEASE | PROCESS_CHANGELOG => {
            let Some(p) = ws.process.as_mut() else { return };
            match conflict.collection {
                PROCESS_ROLES => replace(&mut p.roles, chosen, bump, |_, _| {}),
                PROCESS_SEVERITIES => replace(&mut p.severities, chosen, bump, |_, _| {}),
                PROCESS_ESCALATION => replace(&mut p.escalation, chosen, bump, |_, _| {}),
                PROCESS_RELEASE => replace(&mut p.release, chosen, bump, |_, _| {}),
                _ => replace(&mut p.changelog, chosen, None, |_, _| {}),
            }
        }
        "settings" => {
            if let Ok(mut s) = super::record::from_value::<Settings>(chosen) {
                if let Some(t) = bump {
                    s.extra.insert("updated_at".into(), stamp_value(t));
                }
                ws.settings = s;
            }
        }
        _ => {}
    }
}

fn stamp_value(t: DateTime<Utc>) -> Value {
    super::record::to_value(&t)
}

fn value_stamp(v: &Value) -> Option<DateTime<Utc>> {
    let get = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&Utc))
    };
    get("updated_at").max(get("deleted_at"))
}

fn replace<T: Rec>(
    list: &mut Vec<T>,
    chosen: &Value,
    bump: Option<DateTime<Utc>>,
    keep: impl Fn(&mut T, &T),
) {
    let Ok(mut new) = super::record::from_value::<T>(chosen) else {
        return;
    };
    if let Some(t) = bump {
        new.set_updated_at(t);
    }
    let key = new.key();
    match list.iter_mut().find(|r| r.key() == key) {
        Some(old) => {
            keep(&mut new, old);
            *old = new;
        }
        // Records are tombstoned, never removed, so this only happens if the caller passes a
        // conflict from another merge; adding the record is the choice that loses nothing.
        None => list.push(new),
    }
}

/// A record of one collection, as far as merging is concerned.
trait Rec: Clone + PartialEq + Serialize + DeserializeOwned {
    const COLLECTION: &'static str;
    /// JSON fields holding nested records merged one by one (left out of the content compare).
    const NESTED: &'static str = "";
    fn key(&self) -> String;
    fn updated_at(&self) -> Option<DateTime<Utc>>;
    fn deleted_at(&self) -> Option<DateTime<Utc>>;
    fn set_updated_at(&mut self, t: DateTime<Utc>);
    fn stamp(&self) -> Option<DateTime<Utc>> {
        self.updated_at().max(self.deleted_at())
    }
}

macro_rules! rec {
    ($t:ty, $coll:expr, $nested:literal) => {
        rec!($t, $coll, $nested, |r| r.id.clone());
    };
    ($t:ty, $coll:expr, $nested:literal, |$r:ident| $key:expr) => {
        impl Rec for $t {
            const COLLECTION: &'static str = $coll;
            const NESTED: &'static str = $nested;
            fn key(&self) -> String {
                let $r = self;
                $key
            }
            fn updated_at(&self) -> Option<DateTime<Utc>> {
                self.updated_at
            }
            fn deleted_at(&self) -> Option<DateTime<Utc>> {
                self.deleted_at
            }
            fn set_updated_at(&mut self, t: DateTime<Utc>) {
                self.updated_at = Some(t);
            }
        }
    };
}

/// A shared record merges as the record it holds; an unchanged one compares by pointer.
impl<T: Rec> Rec for Shared<T> {
    const COLLECTION: &'static str = T::COLLECTION;
    const NESTED: &'static str = T::NESTED;
    fn key(&self) -> String {
        (**self).key()
    }
    fn updated_at(&self) -> Option<DateTime<Utc>> {
        (**self).updated_at()
    }
    fn deleted_at(&self) -> Option<DateTime<Utc>> {
        (**self).deleted_at()
    }
    fn set_updated_at(&mut self, t: DateTime<Utc>) {
        (**self).set_updated_at(t);
    }
}

// The written process's records, each keyed within its list of `process`.
pub const PROCESS_ROLES: &str = "process.roles";
pub const PROCESS_SEVERITIES: &str = "process.severities";
pub const PROCESS_ESCALATION: &str = "process.escalation";
pub const PROCESS_RELEASE: &str = "process.release";
pub const PROCESS_CHANGELOG: &str = "process.changelog";

rec!(RoleProcess, PROCESS_ROLES, "", |r| r.role.clone());
rec!(SeverityPolicy, PROCESS_SEVERITIES, "", |r| r
    .severity
    .as_str()
    .to_string());
rec!(Escalation, PROCESS_ESCALATION, "", |r| r.from.clone());
rec!(ReleaseStep, PROCESS_RELEASE, "");

/// Changelog lines are written once, never edited.
impl Rec for Change {
    const COLLECTION: &'static str = PROCESS_CHANGELOG;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn updated_at(&self) -> Option<DateTime<Utc>> {
        None
    }
    fn deleted_at(&self) -> Option<DateTime<Utc>> {
        None
    }
    fn set_updated_at(&mut self, _: DateTime<Utc>) {}
}

rec!(Person, "people", "");
rec!(Role, "roles", "");
rec!(Assignment, "assignments", "");
rec!(Incident, "incidents", "timeline");
rec!(Release, "releases", "");
rec!(Review, "reviews", "actions");
rec!(ActionItem, "actions", "");

impl Rec for ConflictRule {
    const COLLECTION: &'static str = "conflicts";
    fn key(&self) -> String {
        let (a, b) = ConflictRule::key(self);
        format!("{a} + {b}")
    }
    fn updated_at(&self) -> Option<DateTime<Utc>> {
        self.updated_at
    }
    fn deleted_at(&self) -> Option<DateTime<Utc>> {
        self.deleted_at
    }
    fn set_updated_at(&mut self, t: DateTime<Utc>) {
        self.updated_at = Some(t);
    }
}

impl Rec for TimelineEntry {
    const COLLECTION: &'static str = "timeline";
    fn key(&self) -> String {
        self.id.clone()
    }
    /// Timeline entries are written once; only their deletion is stamped.
    fn updated_at(&self) -> Option<DateTime<Utc>> {
        None
    }
    fn deleted_at(&self) -> Option<DateTime<Utc>> {
        self.deleted_at
    }
    fn set_updated_at(&mut self, _: DateTime<Utc>) {}
}

/// A record's JSON without its stamp and nested lists, as text with sorted keys, so that two
/// records compare by what a person sees and the tie-break is independent of field order.
fn content<T: Rec>(r: &T) -> String {
    let mut v = super::record::to_value(r);
    if let Value::Object(m) = &mut v {
        m.shift_remove("updated_at");
        if !T::NESTED.is_empty() {
            m.shift_remove(T::NESTED);
        }
    }
    canonical(&v)
}

fn canonical(v: &Value) -> String {
    fn sort(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<_> = m.keys().collect();
                order::sort(&mut keys);
                Value::Object(keys.into_iter().map(|k| (k.clone(), sort(&m[k]))).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(sort).collect()),
            other => other.clone(),
        }
    }
    sort(v).to_string()
}

/// Which of two versions of one record wins, looking only at the versions themselves (so
/// `pick(a, b, p) == pick(b, a, p.other()).other()`). `prefer` breaks ties for nested records
/// with the side whose parent won.
fn pick<T: Rec>(mine: &T, theirs: &T, prefer: Option<Side>) -> Side {
    use std::cmp::Ordering::*;
    match mine.stamp().cmp(&theirs.stamp()) {
        Greater => return Side::Mine,
        Less => return Side::Theirs,
        Equal => {}
    }
    match (mine.deleted_at().is_some(), theirs.deleted_at().is_some()) {
        (true, false) => return Side::Mine,
        (false, true) => return Side::Theirs,
        _ => {}
    }
    if let Some(side) = prefer {
        return side;
    }
    match (content(mine), mine.updated_at()).cmp(&(content(theirs), theirs.updated_at())) {
        Less => Side::Theirs,
        _ => Side::Mine,
    }
}

struct Ctx<'a> {
    counts: Vec<CollectionCount>,
    conflicts: Vec<Conflict>,
    mine: &'a Workspace,
    theirs: &'a Workspace,
}

impl<'a> Ctx<'a> {
    fn new(mine: &'a Workspace, theirs: &'a Workspace) -> Self {
        let counts = [
            "people",
            "roles",
            "conflicts",
            "assignments",
            "incidents",
            "releases",
            "reviews",
            "timeline",
            "actions",
            "settings",
            PROCESS_ROLES,
            PROCESS_SEVERITIES,
            PROCESS_ESCALATION,
            PROCESS_RELEASE,
            PROCESS_CHANGELOG,
        ]
        .into_iter()
        .map(|collection| CollectionCount {
            collection,
            new: 0,
            deleted: 0,
            updated: 0,
            unchanged: 0,
            conflicts: 0,
        })
        .collect();
        Ctx {
            counts,
            conflicts: vec![],
            mine,
            theirs,
        }
    }
    fn count(&mut self, collection: &str) -> &mut CollectionCount {
        let i = self
            .counts
            .iter()
            .position(|c| c.collection == collection)
            .unwrap_or(0);
        &mut self.counts[i]
    }

    /// A record's display name from either side, or its id when neither has it.
    fn name_of<T>(
        &self,
        id: &str,
        list: impl Fn(&Workspace) -> &[T],
        key: impl Fn(&T) -> (&str, &str),
    ) -> String {
        list(self.mine)
            .iter()
            .chain(list(self.theirs))
            .map(&key)
            .find(|(rid, _)| *rid == id)
            .map_or_else(|| id.to_string(), |(_, name)| name.to_string())
    }
    fn person_name(&self, id: &str) -> String {
        self.name_of(id, |ws| ws.people.shared(), |p| (&p.id, &p.name))
    }
    fn role_name(&self, id: &str) -> String {
        self.name_of(id, |ws| ws.roles.shared(), |r| (&r.id, &r.name))
    }
    fn incident_title(&self, id: &str) -> String {
        self.name_of(id, |ws| ws.incidents.shared(), |i| (&i.id, &i.title))
    }
}

fn short(text: &str) -> String {
    const MAX: usize = 40;
    let text = text.trim();
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>().trim_end())
    }
}

/// Merges one pair of versions: which side wins, whether the loser must be listed, and the
/// merged record (nested lists are merged by `children`, told which side won).
fn merge_pair<T: Rec>(
    m: &T,
    t: &T,
    prefer: Option<Side>,
    parent: Option<&str>,
    ctx: &mut Ctx,
    label: &dyn Fn(&T, &Ctx) -> String,
    children: &mut dyn FnMut(&mut T, &T, &T, Side, &mut Ctx),
) -> T {
    if m == t {
        ctx.count(T::COLLECTION).unchanged += 1;
        return m.clone();
    }
    let same_content = content(m) == content(t);
    let one_stamped = m.stamp().is_some() != t.stamp().is_some();
    let side = if !same_content && one_stamped {
        if m.stamp().is_some() {
            Side::Mine
        } else {
            Side::Theirs
        }
    } else {
        pick(m, t, prefer)
    };
    let mut out = match side {
        Side::Mine => m.clone(),
        Side::Theirs => t.clone(),
    };
    children(&mut out, m, t, side, ctx);
    let conflict = !same_content && !one_stamped;
    let deletes_mine = out.deleted_at().is_some() && m.deleted_at().is_none();
    if conflict {
        // A deletion that wins is counted as one, though the deleted version is still listed.
        if deletes_mine {
            ctx.count(T::COLLECTION).deleted += 1;
        } else {
            ctx.count(T::COLLECTION).conflicts += 1;
        }
        ctx.conflicts.push(Conflict {
            collection: T::COLLECTION,
            id: m.key(),
            parent: parent.map(str::to_string),
            label: label(&out, ctx),
            kept: side,
            mine: super::record::to_value(m),
            theirs: super::record::to_value(t),
        });
    } else if &out == m {
        ctx.count(T::COLLECTION).unchanged += 1;
    } else if deletes_mine {
        ctx.count(T::COLLECTION).deleted += 1;
    } else {
        ctx.count(T::COLLECTION).updated += 1;
    }
    out
}

/// Union of two lists by key: my order, then their new records in their order. Returns the
/// list and whether anything of theirs was added.
fn merge_list<T: Rec>(
    mine: &[T],
    theirs: &[T],
    prefer: Option<Side>,
    parent: Option<&str>,
    ctx: &mut Ctx,
    label: &dyn Fn(&T, &Ctx) -> String,
    children: &mut dyn FnMut(&mut T, &T, &T, Side, &mut Ctx),
) -> (Vec<T>, bool) {
    let mut their_index: HashMap<String, usize> = HashMap::new();
    for (i, r) in theirs.iter().enumerate() {
        their_index.entry(r.key()).or_insert(i);
    }
    let my_keys: HashSet<String> = mine.iter().map(Rec::key).collect();
    let mut used = HashSet::new();
    let mut out = Vec::with_capacity(mine.len() + theirs.len());
    for m in mine {
        let key = m.key();
        match their_index.get(&key) {
            // Duplicate ids on my side (refused by import validation) are kept as they are.
            Some(&i) if used.insert(key) => {
                out.push(merge_pair(m, &theirs[i], prefer, parent, ctx, label, children))
            }
            _ => out.push(m.clone()),
        }
    }
    let mut added = false;
    for t in theirs {
        if !my_keys.contains(&t.key()) {
            let count = ctx.count(T::COLLECTION);
            if t.deleted_at().is_some() {
                count.deleted += 1;
            } else {
                count.new += 1;
            }
            out.push(t.clone());
            added = true;
        }
    }
    (out, added)
}

fn no_children<T>(_: &mut T, _: &T, _: &T, _: Side, _: &mut Ctx) {}

/// A list with no parent and no nested records: [`merge_list`] with nothing else to say.
fn top_level<T: Rec>(
    mine: &[T],
    theirs: &[T],
    ctx: &mut Ctx,
    label: &dyn Fn(&T, &Ctx) -> String,
) -> (Vec<T>, bool) {
    merge_list(mine, theirs, None, None, ctx, label, &mut no_children)
}

fn merge_with(mine: &Workspace, theirs: &Workspace, ctx: &mut Ctx) -> Workspace {
    let people = top_level(
        mine.people.shared(),
        theirs.people.shared(),
        ctx,
        &|p: &Shared<Person>, _| format!("Person \"{}\"", p.name),
    )
    .0;
    let roles = top_level(
        mine.roles.shared(),
        theirs.roles.shared(),
        ctx,
        &|r: &Shared<Role>, _| format!("Role \"{}\"", r.name),
    )
    .0;
    let conflicts = merge_list(
        &mine.conflicts,
        &theirs.conflicts,
        None,
        None,
        ctx,
        &|c: &ConflictRule, ctx| {
            format!(
                "Conflict rule \"{} / {}\"",
                ctx.role_name(&c.roles[0]),
                ctx.role_name(&c.roles[1])
            )
        },
        &mut no_children,
    )
    .0;
    let assignments = merge_list(
        mine.assignments.shared(),
        theirs.assignments.shared(),
        None,
        None,
        ctx,
        &|a: &Shared<Assignment>, ctx| {
            format!(
                "Assignment \"{} as {}\"",
                ctx.person_name(&a.person),
                ctx.role_name(&a.role)
            )
        },
        &mut no_children,
    )
    .0;
    let incidents = merge_list(
        mine.incidents.shared(),
        theirs.incidents.shared(),
        None,
        None,
        ctx,
        &|i: &Shared<Incident>, _| format!("Incident \"{}\"", i.title),
        &mut |out: &mut Shared<Incident>, m: &Shared<Incident>, t: &Shared<Incident>, side, ctx: &mut Ctx| {
            let title = ctx.incident_title(&m.id);
            let (mut timeline, added) = merge_list(
                &m.timeline,
                &t.timeline,
                Some(side),
                Some(&m.id),
                ctx,
                &|e: &TimelineEntry, _| {
                    format!("Timeline entry \"{}\" in incident \"{}\"", short(&e.text), title)
                },
                &mut no_children,
            );
            if added {
                order::sort_by_key(&mut timeline, |e| e.at);
            }
            out.timeline = timeline;
        },
    )
    .0;
    let releases = top_level(
        mine.releases.shared(),
        theirs.releases.shared(),
        ctx,
        &|r: &Shared<Release>, _| format!("Release \"{}\"", r.name),
    )
    .0;
    let reviews = merge_list(
        mine.reviews.shared(),
        theirs.reviews.shared(),
        None,
        None,
        ctx,
        &|r: &Shared<Review>, ctx| format!("Review of \"{}\"", ctx.incident_title(&r.incident)),
        &mut |out: &mut Shared<Review>, m: &Shared<Review>, t: &Shared<Review>, side, ctx: &mut Ctx| {
            let title = ctx.incident_title(&m.incident);
            out.actions = merge_list(
                &m.actions,
                &t.actions,
                Some(side),
                Some(&m.id),
                ctx,
                &|a: &ActionItem, _| {
                    format!(
                        "Action item \"{}\" in the review of \"{}\"",
                        short(&a.text),
                        title
                    )
                },
                &mut no_children,
            )
            .0;
        },
    )
    .0;
    let settings = merge_settings(&mine.settings, &theirs.settings, ctx);

    // Unknown top-level fields: union, mine wins on a clash (a later version's data we
    // cannot merge field by field).
    let mut extra = mine.extra.clone();
    for (k, v) in &theirs.extra {
        extra.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Workspace {
        format: mine.format.clone(),
        version: mine.version.max(theirs.version),
        exported_at: mine.exported_at.max(theirs.exported_at),
        settings,
        people: Records::from_shared(people),
        roles: Records::from_shared(roles),
        conflicts,
        assignments: Records::from_shared(assignments),
        incidents: Records::from_shared(incidents),
        releases: Records::from_shared(releases),
        reviews: Records::from_shared(reviews),
        process: merge_process(mine.process.as_ref(), theirs.process.as_ref(), ctx),
        extra,
    }
}

/// The written process: a side without one keeps the other's; with two, each list is merged
/// record by record like the collections (a role's duties and checklist are one record, so two
/// people editing different roles' checklists both keep their work), the changelog is the union
/// of both, by time.
fn merge_process(mine: Option<&Process>, theirs: Option<&Process>, ctx: &mut Ctx) -> Option<Process> {
    let (m, t) = match (mine, theirs) {
        (None, None) => return None,
        (Some(m), None) => return Some(m.clone()),
        (None, Some(t)) => {
            ctx.count(PROCESS_ROLES).new += t.roles.len();
            ctx.count(PROCESS_SEVERITIES).new += t.severities.len();
            ctx.count(PROCESS_ESCALATION).new += t.escalation.len();
            ctx.count(PROCESS_RELEASE).new += t.release.len();
            ctx.count(PROCESS_CHANGELOG).new += t.changelog.len();
            return Some(t.clone());
        }
        (Some(m), Some(t)) => (m, t),
    };
    let roles = top_level(&m.roles, &t.roles, ctx, &|r: &RoleProcess, ctx| {
        format!("Duties and checklist of \"{}\"", ctx.role_name(&r.role))
    })
    .0;
    let severities = top_level(&m.severities, &t.severities, ctx, &|s: &SeverityPolicy, _| {
        format!("Severity policy for {}", s.severity.as_str())
    })
    .0;
    let escalation = top_level(&m.escalation, &t.escalation, ctx, &|e: &Escalation, ctx| {
        format!("Escalation from \"{}\"", ctx.role_name(&e.from))
    })
    .0;
    let release = top_level(&m.release, &t.release, ctx, &|s: &ReleaseStep, _| {
        format!("Release step \"{}\"", short(&s.text))
    })
    .0;
    let (mut changelog, added) = top_level(&m.changelog, &t.changelog, ctx, &|c: &Change, _| {
        format!("Process change \"{}\"", short(&c.text))
    });
    if added {
        order::sort_by_key(&mut changelog, |c| c.at);
    }
    let mut extra = m.extra.clone();
    for (k, v) in &t.extra {
        extra.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Some(Process {
        roles,
        severities,
        escalation,
        release,
        changelog,
        extra,
    })
}

/// Settings have no id and no `updated_at` in FORMAT.md. If a file carries `settings.updated_at`
/// (kept as an unknown field) the same stamp rules as records apply; otherwise mine win. Keys
/// of `severity_descriptions`, `rest`, `rota` and unknown fields only one side has are kept
/// either way.
fn merge_settings(mine: &Settings, theirs: &Settings, ctx: &mut Ctx) -> Settings {
    if mine == theirs {
        ctx.count("settings").unchanged += 1;
        return mine.clone();
    }
    let stamp = |s: &Settings| value_stamp(&Value::Object(s.extra.clone()));
    let strip = |s: &Settings| {
        let mut v = super::record::to_value(s);
        if let Value::Object(m) = &mut v {
            m.shift_remove("updated_at");
        }
        canonical(&v)
    };
    let same_content = strip(mine) == strip(theirs);
    let one_stamped = stamp(mine).is_some() != stamp(theirs).is_some();
    let side = if stamp(theirs) > stamp(mine) {
        Side::Theirs
    } else {
        Side::Mine
    };
    let (win, lose) = match side {
        Side::Mine => (mine, theirs),
        Side::Theirs => (theirs, mine),
    };
    let mut out = win.clone();
    for (k, v) in &lose.severity_descriptions {
        out.severity_descriptions
            .entry(k.clone())
            .or_insert_with(|| v.clone());
    }
    for (k, v) in &lose.extra {
        out.extra.entry(k.clone()).or_insert_with(|| v.clone());
    }
    // Rest and rota settings only one side has set are kept, like unknown fields.
    if out.rest.is_none() {
        out.rest = lose.rest.clone();
    }
    if out.rota.is_none() {
        out.rota = lose.rota.clone();
    }
    if !same_content && !one_stamped {
        ctx.count("settings").conflicts += 1;
        ctx.conflicts.push(Conflict {
            collection: "settings",
            id: "settings".into(),
            parent: None,
            label: "Settings".into(),
            kept: side,
            mine: super::record::to_value(mine),
            theirs: super::record::to_value(theirs),
        });
    } else if &out == mine {
        ctx.count("settings").unchanged += 1;
    } else {
        ctx.count("settings").updated += 1;
    }
    out
}

/// A field's value as a person reads it in the conflict list: labels for statuses,
/// severities and kinds rather than their stored spellings, times to the second (two edits in
/// the same minute must not look alike), lists joined. `times` renders an instant.
pub fn field_words(field: &str, v: &Value, times: impl Fn(DateTime<Utc>) -> String) -> String {
    use super::model::{ReleaseStatus, ReviewKind, ReviewStatus, Scope, Severity, Status};
    match v {
        // A missing `active` means active (FORMAT.md); Hatrack leaves the default out.
        Value::Null if field == "active" => "yes".into(),
        Value::Null => "(not set)".into(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) if field.ends_with("_at") || field == "start" || field == "end" => {
            DateTime::parse_from_rfc3339(s).map_or_else(|_| s.clone(), |t| times(t.to_utc()))
        }
        Value::String(s) => {
            let label = match field {
                "status" => Status::parse(s)
                    .map(|x| x.label().to_string())
                    .or_else(|| ReleaseStatus::parse(s).map(|x| x.label().to_string()))
                    .or_else(|| ReviewStatus::parse(s).map(|x| x.label().to_string())),
                "severity" => Severity::parse(s).map(|x| x.as_str().to_string()),
                "kind" => ReviewKind::parse(s).map(|k| k.label().to_string()),
                "scope" => Scope::ALL
                    .into_iter()
                    .find(|x| x.as_str() == s)
                    .map(|x| x.as_str().to_string()),
                _ => None,
            };
            label.unwrap_or_else(|| s.clone())
        }
        Value::Array(a) if a.iter().all(Value::is_string) => {
            let items: Vec<_> = a.iter().filter_map(Value::as_str).collect();
            if items.is_empty() {
                "(none)".into()
            } else {
                items.join(", ")
            }
        }
        other => other.to_string(),
    }
}

impl Conflict {
    /// Which side was edited later, by `updated_at`, for "(newer)" beside it; `None` if the two
    /// stamps are equal or missing.
    pub fn newer_side(&self) -> Option<Side> {
        match (value_stamp(&self.mine), value_stamp(&self.theirs)) {
            (Some(m), Some(t)) if m > t => Some(Side::Mine),
            (Some(m), Some(t)) if t > m => Some(Side::Theirs),
            (Some(_), None) => Some(Side::Mine),
            (None, Some(_)) => Some(Side::Theirs),
            _ => None,
        }
    }
}
