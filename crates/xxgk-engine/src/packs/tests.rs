//! Tests of the declarative pack rules: a fixture pack with every kind, firing and clean
//! reports, malformed packs rendered as miette errors, and a config through `Resolver`.
use crate::config::{Config, ConfigError, Overrides, Resolver};
use crate::Settings;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/packs/fixtures").join(name)
}

/// Settings of a config that applies the fixture pack and runs only its rules.
fn fixture_settings() -> Settings {
    let config =
        format!("packs = [{:?}]\nselect = [\"FX\"]\n", fixture("every_kind.toml").display().to_string());
    Config::from_text(&fixture("xxgk.toml"), &config)
        .expect("loads")
        .compile(&Overrides::default())
        .expect("compiles")
}

fn check(name: &str, settings: &Settings) -> String {
    let report = crate::test::read_fixture(&fixture(name));
    crate::test::render(&report, &crate::check(&report, settings))
}

#[test]
fn every_kind_fires() {
    let out = check("fires.txt", &fixture_settings());
    insta::assert_snapshot!(out);
    let codes: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).map(|l| &l[..5]).collect();
    assert_eq!(
        codes,
        ["FX005", "FX007", "FX001", "FX004", "FX002", "FX004", "FX006", "FX008", "FX003", "FX009"]
    );
}

#[test]
fn every_kind_stays_silent_on_a_clean_report() {
    assert_eq!(check("clean.txt", &fixture_settings()), "");
}

#[test]
fn substitute_and_forbid_carry_safe_fixes() {
    let settings = fixture_settings();
    let report = crate::test::read_fixture(&fixture("fires.txt"));
    let found = crate::check(&report, &settings);
    let fixes: Vec<(&str, &str, &str)> = found
        .iter()
        .filter_map(|d| {
            d.fix
                .as_ref()
                .map(|f| (d.code.as_str(), report.slice(f.edits[0].span), f.edits[0].replacement.as_str()))
        })
        .collect();
    assert_eq!(fixes, [("FX004", "建全", "健全"), ("FX002", "其它", "其他"), ("FX004", "帐号", "账号")]);
    assert!(found
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .all(|f| f.applicability == crate::Applicability::Safe));
}

#[test]
fn pack_rules_obey_ignore_and_severity() {
    let config = format!(
        "packs = [{:?}]\nselect = [\"FX\"]\nignore = [\"FX004\", \"qita-wording\"]\n[severity]\nFX001 = \"info\"\n",
        fixture("every_kind.toml").display().to_string()
    );
    let settings = Config::from_text(&fixture("xxgk.toml"), &config)
        .expect("loads")
        .compile(&Overrides::default())
        .expect("compiles");
    let report = crate::test::read_fixture(&fixture("fires.txt"));
    let found = crate::check(&report, &settings);
    assert!(!found.iter().any(|d| d.code == "FX004" || d.code == "FX002"));
    let fx001 = found.iter().find(|d| d.code == "FX001").expect("FX001");
    assert_eq!((fx001.severity, fx001.rule.as_str()), (crate::Severity::Info, "zhuanqu-sentence-missing"));
}

#[test]
fn find_rule_returns_pack_rule_metadata() {
    let settings = fixture_settings();
    let meta = super::find_rule(&settings, "FX008").expect("FX008");
    assert_eq!(
        (meta.code, meta.name, meta.severity),
        ("FX008", "new-within-outcomes", crate::Severity::Warning)
    );
    assert!(super::find_rule(&settings, "FX999").is_none());
    assert_eq!(super::pack_of(&settings, "FX008").as_deref(), Some("fixture"));
    assert_eq!(super::pack_of(&settings, "XG301").as_deref(), Some("national"));
}

/// Render a config error as miette draws it, without colour.
fn render_error(err: &ConfigError) -> String {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor()).with_width(100);
    let _ = handler.render_report(&mut out, err);
    out
}

