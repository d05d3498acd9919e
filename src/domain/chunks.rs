//! The stored layout for large workspaces: a manifest naming compressed chunks, so a save
//! re-encodes only the chunks an edit touched.
//!
//! Serialising and deflating a decade of history costs a quarter of a second, and an edit
//! changes one record. So each big collection (people, roles, assignments, incidents, releases,
//! reviews) is cut into runs of records, and each run is stored as its own [`compact`] envelope
//! under a key named by a fingerprint of its JSON; the rest of the workspace (format, settings,
//! conflict rules, process, unknown fields) is one more chunk, the head. Where a run ends is
//! decided by its last record's id (content-defined, as in rsync), so adding, editing or
//! removing a record moves no boundary elsewhere, and the records keep their order. A save
//! compares each run with the records it last stored (equality, no serialising) and encodes
//! only the runs that differ.
//!
//! Never losing an edit: chunks are written first, each under a new key; the manifest, under
//! the workspace key, is written last and is what a reader follows, so a save that stops part
//! way (crash, quota) leaves the previous manifest and every chunk it names in place. Chunks
//! only the replaced manifest named are removed after the new manifest is written. Each chunk's
//! fingerprint is checked on reading, so a damaged or missing chunk is refused, never read as
//! part of a workspace.
//!
//! A workspace with few records is stored as one [`compact`] envelope under the workspace key,
//! as every earlier version did: encoding it whole costs a few milliseconds, and an older
//! Hatrack can still read it. What those versions stored loads as it is, and is rewritten in
//! this layout by the next save once it is large.
//!
//! Manifest: `"HTK3C"` + JSON `{"layout":1,"head":NAME,"people":[[NAME,COUNT],..],..}`; a
//! NAME is the fingerprint of the chunk's JSON (FNV-1a 64 in hex, `-`, its length), COUNT
//! the records in it. The header reads as "written by a newer version" to older Hatracks.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::compact::{self, CompactError};
use super::shared::Shared;
use super::{Assignment, Incident, Person, Release, Review, Role, Workspace};

/// Header of the manifest stored under the workspace key.
pub const MANIFEST_HEADER: &str = "HTK3C";
/// How the records are cut into runs; a manifest with another number is read but not reused.
const LAYOUT: u32 = 1;
/// Below this many records (timeline entries included) the workspace is stored whole.
pub const WHOLE_BELOW: usize = 256;
/// Deflate level for the few chunks of an ordinary edit: runs are small, so the default level
/// costs little and keeps the quota for data.
const CHUNK_LEVEL: u8 = 6;
/// When a save encodes more chunks than this (an import, a first save, a move from one
/// envelope), it uses deflate level 1, about three times faster; those chunks shrink to the
/// default level as edits rewrite them.
const MANY_CHUNKS: usize = 8;
/// A run never holds more than this many times its collection's average, so a run of ids whose
/// hashes never end one stays bounded.
const LONGEST: usize = 8;

/// The collections cut into runs, in the order they are joined, with the average run length
/// (records) chosen so a run is tens of kilobytes of JSON at a decade's record sizes.
const COLLECTIONS: [(&str, usize); 6] = [
    ("people", 16),
    ("roles", 32),
    ("assignments", 128),
    ("incidents", 16),
    ("releases", 128),
    ("reviews", 32),
];

/// A record that has an id to cut runs by.
pub trait Keyed: Serialize + PartialEq + Clone {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            fn key(&self) -> &str {
                &self.id
            }
        }
    )*};
}
keyed!(Person, Role, Assignment, Incident, Release, Review);

/// Where the chunks and the manifest are kept: localStorage in the app, a map in tests.
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    /// Fails when there is no room (or no storage at all).
    fn set(&mut self, key: &str, value: &str) -> Result<(), Full>;
    fn remove(&mut self, key: &str);
    /// Every key held, for sweeping chunks nothing names.
    fn keys(&self) -> Vec<String>;
    /// Gives up something that may go when space runs out; false when nothing could.
    fn make_room(&mut self) -> bool;
}

/// The store refused a write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Full;

/// Why a stored chunked workspace could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChunkError {
    /// The manifest under the workspace key is not one this version reads.
    Manifest(String),
    /// A chunk the manifest names is not stored.
    Missing(String),
    /// A chunk is stored but does not unpack, or unpacks to other text than the manifest names.
    Damaged { name: String, detail: String },
}

