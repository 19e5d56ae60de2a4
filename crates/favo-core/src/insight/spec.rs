//! A chart asked for in words: `name=value` options, the same for `favo funnel`, `favo
//! trend` and `favo render` (as `--name value` flags) and for the embedded viewer (as the
//! attributes of `<favo-chart>` and the options of `embed.html`'s fragment). One list of
//! options, so the README documents them once and a flag that works on the command line
//! works in a page.

use crate::funnel::counts::{guess_count_roles, CountRoles};
use crate::funnel::{self, Order};
use crate::ingest::events::{guess_roles, EventLog, Roles};
use crate::ingest::stream::Dataset;
use crate::ingest::value::{parse_datetime, DateFormat};
use crate::insight::{self, FunnelQuery, FunnelReport, Source, TrendQuery, TrendReport};
use crate::trend::Interval;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Funnel,
    Trend,
}

/// The columns named by the options; the ones left out are guessed from the headers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns {
    pub user: Option<String>,
    pub event: Option<String>,
    pub time: Option<String>,
    /// A counted table's step and count columns (funnels only).
    pub step: Option<String>,
    pub count: Option<String>,
}

/// A funnel or a trend with its options.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub kind: Kind,
    pub funnel: FunnelQuery,
    pub trend: TrendQuery,
    pub columns: Columns,
}

/// Options every chart takes.
const COMMON: [&str; 5] = ["breakdown", "top", "user", "event", "time"];
const FUNNEL: [&str; 6] = ["steps", "order", "window", "histogram", "step", "count"];
const TREND: [&str; 8] = ["interval", "events", "unique", "moving-average", "cumulative", "compare", "from", "to"];
/// Options that are on or off: named alone on the command line, `="true"` or present in a page.
pub const SWITCHES: [&str; 3] = ["unique", "cumulative", "compare"];

/// Why a chart cannot be drawn from its options and data, in words for its reader.
#[derive(Clone, Debug, PartialEq)]
pub enum SpecError {
    /// The options are wrong (the command's usage problem).
    Option(String),
    /// The data cannot answer them.
    Data(String),
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpecError::Option(m) | SpecError::Data(m) => f.write_str(m),
        }
    }
}

/// A funnel's or a trend's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    Funnel(FunnelReport),
    Trend(TrendReport),
}

/// `a, b,c` as `["a", "b", "c"]`.
pub fn list(text: &str) -> Vec<String> {
    text.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

/// A whole number above zero.
fn count(text: &str, name: &str) -> Result<usize, String> {
    text.trim().parse::<usize>().ok().filter(|n| *n > 0).ok_or(format!("{name} needs a whole number above zero, not \"{text}\""))
}

/// On or off: an empty value (an attribute written alone) is on.
fn switch(text: &str, name: &str) -> Result<bool, String> {
    match text.trim() {
        "" | "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        other => Err(format!("{name} is true or false, not \"{other}\"")),
    }
}

/// A date, or a date and time; a date alone as `to` means the whole day.
fn date(text: &str, name: &str, end_of_day: bool) -> Result<i64, String> {
    let ms = parse_datetime(text, DateFormat::Iso).ok_or(format!("{name} is a date (yyyy-mm-dd[Thh:mm]), not \"{text}\""))?;
    Ok(if end_of_day && text.trim().len() == 10 { ms + 86_400_000 - 1 } else { ms })
}

impl ChartSpec {
    pub fn new(kind: Kind) -> ChartSpec {
        ChartSpec { kind, funnel: FunnelQuery::default(), trend: TrendQuery::default(), columns: Columns::default() }
    }

    /// Whether `name` is an option of this kind of chart.
    pub fn takes(&self, name: &str) -> bool {
        COMMON.contains(&name) || if self.kind == Kind::Funnel { FUNNEL.contains(&name) } else { TREND.contains(&name) }
    }

