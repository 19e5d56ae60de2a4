use super::super::tests::{draw_histogram_svg, report, with_histogram};
use super::*;
use crate::chart::test_svg::{hex, parse, render};

const SIZE: (u32, u32) = (640, 360);

#[test]
fn the_histogram_draws_a_bar_per_range_with_durations_at_the_edges() {
    let r = with_histogram(&report(&[("visit", 10), ("signup", 9)]), 3_600_000);
    let d = parse(&draw_histogram_svg(&r, SIZE));
    let b = d.boxes_of(&hex(series_color(0)));
    assert_eq!(b.len(), 3, "an empty range has no bar: {b:?}");
    assert!(
        (b[1].height / b[0].height - 0.6).abs() < 0.02
            && (b[2].height / b[0].height - 0.2).abs() < 0.02
    );
    let words = d.words();
    for text in [
        "0 s",
        "1 h",
        "2 h",
        "3 h",
        "4 h",
        "5",
        "3",
        "Time from step 1, “visit”, to step 2, “signup”",
    ] {
        assert!(words.contains(&text), "{text} in {words:?}");
    }
    let days = with_histogram(&r, 3 * 86_400_000);
    let it = parse(&render(SIZE, |area| {
        draw_histogram(area, &days, Lang::It, 1.0).expect("draws")
    }));
    assert!(
        it.text("3 g").is_some() && it.text("12 g").is_some(),
        "{:?}",
        it.words()
    );
    let none = parse(&draw_histogram_svg(&report(&[("visit", 10)]), SIZE));
    assert!(
        none.boxes_of(&hex(series_color(0))).is_empty()
            && none.words().join(" ").contains("no times to show")
    );
}
