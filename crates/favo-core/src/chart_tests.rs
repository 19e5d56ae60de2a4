use plotters::prelude::*;

use super::*;

#[test]
fn colours_parse_from_the_file_form_only() {
    assert_eq!(rgb("#d1495B"), Some(RGBColor(0xd1, 0x49, 0x5b)));
    for bad in ["", "d1495b", "#d1495", "#d1495bb", "#zz495b", "#ä1495"] {
        assert_eq!(rgb(bad), None, "{bad}");
    }
    assert_eq!(
        mix(RGBColor(0, 100, 200), PAPER, 0.5),
        RGBColor(128, 178, 228)
    );
    assert_eq!(
        mix(RGBColor(0, 100, 200), PAPER, 0.0),
        RGBColor(0, 100, 200)
    );
}

#[test]
fn shorten_cuts_whole_characters_and_ends_with_an_ellipsis() {
    assert_eq!(shorten("Checkout", 8), "Checkout");
    assert_eq!(shorten("Consapevolezza", 6), "Consa…");
    assert_eq!(shorten("Perché è così", 7), "Perché…");
    assert_eq!(shorten("🧑‍🍳🧑‍🍳🧑‍🍳", 2).chars().count(), 2);
    assert_eq!(shorten("anything", 0), "…");
}
