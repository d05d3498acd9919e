//! Canonical JSON: the one layout in which Hatrack writes a workspace file, so that a file kept
//! in git changes only where its records changed.
//!
//! Two exports of the same workspace are the same bytes, whatever order the records were
//! created, imported or merged in, and whatever order a file's unknown fields were read in:
//!
//! - **Layout**: UTF-8, 2-space indentation, one field per line, `\n` line ends, a final newline.
//! - **Fields**: each record's known fields in the fixed order of FORMAT.md's examples (Hatrack's
//!   extensions after them), then unknown fields sorted by name; the keys of objects inside
//!   unknown fields and of `settings.severity_descriptions` are sorted by name too.
//! - **Records**: `people`, `assignments`, `incidents`, `releases` and `reviews` sorted by `id`
//!   (byte order). `roles` and `conflicts` keep the team's order: the app shows the role
//!   catalogue and the separation-of-duty rules in it, and both lists are short and rarely
//!   change. Nested lists keep their order because the order means something: timeline entries
//!   (oldest first; entries at the same instant in the order they were written), action items
//!   (as the review lists them), a review's status log, skills, services.
//!
//! Sorting by id rather than by time means that correcting a time never moves a record in the
//! file; ids are random, so the order reads as arbitrary but never changes.

use serde_json::Value;

use super::model::{Extra, Workspace};

impl Workspace {
    /// The workspace as canonical JSON (see the module documentation), for export and for
    /// files kept in git. Reads back with [`Workspace::from_json`] to an equal workspace, up to
    /// the order of the sorted records and fields.
    pub fn to_canonical_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.canonical()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// A copy in canonical order: what [`Workspace::to_canonical_json`] writes.
    pub fn canonical(&self) -> Workspace {
        let mut ws = self.clone();
        sort_extra(&mut ws.extra);
        sort_extra(&mut ws.settings.extra);
        sort_extra(&mut ws.settings.severity_descriptions);
        ws.people.sort_by(|a, b| a.id.cmp(&b.id));
        ws.assignments.sort_by(|a, b| a.id.cmp(&b.id));
        ws.incidents.sort_by(|a, b| a.id.cmp(&b.id));
        ws.releases.sort_by(|a, b| a.id.cmp(&b.id));
        ws.reviews.sort_by(|a, b| a.id.cmp(&b.id));
        for p in &mut ws.people {
            sort_extra(&mut p.extra);
        }
        for r in &mut ws.roles {
            sort_extra(&mut r.extra);
        }
        for c in &mut ws.conflicts {
            sort_extra(&mut c.extra);
        }
        for a in &mut ws.assignments {
            sort_extra(&mut a.extra);
        }
        for i in &mut ws.incidents {
            sort_extra(&mut i.extra);
            for e in &mut i.timeline {
                sort_extra(&mut e.extra);
            }
        }
        for r in &mut ws.releases {
            sort_extra(&mut r.extra);
            for e in &mut r.timeline {
                sort_extra(&mut e.extra);
            }
            if let Some(g) = &mut r.go_no_go {
                sort_extra(&mut g.extra);
            }
        }
        // The process's lists keep the team's order (the handbook shows it); only unknown
        // fields are sorted.
        if let Some(p) = &mut ws.process {
            sort_extra(&mut p.extra);
            for r in &mut p.roles {
                sort_extra(&mut r.extra);
                for s in &mut r.checklist {
                    sort_extra(&mut s.extra);
                }
            }
            p.severities.iter_mut().for_each(|s| sort_extra(&mut s.extra));
            p.escalation.iter_mut().for_each(|e| sort_extra(&mut e.extra));
            p.release.iter_mut().for_each(|s| sort_extra(&mut s.extra));
            p.changelog.iter_mut().for_each(|c| sort_extra(&mut c.extra));
        }
        for r in &mut ws.reviews {
            sort_extra(&mut r.extra);
            for a in &mut r.actions {
                sort_extra(&mut a.extra);
            }
            for s in &mut r.status_log {
                sort_extra(&mut s.extra);
            }
            if let Some(p) = &mut r.published {
                sort_extra(&mut p.extra);
                sort_extra(&mut p.facts.extra);
                for role in &mut p.roles {
                    sort_extra(&mut role.extra);
                }
                for f in &mut p.process {
                    sort_extra(&mut f.extra);
                }
            }
        }
        ws
    }
}

/// Sorts a map's keys, and those of every object inside it: unknown fields are opaque, so
/// their only stable order is by name.
fn sort_extra(extra: &mut Extra) {
    extra.sort_keys();
    for v in extra.values_mut() {
        sort_value(v);
    }
}

fn sort_value(v: &mut Value) {
    match v {
        Value::Object(m) => sort_extra(m),
        Value::Array(a) => a.iter_mut().for_each(sort_value),
        _ => {}
    }
}
