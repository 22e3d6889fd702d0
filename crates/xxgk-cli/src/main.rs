//! The `xxgk` command line: check, history, extract, rules, explain, ….
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod check;
mod commands;
mod completions;
mod extract;
mod fix;
mod help_zh;
mod history;
mod init;
mod inputs;
mod render;
mod rules;
mod series;
mod server;

use args::{Cli, Command};
use render::Ctx;
use std::io::{self, Write};
use std::process::ExitCode;
use xxgk_adapters::ReadOptions;
use xxgk_engine::Lang;

/// Why a run failed (exit 2), as opposed to findings.
pub(crate) enum RunError {
    /// Writing the output failed (a closed pipe is not a failure).
    Io(io::Error),
    /// Bad arguments, bad configuration: said with miette.
    Report(miette::Report),
}

impl From<io::Error> for RunError {
    fn from(e: io::Error) -> Self {
        RunError::Io(e)
    }
}

impl From<miette::Report> for RunError {
    fn from(e: miette::Report) -> Self {
        RunError::Report(e)
    }
}

/// How a run ended.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Error-level findings counted for the exit code.
    pub(crate) errors: usize,
    /// The run failed: an input could not be read.
    pub(crate) failed: bool,
}

impl Outcome {
    fn exit_code(&self) -> ExitCode {
        if self.failed {
            ExitCode::from(2)
        } else if self.errors > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Messages hold Chinese and English; wrapping them at the terminal width splits words.
    let _ =
        miette::set_hook(Box::new(|_| Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())));
    // Compiling the patterns is most of a one-report check: done on two more threads from the
    // start, it overlaps parsing the command line, reading the config and the report. Nothing
    // waits for them (an argument `check` of another command only compiles them for nothing).
    if std::env::args_os().skip(1).any(|a| a == "check") {
        prepare_in_background();
    }
    match run(help_zh::parse()) {
        Ok(outcome) => outcome.exit_code(),
        Err(RunError::Io(err)) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(RunError::Io(err)) => {
            eprintln!("{:?}", miette::miette!("xxgk: {err}"));
            ExitCode::from(2)
        }
        Err(RunError::Report(err)) => {
            eprintln!("{err:?}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<Outcome, RunError> {
    let lang = cli.lang.unwrap_or_default();
    let color = cli.color.enabled();
    match cli.command {
        Command::Check(args) => check::check(*args, Ctx { lang, color }, cli.lang),
        Command::History(args) => history::history(&args, cli.lang),
        Command::Extract(args) => commands::extract_cmd(args, lang),
        Command::Rules(args) => commands::rules_cmd(&args, lang),
        Command::Explain(args) => commands::explain(&args, lang),
        Command::Config(args) => commands::config_cmd(&args, cli.lang),
        Command::Init(args) => init::init(&args, lang),
        Command::Completions(args) => completions::completions(&args),
        Command::Server(_) => server::server(cli.lang),
    }
}

/// Two threads take the compilation steps of the reader and of the rules in the order a check
/// needs them; the check itself compiles whatever it reaches first (each pattern is compiled
/// once, whoever gets there).
fn prepare_in_background() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let work = || loop {
        let i = NEXT.fetch_add(1, Ordering::Relaxed);
        let adapters = xxgk_adapters::recognise::PREPARE;
        let step = adapters.get(i).or_else(|| xxgk_engine::rules::PREPARE.get(i - adapters.len()));
        match step {
            Some(step) => step(),
            None => return,
        }
    };
    for _ in 0..2 {
        let _ = std::thread::Builder::new().spawn(work);
    }
}

pub(crate) fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// `--encoding` must name an encoding: a bad label is a bad argument, not N unreadable files.
pub(crate) fn read_options(encoding: Option<&String>) -> Result<ReadOptions, RunError> {
    if let Some(label) = encoding {
        if let Err(err @ xxgk_adapters::ReadError::UnknownEncoding(_)) =
            xxgk_adapters::decode::decode(b"x", Some(label))
        {
            return Err(miette::miette!(help = "例如 utf-8、gb18030、utf-16le", "--encoding: {err}").into());
        }
    }
    Ok(ReadOptions { format: None, encoding: encoding.cloned() })
}

pub(crate) fn no_reports(dir: &std::path::Path, lang: Lang) {
    match lang {
        Lang::Zh => eprintln!("{} 下没有找到报告（no reports found under {}）", dir.display(), dir.display()),
        Lang::En => eprintln!("no reports found under {}", dir.display()),
    }
}

pub(crate) fn json_bytes(v: &serde_json::Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}