    /// Sets option `name`; the error, which starts with the option's name, says what it takes.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        if !self.takes(name) {
            let kind = if self.kind == Kind::Funnel { "funnel" } else { "trend" };
            return Err(format!("a {kind} has no option \"{name}\""));
        }
        let text = || Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        let (f, t, c) = (&mut self.funnel, &mut self.trend, &mut self.columns);
        match name {
            "breakdown" => (f.breakdown, t.breakdown) = (text(), text()),
            "top" => (f.top, t.top) = (count(value, name)?, count(value, name)?),
            "user" => c.user = text(),
            "event" => c.event = text(),
            "time" => c.time = text(),
            "step" => c.step = text(),
            "count" => c.count = text(),
            "steps" => f.steps = list(value),
            "order" => {
                f.order = match value.trim() {
                    "ordered" => Order::Ordered,
                    "strict" => Order::Strict,
                    "any" => Order::Any,
                    other => return Err(format!("order is ordered, strict or any, not \"{other}\"")),
                }
            }
            "window" => f.window_ms = funnel::parse_window(value).ok_or(format!("window reads like 30m, 12h, 7d, 2w or 3mo, not \"{value}\""))?,
            "histogram" => {
                let pair: Vec<usize> = value.split(',').filter_map(|n| n.trim().parse().ok()).collect();
                f.histogram = match pair.as_slice() {
                    [a, b] if *a >= 1 && a < b => Some((a - 1, b - 1)),
                    _ => return Err("histogram takes two step numbers, like 1,3".into()),
                };
            }
            "interval" => t.interval = Interval::from_key(value.trim()).ok_or(format!("interval is hour, day, week or month, not \"{value}\""))?,
            "events" => t.events = list(value),
            "unique" => t.unique = switch(value, name)?,
            "cumulative" => t.cumulative = switch(value, name)?,
            "compare" => t.compare = switch(value, name)?,
            "moving-average" => t.moving_average = Some(count(value, name)?),
            "from" => t.from = Some(date(value, name, false)?),
            "to" => t.to = Some(date(value, name, true)?),
            _ => unreachable!("every option `takes` accepts is set above"),
        }
        Ok(())
    }

    /// The chart over `data`.
    pub fn report(&self, data: &Dataset) -> Result<Chart, SpecError> {
        match self.kind {
            Kind::Funnel => self.funnel_report(data).map(Chart::Funnel),
            Kind::Trend => self.trend_report(data).map(|(_, r)| Chart::Trend(r)),
        }
    }

    /// Where the funnel's users come from: a counted table when its columns are named or
    /// when the headers look like one and not like an event log.
    pub fn source(&self, data: &Dataset) -> Result<Source, SpecError> {
        let (headers, kinds) = (data.headers(), data.kinds());
        let c = &self.columns;
        let counted = c.step.is_some() || c.count.is_some() || {
            let named = c.user.is_some() || c.event.is_some() || c.time.is_some();
            !named && guess_roles(&headers, &kinds).is_none() && guess_count_roles(&headers, &kinds).is_some()
        };
        if counted {
            let guessed = guess_count_roles(&headers, &kinds);
            let step = column_of(&headers, c.step.as_deref(), guessed.map(|r| r.step), "step")?;
            let count = column_of(&headers, c.count.as_deref(), guessed.map(|r| r.count), "count")?;
            return Ok(Source::Counts(CountRoles { step, count }));
        }
        if self.funnel.steps.is_empty() {
            return Err(SpecError::Option("a funnel over events needs its steps: steps a,b,c".into()));
        }
        self.event_log(data).map(Source::Events)
    }

    pub fn funnel_report(&self, data: &Dataset) -> Result<FunnelReport, SpecError> {
        let source = self.source(data)?;
        insight::funnel(data, &source, &self.funnel).map_err(|e| SpecError::Data(e.to_string()))
    }

    /// The trend, with the log it was counted from (for another query over it).
    pub fn trend_report(&self, data: &Dataset) -> Result<(EventLog, TrendReport), SpecError> {
        let log = self.event_log(data)?;
        let report = insight::trend(data, &log, &self.trend).map_err(|e| SpecError::Data(e.to_string()))?;
        Ok((log, report))
    }

    /// The event log of the user, event and time columns, as named or guessed. Unreadable
    /// times fail the chart: a funnel that silently lost rows would mislead.
    pub fn event_log(&self, data: &Dataset) -> Result<EventLog, SpecError> {
        let headers = data.headers();
        let guessed = guess_roles(&headers, &data.kinds());
        let c = &self.columns;
        let roles = Roles {
            user: column_of(&headers, c.user.as_deref(), guessed.map(|r| r.user), "user")?,
            event: column_of(&headers, c.event.as_deref(), guessed.map(|r| r.event), "event")?,
            time: column_of(&headers, c.time.as_deref(), guessed.map(|r| r.time), "time")?,
        };
        if let Some(why) = data.unreadable(roles.time) {
            return Err(SpecError::Data(why.to_string()));
        }
        Ok(EventLog::from_dataset(data, roles))
    }
}

