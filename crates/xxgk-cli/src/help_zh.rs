//! `--help` in Chinese by default: the clap definition (args.rs, in English) with every
//! subcommand's and argument's help replaced from the catalogue below, and clap's own headings
//! ("Usage", "Commands", "Options") in Chinese. `--lang en` or `XXGK_LANG=en` keeps English.
//!
//! A test fails when an argument or subcommand has no entry here: add a line
//! `("SUBCOMMAND", "ARG_ID", "中文说明")` (`""` for the top level, `"-"` for the subcommand's own
//! description; ARG_ID is the field name in args.rs).
use crate::args::Cli;
use clap::{Arg, ArgMatches, Command, CommandFactory, FromArgMatches};
use xxgk_engine::Lang;

/// (subcommand, argument id, Chinese help); `"-"` is the subcommand's description.
static CATALOGUE: &[(&str, &str, &str)] = &[
    ("", "-", "xxgk：政府信息公开工作年度报告检查工具"),
    ("", "lang", "消息语言：zh（默认）或 en；也可用环境变量 XXGK_LANG"),
    ("", "color", "何时使用颜色（auto：标准输出是终端且未设置 NO_COLOR 时）"),
    ("", "help", "显示帮助"),
    ("", "version", "显示版本"),
    ("check", "-", "按规则检查报告并输出发现的问题"),
    ("check", "paths", "要检查的文件或目录（- 读标准输入）；默认当前目录"),
    ("check", "format", "输出格式（human：编译器风格；concise：一行一个；github：GitHub Actions 注释；html：整批报告的审阅页面，配合 --output；csv：一行一个问题）"),
    ("check", "output", "把输出写入这个文件而不是标准输出（先写临时文件再改名）"),
    ("check", "select", "只运行这些规则：代码（XG301）、族前缀（XG3）、规则名或 ALL，逗号分隔"),
    ("check", "extend_select", "在已选规则之外再运行这些规则"),
    ("check", "ignore", "不运行这些规则"),
    ("check", "severity", "调整级别：规则=级别（error、warning、info），逗号分隔"),
    ("check", "config", "使用这个配置文件，而不是自动查找的 xxgk.toml"),
    ("check", "baseline", "只报告不在这个基线文件中的问题"),
    ("check", "write_baseline", "把发现的问题写入这个基线文件，不输出（运行失败时才非 0 退出）"),
    ("check", "exit_zero", "有错误级别的问题也以 0 退出（运行失败仍为 2）"),
    ("check", "statistics", "只输出每个代码的问题数"),
    ("check", "summary", "只输出统计：每个文件按级别和代码的问题数、关键数字，以及全体汇总（human、json 或 csv）"),
    ("check", "quiet", "只输出汇总（-q），或什么都不输出（-qq）"),
    ("check", "fix", "就地应用安全的修复，再报告余下的问题（- 时修复后的文本写到标准输出）"),
    ("check", "unsafe_fixes", "也应用不安全的修复（含 --fix）"),
    ("check", "diff", "以统一 diff 显示 --fix 会做的修改，不写文件"),
    ("check", "exclude", "遍历目录时跳过匹配这个模式的文件和目录（gitignore 语法，可重复）"),
    ("check", "threads", "遍历和检查的线程数（默认每核一个）"),
    ("check", "previous", "所检查的单份报告（草稿）的上一年度报告：两年对照检查（XG7）"),
    ("check", "encoding", "强制使用这个文本编码（gb18030、utf-8、utf-16le……），不自动识别"),
    ("check", "stdin_filename", "标准输入（-）的文件名；其扩展名决定格式"),
    ("history", "-", "按年度列出每个发布机关报告的关键数字，以及配对问题（human、csv、json）"),
    ("history", "paths", "要读取的文件或目录（- 读标准输入）；默认当前目录"),
    ("history", "issuer", "只列出名称为 NAME 或含有 NAME 的发布机关（比较时去掉空白，全角字母数字按半角）"),
    ("history", "format", "输出格式（human：每个机关一张对齐的表；csv：每份报告一行；json：一个 JSON 文档）"),
    ("history", "output", "把输出写入这个文件而不是标准输出（先写临时文件再改名）"),
    ("history", "config", "使用这个配置文件，而不是自动查找的 xxgk.toml（其中的 series 配对设置生效）"),
    ("history", "exclude", "遍历目录时跳过匹配这个模式的文件和目录（gitignore 语法，可重复）"),
    ("history", "threads", "遍历和读取的线程数（默认每核一个）"),
    ("history", "encoding", "强制使用这个文本编码（gb18030、utf-8、utf-16le……），不自动识别"),
    ("history", "stdin_filename", "标准输入（-）的文件名；其扩展名决定格式"),
    ("extract", "-", "读取报告并输出识别结果：元数据、各部分、表格、推断"),
    ("extract", "paths", "要读取的文件或目录（- 读标准输入）"),
    ("extract", "format", "输出格式（csv：每个表格单元格一行）"),
    ("extract", "encoding", "强制使用这个文本编码（gb18030、utf-8、utf-16le……），不自动识别"),
    ("extract", "stdin_filename", "标准输入（-）的文件名；其扩展名决定格式"),
    ("rules", "-", "列出全部规则：代码、名称、默认级别、规则包、是否可修复"),
    ("rules", "format", "输出格式"),
    ("rules", "pack", "只列出这个规则包增加的规则：内置包名（guizhou、guizhou@0.1）或路径"),
    ("explain", "-", "按代码或名称显示一条规则的说明"),
    ("explain", "rule", "规则代码（XG301）或名称（fee-statement-missing）"),
    ("config", "-", "以 TOML 显示某个文件或目录生效的设置（合并全部配置）"),
    ("config", "show", "显示合并后的设置（默认且唯一的操作）"),
    ("config", "config", "使用这个配置文件，而不是自动查找的 xxgk.toml"),
    ("config", "path", "要显示其设置的文件或目录（默认当前目录）"),
    ("init", "-", "为一个内置规则包写一个带注释的 xxgk.toml（从不覆盖已有文件）"),
    ("init", "pack", "配置所基于的内置规则包：national（默认）、guizhou、hunan、liaoning（可写 guizhou@0.1 锁定版本）"),
    ("init", "dir", "写入 xxgk.toml 的目录（默认当前目录）"),
    ("completions", "-", "输出命令补全脚本（bash、zsh、fish、elvish、powershell）"),
    ("completions", "shell", "shell 的种类"),
    ("server", "-", "经标准输入输出运行语言服务器（LSP），供编辑器使用"),
    ("server", "stdio", "经标准输入输出通信（默认且唯一的方式；编辑器的 LSP 客户端会传这个参数）"),
    ("help", "-", "显示本帮助或某个子命令的帮助"),
];

