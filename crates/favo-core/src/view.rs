//! What a read-only look at a map needs besides the scene: the persona and phase a reader
//! names (by text, in either language, as the embed's attributes give them), and the
//! details shown when hovering a cell.

use crate::journey::{Activity, Journey, Lang, PhaseKey};
use crate::scene::routes::Filter;

/// Text compared the way a person means it: trimmed, case and accents as written.
fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The filter named by a persona's name and a phase's key (`awareness` … `advocacy`) or
/// name in English or Italian. An empty name is no filter; an unknown one is an error that
/// lists what the map has, so a typo in a page is found at once.
pub fn filter_named(journey: &Journey, persona: Option<&str>, phase: Option<&str>) -> Result<Filter, String> {
    let persona = match persona.filter(|p| !p.trim().is_empty()) {
        None => None,
        Some(name) => match journey.personas().iter().find(|p| same(&p.name, name)) {
            Some(p) => Some(p.id),
            None => {
                let names: Vec<&str> = journey.personas().iter().map(|p| p.name.as_str()).collect();
                return Err(format!("no persona \"{name}\" in this map (it has: {})", none_if_empty(&names)));
            }
        },
    };
    let phase = match phase.filter(|p| !p.trim().is_empty()) {
        None => None,
        Some(name) => {
            let named = |key: Option<PhaseKey>| key.is_some_and(|k| [format!("{k:?}").as_str(), k.name(Lang::En), k.name(Lang::It)].iter().any(|n| same(n, name)));
            match journey.phases().iter().find(|p| named(p.key) || p.name.as_deref().is_some_and(|n| same(n, name))) {
                Some(p) => Some(p.id),
                None => {
                    let names: Vec<&str> = journey.phases().iter().map(|p| p.name(Lang::En)).collect();
                    return Err(format!("no phase \"{name}\" in this map (it has: {})", none_if_empty(&names)));
                }
            }
        }
    };
    Ok(Filter { persona, phase })
}

fn none_if_empty(names: &[&str]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// The lines shown when hovering a cell: its label, its phase, its touchpoints and the
/// personas whose path goes through it.
pub fn details(journey: &Journey, activity: &Activity, lang: Lang) -> Vec<String> {
    let mut lines = vec![activity.label.clone()];
    if let Some(phase) = activity.phase.and_then(|id| journey.phase(id)) {
        lines.push(phase.name(lang).to_owned());
    }
    lines.extend(activity.touchpoints.iter().map(|t| format!("• {} ({}, {})", t.name, t.channel.name(lang), t.moment.name(lang))));
    let personas: Vec<&str> = journey.personas().iter().filter(|p| p.path.iter().any(|s| s.cell == activity.id)).map(|p| p.name.as_str()).collect();
    if !personas.is_empty() {
        lines.push(personas.join(", "));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sample, Editor};

    fn sample_with_persona() -> Journey {
        let mut e = Editor::new(sample::journey(Lang::En));
        let giulia = e.add_persona("Giulia").unwrap();
        let checkout = e.journey().activities().find(|a| a.label == "Checkout").unwrap().id;
        e.append_step(giulia, checkout).unwrap();
        e.journey().clone()
    }

    #[test]
    fn phases_are_named_by_key_or_by_name_in_either_language() {
        let j = sample::journey(Lang::En);
        let action = j.phases().iter().find(|p| p.key == Some(PhaseKey::Action)).unwrap().id;
        for name in ["action", "Action", " AZIONE "] {
            assert_eq!(filter_named(&j, None, Some(name)).unwrap().phase, Some(action), "{name}");
        }
        let err = filter_named(&j, None, Some("checkout")).unwrap_err();
        assert!(err.contains("no phase \"checkout\"") && err.contains("Awareness"), "{err}");
        assert_eq!(filter_named(&j, Some(""), Some(" ")).unwrap(), Filter::default());
    }

    #[test]
    fn personas_are_named_by_name_and_an_unknown_one_lists_the_map_s() {
        let j = sample_with_persona();
        assert_eq!(filter_named(&j, Some("giulia"), None).unwrap().persona, Some(j.personas()[0].id));
        let err = filter_named(&j, Some("Marco"), None).unwrap_err();
        assert!(err.contains("Marco") && err.contains("Giulia"), "{err}");
    }

    #[test]
    fn hover_details_name_the_cell_its_phase_touchpoints_and_personas() {
        let j = sample_with_persona();
        let checkout = j.activities().find(|a| a.label == "Checkout").unwrap();
        let lines = details(&j, checkout, Lang::It);
        assert_eq!(lines[0], "Checkout");
        assert_eq!(lines[1], "Azione");
        assert_eq!(lines.len(), 2 + checkout.touchpoints.len() + 1);
        assert!(lines[2].starts_with("• ") && lines.last().unwrap() == "Giulia", "{lines:?}");
    }
}
