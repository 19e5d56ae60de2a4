//! The outline as a tree (WAI-ARIA's tree pattern): phases → cells → touchpoints, then
//! personas → path steps. The web app renders [`rows`] as a flat list of `treeitem`s with
//! their level, position and expansion, and moves the focus with [`navigate`]; both are
//! plain data here so that the keyboard walk is tested natively.

use std::collections::BTreeSet;

use crate::journey::{ActivityId, Journey, Lang, PersonaId, PhaseId, TouchpointId};

/// A node of the tree, stable across edits (the app keys rows and focus on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// A phase; `None` is "no phase".
    Phase(Option<PhaseId>),
    Cell(ActivityId),
    Touchpoint(ActivityId, TouchpointId),
    /// The "Personas" heading.
    Personas,
    Persona(PersonaId),
    /// A step of a persona's path, by index.
    Step(PersonaId, usize),
}

/// One visible row of the tree.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    pub node: Node,
    /// 1 for the top level (`aria-level`).
    pub level: u8,
    /// Position among its siblings, from 1, and how many siblings (`aria-posinset`, `aria-setsize`).
    pub pos: usize,
    pub size: usize,
    /// The row's text; empty for an unlabelled cell and for the "Personas" heading (the app
    /// supplies those in the UI language).
    pub text: String,
    /// `Some(open)` when the row has children.
    pub expanded: Option<bool>,
}

/// Which nodes the user has opened or closed, against the defaults: phases and personas
/// start open, cells start closed (a big map would otherwise list every touchpoint).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expansion {
    toggled: BTreeSet<Node>,
}

impl Expansion {
    pub fn is_open(&self, node: Node) -> bool {
        let default = !matches!(node, Node::Cell(_));
        default != self.toggled.contains(&node)
    }

    pub fn set(&mut self, node: Node, open: bool) {
        if self.is_open(node) != open && !self.toggled.remove(&node) {
            self.toggled.insert(node);
        }
    }
}

/// The visible rows, at most `max_cells` cell rows (the rest are left out and counted by the
/// caller: a list of 10,000 cells serves nobody, and each row costs the DOM).
pub fn rows(journey: &Journey, lang: Lang, open: &Expansion, max_cells: usize) -> Vec<Row> {
    let mut out = Vec::new();
    let mut budget = max_cells;
    let phases: Vec<Option<PhaseId>> = journey.phases().iter().map(|p| Some(p.id)).chain([None]).collect();
    let groups: Vec<(Option<PhaseId>, Vec<ActivityId>)> = phases
        .into_iter()
        .map(|p| (p, journey.activities().filter(|a| a.phase == p).map(|a| a.id).collect::<Vec<_>>()))
        .filter(|(p, cells)| p.is_some() || !cells.is_empty())
        .collect();
    let top = groups.len() + 1;
    for (i, (phase, cells)) in groups.iter().enumerate() {
        let node = Node::Phase(*phase);
        let name = phase.and_then(|p| journey.phase(p)).map(|p| p.name(lang).to_owned()).unwrap_or_default();
        let has = !cells.is_empty();
        out.push(Row { node, level: 1, pos: i + 1, size: top, text: name, expanded: has.then(|| open.is_open(node)) });
        if !has || !open.is_open(node) {
            continue;
        }
        for (j, id) in cells.iter().enumerate() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            let Some(a) = journey.get(*id) else { continue };
            let node = Node::Cell(a.id);
            let has = !a.touchpoints.is_empty();
            let expanded = has.then(|| open.is_open(node));
            out.push(Row { node, level: 2, pos: j + 1, size: cells.len(), text: a.label.clone(), expanded });
            if expanded == Some(true) {
                for (k, t) in a.touchpoints.iter().enumerate() {
                    let text = format!("{} · {} · {}", t.name, t.channel.name(lang), t.status.name(lang));
                    out.push(Row { node: Node::Touchpoint(a.id, t.id), level: 3, pos: k + 1, size: a.touchpoints.len(), text, expanded: None });
                }
            }
        }
    }
    let personas = journey.personas();
    let open_personas = open.is_open(Node::Personas);
    let has = !personas.is_empty();
    out.push(Row { node: Node::Personas, level: 1, pos: top, size: top, text: String::new(), expanded: has.then_some(open_personas) });
    if has && open_personas {
        for (i, p) in personas.iter().enumerate() {
            let node = Node::Persona(p.id);
            let steps: Vec<_> = p.path.iter().enumerate().filter_map(|(n, s)| journey.get(s.cell).map(|a| (n, s, a))).collect();
            let expanded = (!steps.is_empty()).then(|| open.is_open(node));
            let text = format!("{} · {}", p.name, p.stage.name(lang));
            out.push(Row { node, level: 2, pos: i + 1, size: personas.len(), text, expanded });
            if expanded == Some(true) {
                for (k, (n, step, a)) in steps.iter().enumerate() {
                    let label = if a.label.is_empty() { "…" } else { a.label.as_str() };
                    let text = format!("{}. {} ({:+})", k + 1, label, step.as_is);
                    out.push(Row { node: Node::Step(p.id, *n), level: 3, pos: k + 1, size: steps.len(), text, expanded: None });
                }
            }
        }
    }
    out
}

/// A key of the tree pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    /// Right arrow: open a closed node, else go to its first child.
    Right,
    /// Left arrow: close an open node, else go to its parent.
    Left,
    Home,
    End,
}

/// What a key does from the focused row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    Focus(Node),
    Open(Node),
    Close(Node),
    Nothing,
}

/// The tree pattern's keyboard behaviour over the visible rows.
pub fn navigate(rows: &[Row], focused: Node, key: Key) -> Nav {
    let Some(i) = rows.iter().position(|r| r.node == focused) else {
        return rows.first().map_or(Nav::Nothing, |r| Nav::Focus(r.node));
    };
    let row = &rows[i];
    let focus = |j: usize| rows.get(j).map_or(Nav::Nothing, |r| Nav::Focus(r.node));
    match key {
        Key::Up if i > 0 => focus(i - 1),
        Key::Down => focus(i + 1),
        Key::Home => focus(0),
        Key::End => focus(rows.len() - 1),
        Key::Right => match row.expanded {
            Some(false) => Nav::Open(row.node),
            Some(true) => focus(i + 1),
            None => Nav::Nothing,
        },
        Key::Left => match row.expanded {
            Some(true) => Nav::Close(row.node),
            _ => rows[..i].iter().rev().find(|r| r.level < row.level).map_or(Nav::Nothing, |r| Nav::Focus(r.node)),
        },
        Key::Up => Nav::Nothing,
    }
}

/// The cell a node stands for, to select on the canvas.
pub fn cell_of(journey: &Journey, node: Node) -> Option<ActivityId> {
    match node {
        Node::Cell(id) | Node::Touchpoint(id, _) => Some(id),
        Node::Step(p, n) => journey.persona(p)?.path.get(n).map(|s| s.cell),
        _ => None,
    }
}

#[cfg(test)]
#[path = "outline_tests.rs"]
mod tests;
