//! Properties of the adapters on hostile input (#8): no panic on any bytes in any format, and
//! every span of what they read lies inside the text (and the source) on char boundaries,
//! for text built from the pieces reports are made of (CJK, digits, pipes, headings, markup).
use proptest::prelude::*;
use xxgk_adapters::{read, validate, ReadOptions};
use xxgk_model::Format;

const FORMATS: [Option<Format>; 6] = [
    None,
    Some(Format::Text),
    Some(Format::Html),
    Some(Format::Markdown),
    Some(Format::Docx),
    Some(Format::Pdf),
];

fn options(format: Option<Format>) -> ReadOptions {
    ReadOptions { format, encoding: None }
}

/// Pieces of reports and of the pages and documents they come in.
const PIECES: &[&str] = &[
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "（一）予以公开",
    "（三）不予公开",
    "1.属于国家秘密",
    "总计",
    "自然人",
    "本年新收政府信息公开申请数量",
    "结转下年度继续办理",
    "规章",
    "行政规范性文件",
    "行政许可",
    "复议后起诉",
    "维持",
    "纠正",
    "2023年",
    "2024年1月20日",
    "信息处理费",
    " | ",
    "|",
    "||",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\u{3000}",
    "\u{a0}",
    "0",
    "7",
    "12",
    "1023",
    "100200",
    "/",
    "—",
    "— 3 —",
    "第 3 页",
    "# ",
    "## **",
    "**",
    "|---|:--:|",
    "<p>",
    "</p>",
    "<table>",
    "<tr>",
    "<td rowspan=\"3\">",
    "<td colspan=\"2\">",
    "</td>",
    "</tr>",
    "</table>",
    "<br>",
    "&nbsp;",
    "&amp;",
    "&#20013;",
    "<script>var a='1 | 2';</script>",
    "<!DOCTYPE html><html><body>",
    "é",
    "😀",
    "\u{fe0f}",
    "\u{200b}",
    "xxgk: ignore[XG405]",
];

fn report_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_in_any_format_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), f in 0..FORMATS.len()) {
        if let Ok(report) = read("x", &bytes, &options(FORMATS[f])) {
            prop_assert_eq!(validate(&report), Ok(()));
        }
    }

    #[test]
    fn report_like_text_keeps_spans_in_place(text in report_text(), f in 0..4usize) {
        if let Ok(report) = read("x", text.as_bytes(), &options(FORMATS[f])) {
            prop_assert_eq!(validate(&report), Ok(()));
            // Deterministic: the same bytes read twice give the same report.
            let again = read("x", text.as_bytes(), &options(FORMATS[f])).unwrap();
            prop_assert_eq!(xxgk_model::extract_json(&again), xxgk_model::extract_json(&report));
        }
    }

    #[test]
    fn report_like_text_in_other_encodings(text in report_text()) {
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        for bytes in [gb.into_owned(), le] {
            if let Ok(report) = read("x.txt", &bytes, &options(None)) {
                prop_assert_eq!(validate(&report), Ok(()));
            }
        }
    }

    #[test]
    fn document_xml_from_word_pieces(pieces in prop::collection::vec(0..DOCX_PIECES.len(), 0..200)) {
        let body: String = pieces.iter().map(|&i| DOCX_PIECES[i]).collect();
        let xml = format!("<w:document><w:body>{body}</w:body></w:document>");
        if let Ok(report) = xxgk_adapters::docx::read_xml("x.docx", xml.as_bytes()) {
            prop_assert_eq!(validate(&report), Ok(()));
        }
    }
}

/// Pieces of `word/document.xml`, well-formed or not.
const DOCX_PIECES: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:p/>",
    "<w:r><w:t>一、总体情况</w:t></w:r>",
    "<w:r><w:t>总计</w:t></w:r>",
    "<w:r><w:t>（一）予以公开</w:t></w:r>",
    "<w:r><w:t>12</w:t></w:r>",
    "<w:r><w:t xml:space=\"preserve\"> 3 </w:t></w:r>",
    "<w:r><w:t>&amp;&#20013;&bogus;</w:t></w:r>",
    "<w:tab/>",
    "<w:br/>",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>",
    "<w:tcPr><w:gridSpan w:val=\"-7\"/></w:tcPr>",
    "<w:tcPr><w:gridSpan w:val=\"99999999999\"/></w:tcPr>",
    "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>",
    "<w:tcPr><w:vMerge/></w:tcPr>",
    "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>",
    "<w:txbxContent>",
    "</w:txbxContent>",
    "<w:r><w:t>",
    "</w:t></w:r>",
];

#[test]
fn regressions_found_by_fuzzing_and_properties() {
    // Each input once made an adapter panic or put a span off a char boundary; see fuzz/.
    let cases: &[(&[u8], Option<Format>)] = &[
        // Table 4's header span ran from a 行政复议 after its 总计 back to the 总计 (inside out).
        ("总计/四、政府信息公开行政复议、行政诉讼情况".as_bytes(), None),
    ];
    for (bytes, format) in cases {
        if let Ok(report) = read("x", bytes, &options(*format)) {
            assert_eq!(validate(&report), Ok(()));
        }
    }
}
