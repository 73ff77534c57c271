//! Sessions' screens, written on the server as HTML for a [`crate::ui::ServerPanel`] (none of
//! their view code is in the browser's bundle), each beside the server function that serves
//! it: the sessions list and the new-session form (`list`), one session's figures and its edit
//! and delete forms (`session`); the form and the fill bar they share are in `parts`.

mod list;
#[cfg(feature = "ssr")]
mod parts;
mod session;

pub use list::*;
pub use session::*;
