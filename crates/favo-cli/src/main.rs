//! `favo`: the command-line tool on the same core as the web app.
//!
//! For now it checks map files (`favo check MAP.json`); the analytics and render commands of
//! later issues grow here. Arguments are few and fixed, so they are parsed by hand rather
//! than with a parser crate that would outweigh them.

use std::io::Write;
use std::process::ExitCode;

use favo_core::format::{self, CURRENT_VERSION};
use favo_core::Lang;

const USAGE: &str = "\
usage: favo <command>

commands:
  check MAP.json   load a map file, upgrade it if it is older, and report what is in it
                   or what is wrong (exit code 1 on error)
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
        _ => (format!("favo: unknown arguments: {}\n\n{USAGE}\n", args.join(" ")), ExitCode::from(2)),
    }
}

fn check(path: &str) -> (String, ExitCode) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return (format!("{path}: cannot read: {e}\n"), ExitCode::FAILURE),
    };
    let loaded = match format::load(&bytes) {
        Ok(l) => l,
        Err(e) => return (format!("{path}: error: {e}\n"), ExitCode::FAILURE),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run_with(args: &[&str]) -> (String, ExitCode) {
        run(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    fn temp_file(name: &str, content: &str) -> String {
        let dir = std::env::temp_dir().join(format!("favo-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_string_lossy().into_owned()
    }

    #[test]
    fn version_names_the_format_it_reads() {
        let (out, code) = run_with(&["--version"]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert_eq!(out, format!("favo {} (map format {CURRENT_VERSION})\n", env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn check_summarises_a_good_map() {
        let j = favo_core::sample::journey(Lang::En);
        let path = temp_file("good.json", &format::to_json(&j, true));
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
}
