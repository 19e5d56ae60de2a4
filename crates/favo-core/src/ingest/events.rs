//! From a raw table to an event log: the columns playing the user, event and time roles
//! (guessed from their names and types, or chosen by the caller), stored compactly —
//! users and event names dictionary-encoded, times as i64 milliseconds — and sorted by user
//! then time, which is what funnels read.

use std::collections::HashMap;

use super::infer::{self, CellError, Kind, TypedColumn};
use super::raw::RawTable;
use crate::funnel::Event;

/// Which columns play the roles of an event log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Roles {
    pub user: usize,
    pub event: usize,
    pub time: usize,
}

/// Header words for each role, English and Italian, most telling first.
const USER_WORDS: [&str; 9] = ["user_id", "userid", "user", "utente", "customer", "cliente", "distinct_id", "visitor", "id"];
const EVENT_WORDS: [&str; 6] = ["event", "evento", "event_name", "action", "azione", "name"];
const TIME_WORDS: [&str; 8] = ["timestamp", "time", "datetime", "data", "date", "ora", "created_at", "ts"];

fn find(headers: &[String], words: &[&str], fits: impl Fn(usize) -> bool) -> Option<usize> {
    let norm = |h: &str| h.trim().to_lowercase().replace([' ', '-'], "_");
    words.iter().find_map(|w| headers.iter().position(|h| norm(h) == *w).filter(|&i| fits(i)))
}

/// Guesses the roles from the header names (and, for time, from a column that reads as
/// date-times). `kinds` are the inferred kinds of the columns.
pub fn guess_roles(headers: &[String], kinds: &[Kind]) -> Option<Roles> {
    let is_time = |i: usize| matches!(kinds.get(i), Some(Kind::DateTime(_)));
    let time = find(headers, &TIME_WORDS, is_time).or_else(|| kinds.iter().position(|k| matches!(k, Kind::DateTime(_))))?;
    let user = find(headers, &USER_WORDS, |i| i != time)?;
    let event = find(headers, &EVENT_WORDS, |i| i != time && i != user)?;
    Some(Roles { user, event, time })
}

/// The dictionary index of `key`, added if new.
fn intern<'a>(map: &mut HashMap<&'a str, u32>, dict: &mut Vec<String>, key: &'a str) -> u32 {
    *map.entry(key).or_insert_with(|| {
        dict.push(key.to_owned());
        (dict.len() - 1) as u32
    })
}

/// An event log: per row a user and an event, sorted by user then time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventLog {
    /// User ids as written, by dictionary index.
    pub users: Vec<String>,
    /// Event names, by dictionary index (the ids in [`Event::name`]).
    pub names: Vec<String>,
    pub rows: Vec<(u32, Event)>,
    /// The raw table's row of each log row, to read other columns (breakdowns) later.
    pub source: Vec<u32>,
}

impl EventLog {
    /// Builds the log. Rows without a user, an event or a readable time are left out; the
    /// unreadable times are returned as errors that say where.
    pub fn build(raw: &RawTable, roles: Roles, time_kind: Kind) -> (EventLog, Vec<CellError>) {
        let headers = raw.headers();
        let name = |i: usize| headers.get(i).cloned().unwrap_or_default();
        let (times, errors) = infer::convert(raw.column(roles.time), time_kind, &name(roles.time), 1);
        let times: Vec<Option<i64>> = match times {
            TypedColumn::DateTime(t) | TypedColumn::Integer(t) => t,
            _ => vec![None; raw.len()],
        };
        let mut log = EventLog::default();
        let (mut user_ids, mut name_ids) = (HashMap::<&str, u32>::new(), HashMap::<&str, u32>::new());
        let mut rows: Vec<(u32, Event, u32)> = Vec::with_capacity(raw.len());
        for (row, time) in times.iter().enumerate() {
            let (user, event) = (raw.cell(row, roles.user).trim(), raw.cell(row, roles.event).trim());
            let Some(time) = *time else { continue };
            if user.is_empty() || event.is_empty() {
                continue;
            }
            let user = intern(&mut user_ids, &mut log.users, user);
            let name = intern(&mut name_ids, &mut log.names, event);
            rows.push((user, Event { time, name }, row as u32));
        }
        rows.sort_unstable_by_key(|(u, e, row)| (*u, e.time, e.name, *row));
        log.source = rows.iter().map(|r| r.2).collect();
        log.rows = rows.into_iter().map(|(u, e, _)| (u, e)).collect();
        (log, errors)
    }

    /// A property column for a breakdown: its values (dictionary) and each log row's id;
    /// an empty cell is the value "".
    pub fn property(&self, raw: &RawTable, column: usize) -> (Vec<String>, Vec<u32>) {
        let (mut ids, mut dict) = (HashMap::<&str, u32>::new(), Vec::new());
        let per_row = self.source.iter().map(|&r| intern(&mut ids, &mut dict, raw.cell(r as usize, column).trim())).collect();
        (dict, per_row)
    }

    /// The id of an event name.
    pub fn name_id(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).map(|i| i as u32)
    }
}
