//! The defects injected into generated reports, and the findings each must produce.
//!
//! The code of each defect follows the rule's own documentation (`xxgk explain CODE`); the
//! identities a changed cell breaks are computed from the changed table, so the key never
//! guesses which sums fail.
use crate::prose::{date_between, heading, Ctx, Date, Doc, Level};
use crate::render::{Block, Layout};
use crate::rng::Rng;
use crate::tables::{OUTCOME_TOTAL, TOTAL};
use crate::{At, Expect};
use xxgk_model::{SectionKey, TableKey};

/// A kind of injected defect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Defect {
    /// A table 3 outcome cell changed: its row total and its column's outcome sum fail.
    OutcomeCell,
    /// A table 3 本年新收 cell changed: its row total and its column's balance fail.
    NewCell,
    /// A table 3 row's 总计 changed.
    RowTotal,
    /// A table 4 group's 总计 changed.
    GroupTotal,
    /// A table 3 总计 left blank while its row has requests.
    TotalBlank,
    /// Table 2: 现行有效件数 below 本年制发件数.
    InForceBelowIssued,
    /// Section 六 without the fee statement.
    FeeMissing,
    /// The statistics period stops before 31 December.
    PeriodNotYear,
    /// The statistics period is another whole year.
    PeriodWrongYear,
    /// Published after the deadline, or before the year ended.
    PublishedLate,
    /// A date that cannot be one.
    MalformedDate,
    /// Section 五 or 六 left out.
    SectionMissing,
    /// Sections 五 and 六 swapped.
    SectionOrder,
    /// Draft placeholder left in.
    Placeholder,
    /// A misspelling of the genre.
    Wording,
    /// The whole text printed twice.
    Duplicated,
    /// Page furniture left at the end.
    WebChrome,
    /// The fee measures cited under a wrong name.
    RegulationName,
    /// The 2007 条例 cited as the basis.
    OutdatedLaw,
    /// The text's count of requests differs from table 3.
    NarrativeRequests,
    /// A bracket left open.
    UnbalancedBracket,
    /// No statistics period stated.
    PeriodMissing,
    /// Section 五 says only 无.
    ProblemsEmpty,
    /// The text says no review or lawsuit while table 4 has some.
    NarrativeAppeals,
    /// Next year's plans dated to the report year.
    StaleYear,
    /// The format's document number written without its 〕.
    DocumentNumber,
    /// The introduction claims five parts.
    PartsClaim,
    /// Section 一 leaves out 监督保障 (a department's report).
    OverviewTopic,
    /// A government's report says nothing of 考核, 评议, 责任追究.
    Accountability,
    /// Table 2's 行政事业性收费 implausible in 万元.
    FeeUnit,
}

impl Defect {
    /// Every defect kind.
    pub const ALL: [Defect; 30] = [
        Defect::OutcomeCell,
        Defect::NewCell,
        Defect::RowTotal,
        Defect::GroupTotal,
        Defect::TotalBlank,
        Defect::InForceBelowIssued,
        Defect::FeeMissing,
        Defect::PeriodNotYear,
        Defect::PeriodWrongYear,
        Defect::PublishedLate,
        Defect::MalformedDate,
        Defect::SectionMissing,
        Defect::SectionOrder,
        Defect::Placeholder,
        Defect::Wording,
        Defect::Duplicated,
        Defect::WebChrome,
        Defect::RegulationName,
        Defect::OutdatedLaw,
        Defect::NarrativeRequests,
        Defect::UnbalancedBracket,
        Defect::PeriodMissing,
        Defect::ProblemsEmpty,
        Defect::NarrativeAppeals,
        Defect::StaleYear,
        Defect::DocumentNumber,
        Defect::PartsClaim,
        Defect::OverviewTopic,
        Defect::Accountability,
        Defect::FeeUnit,
    ];

