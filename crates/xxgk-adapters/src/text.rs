//! The plain-text adapter: the text is the source; the recogniser does the rest.
use xxgk_model::{Format, Report};

/// Read decoded plain text into a report.
pub fn read_text(path: &str, text: String) -> Report {
    let mut report = Report { path: path.to_string(), format: Some(Format::Text), text, ..Report::default() };
    crate::recognise::recognise(&mut report);
    report
}
