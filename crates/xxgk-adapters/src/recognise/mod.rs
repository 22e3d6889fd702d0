//! The shared recogniser: from a report's plain text to metadata, sections and tables 2–4.
//!
//! Every adapter produces plain text (with an offset map back to its source) and calls
//! [`recognise`]; recognition is driven by the template's own labels and structure, never by
//! anything outside the text. Matching runs on a folded view ([`fold::Folded`]) that ignores
//! whitespace, pipes and full-width forms, and maps every match back to an exact span.
mod bounded;
pub mod fold;
mod labels;
mod meta;
mod narrative;
mod sections;
mod tables;
mod template2019;

use fold::Folded;
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, SectionKey, Span, TableKey};

/// Phrases of the 2019 template (XG104).
static OUTDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/减|本年增减|第二十条第\(九\)项",
    )
    .unwrap()
});

/// Steps that compile now the patterns recognition uses, in the order a report needs them
/// (headings, metadata, tables, the 2019 template's phrases, the prose counts). Each is
/// idempotent and cheap once done; run on other threads while a first report is read, they
/// overlap their compilation with that work (see `xxgk check`).
pub const PREPARE: &[fn()] =
    &[sections::prepare, meta::prepare, tables::prepare, outdated, narrative::prepare];

fn outdated() {
    LazyLock::force(&OUTDATED);
}

/// Every step of [`PREPARE`], on this thread.
pub fn prepare() {
    PREPARE.iter().for_each(|step| step());
}

/// Fill `report.meta`, `headings`, `sections`, `tables`, `inferences` and `problems` from `report.text`.
pub fn recognise(report: &mut Report) {
    let folded = Folded::new(&report.text);
    report.headings = sections::find_headings(&report.text, &folded);
    report.sections = sections::build_sections(report.text.len(), &report.headings);
    // The report ends where a repeated copy of it begins.
    let report_end = report.sections.last().map_or(report.text.len(), |s| s.body.end as usize);
    report.meta = meta::find_meta(&report.text, &report.sections, report_end);

    let whole = Span::new(0, report_end);
    let region = |report: &Report, key: SectionKey| report.section(key).map_or(whole, |s| s.body);
    let r2 = region(report, SectionKey::Proactive);
    report.tables.proactive = tables::labelled_table(report, &folded, TableKey::Proactive, r2);
    let r3 = region(report, SectionKey::Requests);
    report.tables.requests = tables::labelled_table(report, &folded, TableKey::Requests, r3);
    let r4 = region(report, SectionKey::Appeals);
    report.tables.appeals = tables::appeals_table(report, &folded, r4)
        .or_else(|| tables::labelled_table(report, &folded, TableKey::Appeals, r4));

    let f = folded.text.get(..folded.folded_at(report_end)).unwrap_or("");
    let phrases: Vec<Span> = OUTDATED
        .find_iter(f)
        .map(|m| Span::new(folded.orig(m.start()), folded.orig_end(m.end(), &report.text)))
        .collect();
    // The table readers may have noted places already (a one-row （六）其他处理).
    report.outdated_template.extend(phrases);
    report.outdated_template.sort();
}
