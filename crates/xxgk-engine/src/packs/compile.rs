//! Checking and compiling `[[rule]]` tables into [`CompiledPacks`]: matchers built once.
use super::RuleDef;
use crate::diagnostic::{Severity, Text};
use crate::rule::RuleMeta;
use crate::settings::Substitution;
use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};
use std::ops::Range;
use toml::Spanned;
use xxgk_model::{SectionKey, TableKey};

/// Where a rule looks: the whole report, or one section's body.
pub(crate) type Scope = Option<SectionKey>;

/// A cell reference `table.row.column`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CellRef {
    pub table: TableKey,
    pub row: &'static str,
    pub column: &'static str,
}

/// One term of a `compare` side.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Term {
    Cell(CellRef),
    Number(f64),
}

/// A side of a `compare`: signed terms summed.
pub(crate) type Expr = Vec<(f64, Term)>;

/// What a compiled rule checks.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// A phrase (in the scope's automaton) or regex (in its set) must appear.
    Require { scope: Scope },
    /// A phrase or regex must not appear; a match may be replaced.
    Forbid { scope: Scope, replacement: Option<String> },
    /// Each wrong word (in the scope's automaton) should read right.
    Substitute { scope: Scope, words: Vec<Substitution> },
    /// A heading phrase must appear somewhere.
    RequireSection,
    /// A row label must appear in the table's section.
    RequireRow { table: TableKey },
    /// Publication by month/day of Y+1 for reports whose title or issuer has one of the phrases.
    Deadline { issuer: Vec<String>, month: u32, day: u32 },
    /// `left op right` over cells.
    Compare { left: Expr, op: String, right: Expr },
}

/// A compiled pack rule.
#[derive(Debug, Clone)]
pub struct PackRule {
    /// Its metadata (code, name, severity, doc), as for a built-in rule.
    pub meta: &'static RuleMeta,
    /// The pack that declares it.
    pub pack: String,
    pub(crate) kind: Kind,
    pub(crate) message: Text,
    pub(crate) help: Option<Text>,
    /// `require`/`forbid`: the phrase, or `None` for a regex.
    pub(crate) phrase: Option<String>,
    /// `require`/`forbid`: the regex.
    pub(crate) regex: Option<Regex>,
}

/// What a pattern in a scope's automaton stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// Index into [`CompiledPacks::rules`].
    pub rule: usize,
    /// For `substitute`: the word's index.
    pub word: usize,
}

/// The matchers of one scope.
#[derive(Debug, Default)]
pub(crate) struct ScopeMatchers {
    pub scope: Scope,
    pub ac: Option<AhoCorasick>,
    pub ac_hits: Vec<Hit>,
    pub set: Option<RegexSet>,
    pub set_rules: Vec<usize>,
}

/// Every loaded pack's rules, and their matchers grouped by scope.
#[derive(Debug, Default)]
pub struct CompiledPacks {
    /// The rules, in load order.
    pub rules: Vec<PackRule>,
    pub(crate) scopes: Vec<ScopeMatchers>,
}

/// A located problem in a `[[rule]]`: span, message, label, help.
pub(crate) type RuleError = (Option<Range<usize>>, String, String, Option<String>);

const KINDS: &str = "require, forbid, substitute, require-section, require-row, deadline, compare";

fn err(span: Range<usize>, message: String, label: &str, help: Option<&str>) -> RuleError {
    (Some(span), message, label.to_string(), help.map(str::to_string))
}

fn need<'d, T>(def: &RuleDef, value: &'d Option<T>, key: &str) -> Result<&'d T, RuleError> {
    value.as_ref().ok_or_else(|| {
        err(def.kind.span(), format!("a `{}` rule needs `{key}`", def.kind.get_ref()), "this kind", None)
    })
}

fn scope(def: &RuleDef) -> Result<Scope, RuleError> {
    let Some(section) = &def.section else { return Ok(None) };
    if section.get_ref() == "any" {
        return Ok(None);
    }
    SectionKey::from_name(section.get_ref()).map(Some).ok_or_else(|| {
        err(
            section.span(),
            format!("unknown section `{}`", section.get_ref()),
            "not a section",
            Some("a section is overview, proactive, requests, appeals, problems, other or any"),
        )
    })
}

