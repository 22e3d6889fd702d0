//! The documented preference among readings that fit a table equally well (MODEL.md §2): the
//! reading whose numbers the report's own prose states ("现行有效行政规范性文件698件").
use crate::solver::{RowInput, RowResult, Token};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;
use xxgk_model::{InferenceStatus, Span, Value};

static COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9０-９]+)\s*(?:件次|人次|件|个|条|次|项|篇|份|起|宗)").unwrap());

/// Compile the count pattern now (see [`super::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&COUNT);
}

/// Counts the text states outside the table's tokens.
pub fn stated_counts(text: &str, inputs: &[RowInput]) -> HashSet<i64> {
    let tokens: Vec<Span> = inputs.iter().flat_map(|i| i.tokens.iter().map(|t| t.span)).collect();
    COUNT
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .filter(|m| !tokens.iter().any(|t| t.contains(Span::new(m.start(), m.end()))))
        .filter_map(|m| m.as_str().parse().ok())
        .collect()
}

fn support(values: &[Option<Value>], stated: &HashSet<i64>) -> usize {
    let distinct: HashSet<i64> =
        values.iter().flatten().filter_map(|v| v.as_int()).filter(|&v| v != 0).collect();
    distinct.iter().filter(|v| stated.contains(v)).count()
}

/// The spans of `values` read from `tokens` in order (each value's digits as printed).
fn spans_for(values: &[Option<Value>], tokens: &[Token]) -> Option<Vec<Option<Span>>> {
    let mut out = Vec::with_capacity(values.len());
    let (mut t, mut at) = (0usize, 0usize);
    for v in values {
        let Some(v) = v else {
            out.push(None);
            continue;
        };
        let digits = v.to_string();
        while t < tokens.len() && (tokens[t].blank || at >= tokens[t].text.len()) {
            t += 1;
            at = 0;
        }
        let tok = tokens.get(t)?;
        if !tok.text[at..].starts_with(&digits) {
            return None;
        }
        let start = tok.offsets[at] as usize;
        let end = tok.offsets.get(at + digits.len()).map_or(tok.span.end as usize, |&o| o as usize);
        out.push(Some(Span::new(start, end)));
        at += digits.len();
    }
    Some(out)
}

/// Words the prose uses for a row, so a count stated right after them speaks for that row.
fn row_words(key: &str) -> &'static [&'static str] {
    match key {
        "regulations" => &["规章"],
        "normative_documents" => &["规范性文件"],
        "licensing" => &["行政许可", "许可"],
        "penalty" => &["行政处罚", "处罚"],
        "coercion" => &["行政强制"],
        "new" => &["申请"],
        _ => &[],
    }
}

/// Counts stated within a short distance after one of `words`.
fn counts_after(text: &str, words: &[&str]) -> HashSet<i64> {
    let mut out = HashSet::new();
    for w in words {
        for (i, _) in text.match_indices(w) {
            let after = &text[i + w.len()..];
            let window: String = after.chars().take(24).collect();
            if let Some(c) = COUNT.captures(&window) {
                if let Some(v) = c.get(1).and_then(|m| m.as_str().parse().ok()) {
                    out.insert(v);
                }
            }
        }
    }
    out
}

/// For each ambiguous row, carry the reading the prose supports best: first by counts stated
/// right after the row's own words, then by counts stated anywhere; ties keep the solver's.
pub fn prefer_stated(text: &str, inputs: &[RowInput], results: &mut [RowResult]) {
    if !results.iter().any(|r| r.status == Some(InferenceStatus::Ambiguous)) {
        return;
    }
    let stated = stated_counts(text, inputs);
    for (input, r) in inputs.iter().zip(results.iter_mut()) {
        if r.status != Some(InferenceStatus::Ambiguous) {
            continue;
        }
        let near = counts_after(text, row_words(input.key));
        let score = |v: &[Option<Value>]| (support(v, &near), support(v, &stated));
        let current = score(&r.reading.values);
        let best = r
            .alternatives
            .iter()
            .enumerate()
            .map(|(i, a)| (score(a), i))
            .filter(|(s, _)| *s > current)
            .max_by_key(|(s, i)| (*s, std::cmp::Reverse(*i)));
        let Some((_, i)) = best else { continue };
        let Some(spans) = spans_for(&r.alternatives[i], &input.tokens) else { continue };
        let chosen = std::mem::replace(&mut r.alternatives[i], r.reading.values.clone());
        r.reading.values = chosen;
        r.reading.spans = spans;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str, at: usize) -> Token {
        Token {
            text: text.into(),
            span: Span::new(at, at + text.len()),
            offsets: (0..text.len()).map(|i| (at + i) as u32).collect(),
            blank: false,
        }
    }

    #[test]
    fn spans_follow_the_digits() {
        let toks = [token("8855698", 10)];
        let v = [Some(Value::Int(88)), Some(Value::Int(55)), Some(Value::Int(698))];
        assert_eq!(
            spans_for(&v, &toks),
            Some(vec![Some(Span::new(10, 12)), Some(Span::new(12, 14)), Some(Span::new(14, 17))])
        );
        assert_eq!(spans_for(&[Some(Value::Int(9))], &toks), None);
    }

    #[test]
    fn prose_counts_pick_the_reading() {
        let text =
            "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件，涉及8个领域。 8855698";
        let at = text.find("8855698").unwrap();
        let input = RowInput {
            key: "normative_documents",
            columns: 3,
            tokens: vec![token("8855698", at)],
            separated: false,
        };
        let v = |a: i64, b: i64, c: i64| vec![Some(Value::Int(a)), Some(Value::Int(b)), Some(Value::Int(c))];
        let mut results = vec![RowResult {
            reading: crate::solver::Reading { values: v(8, 8, 55698), spans: vec![None; 3], inferred: None },
            status: Some(InferenceStatus::Ambiguous),
            alternatives: vec![v(8, 855, 698), v(88, 55, 698)],
            problem: None,
        }];
        prefer_stated(text, std::slice::from_ref(&input), &mut results);
        assert_eq!(results[0].reading.values, v(88, 55, 698));
        assert_eq!(results[0].alternatives, vec![v(8, 855, 698), v(8, 8, 55698)]);
        assert_eq!(results[0].reading.spans[2], Some(Span::new(at + 4, at + 7)));
    }
}
