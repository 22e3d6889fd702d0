//! Who a report is for, and what kind of body that is: one answer for every rule that asks.
//!
//! The subject is the body the title names ("鞍山市人民政府办公室2023年…" → 鞍山市人民政府办公室;
//! "2023年度市国资委政务公开工作报告" → 市国资委), else the issuer of the metadata. A
//! people's government's report is often signed by its 办公室, so the title decides first.
//! XG107 (accountability), XG207 (regulations), XG404 (deadline) and the cross-year pairing
//! all read the subject from here.
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span};

/// The body a report is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The name as written, trimmed ("鞍山市人民政府").
    pub name: String,
    /// Where the name is, when it is a field of the metadata (title or issuer).
    pub span: Span,
    /// Whether the name was read from the title (else from the issuer).
    pub from_title: bool,
}

/// The kind of a body, which sets its deadline and what its report must say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A county-or-higher people's government's own report.
    Government,
    /// A department, office, township or other body.
    Department,
}

impl Kind {
    /// The key of the kind in the options (`deadlines`): `government` or `department`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Government => "government",
            Kind::Department => "department",
        }
    }
}

/// The year in a title, and what comes before and after it.
static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?)(?:19|20)[0-9０-９]{2} ?年度?(.*?)(?:政府信息公开|政务公开|信息公开|$)")
        .expect("valid regex")
});

/// A name without quotes, brackets or the "关于" of "某县人民政府关于2023年…".
/// Compile the title pattern now (see [`crate::rules::PREPARE`]).
pub(crate) fn prepare() {
    LazyLock::force(&TITLE_YEAR);
}

fn clean(name: &str) -> &str {
    let name = name.trim().trim_matches(|c: char| c.is_whitespace() || "《》“”\"'".contains(c));
    name.strip_suffix("关于").unwrap_or(name).trim()
}

/// The body a title names: before the year, else after it ("2023年度市国资委…").
pub fn of_title(title: &str) -> Option<&str> {
    let c = TITLE_YEAR.captures(title.trim())?;
    let before = clean(c.get(1).map_or("", |m| m.as_str()));
    let after = clean(c.get(2).map_or("", |m| m.as_str()));
    [before, after].into_iter().find(|s| !s.is_empty())
}

/// The report's subject: the body its title names, else its issuer.
pub fn subject(report: &Report) -> Option<Subject> {
    if let Some(title) = &report.meta.title {
        if let Some(name) = of_title(&title.value) {
            let span = match report.slice(title.span).find(name) {
                Some(at) => {
                    Span::new(title.span.start as usize + at, title.span.start as usize + at + name.len())
                }
                None => title.span,
            };
            return Some(Subject { name: name.to_string(), span, from_title: true });
        }
    }
    let issuer = report.meta.issuer.as_ref()?;
    let name = clean(&issuer.value);
    (!name.is_empty()).then(|| Subject { name: name.to_string(), span: issuer.span, from_title: false })
}

/// The kind of the body `name` names.
///
/// A people's government (`…人民政府`, `…县政府`, `…区政府` …) or a bare place name ("鼎城区",
/// "平潭综合实验区": the government's report for that place) is a government, except a
/// township's (条例 第四十九条 names county-or-higher governments only); everything else,
/// its 办公室 and 办公厅 included, is a department.
pub fn kind_of(name: &str) -> Kind {
    let name = clean(name);
    // A trailing note in brackets ("某县人民政府（本级）") says nothing of the kind.
    let name = match name.strip_suffix(['）', ')']).and_then(|n| n.rfind(['（', '('])) {
        Some(at) => name[..at].trim_end(),
        None => name,
    };
    let body = name.strip_suffix("人民政府").or_else(|| {
        name.strip_suffix("政府").filter(|b| b.ends_with(['省', '市', '区', '县', '州', '旗', '盟']))
    });
    if let Some(body) = body {
        let township = body.ends_with('乡') || body.ends_with('镇');
        return if township { Kind::Department } else { Kind::Government };
    }
    if name.ends_with(['省', '市', '区', '县', '州', '旗', '盟']) && !name.ends_with("街道") {
        Kind::Government
    } else {
        Kind::Department
    }
}

/// The kind of the report's subject; a department when there is none.
pub fn kind(report: &Report) -> Kind {
    subject(report).map_or(Kind::Department, |s| kind_of(&s.name))
}

