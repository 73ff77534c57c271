//! The search: a constructive start (round by round, a matching of applicants to rooms that
//! follows a Latin-square rotation where it can), then a local search over moves and swaps of
//! movable slots, within a fixed iteration budget.

use super::state::{Score, State};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::cmp::Reverse;

/// How many free cells a fill compares, at most (a sample, when there are more).
const FILL_CHOICES: usize = 8;
/// How many random cells an ejection tries before giving up.
const EJECT_DRAWS: usize = 32;
/// How many applicants an ejection chain may displace in one move.
const CHAIN_DEPTH: usize = 3;

/// What the search aims at and how far it may wander.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A fresh schedule: every goal counts; stalls are broken by ruin and recreate.
    Generate,
    /// Repair of a draft: after the interviews themselves, the fewest changes.
    Repair,
}

/// When a schedule cannot be bettered: the search stops there.
#[derive(Debug, Clone, Copy)]
pub(super) struct Target {
    /// Interviews that must stay missing whatever the search does.
    pub unmet: u32,
    /// Repair: the changes that cannot be avoided (the slots the manual change displaced).
    pub changes: u32,
}

pub(super) struct Search<'s, 'm> {
    pub state: &'s mut State<'m>,
    pub rng: ChaCha8Rng,
    pub mode: Mode,
    pub target: Target,
    pub iterations: u32,
    /// Scratch: the rooms an applicant may enter (kept to spare an allocation per move).
    pub open: Vec<usize>,
}

impl Search<'_, '_> {
    fn reached(&self, score: &Score) -> bool {
        match self.mode {
            Mode::Generate => {
                score.unmet <= self.target.unmet
                    && score.load_excess == 0
                    && score.bunching == 0
                    && score.late_spread <= 1
            }
            Mode::Repair => {
                score.unmet <= self.target.unmet && score.changes <= self.target.changes
            }
        }
    }

    /// Fills the empty day round by round. In each round the applicants furthest behind an even
    /// pace go first; a maximum matching (augmenting paths) seats as many of them as the round
    /// allows, each trying rooms in rotation order first (applicant `k` with `n` interviews
    /// done tries room `k + n` first, the cyclic Latin square), so a day with rooms for everyone
    /// comes out as a plain rotation. Applicants ahead of pace wait, unless the rounds left
    /// could not hold what is still wanted.
    pub fn construct(&mut self) {
        let m = self.state.m;
        let (rounds, rooms) = (m.rounds, m.rooms.len());
        if rounds == 0 || rooms == 0 {
            return;
        }
        let free_per_round: Vec<usize> = (0..rounds)
            .map(|t| (0..rooms).filter(|&r| self.state.cell_free(t, r)).count())
            .collect();
        let mut free_after: Vec<usize> = vec![0; rounds + 1];
        for t in (0..rounds).rev() {
            free_after[t] = free_after[t + 1] + free_per_round[t];
        }
        for t in 0..rounds {
            let left = (rounds - t) as i64;
            let mut ahead = Vec::new();
            let mut behind = Vec::new();
            let mut demand = 0usize;
            for a in 0..m.listed {
                if !self.state.short(a) || self.state.busy(a, t) {
                    demand += u32::from(m.wanted(a)).saturating_sub(self.state.got[a]) as usize;
                    continue;
                }
                let got = i64::from(self.state.got[a]);
                let wanted = i64::from(m.wanted(a));
                demand += (wanted - got) as usize;
                // Behind pace: fewer done than wanted · (t+1) / rounds.
                let deficit = wanted * (t as i64 + 1) - got * rounds as i64;
                if deficit > 0 || wanted - got >= left {
                    behind.push((Reverse(deficit), a));
                } else {
                    ahead.push((Reverse(deficit), a));
                }
            }
            behind.sort();
            ahead.sort();
            let mut matched: Vec<Option<usize>> = vec![None; rooms];
            let mut seated = 0usize;
            for &(_, a) in &behind {
                if self.augment(a, t, &mut matched, &mut vec![false; rooms]) {
                    seated += 1;
                }
            }
            let mut excess = demand
                .saturating_sub(seated)
                .saturating_sub(free_after[t + 1]);
            for &(_, a) in &ahead {
                if excess == 0 {
                    break;
                }
                if self.augment(a, t, &mut matched, &mut vec![false; rooms]) {
                    excess -= 1;
                }
            }
            for (r, a) in matched.iter().enumerate() {
                if let Some(a) = *a {
                    self.state.place(a, t, r);
                }
            }
        }
        self.state.commit();
    }

