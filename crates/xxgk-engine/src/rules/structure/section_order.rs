//! XG102 section-order: sections out of the format's order, or repeated.
use crate::rules::reading::DUPLICATED_CONTENT;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 六个部分是否按格式顺序排列、每个部分是否只出现一次。顺序错乱时只报告错位的部分
    /// （保留最长的有序部分不动），并说明它应在哪一部分之后或之前。
    /// 全文或某部分整体重复时由 XG005 报告，本规则不再重复报告其中的标题。
    /// ## 为什么
    /// 固定的顺序让读者和汇总工具能在同一位置找到同一内容；重复的标题让人不知道哪一份有效。
    /// ## 依据
    /// 国办公开办函〔2021〕30号年度报告格式。
    /// ## 示例
    /// ```text
    /// 一、总体情况 … 二、主动公开政府信息情况 … 四、政府信息公开行政复议、行政诉讼情况 …
    /// 三、收到和处理政府信息公开申请情况 …     ← 应在第二部分之后、第四部分之前
    /// ```
    /// ## 修复
    /// 按一至六的顺序调整各部分；合并或删除重复的部分。
    /// ## English
    /// Fires for a section out of the format's order (only the misplaced ones, keeping the longest
    /// ordered run; the message says where it belongs) and for a section heading that repeats.
    /// Repeats that are part of duplicated content are XG005's. Fix: reorder the sections one to
    /// six; merge or delete the repeat.
    pub SECTION_ORDER = { code: "XG102", name: "section-order", severity: Warning, since: "0.1.0" }
}

/// XG102.
pub(crate) struct SectionOrder;

/// Indices of the items not in one longest strictly increasing subsequence of `seq`.
fn misplaced(seq: &[usize]) -> Vec<usize> {
    let n = seq.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if seq[j] < seq[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let Some(mut at) = (0..n).max_by_key(|&i| (len[i], std::cmp::Reverse(i))) else { return Vec::new() };
    let mut keep = vec![false; n];
    loop {
        keep[at] = true;
        if prev[at] == usize::MAX {
            break;
        }
        at = prev[at];
    }
    (0..n).filter(|&i| !keep[i]).collect()
}

impl Rule for SectionOrder {
    fn meta(&self) -> &'static RuleMeta {
        &SECTION_ORDER
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let order: Vec<usize> = report.sections.iter().map(|s| s.key.index()).collect();
        for i in misplaced(&order) {
            let s = &report.sections[i];
            let before = report
                .sections
                .iter()
                .filter(|o| o.key.index() < s.key.index())
                .max_by_key(|o| o.key.index());
            let after = report
                .sections
                .iter()
                .filter(|o| o.key.index() > s.key.index())
                .min_by_key(|o| o.key.index());
            let (zh, en) = match (before, after) {
                (Some(b), Some(a)) => (
                    format!("应在第{}部分之后、第{}部分之前", b.key.number(), a.key.number()),
                    format!(
                        "belongs after section {} and before section {}",
                        b.key.index() + 1,
                        a.key.index() + 1
                    ),
                ),
                (Some(b), None) => (
                    format!("应在第{}部分之后", b.key.number()),
                    format!("belongs after section {}", b.key.index() + 1),
                ),
                (None, Some(a)) => (
                    format!("应在第{}部分之前", a.key.number()),
                    format!("belongs before section {}", a.key.index() + 1),
                ),
                (None, None) => continue,
            };
            cx.report(
                Diagnostic::new(
                    &SECTION_ORDER,
                    s.heading,
                    Text::new(
                        format!("第{}部分“{}”顺序不对，{zh}", s.key.number(), s.title),
                        format!("Section {} “{}” is out of order: it {en}", s.key.index() + 1, s.title),
                    ),
                )
                .with_help(Text::new("按一至六的顺序排列各部分", "Put the sections in the order one to six")),
            );
        }
        // One cause, one diagnostic: repeats inside duplicated content are XG005's.
        let dup = if cx.is_enabled(&DUPLICATED_CONTENT) { Some(cx.duplication()) } else { None };
        for (i, h) in report.headings.iter().enumerate() {
            let Some(first) = report.headings[..i].iter().find(|p| p.key == h.key) else { continue };
            if dup.as_ref().is_some_and(|d| d.covers_heading(report, i)) {
                continue;
            }
            cx.report(
                Diagnostic::new(
                    &SECTION_ORDER,
                    h.span,
                    Text::new(
                        format!("第{}部分“{}”重复出现", h.key.number(), h.title),
                        format!("Section {} “{}” appears again", h.key.index() + 1, h.title),
                    ),
                )
                .with_label(first.span, Text::new("第一次出现", "first occurrence"))
                .with_help(Text::new("把两处内容合并到一个部分中", "Merge the two into one section")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::misplaced;

    #[test]
    fn misplaced_keeps_the_longest_ordered_run() {
        assert_eq!(misplaced(&[0, 1, 2, 3, 4, 5]), Vec::<usize>::new());
        assert_eq!(misplaced(&[0, 1, 3, 2, 4, 5]), vec![3]);
        assert_eq!(misplaced(&[5, 0, 1, 2, 3, 4]), vec![0]);
        assert_eq!(misplaced(&[1, 0]), vec![1]);
        assert_eq!(misplaced(&[]), Vec::<usize>::new());
    }
}
