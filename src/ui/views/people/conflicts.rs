//! The separation-of-duty rules: which roles one person should not hold together, and why.

use leptos::prelude::*;

use crate::domain::assign::{self};
use crate::domain::people;
use crate::domain::roster::{self, RuleRow};
use crate::ui::components::field::{setter, Field, Select};
use crate::ui::state;

pub(super) fn conflicts_section() -> impl IntoView {
    let app = state::app();
    let rows = Memo::new(move |_| app.ws.with(roster::rule_rows));
    let roles = Memo::new(move |_| app.ws.with(roster::live_roles));
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let err = RwSignal::new(None::<String>);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        err.set(None);
        let (a, b) = (first.get_untracked(), second.get_untracked());
        if a.is_empty() || b.is_empty() {
            err.set(Some("Pick both roles of the pair.".into()));
            return;
        }
        match app
            .try_update(|ws| people::add_conflict_rule(ws, &a, &b, &reason.get_untracked(), state::now()))
        {
            Ok(()) => {
                let (an, bn) = app
                    .ws
                    .with_untracked(|ws| (assign::role_name(ws, &a), assign::role_name(ws, &b)));
                app.say(format!("Added the rule {an} × {bn}."));
                first.set(String::new());
                second.set(String::new());
                reason.set(String::new());
            }
            Err(e) => err.set(Some(e.to_string())),
        }
    };
    // One message below both selects: which of the pair it is about is often both.
    let role_select = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <Select label=label id=id placeholder="Choose a role…" value=value on_change=setter(value)
                choices=roles error=err error_at="rule-err"/>
        }
    };

    view! {
        <section aria-labelledby="rules-h">
            <h2 id="rules-h">"Conflict rules"</h2>
            <p class="lead">"Pairs of roles one person should not hold at the same time. Hatrack warns when it happens; the team still decides."</p>
            <Show
                when=move || !rows.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No conflict rules. Add a pair below if two roles should be kept apart."</p> }
            >
                <ul class="rules" aria-label="Conflict rules">
                    // Keyed by the pair of roles, a rule's identity (rules have no id).
                    <For each=move || rows.with(|r| r.iter().map(RuleRow::pair).collect::<Vec<_>>()) key=Clone::clone let:pair>
                        {rule_item(rows, pair)}
                    </For>
                </ul>
            </Show>
            <div class="card">
                <h3 id="add-rule-h">"Add a conflict rule"</h3>
                <form novalidate aria-labelledby="add-rule-h" on:submit=add>
                    <div class="form-grid">
                        {role_select("rule-a", "First role", first)}
                        {role_select("rule-b", "Second role", second)}
                        <Field label="Reason" value=reason id="rule-reason" hint="Why one person should not hold both." />
                    </div>
                    {move || err.get().map(|e| view! { <p class="error" id="rule-err">{e}</p> })}
                    <div class="actions"><button type="submit">"Add rule"</button></div>
                </form>
            </div>
        </section>
    }
}

/// One rule, following its entry: renaming a role renames it here; Remove stays where it is.
fn rule_item(rows: Memo<Vec<RuleRow>>, pair: (String, String)) -> impl IntoView {
    let app = state::app();
    let row = Memo::new(move |_| rows.with(|r| r.iter().find(|r| r.pair() == pair).cloned()));
    let words = move || row.with(|r| r.as_ref().map(RuleRow::label).unwrap_or_default());
    let remove = move |_| {
        let Some(r) = row.get_untracked() else { return };
        let pair = r.label();
        if let Err(e) = app.update_with_undo(format!("Removed the rule {pair}."), |ws| {
            people::remove_conflict_rule(ws, &r.a, &r.b, state::now())
        }) {
            app.say(e.to_string());
        }
    };
    view! {
        <li>
            <span><strong>{words}</strong>
            {move || row.with(|r| r.as_ref().filter(|r| !r.reason.is_empty()).map(|r| format!(" — {}", r.reason)))}</span>
            <button class="secondary" on:click=remove>
                "Remove"<span class="visually-hidden">{move || format!(" the rule {}", words())}</span>
            </button>
        </li>
    }
}
