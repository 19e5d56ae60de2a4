//! Copy and paste of cells, with their touchpoints and the links among them, within a map
//! and between maps. The clipboard holds a small Favo map file, so any Favo (another tab,
//! another map) can read it; plain text pastes as one new cell per line.

use std::collections::HashMap;

use crate::edit::Edit;
use crate::format;
use crate::grid::Cell;
use crate::journey::{clean_label, Activity, ActivityId, Journey, Link, Phase, PhaseId, TouchpointId};
use crate::scene::Selection;

/// Most lines of plain text turned into cells by one paste.
pub const MAX_TEXT_CELLS: usize = 200;
/// Furthest ring searched for room to paste.
const MAX_SEARCH_RADIUS: u32 = 64;

/// The selected cells as a map file for the clipboard, or `None` when nothing is selected.
pub fn copy(journey: &Journey, selection: &Selection) -> Option<String> {
    let mut fragment = Journey::with_phases(journey.title.clone(), journey.phases().to_vec());
    for a in selection.iter().filter_map(|&id| journey.get(id)) {
        fragment.insert(a.clone()).ok()?;
    }
    if fragment.is_empty() {
        return None;
    }
    for l in journey.links().filter(|l| selection.contains(&l.from) && selection.contains(&l.to)) {
        fragment.push_link(*l);
    }
    Some(format::to_json(&fragment, false))
}

/// What the clipboard text holds: a Favo map, or lines of text as cells in a row.
pub fn read(text: &str) -> Option<Journey> {
    if let Ok(loaded) = format::load(text.as_bytes()) {
        return (!loaded.journey.is_empty()).then_some(loaded.journey);
    }
    let mut j = Journey::new("");
    let lines = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(MAX_TEXT_CELLS);
    let cells: Vec<Activity> = lines
        .enumerate()
        .map(|(i, line)| Activity::new(ActivityId(i as u64 + 1), Cell::new(i as i32, 0), clean_label(line).0, None))
        .collect();
    if cells.is_empty() {
        return None;
    }
    j.apply(Edit::Insert(cells)).ok()?;
    Some(j)
}

/// The edit that pastes `fragment` into `target` as near `anchor` as it fits (its first cell
/// on `anchor` if free), with fresh ids, and the ids of the new cells.
pub fn paste(target: &Journey, fragment: &Journey, anchor: Cell) -> Option<(Edit, Vec<ActivityId>)> {
    let first = fragment.activities().next()?.at;
    let offset = (0..=MAX_SEARCH_RADIUS).flat_map(|r| anchor.ring(r)).map(|c| first.offset_to(c)).find(|&offset| {
        fragment.activities().all(|a| target.is_free(a.at.offset_by(offset)))
    })?;
    let mut next = target.next_id().0;
    let mut fresh = || {
        next += 1;
        next - 1
    };
    let mut ids = HashMap::new();
    let cells: Vec<Activity> = fragment
        .activities()
        .map(|a| {
            let id = ActivityId(fresh());
            ids.insert(a.id, id);
            let mut touchpoints = a.touchpoints.clone();
            touchpoints.iter_mut().for_each(|t| t.id = TouchpointId(fresh()));
            let phase = a.phase.and_then(|p| fragment.phase(p)).and_then(|p| matching_phase(target, p));
            Activity { id, at: a.at.offset_by(offset), label: a.label.clone(), phase, touchpoints }
        })
        .collect();
    let new_ids = cells.iter().map(|a| a.id).collect();
    let links: Vec<Link> = fragment.links().map(|l| Link { from: ids[&l.from], to: ids[&l.to] }).collect();
    let insert = Edit::Insert(cells);
    let edit = if links.is_empty() { insert } else { Edit::Batch(vec![insert, Edit::Link(links)]) };
    Some((edit, new_ids))
}

/// The target's phase that stands for `phase` of another map: the same default phase, or
/// one of the same name.
fn matching_phase(target: &Journey, phase: &Phase) -> Option<PhaseId> {
    let same = |p: &&Phase| match (phase.key, p.key) {
        (Some(a), Some(b)) => a == b,
        _ => phase.name.is_some() && p.name == phase.name,
    };
    target.phases().iter().find(same).map(|p| p.id)
}

#[cfg(test)]
#[path = "clipboard_tests.rs"]
mod tests;
