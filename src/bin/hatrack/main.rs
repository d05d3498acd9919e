//! `hatrack`, the command-line tool: the app's own domain code run natively, so a team that
//! keeps its workspace in git can check files in CI, merge them as a git merge driver, publish
//! reviews to a wiki and see the desk's numbers without opening a browser.
//!
//! This is a shell like the web UI: it reads files and the clock, and every rule it applies is
//! a domain function. Exit status: 0 done, 1 an input is missing or not a valid workspace
//! (nothing is written then), 2 the command line is wrong.

mod files;
mod merge;
mod review;
mod stats;
mod validate;

use std::process::ExitCode;

use chrono::{DateTime, Utc};

const USAGE: &str = "\
Usage:
  hatrack validate FILE...           check workspace files against every FORMAT.md rule
  hatrack merge BASE OURS THEIRS     three-way merge, the result written to OURS
                                     (a git merge driver: hatrack merge %O %A %B)
  hatrack review ID FILE             a review as Markdown (ID: the review's or its incident's)
  hatrack review --chat ID FILE      the same review as short plain text for a chat message
  hatrack stats FILE                 incidents, time to resolve by severity, who is overloaded
  hatrack canonical FILE             rewrite FILE in canonical JSON (what the app exports)

Options:
  --now TIME    for review and stats: the moment to compute at (RFC 3339), instead of now
  -h, --help    this text
  -V, --version the version";

/// Why a command stopped: what to tell the person, and the exit status.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// An input file that is missing or not a valid workspace.
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: format!("{}\n\n{USAGE}", message.into()),
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), Failure> {
    let mut now: Option<DateTime<Utc>> = None;
    let mut chat = false;
    let mut rest: Vec<String> = vec![];
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "-V" | "--version" => {
                println!("hatrack {}", env!("CARGO_PKG_VERSION"));
                return Ok(());
            }
            "--chat" => chat = true,
            "--now" => {
                let v = it
                    .next()
                    .ok_or_else(|| Failure::usage("--now needs a time, e.g. 2026-11-28T10:00:00Z."))?;
                now = Some(parse_time(&v)?);
            }
            _ => match a.strip_prefix("--now=") {
                Some(v) => now = Some(parse_time(v)?),
                None => rest.push(a),
            },
        }
    }
    let now = now.unwrap_or_else(Utc::now);
    let Some((command, operands)) = rest.split_first() else {
        return Err(Failure::usage("Name a command."));
    };
    let operands: Vec<&str> = operands.iter().map(String::as_str).collect();
    match (command.as_str(), operands.as_slice()) {
        ("validate", files) if !files.is_empty() => validate::run(files),
        ("merge", [base, ours, theirs]) => merge::run(base, ours, theirs),
        ("review", [id, file]) => review::run(id, file, now, chat),
        ("stats", [file]) => stats::run(file, now),
        ("canonical", [file]) => files::canonical(file),
        ("validate" | "merge" | "review" | "stats" | "canonical", _) => Err(Failure::usage(format!(
            "Wrong number of operands for `hatrack {command}`."
        ))),
        _ => Err(Failure::usage(format!("There is no command `{command}`."))),
    }
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, Failure> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Failure::usage(format!(
                "--now {s}: not a time; write it as 2026-11-28T10:00:00Z."
            ))
        })
}
