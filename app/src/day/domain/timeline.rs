//! When each round of a day starts and ends: the day's start, the interview length, the
//! passing time between rounds and the breaks. The end of the day is computed, not entered.

use super::grid::Round;
use crate::error::AppError;
use chrono::{Duration, NaiveTime};
use serde::{Deserialize, Serialize};

/// The longest interview, passing time and break, in minutes, and the most rounds.
pub const MAX_INTERVIEW_MINUTES: u16 = 240;
pub const MAX_PASSING_MINUTES: u16 = 60;
pub const MAX_BREAK_MINUTES: u16 = 180;
pub const MAX_ROUNDS: Round = 50;

/// A break after a round (counted from 1: "after round 3"). It takes the place of the passing
/// time after that round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Break {
    pub after_round: Round,
    pub minutes: u16,
    pub label: String,
}

/// The shape of a day in time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPlan {
    #[serde(deserialize_with = "crate::wire::time")]
    pub start: NaiveTime,
    pub interview_minutes: u16,
    pub passing_minutes: u16,
    pub rounds: Round,
    /// Sorted by round, at most one after each round.
    pub breaks: Vec<Break>,
}

/// One line of the day's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stretch {
    /// A round (from 0; shown from 1).
    Round {
        round: Round,
        #[serde(deserialize_with = "crate::wire::time")]
        start: NaiveTime,
        #[serde(deserialize_with = "crate::wire::time")]
        end: NaiveTime,
    },
    Break {
        label: String,
        #[serde(deserialize_with = "crate::wire::time")]
        start: NaiveTime,
        #[serde(deserialize_with = "crate::wire::time")]
        end: NaiveTime,
    },
}

impl Default for DayPlan {
    fn default() -> Self {
        DayPlan {
            start: NaiveTime::from_hms_opt(8, 0, 0).expect("a time"),
            interview_minutes: 20,
            passing_minutes: 5,
            rounds: 6,
            breaks: Vec::new(),
        }
    }
}

impl DayPlan {
    /// Checks the plan: lengths within bounds, breaks after a round that has a next one, one
    /// break per round, and the whole day ending before midnight.
    pub fn validate(mut self) -> Result<DayPlan, AppError> {
        let field = |name: &str, message: String| AppError::Invalid {
            field: Some(name.to_string()),
            message,
        };
        if !(5..=MAX_INTERVIEW_MINUTES).contains(&self.interview_minutes) {
            return Err(field(
                "interview_minutes",
                format!("An interview lasts 5 to {MAX_INTERVIEW_MINUTES} minutes."),
            ));
        }
        if self.passing_minutes > MAX_PASSING_MINUTES {
            return Err(field(
                "passing_minutes",
                format!("Passing time is 0 to {MAX_PASSING_MINUTES} minutes."),
            ));
        }
        if !(1..=MAX_ROUNDS).contains(&self.rounds) {
            return Err(field(
                "rounds",
                format!("A day has 1 to {MAX_ROUNDS} rounds."),
            ));
        }
        self.breaks.sort_unstable_by_key(|b| b.after_round);
        for (i, b) in self.breaks.iter().enumerate() {
            if b.after_round < 1 || b.after_round >= self.rounds {
                return Err(field(
                    "breaks",
                    format!(
                        "A break comes after a round from 1 to {}, so that a round follows it.",
                        self.rounds.saturating_sub(1).max(1)
                    ),
                ));
            }
            if !(5..=MAX_BREAK_MINUTES).contains(&b.minutes) {
                return Err(field(
                    "breaks",
                    format!("A break lasts 5 to {MAX_BREAK_MINUTES} minutes."),
                ));
            }
            if i > 0 && self.breaks[i - 1].after_round == b.after_round {
                return Err(field(
                    "breaks",
                    format!("There is already a break after round {}.", b.after_round),
                ));
            }
        }
        if self.try_timeline().is_none() {
            return Err(field(
                "rounds",
                "The day would run past midnight: start earlier, or use fewer or shorter rounds."
                    .into(),
            ));
        }
        Ok(self)
    }

