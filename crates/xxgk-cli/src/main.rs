//! The `xxgk` command line: check, extract, rules, explain.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod extract;
mod fix;
mod inputs;
mod render;
mod rules;

use args::{
    CheckArgs, CheckFormat, Cli, Command, ConfigArgs, ExplainArgs, ExtractArgs, RulesArgs, SimpleFormat,
};
use clap::Parser;
use codespan_reporting::term::termcolor::Buffer;
use rayon::prelude::*;
use render::{Ctx, FileResult, Summary};
use std::io::{self, Write};
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;
use xxgk_adapters::ReadOptions;
use xxgk_engine::baseline::Baseline;
use xxgk_engine::config::{ConfigError, Overrides, Resolver};
use xxgk_engine::{Diagnostic, Lang, Severity, Text};

/// Why a run failed (exit 2), as opposed to findings.
enum RunError {
    /// Writing the output failed (a closed pipe is not a failure).
    Io(io::Error),
    /// Bad arguments, bad configuration: said with miette.
    Report(miette::Report),
}

impl From<io::Error> for RunError {
    fn from(e: io::Error) -> Self {
        RunError::Io(e)
    }
}

impl From<miette::Report> for RunError {
    fn from(e: miette::Report) -> Self {
        RunError::Report(e)
    }
}

/// How a run ended.
#[derive(Debug, Default)]
struct Outcome {
    /// Error-level findings counted for the exit code.
    errors: usize,
    /// The run failed: an input could not be read.
    failed: bool,
}

