use super::*;
use crate::chart::test_svg::{hex, parse, render, Drawn, Filled};
use crate::funnel::{results, Order};
use crate::insight::{Bin, BreakdownValue, FunnelBreakdown, FunnelStep, TimeToConvert};

const SIZE: (u32, u32) = (640, 360);

pub(super) fn report(steps: &[(&str, u64)]) -> FunnelReport {
    let users: Vec<u64> = steps.iter().map(|s| s.1).collect();
    let steps = steps
        .iter()
        .zip(results(&users))
        .map(|((name, _), r)| FunnelStep {
            event: name.to_string(),
            users: r.users,
            conversion_from_start: r.from_start,
            conversion_from_previous: r.from_previous,
            dropped: r.dropped,
            median_ms_from_previous: None,
            mean_ms_from_previous: None,
        })
        .collect();
    FunnelReport {
        source: "counts".into(),
        order: Order::Ordered,
        window_ms: 0,
        users: None,
        events: None,
        steps,
        breakdown: None,
        time_to_convert: None,
    }
}

/// visit 10 (web 5, email 3, other 2), signup 6 (web 4, email 1, other 1).
pub(super) fn broken_down() -> FunnelReport {
    let mut r = report(&[("visit", 10), ("signup", 6)]);
    let value = |v: Option<&str>, users: [u64; 2]| BreakdownValue {
        value: v.map(String::from),
        users: users.to_vec(),
    };
    r.breakdown = Some(FunnelBreakdown {
        column: "channel".into(),
        top: 2,
        values: vec![
            value(Some("web"), [5, 4]),
            value(Some("email"), [3, 1]),
            value(None, [2, 1]),
        ],
    });
    r
}

fn svg_at(r: &FunnelReport, base: Base, lang: Lang, size: (u32, u32), scale: f64) -> String {
    render(size, |area| {
        draw(area, r, &FunnelView { base, highlight: None }, lang, scale).expect("draws")
    })
}

fn drawn(r: &FunnelReport, base: Base, lang: Lang) -> Drawn {
    parse(&svg_at(r, base, lang, SIZE, 1.0))
}

/// The boxes of one colour inside the plot (the legend's swatches are above it).
fn bars(d: &Drawn, r: &FunnelReport, color: RGBColor) -> Vec<Filled> {
    let top = layout(r, (f64::from(SIZE.0), f64::from(SIZE.1)))
        .expect("a layout")
        .plot
        .min
        .y;
    d.boxes_of(&hex(color))
        .into_iter()
        .filter(|b| b.y >= top - 1.0)
        .collect()
}

fn blue() -> RGBColor {
    series_color(0)
}

#[test]
fn bars_keep_the_given_step_order_with_heights_in_proportion_to_users() {
    // Pre-aggregated counts can grow: "buy" has more users than "signup" and stays last.
    let r = report(&[("visit", 100), ("signup", 40), ("buy", 50)]);
    let d = drawn(&r, Base::FromStart, Lang::En);
    let b = bars(&d, &r, blue());
    assert_eq!(b.len(), 3, "{b:?}");
    assert!(
        b.windows(2).all(|w| w[0].x + w[0].width <= w[1].x),
        "left to right: {b:?}"
    );
    let bottom = b[0].y + b[0].height;
    assert!(
        b.iter().all(|x| (x.y + x.height - bottom).abs() < 1.0),
        "one base line: {b:?}"
    );
    for (bar, users) in b.iter().zip([100.0, 40.0, 50.0]) {
        assert!(
            (bar.height / b[0].height - users / 100.0).abs() < 0.02,
            "{users} users drawn {} high of {}",
            bar.height,
            b[0].height
        );
    }
    for (bar, name) in b.iter().zip(["visit", "signup", "buy"]) {
        let label = d.text(name).expect("each step is labelled");
        assert!(
            (label.x - bar.center().0).abs() <= 1.0 && label.y > bottom,
            "{name} under its bar"
        );
    }
}

#[test]
fn a_highlighted_step_has_a_band_behind_its_bar_and_label() {
    let r = report(&[("visit", 100), ("signup", 40), ("buy", 50)]);
    let view = FunnelView { highlight: Some(1), ..FunnelView::default() };
    let d = parse(&render(SIZE, |area| draw(area, &r, &view, Lang::En, 1.0).expect("draws")));
    let bands = d.boxes_of(&hex(HIGHLIGHT));
    assert_eq!(bands.len(), 1, "{bands:?}");
    let bar = &bars(&d, &r, blue())[1];
    let label = d.text("signup").expect("labelled");
    assert!(bands[0].x <= bar.x && bands[0].x + bands[0].width >= bar.x + bar.width, "behind the bar");
    assert!(bands[0].y <= bar.y && bands[0].y + bands[0].height > label.y, "and down past the label");
    assert!(drawn(&r, Base::FromStart, Lang::En).boxes_of(&hex(HIGHLIGHT)).is_empty(), "none by default");
    // A step the report does not have (the steps changed since): no band, no panic.
    let gone = FunnelView { highlight: Some(9), ..FunnelView::default() };
    assert!(parse(&render(SIZE, |area| draw(area, &r, &gone, Lang::En, 1.0).expect("draws"))).boxes_of(&hex(HIGHLIGHT)).is_empty());
}

