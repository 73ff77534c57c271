//! The day clock's rules, pure: a running day is its published phases (rounds, passing times,
//! breaks) plus the events a coordinator stored (start, pauses, resumes, extensions, early ends,
//! skips). Where the day is at any instant — which phase, since when, until when, how far
//! behind — follows from those two alone, so nothing lives only in memory: a restart (or another
//! instance) computes the same answer.

use crate::day::domain::grid::Round;
use crate::itinerary::domain::Stretch;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// What a phase of the day is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhaseKind {
    /// A round of interviews (from 0; shown from 1).
    Round(Round),
    /// The passing time after a round, while people change rooms.
    Passing,
    /// A break, by its label.
    Break(String),
}

/// One phase as published: its place in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub kind: PhaseKind,
    pub planned_start: DateTime<Utc>,
    pub planned_end: DateTime<Utc>,
}

impl Phase {
    fn planned_len(&self) -> Duration {
        self.planned_end - self.planned_start
    }
}

/// The phases of a published day from its rounds and breaks (in time order): a gap between two
/// of them is a passing time.
pub fn phases(stretches: &[Stretch]) -> Vec<Phase> {
    let mut out: Vec<Phase> = Vec::new();
    for Stretch {
        round,
        label,
        starts_at: start,
        ends_at: end,
        ..
    } in stretches
    {
        if let Some(last) = out.last() {
            if *start > last.planned_end {
                out.push(Phase {
                    kind: PhaseKind::Passing,
                    planned_start: last.planned_end,
                    planned_end: *start,
                });
            }
        }
        out.push(Phase {
            kind: match round {
                Some(r) => PhaseKind::Round(*r),
                None => PhaseKind::Break(label.clone()),
            },
            planned_start: *start,
            planned_end: *end,
        });
    }
    out
}

/// What a coordinator did to the running day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// The day begins: its first phase starts now.
    Start,
    /// Everything stops: the current phase's time left is kept.
    Pause,
    /// Time runs again; everything after shifts by the pause.
    Resume,
    /// The current phase lasts this many seconds more (every room: the rest of the day shifts).
    Extend(i64),
    /// The current phase ends now; the next (a passing time, say) follows as planned.
    EndEarly,
    /// On to the next round or break now, passing time included.
    Skip,
}

/// An action at its instant, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub action: Action,
}

/// Where the day is at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Now {
    /// Not started.
    Waiting,
    /// In phase `index` (of [`phases`]), since `since`.
    Running {
        index: usize,
        since: DateTime<Utc>,
        /// When it ends, if nothing else happens.
        deadline: DateTime<Utc>,
    },
    /// Paused in phase `index`, with `left` of it to go.
    Paused {
        index: usize,
        since: DateTime<Utc>,
        left: Duration,
    },
    /// The last phase ended at this instant.
    Finished(DateTime<Utc>),
}

/// Whether an action makes sense now (the server refuses the others with a reason).
pub fn refusal(now: &Now, action: Action) -> Option<&'static str> {
    match (now, action) {
        (Now::Waiting, Action::Start) => None,
        (Now::Waiting, _) => Some("The day has not started."),
        (Now::Finished(_), _) => Some("The day is over."),
        (_, Action::Start) => Some("The day has already started."),
        (Now::Paused { .. }, Action::Pause) => Some("The day is already paused."),
        (Now::Running { .. }, Action::Resume) => Some("The day is not paused."),
        (_, Action::Extend(s)) if !(1..=3 * 3600).contains(&s) => {
            Some("Extend by 1 second to 3 hours.")
        }
        _ => None,
    }
}

/// The running state while replaying events.
#[derive(Debug, Clone, Copy)]
struct Cursor {
    index: usize,
    since: DateTime<Utc>,
    /// How long the current phase lasts (planned, plus extensions, plus pauses so far).
    len: Duration,
    paused_at: Option<DateTime<Utc>>,
}

impl Cursor {
    fn end(&self) -> DateTime<Utc> {
        self.since + self.len
    }
}

/// A replay of the day up to an instant: where it is, and when each phase so far began.
struct Replay<'a> {
    phases: &'a [Phase],
    cursor: Option<Cursor>,
    finished: Option<DateTime<Utc>>,
    began: Vec<DateTime<Utc>>,
}

impl<'a> Replay<'a> {
    fn new(phases: &'a [Phase]) -> Self {
        Replay {
            phases,
            cursor: None,
            finished: None,
            began: Vec::new(),
        }
    }

