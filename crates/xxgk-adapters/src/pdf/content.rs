//! A page's content stream run through the text and graphics state: positioned glyphs, the
//! straight ruling lines that draw table borders, and whether anything was painted as an image.
use super::font::Font;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// Form XObjects nested deeper than this are not entered (a loop of forms ends here).
const MAX_FORM_DEPTH: u32 = 8;

/// One character shown on a page, in page space (points, y up).
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Left edge.
    pub x0: f32,
    /// Right edge (the advance).
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Font size on the page.
    pub size: f32,
    /// The text (usually one char).
    pub text: String,
    /// A space was drawn right before it (in the content stream's order).
    pub space_before: bool,
}

/// A horizontal or vertical stroke or thin filled box.
#[derive(Debug, Clone, Copy)]
pub struct Ruling {
    /// Horizontal (else vertical).
    pub horizontal: bool,
    /// The y of a horizontal line, the x of a vertical one.
    pub at: f32,
    /// Start along the line.
    pub from: f32,
    /// End along the line.
    pub to: f32,
}

/// What a page shows.
#[derive(Debug, Default)]
pub struct Page {
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Ruling lines.
    pub rulings: Vec<Ruling>,
    /// Glyphs whose code has no text.
    pub unmapped: usize,
    /// Images painted.
    pub images: usize,
}

/// Budgets shared by all pages of a document, so a hostile file ends in bounded time.
pub struct Budget {
    /// Content stream bytes left to decode.
    pub bytes: usize,
    /// Operators left to run.
    pub ops: usize,
    /// Glyphs left to keep.
    pub glyphs: usize,
}

type M = [f32; 6];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<usize>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    if ops.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (o, v) in out.iter_mut().zip(&ops[ops.len() - N..]) {
        *o = num(v);
    }
    out.iter().all(|v| v.is_finite()).then_some(out)
}

struct Runner<'a> {
    doc: &'a Document,
    fonts: Vec<Font>,
    font_ids: HashMap<ObjectId, usize>,
    page: Page,
    budget: &'a mut Budget,
    /// A space glyph was shown and no other glyph since.
    space_pending: bool,
}

