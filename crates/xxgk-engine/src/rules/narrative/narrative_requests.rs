//! XG501 narrative-requests: the text's count of requests received must match table 3.
use super::{count, sentences, unreliable};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span, TableKey};

declare_rule! {
    /// ## 检查内容
    /// 正文所述收到（受理）的政府信息公开申请数是否与表三"一、本年新收政府信息公开申请数量"的
    /// 总计一致；正文说"办理""处理"的，与"一"加"二、上年结转"之和比较。正文写"未收到依申请公开申请"
    /// 的，按 0 件比较。正文的数字包括上年结转（等于一加二）时也视为一致。
    ///
    /// 只认数字明确是申请总数的写法，如"共收到政府信息公开申请75件""共收到3次政府信息公开申请"
    /// "本年度收到依申请公开件2个"；"其中""上年结转""累计"等分项或跨年度的数字不比较。
    /// 表三该行未能按模板读出（XG003、XG205）、推断出来且各种读法的总计不一（XG004）或总计为空（XG208）时不比较；
    /// 上年结转一行读不准时，只在正文数字等于"一"时才算一致，否则也不比较。
    /// ## 为什么
    /// 正文和表格是同一份报告对同一件事的两种说法；不一致时读者不知道该信哪个，通常是其中一处
    /// 沿用了往年数字或填错了表。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第五十条第（三）项；国办公开办函〔2021〕30号格式第三部分。
    /// ## 示例
    /// ```text
    /// 2023年，我局共收到政府信息公开申请12件。……
    /// 一、本年新收政府信息公开申请数量 … 总计 10
    /// ```
    /// ## 修复
    /// 核对申请登记台账，改正正文或表三，使二者一致。
    /// ## English
    /// Checks the number of information requests the text says were received (收到/受理 … 申请 N 件,
    /// 未收到 … 申请 = 0) against table 3's 本年新收 total (with 办理/处理, against new + carried over;
    /// a count that includes the carried-over requests is accepted). Only phrasings where the number
    /// clearly is the total count are read; a row whose total is not read reliably (a reading problem,
    /// an inference whose readings differ in the total, a blank total) is skipped.
    /// Example: the text says 12, the table 10. Fix: correct whichever is wrong.
    pub NARRATIVE_REQUESTS = { code: "XG501", name: "narrative-requests", severity: Warning, since: "0.1.0" }
}

/// The rule.
pub(crate) struct NarrativeRequests;

/// What a request is called.
const TERM: &str = r"(?:政府信息公开申请|依申请公开申请|信息公开申请|依申请公开件|依申请公开事项)";
/// A verb of receiving, or of handling.
const VERB: &str = r"(收到|受理|接收|接到|办理|处理)";
/// A unit of requests.
const UNIT: &str = r"(?:件次|件|个|次|条|宗|份)";

/// "共收到政府信息公开申请75件", "共受理政府信息公开申请件128件次".
static TERM_THEN_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{VERB}了?([^，,。；;、0-9０-９]{{0,12}}?){TERM}(?:件|共|总计|合计|数量?|为|达|[：:])*\s*([0-9０-９]+)\s*{UNIT}"
    ))
    .expect("valid regex")
});

/// "共收到3次政府信息公开申请".
static COUNT_THEN_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{VERB}了?([^，,。；;、0-9０-９]{{0,6}}?)([0-9０-９]+)\s*{UNIT}[^，,。；;、0-9０-９]{{0,4}}?(?:政府信息公开申请|依申请公开申请|信息公开申请|依申请公开)"))
        .expect("valid regex")
});

/// "未收到依申请公开申请", "没有受理政府信息公开申请".
static NONE_RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:未|没有)(?:收到|受理|接到|接收)(?:过|到)?(?:任何)?[^，,。；;、0-9０-９]{0,6}?(?:政府信息公开|依申请公开|信息公开)")
        .expect("valid regex")
});

/// Words that make the count a part, or not this year's: the count is then not table 3's total.
const NOT_THE_TOTAL: &[&str] = &[
    "其中", "结转", "上年", "去年", "累计", "历年", "以来", "转办", "当面", "网上", "信函", "邮寄", "电子",
    "传真", "在线", "窗口", "同比", "较",
];

/// A count of requests the text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Claim {
    /// The number, or the "未收到…" phrase for 0.
    pub span: Span,
    /// The count.
    pub n: i64,
    /// Whether the verb was 办理/处理 (compared with new + carried over).
    pub handled: bool,
}