fn table(value: &Spanned<String>) -> Result<TableKey, RuleError> {
    TableKey::ALL.into_iter().find(|t| t.as_str() == value.get_ref()).ok_or_else(|| {
        err(
            value.span(),
            format!("unknown table `{}`", value.get_ref()),
            "not a table",
            Some("a table is proactive, requests or appeals"),
        )
    })
}

/// Parse `a.b.c + d.e.f - 2` into signed terms, every cell checked against the template.
fn expr(value: &Spanned<String>) -> Result<Expr, RuleError> {
    let text = value.get_ref();
    let bad = |message: String| {
        err(value.span(), message, "this expression", Some("an expression is cells `table.row.column` and integers joined by + and -, e.g. \"requests.new.total + requests.carried_forward.total\""))
    };
    let mut out = Vec::new();
    let mut sign = 1.0;
    let mut expect_term = true;
    for token in text.split_whitespace().flat_map(split_ops) {
        match (token, expect_term) {
            ("+", false) => (sign, expect_term) = (1.0, true),
            ("-", false) => (sign, expect_term) = (-1.0, true),
            (t, true) => {
                let term = if let Ok(n) = t.parse::<f64>() {
                    Term::Number(n)
                } else {
                    let parts: Vec<&str> = t.split('.').collect();
                    let [t_key, row, column] = parts[..] else {
                        return Err(bad(format!("`{t}` is not a cell `table.row.column`")));
                    };
                    let table_key = TableKey::ALL
                        .into_iter()
                        .find(|k| k.as_str() == t_key)
                        .ok_or_else(|| bad(format!("unknown table `{t_key}` in `{t}`")))?;
                    let spec = table_key
                        .row(row)
                        .ok_or_else(|| bad(format!("table `{t_key}` has no row `{row}`")))?;
                    let col = spec
                        .column(column)
                        .ok_or_else(|| bad(format!("row `{t_key}.{row}` has no column `{column}`")))?;
                    Term::Cell(CellRef { table: table_key, row: spec.key, column: col.key })
                };
                out.push((sign, term));
                expect_term = false;
            }
            (t, _) => return Err(bad(format!("unexpected `{t}`"))),
        }
    }
    if expect_term {
        return Err(bad("the expression is empty or ends with an operator".to_string()));
    }
    Ok(out)
}

