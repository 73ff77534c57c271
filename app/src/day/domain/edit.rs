//! Manual edits of the draft, shared by the browser (which builds them and shows them at once)
//! and the server (which saves them when every cell is still as its author saw it).
//!
//! Every edit — a move, a swap, an undo, a redo — is one [`CellsEdit`]: these cells, seen at
//! these versions, now hold these applicants. Versions come from one counter per draft, so a
//! cell's version only ever grows and a stale edit can never pass for a fresh one.

use super::grid::{Round, Slot};
use crate::ids::{ApplicantId, DraftVersion, RoomId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A cell of the grid: a room in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Cell {
    pub round: Round,
    pub room: RoomId,
}

/// A cell as the draft holds it. A cell never written has version 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellState {
    pub cell: Cell,
    pub applicant: Option<ApplicantId>,
    /// Placed by hand: regenerating keeps it.
    pub pinned: bool,
    pub version: DraftVersion,
}

impl CellState {
    /// The slot, when the cell is occupied.
    pub fn slot(&self) -> Option<Slot> {
        self.applicant.map(|applicant| Slot {
            round: self.cell.round,
            room: self.cell.room,
            applicant,
        })
    }
}

/// One cell of an edit: as its author saw it (`version`), and what it holds after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellWrite {
    pub round: Round,
    pub room: RoomId,
    pub version: DraftVersion,
    #[serde(default)]
    pub applicant: Option<ApplicantId>,
}

impl CellWrite {
    pub fn cell(&self) -> Cell {
        Cell {
            round: self.round,
            room: self.room,
        }
    }
}

/// An edit of the draft (`edit[cells][0][round]` …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellsEdit {
    #[serde(default)]
    pub cells: Vec<CellWrite>,
}

/// The draft as a map of cells, for building edits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub cells: BTreeMap<Cell, CellState>,
}

impl Draft {
    pub fn new(cells: impl IntoIterator<Item = CellState>) -> Draft {
        Draft {
            cells: cells.into_iter().map(|c| (c.cell, c)).collect(),
        }
    }

    pub fn at(&self, cell: Cell) -> Option<ApplicantId> {
        self.cells.get(&cell).and_then(|c| c.applicant)
    }

    pub fn version(&self, cell: Cell) -> DraftVersion {
        self.cells.get(&cell).map_or(DraftVersion(0), |c| c.version)
    }

    /// The occupied cells as slots.
    pub fn slots(&self) -> Vec<Slot> {
        self.cells.values().filter_map(CellState::slot).collect()
    }

    /// Moves the applicant in `from` (or, `from` being `None`, `applicant` from the
    /// unscheduled list) to `to` (or back to the unscheduled list). An occupied `to` swaps: its
    /// applicant goes to `from`, or to the unscheduled list. `None` when there is nothing to do.
    pub fn moving(
        &self,
        applicant: ApplicantId,
        from: Option<Cell>,
        to: Option<Cell>,
    ) -> Option<CellsEdit> {
        if from == to {
            return None;
        }
        if let Some(f) = from {
            if self.at(f) != Some(applicant) {
                return None;
            }
        }
        let mut cells = Vec::new();
        if let Some(t) = to {
            cells.push(self.write(t, Some(applicant)));
        }
        if let Some(f) = from {
            cells.push(self.write(f, to.and_then(|t| self.at(t))));
        }
        Some(CellsEdit { cells })
    }

    /// The edit that puts `cells` back as they are here (an undo, once they have changed):
    /// only the cells `now` holds otherwise, so an undo never writes (and pins) a cell it
    /// does not change.
    pub fn restoring(&self, cells: &[Cell], now: &Draft) -> CellsEdit {
        CellsEdit {
            cells: cells
                .iter()
                .filter(|c| self.at(**c) != now.at(**c))
                .map(|c| CellWrite {
                    round: c.round,
                    room: c.room,
                    version: now.version(*c),
                    applicant: self.at(*c),
                })
                .collect(),
        }
    }

