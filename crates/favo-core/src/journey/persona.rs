//! Personas (DOMAIN.md): who walks the journey, their lifecycle stage, and the path they
//! take through the map's cells with how they feel at each step, as it is and as it should be.

use serde::{Deserialize, Serialize};

use super::{ActivityId, Lang};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonaId(pub u64);

/// The customer lifecycle (ciclo di vita del cliente).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    #[default]
    Potential,
    New,
    Acquired,
    Partner,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 4] = [Lifecycle::Potential, Lifecycle::New, Lifecycle::Acquired, Lifecycle::Partner];

    /// The key written to files (`acquired`), also used as a form value.
    pub fn key(self) -> &'static str {
        match self {
            Lifecycle::Potential => "potential",
            Lifecycle::New => "new",
            Lifecycle::Acquired => "acquired",
            Lifecycle::Partner => "partner",
        }
    }

    pub fn from_key(key: &str) -> Option<Lifecycle> {
        Lifecycle::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Lifecycle::Potential, Lang::En) => "Potential",
            (Lifecycle::Potential, Lang::It) => "Potenziale",
            (Lifecycle::New, Lang::En) => "New",
            (Lifecycle::New, Lang::It) => "Nuovo",
            (Lifecycle::Acquired, Lang::En) => "Acquired",
            (Lifecycle::Acquired, Lang::It) => "Acquisito",
            (Lifecycle::Partner, _) => "Partner",
        }
    }

    /// DOMAIN.md's help text: what we want, and what the customer needs.
    pub fn help(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Lifecycle::Potential, Lang::En) => "We want to be found and contacted; they need to find us, appreciate us, start trusting.",
            (Lifecycle::Potential, Lang::It) => "Vogliamo essere trovati e contattati; il cliente deve trovarci, apprezzarci, iniziare a fidarsi.",
            (Lifecycle::New, Lang::En) => "We want to be appreciated so they keep buying; they need to understand us quickly and confirm the choice.",
            (Lifecycle::New, Lang::It) => "Vogliamo essere apprezzati perché continui ad acquistare; il cliente deve capirci presto e confermare la scelta.",
            (Lifecycle::Acquired, Lang::En) => "We want them to buy more and recommend us; they need to grow with us and be known.",
            (Lifecycle::Acquired, Lang::It) => "Vogliamo che acquisti di più e ci raccomandi; il cliente vuole crescere con noi ed essere conosciuto.",
            (Lifecycle::Partner, Lang::En) => "We want advice and joint projects; they need a relationship at top-management level.",
            (Lifecycle::Partner, Lang::It) => "Vogliamo consigli e progetti comuni; il cliente cerca una relazione ai vertici.",
        }
    }
}

/// Emotion scores run from −2 (very negative) to +2 (very positive).
pub const EMOTION_RANGE: std::ops::RangeInclusive<i8> = -2..=2;

/// One step of a persona's path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Step {
    pub cell: ActivityId,
    /// How the persona feels here today.
    #[serde(default)]
    pub as_is: i8,
    /// How they should feel once the journey is improved.
    #[serde(default)]
    pub to_be: i8,
    #[serde(default)]
    pub note: String,
}

impl Step {
    pub fn new(cell: ActivityId) -> Step {
        Step { cell, as_is: 0, to_be: 0, note: String::new() }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    pub id: PersonaId,
    pub name: String,
    #[serde(default)]
    pub segment: String,
    #[serde(default)]
    pub stage: Lifecycle,
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub pains: String,
    /// `#rrggbb`, checked on load and edit.
    pub color: String,
    /// Initials or an emoji.
    #[serde(default)]
    pub avatar: String,
    #[serde(default)]
    pub path: Vec<Step>,
}

/// Colours given to new personas in turn: strong enough to read as a route over any phase.
pub const PERSONA_COLORS: [&str; 6] = ["#d1495b", "#00798c", "#edae49", "#30638e", "#7b2cbf", "#2a9d8f"];

impl Persona {
    /// The avatar to show: the user's, or initials from the name.
    pub fn initials(&self) -> String {
        if !self.avatar.trim().is_empty() {
            return self.avatar.trim().chars().take(3).collect();
        }
        self.name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect::<String>().to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_come_from_the_name_unless_an_avatar_is_given() {
        let mut p = Persona {
            id: PersonaId(1),
            name: "giulia rossi bianchi".into(),
            segment: String::new(),
            stage: Lifecycle::New,
            goals: String::new(),
            pains: String::new(),
            color: PERSONA_COLORS[0].into(),
            avatar: String::new(),
            path: vec![],
        };
        assert_eq!(p.initials(), "GR");
        p.avatar = "🧑‍🍳".into();
        assert_eq!(p.initials(), "🧑‍🍳");
    }

    #[test]
    fn stage_keys_are_the_names_in_files() {
        for s in Lifecycle::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.key());
            assert_eq!(Lifecycle::from_key(s.key()), Some(s));
        }
    }

    #[test]
    fn every_stage_has_help_in_both_languages() {
        for s in Lifecycle::ALL {
            assert!(s.help(Lang::En).len() > 20 && s.help(Lang::It).len() > 20);
        }
        assert_eq!(Lifecycle::Acquired.name(Lang::It), "Acquisito");
    }
}
