//! `xxgk check`: read, check and render every input, one file at a time; `--statistics`;
//! `--fix` through fix.rs.
//!
//! ## How a run flows (memory stays flat as the corpus grows)
//! 1. inputs.rs lists the inputs, sorted by path (the walk is parallel; the order is not).
//! 2. [`Step::process`] reads each input once, checks it, fixes it when asked, and renders it
//!    into its own [`Checked`]: the output chunk of the chosen format (bytes for human,
//!    concise, github, junit; JSON values for json and sarif) and small counts. The `Report`
//!    is dropped there. Inputs are processed on `-j N` threads (rayon); the results keep the
//!    input order, so the output is the same bytes whatever the number of threads.
//! 3. The cross-file pass ([`cross::pass`], issue #10) sees the small [`cross::Facts`] kept
//!    of every file and may add findings to some; [`Step::rerender`] reads those files again
//!    and renders their chunk anew with the extra findings.
//! 4. The chunks are written in path order, then the run's summary.
use crate::args::{CheckArgs, CheckFormat};
use crate::inputs::Input;
use crate::render::summary::{CodeCount, FileCounts};
use crate::render::{self, Ctx, FileResult, Summary};
use crate::{fix, inputs, json_bytes, no_reports, read_options, rules, Outcome, RunError};
use codespan_reporting::term::termcolor::Buffer;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use xxgk_adapters::ReadOptions;
use xxgk_engine::baseline::{Baseline, BaselineEntry, BASELINE_VERSION};
use xxgk_engine::config::{ConfigError, Overrides, Resolver};
use xxgk_engine::{Diagnostic, Lang, Severity, Text};
use xxgk_model::Report;

/// A config or argument error of the engine, with a "did you mean" for an unknown selector.
pub(crate) fn config_error(err: ConfigError) -> RunError {
    if let ConfigError::Argument { flag, value, .. } = &err {
        if let Some(m) = rules::suggest(value).first() {
            return miette::miette!(
                help = format!("是否是 {} ({})? / did you mean {} ({})?", m.code, m.name, m.code, m.name),
                "{flag}: 未知的规则 `{value}` / unknown rule selector `{value}`"
            )
            .into();
        }
    }
    RunError::Report(miette::Report::new(err))
}

/// The selectors the engine is to see: those naming only a rule the CLI reports itself and
/// the registry does not list (XG001 while it is not registered) are the CLI's, not the engine's.
fn engine_selectors(list: &[String]) -> Vec<String> {
    let registry = xxgk_engine::rules::all();
    list.iter()
        .filter(|s| {
            let own = rules::all().iter().any(|m| xxgk_engine::selector_matches(s, m.code, m.name));
            let engine =
                registry.iter().any(|r| xxgk_engine::selector_matches(s, r.meta().code, r.meta().name));
            engine || !own
        })
        .cloned()
        .collect()
}

/// `--severity SELECTOR=LEVEL` values.
fn severities(values: &[String]) -> Result<Vec<(String, Severity)>, RunError> {
    values
        .iter()
        .map(|v| {
            let parsed = v.split_once('=').and_then(|(sel, level)| Some((sel.trim().to_string(), Severity::parse(level.trim())?)));
            parsed.ok_or_else(|| {
                miette::miette!(
                    help = "例如 --severity XG404=warning（级别：error、warning、info） / e.g. --severity XG404=warning (levels: error, warning, info)",
                    "--severity {v}: 应为 SELECTOR=LEVEL / expected SELECTOR=LEVEL"
                )
                .into()
            })
        })
        .collect()
}

fn unreadable(path: &str, why: &inputs::Unreadable) -> Diagnostic {
    let meta = rules::unreadable();
    Diagnostic::new(
        meta,
        xxgk_model::Span::default(),
        Text::new(format!("无法读取 {path}：{}", why.zh), format!("cannot read {path}: {}", why.en)),
    )
    .with_help(Text::new(
        "确认文件是报告的文本、HTML 或 DOCX 版本；编码识别有误时用 --encoding 指定",
        "Make sure the file is the text, HTML or DOCX version of a report; use --encoding to force the encoding",
    ))
}

