//! `<favo-chart>`: a funnel or a trend from a data file next to the page, drawn by the same
//! code as the app's charts and `favo render`. Its options are the command line's
//! (`favo_core::insight::spec`), as attributes. Under it, the numbers as a table ("Show
//! data"), which is also what a screen reader reads.

use std::cell::RefCell;
use std::rc::Rc;

use favo_core::chart::funnel::{self, Base, FunnelView};
use favo_core::chart::{tooltip, trend};
use favo_core::ingest::stream::{Dataset, Options, Reader};
use favo_core::insight::spec::{Chart, ChartSpec, Kind, SWITCHES};
use favo_core::Lang;
use leptos_i18n::td_string;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, PointerEvent};

use super::dom::{self, add};
use super::{attribute, fetch_bytes, height, locale, Slot, SlotRef};
use crate::plot;

/// The viewer reads its data on the page's thread, so it takes files an embed is made for
/// (a pre-aggregated table, a campaign's log), not a warehouse export: the app's worker
/// is for those.
const MAX_DATA_BYTES: f64 = 32e6;
const DEFAULT_HEIGHT: u32 = 320;

struct ChartView {
    chart: Chart,
    base: Base,
    lang: Lang,
    canvas: HtmlCanvasElement,
    tip: HtmlElement,
    size: (u32, u32),
}

/// The chart the element's attributes ask for; the error names the attribute.
fn spec(host: &HtmlElement) -> Result<ChartSpec, String> {
    let kind = match attribute(host, "type").as_deref() {
        Some("funnel") | None => Kind::Funnel,
        Some("trend") => Kind::Trend,
        Some(other) => return Err(format!("type is funnel or trend, not \"{other}\"")),
    };
    let mut spec = ChartSpec::new(kind);
    let names = host.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        if !spec.takes(&name) {
            continue; // the element's own attributes (type, data, lang, theme …)
        }
        let value = host.get_attribute(&name).unwrap_or_default();
        // A switch written alone (`<favo-chart unique>`) is on.
        let value = if SWITCHES.contains(&name.as_str()) && value.is_empty() { "true".to_owned() } else { value };
        spec.set(&name, &value)?;
    }
    Ok(spec)
}

pub fn mount(host: &HtmlElement, widget: &HtmlElement, lang: Lang, slot: &SlotRef) {
    let l = locale(lang);
    let spec = match spec(host) {
        Ok(s) => s,
        Err(why) => return dom::show_error(widget, td_string!(l, embed_chart_error), &why),
    };
    let Some(src) = attribute(host, "data") else {
        return dom::show_error(widget, td_string!(l, embed_chart_error), "a <favo-chart> needs data=\"events.csv\"");
    };
    let base = if attribute(host, "base").as_deref() == Some("previous") { Base::FromPrevious } else { Base::FromStart };
    let height = height(host).unwrap_or(DEFAULT_HEIGHT);
    let caption = attribute(host, "caption");
    let status = add(widget, "p", "status", td_string!(l, embed_loading));
    let _ = status.set_attribute("role", "status");
    let (widget, weak) = (widget.clone(), Rc::downgrade(slot));
    wasm_bindgen_futures::spawn_local(async move {
        let answer = answer(&src, &spec).await;
        let Some(slot) = weak.upgrade() else { return };
        match answer {
            Ok(chart) => show(&widget, chart, base, lang, height, caption.as_deref(), &slot),
            Err(why) => dom::show_error(&widget, td_string!(l, embed_chart_error), &why),
        }
    });
}

async fn answer(src: &str, spec: &ChartSpec) -> Result<Chart, String> {
    let bytes = fetch_bytes(src, MAX_DATA_BYTES).await?;
    let data = read_in_slices(&bytes).await.map_err(|e| format!("{src}: {e}"))?;
    drop(bytes);
    next_task().await;
    spec.report(&data).map_err(|e| format!("{src}: {e}"))
}

/// How much of a file is read between two turns of the host page's event loop: a few
/// milliseconds of work.
const SLICE_BYTES: usize = 256 * 1024;

/// Reads a file a slice at a time, handing the page back between slices: the viewer runs on
/// the host page's thread (it has no worker), and a large file read in one go blocked it
/// for over half a second (29 MB), frozen for the reader and for every other widget.
async fn read_in_slices(bytes: &[u8]) -> Result<Dataset, favo_core::ingest::raw::RawError> {
    let mut reader = Reader::new(Options::default());
    for slice in bytes.chunks(SLICE_BYTES) {
        reader.push(slice)?;
        next_task().await;
    }
    next_task().await;
    reader.finish()
}

