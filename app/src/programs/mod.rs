//! Programs (the tenants) and their staff: the overview page, the staff list, adding staff,
//! and creating a program with its first director.

pub mod api;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod staff;
pub mod types;
