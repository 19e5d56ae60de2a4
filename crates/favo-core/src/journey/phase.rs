//! Phases of a journey: the seven purchase phases of DOMAIN.md by default, as data.
//!
//! A default phase has a `key` and shows its name in the UI language until the user renames
//! it; a renamed or user-made phase has a `name` of its own.

use serde::{Deserialize, Serialize};

/// The two languages Favo speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    It,
}

impl Lang {
    /// The language for a BCP 47 tag such as a browser's `navigator.language` (`it-IT`).
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("it") {
            Lang::It
        } else {
            Lang::En
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhaseId(pub u32);

/// The seven purchase phases, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseKey {
    Awareness,
    Discovery,
    Interest,
    Consideration,
    Action,
    Usage,
    Advocacy,
}

impl PhaseKey {
    pub const ALL: [PhaseKey; 7] = [
        PhaseKey::Awareness,
        PhaseKey::Discovery,
        PhaseKey::Interest,
        PhaseKey::Consideration,
        PhaseKey::Action,
        PhaseKey::Usage,
        PhaseKey::Advocacy,
    ];

    /// The phase's name in DOMAIN.md's words.
    pub fn name(self, lang: Lang) -> &'static str {
        use PhaseKey::*;
        match (self, lang) {
            (Awareness, Lang::En) => "Awareness",
            (Awareness, Lang::It) => "Consapevolezza",
            (Discovery, Lang::En) => "Discovery",
            (Discovery, Lang::It) => "Scoperta",
            (Interest, Lang::En) => "Interest",
            (Interest, Lang::It) => "Interesse",
            (Consideration, Lang::En) => "Consideration",
            (Consideration, Lang::It) => "Riflessione",
            (Action, Lang::En) => "Action",
            (Action, Lang::It) => "Azione",
            (Usage, Lang::En) => "Usage",
            (Usage, Lang::It) => "Utilizzo",
            (Advocacy, Lang::En) => "Advocacy",
            (Advocacy, Lang::It) => "Pubblico sostegno",
        }
    }

    /// The moment of sale a phase belongs to: a touchpoint added to its cells starts there.
    pub fn moment(self) -> super::Moment {
        use super::Moment;
        match self {
            PhaseKey::Awareness | PhaseKey::Discovery | PhaseKey::Interest | PhaseKey::Consideration => Moment::PreSale,
            PhaseKey::Action => Moment::Sale,
            PhaseKey::Usage | PhaseKey::Advocacy => Moment::PostSale,
        }
    }

    /// Default fill: light enough for dark label text (contrast ≥ 7:1 with #1d1d1f), and
    /// told apart by hue around the wheel.
    pub fn color(self) -> &'static str {
        use PhaseKey::*;
        match self {
            Awareness => "#ffd6a5",
            Discovery => "#fdffb6",
            Interest => "#caffbf",
            Consideration => "#9bf6ff",
            Action => "#a0c4ff",
            Usage => "#bdb2ff",
            Advocacy => "#ffc6ff",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    pub id: PhaseId,
    /// Which default phase this is, if any.
    pub key: Option<PhaseKey>,
    /// The user's own name; `None` shows the default name in the UI language.
    pub name: Option<String>,
    /// CSS colour `#rrggbb`.
    pub color: String,
}

impl Phase {
    /// Fill of a cell that has no phase.
    pub const NO_PHASE_COLOR: &'static str = "#f4f4f5";
    /// Colours offered to phases the user adds, in turn; all light enough for dark text.
    pub const NEW_COLORS: [&'static str; 6] = ["#e8e8e8", "#ffe0e9", "#d8f3dc", "#fde4cf", "#e2ece9", "#f1e3f3"];

    /// The seven default phases, ids 1 to 7 in DOMAIN.md's order.
    pub fn defaults() -> Vec<Phase> {
        PhaseKey::ALL
            .iter()
            .zip(1..)
            .map(|(&key, id)| Phase { id: PhaseId(id), key: Some(key), name: None, color: key.color().to_owned() })
            .collect()
    }

    pub fn name(&self, lang: Lang) -> &str {
        match (&self.name, self.key) {
            (Some(name), _) => name,
            (None, Some(key)) => key.name(lang),
            (None, None) => "?",
        }
    }
}

/// Whether `s` is a CSS colour of the form `#rrggbb`, the only form files may carry
/// (anything else could smuggle CSS into a style).
pub fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_phases_follow_the_language_until_renamed() {
        let mut phases = Phase::defaults();
        assert_eq!(phases.len(), 7);
        assert_eq!(phases[6].name(Lang::It), "Pubblico sostegno");
        assert_eq!(phases[6].name(Lang::En), "Advocacy");
        phases[0].name = Some("Scoprirci".into());
        assert_eq!(phases[0].name(Lang::En), "Scoprirci");
    }

    #[test]
    fn browser_language_tags_pick_italian_or_english() {
        assert_eq!(Lang::from_tag("it-IT"), Lang::It);
        assert_eq!(Lang::from_tag("IT"), Lang::It);
        assert_eq!(Lang::from_tag("it_CH"), Lang::It);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn only_hex_colours_are_accepted() {
        assert!(is_hex_color("#A0c4ff"));
        assert!(!is_hex_color("red"));
        assert!(!is_hex_color("#fff"));
        assert!(!is_hex_color("#ffffff;background:url(x)"));
        assert!(PhaseKey::ALL.iter().all(|k| is_hex_color(k.color())));
        assert!(Phase::NEW_COLORS.iter().all(|c| is_hex_color(c)));
    }
}
