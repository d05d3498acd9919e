//! The team's handbook: its whole process on one page a new volunteer can read — roles with
//! their duties and checklists, the roles that must not be held together and why, severities,
//! escalation and the release process — as Markdown for a wiki, with the changelog at its end.

use super::assign::role_name;
use super::markdown::{inline, line};
use super::model::Workspace;

use super::duration::human;
use super::process::{minutes, when_words, Escalation, Process, Stage};
use super::times::hm;

/// "From 1st line support to 2nd line support after 15 min without progress; at once for sev1, sev2".
pub fn escalation_sentence(ws: &Workspace, e: &Escalation) -> String {
    let mut s = format!(
        "From {} to {} after {} without progress",
        role_name(ws, &e.from),
        role_name(ws, &e.to),
        human(minutes(e.after_minutes))
    );
    if !e.at_once_for.is_empty() {
        let sev: Vec<&str> = e.at_once_for.iter().map(|x| x.as_str()).collect();
        s.push_str(&format!("; at once for {}", sev.join(", ")));
    }
    s
}

/// What a severity asks at night, in words.
pub fn night_words(wake: bool) -> &'static str {
    if wake {
        "wake people"
    } else {
        "wait for the morning"
    }
}

/// The handbook as Markdown. User text is escaped so it stays text in any wiki.
pub fn to_markdown(ws: &Workspace, p: &Process) -> String {
    let p = &p.live();
    let mut md = String::from("# Incident and release handbook\n\n");
    md.push_str("How this team runs an incident and a release: who does what, what they do not do, and what happens when.\n");

    md.push_str("\n## Roles\n");
    for r in ws.roles.iter().filter(|r| r.deleted_at.is_none()) {
        md.push_str(&format!("\n### {}\n\n", inline(&r.name)));
        if !r.description.trim().is_empty() {
            md.push_str(&format!("{}\n\n", line(&r.description)));
        }
        let Some(rp) = p.roles.iter().find(|x| x.role == r.id) else {
            md.push_str("No duties written down yet.\n");
            continue;
        };
        for d in &rp.duties {
            md.push_str(&format!("- {}\n", line(d)));
        }
        for d in &rp.not_duties {
            md.push_str(&format!("- **Not:** {}\n", line(d)));
        }
        if !rp.checklist.is_empty() {
            md.push_str("\nChecklist:\n\n");
            for s in &rp.checklist {
                let when = when_words(s);
                let when = if when.is_empty() {
                    String::new()
                } else {
                    format!(" ({when})")
                };
                md.push_str(&format!("1. {}{when}\n", line(&s.text)));
            }
        }
    }

    let rules: Vec<_> = ws.conflicts.iter().filter(|c| c.deleted_at.is_none()).collect();
    if !rules.is_empty() {
        md.push_str("\n## Roles one person does not hold together\n\n");
        for c in rules {
            md.push_str(&format!(
                "- **{} and {}**: {}\n",
                inline(&role_name(ws, &c.roles[0])),
                inline(&role_name(ws, &c.roles[1])),
                line(&c.reason)
            ));
        }
    }

    if !p.severities.is_empty() {
        md.push_str("\n## Severities\n");
        for s in &p.severities {
            md.push_str(&format!("\n### {}\n\n", s.severity.label()));
            md.push_str(&format!("- **Declare:** {}\n", line(&s.declare_when)));
            md.push_str(&format!("- **Who is called:** {}\n", line(&s.call)));
            md.push_str(&format!(
                "- **At night:** {}\n",
                if s.wake_at_night {
                    "wake people"
                } else {
                    "wait for the morning"
                }
            ));
            if let Some(m) = s.update_every_minutes {
                md.push_str(&format!("- **Updates:** every {}\n", human(minutes(m))));
            }
        }
    }

    if !p.escalation.is_empty() {
        md.push_str("\n## Escalation\n\n");
        for e in &p.escalation {
            md.push_str(&format!("- {}\n", line(&escalation_sentence(ws, e))));
        }
    }

    if !p.release.is_empty() {
        md.push_str("\n## Release process\n");
        for stage in Stage::ALL {
            let steps: Vec<_> = p.release.iter().filter(|s| s.stage == stage).collect();
            if steps.is_empty() {
                continue;
            }
            md.push_str(&format!("\n### {}\n\n", stage.label()));
            for s in steps {
                md.push_str(&format!(
                    "1. {} ({})\n",
                    line(&s.text),
                    inline(&role_name(ws, &s.owner))
                ));
            }
        }
    }

    md.push_str("\n## Changelog\n\n");
    if p.changelog.is_empty() {
        md.push_str("- The built-in process, not changed by the team yet.\n");
    } else {
        for c in &p.changelog {
            md.push_str(&format!("- {}: {}\n", hm(c.at), line(&c.text)));
        }
    }
    md
}
