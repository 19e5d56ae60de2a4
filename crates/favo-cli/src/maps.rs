//! The map commands: `favo check` and `favo export svg`.

use std::process::ExitCode;

use favo_core::export::{self, svg};
use favo_core::format::{self, Loaded, CURRENT_VERSION};
use favo_core::Lang;

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

pub fn check(path: &str) -> (String, ExitCode) {
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
pub fn export_svg(args: &[&str]) -> Result<(String, ExitCode), String> {
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