impl Runner<'_> {
    fn font(&mut self, resources: &Dictionary, name: &[u8]) -> Option<usize> {
        let fonts = resources.get_deref(b"Font", self.doc).ok()?.as_dict().ok()?;
        let entry = fonts.get(name).ok()?;
        let id = entry.as_reference().ok();
        if let Some(i) = id.and_then(|id| self.font_ids.get(&id)) {
            return Some(*i);
        }
        let dict = self.doc.dereference(entry).ok()?.1.as_dict().ok()?;
        self.fonts.push(Font::new(self.doc, dict));
        let i = self.fonts.len() - 1;
        if let Some(id) = id {
            self.font_ids.insert(id, i);
        }
        Some(i)
    }

    fn show(&mut self, gs: &GState, tm: &mut M, bytes: &[u8]) {
        let Some(font) = gs.font.and_then(|f| self.fonts.get(f)) else {
            // Text in a font that cannot be read is text that cannot be mapped.
            self.page.unmapped += bytes.len();
            return;
        };
        for code in font.codes(bytes) {
            let trm = mul(&[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise], &mul(tm, &gs.ctm));
            let w = code.width / 1000.0;
            let (x0, y) = apply(&trm, 0.0, 0.0);
            let (x1, _) = apply(&trm, w, 0.0);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            match code.text {
                Some(text) if self.budget.glyphs > 0 => {
                    self.budget.glyphs -= 1;
                    if text.chars().all(char::is_whitespace) {
                        self.space_pending = true;
                    } else if size > 0.5 {
                        let space_before = std::mem::take(&mut self.space_pending);
                        self.page.glyphs.push(Glyph { x0, x1: x1.max(x0), y, size, text, space_before });
                    }
                }
                Some(_) => {}
                None => self.page.unmapped += 1,
            }
            let mut tx = w * gs.size + gs.char_space;
            if code.space {
                tx += gs.word_space;
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx * gs.scale, 0.0], tm);
        }
    }

    fn run(&mut self, data: &[u8], resources: &Dictionary, ctm: M, depth: u32) {
        let mut stack: Vec<GState> = Vec::new();
        let mut gs = GState {
            ctm,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut tm = ID;
        let mut lm = ID;
        // The current path's straight segments, in user space.
        let mut path: Vec<(f32, f32, f32, f32)> = Vec::new();
        let mut start = (0.0, 0.0);
        let mut cur = (0.0, 0.0);
        for op in Content::decode_iter(data) {
            let Ok(op) = op else { break };
            if self.budget.ops == 0 {
                break;
            }
            self.budget.ops -= 1;
            let o = &op.operands;
            match op.operator.as_str() {
                "q" if stack.len() < 64 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                "cm" => {
                    if let Some(m) = nums::<6>(o) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = ID;
                    lm = ID;
                }
                "Tf" => {
                    if let (Some(Object::Name(name)), Some(size)) = (o.first(), o.get(1)) {
                        gs.font = self.font(resources, name);
                        gs.size = num(size);
                    }
                }
                "Tc" => gs.char_space = o.first().map_or(0.0, num),
                "Tw" => gs.word_space = o.first().map_or(0.0, num),
                "Tz" => gs.scale = o.first().map_or(100.0, num) / 100.0,
                "TL" => gs.leading = o.first().map_or(0.0, num),
                "Ts" => gs.rise = o.first().map_or(0.0, num),
                "Td" | "TD" => {
                    if let Some([x, y]) = nums::<2>(o) {
                        if op.operator == "TD" {
                            gs.leading = -y;
                        }
                        lm = mul(&[1.0, 0.0, 0.0, 1.0, x, y], &lm);
                        tm = lm;
                    }
                }
                "Tm" => {
                    if let Some(m) = nums::<6>(o) {
                        lm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    lm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &lm);
                    tm = lm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            if let Some([aw, ac]) = o.get(..2).and_then(nums::<2>) {
                                gs.word_space = aw;
                                gs.char_space = ac;
                            }
                        }
                        lm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &lm);
                        tm = lm;
                    }
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&gs, &mut tm, s),
                                other => {
                                    let adj = -num(other) / 1000.0 * gs.size * gs.scale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, adj, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                "m" => {
                    if let Some([x, y]) = nums::<2>(o) {
                        start = (x, y);
                        cur = start;
                    }
                }
                "l" => {
                    if let Some([x, y]) = nums::<2>(o) {
                        path.push((cur.0, cur.1, x, y));
                        cur = (x, y);
                    }
                }
                "h" => {
                    path.push((cur.0, cur.1, start.0, start.1));
                    cur = start;
                }
                "re" => {
                    if let Some([x, y, w, h]) = nums::<4>(o) {
                        path.push((x, y, x + w, y));
                        path.push((x + w, y, x + w, y + h));
                        path.push((x + w, y + h, x, y + h));
                        path.push((x, y + h, x, y));
                        start = (x, y);
                        cur = start;
                    }
                }
                "S" | "s" => self.stroke(&mut path, &gs.ctm),
                "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => self.fill(&mut path, &gs.ctm),
                "n" => path.clear(),
                "Do" => {
                    if let Some(Object::Name(name)) = o.first() {
                        self.xobject(resources, name, &gs.ctm, depth);
                    }
                }
                "BI" | "EI" => self.page.images += 1,
                _ => {}
            }
            if path.len() > 100_000 {
                path.clear();
            }
        }
    }

    fn push_ruling(&mut self, (x0, y0): (f32, f32), (x1, y1): (f32, f32)) {
        if self.page.rulings.len() >= 100_000 {
            return;
        }
        if (y0 - y1).abs() < 0.5 && (x0 - x1).abs() > 1.0 {
            self.page.rulings.push(Ruling {
                horizontal: true,
                at: (y0 + y1) / 2.0,
                from: x0.min(x1),
                to: x0.max(x1),
            });
        } else if (x0 - x1).abs() < 0.5 && (y0 - y1).abs() > 1.0 {
            self.page.rulings.push(Ruling {
                horizontal: false,
                at: (x0 + x1) / 2.0,
                from: y0.min(y1),
                to: y0.max(y1),
            });
        }
    }

    fn stroke(&mut self, path: &mut Vec<(f32, f32, f32, f32)>, ctm: &M) {
        for (x0, y0, x1, y1) in std::mem::take(path) {
            let a = apply(ctm, x0, y0);
            let b = apply(ctm, x1, y1);
            self.push_ruling(a, b);
        }
    }

    /// A filled thin rectangle is a ruling line as well (Word draws borders so).
    fn fill(&mut self, path: &mut Vec<(f32, f32, f32, f32)>, ctm: &M) {
        let segs = std::mem::take(path);
        for quad in segs.chunks(4) {
            let pts: Vec<(f32, f32)> = quad.iter().map(|s| apply(ctm, s.0, s.1)).collect();
            let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
            for (x, y) in &pts {
                x0 = x0.min(*x);
                x1 = x1.max(*x);
                y0 = y0.min(*y);
                y1 = y1.max(*y);
            }
            if y1 - y0 < 2.0 && x1 - x0 > 2.0 {
                self.push_ruling(((x0), (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0));
            } else if x1 - x0 < 2.0 && y1 - y0 > 2.0 {
                self.push_ruling(((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1));
            }
        }
    }

    fn xobject(&mut self, resources: &Dictionary, name: &[u8], ctm: &M, depth: u32) {
        let Ok(xobjects) = resources.get_deref(b"XObject", self.doc).and_then(Object::as_dict) else {
            return;
        };
        let Ok(stream) = xobjects.get_deref(name, self.doc).and_then(Object::as_stream) else { return };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.page.images += 1,
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                let Ok(data) = stream.decompressed_content_with_limit(self.budget.bytes) else { return };
                self.budget.bytes = self.budget.bytes.saturating_sub(data.len());
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|a| nums::<6>(a))
                    .unwrap_or(ID);
                let inner = stream
                    .dict
                    .get_deref(b"Resources", self.doc)
                    .and_then(Object::as_dict)
                    .unwrap_or(resources);
                self.run(&data, inner, mul(&matrix, ctm), depth + 1);
            }
            _ => {}
        }
    }
}

/// Run one page (1-based `number`). `Err` is the reason its content could not be inflated
/// within what is left of the budget.
pub fn page(doc: &Document, page_id: ObjectId, number: usize, budget: &mut Budget) -> Result<Page, String> {
    let data = doc.get_page_content_with_limit(page_id, budget.bytes).map_err(|_| {
        format!(
            "第{number}页的内容无法解压，或解压后超过上限 {} 字节 / page {number}: content does not inflate within {} bytes",
            super::MAX_CONTENT,
            super::MAX_CONTENT
        )
    })?;
    budget.bytes = budget.bytes.saturating_sub(data.len());
    let empty = Dictionary::new();
    let resources = match doc.get_page_resources(page_id) {
        Ok((Some(d), _)) => d.clone(),
        Ok((None, ids)) => ids.first().and_then(|id| doc.get_dictionary(*id).ok()).cloned().unwrap_or(empty),
        Err(_) => empty,
    };
    let mut runner = Runner {
        doc,
        fonts: Vec::new(),
        font_ids: HashMap::new(),
        page: Page::default(),
        budget,
        space_pending: false,
    };
    runner.run(&data, &resources, ID, 0);
    Ok(runner.page)
}
