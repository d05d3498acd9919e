//! Numbers and counts as people read them, written once for the app, its exports and the
//! command-line tool. Durations have their own home in [`super::duration`].

/// A load, a weight, a capacity or a number of hours: `7`, `2.5`, `0.33`. At most two
/// decimals, no trailing zeros, never "-0".
pub fn number(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    let s = format!("{rounded:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// "3 people", "1 person": a count in words.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The start of a longer text, enough to tell which record it is: at most 40 characters, with
/// "…" when cut.
pub fn short(s: &str) -> String {
    const MAX: usize = 40;
    let s = s.trim();
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>().trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_without_trailing_zeros() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(1.25), "1.25");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(0.0), "0");
    }

    #[test]
    fn short_cuts_long_text_at_forty_characters() {
        assert_eq!(short("  Restarted the worker "), "Restarted the worker");
        let long = "Restarted the search index worker on node three after the alert";
        assert_eq!(short(long), "Restarted the search index worker on nod…");
    }

    #[test]
    fn counts_pick_the_word() {
        assert_eq!(plural(1, "person", "people"), "1 person");
        assert_eq!(plural(0, "person", "people"), "0 people");
        assert_eq!(plural(2, "incident", "incidents"), "2 incidents");
    }
}

/// The text of a picked file from its bytes, as a browser's own text reading would give it:
/// UTF-8 unless a byte-order mark says UTF-16, the mark dropped, anything malformed replaced
/// by U+FFFD. The bytes of a UTF-8 file are taken as they are, with no copy.
pub fn decode_file(bytes: Vec<u8>) -> String {
    let utf16 = |bytes: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]])).collect();
        let mut text = String::from_utf16_lossy(&units);
        if bytes.len() % 2 == 1 {
            text.push(char::REPLACEMENT_CHARACTER);
        }
        text
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

#[cfg(test)]
mod file_tests {
    use super::decode_file;

    #[test]
    fn a_file_reads_as_the_browser_would_read_its_text() {
        assert_eq!(decode_file(b"{\"a\":\"\xC3\xA9\"}".to_vec()), "{\"a\":\"é\"}");
        assert_eq!(
            decode_file(b"\xEF\xBB\xBF{}".to_vec()),
            "{}",
            "the UTF-8 mark is dropped"
        );
        assert_eq!(
            decode_file(b"{\xFF}".to_vec()),
            "{\u{FFFD}}",
            "malformed bytes replaced"
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("{é}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_file(le), "{é}");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("{é}".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_file(be), "{é}");
        assert_eq!(
            decode_file(vec![0xFF, 0xFE, b'{']),
            "\u{FFFD}",
            "half a UTF-16 unit"
        );
    }
}
