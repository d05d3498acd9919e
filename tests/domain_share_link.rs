//! Share links: an incident or review bundle in a URL fragment; a cut or altered link is
//! refused with a reason and never half-read.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hatrack::domain::bundle::incident_bundle;
use hatrack::domain::example::example_team;
use hatrack::domain::model::*;
use hatrack::domain::share_link::{
    incident_link, is_share_fragment, read, review_link, LinkError, Target, MAX_CHAT_CHARS, PREFIX,
};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap()
}

fn team() -> Workspace {
    example_team(now())
}

const LIVE: &str = "i-checkout-cards";

#[test]
fn an_incident_link_reads_back_to_its_bundle() {
    let ws = team();
    let link = incident_link(&ws, LIVE, now()).unwrap();
    assert!(link.fragment.starts_with("#/share/v1/incident/i-checkout-cards/"));
    assert!(is_share_fragment(&link.fragment));
    assert!(
        link.fits_chat,
        "the example's live incident fits a chat message: {} chars",
        link.fragment.len()
    );
    let shared = read(&link.fragment).unwrap();
    let mut bundle = incident_bundle(&ws, LIVE, now()).unwrap();
    bundle.exported_at = Some(now());
    // The link leaves the written process home (the file bundle carries it); the ticks travel.
    assert!(bundle.process.is_some());
    bundle.process = None;
    assert_eq!(shared.workspace, bundle);
    assert!(shared.workspace.incidents[0]
        .timeline
        .iter()
        .any(|e| e.step.is_some()));
    assert_eq!(shared.target, Target::Incident(LIVE.into()));
    // The whole address works too, from any sub-path, and so does the fragment without '#'.
    let url = format!("https://example.org/ops/hatrack/{}", link.fragment);
    assert_eq!(read(&url).unwrap(), shared);
    assert_eq!(read(&link.fragment[1..]).unwrap(), shared);
    // URL-safe: nothing a chat app or browser would rewrite.
    assert!(link.fragment[PREFIX.len()..]
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_/.~%".contains(c)));
}

#[test]
fn a_review_link_carries_its_incident_and_opens_the_review() {
    let ws = team();
    let rv = &ws.reviews[0];
    let link = review_link(&ws, &rv.id, now()).unwrap();
    let shared = read(&link.fragment).unwrap();
    assert_eq!(shared.target, Target::Review(rv.id.clone()));
    assert!(shared.workspace.reviews.iter().any(|r| r.id == rv.id));
    assert!(shared.workspace.incidents.iter().any(|i| i.id == rv.incident));
    assert_eq!(review_link(&ws, "rv-nope", now()), None);
    assert_eq!(incident_link(&ws, "i-nope", now()), None);
}

#[test]
fn ids_with_any_characters_survive() {
    let mut ws = team();
    let odd = "i/ 50% ünïcode#?";
    ws.incidents[0].id = odd.into();
    for a in ws.assignments.iter_mut() {
        if a.incident.as_deref() == Some(LIVE) {
            a.incident = Some(odd.into());
        }
    }
    let link = incident_link(&ws, odd, now()).unwrap();
    assert_eq!(read(&link.fragment).unwrap().target, Target::Incident(odd.into()));
}

#[test]
fn a_long_incident_is_flagged_as_too_long_for_chat() {
    let mut ws = team();
    let inc = ws.incidents.iter_mut().find(|i| i.id == LIVE).unwrap();
    for n in 0..400 {
        let mut e = TimelineEntry::new(
            EntryKind::Note,
            inc.started_at + Duration::minutes(n),
            format!("Note {n}: {}", "x".repeat((n as usize * 7919) % 97)),
            None,
        );
        e.id = format!("t-long-{n}-{}", n * 7919 % 1000);
        inc.timeline.push(e);
    }
    let link = incident_link(&ws, LIVE, now()).unwrap();
    assert!(link.fragment.chars().count() > MAX_CHAT_CHARS);
    assert!(!link.fits_chat);
    assert!(read(&link.fragment).is_ok(), "still a working link");
}

#[test]
fn each_refusal_says_why_and_what_to_do() {
    assert_eq!(read("#/incidents/i-1"), Err(LinkError::NotALink));
    assert_eq!(LinkError::NotALink.message(), "This is not a Hatrack share link.");
    assert_eq!(
        read("#/share/v2/incident/i-1/AAAA"),
        Err(LinkError::Newer("v2".into()))
    );
    assert_eq!(
        LinkError::Newer("v2".into()).message(),
        "This link was made by a newer Hatrack (share link v2); update Hatrack to open it, or ask for the file instead."
    );
    assert_eq!(read("#/share/v1/incident/i-1"), Err(LinkError::Damaged));
    assert_eq!(
        read("#/share/v1/incident/i-1/not*base64"),
        Err(LinkError::Damaged)
    );
    assert_eq!(
        LinkError::Damaged.message(),
        "This link is cut short or was changed, so it cannot be read. Ask for the link again, or for the file instead; nothing was imported."
    );

    // A link that unpacks to something that is not a valid workspace, or lacks its target.
    let ws = team();
    let good = incident_link(&ws, LIVE, now()).unwrap().fragment;
    let payload = good.rsplit('/').next().unwrap();
    let wrong_target = format!("#/share/v1/review/rv-nope/{payload}");
    assert_eq!(
        read(&wrong_target),
        Err(LinkError::NoTarget(Target::Review("rv-nope".into())))
    );
    assert_eq!(
        LinkError::NoTarget(Target::Review("rv-nope".into())).message(),
        "This link should open review rv-nope, which is not in it; nothing was imported."
    );
    let mut broken = incident_bundle(&ws, LIVE, now()).unwrap();
    broken.assignments[0].person = "p-nobody".into();
    let json = broken.to_json_compact();
    let bytes = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 6);
    let b64: String = {
        // The same encoding as the app's: base64url without padding.
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut s = String::new();
        for c in bytes.chunks(3) {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
            for i in 0..=c.len() {
                s.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        s
    };
    match read(&format!("#/share/v1/incident/{LIVE}/{b64}")) {
        Err(e @ LinkError::Invalid(_)) => {
            assert!(
                e.message().starts_with(
                    "This link does not hold a valid Hatrack workspace; nothing was imported. assignments["
                ),
                "{}",
                e.message()
            );
            assert!(
                e.message().contains(".person: names person \"p-nobody\""),
                "{}",
                e.message()
            );
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A link cut anywhere is refused, never read as part of the bundle.
    #[test]
    fn a_cut_link_is_refused(cut in 0.0f64..1.0) {
        let link = incident_link(&team(), LIVE, now()).unwrap().fragment;
        let at = ((link.len() as f64) * cut) as usize;
        prop_assert!(read(&link[..at]).is_err());
    }

    /// A link with one character of its data changed is refused.
    #[test]
    fn an_altered_link_is_refused(pos in 0.0f64..1.0, with in "[A-Za-z0-9_-]") {
        let link = incident_link(&team(), LIVE, now()).unwrap().fragment;
        let start = link.rfind('/').unwrap() + 1;
        // The last character may carry only padding bits; change one before it.
        let i = start + (((link.len() - 1 - start) as f64) * pos) as usize;
        prop_assume!(link[i..i + 1] != with);
        let altered = format!("{}{}{}", &link[..i], with, &link[i + 1..]);
        prop_assert_eq!(read(&altered), Err(LinkError::Damaged));
    }
}
