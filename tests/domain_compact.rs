//! The localStorage envelope: round trips, what it costs against the quota, and refusing damage without panicking.

use chrono::{DateTime, Utc};
use hatrack::domain::compact::{decode, encode, encode_plain, encode_with_level, stored_chars, CompactError};
use hatrack::sample::{generate, Size};
use proptest::prelude::*;

/// Chromium's localStorage quota per origin, in UTF-16 code units.
const QUOTA: usize = 5_242_880;

fn end() -> DateTime<Utc> {
    "2026-11-28T00:00:00Z".parse().unwrap()
}

fn small_json() -> String {
    generate(Size::Small, 1, end()).to_json()
}

#[test]
fn stored_chars_counts_utf16_code_units_like_the_quota() {
    assert_eq!(stored_chars(""), 0);
    assert_eq!(stored_chars("abc"), 3);
    assert_eq!(stored_chars("é"), 1);
    assert_eq!(stored_chars("\u{3400}"), 1);
    assert_eq!(stored_chars("😀"), 2);
}

#[test]
fn a_small_workspace_round_trips_and_shrinks() {
    let json = small_json();
    let stored = encode(&json);
    assert!(stored.starts_with("HTK2Z"));
    assert_eq!(decode(&stored).unwrap(), json);
    assert!(
        stored_chars(&stored) * 5 < stored_chars(&json),
        "{} vs {}",
        stored_chars(&stored),
        json.len()
    );
}

#[test]
fn every_packed_character_is_one_utf16_unit_outside_the_surrogates() {
    let stored = encode(&small_json());
    let body: Vec<char> = stored.chars().skip(5).collect();
    assert!(body.iter().all(|&c| ('\u{3400}'..='\u{b3ff}').contains(&c)));
    assert_eq!(stored_chars(&stored), 5 + body.len());
}

#[test]
fn a_decade_round_trips_well_inside_the_quota() {
    let json = generate(Size::Decade, 1, end()).to_json();
    let stored = encode(&json);
    let chars = stored_chars(&stored);
    println!(
        "decade JSON: {} bytes, {} UTF-16 units ({:.0}% of quota); stored: {chars} units ({:.1}% of quota)",
        json.len(),
        stored_chars(&json),
        100.0 * stored_chars(&json) as f64 / QUOTA as f64,
        100.0 * chars as f64 / QUOTA as f64
    );
    assert!(
        stored_chars(&json) > QUOTA,
        "the plain decade should not fit; that is the point"
    );
    assert!(
        chars * 10 < QUOTA * 4,
        "stored decade takes {chars} units, over 40% of the quota"
    );
    assert!(decode(&stored).unwrap() == json, "decade round trip differs");
}

#[test]
fn odd_lengths_and_unicode_round_trip() {
    // Every residue of bits mod 15 in the last unit, plus text outside ASCII and the BMP.
    let mut s = String::new();
    for n in 0..40 {
        s.push(char::from(b'a' + (n % 26) as u8));
        assert_eq!(decode(&encode(&s)).unwrap(), s, "length {n}");
    }
    let text = "{\"name\":\"Zoë Müller 😀 \u{3400} \u{b3ff} \u{d7ff} \u{e000}\"}";
    assert_eq!(decode(&encode(text)).unwrap(), text);
    assert_eq!(decode(&encode("")).unwrap(), "");
}

#[test]
fn every_level_decodes_and_higher_levels_are_not_bigger() {
    let json = small_json();
    let fast = encode_with_level(&json, 1);
    let best = encode_with_level(&json, 9);
    assert_eq!(decode(&fast).unwrap(), json);
    assert_eq!(decode(&best).unwrap(), json);
    assert!(stored_chars(&best) <= stored_chars(&fast));
    // Out-of-range levels are clamped rather than producing something unreadable.
    assert_eq!(decode(&encode_with_level(&json, 0)).unwrap(), json);
    assert_eq!(decode(&encode_with_level(&json, 200)).unwrap(), json);
}

#[test]
fn old_plain_json_loads_as_it_is() {
    let json = small_json();
    assert_eq!(decode(&json).unwrap(), json);
    assert_eq!(
        decode("  \n{\"format\":\"hatrack-workspace\"}").unwrap(),
        "  \n{\"format\":\"hatrack-workspace\"}"
    );
}

#[test]
fn the_plain_envelope_round_trips() {
    let json = small_json();
    let stored = encode_plain(&json);
    assert!(stored.starts_with("HTK1J"));
    assert_eq!(decode(&stored).unwrap(), json);
}

#[test]
fn empty_storage_is_refused() {
    assert_eq!(decode(""), Err(CompactError::Empty));
    assert_eq!(decode(" \n\t"), Err(CompactError::Empty));
}

#[test]
fn text_that_is_not_hatrack_is_refused_with_its_start() {
    let err = decode("hello, world, this is not it").unwrap_err();
    assert!(
        matches!(err, CompactError::NotHatrack(ref s) if s == "hello, world"),
        "{err:?}"
    );
    assert!(err.to_string().contains("hello, world") && err.to_string().ends_with('.'));
    assert!(matches!(decode("[1,2,3]"), Err(CompactError::NotHatrack(_))));
}

#[test]
fn a_newer_envelope_says_so() {
    let err = decode("HTK3Zsomething").unwrap_err();
    assert_eq!(err, CompactError::NewerEnvelope("HTK3Z".into()));
    assert!(err.to_string().contains("newer version"), "{err}");
}

#[test]
fn a_truncated_envelope_is_refused() {
    let stored = encode(&small_json());
    let chars: Vec<char> = stored.chars().collect();
    for keep in [5, 6, 7, 8, chars.len() / 2, chars.len() - 1] {
        let cut: String = chars[..keep].iter().collect();
        let err = decode(&cut).unwrap_err();
        assert!(matches!(err, CompactError::Damaged(_)), "cut at {keep}: {err:?}");
        assert!(err.to_string().ends_with('.'));
    }
}

#[test]
fn an_envelope_with_extra_characters_is_refused() {
    let mut stored = encode(&small_json());
    stored.push('\u{3400}');
    assert!(matches!(decode(&stored), Err(CompactError::Damaged(_))));
}

#[test]
fn a_changed_character_is_caught() {
    let stored = encode(&small_json());
    let mut chars: Vec<char> = stored.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = if chars[mid] == '\u{3400}' {
        '\u{3401}'
    } else {
        '\u{3400}'
    };
    let altered: String = chars.iter().collect();
    assert!(matches!(decode(&altered), Err(CompactError::Damaged(_))));
}

#[test]
fn characters_hatrack_never_writes_are_refused() {
    let err = decode("HTK2Zabc").unwrap_err();
    assert!(
        matches!(err, CompactError::Damaged(ref d) if d.contains("U+0061")),
        "{err:?}"
    );
}

proptest! {
    #[test]
    fn any_text_decodes_or_errors_without_panicking(s in any::<String>()) {
        let _ = decode(&s);
    }

    #[test]
    fn any_packed_tail_decodes_or_errors_without_panicking(units in proptest::collection::vec(0x3400u32..=0xb3ff, 0..64)) {
        let s: String = "HTK2Z".chars().chain(units.into_iter().filter_map(char::from_u32)).collect();
        let _ = decode(&s);
    }

    #[test]
    fn any_text_round_trips(s in any::<String>()) {
        prop_assert_eq!(decode(&encode(&s)).unwrap(), s);
    }
}
