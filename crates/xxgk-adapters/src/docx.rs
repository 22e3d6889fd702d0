//! The DOCX adapter: `word/document.xml` to plain text, each piece located by paragraph or
//! table cell.
//!
//! - Each body paragraph (`w:p`, the text of its `w:t` runs) is a line; each table row
//!   (`w:tr`) is a line with its cells (`w:tc`) separated by ` | `. A cell continuing a
//!   vertical merge (`w:vMerge` without `restart`) is empty; `w:gridSpan` moves the column on.
//!   Tables inside a cell and text boxes (`w:txbxContent`) are read into the cell or left out.
//! - A short paragraph numbered by Word at the top level (`w:numPr` with `w:ilvl` 0) whose text
//!   has no numeral of its own gets the one Word shows (一、二、… counted per numbering), so the
//!   recogniser sees 一、总体情况 as in the printed report.
//! - DOCX has no lines: `report.source` is `None` (the text stands for the source) and every
//!   piece of text carries a [`Locator`]: `Paragraph` (1-based body paragraph) or `TableCell`
//!   (table, row, grid column, 1-based). The JSON output then gives `line: null` and `location`.
//! - `word/document.xml` may inflate to at most [`MAX_DOCUMENT_XML`] bytes (a zip bomb is a
//!   [`ReadError`], not an out-of-memory).
use crate::ReadError;
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::Read;
use xxgk_model::{Format, Locator, OffsetMap, Report, Segment, Span};

/// The largest `word/document.xml` read, inflated.
pub const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;

/// A paragraph this long or longer is not a heading (and gets no numeral).
const HEADING_CHARS: usize = 30;

fn bad(reason: impl Into<String>) -> ReadError {
    ReadError::Docx { reason: reason.into() }
}

/// The inflated `word/document.xml` of a DOCX file.
pub fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        bad(format!("不是 DOCX 文件：无法读取 zip（{e}） / not a DOCX file: unreadable zip ({e})"))
    })?;
    let file = zip
        .by_name("word/document.xml")
        .map_err(|_| bad("不是 DOCX 文件：没有 word/document.xml / not a DOCX file: no word/document.xml"))?;
    if file.size() > MAX_DOCUMENT_XML {
        return Err(bad(format!(
            "word/document.xml 解压后 {} 字节，超过上限 {MAX_DOCUMENT_XML} / inflates to {} bytes, limit {MAX_DOCUMENT_XML}",
            file.size(),
            file.size()
        )));
    }
    let mut xml = Vec::new();
    file.take(MAX_DOCUMENT_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| bad(format!("word/document.xml 损坏（{e}） / corrupt word/document.xml ({e})")))?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(bad(format!(
            "word/document.xml 解压后超过上限 {MAX_DOCUMENT_XML} 字节 / inflates beyond {MAX_DOCUMENT_XML} bytes"
        )));
    }
    Ok(xml)
}

/// Read a DOCX file into a report.
pub fn read_docx(path: &str, bytes: &[u8]) -> Result<Report, ReadError> {
    read_xml(path, &document_xml(bytes)?)
}

/// Read the inflated `word/document.xml` of a DOCX file into a report.
pub fn read_xml(path: &str, xml: &[u8]) -> Result<Report, ReadError> {
    let (text, segments) = to_text(xml)?;
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let mut report = Report {
        path: path.to_string(),
        format: Some(Format::Docx),
        text,
        source: None,
        map: OffsetMap { segments },
        ..Report::default()
    };
    crate::recognise::recognise(&mut report);
    Ok(report)
}

#[derive(Default)]
struct State {
    text: String,
    segments: Vec<Segment>,
    /// Depth of `w:tbl`.
    tables: u32,
    table: u32,
    row: u32,
    column: u32,
    span: u32,
    continued: bool,
    cell_start: Option<usize>,
    cell_first: bool,
    paragraph: u32,
    para: String,
    numbered: Option<(String, bool)>,
    num_id: String,
    in_t: bool,
    textbox: u32,
    counters: HashMap<String, usize>,
}

fn val(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.into_inner() == "w:val").map(|a| a.value.to_string())
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

