//! The one state owner: the workspace signal, its saving, undo, the other tabs and the
//! messages shown about it.
//!
//! Several tabs may have the same workspace open. Each keeps the stored text as it last read
//! or wrote it (`last_seen`); stored text that differs from it was written by another tab.
//! Whether this tab adopts such text as it is or merges it with its own edits is the rule in
//! [`crate::domain::tabs`]; this module gathers what the rule needs (whether the writer had seen
//! this tab's last write is noted under [`storage::BASE_KEY`]) and carries it out. Every write
//! re-reads the stored text first, so two edits made at the same moment in two tabs both survive.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::storage;
use crate::domain::merge::{self, Conflict};
use crate::domain::model::{Assignment, ConflictRule, Person, Records, Release, Review, Role, Settings};
use crate::domain::tabs::{self, Last, Sighting, TakeIn};
use crate::domain::Workspace;

/// How long edits may pile up before they are written. Reload and tab close flush at once.
const SAVE_DELAY_MS: u32 = 300;

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub text: String,
    /// Shown with an Undo button when set; the snapshot lives in [`App::undo`].
    pub undo: bool,
}

/// What load, rest, role holders and the person pickers are computed from: the team's people,
/// roles, rules, assignments, reviews (open action items add load), settings and when each
/// incident started (an action item counts from it). Records are shared, so building and
/// comparing this after an edit is a pointer per record; a timeline note or a release edit
/// leaves it equal, and nothing computed from it runs again.
#[derive(Clone, PartialEq)]
struct Team {
    people: Records<Person>,
    roles: Records<Role>,
    conflicts: Vec<ConflictRule>,
    assignments: Records<Assignment>,
    reviews: Records<Review>,
    settings: Settings,
    incident_starts: u64,
}

impl Team {
    fn of(ws: &Workspace) -> Team {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for i in &ws.incidents {
            (&i.id, i.started_at).hash(&mut h);
        }
        Team {
            people: ws.people.clone(),
            roles: ws.roles.clone(),
            conflicts: ws.conflicts.clone(),
            assignments: ws.assignments.clone(),
            reviews: ws.reviews.clone(),
            settings: ws.settings.clone(),
            incident_starts: h.finish(),
        }
    }
}

#[derive(Clone, Copy)]
pub struct App {
    pub ws: RwSignal<Workspace>,
    /// The part of the workspace [`App::with_team`] follows.
    team: Memo<Team>,
    /// The release log alone, for readers that need nothing else (compared by pointer).
    pub releases: Memo<Records<Release>>,
    /// A write that failed: shown until the next write succeeds.
    pub save_error: RwSignal<Option<String>>,
    /// Stored text that could not be read at start (kept under the backup key).
    pub unreadable: RwSignal<Option<Unreadable>>,
    pub toast: RwSignal<Option<Toast>>,
    /// Versions an import's merge replaced, listed on the Data page until the person chooses.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// The workspace and conflict list before the last undoable change.
    undo: StoredValue<Option<(Workspace, Vec<Conflict>)>, LocalStorage>,
    /// The stored text as this tab last read or wrote it.
    last_seen: StoredValue<String, LocalStorage>,
    /// Whether `last_seen` is this tab's own write (edits other tabs may not have seen yet).
    wrote_last: StoredValue<bool, LocalStorage>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub raw: String,
    pub problem: String,
    pub backed_up: bool,
}

thread_local! {
    static PENDING: RefCell<Option<Timeout>> = const { RefCell::new(None) };
}

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn app() -> App {
    expect_context::<App>()
}

impl App {
    /// The state for a workspace just loaded from storage; follows what other tabs store.
    pub fn new(ws: Workspace, unreadable: Option<Unreadable>) -> App {
        let ws = RwSignal::new(ws);
        let app = App {
            ws,
            team: Memo::new(move |_| ws.with(Team::of)),
            releases: Memo::new(move |_| ws.with(|ws| ws.releases.clone())),
            save_error: RwSignal::new(None),
            unreadable: RwSignal::new(unreadable),
            toast: RwSignal::new(None),
            conflicts: RwSignal::new(Vec::new()),
            undo: StoredValue::new_local(None),
            last_seen: StoredValue::new_local(storage::read_raw(storage::KEY).unwrap_or_default()),
            wrote_last: StoredValue::new_local(false),
        };
        // The event fires only in the other tabs of this origin, never in the one that wrote.
        let _ = window_event_listener(leptos::ev::storage, move |e| {
            if e.key().as_deref() == Some(storage::KEY) {
                app.stored_elsewhere();
            }
        });
        app
    }

    /// Reads the workspace for something computed from the team alone (load, rest, who holds
    /// which role, the person pickers): a reactive reader re-runs when people, roles, rules,
    /// assignments, reviews, settings or incident starts change, not on every edit. `f` must
    /// read nothing else.
    pub fn with_team<R>(&self, f: impl FnOnce(&Workspace) -> R) -> R {
        // Read, not only tracked: a memo that has never run has not subscribed to the workspace.
        self.team.with(|_| ());
        self.ws.with_untracked(f)
    }

    /// Applies an edit and schedules a save. Any edit ends the chance to undo the last one.
    pub fn update(&self, f: impl FnOnce(&mut Workspace)) {
        self.forget_undo();
        self.ws.update(f);
        self.schedule_save();
    }

    fn forget_undo(&self) {
        self.undo.set_value(None);
        if self.toast.with_untracked(|t| t.as_ref().is_some_and(|t| t.undo)) {
            self.toast.set(None);
        }
    }

