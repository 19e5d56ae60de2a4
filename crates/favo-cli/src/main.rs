//! `favo`: the command-line tool on the same core as the web app.
//!
//! It checks map files (`favo check MAP.json`, or an exported PNG or SVG with the map inside)
//! and exports a map as SVG (`favo export svg`); the analytics commands of later issues grow
//! here. Arguments are few and fixed, so they are parsed by hand rather
//! than with a parser crate that would outweigh them.

use std::io::Write;
use std::process::ExitCode;

use favo_core::export::{self, svg};
use favo_core::format::{self, Loaded, CURRENT_VERSION};
use favo_core::Lang;

const USAGE: &str = "\
usage: favo <command>

commands:
  check MAP        load a map (a .json map file, or a PNG or SVG exported by Favo),
                   upgrade it if it is older, and report what is in it or what is
                   wrong (exit code 1 on error)
  export svg MAP [-o OUT.svg] [--lang en|it]
                   draw the whole map as SVG, with the map inside so that dropping
                   the SVG on Favo opens it again (to standard output without -o)
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
}
