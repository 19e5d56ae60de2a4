//! The map as a standalone SVG that looks like the canvas — fills, outlines, wrapped labels,
//! touchpoint badges, cluster names, link arrows, persona routes — with the map JSON in its
//! `<metadata>`, so that dropping the file on Favo opens the map again.
//!
//! It is drawn from the same scene functions as the screen, with a viewport at zoom 1 that
//! frames the whole map, so it is in the painter's coordinates. Every piece of user text is
//! XML-escaped, and the document has no scripts, event attributes, foreign objects or
//! external references: it is safe to open, embed and share anywhere.

use std::fmt::{self, Write};

use crate::format;
use crate::grid::{Cell, Grid};
use crate::journey::{is_hex_color, Journey, Lang, Phase, Status};
use crate::scene::palette::{ACCENT, BACKGROUND, FONT_FAMILY, LINK, OUTLINE, TEXT};
use crate::scene::{self, arrows::arrows, routes::routes};
use crate::viewport::{Point, Rect, Viewport};

mod read;

pub use read::{extract, SvgError};

/// Namespace of the `<favo:map>` element that carries the map JSON.
pub const NAMESPACE: &str = "urn:favo:map";


const MARGIN: f64 = 24.0;
/// The band above the map that holds the title.
const HEADER: f64 = 56.0;
const MIN_WIDTH: f64 = 480.0;
const TITLE_PX: f64 = 20.0;
const LEGEND_PX: f64 = 13.0;
const LEGEND_ROW: f64 = 26.0;
const LEGEND_NAME_WIDTH: f64 = 200.0;
const SWATCH: f64 = 14.0;

/// The whole map as an SVG document: title, map, and a legend of phases and personas. The
/// same map always gives the same bytes.
pub fn map_svg(journey: &Journey, lang: Lang) -> String {
    let grid = Grid::new();
    let bounds = journey.bounds(&grid);
    // An empty map still exports a picture (with the map inside), over a blank area.
    let area = bounds.unwrap_or_else(|| Rect::from_corners(Point::default(), Point::new(MIN_WIDTH - 2.0 * MARGIN, 120.0)));
    let width = (area.width() + 2.0 * MARGIN).max(MIN_WIDTH).ceil();
    let legend = legend(journey, lang, width);
    let legend_top = HEADER + area.height() + MARGIN;
    let height = (legend_top + legend.rows as f64 * LEGEND_ROW + MARGIN).ceil();
    let mut viewport = Viewport::new(width, height, 1.0);
    viewport.origin = Point::new(area.center().x - width / 2.0, area.min.y - HEADER);

    let mut out = String::with_capacity(4096 + journey.len() * 400);
    head(&mut out, journey, lang, width, height);
    let _ = write!(out, r#"<rect width="{}" height="{}" fill="{BACKGROUND}"/>"#, Num(width), Num(height));
    out.push('\n');
    if !journey.title.is_empty() {
        let shown = one_line(&journey.title, width - 2.0 * MARGIN, TITLE_PX * 1.1);
        let _ = writeln!(
            out,
            r#"<text class="title" x="{MARGIN}" y="{}" font-size="{TITLE_PX}" font-weight="bold" fill="{TEXT}" dominant-baseline="central">{}</text>"#,
            Num(HEADER / 2.0),
            Xml(&shown)
        );
    }
    if bounds.is_none() {
        let blank = if lang == Lang::It { "Mappa vuota" } else { "Blank map" };
        let _ = writeln!(
            out,
            r#"<text class="blank" x="{}" y="{}" font-size="16" fill="{OUTLINE}" text-anchor="middle" dominant-baseline="central">{blank}</text>"#,
            Num(width / 2.0),
            Num(HEADER + area.height() / 2.0)
        );
    }
    let measure = |text: &str, px: f64| text_width(text, px);
    let scene = scene::build(journey, &grid, &viewport, &measure);
    cells(&mut out, journey, &grid, &viewport, scene.line_width);
    links(&mut out, journey, &grid, &viewport);
    persona_routes(&mut out, journey, &grid, &viewport);
    badges(&mut out, &scene.badges);
    texts(&mut out, &scene);
    legend.write(&mut out, legend_top);
    out.push_str("</svg>\n");
    out
}

/// Declaration, root element, title, description and the map JSON.
fn head(out: &mut String, journey: &Journey, lang: Lang, width: f64, height: f64) {
    let (w, h) = (Num(width), Num(height));
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}" xml:lang="{}">"#,
        Xml(FONT_FAMILY),
        lang.tag()
    );
    let title = match (journey.title.is_empty(), lang) {
        (false, _) => journey.title.as_str(),
        (true, Lang::En) => "Favo map",
        (true, Lang::It) => "Mappa Favo",
    };
    let _ = writeln!(out, "<title>{}</title>", Xml(title));
    let desc = match lang {
        Lang::En => format!("A Favo journey map (cells: {}). Drop this file on Favo to open the map: it is kept in this file's metadata.", journey.len()),
        Lang::It => format!("Una mappa del percorso Favo (celle: {}). Trascina questo file su Favo per riaprire la mappa: è conservata nei metadati del file.", journey.len()),
    };
    let _ = writeln!(out, "<desc>{desc}</desc>");
    let _ = write!(out, r#"<metadata><favo:map xmlns:favo="{NAMESPACE}">"#);
    write_json(out, &format::to_json(journey, false));
    out.push_str("</favo:map></metadata>\n");
}

