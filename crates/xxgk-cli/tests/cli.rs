//! End-to-end tests of the `xxgk` binary: exit codes, output formats, directory walking.
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn xxgk() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env_remove("XXGK_LANG").env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = xxgk().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn clean_report_exits_0() {
    let (code, out, _) = run(&["check", "tests/fixtures/clean.txt"]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out, "共检查 1 个文件，未发现问题\n");
}

#[test]
fn unreadable_inputs_are_xg001_and_exit_2_without_stopping_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"PK\x03\x04\x00\x00\x01").unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean.txt"),
        dir.path().join("ok.txt"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(dir.path())
        .args(["check", "--format", "concise", ".", "missing.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "binary.txt:1:1: XG001 [error] 无法读取 binary.txt：不是文本文件：在第 4 字节处有 NUL\n\
         empty.txt:1:1: XG001 [error] 无法读取 empty.txt：文件为空\n\
         missing.txt:1:1: XG001 [error] 无法读取 missing.txt：文件不存在\n\
         共检查 4 个文件：错误 3 个，警告 0 个，提示 0 个\n"
    );
}

#[test]
fn unreadable_input_in_english_names_file_and_reason() {
    let (code, out, _) = run(&["check", "--lang", "en", "--format", "json", "tests/fixtures/empty.txt"]);
    assert_eq!(code, Some(2));
    let doc = json(&out);
    let d = &doc["files"][0]["diagnostics"][0];
    assert_eq!(doc["files"][0]["path"], "tests/fixtures/empty.txt");
    assert_eq!(d["code"], "XG001");
    assert_eq!(d["rule"], "unreadable-input");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "cannot read tests/fixtures/empty.txt: the file is empty");
    assert!(
        d["line"].is_null() && d["column"].is_null() && d["end_line"].is_null() && d["end_column"].is_null()
    );
    assert!(d["help"].as_str().is_some_and(|h| h.contains("--encoding")));
}

#[test]
fn exit_zero_still_exits_2_when_the_run_failed() {
    assert_eq!(run(&["check", "--exit-zero", "tests/fixtures/empty.txt"]).0, Some(2));
    assert_eq!(run(&["check", "--exit-zero", "tests/fixtures/clean.txt"]).0, Some(0));
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        &["check", "--no-such-flag"][..],
        &["check", "--format", "xml", "tests/fixtures/clean.txt"],
        &["check", "--select", "XG999", "tests/fixtures/clean.txt"],
        &["check", "--encoding", "klingon", "tests/fixtures/clean.txt"],
        &["check", "--lang", "fr", "tests/fixtures/clean.txt"],
        &["frobnicate"],
        &[],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, Some(2), "{args:?}: {out}{err}");
        assert!(!err.is_empty(), "{args:?} says why on stderr");
    }
    let (_, _, err) = run(&["check", "--select", "XG0001", "tests/fixtures/clean.txt"]);
    assert!(err.contains("unknown rule selector `XG0001`") && err.contains("did you mean XG001"), "{err}");
    let (_, _, err) = run(&["check", "--encoding", "klingon", "tests/fixtures/clean.txt"]);
    assert!(err.contains("unknown encoding `klingon`"), "{err}");
}

