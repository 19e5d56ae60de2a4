//! Files in and out: export the map as JSON, import one from a file picker or a drop.
//! A file that cannot be read as a map leaves the current map untouched.

use favo_core::{export, format};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::state::{Ctx, ImportError, Notice};

/// Map files are small; anything bigger is not one of ours and would only stall the tab.
pub const MAX_MAP_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

/// A file name from the map title: letters, digits and dashes only.
pub fn file_name(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() { "map".to_owned() } else { slug.chars().take(60).collect() };
    format!("{slug}.favo.json")
}

pub fn export(ctx: Ctx) {
    let (name, json) = ctx.editor.with_untracked(|e| (file_name(&e.journey().title), format::to_json(e.journey(), true)));
    download(&name, &json, "application/json");
}

/// Offers `text` as a file download.
pub fn download(name: &str, text: &str, mime: &str) {
    let _ = try_download(name, &JsValue::from_str(text), mime);
}

/// Offers `bytes` as a file download.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) {
    let _ = try_download(name, &js_sys::Uint8Array::from(bytes).into(), mime);
}

fn try_download(name: &str, part: &JsValue, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    download_url(name, &url);
    // Revoke later: the download starts asynchronously.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(30));
    Ok(())
}

/// Offers what `url` (a blob: or data: URL) holds as a file download.
pub fn download_url(name: &str, url: &str) {
    if let Ok(a) = document().create_element("a").map(JsCast::unchecked_into::<web_sys::HtmlAnchorElement>) {
        a.set_href(url);
        a.set_download(name);
        a.click();
    }
}

/// Reads `file` (a map file, or a PNG or SVG exported by Favo) and, if it holds a map, replaces the current one (an undoable step).
pub fn import(ctx: Ctx, file: web_sys::File) {
    let name = file.name();
    let fail = move |error: ImportError| ctx.alert.set(Some(Notice::ImportFailed { name: name.clone(), error }));
    if file.size() > MAX_MAP_BYTES {
        fail(ImportError::TooBig { bytes: file.size() });
        return;
    }
    spawn_local(async move {
        let bytes = match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => return fail(ImportError::Unreadable),
        };
        // An exported picture carries its map inside; anything else is read as a map file.
        let loaded = if export::is_png(&bytes) || export::is_svg(&bytes) {
            export::read_image(&bytes).map_err(ImportError::Image)
        } else {
            format::load(&bytes).map_err(ImportError::Load)
        };
        match loaded {
            Err(e) => fail(e),
            Ok(loaded) => {
                let cells = loaded.journey.len();
                let _ = ctx.editor.try_update(|e| e.replace(loaded.journey));
                ctx.editing.set(None);
                ctx.alert.set(None);
                ctx.zoom_to_fit();
                ctx.tell(match loaded.warnings.first() {
                    None => Notice::Imported { cells },
                    Some(first) => Notice::ImportRepaired { cells, problems: loaded.warnings.len(), first: first.to_string() },
                });
            }
        }
    });
}

/// The first file of a drop, if it carries one.
/// A table for the charts (CSV, TSV, plain text) rather than a map, by its name. JSON is
/// a map unless it comes through the charts panel's own picker.
pub fn is_data_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".csv", ".tsv", ".tab", ".txt"].iter().any(|ext| lower.ends_with(ext))
}

pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_are_safe_slugs() {
        assert_eq!(file_name("Sample journey"), "sample-journey.favo.json");
        assert_eq!(file_name("Percorso d'esempio"), "percorso-d-esempio.favo.json");
        assert_eq!(file_name("../../etc/passwd"), "etc-passwd.favo.json");
        assert_eq!(file_name(""), "map.favo.json");
    }
}
