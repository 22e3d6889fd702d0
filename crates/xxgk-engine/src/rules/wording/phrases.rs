//! Phrase lists as rules match them: each phrase also in its full-width and ASCII punctuation
//! forms (extraction swaps them freely), compiled into one leftmost-longest automaton.
//!
//! The lists come from the settings, the same for every file of a run: [`PhraseSet::cached`]
//! builds each list's automaton once per process and hands out the same one after that.
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::{Arc, Mutex};
use xxgk_model::Span;

/// Full-width and ASCII forms of the characters extraction swaps.
const PAIRS: &[(char, char)] = &[
    ('（', '('),
    ('）', ')'),
    ('：', ':'),
    ('【', '['),
    ('】', ']'),
    ('，', ','),
    ('；', ';'),
    ('／', '/'),
    ('Ｘ', 'X'),
];

/// The phrase as written, with all-ASCII and all-full-width punctuation.
pub(crate) fn variants(phrase: &str) -> Vec<String> {
    let ascii: String = phrase.chars().map(|c| PAIRS.iter().find(|p| p.0 == c).map_or(c, |p| p.1)).collect();
    let full: String = phrase.chars().map(|c| PAIRS.iter().find(|p| p.1 == c).map_or(c, |p| p.0)).collect();
    let mut out = vec![phrase.to_string()];
    for v in [ascii, full] {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// A compiled phrase list.
pub(crate) struct PhraseSet {
    ac: AhoCorasick,
    /// Pattern index → index of the phrase in the list it was built from.
    owner: Vec<usize>,
}

impl PhraseSet {
    /// Compile `phrases` (empty ones skipped). `None` when nothing is left to match.
    pub(crate) fn new<'a>(
        phrases: impl IntoIterator<Item = &'a str>,
        ascii_case_insensitive: bool,
    ) -> Option<PhraseSet> {
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (i, phrase) in phrases.into_iter().enumerate() {
            if phrase.trim().is_empty() {
                continue;
            }
            for v in variants(phrase) {
                patterns.push(v);
                owner.push(i);
            }
        }
        if patterns.is_empty() {
            return None;
        }
        // A contiguous NFA: built in a fraction of a DFA's time (it is built at every start),
        // and searched nearly as fast behind the prefilter.
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(ascii_case_insensitive)
            .build(&patterns)
            .ok()?;
        Some(PhraseSet { ac, owner })
    }

    /// The compiled set of `phrases`, built on the first call with that list and reused after.
    pub(crate) fn cached<'a>(
        phrases: impl IntoIterator<Item = &'a str>,
        ascii_case_insensitive: bool,
    ) -> Option<Arc<PhraseSet>> {
        /// Lists seen so far, with their sets; a handful per run (one per rule and config).
        type Cache = Vec<(bool, Vec<String>, Option<Arc<PhraseSet>>)>;
        static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
        /// Beyond this many lists (a long-running server whose config keeps changing) the
        /// cache starts again.
        const MAX: usize = 64;
        let key: Vec<&str> = phrases.into_iter().collect();
        let same = |(ci, list, _): &&(bool, Vec<String>, Option<Arc<PhraseSet>>)| {
            *ci == ascii_case_insensitive
                && list.len() == key.len()
                && list.iter().zip(&key).all(|(a, b)| a == b)
        };
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, set)) = cache.iter().find(same) {
            return set.clone();
        }
        let set = PhraseSet::new(key.iter().copied(), ascii_case_insensitive).map(Arc::new);
        if cache.len() >= MAX {
            cache.clear();
        }
        cache.push((ascii_case_insensitive, key.iter().map(|s| s.to_string()).collect(), set.clone()));
        set
    }

    /// Every match in `text`: the index of the phrase in the list, and where.
    pub(crate) fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, Span)> + 't {
        self.ac.find_iter(text).map(|m| (self.owner[m.pattern().as_usize()], Span::new(m.start(), m.end())))
    }
}

/// Up to `n` characters of `text` from `offset` on.
pub(crate) fn chars_after(text: &str, offset: usize, n: usize) -> &str {
    let rest = text.get(offset..).unwrap_or("");
    let end = rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// Up to `n` characters of `text` before `offset`.
pub(crate) fn chars_before(text: &str, offset: usize, n: usize) -> &str {
    let head = text.get(..offset).unwrap_or("");
    let start = head.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    if n == 0 {
        ""
    } else {
        &head[start..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_swap_punctuation_both_ways() {
        assert_eq!(variants("字号："), vec!["字号：", "字号:"]);
        assert_eq!(variants("第二十条第(九)项"), vec!["第二十条第(九)项", "第二十条第（九）项"]);
        assert_eq!(variants("打印本页"), vec!["打印本页"]);
    }

    #[test]
    fn phrase_set_maps_variants_to_their_phrase() {
        let set = PhraseSet::new(["打印本页", "字号："], false).unwrap();
        let hits: Vec<_> = set.find_iter("字号:大 打印本页").collect();
        assert_eq!(hits, vec![(1, Span::new(0, 7)), (0, Span::new(11, 23))]);
    }

    #[test]
    fn cached_sets_are_shared_per_list() {
        let a = PhraseSet::cached(["打印本页", "字号："], false).unwrap();
        let b = PhraseSet::cached(["打印本页", "字号："], false).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let c = PhraseSet::cached(["打印本页", "字号："], true).unwrap();
        assert!(!Arc::ptr_eq(&a, &c));
        let d = PhraseSet::cached(["打印本页"], false).unwrap();
        assert_eq!(d.find_iter("字号:大 打印本页").collect::<Vec<_>>(), vec![(0, Span::new(11, 23))]);
        assert!(PhraseSet::cached(["", " "], false).is_none());
    }

    #[test]
    fn line_and_context_helpers() {
        let text = "甲乙\r\n丙丁戊\n";
        assert_eq!(chars_after(text, 8, 2), "丙丁");
        assert_eq!(chars_before(text, 14, 2), "丙丁");
        assert_eq!(chars_before(text, 3, 5), "甲");
    }
}
