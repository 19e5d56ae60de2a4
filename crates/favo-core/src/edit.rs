//! Every change a user can make to a journey, as data, with its exact inverse.
//!
//! Applying an [`Edit`] returns the edit that undoes it, so undo and redo are the same
//! operation run on two stacks ([`History`]). An edit is checked in full before anything
//! changes: it applies entirely or not at all.

use std::collections::HashSet;
use std::fmt;

use crate::grid::Cell;
use crate::journey::{
    clean_label, clean_persona, clean_touchpoint, is_hex_color, Activity, ActivityId, Journey, Link, Persona, PersonaId,
    Phase, PhaseId, Touchpoint, TouchpointId, EMOTION_RANGE,
};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Puts new activities on free cells.
    Insert(Vec<Activity>),
    Remove(Vec<ActivityId>),
    /// Moves each activity to its cell; targets may be cells that other moving activities
    /// leave, so a group can shift over itself.
    Move(Vec<(ActivityId, Cell)>),
    Relabel(ActivityId, String),
    SetPhase(Vec<(ActivityId, Option<PhaseId>)>),
    /// Replaces the phase list (rename, recolour, add, remove, reorder) and moves the given
    /// cells to other phases at the same time: removing a phase sends its cells to no phase.
    SetPhases { phases: Vec<Phase>, cells: Vec<(ActivityId, Option<PhaseId>)> },
    /// Replaces a cell's touchpoints (add, change, remove and reorder are all this).
    SetTouchpoints(ActivityId, Vec<Touchpoint>),
    /// Adds directed links between cells.
    Link(Vec<Link>),
    Unlink(Vec<Link>),
    /// Replaces the personas (add, change, remove, reorder, and every path edit).
    SetPersonas(Vec<Persona>),
    /// Names the cluster of the given cell (`None` clears the name).
    NameCluster(ActivityId, Option<String>),
    /// Renames the map.
    Retitle(String),
    /// Several edits as one step, applied in order, all or none.
    Batch(Vec<Edit>),
    /// Swaps in a whole document (an import).
    Replace(Box<Journey>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The cell is taken by an activity that is not part of the edit.
    Occupied(Cell),
    /// The activity is not (or no longer) on the map.
    Missing(ActivityId),
    UnknownPhase(PhaseId),
    /// Two activities of one edit would land on the same cell.
    Collision(Cell),
    /// A link from a cell to itself, or one that exists already.
    BadLink(Link),
    /// Two phases with one id, or a colour that is not `#rrggbb`.
    BadPhases,
    /// Two personas with one id, a colour that is not `#rrggbb`, or an emotion out of −2…+2.
    BadPersonas,
    /// A touchpoint id that another cell's touchpoint, or another touchpoint of the list,
    /// already has.
    DuplicateTouchpoint(TouchpointId),
    /// Nothing would change; nothing is recorded.
    NoChange,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Occupied(c) => write!(f, "cell ({}, {}) is already taken", c.q, c.r),
            EditError::Missing(id) => write!(f, "cell #{} is not on the map", id.0),
            EditError::UnknownPhase(p) => write!(f, "phase #{} does not exist", p.0),
            EditError::Collision(c) => write!(f, "two cells would land on ({}, {})", c.q, c.r),
            EditError::BadLink(l) => write!(f, "cannot link cell #{} to #{}", l.from.0, l.to.0),
            EditError::BadPersonas => write!(f, "persona ids must be unique, colours #rrggbb and emotions from -2 to +2"),
            EditError::BadPhases => write!(f, "phase ids must be unique and colours #rrggbb"),
            EditError::DuplicateTouchpoint(t) => write!(f, "touchpoint #{} exists already", t.0),
            EditError::NoChange => write!(f, "nothing to change"),
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Moves `ids` by the offset from `from` to `to` (one drag, or an arrow key).
    pub fn move_by(ids: &[ActivityId], journey: &Journey, from: Cell, to: Cell) -> Edit {
        let offset = from.offset_to(to);
        Edit::Move(
            ids.iter()
                .filter_map(|&id| journey.get(id).map(|a| (id, a.at.offset_by(offset))))
                .collect(),
        )
    }
}

