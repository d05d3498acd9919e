//! The release log: record and edit releases with their managers, and see deploys next to incidents.

use crate::domain::order;
use chrono::{DateTime, Duration, Utc};
use leptos::context::Provider;
use leptos::prelude::*;

use super::incident::{StatusTag, When};
use crate::domain::assign;
use crate::domain::defaults::{DEPLOYMENT_MANAGER, RELEASE_MANAGER};
use crate::domain::duration::human;
use crate::domain::load::Assessment;
use crate::domain::refusal::{DomainError, Field};
use crate::domain::release::{self, Event};
use crate::domain::roster::{self, picks, Check};
use crate::domain::{Release, ReleaseStatus, TimelineEntry, Workspace};
use crate::ui::components::field::{choices, setter, Field, Select};
use crate::ui::components::keyed;
use crate::ui::components::later::Later;
use crate::ui::components::person_picker::{person_groups, PickWarning, CHOOSE};
use crate::ui::components::shell::focus_selector_soon;
use crate::ui::components::when::{Moment, WhenInput};
use crate::ui::{route, state, time};

mod process;

const PAGE: usize = 50;
/// Release cards built per frame.
const CHUNK: usize = 10;

fn manager(ws: &Workspace, release_id: &str, role: &str, now: DateTime<Utc>) -> Option<(String, String)> {
    release::manager_of(ws, release_id, role, now)
        .map(|a| (a.person.clone(), assign::person_name(ws, &a.person)))
}

/// The active people by name, as the "by" pickers of every release card offer them: one memo for
/// the page, following the team, instead of one per card re-run on every edit.
#[derive(Clone, Copy)]
struct ByChoices(Memo<Vec<(String, String)>>);

impl ByChoices {
    fn new() -> Self {
        let app = state::app();
        ByChoices(Memo::new(move |_| {
            app.with_team(crate::domain::people::active_by_name)
        }))
    }
}

/// The page's "by" choices (a picker outside the page makes its own).
fn by_choices() -> Memo<Vec<(String, String)>> {
    use_context::<ByChoices>().unwrap_or_else(ByChoices::new).0
}

#[component]
pub fn ReleasesView() -> impl IntoView {
    // Scoped to the page: a context provided without a scope of its own outlives the view, and
    // the memo found there on the next visit would have been disposed with the last one.
    view! {
        <Provider value=ByChoices::new()>
        <h1>"Releases"</h1>
        <p class="lead">
            "Record each release with who decides (release manager) and who deploys (deployment manager). Incidents that start within 24 hours after a deploy are shown next to it."
        </p>
        <section class="card" aria-labelledby="record-h">
            <h2 id="record-h">"Record a release"</h2>
            <ReleaseForm existing=None on_done=Callback::new(|_| ())/>
        </section>
        <Calendar/>
        <ReleaseList/>
        </Provider>
    }
}

/// Which field of the form a refusal belongs next to.
fn field_for(e: &DomainError) -> &'static str {
    if matches!(e, DomainError::DeployWithoutGo { .. }) {
        return "why";
    }
    match e.field() {
        Field::Name => "name",
        Field::Deployed => "deployed",
        Field::Planned => "planned",
        _ => "form",
    }
}

fn parse_opt(s: &str) -> Result<Option<DateTime<Utc>>, ()> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        time::from_input(s).map(Some).ok_or(())
    }
}

/// The release form's fields as typed, one signal each.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    status: RwSignal<ReleaseStatus>,
    planned_start: RwSignal<String>,
    planned_end: RwSignal<String>,
    deployed: RwSignal<String>,
    notes: RwSignal<String>,
    rm: RwSignal<String>,
    dm: RwSignal<String>,
    /// Why it went out without a go, once the form was told one is needed.
    why: RwSignal<String>,
}

impl Draft {
    /// The form for `existing`, or empty for a new release.
    fn of(ws: &Workspace, existing: Option<&str>, now: DateTime<Utc>) -> Draft {
        let r = existing.and_then(|id| assign::find_release(ws, id));
        let opt_in = |t: Option<DateTime<Utc>>| RwSignal::new(t.map(time::to_input).unwrap_or_default());
        let held = |role| {
            RwSignal::new(
                existing
                    .and_then(|id| manager(ws, id, role, now))
                    .map(|m| m.0)
                    .unwrap_or_default(),
            )
        };
        Draft {
            name: RwSignal::new(r.map(|r| r.name.clone()).unwrap_or_default()),
            status: RwSignal::new(r.map_or(ReleaseStatus::Planned, |r| r.status)),
            planned_start: opt_in(r.and_then(|r| r.planned_start)),
            planned_end: opt_in(r.and_then(|r| r.planned_end)),
            deployed: opt_in(r.and_then(|r| r.deployed_at)),
            notes: RwSignal::new(r.map(|r| r.notes.clone()).unwrap_or_default()),
            rm: held(RELEASE_MANAGER),
            dm: held(DEPLOYMENT_MANAGER),
            why: RwSignal::new(String::new()),
        }
    }

