//! The user guide in Chinese (`docs/zh`) and English (`docs/en`): the same pages with the same
//! examples, every `xxgk` command in them a real subcommand with real flags, every example
//! configuration and pack loadable, every relative link resolved.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const PAGES: [&str; 7] =
    ["README.md", "ci.md", "configuration.md", "editors.md", "packs.md", "pre-commit.md", "quickstart.md"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn page(lang: &str, name: &str) -> String {
    std::fs::read_to_string(root().join("docs").join(lang).join(name))
        .unwrap_or_else(|e| panic!("{lang}/{name}: {e}"))
}

/// Fenced blocks: (info string, body).
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_string(), String::new())),
            (Some(_), Some("")) => out.extend(current.take()),
            (Some((_, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// A block without its comments (`# …`, `-- …`, `// …`) and blank lines: what must be equal
/// in both languages.
fn code_only(body: &str) -> Vec<String> {
    body.lines()
        .map(|line| {
            let mut cut = line.len();
            for marker in ["# ", "-- ", "// "] {
                let mut from = 0;
                while let Some(at) = line[from..].find(marker).map(|i| i + from) {
                    if at == 0 || line[..at].ends_with(' ') {
                        cut = cut.min(at);
                        break;
                    }
                    from = at + 1;
                }
            }
            line[..cut].trim_end().to_string()
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

fn xxgk(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(dir)
        .env_remove("XXGK_LANG")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn both_languages_have_the_same_pages_and_examples() {
    for lang in ["zh", "en"] {
        let names: BTreeSet<String> = std::fs::read_dir(root().join("docs").join(lang))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, PAGES.iter().map(|s| s.to_string()).collect(), "docs/{lang}");
    }
    let titles = [
        ("quickstart.md", "# 快速开始\n"),
        ("configuration.md", "# 配置\n"),
        ("packs.md", "# 规则包\n"),
        ("editors.md", "# 在编辑器中使用\n"),
        ("pre-commit.md", "# 在 pre-commit 中使用\n"),
        ("ci.md", "# 在持续集成中使用\n"),
    ];
    for (name, title) in titles {
        assert!(page("zh", name).starts_with(title), "docs/zh/{name} starts with {title:?}");
    }
    for name in PAGES {
        let (zh, en) = (blocks(&page("zh", name)), blocks(&page("en", name)));
        assert_eq!(zh.len(), en.len(), "{name}: the number of examples");
        for ((zi, zb), (ei, eb)) in zh.iter().zip(&en) {
            assert_eq!(zi, ei, "{name}");
            // Sample output is in each page's language.
            if zi != "text" {
                assert_eq!(code_only(zb), code_only(eb), "{name}: an example differs between the languages");
            }
        }
    }
}

#[test]
fn every_command_in_the_guide_exists_with_its_flags() {
    let mut checked = 0;
    for lang in ["zh", "en"] {
        for name in PAGES {
            for (info, body) in blocks(&page(lang, name)) {
                if info != "sh" {
                    continue;
                }
                for line in code_only(&body) {
                    let words: Vec<&str> = line.split_whitespace().collect();
                    if words.first() != Some(&"xxgk") {
                        continue;
                    }
                    let sub = words.iter().skip(1).find(|w| !w.starts_with('-')).copied();
                    let help_args: Vec<&str> = match sub {
                        Some(sub) if !words[1].starts_with('-') => vec![sub, "--help"],
                        _ => vec!["--help"],
                    };
                    let (code, help, err) = xxgk(&root(), &help_args);
                    assert_eq!(code, Some(0), "{lang}/{name}: `{line}`: {err}");
                    for flag in words.iter().filter(|w| w.starts_with("--")) {
                        let flag = flag.split('=').next().unwrap_or(flag);
                        assert!(
                            help.contains(&format!("{flag} ")) || help.contains(&format!("{flag}\n")),
                            "{lang}/{name}: `{line}`: no {flag} in `xxgk {}`",
                            help_args.join(" ")
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 40, "{checked} commands checked");
}

#[test]
fn example_configuration_and_pack_load() {
    for lang in ["zh", "en"] {
        // configuration.md: the first toml block is a whole config (its `extends` names ../xxgk.toml).
        let config =
            blocks(&page(lang, "configuration.md")).into_iter().find(|(i, _)| i == "toml").unwrap().1;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("xxgk.toml"), "").unwrap();
        std::fs::write(dir.path().join("sub/xxgk.toml"), &config).unwrap();
        let (code, shown, err) = xxgk(&dir.path().join("sub"), &["config", "--show"]);
        assert_eq!(code, Some(0), "{lang}/configuration.md:\n{config}\n{err}");
        assert!(shown.contains("\n[severity]\nXG404 = \"warning\"\n"), "{shown}");
        assert!(shown.contains("\"guizhou\""), "{shown}");

        // packs.md: the pack example.
        let pack = blocks(&page(lang, "packs.md"))
            .into_iter()
            .find(|(i, b)| i == "toml" && b.contains("[[rule]]"))
            .unwrap()
            .1;
        std::fs::write(dir.path().join("mine.toml"), &pack).unwrap();
        let (code, out, err) = xxgk(dir.path(), &["rules", "--pack", "mine.toml"]);
        assert_eq!(code, Some(0), "{lang}/packs.md: {err}");
        assert_eq!(out, "MY001   zhuanqu-missing  warning  mine\n");
    }
}

#[test]
fn links_resolve_and_the_readme_links_both_guides() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("](docs/zh/README.md)"), "README links the Chinese guide");
    assert!(readme.contains("](docs/en/README.md)"), "README links the English guide");
    let mut broken = Vec::new();
    for lang in ["zh", "en"] {
        for name in PAGES {
            let text = page(lang, name);
            for link in text.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
                if link.starts_with("http") {
                    continue;
                }
                let target = root().join("docs").join(lang).join(link.split('#').next().unwrap_or(link));
                if !target.exists() {
                    broken.push(format!("{lang}/{name}: {link}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{broken:?}");
}
