use super::*;
use crate::chart::csv;
use crate::chart::test_svg::{hex, parse, render, Drawn, Line};
use crate::ingest::value::days_from_civil;
use crate::trend::Interval;

const SIZE: (u32, u32) = (640, 360);
const HOUR: i64 = 3_600_000;

fn date(y: i32, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d) * 24 * HOUR
}

fn line(name: SeriesName, values: &[f64]) -> TrendSeries {
    TrendSeries {
        name,
        values: values.to_vec(),
        moving_average: None,
        previous: None,
    }
}

fn report(interval: Interval, start: i64, series: Vec<TrendSeries>) -> TrendReport {
    let n = series.first().map_or(0, |s| s.values.len());
    let periods = std::iter::successors(Some(start), |&p| Some(interval.next(p)))
        .take(n)
        .collect();
    TrendReport {
        interval,
        unique_users: false,
        cumulative: false,
        periods,
        last_period_incomplete: false,
        breakdown: None,
        series,
    }
}

fn daily(values: &[f64]) -> TrendReport {
    report(
        Interval::Day,
        date(2024, 3, 1),
        vec![line(SeriesName::All, values)],
    )
}

fn svg_at(r: &TrendReport, lang: Lang, size: (u32, u32), scale: f64) -> String {
    render(size, |area| draw(area, r, lang, scale).expect("draws"))
}

fn drawn(r: &TrendReport, lang: Lang) -> Drawn {
    parse(&svg_at(r, lang, SIZE, 1.0))
}

fn plot(r: &TrendReport) -> Layout {
    layout(r, (f64::from(SIZE.0), f64::from(SIZE.1))).expect("a layout")
}

/// The polylines of `color` and `width` in the plot (not the legend's samples above it).
fn lines(d: &Drawn, r: &TrendReport, color: RGBColor, width: f64) -> Vec<Line> {
    let top = plot(r).plot.min.y - 1.0;
    d.lines_of(&hex(color))
        .into_iter()
        .filter(|l| l.width == width && l.points.iter().all(|p| p.1 >= top))
        .collect()
}

/// The one solid line of a series: its longest piece.
fn solid(d: &Drawn, r: &TrendReport, color: RGBColor) -> Vec<(f64, f64)> {
    lines(d, r, color, 2.0)
        .into_iter()
        .max_by_key(|l| l.points.len())
        .expect("a line")
        .points
}

#[test]
fn each_series_is_a_line_in_its_colour_named_in_the_legend() {
    let names = [
        SeriesName::All,
        SeriesName::Event("signup".into()),
        SeriesName::Value("web".into()),
        SeriesName::Other,
    ];
    let r = report(
        Interval::Day,
        date(2024, 3, 1),
        names
            .iter()
            .enumerate()
            .map(|(i, n)| line(n.clone(), &[1.0 + i as f64, 2.0, 3.0, 4.0]))
            .collect(),
    );
    let d = drawn(&r, Lang::En);
    for (i, expected) in ["All events", "signup", "web", "Other"]
        .into_iter()
        .enumerate()
    {
        assert!(d.text(expected).is_some(), "{expected} in {:?}", d.words());
        let color = if i == 3 { OTHER } else { series_color(i) };
        assert_eq!(
            solid(&d, &r, color).len(),
            4,
            "series {i} has a point per period"
        );
    }
    let it = drawn(&r, Lang::It);
    assert!(
        it.text("Tutti gli eventi").is_some()
            && it.text("Altro").is_some()
            && it.text("All events").is_none()
    );
}

#[test]
fn points_run_left_to_right_at_heights_of_their_values() {
    let values = [3.0, 0.0, 4.0, 1.0, 5.0, 9.0];
    let r = daily(&values);
    let points = solid(&drawn(&r, Lang::En), &r, series_color(0));
    assert_eq!(points.len(), values.len());
    let step = points[1].0 - points[0].0;
    assert!(
        step > 0.0
            && points
                .windows(2)
                .all(|w| (w[1].0 - w[0].0 - step).abs() <= 1.0),
        "evenly spaced: {points:?}"
    );
    let base = plot(&r).plot.max.y;
    assert!((points[1].1 - base).abs() <= 1.0, "zero on the base line");
    let per_unit = (base - points[5].1) / 9.0;
    for (p, v) in points.iter().zip(values) {
        assert!(
            (base - p.1 - v * per_unit).abs() <= 1.0,
            "{v} drawn at {}",
            p.1
        );
    }
}

