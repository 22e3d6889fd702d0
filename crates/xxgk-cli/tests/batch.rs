//! Whole-corpus runs of `xxgk check DIR`: what the walk reads, a stable order whatever the
//! thread count, and a quiet standard error when piped.
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn seed(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap();
    std::fs::read_to_string(file).unwrap()
}

fn clean() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean.txt")).unwrap()
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A corpus: four reports that are read, one ignored by .gitignore (a file and a directory),
/// one under an excluded directory, one excluded by name, a hidden one and a PDF name.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "ignored/\nskip.txt\n");
    write(root, "a/000.txt", &seed("000"));
    write(root, "a/b/002.txt", &seed("002"));
    write(root, "c.txt", &clean());
    write(root, "z/004.txt", &seed("004"));
    write(root, "ignored/003.txt", &seed("003"));
    write(root, "skip.txt", &seed("003"));
    write(root, "drafts/001.txt", &seed("001"));
    write(root, "z/old.bak.txt", &seed("001"));
    write(root, ".hidden/001.txt", &seed("001"));
    write(root, "scan.pdf", "%PDF-1.4");
    dir
}

fn xxgk(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    cmd.current_dir(dir).env_remove("XXGK_LANG").env("NO_COLOR", "1");
    cmd
}

fn paths(stdout: &[u8]) -> Vec<String> {
    let doc: Value = serde_json::from_slice(stdout).unwrap();
    doc["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_walk_respects_gitignore_and_exclude() {
    let dir = tree();
    let out = xxgk(dir.path())
        .args(["check", "--format", "json", "--exclude", "drafts/", "--exclude", "*.bak.txt", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(paths(&out.stdout), ["a/000.txt", "a/b/002.txt", "c.txt", "z/004.txt"]);

    // Without --exclude both excluded files come back; .gitignore still holds.
    let out = xxgk(dir.path()).args(["check", "--format", "json", "."]).output().unwrap();
    assert_eq!(
        paths(&out.stdout),
        ["a/000.txt", "a/b/002.txt", "c.txt", "drafts/001.txt", "z/004.txt", "z/old.bak.txt"]
    );

    // A glob with a leading slash is anchored at the directory walked (as in ripgrep's -g);
    // a file named on the command line is read whatever --exclude says.
    let out = xxgk(dir.path())
        .args(["check", "--format", "json", "--exclude", "/b", "--exclude", "004.txt", "a", "z", "z/004.txt"])
        .output()
        .unwrap();
    assert_eq!(paths(&out.stdout), ["a/000.txt", "z/004.txt", "z/old.bak.txt"]);
}

#[test]
fn a_bad_exclude_glob_is_an_argument_error() {
    let dir = tree();
    let out = xxgk(dir.path()).args(["check", "--exclude", "a{b", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--exclude a{b"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_is_the_same_bytes_on_one_and_two_threads() {
    let dir = tree();
    // Enough files that two threads interleave.
    for i in 0..30 {
        write(dir.path(), &format!("many/{:02}/r.txt", 29 - i), &seed(["000", "002", "004"][i % 3]));
    }
    for format in ["human", "concise", "json", "sarif", "junit", "github"] {
        let run =
            |j: &str| xxgk(dir.path()).args(["check", "-j", j, "--format", format, "."]).output().unwrap();
        let (one, two) = (run("1"), run("2"));
        assert_eq!(one.status.code(), Some(1), "{format}");
        assert_eq!(two.status.code(), Some(1), "{format}");
        assert!(one.stdout.len() > 1000, "{format}");
        assert!(one.stdout == two.stdout, "{format}: -j1 and -j2 differ");
    }
    let out = xxgk(dir.path()).args(["check", "--threads", "2", "--format", "json", "."]).output().unwrap();
    let list = paths(&out.stdout);
    let mut sorted = list.clone();
    sorted.sort();
    assert_eq!(list, sorted);
    assert_eq!((list.len(), list[4].as_str(), list[35].as_str()), (36, "many/00/r.txt", "z/old.bak.txt"));
    assert_eq!((list[3].as_str(), list[33].as_str()), ("drafts/001.txt", "many/29/r.txt"));
}

#[test]
fn no_progress_bar_when_standard_error_is_piped() {
    let dir = tempfile::tempdir().unwrap();
    let text = clean();
    // More files than the bar's threshold (200).
    for i in 0..220 {
        write(dir.path(), &format!("r{i:03}.txt"), &text);
    }
    let out = xxgk(dir.path()).args(["check", "-j", "2", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "共检查 220 个文件，未发现问题\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
