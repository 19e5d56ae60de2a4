use std::collections::HashMap;

use plotters::prelude::*;

use super::{self as emotion, EmotionSeries, StepPoint, Variant};
use crate::chart::*;
use crate::grid::Cell;
use crate::journey::{Activity, ActivityId, Journey, Lang, Lifecycle, Persona, PersonaId, Step};

const RED_HEX: &str = "#d1495b";

/// The as-is colour as the SVG backend writes it.
fn as_is_svg() -> String {
    RED_HEX.to_uppercase()
}

/// The to-be colour as the SVG backend writes it.
fn to_be_svg() -> String {
    let RGBColor(r, g, b) = mix(rgb(RED_HEX).unwrap(), PAPER, 0.45);
    format!("#{r:02X}{g:02X}{b:02X}")
}

fn step(label: &str, as_is: i8, to_be: i8) -> StepPoint {
    StepPoint {
        index: 0,
        label: label.into(),
        as_is,
        to_be,
        note: String::new(),
    }
}

fn curve(name: &str, steps: Vec<StepPoint>) -> EmotionSeries {
    EmotionSeries {
        name: name.into(),
        color: RED_HEX.into(),
        steps,
    }
}

fn render_at(
    series: &EmotionSeries,
    variant: Variant,
    lang: Lang,
    size: (u32, u32),
    scale: f64,
) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        emotion::draw(&area, series, variant, lang, scale).unwrap();
        area.present().unwrap();
    }
    svg
}

fn render(series: &EmotionSeries, variant: Variant, lang: Lang) -> String {
    render_at(series, variant, lang, (640, 360), 1.0)
}

/// The attributes of every `<name …>` element. The SVG backend escapes `>` and `"` inside
/// values, so a value never ends an element early.
fn elements<'a>(svg: &'a str, name: &str) -> Vec<HashMap<&'a str, &'a str>> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(at) = rest.find(&open) {
        rest = &rest[at + open.len()..];
        let end = rest.find('>').expect("element is closed");
        let mut attrs = HashMap::new();
        let mut body = &rest[..end];
        while let Some(eq) = body.find("=\"") {
            let key = body[..eq].trim();
            let value_end = body[eq + 2..].find('"').expect("value is closed");
            attrs.insert(key, &body[eq + 2..eq + 2 + value_end]);
            body = &body[eq + 2 + value_end + 1..];
        }
        out.push(attrs);
        rest = &rest[end..];
    }
    out
}

/// The (escaped) contents of every `<text>` element.
fn texts(svg: &str) -> Vec<&str> {
    svg.split("<text ")
        .skip(1)
        .map(|t| t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].trim())
        .collect()
}

fn points(polyline: &HashMap<&str, &str>) -> Vec<(i32, i32)> {
    polyline["points"]
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

fn polylines<'a>(svg: &'a str, stroke: &str) -> Vec<HashMap<&'a str, &'a str>> {
    elements(svg, "polyline")
        .into_iter()
        .filter(|p| p["stroke"] == stroke)
        .collect()
}

/// The filled markers of the as-is curve, as (cx, cy).
fn as_is_markers(svg: &str) -> Vec<(i32, i32)> {
    elements(svg, "circle")
        .into_iter()
        .filter(|c| c["fill"] == as_is_svg())
        .map(|c| (c["cx"].parse().unwrap(), c["cy"].parse().unwrap()))
        .collect()
}

/// The single as-is line with `n` points.
fn as_is_line(svg: &str, n: usize) -> Vec<(i32, i32)> {
    let lines: Vec<_> = polylines(svg, &as_is_svg())
        .iter()
        .map(points)
        .filter(|p| p.len() == n)
        .collect();
    assert_eq!(lines.len(), 1, "one as-is line of {n} points in {svg}");
    lines[0].clone()
}

#[test]
fn the_series_follows_the_path_keeps_whole_labels_and_skips_removed_cells() {
    let mut journey = Journey::new("t");
    let long = "Reads the very long comparison page written by the marketing team last spring";
    for (id, label) in [(1, "Sees an ad"), (2, long)] {
        journey
            .insert(Activity::new(
                ActivityId(id),
                Cell::new(id as i32, 0),
                label,
                None,
            ))
            .unwrap();
    }
    let at = |cell: u64, as_is: i8, to_be: i8, note: &str| Step {
        cell: ActivityId(cell),
        as_is,
        to_be,
        note: note.into(),
    };
    let persona = Persona {
        id: PersonaId(1),
        name: "Giulia".into(),
        segment: String::new(),
        stage: Lifecycle::New,
        goals: String::new(),
        pains: String::new(),
        color: RED_HEX.into(),
        avatar: String::new(),
        // Cell 9 was removed from the map; a score out of range slipped past validation.
        path: vec![at(2, -1, 1, "slow"), at(9, 2, 2, ""), at(1, 5, -7, "")],
    };
    let s = emotion::series(&journey, &persona);
    assert_eq!((s.name.as_str(), s.color.as_str()), ("Giulia", RED_HEX));
    assert_eq!(
        s.steps.iter().map(|p| p.index).collect::<Vec<_>>(),
        [0, 2],
        "indices point into the path"
    );
    assert_eq!(s.steps[0].label, long, "the data keeps the whole label");
    assert_eq!(s.steps[0].note, "slow");
    assert_eq!(
        (s.steps[1].as_is, s.steps[1].to_be),
        (2, -2),
        "scores held to −2…+2"
    );
}

