//! Export, import with a preview (merge or replace), incident bundles and the browser's storage.

use crate::domain::order;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::domain::merge::{
    self, Conflict, Preview, Side, PROCESS_CHANGELOG, PROCESS_ESCALATION, PROCESS_RELEASE, PROCESS_ROLES,
    PROCESS_SEVERITIES,
};
use crate::domain::share_link::{self, LinkError, Target};
use crate::domain::{bundle, exchange, replace, ImportError, ImportKind, Workspace};
use crate::ui::components::field::{kept, setter, Select};
use crate::ui::{files, route, state, storage, time};

/// What a refused import tells the person to do next.
const FIX_FILE: &str = "Nothing was changed. Fix the file (each problem says where) and import it again.";
const NEEDS_NEWER: &str = "Nothing was changed. This file needs a newer Hatrack than this one.";
const NEWER_LINK: &str = "Nothing was changed. This link needs a newer Hatrack than this one.";
const ASK_AGAIN: &str =
    "Nothing was changed. Ask whoever sent the link to send it again, or to send the file instead.";

#[derive(Clone)]
enum Import {
    Idle,
    Reading(String),
    Refused {
        name: String,
        errors: Vec<ImportError>,
        advice: &'static str,
    },
    Ready {
        name: String,
        ws: Box<Workspace>,
        /// What a share link was sent for, opened once it is merged: (address, link text).
        open: Option<(String, &'static str)>,
    },
}

use crate::domain::text::plural;

fn counts(ws: &Workspace) -> String {
    [
        plural(
            ws.people.iter().filter(|r| r.deleted_at.is_none()).count(),
            "person",
            "people",
        ),
        plural(
            ws.roles.iter().filter(|r| r.deleted_at.is_none()).count(),
            "role",
            "roles",
        ),
        plural(
            ws.incidents.iter().filter(|r| r.deleted_at.is_none()).count(),
            "incident",
            "incidents",
        ),
        plural(
            ws.releases.iter().filter(|r| r.deleted_at.is_none()).count(),
            "release",
            "releases",
        ),
        plural(
            ws.reviews.iter().filter(|r| r.deleted_at.is_none()).count(),
            "review",
            "reviews",
        ),
        plural(
            ws.assignments.iter().filter(|r| r.deleted_at.is_none()).count(),
            "assignment",
            "assignments",
        ),
    ]
    .join(", ")
}

/// Downloads the whole workspace, and remembers it as the last file exchanged: the common
/// ancestor for merging what teammates send back.
pub fn export_workspace(app: state::App) {
    download_workspace(app, "workspace", true);
}

fn download_workspace(app: state::App, what: &str, exchanged: bool) -> bool {
    let mut ws = app.ws.get_untracked();
    ws.exported_at = Some(state::now());
    let name = format!("hatrack-{what}-{}.json", files::today_stamp());
    match files::download(&name, "application/json", &ws.to_canonical_json()) {
        Ok(()) => {
            if exchanged {
                storage::remember_exchanged(&ws);
            }
            app.say(format!("Downloaded {name}."));
            true
        }
        Err(e) => {
            app.say(e);
            false
        }
    }
}

/// Downloads one incident with everything it refers to as `hatrack-incident-<id>-YYYY-MM-DD.json`,
/// a workspace file the receiver imports with Merge.
pub fn export_incident_bundle(app: state::App, incident_id: &str) {
    let Some(mut b) = app
        .ws
        .with_untracked(|ws| bundle::incident_bundle(ws, incident_id, state::now()))
    else {
        app.say(format!(
            "There is no incident {incident_id} to send; it may have been deleted."
        ));
        return;
    };
    b.exported_at = Some(state::now());
    let name = format!("hatrack-incident-{incident_id}-{}.json", files::today_stamp());
    match files::download(&name, "application/json", &b.to_canonical_json()) {
        Ok(()) => app.say(format!("Downloaded {name}.")),
        Err(e) => app.say(e),
    }
}

fn check_text(name: String, text: &str) -> Import {
    if merge::is_too_large(text.len()) {
        return refused(name, merge::too_large_message(text.len()));
    }
    match Workspace::from_json(text) {
        Ok(ws) => Import::Ready {
            name,
            ws: Box::new(ws),
            open: None,
        },
        Err(errs) => Import::Refused {
            name,
            advice: if errs.is_newer_version() {
                NEEDS_NEWER
            } else {
                FIX_FILE
            },
            errors: errs.0,
        },
    }
}

fn refused(name: String, message: String) -> Import {
    Import::Refused {
        name,
        errors: vec![ImportError {
            path: String::new(),
            message,
            kind: ImportKind::Invalid,
        }],
        advice: FIX_FILE,
    }
}

/// A share link read into the same preview as a file; a link that cannot be read is refused
/// with the domain's sentence and the advice to ask for it again.
fn check_link(link: &str) -> Import {
    let name = "The shared link".to_string();
    match share_link::read(link) {
        Ok(shared) => Import::Ready {
            name,
            ws: Box::new(shared.workspace),
            open: Some(match shared.target {
                Target::Incident(id) => (route::incident_href(&id), "Open the shared incident"),
                Target::Review(id) => (route::review_href(&id), "Open the shared review"),
            }),
        },
        Err(e) => Import::Refused {
            name,
            advice: match e {
                LinkError::Newer(_) => NEWER_LINK,
                _ => ASK_AGAIN,
            },
            errors: match e {
                LinkError::Invalid(errs) => errs.0,
                e => vec![ImportError {
                    path: String::new(),
                    message: e.message(),
                    kind: ImportKind::Invalid,
                }],
            },
        },
    }
}

/// Takes the share link out of the address, so a reload or a bookmark does not import it again.
fn forget_link() {
    let Ok(history) = window().history() else { return };
    let loc = window().location();
    let url = format!(
        "{}{}#/data",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// Checks the size before reading a byte, then reads and validates.
fn take_file(file: web_sys::File, import: RwSignal<Import>) {
    let name = file.name();
    let bytes = file.size() as usize;
    if merge::is_too_large(bytes) {
        import.set(refused(name, merge::too_large_message(bytes)));
        return;
    }
    import.set(Import::Reading(name.clone()));
    spawn_local(async move {
        let next = match files::read_text(file).await {
            Err(e) => refused(name, e),
            Ok(text) => check_text(name, &text),
        };
        import.set(next);
    });
}

/// The import under way, shared by the page (which takes dropped files) and its import section.
#[derive(Clone, Copy)]
struct Flow {
    import: RwSignal<Import>,
    pasted: RwSignal<String>,
    backed_up: RwSignal<bool>,
    /// After a link's Merge that left versions to choose: the way on to what it was sent for.
    then_open: RwSignal<Option<(String, &'static str)>>,
}

impl Flow {
    fn new(import: Import) -> Flow {
        Flow {
            import: RwSignal::new(import),
            pasted: RwSignal::new(String::new()),
            backed_up: RwSignal::new(false),
            then_open: RwSignal::new(None),
        }
    }

    /// A new import starts from scratch: no backup taken for it, no link to follow yet.
    fn start(self, next: Import) {
        self.backed_up.set(false);
        self.then_open.set(None);
        self.import.set(next);
    }

    fn take_file(self, file: web_sys::File) {
        self.backed_up.set(false);
        self.then_open.set(None);
        take_file(file, self.import);
    }

    fn incoming(self) -> Option<Workspace> {
        self.import.with(|i| match i {
            Import::Ready { ws, .. } => Some((**ws).clone()),
            _ => None,
        })
    }

    /// The import is done with: back to the empty form.
    fn finish(self) {
        self.pasted.set(String::new());
        self.import.set(Import::Idle);
    }
}

/// The Data view; `shared` is a share link's fragment to open in the import preview.
#[component]
pub fn DataView(#[prop(optional)] shared: Option<String>) -> impl IntoView {
    let app = state::app();
    let flow = Flow::new(match shared {
        Some(link) => {
            forget_link();
            check_link(&link)
        }
        None => Import::Idle,
    });
    let used = RwSignal::new(storage::used_chars());
    let drag_depth = RwSignal::new(0_i32);
    let on_drop = move |ev: ev::DragEvent| {
        ev.prevent_default();
        drag_depth.set(0);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            flow.take_file(file);
        }
    };
    let then_open = flow.then_open;

    view! {
        <div
            class="data-page"
            on:dragenter=move |ev: ev::DragEvent| {
                ev.prevent_default();
                drag_depth.update(|d| *d += 1);
            }
            on:dragover=move |ev: ev::DragEvent| ev.prevent_default()
            on:dragleave=move |_| drag_depth.update(|d| *d = (*d - 1).max(0))
            on:drop=on_drop
        >
            <h1>"Data"</h1>
            <p class="lead">
                "Everything in Hatrack lives in this browser's local storage; nothing is sent anywhere. "
                "Share it with your team as a workspace file (plain JSON, described in "
                <a href="FORMAT.md" target="_blank" rel="noopener">"FORMAT.md"</a>
                ", with a "<a href="hatrack-workspace.schema.json" target="_blank" rel="noopener">"JSON Schema"</a>
                "): export yours, send it by mail or chat, and import theirs with Merge."
            </p>
            <section aria-labelledby="export-h">
                <h2 id="export-h">"Export"</h2>
                <p>{move || app.ws.with(counts)}</p>
                <button id="export" on:click=move |_| export_workspace(app)>"Export workspace"</button>
                <IncidentBundle/>
            </section>
            <section aria-labelledby="import-h">
                <h2 id="import-h">"Import"</h2>
                <p>
                    "Bring in a teammate's workspace file. You see what would change first; "
                    "nothing changes until you choose Merge or Replace."
                </p>
                <ImportSources flow dragging=Signal::derive(move || drag_depth.get() > 0)/>
                {move || match flow.import.get() {
                    Import::Idle => ().into_any(),
                    Import::Reading(name) => view! { <p role="status">"Reading " {name} "…"</p> }.into_any(),
                    Import::Refused { name, errors, advice } => view! { <Refusal name errors advice/> }.into_any(),
                    Import::Ready { name, .. } => view! { <ImportChoice flow used name/> }.into_any(),
                }}
                {move || then_open.get().map(|(href, label)| view! {
                    <p class="then-open"><a href=href>{label}</a></p>
                })}
                <ConflictList/>
            </section>
            <section aria-labelledby="storage-h">
                <h2 id="storage-h">"Storage"</h2>
                <StorageUse used=used/>
            </section>
        </div>
    }
}

/// Where a workspace comes from: a file dropped or chosen, or text pasted.
#[component]
fn ImportSources(flow: Flow, dragging: Signal<bool>) -> impl IntoView {
    let pasted = flow.pasted;
    let on_file = move |ev: ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        flow.take_file(file);
    };
    let check_paste = move |_| {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            flow.start(refused(
                "The pasted text".into(),
                "Nothing is pasted yet: paste the text of a workspace file into the box, then check it."
                    .into(),
            ));
        } else {
            flow.start(check_text("The pasted text".into(), &text));
        }
    };
    let zone_class = move || {
        if dragging.get() {
            "drop-zone dragging"
        } else {
            "drop-zone"
        }
    };
    view! {
        <div class=zone_class>
            <p class="drop-title" aria-hidden="true">"Drop a workspace file anywhere on this page"</p>
            <label for="import-file">"or choose a workspace file (.json, up to 25 MB)"</label>
            <input id="import-file" type="file" accept=".json,application/json" on:change=on_file/>
        </div>
        <div class="paste field">
            <label for="import-paste">"Or paste the text of a workspace file"</label>
            <textarea
                id="import-paste"
                rows="4"
                spellcheck="false"
                prop:value=move || pasted.get()
                on:input=move |ev| pasted.set(event_target_value(&ev))
            ></textarea>
            <div class="actions">
                <button class="secondary" on:click=check_paste>"Check pasted text"</button>
            </div>
        </div>
    }
}

/// Why a file, text or link was not imported, each problem with where it is.
#[component]
fn Refusal(name: String, errors: Vec<ImportError>, advice: &'static str) -> impl IntoView {
    view! {
        <div class="problems" role="alert">
            <h3>{format!("{name} was not imported: {}", plural(errors.len(), "problem", "problems"))}</h3>
            <p>{advice}</p>
            <ul>
                {errors.into_iter().map(|e| view! {
                    <li>
                        {(!e.path.is_empty()).then(|| view! { "At "<code>{e.path}</code>": " })}
                        {e.message}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A readable workspace: what importing it would change, then Merge or Replace.
#[component]
fn ImportChoice(flow: Flow, used: RwSignal<usize>, name: String) -> impl IntoView {
    let app = state::app();
    // The last file exchanged, read once: the ancestor a three-way merge needs.
    let base = StoredValue::new(storage::exchanged());
    let merged = Memo::new(move |_| {
        flow.import.with(|i| match i {
            Import::Ready { ws, .. } => Some(
                app.ws
                    .with(|mine| base.with_value(|b| exchange::merge_import(b.as_ref(), mine, ws))),
            ),
            _ => None,
        })
    });
    let do_merge = move |_| {
        let Some(out) = merged.get_untracked() else { return };
        let (name, open) = flow.import.with_untracked(|i| (name_of(i), open_of(i)));
        let _ = app.update_with_undo(merged_message(&name, &out.preview), |ws| {
            *ws = out.workspace;
            Ok::<(), ()>(())
        });
        // A whole file (not a shared link's bundle) is what both sides now have in common.
        if open.is_none() {
            if let Some(theirs) = flow.incoming() {
                storage::remember_exchanged(&theirs);
            }
        }
        let found = out.conflicts;
        if !found.is_empty() {
            app.conflicts.update(|list| {
                for c in found {
                    list.retain(|old| conflict_key(old) != conflict_key(&c));
                    list.push(c);
                }
            });
        }
        flow.finish();
        // Versions to choose are chosen here first; otherwise go to what the link was sent for.
        match open {
            Some((href, _)) if app.conflicts.with_untracked(Vec::is_empty) => {
                let _ = window().location().set_hash(&href);
            }
            open => flow.then_open.set(open),
        }
    };
    view! {
        <div class="confirm" role="region" aria-labelledby="preview-h">
            <h3 id="preview-h">{format!("What importing {name} would change")}</h3>
            {move || merged.get().map(|m| view! { <PreviewTable preview=m.preview three_way=m.three_way/> })}
            <div class="choice">
                <h4>"Merge (recommended)"</h4>
                <p>"Adds what is new, keeps the newer version of anything edited on both sides, and lists those so you can choose. Nothing of yours is lost."</p>
                <div class="actions">
                    <button id="import-merge" on:click=do_merge>"Merge"</button>
                    <button class="secondary" on:click=move |_| flow.start(Import::Idle)>"Cancel"</button>
                </div>
            </div>
            <ReplaceChoice flow used/>
        </div>
    }
}

/// Replace, enabled once a backup is downloaded, or at once when this browser has nothing to lose.
#[component]
fn ReplaceChoice(flow: Flow, used: RwSignal<usize>) -> impl IntoView {
    let app = state::app();
    let backed_up = flow.backed_up;
    let free_replace = Memo::new(move |_| {
        flow.import.with(|i| match i {
            Import::Ready { ws, .. } => app.ws.with(|mine| replace::nothing_to_lose(mine, ws)),
            _ => false,
        })
    });
    let do_replace = move |_| {
        let Some(theirs) = flow.incoming() else { return };
        let name = flow.import.with_untracked(name_of);
        if flow.import.with_untracked(open_of).is_none() {
            storage::remember_exchanged(&theirs);
        }
        let _ = app.update_with_undo(format!("Replaced the workspace with {name}."), |cur| {
            *cur = theirs;
            Ok::<(), ()>(())
        });
        app.conflicts.set(Vec::new());
        app.flush();
        used.set(storage::used_chars());
        flow.finish();
    };
    let download_backup = move |_| {
        if download_workspace(app, "backup", false) {
            backed_up.set(true);
        }
    };
    view! {
        <div class="choice replace">
            <h4>"Replace"</h4>
            <p id="replace-hint">
                {move || if free_replace.get() {
                    "Throws away this browser's workspace and keeps only the file. This browser holds nothing the file lacks, so no backup is needed."
                } else {
                    "Throws away this browser's workspace and keeps only the file. Download a backup of it first; Replace is enabled once you have. You can also undo right after."
                }}
            </p>
            <div class="actions">
                <button class="secondary" on:click=download_backup>
                    {move || if backed_up.get() { "Backup downloaded" } else { "Download backup" }}
                </button>
                <button
                    id="confirm-replace"
                    class="danger"
                    aria-describedby="replace-hint"
                    disabled=move || !(backed_up.get() || free_replace.get())
                    on:click=do_replace
                >
                    "Replace my workspace"
                </button>
            </div>
        </div>
    }
}

fn open_of(i: &Import) -> Option<(String, &'static str)> {
    match i {
        Import::Ready { open, .. } => open.clone(),
        _ => None,
    }
}

fn name_of(i: &Import) -> String {
    match i {
        Import::Ready { name, .. } | Import::Refused { name, .. } | Import::Reading(name) => name.clone(),
        Import::Idle => String::new(),
    }
}

fn merged_message(name: &str, p: &Preview) -> String {
    if p.changes_nothing() {
        return format!("Merged {name}: everything in it was already here.");
    }
    let mut text = format!(
        "Merged {name}: {} new, {} updated.",
        p.total_new(),
        p.total_updated()
    );
    if p.total_conflicts() > 0 {
        text.push_str(&format!(
            " {} to choose below.",
            plural(p.total_conflicts(), "version", "versions")
        ));
    }
    text
}

fn collection_label(c: &str) -> &'static str {
    match c {
        "people" => "People",
        "roles" => "Roles",
        "conflicts" => "Conflict rules",
        "assignments" => "Assignments",
        "incidents" => "Incidents",
        "releases" => "Releases",
        "reviews" => "Reviews",
        "timeline" => "Timeline entries",
        "actions" => "Action items",
        "settings" => "Settings",
        PROCESS_ROLES => "Duties and checklists",
        PROCESS_SEVERITIES => "Severity policy",
        PROCESS_ESCALATION => "Escalation steps",
        PROCESS_RELEASE => "Release checklist",
        PROCESS_CHANGELOG => "Process changelog",
        _ => "Other",
    }
}

#[component]
fn PreviewTable(preview: Preview, three_way: bool) -> impl IntoView {
    let summary = if preview.changes_nothing() {
        "Everything in this file is already in your workspace: importing changes nothing.".to_string()
    } else {
        let mut s = format!(
            "Merging adds {} and updates {}.",
            plural(preview.total_new(), "record", "records"),
            preview.total_updated()
        );
        if preview.total_deleted() > 0 {
            s.push_str(&format!(
                " It carries {}.",
                plural(preview.total_deleted(), "deletion", "deletions")
            ));
        }
        if three_way {
            s.push_str(" Changes made on one side only are taken, field by field, against the last file you exchanged.");
        }
        if preview.total_conflicts() > 0 {
            s.push_str(&format!(
                " {} changed on both sides: the newer version is kept and the other is listed so you can choose.",
                plural(preview.total_conflicts(), "record was", "records were")
            ));
        }
        s
    };
    let rows: Vec<_> = preview
        .collections
        .into_iter()
        .filter(|c| c.new + c.updated + c.unchanged + c.conflicts + c.deleted > 0)
        .collect();
    view! {
        <p class="preview-summary">{summary}</p>
        <div class="table-wrap">
            <table class="preview">
                <caption class="visually-hidden">"Records per collection"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Collection"</th>
                        <th scope="col">"New"</th>
                        <th scope="col">"Updated"</th>
                        <th scope="col">"Unchanged"</th>
                        <th scope="col">"In conflict"</th>
                        <th scope="col">"Deleted"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|c| {
                            view! {
                                <tr data-collection=c.collection>
                                    <th scope="row">{collection_label(c.collection)}</th>
                                    <td>{c.new}</td>
                                    <td>{c.updated}</td>
                                    <td>{c.unchanged}</td>
                                    <td>{c.conflicts}</td>
                                    <td>{c.deleted}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn conflict_key(c: &Conflict) -> String {
    format!("{}/{}/{}", c.collection, c.parent.as_deref().unwrap_or(""), c.id)
}

fn field_label(field: &str) -> String {
    match field {
        "updated_at" => "Last edited".into(),
        "deleted_at" => "Deleted".into(),
        other => {
            let s = other.replace('_', " ");
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

fn show_value(field: &str, v: &Value) -> String {
    merge::field_words(field, v, time::local_seconds)
}

/// The versions a merge replaced: each shown with what differs, and chosen one by one.
#[component]
fn ConflictList() -> impl IntoView {
    let app = state::app();
    let choose = move |c: Conflict, side: Side| {
        let key = conflict_key(&c);
        app.update(|ws| merge::resolve(ws, &c, side));
        app.conflicts.update(|l| l.retain(|x| conflict_key(x) != key));
        let whose = match side {
            Side::Mine => "your version",
            Side::Theirs => "their version",
        };
        app.say(format!("{}: kept {whose}.", c.label));
    };
    view! {
        <Show when=move || app.conflicts.with(|c| !c.is_empty())>
            <div class="conflicts" role="region" aria-labelledby="conflicts-h">
                <h3 id="conflicts-h">"Versions replaced, newer kept — choose per record"</h3>
                <p>
                    {move || app.conflicts.with(|c| plural(c.len(), "record was", "records were"))}
                    " changed both in this browser and in the imported file. The newer version is in your "
                    "workspace now; the other one is kept here until you choose. This is not an error."
                </p>
                <ul class="conflict-list">
                    <For each=move || app.conflicts.get() key=conflict_key let:c>
                        {
                            let label = c.label.clone();
                            let kept = match c.kept {
                                Side::Mine => "Kept now: your version (this browser).",
                                Side::Theirs => "Kept now: their version (the imported file).",
                            };
                            let diffs = c.differences();
                            let newer = c.newer_side();
                            let mark = move |side: Side| if newer == Some(side) { " (newer)" } else { "" };
                            let (c1, c2) = (c.clone(), c.clone());
                            view! {
                                <li class="card">
                                    <h4>{label.clone()}</h4>
                                    <p>{kept}</p>
                                    <div class="table-wrap">
                                        <table class="diff">
                                            <caption class="visually-hidden">{format!("What differs in {label}")}</caption>
                                            <thead>
                                                <tr>
                                                    <th scope="col">"Field"</th>
                                                    <th scope="col">{format!("Yours{}", mark(Side::Mine))}</th>
                                                    <th scope="col">{format!("Theirs{}", mark(Side::Theirs))}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {diffs.into_iter().map(|d| view! {
                                                    <tr>
                                                        <th scope="row">{field_label(&d.field)}</th>
                                                        <td>{show_value(&d.field, &d.mine)}</td>
                                                        <td>{show_value(&d.field, &d.theirs)}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <div class="actions">
                                        <button
                                            class=if c.kept == Side::Mine { "" } else { "secondary" }
                                            aria-label=format!("Keep mine: {label}")
                                            on:click=move |_| choose(c1.clone(), Side::Mine)
                                        >"Keep mine"</button>
                                        <button
                                            class=if c.kept == Side::Theirs { "" } else { "secondary" }
                                            aria-label=format!("Take theirs: {label}")
                                            on:click=move |_| choose(c2.clone(), Side::Theirs)
                                        >"Take theirs"</button>
                                    </div>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <button class="secondary" on:click=move |_| {
                    app.conflicts.set(Vec::new());
                    app.say("Kept the versions shown.");
                }>"Keep all as shown"</button>
            </div>
        </Show>
    }
}

/// Pick an incident, download it with everything it refers to.
#[component]
fn IncidentBundle() -> impl IntoView {
    let app = state::app();
    let options = Memo::new(move |_| {
        app.ws.with(|ws| {
            let mut v: Vec<_> = ws
                .incidents
                .iter()
                .filter(|i| i.deleted_at.is_none())
                .map(|i| (i.started_at, i.id.clone(), i.title.clone()))
                .collect();
            order::sort_by(&mut v, |a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            v.into_iter()
                .map(|(_, id, title)| (id.clone(), format!("{title} ({id})")))
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(String::new());
    let current = kept(chosen, options);
    view! {
        <h3>"Send one incident"</h3>
        <Show
            when=move || options.with(|o| !o.is_empty())
            fallback=|| view! {
                <p class="empty">"No incidents yet. Once there are, you can send one here as a small file with its people, roles and review; the receiver imports it with Merge."</p>
            }
        >
            <p class="hint">"A small workspace file with one incident, its timeline, review, and the people and roles it names. The receiver imports it with Merge."</p>
            <div class="bundle-row">
                <Select
                    label="Incident"
                    id="bundle-incident"
                    value=current
                    on_change=setter(chosen)
                    choices=options
                />
                <button
                    class="secondary"
                    on:click=move |_| {
                        export_incident_bundle(app, &current.get_untracked());
                    }
                >"Download incident bundle"</button>
            </div>
        </Show>
    }
}

#[component]
fn StorageUse(used: RwSignal<usize>) -> impl IntoView {
    let app = state::app();
    // Re-measure after each save settles.
    Effect::new(move |_| {
        app.ws.track();
        let t = gloo_timers::callback::Timeout::new(600, move || used.set(storage::used_chars()));
        t.forget();
    });
    let pct = move || used.get() as f64 * 100.0 / storage::QUOTA_CHARS as f64;
    view! {
        <p id="storage-use">
            {move || format!(
                "Using {:.1} % of this browser's storage for Hatrack: {} of about {} characters ({:.2} MB of {:.0} MB).",
                pct(),
                group(used.get()),
                group(storage::QUOTA_CHARS),
                used.get() as f64 * 2.0 / 1_048_576.0,
                storage::QUOTA_CHARS as f64 * 2.0 / 1_048_576.0,
            )}
        </p>
        <meter min="0" max="100" value=pct aria-label="Storage used, percent"></meter>
        <p class="hint">"Stored under the key " <code>{storage::KEY}</code> " in local storage."</p>
    }
}

/// 12345 as "12,345".
pub fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
