//! The PDF adapter: a text-layer PDF to plain text, each piece located by page and line.
//!
//! - [`lopdf`] parses the file (cross-reference tables and streams, object streams, owner-only
//!   encryption, bounded inflation); [`content`] runs each page's content stream into
//!   positioned glyphs and ruling lines, [`font`] maps codes to text (`ToUnicode`, predefined
//!   CJK CMaps, simple encodings).
//! - A page's glyphs are grouped into lines by baseline and numbered from the top (the
//!   [`Locator::Page`] line). Ruling lines that cross make a table grid; boxes with no line
//!   between them are one merged cell, and a cell's text (wrapped over several lines inside
//!   it) is joined and placed in the row where the cell starts. A table row is a line of text
//!   with its cells separated by ` | `, as the DOCX and HTML adapters give them to the
//!   shared recogniser.
//! - Prose lines that run to the right margin are joined with the next line (CJK without a
//!   space), also over a page break; page numbers and footers in the page margins
//!   (`— 3 —`, `第 3 页 共 9 页`, `3/9`) are left out.
//! - No text layer (a scan) or glyphs without text is a [`ReadError::Pdf`] with the reason; so
//!   is a file that needs a user password. Content streams share a [`MAX_CONTENT`] budget.
mod content;
mod font;

use crate::ReadError;
use content::{Budget, Glyph, Page, Ruling};
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{Format, Locator, OffsetMap, Report, Segment, Span};

/// The most content-stream bytes inflated over a whole document (and per stream while loading).
pub const MAX_CONTENT: usize = 64 * 1024 * 1024;
/// The most pages read.
pub const MAX_PAGES: usize = 5000;
/// The most content-stream operators run over a whole document.
const MAX_OPS: usize = 20_000_000;
/// The most glyphs kept over a whole document.
const MAX_GLYPHS: usize = 5_000_000;

fn bad(reason: impl Into<String>) -> ReadError {
    ReadError::Pdf { reason: reason.into() }
}

/// The reason given for a PDF without a text layer.
pub const NO_TEXT: &str = "PDF 无文本层，请先进行 OCR / the PDF has no text layer (a scan): run OCR first";

/// Read a PDF file into a report.
pub fn read_pdf(path: &str, bytes: &[u8]) -> Result<Report, ReadError> {
    let pages = pages(bytes)?;
    let (text, segments) = layout(&pages);
    if text.trim().is_empty() {
        return Err(bad(NO_TEXT));
    }
    let mut report = Report {
        path: path.to_string(),
        format: Some(Format::Pdf),
        text,
        source: None,
        map: OffsetMap { segments },
        ..Report::default()
    };
    crate::recognise::recognise(&mut report);
    Ok(report)
}

/// A page's glyphs and rulings, and its height.
struct PageContent {
    page: Page,
    bottom: f32,
    top: f32,
}

fn pages(bytes: &[u8]) -> Result<Vec<PageContent>, ReadError> {
    if !bytes.starts_with(b"%PDF") && !bytes.get(..1024).unwrap_or(bytes).windows(5).any(|w| w == b"%PDF-") {
        return Err(bad("不是 PDF 文件：没有 %PDF- 文件头 / not a PDF file: no %PDF- header"));
    }
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_CONTENT), ..Default::default() };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword => bad(USER_PASSWORD),
        e => bad(format!("PDF 文件损坏，无法读取（{e}） / corrupt PDF file ({e})")),
    })?;
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(bad(USER_PASSWORD));
    }
    let ids = doc.get_pages();
    if ids.is_empty() {
        return Err(bad("PDF 文件没有可读的页面（文件损坏或不完整） / the PDF has no readable page (corrupt or truncated)"));
    }
    if ids.len() > MAX_PAGES {
        return Err(bad(format!(
            "PDF 页数 {} 超过上限 {MAX_PAGES} / {} pages, limit {MAX_PAGES}",
            ids.len(),
            ids.len()
        )));
    }
    let mut budget = Budget { bytes: MAX_CONTENT, ops: MAX_OPS, glyphs: MAX_GLYPHS };
    let mut out = Vec::with_capacity(ids.len());
    let (mut glyphs, mut unmapped) = (0, 0);
    for (n, id) in ids.values().enumerate() {
        let page = content::page(&doc, *id, n + 1, &mut budget).map_err(bad)?;
        glyphs += page.glyphs.len();
        unmapped += page.unmapped;
        let (bottom, top) = media_box(&doc, *id);
        out.push(PageContent { page, bottom, top });
    }
    if glyphs == 0 && unmapped == 0 {
        return Err(bad(NO_TEXT));
    }
    if unmapped > glyphs {
        return Err(bad(format!(
            "PDF 文字无法转换为文本：{unmapped} 个字形没有 Unicode 映射（缺少 ToUnicode），请先进行 OCR / \
             {unmapped} glyphs cannot be mapped to text (no ToUnicode map): run OCR first"
        )));
    }
    Ok(out)
}