    /// Applies an edit that may be refused: on `Err` the workspace is left exactly as it was.
    pub fn try_update<T, E>(&self, f: impl FnOnce(&mut Workspace) -> Result<T, E>) -> Result<T, E> {
        let mut copy = self.ws.get_untracked();
        let out = f(&mut copy)?;
        self.update(|ws| *ws = copy);
        Ok(out)
    }

    /// Like [`App::try_update`], but keeps the previous workspace so a toast can undo it.
    pub fn update_with_undo<T, E>(
        &self,
        message: impl Into<String>,
        f: impl FnOnce(&mut Workspace) -> Result<T, E>,
    ) -> Result<T, E> {
        let before = (self.ws.get_untracked(), self.conflicts.get_untracked());
        let out = self.try_update(f)?;
        self.undo.set_value(Some(before));
        self.toast.set(Some(Toast {
            text: message.into(),
            undo: true,
        }));
        Ok(out)
    }

    pub fn can_undo(&self) -> bool {
        self.undo.with_value(|u| u.is_some())
    }

    pub fn undo(&self) {
        if let Some((before, conflicts)) = self.undo.try_update_value(|u| u.take()).flatten() {
            self.ws.set(before);
            self.conflicts.set(conflicts);
            self.schedule_save();
            self.toast.set(Some(Toast {
                text: "Undone.".into(),
                undo: false,
            }));
        }
    }

    pub fn say(&self, text: impl Into<String>) {
        self.toast.set(Some(Toast {
            text: text.into(),
            undo: false,
        }));
    }

    fn schedule_save(&self) {
        let this = *self;
        let timeout = Timeout::new(SAVE_DELAY_MS, move || this.save_now());
        PENDING.with(|p| p.borrow_mut().replace(timeout));
    }

    pub fn save_pending(&self) -> bool {
        PENDING.with(|p| p.borrow().is_some())
    }

    /// Writes now if a save is pending (page hide, reload, tab close).
    pub fn flush(&self) {
        if let Some(t) = PENDING.with(|p| p.borrow_mut().take()) {
            t.cancel();
            self.save_now();
        }
    }

    fn save_now(&self) {
        super::measure::timed("hatrack:save", || self.save_inner());
    }

    fn save_inner(&self) {
        PENDING.with(|p| p.borrow_mut().take());
        self.take_in_stored();
        if self
            .unreadable
            .with_untracked(|u| u.as_ref().is_some_and(|u| !u.backed_up))
        {
            self.save_error.set(Some(
                "Not saved: the data that was stored before could not be read, and there was no room \
                 to keep a copy of it. Download it from the banner above, then choose \"Discard it\"."
                    .into(),
            ));
            return;
        }
        let seen = self.last_seen.get_value();
        match self.ws.with_untracked(|ws| storage::save(ws, &seen)) {
            Ok(text) => {
                self.last_seen.set_value(text);
                self.wrote_last.set_value(true);
                if self.save_error.get_untracked().is_some() {
                    self.save_error.set(None);
                }
            }
            Err(e) => self.save_error.set(Some(e)),
        }
    }

    /// Folds in text another tab stored since this tab last read or wrote: merged, newer
    /// version of each record winning, so this tab's unsaved edits and theirs both survive.
    fn take_in_stored(&self) {
        let Some(stored) = storage::read_raw(storage::KEY) else {
            return;
        };
        if self.last_seen.with_value(|seen| *seen == stored) {
            return;
        }
        match storage::decode(&stored) {
            Ok(theirs) => {
                let merged = self
                    .ws
                    .with_untracked(|mine| merge::merge(mine, &theirs).workspace);
                if self.ws.with_untracked(|mine| *mine != merged) {
                    self.ws.set(merged);
                }
            }
            Err(problem) => self.found_unreadable(stored.clone(), problem),
        }
        self.last_seen.set_value(stored);
    }

    /// Another tab stored the workspace: adopt its text or merge with it ([`tabs::take_in`]).
    fn stored_elsewhere(&self) {
        let stored = storage::read_raw(storage::KEY);
        let wrote_last = self.wrote_last.get_value();
        let step = self.last_seen.with_value(|seen| {
            tabs::take_in(&Sighting {
                stored: stored.as_deref(),
                last_seen: seen,
                last: if wrote_last {
                    Last::Wrote {
                        writer_saw_it: storage::written_over()
                            .is_some_and(|base| base == storage::fingerprint(seen)),
                    }
                } else {
                    Last::Read
                },
                save_pending: self.save_pending(),
                save_failed: self.save_error.with_untracked(Option::is_some),
            })
        });
        match (step, stored) {
            (TakeIn::Forget, _) => self.last_seen.set_value(String::new()),
            (TakeIn::Merge, _) => {
                if !self.save_pending() {
                    self.schedule_save();
                }
                self.flush();
            }
            (TakeIn::Adopt, Some(stored)) => {
                match storage::decode(&stored) {
                    Ok(theirs) => {
                        self.forget_undo();
                        self.ws.set(theirs);
                    }
                    Err(problem) => self.found_unreadable(stored.clone(), problem),
                }
                self.last_seen.set_value(stored);
                self.wrote_last.set_value(false);
            }
            (TakeIn::Nothing | TakeIn::Adopt, _) => {}
        }
    }

    /// Stored text this tab cannot read (a newer Hatrack in another tab, a hand edit): keep a
    /// copy before anything overwrites it, and say so in the banner.
    fn found_unreadable(&self, raw: String, problem: String) {
        let raw = storage::kept(&raw);
        let backed_up = storage::back_up(&raw);
        self.unreadable.set(Some(Unreadable {
            raw,
            problem,
            backed_up,
        }));
    }
}
