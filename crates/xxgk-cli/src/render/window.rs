//! Long source lines (a paragraph of hundreds of characters, an HTML page on one line) shown as
//! a window around the labels, keeping the real line and column numbers.
//!
//! codespan prints whole lines. When a line is longer than [`MAX_LINE`] characters, the file
//! handed to it is a copy in which each long line is cut to a window (`…` marks the cuts):
//! around the labels on a labelled line, its first characters on any other. Line numbers are
//! unchanged, and [`Files::column_number`] adds back the characters cut at the start of the
//! line, so the `┌─ path:line:col` header is the column in the real file.
use codespan_reporting::files::{column_index, Error, Files};
use std::ops::Range;
use xxgk_model::LineIndex;

/// Lines longer than this many characters are windowed.
pub const MAX_LINE: usize = 120;
/// Characters kept before the first and after the last label of a line.
const CONTEXT: usize = 30;
/// Characters kept at most from the first label of a line on.
const MAX_SPAN: usize = 80;

struct Line {
    /// The window into the real source.
    window: Range<usize>,
    /// Where the line starts in the windowed copy.
    start: usize,
    /// Bytes of the `…` put before the window.
    prefix: usize,
    /// Real column minus windowed column.
    delta: usize,
}

/// A source whose long lines are windowed, as codespan's file database.
pub struct Windowed<'a> {
    name: &'a str,
    text: String,
    starts: Vec<usize>,
    lines: Vec<Line>,
    index: LineIndex,
    source_len: usize,
}

fn back(s: &str, from: usize, chars: usize, floor: usize) -> usize {
    s[floor..from].char_indices().rev().nth(chars.saturating_sub(1)).map_or(floor, |(i, _)| floor + i)
}

fn forward(s: &str, from: usize, chars: usize, ceil: usize) -> usize {
    s[from..ceil].char_indices().nth(chars).map_or(ceil, |(i, _)| from + i)
}

impl<'a> Windowed<'a> {
    /// A windowed copy of `source` for labels at `ranges` (clamped to character boundaries);
    /// `None` when no line is long, and the source can be shown as it is.
    pub fn new(name: &'a str, source: &str, ranges: &[Range<usize>]) -> Option<Windowed<'a>> {
        if !source.split('\n').any(|l| l.len() > MAX_LINE && l.chars().count() > MAX_LINE) {
            return None;
        }
        let index = LineIndex::new(source);
        let count = index.line_count();
        let mut marks: Vec<Vec<usize>> = vec![Vec::new(); count];
        for r in ranges {
            let (ls, le) = (index.line_of(r.start), index.line_of(r.end));
            if ls == le {
                marks[ls].extend([r.start, r.end]);
            } else {
                marks[ls].push(r.start);
                marks[le].push(r.end);
            }
        }
        let mut text = String::with_capacity(source.len().min(1 << 16));
        let mut starts = Vec::with_capacity(count);
        let mut lines = Vec::with_capacity(count);
        for (i, marks) in marks.iter().enumerate() {
            let line_start = index.line_start(i);
            let next = if i + 1 < count { index.line_start(i + 1) } else { source.len() };
            let has_newline = next > line_start && source.as_bytes()[next - 1] == b'\n';
            let line_end = if has_newline { next - 1 } else { next };
            let long = source[line_start..line_end].chars().count() > MAX_LINE;
            let window = match (long, marks.iter().min(), marks.iter().max()) {
                (false, _, _) => line_start..line_end,
                (true, Some(&lo), Some(&hi)) => {
                    let ws = back(source, lo, CONTEXT, line_start);
                    let we =
                        forward(source, hi, CONTEXT, line_end).min(forward(source, lo, MAX_SPAN, line_end));
                    ws..we.max(lo)
                }
                _ => line_start..forward(source, line_start, MAX_LINE, line_end),
            };
            let prefix = if window.start > line_start { "…" } else { "" };
            let suffix = if window.end < line_end { "…" } else { "" };
            starts.push(text.len());
            lines.push(Line {
                window: window.clone(),
                start: text.len(),
                prefix: prefix.len(),
                delta: source[line_start..window.start].chars().count() - prefix.chars().count(),
            });
            text.push_str(prefix);
            text.push_str(&source[window]);
            text.push_str(suffix);
            if has_newline {
                text.push('\n');
            }
        }
        Some(Windowed { name, text, starts, lines, index, source_len: source.len() })
    }

    /// A range of the real source as a range of the windowed copy.
    pub fn map(&self, range: Range<usize>) -> Range<usize> {
        let at = |offset: usize| {
            let offset = offset.min(self.source_len);
            let line = &self.lines[self.index.line_of(offset)];
            line.start + line.prefix + (offset.clamp(line.window.start, line.window.end) - line.window.start)
        };
        let start = at(range.start);
        start..at(range.end).max(start)
    }
}

impl<'a> Files<'a> for Windowed<'_> {
    type FileId = ();
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<String, Error> {
        Ok(self.name.to_string())
    }
    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }
    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.starts.partition_point(|&s| s <= byte_index).saturating_sub(1))
    }
    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let start = *self
            .starts
            .get(line_index)
            .ok_or(Error::LineTooLarge { given: line_index, max: self.starts.len() - 1 })?;
        let end = self.starts.get(line_index + 1).copied().unwrap_or(self.text.len());
        Ok(start..end)
    }
    fn column_number(&'a self, (): (), line_index: usize, byte_index: usize) -> Result<usize, Error> {
        let range = self.line_range((), line_index)?;
        let delta = self.lines.get(line_index).map_or(0, |l| l.delta);
        Ok(column_index(&self.text, range, byte_index) + 1 + delta)
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a list of one label's range
mod tests {
    use super::*;

    #[test]
    fn short_sources_are_shown_as_they_are() {
        assert!(Windowed::new("a", "一、总体情况\n二", &[0..3]).is_none());
    }

    #[test]
    fn a_long_line_is_cut_around_the_label_and_keeps_its_columns() {
        let line = format!("{}2020 11月{}", "甲".repeat(200), "乙".repeat(100));
        let source = format!("标题\n{line}\n末行\n");
        let at = source.find("2020").unwrap();
        let w = Windowed::new("a.txt", &source, &[at..at + 4]).unwrap();
        let lines: Vec<&str> = w.text.lines().collect();
        assert_eq!(lines[0], "标题");
        assert_eq!(lines[1], format!("…{}2020 11月{}…", "甲".repeat(30), "乙".repeat(26)));
        assert_eq!(lines[2], "末行");
        let r = w.map(at..at + 4);
        assert_eq!(&w.text[r.clone()], "2020");
        let line_index = w.line_index((), r.start).unwrap();
        assert_eq!((line_index, w.column_number((), line_index, r.start).unwrap()), (1, 201));
    }

    #[test]
    fn unlabelled_long_lines_keep_their_start() {
        let source = format!("{}\n短\n", "x".repeat(500));
        let w = Windowed::new("a", &source, &[source.len() - 2..source.len() - 1]).unwrap();
        assert_eq!(w.text, format!("{}…\n短\n", "x".repeat(MAX_LINE)));
    }
}
