//! Tests of the table solver: the real glued and sparse layouts of the corpus, ambiguity,
//! inconsistency, budgets, and a property over random consistent tables.
use super::candidates::{glued, Budget, Shape};
use super::*;
use proptest::prelude::*;
use xxgk_model::{T3_OUTCOME_ROWS, T3_ROWS};

/// Builds row inputs over one synthetic text, so spans are real offsets.
#[derive(Default)]
struct Doc {
    text: String,
}

impl Doc {
    /// A row whose tokens are `printed` split at spaces, line breaks and pipes.
    fn row(&mut self, key: &'static str, columns: usize, printed: &str, separated: bool) -> RowInput {
        self.text.push_str(key);
        self.text.push(' ');
        let base = self.text.len();
        self.text.push_str(printed);
        self.text.push('\n');
        let mut tokens = Vec::new();
        let mut current: Option<(usize, String, Vec<u32>)> = None;
        for (i, ch) in printed.char_indices().chain(std::iter::once((printed.len(), ' '))) {
            if ch.is_whitespace() || ch == '|' {
                if let Some((start, text, offsets)) = current.take() {
                    let blank = matches!(text.as_str(), "/" | "—" | "-" | "无");
                    let span = Span::new(base + start, base + i);
                    tokens.push(Token { text, span, offsets, blank });
                }
            } else {
                let (_, text, offsets) = current.get_or_insert_with(|| (i, String::new(), Vec::new()));
                text.push(ch);
                offsets.push((base + i) as u32);
            }
        }
        RowInput { key, columns, tokens, separated }
    }
}

fn ints(values: &[Option<Value>]) -> Vec<i64> {
    values.iter().map(|v| v.and_then(Value::as_int).unwrap_or(0)).collect()
}

fn t3(doc: &mut Doc, printed: &[&str], separated: bool) -> Vec<RowInput> {
    T3_ROWS.iter().zip(printed).map(|(spec, p)| doc.row(spec.key, 7, p, separated)).collect()
}

const Z: &str = "0000000";

/// Table 3 of seed 003, as printed (every row glued).
fn seed_003_t3() -> [&'static str; 25] {
    let mut rows = [Z; 25];
    rows[0] = "12070100128";
    rows[2] = "2000002";
    rows[7] = "1000001";
    rows[12] = "11700100125";
    rows[23] = "12070100128";
    rows
}

#[test]
fn glued_splits_follow_the_leading_zero_rule() {
    let mut doc = Doc::default();
    let row = doc.row("new", 7, "12070100128", false);
    let all = glued(&row, &Shape::of(TableKey::Requests, 7), false, &mut Budget::default());
    assert_eq!(all.len(), 53);
    let row = doc.row("regulations", 3, "1056", false);
    let all = glued(&row, &Shape::of(TableKey::Proactive, 3), false, &mut Budget::default());
    let got: Vec<_> = all.iter().map(|c| ints(&c.values)).collect();
    assert_eq!(got, [vec![1, 0, 56], vec![10, 5, 6]]);
    // The spans are the digits' own bytes.
    let spans: Vec<_> = all[0].spans.iter().map(|s| s.map(|s| &doc.text[s.range()])).collect();
    assert_eq!(spans, [Some("1"), Some("0"), Some("56")]);
}

#[test]
fn seed_003_table_2() {
    let mut doc = Doc::default();
    let rows = vec![
        doc.row("regulations", 3, "1056", false),
        doc.row("normative_documents", 3, "90228", false),
        doc.row("licensing", 1, "0", false),
        doc.row("fees", 1, "0", false),
    ];
    let out = solve_table(TableKey::Proactive, &rows);
    assert_eq!(ints(&out[0].reading.values), [1, 0, 56]);
    assert_eq!(out[0].status, Some(InferenceStatus::Unique));
    assert_eq!(out[0].reading.inferred, Some(InferenceKind::Glued));
    assert_eq!(ints(&out[1].reading.values), [9, 0, 228]);
    assert_eq!(out[1].status, Some(InferenceStatus::Unique));
    assert_eq!(out[2].reading.values, [Some(Value::Int(0))]);
    assert_eq!((out[2].status, out[2].reading.inferred), (None, None));
}

