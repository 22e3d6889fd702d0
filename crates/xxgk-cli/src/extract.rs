//! `xxgk extract --format human`: a readable account of what was recognised in a report.
//!
//! Metadata, the sections with their line numbers, tables 2–4 as grids aligned by display
//! width (Chinese labels are two columns wide), and the inferred rows with their status.
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;
use xxgk_engine::Lang;
use xxgk_model::{ColumnSpec, InferenceKind, InferenceStatus, LineIndex, Report, Span, Table, TableKey};

fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// Rows of cells as an aligned grid: the first column left-aligned, the others right-aligned.
pub fn grid(rows: &[Vec<String>]) -> String {
    grid_with(rows, |c| c > 0)
}

/// Rows of cells as an aligned grid; `right(c)` says whether column `c` is right-aligned.
fn grid_with(rows: &[Vec<String>], right: impl Fn(usize) -> bool) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().enumerate().map(|(c, s)| pad(s, widths[c], right(c))).collect();
        let _ = writeln!(out, "  {}", cells.join("  ").trim_end());
    }
    out
}

fn table_name(key: TableKey, lang: Lang) -> &'static str {
    match (key, lang) {
        (TableKey::Proactive, Lang::Zh) => "表二 主动公开政府信息情况",
        (TableKey::Requests, Lang::Zh) => "表三 收到和处理政府信息公开申请情况",
        (TableKey::Appeals, Lang::Zh) => "表四 政府信息公开行政复议、行政诉讼情况",
        (TableKey::Proactive, Lang::En) => "Table 2 proactive disclosure",
        (TableKey::Requests, Lang::En) => "Table 3 requests received and handled",
        (TableKey::Appeals, Lang::En) => "Table 4 administrative review and litigation",
    }
}

fn table_grid(table: &Table, lang: Lang) -> String {
    // Table 2's rows have different columns: the grid's columns are their union, in order.
    let mut columns: Vec<&'static ColumnSpec> = Vec::new();
    for spec in table.key.rows() {
        for c in spec.columns {
            if !columns.iter().any(|x| x.key == c.key) {
                columns.push(c);
            }
        }
    }
    let label = |zh: &'static str, en: &'static str| if lang == Lang::En { en } else { zh };
    let mut rows = vec![std::iter::once(String::new())
        .chain(columns.iter().map(|c| label(c.label, c.label_en).to_string()))
        .collect::<Vec<_>>()];
    for spec in table.key.rows() {
        let mut cells = vec![label(spec.label, spec.label_en).to_string()];
        let row = table.row(spec.key);
        for c in &columns {
            let cell = match row {
                None => "?".to_string(),
                Some(row) => match row.cell(c.key) {
                    None if spec.column(c.key).is_none() => String::new(),
                    None => "?".to_string(),
                    Some(cell) => {
                        let v = cell.value.map_or_else(|| "-".to_string(), |v| v.to_string());
                        if cell.inferred {
                            format!("{v}*")
                        } else {
                            v
                        }
                    }
                },
            };
            cells.push(cell);
        }
        rows.push(cells);
    }
    grid(&rows)
}

