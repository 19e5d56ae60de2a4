use super::*;
use crate::{sample, Edit, Lang, PhaseId};

fn sample_editor() -> Editor {
    Editor::new(sample::journey(Lang::En))
}

fn id_of(e: &Editor, label: &str) -> ActivityId {
    e.journey().activities().find(|a| a.label == label).unwrap().id
}

#[test]
fn adding_a_cell_selects_it_and_counts_a_revision() {
    let mut e = sample_editor();
    let id = e.add_cell(Cell::new(9, 9)).unwrap();
    assert_eq!(e.selection, Selection::from([id]));
    assert_eq!(e.revision(), 1);
    assert_eq!(e.journey().get(id).unwrap().label, "");
}

#[test]
fn a_new_cell_takes_its_neighbours_phase() {
    let mut e = sample_editor();
    let checkout = e.journey().get(id_of(&e, "Checkout")).unwrap().clone();
    let free = checkout.at.all_neighbors().into_iter().find(|c| e.journey().is_free(*c)).unwrap();
    let id = e.add_cell(free).unwrap();
    let phase = e.journey().get(id).unwrap().phase;
    assert!(phase.is_some());
    assert!(free.all_neighbors().iter().any(|n| e.journey().at(*n).is_some_and(|a| a.phase == phase)));
    let lonely = e.add_cell(Cell::new(40, 40)).unwrap();
    assert_eq!(e.journey().get(lonely).unwrap().phase, None);
}

#[test]
fn adding_on_a_taken_cell_is_refused() {
    let mut e = sample_editor();
    assert_eq!(e.add_cell(Cell::ORIGIN), Err(EditError::Occupied(Cell::ORIGIN)));
    assert_eq!(e.revision(), 0);
}

#[test]
fn deleting_the_selection_is_one_undo_step_and_forgets_the_selection() {
    let mut e = sample_editor();
    let n = e.journey().len();
    e.select([id_of(&e, "Checkout"), id_of(&e, "Webinar")]);
    e.delete_selection().unwrap();
    assert_eq!(e.journey().len(), n - 2);
    assert!(e.selection.is_empty());
    assert!(e.undo());
    assert_eq!(e.journey().len(), n);
}

#[test]
fn shift_click_toggles_membership() {
    let mut e = sample_editor();
    let (a, b) = (id_of(&e, "Checkout"), id_of(&e, "Webinar"));
    e.select([a]);
    e.toggle(&[b]);
    assert_eq!(e.selection, Selection::from([a, b]));
    e.toggle(&[a]);
    assert_eq!(e.selection, Selection::from([b]));
}

#[test]
fn selecting_ignores_ids_not_on_the_map() {
    let mut e = sample_editor();
    e.select([ActivityId(999)]);
    assert!(e.selection.is_empty());
    e.select_all();
    assert_eq!(e.selection.len(), e.journey().len());
}

#[test]
fn arrow_keys_move_the_selection_to_a_neighbouring_cell() {
    let mut e = Editor::new(crate::Journey::new("t"));
    let id = e.add_cell(Cell::new(10, 10)).unwrap();
    e.nudge(Direction::Right).unwrap();
    assert_eq!(e.journey().get(id).unwrap().at, Cell::new(11, 10));
    e.undo();
    assert_eq!(e.journey().get(id).unwrap().at, Cell::new(10, 10));
    assert_eq!(e.selection, Selection::from([id]), "undo keeps the selection");
}

#[test]
fn nudging_into_a_taken_cell_is_refused() {
    let mut e = Editor::new(crate::Journey::new("t"));
    e.add_cell(Cell::new(1, 0)).unwrap();
    e.add_cell(Cell::new(0, 0)).unwrap();
    assert_eq!(e.nudge(Direction::Right), Err(EditError::Occupied(Cell::new(1, 0))));
    let mut empty = sample_editor();
    assert_eq!(empty.nudge(Direction::Left), Err(EditError::NoChange), "nothing selected");
}

#[test]
fn relabel_trims_and_undoes() {
    let mut e = sample_editor();
    let id = id_of(&e, "Checkout");
    e.relabel(id, "  Pagamento rapido ").unwrap();
    assert_eq!(e.journey().get(id).unwrap().label, "Pagamento rapido");
    e.undo();
    assert_eq!(e.journey().get(id).unwrap().label, "Checkout");
}

