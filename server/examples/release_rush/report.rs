//! What the rush's answers and screens say: latencies, and how the pushes followed the seats.

use crate::client::Heard;
use app::ids::SessionId;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// One booking's answer: its applicant, when it was sent and answered, the status, and the
/// session it was confirmed in (none: both choices full).
pub struct Answer {
    pub person: usize,
    pub answered: Instant,
    pub took: Duration,
    pub status: u16,
    pub confirmed: Option<i64>,
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn quantile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    ms(sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)])
}

/// How the screens followed the rush.
pub struct Pushes {
    /// Per message: from the newest answer its fills show to its arrival, sorted.
    pub latency: Vec<Duration>,
    /// Messages that arrived before the answer they show (counted as 0).
    pub early: usize,
    /// The shortest time between two messages on one screen (coalesced: about 200 ms, so at
    /// most 5 a second).
    pub shortest_gap: Duration,
    /// Messages per screen during the rush, sorted.
    pub per_screen: Vec<usize>,
    /// Screens whose last word on a session is not what the database holds.
    pub off_screens: usize,
}

/// Push latency: when each session's c-th confirmation was answered; a message's latency is from
/// the newest answer its fills show to its arrival.
pub fn pushes(
    answers: &[Answer],
    heard: &[Heard],
    release: Instant,
    sessions: &[(SessionId, i64)],
    taken: &[i64],
) -> Pushes {
    let mut confirmed_at: HashMap<i64, Vec<Instant>> = Default::default();
    for a in answers {
        if let Some(s) = a.confirmed {
            confirmed_at.entry(s).or_default().push(a.answered);
        }
    }
    for times in confirmed_at.values_mut() {
        times.sort();
    }
    let mut push = Vec::new();
    let mut early = 0usize;
    let mut shortest_gap = Duration::MAX;
    let mut per_screen = Vec::with_capacity(heard.len());
    let mut off_screens = 0usize;
    for h in heard {
        let during: Vec<_> = h.iter().filter(|(at, _)| *at >= release).collect();
        per_screen.push(during.len());
        for pair in during.windows(2) {
            shortest_gap = shortest_gap.min(pair[1].0 - pair[0].0);
        }
        for (at, fills) in &during {
            let newest = fills
                .iter()
                .filter(|(_, c)| *c > 0)
                .filter_map(|(s, c)| confirmed_at.get(s).and_then(|t| t.get(*c as usize - 1)))
                .max();
            if let Some(newest) = newest {
                match at.checked_duration_since(*newest) {
                    Some(d) => push.push(d),
                    None => {
                        early += 1;
                        push.push(Duration::ZERO);
                    }
                }
            }
        }
        // The screen's last word on each session is what the database holds.
        let mut last: HashMap<i64, i64> = Default::default();
        for (_, fills) in h {
            for (s, c) in fills {
                last.insert(*s, *c);
            }
        }
        let ends_right = sessions
            .iter()
            .zip(taken)
            .all(|((id, _), t)| *t == 0 || last.get(&id.0) == Some(t));
        off_screens += usize::from(!ends_right);
    }
    push.sort();
    per_screen.sort();
    Pushes {
        latency: push,
        early,
        shortest_gap,
        per_screen,
        off_screens,
    }
}
