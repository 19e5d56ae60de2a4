//! The app's shared state: one `Copy` struct of signals, provided once in `<App/>` and read
//! with `expect_context` (Leptos' context pattern). Plain data in, derived values as memos.

use favo_core::export::ImageError;
use favo_core::format::LoadError;
use favo_core::gesture::{Gesture, Tool};
use favo_core::hit::Stroke;
use favo_core::scene::measures::MapData;
use favo_core::scene::Selection;
use favo_core::share::ShareError;
use favo_core::{ActivityId, Cell, Editor, Grid, Journey, Lang, PersonaId, Viewport};
use leptos::prelude::*;

use crate::i18n::{use_i18n, Locale};

/// Something to tell the user in the status line (transient) or the alert (until dismissed).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    DropRefused,
    /// L was pressed: the next click picks the cell to link to.
    PickLinkTarget,
    AlreadyLinked,
    Imported { cells: usize },
    ImportRepaired { cells: usize, problems: usize, first: String },
    ImportFailed { name: String, error: ImportError },
    LoadFailed { reason: String },
    /// A map was deleted from the library; the alert offers to bring it back.
    MapDeleted { id: String, title: String },
    /// "Copy link" put the link on the clipboard.
    LinkCopied,
    /// The clipboard was refused: the link is only shown, to copy by hand.
    LinkShown,
    /// The open map cannot travel as a link.
    LinkRefused(ShareError),
    /// A `#copy=` link's map was added to the library and opened.
    CopyOpened { title: String, cells: usize },
    /// A `#copy=` link could not be read; no map was touched.
    CopyFailed(ShareError),
}

/// Why an import failed: the file's own error, or the browser's.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    Load(LoadError),
    /// A PNG or SVG without a readable map inside.
    Image(ImageError),
    TooBig { bytes: f64 },
    Unreadable,
}

#[derive(Clone, Copy)]
pub struct Ctx {
    pub editor: RwSignal<Editor>,
    /// The library id of the open map.
    pub map_id: RwSignal<String>,
    /// Bumped whenever the editor is replaced by another map (at start, on switching maps):
    /// a fresh editor starts at revision 0 again, so caches key on (generation, revision).
    pub generation: RwSignal<u64>,
    /// Bumped when the library's list may have changed.
    pub library_version: RwSignal<u64>,
    pub viewport: RwSignal<Viewport>,
    pub gesture: RwSignal<Gesture>,
    pub hover: RwSignal<Option<Cell>>,
    pub tool: RwSignal<Tool>,
    /// Space is held: drags pan.
    pub space: RwSignal<bool>,
    /// "Pick the cell to link to" mode: the cell the link starts from.
    pub linking: RwSignal<Option<ActivityId>>,
    /// The persona open in the personas panel.
    pub persona: RwSignal<Option<PersonaId>>,
    /// Path mode: clicks on cells extend the open persona's path.
    pub path_mode: RwSignal<bool>,
    /// Path mode inserts before this step instead of appending.
    pub insert_at: RwSignal<Option<usize>>,
    /// Show only the open persona's route, and fade the cells off it.
    pub persona_filter: RwSignal<bool>,
    /// A link or persona route picked on the canvas (then no cell is selected).
    pub picked: RwSignal<Option<Stroke>>,
    /// The activity whose label is being edited in place.
    pub editing: RwSignal<Option<ActivityId>>,
    pub status: RwSignal<Option<Notice>>,
    pub alert: RwSignal<Option<Notice>>,
    /// Why the last save failed; `None` once a save succeeds again.
    pub save_error: RwSignal<Option<String>>,
    /// Another tab saved a newer copy of the map.
    pub other_tab: RwSignal<bool>,
    /// The map is loaded and drawn; input is accepted.
    pub ready: RwSignal<bool>,
    /// The charts panel under the map is open.
    pub charts_open: RwSignal<bool>,
    /// The charts' data on the map (`map_data.rs`).
    pub map_data: RwSignal<MapData>,
    /// Benchmark page (`?bench=N`): a generated map, never saved; frames timed with raster.
    pub bench: bool,
    pub revision: Memo<u64>,
    pub selection: Memo<Selection>,
    pub lang: Memo<Lang>,
}

impl Ctx {
    pub fn new(bench: bool) -> Ctx {
        let i18n = use_i18n();
        let editor = RwSignal::new(Editor::new(Journey::new("")));
        Ctx {
            editor,
            map_id: RwSignal::new(String::new()),
            library_version: RwSignal::new(0),
            generation: RwSignal::new(0),
            viewport: RwSignal::new(Viewport::new(800.0, 600.0, 1.0)),
            gesture: RwSignal::new(Gesture::Idle),
            hover: RwSignal::new(None),
            tool: RwSignal::new(Tool::Hand),
            space: RwSignal::new(false),
            linking: RwSignal::new(None),
            persona: RwSignal::new(None),
            path_mode: RwSignal::new(false),
            insert_at: RwSignal::new(None),
            persona_filter: RwSignal::new(false),
            picked: RwSignal::new(None),
            editing: RwSignal::new(None),
            status: RwSignal::new(None),
            alert: RwSignal::new(None),
            save_error: RwSignal::new(None),
            other_tab: RwSignal::new(false),
            ready: RwSignal::new(false),
            charts_open: RwSignal::new(charts_requested()),
            map_data: RwSignal::new(MapData::default()),
            bench,
            revision: Memo::new(move |_| editor.with(Editor::revision)),
            selection: Memo::new(move |_| editor.with(|e| e.selection.clone())),
            lang: Memo::new(move |_| match i18n.get_locale() {
                Locale::it => Lang::It,
                Locale::en => Lang::En,
            }),
        }
    }

    /// Frames the whole map in the canvas.
    pub fn zoom_to_fit(self) {
        let bounds = self.editor.with_untracked(|e| e.journey().bounds(&Grid::new()));
        if let Some(bounds) = bounds {
            self.viewport.update(|v| v.fit(bounds, 32.0));
        }
    }

    /// Shows a transient message in the status line; it clears itself after a few seconds.
    pub fn tell(self, notice: Notice) {
        self.status.set(Some(notice.clone()));
        set_timeout(
            move || {
                if self.status.get_untracked().as_ref() == Some(&notice) {
                    self.status.set(None);
                }
            },
            std::time::Duration::from_secs(6),
        );
    }
}

/// `?charts` in the address opens the charts panel at start (links, the benchmark).
fn charts_requested() -> bool {
    window().location().search().is_ok_and(|s| s.trim_start_matches('?').split('&').any(|p| p == "charts"))
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
