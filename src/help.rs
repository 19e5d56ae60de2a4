//! The help dialog (`?`): every shortcut, in the UI language. A native `<dialog>`, so focus
//! is trapped while it is open and Esc closes it.

use leptos::html;
use leptos::prelude::*;

use crate::i18n::*;

/// Opens the help dialog if it is in the page.
pub fn open() {
    use wasm_bindgen::JsCast;
    if let Some(dialog) = document().get_element_by_id("help").and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok()) {
        let _ = dialog.show_modal();
    }
}

#[component]
pub fn Help() -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<html::Dialog>::new();
    let row = |keys: &'static [&'static str], what: AnyView| {
        view! {
            <tr>
                <td>{keys.iter().map(|k| view! { <kbd>{*k}</kbd>" " }).collect_view()}</td>
                <td>{what}</td>
            </tr>
        }
    };
    view! {
        <dialog id="help" node_ref=dialog aria-labelledby="help-title">
            <h2 id="help-title">{t!(i18n, help_title)}</h2>
            <table>
                {row(&["click"], t!(i18n, help_add).into_any())}
                {row(&["N"], t!(i18n, help_add_key).into_any())}
                {row(&["Enter", "F2"], t!(i18n, help_edit).into_any())}
                {row(&["Esc"], t!(i18n, help_escape).into_any())}
                {row(&["Shift+click", "Shift+drag"], t!(i18n, help_select).into_any())}
                {row(&["Ctrl+A"], t!(i18n, help_select_all).into_any())}
                {row(&["←", "→", "↑", "↓"], t!(i18n, help_arrows).into_any())}
                {row(&["Delete"], t!(i18n, help_delete).into_any())}
                {row(&["L", "Alt+drag"], t!(i18n, help_link).into_any())}
                {row(&["Delete"], t!(i18n, help_pick).into_any())}
                {row(&["↑", "↓", "←", "→", "Home", "End", "Enter"], t!(i18n, help_outline).into_any())}
                {row(&["Ctrl+Z", "Ctrl+Shift+Z"], t!(i18n, help_undo).into_any())}
                {row(&["Space+drag", "wheel", "+", "-", "0"], t!(i18n, help_view).into_any())}
                {row(&["?"], t!(i18n, help_help).into_any())}
            </table>
            <form method="dialog"><button id="help-close">{t!(i18n, dismiss)}</button></form>
        </dialog>
    }
}
