//! Report metadata: title, issuer, report year, publication and signature dates, statistics period.
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Date, Field, Meta, Period, Section, SectionKey, Span};

const DATE: &str = r"([0-9０-９]{4})\s*[-年/.]\s*([0-9０-９]{1,2})\s*[-月/.]\s*([0-9０-９]{1,2})\s*日?";

static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:发布时间|发布日期|发布于|公开日期|公开时间|发文日期)\s*[:：]?\s*{DATE}"))
        .unwrap()
});
static WRITTEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"成文日期\s*[:：]?\s*{DATE}")).unwrap());
/// A date at the top of a page followed by a clock time ("2024-01-22 15:37 信息来源").
static STAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{DATE}\s+[0-9０-９]{{1,2}}\s*[:：]\s*[0-9０-９]{{2}}")).unwrap());
/// A line that is only a date: the date under the signature.
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t\u{3000}]*([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日[ \t\u{3000}]*\r?$")
        .unwrap()
});
static PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{DATE}\s*起?\s*(?:至|到|—+|-|－|~|～)\s*{DATE}")).unwrap());
static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发布机构|信息来源|发文机关|来源)[ \t\u{3000}]*[:：][ \t\u{3000}]*([^\s:：|]{2,})")
        .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)[0-9０-９]{2})\s*年").unwrap());
/// `ISSUER`'s name is at most this many characters (the pattern leaves the bound to the code:
/// a counted repetition is compiled as that many copies of its class).
const ISSUER_CHARS: usize = 40;
/// `PUBLISHES`'s name is at most this many characters.
const PUBLISHES_CHARS: usize = 40;
static PUBLISHES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"现(?:予)?公布([^，。,\s]{2,}?)(?:19|20)[0-9０-９]{2}\s*年").unwrap());

/// Compile the metadata patterns now (see [`super::PREPARE`]).
pub(super) fn prepare() {
    for re in [&PUBLISHED, &WRITTEN, &STAMP, &SIGNATURE, &PERIOD, &ISSUER, &YEAR, &PUBLISHES] {
        LazyLock::force(re);
    }
}

fn date_at(caps: &regex::Captures<'_>, first: usize) -> Option<(Date, Span)> {
    let y = caps.get(first)?.as_str().parse().ok()?;
    let m = caps.get(first + 1)?.as_str().parse().ok()?;
    let d = caps.get(first + 2)?.as_str().parse().ok()?;
    let span = Span::new(caps.get(first)?.start(), caps.get(first + 2)?.end());
    Some((Date::new(y, m, d)?, span))
}

fn field<T>(value: T, span: Span) -> Field<T> {
    Field { value, span }
}

/// Where the report's front matter ends: the first section heading (or a bounded prefix).
fn front_end(text: &str, sections: &[Section]) -> usize {
    sections.first().map_or_else(
        || {
            let mut end = text.len().min(2000);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            end
        },
        |s| s.heading.start as usize,
    )
}