    fn write(&self, cell: Cell, applicant: Option<ApplicantId>) -> CellWrite {
        CellWrite {
            round: cell.round,
            room: cell.room,
            version: self.version(cell),
            applicant,
        }
    }

    /// The cells an edit would leave (for showing it at once), with `version` as their version.
    pub fn with(&self, edit: &CellsEdit, version: DraftVersion, pinned: bool) -> Draft {
        let mut next = self.clone();
        for w in &edit.cells {
            next.cells.insert(
                w.cell(),
                CellState {
                    cell: w.cell(),
                    applicant: w.applicant,
                    pinned: pinned && w.applicant.is_some(),
                    version,
                },
            );
        }
        next
    }

    /// The cells of an edit that are no longer as its author saw them.
    pub fn stale(&self, edit: &CellsEdit) -> Vec<Cell> {
        edit.cells
            .iter()
            .filter(|w| self.version(w.cell()) != w.version)
            .map(|w| w.cell())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(round: Round, room: i64) -> Cell {
        Cell {
            round,
            room: RoomId(room),
        }
    }

    fn draft() -> Draft {
        Draft::new([
            CellState {
                cell: cell(0, 1),
                applicant: Some(ApplicantId(7)),
                pinned: false,
                version: DraftVersion(3),
            },
            CellState {
                cell: cell(0, 2),
                applicant: Some(ApplicantId(8)),
                pinned: false,
                version: DraftVersion(4),
            },
        ])
    }

    #[test]
    fn a_move_to_a_free_cell_and_a_swap() {
        let d = draft();
        let free = d
            .moving(ApplicantId(7), Some(cell(0, 1)), Some(cell(1, 1)))
            .unwrap();
        assert_eq!(
            free.cells,
            vec![
                CellWrite {
                    round: 1,
                    room: RoomId(1),
                    version: DraftVersion(0),
                    applicant: Some(ApplicantId(7))
                },
                CellWrite {
                    round: 0,
                    room: RoomId(1),
                    version: DraftVersion(3),
                    applicant: None
                },
            ]
        );
        let swap = d
            .moving(ApplicantId(7), Some(cell(0, 1)), Some(cell(0, 2)))
            .unwrap();
        let after = d.with(&swap, DraftVersion(5), true);
        assert_eq!(after.at(cell(0, 1)), Some(ApplicantId(8)));
        assert_eq!(after.at(cell(0, 2)), Some(ApplicantId(7)));
        assert!(d.moving(ApplicantId(9), Some(cell(0, 1)), None).is_none());
        assert!(d
            .moving(ApplicantId(7), Some(cell(0, 1)), Some(cell(0, 1)))
            .is_none());
    }

    #[test]
    fn undo_restores_and_a_stale_edit_is_found() {
        let before = draft();
        let swap = before
            .moving(ApplicantId(7), Some(cell(0, 1)), Some(cell(0, 2)))
            .unwrap();
        let after = before.with(&swap, DraftVersion(5), true);
        let undo = before.restoring(&[cell(0, 1), cell(0, 2)], &after);
        assert!(after.stale(&undo).is_empty());
        let back = after.with(&undo, DraftVersion(6), true);
        assert_eq!(back.slots(), before.slots());
        // A cell free before and filled since (one the draft had no row for) is freed; a cell
        // that did not change is not written.
        let filled = after.with(
            &after
                .moving(ApplicantId(9), None, Some(cell(1, 1)))
                .unwrap(),
            DraftVersion(7),
            true,
        );
        let undo = before.restoring(&[cell(0, 1), cell(0, 2), cell(1, 1)], &filled);
        assert_eq!(
            undo.cells
                .iter()
                .map(|w| (w.cell(), w.applicant))
                .collect::<Vec<_>>(),
            vec![
                (cell(0, 1), Some(ApplicantId(7))),
                (cell(0, 2), Some(ApplicantId(8))),
                (cell(1, 1), None)
            ]
        );
        assert!(before.restoring(&[cell(0, 1)], &before).cells.is_empty());
        // The swap again, made on the old versions: stale.
        assert_eq!(back.stale(&swap).len(), 2);
    }

    mod concurrent {
        use super::super::*;
        use crate::day::domain::grid::{check, DayShape, RoomSeats};
        use crate::ids::UserId;
        use proptest::prelude::*;

        /// What a coordinator does: moves an applicant (by index) from a cell or the unscheduled
        /// list to a cell or the unscheduled list, or refreshes their view.
        #[derive(Debug, Clone)]
        enum Op {
            Move {
                client: usize,
                applicant: usize,
                from: Option<(u16, usize)>,
                to: Option<(u16, usize)>,
            },
            Refresh(usize),
        }

        fn op(rounds: u16, rooms: usize, applicants: usize) -> impl Strategy<Value = Op> {
            let cell = proptest::option::weighted(0.8, (0..rounds, 0..rooms));
            prop_oneof![
                4 => (0..3usize, 0..applicants, cell.clone(), cell).prop_map(
                    |(client, applicant, from, to)| Op::Move { client, applicant, from, to }
                ),
                1 => (0..3usize).prop_map(Op::Refresh),
            ]
        }

        fn day() -> impl Strategy<Value = (u16, usize, usize, Vec<Op>)> {
            (2u16..6, 2usize..5, 2usize..6).prop_flat_map(|(rounds, rooms, applicants)| {
                (
                    Just(rounds),
                    Just(rooms),
                    Just(applicants),
                    proptest::collection::vec(op(rounds, rooms, applicants), 1..60),
                )
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// Three coordinators edit one draft, each from their own (possibly stale) view; the
            /// server takes an edit only when every cell is as its author saw it. Whatever the
            /// order: no stale edit lands, replaying the accepted edits gives the same draft,
            /// and every rule the draft breaks is marked on one of its cells.
            #[test]
            fn any_sequence_of_concurrent_edits_leaves_every_violation_marked(
                (rounds, rooms, _applicants, ops) in day()
            ) {
                let shape = DayShape {
                    rooms: (0..rooms)
                        .map(|r| RoomSeats {
                            id: RoomId(r as i64 + 1),
                            // Rooms 1 and 2 share an interviewer: "meets twice" can happen.
                            interviewers: vec![UserId(if r == 1 { 1 } else { r as i64 + 1 })],
                        })
                        .collect(),
                    rounds,
                    conflicts: vec![crate::day::domain::grid::ConflictPair {
                        interviewer: UserId(1),
                        applicant: ApplicantId(1),
                    }],
                };
                let cell_of = |(round, room): (u16, usize)| Cell { round, room: RoomId(room as i64 + 1) };
                let mut server = Draft::default();
                let mut counter = 0i64;
                let mut views = vec![Draft::default(); 3];
                let mut accepted: Vec<CellsEdit> = Vec::new();
                for o in ops {
                    match o {
                        Op::Refresh(c) => views[c] = server.clone(),
                        Op::Move { client, applicant, from, to } => {
                            let who = ApplicantId(applicant as i64 + 1);
                            let Some(edit) = views[client].moving(who, from.map(cell_of), to.map(cell_of)) else {
                                continue;
                            };
                            if server.stale(&edit).is_empty() {
                                counter += 1;
                                server = server.with(&edit, DraftVersion(counter), true);
                                accepted.push(edit);
                                views[client] = server.clone();
                            } else {
                                // Refused: the author sees the draft as it is.
                                views[client] = server.clone();
                            }
                        }
                    }
                }
                let mut replay = Draft::default();
                for (i, e) in accepted.iter().enumerate() {
                    prop_assert!(replay.stale(e).is_empty(), "an accepted edit was stale");
                    replay = replay.with(e, DraftVersion(i as i64 + 1), true);
                }
                prop_assert_eq!(&replay, &server);
                let slots = server.slots();
                for v in check(&shape, &slots) {
                    prop_assert!(slots.iter().any(|s| v.involves(s)), "{v:?} is not marked");
                }
                for c in server.cells.values() {
                    prop_assert!(c.version <= DraftVersion(counter));
                }
            }
        }
    }
}
