//! Tests of baselines: round trip, matching across line shifts, new findings, stale entries.
use super::*;

crate::declare_rule! {
    /// A stand-in for a page-furniture rule.
    pub(crate) CHROME = { code: "XG601", name: "web-chrome-left", severity: Warning, since: "0.1.0" }
}

fn report(path: &str, text: &str) -> Report {
    xxgk_adapters::read(path, text.as_bytes(), &Default::default()).expect("reads")
}

/// XG601 on every occurrence of `needle`.
fn findings(report: &Report, needle: &str) -> Vec<Diagnostic> {
    report
        .text
        .match_indices(needle)
        .map(|(i, _)| {
            Diagnostic::new(
                &CHROME,
                Span::new(i, i + needle.len()),
                Text::new(format!("网页残留文字\"{needle}\""), "left over"),
            )
        })
        .collect()
}

#[test]
fn fnv1a_is_the_published_algorithm() {
    // Test vectors of FNV-1a 64.
    let hash = |s: &str| {
        let mut h = Fnv1a::new();
        h.write(s.as_bytes());
        h.0
    };
    assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn round_trip_through_a_file() {
    let r = report("./docs/t.txt", "第一行\n打印本页\n关闭窗口\n");
    let d = [findings(&r, "打印本页"), findings(&r, "关闭窗口")].concat();
    let baseline = Baseline::from_diagnostics([(&r, d.as_slice())]);
    assert_eq!(baseline.entries.len(), 2);
    assert_eq!(baseline.entries[0].path, "docs/t.txt");
    assert_eq!(baseline.entries[0].code, "XG601");
    assert_eq!(baseline.entries[0].fingerprint.len(), 16);
    let json = baseline.to_json();
    assert!(json.starts_with("{\n  \"version\": 1,\n  \"entries\": [\n"), "{json}");
    let path = std::env::temp_dir().join(format!("xxgk-baseline-{}.json", std::process::id()));
    baseline.write(&path).expect("writes");
    assert_eq!(Baseline::load(&path).expect("loads"), baseline);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_finding_on_a_shifted_line_is_still_matched() {
    let before = report("t.txt", "第一行\n打印本页\n");
    let baseline = Baseline::from_diagnostics([(&before, findings(&before, "打印本页").as_slice())]);
    let after = report("t.txt", "新的第一行\n\n第二行\n打印本页\n");
    let (kept, matched) = baseline.filter(&after, &Settings::national(), findings(&after, "打印本页"));
    assert_eq!((kept.len(), matched), (0, 1));
    // Standing for another line of the same report does not matter either.
    let r = report("t.txt", "打印本页\n第二行\n");
    let d = findings(&r, "打印本页");
    let moved = report("t.txt", "第零行\n打印本页\n第二行\n");
    assert_eq!(fingerprint(&r, &d[0]), fingerprint(&moved, &findings(&moved, "打印本页")[0]));
}

#[test]
fn whitespace_inside_the_span_does_not_matter() {
    let before = report("t.txt", "打印本页\n");
    let after = report("t.txt", "打印 本页\n");
    let d_before = &findings(&before, "打印本页")[0];
    let mut d_after = findings(&after, "打印 本页").remove(0);
    d_after.message = d_before.message.clone();
    assert_eq!(fingerprint(&before, d_before), fingerprint(&after, &d_after));
    let mut other = d_after.clone();
    other.code = "XG602".into();
    assert_ne!(fingerprint(&after, &other), fingerprint(&after, &d_after));
}

#[test]
fn a_new_finding_is_kept() {
    let before = report("t.txt", "打印本页\n");
    let baseline = Baseline::from_diagnostics([(&before, findings(&before, "打印本页").as_slice())]);
    let after = report("t.txt", "打印本页\n关闭窗口\n打印本页\n");
    let d = [findings(&after, "打印本页"), findings(&after, "关闭窗口")].concat();
    let (kept, matched) = baseline.filter(&after, &Settings::national(), d);
    assert_eq!(matched, 1, "one entry matches one finding");
    assert_eq!(
        crate::test::render(&after, &kept),
        "XG601 2:1-2:5 warning 网页残留文字\"关闭窗口\"\nXG601 3:1-3:5 warning 网页残留文字\"打印本页\"\n"
    );
}

#[test]
fn a_stale_entry_is_xg007_at_the_start_of_its_file() {
    let before = report("t.txt", "第一行\n打印本页\n");
    let baseline = Baseline::from_diagnostics([(&before, findings(&before, "打印本页").as_slice())]);
    let after = report("t.txt", "第一行\n");
    let (kept, matched) = baseline.filter(&after, &Settings::national(), Vec::new());
    assert_eq!(matched, 0);
    assert_eq!(
        crate::test::render(&after, &kept),
        "XG007 1:1-1:1 warning 基线中的 XG601 条目没有匹配任何诊断：网页残留文字\"打印本页\"\n  help: 问题已经修好：用 --write-baseline 重新生成基线\n"
    );
    // Other files' entries are not this file's business; XG007 off: nothing.
    let other = report("u.txt", "第一行\n");
    assert!(baseline.filter(&other, &Settings::national(), Vec::new()).0.is_empty());
    let off = Settings { ignore: vec!["XG007".into()], ..Settings::national() };
    assert!(baseline.filter(&after, &off, Vec::new()).0.is_empty());
}

#[test]
fn bad_baselines_are_errors() {
    let path = Path::new("baseline.json");
    let err = Baseline::from_json(path, "{\"version\": 1, \"entries\": [}\n").expect_err("bad json");
    let ConfigError::Invalid(invalid) = &err else { panic!("{err:?}") };
    assert_eq!(invalid.span.map(|s| s.offset()), Some(27), "at the closing brace");
    assert!(err.to_string().starts_with("baseline.json: not a baseline: "), "{err}");
    let err = Baseline::from_json(path, "{\"version\": 2, \"entries\": []}\n").expect_err("version");
    assert_eq!(
        err.to_string(),
        "baseline.json: baseline version 2 is not supported (this xxgk reads version 1)"
    );
    let err = Baseline::load(Path::new("does-not-exist.json")).expect_err("missing");
    assert!(err.to_string().starts_with("does-not-exist.json: cannot read the baseline: "), "{err}");
}

#[test]
fn entries_of_many_files_are_found_by_path() {
    let reports: Vec<Report> =
        ["b.txt", "a.txt", "c.txt"].iter().map(|p| report(p, "打印本页\n打印本页\n")).collect();
    let all: Vec<Vec<Diagnostic>> = reports.iter().map(|r| findings(r, "打印本页")).collect();
    let baseline = Baseline::from_diagnostics(reports.iter().zip(&all).map(|(r, d)| (r, d.as_slice())));
    let paths: Vec<&str> = baseline.entries.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["a.txt", "a.txt", "b.txt", "b.txt", "c.txt", "c.txt"]);
    // Loaded from a file written in another order: sorted again.
    let mut shuffled = baseline.clone();
    shuffled.entries.reverse();
    let loaded = Baseline::from_json(Path::new("b.json"), &shuffled.to_json()).expect("valid");
    assert_eq!(loaded, baseline);
    for (r, d) in reports.iter().zip(&all) {
        let (kept, matched) = loaded.filter(r, &Settings::national(), d.clone());
        assert_eq!((kept.len(), matched), (0, 2), "{}", r.path);
    }
}

#[test]
fn a_cross_year_entry_not_seen_is_not_stale() {
    let before = report("t.txt", "第一行\n上年结转\n");
    let meta = crate::rules::find("XG701").expect("registered");
    let found = vec![Diagnostic::new(meta, Span::new(10, 22), Text::new("上年结转不符", "mismatch"))];
    assert_eq!(before.slice(found[0].span), "上年结转");
    let baseline = Baseline::from_diagnostics([(&before, found.as_slice())]);
    assert_eq!(baseline.filter(&before, &Settings::national(), found.clone()), (Vec::new(), 1));
    // The report checked alone (no cross-year findings): the entry is not reported as stale.
    assert_eq!(baseline.filter(&before, &Settings::national(), Vec::new()), (Vec::new(), 0));
}
