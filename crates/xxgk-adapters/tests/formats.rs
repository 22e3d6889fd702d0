//! Every seed rendered into HTML (real tables with rowspan/colspan), Markdown pipe tables,
//! GB18030 and UTF-16LE reads back to the same tables and metadata as its plain text; and
//! hand-written pages and documents shaped like real ones read cell by cell.
mod common;

use common::{c, esc, render, seed, t4_grid, val, Grid, SEEDS};
use xxgk_model::{extract_json, LineIndex, Report, SectionKey, Table, T4_COLUMNS};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn read(path: &str, bytes: &[u8]) -> Report {
    xxgk_adapters::read(path, bytes, &Default::default()).unwrap()
}

/// The parts of the extract JSON that must not depend on the format.
fn essentials(r: &Report) -> serde_json::Value {
    let j = extract_json(r);
    serde_json::json!({
        "tables": j["tables"],
        "year": j["meta"]["year"],
        "published": j["meta"]["published"],
        "period": j["meta"]["period"],
    })
}

fn html_table(g: &Grid) -> String {
    let mut s = String::from("<table border=\"1\" cellspacing=\"0\"><tbody>\n");
    for row in g {
        s.push_str("<tr>");
        for (text, rs, cs) in row {
            s.push_str("<td");
            if *rs > 1 {
                s.push_str(&format!(" rowspan=\"{rs}\""));
            }
            if *cs > 1 {
                s.push_str(&format!(" colspan=\"{cs}\""));
            }
            s.push_str(" width=\"60\"><p><span style=\"font-size:14px\">");
            s.push_str(&text.as_deref().map_or("&nbsp;".to_string(), esc));
            s.push_str("</span></p></td>");
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
    s
}

fn md_table(g: &Grid) -> String {
    let mut s = String::new();
    for (i, row) in g.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|(t, _, _)| t.clone().unwrap_or_default()).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            s.push_str(&format!("|{}\n", "---|".repeat(row.len())));
        }
    }
    s
}

fn to_html(text: &str, r: &Report) -> String {
    let body = render(
        text,
        r,
        |l| format!("<p style=\"text-indent:2em\"><span>{}</span></p>\n", esc(l)),
        html_table,
    );
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>报告</title>\
         <style>td{{border:1px}}</style><script>var n = '0 | 1';</script></head>\n<body>\
         <nav><a href=\"/\">首页</a> &gt; <a>政府信息公开年报</a></nav>\n<div class=\"content\">\n{body}</div>\
         <footer>主办单位 版权所有</footer></body></html>\n"
    )
}

fn to_markdown(text: &str, r: &Report) -> String {
    render(text, r, |l| format!("{l}\n\n"), |g| format!("\n{}\n", md_table(g)))
}

#[test]
fn seeds_as_html_read_like_the_text() {
    for name in SEEDS {
        let (text, r) = seed(name);
        let page = to_html(&text, &r);
        let h = read("seed.html", page.as_bytes());
        assert_eq!(h.format, Some(xxgk_model::Format::Html));
        assert_eq!(essentials(&h), essentials(&r), "{name}\n{}", h.text);
        // Sniffed from the content under a .txt name.
        let sniffed = read("seed.txt", page.as_bytes());
        assert_eq!(sniffed.format, Some(xxgk_model::Format::Html), "{name}");
    }
}

#[test]
fn seeds_in_gb18030_and_utf16_read_like_utf8() {
    for name in SEEDS {
        let (text, r) = seed(name);
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        assert_eq!(essentials(&read(name, &gb)), essentials(&r), "{name} gb18030");
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(essentials(&read(name, &le)), essentials(&r), "{name} utf-16le");
        let page = to_html(&text, &r).replace("utf-8", "gb18030");
        let (gb, _, _) = encoding_rs::GB18030.encode(&page);
        assert_eq!(essentials(&read("seed.html", &gb)), essentials(&r), "{name} html gb18030");
    }
}

/// A cell of the extract JSON.
fn cell(r: &Report, table: &str, row: &str, col: &str) -> serde_json::Value {
    extract_json(r)["tables"][table][row][col].clone()
}

