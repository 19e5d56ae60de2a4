//! Built-in maps: the sample a new user opens on, and large maps for benchmarks.

use crate::grid::Cell;
use crate::journey::{Activity, ActivityId, Channel, Journey, Lang, Moment, PhaseKey, Status, Touchpoint};
use crate::Edit;

/// Activities suggested by DOMAIN.md for each phase, in English and Italian.
fn activities(key: PhaseKey) -> [(&'static str, &'static str); 3] {
    use PhaseKey::*;
    match key {
        Awareness => [("Social post", "Post social"), ("PR article", "Articolo PR"), ("Event", "Evento")],
        Discovery => [("Blog article", "Articolo del blog"), ("Review site", "Sito di recensioni"), ("Influencer", "Influencer")],
        Interest => [("Brochure", "Brochure"), ("Webinar", "Webinar"), ("Comparison", "Confronto")],
        Consideration => [("Live chat", "Chat dal vivo"), ("Case study", "Caso di studio"), ("Call back", "Richiamata")],
        Action => [("Checkout", "Pagamento"), ("Store visit", "Visita in negozio"), ("Order confirmation", "Conferma d'ordine")],
        Usage => [("Follow-up call", "Chiamata di follow-up"), ("Product registration", "Registrazione prodotto"), ("Satisfaction survey", "Questionario di soddisfazione")],
        Advocacy => [("Review", "Recensione"), ("Referral", "Passaparola"), ("Community", "Community")],
    }
}

/// The touchpoint of each phase that the sample data measures: the English label of the
/// activity it belongs to, its name in English and Italian, its channel and moment of sale,
/// and its event, one of `favo generate`'s steps (`synth::STEPS`), so the sample log in
/// `public/` lands on the sample map.
type Measured = (&'static str, (&'static str, &'static str), Channel, Moment, &'static str);

fn measured(key: PhaseKey) -> Measured {
    use PhaseKey::*;
    match key {
        Awareness => ("Social post", ("Social ads", "Annunci social"), Channel::Advertising, Moment::PreSale, "ad_view"),
        Discovery => ("Blog article", ("Company blog", "Blog aziendale"), Channel::Blog, Moment::PreSale, "blog_visit"),
        Interest => ("Brochure", ("Brochure download", "Download della brochure"), Channel::Web, Moment::PreSale, "brochure_download"),
        Consideration => ("Case study", ("Demo request form", "Modulo di richiesta demo"), Channel::Web, Moment::PreSale, "demo_request"),
        Action => ("Checkout", ("Online shop", "Negozio online"), Channel::Web, Moment::Sale, "purchase"),
        Usage => ("Product registration", ("Registration form", "Modulo di registrazione"), Channel::Web, Moment::PostSale, "product_registration"),
        Advocacy => ("Review", ("Review sites", "Siti di recensioni"), Channel::Reviews, Moment::PostSale, "review_posted"),
    }
}

/// Cells of the ring of radius 2 each phase gets: twelve cells for seven phases, so the
/// ring closes and Advocacy touches Awareness.
pub(crate) const ARC: [usize; 7] = [2, 2, 2, 2, 2, 1, 1];

/// The map Favo opens on: "Customer" at the centre, the seven phases as a ring around it,
/// and a few activities per phase on the ring outside, labelled in `lang`; one touchpoint
/// per phase is measured by the sample data (see [`measured`]).
pub fn journey(lang: Lang) -> Journey {
    let pick = |(en, it): (&'static str, &'static str)| if lang == Lang::It { it } else { en };
    let mut j = Journey::new(if lang == Lang::It { "Percorso d'esempio" } else { "Sample journey" });
    let mut cells: Vec<(Cell, String, Option<PhaseKey>)> =
        vec![(Cell::ORIGIN, pick(("Customer", "Cliente")).to_owned(), None)];
    let ring: Vec<Cell> = Cell::ORIGIN.ring(2).collect();
    let mut next = 0;
    for (key, arc) in PhaseKey::ALL.into_iter().zip(ARC) {
        let own = &ring[next..next + arc];
        next += arc;
        let mut labels = activities(key).into_iter().map(pick);
        cells.push((own[0], key.name(lang).to_owned(), Some(key)));
        for &cell in &own[1..] {
            cells.push((cell, labels.next().unwrap().to_owned(), Some(key)));
        }
        // The rest go outward, on free cells touching the phase's arc.
        let outward: Vec<Cell> = own
            .iter()
            .flat_map(|c| c.all_neighbors())
            .filter(|n| n.distance_to(Cell::ORIGIN) == 3 && !cells.iter().any(|(c, ..)| c == n))
            .collect();
        for (cell, label) in outward.into_iter().zip(labels) {
            cells.push((cell, label.to_owned(), Some(key)));
        }
    }
    let phase_of = |key: Option<PhaseKey>, j: &Journey| key.and_then(|k| j.phases().iter().find(|p| p.key == Some(k)).map(|p| p.id));
    let batch: Vec<Activity> = cells
        .into_iter()
        .zip(1..)
        .map(|((at, label, key), id)| Activity::new(ActivityId(id), at, label, phase_of(key, &j)))
        .collect();
    j.apply(Edit::Insert(batch)).expect("the sample is laid out on distinct cells");
    for key in PhaseKey::ALL {
        let (activity, names, channel, moment, event) = measured(key);
        let label = pick(activities(key).into_iter().find(|(en, _)| *en == activity).expect("one of the phase's activities"));
        let id = j.activities().find(|a| a.label == label).map(|a| a.id).expect("the measured activity is on the map");
        let touchpoint = Touchpoint {
            id: j.next_touchpoint_id(),
            name: pick(names).to_owned(),
            channel,
            online: true,
            moment,
            owner: String::new(),
            description: String::new(),
            status: Status::Ok,
            event: Some(event.to_owned()),
        };
        j.apply(Edit::SetTouchpoints(id, vec![touchpoint])).expect("a fresh touchpoint");
    }
    j
}