#[test]
fn seed_003_table_3() {
    let mut doc = Doc::default();
    let rows = t3(&mut doc, &seed_003_t3(), false);
    let (out, stats) = solve_table_with_stats(TableKey::Requests, &rows);
    assert_eq!(out.len(), 25);
    let unique = Some(InferenceStatus::Unique);
    assert_eq!(ints(&out[0].reading.values), [120, 7, 0, 1, 0, 0, 128]);
    assert_eq!(out[0].status, unique);
    assert_eq!(ints(&out[23].reading.values), [120, 7, 0, 1, 0, 0, 128]);
    assert_eq!(out[23].status, unique);
    assert_eq!(ints(&out[2].reading.values), [2, 0, 0, 0, 0, 0, 2]);
    assert_eq!(out[2].status, unique);
    assert_eq!(ints(&out[7].reading.values), [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(out[7].status, unique);
    for i in [1, 3, 4, 5, 6, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24] {
        assert_eq!(ints(&out[i].reading.values), [0; 7], "row {i}");
        assert_eq!(out[i].status, unique, "row {i}");
    }
    // No split of "11700100125" adds up; the reading kept satisfies 6 of 7 outcome sums.
    assert_eq!(ints(&out[12].reading.values), [117, 0, 0, 1, 0, 0, 125]);
    assert_eq!(out[12].status, Some(InferenceStatus::Inconsistent));
    assert_eq!(out[12].reading.inferred, Some(InferenceKind::Glued));
    assert!(stats.exact);
    assert!(stats.max_candidates <= 211, "{stats:?}");
}

#[test]
fn seed_003_table_4_in_one_run() {
    let mut doc = Doc::default();
    let rows = vec![doc.row("appeals_all", 15, "300030100100011", false)];
    let out = solve_table(TableKey::Appeals, &rows);
    assert_eq!(out.len(), 1);
    assert_eq!(ints(&out[0].reading.values), [3, 0, 0, 0, 3, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1]);
    assert_eq!(out[0].status, Some(InferenceStatus::Unique));
}

#[test]
fn table_4_groups_as_three_rows() {
    let mut doc = Doc::default();
    let rows = vec![
        doc.row("review", 5, "21003", false),
        doc.row("litigation_direct", 5, "1 1", true),
        doc.row("litigation_after_review", 5, "0 0 0 0 0", true),
    ];
    let out = solve_table(TableKey::Appeals, &rows);
    assert_eq!(ints(&out[0].reading.values), [2, 1, 0, 0, 3]);
    assert_eq!(out[0].status, Some(InferenceStatus::Unique));
    // One case, in one of four columns: nothing in the table says which.
    assert_eq!(out[1].reading.values, [Some(Value::Int(1)), None, None, None, Some(Value::Int(1))]);
    assert_eq!(out[1].reading.inferred, Some(InferenceKind::Sparse));
    assert_eq!(out[1].status, Some(InferenceStatus::Ambiguous));
    assert_eq!(out[1].alternatives.len(), 3);
    assert_eq!(out[2].status, None);
}

#[test]
fn crawler_page_rows_in_one_line() {
    let mut doc = Doc::default();
    let mut printed = [Z; 25];
    printed[0] = "713000074";
    printed[1] = "1000001";
    printed[2] = "210000021";
    printed[3] = "8100009";
    printed[8] = "1000001";
    printed[9] = "2000002";
    printed[10] = "1000001";
    printed[12] = "370000037";
    printed[20] = "2000002";
    printed[22] = "0200002";
    printed[23] = "723000075";
    let rows = t3(&mut doc, &printed, false);
    let out = solve_table(TableKey::Requests, &rows);
    assert_eq!(ints(&out[0].reading.values), [71, 3, 0, 0, 0, 0, 74]);
    assert_eq!(ints(&out[2].reading.values), [21, 0, 0, 0, 0, 0, 21]);
    assert_eq!(ints(&out[23].reading.values), [72, 3, 0, 0, 0, 0, 75]);
    for (i, r) in out.iter().enumerate() {
        assert_eq!(r.status, Some(InferenceStatus::Unique), "row {i}");
    }
}

#[test]
fn crawler_page_with_spaces_and_a_glued_last_cell() {
    let mut doc = Doc::default();
    let mut printed = ["0 0 0 0 0 00"; 25];
    printed[0] = "1 0 0 0 0 01";
    printed[3] = "1 0 0 0 0 01";
    printed[23] = "1 0 0 0 0 01";
    let rows = t3(&mut doc, &printed, false);
    let out = solve_table(TableKey::Requests, &rows);
    assert_eq!(ints(&out[0].reading.values), [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(doc.text[out[0].reading.spans[6].unwrap().range()].to_string(), "1");
    for (i, r) in out.iter().enumerate() {
        assert_eq!(r.status, Some(InferenceStatus::Unique), "row {i}");
    }
    let rows = vec![doc.row("appeals_all", 15, "00 0 00 0 0 0 00 0 0 0 00", false)];
    let out = solve_table(TableKey::Appeals, &rows);
    assert_eq!(ints(&out[0].reading.values), [0; 15]);
    assert_eq!(out[0].status, Some(InferenceStatus::Unique));
}

#[test]
fn seed_002_sparse_rows_placed_by_the_column_identities() {
    let mut doc = Doc::default();
    let full_zero = "0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0";
    let mut printed = ["0\n\n0"; 25];
    printed[0] = "3\n\n0\n\n0\n\n0\n\n0\n\n0\n\n3";
    printed[2] = "1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1";
    printed[5] = full_zero;
    printed[8] = "1\n\n1";
    printed[12] = full_zero;
    printed[16] = "1\n\n1";
    printed[23] = "3\n\n3";
    printed[24] = full_zero;
    let rows = t3(&mut doc, &printed, true);
    let out = solve_table(TableKey::Requests, &rows);
    let one = Some(Value::Int(1));
    for i in [8, 16] {
        assert_eq!(out[i].reading.values, [one, None, None, None, None, None, one], "row {i}");
        assert_eq!(out[i].reading.inferred, Some(InferenceKind::Sparse));
        assert_eq!(out[i].status, Some(InferenceStatus::Unique), "row {i}");
    }
    assert_eq!(ints(&out[23].reading.values), [3, 0, 0, 0, 0, 0, 3]);
    assert_eq!(out[23].status, Some(InferenceStatus::Unique));
    assert_eq!(out[1].reading.values[6], Some(Value::Int(0)));
    assert_eq!(out[1].reading.spans[1], None);
    assert_eq!(out[1].status, Some(InferenceStatus::Unique));
}

#[test]
fn seed_004_single_zero_is_the_total() {
    let mut doc = Doc::default();
    let rows = t3(&mut doc, &["0"; 25], true);
    let out = solve_table(TableKey::Requests, &rows);
    for r in &out {
        assert_eq!(r.reading.values, [None, None, None, None, None, None, Some(Value::Int(0))]);
        assert_eq!(r.reading.inferred, Some(InferenceKind::Sparse));
        assert_eq!(r.status, Some(InferenceStatus::Unique));
        assert!(r.reading.spans[6].is_some());
    }
}

#[test]
fn two_splits_that_both_add_up_are_ambiguous() {
    let mut doc = Doc::default();
    // Only one row, so no column identity applies: (0,1,10,…,11) and (0,11,0,…,11) both fit.
    let rows = vec![doc.row("new", 7, "011000011", false)];
    let out = solve_table(TableKey::Requests, &rows);
    assert_eq!(ints(&out[0].reading.values), [0, 1, 10, 0, 0, 0, 11]);
    assert_eq!(out[0].status, Some(InferenceStatus::Ambiguous));
    assert_eq!(out[0].alternatives.len(), 1);
    assert_eq!(ints(&out[0].alternatives[0]), [0, 11, 0, 0, 0, 0, 11]);
    // Table 2: several splits keep in_force ≥ issued; the leftmost cuts are carried.
    let rows = vec![doc.row("normative_documents", 3, "8855698", false)];
    let out = solve_table(TableKey::Proactive, &rows);
    assert_eq!(ints(&out[0].reading.values), [8, 8, 55698]);
    assert_eq!(out[0].status, Some(InferenceStatus::Ambiguous));
    assert_eq!(out[0].alternatives.len(), 7);
}

#[test]
fn the_whole_table_decides_between_splits() {
    let mut doc = Doc::default();
    let mut printed = [Z; 25];
    printed[0] = "011000011";
    printed[2] = "0 11 0 0 0 0 11";
    printed[23] = "0 11 0 0 0 0 11";
    let rows = t3(&mut doc, &printed, false);
    let out = solve_table(TableKey::Requests, &rows);
    assert_eq!(ints(&out[0].reading.values), [0, 11, 0, 0, 0, 0, 11]);
    assert_eq!(out[0].status, Some(InferenceStatus::Unique));
    assert_eq!(out[2].status, None);
}

/// Twenty outcome rows "011000011", each (0,1,10,…) or (0,11,0,…); only all of them (0,11,0,…)
/// add up to the printed 总计 (0,220,0,…). One row at a time never gets there.
fn greedy_trap(doc: &mut Doc) -> Vec<RowInput> {
    let mut printed = [Z; 25];
    printed[0] = "0 220 0 0 0 0 220";
    for p in printed.iter_mut().skip(2).take(20) {
        *p = "011000011";
    }
    printed[23] = "0 220 0 0 0 0 220";
    t3(doc, &printed, false)
}

#[test]
fn the_search_finds_what_one_row_at_a_time_cannot() {
    let mut doc = Doc::default();
    let rows = greedy_trap(&mut doc);
    let (out, stats) = solve_table_with_stats(TableKey::Requests, &rows);
    for r in &out[2..22] {
        assert_eq!(ints(&r.reading.values), [0, 11, 0, 0, 0, 0, 11]);
        assert_eq!(r.status, Some(InferenceStatus::Unique));
    }
    assert!(stats.exact);
    // 2^20 assignments, but the bounds cut all but a few branches.
    assert!(stats.search_nodes < 200, "{stats:?}");
}

#[test]
fn an_exhausted_search_proves_nothing_unique() {
    // Twenty rows "1\n\n1" (one request each, in one of six columns) and a 总计 row of 10
    // natural persons and 10 businesses: C(20,10) readings fit.
    let mut doc = Doc::default();
    let mut printed = ["0\n\n0"; 25];
    printed[0] = "10\n\n10\n\n20";
    for p in printed.iter_mut().skip(2).take(20) {
        *p = "1\n\n1";
    }
    printed[23] = "10\n\n10\n\n20";
    let rows = t3(&mut doc, &printed, true);
    let col =
        |out: &[RowResult], c: usize| out[2..22].iter().map(|r| ints(&r.reading.values)[c]).sum::<i64>();
    // A budget too small to improve on coordinate descent: no row is called unique.
    let (out, stats) = solve_with_budget(TableKey::Requests, &rows, 50);
    assert!(!stats.exact);
    assert!(stats.search_nodes <= 51, "{stats:?}");
    assert!(out[2..22].iter().all(|r| r.status == Some(InferenceStatus::Ambiguous)));
    assert_eq!(col(&out, 6), 20);
    // A larger budget finds a reading that satisfies every identity, the preferred one among
    // those it visited (the earliest rows in the leftmost column); still none is proven unique.
    let (out, stats) = solve_with_budget(TableKey::Requests, &rows, 5_000);
    assert_eq!((col(&out, 0), col(&out, 1), col(&out, 6)), (10, 10, 20), "{stats:?}");
    assert!(!stats.exact);
    assert!(out[2..22].iter().all(|r| r.status == Some(InferenceStatus::Ambiguous)));
    assert_eq!(ints(&out[2].reading.values), [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(ints(&out[21].reading.values), [0, 1, 0, 0, 0, 0, 1]);
    assert!(stats.search_nodes <= 2 * 5_000 + 2, "{stats:?}");
}

#[test]
fn a_row_that_cannot_add_up_is_inconsistent() {
    let mut doc = Doc::default();
    // Four digits for five cells: only the total can be read, and it has nothing to sum.
    let rows = vec![doc.row("review", 5, "1234", false)];
    let out = solve_table(TableKey::Appeals, &rows);
    assert_eq!(out[0].reading.values, [None, None, None, None, Some(Value::Int(1234))]);
    assert_eq!(out[0].status, Some(InferenceStatus::Inconsistent));
    // Glued digits that no split balances keep the printed digits, leftmost cuts first.
    let rows = vec![doc.row("new", 7, "1111111", false), doc.row("carried_over", 7, "99", false)];
    let out = solve_table(TableKey::Requests, &rows);
    assert_eq!(ints(&out[0].reading.values), [1; 7]);
    assert_eq!(out[0].status, Some(InferenceStatus::Inconsistent));
    assert_eq!(out[1].reading.values[6], Some(Value::Int(99)));
    assert_eq!(out[1].status, Some(InferenceStatus::Inconsistent));
}

#[test]
fn rows_printed_in_full_or_with_extra_cells() {
    let mut doc = Doc::default();
    let rows = vec![doc.row("new", 7, "1 0 0 0 0 0 1 5", true), doc.row("granted", 7, "", true)];
    let out = solve_table(TableKey::Requests, &rows);
    assert_eq!(out[0].problem, Some(ProblemKind::ExtraCells { found: 8, expected: 7 }));
    assert_eq!(ints(&out[0].reading.values), [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!((out[0].status, out[0].reading.inferred), (None, None));
    assert_eq!(out[1].problem, Some(ProblemKind::MissingCells { found: 0, expected: 7 }));
}

#[test]
fn long_digit_runs_stay_within_budget() {
    let mut doc = Doc::default();
    let sixty: String = (0..60).map(|i| char::from(b'1' + (i % 9) as u8)).collect();
    let rows = vec![doc.row("new", 7, &sixty, false), doc.row("granted", 7, &sixty[..40], false)];
    let (out, stats) = solve_table_with_stats(TableKey::Requests, &rows);
    assert_eq!(out.len(), 2);
    assert!(out.iter().all(|r| r.reading.values.len() == 7 && r.status.is_some()));
    assert!(stats.max_generation_steps <= 4 * MAX_GENERATION_STEPS + 4, "{stats:?}");
    assert!(stats.search_nodes <= 2 * MAX_SEARCH_NODES, "{stats:?}");
    let rows = vec![doc.row("appeals_all", 15, &sixty[..45], false)];
    let (out, stats) = solve_table_with_stats(TableKey::Appeals, &rows);
    assert_eq!(out[0].reading.values.len(), 15);
    assert!(stats.max_generation_steps <= 4 * MAX_GENERATION_STEPS + 4, "{stats:?}");
}

/// A random table 3 whose identities all hold: small counts, mostly zero.
fn consistent_t3() -> impl Strategy<Value = Vec<[u64; 7]>> {
    let cell = prop_oneof![7 => Just(0u64), 2 => 1..10u64, 1 => 10..120u64];
    proptest::collection::vec(cell, 23 * 6).prop_map(|cells| {
        let row = |i: usize| -> [u64; 6] { std::array::from_fn(|c| cells[i * 6 + c]) };
        let mut outcome_total = [0u64; 6];
        for i in 0..21 {
            for (c, v) in row(i).iter().enumerate() {
                outcome_total[c] += v;
            }
        }
        let carried_forward = row(21);
        let carried_over: [u64; 6] =
            std::array::from_fn(|c| row(22)[c].min(outcome_total[c] + carried_forward[c]));
        let new: [u64; 6] = std::array::from_fn(|c| outcome_total[c] + carried_forward[c] - carried_over[c]);
        let with_total =
            |r: [u64; 6]| -> [u64; 7] { std::array::from_fn(|c| if c < 6 { r[c] } else { r.iter().sum() }) };
        let mut table = vec![with_total(new), with_total(carried_over)];
        table.extend((0..21).map(|i| with_total(row(i))));
        table.push(with_total(outcome_total));
        table.push(with_total(carried_forward));
        table
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn glued_consistent_tables_read_back(table in consistent_t3()) {
        let printed: Vec<String> =
            table.iter().map(|r| r.iter().map(u64::to_string).collect::<String>()).collect();
        let mut doc = Doc::default();
        let rows: Vec<RowInput> =
            T3_ROWS.iter().zip(&printed).map(|(spec, p)| doc.row(spec.key, 7, p, false)).collect();
        prop_assert_eq!(T3_OUTCOME_ROWS.len(), 21);
        let out = solve_table(TableKey::Requests, &rows);
        prop_assert_eq!(out.len(), 25);
        for (i, r) in out.iter().enumerate() {
            let want: Vec<i64> = table[i].iter().map(|&v| v as i64).collect();
            prop_assert_ne!(r.status, Some(InferenceStatus::Inconsistent), "row {}", i);
            if r.status == Some(InferenceStatus::Unique) {
                prop_assert_eq!(ints(&r.reading.values), want.clone(), "row {}", i);
            }
            if r.status == Some(InferenceStatus::Ambiguous) {
                prop_assert!(r.alternatives.iter().all(|a| ints(a) != ints(&r.reading.values)));
            }
            // Exactly the printed digits, in order, each cell its own bytes.
            let mut joined = String::new();
            for (v, s) in r.reading.values.iter().zip(&r.reading.spans) {
                let s = s.expect("every glued cell has a span");
                let text = &doc.text[s.range()];
                prop_assert_eq!(text, v.expect("a number").to_string());
                joined.push_str(text);
            }
            prop_assert_eq!(&joined, &printed[i]);
        }
    }
}

/// Any token: digits (maybe with leading zeros), a blank marker, a decimal, or text that is not
/// a number; offsets that may not match the text.
fn any_token() -> impl Strategy<Value = Token> {
    let text = prop_oneof![
        6 => "[0-9]{1,9}",
        1 => Just("/".to_string()),
        1 => Just("—".to_string()),
        1 => "[0-9]{1,3}\\.[0-9]{1,2}",
        1 => "[a-z１２]{1,3}",
    ];
    (text, 0u32..1000, any::<bool>()).prop_map(|(text, start, bad_offsets)| {
        let blank = matches!(text.as_str(), "/" | "—");
        let n = if bad_offsets { text.chars().count() / 2 } else { text.chars().count() };
        let offsets = (0..n as u32).map(|i| start + i).collect();
        let span = Span { start, end: start + text.len() as u32 };
        Token { text, span, offsets, blank }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_rows_give_one_well_formed_result_each(
        table in prop_oneof![Just(TableKey::Proactive), Just(TableKey::Requests), Just(TableKey::Appeals)],
        rows in proptest::collection::vec(
            (0usize..25, prop_oneof![Just(0usize), Just(1), Just(3), Just(5), Just(7), Just(15)],
             proptest::collection::vec(any_token(), 0..7), any::<bool>()),
            0..8,
        ),
    ) {
        let inputs: Vec<RowInput> = rows
            .into_iter()
            .map(|(k, columns, tokens, separated)| RowInput { key: T3_ROWS[k].key, columns, tokens, separated })
            .collect();
        let out = solve_table(table, &inputs);
        prop_assert_eq!(out.len(), inputs.len());
        for (r, input) in out.iter().zip(&inputs) {
            prop_assert_eq!(r.reading.values.len(), input.columns);
            prop_assert_eq!(r.reading.spans.len(), input.columns);
            prop_assert_eq!(r.status.is_some(), r.reading.inferred.is_some());
            prop_assert!(r.alternatives.len() <= MAX_ALTERNATIVES);
            prop_assert!(r.alternatives.iter().all(|a| a.len() == input.columns));
        }
    }
}
