//! Byte offsets to 1-based lines and character columns (MODEL.md §4), computed only for output.

/// Line starts of a text, for offset → (line, column) look-ups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Index `text`. Lines end at `\n`; a `\r` before it belongs to the line.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i as u32 + 1));
        LineIndex { starts }
    }
    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= offset) - 1
    }
    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)] as usize
    }
    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
    /// 1-based line and 1-based column in characters of a byte offset into `text`.
    /// An offset inside a character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (line + 1, text[start..end].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn counts_characters_not_bytes() {
        let t = "一、总体情况\n二、主动公开\nab";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, "一、".len()), (1, 3));
        let second = t.find('二').unwrap();
        assert_eq!(ix.line_col(t, second), (2, 1));
        assert_eq!(ix.line_col(t, t.len()), (3, 3));
        assert_eq!(ix.line_count(), 3);
    }
}
