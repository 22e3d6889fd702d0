//! The `xxgk` command line: check, extract, rules, explain.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// xxgk — 政府信息公开工作年度报告检查工具
#[derive(Parser)]
#[command(name = "xxgk", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read reports and print what was found.
    Extract {
        /// Output format.
        #[arg(long, default_value = "json")]
        format: String,
        /// Reports.
        paths: Vec<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { paths, .. } => {
            let mut out = Vec::new();
            for p in &paths {
                let bytes = match std::fs::read(p) {
                    Ok(b) => b,
                    Err(e) => {
                        eprintln!("{}: {e}", p.display());
                        return ExitCode::from(2);
                    }
                };
                match xxgk_adapters::read(&p.display().to_string(), &bytes, &Default::default()) {
                    Ok(r) => out.push(xxgk_model::extract_json(&r)),
                    Err(e) => {
                        eprintln!("{}: {e}", p.display());
                        return ExitCode::from(2);
                    }
                }
            }
            let json =
                if out.len() == 1 { out.pop().unwrap_or_default() } else { serde_json::Value::Array(out) };
            println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
            ExitCode::SUCCESS
        }
    }
}
