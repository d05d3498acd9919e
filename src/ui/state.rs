//! The one state owner: the workspace signal, its saving, undo and the messages shown about it.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::storage;
use crate::domain::Workspace;

/// How long edits may pile up before they are written. Reload and tab close flush at once.
const SAVE_DELAY_MS: u32 = 300;

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub text: String,
    /// Shown with an Undo button when set; the snapshot lives in [`App::undo`].
    pub undo: bool,
}

#[derive(Clone, Copy)]
pub struct App {
    pub ws: RwSignal<Workspace>,
    /// A write that failed: shown until the next write succeeds.
    pub save_error: RwSignal<Option<String>>,
    /// Stored text that could not be read at start (kept under the backup key).
    pub unreadable: RwSignal<Option<Unreadable>>,
    pub toast: RwSignal<Option<Toast>>,
    undo: StoredValue<Option<Workspace>, LocalStorage>,
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
    pub fn new(ws: Workspace, unreadable: Option<Unreadable>) -> App {
        App {
            ws: RwSignal::new(ws),
            save_error: RwSignal::new(None),
            unreadable: RwSignal::new(unreadable),
            toast: RwSignal::new(None),
            undo: StoredValue::new_local(None),
        }
    }

    /// Applies an edit and schedules a save. Any edit ends the chance to undo the last one.
    pub fn update(&self, f: impl FnOnce(&mut Workspace)) {
        self.undo.set_value(None);
        if self.toast.with_untracked(|t| t.as_ref().is_some_and(|t| t.undo)) {
            self.toast.set(None);
        }
        self.ws.update(f);
        self.schedule_save();
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
        let before = self.ws.get_untracked();
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
        if let Some(before) = self.undo.try_update_value(|u| u.take()).flatten() {
            self.ws.set(before);
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
        PENDING.with(|p| p.borrow_mut().take());
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
        let text = self.ws.with_untracked(storage::encode);
        match storage::save_text(&text) {
            Ok(()) => {
                if self.save_error.get_untracked().is_some() {
                    self.save_error.set(None);
                }
            }
            Err(e) => self.save_error.set(Some(e)),
        }
    }
}
