//! The figures reviewers watch, computed from tables 2–4: one definition for `--summary`,
//! `history` and the audit page, so that a spreadsheet and the page agree.
//!
//! - 实质公开率 (disclosure rate) = (予以公开 + 部分公开) / (七)总计, table 3's 总计 column;
//! - 行政复议纠错率 (review correction rate) = 结果纠正 / (总计 − 尚未审结), table 4's review group;
//! - 行政诉讼纠错率 (litigation correction rate) likewise, over both lawsuit groups;
//! - 依申请公开申请量 (requests) = 本年新收, 总计 column.
//!
//! A ratio over fewer than [`SMALL_SAMPLE`] cases is kept but marked small: it says little and
//! is not ranked on.
use crate::report::Report;
use crate::table::Table;
use serde_json::{json, Value as Json};

/// Fewer cases than this make a ratio too small to rank on.
pub const SMALL_SAMPLE: f64 = 30.0;

/// A ratio with its parts, so a reader sees what it is over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratio {
    /// The cases counted.
    pub numerator: f64,
    /// The cases it is over.
    pub denominator: f64,
}

impl Ratio {
    /// The ratio, or `None` over no cases.
    pub fn value(&self) -> Option<f64> {
        (self.denominator > 0.0).then(|| self.numerator / self.denominator)
    }
    /// Whether it is over fewer than [`SMALL_SAMPLE`] cases.
    pub fn is_small(&self) -> bool {
        self.denominator < SMALL_SAMPLE
    }
    fn json(&self) -> Json {
        json!({
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value(),
            "small_sample": self.is_small(),
        })
    }
}

/// The key figures of one report; `None` where the table was not found.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    /// 一、本年新收 (total column).
    pub requests_new: Option<f64>,
    /// 二、上年结转 (total column).
    pub carried_over: Option<f64>,
    /// (七)总计 (total column).
    pub outcome_total: Option<f64>,
    /// 四、结转下年度继续办理 (total column).
    pub carried_forward: Option<f64>,
    /// 实质公开率.
    pub disclosure_rate: Option<Ratio>,
    /// 行政复议 总计.
    pub reviews: Option<f64>,
    /// 行政复议纠错率.
    pub review_correction_rate: Option<Ratio>,
    /// 行政诉讼 总计, both groups.
    pub lawsuits: Option<f64>,
    /// 行政诉讼纠错率, both groups.
    pub litigation_correction_rate: Option<Ratio>,
    /// 行政事业性收费 本年收费金额（万元）, table 2.
    pub fees_wan: Option<f64>,
}

fn total(table: &Table, row: &str) -> f64 {
    table.num(row, "total")
}

/// 结果纠正 / (总计 − 尚未审结) over the given table 4 groups.
fn correction(table: &Table, groups: &[&str]) -> Ratio {
    let (mut corrected, mut decided) = (0.0, 0.0);
    for g in groups {
        corrected += table.num(g, "corrected");
        decided += table.num(g, "total") - table.num(g, "pending");
    }
    Ratio { numerator: corrected, denominator: decided.max(0.0) }
}

impl Figures {
    /// The figures of `report`, from the tables as read (a blank cell counts 0).
    pub fn of(report: &Report) -> Figures {
        let mut f = Figures::default();
        if let Some(t) = &report.tables.requests {
            f.requests_new = Some(total(t, "new"));
            f.carried_over = Some(total(t, "carried_over"));
            f.outcome_total = Some(total(t, "outcome_total"));
            f.carried_forward = Some(total(t, "carried_forward"));
            f.disclosure_rate = Some(Ratio {
                numerator: total(t, "granted") + total(t, "partial"),
                denominator: total(t, "outcome_total"),
            });
        }
        if let Some(t) = &report.tables.appeals {
            f.reviews = Some(t.num("review", "total"));
            f.review_correction_rate = Some(correction(t, &["review"]));
            f.lawsuits =
                Some(t.num("litigation_direct", "total") + t.num("litigation_after_review", "total"));
            f.litigation_correction_rate =
                Some(correction(t, &["litigation_direct", "litigation_after_review"]));
        }
        if let Some(t) = &report.tables.proactive {
            f.fees_wan = t.row("fees").map(|r| r.num("amount_wan"));
        }
        f
    }

