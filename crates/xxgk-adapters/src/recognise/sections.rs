//! Section headings: 一、总体情况 … 六、其他需要报告的事项, in any numbering style, at a line
//! start or inline (crawler pages put the whole body on one line).
use super::fold::Folded;
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Heading, Section, SectionKey, Span};

/// Distinctive words for a heading whose title is neither canonical nor a known variant; used
/// only when the heading starts a line and is short.
const KEYWORDS: [&[&str]; 6] = [
    &["总体情况", "总体"],
    &["主动公开"],
    &["依申请公开", "收到和处理"],
    &["行政复议", "行政诉讼"],
    &["主要问题", "存在问题", "存在的问题", "改进情况"],
    &["其他需要报告", "其它需要报告", "其他事项", "其他需报告"],
];

fn numeral_key(n: &str) -> Option<SectionKey> {
    let i = ["一", "二", "三", "四", "五", "六"].iter().position(|x| *x == n)?;
    Some(SectionKey::ALL[i])
}

/// Every section's canonical title and known variants, folded: found as literals (longest at
/// a place wins, so a variant that extends the canonical title wins), then [`exact_at`] reads
/// the numbering before each, as `(?:第)?\(?([一二三四五六])(?:\)|、|\.|:|部分)?(title)`.
static EXACT: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let titles: Vec<String> = SectionKey::ALL
        .iter()
        .flat_map(|k| std::iter::once(k.canonical_title()).chain(k.variants().iter().copied()))
        .map(super::fold::fold_str)
        .collect();
    AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(titles).unwrap()
});

/// The numbering before a title found at `title_at` in the folded text `hay`: where it starts
/// and its numeral, or `None` when no numeral precedes the title.
fn exact_at(hay: &str, title_at: usize) -> Option<(usize, &str)> {
    let before = &hay[..title_at];
    let before = [")", "、", ".", ":", "部分"].iter().find_map(|s| before.strip_suffix(s)).unwrap_or(before);
    let numeral =
        before.chars().next_back().filter(|c| matches!(c, '一' | '二' | '三' | '四' | '五' | '六'))?;
    let at = before.len() - numeral.len_utf8();
    let number = &hay[at..before.len()];
    let rest = &hay[..at];
    let rest = rest.strip_suffix('(').unwrap_or(rest);
    let rest = rest.strip_suffix('第').unwrap_or(rest);
    Some((rest.len(), number))
}

/// A short line: its title has at most [`LOOSE_CHARS`] characters (checked in code: a counted
/// repetition is compiled as that many copies of its class).
static LOOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?([一二三四五六])(?:\)|、|\.)(.{2,})$").unwrap());
const LOOSE_CHARS: usize = 40;

/// Inline, a heading worded otherwise still ends in 情况 / 事项 / 措施 within a short run: at
/// most [`INLINE_CHARS`] characters before the ending word (kept by `bounded::within`).
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\(?([一二三四五六])(?:\)|、|\.)([^。；;:：!?！？0-9()]{2}[^。；;:：!?！？0-9()]*?(?:情况|事项|措施))")
        .unwrap()
});
const INLINE_CHARS: usize = 28;

/// Compile the heading patterns now (see [`super::PREPARE`]).
pub(super) fn prepare() {
    LazyLock::force(&EXACT);
    LazyLock::force(&INLINE);
    LazyLock::force(&LOOSE);
}

/// Whether a match at original offset `at` may start a heading: at a line start, or after
/// whitespace, sentence punctuation or a table's digits (one-line pages).
fn starts_heading(text: &str, at: usize) -> bool {
    match text[..at].chars().next_back() {
        None => true,
        Some(c) => c.is_whitespace() || c.is_ascii_digit() || "。；;：:！!？?”\"|）)】>#*".contains(c),
    }
}