#[test]
fn the_dropped_part_sits_on_its_bar_up_to_the_previous_step_and_never_goes_negative() {
    let r = report(&[("visit", 100), ("signup", 40), ("buy", 50)]);
    let d = drawn(&r, Base::FromStart, Lang::En);
    let b = bars(&d, &r, blue());
    let dropped = bars(&d, &r, lighter(blue()));
    assert_eq!(dropped.len(), 1, "only signup lost users: {dropped:?}");
    let (part, signup) = (&dropped[0], &b[1]);
    assert_eq!((part.x, part.width), (signup.x, signup.width));
    assert!(
        (part.y + part.height - signup.y).abs() <= 1.0,
        "on top of the bar"
    );
    assert!(
        (part.y - b[0].y).abs() <= 1.0,
        "up to the previous step's 100 users"
    );
    let l = layout(&r, (640.0, 360.0)).expect("a layout");
    assert_eq!(
        l.bars.iter().map(|b| b.dropped).collect::<Vec<_>>(),
        [0, 60, 0]
    );
    assert!(l.bars[2].dropped_bar.is_none());
}

#[test]
fn labels_give_users_and_the_conversion_asked_for_in_the_readers_language() {
    let r = report(&[("visit", 1200), ("signup", 480), ("buy", 600)]);
    let from_start = drawn(&r, Base::FromStart, Lang::En);
    let b = bars(&from_start, &r, blue());
    for (i, text) in ["1,200", "480", "600", "100.0%", "40.0%", "50.0%"]
        .iter()
        .enumerate()
    {
        let label = from_start
            .text(text)
            .unwrap_or_else(|| panic!("{text} in {:?}", from_start.words()));
        assert!(
            (label.x - b[i % 3].center().0).abs() <= 1.0,
            "{text} under bar {}",
            i % 3
        );
    }
    let from_previous = drawn(&r, Base::FromPrevious, Lang::En);
    let shares: Vec<&str> = from_previous
        .words()
        .into_iter()
        .filter(|t| t.ends_with('%'))
        .collect();
    assert_eq!(
        shares,
        ["100.0%", "40.0%", "125.0%"],
        "from the previous step, buy grew by a quarter"
    );
    let it = drawn(&r, Base::FromStart, Lang::It);
    for text in ["1.200", "40,0%", "Utenti", "Persi dal passo precedente"] {
        assert!(it.text(text).is_some(), "{text} in {:?}", it.words());
    }
    assert!(!it.words().contains(&"Users"));
}

#[test]
fn long_step_names_are_shortened_on_the_axis_and_kept_whole_in_the_table() {
    let long = "Downloads the pricing brochure from the partner site";
    let r = report(&[("visit", 90), (long, 30), ("buy", 10), ("renew", 5)]);
    let d = parse(&svg_at(&r, Base::FromStart, Lang::En, (420, 300), 1.0));
    let cut = d
        .words()
        .into_iter()
        .find(|t| t.starts_with("Down"))
        .expect("a shortened label");
    assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
    assert_eq!(table(&r, Lang::En).1[1][0], long);
    let many = report(&(0..40).map(|i| (long, 100 - i)).collect::<Vec<_>>());
    let d = parse(&svg_at(&many, Base::FromStart, Lang::En, (420, 300), 1.0));
    assert!(
        d.text("40").is_some() && d.text("1").is_some(),
        "numbered when even a few letters do not fit: {:?}",
        d.words()
    );
}

#[test]
fn a_broken_down_funnel_groups_a_bar_per_value_in_its_colour_with_a_legend() {
    let r = broken_down();
    let d = drawn(&r, Base::FromStart, Lang::En);
    let colors = [series_color(0), series_color(1), OTHER];
    let per_value: Vec<Vec<Filled>> = colors.iter().map(|c| bars(&d, &r, *c)).collect();
    for (value, b) in per_value.iter().enumerate() {
        assert_eq!(b.len(), 2, "value {value} has a bar per step");
    }
    for step in 0..2 {
        let group: Vec<&Filled> = per_value.iter().map(|b| &b[step]).collect();
        assert!(
            group
                .windows(2)
                .all(|w| (w[0].x + w[0].width - w[1].x).abs() <= 1.0),
            "side by side in value order: {group:?}"
        );
    }
    let h = |value: usize, step: usize| per_value[value][step].height;
    assert!(
        (h(1, 0) / h(0, 0) - 3.0 / 5.0).abs() < 0.03,
        "email 3 against web 5"
    );
    assert_eq!(
        bars(&d, &r, lighter(series_color(1))).len(),
        1,
        "email lost 2 users at signup, drawn lighter"
    );
    for key in [
        "web",
        "email",
        "Other",
        "Dropped since the previous step",
        "visit",
        "signup",
        "10",
        "60.0%",
    ] {
        assert!(d.text(key).is_some(), "{key} in {:?}", d.words());
    }
    assert!(drawn(&r, Base::FromStart, Lang::It).text("Altro").is_some());
}

