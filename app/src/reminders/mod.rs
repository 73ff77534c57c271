//! Reminders and alerts: a program's reminders to confirmed applicants before their session and
//! to interviewers before their day, the coordinators' daily digest, and the alerts each staff
//! member chooses to get when an applicant declines, is cancelled, withdrawn or moved. The
//! reminders and digest are sent by a background job driven by the stored session times and a
//! record of what was sent ([`ssr`]); an alert is queued in the change's own transaction
//! ([`ssr::alert_staff`]).

pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
