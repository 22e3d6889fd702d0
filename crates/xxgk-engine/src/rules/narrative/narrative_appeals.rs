//! XG502 narrative-appeals: the text's count of reviews and lawsuits must match table 4.
use super::{count, sentences, unreliable};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span, Table, TableKey};

declare_rule! {
    /// ## 检查内容
    /// 正文所述因政府信息公开被申请行政复议、提起行政诉讼的件数是否与表四一致：行政复议与
    /// "行政复议 总计"比较，行政诉讼与"未经复议直接起诉"和"复议后起诉"的总计比较（与两者之和或
    /// 其中之一相等即可）。"没有因信息公开工作被申请行政复议、提起行政诉讼的情况"按 0 件比较。
    ///
    /// 只看提到"公开"的句子（司法机关报告里其他行政复议工作的数字不比较）；"未发生行政复议
    /// 被纠错"之类说结果的句子不算"没有"。表四该组未能按模板读出、推断出来且各种读法的总计不一（XG004）或总计为空时不比较。
    /// ## 为什么
    /// 正文和表四对同一件事说法不一，读者无法判断机关是否被复议、被起诉过。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第五十条第（四）项；国办公开办函〔2021〕30号格式第四部分。
    /// ## 示例
    /// ```text
    /// 本年度没有因政府信息公开工作被申请行政复议、提起行政诉讼的情况。
    /// 表四：行政复议 总计 2
    /// ```
    /// ## 修复
    /// 核对复议、诉讼案件台账，改正正文或表四，使二者一致。
    /// ## English
    /// Checks the number of administrative reviews and lawsuits the text states (including "没有…被申请
    /// 行政复议、提起行政诉讼" = 0) against table 4: reviews against the review total, lawsuits against
    /// the two litigation totals (their sum or either one). Only sentences that mention 公开 are read;
    /// statements about outcomes ("未被纠错") are not a zero; a group not read reliably is skipped.
    /// Example: the text says none, table 4 shows 2 reviews. Fix: correct the text or table 4.
    pub NARRATIVE_APPEALS = { code: "XG502", name: "narrative-appeals", severity: Warning, since: "0.1.0" }
}

/// The rule.
pub(crate) struct NarrativeAppeals;

/// "行政复议案件2件", "行政诉讼1起".
static TERM_THEN_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(行政复议|行政诉讼)(?:案件|申请|案)?(?:共|数|数量|为|[：:])*\s*([0-9０-９]+)\s*(?:件|起|宗|个|次)",
    )
    .expect("valid regex")
});

/// "2件行政复议", "1起行政诉讼案件".
static COUNT_THEN_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９]+)\s*(?:件|起|宗|个|次)[^，,。；;、0-9０-９]{0,2}?(行政复议|行政诉讼)")
        .expect("valid regex")
});

/// "没有因信息公开工作被申请行政复议、提起行政诉讼": a negation, then the kinds it covers up to the clause end.
static NONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:没有|未|无)(?:发生|出现|收到|接到|产生)?[^，,。；;0-9０-９]{0,20}?(?:行政复议|行政诉讼)[^，,。；;0-9０-９]*",
    )
    .expect("valid regex")
});

/// Which count of table 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// 行政复议.
    Review,
    /// 行政诉讼.
    Litigation,
}

/// A count of reviews or lawsuits the text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Claim {
    /// The number, or the "没有…" phrase for 0.
    pub span: Span,
    /// Which.
    pub kind: Kind,
    /// The count.
    pub n: i64,
}

fn kind(term: &str) -> Kind {
    if term == "行政复议" {
        Kind::Review
    } else {
        Kind::Litigation
    }
}

/// Every claim in the report's prose.
pub(crate) fn claims(report: &Report) -> Vec<Claim> {
    let mut out = Vec::new();
    for (base, sentence) in sentences(report) {
        if !sentence.contains("公开") {
            continue;
        }
        for c in TERM_THEN_COUNT.captures_iter(sentence) {
            let (Some(term), Some(num)) = (c.get(1), c.get(2)) else { continue };
            let Some(n) = count(num.as_str()) else { continue };
            out.push(Claim {
                span: Span::new(base + num.start(), base + num.end()),
                kind: kind(term.as_str()),
                n,
            });
        }
        for c in COUNT_THEN_TERM.captures_iter(sentence) {
            let (Some(num), Some(term)) = (c.get(1), c.get(2)) else { continue };
            let Some(n) = count(num.as_str()) else { continue };
            out.push(Claim {
                span: Span::new(base + num.start(), base + num.end()),
                kind: kind(term.as_str()),
                n,
            });
        }
        for m in NONE.find_iter(sentence) {
            let phrase = m.as_str();
            // "无论", "无法", "未经复议": not a negation of the count; results are not counts.
            if ["无论", "无法", "未经"].iter().any(|w| phrase.starts_with(w))
                || ["纠错", "纠正", "败诉", "撤销", "违法", "改变", "结果"].iter().any(|w| phrase.contains(w))
            {
                continue;
            }
            let span = Span::new(base + m.start(), base + m.end());
            for (term, k) in [("行政复议", Kind::Review), ("行政诉讼", Kind::Litigation)] {
                if phrase.contains(term) {
                    out.push(Claim { span, kind: k, n: 0 });
                }
            }
        }
    }
    out.sort_by_key(|c| (c.span.start, c.kind == Kind::Litigation));
    out.dedup();
    out
}

