//! Family XG4 (日期): the statistics period, the report year and the publication date (RULES.md).
use crate::Rule;
use xxgk_model::{Date, Period, Report, Span};

mod malformed_date;
mod period_missing;
mod period_not_year;
mod publication_late;
/// Compile the family's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    malformed_date::prepare();
    period_missing::prepare();
    stale_year::prepare();
    year_mismatch::prepare();
}

#[cfg(test)]
#[path = "tests/seeds.rs"]
mod seeds;
mod stale_year;
mod year_mismatch;

pub(crate) use malformed_date::MalformedDate;
pub(crate) use period_missing::PeriodMissing;
pub(crate) use period_not_year::PeriodNotYear;
pub(crate) use publication_late::PublicationLate;
pub(crate) use stale_year::StaleYear;
pub(crate) use year_mismatch::YearMismatch;

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] = &[
    &PeriodNotYear,   // XG401
    &PeriodMissing,   // XG402
    &YearMismatch,    // XG403
    &PublicationLate, // XG404
    &MalformedDate,   // XG405
    &StaleYear,       // XG406
];

/// A date as reports write it: `2023年1月1日`.
pub(crate) fn zh_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

/// The year a period covers when it is exactly one calendar year (1月1日 to 12月31日).
pub(crate) fn calendar_year(period: &Period) -> Option<i32> {
    let y = period.start.year;
    (Date::new(y, 1, 1) == Some(period.start) && Date::new(y, 12, 31) == Some(period.end)).then_some(y)
}

/// The report year Y: the recognised year, else the year a calendar-year period covers.
/// Only a plausible year (1900–2100) counts, so that date arithmetic on it cannot overflow.
pub(crate) fn report_year(report: &Report) -> Option<(i32, Option<Span>)> {
    let plausible = |y: &i32| (1900..=2100).contains(y);
    if let Some(year) = &report.meta.year {
        return plausible(&year.value).then_some((year.value, Some(year.span)));
    }
    let period = report.meta.period.as_ref()?;
    calendar_year(&period.value).filter(plausible).map(|y| (y, Some(period.span)))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Hand-built reports for the rules' unit tests.
    use crate::{check, Diagnostic, Settings};
    use xxgk_model::{Date, Field, Report, Span};

    /// A field whose span is the first occurrence of `needle` in `text`.
    pub(crate) fn field<T>(text: &str, needle: &str, value: T) -> Field<T> {
        let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
        Field { value, span: Span::new(start, start + needle.len()) }
    }

    /// A date for tests.
    pub(crate) fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("valid test date")
    }

    /// Run only `code` on `report`.
    pub(crate) fn run(report: &Report, code: &str) -> Vec<Diagnostic> {
        check(report, &Settings { select: vec![code.to_string()], ..Settings::national() })
    }

    /// The text each finding points at.
    pub(crate) fn at<'a>(report: &'a Report, diagnostics: &[Diagnostic]) -> Vec<&'a str> {
        diagnostics.iter().map(|d| report.slice(d.span)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use testing::date;

    #[test]
    fn fixtures() {
        insta::glob!("fixtures/*", |p| insta::assert_snapshot!(crate::test::check_and_render(p)));
    }

    #[test]
    fn calendar_years() {
        assert_eq!(calendar_year(&Period { start: date(2023, 1, 1), end: date(2023, 12, 31) }), Some(2023));
        assert_eq!(calendar_year(&Period { start: date(2023, 1, 1), end: date(2023, 12, 30) }), None);
        assert_eq!(calendar_year(&Period { start: date(2022, 1, 1), end: date(2023, 12, 31) }), None);
        assert_eq!(zh_date(date(2023, 1, 5)), "2023年1月5日");
    }
}
