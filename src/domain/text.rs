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