#[test]
fn explain_unknown_code_exits_2_with_a_suggestion() {
    let (code, out, err) = run(&["explain", "XG0001"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert!(
        err.contains("unknown rule `XG0001`") && err.contains("did you mean XG001 (unreadable-input)"),
        "{err}"
    );
}

#[test]
fn explain_prints_the_doc_in_either_language() {
    let (code, out, _) = run(&["explain", "xg001"]);
    assert_eq!(code, Some(0));
    assert!(
        out.starts_with(
            "# XG001 unreadable-input\n\n默认级别：error；规则包：national；自 0.1.0 起\n\n## 检查内容\n"
        ),
        "{out}"
    );
    let (code, out, _) = run(&["explain", "unreadable-input", "--lang", "en"]);
    assert_eq!(code, Some(0));
    assert!(
        out.starts_with(
            "# XG001 unreadable-input\n\nDefault severity: error; pack: national; since 0.1.0\n\nChecks that"
        ),
        "{out}"
    );
    assert!(!out.contains("检查内容"));
}

#[test]
fn rules_json_lists_every_rule_sorted() {
    let (code, out, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, Some(0));
    let list = json(&out);
    let list = list.as_array().unwrap();
    let codes: Vec<&str> = list.iter().map(|r| r["code"].as_str().unwrap()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted);
    let xg001 = list.iter().find(|r| r["code"] == "XG001").unwrap();
    assert_eq!(xg001["name"], "unreadable-input");
    assert_eq!(xg001["severity"], "error");
    assert_eq!(xg001["pack"], "national");
    assert_eq!(xg001["fixable"], false);
    let (_, human, _) = run(&["rules"]);
    assert!(human
        .lines()
        .any(|l| l.starts_with("XG001   unreadable-input") && l.contains("error") && l.contains("national")));
}

fn walk_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = "一、总体情况\n本年度未收取信息处理费。\n";
    for f in [
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/d.htm",
        "sub/e.markdown",
        ".hidden.txt",
        ".hid/f.txt",
        "ignored.txt",
        "sub/skip.pdf",
        "sub/skip.csv",
        "Z.TXT",
    ] {
        let path = p.join(f);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(p.join(".gitignore"), "ignored.txt\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", p.join("sub/loop")).unwrap();
    dir
}

#[test]
fn directories_are_walked_sorted_skipping_hidden_and_ignored_files() {
    let dir = walk_tree();
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--select", "XG001", ".", "sub/skip.pdf", "b.txt"])
        .output()
        .unwrap();
    // skip.pdf is named explicitly: read whatever its extension (and unsupported here).
    let doc = json(&String::from_utf8_lossy(&out.stdout));
    let paths: Vec<&str> =
        doc["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["Z.TXT", "a.md", "b.txt", "sub/c.html", "sub/d.htm", "sub/e.markdown", "sub/skip.pdf"]
    );
    assert_eq!(doc["summary"]["files"], 7);
}

#[test]
fn empty_directory_says_so_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.csv"), "a,b\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "--lang", "en"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("no reports found under {}\n", dir.path().display())
    );
}

#[test]
fn stdin_is_read_under_its_given_name() {
    let clean =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean.txt")).unwrap();
    let out = xxgk()
        .args(["check", "--format", "json", "--stdin-filename", "报告.txt", "-"])
        .write_stdin(clean)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(doc["files"][0]["path"], "报告.txt");
    let out = xxgk().args(["check", "--format", "concise", "-"]).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().next(),
        Some("-:1:1: XG001 [error] 无法读取 -：文件为空")
    );
}

