//! Accounts and roles: log in and out, applicant sign-up with a confirmed e-mail, set-password
//! links, the role switcher and the program switcher.

pub mod api;
#[cfg(feature = "ssr")]
pub mod caller;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
