//! A person's own account (`/account`): their name, their e-mail (a new one takes effect once
//! its confirmation link, sent to the new address, is opened; the old address is told), and
//! their login sessions (the device, when last used, this one marked), any other of which, or
//! all, they can end. Applicants and staff alike.

pub mod api;
pub mod components;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
