//! Funnels from tables that are already counted — (step, count), or (step, breakdown,
//! count) — for data that lives in a warehouse and arrives as the result of a query
//! (ClickHouse `windowFunnel`, a DuckDB `GROUP BY`). Nothing is walked: the users of a step
//! are the sum of its rows' counts, in the order the caller names the steps (or the table's).

use std::collections::BTreeMap;
use std::fmt;

use crate::ingest::dataset::{Column, Data, MISSING_TIME};
use crate::ingest::events::find;
use crate::ingest::infer::Kind;
use crate::ingest::stream::Dataset;

/// Which columns hold the step and the count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CountRoles {
    pub step: usize,
    pub count: usize,
}

const STEP_WORDS: [&str; 7] = ["step", "passo", "fase", "stage", "funnel_step", "event", "evento"];
const COUNT_WORDS: [&str; 10] = ["count", "users", "utenti", "conteggio", "n", "total", "totale", "visitors", "visitatori", "persone"];

/// Guesses the step column (text, named like a step) and the count column (a number, named
/// like a count).
pub fn guess_count_roles(headers: &[String], kinds: &[Kind]) -> Option<CountRoles> {
    let kind = |i: usize| kinds.get(i);
    let step = find(headers, &STEP_WORDS, |i| kind(i) == Some(&Kind::Text))?;
    let count = find(headers, &COUNT_WORDS, |i| matches!(kind(i), Some(Kind::Integer | Kind::Number(_))))?;
    Some(CountRoles { step, count })
}

/// A funnel read from counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counted {
    /// The step names, in funnel order.
    pub steps: Vec<String>,
    /// Users at each step.
    pub users: Vec<u64>,
    /// Per breakdown value (an index into `values`), users at each step.
    pub by: BTreeMap<u32, Vec<u64>>,
    pub values: Vec<String>,
}

/// Why a table of counts cannot be read.
#[derive(Clone, Debug, PartialEq)]
pub enum CountError {
    /// The count column is not a number column.
    NotNumbers { column: String },
    /// A count is negative or not whole (the first such, with its step).
    BadCount { step: String, count: f64 },
}

impl fmt::Display for CountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CountError::NotNumbers { column } => write!(f, "column {column:?} does not hold numbers, so it cannot be a count"),
            CountError::BadCount { step, count } => write!(f, "step {step:?} has the count {count}, which is not a whole number of users"),
        }
    }
}

impl std::error::Error for CountError {}

/// Sums the counts per step (and per breakdown value). `steps` names the funnel's steps in
/// order; when empty, every step of the table in order of first appearance. A named step
/// that is not in the table has no users.
pub fn from_counts(data: &Dataset, roles: CountRoles, breakdown: Option<usize>, steps: &[String]) -> Result<Counted, CountError> {
    let (Some(step_column), Some(count_column)) = (data.columns.get(roles.step), data.columns.get(roles.count)) else {
        return Ok(Counted::default());
    };
    let (names, step_codes) = step_column.dictionary();
    let counts = counts_of(count_column)?;
    let steps: Vec<String> = if steps.is_empty() {
        let mut seen = vec![false; names.len()];
        step_codes.iter().filter(|&&c| !std::mem::replace(&mut seen[c as usize], true)).map(|&c| names[c as usize].clone()).collect()
    } else {
        steps.to_vec()
    };
    // The funnel position of each step code; a step may be named twice, so a list.
    let mut positions: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for (k, step) in steps.iter().enumerate() {
        if let Some(code) = names.iter().position(|n| n == step) {
            positions[code].push(k);
        }
    }
    let (values, value_codes) = match breakdown.and_then(|b| data.columns.get(b)) {
        Some(column) => column.dictionary(),
        None => (Vec::new(), Vec::new()),
    };
    let mut counted = Counted { users: vec![0; steps.len()], steps, values, ..Counted::default() };
    for (row, &code) in step_codes.iter().enumerate() {
        let count = counts[row];
        if count.is_nan() {
            continue;
        }
        if count < 0.0 || count.fract() != 0.0 {
            return Err(CountError::BadCount { step: names[code as usize].clone(), count });
        }
        for &k in &positions[code as usize] {
            counted.users[k] += count as u64;
            if let Some(&value) = value_codes.get(row) {
                counted.by.entry(value).or_insert_with(|| vec![0; counted.steps.len()])[k] += count as u64;
            }
        }
    }
    Ok(counted)
}

