//! Both languages, complete for every built-in rule: Chinese by default, English with
//! `--lang en` / `XXGK_LANG=en` / `lang = "en"`.
//!
//! A missing translation fails here: a rule doc without a `## English` section or with one
//! that is empty or not English; a message or help whose English is empty, equal to the
//! Chinese or has no English word in it (every firing fixture of the engine is checked,
//! with every rule selected, in both languages).
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn xxgk(dir: &Path, envs: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    cmd.current_dir(dir).env_remove("XXGK_LANG").env("NO_COLOR", "1").args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2ffff}')
}

/// English prose: at least one word of three ASCII letters, and more ASCII letters than CJK characters.
fn reads_as_english(s: &str) -> bool {
    let letters = s.chars().filter(char::is_ascii_alphabetic).count();
    let cjk = s.chars().filter(|&c| is_cjk(c)).count();
    let word = s.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 3);
    word && letters > cjk
}

fn codes() -> Vec<String> {
    let (code, out) = xxgk(manifest_dir(), &[], &["rules", "--format", "json"]);
    assert_eq!(code, Some(0));
    let rules: Value = serde_json::from_str(&out).unwrap();
    rules.as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn every_rule_doc_has_both_languages() {
    const HEADINGS: [&str; 5] = ["## 检查内容\n", "## 为什么\n", "## 依据\n", "## 示例\n", "## 修复\n"];
    let mut missing = Vec::new();
    let codes = codes();
    assert!(codes.len() >= 40, "{codes:?}");
    for code in &codes {
        let (_, zh) = xxgk(manifest_dir(), &[], &["explain", code]);
        let (_, en) = xxgk(manifest_dir(), &[], &["--lang", "en", "explain", code]);
        let Some((chinese, english)) = zh.split_once("## English\n") else {
            missing.push(format!("{code}: no `## English` section"));
            continue;
        };
        for h in HEADINGS {
            let body = chinese.split_once(h).map(|(_, rest)| rest.split("\n## ").next().unwrap_or_default());
            if body.is_none_or(|b| b.trim().is_empty()) {
                missing.push(format!("{code}: `{}` missing or empty", h.trim()));
            }
        }
        if !reads_as_english(english) {
            missing.push(format!("{code}: the English section is empty or not English: {english:?}"));
        }
        // `--lang en` prints the English section under an English head.
        if !en.starts_with(&format!("# {code} "))
            || !en.contains("\n\nDefault severity: ")
            || !en.ends_with(english)
        {
            missing.push(format!("{code}: `--lang en explain` is not the English section:\n{en}"));
        }
        if en.contains("## 检查内容") {
            missing.push(format!("{code}: `--lang en explain` shows the Chinese doc"));
        }
    }
    assert!(missing.is_empty(), "missing translations:\n{}", missing.join("\n"));
}

#[test]
fn every_rule_summary_has_both_languages() {
    let list = |lang: &str| -> Value {
        let (_, out) = xxgk(manifest_dir(), &[], &["--lang", lang, "rules", "--format", "json"]);
        serde_json::from_str(&out).unwrap()
    };
    let (zh, en) = (list("zh"), list("en"));
    let mut missing = Vec::new();
    for (z, e) in zh.as_array().unwrap().iter().zip(en.as_array().unwrap()) {
        let (zs, es) = (z["summary"].as_str().unwrap(), e["summary"].as_str().unwrap());
        if !zs.chars().any(is_cjk) {
            missing.push(format!("{}: Chinese summary {zs:?}", z["code"]));
        }
        if zs == es || !reads_as_english(es) {
            missing.push(format!("{}: English summary {es:?}", z["code"]));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Every fixture file of the engine's rules, and an empty file (XG001).
fn fixtures() -> Vec<PathBuf> {
    let rules = manifest_dir().join("../xxgk-engine/src/rules");
    let mut files = vec![manifest_dir().join("tests/fixtures/empty.txt")];
    for family in std::fs::read_dir(&rules).unwrap().flatten() {
        let Ok(entries) = std::fs::read_dir(family.path().join("fixtures")) else { continue };
        files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

#[test]
fn every_message_and_help_has_both_languages() {
    let files = fixtures();
    let names: Vec<String> = files.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let run = |lang: &str| -> Value {
        let mut args = vec!["--lang", lang, "check", "--format", "json", "--select", "ALL"];
        args.extend(names.iter().map(String::as_str));
        let (code, out) = xxgk(manifest_dir(), &[], &args);
        assert_eq!(code, Some(2), "the empty file makes the run exit 2");
        serde_json::from_str(&out).unwrap()
    };
    let (zh, en) = (run("zh"), run("en"));
    let mut missing = BTreeSet::new();
    let mut fired = BTreeSet::new();
    let files_zh = zh["files"].as_array().unwrap();
    let files_en = en["files"].as_array().unwrap();
    assert_eq!(files_zh.len(), files.len());
    let mut count = 0;
    for (fz, fe) in files_zh.iter().zip(files_en) {
        let (dz, de) = (fz["diagnostics"].as_array().unwrap(), fe["diagnostics"].as_array().unwrap());
        assert_eq!(dz.len(), de.len(), "{}", fz["path"]);
        for (a, b) in dz.iter().zip(de) {
            let code = a["code"].as_str().unwrap().to_string();
            assert_eq!(code, b["code"].as_str().unwrap());
            count += 1;
            fired.insert(code.clone());
            let mut pairs = vec![("message", &a["message"], &b["message"]), ("help", &a["help"], &b["help"])];
            let labels = a["labels"]
                .as_array()
                .into_iter()
                .flatten()
                .zip(b["labels"].as_array().into_iter().flatten());
            pairs.extend(labels.map(|(la, lb)| ("label", &la["message"], &lb["message"])));
            for (what, z, e) in pairs {
                let (Some(z), Some(e)) = (z.as_str(), e.as_str()) else {
                    if z.is_null() != e.is_null() {
                        missing.insert(format!("{code} {what}: present in one language only"));
                    }
                    continue;
                };
                if !z.chars().any(is_cjk) {
                    missing.insert(format!("{code} {what}: the Chinese has no Chinese: {z:?}"));
                }
                // A label may be a bare term ("I = 5" for "一 = 5"): translated when it has fewer
                // Chinese characters; a message or help must have an English word.
                let cjk = |s: &str| s.chars().filter(|&c| is_cjk(c)).count();
                let word = e.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 2);
                if z == e || cjk(e) >= cjk(z) || (what != "label" && !word) {
                    missing.insert(format!("{code} {what}: no English: {e:?} (zh {z:?})"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing translations:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
    // Every single-report rule fired somewhere, so each one's messages were checked. XG7 compares
    // a report with last year's: its fixtures are series, checked by its own tests.
    let single: BTreeSet<String> = codes().into_iter().filter(|c| !c.starts_with("XG7")).collect();
    let unchecked: Vec<&String> = single.difference(&fired).collect();
    assert!(unchecked.is_empty(), "rules that fired on no fixture, their messages unchecked: {unchecked:?}");
    assert!(count > 100, "{count} findings");
}

#[test]
fn chinese_by_default_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = manifest_dir().join("tests/fixtures/errors.txt");
    std::fs::copy(&fixture, dir.path().join("r.txt")).unwrap();
    let concise = ["check", "--format", "concise", "--select", "XG301", "r.txt"];
    let zh = "r.txt:290:1: XG301 [error] 第六部分未说明信息处理费的收取情况\n共检查 1 个文件：错误 1 个，警告 0 个，提示 0 个\n";
    let en = "r.txt:290:1: XG301 [error] Section 6 does not say whether information processing fees were charged\n\
              Checked 1 file: 1 error, 0 warnings, 0 infos\n";
    let with = |envs: &[(&str, &str)], args: &[&str]| xxgk(dir.path(), envs, args);
    assert_eq!(with(&[], &concise), (Some(1), zh.to_string()));
    assert_eq!(with(&[("XXGK_LANG", "en")], &concise), (Some(1), en.to_string()));
    assert_eq!(with(&[("XXGK_LANG", "en_US.UTF-8")], &concise), (Some(1), en.to_string()));
    let mut flagged = vec!["--lang", "en"];
    flagged.extend(concise);
    assert_eq!(with(&[("XXGK_LANG", "zh")], &flagged), (Some(1), en.to_string()));
    // A config's `lang` applies; the command line wins over it.
    std::fs::write(dir.path().join("xxgk.toml"), "lang = \"en\"\n").unwrap();
    assert_eq!(with(&[], &concise), (Some(1), en.to_string()));
    let mut flagged = vec!["--lang", "zh"];
    flagged.extend(concise);
    assert_eq!(with(&[], &flagged), (Some(1), zh.to_string()));
}

#[test]
fn help_is_chinese_by_default_english_on_request() {
    let dir = manifest_dir();
    let (code, zh) = xxgk(dir, &[], &["check", "--help"]);
    assert_eq!(code, Some(0));
    assert!(
        zh.starts_with("按规则检查报告并输出发现的问题\n\n用法：xxgk check [OPTIONS] [PATH]...\n"),
        "{zh}"
    );
    assert!(zh.contains("\n参数:\n"), "{zh}");
    assert!(zh.contains("只运行这些规则：代码（XG301）、族前缀（XG3）、规则名或 ALL，逗号分隔"), "{zh}");
    assert!(!zh.contains("Only these rules"), "{zh}");
    // Every value of --format is named, from the definition itself.
    assert!(zh.contains("；可选值：human、json、sarif、github、junit、concise、html"), "{zh}");
    let (_, top) = xxgk(dir, &[], &["-h"]);
    assert!(top.contains("\n命令:\n  check        按规则检查报告并输出发现的问题\n"), "{top}");
    for (envs, args) in [
        (&[][..], &["--lang", "en", "check", "--help"][..]),
        (&[("XXGK_LANG", "en")][..], &["check", "--help"][..]),
        (&[("XXGK_LANG", "zh")][..], &["check", "--lang=en", "--help"][..]),
    ] {
        let (code, en) = xxgk(dir, envs, args);
        assert_eq!(code, Some(0));
        assert!(
            en.starts_with("Check reports against the rules and print the findings\n\nUsage: xxgk check"),
            "{args:?}: {en}"
        );
        assert!(
            en.contains("Only these rules (codes, prefixes such as XG2, names, or ALL), comma-separated"),
            "{en}"
        );
    }
}
