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

/// Text made safe inside markup, in an element or a quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The options of a select as one piece of markup: an optional empty first choice, then
/// `(value, text)` choices, then labelled groups of them; the option whose value is `chosen`
/// is marked selected (none when no value matches, so the browser shows the first). One string
/// for the browser to parse instead of an element and an effect per option: a large team's
/// person pickers hold hundreds, and a release log shows fifty of them.
pub fn options_html(
    placeholder: Option<&str>,
    choices: &[(String, String)],
    groups: &[(&str, Vec<(String, String)>)],
    chosen: &str,
) -> String {
    let mut out = String::new();
    let option = |out: &mut String, value: &str, text: &str| {
        out.push_str("<option value=\"");
        out.push_str(&escape_html(value));
        out.push_str(if value == chosen { "\" selected>" } else { "\">" });
        out.push_str(&escape_html(text));
        out.push_str("</option>");
    };
    if let Some(p) = placeholder {
        option(&mut out, "", p);
    }
    for (v, t) in choices {
        option(&mut out, v, t);
    }
    for (label, list) in groups.iter().filter(|(_, list)| !list.is_empty()) {
        out.push_str("<optgroup label=\"");
        out.push_str(&escape_html(label));
        out.push_str("\">");
        for (v, t) in list {
            option(&mut out, v, t);
        }
        out.push_str("</optgroup>");
    }
    out
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
    #[test]
    fn options_markup_escapes_and_marks_the_chosen_one() {
        let choices = vec![
            ("p-1".to_string(), "Ana <admin> & \"co\"".to_string()),
            ("p-2'x".to_string(), "Ben".to_string()),
        ];
        let groups = vec![
            ("Has the skill", vec![("p-3".to_string(), "Cleo".to_string())]),
            ("Others", vec![]),
        ];
        assert_eq!(
            super::options_html(Some("Not said"), &choices, &groups, "p-2'x"),
            "<option value=\"\">Not said</option>\
             <option value=\"p-1\">Ana &lt;admin&gt; &amp; &quot;co&quot;</option>\
             <option value=\"p-2&#39;x\" selected>Ben</option>\
             <optgroup label=\"Has the skill\"><option value=\"p-3\">Cleo</option></optgroup>",
            "an empty group is left out"
        );
        // The placeholder is chosen by an empty value; a value nobody has marks nothing.
        assert!(super::options_html(Some("Not said"), &choices, &[], "")
            .starts_with("<option value=\"\" selected>"));
        assert!(!super::options_html(None, &choices, &groups, "p-9").contains("selected"));
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
