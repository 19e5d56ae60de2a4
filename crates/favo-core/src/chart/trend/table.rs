//! The trend as a table, for the app's "show data" table and its CSV export: a row per
//! period, and for each series a column of values followed, when the report has them, by
//! its previous periods and its moving average.

use super::dates::{period_cell, period_heading};
use super::series_name;
use crate::chart::plain_number;
use crate::insight::TrendReport;
use crate::journey::Lang;

/// Headers and rows: the period (as spreadsheets read dates), then each series' values,
/// previous periods and moving average (empty until there are enough periods); numbers in
/// the language's style.
pub fn table(report: &TrendReport, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let (previous, average) = match lang {
        Lang::En => ("previous period", "moving average"),
        Lang::It => ("periodo precedente", "media mobile"),
    };
    let mut headers = vec![period_heading(report.interval, lang).to_string()];
    for s in &report.series {
        let name = series_name(&s.name, lang);
        headers.push(name.clone());
        if s.previous.is_some() {
            headers.push(format!("{name}, {previous}"));
        }
        if s.moving_average.is_some() {
            headers.push(format!("{name}, {average}"));
        }
    }
    let number = |v: Option<f64>| v.map(|v| plain_number(v, lang)).unwrap_or_default();
    let rows = report
        .periods
        .iter()
        .enumerate()
        .map(|(i, &ms)| {
            let mut row = vec![period_cell(report.interval, ms)];
            for s in &report.series {
                row.push(number(s.values.get(i).copied()));
                if let Some(p) = &s.previous {
                    row.push(number(p.get(i).copied()));
                }
                if let Some(a) = &s.moving_average {
                    row.push(number(a.get(i).copied().flatten()));
                }
            }
            row
        })
        .collect();
    (headers, rows)
}