impl fmt::Display for ChunkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChunkError::Manifest(detail) => write!(
                f,
                "The stored workspace's list of parts cannot be read ({detail}). \
                 Import your last exported file to recover."
            ),
            ChunkError::Missing(name) => write!(
                f,
                "Part {name} of the stored workspace is missing from the browser's storage. \
                 Import your last exported file to recover."
            ),
            ChunkError::Damaged { name, detail } => write!(
                f,
                "Part {name} of the stored workspace is damaged ({detail}). \
                 Import your last exported file to recover."
            ),
        }
    }
}

impl std::error::Error for ChunkError {}

/// A short stand-in for a text: FNV-1a 64 over its bytes, and its length.
pub fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:016x}-{}", hash, text.len())
}

/// The key a chunk is stored under, next to the workspace key `base`.
pub fn chunk_key(base: &str, name: &str) -> String {
    format!("{base}.c.{name}")
}

/// Whether `text` (under the workspace key) is a manifest rather than a whole envelope.
pub fn is_manifest(text: &str) -> bool {
    text.starts_with(MANIFEST_HEADER)
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Manifest {
    layout: u32,
    head: String,
    #[serde(default)]
    people: Vec<(String, usize)>,
    #[serde(default)]
    roles: Vec<(String, usize)>,
    #[serde(default)]
    assignments: Vec<(String, usize)>,
    #[serde(default)]
    incidents: Vec<(String, usize)>,
    #[serde(default)]
    releases: Vec<(String, usize)>,
    #[serde(default)]
    reviews: Vec<(String, usize)>,
}

impl Manifest {
    fn parse(text: &str) -> Result<Manifest, ChunkError> {
        let json = text
            .strip_prefix(MANIFEST_HEADER)
            .ok_or_else(|| ChunkError::Manifest("it has no manifest header".into()))?;
        serde_json::from_str(json).map_err(|e| ChunkError::Manifest(e.to_string()))
    }

    fn text(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("{MANIFEST_HEADER}{json}")
    }

    fn lists(&self) -> [&Vec<(String, usize)>; 6] {
        [
            &self.people,
            &self.roles,
            &self.assignments,
            &self.incidents,
            &self.releases,
            &self.reviews,
        ]
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.head.as_str()).chain(self.lists().into_iter().flatten().map(|(n, _)| n.as_str()))
    }
}

/// A run of records as last stored, under its chunk name.
#[derive(Clone, Debug, PartialEq)]
struct Piece<T> {
    name: String,
    /// Shared with the workspace: an unchanged record is the same pointer, so telling which
    /// runs changed costs a pointer comparison per record that did not.
    records: Vec<Shared<T>>,
}

/// What this browser holds, chunk by chunk, as far as the last read or write knows: the
/// records in each stored run, so the next save can tell which runs changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stored {
    /// The text under the workspace key these pieces belong to.
    pub manifest: String,
    head: String,
    people: Vec<Piece<Person>>,
    roles: Vec<Piece<Role>>,
    assignments: Vec<Piece<Assignment>>,
    incidents: Vec<Piece<Incident>>,
    releases: Vec<Piece<Release>>,
    reviews: Vec<Piece<Review>>,
}

/// What one save writes: new chunks, then the text for the workspace key.
pub struct Plan {
    /// Chunks to write first, as (name, stored text).
    pub chunks: Vec<(String, String)>,
    /// The manifest, or the whole envelope for a small workspace.
    pub text: String,
    /// Chunk names the new text refers to.
    pub names: Vec<String>,
    next: Stored,
}

impl Plan {
    /// How many chunks the save encodes (the head included when it changed).
    pub fn encoded(&self) -> usize {
        self.chunks.len()
    }

    /// Characters (UTF-16 code units) it writes, as a quota counts them.
    pub fn chars(&self) -> usize {
        let chunks = self.chunks.iter().map(|(_, t)| compact::stored_chars(t));
        chunks.sum::<usize>() + compact::stored_chars(&self.text)
    }
}

fn records(ws: &Workspace) -> usize {
    ws.people.len()
        + ws.roles.len()
        + ws.assignments.len()
        + ws.incidents.len()
        + ws.incidents.iter().map(|i| i.timeline.len()).sum::<usize>()
        + ws.releases.len()
        + ws.reviews.len()
}

/// Whether `ws` is stored as one envelope rather than in chunks.
pub fn stored_whole(ws: &Workspace) -> bool {
    records(ws) < WHOLE_BELOW
}

