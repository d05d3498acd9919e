//! Escaping people's text for Markdown: markup is escaped where a renderer would read it, and
//! nowhere else, so the Markdown still reads as the words that were typed.

use hatrack::domain::markdown::{block, heading, inline, line};

#[test]
fn prose_stays_as_typed() {
    for s in [
        "Q&A with Ops & Dev",
        "heap_used and a_b_c",
        "~4 GB to ~8 GB",
        "5 * 3 = 15",
        "a < b and c > d",
        "one - two - three",
        "C:\\path\\to",
        "#hashtag and issue #12",
        "1.5 h, 2026 was long",
        "+1 from me",
        "-v flag",
        "price: 5 | 6",
        "see [the runbook] later",
        "Sam (on call) said: “roll back”",
        "café_menu, naïve_fix",
    ] {
        assert_eq!(line(s), s, "{s}");
        assert_eq!(inline(s), s, "{s}");
    }
}

#[test]
fn html_never_stays_html() {
    for (s, want) in [
        ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
        ("<b>x</b>", "\\<b>x\\</b>"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)>"),
        ("<!-- hidden -->", "\\<!-- hidden -->"),
        ("<?php x ?>", "\\<?php x ?>"),
        ("<![CDATA[x]]>", "\\<![CDATA[x]]>"),
        ("<div", "\\<div"),
        // Autolinks, of any scheme, and e-mail ones.
        ("<javascript:alert(1)>", "\\<javascript:alert(1)>"),
        ("<1.2@x.org>", "\\<1.2@x.org>"),
        // A `<` that can start nothing is left alone.
        ("a < b", "a < b"),
        ("<3", "<3"),
        ("<-", "<-"),
    ] {
        assert_eq!(inline(s), want, "{s}");
    }
}

#[test]
fn links_images_and_definitions_are_broken_at_their_bracket() {
    for (s, want) in [
        ("[click](javascript:alert(1))", "[click\\](javascript:alert(1))"),
        ("![img](x.png)", "![img\\](x.png)"),
        ("[text][ref]", "[text\\][ref\\]"),
        ("[ref]: javascript:alert(2)", "[ref\\]: javascript:alert(2)"),
        // At the end of a piece, what follows is ours and unknown here.
        ("x]", "x\\]"),
        ("[a] b", "[a] b"),
    ] {
        assert_eq!(inline(s), want, "{s}");
    }
}

#[test]
fn emphasis_code_and_entities_are_escaped_only_where_they_would_act() {
    for (s, want) in [
        ("*stars*", "\\*stars\\*"),
        ("**bold**", "\\*\\*bold\\*\\*"),
        ("2*3*4", "2\\*3\\*4"),
        ("_em_", "\\_em\\_"),
        ("__init__", "\\_\\_init\\_\\_"),
        ("snake_case_name", "snake_case_name"),
        // Strikethrough: only a run that could close is escaped.
        ("~~gone~~", "~~gone\\~\\~"),
        ("~4 h", "~4 h"),
        ("`rm -rf`", "\\`rm -rf\\`"),
        ("&amp; &#60; &copy;", "\\&amp; \\&#60; \\&copy;"),
        ("AT&T", "AT&T"),
        // A backslash escapes only punctuation, or breaks a line at its end.
        ("a\\*b", "a\\\\\\*b"),
        ("end\\", "end\\\\"),
        ("a\\b", "a\\b"),
        ("two\nlines", "two lines"),
    ] {
        assert_eq!(inline(s), want, "{s}");
    }
}

#[test]
fn a_line_never_opens_a_block() {
    for (s, want) in [
        ("- one", "\\- one"),
        ("+ one", "\\+ one"),
        ("* one", "\\* one"),
        ("1. one", "1\\. one"),
        ("12) twelve", "12\\) twelve"),
        ("# heading", "\\# heading"),
        ("### heading", "\\### heading"),
        ("> quote", "\\> quote"),
        (">50 % down", "\\>50 % down"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("***", "\\*\\*\\*"),
        ("_ _ _", "\\_ _ \\_"),
        ("~~~", "\\~\\~\\~"),
        ("```", "\\`\\`\\`"),
        ("|---|:-:|", "\\|---|:-:|"),
        ("-|-", "\\-|-"),
        ("    indented code", "indented code"),
        ("<div>", "\\<div>"),
    ] {
        assert_eq!(line(s), want, "{s}");
    }
}

#[test]
fn a_block_keeps_its_lines_and_paragraphs() {
    assert_eq!(block("a\n- b\n\n\n1. c", ""), "a  \n\\- b\n\n1\\. c");
    assert_eq!(block("a\n\nb", "  "), "a\n  \n  b");
    assert_eq!(block("  \n", ""), "");
}

#[test]
fn a_heading_keeps_its_closing_hashes() {
    assert_eq!(heading("Issue #"), "Issue \\#");
    assert_eq!(heading("##"), "\\##");
    assert_eq!(heading("C#"), "C#");
    assert_eq!(heading("<b>Title</b>"), "\\<b>Title\\</b>");
}
