//! How a browser knows the server's time: NTP's idea, small. Each sync is a few round trips; a
//! round trip sent at the browser's `sent`, answered with the server's clock, received at
//! `received`, says the server was `server − (sent + received) / 2` ahead, give or take half the
//! round trip. The fastest recent round trip has the least room for error, so the estimate is
//! the offset of the fastest of the last few. Countdowns show the time left to a deadline from
//! this estimate, never from their own tick count.

use std::collections::VecDeque;

/// One round trip, in milliseconds: the browser's clock when it sent and received, the server's
/// when it answered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub sent: f64,
    pub server: f64,
    pub received: f64,
}

impl Sample {
    /// How long the round trip took.
    pub fn delay(&self) -> f64 {
        self.received - self.sent
    }

    /// How far the server's clock is ahead of the browser's, by this round trip.
    pub fn offset(&self) -> f64 {
        self.server - (self.sent + self.received) / 2.0
    }
}

/// How many recent round trips the estimate chooses from (two syncs' worth): older ones have
/// drifted.
pub const KEEP: usize = 8;

/// How far two round trips may disagree beyond what their delays allow before the server's
/// clock is taken to have stepped (drift over two syncs is a few milliseconds).
pub const STEP_MARGIN_MS: f64 = 50.0;

/// The server's clock as seen from the browser.
#[derive(Debug, Clone, Default)]
pub struct Estimator {
    samples: VecDeque<Sample>,
}

impl Estimator {
    /// Adds a round trip (one that went backwards, a clock jump, is ignored). A round trip
    /// that cannot agree with the estimate (the server's clock stepped: corrected by NTP, a
    /// test clock moved) starts it afresh, so the tab follows at this sync rather than after
    /// the older, faster round trips have aged out.
    pub fn add(&mut self, s: Sample) {
        if !(s.delay() >= 0.0 && s.delay().is_finite() && s.server.is_finite()) {
            return;
        }
        if let Some(best) = self.fastest() {
            // Each round trip puts the true offset within half its delay of its own offset.
            let room = (s.delay() + best.delay()) / 2.0 + STEP_MARGIN_MS;
            if (s.offset() - best.offset()).abs() > room {
                self.samples.clear();
            }
        }
        if self.samples.len() == KEEP {
            self.samples.pop_front();
        }
        self.samples.push_back(s);
    }

    /// Forgets every round trip (after the browser's clock jumped: a sleep, a change of time).
    pub fn reset(&mut self) {
        self.samples.clear();
    }

    fn fastest(&self) -> Option<&Sample> {
        self.samples
            .iter()
            .min_by(|a, b| a.delay().total_cmp(&b.delay()))
    }

    /// The server's clock minus the browser's, from the fastest recent round trip.
    pub fn offset(&self) -> Option<f64> {
        self.fastest().map(Sample::offset)
    }

    /// The server's time when the browser's clock reads `local`.
    pub fn server_time(&self, local: f64) -> Option<f64> {
        self.offset().map(|o| local + o)
    }
}

/// The time left to `deadline` (server milliseconds) when the browser's clock reads `local`,
/// in whole seconds rounded up (a countdown shows 0 only at the end), never below zero.
pub fn seconds_left(estimator: &Estimator, deadline: f64, local: f64) -> Option<i64> {
    let now = estimator.server_time(local)?;
    Some((((deadline - now) / 1000.0).ceil() as i64).max(0))
}

/// A simulated hour of syncing over a bad network, to prove the estimator (a unit test holds it
/// to 250 ms; `cargo run -p server --example clock_sync` prints the figures).
#[cfg(not(target_arch = "wasm32"))]
pub mod simulation {
    use super::{Estimator, Sample};

    /// The world of one run.
    #[derive(Debug, Clone, Copy)]
    pub struct World {
        pub seed: u64,
        /// The browser's clock minus the server's at the start, ms.
        pub skew_ms: f64,
        /// How fast the browser's clock runs against the server's, parts per million.
        pub drift_ppm: f64,
        /// Seconds simulated.
        pub seconds: u32,
        /// Seconds between syncs.
        pub sync_every: u32,
        /// Round trips per sync.
        pub trips: u32,
    }

    /// What a run measured: the estimate's error against the server's true time, sampled every
    /// 100 ms after the first sync.
    #[derive(Debug, Clone, Copy)]
    pub struct Report {
        pub max_error_ms: f64,
        pub p99_error_ms: f64,
        pub mean_error_ms: f64,
    }

    /// xorshift64*: a seeded stream, the same on every machine.
    struct Rng(u64);

    impl Rng {
        fn unit(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
            (x >> 11) as f64 / (1u64 << 53) as f64
        }

        /// One way across the network: 10 ms at best, usually tens more (exponential), and
        /// one time in twenty a stall of up to two seconds.
        fn one_way(&mut self) -> f64 {
            let base = 10.0 - 40.0 * (1.0 - self.unit()).ln();
            if self.unit() < 0.05 {
                base + 2000.0 * self.unit()
            } else {
                base
            }
        }
    }