/// The whole workspace as one envelope (the layout for small workspaces and a fallback).
pub fn whole(ws: &Workspace) -> String {
    compact::encode(&ws.to_json_compact())
}

/// Plans storing `ws` as one envelope, whatever its size: what a small workspace is stored
/// as, and what a save falls back on when chunks do not fit.
pub fn plan_whole(ws: &Workspace) -> Plan {
    let text = whole(ws);
    Plan {
        chunks: vec![],
        names: vec![],
        next: Stored {
            manifest: text.clone(),
            ..Stored::default()
        },
        text,
    }
}

/// Cuts `records` into runs: one ends after a record whose id hashes to a multiple of
/// `every`, or when it reaches `every * LONGEST` records.
fn runs<T: Keyed>(records: &[Shared<T>], every: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(records.len() / every + 1);
    let mut start = 0;
    for (i, r) in records.iter().enumerate() {
        let h = r.key().bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        if (h as usize).is_multiple_of(every) || i + 1 - start >= every * LONGEST {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < records.len() {
        out.push(start..records.len());
    }
    out
}

/// The runs of one collection, reusing every stored piece whose records are unchanged and
/// adding the JSON of the rest to `writes`.
fn plan_runs<T: Keyed>(
    records: &[Shared<T>],
    every: usize,
    before: Vec<Piece<T>>,
    writes: &mut Vec<(String, String)>,
) -> Vec<Piece<T>> {
    let mut by_first: HashMap<String, Piece<T>> = before
        .into_iter()
        .filter_map(|p| Some((p.records.first()?.key().to_string(), p)))
        .collect();
    runs(records, every)
        .into_iter()
        .map(|range| {
            let run = &records[range];
            match by_first.remove(run[0].key()) {
                Some(piece) if piece.records == run => piece,
                _ => {
                    let json = serde_json::to_string(run).unwrap_or_default();
                    let name = fingerprint(&json);
                    writes.push((name.clone(), json));
                    Piece {
                        name,
                        records: run.to_vec(),
                    }
                }
            }
        })
        .collect()
}

/// The head: the workspace without the collections cut into runs, as a JSON object.
fn head_json(ws: &Workspace) -> String {
    let head = Workspace {
        format: ws.format.clone(),
        version: ws.version,
        exported_at: ws.exported_at,
        settings: ws.settings.clone(),
        conflicts: ws.conflicts.clone(),
        process: ws.process.clone(),
        extra: ws.extra.clone(),
        ..Workspace::default()
    };
    let mut value = super::record::to_value(&head);
    if let Value::Object(map) = &mut value {
        for (name, _) in COLLECTIONS {
            map.shift_remove(name);
        }
    }
    value.to_string()
}

/// Plans the save of `ws` over what is stored (`before`): only runs that differ from it are
/// encoded. A small workspace is planned as one envelope.
pub fn plan(ws: &Workspace, before: Stored) -> Plan {
    if stored_whole(ws) {
        return plan_whole(ws);
    }
    let mut chunks = Vec::new();
    let head = head_json(ws);
    let head_name = fingerprint(&head);
    if head_name != before.head {
        chunks.push((head_name.clone(), head));
    }
    let [p, r, a, i, l, v] = COLLECTIONS.map(|(_, every)| every);
    let mut next = Stored {
        manifest: String::new(),
        head: head_name,
        people: plan_runs(ws.people.shared(), p, before.people, &mut chunks),
        roles: plan_runs(ws.roles.shared(), r, before.roles, &mut chunks),
        assignments: plan_runs(ws.assignments.shared(), a, before.assignments, &mut chunks),
        incidents: plan_runs(ws.incidents.shared(), i, before.incidents, &mut chunks),
        releases: plan_runs(ws.releases.shared(), l, before.releases, &mut chunks),
        reviews: plan_runs(ws.reviews.shared(), v, before.reviews, &mut chunks),
    };
    let level = if chunks.len() > MANY_CHUNKS {
        1
    } else {
        CHUNK_LEVEL
    };
    for (_, text) in &mut chunks {
        *text = compact::encode_with_level(text, level);
    }
    let manifest = next.manifest_of();
    next.manifest = manifest.text();
    Plan {
        chunks,
        text: next.manifest.clone(),
        names: manifest.names().map(str::to_string).collect(),
        next,
    }
}

fn entries<T>(pieces: &[Piece<T>]) -> Vec<(String, usize)> {
    pieces.iter().map(|p| (p.name.clone(), p.records.len())).collect()
}

impl Stored {
    fn manifest_of(&self) -> Manifest {
        Manifest {
            layout: LAYOUT,
            head: self.head.clone(),
            people: entries(&self.people),
            roles: entries(&self.roles),
            assignments: entries(&self.assignments),
            incidents: entries(&self.incidents),
            releases: entries(&self.releases),
            reviews: entries(&self.reviews),
        }
    }

    /// What is stored under `text` (the workspace key's text) once `ws` has been read from it:
    /// the runs of `ws` paired with the chunks the manifest names. Runs that do not line up
    /// with the manifest (another layout, a whole envelope) are left unpaired and are encoded
    /// by the next save.
    pub fn read_from(text: &str, ws: &Workspace) -> Stored {
        let manifest = Manifest::parse(text).ok().filter(|m| m.layout == LAYOUT);
        let Some(m) = manifest else {
            return Stored {
                manifest: text.to_string(),
                ..Stored::default()
            };
        };
        let [p, r, a, i, l, v] = COLLECTIONS.map(|(_, every)| every);
        Stored {
            manifest: text.to_string(),
            head: m.head.clone(),
            people: pair(ws.people.shared(), p, &m.people),
            roles: pair(ws.roles.shared(), r, &m.roles),
            assignments: pair(ws.assignments.shared(), a, &m.assignments),
            incidents: pair(ws.incidents.shared(), i, &m.incidents),
            releases: pair(ws.releases.shared(), l, &m.releases),
            reviews: pair(ws.reviews.shared(), v, &m.reviews),
        }
    }
}

/// The runs of `records` under the names `listed`, if the runs have the counts the manifest
/// recorded; otherwise none (so nothing is taken as stored that may not be).
fn pair<T: Keyed>(records: &[Shared<T>], every: usize, listed: &[(String, usize)]) -> Vec<Piece<T>> {
    let runs = runs(records, every);
    let lines_up = runs.len() == listed.len() && runs.iter().zip(listed).all(|(r, (_, n))| r.len() == *n);
    if !lines_up {
        return vec![];
    }
    runs.into_iter()
        .zip(listed)
        .map(|(range, (name, _))| Piece {
            name: name.clone(),
            records: records[range].to_vec(),
        })
        .collect()
}

/// Reads a chunk and checks it is the text the manifest names.
fn read_chunk(store: &impl Store, base: &str, name: &str) -> Result<String, ChunkError> {
    let raw = store
        .get(&chunk_key(base, name))
        .ok_or_else(|| ChunkError::Missing(name.to_string()))?;
    let json = compact::decode(&raw).map_err(|e: CompactError| ChunkError::Damaged {
        name: name.to_string(),
        detail: match e {
            CompactError::Damaged(d) => d,
            other => other.message(),
        },
    })?;
    if fingerprint(&json) != name {
        return Err(ChunkError::Damaged {
            name: name.to_string(),
            detail: "its text is not the text that was saved".into(),
        });
    }
    Ok(json)
}

/// The workspace JSON a manifest (`text`, stored under `base`) names, joined from its chunks.
pub fn join(store: &impl Store, base: &str, text: &str) -> Result<String, ChunkError> {
    let m = Manifest::parse(text)?;
    let head = read_chunk(store, base, &m.head)?;
    let head = head
        .strip_suffix('}')
        .filter(|h| h.starts_with('{') && h.len() > 1)
        .ok_or_else(|| ChunkError::Damaged {
            name: m.head.clone(),
            detail: "it is not a JSON object".into(),
        })?;
    let mut out = String::with_capacity(head.len() * 2);
    out.push_str(head);
    for ((collection, _), list) in COLLECTIONS.iter().zip(m.lists()) {
        out.push_str(",\"");
        out.push_str(collection);
        out.push_str("\":[");
        for (k, (name, _)) in list.iter().enumerate() {
            let run = read_chunk(store, base, name)?;
            let inner = run
                .strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .ok_or_else(|| ChunkError::Damaged {
                    name: name.clone(),
                    detail: "it is not a list of records".into(),
                })?;
            if k > 0 {
                out.push(',');
            }
            out.push_str(inner);
        }
        out.push(']');
    }
    out.push('}');
    Ok(out)
}

/// The workspace a manifest names, read run by run into typed records: each chunk's text is
/// dropped as soon as its records are read, so the whole JSON never exists at once (what
/// [`join`] builds would double the memory a large workspace needs while it loads).
/// `Ok(None)` when a part does not read as the model's records; [`join`] and
/// `Workspace::from_json` then name the problem.
pub fn read_parts(store: &impl Store, base: &str, text: &str) -> Result<Option<Workspace>, ChunkError> {
    let m = Manifest::parse(text)?;
    let Ok(mut ws) = serde_json::from_str::<Workspace>(&read_chunk(store, base, &m.head)?) else {
        return Ok(None);
    };
    let [people, roles, assignments, incidents, releases, reviews] = m.lists();
    let ok = extend(store, base, people, &mut ws.people)?
        && extend(store, base, roles, &mut ws.roles)?
        && extend(store, base, assignments, &mut ws.assignments)?
        && extend(store, base, incidents, &mut ws.incidents)?
        && extend(store, base, releases, &mut ws.releases)?
        && extend(store, base, reviews, &mut ws.reviews)?;
    Ok(ok.then_some(ws))
}

/// Reads the runs `listed` onto the end of `records`; false when one is not a list of them.
fn extend<T: Keyed + serde::de::DeserializeOwned>(
    store: &impl Store,
    base: &str,
    listed: &[(String, usize)],
    records: &mut super::shared::Records<T>,
) -> Result<bool, ChunkError> {
    for (name, _) in listed {
        let Ok(run) = serde_json::from_str::<Vec<T>>(&read_chunk(store, base, name)?) else {
            return Ok(false);
        };
        records.extend(run);
    }
    Ok(true)
}

/// Every stored text a manifest names, verbatim, one `key=value` line after the manifest:
/// what is kept when the chunks cannot be read, so nothing is lost by writing over them.
pub fn bundle(store: &impl Store, base: &str, text: &str) -> String {
    let mut out = text.to_string();
    if let Ok(m) = Manifest::parse(text) {
        for name in m.names() {
            let key = chunk_key(base, name);
            if let Some(v) = store.get(&key) {
                out.push('\n');
                out.push_str(&key);
                out.push('=');
                out.push_str(&v);
            }
        }
    }
    out
}

/// Chunk names under the workspace key's text `text` (none for a whole envelope).
fn names_in(text: &str) -> Vec<String> {
    Manifest::parse(text)
        .map(|m| m.names().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Writes a plan over `seen` (the text under `base` when the plan was made): chunks first,
/// then the text for `base`, then removes chunks only `seen` named. When space runs out, makes
/// room (the store's spare data, then chunks nothing names) and tries again; if it still fails,
/// removes the chunks it wrote and leaves `seen` and its chunks as they were.
pub fn write(store: &mut impl Store, base: &str, plan: Plan, seen: &str) -> Result<Stored, Full> {
    let old = names_in(seen);
    let mut written: Vec<&str> = Vec::new();
    let texts = plan.chunks.iter().map(|(n, t)| (Some(n.as_str()), t));
    for (name, text) in texts.chain([(None, &plan.text)]) {
        let key = name.map_or_else(|| base.to_string(), |n| chunk_key(base, n));
        if let Err(full) = set_making_room(store, base, &key, text, &plan.names, &old) {
            for n in written.iter().filter(|n| !old.iter().any(|o| o == *n)) {
                store.remove(&chunk_key(base, n));
            }
            return Err(full);
        }
        written.extend(name);
    }
    let kept: std::collections::HashSet<&String> = plan.names.iter().collect();
    for name in old.iter().filter(|n| !kept.contains(n)) {
        store.remove(&chunk_key(base, name));
    }
    Ok(plan.next)
}

/// Sets `key`; when the store is full, first removes chunks that neither the new text nor the
/// replaced one names (left by a save that stopped part way), then lets the store give up its
/// spare data, trying again after each.
fn set_making_room(
    store: &mut impl Store,
    base: &str,
    key: &str,
    value: &str,
    new: &[String],
    old: &[String],
) -> Result<(), Full> {
    if store.set(key, value).is_ok() {
        return Ok(());
    }
    let prefix = chunk_key(base, "");
    for k in store.keys() {
        let orphan = k
            .strip_prefix(&prefix)
            .is_some_and(|name| !new.iter().chain(old).any(|n| n == name));
        if orphan {
            store.remove(&k);
        }
    }
    loop {
        if store.set(key, value).is_ok() {
            return Ok(());
        }
        if !store.make_room() {
            return Err(Full);
        }
    }
}
