//! Export, import and the state of the browser's storage.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::{ImportError, Workspace};
use crate::ui::{files, state, storage};

#[derive(Clone)]
enum Import {
    Idle,
    Reading(String),
    Refused { name: String, errors: Vec<ImportError> },
    Ready { name: String, ws: Box<Workspace> },
}

/// "3 people", "1 person": counts in words.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

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

pub fn export_workspace(app: state::App) {
    let mut ws = app.ws.get_untracked();
    ws.exported_at = Some(state::now());
    let name = format!("hatrack-workspace-{}.json", files::today_stamp());
    match files::download(&name, "application/json", &ws.to_json()) {
        Ok(()) => app.say(format!("Exported {name}.")),
        Err(e) => app.say(e),
    }
}

#[component]
pub fn DataView() -> impl IntoView {
    let app = state::app();
    let import = RwSignal::new(Import::Idle);
    let used = RwSignal::new(storage::used_chars());

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        import.set(Import::Reading(name.clone()));
        spawn_local(async move {
            let next = match files::read_text(file).await {
                Err(e) => Import::Refused {
                    name,
                    errors: vec![ImportError {
                        path: String::new(),
                        message: e,
                    }],
                },
                Ok(text) => match Workspace::from_json(&text) {
                    Ok(ws) => Import::Ready {
                        name,
                        ws: Box::new(ws),
                    },
                    Err(errs) => Import::Refused { name, errors: errs.0 },
                },
            };
            import.set(next);
        });
    };

    let replace = move |_| {
        if let Import::Ready { name, ws } = import.get_untracked() {
            app.update_with_undo(format!("Replaced the workspace with {name}."), |cur| {
                *cur = *ws;
                Ok::<(), ()>(())
            })
            .ok();
            app.flush();
            used.set(storage::used_chars());
            import.set(Import::Idle);
        }
    };

    view! {
        <h1>"Data"</h1>
        <p class="lead">
            "Everything in Hatrack lives in this browser's local storage; nothing is sent anywhere. "
            "Share it with your team as a workspace file (JSON, documented in FORMAT.md)."
        </p>
        <section aria-labelledby="export-h">
            <h2 id="export-h">"Export"</h2>
            <p>{move || app.ws.with(counts)}</p>
            <button id="export" on:click=move |_| export_workspace(app)>"Export workspace"</button>
        </section>
        <section aria-labelledby="import-h">
            <h2 id="import-h">"Import"</h2>
            <p>"Choose a Hatrack workspace file. Nothing changes until you confirm."</p>
            <label class="file">
                "Workspace file "
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_file/>
            </label>
            {move || match import.get() {
                Import::Idle => ().into_any(),
                Import::Reading(name) => view! { <p role="status">"Reading " {name} "…"</p> }.into_any(),
                Import::Refused { name, errors } => view! {
                    <div class="problems" role="alert">
                        <h3>{format!("{name} was not imported: {} problem{}", errors.len(), if errors.len() == 1 { "" } else { "s" })}</h3>
                        <p>"Nothing was changed. Fix the file and choose it again."</p>
                        <ul>
                            {errors.into_iter().map(|e| view! {
                                <li><code>{if e.path.is_empty() { "(file)".to_string() } else { e.path }}</code>" "{e.message}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any(),
                Import::Ready { name, ws } => view! {
                    <div class="confirm" role="region" aria-label="Confirm import">
                        <p><strong>{name}</strong>" is a valid workspace: "{counts(&ws)}"."</p>
                        <p>"Replacing discards the workspace in this browser. Export it first if you want to keep a copy; you can also undo right after."</p>
                        <div class="actions">
                            <button class="secondary" on:click=move |_| export_workspace(app)>"Download a backup first"</button>
                            <button id="confirm-replace" class="danger" on:click=replace>"Replace my workspace"</button>
                            <button class="secondary" on:click=move |_| import.set(Import::Idle)>"Cancel"</button>
                        </div>
                    </div>
                }.into_any(),
            }}
        </section>
        <section aria-labelledby="storage-h">
            <h2 id="storage-h">"Storage"</h2>
            <StorageUse used=used/>
        </section>
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

fn group(n: usize) -> String {
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
