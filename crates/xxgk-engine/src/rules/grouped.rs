//! Many findings of one kind in one table, reported as one so that a table read badly, or
//! filled in badly, throughout does not flood the output.
use crate::{Checker, Diagnostic, Text};
use xxgk_model::Span;

/// More findings of one kind in one table than this make one diagnostic.
pub(crate) const GROUP: usize = 3;

/// Report each of `items` by `each`; or, when there are more than [`GROUP`], one diagnostic,
/// `grouped(first, count)`, with a `label` for each of the others (at most `max_labels`).
pub(crate) fn report<T>(
    cx: &mut Checker<'_>,
    items: Vec<T>,
    max_labels: usize,
    each: impl Fn(T) -> Diagnostic,
    grouped: impl FnOnce(&T, usize) -> Diagnostic,
    label: impl Fn(&T) -> (Span, Text),
) {
    if items.len() <= GROUP {
        for item in items {
            cx.report(each(item));
        }
        return;
    }
    let mut d = grouped(&items[0], items.len());
    for item in items[1..].iter().take(max_labels) {
        let (span, text) = label(item);
        d = d.with_label(span, text);
    }
    cx.report(d);
}
