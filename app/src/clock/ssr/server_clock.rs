//! The server's clock: the system's, or one tests move.

use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// The server's clock. In production the system's; started with the test flag
/// (`PORTAL_TEST_CLOCK=1`), a test can move it forward (`/test/clock`) and set it back.
#[derive(Debug, Clone, Default)]
pub struct ServerClock {
    movable: bool,
    shift_ms: Arc<AtomicI64>,
}

impl ServerClock {
    pub fn new(movable: bool) -> Self {
        ServerClock {
            movable,
            shift_ms: Arc::new(AtomicI64::new(0)),
        }
    }

    /// Now, to the millisecond (as stored, so what a change answers and what is read back
    /// later agree).
    pub fn now(&self) -> DateTime<Utc> {
        let ms = Utc::now().timestamp_millis() + self.shift_ms.load(Ordering::Relaxed);
        DateTime::from_timestamp_millis(ms).unwrap_or_else(Utc::now)
    }

    /// Whether tests may move it.
    pub fn movable(&self) -> bool {
        self.movable
    }

    /// Moves it forward by `ms` (test flag only; nothing without it).
    pub fn advance(&self, ms: i64) {
        if self.movable {
            self.shift_ms.fetch_add(ms, Ordering::Relaxed);
        }
    }

    /// Back to the system's time (test flag only).
    pub fn reset(&self) {
        if self.movable {
            self.shift_ms.store(0, Ordering::Relaxed);
        }
    }
}
