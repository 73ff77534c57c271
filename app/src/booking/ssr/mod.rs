//! Server side of booking, a file per workflow: an applicant choosing their sessions and
//! declining (`choose`), the race-safe seat taking both choosing and assigning go through
//! (`seats`), a coordinator assigning a pending applicant (`assign`), the audit line of a
//! seat given (`audit`), and the applicant's e-mail of it (`mail`); an applicant's change of
//! plans (`change`: cancel, reschedule) until the locks, whether a session takes a booking now
//! (`open`: released, before its booking lock), and the program's rules for changes (`rules`).

pub mod assign;
pub(crate) mod audit;
pub mod change;
pub mod choose;
pub(crate) mod mail;
pub(crate) mod open;
pub mod rules;
pub mod seats;

pub use assign::assign;
pub use choose::{decline, submit_choices};
