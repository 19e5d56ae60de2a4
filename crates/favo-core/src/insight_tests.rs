use super::*;
use crate::funnel::counts::guess_count_roles;
use crate::ingest::events::{guess_roles, EventLog};
use crate::ingest::stream::{read_dataset, Options};

fn data(text: &str) -> Dataset {
    read_dataset(text.as_bytes(), Options::default()).expect("reads")
}

fn events(data: &Dataset) -> EventLog {
    EventLog::from_dataset(data, guess_roles(&data.headers(), &data.kinds()).expect("roles"))
}

const LOG: &str = "user,event,time,channel
u1,visit,2024-03-01T10:00:00Z,web
u1,signup,2024-03-01T11:00:00Z,web
u1,buy,2024-03-02T09:00:00Z,web
u2,visit,2024-03-01T12:00:00Z,email
u2,signup,2024-03-03T12:00:00Z,email
u3,visit,2024-03-04T08:00:00Z,social
u3,buy,2024-03-04T09:00:00Z,social
";

fn steps(names: &[&str]) -> Vec<String> {
    names.iter().map(ToString::to_string).collect()
}

#[test]
fn a_funnel_report_has_users_conversion_and_times_per_step_in_the_given_order() {
    let d = data(LOG);
    let log = events(&d);
    let q = FunnelQuery { steps: steps(&["visit", "signup", "buy"]), histogram: Some((0, 1)), ..FunnelQuery::default() };
    let r = funnel(&d, &Source::Events(log), &q).expect("funnel");
    let users: Vec<u64> = r.steps.iter().map(|s| s.users).collect();
    assert_eq!(users, [3, 2, 1]);
    assert_eq!(r.steps[1].event, "signup");
    assert!((r.steps[1].conversion_from_start - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(r.steps[1].dropped, 1);
    // u1 took 1 h to sign up, u2 two days: the median is their mean.
    let hour = 3_600_000.0;
    assert_eq!(r.steps[1].median_ms_from_previous, Some((1.0 * hour + 48.0 * hour) / 2.0));
    assert_eq!(r.users, Some(3));
    assert_eq!(r.events, Some(7));
    let bins = r.time_to_convert.expect("histogram").bins;
    assert_eq!(bins.iter().map(|b| b.users).sum::<u64>(), 2);
}

#[test]
fn a_step_nobody_did_has_no_users_and_a_reversed_funnel_is_kept_in_its_order() {
    let d = data(LOG);
    let r = funnel(&d, &Source::Events(events(&d)), &FunnelQuery { steps: steps(&["buy", "nope", "visit"]), ..FunnelQuery::default() }).expect("funnel");
    let names: Vec<&str> = r.steps.iter().map(|s| s.event.as_str()).collect();
    assert_eq!(names, ["buy", "nope", "visit"]);
    assert_eq!(r.steps.iter().map(|s| s.users).collect::<Vec<_>>(), [2, 0, 0]);
}

#[test]
fn a_funnel_broken_down_takes_each_users_first_touch_value() {
    let d = data(LOG);
    let q = FunnelQuery { steps: steps(&["visit", "signup"]), breakdown: Some("channel".into()), ..FunnelQuery::default() };
    let r = funnel(&d, &Source::Events(events(&d)), &q).expect("funnel");
    let b = r.breakdown.expect("breakdown");
    assert_eq!(b.column, "channel");
    let of = |v: &str| b.values.iter().find(|x| x.value.as_deref() == Some(v)).map(|x| x.users.clone());
    assert_eq!(of("web"), Some(vec![1, 1]));
    assert_eq!(of("email"), Some(vec![1, 1]));
    assert_eq!(of("social"), Some(vec![1, 0]));
}

#[test]
fn an_unknown_breakdown_column_is_named_in_the_error() {
    let d = data(LOG);
    let q = FunnelQuery { steps: steps(&["visit"]), breakdown: Some("canale".into()), ..FunnelQuery::default() };
    let e = funnel(&d, &Source::Events(events(&d)), &q).expect_err("no such column");
    assert!(e.to_string().contains("\"canale\"") && e.to_string().contains("channel"), "{e}");
}

#[test]
fn a_table_of_counts_gives_a_funnel_without_times() {
    let d = data("step,users\nvisit,100\nsignup,40\nbuy,50\n");
    let roles = guess_count_roles(&d.headers(), &d.kinds()).expect("count roles");
    let r = funnel(&d, &Source::Counts(roles), &FunnelQuery::default()).expect("funnel");
    assert_eq!(r.source, "counts");
    assert_eq!(r.steps.iter().map(|s| s.users).collect::<Vec<_>>(), [100, 40, 50]);
    // A step larger than the previous one: no negative drop-off.
    assert_eq!(r.steps[2].dropped, 0);
    assert_eq!(r.steps[2].median_ms_from_previous, None);
}

#[test]
fn a_trend_of_two_events_has_a_series_each_over_the_same_days() {
    let d = data(LOG);
    let log = events(&d);
    let q = TrendQuery { events: steps(&["visit", "buy"]), ..TrendQuery::default() };
    let r = trend(&d, &log, &q).expect("trend");
    assert_eq!(r.periods.len(), 4, "1 to 4 March");
    assert_eq!(r.series.len(), 2);
    assert_eq!(r.series[0].name, SeriesName::Event("visit".into()));
    assert_eq!(r.series[0].values, [2.0, 0.0, 0.0, 1.0]);
    assert_eq!(r.series[1].values, [0.0, 1.0, 0.0, 1.0]);
    // The last event is at 09:00 on the last day: the day is incomplete.
    assert!(r.last_period_incomplete);
}

#[test]
fn events_counted_together_count_a_user_once_per_period() {
    let d = data(LOG);
    let log = events(&d);
    let q = TrendQuery { events: steps(&["visit", "buy"]), unique: true, together: true, ..TrendQuery::default() };
    let r = trend(&d, &log, &q).expect("trend");
    assert_eq!(r.series.len(), 1);
    assert_eq!(r.series[0].name, SeriesName::All);
    // u3 visited and bought on 4 March: one user that day, not two.
    assert_eq!(r.series[0].values, [2.0, 1.0, 0.0, 1.0]);
}

#[test]
fn a_trend_of_every_event_is_one_series_with_running_totals_and_an_average() {
    let d = data(LOG);
    let q = TrendQuery { cumulative: true, moving_average: Some(2), ..TrendQuery::default() };
    let r = trend(&d, &events(&d), &q).expect("trend");
    assert_eq!(r.series.len(), 1);
    assert_eq!(r.series[0].name, SeriesName::All);
    // 3, 1, 1 and 2 events a day.
    assert_eq!(r.series[0].values, [3.0, 4.0, 5.0, 7.0]);
    assert_eq!(r.series[0].moving_average.as_deref(), Some(&[None, Some(3.5), Some(4.5), Some(6.0)][..]));
}

#[test]
fn a_broken_down_comparison_adds_up_to_the_plain_one() {
    let d = data(LOG);
    let log = events(&d);
    let whole = TrendQuery { compare: true, from: Some(at("2024-03-03T00:00:00Z")), to: Some(at("2024-03-04T23:59:59Z")), ..TrendQuery::default() };
    let plain = trend(&d, &log, &whole).expect("trend");
    let by = trend(&d, &log, &TrendQuery { breakdown: Some("channel".into()), top: 1, ..whole.clone() }).expect("trend");
    assert_eq!(by.series.len(), 2, "the top value and other");
    assert_eq!(by.series[1].name, SeriesName::Other);
    let sum = |f: &dyn Fn(&TrendSeries) -> Vec<f64>| {
        by.series.iter().map(f).fold(vec![0.0; by.periods.len()], |acc, v| acc.iter().zip(v).map(|(a, b)| a + b).collect())
    };
    assert_eq!(sum(&|s| s.values.clone()), plain.series[0].values);
    assert_eq!(sum(&|s| s.previous.clone().expect("previous")), plain.series[0].previous.clone().expect("previous"));
    assert_eq!(plain.series[0].previous.as_deref(), Some(&[3.0, 1.0][..]), "1 and 2 March");
}

#[test]
fn reports_travel_as_json_unchanged() {
    let d = data(LOG);
    let log = events(&d);
    let f = funnel(&d, &Source::Events(log.clone()), &FunnelQuery { steps: steps(&["visit", "buy"]), breakdown: Some("channel".into()), ..FunnelQuery::default() }).expect("funnel");
    let t = trend(&d, &log, &TrendQuery { breakdown: Some("channel".into()), compare: true, ..TrendQuery::default() }).expect("trend");
    let back: FunnelReport = serde_json::from_str(&serde_json::to_string(&f).expect("json")).expect("parses");
    assert_eq!(back, f);
    let back: TrendReport = serde_json::from_str(&serde_json::to_string(&t).expect("json")).expect("parses");
    assert_eq!(back, t);
    let q: FunnelQuery = serde_json::from_str(r#"{"steps":["a"],"order":"strict"}"#).expect("a partial query");
    assert_eq!((q.order, q.window_ms, q.top), (Order::Strict, funnel::DEFAULT_WINDOW, 5));
}

fn at(iso: &str) -> i64 {
    crate::ingest::value::parse_datetime(iso, crate::ingest::value::DateFormat::Iso).expect("a date")
}

fn measuring(id: u64, event: &str) -> crate::Touchpoint {
    crate::Touchpoint {
        id: crate::TouchpointId(id),
        name: event.to_string(),
        channel: crate::Channel::Web,
        online: true,
        moment: crate::Moment::PreSale,
        owner: String::new(),
        description: String::new(),
        status: crate::Status::default(),
        event: Some(event.to_string()),
    }
}

#[test]
fn a_funnel_from_the_map_follows_the_phase_order_not_the_order_cells_were_made() {
    use crate::journey::PhaseKey;
    use crate::Edit;
    let mut j = crate::sample::journey(crate::Lang::En);
    let cell_of = |j: &Journey, key: PhaseKey| {
        let phase = j.phases().iter().find(|p| p.key == Some(key)).expect("phase").id;
        j.activities().find(|a| a.phase == Some(phase)).expect("a cell").id
    };
    // Made last phase first, with an event twice and one the data does not have.
    for (i, (key, event)) in [(PhaseKey::Action, "buy"), (PhaseKey::Awareness, "visit"), (PhaseKey::Interest, "signup"), (PhaseKey::Usage, "buy"), (PhaseKey::Advocacy, "review")]
        .into_iter()
        .enumerate()
    {
        let cell = cell_of(&j, key);
        j.apply(Edit::SetTouchpoints(cell, vec![measuring(100 + i as u64, event)])).expect("touchpoints");
    }
    let names = steps(&["buy", "signup", "visit"]);
    assert_eq!(steps_from_phases(&j, &names), ["visit", "signup", "buy"]);
}
