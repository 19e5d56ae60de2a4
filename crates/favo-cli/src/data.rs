//! The data commands: `favo inspect`, `favo funnel`, `favo trend` and `favo generate`,
//! on the core's ingest and its funnel and trend reports (`favo_core::insight`, the same as
//! the app's charts draw). Output is JSON (documented in `--help`), or a table for people.

use std::io::Write;
use std::process::ExitCode;

use favo_core::funnel::counts::{guess_count_roles, CountRoles};
use favo_core::funnel::{self, Order};
use favo_core::ingest::events::{guess_roles, EventLog, Roles};
use favo_core::ingest::infer::Kind;
use favo_core::ingest::stream::{read_dataset, Dataset, Options};
use favo_core::ingest::value::{format_iso, parse_datetime, DateFormat};
use favo_core::insight::{self, FunnelQuery, FunnelReport, SeriesName, Source, TrendQuery, TrendReport};
use favo_core::synth;
use favo_core::trend::Interval;
use serde_json::{json, Map, Value};

/// Reads a data file into typed columns, or the error line to print.
fn read_data(path: &str) -> Result<Dataset, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}\n"))?;
    read_dataset(&bytes, Options::default()).map_err(|e| format!("{path}: {e}\n"))
}

fn kind_name(kind: Kind) -> String {
    match kind {
        Kind::Integer => "integer".into(),
        Kind::Number(f) => format!("number (decimal '{}')", f.decimal),
        Kind::DateTime(f) => format!("date-time ({f})"),
        Kind::Bool => "true/false".into(),
        Kind::Text => "text".into(),
    }
}

/// `favo inspect`: what the reader detected, as JSON.
pub fn inspect(path: &str) -> (String, ExitCode) {
    let data = match read_data(path) {
        Ok(d) => d,
        Err(message) => return (message, ExitCode::FAILURE),
    };
    let (headers, kinds) = (data.headers(), data.kinds());
    let roles = guess_roles(&headers, &kinds);
    let role_of = |i: usize| match roles {
        Some(r) if r.user == i => "user",
        Some(r) if r.event == i => "event",
        Some(r) if r.time == i => "time",
        _ => "property",
    };
    let detected = &data.detected;
    let columns: Vec<_> = data
        .columns
        .iter()
        .zip(&detected.columns)
        .enumerate()
        .map(|(i, (c, guess))| {
            json!({"name": c.name, "type": kind_name(c.kind), "role": role_of(i),
                   "non_empty": c.present(), "unreadable": data.errors.by_column.get(i).copied().unwrap_or(0),
                   "ambiguous": guess.ambiguous})
        })
        .collect();
    let preview = &detected.preview;
    let preview: Vec<Vec<&str>> = (0..preview.len().min(5)).map(|r| preview.row(r).collect()).collect();
    let errors: Vec<String> = data.errors.first.iter().map(ToString::to_string).collect();
    let skipped: Vec<String> = data.skipped.first.iter().map(ToString::to_string).collect();
    let out = json!({
        "file": path,
        "encoding": detected.encoding.name(),
        "encoding_from": format!("{:?}", detected.encoding_source),
        "malformed_bytes": data.had_encoding_errors,
        "delimiter": detected.sniff.as_ref().map(|s| (s.dialect.delimiter as char).to_string()),
        "header": detected.sniff.as_ref().is_none_or(|s| s.dialect.has_header),
        "rows": data.rows,
        "skipped": data.skipped.count,
        "first_skipped": skipped,
        "unreadable_cells": data.errors.count,
        "first_unreadable": errors,
        "memory_bytes": data.heap_bytes(),
        "decimal": detected.format.number.decimal.to_string(),
        "thousands": detected.format.number.thousands.map(|c| c.to_string()),
        "dates": detected.format.date.map(|d| d.to_string()),
        "columns": columns,
        "preview": preview,
    });
    (format!("{}\n", serde_json::to_string_pretty(&out).expect("JSON values serialise")), ExitCode::SUCCESS)
}

/// Why a data command stops: bad arguments (exit code 2, with the usage) or data it cannot
/// answer from (exit code 1; the message names the file).
pub enum Stop {
    Usage(String),
    Data(String),
}

