//! Family XG6 (用语): wording and hygiene — page furniture, placeholders, misspellings,
//! brackets, outdated legal citations, document numbers. See RULES.md.
use crate::Rule;

mod malformed_document_number;
mod outdated_law;
pub(crate) mod phrases;
mod placeholder;
mod unbalanced_brackets;
mod web_chrome;
// The file is named after its rule, XG603 wording (STYLE §7).
#[allow(clippy::module_inception)]
mod wording;

pub(crate) use malformed_document_number::MalformedDocumentNumber;
pub(crate) use outdated_law::OutdatedLaw;
pub(crate) use placeholder::Placeholder;
pub(crate) use unbalanced_brackets::UnbalancedBrackets;
pub(crate) use web_chrome::WebChrome;
pub(crate) use wording::{Wording, WORDING};

/// The rules of this family, sorted by code.
pub(crate) static RULES: &[&dyn Rule] =
    &[&WebChrome, &Placeholder, &Wording, &UnbalancedBrackets, &OutdatedLaw, &MalformedDocumentNumber];

/// Compile the family's patterns now (see [`crate::rules::prepare`]).
pub(super) fn prepare() {
    malformed_document_number::prepare();
    outdated_law::prepare();
    let national = crate::Options::national();
    let _ = phrases::PhraseSet::cached(national.placeholders.iter().map(String::as_str), true);
    let _ = phrases::PhraseSet::cached(national.wording.iter().map(|s| s.wrong.as_str()), false);
    let _ = phrases::PhraseSet::cached(national.web_chrome.iter().map(String::as_str), false);
}

#[cfg(test)]
mod tests {
    use crate::rules::structure::testing::report;
    use crate::{check, Settings};

    #[test]
    fn fixtures() {
        insta::glob!("fixtures/*", |p| insta::assert_snapshot!(crate::test::check_and_render(p)));
    }

    /// `code line:col message` for the findings of `select` on `text`.
    fn run(text: &str, select: &[&str]) -> Vec<String> {
        let r = report(text);
        let settings =
            Settings { select: select.iter().map(|s| s.to_string()).collect(), ..Settings::national() };
        let index = xxgk_model::LineIndex::new(&r.text);
        check(&r, &settings)
            .into_iter()
            .map(|d| {
                let (l, c) = index.line_col(&r.text, d.span.start as usize);
                format!("{} {l}:{c} {}", d.code, d.message.zh)
            })
            .collect()
    }

    #[test]
    fn web_chrome_with_what_trails_it_and_a_fix() {
        assert_eq!(
            run("信息来源:市国资委 浏览次数: 12\n【打印本页】【关闭窗口】\n", &["XG601"]),
            vec![
                "XG601 1:11 网页残留文字“浏览次数: 12”",
                "XG601 2:1 网页残留文字“【打印本页】”",
                "XG601 2:7 网页残留文字“【关闭窗口】”"
            ]
        );
        let r = report("字号:【\n正文");
        let settings = Settings { select: vec!["XG601".into()], ..Settings::national() };
        let d = check(&r, &settings);
        let fix = d[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, crate::Applicability::Safe);
        assert_eq!(r.slice(fix.edits[0].span), "字号:【");
        assert_eq!(fix.edits[0].replacement, "");
    }

    #[test]
    fn bracket_left_by_page_furniture_is_xg601s() {
        assert_eq!(run("字号:【\n", &["XG601", "XG604"]), vec!["XG601 1:1 网页残留文字“字号:【”"]);
        assert_eq!(run("字号:【\n", &["XG604"]), vec!["XG604 1:4 “【”没有对应的“】”：“【”"]);
    }

    #[test]
    fn wording_replaces_and_skips_other_words() {
        assert_eq!(
            run("二是建全工作机制。创建全国文明城市。", &["XG603"]),
            vec!["XG603 1:3 “建全”应为“健全”"]
        );
        let r = report("不子公开");
        let settings = Settings { select: vec!["XG603".into()], ..Settings::national() };
        let d = check(&r, &settings);
        assert_eq!(d[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()), Some("不予公开"));
    }

    #[test]
    fn placeholders_located() {
        assert_eq!(
            run("20XX年，申请人张××。\n公开××条", &["XG602"]),
            vec!["XG602 1:1 未完成的占位文字“20XX年”", "XG602 2:3 未完成的占位文字“××”"]
        );
    }

    /// What the family finds on the five seed reports, by file, code and line:column.
    #[test]
    fn seeds() {
        let got: Vec<String> = crate::rules::structure::testing::seed_findings(&["XG6"])
            .into_iter()
            .map(|l| l.splitn(4, ' ').take(3).collect::<Vec<_>>().join(" "))
            .collect();
        // Page furniture in four seeds; 002's table note lost its opening bracket; 004 writes 建全.
        assert_eq!(
            got,
            vec![
                "000 XG601 1:1",
                "000 XG601 6:36",
                "000 XG601 607:1",
                "000 XG601 607:6",
                "002 XG601 3:24",
                "002 XG604 85:33",
                "003 XG601 2:33",
                "003 XG601 2:39",
                "003 XG601 2:46",
                "004 XG601 6:1",
                "004 XG603 30:62",
                "004 XG601 471:1",
            ]
        );
    }
}
