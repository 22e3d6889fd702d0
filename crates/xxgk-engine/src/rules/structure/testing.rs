//! Hand-built reports for unit tests: headings found by a small line scanner, as the recogniser would.
use xxgk_model::{Field, Heading, Report, Section, SectionKey, Span};

/// The heading a line is, if it is one: `一、总体情况`, `二.主动公开政府信息情况` (canonical or a known variant).
fn heading_of(line: &str) -> Option<(SectionKey, String, String, bool)> {
    let mut chars = line.chars();
    let number = chars.next()?;
    let key = SectionKey::ALL.into_iter().find(|k| k.number().starts_with(number))?;
    let sep = chars.next()?;
    if !matches!(sep, '、' | '.' | '．') {
        return None;
    }
    let title = chars.as_str().trim();
    if title == key.canonical_title() {
        return Some((key, number.to_string(), title.to_string(), true));
    }
    key.variants().iter().find(|v| **v == title).map(|v| (key, number.to_string(), v.to_string(), false))
}

/// A report of `text` with its headings and sections filled (no tables, no metadata).
pub(crate) fn report(text: &str) -> Report {
    let mut report = Report { path: "test.txt".into(), text: text.to_string(), ..Report::default() };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some((key, number, title, canonical)) = heading_of(trimmed) {
            let start = offset + (line.len() - line.trim_start().len());
            let span = Span::new(start, start + trimmed.len());
            report.headings.push(Heading { key, number, title, span, canonical });
        }
        offset += line.len();
    }
    for (i, h) in report.headings.iter().enumerate() {
        if report.sections.iter().any(|s| s.key == h.key) {
            continue;
        }
        let end = report.headings.get(i + 1).map_or(text.len(), |n| n.span.start as usize);
        report.sections.push(Section {
            key: h.key,
            number: h.number.clone(),
            title: h.title.clone(),
            heading: h.span,
            body: Span::new(h.span.end as usize, end),
        });
    }
    report
}

/// A metadata field whose value is stated at the first occurrence of `needle` (else at 0).
pub(crate) fn field<T>(report: &Report, value: T, needle: &str) -> Option<Field<T>> {
    let start = report.text.find(needle).unwrap_or(0);
    Some(Field { value, span: Span::new(start, start + needle.len()) })
}

/// The six canonical headings, each followed by `bodies[i]`.
pub(crate) fn six(bodies: [&str; 6]) -> String {
    let mut text = String::new();
    for (key, body) in SectionKey::ALL.into_iter().zip(bodies) {
        text.push_str(&format!("{}、{}\n{}\n", key.number(), key.canonical_title(), body));
    }
    text
}

/// The findings with a code starting with one of `codes` on the seed corpus (`tests/corpus/*.txt`)
/// under the national defaults (every default rule runs, so siblings defer as they would in use),
/// one line each: `NNN CODE line:col message` (NNN = the file's number prefix).
pub(crate) fn seed_findings(codes: &[&str]) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let settings = crate::Settings::national();
    let mut out = Vec::new();
    for path in files {
        let report = crate::test::read_fixture(&path);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let seed = name.split('_').next().unwrap_or_default().to_string();
        let index = xxgk_model::LineIndex::new(report.source());
        for d in crate::check(&report, &settings)
            .into_iter()
            .filter(|d| codes.iter().any(|c| d.code.starts_with(c)))
        {
            let (l, c) = index.line_col(report.source(), report.source_span(d.span).start as usize);
            out.push(format!("{seed} {} {l}:{c} {}", d.code, d.message.zh));
        }
    }
    out
}
