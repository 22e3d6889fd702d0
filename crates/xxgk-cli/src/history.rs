//! `xxgk history`: each issuer's key figures year by year (issue #10).
//!
//! Inputs are walked and read as `check` reads them (inputs.rs; `--exclude`, `-j`); of each
//! report only its [`Facts`] are kept, with the config's `series` overrides applied
//! ([`crate::check::cross::facts`]), and the run is paired by [`xxgk_engine::series::pair`], the
//! pairing `check` uses. So a report's "change" is computed against the report `check` compares
//! it with, and the pairing problems listed are `check`'s XG706 findings: two reports of one
//! issuer and year, a missing year, a year that cannot be told, a `previous` not found. Reports
//! whose issuer cannot be told are in no table: they are listed apart, never guessed into one.
//!
//! `--issuer NAME` keeps the issuers whose name is NAME or contains it (compared without
//! whitespace, full-width letters and digits as half-width); none matching is bad input
//! (exit 2), said with the issuers the run found. An input that cannot be read is said on
//! standard error and fails the run (exit 2), as in `check`; the others are still printed.
use crate::args::{HistoryArgs, HistoryFormat};
use crate::check::{config_error, cross, write_output};
use crate::inputs::{self, Input, Unreadable};
use crate::render::csv::number;
use crate::render::summary::{figure_cells, FIGURE_COLUMNS};
use crate::{json_bytes, read_options, write_stdout, Outcome, RunError};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use unicode_width::UnicodeWidthStr;
use xxgk_engine::config::{ConfigError, Overrides, Resolver};
use xxgk_engine::series::{self, Facts};
use xxgk_engine::Lang;
use xxgk_model::figures::Ratio;

/// One input read: its facts, or its name and why it could not be read.
type Read = Result<Facts, (String, Unreadable)>;

/// The format version of `history --format json`.
const JSON_VERSION: u32 = 1;

/// One report in the history.
struct Entry<'a> {
    facts: &'a Facts,
    /// The report it is paired with as last year's (the one `check` compares it with).
    previous: Option<&'a Facts>,
    /// Pairing problems on this report (XG706 messages).
    problems: Vec<(&'a str, &'a xxgk_engine::Text)>,
}

impl Entry<'_> {
    /// The change of 本年新收 from the paired report: (difference, relative change).
    fn change(&self) -> (Option<f64>, Option<f64>) {
        let now = self.facts.summary.requests_new;
        let before = self.previous.and_then(|p| p.summary.requests_new);
        match (now, before) {
            (Some(n), Some(b)) => (Some(n - b), (b > 0.0).then(|| (n - b) / b)),
            _ => (None, None),
        }
    }
}

/// One issuer's reports, by year (a report without a year last), then path.
struct Series<'a> {
    issuer: &'a str,
    entries: Vec<Entry<'a>>,
}

/// The history of a run.
struct History<'a> {
    issuers: Vec<Series<'a>>,
    /// Reports whose issuer cannot be told, in path order.
    unassigned: Vec<Entry<'a>>,
    /// Inputs that could not be read.
    unreadable: Vec<(String, Unreadable)>,
}

impl<'a> History<'a> {
    fn of(
        facts: &'a [Facts],
        pairing: &'a series::Pairing,
        unreadable: Vec<(String, Unreadable)>,
    ) -> History<'a> {
        let mut entries: Vec<Entry<'a>> = facts
            .iter()
            .enumerate()
            .map(|(i, f)| Entry {
                facts: f,
                previous: pairing.previous.get(i).copied().flatten().and_then(|j| facts.get(j)),
                problems: Vec::new(),
            })
            .collect();
        for (i, d) in &pairing.problems {
            if let Some(e) = entries.get_mut(*i) {
                e.problems.push((d.code.as_str(), &d.message));
            }
        }
        let mut groups: BTreeMap<&'a str, Vec<Entry<'a>>> = BTreeMap::new();
        let mut unassigned = Vec::new();
        for e in entries {
            match e.facts.issuer.as_deref() {
                Some(issuer) => groups.entry(issuer).or_default().push(e),
                None => unassigned.push(e),
            }
        }
        let issuers = groups
            .into_iter()
            .map(|(issuer, mut entries)| {
                entries.sort_by(|a, b| {
                    let key = |e: &Entry<'_>| (e.facts.year.is_none(), e.facts.year, e.facts.path.clone());
                    key(a).cmp(&key(b))
                });
                Series { issuer, entries }
            })
            .collect();
        History { issuers, unassigned, unreadable }
    }

    /// The reports in the issuers' tables.
    fn reports(&self) -> usize {
        self.issuers.iter().map(|s| s.entries.len()).sum()
    }
}