#[test]
fn hit_finds_the_bar_drawn_under_the_pointer_at_any_scale() {
    for (r, colors) in [
        (
            report(&[("visit", 100), ("signup", 40), ("buy", 50)]),
            vec![blue()],
        ),
        (broken_down(), vec![series_color(0), series_color(1), OTHER]),
    ] {
        for scale in [1.0, 2.0] {
            let size = ((640.0 * scale) as u32, (360.0 * scale) as u32);
            let d = parse(&svg_at(&r, Base::FromStart, Lang::En, size, scale));
            let plot_top = layout(&r, (640.0, 360.0)).expect("a layout").plot.min.y * scale;
            for (j, color) in colors.iter().enumerate() {
                let drawn: Vec<Filled> = d
                    .boxes_of(&hex(*color))
                    .into_iter()
                    .filter(|b| b.y >= plot_top - 1.0)
                    .collect();
                let value = r.breakdown.as_ref().map(|_| j);
                for (step, b) in drawn.iter().enumerate() {
                    let (x, y) = b.center();
                    // Edge to edge: the drawing and the hit test share one layout.
                    for x in [b.x + 1.0, x, b.x + b.width - 1.0] {
                        assert_eq!(
                            hit(&r, SIZE, (x / scale, y / scale)),
                            Some(Hit { step, value }),
                            "{x} in bar {b:?} at scale {scale}"
                        );
                    }
                    // Above a short bar, in the plot, still that bar.
                    assert_eq!(
                        hit(&r, SIZE, (x / scale, plot_top / scale + 2.0)),
                        Some(Hit { step, value })
                    );
                }
            }
        }
        let l = layout(&r, (640.0, 360.0)).expect("a layout");
        let gap = (l.slots[0].1
            + l.bars
                .iter()
                .find(|b| b.step == 1)
                .expect("step 2")
                .bar
                .min
                .x)
            / 2.0;
        let middle = l.plot.center().y;
        assert_eq!(hit(&r, SIZE, (gap, middle)), None, "between two steps");
        assert_eq!(
            hit(&r, SIZE, (l.bars[0].bar.center().x, 4.0)),
            None,
            "over the legend"
        );
        assert_eq!(
            hit(&r, SIZE, (l.bars[0].bar.center().x, l.plot.max.y + 10.0)),
            None,
            "over the labels"
        );
    }
}

#[test]
fn an_empty_funnel_draws_a_message_instead_of_axes() {
    for r in [report(&[]), report(&[("visit", 0), ("buy", 0)])] {
        for lang in [Lang::En, Lang::It] {
            let d = drawn(&r, Base::FromStart, lang);
            assert_eq!(d.words().join(" "), empty_message(&r, lang));
            assert!(
                d.boxes.iter().all(|b| b.fill == hex(PAPER)) && d.lines.is_empty(),
                "no bars, no axes"
            );
        }
        assert_eq!(hit(&r, SIZE, (320.0, 180.0)), None);
    }
    assert!(empty_message(&report(&[("visit", 0)]), Lang::En).contains("“visit”"));
    assert!(empty_message(&report(&[]), Lang::It).starts_with("Scegli i passi"));
}

#[test]
fn tiny_areas_draw_without_panicking_and_hit_nothing() {
    let r = broken_down();
    for size in [(1, 1), (40, 30), (100, 90), (130, 120)] {
        svg_at(&r, Base::FromStart, Lang::En, size, 1.0);
        let drawn = draw_histogram_svg(&with_histogram(&r, 1), size);
        assert!(drawn.contains("</svg>"));
    }
    assert_eq!(hit(&r, (40, 30), (20.0, 15.0)), None);
}

pub(super) fn with_histogram(r: &FunnelReport, unit_ms: i64) -> FunnelReport {
    let bin = |i: i64, users: u64| Bin {
        from_ms: i * unit_ms,
        to_ms: (i + 1) * unit_ms,
        users,
    };
    FunnelReport {
        time_to_convert: Some(TimeToConvert {
            from_step: 1,
            to_step: 2,
            bins: vec![bin(0, 5), bin(1, 3), bin(2, 0), bin(3, 1)],
        }),
        ..r.clone()
    }
}

pub(super) fn draw_histogram_svg(r: &FunnelReport, size: (u32, u32)) -> String {
    render(size, |area| {
        draw_histogram(area, r, Lang::En, 1.0).expect("draws")
    })
}
