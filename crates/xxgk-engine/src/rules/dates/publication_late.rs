//! XG404 publication-late: published after the deadline of 条例 第四十九条, or before the year ended.
use super::{report_year, zh_date};
use crate::issuer::{self, Kind};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Date, Report};

declare_rule! {
    /// ## 检查内容
    /// 报告的发布日期（发布时间，无则成文日期或落款日期）是否在期限内：
    /// 部门报告在次年1月31日前，县级以上人民政府本级报告在次年3月31日前；
    /// 也检查是否早于报告年度结束（年度未完就已发布，多为日期或年度写错）。
    ///
    /// 报告属于哪一级，依次看标题中年份前（或年份后、"政府信息公开"前）写的机关名，没有时看发布机构：
    /// 以"人民政府"结尾（不带"办公室""办公厅""部门"等后缀，不是乡、镇人民政府），或只写地名
    /// （以省、市、区、县、州、旗、盟结尾，如"平潭综合实验区"），为人民政府本级报告；其余为部门报告。
    /// ## 为什么
    /// 条例规定了公布年度报告的期限；逾期公布本身就是不合规，也影响上级汇总。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前
    /// 向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布；
    /// 县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度
    /// 政府信息公开工作年度报告。
    /// ## 示例
    /// 市国资委的2023年度报告，发布时间 2024-02-05 → 晚于2024年1月31日。
    /// ## 修复
    /// 按期发布；日期写错的，改正发布日期或成文日期。
    /// ## 配置
    /// `deadlines = [{ level = "department", month = 1, day = 31 }, { level = "government", month = 3, day = 31 }]`
    /// （次年的月、日）；省级规则包可以改为本省的期限。
    /// ## English
    /// Checks the publication date (发布时间, else 成文日期 or the date under the signature) against
    /// the deadline of 条例 第四十九条: 31 January of Y+1 for a department, 31 March of Y+1 for a
    /// county-or-higher people's government's own report; and warns when the report was published
    /// before year Y ended. The level comes from the body named in the title (else the issuer): a
    /// name ending in 人民政府 (without 办公室/办公厅/部门, not a township) or a bare place name is a
    /// government, anything else a department. Example: a 2023 department report published
    /// 2024-02-05 fires. Fix: publish on time, or correct a wrong date. Configure with `deadlines`.
    pub PUBLICATION_LATE = { code: "XG404", name: "publication-late", severity: Warning, since: "0.1.0" }
}

/// The rule.
pub(crate) struct PublicationLate;

