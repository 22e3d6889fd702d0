//! XG705 rollup-mismatch: a government's report differs from the sum of its departments'
//! reports of the same year in the same run (which bodies report under which government: the
//! config's `[settings] rollup`).
use crate::series::{number, Facts, TABLE_CELLS};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, TableKey};

declare_rule! {
    /// ## 检查内容
    /// 配置 `[settings] rollup` 说明哪些部门在哪一级人民政府之下报告；该政府的年度报告汇总
    /// 这些部门的数字时，它的表格应等于同一年度各部门报告之和。比较的单元格：表二的每一格
    /// （规章、行政规范性文件的本年制发、本年废止、现行有效件数，行政许可、行政处罚、行政强制
    /// 的处理决定数量，行政事业性收费金额），表三"一、本年新收""二、上年结转""（七）总计"
    /// "四、结转下年度"的总计，表四行政复议、两类行政诉讼的总计。
    /// 只有本次检查包含该政府当年的一份报告、且包含所列每个部门当年的一份报告时才比较；
    /// 缺了任何一份（或某一份有两个版本），就不比较、也不报告。某个单元格所在的行在某份报告中
    /// 没有读到时，跳过这个单元格；有的报告仍用2019年旧格式、有的不是时，不比较表二。
    /// 诊断指向政府报告的单元格，并列出各部门报告中对应单元格的位置和数值。
    /// ## 为什么
    /// 县级以上人民政府部门的年度报告提交给本级政府信息公开工作主管部门，由它汇总编制本级
    /// 政府的年度报告；汇总表与部门报告之和不符，说明漏算、重算了某个部门，或某份报告的数字
    /// 有误。这类错误只有把一级政府和它的部门的报告放在一起才看得出来。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第四十九条（部门向本级政府信息公开工作主管部门提交
    /// 年度报告，主管部门公布本级政府的年度报告）；国办公开办函〔2021〕30号格式表二至表四。
    /// ## 示例
    /// ```toml
    /// [settings]
    /// rollup = [{ government = "某县人民政府", departments = ["某县财政局", "某县教育局"] }]
    /// ```
    /// ```text
    /// 某县财政局2023年度报告：一、本年新收政府信息公开申请数量 …… 总计 12
    /// 某县教育局2023年度报告：一、本年新收政府信息公开申请数量 …… 总计 8
    /// 某县人民政府2023年度报告：一、本年新收政府信息公开申请数量 …… 总计 25（两部门之和为 20）
    /// ```
    /// ## 修复
    /// 核对汇总时纳入的部门和各部门报告的数字，改正政府报告的汇总表（或有误的部门报告）；
    /// 配置中的 `departments` 应列出汇总所含的每一个机关（政府办公室单独报告的，也要列出）。
    /// ## 配置
    /// `[settings] rollup = [{ government = "政府", departments = ["部门", …] }]`；名称为报告中的
    /// 发布机关（标题中的机关，否则为发布机构）。
    /// ## English
    /// A config's `[settings] rollup` says which bodies report under which people's government.
    /// The government's report must then equal the sum of those bodies' reports of the same year:
    /// every cell of table 2, the totals of table 3's I (new), II (carried over), III.(7) (outcomes)
    /// and IV (carried forward), and the totals of table 4's review and two litigation groups.
    /// Compared only when the run holds one report of the government for the year and one of
    /// every listed department for that year; otherwise silent (table 2 is not compared when
    /// some of the reports use the 2019 template and others do not). The finding points at the
    /// government's cell and lists the departments' cells. Fix: check which bodies the total
    /// includes and their figures; list every body the government's tables sum, its own office
    /// too when that reports separately.
    pub ROLLUP_MISMATCH = { code: "XG705", name: "rollup-mismatch", severity: Info, since: "0.2.0" }
}

/// The rule.
pub(crate) struct RollupMismatch;

impl Rule for RollupMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &ROLLUP_MISMATCH
    }
    // Cross-file: `crate::series::check` calls [`check`] with the departments' facts.
    fn check(&self, _report: &Report, _cx: &mut Checker<'_>) {}
}

/// A sum as reports write it, the float noise of decimal fees rounded away.
fn sum_text(v: f64) -> String {
    number((v * 1e6).round() / 1e6)
}

/// Compare `government`'s cells with the sums of `departments`' cells.
pub(crate) fn check(government: &Facts, departments: &[&Facts], out: &mut Vec<Diagnostic>) {
    let n = departments.len();
    // Table 2 of the 2019 template counts other things: not summed across the two templates.
    let mixed = departments.iter().any(|d| d.outdated_template != government.outdated_template);
    for key in TABLE_CELLS {
        if mixed && key.table == TableKey::Proactive {
            continue;
        }
        let Some(own) = government.cell(key.table, key.row, key.column) else { continue };
        let Some(parts) = departments
            .iter()
            .map(|d| d.cell(key.table, key.row, key.column).map(|c| (*d, c)))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let sum: f64 = parts.iter().map(|(_, c)| c.value).sum();
        if (own.value - sum).abs() < 1e-6 {
            continue;
        }
        let (zh, en) = key.describe();
        let (a, s) = (number(own.value), sum_text(sum));
        let mut d = Diagnostic::new(
            &ROLLUP_MISMATCH,
            own.at.span,
            Text::new(
                format!("{zh}为{a}，所属{n}个部门的报告之和为{s}"),
                format!("{en} is {a}, but the reports of its {n} departments sum to {s}"),
            ),
        )
        .with_help(Text::new(
            "本级政府报告的表格应等于配置 rollup 所列各部门报告之和；核对是否漏算、重算了部门",
            "The government's tables must equal the sum of the reports of the departments the config's `rollup` lists; check for a department left out or counted twice",
        ));
        for (department, cell) in parts {
            let issuer = department.issuer_name();
            let v = number(cell.value);
            let (year_zh, year_en) = department
                .year
                .map_or_else(|| (String::new(), String::new()), |y| (format!("{y}年度"), format!(" {y}")));
            d = d.with_related(cell.at.related(
                &department.path,
                Text::new(format!("{issuer}{year_zh}报告：{v}"), format!("{issuer}'s{year_en} report: {v}")),
            ));
        }
        out.push(d);
    }
}
