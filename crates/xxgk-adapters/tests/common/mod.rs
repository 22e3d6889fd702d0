//! Seeds rendered as other formats: the corpus seeds, their tables as grids of cells with
//! row and column spans, and their text with each table replaced by a rendering of its grid.
use xxgk_model::{Report, Table, TableKey, T3_ROWS, T4_COLUMNS};

/// The seeds, by file stem under `tests/corpus/`.
pub const SEEDS: [&str; 5] = [
    "000_78cb5ee3af34762b",
    "001_9ebba746cc4f361b",
    "002_62b86d8e083b3ce2",
    "003_52851d4dc858525c",
    "004_3b9c401a47ff0dba",
];

/// A seed's text, and the report read from it.
pub fn seed(name: &str) -> (String, Report) {
    let path = format!("{}/../../tests/corpus/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    let report = xxgk_adapters::read(&format!("{name}.txt"), &bytes, &Default::default()).unwrap();
    (String::from_utf8(bytes).unwrap(), report)
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A cell's text as the seed has it: the value, or blank.
pub fn val(t: &Table, row: &str, col: &str) -> Option<String> {
    t.cell(row, col).and_then(|c| c.value).map(|v| v.to_string())
}

/// A rendered table: rows of cells `(text, rowspan, colspan)`; `None` text is blank.
pub type Grid = Vec<Vec<(Option<String>, u32, u32)>>;

pub fn c(s: &str) -> (Option<String>, u32, u32) {
    (Some(s.to_string()), 1, 1)
}

pub fn t2_grid(t: &Table) -> Grid {
    let mut g: Grid = Vec::new();
    let head = |g: &mut Grid, item: &str, cols: &[&str]| {
        g.push(vec![(Some(format!("第二十条第（{item}）项")), 1, 4)]);
        let mut r = vec![c("信息内容")];
        for (i, col) in cols.iter().enumerate() {
            let span = if cols.len() == 1 && i == 0 { 3 } else { 1 };
            r.push((Some(col.to_string()), 1, span));
        }
        g.push(r);
    };
    head(&mut g, "一", &["本年制发件数", "本年废止件数", "现行有效件数"]);
    for (key, label) in [("regulations", "规章"), ("normative_documents", "行政规范性文件")] {
        let mut r = vec![c(label)];
        for col in ["issued", "repealed", "in_force"] {
            r.push((val(t, key, col), 1, 1));
        }
        g.push(r);
    }
    for (item, rows) in [
        ("五", &[("licensing", "行政许可")][..]),
        ("六", &[("penalty", "行政处罚"), ("coercion", "行政强制")][..]),
        ("八", &[("fees", "行政事业性收费")][..]),
    ] {
        let col = if item == "八" {
            "本年收费金额（单位：万元）"
        } else {
            "本年处理决定数量"
        };
        head(&mut g, item, &[col]);
        for (key, label) in rows {
            let column = if *key == "fees" { "amount_wan" } else { "decisions" };
            g.push(vec![c(label), (val(t, key, column), 1, 3)]);
        }
    }
    g
}

pub fn t3_grid(t: &Table) -> Grid {
    let mut g: Grid = vec![
        vec![
            (Some("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）".into()), 3, 3),
            (Some("申请人情况".into()), 1, 7),
        ],
        vec![
            (Some("自然人".into()), 2, 1),
            (Some("法人或其他组织".into()), 1, 5),
            (Some("总计".into()), 2, 1),
        ],
        vec![c("商业企业"), c("科研机构"), c("社会公益组织"), c("法律服务机构"), c("其他")],
    ];
    let groups: [(&str, &str, u32); 4] = [
        ("denied_state_secret", "（三）不予公开", 8),
        ("unable_not_held", "（四）无法提供", 3),
        ("declined_complaint", "（五）不予处理", 5),
        ("other_no_correction", "（六）其他处理", 3),
    ];
    for spec in &T3_ROWS {
        let mut r = Vec::new();
        let label = match spec.key {
            "new" => "一、本年新收政府信息公开申请数量",
            "carried_over" => "二、上年结转政府信息公开申请数量",
            "granted" => "（一）予以公开",
            "partial" => "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "other_no_correction" => "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "other_no_fee" => "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "outcome_total" => "（七）总计",
            "carried_forward" => "四、结转下年度继续办理",
            _ => spec.label.rsplit_once('）').map_or(spec.label, |(_, l)| l),
        };
        if spec.key == "granted" {
            r.push((Some("三、本年度办理结果".into()), 22, 1));
        }
        if let Some((_, group, n)) = groups.iter().find(|(k, _, _)| *k == spec.key) {
            r.push((Some(group.to_string()), *n, 1));
        }
        let grouped = groups.iter().any(|(k, _, n)| {
            let at = T3_ROWS.iter().position(|s| s.key == *k).unwrap();
            let me = T3_ROWS.iter().position(|s| s.key == spec.key).unwrap();
            me >= at && me < at + *n as usize
        });
        let in_outcome = (2..24).contains(&T3_ROWS.iter().position(|s| s.key == spec.key).unwrap());
        let span = if grouped {
            1
        } else if in_outcome {
            2
        } else {
            3
        };
        r.push((Some(label.to_string()), 1, span));
        for col in spec.columns {
            r.push((val(t, spec.key, col.key), 1, 1));
        }
        g.push(r);
    }
    g
}

pub fn t4_grid(t: &Table) -> Grid {
    let mut g: Grid = vec![
        vec![(Some("行政复议".into()), 2, 5), (Some("行政诉讼".into()), 1, 10)],
        vec![(Some("未经复议直接起诉".into()), 1, 5), (Some("复议后起诉".into()), 1, 5)],
    ];
    let mut heads = Vec::new();
    for _ in 0..3 {
        heads.extend(T4_COLUMNS.iter().map(|col| c(col.label)));
    }
    g.push(heads);
    let mut r = Vec::new();
    for group in ["review", "litigation_direct", "litigation_after_review"] {
        for col in &T4_COLUMNS {
            r.push((val(t, group, col.key), 1, 1));
        }
    }
    g.push(r);
    g
}

pub fn grid_of(key: TableKey, t: &Table) -> Grid {
    match key {
        TableKey::Proactive => t2_grid(t),
        TableKey::Requests => t3_grid(t),
        TableKey::Appeals => t4_grid(t),
    }
}
/// The seed's text with each table replaced by `table(grid)` and every other line by `line`.
pub fn render(
    text: &str,
    r: &Report,
    line: impl Fn(&str) -> String,
    table: impl Fn(&Grid) -> String,
) -> String {
    let mut parts: Vec<(usize, usize, TableKey)> = TableKey::ALL
        .iter()
        .filter_map(|k| r.tables.get(*k).map(|t| (t.span.start as usize, t.span.end as usize, *k)))
        .collect();
    parts.sort();
    let mut out = String::new();
    let mut at = 0;
    let lines = |s: &str, out: &mut String| {
        for l in s.lines().filter(|l| !l.trim().is_empty()) {
            out.push_str(&line(l.trim()));
        }
    };
    for (start, end, key) in parts {
        // The table's own header text before its first label goes with the generated table.
        let start = text[..start].rfind('\n').map_or(0, |i| i + 1).max(at);
        lines(&text[at..start], &mut out);
        out.push_str(&table(&grid_of(key, r.tables.get(key).unwrap())));
        at = text[end..].find('\n').map_or(text.len(), |i| end + i);
    }
    lines(&text[at..], &mut out);
    out
}
