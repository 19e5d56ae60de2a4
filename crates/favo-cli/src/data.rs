//! The data commands: `favo inspect`, `favo funnel`, `favo trend` and `favo generate`,
//! on the core's ingest, funnels and trends. Output is JSON (documented in `--help`), or a
//! table for people.

use std::io::Write;
use std::process::ExitCode;

use favo_core::funnel::counts::{from_counts, guess_count_roles, CountRoles};
use favo_core::funnel::{self, Funnel, Order};
use favo_core::ingest::events::{guess_roles, EventLog, Roles};
use favo_core::ingest::infer::Kind;
use favo_core::ingest::stream::{read_dataset, Dataset, Options};
use favo_core::ingest::value::{format_iso, parse_datetime, DateFormat};
use favo_core::synth;
use favo_core::trend::{self, breakdown, Interval};
use serde_json::json;

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

/// `favo funnel`: users at each step.
pub fn funnel(path: &str, args: &[&str]) -> Result<(String, ExitCode), String> {
    let (mut steps, mut order, mut window, mut table_out) = (Vec::new(), Order::Ordered, funnel::DEFAULT_WINDOW, false);
    let (mut user, mut event, mut time, mut breakdown, mut top, mut histogram) = (None, None, None, None, 5usize, None);
    let (mut step_column, mut count_column) = (None, None);
    let mut args = args.iter();
    while let Some(&arg) = args.next() {
        let mut value = || args.next().copied().ok_or(format!("{arg} needs a value"));
        match arg {
            "--steps" => steps = value()?.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            "--order" => {
                order = match value()? {
                    "ordered" => Order::Ordered,
                    "strict" => Order::Strict,
                    "any" => Order::Any,
                    other => return Err(format!("--order is ordered, strict or any, not {other}")),
                }
            }
            "--window" => window = funnel::parse_window(value()?).ok_or("--window reads like 30m, 12h, 7d, 2w or 3mo")?,
            "--user" => user = Some(value()?),
            "--event" => event = Some(value()?),
            "--time" => time = Some(value()?),
            "--format" => table_out = value()? == "table",
            "--breakdown" => breakdown = Some(value()?),
            "--histogram" => {
                let pair: Vec<usize> = value()?.split(',').filter_map(|n| n.trim().parse().ok()).collect();
                histogram = match pair.as_slice() {
                    [a, b] if *a >= 1 && a < b => Some((a - 1, b - 1)),
                    _ => return Err("--histogram takes two step numbers, like 1,3".into()),
                };
            }
            "--top" => top = value()?.parse::<usize>().ok().filter(|n| *n > 0).ok_or("--top needs a number")?,
            "--step" => step_column = Some(value()?),
            "--count" => count_column = Some(value()?),
            _ => return Err(format!("unknown argument to funnel: {arg}")),
        }
    }
    let data = match read_data(path) {
        Ok(data) => data,
        Err(message) => return Ok((message, ExitCode::FAILURE)),
    };
    let (headers, kinds) = (data.headers(), data.kinds());
    let counted = step_column.is_some() || count_column.is_some() || {
        let named = user.is_some() || event.is_some() || time.is_some();
        !named && guess_roles(&headers, &kinds).is_none() && guess_count_roles(&headers, &kinds).is_some()
    };
    if counted {
        let guessed = guess_count_roles(&headers, &kinds);
        let found = (|| {
            let step = column_of(path, &headers, step_column, guessed.map(|r| r.step), "step")?;
            let count = column_of(path, &headers, count_column, guessed.map(|r| r.count), "count")?;
            let breakdown = breakdown.map(|b| column_of(path, &headers, Some(b), None, "breakdown")).transpose()?;
            funnel_counts(path, &data, CountRoles { step, count }, breakdown, &steps, top)
        })();
        return Ok(found.map_or_else(|message| (message, ExitCode::FAILURE), |out| (out, ExitCode::SUCCESS)));
    }
    if steps.is_empty() {
        return Err("funnel needs --steps a,b,c".into());
    }
    let log = match event_log(path, &data, user, event, time) {
        Ok(log) => log,
        Err(message) => return Ok((message, ExitCode::FAILURE)),
    };
    // A step nobody did is no error: it has no users.
    let ids: Vec<u32> = steps.iter().map(|s| log.name_id(s).unwrap_or(u32::MAX)).collect();
    let f = Funnel { steps: ids, window, order };
    let results = funnel::results(&f.count(&log.rows));
    if table_out {
        let mut out = format!("{:<28} {:>10} {:>9} {:>9}\n", "step", "users", "of first", "of prev.");
        for (name, r) in steps.iter().zip(&results) {
            out += &format!("{name:<28} {:>10} {:>8.1}% {:>8.1}%\n", r.users, r.from_start * 100.0, r.from_previous * 100.0);
        }
        return Ok((out, ExitCode::SUCCESS));
    }
    let times = f.step_times(&log.rows);
    let rows: Vec<_> = steps
        .iter()
        .zip(&results)
        .zip(&times)
        .map(|((name, r), t)| {
            let (median, mean) = funnel::median_mean(t).unzip();
            json!({"event": name, "users": r.users, "conversion_from_start": r.from_start,
                   "conversion_from_previous": r.from_previous, "dropped": r.dropped,
                   "median_ms_from_previous": median, "mean_ms_from_previous": mean})
        })
        .collect();
    let histogram = histogram.filter(|(_, b)| *b < steps.len()).map(|(a, b)| {
        let bins: Vec<_> = funnel::histogram(&f.times_between(&log.rows, a, b), 10)
            .into_iter()
            .map(|(from, to, users)| json!({"from_ms": from, "to_ms": to, "users": users}))
            .collect();
        json!({"from_step": a + 1, "to_step": b + 1, "bins": bins})
    });
    // First touch: each user under the value on the first event of their deepest attempt.
    let breakdown_rows = match breakdown {
        None => None,
        Some(name) => {
            let Some(column) = data.columns.iter().position(|c| c.name == name) else {
                return Ok((format!("{path}: no column \"{name}\" to break down by\n"), ExitCode::FAILURE));
            };
            let (values, per_row) = log.values_of(&data, column);
            let rows: Vec<_> = funnel::top_n(f.count_by(&log.rows, &per_row), top)
                .into_iter()
                .map(|(value, users)| json!({"value": value.map(|v| values[v as usize].clone()), "users": users}))
                .collect();
            Some(rows)
        }
    };
    let order = match order {
        Order::Ordered => "ordered",
        Order::Strict => "strict",
        Order::Any => "any",
    };
    let out = json!({"file": path, "source": "events", "order": order, "window_ms": window, "users": log.user_count(), "events": log.rows.len(), "steps": rows,
                     "breakdown": breakdown.map(|b| json!({"column": b, "top": top, "values": breakdown_rows})),
                     "time_to_convert": histogram});
    Ok((format!("{}\n", serde_json::to_string_pretty(&out).expect("JSON values serialise")), ExitCode::SUCCESS))
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

/// `favo funnel` over a table of counts: (step, count) or (step, breakdown, count).
fn funnel_counts(path: &str, data: &Dataset, roles: CountRoles, breakdown: Option<usize>, steps: &[String], top: usize) -> Result<String, String> {
    let counted = from_counts(data, roles, breakdown, steps).map_err(|e| format!("{path}: {e}\n"))?;
    let rows: Vec<_> = counted
        .steps
        .iter()
        .zip(funnel::results(&counted.users))
        .map(|(name, r)| {
            json!({"event": name, "users": r.users, "conversion_from_start": r.from_start,
                   "conversion_from_previous": r.from_previous, "dropped": r.dropped})
        })
        .collect();
    let values = breakdown.map(|_| {
        let ranked = funnel::top_n(counted.by.clone(), top);
        ranked.into_iter().map(|(v, users)| json!({"value": v.map(|v| counted.values[v as usize].clone()), "users": users})).collect::<Vec<_>>()
    });
    let column = |i: usize| data.columns[i].name.clone();
    let out = json!({"file": path, "source": "counts", "step_column": column(roles.step), "count_column": column(roles.count), "steps": rows,
                     "breakdown": breakdown.map(|b| json!({"column": column(b), "top": top, "values": values}))});
    Ok(format!("{}\n", serde_json::to_string_pretty(&out).expect("JSON values serialise")))
}

/// `favo trend`: events or users per period.
pub fn trend(path: &str, args: &[&str]) -> Result<(String, ExitCode), String> {
    let (mut interval, mut events, mut unique, mut average, mut running) = (Interval::Day, Vec::new(), false, None, false);
    let (mut from, mut to, mut compare) = (None, None, false);
    // A date alone means the whole day: --to 2024-03-31 includes that day.
    let date = |text: &str, end_of_day: bool| {
        let ms = parse_datetime(text, DateFormat::Iso).ok_or(format!("{text} is not a date (yyyy-mm-dd[Thh:mm])"))?;
        Ok::<i64, String>(if end_of_day && text.trim().len() == 10 { ms + 86_400_000 - 1 } else { ms })
    };
    let (mut user, mut event, mut time, mut breakdown, mut top) = (None, None, None, None, 5usize);
    let mut args = args.iter();
    while let Some(&arg) = args.next() {
        let mut value = || args.next().copied().ok_or(format!("{arg} needs a value"));
        match arg {
            "--interval" => interval = Interval::from_key(value()?).ok_or("--interval is hour, day, week or month")?,
            "--events" => events = value()?.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            "--unique" => unique = true,
            "--moving-average" => average = Some(value()?.parse::<usize>().ok().filter(|n| *n > 0).ok_or("--moving-average needs a number of periods")?),
            "--cumulative" => running = true,
            "--from" => from = Some(date(value()?, false)?),
            "--to" => to = Some(date(value()?, true)?),
            "--compare" => compare = true,
            "--user" => user = Some(value()?),
            "--event" => event = Some(value()?),
            "--time" => time = Some(value()?),
            "--breakdown" => breakdown = Some(value()?),
            "--top" => top = value()?.parse::<usize>().ok().filter(|n| *n > 0).ok_or("--top needs a number")?,
            _ => return Err(format!("unknown argument to trend: {arg}")),
        }
    }
    let data = match read_data(path) {
        Ok(data) => data,
        Err(message) => return Ok((message, ExitCode::FAILURE)),
    };
    let log = match event_log(path, &data, user, event, time) {
        Ok(log) => log,
        Err(message) => return Ok((message, ExitCode::FAILURE)),
    };
    let names: Vec<u32> = events.iter().map(|e| log.name_id(e).unwrap_or(u32::MAX)).collect();
    // The whole log unless a range is given; a comparison needs a range, so it takes the log's.
    let range = (from.is_some() || to.is_some() || compare).then(|| {
        let times = || log.rows.iter().map(|(_, e)| e.time);
        (from.or_else(|| times().min()).unwrap_or(0), to.or_else(|| times().max()).unwrap_or(0))
    });
    let counted = match range {
        None => trend::count(&log.rows, &names, interval, unique).map(|t| (t, None)),
        Some(r) if compare => trend::compare(&log.rows, &names, interval, unique, r).map(|(t, p)| (t, Some(p))),
        Some(r) => trend::count_between(&log.rows, &names, interval, unique, r).map(|t| (t, None)),
    };
    let (t, previous) = match counted {
        Ok(t) => t,
        Err(e) => return Ok((format!("{path}: {e}\n"), ExitCode::FAILURE)),
    };
    let total = |values: &[f64]| if running { trend::cumulative(values) } else { values.to_vec() };
    let values = total(&t.values);
    let previous = previous.map(|p| total(&p.values));
    let averaged = average.map(|n| trend::moving_average(&values, n));
    let points: Vec<_> = t
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            json!({"period": format_iso(*p), "value": values[i], "moving_average": averaged.as_ref().map(|a| a[i]),
                   "previous": previous.as_ref().map(|prev| prev[i])})
        })
        .collect();
    // One series per value of the breakdown column, over the same periods.
    let series = match breakdown {
        None => None,
        Some(name) => {
            let column = match column_of(path, &data.headers(), Some(name), None, "breakdown") {
                Ok(c) => c,
                Err(message) => return Ok((message, ExitCode::FAILURE)),
            };
            let (values, per_row) = log.values_of(&data, column);
            let span = range.or_else(|| Some((*t.periods.first()?, interval.next(*t.periods.last()?) - 1)));
            let by = match span.map(|r| breakdown::count_by(&log.rows, &per_row, &names, interval, unique, top, r)).transpose() {
                Ok(by) => by.unwrap_or_default(),
                Err(e) => return Ok((format!("{path}: {e}\n"), ExitCode::FAILURE)),
            };
            let series: Vec<_> = by
                .into_iter()
                .map(|s| json!({"value": s.value.map(|v| values[v as usize].clone()), "values": total(&s.trend.values)}))
                .collect();
            Some(json!({"column": name, "top": top, "series": series}))
        }
    };
    let out = json!({"file": path, "interval": format!("{interval:?}").to_lowercase(), "unique_users": unique, "cumulative": running,
                     "events": events, "last_period_incomplete": t.last_incomplete, "points": points, "breakdown": series});
    Ok((format!("{}\n", serde_json::to_string_pretty(&out).expect("JSON values serialise")), ExitCode::SUCCESS))
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
