//! A coordinator's changes to an applicant once invited: withdrawing the invitation, cancelling
//! a confirmed booking, moving a confirmed applicant to another session, deleting one who never
//! booked. Each is one plain workflow in `ssr` (what the list's bulk actions call, applicant by
//! applicant): one transaction holding the rule ([`Status::change`]), the seat check, the audit
//! row and the e-mail, then a live push. `api` holds the thin server functions.
//!
//! [`Status::change`]: crate::applicants::domain::Status::change

pub mod api;
#[cfg(feature = "ssr")]
mod mail;
#[cfg(feature = "ssr")]
mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;

#[cfg(feature = "ssr")]
pub use ssr::{cancel, delete, move_to, withdraw};
