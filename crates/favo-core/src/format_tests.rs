use super::*;
use crate::sample;
use crate::{Edit, Link};

fn err(text: &str) -> String {
    load(text.as_bytes()).unwrap_err().to_string()
}

#[test]
fn save_then_load_gives_back_the_same_map() {
    for lang in [crate::Lang::En, crate::Lang::It] {
        let journey = sample::journey(lang);
        for pretty in [false, true] {
            let loaded = load(to_json(&journey, pretty).as_bytes()).unwrap();
            assert_eq!(loaded.journey, journey);
            assert!(loaded.warnings.is_empty());
            assert_eq!(loaded.version, CURRENT_VERSION);
        }
    }
}

#[test]
fn labels_that_look_like_markup_survive_as_text() {
    let mut j = Journey::new("<script>alert(1)</script>");
    let id = j.next_id();
    j.apply(crate::Edit::Insert(vec![Activity::new(id, Cell::ORIGIN, "<img src=x onerror=alert(1)> \"&'", None)])).unwrap();
    let back = load(to_json(&j, false).as_bytes()).unwrap().journey;
    assert_eq!(back.title, "<script>alert(1)</script>");
    assert_eq!(back.get(id).unwrap().label, "<img src=x onerror=alert(1)> \"&'");
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(err("  \n"), "the file is empty");
}

#[test]
fn a_file_that_is_not_text_is_refused() {
    assert_eq!(
        load(b"{\"format\": \"favo\xff\"}").unwrap_err().to_string(),
        "not a Favo map: the file is not UTF-8 text (bad byte at offset 16)"
    );
}

#[test]
fn a_syntax_error_says_line_and_column() {
    assert_eq!(
        err("{\"format\": \"favo-map\",\n \"version\": 1,,\n}"),
        "not a Favo map: line 2, column 15: key must be a string"
    );
}

#[test]
fn a_truncated_file_says_so() {
    let full = to_json(&sample::journey(crate::Lang::En), true);
    let cut = &full[..full.len() / 2];
    let message = err(cut);
    assert!(message.starts_with("the file ends too early (line "), "{message}");
    assert!(message.ends_with("it looks truncated"), "{message}");
}

#[test]
fn json_that_is_not_a_map_is_refused() {
    assert_eq!(err("[1, 2]"), "not a Favo map: the file holds a list, not an object");
    assert_eq!(err("{\"cells\": []}"), "not a Favo map: it has no \"format\": \"favo-map\" field");
    assert_eq!(
        err("{\"format\": \"excalidraw\", \"version\": 2}"),
        "not a Favo map: \"format\" is \"excalidraw\", expected \"favo-map\""
    );
}

#[test]
fn a_bad_version_is_refused() {
    assert_eq!(err("{\"format\": \"favo-map\"}"), "\"version\" must be a whole number from 1, found nothing");
    assert_eq!(err("{\"format\": \"favo-map\", \"version\": \"1\"}"), "\"version\" must be a whole number from 1, found \"1\"");
    assert_eq!(err("{\"format\": \"favo-map\", \"version\": 0}"), "\"version\" must be a whole number from 1, found 0");
}

#[test]
fn a_file_from_a_newer_favo_is_refused() {
    let text = format!("{{\"format\": \"favo-map\", \"version\": {}}}", CURRENT_VERSION + 1);
    assert_eq!(
        err(&text),
        format!(
            "this map was saved by a newer Favo (file version {}; this Favo reads up to version {}): update Favo to open it",
            CURRENT_VERSION + 1,
            CURRENT_VERSION
        )
    );
}

#[test]
fn cells_that_are_not_a_list_are_refused() {
    assert_eq!(err("{\"format\": \"favo-map\", \"version\": 1, \"cells\": 3}"), "field \"cells\": expected a list, found a number");
}

#[test]
fn a_failing_migration_is_named() {
    fn fail(_: &mut Map<String, Value>) -> Result<(), String> {
        Err("no cells to upgrade".into())
    }
    let steps = [Migration { name: "SplitCells", up: fail }];
    let e = load_with(b"{\"format\": \"favo-map\", \"version\": 1}", &steps).unwrap_err();
    assert_eq!(e.to_string(), "could not upgrade the map from version 1 (SplitCells): no cells to upgrade");
}

#[test]
fn an_old_file_is_migrated_then_read() {
    fn rename(doc: &mut Map<String, Value>) -> Result<(), String> {
        let hexes = doc.remove("hexes").unwrap_or(Value::Array(vec![]));
        doc.insert("cells".into(), hexes);
        Ok(())
    }
    let steps = [Migration { name: "RenameHexes", up: rename }];
    let text = r#"{"format": "favo-map", "version": 1, "hexes": [{"id": 4, "q": 1, "r": 2, "label": "Old"}]}"#;
    let loaded = load_with(text.as_bytes(), &steps).unwrap();
    assert_eq!(loaded.version, 1);
    assert_eq!(loaded.journey.at(Cell::new(1, 2)).unwrap().label, "Old");
}

