//! Configuration: `xxgk.toml` files and packs, merged, with command-line overrides, compiled to
//! [`Settings`].
//!
//! Three layers, as in ruff: [`options::FileOptions`] (a file as written) → [`Config`] (a file
//! with its `extends` and `packs`, loaded in order, cycles rejected) → [`Settings`] (compiled;
//! what rules read). [`Resolver`] finds the config of each checked file: `--config` wins, else
//! the nearest `xxgk.toml` (then `.xxgk.toml`) in the file's directory or above, else the
//! national defaults; each config file is parsed once per run.
//!
//! Layers apply base first: the national pack, then `extends` in order, then `packs` in order,
//! then the file itself, then the command line. In each layer `select` replaces the selection
//! so far, `extend-select` adds to it, `ignore` removes from it; `[severity]` entries override
//! earlier ones; `[settings]` keys replace inherited values and `extend-*` keys add to
//! inherited lists; `per-file-ignores` accumulate.
pub mod options;
mod packs;

pub use packs::{bundled_pack, BUNDLED_PACKS};

use crate::diagnostic::{Lang, Severity};
use crate::rule::RuleMeta;
use crate::settings::{absolute_path, selector_matches, Options, Settings};
use miette::{NamedSource, SourceSpan};
use options::FileOptions;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use toml::Spanned;

/// The config file names looked for in each directory, in order of preference.
pub const CONFIG_NAMES: [&str; 2] = ["xxgk.toml", ".xxgk.toml"];

/// A configuration that cannot be used: unreadable, not TOML, an unknown key or selector, a
/// cycle in `extends`. Rendered by miette with the file's text and the offending span.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{}: cannot read the config: {source}", path.display())]
    #[diagnostic(code(xxgk::config::io))]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is read but something in it is wrong.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidConfig>),
    /// `extends` or `packs` lead back to a file already being loaded (located at the entry
    /// that closes the cycle; the message names the files of the cycle).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Cycle(Box<InvalidConfig>),
    /// A baseline file cannot be read or written.
    #[error("{}: cannot {action}: {source}", path.display())]
    #[diagnostic(code(xxgk::baseline))]
    Baseline {
        /// The file.
        path: PathBuf,
        /// `read the baseline` or `write the baseline`.
        action: &'static str,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A command-line value is wrong (`--select XG999`).
    #[error("{flag} {value}: {message}")]
    #[diagnostic(code(xxgk::config::argument))]
    Argument {
        /// The flag (`--select`).
        flag: String,
        /// The value given.
        value: String,
        /// What is wrong.
        message: String,
        /// How to put it right.
        #[help]
        help: Option<String>,
    },
}

/// A located problem in a config file or pack.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{}: {message}", path.display())]
#[diagnostic(code(xxgk::config))]
pub struct InvalidConfig {
    /// The file (for a bundled pack, `<bundled>/NAME.toml`).
    pub path: PathBuf,
    /// What is wrong.
    pub message: String,
    /// The file's text.
    #[source_code]
    pub src: NamedSource<String>,
    /// Where.
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    /// What is at the span.
    pub label: String,
    /// How to put it right.
    #[help]
    pub help: Option<String>,
}

/// Command-line settings, applied on top of every config (the last layer).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// `--select`: replaces the selection of the config.
    pub select: Option<Vec<String>>,
    /// `--extend-select`: adds to it.
    pub extend_select: Vec<String>,
    /// `--ignore`: removes from it.
    pub ignore: Vec<String>,
    /// `--severity SELECTOR=LEVEL`, in order (later wins).
    pub severities: Vec<(String, Severity)>,
    /// `--lang`.
    pub lang: Option<Lang>,
}

/// One loaded file or bundled pack.
#[derive(Debug, Clone)]
struct Layer {
    /// The name shown in errors and `config --show`: the path as given, or the pack's name.
    name: String,
    /// The path for errors: the path as given, or `<bundled>/NAME.toml`.
    path: PathBuf,
    /// The directory relative paths and globs are resolved against; `None` for bundled packs.
    dir: Option<PathBuf>,
    text: String,
    options: FileOptions,
}

