//! XG302 fee-notice-conflict: table 3 has requests ended for unpaid fees, section 六 says nothing was charged.
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, SectionKey, Span};

declare_rule! {
    /// ## 检查内容
    /// 表三"（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息
    /// 公开申请"有数字（大于 0），而第六部分却说没有发出收费通知，或说未收取/不收取信息处理费，
    /// 且没有另外写明发出收费通知的情况。表三或第六部分缺失时不检查（XG002、XG101）。
    /// ## 为什么
    /// 申请因"逾期未按收费通知要求缴纳费用"而终止，说明机关发出过收费通知。第六部分应当
    /// 报告发出收费通知的件数和金额以及实际收取的金额；只写"未收取"，读者会以为从未收费，
    /// 与表三矛盾。
    /// ## 依据
    /// 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号
    /// 年度报告格式表三（六）2 与第六部分；《中华人民共和国政府信息公开条例》第四十二条、第五十条。
    /// ## 示例
    /// 表三（六）2 的总计为 2，第六部分写"本年度未收取信息处理费。"
    /// ## 修复
    /// 在第六部分写明发出收费通知的件数和金额、实际收取的金额（如"发出收费通知 2 件，
    /// 金额 300 元，申请人均未缴纳，实际收取 0 元"）；或改正表三。
    /// ## English
    /// Warns when table 3's row III.(6)2 (requests ended because the applicant did not pay the
    /// fee notice) is above 0 while section 6 says no fee notice was issued or that no fee was
    /// charged, without mentioning the notices. A request ended for an unpaid fee means a fee
    /// notice went out; section 6 should report the notices, their amount and what was
    /// collected (国办函〔2020〕109号). Fix section 6 or table 3.
    pub FEE_NOTICE_CONFLICT = { code: "XG302", name: "fee-notice-conflict", severity: Warning, since: "0.1.0" }
}

/// XG302.
pub(crate) struct FeeNoticeConflict;

/// A statement that no fee notice went out or nothing was charged.
static NOTHING_CHARGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:未|没有|无|不曾)(?:发出|下发|出具|发放|开具|送达|发送)?[^。；;，,\n]{0,6}收费通知",
        r"|(?:未|没有|不|暂未|均未|并未|从未)(?:向[^。；;，,\n]{0,6}?)?(?:收取|收|产生)[^。；;\n]{0,15}费",
    ))
    .expect("valid regex")
});

/// A statement that fee notices went out.
static NOTICE_ISSUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发出|下发|出具|发放|开具|送达|发送)[^。；;\n]{0,10}收费通知").expect("valid regex")
});

/// Whether a match is negated by what comes just before it (未发出 …).
fn negated(text: &str, start: usize) -> bool {
    let before: String = text[..start].chars().rev().take(3).collect();
    ['未', '没', '无', '不'].iter().any(|c| before.contains(*c))
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&NOTHING_CHARGED);
    LazyLock::force(&NOTICE_ISSUED);
}

impl Rule for FeeNoticeConflict {
    fn meta(&self) -> &'static RuleMeta {
        &FEE_NOTICE_CONFLICT
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(table) = report.tables.requests.as_ref() else { return };
        let Some(other) = report.section(SectionKey::Other) else { return };
        let Some(row) = table.row("other_no_fee") else { return };
        let parts: f64 = row.cells.iter().filter(|c| c.column != "total").map(|c| c.num()).sum();
        let count = row.num("total").max(parts);
        if count <= 0.0 {
            return;
        }
        let body = report.slice(other.body);
        if NOTICE_ISSUED.find_iter(body).any(|m| !negated(body, m.start())) {
            return;
        }
        let Some(m) = NOTHING_CHARGED.find(body) else { return };
        let said = m.as_str();
        let n = crate::rules::tables::num(count);
        let span = Span::new(other.body.start as usize + m.start(), other.body.start as usize + m.end());
        let cell = row.cell("total").and_then(|c| c.span).unwrap_or_else(|| row.values_span());
        cx.report(
            Diagnostic::new(
                &FEE_NOTICE_CONFLICT,
                span,
                Text::new(
                    format!("第六部分称“{said}”，但表三有 {n} 件申请因逾期未缴纳费用而终止处理"),
                    format!(
                        "Section 6 says “{said}”, but table 3 has {n} requests ended because the fee notice was not paid"
                    ),
                ),
            )
            .with_label(cell, Text::new(format!("（六）2.逾期未缴纳费用 {n} 件"), format!("III.(6)2 fee not paid: {n}")))
            .with_help(Text::new(
                "申请人逾期未缴费，说明发出过收费通知：在第六部分写明发出收费通知的件数和金额、实际收取的金额，或改正表三",
                "a request ended for an unpaid fee means a fee notice was issued: state the notices, their amount and \
                 the amount collected in section 6, or correct table 3",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_charged_statements() {
        assert_eq!(
            NOTHING_CHARGED.find("本年度未收取信息处理费。").map(|m| m.as_str()),
            Some("未收取信息处理费")
        );
        assert_eq!(NOTHING_CHARGED.find("全年未发出收费通知。").map(|m| m.as_str()), Some("未发出收费通知"));
        assert!(NOTHING_CHARGED.find("发出收费通知2件").is_none());
        let t = "发出收费通知2件，申请人未缴纳，实际未收取费用";
        assert!(NOTICE_ISSUED.find_iter(t).any(|m| !negated(t, m.start())));
        let t = "本年度未发出收费通知";
        assert!(!NOTICE_ISSUED.find_iter(t).any(|m| !negated(t, m.start())));
    }
}
