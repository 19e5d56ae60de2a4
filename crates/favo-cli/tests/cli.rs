//! The built `favo` binary, run as a user would run it: exit codes and output.

use std::process::Command;

fn favo(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_favo")).args(args).output().expect("favo runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn fixture() -> String {
    format!("{}/../favo-core/tests/fixtures/map-v1.json", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn favo_check_exits_0_on_a_good_map_and_1_on_a_truncated_one() {
    let (code, out) = favo(&["check", &fixture()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ok: \"Onboarding workshop\""), "{out}");

    let text = std::fs::read_to_string(fixture()).unwrap();
    let cut = std::env::temp_dir().join(format!("favo-cut-{}.json", std::process::id()));
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let (code, out) = favo(&["check", cut.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("error: the file ends too early (line "), "{out}");
}

#[test]
fn favo_version_prints_and_exits_0() {
    let (code, out) = favo(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("favo "));
}