    /// The figures as JSON: numbers, ratios as `{numerator, denominator, value, small_sample}`,
    /// `null` where a table was not found.
    pub fn to_json(&self) -> Json {
        json!({
            "requests_new": self.requests_new,
            "carried_over": self.carried_over,
            "outcome_total": self.outcome_total,
            "carried_forward": self.carried_forward,
            "disclosure_rate": self.disclosure_rate.map(|r| r.json()),
            "reviews": self.reviews,
            "review_correction_rate": self.review_correction_rate.map(|r| r.json()),
            "lawsuits": self.lawsuits,
            "litigation_correction_rate": self.litigation_correction_rate.map(|r| r.json()),
            "fees_wan": self.fees_wan,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{TableKey, T3_COLUMNS, T4_COLUMNS};
    use crate::span::Span;
    use crate::table::{Cell, Row, Value};

    fn table(key: TableKey, rows: &[(&'static str, &[i64])], columns: &[crate::ColumnSpec]) -> Table {
        let rows = rows
            .iter()
            .map(|(k, vals)| Row {
                key: k,
                label: Span::default(),
                cells: columns
                    .iter()
                    .zip(vals.iter())
                    .map(|(c, v)| Cell {
                        column: c.key,
                        value: Some(Value::Int(*v)),
                        span: None,
                        inferred: false,
                    })
                    .collect(),
            })
            .collect();
        Table { key, span: Span::default(), rows }
    }

    #[test]
    fn rates_from_the_tables() {
        let mut r = Report::default();
        assert_eq!(Figures::of(&r), Figures::default());
        r.tables.requests = Some(table(
            TableKey::Requests,
            &[
                ("new", &[100, 0, 0, 0, 0, 0, 100]),
                ("carried_over", &[5, 0, 0, 0, 0, 0, 5]),
                ("granted", &[60, 0, 0, 0, 0, 0, 60]),
                ("partial", &[3, 0, 0, 0, 0, 0, 3]),
                ("outcome_total", &[90, 0, 0, 0, 0, 0, 90]),
                ("carried_forward", &[15, 0, 0, 0, 0, 0, 15]),
            ],
            &T3_COLUMNS,
        ));
        r.tables.appeals = Some(table(
            TableKey::Appeals,
            &[
                ("review", &[2, 1, 0, 1, 4]),
                ("litigation_direct", &[1, 0, 0, 0, 1]),
                ("litigation_after_review", &[0, 1, 0, 0, 1]),
            ],
            &T4_COLUMNS,
        ));
        let f = Figures::of(&r);
        assert_eq!(f.requests_new, Some(100.0));
        assert_eq!(f.carried_forward, Some(15.0));
        let rate = f.disclosure_rate.unwrap();
        assert_eq!(
            (rate.numerator, rate.denominator, rate.value(), rate.is_small()),
            (63.0, 90.0, Some(0.7), false)
        );
        let review = f.review_correction_rate.unwrap();
        assert_eq!((review.numerator, review.denominator, review.is_small()), (1.0, 3.0, true));
        assert_eq!(f.lawsuits, Some(2.0));
        assert_eq!(f.litigation_correction_rate.unwrap().value(), Some(0.5));
        assert_eq!(f.fees_wan, None);
        let j = f.to_json();
        assert_eq!(j["disclosure_rate"]["value"], json!(0.7));
        assert_eq!(j["review_correction_rate"]["small_sample"], json!(true));
        assert_eq!(j["fees_wan"], Json::Null);
    }

    #[test]
    fn no_decided_cases_is_no_rate() {
        let r = Ratio { numerator: 0.0, denominator: 0.0 };
        assert_eq!(r.value(), None);
        assert!(r.is_small());
    }
}