#[test]
fn the_as_is_curve_has_one_point_per_step_at_heights_ordered_as_the_scores() {
    let scores = [0i8, 2, -1, 2, -2, 1];
    let s = curve(
        "Giulia",
        scores.iter().map(|&v| step("Cell", v, 0)).collect(),
    );
    let svg = render(&s, Variant::AsIs, Lang::En);
    let line = as_is_line(&svg, scores.len());
    assert_eq!(as_is_markers(&svg), line, "a marker on every point");
    assert!(
        line.windows(2).all(|w| w[0].0 < w[1].0),
        "steps run left to right: {line:?}"
    );
    for (i, a) in scores.iter().enumerate() {
        for (j, b) in scores.iter().enumerate() {
            // Higher scores are higher up, so have smaller y; equal scores, equal y.
            assert_eq!(
                line[i].1.cmp(&line[j].1),
                b.cmp(a),
                "steps {i} and {j}: {line:?}"
            );
        }
    }
    // y is one affine function of the score: evenly spaced ticks.
    let (top, bottom) = (line[1].1, line[4].1);
    for (p, &v) in line.iter().zip(&scores) {
        let expected = f64::from(bottom) + f64::from(top - bottom) * (f64::from(v) + 2.0) / 4.0;
        assert!(
            (f64::from(p.1) - expected).abs() <= 1.0,
            "score {v} drawn at y {} not {expected}",
            p.1
        );
    }
}

#[test]
fn the_as_is_variant_draws_no_to_be_curve_and_both_draws_both() {
    let s = curve(
        "Giulia",
        vec![step("Ad", -1, 1), step("Shop", -2, 2), step("Use", 0, 1)],
    );
    let as_is = render(&s, Variant::AsIs, Lang::En);
    assert!(
        polylines(&as_is, &to_be_svg()).is_empty() && !as_is.contains(&to_be_svg()),
        "no to-be curve"
    );
    assert_eq!(as_is_markers(&as_is).len(), 3);
    assert!(
        texts(&as_is).contains(&"As-is") && !texts(&as_is).contains(&"To-be"),
        "legend names what is drawn"
    );

    let to_be = render(&s, Variant::ToBe, Lang::En);
    assert!(
        as_is_markers(&to_be).is_empty() && polylines(&to_be, &as_is_svg()).is_empty(),
        "no as-is curve"
    );

    let both = render(&s, Variant::Both, Lang::En);
    as_is_line(&both, 3);
    assert_eq!(as_is_markers(&both).len(), 3);
    let dashes = polylines(&both, &to_be_svg());
    assert!(
        dashes.len() > 4,
        "the to-be curve is dashed: many short pieces, found {}",
        dashes.len()
    );
    let rings = elements(&both, "circle")
        .into_iter()
        .filter(|c| c["stroke"] == to_be_svg())
        .count();
    assert_eq!(rings, 3, "a hollow marker per to-be step");
    assert!(texts(&both).contains(&"As-is") && texts(&both).contains(&"To-be"));
}

#[test]
fn to_be_points_sit_where_the_same_score_sits_on_the_as_is_curve() {
    let s = curve("Giulia", vec![step("Ad", -2, 2), step("Shop", 2, -2)]);
    let svg = render(&s, Variant::Both, Lang::En);
    let as_is = as_is_markers(&svg);
    let rings: Vec<(i32, i32)> = elements(&svg, "circle")
        .into_iter()
        .filter(|c| c["stroke"] == to_be_svg())
        .map(|c| (c["cx"].parse().unwrap(), c["cy"].parse().unwrap()))
        .collect();
    assert_eq!(rings, [(as_is[0].0, as_is[1].1), (as_is[1].0, as_is[0].1)]);
}

