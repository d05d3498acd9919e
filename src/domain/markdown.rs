//! Text people typed, made safe to put in Markdown: rendered, it shows what was typed, and it
//! never becomes raw HTML, a link, a heading, a list, code or emphasis.
//!
//! A character is escaped only where CommonMark (or GitHub's strikethrough) would read it as
//! markup, so the Markdown also reads as plain prose when pasted somewhere that does not render
//! it: "Q&A on a_b_c, ~4 h, 5 * 3" stays as it is, while `<script>` becomes `\<script>` and
//! `[x](javascript:…)` becomes `[x\](javascript:…)`. Where telling would need the text around a
//! piece (a name next to our own `**`), the piece's ends are treated as the worst case.
//!
//! `|` is left alone but for a line that would turn the one above into a table's header.

/// Text placed inside a line we write, never at its start (a name, a title, a release):
/// newlines become spaces, and nothing in it is markup.
pub fn inline(s: &str) -> String {
    let chars: Vec<char> = s
        .chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            '*' | '_' | '~' => {
                // A run of the same delimiter is judged as one, by the characters around it.
                let end = i + chars[i..].iter().take_while(|&&x| x == c).count();
                let after = chars.get(end).copied();
                if delimiter_is_live(c, prev, after) {
                    for _ in i..end {
                        out.push('\\');
                        out.push(c);
                    }
                } else {
                    out.extend(&chars[i..end]);
                }
                i = end;
                continue;
            }
            // Literal unless it escapes the next character or breaks the line.
            '\\' if next.is_none_or(|n| n.is_ascii_punctuation()) => out.push_str("\\\\"),
            // A code span needs a matching run later on; no pairing is worth guessing.
            '`' => out.push_str("\\`"),
            // A link or image needs `](` or `][`, a definition `]:`; what follows the text is ours.
            ']' if next.is_none_or(|n| matches!(n, '(' | '[' | ':')) => out.push_str("\\]"),
            '<' if starts_tag_or_autolink(&chars[i + 1..]) => out.push_str("\\<"),
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("\\&"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// One line of text that starts a block (a paragraph's line, a list item): [`inline`], and the
/// line may not open a heading, list, quote, rule or fence. Leading spaces are dropped: they
/// would make an indented code block, and indentation carries no meaning in prose.
pub fn line(s: &str) -> String {
    let escaped = inline(s.trim_start());
    let chars: Vec<char> = escaped.chars().collect();
    let Some(&first) = chars.first() else {
        return escaped;
    };
    let gap = |at: usize| chars.get(at).is_none_or(|c| *c == ' ' || *c == '\t');
    let only = |c: char| chars.iter().all(|&x| x == c || x == ' ' || x == '\t');
    let opens_block = match first {
        '#' => gap(chars.iter().take_while(|&&c| c == '#').count()),
        '-' | '+' | '*' => gap(1) || only(first),
        '=' | '_' => only(first),
        '>' => true,
        _ => false,
    };
    // A row of `|`, `-` and `:` would make the line above a table's header.
    let table_rule = chars.contains(&'-') && chars.iter().all(|c| "|-: \t".contains(*c));
    let opens_block = opens_block || table_rule;
    if opens_block {
        return format!("\\{escaped}");
    }
    // A fence: every tilde of the run, or what follows the first could still close a strikethrough.
    let tildes = chars.iter().take_while(|&&c| c == '~').count();
    if tildes >= 3 {
        return format!("{}{}", "\\~".repeat(tildes), &escaped[tildes..]);
    }
    // "1. " or "1) " would number a list: escape the dot, keep the number readable.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=9).contains(&digits) && matches!(chars.get(digits), Some('.' | ')')) && gap(digits + 1) {
        let (num, rest) = escaped.split_at(digits);
        return format!("{num}\\{rest}");
    }
    escaped
}

/// Text of several lines: each a [`line`], a line break kept as a hard break, blank lines as one
/// paragraph break. `indent` continues a list item.
pub fn block(s: &str, indent: &str) -> String {
    let mut paras: Vec<Vec<String>> = vec![vec![]];
    for l in s.lines() {
        if l.trim().is_empty() {
            if !paras.last().is_some_and(|p| p.is_empty()) {
                paras.push(vec![]);
            }
        } else {
            paras.last_mut().expect("never empty").push(line(l));
        }
    }
    paras
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(&format!("  \n{indent}")))
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}\n{indent}"))
}

/// A heading's text: [`inline`], and a trailing run of `#` is kept (a heading drops it).
pub fn heading(s: &str) -> String {
    let escaped = inline(s.trim());
    let body = escaped.trim_end_matches('#');
    if body.len() < escaped.len() && (body.is_empty() || body.ends_with(' ')) {
        format!("{body}\\{}", &escaped[body.len()..])
    } else {
        escaped
    }
}

/// Whether a run of `*`, `_` or `~` could open or close emphasis (or strikethrough). The ends
/// of the text count as anything at all, since what we write there is not known here.
fn delimiter_is_live(c: char, before: Option<char>, after: Option<char>) -> bool {
    let space = |x: Option<char>| x.is_some_and(char::is_whitespace);
    let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    match c {
        // Only a run with space on both sides is sure to stay a star ("5 * 3").
        '*' => !(space(before) && space(after)),
        // Inside a word (a_b_c) or between spaces, `_` is never emphasis.
        '_' => !((word(before) && word(after)) || (space(before) && space(after))),
        // Strikethrough needs a closing run, one that follows text ("~4 h" opens none); leave
        // every opening run alone and escape every run that could close. The exports put a
        // space or punctuation before each piece of text, never a letter, so a run at the start
        // cannot close.
        _ => match before {
            None => false,
            Some(b) if b.is_whitespace() => false,
            Some(b) if is_punct(b) => after.is_none_or(|a| a.is_whitespace() || is_punct(a)),
            Some(_) => true,
        },
    }
}

/// CommonMark's punctuation, near enough: ASCII punctuation and any other non-letter,
/// non-digit, non-space character.
fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// After a `<`: a tag, a closing tag, a comment, a declaration or processing instruction
/// (each also starts an HTML block at a line start), a URI autolink (`<scheme:…>`), or an
/// e-mail autolink (`<name@host>`).
fn starts_tag_or_autolink(rest: &[char]) -> bool {
    let Some(&n) = rest.first() else {
        return false;
    };
    if n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?') {
        return true;
    }
    let email_char = |c: char| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c);
    email_char(n) && rest.contains(&'>')
}

/// After a `&`: a named or numeric character reference (`&amp;`, `&#60;`), which a renderer
/// would turn into the character it names.
fn starts_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}
