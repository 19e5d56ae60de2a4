//! A persona's emotion curve in the browser: the core's `chart::emotion::draw` painted on a
//! canvas through plotters-canvas, redrawn when the path, the language, the as-is / to-be
//! switch or the canvas size changes. The canvas is sized in device pixels so it stays
//! sharp on HiDPI screens; a visually hidden table gives screen readers the same scores.

use std::sync::atomic::{AtomicUsize, Ordering};

use favo_core::chart::emotion::{self, EmotionSeries, Variant};
use favo_core::{Lang, PersonaId};
use leptos::html;
use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::chart_canvas::{self, css_size};

use crate::i18n::*;
use crate::state::use_ctx;

/// Gives each chart's radio group a name of its own.
static CHARTS: AtomicUsize = AtomicUsize::new(0);

#[component]
pub fn EmotionChart(
    /// The persona whose curve is drawn; `None` shows nothing.
    #[prop(into)]
    persona: Signal<Option<PersonaId>>,
    /// Height of the chart in CSS pixels; it takes the full width of its container.
    #[prop(default = 220)]
    height: u32,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let canvas = NodeRef::<html::Canvas>::new();
    let variant = RwSignal::new(Variant::Both);
    let error = RwSignal::new(None::<String>);
    let id = format!("emotion-chart-{}", CHARTS.fetch_add(1, Ordering::Relaxed));
    let group = format!("{id}-variant");
    let series = Memo::new(move |_| {
        let id = persona.get()?;
        ctx.editor.with(|e| {
            e.journey()
                .persona(id)
                .map(|p| emotion::series(e.journey(), p))
        })
    });

    let size = css_size(canvas);

    Effect::new(move |_| {
        let (lang, variant, (w, h)) = (ctx.lang.get(), variant.get(), size.get());
        let Some(el) = canvas.get() else { return };
        if w == 0 || h == 0 {
            return; // hidden (a closed panel): drawn once it shows
        }
        let painted = series.with(|s| s.as_ref().map(|s| paint(&el, s, variant, lang, (w, h))));
        error.set(painted.and_then(Result::err));
    });

    let name = move || series.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let steps = move || series.with(|s| s.as_ref().map_or(0, |s| s.steps.len()));
    // Interpolated translations are views, so the canvas takes its name from a hidden one.
    let label = move || match steps() {
        0 => t!(i18n, emotion_chart_empty, name).into_any(),
        _ => t!(i18n, emotion_chart_label, name, steps).into_any(),
    };
    let switch = move |v: Variant| {
        let text = move || match v {
            Variant::AsIs => t_string!(i18n, emotion_as_is),
            Variant::ToBe => t_string!(i18n, emotion_to_be),
            Variant::Both => t_string!(i18n, emotion_both),
        };
        view! {
            <label class="inline">
                <input type="radio" name=group.clone() value=v.key() prop:checked=move || variant.get() == v
                    on:change=move |_| variant.set(v)/>
                {text}
            </label>
        }
    };
    view! {
        <section class="emotion-chart" hidden=move || series.with(Option::is_none)>
            <h3 class="muted">{t!(i18n, emotion_title)}</h3>
            <fieldset class="emotion-switches">
                <legend class="visually-hidden">{t!(i18n, emotion_show)}</legend>
                {Variant::ALL.map(switch).collect_view()}
            </fieldset>
            <span id=format!("{id}-label") hidden>{label}</span>
            <canvas node_ref=canvas role="img" aria-labelledby=format!("{id}-label")
                class="chart-canvas" style:height=format!("{height}px")></canvas>
            <p class="muted" role="status" hidden=move || error.with(Option::is_none)>
                {t!(i18n, emotion_failed, reason = move || error.get().unwrap_or_default())}
            </p>
            <table class="visually-hidden">
                <caption>{t!(i18n, emotion_table, name)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, emotion_step)}</th>
                        <th scope="col">{t!(i18n, emotion_cell)}</th>
                        <th scope="col">{t!(i18n, step_as_is)}</th>
                        <th scope="col">{t!(i18n, step_to_be)}</th>
                        <th scope="col">{t!(i18n, step_note)}</th>
                    </tr>
                </thead>
                <tbody>{move || rows(series.get(), ctx.lang.get(), t_string!(i18n, unlabelled).to_string())}</tbody>
            </table>
        </section>
    }
}

/// One row per step: its number, cell, both scores with their meaning, and the note.
fn rows(series: Option<EmotionSeries>, lang: Lang, unlabelled: String) -> impl IntoView {
    let steps = series.map(|s| s.steps).unwrap_or_default();
    steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let cell = if s.label.trim().is_empty() {
                unlabelled.clone()
            } else {
                s.label
            };
            view! {
                <tr>
                    <td>{i + 1}</td>
                    <td>{cell}</td>
                    <td>{emotion::tick_label(s.as_is, lang)}</td>
                    <td>{emotion::tick_label(s.to_be, lang)}</td>
                    <td>{s.note}</td>
                </tr>
            }
        })
        .collect_view()
}

/// Draws the curve on the canvas at its CSS size.
fn paint(canvas: &HtmlCanvasElement, series: &EmotionSeries, variant: Variant, lang: Lang, css: (u32, u32)) -> Result<(), String> {
    chart_canvas::paint(canvas, css, |area, scale| emotion::draw(area, series, variant, lang, scale).map_err(|e| e.to_string()))
}
