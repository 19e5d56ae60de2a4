//! The built `favo` binary, run as a user would run it: exit codes and output.

use std::process::Command;

/// Exit code, standard output, standard error.
fn favo(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_favo")).args(args).output().expect("favo runs");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn fixture() -> String {
    format!("{}/../favo-core/tests/fixtures/map-v1.json", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn favo_check_exits_0_on_a_good_map_and_1_on_a_truncated_one() {
    let (code, out, _) = favo(&["check", &fixture()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ok: \"Onboarding workshop\""), "{out}");

    let text = std::fs::read_to_string(fixture()).unwrap();
    let cut = std::env::temp_dir().join(format!("favo-cut-{}.json", std::process::id()));
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let (code, out, err) = favo(&["check", cut.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "errors never go to standard output: {out}");
    assert!(err.contains("error: the file ends too early (line "), "{err}");
}

#[test]
fn favo_version_prints_and_exits_0() {
    let (code, out, _) = favo(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("favo "));
}

#[test]
fn data_errors_go_to_standard_error_with_exit_code_1() {
    let path = std::env::temp_dir().join(format!("favo-bad-{}.csv", std::process::id()));
    std::fs::write(&path, "a,b\n1,\"never closed\n2,3\n").unwrap();
    let (code, out, err) = favo(&["funnel", path.to_str().unwrap(), "--steps", "x,y"]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(err.ends_with("line 2, column 2: unterminated quote (a field opens a quote that never closes)\n"), "{err}");
    let (code, _, err) = favo(&["trend", path.to_str().unwrap(), "--interval", "year"]);
    assert_eq!(code, 2);
    assert!(err.contains("--interval is hour, day, week or month") && err.contains("usage: favo"), "{err}");
}

/// A file of this test run's own, so that tests running at once do not share one.
fn temp(name: &str, content: &str) -> String {
    let path = std::env::temp_dir().join(format!("favo-render-{}-{name}", std::process::id()));
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

/// Three users: all visit, two sign up, one buys; over 1 to 4 March.
const LOG: &str = "user,event,time
u1,visit,2024-03-01T10:00:00Z
u1,signup,2024-03-01T11:00:00Z
u1,buy,2024-03-02T09:00:00Z
u2,visit,2024-03-01T12:00:00Z
u2,signup,2024-03-03T12:00:00Z
u3,visit,2024-03-04T08:00:00Z
";

/// The texts of an SVG in drawing order, with their x, read by hand (this crate does not
/// parse XML); also checks that the document is one closed `<svg>` of well-paired texts.
fn svg_texts(svg: &str) -> Vec<(f64, String)> {
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"), "one svg element: {svg}");
    assert_eq!(svg.matches("<text ").count(), svg.matches("</text>").count(), "texts are closed");
    svg.split("<text ")
        .skip(1)
        .map(|t| {
            let x = t["x=\"".len()..].split('"').next().unwrap().parse().unwrap();
            (x, t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].trim().to_string())
        })
        .collect()
}

fn x_of(texts: &[(f64, String)], text: &str) -> f64 {
    texts.iter().find(|(_, t)| t == text).unwrap_or_else(|| panic!("{text} in {texts:?}")).0
}

#[test]
fn render_funnel_draws_the_steps_in_the_order_given_with_users_and_conversion() {
    let log = temp("log.csv", LOG);
    // Not in order of size: "buy" first would have 2 users, but the funnel is as asked.
    let (code, svg, err) = favo(&["render", "funnel", &log, "--steps", "visit,signup,buy"]);
    assert_eq!(code, 0, "{err}");
    assert!(svg.starts_with("<svg width=\"800\" height=\"400\""), "the default size");
    let texts = svg_texts(&svg);
    let (visit, signup, buy) = (x_of(&texts, "visit"), x_of(&texts, "signup"), x_of(&texts, "buy"));
    assert!(visit < signup && signup < buy, "steps left to right as given");
    assert_eq!(x_of(&texts, "66.7%"), signup, "2 of 3 users under signup");
    assert_eq!(x_of(&texts, "33.3%"), buy);
    let (_, previous, _) = favo(&["render", "funnel", &log, "--steps", "visit,signup,buy", "--base", "previous", "--lang", "it"]);
    let texts = svg_texts(&previous);
    assert_eq!(x_of(&texts, "50,0%"), x_of(&texts, "buy"), "1 of signup's 2, in Italian");
    assert!(texts.iter().any(|(_, t)| t == "Utenti"));

    let out = std::env::temp_dir().join(format!("favo-render-{}-funnel.svg", std::process::id()));
    let (code, said, _) = favo(&["render", "funnel", &log, "--steps", "visit,signup,buy", "--width", "500", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(said.ends_with(" bytes)\n") && said.contains("wrote the funnel as SVG"), "{said}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("<svg width=\"500\" height=\"400\""));
    assert_eq!(svg_texts(&written).iter().filter(|(_, t)| ["visit", "signup", "buy"].contains(&t.as_str())).count(), 3);
}

#[test]
fn render_funnel_with_a_histogram_draws_the_time_to_convert_under_it() {
    let log = temp("hist.csv", LOG);
    let (code, svg, err) = favo(&["render", "funnel", &log, "--steps", "visit,signup", "--histogram", "1,2"]);
    assert_eq!(code, 0, "{err}");
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|(_, t)| t.starts_with("Time from step 1")), "{texts:?}");
    assert!(texts.iter().any(|(_, t)| t == "1 h"), "u1 took an hour: {texts:?}");
}

#[test]
fn render_trend_draws_a_line_over_the_days_and_render_map_is_export_svg() {
    let log = temp("trend.csv", LOG);
    let (code, svg, err) = favo(&["render", "trend", &log, "--lang", "it"]);
    assert_eq!(code, 0, "{err}");
    let texts = svg_texts(&svg);
    let days: Vec<f64> = ["1 mar", "2 mar", "3 mar", "4 mar"].iter().map(|d| x_of(&texts, d)).collect();
    assert!(days.windows(2).all(|w| w[0] < w[1]), "{days:?}");
    assert!(texts.iter().any(|(_, t)| t == "Tutti gli eventi"));
    assert!(svg.matches("<polyline").count() > 4, "axes and a line");
    let (_, two, _) = favo(&["render", "trend", &log, "--events", "visit,buy"]);
    let texts = svg_texts(&two);
    assert!(texts.iter().any(|(_, t)| t == "visit") && texts.iter().any(|(_, t)| t == "buy"), "a series per event in the legend");

    let (code, map, _) = favo(&["render", "map", &fixture()]);
    assert_eq!(code, 0);
    assert_eq!(map, favo(&["export", "svg", &fixture()]).1);
}

#[test]
fn render_refuses_bad_arguments_with_the_usage_and_bad_data_with_exit_code_1() {
    let log = temp("bad-args.csv", LOG);
    for args in [
        vec!["render"],
        vec!["render", "pie", &log],
        vec!["render", "funnel", &log, "--steps", "visit", "--width", "0"],
        vec!["render", "funnel", &log, "--steps", "visit", "--base", "first"],
        vec!["render", "trend", &log, "--lang", "de"],
        vec!["render", "funnel", &log],
    ] {
        let (code, out, err) = favo(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty() && err.contains("usage: favo"), "{args:?}: {err}");
    }
    let (code, out, err) = favo(&["render", "trend", "/nonexistent/log.csv"]);
    assert_eq!(code, 1);
    assert!(out.is_empty() && err.contains("cannot read"), "{err}");
}
