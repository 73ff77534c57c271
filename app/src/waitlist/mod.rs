//! Waitlists: an applicant whose choices are full waits in a session's line, sees their place
//! kept current, and is offered (in order) or told of (first come) a freed seat, which a job
//! gives to the line by itself; coordinators see each line, reorder it and offer a seat by
//! hand. Also an applicant's change of plans as their page shows it (`MyPlans`: the locks of
//! their confirmed interview, whom to contact, their places). The rules (mode, offer hours,
//! locks) are `booking::rules`; the seat checks are sessions' and booking's.

pub mod api;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
