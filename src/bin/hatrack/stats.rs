//! `hatrack stats FILE`: the desk's numbers and who is overloaded, as the app shows them.

use chrono::{DateTime, Utc};
use hatrack::domain::duration::human;
use hatrack::domain::text::{number, plural};
use hatrack::domain::{incident, load};

use crate::files::read_workspace;
use crate::Failure;

pub fn run(file: &str, now: DateTime<Utc>) -> Result<(), Failure> {
    let ws = read_workspace(file)?;
    let s = incident::stats(&ws, now);
    let live = ws.incidents.iter().filter(|i| i.deleted_at.is_none()).count();
    let ttr = |d: Option<chrono::Duration>| {
        d.map_or("none resolved yet".to_string(), |d| {
            format!("median time to resolve {}", human(d))
        })
    };
    println!("{file}, as of {}", now.format("%Y-%m-%d %H:%M UTC"));
    println!();
    println!("Incidents: {} ({} open now)", live, s.open_now);
    println!(
        "Last 90 days: {}, {}",
        plural(s.total_90d, "incident", "incidents"),
        ttr(s.median_ttr_90d)
    );
    for (sev, n, d) in &s.by_severity {
        let rest = if *n == 0 {
            String::new()
        } else {
            format!(", {}", ttr(*d))
        };
        println!(
            "  {}: {}{rest}",
            sev.as_str(),
            plural(*n, "incident", "incidents")
        );
    }

    let people = load::snapshot(&ws, now);
    let over: Vec<_> = people.iter().filter(|p| p.overloaded).collect();
    println!();
    println!(
        "Overloaded now: {} of {}",
        over.len(),
        plural(people.len(), "active person", "active people")
    );
    for p in over {
        let roles: Vec<&str> = p.held.iter().map(|h| h.role_name.as_str()).collect();
        let mut what = roles.join(", ");
        if p.open_actions > 0 {
            if !what.is_empty() {
                what.push_str("; ");
            }
            what.push_str(&plural(p.open_actions, "open action item", "open action items"));
        }
        println!(
            "  {}: load {} of capacity {} ({what})",
            p.name,
            number(p.total),
            number(p.capacity)
        );
        for c in &p.conflicts {
            println!("    conflict: {}", c.sentence());
        }
    }
    let conflicted: Vec<_> = people
        .iter()
        .filter(|p| !p.overloaded && !p.conflicts.is_empty())
        .collect();
    if !conflicted.is_empty() {
        println!();
        println!("Holding conflicting roles now (not overloaded):");
        for p in conflicted {
            for c in &p.conflicts {
                println!("  {}: {}", p.name, c.sentence());
            }
        }
    }
    Ok(())
}
