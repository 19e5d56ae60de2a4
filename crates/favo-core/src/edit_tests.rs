use super::*;
use crate::journey::Phase;

fn new_activity(j: &Journey, q: i32, r: i32, label: &str) -> Activity {
    Activity::new(j.next_id(), Cell::new(q, r), label, None)
}

/// A journey with three activities in a row at (0,0), (1,0), (2,0).
fn three() -> (Journey, History) {
    let mut j = Journey::new("t");
    let mut h = History::default();
    for (q, l) in [(0, "a"), (1, "b"), (2, "c")] {
        let a = new_activity(&j, q, 0, l);
        h.apply(&mut j, Edit::Insert(vec![a])).unwrap();
    }
    (j, h)
}

fn ids(j: &Journey) -> Vec<ActivityId> {
    j.activities().map(|a| a.id).collect()
}

/// Applies `edit`, checks it changed something, then checks undo restores the exact
/// document and redo the exact edited one.
fn round_trip(edit: Edit) -> Journey {
    let (mut j, mut h) = three();
    let before = j.clone();
    h.apply(&mut j, edit).unwrap();
    let after = j.clone();
    assert_ne!(before, after);
    assert!(h.undo(&mut j));
    assert_eq!(j, before);
    assert!(h.redo(&mut j));
    assert_eq!(j, after);
    after
}

#[test]
fn insert_undo_redo() {
    let (j, _) = three();
    let after = round_trip(Edit::Insert(vec![new_activity(&j, 5, 5, "new")]));
    assert_eq!(after.at(Cell::new(5, 5)).unwrap().label, "new");
}

#[test]
fn remove_undo_redo_restores_ids_and_labels() {
    let (j, _) = three();
    let after = round_trip(Edit::Remove(ids(&j)[..2].to_vec()));
    assert_eq!(after.len(), 1);
}

#[test]
fn move_undo_redo() {
    let (j, _) = three();
    let id = ids(&j)[0];
    let after = round_trip(Edit::Move(vec![(id, Cell::new(0, 3))]));
    assert_eq!(after.get(id).unwrap().at, Cell::new(0, 3));
    assert!(after.is_free(Cell::ORIGIN));
}

#[test]
fn relabel_undo_redo() {
    let (j, _) = three();
    let after = round_trip(Edit::Relabel(ids(&j)[1], "Checkout".into()));
    assert_eq!(after.get(ids(&j)[1]).unwrap().label, "Checkout");
}

#[test]
fn set_phase_undo_redo() {
    let (j, _) = three();
    let phase = j.phases()[4].id;
    let after = round_trip(Edit::SetPhase(ids(&j).into_iter().map(|id| (id, Some(phase))).collect()));
    assert!(after.activities().all(|a| a.phase == Some(phase)));
}

#[test]
fn replace_undo_redo() {
    let other = Journey::with_phases("imported", Phase::defaults());
    let after = round_trip(Edit::Replace(Box::new(other)));
    assert_eq!(after.title, "imported");
    assert!(after.is_empty());
}

#[test]
fn moving_onto_an_occupied_cell_is_refused_and_changes_nothing() {
    let (mut j, mut h) = three();
    let before = j.clone();
    let a = ids(&j)[0];
    assert_eq!(h.apply(&mut j, Edit::Move(vec![(a, Cell::new(2, 0))])), Err(EditError::Occupied(Cell::new(2, 0))));
    assert_eq!(j, before);
    assert!(h.can_undo(), "the inserts are still undoable");
}

#[test]
fn a_row_can_shift_over_itself() {
    let (mut j, mut h) = three();
    let all = ids(&j);
    let edit = Edit::move_by(&all, &j, Cell::new(0, 0), Cell::new(1, 0));
    h.apply(&mut j, edit).unwrap();
    let cells: Vec<Cell> = j.activities().map(|a| a.at).collect();
    assert_eq!(cells, vec![Cell::new(1, 0), Cell::new(2, 0), Cell::new(3, 0)]);
}

#[test]
fn two_activities_cannot_land_on_one_cell() {
    let (mut j, mut h) = three();
    let all = ids(&j);
    let edit = Edit::Move(vec![(all[0], Cell::new(9, 9)), (all[1], Cell::new(9, 9))]);
    assert_eq!(h.apply(&mut j, edit), Err(EditError::Collision(Cell::new(9, 9))));
}

