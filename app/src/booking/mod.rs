//! Booking: an applicant choosing their sessions (confirmed in the first choice, else the
//! second, when the program schedules itself; Pending otherwise) or declining, the race-safe
//! seat taking, and a coordinator assigning a pending applicant. Applicants' statuses and the
//! invitation gate are `crate::applicants`'. The fair release's draw is [`lottery`] (pure).

pub mod api;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod lottery;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