impl Stop {
    /// The command's answer: the data message as output, or the usage problem as `Err`.
    fn into_result(self) -> Result<(String, ExitCode), String> {
        match self {
            Stop::Usage(usage) => Err(usage),
            Stop::Data(message) => Ok((message, ExitCode::FAILURE)),
        }
    }
}

/// The arguments of `favo funnel` (and `favo render funnel`).
pub struct FunnelArgs<'a> {
    pub query: FunnelQuery,
    pub table: bool,
    user: Option<&'a str>,
    event: Option<&'a str>,
    time: Option<&'a str>,
    step_column: Option<&'a str>,
    count_column: Option<&'a str>,
}

impl<'a> FunnelArgs<'a> {
    pub fn parse(args: &[&'a str]) -> Result<FunnelArgs<'a>, String> {
        let mut a = FunnelArgs { query: FunnelQuery::default(), table: false, user: None, event: None, time: None, step_column: None, count_column: None };
        let q = &mut a.query;
        let mut args = args.iter();
        while let Some(&arg) = args.next() {
            let mut value = || args.next().copied().ok_or(format!("{arg} needs a value"));
            match arg {
                "--steps" => q.steps = list(value()?),
                "--order" => {
                    q.order = match value()? {
                        "ordered" => Order::Ordered,
                        "strict" => Order::Strict,
                        "any" => Order::Any,
                        other => return Err(format!("--order is ordered, strict or any, not {other}")),
                    }
                }
                "--window" => q.window_ms = funnel::parse_window(value()?).ok_or("--window reads like 30m, 12h, 7d, 2w or 3mo")?,
                "--user" => a.user = Some(value()?),
                "--event" => a.event = Some(value()?),
                "--time" => a.time = Some(value()?),
                "--format" => a.table = value()? == "table",
                "--breakdown" => q.breakdown = Some(value()?.to_string()),
                "--histogram" => {
                    let pair: Vec<usize> = value()?.split(',').filter_map(|n| n.trim().parse().ok()).collect();
                    q.histogram = match pair.as_slice() {
                        [a, b] if *a >= 1 && a < b => Some((a - 1, b - 1)),
                        _ => return Err("--histogram takes two step numbers, like 1,3".into()),
                    };
                }
                "--top" => q.top = count(value()?, "--top")?,
                "--step" => a.step_column = Some(value()?),
                "--count" => a.count_column = Some(value()?),
                _ => return Err(format!("unknown argument to funnel: {arg}")),
            }
        }
        Ok(a)
    }

    /// The funnel over the file, and what the JSON adds around it (the columns of counts).
    pub fn report(&self, path: &str) -> Result<(FunnelReport, Map<String, Value>), Stop> {
        let data = read_data(path).map_err(Stop::Data)?;
        let (headers, kinds) = (data.headers(), data.kinds());
        let counted = self.step_column.is_some() || self.count_column.is_some() || {
            let named = self.user.is_some() || self.event.is_some() || self.time.is_some();
            !named && guess_roles(&headers, &kinds).is_none() && guess_count_roles(&headers, &kinds).is_some()
        };
        let mut extra = Map::new();
        let source = if counted {
            let guessed = guess_count_roles(&headers, &kinds);
            let step = column_of(path, &headers, self.step_column, guessed.map(|r| r.step), "step").map_err(Stop::Data)?;
            let count = column_of(path, &headers, self.count_column, guessed.map(|r| r.count), "count").map_err(Stop::Data)?;
            extra.insert("step_column".into(), json!(headers[step]));
            extra.insert("count_column".into(), json!(headers[count]));
            Source::Counts(CountRoles { step, count })
        } else {
            if self.query.steps.is_empty() {
                return Err(Stop::Usage("funnel needs --steps a,b,c".into()));
            }
            Source::Events(event_log(path, &data, self.user, self.event, self.time).map_err(Stop::Data)?)
        };
        let report = insight::funnel(&data, &source, &self.query).map_err(|e| Stop::Data(format!("{path}: {e}\n")))?;
        Ok((report, extra))
    }
}

/// `a, b,c` as `["a", "b", "c"]`.
fn list(text: &str) -> Vec<String> {
    text.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

/// A whole number above zero, or the usage problem.
fn count(text: &str, what: &str) -> Result<usize, String> {
    text.parse::<usize>().ok().filter(|n| *n > 0).ok_or(format!("{what} needs a number"))
}

fn pretty(out: &Value) -> String {
    format!("{}\n", serde_json::to_string_pretty(out).expect("JSON values serialise"))
}

/// `favo funnel`: users at each step.
pub fn funnel(path: &str, args: &[&str]) -> Result<(String, ExitCode), String> {
    let a = FunnelArgs::parse(args)?;
    let (report, extra) = match a.report(path) {
        Ok(r) => r,
        Err(stop) => return stop.into_result(),
    };
    if a.table {
        let mut out = format!("{:<28} {:>10} {:>9} {:>9}\n", "step", "users", "of first", "of prev.");
        for s in &report.steps {
            out += &format!("{:<28} {:>10} {:>8.1}% {:>8.1}%\n", s.event, s.users, s.conversion_from_start * 100.0, s.conversion_from_previous * 100.0);
        }
        return Ok((out, ExitCode::SUCCESS));
    }
    let Value::Object(mut out) = serde_json::to_value(&report).expect("a report serialises") else { unreachable!("a report is an object") };
    out.insert("file".into(), json!(path));
    out.extend(extra);
    Ok((pretty(&Value::Object(out)), ExitCode::SUCCESS))
}

/// The index of column `name`, or the guessed one, or the error line to print.
fn column_of(path: &str, headers: &[String], name: Option<&str>, guessed: Option<usize>, role: &str) -> Result<usize, String> {
    match name {
        Some(n) => headers.iter().position(|h| h == n).ok_or(format!("{path}: no column \"{n}\" (the columns are {})\n", headers.join(", "))),
        None => guessed.ok_or(format!("{path}: which column is the {role}? Name it with --{role} COL\n")),
    }
}

/// The event log of a dataset: the user, event and time columns as named, or guessed.
/// Unreadable times fail the command: a funnel that silently lost rows would mislead.
fn event_log(path: &str, data: &Dataset, user: Option<&str>, event: Option<&str>, time: Option<&str>) -> Result<EventLog, String> {
    let headers = data.headers();
    let guessed = guess_roles(&headers, &data.kinds());
    let roles = Roles {
        user: column_of(path, &headers, user, guessed.map(|r| r.user), "user")?,
        event: column_of(path, &headers, event, guessed.map(|r| r.event), "event")?,
        time: column_of(path, &headers, time, guessed.map(|r| r.time), "time")?,
    };
    if let Some(why) = data.unreadable(roles.time) {
        return Err(format!("{path}: {why}\n"));
    }
    Ok(EventLog::from_dataset(data, roles))
}

/// The arguments of `favo trend` (and `favo render trend`).
pub struct TrendArgs<'a> {
    pub query: TrendQuery,
    user: Option<&'a str>,
    event: Option<&'a str>,
    time: Option<&'a str>,
}

impl<'a> TrendArgs<'a> {
    pub fn parse(args: &[&'a str]) -> Result<TrendArgs<'a>, String> {
        let mut a = TrendArgs { query: TrendQuery::default(), user: None, event: None, time: None };
        let q = &mut a.query;
        // A date alone means the whole day: --to 2024-03-31 includes that day.
        let date = |text: &str, end_of_day: bool| {
            let ms = parse_datetime(text, DateFormat::Iso).ok_or(format!("{text} is not a date (yyyy-mm-dd[Thh:mm])"))?;
            Ok::<i64, String>(if end_of_day && text.trim().len() == 10 { ms + 86_400_000 - 1 } else { ms })
        };
        let mut args = args.iter();
        while let Some(&arg) = args.next() {
            let mut value = || args.next().copied().ok_or(format!("{arg} needs a value"));
            match arg {
                "--interval" => q.interval = Interval::from_key(value()?).ok_or("--interval is hour, day, week or month")?,
                "--events" => q.events = list(value()?),
                "--unique" => q.unique = true,
                "--moving-average" => q.moving_average = Some(count(value()?, "--moving-average").map_err(|_| "--moving-average needs a number of periods")?),
                "--cumulative" => q.cumulative = true,
                "--from" => q.from = Some(date(value()?, false)?),
                "--to" => q.to = Some(date(value()?, true)?),
                "--compare" => q.compare = true,
                "--user" => a.user = Some(value()?),
                "--event" => a.event = Some(value()?),
                "--time" => a.time = Some(value()?),
                "--breakdown" => q.breakdown = Some(value()?.to_string()),
                "--top" => q.top = count(value()?, "--top")?,
                _ => return Err(format!("unknown argument to trend: {arg}")),
            }
        }
        Ok(a)
    }

    /// The trend over the file, with the data and log it was counted from (for another
    /// query over them); the error is the line to print.
    pub fn report(&self, path: &str) -> Result<(Dataset, EventLog, TrendReport), String> {
        let data = read_data(path)?;
        let log = event_log(path, &data, self.user, self.event, self.time)?;
        let report = insight::trend(&data, &log, &self.query).map_err(|e| format!("{path}: {e}\n"))?;
        Ok((data, log, report))
    }
}

/// `favo trend`: events or users per period. `points` count every event asked for as one
/// series (with --unique, a user who did two of them in a period once); `series` has one
/// per event, or per breakdown value.
pub fn trend(path: &str, args: &[&str]) -> Result<(String, ExitCode), String> {
    let a = TrendArgs::parse(args)?;
    let (data, log, report) = match a.report(path) {
        Ok(r) => r,
        Err(message) => return Ok((message, ExitCode::FAILURE)),
    };
    let q = &a.query;
    // The totals: the report itself when it is one series, else the events counted together.
    let together = TrendQuery { breakdown: None, together: true, ..q.clone() };
    let totals = match report.series.as_slice() {
        [_] if q.breakdown.is_none() => report.clone(),
        _ => match insight::trend(&data, &log, &together) {
            Ok(t) => t,
            Err(e) => return Ok((format!("{path}: {e}\n"), ExitCode::FAILURE)),
        },
    };
    let points: Vec<_> = match totals.series.first() {
        None => Vec::new(),
        Some(total) => totals
            .periods
            .iter()
            .enumerate()
            .map(|(i, p)| {
                json!({"period": format_iso(*p), "value": total.values[i],
                       "moving_average": total.moving_average.as_ref().map(|a| a[i]),
                       "previous": total.previous.as_ref().map(|prev| prev[i])})
            })
            .collect(),
    };
    let breakdown = q.breakdown.as_ref().map(|column| {
        let series: Vec<_> = report
            .series
            .iter()
            .map(|s| {
                let value = match &s.name {
                    SeriesName::Value(v) => Some(v.clone()),
                    _ => None,
                };
                json!({"value": value, "values": s.values})
            })
            .collect();
        json!({"column": column, "top": q.top, "series": series})
    });
    let out = json!({"file": path, "interval": report.interval, "unique_users": report.unique_users, "cumulative": report.cumulative,
                     "events": q.events, "last_period_incomplete": report.last_period_incomplete, "points": points, "breakdown": breakdown,
                     "series": report.series});
    Ok((pretty(&out), ExitCode::SUCCESS))
}

/// `favo generate`: the synthetic log, streamed to a file or standard output.
pub fn generate(args: &[&str]) -> Result<(String, ExitCode), String> {
    let (mut rows, mut seed, mut variant, mut output) = (100_000usize, 1u64, synth::Variant::Standard, None);
    let mut args = args.iter();
    let number = |value: Option<&&str>, what: &str| value.and_then(|v| v.replace('_', "").parse::<u64>().ok()).ok_or(format!("{what} needs a whole number"));
    while let Some(&arg) = args.next() {
        match arg {
            "--rows" => rows = number(args.next(), "--rows")? as usize,
            "--seed" => seed = number(args.next(), "--seed")?,
            "--italian" => variant = synth::Variant::Italian,
            "-o" | "--output" => output = Some(*args.next().ok_or("-o needs a file name")?),
            _ => return Err(format!("unknown argument to generate: {arg}")),
        }
    }
    let result = match output {
        Some(path) => std::fs::File::create(path).and_then(|f| {
            let mut out = std::io::BufWriter::new(f);
            synth::write(rows, seed, variant, &mut out)?;
            out.flush()
        }),
        None => synth::write(rows, seed, variant, &mut std::io::stdout().lock()),
    };
    Ok(match (result, output) {
        (Ok(()), Some(path)) => (format!("{path}: wrote {rows} rows\n"), ExitCode::SUCCESS),
        (Ok(()), None) => (String::new(), ExitCode::SUCCESS),
        (Err(e), _) => (format!("favo: cannot write the log: {e}\n"), ExitCode::FAILURE),
    })
}
