//! XG405 malformed-date: a date in the text that cannot be one (202011月, 2023年13月, 2月30日, 2023-02-30).
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Date, Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 全文中写错、不可能存在的日期：年份与月份粘连、缺少"年"（"202011月"），月份超出 1–12
    /// （"2023年13月"），日期超出当月天数（"2月30日"、"2023-02-30"）。
    /// ## 为什么
    /// 年度报告是正式公文，日期是读者判断时效的依据；写错的日期让人无法确定事情发生在何时，
    /// 也说明报告发布前未经校对。
    /// ## 依据
    /// 《党政机关公文格式》（GB/T 9704—2012）对日期的书写要求；国办公开办函〔2021〕30号格式要求报告内容准确。
    /// ## 示例
    /// ```text
    /// 自202011月完成升级改版以来……
    /// ```
    /// → 改为 "自2020年11月完成升级改版以来……"。
    /// ## 修复
    /// 按"YYYY年M月D日"补全或改正日期；核对月份与当月天数。
    /// ## English
    /// Flags dates that cannot exist anywhere in the text: a year glued to its month without 年
    /// ("202011月"), a month outside 1–12 ("2023年13月"), a day past the end of its month
    /// ("2月30日", "2023-02-30"). A wrong date leaves the reader unsure when something happened
    /// and shows the report was not proofread. Fix: write the date in full as YYYY年M月D日.
    pub MALFORMED_DATE = { code: "XG405", name: "malformed-date", severity: Warning, since: "0.1.0" }
}

/// The rule.
pub(crate) struct MalformedDate;

/// A year glued to its month: "202011月" (a plausible year, then a month 1–12, then 月).
static GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9０-９]{2})(0?[1-9]|1[0-2])月").expect("valid regex"));

/// A Chinese date: optional "YYYY年", then "M月", optional "D日".
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:([0-9０-９]{4}) ?年 ?)?([0-9０-９]{1,2}) ?月(?: ?([0-9０-９]{1,2}) ?[日号])?")
        .expect("valid regex")
});

/// A numeric date: "2023-02-30", "2023/2/30", "2023.02.30" (one separator throughout).
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９]{4})([-/.])([0-9０-９]{1,2})([-/.])([0-9０-９]{1,2})").expect("valid regex")
});

/// One malformed date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Malformed {
    /// Where, as a byte range of the text scanned.
    pub span: Span,
    /// What is wrong.
    pub kind: MalformedKind,
}

/// What is wrong with a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MalformedKind {
    /// "202011月": year and month glued, with the date it probably means.
    Glued { year: i32, month: u32 },
    /// A month outside 1–12.
    Month { month: u32 },
    /// A day outside the month.
    Day { month: u32, day: u32 },
}

fn digit_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(|c| c.is_ascii_digit())
}

fn digit_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Every malformed date in `text`, in order.
pub(crate) fn scan(text: &str) -> Vec<Malformed> {
    let mut found = Vec::new();
    for m in GLUED.find_iter(text) {
        // Part of a longer number ("1202011月") is not a glued date.
        if digit_before(text, m.start()) {
            continue;
        }
        let Some(c) = GLUED.captures(m.as_str()) else { continue };
        let year = c[1].parse().unwrap_or(0);
        let month = c[2].parse().unwrap_or(0);
        found.push(Malformed {
            span: Span::new(m.start(), m.end()),
            kind: MalformedKind::Glued { year, month },
        });
    }
    for c in CHINESE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        if digit_before(text, m.start())
            || found.iter().any(|f| f.span.start as usize <= m.start() && m.start() < f.span.end as usize)
        {
            continue;
        }
        let year: Option<i32> = c.get(1).and_then(|y| y.as_str().parse().ok());
        let month: u32 = c[2].parse().unwrap_or(0);
        let day: Option<u32> = c.get(3).and_then(|d| d.as_str().parse().ok());
        // "13月" alone may be anything; a month needs a year or a day to be a date.
        if year.is_none() && day.is_none() {
            continue;
        }
        // Without a year, 2月29日 exists (in a leap year).
        if Date::new(year.unwrap_or(2024), month, day.unwrap_or(1)).is_some() {
            continue;
        }
        let kind = if (1..=12).contains(&month) {
            MalformedKind::Day { month, day: day.unwrap_or(0) }
        } else {
            MalformedKind::Month { month }
        };
        found.push(Malformed { span: Span::new(m.start(), m.end()), kind });
    }
    for c in NUMERIC.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        // Same separator twice, and not part of a longer number (an index number, a phone number).
        if c[2] != c[4] || digit_before(text, m.start()) || digit_after(text, m.end()) {
            continue;
        }
        if text[..m.start()].ends_with(&c[2]) || text[m.end()..].starts_with(&c[2]) {
            continue;
        }
        let year: i32 = c[1].parse().unwrap_or(0);
        let month: u32 = c[3].parse().unwrap_or(0);
        let day: u32 = c[5].parse().unwrap_or(0);
        if !(1900..=2100).contains(&year) || Date::new(year, month, day).is_some() {
            continue;
        }
        let kind = if (1..=12).contains(&month) {
            MalformedKind::Day { month, day }
        } else {
            MalformedKind::Month { month }
        };
        found.push(Malformed { span: Span::new(m.start(), m.end()), kind });
    }
    found.sort_by_key(|f| f.span.start);
    found
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&GLUED);
    LazyLock::force(&CHINESE);
    LazyLock::force(&NUMERIC);
}

