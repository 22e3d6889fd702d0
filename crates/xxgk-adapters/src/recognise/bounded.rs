//! Counted repetitions kept in code: a pattern `[…]{2,40}` is compiled as forty copies of its
//! class, so patterns that only use the bound as a limit are written unbounded (`[…]{2,}`) and
//! [`within`] keeps the limit.
use regex::{Captures, Regex};

/// The matches of `re` in `hay` whose group `group` has at most `chars` characters, as `re`
/// with that group's repetition bounded would find them: a match whose group is longer is no
/// match at its start, and the search goes on from the next character.
pub(super) fn within<'h>(
    re: &'h Regex,
    hay: &'h str,
    group: usize,
    chars: usize,
) -> impl Iterator<Item = Captures<'h>> + 'h {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let caps = re.captures_at(hay, at)?;
        let whole = caps.get(0)?;
        if caps.get(group).is_some_and(|g| g.as_str().chars().count() <= chars) {
            at = whole.end();
            return Some(caps);
        }
        at = whole.start() + hay[whole.start()..].chars().next().map_or(1, char::len_utf8);
    })
}
