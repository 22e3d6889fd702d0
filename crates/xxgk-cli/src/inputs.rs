//! Which files a run reads (MODEL.md §4 "Which files a run reads"), and reading them.
//!
//! Files named on the command line are read whatever their extension (an `--exclude` does not
//! apply to them, as in ruff without `--force-exclude`); directories are walked in parallel
//! with the `ignore` crate (hidden files skipped, `.gitignore` respected even outside a git
//! repository, `--exclude GLOB`s skipped with gitignore semantics, symbolic links not
//! followed, so no loop and no escape from the tree) and only report extensions are kept. The
//! list is sorted by path and each file appears once, whatever the number of threads.
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use xxgk_adapters::{ReadError, ReadOptions, MAX_INPUT_BYTES};
use xxgk_model::Report;

/// Extensions read under a directory.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "docx", "pdf"];

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, named `name` (`-` unless `--stdin-filename`).
    Stdin {
        /// The name it is reported under.
        name: String,
    },
    /// A file.
    File {
        /// The path as reported.
        name: String,
        /// The path to open.
        path: PathBuf,
    },
    /// An entry the walk could not visit (permission denied, a vanished file).
    Failed {
        /// The path as reported.
        name: String,
        /// Why.
        reason: String,
    },
}

impl Input {
    /// The name it is reported under.
    pub fn name(&self) -> &str {
        match self {
            Input::Stdin { name } | Input::File { name, .. } | Input::Failed { name, .. } => name,
        }
    }
}

/// The inputs of a run, and the directories that held no report.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Sorted by name, each once.
    pub inputs: Vec<Input>,
    /// Directories named on the command line under which no report was found.
    pub empty_dirs: Vec<PathBuf>,
}

/// A path as reported: as given, with `./` dropped.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").filter(|rest| !rest.is_empty()).unwrap_or(&s).to_string()
}

fn has_report_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// How directories are walked.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Globs to skip under a directory (gitignore syntax: `drafts/`, `*.bak.txt`, `2019/**`).
    pub exclude: Vec<String>,
    /// Walker threads (0: as many as rayon uses).
    pub threads: usize,
}

/// An `--exclude` glob that does not parse.
#[derive(Debug)]
pub struct BadGlob {
    /// The glob as given.
    pub glob: String,
    /// Why.
    pub reason: String,
}

/// Collect the inputs named by `paths` (`-` is standard input, named `stdin_name`).
pub fn collect(paths: &[PathBuf], stdin_name: Option<&str>) -> Inputs {
    // Without globs no override can fail to build.
    collect_with(paths, stdin_name, &Walk::default()).unwrap_or_default()
}

/// Collect the inputs named by `paths`, walking directories as `walk` says.
pub fn collect_with(paths: &[PathBuf], stdin_name: Option<&str>, walk: &Walk) -> Result<Inputs, BadGlob> {
    let mut out = Inputs::default();
    for path in paths {
        if path.as_os_str() == "-" {
            out.inputs.push(Input::Stdin { name: stdin_name.unwrap_or("-").to_string() });
        } else if path.is_dir() {
            let before = out.inputs.len();
            walk_dir(path, walk, &mut out.inputs)?;
            if out.inputs.len() == before {
                out.empty_dirs.push(path.clone());
            }
        } else {
            out.inputs.push(Input::File { name: display(path), path: path.clone() });
        }
    }
    // One read per file: the same file named twice, or named and found in a directory, counts once.
    let mut seen = HashSet::new();
    out.inputs.retain(|input| {
        let key = match input {
            Input::File { path, .. } => std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
            other => PathBuf::from(other.name()),
        };
        seen.insert(key)
    });
    out.inputs.sort_by(|a, b| a.name().cmp(b.name()));
    Ok(out)
}

/// `--exclude` globs as overrides of the walk rooted at `dir` (`!glob`: skip what matches).
fn excludes(dir: &Path, globs: &[String]) -> Result<ignore::overrides::Override, BadGlob> {
    let mut builder = ignore::overrides::OverrideBuilder::new(dir);
    for glob in globs {
        builder
            .add(&format!("!{glob}"))
            .map_err(|e| BadGlob { glob: glob.clone(), reason: e.to_string() })?;
    }
    builder.build().map_err(|e| BadGlob { glob: globs.join(" "), reason: e.to_string() })
}

