//! Parsers for one cell: numbers and date-times as people type them in spreadsheets.
//!
//! Each parser takes the *format* explicitly (decimal separator, date order), because a cell
//! alone cannot tell `1.234` (one thousand…) from `1.234` (one point two…): [`super::infer`]
//! decides the format from a whole column and the caller can override it. Nothing here
//! allocates more than a short buffer, and nothing panics: any input yields `None`.
//!
//! Hand-written rather than chrono: the core ships to the browser as wasm and these few
//! formats do not justify the size. Date-times become `i64` milliseconds since the Unix
//! epoch, UTC, which is how columns are stored.

use std::fmt;

/// How a file writes numbers: `1,234.56` is `{ decimal: '.', thousands: Some(',') }`,
/// the Italian `1.234,56` is `{ decimal: ',', thousands: Some('.') }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NumberFormat {
    /// `.` or `,`.
    pub decimal: char,
    /// `.`, `,`, space, no-break space or `'`; `None` allows no grouping at all.
    pub thousands: Option<char>,
}

impl NumberFormat {
    /// `1,234.56` (English, and most programs).
    pub const DOT: NumberFormat = NumberFormat { decimal: '.', thousands: Some(',') };
    /// `1.234,56` (Italian, German, Spanish… Excel exports in those locales).
    pub const COMMA: NumberFormat = NumberFormat { decimal: ',', thousands: Some('.') };
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat::DOT
    }
}

/// Symbols a spreadsheet may print around a number; they are stripped, not interpreted.
const AFFIXES: [char; 4] = ['€', '$', '£', '%'];

/// Parses a number written in format `f`, or `None` if `s` is not one.
///
/// Accepted: surrounding whitespace; a sign (`+`, `-` or the typographic minus `−`); one
/// currency or percent symbol before or after (`€ 12,00`, `12,5 %`, `-€5`). A percent is
/// kept as written (`12,5 %` is `12.5`, not `0.125`): the column shows what the user typed.
/// Thousands separators only between groups of exactly three digits in the integer part
/// (`1.234.567,8` yes, `1.2345,6` and `12,5,0` no); an exponent (`1e3`).
///
/// Rejected: non-finite results (`NaN`, `inf`, `1e309`), so that sums over a column stay
/// finite. `-0` gives `-0.0`, which compares equal to `0.0`.
pub fn parse_number(s: &str, f: NumberFormat) -> Option<f64> {
    let (sign_before, rest) = strip_sign(s.trim());
    let (symbol_before, rest) = strip_affix_start(rest);
    let (sign_after, rest) = if sign_before.is_none() && symbol_before { strip_sign(rest) } else { (None, rest) };
    let rest = if symbol_before { rest } else { strip_affix_end(rest) };
    let negative = sign_before.or(sign_after).unwrap_or(false);

    let mut ascii = String::with_capacity(rest.len() + 2);
    if negative {
        ascii.push('-');
    }
    normalise_body(rest, f, &mut ascii)?;
    let value: f64 = ascii.parse().ok()?;
    value.is_finite().then_some(value)
}

/// Parses a whole number with an optional sign and no separators (`-42`, `+7`, `007`).
pub fn parse_integer(s: &str) -> Option<i64> {
    let (sign, digits) = strip_sign(s.trim());
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude: i64 = digits.parse().ok()?;
    if sign == Some(true) {
        Some(-magnitude)
    } else {
        Some(magnitude)
    }
}

/// Parses a yes/no cell in English or Italian (`true`, `yes`, `vero`, `sì`, … any case).
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "true" | "yes" | "vero" | "sì" | "si" => Some(true),
        "false" | "no" | "falso" => Some(false),
        _ => None,
    }
}

/// `Some(true)` for a minus, `Some(false)` for a plus, and the rest.
fn strip_sign(s: &str) -> (Option<bool>, &str) {
    let mut chars = s.chars();
    let sign = match chars.next() {
        Some('+') => false,
        Some('-' | '\u{2212}') => true,
        _ => return (None, s),
    };
    (Some(sign), chars.as_str().trim_start())
}

