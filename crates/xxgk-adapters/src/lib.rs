//! Format adapters of xxgk: bytes in, a [`Report`](xxgk_model::Report) out.
//!
//! [`read`] decodes the bytes ([`decode`]), picks the format from the extension and the content,
//! and hands the plain text to the one shared recogniser ([`recognise`]) that finds the metadata,
//! the sections and tables 2–4. Every heading and cell keeps a span into the text, and each
//! adapter keeps an offset map back into its source.
#![warn(missing_docs)]

pub mod decode;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod recognise;
pub mod solver;
mod text;

use std::path::Path;
use xxgk_model::{Format, Report};

/// The largest input read, in bytes (a larger file is XG001, not an out-of-memory).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// How to read an input.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force a format instead of guessing from the name and content.
    pub format: Option<Format>,
    /// Force an encoding (an encoding_rs label such as `gb18030`, `utf-16le`).
    pub encoding: Option<String>,
}

/// Why an input could not be read at all (reported as XG001).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The bytes are not text in any supported encoding.
    #[error("无法识别文本编码（{zh}） / cannot decode the text ({en})")]
    Decode {
        /// Why, in Chinese.
        zh: String,
        /// Why, in English.
        en: String,
    },
    /// The file looks binary.
    #[error("不是文本文件：在第 {offset} 字节处有 NUL / binary file: NUL byte at offset {offset}")]
    Binary {
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// The file is empty.
    #[error("文件为空 / the file is empty")]
    Empty,
    /// The file is larger than [`MAX_INPUT_BYTES`].
    #[error("文件过大（{size} 字节，上限 {limit} 字节） / file too large ({size} bytes, limit {limit})")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// An input larger than [`MAX_INPUT_BYTES`] read from a stream, whose size is not known.
    #[error("输入超过上限 {limit} 字节 / input exceeds the limit of {limit} bytes")]
    StreamTooLarge {
        /// The limit.
        limit: usize,
    },
    /// An HTML page whose elements nest deeper than [`html::MAX_DEPTH`].
    #[error("HTML 元素嵌套超过 {limit} 层 / HTML elements nested deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// An unknown `--encoding` label.
    #[error("未知编码 `{0}` / unknown encoding `{0}`")]
    UnknownEncoding(String),
    /// A DOCX file that cannot be read (not a zip, no `word/document.xml`, too large inflated).
    #[error("{reason}")]
    Docx {
        /// Why, in Chinese then English.
        reason: String,
    },
    /// A PDF file that cannot be read (no text layer, a user password, corrupt, over a limit).
    #[error("{reason}")]
    Pdf {
        /// Why, in Chinese then English.
        reason: String,
    },
    /// The format is recognised but not supported by this build.
    #[error("不支持的格式：{0} / unsupported format: {0}")]
    Unsupported(String),
}

/// The format of an input from its file name, if the extension says.
pub fn format_from_path(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "docx" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        _ => None,
    }
}

/// Read one input into a report. `path` names it in the report (`-` for standard input).
pub fn read(path: &str, bytes: &[u8], options: &ReadOptions) -> Result<Report, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge { size: bytes.len(), limit: MAX_INPUT_BYTES });
    }
    let format = options.format.or_else(|| format_from_path(Path::new(path)));
    let format = match format {
        None | Some(Format::Text) if options.format.is_none() => sniff(bytes).or(format),
        f => f,
    };
    match format {
        Some(Format::Docx) => docx::read_docx(path, bytes),
        Some(Format::Pdf) => pdf::read_pdf(path, bytes),
        Some(Format::Html) => {
            let source = html::decode_html(bytes, options.encoding.as_deref())?;
            html::check_depth(&source)?;
            Ok(html::read_html(path, source))
        }
        Some(Format::Markdown) => {
            let source = decode::decode(bytes, options.encoding.as_deref())?;
            Ok(markdown::read_markdown(path, source))
        }
        _ => {
            let text = decode::decode(bytes, options.encoding.as_deref())?;
            if options.format.is_none() && looks_like_html(&text) {
                html::check_depth(&text)?;
                return Ok(html::read_html(path, text));
            }
            Ok(text::read_text(path, text))
        }
    }
}

