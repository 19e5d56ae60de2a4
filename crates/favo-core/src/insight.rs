//! What a chart shows, as data: a funnel or a trend asked of a dataset ([`FunnelQuery`],
//! [`TrendQuery`]) and answered as a plain report ([`FunnelReport`], [`TrendReport`]). The
//! CLI prints reports as JSON, the app's worker posts them to the page, and the charts draw
//! them. Queries and reports name events and columns by their text, never by dictionary
//! codes, so a report means the same on both sides of a worker.

use serde::{Deserialize, Serialize};

use crate::funnel::counts::{from_counts, CountError, CountRoles};
use crate::funnel::{self, Funnel, Order};
use crate::ingest::events::EventLog;
use crate::ingest::stream::Dataset;
use crate::journey::{Activity, Journey, Persona};
use crate::trend::{self, breakdown, Interval, Trend, TrendError};

pub mod spec;

/// Where a funnel's users come from: an event log, or a table already counted.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Events(EventLog),
    Counts(CountRoles),
}

/// A funnel to compute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelQuery {
    /// Event names (or, over counts, step names) in funnel order. Over counts, empty means
    /// every step of the table in order of first appearance.
    pub steps: Vec<String>,
    pub order: Order,
    pub window_ms: i64,
    /// A column to break down by: each user under its value on their step-1 event.
    pub breakdown: Option<String>,
    /// Values of the breakdown kept; the rest are summed as "other".
    pub top: usize,
    /// Time to convert between two steps (0-based, first before second), as a histogram.
    pub histogram: Option<(usize, usize)>,
}

impl Default for FunnelQuery {
    fn default() -> FunnelQuery {
        FunnelQuery { steps: Vec::new(), order: Order::Ordered, window_ms: funnel::DEFAULT_WINDOW, breakdown: None, top: 5, histogram: None }
    }
}

/// One step of a funnel report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelStep {
    pub event: String,
    pub users: u64,
    pub conversion_from_start: f64,
    pub conversion_from_previous: f64,
    pub dropped: u64,
    /// From the previous step, over the users who reached this one (event logs only).
    pub median_ms_from_previous: Option<f64>,
    pub mean_ms_from_previous: Option<f64>,
}

/// Users at each step per value of a breakdown column; `value` is `None` for "other".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakdownValue {
    pub value: Option<String>,
    pub users: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelBreakdown {
    pub column: String,
    pub top: usize,
    pub values: Vec<BreakdownValue>,
}

/// One bar of the time-to-convert histogram: users who took `from_ms..to_ms`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    pub from_ms: i64,
    pub to_ms: i64,
    pub users: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeToConvert {
    /// Step numbers, 1-based as people count them.
    pub from_step: usize,
    pub to_step: usize,
    pub bins: Vec<Bin>,
}

/// A funnel's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelReport {
    /// "events" or "counts".
    pub source: String,
    pub order: Order,
    pub window_ms: i64,
    /// Users and events in the log (event logs only).
    pub users: Option<usize>,
    pub events: Option<usize>,
    pub steps: Vec<FunnelStep>,
    pub breakdown: Option<FunnelBreakdown>,
    pub time_to_convert: Option<TimeToConvert>,
}

/// A trend to compute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrendQuery {
    /// Events counted; empty counts every event. Two or more give one series each, unless
    /// there is a breakdown or `together` is set.
    pub events: Vec<String>,
    /// Two or more events counted as one series: with `unique`, a user who did several of
    /// them in a period counts once.
    pub together: bool,
    pub interval: Interval,
    /// Distinct users per period rather than events.
    pub unique: bool,
    pub moving_average: Option<usize>,
    /// Also the same number of periods just before, period by period.
    pub compare: bool,
    pub cumulative: bool,
    /// A column: one series per value (the `top` largest, the rest as "other").
    pub breakdown: Option<String>,
    pub top: usize,
    /// Milliseconds, inclusive; the data's first and last event when not given.
    pub from: Option<i64>,
    pub to: Option<i64>,
}