#[test]
fn changing_the_phase_of_several_cells_is_one_step() {
    let mut e = sample_editor();
    let ids = [id_of(&e, "Checkout"), id_of(&e, "Webinar")];
    e.select(ids);
    let usage = e.journey().phases()[5].id;
    e.set_phase_of_selection(Some(usage)).unwrap();
    assert!(ids.iter().all(|&id| e.journey().get(id).unwrap().phase == Some(usage)));
    e.undo();
    assert!(ids.iter().all(|&id| e.journey().get(id).unwrap().phase != Some(usage)));
}

#[test]
fn an_import_replaces_the_map_and_can_be_undone() {
    let mut e = sample_editor();
    let before = e.journey().clone();
    e.select_all();
    e.replace(crate::Journey::new("imported")).unwrap();
    assert!(e.journey().is_empty());
    assert!(e.selection.is_empty());
    e.undo();
    assert_eq!(e.journey(), &before);
}

#[test]
fn the_keyboard_adds_cells_in_a_chain_beside_the_selection() {
    let mut e = Editor::new(crate::Journey::new("t"));
    let first = e.add_beside_selection(Cell::new(5, 5)).unwrap();
    assert_eq!(e.journey().get(first).unwrap().at, Cell::new(5, 5), "nothing selected: at the centre");
    let second = e.add_beside_selection(Cell::new(5, 5)).unwrap();
    let (a, b) = (e.journey().get(first).unwrap().at, e.journey().get(second).unwrap().at);
    assert!(a.is_neighbor(b), "beside the selected cell");
    assert_eq!(e.selection, Selection::from([second]), "the new cell is selected, so the chain goes on");
    e.add_beside_selection(Cell::new(5, 5)).unwrap();
    assert_eq!(e.journey().len(), 3);
}

#[test]
fn a_cell_surrounded_on_all_sides_gets_no_keyboard_neighbour() {
    let mut e = Editor::new(crate::Journey::new("t"));
    for c in Cell::ORIGIN.all_neighbors() {
        e.add_cell(c).unwrap();
    }
    e.add_cell(Cell::ORIGIN).unwrap();
    assert_eq!(e.add_beside_selection(Cell::new(9, 9)), Err(EditError::Occupied(Cell::ORIGIN)));
}

fn phase_named(e: &Editor, name: &str) -> PhaseId {
    e.journey().phases().iter().find(|p| p.name(Lang::En) == name).unwrap().id
}

#[test]
fn renaming_a_default_phase_overrides_both_languages_until_cleared() {
    let mut e = sample_editor();
    let awareness = phase_named(&e, "Awareness");
    e.rename_phase(awareness, "  Getting noticed ").unwrap();
    let p = e.journey().phase(awareness).unwrap();
    assert_eq!((p.name(Lang::En), p.name(Lang::It)), ("Getting noticed", "Getting noticed"));
    e.rename_phase(awareness, "").unwrap();
    assert_eq!(e.journey().phase(awareness).unwrap().name(Lang::It), "Consapevolezza", "back to the UI language");
    e.undo();
    assert_eq!(e.journey().phase(awareness).unwrap().name(Lang::En), "Getting noticed");
}

#[test]
fn recolouring_accepts_only_hex_colours() {
    let mut e = sample_editor();
    let usage = phase_named(&e, "Usage");
    e.recolor_phase(usage, "#FF0000").unwrap();
    assert_eq!(e.journey().phase(usage).unwrap().color, "#ff0000");
    assert_eq!(e.recolor_phase(usage, "red; background: url(x)"), Err(EditError::BadPhases));
}

#[test]
fn removing_a_phase_sends_its_cells_to_no_phase_in_one_undoable_step() {
    let mut e = sample_editor();
    let before = e.journey().clone();
    let action = phase_named(&e, "Action");
    let members: Vec<ActivityId> = e.journey().activities().filter(|a| a.phase == Some(action)).map(|a| a.id).collect();
    assert!(!members.is_empty());
    e.remove_phase(action).unwrap();
    assert_eq!(e.journey().phases().len(), 6);
    assert!(members.iter().all(|&id| e.journey().get(id).unwrap().phase.is_none()));
    assert!(e.undo());
    assert_eq!(e.journey(), &before, "one undo restores the phase and its cells");
}

