//! The walk over the `process` extension and a release's `go_no_go` (FORMAT.md, "The written
//! process"): shapes, ids unique across the process, and role references that resolve.

use std::collections::HashMap;

use serde_json::Value;

use super::{Checker, Need, Obj, Path, Rec, Target, ROOT};
use crate::domain::model::{Decision, Severity};
use crate::domain::process::{Anchor, Stage};

const SEVERITIES: [&str; 4] = ["sev1", "sev2", "sev3", "sev4"];

impl<'v> Checker<'v> {
    /// The top-level `process` object, when the file has one.
    pub(super) fn process(&mut self, top: &'v Obj) {
        let root = Rec {
            obj: top,
            path: &ROOT,
            noun: "workspace file",
        };
        let Some(p) = self.sub_object(root, "process", Need::Optional, "written process") else {
            return;
        };
        let path = ROOT.key("process");
        let r = Rec {
            obj: p,
            path: &path,
            noun: "written process",
        };
        let mut steps: HashMap<&'v str, String> = HashMap::new();
        let roles = self.list(r, "roles");
        let roles_path = path.key("roles");
        let mut keyed: HashMap<String, usize> = HashMap::new();
        for (i, v) in roles.iter().enumerate() {
            let item = roles_path.index(i);
            let Some(obj) = self.object(v, &item, "role's process") else {
                continue;
            };
            let rr = Rec {
                obj,
                path: &item,
                noun: "role's process",
            };
            if let Some(role) = self.reference(rr, "role", Need::Required, Target::Role) {
                self.once(
                    &mut keyed,
                    format!("role {role}"),
                    i,
                    &item.key("role"),
                    "roles",
                    "role",
                );
            }
            self.texts(rr, "duties");
            self.texts(rr, "not_duties");
            let list = self.list(rr, "checklist");
            let checklist_path = item.key("checklist");
            for (j, s) in list.iter().enumerate() {
                let sp = checklist_path.index(j);
                self.step(s, &sp, &mut steps);
            }
            self.stamps(rr, true);
        }
        keyed.clear();
        let policies = self.list(r, "severities");
        let severities_path = path.key("severities");
        for (i, v) in policies.iter().enumerate() {
            let item = severities_path.index(i);
            let Some(obj) = self.object(v, &item, "severity policy") else {
                continue;
            };
            let sr = Rec {
                obj,
                path: &item,
                noun: "severity policy",
            };
            if let Some(sev) = self.choice(sr, "severity", Need::Required, &SEVERITIES) {
                self.once(
                    &mut keyed,
                    sev.to_string(),
                    i,
                    &item.key("severity"),
                    "severities",
                    "severity",
                );
            }
            self.text(sr, "call", Need::Optional);
            self.boolean(sr, "wake_at_night", Need::Optional);
            self.minutes(sr, "update_every_minutes", Need::Nullable, 1);
            self.text(sr, "declare_when", Need::Optional);
            self.stamps(sr, true);
        }
        keyed.clear();
        let escalation = self.list(r, "escalation");
        let escalation_path = path.key("escalation");
        for (i, v) in escalation.iter().enumerate() {
            let item = escalation_path.index(i);
            let Some(obj) = self.object(v, &item, "escalation step") else {
                continue;
            };
            let er = Rec {
                obj,
                path: &item,
                noun: "escalation step",
            };
            if let Some(from) = self.reference(er, "from", Need::Required, Target::Role) {
                self.once(
                    &mut keyed,
                    format!("role {from}"),
                    i,
                    &item.key("from"),
                    "escalation",
                    "from",
                );
            }
            self.reference(er, "to", Need::Required, Target::Role);
            self.minutes(er, "after_minutes", Need::Required, 0);
            self.severity_list(er, "at_once_for");
            self.stamps(er, true);
        }
        keyed.clear();
        let stages = Stage::ALL.map(Stage::as_str);
        let release = self.list(r, "release");
        let release_path = path.key("release");
        for (i, v) in release.iter().enumerate() {
            let item = release_path.index(i);
            let Some(obj) = self.object(v, &item, "release step") else {
                continue;
            };
            let rr = Rec {
                obj,
                path: &item,
                noun: "release step",
            };
            if let Some(id) = self.id(rr) {
                self.once(&mut keyed, id.to_string(), i, &item.key("id"), "release", "id");
            }
            self.choice(rr, "stage", Need::Required, &stages);
            self.reference(rr, "owner", Need::Required, Target::Role);
            self.text(rr, "text", Need::Required);
            self.stamps(rr, true);
        }
        keyed.clear();
        let changelog = self.list(r, "changelog");
        let changelog_path = path.key("changelog");
        for (i, v) in changelog.iter().enumerate() {
            let item = changelog_path.index(i);
            let Some(obj) = self.object(v, &item, "changelog line") else {
                continue;
            };
            let cr = Rec {
                obj,
                path: &item,
                noun: "changelog line",
            };
            if let Some(id) = self.id(cr) {
                self.once(&mut keyed, id.to_string(), i, &item.key("id"), "changelog", "id");
            }
            self.time(cr, "at", Need::Required);
            self.text(cr, "text", Need::Required);
            self.reference(cr, "by", Need::Nullable, Target::Person);
        }
    }

