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
