//! Live updates. Mutating code publishes [`Event`]s to the in-process [`Hub`] (on PostgreSQL
//! the server's fan-out also passes them to the other instances); the server's push route
//! (`/events`, server-sent events) forwards to each browser tab what its viewer may see,
//! coalesced to the latest fill per session. In the browser, one `EventSource` per tab feeds
//! the [`Live`] signals every component reads.
//!
//! [`message`]: what a push carries; [`client`]: the browser's signals and stream; [`hub`]: the
//! server's hub and events; [`changes`]: what a write publishes.

#[cfg(feature = "ssr")]
mod changes;
mod client;
#[cfg(feature = "ssr")]
mod hub;
mod message;

#[cfg(feature = "ssr")]
pub use changes::{changes, publish_rescope, Changes};
pub use client::{connect, provide_live, use_live, Live};
#[cfg(feature = "ssr")]
pub use hub::{Audience, Change, Editor, Event, Hub};
pub use message::{DraftChange, Editors, LiveMessage};
