//! The template of 国办公开办函〔2021〕30号: sections, tables, row and column keys (MODEL.md §1–2).
use serde::Serialize;

/// One of the six sections, in template order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKey {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况
    Proactive,
    /// 三、收到和处理政府信息公开申请情况
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况
    Appeals,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

impl SectionKey {
    /// All six, in order.
    pub const ALL: [SectionKey; 6] = [
        SectionKey::Overview,
        SectionKey::Proactive,
        SectionKey::Requests,
        SectionKey::Appeals,
        SectionKey::Problems,
        SectionKey::Other,
    ];
    /// The key as in JSON (`overview`).
    pub fn as_str(self) -> &'static str {
        ["overview", "proactive", "requests", "appeals", "problems", "other"][self.index()]
    }
    /// 0-based position in the template.
    pub fn index(self) -> usize {
        self as usize
    }
    /// The Chinese numeral (一 … 六).
    pub fn number(self) -> &'static str {
        ["一", "二", "三", "四", "五", "六"][self.index()]
    }
    /// The canonical title.
    pub fn canonical_title(self) -> &'static str {
        [
            "总体情况",
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项",
        ][self.index()]
    }
    /// Title variants seen in real reports (accepted; XG103 notes them).
    pub fn variants(self) -> &'static [&'static str] {
        match self {
            SectionKey::Appeals => &[
                "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "政府信息公开行政复议和行政诉讼情况",
                "政府信息公开行政复议行政诉讼情况",
                "因政府信息公开被申请行政复议、提起行政诉讼情况",
            ],
            SectionKey::Problems => &[
                "政府信息公开工作存在的主要问题及改进情况",
                "存在问题及改进情况",
                "存在的主要问题和改进情况",
                "存在的主要问题及改进措施",
            ],
            SectionKey::Other => &["其他需要报告事项", "其它需要报告的事项"],
            SectionKey::Overview => &["总体工作情况"],
            SectionKey::Proactive => &["主动公开政府信息的情况"],
            SectionKey::Requests => &["收到和处理政府信息公开申请的情况"],
        }
    }
    /// The key from its JSON name.
    pub fn from_name(name: &str) -> Option<SectionKey> {
        SectionKey::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// One of the three tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKey {
    /// Table 2, 主动公开 (第二十条 items).
    Proactive,
    /// Table 3, 收到和处理政府信息公开申请.
    Requests,
    /// Table 4, 行政复议、行政诉讼.
    Appeals,
}

impl TableKey {
    /// All three.
    pub const ALL: [TableKey; 3] = [TableKey::Proactive, TableKey::Requests, TableKey::Appeals];
    /// The key as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TableKey::Proactive => "proactive",
            TableKey::Requests => "requests",
            TableKey::Appeals => "appeals",
        }
    }
    /// The table's number in the template (2, 3, 4).
    pub fn number(self) -> u8 {
        self as u8 + 2
    }
    /// The section the table sits in.
    pub fn section(self) -> SectionKey {
        match self {
            TableKey::Proactive => SectionKey::Proactive,
            TableKey::Requests => SectionKey::Requests,
            TableKey::Appeals => SectionKey::Appeals,
        }
    }
    /// Row specs in template order (for table 4 the rows are the three groups).
    pub fn rows(self) -> &'static [RowSpec] {
        match self {
            TableKey::Proactive => &T2_ROWS,
            TableKey::Requests => &T3_ROWS,
            TableKey::Appeals => &T4_GROUPS,
        }
    }
    /// The spec of a row by key.
    pub fn row(self, key: &str) -> Option<&'static RowSpec> {
        self.rows().iter().find(|r| r.key == key)
    }
}

/// A column: its key and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Canonical key (`natural_person`).
    pub key: &'static str,
    /// Label as in the template (自然人).
    pub label: &'static str,
    /// English label, for `--lang en`.
    pub label_en: &'static str,
}

/// A row: its key, label and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSpec {
    /// Canonical key (`unable_not_held`).
    pub key: &'static str,
    /// Short label as messages quote it (（四）1.本机关不掌握相关政府信息).
    pub label: &'static str,
    /// English label, for `--lang en`.
    pub label_en: &'static str,
    /// Columns, in order.
    pub columns: &'static [ColumnSpec],
}

impl RowSpec {
    /// The column spec by key.
    pub fn column(&self, key: &str) -> Option<&'static ColumnSpec> {
        self.columns.iter().find(|c| c.key == key)
    }
}

const fn col(key: &'static str, label: &'static str, label_en: &'static str) -> ColumnSpec {
    ColumnSpec { key, label, label_en }
}

const T2_DOCS: [ColumnSpec; 3] = [
    col("issued", "本年制发件数", "issued this year"),
    col("repealed", "本年废止件数", "repealed this year"),
    col("in_force", "现行有效件数", "in force"),
];
const T2_DECISIONS: [ColumnSpec; 1] = [col("decisions", "本年处理决定数量", "decisions this year")];
const T2_FEES: [ColumnSpec; 1] = [col("amount_wan", "本年收费金额（万元）", "fees this year (10k yuan)")];

/// Table 2 rows.
pub static T2_ROWS: [RowSpec; 6] = [
    RowSpec { key: "regulations", label: "规章", label_en: "regulations", columns: &T2_DOCS },
    RowSpec {
        key: "normative_documents",
        label: "行政规范性文件",
        label_en: "normative documents",
        columns: &T2_DOCS,
    },
    RowSpec { key: "licensing", label: "行政许可", label_en: "licensing", columns: &T2_DECISIONS },
    RowSpec { key: "penalty", label: "行政处罚", label_en: "penalties", columns: &T2_DECISIONS },
    RowSpec { key: "coercion", label: "行政强制", label_en: "coercive measures", columns: &T2_DECISIONS },
    RowSpec {
        key: "fees", label: "行政事业性收费", label_en: "administrative fees", columns: &T2_FEES
    },
];