const USER_PASSWORD: &str =
    "PDF 需要打开密码（用户密码），无法读取 / the PDF is protected by a user password and cannot be read";

/// The bottom and top of a page's media box (inherited from the page tree).
fn media_box(doc: &lopdf::Document, id: lopdf::ObjectId) -> (f32, f32) {
    let mut node = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let Some(d) = node else { break };
        if let Ok(a) = d.get_deref(b"MediaBox", doc).and_then(lopdf::Object::as_array) {
            let v: Vec<f32> = a.iter().filter_map(|o| o.as_float().ok()).collect();
            if v.len() == 4 {
                return (v[1].min(v[3]), v[1].max(v[3]));
            }
        }
        node = d
            .get(b"Parent")
            .and_then(lopdf::Object::as_reference)
            .ok()
            .and_then(|p| doc.get_dictionary(p).ok());
    }
    (0.0, 842.0)
}

/// Page numbers and footers, whitespace removed.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-—–－―_]*[0-9０-９]{1,4}[-—–－―_]*|第[0-9０-９]{1,4}页(?:[,，/]?共[0-9０-９]{1,4}页)?|[0-9０-９]{1,4}/[0-9０-９]{1,4}|(?i:page)[0-9０-９]{1,4}(?:(?i:of)[0-9０-９]{1,4})?)$",
    )
    .unwrap()
});

static HEADING_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])").unwrap()
});

/// A line of prose on a page.
#[derive(Debug)]
struct Line {
    line: u32,
    y: f32,
    x0: f32,
    x1: f32,
    size: f32,
    /// Pieces of text, each with its page line (a prose line is one piece).
    text: String,
}

/// A table cell: its pieces of text (more than one when its row runs over a page break),
/// each with its page and line, and its left edge.
#[derive(Debug)]
struct CellText {
    pieces: Vec<(String, u32, u32)>,
    x0: f32,
}

impl CellText {
    fn is_empty(&self) -> bool {
        self.pieces.iter().all(|p| p.0.is_empty())
    }
}

/// A cell's text, first line and left edge, before it becomes a [`CellText`].
type CellStart = (String, u32, f32);

#[derive(Debug)]
enum Block {
    Prose(Line),
    Row(Vec<CellText>),
    /// A table starts or ends: prose is not joined over it.
    Break,
}

/// Join glyphs of one line (sorted by x) into text, with a space where the gap is wide.
fn line_text(glyphs: &[&Glyph]) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            // A glyph drawn twice over itself (a fake bold) is one glyph.
            if p.text == g.text && (g.x0 - p.x0).abs() < 0.3 * g.size {
                continue;
            }
            let gap = g.x0 - p.x1;
            // A wide gap, or a space drawn between them (narrower than a wide gap in most fonts).
            let wide = gap > 0.3 * g.size.max(p.size);
            if (wide || (g.space_before && gap > 0.1 * g.size)) && !s.ends_with(' ') {
                s.push(' ');
            }
        }
        s.push_str(&g.text);
        prev = Some(g);
    }
    s
}

/// Whether two pieces joined over a line break need a space (two Latin words or numbers).
fn needs_space(a: &str, b: &str) -> bool {
    let end = a.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric());
    let start = b.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    end && start
}

/// Group glyph indices into lines by baseline, top to bottom; each line sorted by x.
fn cluster(glyphs: &[Glyph], idx: &mut [usize]) -> Vec<Vec<usize>> {
    idx.sort_by(|&a, &b| glyphs[b].y.total_cmp(&glyphs[a].y).then(glyphs[a].x0.total_cmp(&glyphs[b].x0)));
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut y_ref = f32::NAN;
    for &i in idx.iter() {
        let g = &glyphs[i];
        match lines.last_mut() {
            Some(line) if (y_ref - g.y).abs() <= 0.4 * g.size => line.push(i),
            _ => {
                y_ref = g.y;
                lines.push(vec![i]);
            }
        }
    }
    for line in &mut lines {
        line.sort_by(|&a, &b| glyphs[a].x0.total_cmp(&glyphs[b].x0));
    }
    lines
}

