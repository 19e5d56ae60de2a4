//! A chart's canvas: sized in device pixels so it stays sharp on HiDPI screens, redrawn
//! when its container resizes, with a hover tooltip. What it draws is the core's chart code
//! through plotters-canvas; the caller's `paint` says which chart.

use leptos::html;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, ResizeObserver};

/// The canvas's size in CSS pixels, followed as it changes; the observer goes with the
/// component.
pub fn css_size(canvas: NodeRef<html::Canvas>) -> RwSignal<(u32, u32)> {
    let size = RwSignal::new((0, 0));
    let observer = StoredValue::new_local(None::<(ResizeObserver, Closure<dyn Fn()>)>);
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let watched = el.clone();
        let on_resize = Closure::<dyn Fn()>::new(move || {
            let now = (watched.client_width().max(0) as u32, watched.client_height().max(0) as u32);
            if size.get_untracked() != now {
                size.set(now);
            }
        });
        if let Ok(o) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            o.observe(&el);
            observer.set_value(Some((o, on_resize)));
        }
    });
    on_cleanup(move || {
        if let Some(Some((o, _))) = observer.try_update_value(Option::take) {
            o.disconnect();
        }
    });
    size
}

/// The screen's device pixel ratio (1 when the browser gives nothing usable).
pub fn device_scale() -> f64 {
    Some(window().device_pixel_ratio()).filter(|s| s.is_finite() && *s > 0.0).unwrap_or(1.0)
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

/// A click on a chart: the size it is drawn at and the point, in CSS pixels.
pub type Pick = ((u32, u32), (f64, f64));

/// A chart on a canvas as wide as its container. `draw` paints it (reading the signals it
/// needs, so it is redrawn when they change); `tooltip` gives the text under a point (CSS
/// pixels from the canvas's top left) for the canvas's size.
#[component]
pub fn ChartCanvas<D, T>(
    /// The element id of the canvas (tests and exports find it by id).
    id: &'static str,
    /// The accessible name: what the chart shows, in words.
    #[prop(into)]
    label: Signal<String>,
    /// Height in CSS pixels.
    height: u32,
    /// Draws the chart on an area of the given device-pixel scale.
    draw: D,
    /// The tooltip text at a point, if any.
    tooltip: T,
    /// A click at a point of a chart drawn this big (CSS pixels).
    #[prop(optional)]
    on_pick: Option<Callback<Pick>>,
) -> impl IntoView
where
    D: Fn(&DrawingArea<Canvas, Shift>, f64) -> Result<(), String> + Copy + 'static,
    T: Fn((u32, u32), (f64, f64)) -> Option<String> + Copy + 'static,
{
    let canvas = NodeRef::<html::Canvas>::new();
    let size = css_size(canvas);
    let error = RwSignal::new(None::<String>);
    let tip = RwSignal::new(None::<(f64, f64, String)>);
    Effect::new(move |_| {
        let css = size.get();
        let Some(el) = canvas.get() else { return };
        if css.0 == 0 || css.1 == 0 {
            return; // hidden: drawn once it shows
        }
        error.set(paint(&el, css, draw).err());
    });
    let on_move = move |ev: web_sys::PointerEvent| {
        let at = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        tip.set(tooltip(size.get_untracked(), at).map(|text| (at.0, at.1, text)));
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(pick) = on_pick {
            pick.run((size.get_untracked(), (f64::from(ev.offset_x()), f64::from(ev.offset_y()))));
        }
    };
    view! {
        <div class="chart-frame">
            <canvas id=id node_ref=canvas role="img" aria-label=move || label.get()
                class="chart-canvas" style:height=format!("{height}px")
                class:pickable=on_pick.is_some()
                on:pointermove=on_move on:pointerleave=move |_| tip.set(None) on:click=on_click></canvas>
            {move || tip.get().map(|(x, y, text)| view! {
                <div class="chart-tip" role="tooltip" style:left=format!("{}px", x + 12.0) style:top=format!("{}px", y + 12.0)>{text}</div>
            })}
            <p class="muted" role="status" hidden=move || error.with(Option::is_none)>{move || error.get().unwrap_or_default()}</p>
        </div>
    }
}
