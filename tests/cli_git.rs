//! A team's workspace kept in git with `hatrack merge` as the merge driver: two clones edit
//! the same file at once, and `git pull` merges them with no conflict markers and nothing lost.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::example::example_team;
use hatrack::domain::model::*;

const BIN: &str = env!("CARGO_BIN_EXE_hatrack");
const FILE: &str = "team.json";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap()
}

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let p = std::env::temp_dir().join(format!("hatrack-git-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&p);
    fs::create_dir_all(&p).unwrap();
    // No global or system git configuration may change what the test sees.
    fs::write(p.join("gitconfig"), "").unwrap();
    Scratch(p)
}

fn git_in(root: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", root.join("gitconfig"))
        .env("HOME", root)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A bare "origin" holding the workspace file with `.gitattributes`, and two clones each set up
/// as the README says (user, driver).
struct Team {
    root: PathBuf,
}

impl Team {
    fn new(s: &Scratch, base: &Workspace) -> Team {
        let root = s.0.clone();
        let team = Team { root };
        let seed = team.root.join("seed");
        fs::create_dir_all(&seed).unwrap();
        team.git(&seed, &["init", "-q", "-b", "main"]);
        team.configure(&seed, "Seed");
        fs::write(seed.join(FILE), base.to_canonical_json()).unwrap();
        fs::write(seed.join(".gitattributes"), format!("{FILE} merge=hatrack\n")).unwrap();
        team.git(&seed, &["add", "."]);
        team.git(&seed, &["commit", "-q", "-m", "The team's workspace"]);
        team.git(&team.root, &["clone", "-q", "--bare", "seed", "origin.git"]);
        for who in ["ana", "bea"] {
            team.git(&team.root, &["clone", "-q", "origin.git", who]);
            team.configure(&team.root.join(who), who);
        }
        team
    }

    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        let o = git_in(&self.root, dir, args);
        assert!(o.status.success(), "git {args:?} failed: {}", text(&o));
        o
    }

    fn configure(&self, dir: &Path, who: &str) {
        self.git(dir, &["config", "user.name", who]);
        self.git(dir, &["config", "user.email", &format!("{who}@example.org")]);
        self.git(
            dir,
            &[
                "config",
                "merge.hatrack.name",
                "Hatrack workspace three-way merge",
            ],
        );
        self.git(
            dir,
            &[
                "config",
                "merge.hatrack.driver",
                &format!("\"{BIN}\" merge %O %A %B"),
            ],
        );
        self.git(dir, &["config", "pull.rebase", "false"]);
    }

    fn dir(&self, who: &str) -> PathBuf {
        self.root.join(who)
    }

    fn read(&self, who: &str) -> Workspace {
        Workspace::from_json(&fs::read_to_string(self.dir(who).join(FILE)).unwrap()).unwrap()
    }

    /// Exports as the app does, and commits.
    fn commit(&self, who: &str, ws: &Workspace, message: &str) {
        let d = self.dir(who);
        fs::write(d.join(FILE), ws.to_canonical_json()).unwrap();
        self.git(&d, &["commit", "-q", "-am", message]);
    }
}

fn person(id: &str, name: &str, at: DateTime<Utc>) -> Person {
    Person {
        away: vec![],
        id: id.into(),
        name: name.into(),
        timezone: Some("Europe/Berlin".into()),
        skills: vec!["scribe".into()],
        capacity: None,
        active: true,
        updated_at: Some(at),
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn declared(id: &str, title: &str, at: DateTime<Utc>, by: &str) -> Incident {
    let mut entry = TimelineEntry::new(EntryKind::Status, at, "Incident declared (sev3)".into(), Some(by));
    entry.id = format!("t-{id}");
    entry.status = Some(Status::Investigating);
    Incident {
        id: id.into(),
        title: title.into(),
        severity: Severity::Sev3,
        status: Status::Investigating,
        started_at: at,
        detected_at: None,
        resolved_at: None,
        services: vec!["web".into()],
        summary: String::new(),
        release: None,
        timeline: vec![entry],
        backfill: false,
        updated_at: Some(at),
        deleted_at: None,
        extra: Extra::new(),
    }
}

fn find<'a, T>(list: impl IntoIterator<Item = &'a T>, id: impl Fn(&T) -> &str, want: &str) -> &'a T {
    list.into_iter()
        .find(|r| id(r) == want)
        .unwrap_or_else(|| panic!("{want} is missing"))
}

#[test]
fn two_clones_edit_at_once_and_git_pull_merges_without_conflict() {
    let s = scratch("pull");
    let base = example_team(now());
    let team = Team::new(&s, &base);
    let live = "i-checkout-cards";
    let gone = "p-sam";

    // Ana: adds a person and an incident, retitles the live incident, deletes Sam, and sets
    // Mei's time zone; pushes first.
    let t_ana = now() + Duration::minutes(5);
    let mut ana = team.read("ana");
    ana.people.push(person("p-ana-new", "Noor Haddad", t_ana));
    ana.incidents
        .push(declared("i-ana", "Login emails delayed", t_ana, "p-mei"));
    let inc = ana.incidents.iter_mut().find(|i| i.id == live).unwrap();
    inc.title = "Card payments fail at checkout (provider timeouts)".into();
    inc.updated_at = Some(t_ana);
    let sam = ana.people.iter_mut().find(|p| p.id == gone).unwrap();
    sam.deleted_at = Some(t_ana);
    sam.updated_at = Some(t_ana);
    let mei = ana.people.iter_mut().find(|p| p.id == "p-mei").unwrap();
    mei.timezone = Some("Asia/Tokyo".into());
    mei.updated_at = Some(t_ana);
    team.commit("ana", &ana, "Ana's shift");
    team.git(&team.dir("ana"), &["push", "-q", "origin", "main"]);

    // Bea, meanwhile: adds a person and an incident, adds to the live incident's summary and
    // timeline, and sets Mei's time zone too, later than Ana.
    let t_bea = now() + Duration::minutes(7);
    let mut bea = team.read("bea");
    bea.people.push(person("p-bea-new", "Kai Tanaka", t_bea));
    bea.incidents
        .push(declared("i-bea", "CDN cache misses", t_bea, "p-jonas"));
    let inc = bea.incidents.iter_mut().find(|i| i.id == live).unwrap();
    inc.summary.push_str(" Rolled back 2.14.0 at 10:05.");
    let mut note = TimelineEntry::new(
        EntryKind::Action,
        t_bea,
        "Rolled back 2.14.0".into(),
        Some("p-amara"),
    );
    note.id = "t-bea-rollback".into();
    inc.timeline.push(note);
    inc.updated_at = Some(t_bea);
    let mei = bea.people.iter_mut().find(|p| p.id == "p-mei").unwrap();
    mei.timezone = Some("Australia/Perth".into());
    mei.capacity = Some(4.0);
    mei.updated_at = Some(t_bea);
    team.commit("bea", &bea, "Bea's shift");

    let pull = git_in(
        &team.root,
        &team.dir("bea"),
        &["pull", "-q", "--no-edit", "origin", "main"],
    );
    let said = text(&pull);
    assert!(pull.status.success(), "git pull failed: {said}");
    // The driver ran (a plain text merge would have conflicted on Mei's time zone) and listed
    // the one real clash.
    assert!(
        said.contains(
            "hatrack merge: Person \"Mei Lin\" (people p-mei): timezone changed on both sides; kept ours, the newer edit."
        ),
        "{said}"
    );
    let status = team.git(&team.dir("bea"), &["status", "--porcelain"]);
    assert_eq!(text(&status), "", "merged and committed, nothing left over");
    let log = team.git(&team.dir("bea"), &["log", "--format=%s", "-3"]);
    assert!(text(&log).starts_with("Merge branch 'main'"), "{}", text(&log));

    let merged_text = fs::read_to_string(team.dir("bea").join(FILE)).unwrap();
    for marker in ["<<<<<<<", "=======", ">>>>>>>"] {
        assert!(
            !merged_text.contains(marker),
            "conflict marker {marker} in the file"
        );
    }
    let merged = Workspace::from_json(&merged_text).expect("the merged file is a valid workspace");
    assert_eq!(merged_text, merged.to_canonical_json(), "canonical JSON");

    // Nothing lost: both sides' new records, both edits of the live incident.
    for id in ["p-ana-new", "p-bea-new"] {
        find(&merged.people, |p| &p.id, id);
    }
    for id in ["i-ana", "i-bea"] {
        find(&merged.incidents, |i| &i.id, id);
    }
    let inc = find(&merged.incidents, |i| &i.id, live);
    assert_eq!(inc.title, "Card payments fail at checkout (provider timeouts)");
    assert!(inc.summary.ends_with(" Rolled back 2.14.0 at 10:05."));
    assert!(inc.timeline.iter().any(|e| e.id == "t-bea-rollback"));
    assert_eq!(
        inc.timeline.len(),
        base.incidents
            .iter()
            .find(|i| i.id == live)
            .unwrap()
            .timeline
            .len()
            + 1
    );
    assert_eq!(inc.updated_at, Some(t_bea));
    // The deletion holds; the clash went to the newer edit, and Bea's other change to Mei stays.
    assert!(find(&merged.people, |p| &p.id, gone).deleted_at.is_some());
    let mei = find(&merged.people, |p| &p.id, "p-mei");
    assert_eq!(
        (mei.timezone.as_deref(), mei.capacity),
        (Some("Australia/Perth"), Some(4.0))
    );
    // Everything the base had is still there.
    assert_eq!(merged.assignments.len(), base.assignments.len());
    assert_eq!(merged.reviews.len(), base.reviews.len());

    let check = Command::new(BIN)
        .args(["validate", FILE])
        .current_dir(team.dir("bea"))
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", text(&check));

    // Bea pushes; Ana pulls the merge as a fast-forward and has the same bytes.
    team.git(&team.dir("bea"), &["push", "-q", "origin", "main"]);
    team.git(&team.dir("ana"), &["pull", "-q", "--no-edit", "origin", "main"]);
    assert_eq!(
        fs::read_to_string(team.dir("ana").join(FILE)).unwrap(),
        merged_text
    );
}

#[test]
fn an_invalid_file_on_one_side_is_a_conflict_git_reports_and_ours_is_left_as_it_was() {
    let s = scratch("invalid");
    let base = example_team(now());
    let team = Team::new(&s, &base);

    // Ana pushes a hand-edited file with a dangling reference.
    let d = team.dir("ana");
    let broken = base
        .to_canonical_json()
        .replace("\"person\": \"p-sam\"", "\"person\": \"p-nobody\"");
    fs::write(d.join(FILE), &broken).unwrap();
    team.git(&d, &["commit", "-q", "-am", "Hand edit"]);
    team.git(&d, &["push", "-q", "origin", "main"]);

    let mut bea = team.read("bea");
    bea.people[0].name = "Amara O.".into();
    bea.people[0].updated_at = Some(now());
    team.commit("bea", &bea, "Rename");
    let ours = fs::read_to_string(team.dir("bea").join(FILE)).unwrap();

    let pull = git_in(
        &team.root,
        &team.dir("bea"),
        &["pull", "-q", "--no-edit", "origin", "main"],
    );
    let said = text(&pull);
    assert!(!pull.status.success(), "the merge must stop: {said}");
    assert!(said.contains("assignments["), "the driver names the path: {said}");
    assert!(said.contains("names person \"p-nobody\""), "{said}");
    assert!(
        said.contains(&format!("CONFLICT (content): Merge conflict in {FILE}")),
        "{said}"
    );
    // Git leaves our version in place (the driver wrote nothing), still valid JSON.
    assert_eq!(fs::read_to_string(team.dir("bea").join(FILE)).unwrap(), ours);
}
