//! `favo`: the command-line tool on the same core as the web app.
//!
//! It checks map files (`favo check MAP.json`, or an exported PNG or SVG with the map inside),
//! exports a map as SVG (`favo export svg`) and writes synthetic event logs (`favo generate`);
//! the analytics commands grow here. Arguments are few and fixed, so they are parsed by hand
//! rather than with a parser crate that would outweigh them.

use std::io::Write;
use std::process::ExitCode;

use favo_core::export::{self, svg};
use favo_core::format::{self, Loaded, CURRENT_VERSION};
use favo_core::funnel::{self, Funnel, Order};
use favo_core::ingest::events::{guess_roles, EventLog, Roles};
use favo_core::ingest::infer::Kind;
use favo_core::ingest::value::{parse_datetime, DateFormat};
use favo_core::ingest::{self, raw::BadRows};
use favo_core::trend::{self, Interval};
use favo_core::{synth, Lang};
use serde_json::json;

const USAGE: &str = "\
usage: favo <command>

commands:
  check MAP        load a map (a .json map file, or a PNG or SVG exported by Favo),
                   upgrade it if it is older, and report what is in it or what is
                   wrong (exit code 1 on error)
  export svg MAP [-o OUT.svg] [--lang en|it]
                   draw the whole map as SVG, with the map inside so that dropping
                   the SVG on Favo opens it again (to standard output without -o)
  generate [--rows N] [--seed S] [--italian] [-o OUT.csv]
                   write a synthetic event log (users walking the seven phases'
                   events with drop-off, channels, segments, revenue); the same
                   arguments always give the same bytes. --italian writes what an
                   Italian Excel export looks like (; decimal comma dd/mm/yyyy
                   Windows-1252). Defaults: 100000 rows, seed 1, standard output
  inspect FILE     read a CSV/TSV or JSON file and print, as JSON, what was detected:
                   encoding, delimiter, header, number and date formats, each
                   column's type and role, and the first rows
  funnel FILE --steps a,b,c [--order ordered|strict|any] [--window 14d]
             [--breakdown COL [--top 5]] [--histogram 1,3] [--user COL --event COL --time COL]
             [--format json|table]
                   users reaching each step of a funnel over an event log (a step
                   counts within the window from the attempt's first step;
                   windows: 90s 30m 12h 7d 2w 3mo); --breakdown splits them by the
                   value on their first step (top N, then the rest as null);
                   each step has the median and mean time from the previous one, and
                   --histogram A,B buckets the time from step A to step B
  trend FILE [--interval hour|day|week|month] [--events a,b] [--unique]
             [--moving-average N] [--cumulative] [--from DATE] [--to DATE] [--compare]
             [--user COL --event COL --time COL]
                   events (or distinct users) per period, every period from the
                   first event to the last (or --from/--to); the last one is flagged
                   when the data stops part way through it; --compare adds the same
                   number of periods just before, period by period
  --version        print the version
  --help           print this help";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, code) = run(&args);
    let _ = std::io::stdout().write_all(out.as_bytes());
    code
}

/// Runs the command, returning what to print and the exit code (so tests need no process).
fn run(args: &[String]) -> (String, ExitCode) {
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--version" | "-V"] => (format!("favo {} (map format {CURRENT_VERSION})\n", env!("CARGO_PKG_VERSION")), ExitCode::SUCCESS),
        ["--help" | "-h"] | [] => (format!("{USAGE}\n"), ExitCode::SUCCESS),
        ["check", path] => check(path),
        ["inspect", path] => inspect(path),
        ["funnel", path, rest @ ..] => funnel(path, rest).unwrap_or_else(|usage| (format!("favo: {usage}\n\n{USAGE}\n"), ExitCode::from(2))),
        ["trend", path, rest @ ..] => trend(path, rest).unwrap_or_else(|usage| (format!("favo: {usage}\n\n{USAGE}\n"), ExitCode::from(2))),
        ["generate", rest @ ..] => generate(rest).unwrap_or_else(|usage| (format!("favo: {usage}\n\n{USAGE}\n"), ExitCode::from(2))),
        ["export", "svg", rest @ ..] => export_svg(rest).unwrap_or_else(|usage| (format!("favo: {usage}\n\n{USAGE}\n"), ExitCode::from(2))),
        _ => (format!("favo: unknown arguments: {}\n\n{USAGE}\n", args.join(" ")), ExitCode::from(2)),
    }
}

