//! Every version of the map format has a fixture file, and every fixture still opens.

use std::path::PathBuf;

use favo_core::format::{load, CURRENT_VERSION};
use favo_core::{Cell, Channel, Lang, Moment, Status};

fn fixture(version: u64) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/map-v{version}.json"))
}

#[test]
fn every_format_version_has_a_fixture_that_loads_cleanly() {
    for version in 1..=CURRENT_VERSION {
        let path = fixture(version);
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|_| panic!("format version {version} needs a fixture at {}", path.display()));
        let loaded = load(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(loaded.version, version);
        assert!(loaded.warnings.is_empty(), "{}: {:?}", path.display(), loaded.warnings);
        assert!(!loaded.journey.is_empty(), "a fixture should hold cells");
    }
}

#[test]
fn version_1_fixture_reads_as_written() {
    let loaded = load(&std::fs::read(fixture(1)).unwrap()).unwrap();
    let j = loaded.journey;
    assert_eq!(j.title, "Onboarding workshop");
    assert_eq!(j.len(), 3);
    let centre = j.at(Cell::ORIGIN).unwrap();
    assert_eq!(centre.label, "Cliente");
    assert_eq!(centre.phase, None);
    let checkout = j.at(Cell::new(1, -1)).unwrap();
    assert_eq!(checkout.label, "Checkout <fast>");
    assert_eq!(j.phase(checkout.phase.unwrap()).unwrap().name(Lang::It), "Azione");
    assert_eq!(j.phases()[1].name(Lang::En), "Finding us", "a renamed phase keeps its name");
}

#[test]
fn version_2_fixture_reads_touchpoints_as_written() {
    let j = load(&std::fs::read(fixture(2)).unwrap()).unwrap().journey;
    let checkout = j.at(Cell::new(1, 0)).unwrap();
    assert_eq!(checkout.touchpoints.len(), 2);
    let page = &checkout.touchpoints[0];
    assert_eq!((page.name.as_str(), &page.channel, page.online), ("Pagina di pagamento", &Channel::Web, true));
    assert_eq!((page.moment, page.status), (Moment::Sale, Status::Ok));
    assert_eq!(page.description, "Prezzi come annunciati.\nNessuna sorpresa.");
    assert_eq!(page.event.as_deref(), Some("checkout_completed"));
    let odd = &checkout.touchpoints[1];
    assert_eq!(odd.name, "=HYPERLINK(\"x\")", "text that looks like a formula is kept as written");
    assert_eq!(odd.channel, Channel::Other("WhatsApp".into()));
    assert_eq!(j.touchpoints().count(), 3);
}

#[test]
fn a_version_1_map_opens_after_migration_with_no_touchpoints() {
    let loaded = load(&std::fs::read(fixture(1)).unwrap()).unwrap();
    assert_eq!(loaded.version, 1);
    assert!(loaded.journey.activities().all(|a| a.touchpoints.is_empty()));
}

#[test]
fn version_3_fixture_reads_its_circular_links() {
    let j = load(&std::fs::read(fixture(3)).unwrap()).unwrap().journey;
    let pairs: Vec<(u64, u64)> = j.links().map(|l| (l.from.0, l.to.0)).collect();
    assert_eq!(pairs, [(1, 2), (2, 3), (3, 1)]);
}

#[test]
fn older_fixtures_open_with_no_links() {
    for version in [1, 2] {
        assert_eq!(load(&std::fs::read(fixture(version)).unwrap()).unwrap().journey.links().count(), 0);
    }
}

#[test]
fn version_4_fixture_names_the_cluster_of_its_anchor() {
    let j = load(&std::fs::read(fixture(4)).unwrap()).unwrap().journey;
    let clusters = favo_core::cluster::clusters(&j);
    let names: Vec<(usize, Option<&str>)> = clusters.iter().map(|c| (c.cells.len(), c.name.as_deref())).collect();
    assert_eq!(names, [(2, Some("Farsi conoscere")), (1, None)]);
}

#[test]
fn version_5_fixture_reads_a_persona_and_her_path() {
    let j = load(&std::fs::read(fixture(5)).unwrap()).unwrap().journey;
    let giulia = &j.personas()[0];
    assert_eq!((giulia.name.as_str(), giulia.stage, giulia.initials()), ("Giulia", favo_core::Lifecycle::New, "G".to_owned()));
    let feelings: Vec<(i8, i8)> = giulia.path.iter().map(|s| (s.as_is, s.to_be)).collect();
    assert_eq!(feelings, [(1, 2), (-2, 1), (0, 2)]);
    assert_eq!(j.walk(giulia).map(|(_, a)| a.label.as_str()).collect::<Vec<_>>(), ["Post social", "Webinar", "Pagamento"]);
}
