//! Where a report shows the 2019 template's wording (XG104; XG002 and XG003 defer to it).
use crate::rules::wording::phrases::PhraseSet;
use std::sync::LazyLock;
use xxgk_model::{Report, SectionKey, Span};

/// Phrases only the 2019 template (国办公开办函〔2019〕60号) has; the 2021 format dropped them.
const PHRASES: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "第二十条第（九）项",
    "政府集中采购",
];
/// `政府集中采购` is also ordinary prose in section 一; it counts only in section 二's table.
const TABLE_ONLY: usize = 6;

static SET: LazyLock<Option<PhraseSet>> = LazyLock::new(|| PhraseSet::new(PHRASES.iter().copied(), false));

/// Every place the 2019 template shows, in text order: the recogniser's finds and the phrases above,
/// and a one-row （六）其他处理 in table 3 (the 2021 format splits it into three rows).
pub(crate) fn outdated_template(report: &Report) -> Vec<Span> {
    let mut spans: Vec<Span> = report.outdated_template.clone();
    let proactive = report.section(SectionKey::Proactive).map(|s| s.body);
    if let Some(set) = SET.as_ref() {
        for (i, span) in set.find_iter(&report.text) {
            if i == TABLE_ONLY && !proactive.is_some_and(|b| b.contains(span)) {
                continue;
            }
            spans.push(span);
        }
    }
    if let (Some(table), Some(section)) = (&report.tables.requests, report.section(SectionKey::Requests)) {
        let split = ["other_no_correction", "other_no_fee", "other_other"];
        if split.iter().all(|k| table.row(k).is_none()) {
            let body = report.slice(section.body);
            if let Some(at) = body.find("其他处理") {
                let start = section.body.start as usize + at;
                spans.push(Span::new(start, start + "其他处理".len()));
            }
        }
    }
    spans.sort();
    // The recogniser and the phrase list may both find one place: keep the first of overlapping spans.
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if out.last().is_none_or(|l| s.start >= l.end) {
            out.push(s);
        }
    }
    out
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&SET);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::structure::testing::{report, six};

    #[test]
    fn finds_2019_phrases_in_either_punctuation() {
        let r = report("第二十条第(九)项\n本年新制作数量 本年增/减\n");
        let found: Vec<&str> = outdated_template(&r).into_iter().map(|s| r.slice(s)).collect();
        assert_eq!(found, vec!["第二十条第(九)项", "本年新制作数量", "本年增/减"]);
    }

    #[test]
    fn central_procurement_counts_only_in_section_two() {
        let r = report(&six(["公开政府集中采购信息", "甲", "乙", "丙", "丁", "戊"]));
        assert!(outdated_template(&r).is_empty());
        let r = report(&six(["甲", "政府集中采购 0", "乙", "丙", "丁", "戊"]));
        assert_eq!(outdated_template(&r).len(), 1);
    }

    #[test]
    fn overlapping_finds_are_merged() {
        let mut r = report("本年新制作数量\n");
        r.outdated_template.push(Span::new(0, 21));
        assert_eq!(outdated_template(&r), vec![Span::new(0, 21)]);
    }
}
