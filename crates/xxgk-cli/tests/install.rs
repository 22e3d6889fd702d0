//! Installing and setting up xxgk: `--version`, `completions`, `init` and the file it writes.
use assert_cmd::Command;
use std::path::Path;

fn xxgk(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    cmd.current_dir(dir).env_remove("XXGK_LANG").env("NO_COLOR", "1");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = xxgk(dir).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn version_is_the_package_version() {
    let (code, out, err) = run(manifest_dir(), &["--version"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, format!("xxgk {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn bash_completions_are_valid_bash_and_complete_the_subcommands() {
    let (code, out, err) = run(manifest_dir(), &["completions", "bash"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("_xxgk() {\n"), "{}", &out[..80.min(out.len())]);
    assert!(out.contains("complete -F _xxgk -o nosort -o bashdefault -o default xxgk\n"), "{out}");
    let top = out
        .lines()
        .find(|l| l.trim_start().starts_with("opts=\"-h -V --lang --color --help --version "))
        .expect("the top-level opts line");
    for sub in ["check", "extract", "rules", "explain", "config", "init", "completions"] {
        assert!(top.split(['"', ' ']).any(|w| w == sub), "{sub} missing from {top}");
    }
    // `bash -n` parses the script without running it.
    let parsed = std::process::Command::new("bash")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(out.as_bytes())?;
            child.wait()
        })
        .expect("bash runs");
    assert_eq!(parsed.code(), Some(0));
}

#[test]
fn zsh_and_fish_completions() {
    let (code, zsh, _) = run(manifest_dir(), &["completions", "zsh"]);
    assert_eq!(code, Some(0));
    assert!(zsh.starts_with("#compdef xxgk\n"), "{}", &zsh[..60.min(zsh.len())]);
    assert!(zsh.contains("'--lang=[Message language\\: zh (default) or en]:zh|en:_default'"), "{zsh}");
    let (code, fish, _) = run(manifest_dir(), &["completions", "fish"]);
    assert_eq!(code, Some(0));
    assert!(
        fish.contains(
            "complete -c xxgk -n \"__fish_xxgk_needs_command\" -f -a \"init\" -d 'Write a commented xxgk.toml for a bundled pack (never overwrites one)'\n"
        ),
        "{fish}"
    );
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let (code, out, err) = run(manifest_dir(), &["completions", "tcsh"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert!(err.starts_with("error: invalid value 'tcsh' for '<SHELL>'\n"), "{err}");
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(dir.path(), &["init", "--pack", "guizhou"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "已写入 xxgk.toml（规则包 guizhou 0.1.0）\n");
    assert_eq!(err, "");
    let text = std::fs::read_to_string(dir.path().join("xxgk.toml")).unwrap();
    assert!(text.starts_with("# xxgk 的配置 / xxgk configuration\n"), "{text}");
    let active: Vec<&str> = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    assert_eq!(active, ["packs = [\"guizhou\"]"]);
    assert!(text.contains("\n# [severity]\n# XG404 = \"warning\"\n"), "{text}");

    let (code, shown, err) = run(dir.path(), &["config", "--show"]);
    assert_eq!(code, Some(0), "{err}");
    let canonical = std::fs::canonicalize(dir.path()).unwrap();
    let first = shown.lines().next().unwrap();
    let expected = [
        format!("sources = [\"national\", \"guizhou\", \"{}/xxgk.toml\"]", canonical.display()),
        format!("sources = [\"national\", \"guizhou\", \"{}/xxgk.toml\"]", dir.path().display()),
    ];
    assert!(expected.iter().any(|e| e == first), "{first}");
    assert_eq!(shown.lines().nth(1), Some("lang = \"zh\""));

    // Every commented-out key is a real key: uncommented, the file still loads.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with('[') || rest.contains(" = ") && !rest.contains('：') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(uncommented.contains("\n[severity]\nXG404 = \"warning\"\n"), "{uncommented}");
    std::fs::write(dir.path().join("xxgk.toml"), &uncommented).unwrap();
    let (code, shown, err) = run(dir.path(), &["config", "--show"]);
    assert_eq!(code, Some(0), "{err}\n{uncommented}");
    assert!(shown.contains("\nlang = \"en\"\n"), "{shown}");
    assert!(shown.contains("\n[severity]\nXG404 = \"warning\"\n"), "{shown}");
}

#[test]
fn init_defaults_to_the_national_pack_and_takes_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    let (code, out, err) = run(dir.path(), &["--lang", "en", "init", "reports"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, format!("wrote reports/xxgk.toml (pack national {})\n", env!("CARGO_PKG_VERSION")));
    let text = std::fs::read_to_string(dir.path().join("reports/xxgk.toml")).unwrap();
    assert!(text.contains("\npacks = [\"national\"]\n"), "{text}");
    assert!(!dir.path().join("xxgk.toml").exists());
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("xxgk.toml"), "lang = \"en\"\n").unwrap();
    let (code, out, err) = run(dir.path(), &["init", "--pack", "hunan"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert_eq!(
        err,
        "  × xxgk.toml: 已存在，未覆盖 / already exists, not overwritten\n  \
         help: 编辑现有文件，或先删除它 / edit the existing file, or remove it first\n\n"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("xxgk.toml")).unwrap(), "lang = \"en\"\n");

    // A hidden .xxgk.toml would be shadowed by a new xxgk.toml: refused as well.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join(".xxgk.toml"), "").unwrap();
    let (code, _, err) = run(other.path(), &["init"]);
    assert_eq!(code, Some(2));
    assert!(err.starts_with("  × .xxgk.toml: 已存在，未覆盖 / already exists, not overwritten\n"), "{err}");
    assert!(!other.path().join("xxgk.toml").exists());
}

#[test]
fn init_rejects_an_unknown_pack_or_pin_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(dir.path(), &["init", "--pack", "shanghai"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert_eq!(
        err,
        "  × --pack shanghai: 没有这个内置规则包 / no bundled pack named `shanghai`\n  \
         help: 内置规则包 / bundled packs: national, guizhou, hunan, liaoning\n\n"
    );
    let (code, _, err) = run(dir.path(), &["init", "--pack", "guizhou@9"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("the bundled pack `guizhou` is version 0.1.0, not 9"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let (code, _, err) = run(dir.path(), &["init", "--pack", "guizhou@0.1"]);
    assert_eq!(code, Some(0), "{err}");
    let text = std::fs::read_to_string(dir.path().join("xxgk.toml")).unwrap();
    assert!(text.contains("\npacks = [\"guizhou@0.1\"]\n"), "{text}");
}
