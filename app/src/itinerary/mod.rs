//! Finalized days and itineraries: "Finalize" publishes a session's draft as a numbered version
//! (kept whole, every version viewable); applicants and interviewers see the version that is
//! out, never the draft; a publish tells just the people whose day changed.

pub mod api;
#[cfg(feature = "ssr")]
pub mod calendar;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod print;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
