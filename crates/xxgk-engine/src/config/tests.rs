//! Tests of configuration loading, merging, discovery and errors (fixtures in `tests/config/`).
use super::*;

fn xg007() -> &'static RuleMeta {
    crate::rules::find("XG007").expect("XG007 is registered")
}

fn fixture(name: &str) -> PathBuf {
    // Unit tests run in the crate's directory; a relative path keeps snapshots machine-independent.
    PathBuf::from("tests/config").join(name)
}

fn compile(text: &str) -> Settings {
    Config::from_text(Path::new("/proj/xxgk.toml"), text)
        .and_then(|c| c.compile(&Overrides::default()))
        .expect("valid")
}

fn compile_err(text: &str) -> ConfigError {
    Config::from_text(Path::new("xxgk.toml"), text)
        .and_then(|c| c.compile(&Overrides::default()))
        .expect_err("invalid")
}

fn load_err(name: &str) -> ConfigError {
    Config::load(&fixture(name)).and_then(|c| c.compile(&Overrides::default())).expect_err("invalid")
}

fn render(err: &ConfigError) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut out, err)
        .expect("renders");
    out
}

#[test]
fn no_config_is_the_national_defaults() {
    let settings = Config::national().compile(&Overrides::default()).expect("valid");
    assert_eq!(settings.options, Options::national());
    assert!(settings.select.is_empty() && settings.ignore.is_empty());
    assert!(settings.is_enabled(xg007()));
    assert_eq!(settings.sources, ["national"]);
    assert_eq!(settings.lang, Lang::Zh);
}

#[test]
fn extends_chain_merges_base_first() {
    let config = Config::load(&fixture("child.toml")).expect("loads");
    assert_eq!(config.sources(), ["national", "tests/config/base.toml", "tests/config/child.toml"]);
    let settings = config.compile(&Overrides::default()).expect("valid");
    // base selects XG0 (XG007 on), child ignores it by name.
    assert!(!settings.is_enabled(xg007()));
    assert_eq!(settings.severity_override("XG007"), Some(Severity::Error));
    assert_eq!(settings.lang, Lang::En);
    // child's jump-factor replaces base's; base's extend-web-chrome adds to national's list.
    assert_eq!(settings.options.jump_factor, 3.0);
    assert!(settings.options.web_chrome.iter().any(|p| p == "打印本页"));
    assert_eq!(settings.options.web_chrome.last().map(String::as_str), Some("来源："));
    assert_eq!(settings.options.placeholders, ["待填"]);
    assert_eq!(settings.options.wording, Options::national().wording);
}

#[test]
fn select_by_family_name_and_code() {
    for selector in ["XG0", "XG00", "XG007", "unused-suppression", "ALL"] {
        let settings = compile(&format!("select = [\"{selector}\"]\n"));
        assert!(settings.is_enabled(xg007()), "{selector}");
        assert!(settings.select.iter().any(|c| c == "XG007"), "{selector}: {:?}", settings.select);
    }
    // Another family: XG007 is off; a family with no built-in rule yet is still a valid selector.
    let settings = compile("select = [\"XG7\"]\n");
    assert!(!settings.is_enabled(xg007()));
    let settings = compile("select = [\"XG0\"]\nignore = [\"XG007\"]\n");
    assert!(!settings.is_enabled(xg007()));
    let settings = compile("ignore = [\"ALL\"]\nextend-select = [\"unused-suppression\"]\n");
    assert!(!settings.is_enabled(xg007()), "ignore applies after extend-select within a layer");
}

#[test]
fn nothing_selected_stays_nothing() {
    let settings = compile("select = []\n");
    assert!(!settings.is_enabled(xg007()));
    assert_eq!(settings.ignore, ["ALL"]);
    assert!(crate::rules::all().iter().all(|r| !settings.is_enabled(r.meta())));
}

#[test]
fn severity_overrides_by_code_and_family() {
    let settings = compile("[severity]\nXG0 = \"info\"\n");
    assert_eq!(settings.severity_override("XG007"), Some(Severity::Info));
    // Keys apply in sorted order, so a code overrides its family in the same table.
    let settings = compile("[severity]\nXG0 = \"info\"\nXG007 = \"error\"\n");
    assert_eq!(settings.severity_override("XG007"), Some(Severity::Error));
    let settings = compile("[severity]\nunused-suppression = \"warn\"\n");
    assert_eq!(settings.severity_override("XG007"), Some(Severity::Warning));
}