fn lookup(sub: &str, id: &str) -> Option<&'static str> {
    CATALOGUE.iter().find(|(s, i, _)| *s == sub && *i == id).map(|(_, _, zh)| *zh)
}

/// The language of the help: `--lang X` / `--lang=X` on the command line, else `XXGK_LANG`,
/// else Chinese.
pub fn help_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(lang) = value.as_deref().and_then(Lang::parse) {
            return lang;
        }
    }
    std::env::var("XXGK_LANG").ok().as_deref().and_then(Lang::parse).unwrap_or_default()
}

fn localize_args(cmd: Command, sub: &str) -> Command {
    let sub = sub.to_string();
    cmd.mut_args(move |arg: Arg| {
        let id = arg.get_id().as_str().to_string();
        let heading = if arg.is_positional() { "参数" } else { "选项" };
        let Some(zh) = lookup(&sub, &id).or_else(|| lookup("", &id)) else {
            return arg.help_heading(heading);
        };
        // clap's list of values carries their English help: name the values in Chinese instead.
        let values: Vec<String> = if arg.get_action().takes_values() {
            arg.get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect()
        } else {
            Vec::new()
        };
        let help = if values.is_empty() {
            zh.to_string()
        } else {
            format!("{zh}；可选值：{}", values.join("、"))
        };
        arg.help(help).long_help(None::<&str>).hide_possible_values(true).help_heading(heading)
    })
}

/// The command with its help in Chinese.
pub fn localize(cmd: Command) -> Command {
    let template = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
    let mut cmd = cmd;
    // clap adds --help, --version and the `help` subcommand when it builds the command.
    cmd.build();
    let mut cmd = localize_args(cmd, "")
        .about(lookup("", "-").unwrap_or_default())
        .long_about(None::<&str>)
        .help_template(template)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| {
            let about = lookup(&name, "-");
            let sub = localize_args(sub, &name).help_template(template);
            match about {
                Some(zh) => sub.about(zh).long_about(None::<&str>),
                None => sub,
            }
        });
    }
    cmd
}

/// Parse the command line, with `--help` in the language of the command line or environment.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cmd = match help_lang(&args) {
        Lang::Zh => localize(Cli::command()),
        Lang::En => Cli::command(),
    };
    let matches: ArgMatches = cmd.get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument and subcommand of the real definition, `(subcommand, id)`.
    fn entries() -> Vec<(String, String)> {
        let mut cmd = Cli::command();
        cmd.build();
        let mut out = vec![(String::new(), "-".to_string())];
        out.extend(cmd.get_arguments().map(|a| (String::new(), a.get_id().to_string())));
        for sub in cmd.get_subcommands() {
            let name = sub.get_name().to_string();
            out.push((name.clone(), "-".to_string()));
            out.extend(
                sub.get_arguments()
                    .filter(|a| !a.is_global_set() && !["help", "version"].contains(&a.get_id().as_str()))
                    .map(|a| (name.clone(), a.get_id().to_string())),
            );
        }
        out
    }

    #[test]
    fn every_argument_and_subcommand_has_chinese_help() {
        let missing: Vec<String> = entries()
            .into_iter()
            .filter(|(sub, id)| lookup(sub, id).is_none())
            .map(|(sub, id)| format!("(\"{sub}\", \"{id}\", \"…\")"))
            .collect();
        assert!(missing.is_empty(), "add to CATALOGUE in src/help_zh.rs:\n{}", missing.join("\n"));
    }

    #[test]
    fn catalogue_has_no_stale_entries() {
        let all = entries();
        let stale: Vec<_> = CATALOGUE
            .iter()
            .filter(|(s, i, _)| !all.iter().any(|(sub, id)| sub == s && id == i))
            .map(|(s, i, _)| format!("{s}/{i}"))
            .collect();
        assert!(stale.is_empty(), "{stale:?}");
    }

    #[test]
    fn help_language_from_args_then_env() {
        let os = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(help_lang(&os(&["xxgk", "--lang", "en", "check", "--help"])), Lang::En);
        assert_eq!(help_lang(&os(&["xxgk", "check", "--lang=en", "-h"])), Lang::En);
        assert_eq!(help_lang(&os(&["xxgk", "--lang", "zh", "--help"])), Lang::Zh);
        assert_eq!(help_lang(&os(&["xxgk", "check", "--", "--lang", "en"])), lang_env());
    }

    fn lang_env() -> Lang {
        std::env::var("XXGK_LANG").ok().as_deref().and_then(Lang::parse).unwrap_or_default()
    }

    #[test]
    fn localized_command_is_valid() {
        localize(Cli::command()).debug_assert();
    }
}
