//! Application files: one PDF per applicant, uploaded by a coordinator one at a time or as a
//! ZIP matched by application id or e-mail (previewed, then attached in one transaction), kept
//! in the database, and read by the interviewers who interview the applicant (the rule is
//! scoring's: `crate::scoring::ssr::application_file`). The routes that take and serve the
//! files are `server/src/files.rs`.

pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
#[cfg(feature = "ssr")]
pub mod zip;
