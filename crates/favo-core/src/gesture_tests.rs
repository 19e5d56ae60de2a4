use super::*;

const A: ActivityId = ActivityId(1);
const B: ActivityId = ActivityId(2);

fn at(x: f64, y: f64, target: Target) -> Pointer {
    Pointer { id: 1, pos: Point::new(x, y), kind: PointerKind::Mouse, button: 0, shift: false, alt: false, target }
}

fn on_a() -> Target {
    Target::Activity(A, Cell::new(0, 0))
}

fn empty(q: i32) -> Target {
    Target::Empty(Cell::new(q, 0))
}

fn none() -> Modifiers<'static> {
    Modifiers::default()
}

#[test]
fn a_click_on_empty_space_adds_a_cell_there() {
    let mut g = Gesture::default();
    g.down(at(10.0, 10.0, empty(3)), none());
    assert_eq!(g.moved(at(12.0, 11.0, empty(3)), none()), vec![], "a small wobble is still a click");
    assert_eq!(g.up(at(12.0, 11.0, empty(3))), vec![Action::AddCell(Cell::new(3, 0))]);
    assert_eq!(g, Gesture::Idle);
}

#[test]
fn a_click_on_a_cell_selects_it_and_shift_click_toggles() {
    let mut g = Gesture::default();
    g.down(at(0.0, 0.0, on_a()), none());
    assert_eq!(g.up(at(0.0, 0.0, on_a())), vec![Action::Select(vec![A])]);
    let shifted = Pointer { shift: true, ..at(0.0, 0.0, on_a()) };
    g.down(shifted, none());
    assert_eq!(g.up(shifted), vec![Action::Toggle(vec![A])]);
}

#[test]
fn dragging_an_unselected_cell_selects_it_and_drops_as_one_move() {
    let mut g = Gesture::default();
    g.down(at(0.0, 0.0, on_a()), none());
    let acts = g.moved(at(20.0, 0.0, empty(1)), none());
    assert_eq!(acts, vec![Action::Select(vec![A]), Action::Redraw]);
    assert!(g.is_dragging_cells());
    assert_eq!(g.moved(at(25.0, 0.0, empty(1)), none()), vec![], "same cell: nothing to redraw");
    assert_eq!(g.moved(at(90.0, 0.0, empty(2)), none()), vec![Action::Redraw]);
    assert_eq!(
        g.up(at(90.0, 0.0, empty(2))),
        vec![Action::Move { ids: vec![A], from: Cell::new(0, 0), to: Cell::new(2, 0) }, Action::Redraw]
    );
}

#[test]
fn dragging_a_selected_cell_moves_the_whole_selection() {
    let selection: Selection = [A, B].into_iter().collect();
    let m = Modifiers { selection: Some(&selection), ..none() };
    let mut g = Gesture::default();
    g.down(at(0.0, 0.0, on_a()), m);
    assert_eq!(g.moved(at(50.0, 0.0, empty(1)), m), vec![Action::Redraw]);
    let Action::Move { ids, .. } = &g.up(at(50.0, 0.0, empty(1)))[0] else { panic!("expected a move") };
    assert_eq!(ids, &vec![A, B]);
}

#[test]
fn dropping_a_cell_where_it_started_is_not_an_edit() {
    let mut g = Gesture::default();
    g.down(at(0.0, 0.0, on_a()), none());
    g.moved(at(30.0, 0.0, empty(1)), none());
    assert_eq!(g.up(at(2.0, 0.0, on_a())), vec![Action::Redraw]);
}

#[test]
fn dragging_empty_space_pans_by_the_pointer_movement() {
    let mut g = Gesture::default();
    g.down(at(100.0, 100.0, empty(0)), none());
    assert_eq!(g.moved(at(110.0, 95.0, empty(0)), none()), vec![Action::Pan { dx: 10.0, dy: -5.0 }]);
    assert_eq!(g.moved(at(111.0, 95.0, empty(0)), none()), vec![Action::Pan { dx: 1.0, dy: 0.0 }]);
    assert_eq!(g.up(at(111.0, 95.0, empty(0))), vec![], "a pan adds no cell");
}

