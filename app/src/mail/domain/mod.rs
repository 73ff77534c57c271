//! The e-mails' pure rules: the template language ([`template`]), the kinds of message with
//! their default texts ([`kinds`]) and where a queued message stands ([`state`]).

pub mod kinds;
#[cfg(feature = "ssr")]
pub mod render;
pub mod state;
pub mod template;

pub use kinds::{Audience, MailKind};
#[cfg(feature = "ssr")]
pub use render::{render, Rendered, Values};
pub use state::{Delivery, MessageState};
#[cfg(feature = "ssr")]
pub use template::html_of;
pub use template::{Placeholder, Problem, Template, TemplateError};
