//! The trend view: which events, the interval, total events or unique users, a moving
//! average, comparison with the previous period, running totals and a breakdown; the lines
//! with a legend and a hover tooltip, the data as a table, and exports.

use favo_core::chart::trend as chart;
use favo_core::chart::{svg, tooltip};
use favo_core::trend::Interval;
use leptos::prelude::*;

use crate::analysis::use_analysis;
use crate::chart_canvas::ChartCanvas;
use crate::chart_exports::{ChartExports, DataTable};
use crate::i18n::*;
use crate::state::use_ctx;

const INTERVALS: [Interval; 4] = [Interval::Hour, Interval::Day, Interval::Week, Interval::Month];

#[component]
pub fn TrendCard() -> impl IntoView {
    let analysis = use_analysis();
    let ctx = use_ctx();
    let i18n = use_i18n();
    let q = analysis.trend_query;
    let report = Memo::new(move |_| analysis.trend.get().and_then(Result::ok));
    let failure = move || analysis.trend.get().and_then(Result::err);
    let names = move || analysis.current.with(|c| c.as_ref().and_then(|c| c.log.as_ref()).map(|l| l.names.clone()).unwrap_or_default());
    let columns = move || analysis.current.with(|c| c.as_ref().map(|c| c.columns.clone()).unwrap_or_default());
    let toggle_event = move |name: String, on: bool| {
        q.update(|q| {
            q.events.retain(|e| *e != name);
            if on {
                q.events.push(name);
            }
        })
    };
    let interval_name = move |i: Interval| match i {
        Interval::Hour => t_string!(i18n, interval_hour),
        Interval::Day => t_string!(i18n, interval_day),
        Interval::Week => t_string!(i18n, interval_week),
        Interval::Month => t_string!(i18n, interval_month),
    };
    let label = Signal::derive(move || {
        let events = q.with(|q| if q.events.is_empty() { t_string!(i18n, all_events).to_string() } else { q.events.join(", ") });
        format!("{}: {events}", t_string!(i18n, trend_title))
    });
    let draw = move |area: &_, scale| match report.get() {
        Some(r) => chart::draw(area, &r, ctx.lang.get(), scale).map_err(|e| e.to_string()),
        None => Ok(()),
    };
    let tooltip = move |size, at| report.with_untracked(|r| r.as_ref().and_then(|r| tooltip::for_trend(r, size, at, ctx.lang.get_untracked())));
    let table = Signal::derive(move || report.get().map(|r| chart::table(&r, ctx.lang.get())));
    let checked = move |f: fn(&favo_core::insight::TrendQuery) -> bool| move || q.with(f);
    view! {
        <section class="chart-card" id="trend-card" aria-labelledby="trend-title" hidden=move || analysis.current.with(|c| c.as_ref().is_some_and(|c| c.log.is_none()))>
            <h3 id="trend-title">{t!(i18n, trend_title)}</h3>
            <details class="trend-events">
                <summary>{move || label.get()}</summary>
                <div id="trend-events" class="event-list">
                    {move || names().into_iter().map(|(n, c)| {
                        let (name, shown) = (n.clone(), n.clone());
                        view! { <label class="inline"><input type="checkbox" prop:checked=move || q.with(|q| q.events.contains(&n))
                            on:change=move |ev| toggle_event(name.clone(), event_target_checked(&ev))/><bdi>{shown}</bdi>{format!(" ({c})")}</label> }
                    }).collect_view()}
                </div>
            </details>
            <div class="chart-controls">
                <label>{t!(i18n, interval)} " "
                    <select id="trend-interval" on:change=move |ev| q.update(|q| q.interval = Interval::from_key(&event_target_value(&ev)).unwrap_or_default())>
                        {INTERVALS.map(|i| view! { <option value=format!("{i:?}").to_lowercase() selected=move || q.with(|q| q.interval == i)>{move || interval_name(i)}</option> }).collect_view()}
                    </select>
                </label>
                <label class="inline"><input id="trend-unique" type="checkbox" prop:checked=checked(|q| q.unique) on:change=move |ev| q.update(|q| q.unique = event_target_checked(&ev))/>{t!(i18n, unique_users)}</label>
                <label class="inline"><input id="trend-compare" type="checkbox" prop:checked=checked(|q| q.compare) on:change=move |ev| q.update(|q| q.compare = event_target_checked(&ev))/>{t!(i18n, compare_previous)}</label>
                <label class="inline"><input id="trend-cumulative" type="checkbox" prop:checked=checked(|q| q.cumulative) on:change=move |ev| q.update(|q| q.cumulative = event_target_checked(&ev))/>{t!(i18n, cumulative)}</label>
                <label>{t!(i18n, moving_average)} " "
                    <input id="trend-average" type="number" min="0" max="90" class="narrow-number" prop:value=move || q.with(|q| q.moving_average.unwrap_or(0)).to_string()
                        on:change=move |ev| q.update(|q| q.moving_average = event_target_value(&ev).parse().ok().filter(|n| *n > 1))/>
                </label>
                <label>{t!(i18n, breakdown)} " "
                    <select id="trend-breakdown" on:change=move |ev| { let v = event_target_value(&ev); q.update(|q| q.breakdown = Some(v).filter(|v| !v.is_empty())) }>
                        <option value="">{t!(i18n, breakdown_none)}</option>
                        {move || columns().into_iter().map(|c| view! { <option value=c.clone() selected=q.with_untracked(|q| q.breakdown.as_ref() == Some(&c))>{c.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <p class="muted" role="alert" hidden=move || failure().is_none()>{failure}</p>
            <ChartCanvas id="trend-chart" label height=280 draw tooltip/>
            <DataTable id="trend-table" caption=label table/>
            <ChartExports name="trend" canvas="trend-chart" table
                svg=move |w, h| report.get_untracked().and_then(|r| svg((w, h), |area| chart::draw(area, &r, ctx.lang.get_untracked(), 1.0).map_err(|e| e.to_string())).ok())/>
        </section>
    }
}
