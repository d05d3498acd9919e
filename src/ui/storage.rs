//! The one place that touches localStorage: versioned key, envelope or chunks
//! ([`crate::domain::chunks`]), backup of unreadable data.

use std::cell::RefCell;

use crate::domain::chunks::{self, Full, Stored};
use crate::domain::Workspace;

/// The workspace lives under this key. The `v1` is the storage layout version, bumped only
/// if the key's meaning changes; the text inside says how it is encoded: a whole envelope, or
/// a manifest naming chunks stored under `KEY.c.NAME`.
pub const KEY: &str = "hatrack.workspace.v1";
/// Stored text that could not be read is copied here before anything overwrites it.
pub const BACKUP_KEY: &str = "hatrack.workspace.v1.unreadable";
/// Which stored text the last writer had seen before it wrote (a [`fingerprint`]): another tab
/// whose own last write has that fingerprint may take the new text as it is; any other tab
/// wrote at the same moment and must merge.
pub const BASE_KEY: &str = "hatrack.workspace.v1.base";
/// The last workspace file this browser exchanged (exported whole, or imported with Merge or
/// Replace), encoded like the workspace: the common ancestor a later import merges against.
/// It gives way to the workspace itself when space runs out.
pub const EXCHANGED_KEY: &str = "hatrack.workspace.v1.exchanged";
/// Chromium's measured localStorage quota per origin, in UTF-16 code units.
pub const QUOTA_CHARS: usize = 5_242_880;

pub enum Loaded {
    /// Nothing stored yet: a first visit.
    Fresh,
    Ok(Box<Workspace>),
    /// The stored text is kept under [`BACKUP_KEY`]; `backed_up` says whether that copy worked.
    Unreadable {
        raw: String,
        problem: String,
        backed_up: bool,
    },
}

