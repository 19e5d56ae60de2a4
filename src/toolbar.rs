//! The toolbar: undo/redo, zoom, the selection tool, export/import, the share link and the
//! language.

use favo_core::gesture::Tool;
use favo_core::Viewport;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::files;
use crate::image_export;
use crate::i18n::*;
use crate::share::CopyLink;
use crate::state::use_ctx;

#[component]
pub fn Toolbar() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let picker = NodeRef::<html::Input>::new();
    let can_undo = Memo::new(move |_| ctx.editor.with(|e| e.can_undo()));
    let can_redo = Memo::new(move |_| ctx.editor.with(|e| e.can_redo()));
    let select_tool = move || ctx.tool.get() == Tool::Select;
    let visible_only = RwSignal::new(false);
    let area = move || if visible_only.get_untracked() { image_export::Area::Visible } else { image_export::Area::Whole };
    let on_pick = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            files::import(ctx, file);
        }
        input.set_value("");
    };
    let on_lang = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        let locale = if value == "it" { Locale::it } else { Locale::en };
        i18n.set_locale(locale);
        crate::remember_language(&value);
    };
    view! {
        <header class="toolbar" role="toolbar" aria-label="Favo">
            <span class="brand">"Favo"</span>
            <button id="library-button" on:click=move |_| crate::library::open(ctx)>{t!(i18n, library)}</button>
            <input id="map-title" type="text" maxlength="200" aria-label=move || t_string!(i18n, map_title).to_string()
                prop:value=move || ctx.editor.with(|e| e.journey().title.clone())
                on:change=move |ev| { let title = event_target_value(&ev); let _ = ctx.editor.try_update(|e| e.retitle(&title)); }/>
            <span class="sep"></span>
            <button id="undo" disabled=move || !can_undo.get() on:click=move |_| ctx.editor.update(|e| { e.undo(); })
                title=move || format!("{} (Ctrl+Z)", t_string!(i18n, undo))>{t!(i18n, undo)}</button>
            <button id="redo" disabled=move || !can_redo.get() on:click=move |_| ctx.editor.update(|e| { e.redo(); })
                title=move || format!("{} (Ctrl+Shift+Z)", t_string!(i18n, redo))>{t!(i18n, redo)}</button>
            <span class="sep"></span>
            <button id="zoom-out" aria-label=move || t_string!(i18n, zoom_out).to_string() title=move || format!("{} (-)", t_string!(i18n, zoom_out))
                on:click=move |_| ctx.viewport.update(|v| v.zoom_centered(1.0 / Viewport::ZOOM_STEP))>"−"</button>
            <button id="zoom-in" aria-label=move || t_string!(i18n, zoom_in).to_string() title=move || format!("{} (+)", t_string!(i18n, zoom_in))
                on:click=move |_| ctx.viewport.update(|v| v.zoom_centered(Viewport::ZOOM_STEP))>"+"</button>
            <button id="zoom-fit" title=move || format!("{} (0)", t_string!(i18n, zoom_fit))
                on:click=move |_| ctx.zoom_to_fit()>{t!(i18n, zoom_fit)}</button>
            <button id="tool-select" aria-pressed=move || select_tool().to_string()
                on:click=move |_| ctx.tool.update(|t| *t = if *t == Tool::Select { Tool::Hand } else { Tool::Select })>
                {t!(i18n, tool_select)}
            </button>
            <span class="sep"></span>
            <details class="menu" id="export-menu">
                <summary id="export">{t!(i18n, export)}</summary>
                <div class="menu-items" role="group" aria-labelledby="export" on:click=close_menu>
                    <button id="export-json" on:click=move |_| files::export(ctx)>{t!(i18n, export_json)}</button>
                    <span class="menu-row">
                        "PNG "
                        {[1.0, 2.0, 3.0].map(|scale| view! {
                            <button id=format!("export-png-{scale}x") on:click=move |_| image_export::export_png(ctx, scale, area())>{format!("{scale}×")}</button>
                        }).collect_view()}
                    </span>
                    <label class="inline">
                        <input id="export-visible" type="checkbox" prop:checked=move || visible_only.get()
                            on:change=move |ev| visible_only.set(event_target_checked(&ev))/>
                        {t!(i18n, export_visible)}
                    </label>
                    <button id="export-svg" on:click=move |_| image_export::export_svg(ctx)>{t!(i18n, export_svg)}</button>
                    <button id="print-map" on:click=move |_| image_export::print_map(ctx)>{t!(i18n, print_map)}</button>
                    <button id="print-checklist" on:click=move |_| image_export::print_checklist()>{t!(i18n, print_checklist)}</button>
                </div>
            </details>
            <CopyLink/>
            <button id="charts-toggle" aria-pressed=move || ctx.charts_open.get().to_string() aria-controls="charts"
                on:click=move |_| ctx.charts_open.update(|o| *o = !*o)>{t!(i18n, charts_title)}</button>
            <button id="import" on:click=move |_| { if let Some(p) = picker.get_untracked() { p.click(); } }>{t!(i18n, import)}</button>
            <input id="import-file" node_ref=picker type="file" accept=".json,application/json,.png,image/png,.svg,image/svg+xml" hidden on:change=on_pick/>
            <span class="grow"></span>
            <button id="help-button" aria-keyshortcuts="?" title="?" on:click=move |_| crate::help::open()>{t!(i18n, help)}</button>
            <label class="lang">
                <span class="visually-hidden">{t!(i18n, language)}</span>
                <select id="lang" on:change=on_lang prop:value=move || if i18n.get_locale() == Locale::it { "it" } else { "en" }>
                    <option value="en">"English"</option>
                    <option value="it">"Italiano"</option>
                </select>
            </label>
        </header>
    }
}

/// A menu closes once one of its buttons has been chosen.
fn close_menu(ev: web_sys::MouseEvent) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    if target.tag_name() == "BUTTON" {
        if let Ok(Some(menu)) = target.closest("details") {
            let _ = menu.remove_attribute("open");
        }
    }
}

/// The element an event came from, typed.
fn event_target<T: JsCast>(ev: &web_sys::Event) -> T {
    ev.target().expect("event has a target").unchecked_into()
}
