//! The coordinator's applicant list at a season's size (thousands): paged, filtered, searched
//! and sorted on the server ([`query`], [`repo`]); bulk actions on ticked rows or on every
//! applicant the filter matches, each applicant checked on its own ([`ssr`]); the list as CSV
//! ([`export`]). The screen is `applicants::pages`.

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod query;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
