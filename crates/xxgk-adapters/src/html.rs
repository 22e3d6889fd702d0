//! The HTML adapter: a government web page to plain text laid out like a scraped page.
//!
//! The page is parsed with an HTML5 parser (html5ever, through `scraper`). Paragraphs, headings
//! and other blocks become lines; each table row becomes one line with its cells separated by
//! ` | ` (an empty or `&nbsp;` cell is nothing between two separators). A cell that spans
//! several rows or columns is written once, in the row and at the place where it starts: its
//! text is a label such as 三、本年度办理结果 that the recogniser reads as a group label.
//! `<script>`, `<style>`, `<head>`, `<nav>`, `<aside>`, `<footer>` and the like are left out.
//! A table that holds another table is a layout table: its cells are read as blocks.
//!
//! ## Offsets
//! html5ever does not report source offsets, so each emitted text run (a whitespace-free word
//! of a text node) is found in the decoded page by searching for it from a cursor that moves
//! forward in document order; a match must lie outside markup (after the last `>` before it),
//! and the search looks [`SEARCH_WINDOW`] bytes ahead. A run holding an entity (`&amp;`,
//! `&#20013;`) is found by its characters before the first one an entity may stand for; its
//! segment then has a different length and maps start and end only. A run not found at all is
//! mapped to the cursor.
use crate::text::Mapped;
use crate::ReadError;
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use encoding_rs::{Encoding, GB18030, GBK};
use scraper::{Html, Node};
use xxgk_model::{Format, Report, Segment, Span};

/// How far ahead of the cursor a text run is searched for, in bytes.
pub const SEARCH_WINDOW: usize = 256 * 1024;

/// Elements whose content is not part of the report.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "aside", "footer", "iframe", "select",
    "button", "svg", "object", "canvas", "map",
];

/// Elements that break lines (everything else is inline).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "pre",
    "address",
    "center",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "caption",
    "hr",
    "body",
    "html",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
];

/// Decode an HTML page: a BOM or valid UTF-8 first, then the `<meta charset>` the page declares
/// (GB2312 and GBK pages are decoded as GB18030, their superset), then detection.
pub fn decode_html(bytes: &[u8], forced: Option<&str>) -> Result<String, ReadError> {
    if forced.is_some() || Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok() {
        return crate::decode::decode(bytes, forced);
    }
    if let Some(enc) = meta_charset(bytes) {
        let enc = if enc == GBK || enc == GB18030 { GB18030 } else { enc };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors && !text.contains('\0') && !text.trim().is_empty() {
            return Ok(text.into_owned());
        }
    }
    crate::decode::decode(bytes, None)
}

/// The encoding named by `charset=` in the first 4 KiB (a `<meta charset>` or `http-equiv`).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find_bytes(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
            .map_or(lower.len(), |k| j + k);
        if let Some(enc) = Encoding::for_label(&lower[j..end]) {
            return Some(enc);
        }
    }
    None
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Read a decoded HTML page into a report.
pub fn read_html(path: &str, source: String) -> Report {
    let (text, segments) = to_text(&source);
    crate::text::read_mapped(path, Format::Html, text, source, segments)
}

/// The plain text of a page and the segments mapping it back into the page.
pub fn to_text(source: &str) -> (String, Vec<Segment>) {
    let html = Html::parse_document(source);
    let mut out = Out { src: source, cursor: 0, mapped: Mapped::default(), space: false };
    walk(html.tree.root(), &mut out, false);
    out.newline();
    (out.mapped.text, out.mapped.segments)
}

/// The text being written and its segments.
struct Out<'s> {
    src: &'s str,
    cursor: usize,
    mapped: Mapped,
    /// Whitespace was seen since the last word.
    space: bool,
}

