//! The plain-text adapter: the text is the source; the recogniser does the rest.
use xxgk_model::{Format, OffsetMap, Report, Segment};

/// Read decoded plain text into a report.
pub fn read_text(path: &str, text: String) -> Report {
    let mut report = Report { path: path.to_string(), format: Some(Format::Text), text, ..Report::default() };
    crate::recognise::recognise(&mut report);
    report
}

/// Read plain text extracted from a marked-up source (HTML, Markdown), mapped back by `segments`.
pub fn read_mapped(
    path: &str,
    format: Format,
    text: String,
    source: String,
    segments: Vec<Segment>,
) -> Report {
    let mut report = Report {
        path: path.to_string(),
        format: Some(format),
        text,
        source: Some(source),
        map: OffsetMap { segments },
        ..Report::default()
    };
    crate::recognise::recognise(&mut report);
    report
}
