//! `xxgk server`: a language server over standard input and output (lsp-server, as
//! rust-analyzer uses it; synchronous, no async runtime).
//!
//! ## What it does
//! - Diagnostics on `didOpen`, `didChange` (full text) and `didSave` for text, Markdown and
//!   HTML documents, read from the document's text by the real adapters and checked with the
//!   settings of the config that applies to the document's path (re-read on every check).
//!   When a `.toml` file changes (`workspace/didChangeWatchedFiles`, registered for `**/*.toml`
//!   when the client can, or a TOML document saved in the editor) every open report is checked
//!   again. Positions are in UTF-16 code units.
//! - Code actions: each fixable finding's fix (`quickfix`; safe fixes preferred, unsafe ones
//!   marked), and every safe fix of the document at once (`source.fixAll.xxgk`). Edits touching
//!   a number are refused, as by `check --fix`.
//! - Hover: on a rule code in the text (`XG301` in a suppression comment) or anywhere in a
//!   finding, the rule's explanation as `xxgk explain` prints it.
//!
//! Messages are in the language of `--lang` / `XXGK_LANG`, else of `initializationOptions.lang`,
//! else of the config that applies to the document.
pub mod analysis;
pub mod position;
pub mod uri;

use crate::{Outcome, RunError};
use analysis::Analysis;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Hover, HoverContents, HoverParams, HoverProviderCapability, MarkupContent,
    MarkupKind, Position, PositionEncodingKind, PublishDiagnosticsParams, Range, SaveOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::PathBuf;
use xxgk_engine::Lang;

/// The code action kind of "fix everything safe": `source.fixAll.xxgk`.
pub const FIX_ALL: &str = "source.fixAll.xxgk";

/// An open document.
struct Document {
    text: String,
    version: Option<i32>,
    path: PathBuf,
    analysis: Analysis,
}

/// The server's state: the open documents and the language forced from outside.
struct Server {
    documents: HashMap<Uri, Document>,
    lang: Option<Lang>,
}

/// The capabilities announced in the `initialize` response.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(true) })),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// `xxgk server`: serve over stdio until `exit`. Exit 0 after `shutdown` then `exit`, 1 when
/// the client went away without `shutdown` (LSP 3.17 "exit").
pub(crate) fn server(lang: Option<Lang>) -> Result<Outcome, RunError> {
    let (connection, io_threads) = Connection::stdio();
    let clean = serve(&connection, lang).map_err(|e| miette::miette!("xxgk server: {e}"))?;
    drop(connection);
    io_threads.join()?;
    Ok(Outcome { errors: usize::from(!clean), failed: false })
}

