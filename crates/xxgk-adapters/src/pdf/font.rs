//! PDF fonts: how a string's bytes split into codes, what text each code stands for (the
//! `ToUnicode` map, a predefined CJK CMap, or a simple font's encoding) and how wide it is.
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// The largest `ToUnicode` stream read (real ones are a few kilobytes).
const MAX_CMAP_BYTES: usize = 4 * 1024 * 1024;

/// How codes without a `ToUnicode` entry become text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fallback {
    /// A simple font: the byte through its encoding (ASCII, WinAnsi upper half, `Differences`).
    Simple,
    /// A predefined UCS-2 / UTF-16 CMap (UniGB-UCS2-H, UniGB-UTF16-H and the like).
    Utf16,
    /// A predefined GBK / GB2312 CMap (GBK-EUC-H, GB-EUC-H, GBKp-EUC-H, GBK2K-H).
    Gbk,
    /// Identity-H with no `ToUnicode`: the codes are glyph ids, and nothing says what they mean.
    None,
}

/// A font as the text extractor needs it.
#[derive(Debug, Clone)]
pub struct Font {
    /// Codes are two bytes (a Type0 font with a two-byte CMap).
    two_byte: bool,
    /// GBK-style mixed one- and two-byte codes.
    mixed: bool,
    to_unicode: HashMap<u32, String>,
    differences: HashMap<u8, char>,
    fallback: Fallback,
    widths: HashMap<u32, f32>,
    default_width: f32,
}

