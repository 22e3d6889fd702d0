//! Inline suppressions, and XG007 for those that suppress nothing.
//!
//! Three forms, found in the source file (where HTML and Markdown comments live) and, when the
//! report has a separate source, in the plain text too:
//!
//! - `<!-- xxgk-disable XG405 -->`: from the comment's line to the end of the file, or to the
//!   line of a later `<!-- xxgk-enable XG405 -->` (inclusive).
//! - `<!-- xxgk-disable-next-line XG405 -->`: the line after the comment.
//! - `xxgk: ignore[XG601]` or `xxgk: ignore[XG601, XG602]` anywhere in a line: that line, and
//!   the next line too when nothing but the marker (and comment punctuation) is on its line.
//!
//! Codes may be codes, family prefixes (`XG6`) or rule names, separated by commas or spaces; a
//! directive with no code (`<!-- xxgk-disable -->`, `xxgk: ignore[]`) covers every rule. A
//! finding is covered when the line its span starts on is covered. A code that covers no
//! finding is reported as XG007 (unless it names only rules that are not enabled, whose
//! findings could not have been seen, or only cross-file rules, which depend on the other
//! reports of the run), with a safe fix that removes it. Findings of the cross-file pass are
//! covered alike ([`crate::check_with`]).
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Text};
use crate::settings::{selector_matches, Settings};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use xxgk_model::{LineIndex, Report, Span};

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--[ \t]*xxgk-(disable-next-line|disable|enable)((?:[\s,]+[A-Za-z0-9_-]+)*)[\s,]*-->")
        .expect("valid regex")
});
static IGNORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"xxgk:[ \t]*ignore\[([A-Za-z0-9_,\- \t]*)\]").expect("valid regex"));
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9_-]+").expect("valid regex"));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    Ignore,
}

/// One code of a directive and the lines (0-based, inclusive) of the source it covers.
#[derive(Debug)]
struct Code {
    selector: String,
    /// Where the code is written; the whole directive for a directive without codes.
    at: Range<usize>,
    first: usize,
    last: usize,
    used: bool,
}

/// One comment or marker, positions in bytes of `report.source()`.
#[derive(Debug)]
struct Directive {
    kind: Kind,
    at: Range<usize>,
    codes: Vec<Code>,
    /// Whether the codes were written (`false`: a directive covering every rule).
    explicit: bool,
}

/// Drop the findings that inline suppressions cover, and add XG007 for suppressions that
/// covered nothing (when XG007 is enabled in `settings`).
pub(crate) fn apply(report: &Report, settings: &Settings, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let source = report.source();
    if !source.contains("xxgk") && !report.text.contains("xxgk") {
        return diagnostics;
    }
    let index = LineIndex::new(source);
    let mut directives = parse(source, &index);
    if report.source.is_some() {
        // Markers in the plain text that the source splits (DOCX runs): map them to the source.
        for d in parse(&report.text, &LineIndex::new(&report.text)) {
            if d.kind != Kind::Ignore {
                continue;
            }
            let span = report.source_span(Span::new(d.at.start, d.at.end));
            if directives.iter().any(|e| {
                e.kind == Kind::Ignore && index.line_of(e.at.start) == index.line_of(span.start as usize)
            }) {
                continue;
            }
            let line = index.line_of(span.start as usize);
            let codes = d
                .codes
                .into_iter()
                .map(|c| Code { at: span.range(), first: line, last: c.last - c.first + line, ..c })
                .collect();
            directives.push(Directive { kind: Kind::Ignore, at: span.range(), codes, explicit: d.explicit });
        }
    }
    if directives.is_empty() {
        return diagnostics;
    }

    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let line = index.line_of(report.source_span(diagnostic.span).start as usize);
        let mut covered = false;
        for code in directives.iter_mut().filter(|d| d.kind != Kind::Enable).flat_map(|d| d.codes.iter_mut())
        {
            if code.first <= line
                && line <= code.last
                && selector_matches(&code.selector, &diagnostic.code, &diagnostic.rule)
            {
                code.used = true;
                covered = true;
            }
        }
        if !covered {
            kept.push(diagnostic);
        }
    }

    let Some(meta) = crate::rules::find("XG007") else { return kept };
    if !settings.is_enabled(meta) {
        return kept;
    }
    for directive in directives.iter().filter(|d| d.kind != Kind::Enable) {
        let unused: Vec<&Code> =
            directive.codes.iter().filter(|c| !c.used && worth_reporting(c, settings)).collect();
        if unused.is_empty() {
            continue;
        }
        if unused.len() == directive.codes.len() {
            let names: Vec<&str> = unused.iter().map(|c| c.selector.as_str()).collect();
            let what = if directive.explicit { names.join(", ") } else { "ALL".to_string() };
            let span = text_span(report, directive.at.clone());
            let mut d = Diagnostic::new(
                meta,
                span,
                Text::new(
                    format!("抑制注释没有抑制任何诊断：{what}"),
                    format!("Unused suppression: {what} suppresses nothing"),
                ),
            )
            .with_help(Text::new("删除这条抑制注释", "remove the suppression comment"));
            let whole = whole_comment(source, directive.at.clone());
            if let Some(fix) = remove(report, whole).or_else(|| remove(report, directive.at.clone())) {
                d = d.with_fix(fix);
            }
            kept.push(d);
        } else {
            for code in unused {
                let span = text_span(report, code.at.clone());
                let mut d = Diagnostic::new(
                    meta,
                    span,
                    Text::new(
                        format!("抑制注释中的 {} 没有抑制任何诊断", code.selector),
                        format!("Unused suppression: {} suppresses nothing here", code.selector),
                    ),
                )
                .with_help(Text::new(
                    format!("从抑制注释中删除 {}", code.selector),
                    format!("remove {} from the suppression comment", code.selector),
                ));
                if let Some(fix) = remove(report, code_with_separator(directive, code)) {
                    d = d.with_fix(fix);
                }
                kept.push(d);
            }
        }
    }
    kept
}