    /// Its kebab-case name (the `cause` of its answers).
    pub fn as_str(self) -> &'static str {
        match self {
            Defect::OutcomeCell => "outcome-cell",
            Defect::NewCell => "new-cell",
            Defect::RowTotal => "row-total",
            Defect::GroupTotal => "group-total",
            Defect::TotalBlank => "total-blank",
            Defect::InForceBelowIssued => "in-force-below-issued",
            Defect::FeeMissing => "fee-missing",
            Defect::PeriodNotYear => "period-not-year",
            Defect::PeriodWrongYear => "period-wrong-year",
            Defect::PublishedLate => "published-late",
            Defect::MalformedDate => "malformed-date",
            Defect::SectionMissing => "section-missing",
            Defect::SectionOrder => "section-order",
            Defect::Placeholder => "placeholder",
            Defect::Wording => "wording",
            Defect::Duplicated => "duplicated",
            Defect::WebChrome => "web-chrome",
            Defect::RegulationName => "regulation-name",
            Defect::OutdatedLaw => "outdated-law",
            Defect::NarrativeRequests => "narrative-requests",
            Defect::UnbalancedBracket => "unbalanced-bracket",
            Defect::PeriodMissing => "period-missing",
            Defect::ProblemsEmpty => "problems-empty",
            Defect::NarrativeAppeals => "narrative-appeals",
            Defect::StaleYear => "stale-year",
            Defect::DocumentNumber => "document-number",
            Defect::PartsClaim => "parts-claim",
            Defect::OverviewTopic => "overview-topic",
            Defect::Accountability => "accountability",
            Defect::FeeUnit => "fee-unit",
        }
    }

    /// Whether the defect changes table cells (only layouts that print every cell carry it
    /// faithfully: a reader of glued or dropped cells would read another table).
    pub fn in_tables(self) -> bool {
        matches!(
            self,
            Defect::OutcomeCell
                | Defect::NewCell
                | Defect::RowTotal
                | Defect::GroupTotal
                | Defect::TotalBlank
                | Defect::InForceBelowIssued
        )
    }
}

/// A defect for a report in `layout` about `cx`.
pub fn choose(rng: &mut Rng, layout: Layout, cx: &Ctx) -> Defect {
    let gov = cx.level == Level::Government;
    let kinds: Vec<Defect> = Defect::ALL
        .iter()
        .copied()
        .filter(|d| layout.explicit_cells() || !d.in_tables())
        .filter(|d| match d {
            Defect::Accountability => gov,
            Defect::OverviewTopic => !gov,
            _ => true,
        })
        .collect();
    *rng.pick(&kinds)
}

fn cell(t: TableKey, r: usize, c: usize) -> At {
    At::Cell(t, r, c)
}