fn malformed(name: &str, pack: &str) -> String {
    let dir = std::env::temp_dir().join(format!("xxgk-packs-{}-{name}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, pack).expect("write");
    let config = Config::from_text(&dir.join("xxgk.toml"), &format!("packs = [\"{name}.toml\"]\n"));
    let err = match config.and_then(|c| c.compile(&Overrides::default())) {
        Ok(_) => panic!("{name} should not load"),
        Err(err) => err,
    };
    let _ = std::fs::remove_dir_all(&dir);
    render_error(&err).replace(&dir.display().to_string(), "<dir>")
}

const RULE: &str = "[[rule]]\ncode = \"SH001\"\nname = \"a-rule\"\nkind = \"require\"\nphrase = \"专区\"\nmessage = \"缺少专区\"\n";

#[test]
fn malformed_unknown_key() {
    insta::assert_snapshot!(malformed("unknown_key", &format!("name = \"p\"\n{RULE}phrasee = \"x\"\n")));
}

#[test]
fn malformed_bad_regex() {
    let pack = RULE.replace("phrase = \"专区\"", "regex = \"专区(\"");
    insta::assert_snapshot!(malformed("bad_regex", &format!("name = \"p\"\n{pack}")));
}

#[test]
fn malformed_unknown_section() {
    insta::assert_snapshot!(malformed(
        "unknown_section",
        &format!("name = \"p\"\n{RULE}section = \"overveiw\"\n")
    ));
}

#[test]
fn malformed_duplicate_code() {
    insta::assert_snapshot!(malformed(
        "duplicate_code",
        &format!("name = \"p\"\n{RULE}{}", RULE.replace("a-rule", "b-rule"))
    ));
}

#[test]
fn malformed_unknown_cell() {
    let pack = "name = \"p\"\n[[rule]]\ncode = \"SH001\"\nname = \"c\"\nkind = \"compare\"\nleft = \"requests.new.totl\"\nop = \"<=\"\nright = \"1\"\nmessage = \"m\"\n";
    insta::assert_snapshot!(malformed("unknown_cell", pack));
}

#[test]
fn malformed_xg_prefix() {
    insta::assert_snapshot!(malformed(
        "xg_prefix",
        &format!("name = \"p\"\n{}", RULE.replace("SH001", "XG901"))
    ));
}

#[test]
fn version_pin() {
    let ok = Config::from_text(Path::new("/nonexistent/xxgk.toml"), "packs = [\"national@0.1\"]\n");
    assert!(ok.is_ok());
    let err =
        Config::from_text(Path::new("/nonexistent/xxgk.toml"), "packs = [\"national@0.2\"]\n").unwrap_err();
    insta::assert_snapshot!(render_error(&err));
}

/// The guide's promise: a 20-line pack with a required sentence, a wording list and a
/// deadline, pointed at from `xxgk.toml`, reports with its own codes beside the national ones.
#[test]
fn twenty_line_pack_through_the_resolver() {
    let dir = std::env::temp_dir().join(format!("xxgk-packs-e2e-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("rules")).expect("mkdir");
    let pack = r#"name = "mine"
version = "0.1.0"
description = "本单位要求"
extends = ["national"]

[[rule]]
code = "MY001"
name = "zhuanqu-missing"
kind = "require"
section = "overview"
phrase = "政务公开专区"
message = "总体情况未提及政务公开专区"

[[rule]]
code = "MY002"
name = "house-words"
kind = "substitute"
words = [{ wrong = "其它", right = "其他" }]
message = "“{wrong}”应为“{right}”"

[[rule]]
code = "MY003"
name = "province-deadline"
kind = "deadline"
month = 1
day = 15
message = "发布日期{found}晚于{due}"
"#;
    assert!(pack.lines().count() <= 30);
    std::fs::write(dir.join("rules/mine.toml"), pack).expect("write pack");
    std::fs::write(dir.join("xxgk.toml"), "packs = [\"national\", \"rules/mine.toml\"]\n")
        .expect("write config");
    std::fs::copy(fixture("fires.txt"), dir.join("report.txt")).expect("copy");
    let resolver = Resolver::new(None, Overrides::default()).expect("resolver");
    let settings = resolver.resolve(&dir.join("report.txt")).expect("settings");
    let bytes = std::fs::read(dir.join("report.txt")).expect("read");
    let report = xxgk_adapters::read("report.txt", &bytes, &Default::default()).expect("reads");
    let found = crate::check(&report, &settings);
    let _ = std::fs::remove_dir_all(&dir);
    let located: Vec<String> = {
        let index = xxgk_model::LineIndex::new(report.source());
        found
            .iter()
            .map(|d| {
                let (l, c) = index.line_col(report.source(), report.source_span(d.span).start as usize);
                format!("{} {l}:{c}", d.code)
            })
            .collect()
    };
    let own: Vec<&str> = located.iter().map(String::as_str).filter(|l| l.starts_with("MY")).collect();
    assert_eq!(own, ["MY003 2:16", "MY001 4:1", "MY002 5:22"]);
    // The national rules still run beside the pack's: the wording list and the table identity.
    for national in ["XG603 5:17", "XG201 47:33"] {
        assert!(located.iter().any(|l| l == national), "{national} in {located:?}");
    }
}

#[test]
fn province_packs_add_no_rules_and_say_so() {
    for name in ["guizhou", "liaoning", "hunan"] {
        assert_eq!(super::pack_rules(name).map(|r| r.len()), Some(0), "{name}");
        let text = crate::config::bundled_pack(name).expect(name);
        assert!(text.contains("本省未发布国家模板之外的要求"), "{name}");
        let settings =
            Config::from_text(Path::new("/nonexistent/xxgk.toml"), &format!("packs = [\"{name}@0.1\"]\n"))
                .and_then(|c| c.compile(&Overrides::default()))
                .expect(name);
        assert_eq!(settings.options, crate::Options::national(), "{name} restates the national settings");
    }
    assert!(super::pack_rules("nonexistent").is_none());
}

#[test]
fn house_style_example_is_off_until_selected() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/examples/house-style.toml");
    let load = |extra: &str| {
        let config = format!("packs = [{:?}]\n{extra}", example.display().to_string());
        Config::from_text(&fixture("xxgk.toml"), &config)
            .expect("loads")
            .compile(&Overrides::default())
            .expect("compiles")
    };
    let report = crate::test::read_fixture(&fixture("fires.txt"));
    let codes = |s: &Settings| -> Vec<String> {
        crate::check(&report, s).into_iter().filter(|d| d.code.starts_with("HS")).map(|d| d.code).collect()
    };
    assert!(codes(&load("")).is_empty());
    assert_eq!(codes(&load("extend-select = [\"HS\"]\n")), ["HS002", "HS001", "HS001"]);
    let meta = super::find_rule(&load(""), "HS001").expect("HS001");
    assert!(meta.doc.starts_with("## 检查内容\n") && meta.fixable && !meta.enabled_by_default);
}

#[test]
fn rules_of_a_pack_by_path_and_by_name() {
    let path = fixture("every_kind.toml").display().to_string();
    let rules = super::rules_of(&path).expect("loads");
    let codes: Vec<&str> = rules.iter().map(|(_, m)| m.code).collect();
    assert_eq!(codes, ["FX001", "FX002", "FX003", "FX004", "FX005", "FX006", "FX007", "FX008", "FX009"]);
    assert!(rules.iter().all(|(pack, _)| pack == "fixture"));
    assert!(super::rules_of("guizhou").expect("bundled").is_empty());
    assert!(super::rules_of("guizhou@9").is_err());
    assert!(super::rules_of("atlantis").is_err());
}
