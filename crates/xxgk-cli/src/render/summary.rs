//! `check --summary`: findings counted per file and by code, key figures, and the corpus totals.
//!
//! ## Wire format (`--format json`)
//! `{"version": 1, "files": [{"path", "errors", "warnings", "infos", "unreadable", "codes":
//! {"XG301": 1}, "figures"}], "summary": {"files", "files_with_errors", "files_with_warnings",
//! "unreadable", "errors", "warnings", "infos", "top_codes": [{"code", "rule", "severity",
//! "count", "files"}], "figures"}}`. `files` are in path order; `codes` holds only the codes
//! found, by code; `top_codes` is every code found in the run, most findings first (then by
//! code). `figures` are `xxgk_model::Figures::to_json` (`null` for an unreadable file); the
//! corpus's are sums over the files that have the table, ratios pooled (numerators and
//! denominators summed).
//!
//! ## `--format csv`
//! One row a file: `path,errors,warnings,infos,unreadable`, the figures (`requests_new`,
//! `carried_over`, `outcome_total`, `carried_forward`, `disclosure_rate`, `reviews`,
//! `review_correction_rate`, `lawsuits`, `litigation_correction_rate`, `fees_wan`; ratios as
//! their value, empty where a table or the cases are missing), then one column a code found
//! in the run, sorted by code (0 where a file has none).
use super::{csv::number, Summary};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write;
use xxgk_engine::{Lang, Severity};
use xxgk_model::figures::Ratio;
use xxgk_model::Figures;

/// Findings of one code in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeCount {
    /// `XG301`.
    pub code: String,
    /// `fee-statement-missing`.
    pub rule: String,
    /// The severity in force.
    pub severity: Severity,
    /// How many.
    pub count: usize,
}

/// What the summary knows of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileCounts {
    /// The path as reported.
    pub path: String,
    /// Findings by severity (`files` is 1).
    pub summary: Summary,
    /// The input could not be read (its one finding is XG001).
    pub unreadable: bool,
    /// Findings by code, sorted by code.
    pub codes: Vec<CodeCount>,
    /// The key figures (`None` when unreadable or not asked for).
    pub figures: Option<Figures>,
}

/// One code over the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopCode {
    /// `XG301`.
    pub code: String,
    /// `fee-statement-missing`.
    pub rule: String,
    /// The severity of its first finding.
    pub severity: Severity,
    /// Findings.
    pub count: usize,
    /// Files with at least one.
    pub files: usize,
}

/// The corpus totals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    /// Findings by severity over every file.
    pub summary: Summary,
    /// Files with at least one error-level finding.
    pub files_with_errors: usize,
    /// Files with at least one warning.
    pub files_with_warnings: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
    /// Every code found, most findings first, then by code.
    pub top_codes: Vec<TopCode>,
    /// Figures summed over the files that have them (ratios pooled); `None` when none has.
    pub figures: Option<Figures>,
}

fn add(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x + y),
        (x, None) | (None, x) => x,
    }
}

fn pool(a: Option<Ratio>, b: Option<Ratio>) -> Option<Ratio> {
    match (a, b) {
        (Some(x), Some(y)) => {
            Some(Ratio { numerator: x.numerator + y.numerator, denominator: x.denominator + y.denominator })
        }
        (x, None) | (None, x) => x,
    }
}

fn sum(a: Figures, b: &Figures) -> Figures {
    Figures {
        requests_new: add(a.requests_new, b.requests_new),
        carried_over: add(a.carried_over, b.carried_over),
        outcome_total: add(a.outcome_total, b.outcome_total),
        carried_forward: add(a.carried_forward, b.carried_forward),
        disclosure_rate: pool(a.disclosure_rate, b.disclosure_rate),
        reviews: add(a.reviews, b.reviews),
        review_correction_rate: pool(a.review_correction_rate, b.review_correction_rate),
        lawsuits: add(a.lawsuits, b.lawsuits),
        litigation_correction_rate: pool(a.litigation_correction_rate, b.litigation_correction_rate),
        fees_wan: add(a.fees_wan, b.fees_wan),
    }
}

impl Corpus {
    /// The totals of `files`.
    pub fn of<'a>(files: impl IntoIterator<Item = &'a FileCounts>) -> Corpus {
        let mut c = Corpus::default();
        let mut codes: BTreeMap<&str, TopCode> = BTreeMap::new();
        for f in files {
            c.summary.files += 1;
            c.summary.errors += f.summary.errors;
            c.summary.warnings += f.summary.warnings;
            c.summary.infos += f.summary.infos;
            c.files_with_errors += usize::from(f.summary.errors > 0);
            c.files_with_warnings += usize::from(f.summary.warnings > 0);
            c.unreadable += usize::from(f.unreadable);
            for k in &f.codes {
                let e = codes.entry(k.code.as_str()).or_insert_with(|| TopCode {
                    code: k.code.clone(),
                    rule: k.rule.clone(),
                    severity: k.severity,
                    count: 0,
                    files: 0,
                });
                e.count += k.count;
                e.files += 1;
            }
            if let Some(figures) = &f.figures {
                c.figures = Some(sum(c.figures.unwrap_or_default(), figures));
            }
        }
        c.top_codes = codes.into_values().collect();
        // Stable: equal counts stay in code order.
        c.top_codes.sort_by_key(|t| std::cmp::Reverse(t.count));
        c
    }
}