/// Loads a map file, or the map inside an exported PNG or SVG; the error is the line to print.
fn open(path: &str) -> Result<Loaded, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}\n"))?;
    let loaded = if export::is_png(&bytes) || export::is_svg(&bytes) {
        export::read_image(&bytes).map_err(|e| e.to_string())
    } else {
        format::load(&bytes).map_err(|e| e.to_string())
    };
    loaded.map_err(|e| format!("{path}: error: {e}\n"))
}

fn check(path: &str) -> (String, ExitCode) {
    let loaded = match open(path) {
        Ok(l) => l,
        Err(message) => return (message, ExitCode::FAILURE),
    };
    let j = &loaded.journey;
    let mut out = String::new();
    let upgraded = if loaded.version < CURRENT_VERSION {
        format!(", upgraded from version {}", loaded.version)
    } else {
        String::new()
    };
    out += &format!("{path}: ok: \"{}\", format version {CURRENT_VERSION}{upgraded}\n", j.title);
    out += &format!("  {} cells, {} phases\n", j.len(), j.phases().len());
    for phase in j.phases() {
        let n = j.activities().filter(|a| a.phase == Some(phase.id)).count();
        out += &format!("  {:<20} {n}\n", phase.name(Lang::En));
    }
    let none = j.activities().filter(|a| a.phase.is_none()).count();
    out += &format!("  {:<20} {none}\n", "(no phase)");
    for w in &loaded.warnings {
        out += &format!("{path}: warning: {w}\n");
    }
    (out, ExitCode::SUCCESS)
}

/// `export svg MAP [-o OUT] [--lang en|it]`; `Err` is a usage problem (exit code 2).
fn export_svg(args: &[&str]) -> Result<(String, ExitCode), String> {
    let (mut path, mut output, mut lang) = (None, None, Lang::En);
    let mut args = args.iter();
    while let Some(&arg) = args.next() {
        match arg {
            "-o" | "--output" => output = Some(*args.next().ok_or("-o needs a file name")?),
            "--lang" => {
                lang = match args.next() {
                    Some(&"en") => Lang::En,
                    Some(&"it") => Lang::It,
                    _ => return Err("--lang is en or it".into()),
                }
            }
            _ if path.is_none() && !arg.starts_with('-') => path = Some(arg),
            _ => return Err(format!("unknown argument to export svg: {arg}")),
        }
    }
    let path = path.ok_or("export svg needs a map file")?;
    let loaded = match open(path) {
        Ok(l) => l,
        Err(message) => return Ok((message, ExitCode::FAILURE)),
    };
    let out = svg::map_svg(&loaded.journey, lang);
    let Some(target) = output else { return Ok((out, ExitCode::SUCCESS)) };
    Ok(match std::fs::write(target, &out) {
        Ok(()) => (format!("{target}: wrote {} cells as SVG ({} bytes)\n", loaded.journey.len(), out.len()), ExitCode::SUCCESS),
        Err(e) => (format!("{target}: cannot write: {e}\n"), ExitCode::FAILURE),
    })
}

/// Reads a data file into a table, or the error line to print.
fn read_data(path: &str) -> Result<ingest::Table, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}\n"))?;
    ingest::read_table(&bytes, BadRows::Skip).map_err(|e| format!("{path}: {e}\n"))
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
fn inspect(path: &str) -> (String, ExitCode) {
    let table = match read_data(path) {
        Ok(t) => t,
        Err(message) => return (message, ExitCode::FAILURE),
    };
    let kinds: Vec<Kind> = table.columns.iter().map(|c| c.kind).collect();
    let roles = guess_roles(table.raw.headers(), &kinds);
    let role_of = |i: usize| match roles {
        Some(r) if r.user == i => "user",
        Some(r) if r.event == i => "event",
        Some(r) if r.time == i => "time",
        _ => "property",
    };
    let columns: Vec<_> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({"name": table.raw.headers()[i], "type": kind_name(c.kind), "role": role_of(i),
                   "non_empty": c.non_empty, "ambiguous": c.ambiguous})
        })
        .collect();
    let preview: Vec<Vec<&str>> = (0..table.raw.len().min(5)).map(|r| table.raw.row(r).collect()).collect();
    let out = json!({
        "file": path,
        "encoding": table.decoded.encoding.name(),
        "encoding_from": format!("{:?}", table.decoded.source),
        "delimiter": table.sniff.as_ref().map(|s| (s.dialect.delimiter as char).to_string()),
        "header": table.sniff.as_ref().is_none_or(|s| s.dialect.has_header),
        "rows": table.raw.len(),
        "skipped": table.raw.skipped().count,
        "decimal": table.format.number.decimal.to_string(),
        "thousands": table.format.number.thousands.map(|c| c.to_string()),
        "dates": table.format.date.map(|d| d.to_string()),
        "columns": columns,
        "preview": preview,
    });
    (format!("{}\n", serde_json::to_string_pretty(&out).expect("JSON values serialise")), ExitCode::SUCCESS)
}

