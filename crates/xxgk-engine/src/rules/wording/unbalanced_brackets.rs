//! XG604 unbalanced-brackets: （ without ）, 《 without 》, and the like.
use crate::rules::wording::phrases::{chars_after, chars_before};
use crate::rules::wording::web_chrome::{chrome_spans, WEB_CHROME};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span, TableKey};

declare_rule! {
    /// ## 检查内容
    /// 括号和引号是否成对：（）与 ()（全角、半角可以互相配对）、《》、【】、“”。报告每一个落单的
    /// 左括号或右括号的确切位置，并引出它前后的文字。
    /// 括号可以跨行配对（网页表格把一句话拆成几行时常见），但最多跨 4 行。
    /// 不检查的地方：识别出的表格内部（行名是格式原文，提取时常丢字，表格问题由 XG003 等规则负责）；
    /// XG601 报告的网页残留文字；行首或句首的序号“1）”“四)”“a)”（列举的写法，不是落单）；
    /// 文号的六角括号〔〕（由 XG606 检查）。
    /// ## 为什么
    /// 落单的括号多半是删改时漏删或漏补，可能丢了内容，也让法规名称、文号难以辨认。
    /// ## 依据
    /// GB/T 15834-2011《标点符号用法》：括号、书名号、引号成对使用。
    /// ## 示例
    /// ```text
    /// 根据《中华人民共和国政府信息公开条例》（以下简称《条例》规定……   ← “（”没有对应的“）”
    /// ```
    /// ## 修复
    /// 补上缺少的一半，或删去多余的一半。
    /// ## English
    /// Fires on each unmatched opening or closing bracket or quote — （） and () (either width pairs
    /// with either), 《》, 【】, “” — at its exact position, quoting the text around it. Pairs may
    /// span up to 4 lines. Not checked: inside recognised tables (template labels, XG003's domain),
    /// XG601's page furniture, list markers such as 1） or 四) at the start of a line or clause,
    /// and 〔〕 (XG606's). Fix: add the missing half or delete the stray one.
    pub UNBALANCED_BRACKETS = { code: "XG604", name: "unbalanced-brackets", severity: Warning, since: "0.1.0" }
}

/// XG604.
pub(crate) struct UnbalancedBrackets;

/// Opening and closing characters of each family; family 0 is the parenthesis in both widths.
const OPEN: &[(char, usize)] = &[('（', 0), ('(', 0), ('《', 1), ('【', 2), ('“', 3)];
const CLOSE: &[(char, usize)] = &[('）', 0), (')', 0), ('》', 1), ('】', 2), ('”', 3)];
/// What closes / opens each family, for messages.
const CLOSER_OF: [&str; 4] = ["）", "》", "】", "”"];
const OPENER_OF: [&str; 4] = ["（", "《", "【", "“"];
/// A pair may span this many lines.
const MAX_LINES: usize = 4;

/// An unmatched bracket: where, which character, whether it opens.
#[derive(Debug, PartialEq, Eq)]
struct Stray {
    at: usize,
    ch: char,
    family: usize,
    opens: bool,
}

/// Whether the closer at `at` ends a list marker (1） 四) a) at the start of a line or clause).
fn list_marker(text: &str, at: usize) -> bool {
    let head = &text[..at];
    let marker =
        head.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c));
    let len = head.len() - marker.len();
    if len == 0 || head[marker.len()..].chars().count() > 3 {
        return false;
    }
    marker
        .trim_end_matches([' ', '\t', '\u{3000}'])
        .chars()
        .next_back()
        .is_none_or(|c| "\n。；;：:，,".contains(c))
}

