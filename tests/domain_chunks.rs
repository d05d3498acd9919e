//! The chunked storage layout: round trips, saves that encode only what changed, damage
//! refused, the single envelope of earlier versions read and moved over, and a save the store
//! refuses part way leaving the previous workspace readable.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use hatrack::domain::chunks::{self, chunk_key, is_manifest, ChunkError, Full, Store, Stored};
use hatrack::domain::{compact, Workspace};
use hatrack::sample::{generate, Size};

const KEY: &str = "hatrack.workspace.v1";

/// localStorage as a map, with a quota in characters (keys and values, like Chromium's).
#[derive(Default)]
struct Mem {
    items: BTreeMap<String, String>,
    quota: Option<usize>,
    /// What `make_room` may drop, like the remembered exchanged file.
    spare: Option<String>,
}

impl Mem {
    fn used(&self) -> usize {
        self.items
            .iter()
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum()
    }
    fn chunk_keys(&self) -> Vec<String> {
        self.items
            .keys()
            .filter(|k| k.starts_with(&chunk_key(KEY, "")))
            .cloned()
            .collect()
    }
}

impl Store for Mem {
    fn get(&self, key: &str) -> Option<String> {
        self.items.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Full> {
        let old = self
            .items
            .get(key)
            .map_or(0, |v| key.chars().count() + v.chars().count());
        let after = self.used() - old + key.chars().count() + value.chars().count();
        if self.quota.is_some_and(|q| after > q) {
            return Err(Full);
        }
        self.items.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.items.remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.items.keys().cloned().collect()
    }
    fn make_room(&mut self) -> bool {
        match self.spare.take() {
            Some(k) => self.items.remove(&k).is_some(),
            None => false,
        }
    }
}

fn end() -> DateTime<Utc> {
    "2026-11-28T00:00:00Z".parse().unwrap()
}

fn small() -> Workspace {
    generate(Size::Small, 1, end())
}

/// Saves `ws` over whatever `mem` holds, as the app does.
fn save(mem: &mut Mem, ws: &Workspace, before: Stored) -> Result<Stored, Full> {
    let seen = mem.get(KEY).unwrap_or_default();
    chunks::write(mem, KEY, chunks::plan(ws, before), &seen)
}

/// Reads back what `mem` holds, as the app does on start: chunks run by run, the whole text
/// only when that does not read.
fn load(mem: &Mem) -> Result<(Workspace, Stored), ChunkError> {
    let text = mem.get(KEY).expect("something stored");
    let parts = if is_manifest(&text) {
        chunks::read_parts(mem, KEY, &text)?.and_then(Workspace::from_typed)
    } else {
        None
    };
    let ws = match parts {
        Some(ws) => ws,
        None => {
            let json = if is_manifest(&text) {
                chunks::join(mem, KEY, &text)?
            } else {
                compact::decode(&text).expect("an envelope")
            };
            Workspace::from_json(&json).expect("a valid workspace")
        }
    };
    let stored = Stored::read_from(&text, &ws);
    Ok((ws, stored))
}

fn edit_one_incident(ws: &mut Workspace) {
    let incident = &mut ws.incidents[7];
    incident.summary.push_str(" Edited once.");
}

#[test]
fn a_large_workspace_is_stored_in_chunks_and_reads_back_equal() {
    let ws = small();
    assert!(
        !chunks::stored_whole(&ws),
        "the small sample has enough records to be cut"
    );
    let mut mem = Mem::default();
    save(&mut mem, &ws, Stored::default()).unwrap();
    let text = mem.get(KEY).unwrap();
    assert!(
        text.starts_with(chunks::MANIFEST_HEADER),
        "the workspace key holds the manifest"
    );
    assert!(
        mem.chunk_keys().len() > 10,
        "several chunks: {}",
        mem.chunk_keys().len()
    );
    let (back, _) = load(&mem).unwrap();
    assert_eq!(back, ws);
}

#[test]
fn one_edit_encodes_one_chunk_and_removes_the_one_it_replaces() {
    let ws = small();
    let mut mem = Mem::default();
    let stored = save(&mut mem, &ws, Stored::default()).unwrap();
    let keys_before = mem.chunk_keys();

    let mut edited = ws.clone();
    edit_one_incident(&mut edited);
    let plan = chunks::plan(&edited, stored.clone());
    assert_eq!(plan.encoded(), 1, "only the run holding the edited incident");
    let seen = mem.get(KEY).unwrap();
    let stored = chunks::write(&mut mem, KEY, plan, &seen).unwrap();

    let keys_after = mem.chunk_keys();
    assert_eq!(
        keys_after.len(),
        keys_before.len(),
        "one chunk replaced, none left behind"
    );
    assert_eq!(keys_after.iter().filter(|k| !keys_before.contains(k)).count(), 1);
    assert_eq!(load(&mem).unwrap().0, edited);
    // Nothing changed since: nothing to encode.
    assert_eq!(chunks::plan(&edited, stored).encoded(), 0);
}

#[test]
fn a_record_added_or_removed_moves_no_other_run() {
    let ws = small();
    let mut mem = Mem::default();
    let stored = save(&mut mem, &ws, Stored::default()).unwrap();
    let mut more = ws.clone();
    let mut copy = more.assignments[3].clone();
    copy.id = "a-added-in-the-middle".into();
    more.assignments.insert(100, copy);
    let plan = chunks::plan(&more, stored.clone());
    assert!(
        plan.encoded() <= 2,
        "the run it lands in (and a split of it): {}",
        plan.encoded()
    );

    let mut fewer = ws.clone();
    fewer.releases.remove(50);
    assert!(chunks::plan(&fewer, stored).encoded() <= 2);
}

#[test]
fn what_was_read_pairs_with_the_stored_chunks_so_the_first_save_after_a_load_is_small() {
    let ws = small();
    let mut mem = Mem::default();
    save(&mut mem, &ws, Stored::default()).unwrap();
    let (mut loaded, stored) = load(&mem).unwrap();
    edit_one_incident(&mut loaded);
    assert_eq!(chunks::plan(&loaded, stored).encoded(), 1);
}

#[test]
fn a_damaged_or_missing_chunk_is_refused_not_read() {
    let ws = small();
    let mut mem = Mem::default();
    save(&mut mem, &ws, Stored::default()).unwrap();
    let key = mem.chunk_keys()[3].clone();
    let good = mem.get(&key).unwrap();

    // One packed character changed: still well-formed, but not what was saved.
    let mut chars: Vec<char> = good.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = if chars[mid] == '\u{3400}' {
        '\u{3401}'
    } else {
        '\u{3400}'
    };
    mem.items.insert(key.clone(), chars.into_iter().collect());
    assert!(matches!(load(&mem), Err(ChunkError::Damaged { .. })));

    // Another chunk's text under this name: unpacks fine, fingerprint says otherwise.
    let other = mem.get(&mem.chunk_keys()[4]).unwrap();
    mem.items.insert(key.clone(), other);
    let err = load(&mem).unwrap_err();
    assert!(matches!(err, ChunkError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("Import your last exported file"));

    mem.items.remove(&key);
    assert!(matches!(load(&mem), Err(ChunkError::Missing(_))));

    mem.items.insert(key, good);
    assert_eq!(load(&mem).unwrap().0, ws);

    mem.items
        .insert(KEY.into(), format!("{}{{not json", chunks::MANIFEST_HEADER));
    assert!(matches!(load(&mem), Err(ChunkError::Manifest(_))));
}

#[test]
fn damaged_storage_is_kept_whole_in_a_bundle() {
    let ws = small();
    let mut mem = Mem::default();
    save(&mut mem, &ws, Stored::default()).unwrap();
    let text = mem.get(KEY).unwrap();
    let bundle = chunks::bundle(&mem, KEY, &text);
    assert!(bundle.starts_with(&text));
    for key in mem.chunk_keys() {
        let line = format!("{key}={}", mem.get(&key).unwrap());
        assert!(bundle.lines().any(|l| l == line), "{key} is in the bundle");
    }
}

#[test]
fn the_single_envelope_of_earlier_versions_loads_and_the_next_save_moves_it_to_chunks() {
    let ws = small();
    for old in [compact::encode_with_level(&ws.to_json_compact(), 1), ws.to_json()] {
        let mut mem = Mem::default();
        mem.items.insert(KEY.into(), old.clone());
        let (loaded, stored) = load(&mem).unwrap();
        assert_eq!(loaded, ws, "read as it is");
        assert!(mem.chunk_keys().is_empty());

        let mut edited = loaded;
        edit_one_incident(&mut edited);
        save(&mut mem, &edited, stored).unwrap();
        assert!(is_manifest(&mem.get(KEY).unwrap()), "migrated on the next save");
        assert_eq!(load(&mem).unwrap().0, edited);
    }
}

#[test]
fn a_small_workspace_stays_one_envelope_and_leaves_no_chunks_behind() {
    let mut ws = small();
    let mut mem = Mem::default();
    let stored = save(&mut mem, &ws, Stored::default()).unwrap();
    assert!(!mem.chunk_keys().is_empty());

    ws.assignments.clear();
    ws.incidents.truncate(3);
    ws.releases.truncate(3);
    ws.reviews.clear();
    assert!(chunks::stored_whole(&ws));
    save(&mut mem, &ws, stored).unwrap();
    let text = mem.get(KEY).unwrap();
    assert!(
        text.starts_with(compact::COMPRESSED_HEADER),
        "the envelope earlier versions read"
    );
    assert!(mem.chunk_keys().is_empty(), "the chunks it replaced are gone");
    assert_eq!(load(&mem).unwrap().0, ws);
}

#[test]
fn a_save_refused_part_way_leaves_the_previous_workspace_readable_and_nothing_half_written() {
    let ws = small();
    let mut mem = Mem::default();
    let stored = save(&mut mem, &ws, Stored::default()).unwrap();
    let before = mem.items.clone();

    // Two runs change; the store has room for the first new chunk only.
    let mut edited = ws.clone();
    edit_one_incident(&mut edited);
    let n = edited.assignments.len();
    edited.assignments[n - 1].updated_at = Some(end() - chrono::Duration::days(400));
    let plan = chunks::plan(&edited, stored);
    assert_eq!(plan.encoded(), 2);
    let first = plan.chunks[0].1.chars().count() + chunk_key(KEY, &plan.chunks[0].0).chars().count();
    mem.quota = Some(mem.used() + first + 1);

    let seen = mem.get(KEY).unwrap();
    assert_eq!(chunks::write(&mut mem, KEY, plan, &seen), Err(Full));
    assert_eq!(
        mem.items, before,
        "the manifest did not move and the chunk written is gone"
    );
    assert_eq!(load(&mem).unwrap().0, ws);

    // With room again the same edit saves.
    mem.quota = None;
    let (_, stored) = load(&mem).unwrap();
    save(&mut mem, &edited, stored).unwrap();
    assert_eq!(load(&mem).unwrap().0, edited);
}

#[test]
fn when_space_runs_out_chunks_nothing_names_go_first_then_spare_data() {
    let ws = small();
    let mut mem = Mem::default();
    let stored = save(&mut mem, &ws, Stored::default()).unwrap();
    // A save that stopped before its manifest left a chunk behind.
    let orphan = chunk_key(KEY, "0000000000000000-9");
    mem.items.insert(orphan.clone(), "x".repeat(400));
    mem.items.insert("spare".into(), "y".repeat(4000));
    mem.spare = Some("spare".into());

    let mut edited = ws.clone();
    edit_one_incident(&mut edited);
    let plan = chunks::plan(&edited, stored);
    let need: usize = plan
        .chunks
        .iter()
        .map(|(n, t)| t.chars().count() + chunk_key(KEY, n).chars().count())
        .sum();
    assert!(need > 2500, "{need}");
    mem.quota = Some(mem.used() + need - 2000);
    let seen = mem.get(KEY).unwrap();
    chunks::write(&mut mem, KEY, plan, &seen).unwrap();
    assert!(mem.get(&orphan).is_none(), "the orphan was swept");
    assert!(
        mem.get("spare").is_none(),
        "the spare copy gave way to the workspace"
    );
    assert_eq!(load(&mem).unwrap().0, edited);
}

#[test]
fn chunks_are_read_run_by_run_into_the_workspace_the_whole_text_gives() {
    let ws = small();
    let mut mem = Mem::default();
    save(&mut mem, &ws, Stored::default()).unwrap();
    let text = mem.get(KEY).unwrap();
    let parts = chunks::read_parts(&mem, KEY, &text)
        .unwrap()
        .expect("every run reads");
    let whole = Workspace::from_json(&chunks::join(&mem, KEY, &text).unwrap()).unwrap();
    assert_eq!(parts, whole);
    assert_eq!(Workspace::from_typed(parts), Some(ws.clone()));

    // Records that read but break a rule (two people with one id): not taken in parts; the
    // whole text is read, and it names the problem.
    let mut twins = ws.clone();
    let first = twins.people[0].id.clone();
    twins.people[1].id = first;
    let mut bad = Mem::default();
    save(&mut bad, &twins, Stored::default()).unwrap();
    let text = bad.get(KEY).unwrap();
    let parts = chunks::read_parts(&bad, KEY, &text)
        .unwrap()
        .expect("they read as records");
    assert_eq!(Workspace::from_typed(parts), None);
    let problem = Workspace::from_json(&chunks::join(&bad, KEY, &text).unwrap()).unwrap_err();
    assert!(problem.to_string().contains("people"), "{problem}");

    // A run that is JSON but not records (a hand edit, under a name that matches its text):
    // not read in parts either.
    let manifest: serde_json::Value =
        serde_json::from_str(text.strip_prefix(chunks::MANIFEST_HEADER).unwrap()).unwrap();
    let old = manifest["assignments"][0][0].as_str().unwrap().to_string();
    let json = r#"[{"id":5}]"#;
    let name = chunks::fingerprint(json);
    bad.items.insert(chunk_key(KEY, &name), compact::encode(json));
    bad.items.insert(KEY.into(), text.replace(&old, &name));
    let text = bad.get(KEY).unwrap();
    assert_eq!(chunks::read_parts(&bad, KEY, &text).unwrap(), None);
    assert!(Workspace::from_json(&chunks::join(&bad, KEY, &text).unwrap()).is_err());
}
