//! Named, append-only migrations of the map file.
//!
//! `MIGRATIONS[i]` turns a version `i + 1` file into version `i + 2`. A shipped step is never
//! edited: a change to the format is a new step at the end, with a fixture file
//! `tests/fixtures/map-v{N}.json` of the version it reads (a test fails without one).

use serde_json::{Map, Value};

/// One step of the format's history (tldraw's `AddUrlProp: 1, …`).
pub struct Migration {
    /// What the step does, in a few words (`AddPhaseColors`).
    pub name: &'static str,
    pub up: fn(&mut Map<String, Value>) -> Result<(), String>,
}

/// Version 1 is the walking skeleton's format.
pub const MIGRATIONS: &[Migration] =
    &[
        Migration { name: "AddTouchpoints", up: add_touchpoints },
        Migration { name: "AddLinks", up: add_links },
        Migration { name: "AddClusterNames", up: add_cluster_names },
        Migration { name: "AddPersonas", up: add_personas },
    ];

/// 1 → 2: cells carry touchpoints. The step itself only makes the empty lists explicit; the
/// version is bumped so that a Favo that does not know touchpoints refuses a map that has
/// them, instead of opening it and silently dropping them on its next save.
fn add_touchpoints(doc: &mut Map<String, Value>) -> Result<(), String> {
    if let Some(Value::Array(cells)) = doc.get_mut("cells") {
        for cell in cells.iter_mut().filter_map(Value::as_object_mut) {
            cell.entry("touchpoints").or_insert_with(|| Value::Array(Vec::new()));
        }
    }
    Ok(())
}

/// The version this build writes and the newest it reads.
pub const CURRENT_VERSION: u64 = 1 + MIGRATIONS.len() as u64;

/// Runs the steps that bring a `from`-version document up to date with `migrations`.
/// On failure returns the failing step's version and name with its message.
pub fn migrate(
    doc: &mut Map<String, Value>,
    from: u64,
    migrations: &[Migration],
) -> Result<(), (u64, &'static str, String)> {
    for (step, version) in migrations.iter().zip(1u64..).skip(from.saturating_sub(1) as usize) {
        (step.up)(doc).map_err(|e| (version, step.name, e))?;
        doc.insert("version".into(), Value::from(version + 1));
    }
    Ok(())
}

/// 2 → 3: the map carries directed links between cells. As with touchpoints, the bump keeps
/// an older Favo from dropping them.
fn add_links(doc: &mut Map<String, Value>) -> Result<(), String> {
    doc.entry("links").or_insert_with(|| Value::Array(Vec::new()));
    Ok(())
}

/// 3 → 4: clusters of touching cells can carry a name, kept on one of their cells.
fn add_cluster_names(doc: &mut Map<String, Value>) -> Result<(), String> {
    doc.entry("clusters").or_insert_with(|| Value::Array(Vec::new()));
    Ok(())
}

/// 4 → 5: personas, with their lifecycle stage and their path through the cells.
fn add_personas(doc: &mut Map<String, Value>) -> Result<(), String> {
    doc.entry("personas").or_insert_with(|| Value::Array(Vec::new()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rename_cells(doc: &mut Map<String, Value>) -> Result<(), String> {
        let cells = doc.remove("hexes").ok_or("no \"hexes\"")?;
        doc.insert("cells".into(), cells);
        Ok(())
    }

    fn add_title(doc: &mut Map<String, Value>) -> Result<(), String> {
        doc.entry("title").or_insert(json!("untitled"));
        Ok(())
    }

    const STEPS: &[Migration] =
        &[Migration { name: "RenameHexesToCells", up: rename_cells }, Migration { name: "AddTitle", up: add_title }];

    fn doc(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn a_version_1_document_runs_every_step_in_order() {
        let mut d = doc(json!({"version": 1, "hexes": [1]}));
        migrate(&mut d, 1, STEPS).unwrap();
        assert_eq!(Value::Object(d), json!({"version": 3, "cells": [1], "title": "untitled"}));
    }

    #[test]
    fn a_version_2_document_skips_the_first_step() {
        let mut d = doc(json!({"version": 2, "cells": [], "title": "mine"}));
        migrate(&mut d, 2, STEPS).unwrap();
        assert_eq!(Value::Object(d), json!({"version": 3, "cells": [], "title": "mine"}));
    }

    #[test]
    fn a_failing_step_is_named() {
        let mut d = doc(json!({"version": 1}));
        let (version, name, msg) = migrate(&mut d, 1, STEPS).unwrap_err();
        assert_eq!((version, name, msg.as_str()), (1, "RenameHexesToCells", "no \"hexes\""));
    }
}
