//! A report in the 2019 template (国办公开办函〔2019〕60号) is read into the model as far as it
//! maps: table 2's 2019 columns to the model's, table 3's one-row （六）其他处理 to `other_other`.
use serde_json::json;
use xxgk_model::{extract_json, Report};

fn read(text: &str) -> Report {
    xxgk_adapters::read("r.txt", text.as_bytes(), &Default::default()).unwrap()
}

fn fixture() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/template_2019.txt");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn table_2_columns_map_and_the_others_are_left_out() {
    let r = read(&fixture());
    let tables = &extract_json(&r)["tables"];
    // 本年新制作数量 → issued, 对外公开总数量 → in_force; 处理决定数量 → decisions (本年增/减 of -2
    // is not a blank cell); 行政事业性收费 has no amount in 2019; 政府集中采购 has no row.
    assert_eq!(
        tables["proactive"],
        json!({
            "regulations": {"issued": 0, "in_force": 0},
            "normative_documents": {"issued": 3, "in_force": 21},
            "licensing": {"decisions": 186},
            "penalty": {"decisions": 57},
            "coercion": {"decisions": 3},
            "fees": {},
        })
    );
    assert!(r.inferences.is_empty(), "{:?}", r.inferences);
    assert!(r.problems.iter().all(|p| p.table != xxgk_model::TableKey::Proactive), "{:?}", r.problems);
}

#[test]
fn table_3_one_row_other_is_read_as_other_other() {
    let r = read(&fixture());
    let requests = &extract_json(&r)["tables"]["requests"];
    assert_eq!(
        requests["other_other"],
        json!({"natural_person": 1, "commercial": 0, "research": 0, "nonprofit": 0,
               "legal_service": 0, "other_org": 0, "total": 1})
    );
    assert_eq!(requests["outcome_total"]["total"], 6);
    assert!(requests.get("other_no_correction").is_none() && requests.get("other_no_fee").is_none());
    // The one-row （六）其他处理 is a place where the 2019 template shows (XG104).
    let shown: Vec<&str> = r.outdated_template.iter().map(|s| r.slice(*s)).collect();
    assert!(shown.contains(&"（六）其他处理"), "{shown:?}");
    assert_eq!(shown.first(), Some(&"本年新制作数量"));
}

#[test]
fn a_2021_header_is_read_as_before() {
    let text = fixture().replace(
        "本年新制作数量 | 本年新公开数量 | 对外公开总数量",
        "本年制发件数 | 本年废止件数 | 现行有效件数",
    );
    let r = read(&text);
    let t2 = &extract_json(&r)["tables"]["proactive"];
    assert_eq!(t2["normative_documents"], json!({"issued": 3, "repealed": 3, "in_force": 21}));
    // The other 2019 headers still map.
    assert_eq!(t2["licensing"], json!({"decisions": 186}));
}
