//! XG001 unreadable-input: the file cannot be read at all; the CLI reports it when an adapter fails.
use crate::{declare_rule, Checker, Rule, RuleMeta};
use xxgk_model::Report;

declare_rule! {
    /// ## 检查内容
    /// 输入文件能否读取：文件存在、不为空、不是二进制文件，且能识别其文本编码；PDF 须有文本层、
    /// 不需要打开密码，字形能映射为文字。
    /// 由命令行在读取失败时报告；规则本身不检查已读入的报告内容。
    /// ## 为什么
    /// 读不了的文件无法检查；把它当作一条诊断报告出来，批量检查不会因一个坏文件中断，
    /// 而运行以退出码 2 结束，提醒有文件未被检查。
    /// ## 依据
    /// 工具自身的运行约定（退出码 2：运行失败或有输入无法读取）。
    /// ## 示例
    /// 空文件、PDF 扫描件（无文本层）、需要打开密码的 PDF、编码无法识别的网页。
    /// ## 修复
    /// 换用报告的文本、HTML、DOCX 或带文本层的 PDF 版本；扫描件先进行 OCR；
    /// 编码识别错误时用 `--encoding gb18030` 指定。
    /// ## English
    /// Checks that an input can be read at all: it exists, is not empty, is not binary, and its
    /// text encoding can be recognised; a PDF must have a text layer, need no user password and
    /// have glyphs that map to text. An unreadable file is reported as a finding so that a
    /// batch goes on; the run then exits 2. Fix: use the text, HTML, DOCX or text-layer PDF
    /// version of the report (run OCR on a scan first), or force the encoding with
    /// `--encoding gb18030`.
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
