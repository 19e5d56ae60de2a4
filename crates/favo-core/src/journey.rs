//! The journey document: activities placed on cells of the honeycomb, each with a label and
//! a phase. This is what users edit and what the file format stores.
//!
//! Every change goes through [`crate::edit::Edit`] so that it can be undone; the mutating
//! primitives here are crate-private and keep the cell index in step with the activities.

mod clean;
mod persona;
mod phase;
mod touchpoint;

use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use clean::{clean_label, clean_persona, clean_touchpoint, MAX_DESCRIPTION_CHARS, MAX_LABEL_CHARS};
pub use persona::{Lifecycle, Persona, PersonaId, Step, EMOTION_RANGE, PERSONA_COLORS};
pub use phase::{is_hex_color, Lang, Phase, PhaseId, PhaseKey};
pub use touchpoint::{Channel, Moment, Status, Touchpoint, TouchpointId};

use crate::grid::{Cell, Grid};
use crate::viewport::Rect;

/// Stable identity of an activity: survives moves, relabels, undo and save/load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ActivityId(pub u64);

/// A directed link: the journey goes from one cell to another. Backward and circular
/// routes are allowed; a cell never links to itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Link {
    pub from: ActivityId,
    pub to: ActivityId,
}

/// One cell of the map: an activity or moment of the journey (DOMAIN.md).
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    pub id: ActivityId,
    pub at: Cell,
    pub label: String,
    pub phase: Option<PhaseId>,
    pub touchpoints: Vec<Touchpoint>,
}

impl Activity {
    /// An activity with no touchpoints.
    pub fn new(id: ActivityId, at: Cell, label: impl Into<String>, phase: Option<PhaseId>) -> Activity {
        Activity { id, at, label: label.into(), phase, touchpoints: Vec::new() }
    }
}

#[derive(Clone, Debug)]
pub struct Journey {
    pub title: String,
    phases: Vec<Phase>,
    activities: BTreeMap<ActivityId, Activity>,
    links: BTreeSet<Link>,
    /// Cluster names, each kept on one cell of its cluster (see `cluster.rs`).
    cluster_names: BTreeMap<ActivityId, String>,
    personas: Vec<Persona>,
    by_cell: HashMap<Cell, ActivityId>,
    next_id: u64,
}

/// Two journeys are equal when they hold the same content; the id counter is bookkeeping
/// (undoing an insert leaves it advanced, so ids are never reused).
impl PartialEq for Journey {
    fn eq(&self, other: &Journey) -> bool {
        self.title == other.title
            && self.phases == other.phases
            && self.activities == other.activities
            && self.links == other.links
            && self.cluster_names == other.cluster_names
            && self.personas == other.personas
    }
}

impl Journey {
    /// An empty map with the seven default phases.
    pub fn new(title: impl Into<String>) -> Journey {
        Journey::with_phases(title, Phase::defaults())
    }

    pub fn with_phases(title: impl Into<String>, phases: Vec<Phase>) -> Journey {
        Journey {
            title: title.into(),
            phases,
            activities: BTreeMap::new(),
            links: BTreeSet::new(),
            cluster_names: BTreeMap::new(),
            personas: Vec::new(),
            by_cell: HashMap::new(),
            next_id: 1,
        }
    }

    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    pub fn phase(&self, id: PhaseId) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    /// Activities in id order (creation order), which is also the order they are saved in.
    pub fn activities(&self) -> impl ExactSizeIterator<Item = &Activity> {
        self.activities.values()
    }

    pub fn len(&self) -> usize {
        self.activities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.activities.is_empty()
    }

    pub fn get(&self, id: ActivityId) -> Option<&Activity> {
        self.activities.get(&id)
    }

    pub fn at(&self, cell: Cell) -> Option<&Activity> {
        self.by_cell.get(&cell).and_then(|id| self.activities.get(id))
    }

    pub fn is_free(&self, cell: Cell) -> bool {
        !self.by_cell.contains_key(&cell)
    }

    /// A fresh id, never used before in this document.
    pub fn next_id(&self) -> ActivityId {
        ActivityId(self.next_id)
    }

    /// A fresh touchpoint id. Activities and touchpoints draw from one counter, so neither
    /// is ever reused in a map.
    pub fn next_touchpoint_id(&self) -> TouchpointId {
        TouchpointId(self.next_id)
    }

    /// A fresh persona id (from the same counter as cells and touchpoints).
    pub fn next_persona_id(&self) -> PersonaId {
        PersonaId(self.next_id)
    }

    /// Every touchpoint of the map with the activity it is attached to, in map order.
    pub fn touchpoints(&self) -> impl Iterator<Item = (&Activity, &Touchpoint)> {
        self.activities().flat_map(|a| a.touchpoints.iter().map(move |t| (a, t)))
    }

    /// Links, ordered by their ends (not by when they were drawn: undo must give back the
    /// same map).
    pub fn links(&self) -> impl ExactSizeIterator<Item = &Link> {
        self.links.iter()
    }

    pub fn has_link(&self, link: Link) -> bool {
        self.links.contains(&link)
    }

