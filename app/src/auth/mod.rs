//! Accounts and roles: log in and out, applicant sign-up with a confirmed e-mail, set-password
//! links, the role switcher and the program switcher; "Forgot your password?" (`reset`).
//! A person's own account page is [`crate::account`]'s.

pub mod api;
#[cfg(feature = "ssr")]
pub mod caller;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod reset;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