    /// Kuhn's augmenting path for applicant `a` in round `t`.
    fn augment(
        &self,
        a: usize,
        t: usize,
        matched: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        let rooms = matched.len();
        let first = (a + self.state.got[a] as usize) % rooms;
        for k in 0..rooms {
            let r = (first + k) % rooms;
            if seen[r] || !self.state.can_place(a, t, r) {
                continue;
            }
            seen[r] = true;
            let free = match matched[r] {
                None => true,
                Some(b) => self.augment(b, t, matched, seen),
            };
            if free {
                matched[r] = Some(a);
                return true;
            }
        }
        false
    }

    /// The local search: from the current schedule, tries one move per iteration and keeps it
    /// unless it scores worse (equal is kept: the search walks across plateaus). Stops when the
    /// target is reached or the budget is spent; returns the best schedule seen, as movable
    /// slots, and leaves the state on it.
    pub fn improve(&mut self, budget: u32) -> Score {
        let mut current = self.state.score();
        let mut best = (current, self.state.movable());
        let stall_limit = (budget / 20).max(200);
        let mut since_best = 0u32;
        while self.iterations < budget && !self.reached(&current) {
            self.iterations += 1;
            since_best += 1;
            if self.mode == Mode::Generate && since_best > stall_limit {
                self.ruin_and_recreate(budget);
                self.state.commit();
                current = self.state.score();
                since_best = 0;
            } else {
                let chain = current.unmet > self.target.unmet && self.rng.gen_bool(0.5);
                let moved = if chain {
                    self.chain()
                } else {
                    match self.rng.gen_range(0..3) {
                        0 => self.relocate(),
                        1 => self.swap_rounds(),
                        _ => self.swap_rooms(),
                    }
                };
                if !moved {
                    self.state.rollback();
                    continue;
                }
                let next = self.state.score();
                // A chain that keeps the count of missing interviews but costs a softer goal is
                // still taken now and then (fresh schedules only), so the search can walk past
                // a dead end.
                let sideways = chain
                    && self.mode == Mode::Generate
                    && next.unmet == current.unmet
                    && self.rng.gen_bool(0.3);
                if next <= current || sideways {
                    self.state.commit();
                    current = next;
                } else {
                    self.state.rollback();
                }
            }
            if current < best.0 {
                best = (current, self.state.movable());
                since_best = 0;
            }
        }
        if best.0 < current {
            self.restore(&best.1);
        }
        best.0
    }

    /// Puts the state back on `slots` (movable slots of an earlier schedule).
    fn restore(&mut self, slots: &[(usize, usize, usize)]) {
        for (a, t, r) in self.state.movable() {
            self.state.remove(a, t, r);
        }
        for &(a, t, r) in slots {
            self.state.place(a, t, r);
        }
        self.state.commit();
    }

    /// A random listed applicant still short of interviews.
    fn random_short(&mut self) -> Option<usize> {
        let m = self.state.m;
        let short = (0..m.listed).filter(|&a| self.state.short(a)).count();
        if short == 0 {
            return None;
        }
        let k = self.rng.gen_range(0..short);
        (0..m.listed).filter(|&a| self.state.short(a)).nth(k)
    }

    /// The rooms applicant `a` may still enter, into `self.open`.
    fn open_rooms(&mut self, a: usize) {
        self.open.clear();
        let rooms = self.state.m.rooms.len();
        let state = &*self.state;
        self.open
            .extend((0..rooms).filter(|&r| state.room_open(a, r)));
    }

    /// Gives applicant `a` one more interview in a free cell: the best-scoring of up to
    /// [`FILL_CHOICES`] drawn evenly from all the cells that allow it (reservoir sampling).
    fn fill(&mut self, a: usize) -> bool {
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
    fn eject_into(&mut self, a: usize, spare: &[usize]) -> Option<usize> {
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
    fn chain(&mut self) -> bool {
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
    fn random_slot(&mut self) -> Option<(usize, usize, usize)> {
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
    fn relocate(&mut self) -> bool {
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
    fn swap_rounds(&mut self) -> bool {
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
    fn swap_rooms(&mut self) -> bool {
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
    fn trade(&mut self, x: (usize, usize), y: (usize, usize)) -> bool {
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
    fn ruin_and_recreate(&mut self, budget: u32) {
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