#[test]
fn gb2312_page_with_rowspan_and_colspan() {
    let bytes = fixture("gb2312_page.html");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is saved as GB2312");
    let r = read("report.html", &bytes);
    assert_eq!(r.format, Some(xxgk_model::Format::Html));
    assert!(!r.text.contains("网站首页"), "navigation is left out");
    assert!(!r.text.contains("var "), "scripts are left out");
    assert_eq!(cell(&r, "requests", "new", "natural_person"), 5);
    assert_eq!(cell(&r, "requests", "new", "total"), 6);
    assert_eq!(cell(&r, "requests", "new", "commercial"), 1);
    assert_eq!(cell(&r, "requests", "granted", "total"), 4);
    assert_eq!(cell(&r, "requests", "unable_not_held", "natural_person"), 1);
    assert_eq!(cell(&r, "requests", "outcome_total", "total"), 6);
    assert_eq!(cell(&r, "proactive", "regulations", "in_force"), 3);
    assert_eq!(cell(&r, "proactive", "normative_documents", "issued"), 2);
    assert_eq!(cell(&r, "appeals", "review", "upheld"), 1);
    assert_eq!(cell(&r, "appeals", "review", "total"), 1);
    let meta = extract_json(&r)["meta"].clone();
    assert_eq!(meta["year"], 2023);
    assert_eq!(meta["published"], "2024-01-20");
    // Section 六's heading, located in the page as saved.
    let other = r.section(SectionKey::Other).unwrap();
    assert_eq!(r.slice(other.heading), "六、其他需要报告的事项");
    let src = r.source_span(other.heading);
    let ix = LineIndex::new(r.source());
    let want = r.source().find("六、其他需要报告的事项").unwrap();
    assert_eq!(src.start as usize, want);
    assert_eq!(ix.line_col(r.source(), src.start as usize), (72, 1));
    assert_eq!(&r.source()[src.range()], "六、其他需要报告的事项");
    // A cell's span maps to its digits in the page.
    let t3 = r.tables.requests.as_ref().unwrap();
    let c = t3.cell("new", "natural_person").unwrap();
    let s = r.source_span(c.span.unwrap());
    assert_eq!(&r.source()[s.range()], "5");
    assert_eq!(ix.line_col(r.source(), s.start as usize).0, 36);
}

#[test]
fn seeds_as_markdown_read_like_the_text() {
    for name in SEEDS {
        let (text, r) = seed(name);
        let md = to_markdown(&text, &r);
        let m = read("seed.md", md.as_bytes());
        assert_eq!(m.format, Some(xxgk_model::Format::Markdown));
        assert_eq!(essentials(&m), essentials(&r), "{name}\n{}", m.text);
    }
}

#[test]
fn hard_wrapped_markdown_with_page_footers() {
    let r = read("report.md", &fixture("wrapped.md"));
    assert_eq!(r.format, Some(xxgk_model::Format::Markdown));
    assert!(!r.text.contains("— 2 —") && !r.text.contains("第 3 页"), "{}", r.text);
    assert!(
        r.text.contains("本年度共收到政府信息公开申请6件，全部按时答复，未发生行政复议和行政诉讼案件。"),
        "{}",
        r.text
    );
    assert_eq!(cell(&r, "requests", "new", "natural_person"), 5);
    assert_eq!(cell(&r, "requests", "new", "total"), 6);
    assert_eq!(cell(&r, "requests", "granted", "total"), 6);
    assert_eq!(cell(&r, "requests", "outcome_total", "total"), 6);
    assert_eq!(cell(&r, "proactive", "regulations", "in_force"), 3);
    assert_eq!(cell(&r, "appeals", "review", "total"), 0);
    let other = r.section(SectionKey::Other).unwrap();
    assert_eq!(r.slice(other.heading), "六、其他需要报告的事项");
    let src = r.source_span(other.heading);
    assert_eq!(&r.source()[src.range()], "六、其他需要报告的事项");
    let ix = LineIndex::new(r.source());
    let want = r.source().lines().position(|l| l.contains("六、其他需要报告的事项")).unwrap() + 1;
    assert_eq!(ix.line_col(r.source(), src.start as usize), (want, 6), "after `## **`");
}