/// The cross-file pass (issue #10, engineer `series`): findings that only show against other
/// reports of the run (last year's report of the same issuer).
///
/// [`facts`] is called once for every readable report, right after it is checked, and what
/// it returns is all that is kept of the report. After every file is checked, [`pass`] sees
/// the facts of all files (in path order) and returns the findings to add, by index; each of
/// those files is then read again, and its chunk rendered anew with the extra findings (so
/// their spans must be spans of that file's own report text).
pub(crate) mod cross {
    use xxgk_engine::config::{ConfigError, Resolver};
    use xxgk_engine::{Diagnostic, Settings};
    use xxgk_model::Report;

    /// What the pass keeps of one report: small and owned (the report itself is dropped).
    pub(crate) type Facts = xxgk_engine::series::Facts;

    /// The facts of one checked report, under the settings that apply to it (its config's
    /// `[settings] series` pairing overrides applied).
    pub(crate) fn facts(report: &Report, settings: &Settings) -> Facts {
        let mut f = Facts::of(report);
        xxgk_engine::series::apply(&mut f, &settings.options.series);
        xxgk_engine::series::apply_rollup(&mut f, &settings.options.rollup);
        f
    }

    /// One file of the run, as the pass sees it.
    pub(crate) struct File<'a> {
        /// The path as reported.
        #[allow(dead_code)]
        pub(crate) path: &'a str,
        /// `None` when the input could not be read.
        pub(crate) facts: Option<&'a Facts>,
    }

    /// Findings to add: (index into `files`, findings of that file's report). `previous`
    /// (`--previous`) is every checked report's last year's report; its own findings are dropped.
    pub(crate) fn pass(
        files: &[File<'_>],
        previous: Option<Facts>,
        resolver: &Resolver,
    ) -> Result<Vec<(usize, Vec<Diagnostic>)>, ConfigError> {
        let settings = resolver.resolve(std::path::Path::new("."))?;
        Ok(crate::series::pass(files.iter().map(|f| f.facts), previous, &settings))
    }
}

/// A file's output in the chosen format.
#[derive(Debug, Default)]
enum Chunk {
    /// Nothing is printed per file (`-q`, `--statistics`, `--write-baseline`, a fixing run's diffs).
    #[default]
    None,
    /// human, concise, github, csv (rows), junit (its `<testsuite>`): as printed.
    Bytes(Vec<u8>),
    /// json (the file's entry), sarif (its results).
    Values(Vec<Value>),
}

/// What is kept of one input once it is checked and rendered.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// Counts, by severity and code, and the key figures with `--summary`.
    pub(crate) counts: FileCounts,
    chunk: Chunk,
    /// Text for standard output instead of the findings (`--diff`, fixed standard input).
    fix_stdout: Option<String>,
    /// Lines for standard error, printed in path order.
    notes: Vec<String>,
    /// Edits `--fix` applied.
    fixed: usize,
    /// `--write-baseline`: this file's entries.
    baseline: Vec<BaselineEntry>,
    /// What the cross-file pass sees of the report.
    facts: Option<cross::Facts>,
    /// Standard input cannot be read twice: its report is kept for [`Step::rerender`].
    kept: Option<Report>,
}

/// What is rendered for each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Render {
    Nothing,
    Format(CheckFormat),
}

/// Everything one file's processing needs; shared by the threads.
struct Step<'a> {
    resolver: &'a Resolver,
    baseline: Option<&'a Baseline>,
    options: &'a ReadOptions,
    cx: Ctx,
    render: Render,
    fixing: Option<(fix::Mode, bool)>,
    write_baseline: bool,
    /// `--summary`: keep each report's key figures.
    figures: bool,
}

