//! Command-line arguments (clap derive): `check`, `history`, `extract`, `rules`, `explain`, ….
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use xxgk_engine::Lang;

/// xxgk — 政府信息公开工作年度报告检查工具 (a linter for government information disclosure annual reports)
#[derive(Debug, Parser)]
#[command(name = "xxgk", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Message language: zh (default) or en.
    #[arg(long, global = true, env = "XXGK_LANG", value_parser = parse_lang, value_name = "zh|en")]
    pub lang: Option<Lang>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check reports against the rules and print the findings.
    Check(Box<CheckArgs>),
    /// Print each issuer's key figures year by year, with the pairing problems (human, csv, json).
    History(HistoryArgs),
    /// Read reports and print what was recognised: metadata, sections, tables, inferences.
    Extract(ExtractArgs),
    /// List every rule: code, name, default severity, pack, fixable.
    Rules(RulesArgs),
    /// Print the documentation of a rule, by code or name.
    Explain(ExplainArgs),
    /// Print the settings in force for a file or directory, as TOML (every config merged).
    Config(ConfigArgs),
    /// Write a commented xxgk.toml for a bundled pack (never overwrites one).
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Run the language server (LSP) over standard input and output, for editors.
    Server(ServerArgs),
}

/// Options of `xxgk server`.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Talk over standard input and output (the default and only transport; accepted because
    /// editors' LSP clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

/// Options of `xxgk init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The bundled pack the config builds on: national (default), guizhou, hunan, liaoning (a pin such as guizhou@0.1 is kept).
    #[arg(long, value_name = "NAME")]
    pub pack: Option<String>,
    /// The directory to write xxgk.toml in (default: the current directory).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Options of `xxgk completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Options of `xxgk config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the merged settings (the default and only action).
    #[arg(long)]
    pub show: bool,
    /// Use this configuration file instead of the discovered xxgk.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The file or directory whose settings to show (default: the current directory).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// Options of `xxgk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check (`-` reads standard input). Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, alias = "output-format", value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Write the output to this file instead of standard output (atomically: a temporary file renamed).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only these rules (codes, prefixes such as XG2, names, or ALL), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Also these rules, on top of the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Not these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Set a severity: SELECTOR=LEVEL (error, warning, info), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "SELECTOR=LEVEL")]
    pub severity: Vec<String>,
    /// Use this configuration file instead of the discovered xxgk.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the findings to this baseline file instead of printing them (exit 0 unless the run failed).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Exit 0 even when there are error-level findings (2 still means the run failed).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the number of findings per code instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print counts per file and by code, key figures and corpus totals instead of the findings (human, json or csv).
    #[arg(long, conflicts_with = "statistics")]
    pub summary: bool,
    /// Print only the summary (-q), or nothing (-qq).
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub quiet: u8,
    /// Apply the safe fixes in place, then report what remains (`-`: the fixed text goes to stdout).
    #[arg(long)]
    pub fix: bool,
    /// Apply the unsafe fixes too (implies --fix).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print what --fix would change, as a unified diff, without writing.
    #[arg(long)]
    pub diff: bool,
    /// Skip files and directories matching this glob under a directory (gitignore syntax; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Threads to walk and check with (default: one a core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Last year's report of the one report checked (a draft): compare the two across years (XG7).
    #[arg(long, value_name = "LAST_YEAR_FILE")]
    pub previous: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Options of `xxgk history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Files or directories to read (`-` reads standard input). Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only the issuers whose name is or contains NAME (whitespace dropped, full-width as half-width).
    #[arg(long, value_name = "NAME")]
    pub issuer: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Human)]
    pub format: HistoryFormat,
    /// Write the output to this file instead of standard output (atomically: a temporary file renamed).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use this configuration file instead of the discovered xxgk.toml (its `series` pairings apply).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Skip files and directories matching this glob under a directory (gitignore syntax; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Threads to walk and read with (default: one a core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Output formats of `history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// A table per issuer, aligned, with the pairing problems under it.
    Human,
    /// CSV, one row a report: issuer, year, path, previous, key figures, change of requests, problems.
    Csv,
    /// One JSON document: issuers with their reports by year, reports without an issuer, summary.
    Json,
}

/// How inputs are read, shared by `check`, `history` and `extract`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Force the text encoding (gb18030, utf-8, utf-16le, …) instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// The name to give standard input (`-`); its extension picks the format.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

/// Options of `xxgk extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories to read (`-` reads standard input).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Human)]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Readable text.
    Human,
    /// JSON.
    Json,
    /// CSV, one row a table cell: path, issuer, year, table, row, column, value, inferred.
    Csv,
}

/// Options of `xxgk rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimpleFormat::Human)]
    pub format: SimpleFormat,
    /// List only the rules this pack adds: a bundled pack's name (guizhou, guizhou@0.1) or a path.
    #[arg(long, value_name = "NAME|PATH")]
    pub pack: Option<String>,
}

/// Options of `xxgk explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (XG301) or name (fee-statement-missing).
    #[arg(value_name = "CODE|NAME")]
    pub rule: String,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Compiler-style, with the source line and carets.
    Human,
    /// One JSON document: files, diagnostics with lines and columns, summary (version 1).
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML.
    Junit,
    /// One line a finding: `path:line:col: CODE [severity] message`.
    Concise,
    /// One self-contained HTML audit page for the whole run (use with `--output FILE`).
    Html,
    /// CSV, one row a finding: path, line, column, code, severity, message.
    Csv,
}

/// Output formats of `extract` and `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimpleFormat {
    /// Readable text.
    Human,
    /// JSON.
    Json,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// Whether to colour standard output.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}` (expected zh or en)"))
}
