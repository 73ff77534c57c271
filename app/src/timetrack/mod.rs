//! TimeTrack: the running day's screens. Rooms go Ready → In progress → Completed (set by their
//! interviewers, overridden by a coordinator); the coordinator's overview shows every room and
//! flags what needs a person; broadcasts reach the session's people at once; interviewers and
//! applicants see where to be now and next.

pub mod api;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
