//! `xxgk server`, driven by a real LSP client session over its stdio: JSON-RPC messages with
//! `Content-Length` headers, as an editor sends them.
//!
//! initialize → initialized → didOpen → publishDiagnostics → codeAction → hover → didChange →
//! didSave → didChangeWatchedFiles → shutdown → exit, with exact ranges in UTF-16 code units (a CJK text with an
//! astral character, 𠮷 U+20BB7, before the finding; 🀄 in the Markdown document).
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// A client: the server process, its stdin, and the messages read from its stdout.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(args: &[&str], dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(args)
            .current_dir(dir)
            .env_remove("XXGK_LANG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("xxgk server starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, incoming, next_id: 1 }
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request and wait for its response (notifications meanwhile are dropped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.recv();
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
        }
    }

    fn recv(&self) -> Value {
        match self.incoming.recv_timeout(Duration::from_secs(60)) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in 60 s"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// The next `textDocument/publishDiagnostics`.
    fn diagnostics(&self) -> Value {
        loop {
            let message = self.recv();
            if message["method"] == "textDocument/publishDiagnostics" {
                return message["params"].clone();
            }
        }
    }

    /// shutdown, exit, and the exit code.
    fn finish(mut self) -> Option<i32> {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        self.child.wait().expect("the server exits").code()
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn clean_report() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean.txt")).unwrap()
}

/// The clean report with a clause in its first section; `extra` is put first in the clause.
fn with_clause(extra: &str, clause: &str) -> String {
    let at = "严格落实信息发布保密审查制度，";
    let text = clean_report();
    assert!(text.contains(at));
    text.replacen(at, &format!("{at}{extra}{clause}"), 1)
}

fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn range(line: u32, start: u32, end: u32) -> Value {
    json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } })
}

fn explain(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk")).env_remove("XXGK_LANG").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

fn initialize(client: &mut Client, options: Value) -> Value {
    let result = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": options }),
    );
    client.notify("initialized", json!({}));
    result
}

#[test]
fn a_session_diagnostics_code_actions_hover_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(&["server"], dir.path());
    let init = initialize(&mut client, json!({}));
    assert_eq!(init["serverInfo"], json!({ "name": "xxgk", "version": env!("CARGO_PKG_VERSION") }));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(
        caps["textDocumentSync"],
        json!({ "openClose": true, "change": 1, "save": { "includeText": true } })
    );
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["codeActionProvider"]["codeActionKinds"], json!(["quickfix", "source.fixAll.xxgk"]));

    // Line 5 (index 4): 105 characters before 建全, one of them 𠮷 (two UTF-16 units), so the
    // finding starts at UTF-16 column 106, where `check` says column 106 in characters, 1-based.
    let path = dir.path().join("年报 2023.txt");
    let uri = file_uri(&path);
    let text = with_clause("由𠮷局长牵头", "建全工作机制，");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let published = client.diagnostics();
    let finding = json!({
        "range": range(4, 106, 108),
        "severity": 2,
        "code": "XG603",
        "source": "xxgk",
        "message": "“建全”应为“健全”\nhelp: 改为“健全”",
    });
    assert_eq!(published, json!({ "uri": uri, "version": 1, "diagnostics": [finding] }));

    // The fix of the finding, as a preferred quick fix.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range(4, 107, 107),
            "context": { "diagnostics": [finding] },
        }),
    );
    let edit = json!({ "changes": { uri.clone(): [{ "range": range(4, 106, 108), "newText": "健全" }] } });
    assert_eq!(
        actions,
        json!([{
            "title": "XG603：改为“健全”",
            "kind": "quickfix",
            "diagnostics": [finding],
            "edit": edit,
            "isPreferred": true,
        }])
    );
    // Elsewhere on the line: no action.
    let none = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(4, 0, 3), "context": { "diagnostics": [] } }),
    );
    assert_eq!(none, json!([]));
    // Fix all, as a source action on request.
    let all = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range(0, 0, 0),
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    assert_eq!(
        all,
        json!([{ "title": "xxgk：应用全部安全修复", "kind": "source.fixAll.xxgk", "edit": edit }])
    );

    // Hover in the finding: the rule's explanation, exactly as `xxgk explain` prints it.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 4, "character": 107 } }),
    );
    assert_eq!(
        hover,
        json!({ "contents": { "kind": "markdown", "value": explain(&["explain", "XG603"]) }, "range": range(4, 106, 108) })
    );
    let nothing = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 2 } }),
    );
    assert_eq!(nothing, Value::Null);

    // The fix applied and a code written in the text: no finding; hover on the code explains it.
    let fixed = with_clause("", "（XG301 另见第六部分），");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    assert_eq!(client.diagnostics(), json!({ "uri": uri, "version": 2, "diagnostics": [] }));
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 4, "character": 102 } }),
    );
    assert_eq!(
        hover,
        json!({ "contents": { "kind": "markdown", "value": explain(&["explain", "XG301"]) }, "range": range(4, 100, 105) })
    );

    // Saved with the first text again: checked again.
    client.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri }, "text": text }));
    let published = client.diagnostics();
    assert_eq!(published["diagnostics"][0]["range"], range(4, 106, 108));
    assert_eq!(published["version"], 2);

    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(client.diagnostics(), json!({ "uri": uri, "diagnostics": [] }));
    assert_eq!(client.finish(), Some(0));
}