impl Journey {
    /// Applies `edit` and returns its inverse, or changes nothing and says why.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        // A batch is checked step by step as it applies, and rolled back on failure.
        if !matches!(edit, Edit::Batch(_)) {
            self.validate(&edit)?;
        }
        Ok(match edit {
            Edit::Insert(activities) => {
                let ids = activities.iter().map(|a| a.id).collect();
                for mut a in activities {
                    a.label = clean_label(&a.label).0;
                    self.insert(a).expect("checked: cell free and id unused");
                }
                Edit::Remove(ids)
            }
            Edit::Remove(ids) => {
                let removed: HashSet<ActivityId> = ids.iter().copied().collect();
                let links = self.take_links(|l| removed.contains(&l.from) || removed.contains(&l.to));
                let insert = Edit::Insert(ids.iter().filter_map(|&id| self.remove(id)).collect());
                if links.is_empty() {
                    insert
                } else {
                    Edit::Batch(vec![insert, Edit::Link(links)])
                }
            }
            Edit::Link(links) => {
                links.iter().for_each(|&l| self.push_link(l));
                Edit::Unlink(links)
            }
            Edit::Unlink(links) => {
                let gone: HashSet<Link> = links.iter().copied().collect();
                Edit::Link(self.take_links(|l| gone.contains(l)))
            }
            Edit::SetPersonas(personas) => {
                let highest = personas.iter().map(|p| p.id.0).max().unwrap_or(0);
                self.reserve_ids_from(highest + 1);
                Edit::SetPersonas(self.replace_personas(personas.into_iter().map(clean_persona).collect()))
            }
            Edit::NameCluster(anchor, name) => {
                let name = name.map(|n| clean_label(&n).0).filter(|n| !n.is_empty());
                Edit::NameCluster(anchor, self.set_cluster_name(anchor, name))
            }
            Edit::Retitle(title) => Edit::Retitle(std::mem::replace(&mut self.title, clean_label(&title).0)),
            Edit::Batch(edits) => {
                let mut done: Vec<Edit> = Vec::new();
                for edit in edits {
                    match self.apply(edit) {
                        Ok(inverse) => done.push(inverse),
                        Err(e) => {
                            // Roll back what was applied, newest first: all or none.
                            while let Some(inverse) = done.pop() {
                                self.apply(inverse).expect("an inverse applies to the state it came from");
                            }
                            return Err(e);
                        }
                    }
                }
                done.reverse();
                Edit::Batch(done)
            }
            Edit::Move(moves) => {
                let back = moves.iter().map(|&(id, _)| (id, self.get(id).expect("checked").at)).collect();
                self.relocate(&moves);
                Edit::Move(back)
            }
            Edit::Relabel(id, label) => {
                let a = self.get_mut(id).expect("checked");
                Edit::Relabel(id, std::mem::replace(&mut a.label, clean_label(&label).0))
            }
            Edit::SetPhase(changes) => Edit::SetPhase(
                changes
                    .into_iter()
                    .map(|(id, phase)| {
                        let a = self.get_mut(id).expect("checked");
                        (id, std::mem::replace(&mut a.phase, phase))
                    })
                    .collect(),
            ),
            Edit::SetPhases { phases, cells } => {
                let old_cells = cells.iter().map(|&(id, _)| (id, self.get(id).expect("checked").phase)).collect();
                for (id, phase) in cells {
                    self.get_mut(id).expect("checked").phase = phase;
                }
                let phases = phases.into_iter().map(|p| Phase { name: p.name.map(|n| clean_label(&n).0), ..p }).collect();
                Edit::SetPhases { phases: self.replace_phases(phases), cells: old_cells }
            }
            Edit::SetTouchpoints(id, touchpoints) => {
                let cleaned = touchpoints.into_iter().map(clean_touchpoint).collect();
                let a = self.get_mut(id).expect("checked");
                let old = std::mem::replace(&mut a.touchpoints, cleaned);
                let highest = a.touchpoints.iter().map(|t| t.id.0).max().unwrap_or(0);
                self.reserve_ids_from(highest + 1);
                Edit::SetTouchpoints(id, old)
            }
            Edit::Replace(doc) => Edit::Replace(Box::new(std::mem::replace(self, *doc))),
        })
    }

    /// Whether `edit` would apply, without applying it (a drag preview asks this).
    pub fn validate(&self, edit: &Edit) -> Result<(), EditError> {
        let exists = |id: ActivityId| self.get(id).map(|_| ()).ok_or(EditError::Missing(id));
        match edit {
            Edit::Insert(activities) => {
                if activities.is_empty() {
                    return Err(EditError::NoChange);
                }
                let mut cells = HashSet::new();
                for a in activities {
                    if !self.is_free(a.at) {
                        return Err(EditError::Occupied(a.at));
                    }
                    if !cells.insert(a.at) {
                        return Err(EditError::Collision(a.at));
                    }
                    if self.get(a.id).is_some() {
                        return Err(EditError::Occupied(a.at));
                    }
                    self.check_phase(a.phase)?;
                }
            }
            Edit::Remove(ids) => {
                if ids.is_empty() {
                    return Err(EditError::NoChange);
                }
                ids.iter().try_for_each(|&id| exists(id))?;
            }
            Edit::Move(moves) => {
                let moving: HashSet<ActivityId> = moves.iter().map(|m| m.0).collect();
                let mut targets = HashSet::new();
                let mut changes = false;
                for &(id, to) in moves {
                    exists(id)?;
                    changes |= self.get(id).map(|a| a.at) != Some(to);
                    if !targets.insert(to) {
                        return Err(EditError::Collision(to));
                    }
                    if let Some(other) = self.at(to) {
                        if !moving.contains(&other.id) {
                            return Err(EditError::Occupied(to));
                        }
                    }
                }
                if !changes || moving.len() != moves.len() {
                    return Err(EditError::NoChange);
                }
            }
            Edit::Relabel(id, label) => {
                exists(*id)?;
                if self.get(*id).map(|a| &a.label) == Some(&clean_label(label).0) {
                    return Err(EditError::NoChange);
                }
            }
            Edit::SetPhase(changes) => {
                let mut any = false;
                for &(id, phase) in changes {
                    exists(id)?;
                    self.check_phase(phase)?;
                    any |= self.get(id).map(|a| a.phase) != Some(phase);
                }
                if !any {
                    return Err(EditError::NoChange);
                }
            }
            Edit::SetPhases { phases, cells } => {
                let ids: HashSet<PhaseId> = phases.iter().map(|p| p.id).collect();
                if ids.len() != phases.len() || !phases.iter().all(|p| is_hex_color(&p.color)) {
                    return Err(EditError::BadPhases);
                }
                let moved: HashSet<ActivityId> = cells.iter().map(|c| c.0).collect();
                for &(id, phase) in cells {
                    exists(id)?;
                    if phase.is_some_and(|p| !ids.contains(&p)) {
                        return Err(EditError::UnknownPhase(phase.unwrap()));
                    }
                }
                // Every cell that keeps its phase must keep one that still exists.
                if let Some(p) = self
                    .activities()
                    .filter(|a| !moved.contains(&a.id))
                    .filter_map(|a| a.phase)
                    .find(|p| !ids.contains(p))
                {
                    return Err(EditError::UnknownPhase(p));
                }
                let same_cells = cells.iter().all(|&(id, p)| self.get(id).map(|a| a.phase) == Some(p));
                if self.phases() == phases.as_slice() && same_cells {
                    return Err(EditError::NoChange);
                }
            }
            Edit::SetTouchpoints(id, touchpoints) => {
                let current = self.get(*id).ok_or(EditError::Missing(*id))?;
                if current.touchpoints == *touchpoints {
                    return Err(EditError::NoChange);
                }
                let elsewhere: HashSet<TouchpointId> =
                    self.touchpoints().filter(|(a, _)| a.id != *id).map(|(_, t)| t.id).collect();
                let mut seen = HashSet::new();
                for t in touchpoints {
                    if elsewhere.contains(&t.id) || !seen.insert(t.id) || self.get(ActivityId(t.id.0)).is_some() {
                        return Err(EditError::DuplicateTouchpoint(t.id));
                    }
                }
            }
            Edit::Link(links) => {
                if links.is_empty() {
                    return Err(EditError::NoChange);
                }
                let mut seen = HashSet::new();
                for &l in links {
                    exists(l.from)?;
                    exists(l.to)?;
                    if l.from == l.to || self.has_link(l) || !seen.insert(l) {
                        return Err(EditError::BadLink(l));
                    }
                }
            }
            Edit::Unlink(links) => {
                if links.is_empty() {
                    return Err(EditError::NoChange);
                }
                if let Some(&l) = links.iter().find(|l| !self.has_link(**l)) {
                    return Err(EditError::BadLink(l));
                }
            }
            Edit::SetPersonas(personas) => {
                let ids: HashSet<PersonaId> = personas.iter().map(|p| p.id).collect();
                let emotions_ok = personas.iter().flat_map(|p| &p.path).all(|s| EMOTION_RANGE.contains(&s.as_is) && EMOTION_RANGE.contains(&s.to_be));
                if ids.len() != personas.len() || !personas.iter().all(|p| is_hex_color(&p.color)) || !emotions_ok {
                    return Err(EditError::BadPersonas);
                }
                if self.personas() == personas.as_slice() {
                    return Err(EditError::NoChange);
                }
            }
            Edit::NameCluster(anchor, name) => {
                exists(*anchor)?;
                let name = name.as_deref().map(|n| clean_label(n).0).filter(|n| !n.is_empty());
                if self.cluster_name(*anchor) == name.as_deref() {
                    return Err(EditError::NoChange);
                }
            }
            Edit::Retitle(title) => {
                if clean_label(title).0 == self.title {
                    return Err(EditError::NoChange);
                }
            }
            // Later steps depend on earlier ones: try them on a copy (batches are rare and small).
            Edit::Batch(edits) => {
                if edits.is_empty() {
                    return Err(EditError::NoChange);
                }
                self.clone().apply(edit.clone())?;
            }
            Edit::Replace(_) => {}
        }
        Ok(())
    }

    fn check_phase(&self, phase: Option<PhaseId>) -> Result<(), EditError> {
        match phase {
            Some(p) if self.phase(p).is_none() => Err(EditError::UnknownPhase(p)),
            _ => Ok(()),
        }
    }
}

/// Undo and redo stacks for one document. One user action is one entry.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Steps kept; older ones fall off so a long workshop does not grow memory forever.
    pub const LIMIT: usize = 500;

    /// Applies `edit` to `doc` and records it; a new edit clears what could be redone.
    pub fn apply(&mut self, doc: &mut Journey, edit: Edit) -> Result<(), EditError> {
        let inverse = doc.apply(edit)?;
        self.undo.push(inverse);
        if self.undo.len() > Self::LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; `false` when there is none.
    pub fn undo(&mut self, doc: &mut Journey) -> bool {
        Self::swap(&mut self.undo, &mut self.redo, doc)
    }

    pub fn redo(&mut self, doc: &mut Journey) -> bool {
        Self::swap(&mut self.redo, &mut self.undo, doc)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn swap(from: &mut Vec<Edit>, to: &mut Vec<Edit>, doc: &mut Journey) -> bool {
        let Some(edit) = from.pop() else { return false };
        // An inverse always applies to the state it was made from.
        let inverse = doc.apply(edit).expect("inverse edits apply to the state they came from");
        to.push(inverse);
        true
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