fn figures_json(f: Option<&Figures>) -> Value {
    f.map_or(Value::Null, Figures::to_json)
}

/// The `--format json` document.
pub fn json<'a>(files: impl IntoIterator<Item = &'a FileCounts> + Clone) -> Value {
    let corpus = Corpus::of(files.clone());
    let files: Vec<Value> = files
        .into_iter()
        .map(|f| {
            let codes: serde_json::Map<String, Value> =
                f.codes.iter().map(|k| (k.code.clone(), json!(k.count))).collect();
            json!({
                "path": f.path,
                "errors": f.summary.errors,
                "warnings": f.summary.warnings,
                "infos": f.summary.infos,
                "unreadable": f.unreadable,
                "codes": codes,
                "figures": figures_json(f.figures.as_ref()),
            })
        })
        .collect();
    let top: Vec<Value> = corpus
        .top_codes
        .iter()
        .map(|t| {
            json!({"code": t.code, "rule": t.rule, "severity": t.severity.as_str(), "count": t.count, "files": t.files})
        })
        .collect();
    json!({
        "version": 1,
        "files": files,
        "summary": {
            "files": corpus.summary.files,
            "files_with_errors": corpus.files_with_errors,
            "files_with_warnings": corpus.files_with_warnings,
            "unreadable": corpus.unreadable,
            "errors": corpus.summary.errors,
            "warnings": corpus.summary.warnings,
            "infos": corpus.summary.infos,
            "top_codes": top,
            "figures": figures_json(corpus.figures.as_ref()),
        },
    })
}

/// The figure columns of the CSV, in order.
pub const FIGURE_COLUMNS: [&str; 10] = [
    "requests_new",
    "carried_over",
    "outcome_total",
    "carried_forward",
    "disclosure_rate",
    "reviews",
    "review_correction_rate",
    "lawsuits",
    "litigation_correction_rate",
    "fees_wan",
];

/// The figure columns' cells of one report (empty without figures), in [`FIGURE_COLUMNS`] order.
pub(crate) fn figure_cells(f: Option<&Figures>) -> Vec<String> {
    let n = |v: Option<f64>| v.map_or_else(String::new, number);
    let r = |v: Option<Ratio>| v.and_then(|r| r.value()).map_or_else(String::new, number);
    match f {
        None => vec![String::new(); FIGURE_COLUMNS.len()],
        Some(f) => vec![
            n(f.requests_new),
            n(f.carried_over),
            n(f.outcome_total),
            n(f.carried_forward),
            r(f.disclosure_rate),
            n(f.reviews),
            r(f.review_correction_rate),
            n(f.lawsuits),
            r(f.litigation_correction_rate),
            n(f.fees_wan),
        ],
    }
}

