//! `favo`: the command-line tool on the same core as the web app.
//!
//! It checks map files (`favo check MAP.json`, or an exported PNG or SVG with the map inside),
//! exports a map as SVG (`favo export svg`), writes synthetic event logs (`favo generate`),
//! answers funnels and trends over data files as JSON and draws them as SVG (`favo render`). Arguments are few and fixed, so they are parsed by hand
//! rather than with a parser crate that would outweigh them.

use std::io::Write;
use std::process::ExitCode;

use favo_core::format::CURRENT_VERSION;

mod data;
mod maps;
mod render;

use data::{funnel, generate, inspect, trend};
use maps::{check, export_svg, sample};
use render::render;

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
                   --histogram A,B buckets the time from step A to step B.
                   Over a table already counted — (step, count) or (step, COL,
                   count) — the users of each step are the sums of its counts
                   (columns guessed by name, or --step COL --count COL)
  trend FILE [--interval hour|day|week|month] [--events a,b] [--unique]
             [--moving-average N] [--cumulative] [--from DATE] [--to DATE] [--compare]
             [--breakdown COL [--top 5]] [--user COL --event COL --time COL]
                   events (or distinct users) per period, every period from the
                   first event to the last (or --from/--to); the last one is flagged
                   when the data stops part way through it; --compare adds the same
                   number of periods just before, period by period; --breakdown adds
                   a series per value of COL (the top N by events, then the rest).
                   With two or more --events, each event is a series of its own and
                   the points count them together (with --unique, a user who did two
                   of them in a period counts once)
  render funnel FILE --steps a,b,c [funnel options] [--base start|previous]
         [--width 800] [--height 400] [--lang en|it] [-o OUT.svg]
                   draw the funnel as the app does, as SVG: a bar per step in the
                   order given, with users, conversion (from step 1, or with --base
                   previous from the previous step) and the users lost; a bar per
                   value with --breakdown; with --histogram A,B the time to convert
                   is drawn under it (to standard output without -o)
  render trend FILE [trend options] [--width 800] [--height 400] [--lang en|it] [-o OUT.svg]
                   draw the trend as SVG: a line per series, the moving average, the
                   previous periods dashed, the last period dashed when incomplete
  render map MAP [--lang en|it] [-o OUT.svg]
                   the same as export svg
  sample [--lang en|it] [-o OUT.json]
                   write the app's sample map as a map file (to start from, or to
                   embed with <favo-map>)
  --version        print the version
  --help           print this help";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, code) = run(&args);
    // Results on standard output; errors and usage on standard error, so that a pipe into
    // `jq` never reads an error as data.
    let _ = if code == ExitCode::SUCCESS { std::io::stdout().write_all(out.as_bytes()) } else { std::io::stderr().write_all(out.as_bytes()) };
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
        ["sample", rest @ ..] => sample(rest).unwrap_or_else(|usage| (format!("favo: {usage}\n\n{USAGE}\n"), ExitCode::from(2))),
        ["render", rest @ ..] => render(rest).unwrap_or_else(|usage| (format!("favo: {usage}\n\n{USAGE}\n"), ExitCode::from(2))),
        _ => (format!("favo: unknown arguments: {}\n\n{USAGE}\n", args.join(" ")), ExitCode::from(2)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use favo_core::export::{self, svg};
    use favo_core::{format, Lang};

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
    fn sample_writes_the_app_s_sample_map_in_the_language_asked() {
        let (out, code) = run_with(&["sample", "--lang", "it"]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert_eq!(format::load(out.as_bytes()).unwrap().journey, favo_core::sample::journey(Lang::It));
        assert_eq!(run_with(&["sample", "--lang", "fr"]).1, ExitCode::from(2));
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

    #[test]
    fn funnel_reads_a_counted_table_and_trend_breaks_down_by_a_column() {
        let dir = std::env::temp_dir().join(format!("favo-cli-counts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let counts = dir.join("counts.csv").to_string_lossy().into_owned();
        std::fs::write(&counts, "fase;canale;utenti;tasso\nvisita;social;1.200;0,5\nvisita;email;800;1\nacquisto;social;30;2,5\n").unwrap();
        let (out, code) = run_with(&["funnel", &counts, "--breakdown", "canale"]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["source"], "counts");
        assert_eq!(v["steps"][0]["users"], 2000);
        assert_eq!(v["steps"][1]["users"], 30);
        assert_eq!(v["breakdown"]["values"][0]["value"], "social");
        assert_eq!(v["breakdown"]["values"][0]["users"], serde_json::json!([1200, 30]));
        std::fs::write(&counts, "step,count\na,10\nb,-1\n").unwrap();
        let (out, code) = run_with(&["funnel", &counts]);
        assert_eq!(code, ExitCode::FAILURE);
        assert!(out.contains("step \"b\" has the count -1"), "{out}");

        let log = dir.join("log.csv").to_string_lossy().into_owned();
        run_with(&["generate", "--rows", "3000", "-o", &log]);
        let (out, code) = run_with(&["trend", &log, "--interval", "week", "--breakdown", "channel", "--top", "2"]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let series = v["breakdown"]["series"].as_array().unwrap();
        assert_eq!(series.len(), 3, "two channels and the rest");
        assert!(series[2]["value"].is_null());
        for (i, point) in v["points"].as_array().unwrap().iter().enumerate() {
            let sum: f64 = series.iter().map(|s| s["values"][i].as_f64().unwrap()).sum();
            assert_eq!(sum, point["value"].as_f64().unwrap(), "the series add up to the total in week {i}");
        }
    }
}