#[test]
fn hostile_names_and_labels_are_escaped_in_the_svg() {
    let script = "<script>alert(1)</script>";
    let img = "\"><img src=x onerror=alert(1)>";
    let s = curve(script, vec![step(img, 1, 2), step(script, -1, 0)]);
    let svg = render(&s, Variant::Both, Lang::En);
    assert!(!svg.contains("<script") && !svg.contains("<img"), "{svg}");
    let shown = texts(&svg);
    assert!(
        shown.contains(&"&lt;script&gt;alert(1)&lt;/script&gt;"),
        "caption and label escaped: {shown:?}"
    );
    assert!(
        shown.contains(&"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "{shown:?}"
    );
    let empty = render(&curve(img, vec![]), Variant::Both, Lang::En);
    assert!(
        !empty.contains("<img")
            && texts(&empty).contains(&"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
    );
}

#[test]
fn an_empty_path_draws_a_message_instead_of_an_empty_plot() {
    for lang in [Lang::En, Lang::It] {
        let svg = render(&curve("Giulia", vec![]), Variant::Both, lang);
        let shown = texts(&svg).join(" ");
        assert_eq!(
            shown,
            format!("Giulia {}", emotion::empty_message(lang)),
            "caption, then the message"
        );
        assert!(
            elements(&svg, "polyline").is_empty() && elements(&svg, "circle").is_empty(),
            "no axes, no curve"
        );
    }
    assert!(emotion::empty_message(Lang::En).contains("Path mode"));
    assert!(emotion::empty_message(Lang::It).contains("Modalità percorso"));
}

#[test]
fn a_one_step_path_draws_its_single_point() {
    let svg = render(
        &curve("Giulia", vec![step("Only", 1, 2)]),
        Variant::Both,
        Lang::En,
    );
    assert_eq!(as_is_line(&svg, 1), as_is_markers(&svg));
    assert!(texts(&svg).contains(&"Only"), "the step is labelled");
    assert!(texts(&svg).contains(&"+2 very positive"));
}

#[test]
fn italian_labels_with_lang_it() {
    let s = curve(
        "Giulia",
        vec![step("Annuncio", -1, 1), step("Negozio", 0, 2)],
    );
    let it = texts_owned(&render(&s, Variant::Both, Lang::It));
    for expected in [
        "−2 molto negativa",
        "−1 negativa",
        "0 neutra",
        "+1 positiva",
        "+2 molto positiva",
        "Attuale",
        "Desiderata",
    ] {
        assert!(it.iter().any(|t| t == expected), "{expected} in {it:?}");
    }
    assert!(
        !it.iter().any(|t| t.contains("negative") || t == "As-is"),
        "no English left: {it:?}"
    );
    let en = texts_owned(&render(&s, Variant::Both, Lang::En));
    assert!(en.iter().any(|t| t == "−2 very negative") && en.iter().any(|t| t == "0 neutral"));
}

fn texts_owned(svg: &str) -> Vec<String> {
    texts(svg).into_iter().map(String::from).collect()
}

#[test]
fn narrow_charts_keep_the_numbers_and_shorten_or_number_the_steps() {
    let long = "Compares prices on three websites before deciding";
    let s = curve("Giulia", vec![step(long, -1, 1), step("Buys", 1, 2)]);
    let wide = texts_owned(&render_at(&s, Variant::Both, Lang::En, (1200, 360), 1.0));
    assert!(
        wide.iter().any(|t| t == long),
        "whole when it fits: {wide:?}"
    );
    let medium = texts_owned(&render_at(&s, Variant::Both, Lang::En, (360, 240), 1.0));
    let cut = medium
        .iter()
        .find(|t| t.starts_with("Compares"))
        .expect("a shortened label");
    assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
    let narrow = texts_owned(&render_at(
        &curve("Giulia", (0..12).map(|_| step(long, 0, 1)).collect()),
        Variant::Both,
        Lang::En,
        (240, 200),
        1.0,
    ));
    assert!(
        narrow.iter().any(|t| t == "12"),
        "steps numbered when there is no room: {narrow:?}"
    );
    assert!(
        narrow.iter().any(|t| t == "−2") && !narrow.iter().any(|t| t.contains("negative")),
        "{narrow:?}"
    );
}

#[test]
fn unlabelled_cells_are_named_on_the_axis() {
    let svg = render(
        &curve("Giulia", vec![step(" ", 0, 0)]),
        Variant::AsIs,
        Lang::It,
    );
    assert!(texts(&svg).contains(&"(senza etichetta)"));
}

#[test]
fn the_scale_multiplies_every_size() {
    let s = curve("Giulia", vec![step("Ad", -1, 1), step("Shop", 2, 2)]);
    let radius = |svg: &str| {
        elements(svg, "circle")
            .into_iter()
            .find(|c| c["fill"] == as_is_svg())
            .unwrap()["r"]
            .parse::<u32>()
            .unwrap()
    };
    let one = render_at(&s, Variant::AsIs, Lang::En, (640, 360), 1.0);
    let two = render_at(&s, Variant::AsIs, Lang::En, (1280, 720), 2.0);
    assert_eq!(radius(&two), 2 * radius(&one));
}

#[test]
fn tiny_areas_draw_without_panicking() {
    let s = curve("Giulia", vec![step("Ad", -1, 1), step("Shop", 2, 2)]);
    for size in [(1, 1), (40, 30), (130, 90), (200, 120)] {
        for steps in [vec![], s.steps.clone()] {
            render_at(&curve("Giulia", steps), Variant::Both, Lang::En, size, 1.0);
        }
    }
}

#[test]
fn ticks_use_a_real_minus_and_name_the_mood() {
    assert_eq!(emotion::signed(-2), "−2");
    assert_eq!(emotion::signed(0), "0");
    assert_eq!(emotion::tick_label(1, Lang::En), "+1 positive");
    assert_eq!(emotion::tick_label(-2, Lang::It), "−2 molto negativa");
    for v in Variant::ALL {
        assert_eq!(Variant::from_key(v.key()), Some(v));
    }
    assert_eq!(Variant::from_key("neither"), None);
}