/// A table grid from crossing rulings.
struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
    /// For each box (row-major), its cell.
    cell_of: Vec<usize>,
    /// Per cell: first row, first column.
    cells: Vec<(usize, usize)>,
}

impl Grid {
    fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.xs[0]
            && x <= *self.xs.last().unwrap_or(&0.0)
            && y <= self.ys[0]
            && y >= *self.ys.last().unwrap_or(&0.0)
    }

    fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        if !self.contains(x, y) {
            return None;
        }
        let c = self.xs.partition_point(|&v| v <= x).saturating_sub(1).min(self.xs.len() - 2);
        let r = self.ys.partition_point(|&v| v >= y).saturating_sub(1).min(self.ys.len() - 2);
        self.cell_of.get(r * (self.xs.len() - 1) + c).copied()
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// Values within `tol` of each other as one (sorted ascending).
fn distinct(mut v: Vec<f32>, tol: f32) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        if out.last().is_none_or(|l| x - l > tol) {
            out.push(x);
        }
    }
    out
}

const TOL: f32 = 2.0;

fn touches(a: &Ruling, b: &Ruling) -> bool {
    if a.horizontal == b.horizontal {
        (a.at - b.at).abs() <= TOL && a.from <= b.to + TOL && b.from <= a.to + TOL
    } else {
        let (h, v) = if a.horizontal { (a, b) } else { (b, a) };
        v.at >= h.from - TOL && v.at <= h.to + TOL && h.at >= v.from - TOL && h.at <= v.to + TOL
    }
}

