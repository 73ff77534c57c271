//! Server side of booking, a file per workflow: an applicant choosing their sessions and
//! declining (`choose`), the race-safe seat taking both choosing and assigning go through
//! (`seats`), a coordinator assigning a pending applicant (`assign`), the audit line of a
//! seat given (`audit`), and the applicant's e-mail of it (`mail`).

pub mod assign;
mod audit;
pub mod choose;
mod mail;
pub mod seats;

pub use assign::assign;
pub use choose::{decline, submit_choices};
