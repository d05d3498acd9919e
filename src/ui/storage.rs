//! The one place that touches localStorage: versioned key, envelope, backup of unreadable data.

use crate::domain::Workspace;

/// The workspace lives under this key. The `v1` is the storage layout version, bumped only
/// if the key's meaning changes; the envelope inside says how the text is encoded.
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

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn read_raw(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Decodes what [`encode`] wrote, or plain JSON from before the envelope existed.
pub fn decode(stored: &str) -> Result<Workspace, String> {
    let json = crate::domain::compact::decode(stored).map_err(|e| e.to_string())?;
    Workspace::from_json(&json).map_err(|e| e.to_string())
}

/// Above this much JSON, saving favours speed over size: deflate level 1 is about three times
/// faster than level 6 and still keeps a decade of history under a third of the quota.
const FAST_SAVE_ABOVE: usize = 1_000_000;

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

/// Writes the workspace. On failure (quota exceeded, storage disabled) says why in a sentence;
/// the caller keeps its in-memory workspace either way.
pub fn save_text(text: &str) -> Result<(), String> {
    save_over(text, "")
}

/// A short stand-in for a stored text (FNV-1a over its bytes, and its length).
pub fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:016x}-{}", hash, text.len())
}

/// The fingerprint of the text the last writer had seen, if it said.
pub fn written_over() -> Option<String> {
    read_raw(BASE_KEY)
}

/// Like [`save_text`], also noting that the writer had seen `seen` (the text it replaces).
pub fn save_over(text: &str, seen: &str) -> Result<(), String> {
    let storage = local().ok_or_else(|| {
        "This browser does not allow Hatrack to use local storage here (private mode or a \
         site setting). Your work stays in this tab only: export it before closing."
            .to_string()
    })?;
    // Written first: a tab told of the new text by the event for KEY then finds its base.
    let _ = storage.set_item(BASE_KEY, &fingerprint(seen));
    let written = storage.set_item(KEY, text).or_else(|e| {
        // The remembered ancestor only makes a later merge finer; the workspace comes first.
        match storage.get_item(EXCHANGED_KEY) {
            Ok(Some(_)) => {
                let _ = storage.remove_item(EXCHANGED_KEY);
                storage.set_item(KEY, text)
            }
            _ => Err(e),
        }
    });
    written.map_err(|_| {
        format!(
            "Could not save: the browser's storage for this site is full ({} characters needed). \
             Your changes are safe in this tab. Export the workspace now, then free space.",
            text.encode_utf16().count()
        )
    })
}

/// Remembers `ws` as the last file exchanged; false when there is no room for it (the next
/// import then merges two ways, as without it).
pub fn remember_exchanged(ws: &Workspace) -> bool {
    local().is_some_and(|s| s.set_item(EXCHANGED_KEY, &encode(ws)).is_ok())
}

/// The last file exchanged, when one is remembered and still reads.
pub fn exchanged() -> Option<Workspace> {
    read_raw(EXCHANGED_KEY).and_then(|raw| decode(&raw).ok())
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
    let Some(s) = local() else { return 0 };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .map(|k| {
            let v = s.get_item(&k).ok().flatten().unwrap_or_default();
            k.encode_utf16().count() + v.encode_utf16().count()
        })
        .sum()
}
