//! The template's row labels as patterns over the folded text (see `fold`).
//!
//! Each pattern matches the distinctive core of a label; a numbering prefix right before it
//! (一、 (一) 1. and the like) is taken into the label by `prefix_len`, so digits of the
//! previous row's cells glued to it ("00000002.其他法律…") stay with the cells.

/// A label of a table: a row with cells, or a group heading with none.
pub struct Label {
    /// Row key, or `None` for a group heading (（三）不予公开) that only bounds its neighbours.
    pub row: Option<&'static str>,
    /// Regex over the folded text.
    pub pattern: &'static str,
}

const fn row(key: &'static str, pattern: &'static str) -> Label {
    Label { row: Some(key), pattern }
}
const fn group(pattern: &'static str) -> Label {
    Label { row: None, pattern }
}

/// Table 3, in template order.
pub static T3: &[Label] = &[
    row("new", r"本年新收(?:的)?政府信息公开申请(?:数量|数|件数)?"),
    row("carried_over", r"上年结转(?:的)?政府信息公开申请(?:数量|数|件数)?"),
    group(r"本年度办理结果"),
    row("granted", r"予以公开"),
    row("partial", r"部分公开(?:\([^)]{0,30}\))?"),
    group(r"不予公开"),
    row("denied_state_secret", r"属于国家秘密"),
    row("denied_prohibited_by_law", r"其他法律行政法规禁止公开"),
    row("denied_three_safeties", r#"危及["“”'‘’]?三安全一稳定["“”'‘’]?"#),
    row("denied_third_party", r"保护第三方合法权益"),
    row("denied_internal_affairs", r"属于三类内部事务信息"),
    row("denied_process_info", r"属于四类过程性信息"),
    row("denied_enforcement_file", r"属于行政执法案卷"),
    row("denied_administrative_query", r"属于行政查询事项"),
    group(r"无法提供"),
    row("unable_not_held", r"本机关不掌握相关政府信息"),
    row("unable_needs_creation", r"没有现成信息需要另行制作"),
    row("unable_unclear", r"补正后申请内容仍不明确"),
    group(r"不予处理"),
    row("declined_complaint", r"信访举报投诉类申请"),
    row("declined_repeated", r"重复申请"),
    row("declined_publication", r"要求提供公开出版物"),
    row("declined_excessive", r"无正当理由大量反复申请"),
    row("declined_confirmation", r"要求行政机关确认或重新出具已获取信息"),
    group(r"其他处理"),
    row("other_no_correction", r"申请人无正当理由逾期不补正(?:[、,，]?行政机关不再处理其政府信息公开申请)?"),
    row("other_no_fee", r"申请人逾期未按收费通知要求缴纳费用(?:[、,，]?行政机关不再处理其政府信息公开申请)?"),
    row("other_other", r"3[.、．]其他"),
    row("outcome_total", r"七\)?[、.]?总计"),
    row("carried_forward", r"结转下年度继续办理"),
];

/// Table 2, in template order. Header cells bound the rows' values.
pub static T2: &[Label] = &[
    group(r"第二十条第\(?[一二三四五六七八九十]+\)?项"),
    row("regulations", r"规章"),
    row("normative_documents", r"(?:行政)?规范性文件"),
    group(r"第二十条第\(?[一二三四五六七八九十]+\)?项"),
    row("licensing", r"行政许可"),
    group(r"第二十条第\(?[一二三四五六七八九十]+\)?项"),
    row("penalty", r"行政处罚"),
    row("coercion", r"行政强制"),
    group(r"第二十条第\(?[一二三四五六七八九十]+\)?项"),
    row("fees", r"行政事业性收费"),
];

/// Table 4 laid out with its groups as rows (a header 结果维持 … 总计, then one row a group), as
/// some pages and documents print it; the template's own layout is read by `appeals_table`.
pub static T4_ROWS: &[Label] = &[
    row("review", r"行政复议"),
    group(r"行政诉讼"),
    row("litigation_direct", r"未经复议直接起诉"),
    row("litigation_after_review", r"复议后起诉"),
];

/// Length in bytes of a numbering prefix that ends at the end of `before` (folded text).
pub fn prefix_len(before: &str) -> usize {
    let mut chars = before.char_indices().rev();
    let Some((i, last)) = chars.next() else { return 0 };
    match last {
        // 一、 / 1、 / 1.
        '、' | '.' => match chars.next() {
            Some((j, c)) if is_numeral(c) || c.is_ascii_digit() => {
                // (一)、 is rare; 三、(一) is two labels and handled by the group label.
                before.len() - j
            }
            _ => before.len() - i,
        },
        // (一) / 一) / (1)
        ')' => match chars.next() {
            Some((j, c)) if is_numeral(c) || c.is_ascii_digit() => match chars.next() {
                Some((k, '(')) => before.len() - k,
                _ => before.len() - j,
            },
            _ => 0,
        },
        _ => 0,
    }
}

fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn prefixes() {
        assert_eq!(prefix_len("00000002."), 2);
        assert_eq!(prefix_len("0000000(三)"), "(三)".len());
        assert_eq!(prefix_len("0四)"), "四)".len());
        assert_eq!(prefix_len("结果一、"), "一、".len());
        assert_eq!(prefix_len("结果"), 0);
        assert_eq!(prefix_len(""), 0);
    }
}
