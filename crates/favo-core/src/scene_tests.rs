use super::*;
use crate::{sample, Activity, Lang, Status};

/// A monospace stand-in for the canvas: every character is half the font size wide.
fn mono(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.5
}

fn scene_at(journey: &Journey, viewport: &Viewport) -> Scene {
    build(journey, &Grid::new(), viewport, &mono)
}

#[test]
fn labels_appear_only_when_hexes_are_big_enough_to_read() {
    let j = sample::journey(Lang::En);
    let mut v = Viewport::new(800.0, 600.0, 1.0);
    assert!(!scene_at(&j, &v).labels.is_empty());
    v.zoom_centered(0.2);
    assert!(scene_at(&j, &v).labels.is_empty());
    assert!(scene_at(&j, &v).line_width > 0.0, "outlines still drawn at 10 px");
    v.zoom_centered(0.1);
    assert_eq!(scene_at(&j, &v).line_width, 0.0, "no outlines on 1 px hexes");
}

#[test]
fn only_visible_cells_get_labels() {
    let j = sample::large(10_000);
    let v = Viewport::new(800.0, 600.0, 1.0);
    let labels = scene_at(&j, &v).labels;
    // At zoom 1 an 800×600 view shows roughly 800·600 / (83·72) ≈ 80 hexes.
    assert!(labels.len() > 50 && labels.len() < 200, "{}", labels.len());
    for l in &labels {
        assert!(l.center.x > -100.0 && l.center.x < 900.0 && l.center.y > -100.0 && l.center.y < 700.0);
    }
}

#[test]
fn labels_are_wrapped_to_fit_inside_the_hex() {
    let mut j = Journey::new("t");
    let long = "Questionario di soddisfazione post vendita molto lungo davvero";
    j.apply(crate::Edit::Insert(vec![Activity::new(j.next_id(), Cell::ORIGIN, long, None)]))
        .unwrap();
    let v = Viewport::new(800.0, 600.0, 1.0);
    let scene = scene_at(&j, &v);
    let label = &scene.labels[0];
    let width = Grid::HEX_SIZE * 3f64.sqrt() * 0.86;
    assert!(label.lines.len() <= 3);
    for line in &label.lines {
        assert!(mono(line, label.font_px) <= width, "{line:?} is too wide");
    }
    assert!(label.lines.last().unwrap().ends_with('…'));
}

#[test]
fn a_long_single_word_shrinks_before_it_is_cut() {
    let mut j = Journey::new("t");
    j.apply(crate::Edit::Insert(vec![Activity::new(j.next_id(), Cell::ORIGIN, "Considerations", None)]))
        .unwrap();
    let v = Viewport::new(800.0, 600.0, 1.0);
    let label = &scene_at(&j, &v).labels[0];
    assert_eq!(label.lines, vec!["Considerations"]);
    assert!(label.font_px < Grid::HEX_SIZE * 0.25, "it was drawn smaller");
}

#[test]
fn wrap_keeps_short_labels_whole_and_cuts_long_words() {
    let m = |s: &str| s.chars().count() as f64;
    assert_eq!(wrap("Live chat", 20.0, 3, &m), vec!["Live chat"]);
    assert_eq!(wrap("Live chat", 5.0, 3, &m), vec!["Live", "chat"]);
    assert_eq!(wrap("Supercalifragilistic", 6.0, 3, &m), vec!["Super…"]);
    assert_eq!(wrap("a b c d", 1.0, 2, &m), vec!["a", "…"]);
    assert_eq!(wrap("", 10.0, 3, &m), Vec::<String>::new());
}

#[test]
fn the_overlay_outlines_the_selection() {
    let j = sample::journey(Lang::En);
    let v = Viewport::new(800.0, 600.0, 1.0);
    let selection: Selection = j.activities().take(3).map(|a| a.id).collect();
    let o = overlay(&j, &Grid::new(), &v, &selection, &Gesture::Idle, Some(Cell::new(9, 9)));
    assert_eq!(o.selected.len(), 3);
    assert!(o.hover.is_some());
    assert!(o.ghosts.is_empty() && o.marquee.is_none() && !o.refused);
}