impl Out<'_> {
    /// Write one whitespace-free run of text and map it into the source.
    fn word(&mut self, w: &str) {
        let text = &self.mapped.text;
        if self.space && !text.is_empty() && !text.ends_with(['\n', ' ']) {
            self.mapped.gap(" ");
        }
        self.space = false;
        let source = match self.find(w) {
            Some(pos) => Span::new(pos, pos + w.len()),
            None => {
                let cut = w.find(|c: char| "&<>\"'".contains(c) || is_maybe_entity(c)).unwrap_or(w.len());
                let prefix = &w[..cut];
                match (!prefix.is_empty()).then(|| self.find(prefix)).flatten() {
                    Some(pos) => Span::new(pos, pos + prefix.len()),
                    None => Span::empty(self.cursor),
                }
            }
        };
        self.cursor = source.end as usize;
        self.mapped.push(w, source);
    }

    /// Where `w` occurs next in the source outside markup, within the search window.
    fn find(&self, w: &str) -> Option<usize> {
        let mut end = (self.cursor + SEARCH_WINDOW).min(self.src.len());
        while !self.src.is_char_boundary(end) {
            end += 1;
        }
        let hay = self.src.get(self.cursor..end)?;
        let mut from = 0;
        while let Some(i) = hay[from..].find(w) {
            let pos = self.cursor + from + i;
            if self.outside_markup(pos) {
                return Some(pos);
            }
            from += i + hay[from + i..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    fn outside_markup(&self, pos: usize) -> bool {
        let before = &self.src[..pos];
        match (before.rfind('<'), before.rfind('>')) {
            (None, _) => true,
            (Some(lt), Some(gt)) => gt > lt,
            (Some(_), None) => false,
        }
    }

    fn newline(&mut self) {
        self.mapped.newline();
        self.space = false;
    }

    /// A block boundary: a line break, or a space inside a table cell.
    fn line_break(&mut self, in_cell: bool) {
        if in_cell {
            self.space = true;
        } else {
            self.newline();
        }
    }

    fn separator(&mut self) {
        self.mapped.gap(" | ");
        self.space = false;
    }
}

/// Characters pages commonly write as entities (besides markup ones): none in CJK text, so
/// only a few symbols.
fn is_maybe_entity(c: char) -> bool {
    matches!(c, '\u{a0}' | '©' | '®' | '·' | '—' | '“' | '”' | '‘' | '’' | '…' | '×')
}

/// Write a node's text. In a cell, line breaks become spaces.
///
/// The walk is iterative (`traverse` yields open and close edges), so a page nested
/// thousands of levels deep cannot overflow the stack; a data table's cells are walked from
/// [`table`], one level down, and hold no table themselves.
fn walk(node: NodeRef<'_, Node>, out: &mut Out<'_>, in_cell: bool) {
    // The element whose subtree is being skipped (left out, or written by `table`).
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => {
                        let s: &str = t;
                        if s.starts_with(char::is_whitespace) {
                            out.space = true;
                        }
                        for w in s.split_whitespace() {
                            out.word(w);
                            out.space = true;
                        }
                        if !s.ends_with(char::is_whitespace) {
                            out.space = false;
                        }
                    }
                    Node::Element(el) => {
                        let name = el.name();
                        if SKIPPED.contains(&name) || el.attr("role") == Some("navigation") {
                            skip = Some(n.id());
                        } else if name == "table" && !has_nested_table(n) {
                            out.newline();
                            table(n, out);
                            out.newline();
                            skip = Some(n.id());
                        } else if name == "br" || is_block(name) {
                            out.line_break(in_cell);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if let Some(id) = skip {
                    if id == n.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = n.value() {
                    if is_block(el.name()) {
                        out.line_break(in_cell);
                    }
                }
            }
        }
    }
}

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name) || name == "td" || name == "th"
}

/// How deep elements may nest (as Blink's parser caps its tree). Real reports nest a few
/// dozen levels; the HTML5 tree builder scans its stack of open elements for many start tags,
/// so a page nested a hundred thousand levels deep would take minutes to parse.
pub const MAX_DEPTH: usize = 512;

/// Elements that never nest: void elements, and those whose end tag may be left out (the
/// tree builder closes them when a sibling starts).
const NOT_NESTING: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr",
    "td", "th", "tbody", "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp",
];

/// Refuse a page whose elements nest deeper than [`MAX_DEPTH`], before parsing it.
///
/// This is a bound, not a parser: start tags (`<name`, not `/>`-closed) open a level and end
/// tags (`</`) close one, except for the [`NOT_NESTING`] elements. Markup-like text in
/// scripts or comments can only move the estimate by what it holds.
pub fn check_depth(source: &str) -> Result<(), ReadError> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(i) = bytes[at..].iter().position(|&b| b == b'<') {
        let lt = at + i;
        at = lt + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let name_start = if closing { at + 1 } else { at };
        let name_len =
            bytes[name_start.min(bytes.len())..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = source[name_start..name_start + name_len].to_ascii_lowercase();
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        // A start tag's `>` is looked for nearby only, so the scan stays linear.
        let near = &bytes[name_start..bytes.len().min(name_start + 4096)];
        let tag_end = near.iter().position(|&b| b == b'>').map(|k| name_start + k);
        if tag_end.is_some_and(|e| bytes[e - 1] == b'/') {
            continue;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            return Err(ReadError::TooDeep { limit: MAX_DEPTH });
        }
    }
    Ok(())
}

