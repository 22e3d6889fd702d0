//! Byte offsets ↔ LSP positions: zero-based lines, columns in UTF-16 code units (LSP 3.17
//! "Position"; the default `positionEncoding`), lines ended by `\n`, `\r\n` or a lone `\r`.
use lsp_types::Position;

/// Where each line of a text starts.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    /// The lines of `text`.
    pub fn new(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        Lines { starts, len: text.len() }
    }

    /// The position of byte `offset` (clamped into the text and down to a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(self.len).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let character = text[self.starts[line]..offset].encode_utf16().count();
        Position { line: to_u32(line), character: to_u32(character) }
    }

    /// The byte offset of `pos`; a column past the end of its line is the end of the line (its
    /// terminator excluded), a line past the end is the end of the text, and a column inside a
    /// surrogate pair is the start of that character.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else { return text.len() };
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len()).min(text.len());
        let content = &text[start..end];
        if content.ends_with("\r\n") {
            end -= 2;
        } else if content.ends_with('\n') || content.ends_with('\r') {
            end -= 1;
        }
        let mut units = 0usize;
        for (i, c) in text[start..end].char_indices() {
            let next = units + c.len_utf16();
            if next > pos.character as usize {
                return start + i;
            }
            units = next;
        }
        end
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_count_utf16_units() {
        // 表 is one unit (3 bytes); 𠮷 (U+20BB7) is a surrogate pair (4 bytes); é is one (2 bytes).
        let text = "表三𠮷x\né𠮷y";
        let lines = Lines::new(text);
        let cases = [
            (0, pos(0, 0)),
            (3, pos(0, 1)),
            (6, pos(0, 2)),
            (10, pos(0, 4)),
            (11, pos(0, 5)),
            (12, pos(1, 0)),
            (14, pos(1, 1)),
            (18, pos(1, 3)),
            (19, pos(1, 4)),
        ];
        for (offset, want) in cases {
            assert_eq!(lines.position(text, offset), want, "offset {offset}");
            assert_eq!(lines.offset(text, want), offset, "{want:?}");
        }
    }

    #[test]
    fn offsets_inside_a_character_round_down() {
        let text = "𠮷a";
        let lines = Lines::new(text);
        assert_eq!(lines.position(text, 2), pos(0, 0));
        assert_eq!(lines.position(text, 99), pos(0, 3));
        // Column 1 is between the two halves of the surrogate pair.
        assert_eq!(lines.offset(text, pos(0, 1)), 0);
        assert_eq!(lines.offset(text, pos(0, 2)), 4);
    }

    #[test]
    fn every_line_ending() {
        let text = "a\r\nb\rc\nd";
        let lines = Lines::new(text);
        assert_eq!(lines.position(text, 3), pos(1, 0));
        assert_eq!(lines.position(text, 5), pos(2, 0));
        assert_eq!(lines.position(text, 7), pos(3, 0));
        // Past the end of a line: its end, before the terminator.
        assert_eq!(lines.offset(text, pos(0, 9)), 1);
        assert_eq!(lines.offset(text, pos(1, 9)), 4);
        assert_eq!(lines.offset(text, pos(3, 9)), 8);
        assert_eq!(lines.offset(text, pos(9, 0)), 8);
    }

    #[test]
    fn empty_text() {
        let lines = Lines::new("");
        assert_eq!(lines.position("", 0), pos(0, 0));
        assert_eq!(lines.offset("", pos(0, 5)), 0);
    }
}
