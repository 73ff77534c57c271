//! The coordinator's manual order of a rank list: merged with the computed list as it changes,
//! and a row dragged (or moved with the keyboard) to a new place.

use super::*;

/// The list in the coordinator's manual order, kept until they revert to the computed one.
///
/// `manual` is the saved order and `computed` the list as [`rank`] sorts it now. Applicants of
/// the manual order who are no longer in the list are dropped (and repeats after the first).
/// Each applicant not in the manual order (scored since) goes just before the first manually
/// placed applicant who comes after them in the computed list, or at the end if none does;
/// several such applicants keep their computed order among themselves. Ranks are renumbered
/// 1, 2, 3…
pub fn merge_manual(manual: &[ApplicantId], computed: &[RankRow]) -> Vec<RankRow> {
    let position: HashMap<ApplicantId, usize> = computed
        .iter()
        .enumerate()
        .rev() // the first of a repeated id wins
        .map(|(i, row)| (row.applicant, i))
        .collect();

    // The manual order, as positions in `computed`, without stale ids or repeats.
    let mut placed = vec![false; computed.len()];
    let mut kept: Vec<usize> = Vec::with_capacity(manual.len());
    for id in manual {
        if let Some(&i) = position.get(id) {
            if !placed[i] {
                placed[i] = true;
                kept.push(i);
            }
        }
    }

    // Newcomers, in computed order, each into the gap before the first kept applicant who comes
    // after them in the computed list (gap `kept.len()` is the end).
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); kept.len() + 1];
    for (i, row) in computed.iter().enumerate() {
        if placed[i] || position.get(&row.applicant) != Some(&i) {
            continue;
        }
        let gap = kept.iter().position(|&k| k > i).unwrap_or(kept.len());
        before[gap].push(i);
    }

    let mut merged = Vec::with_capacity(computed.len());
    for (gap, newcomers) in before.iter().enumerate() {
        merged.extend(newcomers.iter().map(|&i| &computed[i]));
        if let Some(&k) = kept.get(gap) {
            merged.push(&computed[k]);
        }
    }
    merged
        .into_iter()
        .enumerate()
        .map(|(position, row)| RankRow {
            rank: position + 1,
            ..row.clone()
        })
        .collect()
}

/// The order after dragging the row at `from` to `to` (or moving it with the keyboard): the row
/// ends up at index `to` (past the end means last) and the others keep their order. A `from`
/// outside the list changes nothing.
pub fn move_row(order: &[ApplicantId], from: usize, to: usize) -> Vec<ApplicantId> {
    let mut moved = order.to_vec();
    if from < moved.len() {
        let id = moved.remove(from);
        moved.insert(to.min(moved.len()), id);
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::domain::fixtures::*;

    #[test]
    fn merge_manual_keeps_the_manual_order_and_slots_newcomers_in_by_score() {
        let computed = rows_of(&[1, 2, 3, 4, 5]);
        // 99 has left the list; 2 and 4 are new.
        let manual = [a(3), a(1), a(99), a(5)];
        let merged = merge_manual(&manual, &computed);
        // 2 ranks above 3 (the first manual one it beats); 4 above 5 only.
        assert_eq!(ids(&merged), vec![2, 3, 1, 4, 5]);
        let ranks: Vec<usize> = merged.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, vec![1, 2, 3, 4, 5]);
        // Scores travel with their rows.
        assert_eq!(merged[0].final_score, Some(0.9));
    }

    #[test]
    fn merge_manual_edge_cases() {
        let computed = rows_of(&[1, 2, 3]);
        // No manual order: the computed one.
        assert_eq!(ids(&merge_manual(&[], &computed)), vec![1, 2, 3]);
        // Newcomers ranking below every manual one go last, in computed order.
        assert_eq!(ids(&merge_manual(&[a(1)], &computed)), vec![1, 2, 3]);
        // A newcomer above everyone goes first.
        assert_eq!(ids(&merge_manual(&[a(3), a(2)], &computed)), vec![1, 3, 2]);
        // Repeats in the manual order count once.
        assert_eq!(
            ids(&merge_manual(&[a(2), a(3), a(2), a(1)], &computed)),
            vec![2, 3, 1]
        );
        // Several newcomers before the same manual one keep their computed order.
        let computed = rows_of(&[1, 2, 3, 4]);
        assert_eq!(
            ids(&merge_manual(&[a(4), a(3)], &computed)),
            vec![1, 2, 4, 3]
        );
    }

    #[test]
    fn move_row_drags_one_row() {
        let order = [a(1), a(2), a(3), a(4)];
        assert_eq!(move_row(&order, 0, 2), vec![a(2), a(3), a(1), a(4)]);
        assert_eq!(move_row(&order, 3, 0), vec![a(4), a(1), a(2), a(3)]);
        assert_eq!(move_row(&order, 1, 1), order.to_vec());
        assert_eq!(move_row(&order, 0, 99), vec![a(2), a(3), a(4), a(1)]);
        assert_eq!(move_row(&order, 7, 0), order.to_vec());
        assert_eq!(move_row(&[], 0, 0), Vec::<ApplicantId>::new());
    }
}
