//! Hand-built reports with sections, for the family's unit tests.
use xxgk_model::{Report, Section, SectionKey, Span};

/// A report of the given sections, each `一、总体情况` heading on its own line then its body.
pub(crate) fn report(sections: &[(SectionKey, &str)]) -> Report {
    let mut r = Report::default();
    for (key, body) in sections {
        let start = r.text.len();
        r.text.push_str(&format!("{}、{}", key.number(), key.canonical_title()));
        let heading = Span::new(start, r.text.len());
        r.text.push('\n');
        let body_start = r.text.len();
        r.text.push_str(body);
        r.text.push('\n');
        r.sections.push(Section {
            key: *key,
            number: key.number().to_string(),
            title: key.canonical_title().to_string(),
            heading,
            body: Span::new(body_start, r.text.len()),
        });
    }
    r
}
