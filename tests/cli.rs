//! The `hatrack` command-line tool: validate, merge, review, stats, and what it says and does
//! with bad input (a message naming the file and the path, a non-zero exit, nothing written).

use hatrack::domain::order;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{TimeZone, Utc};
use hatrack::domain::review_export::to_markdown;
use hatrack::domain::Workspace;

const BIN: &str = env!("CARGO_BIN_EXE_hatrack");
const EXAMPLE: &str = include_str!("fixtures/format-example.json");

/// A fresh empty directory for one test, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let p = std::env::temp_dir().join(format!("hatrack-cli-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir_all(&p).unwrap();
        Dir(p)
    }
    fn file(&self, name: &str, text: &str) -> String {
        let p = self.0.join(name);
        fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_string()
    }
    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        order::sort(&mut v);
        v
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the hatrack binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

/// The FORMAT.md example with one assignment naming a person who is not in the file.
fn dangling() -> String {
    EXAMPLE.replacen("\"person\": \"p-sam\"", "\"person\": \"p-nobody\"", 1)
}

// --- validate ---------------------------------------------------------------------------

#[test]
fn validate_passes_valid_files() {
    let o = run(&[
        "validate",
        &fixture("format-example.json"),
        &fixture("incident-team.json"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("format-example.json: valid"));
    assert!(stdout(&o).contains("incident-team.json: valid"));
}

#[test]
fn validate_names_the_file_and_the_path_of_every_problem() {
    let d = Dir::new("validate-dangling");
    let bad = d.file("team.json", &dangling());
    let o = run(&["validate", &fixture("format-example.json"), &bad]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{bad}: assignments[0].person: names person \"p-nobody\""
        )),
        "{err}"
    );
    assert!(
        stdout(&o).contains("format-example.json: valid"),
        "the other file is still checked"
    );
    // Every problem of a file with several, each on its own line with its path.
    let o = run(&["validate", &fixture("broken.json")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for path in [
        "people[1].id",
        "assignments[0].person",
        "assignments[0].start",
        "incidents[0].severity",
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains("broken.json: ") && l.contains(&format!(" {path}: "))),
            "{path} in {err}"
        );
    }
}

#[test]
fn validate_a_missing_file() {
    let d = Dir::new("validate-missing");
    let missing = d.path("nope.json");
    let o = run(&["validate", &missing]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        format!("{missing}: cannot read it: there is no such file.")
    );
    assert!(d.names().is_empty(), "nothing written");
}

#[test]
fn validate_broken_json_says_where() {
    let d = Dir::new("validate-broken");
    let file = d.file(
        "team.json",
        "{\n  \"format\": \"hatrack-workspace\",\n  \"people\": [ {\"id\": \"p\" ,, ] }\n",
    );
    let o = run(&["validate", &file]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("{file}: The file is not valid JSON")),
        "{err}"
    );
    assert!(err.contains("line 3"), "{err}");
    let cut = d.file("cut.json", &EXAMPLE[..EXAMPLE.len() / 2]);
    let err = stderr(&run(&["validate", &cut]));
    assert!(
        err.contains(&format!("{cut}: The file ends in the middle of its JSON")),
        "{err}"
    );
}

// --- merge --------------------------------------------------------------------------------

#[test]
fn merge_writes_the_result_to_ours_in_canonical_json_and_lists_clashes() {
    let d = Dir::new("merge-ok");
    let base: Workspace = Workspace::from_json(EXAMPLE).unwrap();
    let mut ours = base.clone();
    ours.incidents[0].title = "Retitled by us".into();
    ours.people[0].timezone = Some("Europe/Paris".into());
    ours.people[0].updated_at = Some(Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap());
    let mut theirs = base.clone();
    theirs.incidents[0].summary = "Written by them".into();
    theirs.people[0].timezone = Some("Europe/Lisbon".into());
    theirs.people[0].updated_at = Some(Utc.with_ymd_and_hms(2026, 11, 28, 11, 0, 0).unwrap());
    let (b, o, t) = (
        d.file("base.json", EXAMPLE),
        d.file("ours.json", &ours.to_json()),
        d.file("theirs.json", &theirs.to_canonical_json()),
    );
    let out = run(&["merge", &b, &o, &t]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim(),
        "hatrack merge: Person \"Sam Rivera\" (people p-sam): timezone changed on both sides; kept ours, the newer edit."
    );
    let text = fs::read_to_string(&o).unwrap();
    let merged = Workspace::from_json(&text).unwrap();
    assert_eq!(text, merged.to_canonical_json(), "written in canonical JSON");
    assert_eq!(merged.incidents[0].title, "Retitled by us");
    assert_eq!(merged.incidents[0].summary, "Written by them");
    assert_eq!(merged.people[0].timezone.as_deref(), Some("Europe/Paris"));
    assert_eq!(
        d.names(),
        ["base.json", "ours.json", "theirs.json"],
        "no stray files"
    );
}