impl Default for TrendQuery {
    fn default() -> TrendQuery {
        TrendQuery {
            events: Vec::new(),
            together: false,
            interval: Interval::Day,
            unique: false,
            moving_average: None,
            compare: false,
            cumulative: false,
            breakdown: None,
            top: 5,
            from: None,
            to: None,
        }
    }
}

/// What a series counts. The chart names `All` and `Other` in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum SeriesName {
    /// Every event counted (or the one event chosen, named).
    All,
    Event(String),
    /// A value of the breakdown column.
    Value(String),
    /// The breakdown values beyond the top ones.
    Other,
}

/// One line of a trend: a value per period of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendSeries {
    pub name: SeriesName,
    /// Running totals when the query asked for them.
    pub values: Vec<f64>,
    pub moving_average: Option<Vec<Option<f64>>>,
    /// The periods just before, aligned with `values` (when the query compares).
    pub previous: Option<Vec<f64>>,
}

/// A trend's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendReport {
    pub interval: Interval,
    pub unique_users: bool,
    pub cumulative: bool,
    /// Period starts, UTC milliseconds.
    pub periods: Vec<i64>,
    /// The data stops before the end of the last period: its value is not comparable.
    pub last_period_incomplete: bool,
    pub breakdown: Option<String>,
    pub series: Vec<TrendSeries>,
}

/// Why a query cannot be answered.
#[derive(Clone, Debug, PartialEq)]
pub enum InsightError {
    /// A breakdown (or other) column that the data does not have.
    NoColumn { name: String, columns: Vec<String> },
    Counts(CountError),
    Trend(TrendError),
    /// A trend asked of a table of counts, which has no times.
    NotEvents,
}

impl std::fmt::Display for InsightError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InsightError::NoColumn { name, columns } => write!(f, "no column {name:?} (the columns are {})", columns.join(", ")),
            InsightError::Counts(e) => e.fmt(f),
            InsightError::Trend(e) => e.fmt(f),
            InsightError::NotEvents => write!(f, "a trend needs an event log with times, not a table of counts"),
        }
    }
}

impl std::error::Error for InsightError {}

impl From<TrendError> for InsightError {
    fn from(e: TrendError) -> InsightError {
        InsightError::Trend(e)
    }
}

fn column_index(data: &Dataset, name: &str) -> Result<usize, InsightError> {
    data.columns.iter().position(|c| c.name == name).ok_or_else(|| InsightError::NoColumn { name: name.to_string(), columns: data.headers() })
}

/// A funnel over an event log or a table of counts.
pub fn funnel(data: &Dataset, source: &Source, q: &FunnelQuery) -> Result<FunnelReport, InsightError> {
    let breakdown = q.breakdown.as_deref().map(|b| column_index(data, b)).transpose()?;
    let top = q.top.max(1);
    match source {
        Source::Events(log) => Ok(funnel_of_events(data, log, q, breakdown, top)),
        Source::Counts(roles) => {
            let counted = from_counts(data, *roles, breakdown, &q.steps).map_err(InsightError::Counts)?;
            let steps = counted
                .steps
                .iter()
                .zip(funnel::results(&counted.users))
                .map(|(name, r)| step_row(name, &r, None))
                .collect();
            let values = breakdown.map(|_| ranked(funnel::top_n(counted.by.clone(), top), &counted.values));
            Ok(FunnelReport {
                source: "counts".into(),
                order: q.order,
                window_ms: q.window_ms,
                users: None,
                events: None,
                steps,
                breakdown: breakdown_of(q, top, values),
                time_to_convert: None,
            })
        }
    }
}