#[test]
fn the_last_periods_segment_is_dashed_only_when_it_is_incomplete() {
    let mut r = daily(&[4.0, 6.0, 5.0, 2.0]);
    let complete = drawn(&r, Lang::En);
    assert_eq!(
        lines(&complete, &r, series_color(0), 2.0).len(),
        1,
        "one solid line"
    );
    assert!(complete.text("Incomplete period").is_none());
    r.last_period_incomplete = true;
    let d = drawn(&r, Lang::En);
    let xs = plot(&r).xs;
    let pieces = lines(&d, &r, series_color(0), 2.0);
    let (whole, dashes): (Vec<Line>, Vec<Line>) =
        pieces.into_iter().partition(|l| l.points.len() == 3);
    assert_eq!(whole.len(), 1, "solid up to the period before the last");
    assert!((whole[0].points[2].0 - xs[2]).abs() <= 1.0);
    assert!(
        dashes.len() >= 3,
        "the last segment in short dashes: {dashes:?}"
    );
    assert!(
        dashes
            .iter()
            .flat_map(|l| &l.points)
            .all(|p| p.0 >= xs[2] - 1.0 && p.0 <= xs[3] + 1.0),
        "only the last segment"
    );
    assert!(d.text("Incomplete period").is_some());
}

#[test]
fn the_moving_average_is_thinner_and_the_previous_periods_dashed_and_lighter() {
    let mut r = daily(&[2.0, 4.0, 6.0, 8.0]);
    r.series[0].moving_average = Some(vec![None, Some(3.0), Some(5.0), Some(7.0)]);
    r.series[0].previous = Some(vec![1.0, 1.0, 2.0, 2.0]);
    let d = drawn(&r, Lang::En);
    let xs = plot(&r).xs;
    let thin = lines(&d, &r, series_color(0), 1.0);
    assert_eq!(thin.len(), 1);
    assert_eq!(
        thin[0].points.len(),
        3,
        "from the first period with an average"
    );
    assert!((thin[0].points[0].0 - xs[1]).abs() <= 1.0);
    let previous = lines(&d, &r, lighter(series_color(0)), 2.0);
    assert!(previous.len() > 4, "dashed: {previous:?}");
    let (left, right) = previous
        .iter()
        .flat_map(|l| &l.points)
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    // The last dash may stop short of the end by a gap (4 px) and a dash (6 px).
    assert!(
        (left - xs[0]).abs() <= 1.0 && right <= xs[3] + 1.0 && right >= xs[3] - 10.0,
        "across every period: {left}..{right} of {xs:?}"
    );
    assert!(d.text("Previous period").is_some() && d.text("Moving average").is_some());
    let it = drawn(&r, Lang::It);
    assert!(it.text("Periodo precedente").is_some() && it.text("Media mobile").is_some());
}

#[test]
fn dates_on_the_x_axis_follow_the_interval_and_the_language() {
    let days = report(
        Interval::Day,
        date(2024, 12, 30),
        vec![line(SeriesName::All, &[1.0; 4])],
    );
    let words = drawn(&days, Lang::En).words().join(" ");
    assert!(
        words.contains("30 Dec 2024 31 Dec 1 Jan 2025 2 Jan"),
        "the year where it changes: {words}"
    );
    let months = report(
        Interval::Month,
        date(2024, 11, 1),
        vec![line(SeriesName::All, &[1.0; 4])],
    );
    let words = drawn(&months, Lang::It).words().join(" ");
    assert!(words.contains("nov 2024 dic gen 2025 feb"), "{words}");
    let hours = report(
        Interval::Hour,
        date(2024, 3, 5) + 22 * HOUR,
        vec![line(SeriesName::All, &[1.0; 3])],
    );
    let words = drawn(&hours, Lang::En).words().join(" ");
    assert!(words.contains("22:00 5 Mar 23:00 00:00 6 Mar"), "{words}");
    let weeks = report(
        Interval::Week,
        date(2024, 3, 4),
        vec![line(SeriesName::All, &[1.0; 2])],
    );
    assert!(drawn(&weeks, Lang::En)
        .words()
        .join(" ")
        .contains("4 Mar 2024 11 Mar"));
}

#[test]
fn a_crowded_axis_labels_every_nth_period_without_overlap() {
    let r = daily(&[1.0; 365]);
    let d = drawn(&r, Lang::En);
    let base = plot(&r).plot.max.y;
    let labels: Vec<f64> = d
        .texts
        .iter()
        .filter(|t| t.y > base && t.y < base + 12.0)
        .map(|t| t.x)
        .collect();
    assert!(
        labels.len() >= 5 && labels.len() < 60,
        "{} labels",
        labels.len()
    );
    assert!(labels.windows(2).all(|w| w[1] - w[0] >= 40.0), "{labels:?}");
}