/// The `--format csv` table, header included.
pub fn csv<'a>(files: impl IntoIterator<Item = &'a FileCounts> + Clone) -> Vec<u8> {
    let codes: std::collections::BTreeSet<&str> =
        files.clone().into_iter().flat_map(|f| f.codes.iter().map(|k| k.code.as_str())).collect();
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = ["path", "errors", "warnings", "infos", "unreadable"]
        .into_iter()
        .chain(FIGURE_COLUMNS)
        .chain(codes.iter().copied());
    // Writing into memory does not fail.
    let _ = w.write_record(header);
    for f in files {
        let mut row = vec![
            f.path.clone(),
            f.summary.errors.to_string(),
            f.summary.warnings.to_string(),
            f.summary.infos.to_string(),
            f.unreadable.to_string(),
        ];
        row.extend(figure_cells(f.figures.as_ref()));
        row.extend(
            codes.iter().map(|c| f.codes.iter().find(|k| k.code == *c).map_or(0, |k| k.count).to_string()),
        );
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

/// The readable form (`--format human` or `concise`): the totals and the codes found.
pub fn human<'a>(files: impl IntoIterator<Item = &'a FileCounts>, lang: Lang) -> String {
    let c = Corpus::of(files);
    let mut out = String::new();
    let _ = writeln!(out, "{}", c.summary.line(lang));
    let _ = match lang {
        Lang::Zh => writeln!(
            out,
            "有错误的文件 {} 个，有警告的文件 {} 个，无法读取的文件 {} 个",
            c.files_with_errors, c.files_with_warnings, c.unreadable
        ),
        Lang::En => writeln!(
            out,
            "files with errors: {}, with warnings: {}, unreadable: {}",
            c.files_with_errors, c.files_with_warnings, c.unreadable
        ),
    };
    let rows: Vec<[String; 5]> = c
        .top_codes
        .iter()
        .map(|t| {
            let files = match lang {
                Lang::Zh => format!("{} 个文件", t.files),
                Lang::En => format!("{} {}", t.files, if t.files == 1 { "file" } else { "files" }),
            };
            [t.count.to_string(), t.code.clone(), format!("[{}]", t.severity.as_str()), files, t.rule.clone()]
        })
        .collect();
    let w: Vec<usize> =
        (0..4).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    for r in &rows {
        let _ = writeln!(
            out,
            "{:>w0$}  {:<w1$}  {:<w2$}  {:>w3$}  {}",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3]
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, codes: &[(&str, Severity, usize)], figures: Option<Figures>) -> FileCounts {
        let mut summary = Summary { files: 1, ..Summary::default() };
        for (_, sev, n) in codes {
            match sev {
                Severity::Error => summary.errors += n,
                Severity::Warning => summary.warnings += n,
                Severity::Info => summary.infos += n,
            }
        }
        let codes = codes
            .iter()
            .map(|(c, sev, n)| CodeCount {
                code: c.to_string(),
                rule: format!("rule-{c}"),
                severity: *sev,
                count: *n,
            })
            .collect();
        FileCounts { path: path.into(), summary, unreadable: false, codes, figures }
    }

    fn sample() -> Vec<FileCounts> {
        let figures = |new: f64, granted: f64, total: f64| Figures {
            requests_new: Some(new),
            disclosure_rate: Some(Ratio { numerator: granted, denominator: total }),
            ..Figures::default()
        };
        let mut gone = file("c.txt", &[("XG001", Severity::Error, 1)], None);
        gone.unreadable = true;
        vec![
            file(
                "a.txt",
                &[("XG301", Severity::Error, 1), ("XG601", Severity::Info, 3)],
                Some(figures(10.0, 4.0, 8.0)),
            ),
            file(
                "b.txt",
                &[("XG004", Severity::Warning, 3), ("XG601", Severity::Info, 1)],
                Some(figures(5.0, 2.0, 2.0)),
            ),
            gone,
            file("d.txt", &[], Some(Figures::default())),
        ]
    }

    #[test]
    fn corpus_totals() {
        let files = sample();
        let c = Corpus::of(&files);
        assert_eq!(c.summary, Summary { files: 4, errors: 2, warnings: 3, infos: 4 });
        assert_eq!((c.files_with_errors, c.files_with_warnings, c.unreadable), (2, 1, 1));
        let top: Vec<(&str, usize, usize)> =
            c.top_codes.iter().map(|t| (t.code.as_str(), t.count, t.files)).collect();
        assert_eq!(top, [("XG601", 4, 2), ("XG004", 3, 1), ("XG001", 1, 1), ("XG301", 1, 1)]);
        let f = c.figures.unwrap();
        assert_eq!(f.requests_new, Some(15.0));
        assert_eq!(f.disclosure_rate, Some(Ratio { numerator: 6.0, denominator: 10.0 }));
        assert_eq!(f.reviews, None);
    }

    #[test]
    fn csv_has_a_column_a_code() {
        let out = String::from_utf8(csv(&sample())).unwrap();
        let mut lines = out.lines();
        assert_eq!(
            lines.next(),
            Some(
                "path,errors,warnings,infos,unreadable,requests_new,carried_over,outcome_total,carried_forward,\
                 disclosure_rate,reviews,review_correction_rate,lawsuits,litigation_correction_rate,fees_wan,\
                 XG001,XG004,XG301,XG601"
            )
        );
        assert_eq!(lines.next(), Some("a.txt,1,0,3,false,10,,,,0.5,,,,,,0,0,1,3"));
        assert_eq!(lines.next(), Some("b.txt,0,3,1,false,5,,,,1,,,,,,0,3,0,1"));
        assert_eq!(lines.next(), Some("c.txt,1,0,0,true,,,,,,,,,,,1,0,0,0"));
        assert_eq!(lines.next(), Some("d.txt,0,0,0,false,,,,,,,,,,,0,0,0,0"));
        assert_eq!(lines.next(), None);
    }

    #[test]
    fn human_lists_codes_by_count() {
        assert_eq!(
            human(&sample(), Lang::En),
            "Checked 4 files: 2 errors, 3 warnings, 4 infos\n\
             files with errors: 2, with warnings: 1, unreadable: 1\n\
             4  XG601  [info]     2 files  rule-XG601\n\
             3  XG004  [warning]   1 file  rule-XG004\n\
             1  XG001  [error]     1 file  rule-XG001\n\
             1  XG301  [error]     1 file  rule-XG301\n"
        );
    }
}