/// `favo funnel`: users at each step.
fn funnel(path: &str, args: &[&str]) -> Result<(String, ExitCode), String> {
    let (mut steps, mut order, mut window, mut table_out) = (Vec::new(), Order::Ordered, funnel::DEFAULT_WINDOW, false);
    let (mut user, mut event, mut time, mut breakdown, mut top, mut histogram) = (None, None, None, None, 5usize, None);
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
            _ => return Err(format!("unknown argument to funnel: {arg}")),
        }
    }
    if steps.is_empty() {
        return Err("funnel needs --steps a,b,c".into());
    }
    let (table, log) = match load_log(path, user, event, time) {
        Ok(loaded) => loaded,
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
            let Some(column) = table.raw.headers().iter().position(|h| h == name) else {
                return Ok((format!("{path}: no column \"{name}\" to break down by\n"), ExitCode::FAILURE));
            };
            let (values, per_row) = log.property(&table.raw, column);
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
    let out = json!({"file": path, "order": order, "window_ms": window, "users": log.users.len(), "events": log.rows.len(), "steps": rows,
                     "breakdown": breakdown.map(|b| json!({"column": b, "top": top, "values": breakdown_rows})),
                     "time_to_convert": histogram});
    Ok((format!("{}\n", serde_json::to_string_pretty(&out).expect("JSON values serialise")), ExitCode::SUCCESS))
}

/// Reads an event log: the user, event and time columns as named, or guessed.
fn load_log(path: &str, user: Option<&str>, event: Option<&str>, time: Option<&str>) -> Result<(ingest::Table, EventLog), String> {
    let table = read_data(path)?;
    let headers = table.raw.headers();
    let kinds: Vec<Kind> = table.columns.iter().map(|c| c.kind).collect();
    let column = |name: Option<&str>, guessed: Option<usize>, role: &str| -> Result<usize, String> {
        match name {
            Some(n) => headers.iter().position(|h| h == n).ok_or(format!("{path}: no column \"{n}\" (the columns are {})\n", headers.join(", "))),
            None => guessed.ok_or(format!("{path}: which column is the {role}? Name it with --{role} COL\n")),
        }
    };
    let guessed = guess_roles(headers, &kinds);
    let roles = Roles {
        user: column(user, guessed.map(|r| r.user), "user")?,
        event: column(event, guessed.map(|r| r.event), "event")?,
        time: column(time, guessed.map(|r| r.time), "time")?,
    };
    let (log, errors) = EventLog::build(&table.raw, roles, kinds[roles.time]);
    match errors.first() {
        Some(first) => Err(format!("{path}: {first} ({} such rows)\n", errors.len())),
        None => Ok((table, log)),
    }
}

/// `favo trend`: events or users per period.
fn trend(path: &str, args: &[&str]) -> Result<(String, ExitCode), String> {
    let (mut interval, mut events, mut unique, mut average, mut running) = (Interval::Day, Vec::new(), false, None, false);
    let (mut from, mut to, mut compare) = (None, None, false);
    // A date alone means the whole day: --to 2024-03-31 includes that day.
    let date = |text: &str, end_of_day: bool| {
        let ms = parse_datetime(text, DateFormat::Iso).ok_or(format!("{text} is not a date (yyyy-mm-dd[Thh:mm])"))?;
        Ok::<i64, String>(if end_of_day && text.trim().len() == 10 { ms + 86_400_000 - 1 } else { ms })
    };
    let (mut user, mut event, mut time) = (None, None, None);
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
            _ => return Err(format!("unknown argument to trend: {arg}")),
        }
    }
    let log = match load_log(path, user, event, time) {
        Ok((_, log)) => log,
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
    let iso = |ms: i64| {
        let (y, m, d) = favo_core::ingest::value::civil_from_days(ms.div_euclid(86_400_000));
        let h = ms.rem_euclid(86_400_000) / 3_600_000;
        format!("{y:04}-{m:02}-{d:02}T{h:02}:00:00Z")
    };
    let points: Vec<_> = t
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            json!({"period": iso(*p), "value": values[i], "moving_average": averaged.as_ref().map(|a| a[i]),
                   "previous": previous.as_ref().map(|prev| prev[i])})
        })
        .collect();
    let out = json!({"file": path, "interval": format!("{interval:?}").to_lowercase(), "unique_users": unique, "cumulative": running,
                     "events": events, "last_period_incomplete": t.last_incomplete, "points": points});
    Ok((format!("{}\n", serde_json::to_string_pretty(&out).expect("JSON values serialise")), ExitCode::SUCCESS))
}

