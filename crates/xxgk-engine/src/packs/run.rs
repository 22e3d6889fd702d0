//! Evaluating compiled pack rules on a report: one automaton pass and one `RegexSet` pass per
//! scope, then the `deadline` and `compare` rules.
use super::compile::{CompiledPacks, Expr, Kind, PackRule, Term};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Text};
use crate::rule::Checker;
use xxgk_model::{Date, Report, Span};

/// `{key}` placeholders of a message filled in, in both languages.
fn fill(text: &Text, vars: &[(&str, &str)]) -> Text {
    let apply = |s: &str| {
        let mut s = s.to_string();
        for (k, v) in vars {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    };
    Text::new(apply(&text.zh), apply(&text.en))
}

fn finding(rule: &PackRule, span: Span, vars: &[(&str, &str)]) -> Diagnostic {
    let mut d = Diagnostic::new(rule.meta, span, fill(&rule.message, vars));
    if let Some(help) = &rule.help {
        d = d.with_help(fill(help, vars));
    }
    d
}

/// Where a finding about the whole report goes: the title, else the first non-blank line.
fn anchor(report: &Report) -> Span {
    if let Some(title) = &report.meta.title {
        return title.span;
    }
    let text = &report.text;
    let start = text.len() - text.trim_start().len();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Span::new(start, end.max(start))
}

/// Run the enabled pack rules of `packs` on `report`, reporting through `cx`.
pub(crate) fn run(report: &Report, packs: &CompiledPacks, cx: &mut Checker<'_>) {
    let settings = cx.settings();
    let enabled: Vec<bool> = packs.rules.iter().map(|r| settings.is_enabled(r.meta)).collect();
    if !enabled.contains(&true) {
        return;
    }
    let mut found = vec![false; packs.rules.len()];
    let mut scope_present = vec![false; packs.rules.len()];
    for m in &packs.scopes {
        let (base, text) = match m.scope {
            None => (0, report.text.as_str()),
            Some(key) => match report.section(key) {
                Some(section) => (section.body.start as usize, report.slice(section.body)),
                None => continue,
            },
        };
        for hit in &m.ac_hits {
            scope_present[hit.rule] = true;
        }
        for &rule in &m.set_rules {
            scope_present[rule] = true;
        }
        if let Some(ac) = &m.ac {
            for mat in ac.find_overlapping_iter(text) {
                let hit = m.ac_hits[mat.pattern().as_usize()];
                if !enabled[hit.rule] {
                    continue;
                }
                found[hit.rule] = true;
                let rule = &packs.rules[hit.rule];
                let span = Span::new(base + mat.start(), base + mat.end());
                let matched = &text[mat.range()];
                match &rule.kind {
                    Kind::Forbid { replacement, .. } => {
                        let mut d = finding(rule, span, &[("found", matched)]);
                        if let Some(r) = replacement {
                            d = d.with_fix(safe_fix(span, r.clone()));
                        }
                        cx.report(d);
                    }
                    Kind::Substitute { words, .. } => {
                        let word = &words[hit.word];
                        let d = finding(
                            rule,
                            span,
                            &[("wrong", &word.wrong), ("right", &word.right), ("found", matched)],
                        )
                        .with_fix(safe_fix(span, word.right.clone()));
                        cx.report(d);
                    }
                    _ => {}
                }
            }
        }
        if let Some(set) = &m.set {
            for i in set.matches(text).iter() {
                let index = m.set_rules[i];
                if !enabled[index] {
                    continue;
                }
                found[index] = true;
                let rule = &packs.rules[index];
                let (Kind::Forbid { replacement, .. }, Some(regex)) = (&rule.kind, &rule.regex) else {
                    continue;
                };
                for caps in regex.captures_iter(text) {
                    let Some(whole) = caps.get(0) else { continue };
                    let span = Span::new(base + whole.start(), base + whole.end());
                    let mut d = finding(rule, span, &[("found", whole.as_str())]);
                    if let Some(r) = replacement {
                        let mut out = String::new();
                        caps.expand(r, &mut out);
                        d = d.with_fix(safe_fix(span, out));
                    }
                    cx.report(d);
                }
            }
        }
    }
    for (i, rule) in packs.rules.iter().enumerate() {
        if !enabled[i] {
            continue;
        }
        match &rule.kind {
            Kind::Require { scope } if !found[i] && scope_present[i] => {
                let span =
                    scope.and_then(|key| report.section(key)).map_or_else(|| anchor(report), |s| s.heading);
                cx.report(finding(rule, span, &[]));
            }
            Kind::RequireRow { table } if !found[i] && scope_present[i] => {
                let span = report.section(table.section()).map_or_else(|| anchor(report), |s| s.heading);
                cx.report(finding(rule, span, &[]));
            }
            Kind::RequireSection if !found[i] => cx.report(finding(rule, anchor(report), &[])),
            Kind::Deadline { issuer, month, day } => deadline(report, rule, issuer, *month, *day, cx),
            Kind::Compare { left, op, right } => compare(report, rule, left, op, right, cx),
            _ => {}
        }
    }
}

fn safe_fix(span: Span, replacement: String) -> Fix {
    Fix { edits: vec![Edit { span, replacement }], applicability: Applicability::Safe }
}

fn deadline(report: &Report, rule: &PackRule, issuer: &[String], month: u32, day: u32, cx: &mut Checker<'_>) {
    let Some(published) = &report.meta.published else { return };
    let Some(year) = &report.meta.year else { return };
    if !issuer.is_empty() {
        let title = report.meta.title.as_ref().map_or("", |t| t.value.as_str());
        let by = report.meta.issuer.as_ref().map_or("", |t| t.value.as_str());
        if !issuer.iter().any(|p| title.contains(p.as_str()) || by.contains(p.as_str())) {
            return;
        }
    }
    let Some(due) = Date::new(year.value + 1, month, day) else { return };
    if published.value <= due {
        return;
    }
    let (date, due) = (published.value.to_string(), due.to_string());
    cx.report(finding(rule, published.span, &[("found", &date), ("due", &due)]));
}

/// A side's value and the spans of its cells; `None` when a table or row is missing.
fn eval(report: &Report, expr: &Expr) -> Option<(f64, Vec<Span>)> {
    let mut sum = 0.0;
    let mut spans = Vec::new();
    for (sign, term) in expr {
        match term {
            Term::Number(n) => sum += sign * n,
            Term::Cell(c) => {
                let table = match c.table {
                    xxgk_model::TableKey::Proactive => report.tables.proactive.as_ref(),
                    xxgk_model::TableKey::Requests => report.tables.requests.as_ref(),
                    xxgk_model::TableKey::Appeals => report.tables.appeals.as_ref(),
                }?;
                let row = table.row(c.row)?;
                sum += sign * row.num(c.column);
                spans
                    .push(row.cell(c.column).and_then(|cell| cell.span).unwrap_or_else(|| row.values_span()));
            }
        }
    }
    Some((sum, spans))
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn compare(report: &Report, rule: &PackRule, left: &Expr, op: &str, right: &Expr, cx: &mut Checker<'_>) {
    let (Some((l, lspans)), Some((r, rspans))) = (eval(report, left), eval(report, right)) else { return };
    let holds = match op {
        "<=" => l <= r,
        "<" => l < r,
        "==" => (l - r).abs() < 1e-9,
        "!=" => (l - r).abs() >= 1e-9,
        ">=" => l >= r,
        _ => l > r,
    };
    if holds {
        return;
    }
    let Some(&span) = lspans.first().or(rspans.first()) else { return };
    let (lhs, rhs) = (number(l), number(r));
    let mut d = finding(rule, span, &[("lhs", &lhs), ("rhs", &rhs)]);
    for s in rspans.iter().filter(|s| **s != span) {
        d = d.with_label(*s, Text::new(format!("右边合计{rhs}"), format!("right side totals {rhs}")));
    }
    cx.report(d);
}
