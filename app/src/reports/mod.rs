//! Reports: the season at a glance for the coordinators' weekly answer to their program
//! director. Each report is a table (sessions, statuses, invitations by wave, interviewers),
//! written on the server from the same rows the other screens read, shown in a panel that
//! reloads on every live push, and downloadable as CSV from the same table, so the file and the
//! page never disagree.

pub mod components;
#[cfg(feature = "ssr")]
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