thread_local! {
    /// What is stored under [`KEY`] as this tab last read or wrote it, run by run: what the
    /// next save compares with, so it encodes only what changed.
    static STORED: RefCell<Stored> = RefCell::new(Stored::default());
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// localStorage as the chunked layout sees it.
struct Local(web_sys::Storage);

impl chunks::Store for Local {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Full> {
        self.0.set_item(key, value).map_err(|_| Full)
    }
    fn remove(&mut self, key: &str) {
        let _ = self.0.remove_item(key);
    }
    fn keys(&self) -> Vec<String> {
        let n = self.0.length().unwrap_or(0);
        (0..n).filter_map(|i| self.0.key(i).ok().flatten()).collect()
    }
    /// The remembered ancestor only makes a later merge finer; the workspace comes first.
    fn make_room(&mut self) -> bool {
        let held = matches!(self.0.get_item(EXCHANGED_KEY), Ok(Some(_)));
        held && self.0.remove_item(EXCHANGED_KEY).is_ok()
    }
}

pub fn read_raw(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// The workspace JSON in text stored under [`KEY`]: a manifest's chunks joined, a whole
/// envelope unpacked, or plain JSON from before the envelope existed.
pub fn stored_json(stored: &str) -> Result<String, String> {
    if chunks::is_manifest(stored) {
        let store = Local(local().ok_or("This browser does not allow local storage here.")?);
        return chunks::join(&store, KEY, stored).map_err(|e| e.to_string());
    }
    crate::domain::compact::decode(stored).map_err(|e| e.to_string())
}

/// A chunked workspace read run by run ([`chunks::read_parts`]), when it reads and follows the
/// rules; `None` for a whole envelope, or when the whole text must be read to say what is wrong.
fn read_in_parts(stored: &str) -> Result<Option<Workspace>, String> {
    if !chunks::is_manifest(stored) {
        return Ok(None);
    }
    let store = Local(local().ok_or("This browser does not allow local storage here.")?);
    let ws = chunks::read_parts(&store, KEY, stored).map_err(|e| e.to_string())?;
    Ok(ws.and_then(Workspace::from_typed))
}

/// Reads text stored under [`KEY`] (either layout) and notes what is stored, so the next save
/// re-encodes only what differs from it.
pub fn decode(stored: &str) -> Result<Workspace, String> {
    let ws = match read_in_parts(stored)? {
        Some(ws) => ws,
        None => Workspace::from_json(&stored_json(stored)?).map_err(|e| e.to_string())?,
    };
    STORED.with(|s| s.replace(Stored::read_from(stored, &ws)));
    Ok(ws)
}

/// What to keep of unreadable text under [`KEY`]: a manifest together with every chunk it
/// names, so writing over them loses nothing.
pub fn kept(stored: &str) -> String {
    match local() {
        Some(s) if chunks::is_manifest(stored) => chunks::bundle(&Local(s), KEY, stored),
        _ => stored.to_string(),
    }
}

/// Above this much JSON, a whole envelope favours speed over size: deflate level 1 is about
/// three times faster than level 6 and still keeps a decade of history under a third of the
/// quota.
const FAST_SAVE_ABOVE: usize = 1_000_000;

/// The whole workspace as one envelope (the remembered exchanged file).
pub fn encode(ws: &Workspace) -> String {
    let json = ws.to_json_compact();
    let level = if json.len() > FAST_SAVE_ABOVE { 1 } else { 6 };
    crate::domain::compact::encode_with_level(&json, level)
}

pub fn load() -> Loaded {
    let Some(raw) = read_raw(KEY) else {
        return Loaded::Fresh;
    };
    match decode(&raw) {
        Ok(ws) => Loaded::Ok(Box::new(ws)),
        Err(problem) => {
            let raw = kept(&raw);
            let backed_up = back_up(&raw);
            Loaded::Unreadable {
                raw,
                problem,
                backed_up,
            }
        }
    }
}

/// Copies text that could not be read to [`BACKUP_KEY`] before anything may overwrite it;
/// false if there was no room.
pub fn back_up(raw: &str) -> bool {
    read_raw(BACKUP_KEY).as_deref() == Some(raw)
        || local().is_some_and(|s| s.set_item(BACKUP_KEY, raw).is_ok())
}

/// A short stand-in for a stored text (FNV-1a over its bytes, and its length).
pub fn fingerprint(text: &str) -> String {
    chunks::fingerprint(text)
}

/// The fingerprint of the text the last writer had seen, if it said.
pub fn written_over() -> Option<String> {
    read_raw(BASE_KEY)
}

/// Writes the workspace over `seen` (the text under [`KEY`] this tab last read or wrote),
/// encoding only the chunks that changed, and returns the text now under [`KEY`]. On failure
/// (quota exceeded, storage disabled) says why in a sentence and leaves what was stored as it
/// was; the caller keeps its in-memory workspace either way.
pub fn save(ws: &Workspace, seen: &str) -> Result<String, String> {
    let storage = local().ok_or_else(|| {
        "This browser does not allow Hatrack to use local storage here (private mode or a \
         site setting). Your work stays in this tab only: export it before closing."
            .to_string()
    })?;
    // Written first: a tab told of the new text by the event for KEY then finds its base.
    let _ = storage.set_item(BASE_KEY, &fingerprint(seen));
    let mut store = Local(storage);
    // What this tab knows is stored holds only while the key still has the text it knew.
    let before = STORED.with(|s| s.take());
    let before = if before.manifest == seen {
        before
    } else {
        Stored::default()
    };
    let plan = super::measure::timed("hatrack:save:plan", || chunks::plan(ws, before));
    let text = plan.text.clone();
    let needed = plan.chars();
    let written = chunks::write(&mut store, KEY, plan, seen).map(|next| (next, text));
    // Chunks take a little more room than one envelope; when the last room goes, one will do.
    let written = written.or_else(|Full| {
        if chunks::stored_whole(ws) {
            return Err(Full);
        }
        let plan = chunks::plan_whole(ws);
        let text = plan.text.clone();
        chunks::write(&mut store, KEY, plan, seen).map(|next| (next, text))
    });
    match written {
        Ok((next, text)) => {
            STORED.with(|s| s.replace(next));
            Ok(text)
        }
        Err(Full) => Err(format!(
            "Could not save: the browser's storage for this site is full ({needed} characters \
             needed). Your changes are safe in this tab. Export the workspace now, then free space."
        )),
    }
}

/// Characters (UTF-16 code units) the workspace takes in storage: its key and its chunks.
pub fn workspace_chars() -> usize {
    let chunk = chunks::chunk_key(KEY, "");
    chars_where(|k| k == KEY || k.starts_with(&chunk))
}

/// Remembers `ws` as the last file exchanged; false when there is no room for it (the next
/// import then merges two ways, as without it).
pub fn remember_exchanged(ws: &Workspace) -> bool {
    local().is_some_and(|s| s.set_item(EXCHANGED_KEY, &encode(ws)).is_ok())
}

/// The last file exchanged, when one is remembered and still reads.
pub fn exchanged() -> Option<Workspace> {
    let raw = read_raw(EXCHANGED_KEY)?;
    let json = crate::domain::compact::decode(&raw).ok()?;
    Workspace::from_json(&json).ok()
}

/// Forgets the last file exchanged (someone was erased from the workspace; the next import
/// merges two ways).
pub fn forget_exchanged() {
    if let Some(s) = local() {
        let _ = s.remove_item(EXCHANGED_KEY);
    }
}

pub fn forget_backup() {
    if let Some(s) = local() {
        let _ = s.remove_item(BACKUP_KEY);
    }
}

/// Characters (UTF-16 code units) used by this site's localStorage, keys included.
pub fn used_chars() -> usize {
    chars_where(|_| true)
}

fn chars_where(wanted: impl Fn(&str) -> bool) -> usize {
    let Some(s) = local() else { return 0 };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| wanted(k))
        .map(|k| {
            let v = s.get_item(&k).ok().flatten().unwrap_or_default();
            k.encode_utf16().count() + v.encode_utf16().count()
        })
        .sum()
}
