use super::*;
use crate::{Cell, Edit, TouchpointId};

fn tp(id: u64, name: &str, channel: Channel, moment: Moment, owner: &str, status: Status) -> Touchpoint {
    Touchpoint {
        id: TouchpointId(id),
        name: name.into(),
        channel,
        online: false,
        moment,
        owner: owner.into(),
        description: String::new(),
        status,
        event: None,
    }
}

/// Two cells with touchpoints in every moment, some with hostile names.
fn map() -> Journey {
    let mut j = Journey::new("t");
    let action = j.phases()[4].id;
    j.apply(Edit::Insert(vec![
        Activity::new(crate::ActivityId(1), Cell::new(0, 0), "Checkout", Some(action)),
        Activity::new(crate::ActivityId(2), Cell::new(1, 0), "=cmd|' /C calc'!A0", None),
    ]))
    .unwrap();
    j.apply(Edit::SetTouchpoints(
        crate::ActivityId(1),
        vec![
            tp(10, "Receipt email", Channel::Email, Moment::PostSale, "CRM", Status::Ok),
            tp(11, "Payment page", Channel::Web, Moment::Sale, "E-commerce", Status::Missing),
        ],
    ))
    .unwrap();
    j.apply(Edit::SetTouchpoints(
        crate::ActivityId(2),
        vec![
            tp(12, "@SUM(1+1)", Channel::Advertising, Moment::PreSale, "-5", Status::ToReview),
            Touchpoint {
                description: "first line\nsecond; line".into(),
                ..tp(13, "Banner, \"big\"", Channel::Other("Billboard".into()), Moment::PreSale, "+39 02", Status::Ok)
            },
        ],
    ))
    .unwrap();
    j
}

fn parse(csv_text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).delimiter(delimiter).from_reader(csv_text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[test]
fn the_checklist_is_grouped_by_moment_of_sale() {
    let j = map();
    let names: Vec<&str> = rows(&j, &Filter::default()).iter().map(|(_, t)| t.name.as_str()).collect();
    assert_eq!(names, ["@SUM(1+1)", "Banner, \"big\"", "Payment page", "Receipt email"]);
    let groups = by_moment(&j, &Filter::default());
    assert_eq!(groups.iter().map(|(m, rows)| (*m, rows.len())).collect::<Vec<_>>(), [
        (Moment::PreSale, 2),
        (Moment::Sale, 1),
        (Moment::PostSale, 1)
    ]);
}

#[test]
fn filters_by_channel_owner_and_status() {
    let j = map();
    let names = |f: Filter| rows(&j, &f).iter().map(|(_, t)| t.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(Filter { channel: Some(Channel::Web), ..Filter::default() }), ["Payment page"]);
    assert_eq!(names(Filter { owner: Some("CRM".into()), ..Filter::default() }), ["Receipt email"]);
    assert_eq!(names(Filter { status: Some(Status::Ok), ..Filter::default() }), ["Banner, \"big\"", "Receipt email"]);
    assert_eq!(names(Filter { channel: Some(Channel::Other("Billboard".into())), ..Filter::default() }).len(), 1);
}

#[test]
fn formulas_are_escaped_and_plain_numbers_are_not() {
    for risky in ["=1+1", "+A1", "-A1", "@SUM(A1)", "\tx", "\rx", "-", "+", "=", "-5-5", "--5"] {
        assert_eq!(formula_safe(risky), format!("'{risky}"), "{risky:?}");
    }
    for plain in ["-5", "+3.25", "-1,5", "42", "Checkout", "", "a=b", "5-"] {
        assert_eq!(formula_safe(plain), plain, "{plain:?}");
    }
}

#[test]
fn the_csv_round_trips_through_a_strict_reader_with_formulas_defused() {
    let j = map();
    for (lang, delimiter) in [(Lang::En, b','), (Lang::It, b';')] {
        let text = to_csv(&j, &Filter::default(), lang, delimiter);
        let table = parse(&text, delimiter);
        assert_eq!(table.len(), 5, "header and four touchpoints");
        assert!(table.iter().all(|row| row.len() == 10));
        let first = &table[1];
        assert_eq!(first[1], "'=cmd|' /C calc'!A0", "a cell label that is a formula is escaped");
        assert_eq!(first[3], "'@SUM(1+1)");
        assert_eq!(first[6], "-5", "a plain number stays a number");
        let second = &table[2];
        assert_eq!(second[3], "Banner, \"big\"", "quotes and delimiters survive");
        assert_eq!(second[9], "first line\nsecond; line", "so do newlines");
        assert_eq!(second[6], "'+39 02", "a phone number starting with + is not a formula");
        assert_eq!(second[4], "Billboard");
    }
}

#[test]
fn the_csv_speaks_the_users_language() {
    let j = map();
    let it = parse(&to_csv(&j, &Filter::default(), Lang::It, b';'), b';');
    assert_eq!(it[0][0], "Momento");
    assert_eq!(it[1][0], "Pre-vendita");
    assert_eq!(it[3][2], "Azione");
    assert_eq!(it[3][7], "Mancante");
    let en = parse(&to_csv(&j, &Filter::default(), Lang::En, b','), b',');
    assert_eq!(en[3][2], "Action");
    assert_eq!(en[3][7], "Missing");
}

#[test]
fn every_field_starts_safely_in_the_raw_text() {
    // Independent of the csv reader: no line of the raw file starts a field with a formula
    // character after the delimiter or a quote.
    let text = to_csv(&map(), &Filter::default(), Lang::En, b',');
    for field_start in text.split([',', '\n']).map(|f| f.trim_start_matches('"')) {
        assert!(!field_start.starts_with(['=', '+', '@']) || field_start.starts_with("'"), "{field_start:?}");
    }
}
