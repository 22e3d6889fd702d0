//! `xxgk-gen`: write a generated corpus with its answer key, or print xxgk's quality against it.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  xxgk-gen corpus --n N [--seed S] --out DIR   write N reports under DIR and DIR/answers.jsonl
  xxgk-gen quality [--n N] [--seed S]          check N reports in memory; per-rule recall and precision
  xxgk-gen one INDEX [--seed S]                print report INDEX and its answers
";

struct Args {
    n: u64,
    seed: u64,
    out: Option<PathBuf>,
    index: Option<u64>,
}

fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args { n: 500, seed: 1, out: None, index: None };
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--n" | "-n" => a.n = value("--n")?.parse().map_err(|e| format!("--n: {e}"))?,
            "--seed" => a.seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" | "-o" => a.out = Some(PathBuf::from(value("--out")?)),
            s if a.index.is_none() && s.parse::<u64>().is_ok() => a.index = s.parse().ok(),
            s => return Err(format!("unknown argument `{s}`")),
        }
    }
    Ok(a)
}

fn corpus(a: &Args) -> Result<(), String> {
    let dir = a.out.as_ref().ok_or("corpus needs --out DIR")?;
    let mut answers = std::io::BufWriter::new(
        std::fs::File::create(dir.join("answers.jsonl"))
            .or_else(|_| {
                std::fs::create_dir_all(dir).and_then(|_| std::fs::File::create(dir.join("answers.jsonl")))
            })
            .map_err(|e| format!("{}: {e}", dir.display()))?,
    );
    let mut made = std::collections::HashSet::new();
    for i in 0..a.n {
        let g = xxgk_gen::generate(a.seed, i);
        let path = dir.join(&g.path);
        if let Some(parent) = path.parent() {
            if made.insert(parent.to_path_buf()) {
                std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
        }
        std::fs::write(&path, &g.text).map_err(|e| format!("{}: {e}", path.display()))?;
        answers
            .write_all(xxgk_gen::answers_jsonl(std::slice::from_ref(&g)).as_bytes())
            .map_err(|e| e.to_string())?;
    }
    answers.flush().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let parsed = match parse(args) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "xxgk-gen: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let result = match command.as_str() {
        "corpus" => corpus(&parsed),
        "quality" => {
            let q = xxgk_gen::quality::quality(parsed.seed, parsed.n);
            out.write_all(xxgk_gen::quality::render(&q).as_bytes()).map_err(|e| e.to_string())
        }
        "one" => {
            let g = xxgk_gen::generate(parsed.seed, parsed.index.unwrap_or(0));
            let text = format!("{}{}", g.text, xxgk_gen::answers_jsonl(std::slice::from_ref(&g)));
            out.write_all(text.as_bytes()).map_err(|e| e.to_string())
        }
        _ => Err(format!("unknown command `{command}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "xxgk-gen: {e}");
            ExitCode::from(2)
        }
    }
}