/// The table grids on a page.
fn grids(rulings: &[Ruling]) -> Vec<Grid> {
    let rulings: Vec<&Ruling> = rulings.iter().take(5000).collect();
    let n = rulings.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in i + 1..n {
            if touches(rulings[i], rulings[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<&Ruling>> = Default::default();
    for (i, r) in rulings.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().push(r);
    }
    let mut out = Vec::new();
    for group in groups.values() {
        let xs = distinct(group.iter().filter(|r| !r.horizontal).map(|r| r.at).collect(), 1.5);
        let mut ys = distinct(group.iter().filter(|r| r.horizontal).map(|r| r.at).collect(), 1.5);
        ys.reverse();
        if xs.len() < 2 || ys.len() < 2 || xs.len() > 200 || ys.len() > 400 {
            continue;
        }
        let has = |horizontal: bool, at: f32, along: f32| {
            group.iter().any(|r| {
                r.horizontal == horizontal
                    && (r.at - at).abs() <= 1.5
                    && r.from - 1.0 <= along
                    && along <= r.to + 1.0
            })
        };
        let (nc, nr) = (xs.len() - 1, ys.len() - 1);
        let mut boxes: Vec<usize> = (0..nc * nr).collect();
        for r in 0..nr {
            let ymid = (ys[r] + ys[r + 1]) / 2.0;
            for c in 0..nc {
                let xmid = (xs[c] + xs[c + 1]) / 2.0;
                if c + 1 < nc && !has(false, xs[c + 1], ymid) {
                    union(&mut boxes, r * nc + c, r * nc + c + 1);
                }
                if r + 1 < nr && !has(true, ys[r + 1], xmid) {
                    union(&mut boxes, r * nc + c, (r + 1) * nc + c);
                }
            }
        }
        let mut cells: Vec<(usize, usize)> = Vec::new();
        let mut root_cell: std::collections::HashMap<usize, usize> = Default::default();
        let cell_of = (0..nc * nr)
            .map(|b| {
                let root = find(&mut boxes, b);
                *root_cell.entry(root).or_insert_with(|| {
                    cells.push((b / nc, b % nc));
                    cells.len() - 1
                })
            })
            .collect();
        out.push(Grid { xs, ys, cell_of, cells });
    }
    out.sort_by(|a, b| b.ys[0].total_cmp(&a.ys[0]));
    out
}

/// Blocks of one page in reading order, the furniture left out.
fn page_blocks(p: &PageContent, page_no: u32) -> Vec<Block> {
    let glyphs = &p.page.glyphs;
    let mut all: Vec<usize> = (0..glyphs.len()).collect();
    let lines = cluster(glyphs, &mut all);
    let mut line_of = vec![0u32; glyphs.len()];
    for (n, line) in lines.iter().enumerate() {
        for &i in line {
            line_of[i] = n as u32 + 1;
        }
    }
    let grids = grids(&p.page.rulings);
    // Per table, per cell: glyph indices.
    let mut in_cells: Vec<Vec<Vec<usize>>> = grids.iter().map(|g| vec![Vec::new(); g.cells.len()]).collect();
    let mut prose: Vec<usize> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, g.y + 0.3 * g.size);
        match grids.iter().enumerate().find_map(|(t, grid)| grid.cell_at(cx, cy).map(|c| (t, c))) {
            Some((t, c)) => in_cells[t][c].push(i),
            None => prose.push(i),
        }
    }
    // (top y, block order, blocks)
    let mut placed: Vec<(f32, Vec<Block>)> = Vec::new();
    let height = p.top - p.bottom;
    for line in cluster(glyphs, &mut prose) {
        let gl: Vec<&Glyph> = line.iter().map(|&i| &glyphs[i]).collect();
        let text = line_text(&gl);
        let y = gl[0].y;
        let margin = y < p.bottom + 0.12 * height || y > p.top - 0.08 * height;
        let bare: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if margin && FURNITURE.is_match(&bare) {
            continue;
        }
        let size = gl.iter().map(|g| g.size).fold(0.0, f32::max);
        let x0 = gl.iter().map(|g| g.x0).fold(f32::MAX, f32::min);
        let x1 = gl.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
        placed.push((y, vec![Block::Prose(Line { line: line_of[line[0]], y, x0, x1, size, text })]));
    }
    for (grid, cells) in grids.iter().zip(&mut in_cells) {
        if cells.iter().all(Vec::is_empty) {
            continue;
        }
        // Per grid row: (column, (text, first line, left edge)) of the cells that start in it.
        let mut rows: std::collections::BTreeMap<usize, Vec<(usize, CellStart)>> = Default::default();
        for (id, idx) in cells.iter_mut().enumerate() {
            let (r, c) = grid.cells[id];
            let mut text = String::new();
            let mut line = 0;
            for l in cluster(glyphs, idx) {
                let gl: Vec<&Glyph> = l.iter().map(|&i| &glyphs[i]).collect();
                let t = line_text(&gl);
                if line == 0 {
                    line = line_of[l[0]];
                }
                if needs_space(&text, &t) {
                    text.push(' ');
                }
                text.push_str(t.trim());
            }
            rows.entry(r).or_default().push((c, (text, line, grid.xs[c])));
        }
        let mut blocks = vec![Block::Break];
        for (_, mut row) in rows {
            row.sort_by_key(|(c, _)| *c);
            let first = row.iter().find(|(_, c)| c.1 > 0).map_or(0, |(_, c)| c.1);
            if row.iter().all(|(_, c)| c.0.is_empty()) {
                continue;
            }
            let cells = row
                .into_iter()
                .map(|(_, (text, line, x0))| CellText {
                    pieces: vec![(text, page_no, if line == 0 { first } else { line })],
                    x0,
                })
                .collect();
            blocks.push(Block::Row(cells));
        }
        blocks.push(Block::Break);
        placed.push((grid.ys[0], blocks));
    }
    placed.sort_by(|a, b| b.0.total_cmp(&a.0));
    placed.into_iter().flat_map(|(_, b)| b).collect()
}

struct Out {
    text: String,
    segments: Vec<Segment>,
}

impl Out {
    fn piece(&mut self, s: &str, page: u32, line: u32) {
        let start = self.text.len();
        self.text.push_str(s);
        let span = Span::new(start, self.text.len());
        if !span.is_empty() {
            self.segments.push(Segment {
                text: span,
                source: span,
                locator: Some(Locator::Page { page, line }),
            });
        }
    }
    fn newline(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }
}

