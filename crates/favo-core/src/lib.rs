//! Favo's pure core: everything that can be computed without a browser.
//!
//! The web app in the workspace root and the `favo` CLI are thin shells over this crate:
//! the hex grid, the journey document and its versioned file format, the scene (what to
//! draw, as data), the viewport, the pointer gesture state machine and the keyboard map all
//! live here and are tested natively.

pub mod chart;
pub mod checklist;
pub mod clipboard;
pub mod cluster;
pub mod edit;
pub mod editor;
pub mod export;
pub mod format;
pub mod funnel;
pub mod gesture;
pub mod grid;
pub mod hit;
pub mod ingest;
pub mod insight;
pub mod journey;
pub mod keys;
pub mod outline;
pub mod sample;
pub mod template;
pub mod trend;
#[cfg(test)]
mod test_rng;
pub mod scene;
pub mod share;
pub mod synth;
pub mod view;
pub mod viewport;

pub use edit::{Edit, EditError, History};
pub use editor::Editor;
pub use grid::{Cell, Grid};
pub use journey::{
    Activity, ActivityId, Channel, Journey, Lang, Lifecycle, Link, Moment, Persona, PersonaId, Step, Phase, PhaseId, PhaseKey, Status, Touchpoint,
    TouchpointId,
};
pub use viewport::{Point, Rect, Viewport};