fn strip_affix_start(s: &str) -> (bool, &str) {
    match s.strip_prefix(AFFIXES) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    }
}

fn strip_affix_end(s: &str) -> &str {
    s.strip_suffix(AFFIXES).map_or(s, str::trim_end)
}

/// Writes `body` (no sign, no symbol) to `out` as Rust's float syntax, checking grouping.
fn normalise_body(body: &str, f: NumberFormat, out: &mut String) -> Option<()> {
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (integer, fraction) = match mantissa.split_once(f.decimal) {
        Some((i, fr)) => (i, Some(fr)),
        None => (mantissa, None),
    };
    match f.thousands.filter(|&t| t != f.decimal && integer.contains(t)) {
        Some(t) => {
            for (index, group) in integer.split(t).enumerate() {
                let ok = if index == 0 { (1..=3).contains(&group.len()) } else { group.len() == 3 };
                if !ok || !all_digits(group) {
                    return None;
                }
                out.push_str(group);
            }
        }
        None if all_digits(integer) => out.push_str(integer),
        None => return None,
    }
    if let Some(fraction) = fraction {
        // `5,` is a typo more often than a number; `,5` is common enough to accept.
        if fraction.is_empty() || !all_digits(fraction) {
            return None;
        }
        out.push('.');
        out.push_str(fraction);
    } else if integer.is_empty() {
        return None;
    }
    if let Some(exponent) = exponent {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if digits.is_empty() || !all_digits(digits) {
            return None;
        }
        out.push('e');
        out.push_str(exponent);
    }
    Some(())
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// How a file writes date-times. [`parse_datetime`] documents each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateFormat {
    /// ISO 8601: `2024-03-05`, `2024-03-05T14:30`, `2024-03-05 14:30:00.250+01:00`.
    Iso,
    /// Day first: `05/03/2024`, `5-3-2024 9:05`, `05.03.24 14:30:00`.
    Dmy { sep: char },
    /// Month first (US): `03/05/2024`.
    Mdy { sep: char },
    /// Whole seconds since 1970-01-01T00:00Z.
    UnixSeconds,
    /// Whole milliseconds since 1970-01-01T00:00Z.
    UnixMillis,
}

impl fmt::Display for DateFormat {
    /// The pattern as users read it, for error messages: `dd/mm/yyyy`.
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateFormat::Iso => write!(out, "yyyy-mm-dd"),
            DateFormat::Dmy { sep } => write!(out, "dd{sep}mm{sep}yyyy"),
            DateFormat::Mdy { sep } => write!(out, "mm{sep}dd{sep}yyyy"),
            DateFormat::UnixSeconds => write!(out, "unix seconds"),
            DateFormat::UnixMillis => write!(out, "unix milliseconds"),
        }
    }
}

const MS_PER_DAY: i64 = 86_400_000;

/// Parses a date-time written in format `f` into milliseconds since the Unix epoch, UTC.
///
/// A time is optional (midnight). With an offset (`Z`, `+01:00`, `+0100`, `+01`; ISO only)
/// the instant is converted to UTC; without one it is taken as written, i.e. as UTC wall
/// time, so a naive `14:30` stays `14:30` whatever the reader's time zone.
/// Calendar dates are validated (`2024-02-30`, `31/04/2024`, `29/02/2023` are `None`);
/// seconds go to 59 (no leap seconds). Fractional seconds beyond milliseconds are dropped.
/// Two-digit years (day/month formats only) follow POSIX `%y`: `00`–`68` are 2000–2068,
/// `69`–`99` are 1969–1999.
pub fn parse_datetime(s: &str, f: DateFormat) -> Option<i64> {
    fixed_layout(s.as_bytes(), f).unwrap_or_else(|| general(s, f))
}