/// Where a name marks a county-level-or-lower body, and the marker (`区`).
pub fn county_marker(name: &str) -> Option<(usize, &'static str)> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let before = |i: usize, s: &str| name[..chars[i].0].ends_with(s);
    let after = |i: usize, s: &str| name[chars[i].0..].chars().skip(1).collect::<String>().starts_with(s);
    for (i, &(at, c)) in chars.iter().enumerate() {
        let marker = match c {
            '县' => Some("县"),
            '旗' if !before(i, "红") => Some("旗"),
            '区' if !(before(i, "自治") || before(i, "地") || before(i, "行政") || after(i, "域")) => {
                Some("区")
            }
            '乡' if !(before(i, "城") || after(i, "村")) => Some("乡"),
            '镇' if !after(i, "江") => Some("镇"),
            '街' if after(i, "道") => Some("街道"),
            _ => None,
        };
        if let Some(m) = marker {
            return Some((at, m));
        }
    }
    None
}

/// Whether a name says an administrative level at all (a place or level marker).
pub fn says_level(name: &str) -> bool {
    county_marker(name).is_some()
        || ["省", "市", "自治区", "州", "盟", "国务院", "国家"].iter().any(|m| name.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::Field;

    fn report(title: Option<&str>, issuer: Option<&str>) -> Report {
        let text = format!("{}\n{}\n", title.unwrap_or(""), issuer.unwrap_or(""));
        let mut r = Report { text: text.clone(), ..Default::default() };
        let t_len = title.map_or(0, str::len);
        r.meta.title = title.map(|t| Field { value: t.to_string(), span: Span::new(0, t_len) });
        r.meta.issuer =
            issuer.map(|i| Field { value: i.to_string(), span: Span::new(t_len + 1, t_len + 1 + i.len()) });
        r
    }

    #[test]
    fn kinds() {
        for (name, kind) in [
            ("鞍山市人民政府", Kind::Government),
            ("某市政府", Kind::Government),
            ("某区政府", Kind::Government),
            ("平潭综合实验区", Kind::Government),
            ("鼎城区", Kind::Government),
            ("某县人民政府（本级）", Kind::Government),
            ("鞍山市人民政府办公室", Kind::Department),
            ("北京市人民政府办公厅", Kind::Department),
            ("某县人民政府部门", Kind::Department),
            ("某镇人民政府", Kind::Department),
            ("某镇", Kind::Department),
            ("某街道", Kind::Department),
            ("鼎城区工信局", Kind::Department),
            ("市国资委", Kind::Department),
            ("", Kind::Department),
        ] {
            assert_eq!(kind_of(name), kind, "{name}");
        }
    }

    #[test]
    fn subject_from_the_title_then_the_issuer() {
        let s =
            subject(&report(Some("某县人民政府2023年政府信息公开工作年度报告"), Some("某县人民政府办公室")));
        assert_eq!(
            s.as_ref().map(|s| (s.name.as_str(), s.from_title, s.span)),
            Some(("某县人民政府", true, Span::new(0, 18)))
        );
        let s = subject(&report(Some("某区人民政府关于2023年政府信息公开工作年度报告"), None));
        assert_eq!(s.map(|s| s.name), Some("某区人民政府".to_string()));
        let s = subject(&report(Some("2023年度市国资委政务公开工作报告"), None));
        assert_eq!(s.map(|s| s.name), Some("市国资委".to_string()));
        let s = subject(&report(Some("2023年政府信息公开工作年度报告"), Some("某县人民政府")));
        assert_eq!(s.as_ref().map(|s| (s.name.as_str(), s.from_title)), Some(("某县人民政府", false)));
        assert_eq!(subject(&report(Some("2023年政府信息公开工作年度报告"), None)), None);
        assert_eq!(kind(&report(Some("2023年政府信息公开工作年度报告"), None)), Kind::Department);
        assert_eq!(kind(&report(Some("某县2023年政府信息公开工作年度报告"), None)), Kind::Government);
    }

    #[test]
    fn county_level_names() {
        for (name, marker) in [
            ("某县农业农村局", "县"),
            ("科尔沁右翼前旗", "旗"),
            ("鼎城区工信局", "区"),
            ("某乡人民政府", "乡"),
            ("某镇人民政府", "镇"),
            ("某街道办事处", "街道"),
        ] {
            assert_eq!(county_marker(name).map(|m| m.1), Some(marker), "{name}");
        }
        for name in
            ["广西壮族自治区", "某市城乡建设局", "长江镇江", "某地区", "某市行政区划办", "红旗", "区域"]
        {
            assert_eq!(county_marker(name), None, "{name}");
        }
    }
}