/// An issuer's name as compared: whitespace dropped, full-width letters and digits folded.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Keep the issuers `--issuer NAME` names; none: a bad argument, with the issuers found.
fn filter(history: &mut History<'_>, name: &str) -> Result<(), RunError> {
    let wanted = fold(name);
    let seen: Vec<&str> = history.issuers.iter().map(|s| s.issuer).collect();
    history.issuers.retain(|s| !wanted.is_empty() && fold(s.issuer).contains(&wanted));
    if history.issuers.is_empty() {
        let help = if seen.is_empty() {
            "没有一份报告能确定发布机关 / no report's issuer could be told".to_string()
        } else {
            format!("本次读到的发布机关 / issuers found: {}", seen.join("、"))
        };
        return Err(miette::miette!(
            help = help,
            "--issuer {name}: 没有这个发布机关的报告 / no reports of this issuer"
        )
        .into());
    }
    Ok(())
}

pub(crate) fn history(args: &HistoryArgs, cli_lang: Option<Lang>) -> Result<Outcome, RunError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| miette::miette!("-j: {e}"))?;
    pool.install(|| run(args, cli_lang))
}

fn run(args: &HistoryArgs, cli_lang: Option<Lang>) -> Result<Outcome, RunError> {
    let overrides = Overrides { lang: cli_lang, ..Overrides::default() };
    let resolver = Resolver::new(args.config.as_deref(), overrides).map_err(config_error)?;
    let lang = match cli_lang {
        Some(lang) => lang,
        None => resolver.resolve(Path::new(".")).map_err(config_error)?.lang,
    };
    let options = read_options(args.read.encoding.as_ref())?;
    let collected =
        crate::check::collect_inputs(&args.paths, args.read.stdin_filename.as_deref(), &args.exclude, lang)?;
    let read: Result<Vec<Read>, ConfigError> = collected
        .inputs
        .par_iter()
        .map(|input: &Input| match inputs::read(input, &options) {
            Ok(report) => {
                let settings = resolver.resolve(Path::new(input.name()))?;
                Ok(Ok(cross::facts(&report, &settings)))
            }
            Err(why) => Ok(Err((input.name().to_string(), why))),
        })
        .collect();
    let mut facts = Vec::new();
    let mut unreadable = Vec::new();
    for r in read.map_err(config_error)? {
        match r {
            Ok(f) => facts.push(f),
            Err(u) => unreadable.push(u),
        }
    }
    let pairing = series::pair(&facts);
    let mut history = History::of(&facts, &pairing, unreadable);
    if let Some(name) = &args.issuer {
        filter(&mut history, name)?;
    }
    let bytes = match args.format {
        HistoryFormat::Human => human(&history, lang).into_bytes(),
        HistoryFormat::Csv => csv(&history, lang),
        HistoryFormat::Json => json_bytes(&json(&history, lang)),
    };
    match &args.output {
        Some(path) => write_output(path, &bytes)?,
        None => write_stdout(&bytes)?,
    }
    for (path, why) in &history.unreadable {
        match lang {
            Lang::Zh => eprintln!("无法读取 {path}：{}", why.zh),
            Lang::En => eprintln!("cannot read {path}: {}", why.en),
        }
    }
    Ok(Outcome { errors: 0, failed: !history.unreadable.is_empty() })
}

/// A number, or `-` when the table was not found.
fn value(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), number)
}