/// The part of `sentence` from the last comma before `at` up to `at`.
fn clause_before(sentence: &str, at: usize) -> &str {
    let head = &sentence[..at];
    let start =
        head.char_indices().rfind(|(_, c)| matches!(c, '，' | ',')).map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// Every claim in the report's prose.
pub(crate) fn claims(report: &Report) -> Vec<Claim> {
    let mut out = Vec::new();
    for (base, sentence) in sentences(report) {
        // The clause before a match must not make the count a part or another year's.
        let prefix_ok = |at: usize| {
            let clause = clause_before(sentence, at);
            !NOT_THE_TOTAL.iter().any(|w| clause.contains(w))
        };
        for re in [&*TERM_THEN_COUNT, &*COUNT_THEN_TERM] {
            for c in re.captures_iter(sentence) {
                let (Some(all), Some(verb), Some(gap)) = (c.get(0), c.get(1), c.get(2)) else { continue };
                let Some(num) = c.get(3) else { continue };
                if !prefix_ok(all.start()) || NOT_THE_TOTAL.iter().any(|w| gap.as_str().contains(w)) {
                    continue;
                }
                let Some(n) = count(num.as_str()) else { continue };
                let handled = matches!(verb.as_str(), "办理" | "处理");
                out.push(Claim { span: Span::new(base + num.start(), base + num.end()), n, handled });
            }
        }
        for m in NONE_RECEIVED.find_iter(sentence) {
            if prefix_ok(m.start()) {
                out.push(Claim { span: Span::new(base + m.start(), base + m.end()), n: 0, handled: false });
            }
        }
    }
    out.sort_by_key(|c| c.span.start);
    out.dedup_by_key(|c| c.span.start);
    out
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&TERM_THEN_COUNT);
    LazyLock::force(&COUNT_THEN_TERM);
    LazyLock::force(&NONE_RECEIVED);
}