/// Check the invariant every adapter keeps: each span of the report (metadata, headings,
/// sections, tables, rows, cells, inferences, problems) lies inside `report.text` on char
/// boundaries, and maps into the source inside it on char boundaries. Used by the property
/// tests and the fuzz targets; `Err` names the first span out of place.
pub fn validate(report: &Report) -> Result<(), String> {
    use xxgk_model::Span;
    let mut spans: Vec<(&str, Span)> = Vec::new();
    let m = &report.meta;
    spans.extend(m.title.iter().map(|f| ("meta.title", f.span)));
    spans.extend(m.issuer.iter().map(|f| ("meta.issuer", f.span)));
    spans.extend(m.year.iter().map(|f| ("meta.year", f.span)));
    spans.extend(m.published.iter().map(|f| ("meta.published", f.span)));
    spans.extend(m.signed.iter().map(|f| ("meta.signed", f.span)));
    spans.extend(m.period.iter().map(|f| ("meta.period", f.span)));
    spans.extend(report.headings.iter().map(|h| ("heading", h.span)));
    for s in &report.sections {
        spans.extend([("section.heading", s.heading), ("section.body", s.body)]);
    }
    for t in [&report.tables.proactive, &report.tables.requests, &report.tables.appeals].into_iter().flatten()
    {
        spans.push(("table", t.span));
        for row in &t.rows {
            spans.push(("row.label", row.label));
            spans.extend(row.cells.iter().filter_map(|c| c.span.map(|s| ("cell", s))));
        }
    }
    spans.extend(report.inferences.iter().map(|i| ("inference", i.span)));
    spans.extend(report.problems.iter().map(|p| ("problem", p.span)));
    spans.extend(report.outdated_template.iter().map(|s| ("outdated_template", *s)));
    let source = report.source();
    for (what, span) in spans {
        in_text("text", &report.text, what, span)?;
        in_text("source", source, what, report.source_span(span))?;
    }
    Ok(())
}

/// `Err` unless `span` is a slice of `text` on char boundaries.
pub fn in_text(name: &str, text: &str, what: &str, span: xxgk_model::Span) -> Result<(), String> {
    let (a, b) = (span.start as usize, span.end as usize);
    if a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) {
        Ok(())
    } else {
        Err(format!("{what} {a}..{b} is not a slice of the {name} ({} bytes)", text.len()))
    }
}

/// The format the content shows, whatever the name says: an HTML page (`<!DOCTYPE html`,
/// `<html`, after a BOM and whitespace), a zip with `word/document.xml` (DOCX), or `%PDF-`.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"%PDF-") {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") && bytes.windows(17).any(|w| w == b"word/document.xml") {
        return Some(Format::Docx);
    }
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[..start.len().min(256)];
    let text = String::from_utf8_lossy(start);
    looks_like_html(&text).then_some(Format::Html)
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(14).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CLI splits a read error at its one ` / ` into the Chinese and the English reason.
    #[test]
    fn every_read_error_reads_chinese_slash_english_once() {
        let errors = [
            ReadError::Decode { zh: "不是有效的 UTF-8".into(), en: "not valid UTF-8".into() },
            ReadError::Binary { offset: 3 },
            ReadError::Empty,
            ReadError::TooLarge { size: 10, limit: 9 },
            ReadError::StreamTooLarge { limit: 9 },
            ReadError::TooDeep { limit: 512 },
            ReadError::UnknownEncoding("x".into()),
            ReadError::Docx { reason: "不是 DOCX 文件 / not a DOCX file".into() },
            ReadError::Unsupported("pdf".into()),
        ];
        for e in errors {
            let text = e.to_string();
            assert_eq!(text.matches(" / ").count(), 1, "{text}");
        }
        assert_eq!(
            decode::decode(b"\xE4\xB8\x80\xFF\xFE", None).unwrap_err().to_string(),
            "无法识别文本编码（既不是 UTF-8，也不是 GB18030/GBK 或 UTF-16） / cannot decode the text (neither UTF-8, GB18030/GBK nor UTF-16)"
        );
    }
}
