//! A review for people outside Hatrack: Markdown for a wiki or a mail (the app's export and
//! `hatrack review` print the same text), and a short plain text to paste into a chat.
//!
//! Both open with what a reader asks first: what broke, how badly, when and for how long, who
//! ran the response and which release it followed. A section nobody wrote is left out rather
//! than announced. The Markdown escapes people's text only where Markdown would read it as
//! markup ([`super::markdown`]); the chat text is plain, never escaped, and short enough for one
//! message, cutting long parts with "…" and pointing to the full review.

use crate::domain::order;
use chrono::{DateTime, Utc};

use super::actions;
use super::assign::{find_incident, find_release};
use super::defaults::INCIDENT_MANAGER;
use super::duration::human;
use super::markdown;
use super::model::{
    ActionItem, EntryKind, Incident, Release, Review, ReviewFacts, ReviewKind, TimelineEntry, Workspace,
};
use super::release::rolled_back;
use super::review::{
    facts_of, find_review, process_followed, published_by, roles_of, section_ids, Field, ListField,
    PublishedBy, SectionId, PROCESS_FRAMING,
};
use super::times::hm;

/// What both exports say first, as plain text: each escapes and lays it out its own way.
struct Opening<'a> {
    review: &'a Review,
    incident: &'a Incident,
    facts: ReviewFacts,
    /// Who held which role, the incident manager first, then in the catalogue's order.
    roles: Vec<RoleHeld>,
    /// Conflicting roles and overloads, in words.
    statements: Vec<String>,
    release: Option<&'a Release>,
}

struct RoleHeld {
    id: String,
    name: String,
    /// In the order they took it.
    holders: Vec<Holder>,
}

struct Holder {
    name: String,
    /// When, if not the whole incident: "until …", "from …", "from … to …".
    when: Option<String>,
}

fn opening<'a>(ws: &'a Workspace, review_id: &str, now: DateTime<Utc>) -> Option<Opening<'a>> {
    let review = find_review(ws, review_id)?;
    let incident = find_incident(ws, &review.incident)?;
    let facts = facts_of(ws, review)?;
    let (spans, statements) = roles_of(ws, review, now);
    let (start, end) = (facts.started_at, facts.resolved_at.unwrap_or(now));
    let rank = |id: &str| {
        let pos = ws.roles.iter().position(|r| r.id == id).unwrap_or(ws.roles.len());
        (id != INCIDENT_MANAGER, pos)
    };
    let mut roles: Vec<RoleHeld> = vec![];
    let mut spans = spans;
    order::sort_by(&mut spans, |a, b| {
        (rank(&a.role_id), &a.role_name, a.from).cmp(&(rank(&b.role_id), &b.role_name, b.from))
    });
    for s in spans {
        let when = match (s.from <= start, s.to >= end) {
            (true, true) => None,
            (true, false) => Some(format!("until {}", hm(s.to))),
            (false, true) => Some(format!("from {}", hm(s.from))),
            (false, false) => Some(format!("from {} to {}", hm(s.from), hm(s.to))),
        };
        let holder = Holder {
            name: s.person_name,
            when,
        };
        match roles.last_mut().filter(|r| r.id == s.role_id) {
            Some(r) => r.holders.push(holder),
            None => roles.push(RoleHeld {
                id: s.role_id,
                name: s.role_name,
                holders: vec![holder],
            }),
        }
    }
    let release = incident.release.as_deref().and_then(|id| find_release(ws, id));
    Some(Opening {
        review,
        incident,
        facts,
        roles,
        statements,
        release,
    })
}

