//! A chart's canvas: sized in device pixels so it stays sharp on HiDPI screens, redrawn
//! when its container resizes, with a hover tooltip. What it draws is the core's chart code
//! through plotters-canvas; the caller's `paint` says which chart.

use leptos::html;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::ResizeObserver;

pub use crate::plot::{paint, Canvas};

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
