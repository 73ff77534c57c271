//! Meeting rooms: a program's welcome rooms, lounges and debriefs, for applicants, interviewers
//! or both, at set hours. Coordinators list, add and remove them on their page; a publish
//! carries a session's rooms into the itineraries of their audience.

pub mod api;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
