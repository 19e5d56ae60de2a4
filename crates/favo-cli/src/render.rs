//! `favo render`: a funnel, a trend or a map drawn as SVG by the same code that draws them
//! in the app (`favo_core::chart`, `favo_core::export::svg`), so a chart can be checked or
//! put in a report without a browser.

use std::process::ExitCode;

use favo_core::chart::funnel::{self, Base, FunnelView};
use favo_core::chart::{svg, trend};
use favo_core::Lang;

use favo_core::insight::spec::Kind;

use crate::data::{ChartArgs, Stop};
use crate::maps::export_svg;

/// What every chart takes besides its data's options.
struct Picture<'a> {
    size: (u32, u32),
    lang: Lang,
    base: Base,
    output: Option<&'a str>,
}

/// Takes the picture's options out of `args`, leaving the chart's own.
fn picture<'a>(args: &[&'a str]) -> Result<(Picture<'a>, Vec<&'a str>), String> {
    let mut p = Picture { size: (800, 400), lang: Lang::En, base: Base::FromStart, output: None };
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(&arg) = args.next() {
        let mut value = || args.next().copied().ok_or(format!("{arg} needs a value"));
        let pixels = |text: &str| text.parse::<u32>().ok().filter(|n| (40..=10_000).contains(n)).ok_or(format!("{arg} is a number of pixels from 40 to 10000"));
        match arg {
            "--width" => p.size.0 = pixels(value()?)?,
            "--height" => p.size.1 = pixels(value()?)?,
            "-o" | "--output" => p.output = Some(value()?),
            "--lang" => {
                p.lang = match value()? {
                    "en" => Lang::En,
                    "it" => Lang::It,
                    _ => return Err("--lang is en or it".into()),
                }
            }
            "--base" => {
                p.base = match value()? {
                    "start" => Base::FromStart,
                    "previous" => Base::FromPrevious,
                    _ => return Err("--base is start or previous".into()),
                }
            }
            _ => rest.push(arg),
        }
    }
    Ok((p, rest))
}

/// The SVG to standard output, or written to `-o`.
fn deliver(svg: Result<String, String>, what: &str, output: Option<&str>) -> (String, ExitCode) {
    match (svg, output) {
        (Err(e), _) => (format!("favo: cannot draw the {what}: {e}\n"), ExitCode::FAILURE),
        (Ok(svg), None) => (svg, ExitCode::SUCCESS),
        (Ok(svg), Some(target)) => match std::fs::write(target, &svg) {
            Ok(()) => (format!("{target}: wrote the {what} as SVG ({} bytes)\n", svg.len()), ExitCode::SUCCESS),
            Err(e) => (format!("{target}: cannot write: {e}\n"), ExitCode::FAILURE),
        },
    }
}

/// `favo render funnel|trend|map …`; `Err` is a usage problem (exit code 2).
pub fn render(args: &[&str]) -> Result<(String, ExitCode), String> {
    match args {
        ["map", rest @ ..] => export_svg(rest),
        ["funnel", path, rest @ ..] => {
            let (p, rest) = picture(rest)?;
            let report = match ChartArgs::parse(Kind::Funnel, &rest)?.funnel(path) {
                Ok((report, _)) => report,
                Err(Stop::Usage(usage)) => return Err(usage),
                Err(Stop::Data(message)) => return Ok((message, ExitCode::FAILURE)),
            };
            let view = FunnelView { base: p.base, highlight: None };
            // With --histogram, the time to convert under the funnel.
            let drawn = svg(p.size, |area| funnel::draw_with_histogram(area, &report, &view, p.lang, 1.0).map_err(|e| e.to_string()));
            Ok(deliver(drawn, "funnel", p.output))
        }
        ["trend", path, rest @ ..] => {
            let (p, rest) = picture(rest)?;
            let report = match ChartArgs::parse(Kind::Trend, &rest)?.trend(path) {
                Ok((_, _, report)) => report,
                Err(message) => return Ok((message, ExitCode::FAILURE)),
            };
            let drawn = svg(p.size, |area| trend::draw(area, &report, p.lang, 1.0).map_err(|e| e.to_string()));
            Ok(deliver(drawn, "trend", p.output))
        }
        _ => Err("render draws a funnel, a trend or a map: favo render funnel|trend DATA …, or favo render map MAP".into()),
    }
}
