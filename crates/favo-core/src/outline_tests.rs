use super::*;
use crate::{sample, Editor};

fn editor() -> Editor {
    let mut e = Editor::new(sample::journey(Lang::En));
    let checkout = e.journey().activities().find(|a| a.label == "Checkout").unwrap().id;
    e.add_touchpoint(checkout, "Payment page").unwrap();
    let ada = e.add_persona("Ada").unwrap();
    let ids: Vec<ActivityId> = e.journey().activities().take(3).map(|a| a.id).collect();
    for id in ids {
        e.append_step(ada, id).unwrap();
    }
    e
}

fn focus_after(rows: &[Row], from: Node, keys: &[Key]) -> Node {
    keys.iter().fold(from, |at, key| match navigate(rows, at, *key) {
        Nav::Focus(n) => n,
        _ => at,
    })
}

#[test]
fn the_tree_lists_phases_their_cells_and_the_personas() {
    let e = editor();
    let j = e.journey();
    let rows = rows(j, Lang::En, &Expansion::default(), 1000);
    let phases: Vec<&Row> = rows.iter().filter(|r| r.level == 1).collect();
    // Seven phases, "no phase" (the centre cell), and the personas heading.
    assert_eq!(phases.len(), 9);
    assert_eq!(phases[0].text, "Awareness");
    assert!(phases.iter().all(|r| r.size == 9) && phases.iter().map(|r| r.pos).eq(1..=9));
    let cells = rows.iter().filter(|r| matches!(r.node, Node::Cell(_))).count();
    assert_eq!(cells, j.len());
    // Cells start closed: the touchpoint is behind its cell.
    assert!(!rows.iter().any(|r| matches!(r.node, Node::Touchpoint(..))));
    let checkout = rows.iter().find(|r| r.text == "Checkout").unwrap();
    assert_eq!((checkout.level, checkout.expanded), (2, Some(false)));
    // The persona is open and lists its three steps in order.
    let steps: Vec<&Row> = rows.iter().filter(|r| matches!(r.node, Node::Step(..))).collect();
    assert_eq!(steps.len(), 3);
    assert!(steps[0].text.starts_with("1. ") && steps[2].text.starts_with("3. "));
}

#[test]
fn phase_names_follow_the_language() {
    let j = sample::journey(Lang::It);
    let rows = rows(&j, Lang::It, &Expansion::default(), 1000);
    assert_eq!(rows[0].text, "Consapevolezza");
}

#[test]
fn opening_a_cell_shows_its_touchpoints_one_level_down() {
    let e = editor();
    let j = e.journey();
    let checkout = j.activities().find(|a| a.label == "Checkout").unwrap().id;
    let mut open = Expansion::default();
    open.set(Node::Cell(checkout), true);
    let rows = rows(j, Lang::En, &open, 1000);
    let at = rows.iter().position(|r| r.node == Node::Cell(checkout)).unwrap();
    assert_eq!(rows[at].expanded, Some(true));
    assert_eq!(rows[at + 1].level, 3);
    assert!(rows[at + 1].text.starts_with("Online shop"), "the sample's touchpoint");
    assert!(rows[at + 2].text.starts_with("Payment page"));
    open.set(Node::Cell(checkout), false);
    assert_eq!(open, Expansion::default());
}

#[test]
fn the_keyboard_walks_the_tree_as_the_aria_pattern_says() {
    let e = editor();
    let j = e.journey();
    let mut open = Expansion::default();
    let rows_now = rows(j, Lang::En, &open, 1000);
    let first = rows_now[0].node;
    // Down from a phase goes into its first cell; Left from there goes back to the phase.
    let cell = focus_after(&rows_now, first, &[Key::Down]);
    assert!(matches!(cell, Node::Cell(_)));
    assert_eq!(focus_after(&rows_now, cell, &[Key::Left]), first);
    // Left on an open phase closes it; Right opens it again.
    assert_eq!(navigate(&rows_now, first, Key::Left), Nav::Close(first));
    open.set(first, false);
    let closed = rows(j, Lang::En, &open, 1000);
    assert_eq!(navigate(&closed, first, Key::Right), Nav::Open(first));
    // With the first phase closed, Down jumps to the second phase.
    assert_eq!(navigate(&closed, first, Key::Down), Nav::Focus(closed[1].node));
    assert!(matches!(closed[1].node, Node::Phase(Some(_))));
    // Right on an open node goes to its first child; on a leaf it does nothing.
    assert_eq!(navigate(&rows_now, first, Key::Right), Nav::Focus(cell));
    let step = rows_now.iter().find(|r| matches!(r.node, Node::Step(..))).unwrap().node;
    assert_eq!(navigate(&rows_now, step, Key::Right), Nav::Nothing);
    // Home and End, and the edges.
    assert_eq!(focus_after(&rows_now, step, &[Key::Home]), first);
    let last = rows_now.last().unwrap().node;
    assert_eq!(focus_after(&rows_now, first, &[Key::End]), last);
    assert_eq!(navigate(&rows_now, first, Key::Up), Nav::Nothing);
    assert_eq!(navigate(&rows_now, last, Key::Down), Nav::Nothing);
    // A focus that has gone (its row was deleted) lands on the first row.
    assert_eq!(navigate(&rows_now, Node::Cell(ActivityId(999_999)), Key::Down), Nav::Focus(first));
}

#[test]
fn walking_down_visits_every_visible_row_once() {
    let e = editor();
    let rows = rows(e.journey(), Lang::En, &Expansion::default(), 1000);
    let mut at = rows[0].node;
    let mut seen = vec![at];
    while let Nav::Focus(next) = navigate(&rows, at, Key::Down) {
        seen.push(next);
        at = next;
    }
    assert_eq!(seen, rows.iter().map(|r| r.node).collect::<Vec<_>>());
}

#[test]
fn rows_stop_at_the_cap_and_every_node_points_at_its_cell() {
    let j = sample::large(5000);
    let rows = rows(&j, Lang::En, &Expansion::default(), 100);
    assert_eq!(rows.iter().filter(|r| matches!(r.node, Node::Cell(_))).count(), 100);
    let e = editor();
    let j = e.journey();
    let ada = j.personas()[0].id;
    assert_eq!(cell_of(j, Node::Step(ada, 1)), Some(j.personas()[0].path[1].cell));
    assert_eq!(cell_of(j, Node::Persona(ada)), None);
}
