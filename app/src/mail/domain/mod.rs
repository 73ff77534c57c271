//! The e-mails' pure rules: the template language ([`template`], its [`placeholder`]s, the
//! HTML part written from the text: [`html`]), the kinds of message with
//! their default texts ([`kinds`]) and where a queued message stands ([`state`]).

#[cfg(feature = "ssr")]
pub mod html;
pub mod kinds;
pub mod placeholder;
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
