//! PDF reports: LibreOffice renderings of the seeds (committed under `fixtures/pdf/`, made by
//! `tests/make-pdf-fixtures`) read into the same tables as the seeds' text; page furniture,
//! page-broken tables, page and line locators, scans, passwords and hostile files.
mod common;

use common::{esc, render, seed, Grid, SEEDS};
use xxgk_model::{extract_json, Report};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// An HTML table of a grid; the first `head` rows go in `<thead>` (LibreOffice repeats them on
/// every page the table runs onto).
fn html_table(g: &Grid, head: usize) -> String {
    let mut s = String::from("<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\" width=\"100%\">\n");
    for (i, row) in g.iter().enumerate() {
        if i == 0 && head > 0 {
            s.push_str("<thead>\n");
        }
        if i == head {
            if head > 0 {
                s.push_str("</thead>\n");
            }
            s.push_str("<tbody>\n");
        }
        s.push_str("<tr>");
        for (text, rs, cs) in row {
            s.push_str("<td");
            if *rs > 1 {
                s.push_str(&format!(" rowspan=\"{rs}\""));
            }
            if *cs > 1 {
                s.push_str(&format!(" colspan=\"{cs}\""));
            }
            s.push('>');
            s.push_str(&text.as_deref().map_or(String::new(), esc));
            s.push_str("</td>");
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
    s
}

/// How a page of a rendered seed is footed.
#[derive(Clone, Copy)]
enum Footer {
    /// "— 3 —"
    Dashes,
    /// "第 3 页 共 9 页"
    OfPages,
}

/// A seed as an HTML page for LibreOffice: paragraphs, real tables, a footer with the page
/// number. `cell_pt` is the table font size (a large one makes table 3 run over pages);
/// `repeat` puts table 3's header rows in `<thead>` so they repeat on the next page.
fn to_page(text: &str, r: &Report, footer: Footer, cell_pt: u32, repeat: bool) -> String {
    let body = render(
        text,
        r,
        |l| format!("<p>{}</p>\n", esc(l)),
        |g| {
            let t3 = g
                .first()
                .and_then(|row| row.first())
                .and_then(|c| c.0.as_deref())
                .is_some_and(|t| t.contains("勾稽"));
            html_table(g, if t3 && repeat { 3 } else { 0 })
        },
    );
    let page = "<sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield>";
    let pages = "<sdfield type=DOCSTAT subtype=PAGE format=PAGE>1</sdfield>";
    let foot = match footer {
        Footer::Dashes => format!("— {page} —"),
        Footer::OfPages => format!("第 {page} 页 共 {pages} 页"),
    };
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>报告</title>\
         <style>body, p, td {{ font-family: 'Noto Serif CJK SC'; }} p {{ font-size: 12pt; }} \
         td {{ font-size: {cell_pt}pt; }}</style></head>\n<body>\n\
         <div title=\"footer\"><p align=\"center\">{foot}</p></div>\n{body}</body></html>\n"
    )
}

/// The pages `tests/make-pdf-fixtures` converts to PDF, written into `$XXGK_PDF_PAGES`.
#[test]
#[ignore = "run by tests/make-pdf-fixtures"]
fn write_fixture_pages() {
    let dir = std::path::PathBuf::from(std::env::var("XXGK_PDF_PAGES").expect("XXGK_PDF_PAGES"));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, name) in SEEDS.iter().enumerate() {
        let (text, r) = seed(name);
        let footer = if i % 2 == 0 { Footer::Dashes } else { Footer::OfPages };
        std::fs::write(dir.join(format!("{name}.html")), to_page(&text, &r, footer, 9, i % 2 == 0)).unwrap();
    }
    // Table 3 in 14 pt runs over a page break: once with its header repeated, once without.
    let (text, r) = seed(SEEDS[1]);
    std::fs::write(dir.join("t3_split_header.html"), to_page(&text, &r, Footer::Dashes, 14, true)).unwrap();
    std::fs::write(dir.join("t3_split.html"), to_page(&text, &r, Footer::OfPages, 14, false)).unwrap();
}

fn read_pdf(name: &str) -> Report {
    xxgk_adapters::read(&format!("{name}.pdf"), &fixture(&format!("{name}.pdf")), &Default::default())
        .unwrap()
}

#[test]
fn seeds_as_pdf_extract_the_tables_of_the_text() {
    for name in SEEDS {
        let (_, text) = seed(name);
        let pdf = read_pdf(name);
        assert_eq!(pdf.format, Some(xxgk_model::Format::Pdf));
        assert_eq!(extract_json(&pdf)["tables"], extract_json(&text)["tables"], "{name}\n{}", pdf.text);
    }
}