/// Unmatched brackets of `text`, skipping the byte ranges in `skip` (sorted).
fn strays(text: &str, skip: &[Span]) -> Vec<Stray> {
    let mut out = Vec::new();
    // Open brackets: (offset, char, family, line).
    let mut stack: Vec<(usize, char, usize, usize)> = Vec::new();
    let mut line = 0;
    let mut skip_at = 0;
    for (i, c) in text.char_indices() {
        while skip_at < skip.len() && (skip[skip_at].end as usize) <= i {
            skip_at += 1;
        }
        if skip.get(skip_at).is_some_and(|s| (s.start as usize) <= i) {
            continue;
        }
        if c == '\n' {
            line += 1;
            // Openers older than MAX_LINES lines will not be closed any more.
            stack.retain(|&(at, ch, family, l)| {
                let keep = line - l <= MAX_LINES;
                if !keep {
                    out.push(Stray { at, ch, family, opens: true });
                }
                keep
            });
            continue;
        }
        if let Some(&(_, family)) = OPEN.iter().find(|(o, _)| *o == c) {
            stack.push((i, c, family, line));
        } else if let Some(&(_, family)) = CLOSE.iter().find(|(o, _)| *o == c) {
            match stack.iter().rposition(|&(_, _, f, _)| f == family) {
                Some(pos) => {
                    for (at, ch, family, _) in stack.drain(pos + 1..) {
                        out.push(Stray { at, ch, family, opens: true });
                    }
                    stack.pop();
                }
                None if family == 0 && list_marker(text, i) => {}
                None => out.push(Stray { at: i, ch: c, family, opens: false }),
            }
        }
    }
    out.extend(stack.into_iter().map(|(at, ch, family, _)| Stray { at, ch, family, opens: true }));
    out.sort_by_key(|s| s.at);
    out
}

impl Rule for UnbalancedBrackets {
    fn meta(&self) -> &'static RuleMeta {
        &UNBALANCED_BRACKETS
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let text = &report.text;
        let mut skip: Vec<Span> =
            TableKey::ALL.iter().filter_map(|&k| report.tables.get(k)).map(|t| t.span).collect();
        // Page furniture is XG601's: one cause, one diagnostic.
        if cx.is_enabled(&WEB_CHROME) {
            skip.extend(chrome_spans(report, &cx.settings().options.web_chrome));
        }
        skip.sort();
        for s in strays(text, &skip) {
            let span = Span::new(s.at, s.at + s.ch.len_utf8());
            let line_end = |t: &str| t.split('\n').next().unwrap_or("").to_string();
            let (zh, en) = if s.opens {
                let ctx = line_end(chars_after(text, s.at, 16));
                let close = CLOSER_OF[s.family];
                (
                    format!("“{}”没有对应的“{close}”：“{ctx}”", s.ch),
                    format!("Unmatched “{}” with no closing “{close}”: “{ctx}”", s.ch),
                )
            } else {
                let before = chars_before(text, s.at, 15);
                let ctx = format!("{}{}", before.rsplit('\n').next().unwrap_or(""), s.ch);
                let open = OPENER_OF[s.family];
                (
                    format!("“{}”没有对应的“{open}”：“{ctx}”", s.ch),
                    format!("Unmatched “{}” with no opening “{open}”: “{ctx}”", s.ch),
                )
            };
            let help = if s.opens {
                Text::new(
                    format!("补上“{}”，或删去多余的“{}”", CLOSER_OF[s.family], s.ch),
                    format!("Add the closing “{}” or delete the stray “{}”", CLOSER_OF[s.family], s.ch),
                )
            } else {
                Text::new(
                    format!("补上“{}”，或删去多余的“{}”", OPENER_OF[s.family], s.ch),
                    format!("Add the opening “{}” or delete the stray “{}”", OPENER_OF[s.family], s.ch),
                )
            };
            cx.report(Diagnostic::new(&UNBALANCED_BRACKETS, span, Text::new(zh, en)).with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(usize, char)> {
        strays(text, &[]).into_iter().map(|s| (text[..s.at].chars().count(), s.ch)).collect()
    }

    #[test]
    fn pairs_match_across_widths_and_lines() {
        assert_eq!(found("根据《条例》（国务院令第711号)规定"), vec![]);
        assert_eq!(found("(本列数据的勾稽关系为:\n\n第一项加第二项之和\n\n加第四项之和)"), vec![]);
        assert_eq!(found("“三安全一稳定”"), vec![]);
    }

    #[test]
    fn strays_are_located() {
        assert_eq!(found("根据《条例》（以下简称《条例》规定。"), vec![(6, '（')]);
        assert_eq!(found("等于第三项加第四项之和)"), vec![(11, ')')]);
        assert_eq!(found("《条例（试行）规定"), vec![(0, '《')]);
        assert_eq!(found("甲（\n1\n2\n3\n4\n5\n乙）"), vec![(1, '（'), (14, '）')]);
    }

    #[test]
    fn list_markers_are_not_strays() {
        assert_eq!(found("四)无法提供"), vec![]);
        assert_eq!(found("工作如下：1）主动公开；2）依申请公开"), vec![]);
        assert_eq!(found("a) 第一项"), vec![]);
        assert_eq!(found("第三项加第四项)"), vec![(7, ')')]);
    }
}