/// `favo generate`: the synthetic log, streamed to a file or standard output.
fn generate(args: &[&str]) -> Result<(String, ExitCode), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run_with(args: &[&str]) -> (String, ExitCode) {
        run(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    fn temp_file(name: &str, content: impl AsRef<[u8]>) -> String {
        let dir = std::env::temp_dir().join(format!("favo-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// A valid 1×1 grey PNG, as a browser's canvas might give (IHDR, IDAT, IEND).
    const TINY_PNG: [u8; 67] = [
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00, 0x00, 0x00,
        0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81, 0x77, 0xcd, 0x72,
        0xb6, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn version_names_the_format_it_reads() {
        let (out, code) = run_with(&["--version"]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert_eq!(out, format!("favo {} (map format {CURRENT_VERSION})\n", env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn check_summarises_a_good_map() {
        let j = favo_core::sample::journey(Lang::En);
        let path = temp_file("good.json", format::to_json(&j, true));
        let (out, code) = run_with(&["check", &path]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(out.contains(&format!(": ok: \"Sample journey\", format version {CURRENT_VERSION}\n")), "{out}");
        assert!(out.contains(&format!("  {} cells, 7 phases\n", j.len())), "{out}");
        assert!(out.contains("  (no phase)           1\n"), "{out}");
    }

    #[test]
    fn check_reports_warnings_with_their_line() {
        let path = temp_file("warn.json", "{\"format\":\"favo-map\",\"version\":1,\n\"cells\":[\n{\"id\":1,\"q\":0}\n]}");
        let (out, code) = run_with(&["check", &path]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(out.contains("warning: line 3, cells[0]: missing field `r`; cell dropped"), "{out}");
    }

    #[test]
    fn check_fails_with_the_position_of_a_syntax_error() {
        let path = temp_file("bad.json", "{\"format\": \"favo-map\",\n  \"version\": 1\n  \"cells\": []}");
        let (out, code) = run_with(&["check", &path]);
        assert_eq!(code, ExitCode::FAILURE);
        assert!(out.ends_with("error: not a Favo map: line 3, column 3: expected `,` or `}`\n"), "{out}");
    }

    #[test]
    fn check_fails_on_a_missing_file_and_unknown_arguments() {
        assert_eq!(run_with(&["check", "/nonexistent/map.json"]).1, ExitCode::FAILURE);
        assert_eq!(run_with(&["frobnicate"]).1, ExitCode::from(2));
    }

    #[test]
    fn export_svg_prints_the_map_or_writes_it_and_check_reads_it_back() {
        let j = favo_core::sample::journey(Lang::It);
        let map = temp_file("export.json", format::to_json(&j, true));
        let (out, code) = run_with(&["export", "svg", &map, "--lang", "it"]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(out.starts_with("<?xml") && out.ends_with("</svg>\n"), "{out}");
        assert_eq!(out, svg::map_svg(&j, Lang::It));
        let target = temp_file("export.svg", "");
        let (said, code) = run_with(&["export", "svg", &map, "-o", &target]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(said.starts_with(&format!("{target}: wrote {} cells as SVG (", j.len())), "{said}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), svg::map_svg(&j, Lang::En));
        let (out, code) = run_with(&["check", &target]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(out.contains(&format!(": ok: \"Percorso d'esempio\", format version {CURRENT_VERSION}\n")), "{out}");
        assert!(out.contains(&format!("  {} cells, 7 phases\n", j.len())), "{out}");
    }

    #[test]
    fn export_svg_refuses_bad_arguments_and_bad_maps() {
        assert_eq!(run_with(&["export", "svg"]).1, ExitCode::from(2));
        assert_eq!(run_with(&["export", "svg", "a.json", "-o"]).1, ExitCode::from(2));
        assert_eq!(run_with(&["export", "svg", "a.json", "--lang", "de"]).1, ExitCode::from(2));
        assert_eq!(run_with(&["export", "pdf", "a.json"]).1, ExitCode::from(2));
        let bad = temp_file("export-bad.json", "{\"format\": \"favo-map\"");
        let (out, code) = run_with(&["export", "svg", &bad]);
        assert_eq!(code, ExitCode::FAILURE);
        assert!(out.contains("error: the file ends too early"), "{out}");
    }

    #[test]
    fn check_reads_the_map_inside_a_png_and_says_when_there_is_none() {
        let j = favo_core::sample::journey(Lang::En);
        let with_map = export::png::embed(&TINY_PNG, &format::to_json(&j, false)).unwrap();
        let (out, code) = run_with(&["check", &temp_file("map.png", with_map)]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(out.contains(&format!("  {} cells, 7 phases\n", j.len())), "{out}");
        let (out, code) = run_with(&["check", &temp_file("plain.png", TINY_PNG)]);
        assert_eq!(code, ExitCode::FAILURE);
        assert!(out.ends_with(": error: this image has no Favo map inside\n"), "{out}");
    }

    #[test]
    fn generate_writes_the_same_log_for_the_same_seed_and_refuses_bad_numbers() {
        let dir = std::env::temp_dir().join(format!("favo-cli-gen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = |n: &str| dir.join(n).to_string_lossy().into_owned();
        let (a, b, it) = (path("a.csv"), path("b.csv"), path("it.csv"));
        assert_eq!(run_with(&["generate", "--rows", "1_000", "--seed", "9", "-o", &a]).1, ExitCode::SUCCESS);
        assert_eq!(run_with(&["generate", "--seed", "9", "--rows", "1000", "-o", &b]).1, ExitCode::SUCCESS);
        let text = std::fs::read_to_string(&a).unwrap();
        assert_eq!(text, std::fs::read_to_string(&b).unwrap());
        assert_eq!(text.lines().count(), 1001, "a header and the rows");
        assert!(text.starts_with("user_id,event,timestamp,"));
        assert_eq!(run_with(&["generate", "--rows", "1000", "--seed", "9", "--italian", "-o", &it]).1, ExitCode::SUCCESS);
        assert!(std::fs::read(&it).unwrap().starts_with(b"utente;evento;data;canale;segmento;citt\xe0;importo (\x80)\r\n"));
        assert_eq!(run_with(&["generate", "--rows", "many"]).1, ExitCode::from(2));
        assert_eq!(run_with(&["generate", "--colour"]).1, ExitCode::from(2));
    }

    #[test]
    fn inspect_and_funnel_read_an_italian_export_with_no_settings() {
        let dir = std::env::temp_dir().join(format!("favo-cli-fun-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (it, std) = (dir.join("it.csv").to_string_lossy().into_owned(), dir.join("std.csv").to_string_lossy().into_owned());
        run_with(&["generate", "--rows", "4000", "--italian", "-o", &it]);
        run_with(&["generate", "--rows", "4000", "-o", &std]);
        let (out, code) = run_with(&["inspect", &it]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!((v["encoding"].as_str(), v["delimiter"].as_str(), v["decimal"].as_str()), (Some("windows-1252"), Some(";"), Some(",")));
        assert_eq!(v["columns"][5]["name"], "città");
        assert_eq!(v["columns"][0]["role"], "user");
        assert_eq!(v["columns"][2]["role"], "time");
        assert_eq!(v["rows"], 4000);
        let steps = "ad_view,blog_visit,brochure_download";
        let (a, code) = run_with(&["funnel", &it, "--steps", steps, "--window", "7d"]);
        assert_eq!(code, ExitCode::SUCCESS, "{a}");
        let (b, _) = run_with(&["funnel", &std, "--steps", steps, "--window", "7d"]);
        let (a, b): (serde_json::Value, serde_json::Value) = (serde_json::from_str(&a).unwrap(), serde_json::from_str(&b).unwrap());
        assert_eq!(a["steps"], b["steps"], "the same log in either dress gives the same funnel");
        let users: Vec<u64> = a["steps"].as_array().unwrap().iter().map(|s| s["users"].as_u64().unwrap()).collect();
        assert!(users[0] > users[1] && users[1] > users[2] && users[2] > 0, "{users:?}");
        let (table, _) = run_with(&["funnel", &it, "--steps", steps, "--format", "table"]);
        assert!(table.lines().count() == 4 && table.contains("100.0%"), "{table}");
        let (any, _) = run_with(&["funnel", &it, "--steps", "brochure_download,ad_view", "--order", "any"]);
        let (ordered, _) = run_with(&["funnel", &it, "--steps", "brochure_download,ad_view"]);
        let second = |out: &str| serde_json::from_str::<serde_json::Value>(out).unwrap()["steps"][1]["users"].as_u64().unwrap();
        assert!(second(&any) > second(&ordered), "in any order, a download after the ad counts");
        let (out, _) = run_with(&["funnel", &it, "--steps", steps, "--breakdown", "canale", "--top", "3"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let split = v["breakdown"]["values"].as_array().unwrap();
        assert_eq!(split.len(), 4, "three channels and the other two together");
        assert!(split[3]["value"].is_null());
        for k in 0..3 {
            let sum: u64 = split.iter().map(|b| b["users"][k].as_u64().unwrap()).sum();
            assert_eq!(sum, users[k], "step {k}: the breakdown adds up");
        }
        let (out, _) = run_with(&["funnel", &it, "--steps", steps, "--histogram", "1,3"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let bins: u64 = v["time_to_convert"]["bins"].as_array().unwrap().iter().map(|b| b["users"].as_u64().unwrap()).sum();
        assert_eq!(bins, users[2], "everyone who reached step 3 is in the histogram once");
        assert!(v["steps"][0]["median_ms_from_previous"].is_null() && v["steps"][1]["median_ms_from_previous"].as_f64().unwrap() > 0.0);
        assert_eq!(run_with(&["funnel", &it, "--steps", steps, "--histogram", "3,1"]).1, ExitCode::from(2));
        assert_eq!(run_with(&["funnel", &it]).1, ExitCode::from(2), "steps are required");
        assert_eq!(run_with(&["funnel", &it, "--steps", "a", "--window", "7y"]).1, ExitCode::from(2));
        assert_eq!(run_with(&["funnel", &it, "--steps", "a", "--user", "nobody"]).1, ExitCode::FAILURE);
        assert_eq!(run_with(&["inspect", "/nonexistent.csv"]).1, ExitCode::FAILURE);
    }

    #[test]
    fn trend_counts_every_row_once_per_period() {
        let dir = std::env::temp_dir().join(format!("favo-cli-trend-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let it = dir.join("it.csv").to_string_lossy().into_owned();
        run_with(&["generate", "--rows", "3000", "--italian", "-o", &it]);
        let (out, code) = run_with(&["trend", &it, "--interval", "week", "--moving-average", "2"]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let points = v["points"].as_array().unwrap();
        let total: f64 = points.iter().map(|p| p["value"].as_f64().unwrap()).sum();
        assert_eq!(total, 3000.0);
        assert_eq!(points[0]["period"], "2024-01-01T00:00:00Z", "2024 began on a Monday");
        assert!(points[0]["moving_average"].is_null() && points[1]["moving_average"].is_number());
        let (out, _) = run_with(&["trend", &it, "--events", "purchase", "--unique", "--cumulative", "--interval", "month"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let values: Vec<f64> = v["points"].as_array().unwrap().iter().map(|p| p["value"].as_f64().unwrap()).collect();
        assert!(values.windows(2).all(|w| w[1] >= w[0]) && values[0] > 0.0, "{values:?}");
        assert_eq!(run_with(&["trend", &it, "--interval", "year"]).1, ExitCode::from(2));
        // February against January, week by week.
        let (out, code) = run_with(&["trend", &it, "--interval", "week", "--from", "2024-02-05", "--to", "2024-02-25", "--compare"]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let points = v["points"].as_array().unwrap();
        assert_eq!(points.len(), 3);
        assert_eq!(points[0]["period"], "2024-02-05T00:00:00Z");
        assert!(points.iter().all(|p| p["previous"].as_f64().is_some_and(|x| x > 0.0)), "{points:?}");
        assert_eq!(run_with(&["trend", &it, "--from", "5 feb"]).1, ExitCode::from(2));
    }
}