#[test]
fn one_broken_cell_is_dropped_with_a_warning_naming_its_line() {
    let text = "{\"format\": \"favo-map\", \"version\": 1, \"cells\": [\n\
        {\"id\": 1, \"q\": 0, \"r\": 0, \"label\": \"ok\"},\n\
        {\"id\": 2, \"r\": 1, \"label\": \"no q\"},\n\
        {\"id\": 3, \"q\": 0, \"r\": 0, \"label\": \"same cell\"},\n\
        {\"id\": 1, \"q\": 5, \"r\": 0, \"label\": \"same id\"},\n\
        {\"id\": 5, \"q\": 6, \"r\": 0, \"label\": \"bad phase\", \"phase\": 99}\n]}";
    let loaded = load(text.as_bytes()).unwrap();
    let j = &loaded.journey;
    assert_eq!(j.len(), 2);
    assert_eq!(j.at(Cell::ORIGIN).unwrap().label, "ok");
    assert_eq!(j.at(Cell::new(6, 0)).unwrap().phase, None);
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "line 3, cells[1]: missing field `q`; cell dropped",
            "line 4, cells[2]: cell (0, 0) is already taken by \"ok\"; cell dropped",
            "line 5, cells[3]: id 1 is used twice; cell dropped",
            "line 6, cells[4]: phase 99 does not exist; cell kept with no phase",
        ]
    );
}

#[test]
fn unknown_fields_are_tolerated() {
    let text = r#"{"format": "favo-map", "version": 1, "future": {"x": 1},
        "cells": [{"id": 1, "q": 0, "r": 0, "label": "a", "sparkle": true}]}"#;
    let loaded = load(text.as_bytes()).unwrap();
    assert_eq!(loaded.journey.len(), 1);
    assert!(loaded.warnings.is_empty());
}

#[test]
fn a_phase_colour_that_is_not_hex_is_replaced() {
    let text = r#"{"format": "favo-map", "version": 1, "phases": [
        {"id": 1, "key": "awareness", "color": "red;background:url(evil)"}]}"#;
    let loaded = load(text.as_bytes()).unwrap();
    assert_eq!(loaded.journey.phases()[0].color, PhaseKey::Awareness.color());
    assert_eq!(loaded.warnings.len(), 1);
}

#[test]
fn next_id_in_the_file_keeps_deleted_ids_retired() {
    let text = r#"{"format": "favo-map", "version": 1, "next_id": 40, "cells": [{"id": 3, "q": 0, "r": 0}]}"#;
    assert_eq!(load(text.as_bytes()).unwrap().journey.next_id(), ActivityId(40));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(to_json(&sample::journey(crate::Lang::En), false).bytes());
    assert!(load(&bytes).is_ok());
}

#[test]
fn no_input_makes_the_loader_panic() {
    // A cheap stand-in for fuzzing: every prefix of a real file, and every single-byte
    // corruption of a short one, must give a map or an error, never a panic.
    let full = to_json(&sample::journey(crate::Lang::It), true);
    for end in 0..full.len() {
        let _ = load(&full.as_bytes()[..end]);
    }
    let short = br#"{"format":"favo-map","version":1,"cells":[{"id":1,"q":0,"r":0,"label":"x","phase":1}]}"#;
    for i in 0..short.len() {
        for b in [b'"', b'{', b']', b'9', b'-', 0xff, b' '] {
            let mut bad = short.to_vec();
            bad[i] = b;
            let _ = load(&bad);
        }
    }
}

#[test]
fn one_broken_touchpoint_is_dropped_and_its_cell_kept() {
    let text = r#"{"format": "favo-map", "version": 2, "cells": [
        {"id": 1, "q": 0, "r": 0, "label": "a", "touchpoints": [
            {"id": 5, "name": "ok", "channel": "web", "moment": "sale"},
            {"id": 6, "name": "no moment", "channel": "web"},
            {"id": 5, "name": "same id", "channel": "web", "moment": "sale"}
        ]},
        {"id": 2, "q": 1, "r": 0, "label": "b", "touchpoints": [
            {"id": 1, "name": "id of a cell", "channel": "web", "moment": "sale"}
        ]}
    ]}"#;
    let loaded = load(text.as_bytes()).unwrap();
    let j = &loaded.journey;
    assert_eq!(j.len(), 2);
    assert_eq!(j.at(Cell::ORIGIN).unwrap().touchpoints.len(), 1);
    assert!(j.at(Cell::new(1, 0)).unwrap().touchpoints.is_empty());
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "line 2, cells[0]: touchpoints[1]: missing field `moment`; touchpoint dropped",
            "line 2, cells[0]: touchpoints[2]: id 5 is used twice; touchpoint dropped",
            "line 7, cells[1]: touchpoints[0]: id 1 is used twice; touchpoint dropped",
        ]
    );
    assert!(j.next_id().0 > 5, "new ids never collide with loaded touchpoints");
}

