//! The search: a constructive start (round by round, a matching of applicants to rooms that
//! follows a Latin-square rotation where it can), then a local search over moves and swaps of
//! movable slots, within a fixed iteration budget. The local search's moves are in [`moves`].

use super::state::{Score, State};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::cmp::Reverse;

mod moves;

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
}