impl Opening<'_> {
    /// How long the incident ran, if its end was recorded.
    fn duration(&self) -> Option<String> {
        self.facts.resolved_at.map(|r| human(r - self.facts.started_at))
    }

    /// The incident managers' names in the order they took over.
    fn managers(&self) -> Vec<&str> {
        let mut names: Vec<&str> = vec![];
        for h in self
            .roles
            .iter()
            .filter(|r| r.id == INCIDENT_MANAGER)
            .flat_map(|r| &r.holders)
        {
            if names.last() != Some(&h.name.as_str()) {
                names.push(&h.name);
            }
        }
        names
    }

    /// What became of the linked release, after its name: "deployed …, 1 h 18 min before the
    /// incident started", "rolled back …", "planned".
    fn release_words(&self, r: &Release) -> String {
        let Some(deployed) = r.deployed_at else {
            return r.status.label().to_lowercase();
        };
        let mut words = format!("deployed {}", hm(deployed));
        if deployed <= self.facts.started_at {
            words.push_str(&format!(
                ", {} before the incident started",
                human(self.facts.started_at - deployed)
            ));
        }
        if let Some((at, _)) = rolled_back(r) {
            words.push_str(&format!(", rolled back {}", hm(at)));
        }
        words
    }

    fn full(&self) -> bool {
        self.review.kind == ReviewKind::Full
    }

    /// A list section's written items.
    fn items(&self, l: ListField) -> Vec<&str> {
        l.get(self.review)
            .iter()
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
            .collect()
    }

    fn actions(&self) -> impl Iterator<Item = &ActionItem> {
        self.review.actions.iter().filter(|a| a.deleted_at.is_none())
    }

    /// The key moments picked, else the whole timeline (also when every picked entry has been
    /// deleted since), in time order, with the heading that says which.
    fn moments(&self) -> (&'static str, Vec<&TimelineEntry>) {
        let live: Vec<_> = self
            .incident
            .timeline
            .iter()
            .filter(|e| e.deleted_at.is_none())
            .collect();
        let picked: Vec<_> = live
            .iter()
            .copied()
            .filter(|e| self.review.key_moments.contains(&e.id))
            .collect();
        let (title, mut entries) = if picked.is_empty() {
            ("Timeline", live)
        } else {
            (SectionId::KeyMoments.title(), picked)
        };
        order::sort_by_key(&mut entries, |e| e.at);
        (title, entries)
    }
}

/// An action item's owner, live (action items are work that goes on after publishing).
fn owner_name<'a>(ws: &'a Workspace, a: &ActionItem) -> Option<&'a str> {
    a.owner
        .as_deref()
        .and_then(|o| ws.people.iter().find(|p| p.id == o && p.deleted_at.is_none()))
        .map(|p| p.name.as_str())
}

/// "due 2026-12-05" or "due 2026-11-28, overdue by 3 days".
fn due_words(a: &ActionItem, now: DateTime<Utc>) -> Option<String> {
    let due = a.due?;
    let mut words = format!("due {}", due.format("%Y-%m-%d"));
    if let Some(days) = actions::overdue_days(a, now.date_naive()) {
        words.push_str(&format!(", {}", actions::overdue_words(days).to_lowercase()));
    }
    Some(words)
}

// ---------------------------------------------------------------------------------------------
// Markdown

fn push_section(md: &mut String, title: &str, body: &str) {
    md.push_str(&format!("\n## {title}\n\n{body}\n"));
}

fn md_facts(o: &Opening, ws: &Workspace) -> String {
    let f = &o.facts;
    let mut lines = vec![("Severity", f.severity.label()), ("Started", hm(f.started_at))];
    if let Some(d) = f.detected_at {
        lines.push((
            "Detected",
            format!("{}, {} after the start", hm(d), human(d - f.started_at)),
        ));
    }
    if let Some(r) = f.resolved_at {
        lines.push(("Resolved", hm(r)));
    }
    if let Some(d) = o.duration() {
        lines.push(("Duration", d));
    }
    if !f.services.is_empty() {
        let s: Vec<String> = f.services.iter().map(|s| markdown::inline(s)).collect();
        lines.push(("Services", s.join(", ")));
    }
    if let Some(r) = o.release {
        lines.push((
            "Release",
            format!("{}, {}", markdown::inline(&r.name), o.release_words(r)),
        ));
    }
    let mut review = format!(
        "{}, {}",
        o.review.kind.label(),
        o.review.status.label().to_lowercase()
    );
    if let Some(PublishedBy { at: Some(at), by }) = published_by(ws, o.review) {
        review.push_str(&format!(" {}", hm(at)));
        if let Some(by) = by {
            review.push_str(&format!(" by {}", markdown::inline(&by)));
        }
    }
    lines.push(("Review", review));
    lines
        .into_iter()
        .map(|(k, v)| format!("- **{k}:** {v}\n"))
        .collect()
}

