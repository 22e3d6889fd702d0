//! End-to-end tests of pack rules through the binary: `check` with a config that lists a pack,
//! `rules --pack`, `explain` of a pack rule, and a malformed pack's exit code.
use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(dir)
        .env_remove("XXGK_LANG")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const PACK: &str = r###"name = "mine"
version = "0.2.0"
description = "本单位要求"
extends = ["national"]

[[rule]]
code = "MY001"
name = "zhuanqu-missing"
kind = "require"
section = "overview"
phrase = "政务公开专区"
severity = "error"
message = "总体情况未提及政务公开专区"
doc = "## 检查内容\n第一部分须提及政务公开专区。\n## English\nSection 一 mentions the 政务公开专区.\n"

[[rule]]
code = "MY002"
name = "house-words"
kind = "substitute"
words = [{ wrong = "其它", right = "其他" }]
message = "“{wrong}”应为“{right}”"
"###;

fn project(name: &str, pack: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xxgk-cli-packs-{}-{name}", std::process::id()));
    std::fs::create_dir_all(dir.join("rules")).expect("mkdir");
    std::fs::write(dir.join("rules/mine.toml"), pack).expect("pack");
    std::fs::write(dir.join("xxgk.toml"), "packs = [\"national\", \"rules/mine.toml\"]\n").expect("config");
    let report = "某局2023年政府信息公开工作年度报告\n一、总体情况\n其它工作有序开展。\n";
    std::fs::write(dir.join("report.txt"), report).expect("report");
    dir
}

#[test]
fn pack_rules_report_with_their_codes_beside_national_ones() {
    let dir = project("check", PACK);
    let (code, out, err) = run(&dir, &["check", "--output-format", "concise", "report.txt"]);
    let (_, rules, _) = run(&dir, &["rules", "--pack", "rules/mine.toml"]);
    let (_, explain, _) = run(&dir, &["explain", "MY001"]);
    let (_, guizhou, _) = run(&dir, &["rules", "--pack", "guizhou"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("report.txt:2:1: MY001"), "{out}");
    assert!(out.contains("report.txt:3:1: MY002"), "{out}");
    assert!(out.lines().any(|l| l.contains(": XG")), "national findings too: {out}");
    assert_eq!(
        rules,
        "MY001   zhuanqu-missing  error    mine\nMY002   house-words      warning  mine  可修复\n"
    );
    assert!(
        explain.starts_with("# MY001 zhuanqu-missing\n\n默认级别：error；规则包：mine；自 0.2.0 起\n"),
        "{explain}"
    );
    assert!(explain.contains("第一部分须提及政务公开专区"), "{explain}");
    assert_eq!(guizhou, "该规则包未增加规则\n");
}

#[test]
fn a_malformed_pack_exits_2_with_its_span() {
    let dir = project("malformed", &PACK.replace("section = \"overview\"", "section = \"overveiw\""));
    let (code, _, err) = run(&dir, &["check", "report.txt"]);
    let (pinned, _, pin_err) = run(&dir, &["rules", "--pack", "guizhou@0.9"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("unknown section `overveiw`") && err.contains("rules/mine.toml:10:11"), "{err}");
    assert_eq!(pinned, Some(2), "{pin_err}");
    assert!(pin_err.contains("the bundled pack `guizhou` is version 0.1.0, not 0.9"), "{pin_err}");
}