/// Report an unused code only if it names an enabled rule that runs on the report alone, or no
/// rule at all (a typo). Whether a cross-file rule (XG7) finds anything depends on the other
/// reports of the run (a report checked without last year's cannot be compared), so a code
/// naming only such rules is never reported unused.
fn worth_reporting(code: &Code, settings: &Settings) -> bool {
    let mut known = false;
    for rule in crate::rules::all() {
        let meta = rule.meta();
        if selector_matches(&code.selector, meta.code, meta.name) {
            if settings.is_enabled(meta) && !cross_file(meta.code) {
                return true;
            }
            known = true;
        }
    }
    !known
}

/// Whether `code` is a rule of the cross-file pass (family XG7, [`crate::series::check`]).
pub(crate) fn cross_file(code: &str) -> bool {
    crate::rules::series::RULES.iter().any(|r| r.meta().code == code)
}

/// A fix deleting `range` of the source, as an edit of the text that `fix` maps back to the source.
/// With a separate source (Markdown), the text may have no offset for the range's end (a blank line
/// after the comment is a line break the text adds): the edit then runs on to the next offset the
/// text has and puts back the source between the two. `None` when the range's start is not in the
/// text (an HTML comment).
fn remove(report: &Report, range: Range<usize>) -> Option<Fix> {
    let (span, replacement) = if report.source.is_none() {
        (Span::new(range.start, range.end), String::new())
    } else {
        let start = text_offset(report, range.start);
        if report.map.to_source(start as u32) as usize != range.start {
            return None;
        }
        let end = (start..=report.text.len())
            .filter(|&t| report.text.is_char_boundary(t))
            .find(|&t| report.map.to_source(t as u32) as usize >= range.end)?;
        let reached = report.map.to_source(end as u32) as usize;
        (Span::new(start, end), report.source().get(range.end..reached)?.to_string())
    };
    Some(Fix { edits: vec![Edit { span, replacement }], applicability: Applicability::Safe })
}

/// The comment, with its whole line when nothing else is on it, else with the blanks before it.
fn whole_comment(text: &str, at: Range<usize>) -> Range<usize> {
    let line_start = text[..at.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at.end..].find('\n').map_or(text.len(), |i| at.end + i);
    let before = &text[line_start..at.start];
    let after = &text[at.end..line_end];
    if before.trim().is_empty() && after.trim().is_empty() {
        let end = if line_end < text.len() { line_end + 1 } else { line_end };
        return line_start..end;
    }
    let blanks = before.len() - before.trim_end().len();
    at.start - blanks..at.end
}

/// A code of a list with the separator that joins it to its neighbour.
fn code_with_separator(directive: &Directive, code: &Code) -> Range<usize> {
    let i = directive.codes.iter().position(|c| c.at == code.at).unwrap_or(0);
    match (i.checked_sub(1).and_then(|p| directive.codes.get(p)), directive.codes.get(i + 1)) {
        (Some(previous), _) => previous.at.end..code.at.end,
        (None, Some(next)) => code.at.start..next.at.start,
        (None, None) => code.at.clone(),
    }
}