/// [`parse_datetime`] for any layout, one part at a time.
fn general(s: &str, f: DateFormat) -> Option<i64> {
    let mut scan = Scan { rest: s.trim() };
    let millis = match f {
        DateFormat::Iso => iso(&mut scan)?,
        DateFormat::Dmy { sep } => day_month(&mut scan, sep, true)?,
        DateFormat::Mdy { sep } => day_month(&mut scan, sep, false)?,
        DateFormat::UnixSeconds => parse_integer(scan.rest)?.checked_mul(1000)?,
        DateFormat::UnixMillis => parse_integer(scan.rest)?,
    };
    match f {
        DateFormat::UnixSeconds | DateFormat::UnixMillis => Some(millis),
        _ => scan.rest.is_empty().then_some(millis),
    }
}

/// The number written in `n` ASCII digits at `at`, if they are all digits.
#[inline]
fn digits_at(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let field = b.get(at..at + n)?;
    let mut value = 0;
    for &d in field {
        let digit = d.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value * 10 + u32::from(digit);
    }
    Some(value)
}

/// The layouts machines write — `2024-03-05T14:30:00Z`, `2024-03-05 14:30:00`,
/// `05/03/2024 14:30:00`, and their dates alone — read by position, which is what a
/// million-row export needs. `None` means "not one of these": the general parser decides.
/// Gives exactly what the general parser gives (a test compares them), and works on bytes
/// as written: anything else (blanks around, malformed UTF-8) is "not one of these".
pub(super) fn fixed_layout(b: &[u8], f: DateFormat) -> Option<Option<i64>> {
    let digits = |at: usize, n: usize| digits_at(b, at, n);
    let (year, month, day, time_at) = match f {
        DateFormat::Iso if matches!(b.len(), 10 | 19 | 20) && b[4] == b'-' && b[7] == b'-' => {
            (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?, 10)
        }
        DateFormat::Dmy { sep } | DateFormat::Mdy { sep }
            if sep.is_ascii() && matches!(b.len(), 10 | 19) && b[2] == sep as u8 && b[5] == sep as u8 =>
        {
            let (first, second) = (digits(0, 2)?, digits(3, 2)?);
            let (day, month) = if matches!(f, DateFormat::Dmy { .. }) { (first, second) } else { (second, first) };
            (digits(6, 4)?, month, day, 10)
        }
        _ => return None,
    };
    let date = || date_millis(year as i32, month, day);
    match (b.len() - time_at, f) {
        (0, _) => Some(date()),
        (9, _) | (10, DateFormat::Iso) => {
            let separator_ok = match f {
                DateFormat::Iso => matches!(b[10], b'T' | b't' | b' '),
                _ => b[10] == b' ',
            };
            let zulu = b.len() == 20;
            if !separator_ok || b[13] != b':' || b[16] != b':' || (zulu && !matches!(b[19], b'Z' | b'z')) {
                return None;
            }
            let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
            if hour > 23 || minute > 59 || second > 59 {
                return Some(None);
            }
            Some(date().map(|d| d + ((i64::from(hour) * 60 + i64::from(minute)) * 60 + i64::from(second)) * 1000))
        }
        _ => None,
    }
}

fn iso(scan: &mut Scan<'_>) -> Option<i64> {
    let year = scan.number(4, 4)?;
    scan.eat('-').then_some(())?;
    let month = scan.number(2, 2)?;
    scan.eat('-').then_some(())?;
    let day = scan.number(2, 2)?;
    let date = date_millis(year as i32, month, day)?;
    if scan.rest.is_empty() {
        return Some(date);
    }
    if !(scan.eat('T') || scan.eat('t') || scan.eat(' ')) {
        return None;
    }
    let time = time_millis(scan, 2)?;
    let offset = if scan.eat('Z') || scan.eat('z') {
        0
    } else if scan.eat('+') {
        offset_millis(scan)?
    } else if scan.eat('-') || scan.eat('\u{2212}') {
        -offset_millis(scan)?
    } else {
        0
    };
    Some(date + time - offset)
}