fn element_name<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

fn has_nested_table(table: NodeRef<'_, Node>) -> bool {
    table.descendants().skip(1).any(|n| element_name(&n) == Some("table"))
}

/// The rows of a table (through `thead`/`tbody`/`tfoot`), and its caption.
fn rows<'a>(node: NodeRef<'a, Node>, acc: &mut Vec<NodeRef<'a, Node>>, out: &mut Out<'_>) {
    for child in node.children() {
        match element_name(&child) {
            Some("tr") => acc.push(child),
            Some("thead" | "tbody" | "tfoot") => rows(child, acc, out),
            Some("caption") => {
                out.newline();
                walk(child, out, false);
                out.newline();
            }
            _ => {}
        }
    }
}

/// Write a data table: one line per row, cells separated by ` | `.
fn table(node: NodeRef<'_, Node>, out: &mut Out<'_>) {
    let mut acc = Vec::new();
    rows(node, &mut acc, out);
    for tr in acc {
        out.newline();
        let mut first = true;
        for cell in tr.children().filter(|c| matches!(element_name(c), Some("td" | "th"))) {
            if !first {
                out.separator();
            }
            first = false;
            for child in cell.children() {
                walk(child, out, true);
            }
            out.space = false;
        }
        out.newline();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tables_and_spans() {
        let src = "<html><head><title>t</title><script>var a='0';</script></head><body>\
            <nav>首页</nav><p><span>一、</span><span>总体情况</span></p>\
            <table><tr><td rowspan=\"2\">三、本年度<br>办理结果</td><td width=\"50\">(一)予以公开</td>\
            <td>&nbsp;</td><td>2</td></tr><tr><td>A&amp;B</td></tr></table><p>结束</p></body></html>";
        let (text, segs) = to_text(src);
        assert_eq!(text, "一、总体情况\n三、本年度 办理结果 | (一)予以公开 |  | 2\nA&B\n结束\n");
        for s in &segs {
            let t = &text[s.text.range()];
            if s.text.len() == s.source.len() {
                assert_eq!(t, &src[s.source.range()]);
            }
        }
        let two = segs.iter().find(|s| &text[s.text.range()] == "2").unwrap();
        assert_eq!(&src[two.source.start as usize - 4..two.source.end as usize], "<td>2");
        let amp = segs.iter().find(|s| &text[s.text.range()] == "A&B").unwrap();
        assert_eq!(&src[amp.source.range()], "A");
    }

    #[test]
    fn meta_charset_gb2312() {
        let page =
            "<html><head><meta charset=\"gb2312\"></head><body><p>二、主动公开政府信息情况</p></body></html>";
        let (bytes, _, _) = GB18030.encode(page);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode_html(&bytes, None).unwrap(), page);
        let equiv = b"<meta http-equiv=Content-Type content='text/html; charset=GBK'>";
        assert_eq!(meta_charset(equiv), Some(GBK));
        assert_eq!(meta_charset(b"<p>charset</p>"), None);
    }

    #[test]
    fn depth_at_and_over_the_limit() {
        let page = |n: usize| format!("<html><body>{}x{}", "<div>".repeat(n - 2), "</div>".repeat(n - 2));
        assert!(check_depth(&page(MAX_DEPTH)).is_ok());
        assert!(matches!(check_depth(&page(MAX_DEPTH + 1)), Err(ReadError::TooDeep { limit: MAX_DEPTH })));
        // Closed levels, void elements, omitted end tags and self-closed tags do not add up.
        let wide = "<div>a</div><br><img src=x><p>b<li>c<td>d<span/>".repeat(10_000);
        assert!(check_depth(&wide).is_ok());
        assert!(check_depth("< <1 </ <!-- <? <\u{4e00}").is_ok());
        // Deep but under the limit: the walk does not recurse, the text is all there.
        let (text, _) = to_text(&format!("{}一、总体情况{}", "<span>".repeat(400), "</span>".repeat(400)));
        assert_eq!(text, "一、总体情况\n");
    }
}