    /// One checklist step; its id must be unique across every role's checklist, since a tick
    /// on the timeline names the step alone.
    fn step(&mut self, v: &'v Value, path: &Path, seen: &mut HashMap<&'v str, String>) {
        let Some(obj) = self.object(v, path, "checklist step") else {
            return;
        };
        let r = Rec {
            obj,
            path,
            noun: "checklist step",
        };
        if let Some(id) = self.id(r) {
            match seen.get(id) {
                Some(first) => {
                    let first = first.clone();
                    self.err(
                        &path.key("id"),
                        format!(
                            "\"{id}\" is already the id of {first}; step ids must be unique across the whole process."
                        ),
                    );
                }
                None => {
                    seen.insert(id, path.render());
                }
            }
        }
        self.text(r, "text", Need::Required);
        self.minutes(r, "within_minutes", Need::Nullable, 0);
        self.choice(r, "from", Need::Optional, &Anchor::ALL.map(Anchor::as_str));
        self.minutes(r, "every_minutes", Need::Nullable, 1);
        self.severity_list(r, "severities");
    }

    /// A release's `go_no_go` decision.
    pub(super) fn go_no_go(&mut self, release: Rec<'v, '_>) {
        let Some(obj) = self.sub_object(release, "go_no_go", Need::Optional, "go/no-go decision") else {
            return;
        };
        let path = release.path.key("go_no_go");
        let r = Rec {
            obj,
            path: &path,
            noun: "go/no-go decision",
        };
        self.choice(
            r,
            "decision",
            Need::Required,
            &Decision::ALL.map(Decision::as_str),
        );
        self.time(r, "at", Need::Required);
        self.reference(r, "by", Need::Nullable, Target::Person);
        self.text(r, "note", Need::Optional);
    }

    /// A whole number of minutes of at least `min`.
    fn minutes(&mut self, r: Rec<'v, '_>, key: &'static str, need: Need, min: u64) {
        let expect = format!("a whole number of minutes, {min} or more");
        if let Some(v) = self.present(r, key, need, &expect) {
            if !v.as_u64().is_some_and(|m| m >= min && m <= u64::from(u32::MAX)) {
                self.wrong_type(&r.path.key(key), v, &expect);
            }
        }
    }

    fn severity_list(&mut self, r: Rec<'v, '_>, key: &'static str) {
        let list = self.texts_as(r, key, "a list of severities", "a severity");
        let path = r.path.key(key);
        for (i, v) in list.iter().enumerate() {
            if let Some(s) = v.as_str().filter(|s| Severity::parse(s).is_none()) {
                self.err(
                    &path.index(i),
                    format!("is \"{s}\"; it must be one of sev1, sev2, sev3, sev4."),
                );
            }
        }
    }

    /// Reports a second entry for the same key in a keyed list of the process.
    fn once(
        &mut self,
        seen: &mut HashMap<String, usize>,
        key: String,
        i: usize,
        path: &Path,
        list: &str,
        field: &str,
    ) {
        if let Some(first) = seen.get(&key) {
            self.err(
                path,
                format!("repeats process.{list}[{first}]; each `{field}` may appear once in process.{list}."),
            );
        } else {
            seen.insert(key, i);
        }
    }
}
