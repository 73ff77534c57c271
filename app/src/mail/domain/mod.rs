//! The e-mails' pure rules: the template language ([`template`]) and the kinds of message with
//! their default texts ([`kinds`]).

pub mod kinds;
#[cfg(feature = "ssr")]
pub mod render;
pub mod template;

pub use kinds::{Audience, MailKind};
#[cfg(feature = "ssr")]
pub use render::{render, Rendered, Values};
#[cfg(feature = "ssr")]
pub use template::html_of;
pub use template::{Placeholder, Problem, Template, TemplateError};
