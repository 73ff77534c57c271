//! A schedule under construction: who sits where, with the counters every hard rule and every
//! goal needs kept up to date on each placement, so that a move is checked and scored without
//! looking at the whole grid.
//!
//! Fixed slots (pinned, or kept by a repair) are counted but never move. A movable slot is only
//! ever placed where it breaks no hard rule ([`State::can_place`]), so the only violations a
//! schedule can have are those among the fixed slots themselves.

use super::model::Model;
use crate::day::domain::grid::Slot;

/// How good a schedule is, compared lexicographically: the first field matters most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) struct Score {
    /// Interviews missing, summed over the listed applicants.
    pub unmet: u32,
    /// Repair only: slots changed from the draft.
    pub changes: u32,
    /// How far the interviewer loads spread beyond "within one".
    pub load_excess: u32,
    /// Spread of the loads (n·Σx² − (Σx)²): a slope towards even loads.
    pub load_var: u64,
    /// Free rounds bunched together, beyond the best each applicant could have.
    pub bunching: u64,
    /// Most late slots an applicant has, less the fewest.
    pub late_spread: u32,
    /// Spread of the late slots, as for the loads.
    pub late_var: u64,
}

/// One step of a move, to undo it.
#[derive(Debug, Clone, Copy)]
enum Step {
    Placed(usize, usize, usize),
    Removed(usize, usize, usize),
}

pub(super) struct State<'m> {
    pub m: &'m Model,
    /// `t * rooms + r`: the movable occupant of a cell.
    cell: Vec<Option<u32>>,
    /// `t * rooms + r`: fixed slots in the cell.
    fixed_cell: Vec<u32>,
    /// Per round: cells open to movable slots.
    free_in_round: Vec<u32>,
    /// `a * rounds + t`: the room of applicant `a`'s movable slot in round `t`.
    seat: Vec<Option<u32>>,
    /// `a * rounds + t`: fixed slots of applicant `a` in round `t`.
    fixed_busy: Vec<u32>,
    /// `a * rooms + r`: visits of applicant `a` to room `r`.
    visits: Vec<u32>,
    /// `a * interviewers + i`: meetings of applicant `a` with interviewer `i`.
    meets: Vec<u32>,
    pub got: Vec<u32>,
    late: Vec<u32>,
    /// Per applicant: Σ len² over its runs of free rounds.
    free_runs: Vec<u64>,
    /// Per applicant: rounds with a slot.
    busy_rounds: Vec<u64>,
    /// Per applicant: `free_runs` less the least it could be.
    bunching: Vec<u64>,
    load: Vec<u32>,
    unmet: u32,
    bunching_total: u64,
    /// Repair only: `t * rooms + r` → the draft's movable occupant.
    draft: Option<Vec<Option<u32>>>,
    removed: Vec<u32>,
    added: Vec<u32>,
    changes: u32,
    log: Vec<Step>,
}

