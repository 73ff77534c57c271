//! Scoring: the program's library of scoring forms (versioned once scored), an interviewer's
//! own score sheets (drafts, submission, revisions; never another's), and the ranks with
//! calibration of harsh and lenient interviewers, computed by the pure score math; after Match
//! Day, who matched.

pub mod api;
pub mod components;
pub mod domain;
pub mod form;
#[cfg(feature = "ssr")]
pub mod match_api;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
