//! Charts on a canvas, with no framework: plotters-canvas measuring text on the canvas
//! itself, and a canvas sized in device pixels. The app's chart components and the embedded
//! viewer both draw through here.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The screen's device pixel ratio (1 when the browser gives nothing usable).
pub fn device_scale() -> f64 {
    web_sys::window().map(|w| w.device_pixel_ratio()).filter(|s| s.is_finite() && *s > 0.0).unwrap_or(1.0)
}

/// plotters-canvas, measuring text with the canvas's own `measureText`. plotters measures
/// text on the web by laying out a `<span>` with a `style` attribute: a DOM layout per label,
/// and a violation of the `style-src 'self'` policy the pages run under (issue 6). Every
/// other call goes to plotters-canvas.
pub struct Canvas {
    inner: CanvasBackend,
    context: web_sys::CanvasRenderingContext2d,
}

type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
type Failed = DrawingErrorKind<CanvasError>;

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Failed> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Failed> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failed> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), Failed> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Result<(), Failed> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), Failed> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), Failed> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), Failed> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), Failed> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Failed> {
        // The font string plotters-canvas draws with.
        self.context.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let width = self.context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }
}

/// Sizes `canvas`'s backing store in device pixels for `css` and draws on it.
pub fn paint(
    canvas: &HtmlCanvasElement,
    css: (u32, u32),
    draw: impl FnOnce(&DrawingArea<Canvas, Shift>, f64) -> Result<(), String>,
) -> Result<(), String> {
    let scale = device_scale();
    canvas.set_width((f64::from(css.0) * scale).round() as u32);
    canvas.set_height((f64::from(css.1) * scale).round() as u32);
    let inner = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas has no 2D context")?;
    let context = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into().ok()).ok_or("the canvas has no 2D context")?;
    let area = Canvas { inner, context }.into_drawing_area();
    draw(&area, scale)?;
    area.present().map_err(|e| e.to_string())
}
