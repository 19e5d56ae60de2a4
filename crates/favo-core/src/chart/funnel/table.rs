//! The funnel as a table: what the app's "show data" table lists and its CSV export holds.
//!
//! Broken down, the table is long rather than wide: first every step for all users (value
//! "All"), then every step of each value in the report's order, one row each, so that a
//! spreadsheet's pivot table can take it as it is (filter out "All" before summing). The
//! median time is known for all users only.

use super::super::{duration, other, percent, plain_number};
use crate::funnel::results;
use crate::insight::FunnelReport;
use crate::journey::Lang;

fn headers(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::En => [
            "Step",
            "Users",
            "From step 1",
            "From previous step",
            "Dropped",
            "Median time from previous step",
        ],
        Lang::It => [
            "Passo",
            "Utenti",
            "Dal passo 1",
            "Dal passo precedente",
            "Persi",
            "Tempo mediano dal passo precedente",
        ],
    }
}

/// Headers and rows: step, users, conversion from step 1 and from the previous step,
/// users dropped and the median time from the previous step; numbers in the language's
/// style. With a breakdown, a first column names the value (see the module's note).
pub fn table(report: &FunnelReport, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let mut headers: Vec<String> = headers(lang).iter().map(ToString::to_string).collect();
    let count = |n: u64| plain_number(n as f64, lang);
    let mut rows: Vec<Vec<String>> = report
        .steps
        .iter()
        .map(|s| {
            vec![
                s.event.clone(),
                count(s.users),
                percent(s.conversion_from_start, lang),
                percent(s.conversion_from_previous, lang),
                count(s.dropped),
                s.median_ms_from_previous
                    .map(|ms| duration(ms, lang))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let Some(breakdown) = report.breakdown.as_ref().filter(|b| !b.values.is_empty()) else {
        return (headers, rows);
    };
    headers.insert(0, breakdown.column.clone());
    let all = if lang == Lang::En { "All" } else { "Tutti" };
    rows.iter_mut().for_each(|r| r.insert(0, all.to_string()));
    for value in &breakdown.values {
        let name = value
            .value
            .clone()
            .unwrap_or_else(|| other(lang).to_string());
        for (step, r) in report.steps.iter().zip(results(&value.users)) {
            let (from_start, from_previous) =
                (percent(r.from_start, lang), percent(r.from_previous, lang));
            rows.push(vec![
                name.clone(),
                step.event.clone(),
                count(r.users),
                from_start,
                from_previous,
                count(r.dropped),
                String::new(),
            ]);
        }
    }
    (headers, rows)
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
