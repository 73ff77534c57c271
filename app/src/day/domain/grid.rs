//! The interview grid and its hard rules, shared by the server (the generator, saving a draft)
//! and the browser (flagging conflicts while a coordinator edits).

use crate::ids::{ApplicantId, RoomId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A round of the day, counted from 0 (shown to people from 1).
pub type Round = u16;

/// A room as the grid sees it: who sits in it (one interviewer, or a panel fixed for the day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomSeats {
    pub id: RoomId,
    pub interviewers: Vec<UserId>,
}

/// One interview: in `round`, `applicant` is in `room`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Slot {
    pub round: Round,
    pub room: RoomId,
    pub applicant: ApplicantId,
}

/// An (interviewer, applicant) pair that must never meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ConflictPair {
    pub interviewer: UserId,
    pub applicant: ApplicantId,
}

/// The day the grid is checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayShape {
    pub rooms: Vec<RoomSeats>,
    pub rounds: Round,
    pub conflicts: Vec<ConflictPair>,
}

/// A hard rule a grid breaks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Violation {
    /// A slot in a round or room the day does not have.
    OutsideTheDay { slot: Slot },
    /// A room hosts more than one applicant in a round.
    RoomTaken {
        round: Round,
        room: RoomId,
        applicants: Vec<ApplicantId>,
    },
    /// An applicant is in more than one room in a round.
    TwoPlacesAtOnce {
        round: Round,
        applicant: ApplicantId,
        rooms: Vec<RoomId>,
    },
    /// An applicant visits a room twice.
    SameRoomTwice {
        applicant: ApplicantId,
        room: RoomId,
    },
    /// An applicant meets an interviewer twice (in two rooms that share them).
    SameInterviewerTwice {
        applicant: ApplicantId,
        interviewer: UserId,
    },
    /// An applicant meets an interviewer they must never meet.
    Conflict {
        applicant: ApplicantId,
        interviewer: UserId,
        round: Round,
        room: RoomId,
    },
}

impl Violation {
    /// The slots this violation is about (to flag them in the grid).
    pub fn involves(&self, slot: &Slot) -> bool {
        match self {
            Violation::OutsideTheDay { slot: s } => s == slot,
            Violation::RoomTaken {
                round,
                room,
                applicants,
            } => slot.round == *round && slot.room == *room && applicants.contains(&slot.applicant),
            Violation::TwoPlacesAtOnce {
                round, applicant, ..
            } => slot.round == *round && slot.applicant == *applicant,
            Violation::SameRoomTwice { applicant, room } => {
                slot.applicant == *applicant && slot.room == *room
            }
            Violation::SameInterviewerTwice { applicant, .. } => slot.applicant == *applicant,
            Violation::Conflict {
                applicant,
                round,
                room,
                ..
            } => slot.applicant == *applicant && slot.round == *round && slot.room == *room,
        }
    }
}

