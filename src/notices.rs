//! What the user is told: the status line (transient), the alert for a failed import or an
//! unreadable saved map, and the save-failure alert that stays until saving works again.
//! Every message is built here from a `Notice`, in the UI language.

use favo_core::export::ImageError;
use favo_core::format::{LoadError, CURRENT_VERSION};
use favo_core::share::{ShareError, MAX_INFLATED, MAX_LINK};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::files::MAX_MAP_BYTES;
use crate::i18n::*;
use crate::state::{use_ctx, ImportError, Notice};

/// Interpolated translations are views (leptos_i18n's `t!`), so messages are built as views.
fn load_error_view(i18n: I18nContext<Locale>, e: &LoadError) -> AnyView {
    use LoadError::*;
    let s = |v: &str| {
        let v = v.to_owned();
        move || v.clone()
    };
    match e.clone() {
        Empty => t!(i18n, err_empty).into_any(),
        NotText { byte } => t!(i18n, err_not_text, offset = move || byte).into_any(),
        Syntax { line, column, message } => {
            t!(i18n, err_syntax, line = move || line, column = move || column, detail = s(&message)).into_any()
        }
        Truncated { line, column } => t!(i18n, err_truncated, line = move || line, column = move || column).into_any(),
        NotAMap { found } => t!(i18n, err_not_a_map, detail = s(&found)).into_any(),
        BadVersion { found } => t!(i18n, err_bad_version, found = s(&found)).into_any(),
        TooNew { version } => {
            t!(i18n, err_too_new, version = move || version, supported = move || CURRENT_VERSION).into_any()
        }
        Migration { version, name, message } => {
            t!(i18n, err_migration, version = move || version, step = move || name, detail = s(&message)).into_any()
        }
        BadField { field, message } => t!(i18n, err_bad_field, field = move || field, detail = s(&message)).into_any(),
    }
}

fn image_error_view(i18n: I18nContext<Locale>, e: &ImageError) -> AnyView {
    match e.clone() {
        ImageError::NotAnImage | ImageError::NoMap => t!(i18n, err_image_no_map).into_any(),
        ImageError::TooBig { bytes } => {
            let size = format!("{:.1}", bytes as f64 / 1024.0 / 1024.0);
            t!(i18n, err_image_too_big, size = move || size.clone()).into_any()
        }
        ImageError::Png(e) => {
            let detail = e.to_string();
            t!(i18n, err_image_broken, detail = move || detail.clone()).into_any()
        }
        ImageError::Svg(e) => {
            let detail = e.to_string();
            t!(i18n, err_image_broken, detail = move || detail.clone()).into_any()
        }
        ImageError::Damaged(e) => {
            let inner = load_error_view(i18n, &e);
            view! { {t!(i18n, err_image_damaged)}" "{inner} }.into_any()
        }
    }
}

/// The most a share link's map may be, as its messages give it.
const INFLATED_MB: usize = MAX_INFLATED / 1024 / 1024;

/// Why a link could not be opened.
fn share_error_view(i18n: I18nContext<Locale>, e: &ShareError) -> AnyView {
    use ShareError::*;
    match e.clone() {
        Empty => t!(i18n, share_err_empty).into_any(),
        TooLong { chars } => t!(i18n, share_err_too_long, chars = move || chars, limit = move || MAX_LINK).into_any(),
        TooBig => t!(i18n, share_err_too_big, limit = move || INFLATED_MB).into_any(),
        UnknownVersion { found } if found.is_empty() => t!(i18n, share_err_no_version).into_any(),
        UnknownVersion { found } => t!(i18n, share_err_version, found = move || found.clone()).into_any(),
        BadCharacter { position, found } => {
            t!(i18n, share_err_bad_character, position = move || position, found = move || found).into_any()
        }
        Truncated => t!(i18n, share_err_truncated).into_any(),
        Corrupt => t!(i18n, share_err_corrupt).into_any(),
        Map(e) => {
            let inner = load_error_view(i18n, &e);
            view! { {t!(i18n, share_err_map)}" "{inner} }.into_any()
        }
    }
}

