use super::*;
use crate::insight::FunnelStep;
use crate::{sample, synth, Edit, Touchpoint, TouchpointId};

fn counts(pairs: &[(&str, u64)]) -> HashMap<String, u64> {
    pairs.iter().map(|(e, n)| (e.to_string(), *n)).collect()
}

fn cell(j: &Journey, label: &str) -> ActivityId {
    j.activities().find(|a| a.label == label).map(|a| a.id).expect("on the sample")
}

/// A funnel report with these users per step.
fn report(steps: &[(&str, u64)]) -> FunnelReport {
    let first = steps[0].1 as f64;
    FunnelReport {
        steps: steps
            .iter()
            .map(|&(event, users)| FunnelStep {
                event: event.into(),
                users,
                conversion_from_start: users as f64 / first,
                conversion_from_previous: 0.0,
                dropped: 0,
                median_ms_from_previous: None,
                mean_ms_from_previous: None,
            })
            .collect(),
        source: "events".into(),
        order: crate::funnel::Order::Ordered,
        window_ms: 14 * 86_400_000,
        users: None,
        events: None,
        breakdown: None,
        time_to_convert: None,
    }
}

#[test]
fn a_cell_counts_the_events_of_its_touchpoints_that_are_in_the_data() {
    let mut j = sample::journey(Lang::En);
    let checkout = cell(&j, "Checkout");
    // A second touchpoint with the same event, and one with an event the data lacks.
    let mut tps = j.get(checkout).unwrap().touchpoints.clone();
    for (i, event) in ["purchase", "refund"].into_iter().enumerate() {
        let mut t: Touchpoint = tps[0].clone();
        t.id = TouchpointId(j.next_touchpoint_id().0 + i as u64);
        t.event = Some(format!(" {event} "));
        tps.push(t);
    }
    j.apply(Edit::SetTouchpoints(checkout, tps)).unwrap();
    assert_eq!(cell_events(j.get(checkout).unwrap()), ["purchase", "refund"], "each event once, trimmed");
    let data = counts(&[("purchase", 40), ("refund", 2), ("ad_view", 900), ("page_view", 5000)]);
    let by_cell = cell_counts(&j, &data);
    assert_eq!(by_cell[&checkout], 42, "purchase once, plus refund");
    assert_eq!(by_cell[&cell(&j, "Social post")], 900);
    assert_eq!(by_cell.len(), 2, "page_view measures no cell; cells of events not in the data have no count");
}

#[test]
fn counts_that_span_ten_times_are_tinted_on_a_log_scale() {
    let j = sample::journey(Lang::En);
    let data = counts(&[("ad_view", 10_000), ("blog_visit", 1_000), ("purchase", 100)]);
    let tint = Tint::by_count(&cell_counts(&j, &data)).expect("cells are measured");
    assert!(tint.log);
    let place = |label| tint.cells[&cell(&j, label)].1;
    assert_eq!(place("Social post"), 1.0);
    assert_eq!(place("Checkout"), 0.0);
    assert!((place("Blog article") - 0.5).abs() < 1e-9, "1,000 sits half way between 100 and 10,000");
    assert_eq!((tint.low, tint.high), (100.0, 10_000.0));
    assert_eq!(tint.format(tint.high, Lang::It), "10k");

    let close = Tint::by_count(&cell_counts(&j, &counts(&[("ad_view", 300), ("purchase", 100)]))).unwrap();
    assert!(!close.log);
    assert!(Tint::by_count(&BTreeMap::new()).is_none());
}

#[test]
fn conversion_tints_every_cell_of_a_phase_by_its_share_of_the_phase_before() {
    let j = sample::journey(Lang::En);
    let r = report(&[("ad_view", 1000), ("blog_visit", 600), ("brochure_download", 300), ("purchase", 0), ("review_posted", 0)]);
    let tint = Tint::by_conversion(&j, &r).expect("measured phases");
    let share = |label| tint.cells[&cell(&j, label)].0;
    assert_eq!(share("Awareness"), 1.0, "the first phase is the base");
    assert_eq!(share("Social post"), 1.0);
    assert!((share("Discovery") - 0.6).abs() < 1e-12);
    assert!((share("Review site") - 0.6).abs() < 1e-12, "every cell of the phase");
    assert!((share("Interest") - 0.5).abs() < 1e-12);
    assert_eq!(share("Action"), 0.0, "phases without a measured step are skipped: Action follows Interest");
    assert_eq!(share("Advocacy"), 0.0, "after a step nobody reached: 0, not NaN");
    assert!(!tint.cells.contains_key(&cell(&j, "Customer")), "no phase, no tint");
    assert!(!tint.cells.contains_key(&cell(&j, "Consideration")), "demo_request is not in this funnel");
    assert_eq!(tint.format(0.6, Lang::It), "60,0%");
}

#[test]
fn the_scale_runs_from_pale_to_deep_and_survives_nan() {
    assert_eq!(tint_color(0.0), "#eef4fb");
    assert_eq!(tint_color(1.0), "#4a8fd6");
    assert_eq!(tint_color(f64::NAN), tint_color(0.0));
    assert_eq!(tint_color(7.0), tint_color(1.0));
}

#[test]
fn the_layer_shows_badges_when_readable_tints_every_visible_cell_and_outlines_the_step() {
    let j = sample::journey(Lang::En);
    let names: Vec<(&str, u64)> = synth::STEPS.iter().map(|s| (*s, 1234)).collect();
    let by_cell = cell_counts(&j, &counts(&names));
    let data = MapData { tint: Tint::by_count(&by_cell), counts: by_cell, highlight: Some("purchase".into()) };
    let mut v = Viewport::new(1200.0, 900.0, 1.0);
    let bounds = j.bounds(&Grid::new()).unwrap();
    v.fit(bounds, 32.0);
    let l = layer(&j, &Grid::new(), &v, &data, Lang::It);
    assert_eq!(l.badges.len(), 7);
    assert!(l.badges.iter().all(|b| b.text == "1.234"), "Italian thousands");
    assert_eq!(l.tinted.len(), j.len(), "measured or not, every cell is tinted");
    assert_eq!(l.tinted.iter().filter(|(_, c)| c == NO_VALUE).count(), j.len() - 7);
    assert_eq!(l.highlighted.len(), 1, "the checkout cell");
    // The badge sits inside its cell, under the centre.
    let checkout = j.get(cell(&j, "Checkout")).unwrap();
    let centre = v.world_to_screen(Grid::new().hex_to_world_pos(checkout.at));
    let hex = &l.highlighted[0];
    let middle = Point::new(hex.iter().map(|p| p.x).sum::<f64>() / 6.0, hex.iter().map(|p| p.y).sum::<f64>() / 6.0);
    assert!(middle.distance_to(centre) < 1e-3, "{middle:?} {centre:?}");

    v.zoom_centered(0.2);
    let small = layer(&j, &Grid::new(), &v, &data, Lang::En);
    assert!(small.badges.is_empty(), "too small to read");
    assert_eq!(small.highlighted.len(), 1, "the outline still shows where the step is");
    assert_eq!(layer(&j, &Grid::new(), &v, &MapData::default(), Lang::En), DataLayer::default());
}