/// Every hard rule `slots` break on `day`, each once, in a stable order.
pub fn check(day: &DayShape, slots: &[Slot]) -> Vec<Violation> {
    let rooms: HashMap<RoomId, &RoomSeats> = day.rooms.iter().map(|r| (r.id, r)).collect();
    let conflicts: HashSet<(UserId, ApplicantId)> = day
        .conflicts
        .iter()
        .map(|c| (c.interviewer, c.applicant))
        .collect();
    let mut out = Vec::new();
    let mut by_room_round: HashMap<(Round, RoomId), Vec<ApplicantId>> = HashMap::new();
    let mut by_applicant_round: HashMap<(Round, ApplicantId), Vec<RoomId>> = HashMap::new();
    let mut visits: HashMap<(ApplicantId, RoomId), u32> = HashMap::new();
    // Per (applicant, interviewer): how often they meet, and in which rooms.
    let mut meetings: HashMap<(ApplicantId, UserId), (u32, HashSet<RoomId>)> = HashMap::new();
    let mut sorted = slots.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    for s in &sorted {
        let Some(room) = rooms.get(&s.room).filter(|_| s.round < day.rounds) else {
            out.push(Violation::OutsideTheDay { slot: *s });
            continue;
        };
        by_room_round
            .entry((s.round, s.room))
            .or_default()
            .push(s.applicant);
        by_applicant_round
            .entry((s.round, s.applicant))
            .or_default()
            .push(s.room);
        *visits.entry((s.applicant, s.room)).or_default() += 1;
        for i in &room.interviewers {
            let meeting = meetings.entry((s.applicant, *i)).or_default();
            meeting.0 += 1;
            meeting.1.insert(s.room);
            if conflicts.contains(&(*i, s.applicant)) {
                out.push(Violation::Conflict {
                    applicant: s.applicant,
                    interviewer: *i,
                    round: s.round,
                    room: s.room,
                });
            }
        }
    }
    for ((round, room), applicants) in by_room_round {
        if applicants.len() > 1 {
            out.push(Violation::RoomTaken {
                round,
                room,
                applicants,
            });
        }
    }
    for ((round, applicant), rooms) in by_applicant_round {
        if rooms.len() > 1 {
            out.push(Violation::TwoPlacesAtOnce {
                round,
                applicant,
                rooms,
            });
        }
    }
    for ((applicant, room), n) in visits {
        if n > 1 {
            out.push(Violation::SameRoomTwice { applicant, room });
        }
    }
    // A room visited twice already meets its interviewers twice: name only the meetings that
    // come from two different rooms sharing an interviewer. (The rooms are gathered while
    // walking the slots: rescanning every slot per meeting was quadratic in the grid.)
    for ((applicant, interviewer), (n, rooms_with_them)) in meetings {
        if n > 1 && rooms_with_them.len() > 1 {
            out.push(Violation::SameInterviewerTwice {
                applicant,
                interviewer,
            });
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Three rooms (the second a panel sharing the first's interviewer), three rounds, and a
    /// conflict between the third room's interviewer and applicant 7.
    pub(crate) fn day() -> DayShape {
        DayShape {
            rooms: vec![
                RoomSeats {
                    id: RoomId(1),
                    interviewers: vec![UserId(10)],
                },
                RoomSeats {
                    id: RoomId(2),
                    interviewers: vec![UserId(20), UserId(10)],
                },
                RoomSeats {
                    id: RoomId(3),
                    interviewers: vec![UserId(30)],
                },
            ],
            rounds: 3,
            conflicts: vec![ConflictPair {
                interviewer: UserId(30),
                applicant: ApplicantId(7),
            }],
        }
    }

    pub(crate) fn slot(round: Round, room: i64, applicant: i64) -> Slot {
        Slot {
            round,
            room: RoomId(room),
            applicant: ApplicantId(applicant),
        }
    }

    #[test]
    fn a_valid_grid_breaks_nothing() {
        let slots = [slot(0, 1, 1), slot(1, 3, 1), slot(0, 3, 2), slot(1, 2, 2)];
        assert_eq!(check(&day(), &slots), vec![]);
    }

    #[test]
    fn each_rule_is_named() {
        let v = check(&day(), &[slot(0, 1, 1), slot(0, 1, 2)]);
        assert_eq!(
            v,
            vec![Violation::RoomTaken {
                round: 0,
                room: RoomId(1),
                applicants: vec![ApplicantId(1), ApplicantId(2)]
            }]
        );
        let v = check(&day(), &[slot(0, 1, 1), slot(0, 3, 1)]);
        assert!(matches!(
            v[..],
            [Violation::TwoPlacesAtOnce { round: 0, .. }]
        ));
        let v = check(&day(), &[slot(0, 3, 1), slot(2, 3, 1)]);
        assert_eq!(
            v,
            vec![Violation::SameRoomTwice {
                applicant: ApplicantId(1),
                room: RoomId(3)
            }]
        );
        // Rooms 1 and 2 share interviewer 10.
        let v = check(&day(), &[slot(0, 1, 1), slot(1, 2, 1)]);
        assert_eq!(
            v,
            vec![Violation::SameInterviewerTwice {
                applicant: ApplicantId(1),
                interviewer: UserId(10)
            }]
        );
        let v = check(&day(), &[slot(2, 3, 7)]);
        assert_eq!(
            v,
            vec![Violation::Conflict {
                applicant: ApplicantId(7),
                interviewer: UserId(30),
                round: 2,
                room: RoomId(3)
            }]
        );
        let v = check(&day(), &[slot(3, 1, 1), slot(0, 9, 1)]);
        assert_eq!(v.len(), 2);
        assert!(v
            .iter()
            .all(|v| matches!(v, Violation::OutsideTheDay { .. })));
    }

    #[test]
    fn a_violation_names_its_slots() {
        let v = check(&day(), &[slot(0, 1, 1), slot(0, 1, 2), slot(1, 1, 3)]);
        assert!(v[0].involves(&slot(0, 1, 2)));
        assert!(!v[0].involves(&slot(1, 1, 3)));
    }
}