/// A count column as numbers, NaN where empty.
fn counts_of(column: &Column) -> Result<Vec<f64>, CountError> {
    match &column.data {
        Data::Integer(v) => Ok(v.iter().map(|&n| if n == MISSING_TIME { f64::NAN } else { n as f64 }).collect()),
        Data::Number(v) => Ok(v.clone()),
        _ => Err(CountError::NotNumbers { column: column.name.clone() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funnel::{results, top_n};
    use crate::ingest::stream::{read_dataset, Options};

    fn table(text: &str) -> Dataset {
        read_dataset(text.as_bytes(), Options::default()).expect("reads")
    }

    #[test]
    fn a_step_count_table_becomes_a_funnel_in_the_named_order() {
        let data = table("step,users\nvisit,1000\nsignup,300\npurchase,45\n");
        let roles = guess_count_roles(&data.headers(), &data.kinds()).expect("step and users are recognised");
        let counted = from_counts(&data, roles, None, &[]).unwrap();
        assert_eq!(counted.steps, ["visit", "signup", "purchase"]);
        assert_eq!(counted.users, [1000, 300, 45]);
        let named = ["purchase".to_string(), "visit".to_string(), "nobody".to_string()];
        assert_eq!(from_counts(&data, roles, None, &named).unwrap().users, [45, 1000, 0], "never re-sorted by value");
    }

    #[test]
    fn an_italian_breakdown_table_sums_per_value() {
        // The rate's decimal comma tells that "1.200" is twelve hundred.
        let data = table("fase;canale;utenti;tasso\nvisita;social;1.200;0,5\nvisita;email;800;1\nacquisto;social;30;2,5\nacquisto;email;50;1\nvisita;social;5;1\n");
        let roles = guess_count_roles(&data.headers(), &data.kinds()).unwrap();
        let counted = from_counts(&data, roles, Some(1), &[]).unwrap();
        assert_eq!(counted.users, [2005, 80]);
        let by: Vec<(String, Vec<u64>)> = counted.by.iter().map(|(v, u)| (counted.values[*v as usize].clone(), u.clone())).collect();
        assert_eq!(by, [("social".to_string(), vec![1205, 30]), ("email".to_string(), vec![800, 50])]);
        assert_eq!(top_n(counted.by, 1).len(), 2, "one value and other");
    }

    #[test]
    fn a_step_larger_than_the_one_before_is_reported_not_a_crash() {
        let data = table("step,count\na,10\nb,25\n");
        let counted = from_counts(&data, CountRoles { step: 0, count: 1 }, None, &[]).unwrap();
        let r = results(&counted.users);
        assert_eq!((r[1].dropped, r[1].from_previous), (0, 2.5));
    }

    #[test]
    fn negative_or_fractional_counts_are_refused_with_their_step() {
        let data = table("step,count\na,10\nb,-2\n");
        let error = from_counts(&data, CountRoles { step: 0, count: 1 }, None, &[]).unwrap_err();
        assert_eq!(error.to_string(), "step \"b\" has the count -2, which is not a whole number of users");
        let data = table("step,count\na,1.5\n");
        assert!(from_counts(&data, CountRoles { step: 0, count: 1 }, None, &[]).is_err());
        let data = table("step,count\na,x\n");
        assert_eq!(from_counts(&data, CountRoles { step: 0, count: 1 }, None, &[]).unwrap_err(), CountError::NotNumbers { column: "count".into() });
    }
}