/// Apply the part of `d` that changes the context (tables, dates); the expected findings.
pub fn before(d: Defect, rng: &mut Rng, cx: &mut Ctx) -> Vec<Expect> {
    let t = &mut cx.truth;
    let bump = rng.range(1, 3);
    let add = |v: &mut Option<u64>, k: u64| *v = Some(v.unwrap_or(0) + k);
    match d {
        Defect::OutcomeCell => {
            let r = rng.range(2, 22) as usize;
            let c = rng.range(0, 5) as usize;
            add(&mut t.t3[r][c], bump);
            if r == 21 {
                // Requests ended for an unpaid fee, while section 六 says nothing was charged.
                let mut v: Vec<Expect> = Vec::new();
                v.push(Expect::new("XG302", At::Text(cx.fee_statement(), 1)));
                v.extend(identities(&cx.truth));
                return v;
            }
        }
        Defect::NewCell => {
            let c = rng.range(0, 5) as usize;
            add(&mut t.t3[0][c], bump);
            cx.stated_requests = t.t3[0][TOTAL].unwrap_or(0);
        }
        Defect::RowTotal => {
            let r = *rng.pick(&[0, 2, 12, OUTCOME_TOTAL, 24]);
            add(&mut t.t3[r][TOTAL], bump);
            if r == 0 {
                // The text follows the (wrong) printed total, so XG501 has nothing to say.
                cx.stated_requests = t.t3[0][TOTAL].unwrap_or(0);
            }
        }
        Defect::GroupTotal => {
            let g = rng.range(0, 2) as usize;
            add(&mut t.t4[g][4], bump);
        }
        Defect::TotalBlank => {
            let r = (0..25).find(|r| *r != 0 && t.t3[*r][TOTAL].unwrap_or(0) > 0);
            let r = match r {
                Some(r) => r,
                None => {
                    // Give the row 予以公开 one natural-person request, balanced everywhere.
                    for row in [0, 2, OUTCOME_TOTAL] {
                        add(&mut t.t3[row][0], 1);
                        add(&mut t.t3[row][TOTAL], 1);
                    }
                    cx.stated_requests = t.t3[0][TOTAL].unwrap_or(0);
                    2
                }
            };
            t.t3[r][TOTAL] = None;
            return vec![Expect::new("XG208", cell(TableKey::Requests, r, TOTAL))];
        }
        Defect::InForceBelowIssued => {
            let issued = rng.range(3, 12);
            t.docs[1] = [issued, 0, issued - rng.range(1, 2)];
            return vec![Expect::new("XG206", cell(TableKey::Proactive, 1, 2))];
        }
        Defect::PeriodNotYear => {
            let y = cx.year;
            cx.period = Some(if rng.chance(50) {
                (Date { y, m: 1, d: 1 }, Date { y, m: 11, d: 30 })
            } else {
                (Date { y, m: 2, d: 1 }, Date { y, m: 12, d: 31 })
            });
            return vec![Expect::new("XG401", At::Text("统计期限为".into(), 1))];
        }
        Defect::PeriodWrongYear => {
            let y = cx.year - 1;
            cx.period = Some((Date { y, m: 1, d: 1 }, Date { y, m: 12, d: 31 }));
            return vec![Expect::new("XG403", At::Text("统计期限为".into(), 1))];
        }
        Defect::PublishedLate => {
            let y = cx.year;
            cx.published = if rng.chance(25) {
                date_between(rng, y, (11, 1), (12, 20))
            } else if cx.level == Level::Government {
                date_between(rng, y + 1, (4, 1), (6, 30))
            } else {
                date_between(rng, y + 1, (2, 1), (3, 31))
            };
            if cx.signed > cx.published {
                cx.signed = cx.published;
            }
            return vec![Expect::new("XG404", At::Text(cx.published_field(), 1))];
        }
        Defect::NarrativeAppeals => {
            if t.t4[0][4].unwrap_or(0) == 0 {
                t.t4[0] = [Some(1), Some(0), Some(0), Some(0), Some(1)];
            }
            cx.deny_appeals = true;
            // "None filed" contradicts the review total, and the lawsuit totals when they are not 0.
            let at = At::Text("全年未发生因政府信息公开工作被申请行政复议".into(), 1);
            let suits = t.t4[1][4].unwrap_or(0) + t.t4[2][4].unwrap_or(0);
            let n = if suits > 0 { 2 } else { 1 };
            return vec![Expect::new("XG502", at); n];
        }
        Defect::FeeUnit => {
            t.fees = if rng.chance(50) { "1250000".into() } else { "3.1234567".into() };
            return vec![Expect::new("XG209", cell(TableKey::Proactive, 5, 0))];
        }
        Defect::PeriodMissing => {
            cx.period = None;
            return vec![Expect::new("XG402", At::File)];
        }
        Defect::NarrativeRequests => {
            // Neither 本年新收 nor 本年新收 + 上年结转 (which XG501 also accepts as the count).
            let n = t.t3[0][TOTAL].unwrap_or(0);
            let with_carried = n + t.t3[1][TOTAL].unwrap_or(0);
            cx.stated_requests = n + rng.range(1, 9);
            if cx.stated_requests == with_carried {
                cx.stated_requests += 1;
            }
            let needle = format!("共收到政府信息公开申请{}件", cx.stated_requests);
            return vec![Expect::new("XG501", At::Text(needle, 1))];
        }
        _ => return Vec::new(),
    }
    identities(&cx.truth)
}

