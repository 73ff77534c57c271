//! Live updates: the in-process hub that mutating code publishes to. The push route and the
//! client side arrive with the session-fill feature.

#[cfg(feature = "ssr")]
mod hub {
    use serde::{Deserialize, Serialize};
    use tokio::sync::broadcast;

    /// One change, scoped to the program it belongs to.
    #[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
    pub struct Event {
        pub program_id: i64,
        pub kind: String,
        pub payload: String,
    }

    #[derive(Clone)]
    pub struct Hub {
        tx: broadcast::Sender<Event>,
    }

    impl Default for Hub {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Hub {
        pub fn new() -> Self {
            Self {
                tx: broadcast::channel(1024).0,
            }
        }
        pub fn publish(&self, event: Event) {
            let _ = self.tx.send(event);
        }
        pub fn subscribe(&self) -> broadcast::Receiver<Event> {
            self.tx.subscribe()
        }
    }
}

#[cfg(feature = "ssr")]
pub use hub::{Event, Hub};
