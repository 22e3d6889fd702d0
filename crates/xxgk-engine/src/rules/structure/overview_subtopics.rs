//! XG106 overview-subtopics: section 一 does not cover the five topics the format asks for.
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, SectionKey};

declare_rule! {
    /// ## 检查内容
    /// 第一部分“总体情况”是否涉及格式要求的五个方面：主动公开、依申请公开、政府信息管理、
    /// 政府信息公开平台建设、监督保障。以常见说法判断，不要求小标题逐字一致：
    /// 依申请公开也认“公开申请”“依申请”；政府信息管理也认“信息管理”“保密审查”“发布审核”“公开目录”等；
    /// 平台建设也认“平台”“网站”“新媒体”“公众号”“专栏”；监督保障也认“监督”“考核”“培训”“督查”“组织领导”等。
    /// 缺哪几个方面就列出哪几个。第一部分缺失时由 XG101 报告。
    /// ## 为什么
    /// 总体情况是读者了解一年工作的入口；格式要求五个方面都要写到。
    /// ## 依据
    /// 国办公开办函〔2021〕30号年度报告格式第一部分：（一）主动公开（二）依申请公开（三）政府信息管理
    /// （四）政府信息公开平台建设（五）监督保障。
    /// ## 示例
    /// ```text
    /// 一、总体情况
    /// 1.政府信息主动公开情况 …… 2.政府信息管理情况 …… 3.监督保障情况 ……   ← 未写依申请公开
    /// ```
    /// ## 修复
    /// 补写缺少的方面，没有相关工作的也写明情况（如“本年度未收到政府信息公开申请”）。
    /// ## English
    /// Fires when section 一 does not touch one of the five topics of the format: proactive
    /// disclosure, requests, information management, platforms, oversight. Common wordings count
    /// (网站/平台/新媒体 for platforms, 监督/考核/培训 for oversight …); the message names the
    /// missing topics. Fix: write about each topic, even to say there was nothing.
    pub OVERVIEW_SUBTOPICS = { code: "XG106", name: "overview-subtopics", severity: Warning, since: "0.1.0" }
}

/// XG106.
pub(crate) struct OverviewSubtopics;

/// The five topics: Chinese name, English name, wordings that count as covering it.
const TOPICS: &[(&str, &str, &[&str])] = &[
    ("主动公开", "proactive disclosure", &["主动公开", "公开政府信息", "发布信息", "发布政府信息"]),
    ("依申请公开", "requests", &["依申请", "公开申请", "申请公开", "信息公开申请"]),
    (
        "政府信息管理",
        "information management",
        &[
            "信息管理",
            "保密审查",
            "审查",
            "审核",
            "公开目录",
            "公开属性",
            "发布流程",
            "发布审批",
            "规范性文件管理",
            "动态更新",
        ],
    ),
    (
        "平台建设",
        "platforms",
        &[
            "平台",
            "网站",
            "新媒体",
            "公众号",
            "微信",
            "微博",
            "专栏",
            "政务服务网",
            "公开栏",
            "查阅点",
            "客户端",
        ],
    ),
    (
        "监督保障",
        "oversight",
        &[
            "监督",
            "保障",
            "考核",
            "培训",
            "督查",
            "督促",
            "考评",
            "评议",
            "组织领导",
            "问责",
            "责任追究",
            "领导小组",
        ],
    ),
];

/// The topics of the format that `body` does not touch, by index into [`TOPICS`].
fn missing(body: &str) -> Vec<usize> {
    (0..TOPICS.len()).filter(|&i| !TOPICS[i].2.iter().any(|w| body.contains(w))).collect()
}

impl Rule for OverviewSubtopics {
    fn meta(&self) -> &'static RuleMeta {
        &OVERVIEW_SUBTOPICS
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(section) = report.section(SectionKey::Overview) else { return };
        let gaps = missing(report.slice(section.body));
        if gaps.is_empty() {
            return;
        }
        let zh: Vec<&str> = gaps.iter().map(|&i| TOPICS[i].0).collect();
        let en: Vec<&str> = gaps.iter().map(|&i| TOPICS[i].1).collect();
        cx.report(
            Diagnostic::new(
                &OVERVIEW_SUBTOPICS,
                section.heading,
                Text::new(
                    format!("第一部分“{}”未涉及：{}", section.title, zh.join("、")),
                    format!("Section 1 “{}” does not cover: {}", section.title, en.join(", ")),
                ),
            )
            .with_help(Text::new(
                format!("补写{}方面的情况，没有相关工作的也写明", zh.join("、")),
                format!("Add a paragraph on {}, even to say there was nothing", en.join(", ")),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::missing;

    #[test]
    fn topics_by_common_wordings() {
        assert_eq!(
            missing("主动公开信息；依申请公开；政府信息管理；平台建设；监督保障"),
            Vec::<usize>::new()
        );
        assert_eq!(
            missing("主动公开120条。收到公开申请2件。严格保密审查。优化网站。开展培训。"),
            Vec::<usize>::new()
        );
        assert_eq!(missing("主动公开情况。政府信息管理情况。监督保障情况。"), vec![1, 3]);
        assert_eq!(missing(""), vec![0, 1, 2, 3, 4]);
    }
}