/// Why the open map cannot travel as a link, with the advice to send the file instead.
fn link_refused_view(i18n: I18nContext<Locale>, e: &ShareError) -> AnyView {
    match *e {
        ShareError::TooLong { chars } => t!(i18n, link_too_long, chars = move || chars, limit = move || MAX_LINK).into_any(),
        _ => t!(i18n, link_too_big, limit = move || INFLATED_MB).into_any(),
    }
}

pub fn notice_view(i18n: I18nContext<Locale>, notice: &Notice) -> AnyView {
    match notice.clone() {
        Notice::DropRefused => t!(i18n, drop_refused).into_any(),
        Notice::PickLinkTarget => t!(i18n, link_pick).into_any(),
        Notice::AlreadyLinked => t!(i18n, link_exists).into_any(),
        Notice::Imported { cells } => t!(i18n, imported, count = move || cells).into_any(),
        Notice::ImportRepaired { cells, problems, first } => {
            t!(i18n, import_repaired, count = move || cells, problems = move || problems, first = move || first.clone())
                .into_any()
        }
        Notice::ImportFailed { name, error } => {
            let reason = move || match &error {
                ImportError::Load(e) => load_error_view(i18n, e),
                ImportError::TooBig { bytes } => {
                    let mb = |b: f64| format!("{:.1}", b / 1024.0 / 1024.0);
                    let (size, limit) = (mb(*bytes), mb(MAX_MAP_BYTES));
                    t!(i18n, err_too_big, size = move || size.clone(), limit = move || limit.clone()).into_any()
                }
                ImportError::Unreadable => t!(i18n, err_unreadable).into_any(),
                ImportError::Image(e) => image_error_view(i18n, e),
            };
            t!(i18n, import_failed, name = move || name.clone(), reason).into_any()
        }
        Notice::LoadFailed { reason } => t!(i18n, load_failed, reason = move || reason.clone()).into_any(),
        Notice::MapDeleted { title, .. } => t!(i18n, map_deleted, title = move || title.clone()).into_any(),
        Notice::LinkCopied => t!(i18n, link_copied).into_any(),
        Notice::LinkShown => t!(i18n, link_shown).into_any(),
        Notice::LinkRefused(e) => link_refused_view(i18n, &e),
        Notice::CopyOpened { title, cells } => {
            t!(i18n, copy_opened, title = move || title.clone(), count = move || cells).into_any()
        }
        Notice::CopyFailed(e) => {
            let reason = move || share_error_view(i18n, &e);
            t!(i18n, copy_failed, reason).into_any()
        }
    }
}

#[component]
pub fn Notices() -> impl IntoView {
    let ctx = use_ctx();
    let i18n = use_i18n();
    let status = move || ctx.status.get().map(|n| notice_view(i18n, &n));
    let alert = move || ctx.alert.get().map(|n| notice_view(i18n, &n));
    view! {
        <div id="status" role="status" aria-live="polite" class="status">{status}</div>
        <div id="error" role="alert" class="alert" hidden=move || ctx.alert.with(Option::is_none)>
            <span>{alert}</span>
            {move || match ctx.alert.get() {
                Some(Notice::MapDeleted { id, .. }) => Some(view! {
                    <button id="undo-delete" on:click=move |_| crate::library::restore(ctx, id.clone())>{t!(i18n, undo)}</button>
                }),
                _ => None,
            }}
            <button id="error-dismiss" on:click=move |_| ctx.alert.set(None)>{t!(i18n, dismiss)}</button>
        </div>
        <div id="save-error" role="alert" class="alert" hidden=move || ctx.save_error.with(Option::is_none)>
            {move || ctx.save_error.get().map(|reason| t!(i18n, save_failed, reason = move || reason.clone()))}
        </div>
        <div id="other-tab" role="alert" class="alert" hidden=move || !ctx.other_tab.get()>
            <span>{t!(i18n, other_tab)}</span>
            <button on:click=move |_| { let _ = window().location().reload(); }>{t!(i18n, reload)}</button>
        </div>
    }
}