/// `a+b` → `a`, `+`, `b`.
fn split_ops(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if c == '+' || c == '-' {
            if i > start {
                out.push(&word[start..i]);
            }
            out.push(&word[i..i + 1]);
            start = i + 1;
        }
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// Leak a string for a `&'static RuleMeta` (a pack's rules live for the run).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Check and compile one rule of the pack `pack` at `version` (the rule's `since`).
pub(crate) fn compile_rule(pack: &str, version: &str, def: &RuleDef) -> Result<PackRule, RuleError> {
    let code = def.code.get_ref();
    let prefix_len = code.find(|c: char| c.is_ascii_digit()).unwrap_or(code.len());
    let (prefix, digits) = code.split_at(prefix_len);
    if prefix.is_empty()
        || digits.is_empty()
        || !prefix.chars().all(|c| c.is_ascii_uppercase())
        || !digits.chars().all(|c| c.is_ascii_digit())
    {
        return Err(err(
            def.code.span(),
            format!("bad rule code `{code}`"),
            "not a code",
            Some("a pack rule's code is capital letters and digits, e.g. SH001"),
        ));
    }
    if prefix == "XG" {
        return Err(err(
            def.code.span(),
            format!("the code `{code}` uses the built-in prefix XG"),
            "reserved prefix",
            Some("a pack's codes use the pack's own prefix, e.g. SH001"),
        ));
    }
    let name = def.name.get_ref();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(err(
            def.name.span(),
            format!("bad rule name `{name}`"),
            "not a kebab-case name",
            Some("a rule name is lowercase words joined by -, e.g. zhuanqu-missing"),
        ));
    }
    let severity = match &def.severity {
        None => Severity::Warning,
        Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
            err(
                s.span(),
                format!("unknown severity `{}`", s.get_ref()),
                "not a severity",
                Some("a severity is \"error\", \"warning\" or \"info\""),
            )
        })?,
    };
    let mut phrase = None;
    let mut regex = None;
    let mut pattern = || -> Result<(), RuleError> {
        match (&def.phrase, &def.regex) {
            (Some(p), None) if !p.get_ref().is_empty() => phrase = Some(p.get_ref().clone()),
            (Some(p), None) => return Err(err(p.span(), "an empty phrase".to_string(), "empty", None)),
            (None, Some(r)) => {
                let compiled = Regex::new(r.get_ref()).map_err(|e| {
                    let detail = e.to_string();
                    let last =
                        detail.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string();
                    err(r.span(), format!("bad regex `{}`", r.get_ref()), &last, None)
                })?;
                regex = Some(compiled);
            }
            (Some(p), Some(_)) => {
                return Err(err(
                    p.span(),
                    "a rule has `phrase` or `regex`, not both".to_string(),
                    "here",
                    None,
                ))
            }
            (None, None) => {
                return Err(err(
                    def.kind.span(),
                    format!("a `{}` rule needs `phrase` or `regex`", def.kind.get_ref()),
                    "this kind",
                    None,
                ))
            }
        }
        Ok(())
    };
    let kind = match def.kind.get_ref().as_str() {
        "require" => {
            pattern()?;
            Kind::Require { scope: scope(def)? }
        }
        "forbid" => {
            pattern()?;
            Kind::Forbid { scope: scope(def)?, replacement: def.replacement.clone() }
        }
        "substitute" => {
            let words = need(def, &def.words, "words")?;
            if let Some(w) = words.iter().find(|w| w.wrong.is_empty()) {
                return Err(err(
                    def.kind.span(),
                    format!("an empty `wrong` word (right = `{}`)", w.right),
                    "this rule",
                    None,
                ));
            }
            Kind::Substitute { scope: scope(def)?, words: words.clone() }
        }
        "require-section" => {
            let heading = need(def, &def.heading, "heading")?;
            phrase = Some(heading.get_ref().clone());
            Kind::RequireSection
        }
        "require-row" => {
            let t = table(need(def, &def.table, "table")?)?;
            let label = need(def, &def.label, "label")?;
            phrase = Some(label.get_ref().clone());
            Kind::RequireRow { table: t }
        }
        "deadline" => {
            let month = need(def, &def.month, "month")?;
            let day = need(def, &def.day, "day")?;
            if xxgk_model::Date::new(2001, *month.get_ref(), *day.get_ref()).is_none() {
                return Err(err(
                    month.span().start..day.span().end,
                    format!("no such date: month {} day {}", month.get_ref(), day.get_ref()),
                    "not a date",
                    None,
                ));
            }
            Kind::Deadline {
                issuer: def.issuer.clone().unwrap_or_default(),
                month: *month.get_ref(),
                day: *day.get_ref(),
            }
        }
        "compare" => {
            let left = expr(need(def, &def.left, "left")?)?;
            let right = expr(need(def, &def.right, "right")?)?;
            let op = need(def, &def.op, "op")?;
            if !["<=", "<", "==", "!=", ">=", ">"].contains(&op.get_ref().as_str()) {
                return Err(err(
                    op.span(),
                    format!("unknown operator `{}`", op.get_ref()),
                    "not an operator",
                    Some("op is one of <=, <, ==, !=, >=, >"),
                ));
            }
            Kind::Compare { left, op: op.get_ref().clone(), right }
        }
        other => {
            return Err(err(
                def.kind.span(),
                format!("unknown rule kind `{other}`"),
                "not a kind",
                Some(&format!("a kind is one of {KINDS}")),
            ));
        }
    };
    let fixable = matches!(&kind, Kind::Substitute { .. })
        || matches!(&kind, Kind::Forbid { replacement: Some(_), .. });
    let doc = def.doc.clone().unwrap_or_default();
    let meta: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
        code: leak(code.clone()),
        name: leak(name.clone()),
        severity,
        since: leak(version.to_string()),
        doc: leak(if doc.ends_with('\n') || doc.is_empty() { doc } else { format!("{doc}\n") }),
        fixable,
        enabled_by_default: def.enabled.unwrap_or(true),
    }));
    let text = |zh: &Option<String>, en: &Option<String>| {
        zh.as_ref().map(|zh| Text::new(zh.clone(), en.clone().unwrap_or_default()))
    };
    Ok(PackRule {
        meta,
        pack: pack.to_string(),
        kind,
        message: Text::new(def.message.clone(), def.message_en.clone().unwrap_or_default()),
        help: text(&def.help, &def.help_en),
        phrase,
        regex,
    })
}

