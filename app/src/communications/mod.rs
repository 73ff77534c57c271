//! Communications: a program's screens about its e-mails. The Templates page (`/templates`:
//! the kinds a program may write, the editor, a preview filled with a real applicant). What a
//! message is and how it is sent is [`crate::mail`]'s.

pub mod components;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