#[test]
fn added_phases_get_fresh_ids_and_phases_reorder() {
    let mut e = sample_editor();
    let id = e.add_phase("Onboarding", "#abcdef").unwrap();
    assert_eq!(id, PhaseId(8));
    assert_eq!(e.journey().phases().last().unwrap().name(Lang::It), "Onboarding");
    e.move_phase(id, 0).unwrap();
    assert_eq!(e.journey().phases()[0].id, id);
    e.undo();
    assert_eq!(e.journey().phases()[7].id, id);
    assert_eq!(e.move_phase(PhaseId(99), 0), Err(EditError::UnknownPhase(PhaseId(99))));
}

#[test]
fn a_phase_list_that_would_orphan_cells_is_refused() {
    let mut e = sample_editor();
    let mut phases = e.journey().phases().to_vec();
    phases.remove(0);
    let err = e.apply(Edit::SetPhases { phases, cells: vec![] }).unwrap_err();
    assert!(matches!(err, EditError::UnknownPhase(_)), "{err:?}");
}

#[test]
fn a_new_touchpoint_starts_at_its_phases_moment_of_sale() {
    let mut e = sample_editor();
    let checkout = id_of(&e, "Checkout");
    let survey = id_of(&e, "Satisfaction survey");
    let customer = id_of(&e, "Customer");
    let t1 = e.add_touchpoint(checkout, " Payment page ").unwrap();
    let t2 = e.add_touchpoint(survey, "Questionnaire").unwrap();
    let t3 = e.add_touchpoint(customer, "Word of mouth").unwrap();
    let find = |e: &Editor, id| e.journey().touchpoints().find(|(_, t)| t.id == id).unwrap().1.clone();
    assert_eq!((find(&e, t1).name.as_str(), find(&e, t1).moment), ("Payment page", crate::Moment::Sale));
    assert_eq!(find(&e, t2).moment, crate::Moment::PostSale);
    assert_eq!(find(&e, t3).moment, crate::Moment::PreSale, "no phase: pre-sale");
    assert_ne!(t1, t2);
}

#[test]
fn touchpoints_are_updated_and_removed_one_undo_step_each() {
    let mut e = sample_editor();
    let checkout = id_of(&e, "Store visit"); // a cell with no touchpoint of the sample's
    let id = e.add_touchpoint(checkout, "Payment page").unwrap();
    let mut t = e.journey().get(checkout).unwrap().touchpoints[0].clone();
    t.status = crate::Status::Missing;
    t.owner = "E-commerce".into();
    e.update_touchpoint(checkout, t.clone()).unwrap();
    assert_eq!(e.journey().get(checkout).unwrap().touchpoints, vec![t.clone()]);
    e.remove_touchpoint(checkout, id).unwrap();
    assert!(e.journey().get(checkout).unwrap().touchpoints.is_empty());
    e.undo();
    assert_eq!(e.journey().get(checkout).unwrap().touchpoints, vec![t]);
    e.undo();
    assert_eq!(e.journey().get(checkout).unwrap().touchpoints[0].status, crate::Status::ToReview);
}

#[test]
fn duplicate_copies_the_selection_beside_itself_and_selects_the_copy() {
    let mut e = sample_editor();
    let n = e.journey().len();
    e.select([id_of(&e, "Checkout")]);
    let copies = e.duplicate_selection().unwrap();
    assert_eq!(e.journey().len(), n + 1);
    assert_eq!(e.selection, copies.iter().copied().collect());
    let copy = e.journey().get(copies[0]).unwrap();
    assert_eq!(copy.label, "Checkout");
    let original = e.journey().get(id_of(&e, "Checkout")).unwrap();
    assert!(copy.at.distance_to(original.at) <= 2, "right beside it");
    assert!(e.undo());
    assert_eq!(e.journey().len(), n);
}

