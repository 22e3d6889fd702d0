//! Places in other files (a finding's `related` list, XG7) for the human renderer: each one with
//! its source line becomes a codespan label in a file of its own, at its real line and column.
//!
//! The other file is not in memory: a related place carries its line's text (an excerpt, maybe
//! a window of a long line) and the column the excerpt starts at, and [`Db`] serves that one
//! line to codespan as line `line` of the other file. A place without an excerpt (a DOCX
//! locator) becomes a note.
use codespan_reporting::diagnostic::Label as CsLabel;
use codespan_reporting::files::{column_index, Error, Files};
use std::ops::Range;
use xxgk_engine::{Lang, Related};

/// One line of another file.
pub struct Snippet<'r> {
    name: &'r str,
    text: &'r str,
    line: usize,
    first_column: usize,
}

/// The labels, snippets and notes of a finding's related places.
pub struct Places<'r> {
    /// Files 1.. of the database.
    pub snippets: Vec<Snippet<'r>>,
    /// One label a snippet, on file `1 + k`.
    pub labels: Vec<CsLabel<usize>>,
    /// Places that cannot be shown as a snippet.
    pub notes: Vec<String>,
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

impl<'r> Places<'r> {
    /// Split `related` into snippets with labels, and notes.
    pub fn of(related: &'r [Related], lang: Lang) -> Places<'r> {
        let mut places = Places { snippets: Vec::new(), labels: Vec::new(), notes: Vec::new() };
        for r in related {
            let message = r.message.get(lang);
            match (&r.position, &r.excerpt) {
                (Some(p), Some(e)) if p.column >= e.first_column => {
                    let start = char_to_byte(&e.text, p.column - e.first_column);
                    let end = if p.end_line == p.line {
                        char_to_byte(&e.text, p.end_column.saturating_sub(e.first_column)).max(start)
                    } else {
                        e.text.len()
                    };
                    let id = 1 + places.snippets.len();
                    places.snippets.push(Snippet {
                        name: &r.path,
                        text: &e.text,
                        line: p.line,
                        first_column: e.first_column,
                    });
                    places.labels.push(CsLabel::secondary(id, start..end).with_message(message));
                }
                _ => {
                    let at = match (&r.position, &r.locator) {
                        (Some(p), _) => format!("{}:{}:{}", r.path, p.line, p.column),
                        (None, Some(l)) => format!("{}: {l}", r.path),
                        (None, None) => r.path.clone(),
                    };
                    places.notes.push(match lang {
                        Lang::Zh => format!("另见 {at}：{message}"),
                        Lang::En => format!("see also {at}: {message}"),
                    });
                }
            }
        }
        places
    }
}

/// The checked file (id 0) and the other files' lines (ids 1..), as codespan's database.
pub struct Db<'m, 'r, M> {
    main: &'m M,
    snippets: &'r [Snippet<'r>],
}

impl<'m, 'r, M> Db<'m, 'r, M> {
    /// A database over `main` and `snippets`.
    pub fn new(main: &'m M, snippets: &'r [Snippet<'r>]) -> Self {
        Db { main, snippets }
    }
    fn snippet(&self, id: usize) -> Result<&'r Snippet<'r>, Error> {
        self.snippets.get(id.wrapping_sub(1)).ok_or(Error::FileMissing)
    }
}

impl<'a, 'm: 'a, 'r: 'a, M> Files<'a> for Db<'m, 'r, M>
where
    M: Files<'a, FileId = (), Source = &'a str>,
{
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, Error> {
        match id {
            0 => self.main.name(()).map(|n| n.to_string()),
            _ => Ok(self.snippet(id)?.name.to_string()),
        }
    }
    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        match id {
            0 => self.main.source(()),
            _ => Ok(self.snippet(id)?.text),
        }
    }
    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        match id {
            0 => self.main.line_index((), byte_index),
            _ => self.snippet(id).map(|_| 0),
        }
    }
    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, Error> {
        match id {
            0 => self.main.line_number((), line_index),
            _ => Ok(self.snippet(id)?.line),
        }
    }
    fn column_number(&'a self, id: usize, line_index: usize, byte_index: usize) -> Result<usize, Error> {
        match id {
            0 => self.main.column_number((), line_index, byte_index),
            _ => {
                let s = self.snippet(id)?;
                Ok(s.first_column + column_index(s.text, 0..s.text.len(), byte_index))
            }
        }
    }
    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        match id {
            0 => self.main.line_range((), line_index),
            _ => Ok(0..self.snippet(id)?.text.len()),
        }
    }
}