#[test]
fn language_from_the_environment() {
    let out =
        xxgk().env("XXGK_LANG", "en_US.UTF-8").args(["check", "tests/fixtures/clean.txt"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Checked 1 file: no problems found\n");
}

#[test]
fn quiet_prints_only_the_summary_or_nothing() {
    let (code, out, _) = run(&["check", "-q", "tests/fixtures/empty.txt"]);
    assert_eq!((code, out.as_str()), (Some(2), "共检查 1 个文件：错误 1 个，警告 0 个，提示 0 个\n"));
    let (code, out, _) = run(&["check", "-qq", "--format", "json", "tests/fixtures/empty.txt"]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
}

#[test]
fn statistics_count_per_code() {
    let (code, out, _) =
        run(&["check", "--statistics", "tests/fixtures/empty.txt", "tests/fixtures/missing.txt"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out,
        "2  XG001  [error]  unreadable-input\n共检查 2 个文件：错误 2 个，警告 0 个，提示 0 个\n"
    );
    let (_, out, _) = run(&["check", "--statistics", "--format", "json", "tests/fixtures/empty.txt"]);
    assert_eq!(
        json(&out),
        serde_json::json!([{"code": "XG001", "rule": "unreadable-input", "severity": "error", "count": 1}])
    );
}

// Every format on one clean and one unreadable report. Only XG001 is selected so that the
// snapshots do not move as rules are added; positioned findings are covered by the
// renderers' own tests.
#[test]
fn every_format_snapshot() {
    for format in ["human", "json", "sarif", "github", "junit", "concise"] {
        let (code, out, err) = run(&[
            "check",
            "--select",
            "XG001",
            "--format",
            format,
            "tests/fixtures/clean.txt",
            "tests/fixtures/empty.txt",
        ]);
        assert_eq!(code, Some(2), "{format}: {err}");
        let out = if format == "sarif" {
            // The rule list grows with every rule; the results are what this snapshot is for.
            let mut log = json(&out);
            let rules = log["runs"][0]["tool"]["driver"]["rules"].take();
            assert!(rules.as_array().is_some_and(|r| r.iter().any(|r| r["id"] == "XG001")));
            serde_json::to_string_pretty(&log).unwrap()
        } else {
            out
        };
        insta::assert_snapshot!(format!("format_{format}"), out);
    }
}

#[test]
fn extract_json_shape() {
    let (code, out, _) = run(&["extract", "--format", "json", "tests/fixtures/clean.txt"]);
    assert_eq!(code, Some(0));
    let doc = json(&out);
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["path", "format", "meta", "sections", "tables", "inferences"]);
    assert_eq!(doc["path"], "tests/fixtures/clean.txt");
    assert_eq!(doc["format"], "text");
    let meta: Vec<&String> = doc["meta"].as_object().unwrap().keys().collect();
    assert_eq!(meta, ["title", "issuer", "year", "published", "signed", "period"]);
    let tables: Vec<&String> = doc["tables"].as_object().unwrap().keys().collect();
    assert_eq!(tables, ["proactive", "requests", "appeals"]);
    let (code, out, _) = run(&[
        "extract",
        "--format",
        "json",
        "tests/fixtures/clean.txt",
        "tests/fixtures/clean.txt",
        "tests/../tests/fixtures/clean.txt",
    ]);
    assert_eq!(code, Some(0));
    assert!(json(&out).is_object(), "the same file named three times is read once");
    let (code, out, err) = run(&["extract", "--format", "json", "tests/fixtures"]);
    assert_eq!(code, Some(2), "empty.txt cannot be read");
    assert_eq!(err, "tests/fixtures/empty.txt: 文件为空\n");
    let paths: Vec<Value> = json(&out).as_array().unwrap().iter().map(|o| o["path"].clone()).collect();
    // Subfolders (series/) hold other tests' fixtures; the walk reads them after these.
    assert_eq!(paths[..2], ["tests/fixtures/clean.txt", "tests/fixtures/errors.txt"]);
    assert!(paths[2..].iter().all(|p| p.as_str().is_some_and(|p| p.starts_with("tests/fixtures/series/"))));
}

#[test]
fn extract_human_has_every_part() {
    let (code, out, _) = run(&["extract", "tests/fixtures/clean.txt"]);
    assert_eq!(code, Some(0));
    for part in [
        "tests/fixtures/clean.txt (text)",
        "\n章节\n",
        "\n表二 主动公开政府信息情况\n",
        "\n表三 收到和处理政府信息公开申请情况\n",
        "\n表四 政府信息公开行政复议、行政诉讼情况\n",
        "\n推断\n",
    ] {
        assert!(out.contains(part), "{part:?} in\n{out}");
    }
}

#[test]
fn report_with_errors_exits_1_unless_exit_zero() {
    let (code, out, _) = run(&["check", "--format", "concise", "tests/fixtures/errors.txt"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("tests/fixtures/errors.txt:290:1: XG301 [error] "), "{out}");
    assert_eq!(run(&["check", "--exit-zero", "tests/fixtures/errors.txt"]).0, Some(0));
    assert_eq!(run(&["check", "--ignore", "XG2,XG301", "tests/fixtures/errors.txt"]).0, Some(0));
}

#[test]
fn json_diagnostics_field_by_field() {
    let (code, out, _) =
        run(&["check", "--format", "json", "--select", "XG301", "tests/fixtures/errors.txt"]);
    assert_eq!(code, Some(1));
    let doc = json(&out);
    assert_eq!(doc["version"], 1);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], "tests/fixtures/errors.txt");
    let d = &files[0]["diagnostics"][0];
    assert_eq!(d["code"], "XG301");
    assert_eq!(d["rule"], "fee-statement-missing");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "第六部分未说明信息处理费的收取情况");
    assert_eq!([&d["line"], &d["column"], &d["end_line"], &d["end_column"]], [290, 1, 290, 12]);
    assert!(d["help"].as_str().is_some_and(|h| h.contains("信息处理费")));
    assert_eq!([&d["labels"][0]["line"], &d["labels"][0]["column"]], [291, 1]);
    assert_eq!(doc["summary"], serde_json::json!({"files": 1, "errors": 1, "warnings": 0, "infos": 0}));
    let (_, out, _) =
        run(&["check", "--format", "json", "--lang", "en", "--select", "XG301", "tests/fixtures/errors.txt"]);
    let message = json(&out)["files"][0]["diagnostics"][0]["message"].as_str().unwrap().to_string();
    assert!(message.is_ascii() && !message.is_empty(), "{message}");
}

// Every format on a report with positioned findings, pinned to two rules.
#[test]
fn every_format_snapshot_with_positions() {
    for format in ["human", "json", "sarif", "github", "junit", "concise"] {
        let (code, out, err) =
            run(&["check", "--select", "XG202,XG301", "--format", format, "tests/fixtures/errors.txt"]);
        assert_eq!(code, Some(1), "{format}: {err}");
        let out = if format == "sarif" {
            // Rule indexes move as rules are added: check them here, keep them out of the snapshot.
            let mut log = json(&out);
            let rules = log["runs"][0]["tool"]["driver"]["rules"].take();
            for result in log["runs"][0]["results"].as_array_mut().unwrap() {
                let index =
                    result.as_object_mut().unwrap().remove("ruleIndex").unwrap().as_u64().unwrap() as usize;
                assert_eq!(rules[index]["id"], result["ruleId"]);
            }
            serde_json::to_string_pretty(&log).unwrap()
        } else {
            out
        };
        insta::assert_snapshot!(format!("positioned_{format}"), out);
    }
}

fn errors_in_tempdir(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors.txt"),
        dir.path().join("r.txt"),
    )
    .unwrap();
    if let Some(config) = config {
        std::fs::write(dir.path().join("xxgk.toml"), config).unwrap();
    }
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(dir)
        .env_remove("XXGK_LANG")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn codes(concise: &str) -> Vec<String> {
    concise
        .lines()
        .filter(|l| l.contains(" ["))
        .filter_map(|l| l.split(": ").nth(1)?.split(' ').next().map(String::from))
        .collect()
}

#[test]
fn discovered_config_selects_rules_and_language() {
    let dir = errors_in_tempdir(Some("select = [\"XG2\", \"XG301\"]\nignore = [\"XG301\"]\nlang = \"en\"\n"));
    let (code, out, err) = run_in(dir.path(), &["check", "--format", "concise", "r.txt"]);
    assert_eq!(code, Some(1), "{err}");
    let found = codes(&out);
    assert!(!found.is_empty() && found.iter().all(|c| c.starts_with("XG2")), "{out}");
    assert!(out.ends_with(" errors, 0 warnings, 0 infos\n"), "English from the config: {out}");
    // The command line wins over the config.
    let (code, out, _) =
        run_in(dir.path(), &["check", "--format", "concise", "--select", "XG301", "--lang", "zh", "r.txt"]);
    assert_eq!((code, codes(&out)), (Some(1), vec!["XG301".to_string()]));
}

#[test]
fn bad_config_exits_2_naming_the_file() {
    let dir = errors_in_tempdir(Some("selekt = [\"XG2\"]\n"));
    let (code, out, err) = run_in(dir.path(), &["check", "r.txt"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert!(err.contains("xxgk.toml") && err.contains("selekt"), "{err}");
    let (code, _, err) = run_in(dir.path(), &["check", "--config", "nowhere.toml", "r.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("nowhere.toml"), "{err}");
}

#[test]
fn severity_override_turns_an_error_into_a_warning() {
    let dir = errors_in_tempdir(None);
    let (code, out, _) = run_in(
        dir.path(),
        &["check", "--format", "concise", "--select", "XG301", "--severity", "XG301=warning", "r.txt"],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(out.starts_with("r.txt:290:1: XG301 [warning] "), "{out}");
    assert_eq!(run_in(dir.path(), &["check", "--severity", "XG301", "r.txt"]).0, Some(2));
}

#[test]
fn baseline_accepts_todays_findings() {
    let dir = errors_in_tempdir(None);
    let (code, out, err) =
        run_in(dir.path(), &["check", "--lang", "en", "--write-baseline", "base.json", "r.txt"]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    assert!(err.starts_with("wrote ") && err.contains("base.json"), "{err}");
    let (code, out, _) =
        run_in(dir.path(), &["check", "--format", "concise", "--baseline", "base.json", "r.txt"]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(codes(&out), Vec::<String>::new());
    // A new finding is reported.
    let text = std::fs::read_to_string(dir.path().join("r.txt"))
        .unwrap()
        .replace("（一）予以公开\n6\n", "（一）予以公开\n7\n");
    std::fs::write(dir.path().join("r.txt"), text).unwrap();
    let (code, out, _) =
        run_in(dir.path(), &["check", "--format", "concise", "--baseline", "base.json", "r.txt"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(codes(&out).contains(&"XG203".to_string()), "{out}");
    let (code, _, err) = run_in(dir.path(), &["check", "--baseline", "missing.json", "r.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("missing.json"), "{err}");
}

#[test]
fn config_show_prints_the_merged_settings() {
    let dir = errors_in_tempdir(Some("ignore = [\"XG301\"]\n"));
    let (code, out, _) = run_in(dir.path(), &["config", "--show"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("xxgk.toml") && out.contains("national"), "{out}");
    assert!(!out.contains("\"XG301\""), "{out}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_, plain, _) = run(&["check", "--select", "XG301", "tests/fixtures/errors.txt"]);
    assert!(!plain.contains('\u{1b}'), "not a terminal: no colour");
    let (code, coloured, _) =
        run(&["check", "--color", "always", "--select", "XG301", "tests/fixtures/errors.txt"]);
    assert_eq!(code, Some(1));
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let stripped: String = {
        let mut out = String::new();
        let mut chars = coloured.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    assert_eq!(stripped, plain);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // Enough output to fill the pipe: the reader goes away after the first bytes.
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors.txt")).unwrap();
    for i in 0..150 {
        std::fs::write(dir.path().join(format!("r{i:03}.txt")), &text).unwrap();
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(&first[..1], b"{");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_2019_template_is_clean_for_2020_and_xg104_for_later_years() {
    let fixture = "../xxgk-adapters/tests/fixtures/template_2019.txt";
    let (code, out, _) = run(&["check", fixture]);
    assert_eq!((code, out.as_str()), (Some(0), "共检查 1 个文件，未发现问题\n"));
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture)).unwrap();
    let late = dir.path().join("2023.txt");
    std::fs::write(&late, text.replace("2020", "2023").replace("2021年1月25日", "2024年1月25日")).unwrap();
    let (code, out, _) = run(&["check", "--format", "json", late.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    let found: Vec<(String, String, u64, u64)> = json(&out)["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (s("code"), s("message"), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
        })
        .collect();
    // One finding, at the first 2019 phrase; table rules find nothing to say of the mapped tables.
    assert_eq!(
        found,
        [(
            "XG104".to_string(),
            "2023年度报告仍使用2019年旧格式（“本年新制作数量”等12处）".to_string(),
            16,
            8
        )]
    );
}
