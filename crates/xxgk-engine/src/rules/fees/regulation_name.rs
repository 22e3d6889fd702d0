//! XG303 regulation-name: a misnamed citation of 《政府信息公开信息处理费管理办法》.
use crate::{declare_rule, Applicability, Checker, Diagnostic, Edit, Fix, Rule, RuleMeta, Text};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 报告中引用的书名号标题，含"信息公开""处理""办法"，与《政府信息公开信息处理费管理办法》
    /// 相近（相差不超过 4 个字，或含"处理费"），却又不是这个名称，如
    /// 《政府信息公开信息处理管理办法》（漏了"费"）、《政府信息公开处理费管理办法》（漏了"信息"）。
    /// 标题中完整含有正确名称的（如《××省贯彻〈政府信息公开信息处理费管理办法〉的实施细则》）不报告。
    /// ## 为什么
    /// 名称写错，读者就查不到所依据的文件，也显得报告不严谨。
    /// ## 依据
    /// 国务院办公厅关于印发《政府信息公开信息处理费管理办法》的通知（国办函〔2020〕109号）；
    /// 《中华人民共和国政府信息公开条例》（国务院令第711号）第四十二条。
    /// ## 示例
    /// "依据《政府信息公开信息处理管理办法》规定，本年度未收取信息处理费。"
    /// → "依据《政府信息公开信息处理费管理办法》规定……"
    /// ## 修复
    /// 改为正确名称。`--fix` 可自动改正：这是安全修复，只替换书名号内的名称，意思不变。
    /// ## English
    /// Warns on a cited title in 《》 that contains 信息公开, 处理 and 办法, is close to
    /// 《政府信息公开信息处理费管理办法》 (the fee measures issued by 国办函〔2020〕109号) — at most
    /// four characters apart, or containing 处理费 — but is not that name, e.g.
    /// 《政府信息公开信息处理管理办法》. Titles that contain the right name are fine. The fix
    /// (safe) replaces the name inside the brackets.
    pub REGULATION_NAME = { code: "XG303", name: "regulation-name", severity: Warning, since: "0.1.0", fixable: true }
}

/// XG303.
pub(crate) struct RegulationName;

/// The name as issued by 国办函〔2020〕109号.
pub(crate) const RIGHT: &str = "政府信息公开信息处理费管理办法";

static TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《([^《》\n]{1,40})》").expect("valid regex"));

/// Edit distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether a cited title is a misnaming of [`RIGHT`].
pub(crate) fn is_misnamed(title: &str) -> bool {
    !title.contains(RIGHT)
        && title.contains("信息公开")
        && title.contains("处理")
        && title.contains("办法")
        && (distance(title, RIGHT) <= 4 || title.contains("处理费"))
}

/// Compile this rule's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&TITLE);
}

impl Rule for RegulationName {
    fn meta(&self) -> &'static RuleMeta {
        &REGULATION_NAME
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        for caps in TITLE.captures_iter(&report.text) {
            let (Some(whole), Some(inner)) = (caps.get(0), caps.get(1)) else { continue };
            let title = inner.as_str();
            if !is_misnamed(title) {
                continue;
            }
            let inner_span = Span::new(inner.start(), inner.end());
            cx.report(
                Diagnostic::new(
                    &REGULATION_NAME,
                    Span::new(whole.start(), whole.end()),
                    Text::new(
                        format!("所引文件名称有误：《{title}》应为《{RIGHT}》"),
                        format!("The cited title 《{title}》 should read 《{RIGHT}》"),
                    ),
                )
                .with_help(Text::new(
                    format!("该办法由国务院办公厅以国办函〔2020〕109号印发，名称为《{RIGHT}》"),
                    format!("the measures were issued by 国办函〔2020〕109号 as 《{RIGHT}》"),
                ))
                .with_fix(Fix {
                    edits: vec![Edit { span: inner_span, replacement: RIGHT.to_string() }],
                    applicability: Applicability::Safe,
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misnamed_titles() {
        for t in [
            "政府信息公开信息处理管理办法",
            "政府信息公开处理费管理办法",
            "信息公开信息处理费管理办法",
            "政府信息公开信息处理费管理暂行办法",
        ] {
            assert!(is_misnamed(t), "{t}");
        }
        for t in [
            RIGHT,
            "××省贯彻〈政府信息公开信息处理费管理办法〉的实施细则",
            "政府信息公开申请办理答复规范",
            "××市政府信息公开申请处理办法",
            "中华人民共和国政府信息公开条例",
        ] {
            assert!(!is_misnamed(t), "{t}");
        }
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("政府信息公开信息处理管理办法", RIGHT), 1);
        assert_eq!(distance("政府信息公开处理费管理办法", RIGHT), 2);
        assert_eq!(distance(RIGHT, RIGHT), 0);
    }
}