#[test]
fn markdown_documents_and_the_config_of_their_directory() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("英文");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("xxgk.toml"), "lang = \"en\"\n[severity]\nXG603 = \"error\"\n").unwrap();
    let mut client = Client::start(&["server", "--stdio"], dir.path());
    initialize(&mut client, json!({}));

    // 🀄 and 𠮷 are two UTF-16 units each: 106 characters before the finding, 108 units.
    let text = with_clause("🀄由𠮷局长牵头", "建全工作机制，");
    let here = file_uri(&dir.path().join("a.md"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": here, "languageId": "markdown", "version": 7, "text": text } }),
    );
    let published = client.diagnostics();
    assert_eq!(published["version"], 7);
    assert_eq!(
        published["diagnostics"],
        json!([{
            "range": range(4, 108, 110),
            "severity": 2,
            "code": "XG603",
            "source": "xxgk",
            "message": "“建全”应为“健全”\nhelp: 改为“健全”",
        }])
    );

    // Under 英文/xxgk.toml: English, and XG603 raised to an error.
    let there = file_uri(&sub.join("b.md"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": there, "languageId": "markdown", "version": 1, "text": text } }),
    );
    let published = client.diagnostics();
    let finding = &published["diagnostics"][0];
    assert_eq!(finding["severity"], 1);
    assert_eq!(finding["range"], range(4, 108, 110));
    assert_eq!(finding["message"], "“建全” should read “健全”\nhelp: Replace by “健全”");
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": there }, "position": { "line": 4, "character": 109 } }),
    );
    assert_eq!(hover["contents"]["value"], explain(&["--lang", "en", "explain", "XG603"]));

    // Not a report (by extension): nothing is published for it.
    let toml_uri = file_uri(&sub.join("xxgk.toml"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": toml_uri, "languageId": "toml", "version": 1, "text": "lang = \"en\"\n" } }),
    );
    // An empty report is unreadable, as in `check` (XG001).
    let empty = file_uri(&dir.path().join("empty.txt"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": empty, "languageId": "plaintext", "version": 1, "text": "" } }),
    );
    let published = client.diagnostics();
    assert_eq!(published["uri"], empty, "the toml document got no diagnostics");
    assert_eq!(
        published["diagnostics"],
        json!([{ "range": range(0, 0, 0), "severity": 1, "code": "XG001", "source": "xxgk", "message": "无法读取：文件为空" }])
    );

    // The config changes on disk: every open report is checked again, in URI order.
    std::fs::write(sub.join("xxgk.toml"), "lang = \"zh\"\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": toml_uri, "type": 2 }] }));
    let again: Vec<Value> = (0..3).map(|_| client.diagnostics()).collect();
    let uris: Vec<&Value> = again.iter().map(|p| &p["uri"]).collect();
    assert_eq!(uris, [&json!(there), &json!(here), &json!(empty)]);
    assert_eq!(again[0]["diagnostics"][0]["message"], "“建全”应为“健全”\nhelp: 改为“健全”");
    assert_eq!(again[0]["diagnostics"][0]["severity"], 2);
    // A config saved in the editor: the same.
    std::fs::write(sub.join("xxgk.toml"), "lang = \"en\"\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": toml_uri }, "text": "lang = \"en\"\n" }),
    );
    let again: Vec<Value> = (0..3).map(|_| client.diagnostics()).collect();
    assert_eq!(again[0]["uri"], there);
    assert_eq!(again[0]["diagnostics"][0]["message"], "“建全” should read “健全”\nhelp: Replace by “健全”");
    assert_eq!(client.finish(), Some(0));
}

#[test]
fn lang_flag_and_an_exit_without_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(&["--lang", "en", "server"], dir.path());
    let result = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } },
            "initializationOptions": { "lang": "zh" },
        }),
    );
    assert_eq!(result["serverInfo"]["name"], "xxgk");
    client.notify("initialized", json!({}));
    // A client that can watch files is asked to watch the TOML files (configs and packs).
    let register = client.recv();
    assert_eq!(
        register,
        json!({
            "jsonrpc": "2.0",
            "id": "xxgk/watch-configs",
            "method": "client/registerCapability",
            "params": { "registrations": [{
                "id": "xxgk-configs",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": [{ "globPattern": "**/*.toml" }] },
            }] },
        })
    );
    client.send(&json!({ "jsonrpc": "2.0", "id": "xxgk/watch-configs", "result": null }));
    let uri = file_uri(&dir.path().join("r.txt"));
    let text = with_clause("", "建全工作机制，");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let published = client.diagnostics();
    // --lang wins over initializationOptions; no astral character: columns are characters.
    assert_eq!(published["diagnostics"][0]["range"], range(4, 99, 101));
    assert_eq!(published["diagnostics"][0]["message"], "“建全” should read “健全”\nhelp: Replace by “健全”");
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(4, 99, 101), "context": { "diagnostics": [], "only": ["quickfix"] } }),
    );
    assert_eq!(actions[0]["title"], "XG603: Replace by “健全”");
    let unknown = {
        client
            .send(&json!({ "jsonrpc": "2.0", "id": 99, "method": "textDocument/definition", "params": {} }));
        loop {
            let m = client.recv();
            if m["id"] == 99 {
                break m;
            }
        }
    };
    assert_eq!(unknown["error"]["code"], -32601);
    // `exit` without `shutdown`: exit code 1 (LSP 3.17).
    client.notify("exit", Value::Null);
    drop(client.stdin.take());
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}
