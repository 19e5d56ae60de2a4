use super::*;
use crate::{sample, Editor, Lang};

fn id_of(j: &Journey, label: &str) -> ActivityId {
    j.activities().find(|a| a.label == label).unwrap().id
}

/// The sample, with a second touchpoint on Checkout and a link Checkout → Store visit.
fn source() -> Journey {
    let mut e = Editor::new(sample::journey(Lang::En));
    let (checkout, store) = (id_of(e.journey(), "Checkout"), id_of(e.journey(), "Store visit"));
    e.add_touchpoint(checkout, "Payment page").unwrap();
    e.link(checkout, store).unwrap();
    e.journey().clone()
}

#[test]
fn copied_cells_paste_with_touchpoints_links_and_phases_on_free_cells() {
    let src = source();
    let selection: Selection = [id_of(&src, "Checkout"), id_of(&src, "Store visit")].into();
    let text = copy(&src, &selection).unwrap();
    let fragment = read(&text).unwrap();
    assert_eq!(fragment.len(), 2);
    assert_eq!(fragment.links().count(), 1);

    let mut target = src.clone();
    let (edit, new_ids) = paste(&target, &fragment, Cell::new(10, 10)).unwrap();
    target.apply(edit).unwrap();
    assert_eq!(target.len(), src.len() + 2);
    let pasted: Vec<&Activity> = new_ids.iter().map(|&id| target.get(id).unwrap()).collect();
    assert!(pasted.iter().all(|a| !selection.contains(&a.id)), "fresh ids");
    let checkout = pasted.iter().find(|a| a.label == "Checkout").unwrap();
    assert_eq!(checkout.at, Cell::new(10, 10), "the first cell lands on the anchor");
    assert_eq!(target.phase(checkout.phase.unwrap()).unwrap().name(Lang::En), "Action");
    assert_eq!(checkout.touchpoints.len(), 2, "the sample's online shop and the payment page");
    assert_ne!(checkout.touchpoints[0].id, src.get(id_of(&src, "Checkout")).unwrap().touchpoints[0].id);
    let store = pasted.iter().find(|a| a.label == "Store visit").unwrap();
    assert!(target.has_link(Link { from: checkout.id, to: store.id }), "the link between them came along");
    assert_eq!(target.links().count(), 2);
    assert!(checkout.at.distance_to(store.at) == src.get(id_of(&src, "Checkout")).unwrap().at.distance_to(src.get(id_of(&src, "Store visit")).unwrap().at), "the shape is kept");
}

#[test]
fn pasting_onto_taken_cells_moves_to_the_nearest_room() {
    let src = source();
    let selection: Selection = src.activities().map(|a| a.id).collect();
    let fragment = read(&copy(&src, &selection).unwrap()).unwrap();
    let (edit, new_ids) = paste(&src, &fragment, Cell::ORIGIN).unwrap();
    let mut target = src.clone();
    target.apply(edit).unwrap();
    assert_eq!(target.len(), src.len() * 2);
    assert_eq!(new_ids.len(), src.len());
}

#[test]
fn a_paste_into_a_map_without_the_phase_keeps_no_phase() {
    let src = source();
    let fragment = read(&copy(&src, &[id_of(&src, "Checkout")].into()).unwrap()).unwrap();
    let mut bare = Journey::with_phases("bare", vec![]);
    let (edit, ids) = paste(&bare, &fragment, Cell::ORIGIN).unwrap();
    bare.apply(edit).unwrap();
    assert_eq!(bare.get(ids[0]).unwrap().phase, None);
}

#[test]
fn plain_text_pastes_as_one_cell_per_line() {
    let fragment = read("Newsletter\n\n  Fiera di Milano \n=cmd\n").unwrap();
    let labels: Vec<&str> = fragment.activities().map(|a| a.label.as_str()).collect();
    assert_eq!(labels, ["Newsletter", "Fiera di Milano", "=cmd"]);
    assert!(read("   \n  ").is_none());
    let many = "x\n".repeat(1000);
    assert_eq!(read(&many).unwrap().len(), MAX_TEXT_CELLS);
}

#[test]
fn nothing_selected_copies_nothing() {
    assert!(copy(&source(), &Selection::new()).is_none());
}

#[test]
fn a_pasted_map_is_one_undo_step() {
    let src = source();
    let fragment = read(&copy(&src, &[id_of(&src, "Checkout"), id_of(&src, "Store visit")].into()).unwrap()).unwrap();
    let mut e = Editor::new(src.clone());
    let (edit, _) = paste(e.journey(), &fragment, Cell::new(20, 0)).unwrap();
    e.apply(edit).unwrap();
    e.undo();
    assert_eq!(e.journey(), &src);
}
