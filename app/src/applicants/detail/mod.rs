//! An applicant's own page, `/applicants/:id`: who they are (ids, track, phone), where they stand
//! (status, session, choices), their application summary, and the changes open to them now
//! (withdraw, cancel, move, delete: `super::changes`), the messages sent to them (`messages`),
//! written on the server for two [`crate::ui::ServerPanel`]s (`pages`); `components` is the page
//! around them.

mod components;
#[cfg(feature = "ssr")]
mod messages;
pub mod pages;
#[cfg(feature = "ssr")]
mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use components::ApplicantPage;
