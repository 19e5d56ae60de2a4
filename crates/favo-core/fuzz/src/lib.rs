//! What every ingest fuzz target does once it has a raw table: type inference as
//! `ingest::read_table` runs it (each column alone, then the file's consensus for the
//! ambiguous ones), then every column converted to its kind — and the promises of each step
//! checked, so a wrong answer fails the run as loudly as a panic does.

use std::collections::HashSet;

use favo_core::ingest::infer::{self, ColumnGuess, Kind, TypedColumn, SAMPLE};
use favo_core::ingest::raw::RawTable;

/// Checks the table's shape: headers trimmed, unique and non-empty; rows in file order.
pub fn check_shape(raw: &RawTable) {
    let mut seen = HashSet::new();
    for h in raw.headers() {
        assert!(!h.is_empty() && h.trim() == h, "header {h:?} is empty or untrimmed");
        assert!(seen.insert(h), "header {h:?} is repeated");
    }
    assert_eq!(raw.lines().len(), raw.len());
    assert!(raw.lines().windows(2).all(|w| w[0] <= w[1]), "rows out of file order");
    for row in 0..raw.len() {
        assert_eq!(raw.row(row).count(), raw.width());
    }
}

/// Infers every column's kind the way `read_table` does and converts every cell; returns
/// the kinds.
pub fn infer_all(raw: &RawTable) -> Vec<Kind> {
    let named = |i: usize, g: ColumnGuess| g.named(&raw.headers()[i]);
    let first: Vec<ColumnGuess> = (0..raw.width()).map(|i| named(i, infer::infer_column(raw.column(i)))).collect();
    let format = infer::summarise(&first);
    let guesses: Vec<ColumnGuess> = first
        .into_iter()
        .enumerate()
        .map(|(i, g)| if g.ambiguous { named(i, infer::infer_column_with(raw.column(i), &format)) } else { g })
        .collect();
    for (i, guess) in guesses.iter().enumerate() {
        check_column(raw, i, guess);
    }
    guesses.iter().map(|g| g.kind).collect()
}

/// Converts column `i` and checks it against its guess.
fn check_column(raw: &RawTable, i: usize, guess: &ColumnGuess) {
    let name = &raw.headers()[i];
    let (column, errors) = infer::convert(raw.column(i), guess.kind, name, 2);
    let len = match &column {
        TypedColumn::Integer(v) | TypedColumn::DateTime(v) => v.len(),
        TypedColumn::Number(v) => {
            assert!(v.iter().flatten().all(|n| n.is_finite()), "column {name:?}: a number read as infinite or NaN");
            v.len()
        }
        TypedColumn::Bool(v) => v.len(),
        TypedColumn::Text(v) => v.len(),
    };
    assert_eq!(len, raw.len(), "column {name:?} converted to the wrong length");
    assert!(errors.len() <= guess.non_empty);
    // The kind fits every sampled value: when the sample is the whole column, every cell.
    if guess.non_empty <= SAMPLE {
        assert!(errors.is_empty(), "column {name:?} guessed {:?} but {} cells do not read: {}", guess.kind, errors.len(), errors[0]);
    }
}