#[test]
fn edits_that_change_nothing_are_not_recorded() {
    let (mut j, mut h) = three();
    let a = ids(&j)[0];
    h.undo(&mut j);
    assert!(h.can_redo());
    assert_eq!(h.apply(&mut j, Edit::Relabel(a, "a".into())), Err(EditError::NoChange));
    assert_eq!(h.apply(&mut j, Edit::Move(vec![(a, Cell::ORIGIN)])), Err(EditError::NoChange));
    assert_eq!(h.apply(&mut j, Edit::Remove(vec![])), Err(EditError::NoChange));
    assert!(h.can_redo(), "a refused edit does not clear redo");
}

#[test]
fn edits_on_missing_activities_or_phases_are_refused() {
    let (mut j, mut h) = three();
    let a = ids(&j)[0];
    assert_eq!(h.apply(&mut j, Edit::Remove(vec![ActivityId(99)])), Err(EditError::Missing(ActivityId(99))));
    assert_eq!(
        h.apply(&mut j, Edit::SetPhase(vec![(a, Some(PhaseId(42)))])),
        Err(EditError::UnknownPhase(PhaseId(42)))
    );
}

#[test]
fn a_new_edit_clears_redo() {
    let (mut j, mut h) = three();
    h.undo(&mut j);
    assert!(h.can_redo());
    let a = ids(&j)[0];
    h.apply(&mut j, Edit::Relabel(a, "x".into())).unwrap();
    assert!(!h.can_redo());
    assert!(!h.redo(&mut j));
}

#[test]
fn undo_all_returns_to_the_empty_map() {
    let (mut j, mut h) = three();
    while h.undo(&mut j) {}
    assert!(j.is_empty());
    while h.redo(&mut j) {}
    assert_eq!(j.len(), 3);
}

#[test]
fn history_is_bounded() {
    let (mut j, mut h) = three();
    let a = ids(&j)[0];
    for i in 0..History::LIMIT + 20 {
        h.apply(&mut j, Edit::Relabel(a, i.to_string())).unwrap();
    }
    let mut steps = 0;
    while h.undo(&mut j) {
        steps += 1;
    }
    assert_eq!(steps, History::LIMIT);
}

#[test]
fn inserted_labels_are_cleaned() {
    let (mut j, mut h) = three();
    let a = new_activity(&j, 4, 4, "line\nbreak");
    h.apply(&mut j, Edit::Insert(vec![a])).unwrap();
    assert_eq!(j.at(Cell::new(4, 4)).unwrap().label, "line break");
}

fn touchpoint(id: u64, name: &str) -> Touchpoint {
    Touchpoint {
        id: TouchpointId(id),
        name: name.into(),
        channel: crate::Channel::Web,
        online: true,
        moment: crate::Moment::Sale,
        owner: "Sales".into(),
        description: String::new(),
        status: crate::Status::ToReview,
        event: None,
    }
}

#[test]
fn set_touchpoints_undo_redo() {
    let (j, _) = three();
    let a = ids(&j)[0];
    let t = touchpoint(j.next_touchpoint_id().0, "Checkout page");
    let after = round_trip(Edit::SetTouchpoints(a, vec![t.clone()]));
    assert_eq!(after.get(a).unwrap().touchpoints, vec![t]);
}

#[test]
fn touchpoint_ids_are_unique_across_the_map_and_never_reused() {
    let (mut j, mut h) = three();
    let all = ids(&j);
    let t = touchpoint(j.next_touchpoint_id().0, "one");
    h.apply(&mut j, Edit::SetTouchpoints(all[0], vec![t.clone()])).unwrap();
    assert_eq!(h.apply(&mut j, Edit::SetTouchpoints(all[1], vec![t.clone()])), Err(EditError::DuplicateTouchpoint(t.id)));
    let twice = vec![touchpoint(50, "a"), touchpoint(50, "b")];
    assert_eq!(h.apply(&mut j, Edit::SetTouchpoints(all[1], twice)), Err(EditError::DuplicateTouchpoint(TouchpointId(50))));
    assert_eq!(
        h.apply(&mut j, Edit::SetTouchpoints(all[1], vec![touchpoint(all[2].0, "a cell's id")])),
        Err(EditError::DuplicateTouchpoint(TouchpointId(all[2].0)))
    );
    assert!(j.next_touchpoint_id().0 > t.id.0 && j.next_id().0 > t.id.0, "the next ids are past the new touchpoint");
    h.undo(&mut j);
    assert!(j.next_touchpoint_id().0 > t.id.0, "undo does not hand the id out again");
}

