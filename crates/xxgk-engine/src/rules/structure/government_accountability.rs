//! XG107 government-accountability: a people's government's own report says nothing in section 一
//! about 工作考核, 社会评议 and 责任追究.
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, SectionKey};

declare_rule! {
    /// ## 检查内容
    /// 人民政府本级的年度报告（发布机构或标题主体是“××人民政府”“××县政府”“××区政府”等，
    /// 不含其办公室、办公厅和工作部门），第一部分是否写明政府信息公开工作考核、社会评议和责任追究
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
    /// Fires when a people's government's own report (issuer or title subject ending in 人民政府,
    /// 县政府, 区政府 …, not its 办公室 or departments) does not mention in section 一 the
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

/// The reporting body's name: the issuer, else the title up to the year.
fn subject(report: &Report) -> Option<String> {
    if let Some(issuer) = &report.meta.issuer {
        return Some(issuer.value.trim().to_string());
    }
    let title = report.meta.title.as_ref().map_or_else(|| first_line(report), |t| t.value.as_str());
    let end = title.find(|c: char| c.is_ascii_digit()).unwrap_or(title.len());
    let head = &title[..end];
    let head = head.split("关于").next().unwrap_or(head);
    (!head.is_empty()).then(|| head.trim().to_string())
}

fn first_line(report: &Report) -> &str {
    report.text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
}

/// Whether `name` is a people's government itself (not its office or a department).
pub(crate) fn is_government(name: &str) -> bool {
    let name = name.trim_end_matches(['）', ')', ' ']);
    name.ends_with("人民政府")
        || ["省政府", "市政府", "县政府", "区政府", "旗政府", "州政府", "盟政府"]
            .iter()
            .any(|s| name.ends_with(s))
}

impl Rule for GovernmentAccountability {
    fn meta(&self) -> &'static RuleMeta {
        &GOVERNMENT_ACCOUNTABILITY
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(section) = report.section(SectionKey::Overview) else { return };
        if !subject(report).is_some_and(|s| is_government(&s)) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::{field, report, six};

    #[test]
    fn governments_but_not_their_offices_or_departments() {
        for name in ["某县人民政府", "鼎城区人民政府", "某市政府", "某区政府"] {
            assert!(is_government(name), "{name}");
        }
        for name in ["鞍山市人民政府办公室", "某省人民政府办公厅", "鼎城区工信局", "市国资委", "某镇"]
        {
            assert!(!is_government(name), "{name}");
        }
    }

    #[test]
    fn subject_from_issuer_or_title() {
        let mut r = report(&six(["甲", "乙", "丙", "丁", "戊", "己"]));
        r.meta.title = field(&r, "某县人民政府2023年政府信息公开工作年度报告".to_string(), "");
        assert_eq!(subject(&r).as_deref(), Some("某县人民政府"));
        r.meta.issuer = field(&r, "某县人民政府办公室".to_string(), "");
        assert_eq!(subject(&r).as_deref(), Some("某县人民政府办公室"));
        let r = report("某区人民政府关于2023年政府信息公开工作年度报告\n一、总体情况\n甲\n");
        assert_eq!(subject(&r).as_deref(), Some("某区人民政府"));
    }
}