impl Step<'_> {
    /// Check a report (or say why it could not be read), with `extra` findings of the
    /// cross-file pass, through the inline suppressions and the baseline.
    fn lint(
        &self,
        name: &str,
        read: Result<Report, inputs::Unreadable>,
        extra: Vec<Diagnostic>,
    ) -> Result<FileResult, ConfigError> {
        let report = match read {
            Ok(report) => report,
            Err(why) => {
                return Ok(FileResult {
                    path: name.to_string(),
                    report: None,
                    index: None,
                    diagnostics: vec![unreadable(name, &why)],
                })
            }
        };
        let settings = self.resolver.resolve(Path::new(name))?;
        // The cross-file findings go through the report's inline suppressions too.
        let mut diagnostics = xxgk_engine::check_with(&report, &settings, extra);
        if let Some(baseline) = self.baseline {
            diagnostics = baseline.filter(&report, &settings, diagnostics).0;
        }
        Ok(FileResult::new(report, diagnostics))
    }

    /// Read, check, fix and render one input.
    fn process(&self, input: &Input) -> Result<Checked, ConfigError> {
        let mut result = self.lint(input.name(), inputs::read(input, self.options), Vec::new())?;
        let mut out = Checked::default();
        if let Some((mode, dry)) = self.fixing {
            let recheck = |name: &str, text: &str| {
                self.lint(name, inputs::read_text(name, text, self.options), Vec::new())
            };
            let fixed = fix::file(input, result, mode, dry, self.cx.lang, recheck)?;
            result = fixed.result;
            out.fix_stdout = fixed.stdout;
            out.notes = fixed.notes;
            out.fixed = fixed.fixed;
        }
        if let Some(report) = &result.report {
            let settings = self.resolver.resolve(Path::new(input.name()))?;
            out.facts = Some(cross::facts(report, &settings));
        }
        self.finish(&result, &mut out);
        if matches!(input, Input::Stdin { .. }) {
            out.kept = result.report;
        }
        Ok(out)
    }

    /// Read `input` again and render it with the cross-file pass's `extra` findings.
    fn rerender(&self, input: &Input, out: &mut Checked, extra: Vec<Diagnostic>) -> Result<(), ConfigError> {
        let read = match out.kept.take() {
            Some(report) => Ok(report),
            None => inputs::read(input, self.options),
        };
        let result = self.lint(input.name(), read, extra)?;
        self.finish(&result, out);
        if matches!(input, Input::Stdin { .. }) {
            out.kept = result.report;
        }
        Ok(())
    }

    /// Count and render a checked file into `out`.
    fn finish(&self, result: &FileResult, out: &mut Checked) {
        out.counts = FileCounts {
            path: result.path.clone(),
            summary: Summary::of(std::slice::from_ref(result)),
            unreadable: result.report.is_none(),
            codes: codes(&result.diagnostics),
            figures: result.report.as_ref().filter(|_| self.figures).map(xxgk_model::Figures::of),
        };
        if self.write_baseline {
            out.baseline = match &result.report {
                Some(report) => Baseline::from_diagnostics([(report, result.diagnostics.as_slice())]).entries,
                None => Vec::new(),
            };
        }
        out.chunk = match self.render {
            Render::Nothing => Chunk::None,
            Render::Format(format) => chunk(result, format, &self.cx),
        };
    }
}

/// Findings by code, sorted by code; the rule and severity are those of the first.
fn codes(diagnostics: &[Diagnostic]) -> Vec<CodeCount> {
    let mut map: BTreeMap<&str, CodeCount> = BTreeMap::new();
    for d in diagnostics {
        map.entry(d.code.as_str())
            .or_insert_with(|| CodeCount {
                code: d.code.clone(),
                rule: d.rule.clone(),
                severity: d.severity,
                count: 0,
            })
            .count += 1;
    }
    map.into_values().collect()
}

/// One file rendered in `format`.
fn chunk(result: &FileResult, format: CheckFormat, cx: &Ctx) -> Chunk {
    match format {
        CheckFormat::Human => {
            let mut buf = if cx.color { Buffer::ansi() } else { Buffer::no_color() };
            // Writing into memory does not fail.
            let _ = render::human::render_file(result, cx, &mut buf);
            Chunk::Bytes(buf.into_inner())
        }
        CheckFormat::Concise => {
            let mut s = String::new();
            render::concise::render_file(result, cx, &mut s);
            Chunk::Bytes(s.into_bytes())
        }
        CheckFormat::Github => {
            let mut s = String::new();
            render::github::render_file(result, cx, &mut s);
            Chunk::Bytes(s.into_bytes())
        }
        CheckFormat::Junit => Chunk::Bytes(render::junit::suite(result, cx).into_bytes()),
        CheckFormat::Json => Chunk::Values(vec![render::json::file(result, cx)]),
        CheckFormat::Sarif => Chunk::Values(render::sarif::results(result, cx)),
        CheckFormat::Html => Chunk::Values(vec![render::html::file_value(result, cx)]),
        CheckFormat::Csv => Chunk::Bytes(render::csv::check_rows(result, cx)),
    }
}

