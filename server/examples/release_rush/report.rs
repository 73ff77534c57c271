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

fn ms(d: Duration) -> f64 {
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
    pub most_in_a_second: usize,
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
    let mut most_in_a_second = 0usize;
    let mut per_screen = Vec::with_capacity(heard.len());
    let mut off_screens = 0usize;
    for h in heard {
        let during: Vec<_> = h.iter().filter(|(at, _)| *at >= release).collect();
        per_screen.push(during.len());
        for (i, (at, _)) in during.iter().enumerate() {
            let within = during[i..]
                .iter()
                .take_while(|(b, _)| *b < *at + Duration::from_secs(1))
                .count();
            most_in_a_second = most_in_a_second.max(within);
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
        most_in_a_second,
        per_screen,
        off_screens,
    }
}
