//! The portal's own video: its signalling over a WebSocket (`ssr`) to the media server in the
//! portal's process (`crate::media`), who may enter a room and when (`domain`), and in the
//! browser the "Check your setup" page (`components`): camera and microphone with device
//! choice, a speaker test, and the connection tried against this server (the browser's media
//! sent to it and received back).

pub mod api;
pub mod components;
/// Who may enter a room, and when (pure; its signalling uses it next).
#[cfg(feature = "ssr")]
pub mod domain;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
