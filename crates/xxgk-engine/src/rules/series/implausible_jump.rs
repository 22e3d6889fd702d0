//! XG703 implausible-jump: a key figure changes from last year by more than a pack's factor (off by default).
use crate::series::{number, Facts};
use crate::{declare_rule, Checker, Diagnostic, Options, Rule, RuleMeta, Text};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 与同一机关上一年度的报告对照，关键数字（本年新收申请、办理结果总计、结转下年度、
    /// 行政复议、行政诉讼，均为总计）变化是否超过 `jump-factor` 倍（默认 10）：较大的一年
    /// 不少于较小一年的 `jump-factor` 倍（较小一年为 0 时按 1 计），且不少于 10 件。
    /// 默认不启用；规则包或配置可以启用它并设定倍数。
    /// ## 为什么
    /// 数字可以大起大落，但多半事出有因（机构调整、专项工作）；没有说明的十倍变化，常常是
    /// 录入错误（多打一位、填错行）。这只是提示，请核对。
    /// ## 依据
    /// 国办公开办函〔2021〕30号格式表三、表四；各地对年度报告数据质量的审核要求。
    /// ## 示例
    /// ```text
    /// 2022年度报告：一、本年新收政府信息公开申请数量 …… 总计 12
    /// 2023年度报告：一、本年新收政府信息公开申请数量 …… 总计 150
    /// ```
    /// ## 修复
    /// 核对数字；变化属实的，在第一部分或第五部分说明原因。
    /// ## 配置
    /// `select = ["XG703"]` 或 `extend-select = ["XG703"]` 启用；`[settings] jump-factor = 5.0` 设定倍数。
    /// ## English
    /// Off by default. Compares key figures (new requests, outcomes in total, carried forward,
    /// administrative reviews, lawsuits; totals) with last year's report of the same issuer and
    /// flags a change by at least `jump-factor` (default 10) when the larger value is at least 10
    /// (a zero counts as 1). Enable with `extend-select = ["XG703"]`; set the factor with
    /// `[settings] jump-factor = 5.0`. Fix: check the figure; if it is right, explain the change.
    pub IMPLAUSIBLE_JUMP = { code: "XG703", name: "implausible-jump", severity: Info, since: "0.2.0", enabled_by_default: false }
}

/// The rule.
pub(crate) struct ImplausibleJump;

impl Rule for ImplausibleJump {
    fn meta(&self) -> &'static RuleMeta {
        &IMPLAUSIBLE_JUMP
    }
    // Cross-file: `crate::series::check` calls [`check`] with last year's facts.
    fn check(&self, _report: &Report, _cx: &mut Checker<'_>) {}
}

/// The figures compared.
const COMPARED: &[&str] = &["requests_new", "outcome_total", "carried_forward", "reviews", "lawsuits"];
/// A jump to or from fewer than this many is not reported, whatever the factor.
const MIN_LARGER: f64 = 10.0;

/// Compare `current`'s key figures with `previous`'s.
pub(crate) fn check(current: &Facts, previous: &Facts, options: &Options, out: &mut Vec<Diagnostic>) {
    let factor = options.jump_factor;
    if !(factor.is_finite() && factor > 1.0) {
        return;
    }
    for key in COMPARED {
        let (Some(this), Some(last)) = (current.figure(key), previous.figure(key)) else { continue };
        let (Some(a), Some(b), Some(at)) = (this.value, last.value, &this.at) else { continue };
        let (small, large) = if a < b { (a, b) } else { (b, a) };
        if large < MIN_LARGER || large < factor * small.max(1.0) {
            continue;
        }
        let (zh, en) = (this.spec.zh, this.spec.en);
        let (a, b, f, path) = (number(a), number(b), number(factor), &previous.path);
        let mut d = Diagnostic::new(
            &IMPLAUSIBLE_JUMP,
            at.span,
            Text::new(
                format!("{zh}由上年的{b}变为{a}，变化达{f}倍以上（上年报告 {path}）"),
                format!("{en} went from {b} last year to {a}, a change by a factor of {f} or more (last year's report {path})"),
            ),
        )
        .with_help(Text::new(
            "核对这一数字；变化属实的，在报告中说明原因",
            "Check the figure; if it is right, explain the change in the report",
        ));
        if let Some(there) = &last.at {
            d = d.with_related(
                there.related(path, Text::new(format!("上年{zh}为{b}"), format!("last year's {en}: {b}"))),
            );
        }
        out.push(d);
    }
}
