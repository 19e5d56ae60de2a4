//! One open map being edited: the journey, its undo history and the selection, with every
//! user action as a method. The web app's handlers are one-line calls into this.

use std::collections::HashMap;

use crate::clipboard;
use crate::edit::{Edit, EditError, History};
use crate::grid::Cell;
use crate::journey::{
    Activity, ActivityId, Channel, Journey, Lifecycle, Link, Moment, Persona, PersonaId, Phase, PhaseId, Status, Step,
    Touchpoint, TouchpointId, PERSONA_COLORS,
};
use crate::keys::Direction;
use crate::scene::Selection;

#[derive(Clone, Debug)]
pub struct Editor {
    journey: Journey,
    history: History,
    pub selection: Selection,
    /// Bumped on every change to the journey: what autosave watches.
    revision: u64,
}

impl Editor {
    pub fn new(journey: Journey) -> Editor {
        Editor { journey, history: History::default(), selection: Selection::new(), revision: 0 }
    }

    pub fn journey(&self) -> &Journey {
        &self.journey
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Applies a user edit as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.journey, edit)?;
        self.changed();
        Ok(())
    }

    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.journey);
        if done {
            self.changed();
        }
        done
    }

    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.journey);
        if done {
            self.changed();
        }
        done
    }

    /// Adds an empty activity on `at` and selects it. It takes the phase most of its
    /// neighbours have, so a cell added beside "Interest" cells is an Interest cell.
    pub fn add_cell(&mut self, at: Cell) -> Result<ActivityId, EditError> {
        let id = self.journey.next_id();
        let phase = self.neighbour_phase(at);
        self.apply(Edit::Insert(vec![Activity::new(id, at, "", phase)]))?;
        self.selection = Selection::from([id]);
        Ok(id)
    }

    /// Adds a cell from the keyboard: on the first free neighbour of the selected cell
    /// (east first, then clockwise), or on the free cell nearest `center` when nothing is
    /// selected. Returns the new cell's id, selected.
    pub fn add_beside_selection(&mut self, center: Cell) -> Result<ActivityId, EditError> {
        let anchor = self.selection.first().and_then(|&id| self.journey.get(id)).map(|a| a.at);
        let free = match anchor {
            Some(at) => at.all_neighbors().into_iter().find(|c| self.journey.is_free(*c)),
            None => (0..).flat_map(|radius| center.ring(radius)).take(10_000).find(|c| self.journey.is_free(*c)),
        };
        self.add_cell(free.ok_or(EditError::Occupied(anchor.unwrap_or(center)))?)
    }

    pub fn delete_selection(&mut self) -> Result<(), EditError> {
        self.apply(Edit::Remove(self.selection.iter().copied().collect()))
    }

    pub fn move_cells(&mut self, ids: &[ActivityId], from: Cell, to: Cell) -> Result<(), EditError> {
        self.apply(Edit::move_by(ids, &self.journey, from, to))
    }

    /// Moves the selection one cell over (arrow keys). The step follows the first selected
    /// cell's row, and the whole group moves by the same offset, keeping its shape.
    pub fn nudge(&mut self, direction: Direction) -> Result<(), EditError> {
        let ids: Vec<ActivityId> = self.selection.iter().copied().collect();
        let anchor = ids.first().and_then(|&id| self.journey.get(id)).ok_or(EditError::NoChange)?.at;
        self.move_cells(&ids, anchor, direction.step(anchor))
    }

    pub fn relabel(&mut self, id: ActivityId, label: &str) -> Result<(), EditError> {
        self.apply(Edit::Relabel(id, label.trim().to_owned()))
    }

    pub fn set_phase_of_selection(&mut self, phase: Option<PhaseId>) -> Result<(), EditError> {
        self.apply(Edit::SetPhase(self.selection.iter().map(|&id| (id, phase)).collect()))
    }

    /// Adds a touchpoint to a cell, at the moment of sale of the cell's phase (pre-sale when
    /// it has none), and returns its id.
    pub fn add_touchpoint(&mut self, cell: ActivityId, name: &str) -> Result<TouchpointId, EditError> {
        let a = self.journey.get(cell).ok_or(EditError::Missing(cell))?;
        let moment = a.phase.and_then(|p| self.journey.phase(p)).and_then(|p| p.key).map_or(Moment::PreSale, |k| k.moment());
        let id = self.journey.next_touchpoint_id();
        let touchpoint = Touchpoint {
            id,
            name: name.trim().to_owned(),
            channel: Channel::Web,
            online: true,
            moment,
            owner: String::new(),
            description: String::new(),
            status: Status::ToReview,
            event: None,
        };
        let mut list = a.touchpoints.clone();
        list.push(touchpoint);
        self.apply(Edit::SetTouchpoints(cell, list))?;
        Ok(id)
    }

    /// Replaces one touchpoint of a cell (matched by id) with `touchpoint`.
    pub fn update_touchpoint(&mut self, cell: ActivityId, touchpoint: Touchpoint) -> Result<(), EditError> {
        let a = self.journey.get(cell).ok_or(EditError::Missing(cell))?;
        let list = a.touchpoints.iter().map(|t| if t.id == touchpoint.id { touchpoint.clone() } else { t.clone() }).collect();
        self.apply(Edit::SetTouchpoints(cell, list))
    }

    pub fn remove_touchpoint(&mut self, cell: ActivityId, id: TouchpointId) -> Result<(), EditError> {
        let a = self.journey.get(cell).ok_or(EditError::Missing(cell))?;
        let list = a.touchpoints.iter().filter(|t| t.id != id).cloned().collect();
        self.apply(Edit::SetTouchpoints(cell, list))
    }

    /// The selection as clipboard text (a small map file), or `None` when nothing is selected.
    pub fn copy_selection(&self) -> Option<String> {
        clipboard::copy(&self.journey, &self.selection)
    }

    /// Pastes clipboard text (a map, or lines of text) as near `anchor` as it fits, as one
    /// undo step, and selects what was pasted.
    pub fn paste(&mut self, text: &str, anchor: Cell) -> Result<Vec<ActivityId>, EditError> {
        let fragment = clipboard::read(text).ok_or(EditError::NoChange)?;
        let (edit, ids) = clipboard::paste(&self.journey, &fragment, anchor).ok_or(EditError::Occupied(anchor))?;
        self.apply(edit)?;
        self.select(ids.iter().copied());
        Ok(ids)
    }

    /// Copies the selection next to itself and selects the copy.
    pub fn duplicate_selection(&mut self) -> Result<Vec<ActivityId>, EditError> {
        let text = self.copy_selection().ok_or(EditError::NoChange)?;
        let anchor = self.selection.first().and_then(|&id| self.journey.get(id)).map(|a| a.at).ok_or(EditError::NoChange)?;
        self.paste(&text, anchor)
    }

    /// Adds a persona with the next colour and returns its id.
    pub fn add_persona(&mut self, name: &str) -> Result<PersonaId, EditError> {
        let id = self.journey.next_persona_id();
        let color = PERSONA_COLORS[self.journey.personas().len() % PERSONA_COLORS.len()].to_owned();
        let persona = Persona {
            id,
            name: name.trim().to_owned(),
            segment: String::new(),
            stage: Lifecycle::Potential,
            goals: String::new(),
            pains: String::new(),
            color,
            avatar: String::new(),
            path: Vec::new(),
        };
        self.edit_personas(|list| {
            list.push(persona);
            Ok(())
        })?;
        Ok(id)
    }

    /// Changes one persona (matched by id): its fields or its path, as one undo step.
    pub fn update_persona(&mut self, id: PersonaId, change: impl FnOnce(&mut Persona)) -> Result<(), EditError> {
        self.edit_personas(|list| {
            let p = list.iter_mut().find(|p| p.id == id).ok_or(EditError::NoChange)?;
            change(p);
            Ok(())
        })
    }

    pub fn remove_persona(&mut self, id: PersonaId) -> Result<(), EditError> {
        self.edit_personas(|list| {
            let at = list.iter().position(|p| p.id == id).ok_or(EditError::NoChange)?;
            list.remove(at);
            Ok(())
        })
    }

    /// Adds `cell` as the next step of a persona's path (path mode: click cells in order).
    pub fn append_step(&mut self, id: PersonaId, cell: ActivityId) -> Result<(), EditError> {
        self.insert_step(id, usize::MAX, cell)
    }

    /// Puts `cell` into a persona's path before step `at` (at the end when `at` is past it).
    pub fn insert_step(&mut self, id: PersonaId, at: usize, cell: ActivityId) -> Result<(), EditError> {
        if self.journey.get(cell).is_none() {
            return Err(EditError::Missing(cell));
        }
        self.update_persona(id, |p| p.path.insert(at.min(p.path.len()), Step::new(cell)))
    }

    fn edit_personas(&mut self, change: impl FnOnce(&mut Vec<Persona>) -> Result<(), EditError>) -> Result<(), EditError> {
        let mut list = self.journey.personas().to_vec();
        change(&mut list)?;
        self.apply(Edit::SetPersonas(list))
    }

    /// Renames the map (cleaned like a label: one line, no control characters).
    pub fn retitle(&mut self, title: &str) -> Result<(), EditError> {
        self.apply(Edit::Retitle(title.trim().to_owned()))
    }

    /// Names the cluster that `cell` belongs to (an empty name clears it). The name goes on
    /// the member that already carries the cluster's name, or on `cell`.
    pub fn name_cluster(&mut self, cell: ActivityId, name: &str) -> Result<(), EditError> {
        let cluster = crate::cluster::cluster_of(&self.journey, cell).ok_or(EditError::Missing(cell))?;
        let anchor = if cluster.name.is_some() { cluster.anchor } else { cell };
        let name = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
        self.apply(Edit::NameCluster(anchor, name))
    }

    /// Links `from` to `to` (the journey goes from one to the other).
    pub fn link(&mut self, from: ActivityId, to: ActivityId) -> Result<(), EditError> {
        self.apply(Edit::Link(vec![Link { from, to }]))
    }

    pub fn unlink(&mut self, link: Link) -> Result<(), EditError> {
        self.apply(Edit::Unlink(vec![link]))
    }

    /// Renames a phase; an empty name goes back to the default name in the UI language (for
    /// one of the seven) or is refused (for a phase of the user's own).
    pub fn rename_phase(&mut self, id: PhaseId, name: &str) -> Result<(), EditError> {
        let name = name.trim();
        self.edit_phases(|phases| {
            let p = phases.iter_mut().find(|p| p.id == id).ok_or(EditError::UnknownPhase(id))?;
            p.name = match (name.is_empty(), p.key) {
                (true, Some(_)) => None,
                (true, None) => return Err(EditError::NoChange),
                (false, _) => Some(name.to_owned()),
            };
            Ok(vec![])
        })
    }

    pub fn recolor_phase(&mut self, id: PhaseId, color: &str) -> Result<(), EditError> {
        self.edit_phases(|phases| {
            let p = phases.iter_mut().find(|p| p.id == id).ok_or(EditError::UnknownPhase(id))?;
            p.color = color.to_ascii_lowercase();
            Ok(vec![])
        })
    }

    /// Adds a phase of the user's own at the end; returns its id.
    pub fn add_phase(&mut self, name: &str, color: &str) -> Result<PhaseId, EditError> {
        let id = PhaseId(self.journey.phases().iter().map(|p| p.id.0).max().unwrap_or(0) + 1);
        let phase = Phase { id, key: None, name: Some(name.trim().to_owned()), color: color.to_ascii_lowercase() };
        self.edit_phases(|phases| {
            phases.push(phase);
            Ok(vec![])
        })?;
        Ok(id)
    }

    /// Removes a phase; its cells go to no phase, in the same undo step.
    pub fn remove_phase(&mut self, id: PhaseId) -> Result<(), EditError> {
        let cells: Vec<_> = self.journey.activities().filter(|a| a.phase == Some(id)).map(|a| (a.id, None)).collect();
        self.edit_phases(|phases| {
            let at = phases.iter().position(|p| p.id == id).ok_or(EditError::UnknownPhase(id))?;
            phases.remove(at);
            Ok(cells)
        })
    }

    /// Moves a phase to position `to` in the phase order.
    pub fn move_phase(&mut self, id: PhaseId, to: usize) -> Result<(), EditError> {
        self.edit_phases(|phases| {
            let from = phases.iter().position(|p| p.id == id).ok_or(EditError::UnknownPhase(id))?;
            let phase = phases.remove(from);
            phases.insert(to.min(phases.len()), phase);
            Ok(vec![])
        })
    }

    /// Applies a change to a copy of the phase list (returning the cells it moves) as one edit.
    fn edit_phases(
        &mut self,
        change: impl FnOnce(&mut Vec<Phase>) -> Result<Vec<(ActivityId, Option<PhaseId>)>, EditError>,
    ) -> Result<(), EditError> {
        let mut phases = self.journey.phases().to_vec();
        let cells = change(&mut phases)?;
        self.apply(Edit::SetPhases { phases, cells })
    }

    /// Swaps in an imported map, as one undoable step.
    pub fn replace(&mut self, journey: Journey) -> Result<(), EditError> {
        self.apply(Edit::Replace(Box::new(journey)))
    }

    pub fn select(&mut self, ids: impl IntoIterator<Item = ActivityId>) {
        self.selection = ids.into_iter().filter(|&id| self.journey.get(id).is_some()).collect();
    }

    /// Shift-click: adds the ids, or takes them away when they are all selected already.
    pub fn toggle(&mut self, ids: &[ActivityId]) {
        if ids.iter().all(|id| self.selection.contains(id)) {
            ids.iter().for_each(|id| {
                self.selection.remove(id);
            });
        } else {
            self.selection.extend(ids.iter().filter(|&&id| self.journey.get(id).is_some()));
        }
    }

    pub fn select_all(&mut self) {
        self.selection = self.journey.activities().map(|a| a.id).collect();
    }

    /// The single selected activity, if exactly one is selected.
    pub fn single_selected(&self) -> Option<&Activity> {
        match self.selection.len() {
            1 => self.selection.first().and_then(|&id| self.journey.get(id)),
            _ => None,
        }
    }

    fn neighbour_phase(&self, at: Cell) -> Option<PhaseId> {
        let mut counts: HashMap<PhaseId, usize> = HashMap::new();
        for n in at.all_neighbors() {
            if let Some(p) = self.journey.at(n).and_then(|a| a.phase) {
                *counts.entry(p).or_default() += 1;
            }
        }
        // Ties go to the phase that comes first in the journey's order, so the pick is stable.
        let order = |p: &PhaseId| self.journey.phases().iter().position(|q| q.id == *p);
        counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(order(&b.0).cmp(&order(&a.0)))).map(|(p, _)| p)
    }

    /// After any change: forget selected ids that are gone, and count the revision.
    fn changed(&mut self) {
        let journey = &self.journey;
        self.selection.retain(|&id| journey.get(id).is_some());
        self.revision += 1;
    }
}

#[cfg(test)]
#[path = "editor_tests.rs"]
mod tests;
