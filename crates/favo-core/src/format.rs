//! The map file: a versioned JSON envelope `{"format": "favo-map", "version": N, …}`.
//!
//! Loading is forgiving where it can be and exact where it must be. A file that is not JSON,
//! not a Favo map, truncated or from a newer Favo is refused with a message that says where
//! and why. Inside a good envelope, one broken cell or phase is dropped with a warning that
//! names it (and its line), rather than losing the whole map. Unknown fields are ignored so
//! that older builds open newer-but-compatible files.

mod migrate;

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

pub use migrate::{migrate, Migration, CURRENT_VERSION, MIGRATIONS};

use crate::edit::{Edit, EditError};
use crate::grid::Cell;
use crate::journey::{
    clean_label, clean_persona, clean_touchpoint, is_hex_color, Activity, ActivityId, Journey, Link, Persona, Phase,
    PhaseId, PhaseKey, Touchpoint,
};

pub const FORMAT: &str = "favo-map";

/// Why a file could not be opened. The current map is never touched by a failed load.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Empty,
    NotText { byte: usize },
    Syntax { line: usize, column: usize, message: String },
    Truncated { line: usize, column: usize },
    NotAMap { found: String },
    BadVersion { found: String },
    TooNew { version: u64 },
    Migration { version: u64, name: &'static str, message: String },
    BadField { field: &'static str, message: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use LoadError::*;
        match self {
            Empty => write!(f, "the file is empty"),
            NotText { byte } => write!(f, "not a Favo map: the file is not UTF-8 text (bad byte at offset {byte})"),
            Syntax { line, column, message } => write!(f, "not a Favo map: line {line}, column {column}: {message}"),
            Truncated { line, column } => {
                write!(f, "the file ends too early (line {line}, column {column}): it looks truncated")
            }
            NotAMap { found } => write!(f, "not a Favo map: {found}"),
            BadVersion { found } => write!(f, "\"version\" must be a whole number from 1, found {found}"),
            TooNew { version } => write!(
                f,
                "this map was saved by a newer Favo (file version {version}; this Favo reads up to \
                 version {CURRENT_VERSION}): update Favo to open it"
            ),
            Migration { version, name, message } => {
                write!(f, "could not upgrade the map from version {version} ({name}): {message}")
            }
            BadField { field, message } => write!(f, "field \"{field}\": {message}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Something dropped or repaired while loading, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// `cells[3]` or `phases[0]`.
    pub place: String,
    /// 1-based line of the element in the file, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}, {}: {}", self.place, self.message),
            None => write!(f, "{}: {}", self.place, self.message),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub journey: Journey,
    /// The version the file was written in (before migration).
    pub version: u64,
    pub warnings: Vec<Warning>,
}

#[derive(Serialize, Deserialize)]
struct FilePhase {
    id: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<PhaseKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    color: String,
}

#[derive(Serialize, Deserialize)]
struct FileCell {
    id: u64,
    q: i32,
    r: i32,
    #[serde(default)]
    label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phase: Option<PhaseId>,
    /// Read one by one, so that one broken touchpoint does not lose its cell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    touchpoints: Vec<Value>,
}

#[derive(Serialize, Deserialize)]
struct FileLink {
    from: u64,
    to: u64,
}

#[derive(Serialize, Deserialize)]
struct FileClusterName {
    cell: u64,
    name: String,
}

#[derive(Serialize)]
struct FileMap<'a> {
    format: &'static str,
    version: u64,
    title: &'a str,
    next_id: u64,
    phases: Vec<FilePhase>,
    cells: Vec<FileCell>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<FileLink>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    clusters: Vec<FileClusterName>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    personas: &'a [Persona],
}

/// Serialises `journey` as a current-version map file.
pub fn to_json(journey: &Journey, pretty: bool) -> String {
    let file = FileMap {
        format: FORMAT,
        version: CURRENT_VERSION,
        title: &journey.title,
        next_id: journey.next_id().0,
        phases: journey
            .phases()
            .iter()
            .map(|p| FilePhase { id: p.id.0, key: p.key, name: p.name.clone(), color: p.color.clone() })
            .collect(),
        cells: journey
            .activities()
            .map(|a| FileCell {
                id: a.id.0,
                q: a.at.q,
                r: a.at.r,
                label: a.label.clone(),
                phase: a.phase,
                touchpoints: a.touchpoints.iter().map(|t| serde_json::to_value(t).expect("a touchpoint serialises")).collect(),
            })
            .collect(),
        links: journey.links().map(|l| FileLink { from: l.from.0, to: l.to.0 }).collect(),
        clusters: journey.cluster_names().map(|(id, name)| FileClusterName { cell: id.0, name: name.to_owned() }).collect(),
        personas: journey.personas(),
    };
    let out = if pretty { serde_json::to_string_pretty(&file) } else { serde_json::to_string(&file) };
    out.expect("a map always serialises")
}

/// Reads a map file of any supported version.
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_with(bytes, MIGRATIONS)
}

fn load_with(bytes: &[u8], migrations: &[Migration]) -> Result<Loaded, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::NotText { byte: e.valid_up_to() })?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        if e.is_eof() {
            LoadError::Truncated { line, column }
        } else {
            LoadError::Syntax { line, column, message: e.to_string().split(" at line").next().unwrap_or("").into() }
        }
    })?;
    let Value::Object(mut doc) = value else {
        return Err(LoadError::NotAMap { found: format!("the file holds {}, not an object", kind(&value)) });
    };
    match doc.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        Some(other) => {
            return Err(LoadError::NotAMap { found: format!("\"format\" is {other}, expected \"{FORMAT}\"") })
        }
        None => return Err(LoadError::NotAMap { found: format!("it has no \"format\": \"{FORMAT}\" field") }),
    }
    let version = match doc.get("version") {
        Some(v) => v.as_u64().filter(|&n| n >= 1).ok_or_else(|| LoadError::BadVersion { found: v.to_string() })?,
        None => return Err(LoadError::BadVersion { found: "nothing".into() }),
    };
    let current = 1 + migrations.len() as u64;
    if version > current {
        return Err(LoadError::TooNew { version });
    }
    migrate(&mut doc, version, migrations)
        .map_err(|(version, name, message)| LoadError::Migration { version, name, message })?;
    let lines = ElementLines::find(text);
    let mut warnings = Vec::new();
    let journey = read_journey(doc, &lines, &mut warnings)?;
    Ok(Loaded { journey, version, warnings })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn list(doc: &mut Map<String, Value>, field: &'static str) -> Result<Option<Vec<Value>>, LoadError> {
    match doc.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => Ok(Some(items)),
        Some(other) => Err(LoadError::BadField { field, message: format!("expected a list, found {}", kind(&other)) }),
    }
}