impl Rule for PublicationLate {
    fn meta(&self) -> &'static RuleMeta {
        &PUBLICATION_LATE
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(published) = &report.meta.published else { return };
        let Some((year, year_span)) = report_year(report) else { return };
        let date = published.value;
        let label = |d: Diagnostic| match year_span {
            Some(span) if !published.span.contains(span) => {
                d.with_label(span, Text::new(format!("报告年度为{year}年"), format!("report year {year}")))
            }
            _ => d,
        };
        if Date::new(year, 12, 31).is_some_and(|end| date < end) {
            let d = Diagnostic::new(
                &PUBLICATION_LATE,
                published.span,
                Text::new(
                    format!("发布日期{}早于{year}年度结束", zh_date(date)),
                    format!("Published {date}, before the year {year} ended"),
                ),
            )
            .with_help(Text::new(
                "年度报告应在年度结束后发布；核对发布日期和报告年度",
                "an annual report is published after its year ends; check the date and the report year",
            ));
            cx.report(label(d));
            return;
        }
        let level = issuer::kind(report);
        let Some(deadline) = cx.settings().options.deadlines.iter().find(|d| d.level == level.key()) else {
            return;
        };
        let Some(due) = Date::new(year + 1, deadline.month, deadline.day) else { return };
        if date <= due {
            return;
        }
        let (who_zh, who_en) = match level {
            Kind::Department => ("部门", "a department"),
            Kind::Government => ("县级以上人民政府", "a county-or-higher government"),
        };
        let d = Diagnostic::new(
            &PUBLICATION_LATE,
            published.span,
            Text::new(
                format!("发布日期{}晚于{who_zh}报告的公布期限{}", zh_date(date), zh_date(due)),
                format!("Published {date}, after the deadline {due} for {who_en}'s report"),
            ),
        )
        .with_help(Text::new(
            format!(
                "《政府信息公开条例》第四十九条要求{who_zh}在每年{}月{}日前公布上一年度报告；按期发布，或改正写错的日期",
                deadline.month, deadline.day
            ),
            format!(
                "条例 article 49 requires {who_en} to publish by {}/{} of the next year; publish on time or correct a wrong date",
                deadline.month, deadline.day
            ),
        ));
        cx.report(label(d));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, date, field, run};
    use super::*;

    fn report(title: &str, issuer: Option<&str>, published: Date) -> Report {
        let text = format!("{title}\n信息来源：{} 发布时间：{published}\n", issuer.unwrap_or(""));
        let mut r = Report { text: text.clone(), ..Default::default() };
        r.meta.title = Some(field(&text, title, title.to_string()));
        r.meta.issuer = issuer.map(|i| field(&text, i, i.to_string()));
        r.meta.year = Some(field(&text, "2023", 2023));
        r.meta.published = Some(field(&text, &published.to_string(), published));
        r
    }

    #[test]
    fn level_from_title_then_issuer() {
        let d = date(2024, 1, 20);
        assert_eq!(
            issuer::kind(&report("鞍山市人民政府办公室2023年政府信息公开工作年度报告", None, d)),
            Kind::Department
        );
        assert_eq!(issuer::kind(&report("某县2023年政府信息公开工作年度报告", None, d)), Kind::Government);
        assert_eq!(issuer::kind(&report("2023年度市国资委政务公开工作报告", None, d)), Kind::Department);
        assert_eq!(
            issuer::kind(&report("2023年政府信息公开工作年度报告", Some("某县人民政府"), d)),
            Kind::Government
        );
        assert_eq!(issuer::kind(&report("2023年政府信息公开工作年度报告", None, d)), Kind::Department);
    }

    #[test]
    fn department_late() {
        let r = report("市国资委2023年政府信息公开工作年度报告", Some("市国资委"), date(2024, 2, 5));
        let d = run(&r, "XG404");
        assert_eq!(at(&r, &d), ["2024-02-05"]);
        assert_eq!(d[0].message.zh, "发布日期2024年2月5日晚于部门报告的公布期限2024年1月31日");
        assert_eq!(
            d[0].message.en,
            "Published 2024-02-05, after the deadline 2024-01-31 for a department's report"
        );
        assert_eq!(r.slice(d[0].labels[0].span), "2023");
    }

    #[test]
    fn government_deadline_is_march() {
        let title = "某县2023年政府信息公开工作年度报告";
        assert!(run(&report(title, None, date(2024, 3, 31)), "XG404").is_empty());
        let r = report(title, None, date(2024, 4, 1));
        let d = run(&r, "XG404");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message.zh, "发布日期2024年4月1日晚于县级以上人民政府报告的公布期限2024年3月31日");
    }

    #[test]
    fn on_time_and_early() {
        let title = "鞍山市人民政府办公室2023年政府信息公开工作年度报告";
        assert!(run(&report(title, None, date(2024, 1, 31)), "XG404").is_empty());
        assert!(run(&report(title, None, date(2023, 12, 31)), "XG404").is_empty());
        let r = report(title, None, date(2023, 6, 30));
        let d = run(&r, "XG404");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message.zh, "发布日期2023年6月30日早于2023年度结束");
    }

    #[test]
    fn silent_without_a_date_or_a_year() {
        let mut r = report("某局2023年报告", None, date(2025, 6, 1));
        r.meta.year = None;
        assert!(run(&r, "XG404").is_empty());
        let mut r = report("某局2023年报告", None, date(2025, 6, 1));
        r.meta.published = None;
        assert!(run(&r, "XG404").is_empty());
    }

    #[test]
    fn pack_deadlines_apply() {
        let r = report("某局2023年报告", None, date(2024, 1, 20));
        let mut settings = crate::Settings { select: vec!["XG404".into()], ..crate::Settings::national() };
        settings.options.deadlines = vec![crate::Deadline { level: "department".into(), month: 1, day: 15 }];
        let d = crate::check(&r, &settings);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.zh.ends_with("2024年1月15日"));
    }
}
