//! The honeycomb meets the data: counts on the measured cells, the map tinted by a metric
//! with its legend, and a funnel step and its cells picked together, from either side.
//! What to draw is `favo_core::scene::measures`; this wires it to the charts' data.

use std::collections::HashMap;

use favo_core::insight::{steps_from_phases, FunnelQuery};
use favo_core::scene::measures::{self, tint_color, MapData, Metric, Tint};
use favo_core::scene::palette::NO_VALUE;
use leptos::prelude::*;

use crate::analysis::{use_analysis, Analysis};
use crate::i18n::*;
use crate::state::{use_ctx, Ctx};

/// The data's event counts: the log's, or for a table of counts the users at each step of
/// the funnel drawn from it.
fn event_counts(analysis: Analysis) -> HashMap<String, u64> {
    let from_log = analysis.current.with(|c| c.as_ref().and_then(|c| c.log.as_ref()).map(|l| l.names.iter().cloned().collect::<HashMap<_, _>>()));
    from_log.unwrap_or_else(|| {
        let counts = analysis.current.with(|c| c.as_ref().is_some_and(|c| c.log.is_none()));
        analysis.funnel.with(|f| match f {
            Some(Ok(r)) if counts => r.steps.iter().map(|s| (s.event.clone(), s.users)).collect(),
            _ => HashMap::new(),
        })
    })
}

/// Keeps `ctx.map_data` up to date, asks for the funnel the conversion tint needs, and
/// links a selected cell to its funnel step.
pub fn start(ctx: Ctx, analysis: Analysis) {
    // The conversion tint's funnel: the map's phase order over the data's events, asked
    // again when the data or the map changes while the tint is on.
    Effect::new(move |_| {
        ctx.revision.track();
        ctx.generation.track();
        if analysis.tint.get() != Metric::Conversion || analysis.current.with(Option::is_none) {
            return;
        }
        let names: Vec<String> = event_counts(analysis).into_keys().collect();
        let steps = ctx.editor.with_untracked(|e| steps_from_phases(e.journey(), &names));
        analysis.request_map_funnel((steps.len() >= 2).then(|| FunnelQuery { steps, ..FunnelQuery::default() }));
    });
    Effect::new(move |_| {
        ctx.revision.track();
        ctx.generation.track();
        if analysis.current.with(Option::is_none) {
            ctx.map_data.set(MapData::default());
            return;
        }
        let counts = ctx.editor.with_untracked(|e| measures::cell_counts(e.journey(), &event_counts(analysis)));
        let tint = match analysis.tint.get() {
            Metric::None => None,
            Metric::Count => Tint::by_count(&counts),
            Metric::Conversion => analysis.map_funnel.with(|r| r.as_ref().and_then(|r| ctx.editor.with_untracked(|e| Tint::by_conversion(e.journey(), r)))),
        };
        let data = MapData { counts, tint, highlight: analysis.highlight.get() };
        if ctx.map_data.with_untracked(|d| *d != data) {
            ctx.map_data.set(data);
        }
    });
    // Selecting a measured cell picks its step in the funnel; any other selection lets go.
    Effect::new(move |_| {
        let selection = ctx.selection.get();
        let steps = analysis.funnel_query.with_untracked(|q| q.steps.clone());
        let step = ctx.editor.with_untracked(|e| {
            selection.iter().filter_map(|id| e.journey().get(*id)).flat_map(measures::cell_events).find(|ev| steps.iter().any(|s| s == ev)).map(str::to_owned)
        });
        if analysis.highlight.get_untracked() != step {
            analysis.highlight.set(step);
        }
    });
}

/// The side panel's "Data on the map": what is measured, the tint and its legend.
#[component]
pub fn MapDataPanel() -> impl IntoView {
    let ctx = use_ctx();
    let analysis = use_analysis();
    let i18n = use_i18n();
    let layer = ctx.map_data;
    let measured = move || layer.with(|d| d.counts.len());
    let tint = move || layer.with(|d| d.tint.clone());
    let scale = move || {
        tint().map(|t| {
            let lang = ctx.lang.get();
            let gradient = format!("linear-gradient(to right, {}, {})", tint_color(0.0), tint_color(1.0));
            let (low, high) = (t.format(t.low, lang), t.format(t.high, lang));
            view! {
                <div class="tint-scale">
                    <span id="tint-low">{low}</span>
                    <span class="tint-bar" style:background=gradient aria-hidden="true"></span>
                    <span id="tint-high">{high}</span>
                </div>
                <p class="muted" hidden=!t.log>{t!(i18n, tint_log_scale)}</p>
                <p class="tint-none"><span class="swatch" style:background=NO_VALUE></span>{t!(i18n, tint_no_value)}</p>
            }
        })
    };
    view! {
        <section class="panel map-data" aria-labelledby="map-data-title" hidden=move || analysis.current.with(Option::is_none)>
            <h2 id="map-data-title">{t!(i18n, map_data_title)}</h2>
            <p id="map-data-measured" class="muted">{move || {
                let cells = measured();
                t!(i18n, map_data_measured, cells)
            }}</p>
            <label>{t!(i18n, tint_by)} " "
                <select id="tint-by" on:change=move |ev| analysis.tint.set(Metric::from_key(&event_target_value(&ev)).unwrap_or_default())>
                    <option value="none" selected=move || analysis.tint.get() == Metric::None>{t!(i18n, tint_phases)}</option>
                    <option value="count" selected=move || analysis.tint.get() == Metric::Count>{t!(i18n, tint_count)}</option>
                    <option value="conversion" selected=move || analysis.tint.get() == Metric::Conversion>{t!(i18n, tint_conversion)}</option>
                </select>
            </label>
            {scale}
        </section>
    }
}