#[test]
fn hit_gives_the_period_under_the_pointer_at_any_scale() {
    let r = daily(&[3.0, 1.0, 4.0, 1.0, 5.0]);
    for scale in [1.0, 2.0] {
        let size = ((640.0 * scale) as u32, (360.0 * scale) as u32);
        let d = parse(&svg_at(&r, Lang::En, size, scale));
        let points = lines(&d, &r, series_color(0), 2.0 * scale)
            .into_iter()
            .max_by_key(|l| l.points.len())
            .expect("a line")
            .points;
        // Each period is the nearest point: up to half way to the next, drawn.
        let half = (points[1].0 - points[0].0) / 2.0;
        for (i, (x, y)) in points.iter().enumerate() {
            for x in [x - half + 2.0, *x, x + half - 2.0] {
                assert_eq!(
                    hit(&r, SIZE, (x / scale, y / scale)),
                    Some(i),
                    "{x} for point {i} at scale {scale}"
                );
            }
        }
    }
    let l = plot(&r);
    let middle = l.plot.center().y;
    assert_eq!(
        hit(&r, SIZE, ((l.xs[1] + l.xs[2]) / 2.0 + 1.0, middle)),
        Some(2),
        "past half way is the next"
    );
    assert_eq!(
        hit(&r, SIZE, ((l.xs[1] + l.xs[2]) / 2.0 - 1.0, middle)),
        Some(1)
    );
    assert_eq!(
        hit(&r, SIZE, (l.plot.min.x - 5.0, middle)),
        None,
        "over the y axis"
    );
    assert_eq!(hit(&r, SIZE, (l.xs[0], 2.0)), None, "over the legend");
}

#[test]
fn an_empty_trend_draws_a_message_and_one_period_a_dot() {
    for lang in [Lang::En, Lang::It] {
        let d = drawn(&daily(&[]), lang);
        assert_eq!(d.words().join(" "), empty_message(lang));
        assert!(d.lines.is_empty());
    }
    assert_eq!(hit(&daily(&[]), SIZE, (320.0, 180.0)), None);
    let mut one = daily(&[7.0]);
    one.last_period_incomplete = true;
    let svg = svg_at(&one, Lang::En, SIZE, 1.0);
    assert_eq!(
        svg.matches(&format!("fill=\"{}\"", hex(series_color(0))))
            .count(),
        1,
        "a dot for the only period"
    );
    assert!(parse(&svg).text("1 Mar").is_some());
    for size in [(1, 1), (40, 30), (100, 90)] {
        svg_at(&daily(&[1.0, 2.0]), Lang::En, size, 1.0);
    }
}

#[test]
fn the_table_has_a_row_per_period_and_columns_per_series() {
    let mut r = report(
        Interval::Week,
        date(2024, 3, 4),
        vec![
            line(SeriesName::Value("web".into()), &[2.0, 3.0]),
            line(SeriesName::Other, &[1.0, 0.0]),
        ],
    );
    r.series[0].previous = Some(vec![1.0, 4.0]);
    r.series[0].moving_average = Some(vec![None, Some(2.5)]);
    let (headers, rows) = table(&r, Lang::It);
    assert_eq!(
        headers,
        [
            "Settimana dal",
            "web",
            "web, periodo precedente",
            "web, media mobile",
            "Altro"
        ]
    );
    assert_eq!(
        rows,
        [
            ["2024-03-04", "2", "1", "", "1"],
            ["2024-03-11", "3", "4", "2,5", "0"]
        ]
    );
    assert_eq!(table(&r, Lang::En).0[2], "web, previous period");
    assert!(csv(&table(&r, Lang::It).0, &rows, b';').ends_with("2024-03-11;3;4;2,5;0\n"));
    let hours = report(
        Interval::Hour,
        date(2024, 3, 5) + 14 * HOUR,
        vec![line(SeriesName::All, &[1.0])],
    );
    assert_eq!(
        table(&hours, Lang::En),
        (
            vec!["Hour".to_string(), "All events".to_string()],
            vec![vec!["2024-03-05 14:00".to_string(), "1".to_string()]]
        )
    );
}

#[test]
fn periods_are_named_whole_for_tooltips() {
    let d = date(2024, 3, 4);
    assert_eq!(period_name(Interval::Day, d, Lang::En), "4 Mar 2024");
    assert_eq!(
        period_name(Interval::Week, d, Lang::It),
        "Settimana dal 4 mar 2024"
    );
    assert_eq!(period_name(Interval::Month, d, Lang::It), "marzo 2024");
    assert_eq!(
        period_name(Interval::Hour, d + 14 * HOUR, Lang::En),
        "4 Mar 2024, 14:00"
    );
    assert_eq!(month_name(8, true, Lang::It), "ago");
}