/// The findings the failing identities of `t` must produce.
fn identities(t: &crate::tables::Truth) -> Vec<Expect> {
    t.failing_identities()
        .into_iter()
        .map(|(code, table, r, c)| Expect::new(code, cell(table, r, c)))
        .collect()
}

/// Replace the first occurrence of `from` in any paragraph of `blocks` by `to`; whether it did.
fn replace_in(blocks: &mut [Block], from: &str, to: &str) -> bool {
    for b in blocks {
        if let Block::Para(s) = b {
            if s.contains(from) {
                *s = s.replacen(from, to, 1);
                return true;
            }
        }
    }
    false
}

/// Apply the part of `d` that changes the written document; the expected findings.
pub fn after(d: Defect, rng: &mut Rng, cx: &Ctx, doc: &mut Doc) -> Vec<Expect> {
    let y = cx.year;
    match d {
        Defect::FeeMissing => {
            if let Some(s6) = doc.section_mut(SectionKey::Other) {
                *s6 = vec![
                    Block::Para(heading(SectionKey::Other)),
                    Block::Para("无其他需要报告的事项。".into()),
                ];
            }
            vec![Expect::new("XG301", At::Text(heading(SectionKey::Other), 1))]
        }
        Defect::MalformedDate => {
            let from = platform_date(cx);
            let bad = match rng.range(0, 2) {
                0 => from.replace('年', ""),
                1 => format!("{}年13月", y - 1),
                _ => format!("{}年2月30日", y - 1),
            };
            replace_in(&mut doc.sections[0].1, &from, &bad);
            vec![Expect::new("XG405", At::Text(bad, 1))]
        }
        Defect::SectionMissing => {
            let key = if rng.chance(50) { SectionKey::Problems } else { SectionKey::Other };
            doc.sections.retain(|(k, _)| *k != key);
            let at =
                if key == SectionKey::Problems { At::Text(heading(SectionKey::Other), 1) } else { At::File };
            vec![Expect::new("XG101", at)]
        }
        Defect::SectionOrder => {
            doc.sections.swap(4, 5);
            vec![Expect::new("XG102", At::File)]
        }
        Defect::Placeholder => {
            let (text, needle) = match rng.range(0, 2) {
                0 => (format!("{}年，", y + 1), format!("{}年，", "20XX")),
                1 => ("主动公开政府信息".to_string(), "主动公开××政府信息".to_string()),
                _ => ("一是加强主动公开".to_string(), "【待补充】一是加强主动公开".to_string()),
            };
            let mut done = false;
            for (_, blocks) in doc.sections.iter_mut() {
                if !done {
                    done = replace_in(blocks, &text, &needle);
                }
            }
            let shown = needle.trim_end_matches('，').to_string();
            vec![Expect::new("XG602", At::Text(shown, 1))]
        }
        Defect::Wording => {
            let (from, to) = *rng.pick(&[
                ("健全", "建全"),
                ("不予公开", "不子公开"),
                ("政府信息公开条例", "政府信息公开条列"),
            ]);
            let mut done = replace_in(&mut doc.head, from, to);
            for (_, blocks) in doc.sections.iter_mut() {
                if !done {
                    done = replace_in(blocks, from, to);
                }
            }
            vec![Expect::new("XG603", At::Text(to.to_string(), 1))]
        }
        Defect::Duplicated => {
            let first = match doc.head.first() {
                Some(Block::Para(s)) => s.clone(),
                _ => cx.title(),
            };
            // The second copy starts at the first line's next occurrence after those in one copy.
            let once: usize = doc
                .blocks()
                .iter()
                .map(|b| if let Block::Para(s) = b { s.matches(first.as_str()).count() } else { 0 })
                .sum();
            doc.twice = true;
            vec![Expect::new("XG005", At::Text(first, once + 1))]
        }
        Defect::WebChrome => {
            doc.tail.push(Block::Para("打印本页 关闭窗口".into()));
            vec![
                Expect::new("XG601", At::Text("打印本页".into(), 1)),
                Expect::new("XG601", At::Text("关闭窗口".into(), 1)),
            ]
        }
        Defect::RegulationName => {
            let wrong = "依据《政府信息公开信息处理管理办法》规定，本年度未收取信息处理费。";
            if let Some(s6) = doc.section_mut(SectionKey::Other) {
                s6[1] = Block::Para(wrong.into());
            }
            vec![Expect::new("XG303", At::Text("《政府信息公开信息处理管理办法》".into(), 1))]
        }
        Defect::OutdatedLaw => {
            replace_in(
                &mut doc.head,
                "《中华人民共和国政府信息公开条例》",
                "《中华人民共和国政府信息公开条例》（国务院令第492号）",
            );
            vec![Expect::new("XG605", At::Text("国务院令第492号".into(), 1))]
        }
        Defect::UnbalancedBracket => {
            let open =
                if cx.p.full { "（以下简称《条例》）" } else { "(以下简称《条例》)" };
            let broken = open.trim_end_matches(['）', ')']);
            replace_in(&mut doc.head, open, broken);
            let at = if cx.p.full { "（以下简称" } else { "(以下简称" };
            vec![Expect::new("XG604", At::Text(at.into(), 1))]
        }
        Defect::ProblemsEmpty => {
            if let Some(s5) = doc.section_mut(SectionKey::Problems) {
                *s5 = vec![Block::Para(heading(SectionKey::Problems)), Block::Para("无。".into())];
            }
            vec![Expect::new("XG108", At::Text(heading(SectionKey::Problems), 1))]
        }
        Defect::StaleYear => {
            let from = format!("{}年，{}将", y + 1, cx.subject());
            let to = format!("下一步，{y}年{}将", cx.subject());
            if let Some(s5) = doc.section_mut(SectionKey::Problems) {
                replace_in(s5, &from, &to);
            }
            vec![Expect::new("XG406", At::Text(format!("下一步，{y}年"), 1))]
        }
        Defect::DocumentNumber => {
            if !replace_in(&mut doc.head, "国办公开办函〔2021〕30号", "国办公开办函〔202130号")
            {
                if let Some(Block::Para(intro)) = doc.head.last_mut() {
                    intro.push_str("本报告按照国办公开办函〔202130号规定的格式编制。");
                }
            }
            vec![Expect::new("XG606", At::Text("国办公开办函〔202130号".into(), 1))]
        }
        Defect::PartsClaim => {
            if !replace_in(&mut doc.head, "六个部分", "五个部分") {
                if let Some(Block::Para(intro)) = doc.head.last_mut() {
                    intro.push_str(&format!("本报告包括{}五个部分。", crate::prose::PARTS.join("、")));
                }
            }
            vec![Expect::new("XG105", At::Text("五个部分".into(), 1))]
        }
        Defect::OverviewTopic | Defect::Accountability => {
            let (n, title) = if d == Defect::OverviewTopic {
                ("五", "监督保障情况")
            } else {
                ("六", "年度政务公开工作考核")
            };
            let sub = format!("{}{title}", cx.p.paren(n));
            if let Some(s1) = doc.section_mut(SectionKey::Overview) {
                if let Some(i) = s1.iter().position(|b| matches!(b, Block::Para(s) if s.starts_with(&sub))) {
                    s1.drain(i..(i + 2).min(s1.len()));
                }
            }
            let code = if d == Defect::OverviewTopic { "XG106" } else { "XG107" };
            vec![Expect::new(code, At::Text(heading(SectionKey::Overview), 1))]
        }
        _ => Vec::new(),
    }
}

/// The platform paragraph's date of the site's relaunch, as written.
fn platform_date(cx: &Ctx) -> String {
    let y = cx.year - 1 - cx.numbers[5] as i32;
    format!("{y}年{}月", cx.numbers[4])
}
