//! The touchpoint checklist (DOMAIN.md): every touchpoint of the map grouped by moment of
//! sale, filtered by channel, owner or status, and exported as CSV that is safe to open in a
//! spreadsheet.
//!
//! Quoting follows RFC 4180 (the `csv` crate). Formula escaping is ours, because no crate
//! does it: a field that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
//! `@`, tab or CR) gets a leading `'`, unless it is a plain number such as `-5`.

use std::borrow::Cow;

use crate::journey::{Activity, Channel, Journey, Lang, Moment, Status, Touchpoint};

/// Which touchpoints to list; `None` lets everything through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub channel: Option<Channel>,
    pub owner: Option<String>,
    pub status: Option<Status>,
}

impl Filter {
    fn admits(&self, t: &Touchpoint) -> bool {
        self.channel.as_ref().is_none_or(|c| *c == t.channel)
            && self.owner.as_ref().is_none_or(|o| *o == t.owner)
            && self.status.is_none_or(|s| s == t.status)
    }
}

/// The touchpoints that pass `filter`, pre-sale first, then sale, then post-sale; in map
/// order within a moment.
pub fn rows<'a>(journey: &'a Journey, filter: &Filter) -> Vec<(&'a Activity, &'a Touchpoint)> {
    let mut rows: Vec<_> = journey.touchpoints().filter(|(_, t)| filter.admits(t)).collect();
    rows.sort_by_key(|(_, t)| t.moment);
    rows
}

/// Whether `field` is a plain number (`-5`, `+3.25`, `1,5`) that a spreadsheet should read as
/// a number, not text.
fn is_plain_number(field: &str) -> bool {
    let digits = field.strip_prefix(['-', '+']).unwrap_or(field);
    let (whole, fraction) = digits.split_once(['.', ',']).unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// The field as a spreadsheet will show it, never run it.
pub fn formula_safe(field: &str) -> Cow<'_, str> {
    let risky = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(field) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

fn header(lang: Lang) -> [&'static str; 10] {
    match lang {
        Lang::En => ["Moment", "Cell", "Phase", "Touchpoint", "Channel", "Online", "Owner", "Status", "Event", "Description"],
        Lang::It => [
            "Momento", "Cella", "Fase", "Punto di contatto", "Canale", "Online", "Responsabile", "Stato", "Evento",
            "Descrizione",
        ],
    }
}

/// The checklist as CSV. Italian spreadsheets expect `;` as the delimiter, English ones `,`.
pub fn to_csv(journey: &Journey, filter: &Filter, lang: Lang, delimiter: u8) -> String {
    let mut out = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
    let yes_no = |b: bool| match (b, lang) {
        (true, Lang::It) => "sì",
        (true, Lang::En) => "yes",
        (false, _) => "no",
    };
    // Writing to a Vec cannot fail.
    out.write_record(header(lang)).expect("writing to memory");
    for (activity, t) in rows(journey, filter) {
        let phase = activity.phase.and_then(|p| journey.phase(p)).map_or("", |p| p.name(lang));
        let record = [
            t.moment.name(lang),
            &activity.label,
            phase,
            &t.name,
            t.channel.name(lang),
            yes_no(t.online),
            &t.owner,
            t.status.name(lang),
            t.event.as_deref().unwrap_or(""),
            &t.description,
        ];
        out.write_record(record.iter().map(|f| formula_safe(f).into_owned())).expect("writing to memory");
    }
    String::from_utf8(out.into_inner().expect("writing to memory")).expect("fields are UTF-8")
}

/// Moments in the order a checklist lists them, with their touchpoints.
pub fn by_moment<'a>(journey: &'a Journey, filter: &Filter) -> Vec<(Moment, Vec<(&'a Activity, &'a Touchpoint)>)> {
    let rows = rows(journey, filter);
    Moment::ALL
        .into_iter()
        .map(|m| (m, rows.iter().filter(|(_, t)| t.moment == m).copied().collect()))
        .collect()
}

#[cfg(test)]
#[path = "checklist_tests.rs"]
mod tests;