impl Layer {
    fn parse(name: String, path: PathBuf, dir: Option<PathBuf>, text: String) -> Result<Layer, ConfigError> {
        match toml::from_str::<FileOptions>(&text) {
            Ok(options) => Ok(Layer { name, path, dir, text, options }),
            Err(err) => {
                // toml's message is "what\nexpected what": the first line heads, the rest labels.
                let span = err.span();
                let what = err.message().trim_end();
                let (message, label) = match what.split_once('\n') {
                    Some((head, rest)) => (head.to_string(), rest.trim().replace('\n', "; ")),
                    None => (what.to_string(), "here".to_string()),
                };
                Err(Layer { name, path, dir, text, options: FileOptions::default() }
                    .invalid(span, message, label, None))
            }
        }
    }

    fn source(&self) -> NamedSource<String> {
        NamedSource::new(self.name.clone(), self.text.clone()).with_language("toml")
    }

    fn invalid(
        &self,
        span: Option<Range<usize>>,
        message: String,
        label: String,
        help: Option<String>,
    ) -> ConfigError {
        ConfigError::Invalid(Box::new(InvalidConfig {
            path: self.path.clone(),
            message,
            src: self.source(),
            span: span.map(SourceSpan::from),
            label,
            help,
        }))
    }
}

/// What an `extends` or `packs` entry names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Bundled(&'static str),
    File(PathBuf),
}

/// A config file with everything it builds on, loaded in the order the layers apply.
#[derive(Debug, Clone)]
pub struct Config {
    layers: Vec<Layer>,
}

impl Config {
    /// The national pack alone.
    pub fn national() -> Config {
        let mut loader = Loader::default();
        // The bundled packs are tested (`bundled_packs_load`); they cannot fail here.
        let _ = loader.visit_bundled("national", &mut Vec::new(), None);
        Config { layers: loader.layers }
    }