fn walk_dir(dir: &Path, walk: &Walk, inputs: &mut Vec<Input>) -> Result<(), BadGlob> {
    let threads = if walk.threads == 0 { rayon::current_num_threads() } else { walk.threads };
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false)
        .overrides(excludes(dir, &walk.exclude)?)
        .threads(threads)
        .build_parallel();
    let (tx, rx) = mpsc::channel();
    walker.run(|| {
        let tx = tx.clone();
        Box::new(move |entry| {
            let input = match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if !(is_file && has_report_extension(entry.path())) {
                        return ignore::WalkState::Continue;
                    }
                    Input::File { name: display(entry.path()), path: entry.into_path() }
                }
                Err(err) => {
                    let name = match &err {
                        ignore::Error::WithPath { path, .. } => display(path),
                        _ => display(dir),
                    };
                    Input::Failed { name, reason: err.to_string() }
                }
            };
            // The receiver lives until the walk ends.
            let _ = tx.send(input);
            ignore::WalkState::Continue
        })
    });
    drop(tx);
    inputs.extend(rx);
    Ok(())
}

/// Why an input could not be read: in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// 中文原因.
    pub zh: String,
    /// The reason in English.
    pub en: String,
}

impl Unreadable {
    fn io(err: &std::io::Error) -> Unreadable {
        let zh = match err.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            std::io::ErrorKind::IsADirectory => "这是目录".to_string(),
            _ => format!("读取失败（{err}）"),
        };
        Unreadable { zh, en: err.to_string() }
    }
    fn read(err: &ReadError) -> Unreadable {
        // The adapters' messages read "中文 / English".
        let text = err.to_string();
        match text.split_once(" / ") {
            Some((zh, en)) => Unreadable { zh: zh.to_string(), en: en.to_string() },
            None => Unreadable { zh: text.clone(), en: text },
        }
    }
}

/// Read an input's bytes (at most one byte more than the adapters accept).
fn bytes(input: &Input) -> Result<Vec<u8>, Unreadable> {
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let mut buf = Vec::new();
    match input {
        Input::Stdin { .. } => {
            std::io::stdin().lock().take(limit).read_to_end(&mut buf).map_err(|e| Unreadable::io(&e))?;
        }
        Input::File { path, .. } => {
            let file = std::fs::File::open(path).map_err(|e| Unreadable::io(&e))?;
            let meta = file.metadata().ok();
            if meta.as_ref().is_some_and(|m| m.is_dir()) {
                return Err(Unreadable::io(&std::io::Error::from(std::io::ErrorKind::IsADirectory)));
            }
            // A regular file over the limit is refused by its size, unread (#8: a 200 MB file
            // ends at once, in bounded memory, with its real size in the message).
            if let Some(size) = meta.filter(|m| m.is_file()).map(|m| m.len()).filter(|&n| n >= limit) {
                let size = usize::try_from(size).unwrap_or(usize::MAX);
                return Err(Unreadable::read(&ReadError::TooLarge { size, limit: MAX_INPUT_BYTES }));
            }
            file.take(limit).read_to_end(&mut buf).map_err(|e| Unreadable::io(&e))?;
        }
        Input::Failed { reason, .. } => {
            return Err(Unreadable { zh: format!("无法访问（{reason}）"), en: reason.clone() });
        }
    }
    // A stream (standard input, a pipe, a device) has no size to tell: say it went past.
    if buf.len() > MAX_INPUT_BYTES {
        return Err(Unreadable::read(&ReadError::StreamTooLarge { limit: MAX_INPUT_BYTES }));
    }
    Ok(buf)
}

/// Read an input into a report.
pub fn read(input: &Input, options: &ReadOptions) -> Result<Report, Unreadable> {
    let bytes = bytes(input)?;
    xxgk_adapters::read(input.name(), &bytes, options).map_err(|e| Unreadable::read(&e))
}

/// Read a text already in memory (a fixed source) into a report named `name`.
pub fn read_text(name: &str, text: &str, options: &ReadOptions) -> Result<Report, Unreadable> {
    let options = ReadOptions { encoding: None, ..options.clone() };
    xxgk_adapters::read(name, text.as_bytes(), &options).map_err(|e| Unreadable::read(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_extensions_are_case_insensitive() {
        assert!(has_report_extension(Path::new("a/b.TXT")));
        assert!(has_report_extension(Path::new("b.Htm")));
        assert!(has_report_extension(Path::new("b.PDF")));
        assert!(!has_report_extension(Path::new("b.doc")));
        assert!(!has_report_extension(Path::new("txt")));
    }

    #[test]
    fn display_drops_dot_slash() {
        assert_eq!(display(Path::new("./a/b.txt")), "a/b.txt");
        assert_eq!(display(Path::new(".")), ".");
        assert_eq!(display(Path::new("a/./b.txt")), "a/./b.txt");
    }

    #[test]
    fn read_error_splits_into_languages() {
        let u = Unreadable::read(&ReadError::Empty);
        assert_eq!(u.zh, "文件为空");
        assert_eq!(u.en, "the file is empty");
    }
}