#[test]
fn a_drag_onto_a_taken_cell_shows_refused_ghosts() {
    let j = sample::journey(Lang::En);
    let v = Viewport::new(800.0, 600.0, 1.0);
    let customer = j.at(Cell::ORIGIN).unwrap().id;
    let taken = j.activities().find(|a| a.id != customer).unwrap().at;
    let drag = |over| Gesture::DraggingCells { pointer: 1, ids: vec![customer], grab: Cell::ORIGIN, over };
    let o = overlay(&j, &Grid::new(), &v, &Selection::new(), &drag(taken), None);
    assert_eq!(o.ghosts.len(), 1);
    assert!(o.refused);
    let o = overlay(&j, &Grid::new(), &v, &Selection::new(), &drag(Cell::new(30, 30)), None);
    assert!(!o.refused);
}

#[test]
fn cells_with_touchpoints_get_a_badge_with_the_count_and_worst_status() {
    let mut e = crate::Editor::new(sample::journey(Lang::En));
    let checkout = e.journey().activities().find(|a| a.label == "Store visit").unwrap().id;
    e.add_touchpoint(checkout, "Payment page").unwrap();
    let t2 = e.add_touchpoint(checkout, "Receipt").unwrap();
    let mut t = e.journey().get(checkout).unwrap().touchpoints.iter().find(|t| t.id == t2).unwrap().clone();
    t.status = Status::Missing;
    e.update_touchpoint(checkout, t).unwrap();
    let v = Viewport::new(1200.0, 900.0, 1.0);
    let scene = scene_at(e.journey(), &v);
    assert_eq!(scene.badges.len(), 8, "the sample's seven measured touchpoints, and this cell's");
    let centre = v.world_to_screen(Grid::new().hex_to_world_pos(e.journey().get(checkout).unwrap().at));
    let badge = scene.badges.iter().min_by(|a, b| a.center.distance_to(centre).total_cmp(&b.center.distance_to(centre))).unwrap();
    assert_eq!((badge.count, badge.worst), (2, Status::Missing));
    assert!(badge.center.x > centre.x && badge.center.y < centre.y, "top right of its cell");
    assert!(badge.center.distance_to(centre) + badge.radius < Grid::HEX_SIZE * 1.05, "inside the hex");
}

#[test]
fn a_named_cluster_shows_its_name_once_even_zoomed_out() {
    let mut j = sample::journey(Lang::En);
    let checkout = j.activities().find(|a| a.label == "Checkout").unwrap().id;
    j.apply(crate::Edit::NameCluster(checkout, Some("The loop".into()))).unwrap();
    let mut v = Viewport::new(1200.0, 900.0, 1.0);
    let names = scene_at(&j, &v).cluster_names;
    assert_eq!(names.len(), 1);
    assert_eq!(names[0].lines, ["The loop"]);
    v.zoom_centered(0.2);
    assert_eq!(scene_at(&j, &v).cluster_names.len(), 1, "shown at overview zoom, where cell labels are not");
    assert!(scene_at(&sample::journey(Lang::En), &v).cluster_names.is_empty());
}

#[test]
fn a_very_long_label_is_kept_whole_in_the_map_and_shortened_only_where_drawn() {
    let long = "Questionario di soddisfazione ".repeat(20);
    let mut j = Journey::new("t");
    j.apply(crate::Edit::Insert(vec![Activity::new(j.next_id(), Cell::ORIGIN, long.clone(), None)])).unwrap();
    assert_eq!(j.at(Cell::ORIGIN).unwrap().label, long, "the data keeps every word");
    let label = &scene_at(&j, &Viewport::new(800.0, 600.0, 1.0)).labels[0];
    assert!(label.lines.len() <= 3 && label.lines.last().unwrap().ends_with('…'), "the drawing is cut");
}
