//! `check --format html`: the audit page, its figures, its escaping, and the page in a real
//! browser (headless Chromium: no script error, filtering and sorting change what is shown; a
//! screenshot is left in target/tmp/audit.png).
#![allow(clippy::print_stderr)]
use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

fn page(args: &[&str], out: &Path) -> String {
    let status = Command::cargo_bin("xxgk")
        .unwrap()
        .args(["check", "--format", "html", "--output"])
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    assert!(status.stdout.is_empty(), "the page goes to --output, not stdout");
    std::fs::read_to_string(out).unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(dir).unwrap();
    dir.join(name)
}

#[test]
fn the_corpus_page_counts_and_figures() {
    let out = tmp("audit-corpus.html");
    let mut cmd = Command::cargo_bin("xxgk").unwrap();
    cmd.args(["check", "--format", "html", "-o"]).arg(&out).arg(corpus());
    // The corpus has error-level findings: exit 1, as for every format.
    cmd.assert().code(1);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains(r#"<dd id="n-files">7</dd>"#));
    assert!(html.contains(r#"<dd id="n-with-errors">3</dd>"#));
    // No network: nothing is loaded from elsewhere.
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("src="),
        "external reference"
    );
    // The corpus figures, summed over the reports (the same definition as --summary).
    assert!(html.contains("<th>依申请公开申请量</th><td>208</td>"), "requests");
    // minijinja escapes `/` as `&#x2f;`.
    assert!(html.contains("17.2%（36&#x2f;209）"), "disclosure rate");
    // The same figures in `--summary` JSON: a spreadsheet and the page agree.
    let summary = Command::cargo_bin("xxgk")
        .unwrap()
        .args(["check", "--summary", "--format", "json"])
        .arg(corpus())
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&summary.stdout).unwrap();
    let figures = &doc["summary"]["figures"];
    assert_eq!(figures["requests_new"], 208.0);
    assert_eq!(
        (&figures["disclosure_rate"]["numerator"], &figures["disclosure_rate"]["denominator"]),
        (&serde_json::json!(36.0), &serde_json::json!(209.0))
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o644);
    }
}

#[test]
fn english_page() {
    let html = page(&["--lang", "en", corpus().to_str().unwrap()], &tmp("audit-en.html"));
    assert!(html.contains("<title>Audit of government information disclosure annual reports</title>"));
    assert!(html.contains(r#"<html lang="en">"#));
}

#[test]
fn report_text_is_never_markup() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>某局2023年政府信息公开工作年度报告\n\
                一、总体情况\n当前位置：<script>alert(3)</script>\n";
    std::fs::write(dir.path().join("evil.txt"), evil).unwrap();
    let out = tmp("audit-evil.html");
    let html = page(&[dir.path().to_str().unwrap()], &out);
    for raw in ["<script>alert", "<img src=x", "\"><img"] {
        assert!(!html.contains(raw), "{raw} came out as markup");
    }
    // It is there, as text: escaped in the JSON the script reads.
    assert!(html.contains(r"\u003cscript\u003ealert(1)"));
    // And in a browser the page shows it as text: no element made of it, no script run.
    if let Some(chrome) = chromium() {
        let (dom, _) = browse(&chrome, &format!("file://{}", out.display()), &["--dump-dom"]);
        assert_eq!(attr(&dom, "data-ready").as_deref(), Some("1"));
        assert!(!dom.contains("<img") && !dom.contains("<script>alert"), "markup in the DOM");
        assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the text is shown");
    }
}

#[test]
fn a_page_that_cannot_be_written_fails_the_run() {
    let mut cmd = Command::cargo_bin("xxgk").unwrap();
    cmd.args(["check", "--format", "html", "-o", "/nonexistent-dir/audit.html"]).arg(corpus());
    let out = cmd.assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("/nonexistent-dir/audit.html"));
}

/// Chromium from Debian (`.ci/run` installs it); `None` when absent and not required.
fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    assert!(
        std::env::var_os("XXGK_REQUIRE_BROWSER").is_none(),
        "XXGK_REQUIRE_BROWSER is set but no chromium was found"
    );
    eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
    None
}

/// Run headless Chromium on `url`; the DOM after the page's script ran, and stderr.
fn browse(chrome: &Path, url: &str, extra: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let out = Process::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn attr(dom: &str, name: &str) -> Option<String> {
    let at = dom.find(&format!("{name}=\""))? + name.len() + 2;
    Some(dom[at..at + dom[at..].find('"')?].to_string())
}

/// The first body row of the table with `id`.
fn first_row<'a>(dom: &'a str, id: &str) -> &'a str {
    let table = &dom[dom.find(&format!("id=\"{id}\"")).unwrap()..];
    let body = &table[table.find("<tbody>").unwrap()..];
    &body[..body.find("</tr>").unwrap()]
}

#[test]
fn the_page_in_a_real_browser() {
    let Some(chrome) = chromium() else { return };
    let out = tmp("audit.html");
    page(&[corpus().to_str().unwrap()], &out);
    let url = format!("file://{}", out.display());
    let no_errors = |dom: &str, log: &str| {
        assert_eq!(attr(dom, "data-ready").as_deref(), Some("1"), "the script ran to its end");
        assert_eq!(attr(dom, "data-js-error"), None, "script error");
        assert!(!log.contains("Uncaught"), "console error: {log}");
    };
    let (dom, log) = browse(&chrome, &url, &["--dump-dom"]);
    no_errors(&dom, &log);
    assert_eq!(attr(&dom, "data-shown").as_deref(), Some("7"));
    // Filtering: one issuer's reports only.
    let (dom, log) = browse(&chrome, &format!("{url}#q=鞍山"), &["--dump-dom"]);
    no_errors(&dom, &log);
    assert_eq!(attr(&dom, "data-shown").as_deref(), Some("1"));
    assert!(first_row(&dom, "issuers").contains("鞍山市人民政府办公室"));
    // Sorting: most requests first, then fewest.
    let (dom, _) = browse(&chrome, &format!("{url}#sort=figures:requests:desc"), &["--dump-dom"]);
    assert!(
        first_row(&dom, "figures").contains("003_52851d4dc858525c.txt"),
        "{}",
        first_row(&dom, "figures")
    );
    assert!(dom.contains(r#"aria-sort="descending""#));
    let (dom, _) = browse(&chrome, &format!("{url}#sort=figures:requests:asc"), &["--dump-dom"]);
    assert!(!first_row(&dom, "figures").contains("003_52851d4dc858525c.txt"));
    // Severity filter: only files with an error-level finding.
    let (dom, _) = browse(&chrome, &format!("{url}#sev=error"), &["--dump-dom"]);
    assert_eq!(attr(&dom, "data-shown").as_deref(), Some("3"));
    // A screenshot for people to look at.
    let shot = tmp("audit.png");
    let _ = std::fs::remove_file(&shot);
    browse(&chrome, &url, &[&format!("--screenshot={}", shot.display()), "--window-size=1280,1800"]);
    assert!(std::fs::metadata(&shot).map(|m| m.len() > 10_000).unwrap_or(false), "no screenshot");
}