/// A progress bar on standard error, only when it is a terminal and the run is long (more
/// than [`Progress::MANY`] files, or running longer than [`Progress::LONG`]).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    shown: AtomicBool,
    start: Instant,
}

impl Progress {
    const MANY: usize = 200;
    const LONG: Duration = Duration::from_secs(1);

    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        let bar = io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}") {
                bar.set_style(style);
            }
            bar
        });
        let progress = Progress { bar, shown: AtomicBool::new(false), start: Instant::now() };
        if total > Self::MANY {
            progress.show();
        }
        progress
    }

    fn show(&self) {
        if let Some(bar) = &self.bar {
            if !self.shown.swap(true, Ordering::Relaxed) {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        }
    }

    fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if self.start.elapsed() > Self::LONG {
                self.show();
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn add(total: &mut Summary, one: Summary) {
    total.files += one.files;
    total.errors += one.errors;
    total.warnings += one.warnings;
    total.infos += one.infos;
}

/// `--summary` prints counts, not findings: in the formats made for counts (a table for people, or
/// JSON and CSV for programs). SARIF, JUnit, GitHub annotations, concise lines and the HTML page
/// are formats of findings, so asking for one with `--summary` is an argument error, not a silent
/// fallback to the table.
fn summary_format(args: &CheckArgs) -> Result<(), RunError> {
    if !args.summary || matches!(args.format, CheckFormat::Human | CheckFormat::Json | CheckFormat::Csv) {
        return Ok(());
    }
    let format = clap::ValueEnum::to_possible_value(&args.format)
        .map_or_else(|| format!("{:?}", args.format), |v| v.get_name().to_string());
    Err(miette::miette!(
        help = format!(
            "去掉 --format 得到文字汇总，或用 --format json、--format csv；要 {format} 格式的逐条问题，去掉 --summary / drop --format for the text summary, or use --format json or csv; for the findings as {format}, drop --summary"
        ),
        "--summary --format {format}: --summary 只支持 human、json、csv 格式 / --summary prints human, json or csv only"
    )
    .into())
}

/// The inputs of a `check` or `history` run: the paths (`.` when none), walked with the
/// `--exclude` globs; a directory without reports is said on standard error.
pub(crate) fn collect_inputs(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    exclude: &[String],
    lang: Lang,
) -> Result<inputs::Inputs, RunError> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    let walk = inputs::Walk { exclude: exclude.to_vec(), threads: rayon::current_num_threads() };
    let collected = inputs::collect_with(paths, stdin_filename, &walk).map_err(|e| {
        miette::miette!(
            help = "例如 --exclude 'drafts/' 或 --exclude '*.bak.txt' / e.g. --exclude 'drafts/' or --exclude '*.bak.txt'",
            "--exclude {}: {}",
            e.glob,
            e.reason
        )
    })?;
    for dir in &collected.empty_dirs {
        no_reports(dir, lang);
    }
    Ok(collected)
}

pub(crate) fn check(args: CheckArgs, cx: Ctx, cli_lang: Option<Lang>) -> Result<Outcome, RunError> {
    summary_format(&args)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| miette::miette!("-j: {e}"))?;
    pool.install(|| run(args, cx, cli_lang))
}