    /// Rounds and breaks in order, with their times; `None` when the day runs past midnight.
    pub fn try_timeline(&self) -> Option<Vec<Stretch>> {
        let mut out = Vec::new();
        let mut at = self.start;
        let add = |t: NaiveTime, minutes: u16| {
            let (next, wrapped) = t.overflowing_add_signed(Duration::minutes(minutes.into()));
            (wrapped == 0).then_some(next)
        };
        for round in 0..self.rounds {
            let end = add(at, self.interview_minutes)?;
            out.push(Stretch::Round {
                round,
                start: at,
                end,
            });
            at = end;
            if round + 1 == self.rounds {
                break;
            }
            match self.breaks.iter().find(|b| b.after_round == round + 1) {
                Some(b) => {
                    let end = add(at, b.minutes)?;
                    out.push(Stretch::Break {
                        label: b.label.clone(),
                        start: at,
                        end,
                    });
                    at = end;
                }
                None => at = add(at, self.passing_minutes)?,
            }
        }
        Some(out)
    }

    /// The timeline of a validated plan.
    pub fn timeline(&self) -> Vec<Stretch> {
        self.try_timeline().unwrap_or_default()
    }

    /// When round `round` (from 0) starts and ends.
    pub fn round_times(&self, round: Round) -> Option<(NaiveTime, NaiveTime)> {
        self.timeline().into_iter().find_map(|s| match s {
            Stretch::Round {
                round: r,
                start,
                end,
            } if r == round => Some((start, end)),
            _ => None,
        })
    }

    /// When the last round ends.
    pub fn end(&self) -> NaiveTime {
        match self.timeline().last() {
            Some(Stretch::Round { end, .. } | Stretch::Break { end, .. }) => *end,
            None => self.start,
        }
    }

    /// The rounds in the last third of the day (where scores run lower), from 0.
    pub fn late_rounds(&self) -> std::ops::Range<Round> {
        late_rounds(self.rounds)
    }
}

/// The last third of `rounds` rounds (rounded down, at least one round when there are three).
pub fn late_rounds(rounds: Round) -> std::ops::Range<Round> {
    (rounds - rounds / 3)..rounds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn rounds_passing_time_and_a_lunch_break_add_up() {
        let plan = DayPlan {
            start: t(8, 0),
            interview_minutes: 20,
            passing_minutes: 5,
            rounds: 4,
            breaks: vec![Break {
                after_round: 2,
                minutes: 45,
                label: "Lunch".into(),
            }],
        }
        .validate()
        .unwrap();
        assert_eq!(
            plan.timeline(),
            vec![
                Stretch::Round {
                    round: 0,
                    start: t(8, 0),
                    end: t(8, 20)
                },
                Stretch::Round {
                    round: 1,
                    start: t(8, 25),
                    end: t(8, 45)
                },
                Stretch::Break {
                    label: "Lunch".into(),
                    start: t(8, 45),
                    end: t(9, 30)
                },
                Stretch::Round {
                    round: 2,
                    start: t(9, 30),
                    end: t(9, 50)
                },
                Stretch::Round {
                    round: 3,
                    start: t(9, 55),
                    end: t(10, 15)
                },
            ]
        );
        assert_eq!(plan.end(), t(10, 15));
        assert_eq!(plan.round_times(2), Some((t(9, 30), t(9, 50))));
    }

    #[test]
    fn bad_plans_are_refused_with_the_field_named() {
        let base = DayPlan::default();
        let field_of = |p: DayPlan| match p.validate() {
            Err(AppError::Invalid { field, .. }) => field.unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field_of(DayPlan {
                interview_minutes: 2,
                ..base.clone()
            }),
            "interview_minutes"
        );
        assert_eq!(
            field_of(DayPlan {
                rounds: 0,
                ..base.clone()
            }),
            "rounds"
        );
        let lunch = |after_round| Break {
            after_round,
            minutes: 30,
            label: "Lunch".into(),
        };
        assert_eq!(
            field_of(DayPlan {
                breaks: vec![lunch(6)],
                ..base.clone()
            }),
            "breaks",
            "no break after the last round"
        );
        assert_eq!(
            field_of(DayPlan {
                breaks: vec![lunch(2), lunch(2)],
                ..base.clone()
            }),
            "breaks"
        );
        assert_eq!(
            field_of(DayPlan {
                start: t(22, 0),
                rounds: 10,
                ..base
            }),
            "rounds",
            "past midnight"
        );
    }

    #[test]
    fn the_late_third() {
        assert_eq!(late_rounds(12), 8..12);
        assert_eq!(late_rounds(3), 2..3);
        assert_eq!(late_rounds(2), 2..2);
    }
}