/// Run the protocol on `connection`: initialize, then the main loop. `Ok(true)` after a
/// `shutdown` request and the `exit` notification, `Ok(false)` when the client disconnected first.
pub fn serve(connection: &Connection, lang: Option<Lang>) -> Result<bool, lsp_server::ProtocolError> {
    let (id, params) = connection.initialize_start()?;
    let init_lang =
        params.pointer("/initializationOptions/lang").and_then(|v| v.as_str()).and_then(Lang::parse);
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "xxgk", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result)?;
    let dynamic = params.pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration");
    if dynamic == Some(&serde_json::Value::Bool(true)) {
        send(connection, watch_configs().into());
    }
    let mut server = Server { documents: HashMap::new(), lang: lang.or(init_lang) };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(true);
                }
                let response = server.request(request);
                send(connection, response.into());
            }
            Message::Notification(notification) => {
                if notification.method == lsp_types::notification::Exit::METHOD {
                    return Ok(false);
                }
                for publish in server.notification(notification) {
                    send(connection, publish.into());
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(false)
}

/// The id of the request that registers the config watcher.
pub const WATCH_REQUEST: &str = "xxgk/watch-configs";

/// `client/registerCapability`: tell us when a TOML file (a config or a pack) changes.
fn watch_configs() -> Request {
    let params = serde_json::json!({
        "registrations": [{
            "id": "xxgk-configs",
            "method": DidChangeWatchedFiles::METHOD,
            "registerOptions": { "watchers": [{ "globPattern": "**/*.toml" }] },
        }],
    });
    Request::new(RequestId::from(WATCH_REQUEST.to_string()), "client/registerCapability".to_string(), params)
}

fn send(connection: &Connection, message: Message) {
    // The client hung up: the loop ends when the receiver does.
    let _ = connection.sender.send(message);
}

impl Server {
    fn notification(&mut self, n: Notification) -> Vec<Notification> {
        if n.method == DidChangeWatchedFiles::METHOD {
            return self.check_all();
        }
        self.document_notification(n).unwrap_or_default()
    }

    /// Check every open report again (a config or pack changed), in URI order.
    fn check_all(&mut self) -> Vec<Notification> {
        let mut uris: Vec<Uri> = self
            .documents
            .iter()
            .filter(|(_, d)| analysis::is_report(&d.path))
            .map(|(u, _)| u.clone())
            .collect();
        uris.sort();
        uris.into_iter().filter_map(|uri| self.check(uri)).collect()
    }

    fn check(&mut self, uri: Uri) -> Option<Notification> {
        let doc = self.documents.get_mut(&uri)?;
        if !analysis::is_report(&doc.path) {
            return None;
        }
        doc.analysis = analysis::analyze(&uri, &doc.path, &doc.text, self.lang);
        let diagnostics = doc.analysis.findings.iter().map(|f| f.diagnostic.clone()).collect();
        Some(publish(uri, diagnostics, doc.version))
    }

    fn document_notification(&mut self, n: Notification) -> Option<Vec<Notification>> {
        let uri = match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params).ok()?;
                let (path, _) = uri::to_path(p.text_document.uri.as_str());
                let doc = Document {
                    text: p.text_document.text,
                    version: Some(p.text_document.version),
                    path,
                    analysis: Analysis::default(),
                };
                self.documents.insert(p.text_document.uri.clone(), doc);
                p.text_document.uri
            }
            DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params).ok()?;
                let doc = self.documents.get_mut(&p.text_document.uri)?;
                // Full sync: the last change holds the whole text.
                let text = p.content_changes.into_iter().next_back()?.text;
                doc.text = text;
                doc.version = Some(p.text_document.version);
                p.text_document.uri
            }
            DidSaveTextDocument::METHOD => {
                let p: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(n.params).ok()?;
                let doc = self.documents.get_mut(&p.text_document.uri)?;
                if let Some(text) = p.text {
                    doc.text = text;
                }
                // A config or pack saved in the editor: it applies to every open report.
                if doc.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml")) {
                    return Some(self.check_all());
                }
                p.text_document.uri
            }
            DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
                self.documents.remove(&p.text_document.uri)?;
                return Some(vec![publish(p.text_document.uri, Vec::new(), None)]);
            }
            _ => return None,
        };
        Some(self.check(uri).into_iter().collect())
    }

    fn request(&self, r: Request) -> Response {
        let id = r.id.clone();
        match r.method.as_str() {
            CodeActionRequest::METHOD => match serde_json::from_value::<CodeActionParams>(r.params) {
                Ok(p) => Response::new_ok(id, self.code_actions(&p)),
                Err(e) => invalid_params(id, &e),
            },
            HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(r.params) {
                Ok(p) => Response::new_ok(id, self.hover(&p)),
                Err(e) => invalid_params(id, &e),
            },
            other => {
                Response::new_err(id, ErrorCode::MethodNotFound as i32, format!("unhandled method {other}"))
            }
        }
    }

    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(doc) = self.documents.get(&p.text_document.uri) else { return Vec::new() };
        let wants = |kind: &str| {
            p.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
            })
        };
        let uri = &p.text_document.uri;
        let edit = |edits: Vec<lsp_types::TextEdit>| WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        };
        let mut actions = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            for finding in &doc.analysis.findings {
                let Some(fix) = &finding.fix else { continue };
                if !overlaps(finding.diagnostic.range, p.range) {
                    continue;
                }
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![finding.diagnostic.clone()]),
                    edit: Some(edit(fix.edits.clone())),
                    is_preferred: Some(fix.safe),
                    ..CodeAction::default()
                }));
            }
        }
        // Offered only when asked for (a source action, as on save), never in the light bulb.
        let asked = p.context.only.as_ref().is_some_and(|_| wants(FIX_ALL));
        if asked && !doc.analysis.fix_all.is_empty() {
            let title = match doc.analysis.lang {
                Lang::Zh => "xxgk：应用全部安全修复",
                Lang::En => "xxgk: apply every safe fix",
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.to_string(),
                kind: Some(CodeActionKind::new(FIX_ALL)),
                edit: Some(edit(doc.analysis.fix_all.clone())),
                ..CodeAction::default()
            }));
        }
        actions
    }

    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let at = &p.text_document_position_params;
        let doc = self.documents.get(&at.text_document.uri)?;
        let lang = doc.analysis.lang;
        let settings = doc.analysis.settings.as_deref();
        // A code under the cursor: ASCII letters and digits around it.
        let lines = position::Lines::new(&doc.text);
        let offset = lines.offset(&doc.text, at.position);
        let bytes = doc.text.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric();
        let start = (0..offset).rev().take_while(|&i| word(bytes[i])).last().unwrap_or(offset);
        let end = (offset..bytes.len()).take_while(|&i| word(bytes[i])).last().map_or(offset, |i| i + 1);
        let token = &doc.text[start..end];
        if is_code(token) {
            if let Some((meta, pack)) = analysis::find_rule(settings, token) {
                let range =
                    Range { start: lines.position(&doc.text, start), end: lines.position(&doc.text, end) };
                return Some(markdown(analysis::explanation(meta, &pack, lang), range));
            }
        }
        // Else the findings under the cursor, each rule once.
        let mut codes: Vec<&str> = Vec::new();
        let mut range = None;
        for f in &doc.analysis.findings {
            let r = f.diagnostic.range;
            if contains(r, at.position) {
                if let Some(lsp_types::NumberOrString::String(code)) = &f.diagnostic.code {
                    if !codes.contains(&code.as_str()) {
                        codes.push(code);
                        range.get_or_insert(r);
                    }
                }
            }
        }
        let parts: Vec<String> = codes
            .iter()
            .filter_map(|c| analysis::find_rule(settings, c))
            .map(|(meta, pack)| analysis::explanation(meta, &pack, lang))
            .collect();
        if parts.is_empty() {
            return None;
        }
        Some(markdown(parts.join("\n---\n\n"), range?))
    }
}