/// Table 3 columns, the six applicant kinds then 总计.
pub static T3_COLUMNS: [ColumnSpec; 7] = [
    col("natural_person", "自然人", "natural persons"),
    col("commercial", "商业企业", "businesses"),
    col("research", "科研机构", "research institutions"),
    col("nonprofit", "社会公益组织", "non-profit organisations"),
    col("legal_service", "法律服务机构", "legal service providers"),
    col("other_org", "其他", "other organisations"),
    col("total", "总计", "total"),
];

macro_rules! t3 {
    ($($key:literal, $label:literal, $en:literal;)*) => {
        [$(RowSpec { key: $key, label: $label, label_en: $en, columns: &T3_COLUMNS }),*]
    };
}

/// Table 3 rows, in template order.
pub static T3_ROWS: [RowSpec; 25] = t3! {
    "new", "一、本年新收政府信息公开申请数量", "I. new requests this year";
    "carried_over", "二、上年结转政府信息公开申请数量", "II. carried over from last year";
    "granted", "三、（一）予以公开", "III.(1) granted";
    "partial", "三、（二）部分公开", "III.(2) partly granted";
    "denied_state_secret", "（三）1.属于国家秘密", "III.(3)1 denied: state secret";
    "denied_prohibited_by_law", "（三）2.其他法律行政法规禁止公开", "III.(3)2 denied: prohibited by law";
    "denied_three_safeties", "（三）3.危及“三安全一稳定”", "III.(3)3 denied: endangers security and stability";
    "denied_third_party", "（三）4.保护第三方合法权益", "III.(3)4 denied: third-party rights";
    "denied_internal_affairs", "（三）5.属于三类内部事务信息", "III.(3)5 denied: internal affairs";
    "denied_process_info", "（三）6.属于四类过程性信息", "III.(3)6 denied: process information";
    "denied_enforcement_file", "（三）7.属于行政执法案卷", "III.(3)7 denied: enforcement file";
    "denied_administrative_query", "（三）8.属于行政查询事项", "III.(3)8 denied: administrative query";
    "unable_not_held", "（四）1.本机关不掌握相关政府信息", "III.(4)1 unable: not held";
    "unable_needs_creation", "（四）2.没有现成信息需要另行制作", "III.(4)2 unable: needs creation";
    "unable_unclear", "（四）3.补正后申请内容仍不明确", "III.(4)3 unable: still unclear";
    "declined_complaint", "（五）1.信访举报投诉类申请", "III.(5)1 declined: petition or complaint";
    "declined_repeated", "（五）2.重复申请", "III.(5)2 declined: repeated";
    "declined_publication", "（五）3.要求提供公开出版物", "III.(5)3 declined: publication";
    "declined_excessive", "（五）4.无正当理由大量反复申请", "III.(5)4 declined: excessive";
    "declined_confirmation", "（五）5.要求行政机关确认或重新出具已获取信息", "III.(5)5 declined: confirmation";
    "other_no_correction", "（六）1.申请人逾期不补正", "III.(6)1 other: not corrected in time";
    "other_no_fee", "（六）2.申请人逾期未缴纳费用", "III.(6)2 other: fee not paid";
    "other_other", "（六）3.其他", "III.(6)3 other";
    "outcome_total", "（七）总计", "III.(7) total";
    "carried_forward", "四、结转下年度继续办理", "IV. carried forward";
};

/// The 21 outcome rows that (七)总计 sums (granted … other_other).
pub fn t3_outcome_rows() -> &'static [RowSpec] {
    &T3_ROWS[2..23]
}

/// Keys of the 21 outcome rows.
pub static T3_OUTCOME_ROWS: [&str; 21] = [
    "granted",
    "partial",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_three_safeties",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_file",
    "denied_administrative_query",
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear",
    "declined_complaint",
    "declined_repeated",
    "declined_publication",
    "declined_excessive",
    "declined_confirmation",
    "other_no_correction",
    "other_no_fee",
    "other_other",
];

/// Table 4 columns, in each group.
pub static T4_COLUMNS: [ColumnSpec; 5] = [
    col("upheld", "结果维持", "upheld"),
    col("corrected", "结果纠正", "corrected"),
    col("other", "其他结果", "other result"),
    col("pending", "尚未审结", "pending"),
    col("total", "总计", "total"),
];

/// Table 4 groups, each a row of five columns.
pub static T4_GROUPS: [RowSpec; 3] = [
    RowSpec { key: "review", label: "行政复议", label_en: "administrative review", columns: &T4_COLUMNS },
    RowSpec {
        key: "litigation_direct",
        label: "行政诉讼·未经复议直接起诉",
        label_en: "litigation without review",
        columns: &T4_COLUMNS,
    },
    RowSpec {
        key: "litigation_after_review",
        label: "行政诉讼·复议后起诉",
        label_en: "litigation after review",
        columns: &T4_COLUMNS,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn outcome_rows_are_the_template_slice() {
        let keys: Vec<_> = t3_outcome_rows().iter().map(|r| r.key).collect();
        assert_eq!(keys, T3_OUTCOME_ROWS);
        assert_eq!(T3_ROWS[23].key, "outcome_total");
    }
    #[test]
    fn section_round_trip() {
        for k in SectionKey::ALL {
            assert_eq!(SectionKey::from_name(k.as_str()), Some(k));
        }
        assert_eq!(TableKey::Appeals.number(), 4);
    }
}
