//! XG007 unused-suppression: an inline suppression or a baseline entry that matches no finding.
use crate::{declare_rule, Checker, Rule, RuleMeta};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 抑制注释（`<!-- xxgk-disable XG405 -->`、`<!-- xxgk-disable-next-line XG405 -->`、
    /// `xxgk: ignore[XG601]`）或基线文件中的条目没有抑制任何诊断。
    ///
    /// ## 为什么
    /// 问题修好以后，留下的抑制注释会悄悄挡住以后同一位置出现的新问题；基线条目过期也一样。
    /// 删掉不再需要的抑制，检查才能保持有效（与 ruff 的 RUF100 相同）。
    ///
    /// ## 依据
    /// xxgk 自身的约定，不是《政府信息公开条例》的要求。
    ///
    /// ## 示例
    /// ```text
    /// 本年度未收取信息处理费。 xxgk: ignore[XG601]
    /// ```
    /// 这一行没有 XG601 所指的网页残留文字，注释没有用处。
    ///
    /// ## 修复
    /// 删除这条注释（`--fix` 可以自动删除），或删除注释中不再需要的规则代码；
    /// 基线条目过期时，用 `xxgk check --write-baseline` 重新生成基线。
    ///
    /// ## 配置
    /// 抑制写法：`<!-- xxgk-disable CODE -->` 到文件末尾或到 `<!-- xxgk-enable CODE -->`；
    /// `<!-- xxgk-disable-next-line CODE -->` 只管下一行；`xxgk: ignore[CODE, …]` 管它所在的行，
    /// 这一行除了注释没有别的文字时，也管下一行。CODE 可以是代码（XG601）、族（XG6）或规则名。
    /// 只针对跨年度规则（XG7）的抑制或基线条目不报告为未使用：单独检查一份报告、没有上年报告可比时，
    /// 这些规则本来就没有结果。
    ///
    /// ## English
    /// An inline suppression (`<!-- xxgk-disable XG405 -->`, `<!-- xxgk-disable-next-line XG405 -->`,
    /// `xxgk: ignore[XG601]`) or a baseline entry that suppresses no finding. A stale suppression
    /// hides the next real problem at that place, so remove it (like ruff's RUF100). Example: a line
    /// with `xxgk: ignore[XG601]` but no page furniture on it. Fix: delete the comment (`--fix` does),
    /// or the code in it that is no longer needed; regenerate a stale baseline with
    /// `xxgk check --write-baseline`. `xxgk-disable` lasts to the end of the file or the matching
    /// `xxgk-enable`; `xxgk-disable-next-line` covers the next line; `xxgk: ignore[…]` covers its own
    /// line, and the next one too when nothing else is on its line. Codes may be families or names.
    /// A suppression or baseline entry naming only cross-year rules (XG7) is never reported: checked
    /// without last year's report, those rules have nothing to find.
    pub UNUSED_SUPPRESSION = { code: "XG007", name: "unused-suppression", severity: Warning, since: "0.1.0", fixable: true }
}

/// XG007. The engine itself reports it, after the other rules ran and suppressions applied
/// (`crate::suppress`, `crate::baseline`); the rule exists for selection, severity and `explain`.
pub(crate) struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &UNUSED_SUPPRESSION
    }
    fn check(&self, _report: &Report, _cx: &mut Checker<'_>) {}
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        // Run with XG007 alone: a code naming a rule that is not enabled is not reported
        // (XG007_clean), an unknown one and an enabled one that covers nothing are.
        insta::glob!("fixtures/XG007_*", |p| insta::assert_snapshot!(crate::test::check_and_render(p)));
    }
}
