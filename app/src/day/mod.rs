//! A session's interview day: rooms with their interviewers, rounds and breaks, conflicts of
//! interest, day templates, and the generator that rotates applicants through the rooms.

pub mod api;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