/// The index of column `name`, or the guessed one.
fn column_of(headers: &[String], name: Option<&str>, guessed: Option<usize>, role: &str) -> Result<usize, SpecError> {
    match name {
        Some(n) => headers.iter().position(|h| h == n).ok_or(SpecError::Data(format!("no column \"{n}\" (the columns are {})", headers.join(", ")))),
        None => guessed.ok_or(SpecError::Data(format!("which column is the {role}? Name it with the {role} option"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::stream::{read_dataset, Options};

    const LOG: &str = "user,event,time,channel\n\
        u1,visit,2024-03-01T10:00:00Z,ads\n\
        u1,signup,2024-03-01T10:05:00Z,ads\n\
        u2,visit,2024-03-02T09:00:00Z,blog\n\
        u2,visit,2024-03-03T09:00:00Z,blog\n\
        u3,signup,2024-03-03T11:00:00Z,blog\n";

    fn data(text: &str) -> Dataset {
        read_dataset(text.as_bytes(), Options::default()).unwrap()
    }

    fn spec(kind: Kind, options: &[(&str, &str)]) -> ChartSpec {
        let mut s = ChartSpec::new(kind);
        for (name, value) in options {
            s.set(name, value).unwrap();
        }
        s
    }

    #[test]
    fn options_become_the_funnel_a_user_asked_for() {
        let s = spec(Kind::Funnel, &[("steps", "visit, signup"), ("window", "1h"), ("order", "strict")]);
        let Chart::Funnel(r) = s.report(&data(LOG)).unwrap() else { panic!("a funnel") };
        let users: Vec<_> = r.steps.iter().map(|s| (s.event.as_str(), s.users)).collect();
        // u2 never signs up; u3 signs up without a visit.
        assert_eq!(users, [("visit", 2), ("signup", 1)]);
        assert_eq!(s.funnel.window_ms, 3_600_000);
    }

    #[test]
    fn options_become_the_trend_a_user_asked_for() {
        let s = spec(Kind::Trend, &[("events", "visit"), ("unique", ""), ("interval", "day")]);
        let Chart::Trend(r) = s.report(&data(LOG)).unwrap() else { panic!("a trend") };
        let values: Vec<f64> = r.series[0].values.clone();
        assert_eq!(values, [1.0, 1.0, 1.0], "one visitor each day, u2 counted once on the 2nd");
        assert!(s.trend.unique);
    }

    #[test]
    fn a_counted_table_needs_no_steps() {
        let s = spec(Kind::Funnel, &[]);
        let Chart::Funnel(r) = s.report(&data("step,count\nVisit,100\nBuy,20\n")).unwrap() else { panic!("a funnel") };
        assert_eq!(r.steps.iter().map(|s| s.users).collect::<Vec<_>>(), [100, 20]);
    }

    #[test]
    fn wrong_options_say_what_they_take() {
        let mut s = ChartSpec::new(Kind::Funnel);
        assert_eq!(s.set("interval", "day").unwrap_err(), "a funnel has no option \"interval\"");
        assert!(s.set("window", "soon").unwrap_err().contains("7d"));
        assert!(s.set("order", "sideways").unwrap_err().contains("sideways"));
        assert!(s.set("top", "0").is_err() && s.set("histogram", "3,1").is_err());
        let mut t = ChartSpec::new(Kind::Trend);
        assert!(t.set("unique", "maybe").unwrap_err().contains("true or false"));
        assert!(t.set("from", "yesterday").is_err());
        t.set("to", "2024-03-02").unwrap();
        assert_eq!(t.trend.to, Some(parse_datetime("2024-03-03", DateFormat::Iso).unwrap() - 1), "a date alone as `to` is the whole day");
    }

    #[test]
    fn data_that_cannot_answer_is_told_apart_from_wrong_options() {
        let no_steps = spec(Kind::Funnel, &[]);
        assert!(matches!(no_steps.report(&data(LOG)), Err(SpecError::Option(_))));
        let missing = spec(Kind::Trend, &[("user", "customer")]);
        let Err(SpecError::Data(message)) = missing.report(&data(LOG)) else { panic!("a data error") };
        assert!(message.contains("no column \"customer\"") && message.contains("user, event, time, channel"), "{message}");
    }
}