fn read_journey(
    mut doc: Map<String, Value>,
    lines: &ElementLines,
    warnings: &mut Vec<Warning>,
) -> Result<Journey, LoadError> {
    let mut warn = |field: &str, i: usize, line: Option<usize>, message: String| {
        warnings.push(Warning { place: format!("{field}[{i}]"), line, message })
    };
    let title = match doc.get("title") {
        Some(Value::String(s)) => clean_label(s).0,
        _ => String::new(),
    };
    let phases = match list(&mut doc, "phases")? {
        None => Phase::defaults(),
        Some(items) => {
            let mut phases: Vec<Phase> = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let line = lines.phases.get(i).copied();
                match serde_json::from_value::<FilePhase>(item) {
                    Err(e) => warn("phases", i, line, format!("{e}; phase dropped")),
                    Ok(p) if phases.iter().any(|q| q.id.0 == p.id) => {
                        warn("phases", i, line, format!("phase id {} is used twice; phase dropped", p.id))
                    }
                    Ok(p) => {
                        let color = if is_hex_color(&p.color) {
                            p.color
                        } else {
                            warn("phases", i, line, format!("colour {:?} is not #rrggbb; default used", p.color));
                            p.key.map_or(Phase::NO_PHASE_COLOR, |k| k.color()).to_owned()
                        };
                        let name = p.name.map(|n| clean_label(&n).0);
                        phases.push(Phase { id: PhaseId(p.id), key: p.key, name, color });
                    }
                }
            }
            phases
        }
    };
    let mut journey = Journey::with_phases(title, phases);
    let mut ids = HashSet::new();
    for (i, item) in list(&mut doc, "cells")?.unwrap_or_default().into_iter().enumerate() {
        let line = lines.cells.get(i).copied();
        let cell = match serde_json::from_value::<FileCell>(item) {
            Ok(c) => c,
            Err(e) => {
                warn("cells", i, line, format!("{e}; cell dropped"));
                continue;
            }
        };
        if !ids.insert(cell.id) {
            warn("cells", i, line, format!("id {} is used twice; cell dropped", cell.id));
            continue;
        }
        let at = Cell::new(cell.q, cell.r);
        if let Some(other) = journey.at(at) {
            let message = format!("cell ({}, {}) is already taken by \"{}\"; cell dropped", at.q, at.r, other.label);
            warn("cells", i, line, message);
            continue;
        }
        let (label, cut) = clean_label(&cell.label);
        if cut {
            warn("cells", i, line, "label had control characters or was too long; cleaned".into());
        }
        let phase = match cell.phase {
            Some(p) if journey.phase(p).is_none() => {
                warn("cells", i, line, format!("phase {} does not exist; cell kept with no phase", p.0));
                None
            }
            p => p,
        };
        let mut touchpoints = Vec::new();
        for (k, item) in cell.touchpoints.into_iter().enumerate() {
            match serde_json::from_value::<Touchpoint>(item) {
                Err(e) => warn("cells", i, line, format!("touchpoints[{k}]: {e}; touchpoint dropped")),
                Ok(t) if ids.contains(&t.id.0) => {
                    warn("cells", i, line, format!("touchpoints[{k}]: id {} is used twice; touchpoint dropped", t.id.0))
                }
                Ok(t) => {
                    ids.insert(t.id.0);
                    touchpoints.push(clean_touchpoint(t));
                }
            }
        }
        let activity = Activity { id: ActivityId(cell.id), at, label, phase, touchpoints };
        journey.insert(activity).expect("checked: free cell, fresh id");
    }
    for (i, item) in list(&mut doc, "links")?.unwrap_or_default().into_iter().enumerate() {
        let line = lines.links.get(i).copied();
        let link = match serde_json::from_value::<FileLink>(item) {
            Ok(l) => Link { from: ActivityId(l.from), to: ActivityId(l.to) },
            Err(e) => {
                warn("links", i, line, format!("{e}; link dropped"));
                continue;
            }
        };
        match journey.validate(&Edit::Link(vec![link])) {
            Ok(()) => journey.push_link(link),
            Err(EditError::Missing(id)) => warn("links", i, line, format!("cell {} does not exist; link dropped", id.0)),
            Err(_) => warn("links", i, line, "a link to itself or a second copy; link dropped".into()),
        }
    }
    for (i, item) in list(&mut doc, "clusters")?.unwrap_or_default().into_iter().enumerate() {
        match serde_json::from_value::<FileClusterName>(item) {
            Err(e) => warn("clusters", i, None, format!("{e}; name dropped")),
            Ok(c) => match journey.validate(&Edit::NameCluster(ActivityId(c.cell), Some(c.name.clone()))) {
                Ok(()) => {
                    journey.set_cluster_name(ActivityId(c.cell), Some(clean_label(&c.name).0));
                }
                Err(_) => warn("clusters", i, None, format!("cell {} does not exist or the name is empty; name dropped", c.cell)),
            },
        }
    }
    let mut personas: Vec<Persona> = Vec::new();
    for (i, item) in list(&mut doc, "personas")?.unwrap_or_default().into_iter().enumerate() {
        match serde_json::from_value::<Persona>(item) {
            Err(e) => warn("personas", i, None, format!("{e}; persona dropped")),
            Ok(p) if personas.iter().any(|q| q.id == p.id) => {
                warn("personas", i, None, format!("id {} is used twice; persona dropped", p.id.0))
            }
            Ok(mut p) => {
                if !is_hex_color(&p.color) {
                    warn("personas", i, None, format!("colour {:?} is not #rrggbb; default used", p.color));
                    p.color = crate::journey::PERSONA_COLORS[i % crate::journey::PERSONA_COLORS.len()].to_owned();
                }
                personas.push(clean_persona(p));
            }
        }
    }
    if !personas.is_empty() {
        journey.apply(Edit::SetPersonas(personas)).expect("checked: unique ids, hex colours, clamped scores");
    }
    if let Some(next) = doc.get("next_id").and_then(Value::as_u64) {
        journey.reserve_ids_from(next);
    }
    Ok(journey)
}