#[test]
fn per_file_ignores_match_globs_below_the_config() {
    let settings = compile("[per-file-ignores]\n\"drafts/*.txt\" = [\"XG007\"]\n\"*.md\" = [\"XG0\"]\n");
    let on = |p: &str| settings.is_enabled_for(xg007(), Path::new(p));
    assert!(!on("/proj/drafts/a.txt"));
    assert!(on("/proj/drafts/sub/a.txt"), "`*` does not cross `/`");
    assert!(on("/proj/a.txt"));
    assert!(!on("/proj/x/y/z.md"), "a glob without `/` matches the name at any depth");
    assert!(on("/other/z.md"), "only below the config's directory");
    assert!(!on("/proj/drafts/../notes/z.md"));
    let settings = Config::from_text(
        Path::new("/proj/sub/xxgk.toml"),
        "[per-file-ignores]\n\"../drafts/*.txt\" = [\"XG007\"]\n\"/abs/*.txt\" = [\"XG007\"]\n",
    )
    .and_then(|c| c.compile(&Overrides::default()))
    .expect("valid");
    assert!(
        !settings.is_enabled_for(xg007(), Path::new("/proj/drafts/a.txt")),
        "`../` from the config's directory"
    );
    assert!(!settings.is_enabled_for(xg007(), Path::new("/abs/a.txt")), "an absolute glob as written");
    assert!(settings.is_enabled_for(xg007(), Path::new("/proj/sub/drafts/a.txt")));
    assert!(settings.is_enabled(xg007()), "the settings themselves keep it on");
    let for_draft = settings.for_path(Path::new("/proj/drafts/a.txt"));
    assert!(!for_draft.is_enabled(xg007()));
    assert!(matches!(settings.for_path(Path::new("/proj/a.txt")), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn command_line_overrides_come_last() {
    let config = Config::load(&fixture("child.toml")).expect("loads");
    let overrides = Overrides {
        select: Some(vec!["XG007".into()]),
        severities: vec![("XG0".into(), Severity::Info)],
        lang: Some(Lang::Zh),
        ..Overrides::default()
    };
    let settings = config.compile(&overrides).expect("valid");
    assert!(settings.is_enabled(xg007()));
    assert_eq!(settings.severity_override("XG007"), Some(Severity::Info));
    assert_eq!(settings.lang, Lang::Zh);
    let overrides = Overrides { ignore: vec!["XG0".into()], ..Overrides::default() };
    assert!(!Config::national().compile(&overrides).expect("valid").is_enabled(xg007()));
}

#[test]
fn unknown_command_line_selector_is_an_error() {
    let overrides = Overrides { select: Some(vec!["XG999".into()]), ..Overrides::default() };
    let err = Config::national().compile(&overrides).expect_err("unknown");
    assert_eq!(err.to_string(), "--select XG999: unknown rule selector `XG999`");
    let overrides =
        Overrides { severities: vec![("nonsense".into(), Severity::Info)], ..Overrides::default() };
    let err = Resolver::new(None, overrides).expect_err("checked at once");
    assert_eq!(err.to_string(), "--severity nonsense: unknown rule selector `nonsense`");
}

#[test]
fn a_pack_by_path_applies_its_settings_and_severities() {
    let config = Config::load(&fixture("uses_pack.toml")).expect("loads");
    assert_eq!(config.sources(), ["national", "tests/config/local_pack.toml", "tests/config/uses_pack.toml"]);
    let settings = config.compile(&Overrides::default()).expect("valid");
    assert_eq!(settings.severity_override("XG007"), Some(Severity::Info));
    let last = settings.options.wording.last().expect("wording");
    assert_eq!((last.wrong.as_str(), last.right.as_str()), ("公开公开", "公开"));
    assert_eq!(settings.options.wording.len(), Options::national().wording.len() + 1);
}

#[test]
fn bundled_packs_load() {
    for (name, _) in BUNDLED_PACKS {
        let config =
            Config::from_text(Path::new("xxgk.toml"), &format!("packs = [\"{name}\"]\n")).expect(name);
        config.compile(&Overrides::default()).expect(name);
    }
    assert!(bundled_pack("national").is_some_and(|t| t.contains("name = \"national\"")));
}

#[test]
fn describe_shows_the_merge() {
    let settings =
        Config::load(&fixture("base.toml")).and_then(|c| c.compile(&Overrides::default())).expect("valid");
    let shown = describe(&settings);
    assert!(shown.starts_with("sources = [\"national\", \"tests/config/base.toml\"]\n"), "{shown}");
    let rules = shown.lines().find(|l| l.starts_with("rules = [")).expect("rules line");
    assert!(rules.contains("\"XG007\""), "{rules}");
    assert!(!rules.contains("\"XG4"), "only XG0 is selected: {rules}");
    assert!(shown.contains("[severity]\nXG007 = \"error\"\n"), "{shown}");
    assert!(shown.contains("jump-factor = 5.0\n"), "{shown}");
    assert!(shown.contains("\"来源：\""), "{shown}");
    // The output is itself TOML.
    assert!(shown.parse::<toml::Table>().is_ok(), "{shown}");
}

/// A fresh directory tree under the system temp dir for discovery tests.
fn temp_tree(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("xxgk-config-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("a/b/c")).expect("temp dir");
    std::fs::create_dir_all(root.join("d")).expect("temp dir");
    root
}

#[test]
fn resolver_finds_the_nearest_config_and_parses_it_once() {
    let root = temp_tree("nearest");
    std::fs::write(root.join("xxgk.toml"), "ignore = [\"XG007\"]\n").expect("write");
    std::fs::write(root.join("a/b/.xxgk.toml"), "[severity]\nXG007 = \"info\"\n").expect("write");
    let resolver = Resolver::new(None, Overrides::default()).expect("valid");

    assert_eq!(resolver.config_for(&root.join("a/b/c/r.txt")), Some(root.join("a/b/.xxgk.toml")));
    assert_eq!(resolver.config_for(&root.join("a/r.txt")), Some(root.join("xxgk.toml")));
    let deep = resolver.resolve(&root.join("a/b/c/r.txt")).expect("valid");
    assert!(deep.is_enabled(xg007()), "the nearest config alone applies, not its parent's");
    assert_eq!(deep.severity_override("XG007"), Some(Severity::Info));
    let top = resolver.resolve(&root.join("d/r.txt")).expect("valid");
    assert!(!top.is_enabled(xg007()));
    let again = resolver.resolve(&root.join("a/r.txt")).expect("valid");
    assert!(Arc::ptr_eq(&top, &again), "one parse per config file");

    let explicit = Resolver::new(Some(&root.join("a/b/.xxgk.toml")), Overrides::default()).expect("valid");
    let settings = explicit.resolve(&root.join("d/r.txt")).expect("valid");
    assert_eq!(settings.severity_override("XG007"), Some(Severity::Info), "--config wins");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn resolver_without_config_gives_the_defaults_with_overrides() {
    let root = temp_tree("none");
    let overrides = Overrides { ignore: vec!["XG007".into()], ..Overrides::default() };
    let resolver = Resolver::new(None, overrides.clone()).expect("valid");
    // Nothing above the temp dir is expected to hold an xxgk.toml.
    if resolver.config_for(&root.join("d/r.txt")).is_none() {
        let settings = resolve(&root.join("d/r.txt"), None, &overrides).expect("valid");
        assert!(!settings.is_enabled(xg007()));
        assert_eq!(settings.options, Options::national());
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_bad_config_fails_every_file_under_it() {
    let root = temp_tree("bad");
    std::fs::write(root.join("xxgk.toml"), "select = [\"XG999\"]\n").expect("write");
    let resolver = Resolver::new(None, Overrides::default()).expect("valid");
    let err = resolver.resolve(&root.join("a/r.txt")).expect_err("invalid");
    assert!(matches!(err, ConfigError::Invalid(_)), "{err:?}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn missing_explicit_config_is_an_io_error() {
    let err = Resolver::new(Some(Path::new("tests/config/does-not-exist.toml")), Overrides::default())
        .expect_err("missing");
    assert!(matches!(err, ConfigError::Io { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("tests/config/does-not-exist.toml: cannot read the config: "),
        "{err}"
    );
}

#[test]
fn error_cycle() {
    let err = load_err("cycle_a.toml");
    assert!(matches!(err, ConfigError::Cycle(_)), "{err:?}");
    insta::assert_snapshot!(render(&err));
}

#[test]
fn error_unknown_key() {
    insta::assert_snapshot!(render(&load_err("unknown_key.toml")));
}

#[test]
fn error_bad_toml() {
    insta::assert_snapshot!(render(&load_err("bad_toml.toml")));
}

#[test]
fn error_unknown_selector() {
    let err = load_err("unknown_selector.toml");
    let ConfigError::Invalid(invalid) = &err else { panic!("{err:?}") };
    let span = invalid.span.expect("located");
    assert_eq!((span.offset(), span.len()), (17, 7), "at \"XG999\"");
    insta::assert_snapshot!(render(&err));
}

#[test]
fn error_bad_severity() {
    insta::assert_snapshot!(render(&load_err("bad_severity.toml")));
}

#[test]
fn error_missing_extends() {
    insta::assert_snapshot!(render(&load_err("missing_extends.toml")));
}

#[test]
fn error_unknown_pack() {
    insta::assert_snapshot!(render(&load_err("unknown_pack.toml")));
}

#[test]
fn error_bad_glob_and_lang() {
    let err = compile_err("[per-file-ignores]\n\"[z-a\" = [\"XG0\"]\n");
    assert!(err.to_string().starts_with("xxgk.toml: bad glob `[z-a`"), "{err}");
    let err = compile_err("lang = \"fr\"\n");
    assert_eq!(err.to_string(), "xxgk.toml: unknown language `fr`");
    let err = compile_err("[settings]\nwording = [{ wrong = \"a\" }]\n");
    assert!(err.to_string().contains("missing field `right`"), "{err}");
}

#[test]
fn every_pack_file_is_bundled_under_its_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("provinces")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    assert!(!files.is_empty());
    for path in &files {
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("name");
        let text = std::fs::read_to_string(path).expect("readable");
        assert_eq!(bundled_pack(stem), Some(text.as_str()), "{} is not in BUNDLED_PACKS", path.display());
        let pack: FileOptions = toml::from_str(&text).expect("a pack");
        assert_eq!(pack.name.as_deref(), Some(stem), "{}: `name` must be the file's name", path.display());
        assert!(pack.version.is_some() && pack.description.is_some(), "{}", path.display());
    }
    assert_eq!(files.len(), BUNDLED_PACKS.len(), "every bundled pack has its file");
}

#[test]
fn a_close_selector_is_suggested() {
    let help = |text: &str| match compile_err(text) {
        ConfigError::Invalid(invalid) => invalid.help.unwrap_or_default(),
        other => panic!("{other:?}"),
    };
    assert!(help("select = [\"unused-supression\"]\n").starts_with("did you mean `unused-suppression`? "));
    assert!(help("ignore = [\"xg007\"]\n").starts_with("did you mean `XG007`? "));
    assert!(help("ignore = [\"nothing-like-it\"]\n").starts_with("a selector is a rule code"));
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("", "ab"), 2);
    assert_eq!(edit_distance("抑制", "抑制"), 0);
}

#[test]
fn check_applies_per_file_ignores_of_the_report_path() {
    let dir = absolute_path(Path::new("tests/config"));
    let text = "select = [\"XG007\"]\n[per-file-ignores]\n\"drafts/*.txt\" = [\"XG007\"]\n";
    let settings = Config::from_text(&dir.join("xxgk.toml"), text)
        .and_then(|c| c.compile(&Overrides::default()))
        .expect("valid");
    let read = |path: &Path| {
        xxgk_adapters::read(&path.to_string_lossy(), b"xxgk: ignore[XG999]\n", &Default::default())
            .expect("reads")
    };
    let codes =
        |path: &Path| crate::check(&read(path), &settings).into_iter().map(|d| d.code).collect::<Vec<_>>();
    assert_eq!(codes(&dir.join("drafts/a.txt")), Vec::<String>::new());
    assert_eq!(codes(&dir.join("a.txt")), ["XG007"]);
    // A relative path is taken against the current directory.
    assert_eq!(codes(Path::new("tests/config/drafts/a.txt")), Vec::<String>::new());
}

#[test]
fn a_base_shared_by_two_configs_is_read_once() {
    let root = temp_tree("shared");
    std::fs::write(root.join("base.toml"), "[severity]\nXG007 = \"info\"\n").expect("write");
    std::fs::write(root.join("a/xxgk.toml"), "extends = [\"../base.toml\"]\n").expect("write");
    std::fs::write(root.join("d/xxgk.toml"), "extends = [\"../base.toml\"]\nlang = \"en\"\n").expect("write");
    let resolver = Resolver::new(None, Overrides::default()).expect("valid");
    let a = resolver.resolve(&root.join("a/r.txt")).expect("valid");
    assert_eq!(a.severity_override("XG007"), Some(Severity::Info));
    // Gone from the disk, still known to this run.
    std::fs::remove_file(root.join("base.toml")).expect("remove");
    let d = resolver.resolve(&root.join("d/r.txt")).expect("the base was parsed once");
    assert_eq!((d.severity_override("XG007"), d.lang), (Some(Severity::Info), Lang::En));
    let shown = |p: PathBuf| p.to_string_lossy().into_owned();
    assert_eq!(
        d.sources,
        ["national".to_string(), shown(root.join("base.toml")), shown(root.join("d/xxgk.toml"))]
    );
    let _ = std::fs::remove_dir_all(&root);
}
