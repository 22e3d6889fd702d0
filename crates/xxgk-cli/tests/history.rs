//! `xxgk history` (#10): each issuer's key figures year by year over the hand-made series
//! (tests/fixtures/series), with the pairing problems; and `check`'s inline suppressions and
//! baselines applied to cross-year findings.
use assert_cmd::Command;
use serde_json::{json, Value};
use std::path::Path;

fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(dir)
        .env_remove("XXGK_LANG")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// The three-year series; the other folders under it hold the pairing cases and the
/// corpus-rule (XG704/XG705) fixtures.
const SERIES: [&str; 8] = [
    "history",
    "tests/fixtures/series",
    "--exclude",
    "pairing/",
    "--exclude",
    "rollup/",
    "--exclude",
    "stock/",
];

fn series(extra: &[&str]) -> (Option<i32>, String, String) {
    let args: Vec<&str> = SERIES.iter().chain(extra).copied().collect();
    run(&args)
}

#[test]
fn human_table_of_the_three_year_series() {
    let (code, out, err) = series(&[]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    insta::assert_snapshot!("history_human_zh", out);
    let (code, out, _) = series(&["--lang", "en"]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("history_human_en", out);
}

#[test]
fn csv_has_one_row_a_report() {
    let (code, out, _) = series(&["--format", "csv"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "issuer,year,path,previous,requests_new,carried_over,outcome_total,carried_forward,disclosure_rate,reviews,review_correction_rate,lawsuits,litigation_correction_rate,fees_wan,requests_change,requests_change_rate,problems
某县交通运输局,2021,tests/fixtures/series/2021.txt,,10,0,8,2,0.875,1,0,0,,0,,,
某县交通运输局,2022,tests/fixtures/series/2022.txt,tests/fixtures/series/2021.txt,12,1,11,2,0.8181818181818182,1,0,0,,0,2,0.2,
某县交通运输局,2023,tests/fixtures/series/2023.txt,tests/fixtures/series/2022.txt,15,2,16,1,0.8125,1,0,0,,0,3,0.25,
"
    );
}

/// `figures` of a report of the series: (新收, 上年结转, 总计, 结转, 予以公开+部分公开).
fn figures(new: f64, over: f64, total: f64, forward: f64, granted: f64) -> Value {
    let ratio = |n: f64, d: f64, v: Value| json!({"numerator": n, "denominator": d, "value": v, "small_sample": true});
    json!({
        "requests_new": new,
        "carried_over": over,
        "outcome_total": total,
        "carried_forward": forward,
        "disclosure_rate": ratio(granted, total, json!(granted / total)),
        "reviews": 1.0,
        "review_correction_rate": ratio(0.0, 1.0, json!(0.0)),
        "lawsuits": 0.0,
        "litigation_correction_rate": ratio(0.0, 0.0, Value::Null),
        "fees_wan": 0.0,
    })
}

#[test]
fn json_document() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.json");
    let (code, out, _) = series(&["--format", "json", "-o", file.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (Some(0), ""), "-o writes the file, not standard output");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let s = "tests/fixtures/series";
    assert_eq!(
        doc,
        json!({
            "version": 1,
            "issuers": [{"issuer": "某县交通运输局", "reports": [
                {"path": format!("{s}/2021.txt"), "year": 2021, "previous": null,
                 "figures": figures(10.0, 0.0, 8.0, 2.0, 7.0),
                 "requests_change": null, "requests_change_rate": null, "problems": []},
                {"path": format!("{s}/2022.txt"), "year": 2022, "previous": format!("{s}/2021.txt"),
                 "figures": figures(12.0, 1.0, 11.0, 2.0, 9.0),
                 "requests_change": 2.0, "requests_change_rate": 0.2, "problems": []},
                {"path": format!("{s}/2023.txt"), "year": 2023, "previous": format!("{s}/2022.txt"),
                 "figures": figures(15.0, 2.0, 16.0, 1.0, 13.0),
                 "requests_change": 3.0, "requests_change_rate": 0.25, "problems": []},
            ]}],
            "unassigned": [],
            "unreadable": [],
            "summary": {"issuers": 1, "reports": 3, "unassigned": 0, "unreadable": 0},
        })
    );
}

#[test]
fn pairing_problems_are_listed_under_the_table() {
    let (code, out, _) = run(&["history", "tests/fixtures/series/pairing"]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("history_pairing_zh", out);
    let (_, out, _) = run(&["history", "tests/fixtures/series/pairing", "--format", "json", "--lang", "en"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let water = &doc["issuers"][0];
    assert_eq!(water["issuer"], "某县水利局");
    let p = "tests/fixtures/series/pairing";
    assert_eq!(
        water["reports"][1]["problems"],
        json!([{"code": "XG706", "message": format!("2 reports of 某县水利局 for 2023: this file and {p}/water-b.txt")}])
    );
    assert_eq!(water["reports"][1]["previous"], Value::Null, "a duplicate year is paired with nothing");
    assert_eq!(doc["unassigned"][0]["path"], format!("{p}/unknown.txt"));
    assert_eq!(doc["summary"], json!({"issuers": 2, "reports": 5, "unassigned": 1, "unreadable": 0}));
}

#[test]
fn issuer_filter() {
    let (code, out, _) = run(&[
        "history",
        "tests/fixtures/series",
        "--exclude",
        "rollup/",
        "--exclude",
        "stock/",
        "--issuer",
        "某镇 人民政府",
        "--format",
        "csv",
    ]);
    assert_eq!(code, Some(0));
    let p = "tests/fixtures/series/pairing";
    assert_eq!(
        out.lines().skip(1).collect::<Vec<_>>(),
        [
            format!("某镇人民政府,2020,{p}/town-2020.txt,,10,0,8,2,0.875,1,0,0,,0,,,"),
            format!("某镇人民政府,2022,{p}/town-2022.txt,,12,2,14,0,0.6428571428571429,1,0,0,,0,,,缺少某镇人民政府2021年度的报告：上一份是2020年度的 {p}/town-2020.txt"),
            format!(",2023,{p}/unknown.txt,,15,2,16,1,0.8125,1,0,0,,0,,,无法确定本报告的发布机关，不能与其他年度的报告配对"),
        ]
    );
    // A part of the name matches too; every issuer it matches is printed.
    let (code, out, _) = run(&[
        "history",
        "tests/fixtures/series",
        "--exclude",
        "rollup/",
        "--exclude",
        "stock/",
        "--issuer",
        "某县",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0));
    let doc: Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> =
        doc["issuers"].as_array().unwrap().iter().map(|s| s["issuer"].as_str().unwrap()).collect();
    assert_eq!(names, ["某县交通运输局", "某县水利局"]);
}

#[test]
fn no_issuer_matching_is_bad_input() {
    let (code, out, err) = run(&[
        "history",
        "tests/fixtures/series",
        "--exclude",
        "rollup/",
        "--exclude",
        "stock/",
        "--issuer",
        "财政局",
    ]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert!(err.contains("--issuer 财政局: 没有这个发布机关的报告 / no reports of this issuer"), "{err}");
    assert!(
        err.contains("本次读到的发布机关 / issuers found: 某县交通运输局、某县水利局、某镇人民政府"),
        "{err}"
    );
}

#[test]
fn an_unreadable_input_fails_the_run_after_the_table() {
    let (code, out, err) =
        run(&["history", "tests/fixtures/series/2021.txt", "tests/fixtures/series/none.txt"]);
    assert_eq!(code, Some(2));
    assert!(out.ends_with("共 1 个发布机关、1 份报告\n"), "{out}");
    assert_eq!(err, "无法读取 tests/fixtures/series/none.txt：文件不存在\n");
}

/// 2021.txt and 2022.txt of the series in a fresh directory (2022's 上年结转 disagrees: two
/// XG701), 2022.txt changed by `edit`.
fn pair_dir(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/series");
    std::fs::copy(src.join("2021.txt"), dir.path().join("2021.txt")).unwrap();
    let text = std::fs::read_to_string(src.join("2022.txt")).unwrap();
    std::fs::write(dir.path().join("2022.txt"), edit(&text)).unwrap();
    dir
}

const CONCISE: [&str; 5] = ["check", "--select", "XG7,XG007", "--format", "concise"];

fn check_in(dir: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let args: Vec<&str> = CONCISE.iter().chain(extra).copied().collect();
    run_in(dir, &args)
}

#[test]
fn an_inline_comment_suppresses_cross_year_findings() {
    let dir = pair_dir(|t| t.to_string());
    let (_, out, _) = check_in(dir.path(), &["2021.txt", "2022.txt"]);
    assert_eq!(
        out,
        "2022.txt:58:1: XG701 [warning] 上年结转（商业企业）为0，上年报告 2021.txt 的结转下年度为1
2022.txt:63:1: XG701 [warning] 上年结转（总计）为1，上年报告 2021.txt 的结转下年度为2
共检查 2 个文件：错误 0 个，警告 2 个，提示 0 个
"
    );
    // From the end of the third line on, XG701 is disabled.
    let dir = pair_dir(|t| {
        let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
        lines[2].push_str("<!-- xxgk-disable XG701 -->");
        lines.join("\n") + "\n"
    });
    let (code, out, _) = check_in(dir.path(), &["2021.txt", "2022.txt"]);
    assert_eq!((code, out.as_str()), (Some(0), "共检查 2 个文件，未发现问题\n"));
    // Checked without last year's report, the comment has nothing to suppress: not XG007.
    let (_, out, _) = check_in(dir.path(), &["2022.txt"]);
    assert_eq!(out, "共检查 1 个文件，未发现问题\n");
    // A range that ends before the cells covers neither finding (and, naming a cross-year rule
    // only, is not XG007).
    let dir = pair_dir(|t| {
        let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
        lines[2].push_str("<!-- xxgk-disable XG701 --><!-- xxgk-enable XG701 -->");
        lines.join("\n") + "\n"
    });
    let (_, out, _) = check_in(dir.path(), &["2021.txt", "2022.txt"]);
    assert_eq!(
        out,
        "2022.txt:58:1: XG701 [warning] 上年结转（商业企业）为0，上年报告 2021.txt 的结转下年度为1
2022.txt:63:1: XG701 [warning] 上年结转（总计）为1，上年报告 2021.txt 的结转下年度为2
共检查 2 个文件：错误 0 个，警告 2 个，提示 0 个
"
    );
}

#[test]
fn a_baseline_suppresses_cross_year_findings() {
    let dir = pair_dir(|t| t.to_string());
    let (code, _, err) = check_in(dir.path(), &["--write-baseline", "base.json", "2021.txt", "2022.txt"]);
    assert_eq!((code, err.as_str()), (Some(0), "已将 2 条诊断写入基线 base.json\n"));
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("base.json")).unwrap()).unwrap();
    let codes: Vec<(&str, &str)> = baseline["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("2022.txt", "XG701"), ("2022.txt", "XG701")]);
    let (code, out, _) = check_in(dir.path(), &["--baseline", "base.json", "2021.txt", "2022.txt"]);
    assert_eq!((code, out.as_str()), (Some(0), "共检查 2 个文件，未发现问题\n"));
    // Checked alone, the entries are not seen, and not stale either.
    let (_, out, _) = check_in(dir.path(), &["--baseline", "base.json", "2022.txt"]);
    assert_eq!(out, "共检查 1 个文件，未发现问题\n");
    // New cross-year findings are still reported: 2023.txt copies 2022.txt's text (XG702).
    std::fs::write(dir.path().join("2023.txt"), include_str!("fixtures/series/2023.txt")).unwrap();
    let (_, out, _) = check_in(dir.path(), &["--baseline", "base.json", "."]);
    assert!(out.starts_with("2023.txt:4:1: XG702 [warning] 第一部分"), "{out}");
    assert!(!out.contains("2022.txt:"), "{out}");
}

#[test]
fn a_config_series_entry_pairs_history_as_it_pairs_check() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["town-2020.txt", "town-2022.txt"] {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/series/pairing").join(name);
        std::fs::copy(src, dir.path().join(name)).unwrap();
    }
    let (_, out, _) = run_in(dir.path(), &["history", "--format", "csv"]);
    assert_eq!(
        out.lines().nth(2),
        Some("某镇人民政府,2022,town-2022.txt,,12,2,14,0,0.6428571428571429,1,0,0,,0,,,缺少某镇人民政府2021年度的报告：上一份是2020年度的 town-2020.txt")
    );
    std::fs::write(
        dir.path().join("xxgk.toml"),
        "[settings]\nseries = [{ path = \"town-2022.txt\", previous = \"town-2020.txt\" }]\n",
    )
    .unwrap();
    let (code, out, _) = run_in(dir.path(), &["history", "--format", "csv"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out.lines().nth(2),
        Some("某镇人民政府,2022,town-2022.txt,town-2020.txt,12,2,14,0,0.6428571428571429,1,0,0,,0,2,0.2,")
    );
}
