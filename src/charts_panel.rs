//! The charts panel under the map: getting data in, the preview, and the funnel and trend
//! views. It opens on the data kept with the map, else on the sample event log
//! (`public/sample-events.csv`, made by `favo generate` to match the sample map): see
//! `datasets.rs`.

use favo_core::insight::{steps_from_path, steps_from_phases};
use leptos::prelude::*;

use crate::analysis::{use_analysis, Analysis};
use crate::data_bar::{load_pasted, DataBar};
use crate::data_preview::DataPreview;
use crate::datasets;
use crate::funnel_card::FunnelCard;
use crate::i18n::*;
use crate::state::{use_ctx, Ctx};
use crate::trend_card::TrendCard;

/// Steps for a new funnel: the map's measured events in phase order when there are two or
/// more, else the data's five most frequent events.
fn default_steps(ctx: Ctx, names: &[String]) -> Vec<String> {
    let from_map = ctx.editor.with_untracked(|e| steps_from_phases(e.journey(), names));
    if from_map.len() >= 2 {
        from_map
    } else {
        names.iter().take(5).cloned().collect()
    }
}

fn event_names(analysis: Analysis) -> Vec<String> {
    analysis.current.with_untracked(|c| c.as_ref().and_then(|c| c.log.as_ref()).map(|l| l.names.iter().map(|(n, _)| n.clone()).collect()).unwrap_or_default())
}

/// Replaces the funnel's steps with the open persona's path, or else the phase order.
pub fn funnel_from_map(ctx: Ctx, analysis: Analysis) {
    let names = event_names(analysis);
    let persona = ctx.persona.get_untracked();
    let steps = ctx.editor.with_untracked(|e| {
        let j = e.journey();
        persona.and_then(|p| j.persona(p)).map(|p| steps_from_path(j, p, &names)).filter(|s| s.len() >= 2).unwrap_or_else(|| steps_from_phases(j, &names))
    });
    if !steps.is_empty() {
        analysis.funnel_query.update(|q| q.steps = steps);
    }
}

#[component]
pub fn ChartsPanel() -> impl IntoView {
    let ctx = use_ctx();
    let analysis = use_analysis();
    let i18n = use_i18n();
    // New data: fresh steps (the old ones may not exist in it) and no breakdown.
    Effect::new(move |_| {
        let Some((log, steps)) = analysis.current.with(|c| c.as_ref().map(|c| (c.log.is_some(), c.steps.clone()))) else { return };
        let steps = if log { default_steps(ctx, &event_names(analysis)) } else { steps };
        analysis.funnel_query.update(|q| {
            q.steps = steps;
            q.breakdown = None;
        });
        analysis.trend_query.update(|q| {
            q.events.clear();
            q.breakdown = None;
        });
    });
    datasets::provide(ctx, analysis);
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let target_is_field = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok()).is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        let text = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()).unwrap_or_default();
        if !target_is_field && load_pasted(analysis, &text) {
            ev.prevent_default();
        }
    };
    view! {
        <section id="charts" class="charts" aria-label=move || t_string!(i18n, charts_title).to_string() hidden=move || !ctx.charts_open.get()
            tabindex="-1" on:paste=on_paste>
            <DataBar/>
            <DataPreview/>
            <div class="chart-cards">
                <FunnelCard/>
                <TrendCard/>
            </div>
        </section>
    }
}
