//! The fair release's draw (issue 29), pure: at a window's close, every invited applicant who
//! ranked the sessions they can attend is seated by a **seeded lottery**. The lottery order is
//! the applicants sorted by SHA-256 of the seed and their id ([`lottery_order`]): the seed's
//! hash is published before the window opens ([`commitment`]) and the seed after, so anyone can
//! recompute the order and the draw. In that order each applicant gets the highest-ranked
//! session with a seat left ([`assign`]: a serial dictatorship, so no two applicants could
//! swap seats and both be better off given the order); the others wait, in lottery order, for
//! the sessions they ranked. The same input gives the same result.

use crate::ids::{ApplicantId, SessionId};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// What is published before the window opens: the hex SHA-256 of the seed.
pub fn commitment(seed: &[u8]) -> String {
    hex::encode(Sha256::digest(seed))
}

/// An applicant's lottery ticket: SHA-256 of the seed, a `/`, and their id in decimal.
pub fn ticket(seed: &[u8], applicant: ApplicantId) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(seed);
    h.update(b"/");
    h.update(applicant.0.to_string().as_bytes());
    h.finalize().into()
}

/// The applicants in lottery order (by ticket, then id; each once), whatever order they come in.
pub fn lottery_order(seed: &[u8], applicants: &[ApplicantId]) -> Vec<ApplicantId> {
    let unique: BTreeSet<ApplicantId> = applicants.iter().copied().collect();
    let mut order: Vec<([u8; 32], ApplicantId)> =
        unique.into_iter().map(|a| (ticket(seed, a), a)).collect();
    order.sort();
    order.into_iter().map(|(_, a)| a).collect()
}

/// The draw: who is seated where, and each session's line of those left waiting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draw {
    pub seated: BTreeMap<ApplicantId, SessionId>,
    pub waiting: BTreeMap<SessionId, Vec<ApplicantId>>,
}

