//! The app shell: header, navigation, storage banners, the routed view and the toast.

use leptos::ev;
use leptos::prelude::*;

use super::components::shell::{Shortcuts, ThemeSwitch};
use super::route::Route;
use super::state::{self, Unreadable};
use super::storage::{self, Loaded};
use super::{components::toast::ToastHost, files, views};
use crate::domain::defaults;

const NAV: [(&str, &str); 8] = [
    ("incidents", "Incidents"),
    ("releases", "Releases"),
    ("people", "People"),
    ("load", "Load"),
    ("rota", "Rota"),
    ("reviews", "Reviews"),
    ("handbook", "Handbook"),
    ("data", "Data"),
];

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let (ws, unreadable) = match storage::load() {
        Loaded::Fresh => (defaults::new_workspace(), None),
        Loaded::Ok(ws) => (*ws, None),
        Loaded::Unreadable {
            raw,
            problem,
            backed_up,
        } => (
            defaults::new_workspace(),
            Some(Unreadable {
                raw,
                problem,
                backed_up,
            }),
        ),
    };
    let app = state::App::new(ws, unreadable);
    provide_context(app);

    let route = RwSignal::new(Route::parse(&current_hash()));
    let _ = window_event_listener(ev::hashchange, move |_| {
        route.set(Route::parse(&current_hash()));
        focus_main();
    });
    // A reload or closed tab right after an edit must not lose it.
    let _ = window_event_listener(ev::pagehide, move |_| app.flush());
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        if document().hidden() {
            app.flush();
        }
    });

    view! {
        <a class="skip" href="#main" on:click=move |e| { e.prevent_default(); focus_main(); }>"Skip to content"</a>
        <header class="top">
            <a class="brand" href="#/incidents" aria-label="Hatrack home">
                <img class="logo" src="icon.svg" alt="" width="28" height="28"/>"Hatrack"
            </a>
            <nav aria-label="Main">
                <ul>
                    {NAV
                        .into_iter()
                        .map(|(key, label)| {
                            let current = move || (route.get().section() == key).then_some("page");
                            view! {
                                <li>
                                    <a href=format!("#/{key}") aria-current=current>{label}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <div class="header-tools">
                <ThemeSwitch/>
                <Shortcuts/>
            </div>
        </header>
        <StorageBanners/>
        <main id="main" tabindex="-1">
            {move || views::render(route.get())}
        </main>
        <footer class="foot">
            <p>
                {format!("Times are shown in your time zone, {}; hover or focus a time for UTC. ", super::time::zone())}
                "Your data stays in this browser; share it as a file from the Data view."
            </p>
        </footer>
        <ToastHost/>
    }
}

fn focus_main() {
    if let Some(el) = document().get_element_by_id("main") {
        use wasm_bindgen::JsCast;
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
    // A new view starts at its top, header included, as a new page would.
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// Problems with the browser's storage, shown until they are dealt with.
#[component]
fn StorageBanners() -> impl IntoView {
    let app = state::app();
    let download_raw = move |_| {
        if let Some(u) = app.unreadable.get_untracked() {
            let name = format!("hatrack-unreadable-{}.txt", files::today_stamp());
            if let Err(e) = files::download(&name, "text/plain", &u.raw) {
                app.say(e);
            }
        }
    };
    let discard = move |_| {
        storage::forget_backup();
        app.unreadable.set(None);
        app.update(|_| {});
    };
    view! {
        {move || {
            app.unreadable
                .get()
                .map(|u| {
                    view! {
                        <div class="banner warn" role="alert">
                            <p>
                                <strong>"The workspace stored in this browser could not be read. "</strong>
                                "Hatrack started with an empty workspace and has not overwritten it. "
                                {if u.backed_up {
                                    "A copy is kept in this browser's storage; download it to inspect or repair it."
                                } else {
                                    "There was no room to keep a copy, so nothing will be saved until you download it and discard it."
                                }}
                            </p>
                            <p class="detail">{u.problem.clone()}</p>
                            <div class="actions">
                                <button on:click=download_raw>"Download the unreadable data"</button>
                                <button class="secondary" on:click=discard>"Discard it"</button>
                            </div>
                        </div>
                    }
                })
        }}
        {move || {
            app.save_error
                .get()
                .map(|e| {
                    view! {
                        <div class="banner error" role="alert">
                            <p><strong>"Not saved. "</strong>{e}</p>
                        </div>
                    }
                })
        }}
    }
}