    /// Phase `index` begins at `at` (or, past the last, the day ends then).
    fn enter(&mut self, index: usize, at: DateTime<Utc>) {
        match self.phases.get(index) {
            Some(phase) => {
                self.began.push(at);
                self.cursor = Some(Cursor {
                    index,
                    since: at,
                    len: phase.planned_len(),
                    paused_at: None,
                });
            }
            None => {
                self.cursor = None;
                self.finished = Some(at);
            }
        }
    }

    /// Lets phases that ended by `t` end (none while paused).
    fn run_to(&mut self, t: DateTime<Utc>) {
        while let Some(c) = self.cursor {
            if c.paused_at.is_some() || c.end() > t {
                return;
            }
            self.enter(c.index + 1, c.end());
        }
    }

    fn apply(&mut self, e: &Event) {
        if self.finished.is_some() {
            return;
        }
        let Some(mut c) = self.cursor else {
            if e.action == Action::Start && self.began.is_empty() {
                self.enter(0, e.at);
            }
            return;
        };
        match e.action {
            Action::Start => {}
            Action::Pause => {
                c.paused_at.get_or_insert(e.at);
                self.cursor = Some(c);
            }
            Action::Resume => {
                if let Some(p) = c.paused_at.take() {
                    c.len += e.at - p;
                }
                self.cursor = Some(c);
            }
            Action::Extend(seconds) => {
                c.len += Duration::seconds(seconds);
                self.cursor = Some(c);
            }
            // The next phase begins now, and runs (a pause ends with it).
            Action::EndEarly => self.enter(c.index + 1, e.at),
            Action::Skip => {
                let next = c.index + 1;
                let passing = self
                    .phases
                    .get(next)
                    .is_some_and(|p| p.kind == PhaseKind::Passing);
                if passing {
                    self.began.push(e.at);
                    self.enter(next + 1, e.at);
                } else {
                    self.enter(next, e.at);
                }
            }
        }
    }

    fn now(&self) -> Now {
        if let Some(end) = self.finished {
            return Now::Finished(end);
        }
        match self.cursor {
            None => Now::Waiting,
            Some(c) => match c.paused_at {
                Some(p) => Now::Paused {
                    index: c.index,
                    since: c.since,
                    left: c.end() - p,
                },
                None => Now::Running {
                    index: c.index,
                    since: c.since,
                    deadline: c.end(),
                },
            },
        }
    }
}

fn replay<'a>(phases: &'a [Phase], events: &[Event], t: DateTime<Utc>) -> Replay<'a> {
    let mut r = Replay::new(phases);
    for e in events.iter().filter(|e| e.at <= t) {
        r.run_to(e.at);
        r.apply(e);
    }
    r.run_to(t);
    r
}

/// Replays `events` (in time order) over `phases` up to `t`: where the day is then.
pub fn at(phases: &[Phase], events: &[Event], t: DateTime<Utc>) -> Now {
    replay(phases, events, t).now()
}

/// When each phase starts and ends as things stand at `t`: past phases as they ran (a skipped
/// passing time lasts no time), the current one until its deadline (while paused: `t` plus its
/// time left), the rest projected from there with their planned lengths. Before the start: as
/// planned.
pub fn projected(
    phases: &[Phase],
    events: &[Event],
    t: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let r = replay(phases, events, t);
    let current_end = match r.now() {
        Now::Waiting => {
            return phases
                .iter()
                .map(|p| (p.planned_start, p.planned_end))
                .collect()
        }
        Now::Running { deadline, .. } => deadline,
        Now::Paused { left, .. } => t + left,
        Now::Finished(end) => end,
    };
    let mut out = Vec::with_capacity(phases.len());
    for (i, phase) in phases.iter().enumerate() {
        let span = match (r.began.get(i), r.began.get(i + 1)) {
            (Some(&start), Some(&next)) => (start, next),
            (Some(&start), None) => (start, current_end),
            (None, _) => {
                let start = out.last().map_or(current_end, |&(_, end)| end);
                (start, start + phase.planned_len())
            }
        };
        out.push(span);
    }
    out
}

/// How far behind the plan the current phase ends (negative: ahead), in seconds.
pub fn behind(phases: &[Phase], now: &Now, t: DateTime<Utc>) -> i64 {
    match *now {
        Now::Running {
            index, deadline, ..
        } => (deadline - phases[index].planned_end).num_seconds(),
        Now::Paused { index, left, .. } => (t + left - phases[index].planned_end).num_seconds(),
        Now::Waiting | Now::Finished(_) => 0,
    }
}