#[test]
fn touchpoint_text_is_cleaned_but_description_keeps_its_lines() {
    let text = "{\"format\": \"favo-map\", \"version\": 2, \"cells\": [{\"id\": 1, \"q\": 0, \"r\": 0,
        \"touchpoints\": [{\"id\": 2, \"name\": \"a\\u0007b\", \"channel\": \"web\", \"moment\": \"sale\",
        \"description\": \"one\\ntwo\\u0000\"}]}]}";
    let j = load(text.as_bytes()).unwrap().journey;
    let t = &j.at(Cell::ORIGIN).unwrap().touchpoints[0];
    assert_eq!(t.name, "a b");
    assert_eq!(t.description, "one\ntwo ");
}

#[test]
fn links_survive_save_and_load_and_bad_ones_are_dropped_with_their_line() {
    let mut j = sample::journey(crate::Lang::En);
    let ids: Vec<ActivityId> = j.activities().map(|a| a.id).take(3).collect();
    j.apply(Edit::Link(vec![Link { from: ids[0], to: ids[1] }, Link { from: ids[2], to: ids[0] }])).unwrap();
    assert_eq!(load(to_json(&j, true).as_bytes()).unwrap().journey, j);

    let text = r#"{"format": "favo-map", "version": 3,
"cells": [{"id": 1, "q": 0, "r": 0}, {"id": 2, "q": 1, "r": 0}],
"links": [
{"from": 1, "to": 2},
{"from": 1, "to": 9},
{"from": 2, "to": 2},
{"from": 1, "to": 2},
{"from": "x"}
]}"#;
    let loaded = load(text.as_bytes()).unwrap();
    assert_eq!(loaded.journey.links().count(), 1);
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "line 5, links[1]: cell 9 does not exist; link dropped",
            "line 6, links[2]: a link to itself or a second copy; link dropped",
            "line 7, links[3]: a link to itself or a second copy; link dropped",
            "line 8, links[4]: invalid type: string \"x\", expected u64; link dropped",
        ]
    );
}

#[test]
fn cluster_names_survive_save_and_load_and_orphans_are_dropped() {
    let mut j = sample::journey(crate::Lang::It);
    let id = j.activities().find(|a| a.label == "Pagamento").unwrap().id;
    j.apply(Edit::NameCluster(id, Some("Il percorso".into()))).unwrap();
    assert_eq!(load(to_json(&j, false).as_bytes()).unwrap().journey, j);
    let text = r#"{"format": "favo-map", "version": 4, "cells": [{"id": 1, "q": 0, "r": 0}],
        "clusters": [{"cell": 1, "name": "Inizio"}, {"cell": 7, "name": "Nowhere"}, {"cell": 1}]}"#;
    let loaded = load(text.as_bytes()).unwrap();
    assert_eq!(loaded.journey.cluster_name(ActivityId(1)), Some("Inizio"));
    assert_eq!(loaded.warnings.len(), 2);
}

#[test]
fn personas_survive_save_and_load_with_bad_ones_repaired_or_dropped() {
    let mut e = crate::Editor::new(sample::journey(crate::Lang::En));
    let p = e.add_persona("Giulia").unwrap();
    let cell = e.journey().activities().next().unwrap().id;
    e.append_step(p, cell).unwrap();
    assert_eq!(load(to_json(e.journey(), true).as_bytes()).unwrap().journey, *e.journey());

    let text = r##"{"format": "favo-map", "version": 5, "cells": [{"id": 1, "q": 0, "r": 0}],
        "personas": [
            {"id": 10, "name": "Ok", "color": "#123456", "path": [{"cell": 1, "as_is": 9, "to_be": -7}]},
            {"id": 11, "name": "Bad colour", "color": "url(x)"},
            {"id": 10, "name": "Same id", "color": "#123456"},
            {"name": "No id", "color": "#123456"}
        ]}"##;
    let loaded = load(text.as_bytes()).unwrap();
    let personas = loaded.journey.personas();
    assert_eq!(personas.len(), 2);
    assert_eq!((personas[0].path[0].as_is, personas[0].path[0].to_be), (2, -2), "scores are clamped");
    assert!(is_hex_color(&personas[1].color));
    assert_eq!(loaded.warnings.len(), 3);
    assert!(loaded.journey.next_id().0 > 11);
}