/// One code of a shown string.
pub struct Code {
    /// The text it stands for (`None`: unmappable).
    pub text: Option<String>,
    /// Advance in text space units (thousandths of the font size).
    pub width: f32,
    /// A single-byte code 32 (word spacing applies).
    pub space: bool,
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

impl Font {
    /// Read a font dictionary. Never fails: what cannot be read falls back to defaults.
    pub fn new(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = get(doc, dict, b"Subtype").and_then(|o| o.as_name().ok()).unwrap_or(b"");
        let mut font = Font {
            two_byte: false,
            mixed: false,
            to_unicode: HashMap::new(),
            differences: HashMap::new(),
            fallback: Fallback::Simple,
            widths: HashMap::new(),
            default_width: 500.0,
        };
        if subtype == b"Type0" {
            font.two_byte = true;
            font.default_width = 1000.0;
            let encoding = get(doc, dict, b"Encoding").and_then(|o| o.as_name().ok()).unwrap_or(b"");
            let encoding = String::from_utf8_lossy(encoding);
            font.fallback = if encoding.contains("UCS2") || encoding.contains("UTF16") {
                Fallback::Utf16
            } else if encoding.starts_with("GB") {
                font.mixed = true;
                font.two_byte = false;
                Fallback::Gbk
            } else {
                Fallback::None
            };
            let descendant = get(doc, dict, b"DescendantFonts")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok());
            if let Some(cid) = descendant {
                if let Some(dw) = get(doc, cid, b"DW").and_then(num) {
                    font.default_width = dw;
                }
                if let Some(w) = get(doc, cid, b"W").and_then(|o| o.as_array().ok()) {
                    font.read_cid_widths(doc, w);
                }
            }
        } else {
            let first = get(doc, dict, b"FirstChar").and_then(num).unwrap_or(0.0) as u32;
            if let Some(widths) = get(doc, dict, b"Widths").and_then(|o| o.as_array().ok()) {
                for (i, w) in widths.iter().take(256).enumerate() {
                    if let Some(w) = num(deref(doc, w)) {
                        font.widths.insert(first + i as u32, w);
                    }
                }
            }
            if let Some(missing) = get(doc, dict, b"FontDescriptor")
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| get(doc, d, b"MissingWidth"))
                .and_then(num)
            {
                font.default_width = missing;
            }
            if let Some(Object::Dictionary(enc)) = get(doc, dict, b"Encoding") {
                if let Some(diffs) = get(doc, enc, b"Differences").and_then(|o| o.as_array().ok()) {
                    let mut code = 0u32;
                    for d in diffs {
                        match deref(doc, d) {
                            Object::Integer(i) => code = (*i).clamp(0, 255) as u32,
                            Object::Name(name) => {
                                if let (Some(c), Ok(b)) = (glyph_char(name), u8::try_from(code)) {
                                    font.differences.insert(b, c);
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        if let Some(Object::Stream(s)) = get(doc, dict, b"ToUnicode") {
            if let Ok(data) = s.decompressed_content_with_limit(MAX_CMAP_BYTES) {
                font.read_to_unicode(&data);
            }
        }
        font
    }

    fn read_cid_widths(&mut self, doc: &Document, w: &[Object]) {
        let mut i = 0;
        while i + 1 < w.len() && self.widths.len() < 65536 {
            let Some(first) = num(deref(doc, &w[i])) else { break };
            let first = first as u32;
            match deref(doc, &w[i + 1]) {
                Object::Array(list) => {
                    for (k, v) in list.iter().enumerate().take(65536) {
                        if let Some(v) = num(deref(doc, v)) {
                            self.widths.insert(first + k as u32, v);
                        }
                    }
                    i += 2;
                }
                o => {
                    let (Some(last), Some(v)) = (num(o), w.get(i + 2).map(|o| deref(doc, o)).and_then(num))
                    else {
                        break;
                    };
                    let last = (last as u32).min(first.saturating_add(65536));
                    for c in first..=last {
                        self.widths.insert(c, v);
                    }
                    i += 3;
                }
            }
        }
    }

    /// Parse the `bfchar` / `bfrange` sections and the code space of a `ToUnicode` CMap.
    fn read_to_unicode(&mut self, data: &[u8]) {
        let tokens = cmap_tokens(data);
        let mut i = 0;
        let mut one_byte_space = false;
        let mut two_byte_space = false;
        while i < tokens.len() {
            match &tokens[i] {
                Tok::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(_))) = (tokens.get(i), tokens.get(i + 1)) {
                        if lo.len() == 1 {
                            one_byte_space = true;
                        } else {
                            two_byte_space = true;
                        }
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while let (Some(Tok::Hex(code)), Some(Tok::Hex(dst))) = (tokens.get(i), tokens.get(i + 1))
                    {
                        self.to_unicode.insert(be(code), utf16(dst));
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (tokens.get(i), tokens.get(i + 1)) {
                        let (lo, hi) = (be(lo), be(hi));
                        let hi = hi.min(lo.saturating_add(65535));
                        match tokens.get(i + 2) {
                            Some(Tok::Hex(dst)) => {
                                let base = utf16(dst);
                                let mut chars: Vec<char> = base.chars().collect();
                                for code in lo..=hi {
                                    self.to_unicode.insert(code, chars.iter().collect());
                                    if let Some(last) = chars.last_mut() {
                                        *last = char::from_u32(*last as u32 + 1).unwrap_or(*last);
                                    }
                                }
                            }
                            Some(Tok::Array(list)) => {
                                for (code, dst) in (lo..=hi).zip(list) {
                                    self.to_unicode.insert(code, utf16(dst));
                                }
                            }
                            _ => break,
                        }
                        i += 3;
                    }
                }
                _ => i += 1,
            }
        }
        if self.fallback != Fallback::Gbk && (one_byte_space || two_byte_space) {
            self.two_byte = two_byte_space && !one_byte_space;
        }
    }

    /// Split a shown string into codes.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let (code, len) = if self.mixed {
                if bytes[i] >= 0x81 && i + 1 < bytes.len() {
                    ((u32::from(bytes[i]) << 8) | u32::from(bytes[i + 1]), 2)
                } else {
                    (u32::from(bytes[i]), 1)
                }
            } else if self.two_byte && i + 1 < bytes.len() {
                ((u32::from(bytes[i]) << 8) | u32::from(bytes[i + 1]), 2)
            } else {
                (u32::from(bytes[i]), 1)
            };
            let raw = &bytes[i..i + len];
            i += len;
            let text = self.to_unicode.get(&code).cloned().or_else(|| self.fallback_text(code, raw));
            let width = match self.fallback {
                // Predefined CJK CMaps index widths by CID, which needs Adobe's tables: CJK is
                // full width and ASCII half, which is what the widths of such fonts say anyway.
                Fallback::Gbk | Fallback::Utf16
                    if self.widths.is_empty() || self.fallback == Fallback::Gbk =>
                {
                    if code < 0x80 {
                        500.0
                    } else {
                        1000.0
                    }
                }
                _ => self.widths.get(&code).copied().unwrap_or(self.default_width),
            };
            out.push(Code { text, width, space: len == 1 && code == 32 });
        }
        out
    }

    fn fallback_text(&self, code: u32, raw: &[u8]) -> Option<String> {
        match self.fallback {
            Fallback::Simple => {
                let b = u8::try_from(code).ok()?;
                if let Some(c) = self.differences.get(&b) {
                    return Some(c.to_string());
                }
                match b {
                    0x20..=0x7E => Some((b as char).to_string()),
                    0x80..=0xFF => {
                        let (s, _, bad) = encoding_rs::WINDOWS_1252.decode(raw);
                        (!bad).then(|| s.into_owned())
                    }
                    _ => None,
                }
            }
            Fallback::Utf16 => char::from_u32(code).map(|c| c.to_string()),
            Fallback::Gbk => {
                let (s, _, bad) = encoding_rs::GBK.decode(raw);
                (!bad).then(|| s.into_owned())
            }
            Fallback::None => None,
        }
    }
}

/// A glyph name's character (`uni4E00`, `u4E00`, `a`, and the common punctuation names).
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni").or_else(|| name.strip_prefix('u')) {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = u32::from_str_radix(&hex[..4.min(hex.len())], 16).ok().and_then(char::from_u32) {
                return Some(c);
            }
        }
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(c);
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("colon", ':'),
        ("semicolon", ';'),
        ("hyphen", '-'),
        ("minus", '-'),
        ("slash", '/'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("percent", '%'),
        ("bar", '|'),
        ("endash", '–'),
        ("emdash", '—'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0, |acc, b| (acc << 8) | u32::from(*b))
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> =
        bytes.chunks(2).map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0))).collect();
    String::from_utf16_lossy(&units)
}

