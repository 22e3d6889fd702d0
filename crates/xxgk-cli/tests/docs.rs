//! `docs/rules/CODE.md` is `xxgk explain CODE`, one page a rule, kept in step by this test.
//!
//! After adding or changing a rule, regenerate the pages with
//! `XXGK_UPDATE_DOCS=1 cargo test -p xxgk-cli --test docs` and commit them.
use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules")
}

fn xxgk(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk")).env_remove("XXGK_LANG").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn rule_pages_equal_explain() {
    let rules: serde_json::Value = serde_json::from_str(&xxgk(&["rules", "--format", "json"])).unwrap();
    let codes: Vec<String> =
        rules.as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_string()).collect();
    let update = std::env::var_os("XXGK_UPDATE_DOCS").is_some();
    let dir = docs_dir();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut stale = Vec::new();
    for code in &codes {
        let page = dir.join(format!("{code}.md"));
        let want = xxgk(&["explain", code]);
        if update {
            std::fs::write(&page, &want).unwrap();
        } else if std::fs::read_to_string(&page).ok().as_deref() != Some(want.as_str()) {
            stale.push(code.clone());
        }
    }
    let mut extra = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(code) = name.strip_suffix(".md") {
            if !codes.iter().any(|c| c == code) {
                if update {
                    std::fs::remove_file(entry.path()).unwrap();
                } else {
                    extra.push(name);
                }
            }
        }
    }
    assert!(
        stale.is_empty() && extra.is_empty(),
        "docs/rules is out of date (stale or missing: {stale:?}; no such rule: {extra:?}); \
         run `XXGK_UPDATE_DOCS=1 cargo test -p xxgk-cli --test docs` and commit docs/rules"
    );
}