/// A span of the report's text for a position in its source (exact for plain text; for a
/// separate source, the text nearest after it).
fn text_span(report: &Report, at: Range<usize>) -> Span {
    if report.source.is_none() {
        return Span::new(at.start, at.end);
    }
    let start = text_offset(report, at.start);
    Span::new(start, text_end(report, at.end).max(start))
}

/// The text offset for a source position that ends a span: inside or at the end of a piece copied
/// byte for byte (a Markdown comment), else as [`text_offset`].
fn text_end(report: &Report, source: usize) -> usize {
    let s = source as u32;
    report
        .map
        .segments
        .iter()
        .find(|g| g.text.len() == g.source.len() && g.source.start < s && s <= g.source.end)
        .map_or_else(|| text_offset(report, source), |g| (g.text.start + (s - g.source.start)) as usize)
}

fn text_offset(report: &Report, source: usize) -> usize {
    let source = source as u32;
    for segment in &report.map.segments {
        if segment.source.end > source {
            if segment.source.start <= source && segment.text.len() == segment.source.len() {
                return (segment.text.start + (source - segment.source.start)) as usize;
            }
            return segment.text.start as usize;
        }
    }
    (source as usize).min(report.text.len())
}

/// Every directive of `text`, `enable`s resolved into the ranges of the `disable`s they close.
fn parse(text: &str, index: &LineIndex) -> Vec<Directive> {
    let mut found: Vec<Directive> = Vec::new();
    for caps in DIRECTIVE.captures_iter(text) {
        let (Some(all), Some(kind), Some(list)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
        let kind = match kind.as_str() {
            "disable" => Kind::Disable,
            "enable" => Kind::Enable,
            _ => Kind::NextLine,
        };
        let (first, last) = match kind {
            Kind::NextLine => {
                let next = index.line_of(all.end()) + 1;
                (next, next)
            }
            _ => (index.line_of(all.start()), usize::MAX),
        };
        found.push(directive(kind, all.range(), list.start(), list.as_str(), first, last));
    }
    for caps in IGNORE.captures_iter(text) {
        let (Some(all), Some(list)) = (caps.get(0), caps.get(1)) else { continue };
        let line = index.line_of(all.start());
        let line_start = index.line_start(line);
        let line_end = text[all.end()..].find('\n').map_or(text.len(), |i| all.end() + i);
        let alone = text[line_start..all.start()]
            .chars()
            .chain(text[all.end()..line_end].chars())
            .all(is_comment_punct);
        let last = if alone { line + 1 } else { line };
        found.push(directive(Kind::Ignore, all.range(), list.start(), list.as_str(), line, last));
    }
    found.sort_by_key(|d| d.at.start);
    close_ranges(&mut found, index);
    found
}

fn is_comment_punct(c: char) -> bool {
    c.is_whitespace() || "<!->#/%*;".contains(c)
}

fn directive(
    kind: Kind,
    at: Range<usize>,
    list_start: usize,
    list: &str,
    first: usize,
    last: usize,
) -> Directive {
    let mut codes: Vec<Code> = CODE
        .find_iter(list)
        .map(|m| Code {
            selector: m.as_str().to_string(),
            at: list_start + m.start()..list_start + m.end(),
            first,
            last,
            used: false,
        })
        .collect();
    let explicit = !codes.is_empty();
    if !explicit {
        codes.push(Code { selector: "ALL".to_string(), at: at.clone(), first, last, used: false });
    }
    Directive { kind, at, codes, explicit }
}

/// An `enable` ends, at its own line, every open `disable` of the same code before it (or of
/// every code, for an `enable` without codes).
fn close_ranges(directives: &mut [Directive], index: &LineIndex) {
    for i in 0..directives.len() {
        if directives[i].kind != Kind::Enable {
            continue;
        }
        let line = index.line_of(directives[i].at.start);
        let selectors: Vec<String> = if directives[i].explicit {
            directives[i].codes.iter().map(|c| c.selector.clone()).collect()
        } else {
            Vec::new()
        };
        for earlier in directives[..i].iter_mut().filter(|d| d.kind == Kind::Disable) {
            for code in earlier.codes.iter_mut().filter(|c| c.last == usize::MAX) {
                if selectors.is_empty() || selectors.contains(&code.selector) {
                    code.last = line;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
