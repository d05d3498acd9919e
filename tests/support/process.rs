//! A team that follows the default process, for the checklist and review tests.

use chrono::{DateTime, TimeZone, Utc};
use hatrack::domain::defaults;
use hatrack::domain::incident::declare;
use hatrack::domain::people::add_person;
use hatrack::domain::process::default_process;
use hatrack::domain::{Severity, Workspace};

pub fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

/// A team with the default process and the people named (ids in that order), and an incident
/// "Search 502" of `sev` started at 10:00: (workspace, incident id, people's ids).
pub fn team_with_incident(sev: Severity, names: &[&str]) -> (Workspace, String, Vec<String>) {
    let mut ws = defaults::new_workspace();
    ws.process = Some(default_process());
    let people = names
        .iter()
        .map(|n| add_person(&mut ws, n, None, vec![], None, t(0, 0)).unwrap())
        .collect();
    let id = declare(
        &mut ws,
        "Search 502",
        sev,
        t(10, 0),
        None,
        vec![],
        "",
        None,
        t(10, 0),
    )
    .unwrap();
    (ws, id, people)
}
