//! `xxgk check`: read, check and print every input; `--statistics`; `--fix` through fix.rs.
use crate::args::{CheckArgs, CheckFormat};
use crate::render::{self, Ctx, FileResult, Summary};
use crate::{fix, inputs, json_bytes, no_reports, read_options, rules, write_stdout, Outcome, RunError};
use codespan_reporting::term::termcolor::Buffer;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use xxgk_engine::baseline::Baseline;
use xxgk_engine::config::{ConfigError, Overrides, Resolver};
use xxgk_engine::{Diagnostic, Lang, Severity, Text};

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

pub(crate) fn check(args: CheckArgs, mut cx: Ctx, cli_lang: Option<Lang>) -> Result<Outcome, RunError> {
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
