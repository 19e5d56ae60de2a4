//! The map commands: `favo check`, `favo export svg` and `favo sample`.

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

/// The `-o FILE` and `--lang en|it` of the map commands, and the arguments left.
fn output_and_lang<'a>(args: &[&'a str]) -> Result<(Option<&'a str>, Lang, Vec<&'a str>), String> {
    let (mut output, mut lang, mut rest) = (None, Lang::En, Vec::new());
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
            _ => rest.push(arg),
        }
    }
    Ok((output, lang, rest))
}

/// `text` to standard output, or written to `output` and said with `wrote`.
fn write_or_print(text: String, output: Option<&str>, wrote: &str) -> (String, ExitCode) {
    let Some(target) = output else { return (text, ExitCode::SUCCESS) };
    match std::fs::write(target, &text) {
        Ok(()) => (format!("{target}: wrote {wrote} ({} bytes)\n", text.len()), ExitCode::SUCCESS),
        Err(e) => (format!("{target}: cannot write: {e}\n"), ExitCode::FAILURE),
    }
}

/// `favo export svg`: the whole map as SVG, with the map inside.
pub fn export_svg(args: &[&str]) -> Result<(String, ExitCode), String> {
    let (output, lang, rest) = output_and_lang(args)?;
    let path = match rest.as_slice() {
        [path] if !path.starts_with('-') => *path,
        [] => return Err("export svg needs a map file".into()),
        [.., other] => return Err(format!("unknown argument to export svg: {other}")),
    };
    let loaded = match open(path) {
        Ok(l) => l,
        Err(message) => return Ok((message, ExitCode::FAILURE)),
    };
    let wrote = format!("{} cells as SVG", loaded.journey.len());
    Ok(write_or_print(svg::map_svg(&loaded.journey, lang), output, &wrote))
}

/// `favo sample`: the app's sample map as a map file, to start from or to embed.
pub fn sample(args: &[&str]) -> Result<(String, ExitCode), String> {
    let (output, lang, rest) = output_and_lang(args)?;
    if let Some(other) = rest.first() {
        return Err(format!("unknown argument to sample: {other}"));
    }
    Ok(write_or_print(format::to_json(&favo_core::sample::journey(lang), true), output, "the sample map"))
}
