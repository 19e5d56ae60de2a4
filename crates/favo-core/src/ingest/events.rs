//! From a dataset to an event log: the columns playing the user, event and time roles
//! (guessed from their names and types, or chosen by the caller), stored compactly —
//! users and event names dictionary-encoded, times as i64 milliseconds — and sorted by user
//! then time, which is what funnels read.

use super::dataset::{Codes, Column, Data, MISSING_TIME};
use super::infer::Kind;
use super::stream::Dataset;
use crate::funnel::Event;

/// Which columns play the roles of an event log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Roles {
    pub user: usize,
    pub event: usize,
    pub time: usize,
}

/// Header words for each role, English and Italian, most telling first.
const USER_WORDS: [&str; 9] = ["user_id", "userid", "user", "utente", "customer", "cliente", "distinct_id", "visitor", "id"];
const EVENT_WORDS: [&str; 6] = ["event", "evento", "event_name", "action", "azione", "name"];
const TIME_WORDS: [&str; 8] = ["timestamp", "time", "datetime", "data", "date", "ora", "created_at", "ts"];

/// The first column named by one of `words` (most telling first; case, spaces and dashes
/// aside) for which `fits` holds.
pub(crate) fn find(headers: &[String], words: &[&str], fits: impl Fn(usize) -> bool) -> Option<usize> {
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
    /// Builds the log from a dataset's user, event and time columns. Rows without a user,
    /// an event or a time are left out (unreadable times were reported when the file was
    /// read). Event ids are the event column's dictionary codes.
    ///
    /// Exports come sorted by user (then nothing moves) or by time; either way the order is
    /// one stable sort by time (a single pass when the file is in time order) and a counting
    /// sort by user, which is stable, so linear in the rows.
    pub fn from_dataset(data: &Dataset, roles: Roles) -> EventLog {
        let column = |i: usize| data.columns.get(i);
        let (Some(user), Some(event), Some(time)) = (column(roles.user), column(roles.event), column(roles.time)) else {
            return EventLog::default();
        };
        let (Data::DateTime(times) | Data::Integer(times)) = &time.data else { return EventLog::default() };
        let (users, user_codes) = Keys::of(user);
        let (names, name_codes) = Keys::of(event);
        let blank = |dict: &[String]| dict.iter().position(String::is_empty).map_or(u32::MAX, |i| i as u32);
        let (no_user, no_event) = (blank(&users), blank(&names));
        let (user_of, name_of) = (|r: u32| user_codes.get(r as usize), |r: u32| name_codes.get(r as usize));
        let mut source: Vec<u32> = (0..data.rows.min(times.len()) as u32)
            .filter(|&r| {
                let user = user_of(r);
                times[r as usize] != MISSING_TIME && user != no_user && (user as usize) < users.len() && name_of(r) != no_event
            })
            .collect();
        let key = |r: u32| (user_of(r), times[r as usize], name_of(r));
        if !source.windows(2).all(|w| key(w[0]) <= key(w[1])) {
            // Stable, so rows at one time keep the file's order; a file sorted by time (the
            // other common export) is one pass. Ties are put in name order below.
            source.sort_by_key(|&r| times[r as usize]);
            let mut starts = vec![0u32; users.len() + 1];
            for &r in &source {
                starts[user_of(r) as usize + 1] += 1;
            }
            for u in 1..starts.len() {
                starts[u] += starts[u - 1];
            }
            let mut by_user = vec![0u32; source.len()];
            for &r in &source {
                let slot = &mut starts[user_of(r) as usize];
                by_user[*slot as usize] = r;
                *slot += 1;
            }
            source = by_user;
            // Rows of one user at one moment, by event name then row: the order a sort by
            // (user, time, name, row) gives, whatever the file's order.
            for tie in source.chunk_by_mut(|&a, &b| user_of(a) == user_of(b) && times[a as usize] == times[b as usize]) {
                if tie.len() > 1 {
                    tie.sort_unstable_by_key(|&r| (name_of(r), r));
                }
            }
        }
        let rows = source.iter().map(|&r| (user_of(r), Event { time: times[r as usize], name: name_of(r) })).collect();
        EventLog { users, names, rows, source }
    }

    /// A dataset column for a breakdown: its values (dictionary) and each log row's id.
    pub fn values_of(&self, data: &Dataset, column: usize) -> (Vec<String>, Vec<u32>) {
        let Some(column) = data.columns.get(column) else { return (vec![String::new()], vec![0; self.rows.len()]) };
        let (dict, codes) = column.dictionary();
        let per_row = self.source.iter().map(|&r| codes.get(r as usize).copied().unwrap_or(0)).collect();
        (dict, per_row)
    }

    /// How many users have at least one event.
    pub fn user_count(&self) -> usize {
        self.rows.chunk_by(|a, b| a.0 == b.0).count()
    }

    /// The id of an event name.
    pub fn name_id(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).map(|i| i as u32)
    }
}

/// A column's dictionary codes, borrowed when it is text (no copy of ten million codes),
/// made when it is not (a numeric user id).
enum Keys<'a> {
    Borrowed(&'a Codes),
    Owned(Vec<u32>),
}

impl<'a> Keys<'a> {
    fn of(column: &'a Column) -> (Vec<String>, Keys<'a>) {
        match &column.data {
            Data::Text { dict, codes } => (dict.clone(), Keys::Borrowed(codes)),
            _ => {
                let (dict, codes) = column.dictionary();
                (dict, Keys::Owned(codes))
            }
        }
    }

    fn get(&self, row: usize) -> u32 {
        match self {
            Keys::Borrowed(codes) => codes.get(row).unwrap_or(u32::MAX),
            Keys::Owned(codes) => codes.get(row).copied().unwrap_or(u32::MAX),
        }
    }
}
