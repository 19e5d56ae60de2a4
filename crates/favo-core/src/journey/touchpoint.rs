//! Touchpoints (punti di contatto): every situation in which the company presents itself,
//! acts or communicates, attached to the cell of the journey where it happens (DOMAIN.md).

use serde::{Deserialize, Serialize};

use super::Lang;

/// Stable identity of a touchpoint within its map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TouchpointId(pub u64);

/// Where a touchpoint happens: DOMAIN.md's catalogue, or the user's own channel.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    Web,
    Social,
    Email,
    Blog,
    Pr,
    Events,
    Advertising,
    Trial,
    Store,
    SalesStaff,
    CallCenter,
    Packaging,
    Reviews,
    Survey,
    CustomerService,
    Loyalty,
    /// A channel the user named; never one of the catalogue's keys.
    Other(String),
}

impl Channel {
    pub const CATALOGUE: [Channel; 16] = [
        Channel::Web,
        Channel::Social,
        Channel::Email,
        Channel::Blog,
        Channel::Pr,
        Channel::Events,
        Channel::Advertising,
        Channel::Trial,
        Channel::Store,
        Channel::SalesStaff,
        Channel::CallCenter,
        Channel::Packaging,
        Channel::Reviews,
        Channel::Survey,
        Channel::CustomerService,
        Channel::Loyalty,
    ];

    /// The key written to files (`call_center`), or the user's own name.
    pub fn key(&self) -> &str {
        use Channel::*;
        match self {
            Web => "web",
            Social => "social",
            Email => "email",
            Blog => "blog",
            Pr => "pr",
            Events => "events",
            Advertising => "advertising",
            Trial => "trial",
            Store => "store",
            SalesStaff => "sales_staff",
            CallCenter => "call_center",
            Packaging => "packaging",
            Reviews => "reviews",
            Survey => "survey",
            CustomerService => "customer_service",
            Loyalty => "loyalty",
            Other(name) => name,
        }
    }

    /// A catalogue channel for its key, or the user's own channel for anything else.
    pub fn from_key(key: &str) -> Channel {
        Channel::CATALOGUE.into_iter().find(|c| c.key() == key).unwrap_or_else(|| Channel::Other(key.to_owned()))
    }

    pub fn name(&self, lang: Lang) -> &str {
        use Channel::*;
        let (en, it) = match self {
            Web => ("Web", "Web"),
            Social => ("Social", "Social"),
            Email => ("Email", "Email"),
            Blog => ("Blog", "Blog"),
            Pr => ("PR", "PR"),
            Events => ("Events", "Eventi"),
            Advertising => ("Advertising", "Pubblicità"),
            Trial => ("Trial", "Prova"),
            Store => ("Store", "Punto vendita"),
            SalesStaff => ("Sales staff", "Personale di vendita"),
            CallCenter => ("Call center", "Call center"),
            Packaging => ("Packaging", "Confezione"),
            Reviews => ("Reviews", "Recensioni"),
            Survey => ("Survey", "Questionario"),
            CustomerService => ("Customer service", "Assistenza clienti"),
            Loyalty => ("Loyalty", "Fidelizzazione"),
            Other(name) => return name,
        };
        if lang == Lang::It {
            it
        } else {
            en
        }
    }
}

impl Serialize for Channel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Channel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Channel, D::Error> {
        Ok(Channel::from_key(&String::deserialize(d)?))
    }
}

/// The moment of sale a touchpoint belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    PreSale,
    Sale,
    PostSale,
}

impl Moment {
    pub const ALL: [Moment; 3] = [Moment::PreSale, Moment::Sale, Moment::PostSale];

    /// The key written to files (`pre_sale`), also used as a form value.
    pub fn key(self) -> &'static str {
        match self {
            Moment::PreSale => "pre_sale",
            Moment::Sale => "sale",
            Moment::PostSale => "post_sale",
        }
    }

    pub fn from_key(key: &str) -> Option<Moment> {
        Moment::ALL.into_iter().find(|m| m.key() == key)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Moment::PreSale, Lang::En) => "Pre-sale",
            (Moment::PreSale, Lang::It) => "Pre-vendita",
            (Moment::Sale, Lang::En) => "Sale",
            (Moment::Sale, Lang::It) => "Vendita",
            (Moment::PostSale, Lang::En) => "Post-sale",
            (Moment::PostSale, Lang::It) => "Post-vendita",
        }
    }
}

/// Where the touchpoint stands on the team's checklist. Ordered from best to worst, so the
/// worst of a cell is the maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    #[default]
    ToReview,
    Missing,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Ok, Status::ToReview, Status::Missing];

    /// The key written to files (`to_review`), also used as a form value.
    pub fn key(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::ToReview => "to_review",
            Status::Missing => "missing",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Ok, _) => "OK",
            (Status::ToReview, Lang::En) => "To review",
            (Status::ToReview, Lang::It) => "Da rivedere",
            (Status::Missing, Lang::En) => "Missing",
            (Status::Missing, Lang::It) => "Mancante",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Touchpoint {
    pub id: TouchpointId,
    pub name: String,
    pub channel: Channel,
    /// Online (true) or offline.
    #[serde(default)]
    pub online: bool,
    pub moment: Moment,
    /// The department that owns it.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub status: Status,
    /// The event name that measures it in uploaded data (the charts issue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_keys_round_trip_and_unknown_keys_are_the_users_own() {
        for c in Channel::CATALOGUE {
            assert_eq!(Channel::from_key(c.key()), c);
        }
        assert_eq!(Channel::from_key("WhatsApp"), Channel::Other("WhatsApp".into()));
        assert_eq!(Channel::Other("WhatsApp".into()).name(Lang::It), "WhatsApp");
        assert_eq!(Channel::CustomerService.name(Lang::It), "Assistenza clienti");
    }

    #[test]
    fn keys_are_the_names_in_files() {
        for s in Status::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.key());
            assert_eq!(Status::from_key(s.key()), Some(s));
        }
        for m in Moment::ALL {
            assert_eq!(serde_json::to_value(m).unwrap(), m.key());
            assert_eq!(Moment::from_key(m.key()), Some(m));
        }
        assert_eq!(Status::from_key("done"), None);
    }

    #[test]
    fn the_worst_status_is_the_greatest() {
        assert_eq!([Status::Ok, Status::Missing, Status::ToReview].into_iter().max(), Some(Status::Missing));
    }

    #[test]
    fn a_touchpoint_reads_back_from_json_with_defaults() {
        let tp: Touchpoint =
            serde_json::from_str(r#"{"id": 3, "name": "Newsletter", "channel": "email", "moment": "post_sale"}"#).unwrap();
        assert_eq!(tp.channel, Channel::Email);
        assert_eq!(tp.status, Status::ToReview);
        assert!(!tp.online && tp.owner.is_empty() && tp.event.is_none());
        let back: Touchpoint = serde_json::from_str(&serde_json::to_string(&tp).unwrap()).unwrap();
        assert_eq!(back, tp);
    }
}
