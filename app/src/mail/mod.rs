//! Mail: the e-mails the portal sends. Each kind has a default subject and body in a small
//! template language ([`domain`]); a program may write its own (the Templates page, in
//! [`crate::communications`]); a message is rendered from its kind's template and queued in the
//! outbox in the caller's transaction ([`ssr::send`]), with an HTML part written from its plain
//! text. It sits beside auth (whose account messages it sends) and takes no caller type: whatever
//! a message says is passed in.

pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
