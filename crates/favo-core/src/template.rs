//! Templates for a new map (DOMAIN.md): a blank honeycomb, the seven-phase ring around the
//! customer, the touchpoint checklist by moment of sale, and the four lifecycle stages.
//!
//! Each is built through the [`Editor`], the same way a user would build it, so a template
//! can never hold what an edit would refuse.

use crate::grid::Cell;
use crate::journey::{ActivityId, Channel, Journey, Lang, Lifecycle, Moment, PhaseKey, Status};
use crate::sample::ARC;
use crate::Editor;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Template {
    Blank,
    Ring,
    Checklist,
    Lifecycle,
}

impl Template {
    pub const ALL: [Template; 4] = [Template::Blank, Template::Ring, Template::Checklist, Template::Lifecycle];

    pub fn key(self) -> &'static str {
        match self {
            Template::Blank => "blank",
            Template::Ring => "ring",
            Template::Checklist => "checklist",
            Template::Lifecycle => "lifecycle",
        }
    }

    pub fn from_key(key: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.key() == key)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Template::Blank, Lang::En) => "Blank",
            (Template::Blank, Lang::It) => "Vuota",
            (Template::Ring, Lang::En) => "The seven phases as a ring",
            (Template::Ring, Lang::It) => "Le sette fasi ad anello",
            (Template::Checklist, Lang::En) => "Touchpoint checklist by moment of sale",
            (Template::Checklist, Lang::It) => "Checklist dei punti di contatto per momento di vendita",
            (Template::Lifecycle, Lang::En) => "The four lifecycle stages",
            (Template::Lifecycle, Lang::It) => "Le quattro fasi del ciclo di vita",
        }
    }

    /// The new map, with its texts in `lang`.
    pub fn build(self, lang: Lang) -> Journey {
        let mut e = Editor::new(Journey::new(self.name(lang)));
        match self {
            Template::Blank => e = Editor::new(Journey::new(if lang == Lang::It { "Nuova mappa" } else { "New map" })),
            Template::Ring => {
                ring(&mut e, lang);
            }
            Template::Checklist => checklist(&mut e, lang),
            Template::Lifecycle => lifecycle(&mut e, lang),
        }
        e.journey().clone()
    }
}

fn phase_id(e: &Editor, key: PhaseKey) -> Option<crate::PhaseId> {
    e.journey().phases().iter().find(|p| p.key == Some(key)).map(|p| p.id)
}

/// "Customer" at the centre and the seven phases on a closed ring around it, each phase's
/// first cell named after it. Returns the named cell of each phase, in phase order.
fn ring(e: &mut Editor, lang: Lang) -> Vec<ActivityId> {
    let centre = e.add_cell(Cell::ORIGIN).expect("an empty map has room");
    e.relabel(centre, if lang == Lang::It { "Cliente" } else { "Customer" }).expect("the centre exists");
    e.select([centre]);
    e.set_phase_of_selection(None).ok();
    let ring: Vec<Cell> = Cell::ORIGIN.ring(2).collect();
    let mut named = Vec::new();
    let mut next = 0;
    for (key, arc) in PhaseKey::ALL.into_iter().zip(ARC) {
        let phase = phase_id(e, key);
        for (i, &at) in ring[next..next + arc].iter().enumerate() {
            let id = e.add_cell(at).expect("the ring's cells are free");
            if i == 0 {
                e.relabel(id, key.name(lang)).expect("the cell exists");
                named.push(id);
            }
            e.select([id]);
            e.set_phase_of_selection(phase).ok();
        }
        next += arc;
    }
    e.selection.clear();
    named
}

/// DOMAIN.md's typical touchpoints for each moment of sale: (channel, English, Italian).
fn typical(moment: Moment) -> &'static [(Channel, &'static str, &'static str)] {
    match moment {
        Moment::PreSale => &[
            (Channel::Pr, "PR", "Relazioni pubbliche"),
            (Channel::Blog, "Blog", "Blog"),
            (Channel::Social, "Social", "Social"),
            (Channel::Web, "Website", "Sito web"),
            (Channel::Email, "Mailing", "Mailing"),
            (Channel::Trial, "Trial", "Prova gratuita"),
            (Channel::Advertising, "Advertising", "Pubblicità"),
            (Channel::Events, "Events", "Eventi"),
        ],
        Moment::Sale => &[
            (Channel::Store, "Sales environment", "Ambiente di vendita"),
            (Channel::SalesStaff, "Sales staff", "Personale di vendita"),
            (Channel::CallCenter, "Call center", "Call center"),
            (Channel::Packaging, "Packaging", "Packaging"),
            (Channel::Web, "Purchase process", "Processo d'acquisto"),
        ],
        Moment::PostSale => &[
            (Channel::Reviews, "Reviews", "Recensioni"),
            (Channel::Survey, "Satisfaction survey", "Questionario di soddisfazione"),
            (Channel::CustomerService, "Customer service", "Assistenza clienti"),
            (Channel::Loyalty, "Loyalty programme", "Programma fedeltà"),
        ],
    }
}