/// Check and compile the rules of one pack; codes must share one prefix and be new to `taken`.
pub(crate) fn compile_layer(
    pack: &str,
    version: &str,
    defs: &[RuleDef],
    taken: &mut Vec<(String, String)>,
) -> Result<Vec<PackRule>, RuleError> {
    let mut out = Vec::new();
    let mut first_prefix: Option<String> = None;
    for def in defs {
        let rule = compile_rule(pack, version, def)?;
        let code = rule.meta.code;
        let prefix: String = code.chars().take_while(|c| c.is_ascii_uppercase()).collect();
        match &first_prefix {
            Some(p) if *p != prefix => {
                return Err(err(
                    def.code.span(),
                    format!("the code `{code}` does not share the pack's prefix {p}"),
                    "another prefix",
                    Some("every rule of a pack uses the same prefix"),
                ));
            }
            Some(_) => {}
            None => first_prefix = Some(prefix),
        }
        if crate::rules::all().iter().any(|r| r.meta().name == rule.meta.name) {
            return Err(err(
                def.name.span(),
                format!("the name `{}` is a built-in rule's", rule.meta.name),
                "taken",
                None,
            ));
        }
        if let Some((_, owner)) = taken.iter().find(|(c, _)| c == code) {
            return Err(err(
                def.code.span(),
                format!("duplicate rule code `{code}`"),
                &format!("already declared by the pack `{owner}`"),
                Some("every pack rule's code is unique across the loaded packs"),
            ));
        }
        taken.push((code.to_string(), pack.to_string()));
        out.push(rule);
    }
    Ok(out)
}

impl CompiledPacks {
    /// Group the rules' phrases and regexes by scope and build each scope's matchers once.
    pub(crate) fn new(rules: Vec<PackRule>) -> CompiledPacks {
        let mut scopes: Vec<ScopeMatchers> = Vec::new();
        let mut phrases: Vec<Vec<String>> = Vec::new();
        let mut regexes: Vec<Vec<String>> = Vec::new();
        let slot = |scopes: &mut Vec<ScopeMatchers>,
                    phrases: &mut Vec<Vec<String>>,
                    regexes: &mut Vec<Vec<String>>,
                    s: Scope| {
            if let Some(i) = scopes.iter().position(|m| m.scope == s) {
                return i;
            }
            scopes.push(ScopeMatchers { scope: s, ..ScopeMatchers::default() });
            phrases.push(Vec::new());
            regexes.push(Vec::new());
            scopes.len() - 1
        };
        for (i, rule) in rules.iter().enumerate() {
            let s = match &rule.kind {
                Kind::Require { scope } | Kind::Forbid { scope, .. } | Kind::Substitute { scope, .. } => {
                    *scope
                }
                Kind::RequireSection => None,
                Kind::RequireRow { table } => Some(table.section()),
                Kind::Deadline { .. } | Kind::Compare { .. } => continue,
            };
            let at = slot(&mut scopes, &mut phrases, &mut regexes, s);
            if let Kind::Substitute { words, .. } = &rule.kind {
                for (w, word) in words.iter().enumerate() {
                    phrases[at].push(word.wrong.clone());
                    scopes[at].ac_hits.push(Hit { rule: i, word: w });
                }
            } else if let Some(p) = &rule.phrase {
                phrases[at].push(p.clone());
                scopes[at].ac_hits.push(Hit { rule: i, word: 0 });
            } else if let Some(r) = &rule.regex {
                regexes[at].push(r.as_str().to_string());
                scopes[at].set_rules.push(i);
            }
        }
        for ((m, p), r) in scopes.iter_mut().zip(&phrases).zip(&regexes) {
            if !p.is_empty() {
                m.ac = AhoCorasick::new(p).ok();
            }
            if !r.is_empty() {
                // Each pattern compiled alone above, so the set compiles too.
                m.set = RegexSet::new(r).ok();
            }
        }
        CompiledPacks { rules, scopes }
    }
}
