//! Hostile inputs (#8): every kind of broken file gets a located message naming the file and
//! the exit code MODEL.md gives (2 when an input could not be read), never a panic, and one bad
//! file never stops a directory run.
use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};

fn xxgk(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    cmd.current_dir(dir).env_remove("XXGK_LANG").env("NO_COLOR", "1");
    cmd
}

/// Run `xxgk ARGS` in `dir`: exit code and standard output; standard error must hold no panic.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = xxgk(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(!stderr.contains("overflowed its stack"), "{args:?}: {stderr}");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn concise(dir: &Path, file: &str) -> (Option<i32>, String) {
    run(dir, &["check", "--format", "concise", file])
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn clean() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean.txt")).unwrap()
}

/// One unreadable file: its XG001 line and the summary, exit 2.
fn unreadable(file: &str, zh: &str) -> (Option<i32>, String) {
    (Some(2), format!("{file}:1:1: XG001 [error] 无法读取 {file}：{zh}\n共检查 1 个文件：错误 1 个，警告 0 个，提示 0 个\n"))
}

#[test]
fn empty_and_blank_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.md", b" \n\r\n\t\n");
    write(dir.path(), "bom.txt", b"\xEF\xBB\xBF\n");
    assert_eq!(concise(dir.path(), "empty.txt"), unreadable("empty.txt", "文件为空"));
    assert_eq!(concise(dir.path(), "blank.md"), unreadable("blank.md", "文件为空"));
    assert_eq!(concise(dir.path(), "bom.txt"), unreadable("bom.txt", "文件为空"));
    let (code, out) = run(dir.path(), &["check", "--lang", "en", "--format", "concise", "empty.txt"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out,
        "empty.txt:1:1: XG001 [error] cannot read empty.txt: the file is empty\nChecked 1 file: 1 error, 0 warnings, 0 infos\n"
    );
}

#[test]
fn binary_files_and_nul_bytes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "logo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(dir.path(), "report.html", b"<html><body><p>\xE4\xB8\x80\x00</p></body></html>");
    let mut text = "一、总体情况\n".as_bytes().to_vec();
    text.push(0);
    text.extend_from_slice("本年度工作有序开展。\n".as_bytes());
    write(dir.path(), "nul.txt", &text);
    assert_eq!(concise(dir.path(), "logo.txt"), unreadable("logo.txt", "不是文本文件：在第 8 字节处有 NUL"));
    assert_eq!(
        concise(dir.path(), "report.html"),
        unreadable("report.html", "不是文本文件：在第 18 字节处有 NUL")
    );
    assert_eq!(concise(dir.path(), "nul.txt"), unreadable("nul.txt", "不是文本文件：在第 19 字节处有 NUL"));
}

#[test]
fn invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "一、总体情况\n本年度".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xFF\xFE\x80");
    bytes.extend_from_slice("工作。\n".as_bytes());
    write(dir.path(), "bad.txt", &bytes);
    assert_eq!(
        concise(dir.path(), "bad.txt"),
        unreadable("bad.txt", "无法识别文本编码（既不是 UTF-8，也不是 GB18030/GBK 或 UTF-16）")
    );
    let (code, out) = run(dir.path(), &["check", "--format", "concise", "--encoding", "utf-8", "bad.txt"]);
    assert_eq!((code, out), unreadable("bad.txt", "无法识别文本编码（不是有效的 UTF-8）"));
    let (code, out) =
        run(dir.path(), &["check", "--lang", "en", "--format", "concise", "--encoding", "utf-8", "bad.txt"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out.lines().next(),
        Some("bad.txt:1:1: XG001 [error] cannot read bad.txt: cannot decode the text (not valid UTF-8)")
    );
    // A BOM that lies about the encoding.
    let mut lying = vec![0xEF, 0xBB, 0xBF];
    lying.extend_from_slice(&bytes);
    write(dir.path(), "bom.txt", &lying);
    assert_eq!(
        concise(dir.path(), "bom.txt"),
        unreadable("bom.txt", "无法识别文本编码（有 BOM 但不是有效的 UTF-8）")
    );
}

#[test]
fn a_text_that_is_no_report_is_one_error_not_a_cascade() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", "会议纪要\n今天讨论了食堂的菜单。\n| a | b |\n1 2 3\n".as_bytes());
    let (code, out) = concise(dir.path(), "notes.txt");
    assert_eq!(code, Some(1));
    // No XG002/XG003 per table, no XG101 per section, no XG402 for the period: one finding says
    // the format is not there.
    assert_eq!(
        out,
        "notes.txt:1:1: XG101 [error] 未找到年度报告格式的六个部分（一、总体情况 至 六、其他需要报告的事项）\n\
         共检查 1 个文件：错误 1 个，警告 0 个，提示 0 个\n"
    );
}

