//! `xxgk extract`, `xxgk rules`, `xxgk explain` and `xxgk config`.
use crate::args::{ConfigArgs, ExplainArgs, ExtractArgs, ExtractFormat, RulesArgs, SimpleFormat};
use crate::check::config_error;
use crate::server::analysis;
use crate::{extract, inputs, json_bytes, no_reports, read_options, rules, write_stdout, Outcome, RunError};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use xxgk_engine::config::{Overrides, Resolver};
use xxgk_engine::Lang;

pub(crate) fn extract_cmd(args: ExtractArgs, lang: Lang) -> Result<Outcome, RunError> {
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
        ExtractFormat::Csv => crate::render::csv::extract(&reports),
        ExtractFormat::Json => {
            let mut objects: Vec<_> = reports.iter().map(xxgk_model::extract_json).collect();
            if !several && objects.len() == 1 {
                json_bytes(&objects.remove(0))
            } else if objects.is_empty() && !several {
                Vec::new()
            } else {
                json_bytes(&serde_json::Value::Array(objects))
            }
        }
        ExtractFormat::Human => {
            let parts: Vec<String> = reports.iter().map(|r| extract::human(r, lang)).collect();
            parts.join("\n").into_bytes()
        }
    };
    write_stdout(&out)?;
    Ok(Outcome { errors: 0, failed })
}

pub(crate) fn rules_cmd(args: &RulesArgs, lang: Lang) -> Result<Outcome, RunError> {
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

pub(crate) fn explain(args: &ExplainArgs, lang: Lang) -> Result<Outcome, RunError> {
    // A pack rule: of the config that applies here, else of a bundled pack.
    let settings = Resolver::new(None, Overrides::default()).and_then(|r| r.resolve(Path::new("."))).ok();
    let Some((meta, pack)) = analysis::find_rule(settings.as_deref(), args.rule.trim()) else {
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
    write_stdout(analysis::explanation(meta, &pack, lang).as_bytes())?;
    Ok(Outcome::default())
}

pub(crate) fn config_cmd(args: &ConfigArgs, cli_lang: Option<Lang>) -> Result<Outcome, RunError> {
    let overrides = Overrides { lang: cli_lang, ..Overrides::default() };
    let resolver = Resolver::new(args.config.as_deref(), overrides).map_err(config_error)?;
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let settings = resolver.resolve(&path).map_err(config_error)?;
    write_stdout(xxgk_engine::config::describe(&settings).as_bytes())?;
    Ok(Outcome::default())
}
