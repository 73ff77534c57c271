//! Communications: the e-mails the portal sends. Each kind has a default subject and body in a
//! small template language ([`domain`]); a program may write its own (the Templates page); a
//! message is rendered from its kind's template and queued in the outbox in the caller's
//! transaction ([`ssr::send`]), with an HTML part written from its plain text.

pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