/// `XG301`, a pack's `SH001`: two or three capitals, then three digits.
fn is_code(token: &str) -> bool {
    let letters = token.bytes().take_while(u8::is_ascii_uppercase).count();
    (2..=3).contains(&letters)
        && token.len() == letters + 3
        && token.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

fn markdown(value: String, range: Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
        range: Some(range),
    }
}

fn before(a: Position, b: Position) -> bool {
    (a.line, a.character) < (b.line, b.character)
}

/// Whether two ranges share a point (touching counts: a cursor at a finding's end is on it).
fn overlaps(a: Range, b: Range) -> bool {
    !before(a.end, b.start) && !before(b.end, a.start)
}

fn contains(r: Range, p: Position) -> bool {
    !before(p, r.start) && !before(r.end, p)
}

fn publish(uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) -> Notification {
    Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams { uri, diagnostics, version },
    )
}

fn invalid_params(id: RequestId, e: &serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        for (token, want) in [
            ("XG301", true),
            ("SH001", true),
            ("ABC123", true),
            ("XG30", false),
            ("xg301", false),
            ("X301", false),
            ("XG3011", false),
        ] {
            assert_eq!(is_code(token), want, "{token}");
        }
    }

    #[test]
    fn ranges() {
        let p = |line, character| Position { line, character };
        let r = Range { start: p(1, 2), end: p(1, 4) };
        assert!(
            contains(r, p(1, 2)) && contains(r, p(1, 4)) && !contains(r, p(1, 5)) && !contains(r, p(0, 3))
        );
        assert!(overlaps(r, Range { start: p(1, 4), end: p(1, 4) }));
        assert!(!overlaps(r, Range { start: p(1, 5), end: p(2, 0) }));
    }
}