fn funnel_of_events(data: &Dataset, log: &EventLog, q: &FunnelQuery, breakdown: Option<usize>, top: usize) -> FunnelReport {
    // A step nobody did is no error: it has no users.
    let ids = q.steps.iter().map(|s| log.name_id(s).unwrap_or(u32::MAX)).collect();
    let f = Funnel { steps: ids, window: q.window_ms, order: q.order };
    let times = f.step_times(&log.rows);
    let steps = q
        .steps
        .iter()
        .zip(funnel::results(&f.count(&log.rows)))
        .zip(&times)
        .map(|((name, r), t)| step_row(name, &r, Some(t)))
        .collect();
    let values = breakdown.map(|column| {
        let (values, per_row) = log.values_of(data, column);
        ranked(funnel::top_n(f.count_by(&log.rows, &per_row), top), &values)
    });
    let time_to_convert = q.histogram.filter(|&(a, b)| a < b && b < q.steps.len()).map(|(a, b)| TimeToConvert {
        from_step: a + 1,
        to_step: b + 1,
        bins: funnel::histogram(&f.times_between(&log.rows, a, b), 10)
            .into_iter()
            .map(|(from_ms, to_ms, users)| Bin { from_ms, to_ms, users })
            .collect(),
    });
    FunnelReport {
        source: "events".into(),
        order: q.order,
        window_ms: q.window_ms,
        users: Some(log.user_count()),
        events: Some(log.rows.len()),
        steps,
        breakdown: breakdown_of(q, top, values),
        time_to_convert,
    }
}

fn step_row(name: &str, r: &funnel::StepResult, times: Option<&Vec<i64>>) -> FunnelStep {
    let (median, mean) = times.and_then(|t| funnel::median_mean(t)).unzip();
    FunnelStep {
        event: name.to_string(),
        users: r.users,
        conversion_from_start: r.from_start,
        conversion_from_previous: r.from_previous,
        dropped: r.dropped,
        median_ms_from_previous: median,
        mean_ms_from_previous: mean,
    }
}

fn ranked(top: Vec<(Option<u32>, Vec<u64>)>, values: &[String]) -> Vec<BreakdownValue> {
    top.into_iter().map(|(v, users)| BreakdownValue { value: v.map(|v| values[v as usize].clone()), users }).collect()
}

fn breakdown_of(q: &FunnelQuery, top: usize, values: Option<Vec<BreakdownValue>>) -> Option<FunnelBreakdown> {
    Some(FunnelBreakdown { column: q.breakdown.clone()?, top, values: values? })
}

/// A trend over an event log.
pub fn trend(data: &Dataset, log: &EventLog, q: &TrendQuery) -> Result<TrendReport, InsightError> {
    let breakdown = q.breakdown.as_deref().map(|b| column_index(data, b)).transpose()?;
    let ids: Vec<u32> = q.events.iter().map(|e| log.name_id(e).unwrap_or(u32::MAX)).collect();
    let wanted = |name: u32| ids.is_empty() || ids.contains(&name);
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for (_, e) in log.rows.iter().filter(|(_, e)| wanted(e.name)) {
        first = first.min(e.time);
        last = last.max(e.time);
    }
    let range = (q.from.unwrap_or(first), q.to.unwrap_or(last));
    let mut report = TrendReport {
        interval: q.interval,
        unique_users: q.unique,
        cumulative: q.cumulative,
        periods: Vec::new(),
        last_period_incomplete: false,
        breakdown: q.breakdown.clone(),
        series: Vec::new(),
    };
    if range.0 > range.1 && q.from.is_none() && q.to.is_none() {
        return Ok(report); // nothing counted: no periods
    }
    let (interval, unique) = (q.interval, q.unique);
    // Each series with the periods before it when comparing.
    let mut counted: Vec<(SeriesName, Trend, Option<Trend>)> = Vec::new();
    let one = |names: &[u32]| -> Result<(Trend, Option<Trend>), TrendError> {
        if q.compare {
            trend::compare(&log.rows, names, interval, unique, range).map(|(t, p)| (t, Some(p)))
        } else {
            trend::count_between(&log.rows, names, interval, unique, range).map(|t| (t, None))
        }
    };
    if let Some(column) = breakdown {
        let (values, per_row) = log.values_of(data, column);
        let top = q.top.max(1);
        let series = breakdown::count_by(&log.rows, &per_row, &ids, interval, unique, top, range)?;
        // The previous periods keep the current ranking: each value over the earlier span.
        let previous = if q.compare {
            let span = trend::previous_span(interval, range.0, trend::periods(interval, range)?.len());
            let kept: Vec<u32> = series.iter().filter_map(|s| s.value).collect();
            Some(earlier_by_value(log, &per_row, &ids, interval, unique, span, &kept, series.len())?)
        } else {
            None
        };
        for (i, s) in series.into_iter().enumerate() {
            let name = s.value.map_or(SeriesName::Other, |v| SeriesName::Value(values[v as usize].clone()));
            counted.push((name, s.trend, previous.as_ref().map(|p: &Vec<Trend>| p[i].clone())));
        }
    } else if ids.len() >= 2 && !q.together {
        for (name, id) in q.events.iter().zip(&ids) {
            let (t, p) = one(&[*id])?;
            counted.push((SeriesName::Event(name.clone()), t, p));
        }
    } else {
        let (t, p) = one(&ids)?;
        let name = match q.events.as_slice() {
            [one] => SeriesName::Event(one.clone()),
            _ => SeriesName::All,
        };
        counted.push((name, t, p));
    }
    report.periods = match counted.first() {
        Some((_, t, _)) => t.periods.clone(),
        None => trend::periods(interval, range)?,
    };
    // The data stops where it ends or where the range does, whichever is first.
    let stop = q.to.map_or(last, |to| to.min(last));
    if let Some(&end) = report.periods.last() {
        report.last_period_incomplete = stop < interval.next(end) - interval.final_stretch();
    }
    let total = |values: &[f64]| if q.cumulative { trend::cumulative(values) } else { values.to_vec() };
    report.series = counted
        .into_iter()
        .map(|(name, t, p)| {
            let values = total(&t.values);
            TrendSeries {
                name,
                moving_average: q.moving_average.map(|n| trend::moving_average(&values, n)),
                previous: p.map(|p| total(&p.values)),
                values,
            }
        })
        .collect();
    Ok(report)
}

