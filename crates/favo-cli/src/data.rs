//! The data commands: `favo inspect`, `favo funnel`, `favo trend` and `favo generate`,
//! on the core's ingest and its funnel and trend reports (`favo_core::insight`, the same as
//! the app's charts draw). Output is JSON (documented in `--help`), or a table for people.

use std::io::Write;
use std::process::ExitCode;

use favo_core::ingest::events::{guess_roles, EventLog};
use favo_core::ingest::infer::Kind as ColumnKind;
use favo_core::ingest::stream::{read_dataset, Dataset, Options};
use favo_core::ingest::value::format_iso;
use favo_core::insight::spec::{ChartSpec, Kind, SpecError, SWITCHES};
use favo_core::insight::{self, FunnelReport, SeriesName, Source, TrendQuery, TrendReport};
use favo_core::synth;
use serde_json::{json, Map, Value};

/// Reads a data file into typed columns, or the error line to print.
fn read_data(path: &str) -> Result<Dataset, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}\n"))?;
    read_dataset(&bytes, Options::default()).map_err(|e| format!("{path}: {e}\n"))
}

fn kind_name(kind: ColumnKind) -> String {
    match kind {
        ColumnKind::Integer => "integer".into(),
        ColumnKind::Number(f) => format!("number (decimal '{}')", f.decimal),
        ColumnKind::DateTime(f) => format!("date-time ({f})"),
        ColumnKind::Bool => "true/false".into(),
        ColumnKind::Text => "text".into(),
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

/// The options of a chart command, `--name value` (or `--name` alone for a switch), as
/// the core's [`ChartSpec`] reads them: the same options as the embedded viewer's.
pub struct ChartArgs {
    pub spec: ChartSpec,
    /// `--format table`: for people rather than programs.
    pub table: bool,
}

impl ChartArgs {
    pub fn parse(kind: Kind, args: &[&str]) -> Result<ChartArgs, String> {
        let mut a = ChartArgs { spec: ChartSpec::new(kind), table: false };
        let what = if kind == Kind::Funnel { "funnel" } else { "trend" };
        let mut args = args.iter();
        while let Some(&arg) = args.next() {
            let name = arg.strip_prefix("--").filter(|n| a.spec.takes(n) || *n == "format");
            let Some(name) = name else { return Err(format!("unknown argument to {what}: {arg}")) };
            if SWITCHES.contains(&name) {
                a.spec.set(name, "true")?;
                continue;
            }
            let value = args.next().copied().ok_or(format!("{arg} needs a value"))?;
            match name {
                "format" => a.table = value == "table",
                _ => a.spec.set(name, value).map_err(|e| format!("--{e}"))?,
            }
        }
        Ok(a)
    }

    /// The funnel over the file, and what the JSON adds around it (the columns of counts).
    pub fn funnel(&self, path: &str) -> Result<(FunnelReport, Map<String, Value>), Stop> {
        let data = read_data(path).map_err(Stop::Data)?;
        let stop = |e: SpecError| match e {
            SpecError::Option(usage) => Stop::Usage(usage),
            SpecError::Data(message) => Stop::Data(format!("{path}: {message}\n")),
        };
        let source = self.spec.source(&data).map_err(stop)?;
        let mut extra = Map::new();
        if let Source::Counts(roles) = &source {
            let headers = data.headers();
            extra.insert("step_column".into(), json!(headers[roles.step]));
            extra.insert("count_column".into(), json!(headers[roles.count]));
        }
        let report = insight::funnel(&data, &source, &self.spec.funnel).map_err(|e| stop(SpecError::Data(e.to_string())))?;
        Ok((report, extra))
    }

    /// The trend over the file, with the data and log it was counted from (for another
    /// query over them); the error is the line to print.
    pub fn trend(&self, path: &str) -> Result<(Dataset, EventLog, TrendReport), String> {
        let data = read_data(path)?;
        let (log, report) = self.spec.trend_report(&data).map_err(|e| format!("{path}: {e}\n"))?;
        Ok((data, log, report))
    }
}

fn pretty(out: &Value) -> String {
    format!("{}\n", serde_json::to_string_pretty(out).expect("JSON values serialise"))
}

/// `favo funnel`: users at each step.
pub fn funnel(path: &str, args: &[&str]) -> Result<(String, ExitCode), String> {
    let a = ChartArgs::parse(Kind::Funnel, args)?;
    let (report, extra) = match a.funnel(path) {
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

/// `favo trend`: events or users per period. `points` count every event asked for as one
/// series (with --unique, a user who did two of them in a period once); `series` has one
/// per event, or per breakdown value.
pub fn trend(path: &str, args: &[&str]) -> Result<(String, ExitCode), String> {
    let a = ChartArgs::parse(Kind::Trend, args)?;
    let (data, log, report) = match a.trend(path) {
        Ok(r) => r,
        Err(message) => return Ok((message, ExitCode::FAILURE)),
    };
    let q = &a.spec.trend;
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
