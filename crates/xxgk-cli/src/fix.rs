//! `check --fix`, `--unsafe-fixes`, `--diff`: pick the fixes, apply their edits to the source, write atomically.
//!
//! Edits come from diagnostics as spans of the report's text and are applied to the source
//! (`report.source_span`) so HTML and Markdown keep their markup. An edit touching a table
//! cell (or a row of inferred, glued numbers) is refused: a fix never changes a number.
//! Overlapping edits: the first (by position) is applied, the other waits for the next run.
use crate::inputs::Input;
use crate::render::FileResult;
use std::io::Write;
use std::path::Path;
use xxgk_engine::{Applicability, Diagnostic, Edit, Lang};
use xxgk_model::{Format, Report, Span};

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only [`Applicability::Safe`] fixes (`--fix`).
    Safe,
    /// Every fix (`--unsafe-fixes`).
    Unsafe,
}

impl Mode {
    fn allows(self, a: Applicability) -> bool {
        self == Mode::Unsafe || a == Applicability::Safe
    }
}

/// The outcome of [`apply`]: the new text and which edits were applied or skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The fixed text.
    pub text: String,
    /// Edits applied, in source order.
    pub applied: Vec<Edit>,
    /// Edits left out: overlapping an applied one, or out of bounds / off a char boundary.
    pub skipped: Vec<Edit>,
}

/// Apply `edits` (spans into `source`) in position order, skipping any that overlaps an
/// edit already applied or does not lie on char boundaries inside `source`.
pub fn apply(source: &str, edits: &[Edit]) -> Applied {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut text = String::with_capacity(source.len());
    let mut applied = Vec::new();
    let mut skipped = Vec::new();
    let mut pos = 0usize;
    for edit in sorted {
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        let valid = start <= end
            && end <= source.len()
            && source.is_char_boundary(start)
            && source.is_char_boundary(end);
        // An insertion at the end of the previous edit is fine; a second edit at the same point is not.
        let overlaps = start < pos || (!applied.is_empty() && start == pos && start == end);
        if !valid || overlaps {
            skipped.push(edit.clone());
            continue;
        }
        text.push_str(&source[pos..start]);
        text.push_str(&edit.replacement);
        pos = end;
        applied.push(edit.clone());
    }
    text.push_str(&source[pos.min(source.len())..]);
    Applied { text, applied, skipped }
}

/// The spans (of the report's text) holding numbers: table cells and inferred rows.
fn number_spans(report: &Report) -> Vec<Span> {
    let tables = [&report.tables.proactive, &report.tables.requests, &report.tables.appeals];
    let mut spans: Vec<Span> = tables
        .iter()
        .filter_map(|t| t.as_ref())
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.cells.iter())
        .filter_map(|c| c.span)
        .collect();
    spans.extend(report.inferences.iter().map(|i| i.span));
    spans
}

fn touches(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end || (a.start == a.end && b.start < a.start && a.start < b.end)
}

/// The edits of the fixes `mode` allows, as source spans; edits touching a number are refused
/// (returned as the second list, in text spans).
pub fn edits(report: &Report, diagnostics: &[Diagnostic], mode: Mode) -> (Vec<Edit>, Vec<Edit>) {
    let numbers = number_spans(report);
    let mut ok = Vec::new();
    let mut refused = Vec::new();
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if !mode.allows(fix.applicability) {
            continue;
        }
        if fix.edits.iter().any(|e| numbers.iter().any(|n| touches(e.span, *n))) {
            refused.extend(fix.edits.iter().cloned());
            continue;
        }
        ok.extend(
            fix.edits
                .iter()
                .map(|e| Edit { span: report.source_span(e.span), replacement: e.replacement.clone() }),
        );
    }
    (ok, refused)
}

/// Why a file was not fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotFixed {
    /// DOCX (and PDF) sources are not rewritten.
    Format(&'static str),
    /// The file is not UTF-8: it is left alone rather than re-encoded.
    NotUtf8,
    /// The file changed on disk since it was read.
    Changed,
    /// Writing failed.
    Io(String),
}

