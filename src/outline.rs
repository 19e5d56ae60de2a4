//! The outline: the map as an accessible tree (WAI-ARIA tree pattern) of phases → cells →
//! touchpoints and personas → path steps, for keyboard and screen-reader users and for
//! people who prefer lists. Choosing a row selects its cell on the canvas; selecting on the
//! canvas marks the row. The rows and the keyboard walk are the core's `outline` module.
//!
//! Rows are keyed and at most `MAX_CELLS` cells are listed: each row subscribes to the
//! selection, and a signal with 10,000 subscribers makes every edit cost O(n²) in Leptos'
//! subscriber bookkeeping (measured: 0.4 s per delete on a 10,000-cell map).

use std::collections::HashMap;

use favo_core::outline::{self, Expansion, Key, Nav, Node, Row};
use favo_core::Grid;
use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::i18n::*;
use crate::state::{use_ctx, Ctx};

/// Cell rows shown at most; the rest are counted.
const MAX_CELLS: usize = 1000;

/// The DOM id of a row, so the focus can move to it.
fn dom_id(node: Node) -> String {
    match node {
        Node::Phase(Some(p)) => format!("ol-p-{}", p.0),
        Node::Phase(None) => "ol-p-none".into(),
        Node::Cell(c) => format!("ol-c-{}", c.0),
        Node::Touchpoint(c, t) => format!("ol-t-{}-{}", c.0, t.0),
        Node::Personas => "ol-personas".into(),
        Node::Persona(p) => format!("ol-pe-{}", p.0),
        Node::Step(p, n) => format!("ol-s-{}-{n}", p.0),
    }
}

/// What choosing a row does: select its cell(s) and bring them into view, or open the persona.
fn activate(ctx: Ctx, node: Node) {
    match node {
        Node::Persona(p) => ctx.persona.set(Some(p)),
        Node::Personas => {}
        Node::Phase(phase) => {
            ctx.editor.update(|e| {
                let ids: Vec<_> = e.journey().activities().filter(|a| a.phase == phase).map(|a| a.id).collect();
                e.select(ids);
            });
        }
        _ => {
            let Some(id) = ctx.editor.with_untracked(|e| outline::cell_of(e.journey(), node)) else { return };
            ctx.editor.update(|e| e.select([id]));
            let at = ctx.editor.with_untracked(|e| e.journey().get(id).map(|a| Grid::new().hex_to_world_pos(a.at)));
            if let Some(world) = at {
                if !ctx.viewport.with_untracked(|v| v.visible_world().contains(world)) {
                    ctx.viewport.update(|v| v.center_on(world));
                }
            }
        }
    }
    if let Node::Step(p, _) | Node::Persona(p) = node {
        ctx.persona.set(Some(p));
    }
}