impl Outcome {
    fn exit_code(&self) -> ExitCode {
        if self.failed {
            ExitCode::from(2)
        } else if self.errors > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

fn main() -> ExitCode {
    // Messages hold Chinese and English; wrapping them at the terminal width splits words.
    let _ =
        miette::set_hook(Box::new(|_| Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())));
    match run(Cli::parse()) {
        Ok(outcome) => outcome.exit_code(),
        Err(RunError::Io(err)) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(RunError::Io(err)) => {
            eprintln!("{:?}", miette::miette!("xxgk: {err}"));
            ExitCode::from(2)
        }
        Err(RunError::Report(err)) => {
            eprintln!("{err:?}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<Outcome, RunError> {
    let lang = cli.lang.unwrap_or_default();
    let color = cli.color.enabled();
    match cli.command {
        Command::Check(args) => check(args, Ctx { lang, color }, cli.lang),
        Command::Extract(args) => extract_cmd(args, lang),
        Command::Rules(args) => rules_cmd(&args, lang),
        Command::Explain(args) => explain(&args, lang),
        Command::Config(args) => config_cmd(&args, cli.lang),
    }
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// `--encoding` must name an encoding: a bad label is a bad argument, not N unreadable files.
fn read_options(encoding: Option<&String>) -> Result<ReadOptions, RunError> {
    if let Some(label) = encoding {
        if let Err(err @ xxgk_adapters::ReadError::UnknownEncoding(_)) =
            xxgk_adapters::decode::decode(b"x", Some(label))
        {
            return Err(miette::miette!(help = "例如 utf-8、gb18030、utf-16le", "--encoding: {err}").into());
        }
    }
    Ok(ReadOptions { format: None, encoding: encoding.cloned() })
}

fn no_reports(dir: &std::path::Path, lang: Lang) {
    match lang {
        Lang::Zh => eprintln!("{} 下没有找到报告（no reports found under {}）", dir.display(), dir.display()),
        Lang::En => eprintln!("no reports found under {}", dir.display()),
    }
}

/// A config or argument error of the engine, with a "did you mean" for an unknown selector.
fn config_error(err: ConfigError) -> RunError {
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

fn check(args: CheckArgs, mut cx: Ctx, cli_lang: Option<Lang>) -> Result<Outcome, RunError> {
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
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let collected = inputs::collect(&paths, args.read.stdin_filename.as_deref());
    for dir in &collected.empty_dirs {
        no_reports(dir, cx.lang);
    }
    let lint = |name: &str,
                read: Result<xxgk_model::Report, inputs::Unreadable>|
     -> Result<FileResult, ConfigError> {
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
        let settings = resolver.resolve(Path::new(name))?;
        let mut diagnostics = xxgk_engine::check(&report, &settings);
        if let Some(baseline) = &baseline {
            diagnostics = baseline.filter(&report, &settings, diagnostics).0;
        }
        Ok(FileResult::new(report, diagnostics))
    };
    let mut results: Vec<FileResult> = collected
        .inputs
        .par_iter()
        .map(|input| lint(input.name(), inputs::read(input, &options)))
        .collect::<Result<_, _>>()
        .map_err(config_error)?;
    let mut fixed_stdout = None;
    if args.fix || args.unsafe_fixes || args.diff {
        let mode = if args.unsafe_fixes { fix::Mode::Unsafe } else { fix::Mode::Safe };
        let recheck = |name: &str, text: &str| lint(name, inputs::read_text(name, text, &options));
        let run =
            fix::run(&collected.inputs, results, mode, args.diff, cx.lang, recheck).map_err(config_error)?;
        results = run.results;
        fixed_stdout = run.stdout;
    }
    let failed = results.iter().any(|r| r.report.is_none());
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_diagnostics(
            results.iter().filter_map(|f| f.report.as_ref().map(|r| (r, f.diagnostics.as_slice()))),
        );
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
    let summary = Summary::of(&results);
    let out = match fixed_stdout {
        Some(text) => text.into_bytes(),
        None => render_check(&results, &args, cx, summary)?,
    };
    write_stdout(&out)?;
    let errors = if args.exit_zero { 0 } else { summary.errors };
    Ok(Outcome { errors, failed })
}

fn render_check(results: &[FileResult], args: &CheckArgs, cx: Ctx, summary: Summary) -> io::Result<Vec<u8>> {
    if args.quiet >= 2 {
        return Ok(Vec::new());
    }
    if args.statistics {
        return Ok(statistics(results, args.format, cx.lang).into_bytes());
    }
    let text_summary = |out: &mut Vec<u8>| -> io::Result<()> { writeln!(out, "{}", summary.line(cx.lang)) };
    Ok(match args.format {
        CheckFormat::Human => {
            let mut buf = if cx.color { Buffer::ansi() } else { Buffer::no_color() };
            if args.quiet == 0 {
                for f in results {
                    render::human::render_file(f, &cx, &mut buf)?;
                }
            }
            let mut out = buf.into_inner();
            text_summary(&mut out)?;
            out
        }
        CheckFormat::Concise => {
            let mut s = String::new();
            if args.quiet == 0 {
                for f in results {
                    render::concise::render_file(f, &cx, &mut s);
                }
            }
            let mut out = s.into_bytes();
            text_summary(&mut out)?;
            out
        }
        CheckFormat::Json => json_bytes(&render::json::document(results, &cx)),
        CheckFormat::Sarif => json_bytes(&render::sarif::document(results, &cx)),
        CheckFormat::Junit => render::junit::document(results, &cx).into_bytes(),
        CheckFormat::Github => {
            let mut s = String::new();
            for f in results {
                render::github::render_file(f, &cx, &mut s);
            }
            s.into_bytes()
        }
    })
}

fn json_bytes(v: &serde_json::Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// `--statistics`: findings per code, sorted by code.
fn statistics(results: &[FileResult], format: CheckFormat, lang: Lang) -> String {
    let mut counts: std::collections::BTreeMap<&str, (usize, &str, &str)> = Default::default();
    for d in results.iter().flat_map(|f| &f.diagnostics) {
        let e = counts.entry(d.code.as_str()).or_insert((0, d.rule.as_str(), d.severity.as_str()));
        e.0 += 1;
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
    out.push_str(&Summary::of(results).line(lang));
    out.push('\n');
    out
}

fn extract_cmd(args: ExtractArgs, lang: Lang) -> Result<Outcome, RunError> {
    let options = read_options(args.read.encoding.as_ref())?;
    let collected = inputs::collect(&args.paths, args.read.stdin_filename.as_deref());
    for dir in &collected.empty_dirs {
        no_reports(dir, lang);
    }
    let read: Vec<_> = collected.inputs.par_iter().map(|i| (i.name(), inputs::read(i, &options))).collect();
    let mut failed = false;
    let mut reports = Vec::new();
    for (name, result) in read {
        match result {
            Ok(r) => reports.push(r),
            Err(why) => {
                failed = true;
                let reason = if lang == Lang::En { &why.en } else { &why.zh };
                eprintln!("{name}: {reason}");
            }
        }
    }
    let several = collected.inputs.len() > 1 || args.paths.iter().any(|p| p.is_dir());
    let out = match args.format {
        SimpleFormat::Json => {
            let mut objects: Vec<_> = reports.iter().map(xxgk_model::extract_json).collect();
            if !several && objects.len() == 1 {
                json_bytes(&objects.remove(0))
            } else if objects.is_empty() && !several {
                Vec::new()
            } else {
                json_bytes(&serde_json::Value::Array(objects))
            }
        }
        SimpleFormat::Human => {
            let parts: Vec<String> = reports.iter().map(|r| extract::human(r, lang)).collect();
            parts.join("\n").into_bytes()
        }
    };
    write_stdout(&out)?;
    Ok(Outcome { errors: 0, failed })
}

fn rules_cmd(args: &RulesArgs, lang: Lang) -> Result<Outcome, RunError> {
    let (all, packs): (Vec<&'static xxgk_engine::RuleMeta>, Vec<String>) = match &args.pack {
        None => {
            let all = rules::all();
            let packs = all.iter().map(|m| rules::pack(m).to_string()).collect();
            (all, packs)
        }
        Some(reference) => {
            let list = xxgk_engine::packs::rules_of(reference).map_err(config_error)?;
            (list.iter().map(|(_, m)| *m).collect(), list.into_iter().map(|(p, _)| p).collect())
        }
    };
    let out = match args.format {
        SimpleFormat::Json => {
            let list: Vec<serde_json::Value> = all
                .iter()
                .zip(&packs)
                .map(|(m, pack)| {
                    serde_json::json!({
                        "code": m.code,
                        "name": m.name,
                        "severity": m.severity.as_str(),
                        "pack": pack,
                        "fixable": m.fixable,
                        "enabled_by_default": m.enabled_by_default,
                        "since": m.since,
                        "summary": rules::short(m, lang),
                    })
                })
                .collect();
            json_bytes(&serde_json::Value::Array(list))
        }
        SimpleFormat::Human => {
            let (fixable, off) =
                if lang == Lang::En { ("fixable", "off by default") } else { ("可修复", "默认关闭") };
            let rows: Vec<Vec<String>> = all
                .iter()
                .zip(&packs)
                .map(|(m, pack)| {
                    let mut notes = Vec::new();
                    if m.fixable {
                        notes.push(fixable);
                    }
                    if !m.enabled_by_default {
                        notes.push(off);
                    }
                    vec![
                        m.code.to_string(),
                        m.name.to_string(),
                        m.severity.as_str().to_string(),
                        pack.clone(),
                        notes.join(", "),
                    ]
                })
                .collect();
            let mut out = String::new();
            if rows.is_empty() {
                out.push_str(if lang == Lang::En {
                    "this pack adds no rules\n"
                } else {
                    "该规则包未增加规则\n"
                });
            }
            for r in &rows {
                let line = format!(
                    "{:<6}  {:<w1$}  {:<7}  {}  {}",
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    w1 = rows.iter().map(|r| r[1].len()).max().unwrap_or(0)
                );
                out.push_str(line.trim_end());
                out.push('\n');
            }
            out.into_bytes()
        }
    };
    write_stdout(&out)?;
    Ok(Outcome::default())
}

fn explain(args: &ExplainArgs, lang: Lang) -> Result<Outcome, RunError> {
    // A pack rule: of the config that applies here, else of a bundled pack.
    let pack_settings =
        || Resolver::new(None, Overrides::default()).and_then(|r| r.resolve(Path::new("."))).ok();
    let (found, pack) = match rules::find(args.rule.trim()) {
        Some(meta) => (Some(meta), rules::pack(meta).to_string()),
        None => {
            let settings = pack_settings().unwrap_or_default();
            let meta = xxgk_engine::packs::find_rule(&settings, args.rule.trim());
            let pack = meta.and_then(|m| xxgk_engine::packs::pack_of(&settings, m.code)).unwrap_or_default();
            (meta, pack)
        }
    };
    let Some(meta) = found else {
        let hint = match rules::suggest(args.rule.trim()).first() {
            Some(m) => format!("是否是 {} ({})? / did you mean {} ({})?", m.code, m.name, m.code, m.name),
            None => "`xxgk rules` 列出全部规则 / `xxgk rules` lists every rule".to_string(),
        };
        return Err(miette::miette!(
            help = hint,
            "未知的规则 `{}` / unknown rule `{}`",
            args.rule,
            args.rule
        )
        .into());
    };
    let head = match lang {
        Lang::Zh => format!(
            "# {} {}\n\n默认级别：{}；规则包：{}；自 {} 起{}\n\n",
            meta.code,
            meta.name,
            meta.severity.as_str(),
            pack,
            meta.since,
            if meta.fixable { "；可自动修复" } else { "" }
        ),
        Lang::En => format!(
            "# {} {}\n\nDefault severity: {}; pack: {}; since {}{}\n\n",
            meta.code,
            meta.name,
            meta.severity.as_str(),
            pack,
            meta.since,
            if meta.fixable { "; fixable" } else { "" }
        ),
    };
    write_stdout(format!("{head}{}", rules::doc_in(meta, lang)).as_bytes())?;
    Ok(Outcome::default())
}

fn config_cmd(args: &ConfigArgs, cli_lang: Option<Lang>) -> Result<Outcome, RunError> {
    let overrides = Overrides { lang: cli_lang, ..Overrides::default() };
    let resolver = Resolver::new(args.config.as_deref(), overrides).map_err(config_error)?;
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let settings = resolver.resolve(&path).map_err(config_error)?;
    write_stdout(xxgk_engine::config::describe(&settings).as_bytes())?;
    Ok(Outcome::default())
}