/// Resolves in a later task of the event loop, so that input and painting come first. A
/// message to itself rather than a timer, which the browser would stretch to 4 ms each after
/// a few in a row.
async fn next_task() {
    let tick = js_sys::Promise::new(&mut |resolve, _| match web_sys::MessageChannel::new() {
        Ok(channel) => {
            channel.port1().set_onmessage(Some(&resolve));
            let _ = channel.port2().post_message(&wasm_bindgen::JsValue::UNDEFINED);
        }
        Err(_) => drop(resolve.call0(&wasm_bindgen::JsValue::UNDEFINED)),
    });
    let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
}

fn show(widget: &HtmlElement, chart: Chart, base: Base, lang: Lang, height: u32, caption: Option<&str>, slot: &SlotRef) {
    let l = locale(lang);
    widget.set_text_content(None);
    if let Some(caption) = caption {
        add(widget, "p", "caption", caption);
    }
    let stage = add(widget, "div", "stage chart", "");
    dom::set_style(&stage, "height", &format!("{height}px"));
    let canvas: HtmlCanvasElement = add(&stage, "canvas", "", "").unchecked_into();
    let _ = canvas.set_attribute("role", "img");
    let name = match &chart {
        Chart::Funnel(_) => td_string!(l, embed_funnel_label),
        Chart::Trend(_) => td_string!(l, embed_trend_label),
    };
    let _ = canvas.set_attribute("aria-label", name);
    let tip = dom::tooltip(&stage);
    data_table(widget, &chart, lang);
    let view = Rc::new(RefCell::new(ChartView { chart, base, lang, canvas: canvas.clone(), tip, size: (0, 0) }));
    let (weak, watched) = (Rc::downgrade(&view), stage.clone());
    Slot::on_resize(slot, &stage, move || {
        if let Some(view) = weak.upgrade() {
            let size = (watched.client_width().max(0) as u32, watched.client_height().max(0) as u32);
            paint(&mut view.borrow_mut(), size);
        }
    });
    let v = view.clone();
    Slot::on(slot, &canvas, "pointermove", move |ev| {
        let ev: PointerEvent = ev.unchecked_into();
        hover(&v.borrow(), (f64::from(ev.offset_x()), f64::from(ev.offset_y())));
    });
    let v = view.clone();
    Slot::on(slot, &canvas, "pointerleave", move |_| v.borrow().tip.set_hidden(true));
}

fn paint(v: &mut ChartView, size: (u32, u32)) {
    if size.0 == 0 || size.1 == 0 || size == v.size {
        return; // hidden, or drawn at this size already
    }
    v.size = size;
    let (lang, base) = (v.lang, v.base);
    let drawn = plot::paint(&v.canvas, size, |area, scale| match &v.chart {
        Chart::Funnel(r) => funnel::draw_with_histogram(area, r, &FunnelView { base, highlight: None }, lang, scale).map_err(|e| e.to_string()),
        Chart::Trend(r) => trend::draw(area, r, lang, scale).map_err(|e| e.to_string()),
    });
    if let Err(why) = drawn {
        let _ = v.canvas.set_attribute("aria-description", &why);
    }
}

/// The exact values under the pointer.
fn hover(v: &ChartView, at: (f64, f64)) {
    let text = match &v.chart {
        Chart::Funnel(r) => tooltip::for_funnel(r, v.size, at, v.lang),
        Chart::Trend(r) => tooltip::for_trend(r, v.size, at, v.lang),
    };
    let Some(text) = text else {
        v.tip.set_hidden(true);
        return;
    };
    dom::show_tip(&v.tip, &[text], at);
}

/// The chart's numbers as a table, folded under "Show data".
fn data_table(widget: &HtmlElement, chart: &Chart, lang: Lang) {
    let (headers, rows) = match chart {
        Chart::Funnel(r) => funnel::table(r, lang),
        Chart::Trend(r) => trend::table(r, lang),
    };
    let details = add(widget, "details", "data", "");
    add(&details, "summary", "", td_string!(locale(lang), show_data));
    let table = add(&details, "table", "", "");
    let head = add(&add(&table, "thead", "", ""), "tr", "", "");
    for h in &headers {
        let th = add(&head, "th", "", h);
        let _ = th.set_attribute("scope", "col");
    }
    let body = add(&table, "tbody", "", "");
    for row in &rows {
        let tr = add(&body, "tr", "", "");
        for (i, cell) in row.iter().enumerate() {
            let td = add(&tr, if i == 0 { "th" } else { "td" }, "", cell);
            if i == 0 {
                let _ = td.set_attribute("scope", "row");
            }
        }
    }
}