/// Seats the applicants in `order`, each in the highest of their `ranked` sessions (best first)
/// with a seat left in `seats`; a session ranked twice, or not in `seats`, counts once or not
/// at all. The applicants left without a seat wait, in `order`, in the line of every session
/// they ranked.
pub fn assign(
    seats: &BTreeMap<SessionId, u32>,
    ranked: &BTreeMap<ApplicantId, Vec<SessionId>>,
    order: &[ApplicantId],
) -> Draw {
    let mut left = seats.clone();
    let mut draw = Draw::default();
    let mut unseated = Vec::new();
    for &a in order {
        let Some(list) = ranked.get(&a) else { continue };
        if draw.seated.contains_key(&a) {
            continue;
        }
        let seat = list
            .iter()
            .find(|s| left.get(s).is_some_and(|&n| n > 0))
            .copied();
        match seat {
            Some(s) => {
                if let Some(n) = left.get_mut(&s) {
                    *n -= 1;
                }
                draw.seated.insert(a, s);
            }
            None => unseated.push(a),
        }
    }
    for a in unseated {
        let mut seen = BTreeSet::new();
        for s in &ranked[&a] {
            if seats.contains_key(s) && seen.insert(*s) {
                draw.waiting.entry(*s).or_default().push(a);
            }
        }
    }
    draw
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(n: i64) -> SessionId {
        SessionId(n)
    }
    fn a(n: i64) -> ApplicantId {
        ApplicantId(n)
    }

    #[test]
    fn the_order_is_the_seeds_and_can_be_checked() {
        let ids = [a(1), a(2), a(3), a(4)];
        let one = lottery_order(b"seed of January", &ids);
        let mut shuffled = ids;
        shuffled.reverse();
        assert_eq!(lottery_order(b"seed of January", &shuffled), one);
        assert_ne!(
            lottery_order(b"another seed", &ids),
            one,
            "a new seed draws anew"
        );
        // Anyone can recompute a ticket from the published seed.
        let expected: [u8; 32] = Sha256::digest(b"seed of January/3").into();
        assert_eq!(ticket(b"seed of January", a(3)), expected);
        assert_eq!(commitment(b"x"), hex::encode(Sha256::digest(b"x")));
    }

    #[test]
    fn each_gets_their_best_session_with_a_seat_in_lottery_order() {
        let seats = BTreeMap::from([(s(10), 1), (s(20), 1)]);
        let ranked = BTreeMap::from([
            (a(1), vec![s(10), s(20)]),
            (a(2), vec![s(10), s(20)]),
            (a(3), vec![s(10)]),
        ]);
        let draw = assign(&seats, &ranked, &[a(2), a(3), a(1)]);
        assert_eq!(draw.seated, BTreeMap::from([(a(2), s(10)), (a(1), s(20))]));
        assert_eq!(draw.waiting, BTreeMap::from([(s(10), vec![a(3)])]));
    }

    /// Seats per session, each applicant's ranking, and a seed.
    type World = (
        BTreeMap<SessionId, u32>,
        BTreeMap<ApplicantId, Vec<SessionId>>,
        Vec<u8>,
    );

    /// Random seats, rankings and seeds.
    fn world() -> impl Strategy<Value = World> {
        (
            proptest::collection::btree_map(1i64..6, 0u32..4, 1..5),
            proptest::collection::btree_map(
                1i64..40,
                proptest::collection::vec(0i64..7, 0..5),
                0..30,
            ),
            proptest::collection::vec(any::<u8>(), 0..16),
        )
            .prop_map(|(seats, ranked, seed)| {
                (
                    seats.into_iter().map(|(k, v)| (s(k), v)).collect(),
                    ranked
                        .into_iter()
                        .map(|(k, v)| (a(k), v.into_iter().map(s).collect()))
                        .collect(),
                    seed,
                )
            })
    }

    proptest! {
        #[test]
        fn the_draw_keeps_its_promises((seats, ranked, seed) in world()) {
            let ids: Vec<ApplicantId> = ranked.keys().copied().collect();
            let order = lottery_order(&seed, &ids);
            prop_assert_eq!(order.len(), ids.len());
            let draw = assign(&seats, &ranked, &order);
            prop_assert_eq!(&assign(&seats, &ranked, &order), &draw, "the same input, the same draw");

            // No seat overfilled.
            let mut taken: BTreeMap<SessionId, u32> = BTreeMap::new();
            for s in draw.seated.values() {
                *taken.entry(*s).or_default() += 1;
            }
            for (s, n) in &taken {
                prop_assert!(*n <= seats[s], "{s:?} overfilled");
            }
            let full = |s: &SessionId| taken.get(s).copied().unwrap_or(0) >= seats.get(s).copied().unwrap_or(0);

            for (a, list) in &ranked {
                match draw.seated.get(a) {
                    // Seated in a session they ranked, and every one they ranked higher is full
                    // (so no swap makes two applicants both better off).
                    Some(seat) => {
                        let at = list.iter().position(|x| x == seat);
                        prop_assert!(at.is_some(), "{a:?} seated in a session they did not rank");
                        for higher in &list[..at.unwrap_or(0)] {
                            prop_assert!(!seats.contains_key(higher) || full(higher));
                        }
                    }
                    // Left waiting only when every session they ranked is full; in its line.
                    None => {
                        for s in list.iter().filter(|s| seats.contains_key(s)) {
                            prop_assert!(full(s), "{a:?} unseated beside a free seat in {s:?}");
                            prop_assert!(draw.waiting[s].contains(a));
                        }
                    }
                }
            }
            // Each line is in lottery order.
            for line in draw.waiting.values() {
                let places: Vec<usize> = line.iter().map(|a| order.iter().position(|x| x == a).unwrap()).collect();
                prop_assert!(places.windows(2).all(|w| w[0] < w[1]));
            }
            // No two seated applicants would both rather have the other's seat.
            for (a, sa) in &draw.seated {
                for (b, sb) in &draw.seated {
                    let rank = |who: &ApplicantId, x: &SessionId| ranked[who].iter().position(|y| y == x);
                    let a_wants = rank(a, sb).is_some_and(|r| Some(r) < rank(a, sa));
                    let b_wants = rank(b, sa).is_some_and(|r| Some(r) < rank(b, sb));
                    prop_assert!(!(a_wants && b_wants), "{a:?} and {b:?} would swap");
                }
            }
        }
    }
}