/// The next instant at which the day changes by itself (a phase ends), if it is running.
pub fn next_transition(now: &Now) -> Option<DateTime<Utc>> {
    match now {
        Now::Running { deadline, .. } => Some(*deadline),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 2, 16, h, m, s).unwrap()
    }

    fn stretch(
        round: Option<Round>,
        label: &str,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    ) -> Stretch {
        Stretch {
            round,
            label: label.into(),
            start: starts_at.time(),
            end: ends_at.time(),
            starts_at,
            ends_at,
        }
    }

    /// Round 1 8:00–8:20, Coffee 8:20–8:30, round 2 8:30–8:50, passing, round 3 8:55–9:15.
    fn day() -> Vec<Phase> {
        phases(&[
            stretch(Some(0), "Round 1", t(8, 0, 0), t(8, 20, 0)),
            stretch(None, "Coffee", t(8, 20, 0), t(8, 30, 0)),
            stretch(Some(1), "Round 2", t(8, 30, 0), t(8, 50, 0)),
            stretch(Some(2), "Round 3", t(8, 55, 0), t(9, 15, 0)),
        ])
    }

    fn ev(at: DateTime<Utc>, action: Action) -> Event {
        Event { at, action }
    }

    fn running(index: usize, since: DateTime<Utc>, deadline: DateTime<Utc>) -> Now {
        Now::Running {
            index,
            since,
            deadline,
        }
    }

    #[test]
    fn a_gap_between_rounds_is_a_passing_time() {
        let kinds: Vec<PhaseKind> = day().into_iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![
                PhaseKind::Round(0),
                PhaseKind::Break("Coffee".into()),
                PhaseKind::Round(1),
                PhaseKind::Passing,
                PhaseKind::Round(2),
            ]
        );
    }

    #[test]
    fn rounds_and_breaks_advance_by_themselves_from_the_start() {
        let d = day();
        assert_eq!(at(&d, &[], t(9, 0, 0)), Now::Waiting);
        // Started two minutes late: everything runs two minutes behind.
        let events = [ev(t(8, 2, 0), Action::Start)];
        assert_eq!(at(&d, &events, t(8, 1, 0)), Now::Waiting);
        assert_eq!(
            at(&d, &events, t(8, 10, 0)),
            running(0, t(8, 2, 0), t(8, 22, 0))
        );
        assert_eq!(
            at(&d, &events, t(8, 22, 0)),
            running(1, t(8, 22, 0), t(8, 32, 0)),
            "the break begins the instant the round ends"
        );
        assert_eq!(
            at(&d, &events, t(8, 53, 0)),
            running(3, t(8, 52, 0), t(8, 57, 0))
        );
        assert_eq!(at(&d, &events, t(10, 0, 0)), Now::Finished(t(9, 17, 0)));
        let now = at(&d, &events, t(8, 10, 0));
        assert_eq!(behind(&d, &now, t(8, 10, 0)), 120);
        assert_eq!(next_transition(&now), Some(t(8, 22, 0)));
    }

    #[test]
    fn a_pause_keeps_the_time_left_and_shifts_the_rest() {
        let d = day();
        let events = [
            ev(t(8, 0, 0), Action::Start),
            ev(t(8, 15, 0), Action::Pause),
            ev(t(8, 18, 0), Action::Resume),
        ];
        assert_eq!(
            at(&d, &events[..2], t(8, 17, 0)),
            Now::Paused {
                index: 0,
                since: t(8, 0, 0),
                left: Duration::minutes(5)
            }
        );
        let paused = at(&d, &events[..2], t(8, 17, 0));
        assert_eq!(
            next_transition(&paused),
            None,
            "nothing is due while paused"
        );
        assert_eq!(behind(&d, &paused, t(8, 17, 0)), 120);
        assert_eq!(
            at(&d, &events, t(8, 19, 0)),
            running(0, t(8, 0, 0), t(8, 23, 0))
        );
        let plan = projected(&d, &events, t(8, 19, 0));
        assert_eq!(
            plan[2],
            (t(8, 33, 0), t(8, 53, 0)),
            "round 2 three minutes later"
        );
        assert_eq!(plan[4], (t(8, 58, 0), t(9, 18, 0)));
        // A second pause before resuming changes nothing.
        let twice = [
            events[0],
            events[1],
            ev(t(8, 16, 0), Action::Pause),
            events[2],
        ];
        assert_eq!(at(&d, &twice, t(8, 19, 0)), at(&d, &events, t(8, 19, 0)));
    }

    #[test]
    fn an_extension_shifts_the_rest_of_the_session() {
        let d = day();
        let events = [
            ev(t(8, 0, 0), Action::Start),
            ev(t(8, 10, 0), Action::Extend(5 * 60)),
            ev(t(8, 11, 0), Action::Extend(60)),
        ];
        assert_eq!(
            at(&d, &events, t(8, 12, 0)),
            running(0, t(8, 0, 0), t(8, 26, 0))
        );
        let plan = projected(&d, &events, t(8, 12, 0));
        assert_eq!(plan[1], (t(8, 26, 0), t(8, 36, 0)), "the break after it");
        assert_eq!(plan[4].1, t(9, 21, 0), "the day ends six minutes later");
        assert_eq!(behind(&d, &at(&d, &events, t(8, 12, 0)), t(8, 12, 0)), 360);
    }

    #[test]
    fn ending_early_keeps_the_passing_time_and_skipping_does_not() {
        let d = day();
        // Round 2 (index 2) runs 8:30–8:50; it ends at 8:45.
        let start = ev(t(8, 0, 0), Action::Start);
        let early = [start, ev(t(8, 45, 0), Action::EndEarly)];
        assert_eq!(
            at(&d, &early, t(8, 46, 0)),
            running(3, t(8, 45, 0), t(8, 50, 0)),
            "the passing time follows"
        );
        assert_eq!(behind(&d, &at(&d, &early, t(8, 46, 0)), t(8, 46, 0)), -300);
        let skip = [start, ev(t(8, 45, 0), Action::Skip)];
        assert_eq!(
            at(&d, &skip, t(8, 46, 0)),
            running(4, t(8, 45, 0), t(9, 5, 0)),
            "round 3 starts at once"
        );
        let plan = projected(&d, &skip, t(8, 46, 0));
        assert_eq!(
            plan[3],
            (t(8, 45, 0), t(8, 45, 0)),
            "the skipped passing time"
        );
        assert_eq!(plan[2], (t(8, 30, 0), t(8, 45, 0)));
        // Skipping the last phase ends the day.
        let last = [start, ev(t(9, 0, 0), Action::Skip)];
        assert_eq!(at(&d, &last, t(9, 1, 0)), Now::Finished(t(9, 0, 0)));
        // Skipping while paused: the next phase runs.
        let paused = [
            start,
            ev(t(8, 5, 0), Action::Pause),
            ev(t(8, 7, 0), Action::Skip),
        ];
        assert_eq!(
            at(&d, &paused, t(8, 8, 0)),
            running(1, t(8, 7, 0), t(8, 17, 0))
        );
    }

    #[test]
    fn a_restart_mid_day_finds_the_same_state() {
        // The state is a function of the stored events and the instant alone: replaying the
        // same rows at any later instant (another process, after a restart) agrees.
        let d = day();
        let events = vec![
            ev(t(8, 1, 0), Action::Start),
            ev(t(8, 12, 0), Action::Pause),
            ev(t(8, 14, 30), Action::Resume),
            ev(t(8, 40, 0), Action::Extend(120)),
        ];
        let stored = serde_json::to_string(&events).unwrap();
        let reloaded: Vec<Event> = serde_json::from_str(&stored).unwrap();
        for minute in 0..90 {
            let instant = t(8, 0, 0) + Duration::minutes(minute);
            assert_eq!(at(&d, &events, instant), at(&d, &reloaded, instant));
        }
        assert_eq!(
            at(&d, &reloaded, t(8, 41, 0)),
            running(2, t(8, 33, 30), t(8, 55, 30))
        );
    }

    #[test]
    fn actions_that_make_no_sense_now_are_refused_with_a_reason() {
        let d = day();
        assert_eq!(refusal(&Now::Waiting, Action::Start), None);
        assert!(refusal(&Now::Waiting, Action::Pause).is_some());
        let now = at(&d, &[ev(t(8, 0, 0), Action::Start)], t(8, 1, 0));
        assert!(refusal(&now, Action::Start).is_some());
        assert!(refusal(&now, Action::Resume).is_some());
        assert!(refusal(&now, Action::Extend(0)).is_some());
        assert_eq!(refusal(&now, Action::Extend(300)), None);
        assert!(refusal(&Now::Finished(t(9, 0, 0)), Action::Skip).is_some());
    }
}