impl<'m> State<'m> {
    pub fn new(m: &'m Model) -> State<'m> {
        let (a, t, r, i) = (
            m.applicants.len(),
            m.rounds,
            m.rooms.len(),
            m.interviewers.len(),
        );
        State {
            m,
            cell: vec![None; t * r],
            fixed_cell: vec![0; t * r],
            free_in_round: vec![u32::try_from(r).unwrap_or(u32::MAX); t],
            seat: vec![None; a * t],
            fixed_busy: vec![0; a * t],
            visits: vec![0; a * r],
            meets: vec![0; a * i],
            got: vec![0; a],
            late: vec![0; a],
            free_runs: vec![(t * t) as u64; a],
            busy_rounds: vec![0; a],
            bunching: vec![0; a],
            load: vec![0; i],
            unmet: (0..m.listed).map(|a| u32::from(m.wanted(a))).sum(),
            bunching_total: 0,
            draft: None,
            removed: vec![0; a],
            added: vec![0; a],
            changes: 0,
            log: Vec::new(),
        }
    }

    /// Sets the draft a repair measures its changes against (before anything movable is placed).
    pub fn set_draft(&mut self, draft: &[(usize, usize, usize)]) {
        let rooms = self.m.rooms.len();
        let mut cells = vec![None; self.cell.len()];
        for &(a, t, r) in draft {
            if self.fixed_cell[t * rooms + r] == 0 && cells[t * rooms + r].is_none() {
                cells[t * rooms + r] = Some(a as u32);
                self.removed[a] += 1;
            }
        }
        self.draft = Some(cells);
        self.changes = self.removed.iter().sum();
    }

    fn cell_index(&self, t: usize, r: usize) -> usize {
        t * self.m.rooms.len() + r
    }

    /// Counts a fixed slot (it may break rules: fixed slots are taken as given).
    pub fn add_fixed(&mut self, a: usize, t: usize, r: usize) {
        let c = self.cell_index(t, r);
        if self.cell_free(t, r) {
            self.free_in_round[t] -= 1;
        }
        self.fixed_cell[c] += 1;
        self.fixed_busy[a * self.m.rounds + t] += 1;
        self.count(a, t, r, true);
    }

    /// Whether the cell is open to movable slots.
    pub fn cell_free(&self, t: usize, r: usize) -> bool {
        let c = self.cell_index(t, r);
        self.fixed_cell[c] == 0 && self.cell[c].is_none()
    }

    /// Whether round `t` has a cell open to movable slots.
    pub fn round_has_room(&self, t: usize) -> bool {
        self.free_in_round[t] > 0
    }

    /// The movable occupant of a cell.
    pub fn occupant(&self, t: usize, r: usize) -> Option<usize> {
        let c = self.cell_index(t, r);
        self.cell[c].map(|a| a as usize)
    }

    /// Whether applicant `a` has any slot in round `t`.
    pub fn busy(&self, a: usize, t: usize) -> bool {
        let i = a * self.m.rounds + t;
        self.fixed_busy[i] > 0 || self.seat[i].is_some()
    }

    /// Whether applicant `a` may enter room `r` at all, given where they have been: not twice,
    /// not an interviewer twice, not a conflicted interviewer.
    pub fn room_open(&self, a: usize, r: usize) -> bool {
        let m = self.m;
        let people = m.interviewers.len();
        self.visits[a * m.rooms.len() + r] == 0
            && !m.is_forbidden(a, r)
            && m.room_interviewers[r]
                .iter()
                .all(|&i| self.meets[a * people + i] == 0)
    }

    /// Whether a movable slot of `a` in round `t`, room `r` breaks no hard rule.
    pub fn can_place(&self, a: usize, t: usize, r: usize) -> bool {
        self.cell_free(t, r) && !self.busy(a, t) && self.room_open(a, r)
    }

    /// Whether applicant `a` still wants an interview.
    pub fn short(&self, a: usize) -> bool {
        self.got[a] < u32::from(self.m.wanted(a))
    }

    /// Places a movable slot (the caller checked [`State::can_place`]).
    pub fn place(&mut self, a: usize, t: usize, r: usize) {
        self.apply(a, t, r, true);
        self.log.push(Step::Placed(a, t, r));
    }

    /// Removes the movable slot of `a` in round `t`, room `r`.
    pub fn remove(&mut self, a: usize, t: usize, r: usize) {
        self.apply(a, t, r, false);
        self.log.push(Step::Removed(a, t, r));
    }

    /// The score with a movable slot of `a` placed in round `t`, room `r` (which
    /// [`State::can_place`] allows), leaving the schedule as it was.
    pub fn score_with(&mut self, a: usize, t: usize, r: usize) -> Score {
        self.apply(a, t, r, true);
        let score = self.score();
        self.apply(a, t, r, false);
        score
    }

    /// Forgets the steps so far: what was done stays.
    pub fn commit(&mut self) {
        self.log.clear();
    }

    /// Undoes every step since the last [`State::commit`].
    pub fn rollback(&mut self) {
        while let Some(step) = self.log.pop() {
            match step {
                Step::Placed(a, t, r) => self.apply(a, t, r, false),
                Step::Removed(a, t, r) => self.apply(a, t, r, true),
            }
        }
    }

    fn apply(&mut self, a: usize, t: usize, r: usize, add: bool) {
        let c = self.cell_index(t, r);
        let (occupant, room) = if add {
            (Some(a as u32), Some(r as u32))
        } else {
            (None, None)
        };
        self.cell[c] = occupant;
        if add {
            self.free_in_round[t] -= 1;
        } else {
            self.free_in_round[t] += 1;
        }
        self.seat[a * self.m.rounds + t] = room;
        self.count(a, t, r, add);
        self.track_change(a, c, add);
    }

    fn count(&mut self, a: usize, t: usize, r: usize, add: bool) {
        let m = self.m;
        let people = m.interviewers.len();
        let bump = |x: &mut u32| {
            if add {
                *x += 1;
            } else {
                *x -= 1;
            }
        };
        bump(&mut self.visits[a * m.rooms.len() + r]);
        for &i in &m.room_interviewers[r] {
            bump(&mut self.meets[a * people + i]);
            bump(&mut self.load[i]);
        }
        if m.is_late(t) {
            bump(&mut self.late[a]);
        }
        let wanted = u32::from(m.wanted(a));
        if add {
            if a < m.listed && self.got[a] < wanted {
                self.unmet -= 1;
            }
            self.got[a] += 1;
        } else {
            self.got[a] -= 1;
            if a < m.listed && self.got[a] < wanted {
                self.unmet += 1;
            }
        }
        let slots_in_round =
            self.fixed_busy[a * m.rounds + t] + u32::from(self.seat[a * m.rounds + t].is_some());
        match (add, slots_in_round) {
            (true, 1) => self.mark_round(a, t, true),
            (false, 0) => self.mark_round(a, t, false),
            _ => {}
        }
    }

    fn track_change(&mut self, a: usize, c: usize, add: bool) {
        let Some(draft) = &self.draft else {
            return;
        };
        let before = self.removed[a].max(self.added[a]);
        let was_there = draft[c] == Some(a as u32);
        match (was_there, add) {
            (true, true) => self.removed[a] -= 1,
            (true, false) => self.removed[a] += 1,
            (false, true) => self.added[a] += 1,
            (false, false) => self.added[a] -= 1,
        }
        let after = self.removed[a].max(self.added[a]);
        self.changes = self.changes + after - before;
    }

    /// Round `t` of applicant `a` just became busy (or free): the run of free rounds around it
    /// splits (or the two around it join), and the bunching follows. Only the neighbouring
    /// runs are walked, not the whole day.
    fn mark_round(&mut self, a: usize, t: usize, busy: bool) {
        let rounds = self.m.rounds;
        let left = (0..t).rev().take_while(|&u| !self.busy(a, u)).count() as u64;
        let right = (t + 1..rounds).take_while(|&u| !self.busy(a, u)).count() as u64;
        let joined = (left + 1 + right) * (left + 1 + right);
        let split = left * left + right * right;
        if busy {
            self.free_runs[a] = self.free_runs[a] + split - joined;
            self.busy_rounds[a] += 1;
        } else {
            self.free_runs[a] = self.free_runs[a] + joined - split;
            self.busy_rounds[a] -= 1;
        }
        // The least Σ len²: the free rounds shared as evenly as can be over the gaps around
        // the busy ones.
        let busy_rounds = self.busy_rounds[a];
        let free = rounds as u64 - busy_rounds;
        let gaps = free.min(busy_rounds + 1);
        let least = match (free.checked_div(gaps), free.checked_rem(gaps)) {
            (Some(q), Some(rem)) => rem * (q + 1) * (q + 1) + (gaps - rem) * q * q,
            _ => 0,
        };
        let excess = self.free_runs[a].saturating_sub(least);
        self.bunching_total = self.bunching_total + excess - self.bunching[a];
        self.bunching[a] = excess;
    }

    /// The score of the schedule as it stands.
    pub fn score(&self) -> Score {
        let (load_spread, load_var) = spread(self.load.iter().copied());
        let (late_spread, late_var) = spread(self.late[..self.m.listed].iter().copied());
        Score {
            unmet: self.unmet,
            changes: self.changes,
            load_excess: load_spread.saturating_sub(1),
            load_var,
            bunching: self.bunching_total,
            late_spread,
            late_var,
        }
    }

    /// The movable slots, as `(applicant, round, room)`, by round then room.
    pub fn movable(&self) -> Vec<(usize, usize, usize)> {
        let rooms = self.m.rooms.len();
        self.cell
            .iter()
            .enumerate()
            .filter_map(|(c, a)| a.map(|a| (a as usize, c / rooms, c % rooms)))
            .collect()
    }

    /// The movable slots as grid slots.
    pub fn movable_slots(&self) -> Vec<Slot> {
        self.movable()
            .into_iter()
            .map(|(a, t, r)| self.m.slot(a, t, r))
            .collect()
    }
}

/// Max − min, and n·Σx² − (Σx)², of `xs` (0 and 0 when empty).
fn spread(xs: impl Iterator<Item = u32>) -> (u32, u64) {
    let (mut lo, mut hi, mut n, mut sum, mut squares) = (u32::MAX, 0u32, 0u64, 0u64, 0u64);
    for x in xs {
        lo = lo.min(x);
        hi = hi.max(x);
        n += 1;
        sum += u64::from(x);
        squares += u64::from(x) * u64::from(x);
    }
    if n == 0 {
        return (0, 0);
    }
    (hi - lo, (n * squares).saturating_sub(sum * sum))
}
