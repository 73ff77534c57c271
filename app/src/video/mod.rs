//! The portal's own video: its signalling over a WebSocket (`ssr`) to the media server in the
//! portal's process (`crate::media`), and in the browser the "Check your setup" page
//! (`components`): camera and microphone with device choice, a speaker test, and the
//! connection tried against this server (the browser's media sent to it and received back).

pub mod components;
#[cfg(feature = "ssr")]
pub mod ssr;