fn day_month(scan: &mut Scan<'_>, sep: char, day_first: bool) -> Option<i64> {
    let first = scan.number(1, 2)?;
    scan.eat(sep).then_some(())?;
    let second = scan.number(1, 2)?;
    scan.eat(sep).then_some(())?;
    let before = scan.rest.len();
    let year = scan.number(2, 4)?;
    let year = match before - scan.rest.len() {
        4 => year as i32,
        2 if year < 69 => 2000 + year as i32,
        2 => 1900 + year as i32,
        _ => return None,
    };
    let (day, month) = if day_first { (first, second) } else { (second, first) };
    let date = date_millis(year, month, day)?;
    if scan.rest.is_empty() {
        return Some(date);
    }
    scan.eat(' ').then_some(())?;
    while scan.eat(' ') {}
    Some(date + time_millis(scan, 1)?)
}

/// `hh:mm[:ss[.fff]]`; hours may have one digit when `min_hour_digits` is 1.
fn time_millis(scan: &mut Scan<'_>, min_hour_digits: usize) -> Option<i64> {
    let hour = scan.number(min_hour_digits, 2)?;
    scan.eat(':').then_some(())?;
    let minute = scan.number(2, 2)?;
    let second = if scan.eat(':') { scan.number(2, 2)? } else { 0 };
    let mut millis = 0;
    if scan.eat('.') || scan.eat(',') {
        let before = scan.rest.len();
        let digits = scan.rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        for (place, b) in scan.rest.bytes().take(3).take_while(u8::is_ascii_digit).enumerate() {
            millis += i64::from(b - b'0') * [100, 10, 1][place];
        }
        scan.rest = &scan.rest[digits.min(before)..];
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(((i64::from(hour) * 60 + i64::from(minute)) * 60 + i64::from(second)) * 1000 + millis)
}

/// `hh`, `hh:mm` or `hhmm` after the sign, as milliseconds.
fn offset_millis(scan: &mut Scan<'_>) -> Option<i64> {
    let hours = scan.number(2, 2)?;
    let minutes = if scan.rest.is_empty() {
        0
    } else {
        scan.eat(':');
        scan.number(2, 2)?
    };
    (hours <= 23 && minutes <= 59).then(|| (i64::from(hours) * 60 + i64::from(minutes)) * 60_000)
}

fn date_millis(year: i32, month: u32, day: u32) -> Option<i64> {
    is_valid_date(year, month, day).then(|| days_from_civil(year, month, day) * MS_PER_DAY)
}

/// Whether `year` has a 29 February (proleptic Gregorian calendar).
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Whether `year-month-day` exists in the calendar.
pub fn is_valid_date(year: i32, month: u32, day: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Days from 1970-01-01 to `year-month-day` (negative before), proleptic Gregorian.
///
/// Howard Hinnant's `days_from_civil`: counts in 400-year eras from a year starting in
/// March, so the leap day falls at the end. Meant for valid dates (see [`is_valid_date`]);
/// other input gives a meaningless number but never panics (the arithmetic is in `i64`).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// (year, month, day) of a day counted from 1970-01-01 (Howard Hinnant's civil_from_days).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// (year, month, day, hour, minute, second) of a UTC time in ms since the epoch.
pub fn clock(ms: i64) -> (i64, u32, u32, i64, i64, i64) {
    let (days, rest) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000) / 1000);
    let (y, m, d) = civil_from_days(days);
    (y, m, d, rest / 3600, rest / 60 % 60, rest % 60)
}

/// A UTC time as ISO 8601: `2024-03-05T14:30:00Z`.
pub fn format_iso(ms: i64) -> String {
    let (y, m, d, h, mi, s) = clock(ms);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// A cursor over the text; it only advances over ASCII digits or whole chars.
struct Scan<'a> {
    rest: &'a str,
}

impl Scan<'_> {
    /// Between `min` and `max` ASCII digits, as a number.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let count = self.rest.bytes().take(max).take_while(u8::is_ascii_digit).count();
        if count < min {
            return None;
        }
        // At most `max` (≤ 4) digits: no overflow.
        let value = self.rest.bytes().take(count).fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        self.rest = &self.rest[count..];
        Some(value)
    }

    fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
#[path = "value_tests.rs"]
mod tests;