impl NotFixed {
    /// The message, in Chinese and English.
    pub fn text(&self) -> (String, String) {
        match self {
            NotFixed::Format(f) => (format!("{f} 文件不能自动修复"), format!("{f} files cannot be fixed")),
            NotFixed::NotUtf8 => (
                "文件不是 UTF-8 编码，未修复（先转换为 UTF-8）".to_string(),
                "the file is not UTF-8; not fixed (convert it to UTF-8 first)".to_string(),
            ),
            NotFixed::Changed => (
                "文件在读取后已被修改，未修复".to_string(),
                "the file changed on disk since it was read; not fixed".to_string(),
            ),
            NotFixed::Io(e) => (format!("写入失败（{e}）"), format!("cannot write: {e}")),
        }
    }
}

/// Whether a report's source can be rewritten at all.
pub fn fixable_format(report: &Report) -> Result<(), NotFixed> {
    match report.format {
        Some(f @ (Format::Docx | Format::Pdf)) => {
            Err(NotFixed::Format(if f == Format::Docx { "DOCX" } else { "PDF" }))
        }
        _ => Ok(()),
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Replace the file `path`, read as `expected`, by `new`: only if it still holds `expected`
/// in UTF-8 (a UTF-8 BOM is kept), through a temporary file in the same directory renamed
/// over it, with the permissions kept.
pub fn write(path: &Path, expected: &str, new: &str) -> Result<(), NotFixed> {
    let io = |e: std::io::Error| NotFixed::Io(e.to_string());
    let bytes = std::fs::read(path).map_err(io)?;
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => (&b""[..], &bytes[..]),
    };
    let Ok(current) = std::str::from_utf8(body) else {
        return Err(NotFixed::NotUtf8);
    };
    if current != expected {
        return Err(NotFixed::Changed);
    }
    let permissions = std::fs::metadata(path).map_err(io)?.permissions();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(bom).map_err(io)?;
    tmp.write_all(new.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    std::fs::set_permissions(tmp.path(), permissions).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// A unified diff of `old` → `new` for `name` (`--- a/name`, `+++ b/name`), empty when equal.
pub fn diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// What fixing one input produced.
pub struct Fixed {
    /// The result to render: re-checked when the file was fixed.
    pub result: FileResult,
    /// What goes to standard output for this input instead of its findings: its diff
    /// (`dry`), or the fixed standard input.
    pub stdout: Option<String>,
    /// Lines for standard error (`name: why it was not fixed`), in the run's language; the
    /// caller prints them in path order, whatever thread fixed the file.
    pub notes: Vec<String>,
    /// Edits applied.
    pub fixed: usize,
}

/// `name: message`, in `lang`.
fn note(name: &str, lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => format!("{name}：{zh}"),
        Lang::En => format!("{name}: {en}"),
    }
}

/// Fix one input (`dry`: make a diff instead of writing), re-checking with `recheck` what was
/// fixed. Standard input comes back, fixed, as the text for standard output.
pub fn file<E>(
    input: &Input,
    result: FileResult,
    mode: Mode,
    dry: bool,
    lang: Lang,
    recheck: impl Fn(&str, &str) -> Result<FileResult, E>,
) -> Result<Fixed, E> {
    let mut fixed = Fixed { result, stdout: None, notes: Vec::new(), fixed: 0 };
    let Some(report) = &fixed.result.report else {
        return Ok(fixed);
    };
    let stdin = matches!(input, Input::Stdin { .. });
    let source = report.source().to_string();
    if let Err(why) = fixable_format(report) {
        let (zh, en) = why.text();
        fixed.notes.push(note(input.name(), lang, &zh, &en));
        if stdin && !dry {
            fixed.stdout = Some(source);
        }
        return Ok(fixed);
    }
    let (edits, refused) = edits(report, &fixed.result.diagnostics, mode);
    if !refused.is_empty() {
        fixed.notes.push(note(
            input.name(),
            lang,
            &format!("{} 处修改涉及表格中的数字，未应用", refused.len()),
            &format!("{} edit(s) touch numbers in a table; not applied", refused.len()),
        ));
    }
    let applied = apply(&source, &edits);
    if dry {
        fixed.stdout = Some(diff(input.name(), &source, &applied.text));
        return Ok(fixed);
    }
    if stdin {
        fixed.stdout = Some(applied.text.clone());
    }
    if applied.applied.is_empty() {
        return Ok(fixed);
    }
    if let Input::File { path, .. } = input {
        if let Err(why) = write(path, &source, &applied.text) {
            let (zh, en) = why.text();
            fixed.notes.push(note(input.name(), lang, &zh, &en));
            return Ok(fixed);
        }
    }
    fixed.fixed = applied.applied.len();
    fixed.result = recheck(input.name(), &applied.text)?;
    Ok(fixed)
}

/// The closing line of a fixing run that wrote something (`None` when nothing was fixed).
pub fn summary(fixed: usize, lang: Lang) -> Option<String> {
    (fixed > 0).then(|| match lang {
        Lang::Zh => format!("已修复 {fixed} 处"),
        Lang::En => format!("fixed {fixed} {}", if fixed == 1 { "finding" } else { "findings" }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: u32, end: u32, r: &str) -> Edit {
        Edit { span: Span { start, end }, replacement: r.to_string() }
    }

    #[test]
    fn applies_in_position_order() {
        let a = apply("abcdef", &[edit(4, 5, "E"), edit(0, 1, "AA")]);
        assert_eq!(a.text, "AAbcdEf");
        assert_eq!(a.applied, vec![edit(0, 1, "AA"), edit(4, 5, "E")]);
        assert!(a.skipped.is_empty());
    }

    #[test]
    fn overlapping_edit_is_skipped() {
        let a = apply("abcdef", &[edit(1, 4, "X"), edit(3, 5, "Y"), edit(5, 6, "Z")]);
        assert_eq!(a.text, "aXeZ");
        assert_eq!(a.skipped, vec![edit(3, 5, "Y")]);
    }

    #[test]
    fn deletion_and_adjacent_edit() {
        let a = apply("abc", &[edit(0, 1, ""), edit(1, 2, "B")]);
        assert_eq!(a.text, "Bc");
        assert_eq!(a.applied.len(), 2);
    }

    #[test]
    fn off_boundary_and_out_of_bounds_are_skipped() {
        // 建 is three bytes: 1 is inside it.
        let a = apply("建全", &[edit(1, 3, "x"), edit(3, 99, "y"), edit(3, 6, "立")]);
        assert_eq!(a.text, "建立");
        assert_eq!(a.skipped, vec![edit(1, 3, "x"), edit(3, 99, "y")]);
    }

    #[test]
    fn two_insertions_at_one_point_keep_the_first() {
        let a = apply("ab", &[edit(1, 1, "X"), edit(1, 1, "Y")]);
        assert_eq!(a.text, "aXb");
        assert_eq!(a.skipped, vec![edit(1, 1, "Y")]);
    }

    #[test]
    fn no_edits_is_identity() {
        let a = apply("正文\n", &[]);
        assert_eq!(a.text, "正文\n");
    }

    #[test]
    fn touching_spans() {
        let s = |a, b| Span { start: a, end: b };
        assert!(touches(s(0, 3), s(2, 5)));
        assert!(!touches(s(0, 2), s(2, 5)));
        assert!(touches(s(3, 3), s(2, 5)));
        assert!(!touches(s(2, 2), s(2, 5)));
    }

    #[test]
    fn diff_is_unified() {
        let d = diff("r.txt", "a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(d, "--- a/r.txt\n+++ b/r.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assert_eq!(diff("r.txt", "x", "x"), "");
    }

    #[test]
    fn write_refuses_a_changed_or_non_utf8_file_and_keeps_a_bom() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.txt");
        std::fs::write(&p, "old").unwrap();
        assert_eq!(write(&p, "other", "new"), Err(NotFixed::Changed));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        write(&p, "old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        std::fs::write(&p, b"\xEF\xBB\xBFold").unwrap();
        write(&p, "old", "new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"\xEF\xBB\xBFnew");
        std::fs::write(&p, b"\xD5\xFD\xCE\xC4").unwrap();
        assert_eq!(write(&p, "正文", "new"), Err(NotFixed::NotUtf8));
    }

    #[cfg(unix)]
    #[test]
    fn write_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.txt");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&p, "old", "new").unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