#[test]
fn space_or_the_middle_button_pans_even_over_a_cell() {
    let mut g = Gesture::default();
    g.down(at(0.0, 0.0, on_a()), Modifiers { space: true, ..none() });
    assert_eq!(g.moved(at(5.0, 5.0, on_a()), none()), vec![Action::Pan { dx: 5.0, dy: 5.0 }]);
    g.up(at(5.0, 5.0, on_a()));
    g.down(Pointer { button: 1, ..at(0.0, 0.0, on_a()) }, none());
    assert!(matches!(g, Gesture::Panning { .. }));
}

#[test]
fn shift_drag_or_the_select_tool_draws_a_selection_box() {
    for (shift, tool) in [(true, Tool::Hand), (false, Tool::Select)] {
        let mut g = Gesture::default();
        let m = Modifiers { tool, ..none() };
        g.down(Pointer { shift, ..at(10.0, 10.0, empty(0)) }, m);
        assert_eq!(g.moved(at(50.0, 60.0, empty(1)), m), vec![Action::Redraw]);
        let rect = Rect::from_corners(Point::new(10.0, 10.0), Point::new(60.0, 70.0));
        assert_eq!(
            g.up(at(60.0, 70.0, empty(1))),
            vec![Action::SelectInRect { rect, additive: shift }, Action::Redraw]
        );
    }
}

#[test]
fn two_fingers_pan_and_zoom_around_their_midpoint() {
    let touch = |id, x, y| Pointer { id, kind: PointerKind::Touch, ..at(x, y, empty(0)) };
    let mut g = Gesture::default();
    g.down(touch(1, 100.0, 100.0), none());
    g.down(touch(2, 200.0, 100.0), none());
    assert!(matches!(g, Gesture::Pinching { .. }));
    // Spread from 100 to 200 px while the midpoint moves 50 px right.
    let acts = g.moved(touch(2, 300.0, 100.0), none());
    assert_eq!(
        acts,
        vec![Action::Pan { dx: 50.0, dy: 0.0 }, Action::Zoom { anchor: Point::new(200.0, 100.0), factor: 2.0 }]
    );
    // Lifting a finger goes on panning with the other; lifting both ends the gesture.
    assert_eq!(g.up(touch(1, 100.0, 100.0)), vec![]);
    assert_eq!(g.moved(touch(2, 310.0, 100.0), none()), vec![Action::Pan { dx: 10.0, dy: 0.0 }]);
    g.up(touch(2, 310.0, 100.0));
    assert_eq!(g, Gesture::Idle);
}

#[test]
fn touch_allows_more_wobble_in_a_tap_than_a_mouse() {
    let touch = Pointer { kind: PointerKind::Touch, ..at(0.0, 0.0, empty(0)) };
    let mut g = Gesture::default();
    g.down(touch, none());
    assert_eq!(g.moved(Pointer { pos: Point::new(6.0, 0.0), ..touch }, none()), vec![]);
    assert_eq!(g.up(touch), vec![Action::AddCell(Cell::new(0, 0))]);
    let mut g = Gesture::default();
    g.down(at(0.0, 0.0, empty(0)), none());
    assert!(!g.moved(at(6.0, 0.0, empty(0)), none()).is_empty(), "a mouse moved 6 px is panning");
}

#[test]
fn pen_input_behaves_like_a_mouse() {
    let pen = Pointer { kind: PointerKind::Pen, ..at(0.0, 0.0, empty(2)) };
    let mut g = Gesture::default();
    g.down(pen, none());
    assert_eq!(g.up(pen), vec![Action::AddCell(Cell::new(2, 0))]);
}

#[test]
fn cancel_abandons_a_drag_without_an_edit() {
    let mut g = Gesture::default();
    g.down(at(0.0, 0.0, on_a()), none());
    g.moved(at(40.0, 0.0, empty(1)), none());
    assert_eq!(g.cancel(), vec![Action::Redraw]);
    assert_eq!(g.up(at(40.0, 0.0, empty(1))), vec![]);
}