fn run(args: CheckArgs, mut cx: Ctx, cli_lang: Option<Lang>) -> Result<Outcome, RunError> {
    let overrides = Overrides {
        select: (!args.select.is_empty()).then(|| engine_selectors(&args.select)),
        extend_select: engine_selectors(&args.extend_select),
        ignore: engine_selectors(&args.ignore),
        severities: severities(&args.severity)?,
        lang: cli_lang,
    };
    let resolver = Resolver::new(args.config.as_deref(), overrides).map_err(config_error)?;
    // Messages are in the language of the command line, else of the config that applies to
    // the current directory (as for any run-wide setting).
    cx.lang = match cli_lang {
        Some(lang) => lang,
        None => resolver.resolve(Path::new(".")).map_err(config_error)?.lang,
    };
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::load(path).map_err(config_error)?),
        None => None,
    };
    let options = read_options(args.read.encoding.as_ref())?;
    let collected = collect_inputs(&args.paths, args.read.stdin_filename.as_deref(), &args.exclude, cx.lang)?;
    let fixing = (args.fix || args.unsafe_fixes || args.diff)
        .then_some((if args.unsafe_fixes { fix::Mode::Unsafe } else { fix::Mode::Safe }, args.diff));
    // A fixing run prints diffs (or the fixed standard input) instead of the findings.
    let fix_output =
        fixing.is_some() && (args.diff || collected.inputs.iter().any(|i| matches!(i, Input::Stdin { .. })));
    let per_file = args.quiet == 0 || !matches!(args.format, CheckFormat::Human | CheckFormat::Concise);
    let render = if args.quiet >= 2
        || args.statistics
        || args.summary
        || args.write_baseline.is_some()
        || fix_output
        || !per_file
    {
        Render::Nothing
    } else {
        Render::Format(args.format)
    };
    let step = Step {
        resolver: &resolver,
        baseline: baseline.as_ref(),
        options: &options,
        cx,
        render,
        fixing,
        write_baseline: args.write_baseline.is_some(),
        figures: args.summary,
    };
    let progress = Progress::new(collected.inputs.len());
    let checked: Result<Vec<Checked>, ConfigError> = collected
        .inputs
        .par_iter()
        .map(|input| {
            let out = step.process(input);
            progress.tick();
            out
        })
        .collect();
    progress.finish();
    let mut checked = checked.map_err(config_error)?;
    // Across years (#10): `--previous FILE` is read for its facts only, beside a single report.
    let previous = match &args.previous {
        Some(path) if checked.len() != 1 => {
            return Err(miette::miette!(
                "--previous {}: 只能与一份报告一起使用 / works with a single report only",
                path.display()
            )
            .into())
        }
        Some(path) => Some(crate::series::previous(path, &options)?),
        None => None,
    };
    let files: Vec<cross::File<'_>> =
        checked.iter().map(|c| cross::File { path: &c.counts.path, facts: c.facts.as_ref() }).collect();
    let extra = cross::pass(&files, previous, &resolver).map_err(config_error)?;
    drop(files);
    // Files with cross-file findings are read and checked again, in parallel like the first pass.
    let mut extra_of: HashMap<usize, Vec<Diagnostic>> = HashMap::new();
    for (i, found) in extra {
        extra_of.entry(i).or_default().extend(found);
    }
    let again: Vec<(&Input, &mut Checked, Vec<Diagnostic>)> = checked
        .iter_mut()
        .enumerate()
        .filter_map(|(i, out)| Some((collected.inputs.get(i)?, out, extra_of.remove(&i)?)))
        .collect();
    again
        .into_par_iter()
        .try_for_each(|(input, out, found)| step.rerender(input, out, found))
        .map_err(config_error)?;
    output(&checked, &args, cx, fixing.is_some() && fix_output)
}

