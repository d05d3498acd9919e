//! A review's exports, Markdown and chat text, on one fixture team: compared byte for byte with
//! committed files a person has read, and kept safe and readable whatever people typed.

use std::path::PathBuf;

#[path = "support/markdown_safety.rs"]
mod markdown_safety;

use chrono::{DateTime, Utc};
use hatrack::domain::review::{self, Field, ListField};
use hatrack::domain::review_export::{to_chat, to_markdown, CHAT_LIMIT};
use hatrack::domain::{actions, ReviewKind, Workspace};
use markdown_safety::assert_safe;

const REVIEW: &str = "rv-31";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn team() -> Workspace {
    Workspace::from_json(&std::fs::read_to_string(path("review-export.json")).unwrap()).unwrap()
}

#[test]
fn exports_match_the_committed_files() {
    let w = team();
    let fresh = [
        ("review-export.md", to_markdown(&w, REVIEW, now()).unwrap()),
        ("review-chat.txt", to_chat(&w, REVIEW, now()).unwrap()),
    ];
    for (name, text) in &fresh {
        if std::env::var_os("HATRACK_WRITE_EXPORTS").is_some() {
            std::fs::write(path(name), text).unwrap();
        }
        let committed = std::fs::read_to_string(path(name)).unwrap_or_default();
        assert!(
            &committed == text,
            "tests/fixtures/{name} differs from a fresh export:\n{text}\nIf the change is meant, read the \
             new text, then write them again with HATRACK_WRITE_EXPORTS=1 cargo test --test \
             domain_review_export"
        );
    }
}

/// What people type that Markdown would read as HTML, a link, a list or emphasis.
const TYPED: &str =
    "<script>alert(1)</script> and <b>x</b> & *stars* in a_b_c, see [click](javascript:alert(1))\n\
                     - one\n\
                     1. one";

fn typed_everywhere() -> Workspace {
    let mut w = team();
    review::set_text(&mut w, REVIEW, Field::Summary, TYPED, now()).unwrap();
    review::set_text(&mut w, REVIEW, Field::Lessons, TYPED, now()).unwrap();
    review::add_item(&mut w, REVIEW, ListField::WentWell, TYPED, now()).unwrap();
    review::add_item(&mut w, REVIEW, ListField::WentBadly, "- a dash first", now()).unwrap();
    let owner = Some("p-alex".to_string());
    actions::add_action(
        &mut w,
        REVIEW,
        "[click](javascript:alert(1)) <b>now</b>",
        owner,
        None,
        "",
        now(),
    )
    .unwrap();
    w.incidents[0].title = "<b>Search</b> & [x](javascript:alert(1))".into();
    w.incidents[0].timeline[0].text = TYPED.into();
    w.people[1].name = "Alex <i>K</i>".into();
    w.releases[0].name = "<b>0.9.250</b>".into();
    w
}

#[test]
fn markdown_keeps_typed_text_as_text_and_reads_naturally() {
    let md = to_markdown(&typed_everywhere(), REVIEW, now()).unwrap();
    assert_safe(&md);
    // Each line as typed, escaped only where Markdown would act, and with no HTML entities.
    assert!(
        md.contains(
            "## Summary\n\n\\<script>alert(1)\\</script> and \\<b>x\\</b> & \\*stars\\* in a_b_c, \
             see [click\\](javascript:alert(1))  \n\\- one  \n1\\. one\n"
        ),
        "{md}"
    );
    assert!(
        !md.contains("&amp;") && !md.contains("&lt;") && !md.contains("&gt;"),
        "{md}"
    );
    assert!(md.starts_with("# Post-incident review: \\<b>Search\\</b> & [x\\](javascript:alert(1))\n"));
    assert!(md.contains("- **Release:** \\<b>0.9.250\\</b>, deployed"), "{md}");
    assert!(md.contains("Alex \\<i>K\\</i> from 2026-11-27 23:40 UTC"), "{md}");
    assert!(
        md.contains("- **2026-11-27 22:05 UTC** Sam Rivera: \\<script>"),
        "{md}"
    );
    // A list item's own lines continue it, each kept from starting a list of its own.
    assert!(
        md.contains("see [click\\](javascript:alert(1))  \n  \\- one  \n  1\\. one\n"),
        "{md}"
    );
    assert!(md.contains("- \\- a dash first\n"), "{md}");
    assert!(
        md.contains("- [ ] [click\\](javascript:alert(1)) \\<b>now\\</b> — owner Alex \\<i>K\\</i>\n"),
        "{md}"
    );
}

#[test]
fn the_safety_check_catches_live_markup() {
    // The checker must fail on unescaped text, or the test above proves nothing.
    let head = "# Post-incident review: x\n\n## Summary\n\n";
    for raw in [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "[ref]: javascript:alert(1)",
        "`code`",
        "&lt;b&gt;",
        "- one",
        "1. one",
        "# heading",
        "> quote",
        "---",
        "    code",
        "~~~",
    ] {
        let md = format!("{head}{raw}\n");
        assert!(std::panic::catch_unwind(|| assert_safe(&md)).is_err(), "{raw}");
    }
    assert!(std::panic::catch_unwind(|| assert_safe("# Not ours\n")).is_err());
    assert!(std::panic::catch_unwind(|| assert_safe(&format!("{head}## Made up\n"))).is_err());
}