/// Whether the folded `line` starts as [`LOOSE`] needs (`(一)`, `一、`, `一.`): most lines do
/// not, and are then neither folded nor searched.
fn loose_start(line: &str) -> bool {
    let mut chars = line.chars().map(super::fold::fold_char).filter(|c| !super::fold::is_dropped(*c));
    let mut first = chars.next();
    if first == Some('(') {
        first = chars.next();
    }
    matches!(first, Some('一' | '二' | '三' | '四' | '五' | '六'))
        && matches!(chars.next(), Some(')' | '、' | '.'))
}

/// Every heading occurrence, in order.
pub fn find_headings(text: &str, folded: &Folded) -> Vec<Heading> {
    let mut out = Vec::new();
    for found in EXACT.find_iter(&folded.text) {
        let Some((at, number)) = exact_at(&folded.text, found.start()) else { continue };
        let start = folded.orig(at);
        if !starts_heading(text, start) || out.last().is_some_and(|h: &Heading| h.span.end as usize > start) {
            continue;
        }
        let Some(key) = numeral_key(number) else { continue };
        let title_folded = &folded.text[found.range()];
        let known = std::iter::once(key.canonical_title())
            .chain(key.variants().iter().copied())
            .any(|t| super::fold::fold_str(t) == title_folded);
        if !known {
            // The title belongs to another section's number (一、主动公开政府信息情况): not a heading.
            continue;
        }
        let canonical = super::fold::fold_str(key.canonical_title()) == title_folded;
        let end = folded.orig_end(found.end(), text);
        let t0 = folded.orig(found.start());
        out.push(Heading {
            key,
            number: number.to_string(),
            title: text[t0..end].to_string(),
            span: Span::new(start, end),
            canonical,
        });
    }
    // Headings worded otherwise (a typo, an extra word): inline, naming the section's topic.
    // The title with its two-character ending word: as `{2,28}?` would bound the gap.
    for caps in super::bounded::within(&INLINE, &folded.text, 2, INLINE_CHARS + 2) {
        let whole = caps.get(0).unwrap();
        let start = folded.orig(whole.start());
        if !starts_heading(text, start) || out.iter().any(|h| h.span.contains(Span::empty(start))) {
            continue;
        }
        let Some(key) = numeral_key(&caps[1]) else { continue };
        let title = &caps[2];
        if !KEYWORDS[key.index()].iter().any(|k| title.contains(k)) || title.contains("数量") {
            continue;
        }
        let end = folded.orig_end(whole.end(), text);
        let t0 = folded.orig(caps.get(2).unwrap().start());
        out.push(Heading {
            key,
            number: caps[1].to_string(),
            title: text[t0..end].to_string(),
            span: Span::new(start, end),
            canonical: false,
        });
    }
    // Headings worded otherwise: only a whole short line that names the section's topic.
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        let line_start = offset + lead;
        offset += line.len();
        if trimmed.is_empty() || out.iter().any(|h| h.span.contains(Span::empty(line_start))) {
            continue;
        }
        if !loose_start(trimmed) {
            continue;
        }
        let f = super::fold::fold_str(trimmed);
        let Some(caps) = LOOSE.captures(&f).filter(|c| c[2].chars().count() <= LOOSE_CHARS) else { continue };
        let Some(key) = numeral_key(&caps[1]) else { continue };
        let title = &caps[2];
        if !KEYWORDS[key.index()].iter().any(|k| title.contains(k)) || title.contains("数量") {
            continue;
        }
        let number_len = trimmed.find(&caps[1]).map_or(0, |i| i + caps[1].len());
        let title_start = trimmed[number_len..]
            .char_indices()
            .find(|(_, c)| !matches!(c, ')' | '）' | '、' | '.' | '．' | ' '))
            .map_or(number_len, |(i, _)| number_len + i);
        out.push(Heading {
            key,
            number: caps[1].to_string(),
            title: trimmed[title_start..].to_string(),
            span: Span::new(line_start, line_start + trimmed.len()),
            canonical: false,
        });
    }
    out.sort_by_key(|h| h.span.start);
    out
}

