//! Finding repeated text: the whole report pasted twice, or a section whose heading and body
//! repeat. Shared by XG005 (which reports it) and XG102 (which stays silent for it).
use std::collections::HashSet;
use xxgk_model::{Report, Span};

/// A non-empty line of the text, normalised for comparison.
struct Line {
    span: Span,
    norm: String,
}

/// Drop whitespace and fold full-width punctuation, so re-flowed copies still compare equal.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            '。' => '.',
            c => c,
        })
        .collect()
}

fn lines(text: &str, within: Span) -> Vec<Line> {
    let mut out = Vec::new();
    let mut offset = within.start as usize;
    let body = text.get(within.range()).unwrap_or("");
    for line in body.split_inclusive('\n') {
        let norm = normalise(line);
        if !norm.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let start = offset + lead;
            out.push(Line { span: Span::new(start, (offset + line.trim_end().len()).max(start)), norm });
        }
        offset += line.len();
    }
    out
}

/// The share (0–1) of `a`'s lines that also occur in `b`.
fn coverage(a: &[Line], b: &[Line]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let set: HashSet<&str> = b.iter().map(|l| l.norm.as_str()).collect();
    a.iter().filter(|l| set.contains(l.norm.as_str())).count() as f64 / a.len() as f64
}

/// Both ways at least this much in common: the same text up to a stray line or two.
const SAME: f64 = 0.85;
/// A whole-report copy has at least this many lines.
const MIN_COPY_LINES: usize = 5;
/// First lines tried as the start of the first copy.
const CANDIDATES: usize = 30;

/// The report text appearing twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WholeCopy {
    /// The first line of the first copy.
    pub first: Span,
    /// The first line of the second copy.
    pub second: Span,
    /// Where the second copy starts (repeated headings from here on belong to it).
    pub second_start: u32,
    /// Non-empty lines in the first copy.
    pub lines: usize,
}

/// A section whose heading and body both repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SectionCopy {
    /// Index into `report.headings` of the first occurrence.
    pub first: usize,
    /// Index of the repeat.
    pub second: usize,
}

/// What repeats in a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Duplication {
    /// The whole text pasted twice.
    pub whole: Option<WholeCopy>,
    /// Sections repeated outside a whole copy.
    pub sections: Vec<SectionCopy>,
}

impl Duplication {
    /// Whether the heading at index `i` of `report.headings` repeats as part of duplicated content.
    pub(crate) fn covers_heading(&self, report: &Report, i: usize) -> bool {
        let Some(h) = report.headings.get(i) else { return false };
        self.whole.is_some_and(|w| h.span.start >= w.second_start)
            || self.sections.iter().any(|s| s.second == i)
    }
}

/// The whole text twice: a line near the top whose next occurrence starts a block with the same
/// lines as the block before it.
fn whole_copy(report: &Report) -> Option<WholeCopy> {
    let all = lines(&report.text, report.full_span());
    let mut starts: Vec<usize> = (0..all.len().min(CANDIDATES)).collect();
    // Also the line of the first heading that repeats (a long introduction pushes it down).
    if let Some(h) = first_repeated_heading(report).and_then(|(a, _)| report.headings.get(a)) {
        if let Some(i) = all.iter().position(|l| l.span.contains(h.span) || h.span.contains(l.span)) {
            starts.push(i);
        }
    }
    for i in starts {
        if all[i].norm.chars().count() < 4 {
            continue;
        }
        let Some(j) = (i + MIN_COPY_LINES..all.len()).find(|&j| all[j].norm == all[i].norm) else { continue };
        let (a, b) = (&all[i..j], &all[j..]);
        if coverage(a, b) >= SAME && coverage(b, a) >= SAME {
            let (mut i, mut j) = (i, j);
            while i > 0 && j > i + MIN_COPY_LINES && all[i - 1].norm == all[j - 1].norm {
                i -= 1;
                j -= 1;
            }
            return Some(WholeCopy {
                first: all[i].span,
                second: all[j].span,
                second_start: all[j].span.start,
                lines: j - i,
            });
        }
    }
    None
}

/// The first heading (by index) whose section was already seen, and that first occurrence.
fn first_repeated_heading(report: &Report) -> Option<(usize, usize)> {
    repeats(report).next()
}

