//! XG001 unreadable-input: the file cannot be read at all; the CLI reports it when an adapter fails.
use crate::{declare_rule, Checker, Rule, RuleMeta};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 文件能否被读取：二进制文件、损坏的 DOCX、无法识别的编码、空文件或超过大小上限的文件。
    /// 这条规则不检查报告内容：读取失败时由命令行报告，其余文件照常检查，整个运行以退出码 2 结束。
    /// ## 为什么
    /// 读不出来的文件无法检查；静默跳过会让人误以为它已通过检查。
    /// ## 依据
    /// 本工具的退出码约定（MODEL.md §4）：任一输入无法读取时退出码为 2。
    /// ## 示例
    /// ```text
    /// report.txt: XG001 不是文本文件：在第 12 字节处有 NUL
    /// ```
    /// ## 修复
    /// 另存为 UTF-8 或 GB18030 文本、HTML 或 DOCX；编码识别有误时用 `--encoding gb18030` 指定。
    /// ## English
    /// Reports a file that cannot be read at all (binary, corrupt DOCX, unknown encoding, empty,
    /// too large). The rule never looks at a report's content: the CLI emits it when an adapter
    /// fails, checks the other files, and ends the run with exit code 2. Fix: save the file as
    /// UTF-8 or GB18030 text, HTML or DOCX, or pass `--encoding`.
    pub UNREADABLE_INPUT = { code: "XG001", name: "unreadable-input", severity: Error, since: "0.1.0" }
}

/// XG001: a no-op over a report that was read; the CLI reports the failures.
pub(crate) struct UnreadableInput;

impl Rule for UnreadableInput {
    fn meta(&self) -> &'static RuleMeta {
        &UNREADABLE_INPUT
    }
    fn check(&self, _report: &Report, _cx: &mut Checker<'_>) {
        // A report that reached the rules was read; XG001 is the CLI's (see the doc).
    }
}