/// The sections: the first run of headings in order; a heading that goes back to a section
/// already seen starts a repeat of the text (a duplicated page), which ends the last section.
pub fn build_sections(text_len: usize, headings: &[Heading]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut end_of_report = text_len;
    for h in headings {
        if sections.iter().any(|s| s.key == h.key) {
            if sections.last().is_some_and(|s| h.key <= s.key) {
                end_of_report = h.span.start as usize;
                break;
            }
            continue;
        }
        sections.push(Section {
            key: h.key,
            number: h.number.clone(),
            title: h.title.clone(),
            heading: h.span,
            body: Span::empty(h.span.end as usize),
        });
    }
    let starts: Vec<usize> = sections.iter().map(|s| s.heading.start as usize).collect();
    for (i, s) in sections.iter_mut().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(end_of_report).max(s.heading.end as usize);
        s.body = Span::new(s.heading.end as usize, end);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbering_before_a_title() {
        for (m, number, title) in [
            ("第一部分总体情况", "一", "总体情况"),
            ("(二)主动公开政府信息情况", "二", "主动公开政府信息情况"),
            ("三、收到和处理政府信息公开申请情况", "三", "收到和处理政府信息公开申请情况"),
            ("六其他需要报告的事项", "六", "其他需要报告的事项"),
        ] {
            assert_eq!(exact_at(m, m.len() - title.len()), Some((0, number)), "{m}");
        }
        assert_eq!(exact_at("正文(一)总体情况", "正文(一)".len()), Some(("正文".len(), "一")));
        // No numeral, a numeral the template has no section for, or two separators: no heading.
        for (m, title) in
            [("的总体情况", "总体情况"), ("七、总体情况", "总体情况"), ("一)、总体情况", "总体情况")]
        {
            assert_eq!(exact_at(m, m.len() - title.len()), None, "{m}");
        }
    }

    /// The titles of the headings found in `text`, with whether each is canonical.
    fn titles(text: &str) -> Vec<(String, bool)> {
        find_headings(text, &Folded::new(text)).into_iter().map(|h| (h.title, h.canonical)).collect()
    }

    #[test]
    fn an_inline_heading_worded_otherwise_has_a_short_title() {
        // 收到和处理 … 申请 is 7 characters before 情况, plus the padding.
        let title = |n: usize| format!("收到和处理{}申请情况", "甲".repeat(n));
        let inline = |n: usize| format!("正文。三、{}正文。", title(n));
        assert_eq!(titles(&inline(28 - 7)), [(title(28 - 7), false)]);
        assert_eq!(titles(&inline(28 - 6)), []);
        // A run too long to be a heading hides none that starts within it.
        let inner = format!("正文。一、{} 三、{}。", "甲".repeat(40), title(0));
        assert_eq!(titles(&inner), [(title(0), false)]);
    }

    #[test]
    fn a_short_line_heading_has_at_most_forty_characters() {
        let line = |n: usize| format!("正文\n五、存在问题{}\n", "甲".repeat(n));
        assert_eq!(titles(&line(36)).len(), 1);
        assert_eq!(titles(&line(37)), []);
    }

    #[test]
    fn loose_start_is_what_loose_needs() {
        for line in ["(一)其他", "（二）其他", "三、其他", "四．其他", "五 、 x", "六|.abc"]
        {
            assert!(loose_start(line), "{line}");
        }
        for line in ["七、其他", "一其他", "((一)x", "", "(", "一", "本年度"] {
            assert!(!loose_start(line), "{line}");
        }
        // Whatever LOOSE matches passes the test first.
        for line in ["(一)总体情况", "二、主动公开政府信息情况", "三.收到和处理政府信息公开申请情况"]
        {
            assert!(LOOSE.is_match(&super::super::fold::fold_str(line)) && loose_start(line), "{line}");
        }
    }
}
