//! The Markdown adapter: a line-based conversion of reports as converters write them (pipe
//! tables, `#` or `**` headings, lines hard-wrapped from a PDF, page footers).
//!
//! - A pipe-table row (`| a | b |`) becomes one line with its cells separated by ` | `; an empty
//!   cell is nothing between two separators; separator rows (`|---|:--:|`) are dropped. A header
//!   split over several rows stays several rows: the recogniser reads labels, not a grid.
//! - Headings lose their `#` marks and `**`/`__` wrappers.
//! - Page footers on a line of their own (`— 3 —`, `- 3 -`, `第 3 页`, `第3页 共9页`) are dropped,
//!   with the blank lines around them, so a paragraph a page break cut is joined again.
//! - A line hard-wrapped from a PDF is joined to the next one when it is long (at least
//!   [`WRAP_WIDTH`] characters), does not end a sentence, and the next one does not start a
//!   heading, a numbered item or a table.
//!
//! Every piece of text is a byte-for-byte slice of the source; what is added (line breaks,
//! separators) maps to the end of the piece before it.
use std::sync::LazyLock;

use crate::text::Mapped;
use regex::Regex;
use xxgk_model::{Format, Report, Segment, Span};

/// A line at least this many characters long that does not end a sentence is hard-wrapped.
pub const WRAP_WIDTH: usize = 15;

static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—–－―]+\s*[0-9０-９]{1,4}\s*[-—–－―]+|第\s*[0-9０-９]{1,4}\s*页(?:\s*[，,/]?\s*共\s*[0-9０-９]{1,4}\s*页)?|[0-9０-９]{1,4}\s*/\s*[0-9０-９]{1,4})$")
        .unwrap()
});
static SEPARATOR_ROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$").unwrap());
static ITEM_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:#|\||[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9０-９]+[）)]|[0-9０-９]+[、.．]|[-*+]\s)",
    )
    .unwrap()
});

/// Read decoded Markdown into a report.
pub fn read_markdown(path: &str, source: String) -> Report {
    let (text, segments) = to_text(&source);
    crate::text::read_mapped(path, Format::Markdown, text, source, segments)
}

/// What a source line is.
enum Line {
    Blank,
    Footer,
    Separator,
    Row(Vec<Span>),
    Heading(Span),
    Text(Span),
}

/// `span` without surrounding whitespace and a `**`/`__` wrapper.
fn inner(src: &str, span: Span) -> Span {
    let mut s = span.start as usize;
    let mut e = span.end as usize;
    loop {
        let t = &src[s..e];
        if t.trim().is_empty() {
            return Span::empty(s);
        }
        let lead = t.len() - t.trim_start().len();
        let trail = t.len() - t.trim_end().len();
        s += lead;
        e -= trail;
        let t = &src[s..e];
        let wrapped = ["**", "__"].iter().find(|w| t.len() >= 4 && t.starts_with(**w) && t.ends_with(**w));
        match wrapped {
            Some(w) => {
                s += w.len();
                e -= w.len();
            }
            None => return Span::new(s, e),
        }
    }
}

fn classify(src: &str, start: usize, line: &str) -> Line {
    let t = line.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    if FOOTER.is_match(t) {
        return Line::Footer;
    }
    if t.starts_with('|') {
        if SEPARATOR_ROW.is_match(t) {
            return Line::Separator;
        }
        let mut cells = Vec::new();
        let mut cell_start = start + line.find('|').map_or(0, |i| i + 1);
        let end = start + line.trim_end().len();
        let mut prev = '\0';
        for (i, c) in line.char_indices() {
            let at = start + i;
            if at < cell_start || at >= end {
                continue;
            }
            if c == '|' && prev != '\\' {
                cells.push(inner(src, Span::new(cell_start, at)));
                cell_start = at + 1;
            }
            prev = c;
        }
        if cell_start < end {
            cells.push(inner(src, Span::new(cell_start, end)));
        }
        return Line::Row(cells);
    }
    let whole = Span::new(start, start + line.len());
    if let Some(rest) = line.trim_start().strip_prefix('#') {
        let marks = rest.len() - rest.trim_start_matches('#').len();
        let body = start + (line.len() - rest.len()) + marks;
        return Line::Heading(inner(src, Span::new(body, start + line.len())));
    }
    let s = inner(src, whole);
    if src[whole.range()].trim().len() != src[s.range()].len() {
        // A whole line in bold is a heading.
        return Line::Heading(s);
    }
    Line::Text(s)
}

/// The plain text of a Markdown document and the segments mapping it back.
pub fn to_text(src: &str) -> (String, Vec<Segment>) {
    let mut lines: Vec<Line> = Vec::new();
    let mut start = 0;
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        lines.push(classify(src, start, line));
        start += raw.len();
    }
    // Drop footers and the blank lines around them.
    let mut kept: Vec<&Line> = Vec::new();
    let mut after_footer = false;
    for l in &lines {
        match l {
            Line::Footer => {
                while matches!(kept.last(), Some(Line::Blank)) {
                    kept.pop();
                }
                after_footer = true;
            }
            Line::Blank if after_footer => {}
            _ => {
                after_footer = false;
                kept.push(l);
            }
        }
    }
    let mut out = Mapped::default();
    let mut joinable = false;
    for l in kept {
        match l {
            Line::Blank => {
                joinable = false;
                out.newline();
                out.gap("\n");
            }
            Line::Footer | Line::Separator => {}
            Line::Row(cells) => {
                joinable = false;
                out.newline();
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        out.gap(" | ");
                    }
                    piece(&mut out, src, *c);
                }
                out.newline();
            }
            Line::Heading(s) => {
                joinable = false;
                out.newline();
                piece(&mut out, src, *s);
                out.newline();
            }
            Line::Text(s) => {
                let t = &src[s.range()];
                if !joinable || ITEM_START.is_match(t) {
                    out.newline();
                }
                piece(&mut out, src, *s);
                joinable = t.chars().count() >= WRAP_WIDTH
                    && !t.ends_with(['。', '！', '？', '：', '；', ':', ';', '!', '?']);
            }
        }
    }
    out.newline();
    (out.text, out.segments)
}

/// Write the source's text at `s`, if any.
fn piece(out: &mut Mapped, src: &str, s: Span) {
    if !s.is_empty() {
        out.push(&src[s.range()], s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_headings_footers_and_wraps() {
        let src = "# **一、总体情况**\n\n本年度我局认真贯彻落实条例要求，不断\n\n— 3 —\n\n加强政务公开工作。\n\
                   | 信息内容 | 本年制发件数 |  |\n|---|:--:|---|\n| **规章** | 1 | |\n第 4 页\n**二、主动公开**\n";
        let (text, segs) = to_text(src);
        assert_eq!(
            text,
            "一、总体情况\n\n本年度我局认真贯彻落实条例要求，不断加强政务公开工作。\n信息内容 | 本年制发件数 | \n规章 | 1 | \n二、主动公开\n"
        );
        for s in &segs {
            if s.text.len() == s.source.len() {
                assert_eq!(&text[s.text.range()], &src[s.source.range()]);
            }
        }
        let w = segs.iter().find(|s| &text[s.text.range()] == "加强政务公开工作。").unwrap();
        assert_eq!(&src[w.source.range()], "加强政务公开工作。");
    }
}
