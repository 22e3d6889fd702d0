//! The pre-commit hook, run by the real `pre-commit` (PyPI) in a temporary git repository.
//!
//! The repository's `.pre-commit-config.yaml` is a `repo: local` hook made from this
//! repository's `.pre-commit-hooks.yaml` (the same id, files pattern and pass_filenames), with
//! the entry pointed at the binary under test. `pre-commit install` puts it in the git hooks,
//! then `git commit` must fail on a report with error-level findings and succeed on a clean one.
//! `.ci/run` installs pre-commit; outside CI the test is skipped, saying why, when pre-commit
//! cannot be found.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// How to run pre-commit here: the `pre-commit` on PATH, else `python3 -m pre_commit`.
fn pre_commit() -> Option<Vec<String>> {
    let candidates: [&[&str]; 2] = [&["pre-commit"], &["python3", "-m", "pre_commit"]];
    candidates.iter().find_map(|argv| {
        let ok = Command::new(argv[0]).args(&argv[1..]).arg("--version").output().is_ok_and(|o| {
            o.status.success() && String::from_utf8_lossy(&o.stdout).starts_with("pre-commit ")
        });
        ok.then(|| argv.iter().map(|s| s.to_string()).collect())
    })
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        // A commit made by the test, whatever the machine's git configuration.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "xxgk")
        .env("GIT_AUTHOR_EMAIL", "xxgk@example.invalid")
        .env("GIT_COMMITTER_NAME", "xxgk")
        .env("GIT_COMMITTER_EMAIL", "xxgk@example.invalid")
        .env("PRE_COMMIT_HOME", dir.join(".pre-commit-home"))
        .env("NO_COLOR", "1")
        .env_remove("XXGK_LANG")
        .output()
        .expect("git runs");
    out
}

/// The hook's status in pre-commit's report (`xxgk....Passed`): what follows the dots.
fn status(said: &str) -> Option<&str> {
    said.lines().find_map(|l| l.strip_prefix("xxgk.")).map(|rest| rest.trim_start_matches('.'))
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The local hook: this repository's hook definition with the entry replaced.
fn local_config(binary: &Path) -> String {
    let hooks = std::fs::read_to_string(manifest_dir().join("../../.pre-commit-hooks.yaml")).unwrap();
    let mut out = String::from("repos:\n  - repo: local\n    hooks:\n");
    let mut entries = 0;
    for line in hooks.lines().filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty()) {
        let line = if line.trim_start().starts_with("entry:") {
            entries += 1;
            format!("  entry: '{} check'", binary.display())
        } else {
            line.to_string()
        };
        out.push_str("      ");
        out.push_str(&line);
        out.push('\n');
    }
    assert_eq!(entries, 1, "one hook with one entry: {hooks}");
    out
}

#[test]
fn hook_definition() {
    let hooks = std::fs::read_to_string(manifest_dir().join("../../.pre-commit-hooks.yaml")).unwrap();
    for line in [
        "- id: xxgk\n",
        "  entry: xxgk check\n",
        "  files: '(?i)\\.(txt|md|markdown|html?|docx|pdf)$'\n",
        "  pass_filenames: true\n",
    ] {
        assert!(hooks.contains(line), "{line:?} not in\n{hooks}");
    }
}

#[test]
fn commit_with_a_bad_report_is_rejected_and_a_good_one_passes() {
    let Some(pre_commit) = pre_commit() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but pre-commit cannot be found: .ci/run installs it (pip install pre-commit)"
        );
        // Written to the stream itself, not through the test harness's captured `eprintln!`,
        // so that the skip shows in `cargo test`'s output.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "precommit: skipped: pre-commit is not installed (pip install pre-commit); CI runs this test"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    assert!(git(repo, &["init", "-q", "-b", "main"]).status.success());
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_xxgk"));
    std::fs::write(repo.join(".pre-commit-config.yaml"), local_config(&binary)).unwrap();
    let install = Command::new(&pre_commit[0])
        .args(&pre_commit[1..])
        .arg("install")
        .current_dir(repo)
        .env("PRE_COMMIT_HOME", repo.join(".pre-commit-home"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(install.status.success(), "{}", text(&install));
    std::fs::write(repo.join(".gitignore"), ".pre-commit-home/\n").unwrap();
    assert!(git(repo, &["add", ".pre-commit-config.yaml", ".gitignore"]).status.success());
    let first = git(repo, &["commit", "-q", "-m", "config"]);
    // No report staged: the hook is skipped and the commit goes through.
    assert!(first.status.success(), "{}", text(&first));
    assert_eq!(status(&text(&first)), Some("(no files to check)Skipped"), "{}", text(&first));

    let fixtures = manifest_dir().join("tests/fixtures");
    std::fs::create_dir(repo.join("reports")).unwrap();
    std::fs::copy(fixtures.join("errors.txt"), repo.join("reports/2024.txt")).unwrap();
    assert!(git(repo, &["add", "reports/2024.txt"]).status.success());
    let bad = git(repo, &["commit", "-q", "-m", "bad report"]);
    let said = text(&bad);
    assert_eq!(bad.status.code(), Some(1), "{said}");
    assert_eq!(status(&said), Some("Failed"), "{said}");
    assert!(said.contains("- exit code: 1\n"), "{said}");
    assert!(said.contains("error[XG201]: 表三“总计”列不平衡：一+二=14，三(七)+四=13\n"), "{said}");
    assert!(said.contains("共检查 1 个文件：错误 3 个，警告 2 个，提示 0 个\n"), "{said}");
    let log = git(repo, &["rev-list", "--count", "HEAD"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout), "1\n", "the bad report was not committed");

    std::fs::copy(fixtures.join("clean.txt"), repo.join("reports/2024.txt")).unwrap();
    assert!(git(repo, &["add", "reports/2024.txt"]).status.success());
    let good = git(repo, &["commit", "-q", "-m", "good report"]);
    let said = text(&good);
    assert_eq!(good.status.code(), Some(0), "{said}");
    assert_eq!(status(&said), Some("Passed"), "{said}");
    let log = git(repo, &["rev-list", "--count", "HEAD"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout), "2\n");
}