#[test]
fn table_3_over_a_page_break_with_and_without_a_repeated_header() {
    let (_, text) = seed(SEEDS[1]);
    for name in ["t3_split_header", "t3_split"] {
        let pdf = read_pdf(name);
        assert_eq!(extract_json(&pdf)["tables"], extract_json(&text)["tables"], "{name}\n{}", pdf.text);
    }
    // In 14 pt table 3 runs over three pages: its header repeats on each in the first.
    let count = |name: &str| read_pdf(name).text.matches("法律服务机构 | 其他").count();
    assert_eq!((count("t3_split_header"), count("t3_split")), (3, 1));
}

fn read_err(name: &str) -> String {
    match xxgk_adapters::read(name, &fixture(name), &Default::default()) {
        Ok(r) => panic!("{name} read: {}", r.text),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_scan_has_no_text_layer() {
    assert_eq!(
        read_err("scan.pdf"),
        "PDF 无文本层，请先进行 OCR / the PDF has no text layer (a scan): run OCR first"
    );
}

#[test]
fn an_owner_password_is_ignored_and_a_user_password_reported() {
    let (_, text) = seed(SEEDS[4]);
    let pdf = read_pdf("owner_password");
    assert_eq!(extract_json(&pdf)["tables"], extract_json(&text)["tables"]);
    assert_eq!(
        read_err("user_password.pdf"),
        "PDF 需要打开密码（用户密码），无法读取 / the PDF is protected by a user password and cannot be read"
    );
}

/// A PDF of the given objects (numbered from 1; object 1 is the catalog), with a correct
/// cross-reference table. `tail` is appended after `%%EOF` (an incremental update).
fn build(objects: &[Vec<u8>], tail: &[u8]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes(),
    );
    pdf.extend(tail);
    pdf
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend(data);
    s.extend(b"\nendstream");
    s
}

/// One page per content stream, all with font /F1 = object `font`.
fn pages_pdf(contents: &[&[u8]], font: &str, extra: &[Vec<u8>]) -> Vec<u8> {
    let n = contents.len();
    // 1 catalog, 2 pages, 3 font, then page i at 4 + 2i and its content at 5 + 2i, then extra.
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        font.as_bytes().to_vec(),
    ];
    for (i, c) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(stream("", c));
    }
    objects.extend(extra.iter().cloned());
    build(&objects, b"")
}