/// Print what the run found: notes on standard error, then the chunks in path order.
fn output(checked: &[Checked], args: &CheckArgs, cx: Ctx, fix_output: bool) -> Result<Outcome, RunError> {
    for note in checked.iter().flat_map(|c| &c.notes) {
        eprintln!("{note}");
    }
    if !args.diff {
        if let Some(line) = fix::summary(checked.iter().map(|c| c.fixed).sum(), cx.lang) {
            eprintln!("{line}");
        }
    }
    let failed = checked.iter().any(|c| c.counts.unreadable);
    if let Some(path) = &args.write_baseline {
        let mut entries: Vec<BaselineEntry> =
            checked.iter().flat_map(|c| c.baseline.iter().cloned()).collect();
        entries.sort();
        let baseline = Baseline { version: BASELINE_VERSION, entries };
        baseline.write(path).map_err(config_error)?;
        let n = baseline.entries.len();
        match cx.lang {
            Lang::Zh => eprintln!("已将 {n} 条诊断写入基线 {}", path.display()),
            Lang::En => eprintln!(
                "wrote {n} {} to the baseline {}",
                if n == 1 { "finding" } else { "findings" },
                path.display()
            ),
        }
        return Ok(Outcome { errors: 0, failed });
    }
    let mut summary = Summary::default();
    for c in checked {
        add(&mut summary, c.counts.summary);
    }
    if let (Some(path), false) = (&args.output, fix_output) {
        let mut out = Vec::new();
        write_check(&mut out, checked, args, cx, summary)?;
        write_output(path, &out)?;
    } else {
        let stdout = io::stdout();
        let mut w = io::BufWriter::new(stdout.lock());
        if fix_output {
            for text in checked.iter().filter_map(|c| c.fix_stdout.as_deref()) {
                w.write_all(text.as_bytes())?;
            }
        } else {
            write_check(&mut w, checked, args, cx, summary)?;
        }
        w.flush()?;
    }
    let errors = if args.exit_zero { 0 } else { summary.errors };
    Ok(Outcome { errors, failed })
}