#[test]
fn pasting_text_that_is_not_a_map_adds_a_cell_per_line() {
    let mut e = sample_editor();
    let ids = e.paste("Fiera\nNewsletter", Cell::new(10, 0)).unwrap();
    let labels: Vec<&str> = ids.iter().map(|&id| e.journey().get(id).unwrap().label.as_str()).collect();
    assert_eq!(labels, ["Fiera", "Newsletter"]);
    assert_eq!(e.paste("", Cell::ORIGIN), Err(EditError::NoChange));
}

#[test]
fn personas_walk_a_path_of_cells_with_emotions_one_undo_step_each() {
    let mut e = sample_editor();
    let giulia = e.add_persona(" Giulia ").unwrap();
    let marco = e.add_persona("Marco").unwrap();
    assert_ne!(e.journey().persona(giulia).unwrap().color, e.journey().persona(marco).unwrap().color, "told apart by colour");
    for label in ["Social post", "Webinar", "Checkout"] {
        e.append_step(giulia, id_of(&e, label)).unwrap();
    }
    e.update_persona(giulia, |p| {
        p.path[1].as_is = -2;
        p.path[1].to_be = 1;
        p.path[1].note = "Too long".into();
        p.stage = crate::Lifecycle::New;
    })
    .unwrap();
    let p = e.journey().persona(giulia).unwrap();
    assert_eq!(p.name, "Giulia");
    assert_eq!(p.path.iter().map(|s| s.as_is).collect::<Vec<_>>(), [0, -2, 0]);
    assert_eq!(e.journey().walk(p).map(|(_, a)| a.label.as_str()).collect::<Vec<_>>(), ["Social post", "Webinar", "Checkout"]);
    assert!(e.undo());
    assert_eq!(e.journey().persona(giulia).unwrap().path[1].as_is, 0);
    assert_eq!(e.update_persona(giulia, |p| p.path[0].as_is = 3), Err(EditError::BadPersonas), "emotions are −2…+2");
    assert_eq!(e.append_step(giulia, ActivityId(999)), Err(EditError::Missing(ActivityId(999))));
    e.remove_persona(marco).unwrap();
    assert_eq!(e.journey().personas().len(), 1);
}

#[test]
fn a_removed_cell_drops_out_of_paths_and_comes_back_with_undo() {
    let mut e = sample_editor();
    let p = e.add_persona("Giulia").unwrap();
    let (a, b) = (id_of(&e, "Webinar"), id_of(&e, "Checkout"));
    e.append_step(p, a).unwrap();
    e.append_step(p, b).unwrap();
    e.select([a]);
    e.delete_selection().unwrap();
    let walk = |e: &Editor| e.journey().walk(e.journey().persona(p).unwrap()).count();
    assert_eq!(walk(&e), 1);
    e.undo();
    assert_eq!(walk(&e), 2);
}

#[test]
fn renaming_the_map_is_one_undoable_step_and_cleans_the_text() {
    let mut e = sample_editor();
    let before = e.journey().title.clone();
    e.retitle("  Onboarding\n2027 ").unwrap();
    assert_eq!(e.journey().title, "Onboarding 2027");
    assert_eq!(e.retitle("Onboarding 2027"), Err(EditError::NoChange));
    assert!(e.undo());
    assert_eq!(e.journey().title, before);
}

#[test]
fn a_step_can_be_inserted_anywhere_in_a_path_in_one_undo_step() {
    let mut e = sample_editor();
    let ada = e.add_persona("Ada").unwrap();
    let (a, b, c) = (id_of(&e, "Customer"), id_of(&e, "Checkout"), id_of(&e, "Review"));
    e.append_step(ada, a).unwrap();
    e.append_step(ada, c).unwrap();
    e.insert_step(ada, 1, b).unwrap();
    let cells = |e: &Editor| e.journey().persona(ada).unwrap().path.iter().map(|s| s.cell).collect::<Vec<_>>();
    assert_eq!(cells(&e), [a, b, c]);
    e.insert_step(ada, 0, c).unwrap();
    e.insert_step(ada, 99, a).unwrap();
    assert_eq!(cells(&e), [c, a, b, c, a]);
    assert!(e.undo() && e.undo());
    assert_eq!(cells(&e), [a, b, c]);
    assert_eq!(e.insert_step(ada, 0, ActivityId(12345)), Err(EditError::Missing(ActivityId(12345))));
}