impl Rule for NarrativeRequests {
    fn meta(&self) -> &'static RuleMeta {
        &NARRATIVE_REQUESTS
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        // A missing table or row is XG002/XG003's finding.
        let Some(table) = &report.tables.requests else { return };
        let Some(new) = table.cell("new", "total") else { return };
        // A blank total is XG208's finding; an unreliable row is no fair comparison.
        if new.value.is_none() || unreliable(report, TableKey::Requests, "new") {
            return;
        }
        let carried_known = !unreliable(report, TableKey::Requests, "carried_over");
        let new_n = new.num().round() as i64;
        let carried = table.num("carried_over", "total").round() as i64;
        let label_span = new.span.unwrap_or_else(|| table.row("new").map_or(table.span, |r| r.label));
        for claim in claims(report) {
            // Unless carried-over requests are known, a count could include them: no finding.
            if claim.n == new_n || claim.n == new_n + carried || !carried_known {
                continue;
            }
            let (zh_what, en_what, expected, label) = if claim.handled {
                ("办理", "handled", new_n + carried, "表三一、本年新收与二、上年结转合计")
            } else {
                ("收到", "received", new_n, "表三一、本年新收总计")
            };
            let label_en =
                if claim.handled { "table 3 new + carried over" } else { "table 3 new requests, total" };
            cx.report(
                Diagnostic::new(
                    &NARRATIVE_REQUESTS,
                    claim.span,
                    Text::new(
                        format!("正文所述{zh_what}申请{}件，与{label}{expected}件不一致", claim.n),
                        format!(
                            "The text says {} requests were {en_what}, but {label_en} is {expected}",
                            claim.n
                        ),
                    ),
                )
                .with_label(
                    label_span,
                    Text::new(format!("{label}为{expected}"), format!("{label_en}: {expected}")),
                )
                .with_help(Text::new(
                    "核对申请登记情况，改正正文或表三，使二者一致",
                    "check the request register and correct the text or table 3 so that they agree",
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::report;
    use crate::rules::dates::testing::{at, run};

    fn numbers(prose: &str) -> Vec<i64> {
        let r = report(prose, [0, 0, 0], [0, 0, 0]);
        super::claims(&r).into_iter().map(|c| c.n).collect()
    }

    #[test]
    fn reads_the_seeds_phrasings() {
        assert_eq!(numbers("截至目前，共受理政府信息公开申请件128件次，全部在规定时限内办理完毕。"), [128]);
        assert_eq!(numbers("依申请公开情况。本年度收到依申请公开件2个(包含重复申请)。"), [2]);
        assert_eq!(numbers("2023年,我局共收到3次政府信息公开申请,没有因信息公开工作被申请行政复议。"), [3]);
        assert_eq!(numbers("2023年未收到依申请公开申请。"), [0]);
        assert_eq!(numbers("2023年,我局未收到依申请公开政府信息办理事项;"), [0]);
        assert_eq!(numbers("2022年，全区收到政府信息公开申请75件，涉及自然人72件。"), [75]);
    }

    #[test]
    fn leaves_parts_alone() {
        for prose in [
            "其中，电子邮箱受理27件次，信函邮寄受理80件次。",
            "其中，当面受理政府信息公开申请5件。",
            "办理上年结转的政府信息公开申请2件。",
            "累计受理政府信息公开申请300件。",
            "全年处理市长热线投诉件71件。",
        ] {
            assert_eq!(numbers(prose), Vec::<i64>::new(), "{prose}");
        }
    }

    #[test]
    fn fires_on_a_different_count() {
        let r = report("2023年，我局共收到政府信息公开申请12件。", [10, 1, 11], [0, 0, 0]);
        let d = run(&r, "XG501");
        assert_eq!(at(&r, &d), ["12"]);
        assert_eq!(d[0].message.zh, "正文所述收到申请12件，与表三一、本年新收总计10件不一致");
        assert_eq!(
            d[0].message.en,
            "The text says 12 requests were received, but table 3 new requests, total is 10"
        );
        assert_eq!(r.slice(d[0].labels[0].span), "10");
    }

    #[test]
    fn none_received_but_the_table_has_some() {
        let r = report("2023年未收到依申请公开申请。", [2, 0, 2], [0, 0, 0]);
        let d = run(&r, "XG501");
        assert_eq!(at(&r, &d), ["未收到依申请公开"]);
        assert_eq!(d[0].message.zh, "正文所述收到申请0件，与表三一、本年新收总计2件不一致");
    }

    #[test]
    fn accepts_new_or_new_plus_carried() {
        assert!(run(&report("共收到政府信息公开申请10件。", [10, 1, 11], [0, 0, 0]), "XG501").is_empty());
        assert!(run(&report("共收到政府信息公开申请11件。", [10, 1, 11], [0, 0, 0]), "XG501").is_empty());
        assert!(run(&report("共办理政府信息公开申请11件。", [10, 1, 11], [0, 0, 0]), "XG501").is_empty());
        let r = report("共办理政府信息公开申请9件。", [10, 1, 11], [0, 0, 0]);
        let d = run(&r, "XG501");
        assert_eq!(d[0].message.zh, "正文所述办理申请9件，与表三一、本年新收与二、上年结转合计11件不一致");
    }

    /// A sparse row read two ways that agree on the total (`… 2 2`): the total is known.
    fn ambiguous(alternative_total: i64) -> xxgk_model::Report {
        use xxgk_model::{Inference, InferenceKind, InferenceStatus, TableKey, Value};
        let mut r = report("2023年，我局共收到政府信息公开申请3件。", [2, 0, 2], [0, 0, 0]);
        let mut alt = vec![Some(Value::Int(0)); 6];
        alt[1] = Some(Value::Int(2));
        alt.push(Some(Value::Int(alternative_total)));
        let span = r.tables.requests.as_ref().unwrap().rows[0].label;
        r.inferences.push(Inference {
            table: TableKey::Requests,
            row: "new",
            span,
            text: "2 2".into(),
            status: InferenceStatus::Ambiguous,
            kind: InferenceKind::Sparse,
            alternatives: vec![alt],
        });
        r
    }

    #[test]
    fn ambiguous_readings_that_agree_on_the_total_still_compare() {
        let r = ambiguous(2);
        assert_eq!(at(&r, &run(&r, "XG501")), ["3"]);
        // Readings that differ in the total leave it unknown: no comparison.
        assert!(run(&ambiguous(4), "XG501").is_empty());
    }

    #[test]
    fn silent_without_table_3() {
        let mut r = report("共收到政府信息公开申请12件。", [10, 0, 10], [0, 0, 0]);
        r.tables.requests = None;
        assert!(run(&r, "XG501").is_empty());
    }
}