/// The text of all pages and its located segments.
fn layout(pages: &[PageContent]) -> (String, Vec<Segment>) {
    let mut blocks: Vec<Vec<Block>> = pages.iter().zip(1..).map(|(p, n)| page_blocks(p, n)).collect();
    join_split_rows(&mut blocks);
    let prose =
        || blocks.iter().flatten().filter_map(|b| if let Block::Prose(l) = b { Some(l) } else { None });
    let right = prose().map(|l| l.x1).fold(f32::MIN, f32::max);
    // A margin is where several lines end; a document of short lines has none, and joins nothing.
    let right = if prose().filter(|l| l.x1 >= right - 1.5 * l.size).count() >= 3 { right } else { f32::MAX };
    let left = prose().map(|l| l.x0).fold(f32::MAX, f32::min);
    let mut out = Out { text: String::new(), segments: Vec::new() };
    // The last prose line written, if nothing but furniture came after it.
    let mut open: Option<(&Line, bool)> = None;
    for (n, page) in blocks.iter().enumerate() {
        let page_no = n as u32 + 1;
        let mut first_on_page = true;
        for block in page {
            match block {
                Block::Prose(l) => {
                    let joins = open.is_some_and(|(prev, same_page_ok)| {
                        let full = prev.x1 >= right - 1.5 * prev.size;
                        let flush = l.x0 <= left + 0.5 * l.size;
                        let close = if first_on_page {
                            same_page_ok
                        } else {
                            prev.y - l.y <= 2.0 * prev.size.max(l.size)
                        };
                        full && flush
                            && close
                            && (prev.size - l.size).abs() < 1.0
                            && !HEADING_START.is_match(&l.text)
                    });
                    if joins {
                        if let Some((prev, _)) = open {
                            if needs_space(&prev.text, &l.text) {
                                out.text.push(' ');
                            }
                        }
                    } else {
                        out.newline();
                    }
                    out.piece(l.text.trim(), page_no, l.line);
                    open = Some((l, false));
                }
                Block::Row(cells) => {
                    out.newline();
                    for (i, c) in cells.iter().enumerate() {
                        if i > 0 {
                            out.text.push_str(" | ");
                        }
                        for (k, (text, page, line)) in c.pieces.iter().enumerate() {
                            if k > 0 && needs_space(&out.text, text) {
                                out.text.push(' ');
                            }
                            out.piece(text, *page, *line);
                        }
                    }
                    out.newline();
                    open = None;
                }
                Block::Break => {
                    out.newline();
                    open = None;
                }
            }
            first_on_page = false;
        }
        // The page's last line may go on at the top of the next page.
        if let Some((l, _)) = open {
            open = Some((l, true));
        }
    }
    out.newline();
    (out.text, out.segments)
}

/// Whether a cell's text is only values (digits, blanks marks): a row part with such a cell is
/// a row of its own, not the rest of a row cut by the page break.
fn is_value(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || ".-—–/ 无".contains(c))
}

/// A table row that a page break cut in two: the rest (on top of the next page, after a
/// repeated header) has the cut row's columns, text only in them, and no values; it is
/// joined into the cut row, cell by cell.
fn join_split_rows(pages: &mut [Vec<Block>]) {
    for n in 1..pages.len() {
        let (before, after) = pages.split_at_mut(n);
        let seen: Vec<String> = before[n - 1]
            .iter()
            .filter_map(|b| if let Block::Row(c) = b { Some(row_key(c)) } else { None })
            .collect();
        let Some(Block::Row(cut)) = before[n - 1].iter_mut().rev().find(|b| !matches!(b, Block::Break))
        else {
            continue;
        };
        // The table must go on at the very top of the next page.
        let next = &mut after[0];
        let Some(start) = next.iter().position(|b| !matches!(b, Block::Break)) else { continue };
        let mut i = start;
        while let Some(Block::Row(cells)) = next.get(i) {
            if !seen.contains(&row_key(cells)) {
                break;
            }
            i += 1;
        }
        let Some(Block::Row(rest)) = next.get(i) else { continue };
        if !matches!(next.get(start), Some(Block::Row(_))) {
            continue;
        }
        let xs: Vec<f32> = cut.iter().map(|c| c.x0).collect();
        let column = |x: f32| xs.iter().position(|c| (c - x).abs() <= 2.0);
        // The same columns: every cell of the cut row goes on below.
        let same_columns = xs.iter().all(|&x| rest.iter().any(|c| (c.x0 - x).abs() <= 2.0));
        let fits = same_columns
            && rest.iter().any(|c| !c.is_empty())
            && rest.iter().all(|c| {
                c.is_empty() || (column(c.x0).is_some() && !c.pieces.iter().any(|p| is_value(&p.0)))
            });
        if !fits {
            continue;
        }
        let Block::Row(rest) = next.remove(i) else { continue };
        for c in rest {
            if let (false, Some(k)) = (c.is_empty(), column(c.x0)) {
                cut[k].pieces.extend(c.pieces);
            }
        }
    }
}

fn row_key(cells: &[CellText]) -> String {
    cells.iter().flat_map(|c| c.pieces.iter().map(|p| p.0.as_str())).collect::<Vec<_>>().join("|")
}