    fn clear(self) {
        for s in [
            self.name,
            self.notes,
            self.planned_start,
            self.planned_end,
            self.deployed,
            self.rm,
            self.dm,
            self.why,
        ] {
            s.set(String::new());
        }
        self.status.set(ReleaseStatus::Planned);
    }

    /// Records or updates the release with its managers, all or nothing; its id.
    fn save(
        self,
        ws: &mut Workspace,
        existing: Option<&str>,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, Refusal> {
        let (Ok(ps), Ok(pe), Ok(dep)) = (
            parse_opt(&self.planned_start.get_untracked()),
            parse_opt(&self.planned_end.get_untracked()),
            parse_opt(&self.deployed.get_untracked()),
        ) else {
            return Err((
                "form",
                "Enter each time as a date and time, or leave it empty.".into(),
            ));
        };
        let (n, s, text) = (
            self.name.get_untracked(),
            self.status.get_untracked(),
            self.notes.get_untracked(),
        );
        let (r, d) = (self.rm.get_untracked(), self.dm.get_untracked());
        let why = self.why.get_untracked();
        let why = Some(why.as_str()).filter(|w| !w.trim().is_empty());
        let refused = |e: DomainError| (field_for(&e), e.to_string());
        let id = match existing {
            Some(id) => release::update_release(ws, id, &n, s, ps, pe, dep, &text, why, at, now)
                .map(|_| id.to_string()),
            None => release::record_release(ws, &n, s, ps, pe, dep, &text, why, at, now),
        }
        .map_err(refused)?;
        // Managers of a release recorded once it was over took over by its planned start,
        // or, when that is not known, are on record at the finish itself.
        let finish = assign::find_release(ws, &id)
            .and_then(release::finished_at)
            .map(|f| f.0);
        let managers_at = match finish {
            Some(f) if at >= f => ps.filter(|p| *p < f).unwrap_or(f),
            _ => at,
        };
        let held = |ws: &Workspace, role: &str| manager(ws, &id, role, managers_at.min(now)).map(|m| m.0);
        if !r.is_empty() && held(ws, RELEASE_MANAGER) != Some(r.clone()) {
            release::set_release_manager(ws, &id, &r, managers_at, now).map_err(refused)?;
        }
        if !d.is_empty() && held(ws, DEPLOYMENT_MANAGER) != Some(d.clone()) {
            release::set_deployment_manager(ws, &id, &d, managers_at, now).map_err(refused)?;
        }
        Ok(id)
    }
}

/// A refusal and the field it belongs next to.
type Refusal = (&'static str, String);

/// The record form, or the edit form of `existing`.
#[component]
fn ReleaseForm(existing: Option<String>, on_done: Callback<()>) -> impl IntoView {
    let app = state::app();
    let draft = app
        .ws
        .with_untracked(|ws| Draft::of(ws, existing.as_deref(), state::now()));
    let error = RwSignal::new(None::<Refusal>);
    let err_for =
        move |f: &'static str| Signal::derive(move || error.get().filter(|(k, _)| *k == f).map(|(_, e)| e));
    let prefix = existing
        .clone()
        .map_or_else(|| "release".to_string(), |id| format!("edit-{id}"));
    let rid = StoredValue::new(existing.clone());
    let form_id = StoredValue::new(format!("{prefix}-form"));
    let prefix_for_focus = StoredValue::new(prefix.clone());
    let moment = Moment::new();
    let warned = RwSignal::new(false);
    // Once told a deploy needs a go or a reason, the reason field stays until saved.
    let asked_why = RwSignal::new(false);
    // Said while a warning is unread; gone as soon as the warning is.
    let read_first = RwSignal::new(false);

    let save = Callback::new(move |_| {
        let Ok(at) = moment.get() else { return };
        let existing = rid.get_value();
        match app.try_update(|ws| draft.save(ws, existing.as_deref(), at, state::now())) {
            Ok(_) => {
                moment.recorded();
                error.set(None);
                asked_why.set(false);
                let n = draft.name.get_untracked();
                if existing.is_none() {
                    draft.clear();
                    app.say(format!("Recorded release {}.", n.trim()));
                } else {
                    app.say(format!("Saved release {}.", n.trim()));
                }
                on_done.run(());
            }
            Err(e) => {
                if e.0 == "why" && !asked_why.get_untracked() {
                    asked_why.set(true);
                    focus_selector_soon(format!("#{}-why", prefix_for_focus.get_value()));
                }
                error.set(Some(e))
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A warning is showing: going ahead is its own button, so Enter never skips reading it.
        if warned.get_untracked() {
            read_first.set(true);
            focus_selector_soon(format!("#{} .assess button", form_id.get_value()));
            return;
        }
        save.run(());
    };
    let is_new = existing.is_none();
    let notes_id = format!("{prefix}-notes");
    let status = draft.status;
    view! {
        <form class="release-form" id=form_id.get_value() on:submit=submit novalidate>
            <div class="form-grid">
                <Field label="Name" value=draft.name id=format!("{prefix}-name") required=true hint="Its version, e.g. 2.4.0" error=err_for("name")/>
                <Select
                    label="Status"
                    id=format!("{prefix}-status")
                    value=Signal::derive(move || status.get().as_str().to_string())
                    on_change=Callback::new(move |v: String| if let Some(s) = ReleaseStatus::parse(&v) { status.set(s) })
                    choices=choices(ReleaseStatus::ALL, ReleaseStatus::as_str, ReleaseStatus::label)
                />
                <Field label="Planned start" value=draft.planned_start kind="datetime-local" id=format!("{prefix}-planned-start") error=err_for("planned")/>
                <Field label="Planned end" value=draft.planned_end kind="datetime-local" id=format!("{prefix}-planned-end")/>
                <Field label="Deployed" value=draft.deployed kind="datetime-local" id=format!("{prefix}-deployed") hint="Your local time. Needed once it is deployed." error=err_for("deployed")/>
                <Managers draft=draft release=rid.get_value() prefix=prefix.clone() warned=warned on_anyway=save/>
            </div>
            <div class="field">
                <label for=notes_id.clone()>"Notes"</label>
                <textarea id=notes_id prop:value=move || draft.notes.get() on:input=move |ev| draft.notes.set(event_target_value(&ev))></textarea>
            </div>
            {move || err_for("form").get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <WhyWithoutGo asked=asked_why error=err_for("why") why=draft.why id=format!("{prefix}-why")/>
            {move || (read_first.get() && warned.get()).then(|| view! {
                <p class="error" role="alert">"Read the warning above: choose someone else, or press the button to go ahead anyway."</p>
            })}
            <div class="actions">
                <WhenInput moment=moment id=format!("{prefix}-when") label="time the status or managers changed"/>
                <button type="submit">{if is_new { "Record release" } else { "Save release" }}</button>
                {(!is_new).then(|| view! { <button type="button" class="secondary" on:click=move |_| on_done.run(())>"Cancel"</button> })}
            </div>
        </form>
    }
}

/// The release and deployment manager pickers, checked together: one person for both, or
/// either over capacity or in conflict, is said before saving. `warned` tells the form.
#[component]
fn Managers(
    draft: Draft,
    release: Option<String>,
    prefix: String,
    warned: RwSignal<bool>,
    on_anyway: Callback<()>,
) -> impl IntoView {
    let app = state::app();
    let release = StoredValue::new(release);
    let people = Memo::new(move |_| app.with_team(|ws| picks(ws, state::now())));
    let checks = Memo::new(move |_| {
        let (r, d) = (draft.rm.get(), draft.dm.get());
        let pick = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let (r, d) = (pick(&r), pick(&d));
        let now = state::now();
        app.ws.with(|ws| {
            let (ra, da) = release::assess_managers(
                ws,
                release.get_value().as_deref(),
                r.as_deref(),
                d.as_deref(),
                now,
            );
            let check = |a: Option<Assessment>, p: Option<String>| {
                a.zip(p)
                    .map(|(a, p)| roster::checked(ws, &p, a, &time::BrowserZones, now))
            };
            (check(ra, r), check(da, d))
        })
    });
    Effect::new(move |_| {
        warned.set(checks.with(|(a, b)| {
            [a, b]
                .iter()
                .any(|c| c.as_ref().is_some_and(Check::needs_reading))
        }))
    });
    let picker = move |role: &'static str, label: &'static str, sig: RwSignal<String>, id: String| {
        view! {
            <Select label=label id=id value=sig on_change=setter(sig) placeholder=CHOOSE groups=person_groups(people.into(), role.to_string(), None)/>
        }
    };
    // One person picked for both: the deployment manager warning says it once.
    let rm_check = Signal::derive(move || {
        let same = draft.rm.get() == draft.dm.get()
            && checks.with(|c| c.1.as_ref().is_some_and(Check::needs_reading));
        checks.get().0.filter(|_| !same)
    });
    let anyway: fn(&str) -> String = |name| format!("Keep {name} and save anyway");
    view! {
        {picker(RELEASE_MANAGER, "Release manager", draft.rm, format!("{prefix}-rm"))}
        {picker(DEPLOYMENT_MANAGER, "Deployment manager", draft.dm, format!("{prefix}-dm"))}
        <div class="managers-check">
            <PickWarning check=rm_check role_name="Release manager".to_string() on_instead=Callback::new(move |p| draft.rm.set(p)) anyway=anyway on_anyway=on_anyway/>
            <PickWarning check=Signal::derive(move || checks.get().1) role_name="Deployment manager".to_string() on_instead=Callback::new(move |p| draft.dm.set(p)) anyway=anyway on_anyway=on_anyway/>
        </div>
    }
}

/// Who holds a manager's role: person id and name.
type Manager = Option<(String, String)>;

#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    name: String,
    status: ReleaseStatus,
    deployed: Option<DateTime<Utc>>,
    planned: Option<DateTime<Utc>>,
    /// Release and deployment manager now (or last).
    rm: Manager,
    dm: Manager,
    linked: Vec<(String, String)>,
    suspects: Vec<(String, String, Duration)>,
    /// Each line with its text as read.
    history: Vec<(TimelineEntry, String)>,
    updated: Option<DateTime<Utc>>,
}

#[component]
fn ReleaseList() -> impl IntoView {
    let app = state::app();
    let shown = RwSignal::new(PAGE);
    let editing = RwSignal::new(None::<String>);
    // Only the cards shown are worked out, newest first: with a decade's 5,000 releases, working
    // out every card on each edit cost more than the edit.
    let rows = Memo::new(move |_| {
        let now = state::now();
        app.ws.with(|ws| {
            let mut newest: Vec<&Release> = ws.releases.iter().filter(|r| r.deleted_at.is_none()).collect();
            order::sort_by(&mut newest, |a, b| {
                b.deployed_at
                    .or(b.planned_start)
                    .cmp(&a.deployed_at.or(a.planned_start))
                    .then_with(|| a.name.cmp(&b.name))
            });
            newest.truncate(shown.get());
            let facts = release::LogFacts::new(ws, &[RELEASE_MANAGER, DEPLOYMENT_MANAGER], now);
            let held = |id: &str, role| {
                facts
                    .manager(id, role)
                    .map(|a| (a.person.clone(), assign::person_name(ws, &a.person)))
            };
            newest
                .into_iter()
                .map(|r| {
                    let (linked, suspects) = facts.incidents(r);
                    Row {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        status: r.status,
                        deployed: r.deployed_at,
                        planned: r.planned_start,
                        rm: held(&r.id, RELEASE_MANAGER),
                        dm: held(&r.id, DEPLOYMENT_MANAGER),
                        linked: linked.iter().map(|i| (i.id.clone(), i.title.clone())).collect(),
                        suspects: suspects
                            .iter()
                            .map(|i| {
                                let after = r.deployed_at.map_or(Duration::zero(), |d| i.started_at - d);
                                (i.id.clone(), i.title.clone(), after)
                            })
                            .collect(),
                        history: r
                            .timeline
                            .iter()
                            .filter(|e| e.deleted_at.is_none())
                            .map(|e| (e.clone(), release::history_text(ws, e)))
                            .collect(),
                        updated: r.updated_at,
                    }
                })
                .collect::<Vec<Row>>()
        })
    });
    let total = Memo::new(move |_| {
        app.ws
            .with(|ws| ws.releases.iter().filter(|r| r.deleted_at.is_none()).count())
    });
    let total = move || total.get();
    // The cards shown, in runs of CHUNK: each run is built in a frame of its own after the form
    // and the calendar have painted (a card with its pickers is some 400 elements).
    let chunks = move || (0..total().min(shown.get())).step_by(CHUNK).collect::<Vec<_>>();
    let rows: Signal<Vec<Row>> = rows.into();
    let chunk = move |from: usize| {
        rows.with(|r| {
            r.iter()
                .skip(from)
                .take(CHUNK)
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let history_open = HistoryOpen(RwSignal::new(Vec::new()));
    view! {
        <section aria-labelledby="log-h">
            <h2 id="log-h">"Release log"</h2>
            <Show when=move || { total() > 0 } fallback=|| view! { <p class="empty">"No releases recorded yet. Record the next one with the form above, before it ships."</p> }>
                <Provider value=history_open>
                <ul class="release-list">
                    <For each=chunks key=|from| *from let:from>
                        <Later>
                            <For each=move || chunk(from) key=String::clone let:id>
                                <ReleaseItem rows id editing/>
                            </For>
                        </Later>
                    </For>
                </ul>
                </Provider>
                {move || (total() > shown.get()).then(|| view! {
                    <button class="secondary more" on:click=move |_| shown.update(|s| *s += PAGE)>
                        {format!("Show {} more", PAGE.min(total() - shown.get()))}
                    </button>
                })}
            </Show>
        </section>
    }
}

/// One release's card, keyed by its id: each part follows only what it shows of the release, so
/// recording a go leaves the status buttons' "by" and time as they were chosen.
#[component]
fn ReleaseItem(rows: Signal<Vec<Row>>, id: String, editing: RwSignal<Option<String>>) -> impl IntoView {
    let row = keyed::entry(rows, id.clone(), |r| &r.id);
    let id = StoredValue::new(id);
    let is_editing = move || editing.with(|e| e.as_deref() == Some(id.get_value().as_str()));
    let name = keyed::pick(row, |r| r.name.clone());
    let head = keyed::pick(row, |r| (r.name.clone(), r.status));
    let actions = keyed::pick(row, |r| (r.name.clone(), r.status, r.rm.clone(), r.dm.clone()));
    let process = keyed::pick(row, |r| {
        (
            r.name.clone(),
            release::is_finished(r.status),
            r.rm.clone().map(|m| m.0),
        )
    });
    let facts = keyed::pick(row, |r| {
        (
            r.deployed,
            r.planned,
            r.rm.clone().map(|m| m.1),
            r.dm.clone().map(|m| m.1),
        )
    });
    let linked = keyed::pick(row, |r| r.linked.clone());
    let history = keyed::pick(row, |r| r.history.clone());
    let suspects = keyed::pick(row, |r| r.suspects.clone());
    let display = move || {
        view! {
            {keyed::follow(head, move |(name, status)| view! {
                <div class="release-head">
                    <h3>{name.clone()}</h3>
                    <span class=format!("tag release-{}", status.as_str())>{status.label()}</span>
                    <button type="button" class="link" on:click=move |_| editing.set(Some(id.get_value()))>
                        "Edit"<span class="visually-hidden">{format!(" release {name}")}</span>
                    </button>
                </div>
            }.into_any())}
            {keyed::follow(actions, move |(name, status, rm, dm)| view! {
                <StatusActions release_id=id.get_value() name=name status=status managers=(rm, dm)/>
            }.into_any())}
            {keyed::follow(process, move |(name, finished, decider)| view! {
                <process::ReleaseProcess release_id=id.get_value() name=name finished=finished decider=decider/>
            }.into_any())}
            {keyed::follow(facts, move |(deployed, planned, rm, dm)| view! {
                <dl class="release-facts">
                    <div><dt>"Deployed"</dt><dd>{deployed.map_or_else(|| view! { "Not yet" }.into_any(), |d| view! { <When at=d/> }.into_any())}</dd></div>
                    {planned.map(|p| view! { <div><dt>"Planned"</dt><dd><When at=p/></dd></div> })}
                    <div><dt>"Release manager"</dt><dd>{rm.unwrap_or_else(|| "Nobody yet".into())}</dd></div>
                    <div><dt>"Deployment manager"</dt><dd>{dm.unwrap_or_else(|| "Nobody yet".into())}</dd></div>
                </dl>
            }.into_any())}
            {keyed::follow(linked, move |linked| (!linked.is_empty()).then(|| view! {
                <p class="linked">
                    "Linked incidents: "
                    {linked.iter().enumerate().map(|(n, (iid, title))| view! {
                        {(n > 0).then_some(", ")}<a href=route::incident_href(iid)>{title.clone()}</a>
                    }).collect_view()}
                </p>
            }).into_any())}
            {keyed::follow(history, move |entries| (!entries.is_empty()).then(|| view! {
                <ReleaseHistory release_id=id.get_value() entries=entries/>
            }).into_any())}
            {keyed::follow(suspects, move |suspects| (!suspects.is_empty()).then(|| view! {
                <p class="suspects">
                    <span class="flag warn">"Started within 24 h after deploy"</span>" "
                    {suspects.iter().enumerate().map(|(n, (iid, title, after))| view! {
                        {(n > 0).then_some(", ")}<a href=route::incident_href(iid)>{title.clone()}</a>{format!(" ({} after)", human(*after))}
                    }).collect_view()}
                </p>
            }).into_any())}
        }
    };
    view! {
        <li class="card release">
            {move || if is_editing() {
                view! {
                    <h3>{move || format!("Edit {}", name.get().unwrap_or_default())}</h3>
                    <ReleaseForm existing=Some(id.get_value()) on_done=Callback::new(move |_| editing.set(None))/>
                }
                .into_any()
            } else {
                display().into_any()
            }}
        </li>
    }
}

/// The next steps of a release, one press each: start it, mark it deployed, or roll it back
/// (which asks why). Each is recorded at the time shown and by whom, in the release's history.
#[component]
fn StatusActions(
    release_id: String,
    name: String,
    status: ReleaseStatus,
    /// Release and deployment manager (id, name): who is offered as having made the change.
    managers: (Manager, Manager),
) -> impl IntoView {
    let app = state::app();
    let rid = StoredValue::new(release_id);
    let next: &[(ReleaseStatus, &str)] = match status {
        ReleaseStatus::Planned => &[
            (ReleaseStatus::InProgress, "Start"),
            (ReleaseStatus::Deployed, "Mark deployed"),
        ],
        ReleaseStatus::InProgress => &[(ReleaseStatus::Deployed, "Mark deployed")],
        ReleaseStatus::Deployed => &[(ReleaseStatus::RolledBack, "Roll back…")],
        _ => &[],
    };
    if next.is_empty() {
        return ().into_any();
    }
    // Said by whoever holds the role that usually does it; anyone can be chosen instead.
    let usual = if status == ReleaseStatus::Planned {
        managers.0
    } else {
        managers.1
    };
    let by = RwSignal::new(usual.map(|m| m.0).unwrap_or_default());
    let people = by_choices();
    let moment = Moment::new();
    let error = RwSignal::new(None::<String>);
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    // Marking it deployed without a go: the refusal's words, while the reason is asked for.
    let why_asked = RwSignal::new(None::<String>);
    let why = RwSignal::new(String::new());
    let name = StoredValue::new(name);
    let prefix = format!("status-{}", rid.get_value());
    let why_id = StoredValue::new(format!("{prefix}-why"));
    let prefix_v = StoredValue::new(prefix.clone());
    // Cancelled: nothing changes, and the cursor goes back to the button that asked.
    let cancel_why = move || {
        why_asked.set(None);
        focus_selector_soon(format!("#{}-deployed", prefix_v.get_value()));
    };
    let go = move |to: ReleaseStatus| {
        let Ok(at) = moment.get() else { return };
        let who = Some(by.get_untracked()).filter(|p| !p.is_empty());
        let now = state::now();
        let without_go = why_asked
            .with_untracked(Option::is_some)
            .then(|| why.get_untracked());
        let done = app.try_update(|ws| match to {
            ReleaseStatus::RolledBack => release::roll_back(
                ws,
                &rid.get_value(),
                &reason.get_untracked(),
                who.as_deref(),
                at,
                now,
            ),
            to => release::set_status(
                ws,
                &rid.get_value(),
                to,
                who.as_deref(),
                without_go.as_deref(),
                at,
                now,
            ),
        });
        match done {
            Ok(()) => {
                moment.recorded();
                error.set(None);
                why_asked.set(None);
                app.say(format!(
                    "Release {} is now {}.",
                    name.get_value(),
                    to.label().to_lowercase()
                ));
            }
            Err(e @ DomainError::DeployWithoutGo { .. }) => {
                error.set(None);
                if why_asked.with_untracked(Option::is_none) {
                    focus_selector_soon(format!("#{}", why_id.get_value()));
                }
                why_asked.set(Some(e.to_string()));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="status-actions" role="group" aria-label=format!("Move release {} on", name.get_value())>
            {next.iter().map(|&(to, label)| view! {
                <button type="button" class="secondary" id=format!("{}-{}", prefix_v.get_value(), to.as_str()) on:click=move |_| if to == ReleaseStatus::RolledBack { asking.set(true) } else { go(to) }>
                    {label}<span class="visually-hidden">{format!(" release {}", name.get_value())}</span>
                </button>
            }).collect_view()}
            <Select label="By" id=format!("{prefix}-by") bare=true value=by on_change=Callback::new(move |v| by.set(v)) placeholder="Not said" choices=people/>
            <WhenInput moment=moment id=format!("{prefix}-when") label="time of the status change"/>
        </div>
        <Show when=move || asking.get()>
            <form class="rollback" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                go(ReleaseStatus::RolledBack);
            }>
                <Field label="Why was it rolled back?" value=reason id=format!("{prefix}-reason") hint="Goes into the release's history and the timelines of its linked incidents."/>
                <div class="actions">
                    <button type="submit" class="danger">"Roll back"</button>
                    <button type="button" class="secondary" on:click=move |_| asking.set(false)>"Cancel"</button>
                </div>
            </form>
        </Show>
        <Show when=move || why_asked.with(Option::is_some)>
            <DeployWhyForm
                refusal=Signal::derive(move || why_asked.get())
                why=why
                id=why_id.get_value()
                on_submit=Callback::new(move |_| go(ReleaseStatus::Deployed))
                on_cancel=Callback::new(move |_| cancel_why())
            />
        </Show>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
    .into_any()
}

/// "Mark deployed" refused for want of a go: the refusal, the reason, and going ahead with it
/// or cancelling (Escape too).
#[component]
fn DeployWhyForm(
    refusal: Signal<Option<String>>,
    why: RwSignal<String>,
    id: String,
    on_submit: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <form
            class="deploy-why-form"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                on_submit.run(());
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { on_cancel.run(()) }
        >
            <WhyWithoutGo asked=Signal::derive(|| true) error=refusal why=why id=id/>
            <div class="actions">
                <button type="submit">"Mark deployed anyway"</button>
                <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </form>
    }
}

/// Why a release went out without a go: the refusal that asked, then the reason's field.
#[component]
fn WhyWithoutGo(
    #[prop(into)] asked: Signal<bool>,
    error: Signal<Option<String>>,
    why: RwSignal<String>,
    id: String,
) -> impl IntoView {
    view! {
        <Show when=move || asked.get()>
            <div class="deploy-why">
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <Field label="Why did it go out without a go?" value=why id=id.clone() hint="Goes into the release's history, next to the deploy."/>
            </div>
        </Show>
    }
}

/// A release's status changes with their times, each correctable: moving the deploy entry
/// moves the deploy time and the ends of the roles that ended with it.
/// Which releases have their history open.
#[derive(Clone, Copy)]
struct HistoryOpen(RwSignal<Vec<String>>);

#[component]
fn ReleaseHistory(release_id: String, entries: Vec<(TimelineEntry, String)>) -> impl IntoView {
    let rid = StoredValue::new(release_id);
    // Stays open across the re-render a correction causes.
    let open = use_context::<HistoryOpen>().map(|h| h.0);
    let is_open = move || open.is_some_and(|o| o.with(|o| o.contains(&rid.get_value())));
    let toggle = move |ev: leptos::ev::Event| {
        let now_open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
        if let Some(o) = open {
            o.update(|o| {
                o.retain(|x| *x != rid.get_value());
                if now_open {
                    o.push(rid.get_value());
                }
            });
        }
    };
    view! {
        <details class="release-history" prop:open=is_open on:toggle=toggle>
            <summary>{format!("History ({})", entries.len())}</summary>
            <ol>
                {entries.into_iter().map(|(e, text)| view! { <HistoryLine release_id=rid.get_value() entry=e text=text/> }).collect_view()}
            </ol>
        </details>
    }
}

#[component]
fn HistoryLine(release_id: String, entry: TimelineEntry, text: String) -> impl IntoView {
    let app = state::app();
    let editing = RwSignal::new(false);
    let at = RwSignal::new(time::to_input(entry.at));
    let error = RwSignal::new(None::<String>);
    let (rid, eid) = (StoredValue::new(release_id), StoredValue::new(entry.id.clone()));
    let input_id = format!("history-{}-at", entry.id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(t) = time::from_input(&at.get_untracked()) else {
            error.set(Some("Enter the time as a date and time.".into()));
            return;
        };
        match app
            .try_update(|ws| release::move_entry(ws, &rid.get_value(), &eid.get_value(), t, state::now()))
        {
            Ok(()) => {
                error.set(None);
                editing.set(false);
                app.say("Corrected the time; what it records moved with it.");
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <li>
            <When at=entry.at focusable=true/>" "{text.clone()}" "
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    <button type="button" class="link" on:click=move |_| editing.set(true)>
                        "Correct the time"<span class="visually-hidden">{format!(" of: {text}")}</span>
                    </button>
                }
            >
                <form class="inline-form" on:submit=save>
                    <Field label="Corrected time" value=at kind="datetime-local" id=input_id.clone()/>
                    <button type="submit">"Save"</button>
                    <button type="button" class="secondary" on:click=move |_| editing.set(false)>"Cancel"</button>
                </form>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </li>
    }
}

/// One local day of the calendar: each event with the deploy an incident followed, if any.
type Day = (String, Vec<(Event, Option<(String, Duration)>)>);

/// Deploys and incidents together, grouped by local day, so "we deployed and then it broke"
/// reads at a glance.
#[component]
fn Calendar() -> impl IntoView {
    let app = state::app();
    let days = RwSignal::new(30_i64);
    let groups = Memo::new(move |_| {
        let now = state::now();
        let from = now - Duration::days(days.get());
        app.ws.with(|ws| {
            let mut out: Vec<Day> = vec![];
            let deploys = release::Deploys::new(ws);
            for e in release::timeline_events(ws, from, now + Duration::days(1)) {
                let after = match &e {
                    Event::Incident { id, .. } => assign::find_incident(ws, id)
                        .and_then(|i| deploys.after(i))
                        .map(|(r, d)| (r.name.clone(), d)),
                    Event::Release { .. } | Event::Rollback { .. } => None,
                };
                let full = time::local(e.at());
                let day = full.split(", ").next().unwrap_or(&full).to_string();
                match out.last_mut() {
                    Some((d, list)) if *d == day => list.push((e, after)),
                    _ => out.push((day, vec![(e, after)])),
                }
            }
            out.reverse();
            out
        })
    });
    view! {
        <section class="card calendar" aria-labelledby="cal-h">
            <h2 id="cal-h">"Deploys and incidents"</h2>
            <Select
                label="Show the last"
                id="cal-window"
                class="inline"
                value=Signal::derive(move || days.get().to_string())
                on_change=Callback::new(move |v: String| days.set(v.parse().unwrap_or(30)))
                choices=[7_i64, 30, 90, 365].map(|d| (d.to_string(), format!("{d} days"))).to_vec()
            />
            <Show when=move || groups.with(|g| !g.is_empty()) fallback=move || view! { <p class="empty">{move || format!("No deploys or incidents in the last {} days.", days.get())}</p> }>
                <div class="days">
                    <For each=move || groups.get() key=|(d, list)| format!("{d}|{}|{:?}", list.len(), list.iter().map(|(e, _)| e.at()).collect::<Vec<_>>()) let:g>
                        <div class="day">
                            <h3>{g.0.clone()}</h3>
                            <ul class="events">
                                {g.1.into_iter().rev().map(|(e, after)| event_item(e, after)).collect_view()}
                            </ul>
                        </div>
                    </For>
                </div>
            </Show>
        </section>
    }
}

fn event_item(e: Event, after: Option<(String, Duration)>) -> AnyView {
    match e {
        Event::Release { name, status, at, .. } => view! {
            <li class="event release-event">
                <When at=at short=true focusable=true/>
                // Placed at its deploy: a release deployed and then rolled back was deployed then.
                <span class="tag deploy">{if matches!(status, ReleaseStatus::Deployed | ReleaseStatus::RolledBack) { "Deployed" } else { status.label() }}</span>
                {format!(" Release {name}")}
            </li>
        }
        .into_any(),
        Event::Rollback { name, at, reason, .. } => view! {
            <li class="event rollback-event">
                <When at=at short=true focusable=true/>
                <span class="tag rollback">"Rolled back"</span>
                {format!(" Release {name}")}
                {(!reason.is_empty()).then(|| format!(": {reason}"))}
            </li>
        }
        .into_any(),
        Event::Incident { id, title, severity, status, at, .. } => view! {
            <li class="event incident-event">
                <When at=at short=true focusable=true/>
                <span class="tag incident">"Incident"</span>" "
                <a href=route::incident_href(&id)>{title}</a>
                {format!(" ({}) ", severity.label())}
                <StatusTag status=status/>
                {after.map(|(name, d)| view! { " " <span class="flag warn">{format!("{} after release {name} was deployed", human(d))}</span> })}
            </li>
        }
        .into_any(),
    }
}