/// Every repeated heading: (index of first occurrence, index of the repeat).
fn repeats(report: &Report) -> impl Iterator<Item = (usize, usize)> + '_ {
    report.headings.iter().enumerate().filter_map(|(i, h)| {
        let first = report.headings[..i].iter().position(|p| p.key == h.key)?;
        Some((first, i))
    })
}

/// The body of the heading at index `i`: to the next heading, or the end.
fn body_of(report: &Report, i: usize) -> Span {
    let start = report.headings[i].span.end as usize;
    let end = report.headings.get(i + 1).map_or(report.text.len(), |n| n.span.start as usize);
    Span::new(start, end.max(start))
}

/// Non-empty lines in the body of the heading at index `i`.
fn a_len(report: &Report, i: usize) -> usize {
    lines(&report.text, body_of(report, i)).len()
}

/// Analyse `report` for repeated content.
pub(crate) fn duplication(report: &Report) -> Duplication {
    let whole = whole_copy(report);
    let mut sections = Vec::new();
    for (first, second) in repeats(report) {
        if whole.is_some_and(|w| report.headings[second].span.start >= w.second_start) {
            continue;
        }
        let a = lines(&report.text, body_of(report, first));
        let b = lines(&report.text, body_of(report, second));
        // The repeat may run on into what follows it (the signature after a last section):
        // compare the first copy with as many lines of the repeat.
        let n = a.len().min(b.len());
        let (a, b) = (&a[..n], &b[..n]);
        if n > 0
            && n as f64 >= SAME * a_len(report, first) as f64
            && coverage(a, b) >= SAME
            && coverage(b, a) >= SAME
        {
            sections.push(SectionCopy { first, second });
        }
    }
    Duplication { whole, sections }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::{report, six};

    #[test]
    fn whole_copy_found_despite_whitespace_and_a_stray_line() {
        let one = six(["总体 内容", "表二", "表三", "表四", "问题", "无"]);
        let text = format!(
            "标题2023年报告\n浏览次数: 5\n{one}\n落款\n\n标题2023年报告\n{}",
            one.replace('\n', "\n\n")
        );
        let r = report(&text);
        let d = duplication(&r);
        let w = d.whole.expect("whole copy");
        assert_eq!(r.slice(w.first), "标题2023年报告");
        assert_eq!(w.first.start, 0);
        assert_eq!(w.second_start as usize, text.rfind("标题2023年报告").unwrap());
        assert!(d.sections.is_empty());
        // Every repeated heading belongs to the second copy.
        assert!((6..12).all(|i| d.covers_heading(&r, i)));
        assert!(!d.covers_heading(&r, 0));
    }

    #[test]
    fn repeated_section_with_same_body_is_a_section_copy() {
        let mut text = six(["甲", "乙", "丙", "丁", "戊", "己"]);
        text.push_str("五、存在的主要问题及改进情况\n戊\n");
        let r = report(&text);
        let d = duplication(&r);
        assert_eq!(d.whole, None);
        assert_eq!(d.sections, vec![SectionCopy { first: 4, second: 6 }]);
    }

    #[test]
    fn repeated_last_section_followed_by_the_signature_is_a_section_copy() {
        let mut text = six(["甲", "乙", "丙", "丁", "戊一段\n戊二段", "己"]);
        text.push_str("五、存在的主要问题及改进情况\n戊一段\n戊二段\n\n某局\n2024年1月20日\n");
        let d = duplication(&report(&text));
        assert_eq!(d.sections, vec![SectionCopy { first: 4, second: 6 }]);
        // A repeat that keeps only the first of two paragraphs is not a copy.
        let mut text = six(["甲", "乙", "丙", "丁", "戊一段\n戊二段", "己"]);
        text.push_str("五、存在的主要问题及改进情况\n戊一段\n");
        assert!(duplication(&report(&text)).sections.is_empty());
    }

    #[test]
    fn repeated_heading_with_other_body_is_not_duplicated_content() {
        let mut text = six(["甲", "乙", "丙", "丁", "戊", "己"]);
        text.push_str("五、存在的主要问题及改进情况\n另一段话\n");
        let d = duplication(&report(&text));
        assert_eq!(d, Duplication::default());
    }

    #[test]
    fn a_normal_report_has_no_duplication() {
        let d = duplication(&report(&six(["一段", "二段", "三段", "四段", "五段", "六段"])));
        assert_eq!(d, Duplication::default());
    }
}