/// Line numbers of each element of `cells` and `phases`, for warnings. Best effort: when the
/// file's shape does not allow it, warnings simply carry no line.
#[derive(Default)]
struct ElementLines {
    cells: Vec<usize>,
    phases: Vec<usize>,
    links: Vec<usize>,
}

impl ElementLines {
    fn find(text: &str) -> ElementLines {
        #[derive(Deserialize)]
        struct Spans<'a> {
            #[serde(borrow, default)]
            cells: Option<Vec<&'a RawValue>>,
            #[serde(borrow, default)]
            phases: Option<Vec<&'a RawValue>>,
            #[serde(borrow, default)]
            links: Option<Vec<&'a RawValue>>,
        }
        let Ok(spans) = serde_json::from_str::<Spans>(text) else { return ElementLines::default() };
        // Newline offsets once, then a binary search per element: counting from the start
        // for each element made loading a 10,000-cell map quadratic (1.1 s).
        let newlines: Vec<usize> = text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i).collect();
        let line_of = |raw: &&RawValue| {
            let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            1 + newlines.partition_point(|&n| n < offset)
        };
        ElementLines {
            cells: spans.cells.unwrap_or_default().iter().map(line_of).collect(),
            phases: spans.phases.unwrap_or_default().iter().map(line_of).collect(),
            links: spans.links.unwrap_or_default().iter().map(line_of).collect(),
        }
    }
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
