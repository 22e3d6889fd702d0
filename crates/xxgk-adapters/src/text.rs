//! The plain-text adapter: the text is the source; the recogniser does the rest.
use xxgk_model::{Format, OffsetMap, Report, Segment, Span};

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

/// Plain text being written from a marked-up source (HTML, Markdown), and the segments mapping
/// it back into the source.
#[derive(Default)]
pub(crate) struct Mapped {
    pub text: String,
    pub segments: Vec<Segment>,
}

impl Mapped {
    /// Write `s`, found in the source at `source`.
    pub fn push(&mut self, s: &str, source: Span) {
        let start = self.text.len();
        self.text.push_str(s);
        self.segments.push(Segment { text: Span::new(start, self.text.len()), source, locator: None });
    }

    /// Write text that is not in the source (a separator, a line break): mapped to an empty
    /// span where the previous piece ends, so a span ending at a piece maps to the piece's end.
    pub fn gap(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        let end = self.text.len();
        match self.segments.last_mut() {
            Some(last) if last.source.is_empty() && last.text.end as usize == start => {
                last.text.end = end as u32;
            }
            _ => {
                let at = self.segments.last().map_or(0, |l| l.source.end as usize);
                self.segments.push(Segment {
                    text: Span::new(start, end),
                    source: Span::empty(at),
                    locator: None,
                });
            }
        }
    }

    /// End the line, unless the text is empty or already ends one.
    pub fn newline(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.gap("\n");
        }
    }
}
