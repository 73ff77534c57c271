//! Communications: a program's screens about its e-mails. The Templates page (`/templates`:
//! the kinds a program may write, the editor, a preview filled with a real applicant); the
//! Communications page (`/communications`: every message with where it stands, resent;
//! [`messages`]); writing to a list (`/communications/send`; [`send_list`]). What a message is
//! and how it is sent is [`crate::mail`]'s.

pub mod components;
pub mod messages;
pub mod pages;
pub mod send_list;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
