//! Properties of `check --fix` and `--unsafe-fixes` (#8), through the real binary on real
//! files: a report with random fixable damage (page furniture, misspellings, a misnamed
//! regulation) in text, Markdown and HTML is fixed once for all (a second
//! run changes nothing), and the tables read from it keep every value.
use assert_cmd::Command;
use proptest::prelude::*;
use std::path::Path;

/// Damage the fixes repair, as the national pack lists it.
const DAMAGE: &[&str] = &[
    "打印本页",
    "【关闭窗口】",
    "浏览次数：1024",
    "【打印】【关闭】",
    "当前位置：首页 > 政务公开",
    "分享到",
    "返回顶部",
    "依据《政府信息公开信息处理管理办法》执行。",
    "不断建全制度。",
    "依照政府信息公开条列办理。",
    "政务公开专拦持续更新。",
    "xxgk: ignore[XG405]",
];

fn base(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = match name {
        "clean" => root.join("tests/fixtures/clean.txt"),
        seed => root.join("../../tests/corpus").join(seed),
    };
    std::fs::read_to_string(path).unwrap()
}

/// The lines of `text` that hold no part of a table (damage goes there only: a table line
/// broken by furniture reads differently before its fix, which is the fix working).
fn free_lines(text: &str) -> Vec<usize> {
    let report = xxgk_adapters::read("base.txt", text.as_bytes(), &Default::default()).unwrap();
    let tables: Vec<(usize, usize)> =
        [&report.tables.proactive, &report.tables.requests, &report.tables.appeals]
            .into_iter()
            .flatten()
            .map(|t| (t.span.start as usize, t.span.end as usize))
            .collect();
    let mut out = Vec::new();
    let mut at = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let (s, e) = (at, at + line.len());
        at = e;
        if !tables.iter().any(|&(a, b)| s < b && a < e) {
            out.push(i);
        }
    }
    out
}

/// `text` with `damage[k]` put on free line `picks[k].0`: as a line of its own, or at its end.
fn damaged(text: &str, picks: &[(usize, usize, bool)]) -> String {
    let free = free_lines(text);
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    for &(line, which, own_line) in picks {
        let i = free[line % free.len()];
        let d = DAMAGE[which % DAMAGE.len()];
        let l = &mut lines[i];
        let eol = if l.ends_with('\n') { "\n" } else { "" };
        let body = l.trim_end_matches('\n').to_string();
        *l = if own_line { format!("{body}{eol}{d}\n") } else { format!("{body}{d}{eol}") };
    }
    lines.concat()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The same text as a file of `ext`: Markdown paragraphs, or an HTML page of `<p>` lines.
fn as_format(text: &str, ext: &str) -> String {
    match ext {
        "md" => text.lines().map(|l| format!("{l}\n\n")).collect(),
        "html" => {
            let body: String = text.lines().map(|l| format!("<p>{}</p>\n", esc(l))).collect();
            format!(
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{body}</body></html>\n"
            )
        }
        _ => text.to_string(),
    }
}

/// The table values (and the year) read from a file, as `extract --format json` gives them.
fn tables(name: &str, bytes: &[u8]) -> serde_json::Value {
    let report = xxgk_adapters::read(name, bytes, &Default::default()).unwrap();
    let j = xxgk_model::extract_json(&report);
    serde_json::json!({"tables": j["tables"], "year": j["meta"]["year"]})
}

/// `xxgk check FLAG NAME` in `dir`: exit code and standard error (never a panic).
fn fix(dir: &Path, flag: &str, name: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(dir)
        .env_remove("XXGK_LANG")
        .args(["check", "-qq", flag, name])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), stderr)
}

const BASES: &[&str] = &["clean", "000_78cb5ee3af34762b.txt", "003_52851d4dc858525c.txt"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn fix_is_idempotent_and_keeps_every_table_value(
        b in 0..BASES.len(),
        ext in prop::sample::select(vec!["txt", "md", "html"]),
        unsafe_fixes in any::<bool>(),
        picks in prop::collection::vec((0usize..10_000, 0usize..100, any::<bool>()), 1..8),
    ) {
        let text = damaged(&base(BASES[b]), &picks);
        let source = as_format(&text, ext);
        let name = format!("r.{ext}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(&name);
        std::fs::write(&path, &source).unwrap();
        let flag = if unsafe_fixes { "--unsafe-fixes" } else { "--fix" };

        let (code, stderr) = fix(dir.path(), flag, &name);
        prop_assert!(matches!(code, Some(0 | 1)), "{code:?} {stderr}");
        let once = std::fs::read_to_string(&path).unwrap();
        prop_assert_ne!(&once, &source, "nothing fixed: {}", stderr);
        prop_assert_eq!(tables(&name, once.as_bytes()), tables(&name, source.as_bytes()));

        let (code2, stderr2) = fix(dir.path(), flag, &name);
        prop_assert_eq!(code2, code);
        prop_assert_eq!(stderr2, "");
        let twice = std::fs::read_to_string(&path).unwrap();
        prop_assert_eq!(twice, once);
    }
}
