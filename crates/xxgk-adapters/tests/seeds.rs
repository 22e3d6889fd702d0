//! Every value of every seed report, read with the real adapter: tables cell by cell, metadata,
//! section lines, inferences. The seeds are real reports in five table layouts (tests/corpus).
use xxgk_model::{extract_json, Report, TableKey};

fn read(name: &str) -> Report {
    let path = format!("{}/../../tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    xxgk_adapters::read(name, &bytes, &Default::default()).unwrap()
}

/// `table.row = v v v`, `-` for a blank cell, one line per row, in template order.
fn grid(report: &Report) -> String {
    let mut out = String::new();
    for key in TableKey::ALL {
        let Some(t) = report.tables.get(key) else {
            out.push_str(&format!("{} = none\n", key.as_str()));
            continue;
        };
        for row in &t.rows {
            let cells: Vec<String> =
                row.cells.iter().map(|c| c.value.map_or("-".to_string(), |v| v.to_string())).collect();
            out.push_str(&format!("{}.{} = {}\n", key.as_str(), row.key, cells.join(" ")));
        }
    }
    out
}

/// The template's rows with the given values; rows not listed are `zero` (all columns).
fn expected(overrides: &[(&str, &str)], t3_zero: &str, t4: [&str; 3], t2: [&str; 2]) -> String {
    let mut out = String::new();
    for (row, v) in [("regulations", t2[0]), ("normative_documents", t2[1])] {
        out.push_str(&format!("proactive.{row} = {v}\n"));
    }
    for row in ["licensing", "penalty", "coercion", "fees"] {
        let v = overrides.iter().find(|(k, _)| *k == row).map_or("0", |(_, v)| v);
        out.push_str(&format!("proactive.{row} = {v}\n"));
    }
    for spec in &xxgk_model::T3_ROWS {
        let v = overrides.iter().find(|(k, _)| *k == spec.key).map_or(t3_zero, |(_, v)| v);
        out.push_str(&format!("requests.{} = {v}\n", spec.key));
    }
    for (spec, v) in xxgk_model::T4_GROUPS.iter().zip(t4) {
        out.push_str(&format!("appeals.{} = {v}\n", spec.key));
    }
    out
}

fn meta(report: &Report) -> serde_json::Value {
    extract_json(report)["meta"].clone()
}

fn section_lines(report: &Report) -> Vec<(String, u64)> {
    extract_json(report)["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["key"].as_str().unwrap().to_string(), s["line"].as_u64().unwrap()))
        .collect()
}

fn lines(keys_lines: [u64; 6]) -> Vec<(String, u64)> {
    ["overview", "proactive", "requests", "appeals", "problems", "other"]
        .iter()
        .zip(keys_lines)
        .map(|(k, l)| (k.to_string(), l))
        .collect()
}

const Z7: &str = "0 0 0 0 0 0 0";
const Z5: &str = "0 0 0 0 0";

#[test]
fn seed_000_one_cell_per_line() {
    let r = read("000_78cb5ee3af34762b.txt");
    let want = expected(
        &[("new", "2 0 0 0 0 0 2"), ("granted", "2 0 0 0 0 0 2"), ("outcome_total", "2 0 0 0 0 0 2")],
        Z7,
        [Z5, Z5, Z5],
        ["0 0 0", "0 0 0"],
    );
    assert_eq!(grid(&r), want);
    assert_eq!(
        meta(&r),
        serde_json::json!({"title": "2023年度市国资委政务公开工作报告(文字版)", "issuer": "市国资委", "year": 2023,
            "published": "2024-01-15", "signed": "2024-01-15", "period": null})
    );
    assert_eq!(section_lines(&r), lines([10, 21, 84, 520, 591, 602]));
    assert!(r.inferences.is_empty());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn seed_001_pipe_separated() {
    let r = read("001_9ebba746cc4f361b.txt");
    assert_eq!(grid(&r), expected(&[], Z7, [Z5, Z5, Z5], ["0 0 0", "0 0 1"]));
    assert_eq!(
        meta(&r),
        serde_json::json!({"title": null, "issuer": null, "year": null, "published": null, "signed": null, "period": null})
    );
    assert_eq!(section_lines(&r), lines([1, 13, 55, 299, 337, 346]));
    assert!(r.inferences.is_empty());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn seed_002_sparse_rows() {
    let r = read("002_62b86d8e083b3ce2.txt");
    let sparse0 = "0 - - - - - 0";
    let want = expected(
        &[
            ("new", "3 0 0 0 0 0 3"),
            ("granted", "1 0 0 0 0 0 1"),
            ("denied_prohibited_by_law", Z7),
            ("denied_internal_affairs", "1 - - - - - 1"),
            ("unable_not_held", Z7),
            ("declined_repeated", "1 - - - - - 1"),
            ("outcome_total", "3 - - - - - 3"),
            ("carried_forward", Z7),
        ],
        sparse0,
        [Z5, Z5, Z5],
        ["0 0 0", "0 0 0"],
    );
    assert_eq!(grid(&r), want);
    assert_eq!(
        meta(&r),
        serde_json::json!({"title": "2023年政府信息公开工作年度报告", "issuer": "贵州省机关事务管理局", "year": 2023,
            "published": "2024-01-26", "signed": null, "period": {"start": "2023-01-01", "end": "2023-12-31"}})
    );
    assert_eq!(section_lines(&r), lines([7, 21, 83, 317, 403, 413]));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // Every two-value row had its blank cells dropped; each placement is the only one that fits.
    assert_eq!(r.inferences.len(), 20);
    assert!(r
        .inferences
        .iter()
        .all(|i| i.status == xxgk_model::InferenceStatus::Unique
            && i.kind == xxgk_model::InferenceKind::Sparse));
}

#[test]
fn seed_003_glued_digits() {
    let r = read("003_52851d4dc858525c.txt");
    let want = expected(
        &[
            ("new", "120 7 0 1 0 0 128"),
            ("granted", "2 0 0 0 0 0 2"),
            ("denied_third_party", "1 0 0 0 0 0 1"),
            ("unable_not_held", "117 0 0 1 0 0 125"),
            ("outcome_total", "120 7 0 1 0 0 128"),
        ],
        Z7,
        ["3 0 0 0 3", "0 1 0 0 1", "0 0 0 1 1"],
        ["1 0 56", "9 0 228"],
    );
    assert_eq!(grid(&r), want);
    assert_eq!(
        meta(&r),
        serde_json::json!({"title": "鞍山市人民政府办公室2023年政府信息公开工作年度报告", "issuer": "鞍山市人民政府办公室",
            "year": 2023, "published": "2024-01-31", "signed": "2024-01-30",
            "period": {"start": "2023-01-01", "end": "2023-12-31"}})
    );
    // The page holds the report twice; the sections are the first copy's.
    assert_eq!(section_lines(&r), lines([6, 28, 45, 76, 83, 89]));
    assert_eq!(r.headings.len(), 12);
    let json = extract_json(&r);
    let inf = json["inferences"].as_array().unwrap();
    let not_held = inf.iter().find(|i| i["row"] == "unable_not_held").unwrap();
    assert_eq!(not_held["status"], "inconsistent");
    assert_eq!(not_held["text"], "11700100125");
    assert_eq!(not_held["line"], 62);
    let new = inf.iter().find(|i| i["row"] == "new").unwrap();
    assert_eq!(new["status"], "unique");
    assert_eq!((new["line"].as_u64(), new["column"].as_u64()), (Some(50), Some(17)));
    let regs = inf.iter().find(|i| i["table"] == "proactive" && i["row"] == "regulations").unwrap();
    assert_eq!(regs["status"], "unique");
}

#[test]
fn seed_004_totals_only() {
    let r = read("004_3b9c401a47ff0dba.txt");
    assert_eq!(grid(&r), expected(&[], "- - - - - - 0", [Z5, Z5, Z5], ["0 0 0", "0 0 0"]));
    assert_eq!(
        meta(&r),
        serde_json::json!({"title": "鼎城区工信局2023年度政府信息公开工作报告", "issuer": "鼎城区工信局", "year": 2023,
            "published": "2024-01-22", "signed": null, "period": null})
    );
    assert_eq!(section_lines(&r), lines([8, 34, 96, 382, 463, 467]));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn cell_spans_point_at_the_digits() {
    let r = read("000_78cb5ee3af34762b.txt");
    let t3 = r.tables.requests.as_ref().unwrap();
    let c = t3.cell("new", "natural_person").unwrap();
    let ix = xxgk_model::LineIndex::new(&r.text);
    assert_eq!(ix.line_col(&r.text, c.span.unwrap().start as usize), (112, 1));
    assert_eq!(r.slice(c.span.unwrap()), "2");
    let label = t3.row("granted").unwrap().label;
    assert_eq!(r.slice(label), "(一)予以公开");
}

fn row(report: &Report, table: TableKey, key: &str) -> String {
    let t = report.tables.get(table).unwrap();
    let r = t.row(key).unwrap_or_else(|| panic!("{key}"));
    r.cells.iter().map(|c| c.value.map_or("-".to_string(), |v| v.to_string())).collect::<Vec<_>>().join(" ")
}

#[test]
fn crawler_page_one_line_glued() {
    let r = read("real/pingtan-2022.txt");
    assert_eq!(section_lines(&r).len(), 6);
    // The heading misspells 行政复议 (行政法复议) and is still found, as a variant.
    assert_eq!(
        r.section(xxgk_model::SectionKey::Appeals).unwrap().title,
        "政府信息公开行政法复议、行政诉讼情况"
    );
    assert_eq!(row(&r, TableKey::Requests, "new"), "71 3 0 0 0 0 74");
    assert_eq!(row(&r, TableKey::Requests, "carried_over"), "1 0 0 0 0 0 1");
    assert_eq!(row(&r, TableKey::Requests, "partial"), "8 1 0 0 0 0 9");
    assert_eq!(row(&r, TableKey::Requests, "unable_not_held"), "37 0 0 0 0 0 37");
    assert_eq!(row(&r, TableKey::Requests, "other_other"), "0 2 0 0 0 0 2");
    assert_eq!(row(&r, TableKey::Requests, "outcome_total"), "72 3 0 0 0 0 75");
    assert_eq!(row(&r, TableKey::Appeals, "review"), "0 1 1 0 2");
    assert_eq!(row(&r, TableKey::Appeals, "litigation_direct"), "1 0 0 0 1");
    assert_eq!(row(&r, TableKey::Proactive, "fees"), "9116.36");
    // "8855698" fits several splits; the prose states 698 in force and 88 issued.
    assert_eq!(row(&r, TableKey::Proactive, "normative_documents"), "88 55 698");
    let amb: Vec<_> =
        r.inferences.iter().filter(|i| i.status == xxgk_model::InferenceStatus::Ambiguous).collect();
    assert_eq!(amb.len(), 1);
    assert_eq!(amb[0].row, "normative_documents");
    assert_eq!(amb[0].alternatives.len(), 7);
    assert_eq!(meta(&r)["issuer"], "平潭综合实验区");
    assert_eq!(meta(&r)["published"], "2023-02-20");
}

#[test]
fn crawler_page_space_separated_with_glued_tail() {
    let r = read("real/pingtan-finance-2022.txt");
    assert_eq!(row(&r, TableKey::Requests, "new"), "1 0 0 0 0 0 1");
    assert_eq!(row(&r, TableKey::Requests, "partial"), "1 0 0 0 0 0 1");
    assert_eq!(row(&r, TableKey::Requests, "outcome_total"), "1 0 0 0 0 0 1");
    assert_eq!(row(&r, TableKey::Proactive, "normative_documents"), "8 0 8");
    assert_eq!(row(&r, TableKey::Appeals, "litigation_after_review"), "0 0 0 0 0");
    assert!(r.inferences.iter().all(|i| i.status == xxgk_model::InferenceStatus::Unique));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(meta(&r)["issuer"], "平潭综合实验区财政金融局");
}

/// The figures reviewers watch, from seed 003's glued tables (one definition: xxgk_model::figures).
#[test]
fn seed_003_key_figures() {
    let f = xxgk_model::Figures::of(&read("003_52851d4dc858525c.txt"));
    assert_eq!(
        (f.requests_new, f.carried_over, f.outcome_total, f.carried_forward),
        (Some(128.0), Some(0.0), Some(128.0), Some(0.0))
    );
    let rate = f.disclosure_rate.unwrap();
    assert_eq!((rate.numerator, rate.denominator, rate.is_small()), (2.0, 128.0, false));
    let review = f.review_correction_rate.unwrap();
    assert_eq!(
        (f.reviews, review.numerator, review.denominator, review.is_small()),
        (Some(3.0), 0.0, 3.0, true)
    );
    // 1 lawsuit corrected; of the 2 lawsuits, 1 is still pending.
    let lit = f.litigation_correction_rate.unwrap();
    assert_eq!((f.lawsuits, lit.numerator, lit.denominator), (Some(2.0), 1.0, 1.0));
    assert_eq!(f.fees_wan, Some(0.0));
}
