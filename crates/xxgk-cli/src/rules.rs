//! The rules as the CLI lists them: the engine's registry, plus XG001 which the CLI itself reports.
use xxgk_engine::{declare_rule, Lang, RuleMeta};

declare_rule! {
    /// ## 检查内容
    /// 输入文件能否读取：文件存在、不为空、不是二进制文件，且能识别其文本编码。
    /// ## 为什么
    /// 读不了的文件无法检查；把它当作一条诊断报告出来，批量检查不会因一个坏文件中断，
    /// 而运行以退出码 2 结束，提醒有文件未被检查。
    /// ## 依据
    /// 工具自身的运行约定（退出码 2：运行失败或有输入无法读取）。
    /// ## 示例
    /// 空文件、PDF 扫描件改名为 .txt、编码无法识别的网页。
    /// ## 修复
    /// 换用报告的文本、HTML 或 DOCX 版本；编码识别错误时用 `--encoding gb18030` 指定。
    /// ## English
    /// Checks that an input can be read at all: it exists, is not empty, is not binary, and its
    /// text encoding can be recognised. An unreadable file is reported as a finding so that a
    /// batch goes on; the run then exits 2. Fix: use the text, HTML or DOCX version of the
    /// report, or force the encoding with `--encoding gb18030`.
    pub UNREADABLE_INPUT = { code: "XG001", name: "unreadable-input", severity: Error, since: "0.1.0" }
}

/// Every rule, sorted by code: the registry's, and XG001 unless the registry has it.
pub fn all() -> Vec<&'static RuleMeta> {
    let mut all: Vec<&'static RuleMeta> = xxgk_engine::rules::all().iter().map(|r| r.meta()).collect();
    if !all.iter().any(|m| m.code == UNREADABLE_INPUT.code) {
        all.push(&UNREADABLE_INPUT);
    }
    all.sort_by_key(|m| m.code);
    all
}

/// The XG001 metadata in force.
pub fn unreadable() -> &'static RuleMeta {
    xxgk_engine::rules::find(UNREADABLE_INPUT.code).unwrap_or(&UNREADABLE_INPUT)
}

/// A rule by code (any case) or name.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    all().into_iter().find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

/// The pack a rule comes from.
pub fn pack(_meta: &RuleMeta) -> &'static str {
    "national"
}

/// The doc as Markdown: `///` lines lose the one space after the slashes.
pub fn doc(meta: &RuleMeta) -> String {
    let mut out = String::new();
    for line in meta.doc.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The doc in a language: the whole doc for Chinese, the part after `## English` for English
/// (the whole doc when a rule has no English part).
pub fn doc_in(meta: &RuleMeta, lang: Lang) -> String {
    let doc = doc(meta);
    match lang {
        Lang::Zh => doc,
        Lang::En => match doc.split_once("## English\n") {
            Some((_, en)) => en.trim_start().to_string(),
            None => doc,
        },
    }
}

/// The first paragraph of what the rule checks: `## 检查内容` in Chinese, the English part in English.
pub fn short(meta: &RuleMeta, lang: Lang) -> String {
    let doc = doc(meta);
    let body = match lang {
        Lang::En => doc.split_once("## English\n").map(|(_, en)| en.to_string()),
        Lang::Zh => doc.split_once("## 检查内容\n").map(|(_, zh)| zh.to_string()),
    }
    .unwrap_or(doc);
    let mut para = Vec::new();
    for line in body.lines() {
        if line.starts_with('#') || (line.trim().is_empty() && !para.is_empty()) {
            break;
        }
        if !line.trim().is_empty() {
            para.push(line.trim());
        }
    }
    let sep = if lang == Lang::En { " " } else { "" };
    let text = para.join(sep);
    if text.is_empty() {
        meta.name.to_string()
    } else {
        text
    }
}

/// Similar codes or names, for "did you mean" (edit distance at most 2, or a shared prefix).
pub fn suggest(query: &str) -> Vec<&'static RuleMeta> {
    let q = query.to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static RuleMeta)> = all()
        .into_iter()
        .filter_map(|m| {
            let d = distance(&q, &m.code.to_ascii_lowercase()).min(distance(&q, m.name));
            let prefix = q.len() >= 4 && (m.name.starts_with(&q) || m.name.contains(&q));
            (d <= 2 || prefix).then_some((d, m))
        })
        .collect();
    scored.sort_by_key(|(d, m)| (*d, m.code));
    scored.into_iter().take(3).map(|(_, m)| m).collect()
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xg001_is_listed_once() {
        assert_eq!(all().iter().filter(|m| m.code == "XG001").count(), 1);
        assert_eq!(find("xg001").map(|m| m.name), Some("unreadable-input"));
        assert_eq!(find("unreadable-input").map(|m| m.code), Some("XG001"));
    }

    #[test]
    fn doc_parts() {
        let en = doc_in(&UNREADABLE_INPUT, Lang::En);
        assert!(en.starts_with("Checks that an input can be read at all"));
        assert!(!en.contains("检查内容"));
        assert!(doc_in(&UNREADABLE_INPUT, Lang::Zh).starts_with("## 检查内容\n输入文件能否读取"));
        assert_eq!(
            short(&UNREADABLE_INPUT, Lang::Zh),
            "输入文件能否读取：文件存在、不为空、不是二进制文件，且能识别其文本编码。"
        );
        assert!(short(&UNREADABLE_INPUT, Lang::En).ends_with("the run then exits 2. Fix: use the text, HTML or DOCX version of the report, or force the encoding with `--encoding gb18030`."));
    }

    #[test]
    fn suggestions() {
        assert_eq!(distance("xg010", "xg001"), 2);
        assert_eq!(suggest("XG0001").first().map(|m| m.code), Some("XG001"));
        assert_eq!(suggest("unreadable").first().map(|m| m.code), Some("XG001"));
        assert!(suggest("zzzzzzzzzz").is_empty());
    }
}