    /// Links that start or end at `id`.
    pub fn links_of(&self, id: ActivityId) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.from == id || l.to == id)
    }

    pub fn personas(&self) -> &[Persona] {
        &self.personas
    }

    pub fn persona(&self, id: PersonaId) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }

    /// A persona's path without the steps whose cell has been removed (the steps stay in the
    /// data, so undoing the removal brings the path back whole).
    pub fn walk<'a>(&'a self, persona: &'a Persona) -> impl Iterator<Item = (&'a Step, &'a Activity)> {
        persona.path.iter().filter_map(|s| self.get(s.cell).map(|a| (s, a)))
    }

    pub(crate) fn replace_personas(&mut self, personas: Vec<Persona>) -> Vec<Persona> {
        std::mem::replace(&mut self.personas, personas)
    }

    /// The cluster name kept on this cell, if any.
    pub fn cluster_name(&self, anchor: ActivityId) -> Option<&str> {
        self.cluster_names.get(&anchor).map(String::as_str)
    }

    /// Every kept cluster name with its anchor cell.
    pub fn cluster_names(&self) -> impl Iterator<Item = (ActivityId, &str)> {
        self.cluster_names.iter().map(|(id, n)| (*id, n.as_str()))
    }

    /// Sets or clears the name kept on `anchor`; returns the old one.
    pub(crate) fn set_cluster_name(&mut self, anchor: ActivityId, name: Option<String>) -> Option<String> {
        match name {
            Some(n) => self.cluster_names.insert(anchor, n),
            None => self.cluster_names.remove(&anchor),
        }
    }

    /// World-space rectangle around every activity, or `None` for an empty map.
    pub fn bounds(&self, grid: &Grid) -> Option<Rect> {
        let r = Rect::around(self.activities().map(|a| grid.hex_to_world_pos(a.at)))?;
        Some(r.grow(Grid::HEX_SIZE))
    }

    /// Puts an activity on the map. Refuses an occupied cell or a used id.
    pub(crate) fn insert(&mut self, activity: Activity) -> Result<(), Activity> {
        if !self.is_free(activity.at) || self.activities.contains_key(&activity.id) {
            return Err(activity);
        }
        let highest = activity.touchpoints.iter().map(|t| t.id.0).chain([activity.id.0]).max().unwrap_or(0);
        self.next_id = self.next_id.max(highest + 1);
        self.by_cell.insert(activity.at, activity.id);
        self.activities.insert(activity.id, activity);
        Ok(())
    }

    pub(crate) fn remove(&mut self, id: ActivityId) -> Option<Activity> {
        let activity = self.activities.remove(&id)?;
        self.by_cell.remove(&activity.at);
        Some(activity)
    }

    pub(crate) fn get_mut(&mut self, id: ActivityId) -> Option<&mut Activity> {
        self.activities.get_mut(&id)
    }

    /// Moves activities to new cells all at once; the caller has checked the targets.
    pub(crate) fn relocate(&mut self, moves: &[(ActivityId, Cell)]) {
        for (id, _) in moves {
            if let Some(a) = self.activities.get(id) {
                self.by_cell.remove(&a.at);
            }
        }
        for &(id, to) in moves {
            if let Some(a) = self.activities.get_mut(&id) {
                a.at = to;
                self.by_cell.insert(to, id);
            }
        }
    }

    pub(crate) fn push_link(&mut self, link: Link) {
        self.links.insert(link);
    }

    /// Removes the links for which `gone` holds and returns them.
    pub(crate) fn take_links(&mut self, gone: impl Fn(&Link) -> bool) -> Vec<Link> {
        let taken: Vec<Link> = self.links.iter().filter(|l| gone(l)).copied().collect();
        self.links.retain(|l| !gone(l));
        taken
    }

    /// Swaps in a new phase list; the caller has checked that every cell's phase is in it.
    pub(crate) fn replace_phases(&mut self, phases: Vec<Phase>) -> Vec<Phase> {
        std::mem::replace(&mut self.phases, phases)
    }

    /// Keeps ids unique across a load: a file may say its next id is lower than one it uses.
    pub(crate) fn reserve_ids_from(&mut self, next: u64) {
        self.next_id = self.next_id.max(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn activity(id: u64, q: i32, r: i32) -> Activity {
        Activity::new(ActivityId(id), Cell::new(q, r), format!("a{id}"), None)
    }

    #[test]
    fn a_cell_holds_at_most_one_activity() {
        let mut j = Journey::new("t");
        j.insert(activity(1, 0, 0)).unwrap();
        assert!(j.insert(activity(2, 0, 0)).is_err());
        assert_eq!(j.len(), 1);
        assert_eq!(j.at(Cell::ORIGIN).unwrap().id, ActivityId(1));
    }

    #[test]
    fn ids_are_never_reused_after_removal() {
        let mut j = Journey::new("t");
        j.insert(activity(7, 0, 0)).unwrap();
        j.remove(ActivityId(7));
        assert_eq!(j.next_id(), ActivityId(8));
        assert!(j.is_free(Cell::ORIGIN));
    }

    #[test]
    fn relocating_a_swap_keeps_the_index_consistent() {
        let mut j = Journey::new("t");
        j.insert(activity(1, 0, 0)).unwrap();
        j.insert(activity(2, 1, 0)).unwrap();
        j.relocate(&[(ActivityId(1), Cell::new(1, 0)), (ActivityId(2), Cell::new(0, 0))]);
        assert_eq!(j.at(Cell::new(1, 0)).unwrap().id, ActivityId(1));
        assert_eq!(j.at(Cell::new(0, 0)).unwrap().id, ActivityId(2));
    }

}