impl Rule for MalformedDate {
    fn meta(&self) -> &'static RuleMeta {
        &MALFORMED_DATE
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        for found in scan(&report.text) {
            let written = report.slice(found.span);
            let (message, help) = match found.kind {
                MalformedKind::Glued { year, month } => (
                    Text::new(
                        format!("日期\"{written}\"的年份与月份之间缺少\"年\""),
                        format!("Date \"{written}\" lacks 年: the year is glued to the month"),
                    ),
                    Text::new(format!("写作\"{year}年{month}月\""), format!("write \"{year}年{month}月\"")),
                ),
                MalformedKind::Month { month } => (
                    Text::new(
                        format!("日期\"{written}\"的月份{month}不存在"),
                        format!("Date \"{written}\" has no such month: {month}"),
                    ),
                    Text::new("核对并改正月份（1–12）", "check the month and correct it (1–12)"),
                ),
                MalformedKind::Day { month, day } => (
                    Text::new(
                        format!("日期\"{written}\"不存在：{month}月没有{day}日"),
                        format!("Date \"{written}\" does not exist: month {month} has no day {day}"),
                    ),
                    Text::new("核对并改正日期", "check the date and correct it"),
                ),
            };
            cx.report(Diagnostic::new(&MALFORMED_DATE, found.span, message).with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        scan(text).into_iter().map(|f| &text[f.span.range()]).collect()
    }

    #[test]
    fn finds_malformed_dates() {
        assert_eq!(spans("自202011月完成升级改版以来"), ["202011月"]);
        assert_eq!(spans("于2023年13月召开"), ["2023年13月"]);
        assert_eq!(spans("于2月30日召开"), ["2月30日"]);
        assert_eq!(spans("于2023年2月29日召开"), ["2023年2月29日"]);
        assert_eq!(spans("成文日期：2023-02-30。"), ["2023-02-30"]);
        assert_eq!(spans("于2023年0月召开"), ["2023年0月"]);
        assert_eq!(spans("于2023年4月31日"), ["2023年4月31日"]);
    }

    #[test]
    fn kinds_carry_the_numbers() {
        assert_eq!(scan("自202011月")[0].kind, MalformedKind::Glued { year: 2020, month: 11 });
        assert_eq!(scan("2023年13月")[0].kind, MalformedKind::Month { month: 13 });
        assert_eq!(scan("2月30日")[0].kind, MalformedKind::Day { month: 2, day: 30 });
    }

    #[test]
    fn leaves_real_dates_and_numbers_alone() {
        for text in [
            "报告数据统计期限为2023年1月1日至2023年12月31日。",
            "2024年2月29日",
            "2月29日",
            "截至11月份，用户总人数新增3500+",
            "成文日期: 2024-01-15 发布时间: 2024-01-15 13: 17",
            "索引号: 777228020/2024-110771",
            "电话：0591-23165385",
            "“5·15政务公开日”活动",
            "共12345月",
            "1至3月",
            "版本1.2.3",
            "2023.12.31",
            "第13月",
        ] {
            assert_eq!(spans(text), Vec::<&str>::new(), "{text}");
        }
    }
}