/// `--output FILE`: written through a temporary file in the same directory, then renamed, so
/// a reader never sees half a page; a path that cannot be written is a failed run (exit 2).
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> Result<(), RunError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let fail = |e: io::Error| -> RunError {
        miette::miette!("--output {}: 无法写入 / cannot write: {e}", path.display()).into()
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    // A report is for others to read: keep the old file's mode, else rw-r--r-- (not the 0600 of a temp file).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

fn bytes(checked: &[Checked]) -> impl Iterator<Item = &[u8]> {
    checked.iter().filter_map(|c| match &c.chunk {
        Chunk::Bytes(b) => Some(b.as_slice()),
        _ => None,
    })
}

fn values(checked: &[Checked]) -> Vec<Value> {
    checked
        .iter()
        .flat_map(|c| match &c.chunk {
            Chunk::Values(v) => v.clone(),
            _ => Vec::new(),
        })
        .collect()
}

fn write_check(
    w: &mut impl Write,
    checked: &[Checked],
    args: &CheckArgs,
    cx: Ctx,
    summary: Summary,
) -> io::Result<()> {
    if args.quiet >= 2 {
        return Ok(());
    }
    if args.statistics {
        return w.write_all(statistics(checked, args.format, cx.lang, summary).as_bytes());
    }
    let counts = checked.iter().map(|c| &c.counts);
    if args.summary {
        return match args.format {
            CheckFormat::Json => w.write_all(&json_bytes(&render::summary::json(counts))),
            CheckFormat::Csv => w.write_all(&render::summary::csv(counts)),
            _ => w.write_all(render::summary::human(counts, cx.lang).as_bytes()),
        };
    }
    match args.format {
        CheckFormat::Csv => {
            w.write_all(&render::csv::header(&render::csv::CHECK_HEADER))?;
            for b in bytes(checked) {
                w.write_all(b)?;
            }
            Ok(())
        }
        CheckFormat::Human | CheckFormat::Concise => {
            for b in bytes(checked) {
                w.write_all(b)?;
            }
            writeln!(w, "{}", summary.line(cx.lang))
        }
        CheckFormat::Github => {
            for b in bytes(checked) {
                w.write_all(b)?;
            }
            Ok(())
        }
        CheckFormat::Junit => {
            let suites: Vec<&str> =
                bytes(checked).map(|b| std::str::from_utf8(b).unwrap_or_default()).collect();
            let tests = checked.iter().map(|c| render::junit::tests(c.counts.summary.total())).sum();
            w.write_all(render::junit::document_of(suites, tests, summary.total()).as_bytes())
        }
        CheckFormat::Json => w.write_all(&json_bytes(&render::json::document_of(values(checked), summary))),
        CheckFormat::Sarif => w.write_all(&json_bytes(&render::sarif::log(values(checked), &cx))),
        CheckFormat::Html => w.write_all(render::html::document(values(checked), &cx).as_bytes()),
    }
}

/// `--statistics`: findings per code, sorted by code.
fn statistics(checked: &[Checked], format: CheckFormat, lang: Lang, summary: Summary) -> String {
    let mut counts: BTreeMap<&str, (usize, &str, &str)> = BTreeMap::new();
    for c in checked.iter().flat_map(|f| &f.counts.codes) {
        let e = counts.entry(c.code.as_str()).or_insert((0, c.rule.as_str(), c.severity.as_str()));
        e.0 += c.count;
    }
    if format == CheckFormat::Json {
        let list: Vec<serde_json::Value> = counts
            .iter()
            .map(|(code, (n, rule, sev))| serde_json::json!({"code": code, "rule": rule, "severity": sev, "count": n}))
            .collect();
        return String::from_utf8(json_bytes(&serde_json::Value::Array(list))).unwrap_or_default();
    }
    let rows: Vec<Vec<String>> = counts
        .iter()
        .map(|(code, (n, rule, sev))| {
            vec![n.to_string(), code.to_string(), format!("[{sev}]"), rule.to_string()]
        })
        .collect();
    let mut out = String::new();
    let w: Vec<usize> = (0..3).map(|c| rows.iter().map(|r| r[c].len()).max().unwrap_or(0)).collect();
    for r in &rows {
        out.push_str(&format!(
            "{:>w0$}  {:<w1$}  {:<w2$}  {}\n",
            r[0],
            r[1],
            r[2],
            r[3],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2]
        ));
    }
    out.push_str(&summary.line(lang));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing;

    fn step<'a>(resolver: &'a Resolver, options: &'a ReadOptions) -> Step<'a> {
        Step {
            resolver,
            baseline: None,
            options,
            cx: Ctx { lang: Lang::En, color: false },
            render: Render::Format(CheckFormat::Concise),
            fixing: None,
            write_baseline: false,
            figures: false,
        }
    }

    #[test]
    fn rerender_adds_the_cross_file_findings_to_the_chunk() {
        let dir = tempfile::tempdir().unwrap();
        let text = include_str!("../tests/fixtures/clean.txt");
        let path = dir.path().join("r.txt");
        std::fs::write(&path, text).unwrap();
        let name = path.to_string_lossy().into_owned();
        let resolver = Resolver::new(None, Overrides::default()).unwrap();
        let options = ReadOptions::default();
        let step = step(&resolver, &options);
        let input = Input::File { name: name.clone(), path };
        let mut checked = step.process(&input).unwrap();
        assert_eq!((checked.counts.summary.total(), checked.counts.unreadable), (0, false));
        assert!(matches!(&checked.chunk, Chunk::Bytes(b) if b.is_empty()));
        assert_eq!(checked.facts.as_ref().and_then(|f| f.issuer.as_deref()), Some("某市统计局"));

        let second_line = text.lines().nth(1).unwrap();
        let extra = testing::at(text, second_line, "XG701", "carry-over-mismatch", Severity::Error);
        step.rerender(&input, &mut checked, vec![extra]).unwrap();
        assert_eq!((checked.counts.summary.errors, checked.counts.summary.total()), (1, 1));
        assert_eq!(
            checked.counts.codes,
            vec![CodeCount {
                code: "XG701".into(),
                rule: "carry-over-mismatch".into(),
                severity: Severity::Error,
                count: 1
            }]
        );
        let Chunk::Bytes(b) = &checked.chunk else { panic!("{:?}", checked.chunk) };
        assert_eq!(String::from_utf8_lossy(b), format!("{name}:2:1: XG701 [error] XG701 English message\n"));
    }

    #[test]
    fn an_unreadable_input_counts_as_such_and_has_no_facts() {
        let resolver = Resolver::new(None, Overrides::default()).unwrap();
        let options = ReadOptions::default();
        let step = step(&resolver, &options);
        let input = Input::Failed { name: "gone.txt".into(), reason: "vanished".into() };
        let checked = step.process(&input).unwrap();
        assert!(checked.counts.unreadable);
        assert_eq!(checked.facts, None);
        assert_eq!(
            checked.counts.codes.iter().map(|c| (c.code.as_str(), c.count)).collect::<Vec<_>>(),
            [("XG001", 1)]
        );
    }
}
