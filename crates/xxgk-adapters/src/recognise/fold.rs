//! A folded view of the text for matching labels: whitespace and `|` removed, full-width forms
//! folded to ASCII, with a map back to the original byte offsets.
//!
//! Real scrapes break labels with stray spaces and line breaks ("商业 企业", "科研\n机构") and
//! mix full- and half-width brackets and digits; matching on the folded view makes the
//! recogniser indifferent to all of that while every match still maps to an exact source span.

/// The folded text and, for each of its bytes (and one past the end), the original offset.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    map: Vec<u32>,
}

/// Whether a char is dropped from the folded view.
pub fn is_dropped(c: char) -> bool {
    c.is_whitespace() || c == '|' || c == '\u{feff}' || c == '\u{200b}'
}

/// Fold one char: full-width ASCII variants to ASCII, and a few look-alikes.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '﹙' => '(',
        '﹚' => ')',
        _ => c,
    }
}

impl Folded {
    /// Fold `text`.
    pub fn new(text: &str) -> Folded {
        let mut out = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            let f = fold_char(c);
            if is_dropped(f) {
                continue;
            }
            let before = out.len();
            out.push(f);
            for _ in before..out.len() {
                map.push(i as u32);
            }
        }
        map.push(text.len() as u32);
        Folded { text: out, map }
    }

    /// The original offset of folded byte offset `at` (the start of the char there).
    pub fn orig(&self, at: usize) -> usize {
        self.map[at.min(self.map.len() - 1)] as usize
    }

    /// The original offset just past folded char ending at `end` (exclusive end of a match).
    pub fn orig_end(&self, end: usize, original: &str) -> usize {
        if end == 0 {
            return self.orig(0);
        }
        // The last folded char before `end` starts at some byte; its original char ends after it.
        let mut last = end - 1;
        while last > 0 && !self.text.is_char_boundary(last) {
            last -= 1;
        }
        let o = self.orig(last);
        o + original[o..].chars().next().map_or(0, char::len_utf8)
    }

    /// The folded offset of original offset `at` (the first folded byte at or after it).
    pub fn folded_at(&self, at: usize) -> usize {
        self.map.partition_point(|&o| (o as usize) < at)
    }
}

/// Fold a string on its own (no map).
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold_char).filter(|c| !is_dropped(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn folds_and_maps_back() {
        let t = "商业 企业｜（一）１２";
        let f = Folded::new(t);
        assert_eq!(f.text, "商业企业(一)12");
        let m = f.text.find("企业").unwrap();
        assert_eq!(&t[f.orig(m)..f.orig_end(m + "企业".len(), t)], "企业");
        let d = f.text.find("12").unwrap();
        assert_eq!(&t[f.orig(d)..f.orig_end(d + 2, t)], "１２");
        assert_eq!(f.folded_at(t.find('企').unwrap()), f.text.find('企').unwrap());
    }
}