/// The readable account of one report.
pub fn human(report: &Report, lang: Lang) -> String {
    let en = lang == Lang::En;
    let index = LineIndex::new(report.source());
    // Where a span is: its line, or for DOCX its paragraph or table cell.
    let line_of = |span: Span| -> String {
        match report.locator(span) {
            Some(loc) => loc.to_string(),
            None => {
                let src = report.source_span(span);
                let line = index.line_col(report.source(), src.start as usize).0;
                if en {
                    format!("line {line}")
                } else {
                    format!("第{line}行")
                }
            }
        }
    };
    let unknown = if en { "unknown" } else { "未识别" };
    let mut out = String::new();
    let format = report.format.map_or("?", |f| f.as_str());
    let _ = writeln!(out, "{} ({format})", report.path);
    let m = &report.meta;
    let fields: [(&str, &str, Option<String>); 6] = [
        ("标题", "title", m.title.as_ref().map(|f| f.value.clone())),
        ("发布机构", "issuer", m.issuer.as_ref().map(|f| f.value.clone())),
        ("报告年度", "year", m.year.map(|f| f.value.to_string())),
        ("发布日期", "published", m.published.map(|f| f.value.to_string())),
        ("成文日期", "signed", m.signed.map(|f| f.value.to_string())),
        ("统计期限", "period", m.period.map(|f| format!("{} – {}", f.value.start, f.value.end))),
    ];
    let names: Vec<&str> = fields.iter().map(|(zh, e, _)| if en { *e } else { *zh }).collect();
    let width = names.iter().map(|n| n.width()).max().unwrap_or(0);
    for ((_, _, value), name) in fields.iter().zip(&names) {
        let _ = writeln!(out, "  {}  {}", pad(name, width, false), value.as_deref().unwrap_or(unknown));
    }

    let _ = writeln!(out, "\n{}", if en { "Sections" } else { "章节" });
    if report.sections.is_empty() {
        let _ = writeln!(out, "  {}", if en { "none recognised" } else { "未识别到章节" });
    } else {
        let rows: Vec<Vec<String>> = report
            .sections
            .iter()
            .map(|s| {
                vec![line_of(s.heading), format!("{}、{}", s.number, s.title), s.key.as_str().to_string()]
            })
            .collect();
        out.push_str(&grid_with(&rows, |c| c == 0));
    }

    for key in TableKey::ALL {
        let _ = writeln!(out, "\n{}", table_name(key, lang));
        match report.tables.get(key) {
            None => {
                let _ = writeln!(out, "  {}", if en { "not found" } else { "未找到" });
            }
            Some(t) => out.push_str(&table_grid(t, lang)),
        }
    }
    let inferred = TableKey::ALL
        .iter()
        .filter_map(|k| report.tables.get(*k))
        .any(|t| t.rows.iter().any(|r| r.inferred()));
    if inferred {
        let _ = writeln!(out, "  {}", if en { "* inferred" } else { "* 推断值" });
    }

    let _ = writeln!(out, "\n{}", if en { "Inferences" } else { "推断" });
    if report.inferences.is_empty() {
        let _ = writeln!(out, "  {}", if en { "none" } else { "无" });
    }
    let mut rows = Vec::new();
    for inf in &report.inferences {
        let status = match (inf.status, en) {
            (InferenceStatus::Unique, false) => "唯一解",
            (InferenceStatus::Ambiguous, false) => "多解",
            (InferenceStatus::Inconsistent, false) => "表内不一致",
            (InferenceStatus::Unique, true) => "unique",
            (InferenceStatus::Ambiguous, true) => "ambiguous",
            (InferenceStatus::Inconsistent, true) => "inconsistent",
        };
        let kind = match (inf.kind, en) {
            (InferenceKind::Glued, false) => "数字粘连",
            (InferenceKind::Sparse, false) => "空格缺失",
            (InferenceKind::Glued, true) => "glued",
            (InferenceKind::Sparse, true) => "sparse",
        };
        let at = line_of(inf.span);
        let table =
            table_name(inf.table, lang).split(' ').take(if en { 2 } else { 1 }).collect::<Vec<_>>().join(" ");
        let row = inf.table.row(inf.row).map_or(inf.row, |r| if en { r.label_en } else { r.label });
        let alternatives: Vec<String> = inf
            .alternatives
            .iter()
            .map(|alt| {
                alt.iter()
                    .map(|v| v.map_or_else(|| "-".into(), |v| v.to_string()))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let or = if alternatives.is_empty() {
            String::new()
        } else {
            format!("{} {}", if en { "or" } else { "或" }, alternatives.join(" | "))
        };
        let text = inf.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let status = if en { format!("{status} ({kind})") } else { format!("{status}（{kind}）") };
        rows.push(vec![at, format!("{table} {row}"), format!("“{text}”"), status, or]);
    }
    out.push_str(&grid_with(&rows, |c| c == 0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{Cell, Field, Format, Row, Value};

    #[test]
    fn grid_aligns_by_display_width() {
        let g = grid(&[
            vec!["".into(), "自然人".into(), "总计".into()],
            vec!["一、新收".into(), "12".into(), "3".into()],
            vec!["ab".into(), "1".into(), "100".into()],
        ]);
        assert_eq!(g, "            自然人  总计\n  一、新收      12     3\n  ab             1   100\n");
    }

    #[test]
    fn readable_summary() {
        let text = "2023年度某局政府信息公开工作年度报告\n一、总体情况\n…\n";
        let mut report = Report {
            path: "r.txt".into(),
            format: Some(Format::Text),
            text: text.into(),
            ..Report::default()
        };
        report.meta.year = Some(Field { value: 2023, span: Span::new(0, 4) });
        let start = text.find("一、").unwrap_or(0);
        report.sections.push(xxgk_model::Section {
            key: xxgk_model::SectionKey::Overview,
            number: "一".into(),
            title: "总体情况".into(),
            heading: Span::new(start, start + "一、总体情况".len()),
            body: Span::new(text.len(), text.len()),
        });
        let cells = |vals: &[Option<i64>]| -> Vec<Cell> {
            xxgk_model::T4_COLUMNS
                .iter()
                .zip(vals)
                .map(|(c, v)| Cell { column: c.key, value: v.map(Value::Int), span: None, inferred: false })
                .collect()
        };
        report.tables.appeals = Some(Table {
            key: TableKey::Appeals,
            span: Span::default(),
            rows: vec![Row {
                key: "review",
                label: Span::default(),
                cells: cells(&[Some(1), None, Some(0), Some(0), Some(1)]),
            }],
        });
        insta::assert_snapshot!(human(&report, Lang::Zh));
    }

    #[test]
    fn docx_sections_are_placed_by_paragraph() {
        let text = "一、总体情况\n";
        let mut report = Report {
            path: "r.docx".into(),
            format: Some(Format::Docx),
            text: text.into(),
            ..Report::default()
        };
        report.source = Some("<w:p>一、总体情况</w:p>".into());
        report.map = xxgk_model::OffsetMap {
            segments: vec![xxgk_model::Segment {
                text: Span::new(0, text.len()),
                source: Span::new(5, 5 + text.len()),
                locator: Some(xxgk_model::Locator::Paragraph { paragraph: 3 }),
            }],
        };
        report.sections.push(xxgk_model::Section {
            key: xxgk_model::SectionKey::Overview,
            number: "一".into(),
            title: "总体情况".into(),
            heading: Span::new(0, "一、总体情况".len()),
            body: Span::new(text.len(), text.len()),
        });
        let out = human(&report, Lang::Zh);
        assert!(out.contains("\n  第3段  一、总体情况  overview\n"), "{out}");
    }
}
