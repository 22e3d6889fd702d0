//! Prose fingerprints: per-section shingle sketches robust to changed numbers and years, and
//! the sentences that name a year, for XG702.
//!
//! A section's prose is its body without the tables in it. It is normalised (digits, whatever
//! the width, become one `#` a run, so "2022年收到12件" and "2023年收到15件" read the same;
//! whitespace and punctuation are dropped, and so is every piece between whitespace that is one
//! of the template's labels or table headers, which every report has), then cut into
//! overlapping 4-character shingles. A section keeps only a bottom-k sketch ([`SKETCH`] smallest distinct hashes), so a report's facts stay
//! small whatever its length; two sketches estimate the Jaccard similarity of the two sets (and
//! give it exactly when a set has fewer than [`SKETCH`] shingles).
use super::facts::Loc;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;
use xxgk_model::{Report, SectionKey, Span, TableKey, T2_ROWS, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS};

/// Characters a shingle.
const SHINGLE: usize = 4;
/// Hashes kept a section.
pub const SKETCH: usize = 64;
/// Fewer distinct shingles than this, and a section is too short to call copied ("无。").
pub const MIN_SHINGLES: usize = 60;

/// A section's prose fingerprint.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionPrint {
    /// Which section.
    pub key: SectionKey,
    /// Its heading.
    pub heading: Loc,
    /// Distinct shingles in its prose, counted up to [`SKETCH`] (more is "at least SKETCH").
    pub shingles: usize,
    /// The smallest [`SKETCH`] shingle hashes, sorted.
    pub sketch: Vec<u64>,
}

/// A sentence that names the report year Y or the year before, Y−1.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Hash of the sentence with whitespace removed (numbers kept).
    pub hash: u64,
    /// Its first mention of Y (`2023年`).
    pub own_year: Option<Loc>,
    /// Its first mention of Y−1.
    pub last_year: Option<Loc>,
}

