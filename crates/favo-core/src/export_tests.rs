use super::{is_svg, png, read_image, svg, ImageError, PngError, SvgError, MAX_MAP_BYTES};
use crate::format::{self, LoadError};
use crate::grid::{Cell, Grid};
use crate::journey::{Journey, Lang, Phase};
use crate::{sample, ActivityId, Editor};

const SCRIPT: &str = "<script>alert(1)</script>";
const BREAKOUT: &str = "\"><img src=x onerror=alert(1)>";

/// Labels that try to break out of XML, CDATA, our own metadata element, or the text model.
fn hostile_labels() -> Vec<String> {
    vec![
        SCRIPT.into(),
        BREAKOUT.into(),
        "]]> <![CDATA[ x".into(),
        "&amp; &lt; &#x41; ' \" &".into(),
        "</favo:map><favo:map>{}".into(),
        "Caffè ☕ 👩‍👩‍👧 🇮🇹".into(),
        "not XML: \u{fffe}\u{ffff}".into(),
        "word ".repeat(1000).trim_end().into(),
        "x".repeat(5000),
        "tab\there\u{7}bell\r\nline".into(),
    ]
}

/// The sample map with hostile text everywhere the user can type: cells, title, a cluster
/// name, a phase name, a persona's name, a touchpoint, and a link between two cells.
fn hostile_journey() -> Journey {
    let mut e = Editor::new(sample::journey(Lang::En));
    let ids: Vec<ActivityId> = e.journey().activities().map(|a| a.id).collect();
    for (id, label) in ids.iter().zip(hostile_labels()) {
        e.relabel(*id, &label).unwrap();
    }
    e.retitle(&format!("{SCRIPT} & ]]> {BREAKOUT}")).unwrap();
    e.name_cluster(ids[0], BREAKOUT).unwrap();
    let phase = e.journey().phases()[0].id;
    e.rename_phase(phase, "<b onmouseover=alert(1)>Fase</b>").unwrap();
    let p = e.add_persona(SCRIPT).unwrap();
    for id in &ids[1..4] {
        e.append_step(p, *id).unwrap();
    }
    e.add_touchpoint(ids[2], BREAKOUT).unwrap();
    e.link(ids[1], ids[2]).unwrap();
    e.journey().clone()
}

fn assert_same_map(got: &Journey, want: &Journey) {
    assert_eq!(format::to_json(got, false), format::to_json(want, false));
    assert_eq!(got, want);
}

/// Parses `svg` as strict XML (no DTD) and checks that nothing in it can run or fetch.
fn parse_safe(svg: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(!["script", "foreignobject", "iframe", "object", "embed", "style"].contains(&name.as_str()), "<{name}>");
        for a in node.attributes() {
            let attr = a.name().to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "event attribute {attr}=\"{}\"", a.value());
            if attr == "href" || attr == "src" {
                assert!(a.value().starts_with('#'), "external reference {attr}=\"{}\"", a.value());
            }
            assert!(!a.value().to_ascii_lowercase().contains("javascript:"), "{attr}=\"{}\"", a.value());
        }
    }
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc
}

fn by_class<'a, 'i>(doc: &'a roxmltree::Document<'i>, class: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants().filter(|n| n.attribute("class") == Some(class)).collect()
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants().filter(|n| n.is_text()).map(|n| n.text().unwrap().to_owned()).collect()
}