/// One hexagon per cell, in its phase colour, with its whole label as a tooltip.
fn cells(out: &mut String, journey: &Journey, grid: &Grid, viewport: &Viewport, line_width: f64) {
    let corners = grid.hex_corners(Cell::ORIGIN).map(|p| Point::new(p.x * viewport.zoom, p.y * viewport.zoom));
    let _ = writeln!(out, r#"<g class="cells" stroke="{OUTLINE}" stroke-width="{}" stroke-linejoin="round">"#, Num(line_width));
    for a in journey.activities() {
        let c = viewport.world_to_screen(grid.hex_to_world_pos(a.at));
        let fill = a.phase.and_then(|p| journey.phase(p)).map_or(Phase::NO_PHASE_COLOR, |p| p.color.as_str());
        out.push_str(r#"<polygon class="cell" points=""#);
        points(out, corners.iter().map(|k| Point::new(c.x + k.x, c.y + k.y)));
        let _ = write!(out, r#"" fill="{}""#, color(fill, Phase::NO_PHASE_COLOR));
        if a.label.is_empty() {
            out.push_str("/>\n");
        } else {
            let _ = writeln!(out, "><title>{}</title></polygon>", Xml(&a.label));
        }
    }
    out.push_str("</g>\n");
}

/// Links as the canvas draws them: a line and a head; dashed in the accent colour when the
/// last phase leads back to the first.
fn links(out: &mut String, journey: &Journey, grid: &Grid, viewport: &Viewport) {
    let arrows = arrows(journey, grid, viewport);
    if arrows.is_empty() {
        return;
    }
    let width = (2.2 * viewport.zoom).clamp(1.0, 3.0);
    let _ = writeln!(out, r#"<g class="links" stroke-width="{}" stroke-linecap="round">"#, Num(width));
    for a in &arrows {
        let (color, dash) = if a.seeds_next { (ACCENT, r#" stroke-dasharray="7 5""#) } else { (LINK, "") };
        let back = a.head[1].midpoint(a.head[2]);
        let _ = write!(
            out,
            r#"<g class="link"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{color}"{dash}/><polygon points=""#,
            Num(a.from.x),
            Num(a.from.y),
            Num(back.x),
            Num(back.y)
        );
        points(out, a.head);
        let _ = writeln!(out, r#"" fill="{color}"/></g>"#);
    }
    out.push_str("</g>\n");
}

/// Personas' routes: a haloed line in their colour with a head per leg, named on hover.
fn persona_routes(out: &mut String, journey: &Journey, grid: &Grid, viewport: &Viewport) {
    let routes = routes(journey, grid, viewport, None);
    if routes.is_empty() {
        return;
    }
    out.push_str("<g class=\"routes\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");
    for r in &routes {
        let width = (if r.focused { 5.0 } else { 3.5 } * viewport.zoom).clamp(1.5, 6.0);
        let name = journey.persona(r.persona).map_or("", |p| p.name.as_str());
        let c = color(&r.color, TEXT);
        let _ = write!(out, r#"<g class="route"><title>{}</title><polyline points=""#, Xml(name));
        points(out, r.points.iter().copied());
        let _ = write!(out, r##"" stroke="#ffffff" stroke-opacity="0.8" stroke-width="{}"/><polyline points=""##, Num(width + 2.0));
        points(out, r.points.iter().copied());
        let _ = write!(out, r#"" stroke="{c}" stroke-width="{}"/>"#, Num(width));
        for h in &r.heads {
            out.push_str(r#"<polygon points=""#);
            points(out, *h);
            let _ = write!(out, r#"" fill="{c}"/>"#);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// Touchpoint badges: a disc in the colour of the worst status with the count in white.
fn badges(out: &mut String, badges: &[scene::Badge]) {
    if badges.is_empty() {
        return;
    }
    out.push_str("<g class=\"badges\" font-weight=\"bold\" text-anchor=\"middle\" dominant-baseline=\"central\">\n");
    for b in badges {
        let fill = match b.worst {
            Status::Ok => "#2e7d32",
            Status::ToReview => "#b26a00",
            Status::Missing => "#c62828",
        };
        let (x, y, r) = (Num(b.center.x), Num(b.center.y), Num(b.radius));
        let _ = writeln!(
            out,
            r##"<g class="badge"><circle cx="{x}" cy="{y}" r="{r}" fill="{fill}" stroke="#ffffff" stroke-width="1.5"/><text x="{x}" y="{}" font-size="{}" fill="#ffffff">{}</text></g>"##,
            Num(b.center.y + 0.5),
            Num(b.radius * 1.2),
            b.count
        );
    }
    out.push_str("</g>\n");
}

/// Cluster names (bold, with a light halo) and the cells' labels, wrapped as on the canvas.
fn texts(out: &mut String, scene: &scene::Scene) {
    let _ = writeln!(out, r#"<g class="texts" fill="{TEXT}" text-anchor="middle" dominant-baseline="central">"#);
    for name in &scene.cluster_names {
        let _ = writeln!(
            out,
            r##"<text class="cluster-name" x="{}" y="{}" font-size="{}" font-weight="bold" stroke="#ffffff" stroke-opacity="0.92" stroke-width="{}" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
            Num(name.center.x),
            Num(name.center.y),
            Num(name.font_px),
            Num(name.font_px * 0.3),
            Xml(&name.lines.concat())
        );
    }
    for label in &scene.labels {
        let line_height = label.font_px * 1.2;
        let top = label.center.y - line_height * (label.lines.len() as f64 - 1.0) / 2.0;
        let _ = write!(out, r#"<text class="label" font-size="{}">"#, Num(label.font_px));
        for (i, line) in label.lines.iter().enumerate() {
            let y = top + line_height * i as f64;
            let _ = write!(out, r#"<tspan x="{}" y="{}">{}</tspan>"#, Num(label.center.x), Num(y), Xml(line));
        }
        out.push_str("</text>\n");
    }
    out.push_str("</g>\n");
}

/// What the legend lists: phases, "no phase" when a cell has none, and personas.
struct Legend {
    items: Vec<Entry>,
    rows: usize,
}

/// A phase's swatch or a persona's line, with the whole name, where it goes.
struct Entry {
    color: String,
    name: String,
    persona: bool,
    x: f64,
    row: usize,
}

fn legend(journey: &Journey, lang: Lang, width: f64) -> Legend {
    let phases = journey.phases().iter().map(|p| (color(&p.color, Phase::NO_PHASE_COLOR).to_owned(), p.name(lang).to_owned(), false));
    let unphased = journey.activities().any(|a| a.phase.and_then(|p| journey.phase(p)).is_none());
    let none =
        unphased.then(|| (Phase::NO_PHASE_COLOR.to_owned(), if lang == Lang::It { "Nessuna fase" } else { "No phase" }.to_owned(), false));
    let personas = journey.personas().iter().map(|p| (color(&p.color, TEXT).to_owned(), p.name.clone(), true));
    let (mut x, mut row, mut items) = (MARGIN, 0, Vec::new());
    for (color, name, persona) in phases.chain(none).chain(personas) {
        let item = SWATCH + 6.0 + text_width(&one_line(&name, LEGEND_NAME_WIDTH, LEGEND_PX), LEGEND_PX) + 20.0;
        if x > MARGIN && x + item > width - MARGIN {
            (x, row) = (MARGIN, row + 1);
        }
        items.push(Entry { color, name, persona, x, row });
        x += item;
    }
    let rows = if items.is_empty() { 0 } else { row + 1 };
    Legend { items, rows }
}

impl Legend {
    fn write(&self, out: &mut String, top: f64) {
        if self.items.is_empty() {
            return;
        }
        let _ = writeln!(out, r#"<g class="legend" font-size="{LEGEND_PX}" fill="{TEXT}" dominant-baseline="central">"#);
        for Entry { color: c, name, persona, x, row } in &self.items {
            let y = top + *row as f64 * LEGEND_ROW + LEGEND_ROW / 2.0;
            let _ = write!(out, r#"<g class="legend-item"><title>{}</title>"#, Xml(name));
            if *persona {
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{c}" stroke-width="4" stroke-linecap="round"/>"#,
                    Num(x + 2.0),
                    Num(y),
                    Num(x + SWATCH - 2.0),
                    Num(y)
                );
            } else {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{SWATCH}" height="{SWATCH}" rx="3" fill="{c}" stroke="{OUTLINE}"/>"#,
                    Num(*x),
                    Num(y - SWATCH / 2.0)
                );
            }
            let shown = one_line(name, LEGEND_NAME_WIDTH, LEGEND_PX);
            let _ = writeln!(out, r#"<text x="{}" y="{}">{}</text></g>"#, Num(x + SWATCH + 6.0), Num(y), Xml(&shown));
        }
        out.push_str("</g>\n");
    }
}

/// `text` on one line of at most `width`, ending with an ellipsis when cut (the data keeps
/// the whole text).
fn one_line(text: &str, width: f64, font_px: f64) -> String {
    scene::wrap(text, width, 1, &|s| text_width(s, font_px)).pop().unwrap_or_default()
}

/// A plain estimate of how wide `text` is in the UI's sans-serif at `font_px` (there is no
/// font to measure natively): an average Latin letter is about 0.55 em, as in the scene
/// benchmark; CJK and emoji are a full em.
fn text_width(text: &str, font_px: f64) -> f64 {
    let wide = |c: char| {
        matches!(c, '\u{1100}'..='\u{115f}' | '\u{2600}'..='\u{27bf}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}'
            | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{1f000}'..)
    };
    text.chars().map(|c| if wide(c) { 1.0 } else { 0.55 }).sum::<f64>() * font_px
}

/// A colour from the map if it is `#rrggbb` (files and edits guarantee it; this keeps a
/// hand-built journey from putting anything else in an attribute), else `fallback`.
fn color<'a>(c: &'a str, fallback: &'a str) -> &'a str {
    if is_hex_color(c) {
        c
    } else {
        fallback
    }
}

fn points(out: &mut String, points: impl IntoIterator<Item = Point>) {
    for (i, p) in points.into_iter().enumerate() {
        let sep = if i == 0 { "" } else { " " };
        let _ = write!(out, "{sep}{},{}", Num(p.x), Num(p.y));
    }
}

/// A coordinate with at most two decimals and no trailing zeros: short, and the same bytes
/// on every platform.
struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = format!("{:.2}", self.0);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        f.write_str(if s == "-0" { "0" } else { s })
    }
}

/// Whether XML 1.0 can hold `c` at all (tab, line feed and carriage return aside).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// User text escaped for XML content or a double-quoted attribute: the five special
/// characters as entities, tabs and line breaks as references (attribute values would
/// otherwise turn them into spaces), and the few characters XML cannot hold as U+FFFD.
struct Xml<'a>(&'a str);

impl fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut start = 0;
        for (i, c) in self.0.char_indices() {
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                '\t' => "&#9;",
                '\n' => "&#10;",
                '\r' => "&#13;",
                c if is_xml_char(c) => continue,
                _ => "\u{fffd}",
            };
            f.write_str(&self.0[start..i])?;
            f.write_str(replacement)?;
            start = i + c.len_utf8();
        }
        f.write_str(&self.0[start..])
    }
}

/// The map JSON as XML text: `&`, `<` and `>` escaped (quotes are safe in text, and escaping
/// them would double the size), and characters XML cannot hold written as JSON `\u` escapes,
/// which stand for the same string.
fn write_json(out: &mut String, json: &str) {
    for c in json.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
        }
    }
}