fn md_roles(o: &Opening) -> Option<String> {
    if o.roles.is_empty() {
        return None;
    }
    let mut b = String::new();
    for r in &o.roles {
        let holders: Vec<String> = r
            .holders
            .iter()
            .map(|h| match &h.when {
                None => markdown::inline(&h.name),
                Some(w) => format!("{} {w}", markdown::inline(&h.name)),
            })
            .collect();
        b.push_str(&format!(
            "- **{}:** {}\n",
            markdown::inline(&r.name),
            holders.join("; ")
        ));
    }
    if o.statements.is_empty() {
        b.push_str("\nNobody held conflicting roles or went over capacity.");
    } else {
        b.push_str("\nToo many hats:\n\n");
        for s in &o.statements {
            b.push_str(&format!("- {}\n", markdown::line(s)));
        }
    }
    Some(b.trim_end().to_string())
}

fn md_moments(ws: &Workspace, entries: &[&TimelineEntry]) -> String {
    let mut b = String::new();
    for e in entries {
        let author = e
            .author
            .as_deref()
            .and_then(|a| ws.people.iter().find(|p| p.id == a))
            .map(|p| markdown::inline(&p.name));
        // "Sam Rivera: …", "Sam Rivera, decision: …", "Decision: …": a note needs no label.
        let who = match (author, e.kind) {
            (Some(a), EntryKind::Note) => format!("{a}: "),
            (Some(a), k) => format!("{a}, {}: ", k.label().to_lowercase()),
            (None, EntryKind::Note) => String::new(),
            (None, k) => format!("{}: ", k.label()),
        };
        b.push_str(&format!(
            "- **{}** {who}{}\n",
            hm(e.at),
            markdown::block(&e.text, "  ")
        ));
    }
    b.trim_end().to_string()
}

fn md_action(ws: &Workspace, a: &ActionItem, now: DateTime<Utc>) -> String {
    let mut details = vec![match owner_name(ws, a) {
        Some(name) => format!("owner {}", markdown::inline(name)),
        None => "no owner yet".to_string(),
    }];
    details.extend(due_words(a, now));
    if !a.priority.trim().is_empty() {
        details.push(markdown::inline(a.priority.trim()));
    }
    format!(
        "- [{}] {} — {}",
        if a.done { "x" } else { " " },
        markdown::line(&a.text),
        details.join(", ")
    )
}

/// Per role, how each step of its checklist went, after the framing; `None` with nothing to say.
fn md_process(ws: &Workspace, review: &Review) -> Option<String> {
    let roles = process_followed(ws, review);
    if roles.is_empty() {
        return None;
    }
    let mut b = format!("{}\n\n", markdown::line(PROCESS_FRAMING));
    for r in roles {
        b.push_str(&format!("- **{}:**\n", markdown::inline(&r.role)));
        for s in r.steps {
            b.push_str(&format!("  - {}\n", markdown::line(&s)));
        }
    }
    Some(b.trim_end().to_string())
}

/// The review as Markdown for a wiki or a mail. `None` if the review or its incident is gone.
/// A published review shows the incident facts and roles as they were when it was published;
/// action items are work that goes on, so their owners and state are today's.
pub fn to_markdown(ws: &Workspace, review_id: &str, now: DateTime<Utc>) -> Option<String> {
    let o = opening(ws, review_id, now)?;
    let mut md = format!(
        "# Post-incident review: {}\n\n",
        markdown::heading(&o.facts.title)
    );
    md.push_str(&md_facts(&o, ws));
    if let Some(b) = md_roles(&o) {
        push_section(&mut md, "Roles during the incident", &b);
    }
    // A quick retro has no key moments to pick, and a whole timeline would outweigh it.
    let (moments_title, moments) = o.moments();
    if o.full() && !moments.is_empty() {
        push_section(&mut md, moments_title, &md_moments(ws, &moments));
    }
    // The written sections in page order; roles, moments and actions have their own places.
    for id in section_ids(o.review.kind) {
        let body = match (id.field(), id.list_field()) {
            (Some(f), _) => markdown::block(f.get(o.review), ""),
            (_, Some(l)) => o
                .items(l)
                .iter()
                .map(|s| format!("- {}", markdown::block(s, "  ")))
                .collect::<Vec<_>>()
                .join("\n"),
            _ => continue,
        };
        if !body.is_empty() {
            push_section(&mut md, id.title(), &body);
        }
    }
    let actions: Vec<String> = o.actions().map(|a| md_action(ws, a, now)).collect();
    if !actions.is_empty() {
        push_section(&mut md, "Action items", &actions.join("\n"));
    }
    if let Some(b) = md_process(ws, o.review) {
        push_section(&mut md, "Process followed", &b);
    }
    Some(md)
}

