//! XG107 government-accountability: a people's government's own report says nothing in section 一
//! about 工作考核, 社会评议 and 责任追究.
use crate::issuer::{self, Kind};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, SectionKey};

declare_rule! {
    /// ## 检查内容
    /// 人民政府本级的年度报告（标题所称机关——标题未写明时为发布机构——是“××人民政府”“××县政府”
    /// “××区政府”或地名本身，如“鼎城区”；不含其办公室、办公厅、工作部门和乡镇），第一部分是否写明政府信息公开工作考核、社会评议和责任追究
    /// 结果情况。缺哪项列哪项。以常见说法判断：考核也认“绩效评估”“考评”；社会评议也认“评议”
    /// “满意度”“社会评价”；责任追究也认“追究”“问责”。
    /// ## 为什么
    /// 条例要求政府建立考核、评议和责任追究制度，年度报告是公开其结果的地方。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第六十四条（考核、社会评议和责任追究制度）；
    /// 国办公开办函〔2021〕30号格式第一部分“监督保障”。
    /// ## 示例
    /// ```text
    /// 某县人民政府2023年政府信息公开工作年度报告
    /// （五）监督保障。加强组织领导，开展业务培训。     ← 未写考核、评议、责任追究结果
    /// ```
    /// ## 修复
    /// 在第一部分“监督保障”中写明本年度工作考核、社会评议和责任追究的结果（没有的写明“未发生责任追究”）。
    /// ## English
    /// Fires when a people's government's own report (the body the title names, else the issuer,
    /// ends in 人民政府, 县政府, 区政府 … or is a bare place name; not its 办公室, departments or townships) does not mention in section 一 the
    /// results of 工作考核 (assessment), 社会评议 (public evaluation) and 责任追究 (accountability),
    /// naming the missing ones. Fix: state each result, or that there was none.
    pub GOVERNMENT_ACCOUNTABILITY = { code: "XG107", name: "government-accountability", severity: Warning, since: "0.1.0" }
}

/// XG107.
pub(crate) struct GovernmentAccountability;

const ITEMS: &[(&str, &str, &[&str])] = &[
    ("工作考核", "assessment", &["考核", "绩效评估", "考评", "测评"]),
    ("社会评议", "public evaluation", &["评议", "满意度", "社会评价", "群众评价"]),
    ("责任追究", "accountability", &["责任追究", "追究", "问责"]),
];

impl Rule for GovernmentAccountability {
    fn meta(&self) -> &'static RuleMeta {
        &GOVERNMENT_ACCOUNTABILITY
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(section) = report.section(SectionKey::Overview) else { return };
        if issuer::kind(report) != Kind::Government {
            return;
        }
        let body = report.slice(section.body);
        let gaps: Vec<_> =
            ITEMS.iter().filter(|(_, _, words)| !words.iter().any(|w| body.contains(w))).collect();
        if gaps.is_empty() {
            return;
        }
        let zh: Vec<&str> = gaps.iter().map(|g| g.0).collect();
        let en: Vec<&str> = gaps.iter().map(|g| g.1).collect();
        cx.report(
            Diagnostic::new(
                &GOVERNMENT_ACCOUNTABILITY,
                section.heading,
                Text::new(
                    format!("人民政府年度报告第一部分未写{}结果", zh.join("、")),
                    format!(
                        "A people's government's report says nothing in section 1 about the results of {}",
                        en.join(", ")
                    ),
                ),
            )
            .with_help(Text::new(
                format!("在“监督保障”中写明本年度{}的结果，没有的也写明", zh.join("、")),
                format!(
                    "State this year's results of {} under 监督保障, or that there were none",
                    en.join(", ")
                ),
            )),
        );
    }
}
