//! Applicants: their statuses, the invitation gate, and the applicant's own pages.

pub mod api;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