#[test]
fn chat_text_is_plain_words_without_markup_or_escapes() {
    let chat = to_chat(&typed_everywhere(), REVIEW, now()).unwrap();
    // One line of the summary, as typed: no entity, no backslash, no table.
    assert!(
        chat.contains("<script>alert(1)</script> and <b>x</b> & *stars* in a_b_c, see [click](javascript:alert(1)) - one 1. one"),
        "{chat}"
    );
    assert!(chat.starts_with("Post-incident review: <b>Search</b> & [x](javascript:alert(1))\n"));
    assert!(chat.contains("• - a dash first"), "{chat}");
    assert!(
        chat.contains("• [click](javascript:alert(1)) <b>now</b> — Alex <i>K</i>"),
        "{chat}"
    );
    for markup in ["&amp;", "&lt;", "\\", "|", "**", "##"] {
        assert!(!chat.contains(markup), "{markup} in {chat}");
    }
}

#[test]
fn chat_text_leads_with_the_incident_and_leaves_out_what_is_missing() {
    let mut w = team();
    w.incidents[0].release = None;
    w.assignments.retain(|a| a.role != "incident-manager");
    w.reviews[0].went_well.clear();
    w.reviews[0].summary.clear();
    for a in &mut w.reviews[0].actions {
        a.done = true;
    }
    let chat = to_chat(&w, REVIEW, now()).unwrap();
    assert_eq!(
        chat,
        "Post-incident review: Search returns 502 for all users\n\
         Severity: sev2 · major\n\
         Started 2026-11-27 21:58 UTC, resolved 2026-11-28 01:08 UTC (3 h 10 min)\n\
         Incident manager: not recorded\n\
         \n\
         What went badly:\n\
         • One person was incident manager and 3rd line lead for 1 h 30 min\n\
         \n\
         The full review is in Hatrack."
    );
    // Handed over: both, in turn.
    let mut w = team();
    w.assignments[1].end = Some(w.assignments[2].end.unwrap());
    let mut alex = w.assignments[3].clone();
    alex.id = "a-6".into();
    alex.role = "incident-manager".into();
    w.assignments.push(alex);
    assert!(to_chat(&w, REVIEW, now())
        .unwrap()
        .contains("\nIncident manager: Sam Rivera, then Alex Kim\n"));
}

#[test]
fn long_chat_text_is_cut_to_one_message_and_says_where_the_rest_is() {
    let mut w = team();
    let long =
        "The cache grew because nobody had set a limit for it and the cluster shared its heap. ".repeat(20);
    w.incidents[0].title = long.clone();
    review::set_text(&mut w, REVIEW, Field::Summary, &long, now()).unwrap();
    for n in 0..12 {
        review::add_item(&mut w, REVIEW, ListField::WentWell, &format!("{n} {long}"), now()).unwrap();
        review::add_item(
            &mut w,
            REVIEW,
            ListField::WentBadly,
            &format!("{n} {long}"),
            now(),
        )
        .unwrap();
        actions::add_action(&mut w, REVIEW, &format!("{n} {long}"), None, None, "", now()).unwrap();
    }
    w.people[0].name = long.clone();
    let chat = to_chat(&w, REVIEW, now()).unwrap();
    assert!(
        chat.chars().count() <= CHAT_LIMIT,
        "{} characters:\n{chat}",
        chat.chars().count()
    );
    assert!(chat.ends_with("\nThe full review is in Hatrack."), "{chat}");
    assert!(chat.contains("…\n"), "cut parts end in an ellipsis: {chat}");
    assert!(
        chat.matches("\n…and ").count() == 3,
        "each list says how many it left out: {chat}"
    );
    for part in [
        "Severity: sev2 · major",
        "(3 h 10 min)",
        "Incident manager: The cache grew",
        "What went well:",
        "What went badly:",
        "Open action items:",
    ] {
        assert!(chat.contains(part), "{part} in {chat}");
    }
    // A cut falls between words.
    assert!(!chat.contains("grew becau…"), "{chat}");
}

#[test]
fn markdown_leaves_out_what_nobody_wrote() {
    let mut w = team();
    let r = &mut w.reviews[0];
    r.kind = ReviewKind::Quick;
    r.summary.clear();
    r.went_well.clear();
    r.actions.clear();
    w.assignments.clear();
    let md = to_markdown(&w, REVIEW, now()).unwrap();
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# Post-incident review: Search returns 502 for all users",
            "## What went badly"
        ],
        "a quick retro has no timeline, and nothing unwritten is announced: {md}"
    );
    assert!(!md.contains("Not written yet") && !md.contains("_No"), "{md}");
}