#[test]
fn symlink_loops_in_a_directory_run() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(p, "reports/ok.txt", &clean());
    std::os::unix::fs::symlink("..", p.join("reports/up")).unwrap();
    std::os::unix::fs::symlink("b.txt", p.join("reports/a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", p.join("reports/b.txt")).unwrap();
    std::os::unix::fs::symlink("self.txt", p.join("reports/self.txt")).unwrap();
    // Links are not followed under a directory: no loop, and only the one real file is read.
    let (code, out) = run(p, &["check", "--format", "json", "reports"]);
    assert_eq!(code, Some(0));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> =
        doc["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["reports/ok.txt"]);
    // Named on the command line, a looping link is opened and fails with the system's reason.
    assert_eq!(
        concise(p, "reports/self.txt"),
        unreadable("reports/self.txt", "读取失败（Too many levels of symbolic links (os error 40)）")
    );
}

#[test]
fn a_200_mb_sparse_file_is_refused_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = std::fs::File::create(dir.path().join("big.txt")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    assert_eq!(
        concise(dir.path(), "big.txt"),
        unreadable("big.txt", "文件过大（209715200 字节，上限 67108864 字节）")
    );
    let (code, out) = run(dir.path(), &["check", "--lang", "en", "--format", "concise", "big.txt"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out.lines().next(),
        Some("big.txt:1:1: XG001 [error] cannot read big.txt: file too large (209715200 bytes, limit 67108864)")
    );
}

#[test]
fn size_limit_at_and_over() {
    let limit = xxgk_adapters::MAX_INPUT_BYTES as u64;
    let dir = tempfile::tempdir().unwrap();
    std::fs::File::create(dir.path().join("at.txt")).unwrap().set_len(limit).unwrap();
    std::fs::File::create(dir.path().join("over.txt")).unwrap().set_len(limit + 1).unwrap();
    // At the limit the file is read (and is all NUL bytes); one byte more and it is not.
    assert_eq!(concise(dir.path(), "at.txt"), unreadable("at.txt", "不是文本文件：在第 0 字节处有 NUL"));
    assert_eq!(
        concise(dir.path(), "over.txt"),
        unreadable("over.txt", "文件过大（67108865 字节，上限 67108864 字节）")
    );
    // A stream has no size: it is read up to the limit, then refused.
    let out = xxgk(dir.path())
        .args(["check", "--format", "concise", "-"])
        .write_stdin(vec![b'a'; limit as usize + 1])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "-:1:1: XG001 [error] 无法读取 -：输入超过上限 67108864 字节\n共检查 1 个文件：错误 1 个，警告 0 个，提示 0 个\n"
    );
}

#[test]
fn an_unreadable_file_in_a_directory_is_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(p, "reports/a.txt", &clean());
    let secret = write(p, "reports/secret.txt", &clean());
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(p.join("reports"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = if is_root() {
        // Root reads any file: run as nobody, when the system can and nobody can run xxgk.
        let drop = ["--reuid=65534", "--regid=65534", "--clear-groups"];
        let can = std::process::Command::new("setpriv")
            .args(drop)
            .arg(env!("CARGO_BIN_EXE_xxgk"))
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !can {
            #[allow(clippy::print_stderr)] // Say why a test did not run.
            {
                eprintln!("skipped: running as root, and setpriv cannot run xxgk as nobody");
            }
            return;
        }
        let mut cmd = Command::new("setpriv");
        cmd.args(drop).arg(env!("CARGO_BIN_EXE_xxgk"));
        cmd
    } else {
        Command::new(env!("CARGO_BIN_EXE_xxgk"))
    };
    let out = cmd
        .current_dir(p)
        .env_remove("XXGK_LANG")
        .args(["check", "--format", "concise", "reports"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "reports/secret.txt:1:1: XG001 [error] 无法读取 reports/secret.txt：没有读取权限\n\
         共检查 2 个文件：错误 1 个，警告 0 个，提示 0 个\n"
    );
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

#[test]
fn an_extremely_long_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = "一、总体情况".repeat(50_000);
    text.push_str(&"1 | 2 | ".repeat(20_000));
    text.push('\n');
    write(dir.path(), "long.txt", text.as_bytes());
    let (code, out) = run(dir.path(), &["check", "--format", "json", "long.txt"]);
    assert_eq!(code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diags = doc["files"][0]["diagnostics"].as_array().unwrap();
    for d in diags {
        assert_eq!(d["line"], 1, "{d}");
    }
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"XG101"), "{codes:?}");
}

#[test]
fn deeply_repeated_headings() {
    let dir = tempfile::tempdir().unwrap();
    let text = "一、总体情况\n二、主动公开政府信息情况\n".repeat(2_000);
    write(dir.path(), "heads.txt", text.as_bytes());
    let (code, out) = run(dir.path(), &["check", "--format", "json", "heads.txt"]);
    assert_eq!(code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diags = doc["files"][0]["diagnostics"].as_array().unwrap();
    // The repeats are findings of a few rules, not one per repeat.
    assert!(diags.len() < 50, "{}", diags.len());
    assert!(diags.iter().any(|d| d["code"] == "XG102" && d["line"] == 3), "{out}");
}

#[test]
fn html_nested_too_deep_is_refused_and_deep_enough_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let page = |n: usize| {
        format!(
            "<!DOCTYPE html><html><body>{}<p>一、总体情况</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    };
    write(dir.path(), "deep.html", page(100_000).as_bytes());
    write(dir.path(), "ok.html", page(400).as_bytes());
    assert_eq!(concise(dir.path(), "deep.html"), unreadable("deep.html", "HTML 元素嵌套超过 512 层"));
    let (code, out) = run(dir.path(), &["check", "--format", "json", "ok.html"]);
    assert_eq!(code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Read: section 一 is found at its text, after 27 + 5 × 400 + 3 characters of markup.
    let first = &doc["files"][0]["diagnostics"][0];
    assert_eq!(
        (&first["code"], &first["line"], &first["column"]),
        (&"XG106".into(), &1.into(), &(2031.into())),
        "{out}"
    );
    // Unclosed table cells 20 000 deep: the adapter walks the tree without recursing.
    let cells = format!("<html><body>{}一、总体情况", "<td><span>".repeat(20_000));
    write(dir.path(), "cells.html", cells.as_bytes());
    assert_eq!(concise(dir.path(), "cells.html"), unreadable("cells.html", "HTML 元素嵌套超过 512 层"));
}

fn docx(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn truncated_and_bomb_docx() {
    let dir = tempfile::tempdir().unwrap();
    let xml = b"<w:document><w:body><w:p><w:r><w:t>\xE4\xB8\x80\xE3\x80\x81</w:t></w:r></w:p></w:body></w:document>";
    let good = docx(&[("word/document.xml", xml)]);
    write(dir.path(), "cut.docx", &good[..good.len() / 2]);
    assert_eq!(
        concise(dir.path(), "cut.docx"),
        unreadable("cut.docx", "不是 DOCX 文件：无法读取 zip（invalid Zip archive: Could not find EOCD）")
    );
    write(dir.path(), "styles.docx", &docx(&[("word/styles.xml", b"<w:styles/>")]));
    assert_eq!(
        concise(dir.path(), "styles.docx"),
        unreadable("styles.docx", "不是 DOCX 文件：没有 word/document.xml")
    );
    let limit = 64 * 1024 * 1024;
    let bomb = docx(&[("word/document.xml", &vec![b'a'; limit + 1])]);
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    write(dir.path(), "bomb.docx", &bomb);
    assert_eq!(
        concise(dir.path(), "bomb.docx"),
        unreadable("bomb.docx", "word/document.xml 解压后 67108865 字节，超过上限 67108864")
    );
    write(dir.path(), "bad-xml.docx", &docx(&[("word/document.xml", b"<w:document><w:body></w:p>")]));
    let (code, out) = concise(dir.path(), "bad-xml.docx");
    assert_eq!(code, Some(2));
    assert!(
        out.starts_with(
            "bad-xml.docx:1:1: XG001 [error] 无法读取 bad-xml.docx：word/document.xml 不是有效的 XML（"
        ),
        "{out}"
    );
}

#[test]
fn one_bad_file_does_not_stop_a_directory_run() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(p, "in/a-empty.txt", b"");
    write(p, "in/b-binary.txt", b"\x7fELF\x02\x01\x01\x00\x00");
    write(p, "in/c-ok.txt", &clean());
    write(p, "in/d-cut.docx", b"PK\x03\x04\x14\x00");
    write(p, "in/e-ok.md", &clean());
    std::fs::File::create(p.join("in/f-big.html")).unwrap().set_len(100 * 1024 * 1024).unwrap();
    let (code, out) = run(p, &["check", "--format", "concise", "in"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out,
        "in/a-empty.txt:1:1: XG001 [error] 无法读取 in/a-empty.txt：文件为空\n\
         in/b-binary.txt:1:1: XG001 [error] 无法读取 in/b-binary.txt：不是文本文件：在第 7 字节处有 NUL\n\
         in/d-cut.docx:1:1: XG001 [error] 无法读取 in/d-cut.docx：不是 DOCX 文件：无法读取 zip（invalid Zip archive: Could not find EOCD）\n\
         in/f-big.html:1:1: XG001 [error] 无法读取 in/f-big.html：文件过大（104857600 字节，上限 67108864 字节）\n\
         共检查 6 个文件：错误 4 个，警告 0 个，提示 0 个\n"
    );
}
