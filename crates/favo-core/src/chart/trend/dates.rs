//! Periods as people read them: on the x axis ("5 Mar" over "2024", "14:00" over "5 Mar"),
//! in a tooltip ("Week of 4 Mar 2024") and in a table ("2024-03-04"), in English or Italian.

use crate::ingest::value::clock;
use crate::journey::Lang;
use crate::trend::Interval;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_IT: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];

/// A month's name, whole ("March", "marzo") or short ("Mar", "mar"); `month` from 1.
pub fn month_name(month: u32, short: bool, lang: Lang) -> String {
    let names = if lang == Lang::It {
        &MONTHS_IT
    } else {
        &MONTHS_EN
    };
    let name = names[(month.clamp(1, 12) - 1) as usize];
    if short {
        name.chars().take(3).collect()
    } else {
        name.to_string()
    }
}

/// "5 Mar" ("5 mar").
fn day_month(ms: i64, lang: Lang) -> String {
    let (_, m, d, ..) = clock(ms);
    format!("{d} {}", month_name(m, true, lang))
}

/// The label under a period on the x axis, on two lines; the second is drawn only where it
/// changes (a new year, or a new day for hours).
pub(crate) fn axis_label(interval: Interval, ms: i64, lang: Lang) -> (String, String) {
    let (y, m, _, h, mi, _) = clock(ms);
    match interval {
        Interval::Hour => (format!("{h:02}:{mi:02}"), day_month(ms, lang)),
        Interval::Day | Interval::Week => (day_month(ms, lang), y.to_string()),
        Interval::Month => (month_name(m, true, lang), y.to_string()),
    }
}

/// The period starting at `ms`, whole, for a tooltip: "5 Mar 2024, 14:00", "5 Mar 2024",
/// "Week of 4 Mar 2024", "March 2024" (Italian: "Settimana dal 4 mar 2024", "marzo 2024").
pub fn period_name(interval: Interval, ms: i64, lang: Lang) -> String {
    let (y, m, _, h, mi, _) = clock(ms);
    match (interval, lang) {
        (Interval::Hour, _) => format!("{} {y}, {h:02}:{mi:02}", day_month(ms, lang)),
        (Interval::Day, _) => format!("{} {y}", day_month(ms, lang)),
        (Interval::Week, Lang::En) => format!("Week of {} {y}", day_month(ms, lang)),
        (Interval::Week, Lang::It) => format!("Settimana dal {} {y}", day_month(ms, lang)),
        (Interval::Month, _) => format!("{} {y}", month_name(m, false, lang)),
    }
}

/// The period starting at `ms` in a table, as spreadsheets read dates in any language:
/// "2024-03-05 14:00", "2024-03-05", "2024-03" (a week by its Monday).
pub(crate) fn period_cell(interval: Interval, ms: i64) -> String {
    let (y, m, d, h, mi, _) = clock(ms);
    match interval {
        Interval::Hour => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}"),
        Interval::Day | Interval::Week => format!("{y:04}-{m:02}-{d:02}"),
        Interval::Month => format!("{y:04}-{m:02}"),
    }
}

/// The heading of the period column.
pub(crate) fn period_heading(interval: Interval, lang: Lang) -> &'static str {
    match (interval, lang) {
        (Interval::Hour, Lang::En) => "Hour",
        (Interval::Hour, Lang::It) => "Ora",
        (Interval::Day, Lang::En) => "Day",
        (Interval::Day, Lang::It) => "Giorno",
        (Interval::Week, Lang::En) => "Week starting",
        (Interval::Week, Lang::It) => "Settimana dal",
        (Interval::Month, Lang::En) => "Month",
        (Interval::Month, Lang::It) => "Mese",
    }
}