#[test]
fn merge_accepts_an_empty_ancestor() {
    // Git passes an empty file as %O when both branches added the file.
    let d = Dir::new("merge-empty-base");
    let (b, o, t) = (
        d.file("base", ""),
        d.file("ours", EXAMPLE),
        d.file("theirs", EXAMPLE),
    );
    let out = run(&["merge", &b, &o, &t]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(Workspace::from_json(&fs::read_to_string(&o).unwrap()).is_ok());
}

/// Each kind of bad input: a message naming the file (and the path), exit 1, OURS untouched.
#[test]
fn merge_refuses_bad_input_and_writes_nothing() {
    let cases: [(&str, &str, String, String); 4] = [
        (
            "missing theirs",
            "theirs.json",
            String::new(),
            "cannot read it: there is no such file.".into(),
        ),
        (
            "broken theirs",
            "theirs.json",
            "{ \"people\": [".into(),
            "The file ends in the middle of its JSON".into(),
        ),
        (
            "dangling ours",
            "ours.json",
            dangling(),
            "assignments[0].person: names person \"p-nobody\"".into(),
        ),
        (
            "broken base",
            "base.json",
            "not json".into(),
            "The file is not valid JSON".into(),
        ),
    ];
    for (what, bad_name, bad_text, message) in cases {
        let d = Dir::new(&format!("merge-bad-{}", what.replace(' ', "-")));
        let mut files = vec![];
        for name in ["base.json", "ours.json", "theirs.json"] {
            if name == bad_name {
                if !bad_text.is_empty() {
                    d.file(name, &bad_text);
                }
            } else {
                d.file(name, EXAMPLE);
            }
            files.push(d.path(name));
        }
        let before: Vec<Option<String>> = files.iter().map(|f| fs::read_to_string(f).ok()).collect();
        let names_before = d.names();
        let out = run(&["merge", &files[0], &files[1], &files[2]]);
        assert_eq!(out.status.code(), Some(1), "{what}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{}: {message}", d.path(bad_name))),
            "{what}: {err}"
        );
        let after: Vec<Option<String>> = files.iter().map(|f| fs::read_to_string(f).ok()).collect();
        assert_eq!(before, after, "{what}: nothing written");
        assert_eq!(d.names(), names_before, "{what}: no stray files");
    }
}

// --- review and stats -----------------------------------------------------------------------

#[test]
fn review_prints_the_apps_markdown_export() {
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let ws = Workspace::from_json(EXAMPLE).unwrap();
    let expected = to_markdown(&ws, "rv-1", now).unwrap();
    let file = fixture("format-example.json");
    let o = run(&["review", "rv-1", &file, "--now", "2026-11-28T12:00:00Z"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), expected, "byte for byte what the app downloads");
    // By its incident's id too.
    let o = run(&["review", "i-2026-031", &file, "--now=2026-11-28T12:00:00Z"]);
    assert_eq!(stdout(&o), expected);
    // The committed export a person has read (tests/domain_review_export.rs keeps it current).
    let o = run(&[
        "review",
        "rv-31",
        &fixture("review-export.json"),
        "--now",
        "2026-12-01T10:00:00Z",
    ]);
    assert_eq!(
        stdout(&o),
        fs::read_to_string(fixture("review-export.md")).unwrap()
    );
}

#[test]
fn review_of_an_unknown_id_names_the_file() {
    let file = fixture("format-example.json");
    let o = run(&["review", "rv-nope", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        format!("{file}: there is no review rv-nope, and no incident rv-nope with a review.")
    );
    assert_eq!(stdout(&o), "");
}

#[test]
fn stats_shows_incidents_time_to_resolve_and_who_is_overloaded() {
    let o = run(&[
        "stats",
        &fixture("load-five-hats.json"),
        "--now",
        "2026-11-28T10:00:00Z",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Incidents: 1 (1 open now)"), "{out}");
    assert!(
        out.contains("Last 90 days: 1 incident, none resolved yet"),
        "{out}"
    );
    assert!(out.contains("  sev2: 1 incident, none resolved yet"), "{out}");
    assert!(out.contains("Overloaded now: 1 of 3 active people"), "{out}");
    assert!(
        out.contains("  Sam Rivera: load 11 of capacity 3 (Committee chair, "),
        "{out}"
    );
    assert!(
        out.contains("    conflict: Incident manager and 3rd line lead:"),
        "{out}"
    );

    let o = run(&[
        "stats",
        &fixture("resolved-incident.json"),
        "--now",
        "2026-11-28T10:00:00Z",
    ]);
    assert!(stdout(&o).contains("median time to resolve"), "{}", stdout(&o));
}

// --- canonical and the command line -------------------------------------------------------

#[test]
fn canonical_rewrites_a_valid_file_and_leaves_a_bad_one_alone() {
    let d = Dir::new("canonical");
    let file = d.file("team.json", EXAMPLE);
    let o = run(&["canonical", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = fs::read_to_string(&file).unwrap();
    assert_eq!(text, Workspace::from_json(EXAMPLE).unwrap().to_canonical_json());
    let bad = d.file("bad.json", &dangling());
    assert_eq!(run(&["canonical", &bad]).status.code(), Some(1));
    assert_eq!(fs::read_to_string(&bad).unwrap(), dangling());
}

#[test]
fn a_wrong_command_line_exits_2_with_the_usage() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["merge", "a", "b"][..],
        &["stats", "f", "--now", "yesterday"][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}");
    }
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("hatrack merge BASE OURS THEIRS"));
}

#[test]
fn review_with_chat_prints_the_apps_chat_text() {
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
    let file = fixture("review-export.json");
    let ws = Workspace::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let expected = hatrack::domain::review_export::to_chat(&ws, "rv-31", now).unwrap();
    let o = run(&[
        "review",
        "--chat",
        "rv-31",
        &file,
        "--now",
        "2026-12-01T10:00:00Z",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim_end(), expected.trim_end());
    assert!(!stdout(&o).contains("**"), "plain text, no Markdown");
}