/// Fill the metadata from the text and the sections found.
pub fn find_meta(text: &str, sections: &[Section], report_end: usize) -> Meta {
    let front = &text[..front_end(text, sections)];
    let mut meta = Meta::default();

    // Title: a short line of the front matter naming a (年度) 报告.
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        let start = offset + lead;
        offset += line.len();
        let (t, start) = match t.strip_prefix("标题:").or_else(|| t.strip_prefix("标题：")) {
            Some(rest) => (rest.trim_start(), start + (t.len() - rest.trim_start().len())),
            None => (t, start),
        };
        let n = t.chars().count();
        if (6..=80).contains(&n)
            && t.contains("报告")
            && YEAR.is_match(t)
            && !t.starts_with("根据")
            && !t.starts_with("本报告")
            && !t.contains("。")
        {
            meta.title = Some(field(t.to_string(), Span::new(start, start + t.len())));
            break;
        }
    }

    // Dates.
    let body = &text[..report_end];
    let published = PUBLISHED.captures(front).and_then(|c| date_at(&c, 1));
    let written = WRITTEN.captures(front).and_then(|c| date_at(&c, 1));
    let stamp = STAMP.captures(front).and_then(|c| date_at(&c, 1));
    let other_start =
        sections.iter().find(|s| s.key == SectionKey::Other).map_or(0, |s| s.heading.start as usize);
    let under_signature = SIGNATURE
        .captures_iter(&body[other_start..])
        .filter_map(|c| date_at(&c, 1))
        .map(|(d, s)| (d, Span::new(s.start as usize + other_start, s.end as usize + other_start)))
        .last();
    let signed = written.or(under_signature);
    meta.signed = signed.map(|(d, s)| field(d, s));
    meta.published = published.or(stamp).or(signed).map(|(d, s)| field(d, s));

    // Statistics period: a date range near 统计 / 期限 / 时限.
    for c in PERIOD.captures_iter(body) {
        let m = c.get(0).unwrap();
        let before = &body[..m.start()];
        let ctx: String = before.chars().rev().take(40).collect();
        if !(ctx.contains("计统") || ctx.contains("限期") || ctx.contains("限时") || ctx.contains("间期"))
        {
            continue;
        }
        if let (Some((start, s1)), Some((end, s2))) = (date_at(&c, 1), date_at(&c, 4)) {
            meta.period = Some(field(Period { start, end }, s1.cover(s2)));
            break;
        }
    }

    // Year: the title's, else the period's.
    meta.year = meta
        .title
        .as_ref()
        .and_then(|t| {
            let c = YEAR.captures(&t.value)?;
            let m = c.get(1)?;
            let y = m.as_str().parse().ok()?;
            let s = t.span.start as usize + m.start();
            Some(field(y, Span::new(s, s + 4)))
        })
        .or_else(|| meta.period.map(|p| field(p.value.start.year, p.span)));

    // Issuer: a labelled source, else the title's lead, else 现公布X2023年…
    meta.issuer = ISSUER
        .captures_iter(front)
        .filter_map(|c| c.get(1))
        .find(|m| !m.as_str().starts_with("20"))
        .map(|m| {
            let name = xxgk_model::clip_chars(m.as_str(), ISSUER_CHARS);
            field(name.to_string(), Span::new(m.start(), m.start() + name.len()))
        })
        .or_else(|| {
            let t = meta.title.as_ref()?;
            let c = YEAR.captures(&t.value)?;
            let m = c.get(0)?;
            let lead = t.value[..m.start()].trim();
            let after = t.value[m.end()..].trim_start_matches('度');
            let name = if lead.chars().count() >= 2 {
                lead
            } else {
                let stop = after.find("政府信息公开").or_else(|| after.find("政务公开"))?;
                after[..stop].trim()
            };
            if name.chars().count() < 2 {
                return None;
            }
            let s = t.span.start as usize + t.value.find(name)?;
            Some(field(name.to_string(), Span::new(s, s + name.len())))
        })
        .or_else(|| {
            let c = super::bounded::within(&PUBLISHES, body, 1, PUBLISHES_CHARS).next()?;
            let m = c.get(1)?;
            Some(field(m.as_str().to_string(), Span::new(m.start(), m.end())))
        });
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> Option<String> {
        find_meta(text, &[], text.len()).period.map(|p| format!("{}..{}", p.value.start, p.value.end))
    }

    #[test]
    fn period_forms() {
        let want = Some("2023-01-01..2023-12-31".to_string());
        assert_eq!(period("本报告所列数据统计时限均为2023年1月1日至2023年12月31日。"), want);
        assert_eq!(period("统计期限为自2023年1月1日起至2023年12月31日止。"), want);
        assert_eq!(period("报告数据统计期限为2023-01-01至2023-12-31"), want);
        // A date range without 统计/期限/时限 before it is not the statistics period.
        assert_eq!(period("活动于2023年5月1日至2023年5月3日举行。"), None);
    }

    #[test]
    fn front_matter_is_cut_on_a_char_boundary() {
        let text = "字".repeat(1000);
        assert!(find_meta(&text, &[], text.len()).title.is_none());
    }

    #[test]
    fn published_and_signed() {
        let text = "2023年度某局政府信息公开工作年度报告\n信息来源: 某局 发布时间: 2024-01-15 13: 17\n";
        let m = find_meta(text, &[], text.len());
        assert_eq!(m.published.map(|f| f.value.to_string()), Some("2024-01-15".into()));
        assert_eq!(m.issuer.map(|f| f.value), Some("某局".into()));
        assert_eq!(m.year.map(|f| f.value), Some(2023));
        assert_eq!(&text[m.year.unwrap().span.range()], "2023");
        // An empty label on its line does not take the next line's value.
        let text = "发布机构: \n栏目: 年报\n";
        let m = find_meta(text, &[], text.len());
        assert!(m.issuer.is_none());
    }

    #[test]
    fn an_issuer_name_is_cut_at_forty_characters() {
        let name = "甲".repeat(45);
        let text = format!("信息来源: {name}\n");
        let issuer = find_meta(&text, &[], text.len()).issuer.unwrap();
        assert_eq!(issuer.value, "甲".repeat(40));
        assert_eq!(&text[issuer.span.range()], "甲".repeat(40));
    }

    fn first_within<'h>(re: &'h Regex, hay: &'h str, chars: usize) -> Option<regex::Captures<'h>> {
        super::super::bounded::within(re, hay, 1, chars).next()
    }

    #[test]
    fn a_published_name_has_at_most_forty_characters() {
        assert_eq!(
            first_within(&PUBLISHES, "现予公布某局2023年", 40).map(|c| c[1].to_string()),
            Some("某局".into())
        );
        let far = format!("现予公布{}2023年", "甲".repeat(41));
        assert!(first_within(&PUBLISHES, &far, 40).is_none());
        // A later 现公布 within reach is found.
        let later = format!("现公布{}现公布某局2023年", "甲".repeat(41));
        assert_eq!(first_within(&PUBLISHES, &later, 40).map(|c| c[1].to_string()), Some("某局".into()));
    }
}