fn docx(entries: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn numbered(text: &str) -> String {
    format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn tc(text: &str, extra: &str) -> String {
    format!("<w:tc><w:tcPr>{extra}</w:tcPr>{}</w:tc>", p(text))
}

#[test]
fn docx_paragraphs_tables_and_locators() {
    let t2 = [
        vec![tc("信息内容", ""), tc("本年制发件数", ""), tc("本年废止件数", ""), tc("现行有效件数", "")],
        vec![tc("规章", ""), tc("1", ""), tc("0", ""), tc("3", "")],
        vec![tc("行政规范性文件", ""), tc("2", ""), tc("1", ""), tc("5", "")],
        vec![tc("行政许可", "<w:vMerge w:val=\"restart\"/>"), tc("12", "<w:gridSpan w:val=\"3\"/>")],
        vec![tc("行政许可", "<w:vMerge/>"), tc("", "<w:gridSpan w:val=\"3\"/>")],
    ];
    let table: String = t2.iter().map(|r| format!("<w:tr>{}</w:tr>", r.concat())).collect();
    let body = format!(
        "{}{}{}{}<w:tbl>{table}</w:tbl>{}{}",
        p("某县民政局2023年政府信息公开工作年度报告"),
        numbered("总体情况"),
        p("<w:r><w:txbxContent>文本框</w:txbxContent></w:r>本年度工作有序开展。"),
        numbered("主动公开政府信息情况"),
        numbered("其他需要报告的事项"),
        p("本年度未收取信息处理费&amp;无其他事项。"),
    );
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
    );
    let bytes = docx(&[("[Content_Types].xml", "<Types/>"), ("word/document.xml", &xml)]);
    // Sniffed from the content under another name.
    let r = read("report.bin", &bytes);
    assert_eq!(r.format, Some(xxgk_model::Format::Docx));
    assert!(r.text.contains("一、总体情况\n"), "{}", r.text);
    assert!(r.text.contains("二、主动公开政府信息情况\n"), "{}", r.text);
    assert!(
        r.text.contains("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 1 | 0 | 3\n"),
        "{}",
        r.text
    );
    assert!(r.text.contains("行政许可 | 12\n | \n"), "{}", r.text);
    assert!(r.text.contains("无其他事项"), "{}", r.text);
    assert!(!r.text.contains("文本框"), "{}", r.text);
    assert_eq!(cell(&r, "proactive", "regulations", "in_force"), 3);
    assert_eq!(cell(&r, "proactive", "normative_documents", "issued"), 2);
    assert_eq!(cell(&r, "proactive", "licensing", "decisions"), 12);
    let c = r.tables.proactive.as_ref().unwrap().cell("regulations", "in_force").unwrap();
    assert_eq!(
        r.locator(c.span.unwrap()),
        Some(xxgk_model::Locator::TableCell { table: 1, row: 2, column: 4 })
    );
    let lic = r.tables.proactive.as_ref().unwrap().cell("licensing", "decisions").unwrap();
    assert_eq!(
        r.locator(lic.span.unwrap()),
        Some(xxgk_model::Locator::TableCell { table: 1, row: 4, column: 2 })
    );
    let two = r.section(SectionKey::Proactive).unwrap();
    assert_eq!(r.slice(two.heading), "二、主动公开政府信息情况");
    assert_eq!(r.locator(two.heading), Some(xxgk_model::Locator::Paragraph { paragraph: 4 }));
    let json = extract_json(&r);
    let s = json["sections"].as_array().unwrap().iter().find(|s| s["key"] == "proactive").unwrap().clone();
    assert_eq!(s["line"], serde_json::Value::Null);
    assert_eq!(s["location"], serde_json::json!({"paragraph": 4}));
}

#[test]
fn malformed_docx_is_a_clear_read_error() {
    let err =
        |bytes: &[u8]| xxgk_adapters::read("x.docx", bytes, &Default::default()).unwrap_err().to_string();
    let good = docx(&[(
        "word/document.xml",
        &format!("<w:document><w:body>{}</w:body></w:document>", p("一、总体情况")),
    )]);
    assert!(err(&good[..good.len() / 2]).contains("不是 DOCX 文件"), "{}", err(&good[..good.len() / 2]));
    let other = docx(&[("word/styles.xml", "<w:styles/>")]);
    assert_eq!(err(&other), "不是 DOCX 文件：没有 word/document.xml / not a DOCX file: no word/document.xml");
    let huge = "a".repeat(xxgk_adapters::docx::MAX_DOCUMENT_XML as usize + 1);
    let bomb = docx(&[("word/document.xml", &huge)]);
    assert!(bomb.len() < 1024 * 1024);
    assert!(err(&bomb).contains("超过上限 67108864"), "{}", err(&bomb));
    assert!(err(b"PK\x03\x04word/document.xml").contains("不是 DOCX 文件"));
}

fn xml_esc(s: &str) -> String {
    esc(s).replace('"', "&quot;")
}

/// A rendered grid as a Word table: `w:gridSpan` for a colspan; `w:vMerge w:val="restart"` on
/// the first cell of a rowspan and a `w:vMerge` continuation cell in each row below, as Word
/// saves them.
fn docx_table(g: &Grid) -> String {
    // Columns still covered by a cell from above: (rows left, colspan).
    let mut covered: Vec<(u32, u32)> = Vec::new();
    let mut out = String::from("<w:tbl>");
    for row in g {
        out.push_str("<w:tr>");
        let mut cells = row.iter();
        let mut col = 0usize;
        loop {
            if col < covered.len() && covered[col].0 > 0 {
                let span = covered[col].1;
                covered[col].0 -= 1;
                out.push_str(&format!(
                    "<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/><w:vMerge/></w:tcPr><w:p/></w:tc>"
                ));
                col += span as usize;
                continue;
            }
            let Some((text, rs, cs)) = cells.next() else { break };
            let mut pr = format!("<w:gridSpan w:val=\"{cs}\"/>");
            if *rs > 1 {
                pr.push_str("<w:vMerge w:val=\"restart\"/>");
            }
            let body = text.as_deref().map_or("<w:p/>".to_string(), |t| p(&xml_esc(t)));
            out.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>{body}</w:tc>"));
            if covered.len() < col + 1 {
                covered.resize(col + 1, (0, 1));
            }
            covered[col] = (rs - 1, *cs);
            col += *cs as usize;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

fn to_docx(text: &str, r: &Report) -> Vec<u8> {
    let body = render(text, r, |l| p(&xml_esc(l)), docx_table);
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}\
         <w:sectPr/></w:body></w:document>"
    );
    docx(&[("[Content_Types].xml", "<Types/>"), ("word/document.xml", &xml)])
}

#[test]
fn seeds_as_docx_read_like_the_text() {
    for name in SEEDS {
        let (text, r) = seed(name);
        let bytes = to_docx(&text, &r);
        let d = read("seed.docx", &bytes);
        assert_eq!(d.format, Some(xxgk_model::Format::Docx));
        assert_eq!(essentials(&d), essentials(&r), "{name}\n{}", d.text);
        // Every cell read from a table names its Word table cell.
        let mut located = 0;
        for t in [&d.tables.proactive, &d.tables.requests, &d.tables.appeals].into_iter().flatten() {
            for c in t.rows.iter().flat_map(|row| &row.cells).filter_map(|c| c.span) {
                located += 1;
                assert!(
                    matches!(d.locator(c), Some(xxgk_model::Locator::TableCell { .. })),
                    "{name}: {:?} at {:?}",
                    d.slice(c),
                    d.locator(c)
                );
            }
        }
        // Tables 2 (6 rows), 3 (25 × 7) and 4 (15) have 6·3 … cells: most of them are read.
        assert!(located > 150, "{name}: {located} cells");
    }
}

/// Table 4 with the groups as rows (transposed): a header of the five outcomes, then 行政复议,
/// and 行政诉讼 spanning its two kinds of suit.
fn t4_transposed(t: &Table) -> Grid {
    let mut head = vec![(Some("项目".to_string()), 1, 2)];
    head.extend(T4_COLUMNS.iter().map(|col| c(col.label)));
    let values =
        |group: &str| T4_COLUMNS.iter().map(|col| (val(t, group, col.key), 1, 1)).collect::<Vec<_>>();
    let mut review = vec![(Some("行政复议".to_string()), 1, 2)];
    review.extend(values("review"));
    let mut direct = vec![(Some("行政诉讼".to_string()), 2, 1), c("未经复议直接起诉")];
    direct.extend(values("litigation_direct"));
    let mut after = vec![c("复议后起诉")];
    after.extend(values("litigation_after_review"));
    vec![head, review, direct, after]
}

#[test]
fn table_4_with_groups_as_rows_in_html_markdown_and_docx() {
    for name in SEEDS {
        let (text, r) = seed(name);
        let Some(t4) = r.tables.appeals.as_ref() else { continue };
        let grid = t4_transposed(t4);
        // Each format renders the transposed grid where table 4 stands.
        let html = to_html(&text, &r).replace(&html_table(&t4_grid(t4)), &html_table(&grid));
        assert!(html.contains("未经复议直接起诉</span></p></td><td width=\"60\">"), "{name}");
        let md = to_markdown(&text, &r).replace(&md_table(&t4_grid(t4)), &md_table(&grid));
        assert!(md.contains("| 复议后起诉 |"), "{name}");
        let h = read("seed.html", html.as_bytes());
        let m = read("seed.md", md.as_bytes());
        let body = render(&text, &r, |l| p(&xml_esc(l)), docx_table)
            .replace(&docx_table(&t4_grid(t4)), &docx_table(&grid));
        let xml = format!("<w:document><w:body>{body}</w:body></w:document>");
        let d = read("seed.docx", &docx(&[("word/document.xml", &xml)]));
        for (format, got) in [("html", &h), ("markdown", &m), ("docx", &d)] {
            assert_eq!(
                extract_json(got)["tables"]["appeals"],
                extract_json(&r)["tables"]["appeals"],
                "{name} {format}\n{}",
                got.text
            );
            assert_eq!(essentials(got), essentials(&r), "{name} {format}");
        }
    }
}
