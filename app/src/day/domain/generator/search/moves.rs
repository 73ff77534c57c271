//! The local search's moves on a [`Search`]: filling a short applicant (a sample of the cells
//! that allow it), ejection chains, relocations, swaps of rounds or rooms, trades, and ruin and
//! recreate.

use super::{Search, State};
use rand::seq::SliceRandom;
use rand::Rng;

/// How many free cells a fill compares, at most (a sample, when there are more).
const FILL_CHOICES: usize = 8;
/// How many random cells an ejection tries before giving up.
const EJECT_DRAWS: usize = 32;
/// How many applicants an ejection chain may displace in one move.
const CHAIN_DEPTH: usize = 3;

impl Search<'_, '_> {
    /// The rooms applicant `a` may still enter, into `self.open`.
    pub(super) fn open_rooms(&mut self, a: usize) {
        self.open.clear();
        let rooms = self.state.m.rooms.len();
        let state = &*self.state;
        self.open
            .extend((0..rooms).filter(|&r| state.room_open(a, r)));
    }

    /// Gives applicant `a` one more interview in a free cell: the best-scoring of up to
    /// [`FILL_CHOICES`] drawn evenly from all the cells that allow it (reservoir sampling).
    pub(super) fn fill(&mut self, a: usize) -> bool {
        if !self.state.short(a) {
            return false;
        }
        self.open_rooms(a);
        let mut sample = [(0usize, 0usize); FILL_CHOICES];
        let mut seen = 0usize;
        for t in 0..self.state.m.rounds {
            if !self.state.round_has_room(t) || self.state.busy(a, t) {
                continue;
            }
            for k in 0..self.open.len() {
                let r = self.open[k];
                if !self.state.cell_free(t, r) {
                    continue;
                }
                if seen < FILL_CHOICES {
                    sample[seen] = (t, r);
                } else {
                    let j = self.rng.gen_range(0..=seen);
                    if j < FILL_CHOICES {
                        sample[j] = (t, r);
                    }
                }
                seen += 1;
            }
        }
        let best = sample[..seen.min(FILL_CHOICES)]
            .iter()
            .map(|&(t, r)| (self.state.score_with(a, t, r), t, r))
            .min();
        match best {
            Some((_, t, r)) => {
                self.state.place(a, t, r);
                true
            }
            None => false,
        }
    }

    /// Seats applicant `a` in a cell another movable applicant (not one of `spare`) holds, in
    /// a room `a` may enter and a round `a` is free, and returns who was displaced. Draws
    /// cells at random, a bounded number of times.
    pub(super) fn eject_into(&mut self, a: usize, spare: &[usize]) -> Option<usize> {
        self.open_rooms(a);
        let rounds = self.state.m.rounds;
        if self.open.is_empty() || rounds == 0 {
            return None;
        }
        for _ in 0..EJECT_DRAWS {
            let t = self.rng.gen_range(0..rounds);
            let r = self.open[self.rng.gen_range(0..self.open.len())];
            if self.state.busy(a, t) {
                continue;
            }
            let Some(b) = self.state.occupant(t, r) else {
                continue;
            };
            if spare.contains(&b) {
                continue;
            }
            self.state.remove(b, t, r);
            self.state.place(a, t, r);
            return Some(b);
        }
        None
    }

    /// An ejection chain for a random short applicant: a free cell if there is one, else a
    /// displaced applicant takes their turn, up to [`CHAIN_DEPTH`] deep.
    pub(super) fn chain(&mut self) -> bool {
        let Some(mut a) = self.random_short() else {
            return false;
        };
        let mut touched = vec![a];
        for depth in 0..CHAIN_DEPTH {
            if self.fill(a) {
                return true;
            }
            if depth + 1 == CHAIN_DEPTH {
                break;
            }
            match self.eject_into(a, &touched) {
                Some(b) => {
                    touched.push(b);
                    a = b;
                }
                None => break,
            }
        }
        touched.len() > 1
    }