/// One named cluster per moment of sale, a cell per typical touchpoint, each touchpoint
/// "to review" so the team walks the whole list.
fn checklist(e: &mut Editor, lang: Lang) {
    let groups = [(Moment::PreSale, PhaseKey::Interest), (Moment::Sale, PhaseKey::Action), (Moment::PostSale, PhaseKey::Usage)];
    for (n, (moment, key)) in groups.into_iter().enumerate() {
        let centre = Cell::new(n as i32 * 7 - 7, 0);
        let cells = std::iter::once(centre).chain(centre.ring(1)).chain(centre.ring(2));
        let phase = phase_id(e, key);
        let mut first = None;
        for ((channel, en, it), at) in typical(moment).iter().zip(cells) {
            let name = if lang == Lang::It { *it } else { *en };
            let id = e.add_cell(at).expect("the clusters are apart");
            e.relabel(id, name).expect("the cell exists");
            e.select([id]);
            e.set_phase_of_selection(phase).ok();
            let tp = e.add_touchpoint(id, name).expect("the cell exists");
            let mut t = e.journey().get(id).and_then(|a| a.touchpoints.iter().find(|t| t.id == tp)).cloned().expect("just added");
            t.online = !matches!(channel, Channel::Events | Channel::Store | Channel::SalesStaff | Channel::Packaging);
            t.channel = channel.clone();
            t.moment = moment;
            t.status = Status::ToReview;
            // The catalogue's first channel is already right for "Website": nothing to change.
            match e.update_touchpoint(id, t) {
                Ok(()) | Err(crate::EditError::NoChange) => {}
                Err(err) => unreachable!("the touchpoint exists: {err:?}"),
            }
            first.get_or_insert(id);
        }
        if let Some(first) = first {
            e.name_cluster(first, moment.name(lang)).expect("the cluster exists");
        }
    }
    e.selection.clear();
}

/// The ring, and one persona per lifecycle stage walking the phases that matter to them,
/// with what we want and what they need (DOMAIN.md) as their goals.
fn lifecycle(e: &mut Editor, lang: Lang) {
    let named = ring(e, lang);
    // Phases (by index) each stage walks.
    let walks: [(Lifecycle, &[usize]); 4] = [
        (Lifecycle::Potential, &[0, 1, 2, 3, 4]),
        (Lifecycle::New, &[4, 5]),
        (Lifecycle::Acquired, &[4, 5, 6]),
        (Lifecycle::Partner, &[5, 6, 0]),
    ];
    for (stage, phases) in walks {
        let name = match lang {
            Lang::En => format!("{} customer", stage.name(lang)),
            Lang::It => format!("Cliente {}", stage.name(lang).to_lowercase()),
        };
        let id = e.add_persona(&name).expect("a persona can always be added");
        e.update_persona(id, |p| {
            p.stage = stage;
            p.goals = stage.help(lang).to_owned();
        })
        .expect("the persona exists");
        for &i in phases {
            e.append_step(id, named[i]).expect("the ring's cells exist");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{cluster, format};

    #[test]
    fn every_template_builds_in_both_languages_and_survives_a_save() {
        for t in Template::ALL {
            assert_eq!(Template::from_key(t.key()), Some(t));
            for lang in [Lang::En, Lang::It] {
                let j = t.build(lang);
                assert_eq!(j.phases().len(), 7, "{t:?} keeps the seven phases");
                let back = format::load(format::to_json(&j, false).as_bytes()).unwrap().journey;
                assert_eq!(format::to_json(&back, false), format::to_json(&j, false));
            }
        }
        assert!(Template::Blank.build(Lang::En).is_empty());
    }

    #[test]
    fn the_ring_closes_around_the_customer() {
        let j = Template::Ring.build(Lang::It);
        assert_eq!(j.at(Cell::ORIGIN).unwrap().label, "Cliente");
        assert_eq!(j.len(), 13);
        // The ring is one closed cluster of twelve (Advocacy touches Awareness), apart from
        // the centre.
        let mut sizes: Vec<usize> = cluster::clusters(&j).iter().map(|c| c.cells.len()).collect();
        sizes.sort();
        assert_eq!(sizes, [1, 12]);
        assert!(j.activities().any(|a| a.label == "Pubblico sostegno"));
    }

    #[test]
    fn the_checklist_has_a_named_cluster_per_moment_with_its_touchpoints() {
        let j = Template::Checklist.build(Lang::En);
        let clusters = cluster::clusters(&j);
        assert_eq!(clusters.len(), 3);
        let mut names: Vec<_> = clusters.iter().filter_map(|c| c.name.clone()).collect();
        names.sort();
        assert_eq!(names, ["Post-sale", "Pre-sale", "Sale"]);
        for moment in Moment::ALL {
            let count = j.touchpoints().filter(|(_, t)| t.moment == moment).count();
            assert_eq!(count, typical(moment).len());
        }
        assert!(j.touchpoints().all(|(_, t)| t.status == Status::ToReview));
    }

    #[test]
    fn the_lifecycle_template_has_one_persona_per_stage_on_the_ring() {
        let j = Template::Lifecycle.build(Lang::En);
        let stages: Vec<_> = j.personas().iter().map(|p| p.stage).collect();
        assert_eq!(stages, Lifecycle::ALL);
        assert!(j.personas().iter().all(|p| j.walk(p).count() >= 2 && !p.goals.is_empty()));
        assert_eq!(j.personas()[0].name, "Potential customer");
    }
}
