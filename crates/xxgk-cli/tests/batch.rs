//! Whole-corpus runs of `xxgk check DIR`: what the walk reads, a stable order whatever the
//! thread count, and a quiet standard error when piped.
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn seed(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap();
    std::fs::read_to_string(file).unwrap()
}

fn clean() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean.txt")).unwrap()
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A corpus: four reports that are read, one ignored by .gitignore (a file and a directory),
/// one under an excluded directory, one excluded by name, a hidden one and a PDF name.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "ignored/\nskip.txt\n");
    write(root, "a/000.txt", &seed("000"));
    write(root, "a/b/002.txt", &seed("002"));
    write(root, "c.txt", &clean());
    write(root, "z/004.txt", &seed("004"));
    write(root, "ignored/003.txt", &seed("003"));
    write(root, "skip.txt", &seed("003"));
    write(root, "drafts/001.txt", &seed("001"));
    write(root, "z/old.bak.txt", &seed("001"));
    write(root, ".hidden/001.txt", &seed("001"));
    write(root, "minutes.doc", "an old Word file, not a report extension");
    dir
}

fn xxgk(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    cmd.current_dir(dir).env_remove("XXGK_LANG").env("NO_COLOR", "1");
    cmd
}

fn paths(stdout: &[u8]) -> Vec<String> {
    let doc: Value = serde_json::from_slice(stdout).unwrap();
    doc["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_walk_respects_gitignore_and_exclude() {
    let dir = tree();
    let out = xxgk(dir.path())
        .args(["check", "--format", "json", "--exclude", "drafts/", "--exclude", "*.bak.txt", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(paths(&out.stdout), ["a/000.txt", "a/b/002.txt", "c.txt", "z/004.txt"]);

    // Without --exclude both excluded files come back; .gitignore still holds.
    let out = xxgk(dir.path()).args(["check", "--format", "json", "."]).output().unwrap();
    assert_eq!(
        paths(&out.stdout),
        ["a/000.txt", "a/b/002.txt", "c.txt", "drafts/001.txt", "z/004.txt", "z/old.bak.txt"]
    );

    // A glob with a leading slash is anchored at the directory walked (as in ripgrep's -g);
    // a file named on the command line is read whatever --exclude says.
    let out = xxgk(dir.path())
        .args(["check", "--format", "json", "--exclude", "/b", "--exclude", "004.txt", "a", "z", "z/004.txt"])
        .output()
        .unwrap();
    assert_eq!(paths(&out.stdout), ["a/000.txt", "z/004.txt", "z/old.bak.txt"]);
}

#[test]
fn a_bad_exclude_glob_is_an_argument_error() {
    let dir = tree();
    let out = xxgk(dir.path()).args(["check", "--exclude", "a{b", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--exclude a{b"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_is_the_same_bytes_on_one_and_two_threads() {
    let dir = tree();
    // Enough files that two threads interleave.
    for i in 0..30 {
        write(dir.path(), &format!("many/{:02}/r.txt", 29 - i), &seed(["000", "002", "004"][i % 3]));
    }
    for format in ["human", "concise", "json", "sarif", "junit", "github", "csv"] {
        let run =
            |j: &str| xxgk(dir.path()).args(["check", "-j", j, "--format", format, "."]).output().unwrap();
        let (one, two) = (run("1"), run("2"));
        assert_eq!(one.status.code(), Some(1), "{format}");
        assert_eq!(two.status.code(), Some(1), "{format}");
        assert!(one.stdout.len() > 1000, "{format}");
        assert!(one.stdout == two.stdout, "{format}: -j1 and -j2 differ");
    }
    let out = xxgk(dir.path()).args(["check", "--threads", "2", "--format", "json", "."]).output().unwrap();
    let list = paths(&out.stdout);
    let mut sorted = list.clone();
    sorted.sort();
    assert_eq!(list, sorted);
    assert_eq!((list.len(), list[4].as_str(), list[35].as_str()), (36, "many/00/r.txt", "z/old.bak.txt"));
    assert_eq!((list[3].as_str(), list[33].as_str()), ("drafts/001.txt", "many/29/r.txt"));
}

#[test]
fn no_progress_bar_when_standard_error_is_piped() {
    let dir = tempfile::tempdir().unwrap();
    let text = clean();
    // More files than the bar's threshold (200).
    for i in 0..220 {
        write(dir.path(), &format!("r{i:03}.txt"), &text);
    }
    let out = xxgk(dir.path()).args(["check", "-j", "2", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "共检查 220 个文件，未发现问题\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

fn workspace() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn check_csv_one_row_a_finding() {
    let out = xxgk(&workspace())
        .args([
            "check",
            "--format",
            "csv",
            "--select",
            "XG301,XG405,XG601",
            "tests/corpus/002_62b86d8e083b3ce2.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let p = "tests/corpus/002_62b86d8e083b3ce2.txt";
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "path,line,column,code,severity,message\n\
             {p},3,24,XG601,info,网页残留文字“字体:[]”\n\
             {p},17,49,XG405,warning,\"日期\"\"202011月\"\"的年份与月份之间缺少\"\"年\"\"\"\n\
             {p},413,1,XG301,error,第六部分未说明信息处理费的收取情况\n"
        )
    );
    // An unreadable input has an empty line and column; English messages with --lang en.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "e.txt", "");
    let out = xxgk(dir.path()).args(["--lang", "en", "check", "--format", "csv", "e.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "path,line,column,code,severity,message\ne.txt,,,XG001,error,cannot read e.txt: the file is empty\n"
    );
}

#[test]
fn extract_csv_is_every_cell_in_long_form() {
    let out = xxgk(&workspace())
        .args(["extract", "--format", "csv", "tests/corpus/003_52851d4dc858525c.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // 10 cells of table 2, 25 rows × 7 of table 3, 3 groups × 5 of table 4.
    assert_eq!(lines.len(), 1 + 10 + 175 + 15);
    assert_eq!(lines[0], "path,issuer,year,table,row,column,value,inferred");
    let p = "tests/corpus/003_52851d4dc858525c.txt,鞍山市人民政府办公室,2023";
    assert_eq!(lines[1], format!("{p},proactive,regulations,issued,1,true"));
    let new: Vec<&str> = lines.iter().copied().filter(|l| l.contains(",requests,new,")).collect();
    assert_eq!(
        new,
        [
            format!("{p},requests,new,natural_person,120,true"),
            format!("{p},requests,new,commercial,7,true"),
            format!("{p},requests,new,research,0,true"),
            format!("{p},requests,new,nonprofit,1,true"),
            format!("{p},requests,new,legal_service,0,true"),
            format!("{p},requests,new,other_org,0,true"),
            format!("{p},requests,new,total,128,true"),
        ]
    );
    assert_eq!(lines.last(), Some(&format!("{p},appeals,litigation_after_review,total,1,true").as_str()));

    // A directory: one header, the reports in path order.
    let dir = tree();
    let out = xxgk(dir.path()).args(["extract", "--format", "csv", "a"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().filter(|l| l.starts_with("path,")).count(), 1);
    assert_eq!(text.lines().count(), 1 + 200 + 200);
    assert!(text
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("a/000.txt,市国资委,2023,proactive,regulations,issued,"));
    assert!(text.lines().nth(201).unwrap().starts_with("a/b/002.txt,"));
}

#[test]
fn summary_json_counts_per_file_and_for_the_corpus() {
    let dir = tree();
    write(dir.path(), "e.txt", "");
    let out = xxgk(dir.path())
        .args(["check", "--summary", "--format", "json", "--select", "XG301,XG402,XG601"])
        .args(["--exclude", "drafts/", "--exclude", "*.bak.txt", "-j", "2", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<Value> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            serde_json::json!([
                f["path"],
                f["errors"],
                f["warnings"],
                f["infos"],
                f["unreadable"],
                f["codes"],
                f["figures"]["requests_new"]
            ])
        })
        .collect();
    assert_eq!(
        Value::Array(files),
        serde_json::json!([
            ["a/000.txt", 0, 0, 5, false, {"XG402": 1, "XG601": 4}, 2.0],
            ["a/b/002.txt", 1, 0, 1, false, {"XG301": 1, "XG601": 1}, 3.0],
            ["c.txt", 0, 0, 0, false, {}, 12.0],
            ["e.txt", 1, 0, 0, true, {"XG001": 1}, null],
            ["z/004.txt", 1, 0, 3, false, {"XG301": 1, "XG402": 1, "XG601": 2}, 0.0],
        ])
    );
    assert_eq!(doc["files"][3]["figures"], Value::Null);
    let mut summary = doc["summary"].clone();
    let figures = summary.as_object_mut().unwrap().remove("figures").unwrap();
    assert_eq!(
        summary,
        serde_json::json!({
            "files": 5, "files_with_errors": 3, "files_with_warnings": 0, "unreadable": 1,
            "errors": 3, "warnings": 0, "infos": 9,
            "top_codes": [
                {"code": "XG601", "rule": "web-chrome", "severity": "info", "count": 7, "files": 3},
                {"code": "XG301", "rule": "fee-statement-missing", "severity": "error", "count": 2, "files": 2},
                {"code": "XG402", "rule": "period-missing", "severity": "info", "count": 2, "files": 2},
                {"code": "XG001", "rule": "unreadable-input", "severity": "error", "count": 1, "files": 1},
            ],
        })
    );
    // Sums over the four readable reports; ratios pooled.
    assert_eq!(
        (figures["requests_new"].as_f64(), figures["outcome_total"].as_f64()),
        (Some(17.0), Some(16.0))
    );
    assert_eq!(
        figures["disclosure_rate"],
        serde_json::json!({"numerator": 12.0, "denominator": 16.0, "value": 0.75, "small_sample": true})
    );
}

#[test]
fn summary_csv_has_a_row_a_file_and_a_column_a_code() {
    let dir = tree();
    let out = xxgk(dir.path())
        .args(["check", "--summary", "--format", "csv", "--select", "XG301,XG601", "a", "c.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let figures = "requests_new,carried_over,outcome_total,carried_forward,disclosure_rate,reviews,\
                   review_correction_rate,lawsuits,litigation_correction_rate,fees_wan";
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "path,errors,warnings,infos,unreadable,{figures},XG301,XG601\n\
             a/000.txt,0,0,4,false,2,0,2,0,1,0,,0,,0,0,4\n\
             a/b/002.txt,1,0,1,false,3,0,3,0,0.3333333333333333,0,,0,,0,1,1\n\
             c.txt,0,0,0,false,12,1,11,2,0.8181818181818182,1,0,0,,0,0,0\n"
        )
    );
}

/// `--summary` prints counts in the formats made for them; a format of findings is an argument
/// error (exit 2, nothing on standard output) naming the formats it supports, not the text table.
#[test]
fn summary_refuses_the_formats_of_findings() {
    let dir = tree();
    for format in ["sarif", "junit", "github", "html", "concise"] {
        let out =
            xxgk(dir.path()).args(["check", "--summary", "--format", format, "c.txt"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{format}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "  × --summary --format {format}: --summary 只支持 human、json、csv 格式 / --summary prints human, json or csv only\n  help: 去掉 --format 得到文字汇总，或用 --format json、--format csv；要 {format} 格式的逐条问题，去掉 --summary / drop --format for the text summary, or use --format json or csv; for the findings as {format}, drop --summary\n\n"
            ),
            "{format}"
        );
    }
    for format in ["human", "json", "csv"] {
        let out =
            xxgk(dir.path()).args(["check", "--summary", "--format", format, "c.txt"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