    /// Runs one hour (or `world.seconds`).
    pub fn run(world: World) -> Report {
        let mut rng = Rng(world.seed.max(1));
        // The browser's clock at server time `t` (ms).
        let local = |t: f64| t * (1.0 + world.drift_ppm / 1e6) + world.skew_ms;
        let mut estimator = Estimator::default();
        let mut errors = Vec::new();
        let mut next_sync = 0.0;
        let mut t = 0.0;
        let end = f64::from(world.seconds) * 1000.0;
        while t < end {
            if t >= next_sync {
                // A sync: round trips one after the other.
                let mut at = t;
                for _ in 0..world.trips {
                    let sent = local(at);
                    let arrives = at + rng.one_way();
                    let back = arrives + rng.one_way();
                    estimator.add(Sample {
                        sent,
                        server: arrives,
                        received: local(back),
                    });
                    at = back;
                }
                next_sync = t + f64::from(world.sync_every) * 1000.0;
            }
            if let Some(server) = estimator.server_time(local(t)) {
                errors.push((server - t).abs());
            }
            t += 100.0;
        }
        errors.sort_unstable_by(f64::total_cmp);
        let n = errors.len().max(1);
        Report {
            max_error_ms: errors.last().copied().unwrap_or(0.0),
            p99_error_ms: errors[(n * 99 / 100).min(n - 1)],
            mean_error_ms: errors.iter().sum::<f64>() / n as f64,
        }
    }

    /// The worlds the test and the example run: skews of ±5 s, drifts of ±100 ppm.
    pub fn worlds() -> Vec<World> {
        let mut out = Vec::new();
        let mut seed = 1;
        for skew_ms in [-5000.0, 0.0, 5000.0] {
            for drift_ppm in [-100.0, 0.0, 100.0] {
                out.push(World {
                    seed,
                    skew_ms,
                    drift_ppm,
                    seconds: 3600,
                    sync_every: 30,
                    trips: 4,
                });
                seed += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fastest_round_trip_sets_the_offset() {
        let mut e = Estimator::default();
        assert_eq!(e.offset(), None);
        // Server 5 s ahead; a slow, lopsided trip and a fast one.
        e.add(Sample {
            sent: 1000.0,
            server: 6900.0,
            received: 1950.0,
        });
        e.add(Sample {
            sent: 2000.0,
            server: 7020.0,
            received: 2040.0,
        });
        assert_eq!(e.offset(), Some(5000.0));
        assert_eq!(e.server_time(3000.0), Some(8000.0));
        // A round trip that went backwards (the clock jumped) is ignored.
        e.add(Sample {
            sent: 3000.0,
            server: 0.0,
            received: 2000.0,
        });
        assert_eq!(e.offset(), Some(5000.0));
        assert_eq!(seconds_left(&e, 8000.0 + 119_500.0, 3000.0), Some(120));
        assert_eq!(
            seconds_left(&e, 7000.0, 3000.0),
            Some(0),
            "never below zero"
        );
    }

    #[test]
    fn a_step_of_the_servers_clock_is_followed_at_the_next_round_trip() {
        let mut e = Estimator::default();
        // Fast round trips: the server is 5 s ahead.
        for i in 0..4 {
            let t = f64::from(i) * 1000.0;
            e.add(Sample {
                sent: t,
                server: t + 5010.0,
                received: t + 20.0,
            });
        }
        assert_eq!(e.offset(), Some(5000.0));
        // Its clock steps an hour on; the next round trip is slower than those before.
        e.add(Sample {
            sent: 30_000.0,
            server: 30_000.0 + 3_605_100.0,
            received: 30_200.0,
        });
        assert_eq!(e.offset(), Some(3_605_000.0));
        // Jitter within the round trips' own room is no step: the fastest still counts.
        e.add(Sample {
            sent: 31_000.0,
            server: 31_000.0 + 3_605_040.0,
            received: 31_060.0,
        });
        e.add(Sample {
            sent: 32_000.0,
            server: 32_000.0 + 3_605_300.0,
            received: 32_500.0,
        });
        assert_eq!(e.offset(), Some(3_605_010.0));
    }

    #[test]
    fn only_the_last_few_round_trips_count() {
        let mut e = Estimator::default();
        // A very fast round trip, a millisecond off the later ones.
        e.add(Sample {
            sent: 0.0,
            server: 500.0,
            received: 2.0,
        });
        assert_eq!(e.offset(), Some(499.0));
        for i in 1..=KEEP {
            let at = i as f64 * 1000.0;
            e.add(Sample {
                sent: at,
                server: at + 500.0 + 25.0,
                received: at + 50.0,
            });
        }
        assert_eq!(
            e.offset(),
            Some(500.0),
            "the old fast trip has been dropped"
        );
    }

    #[test]
    fn an_hour_of_jitter_skew_and_drift_stays_within_250_ms() {
        for world in simulation::worlds() {
            let report = simulation::run(world);
            assert!(
                report.max_error_ms < 250.0,
                "{world:?}: max error {:.1} ms",
                report.max_error_ms
            );
        }
    }
}
