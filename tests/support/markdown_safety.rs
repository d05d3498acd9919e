//! What every exported Markdown must hold whatever people typed: no raw HTML, no link, no
//! heading, list, quote, rule or code that the export did not write itself. Read without a
//! renderer, by the rules CommonMark parses by.

use hatrack::domain::review::section_ids;
use hatrack::domain::ReviewKind;

/// The headings a review export writes: the sections, and two the page has no section for.
fn ours(heading: &str) -> bool {
    ["Roles during the incident", "Timeline"].contains(&heading)
        || section_ids(ReviewKind::Full).iter().any(|s| s.title() == heading)
}

/// Whether the character at byte `i` is escaped by a backslash that is not itself escaped.
fn escaped(s: &str, i: usize) -> bool {
    s[..i].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
}

pub fn assert_safe(md: &str) {
    for (i, c) in md.char_indices() {
        let next = md[i + c.len_utf8()..].chars().next();
        let live = !escaped(md, i);
        match c {
            '<' if live => assert!(
                !next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
                "a tag or autolink could start: {}",
                &md[i..(i + 30).min(md.len())]
            ),
            ']' if live => assert!(
                !matches!(next, Some('(' | '[' | ':')),
                "a link could close: {}",
                &md[i.saturating_sub(30)..i + 1]
            ),
            '`' => assert!(
                !live,
                "a code span could open: {}",
                &md[i.saturating_sub(30)..i + 1]
            ),
            '&' if live => {
                let rest: String = md[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
                    .collect();
                assert!(
                    rest.is_empty() || !md[i + 1 + rest.len()..].starts_with(';'),
                    "a character reference: &{rest};"
                );
            }
            _ => {}
        }
    }
    // In a section written as paragraphs, any list came from people's text.
    let mut prose = false;
    for (n, line) in md.lines().enumerate() {
        if n == 0 {
            assert!(line.starts_with("# Post-incident review: "), "{line}");
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            assert!(ours(h), "not one of ours: {line}");
            prose = section_ids(ReviewKind::Full)
                .iter()
                .any(|s| s.title() == h && s.field().is_some());
            continue;
        }
        // Outside the written paragraphs, what follows our own list marker or a list item's
        // indent is the text's own start.
        let text = if prose {
            line
        } else {
            line.strip_prefix("- [ ] ")
                .or_else(|| line.strip_prefix("- [x] "))
                .or_else(|| line.strip_prefix("- "))
                .or_else(|| line.strip_prefix("  "))
                .unwrap_or(line)
        };
        assert_no_block_start(text, line);
    }
}

fn assert_no_block_start(text: &str, line: &str) {
    let chars: Vec<char> = text.chars().collect();
    let gap = |at: usize| chars.get(at).is_none_or(|c| c.is_whitespace());
    let only = |c: char| !chars.is_empty() && chars.iter().all(|&x| x == c || x == ' ');
    let Some(&first) = chars.first() else {
        return;
    };
    let hashes = chars.iter().take_while(|&&c| c == '#').count();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let problem = match first {
        ' ' | '\t' => Some("indented code"),
        '#' if hashes <= 6 && gap(hashes) => Some("heading"),
        '-' | '+' | '*' if gap(1) => Some("list"),
        '>' => Some("quote"),
        '-' | '=' | '*' | '_' if only(first) => Some("rule or underline"),
        '~' if text.starts_with("~~~") => Some("fence"),
        _ if (1..=9).contains(&digits) && matches!(chars.get(digits), Some('.' | ')')) && gap(digits + 1) => {
            Some("numbered list")
        }
        _ => None,
    };
    assert!(
        problem.is_none(),
        "{} from people's text: {line}",
        problem.unwrap_or("")
    );
}