#[test]
fn events_from_another_pointer_are_ignored() {
    let mut g = Gesture::default();
    g.down(at(0.0, 0.0, on_a()), none());
    let other = Pointer { id: 9, ..at(90.0, 0.0, empty(2)) };
    assert_eq!(g.moved(other, none()), vec![]);
    assert_eq!(g.up(other), vec![]);
    assert!(matches!(g, Gesture::Pointing { .. }));
}

#[test]
fn secondary_button_does_nothing() {
    let mut g = Gesture::default();
    g.down(Pointer { button: 2, ..at(0.0, 0.0, empty(0)) }, none());
    assert_eq!(g, Gesture::Idle);
}

#[test]
fn wheel_zoom_is_gentle_symmetric_and_bounded() {
    let notch = wheel_zoom_factor(-100.0, 0);
    assert!(notch > 1.05 && notch < 1.2, "{notch}");
    assert!((wheel_zoom_factor(100.0, 0) * notch - 1.0).abs() < 1e-12);
    assert_eq!(wheel_zoom_factor(-3.0, 1), wheel_zoom_factor(-48.0, 0));
    assert_eq!(wheel_zoom_factor(-1e9, 0), wheel_zoom_factor(-200.0, 0));
}

#[test]
fn alt_drag_from_a_cell_to_another_links_them() {
    let on_b = Target::Activity(B, Cell::new(1, 0));
    let mut g = Gesture::default();
    assert_eq!(g.down(Pointer { alt: true, ..at(0.0, 0.0, on_a()) }, none()), vec![Action::Redraw]);
    assert_eq!(g.moved(at(40.0, 0.0, empty(1)), none()), vec![Action::Redraw]);
    assert!(matches!(g, Gesture::Linking { at, .. } if at == Point::new(40.0, 0.0)));
    assert_eq!(g.up(at(80.0, 0.0, on_b)), vec![Action::Link { from: A, to: B }, Action::Redraw]);
    assert_eq!(g, Gesture::Idle);
}

#[test]
fn an_alt_drag_dropped_on_empty_space_or_its_own_cell_links_nothing() {
    for drop in [empty(5), on_a()] {
        let mut g = Gesture::default();
        g.down(Pointer { alt: true, ..at(0.0, 0.0, on_a()) }, none());
        assert_eq!(g.up(at(90.0, 0.0, drop)), vec![Action::Redraw]);
    }
    let mut g = Gesture::default();
    assert_eq!(g.down(Pointer { alt: true, ..at(0.0, 0.0, empty(3)) }, none()), vec![], "alt on empty space does nothing");
}

#[test]
fn in_link_mode_the_next_press_on_a_cell_links_to_it() {
    let m = Modifiers { linking: Some(A), ..none() };
    let on_b = Target::Activity(B, Cell::new(1, 0));
    let mut g = Gesture::default();
    assert_eq!(g.down(at(0.0, 0.0, on_b), m), vec![Action::Link { from: A, to: B }, Action::StopLinking]);
    assert_eq!(g, Gesture::Idle, "the press is used up: no drag or click follows");
    assert_eq!(g.down(at(0.0, 0.0, empty(4)), m), vec![Action::StopLinking], "a press elsewhere leaves the mode");
    assert_eq!(g.down(at(0.0, 0.0, on_a()), m), vec![Action::StopLinking], "a cell does not link to itself");
}

#[test]
fn in_path_mode_each_press_on_a_cell_is_the_next_step() {
    let persona = crate::PersonaId(7);
    let m = Modifiers { path_for: Some(persona), ..none() };
    let mut g = Gesture::default();
    assert_eq!(g.down(at(0.0, 0.0, on_a()), m), vec![Action::AppendStep { persona, cell: A }]);
    assert_eq!(g, Gesture::Idle, "no drag or selection follows");
    assert_eq!(g.down(at(0.0, 0.0, empty(2)), m), vec![], "empty space adds nothing");
    g.down(at(0.0, 0.0, empty(2)), Modifiers { space: true, ..m });
    assert!(matches!(g, Gesture::Panning { .. }), "space still pans in path mode");
}