fn points(node: &roxmltree::Node) -> Vec<(f64, f64)> {
    node.attribute("points")
        .unwrap()
        .split(' ')
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

/// The map JSON as a real XML parser reads it from the metadata.
fn metadata_json(doc: &roxmltree::Document) -> serde_json::Value {
    let map = doc.descendants().find(|n| n.tag_name().namespace() == Some(svg::NAMESPACE) && n.tag_name().name() == "map").unwrap();
    serde_json::from_str(map.text().unwrap()).unwrap()
}

#[test]
fn hostile_text_stays_text_in_the_svg_and_comes_back_unchanged() {
    let j = hostile_journey();
    let out = svg::map_svg(&j, Lang::En);
    let doc = parse_safe(&out);
    let shown = texts(&doc);
    // XML 1.0 cannot hold U+FFFE/U+FFFF at all: shown as U+FFFD, kept exactly in the data.
    let visible = |s: &str| s.replace(['\u{fffe}', '\u{ffff}'], "\u{fffd}");
    for a in j.activities() {
        assert!(shown.contains(&visible(&a.label)), "label {:?} is not a text node", a.label);
    }
    assert!(j.activities().any(|a| a.label == "tab here bell  line"), "control characters are blanked by edits");
    let root_title = doc.root_element().children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(root_title.text(), Some(j.title.as_str()));
    assert!(shown.iter().any(|t| t == BREAKOUT), "cluster name");
    assert!(shown.iter().filter(|t| *t == SCRIPT).count() >= 3, "cell label, route and legend name the persona");
    assert!(shown.iter().any(|t| t == "<b onmouseover=alert(1)>Fase</b>"), "phase name in the legend");
    assert_eq!(metadata_json(&doc), serde_json::from_str::<serde_json::Value>(&format::to_json(&j, false)).unwrap());
    assert_same_map(&read_image(out.as_bytes()).unwrap().journey, &j);
}

#[test]
fn long_labels_are_shortened_in_the_picture_but_not_in_the_data() {
    let j = hostile_journey();
    let out = svg::map_svg(&j, Lang::En);
    let doc = parse_safe(&out);
    for long in ["word ".repeat(1000).trim_end().to_owned(), "x".repeat(5000)] {
        let id = j.activities().find(|a| a.label == long).unwrap().id;
        let label = label_at(&doc, &j, id).unwrap();
        assert!(label.len() <= 3, "at most three lines");
        assert!(label.last().unwrap().ends_with('…'));
        assert!(label.concat().chars().count() < 60);
    }
    let back = read_image(out.as_bytes()).unwrap().journey;
    assert!(back.activities().any(|a| a.label.chars().count() == 5000));
}

/// The lines of the label drawn at the centre of `id`'s hexagon.
fn label_at(doc: &roxmltree::Document, j: &Journey, id: ActivityId) -> Option<Vec<String>> {
    let cell = by_class(doc, "cell").into_iter().zip(j.activities()).find(|(_, a)| a.id == id)?.0;
    let pts = points(&cell);
    let centre = (pts.iter().map(|p| p.0).sum::<f64>() / 6.0, pts.iter().map(|p| p.1).sum::<f64>() / 6.0);
    by_class(doc, "label").into_iter().find_map(|t| {
        let spans: Vec<_> = t.children().filter(|n| n.has_tag_name("tspan")).collect();
        let x: f64 = spans[0].attribute("x")?.parse().ok()?;
        let ys: Vec<f64> = spans.iter().filter_map(|s| s.attribute("y")?.parse().ok()).collect();
        let y = (ys[0] + ys[ys.len() - 1]) / 2.0;
        ((x - centre.0).abs() < 0.05 && (y - centre.1).abs() < 0.05)
            .then(|| spans.iter().map(|s| s.text().unwrap_or("").to_owned()).collect())
    })
}

#[test]
fn the_svg_draws_every_cell_in_its_phase_colour_where_the_grid_puts_it() {
    for lang in [Lang::En, Lang::It] {
        let j = sample::journey(lang);
        let out = svg::map_svg(&j, lang);
        let doc = parse_safe(&out);
        let cells = by_class(&doc, "cell");
        assert_eq!(cells.len(), j.len());
        let root = doc.root_element();
        let (w, h): (f64, f64) = (root.attribute("width").unwrap().parse().unwrap(), root.attribute("height").unwrap().parse().unwrap());
        let grid = Grid::new();
        let mut offset = None;
        for (node, a) in cells.iter().zip(j.activities()) {
            let colour = a.phase.and_then(|p| j.phase(p)).map_or(Phase::NO_PHASE_COLOR, |p| p.color.as_str());
            assert_eq!(node.attribute("fill"), Some(colour));
            // Zoom 1: every hexagon is the world hexagon moved by one and the same offset.
            for (drawn, world) in points(node).iter().zip(grid.hex_corners(a.at)) {
                let d = (drawn.0 - world.x, drawn.1 - world.y);
                let o = *offset.get_or_insert(d);
                assert!((d.0 - o.0).abs() < 0.02 && (d.1 - o.1).abs() < 0.02, "{:?} is out of place", a.at);
                assert!(drawn.0 > 0.0 && drawn.0 < w && drawn.1 > 0.0 && drawn.1 < h, "the whole map is in the picture");
            }
            let tooltip = node.children().find(|n| n.has_tag_name("title")).and_then(|t| t.text());
            assert_eq!(tooltip, Some(a.label.as_str()));
        }
    }
}

#[test]
fn every_label_of_the_sample_is_shown_whole_in_both_languages() {
    for lang in [Lang::En, Lang::It] {
        let j = sample::journey(lang);
        let doc_text = svg::map_svg(&j, lang);
        let doc = parse_safe(&doc_text);
        for a in j.activities() {
            let lines = label_at(&doc, &j, a.id).unwrap_or_else(|| panic!("no label on {:?}", a.label));
            assert_eq!(lines.join(" "), a.label);
        }
        let legend: Vec<String> = by_class(&doc, "legend-item")
            .iter()
            .filter_map(|g| g.children().find(|n| n.has_tag_name("text"))?.text().map(str::to_owned))
            .collect();
        let phases: Vec<&str> = j.phases().iter().map(|p| p.name(lang)).collect();
        assert_eq!(&legend[..7], &phases[..], "the legend names the phases in the map's language");
    }
}

#[test]
fn links_routes_badges_and_cluster_names_are_drawn_once_each() {
    let mut e = Editor::new(sample::journey(Lang::En));
    let ids: Vec<ActivityId> = e.journey().activities().map(|a| a.id).collect();
    for pair in [(1, 2), (2, 3), (3, 2), (5, 9)] {
        e.link(ids[pair.0], ids[pair.1]).unwrap();
    }
    let p = e.add_persona("Giulia").unwrap();
    let _alone = e.add_persona("Marco").unwrap();
    for id in &ids[4..7] {
        e.append_step(p, *id).unwrap();
    }
    for _ in 0..3 {
        e.add_touchpoint(ids[4], "Newsletter").unwrap();
    }
    e.add_touchpoint(ids[6], "Sito").unwrap();
    e.name_cluster(ids[0], "The whole ring").unwrap();
    let out = svg::map_svg(e.journey(), Lang::En);
    let doc = parse_safe(&out);
    assert_eq!(by_class(&doc, "link").len(), 4);
    let routes = by_class(&doc, "route");
    assert_eq!(routes.len(), 1, "a persona with fewer than two steps has no route");
    assert_eq!(routes[0].children().filter(|n| n.has_tag_name("polygon")).count(), 2, "a head per leg");
    let counts: Vec<String> =
        by_class(&doc, "badge").iter().map(|b| b.children().find(|n| n.has_tag_name("text")).unwrap().text().unwrap().to_owned()).collect();
    // One badge per cell with touchpoints, in cell order: the sample's measured cells have
    // one each; ids[4] has three, ids[6] its own and the one added.
    let expected: Vec<String> = e.journey().activities().filter(|a| !a.touchpoints.is_empty()).map(|a| a.touchpoints.len().to_string()).collect();
    assert_eq!(counts, expected);
    assert_eq!(&counts[..3], ["1", "3", "2"]);
    let names: Vec<&str> = by_class(&doc, "cluster-name").iter().filter_map(|n| n.text()).collect();
    assert_eq!(names, ["The whole ring"]);
}

#[test]
fn an_empty_map_exports_a_small_valid_svg_that_still_opens() {
    for title in ["", "Nuovo"] {
        let j = Journey::new(title);
        let out = svg::map_svg(&j, Lang::It);
        let doc = parse_safe(&out);
        assert!(texts(&doc).iter().any(|t| t == "Mappa vuota"));
        assert!(by_class(&doc, "cell").is_empty());
        assert!(out.len() < 5_000, "{} bytes", out.len());
        assert_same_map(&read_image(out.as_bytes()).unwrap().journey, &j);
    }
}

#[test]
fn a_cell_at_the_origin_is_drawn_around_the_same_point_as_its_label() {
    // Labels and hexagons come from different scene functions; they must share the viewport.
    let mut j = Journey::new("one");
    j.apply(crate::Edit::Insert(vec![crate::Activity::new(ActivityId(1), Cell::ORIGIN, "Solo", None)])).unwrap();
    let doc_text = svg::map_svg(&j, Lang::En);
    let doc = parse_safe(&doc_text);
    assert_eq!(label_at(&doc, &j, ActivityId(1)), Some(vec!["Solo".to_owned()]));
}

#[path = "export_read_tests.rs"]
mod reading;