/// The earlier span of a broken-down trend with the current ranking: one trend per value in
/// `kept` (in that order) and, when the current one has an "other" series, one for every
/// remaining value together.
#[allow(clippy::too_many_arguments)]
fn earlier_by_value(
    log: &EventLog,
    per_row: &[u32],
    ids: &[u32],
    interval: Interval,
    unique: bool,
    span: (i64, i64),
    kept: &[u32],
    series: usize,
) -> Result<Vec<Trend>, TrendError> {
    // Relabel rows: kept values keep their place, all others become one "other" value.
    let other = kept.len() as u32;
    let relabelled: Vec<u32> = per_row.iter().map(|v| kept.iter().position(|k| k == v).map_or(other, |i| i as u32)).collect();
    let mut out = Vec::with_capacity(series);
    for i in 0..series as u32 {
        let rows: Vec<(u32, crate::funnel::Event)> =
            log.rows.iter().zip(&relabelled).filter(|(_, &v)| v == i.min(other)).map(|(r, _)| *r).collect();
        out.push(trend::count_between(&rows, ids, interval, unique, span)?);
    }
    Ok(out)
}

/// A funnel from the map: the events that measure its touchpoints, phase by phase (cells
/// of a phase in creation order), each once, keeping those in `names` (the data's events).
pub fn steps_from_phases(journey: &Journey, names: &[String]) -> Vec<String> {
    let mut cells: Vec<&Activity> = journey.activities().filter(|a| a.phase.is_some()).collect();
    let rank = |a: &Activity| journey.phases().iter().position(|p| Some(p.id) == a.phase);
    cells.sort_by_key(|a| rank(a));
    measured(cells.into_iter(), names)
}

/// A funnel from a persona's path: the events of the touchpoints along it, in path order.
pub fn steps_from_path(journey: &Journey, persona: &Persona, names: &[String]) -> Vec<String> {
    measured(persona.path.iter().filter_map(|s| journey.get(s.cell)), names)
}

fn measured<'a>(cells: impl Iterator<Item = &'a Activity>, names: &[String]) -> Vec<String> {
    let mut steps: Vec<String> = Vec::new();
    for event in cells.flat_map(|a| a.touchpoints.iter().filter_map(|t| t.event.as_deref())) {
        let event = event.trim();
        if names.iter().any(|n| n == event) && !steps.iter().any(|s| s == event) {
            steps.push(event.to_string());
        }
    }
    steps
}

#[cfg(test)]
#[path = "insight_tests.rs"]
mod tests;