    /// A random movable slot.
    pub(super) fn random_slot(&mut self) -> Option<(usize, usize, usize)> {
        let m = self.state.m;
        let (rounds, rooms) = (m.rounds, m.rooms.len());
        if rounds == 0 || rooms == 0 {
            return None;
        }
        for _ in 0..8 {
            let (t, r) = (self.rng.gen_range(0..rounds), self.rng.gen_range(0..rooms));
            if let Some(a) = self.state.occupant(t, r) {
                return Some((a, t, r));
            }
        }
        None
    }

    /// Moves a random slot to a random free cell.
    pub(super) fn relocate(&mut self) -> bool {
        let Some((a, t, r)) = self.random_slot() else {
            return false;
        };
        let m = self.state.m;
        let (t2, r2) = (
            self.rng.gen_range(0..m.rounds),
            self.rng.gen_range(0..m.rooms.len()),
        );
        self.state.remove(a, t, r);
        if (t2, r2) == (t, r) || !self.state.can_place(a, t2, r2) {
            return false;
        }
        self.state.place(a, t2, r2);
        true
    }

    /// Two rounds of one room trade occupants (either may be empty).
    pub(super) fn swap_rounds(&mut self) -> bool {
        let m = self.state.m;
        if m.rounds < 2 || m.rooms.is_empty() {
            return false;
        }
        let r = self.rng.gen_range(0..m.rooms.len());
        let (t1, t2) = (
            self.rng.gen_range(0..m.rounds),
            self.rng.gen_range(0..m.rounds),
        );
        self.trade((t1, r), (t2, r))
    }

    /// Two rooms of one round trade occupants (either may be empty).
    pub(super) fn swap_rooms(&mut self) -> bool {
        let m = self.state.m;
        if m.rooms.len() < 2 || m.rounds == 0 {
            return false;
        }
        let t = self.rng.gen_range(0..m.rounds);
        let (r1, r2) = (
            self.rng.gen_range(0..m.rooms.len()),
            self.rng.gen_range(0..m.rooms.len()),
        );
        self.trade((t, r1), (t, r2))
    }

    /// The occupants of cells `x` and `y` trade places, if neither cell is fixed and the rules
    /// allow it.
    pub(super) fn trade(&mut self, x: (usize, usize), y: (usize, usize)) -> bool {
        if x == y {
            return false;
        }
        let (a, b) = (self.state.occupant(x.0, x.1), self.state.occupant(y.0, y.1));
        if a.is_none() && b.is_none() {
            return false;
        }
        let fixed =
            |s: &State, (t, r): (usize, usize)| s.occupant(t, r).is_none() && !s.cell_free(t, r);
        if fixed(self.state, x) || fixed(self.state, y) {
            return false;
        }
        if let Some(a) = a {
            self.state.remove(a, x.0, x.1);
        }
        if let Some(b) = b {
            self.state.remove(b, y.0, y.1);
        }
        if let Some(a) = a {
            if !self.state.can_place(a, y.0, y.1) {
                return false;
            }
            self.state.place(a, y.0, y.1);
        }
        if let Some(b) = b {
            if !self.state.can_place(b, x.0, x.1) {
                return false;
            }
            self.state.place(b, x.0, x.1);
        }
        true
    }

    /// Clears the movable slots of a few random applicants and fills them again, to leave a
    /// local optimum (fresh schedules only; the best schedule seen is kept apart).
    pub(super) fn ruin_and_recreate(&mut self, budget: u32) {
        let m = self.state.m;
        if m.listed == 0 {
            return;
        }
        let mut chosen: Vec<usize> = (0..m.listed).collect();
        let k = (m.listed / 8).max(1);
        chosen.partial_shuffle(&mut self.rng, k);
        chosen.truncate(k);
        for (a, t, r) in self.state.movable() {
            if chosen.contains(&a) {
                self.state.remove(a, t, r);
            }
        }
        // Each refill counts as an iteration: a ruin is many moves, not one.
        for &a in &chosen {
            while self.iterations < budget && self.fill(a) {
                self.iterations += 1;
            }
        }
    }
}