    /// Load `path` and what it `extends`, on top of the national pack.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::load_with(path, None)
    }

    fn load_with(path: &Path, cache: Option<&LayerCache>) -> Result<Config, ConfigError> {
        let mut loader = Loader { cache, ..Loader::default() };
        loader.visit_bundled("national", &mut Vec::new(), None)?;
        loader.visit_file(path, &mut Vec::new(), None)?;
        Ok(Config { layers: loader.layers })
    }

    /// Parse a config from its text, as if read from `path` (relative entries resolve against
    /// `path`'s directory).
    pub fn from_text(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let mut loader = Loader::default();
        loader.visit_bundled("national", &mut Vec::new(), None)?;
        let layer =
            Layer::parse(display(path), path.to_path_buf(), Some(parent_dir(path)), text.to_string())?;
        let key = Key::File(canonical(path));
        loader.visit_layer(key, layer, &mut Vec::new())?;
        Ok(Config { layers: loader.layers })
    }

    /// The layers' names, base first (`national`, `tests/config/base.toml`, …).
    pub fn sources(&self) -> Vec<String> {
        self.layers.iter().map(|l| l.name.clone()).collect()
    }

    /// Compile to settings, with the command line on top.
    pub fn compile(&self, overrides: &Overrides) -> Result<Settings, ConfigError> {
        let mut metas: Vec<&'static RuleMeta> = crate::rules::all().iter().map(|r| r.meta()).collect();
        let mut pack_rules = Vec::new();
        let mut taken = Vec::new();
        for layer in &self.layers {
            let Some(defs) = &layer.options.rule else { continue };
            let pack = layer.options.name.clone().unwrap_or_else(|| layer.name.clone());
            let version = layer.options.version.as_deref().unwrap_or("");
            let rules = crate::packs::compile_layer(&pack, version, defs, &mut taken)
                .map_err(|(span, message, label, help)| layer.invalid(span, message, label, help))?;
            metas.extend(rules.iter().map(|r| r.meta));
            pack_rules.extend(rules);
        }
        let mut selection = Selection::new(&metas);
        let mut options = Options::default();
        let mut severities: HashMap<String, Severity> = HashMap::new();
        let mut per_file_ignores = Vec::new();
        let mut lang = Lang::default();

        for layer in &self.layers {
            let o = &layer.options;
            if let Some(settings) = &o.settings {
                if settings.rollup.is_some() || settings.extend_rollup.is_some() {
                    crate::series::check_entries(&layer.text).map_err(|(span, message, label)| {
                        let help = "an entry is { government = \"某县人民政府\", departments = [\"某县财政局\", …] }";
                        layer.invalid(Some(span), message, label, Some(help.to_string()))
                    })?;
                }
                settings.apply_to(&mut options);
            }
            let strings = |list: &Option<Vec<Spanned<String>>>| -> Result<Option<Vec<String>>, ConfigError> {
                let Some(list) = list else { return Ok(None) };
                for s in list {
                    check_selector(layer, s, &metas)?;
                }
                Ok(Some(list.iter().map(|s| s.get_ref().clone()).collect()))
            };
            selection.apply(
                strings(&o.select)?.as_deref(),
                strings(&o.extend_select)?.as_deref(),
                strings(&o.ignore)?.as_deref(),
            );
            for (selector, level) in o.severity.iter().flatten() {
                check_selector(layer, selector, &metas)?;
                let severity = Severity::parse(level.get_ref()).ok_or_else(|| {
                    layer.invalid(
                        Some(level.span()),
                        format!("unknown severity `{}`", level.get_ref()),
                        "not a severity".to_string(),
                        Some("a severity is \"error\", \"warning\" or \"info\"".to_string()),
                    )
                })?;
                for meta in metas.iter().filter(|m| selector_matches(selector.get_ref(), m.code, m.name)) {
                    severities.insert(meta.code.to_string(), severity);
                }
            }
            for (glob, selectors) in o.per_file_ignores.iter().flatten() {
                for s in selectors {
                    check_selector(layer, s, &metas)?;
                }
                let matcher = compile_glob(layer, glob)?;
                per_file_ignores.push((matcher, selectors.iter().map(|s| s.get_ref().clone()).collect()));
            }
            if let Some(value) = &o.lang {
                lang = Lang::parse(value.get_ref()).ok_or_else(|| {
                    layer.invalid(
                        Some(value.span()),
                        format!("unknown language `{}`", value.get_ref()),
                        "not a language".to_string(),
                        Some("lang is \"zh\" or \"en\"".to_string()),
                    )
                })?;
            }
        }

        let check_args = |flag: &str, list: &[String]| -> Result<(), ConfigError> {
            for s in list {
                if !selector_is_known(s, &metas) {
                    return Err(ConfigError::Argument {
                        flag: flag.to_string(),
                        value: s.clone(),
                        message: format!("unknown rule selector `{s}`"),
                        help: Some(selector_help(s, &metas)),
                    });
                }
            }
            Ok(())
        };
        if let Some(select) = &overrides.select {
            check_args("--select", select)?;
        }
        check_args("--extend-select", &overrides.extend_select)?;
        check_args("--ignore", &overrides.ignore)?;
        selection.apply(
            overrides.select.as_deref(),
            Some(&overrides.extend_select).filter(|l| !l.is_empty()).map(|l| l.as_slice()),
            Some(&overrides.ignore).filter(|l| !l.is_empty()).map(|l| l.as_slice()),
        );
        for (selector, severity) in &overrides.severities {
            check_args("--severity", std::slice::from_ref(selector))?;
            for meta in metas.iter().filter(|m| selector_matches(selector, m.code, m.name)) {
                severities.insert(meta.code.to_string(), *severity);
            }
        }
        if let Some(l) = overrides.lang {
            lang = l;
        }

        let (select, ignore) = selection.compiled();
        Ok(Settings {
            lang,
            select,
            extend_select: Vec::new(),
            ignore,
            severities,
            per_file_ignores,
            options,
            sources: self.sources(),
            pack_rules: Arc::new(crate::packs::CompiledPacks::new(pack_rules)),
        })
    }
}

const SELECTOR_HELP: &str =
    "a selector is a rule code (XG404), a family prefix (XG4), a rule name (unused-suppression) or ALL";

