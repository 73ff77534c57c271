//! The Communications page (`/communications`): every message of the program with where it
//! stands (queued, sent, retrying with the relay's answer, failed, bounced), filtered by person,
//! kind, state and days, searched, paged, newest first; one message whole
//! (`/communications/messages/:id`), resent; every failed one resent after a confirm step.
//! `types` the filter, `domain` its rules, `repo` the queries, `ssr` the workflows, `pages` the
//! screens written on the server, `components` the pages around them.

pub mod components;
#[cfg(feature = "ssr")]
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
