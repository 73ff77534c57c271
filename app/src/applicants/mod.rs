//! Applicants: their statuses, the invitation gate, the coordinator's applicant list, and the
//! applicant's own My Programs (choosing and assigning sessions are `crate::booking`'s).

pub mod api;
pub mod changes;
pub mod components;
/// An applicant's own page: their record and the changes open to them.
pub mod detail;
pub mod domain;
/// Application files: one PDF per applicant, uploaded one by one or as a ZIP.
pub mod files;
/// Importing applicants from a CSV file: a preview, then all valid rows or none.
pub mod import;
/// The list at a season's size: paged, filtered, sorted; bulk actions; the CSV export.
pub mod list;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
