//! XG207 regulations-issuer: 规章 counts for a body that cannot make 规章 (county level and below).
use super::count_not_integer::table_name;
use super::sheet::num;
use crate::issuer::{county_marker, says_level};
use crate::{declare_rule, Checker, Diagnostic, Rule, RuleMeta, Text};
use xxgk_model::{Report, Span};

declare_rule! {
    /// ## 检查内容
    /// 表二"规章"一行（本年制发、本年废止、现行有效）有非 0 的数字，而发布机构是县级或
    /// 县级以下的机关。发布机构取自报告的"发布机构/信息来源"；没有，或其名称看不出层级
    /// （如只写"办公室"）时，取自标题。
    ///
    /// 判断层级的办法（启发式，宁漏勿错）：机构名称中出现下列行政区划字样，即视为县级或以下——
    /// "县"（含自治县）、"旗"、"区"（市辖区，如"鼎城区工信局"；也包括新区、开发区、园区、社区；
    /// 但"自治区""地区""特别行政区""区域"中的"区"不算：自治区是省级，地区是地级）、
    /// "乡"（"城乡""乡村"中的不算）、"镇"（"镇江"不算）、"街道"。
    /// 名称里看不出层级（如"市国资委"）时不报告；县级市从名称上看不出，也不报告。
    /// ## 为什么
    /// 规章只能由国务院各部门和省、自治区、直辖市、设区的市、自治州人民政府制定。县级及以下
    /// 机关填了规章件数，多半是把行政规范性文件或转发的上级规章填进了"规章"栏。
    /// ## 依据
    /// 《中华人民共和国立法法》（2023年修正）第九十一条、第九十三条；
    /// 《规章制定程序条例》第二条；国办公开办函〔2021〕30号年度报告格式表二"第二十条第（一）项"；
    /// 《中华人民共和国政府信息公开条例》第二十条第（一）项。
    /// ## 示例
    /// 发布机构"鼎城区工信局"，表二：`规章 | 1 | 0 | 1`。
    /// ## 修复
    /// 本机关制发的文件计入"行政规范性文件"；"规章"一行填 0。
    /// ## English
    /// Warns when table 2's 规章 (regulations) row has non-zero counts but the issuing body is
    /// at county level or below: only State Council departments and the governments of
    /// provinces, autonomous regions, municipalities, cities with districts and autonomous
    /// prefectures can make 规章 (Legislation Law arts. 91, 93). The level is read from the
    /// issuer's name (or the title): 县, 旗, 区 (a city district such as 鼎城区; not 自治区, which
    /// is provincial, nor 地区), 乡, 镇 (not 镇江) or 街道 mark county level or below; a name with
    /// none of them is not reported. Fix: count the body's own documents as normative documents
    /// and put 0 for regulations.
    pub REGULATIONS_ISSUER = { code: "XG207", name: "regulations-issuer", severity: Warning, since: "0.1.0" }
}

/// XG207.
pub(crate) struct RegulationsIssuer;

impl Rule for RegulationsIssuer {
    fn meta(&self) -> &'static RuleMeta {
        &REGULATIONS_ISSUER
    }
    fn check(&self, report: &Report, cx: &mut Checker<'_>) {
        let Some(table) = report.tables.proactive.as_ref() else { return };
        let Some(row) = table.row("regulations") else { return };
        if row.cells.iter().all(|c| c.num() == 0.0) {
            return;
        }
        // The issuer's name; the title only when the issuer's name says no level at all ("办公室").
        let issuer = report.meta.issuer.as_ref();
        let candidates =
            [issuer, issuer.filter(|f| says_level(&f.value)).map_or(report.meta.title.as_ref(), |_| None)];
        let Some((field, (at, marker))) =
            candidates.into_iter().flatten().find_map(|f| county_marker(&f.value).map(|m| (f, m)))
        else {
            return;
        };
        let (zh, n) = table_name(table.key);
        let counts: Vec<String> = ["issued", "repealed", "in_force"]
            .iter()
            .zip(["本年制发", "本年废止", "现行有效"])
            .map(|(k, l)| format!("{l} {}", num(row.num(k))))
            .collect();
        let name = &field.value;
        let message = Text::new(
            format!("{zh}“规章”有数字（{}），但“{name}”是县级或以下机关，无权制定规章", counts.join("，")),
            format!("Table {n} reports 规章 (regulations) for {name}, a county-level or lower body that cannot make them"),
        );
        let mut d = Diagnostic::new(&REGULATIONS_ISSUER, row.values_span(), message);
        // Point at the marker when the field's text is the name as written.
        let marker_span = if report.slice(field.span) == name.as_str() {
            Span::new(field.span.start as usize + at, field.span.start as usize + at + marker.len())
        } else {
            field.span
        };
        d = d.with_label(
            marker_span,
            Text::new(
                format!("名称中的“{marker}”表明是县级或以下"),
                format!("“{marker}” marks county level or below"),
            ),
        );
        cx.report(d.with_help(Text::new(
            "规章只能由国务院部门和省、自治区、直辖市、设区的市、自治州人民政府制定；本机关制发的文件计入“行政规范性文件”，“规章”填 0",
            "only State Council departments and provincial, municipal (with districts) and autonomous-prefecture \
             governments make 规章; count the body's own documents as normative documents and put 0 here",
        )));
    }
}