// ---------------------------------------------------------------------------------------------
// Chat

/// A chat message stays under this many characters: most chat apps show that much without a
/// "read more", and all of them keep it whole.
pub const CHAT_LIMIT: usize = 1500;

/// How much of each part a chat message keeps; the first that fits wins, the last always does.
struct Cut {
    summary: usize,
    items: usize,
    item_chars: usize,
    actions: usize,
}

const CUTS: [Cut; 3] = [
    Cut {
        summary: 300,
        items: 3,
        item_chars: 120,
        actions: 5,
    },
    Cut {
        summary: 160,
        items: 2,
        item_chars: 80,
        actions: 3,
    },
    Cut {
        summary: 100,
        items: 1,
        item_chars: 60,
        actions: 2,
    },
];

const TITLE_CHARS: usize = 100;
const NAME_CHARS: usize = 40;

/// `s` on one line, cut at a word to at most `max` characters with "…" when longer.
fn shorten(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':', '.']))
}

fn chat_list(out: &mut Vec<String>, title: &str, items: &[String], shown: usize) {
    if items.is_empty() {
        return;
    }
    out.push(String::new());
    out.push(format!("{title}:"));
    out.extend(items.iter().take(shown).map(|s| format!("• {s}")));
    if items.len() > shown {
        out.push(format!("…and {} more", items.len() - shown));
    }
}

fn chat_with(o: &Opening, ws: &Workspace, now: DateTime<Utc>, cut: &Cut) -> String {
    let f = &o.facts;
    let mut out = vec![
        format!("Post-incident review: {}", shorten(&f.title, TITLE_CHARS)),
        format!("Severity: {}", f.severity.label()),
    ];
    out.push(match (f.resolved_at, o.duration()) {
        (Some(r), Some(d)) => format!("Started {}, resolved {} ({d})", hm(f.started_at), hm(r)),
        _ => format!("Started {}, resolution time not recorded", hm(f.started_at)),
    });
    let managers: Vec<String> = o
        .managers()
        .iter()
        .take(3)
        .map(|n| shorten(n, NAME_CHARS))
        .collect();
    out.push(if managers.is_empty() {
        "Incident manager: not recorded".to_string()
    } else {
        format!("Incident manager: {}", managers.join(", then "))
    });
    if let Some(r) = o.release {
        out.push(format!(
            "Release: {}, {}",
            shorten(&r.name, NAME_CHARS),
            o.release_words(r)
        ));
    }
    let summary = Field::Summary.get(o.review);
    if !summary.trim().is_empty() {
        out.push(String::new());
        out.push(shorten(summary, cut.summary));
    }
    let items =
        |l: ListField| -> Vec<String> { o.items(l).iter().map(|s| shorten(s, cut.item_chars)).collect() };
    chat_list(&mut out, "What went well", &items(ListField::WentWell), cut.items);
    chat_list(
        &mut out,
        "What went badly",
        &items(ListField::WentBadly),
        cut.items,
    );
    let open: Vec<String> = o
        .actions()
        .filter(|a| !a.done)
        .map(|a| {
            let mut s = format!(
                "{} — {}",
                shorten(&a.text, cut.item_chars),
                owner_name(ws, a).map_or("no owner yet".to_string(), |n| shorten(n, NAME_CHARS))
            );
            if let Some(d) = due_words(a, now) {
                s.push_str(&format!(", {d}"));
            }
            s
        })
        .collect();
    chat_list(&mut out, "Open action items", &open, cut.actions);
    out.push(String::new());
    out.push("The full review is in Hatrack.".to_string());
    out.join("\n")
}

/// The review as a short plain-text message for a chat: no Markdown, no escapes, at most
/// [`CHAT_LIMIT`] characters. `None` if the review or its incident is gone.
pub fn to_chat(ws: &Workspace, review_id: &str, now: DateTime<Utc>) -> Option<String> {
    let o = opening(ws, review_id, now)?;
    let mut text = String::new();
    for cut in &CUTS {
        text = chat_with(&o, ws, now, cut);
        if text.chars().count() <= CHAT_LIMIT {
            break;
        }
    }
    Some(text)
}