/// A map of `n` activities filling rings around the centre, phases cycling: for benchmarks.
pub fn large(n: usize) -> Journey {
    let mut j = Journey::new(format!("{n} cells"));
    let phases: Vec<_> = j.phases().iter().map(|p| p.id).collect();
    let cells = (0..).flat_map(|radius| Cell::ORIGIN.ring(radius)).take(n);
    let batch = cells
        .enumerate()
        .map(|(i, at)| Activity::new(ActivityId(i as u64 + 1), at, format!("Cell {}", i + 1), Some(phases[i % phases.len()])))
        .collect();
    if n > 0 {
        j.apply(Edit::Insert(batch)).expect("rings are distinct cells");
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell_of(j: &Journey, key: PhaseKey, lang: Lang) -> Cell {
        j.activities().find(|a| a.label == key.name(lang)).unwrap().at
    }

    #[test]
    fn the_sample_has_a_customer_at_the_centre_and_seven_phases_around_it() {
        let j = journey(Lang::En);
        assert_eq!(j.at(Cell::ORIGIN).unwrap().label, "Customer");
        for key in PhaseKey::ALL {
            assert_eq!(cell_of(&j, key, Lang::En).distance_to(Cell::ORIGIN), 2, "{key:?} is on the ring");
        }
        assert!((20..=30).contains(&j.len()), "a workshop-sized map, got {}", j.len());
    }

    #[test]
    fn advocacy_touches_awareness_so_the_loop_is_visible() {
        let j = journey(Lang::En);
        let phase = |k: PhaseKey| j.phases().iter().find(|p| p.key == Some(k)).unwrap().id;
        let cells = |k: PhaseKey| j.activities().filter(|a| a.phase == Some(phase(k))).map(|a| a.at).collect::<Vec<_>>();
        let touches = cells(PhaseKey::Advocacy).iter().any(|a| cells(PhaseKey::Awareness).iter().any(|b| a.is_neighbor(*b)));
        assert!(touches);
    }

    #[test]
    fn every_activity_touches_another_cell_of_its_phase() {
        let j = journey(Lang::It);
        for a in j.activities().filter(|a| a.phase.is_some()) {
            let touching = a.at.all_neighbors().iter().any(|n| j.at(*n).is_some_and(|b| b.phase == a.phase));
            assert!(touching, "{} is alone", a.label);
        }
        assert!(j.activities().filter(|a| a.phase.is_some()).count() >= 7 * 3);
    }

    #[test]
    fn the_sample_speaks_the_users_language() {
        let it = journey(Lang::It);
        assert_eq!(it.at(Cell::ORIGIN).unwrap().label, "Cliente");
        assert!(it.activities().any(|a| a.label == "Pubblico sostegno"));
        assert!(journey(Lang::En).activities().any(|a| a.label == "Advocacy"));
    }

    #[test]
    fn the_sample_data_measures_one_touchpoint_per_phase_in_phase_order() {
        let names: Vec<String> = crate::synth::STEPS.iter().map(ToString::to_string).collect();
        for lang in [Lang::En, Lang::It] {
            let j = journey(lang);
            assert_eq!(crate::insight::steps_from_phases(&j, &names), names, "{lang:?}");
            assert_eq!(j.touchpoints().count(), 7);
            assert!(j.touchpoints().all(|(a, t)| a.phase.is_some() && t.status == Status::Ok));
        }
    }

    #[test]
    fn large_maps_have_exactly_n_distinct_cells() {
        let j = large(10_000);
        assert_eq!(j.len(), 10_000);
        assert_eq!(large(0).len(), 0);
    }
}
