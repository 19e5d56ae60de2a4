//! Reading back what a chart drew: the SVG parsed with roxmltree into the shapes and texts
//! that tests assert on.

use plotters::coord::Shift;
use plotters::prelude::*;

/// A chart drawn into an SVG string `size` device pixels big.
pub(crate) fn render(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>),
) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&area);
        area.present().expect("the SVG is written");
    }
    svg
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Filled {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// `#RRGGBB`, as the SVG backend writes colours.
    pub fill: String,
}

impl Filled {
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    pub points: Vec<(f64, f64)>,
    pub stroke: String,
    pub width: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Text {
    pub text: String,
    pub x: f64,
    pub y: f64,
}

pub(crate) struct Drawn {
    pub boxes: Vec<Filled>,
    pub lines: Vec<Line>,
    pub texts: Vec<Text>,
}

impl Drawn {
    /// The filled boxes of one colour, in drawing order.
    pub fn boxes_of(&self, fill: &str) -> Vec<Filled> {
        self.boxes
            .iter()
            .filter(|b| b.fill == fill)
            .cloned()
            .collect()
    }

    pub fn lines_of(&self, stroke: &str) -> Vec<Line> {
        self.lines
            .iter()
            .filter(|l| l.stroke == stroke)
            .cloned()
            .collect()
    }

    pub fn words(&self) -> Vec<&str> {
        self.texts.iter().map(|t| t.text.as_str()).collect()
    }

    /// The first text that is exactly `text`.
    pub fn text(&self, text: &str) -> Option<&Text> {
        self.texts.iter().find(|t| t.text == text)
    }
}

/// A colour as the SVG backend writes it.
pub(crate) fn hex(color: RGBColor) -> String {
    let RGBColor(r, g, b) = color;
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// Every filled rectangle, polyline and text of a drawn SVG, which must parse as XML.
pub(crate) fn parse(svg: &str) -> Drawn {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed SVG");
    let number = |n: roxmltree::Node, name: &str| {
        n.attribute(name)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let mut drawn = Drawn {
        boxes: Vec::new(),
        lines: Vec::new(),
        texts: Vec::new(),
    };
    for n in doc.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "rect" if n.attribute("fill") != Some("none") => drawn.boxes.push(Filled {
                x: number(n, "x"),
                y: number(n, "y"),
                width: number(n, "width"),
                height: number(n, "height"),
                fill: n.attribute("fill").unwrap_or_default().to_string(),
            }),
            "polyline" => drawn.lines.push(Line {
                points: n
                    .attribute("points")
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|p| p.split_once(','))
                    .map(|(x, y)| (x.parse().expect("x"), y.parse().expect("y")))
                    .collect(),
                stroke: n.attribute("stroke").unwrap_or_default().to_string(),
                width: number(n, "stroke-width"),
            }),
            "text" => drawn.texts.push(Text {
                text: n.text().unwrap_or_default().trim().to_string(),
                x: number(n, "x"),
                y: number(n, "y"),
            }),
            _ => {}
        }
    }
    drawn
}
