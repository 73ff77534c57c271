//! Applicants: their statuses, the invitation gate, choices and booking, the coordinator's
//! applicant list, and the applicant's own pages.

pub mod api;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
