//! Writing to a list (`/communications/send`): a coordinator writes a one-off message (subject
//! and body, with the placeholders of a message to applicants, checked with their line and
//! column) to the applicants of a filter of the applicant list (a status, a session, a search),
//! sees it filled for the first of them with "This goes to N applicants", then sends it: one
//! outbox message per applicant (`MailKind::OneOff`) in one transaction, and one audit line.

pub mod components;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