/// Whether a selector names at least one rule, or is a family of the catalogue (`XG0`…`XG7`)
/// whose rules may not all be built in yet.
fn selector_is_known(selector: &str, metas: &[&'static RuleMeta]) -> bool {
    let family =
        selector.len() == 3 && selector.starts_with("XG") && matches!(selector.as_bytes()[2], b'0'..=b'7');
    family || selector == "ALL" || metas.iter().any(|m| selector_matches(selector, m.code, m.name))
}

fn check_selector(
    layer: &Layer,
    selector: &Spanned<String>,
    metas: &[&'static RuleMeta],
) -> Result<(), ConfigError> {
    if selector_is_known(selector.get_ref(), metas) {
        return Ok(());
    }
    Err(layer.invalid(
        Some(selector.span()),
        format!("unknown rule selector `{}`", selector.get_ref()),
        "no rule has this code, prefix or name".to_string(),
        Some(selector_help(selector.get_ref(), metas)),
    ))
}

/// The general help, after a "did you mean" when a code or name is close to the selector.
fn selector_help(selector: &str, metas: &[&'static RuleMeta]) -> String {
    let limit = (selector.chars().count() / 4).max(1);
    let best = metas
        .iter()
        .flat_map(|m| [m.code, m.name])
        .map(|candidate| {
            (edit_distance(&selector.to_ascii_lowercase(), &candidate.to_ascii_lowercase()), candidate)
        })
        .filter(|(d, _)| *d <= limit)
        .min();
    match best {
        Some((_, candidate)) => format!("did you mean `{candidate}`? {SELECTOR_HELP}"),
        None => SELECTOR_HELP.to_string(),
    }
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A `per-file-ignores` glob as an absolute pattern: relative to the config's directory
/// (leading `./` and `../` resolved against it), `**/` prepended when it has no `/`.
fn compile_glob(layer: &Layer, glob: &Spanned<String>) -> Result<globset::GlobMatcher, ConfigError> {
    let pattern = glob.get_ref().replace('\\', "/");
    let full = if pattern.starts_with('/') {
        pattern
    } else {
        let mut base = layer.dir.clone().unwrap_or_default();
        let mut relative = pattern.as_str();
        loop {
            if let Some(rest) = relative.strip_prefix("./") {
                relative = rest;
            } else if let Some(rest) = relative.strip_prefix("../") {
                base.pop();
                relative = rest;
            } else {
                break;
            }
        }
        let base = globset::escape(base.to_string_lossy().replace('\\', "/").trim_end_matches('/'));
        if relative.contains('/') {
            format!("{base}/{relative}")
        } else {
            format!("{base}/**/{relative}")
        }
    };
    globset::GlobBuilder::new(&full).literal_separator(true).build().map(|g| g.compile_matcher()).map_err(
        |e| {
            layer.invalid(
                Some(glob.span()),
                format!("bad glob `{}`: {}", glob.get_ref(), e.kind()),
                "this glob".to_string(),
                None,
            )
        },
    )
}

/// The rules enabled so far, layer by layer.
struct Selection<'m> {
    metas: &'m [&'static RuleMeta],
    enabled: Vec<bool>,
    touched: bool,
}

impl<'m> Selection<'m> {
    fn new(metas: &'m [&'static RuleMeta]) -> Selection<'m> {
        Selection { metas, enabled: metas.iter().map(|m| m.enabled_by_default).collect(), touched: false }
    }
    fn apply(&mut self, select: Option<&[String]>, extend: Option<&[String]>, ignore: Option<&[String]>) {
        let hits = |list: &[String], m: &RuleMeta| list.iter().any(|s| selector_matches(s, m.code, m.name));
        for (on, meta) in self.enabled.iter_mut().zip(self.metas) {
            if let Some(list) = select {
                *on = hits(list, meta);
            }
            if let Some(list) = extend {
                *on |= hits(list, meta);
            }
            if let Some(list) = ignore {
                *on &= !hits(list, meta);
            }
        }
        self.touched |= select.is_some() || extend.is_some() || ignore.is_some();
    }
    /// `(select, ignore)` for [`Settings`]: untouched, both empty (the defaults); else the exact
    /// codes enabled, or `ignore = ["ALL"]` when none is.
    fn compiled(&self) -> (Vec<String>, Vec<String>) {
        if !self.touched {
            return (Vec::new(), Vec::new());
        }
        let codes: Vec<String> = self
            .metas
            .iter()
            .zip(&self.enabled)
            .filter(|(_, on)| **on)
            .map(|(m, _)| m.code.to_string())
            .collect();
        if codes.is_empty() {
            (Vec::new(), vec!["ALL".to_string()])
        } else {
            (codes, Vec::new())
        }
    }
}