/// Table 4's total of a group, with the cell's span.
/// `None` when the total is blank (XG208) or the group was not read reliably.
fn total(report: &Report, table: &Table, group: &str) -> Option<(i64, Option<Span>)> {
    let cell = table.cell(group, "total")?;
    if cell.value.is_none() || unreliable(report, TableKey::Appeals, group) {
        return None;
    }
    Some((cell.num().round() as i64, cell.span))
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&TERM_THEN_COUNT);
    LazyLock::force(&COUNT_THEN_TERM);
    LazyLock::force(&NONE);
}

impl Rule for NarrativeAppeals {
    fn meta(&self) -> &'static RuleMeta {
        &NARRATIVE_APPEALS
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(table) = &report.tables.appeals else { return };
        for claim in claims(report) {
            let (expected, span, fits, zh, en) = match claim.kind {
                Kind::Review => {
                    let Some((t, span)) = total(report, table, "review") else { continue };
                    (t, span, claim.n == t, "行政复议", "administrative reviews")
                }
                Kind::Litigation => {
                    let (Some((d, ds)), Some((a, as_))) = (
                        total(report, table, "litigation_direct"),
                        total(report, table, "litigation_after_review"),
                    ) else {
                        continue;
                    };
                    let fits = claim.n == d + a || (claim.n > 0 && (claim.n == d || claim.n == a));
                    (d + a, ds.or(as_), fits, "行政诉讼", "lawsuits")
                }
            };
            if fits {
                continue;
            }
            let label_span = span.unwrap_or(table.span);
            cx.report(
                Diagnostic::new(
                    &NARRATIVE_APPEALS,
                    claim.span,
                    Text::new(
                        format!("正文所述{zh}{}件，与表四{zh}总计{expected}件不一致", claim.n),
                        format!("The text states {} {en}, but table 4 totals {expected}", claim.n),
                    ),
                )
                .with_label(label_span, Text::new(format!("表四{zh}总计为{expected}"), format!("table 4 {en}: {expected}")))
                .with_help(Text::new(
                    "核对行政复议、行政诉讼案件台账，改正正文或表四，使二者一致",
                    "check the register of reviews and lawsuits and correct the text or table 4 so that they agree",
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::report;
    use super::Kind;
    use crate::rules::dates::testing::{at, run};

    fn found(prose: &str) -> Vec<(Kind, i64)> {
        let r = report(prose, [0, 0, 0], [0, 0, 0]);
        super::claims(&r).into_iter().map(|c| (c.kind, c.n)).collect()
    }

    #[test]
    fn reads_counts_and_zeros() {
        assert_eq!(
            found(
                "2023年,我局共收到3次政府信息公开申请,没有因信息公开工作被申请行政复议、提起行政诉讼的情况。"
            ),
            [(Kind::Review, 0), (Kind::Litigation, 0)]
        );
        assert_eq!(
            found("2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。"),
            [(Kind::Litigation, 1), (Kind::Review, 2)]
        );
        assert_eq!(found("因政府信息公开被申请行政复议0件。"), [(Kind::Review, 0)]);
    }

    #[test]
    fn leaves_other_sentences_alone() {
        for prose in [
            "全年办理行政复议案件56件。",
            "未发生因政府信息公开引起的行政复议被纠错的情况。",
            "未经复议直接起诉的政府信息公开案件。",
        ] {
            assert_eq!(found(prose), [], "{prose}");
        }
    }

    #[test]
    fn fires_when_the_text_says_none_but_the_table_has_some() {
        let r = report("没有因政府信息公开工作被申请行政复议、提起行政诉讼的情况。", [0, 0, 0], [2, 0, 0]);
        let d = run(&r, "XG502");
        assert_eq!(d.len(), 1);
        assert_eq!(at(&r, &d), ["没有因政府信息公开工作被申请行政复议、提起行政诉讼的情况"]);
        assert_eq!(d[0].message.zh, "正文所述行政复议0件，与表四行政复议总计2件不一致");
        assert_eq!(d[0].message.en, "The text states 0 administrative reviews, but table 4 totals 2");
        assert_eq!(r.slice(d[0].labels[0].span), "2");
    }

    #[test]
    fn litigation_fits_the_sum_or_either_group() {
        let prose = "政府信息公开方面共有行政诉讼案件1件、行政复议案件2件。";
        assert!(run(&report(prose, [0, 0, 0], [2, 1, 0]), "XG502").is_empty());
        assert!(run(&report(prose, [0, 0, 0], [2, 1, 1]), "XG502").is_empty());
        let r = report(prose, [0, 0, 0], [2, 2, 2]);
        let d = run(&r, "XG502");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message.zh, "正文所述行政诉讼1件，与表四行政诉讼总计4件不一致");
    }
}
