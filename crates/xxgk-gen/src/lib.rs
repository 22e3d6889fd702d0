//! A generated corpus of 政府信息公开工作年度报告 with an answer key, and xxgk's quality against it.
//!
//! [`generate`] writes report `index` of the corpus of `seed`: random but consistent tables 2–4
//! in one of seven layouts ([`Layout`]), prose in the national template's wording, and at most
//! one injected [`Defect`] whose expected findings ([`Answer`]) form the answer key. Reports
//! come in three-year series of one body ([`series_of`]) whose tables follow on from year to
//! year (carry-over, documents in force), as a province's corpus over several years does. Everything
//! depends on `(seed, index)` only. [`quality`] reads each report with `xxgk_adapters`, runs
//! `xxgk_engine::check`, and scores every rule against the key.
#![warn(missing_docs)]

pub mod defects;
pub mod prose;
pub mod quality;
pub mod render;
pub mod rng;
pub mod tables;

pub use defects::Defect;
pub use render::Layout;

use prose::Ctx;
use render::render;
use rng::Rng;
use serde::Serialize;
use tables::Truth;
use xxgk_model::TableKey;

/// One expected finding of the answer key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The report's path inside the corpus.
    pub file: String,
    /// The rule code that must report it.
    pub code: &'static str,
    /// The 1-based line of the source where it belongs, where that is well defined.
    pub line: Option<u32>,
    /// The injected defect (or the layout) that causes it.
    pub cause: &'static str,
}

/// Where an expected finding belongs, before the report is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// At the line of the `n`th (1-based) occurrence of a text.
    Text(String, usize),
    /// At the line of a table cell.
    Cell(TableKey, usize, usize),
    /// Anywhere in the file (one or more findings of the code).
    File,
}

/// An expected finding before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    /// The code.
    pub code: &'static str,
    /// Where.
    pub at: At,
}

impl Expect {
    fn new(code: &'static str, at: At) -> Expect {
        Expect { code, at }
    }
}

/// A generated report.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Its path inside the corpus, e.g. `003/00321.txt`.
    pub path: String,
    /// Its layout.
    pub layout: Layout,
    /// The injected defect, if any.
    pub defect: Option<Defect>,
    /// The file's content.
    pub text: String,
    /// The tables as printed.
    pub truth: Truth,
    /// The expected findings.
    pub answers: Vec<Answer>,
}

/// Reports come in series of this many years: report `index` is year `index % SERIES` of body
/// `index / SERIES`'s series (see [`series_of`]).
pub const SERIES: u64 = 3;
/// The first year of a series.
pub const FIRST_YEAR: i32 = 2021;

/// The body and the year of report `index`. Names are distinct for the first
/// `SERIES × BODIES` reports; after that they come back, three years earlier each round, so
/// that no body has two reports of one year.
pub fn series_of(index: u64) -> (prose::Body, i32) {
    let body = index / SERIES;
    let round = (body / prose::BODIES) as i32;
    (prose::Body::nth(body), FIRST_YEAR + (index % SERIES) as i32 - SERIES as i32 * round)
}

/// The layout of report `index`: a body prints its reports alike, and the bodies take the
/// seven layouts in turn, so every small corpus has each.
pub fn layout_of(index: u64) -> Layout {
    Layout::ALL[((index / SERIES) % Layout::ALL.len() as u64) as usize]
}

/// The tables of report `index` before any defect, following last year's of its series.
fn truth_of(seed: u64, index: u64, rng: &mut Rng) -> Truth {
    let layout = layout_of(index);
    let last = (!index.is_multiple_of(SERIES))
        .then(|| truth_of(seed, index - 1, &mut Rng::for_report(seed, index - 1)));
    let mut truth = Truth::following(rng, layout == Layout::Glued, last.as_ref());
    if layout == Layout::TotalsOnly {
        // A totals-only table 3 is faithful only when there is nothing in the applicant columns.
        truth.t3 = [[Some(0); 7]; 25];
    }
    truth
}

/// Generate report `index` of the corpus of `seed`.
pub fn generate(seed: u64, index: u64) -> Generated {
    let mut rng = Rng::for_report(seed, index);
    let layout = layout_of(index);
    let truth = truth_of(seed, index, &mut rng);
    let (body, year) = series_of(index);
    let mut cx = Ctx::random(&mut rng, truth, body, year);
    let defect = if rng.chance(35) { None } else { Some(defects::choose(&mut rng, layout, &cx)) };
    let mut expects = Vec::new();
    if let Some(d) = defect {
        expects.extend(defects::before(d, &mut rng, &mut cx));
    }
    let mut doc = prose::document(&cx, &mut rng);
    if let Some(d) = defect {
        expects.extend(defects::after(d, &mut rng, &cx, &mut doc));
    }
    let spaced = rng.chance(50);
    let out = render(&doc.blocks(), &cx.truth, layout, cx.p, spaced);
    let path = format!("{:03}/{:05}.{}", index / 100, index, layout.extension());
    let mut answers: Vec<Answer> = Vec::new();
    if out.inferred {
        answers.push(Answer { file: path.clone(), code: "XG004", line: None, cause: layout.as_str() });
    }
    let cause = defect.map_or("none", Defect::as_str);
    for e in expects {
        let line = match &e.at {
            At::File => None,
            At::Cell(t, r, c) => out.cell_lines.get(&(*t, *r, *c)).copied(),
            At::Text(needle, nth) => line_of(&out.text, needle, *nth),
        };
        answers.push(Answer { file: path.clone(), code: e.code, line, cause });
    }
    answers.sort_by(|a, b| (a.code, a.line).cmp(&(b.code, b.line)));
    Generated { path, layout, defect, text: out.text, truth: cx.truth, answers }
}

/// The 1-based line of the `nth` occurrence of `needle` in `text`.
pub fn line_of(text: &str, needle: &str, nth: usize) -> Option<u32> {
    let (at, _) = text.match_indices(needle).nth(nth.saturating_sub(1))?;
    Some(text[..at].bytes().filter(|b| *b == b'\n').count() as u32 + 1)
}

/// The answer key as JSON lines.
pub fn answers_jsonl(reports: &[Generated]) -> String {
    let mut s = String::new();
    for r in reports {
        for a in &r.answers {
            s.push_str(&serde_json::to_string(a).unwrap_or_default());
            s.push('\n');
        }
    }
    s
}