enum Tok {
    Word(String),
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
}

/// The tokens of a CMap that matter: words, `<hex>` strings and arrays of them.
fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut array: Option<Vec<Vec<u8>>> = None;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..].iter().position(|&b| b == b'>').map_or(data.len(), |p| i + p);
                let hex: Vec<u8> = data[i + 1..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let bytes = hex
                    .chunks(2)
                    .map(|p| {
                        let s = std::str::from_utf8(p).unwrap_or("0");
                        let v = u8::from_str_radix(s, 16).unwrap_or(0);
                        if p.len() == 1 {
                            v << 4
                        } else {
                            v
                        }
                    })
                    .collect();
                match array.as_mut() {
                    Some(a) => a.push(bytes),
                    None => out.push(Tok::Hex(bytes)),
                }
                i = end + 1;
                continue;
            }
            b'[' => array = Some(Vec::new()),
            b']' => {
                if let Some(a) = array.take() {
                    out.push(Tok::Array(a));
                }
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(Tok::Word(String::from_utf8_lossy(&data[start..i]).into_owned()));
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_chars_and_ranges() {
        let mut f = Font {
            two_byte: false,
            mixed: false,
            to_unicode: HashMap::new(),
            differences: HashMap::new(),
            fallback: Fallback::None,
            widths: HashMap::new(),
            default_width: 1000.0,
        };
        f.read_to_unicode(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0004> <4E00> endbfchar\n\
              2 beginbfrange <0010> <0012> <6570> <0020> <0021> [<91CF> <D840DC00>] endbfrange",
        );
        assert!(f.two_byte);
        let text: Vec<Option<String>> =
            f.codes(&[0, 4, 0, 0x11, 0, 0x12, 0, 0x21, 0, 0x99]).into_iter().map(|c| c.text).collect();
        let ch = |u: u32| Some(char::from_u32(u).unwrap().to_string());
        assert_eq!(text, vec![ch(0x4E00), ch(0x6571), ch(0x6572), ch(0x20000), None]);
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char(b"uni4E00"), Some('一'));
        assert_eq!(glyph_char(b"a"), Some('a'));
        assert_eq!(glyph_char(b"five"), Some('5'));
        assert_eq!(glyph_char(b"g123"), None);
    }
}
