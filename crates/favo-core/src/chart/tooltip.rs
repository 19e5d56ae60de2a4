//! Hover tooltips: the exact values under the pointer, taken from the chart's own table so
//! that the tooltip, "show data" and the CSV export never disagree.

use super::{funnel, trend};
use crate::insight::{FunnelReport, TrendReport};
use crate::journey::Lang;

/// "Header: value" lines of one table row, empty cells left out.
fn lines(headers: &[String], row: &[String]) -> String {
    headers.iter().zip(row).filter(|(_, v)| !v.is_empty()).map(|(h, v)| format!("{h}: {v}")).collect::<Vec<_>>().join("\n")
}

/// The bar under `at` (CSS pixels) of a funnel drawn `size` big: its step, users and
/// conversions (for its breakdown value, if it has one).
pub fn for_funnel(report: &FunnelReport, size: (u32, u32), at: (f64, f64), lang: Lang) -> Option<String> {
    let hit = funnel::hit(report, size, at)?;
    let (headers, rows) = funnel::table(report, lang);
    // Broken down, the table lists every step for all users, then every step per value.
    let n = report.steps.len();
    let row = match hit.value {
        Some(v) if report.breakdown.as_ref().is_some_and(|b| !b.values.is_empty()) => rows.get((v + 1) * n + hit.step),
        _ => rows.get(hit.step),
    }?;
    Some(lines(&headers, row))
}

/// The period under `at` of a trend drawn `size` big: its name and every series' values.
pub fn for_trend(report: &TrendReport, size: (u32, u32), at: (f64, f64), lang: Lang) -> Option<String> {
    let i = trend::hit(report, size, at)?;
    let (headers, rows) = trend::table(report, lang);
    let mut row = rows.get(i)?.clone();
    row[0] = trend::period_name(report.interval, *report.periods.get(i)?, lang);
    Some(lines(&headers, &row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::events::{guess_roles, EventLog};
    use crate::ingest::stream::{read_dataset, Options};
    use crate::insight::{self, FunnelQuery, Source, TrendQuery};

    const LOG: &str = "user,event,time,channel\nu1,a,2024-03-01T10:00:00Z,web\nu1,b,2024-03-02T10:00:00Z,web\nu2,a,2024-03-02T11:00:00Z,mail\n";

    fn log() -> (crate::ingest::stream::Dataset, EventLog) {
        let d = read_dataset(LOG.as_bytes(), Options::default()).expect("reads");
        let log = EventLog::from_dataset(&d, guess_roles(&d.headers(), &d.kinds()).expect("roles"));
        (d, log)
    }

    #[test]
    fn the_tooltip_over_a_bar_gives_that_steps_numbers() {
        let (d, log) = log();
        let q = FunnelQuery { steps: vec!["a".into(), "b".into()], ..FunnelQuery::default() };
        let r = insight::funnel(&d, &Source::Events(log), &q).expect("funnel");
        let size = (600, 300);
        let layout = funnel::layout(&r, (600.0, 300.0)).expect("drawn");
        let bar = &layout.bars[1].bar;
        let centre = ((bar.min.x + bar.max.x) / 2.0, bar.max.y - 1.0);
        let tip = for_funnel(&r, size, centre, Lang::En).expect("a bar is there");
        assert!(tip.starts_with("Step: b\nUsers: 1\nFrom step 1: 50"), "{tip}");
        assert_eq!(for_funnel(&r, size, (1.0, 1.0), Lang::En), None, "nothing in the corner");
    }

    #[test]
    fn the_tooltip_over_a_broken_down_bar_gives_that_values_numbers() {
        let (d, log) = log();
        let q = FunnelQuery { steps: vec!["a".into(), "b".into()], breakdown: Some("channel".into()), ..FunnelQuery::default() };
        let r = insight::funnel(&d, &Source::Events(log), &q).expect("funnel");
        let layout = funnel::layout(&r, (600.0, 300.0)).expect("drawn");
        let bar = layout.bars.iter().find(|b| b.step == 0 && b.value.is_some_and(|v| r.breakdown.as_ref().unwrap().values[v].value.as_deref() == Some("mail"))).expect("mail's bar");
        let centre = ((bar.bar.min.x + bar.bar.max.x) / 2.0, bar.bar.max.y - 1.0);
        let tip = for_funnel(&r, (600, 300), centre, Lang::It).expect("a bar");
        assert!(tip.starts_with("channel: mail\nPasso: a\nUtenti: 1"), "{tip}");
    }

    #[test]
    fn the_tooltip_over_a_trend_names_the_period_and_its_value() {
        let (d, log) = log();
        let r = insight::trend(&d, &log, &TrendQuery::default()).expect("trend");
        let layout = trend::layout(&r, (600.0, 300.0)).expect("drawn");
        let tip = for_trend(&r, (600, 300), (layout.xs[1], layout.plot.min.y + 5.0), Lang::En).expect("a period");
        assert!(tip.contains("2 Mar 2024") && tip.ends_with(": 2"), "{tip}");
    }
}
