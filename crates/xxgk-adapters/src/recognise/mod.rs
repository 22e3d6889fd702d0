//! The shared recogniser: from a report's plain text to metadata, sections and tables 2–4.
use xxgk_model::Report;

/// Fill `report.meta`, `headings`, `sections`, `tables`, `inferences` and `problems` from `report.text`.
pub fn recognise(_report: &mut Report) {}
