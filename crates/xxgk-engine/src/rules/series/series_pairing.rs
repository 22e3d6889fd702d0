//! XG706 series-pairing: a run's reports cannot be paired into one series per issuer.
use crate::series::Facts;
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 一次检查多份报告时，按机关（标题中的机关，否则为报告中的发布机构、信息来源）和年度（标题或统计期限）
    /// 把报告排成每个机关逐年的序列，再与上一年度的报告对照（XG701、XG702、XG703）。
    /// 配对有问题时报告，而不猜测：
    /// 1. 同一机关同一年度有两份以上报告，而该机关在本次检查中还有其他年度的报告
    ///    （只有同一年度的初稿和定稿时不报告）；
    /// 2. 两份报告之间缺了年度（有2021年和2023年，没有2022年）；
    /// 3. 报告的发布机关或年度无法确定（只在本次检查中有同一机关不同年度的报告时报告，
    ///    互不相关的一批报告不会因此报警）；
    /// 4. `--previous` 或配置 `series` 指定的上年报告不在本次检查的文件中。
    /// ## 为什么
    /// 配错了对，跨年度的比较就会得出错误的结论；说清楚哪里配不上，用户才能补上缺少的报告
    /// 或指定配对。
    /// ## 依据
    /// 《中华人民共和国政府信息公开条例》第四十九条（每年公布上一年度的年度报告）。
    /// ## 示例
    /// ```text
    /// reports/2022.txt   某某区财政局 2022年
    /// reports/2023a.txt  某某区财政局 2023年
    /// reports/2023b.txt  某某区财政局 2023年
    /// ```
    /// ## 修复
    /// 删去重复的报告或补上缺少的年度；用 `--previous 上年报告` 为单份报告指定上年报告；
    /// 在配置中指定：
    /// ```toml
    /// [settings]
    /// series = [{ path = "2023b.txt", issuer = "某某区财政局", year = 2023, previous = "2022.txt" }]
    /// ```
    /// ## English
    /// In a run over several reports, reports are put into one series per issuer (the body the
    /// title names, else the report's 发布机构/信息来源) and year (from the title or the statistics
    /// period) and compared with last year's (XG701–XG703). Pairing problems are reported, not
    /// guessed: two reports of one issuer and year (when the issuer has other years in the run:
    /// a draft beside its final version alone is fine), a missing year between two reports, a
    /// report whose issuer or year cannot be told (only when the run holds one issuer's reports
    /// of several years), or a `--previous` or config `series` report that is not in the run.
    /// Fix: remove the duplicate or add the missing year, or pair explicitly with `--previous`
    /// or a `[settings] series` entry.
    pub SERIES_PAIRING = { code: "XG706", name: "series-pairing", severity: Info, since: "0.2.0" }
}

/// The rule.
pub(crate) struct SeriesPairing;

impl Rule for SeriesPairing {
    fn meta(&self) -> &'static RuleMeta {
        &SERIES_PAIRING
    }
    // Cross-file: `crate::series::pair` reports pairing problems.
    fn check(&self, _report: &Report, _cx: &mut Checker<'_>) {}
}

fn help() -> Text {
    Text::new(
        "补上缺少的报告、删去重复的报告，或用 --previous 或配置中的 series 指定配对",
        "Add the missing report or remove the duplicate, or pair explicitly with --previous or a config `series` entry",
    )
}

/// Two or more reports of one issuer and year: a finding on `this`, naming the `others`.
pub(crate) fn duplicate(this: &Facts, year: i32, others: &[&Facts]) -> Diagnostic {
    let issuer = this.issuer_name();
    let n = others.len() + 1;
    let names: Vec<&str> = others.iter().map(|f| f.path.as_str()).collect();
    let mut d = Diagnostic::new(
        &SERIES_PAIRING,
        this.anchor.span,
        Text::new(
            format!("{issuer}{year}年度有{n}份报告：本文件与 {}", names.join("、")),
            format!("{n} reports of {issuer} for {year}: this file and {}", names.join(", ")),
        ),
    )
    .with_help(help());
    for other in others {
        d = d.with_related(other.anchor.related(
            &other.path,
            Text::new("同一机关同一年度的另一份报告", "another report of the same issuer and year"),
        ));
    }
    d
}

/// `this` (year `year`) follows `before` (year `before_year`) with years missing between them.
pub(crate) fn gap(this: &Facts, year: i32, before_year: i32, before: &Facts) -> Diagnostic {
    let issuer = this.issuer_name();
    let (first, last) = (before_year + 1, year - 1);
    let (zh, en) = if first == last {
        (format!("{first}"), format!("{first}"))
    } else {
        (format!("{first}—{last}"), format!("{first}–{last}"))
    };
    let path = &before.path;
    Diagnostic::new(
        &SERIES_PAIRING,
        this.anchor.span,
        Text::new(
            format!("缺少{issuer}{zh}年度的报告：上一份是{before_year}年度的 {path}"),
            format!("No report of {issuer} for {en}: the one before is {before_year}'s {path}"),
        ),
    )
    .with_help(help())
    .with_related(
        before
            .anchor
            .related(path, Text::new(format!("{before_year}年度报告"), format!("the {before_year} report"))),
    )
}

/// The issuer of `this` cannot be told.
pub(crate) fn issuer_unknown(this: &Facts) -> Diagnostic {
    Diagnostic::new(
        &SERIES_PAIRING,
        this.anchor.span,
        Text::new(
            "无法确定本报告的发布机关，不能与其他年度的报告配对",
            "The issuer of this report cannot be told, so it cannot be paired with other years' reports",
        ),
    )
    .with_help(Text::new(
        "在报告中写明发布机构，或在配置 series 中为它指定 issuer",
        "State the issuer (发布机构) in the report, or give it in a config `series` entry",
    ))
}

/// The year of `this` cannot be told.
pub(crate) fn year_unknown(this: &Facts) -> Diagnostic {
    let issuer = this.issuer_name();
    Diagnostic::new(
        &SERIES_PAIRING,
        this.anchor.span,
        Text::new(
            format!("无法确定{issuer}这份报告的年度，不能与其他年度的报告配对"),
            format!("The year of this report of {issuer} cannot be told, so it cannot be paired with other years' reports"),
        ),
    )
    .with_help(Text::new(
        "在标题或统计期限中写明年度，或在配置 series 中为它指定 year",
        "State the year in the title or the statistics period, or give it in a config `series` entry",
    ))
}

/// The named last year's report `wanted` is not in the run.
pub(crate) fn previous_not_found(this: &Facts, wanted: &str) -> Diagnostic {
    Diagnostic::new(
        &SERIES_PAIRING,
        this.anchor.span,
        Text::new(
            format!("指定的上年报告 {wanted} 不在本次检查的文件中"),
            format!("The named last year's report {wanted} is not among the files checked"),
        ),
    )
    .with_help(Text::new(
        "把上年报告一并检查，或改正配置中的路径",
        "Check last year's report too, or correct the path",
    ))
}
