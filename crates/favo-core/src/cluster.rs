//! Clusters: cells that touch form a cluster (DOMAIN.md: touching cells are related).
//! Facilitators name clusters to go from 20–30 hexes to a handful of ideas; a name is kept
//! on one cell of the cluster (its anchor) and shows for the whole cluster.

use std::collections::{BTreeSet, HashSet, VecDeque};

use crate::journey::{ActivityId, Journey};

#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Members, in id order.
    pub cells: Vec<ActivityId>,
    /// The name, if a member carries one (the lowest such id wins when clusters merge).
    pub name: Option<String>,
    /// The member that carries the name, or that would.
    pub anchor: ActivityId,
}

/// The connected groups of touching cells, each with its name; in order of their first cell.
pub fn clusters(journey: &Journey) -> Vec<Cluster> {
    let mut seen: HashSet<ActivityId> = HashSet::new();
    let mut out = Vec::new();
    for start in journey.activities() {
        if !seen.insert(start.id) {
            continue;
        }
        let mut members = BTreeSet::from([start.id]);
        let mut queue = VecDeque::from([start.at]);
        while let Some(cell) = queue.pop_front() {
            for n in cell.all_neighbors() {
                if let Some(a) = journey.at(n) {
                    if seen.insert(a.id) {
                        members.insert(a.id);
                        queue.push_back(a.at);
                    }
                }
            }
        }
        let named = members.iter().find_map(|id| journey.cluster_name(*id).map(|n| (*id, n.to_owned())));
        let anchor = named.as_ref().map_or(start.id, |(id, _)| *id);
        out.push(Cluster { cells: members.into_iter().collect(), name: named.map(|(_, n)| n), anchor });
    }
    out
}

/// The cluster `id` belongs to.
pub fn cluster_of(journey: &Journey, id: ActivityId) -> Option<Cluster> {
    clusters(journey).into_iter().find(|c| c.cells.contains(&id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Activity, Cell, Edit};

    fn map(cells: &[(i32, i32)]) -> Journey {
        let mut j = Journey::new("t");
        let acts = cells.iter().zip(1..).map(|(&(q, r), id)| Activity::new(ActivityId(id), Cell::new(q, r), "", None)).collect();
        j.apply(Edit::Insert(acts)).unwrap();
        j
    }

    /// Slow and obvious: two cells are in one cluster iff a path of touching cells joins them.
    fn joined(j: &Journey, a: ActivityId, b: ActivityId) -> bool {
        let mut reach = HashSet::from([a]);
        loop {
            let more: Vec<ActivityId> = j
                .activities()
                .filter(|x| !reach.contains(&x.id))
                .filter(|x| reach.iter().any(|r| j.get(*r).unwrap().at.is_neighbor(x.at)))
                .map(|x| x.id)
                .collect();
            if more.is_empty() {
                return reach.contains(&b);
            }
            reach.extend(more);
        }
    }

    #[test]
    fn touching_cells_form_one_cluster_and_gaps_split_them() {
        let j = map(&[(0, 0), (1, 0), (2, 0), (5, 0), (6, -1), (9, 9)]);
        let sizes: Vec<usize> = clusters(&j).iter().map(|c| c.cells.len()).collect();
        assert_eq!(sizes, [3, 2, 1]);
    }

    #[test]
    fn clusters_agree_with_the_slow_definition_on_the_sample() {
        let j = crate::sample::journey(crate::Lang::En);
        let cs = clusters(&j);
        for a in j.activities() {
            for b in j.activities() {
                let same = cs.iter().any(|c| c.cells.contains(&a.id) && c.cells.contains(&b.id));
                assert_eq!(same, joined(&j, a.id, b.id), "{} / {}", a.label, b.label);
            }
        }
        assert_eq!(cs.iter().map(|c| c.cells.len()).sum::<usize>(), j.len());
    }

    #[test]
    fn a_name_on_any_member_names_the_whole_cluster_and_follows_a_split() {
        let mut j = map(&[(0, 0), (1, 0), (2, 0)]);
        j.apply(Edit::NameCluster(ActivityId(3), Some("Checkout".into()))).unwrap();
        assert_eq!(cluster_of(&j, ActivityId(1)).unwrap().name.as_deref(), Some("Checkout"));
        // Removing the middle cell splits the cluster: the name stays with its anchor's part.
        j.apply(Edit::Remove(vec![ActivityId(2)])).unwrap();
        assert_eq!(cluster_of(&j, ActivityId(3)).unwrap().name.as_deref(), Some("Checkout"));
        assert_eq!(cluster_of(&j, ActivityId(1)).unwrap().name, None);
    }
}