/// Loads layers depth first, base first, each file once; `stack` holds the chain being loaded.
#[derive(Default)]
struct Loader<'c> {
    layers: Vec<Layer>,
    loaded: HashSet<Key>,
    /// Files parsed by earlier loads of the same run (text and options by canonical path).
    cache: Option<&'c LayerCache>,
}

/// Parsed config files by canonical path, shared by the loads of one [`Resolver`].
type LayerCache = Mutex<HashMap<PathBuf, (String, FileOptions)>>;

type Referrer<'a> = Option<(&'a Layer, Range<usize>)>;

impl Loader<'_> {
    fn visit_bundled(
        &mut self,
        name: &str,
        stack: &mut Vec<(Key, String)>,
        from: Referrer<'_>,
    ) -> Result<(), ConfigError> {
        // `guizhou@0.1`: the bundled pack's version must start with the pin, component-wise.
        let (name, pin) = match name.split_once('@') {
            Some((name, pin)) => (name, Some(pin)),
            None => (name, None),
        };
        let Some((name, text)) = BUNDLED_PACKS.iter().find(|(n, _)| *n == name).copied() else {
            return Err(unknown_pack(name, from));
        };
        if let Some(pin) = pin {
            let version =
                toml::from_str::<FileOptions>(text).ok().and_then(|o| o.version).unwrap_or_default();
            let matches = {
                let have: Vec<&str> = version.split('.').collect();
                let want: Vec<&str> = pin.split('.').collect();
                !pin.is_empty() && want.len() <= have.len() && want.iter().zip(&have).all(|(w, h)| w == h)
            };
            if !matches {
                let message = format!("the bundled pack `{name}` is version {version}, not {pin}");
                let help = Some(format!("pin `{name}@{version}`, or drop the pin"));
                return Err(match from {
                    Some((layer, span)) => {
                        layer.invalid(Some(span), message, "version pin".to_string(), help)
                    }
                    None => ConfigError::Argument {
                        flag: "pack".to_string(),
                        value: format!("{name}@{pin}"),
                        message,
                        help,
                    },
                });
            }
        }
        let key = Key::Bundled(name);
        if self.check_cycle(&key, name, stack, from.clone())? {
            return Ok(());
        }
        let layer = Layer::parse(
            name.to_string(),
            PathBuf::from(format!("<bundled>/{name}.toml")),
            None,
            text.to_string(),
        )?;
        self.visit_layer(key, layer, stack)
    }

    fn visit_file(
        &mut self,
        path: &Path,
        stack: &mut Vec<(Key, String)>,
        from: Referrer<'_>,
    ) -> Result<(), ConfigError> {
        let key = Key::File(canonical(path));
        if self.check_cycle(&key, &display(path), stack, from.clone())? {
            return Ok(());
        }
        let Key::File(canonical_path) = &key else { return Ok(()) };
        let cached = self.cache.and_then(|c| lock(c).get(canonical_path).cloned());
        if let Some((text, options)) = cached {
            let layer = Layer {
                name: display(path),
                path: path.to_path_buf(),
                dir: Some(parent_dir(path)),
                text,
                options,
            };
            return self.visit_layer(key, layer, stack);
        }
        let text = std::fs::read_to_string(path).map_err(|source| match (&source.kind(), from) {
            (std::io::ErrorKind::NotFound, Some((layer, span))) => layer.invalid(
                Some(span),
                format!("no such file `{}`", display(path)),
                "this file does not exist".to_string(),
                Some("a path is relative to the file it is written in".to_string()),
            ),
            _ => ConfigError::Io { path: path.to_path_buf(), source },
        })?;
        let layer = Layer::parse(display(path), path.to_path_buf(), Some(parent_dir(path)), text)?;
        if let (Some(cache), Key::File(canonical_path)) = (self.cache, &key) {
            lock(cache).insert(canonical_path.clone(), (layer.text.clone(), layer.options.clone()));
        }
        self.visit_layer(key, layer, stack)
    }

    /// Whether `key` is loaded already (skip it); an error when it is on the stack.
    fn check_cycle(
        &self,
        key: &Key,
        name: &str,
        stack: &[(Key, String)],
        from: Referrer<'_>,
    ) -> Result<bool, ConfigError> {
        if let Some(at) = stack.iter().position(|(k, _)| k == key) {
            let mut names: Vec<&str> = stack[at..].iter().map(|(_, n)| n.as_str()).collect();
            names.push(name);
            let cycle = names.join(" → ");
            let (path, src, span) = match from {
                Some((layer, span)) => (layer.path.clone(), layer.source(), Some(span.into())),
                None => (PathBuf::from(name), NamedSource::new(name, String::new()), None),
            };
            return Err(ConfigError::Cycle(Box::new(InvalidConfig {
                path,
                message: format!("`extends` makes a cycle: {cycle}"),
                src,
                span,
                label: "this leads back to a file that is already being loaded".to_string(),
                help: Some("remove one of the links of the cycle".to_string()),
            })));
        }
        Ok(self.loaded.contains(key))
    }

    fn visit_layer(
        &mut self,
        key: Key,
        layer: Layer,
        stack: &mut Vec<(Key, String)>,
    ) -> Result<(), ConfigError> {
        stack.push((key.clone(), layer.name.clone()));
        let entries = layer.options.extends.iter().flatten().chain(layer.options.packs.iter().flatten());
        for entry in entries {
            let reference = entry.get_ref();
            let from = Some((&layer, entry.span()));
            if is_path(reference) {
                if layer.dir.is_none() {
                    return Err(layer.invalid(
                        Some(entry.span()),
                        format!("a bundled pack cannot extend the file `{reference}`"),
                        "a path".to_string(),
                        None,
                    ));
                }
                let base = layer.path.parent().unwrap_or(Path::new(""));
                let path = join_lexically(base, reference);
                self.visit_file(&path, stack, from)?;
            } else {
                self.visit_bundled(reference, stack, from)?;
            }
        }
        stack.pop();
        self.loaded.insert(key);
        self.layers.push(layer);
        Ok(())
    }
}

