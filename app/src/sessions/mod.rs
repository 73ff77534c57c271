//! Interview sessions: blocks of interview time with a capacity, created and edited by
//! coordinators, filling live as applicants book.

pub mod api;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
