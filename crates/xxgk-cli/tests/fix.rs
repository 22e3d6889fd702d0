//! End-to-end tests of `check --fix`, `--unsafe-fixes` and `--diff` on temporary copies of the fixtures.
use assert_cmd::Command;
use std::path::{Path, PathBuf};

const LINE: &str = "本年度未收取政府信息公开信息处理费。";
const BAD: &str =
    "本年度未收取政府信息公开信息处理费。依据《政府信息公开信息处理管理办法》执行。xxgk: ignore[XG405]";
const GOOD: &str = "本年度未收取政府信息公开信息处理费。依据《政府信息公开信息处理费管理办法》执行。";

fn xxgk(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    cmd.current_dir(dir).env_remove("XXGK_LANG").env("NO_COLOR", "1");
    cmd
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// clean.txt with a misnamed regulation (XG303) and an unused suppression (XG007) on one line.
fn broken() -> String {
    let clean = fixture("clean.txt");
    assert!(clean.contains(LINE));
    clean.replacen(LINE, BAD, 1)
}

fn temp_with(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn out(o: &std::process::Output) -> (Option<i32>, String, String) {
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn fix_rewrites_the_file_and_reports_what_remains() {
    let (dir, path) = temp_with("r.txt", &broken());
    let before = out(&xxgk(dir.path()).args(["check", "--format", "concise", "r.txt"]).output().unwrap());
    assert_eq!(before.0, Some(0));
    assert!(before.1.contains("r.txt:291:21: XG303"), "{}", before.1);
    assert!(before.1.contains("r.txt:291:40: XG007"), "{}", before.1);
    let (code, stdout, stderr) = out(&xxgk(dir.path()).args(["check", "--fix", "r.txt"]).output().unwrap());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "共检查 1 个文件，未发现问题\n");
    assert_eq!(stderr, "已修复 2 处\n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixture("clean.txt").replacen(LINE, GOOD, 1));
    // A second run changes nothing.
    let (code, _, stderr) = out(&xxgk(dir.path()).args(["check", "--fix", "r.txt"]).output().unwrap());
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixture("clean.txt").replacen(LINE, GOOD, 1));
}

#[test]
fn fix_exits_1_when_errors_remain() {
    let errors = fixture("errors.txt");
    let text = format!("{errors}\n依据《政府信息公开信息处理管理办法》执行。\n");
    let (dir, path) = temp_with("e.txt", &text);
    let (code, _, stderr) =
        out(&xxgk(dir.path()).args(["check", "--fix", "--lang", "en", "e.txt"]).output().unwrap());
    assert_eq!(code, Some(1));
    assert_eq!(stderr, "fixed 1 finding\n");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("{errors}\n依据《政府信息公开信息处理费管理办法》执行。\n")
    );
}

#[test]
fn diff_prints_without_writing_and_keeps_the_exit_code() {
    let text = broken();
    let (dir, path) = temp_with("r.txt", &text);
    let (code, stdout, _) = out(&xxgk(dir.path()).args(["check", "--diff", "r.txt"]).output().unwrap());
    assert_eq!(code, Some(0));
    insta::assert_snapshot!(stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let errors = format!("{}\n《政府信息公开信息处理管理办法》\n", fixture("errors.txt"));
    let (dir, _) = temp_with("e.txt", &errors);
    let (code, stdout, _) = out(&xxgk(dir.path()).args(["check", "--diff", "e.txt"]).output().unwrap());
    assert_eq!(code, Some(1));
    assert!(stdout.starts_with("--- a/e.txt\n+++ b/e.txt\n"), "{stdout}");
    assert!(stdout.contains("\n+《政府信息公开信息处理费管理办法》\n"), "{stdout}");
}

#[test]
fn stdin_fix_writes_the_fixed_text_to_stdout() {
    let o = xxgk(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["check", "--fix", "--stdin-filename", "报告.txt", "-"])
        .write_stdin(broken())
        .output()
        .unwrap();
    let (code, stdout, stderr) = out(&o);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, fixture("clean.txt").replacen(LINE, GOOD, 1));
    assert_eq!(stderr, "已修复 2 处\n");
    // Nothing to fix: the text comes back unchanged.
    let o = xxgk(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["check", "--fix", "-"])
        .write_stdin(fixture("clean.txt"))
        .output()
        .unwrap();
    assert_eq!(out(&o), (Some(0), fixture("clean.txt"), String::new()));
}

/// UTF-16LE with a BOM: read fine, but not UTF-8.
fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

#[test]
fn non_utf8_file_is_left_alone_with_a_message() {
    let bytes = utf16le(&broken());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.txt");
    std::fs::write(&path, &bytes).unwrap();
    let (code, _, stderr) = out(&xxgk(dir.path()).args(["check", "--fix", "g.txt"]).output().unwrap());
    assert_eq!(code, Some(0));
    assert_eq!(stderr, "g.txt：文件不是 UTF-8 编码，未修复（先转换为 UTF-8）\n");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn unsafe_fixes_flag_is_accepted() {
    let (dir, path) = temp_with("r.txt", &broken());
    let (code, _, stderr) =
        out(&xxgk(dir.path()).args(["check", "--unsafe-fixes", "r.txt"]).output().unwrap());
    assert_eq!((code, stderr.as_str()), (Some(0), "已修复 2 处\n"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixture("clean.txt").replacen(LINE, GOOD, 1));
}

/// A stray suppression comment on its own line before a blank line, in Markdown as in text: XG007
/// points at the comment itself and `--fix` removes its line, leaving the blank line.
#[test]
fn fix_removes_an_unused_comment_before_a_blank_line_in_markdown_as_in_text() {
    let clean = fixture("clean.txt");
    let (first, rest) = clean.split_once('\n').unwrap();
    let text = format!("{first}\n<!-- xxgk-disable-next-line XG405 -->\n\n{rest}");
    for name in ["r.md", "r.txt"] {
        let (dir, path) = temp_with(name, &text);
        let args = ["check", "--select", "XG007,XG405", "--format", "concise", "--lang", "en", name];
        let (code, stdout, _) = out(&xxgk(dir.path()).args(args).output().unwrap());
        assert_eq!(code, Some(0));
        assert_eq!(
            stdout.lines().next(),
            Some(
                format!("{name}:2:1: XG007 [warning] Unused suppression: XG405 suppresses nothing").as_str()
            )
        );
        let (code, _, stderr) = out(&xxgk(dir.path()).args(["check", "--fix", name]).output().unwrap());
        assert_eq!((code, stderr.as_str()), (Some(0), "已修复 1 处\n"), "{name}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{first}\n\n{rest}"), "{name}");
    }
}