fn unknown_pack(name: &str, from: Referrer<'_>) -> ConfigError {
    let known: Vec<&str> = BUNDLED_PACKS.iter().map(|(n, _)| *n).collect();
    let help = format!("the bundled packs are {}; a path to a pack file ends in .toml", known.join(", "));
    match from {
        Some((layer, span)) => layer.invalid(
            Some(span),
            format!("no pack named `{name}`"),
            "unknown pack".to_string(),
            Some(help),
        ),
        None => ConfigError::Argument {
            flag: "pack".to_string(),
            value: name.to_string(),
            message: "no such pack".to_string(),
            help: Some(help),
        },
    }
}

/// An `extends`/`packs` entry is a path when it has a separator or ends in `.toml`.
fn is_path(reference: &str) -> bool {
    reference.contains('/') || reference.contains('\\') || reference.ends_with(".toml")
}

/// `reference` joined to `base` (the referring file's directory as given), `.` and `..`
/// resolved lexically, so that errors show `tests/config/base.toml`, not an absolute path.
fn join_lexically(base: &Path, reference: &str) -> PathBuf {
    let reference = Path::new(reference);
    if reference.is_absolute() {
        return reference.to_path_buf();
    }
    let mut out = base.to_path_buf();
    for component in reference.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if matches!(out.components().next_back(), None | Some(std::path::Component::ParentDir)) {
                    out.push("..");
                } else {
                    out.pop();
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn parent_dir(path: &Path) -> PathBuf {
    absolute_path(path).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| absolute_path(path))
}

/// Finds and compiles the settings of each checked file; each config file is read once.
/// Shared by reference between threads.
#[derive(Debug)]
pub struct Resolver {
    overrides: Overrides,
    /// `--config`, compiled; when set it applies to every file.
    explicit: Option<Arc<Settings>>,
    /// The national defaults with the overrides, for files with no config.
    defaults: Arc<Settings>,
    /// Directory → the config that applies there (`None`: none).
    dirs: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Config file → its settings.
    configs: Mutex<HashMap<PathBuf, Arc<Settings>>>,
    /// Every file parsed so far, so that a base that several configs extend is read once.
    layers: LayerCache,
}

impl Resolver {
    /// A resolver; `explicit` (`--config`) is loaded now, and the overrides checked now.
    pub fn new(explicit: Option<&Path>, overrides: Overrides) -> Result<Resolver, ConfigError> {
        let defaults = Arc::new(Config::national().compile(&overrides)?);
        let explicit = match explicit {
            Some(path) => Some(Arc::new(Config::load(path)?.compile(&overrides)?)),
            None => None,
        };
        Ok(Resolver {
            overrides,
            explicit,
            defaults,
            dirs: Mutex::default(),
            configs: Mutex::default(),
            layers: Mutex::default(),
        })
    }

    /// The settings for `file`: `--config`, else the nearest config above it, else the defaults.
    pub fn resolve(&self, file: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(settings) = &self.explicit {
            return Ok(Arc::clone(settings));
        }
        let Some(config) = self.config_for(file) else {
            return Ok(Arc::clone(&self.defaults));
        };
        if let Some(settings) = lock(&self.configs).get(&config) {
            return Ok(Arc::clone(settings));
        }
        let settings = Arc::new(Config::load_with(&config, Some(&self.layers))?.compile(&self.overrides)?);
        lock(&self.configs).insert(config, Arc::clone(&settings));
        Ok(settings)
    }

    /// The config file that applies to `file` when no `--config` is given: the nearest
    /// `xxgk.toml` or `.xxgk.toml` in its directory or above (`None`: the national defaults).
    pub fn config_for(&self, file: &Path) -> Option<PathBuf> {
        let absolute = absolute_path(file);
        let mut dir = if absolute.is_dir() { Some(absolute.as_path()) } else { absolute.parent() };
        let mut walked = Vec::new();
        let mut found = None;
        while let Some(d) = dir {
            if let Some(hit) = lock(&self.dirs).get(d) {
                found = hit.clone();
                break;
            }
            walked.push(d.to_path_buf());
            if let Some(path) = CONFIG_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file()) {
                found = Some(path);
                break;
            }
            dir = d.parent();
        }
        let mut dirs = lock(&self.dirs);
        for d in walked {
            dirs.insert(d, found.clone());
        }
        found
    }

    /// The defaults (national pack and overrides), for files with no config.
    pub fn defaults(&self) -> Arc<Settings> {
        Arc::clone(&self.defaults)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The settings for one file, found as [`Resolver::resolve`] does (no cache kept between calls).
pub fn resolve(
    file: &Path,
    explicit: Option<&Path>,
    overrides: &Overrides,
) -> Result<Arc<Settings>, ConfigError> {
    Resolver::new(explicit, overrides.clone())?.resolve(file)
}

/// The merged settings as TOML, for `xxgk config --show`: sources, language, the rules that
/// run, severity overrides, per-file ignores and every rule option.
pub fn describe(settings: &Settings) -> String {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "kebab-case")]
    struct Show<'a> {
        sources: &'a [String],
        lang: &'static str,
        rules: Vec<&'static str>,
        severity: BTreeMap<&'a str, &'static str>,
        per_file_ignores: BTreeMap<&'a str, &'a [String]>,
        settings: &'a Options,
    }
    let show = Show {
        sources: &settings.sources,
        lang: match settings.lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        },
        rules: crate::rules::all()
            .iter()
            .map(|r| r.meta())
            .filter(|m| settings.is_enabled(m))
            .map(|m| m.code)
            .collect(),
        severity: settings.severities.iter().map(|(code, s)| (code.as_str(), s.as_str())).collect(),
        per_file_ignores: settings
            .per_file_ignores
            .iter()
            .map(|(g, s)| (g.glob().glob(), s.as_slice()))
            .collect(),
        settings: &settings.options,
    };
    toml::to_string(&show).unwrap_or_else(|e| format!("# cannot show the settings: {e}\n"))
}

#[cfg(test)]
mod tests;
