//! When something happened: a compact time field next to every action that records an event.
//! It reads "now" until someone types a time, and an incident recorded after the fact keeps the
//! last time typed for every field on its page, in the zone the recorder chose.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::components::field::Choice;
use crate::ui::{state, time};

/// Shared by the time fields of one page: whether it is being recorded after the fact, the
/// last time typed there, and the zone typed times are read in (empty: the viewer's own).
#[derive(Clone, Copy)]
pub struct WhenContext {
    pub backfill: Signal<bool>,
    pub last: RwSignal<Option<DateTime<Utc>>>,
    pub zone: RwSignal<String>,
    pub clock: RwSignal<DateTime<Utc>>,
}

thread_local! {
    /// The zone last chosen for typing times, carried from the declare form to the incident.
    static TYPING_ZONE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Remembers the zone times are typed in for the rest of this visit (empty: the viewer's).
pub fn remember_zone(zone: &str) {
    TYPING_ZONE.with(|z| *z.borrow_mut() = zone.to_string());
}

impl WhenContext {
    pub fn new(backfill: Signal<bool>, clock: RwSignal<DateTime<Utc>>) -> WhenContext {
        WhenContext {
            backfill,
            last: RwSignal::new(None),
            zone: RwSignal::new(TYPING_ZONE.with(|z| z.borrow().clone())),
            clock,
        }
    }
    /// The zone typed times are read in: the chosen one, or the viewer's.
    pub fn zone_name(&self) -> String {
        let z = self.zone.get();
        if z.is_empty() {
            time::zone()
        } else {
            z
        }
    }
}

/// The zones times can be typed in: the viewer's own (the empty value), UTC, then `others`.
pub fn zone_choices(others: impl IntoIterator<Item = String>) -> Vec<Choice> {
    let own = (String::new(), format!("Your zone ({})", time::zone()));
    let utc = ("UTC".to_string(), "UTC".to_string());
    [own, utc]
        .into_iter()
        .chain(others.into_iter().map(|z| (z.clone(), z)))
        .collect()
}

fn context() -> WhenContext {
    use_context::<WhenContext>()
        .unwrap_or_else(|| WhenContext::new(Signal::derive(|| false), RwSignal::new(state::now())))
}

/// One action's time: what was typed in its field, if anything.
#[derive(Clone, Copy)]
pub struct Moment {
    typed: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
    /// The field is open for typing (it opens by itself on a page recorded after the fact).
    open: RwSignal<bool>,
    /// The time `get` last gave, which becomes the page's last time once it was recorded.
    given: StoredValue<Option<DateTime<Utc>>>,
    ctx: WhenContext,
}

impl Default for Moment {
    fn default() -> Self {
        Self::new()
    }
}

impl Moment {
    pub fn new() -> Moment {
        Moment {
            typed: RwSignal::new(None),
            error: RwSignal::new(None),
            open: RwSignal::new(false),
            given: StoredValue::new(None),
            ctx: context(),
        }
    }

    /// The time to record: typed, or (after the fact) the last time typed on the page, or now.
    /// `Err` with a sentence when the field holds something that is not a time.
    pub fn get(&self) -> Result<DateTime<Utc>, String> {
        let zone = self.ctx.zone_name();
        let backfill = self.ctx.backfill.get_untracked();
        match self.typed.get_untracked() {
            Some(s) => match time::from_input_in(&s, &zone) {
                Some(t) => {
                    self.error.set(None);
                    self.given.set_value(Some(t));
                    Ok(t)
                }
                None => {
                    let e = "Enter a date and time, or press Now to record it as happening now.".to_string();
                    self.error.set(Some(e.clone()));
                    Err(e)
                }
            },
            None => {
                self.given.set_value(None);
                Ok(self
                    .ctx
                    .last
                    .get_untracked()
                    .filter(|_| backfill)
                    .unwrap_or_else(state::now))
            }
        }
    }

    /// After the action was recorded: back to now, or, on a page recorded after the fact, to
    /// the last time typed there (which the next event most likely follows).
    pub fn recorded(&self) {
        // Only a time that was accepted becomes the page's last time; a refused one stays put.
        if let Some(t) = self.given.get_value() {
            if self.ctx.backfill.get_untracked() {
                self.ctx.last.set(Some(t));
            }
        }
        self.given.set_value(None);
        self.typed.set(None);
        self.open.set(false);
        self.error.set(None);
    }

    fn shown(&self) -> String {
        let zone = self.ctx.zone_name();
        match self.typed.get() {
            Some(s) => s,
            None => {
                let t = self
                    .ctx
                    .last
                    .get()
                    .filter(|_| self.ctx.backfill.get())
                    .unwrap_or_else(|| self.ctx.clock.get());
                time::to_input_in(t, &zone)
            }
        }
    }
}

/// A compact "when" field: a small "When: now" button that opens a time field in one step; on a
/// page recorded after the fact the field is always open and shows the last time used there.
#[component]
pub fn WhenInput(
    moment: Moment,
    /// A unique id for the input.
    #[prop(into)]
    id: String,
    /// What the time is of, for the label read to screen readers ("Time of the status change").
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let ctx = moment.ctx;
    let typed = move || moment.typed.get().is_some();
    let shown_open = move || moment.open.get() || typed() || ctx.backfill.get();
    let hint = move || {
        let zone = ctx.zone_name();
        if typed() {
            format!("As typed, {zone}")
        } else if ctx.backfill.get() && ctx.last.get().is_some() {
            format!("Last time used, {zone}")
        } else {
            format!("Now, {zone}")
        }
    };
    let hint_id = format!("{id}-hint");
    let input_id = StoredValue::new(id.clone());
    let hint_id = StoredValue::new(hint_id);
    let open_field = move |_| {
        moment.open.set(true);
        let id = input_id.get_value();
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&id) {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    };
    let label2 = label.clone();
    let label = StoredValue::new(label);
    let id = StoredValue::new(id);
    view! {
        <span class="when-input" class:typed=typed class:invalid=move || moment.error.get().is_some()>
            <Show
                when=shown_open
                fallback=move || view! {
                    <button type="button" class="link when-toggle" on:click=open_field>
                        "When: now"<span class="visually-hidden">{format!(". Change the {label2}")}</span>
                    </button>
                }
            >
                <label for=id.get_value() class="when-label">"When"<span class="visually-hidden">{format!(": {}", label.get_value())}</span></label>
                <input
                    id=id.get_value()
                    type="datetime-local"
                    aria-describedby=hint_id.get_value()
                    prop:value=move || moment.shown()
                    on:input=move |ev| {
                        moment.error.set(None);
                        moment.typed.set(Some(event_target_value(&ev)));
                    }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" && !ctx.backfill.get_untracked() {
                            moment.typed.set(None);
                            moment.open.set(false);
                        }
                    }
                />
                <span class="hint when-hint" id=hint_id.get_value()>{hint}</span>
                {move || typed().then(|| view! {
                    <button type="button" class="link" on:click=move |_| {
                        moment.typed.set(None);
                        moment.error.set(None);
                        if ctx.backfill.get_untracked() {
                            ctx.last.set(None);
                        }
                    }>
                        "Now"<span class="visually-hidden">{format!(": {} happens now", label.get_value())}</span>
                    </button>
                })}
            </Show>
            {move || moment.error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </span>
    }
}