#[test]
fn removing_a_cell_removes_its_touchpoints_and_undo_brings_them_back() {
    let (mut j, mut h) = three();
    let a = ids(&j)[0];
    let t = touchpoint(j.next_touchpoint_id().0, "Flyer");
    h.apply(&mut j, Edit::SetTouchpoints(a, vec![t.clone()])).unwrap();
    h.apply(&mut j, Edit::Remove(vec![a])).unwrap();
    assert_eq!(j.touchpoints().count(), 0);
    h.undo(&mut j);
    assert_eq!(j.get(a).unwrap().touchpoints, vec![t]);
}

#[test]
fn touchpoint_text_is_cleaned_on_edit() {
    let (mut j, mut h) = three();
    let a = ids(&j)[0];
    h.apply(&mut j, Edit::SetTouchpoints(a, vec![touchpoint(90, "tab\there")])).unwrap();
    assert_eq!(j.get(a).unwrap().touchpoints[0].name, "tab here");
}

fn link(a: ActivityId, b: ActivityId) -> Link {
    Link { from: a, to: b }
}

#[test]
fn link_and_unlink_undo_redo() {
    let (j, _) = three();
    let all = ids(&j);
    let after = round_trip(Edit::Link(vec![link(all[0], all[1]), link(all[2], all[0])]));
    assert_eq!(after.links().len(), 2);
    let mut j = after.clone();
    let mut h = History::default();
    h.apply(&mut j, Edit::Unlink(vec![link(all[0], all[1])])).unwrap();
    assert_eq!(j.links().copied().collect::<Vec<_>>(), [link(all[2], all[0])]);
    h.undo(&mut j);
    assert_eq!(j, after);
}

#[test]
fn backward_and_circular_links_are_allowed_but_not_self_links_or_duplicates() {
    let (mut j, mut h) = three();
    let all = ids(&j);
    h.apply(&mut j, Edit::Link(vec![link(all[0], all[1]), link(all[1], all[2]), link(all[2], all[0])])).unwrap();
    h.apply(&mut j, Edit::Link(vec![link(all[1], all[0])])).unwrap();
    assert_eq!(h.apply(&mut j, Edit::Link(vec![link(all[0], all[0])])), Err(EditError::BadLink(link(all[0], all[0]))));
    assert_eq!(h.apply(&mut j, Edit::Link(vec![link(all[0], all[1])])), Err(EditError::BadLink(link(all[0], all[1]))));
    assert_eq!(h.apply(&mut j, Edit::Link(vec![link(all[0], ActivityId(99))])), Err(EditError::Missing(ActivityId(99))));
    assert_eq!(h.apply(&mut j, Edit::Unlink(vec![link(all[2], all[1])])), Err(EditError::BadLink(link(all[2], all[1]))));
}

#[test]
fn removing_a_cell_removes_its_links_and_one_undo_restores_both() {
    let (mut j, mut h) = three();
    let all = ids(&j);
    h.apply(&mut j, Edit::Link(vec![link(all[0], all[1]), link(all[1], all[2]), link(all[2], all[0])])).unwrap();
    let before = j.clone();
    h.apply(&mut j, Edit::Remove(vec![all[1]])).unwrap();
    assert_eq!(j.links().copied().collect::<Vec<_>>(), [link(all[2], all[0])]);
    assert!(h.undo(&mut j));
    assert_eq!(j.len(), 3);
    assert_eq!(j.links().len(), 3);
    h.redo(&mut j);
    h.undo(&mut j);
    assert_eq!(j, before);
}

#[test]
fn a_batch_applies_all_or_nothing() {
    let (mut j, mut h) = three();
    let all = ids(&j);
    let before = j.clone();
    let bad = Edit::Batch(vec![Edit::Relabel(all[0], "changed".into()), Edit::Link(vec![link(all[0], all[0])])]);
    assert!(j.validate(&bad).is_err());
    assert_eq!(h.apply(&mut j, bad), Err(EditError::BadLink(link(all[0], all[0]))));
    assert_eq!(j, before, "the relabel was rolled back");
    let good = Edit::Batch(vec![Edit::Relabel(all[0], "changed".into()), Edit::Link(vec![link(all[0], all[1])])]);
    h.apply(&mut j, good).unwrap();
    assert_eq!(j.get(all[0]).unwrap().label, "changed");
    h.undo(&mut j);
    assert_eq!(j, before, "one undo takes back the whole batch");
}