fn err_of(bytes: &[u8]) -> String {
    match xxgk_adapters::read("x.pdf", bytes, &Default::default()) {
        Ok(r) => panic!("read: {}", r.text),
        Err(e) => e.to_string(),
    }
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

#[test]
fn predefined_cjk_cmaps_without_to_unicode() {
    let cid = |enc: &str| {
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{enc} /DescendantFonts [<< /Type /Font \
             /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) \
             /Supplement 4 >> /DW 1000 >>] >>"
        )
    };
    // 六、其他需要报告的事项 in UCS-2 and in GBK.
    let title = "六、其他需要报告的事项";
    let ucs2: String = title.encode_utf16().map(|u| format!("{u:04X}")).collect();
    let content = format!("BT /F1 12 Tf 72 700 Td <{ucs2}> Tj ET");
    let r = xxgk_adapters::read(
        "x.pdf",
        &pages_pdf(&[content.as_bytes()], &cid("UniGB-UCS2-H"), &[]),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(r.text, format!("{title}\n"));
    let (gbk, _, _) = encoding_rs::GBK.encode(title);
    let hex: String = gbk.iter().map(|b| format!("{b:02X}")).collect();
    let content = format!("BT /F1 12 Tf 72 700 Td <{hex}3132> Tj ET");
    let r = xxgk_adapters::read(
        "x.pdf",
        &pages_pdf(&[content.as_bytes()], &cid("GBK-EUC-H"), &[]),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(r.text, format!("{title}12\n"));
    // Identity-H and no ToUnicode: glyph ids that nothing maps to text.
    let content = b"BT /F1 12 Tf 72 700 Td <0012003400560078> Tj ET";
    assert_eq!(
        err_of(&pages_pdf(&[content], &cid("Identity-H"), &[])),
        "PDF 文字无法转换为文本：4 个字形没有 Unicode 映射（缺少 ToUnicode），请先进行 OCR / 4 glyphs cannot be mapped to text (no ToUnicode map): run OCR first"
    );
}

#[test]
fn lines_are_located_by_page_and_line() {
    let page1 = b"BT /F1 12 Tf 72 800 Td (Report) Tj ET BT /F1 12 Tf 72 700 Td (first page) Tj ET";
    let page2 = b"BT /F1 12 Tf 72 800 Td (one) Tj 0 -20 Td (two) Tj 0 -20 Td (three) Tj ET BT /F1 10 Tf 280 30 Td (- 2 -) Tj ET";
    let r = xxgk_adapters::read("x.pdf", &pages_pdf(&[page1, page2], HELVETICA, &[]), &Default::default())
        .unwrap();
    assert_eq!(r.text, "Report\nfirst page\none\ntwo\nthree\n");
    let at = |s: &str| {
        let i = r.text.find(s).unwrap();
        r.locator(xxgk_model::Span::new(i, i + s.len()))
    };
    use xxgk_model::Locator::Page;
    assert_eq!(at("first page"), Some(Page { page: 1, line: 2 }));
    assert_eq!(at("three"), Some(Page { page: 2, line: 3 }));
    let json = extract_json(&r);
    assert_eq!(json["format"], "pdf");
}

#[test]
fn hostile_files_end_with_a_read_error() {
    // Not a PDF, and a PDF cut short (the cross-reference table and the page tree are lost).
    assert_eq!(
        err_of(b"%PDF-1.7\n"),
        "PDF 文件损坏，无法读取（failed parsing cross reference table） / corrupt PDF file (failed parsing cross reference table)"
    );
    let whole = fixture("004_3b9c401a47ff0dba.pdf");
    let cut = &whole[..whole.len() / 3];
    assert_eq!(
        err_of(cut),
        "PDF 文件损坏，无法读取（failed parsing cross reference table） / corrupt PDF file (failed parsing cross reference table)"
    );

    // Cross-reference sections whose /Prev points back at themselves.
    let mut looped = pages_pdf(&[b"BT /F1 12 Tf 72 700 Td (loop) Tj ET"], HELVETICA, &[]);
    let at = looped.len();
    looped.extend(format!("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 6 /Root 1 0 R /Prev {at} >>\nstartxref\n{at}\n%%EOF\n").bytes());
    let start = std::time::Instant::now();
    let r = xxgk_adapters::read("x.pdf", &looped, &Default::default());
    assert!(start.elapsed().as_secs() < 5);
    assert_eq!(r.map(|r| r.text).map_err(|e| e.to_string()), Ok("loop\n".to_string()));

    // Arrays nested 100 000 deep, in an object and in a content stream.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let in_object = pages_pdf(
        &[b"BT /F1 12 Tf 72 700 Td (deep) Tj ET"],
        &format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /X {deep} >>"),
        &[],
    );
    // The font object does not parse, so its text cannot be read.
    assert_eq!(
        err_of(&in_object),
        "PDF 文字无法转换为文本：4 个字形没有 Unicode 映射（缺少 ToUnicode），请先进行 OCR / 4 glyphs cannot be mapped to text (no ToUnicode map): run OCR first"
    );
    let content = format!("BT /F1 12 Tf 72 700 Td {deep} TJ ET");
    assert_eq!(
        err_of(&pages_pdf(&[content.as_bytes()], HELVETICA, &[])),
        "PDF 无文本层，请先进行 OCR / the PDF has no text layer (a scan): run OCR first"
    );
}

#[test]
fn a_stream_that_inflates_beyond_the_limit_is_refused() {
    // 10 KiB that inflate through two filters to 1 GiB (made by tests/make-pdf-fixtures).
    let bomb = fixture("bomb.pdf");
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    let start = std::time::Instant::now();
    let e = err_of(&bomb);
    assert!(start.elapsed().as_secs() < 10);
    assert_eq!(
        e,
        "第1页的内容无法解压，或解压后超过上限 67108864 字节 / page 1: content does not inflate within 67108864 bytes"
    );
}

/// Not a timing assertion: prints how long a 9-page report takes (`--nocapture` to see it).
#[test]
#[allow(clippy::print_stderr)]
fn reading_speed() {
    let bytes = fixture("003_52851d4dc858525c.pdf");
    let start = std::time::Instant::now();
    let runs = 5;
    for _ in 0..runs {
        xxgk_adapters::read("r.pdf", &bytes, &Default::default()).unwrap();
    }
    let per = start.elapsed() / runs;
    eprintln!("9-page PDF report ({} bytes): {per:?} per read", bytes.len());
}

#[test]
fn a_space_drawn_between_words_is_kept_however_narrow() {
    // Helvetica's own widths: the space is 278/1000 em, narrower than the gap taken as a space.
    let widths: Vec<String> = (32..=122).map(|c| if c == 32 { "278" } else { "556" }.to_string()).collect();
    let font = format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 122 /Widths [{}] >>",
        widths.join(" ")
    );
    let page =
        b"BT /F1 12 Tf 72 800 Td (Report 2023 12) Tj ET BT /F1 12 Tf 72 700 Td (a) Tj 4 0 Td (b) Tj ET";
    let r = xxgk_adapters::read("x.pdf", &pages_pdf(&[page], &font, &[]), &Default::default()).unwrap();
    // Glyphs merely set apart without a space between them stay together.
    assert_eq!(r.text, "Report 2023 12\nab\n");
}
