//! The day clock: a published day runs on the server's clock, as a stored timeline (start,
//! pauses, extensions, early ends, skips) from which every screen's countdown follows.

pub mod api;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod sync;
pub mod types;
