//! The funnel view: its steps (a searchable list of the data's event names, reordered with
//! buttons), order mode, conversion window, breakdown and conversion base; the chart with a
//! hover tooltip, the time-to-convert histogram, the data as a table, and exports.

use favo_core::chart::funnel::{self as chart, Base, FunnelView};
use favo_core::chart::{svg, tooltip};
use favo_core::funnel::{Order, WINDOW_UNITS};
use favo_core::insight::FunnelReport;
use leptos::prelude::*;

use crate::analysis::use_analysis;
use crate::chart_canvas::{ChartCanvas, Pick};
use crate::chart_exports::{ChartExports, DataTable};
use crate::i18n::*;
use crate::state::use_ctx;

/// The window's units in the form: the core's, less seconds (too fine for a funnel).
const UNITS: &[(&str, i64)] = WINDOW_UNITS.split_at(1).1;

#[component]
pub fn FunnelCard() -> impl IntoView {
    let analysis = use_analysis();
    let ctx = use_ctx();
    let i18n = use_i18n();
    let q = analysis.funnel_query;
    let base = RwSignal::new(Base::FromStart);
    let adding = RwSignal::new(String::new());
    let unit = RwSignal::new(2usize);
    let report = Memo::new(move |_| analysis.funnel.get().and_then(Result::ok));
    let failure = move || analysis.funnel.get().and_then(Result::err);
    // The picked step, from this chart or from a cell on the map.
    let picked = move || {
        let event = analysis.highlight.get()?;
        report.with(|r| r.as_ref()?.steps.iter().position(|s| s.event == event))
    };
    let view_of = move || FunnelView { base: base.get(), highlight: picked() };
    let pick = move |event: String| analysis.highlight.update(|h| *h = if h.as_ref() == Some(&event) { None } else { Some(event) });
    let on_pick = Callback::new(move |(size, at): Pick| {
        let event = report.with_untracked(|r| r.as_ref().and_then(|r| chart::hit(r, size, at)).and_then(|h| r.as_ref().map(|r| r.steps[h.step].event.clone())));
        if let Some(event) = event {
            pick(event);
        }
    });
    let names = move || analysis.current.with(|c| c.as_ref().and_then(|c| c.log.as_ref()).map(|l| l.names.clone()).unwrap_or_default());
    let counts = move || analysis.current.with(|c| c.as_ref().is_some_and(|c| c.log.is_none()));
    let columns = move || analysis.current.with(|c| c.as_ref().map(|c| c.columns.clone()).unwrap_or_default());
    let edit_steps = move |f: &dyn Fn(&mut Vec<String>)| q.update(|q| f(&mut q.steps));
    let add = move || {
        let name = adding.get_untracked().trim().to_string();
        if !name.is_empty() {
            edit_steps(&|s| s.push(name.clone()));
            adding.set(String::new());
        }
    };
    let step_item = move |(i, name): (usize, String)| {
        let last = q.with(|q| q.steps.len()) - 1;
        view! {
            <li>
                <button class="step-pick" title=move || t_string!(i18n, funnel_step_pick).to_string()
                    aria-pressed={ let name = name.clone(); move || (analysis.highlight.get().as_ref() == Some(&name)).to_string() }
                    on:click={ let name = name.clone(); move |_| pick(name.clone()) }><bdi>{name.clone()}</bdi></button>
                <button aria-label=format!("{} {name}", t_string!(i18n, move_up)) disabled=i == 0 on:click=move |_| edit_steps(&|s| s.swap(i, i - 1))>"↑"</button>
                <button aria-label=format!("{} {name}", t_string!(i18n, move_down)) disabled=i == last on:click=move |_| edit_steps(&|s| s.swap(i, i + 1))>"↓"</button>
                <button aria-label=format!("{} {name}", t_string!(i18n, remove)) on:click=move |_| edit_steps(&|s| { s.remove(i); })>"×"</button>
            </li>
        }
    };
    let window_value = move || q.with(|q| q.window_ms) / UNITS[unit.get()].1;
    let set_window = move |n: i64| q.update(|q| q.window_ms = n.max(1) * UNITS[unit.get_untracked()].1);
    let label = Signal::derive(move || {
        let steps = q.with(|q| q.steps.join(" → "));
        format!("{}: {steps}", t_string!(i18n, funnel_title))
    });
    let draw = move |area: &_, scale| match report.get() {
        Some(r) => chart::draw(area, &r, &view_of(), ctx.lang.get(), scale).map_err(|e| e.to_string()),
        None => Ok(()),
    };
    let tooltip = move |size, at| report.with_untracked(|r| r.as_ref().and_then(|r| tooltip::for_funnel(r, size, at, ctx.lang.get_untracked())));
    let histogram = move |area: &_, scale| match report.get() {
        Some(r) => chart::draw_histogram(area, &r, ctx.lang.get(), scale).map_err(|e| e.to_string()),
        None => Ok(()),
    };
    let table = Signal::derive(move || report.get().map(|r: FunnelReport| chart::table(&r, ctx.lang.get())));
    view! {
        <section class="chart-card" id="funnel-card" aria-labelledby="funnel-title">
            <h3 id="funnel-title">{t!(i18n, funnel_title)}</h3>
            <ol id="funnel-steps" class="funnel-steps">{move || q.with(|q| q.steps.clone()).into_iter().enumerate().map(step_item).collect_view()}</ol>
            <div class="chart-controls">
                <input id="funnel-add" list="event-names" placeholder=move || t_string!(i18n, funnel_add_hint).to_string() aria-label=move || t_string!(i18n, funnel_add).to_string()
                    prop:value=move || adding.get() on:input=move |ev| adding.set(event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { add() }/>
                <datalist id="event-names">{move || names().into_iter().map(|(n, c)| view! { <option value=n.clone()>{format!("{n} ({c})")}</option> }).collect_view()}</datalist>
                <button id="funnel-add-button" on:click=move |_| add()>{t!(i18n, funnel_add)}</button>
                <button id="funnel-from-map" on:click=move |_| crate::charts_panel::funnel_from_map(ctx, analysis)>{t!(i18n, funnel_from_map)}</button>
            </div>
            <div class="chart-controls" hidden=counts>
                <label>{t!(i18n, funnel_order)} " "
                    <select id="funnel-order" on:change=move |ev| q.update(|q| q.order = match event_target_value(&ev).as_str() { "strict" => Order::Strict, "any" => Order::Any, _ => Order::Ordered })>
                        <option value="ordered" selected=move || q.with(|q| q.order == Order::Ordered)>{t!(i18n, order_ordered)}</option>
                        <option value="strict" selected=move || q.with(|q| q.order == Order::Strict)>{t!(i18n, order_strict)}</option>
                        <option value="any" selected=move || q.with(|q| q.order == Order::Any)>{t!(i18n, order_any)}</option>
                    </select>
                </label>
                <label>{t!(i18n, funnel_window)} " "
                    <input id="funnel-window" type="number" min="1" class="narrow-number" prop:value=move || window_value().to_string()
                        on:change=move |ev| set_window(event_target_value(&ev).parse().unwrap_or(1))/>
                    <select id="funnel-window-unit" aria-label=move || t_string!(i18n, funnel_window_unit).to_string()
                        on:change=move |ev| unit.set(event_target_value(&ev).parse().unwrap_or(2))>
                        {UNITS.iter().enumerate().map(|(i, (u, _))| view! { <option value=i.to_string() selected=move || unit.get() == i>{*u}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="chart-controls">
                <label>{t!(i18n, breakdown)} " "
                    <select id="funnel-breakdown" on:change=move |ev| { let v = event_target_value(&ev); q.update(|q| q.breakdown = Some(v).filter(|v| !v.is_empty())) }>
                        <option value="">{t!(i18n, breakdown_none)}</option>
                        {move || columns().into_iter().map(|c| view! { <option value=c.clone() selected=q.with_untracked(|q| q.breakdown.as_ref() == Some(&c))>{c.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="inline"><input type="radio" name="funnel-base" id="funnel-base-start" prop:checked=move || base.get() == Base::FromStart on:change=move |_| base.set(Base::FromStart)/>{t!(i18n, base_start)}</label>
                <label class="inline"><input type="radio" name="funnel-base" id="funnel-base-previous" prop:checked=move || base.get() == Base::FromPrevious on:change=move |_| base.set(Base::FromPrevious)/>{t!(i18n, base_previous)}</label>
            </div>
            <p class="muted" role="alert" hidden=move || failure().is_none()>{failure}</p>
            <ChartCanvas id="funnel-chart" label height=300 draw tooltip on_pick/>
            <div hidden=move || report.with(|r| r.as_ref().is_none_or(|r| r.time_to_convert.is_none()))>
                <h4 class="muted">{t!(i18n, time_to_convert)}</h4>
                <ChartCanvas id="funnel-histogram" label=Signal::derive(move || t_string!(i18n, time_to_convert).to_string()) height=160 draw=histogram tooltip=|_, _| None/>
            </div>
            <DataTable id="funnel-table" caption=label table/>
            <ChartExports name="funnel" canvas="funnel-chart" table
                svg=move |w, h| report.get_untracked().and_then(|r| svg((w, h), |area| chart::draw(area, &r, &view_of(), ctx.lang.get_untracked(), 1.0).map_err(|e| e.to_string())).ok())/>
        </section>
    }
}
