//! What every chart has besides its picture: its numbers as a table ("show data", also
//! what screen readers read), and exports as PNG (the canvas), SVG (the same drawing code
//! through plotters' SVG backend) and CSV (formula-safe, from the same table).

use favo_core::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::files;
use crate::i18n::*;

/// A chart's numbers: column headers and rows of text.
pub type Table = (Vec<String>, Vec<Vec<String>>);

#[component]
pub fn DataTable(
    /// The table's element id.
    id: &'static str,
    /// What the table shows.
    #[prop(into)]
    caption: Signal<String>,
    /// The numbers, when there are any.
    table: Signal<Option<Table>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    view! {
        <div class="data-table">
            <button class="link" aria-expanded=move || shown.get().to_string() aria-controls=id on:click=move |_| shown.update(|s| *s = !*s)>
                {move || if shown.get() { t_string!(i18n, hide_data) } else { t_string!(i18n, show_data) }}
            </button>
            // Hidden visually until asked for, but always there for screen readers.
            <table id=id class=move || if shown.get() { "" } else { "visually-hidden" }>
                <caption>{move || caption.get()}</caption>
                <thead><tr>{move || table.get().map(|(h, _)| h.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view())}</tr></thead>
                <tbody>{move || table.get().map(|(_, rows)| rows.into_iter().map(|row| view! {
                    <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                }).collect_view())}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ChartExports<S>(
    /// The file names' stem: `funnel` gives funnel.png, funnel.svg, funnel.csv.
    name: &'static str,
    /// The element id of the chart's canvas.
    canvas: &'static str,
    /// The numbers, for the CSV.
    table: Signal<Option<Table>>,
    /// The chart as SVG at a size in CSS pixels, when there is one.
    svg: S,
) -> impl IntoView
where
    S: Fn(u32, u32) -> Option<String> + Copy + 'static,
{
    let i18n = use_i18n();
    let lang = crate::state::use_ctx().lang;
    let element = move || document().get_element_by_id(canvas).and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok());
    let png = move |_| {
        if let Some(url) = element().and_then(|c| c.to_data_url_with_type("image/png").ok()) {
            files::download_url(&format!("{name}.png"), &url);
        }
    };
    let svg_out = move |_| {
        let size = element().map_or((800, 400), |c| (c.client_width().max(320) as u32, c.client_height().max(200) as u32));
        if let Some(text) = svg(size.0, size.1) {
            files::download(&format!("{name}.svg"), &text, "image/svg+xml");
        }
    };
    let csv = move |_| {
        if let Some((headers, rows)) = table.get_untracked() {
            // Italian spreadsheets read `;`-separated files; English ones `,`.
            let delimiter = if lang.get_untracked() == Lang::It { b';' } else { b',' };
            files::download(&format!("{name}.csv"), &favo_core::chart::csv(&headers, &rows, delimiter), "text/csv");
        }
    };
    view! {
        <div class="chart-exports" role="group" aria-label=move || t_string!(i18n, export).to_string()>
            <button id=format!("{name}-png") on:click=png>"PNG"</button>
            <button id=format!("{name}-svg") on:click=svg_out>"SVG"</button>
            <button id=format!("{name}-csv") on:click=csv>"CSV"</button>
        </div>
    }
}
