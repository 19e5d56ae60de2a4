//! Text from users and files made safe to draw, store and export: control characters
//! blanked, lengths bounded, scores kept in range. Applied on every load and every edit.

use super::{Channel, Persona, Touchpoint};

/// Longest label kept, in characters. Long labels are shortened where they are drawn, never
/// in the data; this bound only stops a hostile or broken file from storing megabytes.
pub const MAX_LABEL_CHARS: usize = 5000;

/// Cuts a label to [`MAX_LABEL_CHARS`] and replaces control characters, which would break
/// drawing and files, with spaces. Returns whether anything changed.
pub fn clean_label(label: &str) -> (String, bool) {
    let cleaned: String = label
        .chars()
        .take(MAX_LABEL_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let changed = cleaned != label;
    (cleaned, changed)
}

/// Keeps a touchpoint's text drawable and bounded, as labels are.
pub fn clean_touchpoint(mut t: Touchpoint) -> Touchpoint {
    t.name = clean_label(&t.name).0;
    t.owner = clean_label(&t.owner).0;
    t.event = t.event.map(|e| clean_label(&e).0);
    if let Channel::Other(name) = &t.channel {
        t.channel = Channel::Other(clean_label(name).0);
    }
    t.description = t
        .description
        .chars()
        .take(MAX_DESCRIPTION_CHARS)
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    t
}

/// Keeps a persona's text drawable and bounded, and its scores in range.
pub fn clean_persona(mut p: Persona) -> Persona {
    p.name = clean_label(&p.name).0;
    p.segment = clean_label(&p.segment).0;
    p.avatar = clean_label(&p.avatar).0.chars().take(8).collect();
    let text = |s: &str| -> String {
        s.chars().take(MAX_DESCRIPTION_CHARS).map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
    };
    p.goals = text(&p.goals);
    p.pains = text(&p.pains);
    for step in &mut p.path {
        step.as_is = step.as_is.clamp(-2, 2);
        step.to_be = step.to_be.clamp(-2, 2);
        step.note = clean_label(&step.note).0;
    }
    p
}

/// Longest touchpoint description kept, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 4000;


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cut_and_control_characters_blanked() {
        let (l, changed) = clean_label(&"x".repeat(MAX_LABEL_CHARS + 50));
        assert!(changed);
        assert_eq!(l.chars().count(), MAX_LABEL_CHARS);
        assert_eq!(clean_label("a\nb\u{7}c").0, "a b c");
        assert_eq!(clean_label("Caffè ☕ <b>").0, "Caffè ☕ <b>");
        assert!(!clean_label("Caffè").1);
    }
}