impl State {
    fn push_line(&mut self, s: &str, locator: Locator) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(s);
        let span = Span::new(start, self.text.len());
        self.segments.push(Segment { text: span, source: span, locator: Some(locator) });
        self.text.push('\n');
    }

    fn end_paragraph(&mut self) {
        let mut para = std::mem::take(&mut self.para);
        let numbered = self.numbered.take();
        if self.tables > 0 {
            if self.cell_start.is_some() && !self.continued && !para.trim().is_empty() {
                if !self.cell_first {
                    self.text.push(' ');
                }
                self.cell_first = false;
                self.text.push_str(para.trim());
            }
            return;
        }
        self.paragraph += 1;
        let trimmed = para.trim().to_string();
        if let Some((_, true)) = numbered {
            let has_own = trimmed.starts_with(|c: char| "一二三四五六七八九十（(0123456789".contains(c));
            if !has_own && !trimmed.is_empty() && trimmed.chars().count() < HEADING_CHARS {
                let n = self.counters.entry(self.num_id.clone()).or_insert(0);
                *n += 1;
                if let Some(numeral) = NUMERALS.get(*n - 1) {
                    para = format!("{numeral}、{trimmed}");
                }
            }
        }
        let p = para.trim().to_string();
        if !p.is_empty() {
            self.push_line(&p, Locator::Paragraph { paragraph: self.paragraph });
        }
    }
}

/// The text of `document.xml` and its located segments.
pub fn to_text(xml: &[u8]) -> Result<(String, Vec<Segment>), ReadError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut st = State::default();
    let mut buf = Vec::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| bad(format!("word/document.xml 不是有效的 XML（{e}） / invalid XML ({e})")))?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().into_inner() {
                "w:txbxContent" if !empty => st.textbox += 1,
                _ if st.textbox > 0 => {}
                "w:tbl" if !empty => {
                    st.tables += 1;
                    if st.tables == 1 {
                        st.table += 1;
                        st.row = 0;
                    }
                }
                "w:tr" if st.tables == 1 && !empty => {
                    st.row += 1;
                    st.column = 1;
                    if !st.text.is_empty() && !st.text.ends_with('\n') {
                        st.text.push('\n');
                    }
                }
                "w:tc" if st.tables == 1 && !empty => {
                    if st.column > 1 {
                        st.text.push_str(" | ");
                    }
                    st.cell_start = Some(st.text.len());
                    st.cell_first = true;
                    st.span = 1;
                    st.continued = false;
                }
                "w:gridSpan" if st.tables == 1 => {
                    st.span = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
                }
                "w:vMerge" if st.tables == 1 => st.continued = val(&e).as_deref() != Some("restart"),
                "w:t" if !empty => st.in_t = true,
                "w:tab" => st.para.push(' '),
                "w:br" | "w:cr" => st.para.push(' '),
                "w:numPr" => st.numbered = Some((String::new(), false)),
                "w:ilvl" => {
                    if let Some(n) = st.numbered.as_mut() {
                        n.1 = val(&e).as_deref() == Some("0");
                    }
                }
                "w:numId" => {
                    st.num_id = val(&e).unwrap_or_default();
                    if let Some(n) = st.numbered.as_mut() {
                        if n.0.is_empty() && !st.num_id.is_empty() {
                            n.0 = st.num_id.clone();
                        }
                    }
                }
                "w:p" if empty => st.end_paragraph(),
                _ => {}
            },
            Event::End(e) => match e.name().into_inner() {
                "w:txbxContent" => st.textbox = st.textbox.saturating_sub(1),
                _ if st.textbox > 0 => {}
                "w:t" => st.in_t = false,
                "w:p" => st.end_paragraph(),
                "w:tc" if st.tables == 1 => {
                    if let Some(start) = st.cell_start.take() {
                        let span = Span::new(start, st.text.len());
                        let locator = Locator::TableCell { table: st.table, row: st.row, column: st.column };
                        if !span.is_empty() {
                            st.segments.push(Segment { text: span, source: span, locator: Some(locator) });
                        }
                    }
                    st.column += st.span;
                }
                "w:tr" if st.tables == 1 => st.text.push('\n'),
                "w:tbl" => st.tables = st.tables.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if st.in_t && st.textbox == 0 => st.para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if st.in_t && st.textbox == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    st.para.push(c);
                } else {
                    let name: &str = &r;
                    st.para.push_str(match name {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok((st.text, st.segments))
}