#[component]
pub fn Outline() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let open = RwSignal::new(Expansion::default());
    let focused = RwSignal::new(None::<Node>);
    let rows = Memo::new(move |_| {
        let lang = ctx.lang.get();
        open.with(|o| ctx.editor.with(|e| outline::rows(e.journey(), lang, o, MAX_CELLS)))
    });
    // Rows are keyed on their node, so a row keeps its element (and the keyboard focus) when
    // it opens, closes or is renamed; each reads its current text and state from here.
    let index = Memo::new(move |_| rows.with(|r| r.iter().map(|row| (row.node, row.clone())).collect::<HashMap<Node, Row>>()));
    let hidden = move || {
        let shown = rows.with(|r| r.iter().filter(|r| matches!(r.node, Node::Cell(_))).count());
        ctx.editor.with(|e| e.journey().len()) - shown
    };
    // The row that takes Tab: the focused one, else the first.
    let tab_stop = Memo::new(move |_| {
        let f = focused.get();
        rows.with(|r| f.filter(|f| r.iter().any(|row| row.node == *f)).or_else(|| r.first().map(|row| row.node)))
    });
    let move_focus = move |node: Node| {
        focused.set(Some(node));
        if let Some(el) = document().get_element_by_id(&dom_id(node)) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let Some(at) = tab_stop.get_untracked() else { return };
        let key = match ev.key().as_str() {
            "ArrowUp" => Key::Up,
            "ArrowDown" => Key::Down,
            "ArrowRight" => Key::Right,
            "ArrowLeft" => Key::Left,
            "Home" => Key::Home,
            "End" => Key::End,
            "Enter" | " " => {
                ev.prevent_default();
                activate(ctx, at);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        match rows.with_untracked(|r| outline::navigate(r, at, key)) {
            Nav::Focus(node) => move_focus(node),
            Nav::Open(node) => open.update(|o| o.set(node, true)),
            Nav::Close(node) => open.update(|o| o.set(node, false)),
            Nav::Nothing => {}
        }
    };
    view! {
        <details class="panel outline" open>
            <summary>{t!(i18n, outline_title)}</summary>
            <ul id="outline" role="tree" aria-label=move || t_string!(i18n, outline_title).to_string() on:keydown=on_key>
                <For each=move || rows.with(|r| r.iter().map(|row| row.node).collect::<Vec<_>>()) key=|node| *node let(node)>
                    <OutlineRow node index focused tab_stop open/>
                </For>
            </ul>
            <Show when=move || { hidden() > 0 }>
                <p class="more">{t!(i18n, outline_more, count = hidden)}</p>
            </Show>
        </details>
    }
}

#[component]
fn OutlineRow(
    /// The node this row stands for.
    node: Node,
    /// Every visible row by node.
    index: Memo<HashMap<Node, Row>>,
    focused: RwSignal<Option<Node>>,
    tab_stop: Memo<Option<Node>>,
    open: RwSignal<Expansion>,
) -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let field = move |f: fn(&Row) -> String| move || index.with(|m| m.get(&node).map(f).unwrap_or_default());
    let expanded = move || index.with(|m| m.get(&node).and_then(|r| r.expanded));
    let selected = move || match node {
        Node::Cell(id) => ctx.selection.with(|s| s.contains(&id)),
        Node::Persona(p) => ctx.persona.get() == Some(p),
        _ => false,
    };
    let text = move || {
        let text = index.with(|m| m.get(&node).map(|r| r.text.clone()).unwrap_or_default());
        match node {
            Node::Personas => t_string!(i18n, personas_title).to_string(),
            Node::Phase(None) => t_string!(i18n, no_phase).to_string(),
            Node::Cell(_) if text.is_empty() => t_string!(i18n, unlabelled).to_string(),
            _ => text,
        }
    };
    let kind = match node {
        Node::Phase(_) | Node::Personas => "group",
        Node::Cell(_) | Node::Persona(_) => "item",
        Node::Touchpoint(..) | Node::Step(..) => "leaf",
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        ev.stop_propagation();
        focused.set(Some(node));
        // A click on the twisty opens or closes; anywhere else chooses the row.
        let on_twisty = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| el.class_list().contains("twisty"));
        if on_twisty {
            open.update(|o| {
                let now = o.is_open(node);
                o.set(node, !now);
            });
        } else {
            activate(ctx, node);
        }
    };
    view! {
        <li
            role="treeitem"
            id=dom_id(node)
            class=move || format!("row {kind} level-{}", field(|r| r.level.to_string())())
            prop:ariaLevel=field(|r| r.level.to_string())
            aria-posinset=field(|r| r.pos.to_string())
            aria-setsize=field(|r| r.size.to_string())
            aria-expanded=move || expanded().map(|e| e.to_string())
            aria-selected=move || selected().to_string()
            tabindex=move || if tab_stop.get() == Some(node) { "0" } else { "-1" }
            on:click=on_click
            on:focus=move |_| focused.set(Some(node))
        >
            <span class="twisty" aria-hidden="true">{move || match expanded() { Some(true) => "▾", Some(false) => "▸", None => "" }}</span>
            {text}
        </li>
    }
}