/// A ratio as a percentage with one decimal, or `-` over no cases.
fn percent(r: Option<Ratio>) -> String {
    r.and_then(|r| r.value()).map_or_else(|| "-".to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// `+2 (+20.0%)`, `-3 (-25.0%)`, `+5` (from 0), `-` (nothing to compare with).
fn change(entry: &Entry<'_>) -> String {
    let (diff, rate) = entry.change();
    let Some(d) = diff else { return "-".to_string() };
    let d = if d > 0.0 { format!("+{}", number(d)) } else { number(d) };
    match rate {
        Some(r) => format!("{d} ({}{:.1}%)", if r > 0.0 { "+" } else { "" }, r * 100.0),
        None => d,
    }
}

fn year(facts: &Facts) -> String {
    facts.year.map_or_else(|| "?".to_string(), |y| y.to_string())
}

/// The columns of the human table.
fn headers(lang: Lang) -> [&'static str; 13] {
    match lang {
        Lang::Zh => [
            "年度",
            "申请数",
            "变化",
            "上年结转",
            "办理结果总计",
            "结转下年度",
            "复议",
            "诉讼",
            "收费(万元)",
            "实质公开率",
            "复议纠错率",
            "诉讼纠错率",
            "文件",
        ],
        Lang::En => [
            "Year",
            "Requests",
            "Change",
            "Carried over",
            "Outcomes",
            "Carried forward",
            "Reviews",
            "Lawsuits",
            "Fees (10k yuan)",
            "Disclosure",
            "Review corr.",
            "Litigation corr.",
            "File",
        ],
    }
}

fn cells(e: &Entry<'_>) -> [String; 13] {
    let f = &e.facts.summary;
    [
        year(e.facts),
        value(f.requests_new),
        change(e),
        value(f.carried_over),
        value(f.outcome_total),
        value(f.carried_forward),
        value(f.reviews),
        value(f.lawsuits),
        value(f.fees_wan),
        percent(f.disclosure_rate),
        percent(f.review_correction_rate),
        percent(f.litigation_correction_rate),
        e.facts.path.clone(),
    ]
}

/// Rows aligned by display width (a CJK character is two columns): the first column to the
/// left, the numbers to the right, the last (the file) unpadded.
fn table(rows: &[[String; 13]]) -> String {
    let mut widths = [0usize; 13];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            let pad = " ".repeat(w - cell.width());
            match i {
                0 => line.push_str(&format!("{cell}{pad}")),
                12 => line.push_str(cell),
                _ => line.push_str(&format!("{pad}{cell}")),
            }
            if i < 12 {
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn problem_lines(out: &mut String, entries: &[Entry<'_>], lang: Lang) {
    let problems: Vec<(&str, &str)> = entries
        .iter()
        .flat_map(|e| e.problems.iter().map(move |(_, m)| (e.facts.path.as_str(), m.get(lang))))
        .collect();
    if problems.is_empty() {
        return;
    }
    out.push_str(match lang {
        Lang::Zh => "配对问题：\n",
        Lang::En => "Pairing problems:\n",
    });
    for (path, message) in problems {
        let _ = match lang {
            Lang::Zh => writeln!(out, "  - {path}：{message}"),
            Lang::En => writeln!(out, "  - {path}: {message}"),
        };
    }
}

/// The human form: a table per issuer, its pairing problems under it; the reports without an
/// issuer; a closing count.
fn human(history: &History<'_>, lang: Lang) -> String {
    let mut out = String::new();
    for s in &history.issuers {
        let n = s.entries.len();
        let _ = match lang {
            Lang::Zh => writeln!(out, "{}（{n} 份报告）", s.issuer),
            Lang::En => writeln!(out, "{} ({n} {})", s.issuer, if n == 1 { "report" } else { "reports" }),
        };
        let mut rows = vec![headers(lang).map(str::to_string)];
        rows.extend(s.entries.iter().map(cells));
        out.push_str(&table(&rows));
        problem_lines(&mut out, &s.entries, lang);
        out.push('\n');
    }
    if !history.unassigned.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "无法确定发布机关的报告（未列入上表）：\n",
            Lang::En => "Reports whose issuer cannot be told (in no table above):\n",
        });
        for e in &history.unassigned {
            let mut line = match (lang, e.facts.year) {
                (Lang::Zh, Some(y)) => format!("  - {}（{y}年度）", e.facts.path),
                (Lang::Zh, None) => format!("  - {}（年度不明）", e.facts.path),
                (Lang::En, Some(y)) => format!("  - {} ({y})", e.facts.path),
                (Lang::En, None) => format!("  - {} (year unknown)", e.facts.path),
            };
            for (_, m) in &e.problems {
                line.push_str(match lang {
                    Lang::Zh => "：",
                    Lang::En => ": ",
                });
                line.push_str(m.get(lang));
            }
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    let (issuers, reports, apart) = (history.issuers.len(), history.reports(), history.unassigned.len());
    let _ = match lang {
        Lang::Zh => write!(out, "共 {issuers} 个发布机关、{reports} 份报告"),
        Lang::En => write!(
            out,
            "{issuers} {}, {reports} {}",
            if issuers == 1 { "issuer" } else { "issuers" },
            if reports == 1 { "report" } else { "reports" }
        ),
    };
    if apart > 0 {
        let _ = match lang {
            Lang::Zh => write!(out, "；另有 {apart} 份报告无法确定发布机关"),
            Lang::En => write!(out, "; {apart} more whose issuer cannot be told"),
        };
    }
    out.push('\n');
    out
}

/// The header of `history --format csv`.
fn csv_header() -> Vec<&'static str> {
    let mut h = vec!["issuer", "year", "path", "previous"];
    h.extend(FIGURE_COLUMNS);
    h.extend(["requests_change", "requests_change_rate", "problems"]);
    h
}

fn csv_row(issuer: &str, e: &Entry<'_>, lang: Lang) -> Vec<String> {
    let n = |v: Option<f64>| v.map_or_else(String::new, number);
    let (diff, rate) = e.change();
    let problems: Vec<&str> = e.problems.iter().map(|(_, m)| m.get(lang)).collect();
    let mut row = vec![
        issuer.to_string(),
        e.facts.year.map_or_else(String::new, |y| y.to_string()),
        e.facts.path.clone(),
        e.previous.map_or_else(String::new, |p| p.path.clone()),
    ];
    row.extend(figure_cells(Some(&e.facts.summary)));
    row.extend([n(diff), n(rate), problems.join("; ")]);
    row
}

/// One row a report: the issuers' in the order of the human form, then those without an issuer.
fn csv(history: &History<'_>, lang: Lang) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    // Writing into memory does not fail.
    let _ = w.write_record(csv_header());
    for s in &history.issuers {
        for e in &s.entries {
            let _ = w.write_record(csv_row(s.issuer, e, lang));
        }
    }
    for e in &history.unassigned {
        let _ = w.write_record(csv_row("", e, lang));
    }
    w.into_inner().unwrap_or_default()
}

fn entry_json(e: &Entry<'_>, lang: Lang) -> Value {
    let (diff, rate) = e.change();
    let problems: Vec<Value> =
        e.problems.iter().map(|(code, m)| json!({"code": code, "message": m.get(lang)})).collect();
    json!({
        "path": e.facts.path,
        "year": e.facts.year,
        "previous": e.previous.map(|p| p.path.as_str()),
        "figures": e.facts.summary.to_json(),
        "requests_change": diff,
        "requests_change_rate": rate,
        "problems": problems,
    })
}

/// The JSON document (docs/model.md).
fn json(history: &History<'_>, lang: Lang) -> Value {
    let issuers: Vec<Value> = history
        .issuers
        .iter()
        .map(|s| {
            let reports: Vec<Value> = s.entries.iter().map(|e| entry_json(e, lang)).collect();
            json!({"issuer": s.issuer, "reports": reports})
        })
        .collect();
    let unassigned: Vec<Value> = history.unassigned.iter().map(|e| entry_json(e, lang)).collect();
    let unreadable: Vec<Value> = history
        .unreadable
        .iter()
        .map(|(path, why)| {
            json!({"path": path, "message": match lang { Lang::Zh => &why.zh, Lang::En => &why.en }})
        })
        .collect();
    json!({
        "version": JSON_VERSION,
        "issuers": issuers,
        "unassigned": unassigned,
        "unreadable": unreadable,
        "summary": {
            "issuers": history.issuers.len(),
            "reports": history.reports(),
            "unassigned": history.unassigned.len(),
            "unreadable": history.unreadable.len(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_names_fold_whitespace_and_full_width() {
        assert_eq!(fold(" 某县 水利局Ａ１ "), "某县水利局A1");
    }

    #[test]
    fn cjk_cells_are_aligned_by_display_width() {
        let row = |a: &str, b: &str| {
            let mut r: [String; 13] = Default::default();
            r[0] = a.into();
            r[1] = b.into();
            r[12] = "f".into();
            r
        };
        // 年度 is 4 columns wide, as 2021; 申请数 6, so 10 gets 4 spaces; empty columns are 0 wide.
        let gap = " ".repeat(2 + 10 * 2);
        assert_eq!(
            table(&[row("年度", "申请数"), row("2021", "10")]),
            format!("年度  申请数{gap}f\n2021      10{gap}f\n")
        );
    }
}
