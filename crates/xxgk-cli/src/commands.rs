//! `xxgk extract`, `xxgk rules`, `xxgk explain` and `xxgk config`.
use crate::args::{ConfigArgs, ExplainArgs, ExtractArgs, ExtractFormat, RulesArgs, SimpleFormat};
use crate::check::config_error;
use crate::server::analysis;
use crate::{extract, inputs, json_bytes, no_reports, read_options, rules, write_stdout, Outcome, RunError};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use xxgk_engine::config::{Overrides, Resolver};
use xxgk_engine::Lang;

pub(crate) fn extract_cmd(args: ExtractArgs, lang: Lang) -> Result<Outcome, RunError> {
    let options = read_options(args.read.encoding.as_ref())?;
    let collected = inputs::collect(&args.paths, args.read.stdin_filename.as_deref());
    for dir in &collected.empty_dirs {
        no_reports(dir, lang);
    }
    let several = collected.inputs.len() > 1 || args.paths.iter().any(|p| p.is_dir());
    let mut failed = false;
    let mut out = Extracted::new(std::io::stdout().lock(), args.format, several, lang);
    out.start()?;
    // Reports are read a few per thread at a time, in order, and written and dropped as they
    // are done: the output starts at once and memory stays flat however many there are.
    let batch = 4 * rayon::current_num_threads().max(1);
    for chunk in collected.inputs.chunks(batch) {
        let read: Vec<_> = chunk.par_iter().map(|i| (i.name(), inputs::read(i, &options))).collect();
        for (name, result) in read {
            match result {
                Ok(report) => out.report(&report)?,
                Err(why) => {
                    failed = true;
                    let reason = if lang == Lang::En { &why.en } else { &why.zh };
                    eprintln!("{name}: {reason}");
                }
            }
        }
    }
    drop(out.finish()?);
    Ok(Outcome { errors: 0, failed })
}

/// `extract` output written one report at a time: CSV with its header first, JSON as one
/// object for a single file or an array for several, the readable account with a blank line
/// between reports. The bytes are those of rendering all the reports at once.
struct Extracted<W: Write> {
    out: W,
    format: ExtractFormat,
    several: bool,
    lang: Lang,
    written: usize,
}

impl<W: Write> Extracted<W> {
    fn new(out: W, format: ExtractFormat, several: bool, lang: Lang) -> Self {
        Extracted { out, format, several, lang, written: 0 }
    }

    fn start(&mut self) -> std::io::Result<()> {
        if let ExtractFormat::Csv = self.format {
            self.out.write_all(&crate::render::csv::header(&crate::render::csv::EXTRACT_HEADER))?;
        }
        Ok(())
    }

    fn report(&mut self, report: &xxgk_model::Report) -> std::io::Result<()> {
        let first = self.written == 0;
        self.written += 1;
        match self.format {
            ExtractFormat::Csv => self.out.write_all(&crate::render::csv::extract_rows(report))?,
            ExtractFormat::Json if !self.several => {
                self.out.write_all(&json_bytes(&xxgk_model::extract_json(report)))?
            }
            ExtractFormat::Json => {
                // An element of a pretty-printed array: indented one level, a comma between.
                let one = serde_json::to_string_pretty(&xxgk_model::extract_json(report)).unwrap_or_default();
                let mut piece = String::from(if first { "[\n" } else { ",\n" });
                for (i, line) in one.lines().enumerate() {
                    if i > 0 {
                        piece.push('\n');
                    }
                    piece.push_str("  ");
                    piece.push_str(line);
                }
                self.out.write_all(piece.as_bytes())?;
            }
            ExtractFormat::Human => {
                if !first {
                    self.out.write_all(b"\n")?;
                }
                self.out.write_all(extract::human(report, self.lang).as_bytes())?;
            }
        }
        self.out.flush()
    }

    /// Close the output (the JSON array's bracket); the writer back.
    fn finish(mut self) -> std::io::Result<W> {
        if let ExtractFormat::Json = self.format {
            if self.several {
                self.out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::Report;

    fn reports() -> Vec<Report> {
        ["clean.txt", "errors.txt", "series/2021.txt", "series/2022.txt", "series/2023.txt"]
            .iter()
            .map(|name| {
                let path = format!("tests/fixtures/{name}");
                let bytes = std::fs::read(&path).unwrap();
                xxgk_adapters::read(&path, &bytes, &xxgk_adapters::ReadOptions::default()).unwrap()
            })
            .collect()
    }

    fn streamed(reports: &[Report], format: ExtractFormat, several: bool) -> Vec<u8> {
        let mut out = Extracted::new(Vec::new(), format, several, Lang::Zh);
        out.start().unwrap();
        for r in reports {
            out.report(r).unwrap();
        }
        out.finish().unwrap()
    }

    #[test]
    fn streamed_extract_is_the_output_of_all_reports_at_once() {
        let all = reports();
        for n in [0, 1, 2, all.len()] {
            let reports = &all[..n];
            let objects: Vec<serde_json::Value> = reports.iter().map(xxgk_model::extract_json).collect();
            assert_eq!(
                streamed(reports, ExtractFormat::Json, true),
                json_bytes(&serde_json::Value::Array(objects.clone())),
                "json, {n} reports"
            );
            assert_eq!(streamed(reports, ExtractFormat::Csv, true), crate::render::csv::extract(reports));
            let parts: Vec<String> = reports.iter().map(|r| extract::human(r, Lang::Zh)).collect();
            assert_eq!(streamed(reports, ExtractFormat::Human, true), parts.join("\n").into_bytes());
            if n == 1 {
                assert_eq!(streamed(reports, ExtractFormat::Json, false), json_bytes(&objects[0]));
            }
        }
        assert!(streamed(&[], ExtractFormat::Json, false).is_empty());
        assert_eq!(streamed(&[], ExtractFormat::Json, true), b"[]\n");
    }
}
