//! XG702 copied-previous-year: sections nearly the same as last year's, and sentences that still name last year.
use super::year_zh;
use crate::series::{similarity, Facts};
use crate::{declare_rule, Checker, Diagnostic, Options, Rule, RuleMeta, Text};
use std::collections::HashSet;
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 与同一机关上一年度的报告对照，找出沿用上年报告的两种痕迹：
    /// 1. 某一部分的文字与上年报告的同一部分几乎相同。比较时去掉表格、标点和空白，把数字
    ///    （包括年份）一律看作相同，所以只改了数字和年份的段落也算相同；相似度为两部分
    ///    四字片段集合的重合程度（Jaccard），达到 `copy-similarity`（默认 0.8）即报告，
    ///    并给出相似度。过短的部分（如"无。"）不比较。
    /// 2. 本年报告中的某一句与上年报告中的一句一字不差，且仍写着上一年的年份。
    ///
    /// 诊断指向本年报告中的位置，并给出上年报告中对应的位置。
    /// ## 为什么
    /// 年度报告应当报告本年度的工作。照抄上年报告、只改数字，读者看不到本年的真实情况；
    /// 沿用的句子里留下的上年年份，更会让读者把上年的情况当成本年的。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第四十九条、第五十条；国办公开办函〔2021〕30号格式。
    /// ## 示例
    /// ```text
    /// 2022年度报告：五、存在的主要问题及改进情况　一是公开内容不够全面……
    /// 2023年度报告：五、存在的主要问题及改进情况　一是公开内容不够全面……（逐字相同）
    /// ```
    /// ## 修复
    /// 按本年度的实际工作重写相同的部分；改正或删去仍写着上一年的句子。
    /// ## 配置
    /// `[settings] copy-similarity = 0.9`：相似度达到多少算作沿用（0 到 1）。
    /// ## English
    /// Compares a report with last year's report of the same issuer and flags two traces of
    /// copying: a section whose prose is nearly the same as last year's (tables, punctuation and
    /// whitespace dropped, every number and year read as the same; similarity is the Jaccard
    /// overlap of 4-character shingles, reported at or above `copy-similarity`, default 0.8; very
    /// short sections are skipped), and a sentence that is word for word one of last year's and
    /// still names last year. Both point at this year's text and at last year's. Fix: rewrite the
    /// section for this year; correct or drop the stale sentence.
    pub COPIED_PREVIOUS_YEAR = { code: "XG702", name: "copied-previous-year", severity: Warning, since: "0.2.0" }
}

/// The rule.
pub(crate) struct CopiedPreviousYear;

impl Rule for CopiedPreviousYear {
    fn meta(&self) -> &'static RuleMeta {
        &COPIED_PREVIOUS_YEAR
    }
    // Cross-file: `crate::series::check` calls [`check`] with last year's facts.
    fn check(&self, _report: &Report, _cx: &mut Checker<'_>) {}
}

/// Compare `current`'s prose with `previous`'s.
pub(crate) fn check(current: &Facts, previous: &Facts, options: &Options, out: &mut Vec<Diagnostic>) {
    let path = &previous.path;
    let year = year_zh(previous.year);
    for this in current.sections.iter().filter(|s| s.shingles >= crate::series::MIN_SHINGLES) {
        let Some(last) =
            previous.sections.iter().find(|s| s.key == this.key && s.shingles >= crate::series::MIN_SHINGLES)
        else {
            continue;
        };
        let sim = similarity(this, last);
        if sim < options.copy_similarity {
            continue;
        }
        let pct = (sim * 100.0).floor() as u32;
        let (num, title) = (this.key.number(), this.key.canonical_title());
        out.push(
            Diagnostic::new(
                &COPIED_PREVIOUS_YEAR,
                this.heading.span,
                Text::new(
                    format!("第{num}部分\"{title}\"与上年报告 {path} 的同一部分相似度为{pct}%"),
                    format!("Section {num} ({title}) is {pct}% similar to the same section of last year's report {path}"),
                ),
            )
            .with_help(Text::new(
                "按本年度的实际工作重写这一部分，不要沿用上年报告的文字",
                "Rewrite this section for this year's work instead of reusing last year's text",
            ))
            .with_related(last.heading.related(
                path,
                Text::new(format!("{year}报告的第{num}部分"), format!("section {num} of last year's report")),
            )),
        );
    }
    let (Some(y), Some(last_year)) = (current.year, previous.year) else { return };
    let mut seen = HashSet::new();
    for this in &current.sentences {
        let Some(at) = &this.last_year else { continue };
        let Some(there) =
            previous.sentences.iter().find(|s| s.hash == this.hash).and_then(|s| s.own_year.as_ref())
        else {
            continue;
        };
        if !seen.insert(this.hash) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &COPIED_PREVIOUS_YEAR,
                at.span,
                Text::new(
                    format!("此句与上年报告 {path} 中的一句相同，仍写着{}年", y - 1),
                    format!(
                        "This sentence is word for word one of last year's report {path} and still names {}",
                        y - 1
                    ),
                ),
            )
            .with_help(Text::new(
                format!("改为{y}年的情况，或删去沿用的句子"),
                format!("State {y}'s facts, or drop the copied sentence"),
            ))
            .with_related(there.related(
                path,
                Text::new(format!("{last_year}年度报告中的同一句"), "the same sentence last year"),
            )),
        );
    }
}