/// FNV-1a, 64 bits: a fixed hash, so sketches do not depend on the build or the run.
pub(crate) fn fnv(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The normalised characters of `text`: digit runs → `#`, whitespace and punctuation dropped.
pub(crate) fn normalise(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 3);
    for c in text.chars() {
        if c.is_numeric() {
            if out.last() != Some(&'#') {
                out.push('#');
            }
        } else if c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

fn shingle_hashes(chars: &[char]) -> impl Iterator<Item = u64> + '_ {
    chars.windows(SHINGLE).map(|w| {
        let mut buf = [0u8; 4 * SHINGLE];
        let mut n = 0;
        for c in w {
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        fnv(buf[..n].iter().copied())
    })
}

/// The [`SKETCH`] smallest distinct hashes of `hashes`, sorted: kept as they come (most are
/// larger than the largest kept, and cost one comparison), not all sorted.
fn bottom(hashes: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut kept: Vec<u64> = Vec::with_capacity(SKETCH + 1);
    for h in hashes {
        if kept.len() == SKETCH && h >= kept[SKETCH - 1] {
            continue;
        }
        if let Err(at) = kept.binary_search(&h) {
            kept.insert(at, h);
            kept.truncate(SKETCH);
        }
    }
    kept.shrink_to_fit();
    kept
}

/// Header words of the three tables, beside the row and column labels of the schema.
const TABLE_WORDS: &str = "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 \
    第二十条第（五）项 本年处理决定数量 第二十条第（六）项 第二十条第（八）项 本年收费金额（万元） \
    申请人情况 自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计 \
    本年度办理结果 予以公开 部分公开（区分处理的，只计这一情形，不计其他情形） 不予公开 无法提供 不予处理 其他处理 \
    行政复议 行政诉讼 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 \
    （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// Phrases every report has, normalised: the template's labels and table headers.
static TEMPLATE: LazyLock<HashSet<Vec<char>>> = LazyLock::new(|| {
    T2_ROWS
        .iter()
        .chain(&T3_ROWS)
        .chain(&T4_GROUPS)
        .map(|r| r.label)
        .chain(T2_ROWS.iter().flat_map(|r| r.columns.iter().map(|c| c.label)))
        .chain(T3_COLUMNS.iter().chain(&T4_COLUMNS).map(|c| c.label))
        .chain(TABLE_WORDS.split(' '))
        .chain(SectionKey::ALL.iter().map(|k| k.canonical_title()))
        .map(normalise)
        .collect()
});

/// The longest template phrase, in characters.
static TEMPLATE_LONGEST: LazyLock<usize> = LazyLock::new(|| TEMPLATE.iter().map(Vec::len).max().unwrap_or(0));

/// Whether `chars` is template phrases one after another: a table header printed with its
/// cells run together ("自然人法人或其他组织总计"), as text layouts without separators do.
fn all_template(chars: &[char]) -> bool {
    let n = chars.len();
    let longest = (*TEMPLATE_LONGEST).min(n);
    // Prose fails at its first character: no room is taken for it.
    if !(1..=longest).any(|len| TEMPLATE.contains(&chars[..len])) {
        return false;
    }
    // reach[i]: chars[..i] is template phrases.
    let mut reach = vec![false; n + 1];
    reach[0] = true;
    let mut furthest = 0;
    for i in 0..n {
        if i > furthest {
            return false;
        }
        if !reach[i] {
            continue;
        }
        for len in 1..=(*TEMPLATE_LONGEST).min(n - i) {
            if TEMPLATE.contains(&chars[i..i + len]) {
                reach[i + len] = true;
                furthest = furthest.max(i + len);
            }
        }
    }
    reach[n]
}

/// `text`'s prose, normalised: pieces (between whitespace and `|`) that are template phrases,
/// or template phrases run together, are left out.
fn prose(text: &str, into: &mut Vec<char>) {
    for piece in text.split(|c: char| c.is_whitespace() || c == '|' || c == '｜') {
        let chars = normalise(piece);
        if !chars.is_empty() && !TEMPLATE.contains(&chars) && !all_template(&chars) {
            into.extend(chars);
        }
    }
}

/// The fingerprint of each section's prose (tables cut out).
pub(crate) fn sections(report: &Report, loc: &dyn Fn(Span) -> Loc) -> Vec<SectionPrint> {
    let tables: Vec<Span> =
        TableKey::ALL.iter().filter_map(|k| report.tables.get(*k)).map(|t| t.span).collect();
    report
        .sections
        .iter()
        .map(|section| {
            let mut chars = Vec::new();
            let mut at = section.body.start;
            let mut cuts: Vec<Span> = tables
                .iter()
                .copied()
                .filter(|t| t.start < section.body.end && t.end > section.body.start)
                .collect();
            cuts.sort_by_key(|t| t.start);
            for cut in cuts.iter().chain([&Span { start: section.body.end, end: section.body.end }]) {
                if cut.start > at {
                    prose(report.slice(Span { start: at, end: cut.start }), &mut chars);
                }
                at = at.max(cut.end);
            }
            let sketch = bottom(shingle_hashes(&chars));
            SectionPrint { key: section.key, heading: loc(section.heading), shingles: sketch.len(), sketch }
        })
        .collect()
}

/// The estimated Jaccard similarity of two sections' shingle sets (bottom-k over their union).
pub fn similarity(a: &SectionPrint, b: &SectionPrint) -> f64 {
    let (mut i, mut j, mut union, mut both) = (0, 0, 0usize, 0usize);
    while union < SKETCH && (i < a.sketch.len() || j < b.sketch.len()) {
        match (a.sketch.get(i), b.sketch.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), None) => i += 1,
            _ => j += 1,
        }
        union += 1;
    }
    // A sketch that ran out while the other went on: past its end the sets are not known
    // to share anything, which the union count already reflects.
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// A year written as a year: four digits not inside a longer number, then 年.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9０-９]{2}) ?年").expect("valid regex"));

/// Shorter sentences (in characters) are not compared: a lone "2022年" says nothing.
const MIN_SENTENCE: usize = 8;

/// Compile the year pattern now (see [`crate::rules::PREPARE`]).
pub(crate) fn prepare() {
    LazyLock::force(&YEAR);
}

/// The sentences of `text` that name `year` or `year − 1`.
pub(crate) fn sentences(text: &str, year: i32, loc: &dyn Fn(Span) -> Loc) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let ends = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n'))
        .map(|(i, c)| (i, c.len_utf8()));
    for (end, width) in ends.chain([(text.len(), 0)]) {
        let sentence = &text[start..end];
        let base = start;
        start = end + width;
        if sentence.chars().filter(|c| !c.is_whitespace()).count() < MIN_SENTENCE {
            continue;
        }
        let (mut own, mut last) = (None, None);
        for c in YEAR.captures_iter(sentence) {
            let (Some(m), Some(y)) = (c.get(0), c.get(1)) else { continue };
            if sentence[..m.start()].chars().next_back().is_some_and(|p| p.is_ascii_digit()) {
                continue;
            }
            let span = Span::new(base + m.start(), base + m.end());
            match y.as_str().parse::<i32>() {
                Ok(y) if y == year && own.is_none() => own = Some(span),
                Ok(y) if y == year - 1 && last.is_none() => last = Some(span),
                _ => {}
            }
        }
        if own.is_none() && last.is_none() {
            continue;
        }
        out.push(Sentence {
            hash: fnv(sentence.chars().filter(|c| !c.is_whitespace()).collect::<String>().bytes()),
            own_year: own.map(loc),
            last_year: last.map(loc),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(text: &str) -> SectionPrint {
        let mut chars = Vec::new();
        prose(text, &mut chars);
        let hashes = bottom(shingle_hashes(&chars));
        let shingles = hashes.len();
        let heading = Loc { span: Span::default(), position: None, locator: None, excerpt: None };
        SectionPrint { key: SectionKey::Problems, heading, shingles, sketch: hashes }
    }

    #[test]
    fn the_sketch_is_the_smallest_distinct_hashes() {
        let hashes: Vec<u64> = (0..500u64).map(|i| (i * 7919) % 1000).chain([3, 3, 3]).collect();
        let mut all = hashes.clone();
        all.sort_unstable();
        all.dedup();
        all.truncate(SKETCH);
        assert_eq!(bottom(hashes.into_iter()), all);
        assert_eq!(bottom([5, 1, 5, 2].into_iter()), [1, 2, 5]);
    }

    #[test]
    fn numbers_and_years_do_not_matter() {
        assert_eq!(
            normalise("2022年收到 12 件，办结１０件。"),
            "#年收到#件办结#件".chars().collect::<Vec<_>>()
        );
        let a = print("2022年，我局共收到政府信息公开申请12件，全部按期答复，没有发生行政复议和诉讼案件。");
        let b = print("2023年，我局共收到政府信息公开申请45件，全部按期答复，没有发生行政复议和诉讼案件。");
        assert_eq!(similarity(&a, &b), 1.0);
    }

    #[test]
    fn different_prose_is_not_similar() {
        let a = print("一是政务公开专栏更新不够及时，二是解读形式较为单一，三是工作人员业务能力有待提高。");
        let b = print("下一步将加强队伍建设，围绕重点领域丰富解读形式，进一步完善依申请公开办理流程。");
        assert!(similarity(&a, &b) < 0.1, "{}", similarity(&a, &b));
        assert_eq!(similarity(&a, &a), 1.0);
        assert_eq!(similarity(&print(""), &print("")), 0.0);
    }

    #[test]
    fn template_labels_are_not_prose() {
        assert_eq!(print("申请人情况 自然人 商业企业 科研机构 总计").shingles, 0);
        // Headers run together, as a layout without separators prints them.
        assert_eq!(
            print("自然人法人或其他组织总计\n商业企业科研机构社会公益组织法律服务机构其他").shingles,
            0
        );
        // Prose that starts or ends with a label is prose.
        assert!(print("自然人申请占全部申请的八成以上").shingles > 0);
        assert!(print("本年度收到的申请中以自然人").shingles > 0);
    }

    #[test]
    fn sentences_naming_the_year_or_the_year_before() {
        let loc = |span: Span| Loc { span, position: None, locator: None, excerpt: None };
        let text = "2022年，我局共收到申请12件。2023年1月1日至2023年12月31日\n较2022年增长明显的是依申请公开\n短句2022年。编号120221年度";
        let found = sentences(text, 2023, &loc);
        let spans: Vec<(Option<&str>, Option<&str>)> = found
            .iter()
            .map(|s| {
                (
                    s.own_year.as_ref().map(|l| &text[l.span.range()]),
                    s.last_year.as_ref().map(|l| &text[l.span.range()]),
                )
            })
            .collect();
        assert_eq!(spans, [(None, Some("2022年")), (Some("2023年"), None), (None, Some("2022年"))]);
        assert_ne!(found[0].hash, found[2].hash);
    }
}
